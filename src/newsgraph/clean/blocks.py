"""Scoring the lines of a text scrape as body or furniture, and choosing the article's lines.

Each line gets features of its own (length, sentence ends, stop words, capitals, link-like
tokens) and of its neighbourhood (how much prose surrounds it, where the densest prose run is,
whether it stands above the repeat of the page title). A logistic model trained on the
extraction benchmark (`block_training`) turns them into a probability. The article is then
chosen for the page as a whole: the one stretch of lines that is most likely body (a
maximum-subarray search over the probabilities), and in it the lines above a threshold,
closed over short gaps.
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
from newsgraph.clean.dates import DIGIT, date_line

MODEL_FILE = "block_model.json"
# The body span: lines count for it above this probability, against it below.
SPAN_PROBABILITY = 0.5
# Words a line counts at most in the span search.
SPAN_WORD_CAP = 40
# What a furniture line costs the span, per word (it is never kept either way).
BLOCKED_PENALTY = 0.5
# What a line above the article's headline costs the span, per word, when the page repeats
# its title (see `headline_index`): the article almost always follows that repeat.
HEADLINE_GATE = 0.25
# Lines the body may run on past its span, over a gap of at most this many lines that are
# not kept (a teaser or promo dropped into the article's last paragraphs), while the lines
# after the gap are sentences the model keeps.
TAIL_GAP = 2
# Words a line may have and still be read as a date line (dates.MAX_LINE_WORDS, plus dates).
DATE_LINE_WORDS = 36
# Lines of prior weight on a line's relative position (see `line_features`).
POSITION_PRIOR = 10
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
# Words of the site around an article, not of its story: forms, consent, accounts, promotion.
SITE_WORDS = frozenset(
    [
        "cookie",
        "cookies",
        "privacy",
        "policy",
        "terms",
        "consent",
        "subscribe",
        "subscription",
        "subscribers",
        "newsletter",
        "newsletters",
        "inbox",
        "email",
        "sign",
        "login",
        "log",
        "account",
        "register",
        "password",
        "comment",
        "comments",
        "reply",
        "website",
        "browser",
        "browsing",
        "settings",
        "advertisement",
        "advertising",
        "sponsored",
        "click",
        "tap",
        "download",
        "app",
        "follow",
        "share",
        "trademark",
        "trademarks",
        "rights",
        "reserved",
        "copyright",
        "disclaimer",
        "notifications",
        "offer",
        "deals",
        "shop",
        "buy",
    ]
)
# A picture's furniture: "Image 2 of 5", "3 of 4 ...", "Image caption ...", "... Credit: Agency", "(pictured)".
CAPTION_CUE = re.compile(
    r"^(?:(?:image|photo|picture|media|video)\s+caption\b|(?:(?:image|photo|picture|slide)\s+)?"
    r"\d{1,3}\s+of\s+\d{1,3}\b)|"
    r"\b(?:credit|photo|source)\s?:\s?\S[^.!?]{0,60}$|\(pictured\)|^media\s+playback\b",
    re.IGNORECASE,
)
# A label and a colon opening a line: "Read more: ...", "SEE ALSO: ...", "On Site.com: ...".
LABEL_PREFIX = re.compile(r"^(?:[\w.'’&-]{1,20}\s){0,3}[\w.'’&-]{1,20}\s?:\s+\S")
CUT_OFF_END = re.compile(r"(?:\.\.|…)\s*$")
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
    "before_headline",
    "after_headline",
    "site_words",
    "caption_cue",
    "label_prefix",
    "cut_off",
    "date_line",
    "ctx3_furniture",
    "same_shape",
    "shape_run",
    "blocked_since_headline",
    "introduced_list",
)
# Columns of `own_features`.
OWN = 15


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
    lowered = [word.lower() for word in words]
    return [
        math.log1p(n_words),
        1.0 if forms.is_sentence_like(line) else 0.0,
        capitals / n,
        sum(map(STOP_WORDS.__contains__, lowered)) / n,
        (line.count(".") + line.count(",") + line.count(";") + line.count(":")) / n,
        sum(map(str.isdigit, words)) / n,
        float(len(LINK_LIKE.findall(line))),
        1.0 if forms.is_headline_like(line) else 0.0,
        line.count(". ") + line.count("? ") + line.count("! ") + 1.0,
        # Teasers glue a Title Case headline to its summary; prose rarely opens with one.
        sum(map(str.isupper, initials[:6])) / max(min(len(words), 6), 1),
        sum(map(SITE_WORDS.__contains__, lowered)) / n,
        1.0 if CAPTION_CUE.search(line) else 0.0,
        1.0 if LABEL_PREFIX.match(line) else 0.0,
        1.0 if line.rstrip().endswith(("..", "…")) else 0.0,  # CUT_OFF_END, read from the end
        # A line that states the page's date sits with the headline and byline, above the body.
        # (Long lines are prose or lists, never one: they are not read for dates.)
        # (A line without a digit is no date line: date_line would say so, more slowly.)
        1.0
        if n_words <= DATE_LINE_WORDS and DIGIT.search(line) and date_line(line) is not None
        else 0.0,
    ]


def line_shapes(lines: list[str]) -> list[tuple[str, ...]]:
    """Each line's `forms.shape_of`, computed once for each distinct line of the page."""
    distinct: dict[str, tuple[str, ...]] = {}
    for line in lines:
        if line not in distinct:
            distinct[line] = forms.shape_of(line)
    return [distinct[line] for line in lines]


