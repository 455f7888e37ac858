"""Full-text search over articles: SQLite FTS5 or PostgreSQL full-text search, with filters.

The query language, the same on both stores: every word is required; `OR` between two words
(or phrases) takes either; `-word` leaves out articles with it; `prefix*` matches words that start
so (two letters at least); "a quoted phrase" needs its words in that order. Words are stemmed
(soldier finds soldiers). Stop words ("the", "of") and single letters alone find nothing, so a
query made only of them, or only of words to leave out, is refused with `NothingToSearch`
rather than answering with every article; an empty query with a filter lists what the filter
keeps.

User input never reaches either store's query syntax as text: `parse_query` cuts it into words,
each word is quoted into an FTS5 MATCH string or a `to_tsquery` string, so no input can raise a
syntax error. Relevance is bm25 on SQLite and `ts_rank` (length-normalised) on PostgreSQL, best
first; ties go to the newest. The search structures are made by migration 0002.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, column, func, literal_column, select, table, text

from newsgraph.store.database import Store
from newsgraph.store.queries import (
    ArticleFilter,
    BadQuery,
    Page,
    article_conditions,
    check_page,
    display_title,
    list_articles,
)
from newsgraph.store.schema import articles

FTS_TABLE = "articles_fts"
SEARCH_INDEXES = frozenset({"ix_articles_fts", "ux_articles_seq"})
# Must stay identical to the expression indexed by migration 0002, or PostgreSQL scans.
PG_DOCUMENT = "to_tsvector('english', coalesce(articles.title, '') || ' ' || articles.text)"
WORD = re.compile(r"[^\W_]+")  # letters and digits: nothing either query syntax reads
# one piece of a query: -? then a "phrase" (closing quote optional), OR, or a word with an
# optional *; a - counts only at the start of a piece ("North-Korean" is two words)
PIECE = re.compile(r'(?:(?<![^\s(])(-))?(?:"([^"]*)"?|([^\W_]+)(\*)?)')
MAX_TERMS = 16
MIN_PREFIX = 2
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
    display_title: str = ""  # `title`, else the text's first line (queries.display_title)


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic filter: leave the search structures of migration 0002 out of schema comparison."""
    if type_ == "table" and name is not None and name.startswith(FTS_TABLE):
        return False
    return not (type_ == "index" and name in SEARCH_INDEXES)


class NothingToSearch(BadQuery):
    """A query with no word to find: empty, stop words, single letters or exclusions only."""

    parameter = "q"


