"""Stage B at scale: link 10k and 100k articles and print time and peak memory.

The corpus is made by transforming real pages (the extraction benchmark's article bodies and
the ECB+ documents): exact copies on other outlets, near copies, spun rewrites (synonym swaps,
dropped clauses, shuffled sentences), repeated as dated waves months apart, so rewrites and
stories exist at every size. Articles are written straight to a SQLite store (no NLP: stage B
is what is measured); proper names found in each text stand in for entity mentions, and its
numbers and "X said" sentences for stage A's quantities and claims, so each pass rebuilds the
facts and incidents of the stories it touches as a real one does (`--no-evidence` leaves them
out, as this benchmark did before).

    .venv/bin/python benchmarks/link_scale.py --sizes 10000 100000
    .venv/bin/python benchmarks/link_scale.py --sizes 100000 --store postgresql://127.0.0.1/test
    .venv/bin/python benchmarks/link_scale.py --sizes 20000 --compare ../main/src
    .venv/bin/python benchmarks/link_scale.py --sizes 100000 1000000 --built /tmp/built

Each size is built in this process, then linked by a fresh subprocess whose peak RSS is
reported, so the figure is the linker's own. `--store` builds and links in that store instead
of a temporary SQLite file (it is emptied first: give a scratch database). `--compare SRC`
links a copy of each SQLite store with the code of another checkout (its `src` folder) too,
one after the other, and checks that both give the same stories, the same rewrites and the same
facts and incidents (every column of every row). `--built FOLDER` keeps each size's built,
unlinked store there and links a copy of it, so a rerun links without building again. The
linker prints a line per pass to stderr (articles so far, the pass's ms an article, RSS).
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import os
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from newsgraph.evaluate.rewrites import derive_pages, read_extraction_pages
from newsgraph.evaluate.stories import find_proper_names, read_story_bench, stand_in_mentions
from newsgraph.records import (
    AnalyzedArticle,
    Article,
    Claim,
    Document,
    Quantity,
    QuantityKind,
    entity_id,
)
from newsgraph.store import open_store

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "bench"
OUTLETS = [f"outlet{i}.example" for i in range(40)]


def corpus_pages() -> list[tuple[str, str, str]]:
    """(page id, group id, text) for every derived page of the real originals."""
    originals = read_extraction_pages(SHARED / "extraction" / "ground-truth.json")
    ecb = read_story_bench(SHARED / "stories" / "ecbplus-dev.jsonl")
    originals += [(f"ecb{d['id']}", d["text"]) for d in ecb if len(d["text"]) > 400]
    return [(p.id, p.group, p.text) for p in derive_pages(originals)]


# A number and the word it counts ("300 soldiers", "$2.5 million in aid"), and a sentence's
# speaker ("Lee said", "officials told"): cheap stand-ins for stage A's quantities and claims.
_COUNTED = re.compile(
    r"(\$)?\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?: (million|billion))? ([a-z][a-z-]{2,})"
)
_SAID = re.compile(r"\b([A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,3}) (said|told|added|says|denied)\b")
_SENTENCE = re.compile(r"[^.!?]+[.!?]?")
_KIND_WORDS: dict[str, QuantityKind] = {
    **dict.fromkeys(("killed", "dead", "deaths", "died", "victims", "fatalities"), "KILL"),
    **dict.fromkeys(("injured", "wounded", "hurt", "injuries"), "WOUND"),
    **dict.fromkeys(("troops", "soldiers", "personnel", "officers", "police"), "DEPLOY"),
    **dict.fromkeys(("arrested", "detained", "prisoners", "hostages"), "CAPTURE"),
}
_SCALE = {"million": 1e6, "billion": 1e9}
# as many as a real page gives, give or take (the bench pages: about 6 figures and 12 claims)
_MAX_QUANTITIES, _MAX_CLAIMS = 8, 10


def stand_in_evidence(
    doc_id: str, text: str, published: str, names: set[str]
) -> tuple[list[Quantity], list[Claim]]:
    """Quantities and claims found in `text` by pattern: each number with the word after it
    (its kind from that word, a dollar sign making it MONEY), each "X said" sentence a claim,
    and X the speaker of the sentence's numbers, with X's entity when X is one of `names`."""
    quantities: list[Quantity] = []
    claims: list[Claim] = []
    for sentence in _SENTENCE.finditer(text):
        said = _SAID.search(sentence.group())
        speaker = said.group(1) if said else None
        speaker_entity = entity_id(speaker, "OTHER") if speaker in names else None
        claim_id = None
        if said and len(claims) < _MAX_CLAIMS:
            claim_id = f"{doc_id[:16]}-c{len(claims)}"
            start, end = sentence.span()
            content = sentence.group()[said.end() :].strip(" ,.") or sentence.group().strip()
            claims.append(
                Claim(
                    claim_id,
                    doc_id,
                    start,
                    end,
                    speaker,
                    speaker_entity,
                    said.group(2),
                    "deny" if said.group(2) == "denied" else "assert",
                    False,
                    content,
                )
            )
        for number in _COUNTED.finditer(sentence.group()):
            if len(quantities) >= _MAX_QUANTITIES:
                break
            dollar, digits, scale, word = number.groups()
            value = float(digits.replace(",", "")) * _SCALE.get(scale or "", 1.0)
            kind: QuantityKind = "MONEY" if dollar else _KIND_WORDS.get(word, "OTHER")
            start = sentence.start() + number.start()
            quantities.append(
                Quantity(
                    f"{doc_id[:16]}-q{len(quantities)}",
                    doc_id,
                    start,
                    sentence.start() + number.end(),
                    value,
                    None,
                    None,
                    "exact",
                    kind,
                    word,
                    "USD" if dollar else None,
                    speaker,
                    speaker_entity,
                    published,
                    claim_id,
                    text=number.group(),
                )
            )
    return quantities, claims


def build(url: str, size: int, evidence: bool = True) -> float:
    """Write `size` articles into a fresh store at `url` (with stand-in quantities and claims
    unless `evidence` is false); returns seconds taken."""
    started = time.perf_counter()
    pages = corpus_pages()
    names = find_proper_names([text for _, _, text in pages])
    groups = sorted({group for _, group, _ in pages})
    offset = {g: i % 60 for i, g in enumerate(groups)}  # originals spread over two months
    store = open_store(url)
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
        analyzed = AnalyzedArticle(article, mentions)
        if evidence:
            known = {m.name for m in mentions}
            analyzed.quantities, analyzed.claims = stand_in_evidence(
                doc_id, text, day.isoformat(), known
            )
        batch.append((document, analyzed))
        if len(batch) == 1000:
            store.write_batch(batch)
            batch = []
    store.write_batch(batch)
    store.close()
    return time.perf_counter() - started


def reuse_built(folder: Path, path: Path, size: int, evidence: bool) -> float:
    """Copy the built, unlinked store of `size` articles in `folder` to `path` (building it
    there first when it is missing); returns the seconds building took, 0 when reused. The 1M
    corpus takes most of an hour to build: linking it again should not."""
    folder.mkdir(parents=True, exist_ok=True)
    suffix = "" if evidence else "-bare"
    kept = folder / f"built{size}{suffix}.db"
    seconds = 0.0
    if not kept.exists():
        partial = kept.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        seconds = build(f"sqlite:///{partial}", size, evidence=evidence)
        partial.rename(kept)  # only a whole build is ever reused
    shutil.copyfile(kept, path)
    return seconds


def _day(n: int, pages: list[tuple[str, str, str]], offset: dict[str, int]) -> date:
    """Publication day of the n-th article: its group's day in its wave, give or take two days."""
    wave, k = divmod(n, len(pages))
    return date(2024, 1, 1) + timedelta(days=wave * 120 + offset[pages[k][1]] + n % 3)


