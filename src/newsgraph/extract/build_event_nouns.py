"""Rebuild `event_nouns.json`: the nouns whose commonest sense is a happening, from WordNet.

    python -m newsgraph.extract.build_event_nouns [WORDNET_DIR]

WORDNET_DIR holds WordNet 3.0's database files `index.noun` and `data.noun` (Debian's
`wordnet-base` package puts them in /usr/share/wordnet). WordNet files every noun sense under a
lexicographer file; a noun counts as naming a happening when its first sense (WordNet orders the
senses by how often they were tagged in its corpus) lies in noun.act ("election", "reform"),
noun.event ("earthquake", "fall"), noun.phenomenon ("blast") or noun.process ("erosion"). Only
one-word lower-case lemmas are kept: events.py reads them against spaCy's lemmas. Deterministic:
the same WordNet gives the same file.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsgraph.errors import MissingExtra

OUTPUT = Path(__file__).with_name("event_nouns.json")
DEFAULT_DIR = Path("/usr/share/wordnet")
# Lexicographer file numbers (WordNet's lexnames): the files of happenings.
HAPPENINGS = {4: "noun.act", 11: "noun.event", 19: "noun.phenomenon", 22: "noun.process"}
NOTICE = (
    "Derived from WordNet 3.0, Copyright 2006 by Princeton University; used under the "
    "WordNet 3.0 license, which permits use, copying and distribution with this notice."
)


def lexicographer_files(data_noun: Path) -> dict[str, int]:
    """Synset offset -> its lexicographer file number, from `data.noun`."""
    files: dict[str, int] = {}
    with data_noun.open(encoding="latin-1") as handle:
        for line in handle:
            if line.startswith(" "):
                continue  # the licence header
            fields = line.split(maxsplit=2)
            if len(fields) >= 2 and fields[1].isdigit():
                files[fields[0]] = int(fields[1])
    return files


def happening_nouns(wordnet_dir: Path) -> list[str]:
    """The one-word nouns whose first WordNet sense lies in a file of happenings, sorted."""
    index, data = wordnet_dir / "index.noun", wordnet_dir / "data.noun"
    for path in (index, data):
        if not path.is_file():
            raise MissingExtra(
                f"no WordNet noun database at {path}", hint="apt-get install wordnet-base"
            )
    files = lexicographer_files(data)
    words: set[str] = set()
    with index.open(encoding="latin-1") as handle:
        for line in handle:
            if line.startswith(" "):
                continue
            fields = line.split()
            # lemma pos synset_cnt p_cnt [ptr_symbol]*p_cnt sense_cnt tagsense_cnt offsets...
            if len(fields) < 4 or not fields[3].isdigit():
                continue
            lemma, pointers = fields[0], int(fields[3])
            offsets = fields[4 + pointers + 2 :]
            if not offsets or not lemma.isalpha() or not lemma.islower():
                continue
            if files.get(offsets[0]) in HAPPENINGS:
                words.add(lemma)
    return sorted(words)


def write(wordnet_dir: Path, output: Path = OUTPUT) -> int:
    words = happening_nouns(wordnet_dir)
    payload = {"source": NOTICE, "files": sorted(HAPPENINGS.values()), "words": words}
    output.write_text(json.dumps(payload, indent=0) + "\n", encoding="utf-8")
    return len(words)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wordnet_dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    count = write(args.wordnet_dir, args.output)
    print(f"{count} nouns of happenings written to {args.output}")


if __name__ == "__main__":
    main()
