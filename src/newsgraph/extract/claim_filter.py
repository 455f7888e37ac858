"""A learned second look at the attributions the cue model proposes.

The cue model (`cue_model.py`) says how often a word, in its frame, is an annotated cue. Its
threshold trades recall for precision on the word alone. This filter looks at the whole
candidate that the rules built from a learned cue: the cue's word, part of speech, form,
relation and frame, the cue model's probability, whether it stands in a quotation, who the
speaker is (a name, a pronoun, none), how long the content is, how it opens ("that", "to", a
question word) and whether its head is a name, whether it lies after the cue. A logistic
regression over these features, fitted on PolNeAR's train months (Nov 2015-Apr 2016) to say
whether the candidate matches an annotated attribution with its source, keeps the candidates
at or over its threshold. So the cue model can propose more (its `candidate` threshold, lower
than its own: with a clause, an intention or an object) and the filter drops the candidates
whose shape annotators do not mark.

Only learned candidates pass through it; the hand lexicon's claims are kept as they are.
A learned cue's stance towards an object ("members support Senator Ruiz",
`Attribution.attitude`) has a filter of its own, `claim_filter_objects.json`, fitted with
those candidates among its rows: the main filter, fitted before they were proposed, keeps
the clauses and intentions it kept. `python -m newsgraph.extract.train_claim_filter` rebuilds
`claim_filter.json`, with `--objects` `claim_filter_objects.json`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from newsgraph.extract.cue_model import CUE_POS, CueModel, frame_of, keys_of, shipped_json, word_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsgraph.extract.claims import Attribution

FILTER_FILE = "claim_filter.json"
OBJECT_FILTER_FILE = "claim_filter_objects.json"
OPENINGS = frozenset(
    {"that", "to", "whether", "if", "what", "how", "why", "the", "a", "his", "her", "their"}
)


def features(doc: Doc, item: Attribution, quoted: bool, cues: CueModel) -> list[str]:
    """The filter's features of one candidate: names of the properties it has."""
    cue = doc[item.cue_i]
    frame = frame_of(cue)
    word = word_of(cue)
    prob = cues.probability(keys_of(cue, quoted)) if cue.pos_ in CUE_POS else -0.1
    out = [
        f"w={word}",
        f"pos={cue.pos_}",
        f"dep={cue.dep_}",
        f"fr={frame}",
        f"wfr={word}|{frame}",
        f"depfr={cue.dep_}|{frame}",
        f"pb={math.floor(prob * 10)}",
        f"q={int(quoted)}",
        f"dir={int(item.direct)}",
        f"imp={int(item.impersonal)}",
        f"int={int(item.intention)}",
        f"after={int(item.content_start > cue.idx)}",
    ]
    if item.speaker_span is not None:
        head = doc[item.speaker_head if item.speaker_head is not None else item.speaker_span[1] - 1]
        out.append("sp=1")
        out.append(f"sph={head.ent_type_ or head.pos_}")
        out.append(f"spl={head.lower_ if head.pos_ == 'PRON' else '-'}")
    else:
        out.append("sp=0")
    span = doc.char_span(item.content_start, item.content_end, alignment_mode="expand")
    size = len(span) if span is not None else 0
    out.append(f"len={min(int(math.log2(size + 1)), 6)}")
    # the verb's form ("backs", "backing", "backed") and whether the content names someone
    # ("who support the senator"): a stance towards a person or a party is what annotators
    # mark of an object; a participle's object is often the circumstance of another verb
    out.append(f"tag={cue.tag_}")
    if span is not None and size:
        first = span[0]
        out.append(f"first={first.lower_ if first.lower_ in OPENINGS else first.pos_}")
        out.append(f"rootpos={span.root.pos_}")
        out.append(f"rootent={span.root.ent_type_ or '-'}")
    return out


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Logistic-regression weights by feature name, the threshold that keeps a candidate and
    the cue model's threshold for proposing one."""

    weights: dict[str, float]
    bias: float
    threshold: float
    candidate: float

    def probability(self, names: list[str]) -> float:
        score = self.bias + sum(self.weights.get(n, 0.0) for n in names)
        return 1.0 / (1.0 + math.exp(-score))

    def keeps(self, doc: Doc, item: Attribution, quoted: bool, cues: CueModel) -> bool:
        return self.probability(features(doc, item, quoted, cues)) >= self.threshold

    def to_json(self) -> dict[str, object]:
        return {
            "bias": round(self.bias, 6),
            "threshold": self.threshold,
            "candidate": self.candidate,
            "weights": {k: round(v, 6) for k, v in sorted(self.weights.items())},
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> ClaimFilter:
        weights = data["weights"]
        assert isinstance(weights, dict)
        return cls(
            weights={str(k): float(v) for k, v in weights.items()},
            bias=float(data["bias"]),  # type: ignore[arg-type]
            threshold=float(data["threshold"]),  # type: ignore[arg-type]
            candidate=float(data["candidate"]),  # type: ignore[arg-type]
        )


@cache
def _shipped(name: str = FILTER_FILE) -> ClaimFilter | None:
    data = shipped_json(name)
    return ClaimFilter.from_json(data) if data is not None else None


_TRIAL: list[ClaimFilter | None] = []  # set only while training scores a candidate filter


def load_claim_filter() -> ClaimFilter | None:
    """The shipped filter (or the one `trial` sets: None for no filter)."""
    return _TRIAL[-1] if _TRIAL else _shipped()


_OBJECT_TRIAL: list[ClaimFilter | None] = []


def load_object_filter() -> ClaimFilter | None:
    """The filter for a learned cue's stance towards an object ("members support Senator
    Ruiz", `Attribution.attitude`), fitted on those candidates alone: their shape is not a
    clause's. None when not shipped (the main filter sifts them then)."""
    return _OBJECT_TRIAL[-1] if _OBJECT_TRIAL else _shipped(OBJECT_FILTER_FILE)


@contextmanager
def trial(candidate: ClaimFilter | None) -> Iterator[None]:
    """Extract with `candidate` (None: no filter) instead of the shipped filters, for the
    candidates with an object too (training)."""
    _TRIAL.append(candidate)
    _OBJECT_TRIAL.append(candidate)
    try:
        yield
    finally:
        _TRIAL.pop()
        _OBJECT_TRIAL.pop()


@contextmanager
def object_trial(candidate: ClaimFilter | None) -> Iterator[None]:
    """Sift the candidates with an object by `candidate` (None: the main filter) inside the
    block, the others as before (training)."""
    _OBJECT_TRIAL.append(candidate)
    try:
        yield
    finally:
        _OBJECT_TRIAL.pop()


def proposing(cues: CueModel, used: ClaimFilter | None) -> CueModel:
    """The cue model as the filter wants it to propose: at the filter's candidate threshold."""
    if used is None or used.candidate == cues.threshold:
        return cues
    key = (id(cues), used.candidate)
    if key not in _LOWERED:
        _LOWERED[key] = (cues, CueModel(cues.counts, cues.prior, cues.strength, used.candidate))
    return _LOWERED[key][1]


# (id of the cue model, threshold) -> (that model, kept alive; the model at the threshold)
_LOWERED: dict[tuple[int, float], tuple[CueModel, CueModel]] = {}
