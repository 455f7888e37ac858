"""The progress bar every long command shows: counts, rate and elapsed time."""

from __future__ import annotations

from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from newsgraph.cli.app import err_console


class CountColumn(ProgressColumn):
    """'12/40' when the total is known, else '12'."""

    def render(self, task: Task) -> Text:
        done = int(task.completed)
        return Text(f"{done}/{int(task.total)}" if task.total is not None else f"{done}")


class RateColumn(ProgressColumn):
    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} {self.unit}/s" if speed else f"- {self.unit}/s")


def progress_bar(unit: str = "docs") -> Progress:
    """A rich progress bar on stderr, so stdout stays clean for results and --json."""
    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        CountColumn(),
        RateColumn(unit),
        TimeElapsedColumn(),
        console=err_console,
        transient=False,
    )
