"""Events — actor, action, target, place, when — from the words that name a happening.

An event is one mention of a happening, as ECB+ marks them: a content verb ("checked into",
"died", "acquire") or a noun that names a happening ("earthquake", "decision", "shooting", a
named EVENT such as "the Oscars"). Its span is the trigger itself (the verb with its particle,
the noun with its compounds), so that linking can merge the mentions of one happening across
reports into an incident. Besides the nouns listed, a noun names a happening when its commonest
WordNet sense is an act, event, phenomenon or process (event_nouns.json, rebuilt by `python -m
newsgraph.extract.build_event_nouns`), or when it is made from a verb of WordNet's verb index
(which the pipeline's rule lemmatizer carries): a gerund ("speeding", "slaying") or a
nominalisation ("appearance", "arrival"). So does a participle stated of someone ("we are
thrilled"), a named entity whose head names a happening ("the Academy Awards"), and a name
the text says is hosted or attended, in its every mention ("will host the Oscars"). Words the
tagger misread are read again: a "noun" that heads a clause with a subject or an auxiliary
before it is a verb ("to single-handedly host"), and a headline's verb or happening inside a
name read too long is one ("Apple Acquires AuthenTec").
A verb whose lemma is in `ACTIONS` gets that action, any other trigger
`OTHER`. The place is a GPE/LOC/FAC mention under a place preposition, the time a resolved DATE
attached to the trigger. An event inside a claim's content links to that claim. Light verbs
("have", "seem") are not events.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Token

from newsgraph.extract.entities import EntityIndex
from newsgraph.extract.event_words import EVENT_NOUNS

ACTIONS: dict[str, str] = {
    "deploy": "DEPLOY",
    "send": "DEPLOY",
    "dispatch": "DEPLOY",
    "station": "DEPLOY",
    "attack": "ATTACK",
    "strike": "ATTACK",
    "shell": "ATTACK",
    "bomb": "ATTACK",
    "fire": "ATTACK",
    "invade": "ATTACK",
    "launch": "ATTACK",
    "hit": "ATTACK",
    "destroy": "ATTACK",
    "kill": "KILL",
    "execute": "KILL",
    "capture": "CAPTURE",
    "seize": "CAPTURE",
    "detain": "CAPTURE",
    "meet": "MEET",
    "visit": "MEET",
    "host": "MEET",
    "agree": "AGREE",
    "sign": "AGREE",
    "approve": "AGREE",
    "supply": "SUPPLY",
    "ship": "SUPPLY",
    "deliver": "SUPPLY",
    "provide": "SUPPLY",
    "confirm": "CONFIRM",
    "acknowledge": "CONFIRM",
    "deny": "DENY",
    "dismiss": "DENY",
    "reject": "DENY",
    "criticize": "CRITICIZE",
    "criticise": "CRITICIZE",
    "condemn": "CRITICIZE",
    "denounce": "CRITICIZE",
    "accuse": "CRITICIZE",
    "withdraw": "WITHDRAW",
    "retreat": "WITHDRAW",
    "pull": "WITHDRAW",
    "retake": "RETAKE",
    "murder": "KILL",
    "shoot": "ATTACK",
    "arrest": "CAPTURE",
    "kidnap": "CAPTURE",
    "abduct": "CAPTURE",
    "retook": "RETAKE",
    "retaken": "RETAKE",
    "recapture": "RETAKE",
    "liberate": "RETAKE",
    "reclaim": "RETAKE",
}
PLACE_PREPS = frozenset({"in", "to", "near", "at", "from", "into", "inside", "outside"})
# Verbs that only carry another word's meaning: no happening of their own. (Saying is a
# happening: "said" is an event, and the claim it reports links to it.)
NOT_EVENTS = frozenset(
    """be have do get let want need try can could will would may might must shall should use
    include mean seem appear become remain keep begin start continue""".split()  # noqa: SIM905
)
# Verbs that lend their noun object the happening ("caught fire", "made an offer", "held
# talks", "opened fire"): the verb and its noun are one trigger, the noun's.
LIGHT_VERBS = frozenset(
    "make take give have hold catch open stage conduct carry pay do get launch".split()  # noqa: SIM905
)
# Adjectives that state what happened to someone ("declared dead", "left injured").
EVENT_STATES = frozenset(["dead", "injured", "wounded", "missing", "hurt"])
# Heads of the names of happenings that recur ("the Academy Awards", "the World Cup").
EVENT_NAME_HEADS = frozenset(
    """award awards games olympics cup championship championships conference summit festival
    expo convention tournament playoffs playoff election elections marathon""".split()  # noqa: SIM905
)
_NOMINAL = ("tion", "sion", "ment")
# Endings that make a noun of a verb, and what the verb's base may end in instead
# ("appearance" <- "appear", "arrival" <- "arrive", "departure" <- "depart").
_DERIVED = (("ance", ("", "e")), ("ence", ("", "e")), ("al", ("", "e")), ("ure", ("", "e")))
# Gerunds that name a thing or a time of day rather than a happening.
_NOT_GERUNDS = frozenset(
    "building ceiling clothing evening morning thing offering feeling setting wedding".split()  # noqa: SIM905
)
# Nouns that WordNet files first as an act or an event, or that are made from a verb, but that
# name a measure, a field or a quality of what is done rather than one occurrence: "for the
# first time", "the result", "energy", "health care", "research", "the work".
_NOT_HAPPENINGS = frozenset(
    """time result energy responsibility use growth production management research activity
    practice process service development support care impact work""".split()  # noqa: SIM905
)
_NOT_NOMINAL = frozenset(
    [
        "nation",
        "station",
        "position",
        "population",
        "question",
        "information",
        "government",
        "department",
        "apartment",
        "moment",
        "comment",
        "statement",
        "element",
        "environment",
        "equipment",
        "section",
        "mention",
        "portion",
        "option",
        "caption",
        "tradition",
        "condition",
        "region",
        "relation",
    ]
)


@dataclass(slots=True)
class Frame:
    start: int
    end: int
    verb_i: int
    actor: str | None
    action: str
    target: str | None
    place: str | None
    when_i: int | None


def _name(tok: Token, entities: EntityIndex) -> str:
    mention = entities.at(tok.i)
    if mention is not None:
        return mention.entity_id or mention.name
    # the phrase up to its head: "two North Korean soldiers", not the relative clause after it
    return tok.doc[tok.left_edge.i : tok.i + 1].text if tok.n_lefts < 4 else tok.text


@functools.lru_cache(maxsize=1)
def happening_nouns() -> frozenset[str]:
    """Nouns whose commonest WordNet sense is an act, event, phenomenon or process, as
    `build_event_nouns` wrote them to event_nouns.json."""
    path = Path(__file__).with_name("event_nouns.json")
    return frozenset(json.loads(path.read_text(encoding="utf-8"))["words"])


@functools.lru_cache(maxsize=1)
def verb_lemmas() -> frozenset[str]:
    """The verbs of WordNet's index as the configured pipeline's rule lemmatizer holds them
    (its `lemma_index` table; the pipeline is loaded once per process and is the one stage A
    parses with); empty for a pipeline without one, so that the rules reading it never fire."""
    from newsgraph.config import Settings
    from newsgraph.errors import NewsgraphError
    from newsgraph.extract.nlp import load_pipeline

    try:
        nlp = load_pipeline(Settings().model)
    except NewsgraphError:
        return frozenset()
    for name in nlp.pipe_names:
        component = nlp.get_pipe(name)
        lookups = getattr(getattr(component, "lemmatizer", component), "lookups", None)
        if lookups is not None and lookups.has_table("lemma_index"):
            table = lookups.get_table("lemma_index")
            if "verb" in table:
                return frozenset(table["verb"])
    return frozenset()


def _verb_base(word: str, endings: Sequence[tuple[str, Sequence[str]]]) -> str | None:
    """The verb `word` is made from by one of `endings`, if WordNet knows it as a verb."""
    verbs = verb_lemmas()
    for ending, replacements in endings:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            for replacement in replacements:
                if stem + replacement in verbs:
                    return stem + replacement
            doubled = len(stem) > 3 and stem[-1] == stem[-2]
            if ending in ("ing", "ed") and doubled and stem[:-1] in verbs:
                return stem[:-1]  # "slipping" <- "slip", "planned" <- "plan"
    return None


_GERUND = (("ing", ("", "e")),)
_PARTICIPLE = (("ed", ("", "e")), ("ied", ("y",)))


# Endings of nouns made from an action verb, with what the verb ends in instead: "deployment",
# "invasion", "execution", "liberation", "seizure", "withdrawal", "denial", "delivery".
_ACTION_NOUNS = (
    ("ment", ("",)),
    ("ation", ("ate", "", "e")),
    ("tion", ("te", "")),
    ("sion", ("de",)),
    ("ion", ("",)),
    ("ure", ("e",)),
    ("ial", ("y",)),
    ("al", ("", "e")),
    ("ery", ("er",)),
    ("ing", ("", "e")),
)


# Nouns whose happening is not their verb's: a fire burns, a launch shows a product, a host is
# a person, a ship a vessel.
_OTHER_AS_NOUNS = frozenset(["fire", "launch", "host", "ship", "station", "pull", "supply"])


@functools.lru_cache(maxsize=20_000)
def _noun_action(lemma: str) -> str:
    """The action of a noun trigger: its own ("attack", "arrest") or its verb's ("invasion")."""
    if lemma in _OTHER_AS_NOUNS:
        return "OTHER"
    if lemma in ACTIONS:
        return ACTIONS[lemma]
    base = _verb_base(lemma, _ACTION_NOUNS)
    return ACTIONS.get(base, "OTHER") if base else "OTHER"


