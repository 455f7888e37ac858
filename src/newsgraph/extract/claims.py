"""Attributed claims from the dependency parse and the quotation structure.

A claim needs a cue: a reporting verb from `cues.REPORTING_VERBS` with a clausal complement or
an attributable object, "according to X", "as per X", a poll's "in" ("in the poll, X leads"),
or a hedge adverb ("reportedly"). Its
speaker is the cue's subject (inherited through "..., saying", resolved through pronouns and
definite descriptions to the nearest compatible earlier speaker); its content is the attributed
clause within the sentence. Nested attribution keeps the innermost source as the speaker and the
relaying one as `via` ("X said Y believes ..."), except "X said, citing Y" and "X quoted Y as
saying", where X speaks and Y is `via` and the origin of the figures.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.claim_filter import load_claim_filter, load_object_filter, proposing
from newsgraph.extract.cue_model import CueModel, frame_of, load_cue_model
from newsgraph.extract.cues import (
    CLAUSE_ONLY_VERBS,
    DENIAL_WORDS,
    HEDGE_ADVERBS,
    HEDGE_PASSIVES,
    HEDGE_SOURCE_WORDS,
    INTENTION_VERBS,
    OBJECT_VERBS,
    PRONOUNS,
    REPORTING_VERBS,
    SEATS_OF_GOVERNMENT,
    SPEAKER_CLASSES,
)
from newsgraph.extract.docindex import sentence_of, text_of
from newsgraph.extract.entities import EntityIndex, lookup_name
from newsgraph.extract.quotes import find_quotes
from newsgraph.extract.speakers import SpeakerResolver
from newsgraph.records import entity_id

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
QUOTE_CHARS = "\"“”‘’'"
SOURCE_NOUNS = frozenset(
    {
        "report",
        "reports",
        "statement",
        "statements",
        "estimate",
        "estimates",
        "media",
        "information",
        "data",
        "footage",
        "assessment",
        "figures",
        "records",
    }
)
# Learned cues that state a belief or an appearance rather than a fact: hedges.
BELIEF_LEMMAS = frozenset(
    {"feel", "doubt", "worry", "assume", "expect", "seem", "appear", "wonder", "imagine"}
)
# Raising verbs: their subject belongs to what is attributed ("X seemed to shrink").
RAISING_LEMMAS = frozenset({"seem", "appear"})
# Frames in which a learned cue makes a claim: a clause or an intention ("wants to run").
# An object alone ("praised the soldiers", "voters back Lane") is an attitude that PolNeAR
# annotates: a claim marked `attitude`, which reports nothing a figure or an event could
# come from.
LEARNED_FRAMES = ("ccomp", "xcomp")
OBJECT_FRAMES = frozenset(
    {"dobj", "prep:about", "prep:to", "prep:for", "prep:on", "prep:of", "prep:against"}
)
OBJECT_TAIL_DEPS = frozenset({"prep", "oprd", "xcomp"})
HEDGE_SPEAKER_NOUNS = frozenset({"estimate", "estimates", "assessment", "speculation"})
LIKELIHOOD_ADVERBS = frozenset({"likely", "probably", "possibly", "apparently"})
# "responded by saying", "after saying": the speaker is the subject of the verb above.
MANNER_PREPS = frozenset({"by", "after", "before", "in", "while", "when"})
# Verbs of speaking: coordinated after a content ("said A and said B") they report anew.
SPEECH_LEMMAS = frozenset({"say", "tell", "add", "insist", "argue", "claim", "note", "warn"})
# Verbs of speaking whose object is never the hearer: after a quotation ('"...," added X'),
# an object the parser gives them is the speaker of the inverted clause.
INVERTED_LEMMAS = frozenset({"say", "add", "insist", "argue", "claim", "note", "write"})


@dataclass(slots=True)
class Attribution:
    """A claim under construction: token-level facts kept until the article-level pass."""

    cue_i: int
    cue: str
    stance: str
    direct: bool
    content_start: int
    content_end: int
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None  # token indices
    speaker_head: int | None = None
    via: str | None = None
    via_span: tuple[int, int] | None = None
    via_name: str | None = None  # canonical name of `via`, when known
    source_span: tuple[int, int] | None = None  # "denied a media report that X": the report
    origin_is_via: bool = False
    time_token: int | None = None  # a DATE token attached to the reporting clause
    time_inherited: bool = False  # the time came from an enclosing attribution
    impersonal: bool = False
    name: str | None = None  # canonical speaker, when known
    entity_id: str | None = None
    origin_name: str | None = None
    origin_entity_id: str | None = None
    cls: str = "ANY"
    learned: bool = False  # found by the cue model, not the hand lexicon
    intention: bool = False  # the content is an intention ("offered to hand over two ...")
    # A learned cue's stance towards an object ("members support Senator Ruiz", "praised the
    # soldiers"): an attribution as annotators mark it, but no report of what its object
    # holds, so it gives no figure a source or a date, no event a claim and no pronoun an
    # antecedent speaker.
    attitude: bool = False
    extra_tokens: list[int] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.content_start

    @property
    def end(self) -> int:
        return self.content_end


def _trimmed_chars(doc: Doc, start: int, end: int, *, keep_final: bool = False) -> tuple[int, int]:
    """Char offsets of tokens [start, end) without edge punctuation and quotes. A leading
    "that" or "whether" stays: annotators mark it as part of the content."""
    while start < end and (doc[start].is_punct or doc[start].text in QUOTE_CHARS):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text in QUOTE_CHARS):
        if keep_final and doc[end - 1].text in ".!?":
            break
        if doc[end - 1].text == ")" and any(t.text == "(" for t in doc[start:end]):
            break
        end -= 1
    if end <= start:
        return -1, -1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _subtree_chars(tok: Token) -> tuple[int, int]:
    return _trimmed_chars(tok.doc, tok.left_edge.i, tok.right_edge.i + 1)


def _intention_chars(tok: Token) -> tuple[int, int]:
    """An intention's or a noun's clause ("wants to run, which ...", "a plan to cut taxes,
    pointing to ..."): its subtree without what a comma or dash appends to it."""
    doc = tok.doc
    return _trimmed_chars(doc, tok.left_edge.i, _without_tail(doc, tok.i, tok.right_edge.i + 1))


def _content_chars(root: Token) -> tuple[int, int]:
    """The clause under `root`, without a trailing reporting clause of its own
    ("..., saying ...", "..., while X said ...") and without a dateline before a dash."""
    doc = root.doc
    start, end = root.left_edge.i, root.right_edge.i + 1
    for child in root.children:
        if (
            child.i > root.i
            and child.dep_ in ("advcl", "conj", "parataxis")
            and (child.lemma_.lower() in REPORTING_VERBS)
            and (not _shares_subject(child) or _second_report(child))
        ):
            end = min(end, child.left_edge.i)
            # "..., and X said": the conjunction and the comma go with the clause cut off
            while end > start + 1 and (doc[end - 1].dep_ == "cc" or doc[end - 1].is_punct):
                end -= 1
    for k in range(start, min(root.i, start + 12)):
        if doc[k].text in ("-", "--", "—", "–") and doc[k].whitespace_ and k > start:
            start = k + 1
    return _trimmed_chars(doc, start, _without_tail(doc, root.i, end))


TAIL_DEPS = frozenset({"relcl", "acl", "appos", "advcl"})
TAIL_MARKS = frozenset({",", "—", "–", "--"})


def _without_tail(doc: Doc, root_i: int, end: int) -> int:
    """The end of a content before what a comma or dash appends to it: an apposition ("...
    Arab fighters, a theoretical 100,000-strong force"), a relative clause (", where ...",
    ", which ..."), a participle that reports anew (", saying ..."). Annotators end the
    content with the proposition; another participle (", pointing to ...", ", earning 51
    percent") they mostly keep in it."""
    cut = end
    for k in range(root_i + 1, end - 1):
        if doc[k].text not in TAIL_MARKS:
            continue
        nxt = doc[k + 1]
        tail = next((t for t in doc[k + 1 : end] if t.head.i < k + 1 or t.head.i >= end), None)
        if tail is None or tail.dep_ not in TAIL_DEPS:
            continue
        if tail.dep_ == "advcl" and (
            tail.tag_ != "VBG" or tail.lemma_.lower() not in REPORTING_VERBS
        ):
            continue  # a participle stays unless it reports anew (", saying ...")
        if tail.right_edge.i + 1 >= end and nxt.i == tail.left_edge.i:
            cut = k
            break
    return cut


def _second_report(verb: Token) -> bool:
    """ "He said A and said B": a coordinated speech verb with a clause of its own reports
    a second content of the same speaker; the parser hangs it on the first content's verb."""
    return (
        verb.dep_ == "conj"
        and REPORTING_VERBS.get(verb.lemma_.lower()) is not None
        and verb.lemma_.lower() in SPEECH_LEMMAS
        and any(c.dep_ == "ccomp" for c in verb.children)
        and not any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)
    )


def _shares_subject(verb: Token) -> bool:
    """A coordinated verb without a subject of its own ("she was tired of it and wanted a
    change", "he'd sit Putin down and tell him") or opening a second "that" clause ("A, and
    that she expects B"): part of the same content, not a reporting clause of its own
    ("..., while X said", "..., saying")."""
    if verb.dep_ != "conj":
        return False
    if any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children):
        return True
    return not any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def _misparsed_that_clause(verb: Token) -> tuple[int, int] | None:
    """A "that" complement the parser hung on a nearby noun as a relative clause."""
    for tok in verb.subtree:
        if tok.i <= verb.i or tok.i > verb.i + 10 or tok.lower_ != "that":
            continue
        clause = tok.head
        if clause.dep_ != "relcl" or tok.dep_ in SUBJECT_DEPS:
            return None
        if not any(c.dep_ in SUBJECT_DEPS and c.i != tok.i for c in clause.children):
            return None
        return _trimmed_chars(verb.doc, tok.i, clause.right_edge.i + 1)
    return None


def _trailing_clause(verb: Token, subj: Token | None) -> tuple[int, int] | None:
    """ "X happened, the agency said": the clause before a reporting verb hung on it."""
    head = verb.head
    if head.i == verb.i or head.i > verb.i or head.pos_ not in ("VERB", "AUX"):
        return None
    if verb.dep_ not in ("conj", "advcl", "ccomp"):
        return None
    stop = min(verb.left_edge.i, subj.left_edge.i if subj is not None else verb.i)
    if stop == 0 or verb.doc[stop - 1].text not in (",", "”", '"', "'"):
        return None
    return _content_chars_until(head, stop)


