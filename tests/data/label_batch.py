"""The writing half of the hand-label scripts (`held9_labels.py`, `held10_labels.py`): each
label is checked against its page's cleaned text, then the batch is written as JSONL."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from newsgraph.clean.text import clean_text
from newsgraph.evaluate.extraction import load_pages

BENCH = Path("../shared/bench/extraction")


def write_batch(
    labels: Sequence[tuple[str, str, str, str | None, str]], batch: str, out: str
) -> int:
    """Write (page prefix, figure text, context, as_of, note) labels to `out`, each context
    found exactly once in its page's cleaned text and holding its figure; the rows written."""
    ids = {f[:8]: f[:-4] for f in os.listdir(BENCH / "text")}
    wanted = {label[0] for label in labels}
    bodies = {
        p.id: clean_text(p.content, url=p.url).text
        for p in load_pages(BENCH, "text")
        if p.id[:8] in wanted
    }
    rows = []
    for page, text, context, as_of, note in labels:
        body = bodies[ids[page]]
        assert body.count(context) == 1, (page, context, body.count(context))
        assert text in context, (page, text, context)
        rows.append(
            {
                "page": ids[page],
                "text": text,
                "context": context,
                "as_of": as_of,
                "batch": batch,
                "note": note,
            }
        )
    with open(out, "w") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)
