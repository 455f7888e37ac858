"""Known forms of page furniture in scraped text: bylines, credits, promos, prompts, teaser lists.

Each form is a phenomenon seen across sites (a call to follow a channel, a "Post by :" line, a
list of headlines with summaries cut at a fixed length), never a string of one page. Every
pattern here uses bounded repetition (most are anchored), so no line can make it backtrack badly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsgraph.records import BoilerplateKind

WORD = re.compile(r"\w+")
SENTENCE_END = re.compile(r"[.!?…:;。！？][\"'”’)\]」』]*$")
# Scripts written without spaces: a run of their letters is one \w+ token but many words.
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
# A " - Site" or " | Site" tail on a <title>-like first line.
SITE_SUFFIX = re.compile(r"\s{1,3}[|\-–—:»]\s{1,3}[^|\-–—:»]{1,40}$")
ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)\s*$")

BYLINE = re.compile(
    r"^(?:posted\s+by|post\s+by|written\s+by|story\s+by|words\s+by|reported\s+by|by|author|"
    r"reporter|writer)\s{0,3}[:：\-–]?\s{0,3}(?P<rest>[^\W\d_].{0,120})$",
    re.IGNORECASE,
)
PHOTO_CREDIT = re.compile(
    r"^(?:photo|photos|photograph|image|images|picture|pic|credit|photo\s+credit|image\s+credit|"
    r"image\s+source|photo\s+source)\s{0,3}[:：]\s{0,3}(?P<credit>\S.{0,80})$",
    re.IGNORECASE,
)
ORIGINAL_SOURCE = re.compile(
    r"^(?:original\s+source|originally\s+published\s+(?:at|on|by|in)|original\s+article|"
    r"source|via|courtesy(?:\s+of)?)\s{0,3}[:：\-–]?\s{0,3}(?P<source>\S.{0,150})$",
    re.IGNORECASE,
)
# A call to action: an imperative at the start of a sentence, aimed at a channel or a feed.
PROMO_CALL = re.compile(
    r"(?:^|[.!?]\s{1,3})(?:follow|join|subscribe|sign\s+up|download|stay\s+(?:informed|updated|"
    r"tuned|connected|ahead)|click\s+here|tap\s+here|like\s+us|get\s+(?:the\s+latest|our)|"
    r"don['’]t\s+miss|never\s+miss|check\s+out\s+our|add\s+us)\b",
    re.IGNORECASE,
)
PROMO_TARGET = re.compile(
    r"\b(?:whatsapp|telegram|channel|newsletters?|app|google\s+news|facebook|twitter|instagram|"
    r"youtube|tiktok|linkedin|notifications?|podcasts?|inbox|updates|alerts|subscription|"
    r"social\s+media|rss)\b",
    re.IGNORECASE,
)
COMMENT_PROMPT = re.compile(
    r"^(?:(?:post|leave|add|write|submit|view|show|load|see|read|hide)\s+(?:a\s+|your\s+|the\s+|"
    r"all\s+|more\s+)?(?:comments?|reply|replies|responses?)|\d{1,6}\s+(?:comments?|replies)|"
    r"comments?(?:\s*\(\d{1,6}\))?|be\s+the\s+first\s+to\s+comment|join\s+the\s+(?:discussion|"
    r"conversation)|leave\s+a\s+reply(?:\s+cancel\s+reply)?|cancel\s+reply|what\s+do\s+you\s+think)"
    r"\W{0,5}$",
    re.IGNORECASE,
)
LOADING = re.compile(r"^(?:loading|please\s+wait)\b.{0,20}$", re.IGNORECASE)
SHARE_OR_NAV = re.compile(
    r"^(?:share|shares|tweet|email|e-mail|print|pin\s+it|copy\s+link|share\s+(?:this|on\s+\w+|"
    r"via\s+\w+)(?:\s+\w+)?|facebook|twitter|whatsapp|linkedin|reddit|telegram|messenger|menu|home|"
    r"search|close|skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|next|previous|prev|more|"
    r"show\s+more|see\s+more|load\s+more|advertisement|sponsored|ad|related|trending|tags?|"
    r"topics?|sections?|latest|most\s+read|most\s+popular|read\s+next|up\s+next)\W{0,5}$",
    re.IGNORECASE,
)
READ_MORE = re.compile(
    r"^(?:read\s+more|also\s+read|read\s+also|see\s+also|related(?:\s+(?:articles?|stories|"
    r"news|content|posts?))?|recommended(?:\s+for\s+you)?|more\s+from\s+.{1,40}|you\s+may\s+also\s+"
    r"like|you\s+might\s+also\s+like|more\s+stories|more\s+on\s+this|top\s+stories|"
    r"don['’]t\s+miss)\b\W{0,3}",
    re.IGNORECASE,
)
COPYRIGHT = re.compile(
    r"(?:©|\(c\)\s*\d{4}|\bcopyright\b|\ball\s+rights\s+reserved\b)", re.IGNORECASE
)
ROLE_NOUN = (
    r"(?:journalist|writer|editor|reporter|correspondent|author|analyst|contributor|columnist|"
    r"blogger|producer|freelancer|commentator|anchor|news\s+writer|content\s+writer|storyteller)"
)
# "<Name> is a dynamic journalist and ..." - a third-person stock description of the writer.
AUTHOR_BIO = re.compile(
    r"^(?:[A-Z][\w'’.\-]{0,30}\s){1,4}(?:is|has\s+been|was|serves\s+as|works\s+as)\s+"
    r"(?:an?\s+|the\s+)?(?:[\w\-,]{1,30}\s+){0,5}" + ROLE_NOUN + r"s?\b"
)
ABOUT_AUTHOR = re.compile(
    r"^(?:about\s+the\s+author|about\s+me|author\s+bio)\W{0,3}$", re.IGNORECASE
)
CREDIT_IN_CAPTION = re.compile(
    r"(?:\((?:photo|image|picture|file\s+photo|credit)[^)]{0,80}\)\s*$|\b(?:AP\s+Photo|Getty\s+Images|"
    r"Shutterstock|AFP\s+via|File\s+photo|Photo\s+by|Image\s+by|Photograph:|Photo\s+credit)\b)",
    re.IGNORECASE,
)
DESCRIPTIVE_PARTICIPLE = re.compile(r",\s(?:\w+ly\s)?\w{3,}ing\b")
# Words whose presence shows a finite clause; captions describe a picture without one.
FINITE_VERBS = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "shall",
        "do",
        "does",
        "did",
        "said",
        "says",
        "say",
        "told",
        "tells",
        "announced",
        "added",
        "according",
    ]
)


# A reader comment's header: "name says:" or a posting time "November 19, 2019 at 6:58 am".
COMMENT_HEADER = re.compile(
    r"^.{1,60}\s(?:says|said|wrote|replied|commented)\s{0,2}:$", re.IGNORECASE
)
COMMENT_TIME = re.compile(r"^.{4,40}\s(?:at|@)\s{1,2}\d{1,2}:\d\d\s{0,2}(?:am|pm)?$", re.IGNORECASE)


@dataclass(slots=True)
class Furniture:
    """One line recognised as furniture: its kind and, for metadata lines, the value it gives."""

    kind: BoilerplateKind
    field: str | None = None  # "byline", "photo_credit" or "original_source" when it carries one
    value: str | None = None


@lru_cache(maxsize=8192)
def words_of(line: str) -> tuple[str, ...]:
    """The \\w+ tokens of a line (cached: every pass over a page asks for them again)."""
    return tuple(WORD.findall(line))


def word_count(line: str) -> int:
    """Words in a line, counting two characters of an unspaced script (CJK, Thai) as one word."""
    if line.isascii():
        return len(words_of(line))
    return len(words_of(line)) + len(UNSPACED.findall(line)) // 2


def strip_site_suffix(title: str) -> str:
    """A headline without the " - Site name" tail that <title> lines carry."""
    stripped = SITE_SUFFIX.sub("", title)
    return stripped if len(words_of(stripped)) >= 3 else title


# SENTENCE_END read without a regex search (which would try every position of the line).
SENTENCE_MARKS = frozenset(".!?…:;。！？")
CLOSING_MARKS = "\"'”’)]」』"


def is_sentence_like(line: str) -> bool:
    """True when the line ends as a sentence ends (see SENTENCE_END)."""
    if line.endswith("\n"):
        line = line[:-1]  # where the regex's $ would match too
    return line.rstrip(CLOSING_MARKS)[-1:] in SENTENCE_MARKS


def name_from_byline(rest: str) -> str | None:
    """The person's name in what follows "By": cut at separators, dates and "on"."""
    name = re.split(
        r"\s*(?:[|•·,;/]|\s-\s|\s–\s|\bon\b|\bupdated\b|\bpublished\b|\d)", rest, maxsplit=1
    )[0]
    name = name.strip(" .:-")
    tokens = name.split()
    if not 1 <= len(tokens) <= 6:
        return None
    capitalised = sum(1 for token in tokens if token[:1].isupper())
    return name if capitalised >= max(1, len(tokens) - 1) else None