def _leading_as_clause(verb: Token) -> tuple[int, int] | None:
    """ "As reported by X, C", "As she told reporters, C": a reporting clause marked "as"
    before the clause it hangs on attributes that clause, from after the reporting clause."""
    head = verb.head
    if verb.dep_ != "advcl" or head.i <= verb.i or head.pos_ not in ("VERB", "AUX"):
        return None
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as"), None)
    if mark is None or mark.i != verb.left_edge.i:
        return None
    start = verb.right_edge.i + 1
    if start >= head.right_edge.i or verb.doc[start].text != ",":
        return None
    return _trimmed_chars(verb.doc, start, head.right_edge.i + 1)


def _content_chars_until(root: Token, stop: int) -> tuple[int, int]:
    doc = root.doc
    start = root.left_edge.i
    for k in range(start, min(root.i, start + 12)):
        if doc[k].text in ("-", "--", "—", "–") and doc[k].whitespace_ and k > start:
            start = k + 1
    return _trimmed_chars(doc, start, stop)


DATELINE_DASHES = frozenset({"-", "--", "—", "–"})


def _dateline(subj: Token) -> bool:
    """A subject that is the dispatch's dateline ("SIOUX FALLS, S.D. – People ... are
    talking"): a place in capitals opening the paragraph, then a dash. Where a report was
    filed is never who speaks."""
    doc = subj.doc
    start, end = subj.left_edge.i, subj.right_edge.i + 1
    if start > 0 and "\n" not in doc[start - 1].text + doc[start - 1].whitespace_:
        return False
    words = [t.text for t in doc[start:end] if any(ch.isalpha() for ch in t.text)]
    return (
        bool(words)
        and all(w.isupper() for w in words)
        and any(t.text in DATELINE_DASHES for t in doc[end - 1 : end + 1])
    )


def _subject(verb: Token) -> Token | None:
    """The verb's subject; a participle ("..., saying", "..., adding") takes the subject of
    the nearest reporting verb above it, or failing that of its head."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and not _dateline(c)]
    if len(subjects) > 1 and subjects[0].i < verb.i:
        # '"The more people who know him, the better," Briggs said': the parser made the
        # quotation a second subject; the speaker is the one next to the verb
        return max((s for s in subjects if s.i < verb.i), key=lambda s: s.i)
    if subjects:
        return subjects[0]
    for aux in verb.children:  # the parser sometimes hangs the subject on the auxiliary
        if aux.dep_ in ("aux", "auxpass"):
            found = next((c for c in aux.children if c.dep_ in SUBJECT_DEPS), None)
            if found is not None:
                return found
    if verb.dep_ not in ("advcl", "conj", "xcomp", "pcomp"):
        return None
    fallback: Token | None = None
    t = verb
    for _ in range(6):
        if t.head.i == t.i:
            break
        t = t.head
        subj = next((c for c in t.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is None:
            continue
        if t.lemma_.lower() in REPORTING_VERBS:
            return subj
        if fallback is None:
            fallback = subj
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ in MANNER_PREPS:
        head = head.head  # "she responded by saying ...": the one who responds
    return fallback if head.pos_ in ("VERB", "AUX") else None


def _speaker_head(subj: Token) -> int:
    """The head of the speaker; a relative pronoun's is the noun it stands for (past an
    apposition: "the Institute, a research group, which said")."""
    if subj.lower_ not in ("which", "who", "that") or subj.head.dep_ != "relcl":
        return subj.i
    noun = subj.head.head
    while noun.dep_ == "appos" and noun.head.i != noun.i:
        noun = noun.head
    return noun.i


def _overlaps_speaker(doc: Doc, speaker: tuple[int, int], content: tuple[int, int]) -> bool:
    """Whether the speaker's tokens [start, end) and the content's characters overlap."""
    s_start = doc[speaker[0]].idx
    s_end = doc[speaker[1] - 1].idx + len(doc[speaker[1] - 1].text)
    return s_start < content[1] and content[0] < s_end


def _speaker_span(subj: Token) -> tuple[int, int]:
    """Token span of a speaker phrase; a relative pronoun stands for the noun it modifies.

    A non-restrictive clause after a comma ("The report, which cited ..."), a time after
    the name ("Trump on Tuesday") and a dateline before a dash ("14:32 GMT - Zelenskiy") are
    not part of the speaker.
    """
    doc = subj.doc
    if subj.lower_ in ("which", "who", "that") and subj.head.dep_ == "relcl":
        return subj.i, subj.i + 1  # as written; `speaker_head` is the noun it stands for
    start, end = subj.left_edge.i, subj.right_edge.i + 1
    for child in subj.rights:
        if child.dep_ in ("relcl", "acl") and doc[child.left_edge.i - 1].text == ",":
            end = min(end, child.left_edge.i - 1)
        dated = child.dep_ in ("prep", "npadvmod") and any(
            t.ent_type_ in ("DATE", "TIME") for t in child.subtree
        )
        if dated:  # "Trump on Tuesday said": the time belongs to the saying
            end = min(end, child.left_edge.i)
    # What a comma sets after the name tells about the speaker, it is not the speaker:
    # "Howard Rubel, a senior analyst at Jefferies, who notes ...", "Renee Gold, 83, of
    # Sarasota", "Dan Golvach, when asked about ...", "Schilling, through a spokeswoman". An
    # apposition stays.
    for tok in doc[subj.i + 1 : end]:
        after_comma = doc[tok.left_edge.i - 1].text == "," and tok.left_edge.i > subj.i
        if after_comma and (
            tok.dep_ in ("relcl", "acl", "advcl", "prep")
            or (tok.like_num and tok.dep_ in ("appos", "npadvmod", "amod", "nummod"))
        ):
            end = min(end, tok.left_edge.i - 1)
    for k in range(start, subj.i):
        # after a dash or colon, or after a quotation's close the parser hung on the subject
        # ("... water in vapor form," lead researcher Lucas Paganini said), the speaker starts
        closes_quote = doc[k].text in QUOTE_CHARS and k > 0 and doc[k - 1].text in ",.!?"
        if doc[k].text in ("-", "--", "—", "–", ":") or closes_quote:
            start = k + 1
    while start < end and (doc[start].is_punct or doc[start].text in QUOTE_CHARS):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text in QUOTE_CHARS):
        if doc[end - 1].text == ")" and any(t.text == "(" for t in doc[start:end]):
            break
        end -= 1
    if end <= start:
        return subj.i, subj.i + 1
    return start, end


def _cited(subj: Token) -> Token | None:
    """ "The report, which cited people familiar with the matter": the cited source."""
    for child in subj.rights:
        if child.dep_ in ("relcl", "acl") and child.lemma_ == "cite":
            return next((c for c in child.children if c.dep_ in ("dobj", "pobj")), None)
    return None


def _clause_content(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "ccomp":
            return child
    for child in verb.children:
        if (
            child.dep_ == "xcomp"
            and verb.lemma_ in INTENTION_VERBS
            and not any(c.dep_ == "auxpass" for c in verb.children)  # "is expected to": below
        ):
            return child
    return None


def _that_clause(noun: Token) -> Token | None:
    """The "that" clause of a noun ("reports that X"), if it has one."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and any(
            g.dep_ == "mark" and g.lower_ == "that" for g in child.children
        ):
            return child
    return None


def _object_content(verb: Token) -> tuple[int, int] | None:
    """Content of an object-taking cue: "denied the claim", "dismissed as fake reports that X"."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
        objects.extend(p for p in prep.children if p.dep_ == "pobj")
    for obj in objects:
        clause = _that_clause(obj)
        if clause is not None:
            return _subtree_chars(clause)
    if not objects:
        return None
    obj = objects[0]
    if obj.pos_ == "PRON" and obj.lower_ not in ("this", "that"):
        return None
    if verb.lemma_ == "describe":
        end = obj.right_edge.i + 1
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "as" and prep.i > obj.i:
                end = prep.right_edge.i + 1
        return _trimmed_chars(verb.doc, obj.left_edge.i, end)
    return _subtree_chars(obj)


def _quote_after(verb: Token, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    lo = verb.idx
    hi = verb.right_edge.idx + len(verb.right_edge.text) + 1
    for q in quotes:
        if lo < q[0] and q[1] <= hi:
            return q
    return None


def _time_of(verb: Token, content: tuple[int, int]) -> int | None:
    """A DATE/TIME token in the reporting clause ("said on Friday", "said after a briefing
    on Thursday", "told a briefing minutes ago"), not in the reported content."""
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp", "conj", "advcl", "parataxis", "nsubj", "nsubjpass"):
            continue
        for tok in child.subtree:
            if tok.ent_type_ in ("DATE", "TIME") and not content[0] <= tok.idx < content[1]:
                return tok.i
    return None


def _is_negated(verb: Token) -> bool:
    if verb.dep_ == "pcomp" and verb.head.lower_ == "without":
        return True
    return any(c.dep_ == "neg" or c.lower_ in ("never", "not", "n't") for c in verb.children)


def _clause_root(span: Span) -> Token:
    """The head verb of a clause span (spaCy's `Span.root` may pick a leading "and")."""
    for tok in span:
        if not (span.start <= tok.head.i < span.end) and tok.pos_ in ("VERB", "AUX"):
            return tok
    return span.root


def _bare_speaker(verb: Token) -> tuple[int, int] | None:
    """ "..., South Korea's National Intelligence Service said": a speaker phrase the parser
    did not make the verb's subject, read back to the comma."""
    doc = verb.doc
    k = verb.i - 1
    while k > sentence_of(verb).start and k > verb.i - 10 and doc[k].text != ",":
        k -= 1
    if doc[k].text != "," or k + 1 >= verb.i:
        return None
    if not any(t.pos_ in ("PROPN", "NOUN") for t in doc[k + 1 : verb.i]):
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in doc[k + 1 : verb.i]):
        return None
    return k + 1, verb.i


