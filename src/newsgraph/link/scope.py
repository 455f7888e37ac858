"""Scope: the place and period that bound a figure beyond what it counts.

"11 deaths in China between 2009 and 2018", "584 deaths worldwide from 2010 to 2015" and "50
million deaths in the fourteenth century" count the same object (deaths) and are three figures:
their scope differs. The scope is read from the figure's own sentence in the article text: the
place from a GPE/LOC mention governed by a place preposition ("in China", "across Europe") or
opening the sentence ("China has seen 11 deaths"), or a word such as "worldwide"; the period from
a span of years ("between 2010 and 2015", "2009–2018"), one whole year ("in 2023"), a decade or a
century. A single date is not a scope but the figure's `as_of` (a toll "as of Monday" is the same
figure revised), so it is left to the quantity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsgraph.records import Mention

# Words that put a figure over the whole world rather than one place.
_WORLDWIDE = re.compile(
    r"\b(?:worldwide|world-wide|globally|around the world|across the world|across the globe|"
    r"around the globe|in the world|the world over)\b",
    re.IGNORECASE,
)
_PLACE_PREP = re.compile(
    r"\b(?:in|across|throughout|within|inside|over|of)\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE
)
_YEAR = r"(1\d{3}|20\d{2})"
_SPAN = re.compile(
    rf"\b(?:between\s+{_YEAR}\s+and\s+{_YEAR}|from\s+{_YEAR}\s+(?:to|until|through)\s+{_YEAR}|"
    rf"{_YEAR}\s*[-–—]\s*{_YEAR})\b",
    re.IGNORECASE,
)
# One whole year bounding a count ("300 doctors left in 2023"): the year is the period of an
# annual figure. A year inside a date ("on 5 March 2024", "in March 2024") is the figure's as_of.
_ONE_YEAR = re.compile(
    rf"\b(?:in|during|throughout|for|over)\s+(?:the\s+(?:whole\s+|entire\s+)?year\s+)?{_YEAR}\b"
    r"(?!\s*[-–—/]\s*\d)",
    re.IGNORECASE,
)
_DECADE = re.compile(r"\b(?:in\s+)?the\s+(1\d|20)(\d)0s\b", re.IGNORECASE)
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}  # fmt: skip
_CENTURY = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)[\s-]+century\b|\b(" + "|".join(_ORDINALS) + r")[\s-]+century\b",
    re.IGNORECASE,
)
# A sentence ends at . ! ? or a line break followed by what starts the next one.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
PLACE_TYPES = frozenset({"GPE", "LOC"})
# "one of the largest armies in the world", "the most visited city in the world": the world is
# what a superlative compares with, not where the figure holds.
_SUPERLATIVE = re.compile(
    r"\b(?:most|least|best|worst|top|leading|only|\w+iest|"
    r"(?:larg|bigg|small|high|low|great|long|tall|rich|poor|old|new|fast|slow|strong|weak|"
    r"young|short|deep|wide|large|cheap|dense)est)\b[^,;:.]*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Scope:
    """Where and when a figure holds; either may be unknown (None)."""

    place: str | None = None
    period: str | None = None

    def text(self) -> str | None:
        """The scope as SPEC.md shows it: "in China, 2009–2018", "worldwide", "14th century"."""
        parts = []
        if self.place:
            parts.append(self.place if self.place == "worldwide" else f"in {self.place}")
        if self.period:
            parts.append(self.period)
        return ", ".join(parts) or None


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The character span of the sentence holding [start, end)."""
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    found = _SENTENCE_END.search(text, end)
    return left, found.start() if found else len(text)


def period_of(sentence: str) -> str | None:
    """The span of time a sentence bounds its figures by, normalised ("2010–2015", "14th century")."""
    span = _SPAN.search(sentence)
    if span:
        years = [g for g in span.groups() if g]
        return f"{years[0]}–{years[1]}"
    century = _CENTURY.search(sentence)
    if century:
        number = int(century.group(1)) if century.group(1) else _ORDINALS[century.group(2).lower()]
        suffix = (
            "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        )
        return f"{number}{suffix} century"
    decade = _DECADE.search(sentence)
    if decade:
        return f"{decade.group(1)}{decade.group(2)}0s"
    whole_years = {m.group(1) for m in _ONE_YEAR.finditer(sentence)}
    # two years in one sentence ("450 in 2024, up from 300 in 2023") bound two figures: neither
    return whole_years.pop() if len(whole_years) == 1 else None


def place_of(
    text: str,
    sentence: tuple[int, int],
    figure: tuple[int, int],
    mentions: Sequence[Mention],
    exclude: frozenset[str] = frozenset(),
) -> str | None:
    """The place a figure's sentence bounds it by: of 'worldwide' (unless the world is what a
    superlative compares with) and the place mentions governed by a place preposition, the one
    nearest the figure, else a place mention opening the sentence. Mentions
    named in `exclude` (the figure's speaker: "Ukraine said...") are not places of the figure."""
    left, right = sentence
    # The world and the place mentions compete: the one nearest the figure bounds it ("millions
    # around the world, ... one-third of Europe's population": the third is Europe's).
    candidates: list[tuple[int, str]] = [
        (m.start(), "worldwide")
        for m in _WORLDWIDE.finditer(text, left, right)
        if not (
            m.group(0).casefold().endswith("world")
            and _SUPERLATIVE.search(text, max(left, m.start() - 60), m.start())
        )
    ]
    places = [
        m
        for m in mentions
        if m.type in PLACE_TYPES
        and left <= m.start < right
        and m.name.casefold() not in exclude
        and (m.entity_id or "") not in exclude
    ]
    candidates += [
        (m.start, m.name)
        for m in places
        if _PLACE_PREP.search(text[max(left, m.start - 24) : m.start])
    ]
    if candidates:
        return min(candidates, key=lambda c: abs(c[0] - figure[0]))[1]
    opening = [m for m in places if m.start - left <= 4 and m.start < figure[0]]
    return opening[0].name if opening else None


def figure_scope(
    text: str,
    start: int,
    end: int,
    mentions: Sequence[Mention],
    exclude: frozenset[str] = frozenset(),
) -> Scope:
    """The scope of the figure at [start, end) of `text`, from its sentence."""
    if not text or start >= len(text):
        return Scope()
    bounds = sentence_bounds(text, start, end)
    return Scope(
        place=place_of(text, bounds, (start, end), mentions, exclude),
        period=period_of(text[bounds[0] : bounds[1]]),
    )
