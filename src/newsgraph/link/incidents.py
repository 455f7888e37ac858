"""Incidents: the events of many reports that describe one real-world happening, counted once.

Within one story, two events are one incident when their triggers name the same kind of
happening — one word family ("died", "death", "dead"; "acquire", "acquisition"), or words a
small table of general synonyms joins ("quake" and "earthquake", "check into" and "enter") —
and nothing sets them apart: two words that only begin alike ("instruments", "installation")
are two kinds, reports that number them apart ("the fifth round", "the sixth round") name two
happenings, and so do dates that cannot overlap, a page's dated history
against its undated news ("plague killed millions in the fourteenth century" is no death of
this week), and (when arguments are checked) two different places. A saying is one only by
one speaker: a spokesperson's line and another's are two statements (an unveiling of no named
speaker may join the story's unveiling). A name the reports write before a happening's noun
is of that kind ("the Oscars ceremony": "the Oscars" and "the ceremony" are one). A general
word ("effort", "think") is one happening across pages only when they share an argument or
a date, or when many of the story's pages tell it: two pages that both say "case" tell no one
case. Two kinds of trigger join when one report of each names the same actor doing them to
the same target ("fired", "relieved"), and a report that only refers back ("the move", "the
incident") is of the happening its own page tells. One happening reported 300 times is then
one incident with 300 reports, whose independent sources are the origin groups of the pages
that report it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from newsgraph.extract.event_words import EVENT_NOUNS
from newsgraph.link.facts import PRONOUNS, is_pronoun
from newsgraph.records import Action, ArticleRef, Event, Incident

_WORD = re.compile(r"[a-z]+")
# Irregular forms a suffix rule cannot reach.
_IRREGULAR = {
    "died": "die", "dies": "die", "dying": "die", "dead": "die", "death": "die", "deaths": "die",
    "shot": "shoot", "shots": "shoot", "struck": "strike", "fell": "fall", "fallen": "fall", "won": "win",
    "took": "take", "taken": "take", "went": "go", "gone": "go", "told": "tell", "held": "hold",
    "going": "go", "began": "begin", "begun": "begin", "brought": "bring", "caught": "catch", "fought": "fight",
    "left": "leave", "lost": "lose", "made": "make", "met": "meet", "ran": "run", "sent": "send",
    "sold": "sell", "bought": "buy", "stole": "steal", "stolen": "steal", "hit": "hit",
    "killed": "kill", "found": "find", "led": "lead", "beat": "beat", "beaten": "beat",
    "hung": "hang", "shook": "shake", "shaken": "shake", "broke": "break", "broken": "break", "put": "put", "slain": "slay",
    # the other common irregular verbs of English, less forms that are mostly other words
    # ("wound", "saw", "bound", "drunk", "born")
    "arose": "arise", "arisen": "arise", "became": "become", "bent": "bend", "bit": "bite",
    "bitten": "bite", "bled": "bleed", "blew": "blow", "blown": "blow", "built": "build",
    "burnt": "burn", "chose": "choose", "chosen": "choose", "came": "come", "dealt": "deal",
    "dug": "dig", "did": "do", "done": "do", "drew": "draw", "drawn": "draw", "drank": "drink",
    "drove": "drive", "driven": "drive", "ate": "eat", "eaten": "eat", "fed": "feed",
    "fled": "flee", "flew": "fly", "flown": "fly", "forgot": "forget", "forgotten": "forget",
    "forgave": "forgive", "forgiven": "forgive", "froze": "freeze", "frozen": "freeze",
    "got": "get", "gotten": "get", "gave": "give", "given": "give", "grew": "grow",
    "grown": "grow", "heard": "hear", "hid": "hide", "hidden": "hide", "knew": "know",
    "known": "know", "laid": "lay", "lent": "lend", "meant": "mean", "paid": "pay",
    "rode": "ride", "ridden": "ride", "rang": "ring", "rose": "rise", "risen": "rise",
    "sought": "seek", "seen": "see", "shone": "shine", "shown": "show", "sang": "sing",
    "sung": "sing", "sank": "sink", "sunk": "sink", "sat": "sit", "slept": "sleep",
    "slid": "slide", "spoke": "speak", "spoken": "speak", "spent": "spend", "spun": "spin",
    "sprang": "spring", "sprung": "spring", "stood": "stand", "stuck": "stick",
    "stricken": "strike", "swore": "swear", "sworn": "swear", "swept": "sweep", "swam": "swim",
    "swung": "swing", "taught": "teach", "tore": "tear", "torn": "tear", "thought": "think",
    "threw": "throw", "thrown": "throw", "understood": "understand", "woke": "wake",
    "woken": "wake", "wore": "wear", "worn": "wear", "wept": "weep", "withdrew": "withdraw",
    "withdrawn": "withdraw", "wrote": "write", "written": "write", "overthrew": "overthrow",
    "overthrown": "overthrow", "undertook": "undertake", "undertaken": "undertake",
    "overtook": "overtake", "overtaken": "overtake", "retook": "retake", "retaken": "retake",
    "upheld": "uphold", "withheld": "withhold", "rebuilt": "rebuild", "felt": "feel",
    "kept": "keep", "leapt": "leap", "slew": "slay", "sped": "speed",
}  # fmt: skip
# General synonyms for kinds of happening, by their words (as `lemma` gives them): one family
# each. A word of the table stands for its forms too (`_table_family`): "acquired",
# "killer", "celebration", "injury" - not for every word that begins alike ("explain" is no
# explosion, "approve" no apprehension, "protect" no protest, "administration" no admission).
_SYNONYM_SETS = (
    ("death", "die kill murder slay slain homicide assassinate pass execute hang suicide"),
    ("acquire", "acquire acquisition purchase buy buyout take takeover deal merge transaction snap"),
    ("strike", "hit strike attack assault bomb raid explode explosion blast shake rock jolt rattle hurl drop"),
    ("win", "win beat defeat victory triumph lose loss"),
    ("quake", "quake earthquake tremor temblor"),
    ("fire", "fire blaze burn arson flame"),
    ("arrest", "arrest detain detention apprehend apprehension"),
    ("injure", "injure wound hurt"),
    ("enter", "enter entry check admit admission go head seek"),
    ("announce", "announce unveil launch introduce introduction"),
    ("charge", "charge indict accuse"),
    ("find", "find discover"),
    ("damage", "damage destroy destruction devastate flatten raze demolish wreck"),
    ("protest", "protest riot clash demonstration unrest"),
    ("shoot", "shoot gunfire gunshot gun"),
    ("place", "place put"),
    ("ceremony", "ceremony show celebrate gala award"),
    ("say", "said say tell accord account report statement comment remark"),
)  # fmt: skip
_FAMILIES = {word: family for family, words in _SYNONYM_SETS for word in words.split()}
# The table's words by their first two letters, in the table's order.
_BY_OPENING: dict[str, list[str]] = {}
for _word in _FAMILIES:
    _BY_OPENING.setdefault(_word[:2], []).append(_word)
# Endings that make a form of a table word ("killer", "announcement", "takeover"), and those
# after a word's final "e", which `lemma` drops ("acquir", "celebration", "injury").
_FORMS = frozenset("s es ed ing er ers or ment ion ation y al over out up".split()) | {""}  # noqa: SIM905
_FORMS_AFTER_E = frozenset(["", "ion", "ation", "y", "ing", "ed", "er", "al", "ure"])


def _table_family(base: str) -> str | None:
    """The family of the synonym table a lemma is a form of, if any."""
    for word in _BY_OPENING.get(base[:2], ()):
        if base.startswith(word) and base[len(word) :] in _FORMS:
            return _FAMILIES[word]
        root = word[:-1]
        after = base[len(root) :]
        if (
            word.endswith("e")
            and len(root) >= 4
            and base.startswith(root)
            and after in _FORMS_AFTER_E
        ):
            return _FAMILIES[word]
    return None


# Verb and particle pairs that name another happening than the verb alone.
_PHRASES = {("pass", "away"): "death", ("catch", "fire"): "fire", ("open", "fire"): "shoot"}
STEM = 4  # letters of a word's stem: "acquire" and "acquisition" share "acqu"


# Caches of the pure word functions below: a story's events repeat a few thousand words, and
# every rebuild of a story reads them all again.
WORD_CACHE = 100_000


@functools.lru_cache(maxsize=WORD_CACHE)
def lemma(word: str) -> str:
    """A crude lemma of one English word, enough to join "killed", "kills" and "killing"."""
    word = word.lower()
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)] + repl
            if suffix in ("ing", "ed") and len(base) > 3 and base[-1] == base[-2] in "bdgmnprt":
                base = base[:-1]  # "shopping" -> "shop"
            if suffix == "es" and not word.endswith(("shes", "ches", "sses", "xes", "zes")):
                base = word[:-1]
            return base
    return word


@functools.lru_cache(maxsize=WORD_CACHE)
def main_word(trigger: str) -> str:
    """The word of a trigger that names its happening: a verb before its particle ("checked"
    of "checked into"), a compound noun's head ("escape" of "jail escape")."""
    words = _WORD.findall(trigger.lower())
    if not words:
        return ""
    return words[0] if len(words) > 1 and words[-1] in _PARTICLES else words[-1]


