"""The command line as a careful new user meets it, through the real `newsgraph` command: nothing
lost, no failure with exit code 0, no traceback, nothing created by a command that only reads."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import pytest

from newsgraph.cli.choices import (
    EntityTypeChoice,
    ExportFormatChoice,
    FactStatusChoice,
    QuantityKindChoice,
)
from newsgraph.records import EntityType, FactStatus, QuantityKind

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
NEWSGRAPH = Path(sys.executable).parent / "newsgraph"


def newsgraph(
    cwd: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run the installed command in `cwd`, with a state folder of the test's own."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
    environment.update({"XDG_STATE_HOME": str(cwd / ".xdg-state"), **(env or {})})
    return subprocess.run(
        [str(NEWSGRAPH), *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def files_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A store of the example pages, ingested and linked by the real command."""
    folder = tmp_path_factory.mktemp("store")
    db = folder / "news.db"
    result = newsgraph(folder, "ingest", str(EXAMPLES), "--store", str(db))
    assert result.returncode == 0, result.stderr
    yield db


# -- failures that look like success -----------------------------------------------------------


def test_run_names_every_failed_input_and_load_shows_them(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(EXAMPLES / "000_61ab118415a4fb65.txt", inputs)
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 64)
    missing = tmp_path / "not-yet.jsonl"
    out = tmp_path / "shards"
    run = newsgraph(tmp_path, "run", str(inputs), str(missing), "--out", str(out), "-w", "1")
    assert run.returncode == 1, run.stderr
    failed = [line for line in run.stderr.splitlines() if line.startswith("skipped")]
    assert len(failed) == 2, run.stderr
    assert any(str(missing) in line and "no such file or folder" in line for line in failed)
    assert any("binary.txt" in line and "binary" in line for line in failed)
    assert "1 articles, 2 errors" in run.stdout

    load = newsgraph(tmp_path, "load", str(out), "--store", str(tmp_path / "s.db"), "--no-link")
    assert load.returncode == 1, load.stderr
    shown = [line for line in load.stderr.splitlines() if line.startswith("skipped")]
    assert len(shown) == 1 and "binary.txt" in shown[0], load.stderr
    assert "stored 1 new" in load.stdout


def test_load_of_a_folder_without_shards_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    for folder, says in ((tmp_path / "typo", "no such folder"), (empty, "no finished shards")):
        result = newsgraph(tmp_path, "load", str(folder), "--store", str(tmp_path / "s.db"))
        assert result.returncode == 1, result.stdout
        assert result.stderr.count("\n") == 1 and says in result.stderr, result.stderr
    assert not (tmp_path / "s.db").exists()


# -- invalid filter values ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["facts", "--status", "bogus"], "corroborated"),
        (["search", "x", "--kind", "bogus"], "KILL"),
        (["entities", "--type", "bogus"], "PERSON"),
        (["export", "out", "--format", "xml"], "parquet"),
    ],
    ids=["facts-status", "search-kind", "entities-type", "export-format"],
)
def test_an_invalid_filter_value_is_rejected_with_the_allowed_ones(
    store: Path, tmp_path: Path, args: list[str], allowed: str
) -> None:
    result = newsgraph(tmp_path, *args, "--store", str(store))
    assert result.returncode == 2
    assert "bogus" in result.stderr or "xml" in result.stderr
    assert allowed.lower() in result.stderr.lower() and "Traceback" not in result.stderr


def test_filter_values_are_taken_in_any_case(store: Path, tmp_path: Path) -> None:
    lower = newsgraph(tmp_path, "search", "killed", "--kind", "kill", "--json", "-s", str(store))
    upper = newsgraph(tmp_path, "search", "killed", "--kind", "KILL", "--json", "-s", str(store))
    assert lower.returncode == 0, lower.stderr
    assert json.loads(lower.stdout) == json.loads(upper.stdout)
    assert json.loads(lower.stdout)["total"] >= 1
    people = newsgraph(tmp_path, "entities", "--type", "person", "--json", "-s", str(store))
    items = json.loads(people.stdout)["items"]
    assert items and {e["type"] for e in items} == {"PERSON"}


