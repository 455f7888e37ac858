"""Incidents scored against ECB+'s cross-document event coreference.

`evaluate_incidents` runs the real pipeline over a story benchmark's documents (stage A on each
text as given, so that the gold offsets hold; then `link`, which builds stories and incidents)
in a SQLite file, and scores the exported events the way ../shared/bench/stories/README.md
says: each gold mention takes the incident of the shortest exported event covering its first
character (an uncovered mention is a singleton), then BCubed and MUC over the gold mentions.

`score_corpus` holds out whole topics: the incident settings are chosen on the other folds'
topics and scored on the held-out one, so the figure it gives is one for unseen topics; with
`learned`, the pairwise merge model is also fitted, and its threshold chosen, on the other
folds' topics only (`link.train_incidents.train`) and scored on the held-out one.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.errors import BenchmarkMissing
from newsgraph.evaluate.stories import ClusterScores, read_story_bench, score_clusters
from newsgraph.link.incidents import IncidentParams, MergeModel, build_incidents
from newsgraph.records import Event

Progress = Callable[[int], None]
# The settings of the hand rules chosen on the training folds, for the rules' own held-out
# figure (a saying's speaker is always checked: one speaker's statements are no one happening
# however the benchmark reads them).
PARAM_GRID: tuple[IncidentParams, ...] = tuple(
    IncidentParams(check_arguments=check, stem=stem, synonyms=synonyms, roles=roles, learned=False)
    for check in (True, False)
    for stem in (4, 5, 6)
    for synonyms in (True, False)
    for roles in (True, False)
)


@dataclass(slots=True)
class IncidentScores:
    bcubed: ClusterScores
    muc_precision: float
    muc_recall: float
    muc_f1: float
    mentions: int
    covered: int


@dataclass(slots=True)
class IncidentEvaluation:
    """In-sample scores of the pipeline as shipped, and the topic-fold held-out figures."""

    in_sample: IncidentScores
    held_out: IncidentScores | None = None
    folds: list[dict[str, Any]] = field(default_factory=list)
    singletons: IncidentScores | None = None
    learned_held_out: IncidentScores | None = None  # the learned merge model, fitted per fold


def read_gold(path: str | Path) -> dict[str, list[dict[str, Any]]]:
    """Document id -> its gold ACTION mentions (`{start, end, text, chain}`)."""
    path = Path(path)
    if not path.is_file():
        raise BenchmarkMissing(f"no incident benchmark at {path}")
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return {row["id"]: row["mentions"] for row in rows}


def muc(
    predicted: Mapping[Any, Hashable], gold: Mapping[Any, Hashable]
) -> tuple[float, float, float]:
    """MUC precision, recall and F1 (Vilain et al. 1995) of `predicted` against `gold`."""

    def score(key: Mapping[Any, Hashable], response: Mapping[Any, Hashable]) -> float:
        clusters: dict[Hashable, list[Hashable]] = defaultdict(list)
        for item, label in key.items():
            clusters[label].append(item)
        numerator = denominator = 0
        for items in clusters.values():
            parts = {response.get(i, ("singleton", i)) for i in items}
            numerator += len(items) - len(parts)
            denominator += len(items) - 1
        return numerator / denominator if denominator else 0.0

    recall = score(gold, predicted)
    precision = score(predicted, gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def assign_mentions(
    gold: Mapping[str, Sequence[Mapping[str, Any]]],
    events: Sequence[Event],
    incident_of: Mapping[str, str],
) -> tuple[dict[str, Hashable], dict[str, Hashable], int]:
    """(mention -> predicted incident, mention -> gold chain, mentions covered)."""
    by_article: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_article[event.article_id].append(event)
    predicted: dict[str, Hashable] = {}
    truth: dict[str, Hashable] = {}
    covered = 0
    for doc_id, mentions in gold.items():
        for mention in mentions:
            key = f"{doc_id}:{mention['start']}:{mention['end']}"
            truth[key] = mention["chain"]
            covering = [
                e for e in by_article.get(doc_id, ()) if e.start <= mention["start"] < e.end
            ]
            if covering:
                shortest = min(covering, key=lambda e: (e.end - e.start, e.start))
                incident = incident_of.get(shortest.id)
                if incident is not None:
                    predicted[key] = incident
                    covered += 1
    return predicted, truth, covered


def score_incidents(
    gold: Mapping[str, Sequence[Mapping[str, Any]]],
    events: Sequence[Event],
    incident_of: Mapping[str, str],
) -> IncidentScores:
    predicted, truth, covered = assign_mentions(gold, events, incident_of)
    bcubed = score_clusters(predicted, truth)
    p, r, f = muc(predicted, truth)
    return IncidentScores(bcubed, p, r, f, len(truth), covered)


@dataclass(slots=True)
class _Corpus:
    events: list[Event]
    stories: dict[str, list[str]]  # story id -> article ids
    triggers: dict[str, str]
    names: dict[str, str]
    incident_of: dict[str, str]  # as the link pass stored it


def run_pipeline(
    documents: Sequence[Mapping[str, Any]], progress: Progress | None = None
) -> _Corpus:
    """Stage A and linking over the documents, in a throwaway SQLite store."""
    from newsgraph.config import Settings
    from newsgraph.extract import extract
    from newsgraph.extract.nlp import load_pipeline
    from newsgraph.link import link
    from newsgraph.records import Article, Document
    from newsgraph.store import open_store

    settings = Settings()
    nlp = load_pipeline(settings.model)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'incidents.db'}")
        try:
            store.migrate()
            texts = [d["text"] for d in documents]
            pairs = []
            for d, doc in zip(documents, nlp.pipe(texts, batch_size=32), strict=True):
                article = Article.bare(d["id"], d["text"])
                document = Document(d["id"], d["id"], d["text"], "text")
                pairs.append((document, extract(doc, article)))
                if progress is not None:
                    progress(1)
                if len(pairs) >= 200:
                    store.write_batch(pairs)
                    pairs = []
            store.write_batch(pairs)
            link(store)
            events = store.events()
            ids = [d["id"] for d in documents]
            stories = {s.id: s.article_ids for s in store.stories()}
            names = {m.entity_id: m.name for m in store.mentions_of(ids) if m.entity_id}
            triggers = store.event_triggers(ids)
        finally:
            store.close()
    incident_of = {e.id: e.incident_id for e in events if e.incident_id}
    return _Corpus(events, stories, triggers, names, incident_of)


def rebuild(
    corpus: _Corpus,
    params: IncidentParams,
    model: MergeModel | None = None,
    articles: Collection[str] | None = None,
) -> dict[str, str]:
    """Event id -> incident id under other settings (or another merge model), from the stored
    events and stories; only the stories of `articles` when given."""
    from newsgraph.records import ArticleRef

    by_article: dict[str, list[Event]] = defaultdict(list)
    for event in corpus.events:
        by_article[event.article_id].append(event)
    incident_of: dict[str, str] = {}
    for story_id, article_ids in corpus.stories.items():
        if articles is not None and not any(a in articles for a in article_ids):
            continue
        refs = [ArticleRef(a, None, None) for a in article_ids]
        story_events = [e for a in article_ids for e in by_article.get(a, ())]
        for incident in build_incidents(
            story_id, refs, story_events, {}, corpus.names, corpus.triggers, params, model
        ):
            for event_id in incident.event_ids:
                incident_of[event_id] = incident.id
    return incident_of


def _folds(documents: Sequence[Mapping[str, Any]], folds: int) -> list[set[str]]:
    topics = sorted({str(d["topic"]) for d in documents}, key=lambda t: (len(t), t))
    return [set(topics[i::folds]) for i in range(folds)]


def evaluate_incidents(
    events_path: str | Path,
    documents_path: str | Path | None = None,
    *,
    folds: int = 5,
    learned: bool = False,
    progress: Progress | None = None,
) -> IncidentEvaluation:
    """Run the pipeline over the benchmark and score its incidents, in-sample and held-out."""
    events_path = Path(events_path)
    gold = read_gold(events_path)
    documents_path = Path(documents_path) if documents_path else _documents_beside(events_path)
    documents = [d for d in read_story_bench(documents_path) if d["id"] in gold]
    corpus = run_pipeline(documents, progress)
    return score_corpus(corpus, gold, documents, folds, learned)


def score_corpus(
    corpus: _Corpus,
    gold: Mapping[str, Sequence[Mapping[str, Any]]],
    documents: Sequence[Mapping[str, Any]],
    folds: int = 5,
    learned: bool = False,
) -> IncidentEvaluation:
    """In-sample scores of the stored incidents, and held-out ones with the rules' settings
    chosen on the other folds' topics. With `learned`, also the learned merge model's held-out
    figure: in each topic fold it is fitted, and its threshold chosen, on the other folds'
    topics only."""
    from newsgraph.link.train_incidents import train

    result = IncidentEvaluation(in_sample=score_incidents(gold, corpus.events, corpus.incident_of))
    result.singletons = score_incidents(gold, corpus.events, {e.id: e.id for e in corpus.events})
    if folds < 2:
        return result
    topic_of = {d["id"]: str(d["topic"]) for d in documents}
    every = set(topic_of.values())
    rebuilt = [rebuild(corpus, params) for params in PARAM_GRID]
    held: tuple[dict[str, Hashable], dict[str, Hashable]] = ({}, {})
    held_learned: tuple[dict[str, Hashable], dict[str, Hashable]] = ({}, {})
    covered = 0
    for fold, topics in enumerate(_folds(documents, folds)):
        train_gold = {d: m for d, m in gold.items() if topic_of.get(d) not in topics}
        test = {d: m for d, m in gold.items() if topic_of.get(d) in topics}
        scores = [score_incidents(train_gold, corpus.events, r).bcubed.bcubed_f1 for r in rebuilt]
        best = max(range(len(PARAM_GRID)), key=lambda i: scores[i])
        predicted, truth, n = assign_mentions(test, corpus.events, rebuilt[best])
        held[0].update(predicted)
        held[1].update(truth)
        covered += n
        record: dict[str, Any] = {
            "fold": fold,
            "topics": sorted(topics, key=lambda t: (len(t), t)),
            "params": PARAM_GRID[best].as_dict(),
            "bcubed_f1": score_clusters(predicted, truth).bcubed_f1,
        }
        if learned:
            model = train(corpus, train_gold, topic_of, every - topics)
            incident_of = rebuild(corpus, IncidentParams(learned=True), model, set(test))
            guess, gold_part, _ = assign_mentions(test, corpus.events, incident_of)
            held_learned[0].update(guess)
            held_learned[1].update(gold_part)
            record["threshold"] = model.threshold
            record["learned_bcubed_f1"] = score_clusters(guess, gold_part).bcubed_f1
        result.folds.append(record)
    result.held_out = _scores(*held, covered)
    if learned:
        result.learned_held_out = _scores(*held_learned, covered)
    return result


def _scores(
    predicted: Mapping[str, Hashable], truth: Mapping[str, Hashable], covered: int
) -> IncidentScores:
    p, r, f = muc(predicted, truth)
    return IncidentScores(score_clusters(predicted, truth), p, r, f, len(truth), covered)


def _documents_beside(events_path: Path) -> Path:
    """`ecbplus-dev-events.jsonl` has its texts in `ecbplus-dev.jsonl` beside it."""
    name = events_path.name.replace("-events", "")
    candidate = events_path.with_name(name)
    if not candidate.is_file():
        raise BenchmarkMissing(f"no documents for {events_path} (looked for {candidate})")
    return candidate
