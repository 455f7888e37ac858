"""Language identification on short real-looking texts."""

from __future__ import annotations

import pytest

from newsgraph.clean.language import detect_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("North Korea has confirmed for the first time that it sent soldiers to Russia.", "en"),
        ("Die Bundesregierung hat am Mittwoch beschlossen, mehr Geld bereitzustellen.", "de"),
        ("أعلنت كوريا الشمالية لأول مرة أنها أرسلت جنودا إلى روسيا", "ar"),
        ("La Corée du Nord a confirmé pour la première fois avoir envoyé des soldats.", "fr"),
    ],
)
def test_detect_language(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "   ", "ok", "12 345 678"])
def test_too_short_text_has_no_language(text: str) -> None:
    assert detect_language(text) is None
