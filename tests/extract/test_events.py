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
    events = analyse(text, "2025-03-05").events
    assert [e.action for e in events] == [action]
    assert events[0].when == when
    assert events[0].claim_id is None


def test_reported_event_links_to_claim(analyse: Callable[..., AnalyzedArticle]) -> None:
    result = analyse("The ministry said Russia had deployed 500 troops to the border.")
    (event,) = result.events
    assert event.action == "DEPLOY"
    assert event.claim_id == result.claims[0].id
