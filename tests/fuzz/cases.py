"""Hypothesis strategies for hostile pages, and the rule every fuzzed call must keep.

The rule: a call returns, or raises one of newsgraph's coded errors (`NewsgraphError`); any
other exception is a bug. Each case has a 5 s deadline, so a pathological regex fails loudly.
Set NEWSGRAPH_FUZZ_EXAMPLES for a longer run (the default keeps the suite quick).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import TypeVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from newsgraph.errors import NewsgraphError

T = TypeVar("T")
EXAMPLES = int(os.environ.get("NEWSGRAPH_FUZZ_EXAMPLES", "40"))
DEADLINE_MS = 5000
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=DEADLINE_MS,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=os.environ.get("NEWSGRAPH_FUZZ_RANDOM") is None,  # reproducible in CI
    database=None,
)

NEWS_WORDS = [
    "North Korea",
    "sent",
    "about",
    "10,000",
    "soldiers",
    "to",
    "Russia",
    "last",
    "fall",
    "South Korea's",
    "spy agency",
    "said",
    "on Monday",
    "according to",
    "officials",
    "claimed",
    "1.3 million",
    "a dozen",
    "$4bn",
    "£20m",
    "killed",
    "at least",
    "between Oct. 8 and 13",
    "in January",
    "yesterday",
    "next week",
    "the",
    "Kursk",
    "region",
    "\u201c",
    "\u201d",
    '"',
    ",",
    ".",
    ";",
    "(",
    ")",
    "Kyiv",
    "Reuters",
    "10k",
    "four-thousand-100",
    "per cent",
    "%",
    "2025-04-28",
    "winter",
    "'s",
    "told",
    "denied",
    "reportedly",
    "\n",
    "\n\n",
    "...",
    "-",
]
TAGS = ["p", "div", "span", "a", "script", "style", "h1", "article", "table", "td", "li", "br"]
ENCODINGS = [
    "utf-8",
    "utf-16-le",
    "utf-16-be",
    "utf-16",
    "cp1251",
    "cp1252",
    "shift_jis",
    "latin-1",
    "gb18030",
]


@st.composite
def news_text(draw: st.DrawFn, max_words: int = 120) -> str:
    """Text that looks like a news paragraph, with random unicode mixed in."""
    words = draw(
        st.lists(
            st.one_of(st.sampled_from(NEWS_WORDS), st.text(max_size=12)),
            max_size=max_words,
        )
    )
    return " ".join(words)


@st.composite
def html_page(draw: st.DrawFn) -> str:
    """A page of random, often unbalanced markup around news-like text."""
    parts: list[str] = []
    if draw(st.booleans()):
        charset = draw(st.sampled_from(["utf-8", "cp1251", "shift_jis", "bogus", "base64", ""]))
        parts.append(f'<html><head><meta charset="{charset}"><title>')
        parts.append(draw(news_text(max_words=8)) + "</title></head><body>")
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(st.sampled_from(TAGS))
        attrs = draw(st.sampled_from(["", ' class="byline"', ' href="javascript:x"', " id=a"]))
        close = draw(st.booleans())
        body = draw(news_text(max_words=30))
        parts.append(f"<{tag}{attrs}>{body}" + (f"</{tag}>" if close else ""))
    if draw(st.booleans()):
        parts.append("</body></html>")
    return "".join(parts)


@st.composite
def page_bytes(draw: st.DrawFn) -> bytes:
    """Bytes a crawler might hand over: markup or text in some encoding, or noise."""
    kind = draw(st.sampled_from(["html", "text", "noise", "mixed"]))
    if kind == "noise":
        return draw(st.binary(max_size=2048))
    text = draw(html_page()) if kind == "html" else draw(news_text())
    encoding = draw(st.sampled_from(ENCODINGS))
    data = text.encode(encoding, errors="replace")
    if kind == "mixed":
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.binary(max_size=64)) + data[cut:]
    return data


def json_values() -> st.SearchStrategy[object]:
    """Any JSON value, small."""
    return st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=12,
    )


@st.composite
def records(draw: st.DrawFn) -> object:
    """A JSONL record, well or badly formed."""
    good = {
        "id": draw(st.one_of(st.none(), st.text(max_size=10), st.integers())),
        "url": draw(st.one_of(st.none(), st.text(max_size=30), st.integers())),
        "published": draw(st.one_of(st.none(), st.sampled_from(["2025-04-28", "yesterday", ""]))),
        draw(st.sampled_from(["text", "html"])): draw(st.one_of(news_text(), html_page())),
    }
    return draw(st.one_of(st.just(good), json_values()))


def call_coded(call: Callable[[], T]) -> T | NewsgraphError:
    """Run `call`; a coded error is an allowed outcome and is returned, anything else raises."""
    try:
        return call()
    except NewsgraphError as exc:
        assert str(exc).startswith("[E"), f"an error without its code: {exc!r}"
        assert "\n" not in str(exc), f"an error is one line: {exc!r}"
        return exc


def drain(items: Iterable[T]) -> list[T]:
    """Every item of a reader's generator, so a late exception is not missed."""
    return list(items)
