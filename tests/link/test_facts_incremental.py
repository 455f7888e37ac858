"""A story's facts cost what its pass adds, not its whole history: the steps that compared
every pair of a figure's or a proposition's statements now keep what decides, per part, per
source or per wording. Each is checked against the plain pairwise computation on random
statements, and a story grown pass by pass gets the facts one pass gives it.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from newsgraph.link import facts, propositions
from newsgraph.link.facts import (
    StoryCache,
    _mark_superseded,
    _near,
    _same_telling,
    build_story_records,
    figure_status,
    split_distant,
)
from newsgraph.link.propositions import (
    build_claim_facts,
    claim_fact,
    read_proposition,
    same_proposition,
)
from newsgraph.records import (
    AnalyzedArticle,
    Article,
    ArticleRef,
    Claim,
    Document,
    Fact,
    Quantity,
    Statement,
    Story,
)
from newsgraph.store import Store, open_store

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


@pytest.mark.parametrize("seed", range(4))
def test_figures_split_by_value_buckets_as_by_every_pair(seed: int) -> None:
    """`split_distant` looks a value's part up among the parts whose least value is near in
    binary exponent: values on both sides of a power of two, signs, 0, the smallest and
    infinite floats split as every pair does."""
    values = [0.0, 5e-324, 1e-300, 0.25, 0.5, 0.99, 1.0, 1.5, 1.99, 2.0, 2.01, 3.0, 3.99, 4.0]
    values += [4.01, 7.9, 8.0, 16.5, 1e6, 2e6, 2.1e6, float("inf"), -1.0, -2.5, -3.0]
    rng = random.Random(seed)
    for _ in range(300):
        quantities = [
            replace(q, value=rng.choice(values) if q.value is not None else None)
            for q in _quantities(rng, rng.randint(1, 40))
        ]
        for named in (False, True):
            got = split_distant(quantities, named=named)
            want = _split_pairwise(quantities, named)
            assert [[q.id for q in p] for p in got] == [[q.id for q in p] for p in want]


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


# -- a story grown pass by pass ----------------------------------------------------------------

_REPORTS = [
    ("In Kursk 300 soldiers were killed, officials said.", "officials", "KILL", "soldiers"),
    ("About 40 drones were launched at Odesa, the air force said.", "the air force", "OTHER",
     "drones"),
    ("The ministry said 12 people were arrested in Kyiv.", "the ministry", "CAPTURE", "people"),
    ("Kyiv said 2,000 troops were sent to Kursk.", "Kyiv", "DEPLOY", "troops"),
]  # fmt: skip


def _report(store: Store, n: int, which: int, value: float, day: str) -> str:
    """One article restating report `which` with `value`: a figure and a claim."""
    text, speaker, kind, counted = _REPORTS[which]
    number = next(w for w in text.split() if w[0].isdigit())
    text = text.replace(number, f"{value:,.0f}")
    doc_id = f"{n:064x}"
    article = Article.bare(
        doc_id, text, url=f"https://o{n}.com/x", outlet=f"o{n % 7}.com", published=day
    )
    at = text.index(f"{value:,.0f}")
    analysed = AnalyzedArticle(article, [])
    analysed.quantities = [
        Quantity(
            f"q{n}", doc_id, at, at + 3, value, None, None, "exact", kind,  # type: ignore[arg-type]
            counted, None, speaker, None, day, None, text=f"{value:,.0f}",
        )
    ]  # fmt: skip
    analysed.claims = [
        Claim(f"c{n}", doc_id, 0, len(text), speaker, None, "said", "assert", False, text)
    ]
    store.write_batch([(Document(doc_id, doc_id, text, "clean", url=article.url), analysed)])
    return doc_id


def _grow(store: Store, passes: int) -> list[list[str]]:
    """Articles of one story arriving over `passes` passes: each pass restates the figures
    already reported (now and then with a revised value) and adds one."""
    rng = random.Random(5)
    arrived: list[list[str]] = []
    n = 0
    for k in range(passes):
        batch = []
        for _ in range(6):
            which = rng.randrange(min(k + 1, len(_REPORTS)))
            value = rng.choice([300.0, 300.0, 310.0, 40.0, 12.0, 2000.0, 5000.0])
            day = f"2025-0{1 + k // 3}-{1 + (n % 27):02d}"
            batch.append(_report(store, n, which, value, day))
            n += 1
        arrived.append(batch)
    return arrived


def test_a_story_grown_pass_by_pass_gets_the_facts_of_one_build(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    cache = StoryCache()
    members: list[str] = []
    for batch in _grow(store, 5):
        members.extend(batch)
        story = Story("s1", "Kursk", list(members), None, None)
        origins = {a: a for a in members[::3]}  # some articles are their own origin group
        grown = build_story_records(store, [story], origins, cache)
        assert grown == build_story_records(store, [story], origins)  # a fresh build
    assert any(len(f.statements) > 5 for f in grown[0])
    store.close()


def test_an_untouched_figure_or_proposition_is_not_built_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    first = [_report(store, n, n % 2, 300.0 + n % 2, f"2025-01-0{1 + n}") for n in range(6)]
    story = Story("s1", "Kursk", first, None, None)
    cache = StoryCache()
    before = build_story_records(store, [story], {}, cache)
    assert len(before[0]) >= 4  # two figures, two propositions
    built: list[str] = []
    figure_fact, proposition_fact = facts._figure_fact, propositions.claim_fact

    def figure(story_id: str, key: facts.FigureKey, *args: Any) -> Fact:
        built.append(key.kind)
        return figure_fact(story_id, key, *args)

    def proposition(story_id: str, group: Any, *args: Any, **kwargs: Any) -> Fact | None:
        built.append("CLAIM")
        return proposition_fact(story_id, group, *args, **kwargs)

    monkeypatch.setattr(facts, "_figure_fact", figure)
    monkeypatch.setattr(propositions, "claim_fact", proposition)
    # the next pass restates the toll only: the drones and their claim stay as they were
    later = [_report(store, n, 0, 300.0, f"2025-01-0{1 + n}") for n in range(6, 8)]
    grown = Story("s1", "Kursk", [*first, *later], None, None)
    again = build_story_records(store, [grown], {}, cache)
    assert sorted(built) == ["CLAIM", "KILL"]
    monkeypatch.undo()
    assert again == build_story_records(store, [grown], {})
    # nothing new: nothing built
    built.clear()
    monkeypatch.setattr(facts, "_figure_fact", figure)
    monkeypatch.setattr(propositions, "claim_fact", proposition)
    assert build_story_records(store, [grown], {}, cache) == again
    assert built == []
    # an article that joins another origin group may count for another source: its figure
    # and its proposition are built again, the rest not
    moved = {first[1]: first[0]}
    regrouped = build_story_records(store, [grown], moved, cache)
    assert sorted(built) == ["CLAIM", "OTHER"]
    monkeypatch.undo()
    assert regrouped == build_story_records(store, [grown], moved)
    store.close()
