"""Write held-10 labels (session 12): the as_of of every figure of seven bench pages no as_of
or figure-speaker label file used, labelled by hand from the cleaned text (only `clean_text`
run) before the extractor met these pages for dating, and before the session's as_of rules
were written. Run from the repo root.

How each figure was labelled: the page's publication day was read from the raw scrape (the
line by the headline, or the URL path for 04a6711c, which prints no date of its own); then,
by reading the sentence and the ones around it, the date the text gives the figure: its own
time expression ("earlier this month" is the month, "Saturday night's" the Saturday before
the post that names it, "N years ago" and a present perfect span reach publication); else
the dated statement that reports it, including the same speaker's statements at an occasion
the lead dates; the publication day for a figure the article states as standing now
(present, present perfect, "now", "currently", a present-tense report); what an embedded
post states as now is as of the post; an age with no time in its clause stands at
publication. Null for a future, a modal or a condition, for an undated simple past (held-9's
convention) and for what a source said with no date of its telling. Left out, as in held-9:
vague amounts ("decades", "a couple songs"), idioms ("one of the largest"), years, dates,
clock times, ordinals, resolutions named as formats ("4K", "1080p"), a teaser line's number.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from label_batch import write_batch

# (page, text, context, as_of, note)
# fmt: off
R = [
    # BBC, Sweden drops the Assange investigation; printed "19 November 2019"
    ("c7e39ac4", "seven years", "avoided extradition to Sweden for seven years",
     "2019-11-19", "present perfect on its own authority: the span reaches publication"),
    ("c7e39ac4", "48-year-old", "The 48-year-old Australian was evicted in April",
     "2019-04", "an age in a clause with its own time ('in April')"),
    ("c7e39ac4", "50 weeks", "sentenced to 50 weeks in jail",
     "2019-04", "coordinated with 'was evicted in April'"),
    ("c7e39ac4", "seven witnesses", "interviews with seven witnesses",
     None, "reported, 'Prosecutors told reporters' with no date of its telling"),
    ("c7e39ac4", "18 criminal charges", "Now Assange faces 18 criminal charges",
     "2019-11-19", "'Now', present"),
    ("c7e39ac4", "up to five years", "a prison term of up to five years",
     None, "modal ('could result in')"),
    # ScienceAlert, water vapour on Europa; printed "18 NOV 2019"
    ("14cc2a0c", "17 observations", "Out of 17 observations by the W. M. Keck",
     None, "undated simple past (the paper's 'on Monday' is two sentences up)"),
    ("14cc2a0c", "one", "only spotted water vapor in one",
     None, "the same undated past"),
    ("14cc2a0c", "More than two decades", "More than two decades ago",
     "2019-11-18", "'N years ago': the span reaches publication (held-8's convention)"),
    ("14cc2a0c", "45 flybys", "during 45 flybys",
     None, "future ('will feature')"),
    # CRN, Tim Cook at Dreamforce; printed "November 19, 2019"
    ("291a8bf3", "two phones", "some people carry two phones",
     "2019-11-19", "Cook's present at the chat the lead dates ('said Tuesday')"),
    ("291a8bf3", "eight out of ten", "eight out of ten companies are writing",
     "2019-11-19", "'now', present progressive, told at the Tuesday chat"),
    ("291a8bf3", "the two tech giants", "as the two tech giants coordinate",
     "2019-11-19", "present, own authority"),
    ("291a8bf3", "about 450", "Apple employs about 450 Dreamers",
     "2019-11-19", "present, Cook at the Tuesday chat"),
    # Express, plague in Inner Mongolia; printed "PUBLISHED: 00:01, Tue, Nov 19, 2019"
    ("ba4dfe2d", "two people", "after two people contracted it in Beijing earlier this month",
     "2019-11", "'earlier this month'"),
    ("ba4dfe2d", "55-year old", "a 55-year old man had contracted",
     "2019-11-19", "an age, no time in its clause"),
    ("ba4dfe2d", "28 people", "along with 28 people who he came into contact with",
     None, "undated simple past ('was subsequently quarantined')"),
    ("ba4dfe2d", "28 people", "the other 28 people have showed no signs",
     "2019-11-19", "present perfect, own authority"),
    ("ba4dfe2d", "two", "The other two contractors caught",
     None, "undated simple past"),
    ("ba4dfe2d", "three", "with three confirmed diagnoses",
     "2019-11-19", "present progressive ('is beginning to panic')"),
    ("ba4dfe2d", "three", "just one of three diseases",
     "2019-11-19", "present, own authority"),
    ("ba4dfe2d", "three", "Of the three plague variants",
     "2019-11-19", "present, own authority"),
    ("ba4dfe2d", "More than 100 million", "More than 100 million people may have perished",
     None, "modal, the Black Death, no time given"),
    ("ba4dfe2d", "an estimated 450 million", "from an estimated 450 million",
     None, "the same sentence"),
    ("ba4dfe2d", "350–375 million", "down to 350–375 million",
     None, "the same sentence"),
    ("ba4dfe2d", "Three", "Three countries where the plague still circulates",
     "2019-11-19", "present, 'still'"),
    ("ba4dfe2d", "up to a dozen", "with up to a dozen people diagnosed annually",
     "2019-11-19", "present habitual"),
    # New York Times opinion, the November elections; no date printed, URL path 2019/11/19
    ("04a6711c", "four times", "gone to the polls four times this month",
     "2019-11", "'this month'"),
    ("04a6711c", "30 points", "won by 30 points in 2016",
     "2016", "its own year"),
    ("04a6711c", "20 points", "margin of 20 points",
     "2016", "'a state Trump won by ... 20 points', parallel to the 2016 of the sentence before"),
    ("04a6711c", "five-and-a-half points", "lost by five-and-a-half points",
     None, "undated simple past"),
    ("04a6711c", "four years", "from four years ago",
     "2019-11-19", "'N years ago': the span reaches publication"),
    ("04a6711c", "more than 400,000", "coverage to more than 400,000 state residents",
     None, "undated past ('which gave coverage')"),
    ("04a6711c", "an estimated 100,000", "an estimated 100,000 residents would be eligible",
     None, "hypothetical ('would be')"),
    ("04a6711c", "Fifty-one percent", "Fifty-one percent say",
     "2019-11-19", "a new poll, present ('say')"),
    ("04a6711c", "70 percent", "an overwhelming 70 percent of Americans say",
     "2019-11-19", "present"),
    ("04a6711c", "44 percent", "(44 percent of Americans say",
     "2019-11-19", "present"),
    ("04a6711c", "six", "allow the six Democratic presidential candidates",
     None, "modal ('It would also allow')"),
    ("04a6711c", "more than two years", "took more than two years to unfold",
     None, "undated past (Watergate)"),
    # Dealbreaker, Taylor Swift and Carlyle; printed "Nov 18, 2019"
    ("55bb6340", "$300M", "purchased Big Machine for $300M",
     "2019", "'began earlier this year when ...': the when-clause shares its time"),
    # MSPoweruser, Stadia frame rates; printed by the embedded post "November 18, 2019",
    # the page's own date line 2019-11-19
    ("aade2ec8", "a solid 60fps", "doesn’t run at a solid 60fps",
     "2019-11-19", "present, own authority"),
    ("aade2ec8", "a 30fps", "will be treated to a 30fps experience",
     None, "future ('will be treated')"),
    ("aade2ec8", "30fps", "that the 30fps lock is at least fairly stable",
     "2019-11-19", "present"),
    ("aade2ec8", "an ideal 60fps", "attempts to run at an ideal 60fps",
     "2019-11-19", "present"),
    ("aade2ec8", "the two modes", "the two modes are similar",
     "2019-11-19", "present report ('The group state')"),
    ("aade2ec8", "a reasonably solid 30fps", "at a reasonably solid 30fps",
     "2019-11-19", "present ('enjoy')"),
    ("aade2ec8", "60fps", "an unstable 1080p 60fps",
     None, "future ('will experience')"),
    ("aade2ec8", "an unstable 60fps", "running at an unstable 60fps. A bit tired",
     "2019-11-18", "the embedded post's present, as of the post"),
    ("aade2ec8", "30fps", "captures are indeed 30fps",
     "2019-11-16", "'Saturday night's' captures, the Saturday before the post"),
    ("aade2ec8", "60", "aiming for 60",
     "2019-11-18", "the embedded post's present"),
]
# fmt: on
print(write_batch(R, "held-10", "tests/data/asof_held10.jsonl"))
