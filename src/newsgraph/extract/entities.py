"""Entity mentions from spaCy NER, corrected and made canonical within one article.

Names lose possessives and a leading "the", never span a newline, take SPEC's types, follow the
gazetteer, and merge in-article aliases: a surname with the full name ("Kim" / "Kim Jong Un"),
an acronym with its expansion ("KCNA" / "Korean Central News Agency"), transliteration
variants through `name_key` ("Zelenskiy" / "Zelensky" / "Zelenskyy").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

from newsgraph.extract.gazetteer import (
    COMPASS_COUNTERPARTS,
    DEMONYMS,
    DESCRIPTIONS,
    GAZETTEER,
    GIVEN_NAME_COUNTRIES,
    PLACE_HEADS,
    PLACE_HEADS_PLURAL,
    PLACE_OF,
)
from newsgraph.records import Mention, entity_id

TYPE_MAP: dict[str, str] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "NORP": "NORP",
    "FAC": "FAC",
    "EVENT": "EVENT",
    "PRODUCT": "OTHER",
    "WORK_OF_ART": "OTHER",
    "LAW": "OTHER",
    "LANGUAGE": "OTHER",
}
TITLES = frozenset(
    {
        "president",
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "rep",
        "rep.",
        "sen",
        "sen.",
        "gen",
        "gen.",
        "general",
        "captain",
        "capt",
        "capt.",
        "mayor",
        "minister",
        "secretary",
        "chancellor",
        "premier",
        "king",
        "queen",
        "prince",
        "lt",
        "lt.",
        "col",
        "col.",
        "maj",
        "maj.",
        "sgt",
        "sgt.",
        "comrade",
        "respected",
        "dictator",
        "tyrant",
        "leader",
        "prime",
        "spokesman",
        "spokeswoman",
        "governor",
        "ambassador",
        "major",
        "lieutenant",
        "colonel",
        "sir",
        "lord",
        "lady",
        "pope",
        "chairman",
        "deputy",
        "senator",
        "representative",
        "judge",
        "justice",
        "professor",
        "prof",
        "prof.",
    }
)
POSSESSIVES = ("'s", "’s", "'", "’", "'S", "’S")
# country -> its nationality adjective, for descriptions a country owns
ADJECTIVE_OF = {country: adjective for adjective, country in DEMONYMS.items()}
COMPASS = frozenset({"north", "south", "east", "west"})
CONNECTORS = frozenset({"of", "the", "and", "for", "&", "de", "on", "in"})
_TRANSLIT = [(re.compile(r"(iy|yy|ii|yi)\b"), "y"), (re.compile(r"[-‐‑]"), " ")]


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Normalisation key: case, accents, punctuation, possessive and transliteration folded.

    "Zelenskiy", "Zelensky" and "Zelenskyy" share one key, as do "U.S." and "US".
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("’", "'")
    for suffix in ("'s", "'"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    if text.startswith("the "):
        text = text[4:]
    text = text.replace(".", "")
    for pattern, repl in _TRANSLIT:
        text = pattern.sub(repl, text)
    text = re.sub(r"[^\w\s]", "", text)
    return " ".join(text.split())


@functools.lru_cache(maxsize=1)
def gazetteer_index() -> dict[str, tuple[str, str]]:
    """name_key -> (canonical name, type) for every gazetteer name and alias."""
    index: dict[str, tuple[str, str]] = {}
    for canonical, type_, aliases in GAZETTEER:
        for alias in (canonical, *aliases):
            index[name_key(alias)] = (canonical, type_)
    # every country a nationality adjective names is a place ("Vietnam's Communist Party")
    for country in DEMONYMS.values():
        if country not in GIVEN_NAME_COUNTRIES:
            index.setdefault(name_key(country), (country, "GPE"))
    return index


@functools.lru_cache(maxsize=1)
def _acronym_keys() -> frozenset[str]:
    """Keys that only an acronym alias gives ("who" from "WHO", "us" from "US"), none of them
    a full name's key as well."""
    acronyms: set[str] = set()
    names: set[str] = set()
    for canonical, _type, aliases in GAZETTEER:
        for alias in (canonical, *aliases):
            letters = [ch for ch in alias if ch.isalpha()]
            (acronyms if letters and all(ch.isupper() for ch in letters) else names).add(
                name_key(alias)
            )
    return frozenset(acronyms - names)


