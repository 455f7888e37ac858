"""The terminal views (`stories`, `show`, `facts`, `search`) over the linked test corpus."""

from __future__ import annotations

import json
from pathlib import Path

from rich.text import Text
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.cli.browse import plain_line, shown_as_text
from newsgraph.store import open_store
from tests.views.web.corpus import build_corpus

runner = CliRunner()


def test_terminal_views(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    c = build_corpus(open_store(f"sqlite:///{db}"))

    def run(*args: str) -> str:
        result = runner.invoke(app, [*args, "--store", db])
        assert result.exit_code == 0, result.output
        return result.stdout

    stories = json.loads(run("stories", "--json"))
    assert [(s["id"], s["article_count"]) for s in stories["items"]] == [("s1", 4), ("s2", 1)]
    assert "North Korean" in run("stories")
    dossier = json.loads(run("show", "story", "s1", "--json"))
    assert [f["status"] for f in dossier["facts"]] == ["contested"]
    assert "contested" in run("show", "story", "s1")
    article = json.loads(run("show", "article", c.kyiv, "--json"))
    assert article["quantities"][0]["value"] == 12000.0
    assert "12,000" in run("show", "article", c.kyiv)
    assert "North Korea" in run("show", "entity", c.entity)
    facts = json.loads(run("facts", "--status", "contested", "--json"))
    assert [f["id"] for f in facts["items"]] == ["f1"]
    assert "single_source" in run("facts", "--story", "s2")
    hits = json.loads(run("search", "Kursk soldiers", "--json"))
    assert [h["article_id"] for h in hits["items"]] == [c.kyiv]
    assert run("search", "NEAR(", "--kind", "KILL").count("0 articles") == 1
    assert "Breaking" in run("show", "article", c.hostile)
    # rich markup in scraped text is shown as written, never applied
    assert Text.from_markup(shown_as_text("[bold]x[/bold] [link=javascript:y]z")).plain == (
        "[bold]x[/bold] [link=javascript:y]z"
    )
    missing = runner.invoke(app, ["show", "story", "nope", "--store", db])
    assert missing.exit_code == 2 and "E101" in missing.stderr


def test_plain_lines_drop_control_characters() -> None:
    # a scraped title could carry a terminal escape sequence; piped output must not pass it on
    hostile = "Breaking\x1b]0;owned\x07 [bold]news[/bold]\r\nnow\x7f"
    assert plain_line(hostile) == "Breaking ]0;owned [bold]news[/bold] now"
    assert plain_line(None) == ""
