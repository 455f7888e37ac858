"""Provenance on real coverage: threads and same-origin groups of hand-labelled PolNeAR articles.

The labelled set (`benchmarks/provenance/`, see its README) gives for each article its thread
(the developing story it belongs to; an article alone in its thread is its own) and its origin
group (articles that copy, rewrite or re-report one original; most articles have none). The
articles are written as JSONL records with `published` and `outlet`, ingested through the real
stage A, linked, and scored:

- stories: BCubed precision, recall and F1 of the stored stories against the threads;
- same origin: pair precision, recall and F1 of the origin groups (connected components of the
  stored rewrites) against the labelled groups.

The story figures are also given for the threaded articles alone (those of threads with at
least `THREADED_MIN` articles): a corpus that follows developing stories, where nearly every
article continues a thread and lone articles are few, as in coverage collected about one matter.
There putting every article alone is no longer a good floor, and recall is what counts.

Thresholds are chosen on folds that hold out whole months: for each month, the setting that
scores best on the other months is applied to it, and the held-out figure pools those months.
Each setting is one real `link` run over the whole stream (copied store), since a thread runs
across months; only the choice of setting is blind to the month scored.
"""

from __future__ import annotations

import itertools
import json
import shutil
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph.errors import BenchmarkMissing
from newsgraph.evaluate.stories import ClusterScores, score_clusters
from newsgraph.link.origins import origin_groups

Progress = Callable[[str], None]

THREADED_MIN = 3  # a thread of this many articles or more is a developing story to follow


@dataclass(slots=True, frozen=True)
class LabelledArticle:
    id: str
    outlet: str
    published: str
    thread: str
    origin: str | None


@dataclass(slots=True)
class PairScores:
    precision: float
    recall: float
    f1: float
    predicted_pairs: int
    gold_pairs: int


@dataclass(slots=True)
class Prediction:
    """One link run: each labelled article's story and origin group (its own id when none)."""

    settings: dict[str, Any]
    story: dict[str, str]
    origin: dict[str, str]


@dataclass(slots=True)
class ProvenanceReport:
    articles: int
    months: list[str]
    stories_whole: ClusterScores  # threads across months, setting chosen on all
    stories_in_sample: ClusterScores  # per month, setting chosen on all
    stories_held_out: ClusterScores  # per month, setting chosen on the other months
    stories_singletons: ClusterScores  # per month, every article its own story: the floor
    threaded_whole: ClusterScores  # the whole stream, scored on the threaded articles only
    threaded_held_out: ClusterScores  # months held out, scored on the threaded articles only
    threaded_articles: int
    origins_whole: PairScores
    origins_in_sample: PairScores
    origins_held_out: PairScores
    story_choice: dict[str, Any]  # the setting chosen on all months
    origin_choice: dict[str, Any]
    fold_choices: dict[str, tuple[dict[str, Any], dict[str, Any]]]  # month -> (story, origin)


def _jsonl_objects(
    path: str | Path, missing: str, what: str
) -> Iterator[tuple[str, dict[str, Any]]]:
    """The JSON objects of a file, one a line, each with its place ("file:line") for errors;
    a missing file raises `BenchmarkMissing` saying `missing`, a line that is no JSON one
    saying it is not `what`."""
    path = Path(path)
    if not path.is_file():
        raise BenchmarkMissing(f"{missing} at {path}")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                yield f"{path}:{number}", json.loads(line)
            except ValueError as exc:
                raise BenchmarkMissing(f"{path}:{number}: not {what} ({exc})") from exc


def read_labels(path: str | Path) -> list[LabelledArticle]:
    """The labelled articles, one JSON object a line."""
    labels = []
    for place, row in _jsonl_objects(path, "no provenance labels", "a provenance label"):
        try:
            labels.append(
                LabelledArticle(
                    row["id"], row["outlet"], row["published"], row["thread"], row.get("origin")
                )
            )
        except (KeyError, TypeError) as exc:
            raise BenchmarkMissing(f"{place}: not a provenance label ({exc})") from exc
    return labels