def _acronym_read_as_word(text: str, key: str) -> bool:
    """Whether `text` is an ordinary word that an acronym's key happens to spell: "who" is no
    WHO and "Us" no US. An acronym is written in capitals ("WHO", "U.S.", or "Nato" in the
    British style); a word in lower case, or an English function word not in capitals, is a word."""
    if key not in _acronym_keys():
        return False
    letters = [ch for ch in text if ch.isalpha()]
    if not any(ch.isupper() for ch in letters):
        return True
    return not all(ch.isupper() for ch in letters) and key in STOP_WORDS


def lookup_name(text: str) -> tuple[str, str] | None:
    """The gazetteer's (canonical, type) for a name, with descriptions like "South Korea's spy
    agency" included; None when unknown."""
    key = name_key(text)
    found = gazetteer_index().get(key)
    if found and not _acronym_read_as_word(text, key):
        return found
    plain = text.replace("’", "'")
    if "'s " in plain:
        owner, _, head = plain.partition("'s ")
        canon = DESCRIPTIONS.get((name_key(owner), name_key(head)))
    elif " of " in plain:
        head, _, owner = plain.rpartition(" of ")
        canon = DESCRIPTIONS.get((name_key(owner), name_key(head)))
    else:
        canon = DESCRIPTIONS.get(("", key))
    if canon is None and "'s " in plain:
        # "South Korea's Joint Chiefs of Staff": a country's own body, named in full
        owner, _, head = plain.partition("'s ")
        known_owner = gazetteer_index().get(name_key(owner))
        known_head = gazetteer_index().get(name_key(head))
        if known_owner and known_owner[1] == "GPE" and known_head and known_head[1] == "ORG":
            return known_head
    if canon is None:
        canon = _demonym_description(plain)
    if canon:
        return gazetteer_index().get(name_key(canon), (canon, "ORG"))
    return None


def _demonym_description(text: str) -> str | None:
    """A description whose possessor is its nationality adjective: "the South Korean spy
    agency" is South Korea's spy agency, "North Korean state media" North Korea's."""
    words = text.split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    rest = " ".join(words)
    for adjective in sorted(DEMONYMS, key=len, reverse=True):
        if rest.startswith(adjective + " "):
            head = rest[len(adjective) + 1 :]
            return DESCRIPTIONS.get((name_key(DEMONYMS[adjective]), name_key(head)))
    return None


@dataclass(slots=True)
class EntityIndex:
    """The article's mentions and how to find the one covering a token."""

    mentions: list[Mention] = field(default_factory=list)
    by_token: dict[int, Mention] = field(default_factory=dict)

    def at(self, token_i: int) -> Mention | None:
        return self.by_token.get(token_i)


def _trim(span: Span) -> list[Span]:
    """Pieces of an entity span without "the", possessives, titles kept, or newlines inside."""
    pieces: list[Span] = []
    start = span.start
    doc = span.doc
    for tok in span:
        if "\n" in tok.whitespace_ or "\n" in tok.text:
            pieces.append(doc[start : tok.i + (0 if "\n" in tok.text else 1)])
            start = tok.i + 1
        elif tok.text in ("-", "--", "—", "–", "|", ":") and tok.whitespace_ and tok.i > span.start:
            pieces.append(doc[start : tok.i])
            start = tok.i + 1
        elif (
            tok.text in POSSESSIVES
            and span.start < tok.i < span.end - 1
            and doc[tok.i + 1].text[:1].isupper()
        ):
            # "Cleveland's Public Auditorium", "NPR's Feng": the owner and what it owns are
            # two names; "'s Hoa Lo" (the owner left outside the span) keeps the second.
            # "Russia's defence ministry" is one name: what follows is a description.
            pieces.append(doc[start : tok.i])
            start = tok.i + 1
    pieces.append(doc[start : span.end])
    out: list[Span] = []
    for piece in pieces:
        s, e = piece.start, piece.end
        while s < e and (
            doc[s].lower_ in ("the", "a", "an") or doc[s].is_punct or doc[s].text in POSSESSIVES
        ):
            s += 1
        while e > s and (doc[e - 1].text in POSSESSIVES or doc[e - 1].is_punct):
            e -= 1
        if e > s:
            out.append(doc[s:e])
    return out


