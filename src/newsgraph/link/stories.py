"""Stories: online clustering of articles, in publication order, into one story per real event.

Representation. Each article is a hashed TF-IDF vector (fixed dimension; document frequencies
counted online, so there is no vocabulary to refit) in three blocks, each normalised on its own
and weighted: content words (those of the title and lead count more, as news puts the event
first), the named entities stage A found, and the numbers and dates the text states. Entities
and numbers are what tell two events of one kind apart: two earthquakes differ in place,
magnitude and date, two acquisitions in the company bought. The entity block weighs as much
as the words: a logistic regression over the parts of the similarity, fitted on PolNeAR's
months (benchmarks/provenance/pair_study.py), gives the entity and word cosines about equal
weights, numbers a seventh of them; folds that hold out months choose it over half as much.
Two continuation signals come from stage A when the linker has them: the named sources the
article quotes (claim speakers, `s:` features in the entity block: who a thread keeps hearing
from) and what its figures count (kind and counted object without the value, `f:` features in
the number block: a casualty count changes from week to week, that it counts soldiers killed
does not). The sources also serve the archive's gate below, as names do.

Clustering. Stories are the connected components of a k-nearest-neighbour graph: an article
links to its `neighbours` most similar articles (cosine, at least `threshold`), and is linked
from earlier articles when it becomes one of *their* nearest. Centroid clustering lets the first
article of a second, similar event fall into the first event's story, and then the centroid
drifts; nearest-neighbour links keep two dense groups apart even when they share a topic. When a
new article displaces an older link, the story it touched is recomputed locally, so a story can
split or merge; `take_moves` reports earlier articles whose story changed.

Time as decay. Two dated articles' similarity is weighed by how far apart they were published:
it halves every `link_half_life_days`. News on one matter comes in bursts, and two articles on
one campaign a week apart are less often about one thing than two of the same day: on the
PolNeAR threads this lets the threshold go lower at a higher precision. Articles without a date
(ECB+) are not weighed. Beyond the window a thread continues through its archived profile.

Long threads. A developing story outlives the window: when its articles leave the graph, the
story keeps a bounded profile (the strongest features of its evicted articles, and the
entities they name). A new article that links to nothing in the window may rejoin an archived
story, weeks or months later, when it names at least `min_shared_entities` of the story's
distinctive entities (rare in the corpus: not "Hillary Clinton" in an election, but "Benghazi"
or "Lewandowski") and its similarity to the profile, decayed by the time since the story was
last seen (half-life `half_life_days`), clears `archive_threshold`. Time weighs as decay, not a
cut-off; and decay cannot become a bridge: generic words alone never reopen a story, an article
reopens at most one, and only when the window gave it no story of its own, so one article
never merges two stories. The archive holds at most `max_archived` stories (the least recently
seen go), each profile at most `profile_features` features: the saved state stays bounded.

Cost. Only articles inside the time window (`window_days` around the newest date seen, or the
last `max_active` articles when there are no dates) stay in the graph; older ones keep their
story and leave the index. Candidates come from an inverted index over each article's strongest
features, so the work per article does not grow with the size of the store. A story none of
whose articles is in the window and which has left the archive can never change again: the
linker forgets it between passes (`compact`; the store keeps it), so the state a pass saves
follows the window and the archive, not the whole history.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import importlib.util
import math
import re
import struct
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from itertools import islice, takewhile
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix

try:  # scipy's own CSR product kernel: what `csr_matrix @ vector` runs, row by row in order
    from scipy.sparse._sparsetools import csr_matvec as _csr_matvec
except ImportError:  # pragma: no cover - another scipy layout: the public product
    _csr_matvec = None

from newsgraph.link.state import pack_sparse, pack_state, unpack_sparse, unpack_state
from newsgraph.records import Quantity, Story

STATE_VERSION = 4
N_FEATURES = 1 << 20

_TOKEN = re.compile(r"[^\W\d_][\w'’]*[^\W_]|[^\W\d_]|\d+(?:[.,:]\d+)*")
# "6 . 1" and "120 , 000" in tokenised scrapes are the numbers 6.1 and 120,000.
_SPACED_NUMBER = re.compile(r"(?<=\d) ([.,]) (?=\d)")
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def _english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words, read from its list's own file: importing them the
    ordinary way runs scikit-learn's package, most of a CPU-second for one frozenset."""
    spec = importlib.util.find_spec("sklearn")  # locates the package without running it
    folder = spec.submodule_search_locations if spec is not None else None
    if not folder:
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        return frozenset(ENGLISH_STOP_WORDS)
    path = Path(next(iter(folder))) / "feature_extraction" / "_stop_words.py"
    namespace: dict[str, Any] = {}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return frozenset(namespace["ENGLISH_STOP_WORDS"])


_STOP = _english_stop_words() | {
    "said", "says", "say", "told", "tell", "according", "also", "would", "could", "one", "two",
    "new", "news", "year", "years", "week", "time", "people", "reported", "report", "reports",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "yesterday", "tomorrow", "just", "like", "including", "percent", "don't", "it's",
}  # fmt: skip
_MONTH_SET = frozenset(_MONTHS)
_FAMILIES = ("w", "e", "n")  # words, entities, numbers and dates: one block each
# named sources count with the entities, dates with the numbers
_BLOCK_OF = {"w": "w", "e": "e", "s": "e", "n": "n", "d": "n", "f": "n"}


