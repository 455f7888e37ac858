"""Study: how well do article pairs tell their thread, by the linker's similarity and by a
logistic regression over its parts? Reproduces the figures of the README's session-6 section.

    .venv/bin/python benchmarks/provenance/pair_study.py

Ingests the labelled articles through the real stage A (as `newsgraph eval provenance` does),
takes every pair of articles published at most `MAX_GAP` days apart, and describes each by the
cosines of its word, entity, number and title blocks (the linker's features, IDF over the set),
the largest IDF of an entity both name, the days between them and the shared quotation
shingles. Two scores rank the pairs: the linker's (weighted block cosines halving every 7
days) and a logistic regression fitted on the pairs whose later article is in the other months
(so each month is scored by a model that never saw its pairs). Printed: average precision of
the same-thread pairs for each score, by month held out; and BCubed of the stories that each
score's 2-nearest-neighbour graph gives (its connected components), with the cut chosen on the
other months, for all articles and for the threaded ones (threads of three or more).
It is a study, not the linker: the IDF is over the whole set, not online.
"""

from __future__ import annotations

import itertools
import math
import re
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

from newsgraph.evaluate.provenance import ingest_labelled, read_labels, threaded_articles
from newsgraph.evaluate.stories import score_clusters
from newsgraph.link import stories as linker
from newsgraph.store import open_store

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "benchmarks" / "provenance" / "polnear-2016-jan-apr.jsonl"
TEXT = ROOT.parent / "shared" / "bench" / "attribution" / "text"
MAX_GAP = 120
_QUOTE = re.compile(r"[“\"]([^”\"]{15,400})[”\"]")
FEATURES = (
    "word cosine",
    "entity cosine",
    "number cosine",
    "title cosine",
    "quote shingles",
    "rarest shared entity",
    "log days apart",
    "word cosine, 14-day decay",
    "entity cosine, 14-day decay",
)


def _articles() -> list[dict[str, Any]]:
    labels = read_labels(LABELS)
    by_id = {label.id: label for label in labels}
    with tempfile.TemporaryDirectory(prefix="newsgraph-pairs-") as workdir:
        database, ids = ingest_labelled(labels, TEXT, Path(workdir))
        store = open_store(f"sqlite:///{database}")
        pending = store.unlinked_articles(limit=len(labels) + 1)
        names: dict[str, list[str]] = {}
        for mention in store.mentions_of([a.id for a in pending]):
            names.setdefault(mention.article_id, []).append(mention.name)
        store.engine.dispose()
    rows = []
    for article in pending:
        label = by_id[ids[article.id]]
        rows.append(
            {
                "id": label.id,
                "text": article.text,
                "title": article.title or "",
                "day": date.fromisoformat(label.published).toordinal(),
                "entities": names.get(article.id, []),
                "thread": label.thread,
                "month": label.published[:7],
            }
        )
    return rows


def _blocks(row: dict[str, Any]) -> list[dict[str, float]]:
    params = linker.StoryParams()
    found = linker.extract_features(
        row["text"], title=row["title"], entities=row["entities"], params=params
    )
    words = {k: v for k, v in found.items() if k[0] == "w"}
    entities = {k: v for k, v in found.items() if k[0] == "e"}
    numbers = {k: v for k, v in found.items() if k[0] in "nd"}
    title_words = (linker._normalise_word(t) for t in linker._TOKEN.findall(row["title"]))
    title = {w: 1.0 for w in title_words if w}
    return [words, entities, numbers, title]


