"""The date a figure refers to (`Quantity.as_of`), from the time expressions around it.

In order: a time expression in the figure's own clause ("sent ... last fall"), the time of the
claim's reporting clause ("said on Monday"), the last dated statement of the same speaker,
and markers of the present ("now", "still", a present-tense verb) meaning the published date.
A figure in a future or modal clause ("could send") gets no date but an explicit one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.claims import Attribution
from newsgraph.extract.docindex import sentence_of, text_of
from newsgraph.extract.figure_sources import embedded_post
from newsgraph.extract.numbers import is_year
from newsgraph.extract.quantities import NumberPhrase
from newsgraph.extract.timex import (
    MONTHS,
    NOW_WORDS,
    SEASONS,
    WEEK_OF_PUBLICATION,
    WEEKDAYS,
    resolve_time,
    shift,
)

FUTURE_HEADS = frozenset(
    {
        "hope",
        "plan",
        "want",
        "expect",
        "intend",
        "aim",
        "seek",
        "prepare",
        "promise",
        "vow",
        "set",
        "poise",
        "schedule",
        "due",
    }
)
MODALS = frozenset({"will", "would", "could", "may", "might", "can", "should", "shall", "must"})
PRESENT_MARKERS = frozenset({"now", "presently", "currently", "still", "already", "since"})
BLOCKING_PREPS = frozenset({"since", "until", "till", "within", "for", "over", "after", "before"})
# A time after one of these that lies after publication is a deadline: "to 24% by the end of
# the next decade", "spend $2.6 billion through November 2028" name a target, not a date the
# figure stands at ("had risen to 12 by Friday" still dates the 12).
DEADLINE_PREPS = frozenset({"by", "through", "thru"})
OCCASION_PREPS = frozenset({"at", "in", "during"})
# "at that point", "at that time", "at the time": the time named just before.
ANAPHORIC_TIME = re.compile(r"\b[Aa]t (?:that (?:point|time|moment|stage)|the time)\b")
# "the past two years", "the last 18 months": a span up to publication.
PAST_SPAN = re.compile(
    r"^(?:in |over |during |for )?the (?:past|last) (?:[\w-]+ ){1,2}"
    r"(?:days|weeks|months|years|decades)$"
)
# "the quarter ended Sept. 29", "the fiscal year ending in June": a period named by its bound.
PERIOD_BOUNDS = frozenset({"end", "begin", "start", "close"})
PERIOD_NOUNS = frozenset(
    {"quarter", "year", "half", "month", "week", "period", "season", "term", "session"}
)
# Words after "the week" that place it elsewhere than at publication: "the week before".
PLACING_WORDS = frozenset(
    {"before", "after", "of", "that", "when", "ending", "ended", "following", "prior", "in"}
)
# Reporting verbs whose present tense ("says", "reports") states a figure as it stands now.
PRESENT_REPORTS = frozenset(
    {
        "say",
        "report",
        "tell",
        "write",
        "state",
        "estimate",
        "believe",
        "confirm",
        "show",
        "indicate",
        "suggest",
        "put",
        "count",
        "record",
        "list",
        "note",
    }
)
# Words before a figure of comparison: "down from 1.808% late on Monday".
COMPARISON_WORDS = frozenset({"from", "than", "versus", "vs", "vs.", "with"})
CLAUSE_BREAKS = frozenset({",", ";", ":", ".", "(", ")", "—", "–", "-"})
# Parts of a day a weekday can name: "Tuesday afternoon" dates what the afternoon dates.
DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night", "overnight"})
# A clause introduced by one of these happens at the time of the clause it modifies:
# "came to light last week, when authorities announced that two ...".
WHEN_WORDS = frozenset({"when", "as"})


@dataclass(slots=True)
class TimeMention:
    start_i: int
    end_i: int
    attach_i: int | None  # the verb (or, for "Friday's", the noun) it dates
    possessive: bool
    resolved: str
    now: bool = False  # "now", "presently": a marker of the present, weaker than a date
    deadline: bool = False  # "by 2030" after publication: the figure is a target, undated
    chain: frozenset[int] = frozenset()  # what it modifies below its verb (`_noun_chain`)
    # "seven years after he sought refuge": the later end of the span an offset measures
    span_end: str | None = None


def deadline_of_unknown(prev: str, low: str) -> bool:
    """A deadline the resolver cannot date but that is plainly ahead: "by the next decade"."""
    return prev in DEADLINE_PREPS and any(w in low.split() for w in ("next", "coming"))


def _after(resolved: str | None, published: str) -> bool:
    """Whether a resolved year, month or day lies after the publication day."""
    if resolved is None or not resolved[:4].isdigit():
        return False
    if len(resolved) not in (4, 7, 10) or "W" in resolved:
        return False
    return resolved > published[: len(resolved)]


def _attach(tok: Token) -> Token | None:
    """The verb a token hangs from; a participle used as an adjective ("a shared
    workspace") is no clause of its own."""
    t = tok
    for _ in range(5):
        if (t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound")) or _tagged_noun(t):
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _tagged_noun(tok: Token) -> bool:
    """A progressive the tagger took for a noun: "was last trading up 0.4%"."""
    return (
        tok.tag_ == "NN"
        and tok.lower_.endswith("ing")
        and any(c.dep_ == "aux" and c.lemma_ == "be" for c in tok.children)
    )


def _dateline_end(doc: Doc) -> int:
    """Token index after a dateline ("SEOUL, Oct 18 (Newswire) -"), or 0 when there is none."""
    for tok in doc[: min(len(doc), 14)]:
        if tok.text in ("-", "--", "—", "–") and tok.whitespace_:
            return tok.i + 1
        if tok.text in (".", "!", "?") and tok.i > 0 and not doc[tok.i - 1].is_upper:
            break
    return 0


# Verbs whose present tense with a date is a schedule: "the trek kicks off June 9th".
SCHEDULE_VERBS = frozenset(
    {
        "kick",
        "start",
        "begin",
        "open",
        "close",
        "conclude",
        "end",
        "finish",
        "run",
        "resume",
        "launch",
        "premiere",
        "debut",
        "air",
        "arrive",
        "depart",
        "return",
        "continue",
        "wrap",
    }
)
_TELLING = frozenset({"say", "tell", "report", "announce", "claim", "add", "state", "write"})


def _scheduled(verb: Token) -> bool:
    """A clause that tells what is to come: "will tour", "the trek, which kicks off June 9th"
    (a present tense with a date is a schedule); not a report ("the agency says Monday")."""
    if verb.lemma_.lower() in _TELLING or verb.lemma_ in ("be", "have"):
        return False
    if any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "’ll", "shall") for c in verb.children):
        return True
    # a headline's present tells the past ("Car sales plunge nearly 17 percent in August"):
    # only a verb of a schedule does
    if verb.lemma_.lower() not in SCHEDULE_VERBS:
        return False
    return verb.tag_ in ("VBZ", "VBP") and not any(c.dep_ == "aux" for c in verb.children)