@dataclass(slots=True)
class StoryParams:
    """The knobs of the clusterer; the defaults are the values tuned on the ECB+ dev part."""

    threshold: float = 0.2
    neighbours: int = 2
    window_days: int = 14
    max_active: int = 5000
    word_weight: float = 1.0
    entity_weight: float = 1.0  # as much as the words: what a regression over the parts weighs
    number_weight: float = 0.5
    title_weight: float = 2.0
    lead_words: int = 40
    lead_weight: float = 2.0
    source_weight: float = 1.0  # a named source counts as one more name (PolNeAR folds)
    figure_weight: float = 1.0  # what a figure counts, in the number block (0: unused)
    query_features: int = 30
    postings_depth: int = 300
    archive_threshold: float = 0.15
    half_life_days: float = 60.0
    min_shared_entities: int = 2
    max_entity_share: float = 0.03  # named by more articles outside a story: not distinctive
    profile_features: int = 80
    profile_entities: int = 40
    max_archived: int = 20_000
    link_half_life_days: float = 7.0  # similarity halves per so many days apart (PolNeAR folds)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


_PARAM_NAMES = frozenset(f.name for f in fields(StoryParams))


@dataclass(slots=True)
class _Node:
    """An article still inside the window: its vector and its nearest earlier-or-later links."""

    seq: int
    article_id: str
    vector: dict[int, float]
    day: date | None
    title: str
    links: list[tuple[float, int]] = field(default_factory=list)  # (similarity, seq), best first
    entities: frozenset[int] = frozenset()  # the hashed indices of its entity features
    _arrays: tuple[np.ndarray, np.ndarray] | None = None  # the vector as sorted (index, value)

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """The vector as sorted index and value arrays, built once, for vectorised dot products."""
        if self._arrays is None:
            indices = np.fromiter(self.vector.keys(), dtype=np.int64, count=len(self.vector))
            values = np.fromiter(self.vector.values(), dtype=np.float64, count=len(self.vector))
            order = np.argsort(indices)
            self._arrays = (indices[order], values[order])
        return self._arrays


@dataclass(slots=True)
class _Profile:
    """What an archived story is about: its evicted articles' strongest features, the entities
    they name (with counts), and the last day one of its articles was seen."""

    weights: dict[int, float] = field(default_factory=dict)
    entities: dict[int, float] = field(default_factory=dict)
    last: date | None = None
    norm: float = 0.0


@dataclass(slots=True)
class _Story:
    id: str
    order: int  # creation order, the tie-breaker when ids compete
    article_ids: list[str]
    label: str = ""
    active: set[int] = field(default_factory=set)


# -- features ---------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1 << 18)  # tokens repeat across articles: normalise each once
def _normalise_word(token: str) -> str | None:
    """Lower-cased content word with possessive and plural `s` stripped, or None for stopwords."""
    word = token.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.strip("'")
    if len(word) < 3 or word in _STOP:
        return None
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word


@functools.lru_cache(maxsize=1 << 18)  # tokens repeat across articles: key each once
def _token_key(token: str) -> tuple[str | None, bool]:
    """A token's feature key (`n:` number, `w:` content word, None for neither) and whether it
    names a month."""
    if token[0].isdigit():
        number = token.replace(",", "")
        # a lone digit says too little
        return ("n:" + number if len(number) >= 2 or "." in number else None), False
    word = _normalise_word(token)
    return ("w:" + word if word is not None else None), token.lower() in _MONTH_SET


@functools.lru_cache(maxsize=1 << 18)
def _word_key(token: str) -> str | None:
    """A title token's feature key: every token of a title counts as a word, digits too."""
    word = _normalise_word(token)
    return None if word is None else "w:" + word


def _normalise_name(name: str) -> str:
    words = name.replace("’", "'").split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    text = " ".join(words).lower()
    return text[:-2] if text.endswith("'s") else text


def extract_features(
    text: str,
    *,
    title: str | None = None,
    entities: Sequence[str] = (),
    sources: Sequence[str] = (),
    figures: Sequence[str] = (),
    params: StoryParams,
) -> dict[str, float]:
    """Term frequencies of one article (title and lead boosted), keyed by a typed feature name.

    Keys start with their family: `w:` content word, `e:` entity name, `s:` named source (a
    speaker the article quotes or gives a figure for), `n:` number, `d:` date, `f:` what a
    figure counts (its kind and counted object, whatever the value: `KILL|soldier`).
    """
    counts: dict[str, float] = {}
    get = counts.get
    if " . " in text or " , " in text:  # (without either, the substitution changes nothing)
        text = _SPACED_NUMBER.sub(r"\1", text)
    tokens = _TOKEN.findall(text)
    # Each distinct token once per part (lead, rest): keys still arrive in first-seen order.
    lead = Counter(tokens[: params.lead_words])
    rest = Counter(tokens[params.lead_words :])
    has_month = False
    for part, boost in ((lead, params.lead_weight), (rest, 1.0)):
        for token, times in part.items():
            key, month = _token_key(token)
            has_month = has_month or month
            if key is not None:
                counts[key] = get(key, 0.0) + boost * times
    # A month next to a day number is a date ("June 8", "May 03 , 2013"): one feature per date.
    if has_month:
        months = {t for part in (lead, rest) for t in part if _token_key(t)[1]}
        for position, first in enumerate(tokens[:-1]):
            if first in months:
                second = tokens[position + 1]
                if second.isdigit() and len(second) <= 2:
                    key = f"n:{first.lower()}-{int(second)}"
                    counts[key] = get(key, 0.0) + 1.0
    if title:
        weight = params.title_weight
        for token in _TOKEN.findall(title):
            key = _word_key(token)
            if key is not None:
                counts[key] = get(key, 0.0) + weight
    for name in entities:
        key = _normalise_name(name)
        if key:
            key = "e:" + key
            counts[key] = get(key, 0.0) + 1.0
    for name in sources:
        key = _normalise_name(name)
        if key:
            key = "s:" + key
            counts[key] = get(key, 0.0) + params.source_weight
    for key in figures:
        key = "f:" + key
        counts[key] = get(key, 0.0) + params.figure_weight
    return {key: 1.0 + math.log(count) for key, count in counts.items() if count > 0}


