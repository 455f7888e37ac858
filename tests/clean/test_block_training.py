"""Held-out-by-site validation of the text block model: folds never split a site."""

from __future__ import annotations

import numpy as np

from newsgraph.clean.block_training import PageLines, fold_numbers, split
from newsgraph.clean.blocks import FEATURES, BlockModel, LogisticStage
from newsgraph.clean.text import clean_text


def page(page_id: str, site: str) -> PageLines:
    return PageLines(page_id, ["a line"], [False], np.zeros((1, 1)), np.zeros(1), "", site)


def test_site_folds_keep_a_site_together() -> None:
    sites = ["a.com", "b.com", "a.com", "c.org", "b.com", "d.net", "a.com", "e.com", "f.com"]
    pages = [page(str(i), site) for i, site in enumerate(sites)]
    numbers = fold_numbers(pages, "site", folds=3)
    by_site: dict[str, set[int]] = {}
    for item, number in zip(pages, numbers, strict=True):
        by_site.setdefault(item.site, set()).add(number)
    assert all(len(folds) == 1 for folds in by_site.values())
    assert set(numbers) == {0, 1, 2}
    for fold in range(3):
        train, held_out = split(pages, fold, numbers)
        assert not {p.site for p in train} & {p.site for p in held_out}
    # page folds, for comparison, do split a site
    assert (
        len(
            {
                n
                for item, n in zip(pages, fold_numbers(pages, "page", 3), strict=True)
                if item.site == "a.com"
            }
        )
        > 1
    )


def test_clean_text_uses_the_model_it_is_given() -> None:
    body = (
        "The council voted on Tuesday to close the old bridge, citing safety reports that "
        "showed deep cracks in two of its supports, and said repairs would start next spring."
    )
    nav = "Weather Sports Opinion Arts Travel"
    page_text = f"{body}\n{nav}\n{body.replace('Tuesday', 'Monday')}"
    n = len(FEATURES)
    keep_all = BlockModel(LogisticStage(np.zeros(n), np.ones(n), np.zeros(n), 20.0), 0.5)
    weights = np.zeros(n)
    weights[FEATURES.index("sentence_end")] = 40.0  # only lines ending as sentences are body
    sentences_only = BlockModel(LogisticStage(np.zeros(n), np.ones(n), weights, -20.0), 0.5)
    assert nav in clean_text(page_text, model=keep_all).text
    kept = clean_text(page_text, model=sentences_only).text
    assert nav not in kept
    assert body in kept
