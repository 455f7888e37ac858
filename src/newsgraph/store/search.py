"""Full-text search over articles: SQLite FTS5 or PostgreSQL full-text search, with filters.

User input never reaches the query syntax: it is cut into words and each word is quoted (FTS5)
or handed to `plainto_tsquery` (PostgreSQL), so no input can raise a syntax error. The search
structures are made by migration 0002.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, column, literal_column, select, table, text

from newsgraph.store.database import Store
from newsgraph.store.queries import (
    ArticleFilter,
    Page,
    article_conditions,
    check_page,
    list_articles,
)
from newsgraph.store.schema import articles

FTS_TABLE = "articles_fts"
SEARCH_INDEXES = frozenset({"ix_articles_fts", "ux_articles_seq"})
# Must stay identical to the expression indexed by migration 0002, or PostgreSQL scans.
PG_DOCUMENT = "to_tsvector('english', coalesce(articles.title, '') || ' ' || articles.text)"
WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 16
# Words PostgreSQL's English configuration drops; FTS5 drops them too so both stores agree.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "if",
        "in",
        "into",
        "is",
        "it",
        "no",
        "not",
        "of",
        "on",
        "or",
        "such",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "will",
        "with",
    ]
)
SNIPPET_CHARS = 240


@dataclass(slots=True)
class SearchHit:
    """One matching article, with a snippet of its text and where the terms fall in it."""

    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    story_id: str | None
    url: str | None
    snippet: str
    marks: list[tuple[int, int]] = field(default_factory=list)  # offsets into `snippet`


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic filter: leave the search structures of migration 0002 out of schema comparison."""
    if type_ == "table" and name is not None and name.startswith(FTS_TABLE):
        return False
    return not (type_ == "index" and name in SEARCH_INDEXES)


def terms_of(query: str) -> list[str]:
    """The words of a user query, lower-cased, at most MAX_TERMS; punctuation and operators drop."""
    words = [w.lower() for w in WORD.findall(query)]
    return [w for w in words if w not in STOP_WORDS][:MAX_TERMS]


def fts5_query(terms: list[str]) -> str:
    """An FTS5 MATCH string that means 'all these words': each term is a quoted string."""
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def snippet_of(
    body: str, terms: list[str], width: int = SNIPPET_CHARS
) -> tuple[str, list[tuple[int, int]]]:
    """A window of `body` around the first term found, and the offsets of every term within it.

    Matching is by word prefix, so a stemmed hit ("soldiers" for "soldier") still shows.
    """
    if not terms:
        return body[:width], []
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\w*", re.IGNORECASE)
    first = pattern.search(body)
    start = max(0, (first.start() if first else 0) - width // 3)
    if start:
        space = body.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    window = body[start : start + width]
    return window, [(m.start(), m.end()) for m in pattern.finditer(window)]


def search(
    store: Store,
    query: str = "",
    where: ArticleFilter | None = None,
    *,
    limit: int = 20,
    offset: int = 0,
) -> Page[SearchHit]:
    """Articles matching every word of `query` and the filters, best match first.

    An empty query lists the filtered articles, newest first.
    """
    where = where or ArticleFilter()
    limit, offset = check_page(limit, offset)
    terms = terms_of(query)
    if not terms:
        listed = list_articles(store, where, limit=limit, offset=offset)
        return Page([_hit(a, []) for a in listed.items], listed.total, limit, offset)
    conditions = article_conditions(where)
    if store.dialect == "sqlite":
        fts = table(FTS_TABLE, column("rowid"))
        match = text(f"{FTS_TABLE} MATCH :match").bindparams(match=fts5_query(terms))
        base = (
            select(articles, literal_column(f"bm25({FTS_TABLE})").label("rank"))
            .select_from(fts.join(articles, articles.c.seq == fts.c.rowid))
            .where(match, *conditions)
        )
        ordered = base.order_by(literal_column("rank"), articles.c.seq.desc())
    else:
        tsquery = text("plainto_tsquery('english', :words)").bindparams(words=" ".join(terms))
        document: ColumnElement[Any] = literal_column(PG_DOCUMENT)
        base = select(articles).where(document.op("@@")(tsquery), *conditions)
        ordered = base.order_by(articles.c.published.desc(), articles.c.seq.desc())
    with store.engine.connect() as connection:
        total = connection.scalar(select(literal_column("count(*)")).select_from(base.subquery()))
        rows = list(connection.execute(ordered.limit(limit).offset(offset)))
    hits = []
    for row in rows:
        data = row._mapping
        snippet, marks = snippet_of(data["text"], terms)
        hits.append(
            SearchHit(
                data["id"],
                data["title"],
                data["outlet"],
                data["published"],
                data["story_id"],
                data["url"],
                snippet,
                marks,
            )
        )
    return Page(hits, total or 0, limit, offset)


def _hit(article: Any, terms: list[str]) -> SearchHit:
    snippet, marks = snippet_of(article.text, terms)
    return SearchHit(
        article.id,
        article.title,
        article.outlet,
        article.published,
        article.story_id,
        article.url,
        snippet,
        marks,
    )
