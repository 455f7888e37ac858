"""What a speaker given as a pronoun or a definite description refers to.

One pass over the article resolves every third-person pronoun ("he", "her", "it") to the most
salient compatible entity before it: mentions weigh by their role (a subject counts more than
an object or a possessor) and fade by the sentence; a person's gender comes from the article
(titles, gendered role nouns next to the name, given names, pronouns in sentences naming
nobody else) and rules out a person of the other gender; "it" is an organisation or a place,
never a document. A resolved pronoun counts as a mention of its entity, so a chain of "she
said" paragraphs stays with its speaker. A description ("the company", "the spy agency", "the
actress") goes to the most salient entity of its kind, a document ("The statement said") to
whoever issued it.
"""

from __future__ import annotations

import functools
import json
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from importlib import resources

from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Token

from newsgraph.extract.cues import (
    DOCUMENT_SPEAKERS,
    GENDERED_NOUNS,
    GENDERED_TITLES,
    ORG_KINDS,
    PERSON_ROLES,
    REPORTING_VERBS,
    UNNAMED_PERSONS,
)
from newsgraph.extract.docindex import sentence_starts, text_of
from newsgraph.extract.entities import EntityIndex
from newsgraph.extract.quotes import find_quotes

PRONOUN_GENDER = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
ORG_PRONOUNS = frozenset({"it", "its", "itself"})
UNNAMED = "~"  # the key prefix of a person described but never named
PERSON_OR_ORG_NOUNS = (
    frozenset(ORG_KINDS) | UNNAMED_PERSONS | frozenset(GENDERED_NOUNS) | PERSON_ROLES
)
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# How much a mention's salience keeps per sentence back, and how far back it is looked for.
FADE = 0.5
WINDOW = 6
ORG_TYPES = frozenset({"ORG", "GPE", "NORP"})
# A name inside someone's quotation is a weaker antecedent than one in the article's own words;
# an entity's further mentions add this share of their salience to its best one.
QUOTED = 0.3
OPENING_MARKS = frozenset({"“", '"', "‘"})
CHAIN = 0.2
# A description's words in an entity's name ("the production company", "Dick Clark
# Productions") outweigh a few sentences of salience.
NAMED_BY_DESCRIPTION = 4.0


@dataclass(slots=True)
class Referent:
    """One entity a speaker can refer to: its canonical name and id."""

    name: str
    entity_id: str | None


@dataclass(slots=True)
class _Mention:
    token_i: int
    sent: int
    weight: float
    entity_id: str
    name: str
    type: str
    quote: tuple[int, int] | None = None  # the quotation it stands in, if any


