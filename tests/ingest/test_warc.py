"""WARC archives: each HTML response record is a page; a cut archive keeps its whole records."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.config import Settings
from newsgraph.errors import InputError
from newsgraph.ingest import ingest, iter_documents
from newsgraph.records import Document
from newsgraph.store import open_store
from tests.data.warc import example_pages, warc_bytes, write_warc


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_every_html_response_is_a_document(tmp_path: Path, name: str) -> None:
    pages = example_pages(3)
    path = write_warc(tmp_path / name, pages, compress=name.endswith(".gz"))
    items = list(iter_documents([str(path)]))
    assert all(isinstance(i, Document) for i in items), items
    docs = [i for i in items if isinstance(i, Document)]
    # the image, the redirect, the requests and the warcinfo record are not pages
    assert [d.url for d in docs] == [url for url, _ in pages]
    assert [d.source_id for d in docs] == [f"{path}#{url}" for url, _ in pages]
    assert {d.media_type for d in docs} == {"html"}
    assert docs[0].content == pages[0][1].decode("utf-8")
    assert len({d.id for d in docs}) == 3


def test_compressed_and_plain_archives_give_the_same_documents(tmp_path: Path) -> None:
    pages = example_pages(2)
    a = list(iter_documents([str(write_warc(tmp_path / "a.warc.gz", pages))]))
    b = list(iter_documents([str(write_warc(tmp_path / "b.warc", pages, compress=False))]))
    assert [d.id for d in a] == [d.id for d in b]  # type: ignore[union-attr]


@pytest.mark.parametrize("compress", [True, False], ids=["gzip", "plain"])
@pytest.mark.parametrize("keep", [0.35, 0.7, 0.995])
def test_a_truncated_archive_yields_its_whole_records_and_one_error(
    tmp_path: Path, compress: bool, keep: float
) -> None:
    pages = example_pages(3)
    data = warc_bytes(pages, compress=compress, extras=False)
    path = tmp_path / ("cut.warc.gz" if compress else "cut.warc")
    path.write_bytes(data[: int(len(data) * keep)])
    items = list(iter_documents([str(path)]))
    errors = [i for i in items if isinstance(i, InputError)]
    docs = [i for i in items if isinstance(i, Document)]
    assert len(errors) == 1 and items[-1] is errors[0], items
    assert str(path) in str(errors[0]) and "truncated" in errors[0].reason
    assert f"after {len(docs)} good records" in errors[0].reason
    # the records before the cut are whole pages, in order
    assert len(docs) < 3
    assert [d.content for d in docs] == [body.decode("utf-8") for _, body in pages[: len(docs)]]


def test_a_file_that_is_no_warc_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_bytes(b"this is not an archive\r\n" * 20)
    (error,) = iter_documents([str(path)])
    assert isinstance(error, InputError) and "fake.warc" in str(error)


def test_ingest_stores_the_pages_of_an_archive_once(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", example_pages(2))
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    first = ingest([str(path)], store, Settings())
    assert (first.stored, first.failed) == (2, [])
    stored = {a.source_id: a for a in store.articles()}
    url, _ = example_pages(1)[0]
    assert stored[f"{path}#{url}"].url == url
    assert ingest([str(path)], store, Settings()).stored == 0
