"""The Typer application and the options several commands share; commands live one per module."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from newsgraph.config import Settings
from newsgraph.errors import NewsgraphError

app = typer.Typer(
    name="newsgraph",
    help="Turn news pages about a developing story into a traceable record.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
eval_app = typer.Typer(
    help="Score newsgraph on the benchmarks in ../shared/bench.", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")

console = Console()
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

LinkOption = Annotated[
    bool,
    typer.Option(
        "--link/--no-link", help="Link the new articles (rewrites, stories, facts) at the end."
    ),
]


def settings_for(store: str | None) -> Settings:
    """Settings from the environment, with a --store given on the command line taking precedence."""
    settings = Settings()
    if store:
        settings = settings.model_copy(update={"store": store})
    return settings


def setup_logging(log_file: str = "newsgraph.log") -> None:
    """Details go to the log file; the terminal gets one line per problem."""
    logging.basicConfig(
        filename=log_file,
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn newsgraph's own errors into one line for a person and exit code 2; details go to the log."""
    try:
        yield
    except NewsgraphError as exc:
        logging.getLogger("newsgraph").exception("command failed")
        print_problem("error", str(exc), style="red")
        raise typer.Exit(2) from exc


def print_problem(label: str, message: str, *, style: str = "yellow") -> None:
    """One line on stderr; the message is shown as is (no markup: file names can hold brackets)."""
    err_console.print(Text(label, style=style), Text(message), soft_wrap=True, highlight=False)
