"""The seeds' story in a real browser, after the real pipeline: the answer an analyst reads.

The first seed says Russia "has kicked Ukraine out of the Kursk region" and that Ukraine "is
still holding its ground in Kursk": the story page must show the two side by side under its
contested heading, and no page may show an internal id.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from newsgraph.store import Store

OUTPUT = Path(__file__).parent / "output"
HEX_ID = r"\b[0-9a-f]{16,}\b"


def _seed_story(store: Store) -> str:
    stories = store.stories()
    assert stories, "the seeds formed no story"
    return stories[0].id


def test_seed_story_shows_the_contest_on_kursk(seeds_server: tuple[str, Store], page: Any) -> None:
    base, store = seeds_server
    story = _seed_story(store)
    page.goto(f"{base}/stories/{story}")
    contested = page.locator("#answer .contested-point")
    texts = [point.inner_text() for point in contested.all()]
    kursk = [t for t in texts if "Kursk" in t]
    assert kursk, texts
    assert "Russia" in kursk[0] and "Ukraine" in kursk[0]
    assert "asserts" in kursk[0] and "denies or contradicts" in kursk[0]
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "seeds_story.png"), full_page=True)
    assert page.errors == [] and page.offsite == []


def test_seed_pages_show_no_internal_id(seeds_server: tuple[str, Store], page: Any) -> None:
    base, store = seeds_server
    story = _seed_story(store)
    paths = [f"/stories/{story}", "/"]
    paths += [f"/articles/{a.id}" for a in store.articles()]
    paths += [f"/entities/{e.id}" for e in store.entities()[:10]]
    for path in paths:
        page.goto(base + path)
        text = page.locator("body").inner_text()
        assert not re.findall(HEX_ID, text), (path, re.findall(HEX_ID, text))