@functools.lru_cache(maxsize=WORD_CACHE)
def trigger_family(trigger: str, stem: int = STEM, synonyms: bool = True) -> str:
    """The kind of happening a trigger names: the family of its main word."""
    words = _WORD.findall(trigger.lower())
    if not words:
        return ""
    # a verb with its particle counts by the verb; a compound noun by its head
    if len(words) > 1 and synonyms:
        phrase = _PHRASES.get((lemma(words[0]), words[-1]))
        if phrase:
            return phrase
    particle = words[-1] if len(words) > 1 and words[-1] in _PARTICLES else None
    word = words[0] if particle else words[-1]
    base = lemma(word)
    key = base[:stem]
    if synonyms:
        key = _table_family(base) or key
    # a particle that turns the verb round names the opposite happening: "checked out" is no
    # "checked in", "pulled back" no "pulled"
    if particle in _AWAY:
        key += ":" + particle
    return key


# Particles of leaving or undoing.
_AWAY = frozenset({"out", "off", "away", "back"})


_PARTICLES = frozenset({"into", "in", "out", "up", "down", "off", "on", "over", "away", "back"})


@dataclass(frozen=True, slots=True)
class IncidentParams:
    """How strictly events merge: which of their arguments, when both give one, keep apart."""

    # two different places: off, as every ECB+ topic fold chooses on the other folds (one
    # happening's reports name it by a town, its county or its country: "Logar", "Afghanistan")
    check_arguments: bool = False
    stem: int = STEM  # letters of a trigger's stem that must agree
    synonyms: bool = True  # whether the synonym table joins families
    actors: bool = False  # two different actors
    targets: bool = False  # two different targets
    speakers: bool = True  # sayings are one only by one named speaker
    roles: bool = True  # two kinds joined by one actor doing them to one target
    # reports of a general word ("time", "case", "think") are one only when they share an
    # argument or a date
    corroborate: bool = True
    # a report that only refers back ("the move", "the incident") joins what its page tells
    anaphors: bool = True
    # the learned pairwise merge model decides (else the rules alone); off by default: on the
    # ECB+ held-out topics it does not yet beat the rules (BCubed F1 0.732 against 0.751)
    learned: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "learned": self.learned,
            "check_arguments": self.check_arguments,
            "stem": self.stem,
            "synonyms": self.synonyms,
            "actors": self.actors,
            "targets": self.targets,
            "speakers": self.speakers,
            "roles": self.roles,
            "corroborate": self.corroborate,
            "anaphors": self.anaphors,
        }


