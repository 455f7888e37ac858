"""The story dossier as an analyst reads it: the answer first, then who says what.

One view model serves the web story page, `newsgraph report` and `newsgraph show story`, so the
three say the same thing. It is built from the store's records only:

- key figures: each figure's latest value per source and its trend, the most followed first;
- contested points: figures and propositions whose independent sources disagree, both sides;
- who says what: claims grouped by proposition, with stance, speaker, date and outlet;
- figures: one row per figure with its scope, one line per source, a chart only when there are
  two or more dated points;
- incidents by name, with their report counts and sources;
- sources as origin trees: the original first, what copies, rewrites or re-reports it below.

Nothing here shows an internal id as text: actors and places are names, speakers are as written.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsgraph.link.facts import fact_rank, is_pronoun
from newsgraph.link.propositions import no_one
from newsgraph.records import Article, Claim, Fact, Incident, Quantity, Rewrite, Statement
from newsgraph.store import Store
from newsgraph.store import queries as q
from newsgraph.views.charts import Timeline, draw_timeline, statement_label
from newsgraph.views.report import anchor, plural, sentence_around

KEY_FIGURES = 6  # how many figures the answer-first summary shows
UNATTRIBUTED = "no source named"


@dataclass(slots=True)
class Said:
    """One statement as shown: who, when, where, the sentence, and the anchor to read it."""

    statement: Statement
    who: str
    sentence: str
    target: str  # the anchor of its quantity or claim in the article page


@dataclass(slots=True)
class SourceLine:
    """One source's statements on a figure, in as_of order, with its latest value and trend."""

    who: str
    said: list[Said]
    trend: str | None  # "up", "down", "steady", or None when the source gave one value

    @property
    def latest(self) -> Said:
        return self.said[-1]


@dataclass(slots=True)
class FigureView:
    fact: Fact
    name: str  # "KILL · North Korean soldiers (in Kursk)"
    lines: list[SourceLine]
    outlets: int
    independent: int
    dated_points: int
    chart: Timeline | None  # only with two or more dated points

    @property
    def headline(self) -> str:
        """'about 300 according to NIS (up from 100); 400 according to Kyiv'."""
        parts = []
        for line in self.lines[:3]:
            latest = line.latest.statement
            value = statement_label(latest)
            if latest.approx and latest.approx != "exact":
                value = f"{latest.approx.replace('_', ' ')} {value}"
            part = f"{value} according to {line.who}"
            if line.trend in ("up", "down") and len(line.said) > 1:
                part += f" ({line.trend} from {statement_label(line.said[-2].statement)})"
            parts.append(part)
        more = len(self.lines) - 3
        return "; ".join(parts) + (f"; {more} more sources" if more > 0 else "")


@dataclass(slots=True)
class PropositionView:
    """Claims of one proposition: who asserts it, who denies it, who changed position."""

    fact: Fact | None  # None for a claim no other page repeats or answers
    title: str
    status: str
    asserting: list[Said] = field(default_factory=list)
    denying: list[Said] = field(default_factory=list)
    superseded: list[Said] = field(default_factory=list)

    @property
    def contested(self) -> bool:
        return self.status == "contested"


@dataclass(slots=True)
class IncidentView:
    incident: Incident
    outlets: list[str]


@dataclass(slots=True)
class OriginTree:
    """An origin group: the original first, each page derived from it with how."""

    origin: Article
    derived: list[tuple[Article, Rewrite]]
    declared: str | None  # the source the original itself names ("Original Source: ...")


@dataclass(slots=True)
class StoryAnswer:
    dossier: q.Dossier
    key_figures: list[FigureView]
    figures: list[FigureView]
    other_figures: list[FigureView]  # OTHER: sizes, distances, counts of no kind
    propositions: list[PropositionView]
    contested_figures: list[FigureView]
    contested_claims: list[PropositionView]
    incidents: list[IncidentView]  # happenings of a named kind: attacks, deployments, captures...
    sources: list[OriginTree]
    # action OTHER, or a statement (confirm, deny, criticize)
    other_incidents: list[IncidentView] = field(default_factory=list)
    # lone claims that state no proposition: a word or two ("it", "the slogan") or a thing
    # named ("the report", "its losses"); counted rather than listed, the claims export keeps them
    fragments: int = 0
    # lone claims of what someone wants, asks or decides ("to send the troops", "the troops to
    # leave"): attributions worth reading, but not statements that can be checked
    intentions: list[PropositionView] = field(default_factory=list)

    @property
    def outlets(self) -> int:
        return len({a.outlet or a.id for a in self.dossier.articles})

    @property
    def fragments_line(self) -> str:
        return fragments_note(self.fragments) if self.fragments else ""


