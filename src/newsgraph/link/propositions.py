"""Propositions: the claims of one story that state one thing, with who asserts and who denies it.

Two claims state one proposition when their content words overlap enough (a paraphrase, the
same wire line retold), or when they speak of the same named things through predicates of one
class ("kicked Ukraine out of the Kursk region" and "still holding its ground in Kursk" both say
whether someone is still there). Polarity says which side a claim takes: the speaker denies it
("denied", "fake news"), a negation scopes over the predicate ("no soldiers were killed"), or the
predicate is the opposite member of its class ("driven out" against "holding its ground", "300
died" against "survived"). The lexicon below is small and general: predicate classes of the news
of conflicts, disasters and deals, no names.

A source that changes its side later (the one who denied confirms) supersedes its earlier word;
two independent sources whose current words take opposite sides contest the proposition.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import TYPE_CHECKING

from newsgraph.link.agencies import party_of
from newsgraph.link.facts import _day, speaker_source, statement_source
from newsgraph.records import ArticleRef, Claim, Fact, FactStatus, Stance, Statement, Story

if TYPE_CHECKING:
    from newsgraph.link.facts import StoryCache
    from newsgraph.store import Store

_WORD = re.compile(r"[a-z]+")
# Words that carry no proposition: function words and the reporting vocabulary itself.
_FILLER = frozenset(
    [
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
        "and",
        "or",
        "but",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "that",
        "this",
        "these",
        "those",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "it",
        "they",
        "he",
        "she",
        "we",
        "you",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "can",
        "not",
        "no",
        "as",
        "into",
        "after",
        "before",
        "said",
        "says",
        "say",
        "also",
        "which",
        "who",
        "what",
        "when",
        "where",
        "there",
        "still",
        "very",
        "did",
        "does",
        "all",
        "any",
        "every",
        "each",
        "several",
        "many",
        "most",
        "few",
        "do",
        "had",
    ]
)
CLAIM_MATCH = 0.45  # content-word overlap (Jaccard) above which two claims state one proposition
CONTAINED = 0.75  # share of the shorter claim's words the longer must hold to state it too
NAMED_MATCH = 0.35  # the overlap that is enough when the two claims also share a name
NAMED_CLASS_MATCH = 0.15  # the overlap enough for two claims of one predicate class and a name
SHARED_WORDS = 2  # content words (beyond the predicate) two same-class claims must share
_CAPITAL = re.compile(r"\b[A-Z][A-Za-z\-]+(?:\s+[A-Z][A-Za-z\-]+)*")
_NOT_NAMES = frozenset(
    {"The", "A", "An", "It", "He", "She", "They", "We", "I", "This", "That"}
    # dates are capitalised but name no party to a matter
    | {"January", "February", "March", "April", "May", "June", "July", "August"}
    | {"September", "October", "November", "December", "Monday", "Tuesday", "Wednesday"}
    | {"Thursday", "Friday", "Saturday", "Sunday"}
)

# Predicate classes: (class, side, pattern). Two claims with predicates of one class take the
# same side when their sides (times their negations) agree.
_GAP = r"(?:\s+[\w’'-]+){0,3}?"
PREDICATES: tuple[tuple[str, int, re.Pattern[str]], ...] = tuple(
    (name, side, re.compile(pattern))
    for name, side, pattern in (
        # someone is still in a place, or has been put out of it
        ("presence", -1, rf"\b(?:kick|kicked|drive|driven|drove|push|pushed|force|forced|throw|"
                         rf"thrown|threw|chase|chased|kicking|driving|pushing|forcing){_GAP}\s+out\b"),
        ("presence", -1, r"\b(?:expel\w*|oust\w*|evict\w*|liberat\w*|retook|retake\w*|recaptur\w*|"
                         r"withdr[ae]w\w*|retreat\w*|pulled out|pull out|cleared of|fled)\b"),
        ("presence", +1, r"\b(?:hold\w*|held)\s+(?:\w+\s+)?(?:ground|positions?|lines?|out)\b"),
        ("presence", +1, r"\bstill\s+(?:\w+\s+){0,2}?(?:holding|fighting|present|there|controls?|"
                         r"controlling|occup\w+|in|inside)\b"),
        ("presence", +1, r"\b(?:fighting|battles?|clashes|combat)\s+(?:continues?|goes on|rages?|"
                         r"is ongoing|are ongoing)\b|\bcontinu\w*\s+to\s+(?:fight|hold|resist)\b|"
                         r"\bremains?\s+in\b"),
        # forces were sent somewhere
        ("deploy", +1, r"\b(?:sent|send\w*|deploy\w*|dispatch\w*|stationed|are fighting|were "
                       r"fighting|fought)\b"),
        # people died
        ("death", +1, r"\b(?:died|dies|die|dead|killed|kill\w*|deaths?|perished|lost their lives)\b"),
        ("death", -1, r"\b(?:surviv\w*|alive|unharmed|unhurt|stable condition|recovering)\b"),
        # people were taken
        ("capture", +1, r"\b(?:captur\w*|seiz\w*|taken prisoner|took prisoner|detain\w*|"
                        r"being held|still held|held (?:captive|hostage|prisoner)|in captivity|"
                        r"in custody|in (?:prison|jail|detention)|behind bars|jailed|imprison\w*)\b"),
        ("capture", -1, r"\b(?:released|releasing|freed|set free)\b"),  # not "the release of" a thing
        # an undertaking went well
        ("success", +1, r"\b(?:success\w*|succeed\w*|victor\w*)\b"),
        ("success", -1, r"\b(?:fail\w*|defeat\w*|fiasco)\b"),
        # parties came to terms
        ("agree", +1, r"\b(?:agree\w*|accept\w*|approv\w*|settled on)\b"),
        ("agree", -1, r"\b(?:reject\w*|refus\w*|block\w*|veto\w*|overturn\w*)\b"),
        # a fire or an outbreak is under control or spreading
        ("spread", -1, r"\b(?:contained|under control|extinguished|put out)\b"),
        ("spread", +1, r"\b(?:spread\w*|out of control|raging|rages)\b"),
        # an arrangement holds or has broken
        ("intact", +1, r"\b(?:is|was|are|were|still)\s+holding\b|\b(?:in place|in force|intact)\b|"
                       r"\b(?:being|been|is|are|was|were)\s+(?:respected|observed|honou?red)\b"),
        ("intact", -1, r"\b(?:collapsed|broke(?:n)?(?: down)?|breaks? down|violated|breached|"
                       r"fell apart|fallen apart)\b"),
        # a place or an undertaking is open and going ahead, or closed, called off
        ("ongoing", +1, r"\breopen\w*|\b(?:is|are|was|were|be|been|remains?|stays?|stayed)\s+open\b|"
                        r"\bgo(?:es|ing)?\s+ahead\b|\bas planned\b"),
        ("ongoing", -1, r"\b(?:(?:remains?|stays?|stayed)\s+)?(?:closed|shut)\b|\bclos(?:es|ing|ure)\b|"
                        r"\b(?:will|would|to|must|may|could|should)\s+(?:\w+\s+)?close\b|"
                        r"\bcancell?\w*|\bcalled off\b|\bpostpon\w*"),
        # someone can take part, or is hurt and out
        ("fit", +1, r"\b(?:fit|healthy|fully recovered)\b"),
        ("fit", -1, r"\b(?:injur\w*|ruled out|sidelined|will miss)\b"),
        # someone is accused before a court, or cleared
        ("charged", +1, r"\b(?:charg(?:ed|es|ing)|indict\w*)\b"),
        ("charged", -1, r"\b(?:acquitt\w*|cleared of)\b"),
    )
)  # fmt: skip
# A figure moved one way: a class of its own for each thing that moved, named by the word just
# before the verb ("inflation rose" and "inflation fell" disagree; "exports fell" is another matter).
# A modal or auxiliary may stand between ("rates would rise", "exports have fallen").
# ("linked to increased weight loss" names no subject that moved: no "to" between)
_AUX = r"(?:(?:will|would|could|may|might|can|should|has|have|had|is|are|was|were|did|not)\s+)*"
_CHANGE = (
    (+1, re.compile(rf"\b([a-z]+)\s+{_AUX}(?:rose|rises?|risen|increas\w*|grew|grow|climb\w*|jump\w*|"
                    rf"soar\w*|went up|go up)\b")),
    (-1, re.compile(rf"\b([a-z]+)\s+{_AUX}(?:fell|falls?|fallen|drop\w*|declin\w*|decreas\w*|shrank|"
                    rf"shrink|plung\w*|went down|go down)\b")),
)  # fmt: skip
# A negation before a predicate, within its clause, turns its side.
_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|neither|nor|without|cannot)\b|n['’]t\b", re.IGNORECASE
)
# Words that call the whole report false.
_FALSITY = re.compile(
    r"\b(?:fake|false|falsehoods?|untrue|baseless|groundless|fabricat\w*|lies|nonsense|"
    r"rumou?rs?|myths?|disinformation|misinformation|hoax\w*|not true|"
    # "made up the story", "made it all up"; not "made up of three parts"
    r"(?:made|makes|making|make)\s+up\s+(?:(?:the|a|an|that|this|his|her|their)\s+)?"
    r"(?:story|stories|claims?|quotes?|facts|allegations?|accounts?|things)|"
    r"(?:made|makes|making|make)\s+(?:it|that|this|things|stories|the\s+story)\s+(?:all\s+)?up)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Proposition:
    """What one claim says, reduced for comparison."""

    claim: Claim
    words: frozenset[str]
    names: frozenset[str]
    sides: dict[str, int] = field(default_factory=dict)  # predicate class -> side, negation applied
    overall: int = 1  # -1 when the claim denies or calls the report false
    bare_negation: bool = False  # its overall side comes from a "not" somewhere in its words

    @property
    def positive(self) -> bool:
        return self.overall > 0 and all(side > 0 for side in self.sides.values())


def _stem(word: str) -> str:
    """A crude stem: "landed", "lands" and "landing" compare as "land"; "fired", "fire" and
    "fires" as "fir"; "jets" and "jet" as "jet"."""
    for ending, shortest in (("ing", 6), ("ed", 5), ("s", 4)):
        if word.endswith(ending) and len(word) >= shortest and not word.endswith("ss"):
            word = word[: -len(ending)]
            break
    if len(word) >= 4 and word.endswith("e"):
        word = word[:-1]  # "fire" / "fired", "release" / "released"
    return _SAME_THING.get(word, word)


# General nouns that name one thing in claims ("troops", "forces", "soldiers"), by stem.
_SAME_THING = {"troop": "soldier", "forc": "soldier", "servicemen": "soldier"}
# Subjects that stand for the speaker: "the manager said he had not resigned".
_SPEAKER_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i"})


def proposition_words(content: str) -> frozenset[str]:
    """The content words of a claim, crudely stemmed, for comparing propositions across pages."""
    return frozenset(
        _stem(word)
        for word in _WORD.findall(content.lower())
        if word not in _FILLER and len(word) >= 3
    )


def _names(content: str) -> frozenset[str]:
    names: set[str] = set()
    for match in _CAPITAL.finditer(content):
        words = [w for w in match.group(0).split() if w not in _NOT_NAMES]
        names.update(w.casefold() for w in words if len(w) > 1)
    return frozenset(names)


# What is risked, feared or aimed at has not happened: "raised the risk of mission failure",
# "maximizes mission success", "to avoid a collapse" take no side on failure, success, collapse.
_UNREAL = re.compile(
    r"\b(?:(?:risks?|chances?|threats?|dangers?|fears?|possibility|odds|likelihood|prospects?|"
    r"probability)\s+of|maximi[sz]\w*|minimi[sz]\w*|ensur\w*|avoid\w*|prevent\w*|"
    r"guarantee\w*)\s+(?:[a-z]+\s+){0,2}$"
)


def _unreal(content: str, start: int) -> bool:
    """The predicate at `start` is what a claim risks, fears or aims at, not what happened."""
    return bool(_UNREAL.search(content[max(0, start - 40) : start]))


def _negated(content: str, start: int) -> bool:
    """A negation cue among the few words before `start`, inside its clause."""
    before = content[max(0, start - 30) : start]
    before = re.split(r"[,;:.!?]|\b(?:and|but|while|although)\b", before)[-1]
    return bool(_NEGATION.search(before))


def read_proposition(claim: Claim) -> Proposition:
    """A claim's words, names and sides."""
    words, names, sides, overall, bare = _reading(claim.content, claim.stance, claim.speaker)
    return Proposition(claim, words, names, dict(sides), overall, bare)


