"""The values a command-line filter takes, as Typer choices: the record types' own Literals
(a test keeps them equal), accepted in any case, listed in `--help` and in the error."""

from __future__ import annotations

from enum import StrEnum


class FactStatusChoice(StrEnum):
    corroborated = "corroborated"
    single_source = "single_source"
    contested = "contested"
    superseded = "superseded"


class QuantityKindChoice(StrEnum):
    KILL = "KILL"
    WOUND = "WOUND"
    CASUALTY = "CASUALTY"
    DEPLOY = "DEPLOY"
    CAPTURE = "CAPTURE"
    SUPPLY = "SUPPLY"
    MONEY = "MONEY"
    OTHER = "OTHER"


class EntityTypeChoice(StrEnum):
    PERSON = "PERSON"
    ORG = "ORG"
    GPE = "GPE"
    LOC = "LOC"
    NORP = "NORP"
    FAC = "FAC"
    EVENT = "EVENT"
    OTHER = "OTHER"


class ExportFormatChoice(StrEnum):
    jsonl = "jsonl"
    parquet = "parquet"
    csv = "csv"
