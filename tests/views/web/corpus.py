"""A small linked corpus for the web, API and browser tests, written without NLP or the linker.

Two stories; a copy relation; a contested fact (10,000 vs 12,000 soldiers); an event; and one
article whose every field is hostile markup from tests/data/hostile/article.json.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from newsgraph.records import (
    Boilerplate,
    Event,
    Fact,
    Incident,
    Rewrite,
    Statement,
    Story,
    child_id,
)
from newsgraph.store import Store
from tests.store.test_store import make_pair

HOSTILE = json.loads(
    (Path(__file__).parents[2] / "data" / "hostile" / "article.json").read_text(encoding="utf-8")
)
UNTITLED_SOURCE = "/srv/scrapes/2025-04-29/copy-of-wire.txt"
COPY_TITLE = "North Korea's army sent 10,000 soldiers, officials said."  # its text's first line
KYIV = "Kyiv said 12,000 North Korean soldiers were sent to the Kursk region in January."


@dataclass(slots=True)
class Corpus:
    first: str  # the original wire: 10,000 soldiers
    copy: str  # a copy of `first`, untitled, its source id a file path
    kyiv: str  # 12,000 soldiers, according to Kyiv
    other: str  # the only article of the second story
    hostile: str  # every field is markup
    story: str = "s1"
    other_story: str = "s2"
    fact: str = "f1"
    entity: str = ""


def build_corpus(store: Store) -> Corpus:
    """Write the corpus into `store` and link it by hand with `Store.save_link`."""
    first_doc, first = make_pair(1)
    first.events.append(
        Event(
            child_id(first.article.id, "v", 0),
            first.article.id,
            0,
            30,
            first.mentions[0].entity_id,  # as extraction gives it: an entity id, never shown
            "DEPLOY",
            "soldiers",
            "Russia",
            "2025-04-20",
            None,
        )
    )
    first.quantities[0].speaker_entity_id = first.mentions[0].entity_id  # a figure North Korea gave
    copy_doc, copy = make_pair(2)
    copy.article.published = "2025-04-29"
    copy.article.outlet = "copies.example"
    copy.article.title = None  # a .txt scrape: no title, and a file path for its source id
    copy.article.source_id = copy_doc.source_id = UNTITLED_SOURCE
    kyiv_doc, kyiv = make_pair(3, KYIV)
    kyiv.article.published = "2025-05-02"
    kyiv.article.outlet = "kyivpost.example"
    kyiv.article.title = "Kyiv counts 12,000 North Korean soldiers in Kursk"
    start = KYIV.index("12,000")
    quantity = kyiv.quantities[0]
    quantity.start, quantity.end, quantity.value, quantity.text = (
        start,
        start + 6,
        12000.0,
        "12,000",
    )
    quantity.speaker, quantity.as_of = "Kyiv", "2025-01-15"
    kyiv.claims[0].speaker, kyiv.claims[0].content = "Kyiv", KYIV[10:]
    kyiv.mentions[0].start, kyiv.mentions[0].end = (
        KYIV.index("North Korean"),
        KYIV.index(" soldiers"),
    )
    kyiv.mentions[0].text = "North Korean"
    other_doc, other = make_pair(4, "An earthquake struck the coast; 300 people were killed.")
    other.article.title = "Earthquake strikes the coast"
    other.quantities[0].start, other.quantities[0].end = 40, 43
    other.quantities[0].kind, other.quantities[0].value, other.quantities[0].text = (
        "KILL",
        300.0,
        "300",
    )
    other.mentions.clear()
    hostile_doc, hostile = make_pair(5, HOSTILE["text"])
    for name in ("title", "url", "outlet", "byline"):
        setattr(hostile.article, name, HOSTILE[name])
    hostile.article.boilerplate = [Boilerplate(**b) for b in HOSTILE["boilerplate"]]
    q_start = HOSTILE["text"].index("10,000")
    hostile.quantities[0].start, hostile.quantities[0].end = q_start, q_start + 6
    hostile.claims[0].content = HOSTILE["text"][:80]
    hostile.claims[0].end = 80
    store.write_batch(
        [
            (first_doc, first),
            (copy_doc, copy),
            (kyiv_doc, kyiv),
            (other_doc, other),
            (hostile_doc, hostile),
        ]
    )

    ids = [a.article.id for a in (first, copy, kyiv, other, hostile)]
    said = Statement(
        first.quantities[0].id,
        None,
        10000.0,
        None,
        None,
        "exact",
        "officials",
        ids[0],
        "example.org",
        "2025-04-28",
    )
    counted = Statement(
        quantity.id,
        None,
        12000.0,
        None,
        None,
        "exact",
        "Kyiv",
        ids[2],
        "kyivpost.example",
        "2025-01-15",
    )
    fact = Fact(
        "f1",
        "s1",
        "DEPLOY",
        "North Korean soldiers",
        [said, counted],
        2,
        "contested",
        [counted, said],
    )
    killed = Statement(
        other.quantities[0].id,
        None,
        300.0,
        None,
        None,
        "exact",
        None,
        ids[3],
        "example.org",
        "2025-04-28",
    )
    single = Fact("f2", "s2", "KILL", "people", [killed], 1, "single_source", [killed])
    members = [ids[0], ids[1], ids[2], ids[4]]
    store.save_link(
        linked_ids=ids,
        assignments={**dict.fromkeys(members, "s1"), ids[3]: "s2"},
        story_records=[
            Story(
                "s1", "North Korean soldiers sent to Russia", members, "2025-04-28", "2025-05-02"
            ),
            Story("s2", "Earthquake on the coast", [ids[3]], "2025-04-28", "2025-04-28"),
        ],
        rewrite_records=[Rewrite(ids[1], ids[0], "copy", 0.98)],
        fact_records=[fact, single],
        fact_stories=["s1", "s2"],
        state={},
        incident_records=[
            Incident(
                "i1",
                "s1",
                "DEPLOY",
                "North Korea sends soldiers to Russia",
                first.mentions[0].entity_id,
                "soldiers",
                "Russia",
                "2025-04-20",
                event_ids=[first.events[0].id],
                article_ids=[ids[0]],
                reports=1,
                independent_sources=1,
            )
        ],
    )
    return Corpus(ids[0], ids[1], ids[2], ids[3], ids[4], entity=first.mentions[0].entity_id or "")
