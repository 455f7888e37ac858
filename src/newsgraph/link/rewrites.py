"""Rewrites: which pages copy, rewrite or name as source which earlier pages.

- `copy`: the same normalised text on another address (similarity 1.0), found by a hash, or
  one page cut short: nearly all shingles of the shorter page are in the longer one
  (containment of the shorter, whatever the Jaccard: the first half of a page is a copy).
- `rewrite`: near copies, trimmed copies and spun rewrites. MinHash LSH over word 3-shingles
  proposes candidates; each is verified by shingle containment (a near copy with boilerplate
  added or sentences dropped keeps most of its shingles) and by sentence alignment (a spun
  rewrite with swapped words and reordered sentences keeps most sentences recognisable).
- `rereport`: another outlet's account of one original report, in its own words (word-shingle
  overlap 0.05-0.3, far below a rewrite). Found by what a retelling keeps: the original's
  quotes (4-word shingles inside quotation marks, from the text), counted by distinct
  quotation (two accounts of one report share several of its quotes, two stories quoting one
  remark share one) and by rarity (a phrase many live pages quote is a stock phrase); its
  figures with their speakers, a figure written inside a shared quote counted with the quote;
  its named sources (from the claims and quantities stage A stored, given to `add` as
  `figures` and `sources`); the outlet it names ("the AP reported", "told AFP": that outlet's
  page, or another page naming it); close in time. Candidates come from an inverted index over
  those keys, each list read to a fixed depth, so the cost per page does not grow with the
  corpus.
- `declared`: the page names its source: `original_source`, a wire dateline
  ("WASHINGTON (AP) —"), or "according to / citing / told / reported by X" where X is an
  outlet the index has seen. It links to that outlet's page close in time with related
  content (a lower bar than `rewrite`: the page told us where to look). When the store has no
  page of that outlet, the origin is external: the first page that declared it stands for the
  external dispatch, and later pages that declare the same outlet, close in time and with
  related content, link to that page, so one agency's dispatch repeated by ten outlets forms
  one origin group (one independent source), while a lone citing page stays its own.
The earlier page (by `published`, else the first added) is the source. Only pages inside the
time window stay in the index, so memory and work per page stay bounded.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from newsgraph.extract.cues import PRONOUNS
from newsgraph.link.agencies import WIRE_AGENCIES
from newsgraph.link.state import pack_state, unpack_state
from newsgraph.records import Claim, Quantity, Rewrite

STATE_VERSION = 3
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+|\n+")
_OUTLET_NOISE = re.compile(r"^(?:https?://)?(?:www\.)?|\.(?:com|org|net|co|news)(?:\.\w\w)?/?.*$")
# A quotation: straight or curly double quotes, guillemets, or the two quote styles of archive
# and tokenised text: ''like this'' (a doubled mark opens before a word and closes after one,
# so the space between two quotes is never read as one) and ``like this''.
_QUOTE_FORMS = (
    r"“([^“”\n]{12,600})”|\"([^\"\n]{12,600})\"|«([^«»\n]{12,600})»"
    r"|``([^`\n]{12,600}?)''"
    r"|(?<![\w'])''(?=\S)((?:(?!'')[^\n]){12,600}?)(?<=\S)''"
)
_QUOTE = re.compile(_QUOTE_FORMS)
# Reading every quote also reads one left open at the end of its paragraph, to the paragraph's
# end: news prints a quote of two paragraphs with no closing mark on the first.
_QUOTE_OPEN = re.compile(_QUOTE_FORMS + r"|[“\"]([^“”\"\n]{12,600})$", re.M)
# A wire dateline at the top of a page: "WASHINGTON (AP) —", "PASADENA, Calif., Jan. 1 (UPI) —".
_DATELINE = re.compile(r"^[^\n(]{0,80}\(([A-Z][\w&.\-]*(?: [A-Z][\w&.\-]*){0,3})\)\s*[—–-]", re.M)
# A cited outlet in running text; kept only when it names an outlet the index knows.
_CITED = re.compile(
    r"\b(?:[Aa]ccording to|[Cc]iting|told|reported by|in an interview with)\s+(?:the\s+)?"
    r"((?:[A-Z][\w&.\-]*)(?:\s+[A-Z][\w&.\-]*){0,3})"
)
_REPORTED = re.compile(
    r"(?<![\w.])((?:[A-Z][\w&.\-’']*)(?:\s+[A-Z0-9][\w&.\-’']*){0,3})\s+"
    r"(?:reported|reports|said|says|wrote|quoted)\b"
)
_SEED = 7
_SCHEME = "affine32"  # datasketch 2 needs it named to rebuild a MinHash from saved values
_MAX32 = 0xFFFFFFFF


@dataclass(slots=True)
class RewriteParams:
    """Thresholds of the rewrite index; defaults measured on the labelled set of
    `newsgraph.evaluate.rewrites`."""

    num_perm: int = 128
    lsh_threshold: float = 0.2
    shingle: int = 3
    rewrite_threshold: float = 0.6
    declared_threshold: float = 0.2
    sentence_match: float = 0.7
    max_sources: int = 3
    window_days: int = 60
    max_active: int = 200_000
    min_words: int = 25
    copy_containment: float = 0.99  # shorter page inside the longer: a copy cut short
    quote_shingle: int = 4
    rereport_days: int = 3  # a retelling follows its original within days
    rereport_threshold: float = 0.5
    rereport_min_overlap: float = 0.02  # word-shingle containment a retelling still keeps
    declared_days: int = 7
    declared_rereport: float = 0.3  # the bar for two pages declaring one external origin
    postings_depth: int = 200
    # "shingles": re-report evidence counts shared quote shingles. "quotations" counts
    # distinct shared quotations (by rarity), figures outside shared quotes, the outlet a page
    # names ("the AP reported"), and reads every quote: better on the written same-origin set
    # (benchmarks/provenance/ORIGINS.md), worse on the PolNeAR months, so not the default.
    rereport_evidence: str = "shingles"
    # a quote shingle that more live pages than this hold is a stock phrase ("i don't think"),
    # not one report's quote: it counts `rare_pages / holders` of a shingle
    rare_pages: int = 12
    quote_words: int = 3  # shared shingles of one quotation that count it whole

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


_PARAM_NAMES = frozenset(f.name for f in fields(RewriteParams))


@dataclass(slots=True)
class _Page:
    seq: int
    article_id: str
    published: str | None
    outlet: str | None
    shingles: np.ndarray  # sorted unique uint64 hashes of word shingles
    sentences: list[frozenset[int]]  # each sentence as a set of word hashes
    signature: np.ndarray  # MinHash hash values
    digest: str = ""  # SHA-1 of the normalised text: equal digests are copies
    relations: list[str] = field(default_factory=list)
    quotes: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    quote_groups: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    figures: frozenset[str] = frozenset()  # "value|speaker" keys of the stated figures
    sources: frozenset[str] = frozenset()  # named sources (claim speakers), normalised
    declared: tuple[str, ...] = ()  # outlet keys the page names as its source
    quoted: frozenset[str] = frozenset()  # numbers written inside its quotations


def normalise_words(text: str) -> list[str]:
    """Case-folded word tokens: what a copy keeps when markup, spacing and punctuation change."""
    return _WORD.findall(text.casefold())


@functools.lru_cache(maxsize=1 << 18)  # news vocabulary repeats: hash each word once
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser, element-wise (uint32 in, uint32 out), as datasketch
    mixes each input of its affine32 scheme."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


@functools.cache
def _permutations(num_perm: int) -> Any:
    """The MinHash permutations for `num_perm` (fixed seed), drawn once instead of per page."""
    return MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME).permutations


def _shingles(hashes: list[int], size: int) -> np.ndarray:
    if len(hashes) < size:
        values = [hash(tuple(hashes)) & 0xFFFFFFFFFFFFFFFF] if hashes else []
        return np.asarray(values, dtype=np.uint64)
    arr = np.asarray(hashes, dtype=np.uint64)
    mixed = arr[: len(arr) - size + 1].copy()
    for offset in range(1, size):
        # Rotate-and-xor combines the words in order; collisions only cost a false candidate.
        rotated = (mixed << np.uint64(7)) | (mixed >> np.uint64(57))
        mixed = rotated ^ arr[offset : len(arr) - size + 1 + offset]
    return np.unique(mixed)


def _words_and_sentences(text: str) -> tuple[list[str], list[int], list[frozenset[int]]]:
    """The page's words, their hashes, and each sentence as the set of its longer words' hashes.

    Sentences split at whitespace and punctuation only, so their words put end to end are the
    page's words: one tokenisation serves the shingles and the sentence alignment.
    """
    pieces = [normalise_words(piece) for piece in _SENTENCE_END.split(text)]
    words = [w for piece in pieces for w in piece]
    known = {w: _word_hash(w) for w in dict.fromkeys(words)}  # each distinct word hashed once
    sentences = []
    for piece in pieces:
        long_words = [known[w] for w in piece if len(w) > 2]
        if len(long_words) >= 4:
            sentences.append(frozenset(long_words))
    return words, [known[w] for w in words], sentences


def quotations(text: str, size: int, *, every: bool = False) -> list[np.ndarray]:
    """Each quotation in `text` as its hashed word `size`-shingles (quotes shorter than
    `size` + 2 words skipped): what a retelling in other words still repeats verbatim, one
    array a quote. `every` reads every quote: short ones of `size` words, and one left open
    at its paragraph's end."""
    found: list[np.ndarray] = []
    for match in (_QUOTE_OPEN if every else _QUOTE).finditer(text):
        quoted = next(group for group in match.groups() if group is not None)
        words = [w for w in normalise_words(quoted) if w]
        if len(words) >= (size if every else size + 2):
            found.append(_shingles([_word_hash(w) for w in words], size))
    return found


