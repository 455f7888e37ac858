"""Saved state of the online linkers: JSON metadata plus numpy arrays in one `.npz` blob.

Stage B runs after every ingest batch, so its indexes are saved between runs. The format is
`numpy.savez` with `allow_pickle=False`: arrays and one JSON document, never pickled objects,
so a state file from an untrusted place cannot run code when it is loaded.
"""

from __future__ import annotations

import io
import json
from typing import Any

import numpy as np
import numpy.typing as npt

_META = "__meta__"


def pack_state(meta: dict[str, Any], arrays: dict[str, npt.NDArray[Any]]) -> bytes:
    """Serialise a JSON-able `meta` and named numpy arrays into bytes."""
    if _META in arrays:
        raise ValueError(f"array name {_META!r} is reserved")
    payload = np.frombuffer(json.dumps(meta, separators=(",", ":")).encode("utf-8"), np.uint8)
    buffer = io.BytesIO()
    # uncompressed: the state is rewritten after every pass, and zlib cost more than the bytes
    np.savez(buffer, allow_pickle=False, **{_META: payload}, **arrays)
    return buffer.getvalue()


def unpack_state(data: bytes) -> tuple[dict[str, Any], dict[str, npt.NDArray[Any]]]:
    """The `meta` and arrays written by `pack_state`."""
    with np.load(io.BytesIO(data), allow_pickle=False) as npz:
        arrays = {name: npz[name] for name in npz.files}
    meta = json.loads(arrays.pop(_META).tobytes().decode("utf-8"))
    return meta, arrays


def pack_sparse(
    vectors: list[dict[int, float]],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32], npt.NDArray[np.float64]]:
    """A list of sparse vectors as CSR-like arrays (offsets, indices, values), losslessly."""
    offsets = np.zeros(len(vectors) + 1, dtype=np.int64)
    for i, vector in enumerate(vectors):
        offsets[i + 1] = offsets[i] + len(vector)
    indices = np.fromiter(
        (k for vector in vectors for k in vector), dtype=np.int32, count=int(offsets[-1])
    )
    values = np.fromiter(
        (v for vector in vectors for v in vector.values()), dtype=np.float64, count=int(offsets[-1])
    )
    return offsets, indices, values


def unpack_sparse(
    offsets: npt.NDArray[Any], indices: npt.NDArray[Any], values: npt.NDArray[Any]
) -> list[dict[int, float]]:
    """The sparse vectors written by `pack_sparse`, in the same key order."""
    keys = indices.tolist()
    vals = values.tolist()
    bounds = offsets.tolist()
    return [
        dict(zip(keys[bounds[i] : bounds[i + 1]], vals[bounds[i] : bounds[i + 1]], strict=True))
        for i in range(len(bounds) - 1)
    ]
