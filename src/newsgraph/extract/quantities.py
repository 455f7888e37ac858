"""Quantities: the numbers a text states about its story, normalised, qualified and typed.

One left-to-right pass over the tokens finds number runs ("about 1,500", "£3.2m", "between
8,000 and 10,000"); exclusion rules drop years, dates, clock times, ages, ordinals, durations,
labels, scores, model names and determiners; the parse gives the counted noun and the
governing verb, which set `kind` and `object`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.extract.cues import (
    DURATION_NOUNS,
    FORCE_NOUNS,
    GROUP_NOUNS,
    KIND_NOUNS,
    KIND_VERBS,
    LABEL_WORDS,
    MATERIEL_NOUNS,
    MEASURE_NOUNS,
    MOVE_VERBS,
    QUALIFIERS,
    REPORTING_VERBS,
    TOLL_NOUNS,
    VAGUE_WORDS,
)
from newsgraph.extract.docindex import sentence_of, text_of
from newsgraph.extract.numbers import (
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    GROUP_WORDS,
    SCALES,
    UNITS,
    is_year,
    parse_number,
)
from newsgraph.extract.timex import MONTHS

PERCENT_WORDS = frozenset({"%", "percent", "per", "pc"})
SCALE_SUFFIXES = ("k", "m", "bn", "b", "mn", "tn")
DETERMINERS = frozenset(
    {"the", "these", "those", "its", "their", "his", "her", "our", "both", "my"}
)
PRESENCE_VERBS = frozenset(
    {
        "be",
        "remain",
        "stay",
        "fight",
        "serve",
        "operate",
        "number",
        "total",
        "include",
        "train",
    }
)
RELEASE_VERBS = frozenset(
    {
        "swap",
        "exchange",
        "release",
        "return",
        "free",
        "repatriate",
        "hand",
        "trade",
    }
)
TOLL_VERBS = frozenset(
    {
        "rise",
        "reach",
        "climb",
        "stand",
        "hit",
        "increase",
        "be",
        "estimate",
        "exceed",
        "top",
        "surpass",
        "jump",
        "grow",
    }
)


@dataclass(slots=True)
class NumberPhrase:
    """A number found in the text, before it is typed and attributed."""

    start_i: int  # first token, qualifier included
    end_i: int  # one past the last token
    root_i: int  # the number's syntactic head within the run
    value: float | None
    low: float | None
    high: float | None
    approx: str
    unit: str | None
    percent: bool = False
    kind: str = "OTHER"
    object_span: tuple[int, int] | None = None
    noun_i: int | None = None  # the counted noun, when there is one
    verb_i: int | None = None  # the governing verb


def _is_numberish(tok: Token) -> bool:
    low = tok.lower_
    if tok.like_num and any(ch.isdigit() for ch in low):
        return parse_number(low) is not None
    if low in UNITS or low in SCALES or low in GROUP_WORDS:
        return True
    if low[:1].isdigit() and low.rstrip("kmbnt") != low and parse_number(low) is not None:
        return True
    return "-" in low and parse_number(low) is not None and not low.startswith("-")


def _run_end(doc: Doc, i: int) -> int:
    """One past the last token of the number run starting at i."""
    j = i + 1
    n = len(doc)
    while j < n:
        tok = doc[j]
        prev = doc[j - 1]
        if (
            (
                _is_numberish(tok)
                and not (
                    prev.like_num
                    and tok.like_num
                    and prev.whitespace_
                    and tok.lower_ not in SCALES
                    and tok.lower_ not in GROUP_WORDS
                    and any(c.isdigit() for c in tok.text)
                )
            )
            or (
                tok.text == "-"
                and not prev.whitespace_
                and j + 1 < n
                and not tok.whitespace_
                and (
                    doc[j + 1].lower_ in SCALES
                    or doc[j + 1].lower_ in GROUP_WORDS
                    or doc[j + 1].lower_ in UNITS
                    or "-" in doc[j + 1].text
                )
            )
            or (
                tok.lower_ == "and"
                and prev.lower_ in ("hundred", "thousand")
                and j + 1 < n
                and (doc[j + 1].lower_ in UNITS)
            )
        ):
            j += 1
        else:
            break
    return j


def _qualifier(doc: Doc, start: int) -> tuple[int, str]:
    """(new start, approx) from the words before a number."""
    best = (start, "exact")
    for length in (3, 2, 1):
        if start - length < 0:
            continue
        words = tuple(t.lower_ for t in doc[start - length : start])
        if words in QUALIFIERS:
            return start - length, QUALIFIERS[words]
    return best


def _root(doc: Doc, start: int, end: int) -> Token:
    for k in range(start, end):
        if not (start <= doc[k].head.i < end) or doc[k].head.i == k:
            return doc[k]
    return doc[end - 1]


def _excluded(doc: Doc, start: int, end: int, value: float, currency: bool) -> bool:
    """Whether the number run [start, end) is a year, date, time, age, label, score, etc."""
    first, last = doc[start], doc[end - 1]
    text = text_of(doc)[first.idx : last.idx + len(last.text)]
    prev = doc[start - 1] if start > 0 else None
    nxt = doc[end] if end < len(doc) else None
    low = text.lower()
    if ":" in text or low == "one" or low in SCALES or (low in GROUP_WORDS and start == 0):
        return True
    if not currency and is_year(text):
        return True
    before = prev.text if prev is not None else ""
    after = nxt.text if nxt is not None else ""
    if "|" in (before, after):
        return True  # a table cell
    if (before, after) in (("(", ")"), ("[", "]")) and not currency:
        return True  # a citation or footnote marker: "(6)", "[2]"
    if after == "." and sentence_of(first).start == start and text.isdigit():
        return True  # a list number: "3. Instead of ..."
    if (
        prev is not None
        and prev.lower_ in DETERMINERS
        and not any(c.isdigit() for c in text)
        and (nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ"))
    ):
        return True  # "the two were on the ground": a pronoun, not a count
    if prev is not None:
        p = prev.lower_.rstrip(".")
        if p in MONTHS and value <= 31:
            return True
        if prev.lower_ in LABEL_WORDS or prev.lower_ in VAGUE_WORDS:
            return True
        if (
            prev.text in ("-", "–")
            and not prev.whitespace_
            and start >= 2
            and (doc[start - 2].is_alpha or doc[start - 2].like_num)
        ):
            return True  # Hwasong-19, KN-23, the 0 of a 1-0 score
        if prev.lower_ in ("aged", "age") or prev.text in ("#", "№"):
            return True
        if not any(c.isdigit() for c in text) and prev.lower_ in DETERMINERS and nxt is not None:
            noun = nxt if nxt.pos_ in ("NOUN", "PROPN") else _root(doc, start, end).head
            if noun.lower_ in GROUP_NOUNS or noun.lemma_.lower() in GROUP_NOUNS:
                return True
    if nxt is not None:
        n = nxt.lower_.rstrip(".")
        if n in MONTHS and value <= 31 and text.isdigit():
            return True
        if n in ("a.m", "p.m", "am", "pm", "gmt", "utc", "hrs", "bst", "est", "cet", "kst"):
            return True
        if (
            nxt.text[:1].isalpha()
            and not last.whitespace_
            and n not in (*SCALE_SUFFIXES, "percent")
        ):
            return True  # 170mm, 4th
        if nxt.text == "-" and not nxt.whitespace_ and end + 1 < len(doc):
            after = doc[end + 1].lower_
            if after in DURATION_NOUNS or after.startswith("year") or after in ("day", "month"):
                return True
            if doc[end + 1].like_num and value <= 20:
                return True  # a score, 1-0
        if n in ("years", "year") and end + 1 < len(doc) and doc[end + 1].lower_ == "old":
            return True
        if nxt.text in ("-year-old", "year-old"):
            return True
        if (
            nxt.lower_ in (".", ",", ";")
            and first.dep_ in ("attr", "acomp")
            and first.head.lemma_ == "be"
            and not any(c.dep_ == "prep" for c in first.children)
            and not any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in TOLL_NOUNS
                for c in first.head.children
            )
        ):
            return True  # an age: "the other was 26"
        if (
            nxt.lower_ == ","
            and prev is not None
            and prev.text == ","
            and start >= 2
            and doc[start - 2].ent_type_ == "PERSON"
        ):
            return True  # "Maria Estevan, 54, who ..."
    return False


def find_numbers(doc: Doc) -> list[NumberPhrase]:
    """Every number phrase in `doc` that states a quantity, with value, range and qualifier."""
    found: list[NumberPhrase] = []
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        currency: str | None = None
        start = i
        if tok.lower_ in CURRENCY_SYMBOLS and i + 1 < n and _is_numberish(doc[i + 1]):
            currency = CURRENCY_SYMBOLS[tok.lower_]
            i += 1
            tok = doc[i]
        elif (
            tok.lower_ in ("a", "an")
            and i + 1 < n
            and doc[i + 1].lower_ in ("dozen", "hundred", "thousand", "million", "billion")
        ):
            pass
        elif not _is_numberish(tok) or tok.lower_ in SCALES or tok.lower_ in GROUP_WORDS:
            i += 1
            continue
        end = _run_end(doc, i)
        num_text = text_of(doc)[doc[i].idx : doc[end - 1].idx + len(doc[end - 1].text)]
        value = parse_number(num_text)
        if value is None or _excluded(doc, i, end, value, currency is not None):
            i = end
            continue
        percent = False
        if end < n and doc[end].lower_ in PERCENT_WORDS:
            percent = True
            if doc[end].text == "%":
                end += 1
        if end < n and doc[end].lower_ in CURRENCY_WORDS and currency is None:
            currency = CURRENCY_WORDS[doc[end].lower_]
        if currency is None and doc[end - 1].lower_ in ("crore", "lakh", "lakhs", "crores"):
            currency = "INR"
        q_start, approx = _qualifier(doc, start)
        low = high = None
        phrase_end = end
        # Ranges: "between 8,000 and 10,000", "from 1,100 to 3,000", "2,000 to 3,000".
        if (
            end + 1 < n
            and doc[end].lower_ in ("to", "and", "-", "–")
            and _is_numberish(doc[end + 1])
        ):
            r_end = _run_end(doc, end + 1)
            second = parse_number(
                text_of(doc)[doc[end + 1].idx : doc[r_end - 1].idx + len(doc[r_end - 1].text)]
            )
            joiner = doc[end].lower_
            before = doc[start - 1].lower_ if start > 0 else ""
            ok = (
                second is not None
                and second > value
                and (
                    (joiner == "and" and before == "between")
                    or joiner == "to"
                    or (joiner in ("-", "–") and value >= 100)
                )
            )
            if ok:
                low, high = value, second
                value_out: float | None = None
                phrase_end = r_end
                if before in ("between", "from"):
                    q_start = start - 1
                    if start >= 2 and doc[start - 2].lower_ == "anywhere":
                        q_start = start - 2
                    q2, approx = _qualifier(doc, q_start)
                    q_start = q2
            else:
                value_out = value
        else:
            value_out = value
        root = _root(doc, i, end)
        found.append(
            NumberPhrase(
                start_i=q_start,
                end_i=phrase_end,
                root_i=root.i,
                value=value_out,
                low=low,
                high=high,
                approx=approx,
                unit=currency,
                percent=percent,
            )
        )
        i = phrase_end
    return found


def _counted_noun(doc: Doc, phrase: NumberPhrase) -> Token | None:
    root = doc[phrase.root_i]
    head = root.head
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
                return pobj
    if (
        head.i != root.i
        and head.pos_ in ("NOUN", "PROPN")
        and root.dep_
        in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "appos", "dep", "nsubj")
        and head.i > root.i
    ):
        return head
    nxt = phrase.end_i
    if nxt < len(doc) and doc[nxt].pos_ in ("NOUN",) and doc[nxt].head.i == root.i:
        return doc[nxt]
    return None


def _object_span(doc: Doc, noun: Token, phrase: NumberPhrase) -> tuple[int, int]:
    start = max(phrase.end_i, noun.left_edge.i)
    while start < noun.i and (
        doc[start].pos_ in ("DET", "PUNCT", "ADP", "NUM")
        or doc[start].lower_ in ("more", "another", "additional", "of")
    ):
        start += 1
    end = noun.i + 1
    for child in noun.rights:
        if (
            child.dep_ == "prep"
            and child.lower_ == "of"
            and (noun.lower_ in MATERIEL_NOUNS or noun.lemma_ in ("container", "piece", "unit"))
        ):
            end = child.right_edge.i + 1
    return start, end


def _verb_kinds(verb: Token) -> set[str]:
    """Kinds named by a verb and the verbs coordinated with it ("killed or wounded"); a
    coordinated verb with its own figure ("and some 2,700 wounded") counts separately."""
    kinds: set[str] = set()
    group = [verb]
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "ADJ") and not own_subject:
        group.append(verb.head)
    group.extend(
        c
        for c in verb.children
        if c.dep_ in ("conj", "acomp", "attr")
        and c.pos_ in ("VERB", "ADJ", "NOUN")
        and not any(t.like_num for t in c.subtree)
    )
    for extra in list(group[1:]):
        group.extend(c for c in extra.children if c.dep_ == "conj" and c.pos_ in ("VERB", "ADJ"))
    for v in group:
        lemma = v.lemma_.lower()
        if lemma in KIND_VERBS:
            kinds.add(KIND_VERBS[lemma])
        elif v.lower_ in KIND_NOUNS:
            kinds.add(KIND_NOUNS[v.lower_])
    return kinds


def _combine(kinds: set[str]) -> str | None:
    if "CASUALTY" in kinds or {"KILL", "WOUND"} <= kinds:
        return "CASUALTY"
    for kind in ("KILL", "WOUND", "CAPTURE", "SUPPLY", "DEPLOY"):
        if kind in kinds:
            return kind
    return None


def _classify(doc: Doc, phrase: NumberPhrase) -> None:
    """Set kind, object, counted noun and governing verb of a number phrase."""
    if phrase.unit is not None:
        phrase.kind = "MONEY"
    noun = _counted_noun(doc, phrase)
    if noun is not None:
        phrase.noun_i = noun.i
        phrase.object_span = _object_span(doc, noun, phrase)
    _classify_with(doc, phrase, noun)


def _classify_with(doc: Doc, phrase: NumberPhrase, noun: Token | None) -> None:
    root = doc[phrase.root_i]
    if phrase.kind == "MONEY" or phrase.percent:
        phrase.verb_i = _governing_verb(noun or root)
        return
    anchor = noun or root
    implicit = noun is not None and phrase.object_span is None
    if noun is not None and implicit:
        start = noun.left_edge.i
        while start < noun.i and (
            doc[start].pos_ in ("DET", "NUM", "ADP", "ADV", "PUNCT") or doc[start].like_num
        ):
            start += 1
        phrase.object_span = (start, noun.i + 1)
    words = {anchor.lower_, anchor.lemma_.lower()}
    kind: str | None = None
    for w in words:
        if w in KIND_NOUNS:
            kind = KIND_NOUNS[w]
    # "counted 300 dead": the number's head is the word of its kind, whatever its tag
    head = root.head
    if kind is None and noun is None and head.i != root.i and root.dep_ == "nummod":
        kind = KIND_NOUNS.get(head.lower_)
    if kind is None and words & MEASURE_NOUNS:
        # "taken to a hospital 185 miles away" after "killed a rabbit": a distance, not a toll
        phrase.verb_i = _governing_verb(anchor)
        phrase.kind = "OTHER"
        return
    verb_guess = _governing_verb(anchor)
    if kind == "CAPTURE" and verb_guess is not None and doc[verb_guess].lemma_ in RELEASE_VERBS:
        kind = "OTHER"  # prisoners swapped or released are not a capture
    # "people injured", "soldiers killed or wounded", "dead or injured"
    mods: set[str] = set()
    for tok in (anchor, root):
        for child in tok.children:
            if child.dep_ in ("acl", "amod", "relcl", "conj", "appos") or child.i > tok.i:
                # "26 cases and 11 deaths": a coordinated noun with a figure of its own
                if child.dep_ == "conj" and any(t.like_num for t in child.subtree):
                    continue
                mods |= _verb_kinds(child)
    # "left 40 soldiers dead", "found 12 people injured": the object's predicate
    if anchor.dep_ == "dobj" and root.head.i == anchor.i and root.i != anchor.i:
        for child in anchor.head.children:
            if child.dep_ in ("oprd", "xcomp", "acomp") and child.lower_ in KIND_NOUNS:
                mods.add(KIND_NOUNS[child.lower_])
    if kind is None:
        kind = _combine(mods)
    verb_i = _governing_verb(root if implicit else anchor)
    phrase.verb_i = verb_i
    if kind is None and verb_i is not None:
        verb = doc[verb_i]
        lemma = verb.lemma_.lower()
        nouny = (
            anchor.lower_ in FORCE_NOUNS
            or anchor.lemma_.lower() in FORCE_NOUNS
            or any(
                c.lower_ == "of" and any(g.lower_ in ("them", "those", "these") for g in c.children)
                for c in anchor.children
            )
        )
        materiel = anchor.lower_ in MATERIEL_NOUNS or anchor.lemma_.lower() in MATERIEL_NOUNS
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        toll = next(
            (c for c in subjects if c.lemma_.lower() in TOLL_NOUNS or c.lower_ in TOLL_NOUNS), None
        )
        if kind is None and lemma in RELEASE_VERBS:
            kind = "OTHER"
        elif lemma == "lose":
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            kind = "KILL" if obj is not None and obj.lemma_ in ("life", "lives") else "CASUALTY"
        elif (lemma in MOVE_VERBS and materiel) or (
            lemma in MOVE_VERBS and not nouny and lemma in ("supply", "deliver", "provide")
        ):
            kind = "SUPPLY"
        elif toll is not None and toll.i != anchor.i and lemma in TOLL_VERBS:
            kind = TOLL_NOUNS.get(toll.lower_) or TOLL_NOUNS.get(toll.lemma_.lower())
        else:
            kind = _combine(_verb_kinds(verb))
            if kind == "DEPLOY" and materiel:
                kind = "SUPPLY" if lemma in MOVE_VERBS else "OTHER"
            if kind == "SUPPLY" and nouny:
                kind = "DEPLOY"
            elif kind == "SUPPLY" and not materiel:
                kind = "OTHER"  # "provided coverage to 400,000 residents" is no delivery
            if kind is None and nouny and lemma in PRESENCE_VERBS:
                kind = "DEPLOY"
            if kind == "DEPLOY" and not (
                nouny or anchor.pos_ == "NUM" or anchor.lower_ in ("north", "koreans", "people")
            ):
                kind = "OTHER" if anchor.pos_ == "NOUN" and not nouny else kind
    phrase.kind = kind or "OTHER"


def _governing_verb(tok: Token) -> int | None:
    """The nearest verb above `tok`, stopping at reporting verbs (the content's boundary)."""
    t = tok
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX") and t.i != tok.i:
            lemma = t.lemma_.lower()
            passive = any(c.dep_ == "auxpass" for c in t.children)
            if lemma in KIND_VERBS or lemma not in REPORTING_VERBS or passive:
                if (
                    lemma in KIND_VERBS
                    or lemma in PRESENCE_VERBS
                    or lemma in TOLL_VERBS
                    or lemma == "lose"
                    or t.dep_ in ("ROOT", "ccomp", "conj", "relcl")
                ):
                    return t.i
                if t.dep_ in ("acl", "advcl", "xcomp", "pcomp"):
                    t = t.head
                    continue
                return t.i
            return None
        if t.head.i == t.i:
            return t.i if t.pos_ in ("VERB", "AUX") else None
        t = t.head
    return None


def classify(doc: Doc, phrases: list[NumberPhrase]) -> None:
    """Type every phrase in place. A bare number ("and more than 12,000 had been moved")
    counts the noun of the figure before it in the sentence."""
    last_noun: dict[int, int] = {}
    for phrase in sorted(phrases, key=lambda p: p.start_i):
        _classify(doc, phrase)
        sent = sentence_of(doc[phrase.root_i]).start
        root = doc[phrase.root_i]
        if phrase.noun_i is not None:
            last_noun[sent] = phrase.noun_i
        elif (
            sent in last_noun
            and phrase.unit is None
            and not phrase.percent
            and not any(c.lower_ == "of" for c in root.children)
            and root.dep_ in ("nsubj", "nsubjpass", "dobj", "conj")
        ):
            phrase.noun_i = last_noun[sent]
            _classify_with(doc, phrase, doc[last_noun[sent]])


def is_duration_or_group(doc: Doc, phrase: NumberPhrase) -> bool:
    """Numbers that count time units ("two days", "24 years") are durations, not quantities."""
    if phrase.noun_i is None:
        return False
    noun = doc[phrase.noun_i]
    return bool(noun.lower_ in DURATION_NOUNS and phrase.unit is None)