@functools.lru_cache(maxsize=65536)
def _reading(
    content: str, stance: str, speaker: str | None
) -> tuple[frozenset[str], frozenset[str], tuple[tuple[str, int], ...], int, bool]:
    """What `read_proposition` reads of a claim, by its words alone: a link pass reads a
    story's claims for its own facts, then again for the propositions across stories."""
    sides: dict[str, int] = {}
    lower = content.lower()
    for name, side, pattern in PREDICATES:
        for match in pattern.finditer(lower):
            if _unreal(lower, match.start()):
                continue
            value = -side if _negated(lower, match.start()) else side
            sides.setdefault(name, value)  # the first predicate of a class speaks for it
    for side, pattern in _CHANGE:
        for match in pattern.finditer(lower):
            subject = _stem(match.group(1))
            if subject not in _FILLER and len(subject) >= 3:
                negated = _negated(lower, match.start(1)) or " not " in match.group(0)
                sides.setdefault(f"change:{subject}", -side if negated else side)
    negated = bool(_NEGATION.search(content))
    bare = False
    if stance == "deny" and negated:
        # "insisted the dam had not been damaged": the content carries the denial, once
        overall = 1 if sides else -1
    else:
        overall = -1 if stance == "deny" or _FALSITY.search(content) else 1
        bare = not sides and negated and overall > 0
        if not sides and negated:
            overall = -overall
    words = proposition_words(content)
    opening = [w for w in _WORD.findall(lower)[:2] if w != "that"][:1]
    if opening and opening[0] in _SPEAKER_PRONOUNS and speaker:
        words |= proposition_words(speaker)  # "he had not resigned": he is the speaker
    return words, _names(content), tuple(sides.items()), overall, bare


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _predicate_words(p: Proposition) -> frozenset[str]:
    return _predicate_words_of(p.claim.content)


