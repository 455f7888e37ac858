"""Facts: the figures and claims of one story aligned across sources.

A fact gathers every statement of one figure ("North Korean soldiers killed") in a story, counts
the independent origins behind it (rewrites of one original count once), and says whether
sources agree, disagree, or one speaker revised an earlier figure.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence

from newsgraph.records import ArticleRef, Claim, Fact, FactStatus, Quantity, Statement

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
    found.sort(key=fact_rank)
    return found


def fact_rank(fact: Fact) -> tuple[bool, bool, int, str, str]:
    """Sort key putting first what an analyst follows first: disputed facts, then casualties,
    deployments and money before "other" figures, the most reported before the rest."""
    disputed = fact.status in ("contested", "superseded")
    return (not disputed, fact.kind == "OTHER", -len(fact.statements), fact.kind, fact.object or "")


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


# -- claims ----------------------------------------------------------------------------------
# Words that carry no proposition: function words and the reporting vocabulary itself.
_CLAIM_FILLER = _FILLER | {
    "and", "or", "but", "to", "in", "on", "at", "for", "with", "by", "from", "that", "this",
    "is", "was", "were", "are", "be", "been", "has", "have", "had", "it", "they", "he", "she",
    "will", "would", "could", "not", "no", "as", "into", "after", "before", "said", "says",
}  # fmt: skip
CLAIM_MATCH = 0.45  # word-set overlap (Jaccard) above which two claims state one proposition


def proposition_words(content: str) -> frozenset[str]:
    """The content words of a claim, crudely stemmed, for comparing propositions across pages."""
    words = set()
    for word in _WORD.findall(content.lower()):
        if word in _CLAIM_FILLER or len(word) < 3:
            continue
        words.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return frozenset(words)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def build_claim_facts(
    story_id: str,
    articles: Sequence[ArticleRef],
    claims: Iterable[Claim],
    origins: Mapping[str, str],
) -> list[Fact]:
    """Facts for the propositions of one story that several pages report, or someone denies.

    Claims are grouped greedily in publication order: a claim joins the first group holding a
    claim whose words it shares enough of. A lone assertion is no cross-source fact and is left out.
    """
    by_id = {a.id: a for a in articles}
    ordered = sorted(
        (c for c in claims if c.article_id in by_id),
        key=lambda c: (by_id[c.article_id].published or "", c.article_id, c.start),
    )
    groups: list[list[tuple[frozenset[str], Claim]]] = []
    for claim in ordered:
        words = proposition_words(claim.content)
        if len(words) < 3:
            continue
        for group in groups:
            if max(_overlap(seen, words) for seen, _ in group) >= CLAIM_MATCH:
                group.append((words, claim))
                break
        else:
            groups.append([(words, claim)])
    found: list[Fact] = []
    for group in groups:
        members = [c for _, c in group]
        pages = {c.article_id for c in members}
        if len(pages) < 2 and not any(c.stance == "deny" for c in members):
            continue
        statements = [_claim_statement(c, by_id[c.article_id]) for c in members]
        first = members[0]
        found.append(
            Fact(
                id="f" + hashlib.sha1(f"{story_id}|claim|{first.id}".encode()).hexdigest()[:15],
                story_id=story_id,
                kind="CLAIM",
                object=first.content,
                statements=statements,
                independent_sources=len({origins.get(a, a) for a in pages}),
                status=_claim_status(members, origins),
                history=sorted(statements, key=lambda s: (s.as_of or "", s.article_id)),
            )
        )
    return found


def _claim_statement(claim: Claim, article: ArticleRef) -> Statement:
    return Statement(
        quantity_id=None,
        claim_id=claim.id,
        value=None,
        low=None,
        high=None,
        approx=None,
        speaker=claim.speaker,
        article_id=claim.article_id,
        outlet=article.outlet,
        as_of=article.published,
        stance=claim.stance,
        content=claim.content,
    )


def _claim_status(members: Sequence[Claim], origins: Mapping[str, str]) -> FactStatus:
    """A speaker who changed position supersedes itself; assertion against denial is contested."""
    stances: dict[str, list[str]] = {}
    for claim in members:  # already in publication order
        key = (claim.speaker_entity_id or claim.speaker or claim.article_id).casefold()
        stances.setdefault(key, []).append(claim.stance)
    if any(len(set(s)) > 1 and s[-1] != s[0] for s in stances.values()):
        return "superseded"
    latest = {s[-1] for s in stances.values()}
    if "deny" in latest and latest - {"deny"}:
        return "contested"
    supporting = {origins.get(c.article_id, c.article_id) for c in members if c.stance != "deny"}
    return "corroborated" if len(supporting) >= 2 else "single_source"
