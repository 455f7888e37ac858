"""Claims benchmark scorer: matching rules on hand-made cases, and the dev-set floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.evaluate.claims import (
    PRF,
    ClaimScores,
    evaluate_claims,
    names_match,
    objects_match,
    score_claims,
    score_quantities,
    speakers_agree,
)
from newsgraph.records import AnalyzedArticle, Article, Claim, Quantity

BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "claims"
DEV = BENCH / "claims_dev.jsonl"
FLOORS = json.loads((Path(__file__).resolve().parents[1] / "floors" / "claims.json").read_text())


def _article() -> Article:
    return Article.bare("a", "", published="2025-01-01", published_source=None)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("South Korea's National Intelligence Service", "National Intelligence Service", True),
        ("Zelenskiy", "Zelensky", True),
        ("Captain Oleh", "Oleh", True),
        ("Ukraine's General Staff", "General Staff of Ukraine", True),
        ("South Korea", "South Korea's spy agency", False),
        ("the Pentagon", "the Kremlin", False),
    ],
)
def test_names_match(a: str, b: str, same: bool) -> None:
    assert names_match(a, b) is same


def test_null_speakers_agree_only_with_null() -> None:
    assert speakers_agree([None], [None])
    assert not speakers_agree(["the police"], [None])
    assert not speakers_agree([None], ["the police"])


@pytest.mark.parametrize(
    ("pred", "gold", "same"),
    [
        ("North Korean soldiers", "North Korean soldiers in eastern Russia", True),
        ("deminers", "deminers", True),
        ("km", "distance flown by the missile (km)", True),
        ("homes", "North Korean soldiers", False),
    ],
)
def test_objects_match(pred: str, gold: str, same: bool) -> None:
    assert objects_match(pred, gold) is same


def test_prf_arithmetic() -> None:
    prf = PRF(tp=3, predicted=4, gold=6)
    assert (prf.precision, prf.recall) == (0.75, 0.5)
    assert prf.f1 == pytest.approx(0.6)
    assert PRF().f1 == 0.0


def test_claim_matching_needs_overlap_speaker_and_stance() -> None:
    gold = [
        {
            "start": 10,
            "end": 30,
            "speaker": "The agency",
            "speaker_canonical": "NIS",
            "stance": "hedge",
            "content": "about 300 soldiers died",
        }
    ]
    good = Claim(
        "c0",
        "a",
        0,
        35,
        "the agency",
        None,
        "believe",
        "hedge",
        False,
        "about 300 soldiers died",
        10,
        30,
    )
    wrong_stance = Claim(
        "c1",
        "a",
        0,
        35,
        "the agency",
        None,
        "say",
        "assert",
        False,
        "about 300 soldiers died",
        10,
        30,
    )
    far = Claim("c2", "a", 40, 60, "the agency", None, "believe", "hedge", False, "x", 45, 60)
    for claims, tp in (([good], 1), ([wrong_stance], 0), ([far], 0), ([good, wrong_stance], 1)):
        scores = ClaimScores()
        score_claims(gold, claims, {}, scores)
        assert scores.claims_speaker_stance.tp == tp
        assert scores.claims_speaker_stance.predicted == len(claims)


def test_quantity_matching_levels() -> None:
    gold = [
        {
            "start": 5,
            "end": 16,
            "value": 1500,
            "low": None,
            "high": None,
            "kind": "DEPLOY",
            "object": "special forces soldiers",
            "speaker": "NIS",
            "as_of": "2024-10-13",
        }
    ]
    q = Quantity(
        "q0",
        "a",
        5,
        16,
        1500.0,
        None,
        None,
        "about",
        "DEPLOY",
        "soldiers",
        None,
        "NIS",
        None,
        "2024-10-13",
        None,
        "about 1,500",
    )
    wrong = Quantity(
        "q1",
        "a",
        5,
        16,
        1500.0,
        None,
        None,
        "about",
        "OTHER",
        "ships",
        None,
        None,
        None,
        None,
        None,
        "about 1,500",
    )
    for quantities, kind_tp, speaker_right in (([q], 1, 1), ([wrong], 0, 0)):
        scores = ClaimScores()
        score_quantities(gold, AnalyzedArticle(_article(), quantities=quantities), {}, scores)
        assert scores.quantity_value.tp == 1
        assert scores.quantity_kind.tp == kind_tp
        assert scores.quantity_object.tp == kind_tp
        assert scores.quantity_speaker.right == speaker_right
        assert scores.quantity_as_of.right == speaker_right


@pytest.mark.skipif(not DEV.is_file(), reason=f"claims benchmark not found at {DEV}")
def test_dev_floors() -> None:
    scores = evaluate_claims(DEV).as_dict()
    below = {
        name: (round(scores[name], 3), floor)
        for name, floor in FLOORS["claims_dev"].items()
        if scores[name] < floor
    }
    assert not below, f"scores below their floors (score, floor): {below}"
