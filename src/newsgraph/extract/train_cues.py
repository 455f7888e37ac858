"""Rebuild `cue_model.json` from the attribution benchmark's earlier months.

    python -m newsgraph.extract.train_cues [BENCH_DIR] [--months 2015-11..2016-04]

Every verb, noun and adjective of the train articles (parsed by newsgraph's pipeline, as
`eval attribution` does) is counted under its "lemma|frame" key, and counted as a cue when
it lies in an annotated cue span. The threshold is chosen by leaving one train month out at a time
(the counts from the other months, cue-token F1 on the left-out one); the later months
are never read. Deterministic: the same benchmark gives the same file.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from newsgraph.config import Settings
from newsgraph.evaluate.attribution import BenchArticle, document_of, load_articles, parse_months
from newsgraph.extract.cue_model import CUE_POS, MODEL_FILE, CueModel, keys_of
from newsgraph.extract.quotes import find_quotes, quote_around
from newsgraph.pipeline import build_article

TRAIN_MONTHS = "2015-11..2016-04"
STRENGTH = 2.0
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(4, 17))
MIN_OCCURRENCES = 2
MIN_NEGATIVE = 5

Rows = list[tuple[str, tuple[str, str], bool]]  # (month, keys, is a cue)


def verb_rows(articles: list[BenchArticle], settings: Settings) -> Rows:
    """(month, key, label) for every verb token of the articles."""
    from newsgraph.extract.nlp import load_pipeline

    nlp = load_pipeline(settings.model)
    built = [build_article(document_of(a), settings) for a in articles]
    rows: Rows = []
    texts = (b.text[: settings.max_chars] for b in built)
    for article, one, doc in zip(articles, built, nlp.pipe(texts, batch_size=32), strict=True):
        offset = len(article.text) - len(article.text.lstrip())
        cues = sorted(f for g in article.gold for f in g.cue)
        quotes = find_quotes(one.text)
        for tok in doc:
            if tok.pos_ not in CUE_POS:
                continue
            at = tok.idx + offset
            label = any(s <= at < e for s, e in cues)
            quoted = quote_around(quotes, tok.idx, tok.idx + len(tok.text)) is not None
            rows.append((article.month or "", keys_of(tok, quoted), label))
    return rows


def fit(rows: Rows, threshold: float = 0.5) -> CueModel:
    """Counts and prior from `rows`."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for _, keys, label in rows:
        for key in keys:
            counts[key][0] += int(label)
            counts[key][1] += 1
    positives = sum(label for _, _, label in rows)
    prior = positives / len(rows) if rows else 0.0
    # A key never seen as a cue is kept when it is common: "think" inside a quotation, in
    # the first person, is never annotated, and that must not back off to "think" overall.
    kept = {
        k: (c, t)
        for k, (c, t) in counts.items()
        if t >= MIN_OCCURRENCES and (c > 0 or t >= MIN_NEGATIVE)
    }
    return CueModel(counts=kept, prior=prior, strength=STRENGTH, threshold=threshold)


def _f1(model: CueModel, rows: Rows, threshold: float) -> float:
    tp = fp = fn = 0
    for _, keys, label in rows:
        predicted = model.probability(keys) >= threshold
        tp += predicted and label
        fp += predicted and not label
        fn += label and not predicted
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def choose_threshold(rows: Rows) -> tuple[float, dict[float, float]]:
    """The threshold with the best mean left-out-month F1, and every threshold's mean."""
    months = sorted({m for m, _, _ in rows})
    means: dict[float, float] = {}
    for threshold in THRESHOLDS:
        scores = []
        for month in months:
            model = fit([r for r in rows if r[0] != month])
            scores.append(_f1(model, [r for r in rows if r[0] == month], threshold))
        means[threshold] = sum(scores) / len(scores)
    best = max(THRESHOLDS, key=lambda t: (means[t], -t))
    return best, means


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench_dir", nargs="?", default="../shared/bench/attribution")
    parser.add_argument("--months", default=TRAIN_MONTHS)
    parser.add_argument("--out", default=str(Path(__file__).with_name(MODEL_FILE)))
    args = parser.parse_args(argv)
    articles = load_articles(Path(args.bench_dir), parse_months(args.months))
    rows = verb_rows(articles, Settings())
    threshold, means = choose_threshold(rows)
    model = fit(rows, threshold)
    Path(args.out).write_text(json.dumps(model.to_json(), indent=0) + "\n", encoding="utf-8")
    for t, f in sorted(means.items()):
        print(f"threshold {t:.2f}: left-out-month cue F1 {f:.3f}")
    print(
        f"{len(articles)} articles, {len(rows)} candidate words, {len(model.counts)} keys; "
        f"threshold {threshold}"
    )


if __name__ == "__main__":
    main()
