"""Shards: a deterministic partition of the input documents, the unit of work and of resumption.

A multi-record file (JSONL, WARC, feed) is cut into shards of `shard_size` consecutive records;
single-page files (HTML, text scrapes) are grouped by folder, `shard_size` files a shard, in
sorted order. A shard's name says which input it comes from and fingerprints the bytes it
covers (their size and SHA-256): every engine and every rerun names the same shard of the same
bytes the same way and skips it once finished, while an input that grew or changed gets new
names, so it is read again whole and the shards of its old bytes become stale.

An input that does not exist or cannot be read is a planning error, never a shard: a shard is
only ever marked done for bytes that were there to be read.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.errors import InputError
from newsgraph.ingest.readers import read_path
from newsgraph.records import Document

MULTI_RECORD_SUFFIXES = {".jsonl", ".json", ".ndjson", ".warc", ".rss", ".atom", ".xml"}

Unit = dict[str, Any]  # a plain dict, so Ray Data can carry it as a row
Payload = dict[str, str]  # {"shard", "documents", "errors"}, JSON strings: one Arrow-safe row


@dataclass(slots=True)
class Plan:
    """The reading units of a run and the inputs that could not be planned (missing, unreadable).

    Every unit knows its input's name prefix (`<label>-<hash of its path>`) and the names its
    current bytes give (the whole name for a shard of pages, the stem before the index for a
    multi-record file); a finished shard under that prefix that they do not give is stale.
    """

    units: list[Unit] = field(default_factory=list)
    failed: list[InputError] = field(default_factory=list)

    def current(self, name: str) -> bool | None:
        """True for a shard of the inputs' current bytes, False for a stale one of an input of
        this plan, None for a shard of some other input."""
        ours = [u for u in self.units if name.startswith(u["prefix"] + "-")]
        if not ours:
            return None
        return any(
            name == u["key"] if u["kind"] == "pages" else name.startswith(u["stem"] + "-")
            for u in ours
        )


def plan(inputs: Iterable[str], shard_size: int) -> Plan:
    """The reading units of `inputs`: one per multi-record file, one per shard of single pages,
    each named by its input and the fingerprint of the bytes it covers."""
    planned = Plan()
    groups: dict[str, list[tuple[str, str]]] = {}
    for given in inputs:
        path = Path(given)
        try:
            if path.is_dir():
                files = [p for p in sorted(path.rglob("*")) if p.is_file()]
                files = [p for p in files if not p.name.startswith(".")]
            elif path.is_file():
                files = [path]
            else:
                planned.failed.append(InputError(given, "no such file or folder", code="E008"))
                continue
        except OSError as exc:
            planned.failed.append(InputError(given, f"cannot list: {exc.strerror or exc}"))
            continue
        for file in files:
            try:
                digest = fingerprint(file)
            except OSError as exc:
                planned.failed.append(InputError(str(file), f"cannot read: {exc.strerror or exc}"))
                continue
            if _is_multi_record(file):
                prefix = name_prefix(str(file), file.name)
                planned.units.append(
                    {
                        "kind": "records",
                        "key": str(file),
                        "files": [str(file)],
                        "prefix": prefix,
                        "stem": f"{prefix}-{digest[:12]}",
                    }
                )
            else:
                groups.setdefault(str(file.parent), []).append((str(file), digest))
    for folder, found in groups.items():
        prefix = name_prefix("pages:" + folder, Path(folder).name)
        for start in range(0, len(found), shard_size):
            chunk = found[start : start + shard_size]
            covered = hashlib.sha256()
            for page, digest in chunk:
                covered.update(f"{Path(page).name}\0{digest}\0".encode())
            name = f"{prefix}-{covered.hexdigest()[:12]}-{start // shard_size:05d}"
            planned.units.append(
                {"kind": "pages", "key": name, "files": [f for f, _ in chunk], "prefix": prefix}
            )
    return planned


def plan_units(inputs: Iterable[str], shard_size: int) -> list[Unit]:
    """The reading units of `inputs` (see `plan`, which also says which inputs failed)."""
    return plan(inputs, shard_size).units


def fingerprint(path: Path) -> str:
    """SHA-256 of a file's size and bytes, read in blocks (an input can be many gigabytes)."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        size = 0
        while block := stream.read(1 << 20):
            size += len(block)
            digest.update(block)
    digest.update(f"\0{size}".encode())
    return digest.hexdigest()


def name_prefix(key: str, label: str) -> str:
    """`<label>-<hash of key>`: readable and unique per input, whatever its bytes."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", label).strip("-")[:40] or "input"
    return f"{slug}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}"


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
            yield from _maybe(unit["stem"], index, chunk, done)
            chunk, index = [], index + 1
    if chunk:
        yield from _maybe(unit["stem"], index, chunk, done)


def _maybe(
    stem: str, index: int, chunk: list[Document | InputError], done: set[str]
) -> Iterator[Payload]:
    name = f"{stem}-{index:05d}"
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
