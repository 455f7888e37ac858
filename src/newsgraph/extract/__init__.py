"""Stage A extraction: entity mentions, claims, quantities and events of one parsed article.

`extract(doc, article)` is pure: it reads the spaCy parse of `article.text` (the caller batches
with `nlp.pipe`) and returns records whose offsets point into `article.text`.

The extractors are imported when `extract` first runs, not with this package: stage B reads the
package's tables (`newsgraph.extract.gazetteer`) in a process that never parses, and importing
spaCy there cost it seconds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.records import (
    AnalyzedArticle,
    Article,
    Claim,
    Event,
    Quantity,
    child_id,
    entity_id,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsgraph.extract.asof import TimeMention
    from newsgraph.extract.claims import Attribution
    from newsgraph.extract.entities import EntityIndex
    from newsgraph.extract.figure_sources import FigureSource
    from newsgraph.extract.speakers import SpeakerResolver

__all__ = ["extract"]


def extract(doc: Doc, article: Article) -> AnalyzedArticle:
    """Mentions, claims, quantities and events of `article`, whose parse is `doc`."""
    from newsgraph.extract.asof import find_times
    from newsgraph.extract.claims import find_attributions, resolve_speakers
    from newsgraph.extract.docindex import seed_text
    from newsgraph.extract.entities import find_mentions

    seed_text(doc, article.text)
    entities = find_mentions(doc, article.id)
    attributions = find_attributions(doc)
    resolver = resolve_speakers(doc, attributions, entities)
    claims = _claims(article.id, doc, attributions)
    ids = {id(a): c.id for a, c in zip(attributions, claims, strict=True)}
    times = find_times(doc, article.published)
    quantities = _quantities(doc, article, attributions, ids, times, entities, resolver)
    events = _events(doc, article.id, entities, attributions, ids, times)
    return AnalyzedArticle(article, entities.mentions, claims, quantities, events)


def _claims(article_id: str, doc: Doc, attributions: list[Attribution]) -> list[Claim]:
    from newsgraph.extract.claim_form import content_form
    from newsgraph.extract.docindex import text_of

    out: list[Claim] = []
    for index, item in enumerate(attributions):
        starts = [item.content_start]
        ends = [item.content_end]
        cue = doc[item.cue_i]
        starts.append(cue.idx)
        ends.append(cue.idx + len(cue.text))
        if item.speaker_span is not None:
            starts.append(doc[item.speaker_span[0]].idx)
            last = doc[item.speaker_span[1] - 1]
            ends.append(last.idx + len(last.text))
        out.append(
            Claim(
                id=child_id(article_id, "c", index),
                article_id=article_id,
                start=min(starts),
                end=max(ends),
                speaker=item.speaker,
                speaker_entity_id=item.entity_id,
                cue=item.cue,
                stance=item.stance,  # type: ignore[arg-type]
                direct=item.direct,
                content=text_of(doc)[item.content_start : item.content_end],
                content_start=item.content_start,
                content_end=item.content_end,
                via=item.via,
                form=content_form(doc, item.content_start, item.content_end, item.cue),
            )
        )
    return out


def _enclosing(attributions: list[Attribution], start: int, end: int) -> Attribution | None:
    best: Attribution | None = None
    for item in attributions:
        if (
            item.content_start <= start
            and end <= item.content_end
            and (
                best is None
                or item.content_end - item.content_start < best.content_end - best.content_start
            )
        ):
            best = item
    return best


def _same_sentence(doc: Doc, attributions: list[Attribution], token_i: int) -> Attribution | None:
    """The claim reported in the same sentence as a figure outside any claim's content
    ("..., the government said on Monday, with 3,900 people injured")."""
    from newsgraph.extract.docindex import sentence_of

    sent = sentence_of(doc[token_i])
    inside = [
        a
        for a in attributions
        if sent.start <= a.cue_i < sent.end
        and a.speaker
        and a.speaker_span is not None
        and not a.speaker_span[0] <= token_i < max(a.speaker_span[1], a.cue_i)
        and not _conceded(doc[a.cue_i])
    ]
    if not inside:
        return None
    return min(inside, key=lambda a: abs(a.cue_i - token_i))


CONTRAST_MARKS = frozenset({"though", "although", "but", "while", "whereas", "yet"})


def _conceded(cue: Token) -> bool:
    """A reporting clause set against the rest of its sentence ("Three cases were found,
    though officials say the risk is low"): its speaker is not the source of the figures
    outside its content."""
    return any(c.dep_ in ("mark", "cc") and c.lower_ in CONTRAST_MARKS for c in cue.children) or (
        cue.i > 0 and cue.doc[cue.i - 1].lower_ in CONTRAST_MARKS
    )


def _quantities(
    doc: Doc,
    article: Article,
    attributions: list[Attribution],
    ids: dict[int, str],
    times: list[TimeMention],
    entities: EntityIndex,
    resolver: SpeakerResolver | None = None,
) -> list[Quantity]:
    from newsgraph.extract.asof import claim_time, date_figure, source_keys
    from newsgraph.extract.docindex import text_of
    from newsgraph.extract.figure_sources import figure_source
    from newsgraph.extract.quantities import classify, find_numbers, is_duration_or_group

    phrases = find_numbers(doc)
    classify(doc, phrases)
    # The date of each speaker's latest dated claim, for undated follow-up statements.
    claim_dates: dict[int, str] = {}
    # A stance towards an object ("voters back Lane") reports nothing the figures could
    # come from or be dated by.
    attributions = [a for a in attributions if not a.attitude]
    for item in attributions:
        span = doc.char_span(item.content_start, item.content_end, alignment_mode="expand")
        root = span.root.i if span is not None else None
        for t in times:
            if root is not None and t.attach_i == root and not t.possessive:
                claim_dates[id(item)] = t.resolved
        if (told := claim_time(item, times)) is not None:
            claim_dates[id(item)] = told
    out: list[Quantity] = []
    # A figure inside an intention ("offered to hand over the two prisoners") is the
    # article's own statement, not something the one who intends reports.
    reports = [a for a in attributions if not a.intention]
    ordered = sorted(phrases, key=lambda p: p.start_i)
    for phrase in ordered:
        if is_duration_or_group(doc, phrase):
            continue
        start, end = phrase.start_char, phrase.end_char
        claim = _enclosing(reports, start, end) or _same_sentence(doc, reports, phrase.root_i)
        earlier: dict[str, str] = {}
        for item in sorted(attributions, key=lambda a: a.cue_i):
            if id(item) in claim_dates and item.cue_i < phrase.start_i and item is not claim:
                for key in source_keys(item):
                    earlier[key] = claim_dates[id(item)]
        others = [p.start_i for p in ordered if p is not phrase]
        as_of = date_figure(doc, phrase, claim, times, article.published, earlier, others)
        speaker = claim.origin_name if claim is not None else None
        speaker_entity = claim.origin_entity_id if claim is not None else None
        # the figure's own phrase or sentence may name its source better than its claim does
        if (source := figure_source(doc, phrase, claim, resolver)) is not None:
            speaker, speaker_entity = source.speaker, _entity_in(entities, source)
        obj = None
        if phrase.object_span is not None:
            s, e = phrase.object_span
            if e > s:
                obj = doc[s:e].text
        out.append(
            Quantity(
                id=child_id(article.id, "q", len(out)),
                article_id=article.id,
                start=start,
                end=end,
                value=phrase.value,
                low=phrase.low,
                high=phrase.high,
                approx=phrase.approx,  # type: ignore[arg-type]
                kind=phrase.kind,  # type: ignore[arg-type]
                object=obj,
                unit=phrase.unit,
                change=phrase.change,  # type: ignore[arg-type]
                speaker=speaker,
                speaker_entity_id=speaker_entity,
                as_of=as_of,
                claim_id=ids[id(claim)] if claim is not None else None,
                text=text_of(doc)[start:end],
            )
        )
    return out


def _entity_in(entities: EntityIndex, source: FigureSource) -> str | None:
    """The entity a figure's source names: a mention among its tokens, else the gazetteer's
    reading of the name ("the spy agency of South Korea")."""
    if source.speaker is None:
        return None
    if source.entity_id is not None:
        return source.entity_id
    for i in range(source.start_i, source.end_i):
        if (mention := entities.at(i)) is not None:
            return mention.entity_id
    from newsgraph.extract.entities import lookup_name

    known = lookup_name(source.speaker)
    return entity_id(*known) if known is not None else None


def _events(
    doc: Doc,
    article_id: str,
    entities: EntityIndex,
    attributions: list[Attribution],
    ids: dict[int, str],
    times: list[TimeMention],
) -> list[Event]:
    from newsgraph.extract.events import find_frames

    out: list[Event] = []
    reports = [a for a in attributions if not a.attitude]  # a stance reports no event
    for frame in find_frames(doc, entities):
        verb = doc[frame.verb_i]
        claim = _enclosing(reports, verb.idx, verb.idx + len(verb.text))
        when = None
        if frame.when_i is not None:
            for t in times:
                if t.start_i <= frame.when_i < t.end_i:
                    when = t.resolved
        out.append(
            Event(
                id=child_id(article_id, "v", len(out)),
                article_id=article_id,
                start=frame.start,
                end=frame.end,
                actor=frame.actor,
                action=frame.action,  # type: ignore[arg-type]
                target=frame.target,
                place=frame.place,
                when=when,
                claim_id=ids[id(claim)] if claim is not None else None,
            )
        )
    return out