def write_records(labels: Sequence[LabelledArticle], text_dir: Path, out: Path) -> Path:
    """The labelled articles as ingestable JSONL records (title line split from the body)."""
    with out.open("w", encoding="utf-8") as handle:
        for label in labels:
            source = text_dir / f"{label.id}.txt"
            if not source.is_file():
                raise BenchmarkMissing(f"no article text at {source}")
            title, _, body = source.read_text(encoding="utf-8").partition("\n")
            record = {
                "id": label.id,
                "title": title.strip(),
                "text": body.strip(),
                "published": label.published,
                "outlet": label.outlet,
            }
            handle.write(json.dumps(record) + "\n")
    return out


def threaded_articles(threads: Mapping[str, Hashable], minimum: int = THREADED_MIN) -> set[str]:
    """The articles whose thread holds at least `minimum` of them."""
    sizes = Counter(threads.values())
    return {article for article, thread in threads.items() if sizes[thread] >= minimum}


def score_pairs(
    predicted: Mapping[str, Hashable | None], gold: Mapping[str, Hashable | None]
) -> PairScores:
    """Pair precision and recall: two articles are a pair when they share a group."""

    def pairs(groups: Mapping[str, Hashable | None]) -> set[tuple[str, str]]:
        members: dict[Hashable, list[str]] = {}
        for item, group in groups.items():
            if group is not None:
                members.setdefault(group, []).append(item)
        return {
            (a, b) if a < b else (b, a)
            for group in members.values()
            for a, b in itertools.combinations(group, 2)
        }

    found, truth = pairs(predicted), pairs(gold)
    right = len(found & truth)
    precision = right / len(found) if found else 1.0
    recall = right / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairScores(precision, recall, f1, len(found), len(truth))


def ingest_labelled(
    labels: Sequence[LabelledArticle], text_dir: Path, workdir: Path
) -> tuple[Path, dict[str, str]]:
    """Ingest the labelled articles through the real stage A into a SQLite file; returns the
    file and the map from stored article id to label id."""
    from newsgraph.config import Settings
    from newsgraph.ingest import ingest
    from newsgraph.store import open_store

    # The linker is online and reads the store in ingest order: feed it in publication order,
    # as a stream of coverage arrives, not in the label file's order (by outlet).
    in_order = sorted(labels, key=lambda label: (label.published, label.id))
    records = write_records(in_order, text_dir, workdir / "provenance.jsonl")
    database = workdir / "ingested.db"
    database.unlink(missing_ok=True)
    store = open_store(f"sqlite:///{database}")
    ingest([str(records)], store, Settings())
    ids = {article.id: article.source_id for article in store.articles()}
    store.engine.dispose()
    return database, ids


def link_run(
    database: Path,
    ids: Mapping[str, str],
    workdir: Path,
    story: Mapping[str, Any],
    rewrite: Mapping[str, Any],
) -> Prediction:
    """One real `link` over a copy of the ingested store with these settings."""
    from newsgraph.link import link
    from newsgraph.store import open_store

    copy = workdir / "linked.db"
    shutil.copyfile(database, copy)
    store = open_store(f"sqlite:///{copy}")
    link(store, story_params=story, rewrite_params=rewrite)
    stories = {ids[a]: s.id for s in store.stories() for a in s.article_ids if a in ids}
    groups = origin_groups(store.rewrites())
    store.engine.dispose()
    origin = {label: groups.get(article, label) for article, label in ids.items()}
    return Prediction({"story": dict(story), "rewrite": dict(rewrite)}, stories, origin)


def _subset(mapping: Mapping[str, Any], keep: set[str]) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if k in keep}


def _choose(
    runs: Sequence[Prediction], keep: set[str], score: Callable[[Prediction, set[str]], float]
) -> Prediction:
    """The run scoring best on `keep` (the first of equals: grids go from cautious to bold)."""
    return max(runs, key=lambda run: score(run, keep))


