"""CPU of the rewrite index alone on the `link_scale.py` corpus, this tree against another.

    PYTHONPATH=src .venv/bin/python benchmarks/provenance/rereport_cpu.py --size 20000 \\
        --compare ../main/src

Builds `size` articles as `benchmarks/link_scale.py` does (real pages, copies and rewrites in
dated waves, stand-in figures and claims), turns them into the figures and named sources the
linker gives `RewriteIndex.add`, and feeds them to this tree's index and to the index of the
package at `--compare`, in one process (CPU seconds by `time.process_time`, each run twice,
alternating, the lower kept): the cost of the candidate search and the re-report test per page.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from link_scale import OUTLETS, _day, corpus_pages, stand_in_evidence  # noqa: E402

from newsgraph.evaluate.stories import find_proper_names, stand_in_mentions  # noqa: E402
from newsgraph.link.rewrites import RewriteIndex, report_evidence  # noqa: E402


def other_index(src: Path) -> Any:
    """The `RewriteIndex` class of the package at `src`, loaded beside this tree's."""
    path = src / "newsgraph" / "link" / "rewrites.py"
    spec = importlib.util.spec_from_file_location("compared_rewrites", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["compared_rewrites"] = module
    spec.loader.exec_module(module)
    return module.RewriteIndex


def articles(size: int) -> list[tuple[str, str, str, str, list[str], list[str]]]:
    pages = corpus_pages()
    names = find_proper_names([text for _, _, text in pages])
    groups = sorted({group for _, group, _ in pages})
    offset = {g: i % 60 for i, g in enumerate(groups)}
    out = []
    for n in sorted(range(size), key=lambda n: _day(n, pages, offset)):
        _, k = divmod(n, len(pages))
        page_id, _, text = pages[k]
        day = _day(n, pages, offset).isoformat()
        doc_id = hashlib.sha256(f"{n}|{page_id}".encode()).hexdigest()
        known = {m.name for m in stand_in_mentions(doc_id, text, names[k])}
        quantities, claims = stand_in_evidence(doc_id, text, day, known)
        figures, sources = report_evidence(quantities, claims)
        out.append(
            (doc_id, text, day, OUTLETS[n % len(OUTLETS)],
             sorted(figures.get(doc_id, ())), sorted(sources.get(doc_id, ())))
        )  # fmt: skip
    return out


def run(
    index_class: Any, batch: list[tuple[str, str, str, str, list[str], list[str]]]
) -> tuple[float, dict[str, int]]:
    index = index_class()
    kinds: dict[str, int] = {}
    started = time.process_time()
    for doc_id, text, day, outlet, figures, sources in batch:
        for found in index.add(doc_id, text, published=day, outlet=outlet, figures=figures,
                               sources=sources):  # fmt: skip
            kinds[found.kind] = kinds.get(found.kind, 0) + 1
    return time.process_time() - started, kinds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--compare", type=Path, required=True)
    args = parser.parse_args()
    batch = articles(args.size)
    theirs_class = other_index(args.compare)
    best: dict[str, float] = {}
    for name, cls in (("here", RewriteIndex), ("there", theirs_class)) * 2:
        cpu, kinds = run(cls, batch)
        best[name] = min(best.get(name, cpu), cpu)
        print(f"{name}: {cpu:.1f} s CPU, relations {dict(sorted(kinds.items()))}", flush=True)
    print(f"{args.size} articles: here {best['here']:.1f} s, there {best['there']:.1f} s, "
          f"ratio {best['here'] / best['there']:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
