"""Who gives a figure: the source a figure's own phrase or sentence names ("according to",
a relative clause, a document's agent, an embedded post's signature), over the claim stage A
found around it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from newsgraph.extract.cues import PRONOUNS
from newsgraph.extract.docindex import sentence_of, text_of
from newsgraph.extract.quantities import NumberPhrase

if TYPE_CHECKING:
    from newsgraph.extract.claims import Attribution
    from newsgraph.extract.speakers import SpeakerResolver


# Verbs of a relative clause that name who gives a figure: "the $53 million figure McKinley
# cited", "the 300 deaths the ministry reported".
SOURCE_CLAUSE_VERBS = frozenset(
    {"cite", "quote", "give", "report", "claim", "estimate", "announce", "publish", "release"}
)
# Verbs of saying that an "according to" can hang from as a relay.
SAYING_VERBS = frozenset({"say", "tell", "add", "state", "announce", "report", "write"})
# Nouns of data whose source is its agent: "data released by MOTIE" (a report that says
# something is its own source: "the report, compiled by 11 member states, said").
DOCUMENT_NOUNS = frozenset({"data", "figures", "statistics", "numbers", "estimates"})


@dataclass(slots=True, frozen=True)
class FigureSource:
    """A figure's source named by the figure's own phrase or sentence, as written; a null
    speaker means the article states the figure itself, whatever claim surrounds it."""

    speaker: str | None
    start_i: int  # the source's tokens, for entity resolution by the caller
    end_i: int
    entity_id: str | None = None  # the entity a pronoun or description refers to, when resolved


@dataclass(slots=True, frozen=True)
class EmbeddedPost:
    """A social-media post quoted in a page, signed below it: "— Name (@handle) Nov 1, 2019"."""

    author: str
    date: str  # as written


# The signature line of an embedded post, as scraped: "— Arvind Kejriwal (@ArvindKejriwal)
# November 1, 2019".
POST_SIGNATURE = re.compile(
    r"^[—–-]\s*(?P<author>[^()\n]{2,60}?)\s*\(@\w{1,30}\)\s*(?P<date>[^\n]{4,40})$"
)
# A post's lines are short, and at most this many stand between a figure and the signature.
POST_LINE_CHARS = 300
POST_LINES = 3


def embedded_post(doc: Doc, token_i: int) -> EmbeddedPost | None:
    """The embedded post a token sits in: its paragraph and the ones down to a signature
    line are all post-short, and the signature follows within `POST_LINES` paragraphs."""
    text = text_of(doc)
    at = doc[token_i].idx
    start = text.rfind("\n\n", 0, at)
    start = 0 if start < 0 else start + 2
    for _ in range(POST_LINES + 1):
        end = text.find("\n\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end].strip()
        if (match := POST_SIGNATURE.match(line)) is not None:
            return EmbeddedPost(match.group("author").strip(), match.group("date").strip())
        if len(line) > POST_LINE_CHARS or end == len(text):
            return None
        start = end + 2
    return None


def figure_source(
    doc: Doc,
    phrase: NumberPhrase,
    claim: Attribution | None,
    resolver: SpeakerResolver | None = None,
) -> FigureSource | None:
    """`_figure_source`, with a source given as a pronoun or a definite description ('"...,"
    she said' a paragraph before, "according to the agency") replaced by the entity it refers
    to, as a claim's speaker is."""
    found = _figure_source(doc, phrase, claim)
    if found is None or found.speaker is None or resolver is None:
        return found
    if found.end_i - found.start_i > 4 or found.end_i <= found.start_i:
        return found
    head = doc[found.start_i : found.end_i].root
    if head.lower_ in PRONOUNS:
        referent = resolver.pronoun(head.i)
    elif doc[found.start_i].lower_ in ("the", "this"):
        referent = resolver.description(head)
    else:
        return found
    if referent is None:
        return found
    return replace(found, speaker=referent.name, entity_id=referent.entity_id)


def _figure_source(
    doc: Doc, phrase: NumberPhrase, claim: Attribution | None
) -> FigureSource | None:
    """The source a figure's own phrase or sentence gives it when its claim gives a wrong one
    or none, else None (the claim's source stands).

    - a reporting relative clause on the counted noun: "the $53 million figure McKinley cited";
    - a sentence's "according to X" for a figure no claim covers, or whose claim took the
      figure itself as its speaker: "According to data released by MOTIE in August, capacity
      reached 1.64 GW" (a document's source is its agent);
    - "he said, according to the Intelligencer": the one who said it, not the paper that
      relayed it.
    """
    if (post := embedded_post(doc, phrase.root_i)) is not None:
        return FigureSource(post.author, phrase.start_i, phrase.start_i)
    if (found := _relative_source(doc, phrase)) is not None:
        return found
    if claim is not None and _aside_outside(doc, phrase, claim):
        return FigureSource(None, phrase.start_i, phrase.start_i)
    if claim is not None and phrase.age and _writers_age(doc, phrase, claim):
        return FigureSource(None, phrase.start_i, phrase.start_i)
    if claim is not None and _price_charged(doc, phrase, claim):
        return FigureSource(None, phrase.start_i, phrase.start_i)
    if claim is not None and _work_written(doc, phrase, claim):
        return FigureSource(None, phrase.start_i, phrase.start_i)
    if claim is not None and _subordinate_claim(doc, phrase, claim):
        return FigureSource(None, phrase.start_i, phrase.start_i)
    if claim is not None and _opening_subordinate(doc, phrase, claim):
        return FigureSource(None, phrase.start_i, phrase.start_i)
    if claim is not None and _adjunct_outside(doc, phrase, claim):
        return FigureSource(None, phrase.start_i, phrase.start_i)
    if claim is not None and (antecedent := _relative_pronoun_antecedent(doc, claim)):
        return antecedent
    broken = claim is not None and _speaker_overlaps(claim, phrase)
    if claim is None or broken:
        return _according_to(doc, phrase) or (_quote_source(doc, phrase) if claim is None else None)
    if claim.speaker_span is not None and claim.via is None:
        head = doc[claim.speaker_span[0] : claim.speaker_span[1]].root
        if (agent := _document_agent(doc, head)) is not None:
            return agent
        # "according to an estimate by a think tank": the work's author ("the report said"
        # keeps the report)
        if _after_according_to(doc, claim.speaker_span) and (author := _work_author(doc, head)):
            return author
    return _relayed_speaker(doc, claim)


# Participles that report in their own right: "Arguing that ..., Patrick has said".
REPORTING_PARTICIPLES = SAYING_VERBS | {"argue", "claim", "note", "insist", "warn", "cite"}


def _adjunct_outside(doc: Doc, phrase: NumberPhrase, claim: Attribution) -> bool:
    """A figure in a participle clause on the claim's verb, outside its content: "Launching
    his bid less than three months before the caucuses, Patrick is betting that ..." (the
    writer sets the scene; the claimant says what follows "that")."""
    if claim.content_start <= phrase.start_char < claim.content_end:
        return False
    cue = doc[claim.cue_i]
    for tok in doc[phrase.root_i].ancestors:
        if tok.i == cue.i:
            return False
        opener = tok.i < cue.i and tok.left_edge.is_sent_start  # before the claimant
        if opener and tok.dep_ == "advcl" and tok.head.i == cue.i and tok.tag_ in ("VBG", "VBN"):
            return tok.lemma_ not in REPORTING_PARTICIPLES and not any(
                c.dep_ == "mark" for c in tok.children
            )
    return False


# Conjunctions of a subordinate clause whose reporting verb gives the reason or the time of
# the main clause, not its source: "Andrew spent 45 seconds explaining ..., because she
# described him as sweating".
SUBORDINATORS = frozenset(
    {"because", "since", "although", "though", "after", "before", "when", "while", "if", "as"}
)


def _opening_subordinate(doc: Doc, phrase: NumberPhrase, claim: Attribution) -> bool:
    """A figure in a finite "After ..."/"When ..." clause that opens the sentence, with a
    subject of its own, before the claimant: the writer's scene, not the claim ("After the
    Dems decided to wage a three-year-long ..., the public has begun to wonder")."""
    if claim.speaker_span is None or phrase.start_i >= claim.speaker_span[0]:
        return False
    for tok in doc[phrase.root_i].ancestors:
        if tok.i >= claim.speaker_span[0]:
            return False
        if tok.dep_ != "advcl" or not tok.left_edge.is_sent_start:
            continue
        marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
        subject = any(
            c.dep_ in ("nsubj", "nsubjpass") and c.i not in range(*claim.speaker_span)
            for c in tok.children
        )
        return bool(marks & SUBORDINATORS) and subject and tok.tag_ in ("VBD", "VBZ", "VBP")
    return False


# Verbs that report when they take a clause ("wrote that ...") but make a work when they take
# an object: "opted to write two Star Trek novels".
MAKING_VERBS = frozenset({"write", "publish", "produce", "compose", "draft", "pen"})


def _work_written(doc: Doc, phrase: NumberPhrase, claim: Attribution) -> bool:
    """A figure in the object of a writing verb that reports nothing: what was written, not
    what the writer says ("Ford opted instead to write two Star Trek novels")."""
    cue = doc[claim.cue_i]
    if cue.lemma_.lower() not in MAKING_VERBS:
        return False
    if any(c.dep_ in ("ccomp", "parataxis") for c in cue.children):
        return False
    root = doc[phrase.root_i]
    return any(c.dep_ == "dobj" and c.left_edge.i <= root.i <= c.right_edge.i for c in cue.children)


def _subordinate_claim(doc: Doc, phrase: NumberPhrase, claim: Attribution) -> bool:
    """A figure of the main clause whose sentence's claim sits in a subordinate clause
    that does not govern it: the claimant's words are that clause's, the figure the writer's
    (even where the claim took the main clause for its content)."""
    cue = doc[claim.cue_i]
    if sentence_of(cue).start != sentence_of(doc[phrase.root_i]).start:
        return False
    if cue.i in {t.i for t in doc[phrase.root_i].ancestors}:
        return False
    clause = cue
    while clause.dep_ not in ("advcl", "ROOT") and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "advcl" or clause.i in {t.i for t in doc[phrase.root_i].ancestors}:
        return False
    return any(c.dep_ == "mark" and c.lower_ in SUBORDINATORS for c in clause.children)


def _price_charged(doc: Doc, phrase: NumberPhrase, claim: Attribution) -> bool:
    """ "The bar charges Rs 299 for fifteen minutes": a price the verb's object states, not
    a charge someone makes; the article states the price and what it buys."""
    cue = doc[claim.cue_i]
    if cue.lemma_.lower() != "charge" or not cue.i < phrase.start_i:
        return False
    objects = [c for c in cue.children if c.dep_ == "dobj"]
    return any(any(t.like_num for t in c.subtree) and c.left_edge.i == cue.i + 1 for c in objects)


def _writers_age(doc: Doc, phrase: NumberPhrase, claim: Attribution) -> bool:
    """An age set off by commas that the writer adds to the speaker's name ("said Singh
    Jabarjung, 24,") or to a name in what someone wants ("the US wants the UK to extradite
    Assange, 47,"): not part of what the source says. In a reported content ("Carlineo, 55,
    pleaded guilty, the office said") it is the source's."""
    if phrase.start_i < 2 or phrase.end_i >= len(doc):
        return False
    before, after = doc[phrase.start_i - 1].text, doc[phrase.end_i].text
    if before not in (",", "(") or after not in (",", ")", "."):
        return False
    if claim.intention:
        return True
    span = claim.speaker_span
    return span is not None and span[0] <= phrase.start_i - 2 < span[1] + 1


ASIDE_MARKS = frozenset({"–", "—", "--", "(", ")"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who"})


def _aside_outside(doc: Doc, phrase: NumberPhrase, claim: Attribution) -> bool:
    """A figure between dashes or in parentheses that its claim's content does not enclose:
    "Sanborn said he thought the campaign – run by a firm with a budget of $449,000 – was
    meant to ...". The aside is the writer's."""
    sent = sentence_of(doc[phrase.root_i])
    before = [t for t in doc[sent.start : phrase.start_i] if t.text in ASIDE_MARKS]
    after = [t for t in doc[phrase.end_i : sent.end] if t.text in ASIDE_MARKS]
    if not before or not after:
        return False
    opening, closing = before[-1], after[0]
    return not (claim.content_start <= opening.idx and closing.idx < claim.content_end)


def _relative_pronoun_antecedent(doc: Doc, claim: Attribution) -> FigureSource | None:
    """ "Cooke's earlier testimony that concluded there was a 50 percent chance": the noun a
    relative pronoun speaker stands for."""
    span = claim.speaker_span
    if span is None or span[1] - span[0] != 1 or doc[span[0]].lower_ not in RELATIVE_PRONOUNS:
        return None
    cue = doc[claim.cue_i]
    if cue.dep_ != "relcl":
        return None
    return _span_source(doc, cue.head.left_edge.i, cue.head.i + 1)


def _span_source(doc: Doc, start: int, end: int) -> FigureSource:
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return FigureSource(doc[start:end].text, start, end)


def _relative_source(doc: Doc, phrase: NumberPhrase) -> FigureSource | None:
    noun = doc[phrase.noun_i] if phrase.noun_i is not None else doc[phrase.root_i]
    for head in (noun, noun.head):
        for child in head.children:
            if child.dep_ != "relcl" or child.lemma_ not in SOURCE_CLAUSE_VERBS:
                continue
            subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ in ("PROPN", "NOUN"):
                return _span_source(doc, subject.left_edge.i, subject.right_edge.i + 1)
        if head.i != noun.i or noun.dep_ != "compound":
            break
    return None


def _speaker_overlaps(claim: Attribution, phrase: NumberPhrase) -> bool:
    span = claim.speaker_span
    return span is not None and span[0] < phrase.end_i and phrase.start_i < span[1]


def _according_to(doc: Doc, phrase: NumberPhrase) -> FigureSource | None:
    sent = sentence_of(doc[phrase.root_i])
    for tok in sent:
        if tok.lower_ != "according" or tok.i + 1 >= sent.end or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.i <= phrase.root_i < pobj.right_edge.i + 1:
            return None
        return (
            _document_agent(doc, pobj)
            or _work_author(doc, pobj)
            or _span_source(doc, pobj.left_edge.i, pobj.right_edge.i + 1)
        )
    return None


# Works whose author is the source a figure is "according to": "according to an estimate by a
# Washington think tank", "according to a study from the university".
WORK_NOUNS = frozenset(
    {"estimate", "report", "study", "analysis", "survey", "assessment", "tally", "count", "poll"}
)


def _work_author(doc: Doc, head: Token) -> FigureSource | None:
    """The author of a work named after "according to": the object of its "by" or "from"."""
    if head.lemma_.lower() not in WORK_NOUNS and head.lower_ not in WORK_NOUNS:
        return None
    for prep in (c for c in head.children if c.dep_ in ("prep", "agent")):
        if prep.lower_ not in ("by", "from"):
            continue
        by = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if by is not None:
            return _span_source(doc, by.left_edge.i, _before_clause(by))
    return None


def _before_clause(tok: Token) -> int:
    """The end of a noun phrase without its participle or relative clause ("a think tank
    published on Tuesday" is the think tank)."""
    end = tok.i + 1
    for child in tok.rights:
        if child.dep_ in ("acl", "relcl") or child.text in (",", "("):
            break
        end = child.right_edge.i + 1
    return end


def _after_according_to(doc: Doc, span: tuple[int, int] | None) -> bool:
    return (
        span is not None
        and span[0] >= 2
        and (doc[span[0] - 2].lower_, doc[span[0] - 1].lower_) == ("according", "to")
    )


def _document_agent(doc: Doc, head: Token) -> FigureSource | None:
    """The agent of a document named as a source: "data released by MOTIE" is MOTIE's."""
    if head.lower_ not in DOCUMENT_NOUNS and head.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    for acl in (c for c in head.children if c.dep_ == "acl"):
        agent = next((c for c in acl.children if c.dep_ == "agent"), None)
        by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        if by is not None:
            return _span_source(doc, by.left_edge.i, by.right_edge.i + 1)
    return None


def _relayed_speaker(doc: Doc, claim: Attribution) -> FigureSource | None:
    span = claim.speaker_span
    if claim.origin_is_via and _after_according_to(doc, claim.via_span) and span is not None:
        # "the commission said, according to Reuters": the commission, relayed by Reuters
        # ("lawmakers said, citing the spy agency" keeps the agency it cites)
        return _span_source(doc, span[0], span[1])
    if span is None or not _after_according_to(doc, span):
        return None
    cue = doc[claim.cue_i]
    according = doc[span[0] - 2]
    if according.head.lemma_ in SAYING_VERBS and according.head.i != according.i:
        cue = according.head  # "..., the commission said, according to Reuters": the saying
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subject is None or span[0] <= subject.i < span[1]:
        return None
    return _span_source(doc, subject.left_edge.i, subject.right_edge.i + 1)


OPENING_QUOTES = ("\u201c", '"')
CLOSING_QUOTES = ("\u201d", '"')
_QUOTE_MARKS = re.compile("[" + "".join(sorted({*OPENING_QUOTES, *CLOSING_QUOTES})) + "]")
# Paragraphs a quotation may run on over ("... he said. / “We aim to build on this ...”"):
# a paragraph that opens a quote and names no one continues the last quoted speaker.
QUOTE_PARAGRAPHS_BACK = 2
# What may follow a closing quotation mark before its speaker: ", the patient described in
# the report." is a speaker clause; a long stretch is a sentence of its own.
SPEAKER_CLAUSE_TOKENS = 12


def _paragraph(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n\n", 0, at)
    start = 0 if start < 0 else start + 2
    end = text.find("\n\n", at)
    return start, len(text) if end < 0 else end


def _quotation(text: str, start: int, end: int, at: int) -> tuple[int, int] | None:
    """The quotation marks around char `at` within paragraph [start, end): the opening mark's
    offset and the closing mark's (`end` when the quote runs on past the paragraph)."""
    opened: int | None = None
    # only the marks matter: the regular expression steps from one to the next (a page with
    # no blank line is a paragraph of its own, and this runs for each figure in it)
    for match in _QUOTE_MARKS.finditer(text, start, end):
        k = match.start()
        ch = text[k]
        if opened is None:
            if k >= at:
                return None  # nothing opens before `at` any more
            if ch in OPENING_QUOTES:
                opened = k
        elif ch in CLOSING_QUOTES and k > opened:
            if k >= at:
                return opened, k
            opened = None
    return (opened, end) if opened is not None else None


def _quote_source(doc: Doc, phrase: NumberPhrase) -> FigureSource | None:
    """The one a quoted figure's words belong to when no claim took them: the subject of the
    short clause after the closing mark (", the patient described in the case report"),
    "explains Team Leader Jane Doe" inverted, or, for a paragraph that opens a quote and names
    no one, the speaker of the quote the paragraphs before it gave."""
    text = text_of(doc)
    at = phrase.start_char
    for back in range(QUOTE_PARAGRAPHS_BACK + 1):
        start, end = _paragraph(text, at)
        quote = _quotation(text, start, end, at)
        if quote is None:
            return None
        if (found := _speaker_after(doc, quote[1], end)) is not None:
            return found
        if back == 0 and (found := _speaker_before(doc, start, quote[0])) is not None:
            return found
        if text[start : quote[0]].strip() or start < 2:
            return None  # the quote does not open its paragraph: nothing runs on into it
        # the paragraph before: its own quote's speaker, if it ends in a quote
        previous = text.rfind("\n\n", 0, start - 2)
        prev_start = 0 if previous < 0 else previous + 2
        closing = max(text.rfind(q, prev_start, start - 2) for q in CLOSING_QUOTES)
        opening = (
            max(text.rfind(q, prev_start, closing) for q in OPENING_QUOTES) if closing > 0 else -1
        )
        if closing < 0 or opening < 0:
            return None
        at = opening + 1
    return None


def _tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="contract")
    return list(span) if span is not None else []


def _speaker_after(doc: Doc, closing: int, end: int) -> FigureSource | None:
    """The speaker clause right after a closing quotation mark, up to its sentence's end."""
    tokens = _tokens_in(doc, closing + 1, end)
    text = text_of(doc)
    if not tokens:
        return None  # the quote closes its text: no clause follows it
    if tokens[0].text == ",":
        tokens = tokens[1:]
    elif tokens[0].text in ("—", "–", "--") and (credit := _credit(doc, tokens[1:])) is not None:
        return credit  # a pull quote credited under it: "“...” — Neil Gaiman"
    elif text[closing - 1 : closing] not in (",", "?", "!"):
        return None  # '“...” is a slogan': the quote is a noun, not a speaker's words
    sent_end = sentence_of(tokens[0]).end
    clause = [t for t in tokens if t.i < sent_end][: SPEAKER_CLAUSE_TOKENS + 1]
    if len(clause) > SPEAKER_CLAUSE_TOKENS or not clause:
        return None
    return _clause_subject(doc, clause)


def _credit(doc: Doc, tokens: list[Token]) -> FigureSource | None:
    """A name alone after a dash that closes a quotation's paragraph: "— Neil Gaiman"."""
    if not 1 <= len(tokens) <= 4 or not all(t.pos_ == "PROPN" or t.text == "." for t in tokens):
        return None
    names = [t for t in tokens if t.pos_ == "PROPN"]
    return _span_source(doc, names[0].i, names[-1].i + 1) if names else None


def _speaker_before(doc: Doc, start: int, opening: int) -> FigureSource | None:
    """A short reporting clause ending in a colon or comma right before the quote: "The
    patient wrote: “...”", "As he related, “...”", "in the words of the patient: “...”"."""
    tokens = _tokens_in(doc, start, opening)
    if not tokens or tokens[-1].text not in (":", ","):
        return None
    sent_start = sentence_of(tokens[-1]).start
    clause = [t for t in tokens[:-1] if t.i >= sent_start]
    if not clause or len(clause) > SPEAKER_CLAUSE_TOKENS:
        return None
    for tok in clause:
        of = next((c for c in tok.children if c.lower_ == "of"), None)
        owner = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if tok.lower_ == "words" and owner is not None:
            return _span_source(doc, owner.left_edge.i, _before_clause(owner))
    verbs = [t for t in clause if t.lemma_.lower() in QUOTE_INTRO_VERBS]
    return _clause_subject(doc, clause, verbs) if verbs else None


# Verbs that introduce a quotation after them ("As he related, “...”", "She wrote: “...”").
QUOTE_INTRO_VERBS = SAYING_VERBS | {
    "relate",
    "describe",
    "explain",
    "comment",
    "recall",
    "put",
    "tweet",
    "post",
    "read",
    "recount",
    "note",
    "insist",
    "warn",
}


def _clause_subject(
    doc: Doc, clause: list[Token], verbs: list[Token] | None = None
) -> FigureSource | None:
    """The subject of the first verb of a short speaker clause (of `verbs` when given)."""
    inside = {t.i for t in clause}
    for verb in clause if verbs is None else verbs:
        if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ", "VBP", "VBN"):
            continue
        if verb.tag_ == "VBN":
            # "the patient described in the report": a past tense the parser took for a
            # participle on the noun before it
            head = verb.head
            on_noun = verb.dep_ == "acl" and head.i == verb.i - 1 and head.i in inside
            if on_noun and head.pos_ in ("PROPN", "NOUN") and head.left_edge.i <= clause[0].i:
                return _span_source(doc, clause[0].i, head.i + 1)
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i in inside), None)
        if subject is None and verb.i + 1 in inside:
            # inverted: "explains SciSpacE Team Leader Jennifer Ngo-Anh"
            after = doc[verb.i + 1]
            noun = next((t for t in doc[after.i : max(inside) + 1] if t.pos_ == "PROPN"), None)
            if noun is not None and noun.dep_ in ("nsubj", "dobj", "attr", "npadvmod", "compound"):
                subject = noun if noun.dep_ != "compound" else noun.head
        if subject is None or subject.pos_ not in ("PROPN", "NOUN", "PRON"):
            continue
        if subject.lower_ in ("it", "this", "that", "which"):
            return None
        return _span_source(doc, subject.left_edge.i, _before_clause(subject))
    return None