def quote_shingles(text: str, size: int, *, every: bool = False) -> np.ndarray:
    """Hashed word `size`-shingles of all the quotations in `text`, sorted and unique."""
    found = quotations(text, size, every=every)
    if not found:
        return np.zeros(0, dtype=np.uint64)
    return np.unique(np.concatenate(found))


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def quoted_numbers(text: str) -> frozenset[str]:
    """The numbers written inside the page's quotations, as figure keys write values ("13,000"
    -> "13000"): a figure a quote states is that quote, not evidence of its own."""
    found = set()
    for match in _QUOTE_OPEN.finditer(text):
        quoted = next(group for group in match.groups() if group is not None)
        for number in _NUMBER.findall(quoted):
            try:
                found.add(f"{float(number.replace(',', '')):g}")
            except ValueError:
                continue
    return frozenset(found)


def _quotes_and_groups(text: str, size: int, every: bool) -> tuple[np.ndarray, np.ndarray]:
    """The unique quote shingles and, for each, the quotation it first occurs in."""
    found = quotations(text, size, every=every)
    if not found:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int32)
    flat = np.concatenate(found)
    owner = np.repeat(np.arange(len(found), dtype=np.int32), [a.size for a in found])
    shingles, first = np.unique(flat, return_index=True)
    return shingles, owner[first]