def _who(statement: Statement, names: dict[str, str] | None = None) -> str:
    """The speaker as written; a pronoun with the name stage A resolved it to ("Doug Cooke
    ("he")"); an unattributed figure is the outlet's own."""
    if statement.speaker:
        name = (names or {}).get(statement.source or "")
        if name and is_pronoun(statement.speaker):
            return f"{name} (“{statement.speaker.strip()}”)"
        return statement.speaker
    return f"{statement.outlet} ({UNATTRIBUTED})" if statement.outlet else UNATTRIBUTED


def _target(statement: Statement) -> str:
    if statement.quantity_id:
        return anchor("q", statement.quantity_id)
    return anchor("c", statement.claim_id) if statement.claim_id else ""


class _Sentences:
    """The sentence each statement comes from, looked up in its article's text."""

    def __init__(self, dossier: q.Dossier, names: dict[str, str] | None = None) -> None:
        self.names = names or {}  # speaker entity id -> name
        self.texts = {a.id: a.text for a in dossier.articles}
        self.spans: dict[str, Quantity | Claim] = {x.id: x for x in dossier.quantities}
        self.spans.update({c.id: c for c in dossier.claims})

    def of(self, statement: Statement) -> str:
        record = self.spans.get(statement.quantity_id or statement.claim_id or "")
        text = self.texts.get(statement.article_id)
        if record is None or text is None:
            return statement.content or ""
        return sentence_around(text, record.start, record.end)

    def said(self, statement: Statement) -> Said:
        return Said(statement, self.who(statement), self.of(statement), _target(statement))

    def who(self, statement: Statement) -> str:
        return _who(statement, self.names)


def _source_key(statement: Statement) -> str:
    return (statement.source or statement.speaker or f"article:{statement.article_id}").casefold()


def _trend(values: Sequence[float | None]) -> str | None:
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return None
    if known[-1] > known[-2]:
        return "up"
    return "down" if known[-1] < known[-2] else "steady"


def _level(statement: Statement) -> float | None:
    if statement.value is not None:
        return statement.value
    return statement.high if statement.high is not None else statement.low


def figure_view(fact: Fact, sentences: _Sentences, dates: dict[str, str | None]) -> FigureView:
    by_source: dict[str, list[Statement]] = defaultdict(list)
    for statement in fact.history or fact.statements:
        by_source[_source_key(statement)].append(statement)
    lines = []
    for statements in by_source.values():
        statements.sort(key=lambda s: (s.as_of or "", s.article_id))
        lines.append(
            SourceLine(
                sentences.who(statements[-1]),
                [sentences.said(s) for s in statements],
                _trend([_level(s) for s in statements]),
            )
        )
    lines.sort(key=lambda line: (-len(line.said), line.latest.statement.as_of or "", line.who))
    dated = {
        (s.as_of or "")[:10]
        for s in fact.history or fact.statements
        if s.as_of and _level(s) is not None
    }
    chart = draw_timeline(fact.history, dates) if len(dated) >= 2 else None
    return FigureView(
        fact,
        figure_name(fact),
        lines,
        outlet_count(fact),
        fact.independent_sources,
        len(dated),
        chart,
    )


def figure_name(fact: Fact) -> str:
    """'KILL · North Korean soldiers (in Kursk)': a fact's name as a person reads it."""
    name = f"{fact.kind} · {fact.object or 'unnamed figure'}"
    name = f"{name} ({fact.scope})" if fact.scope else name
    # a figure its thread carried on in other stories: its lines come from all of them
    return f"{name}, across {len(fact.story_ids)} stories" if len(fact.story_ids) > 1 else name


def outlet_count(fact: Fact) -> int:
    """How many outlets report the fact; a page of unknown outlet counts as one of its own."""
    known = set(fact.outlets)
    unknown = {s.article_id for s in fact.statements if not s.outlet}
    return len(known | {s.outlet for s in fact.statements if s.outlet}) + len(unknown)


def proposition_view(fact: Fact, sentences: _Sentences) -> PropositionView:
    view = PropositionView(fact, _shorten(fact.object or ""), fact.status)
    for statement in fact.history or fact.statements:
        said = sentences.said(statement)
        if statement.superseded:
            view.superseded.append(said)
        elif statement.stance == "deny":
            view.denying.append(said)
        else:
            view.asserting.append(said)
    return view


