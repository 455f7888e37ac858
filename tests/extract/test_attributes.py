"""`FastAttributes` gives, token for token, what spaCy's attribute ruler and lemmatizer give."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from newsgraph.clean.html import clean_html
from newsgraph.extract import attributes

from .conftest import MODEL

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
# rules that look at a neighbour, and tokens the lemmatizer treats apart (spaces, numbers)
CONTEXTS = (
    "Y'all ain't gonna believe it, let's go. C'mon, there is a man who gets it.\n\n"
    "They gotta leave; nothin' changed. Who's there? 1,200 rated it; he was hoping."
)


@pytest.fixture(scope="module")
def stock() -> Language:
    nlp = spacy.load(MODEL)
    nlp.add_pipe("newsgraph_paragraphs", before="parser")  # the same parse to compare against
    return nlp


def _texts() -> list[str]:
    pages = sorted((ROOT / "examples").glob("*.html.gz"))[:4]
    texts = [clean_html(gzip.decompress(p.read_bytes()).decode("utf-8")).text for p in pages]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return [*texts, CONTEXTS]


def _signature(doc: spacy.tokens.Doc) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_the_loader_swaps_in_the_fast_pass(nlp: Language) -> None:
    assert "newsgraph_attributes" in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names


def test_same_output_as_the_stock_components_on_real_pages(nlp: Language, stock: Language) -> None:
    texts = _texts()
    ours = list(nlp.pipe(texts))
    # a second pass reads everything from the cache
    for doc, again, theirs in zip(ours, nlp.pipe(texts), stock.pipe(texts), strict=True):
        assert _signature(doc) == _signature(theirs)
        assert _signature(again) == _signature(theirs)


def test_rules_that_look_at_a_neighbour(nlp: Language) -> None:
    doc = nlp(CONTEXTS)
    lemma = {t.text: t.lemma_ for t in doc}
    assert lemma["ai"] == "be"
    assert [t.lemma_ for t in doc if t.text in ("gon", "na")] == ["go", "to"]
    there_is = next(t for t in doc if t.text == "is" and t.nbor(-1).text == "there")
    assert there_is.pos_ == "VERB"  # `there` is an expletive, so `is` is the verb


def test_a_pipeline_without_the_pair_is_left_alone() -> None:
    blank = spacy.blank("en")
    assert attributes.install(blank) is False
    assert blank.pipe_names == []


def test_a_paragraph_break_ends_a_sentence(nlp: Language) -> None:
    text = (
        'He called the plan "weak" and "timid."\n\n'
        '"We will fight it in every county," the mayor said.'
    )
    sents = [s.text.strip() for s in nlp(text).sents]
    assert sents == [
        'He called the plan "weak" and "timid."',
        '"We will fight it in every county," the mayor said.',
    ]


def test_the_paragraph_marker_runs_before_the_parser(nlp: Language) -> None:
    names = nlp.pipe_names
    assert names.index("newsgraph_paragraphs") < names.index("parser")


def test_each_lemma_is_worked_out_once_and_known_words_are_a_set() -> None:
    """The rule lemmatizer reads a token's spelling, POS and morphology only, so the fast pass
    asks it once per such triple, however many tags and labels the spelling comes with; and
    the word lists it checks every derived form against are sets, not lists to walk."""
    pipeline = spacy.load(MODEL)  # a fresh one: the pass below takes its lemmatizer
    fast = attributes.FastAttributes(
        pipeline.get_pipe("attribute_ruler"), pipeline.get_pipe("lemmatizer")
    )
    index = fast.lemmatizer.lookups.get_table("lemma_index")
    lists = [words for _, words in index.items()]
    assert lists and all(isinstance(words, frozenset) for words in lists)
    asked: list[tuple[int, int, int]] = []
    lemmatize = fast.lemmatizer.lemmatize

    def counted(token: spacy.tokens.Token) -> list[str]:
        asked.append((token.orth, token.pos, token.morph.key))
        return lemmatize(token)

    fast.lemmatizer.lemmatize = counted
    with pipeline.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = [fast(doc) for doc in pipeline.pipe(_texts())]
    assert len(asked) == len(set(asked)) > 100
    tags = {(t.orth, t.tag, t.dep) for doc in docs for t in doc}
    assert len(tags) > len(asked)  # spellings came back with other tags and labels
    assert all(t.lemma_ for doc in docs for t in doc)
