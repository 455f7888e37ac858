"""Figures dated by their own time expressions, and `as_of` on hand-labelled real pages.

`tests/data/asof_real.jsonl`: 105 figures of twenty bench text scrapes (news of November 2019:
plague cases, a helicopter crash, a hostage swap, car sales, a prison scandal, a share sale,
market lines, a power shutoff, a football manager, solar targets...), each with
the date its text gives it, read by hand: the figure's own time expression (a span at its
end, a century as the ISO interval of its years, "last week" as an ISO week), else the dated
statement that reports it, the publication date for a figure stated as standing now
("remain", "have now been released"), null where the text gives none. Rows 1-46 were the
development set of the as_of rules; rows 47-82 (six more pages) were labelled by hand before
the rules of the day-of-clause, own-phrase and present-perfect changes were run on them, and
rows 83-105 (four more) before the last rules (comparison times, present markers in the
figure's phrase) were.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from newsgraph.evaluate.dating import evaluate_dating
from newsgraph.records import AnalyzedArticle

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / ".." / "shared" / "bench" / "extraction"
LABELS = REPO / "tests" / "data" / "asof_real.jsonl"
HELD = REPO / "tests" / "data" / "asof_held.jsonl"
FRESH = REPO / "tests" / "data" / "asof_fresh.jsonl"
HELD_6 = REPO / "tests" / "data" / "asof_held6.jsonl"
HELD_7 = REPO / "tests" / "data" / "asof_held7.jsonl"
HELD_8 = REPO / "tests" / "data" / "asof_held8.jsonl"
HELD_9 = REPO / "tests" / "data" / "asof_held9.jsonl"
HELD_10 = REPO / "tests" / "data" / "asof_held10.jsonl"
FLOORS = REPO / "tests" / "floors" / "extraction.json"
OWN_FLOORS = REPO / "tests" / "floors" / "quantities.json"


def as_of(found: AnalyzedArticle, text: str) -> str | None:
    (quantity,) = [q for q in found.quantities if q.text == text]
    return quantity.as_of


def test_a_figure_dated_in_its_own_century_is_not_dated_at_publication(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    found = analyse(
        "Both diseases are associated with the Black Death pandemic that killed an estimated "
        "25 million people in Europe alone in the 14th Century. It was known as the Black "
        "Death during the fourteenth century, causing more than 50 million deaths in Europe.",
        "2019-11-18",
    )
    assert as_of(found, "an estimated 25 million") == "1300/1399"
    assert as_of(found, "more than 50 million") == "1300/1399"


def test_a_figure_counted_among_another_takes_its_date(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    found = analyse(
        "From 2010 to 2015 there were 3248 cases reported worldwide, including 584 deaths.",
        "2019-11-18",
    )
    assert as_of(found, "3248") == "2015"
    assert as_of(found, "584") == "2015"


def test_as_of_on_labelled_real_pages() -> None:
    if not (BENCH / "ground-truth.json").is_file():
        pytest.skip(f"extraction benchmark not found at {BENCH.resolve()}")
    floor = json.loads(FLOORS.read_text(encoding="utf-8"))["as_of_real"]
    scores = evaluate_dating(LABELS, BENCH)
    assert scores.total == 105
    assert scores.accuracy >= floor, (scores.accuracy, scores.misses)


def test_as_of_on_figures_labelled_after_the_rules() -> None:
    """`asof_fresh.jsonl`: 47 figures of six more pages, each batch labelled before the
    rules of its day met it (see tests/data/README.md)."""
    if not (BENCH / "ground-truth.json").is_file():
        pytest.skip(f"extraction benchmark not found at {BENCH.resolve()}")
    floor = json.loads(OWN_FLOORS.read_text(encoding="utf-8"))["as_of_fresh"]["as_of_accuracy"]
    scores = evaluate_dating(FRESH, BENCH)
    assert scores.total == 47
    assert scores.accuracy >= floor, (scores.accuracy, scores.misses)


# Sets labelled before the extractor met them (see tests/data/README.md), floors at their
# figures: asof_held.jsonl (session 6, 30 figures, floors at the first score), asof_held6.jsonl
# (session 7, 23 figures, first 0.478 as_of / 0.894 value+kind), asof_held8.jsonl (session 9,
# 38 figures, first 0.447 / 0.806, then read for rules)
VALUED_SETS = [
    ("held", 30, "as_of_held"),
    ("held6", 23, "as_of_held_6"),
    ("held8", 38, "as_of_held_8"),
]


@pytest.mark.parametrize(("labels", "total", "key"), VALUED_SETS, ids=[s[0] for s in VALUED_SETS])
def test_as_of_and_values_on_the_held_pages(labels: str, total: int, key: str) -> None:
    if not (BENCH / "ground-truth.json").is_file():
        pytest.skip(f"extraction benchmark not found at {BENCH.resolve()}")
    floor = json.loads(OWN_FLOORS.read_text(encoding="utf-8"))[key]
    scores = evaluate_dating({"held": HELD, "held6": HELD_6, "held8": HELD_8}[labels], BENCH)
    assert scores.total == total
    assert scores.accuracy >= floor["as_of_accuracy"], (scores.accuracy, scores.misses)
    assert scores.value_kind_f1() >= floor["value_kind_f1"], scores.value_misses


def test_as_of_on_the_held_7_pages() -> None:
    """`asof_held7.jsonl`: 38 figures of thirteen pages labelled in session 8 before the
    extractor met them (see tests/data/README.md); first scored 0.632 (held-7a 0.529, held-7b
    0.714). Half a was read for rules, half b was not."""
    if not (BENCH / "ground-truth.json").is_file():
        pytest.skip(f"extraction benchmark not found at {BENCH.resolve()}")
    floor = json.loads(OWN_FLOORS.read_text(encoding="utf-8"))["as_of_held_7"]
    scores = evaluate_dating(HELD_7, BENCH)
    assert scores.total == 38
    assert scores.batch_accuracy("held-7a") >= floor["held_7a_accuracy"], scores.misses
    assert scores.batch_accuracy("held-7b") >= floor["held_7b_accuracy"], scores.misses


def test_as_of_on_the_held_9_pages() -> None:
    """`asof_held9.jsonl`: 53 figures of eight pages labelled in session 11 before the
    extractor dated them (see tests/data/README.md); held out in session 11 (0.396 on main's
    code, 0.415 after its rules), read for session 12's rules (0.755), in-sample since."""
    if not (BENCH / "ground-truth.json").is_file():
        pytest.skip(f"extraction benchmark not found at {BENCH.resolve()}")
    floor = json.loads(OWN_FLOORS.read_text(encoding="utf-8"))["as_of_held_9"]
    scores = evaluate_dating(HELD_9, BENCH)
    assert scores.total == 53
    assert scores.accuracy >= floor["as_of_accuracy"], (scores.accuracy, scores.misses)


