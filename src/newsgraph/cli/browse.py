"""Terminal views: `newsgraph stories`, `show story|article|entity ID`, `entities`, `facts`,
`search QUERY`.

Each command reads one call of `newsgraph.store.queries` / `newsgraph.store.search` and prints it
as rich tables, or as JSON with `--json`. They only read: a store that does not exist is
refused, never created. Filters take only the values the records can hold.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from newsgraph.cli.app import (
    StoreOption,
    app,
    console,
    reported_errors,
    settings_for,
    setup_logging,
)
from newsgraph.cli.choices import EntityTypeChoice, FactStatusChoice, QuantityKindChoice

if TYPE_CHECKING:
    from newsgraph.store import Store
    from newsgraph.store import queries as q

MAX_LIMIT = 500  # newsgraph.store.queries.MAX_LIMIT, which a test keeps equal
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
LimitOption = Annotated[int, typer.Option("--limit", "-n", min=1, max=MAX_LIMIT, help="Rows.")]
MAX_OFFSET = 1_000_000_000  # the JSON API's bound: a huge offset is refused, never overflowed
OffsetOption = Annotated[
    int,
    typer.Option("--offset", min=0, max=MAX_OFFSET, help="Rows to skip: the next page."),
]
FACT_SEARCH_LIMIT = 1000  # the most facts one question ranks (the JSON API's bound too)


class ShowKind(StrEnum):
    story = "story"
    article = "article"
    entity = "entity"


def _open(store: str | None) -> Store:
    from newsgraph.store import open_store

    settings = settings_for(store)
    setup_logging()
    return open_store(settings.store_url, create=False)


def short_id(record_id: str) -> str:
    """An id as a listing shows it: 16 characters on a terminal (`show` takes the prefix),
    whole when the output goes to a file or a pipe."""
    return record_id[:16] if console.is_terminal else record_id


def _print_json(value: Any) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=1, default=str))


def _print_page(page: q.Page[Any]) -> None:
    """A page of records as JSON: its items with the total and where the page sits in it."""
    _print_json(
        {
            "total": page.total,
            "offset": page.offset,
            "limit": page.limit,
            "items": [asdict(item) for item in page.items],
        }
    )


def page_caption(page: q.Page[Any], noun: str) -> str | None:
    """Under a table that does not show every row: which rows it shows, and how to see the
    rest. None when the page holds them all."""
    shown = len(page.items)
    if page.offset == 0 and shown >= page.total:
        return None
    if shown == 0:
        return f"no {noun} from row {page.offset + 1}: there are {page.total}"
    first, last = page.offset + 1, page.offset + shown
    more = f"; --offset {last} for the next" if last < page.total else ""
    return f"{noun} {first}–{last} of {page.total}{more}"


_CONTROL = dict.fromkeys([*range(0x20), 0x7F], " ")


def plain_line(value: Any) -> str:
    """Scraped text on one line, as plain text: line breaks and control characters (a
    terminal escape sequence among them) become spaces, runs of spaces one."""
    return " ".join(("" if value is None else str(value)).translate(_CONTROL).split())


def shown_as_text(value: Any) -> str:
    """Scraped text shown as text, on one line: rich markup in it is escaped, never interpreted,
    and its line breaks are spaces (a table row is one line, whatever the page held)."""
    return escape(" ".join(("" if value is None else str(value)).split()))


@app.command("stories")
def stories_command(
    store: StoreOption = None,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    as_json: JsonOption = False,
) -> None:
    """List stories with their article and source counts, the most covered first."""
    from newsgraph.store import queries as q

    with reported_errors():
        page = q.list_stories(_open(store), limit=limit, offset=offset)
    if as_json:
        _print_page(page)
        return
    table = Table(
        "id",
        "story",
        "articles",
        "sources",
        "first seen",
        "last seen",
        title=f"{page.total} stories",
        caption=page_caption(page, "stories"),
    )
    for s in page.items:
        table.add_row(
            s.id,
            shown_as_text(s.label),
            str(s.article_count),
            str(s.source_count),
            s.first_seen or "",
            s.last_seen or "",
        )
    console.print(table)


@app.command("show")
def show_command(
    kind: Annotated[ShowKind, typer.Argument(help="story, article or entity.")],
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The record's id, or a prefix only it starts with; an entity's name works too.",
        ),
    ],
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one story dossier, article or entity, by id, unique id prefix or entity name."""
    from newsgraph.store import queries as q
    from newsgraph.store.ids import resolve_entity, resolve_id

    with reported_errors():
        db = _open(store)
        if kind is ShowKind.story:
            story_id = resolve_id(db, "story", record_id)
            # the text view builds its own answer; the full dossier is read only for --json
            dossier = q.story_dossier(db, story_id) if as_json else None
        elif kind is ShowKind.article:
            detail = q.article_detail(db, resolve_id(db, "article", record_id))
        else:
            entity = q.entity_detail(db, resolve_entity(db, record_id))
    if kind is ShowKind.story:
        _print_json(asdict(dossier)) if dossier is not None else _show_story(db, story_id)
    elif kind is ShowKind.article:
        _print_json(asdict(detail)) if as_json else _show_article(detail)
    else:
        _print_json(asdict(entity)) if as_json else _show_entity(entity)