def read_label_files(paths: Iterable[str | Path]) -> list[LabelledArticle]:
    """The labelled articles of several files as one set (each article once)."""
    labels: list[LabelledArticle] = []
    seen: set[str] = set()
    for path in paths:
        for label in read_labels(path):
            if label.id in seen:
                raise BenchmarkMissing(f"{path}: article {label.id} is labelled twice")
            seen.add(label.id)
            labels.append(label)
    return labels


def evaluate_provenance(
    labels_path: str | Path | Sequence[str | Path],
    text_dir: str | Path,
    workdir: str | Path,
    *,
    story_grid: Iterable[Mapping[str, Any]],
    rewrite_grid: Iterable[Mapping[str, Any]],
    progress: Progress | None = None,
    threaded_only: bool = False,
    score_months: Iterable[str] | None = None,
) -> ProvenanceReport:
    """Ingest, link once per setting, and score in-sample and with months held out.

    `threaded_only` streams the articles of threads of `THREADED_MIN` or more alone, the lone
    articles left out of the stream too: coverage collected about developing stories, where
    nearly every page continues a thread (as in the corpus issue 12 describes).

    `labels_path` may be several files, linked as one stream (a thread runs across them).
    `score_months` scores only the articles of those months (`YYYY-MM`): every setting is still
    linked over the whole stream and each scored month's setting is chosen on all the other
    months, so months labelled later are scored as held out against the earlier ones."""
    paths = [labels_path] if isinstance(labels_path, (str, Path)) else list(labels_path)
    labels = read_label_files(paths)
    if threaded_only:
        keep = threaded_articles({label.id: label.thread for label in labels})
        labels = [label for label in labels if label.id in keep]
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    say = progress or (lambda _message: None)
    say(f"ingesting {len(labels)} articles")
    database, ids = ingest_labelled(labels, Path(text_dir), workdir)
    story_runs, rewrite_runs = [], []
    for knobs in story_grid:
        say(f"linking with stories {dict(knobs)}")
        story_runs.append(link_run(database, ids, workdir, knobs, {}))
    for knobs in rewrite_grid:
        say(f"linking with rewrites {dict(knobs)}")
        rewrite_runs.append(link_run(database, ids, workdir, {}, knobs))
    return score_runs(labels, story_runs, rewrite_runs, score_months=score_months)