# Families of sayings: who says it is what makes it one (a spokesperson's line in one report
# and another's in the next are two statements).
SPEECH = frozenset({"say", "announce"})
# Of those, the ones a report may tell without its speaker and still be one: an unveiling or
# a launch is news in itself ("the new MacBook Pro was unveiled"), while a "said" of no one
# named is any line of the story.
UNVEILING = frozenset({"announce"})
# Pages of one story that must tell a kind of happening in a general word ("effort",
# "think") for their reports to be one without a shared argument or date: two pages of one
# story that both say "time" or "case" name no one happening.
TOLD_BY = 3
# Days a dated happening may lie before its page's publication and still be news of that page.
RECENT_DAYS = 366


@dataclass(slots=True)
class _Item:
    """An event with what merging reads of it, worked out once."""

    event: Event
    family: str
    numbers: frozenset[str]
    span: tuple[int, int] | None  # its date, as days
    past: bool  # dated well before its page's publication: history, not the news
    actor: frozenset[str] | None  # the words of its actor's name; None for none or a pronoun
    speaker: frozenset[str] | None  # its actor's words, a description's too ("police")
    target: frozenset[str] | None
    place: str | None
    lemma: str = ""  # the lemma of its trigger's main word
    text: str = ""  # its trigger as written, lower case
    words: frozenset[str] = frozenset()  # the words of all its arguments
    share: float = 0.0  # the part of its story's events of its family
    # its trigger names a kind of happening of its own (see `_specific`), so that reports of
    # it need no shared argument to be one
    specific: bool = True
    # its family is its own lemma's first letters, not a kind of the synonym table or a name's
    stemmed: bool = False


def derived(a: str, b: str) -> bool:
    """Whether two lemmas that begin alike are one word's forms ("decide", "decision";
    "nominate", "nomination"), not two words ("instrument", "installation"; "confirm",
    "confusion"): they differ in no more than the shorter one's last two letters."""
    if a == b:
        return True
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return shared >= min(len(a), len(b)) - 2


def _numbered_or_dated_apart(a: _Item, b: _Item) -> bool:
    """Whether two reports number or date their happenings apart, whatever their words."""
    if a.numbers and b.numbers and a.numbers != b.numbers:
        return True
    if a.span and b.span:
        return a.span[1] < b.span[0] or b.span[1] < a.span[0]
    return a.past != b.past


def _conflict(a: _Item, b: _Item, params: IncidentParams) -> bool:
    """Whether two events of one kind name two happenings: two words that only begin alike
    ("instruments", "installation"), reports that number them apart ("the
    fifth round", "the sixth round"), date them apart (the fourteenth century against last
    week; a page's history against its news), name two different actors or targets, or (when
    arguments are checked) two places; sayings are one only by one named speaker."""
    if a.stemmed and b.stemmed and not derived(a.lemma, b.lemma):
        return True
    if _numbered_or_dated_apart(a, b):
        return True
    if params.actors and a.actor and b.actor and not a.actor & b.actor:
        return True
    if params.targets and a.target and b.target and not a.target & b.target:
        return True
    one_speaker = bool(a.speaker and b.speaker and a.speaker & b.speaker)
    # an unveiling of no named speaker may be anyone's: only two named speakers keep it apart
    told_apart = a.family not in UNVEILING or bool(a.speaker and b.speaker)
    if params.speakers and a.family in SPEECH and not one_speaker and told_apart:
        return True
    return bool(params.check_arguments and a.place and b.place and a.place != b.place)


_ORDINAL_WORDS = {
    word: i + 1
    for i, word in enumerate(
        """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
        thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth
        twentieth""".split()  # noqa: SIM905
    )
}
_NUMBER = re.compile(r"\b\d+(?:st|nd|rd|th)\b|[a-z]+")


@functools.lru_cache(maxsize=WORD_CACHE)
def ordinals(trigger: str) -> frozenset[str]:
    """The ordinals a trigger carries, as numbers: "sixth round" and "6th round" give {"6"}.
    (Other numbers are no count of happenings: a score "20 - 13", a year, a magnitude.)"""
    found: set[str] = set()
    for token in _NUMBER.findall(trigger.lower()):
        if token[0].isdigit():
            found.add(token[:-2])
        elif token in _ORDINAL_WORDS:
            found.add(str(_ORDINAL_WORDS[token]))
    return frozenset(found)


def _norm(value: str, names: Mapping[str, str]) -> str:
    return " ".join(names.get(value, value).casefold().split())