def _ahead(resolved: str, published: str, low: str) -> str:
    """A date given with no year, in a clause about what is to come, is the next one: "June
    9th" in a November schedule is next June, "on Friday" after a Tuesday is this Friday."""
    if len(resolved) not in (7, 10) or not resolved[:4].isdigit() or resolved >= published[:10]:
        return resolved
    if any(w in low.split() for w in ("last", "ago", "earlier", "yesterday", "past", "previous")):
        return resolved
    if any(w.strip(".,") in WEEKDAYS for w in low.split()) and len(resolved) == 10:
        return shift(resolved, "a week", 1) or resolved
    if resolved[:7] >= published[:7]:
        return resolved  # this month: the day may still be ahead or just past
    year = int(resolved[:4]) + 1
    if resolved[4:] == "-02-29":
        return resolved  # no such day next year
    return f"{year:04d}{resolved[4:]}"


def _modifies_noun(root: Token) -> bool:
    """A time phrase inside a noun phrase ("the second such package this year")."""
    head = root.head
    while head.dep_ == "prep" and head.head.i != head.i:
        head = head.head
    return head.pos_ in ("NOUN", "PROPN") and root.dep_ in ("npadvmod", "nmod", "appos", "compound")


def find_times(doc: Doc, published: str | None) -> list[TimeMention]:
    """Dated time expressions of `doc`: spaCy DATE/TIME entities and "now"-like words."""
    found: list[TimeMention] = []
    if not published:
        return found
    dateline = _dateline_end(doc)
    for ent in _time_spans(doc):
        if ent.end <= dateline:
            continue
        text = ent.text
        end = ent.end
        # "in January and February": the parser often tags only the first month.
        if (
            end + 1 < len(doc)
            and doc[end].lower_ in ("and", "to", "through")
            and (doc[end + 1].lower_.rstrip(".") in MONTHS or doc[end + 1].lower_ in WEEKDAYS)
        ):
            text = f"{text} and {doc[end + 1].text}"
            end += 2
        # "from 2010 to 2015": the parser often tags only the first year; the span ends later.
        elif (
            end + 1 < len(doc)
            and doc[end].lower_ in ("to", "through", "until", "-", "–")
            and is_year(doc[end + 1].text, 1000, 2200)
            and is_year(doc[end - 1].text, 1000, 2200)
        ):
            text = f"{text} to {doc[end + 1].text}"
            end += 2
        # "up 40% year to date": the parser tags "year" alone
        if end + 1 < len(doc) and doc[end].lower_ == "to" and doc[end + 1].lower_ == "date":
            text = f"{text} to date"
            end += 2
        prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        low = text.lower()
        if prev in BLOCKING_PREPS and not PAST_SPAN.match(low):
            continue  # ("over the last 18 months" is a span up to now, not a bound)
        if (
            low in WEEK_OF_PUBLICATION
            and end < len(doc)
            and doc[end].lower_ in PLACING_WORDS
            and doc[end].dep_ != "mark"
        ):
            # "the week before the vote", "the week of the attack": another week (not "to
            # begin the week after the brand took a stake", where "after" opens a clause)
            continue
        if ent.start > 1 and doc[ent.start - 2 : ent.start].text.lower() == "so far":
            text, low = f"so far {text}", f"so far {low}"  # "so far this year": up to now
        deadline = False
        if prev in DEADLINE_PREPS:
            if any(w in low for w in WEEKDAYS) or any(s in low for s in SEASONS):
                continue
            deadline = _after(resolve_time(text, published), published)
        if prev in ("between", "from"):
            text = f"{prev} {text}"
        resolved = resolve_time(text, published)
        up_to_now = PAST_SPAN.match(low) is not None
        if resolved is None and up_to_now:
            resolved = published[:10]  # "in the past two years": a span that ends now
        if resolved is None and deadline_of_unknown(prev, low):
            resolved, deadline = "", True  # "by the end of the next decade": never a date
        if resolved is None:
            resolved = _relative_to_earlier(doc, ent.start, low, found)
        if resolved is None:
            # "including one last month that ...": the tagger's span took a word before the
            # time; the longest part at its end that names one is the time
            tail = next(
                (k for k in range(ent.start + 1, end) if resolve_time(doc[k:end].text, published)),
                None,
            )
            if tail is None:
                continue
            ent = doc[tail:end]
            text, low = ent.text, ent.text.lower()
            resolved = resolve_time(text, published)
        if resolved is None:
            continue
        root = ent.root
        if root.dep_ == "compound" and root.head.lower_ in DAY_PARTS:
            root = root.head  # "Tuesday afternoon": the parser tags the weekday alone
        possessive = any(t.tag_ == "POS" or t.dep_ == "case" for t in ent) or root.dep_ == "poss"
        # "NASA's Monday announcement": a time naming a noun dates it as "Monday's" would
        possessive = possessive or (root.dep_ == "compound" and root.head.pos_ == "NOUN")
        occasion = _occasion_verb(root)
        attach: Token | None
        if occasion is not None:
            # "recounted in an Oct. 21 cabinet meeting": the date of the occasion a clause
            # happens at dates the clause
            possessive, attach = False, occasion
        elif possessive:
            attach = root.head
        elif _modifies_noun(root):
            attach = None
        else:
            attach = _attach(root)
        if (
            attach is not None
            and attach.dep_ == "acl"
            and attach.lemma_ in PERIOD_BOUNDS
            and attach.head.lemma_ in PERIOD_NOUNS
        ):
            # "reported a loss in the third quarter ended Sept. 29": the day that bounds a
            # period dates what happened in it
            attach = _attach(attach.head)
        elif attach is not None and (occasion_verb := _occasion_of_participle(attach)):
            # "In his physical exam -- conducted in February -- he clocked in at 243 pounds"
            attach = occasion_verb
        if attach is not None and _scheduled(attach) and not re.search(r"\b\d{4}\b", text):
            resolved = _ahead(resolved, published, low)
        found.append(
            TimeMention(
                ent.start,
                end,
                attach.i if attach is not None else None,
                possessive,
                resolved,
                chain=_noun_chain(root, range(ent.start, end)),
                deadline=deadline,
                # "Three years ago": the span the figure measures reaches publication
                span_end=published[:10] if low.endswith(" ago") or up_to_now else None,
            )
        )
    found.extend(_anaphoric_times(doc, found))
    found.extend(_offset_times(doc, found, published))
    for tok in doc:
        if tok.lower_ in NOW_WORDS and tok.ent_type_ == "" and tok.dep_ == "advmod":
            head = _attach(tok)
            found.append(
                TimeMention(
                    tok.i,
                    tok.i + 1,
                    head.i if head is not None else None,
                    False,
                    published[:10],
                    now=True,
                    chain=_noun_chain(tok, range(tok.i, tok.i + 1)),
                )
            )
    return found


