"""atheris harness for newsgraph's hostile-input entry points (coverage-guided, libFuzzer).

atheris is not a project dependency; install it yourself to run this:

    .venv/bin/pip install atheris                 # needs clang/libFuzzer on the machine
    .venv/bin/python fuzz/fuzz_ingest.py -max_total_time=600 -rss_limit_mb=2048 -timeout=5 corpus/
    FUZZ_TARGET=extract .venv/bin/python fuzz/fuzz_ingest.py -max_total_time=600 -timeout=5

Targets (FUZZ_TARGET, default "readers"): readers (decode, gzip, JSONL, stdin stream, WARC,
feeds), clean (HTML and text cleaners), numbers (number normaliser and time resolver), extract
(spaCy parse + extractors). The rule is the one tests/fuzz checks with hypothesis: only
`NewsgraphError` may escape; `-timeout=5` makes any case over 5 s a finding.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from newsgraph.errors import NewsgraphError

MAX_BYTES = 1_000_000
_FOLDER = Path(tempfile.mkdtemp(prefix="newsgraph-atheris-"))


def fuzz_readers(data: bytes) -> None:
    """Every reader over the same bytes, as each file kind and as standard input."""
    from newsgraph.ingest.decode import decode, maybe_gunzip
    from newsgraph.ingest.feeds import read_feed
    from newsgraph.ingest.readers import read_json_records, read_path, read_stream

    for call in (
        lambda: decode(data, "x", html=True),
        lambda: decode(data, "x", html=False),
        lambda: maybe_gunzip(data, "x", MAX_BYTES),
    ):
        _coded(call)
    list(read_stream(data, "-", False, MAX_BYTES))
    list(read_json_records(data, "x.jsonl", False))
    list(read_feed(data, "x.rss"))
    for suffix in (".html", ".jsonl", ".warc", ".warc.gz"):
        path = _FOLDER / f"input{suffix}"
        path.write_bytes(data)
        list(read_path(path, max_bytes=MAX_BYTES))


def fuzz_clean(data: bytes) -> None:
    from newsgraph.clean import clean_html, clean_text

    text = data.decode("utf-8", "replace")
    _coded(lambda: clean_html(text))
    _coded(lambda: clean_text(text))


def fuzz_numbers(data: bytes) -> None:
    from newsgraph.extract.numbers import currency_of, parse_number
    from newsgraph.extract.timex import resolve_time

    text = data[:200].decode("utf-8", "replace")
    _coded(lambda: parse_number(text))
    _coded(lambda: currency_of(text))
    _coded(lambda: resolve_time(text, "2025-04-28"))


def fuzz_extract(data: bytes) -> None:
    from newsgraph.config import Settings
    from newsgraph.extract import extract
    from newsgraph.extract.nlp import load_pipeline
    from newsgraph.records import Article

    text = data[:5000].decode("utf-8", "replace")
    article = Article(
        "a" * 64, "fuzz", None, None, None, None, None, "2025-04-28", None, "en", text, None
    )
    doc = load_pipeline(Settings().model)(text)
    result = _coded(lambda: extract(doc, article))
    for record in getattr(result, "quantities", []):
        assert 0 <= record.start <= record.end <= len(text)


TARGETS: dict[str, Callable[[bytes], None]] = {
    "readers": fuzz_readers,
    "clean": fuzz_clean,
    "numbers": fuzz_numbers,
    "extract": fuzz_extract,
}


def _coded(call: Callable[[], object]) -> object:
    """Run `call`; newsgraph's coded errors are expected outcomes, anything else propagates."""
    try:
        return call()
    except NewsgraphError:
        return None


def main() -> None:
    try:
        import atheris
    except ImportError:
        sys.exit("atheris is not installed: .venv/bin/pip install atheris (see this file's top)")
    target = TARGETS[os.environ.get("FUZZ_TARGET", "readers")]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
