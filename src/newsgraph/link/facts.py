"""Facts: the figures and claims of one story aligned across sources.

A figure fact gathers every statement of one figure in a story. A figure's identity is its kind,
its counted object normalised (head noun, a small table of general synonyms, and the entity its
modifiers name: "North Korean troops" = "DPRK soldiers", "deminers" != "builders"), its scope
(place and period, from its own sentence: `newsgraph.link.scope`) and its unit.

Each statement counts for one primary source: the speaker's entity when the text attributes the
figure (an agency counts once however many outlets repeat it), else the origin group of its
article. A source that gives a new value later revises itself (its older statement is
`superseded`); `contested` needs two independent sources with incompatible values at about the
same time. Claim facts (propositions, with polarity) are built in `newsgraph.link.propositions`.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from newsgraph.extract.cues import PRONOUNS as CUE_PRONOUNS
from newsgraph.link.agencies import agency_of
from newsgraph.link.scope import Scope, figure_scope
from newsgraph.records import (
    ArticleRef,
    Claim,
    Event,
    Fact,
    FactStatus,
    Incident,
    Mention,
    Quantity,
    QuantityKind,
    Rewrite,
    Statement,
    Story,
)

if TYPE_CHECKING:
    from newsgraph.link.propositions import ClaimInputs
    from newsgraph.store import Store

# Words that say nothing about what is counted, dropped when aligning objects.
_FILLER = {
    "the", "a", "an", "of", "some", "more", "than", "about", "around", "nearly", "its", "their",
    "his", "her", "new", "other", "total", "additional", "extra", "further", "estimated",
    "approximately", "roughly", "over", "almost", "least", "at", "up", "to", "another",
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")

# General nouns that count the same thing ("troops" and "soldiers"; "deaths" and "people" for a
# toll): head lemma -> shared key. General vocabulary, no names.
_SYNONYMS = {
    "troop": "soldier",
    "serviceman": "soldier",
    "servicemen": "soldier",
    "servicemember": "soldier",
    "service member": "soldier",
    "fatality": "death",
    "dead": "death",
    "life": "death",
    "lives": "death",
    "people": "person",
    "persons": "person",
    "individual": "person",
    "men": "man",
    "women": "woman",
    "children": "child",
}
# For a toll, "deaths", "victims" and "people" (killed) count the same.
_TOLL_HEADS = {"death": "person", "victim": "person"}
_TOLL_KINDS = frozenset({"KILL", "WOUND", "CASUALTY"})
# Speakers that name nobody without the sentence before them: the pronouns stage A resolves
# (extract.cues), and those it leaves as written.
# A relative or indefinite pronoun names nobody either ("a post that said", "someone said").
PRONOUNS = frozenset(CUE_PRONOUNS) | {"you", "us", "that", "which", "who", "what", "someone"}


def is_pronoun(words: str, pronouns: frozenset[str] = PRONOUNS) -> bool:
    """Whether `words` are a pronoun; an acronym in capitals is a name ("WHO", "US")."""
    text = " ".join(words.split())
    if len(text) > 1 and text.isupper():
        return False
    return text.casefold() in pronouns


# Heads that measure rather than count: a duration or a multiple.
MEASURES = frozenset(
    {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "time"}
    | {"light-year", "times"}
)
# The words of a share that name nothing counted ("51 percent", "15 per cent").
_SHARE_WORDS = frozenset({"percent", "cent", "percentage"})
# Values of a figure of no named kind further apart than this factor are two figures.
NEAR_FACTOR = 2.0
# Days apart within which two sources' values are "at about the same time".
CONTEST_WINDOW_DAYS = 45


def _singular(word: str) -> str:
    if word in _SYNONYMS:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


@functools.lru_cache(maxsize=1)
def _entity_forms() -> dict[str, str]:
    """Lower-cased name, alias or demonym -> canonical entity name, from the gazetteer."""
    from newsgraph.extract.gazetteer import GAZETTEER

    forms: dict[str, str] = {}
    for canonical, type_, aliases in GAZETTEER:
        for name in (canonical, *aliases):
            forms[name.casefold().replace(".", "")] = canonical
        if type_ == "GPE":
            for demonym in (*_demonyms(canonical), *_IRREGULAR_DEMONYMS.get(canonical, ())):
                forms.setdefault(demonym.casefold(), canonical)
    return forms


# Adjectives of places no suffix rule makes from the name ("US troops" = "American soldiers").
_IRREGULAR_DEMONYMS = {
    "United States": ("American",), "United Kingdom": ("British",), "Germany": ("German",),
    "France": ("French",), "Netherlands": ("Dutch",), "Turkey": ("Turkish",),
    "Afghanistan": ("Afghan",), "Philippines": ("Filipino", "Philippine"), "Poland": ("Polish",),
    "Spain": ("Spanish",), "Sweden": ("Swedish",), "Finland": ("Finnish",),
    "Norway": ("Norwegian",), "Lebanon": ("Lebanese",), "Mexico": ("Mexican",),
    "Saudi Arabia": ("Saudi",), "United Arab Emirates": ("Emirati",), "Greece": ("Greek",),
    "Switzerland": ("Swiss",), "Thailand": ("Thai",), "Denmark": ("Danish",),
    "Ireland": ("Irish",), "Scotland": ("Scottish",), "Wales": ("Welsh",),
}  # fmt: skip


def _demonyms(name: str) -> list[str]:
    """The regular adjective forms of a place name: Korea -> Korean, Ukraine -> Ukrainian."""
    stem = name[:-1] if name[-1] in "aeiouy" else name
    forms = [name + "n", name + "ian", stem + "ian", stem + "ese", name + "i", stem + "ish"]
    if name.endswith("a"):
        forms.append(name + "n")
    return forms


@dataclass(frozen=True, slots=True)
class FigureKey:
    """What makes two statements the same figure."""

    kind: str
    head: str | None  # None: a toll naming nothing counted; it joins the story's one toll
    entity: str | None
    unit: str | None
    place: str | None
    period: str | None
    predicate: str | None = None  # what happened to the counted, for a figure of no named kind

    def text(self) -> str:
        parts = [self.kind, self.head, self.entity, self.unit, self.place, self.period]
        if self.predicate:
            parts.append(self.predicate)  # ids of figures without one stay as they were
        return "|".join(str(part or "") for part in parts)


@functools.lru_cache(maxsize=65536)
def object_parts(kind: str, obj: str | None) -> tuple[str, str | None]:
    """(head lemma normalised, entity named by its modifiers) of a counted object."""
    words = [w.strip("'’-") for w in _WORD.findall(obj or "")]
    words = [w for w in words if w and w.lower() not in _FILLER]
    if not words:
        return kind.lower(), None
    lower = [w.lower() for w in words]
    # "service members": the two-word form is in the table
    if len(lower) >= 2 and f"{lower[-2]} {_singular(lower[-1])}" in _SYNONYMS:
        head = _SYNONYMS[f"{lower[-2]} {_singular(lower[-1])}"]
        modifiers = words[:-2]
    else:
        head = _singular(lower[-1])
        head = _SYNONYMS.get(head, head)
        modifiers = words[:-1]
    if kind in _TOLL_KINDS:
        head = _TOLL_HEADS.get(head, head)
    entity = _modifier_entity(modifiers)
    return head, entity


def _modifier_entity(modifiers: Sequence[str]) -> str | None:
    """The entity a run of capitalised modifiers names ("North Korean", "DPRK", "Russia's")."""
    names = [w for w in modifiers if w[:1].isupper()]
    if not names:
        return None
    forms = _entity_forms()
    for size in range(len(names), 0, -1):
        for i in range(len(names) - size + 1):
            phrase = " ".join(names[i : i + size]).casefold().replace(".", "")
            phrase = re.sub(r"['’]s?$", "", phrase)
            if phrase in forms:
                return forms[phrase]
            # an abbreviation read letter by letter: "U.S." -> "u s"
            if phrase.replace(" ", "") in forms and all(len(w) == 1 for w in phrase.split()):
                return forms[phrase.replace(" ", "")]
    return " ".join(names).casefold()


def object_key(kind: str, obj: str | None) -> str:
    """What a quantity counts, as one string: kind, head noun and the entity its modifiers name."""
    head, entity = object_parts(kind, obj)
    return f"{kind}:{head}" + (f":{entity}" if entity else "")


def _bounds(q: Quantity | Statement) -> tuple[float, float] | None:
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


def compatible(a: Quantity | Statement, b: Quantity | Statement) -> bool:
    """Whether two statements of one figure can both be true."""
    ba, bb = _bounds(a), _bounds(b)
    if ba is None or bb is None:
        return False
    return ba[0] <= bb[1] and bb[0] <= ba[1]


def speaker_source(speaker: str | None, speaker_entity_id: str | None) -> str | None:
    """The primary source key of an attributed statement: its speaker's entity, else the
    speaker's words normalised; None when the statement is unattributed."""
    if speaker_entity_id:
        return speaker_entity_id
    if speaker and speaker.strip():
        text = " ".join(speaker.casefold().split())
        if is_pronoun(speaker):
            # "he" in one article and "he" in another are nobody in particular: an unresolved
            # pronoun counts for its article, as an unattributed statement does
            return None
        return re.sub(r"^(?:the|a|an)\s+", "", text)
    return None