# Time phrases the tagger often leaves out ("including one last month that affected ...",
# "The next year, the Taliban released ..."); "the last year" is a span, not last year.
UNTAGGED_TIME = re.compile(
    r"(?<![\w-])(?:(?<!the )(?<!The )(?:last|this|past)\s+(?:week|month|year|weekend|spring"
    r"|summer|fall|autumn|winter)|the\s+(?:next|following)\s+(?:day|week|month|year)"
    r"|(?:a|an|one|two|three|four|five|six|seven|\d+)\s+(?:days?|weeks?|months?|years?)"
    r"\s+(?:later|earlier))(?![\w-])",
    re.IGNORECASE,
)


def _time_spans(doc: Doc) -> list[Span]:
    """The DATE and TIME entities of `doc` and the time phrases the tagger left untagged, in
    text order."""
    spans = [ent for ent in doc.ents if ent.label_ in ("DATE", "TIME")]
    for match in UNTAGGED_TIME.finditer(text_of(doc)):
        span = doc.char_span(match.start(), match.end())
        if span is not None and not any(tok.ent_type_ for tok in span):
            spans.append(span)
    return sorted(spans, key=lambda span: span.start)


# Nouns of an occasion a clause can be set at ("in an exam conducted in February").
OCCASION_NOUNS = frozenset(
    {
        "exam",
        "examination",
        "physical",
        "meeting",
        "interview",
        "visit",
        "speech",
        "address",
        "conference",
        "event",
        "hearing",
        "session",
        "briefing",
        "call",
        "survey",
        "poll",
        "study",
        "test",
        "report",
        "statement",
        "paper",
        "article",
        "ceremony",
        "rally",
        "summit",
        "census",
        "audit",
        "review",
        "inspection",
    }
)


# Nouns that sum up the clause they follow: "Coty acquired a 51% stake, a deal announced
# Monday".
SUMMARY_NOUNS = frozenset(
    {
        "deal",
        "move",
        "decision",
        "agreement",
        "step",
        "purchase",
        "acquisition",
        "sale",
        "merger",
        "transaction",
        "announcement",
        "change",
    }
)


def _occasion_of_participle(participle: Token) -> Token | None:
    """The verb a participle's occasion hangs on: "In a survey conducted in March, 40% said
    ..." sets the clause of "said" at the survey's time, and "Coty acquired a 51% stake, a
    deal announced Monday" the clause the deal sums up; None for any other participle."""
    noun = participle.head
    if participle.dep_ != "acl" or participle.tag_ != "VBN":
        return None
    if noun.lemma_ in OCCASION_NOUNS and noun.dep_ == "pobj" and noun.head.lower_ in OCCASION_PREPS:
        verb = noun.head.head
        return verb if verb.pos_ in ("VERB", "AUX") else None
    summing = (
        noun.dep_ in ("appos", "npadvmod")
        and noun.i > 0
        and noun.doc[noun.left_edge.i - 1].text == ","
    )
    if noun.lemma_ in SUMMARY_NOUNS and summing:
        return _verb_above(noun)
    return None


def _occasion_verb(root: Token) -> Token | None:
    """The verb of "said at a Nov. 6 event", "recounted in an Oct. 21 meeting": a date naming
    the object of "at", "in" or "during" that hangs on a verb."""
    if root.dep_ not in ("compound", "nmod") or root.head.pos_ != "NOUN":
        return None
    if root.head.dep_ != "pobj":
        return None
    prep = root.head.head
    if prep.lower_ not in OCCASION_PREPS or prep.head.pos_ not in ("VERB", "AUX"):
        return None
    return prep.head


def _anaphoric_times(doc: Doc, dated: list[TimeMention]) -> list[TimeMention]:
    """ "at that point", "at the time", "at that time": the time last named before them, in
    their sentence or the one before ("... at the end of 2017. Hanwha had 3.7 GW at that
    point")."""
    out: list[TimeMention] = []
    for match in ANAPHORIC_TIME.finditer(text_of(doc)):
        span = doc.char_span(match.start(), match.end())
        if span is None or len(span) != 3:
            continue
        tok, noun = span[0], span[2]
        if tok.i + 3 < len(doc) and doc[tok.i + 3].dep_ in ("relcl", "acl", "prep"):
            continue  # "at the time of the attack", "at the time it was built"
        sent = sentence_of(tok)
        floor = sentence_of(doc[sent.start - 1]).start if sent.start > 0 else sent.start
        if not any(floor <= t.start_i and t.end_i <= tok.i for t in dated):
            # "Three years ago, over breakfast, ... At the time, used copies ...": the time
            # the paragraph before named, when nothing nearer does
            floor = _paragraph_before_start(doc, tok)
        before = [
            t
            for t in dated
            if floor <= t.start_i and t.end_i <= tok.i and not t.deadline and t.resolved
        ]
        if not before:
            continue
        source = max(before, key=lambda t: t.start_i)
        attach = _attach(tok)
        out.append(
            TimeMention(
                tok.i,
                tok.i + 3,
                attach.i if attach is not None else None,
                False,
                source.resolved,
                chain=_noun_chain(noun, range(tok.i, tok.i + 3)),
            )
        )
    return out


def _paragraph_before_start(doc: Doc, tok: Token) -> int:
    """First token of the paragraph before the one `tok` is in (paragraphs split at blank
    lines), or of its own paragraph when it is the first."""
    text = text_of(doc)
    own = text.rfind("\n\n", 0, tok.idx)
    if own < 0:
        return 0
    before = text.rfind("\n\n", 0, own)
    start = doc.char_span(before + 2 if before >= 0 else 0, tok.idx, alignment_mode="expand")
    return start.start if start is not None else 0


RELATIVE_TIME = re.compile(r"^(?P<offset>.+?)\s+(?P<way>earlier|later)$")
# "the next year", "the following day": one unit after the time named before, at the unit's
# precision ("the next year" after August 2016 is 2017)
FOLLOWING_TIME = re.compile(r"^the\s+(?:next|following)\s+(?P<unit>day|week|month|year)$")


def _relative_to_earlier(doc: Doc, start_i: int, low: str, dated: list[TimeMention]) -> str | None:
    """ "averaged 5.7% in October, down from 6.2% a year earlier", "... in August 2016. The
    next year, ...": the time named last before it in its sentence, else in the sentence
    before, moved by the offset; None without one."""
    match = RELATIVE_TIME.match(low)
    following = FOLLOWING_TIME.match(low)
    if match is None and following is None:
        return None
    sent = sentence_of(doc[start_i])
    floor = sentence_of(doc[sent.start - 1]).start if sent.start > 0 else sent.start
    usable = [t for t in dated if t.end_i <= start_i and t.resolved and not t.deadline]
    before = [t for t in usable if sent.start <= t.start_i] or [
        t for t in usable if floor <= t.start_i and not t.now
    ]
    if not before:
        return None
    base = max(before, key=lambda t: t.start_i).resolved
    if match is not None:
        return shift(base, match.group("offset"), -1 if match.group("way") == "earlier" else 1)
    assert following is not None
    unit = following.group("unit")
    moved = shift(base, f"a {unit}", 1)
    if moved is None:
        return None
    if unit == "week":
        iso = dt.date.fromisoformat(moved).isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    return moved[: {"year": 4, "month": 7}.get(unit, 10)]


