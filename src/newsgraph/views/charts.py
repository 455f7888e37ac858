"""Geometry for the inline SVG charts: coverage sparklines and a figure's timeline.

Only numbers leave this module; the templates draw them, so no scraped text is ever written
into SVG markup unescaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.records import Statement


@dataclass(slots=True)
class Sparkline:
    width: int
    height: int
    points: str  # "x,y x,y ..." for a <polyline>
    peak: int
    total: int
    first: str | None
    last: str | None


@dataclass(slots=True)
class Mark:
    """One statement on a timeline: a dot, or a bar for a stated range."""

    x: float
    y: float
    y_low: float | None
    label: str
    article_id: str
    target: str  # the anchor of its quantity or claim in the article page
    status: str = ""


@dataclass(slots=True)
class Timeline:
    width: int
    height: int
    marks: list[Mark]
    path: str  # the line through the dots, in order
    top: str  # the y axis' largest value, as text
    dates: tuple[str, str]
    axis_y: float = 0.0
    labels: list[str] = field(default_factory=list)


def draw_sparkline(counts: list[tuple[str, int]], width: int = 140, height: int = 28) -> Sparkline:
    """Articles per day as a polyline scaled into width x height (a flat line when empty)."""
    values = [n for _, n in counts] or [0]
    peak = max(values)
    step = width / max(len(values) - 1, 1)
    pad = 2
    points = " ".join(
        f"{i * step:.1f},{height - pad - (v / peak * (height - 2 * pad) if peak else 0):.1f}"
        for i, v in enumerate(values)
    )
    if len(values) == 1:  # one day: draw it as a short flat segment so it shows
        y = points.split(",")[1]
        points = f"0,{y} {width},{y}"
    return Sparkline(
        width,
        height,
        points,
        peak,
        sum(values),
        counts[0][0] if counts else None,
        counts[-1][0] if counts else None,
    )


def _fmt(value: float) -> str:
    # axis values come back from scaling (x * 1.1 / 1.1): compare with a tolerance
    whole = abs(value - round(value)) <= 1e-9 * max(1.0, abs(value))
    return f"{value:,.0f}" if whole else f"{value:,.2f}"


def shown_when(value: str | None, undated: str = "undated") -> str:
    """An as_of date as a person reads it: a day as written, a span of years "1300/1399" as
    "14th century" when it is one, else "2009–2018"."""
    if not value:
        return undated
    first, _, last = value.partition("/")
    if not last:
        return value
    if (
        first.isdigit()
        and last.isdigit()
        and int(first) % 100 == 0
        and int(last) == int(first) + 99
    ):
        number = int(first) // 100 + 1
        suffix = (
            "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        )
        return f"{number}{suffix} century"
    return f"{first}–{last}"


def statement_label(s: Statement) -> str:
    """A statement's figure as a person reads it: '10,000', '1,000–1,500'."""
    if s.value is not None:
        return _fmt(s.value)
    if s.low is not None or s.high is not None:
        return f"{_fmt(s.low) if s.low is not None else '?'}–{_fmt(s.high) if s.high is not None else '?'}"
    return "—"


def draw_timeline(
    history: list[Statement], dates: dict[str, str | None], width: int = 260, height: int = 90
) -> Timeline | None:
    """A figure's statements over time (x: as_of, else the article's date; y: the value).

    None when no statement has a number to plot.
    """
    plotted = []
    for s in history:
        high = s.value if s.value is not None else s.high if s.high is not None else s.low
        if high is None:
            continue
        low = None if s.value is not None else s.low
        when = (s.as_of or dates.get(s.article_id) or "")[:10]
        plotted.append((when, high, low, s))
    if not plotted:
        return None
    plotted.sort(key=lambda p: p[0])
    known = sorted({p[0] for p in plotted if p[0]})
    top = max(p[1] for p in plotted) * 1.1 or 1.0
    left, right, pad = 8.0, width - 8.0, 8.0
    base = height - 14.0

    def x_of(i: int, when: str) -> float:
        if len(known) > 1 and when:
            return left + known.index(when) / (len(known) - 1) * (right - left)
        return left + (i / max(len(plotted) - 1, 1)) * (right - left)

    def y_of(v: float) -> float:
        return base - v / top * (base - pad)

    marks = []
    for i, (when, high, low, s) in enumerate(plotted):
        target = f"q-{s.quantity_id}" if s.quantity_id else f"c-{s.claim_id}" if s.claim_id else ""
        marks.append(
            Mark(
                round(x_of(i, when), 1),
                round(y_of(high), 1),
                round(y_of(low), 1) if low is not None else None,
                f"{when or 'undated'}: {statement_label(s)} ({s.speaker or 'the article'}, "
                f"{s.outlet or 'unknown outlet'})",
                s.article_id,
                target,
            )
        )
    path = " ".join(f"{m.x},{m.y}" for m in marks)
    return Timeline(
        width,
        height,
        marks,
        path,
        _fmt(top / 1.1),
        (known[0] if known else "undated", known[-1] if known else ""),
        base,
    )