def classify_furniture(line: str) -> Furniture | None:
    """The furniture kind of one line judged alone, or None when it may be body text."""
    n_words = len(words_of(line))
    if n_words <= 12:
        if (match := BYLINE.match(line)) is not None and (name := name_from_byline(match["rest"])):
            return Furniture("other", "byline", name)
        if (match := PHOTO_CREDIT.match(line)) is not None:
            return Furniture("other", "photo_credit", match["credit"].strip())
        if (match := ORIGINAL_SOURCE.match(line)) is not None and line.split()[0][:1].isupper():
            return Furniture("other", "original_source", match["source"].strip())
        if COMMENT_PROMPT.match(line):
            return Furniture("comment_prompt")
        if LOADING.match(line):
            return Furniture("other")
        if SHARE_OR_NAV.match(line):
            return Furniture("navigation")
        if READ_MORE.match(line):
            return Furniture("teaser")
        if ABOUT_AUTHOR.match(line):
            return Furniture("bio")
    if n_words <= 40 and PROMO_CALL.search(line) and PROMO_TARGET.search(line):
        return Furniture("promo")
    if n_words <= 25 and COPYRIGHT.search(line):
        return Furniture("other")
    if AUTHOR_BIO.match(line):
        return Furniture("bio")
    if n_words <= 40 and is_caption(line):
        return Furniture("caption")
    return None


