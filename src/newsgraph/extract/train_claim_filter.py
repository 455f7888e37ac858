"""Rebuild `claim_filter.json` (or, with `--objects`, `claim_filter_objects.json`) from the
attribution benchmark's train months.

    python -m newsgraph.extract.train_claim_filter [BENCH_DIR] [--months 2015-11..2016-04]
    python -m newsgraph.extract.train_claim_filter --objects

Each train month in turn is held out: the cue model is counted on the other months
(`train_cues.fit`), proposes at the candidate threshold on the held-out month, and every
learned candidate the rules build is a row, labelled by whether it matches an annotated
attribution with its source (the benchmark's content Jaccard >= 0.5 and source rule). The
filter's threshold is the one whose content+source F1 (`eval attribution`'s metric), each month
extracted with the cue model and the filter fitted on the other months, is best; the shipped
weights are fitted on all train months. The later months are never read. Deterministic.
The main filter is fitted on the candidates with a clause, an intention or no complement, the
shipped object filter sifting the others; `--objects` fits the object filter on the candidates
with an object (`Attribution.attitude`: "members support Senator Ruiz"), the shipped main
filter sifting the rest.
Needs scikit-learn (training only; the package reads the weights with plain Python).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsgraph.config import Settings
from newsgraph.evaluate.attribution import (
    AttributionScores,
    fragments_jaccard,
    load_articles,
    parse_months,
    score_article,
    sources_agree,
)
from newsgraph.extract.claim_filter import (
    FILTER_FILE,
    OBJECT_FILTER_FILE,
    ClaimFilter,
    features,
    load_claim_filter,
    load_object_filter,
    object_trial,
    trial,
)
from newsgraph.extract.cue_model import CueModel, load_cue_model
from newsgraph.extract.cue_model import trial as cue_trial
from newsgraph.extract.train_cues import TRAIN_MONTHS, Parsed, fit, parse, pick, verb_rows

CANDIDATE = 0.25  # the cue model's threshold for proposing (its own is chosen at ~0.45)
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(3, 11))
C = 0.2  # inverse L2 strength of the logistic regression
MIN_COUNT = 5  # a feature seen fewer times in the rows is not kept

Row = tuple[list[str], bool]


def _pass_all() -> ClaimFilter:
    return ClaimFilter(weights={}, bias=50.0, threshold=0.0, candidate=CANDIDATE)


def candidates(parsed: list[Parsed], cues: CueModel, objects: bool = False) -> list[Row]:
    """The learned candidates of `parsed` proposed by `cues` at CANDIDATE, with labels: those
    with an object (`objects`) or the others."""
    from newsgraph.extract.claims import _quoted, find_attributions
    from newsgraph.extract.docindex import seed_text, text_of
    from newsgraph.extract.quotes import find_quotes

    rows: list[Row] = []
    with cue_trial(cues), trial(_pass_all()):
        for item in parsed:
            bench, doc = item.bench, item.doc
            seed_text(doc, item.article.text)
            offset = len(bench.text) - len(bench.text.lstrip())
            quotes = find_quotes(text_of(doc))
            starts = [q[0] for q in quotes]
            for found in find_attributions(doc):
                if not found.learned or found.attitude != objects:
                    continue
                frag = ((found.content_start + offset, found.content_end + offset),)
                label = any(
                    fragments_jaccard(g.content, frag) >= 0.5
                    and sources_agree(found.speaker or "", g.source)
                    for g in bench.gold
                )
                quoted = _quoted(starts, quotes, doc[found.cue_i].idx)
                rows.append((features(doc, found, quoted, cues), label))
    return rows


def fit_filter(rows: list[Row], threshold: float = 0.5) -> ClaimFilter:
    """Logistic regression on `rows` (scikit-learn, lbfgs: deterministic)."""
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    seen = Counter(n for names, _ in rows for n in set(names))
    kept = [{n: 1.0 for n in names if seen[n] >= MIN_COUNT} for names, _ in rows]
    vec = DictVectorizer()
    matrix = vec.fit_transform(kept)
    model = LogisticRegression(C=C, max_iter=1000)
    model.fit(matrix, [label for _, label in rows])
    weights = {
        name: float(w)
        for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= 1e-4
    }
    return ClaimFilter(weights, float(model.intercept_[0]), threshold, CANDIDATE)


def scores_with(
    parsed: list[Parsed],
    cues: CueModel,
    used: ClaimFilter | None,
    objects: ClaimFilter | None = None,
) -> AttributionScores:
    """The benchmark's metric on `parsed` extracted with `cues`, `used` sifting the candidates
    and `objects` those with an object (None: `used` sifts them too)."""
    from newsgraph.evaluate.attribution import predicted_claims
    from newsgraph.extract import extract

    scores = AttributionScores(articles=len(parsed))
    with cue_trial(cues), trial(used), object_trial(objects or used):
        for item in parsed:
            analysed = extract(item.doc, item.article)
            score_article(item.bench.gold, predicted_claims(item.bench, analysed), scores)
    return scores


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench_dir", nargs="?", default="../shared/bench/attribution")
    parser.add_argument("--months", default=TRAIN_MONTHS)
    parser.add_argument("--out", default=None)
    parser.add_argument(
        "--objects", action="store_true", help="fit the filter for candidates with an object"
    )
    args = parser.parse_args(argv)
    name = OBJECT_FILTER_FILE if args.objects else FILTER_FILE
    out = Path(args.out) if args.out else Path(__file__).with_name(name)
    # the filter not being fitted sifts its candidates as shipped
    kept_main, kept_objects = load_claim_filter(), load_object_filter()
    articles = load_articles(Path(args.bench_dir), parse_months(args.months))
    parsed = parse(articles, Settings())
    words = verb_rows(parsed)
    months = sorted({p.bench.month or "" for p in parsed})
    shipped = load_cue_model()
    threshold = shipped.threshold if shipped is not None else 0.45
    folds = {}
    for month in months:
        base = fit([r for r in words if r[0] != month])
        cues = CueModel(base.counts, base.prior, base.strength, threshold)
        inside = [p for p in parsed if p.bench.month == month]
        folds[month] = (cues, inside, candidates(inside, cues, args.objects))
    totals = {t: AttributionScores() for t in THRESHOLDS}
    unfiltered = AttributionScores()  # the cue model at its own threshold, no filter
    for month in months:
        cues, inside, _ = folds[month]
        with trial(None):
            one = scores_with(inside, cues, None)
        unfiltered.source.add(one.source.tp, one.source.predicted, one.source.gold)
        rows = [r for m in months if m != month for r in folds[m][2]]
        model = fit_filter(rows)
        for t in THRESHOLDS:
            used = ClaimFilter(model.weights, model.bias, t, CANDIDATE)
            if args.objects:
                one = scores_with(inside, cues, kept_main, used)
            else:
                one = scores_with(inside, cues, used, kept_objects)
            totals[t].content.add(one.content.tp, one.content.predicted, one.content.gold)
            totals[t].source.add(one.source.tp, one.source.predicted, one.source.gold)
    f1 = {t: s.source.f1 for t, s in totals.items()}
    chosen = pick(f1)
    final = fit_filter([r for m in months for r in folds[m][2]], chosen)
    out.write_text(json.dumps(final.to_json(), indent=0) + "\n", encoding="utf-8")
    for t, f in sorted(f1.items()):
        print(f"threshold {t:.2f}: left-out-month content+source F1 {f:.3f}")
    print(f"no filter (cue model at {threshold}): left-out-month F1 {unfiltered.source.f1:.3f}")
    print(
        f"{len(articles)} articles, {sum(len(f[2]) for f in folds.values())} candidates, "
        f"{len(final.weights)} weights; threshold {chosen}: left-out-month F1 {f1[chosen]:.3f}"
    )


if __name__ == "__main__":
    main()
