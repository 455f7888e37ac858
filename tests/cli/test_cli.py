"""The command line, run in-process on real pages and real SQLite stores."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from newsgraph.cli import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
runner = CliRunner()


def _commands() -> list[tuple[str, object]]:
    """Every command and subcommand, loaded as running it would load it."""
    from newsgraph.cli.app import load_command

    group = get_command(app)
    found = []
    for name in group.list_commands(None):  # type: ignore[attr-defined, arg-type]
        command = load_command(name)
        found.append((name, command))
        for sub_name, sub in getattr(command, "commands", {}).items():
            found.append((f"{name} {sub_name}", sub))
    return found


@pytest.mark.parametrize(("name", "command"), _commands(), ids=[n for n, _ in _commands()])
def test_every_command_has_help_and_is_documented(name: str, command: object) -> None:
    assert getattr(command, "help", None), f"`newsgraph {name}` has no help text"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = name.split()[0]
    assert f"newsgraph {first}" in readme, f"`newsgraph {name}` is missing from README.md"


@pytest.fixture
def messy_dir(tmp_path: Path) -> Path:
    """Good pages mixed with a binary file, an empty file, a broken encoding and a bad JSONL line."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    shutil.copy(EXAMPLES / "000_61ab118415a4fb65.txt", folder)
    shutil.copy(EXAMPLES / "003_79bf5827e1dc1c2b.txt", folder)
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 64)
    (folder / "empty.html").write_bytes(b"")
    (folder / "broken.txt").write_bytes(
        "Troops reached the café at Kherson, officials said.".encode("cp1252")
    )
    good = {
        "id": "wire-1",
        "url": "https://example.org/wire-1",
        "published": "2025-04-28",
        "text": "North Korea sent about 10,000 soldiers to Russia last fall, South Korea said.",
    }
    (folder / "dump.jsonl").write_text(
        json.dumps(good) + '\n{"id": "wire-2", "text": \n', encoding="utf-8"
    )
    return folder


def test_ingest_skips_bad_inputs_and_keeps_the_good(messy_dir: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "store.db")
    result = runner.invoke(app, ["ingest", str(messy_dir), "--store", store])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert len(errors) == 4, result.stderr
    for name, reason in [
        ("binary.txt", "binary"),
        ("empty.html", "empty"),
        ("broken.txt", "UTF-8"),
        ("dump.jsonl:2", "invalid JSON"),
    ]:
        assert any(name in line and reason in line for line in errors), (name, errors)
    assert "stored 3 new" in result.stdout

    stats = runner.invoke(app, ["stats", "--store", store, "--json"])
    counts = json.loads(stats.stdout)
    assert counts["articles"] == 3 and counts["quantities"] > 0 and counts["stories"] >= 1

    again = runner.invoke(app, ["ingest", str(messy_dir), "--store", store])
    assert again.exit_code == 1
    assert "stored 0 new, skipped 3 already stored" in again.stdout
    assert json.loads(runner.invoke(app, ["stats", "--store", store, "--json"]).stdout) == counts


def test_report_and_export_from_the_cli(messy_dir: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "store.db")
    runner.invoke(app, ["ingest", str(messy_dir), "--store", store])
    out = tmp_path / "dossier.html"
    result = runner.invoke(app, ["report", "--store", store, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Omar Nasser" in out.read_text(encoding="utf-8")
    result = runner.invoke(
        app, ["export", "--store", store, "--format", "jsonl", str(tmp_path / "x")]
    )
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "x" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert {json.loads(line)["source_id"] for line in lines} >= {"wire-1"}


def test_unknown_story_is_one_clear_line(tmp_path: Path) -> None:
    from newsgraph.store import open_store

    open_store(f"sqlite:///{tmp_path / 's.db'}").close()
    result = runner.invoke(app, ["report", "--store", str(tmp_path / "s.db"), "--story", "nope"])
    assert result.exit_code == 2
    assert "no story with id 'nope'" in result.stderr
    assert "`newsgraph stories` lists them" in result.stderr
    assert "Traceback" not in result.output


def test_unreachable_store_is_one_clear_line() -> None:
    result = runner.invoke(app, ["stats", "--store", "postgresql://127.0.0.1:1/none"])
    assert result.exit_code == 2
    assert "cannot open the store" in result.stderr