def statement_source(
    speaker: str | None, speaker_entity_id: str | None, article_id: str, origins: Mapping[str, str]
) -> str:
    """The primary source a statement counts for: its speaker, else its article's origin group."""
    return speaker_source(speaker, speaker_entity_id) or "origin:" + origins.get(
        article_id, article_id
    )


@functools.lru_cache(maxsize=65536)
def _day(value: str | None) -> date | None:
    if not value or len(value) < 4:
        return None
    try:
        parts = [int(p) for p in value[:10].split("-")]
        return date(
            parts[0], parts[1] if len(parts) > 1 else 12, parts[2] if len(parts) > 2 else 28
        )
    except ValueError:
        return None


def about_same_time(a: str | None, b: str | None) -> bool:
    """Two as_of dates within `CONTEST_WINDOW_DAYS`; an unknown date cannot rule it out."""
    da, db = _day(a), _day(b)
    if da is None or db is None:
        return True
    return abs((da - db).days) <= CONTEST_WINDOW_DAYS


def _merge_underspecified(
    groups: dict[FigureKey, list[Quantity]],
) -> dict[FigureKey, list[Quantity]]:
    """A statement that leaves out part of a figure's identity ("soldiers" for "North Korean
    soldiers", no place, no period) joins the one figure of the story it can only mean; when
    several could match it stays on its own."""
    keys = sorted(
        groups,
        key=lambda k: sum(p is None for p in (k.head, k.entity, k.place, k.period, k.predicate)),
    )
    merged: dict[FigureKey, list[Quantity]] = {}
    # the merged figures by kind and unit, in the order they were made: only those can take one
    by_kind: dict[tuple[str, str | None], list[FigureKey]] = {}
    for key in keys:
        candidates = [
            other
            for other in by_kind.get((key.kind, key.unit), ())
            if key.head in (None, other.head)
            and all(
                mine is None or mine == theirs
                for mine, theirs in (
                    (key.entity, other.entity),
                    (key.place, other.place),
                    (key.period, other.period),
                    (key.predicate, other.predicate),
                )
            )
        ]
        if len(candidates) == 1:
            merged[candidates[0]].extend(groups[key])
        else:
            merged[key] = list(groups[key])
            by_kind.setdefault((key.kind, key.unit), []).append(key)
    return merged


def build_facts(
    story_id: str,
    articles: Sequence[ArticleRef],
    quantities: Iterable[Quantity],
    origins: Mapping[str, str],
    *,
    texts: Mapping[str, str] | None = None,
    mentions: Mapping[str, Sequence[Mention]] | None = None,
    events: Mapping[str, Sequence[Event]] | None = None,
    scopes: dict[str, dict[_ScopeKey, Scope]] | None = None,
    built: dict[tuple[str, FigureKey], tuple[_FigureInputs, list[Fact]]] | None = None,
) -> list[Fact]:
    """Facts for one story from its articles' quantities; `origins` maps article id to origin
    group. With `texts` and `mentions` (per article), each figure's scope is read from its
    sentence; without them figures have no scope. With `events` (per article), a figure of no
    named kind is told apart by what happened to the counted ("shot down 45 drones" is not
    "launched 45 drones"). `scopes` (article id -> figure -> scope) keeps the scopes read, and
    gives those of an article whose text is not passed (`StoryCache`). `built` keeps the facts
    of each figure with what they were built from: a figure whose statements, articles and
    origin groups are as they were is not built again (`StoryCache.figures`)."""
    by_id = {a.id: a for a in articles}
    groups: dict[FigureKey, list[Quantity]] = {}
    by_start: dict[str, tuple[list[int], list[Event]]] = {}  # article -> its events by start
    for q in quantities:
        # A figure with nothing counted ("3 billion", "2") cannot be aligned with another one,
        # but a toll can: "the death toll rose to 19" counts the story's dead
        if q.article_id not in by_id or (q.value is None and q.low is None):
            continue
        if not q.object and (q.kind not in _TOLL_KINDS or q.unit is not None):
            continue
        scope = _NO_SCOPE
        if texts is not None and q.article_id in texts:
            exclude = _excluded(q)
            scope = figure_scope(
                texts[q.article_id], q.start, q.end, (mentions or {}).get(q.article_id, ()), exclude
            )
            if scopes is not None:
                scopes.setdefault(q.article_id, {})[_scope_key(q)] = scope
        elif scopes is not None and q.article_id in scopes:
            scope = scopes[q.article_id].get(_scope_key(q), _NO_SCOPE)
        head: str | None
        head, entity = object_parts(q.kind, q.object) if q.object else (None, None)
        if q.kind == "OTHER" and head in MEASURES:
            continue  # "72 hours", "9 times": how long or how many times, not a figure
        if q.kind == "OTHER" and q.unit == "percent" and head in _SHARE_WORDS:
            continue  # "51 percent", of nothing the text names: no figure to align
        kind, predicate = q.kind, None
        # a measure's unit says what it measures ("12,000 hectares" burned or scorched); a bare
        # count is told apart by what happened to the counted
        if q.kind == "OTHER" and q.unit is None and texts is not None and events is not None:
            if q.article_id not in by_start:
                ordered = sorted(events.get(q.article_id, ()), key=lambda e: e.start)
                by_start[q.article_id] = ([e.start for e in ordered], ordered)
            starts, ordered = by_start[q.article_id]
            low = bisect_left(starts, q.start - _PREDICATE_REACH)
            near = ordered[low : bisect_right(starts, q.start + _PREDICATE_REACH)]
            predicate = figure_predicate(q, texts.get(q.article_id, ""), near)
            if predicate in _PREDICATE_KINDS:
                kind, predicate = _PREDICATE_KINDS[predicate], None
        key = FigureKey(kind, head, entity, q.unit, scope.place, scope.period, predicate)
        groups.setdefault(key, []).append(q)
    found: list[Fact] = []
    for key, group in sorted(_merge_underspecified(groups).items(), key=lambda kv: kv[0].text()):
        if key.head is None:
            continue  # a toll naming nothing counted that no one toll of the story takes
        inputs: _FigureInputs | None = None
        if built is not None:
            # what the figure's facts read: its statements, their articles and origin groups
            inputs = (
                tuple(group),
                tuple(by_id[q.article_id] for q in group),
                tuple(origins.get(q.article_id) for q in group),
            )
            kept = built.get((story_id, key))
            if kept is not None and kept[0] == inputs:
                found.extend(kept[1])
                continue
        made = []
        parts = split_distant(group, named=key.kind != "OTHER")
        for index, members in enumerate(parts):
            # the first part keeps the key's id, so ids stay stable as reports come in
            suffix = "" if index == 0 else f"|{members[0].id}"
            made.append(_figure_fact(story_id, key, suffix, members, by_id, origins))
        found.extend(made)
        if built is not None and inputs is not None:
            built.pop((story_id, key), None)  # the latest built go last, the first trimmed
            built[(story_id, key)] = (inputs, made)
    found.sort(key=fact_rank)
    return found


