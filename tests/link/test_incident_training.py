"""Training the incidents' merge model: its threshold is chosen on the model's own merging."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.records import Event


def test_thresholds_are_tried_on_the_learned_merge(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each inner fold's thresholds are scored by clustering with the fitted model (with the
    rules' merging every threshold scored alike, and the lowest always won the tie)."""
    pytest.importorskip("sklearn")
    import newsgraph.evaluate.incidents as evaluation
    from newsgraph.evaluate.incidents import _Corpus
    from newsgraph.link.train_incidents import THRESHOLDS, train

    events, stories, triggers, gold, topic_of = [], {}, {}, {}, {}
    for t in range(3):
        articles = [f"t{t}a{n}" for n in range(2)]
        stories[f"s{t}"] = articles
        for article in articles:
            topic_of[article] = f"topic{t}"
            gold[article] = []
            for k, word in enumerate(("acquired", "quake")):
                event = Event(f"{article}e{k}", article, 10 * k, 10 * k + 5, None, "OTHER", None, None, None, None)  # fmt: skip
                events.append(event)
                triggers[event.id] = word
                gold[article].append({"start": 10 * k, "end": 10 * k + 5, "chain": f"{t}{word}"})
    corpus = _Corpus(events, stories, triggers, {}, {})
    seen: list[Any] = []
    real = evaluation.rebuild

    def rebuild(*args: Any, **kwargs: Any) -> dict[str, str]:
        seen.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(evaluation, "rebuild", rebuild)
    model = train(corpus, gold, topic_of, {"topic0", "topic1", "topic2"})
    assert seen and all(params.learned for params in seen)
    assert model.threshold in THRESHOLDS
