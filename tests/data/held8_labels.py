"""Write held-8 labels (session 9): value, kind, source and as_of of every figure of six bench
pages no other figure label file used, labelled by hand from the cleaned text (only
`clean_text` run) before the extractor met these pages. Run from the repo root."""

import json
import os
from pathlib import Path

from newsgraph.clean.text import clean_text
from newsgraph.evaluate.extraction import load_pages

BENCH = Path("../shared/bench/extraction")
ids = {f[:8]: f[:-4] for f in os.listdir(BENCH / "text")}
# (page, text, context, as_of, speaker, entity, source case, kind, value, low, high, unit, note)
# fmt: off
R = [
    ("851498a2", "Three years", "Three years ago, over breakfast", "2019-11-15", None, None,
     "own", "OTHER", 3, None, None, "year", "'N years ago': the span up to publication"),
    ("851498a2", "$200", "started at $200 on Amazon", "2016", None, None,
     "own", "MONEY", 200, None, None, "USD", "'At the time' = three years ago"),
    ("851498a2", "18 months", "It would take me 18 months", None, None, None,
     "own", "OTHER", 18, None, None, "month", "undated"),
    ("851498a2", "Over a decade", "Over a decade before George", None, None, None,
     "own", "OTHER", 1, None, None, "decade", "undated past"),
    ("851498a2", "two", "the first child of two pharmacists", "1957", None, None,
     "own", "OTHER", 2, None, None, None, "'born ... in 1957'"),
    ("851498a2", "9", "at the age of 9", None, None, None,
     "own", "OTHER", 9, None, None, "year", "age in an undated past"),
    ("851498a2", "16", "At 16, he went", None, None, None,
     "own", "OTHER", 16, None, None, "year", "age in an undated past"),
    ("851498a2", "$3,000", "amassed a $3,000 library fine", None, None, None,
     "own", "MONEY", 3000, None, None, "USD", "undated past"),
    ("851498a2", "two years", "He dropped out after two years", None, None, None,
     "own", "OTHER", 2, None, None, "year", "undated past"),
    ("851498a2", "five",
     "five books based in that world, with that power, he would’ve been George R.R. Martin.” — Neil",
     None, "Neil Gaiman", "Neil Gaiman", "quote", "OTHER", 5, None, None, None,
     "pull quote credited after a dash; hypothetical"),
    ("851498a2", "five", "Gaiman put it, “Had he taken The Dragon Waiting and written a sequence of five",
     None, "Gaiman", "Neil Gaiman", "said", "OTHER", 5, None, None, None,
     "'As Gaiman put it'; hypothetical"),
    ("851498a2", "the tenth", "only seeing the tenth of the iceberg", None, "she", "Jo Walton",
     "pronoun", "OTHER", 0.1, None, None, "fraction", "quote, 'she said'; generic"),
    ("851498a2", "at least one", "contain at least one lengthy stretch", "2019-11-15", None, None,
     "own", "OTHER", 1, None, None, None, "present, own authority"),
    ("851498a2", "one", "stuck to one genre", None, "Patrick Nielsen Hayden",
     "Patrick Nielsen Hayden", "said", "OTHER", 1, None, None, None,
     "paraphrase continuing his quote, same sentence; hypothetical"),
    ("851498a2", "two", "Ford opted instead to write two Star Trek novels", None, None, None,
     "own", "OTHER", 2, None, None, None, "undated past"),
    ("851498a2", "one", "All it took was one bad infection", None, "Teresa Nielsen Hayden",
     "Teresa Nielsen Hayden", "trailing", "OTHER", 1, None, None, None,
     "quoted, no date of its telling"),
    ("851498a2", "two", "The two became romantically involved in 1993", "1993", None, None,
     "own", "OTHER", 2, None, None, None, "its own year"),
    ("851498a2", "two years", "had been married for two years", "1993", None, None,
     "own", "OTHER", 2, None, None, "year", "'when she and Mike began dating', the sentence before gives 1993"),
    ("851498a2", "two", "The two had “married,”", None, None, None,
     "own", "OTHER", 2, None, None, None, "undated past"),
    ("851498a2", "140,000", "over 140,000 words long", None, None, None,
     "own", "OTHER", 140000, None, None, None, "'In his final years', undated"),
    ("851498a2", "Two months", "Two months later, he died", "2006-09", None, None,
     "own", "OTHER", 2, None, None, "month", "two months after 'July 27, 2006' of the paragraph before"),
    ("851498a2", "one", "She would have one phone conversation", None, None, None,
     "own", "OTHER", 1, None, None, None, "undated past"),
    ("851498a2", "two", "the two Star Trek novels remained in print", "2018", None, None,
     "own", "OTHER", 2, None, None, None, "'By 2018'"),
    ("851498a2", "three", "on three separate occasions they had written", None, "they", None,
     "pronoun", "OTHER", 3, None, None, None, "'they volunteered that'; past perfect, no time"),
    ("851498a2", "a decade", "contact with her in a decade", None, "Patrick Nielsen Hayden",
     "Patrick Nielsen Hayden", "neighbour", "OTHER", 1, None, None, "decade",
     "'According to Patrick Nielsen Hayden' two sentences before; 'he' is him"),
    ("851498a2", "a year", "after a year of delicate back-and-forth", "2019-11-15", None, None,
     "own", "OTHER", 1, None, None, "year", "present perfect 'have reached'"),
    ("ac1bfdd4", "nearly 25 years", "for the first time in nearly 25 years", "2020-06-09", None, None,
     "own", "OTHER", 25, None, None, "year", "planned: the trek 'kicks off June 9th' (next June)"),
    ("ac1bfdd4", "30-date", "announced the 30-date jaunt", "2019-11-18", "The Doobie Brothers",
     "The Doobie Brothers", "said", "OTHER", 30, None, None, None,
     "announced 'while closing out their November 18th concert'"),
    ("ac1bfdd4", "four", "appearing on four albums", "1982", None, None,
     "own", "OTHER", 4, None, None, None, "the end of the period it counts (1975 until 1982)"),
    ("f5c90a6d", "Twenty-two months", "Twenty-two months, over 20 lawyers", None, None, None,
     "own", "OTHER", 22, None, None, "month", "undated past"),
    ("f5c90a6d", "over 20", "over 20 lawyers and investigators", None, None, None,
     "own", "OTHER", 20, None, None, None, "undated past"),
    ("f5c90a6d", "$35 million", "and $35 million later", None, None, None,
     "own", "MONEY", 35000000, None, None, "USD", "undated past"),
    ("f5c90a6d", "one day", "is one day nearer to allowing", "2019-11-19", None, None,
     "own", "OTHER", 1, None, None, "day", "present, own authority"),
    ("f5c90a6d", "90 percent", "seasoned with 90 percent negative media coverage", "2019-11-19",
     None, None, "own", "OTHER", 90, None, None, "percent", "present, own authority"),
    ("f5c90a6d", "three-year-long", "wage a three-year-long presidential abortion", None, None, None,
     "own", "OTHER", 3, None, None, "year", "simple past in an 'After' clause, no time"),
    ("e7994d55", "two", "The two leaders sidestepped", "2019-11-19", None, None,
     "own", "OTHER", 2, None, None, None, "the Tuesday debate of the sentence before"),
    ("b37be353", "180-day", "the 180-day cruise to Mars", None, None, None,
     "neighbour-not", "OTHER", 180, None, None, "day", "hypothetical; the article's own 'Challenges include'"),
    ("8cad00dc", "three", "prepared three items", None, None, None,
     "own", "OTHER", 3, None, None, None, "undated past"),
]
# fmt: on
bodies = {
    p.id: clean_text(p.content, url=p.url).text
    for p in load_pages(BENCH, "text")
    if p.id[:8] in {r[0] for r in R}
}
asof, spk = [], []
for p, text, ctx, as_of, speaker, entity, case, kind, value, low, high, unit, note in R:
    body = bodies[ids[p]]
    assert body.count(ctx) == 1, (p, ctx, body.count(ctx))
    assert text in ctx, (p, text, ctx)
    asof.append(
        {
            "page": ids[p],
            "text": text,
            "context": ctx,
            "as_of": as_of,
            "batch": "held-8",
            "speaker": speaker,
            "entity": entity,
            "via": None,
            "kind": kind,
            "value": value,
            "low": low,
            "high": high,
            "unit": unit,
            "note": note,
        }
    )
    spk.append(
        {
            "page": f"bench/extraction/text/{ids[p]}.txt",
            "input": "text",
            "figure": text,
            "context": ctx,
            "speaker": speaker,
            "entity": entity,
            "kind": case,
            "note": note,
            "fold": "held-8",
        }
    )
with open("tests/data/asof_held8.jsonl", "w") as f:
    for r in asof:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
with open("tests/data/figure_speakers_held8.jsonl", "w") as f:
    for r in spk:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(asof), len(spk))
