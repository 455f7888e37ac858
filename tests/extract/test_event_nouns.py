"""The nouns of happenings read from WordNet: the builder on WordNet's own file format, and the
shipped list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.errors import MissingExtra
from newsgraph.extract.build_event_nouns import happening_nouns, write
from newsgraph.extract.events import happening_nouns as shipped

# Lines in WordNet 3.0's format: index.noun gives each lemma's synsets, commonest first;
# data.noun gives each synset's lexicographer file (04 noun.act, 06 noun.artifact, 11 noun.event).
INDEX = """  1 This software and database is being provided to you, the LICENSEE, by
election n 2 1 @ 2 1 00181781 08180639
fall n 3 1 @ 3 1 07313004 00329227 09376198
house n 2 1 @ 2 1 03544360 00181781
New_York n 1 1 @ 1 0 07313004
"""
DATA = """  1 This software and database is being provided to you, the LICENSEE, by
00181781 04 n 01 election 0 000 | a vote to select the winner of a position
00329227 04 n 01 fall 0 000 | the act of allowing yourself to fall
03544360 06 n 01 house 0 000 | a dwelling that serves as living quarters
07313004 11 n 01 fall 1 000 | a sudden drop from an upright position
08180639 14 n 01 election 1 000 | the status of being elected
09376198 15 n 01 fall 2 000 | the season when leaves fall from trees
"""


def test_first_sense_decides_and_names_are_left_out(tmp_path: Path) -> None:
    (tmp_path / "index.noun").write_text(INDEX, encoding="latin-1")
    (tmp_path / "data.noun").write_text(DATA, encoding="latin-1")
    assert happening_nouns(tmp_path) == ["election", "fall"]
    output = tmp_path / "out.json"
    assert write(tmp_path, output) == 2
    assert json.loads(output.read_text())["words"] == ["election", "fall"]


def test_missing_wordnet_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(MissingExtra, match="no WordNet noun database"):
        happening_nouns(tmp_path)


def test_shipped_list_holds_happenings_not_things() -> None:
    words = shipped()
    assert {"earthquake", "election", "acquisition", "reform", "explosion"} <= words
    assert not {"house", "government", "car", "president", "water"} & words
