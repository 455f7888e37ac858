"""A story's facts cost what its pass adds, not its whole history: the steps that compared
every pair of a figure's or a proposition's statements now keep what decides, per part, per
source or per wording. Each is checked against the plain pairwise computation on random
statements, and a story grown pass by pass gets the facts one pass gives it.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace

import pytest

from newsgraph.link import facts, propositions
from newsgraph.link.facts import (
    _mark_superseded,
    _near,
    _same_telling,
    figure_status,
    split_distant,
)
from newsgraph.link.propositions import (
    build_claim_facts,
    claim_fact,
    read_proposition,
    same_proposition,
)
from newsgraph.records import ArticleRef, Claim, Quantity, Statement

_VALUES = [0.0, 0.5, 1.0, 2.0, 3.0, 4.0, 10.0, 19.0, 20.0, 21.0, 40.0, 100.0, 1e6, None]
_DATES = [None, "2024-01-01", "2024-01-02", "2024-03-01", "2024-09-30"]


def _quantities(rng: random.Random, n: int) -> list[Quantity]:
    found = []
    for i in range(n):
        value = rng.choice(_VALUES)
        low = high = None
        if value is None and rng.random() < 0.5:
            low, high = rng.choice(_VALUES[:-1]), rng.choice(_VALUES[:-1])
        found.append(
            Quantity(
                f"q{i}", f"a{rng.randint(0, 4)}", i, i + 1, value, low, high,
                rng.choice(["exact", "about", "at_least", "at_most"]),  # type: ignore[arg-type]
                "KILL", "people", None, None, None, rng.choice(_DATES), None,
                change=rng.choice([None, None, "rise"]),  # type: ignore[arg-type]
            )
        )  # fmt: skip
    return found


def _split_pairwise(members: Sequence[Quantity], named: bool) -> list[list[Quantity]]:
    parts: list[list[Quantity]] = []
    for q in sorted(members, key=lambda q: (q.as_of or "", q.article_id, q.start)):
        for part in parts:
            if named:
                fits = not any(_same_telling(q, o) and not _near(q, o) for o in part)
            else:
                fits = all(_near(q, o) for o in part) and not any(
                    o.article_id == q.article_id and facts._middle(o) != facts._middle(q)
                    for o in part
                )
            if fits:
                part.append(q)
                break
        else:
            parts.append([q])
    return parts


def _superseded_pairwise(statements: Sequence[Statement]) -> list[bool]:
    return [
        any(
            t.source == s.source
            and (t.as_of or "") > (s.as_of or "")
            and not facts.compatible(s, t)
            for t in statements
        )
        for s in statements
    ]


def _status_pairwise(statements: Sequence[Statement]) -> str:
    current = [s for s in statements if not s.superseded]
    for i, a in enumerate(current):
        for b in current[i + 1 :]:
            if (
                a.source != b.source
                and facts.about_same_time(a.as_of, b.as_of)
                and not facts.compatible(a, b)
            ):
                return "contested"
    if any(s.superseded for s in statements):
        return "superseded"
    agree = any(
        a.source != b.source and facts.compatible(a, b)
        for i, a in enumerate(statements)
        for b in statements[i + 1 :]
    )
    return "corroborated" if agree else "single_source"


@pytest.mark.parametrize("seed", range(6))
def test_figures_split_and_marked_as_by_every_pair(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(300):
        quantities = _quantities(rng, rng.randint(1, 30))
        for named in (False, True):
            got = split_distant(quantities, named=named)
            want = _split_pairwise(quantities, named)
            assert [[q.id for q in p] for p in got] == [[q.id for q in p] for p in want]
        statements = [
            Statement(
                q.id, None, q.value, q.low, q.high, q.approx, None, q.article_id, None, q.as_of,
                source=rng.choice(["s1", "s2", "s3"]),
            )
            for q in quantities
        ]  # fmt: skip
        marked = _mark_superseded(statements)
        assert [s.superseded for s in marked] == _superseded_pairwise(statements)
        assert figure_status(marked) == _status_pairwise(marked)


def test_a_nan_value_is_split_as_by_every_pair() -> None:
    quantities = _quantities(random.Random(9), 12)
    quantities[3] = replace(quantities[3], value=float("nan"))
    for named in (False, True):
        got = split_distant(quantities, named=named)
        want = _split_pairwise(quantities, named)
        assert [[q.id for q in p] for p in got] == [[q.id for q in p] for p in want]


def test_claims_superseded_as_by_every_pair() -> None:
    rng = random.Random(3)
    for _ in range(300):
        statements = [
            Statement(
                None, f"c{i}", None, None, None, None, None, f"a{rng.randint(0, 3)}", None,
                rng.choice(_DATES), stance=rng.choice(["assert", "deny"]),  # type: ignore[arg-type]
                source=rng.choice(["s1", "s2"]),
            )
            for i in range(rng.randint(1, 20))
        ]  # fmt: skip
        want = [
            any(
                t.source == s.source
                and (t.as_of or "", t.article_id) > (s.as_of or "", s.article_id)
                and (t.stance == "deny") != (s.stance == "deny")
                for t in statements
            )
            for s in statements
        ]
        got = propositions._mark_superseded([replace(s) for s in statements])
        assert [s.superseded for s in got] == want


_CONTENTS = [
    "North Korean troops were sent to Kursk",
    "North Korea sent soldiers to Russia",
    "the soldiers in Kursk were driven out",
    "Ukrainian forces are still holding their ground in Kursk",
    "no soldiers were killed in Kursk",
    "reports of troops in Russia are fake news",
    "the ceasefire was holding",
    "the ceasefire collapsed on Monday",
    "the ceasefire in Kursk collapsed",
    "talks with the rebels succeeded",
    "talks with the ministry failed",
]


def _claims_pairwise(
    story_id: str, articles: Sequence[ArticleRef], claims: Sequence[Claim]
) -> list[object]:
    """`build_claim_facts` weighing each claim against every claim seen before it."""
    by_id = {a.id: a for a in articles}
    ordered = sorted(
        claims, key=lambda c: (by_id[c.article_id].published or "", c.article_id, c.start)
    )
    groups: list[list[propositions.Proposition]] = []
    for claim in ordered:
        p = read_proposition(claim)
        if claim.form == "mention" or len(p.words) < 2:
            continue
        chosen = None
        for group in groups:
            if (group[0].claim.form == "intention") != (claim.form == "intention"):
                continue
            if 2 * sum(same_proposition(seen, p) for seen in group) > len(group):
                chosen = group
                break
        if chosen is None:
            chosen = []
            groups.append(chosen)
        chosen.append(p)
    return [f for g in groups if (f := claim_fact(story_id, g, by_id, {})) is not None]


@pytest.mark.parametrize("seed", range(4))
def test_claims_grouped_as_against_every_claim_seen(seed: int) -> None:
    rng = random.Random(seed)
    articles = [ArticleRef(f"a{n}", f"o{n % 4}.com", f"2025-01-{1 + n % 5:02d}") for n in range(9)]
    claims = [
        Claim(
            f"c{n}", rng.choice(articles).id, n, n + 40,
            rng.choice(["the ministry", "Kyiv", "officials", None]), None, "said",
            rng.choice(["assert", "assert", "deny"]),  # type: ignore[arg-type]
            False, rng.choice(_CONTENTS),
            form=rng.choice(["statement", "statement", "intention"]),  # type: ignore[arg-type]
        )
        for n in range(60)
    ]  # fmt: skip
    want = _claims_pairwise("s1", articles, claims)
    assert len(want) > 1  # the set holds propositions two sources state
    assert build_claim_facts("s1", articles, claims, {}) == want
