"""A fuzz test that fails on purpose, for tests/fuzz/test_campaign.py (pytest does not collect
this module: its name does not start with test_)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.cases import FUZZ


@FUZZ
@given(n=st.integers(0, 1000))
def test_fails_above_900(n: int) -> None:
    assert n <= 900, "too big"
