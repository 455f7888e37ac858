"""What an attributed content is: a statement, an intention or a mere mention.

Annotators of attribution (PolNeAR) mark every content a source is credited with, and so does
`find_attributions`: "declined to comment", "wants North Korean troops to leave", "praised the
country's military strength". An analyst reading "who says what" wants the propositions one
can check, so each claim carries its content's form, read from the parse:

- `statement`: the content holds a finite verb ("the mission was a success"), or a clause
  headed by a participle or gerund ("North Korea for sending soldiers"): a checkable proposition;
- `intention`: no finite verb, and an infinitive ("to send the troops", "the troops to leave")
  or a cue of wanting, asking or deciding ("hopes for a lasting peace");
- `mention`: neither, a noun phrase that states nothing ("the report", "its losses"), unless
  its cue makes it one ("denied any role in the attacks", "confirmed the deployment").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsgraph.records import ClaimForm

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# a participle or gerund that heads a clause inside the content, not one that modifies a noun
# ("the reported losses")
CLAUSAL_DEPS = frozenset({"ROOT", "pcomp", "advcl", "ccomp", "xcomp", "acl", "relcl", "conj"})
# cues whose content is what the source wants done, not what it says is so
WISH_CUES = frozenset(
    {
        "aim",
        "ask",
        "decide",
        "demand",
        "desire",
        "eager",
        "hope",
        "intend",
        "order",
        "plan",
        "pledge",
        "promise",
        "seek",
        "threaten",
        "urge",
        "vow",
        "want",
        "wish",
    }
)


# cues whose noun-phrase content still carries a proposition: "denied any role in the attacks"
# (it had none), "confirmed the deployment" (there was one), "reported its third case"
NOMINAL_STATEMENT_CUES = frozenset(
    {
        "acknowledge",
        "accuse",
        "admit",
        "allege",
        "announce",
        "blame",
        "claim",
        "confirm",
        "deny",
        "dismiss",
        "dispute",
        "refute",
        "reject",
        "report",
    }
)


def content_form(doc: Doc, start: int, end: int, cue: str) -> ClaimForm:
    """The form of the content at characters [start, end) of `doc`, credited through `cue`."""
    span = doc.char_span(start, end, alignment_mode="expand")
    tokens = [t for t in span or () if not t.is_punct and not t.is_space]
    if any(_finite(t) for t in tokens):
        return "statement"
    if cue in WISH_CUES or any(_infinitive(t) for t in tokens):
        return "intention"
    if any(t.tag_ in ("VBG", "VBN") and t.dep_ in CLAUSAL_DEPS for t in tokens):
        return "statement"
    if any(t.dep_ == "oprd" for t in tokens):  # "called it a sacred mission": it is one
        return "statement"
    return "statement" if cue in NOMINAL_STATEMENT_CUES else "mention"


def _finite(token: Token) -> bool:
    if token.tag_ in FINITE_TAGS:
        return True
    # a subjunctive or present form the tagger left as VB, with its own subject ("that they
    # be allowed"), but not the infinitive of "the troops to leave"
    return (
        token.pos_ in ("VERB", "AUX")
        and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children)
        and not _infinitive(token)
    )


def _infinitive(token: Token) -> bool:
    return token.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