def declared_outlets(
    text: str, known: Callable[[str], bool], *, agencies: bool = False
) -> list[str]:
    """Outlet keys a page names as its source: a wire dateline, or an outlet `known` to the
    index cited with "according to", "citing", "told", "reported by". With `agencies`, a
    news agency is known by any of its names, and an outlet the subject of "reported", "said"
    ("the AP reported", "Al Jazeera said") is named too."""
    keys: list[str] = []
    head = text[:600]
    for match in _DATELINE.finditer(head):
        keys.append(outlet_key(match.group(1), agencies=agencies))
    wires = set(WIRE_AGENCIES.values()) if agencies else set()
    for match in _CITED.finditer(text):
        words = match.group(1).split()
        # "according to Reuters News Agency": the longest known prefix of the capitalised run
        for end in range(len(words), 0, -1):
            key = _known_key(" ".join(words[:end]), known, wires, agencies)
            if key:
                keys.append(key)
                break
    if not agencies:
        return list(dict.fromkeys(k for k in keys if k))
    for match in _REPORTED.finditer(text):
        words = match.group(1).split()
        # "Ukraine's Ukrainska Pravda reported": the longest known suffix of the run
        for start in range(len(words)):
            key = _known_key(" ".join(words[start:]), known, wires, True)
            if key:
                keys.append(key)
                break
    return list(dict.fromkeys(k for k in keys if k))


def _known_key(name: str, known: Callable[[str], bool], wires: set[str], agencies: bool) -> str:
    """The key of an outlet name the index knows, or "": 'The Hill' is known as 'hill' or by
    its site's name, 'thehill' (an address keeps the article that the key of a written name
    drops)."""
    key = outlet_key(name, agencies=agencies)
    if not key:
        return ""
    if known(key) or key in wires:
        return key
    if re.match(r"the\s", name.strip(), re.I) and known("the" + key):
        return "the" + key
    return ""


def _speaker_key(speaker: str | None) -> str:
    """A speaker as a comparable key: the last word of the name ('Sen. Ted Cruz' -> 'cruz')."""
    words = normalise_words(speaker or "")
    return words[-1] if words else ""


_DETERMINERS = frozenset({"The", "A", "An", "This", "That", "These", "Those", "Its", "Their"})


