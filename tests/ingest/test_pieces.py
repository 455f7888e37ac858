"""How a batch is cut into pieces for the workers: in order, whole, of about equal length."""

from __future__ import annotations

import random

import pytest

from newsgraph.config import Settings
from newsgraph.ingest.job import IngestSummary, _analyse_in, _Batch, split_evenly
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


class _RecordingPool:
    """Stands in for the worker pool: keeps what each submitted piece held, answers nothing."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pieces: list[list[Document]] = []
        self.stats: dict[int, object] = {}

    def submit(self, task: tuple[list[Document], Settings]) -> int:
        self.pieces.append(task[0])
        return len(self.pieces) - 1

    def result(self, ticket: int) -> list[object]:
        return list(self.pieces[ticket])


@pytest.mark.parametrize("workers", [2, 4])
def test_a_default_batch_goes_whole_to_one_worker(workers: int) -> None:
    """The parser and the entity recogniser pay for each step over a batch whatever its
    size, so the workers take whole batches of 32 in turns rather than halves of each."""
    settings = Settings()
    documents = _documents([300 + i for i in range(3 * settings.batch_size)])
    batches = [
        _Batch(settings.batch_size, [], 0, documents[i : i + settings.batch_size])
        for i in range(0, len(documents), settings.batch_size)
    ]
    pool = _RecordingPool(workers)
    finished: list[int] = []
    _analyse_in(
        pool,  # type: ignore[arg-type]
        batches,
        settings,
        lambda batch, outcomes: finished.append(len(outcomes)),
        IngestSummary(),
    )
    assert [len(piece) for piece in pool.pieces] == [settings.batch_size] * 3
    assert finished == [settings.batch_size] * 3


def test_a_batch_larger_than_a_piece_is_shared_out() -> None:
    settings = Settings(batch_size=256)
    documents = _documents([300] * 256)
    pool = _RecordingPool(2)
    _analyse_in(
        pool,  # type: ignore[arg-type]
        [_Batch(256, [], 0, documents)],
        settings,
        lambda batch, outcomes: None,
        IngestSummary(),
    )
    assert [len(piece) for piece in pool.pieces] == [128, 128]
