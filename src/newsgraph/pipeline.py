"""Stage A: `analyze` turns documents into `AnalyzedArticle`s — pure, batchable, deterministic.

No database and no shared state but the loaded spaCy pipeline, so the distributed runner can map
it over millions of pages. Cleaning and language detection run per document; the English
pipeline runs over the batch with `nlp.pipe`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsgraph.clean import clean_document
from newsgraph.clean.language import detect_language
from newsgraph.clean.metadata import page_outlet
from newsgraph.config import Settings
from newsgraph.errors import InputError, NewsgraphError
from newsgraph.records import AnalyzedArticle, Article, Document

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

Outcome = AnalyzedArticle | InputError


def build_article(document: Document, settings: Settings) -> Article:
    """Clean one document into an Article (text plus metadata), without NLP."""
    cleaned = clean_document(document)
    text = cleaned.text.strip()
    if not text:
        raise InputError(document.source_id, "no main text found in the page", code="E009")
    language = detect_language(text)
    url = document.url or cleaned.url
    return Article(
        id=document.id,
        source_id=document.source_id,
        url=url,
        outlet=page_outlet(document.outlet, url),
        title=cleaned.title or document.title,
        byline=cleaned.byline,
        photo_credit=cleaned.photo_credit,
        published=cleaned.published,
        published_source=cleaned.published_source,
        language=language,
        text=text,
        original_source=cleaned.original_source,
        boilerplate=cleaned.boilerplate,
        analysed=language == settings.language,
    )


def article_or_error(document: Document, settings: Settings) -> Article | InputError:
    """The document's article, or the InputError that names why it has none: a cleaner bug
    costs one page, not its batch."""
    try:
        return build_article(document, settings)
    except InputError as exc:
        return exc
    except Exception as exc:
        log.exception("cleaning failed for %s", document.source_id)
        return InputError(document.source_id, f"cleaning failed ({type(exc).__name__})")


def cleaned_batch(
    documents: Sequence[Document], settings: Settings
) -> tuple[list[Outcome], list[tuple[int, Article]]]:
    """A batch cleaned: an outcome per document (its bare article, or its InputError), and the
    (index, article) of each one in the pipeline's language, which the parser must read."""
    outcomes: list[Outcome] = []
    to_parse: list[tuple[int, Article]] = []
    for document in documents:
        article = article_or_error(document, settings)
        if isinstance(article, InputError):
            outcomes.append(article)
            continue
        outcomes.append(AnalyzedArticle(article=article))
        if article.analysed:
            to_parse.append((len(outcomes) - 1, article))
    return outcomes, to_parse


def extracted_or_error(doc: Doc, article: Article) -> Outcome:
    """Stage A's records of one parsed article, or the InputError that says why there are none:
    an extractor bug costs one page."""
    from newsgraph.extract import extract

    try:
        return extract(doc, article)
    except NewsgraphError as exc:
        return InputError(article.source_id, str(exc))
    except Exception as exc:
        log.exception("extraction failed for %s", article.source_id)
        return InputError(article.source_id, f"extraction failed ({type(exc).__name__})")


def analyze(documents: Sequence[Document], settings: Settings) -> list[Outcome]:
    """Analyse a batch; each result is an AnalyzedArticle, or the InputError for that document."""
    from newsgraph.extract.nlp import load_pipeline

    outcomes, to_parse = cleaned_batch(documents, settings)
    if not to_parse:
        return outcomes
    nlp = load_pipeline(settings.model)
    texts = (article.text[: settings.max_chars] for _, article in to_parse)
    for (index, article), doc in zip(
        to_parse, nlp.pipe(texts, batch_size=settings.batch_size), strict=True
    ):
        outcomes[index] = extracted_or_error(doc, article)
    return outcomes