def _name_key(speaker: str) -> str:
    """A named source as a key: the last word of the speaker written with a capital ('Sen. Ted
    Cruz' -> 'cruz', "South Korea's spy agency" -> 'korea'); none for 'who', 'officials' or a
    description opening a sentence ('The company', which speaker resolution ties to an entity:
    every page has one)."""
    names = [w for w in _WORD.findall(speaker) if w[0].isupper() and w not in _DETERMINERS]
    return names[-1].casefold() if names else ""


def report_evidence(
    quantities: Iterable[Quantity], claims: Iterable[Claim]
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Per article: keys of the figures it states ("1100|clinton", a figure without a speaker
    keyed by its unit and object) and its named sources (claim speakers with a name, not a
    pronoun): the evidence `RewriteIndex.add` compares between a page and a retelling."""
    figures: dict[str, set[str]] = {}
    sources: dict[str, set[str]] = {}
    for quantity in quantities:
        if quantity.value is None:
            continue
        speaker = _speaker_key(quantity.speaker)
        if speaker:
            key = f"{quantity.value:g}|{speaker}"
        elif quantity.value >= 100 or quantity.value != int(quantity.value):
            # a bare small count ("two", "3") says nothing about which report it came from,
            # nor a bare share of nothing named ("half"): a figure without a speaker needs an
            # object
            counted = _speaker_key(quantity.object)
            if not counted:
                continue
            key = f"{quantity.value:g}|{quantity.unit or ''}|{counted}"
        else:
            continue
        figures.setdefault(quantity.article_id, set()).add(key)
    for claim in claims:
        if claim.speaker and claim.speaker_entity_id:
            speaker = _name_key(claim.speaker)
            # "he said", "I think": every page has such speakers; they name no source
            if speaker and speaker not in PRONOUNS:
                sources.setdefault(claim.article_id, set()).add(speaker)
    return figures, sources


def outlet_key(outlet: str | None, *, agencies: bool = False) -> str:
    """A comparable outlet name: 'www.Reuters.com/world' and 'Reuters' give 'reuters'; with
    `agencies`, 'the Associated Press' and 'AP' give 'ap'."""
    if not outlet:
        return ""
    text = _OUTLET_NOISE.sub("", outlet.strip().casefold())
    text = re.sub(r"^the\s+", "", text)
    key = re.sub(r"\W+", "", text)
    return WIRE_AGENCIES.get(key, key) if agencies else key


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the smaller shingle set found in the larger."""
    if a.size == 0 or b.size == 0:
        return 0.0
    common = np.intersect1d(a, b, assume_unique=True).size
    return common / min(a.size, b.size)


def sentence_alignment(a: list[frozenset[int]], b: list[frozenset[int]], match: float) -> float:
    """Share of the shorter page's sentences that have a counterpart in the other page
    (word-set overlap at least `match` of the smaller sentence), whatever their order."""
    if not a or not b:
        return 0.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    found = 0
    for sentence in short:
        for other in long_:
            overlap = len(sentence & other) / min(len(sentence), len(other))
            if overlap >= match:
                found += 1
                break
    return found / len(short)


def _groups_of(page: _Page) -> np.ndarray:
    """The quotation of each of the page's quote shingles (all one when it was not kept)."""
    if page.quote_groups.size == page.quotes.size:
        return page.quote_groups.astype(np.int32)
    return np.zeros(page.quotes.size, dtype=np.int32)


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


@functools.cache
def _lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """The bands and rows datasketch picks for `threshold`: it integrates the false-positive
    and false-negative areas afresh for every index it makes (a fifth of a second), and every
    index loaded from a saved state is one."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


class RewriteIndex:
    """Finds the copies, rewrites and declared sources of each new page among earlier ones."""

    def __init__(self, **knobs: Any) -> None:
        self.params = RewriteParams(**knobs)
        if self.params.rereport_evidence not in ("shingles", "quotations"):
            raise ValueError(f"rereport_evidence: {self.params.rereport_evidence!r}")
        self._quotations = self.params.rereport_evidence == "quotations"
        self._pages: dict[int, _Page] = {}
        self._by_article: dict[str, int] = {}
        self._exact: dict[str, int] = {}
        self._by_outlet: dict[str, list[int]] = {}
        self._lsh = self._new_lsh()
        self._n = 0
        self._newest: date | None = None
        self._by_day: list[tuple[date, int]] = []  # heap of (published day, seq) for eviction
        # re-report keys (quote shingles, figures, sources) -> live pages, oldest first
        self._keys: dict[object, dict[int, None]] = {}
        self._declarers: dict[str, list[int]] = {}  # outlet key -> live pages that declared it

    def _new_lsh(self) -> MinHashLSH:
        bands = _lsh_bands(self.params.lsh_threshold, self.params.num_perm)
        return MinHashLSH(num_perm=self.params.num_perm, params=bands)

    def _signature(self, shingles: np.ndarray) -> np.ndarray:
        """The page's MinHash values: datasketch's affine32 scheme (the MurmurHash3 finaliser
        on each 32-bit input, then `a * h + b` modulo 2**32, the minimum per permutation),
        computed on the whole shingle array at once instead of one Python call per shingle."""
        a, b = _permutations(self.params.num_perm)
        if shingles.size == 0:
            return np.full(self.params.num_perm, _MAX32, dtype=np.uint64)
        # The shingles are already 64-bit hashes; take 32 bits as datasketch expects.
        mixed = _fmix32((shingles & np.uint64(_MAX32)).astype(np.uint32))
        permuted = mixed[:, np.newaxis] * a + b  # uint32 arithmetic wraps: modulo 2**32
        return permuted.min(axis=0).astype(np.uint64)

    def _lean(self, signature: np.ndarray) -> LeanMinHash:
        return LeanMinHash(seed=_SEED, hashvalues=signature, scheme=_SCHEME)

    # -- the online step -------------------------------------------------------------------
    def add(
        self,
        article_id: str,
        text: str,
        *,
        published: str | None = None,
        outlet: str | None = None,
        original_source: str | None = None,
        figures: Iterable[str] = (),
        sources: Iterable[str] = (),
    ) -> list[Rewrite]:
        """Index one page and return its relations to the pages indexed before it.

        `figures` are keys of the figures the page states with their speakers ("1100|clinton")
        and `sources` its named sources: stage A's quantities and claims, the evidence a
        re-report in other words still shares with its original.
        """
        if article_id in self._by_article:
            return []  # indexed already (the store never links an article twice)
        words, hashes, sentences = _words_and_sentences(text)
        every = self._quotations
        declared = declared_outlets(text, lambda key: key in self._by_outlet, agencies=every)
        own = self._outlet(outlet)
        named = [self._outlet(original_source)] if original_source else []
        quotes, quote_groups = _quotes_and_groups(text, self.params.quote_shingle, every)
        page = _Page(
            seq=self._n,
            article_id=article_id,
            published=published,
            outlet=outlet,
            shingles=_shingles(hashes, self.params.shingle),
            sentences=sentences,
            signature=np.zeros(0, dtype=np.uint64),
            digest=hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest() if words else "",
            quotes=quotes,
            quote_groups=quote_groups,
            quoted=quoted_numbers(text) if every else frozenset(),
            figures=frozenset(figures),
            sources=frozenset(sources),
            declared=tuple(k for k in dict.fromkeys([*named, *declared]) if k and k != own),
        )
        page.signature = self._signature(page.shingles)
        self._n += 1
        day = _day(published)
        if day is not None and (self._newest is None or day > self._newest):
            self._newest = day
        self._evict()
        found = self._relate(page)
        self._insert(page)
        return found

    def _relate(self, page: _Page) -> list[Rewrite]:
        params = self.params
        relations: dict[int, tuple[str, float]] = {}
        digest = page.digest
        if digest in self._exact and self._exact[digest] in self._pages:
            relations[self._exact[digest]] = ("copy", 1.0)
        declared = set(page.declared)
        long_enough = len(page.shingles) >= params.min_words
        if long_enough or declared:
            for key in self._lsh.query(self._lean(page.signature)):
                seq = int(key)
                if seq in relations or seq not in self._pages:
                    continue
                other = self._pages[seq]
                if digest and other.digest == digest:
                    continue  # another copy of the same text: the first one stands for all
                if declared and self._outlet(other.outlet) in declared:
                    similarity = self._similarity(page, other)
                    if similarity >= params.declared_threshold and self._close(
                        page, other, params.declared_days
                    ):
                        relations[seq] = ("declared", similarity)
                        continue
                if not long_enough or min(len(other.shingles), len(page.shingles)) < 1:
                    continue
                shared = containment(page.shingles, other.shingles)
                if shared >= params.copy_containment and len(other.shingles) >= params.min_words:
                    relations[seq] = ("copy", round(shared, 4))
                    continue
                similarity = self._similarity(page, other, shared)
                if similarity >= params.rewrite_threshold:
                    relations[seq] = ("rewrite", similarity)
        for key in page.declared:
            if any(kind == "declared" for kind, _ in relations.values()):
                break
            self._declared_source(page, key, relations)
        if long_enough:
            for seq, score in self._rereports(page).items():
                relations.setdefault(seq, ("rereport", score))
        ranked = sorted(relations.items(), key=lambda kv: (-kv[1][1], kv[0]))
        copies = [item for item in ranked if item[1][0] == "copy"]
        others = [item for item in ranked if item[1][0] != "copy"][: params.max_sources]
        return [
            self._record(page, self._pages[seq], kind, sim) for seq, (kind, sim) in copies + others
        ]

    def _outlet(self, outlet: str | None) -> str:
        return outlet_key(outlet, agencies=self._quotations)

    def _close(self, page: _Page, other: _Page, days: int) -> bool:
        """Published within `days` of each other (pages without a date are not ruled out)."""
        a, b = _day(page.published), _day(other.published)
        return a is None or b is None or abs((a - b).days) <= days

    def _declared_source(
        self, page: _Page, key: str, relations: dict[int, tuple[str, float]]
    ) -> None:
        """The page that stands for the outlet `key` names: that outlet's latest related page
        close in time, else (an external origin) the latest page that declared it too."""
        params = self.params
        pools = (
            (self._by_outlet.get(key, []), params.declared_threshold, self._similarity),
            (self._declarers.get(key, []), params.declared_rereport, self._rereport_score),
        )
        for pool, bar, measure in pools:
            pool[:] = [s for s in pool if s in self._pages]
            for seq in reversed(pool[-params.postings_depth :]):
                if seq in relations:
                    continue
                other = self._pages[seq]
                if not self._close(page, other, params.declared_days):
                    continue
                similarity = measure(page, other)
                if similarity >= bar:
                    relations[seq] = ("declared", similarity)
                    return

    def _rereport_keys(self, page: _Page) -> list[object]:
        keys = [*page.quotes.tolist(), *page.figures, *("src:" + s for s in page.sources)]
        return keys + ["via:" + d for d in page.declared] if self._quotations else keys

    def _rereports(self, page: _Page) -> dict[int, float]:
        """Earlier pages close in time that this page retells: shared quotes, figures with
        their speakers, named sources and named outlets, with a little shared wording.
        Candidates are the pages the inverted index lists under the page's keys (and the
        latest pages of an outlet it names), each list read to `postings_depth` at most."""
        params = self.params
        votes: dict[int, int] = {}
        keys: list[object] = [*page.quotes.tolist(), *page.figures]
        named = page.declared if self._quotations else ()
        keys += ["via:" + d for d in named]
        for key in keys:
            postings = self._keys.get(key)
            if postings:
                for seq in itertools.islice(reversed(postings), params.postings_depth):
                    votes[seq] = votes.get(seq, 0) + 1
        for outlet in named:  # the outlet the page names: its latest pages
            for seq in self._by_outlet.get(outlet, [])[-params.postings_depth :]:
                votes[seq] = votes.get(seq, 0) + 1
        # a named source adds to a candidate's votes but makes none: "Trump" is in every page
        for source in page.sources if self._quotations else ():
            postings = self._keys.get("src:" + source)
            if postings and votes:
                for seq in itertools.islice(reversed(postings), params.postings_depth):
                    if seq in votes:
                        votes[seq] += 1
        found: dict[int, float] = {}
        for seq, count in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:50]:
            other = self._pages.get(seq)
            if other is None or count < 2 or not self._close(page, other, params.rereport_days):
                continue
            score = self._rereport_score(page, other)
            if score >= params.rereport_threshold:
                found[seq] = score
        return found

    def _quote_evidence(self, page: _Page, other: _Page) -> float:
        """How many distinct quotations of `page` `other` repeats: each counts whole from
        `quote_words` shared shingles, a stock phrase that many live pages hold hardly at all.
        Two accounts of one report share several of its quotes; two stories that both quote
        one remark share one."""
        params = self.params
        common, mine, _ = np.intersect1d(
            page.quotes, other.quotes, assume_unique=True, return_indices=True
        )
        if common.size == 0:
            return 0.0
        groups = (
            page.quote_groups[mine]
            if page.quote_groups.size == page.quotes.size
            else np.zeros(common.size, dtype=np.int32)
        )
        weight: dict[int, float] = {}
        for shingle, group in zip(common.tolist(), groups.tolist(), strict=True):
            holders = len(self._keys.get(shingle, ()))
            rarity = 1.0 if holders <= params.rare_pages else params.rare_pages / holders
            weight[group] = weight.get(group, 0.0) + rarity
        return sum(min(1.0, w / params.quote_words) for w in weight.values())

    def _rereport_score(self, page: _Page, other: _Page, shared: float | None = None) -> float:
        """0..1 evidence that two pages retell one report: its distinct quotes count most,
        then figures with the same speakers, an outlet that one names and the other is or
        names too, the same named sources; nothing counts without a minimum of shared
        wording."""
        overlap = containment(page.shingles, other.shingles) if shared is None else shared
        if overlap < self.params.rereport_min_overlap:
            return 0.0
        if not self._quotations:
            return self._shingle_score(page, other, overlap)
        quotes = self._quote_evidence(page, other)
        # the same figure from the same speaker counts whole, one without a speaker half; one
        # that both pages write inside a quote is counted with the quote already
        quoted = page.quoted & other.quoted if quotes else frozenset()
        figures = sum(
            1.0 if key.count("|") == 1 else 0.5
            for key in page.figures & other.figures
            if key.split("|", 1)[0] not in quoted
        )
        sources = len(page.sources & other.sources)
        named = set(page.declared)
        via = self._outlet(other.outlet) in named or bool(named & set(other.declared))
        score = (
            0.5 * min(1.0, quotes / 2)
            + 0.3 * min(1.0, figures / 2)
            + 0.1 * min(1.0, sources / 2)
            + (0.2 if via else 0.0)
            + min(0.3, overlap)
        )
        return round(min(1.0, score), 4)

    def _shingle_score(self, page: _Page, other: _Page, overlap: float) -> float:
        """The re-report score by shared quote shingles: a long shared quote counts most,
        then figures with the same speakers, then the same named sources."""
        quotes = np.intersect1d(page.quotes, other.quotes, assume_unique=True).size
        # the same figure from the same speaker counts whole, one without a speaker half
        figures = sum(1.0 if key.count("|") == 1 else 0.5 for key in page.figures & other.figures)
        sources = len(page.sources & other.sources)
        score = (
            0.6 * min(1.0, quotes / 8)
            + 0.3 * min(1.0, figures / 2)
            + 0.1 * min(1.0, sources / 2)
            + min(0.3, overlap)
        )
        return round(min(1.0, score), 4)

    def _similarity(self, page: _Page, other: _Page, shared: float | None = None) -> float:
        if shared is None:
            shared = containment(page.shingles, other.shingles)
        if shared >= self.params.rewrite_threshold:
            return round(shared, 4)
        aligned = sentence_alignment(page.sentences, other.sentences, self.params.sentence_match)
        return round(max(shared, aligned), 4)

    def _record(self, page: _Page, other: _Page, kind: str, similarity: float) -> Rewrite:
        """The relation with the earlier page as source (by date, else by order added)."""
        new_first = (
            page.published is not None
            and other.published is not None
            and page.published < other.published
        )
        child, source = (other, page) if new_first else (page, other)
        return Rewrite(child.article_id, source.article_id, kind, similarity)  # type: ignore[arg-type]

    def _insert(self, page: _Page) -> None:
        self._pages[page.seq] = page
        self._by_article[page.article_id] = page.seq
        if page.digest:
            self._exact.setdefault(page.digest, page.seq)
        key = self._outlet(page.outlet)
        if key:
            self._by_outlet.setdefault(key, []).append(page.seq)
        for declared in page.declared:
            self._declarers.setdefault(declared, []).append(page.seq)
        for item in self._rereport_keys(page):
            self._keys.setdefault(item, {})[page.seq] = None
        day = _day(page.published)
        if day is not None:
            heapq.heappush(self._by_day, (day, page.seq))
        self._lsh.insert(str(page.seq), self._lean(page.signature), check_duplication=False)

    def _evict(self) -> None:
        """Forget pages that fell out of the window (by date, or beyond `max_active`).

        Pages sit in insertion order and in a heap by day, so each call costs only what it
        evicts: the index must stay cheap per article at any corpus size.
        """
        limit = self._n - self.params.max_active
        stale: list[int] = []
        for seq in self._pages:  # insertion order is seq order: stop at the first one kept
            if seq >= limit:
                break
            stale.append(seq)
        if self._newest is not None:
            window = self.params.window_days
            while self._by_day and (self._newest - self._by_day[0][0]).days > window:
                _, seq = heapq.heappop(self._by_day)
                if seq in self._pages and seq >= limit:
                    stale.append(seq)
        for seq in stale:
            page = self._pages.pop(seq)
            self._by_article.pop(page.article_id, None)
            self._lsh.remove(str(seq))
            if page.digest and self._exact.get(page.digest) == seq:
                del self._exact[page.digest]
            for item in self._rereport_keys(page):
                postings = self._keys.get(item)
                if postings is not None:
                    postings.pop(seq, None)
                    if not postings:
                        del self._keys[item]
            # outlet and declarer lists are pruned lazily where they are read

    def __len__(self) -> int:
        return len(self._pages)

    # -- state -----------------------------------------------------------------------------
    def dumps(self) -> bytes:
        """The whole state as bytes (JSON + numpy arrays, no pickle); the LSH is rebuilt on load."""
        pages = list(self._pages.values())
        shingle_offsets = np.cumsum([0] + [p.shingles.size for p in pages]).astype(np.int64)
        sentence_sizes = [len(s) for p in pages for s in p.sentences]
        meta = {
            "version": STATE_VERSION,
            "kind": "rewrites",
            "params": self.params.as_dict(),
            "n": self._n,
            "newest": self._newest.isoformat() if self._newest else None,
            "pages": [
                {
                    "seq": p.seq,
                    "article_id": p.article_id,
                    "published": p.published,
                    "outlet": p.outlet,
                    "sentences": len(p.sentences),
                    "digest": p.digest,
                    "quotes": int(p.quotes.size),
                    "figures": sorted(p.figures),
                    "sources": sorted(p.sources),
                    "declared": list(p.declared),
                    "quoted": sorted(p.quoted),
                }
                for p in pages
            ],
            "exact": self._exact,
        }
        empty = np.zeros(0, dtype=np.uint64)
        return pack_state(
            meta,
            {
                "shingle_offsets": shingle_offsets,
                "shingles": np.concatenate([p.shingles for p in pages]) if pages else empty,
                "signatures": (
                    np.stack([p.signature for p in pages])
                    if pages
                    else np.zeros((0, self.params.num_perm), dtype=np.uint64)
                ),
                "quotes": np.concatenate([p.quotes for p in pages]) if pages else empty,
                "quote_groups": (
                    np.concatenate([_groups_of(p) for p in pages])
                    if pages
                    else np.zeros(0, dtype=np.int32)
                ),
                "sentence_sizes": np.asarray(sentence_sizes, dtype=np.int64),
                "sentence_words": np.asarray(
                    [w for p in pages for s in p.sentences for w in sorted(s)], dtype=np.uint64
                ),
            },
        )

    @classmethod
    def loads(cls, data: bytes) -> RewriteIndex:
        """An index in exactly the state `dumps` saved."""
        meta, arrays = unpack_state(data)
        if meta.get("kind") != "rewrites" or meta.get("version") not in (1, 2, STATE_VERSION):
            raise ValueError("not a saved RewriteIndex state of this version")
        # version 1 saved no re-report evidence: its pages load without it; version 2 no
        # quotation of each quote shingle: its pages read their quotes as one quotation
        params = {k: v for k, v in meta["params"].items() if k in _PARAM_NAMES}
        self = cls(**params)
        self._n = int(meta["n"])
        self._newest = _day(meta["newest"])
        # (states of earlier code list every page ever seen under "seen": only the live pages
        # matter, and the store keeps which articles were linked)
        offsets = arrays["shingle_offsets"].tolist()
        sizes = arrays["sentence_sizes"].tolist()
        words = arrays["sentence_words"].tolist()
        cursor = sentence = quote = 0
        quotes = arrays.get("quotes", np.zeros(0, dtype=np.uint64))
        quote_groups = arrays.get("quote_groups", np.zeros(quotes.size, dtype=np.int32))
        for i, saved in enumerate(meta["pages"]):
            sentences = []
            for size in sizes[sentence : sentence + int(saved["sentences"])]:
                sentences.append(frozenset(words[cursor : cursor + size]))
                cursor += size
            sentence += int(saved["sentences"])
            page = _Page(
                seq=int(saved["seq"]),
                article_id=saved["article_id"],
                published=saved["published"],
                outlet=saved["outlet"],
                shingles=arrays["shingles"][offsets[i] : offsets[i + 1]].copy(),
                sentences=sentences,
                signature=arrays["signatures"][i].copy(),
                digest=saved["digest"],
                quotes=quotes[quote : quote + int(saved.get("quotes", 0))].copy(),
                quote_groups=quote_groups[quote : quote + int(saved.get("quotes", 0))].copy(),
                figures=frozenset(saved.get("figures", ())),
                sources=frozenset(saved.get("sources", ())),
                declared=tuple(saved.get("declared", ())),
                quoted=frozenset(saved.get("quoted", ())),
            )
            quote += int(saved.get("quotes", 0))
            self._insert(page)
        self._exact = {k: int(v) for k, v in meta["exact"].items()}
        return self
