"""The long fuzz campaign's own bookkeeping: every test planned, cases counted, crashes caught
and replayable. Runs in this process on a test that fails on purpose, so it is quick."""

from __future__ import annotations

from pathlib import Path

import pytest

from fuzz import campaign


def test_plan_gives_every_fuzz_test_its_share() -> None:
    jobs = campaign.plan(2000, 50, seed=1)
    assert len(jobs) >= 2000 // 50
    tests = {(t, n) for t in campaign.MODULES for n in campaign.fuzz_tests(t)}
    assert {(t, n) for t, n, _, _ in jobs} == tests
    assert sum(count for *_, count in jobs) >= 2000
    assert len({seed for _, _, seed, _ in jobs}) == len(jobs)


def test_a_chunk_counts_its_cases_and_keeps_each_crash(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(campaign.MODULES, "self", "tests.fuzz.planted")
    result = campaign.run_chunk(("self", "test_fails_above_900", 7, 300))
    assert result.cases == 300
    assert result.crashes and all("too big" in c.error for c in result.crashes)
    assert len(result.crashes) < 300
    path = campaign.write_finding(tmp_path, "crash", 0, result.crashes[0])
    with pytest.raises(AssertionError, match="too big"):
        campaign.replay(path)