def _show_story(db: Store, story_id: str) -> None:
    """The answer first, as the story page gives it: figures, contests, who says what."""
    from newsgraph.views.dossier import story_answer
    from newsgraph.views.story_text import story_lines

    lines = story_lines(story_answer(db, story_id))
    if not console.is_terminal:
        # to a file or a pipe: plain lines written at once, no styling to lay out
        plain = []
        for style, text in lines:
            if style == "heading":
                plain.append("")
            plain.append(plain_line(text))
        typer.echo("\n".join(plain))
        return
    from rich.text import Text

    styles = {"title": "bold", "heading": "bold underline", "item": "bold", "detail": ""}
    shown = Text()
    for style, text in lines:
        if style == "heading":
            shown.append("\n")
        # a Text takes its string as it is: markup in scraped text is never interpreted
        shown.append(plain_line(text), style=styles[style] or None)
        shown.append("\n")
    console.print(shown, soft_wrap=True, end="")


def _show_article(d: q.ArticleDetail) -> None:
    from newsgraph.views.report import sentence_around

    a = d.article
    console.print(
        f"[bold]{shown_as_text(a.title or a.source_id)}[/bold]\n{shown_as_text(a.outlet)} · "
        f"{shown_as_text(a.published or 'undated')} · {shown_as_text(a.url)}"
    )
    for r in d.derived_from:
        console.print(
            f"{r.kind} of {shown_as_text(d.titles.get(r.source_article_id, r.source_article_id))}"
        )
    for r in d.derived_by:
        console.print(f"{r.kind} by {shown_as_text(d.titles.get(r.article_id, r.article_id))}")
    quantities = Table("figure", "kind", "object", "speaker", "sentence", title="quantities")
    for x in d.quantities:
        quantities.add_row(
            shown_as_text(x.text),
            x.kind,
            shown_as_text(x.object),
            shown_as_text(x.speaker),
            shown_as_text(sentence_around(a.text, x.start, x.end)),
        )
    console.print(quantities)
    claims = Table("speaker", "cue", "stance", "content", title="claims")
    for c in d.claims:
        claims.add_row(shown_as_text(c.speaker), c.cue, c.stance, shown_as_text(c.content))
    console.print(claims)


def _show_entity(d: q.EntityDetail) -> None:
    e = d.entity
    console.print(
        f"[bold]{shown_as_text(e.name)}[/bold] {e.type} · {e.mentions} mentions\n"
        f"aliases: {shown_as_text(' · '.join(e.aliases))}"
    )
    claims = Table("by/about", "speaker", "stance", "content", "article")
    for label, found in (("by", d.claims_by), ("about", d.claims_about)):
        for c in found:
            claims.add_row(
                label,
                shown_as_text(c.speaker),
                c.stance,
                shown_as_text(c.content),
                shown_as_text(d.titles.get(c.article_id, c.article_id)),
            )
    console.print(claims)


def _facts_table(found: list[Any]) -> Table:
    from newsgraph.views.charts import statement_label
    from newsgraph.views.dossier import outlet_count

    table = Table(
        "fact",
        "kind",
        "object (scope)",
        "status",
        "outlets",
        "independent",
        "history",
        title="facts",
    )
    for f in found:
        history = "; ".join(
            f"{s.as_of or '?'} {statement_label(s)} "
            f"({s.speaker or 'no source named'}, {s.outlet or 'unknown outlet'})"
            for s in f.history
        )
        table.add_row(
            short_id(f.id),
            f.kind,
            shown_as_text(f"{f.object or ''} ({f.scope})" if f.scope else f.object),
            f.status,
            str(outlet_count(f)),
            str(f.independent_sources),
            shown_as_text(history),
        )
    return table