def _offset_times(doc: Doc, dated: list[TimeMention], published: str) -> list[TimeMention]:
    """ "comes a day after the Taliban swapped two hostages", "two weeks before it sent 3,000
    troops": the clause after "after" or "before" happened that long before or after the
    clause it hangs on, whose time is its own, that of the clause reporting it, or, for one
    told in the present or the news's simple past, the publication day."""
    out: list[TimeMention] = []
    for ent in doc.ents:
        root = ent.root
        if ent.label_ != "DATE" or root.dep_ != "npadvmod" or root.head.pos_ not in ("VERB", "AUX"):
            continue
        clause = root.head
        mark = next((c for c in clause.children if c.dep_ == "mark"), None)
        if mark is None or mark.lower_ not in ("after", "before") or mark.i != ent.end:
            continue
        if clause.dep_ != "advcl" or clause.head.i == clause.i:
            continue
        base = _clause_day(doc, clause.head, dated, published)
        if base is None:
            continue
        # "less than a week after": about a week
        offset = APPROXIMATE.sub("", ent.text.lower())
        resolved = shift(base, offset, -1 if mark.lower_ == "after" else 1)
        if resolved is None or _after(resolved, published):
            continue
        end = base if mark.lower_ == "after" else resolved
        out.append(TimeMention(ent.start, ent.end, clause.i, False, resolved, span_end=end))
    return out


APPROXIMATE = re.compile(
    r"^(?:(?:less|more|fewer)\s+than|nearly|almost|about|around|roughly|some|just|over)\s+"
)


def _clause_day(doc: Doc, verb: Token, dated: list[TimeMention], published: str) -> str | None:
    """The date of a clause: a time hung on its verb or on the verbs it is reported under,
    else the publication day for a present or a simple-past main clause."""
    tok = verb
    for _ in range(3):
        own = [t for t in dated if t.attach_i == tok.i and not (t.possessive or t.now)]
        own = [t for t in own if not t.deadline and t.resolved]
        if own:
            return own[0].resolved
        if tok.dep_ not in ("ccomp", "conj", "advcl") or tok.head.i == tok.i:
            break
        tok = tok.head
    if verb.tag_ == "VBD" and _demonstrative_subject(verb):
        # "... reopen the investigation in May. That came seven years after ...": "that" is
        # the event the sentence before told, at its time
        return _previous_sentence_date(doc, verb, dated)
    if verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VBD" and verb.dep_ == "ROOT"):
        return published[:10]
    return None


def _demonstrative_subject(verb: Token) -> bool:
    """A clause whose subject is a bare "that" or "this": the event told just before."""
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("that", "this") and not list(c.children)
        for c in verb.children
    )


def _previous_sentence_date(doc: Doc, tok: Token, dated: list[TimeMention]) -> str | None:
    """The last date the sentence before `tok`'s names, markers of the present left out."""
    sent = sentence_of(tok)
    if sent.start == 0:
        return None
    previous = sentence_of(doc[sent.start - 1])
    inside = [
        t
        for t in dated
        if previous.start <= t.start_i < previous.end and t.resolved and not (t.now or t.deadline)
    ]
    return max(inside, key=lambda t: t.start_i).resolved if inside else None


def _path_to_verb(
    doc: Doc, start: Token, verb_i: int, noun_i: int | None, own: range = range(0)
) -> tuple[list[int], bool]:
    """Token ids from `start` up to the verb, and whether no noun but the counted one sits
    in between (a figure nested in another noun's modifier is not dated by the clause)."""
    path: list[int] = []
    t = start
    core = True
    passes = False
    for _ in range(8):
        path.append(t.i)
        if t.i == verb_i or t.head.i == t.i:
            break
        # "1,000 deminers and 5,000 builders": a sibling; "an altitude of 7,687.5 km": a value
        if t.dep_ != "prep":
            passes = t.dep_ == "conj" or (
                t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ == "NOUN"
            )
        t = t.head
        if t.i in own or t.i in (verb_i, noun_i) or t.dep_ == "prep":
            continue
        if t.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            core = core and passes
    return path, core


def _noun_chain(root: Token, inside: range) -> frozenset[int]:
    """The tokens a time expression modifies below the nearest verb, up to the first number:
    for "the three fatalities at a fuel plant on Tuesday", the plant and the fatalities; for
    "up from $38,373 a year ago", where the parser hangs the time on "from", its $38,373."""
    chain: set[int] = set()
    tok = root
    for _ in range(8):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            break
        chain.add(tok.i)
        if tok.like_num:
            break
        if tok.dep_ == "prep" or tok.pos_ == "ADP":
            objects = [c for c in tok.children if c.dep_ == "pobj" and c.i not in inside]
            if any(c.like_num for c in objects):
                chain.update(c.i for c in objects)
                break
    return frozenset(chain)


def _right_after_other(doc: Doc, t: TimeMention, phrase: NumberPhrase, others: list[int]) -> bool:
    """A time that closely follows a figure of comparison after this one ("to yield 1.786%,
    down from 1.808% late on Monday") is that figure's, whatever the parser hangs it on."""
    for other in others:
        if not phrase.end_i <= other < t.start_i or t.start_i - other > 4:
            continue
        if other == 0 or doc[other - 1].lower_ not in COMPARISON_WORDS:
            continue
        between = doc[other + 1 : t.start_i]
        if not any(tok.text in CLAUSE_BREAKS or tok.pos_ in ("VERB", "AUX") for tok in between):
            return True
    return False


def _dates_other(doc: Doc, t: TimeMention, verb: Token, others: list[int]) -> bool:
    """A time inside a clause of the subject that holds another figure ("the 300 soldiers
    sent in May killed 12") dates that figure; one naming the subject itself ("NASA's Monday
    announcement increased the total to 14") dates the clause."""
    if t.attach_i is None:
        return False
    attach = doc[t.attach_i]
    if attach.head.i == verb.i and attach.dep_ in ("nsubj", "nsubjpass"):
        return False
    span = range(attach.left_edge.i, attach.right_edge.i + 1)
    return any(o in span for o in others)


def _opening_participle(child: Token, verb: Token) -> bool:
    """A participle clause opening the sentence of `verb`, with no conjunction of its own
    ("Kicking off in June 2020, the tour will ...", not "After leaving in May, ...")."""
    return (
        child.dep_ == "advcl"
        and child.tag_ in ("VBG", "VBN")
        and child.i < verb.i
        and bool(child.left_edge.is_sent_start)
        and not any(c.dep_ == "mark" for c in child.children)
    )


# Words that set a description in the past: "Ferro, then Tribune's largest shareholder".
PAST_DESCRIPTION = frozenset({"then", "former", "late", "ex", "onetime", "erstwhile", "previous"})


