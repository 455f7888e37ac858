"""Quantities scored against ../shared/bench/quantities/quantities_dev.json (or a file of the
same schema, such as tests/data/quantities_real.jsonl).

Each item is one or two sentences run through newsgraph's stage A (`extract` on the spaCy
parse, `published` unknown). Matching, per item, one to one, greedily by overlap: a predicted
quantity matches a gold one when their character spans overlap (the gold span is the item's
first occurrence of its `text` after the previous gold quantity) and the value agrees to 0.5%
relative (for a range: low and high both); a gold text is placed where it stands as a whole
(not the "5" inside "2:55"). Levels on the matched pairs: `unit` equal,
`approx` equal, `kind` equal (where the gold set gives kinds); change accuracy is the share of
matched pairs whose `change` agrees. The false-positive rate is the share of the listed
`non_quantities` that some predicted quantity overlaps.

Folds: item i belongs to fold i % 5. Rules are developed on folds 0-3; fold 4 is the held-out
figure, reported next to the in-sample one over all items. A file whose items carry `half`
(`A`, `B`, ..., assigned by source article, as tests/data/quantities_news.jsonl does) is split by
it instead: half A is developed on, every other part is held out, and each part is also scored
on its own.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.errors import BenchmarkMissing
from newsgraph.evaluate.claims import PRF, Accuracy, newsgraph_analyse
from newsgraph.records import AnalyzedArticle, Article, Quantity

Analyse = Callable[[Sequence[Article]], list[AnalyzedArticle]]
Progress = Callable[[int], Callable[[], None]]

FOLDS = 5
HELD_OUT = 4
TOLERANCE = 0.005


@dataclass(slots=True)
class QuantityScores:
    """Counts behind every figure of one run over a set of items."""

    items: int = 0
    value: PRF = field(default_factory=PRF)
    value_unit: PRF = field(default_factory=PRF)
    value_approx: PRF = field(default_factory=PRF)
    value_kind: PRF = field(default_factory=PRF)
    change: Accuracy = field(default_factory=Accuracy)
    non_quantities: Accuracy = field(default_factory=Accuracy)  # right = wrongly extracted
    seconds: float = 0.0

    def as_dict(self) -> dict[str, float]:
        """The figures by name, as tests/floors/quantities.json keys them."""
        return {
            "value_f1": self.value.f1,
            "value_precision": self.value.precision,
            "value_recall": self.value.recall,
            "value_unit_f1": self.value_unit.f1,
            "value_approx_f1": self.value_approx.f1,
            "value_kind_f1": self.value_kind.f1,
            "change_accuracy": self.change.value,
            "non_quantity_fp_rate": self.non_quantities.value,
        }


@dataclass(slots=True)
class FoldScores:
    """The same scores over all items, the development folds and the held-out fold."""

    all: QuantityScores
    develop: QuantityScores
    held_out: QuantityScores
    by_half: bool = False  # the parts are the file's halves (A, then the held-out ones)
    halves: dict[str, QuantityScores] = field(default_factory=dict)


def load_items(path: Path) -> list[dict[str, Any]]:
    """The benchmark's items: a JSON list, or JSON lines; a missing file is BenchmarkMissing."""
    if path.is_dir():
        path = path / "quantities_dev.json"
    if not path.is_file():
        raise BenchmarkMissing(f"no quantities benchmark at {path}")
    raw = path.read_text(encoding="utf-8")
    try:
        items = json.loads(raw) if raw.lstrip().startswith("[") else None
        if items is None:
            items = [json.loads(line) for line in raw.splitlines() if line.strip()]
    except json.JSONDecodeError as exc:
        raise BenchmarkMissing(f"{path} is not JSON: {exc.msg} at line {exc.lineno}") from exc
    if not isinstance(items, list):
        raise BenchmarkMissing(f"{path} holds no list of items")
    return items