@dataclass(slots=True)
class SpeakerResolver:
    """Pronoun and description resolution over one article's parse and entity mentions."""

    doc: Doc
    entities: EntityIndex
    mentions: list[_Mention] = field(default_factory=list)
    genders: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, set[str]] = field(default_factory=dict)
    pronouns: dict[int, Referent] = field(default_factory=dict)
    _sent_of: list[int] = field(default_factory=list)
    _quotes: list[tuple[int, int]] = field(default_factory=list)
    _quote_starts: list[int] = field(default_factory=list)
    # the tokens each pass reads, found in one scan: pronouns, proper nouns, person and
    # organisation nouns
    _pronouns: list[Token] = field(default_factory=list)
    _propns: list[Token] = field(default_factory=list)
    _nouns: list[Token] = field(default_factory=list)

    @classmethod
    def build(cls, doc: Doc, entities: EntityIndex) -> SpeakerResolver:
        resolver = cls(doc, entities)
        resolver._index()
        return resolver

    def _index(self) -> None:
        doc = self.doc
        sent_of: list[int] = []
        number, previous = -1, -1
        for start in sentence_starts(doc):  # sentence numbers, from the cached starts
            if start != previous:
                number, previous = number + 1, start
            sent_of.append(number)
        self._sent_of = sent_of
        self._quotes = find_quotes(text_of(doc))
        self._quote_starts = [q[0] for q in self._quotes]
        # one scan over the tokens, reading their attributes as integers
        strings = doc.vocab.strings
        pronouns = {strings[w] for w in (*PRONOUN_GENDER, *ORG_PRONOUNS)}
        nouns = {strings[w] for w in PERSON_OR_ORG_NOUNS}
        for tok in doc:
            if tok.lower in pronouns:
                self._pronouns.append(tok)
            elif tok.pos == PROPN:
                self._propns.append(tok)
            elif tok.pos == NOUN and (tok.lemma in nouns or tok.lower in nouns):
                self._nouns.append(tok)
        seen: set[int] = set()
        votes: dict[str, dict[str, float]] = {}
        for mention in self.entities.mentions:
            if mention.entity_id is None or mention.type not in ("PERSON", *ORG_TYPES):
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or span.start in seen:
                continue
            seen.add(span.start)
            head = span.root
            self.mentions.append(
                _Mention(
                    head.i,
                    sent_of[head.i],
                    _role_weight(head),
                    mention.entity_id,
                    mention.name,
                    mention.type,
                    self._quote_at(head.idx),
                )
            )
            if mention.type == "PERSON":
                for gender, weight in _gender_evidence(span, mention.name):
                    tally = votes.setdefault(mention.entity_id, {})
                    tally[gender] = tally.get(gender, 0.0) + weight
                self.kinds.setdefault(mention.entity_id, set()).update(_person_roles(span))
            else:
                self.kinds.setdefault(mention.entity_id, set()).update(_org_kinds(span))
        self._surname_mentions()
        self._unnamed_persons()
        self.mentions.sort(key=lambda m: m.token_i)
        # A gendered pronoun in a sentence that names one person, after that person: a vote.
        by_sent: dict[int, set[str]] = {}
        for m in self.mentions:
            if m.type == "PERSON":
                by_sent.setdefault(m.sent, set()).add(m.entity_id)
        first_in_sent: dict[tuple[int, str], int] = {}
        for m in self.mentions:
            first_in_sent.setdefault((m.sent, m.entity_id), m.token_i)
        for tok in self._pronouns:
            pronoun_gender = PRONOUN_GENDER.get(tok.lower_)
            people = by_sent.get(sent_of[tok.i], set())
            if pronoun_gender is None or len(people) != 1:
                continue
            person = next(iter(people))
            if first_in_sent[(sent_of[tok.i], person)] < tok.i:
                tally = votes.setdefault(person, {})
                tally[pronoun_gender] = tally.get(pronoun_gender, 0.0) + 1.0
        for person, tally in votes.items():
            best = max(tally, key=lambda g: tally[g])
            if tally[best] > sum(tally.values()) - tally[best]:
                self.genders[person] = best
        self._chain()

    def _surname_mentions(self) -> None:
        """A person's surname the tagger missed ("Figgins declined to ..." after "Montell
        Figgins" was named): a proper noun that is a named person's last word is that person."""
        surnames: dict[str, tuple[str, str]] = {}
        for m in self.mentions:
            words = m.name.split()
            if m.type == "PERSON" and len(words) >= 2:
                surnames.setdefault(words[-1], (m.entity_id, m.name))
        for tok in self._propns:
            if tok.i in self.entities.by_token:
                continue
            found = surnames.get(tok.text)
            nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
            if found is None or (nxt is not None and nxt.pos_ == "PROPN"):
                continue
            self.mentions.append(
                _Mention(
                    tok.i,
                    self._sent_of[tok.i],
                    _role_weight(tok),
                    found[0],
                    found[1],
                    "PERSON",
                    self._quote_at(tok.idx),
                )
            )

    def _unnamed_persons(self) -> None:
        """A person the article describes but never names ("the man", "the patient", "a
        senior official") as the subject or possessor of a clause: a referent of its own, so
        that a later "he" continues it instead of the last name; such a pronoun refers to no
        entity."""
        for tok in self._nouns:
            lemma = tok.lemma_.lower()
            if tok.i in self.entities.by_token or tok.tag_ == "NNS":
                continue
            if not (lemma in UNNAMED_PERSONS or lemma in GENDERED_NOUNS or lemma in PERSON_ROLES):
                continue
            if tok.dep_ not in (*SUBJECTS, "poss") or any(
                c.dep_ in ("compound", "poss") and c.i in self.entities.by_token
                for c in tok.children
            ):
                continue  # "Trump's spokesman", "the Senator Ellis": a named one's role
            key = f"{UNNAMED}{tok.i}"
            self.mentions.append(
                _Mention(tok.i, self._sent_of[tok.i], _role_weight(tok), key, tok.text, "PERSON")
            )
            if (gender := GENDERED_NOUNS.get(lemma)) is not None:
                self.genders[key] = gender

    def _chain(self) -> None:
        """Resolve every third-person pronoun in reading order; each resolved one becomes a
        mention of its entity for the pronouns after it."""
        unnamed = {m.token_i: m for m in self.mentions if m.entity_id.startswith(UNNAMED)}
        for tok in sorted([*self._pronouns, *self._nouns], key=lambda t: t.i):
            low = tok.lower_
            if tok.i in unnamed:
                # "the actress" after "Mary Steenburgen": the named one, when the article gave
                # her that role or the noun her gender
                referent = self.description(tok)
                if referent is not None and referent.entity_id is not None:
                    unnamed[tok.i].entity_id = referent.entity_id
                    unnamed[tok.i].name = referent.name
                    self.pronouns[tok.i] = referent
                continue
            if _definite_description(tok) and tok.i not in self.entities.by_token:
                # "The spy agency said ...": the agency it names is mentioned here again
                referent = self.description(tok)
                found = self._last_of(referent.entity_id) if referent else None
                if found is not None:
                    self.pronouns[tok.i] = Referent(found.name, found.entity_id)
                    self._add(tok, found)
                continue
            if low not in PRONOUN_GENDER and low not in ORG_PRONOUNS:
                continue
            if low in ORG_PRONOUNS and (tok.dep_ not in SUBJECTS and tok.dep_ != "poss"):
                continue  # "it" as an object or a dummy subject of "it is" refers rarely
            found = self._best(tok.i, PRONOUN_GENDER.get(low), person=low in PRONOUN_GENDER)
            if found is None:
                continue
            if not found.entity_id.startswith(UNNAMED):
                self.pronouns[tok.i] = Referent(found.name, found.entity_id)
            self._add(tok, found)
            if found.type == "PERSON" and low in PRONOUN_GENDER:
                self.genders.setdefault(found.entity_id, PRONOUN_GENDER[low])

    def _add(self, tok: Token, found: _Mention) -> None:
        chained = _Mention(
            tok.i,
            self._sent_of[tok.i],
            _role_weight(tok),
            found.entity_id,
            found.name,
            found.type,
            self._quote_at(tok.idx),
        )
        insort(self.mentions, chained, key=lambda m: m.token_i)

    def _last_of(self, entity: str | None) -> _Mention | None:
        return next((m for m in reversed(self.mentions) if m.entity_id == entity), None)

    def _quote_at(self, char: int) -> tuple[int, int] | None:
        """The quotation a character stands in; a name just after an opening mark is a
        quoted title or word even where the marks do not pair ('called “Glasgow (“No...')."""
        k = bisect_right(self._quote_starts, char) - 1
        found = self._quotes[k] if k >= 0 and char < self._quotes[k][1] else None
        if found is None and char > 0 and text_of(self.doc)[char - 1] in OPENING_MARKS:
            return (char - 1, char)
        return found

    def _best(
        self,
        token_i: int,
        gender: str | None,
        *,
        person: bool,
        kind: str | None = None,
        role: str | None = None,
        said: frozenset[str] = frozenset(),
    ) -> _Mention | None:
        """The most salient entity mentioned before `token_i` that fits; `said` are words a
        description gives its referent, which an entity holding them in its name fits best."""
        here = self._sent_of[token_i]
        clause = _clause_of(self.doc[token_i])
        own_quote = self._quote_at(self.doc[token_i].idx)
        scores: dict[str, list[float]] = {}
        last: dict[str, _Mention] = {}
        first = bisect_left(self.mentions, here - WINDOW, key=lambda m: m.sent)
        for m in self.mentions[first:]:
            if m.token_i >= token_i:
                break
            distance = here - m.sent
            # a name holding the description's words is that organisation whatever its type
            # ("Dick Clark Productions" read as a person)
            named = bool(said) and bool(said & {_name_stem(w) for w in m.name.casefold().split()})
            if person != (m.type == "PERSON") and not named:
                continue
            if not person and kind is None and m.type != "ORG" and m.weight < 0.5:
                continue  # "it said": not a place things were moved from or to
            if person and gender and self.genders.get(m.entity_id, gender) != gender:
                continue
            if distance == 0 and _clause_of(self.doc[m.token_i]) is clause and m.weight < 1:
                continue  # "Trump attacked Cruz, he said": an object is not its clause's subject
            known = self.kinds.get(m.entity_id)
            if (
                kind is not None
                and ((known and kind not in known) or m.type != "ORG")
                and not named
            ):
                continue
            if (
                m.quote is not None
                and m.quote != own_quote
                and (distance == 0 or _reports(self.doc, m.quote, token_i))
            ):
                continue  # the speaker of a quotation is not someone it names
            weight = m.weight * FADE**distance
            if m.quote is not None and m.quote != own_quote:
                weight *= QUOTED
            if kind is not None and kind in self.kinds.get(m.entity_id, set()):
                weight *= 2
            if role is not None and role in self.kinds.get(m.entity_id, set()):
                weight *= 2
            if named:
                weight *= NAMED_BY_DESCRIPTION
            if person and gender and m.entity_id not in self.genders:
                weight *= 0.6  # a person whose gender the article never shows fits less
            scores.setdefault(m.entity_id, []).append(weight)
            last[m.entity_id] = m
        if not scores:
            return None
        # the best mention decides; the entity's other mentions add a little (a chain of
        # "she said" is salient, but not more than the subject of the sentence before)
        total = {e: max(w) + CHAIN * (sum(w) - max(w)) for e, w in scores.items()}
        best = max(total, key=lambda e: (total[e], last[e].token_i))
        return last[best]

    def fits(self, entity: str | None, word: Token) -> bool:
        """Whether a pronoun or description could refer to `entity` by its gender."""
        gender = PRONOUN_GENDER.get(word.lower_) or GENDERED_NOUNS.get(word.lemma_.lower())
        known = self.genders.get(entity or "")
        return gender is None or known is None or known == gender

    def pronoun(self, token_i: int) -> Referent | None:
        """The entity the pronoun at `token_i` refers to, when one fits."""
        return self.pronouns.get(token_i)

    def description(self, head: Token) -> Referent | None:
        """The entity a definite description names: "the company" the most salient company,
        "the actress" the most salient woman, "the statement" its issuer."""
        lemma = head.lemma_.lower()
        if lemma in DOCUMENT_SPEAKERS:
            return self.issuer(head)
        kind = ORG_KINDS.get(lemma)
        if kind is not None:
            # "the production company" fits "Dick Clark Productions" better than the label
            # named since: what the description says of the company, in its name
            said = frozenset(
                _name_stem(c.lower_)
                for c in head.children
                # a noun, not an adjective: "the new company" is not "New York Times"
                if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")
            )
            found = self._best(head.i, None, person=False, kind=kind, said=said)
            return Referent(found.name, found.entity_id) if found else None
        gender = GENDERED_NOUNS.get(lemma)
        if gender is not None or lemma in PERSON_ROLES:
            found = self._best(head.i, gender, person=True, role=lemma)
            if found is None or found.entity_id.startswith(UNNAMED):
                return None
            if gender is None and lemma not in self._roles(found.entity_id):
                return None  # "the official": a new, unnamed person as often as a named one
            return Referent(found.name, found.entity_id)
        return None

    def _roles(self, entity: str) -> set[str]:
        return self.kinds.get(entity, set())

    def issuer(self, head: Token) -> Referent | None:
        """Who issued the document a speaker names ("The statement said"): the agent of the
        same document named earlier ("X issued a statement", "X said in a statement", "X's
        statement", "a statement from X")."""
        lemma = head.lemma_.lower()
        for k in range(head.i - 1, max(-1, head.i - 400), -1):
            tok = self.doc[k]
            if tok.lemma_.lower() != lemma or tok.pos_ != "NOUN" or tok.tag_ != head.tag_:
                continue  # "her statements" are other documents than "the statement"
            agent = _agent_of(tok)
            if agent is not None:
                return self.referent_at(agent) or self.description(agent)
            det = next((c.lower_ for c in tok.children if c.dep_ == "det"), None)
            if det not in ("the", "this", "that"):
                return None  # the document it names was introduced by nobody we know
        return None

    def referent_at(self, tok: Token) -> Referent | None:
        """The entity a token names: its mention, or its pronoun's referent."""
        mention = self.entities.at(tok.i)
        if mention is not None and mention.entity_id is not None:
            return Referent(mention.name, mention.entity_id)
        return self.pronouns.get(tok.i)