def figure_topics(quantities: Iterable[Quantity]) -> dict[str, set[str]]:
    """Per article, what its figures of a story kind count (SPEC's kinds but `OTHER`): the kind
    and the head of the counted object ("KILL|soldier" for "at least 300 North Korean soldiers
    killed"), the value left out."""
    found: dict[str, set[str]] = {}
    for quantity in quantities:
        if quantity.kind == "OTHER":  # durations, ages, poll points: no thread's own figure
            continue
        words = _TOKEN.findall(quantity.object or "")
        head = _normalise_word(words[-1]) if words else None
        if head is not None:
            found.setdefault(quantity.article_id, set()).add(f"{quantity.kind}|{head}")
    return found


@functools.lru_cache(maxsize=1 << 18)  # feature names repeat across articles
def _hash(key: str) -> int:
    return murmur3_32(key.encode("utf-8")) % N_FEATURES


def murmur3_32(data: bytes, seed: int = 0) -> int:
    """MurmurHash3 (x86, 32 bits) of `data`, unsigned: the value scikit-learn's
    `murmurhash3_32(key, seed, positive=True)` gives, without importing scikit-learn
    (tests/link/test_stories.py compares the two)."""
    mask = 0xFFFFFFFF
    h = seed & mask
    whole = len(data) - len(data) % 4
    for (k,) in struct.iter_unpack("<I", data[:whole]):
        k = (k * 0xCC9E2D51) & mask
        k = ((k << 15) | (k >> 17)) & mask
        h ^= (k * 0x1B873593) & mask
        h = ((h << 13) | (h >> 19)) & mask
        h = (h * 5 + 0xE6546B64) & mask
    tail = data[whole:]
    if tail:
        k = int.from_bytes(tail, "little")
        k = (k * 0xCC9E2D51) & mask
        k = ((k << 15) | (k >> 17)) & mask
        h ^= (k * 0x1B873593) & mask
    h ^= len(data)
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & mask
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & mask
    h ^= h >> 16
    return h