def _appositive_description(doc: Doc, root: Token, times: list[TimeMention]) -> bool:
    """Whether a figure sits in an apposition to a name, with no verb between ("Europa, one
    of Jupiter's 79 moons"), which no time or past marker of its own sets in the past, in a
    clause that names no time ("will kick off the jaunt June 9, 2020 in West Palm Beach, the
    first stop of 30 cities" describes the plan's stop)."""
    tok = root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return False
        if tok.dep_ == "appos" and tok.head.pos_ == "PROPN":
            inside = doc[tok.left_edge.i : tok.right_edge.i + 1]
            if any(t.ent_type_ in ("DATE", "TIME") or t.lower_ in PAST_DESCRIPTION for t in inside):
                return False
            verb = _verb_above(tok)
            return verb is None or not any(t.attach_i == verb.i and not t.now for t in times)
        tok = tok.head
    return False


def _placing_infinitive(child: Token) -> bool:
    """ "to begin the week", "to end the year": an infinitive of a bound verb whose object
    is a time."""
    if child.dep_ not in ("xcomp", "advcl") or child.lemma_ not in PERIOD_BOUNDS | {"open"}:
        return False
    if not any(c.tag_ == "TO" for c in child.children):
        return False
    return any(
        c.ent_type_ in ("DATE", "TIME") and c.dep_ in ("npadvmod", "dobj") for c in child.children
    )


def _own_subject(conj: Token, verb: Token) -> bool:
    """A coordinated clause with a subject of its own, set off from `verb`'s by a comma."""
    subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children)
    comma = any(t.text in (",", ";") for t in verb.doc[verb.i : conj.left_edge.i + 1])
    return subject and comma


def _modal(verb: Token) -> bool:
    """A future or hypothetical clause: "could send", "hope to exchange", "is set to raise"."""
    if any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children):
        return True
    # "could face up to 10 years and have to pay $250,000": the modal covers both
    bare = verb.dep_ == "conj" and not any(c.dep_ in ("aux", "nsubj") for c in verb.children)
    if bare and any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.head.children):
        return True
    if verb.lemma_ in FUTURE_HEADS and any(c.dep_ == "xcomp" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_ in FUTURE_HEADS


def _conditional(verb: Token) -> bool:
    """A clause set as a condition ("if Google gets to 100 games", "unless sales reach"),
    with the verbs coordinated under it ("if it can take it further and break above $13.60")."""
    for tok in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
            return True
    return False


def _governing(verb: Token) -> Token:
    """The verb whose tense an infinitive takes: "anyone who is ready to pay Rs 300" is as
    of "is", "agreed to pay" as of "agreed" (future heads are `_modal`'s)."""
    tok = verb
    for _ in range(3):
        if tok.tag_ != "VB" or tok.dep_ != "xcomp" or tok.head.i == tok.i:
            break
        head = tok.head
        if head.pos_ == "ADJ" and head.dep_ == "acomp":
            head = head.head
        if head.pos_ not in ("VERB", "AUX"):
            break
        tok = head
    return tok


def _present(verb: Token, claim_cue: Token | None, reported: bool, according: bool = False) -> bool:
    """Whether a figure's clause states it as standing at publication. `according`: the
    claim is an "according to", whose source gives no time of its own: what it states in the
    present or the present progressive ("according to reports, the bar is offering ...")
    stands now; its present perfect ("has shaved 3.2 years, according to one estimate") is
    as of the source's undated finding."""
    verb = _governing(verb)
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    for child in verb.children:
        if child.lower_ in PRESENT_MARKERS and child.dep_ in ("advmod", "npadvmod"):
            return True
    doc = verb.doc
    if any(doc[k].lower_ in PRESENT_MARKERS for k in range(max(0, verb.i - 2), verb.i)):
        return True  # "had since risen", misparsed as a preposition
    if verb.tag_ in ("VBZ", "VBP") and verb.pos_ == "VERB":
        return True
    if verb.tag_ == "VBG" and verb.dep_ == "advcl" and _present_tense(verb.head):
        # "The five join nine others, bringing the total to 14", "Launching his bid less
        # than three months before the caucuses, Patrick is betting ..."
        return True
    if (not reported or (according and not perfect)) and (
        (verb.tag_ in ("VBZ", "VBP") and verb.lemma_ == "be")
        or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in verb.children)
    ):
        # What the article says on its own authority in the present perfect or progressive,
        # or with a present copula, stands at publication: "three people have died", "shares
        # are up about 40%". A reported one ("600 have lost their lives, the agency said")
        # is as of its report.
        return True
    return claim_cue is not None and _present_report(claim_cue)


def _present_report(cue: Token) -> bool:
    """ "the agency says", "The Associated Press reports that ...", "police believe", "health
    officials are reporting": a report standing now (a present perfect, "has estimated", is
    as of its undated finding, the labels' convention)."""
    if cue.lemma_ not in PRESENT_REPORTS:
        return False
    auxes = [c for c in cue.children if c.dep_ == "aux"]
    if cue.tag_ in ("VBZ", "VBP"):
        return not auxes
    return cue.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes)


def _present_tense(verb: Token) -> bool:
    """A verb in the present: "joins", or with a present auxiliary ("is betting")."""
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    return any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in verb.children)


def _in_quotation(doc: Doc, phrase: NumberPhrase) -> bool:
    """Whether a figure sits inside quotation marks opened earlier in its paragraph."""
    text = text_of(doc)
    at = phrase.start_char
    start = text.rfind("\n\n", 0, at)
    before = text[start + 2 if start >= 0 else 0 : at]
    curly = before.count("\u201c") - before.count("\u201d")
    return curly > 0 or (curly == 0 and before.count('"') % 2 == 1)


def _misparsed_clause(tok: Token) -> bool:
    """A past-tense "clause" with neither subject nor marker under a verb is the parser's
    misreading of a modifier ("were gathered in a shared workspace on Tuesday night",
    "returned home broke on Wednesday"): its time is the verb's."""
    if tok.dep_ != "advcl" or tok.tag_ != "VBD":
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "mark", "expl") for c in tok.children)


def _existential_time(doc: Doc, attach_i: int, clause: set[int]) -> bool:
    """A time dating what "there were" introduces: "there were 3,248 cases reported between
    2010 and 2015, with 584 deaths" dates the deaths with the cases."""
    attach = doc[attach_i]
    if attach.dep_ not in ("acl", "relcl") or attach.head.dep_ != "attr":
        return False
    verb = attach.head.head
    return verb.i in clause and any(child.dep_ == "expl" for child in verb.children)


def claim_time(claim: Attribution | None, times: list[TimeMention]) -> str | None:
    """The time of a claim's telling: the one its reporting clause holds, else one hung on its
    reporting verb through the speaker ("Alden on Tuesday announced that ...", where the
    parser makes "on Tuesday" the subject's)."""
    if claim is None:
        return None
    if claim.time_token is not None:
        for t in times:
            if t.start_i <= claim.time_token < t.end_i:
                return t.resolved
    # (a time token no mention covers: "the third quarter ended Sept. 29" resolves by its tail)
    on_cue = [
        t
        for t in times
        if t.attach_i == claim.cue_i and t.resolved and not (t.possessive or t.now or t.deadline)
    ]
    return on_cue[0].resolved if on_cue else None


