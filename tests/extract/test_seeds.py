"""The seed pages' outcomes, end to end through `extract` (paragraphs of ../shared/seeds)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.records import AnalyzedArticle, Quantity

SEED_000 = (
    "North Korea has one of the largest armies in the world, with around 1.3 million active "
    "soldiers. But South Korea’s spy agency says that North Korean soldiers might not understand "
    "modern warfare well, which could hurt their effectiveness in battle.\n"
    "Though North Korea only recently confirmed it, there were signs before that its soldiers "
    "were in Ukraine. In January, Ukraine’s army captured two North Korean soldiers. South Korea "
    "also believes about 300 North Korean soldiers have died while helping Russia. It’s also said "
    "that around 10,000 North Korean soldiers were sent to Russia last fall.\n"
    "North Korea and Russia made an agreement last year to help each other with military "
    "support.\n"
    "AFC Opens 4th Grassroots Football Conference in Asia\n"
    "Uganda defeated France 1-0 in Group K at the FIFA U-17 World Cup 2025 in Qatar."
)
SEED_003 = (
    "The collaboration includes sending nearly 6,000 personnel for reconstruction efforts "
    "following Ukraine’s incursions.\n\n"
    "Now, with reconstruction efforts on the horizon, North Korea is gearing up to send more "
    "specialized military personnel, including a division of builders and two military "
    "brigades, totaling about 5,000 individuals, along with 1,000 deminers to assist in "
    "recovery operations."
)


def _find(result: AnalyzedArticle, text: str) -> Quantity:
    found = [q for q in result.quantities if q.text == text]
    assert found, f"{text!r} not among {[q.text for q in result.quantities]}"
    return found[0]


@pytest.mark.parametrize(
    ("seed", "text", "value", "kind", "approx", "obj"),
    [
        (SEED_000, "around 10,000", 10000, "DEPLOY", "about", "North Korean soldiers"),
        (SEED_000, "about 300", 300, "KILL", "about", "North Korean soldiers"),
        (SEED_000, "around 1.3 million", 1_300_000, "OTHER", "about", "active soldiers"),
        (SEED_000, "two", 2, "CAPTURE", "exact", "North Korean soldiers"),
        (SEED_003, "1,000", 1000, "DEPLOY", "exact", "deminers"),
        (SEED_003, "about 5,000", 5000, "DEPLOY", "about", "individuals"),
        (SEED_003, "nearly 6,000", 6000, "DEPLOY", "about", "personnel"),
    ],
)
def test_seed_quantities(
    analyse: Callable[..., AnalyzedArticle],
    seed: str,
    text: str,
    value: float,
    kind: str,
    approx: str,
    obj: str,
) -> None:
    q = _find(analyse(seed), text)
    assert (q.value, q.kind, q.approx, q.object) == (value, kind, approx, obj)
    assert seed[q.start : q.end] == q.text


def test_seed_speakers_and_dates(analyse: Callable[..., AnalyzedArticle]) -> None:
    result = analyse(SEED_000, "2025-04-28")
    killed = _find(result, "about 300")
    assert killed.speaker == "South Korea"
    claim = next(c for c in result.claims if c.id == killed.claim_id)
    assert (claim.stance, claim.cue, claim.speaker) == ("hedge", "believe", "South Korea")
    sent = _find(result, "around 10,000")
    hedge = next(c for c in result.claims if c.id == sent.claim_id)
    assert (hedge.stance, hedge.speaker, sent.speaker) == ("hedge", None, None)
    assert sent.as_of == "2024-10"


def test_seed_non_quantities(analyse: Callable[..., AnalyzedArticle]) -> None:
    texts = {q.text for q in analyse(SEED_000).quantities}
    for bad in ("last year", "4th", "1", "0", "17", "2025", "one"):
        assert bad not in texts
