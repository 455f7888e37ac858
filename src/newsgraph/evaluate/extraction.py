"""Main-text extraction scores on ../shared/bench/extraction: shingle precision, recall and F1.

The metric follows the benchmark's README: `\\w+` tokens, the multiset of 4-token shingles of
output and truth, per-page precision and recall averaged over pages, F1 of the two averages.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.errors import BenchmarkMissing

TOKEN = re.compile(r"\w+")
SHINGLE = 4
INPUTS = ("html", "text")

Extractor = Callable[[str, str | None], str]


@dataclass(slots=True)
class BenchPage:
    """One benchmark page: its input (HTML or text scrape) and the marked main text."""

    id: str
    url: str | None
    content: str
    truth: str


@dataclass(slots=True)
class PageScore:
    id: str
    precision: float
    recall: float
    seconds: float

    @property
    def f1(self) -> float:
        return f1_of(self.precision, self.recall)


@dataclass(slots=True)
class ExtractionScores:
    """Averaged scores over a set of pages, the time the extractor took, and per-page rows."""

    precision: float
    recall: float
    pages: int
    seconds: float
    rows: list[PageScore] = field(default_factory=list)

    @classmethod
    def of(cls, rows: list[PageScore]) -> ExtractionScores:
        """The page-averaged scores of `rows` (every page weighs the same)."""
        n = len(rows)
        return cls(
            precision=sum(row.precision for row in rows) / n if n else 0.0,
            recall=sum(row.recall for row in rows) / n if n else 0.0,
            pages=n,
            seconds=sum(row.seconds for row in rows),
            rows=rows,
        )

    @property
    def f1(self) -> float:
        return f1_of(self.precision, self.recall)

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds if self.seconds > 0 else 0.0


def f1_of(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall, 0 when both are 0."""
    total = precision + recall
    return 2 * precision * recall / total if total > 0 else 0.0


