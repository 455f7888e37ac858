"""A claim's form, read from the real parse: statement, intention or mention.

The sentences are written for this test, one per shape the dossier must tell apart."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.records import AnalyzedArticle

CASES = [
    (
        "Officials said the risk of an outbreak is low.",
        "the risk of an outbreak is low",
        "statement",
    ),
    ("The agency reported that two patients were quarantined.", "two patients", "statement"),
    ("Seoul criticized Pyongyang for sending soldiers to Russia.", "sending soldiers", "statement"),
    ("Kim called it a sacred mission.", "sacred mission", "statement"),
    ("Kim decided to send the troops to help Russia.", "send the troops", "intention"),
    ("South Korea wants North Korean troops to leave Russia.", "to leave", "intention"),
    ("A spokeswoman for the company declined to comment.", "comment", "intention"),
    ("The minister hoped for a lasting peace.", "lasting peace", "intention"),
    ("The government in Riyadh denied any role in the attacks.", "any role", "statement"),
    ("The ministry confirmed the deployment of the brigade.", "the deployment", "statement"),
    ("Investors remain wary of its losses.", "its losses", "mention"),
    ("Residents fear the spread of the disease.", "the spread of the disease", "mention"),
]


@pytest.mark.parametrize(("text", "inside", "form"), CASES)
def test_content_form(
    analyse: Callable[..., AnalyzedArticle], text: str, inside: str, form: str
) -> None:
    claims = [c for c in analyse(text).claims if inside in c.content]
    assert claims, f"no claim holding {inside!r} in {text!r}"
    assert claims[0].form == form