@functools.lru_cache(maxsize=65536)
def _predicate_words_of(content: str) -> frozenset[str]:
    """The words of a claim's predicates (every class's matches): read once per wording, not
    once per pair of claims compared."""
    found: set[str] = set()
    lower = content.lower()
    for _, _, pattern in PREDICATES:
        for match in pattern.finditer(lower):
            found.update(proposition_words(match.group(0)))
    return frozenset(found)


def _speaker_words(p: Proposition) -> frozenset[str]:
    return _speaker_words_of(p.claim.speaker or "")


@functools.lru_cache(maxsize=65536)
def _speaker_words_of(speaker: str) -> frozenset[str]:
    return proposition_words(speaker)


# What a deployment sends: the words after its verb, up to a preposition, "to" or a clause
# mark; in the passive, the noun before it ("3,000 troops would be sent")
_SENT = re.compile(
    r"\b(?:sent|send\w*|deploy\w*|dispatch\w*|stationed)\s+((?:(?!to\b|into\b|in\b|for\b|"
    r"from\b|at\b|on\b|across\b|near\b|along\b|by\b|with\b|that\b)[\w’'.,-]+\s*){1,6})"
)
_SENT_PASSIVE = re.compile(
    r"\b([a-z]+)\s+(?:(?:had|has|have|would|will|could|may|might|must|to|not)\s+)*"
    r"(?:been|be|were|was|are|is|being)\s+(?:sent|deployed|dispatched|stationed)\b"
)
_SENT_HEADS = {"personnel": "soldier", "army": "soldier", "units": "soldier"}


def _sent_head(word: str) -> str:
    head = _stem(word)
    return _SENT_HEADS.get(head, head)


def _sent_things(content: str) -> frozenset[str]:
    """The head nouns of what a claim says was sent or deployed: "send military builders and
    deminers to Kursk" -> builder, deminer; "deployed 3,000 more troops" -> soldier. The word
    before "and", a comma or the phrase's end is a head; a number or a modifier is not."""
    lower = content.lower()
    heads: set[str] = set()
    for match in _SENT.finditer(lower):
        for part in re.split(r",\s|\band\b|\bor\b", match.group(1)):
            words = [w for w in _WORD.findall(part) if w not in _FILLER and len(w) >= 3]
            if words and words[-1] not in ("more", "extra", "additional", "some", "them"):
                heads.add(_sent_head(words[-1]))
    for match in _SENT_PASSIVE.finditer(lower):
        word = match.group(1)
        if word not in _FILLER and len(word) >= 3:
            heads.add(_sent_head(word))
    return frozenset(heads)


def other_things_sent(a: Proposition, b: Proposition) -> bool:
    """Two deployments of different things ("sent troops", "sent builders and deminers";
    "tanks", "fighter jets") are two propositions, whatever place and sender they share."""
    if "deploy" not in a.sides or "deploy" not in b.sides:
        return False
    sent_a, sent_b = _sent_things(a.claim.content), _sent_things(b.claim.content)
    return bool(sent_a and sent_b and not sent_a & sent_b)


def same_proposition(a: Proposition, b: Proposition) -> bool:
    """Paraphrases, or predicates of one class about the same named things.

    Two claims of one article share its subject and its names whatever they say, so there a
    shared name with some overlap is no sign: a paraphrase, or predicates of one class about
    the same things, join them. Deployments of different things never join."""
    if other_things_sent(a, b):
        return False
    overlap = _overlap(a.words, b.words)
    if overlap >= CLAIM_MATCH:
        return True
    same_article = a.claim.article_id == b.claim.article_id
    # the shorter says nothing the longer does not: "no more peace talks", "peace talks resume"
    shorter, longer = sorted((a.words, b.words), key=len)
    if (
        len(shorter) >= 2
        and len(longer) <= 2 * len(shorter) + 1  # not a phrase lost in a long quotation
        and len(shorter & longer) >= CONTAINED * len(shorter)
    ):
        return True
    # claims that each name what happened, and name different happenings ("sent troops", "the
    # soldiers died"), are two propositions however many names they share
    other_happenings = bool(a.sides and b.sides and not set(a.sides) & set(b.sides))
    if a.names & b.names and overlap >= NAMED_MATCH and not same_article and not other_happenings:
        return True
    if not set(a.sides) & set(b.sides):
        return False
    # one kind of happening and a name in common: one proposition when they also share some of
    # their words ("kicked Ukraine out of Kursk", "holding its ground in Kursk"), not a death
    # and a wild rabbit in one city
    if a.names & b.names and overlap >= NAMED_CLASS_MATCH:
        return True
    predicates = _predicate_words(a) | _predicate_words(b)
    # the two parties of one matter name each other: "the ministry said talks with the rebels
    # succeeded", "the rebels said talks with the ministry failed"
    speakers = _speaker_words(a), _speaker_words(b)
    shared = ((a.words | speakers[0]) & (b.words | speakers[1])) - predicates
    shared -= speakers[0] & speakers[1]
    # short claims ("the ceasefire was holding") have few words to share: all of the shorter's do
    fewest = min(len(a.words - predicates), len(b.words - predicates))
    return len(shared) >= min(SHARED_WORDS, max(1, fewest))


def relative_side(p: Proposition, reference: Proposition) -> int:
    """+1 when `p` takes the side of `reference`, -1 when it contradicts it."""
    common = [c for c in p.sides if c in reference.sides]
    if common:
        mine = p.sides[common[0]] * p.overall
        theirs = reference.sides[common[0]] * reference.overall
    else:
        mine, theirs = p.overall, reference.overall
        # a "not" somewhere in one claim's words ("scientists have not yet detected liquid
        # water, we've found the next best thing") denies the other only when it bears on
        # what the other says
        if (
            mine != theirs
            and (p.bare_negation or reference.bare_negation)
            and not (_negates_shared(p, reference) or _negates_shared(reference, p))
        ):
            return 1
    return 1 if mine == theirs else -1


