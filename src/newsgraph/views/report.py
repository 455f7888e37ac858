"""The HTML dossier: one self-contained file (no CDN, works offline) an analyst can read and share.

Every figure and claim links to its sentence, highlighted in the article's clean text. Scraped
text is hostile: Jinja2 autoescapes everything, and only http(s) URLs become links.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

from newsgraph import __version__
from newsgraph.errors import NotFound
from newsgraph.link.facts import fact_rank
from newsgraph.records import Article, Claim, Entity, Fact, Incident, Quantity, Rewrite, Story
from newsgraph.store import Store
from newsgraph.store.queries import article_title
from newsgraph.views.charts import shown_when, statement_label


@dataclass(slots=True)
class Segment:
    """A run of article text covered by the same highlights; `anchors` start here."""

    text: str
    classes: list[str]
    anchors: list[str]


@dataclass(slots=True)
class ArticleView:
    article: Article
    segments: list[Segment]
    claims: list[Claim]
    quantities: list[Quantity]
    rewrites: list[Rewrite] = field(default_factory=list)


def plural(count: int, noun: str) -> str:
    """`count` and `noun` as English reads them: "1 article", "2 articles", "3 stories".

    One helper for every count a person reads (the web pages, the dossier), so none says
    "1 articles". Nouns ending in a consonant and y take -ies; the rest take -s.
    """
    if count == 1:
        return f"1 {noun}"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return f"{count:,} {noun[:-1]}ies"
    return f"{count:,} {noun}s"


def reported(incident: Incident) -> str:
    """How often an incident is reported, as a reader counts it: by the pages that report it.
    `reports` counts the events merged, and one page can tell one happening three times; a
    reader who sees "3 reports" from one outlet takes it for three pages, so that case reads
    "3 mentions in 1 report"."""
    pages = len(set(incident.article_ids)) or incident.reports
    if incident.reports > pages:
        return f"{plural(incident.reports, 'mention')} in {plural(pages, 'report')}"
    return plural(pages, "report")


def anchor(kind: str, record_id: str) -> str:
    return f"{kind}-{record_id}"


def segment(text: str, spans: list[tuple[int, int, str, str]]) -> list[Segment]:
    """Cut `text` at every span boundary; each piece lists the highlight classes covering it.

    Spans are (start, end, css class, anchor id). Overlapping spans are fine: the cut is flat.
    """
    spans = [(max(0, s), min(len(text), e), c, a) for s, e, c, a in spans if 0 <= s < e]
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    starts: dict[int, list[str]] = defaultdict(list)
    for s, _, _, a in spans:
        starts[s].append(a)
    pieces = []
    for left, right in pairwise(cuts):
        classes = sorted({c for s, e, c, _ in spans if s <= left and right <= e})
        pieces.append(Segment(text[left:right], classes, starts.pop(left, [])))
    return pieces


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) that holds text[start:end], for context in the tables."""
    stop, newline = text.rfind(". ", 0, start), text.rfind("\n", 0, start)
    left = max(stop + 2 if stop != -1 else 0, newline + 1)
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(stops) + 1 if stops else len(text)
    return text[left:right].strip()


def safe_url(url: str | None) -> str | None:
    """Only http(s) addresses become links; `javascript:` and the like are shown as text."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def build_report(store: Store, *, story_id: str | None = None) -> str:
    """Render the dossier for the whole store, or for one story, as an HTML string."""
    stories = store.stories()
    if story_id is not None:
        stories = [s for s in stories if s.id == story_id]
        if not stories:
            raise NotFound(f"no story with id {story_id!r}", hint="`newsgraph stories` lists them")
        articles = store.articles(story_id=story_id)
    else:
        articles = store.articles()
    ids = [a.id for a in articles]
    claims = store.claims(article_ids=ids)
    quantities = store.quantities(article_ids=ids)
    mentions = store.mentions_of(ids)
    entity_ids = {m.entity_id for m in mentions}
    entities: list[Entity] = [e for e in store.entities() if e.id in entity_ids]
    rewrites = [r for r in store.rewrites() if r.article_id in set(ids)]
    facts: list[Fact] = sorted(
        (f for s in stories for f in store.facts(story_id=s.id)), key=fact_rank
    )

    by_article_claims: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_article_claims[c.article_id].append(c)
    by_article_quantities: dict[str, list[Quantity]] = defaultdict(list)
    for q in quantities:
        by_article_quantities[q.article_id].append(q)
    by_article_mentions = defaultdict(list)
    for m in mentions:
        by_article_mentions[m.article_id].append(m)
    by_article_rewrites: dict[str, list[Rewrite]] = defaultdict(list)
    for r in rewrites:
        by_article_rewrites[r.article_id].append(r)

    views = []
    for a in articles:
        spans = [
            (m.start, m.end, "ent", anchor("m", f"{a.id[:16]}-{m.start}"))
            for m in by_article_mentions[a.id]
        ]
        spans += [(c.start, c.end, "claim", anchor("c", c.id)) for c in by_article_claims[a.id]]
        spans += [(q.start, q.end, "qty", anchor("q", q.id)) for q in by_article_quantities[a.id]]
        views.append(
            ArticleView(
                a,
                segment(a.text, spans),
                by_article_claims[a.id],
                by_article_quantities[a.id],
                by_article_rewrites[a.id],
            )
        )
    from jinja2 import Environment, PackageLoader, select_autoescape  # only to write a report

    titles = {a.id: article_title(a) for a in articles}
    env = Environment(
        loader=PackageLoader("newsgraph.views", "templates"),
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
        plural=plural,
        reported=reported,
        title_of=article_title,
    )
    from newsgraph.views.dossier import story_answer  # it builds on this module's helpers

    answers = {s.id: story_answer(store, s.id) for s in stories}
    template = env.get_template("report.html")
    return template.render(
        version=__version__,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        scope=stories[0].label if story_id is not None and stories else "all stories",
        stories=stories,
        answers=answers,
        facts=facts,
        spans={
            **{q.id: (q.start, q.end) for q in quantities},
            **{c.id: (c.start, c.end) for c in claims},
        },
        views=views,
        entities=entities,
        claims=claims,
        quantities=quantities,
        texts={a.id: a.text for a in articles},
        titles=titles,
        counts={
            "articles": len(articles),
            "claims": len(claims),
            "quantities": len(quantities),
            "entities": len(entities),
            "stories": len(stories),
            "facts": len(facts),
        },
    )


def write_report(store: Store, path: Path, *, story_id: str | None = None) -> Path:
    """Write the dossier to `path` and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(build_report(store, story_id=story_id), encoding="utf-8")
    return path


__all__ = ["Story", "build_report", "segment", "sentence_around", "write_report"]