_NO_SCOPE = Scope()
# What one figure's facts are built from: its quantities, their articles, their origin groups.
_FigureInputs = tuple[tuple[Quantity, ...], tuple[ArticleRef, ...], tuple[str | None, ...]]
# What a figure's scope depends on besides its article's text and mentions: its span and the
# speaker it leaves out.
_ScopeKey = tuple[int, int, frozenset[str]]


def _excluded(q: Quantity) -> frozenset[str]:
    """The names a figure's scope leaves out: its speaker's ("Ukraine said...")."""
    return frozenset(x for x in (q.speaker_entity_id, (q.speaker or "").casefold()) if x)


def _scope_key(q: Quantity) -> _ScopeKey:
    return (q.start, q.end, _excluded(q))


def _scoped(q: Quantity) -> bool:
    """Whether `build_facts` reads the scope of `q` (a figure it can align)."""
    if q.value is None and q.low is None:
        return False
    return bool(q.object) or (q.kind in _TOLL_KINDS and q.unit is None)


# What happened to the counted, by the words of a trigger and the two after it: a few general
# paraphrases of one happening ("arrested", "detained", "taken into custody").
_PREDICATES = (
    ("arrest", re.compile(r"^(?:arrest|detain|apprehend|\w+ into custody|\w+ in custody)")),
    ("intercept", re.compile(r"^(?:intercept|shot down|shoot\w* down|down(?:ed|s|ing)?\b)")),
    ("launch", re.compile(r"^(?:launch|fir(?:ed|es|ing)\b)")),
)
# A predicate that is a named kind of figure stage A left as OTHER.
_PREDICATE_KINDS: dict[str, QuantityKind] = {"arrest": "CAPTURE"}
_SENTENCE_END = re.compile(r"[.!?]\s")
_PREDICATE_REACH = 200  # characters from a figure to the trigger of its event


def figure_predicate(q: Quantity, text: str, events: Sequence[Event]) -> str | None:
    """What happened to what a figure counts: the trigger of the event of its sentence whose
    target is the figure's phrase ("45 drones" in "shot down 45 drones", "12 people" in "12
    people were arrested"), as a name or the event's action; None when no event tells."""

    number = q.text or text[q.start : q.end]
    if not number:
        return None
    best: tuple[int, str] | None = None
    for event in events:
        low, high = sorted((q.start, event.start))
        if abs(event.start - q.start) > _PREDICATE_REACH or _SENTENCE_END.search(text, low, high):
            continue
        # what was done to the counted ("shot down 45 drones", "12 people were arrested"); what
        # the counted do ("28 people showed no symptoms") describes them, one way among many
        if not re.search(rf"(?<![\w.,]){re.escape(number)}(?![\w])", event.target or ""):
            continue
        words = text[event.start : event.end + 40].lower()
        words = " ".join(re.findall(r"[a-z]+", words)[:3])
        name = next((n for n, pattern in _PREDICATES if pattern.match(words)), None)
        # otherwise only a happening stage A names ("attacked", "sent"): an unnamed verb is one
        # description among many ("the two officers were charged", "showed the two officers")
        family = name or (event.action if event.action != "OTHER" else None)
        distance = abs(event.start - q.start)
        if family and (best is None or distance < best[0]):
            best = (distance, family)
    return best[1] if best else None


def split_distant(members: Sequence[Quantity], *, named: bool = False) -> list[list[Quantity]]:
    """A figure of no named kind ("children", "employees") is one figure only while its values
    stay near each other: "at least 3 children" (who died) and "about 200,000 children" (held)
    share a head noun and nothing else; and one article states it once ("ten of the 18
    staffers" are two figures). A named kind (a toll, a deployment) has its revisions, but one
    article's two values of one date far apart (dealers "sold 303,417 vehicles" in one city,
    "17.3 million" in the country) are two figures too."""
    ordered = sorted(members, key=lambda q: (q.as_of or "", q.article_id, q.start))
    if any((m := _middle(q)) is not None and m != m for q in ordered):
        return _split_pairwise(ordered, named)  # a NaN value: no order to bound the part by
    # A figure's long history is split once per pass: each part keeps what decides whether a
    # value fits it, so a value is compared with a few of its members, not with all of them.
    parts: list[_SplitPart] = []
    # Of no named kind, a value fits only a part whose least value is within NEAR_FACTOR of
    # it: the parts are filed by the binary exponent of their least value, and a value looks
    # at the exponents that near (`_SPREAD` either side of its own), not at every part (a long
    # figure's values spread over many parts).
    # A named kind's value fits the first part but for a clash of one telling: no index.
    filed: dict[int, set[int]] = {}  # exponent of a part's least value -> the parts' positions
    exponent_of: dict[int, int] = {}  # part position -> the exponent it is filed under
    for q in ordered:
        chosen = None
        if named:
            chosen = next((i for i, part in enumerate(parts) if part.fits(q, True)), None)
        elif (middle := _middle(q)) is not None:
            at = _exponent(middle)
            near = sorted(
                {i for e in range(at - _SPREAD, at + _SPREAD + 1) for i in filed.get(e, ())}
            )
            chosen = next((i for i in near if parts[i].fits(q, False)), None)
        if chosen is None:
            chosen = len(parts)
            parts.append(_SplitPart())
        part = parts[chosen]
        part.add(q)
        if named:
            continue
        was = exponent_of.pop(chosen, None)
        if was is not None:
            filed[was].discard(chosen)
        if not part.unknown:  # (a part with a value of no middle takes no other value)
            exponent = exponent_of[chosen] = _exponent(part.low)
            filed.setdefault(exponent, set()).add(chosen)
    return [part.members for part in parts]


