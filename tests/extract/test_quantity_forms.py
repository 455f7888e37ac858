"""Every quantity a sentence states (SPEC.md, Quantity): money in every notation, percentages,
measures, durations and ages, ranges, fractions, multipliers, scores and changes; and the
numbers that are not quantities. Sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.records import AnalyzedArticle, Quantity


def _find(analysed: AnalyzedArticle, phrase: str) -> Quantity:
    found = [q for q in analysed.quantities if q.text == phrase]
    assert found, f"{phrase!r} not in {[q.text for q in analysed.quantities]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "phrase", "value", "unit"),
    [
        ("The insurer booked a loss of US$42.3m last year.", "US$42.3m", 42_300_000, "USD"),
        ("The state set aside RM3.1bil for new schools.", "RM3.1bil", 3_100_000_000, "MYR"),
        ("The cabinet cleared a ₹2,400 crore road plan.", "₹2,400 crore", 24_000_000_000, "INR"),
        ("A loaf now costs 95p at the corner shop.", "95p", 0.95, "GBP"),
        ("The fund lent 4.5 billion shekels to builders.", "4.5 billion shekels", 4.5e9, "ILS"),
        ("Customs seized 7 million ringgit in cash.", "7 million ringgit", 7e6, "MYR"),
        (
            "The club paid 12 million Australian dollars.",
            "12 million Australian dollars",
            12e6,
            "AUD",
        ),
        ("The miner raised A$61,200 from small investors.", "A$61,200", 61200, "AUD"),
        ("Fares rose to HK$9.80 this month.", "HK$9.80", 9.8, "HKD"),
        ("The council will spend Rp 7 trillion on drains.", "Rp 7 trillion", 7e12, "IDR"),
        ("A bottle of water costs 60 sen in the village.", "60 sen", 0.6, "MYR"),
        ("The rebate is worth about 40 euros a month.", "about 40 euros", 40, "EUR"),
    ],
)
def test_money_in_every_notation(
    analyse: Callable[..., AnalyzedArticle], text: str, phrase: str, value: float, unit: str
) -> None:
    q = _find(analyse(text), phrase)
    assert q.value == pytest.approx(value)
    assert (q.unit, q.kind) == (unit, "MONEY")


def test_rupees_follow_the_country_of_the_story(analyse: Callable[..., AnalyzedArticle]) -> None:
    assert (
        _find(analyse("Lahore traders lost Rs 40 billion in the strike."), "Rs 40 billion").unit
        == "PKR"
    )
    assert (
        _find(analyse("Mumbai traders lost Rs 40 billion in the strike."), "Rs 40 billion").unit
        == "INR"
    )


@pytest.mark.parametrize(
    ("text", "phrase", "value", "unit"),
    [
        ("Turnout reached 71 per cent in the north.", "71 per cent", 71, "percent"),
        ("Margins were 14pc, the chain said.", "14pc", 14, "percent"),
        ("The bank cut rates by 25 basis points.", "25 basis points", 25, "basis_point"),
        ("The train reached 290 km/h on the new line.", "290 km/h", 290, "km/h"),
        ("Police clocked the car at 110mph.", "110mph", 110, "mph"),
        ("The parcel weighed 3.5 kg.", "3.5 kg", 3.5, "kg"),
        ("The ship carries 9,000 tonnes of grain.", "9,000 tonnes", 9000, "tonne"),
        ("Overnight it fell to -7C in the hills.", "-7C", -7, "celsius"),
        ("The light travelled 2.998×10^8 metres.", "2.998×10^8 metres", 2.998e8, "m"),
        ("The line runs for a 3.2-kilometre stretch.", "3.2-kilometre", 3.2, "km"),
        ("The flight took 3 hours 40 minutes.", "3 hours 40 minutes", 220, "minute"),
        ("The 19-year-old was charged on Friday.", "19-year-old", 19, "year"),
        ("A woman aged 61 was hurt.", "61", 61, "year"),
        ("Tom Reyes, 47, runs the bakery.", "47", 47, "year"),
        ("The ceasefire lasted four days.", "four days", 4, "day"),
        ("Prices are three times the old level.", "three times", 3, "times"),
    ],
)
def test_percentages_measures_durations_and_ages(
    analyse: Callable[..., AnalyzedArticle], text: str, phrase: str, value: float, unit: str
) -> None:
    q = _find(analyse(text), phrase)
    assert q.value == pytest.approx(value)
    assert q.unit == unit


@pytest.mark.parametrize(
    ("text", "phrase", "low", "high", "unit"),
    [
        (
            "The plant will cost $1.5 billion to $1.9 billion.",
            "$1.5 billion to $1.9 billion",
            1.5e9,
            1.9e9,
            "USD",
        ),
        ("Eight to nine thousand fans came.", "Eight to nine thousand", 8000, 9000, None),
        ("The drone can fly 300-450 km.", "300-450 km", 300, 450, "km"),
        ("Rents rose 5-8% in the city.", "5-8%", 5, 8, "percent"),
        ("Works take 10-14 months.", "10-14 months", 10, 14, "month"),
    ],
)
def test_ranges(
    analyse: Callable[..., AnalyzedArticle],
    text: str,
    phrase: str,
    low: float,
    high: float,
    unit: str | None,
) -> None:
    q = _find(analyse(text), phrase)
    assert (q.value, q.low, q.high, q.unit) == (None, low, high, unit)


@pytest.mark.parametrize(
    ("text", "phrase", "value", "approx"),
    [
        ("Two-thirds of the seats were empty.", "Two-thirds", 0.6667, "exact"),
        ("Only 1 in 8 homes has solar panels.", "1 in 8", 0.125, "exact"),
        ("Almost half of the staff left.", "Almost half", 0.5, "about"),
        ("The town lost a quarter of its jobs.", "a quarter", 0.25, "exact"),
    ],
)
def test_fractions(
    analyse: Callable[..., AnalyzedArticle], text: str, phrase: str, value: float, approx: str
) -> None:
    q = _find(analyse(text), phrase)
    assert (q.value, q.unit, q.approx) == (value, "fraction", approx)


def test_a_score_is_two_quantities(analyse: Callable[..., AnalyzedArticle]) -> None:
    values = [
        q.value for q in analyse("The motion was carried 63-37 after a long debate.").quantities
    ]
    assert values == [63, 37]


@pytest.mark.parametrize(
    ("text", "phrase", "change"),
    [
        ("Exports rose 4.2% in June.", "4.2%", "up"),
        ("The index closed -1.3% on Friday.", "-1.3%", "down"),
        ("Shares were down 6 per cent at noon.", "6 per cent", "down"),
        ("The shop offers a 20% discount to students.", "20%", "down"),
        ("Profit was up £3.4m on the year.", "£3.4m", "up"),
        ("The rate was raised by 50 basis points to 5%.", "50 basis points", "up"),
        ("The rate was raised by 50 basis points to 5%.", "5%", None),
        ("Unemployment fell to 4.1% in May.", "4.1%", None),
        ("The carrier lost €3.5m in the quarter.", "€3.5m", None),
    ],
)
def test_changes(
    analyse: Callable[..., AnalyzedArticle], text: str, phrase: str, change: str | None
) -> None:
    q = _find(analyse(text), phrase)
    assert q.change == change
    assert q.value is not None and q.value > 0


@pytest.mark.parametrize(
    "text",
    [
        "The Dow Jones 30 and the FTSE 100 were closed.",
        "The airline flies its Boeing 777 jets to Lima.",
        "He upgraded to a Pixel 8 last week.",
        "Ministers of the G20 met in Rome.",
        "The plant meets ISO 9001 and ISO 14001-2 rules.",
        "The storm reached Category 5 on Monday.",
        "The law is set out in Article 50.",
        "Call 0161 496 0000 for details.",
        "The shop at 14 E 52nd St closed.",
        "Version 3.2.7 of the browser is out.",
        "LONDON, March 3 (Reuters) - The pound fell against the euro.",
        "Updated 18 November 2019. The pound fell against the euro.",
        "Dozens of people gathered, and hundreds more watched.",
        "The results were due at 10.45am, the office said.",
        "She came 3rd in the final.",
        "They fired 152mm artillery shells at the town.",
        "Savers can borrow from a 401(k) plan.",
        "She turned the hobby into a paying one later.",
        "Budget well.\n\n3. Establish your target number.",
        "They praised the 2001 reforms.",
    ],
)
def test_not_quantities(analyse: Callable[..., AnalyzedArticle], text: str) -> None:
    assert [q.text for q in analyse(text).quantities] == []


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Moscow sent 12,000 troops to the region.", 12000, "DEPLOY"),
        ("The navy shipped 3,000 containers of shells.", 3000, "SUPPLY"),
        ("There are now 4,000 troops sent to the border.", 4000, "DEPLOY"),
        ("Some 2,000 soldiers deployed near the river were killed.", 2000, "KILL"),
        (
            "The army lost 40% of its tanks, and shelling killed a third of the garrison.",
            0.3333,
            "KILL",
        ),
        ("Roughly 300 teams of police were deployed to the city.", 300, "DEPLOY"),
        ("The ministry paid $40 million for the trucks.", 40e6, "MONEY"),
    ],
)
def test_kind_from_the_figures_own_predicate(
    analyse: Callable[..., AnalyzedArticle], text: str, value: float, kind: str
) -> None:
    found = {q.value: q.kind for q in analyse(text).quantities}
    assert found.get(value) == kind, found


def test_digits_that_are_not_decimal_are_no_number(nlp) -> None:  # type: ignore[no-untyped-def]
    """Found by `make fuzz`: a circled or subscript digit ('⓺', '₉') passed str.isdigit and then
    failed float(), taking the whole page down."""
    from newsgraph.extract.quantities import find_numbers

    for text in ("Rescuers found ⓺ survivors.", "The ₉ʄ index rose.", "Area of 5 km² was hit."):
        find_numbers(nlp(text))  # no exception


@pytest.mark.parametrize(
    ("text", "figure", "value", "unit"),
    [
        ("He was jailed for two and a half years.", "two and a half years", 2.5, "year"),
        ("He left after five-and-a-half years.", "five-and-a-half years", 5.5, "year"),
        ("The war has lasted 1-1/2 years.", "1-1/2 years", 1.5, "year"),
        (
            "Temperatures dropped to minus 15 degrees Celsius.",
            "minus 15 degrees Celsius",
            -15.0,
            "celsius",
        ),
    ],
)
def test_mixed_numbers_and_a_written_minus(
    analyse: Callable[..., AnalyzedArticle], text: str, figure: str, value: float, unit: str
) -> None:
    (q,) = analyse(text).quantities
    assert (q.text, q.value, q.unit) == (figure, value, unit)


@pytest.mark.parametrize(
    "text",
    ["The 737 MAX has been grounded.", "The iPhone 11 Pro sells well."],
)
def test_a_model_number_is_no_quantity(analyse: Callable[..., AnalyzedArticle], text: str) -> None:
    assert analyse(text).quantities == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a change then the level, not a range
        (
            "Over the past decade, the population grew by 1.2 million to 10.5m.",
            [("1.2 million", 1_200_000.0, None, "up"), ("10.5m", 10_500_000.0, None, None)],
        ),
        (
            "The stock has risen nearly sixfold since 2015.",
            [("nearly sixfold", 6.0, "times", "up")],
        ),
        ("The stock trades at 25 times earnings.", [("25 times", 25.0, "times", None)]),
        ("The magnitude-7.1 quake hit.", [("magnitude-7.1", 7.1, "magnitude", None)]),
        ("The quake had a magnitude of 6.1.", [("6.1", 6.1, "magnitude", None)]),
        ("The fish weighed 12 pounds.", [("12 pounds", 12.0, "lb", None)]),
        ("He was fined 500 pounds for the overweight lorry.", [("500 pounds", 500.0, "GBP", None)]),
        (
            "The marathon winner finished in 2 hours 1 minute 39 seconds.",
            [("2 hours 1 minute 39 seconds", 7299.0, "second", None)],
        ),
        ("The ticket costs Dh250.", [("Dh250", 250.0, "AED", None)]),
        ("The fee is 500 Egyptian pounds.", [("500 Egyptian pounds", 500.0, "EGP", None)]),
        (
            "The Dow fell 120 points, or 0.4%, to 28,036.",
            [
                ("120 points", 120.0, "index_point", "down"),
                ("0.4%", 0.4, "percent", "down"),
                ("28,036", 28036.0, "index_point", None),
            ],
        ),
        (
            "The detector recorded 3.4e9 collisions per second.",
            [("3.4e9", 3.4e9, "per_second", None)],
        ),
    ],
)
def test_changes_multipliers_measures_and_rates(
    analyse: Callable[..., AnalyzedArticle],
    text: str,
    expected: list[tuple[str, float, str | None, str | None]],
) -> None:
    got = [(q.text, q.value, q.unit, q.change) for q in analyse(text).quantities]
    assert got == expected


def test_plus_after_a_number_is_at_least(analyse: Callable[..., AnalyzedArticle]) -> None:
    (q,) = analyse("The festival drew a crowd of 50,000-plus.").quantities
    assert (q.text, q.value, q.approx) == ("50,000-plus", 50000.0, "at_least")


def test_a_share_of_things_lost_is_no_fall_but_a_share_of_value_is(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    (water,) = analyse("Old pipes lose as much as 40% of their water.").quantities
    (value,) = analyse("The currency has lost nearly a fifth of its value.").quantities
    assert (water.change, value.change) == (None, "down")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count before a model designation counts the noun after it ...
        ("Workers installed the four RS-25 engines into the core stage.", ["four"]),
        # ... and the designation's letter is no unit ("F" is not Fahrenheit here)
        ("He ordered the two F-16 jets and the four MiG-29 fighters.", ["two", "four"]),
        ("Temperatures hit 75 F on Monday.", ["75 F"]),
    ],
)
def test_counts_before_a_model_designation(
    analyse: Callable[..., AnalyzedArticle], text: str, expected: list[str]
) -> None:
    assert [q.text for q in analyse(text).quantities] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # shares without "of"; fractions closing their phrase; one unit of time, bounded
        ("Half the seats were empty.", [("Half", 0.5, None, "fraction", "exact")]),
        (
            "Before the vote, half said they would stay home.",
            [("half", 0.5, None, "fraction", "exact")],
        ),
        ("She was half joking in the second half.", []),
        ("Costs fell by a third in May.", [("a third", 0.3333, None, "fraction", "exact")]),
        ("He won a third term.", []),
        (
            "The strike lasted more than a year.",
            [("more than a year", 1.0, None, "year", "at_least")],
        ),
        # multipliers glued to their number, and ratios
        ("The new drug is ~4x as potent.", [("~4x", 4.0, None, "times", "about")]),
        (
            "Cities grew between ~2x and ~5x faster.",
            [("~2x and ~5x", None, (2.0, 5.0), "times", "about")],
        ),
        ("Women outnumber men by 3 to 1 here.", [("3 to 1", 3.0, None, "times", "exact")]),
        (
            "The motion passed 12 to 1.",
            [("12", 12.0, None, None, "exact"), ("1", 1.0, None, None, "exact")],
        ),
        # a range of number words after a determiner, a unit shared along a list
        (
            "The two to three days of rain flooded roads.",
            [("two to three days", None, (2.0, 3.0), "day", "exact")],
        ),
        (
            "Shops gave a 10 or 15 percent discount.",
            [
                ("10", 10.0, None, "percent", "exact"),
                ("15 percent", 15.0, None, "percent", "exact"),
            ],
        ),
        (
            "Interest was just a quarter of 1 percent.",
            [("a quarter of 1 percent", 0.25, None, "percent", "exact")],
        ),
        # measures
        (
            "The engine makes 300 horsepower and 400 Nm.",
            [
                ("300 horsepower", 300.0, None, "hp", "exact"),
                ("400 Nm", 400.0, None, "Nm", "exact"),
            ],
        ),
        (
            "They farm a three-square-mile plot.",
            [("three-square-mile", 3.0, None, "sq_mile", "exact")],
        ),
        ("The 40-acre Riverside Country Club closed.", [("40-acre", 40.0, None, "acre", "exact")]),
        ("It has a 2.0-liter V6 engine.", [("2.0-liter", 2.0, None, "litre", "exact")]),
        ("The firm owns the three-hotel chain.", [("three", 3.0, None, None, "exact")]),
        # a move to a level, not a ceiling
        ("Rents have gone up to $2,100.", [("$2,100", 2100.0, None, "USD", "exact")]),
        (
            "The fund may hold up to $2 million.",
            [("up to $2 million", 2e6, None, "USD", "at_most")],
        ),
        # ages
        ("I'm 67 and still working.", [("67", 67.0, None, "year", "exact")]),
    ],
)
def test_forms_of_real_news(
    analyse: Callable[..., AnalyzedArticle],
    text: str,
    expected: list[tuple[str, float | None, tuple[float, float] | None, str | None, str]],
) -> None:
    got = [
        (q.text, q.value, (q.low, q.high) if q.value is None else None, q.unit, q.approx)
        for q in analyse(text).quantities
    ]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Nikkei lost 210 points, or 0.8%.", [("210 points", "down"), ("0.8%", "down")]),
        ("The rand weakened 1.1% against the dollar.", [("1.1%", "down")]),
        (
            "The error margin is plus or minus 2.5 percentage points.",
            [("2.5 percentage points", None)],
        ),
    ],
)
def test_moves_in_market_lines(
    analyse: Callable[..., AnalyzedArticle], text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert [(q.text, q.change) for q in analyse(text).quantities] == expected


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("The senator leads by a 12-point margin.", ["percentage_point"]),
        ("She won the state by 8 points in the election.", ["percentage_point"]),
        ("He scored 31 points as the Bulls won by 9 points.", ["point", "point"]),
    ],
)
def test_points_of_a_lead_are_percentage_points(
    analyse: Callable[..., AnalyzedArticle], text: str, units: list[str]
) -> None:
    assert [q.unit for q in analyse(text).quantities] == units


@pytest.mark.parametrize(
    "text",
    [
        "Call +44 (0)20 7946 0958 for tickets.",
        "See doi:10.1016/j.cell.2019.05_031-2 for details.",
        "Write to P.O. Box 4417, Springfield.",
        "Airbus 320 jets and Boeing 787 jets were parked.",
        "Ministers of the Group of Seven met in Rome.",
    ],
)
def test_identifiers_and_names_are_no_quantities(
    analyse: Callable[..., AnalyzedArticle], text: str
) -> None:
    assert analyse(text).quantities == []


def test_a_result_after_a_team_name_is_a_score(analyse: Callable[..., AnalyzedArticle]) -> None:
    got = [q.value for q in analyse("The Rangers beat the Boston Bruins 3-2 on Friday.").quantities]
    assert got == [3.0, 2.0]
