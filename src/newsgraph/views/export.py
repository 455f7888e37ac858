"""`export`: write the SPEC.md tables, one file per record type, as JSONL, Parquet or CSV.

The field names are SPEC.md's contract. Derived tables not built yet are written empty, never
filled with invented data. Parquet columns are typed from the record classes (nested lists and
objects as Arrow lists and structs), so an empty table still has its schema.

Dates in Parquet: SPEC's date fields stay ISO strings (`published` may be a date or a datetime,
`as_of` and `when` as precise as the text allows: "2024-10", an interval), and each gets a typed
companion column `<field>_date` (Arrow date32): the calendar day where the value names one, null
where it is partial, an interval or missing. The schema is then the same whatever the data holds,
and a reader can filter or sort by day without parsing. JSONL and CSV keep SPEC's fields only.
"""

from __future__ import annotations

import csv
import json
import re
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, fields, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from newsgraph.errors import MissingExtra, NewsgraphError
from newsgraph.records import (
    Article,
    Claim,
    Entity,
    Event,
    Fact,
    Incident,
    Quantity,
    Rewrite,
    Story,
)
from newsgraph.store import Store

Format = Literal["jsonl", "parquet", "csv"]
FORMATS: tuple[str, ...] = ("jsonl", "parquet", "csv")

# table name -> (record class, how to read it from the store)
TABLES: dict[str, tuple[type, Callable[[Store], Sequence[Any]]]] = {
    "articles": (Article, lambda s: s.articles()),
    "entities": (Entity, lambda s: s.entities()),
    "claims": (Claim, lambda s: s.claims()),
    "quantities": (Quantity, lambda s: s.quantities()),
    "events": (Event, lambda s: s.events()),
    "incidents": (Incident, lambda s: s.incidents()),
    "stories": (Story, lambda s: s.stories()),
    "rewrites": (Rewrite, lambda s: s.rewrites()),
    "facts": (Fact, lambda s: s.facts()),
}

# table -> its SPEC fields that hold a date, each written to Parquet with a `<field>_date` column
DATE_FIELDS: dict[str, tuple[str, ...]] = {
    "articles": ("published",),
    "quantities": ("as_of",),
    "events": ("when",),
    "stories": ("first_seen", "last_seen"),
}
DATE_SUFFIX = "_date"
# a full calendar day, alone or starting a datetime ("2025-04-28", "2025-04-28T10:15:00+02:00")
FULL_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(?:$|[T ]\d)")


def calendar_day(value: str | None) -> date | None:
    """The day an ISO date or datetime names; None for partial dates, intervals and the rest."""
    found = FULL_DAY.match(value or "")
    if not found:
        return None
    try:
        return date.fromisoformat(found.group(1))
    except ValueError:  # 2025-02-30
        return None


def export(store: Store, out_dir: Path, fmt: Format = "jsonl") -> dict[str, int]:
    """Write every table to `out_dir` as `<table>.<fmt>`; returns how many rows each file got."""
    if fmt not in FORMATS:
        raise NewsgraphError(f"unknown export format {fmt!r}; expected jsonl, parquet or csv")
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for table, (record_type, read) in TABLES.items():
        rows = [asdict(r) for r in read(store)]
        path = out_dir / f"{table}.{fmt}"
        if fmt == "jsonl":
            _write_jsonl(path, rows)
        elif fmt == "parquet":
            _write_parquet(path, record_type, rows, DATE_FIELDS.get(table, ()))
        else:
            _write_csv(path, [f.name for f in fields(record_type)], rows)
        counts[table] = len(rows)
    return counts


def _write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write_csv(path: Path, columns: list[str], rows: Iterable[dict[str, Any]]) -> None:
    """CSV keeps nested values (lists, objects) as JSON text in their cell."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {
                    k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                    for k, v in row.items()
                }
            )


def _write_parquet(
    path: Path, record_type: type, rows: list[dict[str, Any]], dated: Sequence[str] = ()
) -> None:
    """One Parquet file with a schema derived from the record class's type hints, and a date32
    `<field>_date` column after the fields for each of `dated`."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise MissingExtra(
            "Parquet export needs pyarrow", hint="pip install 'newsgraph[web]'"
        ) from exc
    columns = [
        pa.field(name, arrow_type(hint))
        for name, hint in typing.get_type_hints(record_type).items()
    ]
    columns += [pa.field(name + DATE_SUFFIX, pa.date32()) for name in dated]
    typed = [{**row, **{n + DATE_SUFFIX: calendar_day(row[n]) for n in dated}} for row in rows]
    pq.write_table(pa.Table.from_pylist(typed, schema=pa.schema(columns)), path)


def arrow_type(hint: Any) -> Any:
    """The Arrow type of a record field's annotation (optional wrappers and Literals unwrapped)."""
    import pyarrow as pa

    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return arrow_type(next(a for a in args if a is not type(None)))
    if origin is Literal:
        return pa.string()
    if origin is list:
        return pa.list_(arrow_type(args[0]))
    if is_dataclass(hint):
        return pa.struct(
            [pa.field(n, arrow_type(h)) for n, h in typing.get_type_hints(hint).items()]
        )
    scalars = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    return scalars[hint]
