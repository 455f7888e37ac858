"""newsgraph's command line: a thin layer that parses arguments, calls the library and prints.

Each command is one module, listed in `newsgraph.cli.app.COMMANDS` and imported only when the
command runs, so `newsgraph --help` and the quick commands start fast.
"""

from newsgraph.cli.app import app

__all__ = ["app"]
