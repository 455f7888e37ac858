"""A learned table of attribution cues: how often a verb, in a given frame, introduces an
attribution in annotated news (PolNeAR's train months), smoothed towards a prior.

The hand lexicon (`cues.REPORTING_VERBS`) covers speech and the common beliefs; annotators
also attribute what people want, plan, expect, know, propose, criticise or are shown to do,
a long tail no hand list keeps up with. Each entry is keyed "lemma|frame", the frame being
the verb's complement ("ccomp", "xcomp", "dobj", "prep:<word>" or "none"), and again
"lemma|frame|context", the context saying whether the verb stands inside a quotation and
whether its subject is the first or second person ("I think", "you want", mostly not
annotated); the value is [cue count, occurrences]. Nouns are keyed the same way after "n:"
("n:attack|prep:on", "n:claim|acl"): "questions about X", "his strategy to compete"; and
adjectives after "a:" ("a:critical|prep:of": "was critical of X", "a:eager|xcomp"). The context key backs off to the frame
key, the frame key to the overall rate. `python -m newsgraph.extract.train_cues` rebuilds it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from spacy.tokens import Token

MODEL_FILE = "cue_model.json"
FRAME_PREPS = frozenset({"to", "for", "about", "on", "of", "as", "against", "with", "in"})


CUE_POS = frozenset({"VERB", "NOUN", "ADJ"})
POS_PREFIX = {"NOUN": "n:", "ADJ": "a:"}


def frame_of(verb: Token) -> str:
    """The complement a verb (or a noun: "attacks on X", "the claim that X") takes, as the
    model keys it."""
    deps = {c.dep_: c for c in verb.children}
    for dep in ("ccomp", "xcomp", "dobj", "acl"):
        if dep in deps and (dep != "acl" or deps[dep].i > verb.i):
            return dep
    for child in verb.children:
        if (
            child.dep_ == "prep"
            and child.lower_ in FRAME_PREPS
            and child.i > verb.i
            and any(g.dep_ in ("pobj", "pcomp") for g in child.children)
        ):
            return f"prep:{child.lower_}"
    return "none"


FIRST_SECOND = frozenset({"i", "we", "you", "me", "us"})


def keys_of(verb: Token, quoted: bool) -> tuple[str, str]:
    """The model's keys for a verb token: "lemma|frame" and "lemma|frame|context"."""
    prefix = POS_PREFIX.get(verb.pos_, "")
    base = f"{prefix}{verb.lemma_.lower()}|{frame_of(verb)}"
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    person = "12" if subj is not None and subj.lower_ in FIRST_SECOND else "3"
    return base, f"{base}|{'q' if quoted else 'p'}{person}"


@dataclass(frozen=True, slots=True)
class CueModel:
    """Smoothed cue probabilities by key, and the threshold chosen on the train months."""

    counts: dict[str, tuple[int, int]]
    prior: float
    strength: float
    threshold: float
    # Words ("say", "n:attack") with some frame or context at or over the threshold: any
    # other word is no cue whatever its parse, and is not looked at further.
    cue_words: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        best: dict[str, float] = {}
        for key in self.counts:
            parts = key.split("|")
            base = self._smoothed("|".join(parts[:2]), self.prior)
            value = base if len(parts) == 2 else self._smoothed(key, base)
            best[parts[0]] = max(best.get(parts[0], 0.0), value)
        words = frozenset(w for w, p in best.items() if p >= self.threshold)
        object.__setattr__(self, "cue_words", words)

    def _smoothed(self, key: str, prior: float) -> float:
        cue, total = self.counts.get(key, (0, 0))
        return (cue + self.strength * prior) / (total + self.strength)

    def probability(self, keys: tuple[str, str]) -> float:
        """P(cue) of a verb with these keys, each level smoothed towards the one above."""
        return self._smoothed(keys[1], self._smoothed(keys[0], self.prior))

    def is_cue(self, verb: Token, quoted: bool) -> bool:
        """Whether the model takes this verb, in its frame and context, for a cue."""
        word = f"{POS_PREFIX.get(verb.pos_, '')}{verb.lemma_.lower()}"
        if self.prior < self.threshold and word not in self.cue_words:
            return False
        return self.probability(keys_of(verb, quoted)) >= self.threshold

    def to_json(self) -> dict[str, object]:
        return {
            "prior": round(self.prior, 6),
            "strength": self.strength,
            "threshold": self.threshold,
            "counts": {k: list(v) for k, v in sorted(self.counts.items())},
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> CueModel:
        counts = data["counts"]
        assert isinstance(counts, dict)
        return cls(
            counts={str(k): (int(v[0]), int(v[1])) for k, v in counts.items()},
            prior=float(data["prior"]),  # type: ignore[arg-type]
            strength=float(data["strength"]),  # type: ignore[arg-type]
            threshold=float(data["threshold"]),  # type: ignore[arg-type]
        )


@cache
def load_cue_model() -> CueModel | None:
    """The shipped model, or None when the package carries none."""
    try:
        text = resources.files("newsgraph.extract").joinpath(MODEL_FILE).read_text("utf-8")
    except FileNotFoundError:
        return None
    return CueModel.from_json(json.loads(text))
