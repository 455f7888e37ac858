"""The Typer application and the options several commands share; commands live one per module.

Start-up is kept short: a command's module, and the libraries it needs, are imported only when
that command runs (`LazyGroup`); `--help` lists the commands from their modules' source.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.text import Text
from typer import _click as click  # Typer vendors Click: its groups and commands are these
from typer.core import TyperCommand, TyperGroup

from newsgraph.errors import Interrupted, NewsgraphError, StoreMissing

if TYPE_CHECKING:
    from newsgraph.config import Settings

# every command, in the order `--help` lists them, and the module that defines it
COMMANDS: dict[str, str] = {
    "ingest": "newsgraph.cli.ingest",
    "fetch": "newsgraph.cli.fetch",
    "watch": "newsgraph.cli.fetch",
    "link": "newsgraph.cli.link",
    "run": "newsgraph.cli.scale",
    "load": "newsgraph.cli.scale",
    "stats": "newsgraph.cli.stats",
    "stories": "newsgraph.cli.browse",
    "show": "newsgraph.cli.browse",
    "entities": "newsgraph.cli.browse",
    "facts": "newsgraph.cli.browse",
    "changes": "newsgraph.cli.changes",
    "search": "newsgraph.cli.browse",
    "report": "newsgraph.cli.report",
    "export": "newsgraph.cli.export",
    "serve": "newsgraph.cli.serve",
}
EVAL_MODULES = (
    "newsgraph.cli.eval_claims",
    "newsgraph.cli.eval_extraction",
    "newsgraph.cli.eval_stories",
    "newsgraph.cli.eval_quantities",
    "newsgraph.cli.eval_attribution",
    "newsgraph.cli.eval_provenance",
    "newsgraph.cli.eval_incidents",
    "newsgraph.cli.eval_entities",
)
EVAL_HELP = "Score newsgraph on the benchmarks in ../shared/bench."


class LazyGroup(TyperGroup):
    """A command group that imports a command's module only when that command is run or asked
    for its own help; listing the commands reads their docstrings from the source instead."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*COMMANDS, "eval"]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        if cmd_name == "eval":
            return TyperGroup(name="eval", help=EVAL_HELP)
        if cmd_name in COMMANDS:
            return TyperCommand(cmd_name, help=_docstring(COMMANDS[cmd_name], cmd_name))
        return None

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = str(args[0]) if args else ""
        if name and name not in self.commands:
            loaded = load_command(name)
            if loaded is not None:
                self.commands[name] = loaded
        return super().resolve_command(ctx, args)


def load_command(name: str) -> click.Command | None:
    """The real Click command `name`, importing the module that defines it."""
    from typer.main import get_command_from_info, get_group_from_info
    from typer.models import TyperInfo

    if name == "eval":
        for module in EVAL_MODULES:
            importlib.import_module(module)
        return get_group_from_info(
            TyperInfo(eval_app, name="eval"),
            pretty_exceptions_short=app.pretty_exceptions_short,
            rich_markup_mode=app.rich_markup_mode,
            suggest_commands=app.suggest_commands,
        )
    if name not in COMMANDS:
        return None
    importlib.import_module(COMMANDS[name])
    for info in app.registered_commands:
        if info.name == name:
            return get_command_from_info(
                info,
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
    raise LookupError(f"{COMMANDS[name]} does not register the command {name!r}")


def _docstring(module: str, name: str) -> str:
    """The docstring of the function registered as `@app.command(name)` in `module`'s source."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return ""
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                if (
                    isinstance(decorator, ast.Call)
                    and decorator.args
                    and isinstance(decorator.args[0], ast.Constant)
                    and decorator.args[0].value == name
                ):
                    return ast.get_docstring(node) or ""
    return ""


class App(typer.Typer):
    """The Typer app, with a last line of defence: an error nobody foresaw is one line for a
    person, its traceback goes to the log."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from newsgraph.errors import BadSetting

        try:
            return super().__call__(*args, **kwargs)
        except BadSetting as exc:  # before any log can be placed: the settings say where
            print_problem("error", str(exc), style="red")
            sys.exit(2)
        except Exception as exc:
            logging.getLogger("newsgraph").exception("unexpected error")
            print_problem(
                "error",
                f"unexpected {type(exc).__name__}: {' '.join(str(exc).split())} "
                f"(details in {log_path()}; please report it)",
                style="red",
            )
            sys.exit(70)


app = App(
    name="newsgraph",
    help="Turn news pages about a developing story into a traceable record.",
    cls=LazyGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: Typer's rich help marks every flag <bool>
    context_settings={"help_option_names": ["-h", "--help"]},
)
eval_app = typer.Typer(help=EVAL_HELP, no_args_is_help=True, rich_markup_mode=None)


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"newsgraph {version('newsgraph')}")
        raise typer.Exit()


