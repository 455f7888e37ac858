"""Who a source is, whatever the words that name it: "the NIS", "South Korea's spy agency" and
"Seoul's intelligence service" are one agency; "North Korea", "Pyongyang" and "North Korea's
foreign ministry" speak for one government.

An agency is read as (country, kind of body): the country from a possessor, an adjective or a
capital ("South Korea's", "Ukrainian", "Seoul's"), the kind from a small table of general words
("intelligence", "spy" -> intelligence; "defence ministry", "Pentagon" -> defence). A known
body with no country in its name (the gazetteer's "National Intelligence Service") takes the
one its gazetteer description gives. General knowledge only: no story, no figure.
"""

from __future__ import annotations

import functools
import re

# Capitals that reports use for their governments ("Seoul said", "Kyiv's intelligence").
CAPITALS = {
    "seoul": "South Korea", "pyongyang": "North Korea", "moscow": "Russia", "kyiv": "Ukraine",
    "kiev": "Ukraine", "washington": "United States", "beijing": "China", "tokyo": "Japan",
    "london": "United Kingdom", "paris": "France", "berlin": "Germany", "tehran": "Iran",
    "ankara": "Turkey", "jerusalem": "Israel", "damascus": "Syria", "baghdad": "Iraq",
    "kabul": "Afghanistan", "islamabad": "Pakistan", "new delhi": "India", "delhi": "India",
    "minsk": "Belarus", "warsaw": "Poland", "riyadh": "Saudi Arabia", "cairo": "Egypt",
    "taipei": "Taiwan", "hanoi": "Vietnam", "manila": "Philippines", "ottawa": "Canada",
    "canberra": "Australia", "rome": "Italy", "madrid": "Spain", "brussels": "European Union",
}  # fmt: skip
# Names that stand for one country's body ("the Pentagon said").
METONYMS = {
    "pentagon": ("United States", "defence"), "white house": ("United States", "government"),
    "kremlin": ("Russia", "government"), "state department": ("United States", "foreign"),
    "downing street": ("United Kingdom", "government"), "elysee": ("France", "government"),
}  # fmt: skip
# Kinds of body, by the words that name them; the first that matches wins ("military
# intelligence" is an intelligence agency, "defence intelligence" too).
_KINDS = (
    ("intelligence", re.compile(r"\b(?:intelligence|spy|spies|spooks|espionage)\b")),
    ("defence", re.compile(r"\b(?:defen[cs]e|war)\s+(?:ministry|department|minist\w+|secretary)|"
                           r"\b(?:ministry|department|minister|secretary)\s+of\s+defen[cs]e\b")),
    ("military", re.compile(r"\b(?:military|army|armed forces|general staff|joint chiefs|"
                            r"forces command|navy|air force)\b")),
    ("health", re.compile(r"\bhealth\b")),
    ("foreign", re.compile(r"\bforeign\s+(?:ministry|minister|office|affairs)\b")),
    ("interior", re.compile(r"\b(?:interior|home office|home ministry)\b")),
    ("police", re.compile(r"\bpolice\b")),
    ("emergency", re.compile(r"\b(?:emergency|emergencies|civil defen[cs]e|rescue)\b")),
    ("media", re.compile(r"\b(?:state media|news agency|state television|state tv)\b")),
    ("government", re.compile(r"\b(?:government|ministry|cabinet|presidency|administration)\b")),
)  # fmt: skip
# Bodies that speak for their government: a claim of one of them, and a later one of another,
# are the same party changing its word ("denied in October, confirmed in April").
# News agencies by the names their clients print ("the Associated Press", "AP", "Agence
# France-Presse", "AFP"), keyed as `rewrites.outlet_key` writes a name: one key per agency, so
# "according to the Associated Press" names the page an outlet called "AP" published.
WIRE_AGENCIES = {
    "ap": "ap", "associatedpress": "ap", "afp": "afp", "agencefrancepresse": "afp",
    "reuters": "reuters", "thomsonreuters": "reuters", "pti": "pti",
    "presstrustofindia": "pti", "upi": "upi", "unitedpressinternational": "upi",
    "xinhua": "xinhua", "yonhap": "yonhap", "kyodo": "kyodo", "kyodonews": "kyodo",
    "dpa": "dpa", "efe": "efe", "ansa": "ansa", "tass": "tass", "interfax": "interfax",
    "anadolu": "anadolu", "anadoluagency": "anadolu", "bernama": "bernama", "ani": "ani",
    "ians": "ians", "aap": "aap", "australianassociatedpress": "aap", "cp": "cp",
    "canadianpress": "cp", "kcna": "kcna", "irna": "irna", "wafa": "wafa", "sana": "sana",
}  # fmt: skip
GOVERNMENT_KINDS = frozenset({"government", "foreign", "defence", "media", "interior"})
_WORD = re.compile(r"[A-Za-z][A-Za-z.'’\-]*")


