"""Read queries for the views: filtered, paginated lists and the composite pages (dossier, article,
entity), each one call from Python.

The web UI, the JSON API and the terminal views only format what these return. Every query is
parameterised SQLAlchemy Core over `schema`; nothing here writes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Generic, TypeVar

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    case,
    cast,
    distinct,
    func,
    literal_column,
    or_,
    select,
)

from newsgraph.errors import NewsgraphError, NotFound
from newsgraph.link.facts import fact_rank
from newsgraph.records import (
    Article,
    Boilerplate,
    Claim,
    Entity,
    Event,
    Fact,
    Mention,
    Quantity,
    Rewrite,
    Story,
)
from newsgraph.store.database import Store, fact_from_row
from newsgraph.store.schema import (
    articles,
    claims,
    entities,
    events,
    facts,
    mentions,
    quantities,
    rewrites,
    stories,
)

T = TypeVar("T")
MAX_LIMIT = 500
CHUNK = 500
TITLE_CHARS = 90  # a display title made from the text is cut near this many characters
TITLE_SOURCE_CHARS = 1000  # enough of the text to find its first non-blank line
UNTITLED = "Untitled article"


class BadQuery(NewsgraphError):
    """A filter value the store cannot use (a malformed date, a negative page)."""

    code = "E102"


@dataclass(slots=True)
class Page(Generic[T]):
    """One page of a longer list: `total` counts every match, `items` the ones on this page."""

    items: list[T]
    total: int
    limit: int
    offset: int


@dataclass(slots=True)
class ArticleFilter:
    """Filters shared by article lists and search; None means 'any'."""

    story_id: str | None = None
    entity_id: str | None = None
    kind: str | None = None  # articles stating a quantity of this kind (KILL, DEPLOY, ...)
    outlet: str | None = None
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive


@dataclass(slots=True)
class StorySummary:
    """A story with the counts a list shows: articles, distinct outlets, articles per day."""

    id: str
    label: str
    first_seen: str | None
    last_seen: str | None
    article_count: int
    source_count: int
    coverage: list[tuple[str, int]] = field(default_factory=list)


@dataclass(slots=True)
class SourceGroup:
    """Articles of one rewrite chain: the origin first, then what copies or rewrites it."""

    origin: Article
    derived: list[tuple[Article, Rewrite]]


@dataclass(slots=True)
class Dossier:
    """Everything the story page shows, read in a handful of indexed queries."""

    story: Story
    summary: StorySummary
    articles: list[Article]
    facts: list[Fact]
    claims: list[Claim]
    quantities: list[Quantity]
    events: list[Event]
    rewrites: list[Rewrite]
    sources: list[SourceGroup]
    key_entities: list[tuple[Entity, int]]
    denials: list[Claim]


@dataclass(slots=True)
class ArticleDetail:
    """One article with every record pointing into its text and its rewrite relations."""

    article: Article
    mentions: list[Mention]
    claims: list[Claim]
    quantities: list[Quantity]
    events: list[Event]
    derived_from: list[Rewrite]  # this article rewrites these
    derived_by: list[Rewrite]  # these rewrite this article
    titles: dict[str, str]  # id -> title of every related article


@dataclass(slots=True)
class EntityDetail:
    """One entity: its aliases, mentions per day, and the claims it makes or is named in."""

    entity: Entity
    mentions_per_day: list[tuple[str, int]]
    articles: list[Article]
    claims_by: list[Claim]
    claims_about: list[Claim]
    titles: dict[str, str]
    figures_given: list[Quantity] = field(default_factory=list)  # its figures, in as_of order


# -- rows to records ---------------------------------------------------------------------------


def article_of(row: Any) -> Article:
    """An Article from a row of `articles` (bookkeeping columns dropped)."""
    data = dict(row._mapping)
    for extra in ("linked", "seq", "rank"):
        data.pop(extra, None)
    data["boilerplate"] = [Boilerplate(**b) for b in data["boilerplate"] or []]
    return Article(**data)


def fact_of(row: Any) -> Fact:
    return fact_from_row(dict(row._mapping))


def _rows(store: Store, query: Any) -> list[Any]:
    with store.engine.connect() as connection:
        return list(connection.execute(query))


def _chunked(store: Store, make: Any, ids: Sequence[str]) -> list[Any]:
    """Run `make(chunk)` over `ids` in chunks, so long IN lists stay within driver limits."""
    found: list[Any] = []
    with store.engine.connect() as connection:
        for i in range(0, len(ids), CHUNK):
            found.extend(connection.execute(make(list(ids[i : i + CHUNK]))))
    return found


def _page(store: Store, query: Select[Any], limit: int, offset: int) -> tuple[list[Any], int]:
    """The rows of one page and the total number of matches."""
    limit, offset = check_page(limit, offset)
    with store.engine.connect() as connection:
        total = connection.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
        rows = list(connection.execute(query.limit(limit).offset(offset)))
    return rows, total or 0


def check_page(limit: int, offset: int) -> tuple[int, int]:
    if limit < 1 or offset < 0:
        raise BadQuery(f"bad page: limit {limit}, offset {offset}; limit ≥ 1 and offset ≥ 0")
    return min(limit, MAX_LIMIT), offset


def _day_after(day: str) -> str:
    try:
        return (date.fromisoformat(day[:10]) + timedelta(days=1)).isoformat()
    except ValueError as exc:
        raise BadQuery(f"not an ISO date: {day!r}", hint="write dates as YYYY-MM-DD") from exc


def _check_day(day: str) -> str:
    _day_after(day)
    return day[:10]


# -- articles ----------------------------------------------------------------------------------


def article_conditions(where: ArticleFilter) -> list[ColumnElement[bool]]:
    """SQL conditions on `articles` for a filter; search reuses them beside its MATCH."""
    conditions: list[ColumnElement[bool]] = []
    if where.story_id:
        conditions.append(articles.c.story_id == where.story_id)
    if where.outlet:
        conditions.append(articles.c.outlet == where.outlet)
    if where.since:
        conditions.append(articles.c.published >= _check_day(where.since))
    if where.until:
        conditions.append(articles.c.published < _day_after(where.until))
    if where.entity_id:
        conditions.append(
            articles.c.id.in_(
                select(mentions.c.article_id).where(mentions.c.entity_id == where.entity_id)
            )
        )
    if where.kind:
        conditions.append(
            articles.c.id.in_(
                select(quantities.c.article_id).where(quantities.c.kind == where.kind)
            )
        )
    return conditions


def list_articles(
    store: Store, where: ArticleFilter | None = None, *, limit: int = 50, offset: int = 0
) -> Page[Article]:
    """Articles matching `where`, newest first."""
    query = (
        select(articles)
        .where(*article_conditions(where or ArticleFilter()))
        .order_by(articles.c.published.desc(), articles.c.seq.desc())
    )
    rows, total = _page(store, query, limit, offset)
    return Page([article_of(r) for r in rows], total, *check_page(limit, offset))


def get_article(store: Store, article_id: str) -> Article:
    rows = _rows(store, select(articles).where(articles.c.id == article_id))
    if not rows:
        raise NotFound(f"no article with id {article_id!r}")
    return article_of(rows[0])


def display_title(title: str | None, text: str) -> str:
    """The title a person sees: the article's own, else the first line of its text, cut at a word
    near TITLE_CHARS; never a file path or source id (a .txt scrape or stdin has no title)."""
    if title and title.strip():
        return " ".join(title.split())
    for line in text.splitlines():
        words = " ".join(line.split())
        if not words:
            continue
        if len(words) <= TITLE_CHARS:
            return words
        cut = words.rfind(" ", 0, TITLE_CHARS)
        return words[: cut if cut > TITLE_CHARS // 2 else TITLE_CHARS].rstrip(" ,;:-") + "…"
    return UNTITLED


def article_title(article: Article) -> str:
    """`display_title` of a loaded article."""
    return display_title(article.title, article.text)


def titles_of(store: Store, ids: Sequence[str]) -> dict[str, str]:
    """id -> display title of the given articles, reading only the start of their text."""
    query = lambda chunk: select(  # noqa: E731
        articles.c.id, articles.c.title, func.substr(articles.c.text, 1, TITLE_SOURCE_CHARS)
    ).where(articles.c.id.in_(chunk))
    return {r[0]: display_title(r[1], r[2]) for r in _chunked(store, query, sorted(set(ids)))}


def article_detail(store: Store, article_id: str) -> ArticleDetail:
    """The article page: text records, entities and rewrite relations in both directions."""
    article = get_article(store, article_id)
    found_mentions = store.mentions(article_id=article_id)
    derived_from = [
        Rewrite(**r._mapping)
        for r in _rows(store, select(rewrites).where(rewrites.c.article_id == article_id))
    ]
    derived_by = [
        Rewrite(**r._mapping)
        for r in _rows(store, select(rewrites).where(rewrites.c.source_article_id == article_id))
    ]
    related = [r.source_article_id for r in derived_from] + [r.article_id for r in derived_by]
    return ArticleDetail(
        article=article,
        mentions=found_mentions,
        claims=store.claims(article_ids=[article_id]),
        quantities=store.quantities(article_ids=[article_id]),
        events=store.events(article_ids=[article_id]),
        derived_from=derived_from,
        derived_by=derived_by,
        titles=titles_of(store, related),
    )


# -- stories -----------------------------------------------------------------------------------


def story_summaries(
    store: Store, story_ids: Sequence[str] | None = None
) -> dict[str, StorySummary]:
    """Counts and per-day coverage of the given stories (all when None)."""
    story_query = select(stories)
    counts_query = (
        select(
            articles.c.story_id,
            func.count().label("n"),
            # a page whose outlet is unknown (a bare text scrape) is a source of its own
            func.count(distinct(func.coalesce(articles.c.outlet, articles.c.id))).label("outlets"),
        )
        .where(articles.c.story_id.is_not(None))
        .group_by(articles.c.story_id)
    )
    day = func.substr(articles.c.published, 1, 10)
    days_query = (
        select(articles.c.story_id, day.label("day"), func.count().label("n"))
        .where(articles.c.story_id.is_not(None), articles.c.published.is_not(None))
        .group_by(articles.c.story_id, day)
    )
    if story_ids is not None:
        story_query = story_query.where(stories.c.id.in_(list(story_ids)))
        counts_query = counts_query.where(articles.c.story_id.in_(list(story_ids)))
        days_query = days_query.where(articles.c.story_id.in_(list(story_ids)))
    with store.engine.connect() as connection:
        found = {
            r.id: StorySummary(r.id, r.label, r.first_seen, r.last_seen, 0, 0)
            for r in connection.execute(story_query)
        }
        for r in connection.execute(counts_query):
            if r.story_id in found:
                found[r.story_id].article_count = r.n
                found[r.story_id].source_count = r.outlets
        per_day: dict[str, dict[str, int]] = defaultdict(dict)
        for r in connection.execute(days_query):
            per_day[r.story_id][r.day] = r.n
    for story_id, summary in found.items():
        summary.coverage = fill_days(per_day.get(story_id, {}))
    return found


def fill_days(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Counts per ISO day from the first to the last day, days without articles as 0."""
    days = sorted(d for d in counts if _is_day(d))
    if not days:
        return []
    first, last = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
    span = min((last - first).days, 3660)  # a decade is plenty for a sparkline
    return [
        (
            (first + timedelta(days=i)).isoformat(),
            counts.get((first + timedelta(days=i)).isoformat(), 0),
        )
        for i in range(span + 1)
    ]


