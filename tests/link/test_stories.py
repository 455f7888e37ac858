"""The story clusterer on real news texts (ECB+ documents from ../shared/bench)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from newsgraph.evaluate.stories import find_proper_names
from newsgraph.link.state import pack_state, unpack_state
from newsgraph.link.stories import StoryClusterer, StoryParams, extract_features, figure_topics
from newsgraph.records import Quantity

BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "stories"
DEV = BENCH / "ecbplus-dev.jsonl"


@pytest.fixture(scope="module")
def topic_docs() -> list[dict[str, str]]:
    """Three topics (six events of three kinds), in file order, with proper names as entities."""
    if not DEV.is_file():
        pytest.skip(f"story bench not found at {DEV}")
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    chosen = [r for r in rows if r["topic"] in (1, 7, 28)]
    for row, names in zip(chosen, find_proper_names([r["text"] for r in chosen]), strict=True):
        row["names"] = names
    return chosen


def _feed(clusterer: StoryClusterer, docs: list[dict]) -> None:
    for doc in docs:
        clusterer.add(doc["id"], doc["text"], entities=doc["names"])


def _majority_purity(clusterer: StoryClusterer, docs: list[dict]) -> float:
    stories: dict[str, list[str]] = {}
    for doc in docs:
        stories.setdefault(clusterer.story_of(doc["id"]) or "", []).append(doc["event"])
    right = sum(max(events.count(e) for e in set(events)) for events in stories.values())
    return right / len(docs)


def test_two_events_of_one_kind_are_two_stories(topic_docs: list[dict]) -> None:
    clusterer = StoryClusterer()
    _feed(clusterer, topic_docs)
    felt = {clusterer.story_of(d["id"]) for d in topic_docs if d["event"] == "28_ecb"}
    larue = {clusterer.story_of(d["id"]) for d in topic_docs if d["event"] == "28_ecbplus"}
    assert not felt & larue  # two Watergate figures' deaths: never one story
    assert _majority_purity(clusterer, topic_docs) >= 0.9
    assert 6 <= len(clusterer.stories()) <= 12


def test_state_survives_dumps_and_loads(topic_docs: list[dict]) -> None:
    whole = StoryClusterer()
    _feed(whole, topic_docs)
    half = len(topic_docs) // 2
    first = StoryClusterer()
    _feed(first, topic_docs[:half])
    resumed = StoryClusterer.loads(first.dumps())
    _feed(resumed, topic_docs[half:])
    assert [resumed.story_of(d["id"]) for d in topic_docs] == [
        whole.story_of(d["id"]) for d in topic_docs
    ]
    assert [(s.id, s.label, s.article_ids) for s in resumed.stories()] == [
        (s.id, s.label, s.article_ids) for s in whole.stories()
    ]


def _as_version3(data: bytes) -> bytes:
    """A version-4 state written as version 3 wrote it: ids, dates, links and stories listed
    in the JSON."""
    meta, arrays = unpack_state(data)
    articles = [a.decode() for a in arrays.pop("article_ids").tolist()]
    stories = [s.decode() for s in arrays.pop("story_ids").tolist()]
    links, members = arrays.pop("link_offsets").tolist(), arrays.pop("story_members").tolist()
    similarity, seqs = arrays.pop("link_similarity").tolist(), arrays.pop("link_seq").tolist()
    days = arrays.pop("node_day").tolist()
    offsets = arrays.pop("story_offsets").tolist()
    meta["version"] = 3
    meta["nodes"] = [
        {
            "seq": seq,
            "article_id": articles[a],
            "day": date.fromordinal(days[i]).isoformat() if days[i] else None,
            "title": meta["titles"][i],
            "links": [[similarity[j], seqs[j]] for j in range(links[i], links[i + 1])],
        }
        for i, (seq, a) in enumerate(
            zip(arrays.pop("node_seq").tolist(), arrays.pop("node_article").tolist(), strict=True)
        )
    ]
    meta["stories"] = [
        {
            "id": stories[i],
            "order": order,
            "article_ids": [articles[m] for m in members[offsets[i] : offsets[i + 1]]],
            "label": meta["labels"][i],
        }
        for i, order in enumerate(arrays.pop("story_order").tolist())
    ]
    published = [p.decode() for p in arrays.pop("published").tolist()]
    meta["published"] = dict(
        zip((articles[a] for a in arrays.pop("published_of").tolist()), published, strict=True)
    )
    meta["moves"] = {
        articles[a]: stories[s]
        for a, s in zip(
            arrays.pop("moves_of").tolist(), arrays.pop("moves_to").tolist(), strict=True
        )
    }
    archived = [stories[i] for i in arrays.pop("archive_ids").tolist()]
    meta["archive"] = [list(pair) for pair in zip(archived, meta.pop("archive_last"), strict=True)]
    del meta["titles"], meta["labels"]
    return pack_state(meta, arrays)


def test_state_of_version_3_loads_as_saved(topic_docs: list[dict]) -> None:
    """The saved state lists ids as byte strings, referred to by index (version 4); a state
    version 3 saved, with everything listed in its JSON, loads to the same clusterer, and
    either goes on as the clusterer that was saved."""
    dated = _dated(topic_docs, date(2024, 1, 1), 3)
    first = StoryClusterer(window_days=14, max_archived=4)
    half = len(dated) // 2
    for doc, day in dated[:half]:
        first.add(doc["id"], doc["text"], entities=doc["names"], published=day)
    saved = first.dumps()
    assert unpack_state(saved)[0]["version"] == 4
    assert first._archive and first._published  # (the state has something of each kind)
    old = _as_version3(saved)
    assert StoryClusterer.loads(saved).dumps() == saved
    assert StoryClusterer.loads(old).dumps() == saved
    runs = []
    for resumed in (first, StoryClusterer.loads(saved), StoryClusterer.loads(old)):
        rest = dated[half:]
        runs.append([resumed.add(d["id"], d["text"], published=day) for d, day in rest])
    assert runs[1] == runs[0] and runs[2] == runs[0]


def test_stories_carry_label_and_dates(topic_docs: list[dict]) -> None:
    clusterer = StoryClusterer()
    days = ["2024-03-01", "2024-03-02", "2024-03-04"]
    for i, doc in enumerate(topic_docs[:6]):
        clusterer.add(doc["id"], doc["text"], entities=doc["names"], published=days[i % 3])
    story = clusterer.stories()[0]
    assert story.label and len(story.label) <= 91
    assert story.first_seen is not None and story.last_seen is not None
    assert story.first_seen <= story.last_seen
    assert story.id.startswith("s") and len(story.id) == 16


def test_articles_far_apart_in_time_are_not_linked(topic_docs: list[dict]) -> None:
    same_event = [d for d in topic_docs if d["event"] == "28_ecb"][:2]
    together = StoryClusterer(window_days=14)
    apart = StoryClusterer(window_days=14)
    for doc, day in zip(same_event, ["2024-01-01", "2024-01-03"], strict=True):
        together.add(doc["id"], doc["text"], entities=doc["names"], published=day)
    for doc, day in zip(same_event, ["2024-01-01", "2024-06-01"], strict=True):
        apart.add(doc["id"], doc["text"], entities=doc["names"], published=day)
    assert len(together.stories()) == 1
    assert len(apart.stories()) == 2


def test_adding_an_article_twice_keeps_its_story(topic_docs: list[dict]) -> None:
    clusterer = StoryClusterer()
    doc = topic_docs[0]
    story = clusterer.add(doc["id"], doc["text"])
    assert clusterer.add(doc["id"], "something else entirely") == story
    assert len(clusterer) == 1


def _dated(docs: list[dict], first: date, step_days: int) -> list[tuple[dict, str]]:
    return [
        (doc, (first + timedelta(days=i * step_days)).isoformat()) for i, doc in enumerate(docs)
    ]


def test_a_thread_continues_after_its_window(topic_docs: list[dict]) -> None:
    """Coverage of one event resumes five weeks later: the story's archived profile takes the
    new article back (decayed, not cut off); without the archive it opens a new story."""
    felt = [d for d in topic_docs if d["event"] == "28_ecb"][:5]
    days = ["2024-01-01", "2024-01-02", "2024-01-03", "2024-02-07", "2024-02-08"]
    kept, forgetful = StoryClusterer(window_days=14), StoryClusterer(window_days=14, max_archived=0)
    for clusterer in (kept, forgetful):
        for doc, day in zip(felt, days, strict=True):
            clusterer.add(doc["id"], doc["text"], entities=doc["names"], published=day)
    assert len({kept.story_of(d["id"]) for d in felt}) == 1
    assert len({forgetful.story_of(d["id"]) for d in felt}) > 1


def _without_names(text: str) -> str:
    """The text with its capitalised words dropped: the event's kind without who and where."""
    return " ".join(w for w in text.split() if not w[:1].isupper())