def gold_spans(item: dict[str, Any]) -> list[tuple[int, int, dict[str, Any]]]:
    """Each gold quantity with its span: the first occurrence of its text after the last."""
    text: str = item["text"]
    out: list[tuple[int, int, dict[str, Any]]] = []
    cursor = 0
    for q in item.get("quantities", []):
        at = _find_whole(text, q["text"], cursor)
        if at < 0:
            at = text.find(q["text"], cursor)
        if at < 0:
            at = text.find(q["text"])
        if at < 0:
            continue
        out.append((at, at + len(q["text"]), q))
        cursor = at + len(q["text"])
    return out


def _find_whole(text: str, phrase: str, cursor: int) -> int:
    """The first occurrence of `phrase` at or after `cursor` that is not part of a longer
    number or word (the "5" of a "5-4" score, not the one in "2:55"), else -1."""
    pattern = re.compile(r"(?<![\w.,:])" + re.escape(phrase) + r"(?!\w)")
    found = pattern.search(text, cursor)
    return found.start() if found else -1


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= TOLERANCE * max(abs(b), 1e-9)


def same_value(q: Quantity, gold: dict[str, Any]) -> bool:
    """Value, or low and high for a range, equal to 0.5%."""
    if gold.get("value") is not None:
        return q.value is not None and _close(q.value, float(gold["value"]))
    return _close(q.low, gold.get("low")) and _close(q.high, gold.get("high"))


def score_item(item: dict[str, Any], predicted: Sequence[Quantity], scores: QuantityScores) -> None:
    """Add one item's counts to `scores`."""
    gold = gold_spans(item)
    pairs: list[tuple[int, int, int]] = []
    for pi, q in enumerate(predicted):
        for gi, (gs, ge, g) in enumerate(gold):
            overlap = min(q.end, ge) - max(q.start, gs)
            if overlap > 0 and same_value(q, g):
                pairs.append((overlap, pi, gi))
    used_p: set[int] = set()
    used_g: set[int] = set()
    matched: list[tuple[Quantity, dict[str, Any]]] = []
    for _, pi, gi in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        matched.append((predicted[pi], gold[gi][2]))
    n_pred, n_gold = len(predicted), len(gold)
    scores.items += 1
    scores.value.add(len(matched), n_pred, n_gold)
    scores.value_unit.add(sum(q.unit == g.get("unit") for q, g in matched), n_pred, n_gold)
    scores.value_approx.add(sum(q.approx == g.get("approx") for q, g in matched), n_pred, n_gold)
    if all("kind" in g for _, _, g in gold):
        scores.value_kind.add(sum(q.kind == g.get("kind") for q, g in matched), n_pred, n_gold)
    for q, g in matched:
        scores.change.total += 1
        scores.change.right += int(q.change == g.get("change"))
    text: str = item["text"]
    for non in item.get("non_quantities", []):
        at = text.find(non)
        if at < 0:
            continue
        scores.non_quantities.total += 1
        end = at + len(non)
        scores.non_quantities.right += int(any(q.start < end and at < q.end for q in predicted))


def evaluate_quantities(
    path: Path,
    analyse: Analyse | None = None,
    progress: Progress | None = None,
    batch_size: int = 32,
) -> FoldScores:
    """Run `analyse` (newsgraph's stage A by default) over the items and score them by fold."""
    items = load_items(path)
    analyse = analyse or newsgraph_analyse()
    advance = progress(len(items)) if progress else None
    by_half = bool(items) and all("half" in it for it in items)
    result = FoldScores(QuantityScores(), QuantityScores(), QuantityScores(), by_half)
    began = time.perf_counter()
    for k in range(0, len(items), batch_size):
        batch = items[k : k + batch_size]
        articles = [Article.bare(f"q{k + j}", it["text"]) for j, it in enumerate(batch)]
        for j, (item, analysed) in enumerate(zip(batch, analyse(articles), strict=True)):
            held = item["half"] != "A" if by_half else (k + j) % FOLDS == HELD_OUT
            score_item(item, analysed.quantities, result.all)
            if by_half:
                part = result.halves.setdefault(item["half"], QuantityScores())
                score_item(item, analysed.quantities, part)
            score_item(item, analysed.quantities, result.held_out if held else result.develop)
            if advance:
                advance()
    seconds = time.perf_counter() - began
    for part in (result.all, result.develop, result.held_out, *result.halves.values()):
        part.seconds = seconds
    return result