def _strip_possessive(text: str) -> str:
    for suffix in POSSESSIVES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)]
    return text


def _person_core(span: Span) -> str:
    """A person's name without leading titles ("President Volodymyr Zelenskiy" -> the name)."""
    words = [t.text for t in span]
    while len(words) > 1 and words[0].casefold() in TITLES:
        words = words[1:]
    return _strip_possessive(" ".join(words))


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.casefold() not in CONNECTORS and w[:1].isupper())


def _acronym_pairs(doc: Doc) -> dict[str, str]:
    """Acronyms defined in the text: "Korean Central News Agency (KCNA)" -> {"KCNA": long}."""
    pairs: dict[str, str] = {}
    for tok in doc:
        if tok.text != "(" or tok.i + 2 >= len(doc) or doc[tok.i + 2].text != ")":
            continue
        acro = doc[tok.i + 1].text
        if not (2 <= len(acro) <= 8 and acro.isupper() and acro.isalpha()):
            continue
        words: list[str] = []
        j = tok.i - 1
        while (
            j >= 0
            and len(words) < 10
            and (doc[j].text[:1].isupper() or doc[j].lower_ in CONNECTORS)
        ):
            words.insert(0, doc[j].text)
            if _initials(" ".join(words)) == acro and doc[j].text[:1].isupper():
                pairs[acro] = " ".join(words)
                break
            j -= 1
    return pairs