def score_runs(
    labels: Sequence[LabelledArticle],
    story_runs: Sequence[Prediction],
    rewrite_runs: Sequence[Prediction],
    *,
    score_months: Iterable[str] | None = None,
) -> ProvenanceReport:
    """Score link runs over the labelled stream: in-sample, and each scored month with the run
    chosen on all the other months (see `evaluate_provenance`)."""
    threads = {label.id: label.thread for label in labels}
    origins = {label.id: label.origin for label in labels}

    def story_f1(run: Prediction, keep: set[str]) -> float:
        return score_clusters(_subset(run.story, keep), _subset(threads, keep)).bcubed_f1

    def origin_f1(run: Prediction, keep: set[str]) -> float:
        return score_pairs(_subset(run.origin, keep), _subset(origins, keep)).f1

    everyone = set(threads)
    months = sorted({label.published[:7] for label in labels})
    scored_months = months if score_months is None else sorted(set(score_months) & set(months))
    if not scored_months:
        raise BenchmarkMissing(f"no labelled article in the months {sorted(score_months or [])}")
    scored = {label.id for label in labels if label.published[:7] in scored_months}
    held_story: dict[str, str] = {}
    held_origin: dict[str, str] = {}
    fold_choices: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
    for month in scored_months:
        inside = {label.id for label in labels if label.published.startswith(month)}
        story_run = _choose(story_runs, everyone - inside, story_f1)
        origin_run = _choose(rewrite_runs, everyone - inside, origin_f1)
        fold_choices[month] = (story_run.settings["story"], origin_run.settings["rewrite"])
        # labels per month are kept apart so that a group never spans two folds' settings
        held_story.update({k: f"{month}/{v}" for k, v in _subset(story_run.story, inside).items()})
        held_origin.update(
            {k: f"{month}/{v}" for k, v in _subset(origin_run.origin, inside).items()}
        )
    best_story = _choose(story_runs, scored, story_f1)
    best_origin = _choose(rewrite_runs, scored, origin_f1)
    # Held-out months are scored each against its own part of the gold groups, pooled; the
    # in-sample figure is split the same way so that the two compare. The whole-stream figure
    # (threads across months) is the in-sample setting scored on the set as one.
    month_of = {label.id: label.published[:7] for label in labels}

    def by_month(groups: Mapping[str, Hashable | None]) -> dict[str, str | None]:
        return {k: (f"{month_of[k]}/{v}" if v is not None else None) for k, v in groups.items()}

    threads_scored = _subset(threads, scored)
    origins_scored = _subset(origins, scored)
    story_best = _subset(best_story.story, scored)
    origin_best = _subset(best_origin.origin, scored)
    gold_threads = by_month(threads_scored)
    gold_origins = by_month(origins_scored)
    # threads of three or more counted over the whole stream (a thread of earlier months that
    # one scored article continues is a thread it follows)
    threaded = threaded_articles(threads) & scored
    return ProvenanceReport(
        articles=len(scored),
        months=scored_months,
        stories_whole=score_clusters(story_best, threads_scored),
        stories_in_sample=score_clusters(by_month(story_best), gold_threads),
        stories_held_out=score_clusters(held_story, gold_threads),
        stories_singletons=score_clusters(by_month({k: k for k in threads_scored}), gold_threads),
        threaded_whole=score_clusters(_subset(story_best, threaded), _subset(threads, threaded)),
        threaded_held_out=score_clusters(
            _subset(held_story, threaded), _subset(gold_threads, threaded)
        ),
        threaded_articles=len(threaded),
        origins_whole=score_pairs(origin_best, origins_scored),
        origins_in_sample=score_pairs(by_month(origin_best), gold_origins),
        origins_held_out=score_pairs(held_origin, gold_origins),
        story_choice=best_story.settings["story"],
        origin_choice=best_origin.settings["rewrite"],
        fold_choices=fold_choices,
    )


# -- the written same-origin set (benchmarks/provenance/origins.jsonl, see ORIGINS.md) ---------


@dataclass(slots=True, frozen=True)
class OriginPage:
    """One page of the same-origin set: its text, outlet and date, the topic that is its fold,
    and its origin group (None: derived from nothing the set holds)."""

    id: str
    kind: str  # original | cut | trimmed | rereport | negative
    topic: str
    outlet: str
    published: str
    title: str
    text: str
    origin: str | None


@dataclass(slots=True)
class OriginSetReport:
    pages: int
    topics: list[str]
    whole: PairScores  # the setting chosen on every topic, scored on all
    in_sample: PairScores  # the same setting, pairs counted inside each topic
    held_out: PairScores  # each topic with the setting chosen on the other topics
    recall_by_kind: dict[str, float]  # held out: derived pages in their original's group
    negatives_joined: int  # held out: negatives put in a group with any other page
    choice: dict[str, Any]
    fold_choices: dict[str, dict[str, Any]]
    held_groups: dict[str, str]  # page id -> its predicted group, topics held out


def read_origin_set(path: str | Path) -> list[OriginPage]:
    """The pages of the same-origin set, one JSON object a line."""
    pages = []
    for place, row in _jsonl_objects(path, "no same-origin set", "a same-origin page"):
        try:
            pages.append(
                OriginPage(
                    row["id"], row["kind"], row["topic"], row["outlet"], row["published"],
                    row["title"], row["text"], row.get("origin"),
                )
            )  # fmt: skip
        except (KeyError, TypeError) as exc:
            raise BenchmarkMissing(f"{place}: not a same-origin page ({exc})") from exc
    return pages