def date_figure(
    doc: Doc,
    phrase: NumberPhrase,
    claim: Attribution | None,
    times: list[TimeMention],
    published: str | None,
    earlier: dict[str, str],
    others: list[int] | None = None,
) -> str | None:
    """`as_of` for one figure; `earlier` maps a speaker to the date of their last dated claim,
    `others` holds the first tokens of the article's other figures. What an embedded post
    states as now ("we have started distributing 50 lakh masks today") is as of the post,
    and so is an age no time of its clause dates."""
    dated = _date_figure(doc, phrase, claim, times, published, earlier, others)
    if dated is None and phrase.age and published:
        # "Assange, 47,": an age in a clause that gives no time is the one a person has now
        # ("reported on November 16 in a 55-year-old man" keeps the day of its clause)
        dated = published[:10]
    if dated is None or not published or dated != published[:10]:
        return dated
    post = embedded_post(doc, phrase.root_i)
    return (resolve_time(post.date, published) or dated) if post is not None else dated


def _date_figure(
    doc: Doc,
    phrase: NumberPhrase,
    claim: Attribution | None,
    times: list[TimeMention],
    published: str | None,
    earlier: dict[str, str],
    others: list[int] | None = None,
) -> str | None:
    others = others or []
    if not published:
        return None
    root = doc[phrase.root_i]
    owners = {phrase.root_i, phrase.noun_i, *range(phrase.start_i, phrase.end_i)}
    # "a 43-year-old man who saw his doctor in November 2016", "a 15 percent tariff that the
    # administration had planned to impose Dec. 15": the noun a figure modifies is its own,
    # and the time of a clause describing it dates the figure
    owners.update(_modified_noun(doc, phrase))
    # "the 14 companies currently in the program": a marker of the present counts here too
    # "up about 40% year to date": a figure the parser hangs on a time is that time's
    # "That came seven years after he sought refuge": the span reaches the later clause
    measured = [
        t for t in times if t.span_end and t.start_i < phrase.end_i and phrase.start_i < t.end_i
    ]
    if measured:
        return measured[0].span_end
    own_times = [
        t for t in times if t.chain & owners or t.start_i <= root.head.i < t.end_i != root.i + 1
    ]
    if any(t.deadline for t in own_times):
        return None
    if own_times:
        # "from $34,410 in October 2015", "the three fatalities at a fuel plant on Tuesday"
        return min(own_times, key=lambda t: abs(t.start_i - phrase.start_i)).resolved
    if _appositive_description(doc, root, times) and not _in_quotation(doc, phrase):
        # "Europa, one of Jupiter's 79 moons", "McClatchy, a chain of 30 newspapers, may be
        # another canary": the writer's description of a name stands at publication, whatever
        # the clause around it tells or reports
        return published[:10]
    verb_i = phrase.verb_i
    # "but was last trading up 0.4%": the tagger's noun is the figure's verb
    for ancestor in root.ancestors if verb_i is not None else ():
        if ancestor.i == verb_i:
            break
        if _tagged_noun(ancestor):
            verb_i = ancestor.i
            break
    under_report = verb_i is None
    if verb_i is None:
        # a figure under a reporting verb ("reported ... after two cases were revealed last
        # week"): dated by the nearest verb above it, else by its claim
        above = _attach(doc[phrase.noun_i] if phrase.noun_i is not None else root)
        if above is None or above.dep_ == "acl" or (claim and above.i == claim.cue_i):
            dated = claim_time(claim, times)
            if dated is None and above is not None:
                # "announced the 30-date jaunt while closing out their November 18th concert"
                dated = next(
                    (
                        t.resolved
                        for t in times
                        if t.possessive
                        and t.attach_i is not None
                        and _occasion_of(doc[t.attach_i], above)
                    ),
                    None,
                )
            if dated is None and phrase.age:
                dated = _describing_time(doc, times, owners)
            if dated is None and claim is not None and _present_report(doc[claim.cue_i]):
                dated = published[:10]  # "health officials are reporting 14 new cases"
            return dated
        verb_i = above.i
    verb = doc[verb_i]
    path, core = _path_to_verb(
        doc, root, verb_i, phrase.noun_i, range(phrase.start_i, phrase.end_i)
    )
    on_path = set(path)
    clause = {verb_i}
    if verb.dep_ == "conj":
        clause.add(verb.head.i)
    # a coordinated verb shares the time ("killed 12 and wounded 30 on Monday"), a clause
    # with its own subject does not ("spent 45 seconds ..., and at that time he had ...")
    clause.update(
        c.i
        for c in verb.children
        if (c.dep_ == "conj" and not _own_subject(c, verb)) or _misparsed_clause(c)
    )
    # "Kicking off in June 2020, the 30-date run will mark ...": a participle opening the
    # sentence shares its time with the clause it hangs from
    clause.update(c.i for c in verb.children if _opening_participle(c, verb))
    # "The stock added 2% to begin the week": an infinitive that only places the clause in
    # time ("to end the year", "to close the session") is the clause's time
    clause.update(c.i for c in verb.children if _placing_infinitive(c))
    ancestors = {t.i for t in root.ancestors}
    for outer_i in others:
        # A figure counted among another takes that figure's clause: "From 2010 to 2015 there
        # were 3,248 cases reported, including 584 deaths" dates the 584 too.
        # ("more than 300 Indians, including one woman": the number, not its qualifier)
        number = next((t for t in doc[outer_i : outer_i + 4] if t.like_num), doc[outer_i])
        if number.head.i in ancestors and (outer := _attach(number.head)) is not None:
            clause.add(outer.i)
    # A time that belongs to another figure ("up from $38,373 a year ago") dates that one.
    starting = phrase.start_i > 0 and doc[phrase.start_i - 1].lower_ == "from"
    if not starting and any(t.deadline and t.attach_i in clause for t in times):
        return None  # "plans to install 30.8 GW of solar by 2030": a target
    if _conditional(verb):
        return None  # "if it gets to over 100 games by next year": hypothetical
    free = [
        t
        for t in times
        if not t.now
        and not t.deadline
        and not (phrase.start_i <= t.start_i < phrase.end_i)
        and not any(doc[k].like_num for k in t.chain - owners)
        and not _right_after_other(doc, t, phrase, others)
    ]
    # The nearest clause first: "reported ... on Sunday after two cases were revealed last
    # week" dates the two by the week, not the Sunday.
    for verb_on_path in path[:-1]:
        tok = doc[verb_on_path]
        if tok.pos_ not in ("VERB", "AUX") or verb_on_path == verb_i:
            continue
        near = [t for t in free if not t.possessive and t.attach_i == verb_on_path]
        if near:
            return min(near, key=lambda t: abs(t.start_i - phrase.start_i)).resolved
    subject = {
        d.i
        for c in verb.children
        if c.dep_ in ("nsubj", "nsubjpass") and c.i not in owners
        for d in c.subtree
    }
    subject -= {d.i for d in root.subtree}
    candidates = [
        t
        for t in free
        if (t.possessive and t.attach_i in on_path)
        or (not t.possessive and t.attach_i in clause)
        # "the price of a truck sold in October was $41,640", "Tuesday's attack killed 12"
        or (t.attach_i in subject and not _dates_other(doc, t, verb, others))
        or (t.attach_i is not None and _describes(doc[t.attach_i], owners))
        or (t.attach_i is not None and _existential_time(doc, t.attach_i, clause))
        or (t.possessive and t.attach_i is not None and _occasion_of(doc[t.attach_i], verb))
    ]
    if not candidates and verb.dep_ in ("relcl", "acl"):
        # "one last month that affected nearly 2.5 million people": the time of the noun the
        # clause describes
        # ("one last month that affected ...": the time right before the relative pronoun)
        # ("could not keep pace with 2008, when 236,000 Iowans took part": the time itself)
        candidates = [
            t
            for t in times
            if not t.now
            and (
                verb.head.i in t.chain | {t.attach_i}
                or t.end_i == verb.left_edge.i
                or t.start_i <= verb.head.i < t.end_i
            )
        ]
    if candidates:
        after = [t for t in candidates if t.start_i >= phrase.end_i]
        nearest = min(after or candidates, key=lambda t: abs(t.start_i - phrase.start_i))
        for other in candidates:
            # "in January and February": a coordinated span resolves to its last part
            if 0 < other.start_i - nearest.end_i <= 1 and doc[nearest.end_i].lower_ in (
                "and",
                "to",
            ):
                nearest = other
        return nearest.resolved
    if under_report and claim is not None:
        return claim_time(claim, times)
    if not core:
        # a figure nested in another noun is not dated by its clause's past, but what the
        # article states in the present stands at publication ("gets players access to 4k
        # streaming at 60 frames per second")
        # ("After a three-year silence, there has been news ...": a present perfect too)
        outside = claim is None or not (
            claim.content_start <= phrase.start_char < claim.content_end
        )
        own_present = outside and _present_tense(verb) and verb.pos_ in ("VERB", "AUX")
        own_present = own_present and not _modal(verb) and not _in_quotation(doc, phrase)
        own_present = own_present and not _past_clause_on(doc, path)
        if own_present and not _conditional(verb):
            return published[:10]
        if claim is not None and not outside:
            # "The WHO reported last year that 11 of the 12 cities ... were in India": what a
            # dated report states, nested or not, is as of the report
            plain = not (_modal(verb) or _conditional(verb) or claim.stance == "deny")
            return claim_time(claim, times) if plain else None
        # "Earlier this month, NASA announced ... . workers completed installation of the
        # four RS-25 engines": a past main clause told right after a dated one, then
        return _previous_sentence_time(doc, verb, times)
    cue = doc[claim.cue_i] if claim is not None else None
    for start in (verb, cue):
        dated = _enclosing_clause_time(doc, start, free)
        if dated is not None:
            return dated
    modal = _modal(verb)
    if claim is not None and claim.stance == "deny":
        return None  # the date of a denial is not the date of the figure denied
    if claim is not None and not (modal and claim.time_inherited):
        dated = claim_time(claim, times)
        if dated is not None:
            return dated
    if modal:
        return None
    cumulative = any(
        t.lower_ == "since"
        for t in doc[verb.left_edge.i : verb.right_edge.i + 1]
        if t.i not in range(phrase.start_i, phrase.end_i) and t.dep_ == "prep"
    )
    if claim is not None and not cumulative:
        for key in source_keys(claim):
            if key in earlier:
                return earlier[key]
    according = cue is not None and cue.lower_ == "according"
    # a figure of the claim's sentence outside its content ("Launching his bid less than
    # three months before the caucuses, Patrick is betting that ...") is the writer's
    reported = claim is not None and claim.content_start <= phrase.start_char < claim.content_end
    # words in quotation marks are someone's, though no claim names whose
    quoted = claim is None and _in_quotation(doc, phrase)
    reported = reported or quoted
    # "his symptoms completely cleared and he is now fully recovered": another subject's
    # "now" is not this clause's
    others_now = {
        c.i
        for c in verb.children
        if c.dep_ == "conj" and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
    }
    if (
        _present(verb, cue, reported, according)
        or any(t.now and t.attach_i in clause - others_now for t in times)
    ) and not _past_clause_on(doc, path):
        return published[:10]
    if claim is None and verb.dep_ == "ccomp":
        # "“My people had $20 billion done,” Mr. Trump recounted in an Oct. 21 cabinet
        # meeting": what a dated clause tells, whatever its verb, is as of its telling
        telling = [t for t in free if not t.possessive and t.attach_i == verb.head.i]
        if telling:
            return min(telling, key=lambda t: abs(t.start_i - phrase.start_i)).resolved
    before = _previous_sentence_time(doc, verb, times)
    # a span of time told in the past ("after experiencing three months of malaise",
    # "spent 45 seconds explaining") measures part of a story, not the news of the day
    span = phrase.unit in TIME_UNITS and not phrase.age
    if (
        before is None
        and claim is None
        and not quoted
        and not span
        and _news_past(verb)
        and (_in_lead(doc, verb) or _market_move(verb))
    ):
        return published[:10]
    return before