def test_a_generic_article_does_not_bridge_two_stories(topic_docs: list[dict]) -> None:
    """Two stays in rehab eight years apart stay two stories, even when an article that tells
    such a stay in generic words (no names) comes just before the second one, and however
    slowly time decays: generic words alone never reopen a story."""
    reid = [d for d in topic_docs if d["event"] == "1_ecb"]
    lohan = [d for d in topic_docs if d["event"] == "1_ecbplus"]
    clusterer = StoryClusterer(window_days=14, half_life_days=100_000)
    for doc, day in _dated(reid, date(2005, 3, 1), 1):
        clusterer.add(doc["id"], doc["text"], entities=doc["names"], published=day)
    generic = " ".join(_without_names(d["text"]) for d in reid[:3] + lohan[:3])
    clusterer.add("generic", generic, published="2013-05-01")
    for doc, day in _dated(lohan, date(2013, 5, 3), 1):
        clusterer.add(doc["id"], doc["text"], entities=doc["names"], published=day)
    assert not {clusterer.story_of(d["id"]) for d in reid} & {
        clusterer.story_of(d["id"]) for d in lohan
    }
    assert clusterer.story_of("generic") not in {clusterer.story_of(d["id"]) for d in reid}


def test_archive_survives_dumps_and_loads_and_stays_bounded(topic_docs: list[dict]) -> None:
    """Spread over months, articles leave the window into the archive; a saved and loaded
    clusterer goes on exactly as the one that never stopped, and the archive keeps its cap."""
    dated = _dated(topic_docs, date(2024, 1, 1), 3)
    whole = StoryClusterer(window_days=14, max_archived=4)
    for doc, day in dated:
        whole.add(doc["id"], doc["text"], entities=doc["names"], published=day)
    first = StoryClusterer(window_days=14, max_archived=4)
    half = len(dated) // 2
    for doc, day in dated[:half]:
        first.add(doc["id"], doc["text"], entities=doc["names"], published=day)
    resumed = StoryClusterer.loads(first.dumps())
    for doc, day in dated[half:]:
        resumed.add(doc["id"], doc["text"], entities=doc["names"], published=day)
    assert [resumed.story_of(d["id"]) for d, _ in dated] == [
        whole.story_of(d["id"]) for d, _ in dated
    ]
    assert 0 < len(whole._archive) <= 4