def build_incidents(
    story_id: str,
    articles: Sequence[ArticleRef],
    events: Iterable[Event],
    origins: Mapping[str, str],
    names: Mapping[str, str],
    triggers: Mapping[str, str],
    params: IncidentParams | None = None,
    model: MergeModel | None = None,
) -> list[Incident]:
    """The incidents of one story: every event in exactly one. `names` maps entity ids to
    names (labels show names, never ids), `triggers` event ids to their trigger words. With
    `params.learned` the shipped pairwise merge model, or `model`, decides which
    events that no rule keeps apart are one happening; otherwise the rules alone do."""
    params = params or IncidentParams()
    items = story_items(articles, events, names, triggers, params)
    if params.learned:
        model = model or merge_model()
    if params.learned and model is not None:
        merged = cluster(items, params, model)
    else:
        merged = _rule_groups(items, params)
    found = [
        _incident(story_id, [i.event for i in group.items], origins, names, triggers)
        for group in merged
    ]
    found.sort(key=lambda i: (-i.reports, i.id))
    return found


def story_items(
    articles: Sequence[ArticleRef],
    events: Iterable[Event],
    names: Mapping[str, str],
    triggers: Mapping[str, str],
    params: IncidentParams,
) -> list[_Item]:
    """The events of one story's articles as merging reads them, in the order merging takes
    them: numbered reports first ("the sixth round"), so that each number seeds its own
    incident and an unnumbered report joins the best told of them."""
    published = {a.id: _day(a.published) for a in articles}
    ordered = sorted((e for e in events if e.article_id in published), key=lambda e: e.id)
    items = [_item(e, published[e.article_id], names, triggers, params) for e in ordered]
    told = [(triggers.get(i.event.id, ""), i.lemma, i.family) for i in items]
    named = _names(told)
    aliases = named_kinds(told, named) if params.synonyms else {}
    pages: dict[str, set[str]] = {}
    for item in items:
        item.specific = _specific(item, named) or item.family in aliases
        item.stemmed = (
            item.family not in aliases
            and item.family not in _KINDS
            and item.family.split(":")[0] == item.lemma[: params.stem]
        )
        item.family = aliases.get(item.family, item.family)
        pages.setdefault(item.family, set()).add(item.event.article_id)
    for item in items:
        # a kind that many of the story's pages tell is its news, whatever the word
        item.specific = item.specific or len(pages[item.family]) >= TOLD_BY
    counts = Counter(item.family for item in items)
    for item in items:
        item.share = counts[item.family] / len(items)
    items.sort(key=lambda item: not item.numbers)
    return items


def named_kinds(
    told: Sequence[tuple[str, str, str]], names: set[str] | None = None
) -> dict[str, str]:
    """Family -> family, for the names of happenings a story's reports say what kind they
    are: a name written before a common noun of a happening ("the Oscars ceremony", "the
    annual Oscar ceremony") is that kind, so that "the Oscars" elsewhere in the story joins
    "the ceremony" and "the Academy Awards". `told` holds each report's trigger as written,
    its main word's lemma and its family; `names`, their `_names` when already read. Only a
    capitalised word before a lower-case head counts: "quake-triggered tsunami" or a
    headline's "Murder Trial" says no name's kind."""
    by_lemma: dict[str, set[str]] = {}
    for _, word, family in told:
        if word:
            by_lemma.setdefault(word, set()).add(family)
    names = _names(told) if names is None else names
    votes: dict[str, Counter[str]] = {}
    for trigger, _, family in told:
        tokens = _NAME_WORD.findall(trigger)
        if len(tokens) < 2 or family in SPEECH or not tokens[-1].islower():
            continue
        for token in tokens[:-1]:
            if not token[:1].isupper() or token in _OPENERS or lemma(token) not in names:
                continue
            for other in by_lemma.get(lemma(token), ()):
                if other != family and other not in SPEECH:
                    votes.setdefault(other, Counter())[family] += 1
    kind = {name: counts.most_common(1)[0][0] for name, counts in votes.items()}
    # a name of a name's kind is that kind too: "the Oscars ceremony", "the Academy Awards
    # telecast" make the Oscars, the awards and the telecast one kind
    root: dict[str, str] = {}

    def find(family: str) -> str:
        while root.get(family, family) != family:
            family = root[family]
        return family

    for name in sorted(kind):
        a, b = find(name), find(kind[name])
        if a != b:
            root[max(a, b)] = min(a, b)
    return {name: find(name) for name in root.keys() | kind.keys() if find(name) != name}


def _names(told: Sequence[tuple[str, str, str]]) -> set[str]:
    """The lemmas of a story's triggers that its reports write as a name: with a capital in
    at least two of every three reports, and in more than one ("the Oscars"; a common noun
    in a headline's capitals, "Fire Kills Two", is lower case elsewhere)."""
    written: dict[str, list[bool]] = {}
    for trigger, word, _ in told:
        if word:
            tokens = _NAME_WORD.findall(trigger)
            main = next((t for t in reversed(tokens) if lemma(t) == word), "")
            written.setdefault(word, []).append(main[:1].isupper())
    return {w for w, caps in written.items() if sum(caps) * 3 >= len(caps) * 2 + 1}


# Kinds the synonym table holds that any report tells of anything: putting and going.
_GENERAL_KINDS = frozenset({"place"})
_KINDS = frozenset(_FAMILIES.values()) | frozenset(_PHRASES.values())


