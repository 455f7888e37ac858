"""Rebuild `incident_model.json`: the pairwise merge model of incidents, from ECB+'s topics.

    python -m newsgraph.link.train_incidents [EVENTS_JSONL]

The real pipeline runs over the benchmark's documents (stage A, stories; see
`evaluate.incidents.run_pipeline`). Every pair of events of one story that merging would
compare (one block, no rule keeping them apart) is a row, labelled when both events cover a
gold mention: whether those mentions share a gold chain. A logistic regression is fitted on
the rows; the merge threshold is the one whose BCubed F1 over the training topics' gold
mentions, each topic's events clustered with weights fitted on the other topics, is best.
`evaluate.incidents` does the same inside each topic fold, on the training topics only, for
its held-out figure. Deterministic: the same benchmark gives the same file. Needs
scikit-learn (training only; linking reads the weights with plain Python).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections import defaultdict
from collections.abc import Collection, Hashable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph.link.incidents import (
    MODEL_FILE,
    IncidentParams,
    MergeModel,
    _conflict,
    pair_features,
    story_items,
)
from newsgraph.records import ArticleRef

if TYPE_CHECKING:
    from newsgraph.evaluate.incidents import _Corpus

C = 1.0  # inverse L2 strength of the logistic regression
# Merge thresholds tried, from 0.01 (every fold once chose the lowest of 0.05..0.45: the
# thresholds were then tried on the rules' merging, where all tie).
THRESHOLDS = (0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.4)
INNER_FOLDS = 3
DEFAULT_EVENTS = Path("../shared/bench/stories/ecbplus-dev-events.jsonl")

Row = tuple[dict[str, float], bool]


def chains_of(corpus: _Corpus, gold: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[str, str]:
    """Event id -> the gold chain of the first gold mention it is the shortest cover of."""
    by_article: dict[str, list[Any]] = defaultdict(list)
    for event in corpus.events:
        by_article[event.article_id].append(event)
    found: dict[str, str] = {}
    for doc_id, mentions in gold.items():
        for mention in mentions:
            covering = [
                e for e in by_article.get(doc_id, ()) if e.start <= mention["start"] < e.end
            ]
            if covering:
                shortest = min(covering, key=lambda e: (e.end - e.start, e.start))
                found.setdefault(shortest.id, str(mention["chain"]))
    return found


def rows(
    corpus: _Corpus,
    chain_of: Mapping[str, str],
    articles: Collection[str],
    params: IncidentParams | None = None,
) -> list[Row]:
    """The labelled candidate pairs among the events of `articles` (one story at a time)."""
    params = params or IncidentParams()
    by_article: dict[str, list[Any]] = defaultdict(list)
    for event in corpus.events:
        by_article[event.article_id].append(event)
    found: list[Row] = []
    for story_id in sorted(corpus.stories):
        members = [a for a in corpus.stories[story_id] if a in articles]
        if not members:
            continue
        refs = [ArticleRef(a, None, None) for a in corpus.stories[story_id]]
        events = [e for a in corpus.stories[story_id] for e in by_article.get(a, ())]
        items = story_items(refs, events, corpus.names, corpus.triggers, params)
        wanted = set(members)
        labelled = [i for i in items if i.event.id in chain_of and i.event.article_id in wanted]
        # every pair: merging compares an event with its blocks and the largest incidents,
        # which may be of any kind
        for i, a in enumerate(labelled):
            for b in labelled[i + 1 :]:
                if _conflict(a, b, params) or _conflict(b, a, params):
                    continue
                same = chain_of[a.event.id] == chain_of[b.event.id]
                found.append((pair_features(a, b), same))
    return found


def fit(found: Sequence[Row], threshold: float = 0.5) -> MergeModel:
    """Logistic regression on the rows (scikit-learn, lbfgs: deterministic)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer(sparse=True)
    matrix = vectorizer.fit_transform([features for features, _ in found])
    labels = [label for _, label in found]
    regression = LogisticRegression(C=C, max_iter=2000, solver="lbfgs")
    regression.fit(matrix, labels)
    names = vectorizer.get_feature_names_out()
    weights = {str(n): float(w) for n, w in zip(names, regression.coef_[0], strict=True)}
    return MergeModel(weights, float(regression.intercept_[0]), threshold)


def with_threshold(model: MergeModel, threshold: float) -> MergeModel:
    return MergeModel(model.weights, model.bias, threshold)


def topic_folds(topics: Collection[str], folds: int) -> list[set[str]]:
    ordered = sorted(topics, key=lambda t: (len(t), t))
    return [set(ordered[i::folds]) for i in range(folds)]


def train(
    corpus: _Corpus,
    gold: Mapping[str, Sequence[Mapping[str, Any]]],
    topic_of: Mapping[str, str],
    topics: Collection[str],
    params: IncidentParams | None = None,
) -> MergeModel:
    """The merge model fitted on `topics` only, its threshold chosen on them by inner topic
    folds (each inner fold clustered with weights fitted on the other inner folds)."""
    from newsgraph.evaluate.incidents import assign_mentions, rebuild, score_clusters

    params = params or IncidentParams()
    # the thresholds are tried on the model's own merging: with the rules' merging every
    # threshold scored the same, and the tie went to the lowest
    merging = dataclasses.replace(params, learned=True)
    chain_of = chains_of(corpus, gold)
    articles_of: dict[str, set[str]] = defaultdict(set)
    for article, topic in topic_of.items():
        articles_of[topic].add(article)
    predicted: dict[float, dict[str, Hashable]] = {t: {} for t in THRESHOLDS}
    truth: dict[str, Hashable] = {}
    for inner in topic_folds(topics, INNER_FOLDS):
        fitting = {a for t in topics if t not in inner for a in articles_of[t]}
        held = {a for t in inner for a in articles_of[t]}
        model = fit(rows(corpus, chain_of, fitting, params))
        part = {d: m for d, m in gold.items() if d in held}
        for threshold in THRESHOLDS:
            incident_of = rebuild(corpus, merging, with_threshold(model, threshold), held)
            guess, gold_part, _ = assign_mentions(part, corpus.events, incident_of)
            predicted[threshold].update(guess)
            if threshold == THRESHOLDS[0]:
                truth.update(gold_part)
    best = max(THRESHOLDS, key=lambda t: (score_clusters(predicted[t], truth).bcubed_f1, -t))
    every = {a for t in topics for a in articles_of[t]}
    return fit(rows(corpus, chain_of, every, params), best)


def write_model(model: MergeModel, path: Path = MODEL_FILE) -> None:
    path.write_text(json.dumps(model.as_dict(), indent=0) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    from newsgraph.evaluate.incidents import _documents_beside, read_gold, run_pipeline
    from newsgraph.evaluate.stories import read_story_bench

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("events", nargs="?", type=Path, default=DEFAULT_EVENTS)
    parser.add_argument("--output", type=Path, default=MODEL_FILE)
    args = parser.parse_args(argv)
    gold = read_gold(args.events)
    documents = [d for d in read_story_bench(_documents_beside(args.events)) if d["id"] in gold]
    corpus = run_pipeline(documents)
    topic_of = {d["id"]: str(d["topic"]) for d in documents}
    model = train(corpus, gold, topic_of, set(topic_of.values()))
    write_model(model, args.output)
    print(f"wrote {args.output}: {len(model.weights)} weights, threshold {model.threshold}")


if __name__ == "__main__":
    main()