COMMON_NAME_SHARE = 0.2  # a name more of a story's claims hold than this share is its setting
COMMON_NAME_MIN = 5  # ... and than this many: in a short story every name is news


def common_names(propositions: Sequence[Proposition]) -> frozenset[str]:
    """The names so many of a story's claims hold that sharing one says nothing: in a
    campaign's story "Trump" is in every other claim, and "Trump should deport Haley" and
    "Trump is blowing the pack away in Florida" are no one proposition for it."""
    counts: dict[str, int] = {}
    for p in propositions:
        for name in p.names:
            counts[name] = counts.get(name, 0) + 1
    bar = max(COMMON_NAME_MIN, COMMON_NAME_SHARE * len(propositions))
    return frozenset(name for name, n in counts.items() if n > bar)


def build_claim_facts(
    story_id: str,
    articles: Sequence[ArticleRef],
    claims: Iterable[Claim],
    origins: Mapping[str, str],
    built: dict[tuple[str, str], tuple[ClaimInputs, Fact | None]] | None = None,
) -> list[Fact]:
    """Facts for the propositions of one story that two sources state, or someone disputes.

    Claims are grouped greedily in publication order: a claim joins the first group most of
    whose claims it states the same proposition as. A proposition one source alone asserts is no
    cross-source fact and is left out. `built` keeps the fact of each group with what it was
    built from: a group whose claims, articles and origin groups are as they were is not
    built again (`StoryCache.propositions`).
    """
    by_id = {a.id: a for a in articles}
    ordered = sorted(
        (c for c in claims if c.article_id in by_id and not no_one(c.speaker)),
        key=lambda c: (by_id[c.article_id].published or "", c.article_id, c.start),
    )
    groups: list[list[Proposition]] = []
    # A claim's verdict against one seen reads only the two wordings and whether they are of
    # one article (`same_proposition`), and two claims state one proposition only when they
    # share a content word or a predicate class. So the wordings seen are filed by word and
    # class, and each group counts its members by wording and article: a claim is weighed
    # against the wordings sharing a feature with it, once each, not against every claim of
    # the story before it (a long story repeats its wire lines on every outlet).
    by_feature: dict[str, dict[_Wording, None]] = {}
    # wording -> group -> how many of the group's claims are of that wording, in all and by
    # article (a claim's verdict on one of its own article's claims may differ)
    tally: dict[_Wording, dict[int, tuple[list[int], dict[str, int]]]] = {}
    # wording -> one claim of it per article, the first two articles' first
    sample: dict[_Wording, dict[str, Proposition]] = {}
    first_two: dict[_Wording, list[Proposition]] = {}
    verdicts: dict[tuple[_Wording, _Wording, bool], bool] = {}

    def verdict_on(seen: _Wording, proposition: Proposition, same_article: bool) -> bool:
        key = (seen, _wording(proposition.claim), same_article)
        verdict = verdicts.get(key)
        if verdict is None:
            article = proposition.claim.article_id
            other = (
                sample[seen][article]
                if same_article
                else next(p for p in first_two[seen] if p.claim.article_id != article)
            )
            verdict = verdicts[key] = same_proposition(other, proposition)
        return verdict

    read = [
        (claim, read_proposition(claim))
        for claim in ordered
        if claim.form != "mention"  # "its losses", "the report": nothing to assert or deny
    ]
    common = common_names([proposition for _, proposition in read])
    for claim, proposition in read:
        if len(proposition.words) < 2:
            continue
        if proposition.names & common:
            proposition = replace(proposition, names=proposition.names - common)
        wording = _wording(claim)
        # a claim states a group's proposition when it states what most of its claims do;
        # one shared word at a time, a chain would join "sent soldiers", "sent deminers"
        # and "soldiers died" into one proposition
        near: dict[int, int] = {}  # group -> its claims this one states the proposition of
        for seen in _candidate_wordings(proposition, by_feature):
            for g, (total, per_article) in tally[seen].items():
                same = per_article.get(claim.article_id, 0)
                matched = near.get(g, 0)
                if same:
                    matched += same * verdict_on(seen, proposition, True)
                if total[0] > same:
                    matched += (total[0] - same) * verdict_on(seen, proposition, False)
                near[g] = matched
        chosen = None
        for g in sorted(near):
            group = groups[g]
            if (group[0].claim.form == "intention") != (claim.form == "intention"):
                # a call for something ("urged an end to the violence") and a statement of how
                # things are ("police cannot end the violence") neither agree nor disagree
                continue
            if 2 * near[g] > len(group):
                chosen = g
                break
        if chosen is None:
            chosen = len(groups)
            groups.append([])
        groups[chosen].append(proposition)
        if wording not in tally:
            for feature in _features(proposition):
                by_feature.setdefault(feature, {})[wording] = None
        total, per_article = tally.setdefault(wording, {}).setdefault(chosen, ([0], {}))
        total[0] += 1
        per_article[claim.article_id] = per_article.get(claim.article_id, 0) + 1
        samples = sample.setdefault(wording, {})
        if claim.article_id not in samples:
            samples[claim.article_id] = proposition
            if len(first_two.setdefault(wording, [])) < 2:
                first_two[wording].append(proposition)
    found: list[Fact] = []
    for group in groups:
        if built is None:
            fact = claim_fact(story_id, group, by_id, origins)
        else:
            inputs = (
                tuple(p.claim for p in group),
                tuple(by_id[p.claim.article_id] for p in group),
                tuple(origins.get(p.claim.article_id) for p in group),
            )
            key = (story_id, group[0].claim.id)
            kept = built.get(key)
            if kept is not None and kept[0] == inputs:
                fact = kept[1]
            else:
                fact = claim_fact(story_id, group, by_id, origins)
                built.pop(key, None)  # the latest built go last, the first trimmed
                built[key] = (inputs, fact)
        if fact is not None:
            found.append(fact)
    return found


# What one group's claim fact is built from: its claims, their articles, their origin groups.
ClaimInputs = tuple[tuple[Claim, ...], tuple[ArticleRef, ...], tuple[str | None, ...]]


# What `same_proposition` reads of a claim besides its article: content, stance, speaker.
_Wording = tuple[str, str, str | None]


def _wording(claim: Claim) -> _Wording:
    return (claim.content, claim.stance, claim.speaker)


def _features(p: Proposition) -> list[str]:
    """The keys a claim is filed under: its content words and its predicate classes."""
    return [*("w:" + w for w in p.words), *("c:" + c for c in p.sides)]


