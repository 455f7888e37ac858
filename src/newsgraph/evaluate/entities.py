"""Entity names and types on real pages: spans of the model's NER labelled by hand.

    newsgraph eval entities [tests/data/entities/entity_types.jsonl] [--bench ../shared/bench/extraction]

Each label names a page of the extraction benchmark, one span the spaCy model marked as a
named entity (drawn at random, two a page), the text just before it (to find it again), and
what an analyst reads there: the entities the span holds, each a name with the types that
fit it (`[]` when the span names nothing: "econobox", "½", a heading word). The page goes
through stage A as `ingest` runs it (cleaning, the parse, `extract`); the mentions overlapping
the span are compared with the gold entities by name (`name_key`: case, "the", possessive
folded) and type. Scored: precision, recall and F1 over (name, type) pairs, per fold. The
folds split the pages by outlet, half and half; `tests/data/entities/README.md` says which
fold the rules were written on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.errors import BenchmarkMissing
from newsgraph.evaluate.claims import PRF
from newsgraph.evaluate.labels import label_rows

FOLDS = ("dev", "heldout")


@dataclass(slots=True)
class EntityScores:
    """(name, type) pairs over the labelled spans of one fold: `pairs.tp` matched of
    `pairs.predicted` found and `pairs.gold` labelled."""

    pairs: PRF = field(default_factory=PRF)
    spans: int = 0
    not_found: int = 0
    misses: list[dict[str, object]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.pairs.precision

    @property
    def recall(self) -> float:
        return self.pairs.recall

    @property
    def f1(self) -> float:
        return self.pairs.f1


def load_labels(path: Path) -> list[dict[str, object]]:
    """The labelled spans, one JSON object a line."""
    rows = label_rows(path, ("page", "fold", "text", "before", "gold"), "an entity label")
    for number, row in enumerate(rows, 1):
        gold = row["gold"]
        if row["fold"] not in FOLDS or not isinstance(gold, list):
            raise BenchmarkMissing(f"{path}: label {number}: not an entity label (fold, gold)")
        if not all(isinstance(g, dict) and g.get("name") and g.get("types") for g in gold):
            raise BenchmarkMissing(f"{path}: label {number}: an entity without name or types")
    return rows


def evaluate_entities(
    labels_file: Path,
    bench_dir: Path,
    *,
    progress: Callable[[int], None] | None = None,
) -> dict[str, EntityScores]:
    """Scores per fold ("dev", "heldout") and over all labels ("all")."""
    from newsgraph.config import Settings
    from newsgraph.extract.entities import name_key
    from newsgraph.ingest.readers import read_path
    from newsgraph.pipeline import analyze
    from newsgraph.records import AnalyzedArticle, Document

    labels = load_labels(labels_file)
    pages = sorted({str(row["page"]) for row in labels})
    settings = Settings()
    analysed: dict[str, AnalyzedArticle] = {}
    for at in range(0, len(pages), 16):  # in batches, as stage A parses them
        documents: list[Document] = []
        for page in pages[at : at + 16]:
            path = Path(bench_dir) / "html" / f"{page}.html.gz"
            if not path.is_file():
                raise BenchmarkMissing(f"{path}: the labelled page is not in the bench")
            documents.extend(d for d in read_path(path) if isinstance(d, Document))
        for page, outcome in zip(pages[at : at + 16], analyze(documents, settings), strict=True):
            if isinstance(outcome, AnalyzedArticle):
                analysed[page] = outcome
        if progress:
            progress(len(documents))
    scores = {name: EntityScores() for name in (*FOLDS, "all")}
    for row in labels:
        result = analysed.get(str(row["page"]))
        text = result.article.text if result else ""
        span_text, before = str(row["text"]), str(row["before"])
        at = text.find(before + span_text)
        start = at + len(before) if at >= 0 else text.find(span_text)
        gold = [(name_key(str(g["name"])), set(g["types"])) for g in row["gold"]]  # type: ignore[attr-defined]
        folds = (scores[str(row["fold"])], scores["all"])
        for score in folds:
            score.spans += 1
        if start < 0 or result is None:
            for score in folds:
                score.not_found += 1
                score.pairs.add(0, 0, len(gold))
            continue
        end = start + len(span_text)
        found = [
            (name_key(m.text), m.type, m.text)
            for m in result.mentions
            if m.start < end and m.end > start
        ]
        left = list(gold)
        matched = 0
        for key, type_, _ in found:
            hit = next((g for g in left if g[0] == key and type_ in g[1]), None)
            if hit is not None:
                left.remove(hit)
                matched += 1
        miss = {
            "page": row["page"],
            "text": span_text,
            "gold": row["gold"],
            "got": [{"name": t, "type": ty} for _, ty, t in found],
        }
        for score in folds:
            score.pairs.add(matched, len(found), len(gold))
            if matched < len(found) or left:
                score.misses.append(miss)
    return scores
