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
key, the frame key to a word class, the class to the overall rate.

The word class ("*|ccomp|p|that|p", "*n:|prep:of|-||p") is what the parse says of a word
without naming it: its part of speech, its frame, who its subject is (a person or
organisation, another noun, none), the word marking its clause ("that", "whether") and whether
it stands in a quotation. It is counted over the words seen fewer than `RARE` times in the
train months only, so that a verb never seen there ("he groused that ...") gets the rate of
the long tail in its frame, not of "say". `python -m newsgraph.extract.train_cues` rebuilds it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
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
PERSONAL = frozenset({"he", "she", "they", "who", "i", "we", "you", "it"})
NAMED = frozenset({"PERSON", "ORG", "NORP", "GPE"})
RARE = 10  # words seen fewer times than this in the train months feed the class rates

Keys = tuple[str, str, str]


def _subject_class(verb: Token) -> str:
    """ "p": a person or organisation (a name, a personal pronoun), "n": another noun, "-":
    none. A noun's owner ("Trump's attacks") counts as its subject."""
    deps = ("nsubj", "nsubjpass", "poss") if verb.pos_ == "NOUN" else ("nsubj", "nsubjpass")
    holder = verb.head if verb.dep_ == "acomp" else verb
    subj = next((c for c in holder.children if c.dep_ in deps), None)
    if subj is None:
        return "-"
    if subj.lower_ in PERSONAL or subj.pos_ == "PROPN" or subj.ent_type_ in NAMED:
        return "p"
    return "n"


def word_of(tok: Token) -> str:
    """The model's name for a word: its lemma, after "n:" for a noun, "a:" for an adjective."""
    return f"{POS_PREFIX.get(tok.pos_, '')}{tok.lemma_.lower()}"


def keys_of(verb: Token, quoted: bool) -> Keys:
    """The model's keys for a token: "lemma|frame", "lemma|frame|context" and its class."""
    frame = frame_of(verb)
    base = f"{word_of(verb)}|{frame}"
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    person = "12" if subj is not None and subj.lower_ in FIRST_SECOND else "3"
    mark = ""
    if frame == "ccomp":
        clause = next(c for c in verb.children if c.dep_ == "ccomp")
        mark = next((c.lower_ for c in clause.children if c.dep_ == "mark"), "0")
    place = "q" if quoted else "p"
    cls = f"*{POS_PREFIX.get(verb.pos_, '')}|{frame}|{_subject_class(verb)}|{mark}|{place}"
    return base, f"{base}|{place}{person}", cls


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

    # The highest class rate: a word whose every key stays under the threshold with this
    # as its prior is no cue in any frame.
    class_max: float = field(init=False)

    # "*n:|prep:of": the part of speech and frame of the classes at or over the threshold;
    # a word outside `cue_words` in any other frame is no cue.
    hot_frames: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        classes = {k: self._smoothed(k, self.prior) for k in self.counts if k.startswith("*")}
        class_max = max([self.prior, *classes.values()])
        object.__setattr__(self, "class_max", class_max)
        hot = frozenset(
            "|".join(k.split("|")[:2]) for k, p in classes.items() if p >= self.threshold
        )
        object.__setattr__(self, "hot_frames", hot)
        best: dict[str, float] = {}
        for key in self.counts:
            if key.startswith("*"):
                continue
            parts = key.split("|")
            base = self._smoothed("|".join(parts[:2]), class_max)
            value = base if len(parts) == 2 else self._smoothed(key, base)
            best[parts[0]] = max(best.get(parts[0], 0.0), value)
        words = frozenset(w for w, p in best.items() if p >= self.threshold)
        object.__setattr__(self, "cue_words", words)

    def _smoothed(self, key: str, prior: float) -> float:
        cue, total = self.counts.get(key, (0, 0))
        return (cue + self.strength * prior) / (total + self.strength)

    def probability(self, keys: Keys) -> float:
        """P(cue) of a token with these keys, each level smoothed towards the one above."""
        cls = self._smoothed(keys[2], self.prior)
        return self._smoothed(keys[1], self._smoothed(keys[0], cls))

    def is_cue(self, verb: Token, quoted: bool) -> bool:
        """Whether the model takes this token, in its frame and context, for a cue."""
        if word_of(verb) not in self.cue_words and self.prior < self.threshold:
            if self.class_max < self.threshold:
                return False
            if f"*{POS_PREFIX.get(verb.pos_, '')}|{frame_of(verb)}" not in self.hot_frames:
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


def shipped_json(name: str) -> dict[str, object] | None:
    """A model file shipped in this package, read as JSON; None when it is not there."""
    try:
        text = resources.files("newsgraph.extract").joinpath(name).read_text("utf-8")
    except FileNotFoundError:
        return None
    data: dict[str, object] = json.loads(text)
    return data


@cache
def _shipped() -> CueModel | None:
    data = shipped_json(MODEL_FILE)
    return CueModel.from_json(data) if data is not None else None


_TRIAL: list[CueModel] = []  # set only while `train_cues` scores a candidate model


def load_cue_model() -> CueModel | None:
    """The shipped model (or the candidate `trial` sets), None when the package has none."""
    return _TRIAL[-1] if _TRIAL else _shipped()


@contextmanager
def trial(model: CueModel) -> Iterator[None]:
    """Extract with `model` instead of the shipped one inside the block (training only)."""
    _TRIAL.append(model)
    try:
        yield
    finally:
        _TRIAL.pop()