@functools.lru_cache(maxsize=1)
def _known() -> tuple[dict[str, str], dict[str, tuple[str, str]], dict[str, str]]:
    """(lower-cased name, alias or adjective -> canonical place or body; canonical body ->
    (country, its description's head); lower-cased name of a place or its adjective -> the
    place) from the gazetteer."""
    from newsgraph.extract.gazetteer import DEMONYMS, DESCRIPTIONS, GAZETTEER

    forms: dict[str, str] = {}
    places: dict[str, str] = {}
    for canonical, type_, aliases in GAZETTEER:
        for name in (canonical, *aliases):
            forms.setdefault(name.casefold().replace(".", ""), canonical)
            if type_ == "GPE":
                places.setdefault(name.casefold().replace(".", ""), canonical)
    for adjective, country in DEMONYMS.items():
        places.setdefault(adjective.casefold(), country)
    described: dict[str, tuple[str, str]] = {}
    canon = {c.casefold(): c for c, _t, _a in GAZETTEER}
    for (possessor, head), body in DESCRIPTIONS.items():
        place = canon.get(possessor) or CAPITALS.get(possessor)
        if place:
            described.setdefault(body, (place, head))
    return forms, described, places


def _kind(text: str) -> str | None:
    lower = text.casefold()
    return next((name for name, pattern in _KINDS if pattern.search(lower)), None)


def _countries(words: list[str]) -> list[str]:
    """The countries the capitalised words of a speaker name, longest phrase first."""
    _, _, places = _known()
    names = [w.rstrip(".") for w in words]
    found: list[str] = []
    i = 0
    while i < len(names):
        for size in range(min(4, len(names) - i), 0, -1):
            phrase = " ".join(names[i : i + size])
            phrase = re.sub(r"['’]s?$", "", phrase).casefold().replace(".", "")
            country = (
                CAPITALS.get(phrase) or places.get(phrase) or places.get(phrase.replace(" ", ""))
            )
            if country:
                found.append(country)
                i += size
                break
        else:
            i += 1
    return found


@functools.lru_cache(maxsize=4096)
def agency_of(speaker: str | None) -> tuple[str, str] | None:
    """(country, kind of body) the speaker's words name, or None: "South Korea's spy agency" and
    "the NIS" -> ("South Korea", "intelligence"); "Ukraine" alone -> ("Ukraine", "country")."""
    if not speaker or not speaker.strip():
        return None
    text = " ".join(speaker.split())
    lower = text.casefold()
    forms, described, places = _known()
    for name, body in METONYMS.items():
        if re.search(rf"\b{name}\b", lower):
            return body
    words = [w for w in _WORD.findall(text) if w[:1].isupper()]
    # a known body named by its name or abbreviation ("NIS", "HUR")
    for word_run in (" ".join(words), *words):
        canonical = forms.get(re.sub(r"['’]s?$", "", word_run).casefold().replace(".", ""))
        if canonical in described:
            country, head = described[canonical]
            return country, _kind(head) or _kind(canonical) or canonical.casefold()
    countries = _countries(words)
    if len(set(countries)) != 1:
        return None  # no country, or two ("South Korea's and Japan's ministries")
    kind = _kind(lower)
    if kind is None:
        # the country itself, or its capital, and nothing more ("Pyongyang said", "Russia")
        plain = re.sub(r"^the\s+", "", re.sub(r"['’]s\b", "", lower)).strip().replace(".", "")
        if plain in CAPITALS or places.get(plain) == countries[0]:
            return countries[0], "country"
        return None
    return countries[0], kind


def same_agency(a: str | None, b: str | None) -> bool:
    """Whether two speakers' words name one body (never true of two unknowns)."""
    ka, kb = agency_of(a), agency_of(b)
    return ka is not None and ka == kb


def party_of(speaker: str | None) -> str | None:
    """The government a speaker speaks for, when it is one: the country itself, its capital, or
    a body of its government ("North Korea's foreign ministry", "KCNA")."""
    found = agency_of(speaker)
    if found is None:
        return None
    country, kind = found
    return country if kind in GOVERNMENT_KINDS or kind == "country" else None


@functools.lru_cache(maxsize=1)
def place_adjectives() -> tuple[tuple[str, str], ...]:
    """(adjective, place) of the gazetteer's places, the longest adjective first ("North
    Korean" before "Korean")."""
    from newsgraph.extract.gazetteer import DEMONYMS

    return tuple(sorted(DEMONYMS.items(), key=lambda kv: (-len(kv[0]), kv[0])))
