"""Query parameters whose value comes from one of SPEC.md's closed sets, each defined once.

`OneOf(SomeLiteral, ...)` makes, from a Literal type of `newsgraph.records`, the rules of an
optional FastAPI query parameter: the OpenAPI schema lists the allowed values (an `enum`), a value
outside them is a 422 whose body names the parameter and the allowed values (never an empty 200),
and an empty form field ("") means "any", like a missing parameter. A new filter over an enum is
a `OneOf` and an alias here, then `status: FactStatusQuery = None` in the route.
"""

from __future__ import annotations

import typing
from datetime import date
from typing import Annotated, Any

from fastapi import Query
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from newsgraph.records import (
    Action,
    EntityType,
    FactStatus,
    QuantityKind,
    RewriteKind,
    Stance,
)

# The error type the app's 422 handler recognises to list `allowed` in the error body.
NOT_ALLOWED = "not_allowed"
NOT_A_DATE = "not_a_date"


def allowed_values(literal: Any) -> tuple[str, ...]:
    """The values of a Literal type, in their declared order."""
    values = typing.get_args(literal)
    if not values or not all(isinstance(v, str) for v in values):
        raise TypeError(f"{literal!r} is not a Literal of strings")
    return values


class OneOf:
    """The rule for one closed set: a validator for the value and the parameter's description.

    `fold_case` accepts any letter case ("kill" for KILL) and hands the route the declared
    spelling, for sets whose values differ by more than case (quantity kinds, entity types).
    """

    def __init__(self, literal: Any, what: str, *, fold_case: bool = False) -> None:
        self.allowed = allowed_values(literal)
        self.what = what
        self.fold_case = fold_case
        self._spelling = {self._key(v): v for v in self.allowed}
        case = " (any letter case)" if fold_case else ""
        self.query: Any = Query(
            description=f"{what[0].upper()}{what[1:]}: one of {', '.join(self.allowed)}{case}."
        )
        self.validator = BeforeValidator(self.check)

    def _key(self, value: str) -> str:
        return value.casefold() if self.fold_case else value

    def check(self, value: object) -> object:
        """The declared spelling of `value`, None for a missing or empty one, else a 422."""
        if value is None or value == "":
            return None
        if isinstance(value, str):
            found = self._spelling.get(self._key(value))
            if found is not None:
                return found
        raise PydanticCustomError(
            NOT_ALLOWED,
            "{given} is not a valid {what}; allowed: {expected}",
            {
                "given": repr(value),
                "what": self.what,
                "expected": ", ".join(self.allowed),
                "allowed": list(self.allowed),
            },
        )


_KIND = OneOf(QuantityKind, "quantity kind", fold_case=True)
_TYPE = OneOf(EntityType, "entity type", fold_case=True)
_STANCE = OneOf(Stance, "stance")
_STATUS = OneOf(FactStatus, "fact status")
_REWRITE = OneOf(RewriteKind, "rewrite kind")
_ACTION = OneOf(Action, "event action", fold_case=True)

QuantityKindQuery = Annotated[QuantityKind | None, _KIND.validator, _KIND.query]
EntityTypeQuery = Annotated[EntityType | None, _TYPE.validator, _TYPE.query]
StanceQuery = Annotated[Stance | None, _STANCE.validator, _STANCE.query]
FactStatusQuery = Annotated[FactStatus | None, _STATUS.validator, _STATUS.query]
RewriteKindQuery = Annotated[RewriteKind | None, _REWRITE.validator, _REWRITE.query]
ActionQuery = Annotated[Action | None, _ACTION.validator, _ACTION.query]


def _day(value: object) -> object:
    """An ISO date (YYYY-MM-DD) or None; "" (an empty date field of a form) means "any"."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if len(value) == 10:
                return value
    raise PydanticCustomError(
        NOT_A_DATE, "{given} is not a date; write YYYY-MM-DD", {"given": repr(value)}
    )


Day = Annotated[
    str | None,
    BeforeValidator(_day),
    # the check is the validator's (a `pattern` would also run on the None it hands over)
    Query(description="An ISO date, YYYY-MM-DD.", json_schema_extra={"format": "date"}),
]