def _exponent(value: float) -> int:
    """The binary exponent of a value that is no NaN: two values whose ratio is at most
    NEAR_FACTOR differ in it by at most `_SPREAD`; 0, and infinity, are near only themselves."""
    return math.frexp(value)[1]


_SPREAD = max(1, math.ceil(math.log2(NEAR_FACTOR)))


class _SplitPart:
    """One part of `split_distant`, with what `fits` reads of its members.

    `_near` holds for all of a part's values exactly when it holds for the least and the
    greatest: the values near a value form one interval around it (the ratio of two positive
    floats is monotonic in each), so those two bound the rest."""

    __slots__ = ("greatest", "high", "least", "low", "members", "of_article", "telling", "unknown")

    def __init__(self) -> None:
        self.members: list[Quantity] = []
        self.unknown = False  # a member with no middle value: near nothing
        self.least: Quantity | None = None  # a member of the least middle value, and its value
        self.greatest: Quantity | None = None
        self.low = self.high = 0.0
        self.of_article: dict[str, set[float | None]] = {}  # article -> its members' middles
        # (article, as_of) -> its members that are no change (`_same_telling`)
        self.telling: dict[tuple[str, str | None], list[Quantity]] = {}

    def add(self, q: Quantity) -> None:
        self.members.append(q)
        middle = _middle(q)
        self.of_article.setdefault(q.article_id, set()).add(middle)
        if not q.change:
            self.telling.setdefault((q.article_id, q.as_of), []).append(q)
        if middle is None:
            self.unknown = True
            return
        if self.least is None or middle < self.low:
            self.least, self.low = q, middle
        if self.greatest is None or middle > self.high:
            self.greatest, self.high = q, middle

    def fits(self, q: Quantity, named: bool) -> bool:
        if named:
            # no value the same article gives for the same date far from this one
            if q.change:
                return True
            return all(_near(q, o) for o in self.telling.get((q.article_id, q.as_of), ()))
        middle = _middle(q)
        if middle is None or self.unknown:
            return False
        assert self.least is not None and self.greatest is not None
        if not (_near(q, self.least) and _near(q, self.greatest)):
            return False
        # one article states a figure once: its other values here are other figures
        return not (self.of_article.get(q.article_id, set()) - {middle})


def _split_pairwise(ordered: Sequence[Quantity], named: bool) -> list[list[Quantity]]:
    """`split_distant` comparing a value with every member of each part."""
    parts: list[list[Quantity]] = []
    for q in ordered:
        for part in parts:
            if named:
                fits = not any(_same_telling(q, o) and not _near(q, o) for o in part)
            else:
                fits = all(_near(q, o) for o in part) and not any(
                    o.article_id == q.article_id and _middle(o) != _middle(q) for o in part
                )
            if fits:
                part.append(q)
                break
        else:
            parts.append([q])
    return parts


def _same_telling(a: Quantity, b: Quantity) -> bool:
    """Two figures one article gives for one date: it cannot mean one figure by both."""
    return a.article_id == b.article_id and a.as_of == b.as_of and not a.change and not b.change


def _middle(q: Quantity) -> float | None:
    if q.value is not None:
        return abs(q.value)
    if q.low is not None and q.high is not None:
        return abs(q.low + q.high) / 2
    return None


def _near(a: Quantity, b: Quantity) -> bool:
    ma, mb = _middle(a), _middle(b)
    if ma is None or mb is None:
        return False
    low, high = sorted((ma, mb))
    return low == high or (low > 0 and high / low <= NEAR_FACTOR)


def _figure_fact(
    story_id: str,
    key: FigureKey,
    suffix: str,
    members: Sequence[Quantity],
    by_id: Mapping[str, ArticleRef],
    origins: Mapping[str, str],
) -> Fact:
    statements = _mark_superseded(
        one_agency(
            restated_sources(
                [_statement(q, by_id[q.article_id], origins, story_id) for q in members]
            )
        )
    )
    fact_id = "f" + hashlib.sha1(f"{story_id}|{key.text()}{suffix}".encode()).hexdigest()[:15]
    return _fact_of_statements(
        fact_id,
        story_id,
        key.kind,
        [q.object for q in members if q.object],
        statements,
        scope=Scope(key.place, key.period).text(),
        series=series_id(key) if not suffix else None,
        story_ids=[story_id],
        contestable=not bare_count(key),
    )


def bare_count(key: FigureKey) -> bool:
    """Whether a figure is known by its counted noun alone: no named kind, nothing that was
    done to the counted, no entity, and no unit but a relative one that names nothing
    measured ("five states", "six points"; a measure says what it measures: "12,000 hectares"
    burned, then "15,000"). Two sources' values of it may count two things ("Clinton won three
    states"; "691 delegates are at stake in five states"; a lead of six points in one poll, a
    rating six points down in another), so they never make it contested: contested takes the
    same figure. A place or period found in the figure's sentence does not make it one: "nine
    voters" in Dixville and "four out of 10 voters" in an exit poll, "23 of its 29 delegates"
    in Wyoming and "34 total delegates" in Colorado, "Trump lost six percentage points" in Iowa
    and "led the Iowa polls by seven percentage points" are each two figures."""
    if key.kind != "OTHER" or key.predicate or key.entity:
        return False
    return key.unit is None or (key.unit in RELATIVE_UNITS and key.head in _UNIT_HEADS)


# Units of a difference or a share: "six points", "40 percent" say how much, not of what.
RELATIVE_UNITS = frozenset({"percent", "percentage_point", "basis_point", "index_point"})
# The heads of a counted object that is only such a unit's word ("points", "percent").
_UNIT_HEADS = frozenset({"percent", "point", "pts", "pt", "bp", "bps"})


def _fact_of_statements(
    fact_id: str,
    story_id: str,
    kind: str,
    objects: Sequence[str],
    statements: list[Statement],
    *,
    scope: str | None,
    series: str | None,
    story_ids: list[str],
    contestable: bool = True,
) -> Fact:
    """A figure fact of its statements: the shortest wording of what it counts names it; its
    sources, status, history and outlets follow from the statements (never contested when
    not `contestable`)."""
    return Fact(
        id=fact_id,
        story_id=story_id,
        kind=kind,
        object=min(objects, key=len) if objects else None,
        statements=statements,
        independent_sources=len({s.source for s in statements}),
        status=figure_status(statements, contestable=contestable),
        history=history_of(statements),
        scope=scope,
        outlets=sorted({s.outlet for s in statements if s.outlet}),
        series_id=series,
        story_ids=story_ids,
    )


