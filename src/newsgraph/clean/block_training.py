"""Train the text-scrape block model on the extraction benchmark and write `block_model.json`.

    python -m newsgraph.clean.block_training ../shared/bench/extraction

Lines are labelled body when most of their 4-token shingles occur in the page's marked main
text. Pages are split into folds that hold out whole sites (the registered domain of the
page's URL: two pages of one site share a template, and a model that saw one has half learned
the other), the threshold is chosen on the held-out folds, and the held-out P/R/F1 are
printed, by site and (for comparison) by page; the shipped model is then fitted on all pages.
Deterministic: folds fixed by the sorted site names, a deterministic solver.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsgraph.clean import forms
from newsgraph.clean.blocks import (
    FEATURES,
    MODEL_FILE,
    SPAN_WORD_CAP,
    BlockModel,
    LogisticStage,
    line_features,
    select_lines,
)
from newsgraph.clean.metadata import outlet_of
from newsgraph.clean.text import mark_furniture, split_lines
from newsgraph.evaluate.extraction import f1_of, load_pages, score_page, shingles

FOLDS = 5
THRESHOLDS = tuple(round(0.2 + 0.05 * i, 2) for i in range(13))
TOKEN = re.compile(r"\w+")


@dataclass(slots=True)
class PageLines:
    """One benchmark page as the model sees it: lines, features, labels and the truth."""

    id: str
    lines: list[str]
    blocked: list[bool]
    features: np.ndarray
    labels: np.ndarray
    truth: str
    site: str


def label_lines(lines: list[str], truth: str) -> np.ndarray:
    """1 for lines whose text belongs to the marked main text, else 0."""
    truth_shingles = shingles(truth)
    truth_tokens = " " + " ".join(TOKEN.findall(truth)) + " "
    labels = np.zeros(len(lines))
    for i, line in enumerate(lines):
        own = shingles(line)
        if own.total() > 0:
            labels[i] = float((own & truth_shingles).total() / own.total() >= 0.5)
        else:
            tokens = TOKEN.findall(line)
            labels[i] = float(bool(tokens) and f" {' '.join(tokens)} " in truth_tokens)
    return labels


def prepare(bench_dir: Path) -> list[PageLines]:
    """Every text page of the benchmark with its features and line labels."""
    prepared: list[PageLines] = []
    for page in load_pages(bench_dir, "text"):
        lines = split_lines(page.content)
        if not lines:
            continue
        _furniture, _teasers, blocked = mark_furniture(lines)
        prepared.append(
            PageLines(
                page.id,
                lines,
                blocked,
                line_features(lines, blocked),
                label_lines(lines, page.truth),
                page.truth,
                outlet_of(page.url) or page.id,
            )
        )
    return prepared


def fit_stage(rows: np.ndarray, labels: np.ndarray, weights: np.ndarray) -> LogisticStage:
    """One standardised logistic layer fitted with a deterministic solver."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = rows.mean(axis=0), rows.std(axis=0)
    scale[scale == 0] = 1.0
    classifier = LogisticRegression(C=1.0, max_iter=3000, solver="lbfgs")
    classifier.fit((rows - mean) / scale, labels, sample_weight=weights)
    return LogisticStage(mean, scale, classifier.coef_[0], float(classifier.intercept_[0]))


def line_weights(page: PageLines, mask: np.ndarray) -> np.ndarray:
    """What each line weighs in training: its words (capped), every page weighing the same.

    The score is averaged over pages and counts words, not lines: a page of a hundred
    one-word menu entries must not outweigh ten pages of prose.
    """
    words = np.asarray([forms.word_count(line) for line in page.lines], dtype=float)[mask]
    weights = np.clip(words, 1.0, SPAN_WORD_CAP)
    return weights / weights.sum() if len(weights) else weights


def fit(pages: list[PageLines], threshold: float = 0.5) -> BlockModel:
    """The model on the lines of `pages` (furniture lines left out: they are never kept)."""
    masks = [~np.asarray(page.blocked) for page in pages]
    rows = np.vstack([page.features[mask] for page, mask in zip(pages, masks, strict=True)])
    labels = np.concatenate([page.labels[mask] for page, mask in zip(pages, masks, strict=True)])
    weights = np.concatenate(
        [line_weights(page, mask) for page, mask in zip(pages, masks, strict=True)]
    )
    # Scaled to a mean of one, so that the solver's regularisation means what it did unweighted.
    weights *= len(weights) / weights.sum()
    return BlockModel(fit_stage(rows, labels, weights), threshold)


def page_scores(model: BlockModel, page: PageLines, threshold: float) -> tuple[float, float]:
    """Precision and recall of the model's choice of lines on one page."""
    keep = select_lines(page.lines, model.probabilities(page.features), page.blocked, threshold)
    output = "\n\n".join(line for line, kept in zip(page.lines, keep, strict=True) if kept)
    return score_page(output, page.truth)


def fold_numbers(pages: list[PageLines], by: str = "site", folds: int = FOLDS) -> list[int]:
    """Each page's fold: its site's place among the sorted sites (every page of a site in one
    fold), or its own place among the pages with `by="page"`."""
    if by == "page":
        return [i % folds for i in range(len(pages))]
    sites = sorted({page.site for page in pages})
    number = {site: i % folds for i, site in enumerate(sites)}
    return [number[page.site] for page in pages]


def split(pages: list[PageLines], fold: int, numbers: list[int]) -> tuple[list[PageLines], ...]:
    """The training pages and the held-out pages of one fold."""
    train = [page for page, n in zip(pages, numbers, strict=True) if n != fold]
    held_out = [page for page, n in zip(pages, numbers, strict=True) if n == fold]
    return train, held_out


def best_threshold(results: dict[float, tuple[float, float]]) -> float:
    """The threshold of the best held-out F1."""
    return max(results, key=lambda t: f1_of(*results[t]))


def cross_validate(
    pages: list[PageLines], by: str = "site", folds: int = FOLDS
) -> dict[float, tuple[float, float]]:
    """Held-out averaged (precision, recall) for each threshold, whole sites (or pages) held
    out per fold."""
    totals = {threshold: [0.0, 0.0] for threshold in THRESHOLDS}
    numbers = fold_numbers(pages, by, folds)
    for fold in range(folds):
        train, held_out = split(pages, fold, numbers)
        if not train or not held_out:
            continue
        model = fit(train)
        for page in held_out:
            for threshold in THRESHOLDS:
                precision, recall = page_scores(model, page, threshold)
                totals[threshold][0] += precision
                totals[threshold][1] += recall
    return {t: (p / len(pages), r / len(pages)) for t, (p, r) in totals.items()}


def main(argv: list[str] | None = None) -> None:
    """Cross-validate, report held-out figures, then fit on all pages and write the model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench_dir", type=Path, help="the extraction benchmark folder")
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).with_name(MODEL_FILE), help="model file to write"
    )
    args = parser.parse_args(argv)
    pages = prepare(args.bench_dir)
    results = cross_validate(pages, "site")
    best = best_threshold(results)
    by_page = cross_validate(pages, "page")
    for threshold, (precision, recall) in results.items():
        mark = " <" if threshold == best else ""
        print(
            f"threshold {threshold:.2f}: held-out sites P {precision:.4f} R {recall:.4f} "
            f"F1 {f1_of(precision, recall):.4f} (held-out pages F1 "
            f"{f1_of(*by_page[threshold]):.4f}){mark}"
        )
    model = fit(pages, threshold=best)
    args.out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(FEATURES)} features, {len(pages)} pages)")


if __name__ == "__main__":
    main()
