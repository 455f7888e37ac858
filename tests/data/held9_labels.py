"""Write held-9 labels (session 11): the as_of of every figure of eight bench pages no as_of
label file used, labelled by hand from the cleaned text (only `clean_text` run) before the
extractor met these pages for dating. Run from the repo root."""

import json
import os
from pathlib import Path

from newsgraph.clean.text import clean_text
from newsgraph.evaluate.extraction import load_pages

BENCH = Path("../shared/bench/extraction")
ids = {f[:8]: f[:-4] for f in os.listdir(BENCH / "text")}
# (page, text, context, as_of, note)
# fmt: off
R = [
    # CNBC, Coty and Kylie Jenner; printed "Published Tue, Nov 19 2019"
    ("ffc109d4", "more than 2%", "The stock added more than 2% to begin the week",
     "2019-W47", "'to begin the week': the week of publication, no day named"),
    ("ffc109d4", "$600 million", "in a deal worth $600 million",
     "2019-W47", "the deal 'announced at the beginning of the week' (a later sentence)"),
    ("ffc109d4", "more than 80%", "climbing more than 80% so far this year",
     "2019-11-19", "'so far this year': up to publication"),
    ("ffc109d4", "four", "It was down for four straight years",
     "2019-11-18", "quoted, 'Maley said on CNBC ... on Monday'"),
    ("ffc109d4", "well over 60%", "down well over 60%",
     "2019-11-18", "quoted, said on Monday"),
    ("ffc109d4", "$13.60", "break above $13.60",
     None, "a condition ('If it can ...')"),
    ("ffc109d4", "51%", "Coty acquired a 51% ownership position",
     "2019-W47", "'a deal announced at the beginning of the week'"),
    # USA Today / Argus Leader, South Dakota's meth campaign; "Published ... Nov 19, 2019"
    ("776a1c04", "$449,000", "just short of $449,000 this fall",
     "2019-10", "'this fall': a season is its middle month"),
    # cleveland.com, Doobie Brothers tour; "Posted Nov 19"
    ("35b15891", "25 years", "together for the first time in 25 years",
     None, "future ('The trek will feature'), no time in its clause"),
    # Hawaii News Now, water vapour on Europa; "November 18, 2019 at 2:26 PM HST"
    ("f344ca5f", "79", "one of Jupiter’s 79 moons",
     "2019-11-18", "present perfect, own authority"),
    ("f344ca5f", "two", "said two of the three requirements",
     None, "reported, 'he said' with no date of its telling"),
    ("f344ca5f", "three", "two of the three requirements",
     None, "reported, no date of its telling"),
    ("f344ca5f", "5,200 pounds", "they detected 5,200 pounds of water vapor",
     "2019-11-18", "reported in the article 'published Monday' (the sentence before)"),
    ("f344ca5f", "some 390 million miles", "located some 390 million miles away",
     "2019-11-18", "present, own authority"),
    # CNN, Trump's health; "Updated ... November 18, 2019"
    ("ef4e67b6", "73 years old", "Trump is 73 years old",
     "2019-11-18", "age, present"),
    ("ef4e67b6", "243 pounds", "he clocked in at 243 pounds",
     "2019-02", "'In his most recent physical exam -- conducted in February'"),
    ("ef4e67b6", "3-5 years", "in the following 3-5 years",
     "2018", "a risk as noted 'at the time' of the 2018 physical"),
    ("ef4e67b6", "a year", "a year later, Trump had made",
     "2019", "'a year later' after the 2018 physical: the time it reaches"),
    ("ef4e67b6", "more than 13,000", "Trump has made more than 13,000 false",
     None, "present perfect under 'according to': the source's undated finding"),
    ("ef4e67b6", "two years", "in the past two years",
     "2019-11-18", "'the past two years': the span up to publication"),
    # Los Angeles Times, the Gannett-GateHouse merger; "Nov. 19, 2019"
    ("8634d121", "263", "encompassing 263 daily news organizations",
     None, "future ('will have')"),
    ("8634d121", "more than a decade", "continuous cost-cutting for more than a decade",
     "2019-11-19", "'That’s produced' (present perfect), Doctor 'says'"),
    ("8634d121", "$300 million", "as much as $300 million",
     None, "an expectation ('he expects to wring')"),
    ("8634d121", "more than 60", "laid off more than 60 employees",
     "2019", "'Earlier this year'"),
    ("8634d121", "more than 90", "more than 90 other publications",
     "2019-11-19", "present ('which owns'), own authority"),
    ("8634d121", "25.2%", "the entire 25.2% stake",
     "2019-11-19", "'Alden on Tuesday announced'"),
    ("8634d121", "$13", "for $13 a share",
     "2019-11-19", "the same announcement, Tuesday"),
    ("8634d121", "$117.9 million", "or $117.9 million",
     "2019-11-19", "the same announcement, Tuesday"),
    ("8634d121", "30", "a chain of 30 newspapers",
     "2019-11-19", "an apposition describing the chain now"),
    ("8634d121", "$304.7 million", "a loss of $304.7 million",
     "2019-09-29", "'in the third quarter ended Sept. 29': the period's end"),
    ("8634d121", "$167.4 million", "on revenue of $167.4 million",
     "2019-09-29", "the same quarter"),
    ("8634d121", "more than $700 million", "long-term debt of more than $700 million",
     "2019-09-29", "the same report, the sentence after the quarter's"),
    ("8634d121", "$124 million", "minimum contribution of $124 million",
     "2020", "a planned payment 'next year'"),
    ("8634d121", "$16.50", "the firm bid $16.50 per share",
     "2018-12", "'In December', before a November publication"),
    ("8634d121", "$20", "short of the $20 reportedly demanded",
     "2018-12", "the offer of December, the sentence before ('who was then')"),
    ("8634d121", "two", "the two companies might have made",
     None, "hypothetical ('might have made')"),
    ("8634d121", "$500 million", "the San Diego Union-Tribune for $500 million",
     "2018-06", "'That deal closed in June 2018' (the sentence after)"),
    ("8634d121", "24.4%", "with 24.4% of the company as of March 20",
     "2019-03-20", "'as of March 20'"),
    ("8634d121", "$16 a share", "in 2014 at $16 a share",
     "2014", "its own year"),
    ("8634d121", "$8.5", "The stock is $8.5",
     None, "quoted ('Cooperman told Reed'), no date of its telling"),
    ("8634d121", "two more years", "After two more years of this",
     None, "hypothetical future"),
    # CBS Sports, the Browns-Steelers fight; "Nov 18, 2019 at 9:24 pm ET"
    ("08f79376", "one-game", "also received a one-game suspension",
     None, "undated past"),
    ("08f79376", "$250,000", "both teams received $250,000 fines",
     None, "undated past"),
    ("08f79376", "two", "when the two were on the ground",
     "2019-11-14", "during the fight of Thursday night (first sentence)"),
    ("08f79376", "four-game", "their four-game winning streak",
     "2019-11-14", "the streak ended in the game of the fight, Thursday"),
    # Live Science, the TNG50 simulation; "2019-11-19T12:48:14Z"
    ("3c5bf8db", "some 230 million light-years", "some 230 million light-years wide",
     "2019-11-19", "present, own authority"),
    ("3c5bf8db", "more than 20 billion", "tracked more than 20 billion particles",
     None, "undated past"),
    ("3c5bf8db", "13.8-billion-year", "over a 13.8-billion-year period",
     None, "undated past, same clause"),
    ("3c5bf8db", "two", "published in two articles",
     "2019-11-19", "present ('are published')"),
    ("3c5bf8db", "16,000", "required 16,000 processor cores",
     None, "undated past"),
    ("3c5bf8db", "more than a year", "running continuously for more than a year",
     None, "undated past"),
    ("3c5bf8db", "15,000 years", "take a single processor system 15,000 years",
     None, "hypothetical ('would take')"),
    ("3c5bf8db", "13.8 billion years", "as it is today 13.8 billion years after",
     "2019-11-19", "'today': the span reaches publication"),
]
# fmt: on
bodies = {
    p.id: clean_text(p.content, url=p.url).text
    for p in load_pages(BENCH, "text")
    if p.id[:8] in {r[0] for r in R}
}
rows = []
for p, text, ctx, as_of, note in R:
    body = bodies[ids[p]]
    assert body.count(ctx) == 1, (p, ctx, body.count(ctx))
    assert text in ctx, (p, text, ctx)
    rows.append(
        {
            "page": ids[p],
            "text": text,
            "context": ctx,
            "as_of": as_of,
            "batch": "held-9",
            "note": note,
        }
    )
with open("tests/data/asof_held9.jsonl", "w") as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(rows))
