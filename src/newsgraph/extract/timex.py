"""Resolve time expressions ("on Monday", "last fall", "in January", "Oct. 13", "last year")
against the article's published date.

Own rules rather than dateparser: dateparser guesses (a bare "Monday" becomes the next one, a
season becomes nothing) and costs milliseconds per call, while these rules are exact about news
conventions: a weekday is the latest one on or before publication, a past season is its middle
month, a span resolves to its last part ("from 2010 to 2015" is 2015: the figure stands at the
span's end), a century is the ISO interval of its years ("the 14th century" is "1300/1399", as
the ISO century "13" counts them). What the rules do not know stays None, never guessed.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
# Season -> (first month, middle month, last month); winter starts in the previous December.
SEASONS: dict[str, tuple[int, int, int]] = {
    "spring": (3, 4, 5),
    "summer": (6, 7, 8),
    "fall": (9, 10, 11),
    "autumn": (9, 10, 11),
    "winter": (12, 1, 2),
}
# Expressions that mean "at publication".
NOW_WORDS = frozenset(
    {
        "now",
        "presently",
        "currently",
        "today",
        "tonight",
        "this morning",
        "this afternoon",
        "this evening",
        "so far",
        "to date",
        "at present",
        "right now",
        "as of now",
        "year to date",
        "year-to-date",
        "so far this year",
    }
)
LEADING_WORDS = frozenset(
    {
        "on",
        "in",
        "at",
        "during",
        "over",
        "by",
        "since",
        "until",
        "from",
        "of",
        "as",
        "the",
        "early",
        "earlier",
        "late",
        "later",
        "mid",
        "middle",
        "end",
        "start",
        "beginning",
        "around",
        "about",
    }
)
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_NAMES})\.?(?:,?\s+(\d{{4}}))?$")
_MONTH_DAY = re.compile(rf"^({_MONTH_NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?$")
_MONTH_YEAR = re.compile(rf"^({_MONTH_NAMES})\.?(?:,?\s+(\d{{4}}))?$")
_ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_YEAR = re.compile(r"^(1[89]\d{2}|20\d{2})$")
_DECADE = re.compile(r"^'?(1\d{2}0|20\d0)'?s$")
_AGO = re.compile(
    r"^(\d+|a|an|one|two|three|four|five|six|seven)\s+(minute|hour|day|week|month|year)s?\s+ago$"
)
_ORDINALS = {
    word: number
    for number, word in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ],
        start=1,
    )
}
_CENTURY = re.compile(
    r"^(?:(\d{1,2})(?:st|nd|rd|th)|(" + "|".join(_ORDINALS) + r")|twenty-first)[\s-]+century$"
)
_SPAN = re.compile(r"\s+(?:and|to|through|until|till)\s+|\s+[–-]\s+|–")
_SMALL = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
}


_OFFSET = re.compile(
    r"^(?:(\d+|a|an|one|two|three|four|five|six|seven)\s+)?(day|week|month|year)s?$"
)


def shift(resolved: str, offset: str, sign: int) -> str | None:
    """`resolved` (an ISO day, or a month for an offset in months, or a year or month for one
    in years, kept at that precision) moved by `offset` ("a day", "two weeks", "a month", "a
    year") forward (`sign` 1) or back (-1); None when the offset is no span or finer than the
    date it moves ("a day" from a month)."""
    match = _OFFSET.match(" ".join(offset.lower().split()).removeprefix("just "))
    if match is None:
        return None
    count_word, unit = match.group(1) or "a", match.group(2)
    count = int(count_word) if count_word.isdigit() else _SMALL[count_word]
    if unit == "year" and len(resolved) in (4, 7, 10) and resolved[:4].isdigit():
        return f"{int(resolved[:4]) + sign * count:04d}{resolved[4:7]}"
    if unit == "month" and len(resolved) in (7, 10) and resolved[:4].isdigit():
        year, month = int(resolved[:4]), int(resolved[5:7])
        total = year * 12 + month - 1 + sign * count
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    if len(resolved) != 10 or unit == "month":
        return None
    try:
        day = dt.date.fromisoformat(resolved)
    except ValueError:
        return None
    days = count * (7 if unit == "week" else 1)
    return (day + dt.timedelta(days=sign * days)).isoformat()


def parse_published(published: str | None) -> dt.date | None:
    """The publication date of an ISO date or datetime string, or None."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _month_before(base: dt.date, month: int) -> int:
    """The year of the latest `month` that does not start after `base`."""
    return base.year if month <= base.month else base.year - 1


def _season(base: dt.date, name: str, relation: str) -> str | None:
    first, middle, last = SEASONS[name]

    # Occurrences indexed by the year their middle month falls in.
    def bounds(year: int) -> tuple[dt.date, dt.date]:
        start_year = year - 1 if first == 12 else year
        return dt.date(start_year, first, 1), dt.date(year, last, 28)

    if relation == "this":
        return f"{base.year:04d}-{middle:02d}"
    for year in (base.year + 1, base.year, base.year - 1, base.year - 2):
        start, end = bounds(year)
        if relation == "last" and end < dt.date(base.year, base.month, 1):
            return f"{year:04d}-{middle:02d}"
        if relation == "" and start <= base:
            return f"{year:04d}"
    return None


def _next(base: dt.date, rest: str) -> str | None:
    """ "next year", "next month", "next week", "next spring": the one after publication's, at
    its precision (a season as its middle month). A weekday stays None: "next Friday" is this
    coming one to some writers, the one after it to others."""
    if rest == "year":
        return f"{base.year + 1:04d}"
    if rest == "month":
        month = base.year * 12 + base.month  # the month after, counted from zero
        return f"{month // 12:04d}-{month % 12 + 1:02d}"
    if rest == "week":
        iso = (base + dt.timedelta(days=7)).isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    if rest in SEASONS:
        # the first one to begin after publication, by the year of its middle month
        first, middle, _last = SEASONS[rest]
        for year in range(base.year, base.year + 3):
            if dt.date(year - 1 if first == 12 else year, first, 1) > base:
                return f"{year:04d}-{middle:02d}"
    return None


def _weekday(base: dt.date, name: str) -> str:
    back = (base.weekday() - WEEKDAYS[name]) % 7
    return (base - dt.timedelta(days=back)).isoformat()


def _date(base: dt.date, month: int, day: int, year: str | None) -> str | None:
    y = int(year) if year else base.year
    try:
        when = dt.date(y, month, day)
    except ValueError:
        return None
    if not year and when > base + dt.timedelta(days=31):
        when = when.replace(year=y - 1)
    return when.isoformat()


def _strip(text: str) -> str:
    words = text.lower().replace("’", "'").replace("'s", "").strip(" .,;").split()
    while words and words[0].rstrip("-") in LEADING_WORDS:
        words = words[1:]
    out = " ".join(words)
    return out[4:] if out.startswith("mid-") else out


def _resolve_one(text: str, base: dt.date) -> str | None:
    low = text.lower().strip(" .,;")
    if " of " in low:
        # "the first months of this year", "the end of last month": the named period
        tail = low.rpartition(" of ")[2]
        if tail != low:
            return _resolve_one(tail, base)
    if low in NOW_WORDS:
        return base.isoformat()
    if low == "yesterday":
        return (base - dt.timedelta(days=1)).isoformat()
    if low == "tomorrow":
        return (base + dt.timedelta(days=1)).isoformat()
    if re.search(r"\b(minutes?|hours?)\s+ago$", low):
        return base.isoformat()
    ago = _AGO.match(low)
    if ago:
        count = int(ago.group(1)) if ago.group(1).isdigit() else _SMALL[ago.group(1)]
        unit = ago.group(2)
        if unit in ("minute", "hour"):
            return base.isoformat()
        if unit == "year":
            return f"{base.year - count:04d}"
        if unit == "month":
            month = base.year * 12 + base.month - 1 - count
            return f"{month // 12:04d}-{month % 12 + 1:02d}"
        return (base - dt.timedelta(days=count * (7 if unit == "week" else 1))).isoformat()
    words = low.split()
    relation = ""
    if words and words[0] in ("last", "this", "past", "next"):
        relation, rest = words[0], " ".join(words[1:])
    else:
        rest = _strip(low)
        if rest.startswith("this "):
            relation, rest = "this", rest[5:]
        elif rest.startswith("last "):
            relation, rest = "last", rest[5:]
    if relation == "next":
        return _next(base, rest)
    if rest == "year":
        if relation == "last":
            return f"{base.year - 1:04d}"
        return f"{base.year:04d}" if relation in ("this", "past") else None
    if rest == "week" and relation in ("last", "this", "past"):
        # an ISO week: "last week" is the week before the one of publication
        in_week = base - dt.timedelta(days=7) if relation == "last" else base
        iso = in_week.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    if rest == "month":
        if relation == "last":
            first = base.replace(day=1) - dt.timedelta(days=1)
            return f"{first.year:04d}-{first.month:02d}"
        return f"{base.year:04d}-{base.month:02d}" if relation == "this" else None
    if rest in SEASONS:
        return _season(base, rest, relation if relation in ("last", "this") else "")
    if rest in WEEKDAYS and relation in ("", "last"):
        if relation == "last" and base.weekday() == WEEKDAYS[rest]:
            # "last Wednesday" written on a Wednesday is the one a week before
            return _weekday(base - dt.timedelta(days=1), rest)
        return _weekday(base, rest)
    future = relation == "this" and base.weekday() < 5 and rest == "weekend"  # the coming one
    if (
        rest in ("weekend", "past weekend")
        and relation in ("", "last", "this", "past")
        and not future
    ):
        # "over the weekend", "this past weekend": the latest weekend begun by publication,
        # as the ISO week its Saturday and Sunday belong to
        saturday = dt.date.fromisoformat(_weekday(base, "saturday"))
        if relation == "last" and base.weekday() >= 5:
            saturday -= dt.timedelta(days=7)
        iso = saturday.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    if relation:
        return None
    for pattern, order in ((_MONTH_DAY, "md"), (_DAY_MONTH, "dm")):
        match = pattern.match(rest)
        if match:
            a, b, year = match.groups()
            month, day = (MONTHS[a], int(b)) if order == "md" else (MONTHS[b], int(a))
            return _date(base, month, day, year)
    match = _MONTH_YEAR.match(rest)
    if match:
        month = MONTHS[match.group(1)]
        year = int(match.group(2)) if match.group(2) else _month_before(base, month)
        return f"{year:04d}-{month:02d}"
    match = _ISO.match(rest)
    if match:
        return rest
    match = _CENTURY.match(rest)
    if match:
        number = int(match.group(1)) if match.group(1) else _ORDINALS.get(match.group(2) or "", 21)
        if 1 <= number <= base.year // 100 + 1:
            return f"{(number - 1) * 100:04d}/{(number - 1) * 100 + 99:04d}"
    if _YEAR.match(rest):
        return rest
    decade = _DECADE.match(rest)
    if decade:
        # "the 1990s" is 1990/1999, "the 1300s" the century 1300/1399
        begin = int(decade.group(1))
        span = 99 if begin % 100 == 0 else 9
        if begin <= base.year:
            return f"{begin:04d}/{begin + span:04d}"
    return None


# "the week" with no other word to place it: the week the article was written in ("the
# stock added 2% to begin the week"); "the week before", "the week of the attack" are left to
# the caller, which sees the words after the span.
WEEK_OF_PUBLICATION = frozenset(
    {
        "the week",
        "the beginning of the week",
        "the start of the week",
        "the end of the week",
        "the middle of the week",
    }
)
_WEEKDAY_WORDS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_DAY_PART = re.compile(
    r"^(?:early|late)\s+("
    + _WEEKDAY_WORDS
    + r")$|^(?:(?:early|late)\s+)?("
    + _WEEKDAY_WORDS
    + r")\s+(?:morning|afternoon|evening|night)$"
)


# Parts of the day of publication and of the day before.
_TODAY_PARTS = {
    "this morning": "today",
    "this afternoon": "today",
    "this evening": "today",
    "tonight": "today",
    "last night": "yesterday",
    "yesterday morning": "yesterday",
    "yesterday afternoon": "yesterday",
    "yesterday evening": "yesterday",
}


@functools.lru_cache(maxsize=4096)
def resolve_time(text: str, published: str | None) -> str | None:
    """ISO date, month or year that `text` names, read against `published`; None if unknown.

    A span ("between Oct. 8 and Oct. 13", "in January and February") resolves to its last part.
    A time that falls outside the calendar ("yesterday" of 0001-01-01) is unknown, not an error.
    """
    try:
        return _resolve_time(text, published)
    except (OverflowError, ValueError):
        return None


def _resolve_time(text: str, published: str | None) -> str | None:
    base = parse_published(published)
    if base is None:
        return None
    low = " ".join(text.lower().replace("’", "'").split())
    low = re.sub(r"^(between|from)\s+", "", low)
    # "Tuesday night", "Monday afternoon", "early Friday": the part of a day is that day
    low = _DAY_PART.sub(lambda m: m.group(1) or m.group(2), low)
    low = _TODAY_PARTS.get(low, low)
    if low.removeprefix("the ") in NOW_WORDS:
        return base.isoformat()  # "year to date" is no span from a year to a date
    if low.removeprefix("earlier ").removeprefix("later ") in ("in the week", "this week"):
        low = "this week"  # "earlier in the week": the week of publication
    if low in WEEK_OF_PUBLICATION:
        low = "this week"  # "to begin the week", "at the beginning of the week"
    # "Oct. 8-13": a run of days in one month is its last day
    low = re.sub(rf"^((?:{_MONTH_NAMES})\.?\s+)\d{{1,2}}\s*[-–]\s*(\d{{1,2}})\b", r"\1\2", low)
    parts = [p for p in _SPAN.split(low) if p]
    if len(parts) > 1:
        last = _resolve_one(parts[-1], base)
        if last is not None:
            return last
        # "Oct. 8 to 13": the day alone borrows the month of the first part.
        first = _resolve_one(parts[0], base)
        if first and len(first) == 10 and parts[-1].isdigit():
            return _date(base, int(first[5:7]), int(parts[-1]), first[:4])
        return first
    return _resolve_one(low, base)
