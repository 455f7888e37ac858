"""The hostile corpus: the committed fixtures of tests/data/hostile plus the inputs too big to
commit (a 50 MB page, HTML nested 10,000 deep, a gzip bomb, a truncated WARC, a huge JSONL line),
made on demand, each with the outcome `newsgraph ingest` must give it.
"""

from __future__ import annotations

import io
import json
import shutil
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "data" / "hostile"
EXAMPLES = ROOT / "examples"
LEAD = "North Korea sent about 10,000 soldiers to Russia last fall, South Korea's spy agency said."


@dataclass(frozen=True, slots=True)
class Expected:
    """What ingest does with one input: stores it (`stored` documents, text containing `has`),
    or reports it on one line with `code` and a reason containing `reason`."""

    stored: int = 0
    has: str = ""
    code: str = ""
    reason: str = ""


# Committed fixtures (tests/data/hostile) and what each must give.
FIXTURE_OUTCOMES: dict[str, Expected] = {
    "empty.html": Expected(code="E003", reason="empty file"),
    "bom_only.txt": Expected(code="E003", reason="empty file"),
    "binary.html": Expected(code="E004", reason="binary content"),
    "cp1251_declared_utf8.html": Expected(code="E005", reason="declares UTF-8"),
    "cp1251_declared.html": Expected(stored=1, has="Северная Корея отправила"),
    "shift_jis_declared.html": Expected(stored=1, has="北朝鮮はロシアに"),
    "shift_jis_undeclared.html": Expected(code="E005", reason="not valid UTF-8"),
    "utf16le_no_bom.html": Expected(stored=1, has="10,000 soldiers"),
    "utf16be_no_bom.txt": Expected(stored=1, has="10,000 soldiers"),
}
# invalid_lines.jsonl: two good records and six bad ones, each reported by where it is (the
# line when it is no record, the record's id when its content cannot be stored).
JSONL_ERRORS = {
    "invalid_lines.jsonl:2": ("E006", "invalid JSON"),
    "invalid_lines.jsonl:3": ("E006", "invalid JSON"),
    "invalid_lines.jsonl:4": ("E006", "must be a JSON object"),
    "invalid_lines.jsonl:5": ("E006", 'needs a non-empty "text"'),
    "nul": ("E004", "NUL characters"),
    "surrogate": ("E005", "lone surrogate"),
}
JSONL_STORED = 2
BIG_PAGE_BYTES = 50 * 1024 * 1024
DEPTH = 10_000
HUGE_LINE_CHARS = 2_000_000
BOMB_BYTES = 200 * 1024 * 1024


def write_big_page(path: Path) -> Expected:
    """A 50 MB HTML page, written in chunks: over the 20 MB default limit."""
    chunk = (f"<p>{LEAD}</p>\n" * 1000).encode("utf-8")
    with path.open("wb") as out:
        out.write(b"<html><body>")
        written = 0
        while written < BIG_PAGE_BYTES:
            out.write(chunk)
            written += len(chunk)
    return Expected(code="E007", reason="more than the limit")


def write_deep_page(path: Path) -> Expected:
    """A real article followed by 10,000 nested elements: the parser's depth limit must not cost
    the article, nor recursion crash the cleaner."""
    article = "".join(f"<p>{LEAD} Paragraph {i}.</p>" for i in range(3))
    nest = "<div><span>" * (DEPTH // 2) + "bottom" + "</span></div>" * (DEPTH // 2)
    page = f"<html><head><title>Deep</title></head><body><article>{article}</article>{nest}"
    path.write_text(page + "</body></html>", encoding="utf-8")
    return Expected(stored=1, has="Paragraph 2")


def write_gzip_bomb(path: Path) -> Expected:
    """200 MB of zeros in about 200 KB of gzip: refused before it is inflated."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * (1024 * 1024)
    with path.open("wb") as out:
        for _ in range(BOMB_BYTES // len(block)):
            out.write(packer.compress(block))
        out.write(packer.flush())
    return Expected(code="E007", reason="decompresses to more than")


def write_truncated_warc(path: Path) -> Expected:
    """A gzipped WARC of three pages cut in the middle of its third record: the two whole pages
    are stored and the cut is reported."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    offsets = []
    for i in range(3):
        body = f"<html><body><article><p>{LEAD} Archived page {i}.</p></article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
        record = writer.create_warc_record(
            f"https://archive.example/{i}",
            "response",
            payload=io.BytesIO(body.encode("utf-8") * 20),
            http_headers=headers,
        )
        offsets.append(out.tell())
        writer.write_record(record)
    data = out.getvalue()
    path.write_bytes(data[: offsets[2] + (len(data) - offsets[2]) // 2])
    return Expected(stored=2, has="Archived page", code="E001", reason="truncated WARC")


def write_huge_line(path: Path) -> Expected:
    """JSONL with one 2 MB line between two small records: under the size limit, so all three
    are stored whole (the NLP reads the first `max_chars` of the long one)."""
    long_text = " ".join(f"{LEAD} Sentence {i}." for i in range(HUGE_LINE_CHARS // 100))
    lines = [
        {"id": "before", "url": "https://example.org/before", "text": LEAD + " Before."},
        {"id": "huge", "url": "https://example.org/huge", "text": long_text},
        {"id": "after", "url": "https://example.org/after", "text": LEAD + " After."},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return Expected(stored=3, has="Sentence 19999")


GENERATED = {
    "big_page.html": write_big_page,
    "deep.html": write_deep_page,
    "bomb.html.gz": write_gzip_bomb,
    "truncated.warc.gz": write_truncated_warc,
    "huge_line.jsonl": write_huge_line,
}


def build_corpus(folder: Path, *, good_pages: int = 3) -> dict[str, Expected]:
    """Copy the fixtures, make the generated inputs and add a few good pages into `folder`;
    returns the outcome expected of each input by file name."""
    folder.mkdir(parents=True, exist_ok=True)
    outcomes = dict(FIXTURE_OUTCOMES)
    for name in [*FIXTURE_OUTCOMES, "invalid_lines.jsonl"]:
        shutil.copy(FIXTURES / name, folder / name)
    for name, write in GENERATED.items():
        outcomes[name] = write(folder / name)
    for page in sorted(EXAMPLES.glob("*.html.gz"))[:good_pages]:
        shutil.copy(page, folder / page.name)
        outcomes[page.name] = Expected(stored=1)
    return outcomes
