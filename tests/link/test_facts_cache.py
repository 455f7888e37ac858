"""Facts rebuilt pass after pass cost what changed: the shortcuts give what the plain way gives.

Claims are compared only with the claims sharing a word or a predicate class with them; a link
call keeps what it read of a story's articles (`StoryCache`); figure status skips the pairs of
one same interval. Each is checked against the plain computation.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from newsgraph.link import propositions
from newsgraph.link.facts import StoryCache, build_story_records, figure_status
from newsgraph.link.propositions import build_claim_facts
from newsgraph.records import (
    AnalyzedArticle,
    Article,
    ArticleRef,
    Claim,
    Document,
    Mention,
    Quantity,
    Rewrite,
    Statement,
    Story,
)
from newsgraph.store import open_store

_CONTENTS = [
    "North Korean troops were sent to Kursk",
    "North Korea sent soldiers to Russia",
    "the soldiers in Kursk were driven out",
    "Ukrainian forces are still holding their ground in Kursk",
    "no soldiers were killed in Kursk",
    "reports of troops in Russia are fake news",
    "the ceasefire was holding",
    "the ceasefire collapsed on Monday",
    "inflation rose sharply in March",
    "inflation fell in March",
    "talks with the rebels succeeded",
    "talks with the ministry failed",
]
_SPEAKERS = ["the ministry", "Kyiv", "the rebels", "officials"]


def _claims() -> tuple[list[ArticleRef], list[Claim]]:
    articles = [
        ArticleRef(f"a{n}", f"outlet{n % 5}.com", f"2025-01-{1 + n % 9:02d}") for n in range(18)
    ]
    claims = []
    for n, (content, speaker) in enumerate(itertools.product(_CONTENTS, _SPEAKERS)):
        if n % 3 == 2:
            continue  # not every wording on every page
        article = articles[n % len(articles)]
        stance = "deny" if "fake" in content or n % 7 == 0 else "assert"
        claims.append(
            Claim(f"c{n}", article.id, n, n + 40, speaker, None, "said", stance, False, content)
        )
    return articles, claims


def test_claims_compared_by_shared_word_group_as_all_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    articles, claims = _claims()
    blocked = build_claim_facts("s1", articles, claims, {})
    assert blocked  # the set holds propositions two sources state

    def every_wording_seen(p: Any, by_feature: dict[str, dict[Any, None]]) -> dict[Any, None]:
        return {w: None for seen in by_feature.values() for w in seen}

    monkeypatch.setattr(propositions, "_candidate_wordings", every_wording_seen)
    assert build_claim_facts("s1", articles, claims, {}) == blocked


def _statement(value: float, source: str, as_of: str, approx: str = "exact") -> Statement:
    return Statement(
        None, None, value, None, None, approx, None, "a", None, as_of,  # type: ignore[arg-type]
        source=source,
    )  # fmt: skip


def test_figure_status_of_one_interval_and_of_none() -> None:
    same = [_statement(300, f"s{n}", "2025-01-01") for n in range(4)]
    assert figure_status(same) == "corroborated"
    assert figure_status(same[:1]) == "single_source"
    # "at most -5" allows nothing (0 above -5): two sources of it cannot both be right
    empty = [_statement(-5, f"s{n}", "2025-01-01", "at_most") for n in range(2)]
    assert figure_status(empty) == "contested"
    assert figure_status([*same, _statement(3000, "t", "2025-01-02")]) == "contested"


def _write(store: Any, n: int, text: str, day: str) -> None:
    doc_id = f"{n:064x}"
    article = Article.bare(
        doc_id, text, url=f"https://o{n}.com/x", outlet=f"o{n}.com", published=day
    )
    at = text.index("300")
    analysed = AnalyzedArticle(
        article,
        [
            Mention(
                doc_id,
                text.index("Kursk"),
                text.index("Kursk") + 5,
                "Kursk",
                "Kursk",
                "GPE",
                "ekursk",
            )
        ],
    )
    analysed.quantities = [
        Quantity(
            f"q{n}", doc_id, at, at + 3, 300.0 + n, None, None, "exact", "KILL", "soldiers",
            None, "officials", None, day, None, text="300",
        )
    ]  # fmt: skip
    analysed.claims = [
        Claim(f"c{n}", doc_id, 0, len(text), "officials", None, "said", "assert", False, text)
    ]
    store.write_batch([(Document(doc_id, doc_id, text, "clean", url=article.url), analysed)])


def test_story_cache_gives_the_same_records_and_reads_less(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    texts = ["In Kursk 300 soldiers were killed, officials said.", "300 soldiers died in Kursk."]
    for n, text in enumerate(texts):
        _write(store, n, text, f"2025-01-0{n + 1}")
    story = Story("s1", "Kursk", [f"{n:064x}" for n in range(len(texts))], None, None)
    plain = build_story_records(store, [story], {})
    assert plain[0]  # a figure fact and a claim fact, two sources each
    read: list[str] = []
    texts_of = store.texts_of

    def counting(ids: Any) -> dict[str, str]:
        read.extend(ids)
        return texts_of(ids)

    store.texts_of = counting  # type: ignore[method-assign]
    cache = StoryCache()
    assert build_story_records(store, [story], {}, cache) == plain
    assert len(read) == len(texts)
    assert build_story_records(store, [story], {}, cache) == plain
    assert len(read) == len(texts)  # the scopes were kept: no text read again
    cache.forget([story.article_ids[0]])
    assert build_story_records(store, [story], {}, cache) == plain
    assert read[len(texts) :] == [story.article_ids[0]]
    store.close()


def test_story_cache_keeps_the_rewrite_relations(tmp_path: Path) -> None:
    """The relations of the articles read once, and those a pass finds added: the store's."""
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    for n in range(4):
        _write(store, n, f"In Kursk 300 soldiers were killed, officials said ({n}).", "2025-01-01")
    a, b, c, d = (f"{n:064x}" for n in range(4))

    def save(found: list[Rewrite]) -> None:
        store.save_link(
            linked_ids=[],
            assignments={},
            story_records=[],
            rewrite_records=found,
            fact_records=[],
            fact_stories=[],
            state={},
        )

    save([Rewrite(b, a, "copy", 1.0), Rewrite(c, b, "rewrite", 0.8)])
    cache = StoryCache()

    def same(ids: list[str]) -> None:
        assert sorted(cache.rewrites_touching(store, ids), key=repr) == sorted(
            store.rewrites_touching(ids), key=repr
        )

    same([a])
    same([a, b])
    found = [Rewrite(d, a, "rereport", 0.5), Rewrite(d, c, "declared", 0.4)]
    cache.add_rewrites(found)
    save(found)
    same([a, b])
    same([d])
    same([a, b, c, d])
    store.close()


def test_story_cache_gives_a_pass_its_noted_mentions(tmp_path: Path) -> None:
    """The mentions a pass read of its new articles stand in for the store's until it saves."""
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    for n in range(3):
        _write(store, n, f"In Kursk 300 soldiers were killed, officials said ({n}).", "2025-01-01")
    ids = [f"{n:064x}" for n in range(3)]
    cache = StoryCache()
    new = ids[1:]
    cache.note_mentions(new, store.mentions_of(new))

    def by_article(mentions: list[Mention]) -> dict[str, list[Mention]]:
        found: dict[str, list[Mention]] = {}
        for mention in mentions:
            found.setdefault(mention.article_id, []).append(mention)
        return found

    assert by_article(cache.mentions_of(store, ids)) == by_article(store.mentions_of(ids))
    read: list[str] = []
    mentions_of = store.mentions_of

    def counting(wanted: Any) -> list[Mention]:
        read.extend(wanted)
        return mentions_of(wanted)

    store.mentions_of = counting  # type: ignore[method-assign]
    cache.mentions_of(store, new)
    assert read == []
    cache.note_mentions((), ())
    cache.mentions_of(store, new)
    assert read == new
    store.close()