def test_as_of_on_the_held_10_pages() -> None:
    """`asof_held10.jsonl`: 50 figures of seven pages labelled in session 12 before its
    rules (see tests/data/README.md); scored held out once: 0.720 on main's code, 0.760
    after the session's rules. Its misses are unread."""
    if not (BENCH / "ground-truth.json").is_file():
        pytest.skip(f"extraction benchmark not found at {BENCH.resolve()}")
    floor = json.loads(OWN_FLOORS.read_text(encoding="utf-8"))["as_of_held_10"]
    scores = evaluate_dating(HELD_10, BENCH)
    assert scores.total == 50
    # the misses stay out of the message: reading them would make the batch in-sample
    assert scores.accuracy >= floor["as_of_accuracy"], scores.accuracy


def test_what_there_were_takes_the_time_of_its_count(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    found = analyse(
        "According to WHO, there were 3,248 cases reported worldwide between 2010 and 2015, "
        "with 584 deaths.",
        "2019-11-18",
    )
    assert as_of(found, "3,248") == "2015"
    assert as_of(found, "584") == "2015"


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        # the figure's own clause, not the clause it hangs from
        (
            "The authority reported a third case on Sunday after two other cases were "
            "revealed last week.",
            "two",
            "2019-W46",
        ),
        # a time inside the figure's own noun phrase
        (
            "In addition to the three fatalities at a fuel plant on Tuesday, officials said "
            "another 30 people had been injured.",
            "three",
            "2019-11-12",
        ),
        # a time right after another figure belongs to that one
        (
            "The average price was $39,014, up from $38,373 a year ago and from $34,410 in "
            "October 2015.",
            "$34,410",
            "2015-10",
        ),
        # the article's own present perfect stands at publication
        ("Three people have died during protests in the capital.", "Three", "2019-11-18"),
        # a figure under a reporting verb keeps the report's date
        ("Officials said on Friday that 12 people had been detained.", "12", "2019-11-15"),
        # a reported present perfect is as of its report, which gives none
        ("More than 1,400 people have volunteered, the agency reported.", "More than 1,400", None),
        # a participle shares the time of the clause it hangs from
        (
            "The director acknowledged shortages on Tuesday, telling lawmakers that officials "
            "were trying to fill 3,000 vacancies.",
            "3,000",
            "2019-11-12",
        ),
        # a time naming the subject dates its clause
        (
            "NASA's Monday announcement increased the total of providers to 14.",
            "14",
            "2019-11-18",
        ),
        # an undated simple-past event the article tells itself is the news of its day ...
        ("The firm's shares fell nearly 9% in Oslo trading.", "nearly 9%", "2019-11-18"),
        # ... but not one it reports from a source
        ("Officials said 12 people died.", "12", None),
        # the time of a figure of comparison is that figure's
        (
            "The notes rose to yield 1.786%, down from 1.808% late on Monday.",
            "1.786%",
            "2019-11-18",
        ),
        # a marker of the present inside the figure's own phrase
        ("The 14 companies currently in the program can bid.", "14", "2019-11-18"),
        # "is set to" is a future
        ("The company is set to raise up to $12.9bn from the listing.", "up to $12.9bn", None),
        # a deadline after publication names a target, not the figure's date ...
        ("Seoul plans to install 30.8 GW of solar by 2030.", "30.8 GW", None),
        (
            "NASA will spend $2.6 billion on the contracts through November 2028.",
            "$2.6 billion",
            None,
        ),
        # ... one before it dates the figure
        ("The toll had risen to 12 by October, officials said.", "12", "2019-10"),
        # a time the parser hangs the figure on is the figure's
        ("Home Depot shares are up about 40% year to date.", "about 40%", "2019-11-18"),
        # "at that point" takes the time named just before
        (
            "The industry had a capacity of 8.69 GW at the end of 2017. Hanwha had 3.7 GW of "
            "cell capacity at that point.",
            "3.7 GW",
            "2017",
        ),
        # the date of the occasion a statement is made at
        ("He said at a Nov. 6 event that 12 had died.", "12", "2019-11-06"),
        # a present-tense report stands at publication
        (
            "The Associated Press reports that 28 people who came into contact with the "
            "patient were quarantined.",
            "28",
            "2019-11-18",
        ),
        # a figure of the day's market news without a reporting verb
        ("Spot gold added 0.1% to $1,472.19 an ounce.", "$1,472.19", "2019-11-18"),
        # what an embedded post states as now is as of the post
        (
            "Protests grew.\n\nWe have started distributing 50 lakh masks today\n\n"
            "— Arvind Kejriwal (@ArvindKejriwal) November 1, 2019\n\nThe haze stayed.",
            "50 lakh",
            "2019-11-01",
        ),
        # an age in a clause that gives no time is the one a person has at publication ...
        ("The US wants the UK to extradite Assange, 47, over his role.", "47", "2019-11-18"),
        # ... one in a dated clause is as of that time
        ("A case was reported on November 16 in a 55-year-old man.", "55-year-old", "2019-11-16"),
        # what the article states now "according to" a source stands at publication; an
        # infinitive takes the tense of the clause it hangs from
        (
            "According to reports, the bar is offering oxygen to anyone who is ready to pay "
            "Rs 300 for fresh air.",
            "Rs 300",
            "2019-11-18",
        ),
        # a modal covers the verb coordinated with it
        (
            "He could face up to 10 years in prison and have to pay $250,000 after pleading "
            "guilty.",
            "$250,000",
            None,
        ),
        # a figure counted among another, whose number has a qualifier, takes its date
        (
            "On October 18, more than 300 people, including one woman, were deported.",
            "one",
            "2019-10-18",
        ),
        # a day's part is that day; an adjectival participle is no clause of its own
        (
            "About a dozen owners were gathered in a shared workspace on Tuesday night.",
            "About a dozen",
            "2019-11-12",
        ),
        # quoted words no claim covers are someone's: not the article's news of the day
        ("\u201cGoing upstairs was a 30 min activity,\u201d the patient wrote.", "30 min", None),
        (
            "Here is how he put it: \u201cGoing upstairs was a 30 min activity.\u201d",
            "30 min",
            None,
        ),
        # a condition is hypothetical
        (
            "If the service gets to 100 games by the time the tier launches next year, that "
            "will be a big improvement.",
            "100",
            None,
        ),
        # a participle opening the sentence shares its time with the clause it hangs from
        ("Kicking off in June 2020, the 30-date run will mark the band's return.", "30", "2020-06"),
        # a nested figure of the article's own present perfect stands at publication
        (
            "After a three-year silence, there has been news about the film.",
            "three-year",
            "2019-11-18",
        ),
        # a coordinated verb shares its clause's time, a clause with its own subject keeps its
        ("The army killed 12 and wounded 30 on Friday.", "12", "2019-11-15"),
        (
            "Rescuers found 300 bodies, and on Friday heavy rain stopped the search.",
            "300",
            "2019-11-18",
        ),
        # a span of time in the undated past is part of a story, not the day's news ...
        (
            "The patient went to his doctor after experiencing three months of malaise.",
            "three months",
            None,
        ),
        # ... while a change told so is
        ("The firm's shares fell nearly 9%.", "nearly 9%", "2019-11-18"),
        # a date with no year in a schedule is the next one, in a headline's present the last
        ("The band will play 30 dates from June 9.", "30", "2020-06-09"),
        ("Car sales plunge nearly 17 percent in August.", "nearly 17 percent", "2019-08"),
        # the occasion of a "while" clause dates what was announced
        (
            "The band announced the 30-date tour while closing out their November 16th concert.",
            "30",
            "2019-11-16",
        ),
        # a figure in a past "After" clause is not dated by the present perfect it precedes
        (
            "After the party decided to wage a three-year campaign, the public has begun to tire.",
            "three-year",
            None,
        ),
        # a time the parser hangs on the speaker dates the telling
        (
            "(Alden on Tuesday announced that it had become the largest shareholder by "
            "acquiring the entire 25.2% stake.)",
            "25.2%",
            "2019-11-12",
        ),
        # the day that bounds a period dates what happened in it
        (
            "McClatchy reported a loss of $304.7 million in the third quarter ended Sept. 29.",
            "$304.7 million",
            "2019-09-29",
        ),
        # "so far this year" is up to now
        (
            "Those gains add to a major gain for shares, climbing more than 80% so far this year.",
            "more than 80%",
            "2019-11-18",
        ),
        # an explicit future time dates a planned figure
        (
            "The firm said it would not have the cash to make a contribution of $124 million "
            "to its fund next year.",
            "$124 million",
            "2020",
        ),
        # an infinitive that only places the clause in time dates it
        (
            "The stock added more than 2% to begin the week after the brand took a stake.",
            "more than 2%",
            "2019-W47",
        ),
        # a condition covers the verb coordinated under it
        (
            "If it can take it a little bit further and break above $13.60, that will confirm "
            "its trend.",
            "above $13.60",
            None,
        ),
        # "over the last 18 months" is no bound but a span up to publication too
        ("Over the last 18 months, prices rose 12%.", "18 months", "2019-11-18"),
        # "the past two years" is a span up to publication
        (
            "He did not have that physical done over multiple days in the past two years.",
            "two years",
            "2019-11-18",
        ),
        # the writer's description of a name stands at publication ...
        (
            "NASA scientists have confirmed the presence of water vapor on Europa, one of "
            "Jupiter's 79 moons.",
            "79",
            "2019-11-18",
        ),
        (
            "Sacramento-based McClatchy, a chain of 30 newspapers, may be another canary.",
            "30",
            "2019-11-18",
        ),
        # ... unless a past marker of its own sets it in the past
        ("The offer fell short of the demand of Ferro, then the holder of 25%.", "25%", None),
        # the time of an occasion a participle describes dates the clause set at it
        (
            "In his most recent physical exam -- conducted in February -- he clocked in at 243 "
            "pounds.",
            "243 pounds",
            "2019-02",
        ),
        # an undated past after the story's lead is its background, not the day's news ...
        (
            "The model is the largest yet. It is out today. It was built in Germany. Its "
            "authors hope for more. The simulation required 16,000 processor cores.",
            "16,000",
            None,
        ),
        # ... but a market move is the day's wherever it sits
        (
            "The model is the largest yet. It is out today. It was built in Germany. Its "
            "authors hope for more. Shares of its maker fell 2%.",
            "2%",
            "2019-11-18",
        ),
        # a participle on a noun that sums up the clause dates it
        (
            "Coty acquired a 51% ownership position in the portfolio, a deal announced at the "
            "beginning of the week.",
            "51%",
            "2019-W47",
        ),
        # a report dated by the article it appeared in, told the sentence before
        (
            "The discovery was announced in an article published Monday. Paganini and his team "
            "reported that they detected 5,200 pounds of water vapor.",
            "5,200 pounds",
            "2019-11-18",
        ),
        # a present or present progressive report stands now, whatever its verb ...
        ("Police believe 20 people were involved.", "20", "2019-11-18"),
        ("Health officials are reporting 14 new cases.", "14", "2019-11-18"),
        # ... a present perfect one is as of its undated finding
        ("Officials have confirmed that 12 people died in the blast.", "12", None),
    ],
)
def test_a_figure_takes_the_date_of_its_nearest_clause(
    analyse: Callable[..., AnalyzedArticle], text: str, figure: str, expected: str | None
) -> None:
    assert as_of(analyse(text, "2019-11-18"), figure) == expected