def _specific(item: _Item, named: set[str]) -> bool:
    """Whether a trigger names a kind of happening of its own, which reports of one story
    rarely name twice for two happenings: an action of the schema ("captured"), a kind of
    the synonym table ("quake", "died"), a noun of news's happenings ("impeachment" is no
    "time" or "case"), a name ("the Davis Cup"), a numbered round. Other words, a general
    verb ("think", "based") or a noun WordNet files as an act or an event ("effort",
    "result"), name a happening only with their arguments."""
    if item.event.action != "OTHER" or item.numbers:
        return True
    if item.family in _KINDS and item.family not in _GENERAL_KINDS:
        return True
    return item.lemma in EVENT_NOUNS or item.lemma in named


def _unspoken(item: _Item) -> bool:
    """A saying of no named speaker: one happening of its own, never merged."""
    return item.family in SPEECH and item.family not in UNVEILING and not item.speaker


def _rule_groups(items: Sequence[_Item], params: IncidentParams) -> list[_Group]:
    """The hand rules: one family, nothing that keeps two apart, the group that fits told by
    the most pages."""
    groups: dict[str, list[_Group]] = {}
    alone: list[_Group] = []  # sayings of no speaker: one happening each, never searched
    # A saying fits only a group each of whose readings shares a word of its speaker (see
    # `_conflict`), so it is searched among the groups whose first report's speaker shares
    # one: (family, word) -> those groups' places in their family's list, in order. (A
    # story's thousands of "said" by hundreds of speakers are otherwise each checked against
    # every speaker's group.)
    by_speaker: dict[tuple[str, str], list[int]] = {}
    for item in items:
        if params.speakers and _unspoken(item):
            alone.append(_Group(item))
            continue
        candidates = groups.setdefault(item.family, [])
        spoken = params.speakers and item.family in SPEECH and item.family not in UNVEILING
        searched = candidates
        if spoken and item.speaker:
            places = {p for w in item.speaker for p in by_speaker.get((item.family, w), ())}
            searched = [candidates[p] for p in sorted(places)]
        # of the groups it fits, the one most pages tell (the first of those): an unnumbered
        # "round" is the round of the story's news more often than the first numbered one
        fitting: _Group | None = None
        for g in searched:
            if (fitting is None or len(g.articles) > len(fitting.articles)) and (
                not g.conflicts(item, params) and (not params.corroborate or g.corroborates(item))
            ):
                fitting = g
        if fitting is not None:
            fitting.add(item)
        else:
            if spoken:
                for word in item.speaker or ():
                    by_speaker.setdefault((item.family, word), []).append(len(candidates))
            candidates.append(_Group(item))
    merged = [group for family in sorted(groups) for group in groups[family]] + alone
    if params.anaphors:
        merged = _join_anaphors(merged)
    if params.roles:
        merged = _join_by_roles(merged, params)
    return merged


# General nouns a report refers back with to a happening its page tells ("the move", "the
# incident", "the ordeal"): they name no kind of their own.
ANAPHORS = frozenset("move incident event episode affair ordeal tragedy".split())  # noqa: SIM905


def _join_anaphors(groups: list[_Group]) -> list[_Group]:
    """A report in a word of `ANAPHORS` joins, of the incidents its own page reports in a
    word of their own (no saying), the one most pages tell; with none, it stays where it is."""
    by_article: dict[str, list[_Group]] = {}
    for group in groups:
        if group.items[0].family in SPEECH or all(i.lemma in ANAPHORS for i in group.items):
            continue
        if any(r.specific for r in group.readings.values()):
            for article in sorted(group.articles):
                by_article.setdefault(article, []).append(group)
    out: list[_Group] = []
    for group in groups:
        if not all(i.lemma in ANAPHORS for i in group.items):
            out.append(group)  # (the same object: the reports joined below reach it)
            continue
        staying = []
        for item in group.items:
            told = [
                g
                for g in by_article.get(item.event.article_id, ())
                if not any(_numbered_or_dated_apart(item, r) for r in g.readings.values())
            ]
            if told:
                max(told, key=lambda g: len(g.articles)).add(item)
            else:
                staying.append(item)
        if staying:
            rest = _Group(staying[0])
            for item in staying[1:]:
                rest.add(item)
            out.append(rest)
    return out


# -- the learned pairwise merge ---------------------------------------------------------------
#
# Two events that no rule keeps apart are scored by a logistic regression over what the pair
# shares: one lemma, one family or only a stem; one article; the same actor, target or place,
# or two different ones; overlapping dates; one action; how many words of their arguments they
# share; how common their kind is in the story. Its weights and threshold are
# `incident_model.json`, rebuilt by `python -m newsgraph.link.train_incidents` on the
# benchmark's training topics. Events are taken one at a time: each joins the incident in
# the making whose readings it scores best on average, when that average reaches the
# threshold, or starts one. Candidates are the incidents of its family, and (for a kind
# other than a saying) those that hold an event naming the same actor or target.

MODEL_FILE = Path(__file__).with_name("incident_model.json")
# Distinct readings of an incident a new event is scored against (the first told).
READINGS = 24
# The largest incidents of a story so far, compared with every event whatever its kind: a
# story's main happening is told in many words ("acquisition", "deal", "buy").
LARGEST = 8


@dataclass(frozen=True, slots=True)
class MergeModel:
    """Weights of the pairwise features, a bias and the merge threshold."""

    weights: Mapping[str, float]
    bias: float
    threshold: float

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def as_dict(self) -> dict[str, object]:
        return {
            "bias": round(self.bias, 6),
            "threshold": self.threshold,
            "weights": {k: round(v, 6) for k, v in sorted(self.weights.items())},
        }