def link_child(url: str) -> None:
    """Run in the subprocess: link everything and print seconds and peak RSS as JSON."""
    from newsgraph.link import REWRITE_STATE, STORY_STATE, link

    store = open_store(url)
    started = time.perf_counter()
    phases = _time_phases(store)
    # (the code of another checkout, `--compare`, may know no `on_pass`)
    more = (
        {"on_pass": _PassProgress(phases)}
        if "on_pass" in inspect.signature(link).parameters
        else {}
    )
    summary = link(store, **more)
    seconds = time.perf_counter() - started
    # the linker's own peak plus its rewrite worker's (a child process, ended by now)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    # CPU seconds, this process and the worker: the work done, whatever else the machine runs
    own, worker = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    counts = store.counts()
    # what each pass saves and loads: it must follow the window, not the whole history
    state = sum(len(store.load_state(name) or b"") for name in (STORY_STATE, REWRITE_STATE))
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mb": peak_mb + worker_mb,
                "worker_mb": worker_mb,
                "cpu_s": own.ru_utime + own.ru_stime,
                "worker_cpu_s": worker.ru_utime + worker.ru_stime,
                "articles": summary.articles,
                "stories": counts["stories"],
                "rewrites": counts["rewrites"],
                "facts": counts["facts"],
                "state_mb": state / 1e6,
            }
        )
    )