def _candidate_wordings(
    p: Proposition, by_feature: Mapping[str, Mapping[_Wording, None]]
) -> dict[_Wording, None]:
    """The wordings seen that share a content word or a predicate class with `p`: the only
    ones `same_proposition` can find stating what `p` states (every way it has of saying yes
    needs a shared word, or a class in common)."""
    found: dict[_Wording, None] = {}
    for feature in _features(p):
        found.update(by_feature.get(feature, {}))
    return found


def claim_fact(
    story_id: str,
    group: Sequence[Proposition],
    by_id: Mapping[str, ArticleRef],
    origins: Mapping[str, str],
    *,
    stories: Mapping[str, str] | None = None,
) -> Fact | None:
    """The fact of one group of claims stating one proposition, or None when it is no
    cross-source fact: one source alone, or one page's account that disputes nothing.
    `stories` maps article id to story for a group whose claims span stories."""
    reference = next((p for p in group if p.positive), group[0])
    statements = [
        _claim_statement(p, relative_side(p, reference), by_id[p.claim.article_id], origins)
        for p in group
    ]
    if stories is not None:
        for s in statements:
            s.story_id = stories.get(s.article_id)
    statements = _mark_superseded(_one_party(_one_source_per_speaker(statements)))
    sources = {s.source for s in statements}
    disputed = any(s.stance == "deny" for s in statements)
    if len(sources) < 2 and len({s.article_id for s in statements}) < 2 and not disputed:
        return None
    status = claim_status(statements)
    # one article's claims that agree are one page's account, whoever it quotes (a quote
    # cut in two, two officials saying one thing): no cross-source fact; a dispute it
    # reports is ("Russia says..., Ukraine answers...")
    if len({s.article_id for s in statements}) < 2 and (
        status not in ("contested", "superseded") or not _one_page_dispute(group, reference)
    ):
        return None
    first = group[0].claim
    story_ids = sorted({s.story_id for s in statements if s.story_id} or {story_id})
    return Fact(
        id="f" + hashlib.sha1(f"{story_id}|claim|{first.id}".encode()).hexdigest()[:15],
        story_id=story_id,
        kind="CLAIM",
        object=reference.claim.content,
        statements=statements,
        independent_sources=len(sources),
        status=status,
        history=sorted(statements, key=lambda s: (s.as_of or "", s.article_id)),
        outlets=sorted({s.outlet for s in statements if s.outlet}),
        story_ids=story_ids,
    )


def _one_party(statements: list[Statement]) -> list[Statement]:
    """A government speaks through its capital, its ministries and its state media: their
    statements count for one source, so its later word supersedes its earlier one ("North
    Korea's foreign ministry" denied in October what "Pyongyang" confirmed in April)."""
    parties: dict[str, str] = {}
    for s in sorted(statements, key=lambda s: (s.as_of or "", s.article_id)):
        party = party_of(s.speaker)
        if party is not None and s.source is not None:
            s.source = parties.setdefault(party, s.source)
    return statements


def _negates_shared(p: Proposition, other: Proposition) -> bool:
    """Whether a negation in `p` bears on what `other` says: the word right after it is one
    both claims hold ("have not withdrawn" against "have withdrawn"), not another predicate
    ("free speech does not protect people who make threats" against "make threats")."""
    lower = p.claim.content.lower()
    for cue in _NEGATION.finditer(lower):
        following = [w for w in _WORD.findall(lower[cue.end() :]) if w not in _FILLER]
        if following and _stem(following[0]) in other.words:
            return True
    return False


def _one_page_dispute(group: Sequence[Proposition], reference: Proposition) -> bool:
    """One page reports a dispute when a claim on it denies another outright (a denial, "fake",
    "groundless"), takes the other side of one predicate ("kicked Ukraine out" against "still
    holding its ground"), or negates the very words the other says. A page's claims that only
    share some words while one has a "not" somewhere are that page's account, not a dispute."""
    for p in group:
        if p is reference or relative_side(p, reference) > 0 or _nested(p.claim, reference.claim):
            continue
        # a predicate of one class on either side: a dispute when each claim states one thing
        # and both name the matter ("Russia has kicked Ukraine out of Kursk", "Ukraine holds
        # its ground in Kursk"); a content of several sentences states several, its class from
        # any of them ("Rubio is closing the gap" against a column's "no candidate will come
        # close to the delegates needed. Trump remains ..."), and two claims that share no
        # name ("they might vote for him", "not to vote for him") are one page's account
        one_each = not (_sentences(p.claim.content) or _sentences(reference.claim.content))
        if one_each and set(p.sides) & set(reference.sides) and p.names & reference.names:
            return True
        # a denial, or a "not" on a word the other says, disputes the other claim when it is
        # about what that one says: the words of one held by the other, not a few words
        # shared in one long account ("I did not post" against "people were forwarding my
        # posts")
        shorter, longer = sorted((p.words, reference.words), key=len)
        # (the longer at most about twice the shorter: not a phrase lost in a long quotation)
        contained = len(shorter & longer) >= CONTAINED * len(shorter)
        about = (contained and len(longer) <= 2 * len(shorter) + 1) or (
            _overlap(p.words, reference.words) >= CLAIM_MATCH
        )
        denies = p.claim.stance == "deny" or bool(_FALSITY.search(p.claim.content))
        negates = _negates_shared(p, reference) or _negates_shared(reference, p)
        # one quotation holding the other is one account, whatever "not" the rest of it says;
        # a denial that quotes the report it denies is the dispute itself
        texts = sorted((p.claim.content, reference.claim.content), key=len)
        quoted = _squeeze(texts[0]) in _squeeze(texts[1])
        if about and (denies or (negates and not quoted)):
            return True
    return False


# Subjects that say no one said it: "No one has disputed a word I said" is the speaker's own
# line, "Neither campaign responded" no statement.
_NO_ONE = frozenset({"no one", "no-one", "nobody", "none", "neither", "none of them", "nothing"})


def no_one(speaker: str | None) -> bool:
    """Whether a claim's speaker is a negative quantifier, which states nothing."""
    return " ".join((speaker or "").casefold().split()) in _NO_ONE


def _nested(a: Claim, b: Claim) -> bool:
    """Whether one claim's content overlaps the other's on one page while the wider of the two
    asserts: a claim within what its speaker says ("Trump called for trade deals ..., rejecting
    the elites' desire for ..."), one statement, not two sides of a dispute. A denial holding
    the claim it denies ("Alibaba denied claims in a post that said it misreported its sales")
    is the dispute itself."""
    if a.article_id != b.article_id or a.content_start is None or b.content_start is None:
        return False
    if a.content_end is None or b.content_end is None:
        return False
    if not (a.content_start < b.content_end and b.content_start < a.content_end):
        return False
    wider = max((a, b), key=lambda c: (c.content_end or 0) - (c.content_start or 0))
    return wider.stance != "deny"