def _is_named_event(tok: Token, entities: EntityIndex) -> bool:
    mention = entities.at(tok.i)
    if (mention is not None and mention.type == "EVENT") or tok.ent_type_ == "EVENT":
        return True
    if tok.ent_type_ in _NOT_NAMED_EVENTS:
        return False
    # the head of the name: its last word ("Academy Awards"), singular or plural, written as a
    # name ("the World Cup"; "½ cup" is a measure)
    words = mention.text.split() if mention is not None else [tok.text]
    if not words or not words[-1][:1].isupper():
        return False
    word = words[-1].lower()
    return word in EVENT_NAME_HEADS or (word.endswith("s") and word[:-1] in EVENT_NAME_HEADS)


# Entity types that name no happening: people, places, times and amounts.
_NOT_NAMED_EVENTS = frozenset(
    """PERSON GPE LOC NORP FAC DATE TIME QUANTITY CARDINAL MONEY PERCENT ORDINAL""".split()  # noqa: SIM905
)


def _is_event_noun(tok: Token, entities: EntityIndex) -> bool:
    if tok.pos_ == "ADJ":
        if tok.lower_ in EVENT_STATES:
            return True
        # a participle stated of someone: "we are thrilled", "she was excited"
        return tok.dep_ == "acomp" and _verb_base(tok.lower_, _PARTICIPLE) is not None
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    mention = entities.at(tok.i)
    if mention is not None or tok.ent_type_:
        return _is_named_event(tok, entities)
    lemma = tok.lemma_.lower()
    if lemma in EVENT_NOUNS or tok.lower_ in EVENT_NOUNS:
        return True
    if tok.pos_ == "PROPN":
        # a title-cased headline word: "Academy Awards" (a "cup" in lower case is a measure)
        return not tok.is_lower and tok.lower_ in EVENT_NAME_HEADS
    if lemma in _NOT_HAPPENINGS:
        return False
    return lemma in happening_nouns() or _is_derived_noun(lemma)