def read_model(path: Path) -> MergeModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    return MergeModel(
        {str(k): float(v) for k, v in data["weights"].items()},
        float(data["bias"]),
        float(data["threshold"]),
    )


@functools.lru_cache(maxsize=1)
def merge_model() -> MergeModel | None:
    """The shipped merge model; None where the file is missing (the rules then decide)."""
    return read_model(MODEL_FILE) if MODEL_FILE.is_file() else None


def _side(
    name: str, a: frozenset[str] | None, b: frozenset[str] | None, out: dict[str, float]
) -> None:
    if a and b:
        out[f"{name}_agree" if a & b else f"{name}_clash"] = 1.0
    elif a or b:
        out[f"{name}_one"] = 1.0


def pair_features(a: _Item, b: _Item) -> dict[str, float]:
    """What two events share, as named features of the merge model."""
    out: dict[str, float] = {}
    if a.lemma and a.lemma == b.lemma:
        kind = "same_lemma"
    elif a.family == b.family:
        kind = "same_family"
    elif a.lemma[:STEM] == b.lemma[:STEM]:
        kind = "same_stem"
    else:
        kind = "other_kind"
    out[kind] = 1.0
    if a.text == b.text:
        out["same_text"] = 1.0
    speech = a.family in SPEECH or b.family in SPEECH
    if speech:
        out["speech"] = 1.0
        if a.speaker and b.speaker and a.speaker & b.speaker:
            out["speech&speaker_agree"] = 1.0
    same_article = a.event.article_id == b.event.article_id
    if same_article:
        out["same_article"] = 1.0
        out[f"same_article&{kind}"] = 1.0
    _side("actor", a.actor, b.actor, out)
    _side("target", a.target, b.target, out)
    pa = frozenset([a.place]) if a.place else None
    pb = frozenset([b.place]) if b.place else None
    _side("place", pa, pb, out)
    if kind == "other_kind":
        for role in ("actor", "target"):
            if f"{role}_agree" in out:
                out[f"other_kind&{role}_agree"] = 1.0
    if a.span and b.span:
        out["date_agree"] = 1.0
    elif a.span or b.span:
        out["date_one"] = 1.0
    if a.numbers and a.numbers == b.numbers:
        out["number_agree"] = 1.0
    if a.event.action != "OTHER" and a.event.action == b.event.action:
        out["action_agree"] = 1.0
    if a.words and b.words:
        out["arg_overlap"] = len(a.words & b.words) / len(a.words | b.words)
    else:
        out["arg_none"] = 1.0
    out["kind_share"] = min(a.share, b.share)
    out["multiword"] = float((" " in a.text) + (" " in b.text)) / 2
    if kind != "same_lemma":
        # what may join two words of one happening: both kinds the story's main ones, one
        # action, shared arguments
        for name in ("kind_share", "action_agree", "arg_overlap", "date_agree", "place_agree"):
            if name in out:
                out[f"{kind}&{name}"] = out[name]
    return out


def _keys(item: _Item) -> list[tuple[str, ...]]:
    """The blocks an event is searched in: its family; a named actor's or target's words."""
    keys: list[tuple[str, ...]] = [("family", item.family)]
    if item.family not in SPEECH:
        keys.extend(("actor", w) for w in sorted(item.actor or ()))
        keys.extend(("target", w) for w in sorted(item.target or ()))
    return keys


def cluster(items: Sequence[_Item], params: IncidentParams, model: MergeModel) -> list[_Group]:
    """The incidents of `items` under the merge model (see above)."""
    groups: list[_Group] = []
    alone: list[_Group] = []
    blocks: dict[tuple[str, ...], dict[int, None]] = {}  # block -> its groups, in order
    largest: list[int] = []  # the LARGEST largest groups so far
    for item in items:
        if params.speakers and _unspoken(item):
            alone.append(_Group(item))
            continue
        keys = _keys(item)
        seen: set[int] = set()
        best, best_score = -1, model.threshold
        for block in [*(list(blocks.get(key, ())) for key in keys), largest]:
            for index in block:
                if index in seen:
                    continue
                seen.add(index)
                group = groups[index]
                readings = list(group.readings.values())[:READINGS]
                if any(_conflict(item, r, params) or _conflict(r, item, params) for r in readings):
                    continue
                score = sum(model.probability(pair_features(item, r)) for r in readings)
                score /= len(readings)
                if score > best_score or (score == best_score and best < 0):
                    best, best_score = index, score
        if best < 0:
            groups.append(_Group(item))
            best = len(groups) - 1
        else:
            groups[best].add(item)
        if best not in largest:
            largest.append(best)
        # the largest first, the earliest of equal size first; ties keep the order stable
        largest.sort(key=lambda i: (-len(groups[i].items), i))
        del largest[LARGEST:]
        for key in keys:
            blocks.setdefault(key, {})[best] = None
    return groups + alone


