"""Time resolution against the published date, following the claims bench conventions."""

from __future__ import annotations

import pytest

from newsgraph.extract.timex import resolve_time, shift


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("on Monday", "2024-10-29", "2024-10-28"),  # Tuesday -> the Monday before
        # "last Wednesday" written on a Wednesday is a week back; a plain one is that day
        ("last Wednesday", "2024-11-20", "2024-11-13"),
        ("on Wednesday", "2024-11-20", "2024-11-20"),
        # the latest weekend, as the ISO week of its Saturday and Sunday
        ("over the weekend", "2024-11-20", "2024-W46"),
        ("this past weekend", "2024-11-20", "2024-W46"),
        ("last weekend", "2024-11-17", "2024-W45"),
        # a run of days in one month is its last day
        ("Oct. 8-13", "2024-11-20", "2024-10-13"),
        ("Oct 8 – 13, 2023", "2024-11-20", "2023-10-13"),
        ("earlier in the week", "2024-11-20", "2024-W47"),
        # "to begin the week", "at the beginning of the week": the week of publication
        ("the week", "2019-11-19", "2019-W47"),
        ("the beginning of the week", "2019-11-19", "2019-W47"),
        # the next year, month, week or season after publication's, at its precision
        ("next year", "2019-11-19", "2020"),
        ("next month", "2019-12-05", "2020-01"),
        ("next week", "2019-12-30", "2020-W02"),
        ("next winter", "2019-11-19", "2020-01"),
        ("next summer", "2020-07-01", "2021-07"),
        ("tomorrow", "2019-11-19", "2019-11-20"),
        # a part of a day is that day; "last night" the day before publication
        ("Tuesday night", "2019-11-20", "2019-11-19"),
        ("early Friday", "2019-11-20", "2019-11-15"),
        ("last night", "2019-11-20", "2019-11-19"),
        ("this morning", "2019-11-20", "2019-11-20"),
        ("Friday", "2024-10-18", "2024-10-18"),  # the same day counts
        ("last fall", "2025-03-20", "2024-10"),  # a past season -> its middle month
        ("last winter", "2025-02-05", "2024-01"),
        ("in the summer", "2024-10-23", "2024"),
        ("in January", "2025-02-20", "2025-01"),
        ("in November", "2025-02-20", "2024-11"),
        ("earlier this month", "2025-05-06", "2025-05"),
        ("last month", "2024-12-02", "2024-11"),
        ("last year", "2025-03-02", "2024"),
        ("early this year", "2025-04-30", "2025"),
        ("Oct. 13", "2024-10-18", "2024-10-13"),
        ("13 October 2023", "2025-01-01", "2023-10-13"),
        ("between Oct. 8 and Oct. 13", "2024-10-18", "2024-10-13"),
        ("January and February", "2025-03-27", "2025-02"),
        ("the first months of this year", "2025-09-05", "2025"),
        ("now", "2024-11-05", "2024-11-05"),
        ("minutes ago", "2025-08-14", "2025-08-14"),
        ("August 2023", "2024-11-13", "2023-08"),
        ("the 14th Century", "2019-11-18", "1300/1399"),  # a century: its years, ISO interval
        ("the fourteenth century", "2019-11-18", "1300/1399"),
        ("the 21st century", "2019-11-18", "2000/2099"),
        ("last week", "2019-11-18", "2019-W46"),  # an ISO week
        ("this week", "2019-11-18", "2019-W47"),
        ("a year ago", "2019-11-18", "2018"),
        ("two months ago", "2019-11-18", "2019-09"),
        ("from 2010 to 2015", "2019-11-18", "2015"),  # a span: its end
        ("the 1300s", "2019-11-18", "1300/1399"),  # a century by its years
        ("in the 1990s", "2019-11-18", "1990/1999"),  # a decade
    ],
)
def test_resolve_time(text: str, published: str, expected: str) -> None:
    assert resolve_time(text, published) == expected


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("two days", "2025-01-01"),
        ("next Friday", "2024-11-20"),  # this coming one to some writers, the one after to others
        ("on Monday", None),
        ("soon", "2025-01-01"),
        ("the 30th century", "2025-01-01"),
        ("the 2090s", "2025-01-01"),  # a decade still to come
        ("this weekend", "2024-11-20"),  # on a Wednesday: the coming one
    ],
)
def test_unknown_stays_none(text: str, published: str | None) -> None:
    assert resolve_time(text, published) is None


@pytest.mark.parametrize(
    ("text", "published"),
    [("yesterday", "0001-01-01"), ("last week", "0001-01-03"), ("tomorrow", "9999-12-31")],
)
def test_a_time_outside_the_calendar_is_unknown_not_an_error(text: str, published: str) -> None:
    """Found by `make fuzz`: a record dated 0001-01-01 that says "yesterday" failed whole."""
    assert resolve_time(text, published) is None


@pytest.mark.parametrize(
    ("resolved", "offset", "sign", "expected"),
    [
        ("2019-11-20", "a day", -1, "2019-11-19"),
        ("2019-11-20", "two weeks", -1, "2019-11-06"),
        ("2019-11-20", "3 days", 1, "2019-11-23"),
        ("2019-11", "a month", -1, "2019-10"),
        ("2019-01-10", "two months", -1, "2018-11"),
        ("2019-10", "a year", -1, "2018-10"),
        ("2018-03", "two years", 1, "2020-03"),
        # an offset finer than the date, or no offset at all
        ("2019-11", "a day", -1, None),
        ("2019-11-20", "last week", -1, None),
    ],
)
def test_shift_by_an_offset(resolved: str, offset: str, sign: int, expected: str | None) -> None:
    assert shift(resolved, offset, sign) == expected