POLNEAR = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "attribution" / "text"


def test_time_weighs_as_decay_between_dated_articles() -> None:
    """Two real reports of one inquiry (the Clinton email server, two days apart in print):
    published the same day they are one story; the more days between them, the weaker their
    link, and a week apart it no longer clears the threshold; undated, nothing decays. Each
    page comes with its names, as stage A gives them (a stand-in finder here)."""
    pages = []
    for name in ("staffer-who-set-up-clinton-email", "some-emails-to-powell-rice-s-aid"):
        path = next(iter(POLNEAR.glob(f"wash-post_2016-03-0?_{name}.txt")), None)
        if path is None:
            pytest.skip(f"PolNeAR texts not found at {POLNEAR}")
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        pages.append((path.stem, title, body))

    def together(days_apart: int | None, half_life: float = 7.0) -> bool:
        clusterer = StoryClusterer(link_half_life_days=half_life)
        for offset, (page_id, title, body) in zip((0, days_apart), pages, strict=True):
            day = None if offset is None else (date(2016, 3, 3) + timedelta(days=offset))
            clusterer.add(
                page_id,
                body,
                title=title,
                published=day and day.isoformat(),
                entities=find_proper_names([body])[0],
            )
        return clusterer.story_of(pages[0][0]) == clusterer.story_of(pages[1][0])

    assert together(0)
    assert not together(7)
    assert together(7, half_life=0.0)  # no decay: the window alone decides
    assert together(None)


