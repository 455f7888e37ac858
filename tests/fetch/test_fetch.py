"""Fetching from a local site: robots.txt, rate limit, retries, conditional GET, feeds, sitemaps."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.config import Settings
from newsgraph.fetch import FetchOptions, fetch, watch
from newsgraph.fetch.polite import HostClock
from newsgraph.store import Store, open_store
from tests.fetch.conftest import Site

FAST = FetchOptions(delay=0.1, backoff=0.01, retries=2, timeout=5)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(f"sqlite:///{tmp_path / 'store.db'}")


def test_fetch_follows_feed_and_sitemap_obeys_robots_and_retries(
    site: Site, store: Store, tmp_path: Path
) -> None:
    urls = [site.url("/feed.xml"), site.url("/sitemap.xml"), site.url("/flaky.html")]
    summary = fetch(urls, store, Settings(), state_dir=tmp_path / "state", options=FAST)

    assert summary.disallowed == [site.url("/private/secret.html")]
    assert site.requests_for("/private/secret.html") == []
    assert len(site.requests_for("/robots.txt")) == 1  # once per host
    # the 503 was retried and the page arrived
    assert len(site.requests_for("/flaky.html")) == 2
    assert summary.failed == [] and summary.pages == 4
    assert summary.stored == 4, summary.ingested.failed
    stored = {a.url: a for a in store.articles()}
    assert set(stored) == {
        site.url(p) for p in ("/news/a.html", "/news/b.html", "/news/c.html", "/flaky.html")
    }
    # the raw responses are kept in a WARC, which is what the articles' source_id points to
    assert summary.archive is not None and summary.archive.is_file()
    article = stored[site.url("/news/a.html")]
    assert article.source_id == f"{summary.archive}#{site.url('/news/a.html')}"

    # one host, one request at a time, `delay` apart (measured on arrival, so with some jitter)
    gaps = [b - a for (a, _, _), (b, _, _) in zip(site.log, site.log[1:], strict=False)]
    assert min(gaps) >= FAST.delay * 0.7 and sum(gaps) / len(gaps) >= FAST.delay * 0.95


def test_second_fetch_is_conditional_and_stores_nothing(
    site: Site, store: Store, tmp_path: Path
) -> None:
    urls = [site.url("/feed.xml"), site.url("/news/c.html")]
    state = tmp_path / "state"
    fetch(urls, store, Settings(), state_dir=state, options=FAST)
    before = len(site.log)
    again = fetch(urls, store, Settings(), state_dir=state, options=FAST)
    asked = site.log[before:]
    feed_headers = [h for _, p, h in asked if p == "/feed.xml"]
    assert feed_headers and feed_headers[0].get("If-None-Match")
    assert (again.not_modified, again.pages, again.stored) == (2, 0, 0)
    # an unchanged feed is not walked again
    assert [p for _, p, _ in asked if p.startswith("/news/")] == ["/news/c.html"]


def test_a_server_that_stays_down_is_one_error_after_the_retries(
    site: Site, store: Store, tmp_path: Path
) -> None:
    summary = fetch([site.url("/down.html")], store, Settings(), state_dir=tmp_path, options=FAST)
    assert len(site.requests_for("/down.html")) == FAST.retries + 1
    (error,) = summary.failed
    assert "/down.html" in str(error) and "HTTP 503" in str(error)


@pytest.mark.parametrize("workers", [1, 2])
def test_watch_fetches_only_new_entries_and_links_them(
    site: Site, store: Store, tmp_path: Path, workers: int
) -> None:
    """With workers, every round's pages go through one pool of stage A workers."""
    state = tmp_path / "state"
    feed = [site.url("/feed.xml")]
    (first,) = watch(
        feed, store, Settings(), every=0, rounds=1, state_dir=state, options=FAST, workers=workers
    )
    assert first.stored == 2
    site.feed_items.append("/news/c.html")
    rounds = watch(
        feed,
        store,
        Settings(),
        every=0.01,
        rounds=2,
        state_dir=state,
        options=FAST,
        workers=workers,
    )
    assert [r.stored for r in rounds] == [1, 0]
    assert rounds[0].already_seen == 2 and rounds[1].not_modified == 1
    assert len(site.requests_for("/news/a.html")) == 1
    assert store.count_unlinked() == 0
    assert all(a.story_id for a in store.articles())


def test_host_clock_spaces_requests_per_host() -> None:
    slept: list[float] = []
    clock = HostClock(10.0, sleep=slept.append)
    clock.wait("a.example")
    clock.wait("b.example")  # another host is not held back
    assert slept == []
    clock.wait("a.example")
    assert len(slept) == 1 and 9.0 < slept[0] <= 10.0