def fact_rank(fact: Fact) -> tuple[bool, bool, int, str, str]:
    """Sort key putting first what an analyst follows first: disputed facts, then casualties,
    deployments and money before "other" figures, the most reported before the rest."""
    disputed = fact.status in ("contested", "superseded")
    return (not disputed, fact.kind == "OTHER", -len(fact.statements), fact.kind, fact.object or "")


def _statement(
    q: Quantity, article: ArticleRef, origins: Mapping[str, str], story_id: str | None = None
) -> Statement:
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
        source=statement_source(q.speaker, q.speaker_entity_id, q.article_id, origins),
        story_id=story_id,
    )


def restated_sources(statements: Sequence[Statement]) -> list[Statement]:
    """An article that gives a figure on its own authority after quoting someone for it
    ("Volkswagen said the car reaches 60 mph ... 60 mph in six seconds") restates that source:
    the unattributed statement counts for the speaker, not for the article's origin group, so
    one page is not two sources corroborating each other."""
    named: dict[str, list[Statement]] = {}
    for s in statements:
        if s.source and not s.source.startswith("origin:"):
            named.setdefault(s.article_id, []).append(s)
    out = []
    for s in statements:
        if s.source and s.source.startswith("origin:"):
            quoted = [t for t in named.get(s.article_id, ()) if compatible(s, t)]
            if quoted:
                s = replace(s, source=quoted[0].source)
        out.append(s)
    return out


def _order(s: Statement) -> tuple[str, str]:
    return (s.as_of or "", s.article_id)


def _mark_superseded(statements: Sequence[Statement]) -> list[Statement]:
    """A statement is superseded when the same source later (by as_of) gave a value it cannot
    be reconciled with: the source revised its estimate."""
    # Read per source from its latest statement back: a statement is superseded when a later
    # one cannot hold with it, i.e. has no interval, or ends below its start or starts above
    # its end; the least end and greatest start of the later ones tell, without every pair.
    by_source: dict[str | None, list[tuple[str, int]]] = {}
    bounds = [_bounds(s) for s in statements]
    for i, s in enumerate(statements):
        by_source.setdefault(s.source, []).append((s.as_of or "", i))
    later = [False] * len(statements)
    for entries in by_source.values():
        entries.sort(reverse=True)
        least_end, greatest_start, unbounded, any_later = float("inf"), -float("inf"), False, False
        k = 0
        while k < len(entries):
            day = entries[k][0]
            end = k
            while end < len(entries) and entries[end][0] == day:
                end += 1
            same = [i for _, i in entries[k:end]]
            for i in same:
                b = bounds[i]
                later[i] = any_later and (
                    unbounded or b is None or _nan(b) or least_end < b[0] or greatest_start > b[1]
                )
            for i in same:
                b = bounds[i]
                any_later = True
                if b is None or _nan(b):
                    unbounded = True
                else:
                    least_end, greatest_start = min(least_end, b[1]), max(greatest_start, b[0])
            k = end
    return [replace(s, superseded=later[i]) for i, s in enumerate(statements)]


def _nan(bounds: tuple[float, float]) -> bool:
    """An interval with a NaN end holds with nothing (every comparison with it is false)."""
    return bounds[0] != bounds[0] or bounds[1] != bounds[1]


def history_of(statements: Sequence[Statement]) -> list[Statement]:
    """The statements in as_of order, one line per source and value: an agency's figure that
    ten outlets repeat reads once, at its earliest report; its next line is its revision."""
    last: dict[str | None, tuple[float | None, float | None, float | None]] = {}
    lines: list[Statement] = []
    for s in sorted(statements, key=_order):
        value = (s.value, s.low, s.high)
        if last.get(s.source) != value:
            last[s.source] = value
            lines.append(s)
    return lines


def figure_status(statements: Sequence[Statement], *, contestable: bool = True) -> FactStatus:
    """Contested beats superseded beats corroborated: disagreement is what an analyst must see
    first. Only the current (not superseded) statements of different sources can contest, and
    only when they speak of about the same time (and only a figure known well enough to be one
    figure, `contestable`: see `bare_count`)."""
    current = [s for s in statements if not s.superseded] if contestable else []
    # statements that allow one same interval are all compatible: nothing to contest (the
    # common case of one figure repeated by many outlets, read without comparing every pair)
    intervals = {_bounds(s) for s in current}
    one = next(iter(intervals)) if len(intervals) == 1 else None
    if one is None or not one[0] <= one[1]:
        # a pair's verdict reads only the two sources, dates and values: statements alike in
        # all three (one source repeated) are compared once
        distinct = list({(s.source, s.as_of, _bounds(s)): s for s in current}.values())
        for i, a in enumerate(distinct):
            for b in distinct[i + 1 :]:
                if (
                    a.source != b.source
                    and about_same_time(a.as_of, b.as_of)
                    and not compatible(a, b)
                ):
                    return "contested"
    if any(s.superseded for s in statements):
        return "superseded"
    # two sources corroborate a figure when they agree on it, not when each gives its own
    # value at its own time; two sources of one same interval agree
    sources_of: dict[tuple[float, float], set[str | None]] = {}
    for s in statements:
        interval = _bounds(s)
        if interval is not None and interval[0] <= interval[1]:
            sources_of.setdefault(interval, set()).add(s.source)
    if any(len(sources) > 1 for sources in sources_of.values()):
        return "corroborated"
    alike = list({(s.source, _bounds(s)): s for s in statements}.values())
    agree = any(
        a.source != b.source and compatible(a, b)
        for i, a in enumerate(alike)
        for b in alike[i + 1 :]
    )
    return "corroborated" if agree else "single_source"


# -- one story's facts and incidents, as a link pass rebuilds them -----------------------------