def is_caption(line: str) -> bool:
    """A picture's caption: a credit in brackets, or a description with no finite verb."""
    if CREDIT_IN_CAPTION.search(line):
        return True
    if not line.endswith(".") or len(words_of(line)) > 30:
        return False
    participle = DESCRIPTIVE_PARTICIPLE.search(line)
    if participle is None:
        return False
    # A caption names what the picture shows; a past-tense verb before the participle
    # ("officials banned ..., arresting ...") makes it a sentence of the story instead.
    before = words_of(line[: participle.start()])
    lowered = {token.lower() for token in words_of(line)}
    return not lowered & FINITE_VERBS and not any(
        len(token) > 4 and token.endswith("ed") and token.islower() for token in before
    )


def is_headline_like(line: str) -> bool:
    """A short line that reads like a headline: a few words, no sentence full stop at its end."""
    n_words = len(words_of(line))
    return 2 <= n_words <= 25 and len(line) <= 160 and not line.rstrip().endswith((".", ":", ","))


def shape_of(line: str) -> tuple[str, ...]:
    """A line's template: the classes of its first three words and of its last character.

    Lines of one list (tour dates, a table's rows, a meal plan's items) share it.
    """
    classes = []
    for word in words_of(line)[:3]:
        if word.isdigit():
            classes.append("9")
        elif word.isupper() and len(word) > 1:
            classes.append("A")
        elif word[:1].isupper():
            classes.append("a")
        else:
            classes.append("-")
    last = line[-1:]
    classes.append("." if last in ".!?" else "9" if last.isdigit() else "x")
    return tuple(classes)


def is_figures(line: str) -> bool:
    """A line of which two words in five or more are numbers: a table's row, never a summary."""
    words = words_of(line)
    return sum(map(str.isdigit, words)) * 5 >= len(words) * 2


def same_numbered_form(first: str, second: str) -> bool:
    """Two rows of one numbered or dated list ("7 Kyle Larson 2339", "June 10 -- Tampa"): both
    open with the same template, a number in it. A headline and its summary do not."""
    opening = shape_of(first)[:2]
    return "9" in opening and shape_of(second)[:2] == opening


def is_cut_off(line: str) -> bool:
    """A summary cut at a fixed length: it stops mid-sentence or with an ellipsis."""
    return len(words_of(line)) >= 5 and (
        ELLIPSIS_END.search(line) is not None or not is_sentence_like(line)
    )


def find_teaser_runs(lines: list[str], min_pairs: int = 2, tolerance: int = 6) -> set[int]:
    """Indexes of lines in runs of (headline, cut-off summary) pairs, a related-stories list.

    A run needs at least `min_pairs` pairs whose summaries were cut at about the same length
    (within `tolerance` characters) or all end in an ellipsis: the sign of a template that
    truncates, which body paragraphs never share.
    """
    found: set[int] = set()
    i = 0
    while i + 1 < len(lines):
        pairs: list[int] = []
        j = i
        while (
            j + 1 < len(lines)
            and is_headline_like(lines[j])
            and is_cut_off(lines[j + 1])
            and len(lines[j + 1]) > len(lines[j])
            and not same_numbered_form(lines[j], lines[j + 1])
            and not is_figures(lines[j + 1])
        ):
            pairs.append(j)
            j += 2
        if len(pairs) >= min_pairs:
            lengths = sorted(len(lines[p + 1]) for p in pairs)
            median = lengths[len(lengths) // 2]
            kept = [
                p
                for p in pairs
                if abs(len(lines[p + 1]) - median) <= tolerance or ELLIPSIS_END.search(lines[p + 1])
            ]
            if len(kept) >= min_pairs and len(kept) * 5 >= len(pairs) * 3:
                for p in kept:
                    found.update((p, p + 1))
                i = j
                continue
        i += 1
    return found


def find_comment_section(lines: list[str], min_headers: int = 2) -> int | None:
    """Index where a run of reader comments starts ("name says:" headers), or None.

    Comments follow the article, so everything from the first header on is left out; two
    headers at least, so that one quoted "he says:" in a body does not cut the page.
    """
    headers = [
        i
        for i, line in enumerate(lines)
        if len(words_of(line)) <= 8 and (COMMENT_HEADER.match(line) or COMMENT_TIME.match(line))
    ]
    return headers[0] if len(headers) >= min_headers else None
