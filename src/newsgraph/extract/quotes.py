"""Quotation spans of a text, paired without ever raising on unbalanced marks.

One pass over the quote characters only; an opening mark left unclosed at a paragraph break or
at the end is dropped, so a stray mark never swallows the rest of the article.
"""

from __future__ import annotations

import re

# Two apostrophes stand for a double quotation mark in some archives (''like this'').
_MARKS = re.compile("''|[\"“”‘’'\n]")
OPENERS = {"“": "”", "‘": "’"}


def find_quotes(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quotation in `text`, marks included, ordered and not nested."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    open_mark = ""
    inner = False  # a straight quotation open inside a curly one (“He said "no" twice”)
    for match in _MARKS.finditer(text):
        ch, pos, end = match.group(), match.start(), match.end()
        if ch == "''":
            ch = '"'
        if ch == "\n":
            open_at = None
            continue
        before = text[pos - 1] if pos > 0 else " "
        after = text[end] if end < len(text) else " "
        if open_at is None:
            if (
                ch in OPENERS
                or ch == '"'
                or (ch == "'" and not before.isalnum() and after.isalnum())
            ):
                open_at, open_mark, inner = pos, ch, False
            continue
        if open_mark == "“" and ch == '"':
            if inner:  # the straight quotation inside closes
                inner = False
                continue
            if before.isspace() or after.isalnum():  # one opens inside
                inner = not after.isspace()
                continue
        closes = (
            (open_mark in OPENERS and ch == OPENERS[open_mark])
            or (open_mark == '"' and ch in ('"', "”"))
            # copy that mixes curly and straight marks: “A," she said. "B.”
            or (open_mark == "“" and ch == '"')
            or (open_mark == "'" and ch == "'" and not after.isalnum() and not before.isspace())
        )
        if closes:
            spans.append((open_at, end))
            open_at = None
        elif ch == "“" and open_mark == "“":
            open_at = pos  # an unclosed quote followed by a new one: restart there
    return spans


def quote_around(quotes: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The quotation that contains [start, end), if any."""
    for q_start, q_end in quotes:
        if q_start <= start and end <= q_end:
            return q_start, q_end
        if q_start > end:
            break
    return None
