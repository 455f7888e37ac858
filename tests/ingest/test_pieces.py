"""How a batch is cut into pieces for the workers: in order, whole, of about equal length."""

from __future__ import annotations

import random

import pytest

from newsgraph.ingest.job import split_evenly
from newsgraph.records import Document


def _documents(lengths: list[int]) -> list[Document]:
    return [Document(f"d{i}", f"p{i}", "x" * n, "text") for i, n in enumerate(lengths)]


@pytest.mark.parametrize("seed", range(40))
def test_pieces_keep_every_document_in_order(seed: int) -> None:
    rng = random.Random(seed)
    documents = _documents([rng.randint(0, 5000) for _ in range(rng.randint(0, 40))])
    count = rng.randint(1, 6)
    pieces = split_evenly(documents, count)
    assert [d for piece in pieces for d in piece] == documents
    assert len(pieces) == min(count, len(documents))
    assert all(pieces)


def test_pieces_are_about_equal_in_characters() -> None:
    documents = _documents(list(range(1, 33)))
    sizes = [sum(len(d.content) for d in piece) for piece in split_evenly(documents, 2)]
    assert sizes == [253, 275]  # 528 in all: the nearest cut to half
    long_last = _documents([100] * 10 + [5000, 5000])
    assert [len(piece) for piece in split_evenly(long_last, 2)] == [11, 1]