def _inner_stance(doc: Doc, start: int, end: int, base: str) -> str:
    """Stance adjusted by what the content says: "is estimated" hedges, "fake" denies."""
    if base == "deny":
        return base
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return base
    root = _clause_root(span)
    for tok in span:
        passive_belief = tok.lemma_ in HEDGE_PASSIVES and any(
            c.dep_ == "auxpass" for c in tok.children
        )
        if passive_belief and (
            tok.i == root.i or tok.head.i == root.i or tok.dep_ in ("ccomp", "conj")
        ):
            return "hedge"
        if tok.lower_ in LIKELIHOOD_ADVERBS and tok.head.i == root.i and tok.dep_ == "advmod":
            return "hedge"
    predicate = [root, *[c for c in root.children if c.dep_ in ("attr", "acomp", "oprd", "dobj")]]
    # "called the reports fake news": the object's complement hangs on the cue, outside the
    # content's own clause; what modifies a predicate noun counts with it ("fake" news)
    predicate += [t for t in span if t.dep_ in ("oprd", "attr", "acomp") and t not in predicate]
    predicate += [c for t in predicate for c in t.children if c.dep_ in ("amod", "compound")]
    # "a pack of lies", "a piece of propaganda": the noun the predicate is made of
    predicate += [
        g for t in predicate for c in t.children if c.lower_ == "of" for g in c.children
        if g.dep_ == "pobj"
    ]  # fmt: skip
    for tok in predicate:
        if tok.lower_ in DENIAL_WORDS or tok.lemma_ in DENIAL_WORDS:
            return "deny"
    return base


def _from_verb(verb: Token, quotes: list[tuple[int, int]]) -> list[Attribution]:
    """Claims introduced by one reporting verb (two when a quotation is split around it)."""
    lemma = verb.lemma_.lower()
    if lemma not in REPORTING_VERBS or verb.pos_ not in ("VERB", "AUX") or _is_negated(verb):
        return []
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.lemma_ == "quote":
        return []
    doc = verb.doc
    stance = REPORTING_VERBS[lemma]
    subj = _subject(verb)
    inherited = subj is not None and subj.head.i != verb.i
    if inherited and verb.dep_ in ("conj", "advcl", "ccomp") and _bare_speaker(verb) is not None:
        subj = None  # "..., South Korea's spy agency said": the words before are the speaker
    passive = any(c.dep_ == "auxpass" for c in verb.children) or (
        subj is not None and subj.dep_ == "nsubjpass"
    )
    content: tuple[int, int] | None = None
    direct = False
    via_tok: Token | None = None
    impersonal = False
    clause = _clause_content(verb)
    passive_quote = False
    bare_speaker: tuple[int, int] | None = None
    if lemma == "quote":
        targets = [c for c in verb.children if c.dep_ == "dobj"]
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                for pc in prep.children:
                    inner = _clause_content(pc) if pc.dep_ == "pcomp" else None
                    if inner is not None:
                        clause = inner
        if clause is None:
            return []
        if targets:
            via_tok = targets[0]
        else:
            lemma = "say"  # "X was quoted as saying": X speaks
            passive_quote = True
    if lemma == "accuse":
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pc in prep.children:
                    if pc.dep_ in ("pcomp", "pobj"):
                        content = _subtree_chars(pc)
    elif lemma == "call":
        quote = _quote_after(verb, quotes)
        named = _named_as(verb)
        if named is not None:
            content = named
        elif quote is not None:
            content, direct = (quote[0] + 1, quote[1] - 1), True
    elif clause is not None:
        content = _content_chars(clause)
        if verb.dep_ == "relcl" and clause.left_edge.i < verb.i:
            # "a bill, which critics said was unfair": the relative pronoun heads the clause
            # from before the speaker; what is attributed is the rest of the clause
            content = _trimmed_chars(doc, verb.i + 1, clause.right_edge.i + 1)
    elif verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
        if verb.head.i < verb.i and verb.left_edge.i > verb.head.left_edge.i:
            # "The company will cut 500 jobs, the spokesman said, according to Reuters": the
            # clause up to the reporting clause, not the reporting clause and what follows it
            content = _content_chars_until(verb.head, verb.left_edge.i)
        else:
            content = _subtree_chars(verb.head)
    else:
        content = _misparsed_that_clause(verb)
        if content is None and lemma in OBJECT_VERBS:
            content = _object_content(verb)
        if content is None:
            content = _trailing_clause(verb, subj)
        if content is None and (content := _leading_as_clause(verb)) is not None:
            # the subject the clause's head lends it is part of what is attributed
            if subj is not None and subj.head.i != verb.i:
                subj = None
            passive = passive or any(c.dep_ == "agent" for c in verb.children)
        if content is None and subj is None and verb.dep_ in ("conj", "advcl", "ccomp"):
            bare = _bare_speaker(verb)
            if bare is not None and verb.head.i < verb.i:
                content = _content_chars_until(verb.head, bare[0] - 1)
                bare_speaker = bare
    if clause is None and lemma not in ("quote", "call", "accuse"):
        spoken = _speaker_after_quote(verb, quotes)
        if spoken is not None:
            (q_start, q_end), bare_speaker = spoken
            content, direct, subj = _strip_quote(text_of(doc), (q_start + 1, q_end - 1)), True, None
    # "North Korea's force is estimated to number about 1.3 million": the clause itself.
    if (
        content is None
        and lemma in HEDGE_PASSIVES
        and passive
        and subj is not None
        and any(c.dep_ == "xcomp" for c in verb.children)
        and subj.lower_ != "it"
    ):
        whole = _raised_chars(verb, subj)
        return [
            Attribution(
                cue_i=verb.i,
                cue=lemma,
                stance="hedge",
                direct=False,
                content_start=whole[0],
                content_end=whole[1],
                impersonal=True,
            )
        ]
    source_span: tuple[int, int] | None = None
    if content is not None and lemma in OBJECT_VERBS and clause is None:
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            if _that_clause(obj) is not None and obj.lemma_ in SOURCE_NOUNS | {"claim", "rumour"}:
                start = obj.left_edge.i
                while start < obj.i and doc[start].pos_ == "DET":
                    start += 1
                source_span = (start, obj.i + 1)
    if (content is None or content[0] < 0) and subj is not None:
        # '"...," Sarandon, 69, told MSNBC': the quotation closing before the speaker
        before = _quote_before(doc, verb, (subj.left_edge.i, subj.i + 1), quotes)
        if before is not None:
            content, direct = _strip_quote(text_of(doc), (before[0] + 1, before[1] - 1)), True
    if content is None or content[0] < 0:
        if lemma in CLAUSE_ONLY_VERBS or lemma in OBJECT_VERBS:
            # A quotation closing just before the sentence: '"...," the officer told X.'
            sent_start = sentence_of(verb).start_char
            for q_start, q_end in quotes:
                if 0 <= sent_start - q_end <= 3 or (
                    q_end <= verb.idx and text_of(doc)[q_end : verb.idx].strip(" ,") == ""
                ):
                    content, direct = _strip_quote(text_of(doc), (q_start + 1, q_end - 1)), True
        if (content is None or content[0] < 0) and subj is not None:
            # '"...," Sarandon, 69, told MSNBC': the quotation closing before the speaker
            before = _quote_before(doc, verb, (subj.left_edge.i, subj.i + 1), quotes)
            if before is not None:
                content, direct = _strip_quote(text_of(doc), (before[0] + 1, before[1] - 1)), True
        if content is None or content[0] < 0:
            # 'Trump said: "Our country's a mess."', 'adding, "..."': the quotation that
            # opens right after the verb (and its object: "told reporters: ...")
            opening = _quote_opening_after(doc, verb, quotes)
            if opening is not None:
                inside = (opening[0] + 1, opening[1] - 1)
                content, direct = _strip_quote(text_of(doc), inside), True
        if content is None or content[0] < 0:
            return []
    if (
        subj is None
        and not passive
        and lemma in INVERTED_LEMMAS
        and any(
            q_end <= verb.idx and text_of(doc)[q_end : verb.idx].strip(" ,") == ""
            for _, q_end in quotes
        )
    ):
        # '"...," added another New Hampshire Democrat': the parser takes the speaker after
        # the verb for its object
        subj = next((c for c in verb.rights if c.dep_ == "dobj" and c.i == verb.i + 1), None)
        if subj is None:
            subj = next((c for c in verb.rights if c.dep_ == "dobj" and c.pos_ == "PROPN"), None)
    # Who speaks.
    speaker_span: tuple[int, int] | None = None
    speaker_head: int | None = None
    if bare_speaker is not None:
        speaker_span = bare_speaker
        speaker_head = doc[bare_speaker[0] : bare_speaker[1]].root.i
    elif passive_quote and subj is not None:
        speaker_span, speaker_head = _speaker_span(subj), subj.i
    elif subj is not None and subj.lower_ == "it" and passive:
        impersonal = True
        stance = "hedge"
    elif passive:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        if pobj is None:
            return []
        speaker_span, speaker_head = (pobj.left_edge.i, pobj.right_edge.i + 1), pobj.i
    elif subj is not None:
        speaker_span = _speaker_span(subj)
        speaker_head = _speaker_head(subj)
        if speaker_span[0] <= verb.i < speaker_span[1]:
            speaker_span = (subj.i, subj.i + 1)
    else:
        return []
    if speaker_span is not None:
        s_start, s_end = (
            doc[speaker_span[0]].idx,
            doc[speaker_span[1] - 1].idx + len(doc[speaker_span[1] - 1].text),
        )
        if s_start < content[1] and content[0] < s_end and verb.dep_ != "parataxis":
            return []
    # '"A, B," she said': the quotation closing just before the reporting clause is the
    # content, whatever the parse hung on the verb (a clause inside it, or the one before).
    if not direct:
        before = _quote_before(doc, verb, speaker_span, quotes)
        overlaps = before is not None and before[0] < content[1] and content[0] < before[1]
        after = clause is None and content[0] > verb.idx  # '"A," said X, explaining B'
        # "...: ''A were B,'' he said": a clause of the verb's inside the quotation
        holds = before is not None and any(
            c.dep_ in ("ccomp", "parataxis") and before[0] < c.idx < before[1]
            for c in verb.children
        )
        if before is not None and (overlaps or after or holds):
            content, direct = _strip_quote(text_of(doc), (before[0] + 1, before[1] - 1)), True
    # Direct quotation: the content is (almost all) one quotation, or the sentence of a
    # quotation that opens or closes it (the parse splits a quotation of several sentences).
    if not direct:
        for q_start, q_end in quotes:
            quoted = (q_start + 1, q_end - 1)
            if not (quoted[0] - 1 <= content[0] and content[1] <= quoted[1] + 1):
                if q_start > content[1]:
                    break
                continue
            opens = content[0] <= quoted[0] + 1
            closes = content[1] >= quoted[1] - 2
            most = (content[1] - content[0]) >= 0.8 * (quoted[1] - quoted[0])
            if (opens and closes) or (most and content[1] - 1 <= quoted[1]) or opens != closes:
                content, direct = _strip_quote(text_of(doc), quoted), True
            break
    if via_tok is None and clause is not None and content is not None:
        leading = _leading_citation(verb, clause)
        if leading is not None:
            via_tok, first = leading
            content = (doc[first].idx, content[1])
    # "citing X": X is where the information comes from.
    origin_is_via = False
    for tok in verb.subtree:
        if (tok.lemma_ == "brief" and tok.head.i == verb.i) or (
            tok.head.head.i == verb.i and (tok.lemma_ == "brief")
        ):
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            if pobj is not None:
                via_tok = pobj
    for child in verb.children:
        if child.lemma_ == "cite" and child.dep_ in ("advcl", "prep", "xcomp", "conj"):
            cited_obj = next((c for c in child.children if c.dep_ in ("dobj", "pobj")), None)
            if cited_obj is not None:
                via_tok = cited_obj
    if via_tok is not None:
        origin_is_via = True
    elif subj is not None and (cited := _cited(subj)) is not None:
        via_tok = cited
    attribution = Attribution(
        cue_i=verb.i,
        cue=lemma,
        stance=stance,
        direct=direct,
        content_start=content[0],
        content_end=content[1],
        speaker_span=speaker_span,
        speaker_head=speaker_head,
        via_span=(via_tok.left_edge.i, via_tok.right_edge.i + 1) if via_tok is not None else None,
        origin_is_via=origin_is_via,
        time_token=_time_of(verb, content),
        source_span=source_span,
        impersonal=impersonal,
        intention=clause is not None and clause.dep_ == "xcomp" and not direct,
    )
    found = [attribution]
    if direct:
        found.extend(_split_quote(verb, attribution, quotes))
    continued = _extend_quote(verb, found[-1], quotes)
    if continued is not None:
        found.append(continued)
    while found[-1].direct and (more := _next_paragraph_quote(verb, found[-1], quotes)):
        found.append(more)
    return found