def _is_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def list_stories(store: Store, *, limit: int = 50, offset: int = 0) -> Page[StorySummary]:
    """Stories with their counts, the most covered first."""
    limit, offset = check_page(limit, offset)
    summaries = sorted(
        story_summaries(store).values(),
        key=lambda s: (-s.article_count, s.last_seen or "", s.id),
    )
    return Page(summaries[offset : offset + limit], len(summaries), limit, offset)


def get_story(store: Store, story_id: str) -> Story:
    rows = _rows(store, select(stories).where(stories.c.id == story_id))
    if not rows:
        raise NotFound(f"no story with id {story_id!r}", hint="`newsgraph stories` lists them")
    members = _rows(
        store,
        select(articles.c.id).where(articles.c.story_id == story_id).order_by(articles.c.seq),
    )
    return Story(article_ids=[m.id for m in members], **rows[0]._mapping)


def source_groups(found: Sequence[Article], links: Sequence[Rewrite]) -> list[SourceGroup]:
    """Group articles by rewrite chain: each derived article joins the origin it descends from."""
    by_id = {a.id: a for a in found}
    parent: dict[str, Rewrite] = {}
    for r in sorted(links, key=lambda r: (r.kind != "copy", -r.similarity)):
        if r.article_id in by_id and r.source_article_id in by_id and r.article_id not in parent:
            parent[r.article_id] = r

    def origin(article_id: str) -> str:
        seen = {article_id}
        while article_id in parent and parent[article_id].source_article_id not in seen:
            article_id = parent[article_id].source_article_id
            seen.add(article_id)
        return article_id

    groups: dict[str, SourceGroup] = {}
    for a in found:
        root = origin(a.id)
        group = groups.setdefault(root, SourceGroup(by_id[root], []))
        if a.id != root:
            group.derived.append((a, parent[a.id]))
    return sorted(groups.values(), key=lambda g: (-len(g.derived), g.origin.published or ""))


