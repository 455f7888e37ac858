"""Fact search: which figures answer a question asked in plain words.

"soldiers killed", "how many troops were sent", "munitions shipped": the words name a kind of
figure (killed → KILL, sent → DEPLOY, shipped → SUPPLY), what is counted (soldiers, troops,
munitions) and sometimes a scope or story ("in Kursk"). Facts are ranked by how well their kind,
object, scope and story label fit those words; among equal fits, the fact with more independent
sources and more dated statements (a series an analyst can follow) comes first.

The vocabularies below are general English, not fitted to any story: each kind's words are the
verbs and nouns newspapers use for it, and each object family groups the nouns that count the
same thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select

from newsgraph.records import Fact
from newsgraph.store.database import Store, fact_from_row
from newsgraph.store.schema import facts, stories

# Word stems (matched as prefixes of a lower-cased word) that name each kind of figure.
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "KILL": ("kill", "dead", "death", "die", "died", "toll", "fatalit", "slain", "perish"),
    "WOUND": ("wound", "injur", "hurt"),
    "CASUALTY": ("casualt", "loss", "losses", "lost"),
    "DEPLOY": ("sent", "send", "deploy", "dispatch", "station", "mobilis", "mobiliz"),
    "CAPTURE": ("captur", "prisoner", "pow", "pows", "detain", "taken"),
    "SUPPLY": ("ship", "deliver", "supplied", "supply", "supplies", "transfer", "provid"),
    "MONEY": ("cost", "money", "fund", "paid", "pay", "spent", "spend", "budget", "dollar"),
}

# Nouns that count the same thing: a question's "troops" finds a fact about "soldiers".
OBJECT_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("soldier", "troop", "personnel", "servicem", "fighter", "force", "military", "army"),
    ("munition", "ammunition", "shell", "round", "artillery", "missile", "rocket", "weapon"),
    ("civilian", "people", "person", "resident", "inhabitant"),
    ("worker", "builder", "labourer", "laborer", "construction"),
    ("deminer", "sapper", "engineer"),
    ("child", "children", "minor", "kid"),
    ("refugee", "displaced", "evacuee", "migrant"),
    ("container", "crate", "shipment"),
    ("case", "infection", "patient"),
)

# Words that carry no meaning for the match ("how many soldiers have died, according to whom?").
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "have",
        "has",
        "had",
        "how",
        "many",
        "much",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "did",
        "do",
        "does",
        "according",
        "said",
        "say",
        "says",
        "number",
        "figure",
        "figures",
        "estimate",
        "estimates",
        "total",
        "about",
        "over",
        "than",
        "more",
        "less",
        "since",
    ]
)

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(slots=True)
class FactHit:
    """A fact and how well it fits the question (higher is better)."""

    fact: Fact
    score: float


@dataclass(slots=True)
class _Question:
    kinds: set[str]
    objects: set[str]  # object families (by index) and bare words the question counts
    words: set[str]  # every meaningful word, for scope and story fit


def words_of(text: str | None) -> list[str]:
    """The lower-cased words of a text, stop words dropped."""
    found = (w.casefold().replace("’", "'") for w in _WORD.findall(text or ""))
    return [w for w in found if w not in STOPWORDS and len(w) > 1]


def kinds_of(word: str) -> set[str]:
    """The kinds of figure a word names ("killed" → KILL)."""
    return {kind for kind, stems in KIND_WORDS.items() if any(word.startswith(s) for s in stems)}


def _object_keys(word: str) -> set[str]:
    """A word's object families, or the word's stem when it belongs to none."""
    keys = {
        f"family{n}"
        for n, family in enumerate(OBJECT_FAMILIES)
        if any(word.startswith(stem) for stem in family)
    }
    return keys or {_stem(word)}


def _stem(word: str) -> str:
    for suffix in ("ies", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def parse_question(text: str) -> _Question:
    words = words_of(text)
    kinds: set[str] = set()
    objects: set[str] = set()
    for word in words:
        named = kinds_of(word)
        if named:
            kinds |= named
        else:
            objects |= _object_keys(word)
    return _Question(kinds, objects, {_stem(w) for w in words})


def _overlap(wanted: set[str], found: Iterable[str]) -> float:
    """The share of `wanted` that `found` covers."""
    if not wanted:
        return 0.0
    return len(wanted & set(found)) / len(wanted)


def score_fact(question: _Question, fact: Fact, story_label: str | None = None) -> float:
    """How well one fact fits a parsed question: kind, object, scope, then story."""
    score = 0.0
    if question.kinds:
        if fact.kind in question.kinds:
            score += 3.0
        elif fact.kind == "CASUALTY" and question.kinds & {"KILL", "WOUND"}:
            score += 1.5  # killed and wounded together still answer "how many died"
    object_words = words_of(fact.object)
    if fact.kind == "CLAIM":
        object_words += [w for s in fact.statements[:3] for w in words_of(s.content)]
    keys = {k for w in object_words for k in _object_keys(w)}
    score += 2.0 * _overlap(question.objects, keys)
    score += 1.0 * _overlap(question.words, {_stem(w) for w in words_of(fact.scope)})
    score += 0.5 * _overlap(question.words, {_stem(w) for w in words_of(story_label)})
    return score


def _tiebreak(fact: Fact) -> tuple[int, int]:
    dated = sum(1 for s in fact.history if s.as_of)
    return fact.independent_sources, dated


def rank_facts(
    question: str, found: Sequence[Fact], labels: dict[str, str] | None = None
) -> list[FactHit]:
    """The facts that fit the question at all, best first."""
    parsed = parse_question(question)
    labels = labels or {}
    hits = [
        FactHit(fact, score_fact(parsed, fact, labels.get(fact.story_id or ""))) for fact in found
    ]
    hits = [h for h in hits if h.score > 0]
    hits.sort(key=lambda h: (-h.score, *(-n for n in _tiebreak(h.fact)), h.fact.id))
    return hits


def search_facts(
    store: Store, about: str, *, story_id: str | None = None, limit: int = 20
) -> list[FactHit]:
    """Facts of the store (or of one story) that answer a plain-words question, best first.

    The store narrows the candidates first (facts of a named kind, or whose object shares a
    word with the question), so a large store is not read whole.
    """
    parsed = parse_question(about)
    if not parsed.kinds and not parsed.words:
        return []
    query = select(facts)
    if story_id:
        query = query.where(facts.c.story_id == story_id)
    wanted = [facts.c.kind.in_(sorted(parsed.kinds))] if parsed.kinds else []
    for word in sorted(_widened(parsed.words)):
        wanted.append(facts.c.object.ilike(f"%{_escape_like(word)}%", escape="\\"))
        wanted.append(facts.c.scope.ilike(f"%{_escape_like(word)}%", escape="\\"))
    query = query.where(or_(*wanted))
    with store.engine.connect() as connection:
        found = [fact_from_row(dict(r._mapping)) for r in connection.execute(query)]
        ids = sorted({f.story_id for f in found if f.story_id})
        labels = {
            row.id: row.label
            for row in connection.execute(
                select(stories.c.id, stories.c.label).where(stories.c.id.in_(ids))
            )
        }
    return rank_facts(about, found, labels)[:limit]


def _widened(words: set[str]) -> set[str]:
    """The words, and every stem of the object families they belong to."""
    wider = set(words)
    for family in OBJECT_FAMILIES:
        if any(w.startswith(stem) for w in words for stem in family):
            wider.update(family)
    return wider


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
