"""Readers: every input kind becomes a Document, every bad input a coded error naming it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsgraph.errors import (
    BinaryInput,
    EmptyInput,
    EncodingError,
    InputError,
    MalformedRecord,
    TooLarge,
    UnsupportedInput,
)
from newsgraph.ingest import iter_documents
from newsgraph.records import Document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_folder_yields_one_document_per_page() -> None:
    items = list(iter_documents([str(EXAMPLES)]))
    pages = [p for p in EXAMPLES.iterdir() if p.name.endswith((".txt", ".html.gz"))]
    docs = [i for i in items if isinstance(i, Document)]
    assert len(docs) == len(pages)
    assert {d.media_type for d in docs} == {"text", "html"}
    # source_id is the path as walked from the argument, so results match back to inputs
    assert all(d.source_id.startswith(str(EXAMPLES)) for d in docs)
    # README.md in a folder is passed over; named on its own it is reported
    assert not [i for i in items if isinstance(i, InputError)]
    (named,) = iter_documents([str(EXAMPLES / "README.md")])
    assert isinstance(named, UnsupportedInput) and "README.md" in str(named)


def test_gzip_and_plain_html_are_the_same_document(tmp_path: Path) -> None:
    html = "<html><body><p>Same page.</p></body></html>"
    (tmp_path / "a.html").write_text(html, encoding="utf-8")
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(html.encode()))
    a, b = iter_documents([str(tmp_path / "a.html"), str(tmp_path / "b.html.gz")])
    assert isinstance(a, Document) and isinstance(b, Document)
    assert a.id == b.id


@pytest.mark.parametrize(
    ("name", "data", "error", "reason"),
    [
        ("empty.txt", b"", EmptyInput, "empty"),
        ("blank.html", b"  \n\t ", EmptyInput, "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", BinaryInput, "binary"),
        ("latin1.txt", "Caf\u00e9 au lait".encode("latin-1"), EncodingError, "not valid UTF-8"),
        ("photo.jpg", b"\xff\xd8\xff", UnsupportedInput, "unsupported file type"),
        ("bad.html.gz", b"\x1f\x8b\x08\x00garbage", InputError, "broken gzip"),
    ],
)
def test_bad_inputs_are_named_with_a_reason(
    tmp_path: Path, name: str, data: bytes, error: type[InputError], reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    (item,) = iter_documents([str(path)])
    assert isinstance(item, error)
    assert str(path) in str(item)
    assert reason in str(item)
    assert str(item).startswith(f"[{item.code}]")


def test_html_with_declared_charset_is_decoded(tmp_path: Path) -> None:
    page = '<html><head><meta charset="windows-1251"></head><body><p>Москва</p></body></html>'
    path = tmp_path / "ru.html"
    path.write_bytes(page.encode("cp1251"))
    (doc,) = iter_documents([str(path)])
    assert isinstance(doc, Document)
    assert "Москва" in doc.content


def test_too_large_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    (item,) = iter_documents([str(path)], max_bytes=100)
    assert isinstance(item, TooLarge)


def test_gzip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(b"<p>" + b"a" * 5_000_000))
    (item,) = iter_documents([str(path)], max_bytes=1_000_000)
    assert isinstance(item, TooLarge)
    assert "decompresses" in str(item)


def test_jsonl_records_and_malformed_lines(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    lines = [
        json.dumps(
            {"id": "r1", "url": "https://example.org/a", "text": "Body one.", "title": "One"}
        ),
        "{not json",
        json.dumps({"id": "r3", "html": "<p>Body three.</p>", "published": "2025-04-28"}),
        json.dumps({"id": "r4", "title": "no body"}),
        json.dumps(["not", "an", "object"]),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_documents([str(path)]))
    assert [type(i).__name__ for i in items] == [
        "Document",
        "MalformedRecord",
        "Document",
        "MalformedRecord",
        "MalformedRecord",
    ]
    first, _, third, fourth, _ = items
    assert isinstance(first, Document) and isinstance(third, Document)
    assert (first.source_id, first.media_type, first.title) == ("r1", "clean", "One")
    assert (third.source_id, third.media_type, third.published) == ("r3", "html", "2025-04-28")
    assert isinstance(items[1], MalformedRecord) and f"{path}:2" in str(items[1])
    assert isinstance(fourth, MalformedRecord) and '"text" or "html"' in str(fourth)


def test_jsonl_text_is_cleaned_on_request(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps({"text": "Body.\nPost Comment"}) + "\n", encoding="utf-8")
    (doc,) = iter_documents([str(path)], clean_json_text=True)
    assert isinstance(doc, Document) and doc.media_type == "text"


def test_missing_path_is_an_error() -> None:
    (item,) = iter_documents(["/nonexistent/page.html"])
    assert isinstance(item, InputError)
    assert "no such file" in str(item)


@pytest.mark.parametrize(
    ("record", "outlet"),
    [
        ({"outlet": "wash-post"}, "wash-post"),  # a name, no address: kept as written
        ({"outlet": "  Associated   Press "}, "Associated Press"),
        ({"outlet": "www.Reuters.com"}, "reuters.com"),  # a host: its registered domain
        ({"outlet": "Reuters", "url": "https://www.reuters.com/world/a"}, "reuters.com"),
        ({"url": "https://news.example.co.uk/a"}, "example.co.uk"),
        ({}, None),
    ],
)
def test_a_records_outlet_reaches_the_article(
    record: dict[str, str], outlet: str | None, tmp_path: Path
) -> None:
    from newsgraph.config import Settings
    from newsgraph.pipeline import build_article

    path = tmp_path / "records.jsonl"
    body = "The council approved the budget on Tuesday after a long debate."
    path.write_text(json.dumps({"id": "r1", "text": body, **record}) + "\n", encoding="utf-8")
    (document,) = iter_documents([str(path)])
    assert isinstance(document, Document)
    assert build_article(document, Settings()).outlet == outlet