class _PassProgress:
    """Prints a line per committed link pass to stderr: the pass, the articles linked so far,
    the last pass's wall and CPU milliseconds an article, and the linker's RSS now and at peak
    (a long run shows where time per article grows, and whether memory does)."""

    def __init__(self, phases: dict[str, float]) -> None:
        self.passes = self.articles = 0
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        self.phases = phases

    def __call__(self, done: Any) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        self.passes += 1
        self.articles += done.articles
        per = 1000 / max(done.articles, 1)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"pass {self.passes}: {self.articles} articles; last pass {done.articles} articles, "
            f"{(wall - self.wall) * per:.2f} ms/article wall, {(cpu - self.cpu) * per:.2f} "
            f"ms/article CPU; RSS {_rss_mb():.0f} MB (peak {peak:.0f}); CPU ms/article by "
            + ", ".join(f"{name} {seconds * per:.2f}" for name, seconds in self.phases.items()),
            file=sys.stderr,
            flush=True,
        )
        self.wall, self.cpu = wall, cpu
        self.phases.update(dict.fromkeys(self.phases, 0.0))


def _time_phases(store: Any) -> dict[str, float]:
    """Wrap the steps of a link pass to add up the CPU seconds each takes (reset by each
    progress line): which step grows with the history. Steps another checkout lacks are left
    out."""
    from newsgraph.link import facts, propositions, stories

    phases: dict[str, float] = {}

    def timed(owner: Any, name: str, label: str) -> None:
        inner = getattr(owner, name, None)
        if inner is None:
            return
        phases[label] = 0.0

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return inner(*args, **kwargs)
            finally:
                phases[label] += time.process_time() - started

        setattr(owner, name, wrapper)

    timed(stories.StoryClusterer, "add", "cluster")
    timed(stories.StoryClusterer, "stories", "story records")
    timed(stories.StoryClusterer, "dumps", "story state")
    timed(facts, "build_story_records", "build facts")
    timed(propositions, "join_claims", "join claims")
    timed(facts, "join_series", "join series (with claims)")
    timed(store, "save_link", "save")
    return phases


