"""`InferenceOps` computes what thinc's stock NumpyOps computes, to the bit, only faster."""

from __future__ import annotations

import numpy
import pytest
import spacy
from spacy.language import Language
from thinc.api import NumpyOps, set_current_ops

from newsgraph.extract.nlp import InferenceOps

from .conftest import MODEL
from .test_attributes import _texts

STOCK = NumpyOps(use_blis=False)
OURS = InferenceOps(use_blis=False)


@pytest.mark.parametrize("lengths", [[5], [1], [1, 1, 1], [3, 1, 4, 1, 5], [2, 0, 3], [7, 2], [0]])
@pytest.mark.parametrize("window", [1, 2])
def test_windows_match_the_stock_kernel(lengths: list[int], window: int) -> None:
    rows = numpy.random.default_rng(sum(lengths)).standard_normal((sum(lengths), 4))
    seq = rows.astype("float32")
    cut = numpy.asarray(lengths, dtype="int32")
    assert numpy.array_equal(
        OURS.seq2col(seq, window, lengths=cut), STOCK.seq2col(seq, window, lengths=cut)
    )
    assert numpy.array_equal(OURS.seq2col(seq, window), STOCK.seq2col(seq, window))


def test_maxout_matches_the_stock_kernel_forward_and_back() -> None:
    rng = numpy.random.default_rng(7)
    pieces = rng.standard_normal((50, 7, 3)).astype("float32")
    pieces[0, 0] = [1.0, 1.0, 0.5]  # a tie: the first piece wins in both
    best, which = OURS.maxout(pieces)
    stock_best, stock_which = STOCK.maxout(pieces)
    assert numpy.array_equal(best, stock_best)
    grad = rng.standard_normal((50, 7)).astype("float32")
    assert numpy.array_equal(
        OURS.backprop_maxout(grad, which, 3), STOCK.backprop_maxout(grad, stock_which, 3)
    )


@pytest.fixture(scope="module")
def stock_ops_pipeline() -> Language:
    set_current_ops(NumpyOps(use_blis=False))
    try:
        return spacy.load(MODEL)
    finally:
        set_current_ops(NumpyOps())


@pytest.mark.parametrize("component", ["tok2vec", "ner"])
def test_encoders_give_the_stock_vectors_on_real_pages(
    nlp: Language, stock_ops_pipeline: Language, component: str
) -> None:
    """The two tok2vec encoders (the shared one, the entity recogniser's own) give the same
    vectors to the bit, batch by batch."""

    def encoder(pipeline: Language) -> object:
        model = pipeline.get_pipe(component).model  # type: ignore[attr-defined]
        return model if component == "tok2vec" else model.get_ref("tok2vec")

    docs = [nlp.make_doc(text) for text in _texts()]
    ours = encoder(nlp).predict(docs)  # type: ignore[attr-defined]
    theirs = encoder(stock_ops_pipeline).predict(docs)  # type: ignore[attr-defined]
    assert isinstance(encoder(nlp).ops, InferenceOps)  # type: ignore[attr-defined]
    # one array per text (the shared encoder), or one for the batch (the recogniser's)
    ours = numpy.concatenate(ours) if isinstance(ours, list) else ours
    theirs = numpy.concatenate(theirs) if isinstance(theirs, list) else theirs
    assert ours.shape[0] == sum(len(doc) for doc in docs) > 1000
    assert numpy.array_equal(ours, theirs)
