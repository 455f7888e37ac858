"""The dossier: self-contained, every figure linked to its sentence, hostile text kept inert."""

from __future__ import annotations

import re
from pathlib import Path

from newsgraph.store import open_store
from newsgraph.views.report import build_report, segment, sentence_around
from tests.store.test_store import make_pair

HOSTILE = (
    "Officials said <script>window.pwned=1</script> 10,000 soldiers were sent. "
    '<img src=x onerror="alert(1)"> </textarea><a href="javascript:alert(2)">x</a>'
)


def test_report_links_figures_to_their_sentence(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    store.write_batch([make_pair(1)])
    html = build_report(store)
    (quantity,) = store.quantities()
    assert f'href="#q-{quantity.id}"' in html
    assert f'id="q-{quantity.id}"' in html
    # the figure's sentence is quoted in the quantities table
    assert "North Korea&#39;s army sent 10,000 soldiers, officials said." in html
    # self-contained: no external script, stylesheet or font
    assert not re.search(r"<(script|link)\b", html)
    assert 'http-equiv="Content-Security-Policy"' in html


def test_hostile_text_is_escaped_everywhere(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    document, analyzed = make_pair(1, text=HOSTILE)
    analyzed.article.title = '<script>alert("title")</script>'
    analyzed.article.url = "javascript:alert(3)"
    analyzed.quantities[0].start = HOSTILE.index("10,000")
    analyzed.quantities[0].end = analyzed.quantities[0].start + 6
    store.write_batch([(document, analyzed)])
    html = build_report(store)
    assert "<script>" not in html
    assert 'onerror="alert' not in html
    assert "</textarea><a" not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in html


def test_segment_cuts_overlapping_spans_flat() -> None:
    text = "abcdefghij"
    pieces = segment(text, [(0, 6, "claim", "c-1"), (3, 8, "qty", "q-1")])
    assert [(p.text, p.classes, p.anchors) for p in pieces] == [
        ("abc", ["claim"], ["c-1"]),
        ("def", ["claim", "qty"], ["q-1"]),
        ("gh", ["qty"], []),
        ("ij", [], []),
    ]
    assert "".join(p.text for p in pieces) == text


def test_sentence_around() -> None:
    text = "First one. The army sent 300 men. Last."
    start = text.index("300")
    assert sentence_around(text, start, start + 3) == "The army sent 300 men."
