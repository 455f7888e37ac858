"""Normalise written numbers to values: "10,000", "1.3 million", "ten thousand", "10k",
"15-thousand", "four-thousand-100", "a dozen", "£3.2m", "₹1,600 crore".

Pure string functions; the quantity extractor decides which token runs to hand over.
"""

from __future__ import annotations

import re

from newsgraph.extract.units import CURRENCY_PREFIXES, CURRENCY_WORDS

UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Multipliers that close a group ("four thousand 100": 4 * 1000 + 100).
SCALES: dict[str, float] = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
# Words that count but do not close a group.
GROUP_WORDS: dict[str, float] = {"hundred": 100.0, "dozen": 12.0, "score": 20.0}

_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")
_DIGITS_SUFFIX = re.compile(r"^(\d+(?:,\d{3})*(?:\.\d+)?)([a-z]+)$")
_SPLIT = re.compile(r"[\s\-–]+")


def is_year(text: str, first: int = 1800, last: int = 2100) -> bool:
    """Four digits that read as a year between `first` and `last` ("2015"), not a count."""
    return text.isdigit() and len(text) == 4 and first <= int(text) <= last


def is_number_word(word: str) -> bool:
    """Whether `word` (any case) can be part of a written number."""
    low = word.lower()
    return low in UNITS or low in SCALES or low in GROUP_WORDS or _parse_digits(low) is not None


def _parse_digits(piece: str) -> float | None:
    match = _DIGITS.match(piece)
    if not match:
        return None
    return float(match.group(1).replace(",", "") + (match.group(2) or ""))


def _pieces(text: str) -> list[str] | None:
    """Split a number phrase into words, separating "10k" and "3.2m" into value and scale."""
    out: list[str] = []
    for raw in _SPLIT.split(text.strip().lower()):
        if not raw:
            continue
        if raw in ("and", "a", "an"):
            out.append(raw)
            continue
        if _parse_digits(raw) is not None or raw in UNITS or raw in SCALES or raw in GROUP_WORDS:
            out.append(raw)
            continue
        match = _DIGITS_SUFFIX.match(raw)
        if match and match.group(2) in SCALES:
            out.extend([match.group(1), match.group(2)])
            continue
        return None
    return out


def parse_number(text: str) -> float | None:
    """The value of a number phrase without currency or qualifier, or None if it is not one.

    "1.3 million" -> 1300000, "four-thousand-100" -> 4100, "a dozen" -> 12, "10k" -> 10000.
    """
    words = _pieces(text)
    if not words:
        return None
    total = 0.0
    current: float | None = None
    seen_value = False
    for i, word in enumerate(words):
        digits = _parse_digits(word)
        if digits is not None:
            current = (current or 0.0) + digits
            seen_value = True
        elif word in UNITS:
            current = (current or 0.0) + UNITS[word]
            seen_value = True
        elif word in ("a", "an"):
            # Only as "a dozen", "a hundred", "a million".
            if i + 1 >= len(words) or (
                words[i + 1] not in GROUP_WORDS and words[i + 1] not in SCALES
            ):
                return None
            current = (current or 0.0) + 1.0
        elif word == "and":
            continue
        elif word in GROUP_WORDS:
            current = (current if current is not None else 1.0) * GROUP_WORDS[word]
            seen_value = True
        elif word in SCALES:
            if current is None:
                if word in ("k", "m", "b", "bn", "mn", "mln", "tn"):
                    return None
                current = 1.0
            total += current * SCALES[word]
            current = None
            seen_value = True
    if not seen_value:
        return None
    value = total + (current or 0.0)
    return float(round(value, 6))


def currency_of(symbol_or_word: str) -> str | None:
    """ISO code for a currency sign, code or name ("£" -> GBP, "rupees" -> INR), else None.
    The tables are `extract.units`'."""
    if symbol_or_word in CURRENCY_PREFIXES:
        return CURRENCY_PREFIXES[symbol_or_word]
    low = symbol_or_word.lower()
    prefixes = {sign.lower(): code for sign, code in CURRENCY_PREFIXES.items()}
    return prefixes.get(low) or CURRENCY_WORDS.get(low)
