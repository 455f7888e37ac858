"""The learned filter over the cue model's candidates: its features, its weights, its use."""

from __future__ import annotations

from spacy.language import Language

from newsgraph.extract.claim_filter import (
    ClaimFilter,
    features,
    load_claim_filter,
    load_object_filter,
    object_trial,
    proposing,
    trial,
)
from newsgraph.extract.claims import find_attributions
from newsgraph.extract.cue_model import load_cue_model
from newsgraph.extract.train_claim_filter import fit_filter

TEXT = "Sanders wants to win California. The senator praised the plan in an interview."


def test_features_name_the_candidate_shape(nlp: Language) -> None:
    cues = load_cue_model()
    assert cues is not None
    doc = nlp(TEXT)
    with trial(None):
        wants = next(a for a in find_attributions(doc) if a.cue == "want")
    names = features(doc, wants, False, cues)
    assert {"w=want", "fr=xcomp", "sp=1", "first=to", "after=1"} <= set(names)


def test_features_name_the_verbs_form_and_whether_the_content_is_a_name(nlp: Language) -> None:
    cues = load_cue_model()
    assert cues is not None
    doc = nlp("Most union members support Senator Ruiz.")
    with trial(ClaimFilter({}, bias=5.0, threshold=0.5, candidate=0.2)):
        support = next(a for a in find_attributions(doc) if a.cue == "support")
    names = set(features(doc, support, False, cues))
    assert {"tag=VBP", "rootent=PERSON", "fr=dobj"} <= names


def test_the_filter_drops_what_its_weights_reject(nlp: Language) -> None:
    cues = load_cue_model()
    assert cues is not None
    doc = nlp(TEXT)
    reject = ClaimFilter({"w=praise": -20.0}, bias=5.0, threshold=0.5, candidate=cues.threshold)
    keep = ClaimFilter({}, bias=5.0, threshold=0.5, candidate=cues.threshold)
    with trial(keep):
        kept = {a.cue: a.learned for a in find_attributions(doc)}
    assert kept.get("praise") is True and "want" in kept
    with trial(reject):
        cues_left = {a.cue for a in find_attributions(doc)}
    assert "praise" not in cues_left and "want" in cues_left  # the lexicon's claims stay


def test_a_stance_towards_an_object_is_sifted_by_the_object_filter(nlp: Language) -> None:
    cues = load_cue_model()
    assert cues is not None
    doc = nlp(TEXT)
    keep = ClaimFilter({}, bias=5.0, threshold=0.5, candidate=cues.threshold)
    reject = ClaimFilter({}, bias=-5.0, threshold=0.5, candidate=cues.threshold)
    with trial(keep), object_trial(reject):
        found = {a.cue: a.attitude for a in find_attributions(doc)}
    # "praised the plan" is a stance towards an object, "wants to win" an intention
    assert "praise" not in found and found.get("want") is False
    with trial(reject), object_trial(keep):
        found = {a.cue: a.attitude for a in find_attributions(doc)}
    assert found.get("praise") is True


def test_the_shipped_object_filter_is_its_own() -> None:
    sieve, objects = load_claim_filter(), load_object_filter()
    assert sieve is not None and objects is not None and objects != sieve
    assert objects.candidate == sieve.candidate and 0.0 < objects.threshold < 1.0


def test_the_shipped_filter_proposes_below_the_cue_models_threshold() -> None:
    cues, sieve = load_cue_model(), load_claim_filter()
    assert cues is not None and sieve is not None
    assert sieve.candidate < cues.threshold
    lowered = proposing(cues, sieve)
    assert lowered.threshold == sieve.candidate and lowered.counts is cues.counts
    assert proposing(cues, sieve) is lowered  # built once
    assert 0.0 < sieve.threshold < 1.0 and len(sieve.weights) > 100


def test_fit_learns_the_sign_of_a_feature() -> None:
    rows = [(["w=good", "pos=VERB"], True)] * 20 + [(["w=bad", "pos=VERB"], False)] * 20
    fitted = fit_filter(rows, threshold=0.5)
    assert fitted.weights["w=good"] > 0 > fitted.weights["w=bad"]
    assert fitted.probability(["w=good", "pos=VERB"]) > 0.5 > fitted.probability(["w=bad"])