def story_dossier(store: Store, story_id: str, *, top_entities: int = 15) -> Dossier:
    """The story page: facts, contested statements, sources by rewrite chain, entities, events."""
    story = get_story(store, story_id)
    found = store.articles(story_id=story_id)
    ids = [a.id for a in found]
    found_claims = store.claims(article_ids=ids) if ids else []
    found_quantities = store.quantities(article_ids=ids) if ids else []
    found_events = store.events(article_ids=ids) if ids else []
    links = [
        Rewrite(**r._mapping)
        for r in _chunked(
            store, lambda chunk: select(rewrites).where(rewrites.c.article_id.in_(chunk)), ids
        )
    ]
    members = select(articles.c.id).where(articles.c.story_id == story_id)
    n = func.count().label("n")
    counted = {
        r.entity_id: r.n
        for r in _rows(
            store,
            select(mentions.c.entity_id, n)
            .where(mentions.c.article_id.in_(members))
            .group_by(mentions.c.entity_id)
            .order_by(n.desc(), mentions.c.entity_id)
            .limit(top_entities),
        )
    }
    top = list(counted)
    known = {
        r.id: Entity(**r._mapping)
        for r in _rows(store, select(entities).where(entities.c.id.in_(top)))
    }
    published = {a.id: a.published or "" for a in found}
    found_events.sort(
        key=lambda e: (e.when or published.get(e.article_id, ""), e.article_id, e.start)
    )
    summary = story_summaries(store, [story_id]).get(
        story_id, StorySummary(story.id, story.label, story.first_seen, story.last_seen, 0, 0)
    )
    return Dossier(
        story=story,
        summary=summary,
        articles=found,
        facts=sorted(
            [*store.facts(story_id=story_id), *facts_held_elsewhere(store, story_id)], key=fact_rank
        ),
        claims=found_claims,
        quantities=found_quantities,
        events=found_events,
        rewrites=links,
        sources=source_groups(found, links),
        key_entities=[(known[e], counted[e]) for e in top if e in known],
        denials=[c for c in found_claims if c.stance == "deny"],
    )


