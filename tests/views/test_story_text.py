"""The answer-first dossier as terminal lines, on the linked test corpus."""

from __future__ import annotations

from newsgraph.store import open_store
from newsgraph.views.dossier import story_answer
from newsgraph.views.story_text import story_lines
from tests.views.web.corpus import build_corpus


def test_story_lines_answer_first(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    try:
        corpus = build_corpus(store)
        lines = story_lines(story_answer(store, corpus.story))
    finally:
        store.close()
    text = "\n".join(t for _, t in lines)
    headings = [t for style, t in lines if style == "heading"]
    assert headings == [
        "THE ANSWER",
        "CONTESTED",
        "WHO SAYS WHAT",
        "FIGURES",
        "INCIDENTS",
        "SOURCES BY ORIGIN",
    ]
    answer = text[text.index("THE ANSWER") : text.index("CONTESTED")]
    assert "DEPLOY · North Korean soldiers [contested]" in answer
    assert "10,000 according to officials" in answer and "12,000 according to Kyiv" in answer
    assert "2 outlets · 2 independent sources" in answer
    assert "North Korea sends soldiers to Russia · 1 report" in text
    assert "└ copy:" in text


def test_a_pronoun_speaker_shows_whom_it_stands_for() -> None:
    from newsgraph.records import Statement
    from newsgraph.views.dossier import _who

    def said_by(speaker: str | None, source: str | None) -> Statement:
        return Statement(
            None, "c1", None, None, None, None, speaker, "a1", "x.com", None, source=source
        )

    names = {"e1": "Doug Cooke"}
    assert _who(said_by("he", "e1"), names) == "Doug Cooke (“he”)"
    # a name as written stays as written; an unresolved pronoun too
    assert _who(said_by("NASA's Doug Cooke", "e1"), names) == "NASA's Doug Cooke"
    assert _who(said_by("she", None), names) == "she"
    assert _who(said_by(None, None), names) == "x.com (no source named)"


def test_dates_read_as_a_person_writes_them() -> None:
    from newsgraph.views.charts import shown_when

    assert shown_when("1300/1399") == "14th century"
    assert shown_when("2009/2018") == "2009–2018"
    assert shown_when("2019-11-19") == "2019-11-19"
    assert shown_when(None) == "undated" and shown_when("", "") == ""


def _with_lone_claims(tmp_path, rows):  # type: ignore[no-untyped-def]
    """The story's answer before and after adding claims of Noem's (content, form) to its
    first article, and the text lines after."""
    import sqlite3

    path = tmp_path / "s.db"
    store = open_store(f"sqlite:///{path}")
    try:
        corpus = build_corpus(store)
        before = story_answer(store, corpus.story)
    finally:
        store.close()
    article_id = before.dossier.articles[0].id
    with sqlite3.connect(path) as db:
        for n, (content, form) in enumerate(rows):
            db.execute(
                'INSERT INTO claims (id, article_id, start, "end", speaker, cue, stance, direct,'
                " content, form) VALUES (?, ?, 0, 5, 'Noem', 'say', 'assert', 0, ?, ?)",
                (f"cx{n}", article_id, content, form),
            )
    store = open_store(f"sqlite:///{path}")
    try:
        after = story_answer(store, corpus.story)
        lines = "\n".join(t for _, t in story_lines(after))
    finally:
        store.close()
    return before, after, lines


def test_lone_claims_of_a_word_or_two_are_counted_not_listed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """ "Noem praised it": the claim is kept (the export has it), but "it" is no proposition an
    analyst can read alone, so the dossier counts such claims instead of listing them."""
    rows = [(c, None) for c in ("it", "the slogan", "the governor said the campaign works")]
    before, after, lines = _with_lone_claims(tmp_path, rows)
    titles = {p.title for p in after.propositions}
    assert "the governor said the campaign works" in titles
    assert not titles & {"it", "the slogan"}
    assert (before.fragments, after.fragments) == (0, 2)
    assert "2 attributions stating no proposition" in lines


def test_lone_claims_are_shown_by_form(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A lone claim naming a thing ("its losses") is counted with the fragments; one of what
    the speaker wants ("the troops to leave") is listed apart from the statements; a claim
    stored before forms existed (null) reads as a statement."""
    rows = [
        ("the losses of the whole network", "mention"),
        ("North Korean troops to leave Russia", "intention"),
        ("the campaign is working as planned", "statement"),
        ("the governor signed the order on Monday", None),
    ]
    before, after, lines = _with_lone_claims(tmp_path, rows)
    titles = {p.title for p in after.propositions}
    assert {
        "the campaign is working as planned",
        "the governor signed the order on Monday",
    } <= titles
    assert not titles & {"the losses of the whole network", "North Korean troops to leave Russia"}
    assert [p.title for p in after.intentions] == ["North Korean troops to leave Russia"]
    assert after.fragments == before.fragments + 1
    assert "WHAT THEY WANT, ASK OR DECIDE" in lines


def test_statements_are_not_listed_as_happenings(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A confirmation or a denial is something said ("Who says what" shows it): the incidents
    the dossier lists first are happenings of a named kind; statements go with the others."""
    import json
    import sqlite3

    path = tmp_path / "s.db"
    store = open_store(f"sqlite:///{path}")
    try:
        corpus = build_corpus(store)
    finally:
        store.close()
    with sqlite3.connect(path) as db:
        db.execute(
            'INSERT INTO incidents (id, story_id, action, label, "when", event_ids, article_ids,'
            " reports, independent_sources) VALUES ('ix1', ?, 'CONFIRM', 'Seoul confirmed it',"
            " NULL, ?, ?, 2, 2)",
            (corpus.story, json.dumps([]), json.dumps([])),
        )
        # "No one can prove that Pyongyang supplied shells": a supply no one told of
        db.execute(
            'INSERT INTO incidents (id, story_id, action, label, actor, "when", event_ids,'
            " article_ids, reports, independent_sources) VALUES ('ix2', ?, 'SUPPLY',"
            " 'No one prove', 'no one', NULL, ?, ?, 2, 2)",
            (corpus.story, json.dumps([]), json.dumps([])),
        )
    store = open_store(f"sqlite:///{path}")
    try:
        answer = story_answer(store, corpus.story)
    finally:
        store.close()
    assert [i.incident.action for i in answer.incidents] == ["DEPLOY"]
    assert sorted(i.incident.label for i in answer.other_incidents) == [
        "No one prove",
        "Seoul confirmed it",
    ]


def test_a_page_of_unknown_outlet_counts_as_an_outlet_of_its_own() -> None:
    """Pages without a URL name no outlet: each still carries the fact, so a fact on two of
    them and on one known outlet reads "3 outlets", never "0" or "1"."""
    from newsgraph.records import Fact, Statement
    from newsgraph.views.dossier import outlet_count

    def said(article: str, outlet: str | None) -> Statement:
        return Statement(
            None, f"c-{article}", None, None, None, None, "Officials", article, outlet, None
        )

    statements = [said("a1", None), said("a2", None), said("a3", "x.com"), said("a4", "x.com")]
    fact = Fact("f1", "s1", "CLAIM", "the bridge is closed", statements, 2, "corroborated", [])
    fact.outlets = ["x.com"]
    assert outlet_count(fact) == 3
    fact.outlets, fact.statements = [], statements[:2]
    assert outlet_count(fact) == 2


def test_an_incident_told_three_times_on_one_page_reads_as_one_report() -> None:
    """`reports` counts merged events; a reader counts pages: three mentions on one page are
    "3 mentions in 1 report", never "3 reports"."""
    from newsgraph.records import Incident
    from newsgraph.views.report import reported

    one_page = Incident("i1", "s1", "KILL", "crash", None, None, None, None, ["e1", "e2", "e3"])
    one_page.article_ids, one_page.reports = ["a1", "a1"], 3
    assert reported(one_page) == "3 mentions in 1 report"
    two_pages = Incident("i2", "s1", "KILL", "crash", None, None, None, None, ["e1", "e2"])
    two_pages.article_ids, two_pages.reports = ["a1", "a2"], 2
    assert reported(two_pages) == "2 reports"


def test_what_someone_only_wants_or_no_one_did_is_no_happening() -> None:
    from newsgraph.records import Incident
    from newsgraph.views.dossier import happening

    def incident(actor: str | None, events: list[str], action: str = "ATTACK") -> Incident:
        return Incident("i1", "s1", action, "x", actor, None, None, None, events)  # type: ignore[arg-type]

    planned = frozenset({"v1", "v2"})  # the events of "Kim vowed to destroy Ukrainian forces"
    assert not happening(incident("Kim", ["v1", "v2"]), planned)
    assert happening(incident("Kim", ["v1", "v3"]), planned)  # also reported as done
    assert not happening(incident("no one", ["v3"]), planned)
    assert not happening(incident("Seoul", ["v3"], "CONFIRM"), planned)
    assert happening(incident("Ukraine", ["v3"], "CAPTURE"))
