"""Events — actor, action, target, place, when — from verb frames (a first pass).

A verb whose lemma is in `ACTIONS` with a subject or an object makes an event; its place is a
GPE/LOC/FAC mention under an "in/to/near/at/from" preposition, its time a resolved DATE attached
to the verb. An event inside a claim's content links to that claim.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.extract.entities import EntityIndex

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
    "retook": "RETAKE",
    "retaken": "RETAKE",
    "recapture": "RETAKE",
    "liberate": "RETAKE",
    "reclaim": "RETAKE",
}
PLACE_PREPS = frozenset({"in", "to", "near", "at", "from", "into", "inside", "outside"})


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
    return tok.doc[tok.left_edge.i : tok.right_edge.i + 1].text if tok.n_lefts < 4 else tok.text


def find_frames(doc: Doc, entities: EntityIndex) -> list[Frame]:
    """One frame per action verb with an actor or a target."""
    frames: list[Frame] = []
    for tok in doc:
        if tok.pos_ != "VERB":
            continue
        # irregular forms the lemmatizer may miss ("retook") are listed as they are written
        action = ACTIONS.get(tok.lemma_.lower()) or ACTIONS.get(tok.lower_)
        if action is None:
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
        if actor is None and target is None:
            continue
        start = tok.left_edge.idx
        end = tok.right_edge.idx + len(tok.right_edge.text)
        frames.append(Frame(start, end, tok.i, actor, action, target, place, when_i))
    return frames
