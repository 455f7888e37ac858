"""The rewrite index on real article bodies (../shared/bench/extraction)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsgraph.evaluate.rewrites import (
    derive_hard_pages,
    derive_pages,
    read_extraction_pages,
    score_rewrites,
)
from newsgraph.link.origins import origin_groups
from newsgraph.link.rewrites import (
    RewriteIndex,
    declared_outlets,
    quote_shingles,
    report_evidence,
)
from newsgraph.records import Claim, Quantity, Rewrite

TRUTH = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "extraction"


@pytest.fixture(scope="module")
def bodies() -> list[tuple[str, str]]:
    path = TRUTH / "ground-truth.json"
    if not path.is_file():
        pytest.skip(f"extraction bench not found at {path}")
    return read_extraction_pages(path)


def test_copy_is_found_as_copy(bodies: list[tuple[str, str]]) -> None:
    index = RewriteIndex()
    (a, text), (b, other) = bodies[0], bodies[1]
    assert index.add(a, text, published="2024-01-02") == []
    assert index.add(b, other, published="2024-01-02") == []  # unrelated page: no link
    found = index.add("copy", "  " + text.replace(". ", ".\n\n"), published="2024-01-03")
    assert found == [Rewrite("copy", a, "copy", 1.0)]


def test_earlier_page_is_the_source(bodies: list[tuple[str, str]]) -> None:
    index = RewriteIndex()
    pages = derive_pages(bodies[:1])
    index.add("late", pages[0].text, published="2024-05-02")
    (found,) = index.add("early", pages[2].text, published="2024-05-01")  # the near copy
    assert (found.article_id, found.source_article_id, found.kind) == ("late", "early", "rewrite")
    assert 0.6 <= found.similarity < 1.0


def test_declared_source_links_to_that_outlet(bodies: list[tuple[str, str]]) -> None:
    index = RewriteIndex()
    pages = derive_pages(bodies[:2])
    index.add("wire", pages[0].text, outlet="https://www.cna.com.sg/asia")
    index.add("other", pages[1].text, outlet="Example Times")
    found = index.add("paraphrase", pages[3].text, original_source="CNA")  # the spun rewrite
    assert [(r.source_article_id, r.kind) for r in found] == [("wire", "declared")]


def test_labelled_set_precision_and_recall(bodies: list[tuple[str, str]]) -> None:
    scores = score_rewrites(derive_pages(bodies[:40]))
    assert scores.precision >= 0.97
    assert scores.recall >= 0.97
    assert scores.recall_by_kind["copy"] == 1.0


def test_state_survives_dumps_and_loads(bodies: list[tuple[str, str]]) -> None:
    pages = derive_pages(bodies[:12])
    whole, first = RewriteIndex(), RewriteIndex()
    expected = [whole.add(p.id, p.text) for p in pages]
    half = len(pages) // 2
    got = [first.add(p.id, p.text) for p in pages[:half]]
    resumed = RewriteIndex.loads(first.dumps())
    got += [resumed.add(p.id, p.text) for p in pages[half:]]
    assert got == expected
    assert sum(len(r) for r in got) >= 24  # 12 originals x (copy, near, spun)


def test_origin_groups_are_connected_components() -> None:
    groups = origin_groups(
        [
            Rewrite("b", "a", "copy", 1.0),
            Rewrite("c", "b", "rewrite", 0.8),
            Rewrite("y", "x", "declared", 0.4),
        ]
    )
    assert groups["a"] == groups["b"] == groups["c"] == "a"
    assert groups["x"] == groups["y"] == "x"


def test_hard_forms_of_one_origin_are_found(bodies: list[tuple[str, str]]) -> None:
    """A copy cut short, a trimmed copy and a retelling each land in their original's group."""
    scores = score_rewrites(derive_hard_pages(bodies[:40]))
    assert scores.recall_by_kind["cut"] >= 0.97
    assert scores.recall_by_kind["trimmed"] >= 0.97
    assert scores.recall_by_kind["retold"] >= 0.9
    assert scores.precision >= 0.97