def test_compacting_forgets_only_stories_that_can_never_change(topic_docs: list[dict]) -> None:
    """Stories with no article in the window and none in the archive are forgotten between
    passes (the store keeps them): every assignment stays what the clusterer that forgets
    nothing gives, while the saved state stops growing with every article ever linked."""
    knobs = {"window_days": 3, "max_archived": 2}
    stream = _dated(topic_docs, date(2019, 1, 1), 2)  # a new article every other day
    whole = StoryClusterer(**knobs)
    expected = [
        whole.add(d["id"], d["text"], published=day, entities=d["names"]) for d, day in stream
    ]
    compacted, got, forgotten = StoryClusterer(**knobs), [], []
    for start in range(0, len(stream), 10):  # passes of ten, saved and restored between them
        for doc, day in stream[start : start + 10]:
            got.append(compacted.add(doc["id"], doc["text"], published=day, entities=doc["names"]))
        forgotten += compacted.compact()
        compacted = StoryClusterer.loads(compacted.dumps())
    assert got == expected
    assert forgotten, "a long stream with a small archive must leave stories behind"
    assert len(compacted.stories()) + len(forgotten) == len(whole.stories())
    assert not set(forgotten) & {s.id for s in compacted.stories()}
    assert len(compacted.dumps()) < len(whole.dumps())


def _quantity(article_id: str, kind: str, obj: str | None, value: float = 300.0) -> Quantity:
    return Quantity(
        id=f"{article_id}-{kind}-{obj}", article_id=article_id, start=0, end=3, value=value,
        low=None, high=None, approx="exact", kind=kind, object=obj, unit=None, speaker=None,  # type: ignore[arg-type]
        speaker_entity_id=None, as_of=None, claim_id=None,
    )  # fmt: skip


def test_figure_topics_keep_what_a_figure_counts_not_its_value() -> None:
    topics = figure_topics(
        [
            _quantity("a", "KILL", "North Korean soldiers"),
            _quantity("b", "KILL", "soldiers", value=1100.0),
            _quantity("b", "OTHER", "points"),  # a poll's points: no thread's own figure
            _quantity("c", "DEPLOY", None),
        ]
    )
    assert topics == {"a": {"KILL|soldier"}, "b": {"KILL|soldier"}}


def test_named_sources_and_figure_topics_bring_two_reports_together() -> None:
    """Two reports of one thread in different words: with the source they quote and what
    their figures count as continuation signals they link; weighted 0 the signals are unused
    and the vectors are those of the words and names alone."""
    first = "Casualties mount among troops sent to the front near the border, officials say."
    second = "The death toll of the deployed units keeps rising, an intelligence briefing shows."
    signals = {"sources": ["Seoul"], "figures": ["KILL|soldier", "WOUND|soldier"]}

    def together(weight: float, **given: list[str]) -> bool:
        clusterer = StoryClusterer(source_weight=weight, figure_weight=weight, threshold=0.3)
        clusterer.add("a", first, published="2024-12-01", **given)
        clusterer.add("b", second, published="2024-12-02", **given)
        return clusterer.story_of("a") == clusterer.story_of("b")

    assert together(1.0, **signals)
    assert not together(1.0)
    assert not together(0.0, **signals)
    unused = StoryParams(source_weight=0.0, figure_weight=0.0)
    plain = extract_features(first, params=unused)
    assert extract_features(first, params=unused, **signals) == plain
    weighted = extract_features(first, params=StoryParams(), **signals)
    assert {"s:seoul", "f:KILL|soldier"} <= weighted.keys()


def test_feature_hash_is_scikit_learns_murmurhash() -> None:
    """Stories hash features with their own MurmurHash3 (scikit-learn costs the linker's process
    most of a CPU-second to import); saved states need exactly scikit-learn's values."""
    import random

    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
    from sklearn.utils import murmurhash3_32

    from newsgraph.link.stories import _STOP, murmur3_32

    rng = random.Random(5)
    alphabet = "abcxyz -:'’0123éñ日本"
    keys = ["", "a", "ab", "abc", "abcd", "w:police", "e:barack obama"]
    keys += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(2000)]
    for key in keys:
        for seed in (0, 1, 2**32 - 1):
            assert murmur3_32(key.encode("utf-8"), seed) == murmurhash3_32(
                key, seed=seed, positive=True
            ), (key, seed)
    assert ENGLISH_STOP_WORDS <= _STOP
