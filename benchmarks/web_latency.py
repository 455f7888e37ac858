"""Web latency with 10k stored articles: p50/p95/p99 of the dossier and article pages, per store.

    .venv/bin/python benchmarks/web_latency.py [--articles 10000] [--requests 200]
        [--stores sqlite,postgresql]

Articles are copies of a few real-ish paragraphs with varied ids, dates and outlets, each with
mentions, a claim and quantities, written through `Store.write_batch`; stories (100 articles
each), rewrites and facts go in through `Store.save_link`. A uvicorn server on a free loopback
port answers sequential, warm requests. PostgreSQL runs in a fresh database on 127.0.0.1:5432,
dropped afterwards. The target is p95 ≤ 200 ms for both pages on both stores.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import socket
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import httpx

from newsgraph.records import (
    AnalyzedArticle,
    Article,
    Boilerplate,
    Claim,
    Document,
    Event,
    Fact,
    Mention,
    Quantity,
    Rewrite,
    Statement,
    Story,
    child_id,
    entity_id,
)
from newsgraph.store import Store, open_store

PARAGRAPHS = [
    "North Korea's army sent 10,000 soldiers to Russia last fall, South Korea's spy agency said. "
    "The agency believes about 1,500 of them were killed or wounded in the Kursk region.",
    "Kyiv said 12,000 North Korean soldiers were deployed in Kursk in January. Ukrainian officials "
    "said some 300 were captured, while the Kremlin called the reports fake news.",
    "Pyongyang shipped more than 20,000 containers of artillery shells, US officials said. The "
    "Pentagon estimated that up to 3,000 North Korean troops had been killed.",
]
ENTITIES = [
    ("North Korea", "GPE"),
    ("Russia", "GPE"),
    ("Kursk", "GPE"),
    ("Kyiv", "GPE"),
    ("Kim Jong Un", "PERSON"),
    ("Kremlin", "ORG"),
    ("Pentagon", "ORG"),
]
OUTLETS = ["wire.example", "daily.example", "farm.example", "aggregator.example", "post.example"]
STORY_SIZE = 100
PAGES = ("dossier", "article")


def make_article(n: int, story: int) -> tuple[Document, AnalyzedArticle]:
    """One article: a few paragraphs, mentions of every entity named, a claim and quantities."""
    rng = random.Random(n)
    text = "\n\n".join(rng.choice(PARAGRAPHS) for _ in range(4)) + f"\n\nReport {n}."
    doc_id = hashlib.sha256(f"bench-{n}".encode()).hexdigest()
    day = (date(2025, 1, 1) + timedelta(days=story % 60 + rng.randrange(20))).isoformat()
    outlet = OUTLETS[n % len(OUTLETS)]
    article = Article(
        id=doc_id,
        source_id=f"bench/{n}.txt",
        url=f"https://{outlet}/{n}",
        outlet=outlet,
        title=f"Story {story}: report {n}",
        byline="Staff",
        photo_credit=None,
        published=day,
        published_source="metadata",
        language="en",
        text=text,
        original_source=None,
        boilerplate=[Boilerplate("promo", "Follow us on WhatsApp")],
    )
    mentions = []
    for name, type_ in ENTITIES:
        start = text.find(name)
        while start != -1:
            mentions.append(
                Mention(doc_id, start, start + len(name), name, name, type_, entity_id(name, type_))
            )
            start = text.find(name, start + len(name))
    claims, quantities = [], []
    for i, number in enumerate(("10,000", "12,000", "1,500", "300")):
        start = text.find(number)
        if start == -1:
            continue
        sentence_end = text.find(".", start) + 1
        claim = Claim(
            child_id(doc_id, "c", i),
            doc_id,
            max(0, start - 20),
            sentence_end,
            "officials",
            None,
            "say",
            "assert",
            False,
            text[start:sentence_end],
        )
        claims.append(claim)
        quantities.append(
            Quantity(
                child_id(doc_id, "q", i),
                doc_id,
                start,
                start + len(number),
                float(number.replace(",", "")),
                None,
                None,
                "exact",
                "DEPLOY",
                "soldiers",
                None,
                "officials",
                None,
                day,
                claim.id,
                number,
            )
        )
    event = Event(
        child_id(doc_id, "v", 0),
        doc_id,
        0,
        20,
        "North Korea",
        "DEPLOY",
        "soldiers",
        "Russia",
        day,
        None,
    )
    document = Document(doc_id, article.source_id, text, "text", url=article.url)
    return document, AnalyzedArticle(article, mentions, claims, quantities, [event])


def fill(store: Store, count: int) -> tuple[list[str], list[str]]:
    """Write `count` articles in stories of STORY_SIZE; returns (story ids, article ids)."""
    pairs = [make_article(n, n // STORY_SIZE) for n in range(count)]
    for i in range(0, len(pairs), 500):
        store.write_batch(pairs[i : i + 500])
    ids = [d.id for d, _ in pairs]
    stories, rewrites, facts = [], [], []
    assignments = {}
    for s in range(0, count, STORY_SIZE):
        story_id = f"s{s // STORY_SIZE}"
        members = pairs[s : s + STORY_SIZE]
        days = sorted(a.article.published or "" for _, a in members)
        stories.append(
            Story(
                story_id, f"Story {s // STORY_SIZE}", [d.id for d, _ in members], days[0], days[-1]
            )
        )
        for d, _ in members:
            assignments[d.id] = story_id
        for j in range(1, len(members), 3):
            rewrites.append(Rewrite(members[j][0].id, members[j - 1][0].id, "rewrite", 0.8))
        for k, value in enumerate((10000.0, 12000.0, 1500.0, 300.0)):
            statements = [
                Statement(
                    q.id,
                    None,
                    q.value,
                    None,
                    None,
                    "exact",
                    q.speaker,
                    q.article_id,
                    a.article.outlet,
                    q.as_of,
                )
                for _, a in members[:40]
                for q in a.quantities
                if q.value == value
            ]
            if statements:
                facts.append(
                    Fact(
                        f"f{s}-{k}",
                        story_id,
                        "DEPLOY",
                        "soldiers",
                        statements,
                        len({st.outlet for st in statements}),
                        "contested" if k == 1 else "corroborated",
                        statements,
                    )
                )
    store.save_link(
        linked_ids=ids,
        assignments=assignments,
        story_records=stories,
        rewrite_records=rewrites,
        fact_records=facts,
        fact_stories=[s.id for s in stories],
        state={},
    )
    return [s.id for s in stories], ids


@contextmanager
def serving(store: Store) -> Iterator[str]:
    """The web app on a free loopback port, in a thread, for the duration of the block."""
    import uvicorn

    from newsgraph.views.web.app import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(store, api_token=""),
            host="127.0.0.1",
            port=port,
            log_level="warning",
            lifespan="off",
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def measure(base: str, paths: list[str], warmup: int = 20) -> list[float]:
    """Milliseconds per sequential GET, after a warm-up."""
    timings = []
    with httpx.Client(base_url=base, timeout=30) as client:
        for path in paths[:warmup]:
            client.get(path).raise_for_status()
        for path in paths:
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()
    return timings


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


@contextmanager
def postgres_database() -> Iterator[str]:
    import psycopg

    name = f"newsgraph_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect("host=127.0.0.1 port=5432 dbname=postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect("host=127.0.0.1 port=5432 dbname=postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(url: str, label: str, articles: int, requests: int) -> dict[str, list[float]]:
    store = open_store(url)
    started = time.perf_counter()
    story_ids, article_ids = fill(store, articles)
    print(
        f"{label}: stored {len(article_ids)} articles in {len(story_ids)} stories "
        f"in {time.perf_counter() - started:.1f}s"
    )
    rng = random.Random(7)
    results = {}
    with serving(store) as base:
        results["dossier"] = measure(
            base, [f"/stories/{rng.choice(story_ids)}" for _ in range(requests)]
        )
        results["article"] = measure(
            base, [f"/articles/{rng.choice(article_ids)}" for _ in range(requests)]
        )
    store.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--stores", default="sqlite,postgresql")
    args = parser.parse_args()
    rows = []
    for label in args.stores.split(","):
        if label == "sqlite":
            with tempfile.TemporaryDirectory() as folder:
                found = run(
                    f"sqlite:///{Path(folder) / 'bench.db'}", label, args.articles, args.requests
                )
        else:
            with postgres_database() as url:
                found = run(url, label, args.articles, args.requests)
        rows += [(label, page, found[page]) for page in PAGES]
    print(
        f"\n{'store':<11} {'page':<8} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'mean':>8}"
    )
    worst = 0.0
    for label, page, timings in rows:
        p95 = percentile(timings, 95)
        worst = max(worst, p95)
        print(
            f"{label:<11} {page:<8} {len(timings):>5} {percentile(timings, 50):>8.1f} "
            f"{p95:>8.1f} {percentile(timings, 99):>8.1f} {statistics.mean(timings):>8.1f}"
        )
    print(f"\nworst p95 {worst:.1f} ms: {'within' if worst <= 200 else 'OVER'} the 200 ms target")


if __name__ == "__main__":
    main()