def test_first_half_of_a_page_is_a_copy(bodies: list[tuple[str, str]]) -> None:
    index = RewriteIndex()
    _, text = bodies[3]
    index.add("whole", text, published="2024-03-01")
    half = text[: len(text) // 2].rsplit(" ", 1)[0]
    (found,) = index.add("half", half, published="2024-03-02")
    assert (found.source_article_id, found.kind) == ("whole", "copy")


RETELLINGS = [
    (
        "WASHINGTON (AP) — The agency counted 1,137 damaged homes on Tuesday, officials said. "
        '"We have never seen flooding move this fast through the valley," said the county '
        "emergency director Maria Lopez, adding that crews would work through the night. "
        "Roads into the town stayed closed and schools will not open this week, the agency "
        "said, while volunteers filled sandbags outside the fire station."
    ),
    (
        "Floodwater tore through the valley overnight. Emergency director Maria Lopez told "
        'reporters: "We have never seen flooding move this fast through the valley." '
        "According to AP, 1,137 homes were damaged. Shops along the main street were shut and "
        "the mayor asked residents to stay off the roads until the water goes down again."
    ),
    (
        "Residents of the valley woke to water in their streets. Citing AP, the regional paper "
        'said 1,137 homes were hit. "We have never seen flooding move this fast through the '
        'valley," Maria Lopez said. Farmers moved cattle to higher ground while the river '
        "crested, and the national weather service warned of more rain later in the week."
    ),
]


def test_outlets_retelling_one_dispatch_form_one_origin_group() -> None:
    """Three outlets retell one agency dispatch in their own words: one origin group, so the
    dispatch counts as one independent source however many outlets repeat it."""
    index = RewriteIndex()
    found: list[Rewrite] = []
    evidence = {"1137|lopez"}
    for i, (text, outlet) in enumerate(
        zip(RETELLINGS, ("Valley Post", "Daily", "Regional"), strict=True)
    ):
        found += index.add(
            f"p{i}", text, published=f"2024-06-0{i + 1}", outlet=outlet, figures=evidence
        )
    groups = origin_groups(found)
    assert groups.get("p0") == groups.get("p1") == groups.get("p2") == "p0"
    assert {r.kind for r in found} <= {"rereport", "declared"}


def test_unrelated_pages_of_one_day_are_not_rereports(bodies: list[tuple[str, str]]) -> None:
    index = RewriteIndex()
    found = [
        r
        for i, (pid, text) in enumerate(bodies[:60])
        for r in index.add(pid, text, published="2024-02-01", outlet=f"outlet{i % 7}")
        if r.kind == "rereport"
    ]
    assert len(found) <= 2  # a few real pages do retell one report; most share nothing


POLNEAR = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "attribution" / "text"


def test_quotes_in_doubled_single_quotes_are_read() -> None:
    """Archive text writes quotes as ''like this'': a retelling's shared quotes are found there
    too (a real NYT debate report and Politico's report of the same debate)."""
    nyt = POLNEAR / "nyt_2016-03-12_republicans-lower-volume-in-deba.txt"
    politico = POLNEAR / "politico_2016-03-10_trump-s-rivals-pull-their-punche.txt"
    if not nyt.is_file():
        pytest.skip(f"PolNeAR texts not found at {POLNEAR}")
    nyt_quotes = quote_shingles(nyt.read_text(encoding="utf-8"), 4)
    politico_quotes = quote_shingles(politico.read_text(encoding="utf-8"), 4)
    assert nyt_quotes.size >= 50
    assert np.intersect1d(nyt_quotes, politico_quotes).size >= 5
    # a doubled quote closes at the first doubled mark, not at the last one in the text
    text = "''We will surely win this state,'' he said, and ''the polls are wrong about us,'' she said."
    assert quote_shingles(text, 4).size == 3 + 3
    # tokenised text opens with `` and closes with '': the narration between two quotes is none
    tokenised = (
        "`` We will surely win this state , '' he told the crowd at the fair on Sunday , "
        "`` and the polls are wrong about us . ''"
    )
    assert quote_shingles(tokenised, 4).size == 3 + 4


def _claim(article_id: str, speaker: str) -> Claim:
    return Claim(
        id=f"{article_id}-{speaker}",
        article_id=article_id,
        start=0,
        end=10,
        speaker=speaker,
        speaker_entity_id="entity",
        cue="said",
        stance="assert",
        direct=True,
        content="something",
    )


def test_pronoun_speakers_are_no_named_source() -> None:
    """'he said', 'I think' and 'The company said' are in every page: they must not count as a
    shared source, whatever entity speaker resolution gives them."""
    claims = [
        _claim("a", "he"),
        _claim("a", "Sen. Ted Cruz"),
        _claim("b", "I"),
        _claim("b", "They"),
    ]
    descriptions = [_claim("b", "The company"), _claim("b", "The statement")]
    _, sources = report_evidence(
        [], [*claims, _claim("b", "voters who"), _claim("b", "who"), *descriptions]
    )
    assert sources == {"a": {"cruz"}}


def _figure(value: float, speaker: str | None, counted: str | None) -> Quantity:
    return Quantity(
        id=f"q{value}", article_id="a", start=0, end=3, value=value, low=None, high=None,
        approx="exact", kind="OTHER", object=counted, unit="fraction", speaker=speaker,
        speaker_entity_id=None, as_of=None, claim_id=None,
    )  # fmt: skip


def test_a_figure_without_speaker_needs_what_it_counts() -> None:
    """'half' of nothing named is in every other page; a share of voters or a figure its
    speaker gave can tell which report a page retells."""
    figures, _ = report_evidence(
        [
            _figure(0.5, None, None),
            _figure(0.4, None, "likely voters"),
            _figure(1137, "Lopez", None),
        ],
        [],
    )
    assert figures == {"a": {"0.4|fraction|voters", "1137|lopez"}}


def test_the_saved_index_holds_the_window_not_every_page_seen(
    bodies: list[tuple[str, str]],
) -> None:
    """Pages that left the window leave the state (the store knows which articles were
    linked): the saved index grows with the window, not with every page seen; a page still in
    the window is not indexed twice."""
    index = RewriteIndex(window_days=10)
    for n, (page_id, text) in enumerate(bodies[:60]):
        index.add(page_id, text, published=f"2024-{1 + n // 15:02d}-{1 + 2 * (n % 15):02d}")
    assert index.add(bodies[59][0], bodies[59][1], published="2024-04-29") == []
    saved = index.dumps()
    assert len(index) < 10
    assert not any(page_id.encode() in saved for page_id, _ in bodies[:40])
    assert len(RewriteIndex.loads(saved)) == len(index)


@pytest.mark.parametrize("size", [0, 1, 4, 300, 4000])
def test_signature_is_datasketch_minhash(size: int) -> None:
    """The index computes MinHash values itself, in numpy: they must be datasketch's, bit for
    bit, or LSH buckets (and saved states) would no longer match."""
    from datasketch import MinHash

    index = RewriteIndex()
    rng = np.random.default_rng(size)
    shingles = np.unique(rng.integers(0, 2**63, size=size, dtype=np.uint64) * np.uint64(3))
    reference = MinHash(
        num_perm=index.params.num_perm, seed=7, hashfunc=lambda x: x, scheme="affine32"
    )
    reference.update_batch((shingles & np.uint64(0xFFFFFFFF)).astype(np.int64).tolist())
    signature = index._signature(shingles)
    assert signature.dtype == np.uint64
    assert np.array_equal(signature, np.asarray(reference.hashvalues, dtype=np.uint64))


def test_a_quote_left_open_at_its_paragraph_end_is_read() -> None:
    """News prints a quote of two paragraphs with no closing mark on the first; a quote of
    four words is one shingle of a retelling's evidence too."""
    text = (
        '"I am excited to be joining a club with such a great heritage.\n'
        '"The squad excites me," he said.'
    )
    assert quote_shingles(text, 4, every=True).size == 10 + 1
    assert quote_shingles(text, 4).size == 0  # the shingle count reads closed quotes of 6 words


@pytest.mark.parametrize(
    ("text", "known", "keys"),
    [
        ("Power was cut to 375,000 people, the Associated Press reported.", set(), ["ap"]),
        ("The plane was shot down, an insurgent source told Agence France-Presse.", set(), ["afp"]),
        ("Two soldiers died, Al Jazeera said on Wednesday.", {"aljazeera"}, ["aljazeera"]),
        ("Two soldiers died, Trump said on Wednesday.", {"aljazeera"}, []),
        # a site's address keeps the article its written name drops
        ("The vote slipped to May, according to The Hill.", {"thehill"}, ["thehill"]),
        ("The vote slipped to May, The Hill reported.", {"thehill"}, ["thehill"]),
        ("The vote slipped to May, The Hill reported.", {"hill"}, ["hill"]),
        ("The vote slipped to May, Hill reported.", {"thehill"}, []),
    ],
)
def test_outlets_named_as_a_source(text: str, known: set[str], keys: list[str]) -> None:
    """ "X reported", "X said" name a source as "according to X" does; a news agency is an
    outlet by whichever of its names a page prints."""
    assert declared_outlets(text, lambda key: key in known, agencies=True) == keys


QUOTATIONS = {"rereport_evidence": "quotations"}


def test_a_page_citing_an_agency_by_its_full_name_links_to_that_agency() -> None:
    index = RewriteIndex(**QUOTATIONS)
    wire = (
        "Pacific Gas and Electric began cutting power on Wednesday to some 375,000 people in 18 "
        "counties as dry winds returned, raising the risk of fires across the north of the state "
        "again. The utility said power would return from Thursday morning once the winds ease."
    )
    index.add("wire", wire, published="2019-11-20", outlet="AP")
    client = (
        "Across the north of the state the lights went out again. Pacific Gas and Electric began "
        "cutting power on Wednesday to some 375,000 people in 18 counties, the Associated Press "
        "reported. Crews were standing by in the foothills and schools closed early."
    )
    (found,) = index.add("client", client, published="2019-11-20", outlet="Valley Post")
    assert (found.source_article_id, found.kind) == ("wire", "declared")


REPORT = (
    "The minister announced on Monday that the state will build 40 new schools in the north by "
    '2027 at a cost of $2.1 billion. "Every child in this country deserves a classroom within '
    'walking distance of home," she told parliament. "We will pay for it without raising a '
    'single tax," she added, promising that work starts in the spring. Opposition members '
    "called the plan vague and asked where the teachers would come from."
)
RETELLING = (
    "Forty new schools are coming to the northern provinces. The minister told lawmakers that "
    '"every child in this country deserves a classroom within walking distance of home" and '
    'that the government would "pay for it without raising a single tax." Building begins next '
    "spring, and critics in parliament questioned where staff would be found for the new sites."
)
ONE_REMARK = (
    "Teachers' unions marched in the capital on Tuesday against a pay freeze, a day after the "
    'minister said "every child in this country deserves a classroom within walking distance of '
    'home" in parliament. Union leaders said buildings meant nothing without staff, and called '
    "for a strike ballot next month unless wages rise with inflation this year. Police put the "
    "crowd at several thousand, filling the avenue outside the finance ministry for hours, and "
    "organisers said buses had come from every region despite the rain and the early start."
)


def test_one_remark_quoted_in_another_story_is_not_a_retelling() -> None:
    """A retelling shares the report's quotes (two of them here) and its figures; a story of
    the next day that quotes one of its remarks shares one quote: not one origin."""
    index = RewriteIndex(**QUOTATIONS)
    index.add("report", REPORT, published="2024-03-04", outlet="A", figures={"40|minister"},
              sources={"minister"})  # fmt: skip
    retold = index.add("retold", RETELLING, published="2024-03-04", outlet="B",
                       figures={"40|minister"}, sources={"minister"})  # fmt: skip
    assert [(r.source_article_id, r.kind) for r in retold] == [("report", "rereport")]
    other = index.add("march", ONE_REMARK, published="2024-03-05", outlet="C",
                      sources={"minister"})  # fmt: skip
    assert other == []


def test_a_figure_inside_a_shared_quote_is_not_evidence_of_its_own() -> None:
    """ "Our 40 new schools will open by 2027" quoted in two stories is one remark: the figure
    its speaker gave inside it is that quote, not a second sign of one report."""
    quote = '"Our 40 new schools in the north will open their doors by 2027," the minister said.'
    first = (
        f"Parliament debated the budget on Monday. {quote} Opposition leaders called the plan "
        "vague and walked out of the chamber before the vote, which the government won narrowly. "
        "The finance committee will now examine the spending lines one by one, and the upper "
        "house is expected to take up the bill after the recess in the first week of May. "
        "Economists at the central bank warned that the deficit would widen next year unless "
        "revenue from the new fuel levy comes in above the treasury's cautious forecast."
    )
    second = (
        f"Teachers marched in the capital on Tuesday against a pay freeze. {quote} Union leaders "
        "said buildings meant nothing without staff and called for a strike ballot next month. "
        "Police put the crowd at several thousand, filling the avenue outside the ministry for "
        "hours, and organisers said buses had come from every region despite the heavy rain. "
        "The education ministry said talks with the unions would resume on Friday, and parents' "
        "groups asked both sides to keep schools open while they negotiate a settlement."
    )
    index = RewriteIndex(**QUOTATIONS)
    index.add("budget", first, published="2024-03-04", outlet="A", figures={"40|minister"},
              sources={"minister"})  # fmt: skip
    found = index.add("march", second, published="2024-03-05", outlet="C",
                      figures={"40|minister"}, sources={"minister"})  # fmt: skip
    assert found == []


def test_a_stock_phrase_many_pages_quote_is_no_sign_of_one_report() -> None:
    """Two pages sharing a quote, a figure and a source are one report's retellings when the
    quote is theirs alone; when many other live pages quote it too, it is a stock phrase."""
    slogan = '"we will never back down from this fight"'
    first = (
        f"The council voted to close the old bridge. {slogan}, the mayor said, adding that "
        "repairs would take two years and cost the town about 3.4 million. Drivers will use the "
        "ring road in the meantime, and a ferry for cyclists and walkers starts next month."
    )
    second = (
        f"The old bridge will shut after a council vote. The mayor vowed {slogan} and said "
        "engineers need two years for the repairs. Shop owners on the east bank fear losing trade "
        "while the detour lasts, and the chamber of commerce has asked for cheaper parking."
    )

    def linked(fillers: int) -> bool:
        index = RewriteIndex(rare_pages=2, **QUOTATIONS)
        for i in range(fillers):
            filler = (
                f"Rally number {i} drew a crowd to square {i} for the {i}th time on a cold day. "
                f"Speakers chanted {slogan} before marching to district {i} headquarters."
            )
            index.add(f"f{i}", filler, published="2024-03-01", outlet=f"o{i}")
        index.add("a", first, published="2024-03-04", outlet="A", figures={"3.4e+06|mayor"},
                  sources={"mayor"})  # fmt: skip
        found = index.add("b", second, published="2024-03-04", outlet="B",
                          figures={"3.4e+06|mayor"}, sources={"mayor"})  # fmt: skip
        return any(r.source_article_id == "a" for r in found)

    assert linked(0)
    assert not linked(8)


def test_saved_state_keeps_each_quote_apart() -> None:
    """The quotation of each quote shingle and the numbers inside quotes survive a save, so a
    resumed index tells one remark from a retelling as the running one does."""
    pages = [
        ("report", REPORT, "2024-03-04", "A", {"40|minister"}),
        ("retold", RETELLING, "2024-03-04", "B", {"40|minister"}),
        ("march", ONE_REMARK, "2024-03-05", "C", set()),
    ]

    def feed(
        index: RewriteIndex, part: list[tuple[str, str, str, str, set[str]]]
    ) -> list[list[Rewrite]]:
        return [
            index.add(
                pid, text, published=day, outlet=outlet, figures=figures, sources={"minister"}
            )
            for pid, text, day, outlet, figures in part
        ]

    expected = feed(RewriteIndex(**QUOTATIONS), pages)
    first = RewriteIndex(**QUOTATIONS)
    got = feed(first, pages[:1])
    resumed = RewriteIndex.loads(first.dumps())
    assert [p.quote_groups.tolist() for p in resumed._pages.values()] == [
        p.quote_groups.tolist() for p in first._pages.values()
    ]
    assert max(next(iter(resumed._pages.values())).quote_groups.tolist()) == 1  # two quotes
    got += feed(resumed, pages[1:])
    assert got == expected and expected[1] and not expected[2]


def test_a_state_saved_before_quotations_were_kept_loads() -> None:
    """A version-2 state has no quotation per quote shingle nor quoted numbers: it loads,
    each page's quotes read as one quotation."""
    from newsgraph.link.state import pack_state, unpack_state

    index = RewriteIndex()
    index.add("report", REPORT, published="2024-03-04", outlet="A")
    meta, arrays = unpack_state(index.dumps())
    meta["version"] = 2
    for page in meta["pages"]:
        page.pop("quoted")
    arrays.pop("quote_groups")
    loaded = RewriteIndex.loads(pack_state(meta, arrays))
    (page,) = loaded._pages.values()
    assert page.quotes.size > 0 and set(page.quote_groups.tolist()) == {0}
    assert loaded.add("retold", RETELLING, published="2024-03-04", outlet="B") == index.add(
        "retold", RETELLING, published="2024-03-04", outlet="B"
    )