def shingles(text: str, size: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The multiset of runs of `size` consecutive \\w+ tokens in `text`."""
    tokens = TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def score_page(output: str, truth: str) -> tuple[float, float]:
    """Precision and recall of one page's output against its truth (empty side 0, both empty 1)."""
    found, expected = shingles(output), shingles(truth)
    n_found, n_expected = found.total(), expected.total()
    if n_found == 0 and n_expected == 0:
        return 1.0, 1.0
    overlap = (found & expected).total()
    precision = overlap / n_found if n_found else 0.0
    recall = overlap / n_expected if n_expected else 0.0
    return precision, recall


def load_pages(bench_dir: Path, input: str = "html") -> list[BenchPage]:
    """The pages of an extraction benchmark folder, in id order, read in the given input form."""
    if input not in INPUTS:
        raise ValueError(f"input must be one of {INPUTS}, not {input!r}")
    truth_file = bench_dir / "ground-truth.json"
    if not truth_file.is_file():
        raise BenchmarkMissing(
            f"no extraction benchmark at {bench_dir} (ground-truth.json missing)"
        )
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    pages: list[BenchPage] = []
    for page_id in sorted(truth):
        if input == "html":
            path = bench_dir / "html" / f"{page_id}.html.gz"
            if not path.is_file():
                continue
            content = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        else:
            path = bench_dir / "text" / f"{page_id}.txt"
            if not path.is_file():
                continue
            content = path.read_text(encoding="utf-8", errors="replace")
        entry = truth[page_id]
        pages.append(BenchPage(page_id, entry.get("url"), content, entry.get("articleBody") or ""))
    if not pages:
        raise BenchmarkMissing(f"no {input} pages in {bench_dir}")
    return pages


def score_pages(
    pages: Iterable[BenchPage],
    extract: Extractor,
    progress: Callable[[], None] | None = None,
) -> ExtractionScores:
    """Run `extract(content, url)` on each page and score it; only extraction time is counted."""
    rows: list[PageScore] = []
    for page in pages:
        started = time.perf_counter()
        output = extract(page.content, page.url)
        seconds = time.perf_counter() - started
        precision, recall = score_page(output, page.truth)
        rows.append(PageScore(page.id, precision, recall, seconds))
        if progress is not None:
            progress()
    return ExtractionScores.of(rows)


def newsgraph_extractor(input: str) -> Extractor:
    """newsgraph's cleaner for an input form, as an extractor of body text."""
    from newsgraph.clean.html import clean_html
    from newsgraph.clean.text import clean_text

    cleaner = clean_html if input == "html" else clean_text
    return lambda content, url: cleaner(content, url=url).text


def evaluate_extraction(
    bench_dir: Path,
    input: str = "html",
    progress: Callable[[int], Callable[[], None]] | None = None,
) -> ExtractionScores:
    """Score newsgraph's cleaner on a benchmark folder; `progress(total)` gives a step callback."""
    bench_dir = Path(bench_dir)
    if not bench_dir.is_dir():
        raise BenchmarkMissing(f"no benchmark folder at {bench_dir}")
    pages = load_pages(bench_dir, input)
    step = progress(len(pages)) if progress is not None else None
    return score_pages(pages, newsgraph_extractor(input), step)


@dataclass(slots=True)
class DateScores:
    """Publication dates on labelled pages: how many got one, how many got the right one."""

    input: str
    labelled: int
    dated: int
    correct: int
    from_text: int
    wrong: list[tuple[str, str | None, str]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.labelled if self.labelled else 0.0


def load_date_labels(path: Path) -> dict[str, str]:
    """Page id -> true publication day, from a JSONL file of {"id", "published", "how"}."""
    labels: dict[str, str] = {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            labels[str(row["id"])] = str(row["published"])
        except (ValueError, KeyError, TypeError) as exc:
            raise BenchmarkMissing(f"{path}:{number}: not a date label ({exc})") from exc
    return labels


def evaluate_dates(bench_dir: Path, labels_file: Path, input: str = "html") -> DateScores:
    """Score the cleaner's `published` on the labelled pages of an extraction benchmark."""
    from newsgraph.clean.html import clean_html
    from newsgraph.clean.text import clean_text

    labels = load_date_labels(labels_file)
    cleaner = clean_html if input == "html" else clean_text
    scores = DateScores(input, 0, 0, 0, 0)
    for page in load_pages(Path(bench_dir), input):
        if page.id not in labels:
            continue
        cleaned = cleaner(page.content, url=page.url)
        found = cleaned.published[:10] if cleaned.published else None
        scores.labelled += 1
        scores.dated += found is not None
        scores.from_text += cleaned.published_source == "text"
        if found == labels[page.id]:
            scores.correct += 1
        else:
            scores.wrong.append((page.id, found, labels[page.id]))
    return scores


def evaluate_held_out_sites(
    bench_dir: Path,
    progress: Callable[[int], Callable[[], None]] | None = None,
) -> ExtractionScores:
    """The text cleaner scored on sites it was not trained on.

    For each fold of whole sites (`block_training.fold_numbers`), the block model is trained on
    the other folds' pages, its threshold chosen by site folds inside them, and the held-out
    pages are cleaned with it, the whole cleaner run as in production. Pages nothing could be
    trained for (a benchmark of one site) are left out.
    """
    from newsgraph.clean.block_training import (
        FOLDS,
        best_threshold,
        cross_validate,
        fit,
        fold_numbers,
        prepare,
        split,
    )
    from newsgraph.clean.blocks import BlockModel
    from newsgraph.clean.text import clean_text

    bench_dir = Path(bench_dir)
    if not bench_dir.is_dir():
        raise BenchmarkMissing(f"no benchmark folder at {bench_dir}")
    by_id = {page.id: page for page in load_pages(bench_dir, "text")}
    prepared = prepare(bench_dir)
    numbers = fold_numbers(prepared, "site")
    step = progress(len(prepared)) if progress is not None else None
    rows: list[PageScore] = []
    for fold in range(FOLDS):
        train, held_out = split(prepared, fold, numbers)
        if not train or not held_out:
            continue
        model = fit(train, best_threshold(cross_validate(train, "site")))

        def extract(content: str, url: str | None, model: BlockModel = model) -> str:
            return clean_text(content, url=url, model=model).text

        scored = score_pages((by_id[page.id] for page in held_out), extract, step)
        rows.extend(scored.rows)
    rows.sort(key=lambda row: row.id)
    return ExtractionScores.of(rows)
