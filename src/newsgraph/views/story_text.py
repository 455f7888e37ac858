"""The answer-first dossier as plain lines, for `newsgraph show story` and other terminals.

Sections and their order match the story page: the answer (key figures, contested points),
who says what, figures with one line per source, incidents, sources by origin. The lines hold
scraped text as it is; whoever prints them escapes it for their medium.
"""

from __future__ import annotations

from newsgraph.store.queries import article_title as title_of
from newsgraph.views.charts import shown_when, statement_label
from newsgraph.views.dossier import FigureView, Said, StoryAnswer
from newsgraph.views.report import plural, reported

MAX_PROPOSITIONS = 30


def _said(s: Said) -> str:
    stance = s.statement.stance or statement_label(s.statement)
    when = shown_when(s.statement.as_of)
    return f"{stance}: {s.who} · {when} · {s.statement.outlet or 'unknown outlet'}"


def _sources(figure: FigureView) -> list[str]:
    lines = []
    for line in figure.lines:
        values = " → ".join(
            f"{statement_label(s.statement)} ({shown_when(s.statement.as_of)})" for s in line.said
        )
        trend = {"up": " ↑", "down": " ↓"}.get(line.trend or "", "")
        lines.append(f"      {line.who}: {values}{trend}")
    return lines


def _status(status: str) -> str:
    return status.replace("_", " ")


def _reach(figure: FigureView) -> str:
    """How far a figure went: "2 outlets · 1 independent source"."""
    return (
        f"{plural(figure.outlets, 'outlet')} · {plural(figure.independent, 'independent source')}"
    )


def story_lines(answer: StoryAnswer) -> list[tuple[str, str]]:
    """(style, text) pairs: style is "title", "heading", "item" or "detail"."""
    d = answer.dossier
    out: list[tuple[str, str]] = [
        ("title", d.story.label),
        (
            "detail",
            f"{plural(d.summary.article_count, 'article')} · {plural(answer.outlets, 'outlet')} · "
            f"{d.story.first_seen or '?'} → {d.story.last_seen or '?'}",
        ),
        ("heading", "THE ANSWER"),
    ]
    for figure in answer.key_figures:
        out.append(("item", f"{figure.name} [{_status(figure.fact.status)}]"))
        out.append(("detail", f"    {figure.headline}"))
        out.append(("detail", f"    {_reach(figure)}"))
    if not answer.key_figures:
        out.append(("detail", "    no figures reported yet"))
    out.append(("heading", "CONTESTED"))
    for p in answer.contested_claims:
        out.append(("item", p.title))
        out.extend(("detail", f"    {_said(s)}") for s in p.asserting + p.denying)
    for figure in answer.contested_figures:
        out.append(("item", figure.name))
        out.extend(
            ("detail", f"    {statement_label(line.latest.statement)}: {_said(line.latest)}")
            for line in figure.lines
        )
    if not answer.contested_claims and not answer.contested_figures:
        out.append(("detail", "    nothing contested between independent sources"))
    out.append(("heading", "WHO SAYS WHAT"))
    for p in answer.propositions[:MAX_PROPOSITIONS]:
        status = f" [{_status(p.status)}]" if p.fact else ""
        out.append(("item", f"{p.title}{status}"))
        out.extend(("detail", f"    {_said(s)}") for s in p.asserting + p.denying)
        out.extend(("detail", f"    earlier, {_said(s)}") for s in p.superseded)
    more = len(answer.propositions) - MAX_PROPOSITIONS
    if more > 0:
        out.append(("detail", f"    … {plural(more, 'more proposition')}"))
    if answer.fragments:
        out.append(("detail", f"    {answer.fragments_line}"))
    if answer.intentions:
        out.append(("heading", "WHAT THEY WANT, ASK OR DECIDE"))
        for p in answer.intentions[:MAX_PROPOSITIONS]:
            out.append(("item", p.title))
            out.extend(("detail", f"    {_said(s)}") for s in p.asserting + p.denying)
    out.append(("heading", "FIGURES"))
    for figure in answer.figures + answer.other_figures:
        out.append(("item", f"{figure.name} [{_status(figure.fact.status)}] · {_reach(figure)}"))
        out.extend(("detail", line) for line in _sources(figure))
    out.append(("heading", "INCIDENTS"))
    for view in answer.incidents:
        i = view.incident
        out.append(
            (
                "item",
                f"{shown_when(i.when)}  {i.label} · {reported(i)} · "
                f"{plural(i.independent_sources, 'independent source')}",
            )
        )
    if not answer.incidents:
        out.append(("detail", "    none"))
    out.append(("heading", "SOURCES BY ORIGIN"))
    for tree in answer.sources:
        declared = f" · names its source: {tree.declared}" if tree.declared else ""
        out.append(
            (
                "item",
                f"{title_of(tree.origin)} · {tree.origin.outlet or 'unknown outlet'} · "
                f"{tree.origin.published or 'undated'}{declared}",
            )
        )
        out.extend(
            (
                "detail",
                f"    └ {r.kind}: {title_of(a)} · {a.outlet or 'unknown outlet'} · "
                f"{a.published or 'undated'}",
            )
            for a, r in tree.derived
        )
    return out
