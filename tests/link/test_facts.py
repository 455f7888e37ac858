"""Facts: alignment by kind and counted object, independent origins, and status."""

from __future__ import annotations

import pytest

from newsgraph.link.facts import build_claim_facts, build_facts, object_key
from newsgraph.records import Approx, ArticleRef, Claim, Quantity


def article(n: int, published: str, outlet: str) -> ArticleRef:
    return ArticleRef(id=f"a{n}", outlet=outlet, published=published)


def qty(
    n: int,
    value: float,
    speaker: str | None,
    approx: Approx = "exact",
    kind: str = "KILL",
    obj: str = "North Korean soldiers",
    as_of: str | None = None,
) -> Quantity:
    return Quantity(
        id=f"q{n}",
        article_id=f"a{n}",
        start=0,
        end=3,
        value=value,
        low=None,
        high=None,
        approx=approx,
        kind=kind,
        object=obj,
        unit=None,
        speaker=speaker,  # type: ignore[arg-type]
        speaker_entity_id=None,
        as_of=as_of,
        claim_id=None,
    )


ARTICLES = [article(n, f"2025-0{n}-01", f"outlet{n}.com") for n in range(1, 5)]


@pytest.mark.parametrize(
    ("quantities", "origins", "status", "independent"),
    [
        # two outlets that are not rewrites of each other agree: corroborated
        ([qty(1, 300, "NIS", "about"), qty(2, 310, "Ukraine")], {}, "corroborated", 2),
        # the second page rewrites the first: one origin, however many pages
        ([qty(1, 300, "NIS"), qty(2, 300, "NIS")], {"a1": "g", "a2": "g"}, "single_source", 1),
        # the same speaker revised its figure over time
        ([qty(1, 100, "NIS"), qty(2, 300, "NIS"), qty(3, 600, "NIS")], {}, "superseded", 3),
        # two speakers give incompatible figures
        ([qty(1, 300, "NIS"), qty(2, 3000, "Ukraine")], {}, "contested", 2),
        # "at least 200" is compatible with 300
        ([qty(1, 200, "NIS", "at_least"), qty(2, 300, "Ukraine")], {}, "corroborated", 2),
    ],
)
def test_status(
    quantities: list[Quantity], origins: dict[str, str], status: str, independent: int
) -> None:
    (fact,) = build_facts("s1", ARTICLES, quantities, origins)
    assert fact.status == status
    assert fact.independent_sources == independent


def test_history_reads_in_as_of_order() -> None:
    quantities = [qty(3, 600, "NIS"), qty(1, 100, "NIS"), qty(2, 300, "NIS", as_of="2025-01-15")]
    (fact,) = build_facts("s1", ARTICLES, quantities, {})
    assert [s.value for s in fact.history] == [100, 300, 600]
    assert [s.outlet for s in fact.history] == ["outlet1.com", "outlet2.com", "outlet3.com"]


def test_different_kinds_and_objects_are_different_facts() -> None:
    quantities = [
        qty(1, 300, "NIS"),
        qty(2, 10_000, "NIS", kind="DEPLOY", obj="troops"),
        qty(3, 1000, "NIS", kind="DEPLOY", obj="deminers"),
    ]
    facts = build_facts("s1", ARTICLES, quantities, {})
    assert sorted((f.kind, f.object) for f in facts) == [
        ("DEPLOY", "deminers"),
        ("DEPLOY", "troops"),
        ("KILL", "North Korean soldiers"),
    ]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("North Korean troops", "soldiers"),
        ("casualties", "the casualties"),
        ("deminers", "deminer"),
    ],
)
def test_object_key_aligns_variants(a: str, b: str) -> None:
    assert object_key("DEPLOY", a) == object_key("DEPLOY", b)


def claim(n: int, speaker: str, stance: str, content: str, article: int | None = None) -> Claim:
    article_id = f"a{article or n}"
    return Claim(
        id=f"c{n}",
        article_id=article_id,
        start=0,
        end=len(content),
        speaker=speaker,
        speaker_entity_id=None,
        cue="say",
        stance=stance,
        direct=False,  # type: ignore[arg-type]
        content=content,
    )


REPORTS = "North Korean troops are fighting alongside Russian forces in the Kursk region"
DENIAL = "reports of North Korean troops fighting in the Kursk region are fake news"
CONFIRMED = "North Korean troops fought alongside Russian forces to retake the Kursk region"


@pytest.mark.parametrize(
    ("claims", "origins", "status", "independent"),
    [
        # two outlets report the same proposition independently
        (
            [claim(1, "NIS", "assert", REPORTS), claim(2, "Kyiv", "assert", REPORTS + " now")],
            {},
            "corroborated",
            2,
        ),
        # a denial against an assertion from someone else
        (
            [claim(1, "NIS", "assert", REPORTS), claim(2, "the Kremlin", "deny", DENIAL)],
            {},
            "contested",
            2,
        ),
        # the Kremlin denied, then confirmed: its later word replaces the earlier
        (
            [
                claim(1, "the Kremlin", "deny", DENIAL),
                claim(2, "NIS", "assert", REPORTS),
                claim(3, "the Kremlin", "assert", CONFIRMED),
            ],
            {},
            "superseded",
            3,
        ),
        # a rewrite repeating the claim adds no independent source
        (
            [claim(1, "NIS", "assert", REPORTS), claim(2, "NIS", "assert", REPORTS)],
            {"a1": "g", "a2": "g"},
            "single_source",
            1,
        ),
    ],
)
def test_claim_fact_status(
    claims: list[Claim], origins: dict[str, str], status: str, independent: int
) -> None:
    (fact,) = build_claim_facts("s1", ARTICLES, claims, origins)
    assert fact.kind == "CLAIM"
    assert fact.status == status
    assert fact.independent_sources == independent
    assert [s.claim_id for s in fact.history] == [c.id for c in claims]


def test_unrelated_and_lone_claims_make_no_fact() -> None:
    claims = [
        claim(1, "NIS", "assert", REPORTS),
        claim(
            2, "the mayor", "assert", "the new bridge across the river opens to traffic next spring"
        ),
    ]
    assert build_claim_facts("s1", ARTICLES, claims, {}) == []