@functools.lru_cache(maxsize=50_000)
def _is_derived_noun(lemma: str) -> bool:
    """A gerund or nominalisation of a verb: "speeding", "decision", "appearance"."""
    if lemma.endswith("ing"):
        return lemma not in _NOT_GERUNDS and _verb_base(lemma, _GERUND) is not None
    if lemma in _NOT_NOMINAL:
        return False
    if len(lemma) >= 8 and lemma.endswith(_NOMINAL):
        return True
    return _verb_base(lemma, _DERIVED) is not None


def _fires_a_person(tok: Token, entities: EntityIndex) -> bool:
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            mention = entities.at(child.i)
            if (mention is not None and mention.type == "PERSON") or child.lower_ in (
                "him",
                "her",
                "them",
            ):
                return True
    return False


def _headline_verb(tok: Token, lines: _Lines) -> str | None:
    """The action of a title-cased word the tagger took for a name ("Lohan Checks Into Rehab"):
    a known action verb, or a word with a verb's ending before a particle, or one that names no
    entity."""
    if not tok.is_title:
        return None
    lower = tok.lower_
    named = tok.ent_type_ in ("PERSON", "GPE", "ORG", "LOC", "NORP", "FAC")
    following = tok.doc[tok.i + 1].lower_ if tok.i + 1 < len(tok.doc) else ""
    if lower.endswith(("s", "ed")) and following in _HEADLINE_NEXT:
        base = lower[:-2] if lower.endswith("ed") else lower[:-1]
        return ACTIONS.get(base, "OTHER")
    if named:
        return None
    for suffix in ("s", "es", "ed", "d"):
        if lower.endswith(suffix) and lower[: -len(suffix)] in ACTIONS:
            return ACTIONS[lower[: -len(suffix)]]
    if lower.endswith(("ed", "es")):
        return "OTHER"
    if tok.ent_type_ or not lines.headline(tok.i):
        return None
    # a word of a headline that names no entity, written as a name: a verb of WordNet's
    # ("Meet", "Erupt", "Host") or a happening noun ("Rehab", "Investigation", "Gunfire")
    verbs = verb_lemmas()
    base = lower[:-1] if lower.endswith("s") and lower[:-1] in verbs else lower
    if base in verbs or lower in EVENT_NOUNS or lower in happening_nouns():
        return ACTIONS.get(base, "OTHER")
    return None