def _day(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _similarities(node: _Node, others: Sequence[_Node], scratch: np.ndarray) -> np.ndarray:
    """Dot products of `node` with each of `others` in one vectorised pass over their entries.

    `scratch` is a zeroed array of N_FEATURES floats: the node's vector is spread into it, and
    the others' entries, stacked as the rows of one sparse matrix, multiply it (each row summed
    in index order, as a loop would); it is zeroed again before returning.
    """
    if not others:
        return np.zeros(0)
    indices, values = node.arrays()
    pairs = [other.arrays() for other in others]
    offsets = np.zeros(len(pairs) + 1, dtype=np.int64)
    np.cumsum([len(i) for i, _ in pairs], out=offsets[1:])
    if len(indices) == 0 or offsets[-1] == 0:
        return np.zeros(len(others))
    scratch[indices] = values
    products = np.zeros(len(others))
    columns = np.concatenate([i for i, _ in pairs])
    entries = np.concatenate([v for _, v in pairs])
    if _csr_matvec is not None:  # the product itself, without a matrix object checked per call
        _csr_matvec(len(others), N_FEATURES, offsets, columns, entries, scratch, products)
    else:
        rows = csr_matrix((entries, columns, offsets), shape=(len(others), N_FEATURES))
        products = np.asarray(rows @ scratch)
    scratch[indices] = 0.0
    return products


class StoryClusterer:
    """Assigns each new article to a story, online; state saves with `dumps` and `loads`."""

    def __init__(
        self, *, threshold: float | None = None, window_days: int | None = None, **knobs: Any
    ) -> None:
        params = StoryParams(**knobs)
        if threshold is not None:
            params.threshold = threshold
        if window_days is not None:
            params.window_days = window_days
        self.params = params
        self._df: dict[int, int] = {}
        self._n_docs = 0
        self._newest: date | None = None
        self._nodes: dict[int, _Node] = {}  # in seq order
        self._by_day: list[tuple[int, int]] = []  # heap of (day ordinal, seq) for eviction
        # feature -> live articles that have it, oldest first (a dict as an ordered set)
        self._postings: dict[int, dict[int, None]] = {}
        self._scratch = np.zeros(N_FEATURES)
        self._stories: dict[str, _Story] = {}
        self._story_of: dict[str, str] = {}
        self._published: dict[str, str] = {}
        self._opened = 0
        self._moves: dict[str, str] = {}
        # archived stories, least recently seen first, and entity feature -> their ids
        self._archive: dict[str, _Profile] = {}
        self._archive_index: dict[int, set[str]] = {}
        self._done: set[str] = set()  # stories that may be forgotten (see `compact`)

    # -- the online step -------------------------------------------------------------------
    def add(
        self,
        article_id: str,
        text: str,
        *,
        title: str | None = None,
        published: str | None = None,
        entities: Sequence[str] = (),
        sources: Sequence[str] = (),
        figures: Sequence[str] = (),
    ) -> str:
        """Place one article in a story and return the story id; an article seen before keeps its.

        `sources` are the named sources the article quotes or gives figures for (stage A's
        claim speakers): who a thread keeps hearing from is what continues it. `figures` are
        what its figures count (`figure_topics`): a thread's figures change, what they count
        stays.
        """
        if article_id in self._story_of:
            return self._story_of[article_id]
        features = extract_features(
            text,
            title=title,
            entities=entities,
            sources=sources,
            figures=figures,
            params=self.params,
        )
        day = _day(published)
        vector, entity_indices = self._vectorise(features)
        node = _Node(self._n_docs, article_id, vector, day, title or "", entities=entity_indices)
        if not node.title:
            node.title = next((line.strip() for line in text.splitlines() if line.strip()), "")
        if published:
            self._published[article_id] = published
        if day is not None and (self._newest is None or day > self._newest):
            self._newest = day
        self._evict()
        touched = self._link(node)
        self._enter(node)
        reopened = None if node.links else self._recall(node)
        if reopened is not None:
            story = self._stories[reopened]
            self._story_of[article_id] = reopened
            story.article_ids.append(article_id)
            story.active.add(node.seq)
        else:
            self._regroup(node, touched)
        return self._story_of[article_id]

    # -- long threads ----------------------------------------------------------------------
    def _recall(self, node: _Node) -> str | None:
        """The archived story this article continues, if any (see the module docstring).

        An entity is distinctive of a story when few articles outside it name it (at most
        `max_entity_share` of the corpus): candidates come from the article's rarest entities.
        """
        params = self.params
        if len(node.entities) < params.min_shared_entities:
            return None
        archived = [i for i in node.entities if i in self._archive_index]
        rarest = sorted(archived, key=lambda i: (self._df.get(i, 0), i))[:10]
        candidates: set[str] = set()
        for index in rarest:
            candidates.update(islice(self._archive_index.get(index, ()), 200))
        limit = params.max_entity_share * self._n_docs
        best, best_score = None, params.archive_threshold
        for story_id in sorted(candidates):
            profile = self._archive.get(story_id)
            if profile is None or story_id not in self._stories or profile.norm == 0.0:
                continue
            shared = [
                i
                for i in node.entities
                if i in profile.entities and self._df.get(i, 0) - profile.entities[i] - 1 <= limit
            ]
            if len(shared) < params.min_shared_entities:
                continue
            similarity = sum(v * profile.weights.get(i, 0.0) for i, v in node.vector.items())
            score = similarity / profile.norm
            if node.day is not None and profile.last is not None:
                age = max(0, (node.day - profile.last).days)
                score *= 0.5 ** (age / params.half_life_days)
            if score >= best_score:
                best, best_score = story_id, score
        return best

    def _archive_node(self, node: _Node) -> None:
        """Fold an article leaving the window into its story's profile, keeping it bounded."""
        params = self.params
        story_id = self._story_of[node.article_id]
        profile = self._archive.pop(story_id, None) or _Profile()
        self._unindex(story_id, profile)
        for index, value in node.vector.items():
            profile.weights[index] = profile.weights.get(index, 0.0) + value
        for index in node.entities:
            profile.entities[index] = profile.entities.get(index, 0.0) + 1.0
        if len(profile.weights) > params.profile_features:
            profile.weights = dict(
                heapq.nlargest(params.profile_features, profile.weights.items(), key=_value)
            )
        if len(profile.entities) > params.profile_entities:
            profile.entities = dict(
                heapq.nlargest(params.profile_entities, profile.entities.items(), key=_value)
            )
        profile.norm = math.sqrt(sum(v * v for v in profile.weights.values()))
        if node.day is not None and (profile.last is None or node.day > profile.last):
            profile.last = node.day
        self._archive[story_id] = profile  # re-inserted: the dict is in least-recent order
        for index in profile.entities:
            self._archive_index.setdefault(index, set()).add(story_id)
        while len(self._archive) > params.max_archived:
            oldest = next(iter(self._archive))
            self._unindex(oldest, self._archive.pop(oldest))
            self._forget_if_done(oldest)

    def _forget_if_done(self, story_id: str) -> None:
        """Mark a story that may never change again, for `compact` to forget."""
        story = self._stories.get(story_id)
        if story is not None and not story.active and story_id not in self._archive:
            self._done.add(story_id)

    def compact(self) -> list[str]:
        """Forget the stories that can never change again, and return their ids: none of their
        articles is in the window (no new link can reach them) and they have left the archive
        (no article can reopen them). The store keeps them and their articles; the state then
        grows with the window and the archive, not with every article ever linked. The
        linker calls this between passes, once the pass's stories are saved; `story_of`
        knows nothing of a forgotten story's articles after it."""
        forgotten = []
        for story_id in sorted(self._done):
            story = self._stories.get(story_id)
            if story is None or story.active or story_id in self._archive:
                continue  # reopened, or back in the window, since it was marked
            for article_id in story.article_ids:
                self._story_of.pop(article_id, None)
                self._published.pop(article_id, None)
            del self._stories[story_id]
            forgotten.append(story_id)
        self._done.clear()
        return forgotten

    def _unindex(self, story_id: str, profile: _Profile) -> None:
        for index in profile.entities:
            owners = self._archive_index.get(index)
            if owners is not None:
                owners.discard(story_id)
                if not owners:
                    del self._archive_index[index]

    def _vectorise(self, features: dict[str, float]) -> tuple[dict[int, float], frozenset[int]]:
        """Hashed TF-IDF in weighted blocks, each L2-normalised: a dot product is the weighted
        mean of the word, entity and number cosines. Document frequencies are updated first."""
        blocks: dict[str, dict[int, float]] = {family: {} for family in _FAMILIES}
        for key, weight in features.items():
            block = blocks[_BLOCK_OF[key[0]]]
            index = _hash(key)
            block[index] = block.get(index, 0.0) + weight
        self._n_docs += 1
        n = self._n_docs
        scale = {
            "w": self.params.word_weight,
            "e": self.params.entity_weight,
            "n": self.params.number_weight,
        }
        total = sum(scale.values()) or 1.0
        vector: dict[int, float] = {}
        counts, count_of, log, more = self._df, self._df.get, math.log, 1 + n
        for family, block in blocks.items():
            for index, value in block.items():
                df = counts[index] = count_of(index, 0) + 1
                block[index] = value * (log(more / (1 + df)) + 1.0)
            norm = math.sqrt(sum([v * v for v in block.values()]))
            if norm == 0.0 or scale[family] <= 0.0:
                continue
            factor = math.sqrt(scale[family] / total) / norm
            if vector:
                get = vector.get
                for index, value in block.items():
                    vector[index] = get(index, 0.0) + value * factor
            else:
                vector = {index: value * factor for index, value in block.items()}
        return vector, frozenset(blocks["e"])

    def _enter(self, node: _Node) -> None:
        self._nodes[node.seq] = node
        if node.day is not None:
            heapq.heappush(self._by_day, (node.day.toordinal(), node.seq))
        for index in node.vector:
            self._postings.setdefault(index, {})[node.seq] = None

    def _evict(self) -> None:
        """Drop from the graph the articles that fell out of the window; their story stays.

        The nodes sit in seq order and in a heap by day, so a call costs what it evicts.
        """
        oldest_seq = self._n_docs - self.params.max_active
        if oldest_seq > 0:
            for seq in list(takewhile(lambda s: s < oldest_seq, self._nodes)):
                self._drop(seq)
        if self._newest is not None:
            limit = self._newest.toordinal() - self.params.window_days
            while self._by_day and self._by_day[0][0] < limit:
                _, seq = heapq.heappop(self._by_day)
                if seq in self._nodes:
                    self._drop(seq)

    def _drop(self, seq: int) -> None:
        node = self._nodes.pop(seq)
        self._archive_node(node)
        for index in node.vector:
            postings = self._postings.get(index)
            if postings is not None:
                postings.pop(seq, None)
                if not postings:
                    del self._postings[index]
        story_id = self._story_of[node.article_id]
        story = self._stories.get(story_id)
        if story is not None:
            story.active.discard(seq)
            self._forget_if_done(story_id)  # pushed out of the archive while still active

    def _candidates(self, node: _Node) -> list[int]:
        """Live articles sharing one of the node's strongest features (newest postings first)."""
        strongest = heapq.nlargest(
            self.params.query_features, node.vector.items(), key=lambda kv: kv[1]
        )
        found: set[int] = set()
        depth = self.params.postings_depth
        for index, _ in strongest:
            postings = self._postings.get(index)
            if postings:
                found.update(islice(reversed(postings), depth))
        return sorted(found)

    def _link(self, node: _Node) -> set[int]:
        """Set the node's nearest links and add it to the lists of articles it is nearest to.

        Returns the articles whose links changed (the node's neighbours and those it displaced).
        """
        k, threshold = self.params.neighbours, self.params.threshold
        scored: list[tuple[float, int]] = []
        touched: set[int] = set()
        others = [self._nodes[seq] for seq in self._candidates(node)]
        if node.day is not None:  # `_in_window`, inlined: it runs for every candidate
            day, window = node.day, self.params.window_days
            others = [o for o in others if o.day is None or abs((day - o.day).days) <= window]
        similarities = _similarities(node, others, self._scratch)
        half_life = self.params.link_half_life_days
        if node.day is not None and half_life > 0 and others:
            today = node.day.toordinal()
            apart = np.fromiter(
                (abs(today - o.day.toordinal()) if o.day is not None else 0 for o in others),
                dtype=np.float64,
                count=len(others),
            )
            similarities = similarities * np.exp2(-apart / half_life)
        similarities = similarities.tolist()
        for other, similarity in zip(others, similarities, strict=True):
            if similarity < threshold:
                continue
            seq = other.seq
            scored.append((similarity, seq))
            links = other.links
            if len(links) < k or similarity > links[-1][0]:
                links.append((similarity, node.seq))
                links.sort(key=lambda link: (-link[0], link[1]))
                for _, dropped in links[k:]:
                    touched.add(dropped)
                del links[k:]
                touched.add(seq)
        scored.sort(key=lambda link: (-link[0], link[1]))
        node.links = scored[:k]
        touched.update(seq for _, seq in node.links)
        return touched

    def _regroup(self, node: _Node, touched: set[int]) -> None:
        """Recompute the components of the stories the new links touched, keeping their ids."""
        story_ids = {self._story_of[self._nodes[s].article_id] for s in touched if s in self._nodes}
        members = {node.seq}
        for story_id in story_ids:
            members |= self._stories[story_id].active
        parent = {seq: seq for seq in members}

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for seq in sorted(members):
            for _, other in self._nodes[seq].links:
                if other in parent:
                    a, b = find(seq), find(other)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
        components: dict[int, list[int]] = {}
        for seq in sorted(members):
            components.setdefault(find(seq), []).append(seq)
        # Bigger components choose first; each keeps the id most of its members had.
        ordered = sorted(components.values(), key=lambda c: (-len(c), c[0]))
        taken: set[str] = set()
        for component in ordered:
            votes: dict[str, int] = {}
            for seq in component:
                current = self._story_of.get(self._nodes[seq].article_id)
                if current is not None and current not in taken:
                    votes[current] = votes.get(current, 0) + 1
            if votes:
                story_id = min(votes, key=lambda s: (-votes[s], self._stories[s].order))
            else:
                story_id = self._open(self._nodes[component[0]].article_id)
            taken.add(story_id)
            self._assign(story_id, component)
        for story_id in story_ids - taken:
            story = self._stories[story_id]
            if not story.article_ids:
                del self._stories[story_id]

    def _open(self, article_id: str) -> str:
        """A new story, its id the hash of the article that opened it (unique if reopened)."""
        base = hashlib.sha1(article_id.encode("utf-8")).hexdigest()
        story_id, salt = "s" + base[:15], 0
        while story_id in self._stories:
            salt += 1
            story_id = "s" + hashlib.sha1(f"{article_id}#{salt}".encode()).hexdigest()[:15]
        self._stories[story_id] = _Story(story_id, self._opened, [])
        self._opened += 1
        return story_id

    def _assign(self, story_id: str, component: list[int]) -> None:
        story = self._stories[story_id]
        for seq in component:
            article_id = self._nodes[seq].article_id
            previous = self._story_of.get(article_id)
            if previous == story_id:
                continue
            if previous is not None:
                old = self._stories[previous]
                old.article_ids.remove(article_id)
                old.active.discard(seq)
                self._moves[article_id] = story_id
            self._story_of[article_id] = story_id
            story.article_ids.append(article_id)
            story.active.add(seq)
        story.label = self._central_title(component) or story.label

    def _central_title(self, component: list[int]) -> str:
        """The title of the member with the strongest links inside the story."""
        inside = set(component)
        best, best_score = "", -1.0
        for seq in component:
            node = self._nodes[seq]
            score = sum(s for s, other in node.links if other in inside)
            if node.title and score > best_score:
                best, best_score = node.title, score
        return _shorten(best)

    # -- reading ---------------------------------------------------------------------------
    def story_of(self, article_id: str) -> str | None:
        """The story an article is in now, if it was added."""
        return self._story_of.get(article_id)

    def take_moves(self) -> dict[str, str]:
        """Earlier articles whose story changed since the last call (article id -> story id)."""
        moves, self._moves = self._moves, {}
        return moves

    def stories(self, ids: Iterable[str] | None = None) -> list[Story]:
        """The stories (all, or those in `ids` that still exist), in the order they were opened."""
        chosen = self._stories.values() if ids is None else [
            self._stories[i] for i in set(ids) if i in self._stories
        ]  # fmt: skip
        records = []
        for story in sorted(chosen, key=lambda s: s.order):
            dates = [self._published[a] for a in story.article_ids if a in self._published]
            records.append(
                Story(
                    id=story.id,
                    label=story.label or story.id,
                    article_ids=list(story.article_ids),
                    first_seen=min(dates) if dates else None,
                    last_seen=max(dates) if dates else None,
                )
            )
        return records

    def __len__(self) -> int:
        return len(self._story_of)

    # -- state -----------------------------------------------------------------------------
    def dumps(self) -> bytes:
        """The whole state as bytes (JSON + numpy arrays, no pickle).

        Ids and dates are byte-string arrays, every reference to an article or a story an
        index into them: the state holds every article of each story still live, and a
        story that lasts as long as its history would otherwise grow the JSON by its article
        ids, written again by every pass."""
        nodes = list(self._nodes.values())
        offsets, indices, values = pack_sparse([n.vector for n in nodes])
        entity_offsets, entity_indices, _ = pack_sparse(
            [dict.fromkeys(sorted(n.entities), 1.0) for n in nodes]
        )
        archived = list(self._archive.items())
        weight_arrays = pack_sparse([p.weights for _, p in archived])
        entity_arrays = pack_sparse([p.entities for _, p in archived])
        stories = list(self._stories.values())
        article_ids = _Names()
        for story in stories:
            article_ids.extend(story.article_ids)
        story_ids = _Names()
        story_ids.extend(s.id for s in stories)
        links = [link for n in nodes for link in n.links]
        meta = {
            "version": STATE_VERSION,
            "kind": "stories",
            "params": self.params.as_dict(),
            "n_docs": self._n_docs,
            "newest": self._newest.isoformat() if self._newest else None,
            "opened": self._opened,
            "titles": [n.title for n in nodes],
            "labels": [s.label for s in stories],
            "archive_last": [p.last.isoformat() if p.last else None for _, p in archived],
        }
        arrays = {
            "node_seq": np.fromiter((n.seq for n in nodes), dtype=np.int64, count=len(nodes)),
            "node_article": article_ids.indices(n.article_id for n in nodes),
            "node_day": np.fromiter(
                (n.day.toordinal() if n.day else 0 for n in nodes), dtype=np.int64, count=len(nodes)
            ),
            "link_offsets": np.cumsum([0] + [len(n.links) for n in nodes], dtype=np.int64),
            "link_similarity": np.fromiter((s for s, _ in links), np.float64, count=len(links)),
            "link_seq": np.fromiter((q for _, q in links), np.int64, count=len(links)),
            "story_order": np.fromiter((s.order for s in stories), np.int64, count=len(stories)),
            "story_offsets": np.cumsum([0] + [len(s.article_ids) for s in stories], dtype=np.int64),
            "story_members": article_ids.indices(a for s in stories for a in s.article_ids),
            "published_of": article_ids.indices(self._published),
            "published": _byte_strings(self._published.values()),
            "moves_of": article_ids.indices(self._moves),
            "moves_to": story_ids.indices(self._moves.values()),
            "archive_ids": story_ids.indices(i for i, _ in archived),
        }
        return pack_state(
            meta,
            {
                **arrays,
                # (the names last: every index above may have added to them)
                "article_ids": _byte_strings(article_ids.names),
                "story_ids": _byte_strings(story_ids.names),
                "df_keys": np.fromiter(self._df.keys(), dtype=np.int32, count=len(self._df)),
                "df_values": np.fromiter(self._df.values(), dtype=np.int64, count=len(self._df)),
                "vector_offsets": offsets,
                "vector_indices": indices,
                "vector_values": values,
                "entity_offsets": entity_offsets,
                "entity_indices": entity_indices,
                "archive_weights_o": weight_arrays[0],
                "archive_weights_i": weight_arrays[1],
                "archive_weights_v": weight_arrays[2],
                "archive_entities_o": entity_arrays[0],
                "archive_entities_i": entity_arrays[1],
                "archive_entities_v": entity_arrays[2],
            },
        )

    @classmethod
    def loads(cls, data: bytes) -> StoryClusterer:
        """A clusterer in exactly the state `dumps` saved (this version's or versions 2-3)."""
        meta, arrays = unpack_state(data)
        if meta.get("kind") != "stories" or meta.get("version") not in (2, 3, STATE_VERSION):
            raise ValueError("not a saved StoryClusterer state of this version")
        self = cls(**{k: v for k, v in meta["params"].items() if k in _PARAM_NAMES})
        self._n_docs = int(meta["n_docs"])
        self._newest = _day(meta["newest"])
        self._opened = int(meta["opened"])
        self._df = dict(zip(arrays["df_keys"].tolist(), arrays["df_values"].tolist(), strict=True))
        if meta["version"] < 4:
            self._load_listed(meta, arrays)
        else:
            self._load_indexed(meta, arrays)
        # a state saved before `compact` existed holds every story ever opened
        self._done = {
            story_id
            for story_id, story in self._stories.items()
            if not story.active and story_id not in self._archive
        }
        return self

    def _load_indexed(self, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        """The nodes, stories, dates, moves and archive of a version-4 state (`dumps`)."""
        article_ids = _strings(arrays["article_ids"])
        story_ids = _strings(arrays["story_ids"])
        vectors = unpack_sparse(
            arrays["vector_offsets"], arrays["vector_indices"], arrays["vector_values"]
        )
        ones = np.ones(arrays["entity_indices"].size)
        node_entities = unpack_sparse(arrays["entity_offsets"], arrays["entity_indices"], ones)
        link_offsets = arrays["link_offsets"].tolist()
        similarities = arrays["link_similarity"].tolist()
        link_seqs = arrays["link_seq"].tolist()
        for i, (seq, article, day, title) in enumerate(
            zip(
                arrays["node_seq"].tolist(),
                arrays["node_article"].tolist(),
                arrays["node_day"].tolist(),
                meta["titles"],
                strict=True,
            )
        ):
            low, high = link_offsets[i], link_offsets[i + 1]
            node = _Node(
                seq=seq,
                article_id=article_ids[article],
                vector=vectors[i],
                day=date.fromordinal(day) if day else None,
                title=title,
                links=list(zip(similarities[low:high], link_seqs[low:high], strict=True)),
                entities=frozenset(node_entities[i]),
            )
            self._enter(node)
        story_offsets = arrays["story_offsets"].tolist()
        members = arrays["story_members"].tolist()
        for i, (order, label) in enumerate(
            zip(arrays["story_order"].tolist(), meta["labels"], strict=True)
        ):
            story = _Story(story_ids[i], order, [])
            story.article_ids = [
                article_ids[m] for m in members[story_offsets[i] : story_offsets[i + 1]]
            ]
            story.label = label
            self._stories[story.id] = story
            for article_id in story.article_ids:
                self._story_of[article_id] = story.id
        for node in self._nodes.values():
            self._stories[self._story_of[node.article_id]].active.add(node.seq)
        self._published = dict(
            zip(
                (article_ids[i] for i in arrays["published_of"].tolist()),
                _strings(arrays["published"]),
                strict=True,
            )
        )
        self._moves = {
            article_ids[a]: story_ids[s]
            for a, s in zip(arrays["moves_of"].tolist(), arrays["moves_to"].tolist(), strict=True)
        }
        weights = unpack_sparse(*(arrays[f"archive_weights_{k}"] for k in "oiv"))
        entities_of = unpack_sparse(*(arrays[f"archive_entities_{k}"] for k in "oiv"))
        archived = [story_ids[i] for i in arrays["archive_ids"].tolist()]
        self._fill_archive(zip(archived, meta["archive_last"], strict=True), weights, entities_of)

    def _load_listed(self, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        """The nodes, stories, dates, moves and archive of a version 2 or 3 state, which listed
        them in its JSON."""
        # version 2 saved no archive and no entity features: it loads with neither
        vectors = unpack_sparse(
            arrays["vector_offsets"], arrays["vector_indices"], arrays["vector_values"]
        )
        if "entity_offsets" in arrays:
            ones = np.ones(arrays["entity_indices"].size)
            node_entities = [
                frozenset(e)
                for e in unpack_sparse(arrays["entity_offsets"], arrays["entity_indices"], ones)
            ]
        else:
            node_entities = [frozenset()] * len(vectors)
        for saved, vector, entities in zip(meta["nodes"], vectors, node_entities, strict=True):
            node = _Node(
                seq=int(saved["seq"]),
                article_id=saved["article_id"],
                vector=vector,
                day=_day(saved["day"]),
                title=saved["title"],
                links=[(float(s), int(q)) for s, q in saved["links"]],
                entities=entities,
            )
            self._enter(node)
        for saved in meta["stories"]:
            story = _Story(saved["id"], int(saved["order"]), list(saved["article_ids"]))
            story.label = saved["label"]
            self._stories[story.id] = story
            for article_id in story.article_ids:
                self._story_of[article_id] = story.id
        for node in self._nodes.values():
            self._stories[self._story_of[node.article_id]].active.add(node.seq)
        self._published = dict(meta["published"])
        self._moves = dict(meta["moves"])
        archived = meta.get("archive", [])
        if archived:
            weights = unpack_sparse(*(arrays[f"archive_weights_{k}"] for k in "oiv"))
            entities_of = unpack_sparse(*(arrays[f"archive_entities_{k}"] for k in "oiv"))
            self._fill_archive(archived, weights, entities_of)

    def _fill_archive(
        self,
        archived: Iterable[tuple[str, str | None]],
        weights: list[dict[int, float]],
        entities_of: list[dict[int, float]],
    ) -> None:
        for (story_id, last), weight, entity in zip(archived, weights, entities_of, strict=True):
            profile = _Profile(weight, entity, _day(last))
            profile.norm = math.sqrt(sum(v * v for v in weight.values()))
            self._archive[story_id] = profile
            for index in entity:
                self._archive_index.setdefault(index, set()).add(story_id)


class _Names:
    """Distinct names in first-seen order, each referred to by its position."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self._position: dict[str, int] = {}

    def extend(self, names: Iterable[str]) -> None:
        self.indices(names)

    def indices(self, names: Iterable[str]) -> np.ndarray:
        found = []
        for name in names:
            position = self._position.get(name)
            if position is None:
                position = self._position[name] = len(self.names)
                self.names.append(name)
            found.append(position)
        return np.asarray(found, dtype=np.int64)


def _byte_strings(values: Iterable[str]) -> np.ndarray:
    """Strings as one numpy byte-string array (UTF-8; numpy pads with NULs, which ids and
    dates never end with)."""
    encoded = [v.encode("utf-8") for v in values]
    return np.array(encoded, dtype=f"S{max(map(len, encoded), default=1) or 1}")


def _strings(array: np.ndarray) -> list[str]:
    return [v.decode("utf-8") for v in array.tolist()]


def cluster_stream(
    documents: Iterable[tuple[str, str]], clusterer: StoryClusterer | None = None
) -> dict[str, str]:
    """Cluster `(article_id, text)` pairs in order; returns article id -> final story id."""
    clusterer = StoryClusterer() if clusterer is None else clusterer
    ids = [article_id for article_id, text in documents if clusterer.add(article_id, text)]
    return {article_id: clusterer.story_of(article_id) or "" for article_id in ids}


def _value(item: tuple[int, float]) -> float:
    return item[1]


def _shorten(title: str, limit: int = 90) -> str:
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    return title[:limit].rsplit(" ", 1)[0] + "…"