class StoryCache:
    """What the passes of one `link` call read again of the articles of the stories they
    rebuild: a story that grows with its history is rebuilt by every pass that adds to it, and
    its older articles' quantities, claims, dates and figure scopes are the same each time.

    Kept per article, for at most `limit` articles (the earliest cached go first). Exact as
    long as what it holds does not change under it: stored quantities, claims and mentions
    change only when a pass merges an entity (`forget` those articles), texts and dates never.
    Events are read afresh (a pass points them at their incidents)."""

    def __init__(self, limit: int = 200_000) -> None:
        self.limit = limit
        self._quantities: dict[str, list[Quantity]] = {}
        self._claims: dict[str, list[Claim]] = {}
        self._refs: dict[str, ArticleRef] = {}
        # article id -> its mentions, for the new articles of the pass in progress (`note_mentions`)
        self._pass_mentions: dict[str, list[Mention]] = {}
        # article id -> the rewrite relations it is in (copy or source), by their store key
        self._rewrites: dict[str, dict[tuple[str, str, str], Rewrite]] = {}
        # article id -> figure -> scope, for the figures `build_facts` read a scope of
        self.scopes: dict[str, dict[_ScopeKey, Scope]] = {}
        # article id -> claim -> the entities its content names (`join_claims`)
        self.claim_entities: dict[str, dict[tuple[str, int, int], frozenset[str]]] = {}
        # whether two wordings of claims of different stories state one proposition
        # (`join_claims`): it reads the words alone, so it holds whatever the store does
        self.cross_verdicts: dict[tuple[Any, Any], bool] = {}
        # (story, figure) -> what its facts were built from, and the facts (`build_facts`):
        # a pass rebuilds a story, but only the figures its new articles state change
        self.figures: dict[tuple[str, FigureKey], tuple[_FigureInputs, list[Fact]]] = {}
        # (story, first claim of a group) -> what its claim fact was built from, and the fact
        self.propositions: dict[tuple[str, str], tuple[ClaimInputs, Fact | None]] = {}

    def quantities(self, store: Store, article_ids: Iterable[str]) -> list[Quantity]:
        """`store.quantities(article_ids=...)`, in its order (article, then offset)."""
        return self._rows(self._quantities, store.quantities, article_ids)

    def claims(self, store: Store, article_ids: Iterable[str]) -> list[Claim]:
        """`store.claims(article_ids=...)`, in its order (article, then offset)."""
        return self._rows(self._claims, store.claims, article_ids)

    def article_refs(self, store: Store, article_ids: Iterable[str]) -> list[ArticleRef]:
        """`store.article_refs(...)` (outlets and dates), in sorted id order."""
        wanted = sorted(set(article_ids))
        missing = [a for a in wanted if a not in self._refs]
        if missing:
            self._refs.update((ref.id, ref) for ref in store.article_refs(missing))
        return [self._refs[a] for a in wanted if a in self._refs]

    def note_mentions(self, article_ids: Iterable[str], mentions: Iterable[Mention]) -> None:
        """The mentions of a pass's new articles as the pass read them at its start: until it
        saves (an entity merge moves mentions) the store holds just these, and the pass's
        fact building and claim joining read those articles' mentions again. Called with
        nothing once the pass is saved."""
        self._pass_mentions = {a: [] for a in article_ids}
        for mention in mentions:
            self._pass_mentions[mention.article_id].append(mention)

    def mentions_of(self, store: Store, article_ids: Sequence[str]) -> list[Mention]:
        """`store.mentions_of(article_ids)`: each article's mentions in offset order."""
        noted = self._pass_mentions
        rest = [a for a in article_ids if a not in noted]
        found = [m for a in article_ids if a in noted for m in noted[a]]
        return found + store.mentions_of(rest) if rest else found

    def rewrites_touching(self, store: Store, article_ids: Iterable[str]) -> list[Rewrite]:
        """`store.rewrites_touching(...)` with the relations `add_rewrites` was given, each once
        (in another order: `origin_groups` reads them as a set). A story's relations grow with
        its history, and every pass that adds to it reads them all."""
        wanted = sorted(set(article_ids))
        missing = [a for a in wanted if a not in self._rewrites]
        if missing:
            for a in missing:
                self._rewrites[a] = {}
            for rewrite in store.rewrites_touching(missing):
                self._file(rewrite)
        found: dict[tuple[str, str, str], Rewrite] = {}
        for a in wanted:
            found.update(self._rewrites[a])
        return list(found.values())

    def add_rewrites(self, rewrites: Iterable[Rewrite]) -> None:
        """Relations a pass found and saves: the store will hold them for the next pass."""
        for rewrite in rewrites:
            self._file(rewrite)

    def _file(self, rewrite: Rewrite) -> None:
        key = (rewrite.article_id, rewrite.source_article_id, rewrite.kind)
        for end in (rewrite.article_id, rewrite.source_article_id):
            kept = self._rewrites.get(end)
            if kept is not None:
                kept[key] = rewrite

    @staticmethod
    def _rows(cache: dict[str, list[Any]], read: Any, article_ids: Iterable[str]) -> list[Any]:
        wanted = sorted(set(article_ids))
        missing = [a for a in wanted if a not in cache]
        if missing:
            for a in missing:
                cache[a] = []
            for row in read(article_ids=missing):
                cache[row.article_id].append(row)
        return [row for a in wanted for row in cache[a]]

    def trim(self) -> None:
        """Keep at most `limit` articles in each table, dropping the earliest cached."""
        for cache in self._tables():
            extra = len(cache) - self.limit
            if extra > 0:
                for key in list(itertools.islice(cache, extra)):
                    del cache[key]

    def forget(self, article_ids: Iterable[str]) -> None:
        """Drop what is kept of these articles (their mentions, claims and quantities changed)."""
        for a in article_ids:
            for cache in self._tables():
                cache.pop(a, None)

    def _tables(self) -> tuple[dict[Any, Any], ...]:
        # (figures are kept by story: each holds what it was built from, and is used only
        # when all of that is as it was, so a forgotten article needs no forgetting there)
        return (
            self._quantities,
            self._claims,
            self._refs,
            self._rewrites,
            self.scopes,
            self.claim_entities,
            self.figures,
            self.propositions,
        )


def build_story_records(
    store: Store,
    story_records: Sequence[Story],
    origins: Mapping[str, str],
    cache: StoryCache | None = None,
) -> tuple[list[Fact], list[Incident]]:
    """The facts and incidents of the given stories, rebuilt from their articles' stored
    quantities, claims and events. Reads only those stories' articles, and with `cache` only
    what it does not hold of them."""
    from newsgraph.link.incidents import build_incidents
    from newsgraph.link.propositions import build_claim_facts

    if cache is None:
        cache = StoryCache()  # one call's: the same reads as without one
    members = [a for story in story_records for a in story.article_ids]
    quantities: dict[str, list[Quantity]] = {}
    for quantity in cache.quantities(store, members):
        quantities.setdefault(quantity.article_id, []).append(quantity)
    refs = {ref.id: ref for ref in cache.article_refs(store, members)}
    claims: dict[str, list[Claim]] = {}
    for claim in cache.claims(store, members):
        claims.setdefault(claim.article_id, []).append(claim)
    events: dict[str, list[Event]] = {}
    for event in store.events(article_ids=members):
        events.setdefault(event.article_id, []).append(event)
    # Only the pages with a figure to scope are read in full, with their mentions; and of
    # those only the ones whose figures' scopes are not known yet, or whose events tell what
    # happened to a figure (read from the text).
    figured = [a for a, qs in quantities.items() if any(q.object for q in qs)]
    figured = [
        a
        for a in figured
        if a in events
        or any(_scope_key(q) not in cache.scopes.get(a, {}) for q in quantities[a] if _scoped(q))
    ]
    mentions: dict[str, list[Mention]] = {}
    for mention in cache.mentions_of(store, figured):
        mentions.setdefault(mention.article_id, []).append(mention)
    texts = store.texts_of(figured)
    names = store.entity_names(
        v for es in events.values() for e in es for v in (e.actor, e.target, e.place) if v
    )
    triggers = store.event_triggers([a for a in members if a in events])
    cache.trim()
    fact_records: list[Fact] = []
    incident_records: list[Incident] = []
    for story in story_records:
        story_refs = [refs[a] for a in story.article_ids if a in refs]
        fact_records.extend(
            build_facts(
                story.id,
                story_refs,
                [q for a in story.article_ids for q in quantities.get(a, ())],
                origins,
                texts=texts,
                mentions=mentions,
                events=events,
                scopes=cache.scopes,
                built=cache.figures,
            )
        )
        fact_records.extend(
            build_claim_facts(
                story.id,
                story_refs,
                [c for a in story.article_ids for c in claims.get(a, ())],
                origins,
                built=cache.propositions,
            )
        )
        incident_records.extend(
            build_incidents(
                story.id,
                story_refs,
                [e for a in story.article_ids for e in events.get(a, ())],
                origins,
                names,
                triggers,
            )
        )
    return fact_records, incident_records