class _Group:
    """The events of one incident in the making, with one event of each distinct reading of
    what `_conflict` compares, so that a new event is checked once per reading, not once
    per report (a story may hold thousands of reports of one kind)."""

    def __init__(self, item: _Item) -> None:
        self.items: list[_Item] = []
        self.readings: dict[tuple[object, ...], _Item] = {}
        self.articles: set[str] = set()
        self.words: set[str] = set()
        self.add(item)

    def add(self, item: _Item) -> None:
        self.items.append(item)
        self.articles.add(item.event.article_id)
        self.words.update(item.words)
        key = (
            item.family,
            item.numbers,
            item.span,
            item.past,
            item.actor,
            item.target,
            item.speaker,
            item.place,
            item.lemma if item.stemmed else None,
        )
        self.readings.setdefault(key, item)

    def conflicts(self, item: _Item, params: IncidentParams) -> bool:
        return any(
            _conflict(item, other, params)
            for other in self.readings.values()
            if other.family == item.family
        )

    def corroborates(self, item: _Item) -> bool:
        """Whether a report may join: its trigger names a happening of its own kind, or it
        comes from a page the incident already holds, or it shares an argument's word or a
        date with the incident's reports."""
        if item.specific or item.event.article_id in self.articles:
            return True
        if not item.words.isdisjoint(self.words):
            return True
        span = item.span
        return span is not None and any(
            r.span and not (r.span[1] < span[0] or span[1] < r.span[0])
            for r in self.readings.values()
        )

    def absorb(self, other: _Group) -> None:
        for item in other.items:
            self.add(item)
        other.items = []


