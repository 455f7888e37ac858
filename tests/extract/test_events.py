"""Events from verb frames, linked to the claim that reports them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.records import AnalyzedArticle


@pytest.mark.parametrize(
    ("text", "action", "when"),
    [
        ("Russia deployed troops to Belarus on Monday.", "DEPLOY", "2025-03-03"),
        ("Rebels captured the airport.", "CAPTURE", None),
        ("The two presidents met in Geneva.", "MEET", None),
        ("Ukrainian forces retook the village.", "RETAKE", None),
    ],
)
def test_event_action(
    analyse: Callable[..., AnalyzedArticle], text: str, action: str, when: str | None
) -> None:
    events = [e for e in analyse(text, "2025-03-05").events if e.action != "OTHER"]
    assert [e.action for e in events] == [action]
    assert events[0].when == when
    assert events[0].claim_id is None


def test_reported_event_links_to_claim(analyse: Callable[..., AnalyzedArticle]) -> None:
    result = analyse("The ministry said Russia had deployed 500 troops to the border.")
    (event,) = [e for e in result.events if e.action == "DEPLOY"]
    assert event.claim_id == result.claims[0].id


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Tara Reid checked herself into rehab on Tuesday.", "checked"),
        ("A powerful earthquake shook the island.", "earthquake"),
        ("Lindsay Lohan Checks Into Betty Ford Rehab", "Checks"),
        ("The officer was declared dead at the scene.", "dead"),
        ("The board announced its decision to acquire the firm.", "decision"),
    ],
)
def test_event_span_is_its_trigger(
    analyse: Callable[..., AnalyzedArticle], text: str, trigger: str
) -> None:
    """ECB+ marks happenings by their trigger words; each gets an event of a few words over it."""
    events = analyse(text).events
    start = text.index(trigger)
    covering = [e for e in events if e.start <= start < e.end]
    assert covering, [(text[e.start : e.end], e.action) for e in events]
    assert min(e.end - e.start for e in covering) <= len(trigger) + 20


def test_light_verbs_are_no_events(analyse: Callable[..., AnalyzedArticle]) -> None:
    text = "The plan seems to have worked."
    events = analyse(text).events
    assert all(text[e.start : e.end] not in ("seems", "have") for e in events)