# Words that follow a headline verb ("Checks Into", "Dies At", "Wins Over").
_HEADLINE_NEXT = frozenset(
    ["into", "in", "at", "out", "up", "down", "over", "for", "to", "as", "after", "off"]
)


def _trigger_span(tok: Token) -> tuple[int, int]:
    """The trigger's characters: a verb with its particle ("checked into"), a noun with the
    compounds before it ("injured reserve")."""
    first = last = tok
    if tok.pos_ == "VERB":
        for child in tok.rights:
            if child.dep_ == "prt" and child.i <= tok.i + 3:
                last = child
    else:
        # the modifiers just before the noun, inside its phrase ("6.1-magnitude quake")
        doc = tok.doc
        while (
            first.i - 1 >= tok.left_edge.i
            and doc[first.i - 1].dep_ not in ("det", "poss", "case", "predet", "cc")
            and doc[first.i - 1].pos_ not in ("DET", "PRON", "ADP")
        ):
            first = doc[first.i - 1]
        # a figure before the noun that the tokenizer cut at its point ("6 . 1 - magnitude
        # quake"), whose pieces the parser may hang elsewhere
        while True:
            if first.i >= 2 and _joins_figure(doc[first.i - 1], doc[first.i - 2], first):
                first = doc[first.i - 2]
            elif (
                first.i >= 1
                and first.i != tok.i
                and not first.like_num
                and doc[first.i - 1].like_num
                and doc[first.i - 1].ent_type_ not in ("DATE", "TIME", "MONEY")
            ):
                first = doc[first.i - 1]  # "6 . 1 magnitude quake": "1" hung elsewhere
            else:
                break
        if first.i >= 2 and first.like_num and doc[first.i - 1].text == "-":
            first = doc[first.i - 1]  # "magnitude - 6 . 1 quake"
        if first.i >= 1 and (first.like_num or first.text == "-"):
            scale = doc[first.i - 1]
            if scale.pos_ == "NOUN" and scale.is_alpha:
                first = scale  # the scale the figure is read on: "magnitude 6 . 1"
    return first.idx, last.idx + len(last.text)


