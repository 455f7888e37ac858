"""Shards: a deterministic partition of the input documents, the unit of work and of resumption.

A multi-record file (JSONL, WARC, feed) is cut into shards of `shard_size` consecutive records;
single-page files (HTML, text scrapes) are grouped by folder, `shard_size` files a shard, in
sorted order. Shard names depend only on the inputs as given, so every engine, and every rerun,
names the same shard the same way and can skip the ones already finished.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from newsgraph.errors import InputError
from newsgraph.ingest.readers import read_path
from newsgraph.records import Document

MULTI_RECORD_SUFFIXES = {".jsonl", ".json", ".ndjson", ".warc", ".rss", ".atom", ".xml"}

Unit = dict[str, Any]  # a plain dict, so Ray Data can carry it as a row
Payload = dict[str, str]  # {"shard", "documents", "errors"}, JSON strings: one Arrow-safe row


def plan_units(inputs: Iterable[str], shard_size: int) -> list[Unit]:
    """The reading units of `inputs`: one per multi-record file, one per shard of single pages."""
    units: list[Unit] = []
    groups: dict[str, list[str]] = {}
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            files = [str(p) for p in sorted(path.rglob("*")) if p.is_file()]
            files = [f for f in files if not Path(f).name.startswith(".")]
        else:
            files = [given]  # a missing file is reported by the reader, in its shard
        for file in files:
            if _is_multi_record(Path(file)):
                units.append({"kind": "records", "key": file, "files": [file]})
            else:
                groups.setdefault(str(Path(file).parent), []).append(file)
    for folder, files in groups.items():
        for start in range(0, len(files), shard_size):
            chunk = files[start : start + shard_size]
            name = shard_name("pages:" + folder, Path(folder).name, start // shard_size)
            units.append({"kind": "pages", "key": name, "files": chunk})
    return units


def shard_name(key: str, label: str, index: int) -> str:
    """`<label>-<hash of key>-<index>`: readable, unique per input, stable across runs."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", label).strip("-")[:40] or "input"
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}-{index:05d}"


def read_unit(unit: Unit, shard_size: int, done: set[str], max_bytes: int) -> Iterator[Payload]:
    """The shards of one unit that are not `done`, each with its documents and reading errors."""
    if unit["kind"] == "pages":
        if unit["key"] not in done:
            items = [i for f in unit["files"] for i in read_path(Path(f), max_bytes=max_bytes)]
            yield _payload(unit["key"], items)
        return
    file = unit["files"][0]
    chunk: list[Document | InputError] = []
    index = 0
    for item in read_path(Path(file), max_bytes=max_bytes):
        chunk.append(item)
        if len(chunk) == shard_size:
            yield from _maybe(file, index, chunk, done)
            chunk, index = [], index + 1
    if chunk:
        yield from _maybe(file, index, chunk, done)


def _maybe(
    file: str, index: int, chunk: list[Document | InputError], done: set[str]
) -> Iterator[Payload]:
    name = shard_name(file, Path(file).name, index)
    if name not in done:
        yield _payload(name, chunk)


def _payload(name: str, items: list[Document | InputError]) -> Payload:
    documents = [asdict(i) for i in items if isinstance(i, Document)]
    errors = [error_row(i) for i in items if isinstance(i, InputError)]
    return {"shard": name, "documents": json.dumps(documents), "errors": json.dumps(errors)}


def error_row(error: InputError) -> dict[str, str]:
    return {"source": error.source, "code": error.code, "reason": error.reason}


def payload_documents(payload: Payload) -> list[Document]:
    return [Document(**d) for d in json.loads(payload["documents"])]


def _is_multi_record(path: Path) -> bool:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return bool(suffixes) and suffixes[-1] in MULTI_RECORD_SUFFIXES
