"""A labelled rewrite set built from real pages, and the precision and recall of `RewriteIndex`.

From each real article body (../shared/bench/extraction/ground-truth.json) the generator derives,
deterministically: an exact `copy` (spacing changed), a `near` copy (sentences dropped, a promo
line and a caption added) and a `spun` rewrite (sentences reordered, words swapped from a small
synonym table, trailing clauses dropped). Every original is also an unrelated page for every
other. Optional hard negatives: different articles about one event (ECB+ stories bench), which
share a topic and names but are not rewrites of each other.

`derive_hard_pages` adds the forms a held-back corpus of real coverage showed missed: a copy
`cut` short (the first half of the page: containment of the shorter 1.0, Jaccard about 0.5), a
`trimmed` copy (a third of the sentences dropped, the rest lightly edited: containment about
0.6-0.9) and a `retold` page (another outlet's account: its own lead, the original's quotes
word for word and its figures with a few words of context, the rest of its vocabulary shuffled
into new sentences: word-shingle containment about 0.2-0.4).

The set labels derivation only: two originals are taken as unrelated. Real originals sometimes
retell one report (two outlets on one agency dispatch), so re-reports found between two
originals are counted apart (`unlabelled_rereports`) instead of as errors; the precision of
re-reports on real pages is measured on the hand-labelled PolNeAR set
(`newsgraph.evaluate.provenance`).
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import BenchmarkMissing
from newsgraph.link.origins import origin_groups
from newsgraph.link.rewrites import RewriteIndex
from newsgraph.records import Rewrite

_SENTENCES = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")
_SYNONYMS = {
    "said": "stated", "says": "states", "people": "individuals", "killed": "slain",
    "big": "large", "large": "huge", "small": "little", "new": "fresh", "buy": "purchase",
    "help": "assist", "show": "display", "shows": "displays", "start": "begin",
    "started": "began", "end": "finish", "ended": "finished", "use": "utilise",
    "used": "employed", "government": "administration", "officials": "authorities",
    "company": "firm", "companies": "firms", "country": "nation", "city": "town",
    "children": "kids", "important": "significant", "many": "numerous", "about": "around",
    "more": "additional", "also": "additionally", "but": "however", "because": "since",
    "month": "period", "week": "seven days", "attack": "assault", "because of": "owing to",
    "however": "nevertheless", "rise": "increase", "fell": "dropped", "told": "informed",
    "asked": "questioned", "get": "obtain", "make": "create", "made": "created",
    "think": "believe", "want": "wish", "find": "discover", "found": "discovered",
}  # fmt: skip
_PROMO = "Follow us on WhatsApp and Telegram for the latest updates. Subscribe to our newsletter."
_CAPTION = "(Photo: file image, for illustration only)"


@dataclass(slots=True)
class LabelledPage:
    """One page of the set: `source` is the original it derives from (None for originals)."""

    id: str
    text: str
    kind: str  # original | copy | near | spun | cut | trimmed | retold | event (ECB+)
    source: str | None = None
    group: str = ""  # pages derived from one original share it


@dataclass(slots=True)
class RewriteScores:
    """Precision and recall of detected relations, per kind of derived page."""

    precision: float
    recall: float
    copy_precision: float
    copy_recall: float
    recall_by_kind: dict[str, float]
    relations: int
    false_relations: int
    hard_negative_links: int
    pages: int
    rereports: int = 0  # re-report relations found
    unlabelled_rereports: int = 0  # of them, between two pages the set calls unrelated


def _split(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCES.split(" ".join(text.split())) if s.strip()]


def _swap_words(sentence: str, rng: random.Random, rate: float) -> str:
    words = sentence.split(" ")
    for i, word in enumerate(words):
        core = word.strip(".,;:!?\"'").lower()
        if core in _SYNONYMS and rng.random() < rate:
            words[i] = word.lower().replace(core, _SYNONYMS[core])
    return " ".join(words)


def _drop_clause(sentence: str, rng: random.Random) -> str:
    """Paraphrase by dropping a trailing clause ('..., officials said on Monday.')."""
    if "," in sentence and rng.random() < 0.5:
        head = sentence.rsplit(",", 1)[0].strip()
        if len(head.split()) >= 5:
            return head + "."
    return sentence


def derive_pages(originals: Sequence[tuple[str, str]], seed: int = 13) -> list[LabelledPage]:
    """The labelled set: the originals, then a copy, near copy and spun rewrite of each."""
    rng = random.Random(seed)
    pages = [LabelledPage(pid, text, "original", None, pid) for pid, text in originals]
    for pid, text in originals:
        sentences = _split(text)
        copy = "\n\n".join(sentences)  # same words, other spacing: what another site shows
        near = list(sentences)
        for _ in range(min(2, max(0, len(near) - 4))):
            near.pop(rng.randrange(1, len(near)))
        near.insert(rng.randrange(1, len(near) + 1), _CAPTION)
        near.append(_PROMO)
        spun = [_drop_clause(_swap_words(s, rng, 0.8), rng) for s in sentences]
        for _ in range(max(1, len(spun) // 3)):  # move a third of the sentences
            i, j = rng.randrange(len(spun)), rng.randrange(len(spun))
            spun[i], spun[j] = spun[j], spun[i]
        pages.append(LabelledPage(f"{pid}-copy", copy, "copy", pid, pid))
        pages.append(LabelledPage(f"{pid}-near", " ".join(near), "near", pid, pid))
        pages.append(LabelledPage(f"{pid}-spun", " ".join(spun), "spun", pid, pid))
    return pages


_QUOTED_OR_FIGURE = re.compile(r"[\"“”]|\d")
_QUOTES = re.compile(r"[\"“]([^\"“”]{20,300})[\"”]")
_RETOLD_LEADS = (
    "Here is what we know so far.",
    "New details emerged on the matter this week.",
    "The account was confirmed to this outlet by several people.",
)


def derive_hard_pages(originals: Sequence[tuple[str, str]], seed: int = 29) -> list[LabelledPage]:
    """The originals, then for each a copy cut short, a trimmed copy and a retold account."""
    rng = random.Random(seed)
    pages = [LabelledPage(pid, text, "original", None, pid) for pid, text in originals]
    for pid, text in originals:
        sentences = _split(text)
        cut = " ".join(sentences[: max(1, len(sentences) // 2)])
        trimmed = [s for i, s in enumerate(sentences) if i == 0 or rng.random() >= 0.3]
        trimmed = [
            _drop_clause(_swap_words(s, rng, 1.0), rng) if i % 3 else s
            for i, s in enumerate(trimmed)
        ]
        # what a retelling keeps: the quotes word for word, each figure with a few words of
        # context; the rest in other words (a sentence in three, its first words, swapped)
        kept = [f'"{q}," one of them said.' for q in _QUOTES.findall(text)]
        for s_ in sentences:
            words = s_.split()
            kept += [
                " ".join(words[max(0, i - 2) : i + 3]).strip(",;:") + "."
                for i, w in enumerate(words)
                if any(c.isdigit() for c in w) and not _QUOTES.search(s_)
            ][:1]
        # its own wording: the original's other words, shuffled into new sentences, so the
        # vocabulary is the story's but hardly a word sequence is the original's
        vocabulary = re.sub(r"[\"“”]", "", _QUOTES.sub(" ", text)).split()
        rng.shuffle(vocabulary)
        told = [
            " ".join(vocabulary[i : i + 8]).strip(",;:.") + "."
            for i in range(0, min(len(vocabulary), 4 * len(sentences)), 8)
        ]
        retold = [rng.choice(_RETOLD_LEADS), *told, *kept]
        pages.append(LabelledPage(f"{pid}-cut", cut, "cut", pid, pid))
        pages.append(LabelledPage(f"{pid}-trimmed", " ".join(trimmed), "trimmed", pid, pid))
        if any(len(q.split()) >= 6 for q in _QUOTES.findall(text)):
            # a retelling is recognisable in text alone by its quotes; without any, only the
            # figures stage A reads (not part of this set) would tell
            pages.append(LabelledPage(f"{pid}-retold", " ".join(retold), "retold", pid, pid))
    return pages


def read_extraction_pages(path: str | Path, min_chars: int = 600) -> list[tuple[str, str]]:
    """(id, article body) of the ground-truth pages long enough to rewrite, in a fixed order."""
    path = Path(path)
    if not path.is_file():
        raise BenchmarkMissing(f"no extraction ground truth at {path}")
    data = json.loads(path.read_text(encoding="utf-8"))
    bodies = sorted((key[:12], item.get("articleBody") or "") for key, item in data.items())
    seen: set[str] = set()
    pages = []
    for pid, body in bodies:
        body = body.strip()
        if len(body) >= min_chars and body not in seen:
            seen.add(body)
            pages.append((pid, body))
    return pages


def read_event_pages(path: str | Path, limit: int = 200) -> list[LabelledPage]:
    """Hard negatives: ECB+ articles, grouped by gold event, none a rewrite of another."""
    pages = []
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            pages.append(LabelledPage(f"ecb-{row['id']}", row["text"], "event", None, row["id"]))
            if len(pages) >= limit:
                break
    return pages


def score_rewrites(
    pages: Sequence[LabelledPage], index: RewriteIndex | None = None
) -> RewriteScores:
    """Stream the pages through an index; a relation is right when both pages share a group."""
    index = RewriteIndex() if index is None else index
    group = {p.id: p.group for p in pages}
    kind_of = {p.id: p.kind for p in pages}
    found: list[Rewrite] = []
    for page in pages:
        found.extend(index.add(page.id, page.text))
    rereports = [r for r in found if r.kind == "rereport"]
    unlabelled = [
        r
        for r in rereports
        if group[r.article_id] != group[r.source_article_id]
        and kind_of[r.article_id] != "retold"
        and kind_of[r.source_article_id] != "retold"
    ]
    # what the set labels: every relation but the re-reports between pages it calls unrelated
    scored = [r for r in found if r not in unlabelled]
    right = [r for r in scored if group[r.article_id] == group[r.source_article_id]]
    hard = [r for r in found if kind_of[r.article_id] == kind_of[r.source_article_id] == "event"]
    # A derived page is found when it lands in its original's origin group.
    origins = origin_groups(found)
    recall_by_kind: dict[str, float] = {}
    derived = [p for p in pages if p.source is not None]
    for kind in sorted({p.kind for p in derived}):
        members = [p for p in derived if p.kind == kind]
        hits = sum(
            1
            for p in members
            if p.source is not None and p.id in origins and origins.get(p.source) == origins[p.id]
        )
        recall_by_kind[kind] = hits / len(members)
    copies = [r for r in found if r.kind == "copy"]
    true_copies = [
        r
        for r in copies
        if kind_of[r.article_id] == "copy" or kind_of[r.source_article_id] == "copy"
    ]
    n_copy = sum(1 for p in derived if p.kind == "copy")
    found_copy = {r.article_id for r in true_copies} | {r.source_article_id for r in true_copies}
    copy_recall = sum(1 for p in derived if p.kind == "copy" and p.id in found_copy) / max(
        1, n_copy
    )
    recalled = sum(
        recall_by_kind[k] * sum(1 for p in derived if p.kind == k) for k in recall_by_kind
    )
    return RewriteScores(
        precision=len(right) / len(scored) if scored else 1.0,
        recall=recalled / max(1, len(derived)),
        copy_precision=len(true_copies) / len(copies) if copies else 1.0,
        copy_recall=copy_recall,
        recall_by_kind=recall_by_kind,
        relations=len(found),
        false_relations=len(scored) - len(right),
        hard_negative_links=len(hard),
        pages=len(pages),
        rereports=len(rereports),
        unlabelled_rereports=len(unlabelled),
    )