def _name_stem(word: str) -> str:
    """A word of a name or a description without a plural's "s" ("Productions", "production")."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _definite_description(tok: Token) -> bool:
    """ "the company", "this agency", "the production company": a head noun of an
    organisation's kind after a definite determiner."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in ORG_KINDS:
        return False
    det = next((c for c in tok.children if c.dep_ == "det"), None)
    return det is not None and det.lower_ in ("the", "this")


def _reports(doc: Doc, quote: tuple[int, int], token_i: int) -> bool:
    """Whether the token (a speaker) follows the quotation closely: '"...," he said'."""
    between = text_of(doc)[quote[1] : doc[token_i].idx]
    return len(between) <= 3 and "\n" not in between


@functools.cache
def given_names() -> dict[str, str]:
    """Common given names -> "m" / "f", from the package's `given_names.json`."""
    table = json.loads(
        resources.files("newsgraph.extract").joinpath("given_names.json").read_text()
    )
    return {name: gender for gender in ("m", "f") for name in table[gender]}


def _clause_of(tok: Token) -> Token:
    t = tok
    while t.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "conj", "xcomp", "parataxis"):
        if t.head.i == t.i:
            break
        t = t.head
    return t


def _role_weight(tok: Token) -> float:
    """A subject is what a later pronoun most often continues; a possessor or an object less."""
    t = tok
    while t.dep_ in ("compound", "flat", "appos") and t.head.i != t.i:
        t = t.head
    if t.dep_ in SUBJECTS and t.head.lemma_.lower() in REPORTING_VERBS:
        return 1.2  # who spoke last is what a quote-driven article keeps coming back to
    if t.dep_ in SUBJECTS:
        # the main clause's subject is what the next sentence is about, more than a subject
        # in a clause below it ("Figgins declined to say whether Thomas slept")
        return 1.0 if t.head.dep_ in ("ROOT", "conj") else 0.7
    if t.dep_ == "poss":
        return 0.5
    return 0.4


