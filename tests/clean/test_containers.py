"""Mending trafilatura's text with the page tree: template lines out, skipped paragraphs in."""

from __future__ import annotations

import lxml.html

from newsgraph.clean.containers import refine
from newsgraph.clean.html import clean_html

PARAS = [
    "The council voted on Tuesday to close the old bridge after engineers found deep cracks.",
    "Repairs will start next spring and are expected to take at least eighteen months.",
    "Drivers will be sent over the ring road, which adds about ten minutes to a crossing.",
    "Shop owners near the bridge said they feared losing customers during the works.",
]


def page(body: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(f"<html><body>{body}</body></html>")


def test_lines_after_the_body_are_dropped() -> None:
    tree = page(
        "<article class='story'>"
        + "".join(f"<p>{p}</p>" for p in PARAS)
        + "</article><div class='more'><p>Mayor opens new library in the old post office</p></div>"
    )
    text = "\n".join([*PARAS, "Mayor opens new library in the old post office"])
    assert refine(tree, text) == "\n".join(PARAS)


def test_headline_opening_the_text_is_dropped() -> None:
    tree = page("<h1>Old bridge to close</h1>" + "".join(f"<p>{p}</p>" for p in PARAS))
    text = "\n".join(["Old bridge to close", *PARAS])
    assert refine(
        tree, text, ("Old bridge to close", "Old bridge to close - Example")
    ) == "\n".join(PARAS)


def test_line_of_links_is_dropped() -> None:
    teaser = "Read more: Council approves new budget for the coming year"
    tree = page(
        "<div class='body'>"
        + f"<p>{PARAS[0]}</p><p><a href='/x'>{teaser}</a></p><p>{PARAS[1]}</p>"
        + "</div>"
    )
    assert refine(tree, "\n".join([PARAS[0], teaser, PARAS[1]])) == "\n".join(PARAS[:2])


def test_body_split_into_repeated_chunks_is_recovered() -> None:
    tree = page(
        "<main><div class='body chunk'>"
        + "".join(f"<p>{p}</p>" for p in PARAS[:2])
        + "</div><div class='ad'>Advertisement</div><div class='body chunk'>"
        + "".join(f"<p>{p}</p>" for p in PARAS[2:])
        + "</div></main>"
    )
    assert refine(tree, "\n".join(PARAS[:2])) == "\n".join(PARAS)


def test_skipped_paragraph_keeps_its_place_and_templates_stay_out() -> None:
    tree = page(
        "<div class='text'>"
        + "".join(f"<p>{p}</p>" for p in PARAS)
        + "<div class='newsletter-box'><p>Sign up for our morning briefing and get the news "
        "of the day in your inbox every weekday.</p></div></div>"
    )
    text = "\n".join([PARAS[0], PARAS[1], PARAS[3]])
    assert refine(tree, text) == "\n".join(PARAS)


def test_clean_html_uses_the_tree() -> None:
    html = (
        "<html><head><title>Old bridge to close - Example</title></head><body>"
        "<nav><a href='/'>Home</a></nav><article><h1>Old bridge to close</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAS)
        + "</article><aside class='related'><ul><li><a href='/a'>Mayor opens new library in "
        "the old post office</a></li><li><a href='/b'>Rail strike called off after late deal"
        "</a></li></ul></aside></body></html>"
    )
    cleaned = clean_html(html)
    assert cleaned.text.split("\n") == PARAS
    assert cleaned.title == "Old bridge to close"


def test_a_card_inline_in_a_paragraph_is_not_read_into_the_sentence() -> None:
    """A roll-over card (portrait, the name again, the person's latest stories) sits inside the
    paragraph's markup; its links glued into the sentence made "Ilhan OmarIlhan Omar...". A
    picture in a paragraph with a caption of its own, not a card of links, stays."""
    card = (
        "<span class='card'><span><img src='/p.jpg' alt=''></span>"
        "<a href='/people/jane-roe'>Jane Roe</a><a href='/a'>Senators call for a new audit</a>"
        "<a href='/b'>Budget talks stall again</a></span>"
    )
    html = (
        "<html><head><title>Old bridge to close - Example</title></head><body><article>"
        "<h1>Old bridge to close</h1>"
        f"<p>{PARAS[0][:-1]}, said Rep. <span class='who'><a href='/people/jane-roe'>Jane Roe"
        f"</a>{card}</span> on Monday.</p>"
        + "".join(f"<p>{p}</p>" for p in PARAS[1:])
        + "</article></body></html>"
    )
    text = clean_html(html).text
    assert f"{PARAS[0][:-1]}, said Rep. Jane Roe on Monday." in text
    assert "Senators call" not in text and "Jane RoeJane" not in text
