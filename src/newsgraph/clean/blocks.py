"""Scoring the lines of a text scrape as body or furniture, and choosing the article's lines.

Each line gets features of its own (length, sentence ends, stop words, capitals, link-like
tokens) and of its neighbourhood (how much prose surrounds it, where the densest prose run is).
A logistic model trained on the extraction benchmark (`block_training`) turns them into a
probability; the article is the lines above a threshold, closed over short gaps.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from newsgraph.clean import forms

MODEL_FILE = "block_model.json"
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "from",
        "by",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "not",
        "no",
        "will",
        "would",
        "can",
        "could",
        "said",
        "says",
        "also",
        "after",
        "before",
        "about",
        "over",
        "into",
        "than",
        "then",
        "there",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "while",
        "more",
        "most",
        "some",
        "such",
        "only",
        "other",
        "new",
        "one",
        "two",
        "up",
        "out",
        "if",
        "so",
        "just",
        "very",
    ]
)
LINK_LIKE = re.compile(r"https?://|www\.|@\w|#\w|\.com\b|\|", re.IGNORECASE)
FEATURES = (
    "log_words",
    "sentence_end",
    "capital_ratio",
    "stop_ratio",
    "punct_ratio",
    "digit_ratio",
    "link_like",
    "headline_like",
    "furniture",
    "position",
    "repeated",
    "long_line",
    "ctx2_words",
    "ctx5_words",
    "ctx2_sentences",
    "in_dense_run",
    "dense_distance",
    "prev_sentence",
    "next_sentence",
    "sentences",
    "title_prefix",
    "ctx2_title_prefix",
)


@dataclass(slots=True)
class LogisticStage:
    """One logistic layer: standardise the features, weigh them, squash to a probability."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        z = ((features - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self) -> dict[str, object]:
        return {
            "mean": self.mean.round(6).tolist(),
            "scale": self.scale.round(6).tolist(),
            "weights": self.weights.round(6).tolist(),
            "bias": round(self.bias, 6),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LogisticStage:
        return cls(
            mean=np.asarray(data["mean"], dtype=float),
            scale=np.asarray(data["scale"], dtype=float),
            weights=np.asarray(data["weights"], dtype=float),
            bias=float(data["bias"]),
        )


@dataclass(slots=True)
class BlockModel:
    """A logistic layer over the line features, and the threshold chosen in training.

    (A second layer stacked on the neighbours' votes scored lower in cross-validation.)
    """

    stage: LogisticStage
    threshold: float

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        return self.stage.probabilities(features)

    def to_json(self) -> dict[str, object]:
        return {
            "features": list(FEATURES),
            "stage": self.stage.to_json(),
            "threshold": round(self.threshold, 4),
        }


@lru_cache(maxsize=1)
def load_block_model() -> BlockModel | None:
    """The shipped model, read once; None when it is missing (the heuristic scorer is used)."""
    try:
        raw = resources.files("newsgraph.clean").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    data = json.loads(raw)
    if tuple(data["features"]) != FEATURES:
        return None
    return BlockModel(LogisticStage.from_json(data["stage"]), float(data["threshold"]))


def own_features(line: str) -> list[float]:
    """Features of one line judged alone (without furniture flag or context)."""
    words = forms.words_of(line)
    n_words = forms.word_count(line)
    n = max(n_words, 1)
    initials = [word[0] for word in words]
    capitals = sum(map(str.isupper, initials))
    return [
        math.log1p(n_words),
        1.0 if forms.is_sentence_like(line) else 0.0,
        capitals / n,
        sum(map(STOP_WORDS.__contains__, map(str.lower, words))) / n,
        (line.count(".") + line.count(",") + line.count(";") + line.count(":")) / n,
        sum(map(str.isdigit, words)) / n,
        float(len(LINK_LIKE.findall(line))),
        1.0 if forms.is_headline_like(line) else 0.0,
        line.count(". ") + line.count("? ") + line.count("! ") + 1.0,
        # Teasers glue a Title Case headline to its summary; prose rarely opens with one.
        sum(map(str.isupper, initials[:6])) / max(min(len(words), 6), 1),
    ]


def prose_weights(own: np.ndarray, blocked: np.ndarray) -> np.ndarray:
    """Per-line prose weight for the densest-run search: long sentence lines up, the rest down."""
    log_words, sentence_end = own[:, 0], own[:, 1]
    weight = np.where((log_words >= math.log1p(8)) & (sentence_end > 0), np.expm1(log_words), -3.0)
    weight = np.where(
        log_words >= math.log1p(20), np.maximum(weight, np.expm1(log_words) / 2), weight
    )
    return np.where(blocked, -20.0, weight)


def densest_run(weights: np.ndarray) -> tuple[int, int]:
    """Start and end (inclusive) of the run of lines with the largest total weight."""
    best, best_start, best_end = 0.0, 0, -1
    total, start = 0.0, 0
    for i, weight in enumerate(weights.tolist()):
        if total <= 0:
            total, start = 0.0, i
        total += weight
        if total > best:
            best, best_start, best_end = total, start, i
    return best_start, best_end


def window_mean(values: np.ndarray, radius: int) -> np.ndarray:
    """Mean of each value's neighbours within `radius`, the value itself left out."""
    kernel = np.ones(2 * radius + 1)
    kernel[radius] = 0.0
    # "full" then a slice: "same" pads to the kernel's length when the page is shorter.
    n = len(values)
    sums = np.convolve(values, kernel, mode="full")[radius : radius + n]
    counts = np.convolve(np.ones_like(values), kernel, mode="full")[radius : radius + n]
    return sums / np.maximum(counts, 1.0)


def line_features(lines: list[str], blocked: list[bool]) -> np.ndarray:
    """The feature matrix of a page's lines, one row a line, columns in FEATURES order."""
    n = len(lines)
    own = np.asarray([own_features(line) for line in lines], dtype=float).reshape(n, 10)
    flags = np.asarray(blocked, dtype=bool)
    start, end = densest_run(prose_weights(own, flags))
    index = np.arange(n, dtype=float)
    distance = np.where(index < start, start - index, np.where(index > end, index - end, 0.0))
    counts: dict[str, int] = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
    sentence_end = own[:, 1]
    prev_sentence = np.concatenate(([0.0], sentence_end[:-1]))
    next_sentence = np.concatenate((sentence_end[1:], [0.0]))
    columns = [
        own[:, 0],
        own[:, 1],
        own[:, 2],
        own[:, 3],
        own[:, 4],
        own[:, 5],
        np.minimum(own[:, 6], 3.0),
        own[:, 7],
        flags.astype(float),
        index / max(n - 1, 1),
        np.asarray([1.0 if counts[line] > 1 else 0.0 for line in lines]),
        (own[:, 0] >= math.log1p(25)).astype(float),
        window_mean(own[:, 0], 2),
        window_mean(own[:, 0], 5),
        window_mean(sentence_end, 2),
        ((index >= start) & (index <= end)).astype(float),
        np.log1p(distance),
        prev_sentence,
        next_sentence,
        np.minimum(own[:, 8], 10.0),
        own[:, 9],
        window_mean(own[:, 9], 2),
    ]
    return np.column_stack(columns)


def select_lines(probabilities: np.ndarray, blocked: list[bool], threshold: float) -> list[bool]:
    """Lines over the threshold, plus short gaps between two kept lines (subheads, quotes)."""
    keep = [bool(p >= threshold) and not blocked[i] for i, p in enumerate(probabilities.tolist())]
    kept_at = [i for i, flag in enumerate(keep) if flag]
    for left, right in itertools.pairwise(kept_at):
        if 1 < right - left <= 2:
            for i in range(left + 1, right):
                if not blocked[i] and probabilities[i] >= threshold / 2:
                    keep[i] = True
    return keep


def score_lines(lines: list[str], blocked: list[bool]) -> list[bool]:
    """Which lines are the article body."""
    if not lines:
        return []
    features = line_features(lines, blocked)
    model = load_block_model()
    if model is not None:
        keep = select_lines(model.probabilities(features), blocked, model.threshold)
        if any(keep):
            return keep
    # No model, or a page too small or too unusual for it (one paragraph, a language whose
    # stop words it does not know): the densest prose run, less furniture and fragments.
    inside = np.nonzero(features[:, FEATURES.index("in_dense_run")] > 0)[0]
    if not len(inside):
        return [False] * len(lines)
    start, end = int(inside[0]), int(inside[-1])
    return [
        start <= i <= end and not blocked[i] and forms.word_count(lines[i]) >= 3
        for i in range(len(lines))
    ]