def _describes(verb: Token, owners: set[int]) -> bool:
    """Whether `verb` is in a clause describing the figure's noun, through the infinitives
    it governs: "the tariff that the administration had planned to impose Dec. 15"."""
    for _ in range(3):
        if verb.dep_ != "xcomp" or verb.head.i == verb.i:
            break
        verb = verb.head
    return verb.dep_ in ("acl", "relcl") and verb.head.i in owners


def _describing_time(doc: Doc, times: list[TimeMention], owners: set[int]) -> str | None:
    """The time of a restrictive clause on the figure's noun: "a 43-year-old man who saw his
    doctor in November 2016" (not "The 55-year-old, who was elected in 2012, ...")."""
    for t in times:
        if t.attach_i is None or t.now or t.deadline or t.possessive or not t.resolved:
            continue
        clause = doc[t.attach_i]
        if clause.dep_ not in ("relcl", "acl") or clause.head.i not in owners:
            continue
        if doc[clause.left_edge.i - 1].text not in (",", "(", "—", "–"):
            return t.resolved
    return None


def _modified_noun(doc: Doc, phrase: NumberPhrase) -> set[int]:
    """The noun an attributive figure describes ("a 43-year-old man", "a 15 percent
    tariff"), as a set of at most one token id."""
    tok = doc[phrase.root_i]
    for _ in range(4):
        if tok.head.i == tok.i or tok.head.i > phrase.end_i:
            break
        modifier = tok.dep_ in ("amod", "compound", "nmod")
        if modifier and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i >= phrase.end_i - 1:
            return {tok.head.i}
        tok = tok.head
    return set()