def test_the_choices_are_the_records_own_values() -> None:
    from newsgraph.cli.browse import MAX_LIMIT
    from newsgraph.store.queries import MAX_LIMIT as QUERIES_MAX_LIMIT
    from newsgraph.views.export import FORMATS

    assert [c.value for c in FactStatusChoice] == list(get_args(FactStatus))
    assert [c.value for c in QuantityKindChoice] == list(get_args(QuantityKind))
    assert [c.value for c in EntityTypeChoice] == list(get_args(EntityType))
    assert tuple(c.value for c in ExportFormatChoice) == FORMATS
    assert MAX_LIMIT == QUERIES_MAX_LIMIT


# -- read-only commands, paths and store URLs --------------------------------------------------

READ_ONLY = [
    ["stats"],
    ["stories"],
    ["show", "story", "s1"],
    ["facts"],
    ["search", "troops"],
    ["entities"],
    ["report", "-o", "dossier.html"],
    ["export", "out"],
    ["serve", "--port", "1"],
    ["link"],
]


@pytest.mark.parametrize("args", READ_ONLY, ids=[a[0] for a in READ_ONLY])
def test_a_command_that_reads_refuses_a_missing_store_and_creates_nothing(
    tmp_path: Path, args: list[str]
) -> None:
    result = newsgraph(tmp_path, *args, "--store", "typo.db")
    assert result.returncode == 2, result.stdout
    assert result.stderr.startswith("error [E102] no store at typo.db"), result.stderr
    assert result.stderr.count("\n") == 1
    assert files_in(tmp_path) == [], "a read-only command created files"


@pytest.mark.pg
def test_an_empty_postgresql_database_is_not_a_store_and_stays_empty(
    tmp_path: Path, pg_url: str
) -> None:
    url = pg_url.replace("postgresql+psycopg://", "postgresql://")
    result = newsgraph(tmp_path, "stats", "--store", url)
    assert result.returncode == 2 and "holds no newsgraph store" in result.stderr
    import sqlalchemy

    engine = sqlalchemy.create_engine(pg_url)
    assert sqlalchemy.inspect(engine).get_table_names() == []
    engine.dispose()


