"""The extraction metric on hand cases, and the F1 floors on the shared benchmark."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsgraph.errors import BenchmarkMissing
from newsgraph.evaluate.extraction import (
    BenchPage,
    evaluate_extraction,
    evaluate_held_out_sites,
    f1_of,
    score_page,
    score_pages,
    shingles,
)

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / ".." / "shared" / "bench" / "extraction"
FLOORS = REPO / "tests" / "floors" / "extraction.json"


def test_shingles_are_a_multiset_of_four_tokens() -> None:
    found = shingles("a b c d a b c d")
    assert found.total() == 5
    assert found[("a", "b", "c", "d")] == 2
    assert shingles("only three words").total() == 0


def test_tokens_are_unicode_words() -> None:
    assert list(shingles("Straße, café—naïve; Ünïcode!")) == [
        ("Straße", "café", "naïve", "Ünïcode")
    ]


@pytest.mark.parametrize(
    ("output", "truth", "precision", "recall"),
    [
        ("one two three four five", "one two three four five", 1.0, 1.0),
        # 2 output shingles, 1 shared; truth has 3 shingles
        ("one two three four five", "zero one two three four x", 0.5, 1 / 3),
        ("", "", 1.0, 1.0),
        ("", "one two three four", 0.0, 0.0),
        ("one two three four", "", 0.0, 0.0),
        ("too short", "too short", 1.0, 1.0),
        # repeated shingles count once per copy on each side
        ("a b c d a b c d", "a b c d", 0.2, 1.0),
    ],
)
def test_score_page(output: str, truth: str, precision: float, recall: float) -> None:
    assert score_page(output, truth) == pytest.approx((precision, recall))


def test_scores_average_pages_before_f1() -> None:
    pages = [
        BenchPage("p1", None, "one two three four five", "one two three four five"),
        BenchPage("p2", None, "", "one two three four"),
    ]
    scores = score_pages(pages, lambda content, url: content)
    assert (scores.precision, scores.recall) == pytest.approx((0.5, 0.5))
    assert scores.f1 == pytest.approx(0.5)
    assert scores.pages == 2
    assert [row.f1 for row in scores.rows] == pytest.approx([1.0, 0.0])
    assert f1_of(1.0, 0.5) == pytest.approx(2 / 3)
    assert f1_of(0.0, 0.0) == 0.0


def test_small_bench_folder_is_scored(tmp_path: Path) -> None:
    body = "The council voted on Tuesday to close the old bridge after engineers found cracks."
    (tmp_path / "text").mkdir()
    (tmp_path / "html").mkdir()
    (tmp_path / "text" / "a.txt").write_text(f"Home\nNews\n{body}\nShare\n", encoding="utf-8")
    html = f"<html><body><nav>Home</nav><article><p>{body}</p></article></body></html>"
    (tmp_path / "html" / "a.html.gz").write_bytes(gzip.compress(html.encode()))
    truth = {"a": {"articleBody": body, "url": "https://example.com/a"}}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    for form in ("text", "html"):
        scores = evaluate_extraction(tmp_path, form)
        assert scores.pages == 1
        assert scores.f1 == pytest.approx(1.0)


def test_missing_bench_raises(tmp_path: Path) -> None:
    with pytest.raises(BenchmarkMissing):
        evaluate_extraction(tmp_path / "absent", "text")
    with pytest.raises(BenchmarkMissing):
        evaluate_extraction(tmp_path, "text")


@pytest.mark.parametrize("form", ["text", "html"])
def test_f1_stays_above_floor(form: str) -> None:
    if not (BENCH / "ground-truth.json").is_file():
        pytest.skip(f"extraction benchmark not found at {BENCH.resolve()}")
    floor = json.loads(FLOORS.read_text(encoding="utf-8"))[form]["f1"]
    scores = evaluate_extraction(BENCH, form)
    assert scores.f1 >= floor, f"{form} F1 {scores.f1:.4f} fell below the floor {floor}"


def test_text_f1_on_held_out_sites_stays_above_floor() -> None:
    """The block model retrained without each fold of whole sites, scored on those sites."""
    if not (BENCH / "ground-truth.json").is_file():
        pytest.skip(f"extraction benchmark not found at {BENCH.resolve()}")
    floor = json.loads(FLOORS.read_text(encoding="utf-8"))["text_held_out_sites"]["f1"]
    scores = evaluate_held_out_sites(BENCH)
    assert scores.pages == 127
    assert scores.f1 >= floor, f"held-out-site F1 {scores.f1:.4f} fell below the floor {floor}"
