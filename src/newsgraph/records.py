"""The records of SPEC.md, defined once.

Slotted dataclasses travel through the pipeline; pydantic appears only at the edges (config,
API, export validation). Field names follow SPEC.md exactly; extra fields are additions, never
renames. Offsets `start`/`end` are character offsets into the article's clean `text`, end
exclusive.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

BoilerplateKind = Literal[
    "promo", "teaser", "bio", "comment_prompt", "caption", "navigation", "other"
]
EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "OTHER"]
Stance = Literal["assert", "hedge", "deny"]
# What a claim's content is: a proposition one can check ("the mission was a success"), an
# intention, wish or demand ("to send the troops", "North Korean troops to leave"), or a mere
# mention of a thing ("the report", "its losses") that states nothing.
ClaimForm = Literal["statement", "intention", "mention"]
Approx = Literal["exact", "about", "at_least", "at_most"]
QuantityKind = Literal["KILL", "WOUND", "CASUALTY", "DEPLOY", "CAPTURE", "SUPPLY", "MONEY", "OTHER"]
Action = Literal[
    "DEPLOY",
    "ATTACK",
    "KILL",
    "CAPTURE",
    "MEET",
    "AGREE",
    "SUPPLY",
    "CONFIRM",
    "DENY",
    "CRITICIZE",
    "WITHDRAW",
    "RETAKE",
    "OTHER",
]
RewriteKind = Literal["copy", "rewrite", "rereport", "declared"]
Change = Literal["up", "down"]
FactStatus = Literal["corroborated", "single_source", "contested", "superseded"]
MediaType = Literal["html", "text", "clean"]

BOILERPLATE_KINDS: tuple[str, ...] = (
    "promo",
    "teaser",
    "bio",
    "comment_prompt",
    "caption",
    "navigation",
    "other",
)
ENTITY_TYPES: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "OTHER")


def to_dict(record: Any) -> dict[str, Any]:
    """A record as a plain dict (nested records too), ready for JSON."""
    return asdict(record)


@dataclass(slots=True)
class Document:
    """Raw input before cleaning: one page, keyed by the SHA-256 of its content."""

    id: str
    source_id: str
    content: str
    media_type: MediaType
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None


@dataclass(slots=True)
class Boilerplate:
    """A piece of page furniture removed from the text, kept so the removal can be audited."""

    kind: BoilerplateKind
    text: str


@dataclass(slots=True)
class Cleaned:
    """What a cleaner gives back: the body text and the metadata found around it."""

    text: str
    title: str | None = None
    byline: str | None = None
    photo_credit: str | None = None
    published: str | None = None
    published_source: Literal["metadata", "text", "input"] | None = None
    original_source: str | None = None
    url: str | None = None
    boilerplate: list[Boilerplate] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    id: str
    source_id: str
    url: str | None
    outlet: str | None
    title: str | None
    byline: str | None
    photo_credit: str | None
    published: str | None
    published_source: Literal["metadata", "text", "input"] | None
    language: str | None
    text: str
    original_source: str | None
    boilerplate: list[Boilerplate] = field(default_factory=list)
    story_id: str | None = None
    analysed: bool = (
        True  # False when the language is not the pipeline's (no English NER on Arabic)
    )

    @classmethod
    def bare(cls, id: str, text: str, **metadata: Any) -> Article:
        """An English article known by its text alone (a benchmark passage, a test snippet):
        no address, outlet or byline unless `metadata` gives them."""
        fields: dict[str, Any] = {
            "source_id": id,
            "url": None,
            "outlet": None,
            "title": None,
            "byline": None,
            "photo_credit": None,
            "published": None,
            "published_source": "input",
            "language": "en",
            "original_source": None,
        }
        fields.update(metadata)
        return cls(id=id, text=text, **fields)


@dataclass(slots=True)
class ArticleRef:
    """An article's identity and provenance without its text, for corpus-wide linking."""

    id: str
    outlet: str | None
    published: str | None


