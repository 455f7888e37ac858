"""Write held-7 labels (session 8): as_of and figure sources, labelled from cleaned text."""
import json, os
from pathlib import Path
from newsgraph.clean.text import clean_text
from newsgraph.evaluate.extraction import load_pages
ids = {f[:8]: f[:-4] for f in os.listdir('../shared/bench/extraction/text')}
HALF_A = {"87bf6057", "bd673bd7", "e7301133", "785affa2", "e372e42c", "9cb8224b"}
# (page, text, context, as_of or "-" for no as_of row, speaker or "-" for no speaker row, entity, kind, note)
R = [
 ("87bf6057","45 seconds","Andrew also spent 45 seconds explaining",None,None,None,"own","undated past"),
 ("bd673bd7","43-year-old","A 43-year-old-man, after having switched","2019-11-18","a new case report",None,"according","age, no time of its own: at publication"),
 ("bd673bd7","three months","experiencing three months of unexplained malaise",None,None,None,"own","undated past"),
 ("bd673bd7","14 days","take 14 days off work",None,None,None,"own","'later that month' of an undated month"),
 ("bd673bd7","two","manage two stairs at a time",None,"the patient",None,"trailing","quoted, no date of its telling"),
 ("bd673bd7","six months","by six months he felt well again",None,None,None,"own","undated past"),
 ("bd673bd7","a year","After a year, his symptoms completely cleared",None,"Dempsey","Owen Dempsey","trailing","duration, undated"),
 ("e7301133","N500m","the sum of N500m only","2018-10-09","-",None,"","the demand stands at publication (present progressive 'are praying')"),
 ("e7301133","three","among the three leaders of the Peoples Democratic Party","2018-10-05",None,None,"own","'on Friday' before Tuesday 9 October 2018"),
 ("785affa2","three-year","After a three-year silence","2019-11-19",None,None,"own","present perfect"),
 ("785affa2","three","There are three scripts still in contention","2019-11-19","The Wrap","The Wrap","according","present"),
 ("785affa2","$320,000","making $320,000 on a budget",None,"Box Office Mojo","Box Office Mojo","according","undated past"),
 ("785affa2","$27 million","a budget of $27 million",None,"Box Office Mojo","Box Office Mojo","according","undated past"),
 ("e372e42c","57-year-old","Police arrested a 57-year-old man","2019-11-20","-",None,"","age at publication"),
 ("9cb8224b","30","the 30-date run will mark","2020-06",None,None,"own","planned, 'Kicking off in June 2020'"),
 ("9cb8224b","30","the first stop of 30 cities","2020-06-09",None,None,"own","planned, 'kick off the jaunt June 9, 2020'"),
 ("9cb8224b","five","creating five songs for an EP","2019","Johnston","Tom Johnston","said","'Earlier this year, Johnston told Billboard'"),
 # half B
 ("e1c7023e","six","send six humans to Mars",None,None,None,"own","a plan"),
 ("e1c7023e","five year","in a five year timescale",None,None,None,"own","a plan"),
 ("e1c7023e","20 years","to Mars within 20 years",None,"Robin Biesbroek","Robin Biesbroek","neighbour","quote continued from the paragraph before; future"),
 ("e1c7023e","a third","reduced by a third",None,"The study",None,"said","modal"),
 ("e1c7023e","180-day","projected 180-day Earth-Mars cruise",None,None,None,"own","a plan"),
 ("e1c7023e","21 day","a 21 day recuperation period",None,None,None,"own","a plan"),
 ("e1c7023e","75%","metabolic rate by 75%",None,"Jennifer Ngo-Anh","Jennifer Ngo-Anh","trailing","conditional, quoted"),
 ("e1c7023e","two decades","for more than two decades",None,"Jennifer Ngo-Anh","Jennifer Ngo-Anh","neighbour","quote continued; quoted, no date of its telling"),
 ("eb62ac84","38","Braun, 38",None,None,None,"own","age; the page prints no date ('Published 1 day ago')"),
 ("eb62ac84","29","Swift, 29",None,None,None,"own","age; the page prints no date"),
 ("eb62ac84","six","first six albums",None,None,None,"own","present; the page prints no date"),
 ("eb62ac84","120","responsible for 120 hardworking employees",None,"the statement","Big Machine Records","trailing","'the statement continued'"),
 ("eb62ac84","two weeks","over the past two weeks",None,"the statement","Big Machine Records","trailing","'the statement concluded'"),
 ("eb62ac84","$7.9 million","owes Taylor $7.9 million",None,"Swift's rep",None,"quote","a description naming no entity"),
 ("eb62ac84","a decade","partner for over a decade",None,"the statement","Big Machine Records","trailing","'the statement read'"),
 ("fde930b0","12 years","after 12 years of waiting","2019-11-19",None,None,"own","present"),
 ("8e3efab5","three","the three games remaining","2019-11-19",None,None,"own","present"),
 ("ecb46e3e","15 games","unbeaten streak to 15 games","2019-11-19",None,None,"own","'Tuesday night', published Tuesday"),
 ("680c2848","22","Stadia's 22 launch titles","2019-11-18","-",None,"","present"),
 ("680c2848","three months","and three months of the $10-a-month","2019-11-19","-",None,"","'Come November 19, ... will receive'"),
 ("680c2848","$10","for your $10 monthly fee","2019-11-18","-",None,"","present"),
 ("8380689f","$17 million","has a net worth of $17 million, other","-","the tweet shown above",None,"said","a description naming no entity"),
]
texts = {}
for page in load_pages(Path('../shared/bench/extraction'), 'text'):
    if page.id[:8] in {r[0] for r in R}:
        texts[page.id[:8]] = clean_text(page.content, url=page.url).text
asof, spk = [], []
for p, text, ctx, as_of, speaker, entity, kind, note in R:
    body = texts[p]
    assert body.count(ctx) == 1, (p, ctx, body.count(ctx))
    assert text in ctx, (p, text, ctx)
    half = "held-7a" if p in HALF_A else "held-7b"
    if as_of != "-":
        asof.append({"page": ids[p], "text": text, "context": ctx, "as_of": as_of, "batch": half, "note": note})
    if speaker != "-":
        spk.append({"page": f"bench/extraction/text/{ids[p]}.txt", "input": "text", "figure": text, "context": ctx,
                    "speaker": speaker, "entity": entity, "kind": kind, "note": note, "fold": half})
with open('tests/data/asof_held7.jsonl', 'w') as f:
    for r in asof: f.write(json.dumps(r, ensure_ascii=False) + "\n")
with open('tests/data/figure_speakers_held7.jsonl', 'w') as f:
    for r in spk: f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(asof), len(spk), sum(r['batch']=='held-7a' for r in asof), sum(r['fold']=='held-7a' for r in spk))
