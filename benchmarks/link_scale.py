"""Stage B at scale: link 10k and 100k articles and print time and peak memory.

The corpus is made by transforming real pages (the extraction benchmark's article bodies and
the ECB+ documents): exact copies on other outlets, near copies, spun rewrites (synonym swaps,
dropped clauses, shuffled sentences), repeated as dated waves months apart, so rewrites and
stories exist at every size. Articles are written straight to a SQLite store (no NLP: stage B
is what is measured); proper names found in each text stand in for entity mentions.

    .venv/bin/python benchmarks/link_scale.py --sizes 10000 100000

Each size is built in this process, then linked by a fresh subprocess whose peak RSS is
reported, so the figure is the linker's own.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from newsgraph.evaluate.rewrites import derive_pages, read_extraction_pages
from newsgraph.evaluate.stories import find_proper_names, read_story_bench, stand_in_mentions
from newsgraph.records import AnalyzedArticle, Article, Document
from newsgraph.store import open_store

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "bench"
OUTLETS = [f"outlet{i}.example" for i in range(40)]


def corpus_pages() -> list[tuple[str, str, str]]:
    """(page id, group id, text) for every derived page of the real originals."""
    originals = read_extraction_pages(SHARED / "extraction" / "ground-truth.json")
    ecb = read_story_bench(SHARED / "stories" / "ecbplus-dev.jsonl")
    originals += [(f"ecb{d['id']}", d["text"]) for d in ecb if len(d["text"]) > 400]
    return [(p.id, p.group, p.text) for p in derive_pages(originals)]


def build(path: Path, size: int) -> float:
    """Write `size` articles into a fresh store at `path`; returns seconds taken."""
    started = time.perf_counter()
    pages = corpus_pages()
    names = find_proper_names([text for _, _, text in pages])
    groups = sorted({group for _, group, _ in pages})
    offset = {g: i % 60 for i, g in enumerate(groups)}  # originals spread over two months
    store = open_store(f"sqlite:///{path}")
    # Articles arrive in publication order, as a crawl delivers them.
    order = sorted(range(size), key=lambda n: _day(n, pages, offset))
    batch: list[tuple[Document, AnalyzedArticle]] = []
    for n in order:
        wave, k = divmod(n, len(pages))
        page_id, _, text = pages[k]
        day = _day(n, pages, offset)
        doc_id = hashlib.sha256(f"{n}|{page_id}".encode()).hexdigest()
        outlet = OUTLETS[n % len(OUTLETS)]
        article = Article.bare(
            doc_id,
            text,
            source_id=f"{page_id}#{wave}",
            url=f"https://{outlet}/{n}",
            outlet=outlet,
            title=text.split(".")[0][:120],
            published=day.isoformat(),
        )
        mentions = stand_in_mentions(doc_id, text, names[k])
        document = Document(doc_id, article.source_id, text, "clean", url=article.url)
        batch.append((document, AnalyzedArticle(article, mentions)))
        if len(batch) == 1000:
            store.write_batch(batch)
            batch = []
    store.write_batch(batch)
    store.close()
    return time.perf_counter() - started


def _day(n: int, pages: list[tuple[str, str, str]], offset: dict[str, int]) -> date:
    """Publication day of the n-th article: its group's day in its wave, give or take two days."""
    wave, k = divmod(n, len(pages))
    return date(2024, 1, 1) + timedelta(days=wave * 120 + offset[pages[k][1]] + n % 3)


def link_child(path: str) -> None:
    """Run in the subprocess: link everything and print seconds and peak RSS as JSON."""
    from newsgraph.link import REWRITE_STATE, STORY_STATE, link

    store = open_store(f"sqlite:///{path}")
    started = time.perf_counter()
    summary = link(store)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    counts = store.counts()
    # what each pass saves and loads: it must follow the window, not the whole history
    state = sum(len(store.load_state(name) or b"") for name in (STORY_STATE, REWRITE_STATE))
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mb": peak_mb,
                "articles": summary.articles,
                "stories": counts["stories"],
                "rewrites": counts["rewrites"],
                "facts": counts["facts"],
                "state_mb": state / 1e6,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        link_child(args.child)
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"scale{size}.db"
            built = build(path, size)
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(path)],
                check=True,
                capture_output=True,
                text=True,
            )
            result = json.loads(out.stdout.strip().splitlines()[-1])
            rows.append((size, built, result))
            print(
                f"{size:>7} articles: built in {built:6.1f} s; linked in {result['seconds']:7.1f} s "
                f"({size / result['seconds']:6.0f} articles/s), peak RSS {result['peak_mb']:6.0f} MB; "
                f"{result['stories']} stories, {result['rewrites']} rewrites, {result['facts']} facts; "
                f"saved state {result['state_mb']:.1f} MB",
                flush=True,
            )
    if len(rows) >= 2:
        (s0, _, r0), (s1, _, r1) = rows[0], rows[-1]
        growth = (r1["seconds"] / r0["seconds"]) / (s1 / s0)
        print(f"time per article at {s1} / at {s0}: {growth:.2f} (1.00 is linear)")


if __name__ == "__main__":
    main()
