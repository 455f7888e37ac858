"""`newsgraph ingest` as a careful user meets it: the real command, real stores, real pages.

Metadata the input does not carry (`--published`, `--outlet`, `--url`), a source_id per stdin
document, a summary that says what was stored without (full) analysis, and E007 naming the
setting that raises the limit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.store import open_store

ROOT = Path(__file__).resolve().parents[2]
SCRAPE = ROOT / "examples" / "000_61ab118415a4fb65.txt"
NEWSGRAPH = str(Path(sys.executable).parent / "newsgraph")


def newsgraph(
    *args: str, cwd: Path, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [NEWSGRAPH, *args],
        input=stdin.decode("utf-8") if stdin is not None else None,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=300,
    )
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    return done


def articles(db: Path) -> dict[str, object]:
    store = open_store(f"sqlite:///{db}")
    try:
        return {a.source_id: a for a in store.articles()}
    finally:
        store.close()


def test_given_metadata_fills_what_the_inputs_do_not_say(tmp_path: Path) -> None:
    scrape = tmp_path / "scrape.txt"
    scrape.write_text(SCRAPE.read_text(encoding="utf-8"), encoding="utf-8")
    dated = tmp_path / "wire.jsonl"
    record = {
        "id": "wire-1",
        "published": "2024-11-02",
        "url": "https://wire.example.org/a/1",
        "text": "North Korea sent about 10,000 soldiers to Russia last fall, South Korea said.",
    }
    dated.write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    done = newsgraph(
        "ingest", "--no-link", "--store", str(db),
        "--published", "2025-04-28", "--outlet", "www.Reuters.com",
        "--url", "https://www.reuters.com/world/troops",
        str(scrape), str(dated),
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    stored = articles(db)
    page = stored[str(scrape)]
    assert page.published == "2025-04-28" and page.published_source == "input"  # type: ignore[attr-defined]
    assert page.outlet == "reuters.com"  # type: ignore[attr-defined]
    assert page.url == "https://www.reuters.com/world/troops"  # type: ignore[attr-defined]
    wire = stored["wire-1"]  # what the record says wins over the flags
    assert wire.published == "2024-11-02"  # type: ignore[attr-defined]
    assert wire.url == "https://wire.example.org/a/1"  # type: ignore[attr-defined]
    assert wire.outlet == "example.org"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("flag", "value", "says"),
    [
        ("--published", "28/04/2025", "is not a date"),
        ("--published", "2025-13-01", "is not a date"),
        ("--published", "yesterday", "is not a date"),
        ("--outlet", "Reuters News", "is not a domain"),
        ("--url", "ftp://x.example.org/a", "is not an http or https address"),
    ],
)
def test_a_bad_metadata_value_is_one_line_naming_it(
    flag: str, value: str, says: str, tmp_path: Path
) -> None:
    db = tmp_path / "s.db"
    done = newsgraph("ingest", "--store", str(db), flag, value, str(SCRAPE), cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and flag in lines[0] and repr(value) in lines[0], done.stderr
    assert says in lines[0]
    assert not db.exists(), "a refused command created the store"


def test_each_stdin_document_gets_its_own_source_id(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    texts = [
        "North Korea sent about 10,000 soldiers to Russia last fall, South Korea's spy agency said.",
        "Ukraine said on Monday that it had captured two North Korean soldiers in Kursk.",
    ]
    for body in texts:
        done = newsgraph(
            "ingest", "--no-link", "--store", str(db), "-",
            cwd=tmp_path, stdin=body.encode(),
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    sources = list(articles(db))
    assert len(sources) == 2 and len(set(sources)) == 2, sources
    assert all(s.startswith("stdin:") for s in sources), sources


LANGUAGES = {
    "de": "Die Bundesregierung hat am Mittwoch beschlossen, mehr Geld für die Ukraine "
    "bereitzustellen, teilte ein Sprecher in Berlin mit.",
    "fr": "La Corée du Nord a confirmé pour la première fois avoir envoyé des soldats en "
    "Russie, selon l'agence officielle.",
    "es": "Corea del Norte confirmó por primera vez que envió soldados a Rusia, según la "
    "agencia oficial de noticias.",
}


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    """One run over pages in three other languages, one long English page and a short one,
    analysed only up to 400 characters."""
    folder = tmp_path_factory.mktemp("mixed")
    lines = [json.dumps({"id": f"page-{code}", "text": text}) for code, text in LANGUAGES.items()]
    long_text = " ".join(
        f"Officials said {n} soldiers had arrived in the Kursk region by Monday." for n in range(40)
    )
    lines.append(json.dumps({"id": "long-en", "text": long_text}))
    lines.append(json.dumps({"id": "short-en", "text": "Ukraine said it captured two soldiers."}))
    (folder / "pages.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return newsgraph(
        "ingest", "--no-link", "--store", str(folder / "s.db"), str(folder / "pages.jsonl"),
        cwd=folder, env={"NEWSGRAPH_MAX_CHARS": "400"},
    )  # fmt: skip


def test_the_summary_names_the_languages_stored_unanalysed(
    mixed_run: subprocess.CompletedProcess[str],
) -> None:
    assert mixed_run.returncode == 0, mixed_run.stderr
    assert "stored 5 new" in mixed_run.stdout
    (line,) = [line for line in mixed_run.stdout.splitlines() if "without analysis" in line]
    assert line.startswith("stored 3 pages without analysis"), line
    assert all(f"1 {code}" in line for code in LANGUAGES), line


def test_the_summary_says_how_many_pages_were_cut_at_max_chars(
    mixed_run: subprocess.CompletedProcess[str],
) -> None:
    (line,) = [line for line in mixed_run.stdout.splitlines() if "MAX_CHARS" in line]
    assert line.startswith("analysed 1 long page only up to"), line


def test_too_large_names_the_setting_that_raises_the_limit(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(SCRAPE.read_text(encoding="utf-8"), encoding="utf-8")
    done = newsgraph(
        "ingest", "--store", str(tmp_path / "s.db"), str(page),
        cwd=tmp_path, env={"NEWSGRAPH_MAX_BYTES": "100"},
    )  # fmt: skip
    assert done.returncode == 1
    (line,) = [line for line in done.stderr.splitlines() if line.startswith("skipped")]
    assert "[E007]" in line and str(page) in line and "NEWSGRAPH_MAX_BYTES" in line, line


def test_the_parent_of_a_parallel_ingest_never_imports_spacy(tmp_path: Path) -> None:
    """With workers, the parse runs in them: the parent that reads, writes and links must not
    pay for importing spaCy (linking reads extract's tables, which once pulled it in)."""
    pages = sorted((ROOT / "examples").glob("*.html.gz"))
    program = (
        "import sys\n"
        "from newsgraph.cli import app\n"
        "try:\n"
        "    app()\n"
        "finally:\n"
        "    print('spacy imported:', 'spacy' in sys.modules)\n"
    )
    store = tmp_path / "p.db"
    args = ["ingest", "--workers", "2", "--store", str(store), *map(str, pages)]
    done = subprocess.run(
        [sys.executable, "-c", program, *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"linked {len(pages)} articles" in done.stdout, done.stdout
    assert "spacy imported: False" in done.stdout, done.stdout
    assert open_store(f"sqlite:///{store}").count_unlinked() == 0
