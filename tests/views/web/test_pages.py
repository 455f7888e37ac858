"""The HTML pages on both stores: what each shows, and hostile text kept inert."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from newsgraph.store.queries import UNTITLED, display_title
from newsgraph.views.report import build_report, plural
from tests.views.web.corpus import COPY_TITLE, UNTITLED_SOURCE, Corpus

Client = tuple[TestClient, Corpus]


def test_stories_page_lists_counts_and_sparklines(corpus_client: Client) -> None:
    client, c = corpus_client
    html = client.get("/").text
    assert f'href="/stories/{c.story}"' in html and "North Korean soldiers sent to Russia" in html
    row = html[html.index(f'href="/stories/{c.story}"') :].split("</tr>")[0]
    assert re.findall(r'<td class="num">(\d+)</td>', row) == ["4", "4"]
    assert "<polyline points=" in row and "2025-04-28" in row


def test_dossier_shows_facts_contested_sources_entities_events(corpus_client: Client) -> None:
    client, c = corpus_client
    html = client.get(f"/stories/{c.story}").text
    assert '<span class="badge contested">contested</span>' in html
    coverage = html[html.index('<svg class="spark wide"') :].split("</svg>")[0]
    assert "<polyline points=" in coverage and "4 from 2025-04-28 to 2025-05-02" in coverage
    kyiv_quantity = f"{c.kyiv[:16]}-q0"
    assert f'href="/articles/{c.kyiv}#q-{kyiv_quantity}"' in html  # fact -> its sentence
    assert '<svg class="timeline"' in html
    contested = html[html.index('id="contested"') : html.index('id="sources"')]
    assert contested.count('class="card"') == 2
    assert "12,000" in contested and "10,000" in contested and "Kyiv said 12,000" in contested
    sources = html[html.index('id="sources"') : html.index('id="entities"')]
    chain = sources[sources.index(f'href="/articles/{c.first}"') :].split('class="chain"')[0]
    assert f'href="/articles/{c.copy}"' in chain and ">copy<" in chain
    assert f'href="/entities/{c.entity}"' in html
    incidents = html[html.index('id="incidents"') : html.index('id="sources"')]
    assert "2025-04-20" in incidents and "North Korea sends soldiers to Russia" in incidents
    assert "1 report ·" in incidents


def test_dossier_answers_first(corpus_client: Client) -> None:
    client, c = corpus_client
    html = client.get(f"/stories/{c.story}").text
    answer = html[html.index('id="answer"') : html.index('id="who-says-what"')]
    # the key figure with each source's latest value, and both sides of the contest
    assert "DEPLOY · North Korean soldiers" in answer
    assert "10,000 according to officials" in answer and "12,000 according to Kyiv" in answer
    assert "2 outlets · 2 independent sources" in answer
    # who says what: every claim, with its speaker and a link to its sentence
    claims = html[html.index('id="who-says-what"') : html.index('id="figures"')]
    assert "<strong>Kyiv</strong>" in claims and f"/articles/{c.kyiv}#c-" in claims


def test_no_chart_without_two_dated_points(corpus_client: Client) -> None:
    client, c = corpus_client
    html = client.get(f"/stories/{c.other_story}").text
    figures = html[html.index('id="figures"') : html.index('id="incidents"')]
    assert '<svg class="timeline"' not in figures
    assert '<span class="value-inline">300</span>' in figures


def test_story_page_since_a_date_and_its_feed(corpus_client: Client) -> None:
    client, c = corpus_client
    html = client.get(f"/stories/{c.story}?since=2025-05-01").text
    since = html[html.index('id="since"') : html.index('id="answer"')]
    assert "new source Kyiv reports 12,000, 2025-01-15 (kyivpost.example)" in since
    feed = client.get(f"/stories/{c.story}/changes.atom?since=2025-01-01")
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("application/atom+xml")
    assert b"<feed" in feed.content and b"DEPLOY" in feed.content


def test_article_page_highlights_and_links(corpus_client: Client) -> None:
    client, c = corpus_client
    html = client.get(f"/articles/{c.kyiv}").text
    quantity = f"q-{c.kyiv[:16]}-q0"
    assert (
        f'<span class="anchor" id="{quantity}"></span><span class="claim qty">12,000</span>' in html
    )
    assert '<span class="claim ent">North Korean</span>' in html
    assert '<a class="original" href="https://example.org/3"' in html
    first = client.get(f"/articles/{c.first}").text
    assert '<details class="boilerplate">' in first and "Follow us on WhatsApp" in first
    assert f'copy by <a href="/articles/{c.copy}">' in first
    copy = client.get(f"/articles/{c.copy}").text
    assert f'copy of <a href="/articles/{c.first}">' in copy


def test_entity_page(corpus_client: Client) -> None:
    client, c = corpus_client
    html = client.get(f"/entities/{c.entity}").text
    assert "North Korea" in html and "North Korea&#39;s" in html and "North Korean" in html
    assert "Claims about North Korea" in html and f"/articles/{c.first}#c-" in html
    given = html[html.index("Figures North Korea gave, over time") :]
    assert "<strong>10,000</strong>" in given and f"/articles/{c.first}#q-" in given


@pytest.mark.parametrize("query", ["soldiers", '"NEAR(', "<script>alert(1)</script>", ""])
def test_search_page(corpus_client: Client, query: str) -> None:
    client, c = corpus_client
    response = client.get("/search", params={"q": query, "kind": "DEPLOY"})
    assert response.status_code == 200
    assert "<script>alert" not in response.text
    if query == "soldiers":
        assert '<span class="mark">soldiers</span>' in response.text
        assert f'href="/articles/{c.kyiv}"' in response.text


def test_missing_records_are_404_pages(corpus_client: Client) -> None:
    client, _ = corpus_client
    for path in ("/stories/nope", "/articles/nope", "/entities/nope"):
        response = client.get(path)
        assert response.status_code == 404 and "E101" in response.text


def test_hostile_article_is_inert(corpus_client: Client) -> None:
    client, c = corpus_client
    pages = [
        client.get(f"/articles/{c.hostile}").text,
        client.get(f"/stories/{c.story}").text,
        client.get("/search", params={"q": "soldiers"}).text,
    ]
    for html in pages:
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert scripts == ['<script src="/static/app.js" defer>'], scripts
        assert not re.search(
            r"<(img|iframe|svg onload|style)\b[^>]*(onerror|onload|javascript)", html
        )
        assert 'href="javascript:' not in html
        assert "</textarea><script>" not in html
    article = pages[0]
    assert "&lt;script&gt;window.pwned=&#39;body&#39;&lt;/script&gt;" in article
    assert "javascript:window.pwned=&#39;url&#39;" in article  # shown as text, not linked
    assert "{{ 7*7 }}" in article  # not evaluated as a template


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/search?q=soldiers&since=notadate", "since"),
        ("/search?q=soldiers&kind=bogus", "kind"),
        ("/search?q=soldiers&until=2025-02-30", "until"),
        ("/?offset=-1", "offset"),
    ],
)
def test_a_bad_parameter_in_a_page_is_a_readable_page(
    corpus_client: Client, path: str, parameter: str
) -> None:
    client, _ = corpus_client
    response = client.get(path)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert '<h1 id="error-title">Bad request</h1>' in html
    assert f"<code>{parameter}</code>" in html and '"detail"' not in html
    assert re.findall(r"<script\b[^>]*>", html) == ['<script src="/static/app.js" defer>']


def test_unknown_page_is_an_html_404(corpus_client: Client) -> None:
    client, _ = corpus_client
    response = client.get("/no/such/page")
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "Not found" in response.text


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("", "Type words to find."),
        ("a", "Nothing to search for in &#39;a&#39;"),
        ("the", "stop words"),
    ],
)
def test_search_page_with_nothing_to_find_says_so(
    corpus_client: Client, query: str, notice: str
) -> None:
    client, c = corpus_client
    response = client.get("/search", params={"q": query})
    assert response.status_code == 200
    shown = response.text[response.text.index('id="search-notice"') :].split("</p>")[0]
    assert notice in shown
    assert 'class="hit"' not in response.text and f"/articles/{c.first}" not in response.text


def test_display_title_is_the_first_line_of_text() -> None:
    assert display_title("  A  real\ttitle ", "text") == "A real title"
    assert display_title(None, "\n  \n  First   line here  \nSecond line") == "First line here"
    assert display_title("", "Only line") == "Only line"
    long = "word " * 40
    cut = display_title(None, long)
    assert cut.endswith("…") and len(cut) <= 91 and cut[:-1] == cut[:-1].rstrip()
    assert display_title(None, "x" * 200) == "x" * 90 + "…"
    assert display_title(None, " \n\t") == UNTITLED


def test_untitled_articles_show_their_first_line_everywhere(corpus_client: Client) -> None:
    client, c = corpus_client
    escaped = COPY_TITLE.replace("'", "&#39;")
    pages = {
        "article": client.get(f"/articles/{c.copy}").text,
        "origin": client.get(f"/articles/{c.first}").text,  # "copy by <title>"
        "story": client.get(f"/stories/{c.story}").text,
        "entity": client.get(f"/entities/{c.entity}").text,
        "search": client.get("/search", params={"q": "army", "outlet": "copies.example"}).text,
    }
    for name, html in pages.items():
        assert f">{escaped}</a>" in html or f">{escaped}</h1>" in html, name
        assert f">{UNTITLED_SOURCE}<" not in html, name  # never a path as a title
    assert f"<title>{escaped} · newsgraph</title>" in pages["article"]
    assert f'copy by <a href="/articles/{c.copy}">{escaped}</a>' in pages["origin"]
    api = client.get(f"/api/articles/{c.copy}").json()
    assert api["title"] is None and api["display_title"] == COPY_TITLE
    hits = client.get("/api/search", params={"q": "army"}).json()["items"]
    assert COPY_TITLE in {h["display_title"] for h in hits}


def test_untitled_article_in_the_report(store_url: str) -> None:
    from newsgraph.store import open_store
    from tests.views.web.corpus import build_corpus

    store = open_store(store_url)
    build_corpus(store)
    html = build_report(store)
    store.close()
    escaped = COPY_TITLE.replace("'", "&#39;")
    assert f"<h3>{escaped}</h3>" in html and f">{escaped}</a>" in html
    assert f"<h3>{UNTITLED_SOURCE}</h3>" not in html and f">{UNTITLED_SOURCE}</a>" not in html


def test_plural_reads_as_english() -> None:
    assert [plural(n, "article") for n in (0, 1, 2, 1500)] == [
        "0 articles",
        "1 article",
        "2 articles",
        "1,500 articles",
    ]
    assert (plural(1, "story"), plural(3, "story"), plural(2, "entity")) == (
        "1 story",
        "3 stories",
        "2 entities",
    )
    assert plural(2, "day") == "2 days"


def test_counts_of_one_read_as_english(corpus_client: Client) -> None:
    client, c = corpus_client
    other = client.get(f"/stories/{c.other_story}").text
    summary = other[other.index('id="story-title"') :].split("</p>")[0]
    assert "1 article · 1 outlet ·" in summary
    assert "1 articles" not in other and "1 sources" not in other
    assert 'aria-label="1 article from 2025-04-28' in client.get("/").text
    one = client.get("/search", params={"q": "Kursk soldiers"}).text
    assert '<p class="muted small" id="result-count">1 article</p>' in one
    for path in ("/", f"/stories/{c.story}", f"/articles/{c.first}", f"/entities/{c.entity}"):
        html = client.get(path).text
        assert not re.search(r"\b1 (articles|sources|stories|facts|claims|mentions|pieces)\b", html)


def test_the_entity_pages_link_to_all_its_articles_still_lists_them(corpus_client: Client) -> None:
    client, c = corpus_client
    entity = client.get(f"/entities/{c.entity}").text
    assert f'href="/search?entity_id={c.entity}"' in entity
    listed = client.get("/search", params={"entity_id": c.entity}).text
    assert '<p class="muted small" id="result-count">4 articles</p>' in listed
    assert 'id="search-notice"' not in listed
    api = client.get("/api/search", params={"story_id": c.other_story}).json()
    assert [h["article_id"] for h in api["items"]] == [c.other]


def test_search_page_has_a_facts_tab(corpus_client: Client) -> None:
    client, c = corpus_client
    html = client.get("/search", params={"q": "troops sent", "tab": "facts"}).text
    found = html[html.index('class="facts-found"') :]
    assert found.index("DEPLOY · North Korean soldiers") < found.index("</ol>")
    assert f'href="/stories/{c.story}#f-f1"' in found
    articles = client.get("/search", params={"q": "soldiers"}).text
    assert 'id="facts-tab"' in articles and "tab=facts" in articles
