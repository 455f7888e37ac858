"""Rewrites: which pages copy, rewrite or name as source which earlier pages.

- `copy`: the same normalised text on another address (similarity 1.0), found by a hash.
- `rewrite`: near copies and spun rewrites. MinHash LSH over word 3-shingles proposes
  candidates; each is verified by shingle containment (a near copy with boilerplate added or
  sentences dropped keeps most of its shingles) and by sentence alignment (a spun rewrite with
  swapped words and reordered sentences keeps most sentences recognisable word by word).
- `declared`: the page's `original_source` names the outlet of an earlier page with related
  content (a lower bar than `rewrite`: the page told us where to look).
The earlier page (by `published`, else the first added) is the source. Only pages inside the
time window stay in the index, so memory and work per page stay bounded.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import re
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from newsgraph.link.state import pack_state, unpack_state
from newsgraph.records import Rewrite

STATE_VERSION = 1
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+|\n+")
_OUTLET_NOISE = re.compile(r"^(?:https?://)?(?:www\.)?|\.(?:com|org|net|co|news)(?:\.\w\w)?/?.*$")
_SEED = 7
_SCHEME = "affine32"  # datasketch 2 needs it named to rebuild a MinHash from saved values


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

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


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


def normalise_words(text: str) -> list[str]:
    """Case-folded word tokens: what a copy keeps when markup, spacing and punctuation change."""
    return _WORD.findall(text.casefold())


@functools.lru_cache(maxsize=1 << 18)  # news vocabulary repeats: hash each word once
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


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


def outlet_key(outlet: str | None) -> str:
    """A comparable outlet name: 'www.Reuters.com/world' and 'Reuters' give 'reuters'."""
    if not outlet:
        return ""
    text = _OUTLET_NOISE.sub("", outlet.strip().casefold())
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"\W+", "", text)


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


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


class RewriteIndex:
    """Finds the copies, rewrites and declared sources of each new page among earlier ones."""

    def __init__(self, **knobs: Any) -> None:
        self.params = RewriteParams(**knobs)
        self._pages: dict[int, _Page] = {}
        self._by_article: dict[str, int] = {}
        self._exact: dict[str, int] = {}
        self._by_outlet: dict[str, list[int]] = {}
        self._lsh = self._new_lsh()
        self._n = 0
        self._newest: date | None = None
        self._by_day: list[tuple[date, int]] = []  # heap of (published day, seq) for eviction
        self._seen: set[str] = set()

    def _new_lsh(self) -> MinHashLSH:
        return MinHashLSH(threshold=self.params.lsh_threshold, num_perm=self.params.num_perm)

    def _signature(self, shingles: np.ndarray) -> np.ndarray:
        minhash = MinHash(
            num_perm=self.params.num_perm,
            seed=_SEED,
            hashfunc=lambda x: x,
            scheme=_SCHEME,
            permutations=_permutations(self.params.num_perm),
        )
        # The shingles are already 64-bit hashes; take 32 bits as datasketch expects.
        minhash.update_batch((shingles & np.uint64(0xFFFFFFFF)).astype(np.int64).tolist())
        return np.asarray(minhash.hashvalues, dtype=np.uint64)

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
    ) -> list[Rewrite]:
        """Index one page and return its relations to the pages indexed before it."""
        if article_id in self._seen:
            return []
        self._seen.add(article_id)
        words, hashes, sentences = _words_and_sentences(text)
        page = _Page(
            seq=self._n,
            article_id=article_id,
            published=published,
            outlet=outlet,
            shingles=_shingles(hashes, self.params.shingle),
            sentences=sentences,
            signature=np.zeros(0, dtype=np.uint64),
            digest=hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest() if words else "",
        )
        page.signature = self._signature(page.shingles)
        self._n += 1
        day = _day(published)
        if day is not None and (self._newest is None or day > self._newest):
            self._newest = day
        self._evict()
        found = self._relate(page, original_source)
        self._insert(page)
        return found

    def _relate(self, page: _Page, original_source: str | None) -> list[Rewrite]:
        params = self.params
        relations: dict[int, tuple[str, float]] = {}
        digest = page.digest
        if digest in self._exact and self._exact[digest] in self._pages:
            relations[self._exact[digest]] = ("copy", 1.0)
        declared = outlet_key(original_source)
        if len(page.shingles) >= params.min_words or declared:
            for key in self._lsh.query(self._lean(page.signature)):
                seq = int(key)
                if seq in relations or seq not in self._pages:
                    continue
                other = self._pages[seq]
                if digest and other.digest == digest:
                    continue  # another copy of the same text: the first one stands for all
                similarity = self._similarity(page, other)
                if declared and outlet_key(other.outlet) == declared:
                    if similarity >= params.declared_threshold:
                        relations[seq] = ("declared", similarity)
                elif (
                    similarity >= params.rewrite_threshold
                    and len(page.shingles) >= params.min_words
                ):
                    relations[seq] = ("rewrite", similarity)
        if declared and not any(kind == "declared" for kind, _ in relations.values()):
            listed = self._by_outlet.get(declared, [])
            listed[:] = [s for s in listed if s in self._pages]
            for seq in reversed(listed):
                if seq in self._pages and seq not in relations:
                    similarity = self._similarity(page, self._pages[seq])
                    if similarity >= params.declared_threshold:
                        relations[seq] = ("declared", similarity)
                        break
        ranked = sorted(relations.items(), key=lambda kv: (-kv[1][1], kv[0]))
        copies = [item for item in ranked if item[1][0] == "copy"]
        others = [item for item in ranked if item[1][0] != "copy"][: params.max_sources]
        return [
            self._record(page, self._pages[seq], kind, sim) for seq, (kind, sim) in copies + others
        ]

    def _similarity(self, page: _Page, other: _Page) -> float:
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
        key = outlet_key(page.outlet)
        if key:
            self._by_outlet.setdefault(key, []).append(page.seq)
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
            # outlet lists are pruned lazily where they are read

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
                }
                for p in pages
            ],
            "exact": self._exact,
            "seen": sorted(self._seen),
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
        if meta.get("kind") != "rewrites" or meta.get("version") != STATE_VERSION:
            raise ValueError("not a saved RewriteIndex state of this version")
        self = cls(**meta["params"])
        self._n = int(meta["n"])
        self._newest = _day(meta["newest"])
        self._seen = set(meta["seen"])
        offsets = arrays["shingle_offsets"].tolist()
        sizes = arrays["sentence_sizes"].tolist()
        words = arrays["sentence_words"].tolist()
        cursor = sentence = 0
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
            )
            self._insert(page)
        self._exact = {k: int(v) for k, v in meta["exact"].items()}
        return self
