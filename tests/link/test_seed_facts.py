"""The first seed through the real pipeline: Russia's word on Kursk and Ukraine's answer meet in
one contested claim fact, and every event belongs to an incident."""

from __future__ import annotations

from pathlib import Path

from newsgraph.config import Settings
from newsgraph.ingest import iter_documents
from newsgraph.link import link
from newsgraph.pipeline import analyze
from newsgraph.records import AnalyzedArticle
from newsgraph.store import open_store

SEED = Path(__file__).resolve().parents[2] / "examples" / "000_61ab118415a4fb65.txt"


def test_kursk_claims_form_one_contested_fact(tmp_path: Path) -> None:
    documents = list(iter_documents([str(SEED)]))
    analysed = [o for o in analyze(documents, Settings()) if isinstance(o, AnalyzedArticle)]
    store = open_store(f"sqlite:///{tmp_path / 'seed.db'}")
    try:
        store.write_batch(list(zip(documents, analysed, strict=True)))
        link(store)
        claims = {c.id: c for c in store.claims()}
        facts = [f for f in store.facts() if f.kind == "CLAIM"]
        kicked = next(c for c in claims.values() if "kicked Ukraine out" in c.content)
        holding = next(c for c in claims.values() if "holding its ground" in c.content)
        (fact,) = [f for f in facts if kicked.id in {s.claim_id for s in f.statements}]
        assert holding.id in {s.claim_id for s in fact.statements}
        assert fact.status == "contested"
        assert fact.independent_sources >= 2
        stances = {s.claim_id: s.stance for s in fact.statements}
        assert stances[kicked.id] != stances[holding.id]
        events = store.events()
        incidents = store.incidents()
        assert events and all(e.incident_id for e in events)
        assert sum(i.reports for i in incidents) == len(events)
        assert all(
            not label.startswith("e") or " " in label for label in (i.label for i in incidents)
        )
    finally:
        store.close()