def facts_held_elsewhere(store: Store, story_id: str) -> list[Fact]:
    """The facts another story holds with statements of this one: a figure series or a claim
    its thread carried on in a later story ("denied in October" here, "confirmed in April"
    there). `story_ids` is a JSON list; its text holds the id quoted."""
    pattern = f'%"{story_id}"%'
    query = select(facts).where(
        facts.c.story_id != story_id, cast(facts.c.story_ids, String).like(pattern)
    )
    return [fact_of(r) for r in _rows(store, query) if story_id in (fact_of(r).story_ids or [])]


# -- entities ----------------------------------------------------------------------------------


def list_entities(
    store: Store,
    *,
    name: str | None = None,
    type_: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[Entity]:
    """Entities by mention count; `name` matches a substring of the canonical name."""
    query = select(entities).order_by(entities.c.mentions.desc(), entities.c.name, entities.c.id)
    if name:
        query = query.where(func.lower(entities.c.name).contains(name.lower(), autoescape=True))
    if type_:
        query = query.where(entities.c.type == type_)
    rows, total = _page(store, query, limit, offset)
    return Page([Entity(**r._mapping) for r in rows], total, *check_page(limit, offset))


def get_entity(store: Store, entity_id: str) -> Entity:
    rows = _rows(store, select(entities).where(entities.c.id == entity_id))
    if not rows:
        raise NotFound(f"no entity with id {entity_id!r}")
    return Entity(**rows[0]._mapping)


def entity_detail(store: Store, entity_id: str, *, limit: int = 100) -> EntityDetail:
    """The entity page: mentions per day, latest articles, claims by it and claims naming it."""
    entity = get_entity(store, entity_id)
    day = func.substr(articles.c.published, 1, 10)
    per_day = _rows(
        store,
        select(day.label("day"), func.count().label("n"))
        .select_from(mentions.join(articles, articles.c.id == mentions.c.article_id))
        .where(mentions.c.entity_id == entity_id, articles.c.published.is_not(None))
        .group_by(day),
    )
    in_articles = select(mentions.c.article_id).where(mentions.c.entity_id == entity_id)
    recent = _rows(
        store,
        select(articles)
        .where(articles.c.id.in_(in_articles))
        .order_by(articles.c.published.desc(), articles.c.seq.desc())
        .limit(limit),
    )
    by = _rows(
        store,
        select(claims)
        .where(claims.c.speaker_entity_id == entity_id)
        .order_by(claims.c.id)
        .limit(limit),
    )
    about = _rows(
        store,
        select(claims)
        .join(
            mentions,
            (mentions.c.article_id == claims.c.article_id)
            & (mentions.c.start >= claims.c.start)
            & (mentions.c.end <= claims.c.end),
        )
        .where(
            mentions.c.entity_id == entity_id,
            or_(claims.c.speaker_entity_id.is_(None), claims.c.speaker_entity_id != entity_id),
        )
        .distinct()
        .order_by(claims.c.id)
        .limit(limit),
    )
    claims_by = [Claim(**r._mapping) for r in by]
    claims_about = [Claim(**r._mapping) for r in about]
    given = [
        Quantity(**r._mapping)
        for r in _rows(
            store,
            select(quantities)
            .where(quantities.c.speaker_entity_id == entity_id)
            .order_by(quantities.c.as_of, quantities.c.id)
            .limit(limit),
        )
    ]
    return EntityDetail(
        entity=entity,
        mentions_per_day=fill_days({r.day: r.n for r in per_day}),
        articles=[article_of(r) for r in recent],
        claims_by=claims_by,
        claims_about=claims_about,
        titles=titles_of(
            store, [c.article_id for c in claims_by + claims_about] + [g.article_id for g in given]
        ),
        figures_given=given,
    )


# -- records of one kind, filtered -------------------------------------------------------------


def _in_story(table: Any, story_id: str | None) -> list[ColumnElement[bool]]:
    if not story_id:
        return []
    return [table.c.article_id.in_(select(articles.c.id).where(articles.c.story_id == story_id))]


def list_claims(
    store: Store,
    *,
    article_id: str | None = None,
    story_id: str | None = None,
    speaker_entity_id: str | None = None,
    stance: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[Claim]:
    query = (
        select(claims)
        .where(*_in_story(claims, story_id))
        .order_by(claims.c.article_id, claims.c.start)
    )
    if article_id:
        query = query.where(claims.c.article_id == article_id)
    if speaker_entity_id:
        query = query.where(claims.c.speaker_entity_id == speaker_entity_id)
    if stance:
        query = query.where(claims.c.stance == stance)
    rows, total = _page(store, query, limit, offset)
    return Page([Claim(**r._mapping) for r in rows], total, *check_page(limit, offset))


def list_quantities(
    store: Store,
    *,
    article_id: str | None = None,
    story_id: str | None = None,
    kind: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[Quantity]:
    query = (
        select(quantities)
        .where(*_in_story(quantities, story_id))
        .order_by(quantities.c.article_id, quantities.c.start)
    )
    if article_id:
        query = query.where(quantities.c.article_id == article_id)
    if kind:
        query = query.where(quantities.c.kind == kind)
    rows, total = _page(store, query, limit, offset)
    return Page([Quantity(**r._mapping) for r in rows], total, *check_page(limit, offset))


def list_events(
    store: Store,
    *,
    article_id: str | None = None,
    story_id: str | None = None,
    action: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[Event]:
    query = (
        select(events)
        .where(*_in_story(events, story_id))
        .order_by(events.c.article_id, events.c.start)
    )
    if article_id:
        query = query.where(events.c.article_id == article_id)
    if action:
        query = query.where(events.c.action == action)
    rows, total = _page(store, query, limit, offset)
    return Page([Event(**r._mapping) for r in rows], total, *check_page(limit, offset))


def list_rewrites(
    store: Store,
    *,
    article_id: str | None = None,
    kind: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[Rewrite]:
    """Rewrite relations; `article_id` matches either end."""
    query = select(rewrites).order_by(rewrites.c.article_id, rewrites.c.source_article_id)
    if article_id:
        query = query.where(
            (rewrites.c.article_id == article_id) | (rewrites.c.source_article_id == article_id)
        )
    if kind:
        query = query.where(rewrites.c.kind == kind)
    rows, total = _page(store, query, limit, offset)
    return Page([Rewrite(**r._mapping) for r in rows], total, *check_page(limit, offset))


def list_facts(
    store: Store,
    *,
    story_id: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[Fact]:
    # what an analyst follows first (as `fact_rank` orders one story's facts): disputes, then
    # named kinds before "other" figures, the best-sourced first; ids break ties stably
    dispute = case(
        (facts.c.status == "contested", 0),
        (facts.c.status == "superseded", 1),
        (facts.c.status == "corroborated", 2),
        else_=3,
    )
    query = select(facts).order_by(
        dispute,
        case((facts.c.kind == "OTHER", 1), else_=0),
        facts.c.independent_sources.desc(),
        facts.c.story_id,
        facts.c.id,
    )
    if story_id:
        query = query.where(facts.c.story_id == story_id)
    if status:
        query = query.where(facts.c.status == status)
    if kind:
        query = query.where(facts.c.kind == kind)
    rows, total = _page(store, query, limit, offset)
    return Page([fact_of(r) for r in rows], total, *check_page(limit, offset))


def story_members(store: Store, story_ids: Sequence[str]) -> dict[str, list[str]]:
    """story id -> its article ids in ingest order, for the given stories."""
    members: dict[str, list[str]] = {s: [] for s in story_ids}
    rows = _chunked(
        store,
        lambda chunk: (
            select(articles.c.id, articles.c.story_id)
            .where(articles.c.story_id.in_(chunk))
            .order_by(articles.c.seq)
        ),
        list(story_ids),
    )
    for row in rows:
        members[row.story_id].append(row.id)
    return members


# -- claims across stories -----------------------------------------------------------------------


@dataclass(slots=True)
class NamedClaim:
    """A stored claim with what a cross-story join needs of its article."""

    claim: Claim
    story_id: str
    published: str | None
    outlet: str | None
    entity_id: str  # the entity its content names that found it


def claims_naming(
    store: Store,
    entity_ids: Sequence[str],
    *,
    since: str,
    until: str,
    outside: Sequence[str] = (),
    limit: int = 2000,
) -> list[NamedClaim]:
    """Stored claims whose content names one of `entity_ids`, in articles published between
    `since` and `until` (ISO dates) and linked to a story not in `outside`: the candidates a
    claim of a rebuilt story may state one proposition with. By the mentions' entity index; at
    most `limit`, the latest first."""
    if not entity_ids:
        return []
    content_start = func.coalesce(claims.c.content_start, claims.c.start)
    content_end = func.coalesce(claims.c.content_end, claims.c.end)
    entity: ColumnElement[Any] = mentions.c.entity_id
    if store.engine.dialect.name == "sqlite":
        # SQLite would walk each entity's mentions over the whole history (an entity of a
        # long thread is named in every wave of it) and keep those in the window; reading the
        # window's articles by date, their claims, and each claim's mentions by the primary
        # key costs the window instead. `+x` is x that no index serves: the planner then
        # starts from the date range.
        entity = literal_column(f"+{mentions.name}.{mentions.c.entity_id.name}")
    query = (
        select(
            claims,
            articles.c.story_id,
            articles.c.published,
            articles.c.outlet,
            mentions.c.entity_id.label("found_by"),
        )
        .distinct()
        .select_from(
            mentions.join(claims, claims.c.article_id == mentions.c.article_id).join(
                articles, articles.c.id == claims.c.article_id
            )
        )
        .where(
            entity.in_(sorted(set(entity_ids))[:CHUNK]),
            mentions.c.start >= content_start,
            mentions.c.end <= content_end,
            articles.c.published >= since,
            articles.c.published <= until,
            articles.c.story_id.is_not(None),
        )
        # (a claim found by two entities is two rows: the entity orders them, so the rows
        # kept under the limit and their order do not depend on the plan)
        .order_by(articles.c.published.desc(), claims.c.id, mentions.c.entity_id)
        .limit(limit)
    )
    if outside:
        query = query.where(articles.c.story_id.not_in(sorted(set(outside))))
    found = []
    for row in _rows(store, query):
        data = dict(row._mapping)
        story_id, published, outlet, found_by = (
            data.pop(k) for k in ("story_id", "published", "outlet", "found_by")
        )
        found.append(NamedClaim(Claim(**data), story_id, published, outlet, found_by))
    return found


def entity_counts(store: Store, entity_ids: Sequence[str]) -> dict[str, int]:
    """How many mentions the store holds of each of `entity_ids`."""
    rows = _chunked(
        store,
        lambda chunk: select(entities.c.id, entities.c.mentions).where(entities.c.id.in_(chunk)),
        sorted(set(entity_ids)),
    )
    return {r.id: r.mentions for r in rows}


def claim_facts_of(store: Store, story_ids: Sequence[str]) -> list[Fact]:
    """The stored claim facts held by the given stories."""
    rows = _chunked(
        store,
        lambda chunk: select(facts).where(facts.c.story_id.in_(chunk), facts.c.kind == "CLAIM"),
        sorted(set(story_ids)),
    )
    return [fact_of(r) for r in rows]