def _joins_figure(mark: Token, before: Token, after: Token) -> bool:
    """Whether `before mark after` is one figure: "6 . 1", "1 - magnitude", "4.6 - magnitude"."""
    if mark.text not in (".", "-", ",") or not before.like_num:
        return False
    return after.like_num or (mark.text == "-" and after.is_alpha)


# Verbs whose object is a happening when it is a name: one hosts or attends the Oscars, a
# summit, a conference.
_HOSTING = frozenset("host co-host cohost emcee attend boycott".split())  # noqa: SIM905
# Relations of a word that heads a clause: a "noun" in one with a subject or an auxiliary is
# a verb the tagger missed ("Ellen DeGeneres will host", "the plane bombs").
_CLAUSE_HEADS = frozenset(["ROOT", "ccomp", "relcl", "advcl", "xcomp", "parataxis", "conj"])


def _hosted_names(doc: Doc) -> frozenset[str]:
    """Names that a text says are hosted or attended: their every mention in it names a
    happening ("to host the Oscars" ... "the Oscars drew 40 million viewers")."""
    found: set[str] = set()
    for tok in doc:
        if (
            tok.dep_ == "dobj"
            and tok.pos_ == "PROPN"
            and tok.head.lemma_.lower() in _HOSTING
            and tok.ent_type_ not in ("PERSON", "GPE", "NORP", "LOC")
        ):
            found.add(_name_key(tok.text))
    return frozenset(found)


def _name_key(word: str) -> str:
    """A name's word, case and a plural's "s" set aside: "Oscars", "Oscar" and "OSCARS"."""
    word = word.lower()
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


_NOUN_MODIFIERS = frozenset(["det", "poss", "amod", "compound", "nummod", "predet"])


def _verbal_noun(tok: Token) -> str | None:
    """The verb a word tagged as a noun is when it heads a clause of its own, with a subject
    or an auxiliary before it ("Crystal will host", "the bomber bombs"): a verb of WordNet's index."""
    if tok.pos_ != "NOUN" or tok.dep_ not in _CLAUSE_HEADS:
        return None
    if tok.dep_ == "conj" and tok.head.pos_ != "VERB":
        return None
    # a noun takes no direct object: "to have Ellen DeGeneres host the Oscars" (its subject
    # read as the "noun"'s compound)
    has_object = any(c.dep_ == "dobj" for c in tok.rights)
    if not has_object and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.lefts
    ):
        return None
    # a word with a determiner, a possessor or an adjective is a noun after all ("its most
    # innovative new feature", "these piercing screams")
    modifiers = _NOUN_MODIFIERS - {"compound"} if has_object else _NOUN_MODIFIERS
    if any(c.dep_ in modifiers for c in tok.children):
        return None
    lower = tok.lower_
    verbs = verb_lemmas()
    for base in (lower, lower[:-1], lower[:-2], lower[:-1] + "e" if lower.endswith("d") else ""):
        if base and base in verbs and base not in NOT_EVENTS and base not in LIGHT_VERBS:
            return base
    return None


_NOUN_ROLES = frozenset(["nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr", "conj"])