def shape_runs(
    lines: list[str], shapes: list[tuple[str, ...]] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Whether each line shares its shape with a neighbour, and the length of its run."""
    shapes = shapes if shapes is not None else line_shapes(lines)
    n = len(lines)
    same = np.zeros(n)
    run = np.ones(n)
    start = 0
    for i in range(1, n + 1):
        if i < n and shapes[i] == shapes[i - 1]:
            continue
        if i - start > 1:
            same[start:i] = 1.0
            run[start:i] = i - start
        start = i
    return same, np.log1p(run)


def introduced_lists(lines: list[str], shapes: list[tuple[str, ...]]) -> np.ndarray:
    """1 for the lines of a list that a line ending in a colon announces ("Tour dates:", then
    one row a line, the rows sharing a shape), and for the one line after such a line."""
    n = len(lines)
    found = np.zeros(n)
    for i in range(1, n):
        announced = lines[i - 1].endswith(":")
        if announced or (found[i - 1] and shapes[i] == shapes[i - 1]):
            found[i] = 1.0
    return found


def headline_index(lines: list[str]) -> int | None:
    """Where the page's headline stands above the article: the first later line that repeats
    the <title>-like first line (its site tail cut off), word for word. None when none does.

    Scrapes open with the document title, then navigation and teasers, then the article's own
    headline (the h1) and the article: what comes before that repeat is rarely the body.
    """
    titles = {
        tuple(word.lower() for word in forms.words_of(title)) for title in title_forms(lines[0])
    }
    titles = {title for title in titles if len(title) >= 3}
    if not titles:
        return None
    lengths = {len(title) for title in titles}
    for i in range(1, len(lines)):
        words = forms.words_of(lines[i])
        if len(words) in lengths and tuple(word.lower() for word in words) in titles:
            return i
    return None


def title_forms(title: str, most: int = 4) -> list[str]:
    """A <title>-like line and what is left of it as its site tails are cut one by one
    ("Headline | Site | Section | Topic"): the article's own headline is one of them."""
    found = [title]
    for _ in range(most):
        shorter = forms.SITE_SUFFIX.sub("", found[-1])
        if shorter == found[-1] or len(forms.words_of(shorter)) < 3:
            break
        found.append(shorter)
    return found


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
    # A page repeats many of its lines (menus above and below, share bars): each is read once.
    distinct: dict[str, list[float]] = {}
    for line in lines:
        if line not in distinct:
            distinct[line] = own_features(line)
    own = np.asarray([distinct[line] for line in lines], dtype=float).reshape(n, OWN)
    flags = np.asarray(blocked, dtype=bool)
    start, end = densest_run(prose_weights(own, flags))
    index = np.arange(n, dtype=float)
    distance = np.where(index < start, start - index, np.where(index > end, index - end, 0.0))
    counts: dict[str, int] = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
    shapes = line_shapes(lines)
    headline = headline_index(lines)
    if headline is None:
        before_headline = np.zeros(n)
        after_headline = np.zeros(n)
        blocked_since = np.zeros(n)
    else:
        # Furniture between the headline and a line: the article runs on until the page's
        # footer of related lists, share bars and forms begins.
        seen = np.cumsum(flags)
        blocked_since = np.log1p(np.maximum(seen - seen[headline], 0))
        before_headline = (index < headline).astype(float)
        after_headline = np.where(index > headline, 1.0 / np.maximum(index - headline, 1.0), 0.0)
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
        # Where the line stands, pulled towards the middle on short pages, where it says little.
        (index + POSITION_PRIOR / 2) / (n - 1 + POSITION_PRIOR),
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
        before_headline,
        after_headline,
        own[:, 10],
        own[:, 11],
        own[:, 12],
        own[:, 13],
        own[:, 14],
        window_mean(flags.astype(float), 3),
        *shape_runs(lines, shapes),
        blocked_since,
        introduced_lists(lines, shapes),
    ]
    return np.column_stack(columns)