def _rss_mb() -> float:
    """This process's resident memory now, in MB (0 where /proc is not there)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def rebuild_child(url: str, count: int, rounds: int) -> None:
    """Run in a subprocess: rebuild the facts of the `count` largest stories of a linked store
    `rounds` times, 20 stories a pass, as link passes do (with one cache for the call where
    the code has one); print CPU seconds per round and a digest of what was built."""
    from newsgraph.link import facts

    store = open_store(url)
    chosen = store.stories()[:count]  # the largest first
    cached = "cache" in inspect.signature(facts.build_story_records).parameters
    cache = facts.StoryCache() if cached else None
    more = {"cache": cache} if cached else {}
    digest = hashlib.sha256()
    per_round = []
    for _ in range(rounds):
        started = time.process_time()
        _rebuild_passes(store, chosen, more, digest)
        per_round.append(time.process_time() - started)
    print(json.dumps({"cpu_s": per_round, "digest": digest.hexdigest(), "stories": len(chosen)}))


def _rebuild_passes(store: Any, stories: list[Any], more: dict[str, Any], digest: Any) -> None:
    """Rebuild the facts of `stories` 20 a pass, as `link` does, into `digest` (and the file
    $LINK_SCALE_DUMP names, when set)."""
    from newsgraph.link import facts
    from newsgraph.link.origins import origin_groups

    for i in range(0, len(stories), 20):
        batch = stories[i : i + 20]
        members = [a for story in batch for a in story.article_ids]
        origins = origin_groups(store.rewrites_touching(members))
        built, incidents = facts.build_story_records(store, batch, origins, **more)
        joined, replaced = facts.join_series(
            store, built, [s.id for s in batch], members, stories=batch, origins=origins, **more
        )
        digest.update(repr((joined, replaced, incidents)).encode())
        if os.environ.get("LINK_SCALE_DUMP"):
            with open(os.environ["LINK_SCALE_DUMP"], "a") as dump:
                print(repr((joined, replaced, incidents)), file=dump)


def grow_child(url: str, count: int, rounds: int) -> None:
    """Run in a subprocess: rebuild the facts of the `count` largest stories of a linked store
    as they grew, 20 stories a pass: round r rebuilds each with the first r/`rounds` of its
    articles in publication order (one cache for the call where the code has one), as the
    passes of a long history do; print CPU seconds per round and a digest of what was built.
    A round's cost against its story length says whether a pass costs what it adds or what
    the story holds."""
    from newsgraph.link import facts
    from newsgraph.records import Story

    store = open_store(url)
    chosen = store.stories()[:count]  # the largest first
    published = {r.id: r.published or "" for s in chosen for r in store.article_refs(s.article_ids)}
    cached = "cache" in inspect.signature(facts.build_story_records).parameters
    cache = facts.StoryCache() if cached else None
    more = {"cache": cache} if cached else {}
    digest = hashlib.sha256()
    per_round = []
    for r in range(1, rounds + 1):
        grown = []
        for story in chosen:
            ordered = sorted(story.article_ids, key=lambda a: (published.get(a, ""), a))
            grown.append(
                Story(story.id, story.label, ordered[: len(ordered) * r // rounds], None, None)
            )
        started = time.process_time()
        _rebuild_passes(store, grown, more, digest)
        per_round.append(time.process_time() - started)
    articles = sum(len(s.article_ids) for s in chosen)
    print(json.dumps({"cpu_s": per_round, "digest": digest.hexdigest(), "articles": articles}))


def empty_store(url: str) -> None:
    """Drop everything in the PostgreSQL database at `url`, so the build starts from nothing."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def run_child(url: str, src: str | None = None) -> dict[str, float]:
    """Link the store at `url` in a fresh process (with the package at `src`, if given)."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(Path(src).resolve()), env.get("PYTHONPATH", "")])
    # (its per-pass progress goes to stderr, passed through as it comes)
    out = subprocess.run(
        [sys.executable, __file__, "--child", url],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def downgrade(path: Path, migrations: Path) -> None:
    """Bring the SQLite store at `path` back to the newest schema the migrations at
    `migrations` know, so that older code opens a store this code built."""
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from newsgraph.store.database import MIGRATIONS

    theirs = ScriptDirectory(str(migrations)).get_current_head()
    if theirs == ScriptDirectory(str(MIGRATIONS)).get_current_head():
        return
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    store = open_store(f"sqlite:///{path}")
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, theirs or "base")
    store.close()


def linked_output(
    path: Path,
) -> tuple[dict[str, str], set[tuple[str, str, str, float]], dict[str, tuple[object, ...]]]:
    """Story of each article, every rewrite relation, and every fact and incident (each whole
    row by id), read straight from a SQLite store."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        members = dict(connection.execute("SELECT id, story_id FROM articles").fetchall())
        pairs = set(
            connection.execute(
                "SELECT article_id, source_article_id, kind, similarity FROM rewrites"
            ).fetchall()
        )
        records: dict[str, tuple[object, ...]] = {}
        for table in ("facts", "incidents"):
            for row in connection.execute(f"SELECT * FROM {table} ORDER BY id"):
                records[f"{table}:{row[0]}"] = tuple(row)
    finally:
        connection.close()
    return members, pairs, records


