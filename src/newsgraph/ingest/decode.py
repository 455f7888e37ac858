"""Bytes to text: strict about what is not a page, forgiving about declared encodings.

Policy, in the order `decode` applies it:

1. A byte-order mark decides (UTF-8, UTF-16 LE/BE); bytes that break it are refused.
2. UTF-16 without a BOM is recognised by its NUL pattern: most characters of a Latin-script
   page have a zero high byte, so in the first 8 KiB one byte parity is largely NUL and the
   other almost never. Such data is decoded strictly as UTF-16 LE or BE and kept only when the
   result is printable text; anything else with NUL bytes is refused as binary.
3. Valid UTF-8 is taken as UTF-8, whatever the page declares: a page that declares another
   charset yet is valid UTF-8 is, in practice, UTF-8 under a stale header.
4. Otherwise an HTML page's declared charset (`<meta charset>` or an XML declaration) is tried
   strictly. A declared charset that fails (a cp1251 page declared as UTF-8) is not guessed
   around: it is refused with the declared name and the offset of the first bad byte, so a
   mis-decoded page never enters the store as mojibake.
"""

from __future__ import annotations

import codecs
import re
import zlib

from newsgraph.errors import BinaryInput, EmptyInput, EncodingError, InputError, TooLarge

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""")
_SNIFF = 8192  # bytes looked at to tell UTF-16 and binary data apart
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
    """`data`, decompressed when it is gzip; either way no more than `max_bytes` is accepted."""
    if data[:2] == b"\x1f\x8b":
        return gunzip(data, source, max_bytes)
    if len(data) > max_bytes:
        raise TooLarge(source, f"{len(data):,} bytes is more than the limit of {max_bytes:,}")
    return data


def decode(data: bytes, source: str, *, html: bool) -> str:
    """Text of a page by the policy at the top of this module; refusals name the reason."""
    if not data.strip():
        raise EmptyInput(source, "empty file")
    text = _text_of(data, source, html=html)
    if not text.strip():  # a byte-order mark alone, or UTF-16 spaces
        raise EmptyInput(source, "empty file (no text once decoded)")
    return text


def _text_of(data: bytes, source: str, *, html: bool) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    source, f"invalid {encoding} after its byte-order mark"
                ) from exc
    if b"\x00" in data[:_SNIFF]:
        text = _utf16_without_bom(data)
        if text is None:
            raise BinaryInput(source, "binary content (NUL bytes), not a text or HTML page")
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
        declared = _declared_charset(data) if html else None
        if declared is None:
            raise EncodingError(source, f"not valid UTF-8 ({bad}); re-encode it as UTF-8") from exc
        if declared == "utf-8":
            raise EncodingError(
                source, f"declares UTF-8 but is not valid UTF-8 ({bad}); its charset is mislabelled"
            ) from exc
        try:
            return data.decode(declared)
        except UnicodeDecodeError as wrong:
            raise EncodingError(
                source,
                f"declares {declared} but is neither valid {declared} "
                f"(byte 0x{data[wrong.start]:02x} at offset {wrong.start}) nor valid UTF-8",
            ) from exc


def _utf16_without_bom(data: bytes) -> str | None:
    """The text of BOM-less UTF-16 data, told by where its NUL bytes fall; None when not."""
    head = data[: _SNIFF - _SNIFF % 2]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even = head[0::2].count(0) / pairs  # high bytes of UTF-16 BE
    odd = head[1::2].count(0) / pairs  # high bytes of UTF-16 LE
    if odd >= 0.3 and even <= 0.02:
        encoding = "utf-16-le"
    elif even >= 0.3 and odd <= 0.02:
        encoding = "utf-16-be"
    else:
        return None
    if len(data) % 2:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    sample = text[:_SNIFF]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f")
    return text if controls <= len(sample) // 100 else None


def _declared_charset(data: bytes) -> str | None:
    """The codec an HTML page or XML file declares in its first 4 KiB, when Python knows it."""
    match = _XML_ENCODING.search(data[:4096]) or _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    # codecs also knows bytes-to-bytes transforms (base64, zlib); a page cannot declare those
    return info.name if getattr(info, "_is_text_encoding", True) else None
