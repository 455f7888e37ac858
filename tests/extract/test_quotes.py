"""Quotation pairing never raises and never lets a stray mark swallow the text."""

from __future__ import annotations

import pytest

from newsgraph.extract.quotes import find_quotes


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('He said "yes" and "no".', ['"yes"', '"no"']),
        ("“We won,” she said.", ["“We won,”"]),
        ("'They are meat,' one officer said.", ["'They are meat,'"]),
        ("KIM'S troops and the soldiers' families", []),
        ('An open "quote with no end\nNext paragraph "closed".', ['"closed"']),
        ("“Unbalanced “nested” marks", ["“nested”"]),
        # copy mixing curly and straight marks: each quotation is its own
        ('“We won," she said. "We will win again.”', ['“We won,"', '"We will win again.”']),
        ('“He said "no" twice”', ['“He said "no" twice”']),
        ('"', []),
        ("", []),
    ],
)
def test_find_quotes(text: str, quoted: list[str]) -> None:
    assert [text[a:b] for a, b in find_quotes(text)] == quoted


def test_two_apostrophes_are_one_double_mark() -> None:
    text = "''It is easy,'' she said. ''We hear a lot of it.''"
    assert [text[a:b] for a, b in find_quotes(text)] == [
        "''It is easy,''",
        "''We hear a lot of it.''",
    ]