def body_span(lines: list[str], probabilities: np.ndarray, blocked: list[bool]) -> tuple[int, int]:
    """Start and end (inclusive) of the stretch of lines that is most likely the article.

    The page-level choice: each line weighs (p - SPAN_PROBABILITY) times its length in words
    (capped, so that one long line cannot carry a stretch alone), and the contiguous run of
    the largest total wins (a maximum-subarray search). Pages go wrong as a whole when a
    teaser block or a comment thread outscores the article line by line; a run must pay for
    the weak lines it spans.
    """
    lengths = np.minimum([forms.word_count(line) for line in lines], SPAN_WORD_CAP)
    weights = (probabilities - SPAN_PROBABILITY) * np.maximum(lengths, 1)
    weights = np.where(blocked, -BLOCKED_PENALTY * lengths, weights)
    headline = headline_index(lines)
    if headline is not None:
        weights[:headline] -= HEADLINE_GATE * lengths[:headline]
    return densest_run(weights)


def select_lines(
    lines: list[str], probabilities: np.ndarray, blocked: list[bool], threshold: float
) -> list[bool]:
    """Lines of the body span over the threshold, plus short gaps between two kept lines."""
    start, end = body_span(lines, probabilities, blocked)
    keep = [
        start <= i <= end and bool(p >= threshold) and not blocked[i]
        for i, p in enumerate(probabilities.tolist())
    ]
    extend_tail(lines, probabilities, blocked, threshold, keep, end)
    kept_at = [i for i, flag in enumerate(keep) if flag]
    for left, right in itertools.pairwise(kept_at):
        if 1 < right - left <= 2:
            for i in range(left + 1, right):
                if not blocked[i] and probabilities[i] >= threshold / 2:
                    keep[i] = True
    return drop_opening_headline(lines, keep)


def extend_tail(
    lines: list[str],
    probabilities: np.ndarray,
    blocked: list[bool],
    threshold: float,
    keep: list[bool],
    end: int,
) -> None:
    """Keep the sentences that follow the span's end across a short gap (see TAIL_GAP)."""
    gap = int(TAIL_GAP)
    i = end + 1
    while gap > 0 and i < len(lines):
        stop = min(len(lines), i + gap)
        nxt = next(
            (
                j
                for j in range(i, stop + 1)
                if j < len(lines)
                and not blocked[j]
                and probabilities[j] >= threshold
                and forms.is_sentence_like(lines[j])
            ),
            None,
        )
        if nxt is None:
            return
        keep[nxt] = True
        i = nxt + 1


def drop_opening_headline(lines: list[str], keep: list[bool]) -> list[bool]:
    """A headline opening the body is the title, not the article's first paragraph."""
    kept_at = [i for i, flag in enumerate(keep) if flag]
    if len(kept_at) > 1 and forms.is_headline_like(lines[kept_at[0]]):
        keep[kept_at[0]] = False
    return keep


def score_lines(
    lines: list[str], blocked: list[bool], model: BlockModel | None = None
) -> list[bool]:
    """Which lines are the article body; `model` stands in for the shipped one (the held-out
    evaluation scores each site with a model trained without it)."""
    if not lines:
        return []
    features = line_features(lines, blocked)
    model = model or load_block_model()
    if model is not None:
        keep = select_lines(lines, model.probabilities(features), blocked, model.threshold)
        if any(keep):
            return keep
    # No model, or a page too small or too unusual for it (one paragraph, a language whose
    # stop words it does not know): the densest prose run, less furniture and fragments.
    inside = np.nonzero(features[:, FEATURES.index("in_dense_run")] > 0)[0]
    if not len(inside):
        return [False] * len(lines)
    start, end = int(inside[0]), int(inside[-1])
    keep = [
        start <= i <= end and not blocked[i] and forms.word_count(lines[i]) >= 3
        for i in range(len(lines))
    ]
    return drop_opening_headline(lines, keep)