@dataclass(frozen=True, slots=True)
class Term:
    """A word, or the words of a phrase in order; `prefix`: the (only) word is a prefix."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(slots=True)
class ParsedQuery:
    """Every group must match (any one of its terms), and none of `excluded` may."""

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        """The words to find, for highlighting: stop words and exclusions left out."""
        found = [w for g in self.groups for t in g for w in t.words if w not in STOP_WORDS]
        return list(dict.fromkeys(found))


def _term(words: list[str], prefix: bool) -> Term | None:
    """A term from lower-cased words, or None where it would find nothing or everything."""
    if prefix:
        return Term((words[0],), True) if len(words[0]) >= MIN_PREFIX else None
    if not any(w not in STOP_WORDS and (len(w) > 1 or w.isdigit()) for w in words):
        return None
    if len(words) > 1:  # a phrase keeps its stop words: they are part of the order
        return Term(tuple(words))
    return Term((words[0],))


def parse_query(query: str) -> ParsedQuery:
    """The terms of a user query (see the module docstring); other characters are spaces."""
    parsed = ParsedQuery()
    joined = False  # the previous piece was OR: the next term joins the last group
    count = 0
    for match in PIECE.finditer(query):
        minus, phrase, word, star = match.groups()
        if word == "OR" and not minus and not star:
            joined = bool(parsed.groups)
            continue
        if phrase is not None:
            term = _term([w.lower() for w in WORD.findall(phrase)], False) if phrase else None
        else:
            term = _term([word.lower()], bool(star))
        if term is None or count >= MAX_TERMS:
            joined = False
            continue
        count += 1
        if minus:
            parsed.excluded.append(term)
        elif joined:
            parsed.groups[-1].append(term)
        else:
            parsed.groups.append([term])
        joined = False
    return parsed


def terms_of(query: str) -> list[str]:
    """The words a query looks for, lower-cased (what a hit's snippet highlights)."""
    return parse_query(query).words


def _fts5_term(term: Term) -> str:
    quoted = '"' + " ".join(term.words).replace('"', '""') + '"'
    return quoted + "*" if term.prefix else quoted


def fts5_query(parsed: ParsedQuery) -> str:
    """The FTS5 MATCH string of a parsed query: quoted strings joined by AND, OR and NOT."""
    groups = ["(" + " OR ".join(_fts5_term(t) for t in g) + ")" for g in parsed.groups]
    matched = " AND ".join(groups)
    for term in parsed.excluded:
        matched = f"({matched}) NOT {_fts5_term(term)}"
    return matched


def _ts_term(term: Term) -> str:
    if term.prefix:
        return f"'{term.words[0]}':*"
    return "(" + " <-> ".join(f"'{w}'" for w in term.words) + ")"


def tsquery_text(parsed: ParsedQuery) -> str:
    """The `to_tsquery` string of a parsed query: quoted lexemes joined by &, |, ! and <->."""
    groups = ["(" + " | ".join(_ts_term(t) for t in g) + ")" for g in parsed.groups]
    return " & ".join(groups + [f"!{_ts_term(t)}" for t in parsed.excluded])


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
    """Articles matching `query` (the module docstring says how) and the filters, best first.

    An empty query with a filter lists the filtered articles, newest first; otherwise a query
    with no word to find (an empty one included) raises NothingToSearch.
    """
    where = where or ArticleFilter()
    limit, offset = check_page(limit, offset)
    parsed = parse_query(query)
    if not query.strip() and where != ArticleFilter():
        # no words but a filter (an entity's "all articles naming it"): the filtered articles
        listed = list_articles(store, where, limit=limit, offset=offset)
        return Page([_hit(a) for a in listed.items], listed.total, limit, offset)
    if not parsed.groups:
        raise NothingToSearch(
            f"nothing to search for in {query[:80]!r}",
            hint="give at least one word of two or more letters; stop words such as 'the', "
            "single letters and -exclusions alone find nothing",
        )
    conditions = article_conditions(where)
    newest = (articles.c.published.desc(), articles.c.seq.desc())
    if store.dialect == "sqlite":
        fts = table(FTS_TABLE, column("rowid"))
        match = text(f"{FTS_TABLE} MATCH :match").bindparams(match=fts5_query(parsed))
        base = (
            select(articles, literal_column(f"bm25({FTS_TABLE})").label("rank"))
            .select_from(fts.join(articles, articles.c.seq == fts.c.rowid))
            .where(match, *conditions)
        )
        ordered = base.order_by(literal_column("rank"), *newest)
    else:
        tsquery = func.to_tsquery(literal_column("'english'"), tsquery_text(parsed))
        document: ColumnElement[Any] = literal_column(PG_DOCUMENT)
        base = select(articles).where(document.op("@@")(tsquery), *conditions)
        # normalisation 1 divides by 1 + log(length), as bm25 weighs long texts down
        ordered = base.order_by(func.ts_rank(document, tsquery, 1).desc(), *newest)
    words = parsed.words
    with store.engine.connect() as connection:
        total = connection.scalar(select(literal_column("count(*)")).select_from(base.subquery()))
        rows = list(connection.execute(ordered.limit(limit).offset(offset)))
    hits = []
    for row in rows:
        data = row._mapping
        snippet, marks = snippet_of(data["text"], words)
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
                display_title(data["title"], data["text"]),
            )
        )
    return Page(hits, total or 0, limit, offset)


def _hit(article: Any) -> SearchHit:
    """A listed article as a hit: the start of its text, nothing marked."""
    snippet, marks = snippet_of(article.text, [])
    return SearchHit(
        article.id,
        article.title,
        article.outlet,
        article.published,
        article.story_id,
        article.url,
        snippet,
        marks,
        display_title(article.title, article.text),
    )
