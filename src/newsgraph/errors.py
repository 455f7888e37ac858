"""Errors a user can hit, each defined once with a code and a sentence that says what to do."""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base of every error newsgraph raises on purpose; `str()` is one line for a person."""

    code = "E000"
    hint = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class InputError(NewsgraphError):
    """An input that cannot be read as a page; the batch goes on without it."""

    code = "E001"

    def __init__(self, source: str, reason: str, *, code: str | None = None) -> None:
        # one line whatever a library's message holds (warcio and feedparser quote raw lines)
        reason = " ".join(reason.split())
        super().__init__(f"{' '.join(source.split())}: {reason}")
        self.source = source
        self.reason = reason
        if code is not None:
            self.code = code


class UnsupportedInput(InputError):
    code = "E002"


class EmptyInput(InputError):
    code = "E003"


class BinaryInput(InputError):
    code = "E004"


class EncodingError(InputError):
    code = "E005"


class MalformedRecord(InputError):
    code = "E006"


class TooLarge(InputError):
    code = "E007"
    hint = "the limit is NEWSGRAPH_MAX_BYTES; raise it to accept larger inputs"


class StoreRefused(InputError):
    """A page the store would not hold (a value its database rejects); the batch goes on."""

    code = "E010"


class StoreError(NewsgraphError):
    """The store cannot be opened or written."""

    code = "E100"
    hint = (
        "check --store / NEWSGRAPH_STORE; SQLite takes a file path, PostgreSQL a postgresql:// URL"
    )


class NotFound(NewsgraphError):
    code = "E101"


class MissingExtra(NewsgraphError):
    """An optional feature was asked for whose packages are not installed."""

    code = "E200"


class BenchmarkMissing(NewsgraphError):
    code = "E300"
    hint = "point the command at a folder of ../shared/bench"


class Interrupted(NewsgraphError):
    """A long command stopped by SIGINT or SIGTERM; what it finished is kept, the rest discarded."""

    code = "E400"

    def __init__(self, signum: int) -> None:
        import signal

        super().__init__(f"stopped by {signal.Signals(signum).name}")
        self.signum = signum


class StoreMissing(StoreError):
    """A command that only reads was pointed at a store that does not exist; nothing is created."""

    code = "E102"
    hint = "check --store / NEWSGRAPH_STORE, or create the store with `newsgraph ingest PAGES`"


class AmbiguousId(NotFound):
    """An id prefix that more than one record starts with; the message lists them."""

    code = "E103"
    hint = "give more of the id"


class BadSetting(NewsgraphError):
    """A setting (a NEWSGRAPH_* variable or a value given for one) that is not of its type."""

    code = "E500"
