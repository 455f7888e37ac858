"""Hand-labelled sets kept as JSON lines: one reader, one error for a bad line."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from newsgraph.errors import BenchmarkMissing


def label_rows(
    path: Path, fields: Sequence[str], what: str, defaults: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """The labels of a JSONL file, each with exactly `fields` (those in `defaults` may be
    missing); a line that is not JSON, or lacks a field, is refused with its line number."""
    if not Path(path).is_file():
        raise BenchmarkMissing(f"{path}: no labels there")
    defaults = defaults or {}
    rows: list[dict[str, Any]] = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            rows.append({key: row[key] if key in row else defaults[key] for key in fields})
        except (ValueError, KeyError, TypeError) as exc:
            raise BenchmarkMissing(f"{path}:{number}: not {what} ({exc!r})") from exc
    return rows