_SENTENCE_END = re.compile(r"[.!?][\"”’']*\s+[\"“‘']*[A-Z]")


def _sentences(content: str) -> bool:
    """Whether a content runs over more than one sentence."""
    return bool(_SENTENCE_END.search(content))


def _squeeze(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _claim_statement(
    p: Proposition, side: int, article: ArticleRef, origins: Mapping[str, str]
) -> Statement:
    claim = p.claim
    # The stance is read against the fact's proposition: "still holding" denies "kicked out".
    stance: Stance = "deny" if side < 0 else ("assert" if claim.stance == "deny" else claim.stance)
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
        stance=stance,
        content=claim.content,
        source=statement_source(claim.speaker, claim.speaker_entity_id, claim.article_id, origins),
    )


def _speaker_key(speaker: str | None) -> str:
    text = " ".join((speaker or "").casefold().split())
    return re.sub(r"(?:'s|\u2019s|'|\u2019)$", "", re.sub(r"^(?:the|a|an)\s+", "", text))


def _one_source_per_speaker(statements: list[Statement]) -> list[Statement]:
    """One speaker written alike twice in one article is one source, even when only one of
    the two mentions resolved to an entity ("Schiff's" and "Schiff's")."""
    resolved: dict[tuple[str, str], str] = {}
    for s in statements:
        key = (s.article_id, _speaker_key(s.speaker))
        as_written = speaker_source(s.speaker, None)  # the source the words alone would give
        if key[1] and s.source and s.source != as_written and not s.source.startswith("origin:"):
            resolved.setdefault(key, s.source)  # the speaker's entity
    for s in statements:
        known = resolved.get((s.article_id, _speaker_key(s.speaker)))
        if known is not None:
            s.source = known
    return statements


def _denies(s: Statement) -> bool:
    return s.stance == "deny"


def _mark_superseded(statements: Sequence[Statement]) -> list[Statement]:
    """A source's word is superseded when the same source later took the other side."""
    # the latest word of each source on each side: a statement is superseded when its source's
    # latest word on the other side comes after it (read once, not for every pair)
    latest: dict[tuple[str | None, bool], tuple[str, str]] = {}
    for t in statements:
        key = (t.as_of or "", t.article_id)
        side = (t.source, _denies(t))
        if side not in latest or latest[side] < key:
            latest[side] = key
    out = []
    for s in statements:
        other = latest.get((s.source, not _denies(s)))
        s.superseded = other is not None and other > (s.as_of or "", s.article_id)
        out.append(s)
    return out


def claim_status(statements: Sequence[Statement]) -> FactStatus:
    """Contested when independent sources' current words take opposite sides; superseded when
    a source changed its side and now agrees; else corroborated by two sources or single."""
    current = [s for s in statements if not s.superseded]
    sides = {s.source: _denies(s) for s in current}
    if len(set(sides.values())) > 1:
        return "contested"
    if any(s.superseded for s in statements):
        return "superseded"
    supporting = {s.source for s in current if not _denies(s)}
    return "corroborated" if len(supporting) >= 2 else "single_source"


# -- propositions across stories ------------------------------------------------------------------
#
# The story clusterer cuts a long thread into several stories: a deployment denied in October
# and confirmed in April, a region "fully liberated" in one story and "fighting continues" in
# the next. A link pass looks up, for each claim of a rebuilt story that takes a side (a
# predicate of a class, a denial), the stored claims of other stories within
# `CLAIM_WINDOW_DAYS` whose content names one of its rarest entities, and joins the two into one
# claim fact when they state one proposition. The fact is held by the story of its latest
# statement and lists every story in `story_ids`.

CLAIM_WINDOW_DAYS = 270  # a denial and its confirmation can be months apart
CROSS_ENTITIES = 3  # a claim's rarest entities looked up in other stories
CROSS_LIMIT = 2000  # candidate claims read per link pass at most
CROSS_WORDS = 3  # content words a claim needs to state a proposition another story states
CROSS_UNNAMED_WORDS = 2  # ... of them beyond the words of its names
_CROSS_VERDICTS = 1_000_000  # verdicts of pairs of wordings a link call keeps at most


@dataclass(slots=True)
class _Group:
    """Claims of one story that state one proposition: a fact just built, a stored fact of
    another story, or a claim on its own."""

    story_id: str
    claims: list[str]
    row_id: str | None = None  # the stored fact it comes from
    built_id: str | None = None  # the fact of this pass it is
    dirty: bool = False  # a stored fact that lost statements: written again whatever happens


def _takes_side(p: Proposition) -> bool:
    return bool(p.sides) or p.overall < 0


def cross_match(a: Proposition, b: Proposition) -> bool:
    """Two claims of different stories state one proposition: a name in common, one
    proposition by `same_proposition`, and one predicate class, a denial, or a paraphrase; or
    one calls a report false whose words the other states ("reports of North Korean troops in
    Russia" are "fake news" against "it sent soldiers to help Russia")."""
    if not a.names & b.names or not (_takes_side(a) or _takes_side(b)):
        return False
    if min(len(a.words), len(b.words)) < CROSS_WORDS:
        return False  # "the Trump administration", denied by "which": no proposition to join
    # "to vote for Hillary Clinton": its overlap with a claim naming her is her name
    if min(len(a.words - _name_stems(a)), len(b.words - _name_stems(b))) < CROSS_UNNAMED_WORDS:
        return False
    if _denied_report_stated(a, b) or _denied_report_stated(b, a):
        return True
    if not same_proposition(a, b):
        return False
    if _overlap(a.words, b.words) >= CLAIM_MATCH:
        return True
    # Across stories a name is everywhere: "defeat Donald Trump in November" and "Trump is a
    # proven failure in business" share a predicate class and Trump and nothing else. Two
    # claims of other stories must share what they say of the name too ("the Kursk region").
    # and long claims share some word by chance: they must share a fair part of their words
    if not _shared_beyond_names(a, b) or _overlap(a.words, b.words) < NAMED_CLASS_MATCH:
        return False
    return bool(set(a.sides) & set(b.sides)) or a.overall < 0 or b.overall < 0


def _name_stems(p: Proposition) -> set[str]:
    """The stems of the words of the names a claim holds, as its `words` spell them."""
    return {_stem(w) for n in p.names for w in _WORD.findall(n)}


def _shared_beyond_names(a: Proposition, b: Proposition) -> bool:
    """Whether two claims share a content word that is neither one of their names nor a
    predicate word of its own ("defeat", "failure"): "the Kursk region", "troops"."""
    shared = (a.words & b.words) - _name_stems(a) - _name_stems(b)
    return any(not _predicate_word(w) for p in (a, b) for w in _raw_words(p, shared))


