"""Facts: the quantities of one story aligned by kind and counted object, across sources.

A fact gathers every statement of one figure ("North Korean soldiers killed") in a story, counts
the independent origins behind it (rewrites of one original count once), and says whether
sources agree, disagree, or one speaker revised an earlier figure.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence

from newsgraph.records import ArticleRef, Fact, FactStatus, Quantity, Statement

# Words that say nothing about what is counted, dropped when aligning objects.
_FILLER = {
    "the",
    "a",
    "an",
    "of",
    "some",
    "more",
    "than",
    "about",
    "around",
    "nearly",
    "its",
    "their",
    "his",
    "her",
    "new",
    "other",
    "total",
    "additional",
    "extra",
    "further",
}
_WORD = re.compile(r"[a-z]+")


def object_key(kind: str, obj: str | None) -> str:
    """What a quantity counts, reduced to its head noun so 'North Korean troops' aligns with 'troops'."""
    words = [w for w in _WORD.findall((obj or "").lower()) if w not in _FILLER]
    if not words:
        return kind
    head = words[-1]
    if head.endswith("ies") and len(head) > 4:
        head = head[:-3] + "y"
    elif head.endswith("s") and not head.endswith("ss") and len(head) > 3:
        head = head[:-1]
    return f"{kind}:{_SYNONYMS.get(head, head)}"


# Counted nouns that name the same people in conflict reporting.
_SYNONYMS = {"troop": "soldier", "serviceman": "soldier", "servicemen": "soldier"}


def _bounds(q: Quantity) -> tuple[float, float] | None:
    """The interval a statement allows, widened by its qualifier."""
    if q.value is None and (q.low is None or q.high is None):
        return None
    low = q.low if q.value is None else q.value
    high = q.high if q.value is None else q.value
    assert low is not None and high is not None
    if q.approx == "about":
        return low * 0.85, high * 1.15
    if q.approx == "at_least":
        return low, float("inf")
    if q.approx == "at_most":
        return 0.0, high
    return low, high


def _compatible(a: Quantity, b: Quantity) -> bool:
    ba, bb = _bounds(a), _bounds(b)
    if ba is None or bb is None:
        return False
    return ba[0] <= bb[1] and bb[0] <= ba[1]


def build_facts(
    story_id: str,
    articles: Sequence[ArticleRef],
    quantities: Iterable[Quantity],
    origins: Mapping[str, str],
) -> list[Fact]:
    """Facts for one story from its articles' quantities; `origins` maps article id to origin group."""
    by_id = {a.id: a for a in articles}
    groups: dict[str, list[Quantity]] = {}
    for q in quantities:
        # A figure with nothing counted ("3 billion", "2") cannot be aligned with another one.
        if q.article_id in by_id and q.object and (q.value is not None or q.low is not None):
            groups.setdefault(object_key(q.kind, q.object), []).append(q)
    found: list[Fact] = []
    for key, members in sorted(groups.items()):
        statements = [_statement(q, by_id[q.article_id]) for q in members]
        history = sorted(statements, key=lambda s: (s.as_of or "", s.article_id))
        independent = {origins.get(q.article_id, q.article_id) for q in members}
        fact_id = "f" + hashlib.sha1(f"{story_id}|{key}".encode()).hexdigest()[:15]
        objects = [q.object for q in members if q.object]
        found.append(
            Fact(
                id=fact_id,
                story_id=story_id,
                kind=members[0].kind,
                object=min(objects, key=len) if objects else None,
                statements=statements,
                independent_sources=len(independent),
                status=_status(members, origins, by_id),
                history=history,
            )
        )
    # The figures an analyst follows first: casualties, deployments and money before "other",
    # and the most reported before the rest.
    found.sort(key=lambda f: (f.kind == "OTHER", -len(f.statements), f.kind, f.object or ""))
    return found


def _statement(q: Quantity, article: ArticleRef) -> Statement:
    return Statement(
        quantity_id=q.id,
        claim_id=None,
        value=q.value,
        low=q.low,
        high=q.high,
        approx=q.approx,
        speaker=q.speaker,
        article_id=q.article_id,
        outlet=article.outlet,
        as_of=q.as_of or article.published,
    )


def _status(
    members: Sequence[Quantity], origins: Mapping[str, str], by_id: Mapping[str, ArticleRef]
) -> FactStatus:
    """Contested beats superseded beats corroborated: disagreement is what an analyst must see first."""
    # An unattributed figure speaks for its article alone: two of them in one article are two
    # statements, not a revision.
    speaker_of = {q.id: (q.speaker or q.article_id) for q in members}
    latest: dict[str, Quantity] = {}
    revised = False
    for q in sorted(members, key=lambda m: m.as_of or by_id[m.article_id].published or ""):
        previous = latest.get(speaker_of[q.id])
        if previous is not None and not _compatible(previous, q):
            revised = True
        latest[speaker_of[q.id]] = q
    current = list(latest.values())
    if any(not _compatible(a, b) for i, a in enumerate(current) for b in current[i + 1 :]):
        return "contested"
    if revised:
        return "superseded"
    if len({origins.get(q.article_id, q.article_id) for q in members}) >= 2:
        return "corroborated"
    return "single_source"
