"""The attribution metric (PolNeAR README) on hand cases, and the held-out-month floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.errors import BenchmarkMissing
from newsgraph.evaluate.attribution import (
    AttributionScores,
    GoldAttribution,
    PredictedClaim,
    char_jaccard,
    evaluate_attribution,
    load_articles,
    month_of,
    parse_ann,
    parse_months,
    score_article,
    sources_agree,
)

BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "attribution"
FLOORS = json.loads(
    (Path(__file__).resolve().parents[1] / "floors" / "attribution.json").read_text()
)

ANN = (
    "T1\tSource 0 3\tLee\n"
    "T2\tCue 4 8\tsaid\n"
    "T3\tContent 9 20;25 30\tthe dam held it was\n"
    "T4\tAttribution 4 8\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tCue 40 52\taccording to\n"
    "T6\tContent 32 39\tit rose\n"
    "T7\tAttribution-no-source 40 52\taccording to\n"
    "E2\tAttribution-no-source:T7 Content:T6 Cue:T5\n"
    "E3\tAttribution:T4 Cue:T2 Source:T1\n"
)


def test_parse_ann_keeps_fragments_sources_and_cues() -> None:
    gold = parse_ann(ANN)
    assert gold == [
        GoldAttribution(((9, 20), (25, 30)), "Lee", ((4, 8),)),
        GoldAttribution(((32, 39),), "", ((40, 52),)),
    ]


def test_char_jaccard_over_fragments() -> None:
    assert char_jaccard([(0, 10)], 0, 10) == 1.0
    assert char_jaccard([(0, 10)], 5, 15) == pytest.approx(5 / 15)
    assert char_jaccard([(0, 4), (6, 10)], 0, 10) == pytest.approx(8 / 10)
    assert char_jaccard([(0, 10)], 20, 30) == 0.0


@pytest.mark.parametrize(
    ("predicted", "gold", "agree"),
    [
        ("he", "he", True),
        ("Mr. Lee", "Lee", True),  # half of the predicted words is enough
        ("Mr. Lee Jae", "Lee", False),  # a third is not
        ("Lee", "Senator Lee of Ohio", True),
        ("the senator", "Lee", False),
        ("", "", True),
        ("Lee", "", False),
        ("", "Lee", False),
        ("the spy agency", "South Korea's spy agency", True),
        ("South Korea's spy agency", "the spy agency", False),  # 2 of its 5 words
    ],
)
def test_sources_agree(predicted: str, gold: str, agree: bool) -> None:
    assert sources_agree(predicted, gold) is agree


def test_score_article_is_one_to_one_and_levels_are_separate() -> None:
    gold = [GoldAttribution(((0, 100),), "Lee"), GoldAttribution(((200, 260),), "")]
    predicted = [
        PredictedClaim(0, 90, "Lee"),  # content and source
        PredictedClaim(5, 95, "Lee"),  # a duplicate: the gold is taken
        PredictedClaim(200, 250, "Kim"),  # content only: gold has no source
        PredictedClaim(400, 450, ""),  # nothing
    ]
    scores = AttributionScores()
    score_article(gold, predicted, scores)
    assert (scores.content.tp, scores.content.predicted, scores.content.gold) == (2, 4, 2)
    assert (scores.source.tp, scores.source.predicted, scores.source.gold) == (1, 4, 2)


def test_months() -> None:
    assert month_of("nyt_2016-05-03_slug") == "2016-05"
    assert month_of("undated_slug") is None
    assert parse_months("2015-11..2016-02") == {"2015-11", "2015-12", "2016-01", "2016-02"}
    assert parse_months("2016-05, 2016-07") == {"2016-05", "2016-07"}
    with pytest.raises(ValueError, match="not a month"):
        parse_months("May")


def test_missing_benchmark_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BenchmarkMissing, match="no attribution benchmark"):
        load_articles(tmp_path)


@pytest.mark.skipif(not BENCH.is_dir(), reason=f"attribution benchmark not found at {BENCH}")
def test_held_out_month_floors() -> None:
    subset = FLOORS["held_out_subset"]
    scores = evaluate_attribution(BENCH, parse_months(subset["months"]), subset["limit"]).as_dict()
    below = {
        name: (round(scores[name], 3), floor)
        for name, floor in subset["floors"].items()
        if scores[name] < floor
    }
    assert not below, f"scores below their floors (score, floor): {below}"


def test_split_quotation_halves_score_as_one_attribution() -> None:
    from newsgraph.evaluate.attribution import BenchArticle, fragments_jaccard, predicted_claims
    from newsgraph.records import AnalyzedArticle, Article, Claim

    text = "“We will win,” she said, “and soon.” Later he said it was over."
    article = Article.bare("a", text)

    def claim(index: int, start: int, end: int, c_start: int, c_end: int, speaker: str) -> Claim:
        return Claim(
            id=f"c{index}",
            article_id="a",
            start=start,
            end=end,
            speaker=speaker,
            speaker_entity_id=None,
            cue="say",
            stance="assert",
            direct=index < 2,
            content=text[c_start:c_end],
            content_start=c_start,
            content_end=c_end,
        )

    claims = [
        claim(0, 1, 23, 1, 12, "she"),  # “We will win,” she said
        claim(1, 15, 35, 26, 35, "she"),  # she said, “and soon.”
        claim(2, 43, 62, 51, 62, "he"),  # indirect, another cue
    ]
    analyzed = AnalyzedArticle(article=article, claims=claims)
    predicted = predicted_claims(BenchArticle("a", None, text, []), analyzed)
    assert [p.fragments for p in predicted] == [((1, 12), (26, 35)), ((51, 62),)]
    assert fragments_jaccard([(0, 13), (25, 36)], predicted[0].fragments) == pytest.approx(20 / 24)


def test_quotation_halves_join_past_a_claim_between_them() -> None:
    from newsgraph.evaluate.attribution import BenchArticle, predicted_claims
    from newsgraph.records import AnalyzedArticle, Article, Claim

    text = "“We won,” she said, mocking the polls. “It is over.”"
    article = Article.bare("a", text)

    def claim(index: int, span: tuple[int, int], content: tuple[int, int], cue: str) -> Claim:
        return Claim(
            id=f"c{index}",
            article_id="a",
            start=span[0],
            end=span[1],
            speaker="she",
            speaker_entity_id=None,
            cue=cue,
            stance="assert",
            direct=cue == "say",
            content=text[content[0] : content[1]],
            content_start=content[0],
            content_end=content[1],
        )

    claims = [
        claim(0, (1, 18), (1, 7), "say"),  # “We won,” she said
        claim(1, (10, 37), (28, 37), "mock"),  # she ... mocking the polls
        claim(2, (10, 51), (40, 51), "say"),  # she said ... “It is over.”
    ]
    analyzed = AnalyzedArticle(article=article, claims=claims)
    predicted = predicted_claims(BenchArticle("a", None, text, []), analyzed)
    assert [p.fragments for p in predicted] == [((1, 7), (40, 51)), ((28, 37),)]


def test_cached_parses_score_as_fresh_ones_and_months_are_kept(tmp_path: Path) -> None:
    from newsgraph.evaluate.attribution import cached_analyse

    bench = tmp_path / "bench"
    (bench / "text").mkdir(parents=True)
    (bench / "attributions").mkdir()
    pages = {
        "wire_2016-01-04_dam": "Dam holds\n\nThe mayor said the dam held through the storm.",
        "wire_2016-02-09_vote": "Vote due\n\nThe council will vote on Tuesday, officials said.",
    }
    for name, text in pages.items():
        (bench / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        body = text.index("\n\n") + 2
        content = text.find("the dam") if "dam held" in text else body
        end = text.index(".", content) if "dam held" in text else text.index(",")
        source = "The mayor" if "mayor" in text else "officials"
        at = text.index(source)
        ann = (
            f"T1\tSource {at} {at + len(source)}\t{source}\n"
            f"T2\tContent {content} {end}\t{text[content:end]}\n"
            f"T3\tAttribution {at} {at + 1}\tx\n"
            "E1\tAttribution:T3 Content:T2 Source:T1\n"
        )
        (bench / "attributions" / f"{name}_0001.ann").write_text(ann, encoding="utf-8")
    cache = tmp_path / "cache"
    fresh = evaluate_attribution(bench)
    first = evaluate_attribution(bench, analyse=cached_analyse(cache))
    parses = sorted(cache.rglob("*.spacy"))
    again = evaluate_attribution(bench, analyse=cached_analyse(cache))
    assert len(parses) == 2 and sorted(cache.rglob("*.spacy")) == parses
    assert fresh.as_dict() == first.as_dict() == again.as_dict()
    assert fresh.source.tp == 2
    assert sorted(again.by_month) == ["2016-01", "2016-02"]
    assert [m.source.tp for _, m in sorted(again.by_month.items())] == [1, 1]