def ingest_origin_set(pages: Sequence[OriginPage], workdir: Path) -> tuple[Path, dict[str, str]]:
    """Ingest the pages through the real stage A in publication order; returns the SQLite file
    and the map from stored article id to page id."""
    from newsgraph.config import Settings
    from newsgraph.ingest import ingest
    from newsgraph.store import open_store

    records = workdir / "origins.jsonl"
    with records.open("w", encoding="utf-8") as handle:
        for page in sorted(pages, key=lambda p: (p.published, p.id)):
            record = {"id": page.id, "title": page.title, "text": page.text,
                      "published": page.published, "outlet": page.outlet}  # fmt: skip
            handle.write(json.dumps(record) + "\n")
    database = workdir / "ingested.db"
    database.unlink(missing_ok=True)
    store = open_store(f"sqlite:///{database}")
    ingest([str(records)], store, Settings())
    ids = {article.id: article.source_id for article in store.articles()}
    store.engine.dispose()
    return database, ids


def score_origin_runs(pages: Sequence[OriginPage], runs: Sequence[Prediction]) -> OriginSetReport:
    """Pair scores of link runs over the set: in-sample, and each topic with the run chosen on
    all the other topics (the topic is the fold: a held-out topic's pages, outlets and quotes
    are unseen when its threshold is chosen)."""
    gold = {p.id: p.origin for p in pages}
    topic_of = {p.id: p.topic for p in pages}
    topics = sorted(set(topic_of.values()))
    everyone = set(gold)

    def by_topic(groups: Mapping[str, Hashable | None]) -> dict[str, str | None]:
        return {k: (f"{topic_of[k]}/{v}" if v is not None else None) for k, v in groups.items()}

    def f1(run: Prediction, keep: set[str]) -> float:
        return score_pairs(by_topic(_subset(run.origin, keep)), by_topic(_subset(gold, keep))).f1

    held: dict[str, str] = {}
    choices: dict[str, dict[str, Any]] = {}
    for topic in topics:
        inside = {k for k, t in topic_of.items() if t == topic}
        run = _choose(runs, everyone - inside, f1)
        choices[topic] = run.settings["rewrite"]
        held.update({k: f"{topic}/{v}" for k, v in _subset(run.origin, inside).items()})
    best = _choose(runs, everyone, f1)
    recall: dict[str, list[bool]] = {}
    originals = {p.origin: p.id for p in pages if p.kind == "original" and p.origin}
    for page in pages:
        if page.kind in ("original", "negative") or page.origin not in originals:
            continue
        hit = held[page.id] == held[originals[page.origin]]
        recall.setdefault(page.kind, []).append(hit)
    sizes = Counter(held.values())
    return OriginSetReport(
        pages=len(pages),
        topics=topics,
        whole=score_pairs(best.origin, gold),
        in_sample=score_pairs(by_topic(best.origin), by_topic(gold)),
        held_out=score_pairs(held, by_topic(gold)),
        recall_by_kind={k: sum(v) / len(v) for k, v in sorted(recall.items())},
        negatives_joined=sum(1 for p in pages if p.kind == "negative" and sizes[held[p.id]] > 1),
        choice=best.settings["rewrite"],
        fold_choices=choices,
        held_groups=held,
    )


def evaluate_origin_set(
    path: str | Path,
    workdir: str | Path,
    *,
    rewrite_grid: Iterable[Mapping[str, Any]],
    progress: Progress | None = None,
) -> OriginSetReport:
    """Ingest the same-origin set, link it once per setting, score with topics held out."""
    pages = read_origin_set(path)
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    say = progress or (lambda _message: None)
    say(f"ingesting {len(pages)} pages")
    database, ids = ingest_origin_set(pages, workdir)
    runs = []
    for knobs in rewrite_grid:
        say(f"linking with rewrites {dict(knobs)}")
        runs.append(link_run(database, ids, workdir, {}, knobs))
    return score_origin_runs(pages, runs)
