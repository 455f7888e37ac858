"""Incidents: the events of many reports that describe one real-world happening, counted once.

Within one story, two events are one incident when their triggers name the same kind of
happening — one word family ("died", "death", "dead"; "acquire", "acquisition"), or words a
small table of general synonyms joins ("quake" and "earthquake", "check into" and "enter") —
and nothing sets them apart: reports that number them apart ("the fifth round", "the sixth
round") name two happenings, and so (when arguments are checked) do two different places or
two different dates. One happening reported 300 times is then one incident with 300
reports, whose independent sources are the origin groups of the pages that report it.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsgraph.link.facts import PRONOUNS, is_pronoun
from newsgraph.records import ArticleRef, Event, Incident

_WORD = re.compile(r"[a-z]+")
# Irregular forms a suffix rule cannot reach.
_IRREGULAR = {
    "died": "die", "dies": "die", "dying": "die", "dead": "die", "death": "die", "deaths": "die",
    "shot": "shoot", "struck": "strike", "fell": "fall", "fallen": "fall", "won": "win",
    "took": "take", "taken": "take", "went": "go", "gone": "go", "told": "tell", "held": "hold",
    "going": "go", "began": "begin", "begun": "begin", "brought": "bring", "caught": "catch", "fought": "fight",
    "left": "leave", "lost": "lose", "made": "make", "met": "meet", "ran": "run", "sent": "send",
    "sold": "sell", "bought": "buy", "stole": "steal", "stolen": "steal", "hit": "hit",
    "killed": "kill", "found": "find", "led": "lead", "beat": "beat", "beaten": "beat",
    "hung": "hang", "broke": "break", "broken": "break", "put": "put", "slain": "slay",
}  # fmt: skip
# General synonyms for kinds of happening, by word stem (four letters): one family each.
_SYNONYM_SETS = (
    ("death", "die dead deat kill murd slay slai homi assa pass exec hang"),
    ("acquire", "acqu purc buy buyo take deal merg tran snap"),
    ("strike", "hit stri atta bomb raid expl blas shak rock jolt hurl drop"),
    ("win", "win beat defe vict triu lose loss"),
    ("quake", "quak eart trem temb"),
    ("fire", "fire blaz burn arso flam"),
    ("arrest", "arre deta dete appr"),
    ("injure", "inju woun hurt"),
    ("enter", "ente chec admi reha trea go head seek"),
    ("announce", "anno unve laun intr"),
    ("charge", "char indi accu"),
    ("find", "find disc"),
    ("damage", "dama dest deva flat"),
    ("protest", "prot riot clas demo unre"),
    ("shoot", "shoo gunf gun"),
    ("place", "plac put"),
    ("ceremony", "cere show cele gala awar"),
    ("say", "said say tell acco repo"),
)
_FAMILIES = {stem: family for family, stems in _SYNONYM_SETS for stem in stems.split()}
# Verb and particle pairs that name another happening than the verb alone.
_PHRASES = {("pass", "away"): "death", ("catch", "fire"): "fire", ("open", "fire"): "shoot"}
STEM = 4  # letters of a word's stem: "acquire" and "acquisition" share "acqu"


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
        key = _FAMILIES.get(base[:STEM]) or _FAMILIES.get(base) or key
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
    """How strictly events merge: whether conflicting places, dates or actors keep apart."""

    check_arguments: bool = True
    stem: int = STEM  # letters of a trigger's stem that must agree
    synonyms: bool = True  # whether the synonym table joins families

    def as_dict(self) -> dict[str, object]:
        return {
            "check_arguments": self.check_arguments,
            "stem": self.stem,
            "synonyms": self.synonyms,
        }


def _conflict(
    a: Event, b: Event, names: Mapping[str, str], triggers: Mapping[str, str], arguments: bool
) -> bool:
    """Whether two events name two happenings: reports number them apart ("the fifth round",
    "the sixth round"), or (when arguments are checked) give two places or two dates."""
    x, y = ordinals(triggers.get(a.id, "")), ordinals(triggers.get(b.id, ""))
    if x and y and x != y:
        return True
    if arguments:
        for x_, y_ in ((a.place, b.place), (a.when, b.when)):
            if x_ and y_ and _norm(x_, names) != _norm(y_, names):
                return True
    return False


_ORDINAL_WORDS = {
    word: i + 1
    for i, word in enumerate(
        """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
        thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth
        twentieth""".split()  # noqa: SIM905
    )
}
_NUMBER = re.compile(r"\b\d+(?:st|nd|rd|th)\b|[a-z]+")


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
) -> list[Incident]:
    """The incidents of one story: every event in exactly one. `names` maps entity ids to
    names (labels show names, never ids), `triggers` event ids to their trigger words."""
    params = params or IncidentParams()
    known = {a.id for a in articles}
    ordered = sorted((e for e in events if e.article_id in known), key=lambda e: e.id)
    # numbered reports first ("the sixth round"), so that each number seeds its own incident
    # and an unnumbered report joins the best told of them
    ordered.sort(key=lambda e: not ordinals(triggers.get(e.id, "")))
    groups: dict[str, list[list[Event]]] = {}
    for event in ordered:
        trigger = triggers.get(event.id, "")
        family = trigger_family(trigger, params.stem, params.synonyms) or event.action
        candidates = groups.setdefault(family, [])
        fitting = [
            group
            for group in candidates
            if not any(_conflict(event, e, names, triggers, params.check_arguments) for e in group)
        ]
        if fitting:
            fitting[0].append(event)
        else:
            candidates.append([event])
    found = [
        _incident(story_id, group, origins, names, triggers)
        for family in sorted(groups)
        for group in groups[family]
    ]
    found.sort(key=lambda i: (-i.reports, i.id))
    return found


def _common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def _incident(
    story_id: str,
    group: Sequence[Event],
    origins: Mapping[str, str],
    names: Mapping[str, str],
    triggers: Mapping[str, str],
) -> Incident:
    def name(value: str | None) -> str | None:
        return names.get(value, value) if value else None

    actions = [e.action for e in group if e.action != "OTHER"]
    action = Counter(actions).most_common(1)[0][0] if actions else "OTHER"
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
    return label[:1].upper() + label[1:] if label else trigger
