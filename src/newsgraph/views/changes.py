"""What changed, as lines a person reads and as an Atom feed a reader polls.

Both come from `newsgraph.store.changes.Changes`; each line names the figure, the source and
the values, and links to the article it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree import ElementTree as ET

from newsgraph.records import Statement
from newsgraph.store.changes import Changes
from newsgraph.views.charts import statement_label
from newsgraph.views.dossier import figure_name
from newsgraph.views.report import reported

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(slots=True)
class ChangeLine:
    """One change: its kind ("new figure", "revised", ...), a readable line, its article."""

    kind: str
    text: str
    article_id: str | None
    key: str  # stable within a feed: the same change gets the same entry id


def _said(statement: Statement, *, who: bool = True) -> str:
    speaker = statement.speaker or "no source named"
    when = f", {statement.as_of}" if statement.as_of else ""
    where = f" ({statement.outlet})" if statement.outlet else ""
    if statement.claim_id and statement.value is None and statement.low is None:
        return f"{speaker} {statement.stance or 'says'}{when}{where}"
    said = statement_label(statement)
    return f"{said} according to {speaker}{when}{where}" if who else f"{said}{when}{where}"


def change_lines(changes: Changes, *, every_incident: bool = False) -> list[ChangeLine]:
    """Every change, most telling first: revisions, contests, new figures, sources, incidents.

    An incident only one report tells is an event of that report, and a store holds thousands:
    unless `every_incident`, they are counted in one closing line, after the incidents that
    several reports tell."""
    lines: list[ChangeLine] = []
    for revision in changes.revisions:
        before, after = revision.before, revision.after
        lines.append(
            ChangeLine(
                "revised",
                f"{figure_name(revision.fact)}: {revision.source} revised "
                f"{statement_label(before)} ({before.as_of or 'undated'}) → "
                f"{statement_label(after)} ({after.as_of or 'undated'})",
                after.article_id,
                f"revised/{revision.fact.id}/{revision.source}/{after.article_id}",
            )
        )
    for fact in changes.contested:
        sides = "; ".join(_said(s) for s in fact.statements[:4])
        lines.append(
            ChangeLine(
                "contested",
                f"{figure_name(fact)} is contested: {sides}",
                fact.statements[-1].article_id if fact.statements else None,
                f"contested/{fact.id}",
            )
        )
    for fact in changes.new_facts:
        first = fact.statements[0] if fact.statements else None
        said = f": {_said(first)}" if first else ""
        lines.append(
            ChangeLine(
                "new figure" if fact.kind != "CLAIM" else "new claim",
                f"{figure_name(fact)}{said}",
                first.article_id if first else None,
                f"new/{fact.id}",
            )
        )
    for added in changes.new_sources:
        lines.append(
            ChangeLine(
                "new source",
                f"{figure_name(added.fact)}: new source {added.source} reports "
                f"{_said(added.statement, who=False)}",
                added.statement.article_id,
                f"source/{added.fact.id}/{added.source}",
            )
        )
    told_once = 0
    for incident in changes.incidents:
        if len(set(incident.article_ids)) < 2 and not every_incident:
            told_once += 1
            continue
        lines.append(
            ChangeLine(
                "incident",
                f"{incident.label} ({reported(incident)}, {incident.independent_sources} independent)",
                incident.article_ids[0] if incident.article_ids else None,
                f"incident/{incident.id}",
            )
        )
    if told_once:
        lines.append(
            ChangeLine(
                "incidents",
                f"{told_once:,} more {'incident' if told_once == 1 else 'incidents'}, "
                "each told by one report (`newsgraph changes --all` or --json lists them)",
                None,
                f"incidents/told-once/{told_once}",
            )
        )
    return lines


def changes_feed(
    changes: Changes, *, title: str, base_url: str, updated: str, feed_path: str
) -> bytes:
    """An Atom feed of the changes; every text is escaped by the XML writer."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"{title}: changes since {changes.since}"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"{base_url}{feed_path}"
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = updated
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{base_url}{feed_path}")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "newsgraph"
    for line in change_lines(changes):
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{line.kind}: {line.text}"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"{base_url}{feed_path}#{line.key}"
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = updated
        if line.article_id:
            ET.SubElement(entry, f"{{{ATOM}}}link", href=f"{base_url}/articles/{line.article_id}")
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = line.text
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
