"""The web UI in a real browser: stories, dossier, fact to sentence, search, hostile text inert."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.views.web.corpus import COPY_TITLE, UNTITLED_SOURCE, Corpus

OUTPUT = Path(__file__).parent / "output"


def test_stories_to_dossier_to_sentence(
    server: tuple[str, Corpus], page: Any, tmp_path: Path
) -> None:
    base, corpus = server
    page.goto(base + "/")
    assert page.locator("h1").inner_text() == "Stories"
    assert page.locator("svg.spark polyline").count() == 2
    page.click("text=North Korean soldiers sent to Russia")
    page.wait_for_url(f"{base}/stories/{corpus.story}")
    assert page.locator("#story-title").inner_text() == "North Korean soldiers sent to Russia"
    assert page.locator(".badge.contested").first.is_visible()
    assert page.locator("#answer .contested-point .card").count() == 2
    OUTPUT.mkdir(exist_ok=True)
    for folder in (tmp_path, OUTPUT):
        page.screenshot(path=str(folder / "dossier.png"), full_page=True)

    # follow the fact's Kyiv statement to its sentence in the article
    quantity = f"q-{corpus.kyiv[:16]}-q0"
    page.click(f"#f-f1 a.to-sentence[href$='#{quantity}']")
    page.wait_for_url(f"{base}/articles/{corpus.kyiv}#{quantity}")
    focused = page.locator(".focus")
    assert focused.count() == 1 and focused.inner_text() == "12,000"
    assert focused.is_visible()
    assert "Kursk" in page.locator("#body").inner_text()
    # the legend's toggles are wired by our own script
    page.uncheck("input[data-toggle=qty]")
    assert "hide-qty" in (page.locator("body").get_attribute("class") or "")
    assert page.dialogs == [] and page.errors == [] and page.offsite == []


def test_search_from_the_header(server: tuple[str, Corpus], page: Any) -> None:
    base, _corpus = server
    page.goto(base + "/")
    page.fill("#quick-search", "Kursk soldiers")
    page.press("#quick-search", "Enter")
    page.wait_for_url(f"{base}/search?q=Kursk+soldiers")
    assert page.locator("#result-count").inner_text() == "1 article"
    assert page.locator(".hit .mark").all_inner_texts() == ["soldiers", "Kursk"]
    page.select_option("select[name=kind]", "KILL")  # our script submits on change
    page.wait_for_url("**kind=KILL**")
    assert page.locator("#result-count").inner_text() == "0 articles"
    page.fill("#q", 'NEAR("soldiers" *')
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Search"
    assert page.errors == []


@pytest.mark.parametrize(
    "path", ["/articles/{hostile}", "/stories/{story}", "/search?q=soldiers", "/entities/{entity}"]
)
def test_hostile_text_never_runs(server: tuple[str, Corpus], page: Any, path: str) -> None:
    base, corpus = server
    page.goto(base + path.format(hostile=corpus.hostile, story=corpus.story, entity=corpus.entity))
    page.wait_for_load_state("load")
    for details in page.locator("details").all():
        details.locator("summary").click()  # open the removed boilerplate too
    page.wait_for_timeout(200)
    assert page.evaluate("window.pwned") is None
    assert page.dialogs == []
    assert page.evaluate("document.body.dataset.enhanced") == "1"  # our own script did run
    assert page.locator("script").count() == 1
    assert page.locator("iframe, img, a[href^='javascript:']").count() == 0
    assert page.offsite == []
    if "articles" in path:
        assert "<script>window.pwned='body'</script>" in page.locator("#body").inner_text()
        assert page.locator("a.original").count() == 0  # a javascript: URL is not linked


def _request(url: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_the_real_server_answers_head_the_index_and_errors(server: tuple[str, Corpus]) -> None:
    base, corpus = server
    for path in ("/", f"/stories/{corpus.story}", "/docs", "/api/", "/api/articles"):
        status, headers, body = _request(base + path, "HEAD")
        got_status, _, got = _request(base + path)
        assert (status, body) == (got_status, b"") == (200, b""), path
        assert headers["content-length"] == str(len(got)), path
    status, _, body = _request(base + "/api/")
    assert status == 200 and "/api/facts" in {e["path"] for e in json.loads(body)["endpoints"]}
    status, _, body = _request(base + "/api/facts?status=bogus")
    error = json.loads(body)
    assert status == 422 and error["errors"][0]["allowed"][0] == "corroborated"
    assert set(error) == set(json.loads(_request(base + "/api/articles/nope")[2]))


def test_a_bad_parameter_reads_as_a_page(server: tuple[str, Corpus], page: Any) -> None:
    base, _ = server
    response = page.goto(base + "/search?q=soldiers&since=notadate")
    assert response.status == 422
    assert page.locator("h1").inner_text() == "Bad request"
    assert "since" in page.locator("#error-message").inner_text()
    assert "{" not in page.locator("main").inner_text()  # not raw JSON
    page.click("text=a new search")
    page.wait_for_url(f"{base}/search")
    assert page.locator("#search-notice").inner_text().startswith("Type words to find.")
    assert page.errors == [] and page.offsite == []


def test_docs_work_offline(server: tuple[str, Corpus], page: Any) -> None:
    base, _ = server
    page.goto(base + "/")
    page.click("header nav >> text=API")
    page.wait_for_url(f"{base}/docs")
    assert page.locator("#endpoints tbody tr").count() >= 12
    assert "contested" in page.locator("#endpoints").inner_text()
    assert page.errors == [] and page.offsite == []


def test_operators_and_untitled_articles_in_the_browser(
    server: tuple[str, Corpus], page: Any
) -> None:
    base, corpus = server
    page.goto(base + "/search?q=" + "army+-kursk")
    titles = page.locator(".hit > a").all_inner_texts()
    assert COPY_TITLE in titles and UNTITLED_SOURCE not in titles
    page.click(f".hit > a[href='/articles/{corpus.copy}']")
    assert page.locator("#article-title").inner_text() == COPY_TITLE
    page.fill("#quick-search", "a")
    page.press("#quick-search", "Enter")
    page.wait_for_url(f"{base}/search?q=a")
    assert page.locator(".hit").count() == 0
    assert "Nothing to search for" in page.locator("#search-notice").inner_text()


def test_dates_do_not_wrap_in_narrow_tables(server: tuple[str, Corpus], page: Any) -> None:
    base, corpus = server
    page.set_viewport_size({"width": 360, "height": 800})
    for path in ("/", f"/stories/{corpus.story}", f"/articles/{corpus.kyiv}"):
        page.goto(base + path)
        lines = page.evaluate(
            """() => [...document.querySelectorAll('td.date, .statement .date')]
                .filter(e => e.textContent.trim())
                .map(e => { const r = document.createRange(); r.selectNodeContents(e);
                            return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })"""
        )
        assert lines and set(lines) == {1}, (path, lines)


HEX_ID = r"\b[0-9a-f]{16,}\b"


def test_no_internal_id_in_any_page_text(server: tuple[str, Corpus], page: Any) -> None:
    """Ids belong in links, never in what a person reads."""
    import re

    base, corpus = server
    paths = [
        "/",
        f"/stories/{corpus.story}",
        f"/stories/{corpus.other_story}",
        f"/stories/{corpus.story}?since=2025-05-01",
        f"/articles/{corpus.first}",
        f"/articles/{corpus.copy}",
        f"/articles/{corpus.kyiv}",
        f"/entities/{corpus.entity}",
        "/search?q=soldiers",
    ]
    for path in paths:
        page.goto(base + path)
        for details in page.locator("details").all():
            details.locator("summary").click()
        text = page.locator("body").inner_text()
        assert not re.findall(HEX_ID, text), (path, re.findall(HEX_ID, text))


def test_no_chart_without_two_dated_points(server: tuple[str, Corpus], page: Any) -> None:
    base, corpus = server
    for story in (corpus.story, corpus.other_story):
        page.goto(f"{base}/stories/{story}")
        for chart in page.locator("#figures svg.timeline").all():
            assert chart.locator("circle").count() >= 2
    page.goto(f"{base}/stories/{corpus.other_story}")
    assert page.locator("#figures svg.timeline").count() == 0
    assert page.locator("#figures .value-inline").first.inner_text() == "300"