def _headline_name_word(tok: Token, lines: _Lines) -> str | None:
    """A word of a headline inside a name the tagger read too long ("Apple Acquires
    AuthenTec"): a verb's -s or -ed form, or a noun of a happening, that is neither the name's
    first word nor its last."""
    if not tok.is_title or tok.ent_iob_ != "I" or not lines.headline(tok.i):
        return None
    # inside the name, not its last word: a team's or a place's name ends in a plural that a
    # verb may spell ("the New Orleans Saints", "Colorado Springs")
    if tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].ent_iob_ != "I":
        return None
    lower = tok.lower_
    verbs = verb_lemmas()
    # a verb's form read as a name's word heads no noun's role ("Leads The New Orleans Saints")
    as_noun = tok.dep_ in _NOUN_ROLES
    for suffix, repl in (
        () if as_noun else (("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""))
    ):
        base = lower[: -len(suffix)] + repl
        if lower.endswith(suffix) and len(base) >= 3 and base in verbs and base not in NOT_EVENTS:
            return ACTIONS.get(base, "OTHER")
    if lower in EVENT_NOUNS or lower in happening_nouns():
        return "OTHER"
    return None


def find_frames(doc: Doc, entities: EntityIndex) -> list[Frame]:
    """One frame per trigger: an action verb with an actor or a target, any other content verb,
    or a noun that names a happening."""
    frames: list[Frame] = []
    seen: set[int] = set()
    lent: dict[int, Token] = {}  # a light verb's noun object -> the verb
    dates: list[tuple[int, int, int]] | None = None  # read once, when a trigger needs one
    lines = _Lines(doc)
    hosted = _hosted_names(doc)
    text = doc.text  # built anew at each read
    for tok in doc:
        lemma = tok.lemma_.lower()
        word_only = False  # the trigger is this word alone, whatever its phrase
        if tok.pos_ in ("VERB", "AUX") and lemma in LIGHT_VERBS:
            noun = _lent_noun(tok, entities)
            if noun is not None:
                lent[noun.i] = tok
                continue
        if tok.pos_ == "NOUN" and (verbal := _verbal_noun(tok)) is not None:
            action = ACTIONS.get(verbal, "OTHER")
            word_only = True
        elif hosted and tok.pos_ in ("PROPN", "NOUN") and _name_key(tok.text) in hosted:
            mention = entities.at(tok.i)
            if mention is not None and (mention.start in seen):
                continue
            if mention is not None:
                seen.add(mention.start)
            action = "OTHER"
        elif tok.pos_ == "PROPN" and (named := _headline_name_word(tok, lines)) is not None:
            action = named
            word_only = True
        elif tok.pos_ == "VERB":
            # irregular forms the lemmatizer may miss ("retook") are listed as they are written
            known = ACTIONS.get(lemma) or ACTIONS.get(tok.lower_)
            if known is None:
                if lemma in NOT_EVENTS or tok.lower_ in NOT_EVENTS or not tok.is_alpha:
                    continue
                known = "OTHER"
            elif lemma == "fire" and _fires_a_person(tok, entities):
                known = "OTHER"  # "the 76ers fired their coach": a dismissal, no attack
            action = known
        elif tok.pos_ == "PROPN" and (headline := _headline_verb(tok, lines)) is not None:
            action = headline or "OTHER"
        elif _is_event_noun(tok, entities):
            mention = entities.at(tok.i)
            if mention is not None and (mention.start in seen):
                continue  # one event for a multi-word EVENT name
            if mention is not None:
                seen.add(mention.start)
            action = "OTHER" if mention is not None else _noun_action(lemma)
        else:
            continue
        if _instruction(tok, lines):
            continue
        actor = target = place = None
        when_i = None
        for child in tok.children:
            if child.dep_ == "nsubj":
                actor = _name(child, entities)
            elif child.dep_ == "agent":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                actor = _name(pobj, entities) if pobj is not None else actor
            elif child.dep_ in ("dobj", "nsubjpass"):
                target = _name(child, entities)
            elif child.dep_ == "poss" and tok.pos_ != "VERB":
                actor = _name(child, entities)
            elif child.dep_ == "prep":
                for pobj in child.children:
                    mention = entities.at(pobj.i)
                    if pobj.ent_type_ == "DATE":
                        when_i = pobj.i
                    elif (
                        child.lower_ in PLACE_PREPS
                        and mention is not None
                        and mention.type in ("GPE", "LOC", "FAC")
                    ):
                        place = mention.entity_id or mention.name
            elif child.ent_type_ == "DATE" and child.dep_ in ("npadvmod", "tmod"):
                when_i = child.i
        if when_i is None:
            if dates is None:
                dates = _dates(doc, lines)
            when_i = _clause_date(tok, dates, lines)
        verb = lent.get(tok.i)
        if verb is not None:
            # the light verb's subject is the noun's actor: "the Red Sox made an offer"
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                actor = _name(subject, entities)
        if word_only:
            start, end = tok.idx, tok.idx + len(tok.text)
        elif tok.pos_ != "VERB" and (mention := entities.at(tok.i)) is not None:
            start, end = mention.start, mention.end
        else:
            start, end = _trigger_span(tok)
        if verb is not None:
            start = min(start, verb.idx)
        if start > 0 and text[start - 1] == "#":
            start -= 1  # a hashtag: "#Oscars"
        frames.append(Frame(start, end, tok.i, actor, action, target, place, when_i))
    return frames


# Relations that open a clause of its own: reported speech ("said on Monday that ...") and
# a line set beside another keep their own dates.
_CLAUSE_OPENERS = frozenset({"ROOT", "ccomp", "parataxis"})


def _clause_root(tok: Token) -> Token:
    for _ in range(12):
        if tok.dep_ in _CLAUSE_OPENERS or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok


def _dates(doc: Doc, lines: _Lines) -> list[tuple[int, int, int]]:
    """The DATE names of a text: (sentence start, root token, clause root token)."""
    found = []
    for ent in doc.ents:
        if ent.label_ == "DATE":
            root = ent.root
            found.append((lines.start(root.i), root.i, _clause_root(root).i))
    return found


def _clause_date(tok: Token, dates: list[tuple[int, int, int]], lines: _Lines) -> int | None:
    """The date of the clause a trigger sits in, when none is stated on the trigger itself
    ("In the 14th century the Black Death spread across Europe, killing up to 60 percent";
    "there were 3,248 cases between 2010 and 2015, with 584 deaths"): the nearest date of
    the sentence under the same clause root."""
    if not dates:
        return None
    sentence = lines.start(tok.i)
    near = [d for d in dates if d[0] == sentence]
    if not near:
        return None
    root = _clause_root(tok).i
    near = [d for d in near if d[2] == root]
    return min(near, key=lambda d: abs(d[1] - tok.i))[1] if near else None


# Words that address the reader: "you eat", "your workout" tell what one does, not what
# happened.
_READER = frozenset({"you", "your", "yours", "yourself"})


class _Lines:
    """The sentences of a text, read once and only when a rule asks: where each starts, and
    whether it is written as a headline (most of its words capitalised)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._starts: list[int] | None = None
        self._headlines: dict[int, bool] = {}

    def start(self, i: int) -> int:
        if self._starts is None:
            self._starts = [0] * len(self.doc)
            for sent in self.doc.sents:
                self._starts[sent.start : sent.end] = [sent.start] * (sent.end - sent.start)
        return self._starts[i]

    def headline(self, i: int) -> bool:
        start = self.start(i)
        found = self._headlines.get(start)
        if found is None:
            end = start
            while end < len(self.doc) and self.start(end) == start:
                end += 1
            words = [t for t in self.doc[start:end] if t.is_alpha and len(t) > 3]
            found = len(words) >= 2 and sum(not t.is_lower for t in words) * 3 > len(words) * 2
            self._headlines[start] = found
        return found


def _instruction(tok: Token, lines: _Lines) -> bool:
    """Whether a word tells the reader what to do rather than what happened: an imperative
    ("Eat every 2-3 hours"), a verb whose subject is the reader ("you burn more"), a noun of
    the reader's ("your workout")."""
    if tok.pos_ == "VERB":
        if (
            tok.tag_ == "VB"
            and tok.dep_ == "ROOT"
            and (tok.i == 0 or not tok.doc[tok.i - 1].is_alpha or lines.start(tok.i) == tok.i)
            and not lines.headline(tok.i)
            and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children)
        ):
            return True
        return any(c.dep_ == "nsubj" and c.lower_ in _READER for c in tok.children)
    if tok.pos_ == "NOUN":
        return any(c.dep_ == "poss" and c.lower_ in _READER for c in tok.children)
    return False


def _lent_noun(verb: Token, entities: EntityIndex) -> Token | None:
    """The noun object a light verb lends itself to ("caught fire", "made a huge offer"), if
    the noun names a happening and follows the verb closely."""
    for child in verb.rights:
        close = child.dep_ == "dobj" and child.i - verb.i <= 4 and child.pos_ == "NOUN"
        if close and _is_event_noun(child, entities):
            return child
    return None
