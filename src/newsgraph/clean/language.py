"""Language identification of a clean text, offline, with the model py3langid ships."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Fewer letters than this and the guess is noise: a headline fragment, a number, a name.
MIN_LETTERS = 12
# Long texts are judged on their start: the language does not change halfway, and the
# classifier's cost grows with the length.
SAMPLE_CHARS = 2000


@lru_cache(maxsize=1)
def load_identifier() -> Any:
    """The py3langid identifier, loaded once (its model is in the package, nothing downloads)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`'s language, or None when it is empty or too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(re.findall(r"[^\W\d_]", sample)) < MIN_LETTERS:
        return None
    code, _score = load_identifier().classify(sample)
    return str(code)