def compare(path: Path, src: str) -> tuple[str, dict[str, float]]:
    """Link a copy of the store at `path` with the code at `src`, then `path` itself with this
    code: a line with both times and whether stories and rewrites are identical, and this
    code's figures."""
    reference = path.with_name(path.stem + "-reference.db")
    shutil.copyfile(path, reference)
    downgrade(reference, Path(src) / "newsgraph" / "store" / "migrations")
    theirs = run_child(f"sqlite:///{reference}", src)
    ours = run_child(f"sqlite:///{path}")
    their_members, their_pairs, their_records = linked_output(reference)
    our_members, our_pairs, our_records = linked_output(path)
    moved = sum(1 for a, s in our_members.items() if their_members.get(a) != s)
    same_partition = _partition(our_members) == _partition(their_members)
    # facts and incidents: every column of every row, by id
    records_differ = sum(
        1 for key in their_records.keys() | our_records.keys()
        if their_records.get(key) != our_records.get(key)
    )  # fmt: skip
    same = moved == 0 and our_pairs == their_pairs and records_differ == 0
    verdict = "IDENTICAL" if same else "DIFFERENT"
    line = (
        f"  vs {src}: linked in {theirs['seconds']:.1f} s there, {ours['seconds']:.1f} s here "
        f"(speed-up {theirs['seconds'] / ours['seconds']:.2f}x); CPU {theirs['cpu_s']:.1f} + "
        f"{theirs.get('worker_cpu_s', 0.0):.1f} s (worker) there, {ours['cpu_s']:.1f} + "
        f"{ours.get('worker_cpu_s', 0.0):.1f} s (worker) here; "
        f"peak RSS "
        f"{theirs['peak_mb']:.0f} / {ours['peak_mb']:.0f} MB; stories: {moved} articles in "
        f"another story id (same partition: {same_partition}); rewrites: "
        f"{len(their_pairs)} there, {len(our_pairs)} here, {len(their_pairs ^ our_pairs)} "
        f"differ; facts and incidents: {len(their_records)} there, {len(our_records)} here, "
        f"{records_differ} rows differ: {verdict}"
    )
    return line, ours


def _partition(members: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article, story in members.items():
        groups.setdefault(story, set()).add(article)
    return {frozenset(g) for g in groups.values()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--store", help="a PostgreSQL URL to build and link in (emptied first)")
    parser.add_argument(
        "--compare", metavar="SRC", help="also link with the package at SRC and compare"
    )
    parser.add_argument("--keep", type=Path, help="a folder to keep the SQLite stores in")
    parser.add_argument(
        "--built",
        type=Path,
        metavar="PATH",
        help="a folder of built, unlinked SQLite stores (built<size>.db): each size links a "
        "copy of its store there, and a size not there yet is built and saved there first",
    )
    parser.add_argument(
        "--no-evidence",
        action="store_true",
        help="write no stand-in quantities and claims: stage B without facts, as before",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument(
        "--rebuild",
        metavar="URL",
        help="time only the rebuilding of facts of the largest stories of a linked store",
    )
    parser.add_argument(
        "--grow",
        metavar="URL",
        help="time the rebuilding of the largest stories of a linked store as they grew",
    )
    parser.add_argument("--stories", type=int, default=200, help="with --rebuild/--grow: how many")
    parser.add_argument(
        "--rounds", type=int, default=3, help="with --rebuild/--grow: passes over them"
    )
    args = parser.parse_args()
    if args.child:
        link_child(args.child)
        return
    if args.rebuild:
        rebuild_child(args.rebuild, args.stories, args.rounds)
        return
    if args.grow:
        grow_child(args.grow, args.stories, args.rounds)
        return
    if args.store and (args.compare or args.built):
        parser.error("--compare and --built read SQLite stores: leave out --store")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            path = folder / f"scale{size}.db"
            if args.store:
                empty_store(args.store)
                url = args.store
            else:
                path.unlink(missing_ok=True)
                url = f"sqlite:///{path}"
            if args.built:
                built = reuse_built(args.built, path, size, evidence=not args.no_evidence)
            else:
                built = build(url, size, evidence=not args.no_evidence)
            comparison = ""
            if args.compare:
                comparison, result = compare(path, args.compare)
            else:
                result = run_child(url)
            rows.append((size, built, result))
            print(
                f"{size:>7} articles: built in {built:6.1f} s; linked in {result['seconds']:7.1f} s "
                f"({size / result['seconds']:6.0f} articles/s; CPU {result['cpu_s']:.1f} + "
                f"{result.get('worker_cpu_s', 0.0):.1f} s worker), peak RSS {result['peak_mb']:6.0f} MB "
                f"(worker {result.get('worker_mb', 0):.0f}); "
                f"{result['stories']} stories, {result['rewrites']} rewrites, {result['facts']} facts; "
                f"saved state {result['state_mb']:.1f} MB",
                flush=True,
            )
            if comparison:
                print(comparison, flush=True)
    if len(rows) >= 2:
        (s0, _, r0), (s1, _, r1) = rows[0], rows[-1]
        growth = (r1["seconds"] / r0["seconds"]) / (s1 / s0)
        print(f"time per article at {s1} / at {s0}: {growth:.2f} (1.00 is linear)")


if __name__ == "__main__":
    main()