def _quote_shingles(text: str) -> set[tuple[str, ...]]:
    shingles: set[tuple[str, ...]] = set()
    for match in _QUOTE.finditer(text):
        words = [w.lower() for w in linker._TOKEN.findall(match.group(1))]
        shingles.update(tuple(words[i : i + 4]) for i in range(len(words) - 3))
    return shingles


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def _pair_table(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    blocks = [_blocks(r) for r in rows]
    quotes = [_quote_shingles(r["text"]) for r in rows]
    n = len(rows)
    idf = []
    for k in range(4):
        df: dict[str, int] = {}
        for b in blocks:
            for key in b[k]:
                df[key] = df.get(key, 0) + 1
        idf.append({key: math.log((1 + n) / (1 + d)) + 1.0 for key, d in df.items()})
    vectors = []
    for b in blocks:
        normed = []
        for k in range(4):
            v = {key: x * idf[k][key] for key, x in b[k].items()}
            norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
            normed.append({key: x / norm for key, x in v.items()})
        vectors.append(normed)
    pairs, features, same, linker_score, month = [], [], [], [], []
    for i, j in itertools.combinations(range(n), 2):
        gap = abs(rows[i]["day"] - rows[j]["day"])
        if gap > MAX_GAP:
            continue
        words, entities, numbers, title = (_cosine(vectors[i][k], vectors[j][k]) for k in range(4))
        shared_quotes = len(quotes[i] & quotes[j]) / (min(len(quotes[i]), len(quotes[j])) or 1)
        shared = set(blocks[i][1]) & set(blocks[j][1])
        rarest = max((idf[1][s] for s in shared), default=0.0) / math.log(n + 1)
        decay = math.exp(-gap / 14)
        parts = [words, entities, numbers, title, shared_quotes, rarest, math.log1p(gap)]
        features.append([*parts, words * decay, entities * decay])
        pairs.append((i, j))
        same.append(int(rows[i]["thread"] == rows[j]["thread"]))
        # the linker's default: word, entity and number blocks weighted 1, 0.5, 0.5
        linker_score.append((words + 0.5 * entities + 0.5 * numbers) / 2 * 2 ** (-gap / 7))
        month.append(rows[j]["month"])
    return {
        "pairs": pairs,
        "x": np.array(features),
        "y": np.array(same),
        "linker": np.array(linker_score),
        "month": np.array(month),
    }


def _held_out_logits(table: dict[str, Any]) -> tuple[np.ndarray, list[np.ndarray]]:
    x, y, month = table["x"], table["y"], table["month"]
    logits = np.zeros(len(y))
    weights = []
    for held in sorted(set(month)):
        train, test = month != held, month == held
        model = LogisticRegression(max_iter=2000).fit(x[train], y[train])
        logits[test] = model.decision_function(x[test])
        weights.append(model.coef_[0])
    return logits, weights


def _components(
    rows: Sequence[dict[str, Any]], pairs: Sequence[tuple[int, int]], score: np.ndarray, cut: float
) -> dict[str, int]:
    """Each article's 2 best links at or above the cut, as connected components."""
    best: dict[int, list[tuple[float, int]]] = {}
    for (i, j), s in zip(pairs, score.tolist(), strict=True):
        if s >= cut:
            best.setdefault(i, []).append((s, j))
            best.setdefault(j, []).append((s, i))
    parent = list(range(len(rows)))

    def find(a: int) -> int:
        while parent[a] != a:
            a = parent[a]
        return a

    for a, links in best.items():
        for _, b in sorted(links, reverse=True)[:2]:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {rows[i]["id"]: find(i) for i in range(len(rows))}


def _bcubed_by_month(
    rows: Sequence[dict[str, Any]],
    table: dict[str, Any],
    score: np.ndarray,
    cuts: Sequence[float],
    keep: set[str] | None = None,
) -> float:
    threads = {r["id"]: r["thread"] for r in rows}
    month = {r["id"]: r["month"] for r in rows}
    runs = [_components(rows, table["pairs"], score, cut) for cut in cuts]

    def by_month(groups: dict[str, Any], ids: set[str]) -> dict[str, str]:
        return {k: f"{month[k]}/{v}" for k, v in groups.items() if k in ids}

    held: dict[str, str] = {}
    for m in sorted(set(month.values())):
        train = {k for k in threads if month[k] != m}
        run = max(
            runs,
            key=lambda r: score_clusters(by_month(r, train), by_month(threads, train)).bcubed_f1,
        )
        inside = {k for k in threads if month[k] == m and (keep is None or k in keep)}
        held.update(by_month(run, inside))
    scored = set(held)
    return score_clusters(held, by_month(threads, scored)).bcubed_f1


def main() -> None:
    rows = _articles()
    table = _pair_table(rows)
    y, month = table["y"], table["month"]
    logits, weights = _held_out_logits(table)
    print(f"{len(y)} pairs at most {MAX_GAP} days apart, {int(y.sum())} in one thread")
    for held in sorted(set(month)):
        part = month == held
        print(
            f"  {held}: average precision linker {average_precision_score(y[part], table['linker'][part]):.3f}"
            f", regression {average_precision_score(y[part], logits[part]):.3f}"
        )
    mean = np.mean(weights, axis=0)
    print("  regression weights (mean of the folds):")
    for name, weight in zip(FEATURES, mean.tolist(), strict=True):
        print(f"    {name:28s} {weight:+.2f}")
    threaded = threaded_articles({r["id"]: r["thread"] for r in rows})
    linker_cuts = [0.12, 0.14, 0.17, 0.2, 0.25, 0.3]
    model_cuts = [-3.0, -2.5, -2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0]
    for name, score, cuts in (
        ("linker", table["linker"], linker_cuts),
        ("regression", logits, model_cuts),
    ):
        print(
            f"2-NN components by {name}: BCubed months held out "
            f"{_bcubed_by_month(rows, table, score, cuts):.3f}, threaded articles "
            f"{_bcubed_by_month(rows, table, score, cuts, threaded):.3f}"
        )


if __name__ == "__main__":
    sys.exit(main())
