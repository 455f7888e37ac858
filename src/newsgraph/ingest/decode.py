"""Bytes to text: strict about what is not a page, forgiving about declared encodings."""

from __future__ import annotations

import codecs
import gzip
import re
import zlib

from newsgraph.errors import BinaryInput, EmptyInput, EncodingError, InputError, TooLarge

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def gunzip(data: bytes, source: str, max_bytes: int) -> bytes:
    """Decompress gzip data, refusing archives that inflate past `max_bytes` (gzip bombs)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise InputError(source, f"broken gzip data ({exc})") from exc
    if len(out) > max_bytes:
        raise TooLarge(source, f"decompresses to more than {max_bytes:,} bytes")
    if not inflater.eof:
        raise InputError(source, "broken gzip data (truncated or corrupt)")
    return out


def maybe_gunzip(data: bytes, source: str, max_bytes: int) -> bytes:
    return gunzip(data, source, max_bytes) if data[:2] == b"\x1f\x8b" else data


def decode(data: bytes, source: str, *, html: bool) -> str:
    """Text of a page: UTF-8 (or a BOM's encoding), else for HTML the charset the page declares.

    Anything else is refused with the offset of the first bad byte rather than guessed, so a
    mis-decoded page never enters the store as mojibake.
    """
    if not data.strip():
        raise EmptyInput(source, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    source, f"invalid {encoding} after its byte-order mark"
                ) from exc
    if b"\x00" in data[:8192]:
        raise BinaryInput(source, "binary content (NUL bytes), not a text or HTML page")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        declared = _declared_charset(data) if html else None
        if declared:
            try:
                return data.decode(declared)
            except (UnicodeDecodeError, LookupError):
                pass
        raise EncodingError(
            source,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
            + ("" if html else "; re-encode the file as UTF-8"),
        ) from exc


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def gzip_bytes(text: str) -> bytes:
    """gzip-compress text (used by tests and fixtures)."""
    return gzip.compress(text.encode("utf-8"))