def _raw_words(p: Proposition, stems: frozenset[str] | set[str]) -> list[str]:
    return [w for w in _WORD.findall(p.claim.content.lower()) if _stem(w) in stems]


@functools.lru_cache(maxsize=4096)
def _predicate_word(word: str) -> bool:
    """A word that names a predicate class alone ("defeated", "killed", "failure")."""
    return any(pattern.fullmatch(word) for _, _, pattern in PREDICATES)


# The words a denial uses to name what it denies, and to deny it: not part of what is denied.
_REPORT_WORDS = frozenset(
    proposition_words(
        "report reports reported claim claims allegation allegations story stories news "
        "speculation suggestion suggestions fake false falsehood untrue baseless groundless "
        "fabrication fabricated lie lies nonsense rumour rumours rumor rumors myth myths "
        "disinformation misinformation hoax true"
    )
)


def _denied_report_stated(denial: Proposition, other: Proposition) -> bool:
    """`denial` denies or calls a report false, and `other` asserts at least two thirds of
    what it denies, a name among them."""
    if denial.overall > 0 or other.overall < 0:
        return False
    if denial.claim.stance != "deny" and not _FALSITY.search(denial.claim.content):
        # a bare "not" denies no report: "they could not support Clinton" against every
        # story's "Clinton is poised to become the nominee for president"
        return False
    said = _place_words(denial) - _REPORT_WORDS
    stated = _place_words(other) | proposition_words(_placed(other.claim.speaker or ""))
    shared = said & stated
    names = {_stem(w) for n in denial.names for w in _WORD.findall(_placed(n))}
    return len(said) >= 2 and 3 * len(shared) >= 2 * len(said) and bool(shared & names)


def _placed(text: str) -> str:
    """The text with the adjectives of places written as the places ("North Korean troops" ->
    "North Korea troops"), so that a claim naming the country and one naming its people's
    adjective share its words."""
    from newsgraph.link.agencies import place_adjectives

    for adjective, place in place_adjectives():
        if adjective in text:
            text = re.sub(rf"\b{re.escape(adjective)}\b", place, text)
    return text


def _place_words(p: Proposition) -> frozenset[str]:
    return proposition_words(_placed(p.claim.content))


def _content_span(claim: Claim) -> tuple[str, int, int]:
    """A claim and the span of its content, where the entities it names are read."""
    low = claim.content_start if claim.content_start is not None else claim.start
    high = claim.content_end if claim.content_end is not None else claim.end
    return (claim.id, low, high)


def _days_apart(a: str | None, b: str | None) -> int | None:
    # (called for each pair `join_claims` weighs: `_day` is imported once, with the module)
    da, db = _day(a), _day(b)
    return None if da is None or db is None else abs((da - db).days)


