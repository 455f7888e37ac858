"""`facts --about`, `changes` and `show story` through the real `newsgraph` command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from newsgraph.store import open_store
from tests.views.web.corpus import build_corpus

NEWSGRAPH = str(Path(sys.executable).parent / "newsgraph")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [NEWSGRAPH, *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_questions_changes_and_the_answer_first(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    store = open_store(f"sqlite:///{db}")
    build_corpus(store)
    store.close()

    about = _run("facts", "--about", "how many soldiers were sent", "--json", "--store", db)
    assert about.returncode == 0, about.stderr
    found = json.loads(about.stdout)
    assert isinstance(found, list) and found[0]["id"] == "f1"  # best first, SPEC Fact records
    assert {"statements", "independent_sources", "status", "history", "scope", "outlets"} <= set(
        found[0]
    )
    killed = json.loads(_run("facts", "--about", "people killed", "--json", "--store", db).stdout)
    assert killed[0]["id"] == "f2"

    changes = _run("changes", "--since", "2025-05-01", "--story", "s1", "--store", db)
    assert changes.returncode == 0, changes.stderr
    assert "new source" in changes.stdout and "Kyiv" in changes.stdout
    bad = _run("changes", "--since", "yesterday", "--store", db)
    assert bad.returncode == 2 and "not an ISO date: 'yesterday'" in bad.stderr
    assert "Traceback" not in bad.stderr

    shown = _run("show", "story", "s1", "--store", db)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.index("THE ANSWER") < shown.stdout.index("WHO SAYS WHAT")
    assert "12,000 according to Kyiv" in shown.stdout
