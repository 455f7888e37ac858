"""The JSON API's response models: SPEC.md's records with SPEC.md's field names, plus pages.

Pydantic lives here, at the edge; the library hands over its slotted dataclasses and these
models read them by attribute.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, computed_field

from newsgraph.store.queries import display_title

T = TypeVar("T")


class Record(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class BoilerplateOut(Record):
    kind: str
    text: str


class ArticleOut(Record):
    id: str
    source_id: str
    url: str | None
    outlet: str | None
    title: str | None
    byline: str | None
    photo_credit: str | None
    published: str | None
    published_source: str | None
    language: str | None
    text: str
    original_source: str | None
    boilerplate: list[BoilerplateOut]
    story_id: str | None
    analysed: bool = True

    @computed_field  # type: ignore[prop-decorator]
    @property
    def display_title(self) -> str:
        """`title`, else the first line of `text` (never a path or id): what a list shows."""
        return display_title(self.title, self.text)


class EntityOut(Record):
    id: str
    name: str
    type: str
    aliases: list[str]
    mentions: int


class ClaimOut(Record):
    id: str
    article_id: str
    start: int
    end: int
    speaker: str | None
    speaker_entity_id: str | None
    cue: str
    stance: str
    direct: bool
    content: str
    content_start: int | None = None
    content_end: int | None = None
    via: str | None = None
    form: str | None = None  # statement | intention | mention (null: stored before it existed)


class QuantityOut(Record):
    id: str
    article_id: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    approx: str
    kind: str
    object: str | None
    unit: str | None
    speaker: str | None
    speaker_entity_id: str | None
    as_of: str | None
    claim_id: str | None
    text: str = ""
    change: str | None = None


class EventOut(Record):
    id: str
    article_id: str
    start: int
    end: int
    actor: str | None
    action: str
    target: str | None
    place: str | None
    when: str | None
    claim_id: str | None
    incident_id: str | None = None


class StoryOut(Record):
    id: str
    label: str
    article_ids: list[str]
    first_seen: str | None
    last_seen: str | None
    parent_id: str | None = None
    article_count: int = 0
    source_count: int = 0


class RewriteOut(Record):
    article_id: str
    source_article_id: str
    kind: str
    similarity: float


class StatementOut(Record):
    quantity_id: str | None
    claim_id: str | None
    value: float | None
    low: float | None
    high: float | None
    approx: str | None
    speaker: str | None
    article_id: str
    outlet: str | None
    as_of: str | None
    stance: str | None = None
    content: str | None = None
    source: str | None = None
    superseded: bool = False
    story_id: str | None = None


class FactOut(Record):
    id: str
    story_id: str | None
    kind: str
    object: str | None
    statements: list[StatementOut]
    independent_sources: int
    status: str
    history: list[StatementOut]
    scope: str | None = None
    outlets: list[str] = []
    series_id: str | None = None
    story_ids: list[str] = []


class SearchHitOut(Record):
    article_id: str
    title: str | None
    display_title: str
    outlet: str | None
    published: str | None
    story_id: str | None
    url: str | None
    snippet: str
    marks: list[tuple[int, int]]


class PageOut(BaseModel, Generic[T]):
    """One page of results: `total` matches in all, `items` from `offset`, at most `limit`."""

    items: list[T]
    total: int
    limit: int
    offset: int


class IngestOut(BaseModel):
    stored: int
    skipped: int
    failed: list[str]
    stored_ids: list[str]


class ParameterErrorOut(BaseModel):
    """What is wrong with one parameter; `allowed` lists the values of a closed set."""

    parameter: str
    location: str
    message: str
    allowed: list[str] | None = None


class ErrorOut(BaseModel):
    """The one error body of the API, for 400, 401, 404, 405, 413 and 422 alike.

    `code` is newsgraph's error code (E101 not found, E102 a parameter or filter value that is
    not valid) or `HTTP<status>` for the rest; `detail` is one line for a person; `errors` names
    each parameter at fault.
    """

    code: str
    detail: str
    errors: list[ParameterErrorOut] = []


class ParameterOut(BaseModel):
    name: str
    location: str
    required: bool
    description: str
    allowed: list[str] | None = None


class EndpointOut(BaseModel):
    path: str
    method: str
    summary: str
    parameters: list[ParameterOut]


class ApiIndexOut(BaseModel):
    """What `/api/` answers: the endpoints, the OpenAPI schema and the docs page."""

    name: str
    version: str
    openapi: str
    docs: str
    endpoints: list[EndpointOut]
