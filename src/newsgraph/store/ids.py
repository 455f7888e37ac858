"""Finding a record from what a person types: a unique prefix of its id, or an entity's name.

Listings print ids shortened to fit a terminal; `show` accepts those prefixes as long as they
name one record, and lists the candidates when they name several.
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy import func, select

from newsgraph.errors import AmbiguousId, NotFound
from newsgraph.store.database import Store
from newsgraph.store.schema import articles, entities, stories

Kind = Literal["article", "story", "entity"]
_TABLES = {"article": articles, "story": stories, "entity": entities}
_LISTED_BY = {
    "article": "newsgraph search",
    "story": "newsgraph stories",
    "entity": "newsgraph entities",
}
SHOWN = 8  # candidates named in an ambiguity error


def resolve_id(store: Store, kind: Kind, given: str) -> str:
    """The full id of the one `kind` whose id is `given` or starts with it."""
    table = _TABLES[kind]
    given = given.strip()
    with store.engine.connect() as connection:
        if connection.scalar(select(table.c.id).where(table.c.id == given)) is not None:
            return given
        found = list(
            connection.scalars(
                select(table.c.id)
                .where(table.c.id.startswith(given, autoescape=True))
                .order_by(table.c.id)
                .limit(SHOWN + 1)
            )
        )
    return _one(kind, given, found, found)


def resolve_entity(store: Store, given: str) -> str:
    """The id of the entity `given` names: an id or id prefix, else its name (any case), else
    the one entity whose name contains it."""
    try:
        return resolve_id(store, "entity", given)
    except AmbiguousId:
        raise
    except NotFound:
        pass
    wanted = given.strip().lower()
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(entities.c.id, entities.c.name, entities.c.type)
            .where(func.lower(entities.c.name) == wanted)
            .order_by(entities.c.mentions.desc(), entities.c.id)
            .limit(SHOWN + 1)
        ).all()
        if not rows:
            rows = connection.execute(
                select(entities.c.id, entities.c.name, entities.c.type)
                .where(func.lower(entities.c.name).contains(wanted, autoescape=True))
                .order_by(entities.c.mentions.desc(), entities.c.id)
                .limit(SHOWN + 1)
            ).all()
    return _one(
        "entity", given, [r.id for r in rows], [f"{r.id} ({r.name}, {r.type})" for r in rows]
    )


def _one(kind: Kind, given: str, ids: list[str], labels: list[str]) -> str:
    if len(ids) == 1:
        return ids[0]
    if not ids:
        raise NotFound(f"no {kind} with id {given!r}", hint=f"`{_LISTED_BY[kind]}` lists them")
    more = " and more" if len(ids) > SHOWN else ""
    raise AmbiguousId(
        f"{given!r} could be any of these {kind} ids: {', '.join(labels[:SHOWN])}{more}"
    )
