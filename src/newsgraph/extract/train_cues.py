"""Rebuild `cue_model.json` from the attribution benchmark's earlier months.

    python -m newsgraph.extract.train_cues [BENCH_DIR] [--months 2015-11..2016-04]

Every verb, noun and adjective of the train articles (parsed by newsgraph's pipeline, as
`eval attribution` does) is counted under its "lemma|frame" key, and counted as a cue when
it lies in an annotated cue span. The threshold is chosen by leaving one train month out at a
time: the counts from the other months, newsgraph's extraction with them on the left-out
month, scored by the benchmark's content+source F1 (what `eval attribution` reports). The
later months are never read. Deterministic: the same benchmark gives the same file.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.config import Settings
from newsgraph.evaluate.attribution import (
    AttributionScores,
    BenchArticle,
    document_of,
    load_articles,
    parse_months,
    predicted_claims,
    score_article,
)
from newsgraph.extract.cue_model import (
    CUE_POS,
    MODEL_FILE,
    RARE,
    CueModel,
    Keys,
    keys_of,
    trial,
)
from newsgraph.extract.quotes import find_quotes, quote_around
from newsgraph.pipeline import build_article

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsgraph.records import Article

TRAIN_MONTHS = "2015-11..2016-04"
STRENGTH = 2.0
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(5, 12))
MIN_OCCURRENCES = 2
MIN_NEGATIVE = 5
TIE = 0.001  # left-out F1 differences this small are noise (a handful of the 11,853 attributions)

Rows = list[tuple[str, Keys, bool]]  # (month, keys, is a cue)


@dataclass(slots=True)
class Parsed:
    """A train article, its cleaned Article and its parse."""

    bench: BenchArticle
    article: Article
    doc: Doc


def parse(articles: list[BenchArticle], settings: Settings) -> list[Parsed]:
    """The articles through newsgraph's cleaning and parser, as `eval attribution` runs them."""
    from newsgraph.extract.nlp import load_pipeline

    nlp = load_pipeline(settings.model)
    built = [build_article(document_of(a), settings) for a in articles]
    texts = (b.text[: settings.max_chars] for b in built)
    docs = nlp.pipe(texts, batch_size=settings.batch_size)
    return [Parsed(a, b, d) for a, b, d in zip(articles, built, docs, strict=True)]


def verb_rows(parsed: list[Parsed]) -> Rows:
    """(month, keys, label) for every verb, noun and adjective of the parsed articles."""
    rows: Rows = []
    for item in parsed:
        article, doc = item.bench, item.doc
        offset = len(article.text) - len(article.text.lstrip())
        cues = sorted(f for g in article.gold for f in g.cue)
        quotes = find_quotes(item.article.text)
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
    seen: dict[str, int] = defaultdict(int)
    for _, keys, _ in rows:
        seen[keys[0].partition("|")[0]] += 1
    for _, keys, label in rows:
        rare = seen[keys[0].partition("|")[0]] < RARE
        for key in keys if rare else keys[:2]:
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


def attribution_f1(model: CueModel, parsed: list[Parsed]) -> AttributionScores:
    """The benchmark's metric on `parsed` when newsgraph extracts with `model`."""
    from newsgraph.extract import extract

    scores = AttributionScores(articles=len(parsed))
    with trial(model):
        for item in parsed:
            analysed = extract(item.doc, item.article)
            score_article(item.bench.gold, predicted_claims(item.bench, analysed), scores)
    return scores


def choose_threshold(rows: Rows, parsed: list[Parsed]) -> tuple[float, dict[float, float]]:
    """The threshold with the best content+source F1 over the train months, each month
    extracted with the counts of the other months only; and every threshold's F1."""
    months = sorted({m for m, _, _ in rows})
    models = {m: fit([r for r in rows if r[0] != m]) for m in months}
    scores: dict[float, float] = {}
    for threshold in THRESHOLDS:
        total = AttributionScores()
        for month in months:
            base = models[month]
            model = CueModel(base.counts, base.prior, base.strength, threshold)
            one = attribution_f1(model, [p for p in parsed if p.bench.month == month])
            total.content.add(one.content.tp, one.content.predicted, one.content.gold)
            total.source.add(one.source.tp, one.source.predicted, one.source.gold)
        scores[threshold] = total.source.f1
    return pick(scores), scores


def pick(scores: dict[float, float]) -> float:
    """The highest threshold (the one making the fewest claims) among those whose score is
    within TIE of the best: smaller differences are noise."""
    top = max(scores.values())
    return max(t for t, f in scores.items() if f >= top - TIE)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench_dir", nargs="?", default="../shared/bench/attribution")
    parser.add_argument("--months", default=TRAIN_MONTHS)
    parser.add_argument("--out", default=str(Path(__file__).with_name(MODEL_FILE)))
    args = parser.parse_args(argv)
    articles = load_articles(Path(args.bench_dir), parse_months(args.months))
    parsed = parse(articles, Settings())
    rows = verb_rows(parsed)
    threshold, scores = choose_threshold(rows, parsed)
    model = fit(rows, threshold)
    Path(args.out).write_text(json.dumps(model.to_json(), indent=0) + "\n", encoding="utf-8")
    for t, f in sorted(scores.items()):
        print(f"threshold {t:.2f}: left-out-month content+source F1 {f:.3f}")
    in_sample = attribution_f1(model, parsed).source.f1
    print(
        f"{len(articles)} articles, {len(rows)} candidate words, {len(model.counts)} keys; "
        f"threshold {threshold}: left-out-month F1 {scores[threshold]:.3f}, "
        f"in-sample {in_sample:.3f}"
    )


if __name__ == "__main__":
    main()
