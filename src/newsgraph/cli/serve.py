"""`newsgraph serve`: the web UI and JSON API over the store, with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from newsgraph.cli.app import (
    StoreOption,
    app,
    console,
    reported_errors,
    settings_for,
    setup_logging,
)


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535, help="Port.")] = 8000,
    store: StoreOption = None,
) -> None:
    """Serve the web UI and the JSON API (/api, schema at /api/openapi.json); read-only unless
    NEWSGRAPH_API_TOKEN is set."""
    from newsgraph.errors import MissingExtra
    from newsgraph.store import open_store

    settings = settings_for(store)
    setup_logging()
    with reported_errors():
        open_store(settings.store_url, create=False).close()  # refuse a store that is not there
        try:
            import uvicorn

            from newsgraph.views.web.app import create_app
        except ImportError as exc:
            raise MissingExtra(
                f"the web UI needs {exc.name}", hint="pip install 'newsgraph[web]'"
            ) from exc
        web = create_app(settings.store_url, settings=settings)
    writable = "POST /api/ingest enabled" if web.state.api_token else "read-only"
    console.print(f"newsgraph on http://{host}:{port}/ ({writable}); Ctrl-C stops it")
    uvicorn.run(web, host=host, port=port, log_level="warning")