def test_output_paths_that_cannot_work_are_one_line_each(store: Path, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    (tmp_path / "a-folder").mkdir()
    cases = [
        (["report", "-o", "missing/dossier.html"], "missing does not exist"),
        (["report", "-o", "a-folder"], "a-folder is a folder"),
        (["export", "a-file"], "a-file is a file"),
    ]
    for args, says in cases:
        result = newsgraph(tmp_path, *args, "--store", str(store))
        assert result.returncode == 2, (args, result.stdout)
        assert says in result.stderr and result.stderr.count("\n") == 1, result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("url", ["mysql://x", "http://example.org/db", "oracle://db"])
def test_a_store_url_newsgraph_cannot_use_says_which_work(tmp_path: Path, url: str) -> None:
    result = newsgraph(tmp_path, "stats", "-s", url)
    assert result.returncode == 2
    assert "SQLite file path" in result.stderr and "postgresql://" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


# -- the log -----------------------------------------------------------------------------------


def test_the_log_goes_beside_the_store_and_is_quiet(tmp_path: Path) -> None:
    cwd, stores = tmp_path / "cwd", tmp_path / "stores"
    cwd.mkdir()
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(EXAMPLES / "003_79bf5827e1dc1c2b.txt", pages)
    result = newsgraph(cwd, "ingest", str(pages), "--store", str(stores / "news.db"))
    assert result.returncode == 0, result.stderr
    assert files_in(cwd) == []
    log = (stores / "news.log").read_text(encoding="utf-8")
    assert "alembic" not in log and "Running upgrade" not in log

    for args in (["stats"], ["stories"], ["facts"], ["search", "troops"]):
        assert newsgraph(cwd, *args, "--store", str(stores / "news.db")).returncode == 0
    assert files_in(cwd) == [] and (stores / "news.log").read_text(encoding="utf-8") == log

    chosen = tmp_path / "logs" / "mine.log"
    failed = newsgraph(
        cwd, "show", "story", "nope", "--store", str(stores / "news.db"),
        env={"NEWSGRAPH_LOG": str(chosen)},
    )  # fmt: skip
    assert failed.returncode == 2
    assert "no story with id 'nope'" in chosen.read_text(encoding="utf-8")


def test_a_postgresql_store_logs_in_the_state_folder(tmp_path: Path) -> None:
    result = newsgraph(tmp_path, "stats", "--store", "postgresql://127.0.0.1:1/none")
    assert result.returncode == 2 and "cannot open the store" in result.stderr
    log = tmp_path / ".xdg-state" / "newsgraph" / "newsgraph.log"
    assert "cannot open store" in log.read_text(encoding="utf-8")
    assert files_in(tmp_path) == sorted(
        [".xdg-state", ".xdg-state/newsgraph", ".xdg-state/newsgraph/newsgraph.log"]
    )


# -- things a user reaches for -----------------------------------------------------------------


def test_show_takes_a_unique_id_prefix_and_lists_an_ambiguous_one(
    store: Path, tmp_path: Path
) -> None:
    found = newsgraph(tmp_path, "search", "said", "--json", "-n", "50", "-s", str(store))
    ids = [h["article_id"] for h in json.loads(found.stdout)["items"]]
    assert len(ids) >= 3
    shown = newsgraph(tmp_path, "show", "article", ids[0][:10], "--json", "-s", str(store))
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["article"]["id"] == ids[0]

    # the longest prefix two articles share: it names both
    pairs = [(a, b) for a in ids for b in ids if a < b]

    def shared(pair: tuple[str, str]) -> str:
        n = 0
        while pair[0][n] == pair[1][n]:
            n += 1
        return pair[0][:n]

    a, b = max(pairs, key=lambda p: len(shared(p)))
    prefix = shared((a, b))
    ambiguous = newsgraph(tmp_path, "show", "article", prefix, "-s", str(store))
    assert ambiguous.returncode == 2
    assert a in ambiguous.stderr and b in ambiguous.stderr and "give more" in ambiguous.stderr


def test_show_entity_takes_a_name(store: Path, tmp_path: Path) -> None:
    listed = newsgraph(tmp_path, "entities", "--json", "-n", "1", "-s", str(store))
    top = json.loads(listed.stdout)["items"][0]
    by_name = newsgraph(tmp_path, "show", "entity", top["name"].upper(), "--json", "-s", str(store))
    assert by_name.returncode == 0, by_name.stderr
    assert json.loads(by_name.stdout)["entity"]["id"] == top["id"]
    by_prefix = newsgraph(tmp_path, "show", "entity", top["id"][:8], "--json", "-s", str(store))
    assert json.loads(by_prefix.stdout)["entity"]["id"] == top["id"]


def test_piped_output_has_whole_ids_and_unbroken_lines(store: Path, tmp_path: Path) -> None:
    found = newsgraph(tmp_path, "search", "said", "--json", "-s", str(store))
    first = json.loads(found.stdout)["items"][0]["article_id"]
    table = newsgraph(tmp_path, "search", "said", "-s", str(store))
    assert first in table.stdout  # the whole id, which `show` takes as is
    stories = json.loads(newsgraph(tmp_path, "stories", "--json", "-s", str(store)).stdout)
    story = stories["items"][0]
    dossier = newsgraph(tmp_path, "show", "story", story["id"], "-s", str(store))
    head = " ".join(dossier.stdout.splitlines()[:2])  # the title, then its counts and dates
    assert " ".join(story["label"].split()) in head and "articles ·" in head and "→" in head
    rows = [line for line in table.stdout.splitlines() if line.startswith("│ ")]
    assert all(re.match(r"│ [0-9a-f]{64} │", row) for row in rows), rows


def test_version_and_help_of_every_command(tmp_path: Path) -> None:
    from newsgraph.cli.app import COMMANDS

    version = newsgraph(tmp_path, "--version")
    assert version.returncode == 0 and re.fullmatch(r"newsgraph \d+\.\d+\.\d+\S*\n", version.stdout)
    evals = (
        "claims",
        "extraction",
        "stories",
        "quantities",
        "attribution",
        "provenance",
        "incidents",
    )
    names = [[n] for n in COMMANDS] + [["eval", n] for n in evals]
    helps = {}
    for name in [[], *names]:
        result = newsgraph(tmp_path, *name, "--help")
        assert result.returncode == 0, (name, result.stderr)
        assert "<bool>" not in result.stdout, name
        helps[" ".join(name)] = result.stdout
    assert "--store" not in helps["run"]
    assert "parquet" in helps["export"] and "csv" in helps["export"]
    assert "articles.jsonl ... facts.jsonl" not in helps["export"]
    assert "newsgraph.log" not in "".join(files_in(tmp_path))


def test_importing_the_command_line_loads_no_heavy_library() -> None:
    code = (
        "import sys, newsgraph.cli; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'spacy', 'fastapi', 'ray', 'torch', 'trafilatura', 'pyarrow', 'alembic'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "[]", result.stdout


def test_settings_come_from_the_environment_and_a_bad_one_is_one_line(
    store: Path, tmp_path: Path
) -> None:
    # NEWSGRAPH_STORE names the store when --store is not given
    found = newsgraph(tmp_path, "stats", "--json", env={"NEWSGRAPH_STORE": str(store)})
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["articles"] > 0
    # a setting that is not of its type: one line naming the variable, exit 2, no traceback
    bad = newsgraph(tmp_path, "stats", "--store", str(store), env={"NEWSGRAPH_BATCH_SIZE": "many"})
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    assert "E500" in bad.stderr and "NEWSGRAPH_BATCH_SIZE" in bad.stderr and "'many'" in bad.stderr


# -- paging: every row reachable ---------------------------------------------------------------

PAGED = [["facts"], ["stories"], ["entities"], ["search", "plague"]]


@pytest.mark.parametrize("args", PAGED, ids=[a[0] for a in PAGED])
def test_every_row_of_a_listing_is_reachable_page_by_page(store: Path, args: list[str]) -> None:
    # in process (the same typer app the command runs): a page is a call, and there are many
    from typer.testing import CliRunner

    from newsgraph.cli import app

    def listing(*more: str) -> dict[str, Any]:
        got = CliRunner().invoke(app, [*args, *more, "--json", "-s", str(store)])
        assert got.exit_code == 0, got.output
        page: dict[str, Any] = json.loads(got.stdout)
        return page

    whole = listing("-n", "500")
    total = whole["total"]
    assert total >= 3 and len(whole["items"]) == total
    key = "article_id" if args[0] == "search" else "id"
    seen: list[str] = []
    for size in (2, -(-total // 3)):
        seen = []
        for offset in range(0, total, size):
            page = listing("-n", str(size), "--offset", str(offset))
            assert (page["total"], page["offset"], page["limit"]) == (total, offset, size)
            seen += [item[key] for item in page["items"]]
        assert seen == [item[key] for item in whole["items"]]


def test_a_table_that_shows_part_of_a_listing_says_so(store: Path, tmp_path: Path) -> None:
    total = json.loads(newsgraph(tmp_path, "facts", "--json", "-s", str(store)).stdout)["total"]
    first = newsgraph(tmp_path, "facts", "-n", "2", "-s", str(store), env={"COLUMNS": "200"})
    assert first.returncode == 0, first.stderr
    assert f"facts 1–2 of {total}; --offset 2 for the next" in first.stdout
    last = newsgraph(tmp_path, "facts", "-n", "2", "--offset", str(total - 1), "-s", str(store))
    assert f"facts {total}–{total} of {total}" in last.stdout and "--offset" not in last.stdout
    beyond = newsgraph(tmp_path, "facts", "--offset", "1000000001", "-s", str(store))
    assert beyond.returncode == 2 and "Traceback" not in beyond.stderr