# Incidents the dossier lists as happenings are of a named kind and not statements: a
# confirmation, a denial or a criticism is what someone said, which "Who says what" shows.
NOT_HAPPENINGS = frozenset({"OTHER", "CONFIRM", "DENY", "CRITICIZE"})
_WORD = re.compile(r"[^\W\d_]+")
FRAGMENT_WORDS = 3  # a proposition has a subject and a predicate: "it", "the slogan" do not


def happening(incident: Incident, planned: frozenset[str] = frozenset()) -> bool:
    """Whether an incident is a happening to list by name: of a kind that happens (not a
    confirmation, a denial, a criticism or no kind), done by someone ("No one can prove that
    ... supplied" tells of nothing that happened), and not only what someone wants, asks or
    decides (`planned`: the events of intentions, "vowed to destroy Ukrainian forces")."""
    if incident.action in NOT_HAPPENINGS or no_one(incident.actor):
        return False
    return not incident.event_ids or not set(incident.event_ids) <= planned


def fragments_note(count: int) -> str:
    """The line that stands for the lone claims too short to list."""
    return (
        f"{plural(count, 'attribution')} stating no proposition (a word or two, or a thing "
        "named: \u201cthe report\u201d, \u201cits losses\u201d) not listed; the claims export "
        "has them"
    )


def _shorten(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def origin_trees(found: Sequence[Article], groups: Sequence[q.SourceGroup]) -> list[OriginTree]:
    """Origin groups, the largest first; a page nobody derives from stands alone."""
    trees = [OriginTree(g.origin, list(g.derived), g.origin.original_source) for g in groups]
    trees.sort(key=lambda t: (-len(t.derived), t.origin.published or "", t.origin.id))
    return trees


def story_answer(store: Store, story_id: str) -> StoryAnswer:
    """Everything the story page, the report and `show story` say about one story."""
    dossier = q.story_dossier(store, story_id)
    speakers = [c.speaker_entity_id for c in dossier.claims]
    speakers += [x.speaker_entity_id for x in dossier.quantities]
    sentences = _Sentences(dossier, store.entity_names(e for e in speakers if e))
    dates = {a.id: a.published for a in dossier.articles}
    ranked = sorted(dossier.facts, key=fact_rank)
    figures = [figure_view(f, sentences, dates) for f in ranked if f.kind != "CLAIM"]
    claim_facts = [f for f in ranked if f.kind == "CLAIM"]
    propositions = [proposition_view(f, sentences) for f in claim_facts]
    grouped = {s.claim_id for f in claim_facts for s in f.statements}
    fragments = 0
    intentions: list[PropositionView] = []
    for claim in dossier.claims:
        if claim.id in grouped:
            continue
        if claim.form == "mention" or len(_WORD.findall(claim.content)) < FRAGMENT_WORDS:
            fragments += 1
            continue
        statement = Statement(
            None,
            claim.id,
            None,
            None,
            None,
            None,
            claim.speaker,
            claim.article_id,
            next((a.outlet for a in dossier.articles if a.id == claim.article_id), None),
            dates.get(claim.article_id),
            stance=claim.stance,
            content=claim.content,
            source=claim.speaker_entity_id,
        )
        lone = PropositionView(None, _shorten(claim.content), "single_source")
        (lone.denying if claim.stance == "deny" else lone.asserting).append(
            sentences.said(statement)
        )
        (intentions if claim.form == "intention" else propositions).append(lone)
    main = [f for f in figures if f.fact.kind != "OTHER"]
    outlets_of = {a.id: a.outlet or "unknown outlet" for a in dossier.articles}
    incidents = [
        IncidentView(i, sorted({outlets_of.get(a, "unknown outlet") for a in i.article_ids}))
        for i in store.incidents(story_id=story_id)
    ]
    incidents.sort(key=lambda v: (v.incident.when or "", -v.incident.reports, v.incident.label))
    wanted = {c.id for c in dossier.claims if c.form == "intention"}
    planned = frozenset(e.id for e in dossier.events if e.claim_id in wanted)
    happenings: list[IncidentView] = []
    others: list[IncidentView] = []
    for view in incidents:
        (happenings if happening(view.incident, planned) else others).append(view)
    return StoryAnswer(
        dossier=dossier,
        key_figures=main[:KEY_FIGURES],
        figures=main,
        other_figures=[f for f in figures if f.fact.kind == "OTHER"],
        propositions=propositions,
        contested_figures=[f for f in main if f.fact.status == "contested"],
        contested_claims=[p for p in propositions if p.contested],
        incidents=happenings,
        sources=origin_trees(dossier.articles, dossier.sources),
        other_incidents=others,
        fragments=fragments,
        intentions=intentions,
    )