@dataclass(slots=True)
class Mention:
    """One occurrence of an entity in an article; the store resolves it to an Entity."""

    article_id: str
    start: int
    end: int
    text: str
    name: str  # canonical name within the article ("North Korea" for "North Korea's")
    type: EntityType
    entity_id: str | None = None


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0


@dataclass(slots=True)
class Claim:
    id: str
    article_id: str
    start: int
    end: int
    speaker: str | None
    speaker_entity_id: str | None
    cue: str
    stance: Stance
    direct: bool
    content: str
    content_start: int | None = None
    content_end: int | None = None
    via: str | None = None  # the upstream source in nested attribution ("citing the spy agency")
    form: ClaimForm | None = None  # null in stores written before it was extracted


@dataclass(slots=True)
class Quantity:
    id: str
    article_id: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    approx: Approx
    kind: QuantityKind
    object: str | None
    unit: str | None
    speaker: str | None
    speaker_entity_id: str | None
    as_of: str | None
    claim_id: str | None
    text: str = ""  # the number phrase as written, qualifier included ("about 1,500")
    change: Change | None = None  # the number is the size of a rise or a fall ("rose 0.3%")


@dataclass(slots=True)
class Event:
    id: str
    article_id: str
    start: int
    end: int
    actor: str | None
    action: Action
    target: str | None
    place: str | None
    when: str | None
    claim_id: str | None
    incident_id: str | None = None  # the incident it reports, set by linking


@dataclass(slots=True)
class AnalyzedArticle:
    """Stage A's output for one document: everything derived without looking at the corpus."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


@dataclass(slots=True)
class Story:
    id: str
    label: str
    article_ids: list[str]
    first_seen: str | None
    last_seen: str | None
    parent_id: str | None = None  # the storyline this thread belongs to, when there is one


@dataclass(slots=True)
class Incident:
    """One real-world happening, however many reports (events) describe it."""

    id: str
    story_id: str | None
    action: Action
    label: str
    actor: str | None
    target: str | None
    place: str | None
    when: str | None
    event_ids: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    reports: int = 0
    independent_sources: int = 0


@dataclass(slots=True)
class Rewrite:
    article_id: str
    source_article_id: str
    kind: RewriteKind
    similarity: float


@dataclass(slots=True)
class Statement:
    quantity_id: str | None
    claim_id: str | None
    value: float | None
    low: float | None
    high: float | None
    approx: Approx | None
    speaker: str | None
    article_id: str
    outlet: str | None
    as_of: str | None
    stance: Stance | None = None  # for a claim's statement
    content: str | None = None  # for a claim's statement: the proposition as reported
    source: str | None = None  # the primary source it counts for (speaker entity or origin group)
    superseded: bool = False  # a later statement from the same source replaced it
    story_id: str | None = None  # the story of its article, for a fact whose series spans stories


@dataclass(slots=True)
class Fact:
    id: str
    story_id: str | None
    kind: str
    object: str | None
    statements: list[Statement]
    independent_sources: int
    status: FactStatus
    history: list[Statement]
    scope: str | None = None  # what bounds a figure beyond its object: "in China, 2009–2018"
    outlets: list[str] = field(default_factory=list)  # distinct outlets that carry it
    # a figure's identity across stories (kind, counted object, scope, unit), for a figure a
    # thread can carry on in another story; null for claims and figures of no named kind
    series_id: str | None = None
    story_ids: list[str] = field(default_factory=list)  # every story whose statements it holds


def entity_id(name: str, type_: str) -> str:
    """The stable id of a canonical entity: the same name and type give the same id anywhere."""
    import hashlib

    key = f"{type_}|{' '.join(name.casefold().split())}"
    return "e" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:15]


def child_id(article_id: str, prefix: str, index: int) -> str:
    """Id of the index-th record of one kind in an article: 'c' claims, 'q' quantities, 'v' events."""
    return f"{article_id[:16]}-{prefix}{index}"
