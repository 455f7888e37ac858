"""The web UI and JSON API (FastAPI); `newsgraph.views.web.app.create_app` builds it."""