@app.command("facts")
def facts_command(
    story: Annotated[str | None, typer.Option("--story", help="Only this story id.")] = None,
    status: Annotated[
        FactStatusChoice | None,
        typer.Option("--status", case_sensitive=False, help="Only facts with this status."),
    ] = None,
    about: Annotated[
        str | None,
        typer.Option(
            "--about",
            help="A question in plain words ('soldiers killed', 'munitions shipped'): "
            "the facts that fit it, best first.",
        ),
    ] = None,
    store: StoreOption = None,
    limit: LimitOption = 100,
    offset: OffsetOption = 0,
    as_json: JsonOption = False,
) -> None:
    """List facts with their status, independent sources and history."""
    from newsgraph.store import queries as q

    if about is not None:
        from newsgraph.store.factsearch import search_facts

        # rank every fact the question fits, filter, then page: filtering a page already cut
        # to `limit` would hide facts that fit (the JSON API does the same)
        with reported_errors():
            hits = search_facts(_open(store), about, story_id=story, limit=FACT_SEARCH_LIMIT)
        found = [h.fact for h in hits if status is None or h.fact.status == status.value]
        page = q.Page(found[offset : offset + limit], len(found), limit, offset)
    else:
        with reported_errors():
            page = q.list_facts(
                _open(store),
                story_id=story,
                status=status and status.value,
                limit=limit,
                offset=offset,
            )
    if as_json:
        if about is not None:
            # a ranked answer has always printed as a plain list, best first; scripts rely on it
            _print_json([asdict(f) for f in page.items])
        else:
            _print_page(page)
        return
    table = _facts_table(page.items)
    table.caption = page_caption(page, "facts")
    console.print(table)


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help="Words to find (all are required).")],
    story: Annotated[str | None, typer.Option("--story", help="Only this story id.")] = None,
    entity: Annotated[
        str | None, typer.Option("--entity", help="Articles naming this entity id.")
    ] = None,
    kind: Annotated[
        QuantityKindChoice | None,
        typer.Option(
            "--kind", case_sensitive=False, help="Articles with a figure of this kind (any case)."
        ),
    ] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Only this outlet.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="From this ISO date.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Up to this ISO date.")] = None,
    store: StoreOption = None,
    limit: LimitOption = 20,
    offset: OffsetOption = 0,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over article titles and texts, with filters."""
    from newsgraph.store import queries as q
    from newsgraph.store.search import search

    where = q.ArticleFilter(story, entity, kind and kind.value, outlet, since, until)
    with reported_errors():
        page = search(_open(store), query, where, limit=limit, offset=offset)
    if as_json:
        _print_page(page)
        return
    table = Table(
        "article",
        "title",
        "outlet",
        "published",
        "snippet",
        title=f"{page.total} articles",
        caption=page_caption(page, "articles"),
    )
    for h in page.items:
        table.add_row(
            short_id(h.article_id),
            shown_as_text(h.title),
            shown_as_text(h.outlet),
            shown_as_text(h.published),
            shown_as_text(h.snippet),
        )
    console.print(table)


@app.command("entities")
def entities_command(
    entity_type: Annotated[
        EntityTypeChoice | None,
        typer.Option("--type", "-t", case_sensitive=False, help="Only this type (any case)."),
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", help="Only names containing this (any case).")
    ] = None,
    store: StoreOption = None,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    as_json: JsonOption = False,
) -> None:
    """List entities (people, organisations, places...), the most mentioned first."""
    from newsgraph.store import queries as q

    with reported_errors():
        page = q.list_entities(
            _open(store),
            name=name,
            type_=entity_type and entity_type.value,
            limit=limit,
            offset=offset,
        )
    if as_json:
        _print_page(page)
        return
    table = Table(
        "id",
        "name",
        "type",
        "mentions",
        "aliases",
        title=f"{page.total} entities",
        caption=page_caption(page, "entities"),
    )
    for e in page.items:
        table.add_row(
            short_id(e.id),
            shown_as_text(e.name),
            e.type,
            str(e.mentions),
            shown_as_text(" · ".join(a for a in e.aliases if a != e.name)),
        )
    console.print(table)