@app.callback()
def main(
    _version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Turn news pages about a developing story into a traceable record."""


# piped or redirected output is never wrapped: scripts get whole lines and whole ids
console = Console(width=None if sys.stdout.isatty() else 100_000)
err_console = Console(stderr=True)

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        "-s",
        help="SQLite file or postgresql:// URL (default: $NEWSGRAPH_STORE or ./newsgraph.db).",
        show_default=False,
    ),
]

WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        "-w",
        min=1,
        help="Processes analysing pages (default: one per core; 1 analyses in this process).",
        show_default=False,
    ),
]

LinkOption = Annotated[
    bool,
    typer.Option(
        "--link/--no-link",
        help="Link the new articles (rewrites, stories, facts): along the workers as batches "
        "are stored, and what is left at the end.",
    ),
]


# -- the log ---------------------------------------------------------------------------------

_settings: Settings | None = None  # the settings of the command running, which place the log


def settings_for(store: str | None) -> Settings:
    """Settings from the environment, with a --store given on the command line taking precedence.

    The log goes where these settings say (beside the store, NEWSGRAPH_LOG, the state folder)."""
    from newsgraph.config import Settings

    global _settings
    settings = Settings()
    if store:
        settings = settings.model_copy(update={"store": store})
    _settings = settings
    return settings


def log_path() -> Path:
    """Where the running command logs (see `Settings.log_path`)."""
    if _handler.explicit is not None:
        return _handler.explicit
    if _settings is not None:
        return _settings.log_path
    from newsgraph.config import Settings

    return Settings().log_path


class _LogFile(logging.Handler):
    """Writes to the log file, opened (with its folder) on the first record only: a command
    that has nothing to log creates nothing. A log that cannot be written is given up quietly,
    never a traceback on the terminal."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.explicit: Path | None = None
        self.file: logging.FileHandler | None = None
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            path = log_path()
            if self.file is None or self.file.baseFilename != os.path.abspath(path):
                if self.file is not None:
                    self.file.close()
                path.parent.mkdir(parents=True, exist_ok=True)
                self.file = logging.FileHandler(path, encoding="utf-8")
                self.file.setFormatter(self.formatter)
            self.file.emit(record)
        except Exception:  # the log is a convenience: losing it must not stop the command
            self.close()

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None
        super().close()


_handler = _LogFile()


def setup_logging(log_file: str | None = None) -> None:
    """Details go to the log file; the terminal gets one line per problem.

    The file is `log_file` when given, else where the command's settings put it (see
    `settings_for`); it is created on the first record. Alembic's INFO chatter is left out."""
    _handler.explicit = Path(log_file) if log_file else None
    root = logging.getLogger()
    if _handler not in root.handlers:
        root.addHandler(_handler)
    root.setLevel(logging.INFO)
    logging.getLogger("alembic").setLevel(logging.WARNING)


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn newsgraph's own errors, and files that cannot be read or written, into one line for a
    person and exit code 2; details go to the log."""
    try:
        yield
    except Interrupted:
        raise
    except StoreMissing as exc:  # says all there is to say; logging it would create a file
        print_problem("error", str(exc), style="red")
        raise typer.Exit(2) from exc
    except NewsgraphError as exc:
        logging.getLogger("newsgraph").exception("command failed")
        print_problem("error", str(exc), style="red")
        raise typer.Exit(2) from exc
    except OSError as exc:
        logging.getLogger("newsgraph").exception("command failed")
        where = f"{exc.filename}: " if exc.filename else ""
        print_problem("error", f"{where}{exc.strerror or exc}", style="red")
        raise typer.Exit(2) from exc


def print_problem(label: str, message: str, *, style: str = "yellow") -> None:
    """One line on stderr; the message is shown as is (no markup: file names can hold brackets)."""
    err_console.print(Text(label, style=style), Text(message), soft_wrap=True, highlight=False)