# -- figure series across stories ---------------------------------------------------------------
#
# The story clusterer cuts a long thread into several stories (nine months of one agency's toll),
# and facts are built per story, so a figure an analyst follows would be several facts. Every
# figure fact of a named kind carries its `series_id`: its identity without the story (kind,
# counted object, scope, unit). A link pass looks the series of the facts it rebuilt up in the
# store by that id and joins the parts that share a named primary source (the same agency, not
# an unnamed "officials" nor an origin group) within `SERIES_GAP_DAYS` of each other into one
# fact, held by the story of its latest statement, which lists every story in `story_ids`.

# Days between two stories' statements of one figure within which they are one series.
SERIES_GAP_DAYS = 120
# Factor between two stories' values of one figure beyond which they are two figures.
SERIES_FACTOR = 5.0
_ENTITY_ID = re.compile(r"^e[0-9a-f]{15}$")
# Counted objects too general to follow across stories without a place, a period or an entity
# ("3 people were killed", said the police): two stories' tolls of that kind are two incidents.
_GENERIC_HEADS = frozenset({"person", "death", "man", "woman", "child"})


def series_id(key: FigureKey) -> str | None:
    """The figure's identity across stories; None for a figure of no named kind, or one whose
    counted object alone says nothing of which happening it counts."""
    if key.kind == "OTHER" or key.head is None:
        return None
    if (key.head in _GENERIC_HEADS or key.head == key.kind.lower()) and not (
        key.entity or key.place or key.period
    ):
        return None
    # The scope is left out: one story's sentences give it where another's do not ("sent
    # troops to Russia", "the NIS said"); parts join only when their scopes agree (`_join`).
    # So is the entity its object's modifiers name ("North Korean troops", "troops" in "North
    # Korea has sent 14,000 troops"): parts join only when those agree too.
    identity = replace(key, place=None, period=None, entity=None)
    return "s" + hashlib.sha1(identity.text().encode()).hexdigest()[:15]


@dataclass(slots=True)
class _Part:
    """One story's statements of one figure series: a fact just built, or what a stored fact
    holds of a story this pass did not rebuild."""

    story_id: str
    statements: list[Statement]
    template: Fact
    row_id: str | None  # the stored fact it comes from; None for a fact just built


def _named_sources(part: _Part) -> set[str]:
    """The sources of a part that name someone: an entity, or a speaker whose words hold a
    known name ("Ukraine's military"); never "officials", "police" nor an origin group."""
    known = set(_entity_forms().values())
    named = set()
    for s in part.statements:
        if not s.source or s.source.startswith("origin:"):
            continue
        if _ENTITY_ID.match(s.source):
            named.add(s.source)
            continue
        words = [w.strip("'’") for w in _WORD.findall(s.speaker or "")]
        words = [w for w in words if w[:1].isupper() and w.lower() not in _FILLER]
        if words and _modifier_entity(words) in known:
            named.add(s.source)
    # one agency named two ways ("the NIS", "Seoul's intelligence service") is one source
    for s in part.statements:
        if s.source and not s.source.startswith("origin:") and (body := agency_of(s.speaker)):
            named.add("agency:" + "|".join(body))
    return named


def one_agency(statements: Sequence[Statement]) -> list[Statement]:
    """Statements of one agency named two ways count for one source (its earliest statement's,
    an entity's id before words), so its revisions supersede each other instead of two
    "sources" contesting one figure."""
    chosen: dict[tuple[str, str], str] = {}
    ordered = sorted(
        statements, key=lambda s: (not _ENTITY_ID.match(s.source or ""), s.as_of or "")
    )
    for s in ordered:
        body = agency_of(s.speaker) if s.source and not s.source.startswith("origin:") else None
        if body is not None and s.source:
            chosen.setdefault(body, s.source)
    out = []
    for s in statements:
        body = agency_of(s.speaker) if s.source and not s.source.startswith("origin:") else None
        out.append(replace(s, source=chosen[body]) if body in chosen else s)
    return out


def _days(part: _Part) -> list[date]:
    return sorted(d for d in (_day(s.as_of) for s in part.statements) if d is not None)


def _near_in_time(a: _Part, b: _Part) -> bool:
    return _days_near(_days(a), _days(b))


def _days_near(da: Sequence[date], db: Sequence[date]) -> bool:
    if not da or not db:
        return False
    gap = max((db[0] - da[-1]).days, (da[0] - db[-1]).days, 0)
    return gap <= SERIES_GAP_DAYS


def series_parts_join(a: _Part, b: _Part) -> bool:
    """Two stories' statements of one figure are one series: a named source in common, at
    most `SERIES_GAP_DAYS` apart, values of one size."""
    return (
        a.story_id != b.story_id
        and bool(_named_sources(a) & _named_sources(b))
        and _near_in_time(a, b)
        and _near_in_size(a, b)
    )


def _levels(part: _Part) -> list[float]:
    found = []
    for s in part.statements:
        level = s.value if s.value is not None else (s.high if s.high is not None else s.low)
        if level is not None and level > 0:
            found.append(abs(level))
    return found


def _near_in_size(a: _Part, b: _Part) -> bool:
    """A revised estimate moves, but not by orders of magnitude: the two parts' nearest values
    within `SERIES_FACTOR` ("13,000 US troops" in one country, "900" in another, is no series
    even where one sentence names no country)."""
    return _levels_near(_levels(a), _levels(b))


def _levels_near(la: Sequence[float], lb: Sequence[float]) -> bool:
    return bool(la and lb) and min(max(x, y) / min(x, y) for x in la for y in lb) <= SERIES_FACTOR