def _join_by_roles(groups: list[_Group], params: IncidentParams) -> list[_Group]:
    """Groups of two kinds joined when one report of each names the same actor doing it to
    the same target ("the 76ers fired O'Brien", "the 76ers relieved O'Brien of his duties")."""
    parent = list(range(len(groups)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_roles: dict[tuple[str, str], list[int]] = {}
    for index, group in enumerate(groups):
        for item in group.items:
            if item.family in SPEECH or not (item.actor and item.target):
                continue
            # in the words' order, not a set's (which changes with the interpreter's hash
            # seed, and with it which group absorbs which)
            for a in sorted(item.actor):
                for t in sorted(item.target):
                    indexes = by_roles.setdefault((a, t), [])
                    if not indexes or indexes[-1] != index:
                        indexes.append(index)
    for indexes in by_roles.values():
        for other in indexes[1:]:
            x, y = find(indexes[0]), find(other)
            if x != y and not any(
                groups[x].conflicts(i, params) for i in groups[y].readings.values()
            ):
                parent[y] = x
                groups[x].absorb(groups[y])
    return [g for g in groups if g.items]


def _item(
    event: Event,
    published: int | None,
    names: Mapping[str, str],
    triggers: Mapping[str, str],
    params: IncidentParams,
) -> _Item:
    trigger = triggers.get(event.id, "")
    family = trigger_family(trigger, params.stem, params.synonyms) or event.action
    span = _span(event.when)
    past = bool(span and published is not None and span[1] < published - RECENT_DAYS)
    place = _norm(event.place, names) if event.place else None
    arguments = [names.get(v, v) for v in (event.actor, event.target, event.place) if v]
    words = frozenset().union(*map(_argument_words, arguments))
    return _Item(
        event,
        family,
        ordinals(trigger),
        span,
        past,
        _words(event.actor, names),
        _words(event.actor, names, descriptions=True),
        _words(event.target, names),
        place,
        lemma(main_word(trigger)),
        " ".join(_WORD.findall(trigger.lower())),
        words,
    )


# Words of a name that tell no one apart.
_NAME_FILLERS = frozenset("the a an of and 's ’s".split())  # noqa: SIM905


@functools.lru_cache(maxsize=WORD_CACHE)
def _argument_words(shown: str) -> frozenset[str]:
    """The words of one argument as shown, less fillers and pronouns."""
    return frozenset(w.casefold() for w in _NAME_WORD.findall(shown)) - _NAME_FILLERS - _PRONOUNS


def _words(
    value: str | None, names: Mapping[str, str], descriptions: bool = False
) -> frozenset[str] | None:
    """The words of an actor's or target's name, with the initials of a name of many words
    ("Hewlett-Packard" is also "hp"); None for none, a pronoun or a description that names no
    one ("the company", "officials", "her spokesman")."""
    if not value:
        return None
    return _shown_words(names.get(value, value), descriptions)


@functools.lru_cache(maxsize=WORD_CACHE)
def _shown_words(shown: str, descriptions: bool) -> frozenset[str] | None:
    """`_words` of a name as shown."""
    if is_pronoun(shown, _PRONOUNS):
        return None
    tokens = _NAME_WORD.findall(shown)
    if not descriptions and not any(t[:1].isupper() and t not in _OPENERS for t in tokens):
        return None
    words = {t.casefold() for t in tokens} - _NAME_FILLERS
    capitals = [t for t in tokens if t[:1].isupper() and t not in _OPENERS]
    if len(capitals) > 1:
        # an acronym's letters: a word in capitals gives all of them ("US Geological Survey")
        words.add("".join(t if t.isupper() else t[0] for t in capitals).casefold())
    return frozenset(words) or None


_NAME_WORD = re.compile(r"\w+")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?$")


def _day(value: str | None) -> int | None:
    span = _span(value[:10] if value else None)
    return span[0] if span else None


def _span(when: str | None) -> tuple[int, int] | None:
    """A date or interval ("2019-11-17", "2019-11", "2019-W46", "2018", "1300/1399") as its
    first and last day, counted from year one; None when it cannot be read."""
    if not when:
        return None
    parts = when.split("/")
    if len(parts) > 2:
        return None
    ends = [_bounds(part) for part in parts]
    if any(e is None for e in ends):
        return None
    first, last = ends[0], ends[-1]
    assert first is not None and last is not None
    return first[0], last[1]


def _bounds(text: str) -> tuple[int, int] | None:
    import datetime as dt

    match = _DATE.match(text.strip())
    if not match:
        return None
    year, month, day, week = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if week is not None:
            start = dt.date.fromisocalendar(year, max(week, 1), 1)
            return start.toordinal(), start.toordinal() + 6
        if month is None:
            return dt.date(max(year, 1), 1, 1).toordinal(), dt.date(
                max(year, 1), 12, 31
            ).toordinal()
        if day is None:
            first = dt.date(max(year, 1), month, 1)
            following = dt.date(year + (month == 12), month % 12 + 1, 1)
            return first.toordinal(), following.toordinal() - 1
        return (dt.date(max(year, 1), month, day).toordinal(),) * 2
    except ValueError:
        return None


_Value = TypeVar("_Value", bound=str)


def _common(values: Iterable[_Value | None]) -> _Value | None:
    """The commonest value given, the first given of equal counts (as `Counter.most_common`
    reads them, without building one per argument of every incident)."""
    counts: dict[_Value, int] = {}
    for value in values:
        if value:
            counts[value] = counts.get(value, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def _incident(
    story_id: str,
    group: Sequence[Event],
    origins: Mapping[str, str],
    names: Mapping[str, str],
    triggers: Mapping[str, str],
) -> Incident:
    def name(value: str | None) -> str | None:
        return names.get(value, value) if value else None

    action: Action = _common(e.action for e in group if e.action != "OTHER") or "OTHER"
    actor = name(_common(e.actor for e in group))
    target = name(_common(e.target for e in group))
    place = name(_common(e.place for e in group))
    when = _common(e.when for e in group)
    trigger = _common(triggers.get(e.id, "").strip() for e in group) or action.lower()
    articles = sorted({e.article_id for e in group})
    # The label is one report's own words: the commonest values of each argument, taken apart,
    # made lines no report wrote ("Censors transmitted he").
    told = _representative(group, trigger, triggers, names)
    return Incident(
        id="i" + hashlib.sha1(f"{story_id}|{group[0].id}".encode()).hexdigest()[:15],
        story_id=story_id,
        action=action,
        label=incident_label(
            triggers.get(told.id, "").strip() or trigger,
            name(told.actor),
            name(told.target),
            name(told.place),
        ),
        actor=actor,
        target=target,
        place=place,
        when=when,
        event_ids=[e.id for e in group],
        article_ids=articles,
        reports=len(group),
        independent_sources=len({origins.get(a, a) for a in articles}),
    )


# an actor read from a relative clause, or a demonstrative standing for a thing
_PRONOUNS = PRONOUNS | {"who", "which", "that", "this", "these", "those", "me", "itself"}
# Closed-class words that open a phrase and are lower case mid-line.
_OPENERS = frozenset(
    """The A An This That These Those Its His Her Their Our My Your Some Many Several Few All
    Both Each Every No Two Three Four Five Six Seven Eight Nine Ten Dozens Hundreds
    Thousands""".split()  # noqa: SIM905
)


def _representative(
    group: Sequence[Event], trigger: str, triggers: Mapping[str, str], names: Mapping[str, str]
) -> Event:
    """The report that tells the incident most fully in the commonest words: its trigger the
    group's commonest, the most of actor, target and place given, by names not pronouns."""

    def told(e: Event) -> tuple[bool, int, str]:
        given = 0
        for value in (e.actor, e.target, e.place):
            if value:
                shown = names.get(value, value).strip().casefold()
                given += 0 if shown in _PRONOUNS else 1
        return (triggers.get(e.id, "").strip() == trigger, given, e.id)

    return max(group, key=told)


def incident_label(trigger: str, actor: str | None, target: str | None, place: str | None) -> str:
    """A short readable line: "Ukraine captured two North Korean soldiers in Kursk". The
    trigger is kept as the reports wrote it (a tense guessed from a word alone reads worse)."""
    # a pronoun names no one without its sentence: "Said which" tells less than "Said"
    actor = None if actor and is_pronoun(actor, _PRONOUNS) else actor
    target = None if target and is_pronoun(target, _PRONOUNS) else target
    if target and (actor or trigger):
        # mid-line, a closed-class word opening the target is lower case: "confirmed the first
        # two cases", "diagnosed three cases" (a phrase from a sentence's start keeps its capital)
        target = re.sub(
            r"^([A-Z][a-z]*)\b",
            lambda m: m.group(1).lower() if m.group(1) in _OPENERS else m.group(1),
            target,
        )
    label = " ".join(p for p in (actor, trigger, target) if p)
    if place and place.casefold() not in label.casefold():
        label += f" in {place}"
    label = _without_stray_marks(label)
    return label[:1].upper() + label[1:] if label else trigger


_QUOTE_PAIRS = {"“": "”", "‘": "’", "«": "»", '"': '"'}
_QUOTE_OPENERS = {close: open_ for open_, close in _QUOTE_PAIRS.items()}


def _without_stray_marks(label: str) -> str:
    """A trigger cut from a quotation keeps its opening mark ("“invasion"): a mark at either end
    of a label that nothing in it closes or opens goes."""
    if label[:1] in _QUOTE_PAIRS and _QUOTE_PAIRS[label[0]] not in label[1:]:
        label = label[1:]
    if label[-1:] in _QUOTE_OPENERS and _QUOTE_OPENERS[label[-1]] not in label[:-1]:
        label = label[:-1]
    return label
