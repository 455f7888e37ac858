"""The HTML pages on both stores: what each shows, and hostile text kept inert."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.views.web.corpus import Corpus

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
