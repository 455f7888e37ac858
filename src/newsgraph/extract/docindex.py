"""Per-document indexes computed once and kept in the doc's `user_data`.

spaCy's `Token.sent` and `Doc.text` walk the whole document on every call, which made
extraction quadratic in article length; these give the same answers in O(1).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

KEY = "newsgraph.sentence_starts"
TEXT_KEY = "newsgraph.text"


def seed_text(doc: Doc, text: str) -> None:
    """Record the text `doc` was parsed from, when the caller has it at hand."""
    if len(doc) == 0 or doc[-1].idx + len(doc[-1].text_with_ws) == len(text):
        doc.user_data[TEXT_KEY] = text


def text_of(doc: Doc) -> str:
    """`doc.text`, computed once."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


def _starts(doc: Doc) -> list[int]:
    cached = doc.user_data.get(KEY)
    if cached is None or len(cached) != len(doc):
        cached = [0] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                cached[i] = sent.start
        doc.user_data[KEY] = cached
    return cached


def sentence_starts(doc: Doc) -> list[int]:
    """The first token of each token's sentence, computed once per doc."""
    return _starts(doc)


def sentence_of(tok: Token) -> Span:
    """The sentence holding `tok` (same as `tok.sent`, without the linear scan)."""
    doc = tok.doc
    starts = _starts(doc)
    start = starts[tok.i]
    end = tok.i + 1
    while end < len(doc) and starts[end] == start:
        end += 1
    return doc[start:end]