def _content_tokens(doc: Doc, item: Attribution) -> tuple[int, int] | None:
    span = doc.char_span(item.content_start, item.content_end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else None


def _leading_citation(verb: Token, clause: Token) -> tuple[Token, int] | None:
    """ "Lawmakers said, citing the spy agency, that ...": the parser hangs "citing Y" on the
    reported clause; Y is the upstream source and the content starts after it (its "that"
    kept). Returns Y and the content's first token."""
    doc = verb.doc
    for child in clause.children:
        if (
            child.lemma_ == "cite"
            and child.dep_ in ("advcl", "xcomp", "prep")
            and verb.i < child.i < clause.i
            and child.left_edge.i <= verb.i + 2
        ):
            cited = next((c for c in child.children if c.dep_ in ("dobj", "pobj")), None)
            if cited is None:
                return None
            first = child.right_edge.i + 1
            while first < clause.i and doc[first].is_punct:
                first += 1
            return cited, first
    return None


def _quote_opening_after(
    doc: Doc, verb: Token, quotes: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The quotation opening after a colon or comma that follows the verb or its object."""
    text = text_of(doc)
    stop = verb.i + 1
    for child in verb.rights:
        if child.dep_ in ("dobj", "dative", "npadvmod") and child.i == stop:
            stop = child.right_edge.i + 1
    if stop >= len(doc):
        return None
    here = doc[stop - 1].idx + len(doc[stop - 1].text)
    for q_start, q_end in quotes:
        if q_start < here:
            continue
        gap = text[here:q_start]
        if len(gap) <= 3 and gap.strip() in (":", ",") and "\n" not in gap:
            return q_start, q_end
        return None
    return None


def _quote_before(
    doc: Doc, verb: Token, speaker_span: tuple[int, int] | None, quotes: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The quotation that ends where the reporting clause begins ('"...," she said', '"...,"
    said the mayor'), if there is one."""
    text = text_of(doc)
    clause = verb.idx
    if speaker_span is not None and speaker_span[0] < verb.i:
        clause = min(clause, doc[speaker_span[0]].idx)
    for q_start, q_end in quotes:
        if q_end > clause:
            break
        gap = text[q_end:clause]
        if len(gap) > 3 or gap.strip(" ,") != "":
            continue
        # the quotation opens its sentence (or follows a colon), not a phrase inside one
        lead = text[text.rfind("\n", 0, q_start) + 1 : q_start].rstrip()
        opener = doc.char_span(q_start, q_start + 1, alignment_mode="expand")
        if (
            not lead
            or lead.endswith(":")
            or _ends_sentence(lead)
            or (opener is not None and opener[0].is_sent_start)
        ):
            return q_start, q_end
    return None


def _ends_sentence(lead: str) -> bool:
    """Whether the text before a quotation ends a sentence ("... Republicans. ''Wow, ...'' she
    said"): the parser often keeps the opening mark with the sentence before, yet the
    quotation opens a sentence of its own."""
    return lead.rstrip(QUOTE_CHARS + ")").endswith((".", "!", "?")) and not lead.endswith(
        ("Mr.", "Mrs.", "Ms.", "Dr.", "St.")
    )


def _speaker_after_quote(
    verb: Token, quotes: list[tuple[int, int]]
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """'“...,” Ramos, 58, told AFP': a quotation closing right before a reporting verb that
    has no subject of its own, with only a noun phrase (and its appositions) between them.
    The parser hangs the phrase on the quotation's verb; it is the speaker. Returns the
    quotation (marks included) and the speaker's token span."""
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    doc = verb.doc
    text = text_of(doc)
    for q_start, q_end in quotes:
        if q_end > verb.idx:
            return None
        if verb.idx - q_end > 80 or "\n" in text[q_end : verb.idx]:
            continue
        phrase = doc.char_span(q_end, verb.idx, alignment_mode="contract")
        if phrase is None or text[q_end : phrase.start_char].strip(" ,") != "":
            continue
        words = [t for t in phrase if not t.is_punct]
        if not words or len(words) > 10 or words[0].pos_ not in ("PROPN", "PRON", "DET", "NOUN"):
            continue
        if any(t.pos_ in ("VERB", "AUX") for t in words):
            continue
        if words[0].pos_ == "PRON" and words[0].lower_ not in PRONOUNS:
            continue
        start, end = phrase.start, phrase.end
        while end > start and doc[end - 1].is_punct:
            end -= 1
        if end <= start:
            continue
        return (q_start, q_end), (start, end)
    return None


def _strip_quote(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The inside of a quotation without the spaces, commas and the second apostrophe of a
    doubled mark (''like this'') at its edges."""
    start, end = span
    if start < end and text[start] == "'" and start > 0 and text[start - 1] == "'":
        start += 1
    if start < end and text[end - 1] == "'" and end < len(text) and text[end] == "'":
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _split_quote(
    verb: Token, first: Attribution, quotes: list[tuple[int, int]]
) -> list[Attribution]:
    """The second half of a quotation split by its reporting clause: “A,” said X, “B.”"""
    text = text_of(verb.doc)
    for q_start, q_end in quotes:
        if q_start <= verb.idx or q_start <= first.content_end + 1:
            continue
        between = text[verb.idx : q_start]
        if len(between) > 120 or any(p in between for p in ".!?"):
            return []
        start, end = _strip_quote(text, (q_start + 1, q_end - 1))
        if end <= start:
            return []
        return [
            Attribution(
                cue_i=first.cue_i,
                cue=first.cue,
                stance=first.stance,
                direct=True,
                content_start=start,
                content_end=end,
                speaker_span=first.speaker_span,
                speaker_head=first.speaker_head,
                time_token=first.time_token,
            )
        ]
    return []


def _extend_quote(
    verb: Token, item: Attribution, quotes: list[tuple[int, int]]
) -> Attribution | None:
    """A quotation continued in the next sentence of the paragraph (“A,” X said. “B.”) is
    one attribution, as annotators mark it, unless that sentence has a reporting clause of
    its own. After a quotation the reporting clause stands between the two: “B” is the
    second half of the quotation, a claim of its own with the same cue and speaker (as a
    quotation split by its reporting clause is); after an indirect content ('X said A.
    “B.”') the content runs on to the end of “B”."""
    text = text_of(verb.doc)
    sent = sentence_of(verb)
    last = sent.end - 1
    # The parser often ends the sentence after the next quotation's opening mark
    # ('... he said. ''' then 'These people ...'): the sentence ends before that mark.
    while last > verb.i and (_is_quote_mark(verb.doc[last]) or verb.doc[last].is_space):
        last -= 1
    sent_end = verb.doc[last].idx + len(verb.doc[last].text)
    paragraph_end = text.find("\n", verb.idx)
    if 0 <= paragraph_end < sent_end:  # the parser ran the sentence on past the paragraph
        sent_end = paragraph_end
    if item.content_end > sent_end:
        return None
    for q_start, q_end in quotes:
        if q_start < sent_end:
            continue
        if text[sent_end:q_start].strip() != "" or "\n" in text[sent_end:q_start]:
            return None
        if _reported_inside(verb.doc, q_start, q_end):
            return None
        start, end = _strip_quote(text, (q_start + 1, q_end - 1))
        if end <= start:
            return None
        if not item.direct:
            item.content_end = end
            return None
        return replace(item, content_start=start, content_end=end, extra_tokens=[])
    return None


def _next_paragraph_quote(
    verb: Token, item: Attribution, quotes: list[tuple[int, int]]
) -> Attribution | None:
    """A quotation that is the whole of the next paragraph, after a paragraph whose last
    quotation is `item`'s and that reports no one else (“A,” X said.¶“B.”): the speaker goes
    on, a further half of the same attribution, as annotators mark it. A paragraph with a
    reporting clause of its own (“B,” Y added) is not read on."""
    doc, text = verb.doc, text_of(verb.doc)
    paragraph_end = text.find("\n", item.content_end)
    if paragraph_end < 0:
        return None
    rest = doc.char_span(item.content_end, paragraph_end, alignment_mode="expand")
    if rest is None or any(
        t.i != verb.i and t.lemma_.lower() in REPORTING_VERBS and t.pos_ in ("VERB", "AUX")
        for t in rest
    ):
        return None
    for q_start, q_end in quotes:
        if q_start < item.content_end:
            continue
        if q_start < paragraph_end:
            return None  # another quotation in the paragraph: it is not the last
        if text[paragraph_end:q_start].strip() != "":
            return None  # the next paragraph does not open with the quotation
        after = text.find("\n", q_end)
        tail = text[q_end : after if after >= 0 else len(text)]
        if tail.strip() != "" or _reported_inside(doc, q_start, q_end):
            return None
        start, end = _strip_quote(text, (q_start + 1, q_end - 1))
        if end <= start:
            return None
        return replace(item, content_start=start, content_end=end, extra_tokens=[])
    return None


def _is_quote_mark(tok: Token) -> bool:
    """A token of quotation marks only (spaCy keeps a doubled '' as one token)."""
    return all(ch in QUOTE_CHARS for ch in tok.text)


def _reported_inside(doc: Doc, start: int, end: int) -> bool:
    """Whether a quotation's own sentences carry a reporting verb ("“B,” she added.")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    tail = sentence_of(doc[span.end - 1]) if span.end > span.start else span
    text = text_of(doc)
    stop = text.find("\n", end)  # a sentence the parser ran on past the paragraph
    stop = len(text) if stop < 0 else stop
    return any(
        t.lemma_.lower() in REPORTING_VERBS and t.pos_ == "VERB"
        for t in doc[span.start : max(span.end, tail.end)]
        if not start <= t.idx < end and t.idx < stop
    )


def _according_to(tok: Token) -> Attribution | None:
    """ "according to X" / "as per X": the rest of the clause is X's claim."""
    doc = tok.doc
    if tok.lower_ == "according":
        prep = next((c for c in tok.children if c.lower_ == "to"), None)
    elif tok.lower_ == "per" and tok.i > 0 and doc[tok.i - 1].lower_ == "as":
        prep = tok
    else:
        return None
    if prep is None:
        return None
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    phrase_start = tok.i - (1 if tok.lower_ == "per" else 0)
    phrase_end = pobj.right_edge.i + 1
    # An appositive or relative clause after the source belongs to it, not to the content.
    sent = sentence_of(tok)
    rest = [t for t in doc[phrase_end : sent.end] if not (t.is_punct or t.is_space)]
    if phrase_start <= sent.start + 1:
        start, end = phrase_end, sent.end
    elif rest and doc[phrase_end].text == ",":
        # "At the heart of it, according to X, was a decision ...": the clause runs on
        # past the phrase, and the sentence is what X says
        start, end = sent.start, sent.end
    else:
        start, end = sent.start, phrase_start
    speaker_span = (pobj.left_edge.i, pobj.i + 1)
    for child in pobj.rights:
        if (
            child.dep_ == "prep" and child.lower_ in ("by", "of", "from", "circulating", "on")
        ) or child.dep_ in ("acl",):
            speaker_span = (pobj.left_edge.i, child.right_edge.i + 1)
    return _phrase_attribution(tok, "according to", (start, end), speaker_span, pobj.i)


def _phrase_attribution(
    tok: Token, cue: str, tokens: tuple[int, int], speaker_span: tuple[int, int], head: int
) -> Attribution | None:
    """An assertion a phrase attributes ("according to X", "in the poll"): its content the
    clause's tokens `tokens`, trimmed; None when nothing is left of them."""
    content = _trimmed_chars(tok.doc, *tokens)
    if content[0] < 0:
        return None
    return Attribution(
        cue_i=tok.i,
        cue=cue,
        stance="assert",
        direct=False,
        content_start=content[0],
        content_end=content[1],
        speaker_span=speaker_span,
        speaker_head=head,
    )


# Nouns for a count of opinion or a finding that speaks through "in": "In the poll, 50
# percent chose Clinton", "Sanders has sagged in the polls".
FINDING_NOUNS = frozenset({"poll", "survey", "study", "ranking", "tally", "count"})


def _finding_in(tok: Token) -> Attribution | None:
    """ "In a new poll, Sanders leads by 10 points", "Trump has led in every statewide
    survey": a poll or study the clause's own verb reports through "in". The clause, beside
    the phrase, is what the poll says; the phrase is its source."""
    if tok.lower_ != "in" or tok.dep_ != "prep":
        return None
    head = tok.head
    if head.pos_ not in ("VERB", "AUX") or head.dep_ != "ROOT":
        return None
    if head.lemma_.lower() in REPORTING_VERBS:
        return None  # "In a statement, X said": the verb is the cue
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lemma_.lower() not in FINDING_NOUNS:
        return None
    doc = tok.doc
    sent = sentence_of(tok)
    phrase_end = pobj.right_edge.i + 1
    if tok.i <= sent.start + 1:
        start, end = phrase_end, sent.end
    elif phrase_end >= sent.end - 1 or doc[phrase_end].is_punct:
        start, end = sent.start, tok.i
    else:
        return None
    return _phrase_attribution(tok, "in", (start, end), (pobj.left_edge.i, phrase_end), pobj.i)


def _hedge_adverb(tok: Token) -> Attribution | None:
    """ "North Korea has reportedly begun ...": the clause, from an unnamed source."""
    if tok.lower_ not in HEDGE_ADVERBS or tok.dep_ != "advmod":
        return None
    head = tok.head
    content = _trimmed_chars(tok.doc, head.left_edge.i, head.right_edge.i + 1)
    if content[0] < 0:
        return None
    return Attribution(
        cue_i=tok.i,
        cue=HEDGE_ADVERBS[tok.lower_],
        stance="hedge",
        direct=False,
        content_start=content[0],
        content_end=content[1],
        impersonal=True,
    )


RAISED_COMPLEMENTS = frozenset({"acomp", "attr", "oprd", "prep"})


def _raised_chars(verb: Token, subj: Token | None) -> tuple[int, int]:
    """What a raising verb or an agentless passive attributes ("The two seemed to be
    well-known in town, and ...", "Trump is expected to win"): its subject and its
    infinitive, not what the sentence coordinates after them."""
    doc = verb.doc
    complement = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if complement is None:
        # "it seemed like an impossible task", "Clinton seems likely to win"
        complement = next((c for c in verb.rights if c.dep_ in RAISED_COMPLEMENTS), None)
    if complement is None:
        return _trimmed_chars(doc, verb.left_edge.i, verb.right_edge.i + 1)
    start = subj.left_edge.i if subj is not None and subj.i < verb.i else verb.i
    return _trimmed_chars(doc, min(start, verb.i), complement.right_edge.i + 1)


def _named_as(verb: Token) -> tuple[int, int] | None:
    """ "called Christmas a sham", "call this the 'expectations game'": what is called and
    what it is called, together."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    pred = next((c for c in verb.children if c.dep_ in ("oprd", "xcomp", "ccomp")), None)
    if obj is None or pred is None or pred.i < obj.i:
        return None
    content = _trimmed_chars(verb.doc, obj.left_edge.i, pred.right_edge.i + 1)
    return content if content[0] >= 0 else None


QUESTION_VERBS = frozenset({"ask", "wonder", "question", "inquire", "query"})


def _asked(verb: Token) -> tuple[int, int] | None:
    """ "asked the students if they were serious": the question, not the one asked."""
    for child in verb.rights:
        if child.dep_ in ("advcl", "ccomp") and any(
            c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in child.children
        ):
            return _subtree_chars(child)
    return None


def _adjacent_quote(
    verb: Token, subj: Token | None, quotes: list[tuple[int, int]]
) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """The quotation a verb with no clause reports ('“...?” Trump asked', 'Sanders replied:
    “...”'): the one closing right before its reporting clause or opening right after it,
    stripped, and the speaker phrase between a closing quotation and a subjectless verb."""
    text = text_of(verb.doc)
    spoken = _speaker_after_quote(verb, quotes)
    if spoken is not None:
        (q_start, q_end), speaker = spoken
        return _strip_quote(text, (q_start + 1, q_end - 1)), speaker
    if subj is not None:
        before = _quote_before(verb.doc, verb, (subj.left_edge.i, subj.i + 1), quotes)
        if before is not None:
            return _strip_quote(text, (before[0] + 1, before[1] - 1)), None
    opening = _quote_opening_after(verb.doc, verb, quotes)
    if opening is not None:
        return _strip_quote(text, (opening[0] + 1, opening[1] - 1)), None
    return None


def _reports_quote(verb: Token, quotes: list[tuple[int, int]]) -> bool:
    """Whether a verb the cue model does not take for a cue stands where a reporting clause
    does: right after a quotation that ends on a comma, a question or an exclamation mark
    ('“What kind of people do I have here?” Trump asked'), or right before a colon and a
    quotation ('Sanders replied: “...”'). Its shape, not its word, makes it one."""
    if any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in verb.children):
        return False
    text = text_of(verb.doc)
    for q_start, q_end in quotes:
        if q_end > verb.idx:
            if q_start > verb.idx:
                gap = text[verb.idx + len(verb.text) : q_start]
                return gap.strip() == ":" and "\n" not in gap
            return False
        if verb.idx - q_end <= 80 and text[q_end - 2 : q_end - 1] in (",", "?", "!"):
            subj = _subject(verb)
            clause = verb.idx if subj is None or subj.i > verb.i else subj.left_edge.idx
            between = text[q_end:clause]
            if between.strip(" ,") == "" or _speaker_after_quote(verb, quotes) is not None:
                return True
    return False


def _from_quoting(verb: Token, quotes: list[tuple[int, int]]) -> Attribution | None:
    """A learned cue that reports a quotation next to it rather than a clause or an object
    ("asked", "replied", "continued", "joked"): the quotation is the content, direct."""
    if verb.dep_ in ("relcl", "acl", "amod") or _is_negated(verb):
        return None
    subj = _subject(verb)
    found = _adjacent_quote(verb, subj, quotes)
    if found is None:
        return None
    content, bare = found
    if content[1] <= content[0]:
        return None
    if bare is not None:
        speaker_span = bare
        speaker_head = verb.doc[bare[0] : bare[1]].root.i
    elif subj is not None:
        speaker_span, speaker_head = _speaker_span(subj), _speaker_head(subj)
    else:
        return None
    if _overlaps_speaker(verb.doc, speaker_span, content):
        return None
    item = Attribution(
        cue_i=verb.i,
        cue=verb.lemma_.lower(),
        stance="assert",
        direct=True,
        content_start=content[0],
        content_end=content[1],
        speaker_span=speaker_span,
        speaker_head=speaker_head,
        learned=True,
    )
    continued = _extend_quote(verb, item, quotes)
    if continued is not None:  # one learned claim: the content runs on to the end of "B"
        item.content_end = continued.content_end
    return item


def _from_learned(verb: Token, quotes: list[tuple[int, int]] | None = None) -> Attribution | None:
    """An attribution from a verb the cue model takes for a cue ("wants to run", "plans to
    visit", "knows that ...", "is expected to win"): its complement is the content,
    its subject the source; a raising verb or an agentless passive has no source and
    attributes the whole clause."""
    doc = verb.doc
    lemma = verb.lemma_.lower()
    frame = frame_of(verb)
    children = {c.dep_: c for c in verb.children}
    passive = "auxpass" in children or "nsubjpass" in children
    stance = "hedge" if lemma in BELIEF_LEMMAS else "assert"
    if lemma in RAISING_LEMMAS or (passive and "agent" not in children):
        # "X seems likely to win", "it seemed like a mistake": a raising verb's predicate
        predicate = lemma in RAISING_LEMMAS and any(
            c.dep_ in RAISED_COMPLEMENTS for c in verb.rights
        )
        if frame not in ("xcomp", "ccomp") and not (frame == "none" and predicate):
            return None
        subj = children.get("nsubj") or children.get("nsubjpass")
        if subj is not None and subj.lower_ == "it" and frame == "ccomp":
            content = _content_chars(children["ccomp"])
        else:
            content = _raised_chars(verb, subj)
        if content[0] < 0:
            return None
        return Attribution(
            cue_i=verb.i,
            cue=lemma,
            stance="hedge",
            direct=False,
            content_start=content[0],
            content_end=content[1],
            impersonal=True,
            learned=True,
        )
    attitude = False
    if frame in LEARNED_FRAMES:
        content = (
            _content_chars(children["ccomp"])
            if frame == "ccomp"
            else _intention_chars(children["xcomp"])
        )
    elif lemma in QUESTION_VERBS and (question := _asked(verb)) is not None:
        content = question
    elif quotes is not None and (quoting := _from_quoting(verb, quotes)) is not None:
        return quoting
    elif frame in OBJECT_FRAMES and not _circumstance(verb):
        content, attitude = _object_chars(verb, frame), True
    else:
        return None
    subj = _subject(verb)
    if subj is None or content[0] < 0:
        return None
    speaker_span = _speaker_span(subj)
    speaker_head = _speaker_head(subj)
    if _overlaps_speaker(doc, speaker_span, content):
        return None
    return Attribution(
        cue_i=verb.i,
        cue=lemma,
        stance=stance,
        direct=False,
        content_start=content[0],
        content_end=content[1],
        speaker_span=speaker_span,
        speaker_head=speaker_head,
        time_token=_time_of(verb, content),
        learned=True,
        intention=frame == "xcomp",
        attitude=attitude,
    )


def _from_noun(noun: Token) -> Attribution | None:
    """An attribution carried by a noun the cue model takes for a cue: "Trump's attacks on
    the process", "questions about whether he will run", "the claim that X", "his strategy
    to compete everywhere". The complement is the content; the owner ("Trump's", "his") or
    the agent ("endorsements from the unions") the source, none when the text names none."""
    doc = noun.doc
    frame = frame_of(noun)
    if frame == "acl":
        clause = next(c for c in noun.children if c.dep_ == "acl" and c.i > noun.i)
        content = _intention_chars(clause)
    elif frame.startswith("prep:"):
        content = _object_chars(noun, frame)
    else:
        return None
    if content[0] < 0:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in ("by", "from") and prep.i > noun.i:
                owner = next((g for g in prep.children if g.dep_ == "pobj"), None)
    if owner is None and noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        owner = _subject(noun.head)  # "Trump voiced his criticism of ...": the one who voices
    speaker_span = (owner.left_edge.i, owner.right_edge.i + 1) if owner is not None else None
    if speaker_span is not None:
        s_start, s_end = doc[speaker_span[0]].idx, doc[speaker_span[1] - 1].idx
        if s_start < content[1] and content[0] <= s_end:
            return None
    return Attribution(
        cue_i=noun.i,
        cue=noun.lemma_.lower(),
        stance="hedge" if noun.lemma_.lower() in HEDGE_SPEAKER_NOUNS else "assert",
        direct=False,
        content_start=content[0],
        content_end=content[1],
        speaker_span=speaker_span,
        speaker_head=owner.i if owner is not None else None,
        learned=True,
        intention=True,  # a noun's matter is not a report of the figures in it
    )


def _from_adjective(adj: Token) -> Attribution | None:
    """An attitude carried by a predicate adjective the cue model takes for a cue: "was
    critical of the plan", "is eager to run", "is sure that X". The complement is the
    content, the copula's subject the source."""
    doc = adj.doc
    if adj.dep_ != "acomp" or adj.head.pos_ not in ("AUX", "VERB"):
        return None
    frame = frame_of(adj)
    children = {c.dep_: c for c in adj.children}
    if frame == "ccomp":
        content = _content_chars(children["ccomp"])
    elif frame == "xcomp":
        content = _intention_chars(children["xcomp"])
    elif frame.startswith("prep:"):
        content = _object_chars(adj, frame)
    else:
        return None
    subj = _subject(adj.head)
    if subj is None or content[0] < 0:
        return None
    speaker_span = _speaker_span(subj)
    if _overlaps_speaker(doc, speaker_span, content):
        return None
    return Attribution(
        cue_i=adj.i,
        cue=adj.lemma_.lower(),
        stance="assert",
        direct=False,
        content_start=content[0],
        content_end=content[1],
        speaker_span=speaker_span,
        speaker_head=_speaker_head(subj),
        learned=True,
        intention=True,  # an attitude's matter is not a report of the figures in it
    )


def _circumstance(verb: Token) -> bool:
    """ "X said, citing Y", "asked about the report, X said", "the report, which cited Y":
    a verb that tells the circumstances of a statement or of its speaker, not a claim."""
    head = verb.head
    if (
        verb.dep_ in ("advcl", "relcl", "acl", "xcomp", "conj")
        and head.lemma_.lower() in REPORTING_VERBS
    ):
        return True
    return (
        verb.dep_ in ("relcl", "acl")
        and head.dep_ in SUBJECT_DEPS
        and head.head.lemma_.lower() in REPORTING_VERBS
    )


def _object_chars(verb: Token, frame: str) -> tuple[int, int]:
    """The matter of an attitude cue: its object ("praised the soldiers", "referred to the
    plan"), with what the verb adds after it ("endorsed Cruz for president")."""
    doc = verb.doc
    if frame == "dobj":
        obj = next(c for c in verb.children if c.dep_ == "dobj")
    else:
        prep = next(
            c for c in verb.children if c.dep_ == "prep" and c.lower_ == frame.partition(":")[2]
        )
        obj = next(g for g in prep.children if g.dep_ in ("pobj", "pcomp"))
    end = obj.right_edge.i + 1
    for child in verb.rights:
        if child.i > obj.i and child.dep_ in OBJECT_TAIL_DEPS:
            end = max(end, child.right_edge.i + 1)
    return _trimmed_chars(doc, obj.left_edge.i, _without_tail(doc, obj.i, end))


def _restates(doc: Doc, item: Attribution, others: list[Attribution]) -> bool:
    """A learned attribution whose content is mostly a hand-found claim's content ("X said
    Russia appears to have sent ..."): the same proposition, already attributed."""
    for other in others:
        if other.learned or other is item:
            continue
        inter = min(item.content_end, other.content_end) - max(
            item.content_start, other.content_start
        )
        if inter > 0.5 * (item.content_end - item.content_start):
            return True
    return False


def _quoted(starts: list[int], quotes: list[tuple[int, int]], at: int) -> bool:
    """Whether char `at` lies inside one of the (ordered, disjoint) quotations."""
    k = bisect_right(starts, at) - 1
    return k >= 0 and at < quotes[k][1]


def _proposed(
    tok: Token,
    model: CueModel | None,
    propose: CueModel | None,
    quote_starts: list[int],
    quotes: list[tuple[int, int]],
) -> bool:
    """Whether the cue model takes a verb for a learned cue. Under its own threshold, at the
    filter's lower one, a verb is proposed with a clause, an intention or an object ("voters
    who back the senator", "has opposed the bill"), the filter sifting them, but not as the
    circumstance of a statement ("Speaking to broadcaster SBS, Shin said")."""
    if model is None or propose is None:
        return False
    quoted = _quoted(quote_starts, quotes, tok.idx)
    if model.is_cue(tok, quoted):
        return True
    if propose is model or _circumstance(tok):
        return False
    if frame_of(tok) in OBJECT_FRAMES and (_is_negated(tok) or _nobody_does(tok)):
        return False  # "did not respond to requests", "neither side backed it": no act
    return propose.is_cue(tok, quoted)


NO_ONE_DETS = frozenset({"no", "neither"})
NO_ONE = frozenset({"nobody", "none", "neither", "no-one"})


def _nobody_does(verb: Token) -> bool:
    """Whether the verb's subject is no one ("Neither government responded", "No official
    backed it", "nobody supports it")."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return False
    return subj.lower_ in NO_ONE or any(
        c.dep_ in ("det", "preconj") and c.lower_ in NO_ONE_DETS for c in subj.children
    )


def _bare_participle(tok: Token) -> bool:
    """A past participle with no auxiliary that the parser made the sentence's root ("...
    Yersinia pestis - a bacteria usually found in small mammals"): it reports nothing, whatever
    hangs on it; "was found", "has said", "said" itself (VBD) and a named subject's verb are
    verbs of a clause."""
    if tok.tag_ != "VBN" or tok.dep_ != "ROOT":
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        return False
    # a named subject ("Trump said", tagged VBN now and then) keeps its verb
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    return not any(s.pos_ in ("PROPN", "PRON") or s.ent_type_ for s in subjects)


def find_attributions(doc: Doc) -> list[Attribution]:
    """Every attribution in `doc`, nested ones folded into their innermost source."""
    quotes = find_quotes(text_of(doc))
    model = load_cue_model()
    sieve = load_claim_filter()
    # the cue model proposes learned cues at the filter's lower threshold; the filter sifts
    propose = proposing(model, sieve) if model is not None else None
    quote_starts = [q[0] for q in quotes]
    found: list[Attribution] = []
    for tok in doc:
        low = tok.lower_
        if _bare_participle(tok):
            continue
        if low in ("according", "per"):
            item = _according_to(tok)
            if item:
                found.append(item)
        elif low == "in":
            item = _finding_in(tok)
            if item:
                found.append(item)
        elif low in HEDGE_ADVERBS:
            item = _hedge_adverb(tok)
            if item:
                found.append(item)
        elif tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in REPORTING_VERBS:
            # Inside a quotation ("I think", "as I said") a reporting verb is the quoted
            # speaker's own phrasing, rarely an attribution of the article's: the model says.
            quoted = _quoted(quote_starts, quotes, tok.idx)
            if quoted and model is not None and not model.is_cue(tok, quoted):
                continue
            items = _from_verb(tok, quotes)
            if (
                not items
                and propose is not None
                and model is not None
                and _proposed(tok, model, propose, quote_starts, quotes)
                and not _is_negated(tok)
                and (frame_of(tok) in LEARNED_FRAMES or frame_of(tok) in OBJECT_FRAMES)
            ):
                # a clause the lexicon's rules do not read ("pledged to enact reform"): read
                # as the model's cues are
                learned = _from_learned(tok, quotes)
                items = [learned] if learned is not None else []
            found.extend(items)
        elif tok.pos_ == "VERB" and _proposed(tok, model, propose, quote_starts, quotes):
            item = _from_learned(tok, quotes)
            if item:
                found.append(item)
        elif tok.pos_ == "VERB" and _reports_quote(tok, quotes):
            item = _from_quoting(tok, quotes)
            if item:
                found.append(item)
        elif (
            tok.pos_ in ("NOUN", "ADJ")
            and propose is not None
            and propose.is_cue(tok, _quoted(quote_starts, quotes, tok.idx))
        ):
            item = _from_noun(tok) if tok.pos_ == "NOUN" else _from_adjective(tok)
            if item:
                found.append(item)
    found.extend(_colon_lines(doc))
    found = [
        item
        for item in found
        if _within_paragraph(doc, item)
        and (
            item.speaker_span is None
            or "\n" not in doc[item.speaker_span[0] : item.speaker_span[1]].text
        )
    ]
    for item in found:
        item.speaker = _span_text(doc, item.speaker_span)
        item.via = _span_text(doc, item.via_span)
        if item.speaker_span is not None:
            words = {t.lower_ for t in doc[item.speaker_span[0] : item.speaker_span[1]]}
            if words & HEDGE_SOURCE_WORDS or (words & {"familiar"}):
                item.stance = "hedge" if item.stance == "assert" else item.stance
            if (
                item.speaker_head is not None
                and doc[item.speaker_head].lower_ in HEDGE_SPEAKER_NOUNS
            ):
                item.stance = "hedge" if item.stance == "assert" else item.stance
        if item.via_span is not None:
            words = {t.lower_ for t in doc[item.via_span[0] : item.via_span[1]]}
            if words & HEDGE_SOURCE_WORDS or "familiar" in words:
                item.stance = "hedge" if item.stance == "assert" else item.stance
        stance = _inner_stance(doc, item.content_start, item.content_end, item.stance)
        if not item.direct or stance == "deny":
            item.stance = stance
    # The halves of one split quotation share a stance.
    for a, b in pairwise(found):
        if a.cue_i == b.cue_i and a.direct and b.direct and "deny" in (a.stance, b.stance):
            a.stance = b.stance = "deny"
    found = [item for item in found if not (item.learned and _restates(doc, item, found))]
    # "X said, citing Y, that ...": Y is the claim's `via`, "citing Y" no claim of its own
    cited = {o.via_span for o in found if o.via_span is not None}
    found = [
        item
        for item in found
        if not (doc[item.cue_i].lemma_ == "cite" and _content_tokens(doc, item) in cited)
    ]
    found.sort(key=lambda a: (a.content_start, a.cue_i))
    unique: list[Attribution] = []
    for item in found:
        # one content, one claim: a participle ("..., emphasizing") repeats its head's quote
        if unique and (unique[-1].content_start, unique[-1].content_end) == (
            item.content_start,
            item.content_end,
        ):
            continue
        unique.append(item)
    folded = [
        item
        for item in _fold_nested(doc, unique)
        if not _addresses_the_reader(doc, item, quote_starts, quotes)
    ]
    if sieve is None or model is None:
        return folded
    objects = load_object_filter() or sieve
    return [
        item
        for item in folded
        if not item.learned
        or (objects if item.attitude else sieve).keeps(
            doc, item, _quoted(quote_starts, quotes, doc[item.cue_i].idx), model
        )
    ]


READER_WORDS = frozenset({"you", "yourself", "yourselves"})


def _addresses_the_reader(
    doc: Doc, item: Attribution, quote_starts: list[int], quotes: list[tuple[int, int]]
) -> bool:
    """ "If you want to retire early", "So now you know that there is an oxygen bar": the
    writer's "you" is the reader, who has said nothing. Inside a quotation "you" is whom the
    speaker addresses, and stays a source as written."""
    if item.speaker_head is None or doc[item.speaker_head].lower_ not in READER_WORDS:
        return False
    return not _quoted(quote_starts, quotes, doc[item.cue_i].idx)


COLON_SPEAKER_TOKENS = 8
COLON_SOURCE_NOUNS = SOURCE_NOUNS | {"poll", "survey", "study", "newspaper", "analysis"}
NAMED_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _colon_lines(doc: Doc) -> list[Attribution]:
    """A line that opens with a name and a colon ("Rubio: I'm Not Interested In Being Vice
    President", "Poll: Trump Ties Clinton", a transcript's "RAMOS: ..."): what follows the
    colon, to the end of the line, is the named one's."""
    text = text_of(doc)
    found: list[Attribution] = []
    line_start = 0
    for tok in doc:
        if tok.i == 0 or "\n" in doc[tok.i - 1].text or "\n" in text[doc[tok.i - 1].idx : tok.idx]:
            line_start = tok.i
        if tok.text != ":" or tok.i - line_start > COLON_SPEAKER_TOKENS or tok.i == line_start:
            continue
        before = [t for t in doc[line_start : tok.i] if not t.is_space]
        if not before or any(
            t.pos_ in ("VERB", "AUX")
            or not (t.is_alpha or _abbreviation(t) or t.text in (".", "-", "'s", "’s"))
            for t in before
        ):
            continue
        quoting = text[tok.idx + 1 : tok.idx + 3].lstrip()[:1] in QUOTE_CHARS
        named = (
            any(
                t.ent_type_ in NAMED_TYPES or t.lemma_.lower() in COLON_SOURCE_NOUNS for t in before
            )
            or any(t.pos_ == "PROPN" for t in before)
            # "Trump: ‘I’m the Worst Thing ...’": a capitalised name before a quotation,
            # whatever tag the parser gave it
            or (quoting and all(t.is_title or not t.is_alpha for t in before))
        )
        if not named or (len(before) == 1 and before[0].is_upper and not before[0].ent_type_):
            continue
        capitals = all(t.is_upper or not t.is_alpha for t in before)
        if line_start == 0 and capitals and not any(t.ent_type_ == "PERSON" for t in before):
            continue  # the dateline that opens a story ("NEW DELHI: ..."), a place
        stop = text.find("\n", tok.idx)
        stop = len(text) if stop < 0 else stop
        end = tok.i + 1
        while end < len(doc) and doc[end].idx < stop:
            end += 1
        if sum(t.is_alpha for t in doc[tok.i + 1 : end]) < 2 or _counted_list(doc[tok.i + 1 : end]):
            continue
        content = _trimmed_chars(doc, tok.i + 1, end, keep_final=True)
        if content[0] < 0:
            continue
        found.append(
            Attribution(
                cue_i=tok.i,
                cue=":",
                stance="assert",
                direct=False,
                content_start=content[0],
                content_end=content[1],
                speaker_span=(before[0].i, before[-1].i + 1),
                speaker_head=doc[before[0].i : before[-1].i + 1].root.i,
                learned=True,
            )
        )
    return found


def _counted_list(tokens: Span) -> bool:
    """A row of counted items with no verb ("Portion Fix Containers: 1 Green, 1 Red, 1 tsp."),
    a label's list, not anyone's statement; a poll's "Clinton 45, Trump 40" names first."""
    if any(t.pos_ in ("VERB", "AUX") for t in tokens):
        return False
    items = " ".join(t.text for t in tokens).split(",")
    counted = sum(1 for item in items if item.split()[:1] and item.split()[0][:1].isdigit())
    return len(items) >= 2 and 2 * counted > len(items)


def _abbreviation(tok: Token) -> bool:
    """A title or initial written with its full stop ("Dr.", "Sen.", "J.")."""
    return tok.text.endswith(".") and tok.text[:-1].isalpha() and len(tok.text) <= 5


def _within_paragraph(doc: Doc, item: Attribution) -> bool:
    """Keep a content inside its cue's paragraph. The parser runs sentences on over a
    paragraph break ("... 'disappointing.' ⏎ 'I'm going to ...,' Clinton said."); the
    paragraph of the cue is what it attributes. False when nothing of it is left."""
    text = text_of(doc)
    start, end = item.content_start, item.content_end
    if "\n" not in text[start:end]:
        return True
    cue = doc[item.cue_i].idx
    if start <= cue < end:
        low, high = text.rfind("\n", start, cue), text.find("\n", cue, end)
        start, end = (low + 1 if low >= 0 else start), (high if high >= 0 else end)
    elif cue >= end:
        start = text.rfind("\n", start, end) + 1
    else:
        end = text.find("\n", start, end)
    while start < end and (text[start].isspace() or text[start] in QUOTE_CHARS + ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in QUOTE_CHARS + ",;:"):
        end -= 1
    if end - start < 3:
        return False
    item.content_start, item.content_end = start, end
    return True


def _span_text(doc: Doc, span: tuple[int, int] | None) -> str | None:
    if span is None:
        return None
    start, end = _trimmed_chars(doc, span[0], span[1])
    return text_of(doc)[start:end] if start >= 0 else None


def _fold_nested(doc: Doc, items: list[Attribution]) -> list[Attribution]:
    """Fold an attribution whose cue lies inside another's content into one claim."""
    drop: set[int] = set()
    for i, outer in enumerate(items):
        for j, inner in enumerate(items):
            if i == j or j in drop or i in drop:
                continue
            cue_char = doc[inner.cue_i].idx
            if not (outer.content_start <= cue_char < outer.content_end):
                continue
            if inner.cue_i == outer.cue_i:
                continue
            cue_tok = doc[inner.cue_i]
            span = doc.char_span(outer.content_start, outer.content_end, alignment_mode="expand")
            if (
                span is not None
                and not inner.impersonal
                and cue_tok.i != span.root.i
                and not (
                    cue_tok.head.i == span.root.i and cue_tok.dep_ in ("ccomp", "conj", "parataxis")
                )
            ):
                continue
            if (
                span is not None
                and not inner.impersonal
                and cue_tok.dep_ == "conj"
                and cue_tok.head.i == span.root.i
                and not inner.direct
                and inner.content_start > cue_tok.idx
            ):
                # "He says he respects Clinton and calls her X": a second act coordinated
                # with the first is no content of the first's; the outer ends before it
                end = cue_tok.left_edge.i
                while end > span.start + 1 and (doc[end - 1].dep_ == "cc" or doc[end - 1].is_punct):
                    end -= 1
                cut = _trimmed_chars(doc, span.start, end)
                if cut[0] >= 0 and cut[1] > cut[0]:
                    outer.content_start, outer.content_end = cut
                    continue
            if inner.impersonal:
                # "X said Y was believed to ...", "X said Y had reportedly ...": X hedges.
                outer.stance = "hedge" if outer.stance == "assert" else outer.stance
                drop.add(j)
                continue
            if inner.cue == "according to" or inner.speaker_head is None:
                continue
            head = doc[inner.speaker_head]
            if head.lower_ in PRONOUNS:
                inner.speaker, inner.speaker_span = outer.speaker, outer.speaker_span
                inner.speaker_head = outer.speaker_head
                inner.via, inner.via_span = outer.via, outer.via_span
                inner.origin_is_via = outer.origin_is_via
            else:
                inner.via, inner.via_span = outer.speaker, outer.speaker_span
            if inner.time_token is None and outer.time_token is not None:
                inner.time_token = outer.time_token
                inner.time_inherited = True
            drop.add(i)
    return [item for k, item in enumerate(items) if k not in drop]


def _class_of(doc: Doc, head: Token, entities: EntityIndex) -> str:
    mention = entities.at(head.i)
    if mention is not None:
        return "PERSON" if mention.type == "PERSON" else "ORG"
    if head.lower_ in PRONOUNS:
        return PRONOUNS[head.lower_]
    if head.tag_ in ("NNS", "NNPS"):
        return "ANY"
    return SPEAKER_CLASSES.get(head.lemma_.lower(), "ANY")


def _canonical(
    doc: Doc, span: tuple[int, int], head_i: int, entities: EntityIndex, depth: int = 0
) -> tuple[str | None, str | None]:
    """(canonical name, entity id) of a speaker phrase, without looking at other claims."""
    head = doc[head_i]
    seat = _seat_of_government(doc, span, head)
    if seat is not None:
        return seat
    mention = entities.at(head_i)
    if mention is not None:
        return mention.name, mention.entity_id
    for child in head.children:
        found = entities.at(child.i) if child.dep_ == "appos" else None
        if found is not None:
            return found.name, found.entity_id
    text = _span_text(doc, span) or ""
    known = lookup_name(text)
    if known is not None:
        return known[0], entity_id(known[0], known[1])
    role = SPEAKER_CLASSES.get(head.lemma_.lower())
    if role == "PERSON" or head.ent_type_ == "PERSON":
        persons = {
            entities.by_token[i].name: entities.by_token[i]
            for i in range(span[0], span[1])
            if i in entities.by_token and entities.by_token[i].type == "PERSON"
        }
        if len(persons) == 1:
            m = next(iter(persons.values()))
            return m.name, m.entity_id
        trailing = _trailing_name(doc, span)
        if trailing is not None:
            return trailing, entity_id(trailing, "PERSON")
    # "NIS officials", "NATO allies": a generic head owned by a named organisation.
    if role is not None or head.lower_ in ("officials", "allies", "sources", "forces"):
        for child in head.children:
            owner = entities.at(child.i) if child.dep_ in ("compound", "poss") else None
            if owner is not None and owner.type == "ORG":
                return owner.name, owner.entity_id
    # "a report by X", "information of X": the source behind the document.
    if depth < 2 and (head.lower_ in SOURCE_NOUNS or head.lemma_ in SOURCE_NOUNS):
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of"):
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    sub = (pobj.left_edge.i, pobj.right_edge.i + 1)
                    name, ent = _canonical(doc, sub, pobj.i, entities, depth + 1)
                    if name is not None:
                        return name, ent
    # "the information of intelligence agency of South Korea"
    for i in range(span[0], span[1]):
        tok = doc[i]
        if tok.pos_ == "NOUN" and tok.i != head_i and tok.dep_ == "pobj":
            known = lookup_name(doc[tok.left_edge.i : tok.right_edge.i + 1].text)
            if known is not None:
                return known[0], entity_id(known[0], known[1])
    return None, None


def _seat_key(text: str) -> str:
    low = text.lower().replace("é", "e")
    return low[4:] if low.startswith("the ") else low


def _seat_of_government(
    doc: Doc, span: tuple[int, int], head: Token
) -> tuple[str | None, str | None] | None:
    """A capital speaking for its government: "Seoul said" is South Korea, "the Kremlin"
    Russia; "Seoul's spy agency" is read as "South Korea's spy agency", "Moscow's defence
    ministry" as "Russian defence ministry"."""
    text = _span_text(doc, span) or ""
    seat = SEATS_OF_GOVERNMENT.get(_seat_key(text))
    if seat is not None:
        return seat[0], entity_id(seat[0], "GPE")
    for child in head.children:
        if child.dep_ != "poss" or child.i < span[0]:
            continue
        owner = doc[child.left_edge.i : child.i + 1].text
        seat = SEATS_OF_GOVERNMENT.get(_seat_key(owner))
        if seat is None:
            continue
        rest = doc[child.i + 1 : span[1]].text
        if rest.startswith(("'s", "’s")):
            rest = rest[2:].lstrip()
        known = lookup_name(f"{seat[0]}'s {rest}")
        if known is not None:
            return known[0], entity_id(known[0], known[1])
        return f"{seat[1]} {rest}", None
    return None


def _trailing_name(doc: Doc, span: tuple[int, int]) -> str | None:
    """ "The defence minister of Ukraine Rustem Umerov": the name closing a role phrase."""
    end = span[1]
    start = end
    while start > span[0] and doc[start - 1].pos_ == "PROPN":
        start -= 1
    words = [t.text for t in doc[start:end]]
    while words and lookup_name(words[0]) is not None:
        words = words[1:]
    if len(words) >= 2 and start > span[0]:
        return " ".join(words)
    return None


def _short_speaker(doc: Doc, item: Attribution) -> str | None:
    """The speaker phrase up to its head noun ("Russian bloggers who shared the clip" ->
    "Russian bloggers"), used as the source of a figure when no entity is known."""
    if item.speaker_span is None or item.speaker_head is None:
        return item.speaker
    start = item.speaker_span[0]
    while start < item.speaker_head and (
        doc[start].pos_ == "DET" or (doc[start].pos_ == "ADJ" and doc[start].is_lower)
    ):
        start += 1
    if start <= item.speaker_head < item.speaker_span[1]:
        return doc[start : item.speaker_head + 1].text
    return item.speaker


def resolve_speakers(doc: Doc, items: list[Attribution], entities: EntityIndex) -> SpeakerResolver:
    """Give each attribution a canonical speaker: its own entity, or for a pronoun or a
    definite description ("he", "The spy agency", "The statement") the entity it refers to
    (`speakers.SpeakerResolver`), failing that the nearest compatible earlier speaker.
    Returns the resolver, for the figure sources that name a speaker the same way."""
    resolver = SpeakerResolver.build(doc, entities)
    history: list[Attribution] = []
    for item in sorted(items, key=lambda a: a.cue_i):
        if item.speaker_span is None or item.speaker_head is None:
            item.origin_name = None
            continue
        head = doc[item.speaker_head]
        item.cls = _class_of(doc, head, entities)
        name, ent = _canonical(doc, item.speaker_span, item.speaker_head, entities)
        first = doc[item.speaker_span[0]].lower_
        anaphoric = head.lower_ in PRONOUNS or (
            name is None
            and first in ("the", "this", "that")
            and item.speaker_span[1] - item.speaker_span[0] <= 4
        )
        if name is None and anaphoric:
            found = (
                resolver.pronoun(head.i) if head.lower_ in PRONOUNS else resolver.description(head)
            )
            if found is not None:
                name, ent = found.name, found.entity_id
            else:
                name, ent = _antecedent(doc, item, history, entities)
                if not resolver.fits(ent, head):
                    name, ent = None, None
        item.name, item.entity_id = name, ent
        if not item.attitude:  # "voters who back Lane" names no one a later "he" stands for
            history.append(item)
    for item in items:
        if item.via_span is not None:
            item.via_name = _via_canonical(doc, item, resolver, entities)[0] or item.via
        if item.source_span is not None:
            item.origin_name = doc[item.source_span[0] : item.source_span[1]].text
            item.origin_entity_id = None
        elif item.origin_is_via and item.via_span is not None:
            vname, vent = _via_canonical(doc, item, resolver, entities)
            item.origin_name = vname or item.via
            item.origin_entity_id = vent
        else:
            item.origin_name = item.name or _short_speaker(doc, item)
            item.origin_entity_id = item.entity_id
    return resolver


def _via_canonical(
    doc: Doc, item: Attribution, resolver: SpeakerResolver, entities: EntityIndex
) -> tuple[str | None, str | None]:
    """The entity of an upstream source: its own name, else what its pronoun or description
    ("citing the spy agency") refers to."""
    assert item.via_span is not None
    vhead = _span_head(doc, item.via_span)
    name, ent = _canonical(doc, item.via_span, vhead, entities)
    if name is None:
        found = resolver.referent_at(doc[vhead]) or resolver.description(doc[vhead])
        if found is not None:
            name, ent = found.name, found.entity_id
    return name, ent


def _span_head(doc: Doc, span: tuple[int, int]) -> int:
    return doc[span[0] : span[1]].root.i


def _antecedent(
    doc: Doc, item: Attribution, history: list[Attribution], entities: EntityIndex
) -> tuple[str | None, str | None]:
    """The nearest earlier speaker (or named entity) that a pronoun or "the <noun>" can
    refer to: same head noun first, then the same class (person vs organisation)."""
    assert item.speaker_head is not None
    head = doc[item.speaker_head]
    lemma = head.lemma_.lower()
    pronoun = head.lower_ in PRONOUNS
    for prev in reversed(history):
        if prev.speaker is None or prev.speaker_head is None:
            continue
        if not pronoun and doc[prev.speaker_head].lemma_.lower() == lemma:
            return prev.name or _short_speaker(doc, prev), prev.entity_id
    for prev in reversed(history):
        if prev.speaker is None or prev.speaker_head is None:
            continue
        if (item.cls == "ANY" and pronoun) or (prev.cls == item.cls and item.cls != "ANY"):
            return prev.name or _short_speaker(doc, prev), prev.entity_id
    if not pronoun:
        # "The report": the nearest earlier noun phrase with the same head.
        for k in range(item.speaker_head - 1, -1, -1):
            tok = doc[k]
            first = item.speaker_span[0] if item.speaker_span is not None else 0
            if tok.lemma_.lower() == lemma and tok.pos_ == "NOUN" and k < first:
                start = tok.left_edge.i
                while start < k and doc[start].pos_ == "DET":
                    start += 1
                return doc[start : k + 1].text, None
    if not pronoun and item.cls != "PERSON":
        return None, None
    want = ("PERSON",) if item.cls == "PERSON" else ("ORG", "GPE", "NORP")
    before = head.idx
    for mention in reversed(entities.mentions):
        if mention.start < before and mention.type in want:
            return mention.name, mention.entity_id
    return None, None
