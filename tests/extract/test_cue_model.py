"""The learned cue table: its keys, its shortcut for words that are never cues, its fit."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from newsgraph.extract.cue_model import RARE, keys_of, load_cue_model
from newsgraph.extract.train_cues import MIN_NEGATIVE, fit, pick

BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "attribution"
TEXT = (
    "Mr. Trump's continual attacks on the nomination process angered party leaders, who "
    "were critical of his tone. Sanders said he wants to win California, and questions "
    "about whether he will stay in the race grew. “I think we will win,” he said."
)


def test_nouns_and_adjectives_have_their_own_keys(nlp: Language) -> None:
    doc = nlp(TEXT)
    attacks = next(t for t in doc if t.text == "attacks")
    critical = next(t for t in doc if t.text == "critical")
    assert keys_of(attacks, False)[0] == "n:attack|prep:on"
    assert keys_of(critical, False)[0] == "a:critical|prep:of"
    assert keys_of(next(t for t in doc if t.text == "wants"), False)[0] == "want|xcomp"


def test_the_shortcut_gives_what_the_probabilities_give(nlp: Language) -> None:
    if not (BENCH / "text").is_dir():
        pytest.skip(f"attribution benchmark texts not found at {BENCH / 'text'}")
    model = load_cue_model()
    assert model is not None
    texts = [TEXT, *(p.read_text("utf-8") for p in sorted((BENCH / "text").glob("*.txt"))[:3])]
    checked = 0
    for doc in nlp.pipe(texts):
        for tok in doc:
            if tok.pos_ in ("VERB", "NOUN", "ADJ"):
                for quoted in (False, True):
                    expected = model.probability(keys_of(tok, quoted)) >= model.threshold
                    assert model.is_cue(tok, quoted) is expected, tok.text
                    checked += 1
    assert checked > 50


def test_the_shipped_model_reads_the_common_cues(nlp: Language) -> None:
    model = load_cue_model()
    assert model is not None
    doc = nlp(TEXT)
    said = next(t for t in doc if t.text == "said")
    assert model.is_cue(said, False)
    assert not model.is_cue(said, True)  # "as he said" inside a quotation is rarely marked
    # the quoted speaker's own "I think" is not an attribution annotators mark
    assert not model.is_cue(next(t for t in doc if t.text == "think"), True)


def test_fit_keeps_common_keys_never_seen_as_cues() -> None:
    keys = ("think|ccomp", "think|ccomp|q12")
    rows = [("2016-01", keys, False)] * MIN_NEGATIVE + [("2016-01", ("say|ccomp", "x"), True)] * 3
    rows += [("2016-01", ("rare|dobj", "rare|dobj|p3"), False)]
    model = fit(rows)
    assert model.counts["think|ccomp|q12"] == (0, MIN_NEGATIVE)
    assert model.counts["say|ccomp"] == (3, 3)
    assert "rare|dobj" not in model.counts
    assert "think" not in model.cue_words and "say" in model.cue_words


def test_an_unseen_word_takes_the_rate_of_rare_words_in_its_frame() -> None:
    cls = "*|ccomp|p|that|p"
    rows = [("2016-01", (f"w{k}|ccomp", f"w{k}|ccomp|p3", cls), True) for k in range(8)]
    rows += [("2016-01", (f"v{k}|dobj", f"v{k}|dobj|p3", "*|dobj|p||p"), False) for k in range(8)]
    # a common word feeds its own keys, not the class: "see" is no evidence about the tail
    rows += [("2016-01", ("see|ccomp", "see|ccomp|p3", cls), False)] * RARE
    model = fit(rows, threshold=0.5)
    assert model.counts[cls] == (8, 8)
    unseen = ("grouse|ccomp", "grouse|ccomp|p3", cls)
    assert model.probability(unseen) > 0.8
    assert model.probability(("grouse|dobj", "grouse|dobj|p3", "*|dobj|p||p")) < 0.2
    assert model.probability(("see|ccomp", "see|ccomp|p3", cls)) < 0.5


def test_keys_name_the_class_of_a_word_without_its_lemma(nlp: Language) -> None:
    doc = nlp("She groused that the rules were rigged.")
    groused = next(t for t in doc if t.text == "groused")
    assert keys_of(groused, False)[2] == "*|ccomp|p|that|p"


def test_the_threshold_is_the_highest_of_those_as_good_as_the_best() -> None:
    assert pick({0.35: 0.5651, 0.4: 0.5653, 0.45: 0.5648, 0.5: 0.561}) == 0.45
    assert pick({0.35: 0.570, 0.4: 0.565, 0.45: 0.560}) == 0.35
