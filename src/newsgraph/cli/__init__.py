"""newsgraph's command line: a thin layer that parses arguments, calls the library and prints.

Each command is one module; registering a command means importing its module here.
"""

from newsgraph.cli import (  # noqa: F401  (imported for their @app.command registrations)
    browse,
    eval_claims,
    eval_extraction,
    eval_incidents,
    eval_stories,
    export,
    fetch,
    ingest,
    link,
    report,
    scale,
    serve,
    stats,
)
from newsgraph.cli.app import app

__all__ = ["app"]
