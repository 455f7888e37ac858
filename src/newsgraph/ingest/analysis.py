"""What a stage A worker runs: `analyze` over one piece of a batch, in a form that crosses
processes. Kept apart from the ingest job so that a worker imports the cleaner, spaCy and the
extractors, not the store; and the job's parent, which never cleans or parses, not them."""

from __future__ import annotations

from newsgraph.config import Settings
from newsgraph.errors import InputError
from newsgraph.ingest.pool import PortableError
from newsgraph.records import AnalyzedArticle, Document

Portable = AnalyzedArticle | PortableError


def analyze_task(task: tuple[list[Document], Settings]) -> list[Portable]:
    """`analyze` over one piece, errors made portable (see `PortableError`)."""
    from newsgraph.pipeline import analyze

    documents, settings = task
    return [
        PortableError.of(o) if isinstance(o, InputError) else o
        for o in analyze(documents, settings)
    ]
