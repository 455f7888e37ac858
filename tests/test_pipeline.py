"""Stage A end to end on the real seed pages: cleaning, metadata, entities and quantities together."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.config import Settings
from newsgraph.ingest import iter_documents
from newsgraph.pipeline import analyze
from newsgraph.records import AnalyzedArticle, Quantity

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SEED_NK = EXAMPLES / "000_61ab118415a4fb65.txt"
SEED_CNA = EXAMPLES / "003_79bf5827e1dc1c2b.txt"


@pytest.fixture(scope="module")
def seeds() -> dict[str, AnalyzedArticle]:
    documents = [d for d in iter_documents([str(SEED_NK), str(SEED_CNA)])]
    outcomes = analyze(documents, Settings())
    assert all(isinstance(o, AnalyzedArticle) for o in outcomes), outcomes
    return {Path(o.article.source_id).name: o for o in outcomes if isinstance(o, AnalyzedArticle)}


def _find(quantities: list[Quantity], value: float) -> Quantity:
    matches = [q for q in quantities if q.value == value]
    assert matches, f"no quantity {value} among {[(q.text, q.value) for q in quantities]}"
    return matches[0]


def test_nk_seed_metadata_and_boilerplate(seeds: dict[str, AnalyzedArticle]) -> None:
    article = seeds[SEED_NK.name].article
    assert article.byline == "Omar Nasser"
    assert article.photo_credit == "AFP"
    assert article.language == "en" and article.analysed
    assert "WhatsApp" not in article.text
    assert any(b.kind == "promo" and "WhatsApp" in b.text for b in article.boilerplate)
    teasers = [b for b in article.boilerplate if b.kind == "teaser"]
    raw = SEED_NK.read_text(encoding="utf-8").splitlines()
    teaser_lines = raw[
        raw.index(next(line for line in raw if line.startswith("Emaar India Unveils"))) :
    ]
    assert len(teaser_lines) == 30  # fifteen headlines, each with its truncated summary
    removed = "\n".join(b.text for b in teasers)
    for line in teaser_lines:
        assert line.strip() not in article.text
        assert line.strip() in removed
    assert article.text.startswith("North Korea has confirmed")
    assert article.text.rstrip().endswith("even more dangerous.")


def test_nk_seed_quantities(seeds: dict[str, AnalyzedArticle]) -> None:
    quantities = seeds[SEED_NK.name].quantities
    sent = _find(quantities, 10_000)
    assert (sent.kind, sent.approx) == ("DEPLOY", "about")
    dead = _find(quantities, 300)
    assert (dead.kind, dead.approx) == ("KILL", "about")
    assert dead.speaker is not None and "South Korea" in dead.speaker
    text = seeds[SEED_NK.name].article.text
    assert text[sent.start : sent.end] in sent.text or sent.text in text[sent.start : sent.end]


def test_cna_seed_metadata_and_boilerplate(seeds: dict[str, AnalyzedArticle]) -> None:
    article = seeds[SEED_CNA.name].article
    assert article.original_source == "channelnewsasia.com"
    for removed in ("Fatima Khan is a dynamic journalist", "Loading Now", "Post Comment"):
        assert removed not in article.text
    kinds = {b.kind for b in article.boilerplate}
    assert {"bio", "comment_prompt"} <= kinds
    assert any(b.kind == "bio" and b.text.startswith("Fatima Khan") for b in article.boilerplate)


def test_cna_seed_quantities(seeds: dict[str, AnalyzedArticle]) -> None:
    quantities = seeds[SEED_CNA.name].quantities
    deminers = _find(quantities, 1_000)
    assert deminers.kind == "DEPLOY" and "deminers" in (deminers.object or "")
    builders = _find(quantities, 5_000)
    assert (builders.kind, builders.approx) == ("DEPLOY", "about")


def test_entities_are_canonical(seeds: dict[str, AnalyzedArticle]) -> None:
    names = {(m.name, m.type) for m in seeds[SEED_NK.name].mentions}
    assert ("North Korea", "GPE") in names
    assert not any(name.endswith(("'s", "’s")) for name, _ in names)
    assert ("Donald Trump", "PERSON") in names or ("Trump", "PERSON") in names


def test_offsets_point_into_the_clean_text(seeds: dict[str, AnalyzedArticle]) -> None:
    for analyzed in seeds.values():
        text = analyzed.article.text
        for record in [*analyzed.mentions, *analyzed.claims, *analyzed.quantities]:
            assert 0 <= record.start < record.end <= len(text)
        for m in analyzed.mentions:
            assert text[m.start : m.end] == m.text


def test_non_english_page_is_stored_but_not_analysed() -> None:
    from newsgraph.records import Document

    text = (
        "Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les "
        "agriculteurs touchés par la sécheresse. Selon le ministre, plus de dix mille "
        "exploitations recevront une aide avant la fin du mois."
    )
    (outcome,) = analyze([Document("f" * 64, "fr.txt", text, "text")], Settings())
    assert isinstance(outcome, AnalyzedArticle)
    assert outcome.article.language == "fr"
    assert not outcome.article.analysed
    assert outcome.mentions == [] and outcome.quantities == []