def join_series(
    store: Store,
    built: Sequence[Fact],
    rebuilt_stories: Iterable[str],
    moved: Iterable[str] = (),
    *,
    stories: Sequence[Story] = (),
    origins: Mapping[str, str] | None = None,
    cache: StoryCache | None = None,
) -> tuple[list[Fact], list[str]]:
    """The facts a link pass built for `rebuilt_stories`, with each figure that carries on in
    another story joined to its series; and the ids of stored facts of other stories those
    joined facts replace. `moved` are the articles of the rebuilt stories: a stored statement
    of one of them is stale (its story was rebuilt). One indexed look-up by series id.

    With `stories` (the rebuilt stories' records), claims that state one proposition across
    stories are joined too (`newsgraph.link.propositions.join_claims`); `cache` holds what
    the call's earlier passes read of the stories' articles (`StoryCache`)."""
    replaced_claims: list[str] = []
    if stories:
        from newsgraph.link.propositions import join_claims

        built, replaced_claims = join_claims(store, built, stories, origins or {}, cache)
    figures, replaced = _join_figure_series(store, built, rebuilt_stories, moved)
    return figures, sorted({*replaced, *replaced_claims})


def _join_figure_series(
    store: Store, built: Sequence[Fact], rebuilt_stories: Iterable[str], moved: Iterable[str]
) -> tuple[list[Fact], list[str]]:
    rebuilt, stale = set(rebuilt_stories), set(moved)
    keys = sorted({f.series_id for f in built if f.series_id})
    rows = store.facts_in_series(keys, held_in=sorted(rebuilt))
    # a series held in a rebuilt story goes on without it in its other stories
    more = sorted({r.series_id for r in rows if r.series_id and len(r.story_ids) > 1} - set(keys))
    if more:
        rows = [*rows, *(r for r in store.facts_in_series(more) if r.story_id not in rebuilt)]
    keys = sorted({*keys, *more})
    if not keys:
        return list(built), []
    parts: dict[str, list[_Part]] = {}
    for fact in built:
        if fact.series_id and fact.story_id:
            parts.setdefault(fact.series_id, []).append(
                _Part(fact.story_id, list(fact.statements), fact, None)
            )
    changed_rows: set[str] = set()
    for row in rows:
        if row.series_id not in parts and row.series_id not in more:
            continue  # a one-story series of a rebuilt story: replaced with it
        if row.story_id in rebuilt:
            # replaced with its story; what it holds of other stories is written again
            changed_rows.add(row.id)
        by_story: dict[str, list[Statement]] = {}
        for s in row.statements:
            story = s.story_id or row.story_id or ""
            if story in rebuilt or s.article_id in stale:
                changed_rows.add(row.id)
                continue
            by_story.setdefault(story, []).append(s)
        for story, statements in by_story.items():
            parts.setdefault(row.series_id, []).append(_Part(story, statements, row, row.id))
    by_id = {f.id: f for f in built}
    out: dict[str, Fact] = {}
    replaced: set[str] = set()
    for key in keys:
        for component in _emitted_components(parts.get(key, []), changed_rows):
            replaced.update(p.row_id for p in component if p.row_id)
            if len(component) == 1 and component[0].row_id is None:
                fact = component[0].template
            else:
                fact = _series_fact(component)
            for p in component:
                if p.row_id is None:
                    by_id.pop(p.template.id, None)
            out[fact.id] = fact
    # facts without a series keep their place; the series facts follow
    result = [f for f in built if f.id in by_id]
    result.extend(f for f in out.values() if f.id not in by_id)
    return result, sorted(replaced - set(by_id))


def _emitted_components(parts: Sequence[_Part], changed_rows: set[str]) -> list[list[_Part]]:
    """The connected parts of one series that must be written again: those with a part just
    built or taken from a stored fact that changed, and every part of a stored fact that one
    of them takes statements from (that fact is replaced whole)."""
    leader = list(range(len(parts)))

    def find(i: int) -> int:
        while leader[i] != i:
            leader[i] = leader[leader[i]]
            i = leader[i]
        return i

    # what each group holds: its stories and its one stated scope ("" for none yet)
    held = [({p.story_id}, p.template.scope or "", _part_entity(p)) for p in parts]
    # what `series_parts_join` reads of each part, read once per part rather than per pair
    named = [_named_sources(p) for p in parts]
    days = [_days(p) for p in parts]
    levels = [sorted(set(_levels(p))) for p in parts]
    for i, a in enumerate(parts):
        for j in range(i + 1, len(parts)):
            gi, gj = find(i), find(j)
            if gi == gj or a.story_id == parts[j].story_id or not named[i] & named[j]:
                continue
            if not _days_near(days[i], days[j]) or not _levels_near(levels[i], levels[j]):
                continue
            (stories_i, scope_i, whose_i), (stories_j, scope_j, whose_j) = held[gi], held[gj]
            # one story's figures of two scopes stay two ("in China", "worldwide"), and a part
            # that states no scope cannot join them into one; so with whose troops they count
            if stories_i & stories_j or (scope_i and scope_j and scope_i != scope_j):
                continue
            if whose_i and whose_j and whose_i != whose_j:
                continue
            leader[gj] = gi
            held[gi] = (stories_i | stories_j, scope_i or scope_j, whose_i or whose_j)
    groups: dict[int, list[_Part]] = {}
    for i, part in enumerate(parts):
        groups.setdefault(find(i), []).append(part)
    wanted = {
        g for g, members in groups.items()
        if any(p.row_id is None or p.row_id in changed_rows for p in members)
    }  # fmt: skip
    while True:
        rows = {p.row_id for g in wanted for p in groups[g] if p.row_id}
        more = {g for g, members in groups.items() if any(p.row_id in rows for p in members)}
        if more <= wanted:
            break
        wanted |= more
    return [groups[g] for g in sorted(wanted)]


def _part_entity(part: _Part) -> str | None:
    """The entity a part's counted object names ("North Korean troops"), if any."""
    return (
        object_parts(part.template.kind, part.template.object)[1] if part.template.object else None
    )


def _series_fact(parts: Sequence[_Part]) -> Fact:
    """One fact of a figure's statements in several stories: held by the story of its latest
    statement (the id of that story's own fact when it was just built), its history in as_of
    order across all of them."""
    statements = _mark_superseded(
        one_agency([replace(s, superseded=False) for p in parts for s in p.statements])
    )
    first: dict[str, str] = {}
    for s in sorted(statements, key=_order):
        first.setdefault(s.story_id or "", s.as_of or "")
    latest = max(parts, key=lambda p: (max((s.as_of or "" for s in p.statements), default=""),
                                       p.row_id is None, p.story_id))  # fmt: skip
    template = latest.template
    if latest.row_id is None or template.story_id == latest.story_id:
        fact_id = template.id
    else:
        seed = f"{latest.story_id}|{template.series_id}"
        fact_id = "f" + hashlib.sha1(seed.encode()).hexdigest()[:15]
    return _fact_of_statements(
        fact_id,
        latest.story_id,
        template.kind,
        # the wording that names whose they are, when one does, so that the joined fact keeps
        # it for the next story's part ("North Korean troops", not "troops")
        [o for p in parts if (o := p.template.object) and object_parts(p.template.kind, o)[1]]
        or [p.template.object for p in parts if p.template.object],
        statements,
        scope=next((p.template.scope for p in parts if p.template.scope), None),
        series=template.series_id,
        story_ids=sorted({p.story_id for p in parts}, key=lambda s: (first.get(s, ""), s)),
    )