def _past_clause_on(doc: Doc, path: list[int]) -> bool:
    """Whether the figure sits in a past clause below its verb: "After the Dems decided to
    wage a three-year-long ..., the public has begun" tells the three years in the past."""
    # ("After receiving a lifeline worth up to $8 billion, WeWork is now ...": a participle
    # after "after" or "before" tells the past too)
    return any(
        (doc[i].tag_ == "VBD" and doc[i].dep_ == "advcl")
        or (
            doc[i].tag_ == "VBG"
            and doc[i].dep_ == "pcomp"
            and doc[i].head.lower_ in ("after", "before")
        )
        for i in path[:-1]
    )


def _occasion_of(noun: Token, verb: Token) -> bool:
    """Whether a dated noun is what a "while"/"when" or participle clause of `verb` is doing:
    "announced the 30-date jaunt while closing out their November 18th concert"."""
    head = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ not in ("dobj", "pobj") or head.dep_ != "advcl" or head.head.i != verb.i:
        return False
    marks = {c.lower_ for c in head.children if c.dep_ == "mark"}
    return bool(marks & {"while", "when", "as"}) or (head.tag_ == "VBG" and not marks)


def _enclosing_clause_time(doc: Doc, start: Token | None, times: list[TimeMention]) -> str | None:
    """The time of the clause a "when" clause, a participle or a coordinated verb hangs from:
    "came to light last week, when authorities announced that two ...", "In 2003, authorities
    were accused ... and officials admitted that ..."."""
    if start is None:
        return None
    tok = start
    for _ in range(3):
        when = any(c.lower_ in WHEN_WORDS and c.dep_ in ("advmod", "mark") for c in tok.children)
        # "acknowledged shortages Tuesday, telling lawmakers that ...": a participle shares
        # the time of the clause it hangs from
        participle = tok.tag_ == "VBG" and not any(c.dep_ == "mark" for c in tok.children)
        # "... 5-4 Tuesday night to extend their unbeaten streak to 15 games": a purpose
        # clause happens when the clause it serves does
        purpose = tok.dep_ in ("advcl", "xcomp") and any(
            c.tag_ == "TO" and c.i < tok.i for c in tok.children
        )
        joined = tok.dep_ == "conj" or (tok.dep_ == "advcl" and (when or participle)) or purpose
        if not joined or tok.head.i == tok.i:
            return None
        tok = tok.head
        near = [t for t in times if not t.possessive and t.attach_i == tok.i]
        if near:
            return min(near, key=lambda t: abs(t.start_i - start.i)).resolved
    return None


TIME_UNITS = frozenset(
    {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
)


# How many sentences open a story with the news of its day.
LEAD_SENTENCES = 4
# Verbs of a move a market line or a tally reports ("shares fell 9%", "was last at $60.73").
MOVE_VERBS = frozenset(
    {
        "rise", "fall", "decline", "slump", "drop", "gain", "add", "climb", "jump", "slip",
        "slide", "sink", "edge", "dip", "surge", "soar", "plunge", "tumble", "rally", "advance",
        "retreat", "ease", "lose", "trade", "close", "end", "finish", "hit", "reach", "shed",
        "recover", "rebound", "firm", "weaken", "strengthen", "spike", "plummet", "fluctuate",
    }
)  # fmt: skip
MOVE_WORDS = frozenset({"up", "down", "higher", "lower", "flat", "unchanged", "at"})


def _in_lead(doc: Doc, verb: Token) -> bool:
    """Whether `verb` is in the story's first sentences, which tell the news of its day."""
    n = 0
    for sent in doc.sents:
        if sent.start <= verb.i < sent.end:
            return True
        if sent.text.strip():
            n += 1
        if n >= LEAD_SENTENCES:
            return False
    return False


def _market_move(verb: Token) -> bool:
    """A move told in the past ("U.S. crude fell 3.38%", "the stock was down 5%"): the
    day's market or tally news wherever it sits in the story."""
    lemma = verb.lemma_.lower()
    if lemma in MOVE_VERBS or (lemma.endswith("ing") and lemma[:-3] in MOVE_VERBS):
        return True  # ("was last trading up 0.4%": a progressive the tagger took for a noun)
    words = {c.lower_ for c in verb.children}
    return bool(words & (MOVE_WORDS - {"at"})) or (lemma == "be" and "at" in words)


def _news_past(verb: Token) -> bool:
    """An undated event the article tells in the simple past on its own authority, in its
    main clause ("The firm's shares fell nearly 9%"), is the news of its day (the caller
    keeps that to the story's lead and to market moves: further down, an undated past is
    the story's background, "The simulation required 16,000 processor cores")."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ROOT":
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBG" or _tagged_noun(verb):
        # "... but was last trading up 0.4%": a past progressive tells the day's news too
        return bool(auxes) and all(c.lower_ in ("was", "were") for c in auxes)
    return verb.tag_ == "VBD" and not auxes


def _previous_sentence_time(doc: Doc, verb: Token, times: list[TimeMention]) -> str | None:
    """A simple-past event told right after a dated one ("... test-fired on Thursday. The
    missile flew 1,001 km") happened then too."""
    # ("SoftBank agreed to inject $6.5 billion": the infinitive takes "agreed"'s tense)
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    clause = _governing(clause)
    while clause.tag_ in ("VBG", "VBN") and clause.dep_ in ("advcl", "acl", "xcomp"):
        clause = clause.head
    if clause.tag_ != "VBD" or any(c.dep_ in ("aux", "auxpass") for c in clause.children):
        return None
    sent = sentence_of(clause)
    if any(sent.start <= t.start_i < sent.end and not t.now for t in times):
        return None
    if sent.start == 0:
        return None
    previous = sentence_of(doc[sent.start - 1])
    for t in times:
        inside = previous.start <= t.start_i < previous.end and not t.now and not t.possessive
        # ("agreed to a rescue by its largest shareholder, SoftBank, last month": a time the
        # parser hung on a noun of the main clause)
        attach = doc[t.attach_i] if t.attach_i is not None else _verb_above(doc[t.start_i])
        if inside and attach is not None and _main_clause(attach):
            return t.resolved
    return None


def _verb_above(tok: Token) -> Token | None:
    """The nearest verb `tok` hangs below."""
    return next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _main_clause(verb: Token) -> bool:
    """A sentence's main verb, or the clause it reports ("found that in 2015, there were 9
    million premature deaths")."""
    return verb.dep_ == "ROOT" or (verb.dep_ == "ccomp" and verb.head.dep_ == "ROOT")


def source_keys(item: Attribution) -> list[str]:
    """Names under which a claim's source is known: the speaker, its canonical name, the
    relaying source and the origin of its figures."""
    keys = [item.name, item.speaker, item.via, item.via_name, item.origin_name]
    return [k for k in keys if k]
