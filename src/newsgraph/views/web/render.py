"""Template rendering for the web UI: one autoescaping Jinja2 environment, loaded once."""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from jinja2 import Environment, PackageLoader, select_autoescape

from newsgraph import __version__
from newsgraph.store.queries import article_title
from newsgraph.views.charts import shown_when, statement_label
from newsgraph.views.report import anchor, plural, reported, safe_url, sentence_around


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """`?a=1&b=2` from the current filters with some changed; empty values are left out."""
    merged = {**params, **changes}
    kept = {
        k: v for k, v in merged.items() if v not in (None, "") and not (k == "offset" and not v)
    }
    return "?" + urlencode(kept) if kept else "?"


def figure(value: float | None) -> str:
    """A number as a person reads it: 10,000 rather than 10000.0."""
    if value is None:
        return "—"
    return f"{value:,.0f}" if value == round(value) else f"{value:,.2f}"


@cache
def environment() -> Environment:
    """Autoescape on for every template and every string: scraped text is hostile."""
    env = Environment(
        loader=PackageLoader("newsgraph.views.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        shown_when=shown_when,
        anchor=anchor,
        safe_url=safe_url,
        sentence_around=sentence_around,
        statement_label=statement_label,
        query_string=query_string,
        title_of=article_title,
        plural=plural,
        reported=reported,
        version=__version__,
    )
    env.filters["figure"] = figure
    return env


def render(request: Request, name: str, context: dict[str, Any]) -> str:
    return environment().get_template(name).render(request=request, **context)