def _gender_evidence(span: object, name: str) -> list[tuple[str, float]]:
    """Votes for a person's gender from one mention: a title before it, a gendered role noun
    next to it ("actress Mary Steenburgen", "Smith, a spokeswoman"), a given name."""
    from spacy.tokens import Span

    assert isinstance(span, Span)
    doc = span.doc
    out: list[tuple[str, float]] = []
    for k in range(max(0, span.start - 3), span.end):
        word = doc[k].lower_
        if word in GENDERED_TITLES:
            out.append((GENDERED_TITLES[word], 3.0))
        elif k < span.start and doc[k].lemma_.lower() in GENDERED_NOUNS:
            out.append((GENDERED_NOUNS[doc[k].lemma_.lower()], 2.0))
    for tok in (span.root, span.root.head):
        for rel in (*tok.children, tok):
            if rel.dep_ == "appos" and rel.lemma_.lower() in GENDERED_NOUNS:
                out.append((GENDERED_NOUNS[rel.lemma_.lower()], 2.0))
    first = name.split()[0].lower() if " " in name else ""
    if (given := given_names().get(first)) is not None:
        out.append((given, 2.0))
    return out


def _person_roles(span: object) -> set[str]:
    """The roles an article gives a person next to the name: "actress Mary Steenburgen",
    "Smith, the novelist", "Senator Ellis"."""
    from spacy.tokens import Span

    assert isinstance(span, Span)
    doc = span.doc
    words = {doc[k].lemma_.lower() for k in range(max(0, span.start - 3), span.end)}
    for tok in (span.root, span.root.head):
        for rel in (*tok.children, tok):
            if rel.dep_ == "appos":
                words.update(t.lemma_.lower() for t in rel.subtree)
    return {w for w in words if w in PERSON_ROLES or w in GENDERED_NOUNS}


def _org_kinds(span: object) -> set[str]:
    """What kind of organisation a mention names, from its own words ("Ministry of Defence",
    "Acme Corp.") and a description beside it ("Legendary, a production company", "the
    Sony company")."""
    from spacy.tokens import Span

    assert isinstance(span, Span)
    kinds = {ORG_KINDS[t.lower_] for t in span if t.lower_ in ORG_KINDS}
    head = span.root
    for rel in (*head.children, head.head):
        if rel.dep_ == "appos" or (rel is head.head and head.dep_ == "compound"):
            kind = ORG_KINDS.get(rel.lemma_.lower())
            if kind is not None:
                kinds.add(kind)
    return kinds


ISSUING_PREPS = frozenset({"by", "from", "of"})


def _agent_of(noun: Token) -> Token | None:
    """Who a document noun belongs to: its possessor, "from/by X", the subject of the verb that
    issued it ("X released a statement") or spoke in it ("X said in a statement")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ISSUING_PREPS:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif noun.dep_ not in ("dobj", "nsubjpass"):
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    if noun.dep_ == "nsubjpass":
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    return next((c for c in verb.children if c.dep_ in SUBJECTS), None)