def _owner_of(span: Span) -> str | None:
    """The name a possessive puts before the span ("Russia" in "Russia's defence ministry"),
    if the model found it as a place or an organisation; else None."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].text not in POSSESSIVES:
        return None
    owner = doc[span.start - 2]
    if owner.ent_type_ not in ("GPE", "ORG", "NORP", "LOC"):
        return None
    start = owner.i
    while start > 0 and doc[start].ent_iob_ == "I":  # back to the name's first word
        start -= 1
    return doc[start : owner.i + 1].text


def _proper(span: Span) -> bool:
    """Whether the span reads as a name: a proper noun in it, or written in capitals (an
    acronym the tagger took for a common noun: "DACA")."""
    return any(t.tag_ in ("NNP", "NNPS") for t in span) or span.text.isupper()


DATELINE_AFTER = frozenset({",", "—", "–", "-", "--", "("})


def _dateline(span: Span) -> bool:
    """A name in capitals that opens a paragraph, then a comma, dash or parenthesis: the
    dateline of a dispatch ("SIOUX FALLS, S.D. (AP) —")."""
    doc = span.doc
    if not (span.text.isupper() and sum(ch.isalpha() for ch in span.text) >= 3):
        return False
    if span.end >= len(doc) or doc[span.end].text not in DATELINE_AFTER:
        return False
    before = doc[span.start - 1] if span.start else None
    return before is None or "\n" in before.text or "\n" in before.whitespace_


def _modifies_noun(span: Span) -> bool:
    """A nationality word used as an adjective ("North Korean soldiers", "American Kevin
    King"), not as the noun for a person ("an American and an Australian")."""
    last = span.doc[span.end - 1]
    return last.head.i > last.i and last.head.pos_ in ("NOUN", "PROPN")


LOCATIVES = frozenset({"in", "near", "outside", "around", "across", "into", "inside"})


def _after_locative(span: Span) -> bool:
    """A name right after "in", "near", "outside"...: where something is or happens."""
    return span.start > 0 and span.doc[span.start - 1].lower_ in LOCATIVES


def _place_head(span: Span) -> str | None:
    """The word that makes a name a place: "region" in "the Kursk region" or "Kursk region",
    "of" in "the town of Sudzha"; None when no word around the name does. The model's guess
    (a product, a person) yields to these words."""
    doc = span.doc
    last = doc[span.end - 1].lower_
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if after in PLACE_HEADS:
        return after
    if len(span) > 1 and last in PLACE_HEADS:
        return last
    # one of a list of places: "Barry, Berrien, Cass and Van Buren counties"
    first = doc[span.end - 1]
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    if (
        first.dep_ in ("compound", "nmod", "amod")
        and first.head.i > first.i
        and first.head.lower_ in PLACE_HEADS_PLURAL
    ):
        return first.head.lower_
    if (
        span.start >= 2
        and doc[span.start - 1].lower_ == "of"
        and doc[span.start - 2].lower_ in PLACE_OF
    ):
        return "of"
    return None


def _compass_mentions(doc: Doc, raw: list[tuple[Span, str, str]]) -> list[tuple[Span, str, str]]:
    """ "the North fired missiles", "the South said": the short form of the one place the
    article names with that word ("North Korea"), where the model tagged no entity there;
    `_merge_aliases` then reads it as that place."""
    places = {
        name.split()[0].lower()
        for _, type_, name in raw
        if type_ in ("GPE", "LOC") and len(name.split()) > 1
    }
    places |= {key for key, name in COMPASS_COUNTERPARTS if any(n == name for _, _, n in raw)}
    taken = {i for span, _, _ in raw for i in range(span.start, span.end)}
    out: list[tuple[Span, str, str]] = []
    for tok in doc:
        word = tok.text
        if word not in ("North", "South") or word.lower() not in places or tok.i in taken:
            continue
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if tok.i == 0 or doc[tok.i - 1].lower_ != "the":
            continue
        if after is not None and (after.pos_ == "PROPN" or after.text[:1].isupper()):
            continue  # "the North Atlantic", "the South China Sea": a longer name
        out.append((doc[tok.i : tok.i + 1], "GPE", word))
    return out


def find_mentions(doc: Doc, article_id: str) -> EntityIndex:
    """Every named entity mention in `doc` with its canonical in-article name and SPEC type."""
    raw: list[tuple[Span, str, str]] = []  # span, type, name before merging
    for ent in doc.ents:
        type_ = TYPE_MAP.get(ent.label_)
        if type_ is None:
            continue
        for piece in _trim(ent):
            text = piece.text
            name = _person_core(piece) if type_ == "PERSON" else _strip_possessive(text)
            if not any(ch.isalpha() for ch in name):
                continue
            described = False
            if not any(ch.isupper() for ch in name):
                owner = _owner_of(piece)
                if owner is None or type_ != "ORG":
                    continue  # a name has capitals: "pale and gaunt", "air sacs" name nobody
                # "Russia's defence ministry": a description its owner makes a name of, the
                # "Russian defence ministry" (a country's adjective where it has one)
                adjective = ADJECTIVE_OF.get(owner)
                name = f"{adjective} {name}" if adjective else f"{owner}'s {name}"
                described = True
            known = lookup_name(name)
            if (
                known is None
                and not described
                and type_ != "NORP"
                and name not in DEMONYMS
                and not _proper(piece)
            ):
                continue  # "Challenges include...", "econobox", "½": no proper noun in it
            if known is None and type_ != "PERSON":
                core = _person_core(piece)
                known = lookup_name(core) if core != name else None
            if known is not None:
                name, type_ = known
            elif _dateline(piece):
                # "SIOUX FALLS, S.D. (AP) —": where the report was filed, whatever the guess
                name, type_ = name.title(), "GPE"
            elif type_ != "PERSON" and name in DEMONYMS and _modifies_noun(piece):
                # "North Korean soldiers", "the Ukrainians": the country, not a NORP of its own
                name, type_ = DEMONYMS[name], "GPE"
            elif type_ in ("OTHER", "PERSON", "ORG", "NORP", "GPE", "LOC") and (
                head := _place_head(piece)
            ):
                # "the Kursk region", "the Kursk area", "Kursk": one place, named bare
                type_ = "GPE" if type_ not in ("GPE", "LOC") else type_
                words = name.split()
                if len(words) > 1 and words[-1].lower() == head:
                    name = " ".join(words[:-1])
            elif ent.label_ == "PRODUCT" and _after_locative(piece):
                type_ = "GPE"  # "fighting in Kursk": things are not where fighting happens
            raw.append((piece, type_, name))
    raw.extend(_compass_mentions(doc, raw))
    acronyms = _acronym_pairs(doc)
    canon = _merge_aliases(raw, acronyms)
    index = EntityIndex()
    for span, type_, name in raw:
        final_name, final_type = canon.get(name_key(name), (name, type_))
        mention = Mention(
            article_id=article_id,
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            name=final_name,
            type=final_type,  # type: ignore[arg-type]
            entity_id=entity_id(final_name, final_type),
        )
        index.mentions.append(mention)
        for tok in span:
            index.by_token[tok.i] = mention
    return index


def _merge_aliases(
    raw: list[tuple[Span, str, str]], acronyms: dict[str, str]
) -> dict[str, tuple[str, str]]:
    """name_key -> (canonical name, type) after merging surnames, acronyms and variants."""
    gaz = gazetteer_index()
    names: dict[str, tuple[str, str]] = {}
    votes: dict[str, Counter[str]] = {}
    for _, type_, name in raw:
        key = name_key(name)
        votes.setdefault(key, Counter())[type_] += 1
        if key not in names or len(name) > len(names[key][0]):
            names[key] = (name, type_)
    # One name, one type in an article: the model's guess on each mention is a vote ("Schiff"
    # a PERSON four times and a LOC once is a PERSON); a tie keeps the fullest mention's type.
    for key, (name, type_) in names.items():
        counts = votes[key].most_common()
        if counts[0][1] > votes[key][type_]:
            names[key] = (name, counts[0][0])
    # A two- or three-word name whose last word is a person's surname elsewhere in the
    # article is that person ("Mason Rudolph" taken for an ORG, "Rudolph" a PERSON).
    surnames = {key for key, (_, type_) in names.items() if type_ == "PERSON" and " " not in key}
    for key, (name, type_) in list(names.items()):
        words = key.split()
        if (
            type_ in ("ORG", "OTHER")
            and key not in gaz
            and 2 <= len(words) <= 3
            and words[-1] in surnames
            and all(w[:1].isupper() for w in name.split())
        ):
            names[key] = (name, "PERSON")
    out: dict[str, tuple[str, str]] = dict(names)
    # "the South" in an article that names South Korea and no other South place is South Korea
    # ("the North" likewise): the short form a report uses once the country has been named.
    for key in COMPASS.intersection(names):
        places = {
            names[other]
            for other in names
            if other.startswith(key + " ") and names[other][1] in ("GPE", "LOC")
        }
        if len(places) == 1:
            out[key] = places.pop()
        elif not places and names[key][1] in ("GPE", "LOC"):
            counterparts = {
                COMPASS_COUNTERPARTS[(key, name)]
                for name, _ in names.values()
                if (key, name) in COMPASS_COUNTERPARTS
            }
            if len(counterparts) == 1:
                country = counterparts.pop()
                out[key] = gaz.get(name_key(country), (country, "GPE"))
    # Acronyms defined in the text, and expansions whose initials spell another mention.
    for acro, long in acronyms.items():
        target = gaz.get(name_key(long)) or gaz.get(name_key(acro)) or (long, "ORG")
        out[name_key(acro)] = target
        out[name_key(long)] = target
    long_by_initials = {
        _initials(name): (name, type_)
        for name, type_ in names.values()
        if len(name.split()) >= 2 and type_ in ("ORG", "GPE", "LOC", "FAC", "OTHER")
    }
    for key, (name, _) in names.items():
        if name.isupper() and 2 <= len(name) <= 8 and name in long_by_initials:
            long_name, long_type = long_by_initials[name]
            target = gaz.get(name_key(long_name)) or gaz.get(key) or (long_name, long_type)
            out[key] = target
            out[name_key(long_name)] = target
    # Single-word names that are the first or last word of a fuller person name.
    persons = [(n, t) for n, t in names.values() if t == "PERSON" and len(n.split()) >= 2]
    for key, (_, type_) in names.items():
        if " " in key or type_ not in ("PERSON", "ORG", "GPE", "LOC", "NORP", "OTHER"):
            continue
        if key in gaz and gaz[key][1] != "PERSON":
            continue
        for full, _ in persons:
            words = name_key(full).split()
            if key in (words[0], words[-1]):
                out[key] = out.get(name_key(full), (full, "PERSON"))
                break
    return out