def join_claims(
    store: Store,
    built: Sequence[Fact],
    stories: Sequence[Story],
    origins: Mapping[str, str],
    cache: StoryCache | None = None,
) -> tuple[list[Fact], list[str]]:
    """The facts a link pass built for `stories`, with each claim that states one proposition
    with a claim of another story (within `CLAIM_WINDOW_DAYS`) joined to it in one fact; and
    the ids of stored facts of other stories those joined facts replace. `cache` holds what the
    call's earlier passes read of the stories' articles."""
    from newsgraph.link.facts import StoryCache
    from newsgraph.store.queries import claim_facts_of, claims_naming, entity_counts

    if cache is None:
        cache = StoryCache()
    rebuilt = {s.id for s in stories}
    story_of = {a: s.id for s in stories for a in s.article_ids}
    rebuilt_articles = frozenset(story_of)
    own = {
        c.id: c
        for c in cache.claims(store, story_of)
        if c.form != "mention" and not no_one(c.speaker)
    }
    # a claim that names nothing is looked up by nothing: its reading waits until its group
    # joins another (most claims of a pass never do)
    props = {cid: read_proposition(c) for cid, c in own.items() if _CAPITAL.search(c.content)}
    # every named claim looks: a denial stored in October finds its confirmation of April
    # when the confirmation's story is built, whichever of the two takes a side
    seekers = [p for p in props.values() if len(p.words) >= 2 and p.names]
    # facts held by the rebuilt stories hold claims of other stories: those go on without them
    held = claim_facts_of(store, sorted(rebuilt))
    orphans = [s for f in held for s in f.statements if s.story_id and s.story_id not in rebuilt]
    if not seekers and not orphans:
        return list(built), []
    refs: dict[str, ArticleRef] = {r.id: r for r in cache.article_refs(store, story_of)}
    # the entities each seeking claim's content names (kept from pass to pass: the mentions
    # of a stored article change only when an entity merge makes the cache forget it)
    entities_of: dict[str, set[str]] = {}
    by_article: dict[str, list[Proposition]] = {}
    for p in seekers:
        by_article.setdefault(p.claim.article_id, []).append(p)
    unread = sorted(
        a
        for a, ps in by_article.items()
        if any(_content_span(p.claim) not in cache.claim_entities.get(a, {}) for p in ps)
    )
    read: dict[str, dict[tuple[str, int, int], set[str]]] = {}
    for mention in cache.mentions_of(store, unread):
        for p in by_article[mention.article_id]:
            span = _content_span(p.claim)
            inside = read.setdefault(mention.article_id, {}).setdefault(span, set())
            if span[1] <= mention.start and mention.end <= span[2] and mention.entity_id:
                inside.add(mention.entity_id)
    for a in unread:
        known = cache.claim_entities.setdefault(a, {})
        for p in by_article[a]:
            known[_content_span(p.claim)] = frozenset(
                read.get(a, {}).get(_content_span(p.claim), ())
            )
    for p in seekers:
        named = cache.claim_entities[p.claim.article_id][_content_span(p.claim)]
        if named:
            entities_of[p.claim.id] = set(named)
    counts = entity_counts(store, sorted({e for es in entities_of.values() for e in es}))
    looked_up = {
        cid: sorted(es, key=lambda e: (counts.get(e, 0), e))[:CROSS_ENTITIES]
        for cid, es in entities_of.items()
    }
    wanted = {e for es in looked_up.values() for e in es}
    dates = [d for p in seekers if (d := refs[p.claim.article_id].published)]
    candidates = []
    if wanted and dates:
        first, last = min(filter(None, map(_day, dates))), max(filter(None, map(_day, dates)))
        window = timedelta(days=CLAIM_WINDOW_DAYS)
        candidates = claims_naming(
            store,
            sorted(wanted),
            since=(first - window).isoformat(),
            until=(last + window).isoformat() + "~",
            outside=sorted(rebuilt),
            limit=CROSS_LIMIT,
        )
    claims_by_id: dict[str, Claim] = dict(own)
    candidates = [found for found in candidates if not no_one(found.claim.speaker)]
    for found in candidates:
        claims_by_id[found.claim.id] = found.claim
        story_of[found.claim.article_id] = found.story_id
        refs[found.claim.article_id] = ArticleRef(
            found.claim.article_id, found.outlet, found.published
        )
    # the groups: this pass's facts, its claims on their own, other stories' stored facts
    groups: list[_Group] = []
    grouped: dict[str, int] = {}

    def add(group: _Group) -> None:
        for cid in group.claims:
            grouped.setdefault(cid, len(groups))
        groups.append(group)

    for fact in built:
        if fact.kind == "CLAIM" and fact.story_id in rebuilt:
            ids = [s.claim_id for s in fact.statements if s.claim_id in own]
            add(_Group(fact.story_id, ids, built_id=fact.id))
    other_stories = sorted({f.story_id for f in candidates} - rebuilt)
    stored = claim_facts_of(store, other_stories)
    more_articles = {
        s.article_id
        for f in (*stored, *held)
        for s in f.statements
        if s.claim_id not in claims_by_id and (s.story_id or f.story_id) not in rebuilt
    }
    if more_articles:
        for ref in cache.article_refs(store, more_articles):
            refs[ref.id] = ref
        for claim in cache.claims(store, more_articles):
            claims_by_id.setdefault(claim.id, claim)
    for fact in stored:
        keep = [s for s in fact.statements if s.article_id not in rebuilt_articles]
        for s in keep:
            story_of.setdefault(s.article_id, s.story_id or fact.story_id or "")
        ids = [s.claim_id for s in keep if s.claim_id in claims_by_id]
        add(
            _Group(fact.story_id or "", ids, row_id=fact.id, dirty=len(keep) < len(fact.statements))
        )
    by_story: dict[str, list[str]] = {}
    for s in orphans:
        if s.claim_id in claims_by_id and s.claim_id not in grouped:
            story_of.setdefault(s.article_id, s.story_id or "")
            by_story.setdefault(s.story_id or "", []).append(s.claim_id or "")
    for story, ids in sorted(by_story.items()):
        add(_Group(story, ids, dirty=True))
    for cid, claim in claims_by_id.items():
        if cid not in grouped and claim.article_id in story_of:
            add(_Group(story_of[claim.article_id], [cid]))
    for found in candidates:
        if found.claim.id not in props and found.claim.form != "mention":
            props[found.claim.id] = read_proposition(found.claim)
    # join the groups of two stories whose claims state one proposition
    leader = list(range(len(groups)))

    def find(i: int) -> int:
        while leader[i] != i:
            leader[i] = leader[leader[i]]
            i = leader[i]
        return i

    # claims meet by an entity their contents name: this pass's claims of different stories
    # (a pass can build the denial's story and the confirmation's), and theirs with the stored
    buckets: dict[str, list[Proposition]] = {}
    for p in seekers:
        for entity in looked_up.get(p.claim.id, ()):
            buckets.setdefault(entity, []).append(p)
    for found in candidates:
        if found.claim.id in props:
            buckets.setdefault(found.entity_id, []).append(props[found.claim.id])
    # (which groups end up joined does not depend on the order pairs are tried in: a pair
    # already in one component needs no verdict, and a verdict reads only the two wordings,
    # kept for the call's later passes, which meet the rebuilt stories' old claims again)
    verdicts = cache.cross_verdicts
    if len(verdicts) > _CROSS_VERDICTS:
        verdicts.clear()

    def agree(p: Proposition, q: Proposition) -> bool:
        if p is q or p.claim.id == q.claim.id:
            return True
        key = (_wording(p.claim), _wording(q.claim))
        verdict = verdicts.get(key)
        if verdict is None:
            verdict = verdicts[key] = cross_match(p, q)
        return verdict

    # A component's reference is the first claim of its first group: a claim joins the
    # component of another story only when it states the proposition of that reference too,
    # not only of one member; link by link, "Trump should deport Haley", "Trump leads in
    # Florida", "the Republican nominee" ... chained 53 claims of 40 stories into one fact.
    references: dict[int, Proposition | None] = {}

    def reference(root: int) -> Proposition | None:
        if root not in references:
            first = next((c for c in groups[root].claims if c in claims_by_id), None)
            references[root] = (
                None if first is None else props.get(first) or read_proposition(claims_by_id[first])
            )
        return references[root]

    def states(p: Proposition, root: int) -> bool:
        found = reference(root)
        return found is None or agree(p, found)

    tried: set[tuple[str, str]] = set()
    for bucket in buckets.values():
        of_story: dict[str, list[Proposition]] = {}
        for q in bucket:
            of_story.setdefault(story_of[q.claim.article_id], []).append(q)
        if len(of_story) < 2:
            continue  # one story's claims: its own facts join them
        for p in bucket:
            if p.claim.id not in own:
                continue  # two stored claims met when the later of them was built
            mine = story_of[p.claim.article_id]
            published = refs[p.claim.article_id].published
            for story, others in of_story.items():
                if story == mine:
                    continue
                for q in others:
                    pair = (
                        (p.claim.id, q.claim.id)
                        if p.claim.id < q.claim.id
                        else (q.claim.id, p.claim.id)
                    )
                    if pair in tried:
                        continue
                    tried.add(pair)
                    gi, gj = find(grouped[p.claim.id]), find(grouped[q.claim.id])
                    if gi == gj:
                        continue
                    apart = _days_apart(published, refs[q.claim.article_id].published)
                    if apart is None or apart > CLAIM_WINDOW_DAYS:
                        continue
                    if agree(p, q) and states(p, gj) and states(q, gi):
                        leader[gj] = gi
    components: dict[int, list[_Group]] = {}
    for i, group in enumerate(groups):
        components.setdefault(find(i), []).append(group)
    dropped: set[str] = set()
    out: list[Fact] = []
    replaced: set[str] = set()
    for members in components.values():
        if len(members) == 1 and not members[0].dirty:
            continue
        dropped.update(g.built_id for g in members if g.built_id)
        replaced.update(g.row_id for g in members if g.row_id)
        for c in (c for g in members for c in g.claims):
            if c not in props and c in claims_by_id and claims_by_id[c].form != "mention":
                props[c] = read_proposition(claims_by_id[c])
        ordered = sorted(
            (props[c] for g in members for c in g.claims if c in props),
            key=lambda p: (
                refs[p.claim.article_id].published or "",
                p.claim.article_id,
                p.claim.start,
            ),
        )
        if not ordered:
            continue
        holder = story_of[ordered[-1].claim.article_id]
        joint = claim_fact(holder, ordered, refs, origins, stories=story_of)
        if joint is not None:
            out.append(joint)
    result = [f for f in built if f.id not in dropped]
    taken = {f.id for f in result}
    result.extend(f for f in out if f.id not in taken)
    return result, sorted(replaced)
