"""Parquet shards: one row per document, its Document fields and its stage A records as typed
nested columns derived from `records.py`, plus a completion marker written after the data.

A shard counts only when its marker exists; the marker is written after the Parquet file is
renamed into place, so a run killed at any point leaves either a whole shard or none.
"""

from __future__ import annotations

import json
import os
import types
import typing
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any, Literal, get_args, get_origin, get_type_hints

from newsgraph.errors import MissingExtra
from newsgraph.records import (
    AnalyzedArticle,
    Article,
    Boilerplate,
    Claim,
    Document,
    Event,
    Mention,
    Quantity,
    to_dict,
)

RECORD_COLUMNS: dict[str, type] = {
    "mentions": Mention,
    "claims": Claim,
    "quantities": Quantity,
    "events": Event,
}
MARKER = ".done"


def require_pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise MissingExtra(
            "writing and reading Parquet shards needs pyarrow", hint="pip install newsgraph[scale]"
        ) from exc
    return pyarrow


def arrow_type(hint: Any) -> Any:
    """The Arrow type of a record field's annotation (Literal is a string, a dataclass a struct)."""
    pa = require_pyarrow()
    origin = get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in get_args(hint) if a is not type(None)]
        return arrow_type(inner)
    if origin is Literal:
        return pa.string()
    if origin is list:
        return pa.list_(arrow_type(get_args(hint)[0]))
    if is_dataclass(hint):
        return pa.struct([pa.field(n, arrow_type(t)) for n, t in get_type_hints(hint).items()])
    return {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}[hint]


def shard_schema() -> Any:
    pa = require_pyarrow()
    columns = [pa.field(n, arrow_type(t)) for n, t in get_type_hints(Document).items()]
    columns.append(pa.field("article", arrow_type(Article)))
    columns += [pa.field(n, pa.list_(arrow_type(t))) for n, t in RECORD_COLUMNS.items()]
    return pa.schema(columns)


def shard_rows(pairs: list[tuple[Document, AnalyzedArticle]]) -> list[dict[str, Any]]:
    rows = []
    for document, analyzed in pairs:
        row = to_dict(document)
        row["article"] = to_dict(analyzed.article)
        for name in RECORD_COLUMNS:
            row[name] = [to_dict(r) for r in getattr(analyzed, name)]
        rows.append(row)
    return rows


def write_shard(
    out: Path,
    name: str,
    pairs: list[tuple[Document, AnalyzedArticle]],
    errors: list[dict[str, str]],
) -> dict[str, Any]:
    """Write one shard's Parquet file, then its marker; returns what the marker says."""
    pa = require_pyarrow()
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(shard_rows(pairs), schema=shard_schema())
    target = out / f"{name}.parquet"
    tmp = out / f".{name}.parquet.tmp"
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, target)
    marker = {
        "shard": name,
        "documents": len(pairs) + len(errors),
        "articles": len(pairs),
        "errors": errors,
    }
    tmp_marker = out / f".{name}{MARKER}.tmp"
    tmp_marker.write_text(json.dumps(marker, indent=1), encoding="utf-8")
    os.replace(tmp_marker, out / f"{name}{MARKER}")
    return marker


def finished_shards(out: Path) -> set[str]:
    """Names of the shards whose marker is written."""
    if not out.is_dir():
        return set()
    return {p.name[: -len(MARKER)] for p in out.glob(f"*{MARKER}")}


def read_shard(out: Path, name: str) -> list[tuple[Document, AnalyzedArticle]]:
    """The documents and analyses of one finished shard, as the records they were written from."""
    require_pyarrow()
    import pyarrow.parquet as pq

    pairs = []
    for row in pq.read_table(out / f"{name}.parquet").to_pylist():
        document = Document(**{f.name: row[f.name] for f in fields(Document)})
        article = dict(row["article"])
        article["boilerplate"] = [Boilerplate(**b) for b in article["boilerplate"]]
        analyzed = AnalyzedArticle(
            article=Article(**article),
            **{n: [cls(**r) for r in row[n]] for n, cls in RECORD_COLUMNS.items()},
        )
        pairs.append((document, analyzed))
    return pairs


def marker_of(out: Path, name: str) -> dict[str, Any]:
    """What a finished shard's marker says: its counts and the errors it recorded."""
    result: dict[str, Any] = json.loads((out / f"{name}{MARKER}").read_text(encoding="utf-8"))
    return result


def remove_shard(out: Path, name: str) -> None:
    """Delete a shard: its marker first, so a crash in between leaves it unfinished, never a
    marker without its data."""
    for path in (out / f"{name}{MARKER}", out / f"{name}.parquet"):
        path.unlink(missing_ok=True)


def discard_unfinished(out: Path, ours: Callable[[str], bool | None]) -> list[str]:
    """Delete what the shards `ours` accepts left without a marker (a Parquet file, temporary
    files): a run stopped while writing them leaves no half shard behind. Returns their names."""
    found = {p.stem for p in out.glob("*.parquet")} | {
        p.name[1:].split(".parquet.tmp")[0].split(f"{MARKER}.tmp")[0] for p in out.glob(".*.tmp")
    }
    discarded = sorted(n for n in found - finished_shards(out) if ours(n))
    for name in discarded:
        for path in (
            out / f"{name}.parquet",
            out / f".{name}.parquet.tmp",
            out / f".{name}{MARKER}.tmp",
        ):
            path.unlink(missing_ok=True)
    return discarded
