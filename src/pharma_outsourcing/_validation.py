"""attrs validators that raise the library's own errors, naming the field at fault."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Any, TypeVar

import attrs

from ._errors import InvalidInputError, PharmaOutsourcingError

__all__ = [
    "DecoderCheck",
    "as_tuple",
    "boolean",
    "checked_by",
    "decoder_check",
    "freeze",
    "instance_of",
    "keeps",
    "kept_kind",
    "member_of",
    "members_of",
    "non_empty_text",
    "optional_member_of",
    "rating",
    "tuple_of",
    "validator_parts",
]

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]
T = TypeVar("T")
V = TypeVar("V", bound=Validator)

Constraints = Callable[[], tuple[tuple[str, object], ...]]
DecoderCheck = tuple[object, Constraints]


def _none() -> tuple[tuple[str, object], ...]:
    return ()


def checked_by(validator: V, annotation: object, constraints: Constraints = _none) -> V:
    """Record that a decoder of ``annotation`` with ``constraints`` checks what ``validator`` does.

    That is, in terms a typed decoder checks itself: the field's type annotation and
    ``msgspec.Meta`` constraints (``ge``, ``le``; read when a load starts, so a year bound
    follows the calendar). The fast loader (``_fast.py``) skips a validator only where its
    field's annotation is the one recorded, and calls every other validator as attrs
    would. The record is kept on the validator itself (see :func:`decoder_check`).
    Returns the validator, so a factory can return what it records.
    """
    setattr(validator, _DECODER_CHECK, (annotation, constraints))
    return validator


def decoder_check(validator: object) -> DecoderCheck | None:
    """What :func:`checked_by` recorded for ``validator``, if anything."""
    found = getattr(validator, _DECODER_CHECK, None)
    return found if isinstance(found, tuple) else None


_DECODER_CHECK = "_pharma_outsourcing_decoder_check"
_KEEPS = "_pharma_outsourcing_keeps"


def freeze(value: Iterable[T]) -> frozenset[T]:
    """Convert a collection field's value to a frozenset.

    A lone text is kept whole (not split into characters), so the field's validator can
    say that a text is not a collection member rather than complain about single letters.
    """
    if isinstance(value, frozenset):
        return value
    if isinstance(value, str):
        return frozenset((value,))  # type: ignore[arg-type]  # refused by the validator
    if not isinstance(value, Iterable):  # untyped callers may pass anything
        return value  # type: ignore[unreachable]  # left for the validator to refuse
    return frozenset(value)


def as_tuple(value: Iterable[T]) -> tuple[T, ...]:
    """Convert a sequence field's value to a tuple (a non-collection is left as it is).

    Generic, so attrs fields use it through a small, concretely typed converter.
    """
    if isinstance(value, tuple):
        return value
    if isinstance(value, str):
        return value  # type: ignore[return-value]  # refused by the validator
    try:
        return tuple(value)
    except TypeError:
        return value  # type: ignore[return-value]


def keeps(kind: type, *converters: Callable[..., object]) -> None:
    """Record that each of ``converters`` returns a ``kind`` value unchanged.

    The fast loader need not call such a converter on what it decoded as that kind. A
    plain call after the definitions, not a decorator: the mypy attrs plugin reads a
    converter's signature only from an undecorated function.
    """
    for converter in converters:
        setattr(converter, _KEEPS, kind)


def kept_kind(converter: object) -> type | None:
    """The kind :func:`keeps` recorded that ``converter`` returns unchanged, if any."""
    found = getattr(converter, _KEEPS, None)
    return found if isinstance(found, type) else None


def boolean(*, optional: bool = False) -> Validator:
    """Validate that a field holds a real boolean (or ``None`` when ``optional``)."""
    allowed = "true, false, or nothing (no preference)" if optional else "true or false"

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, bool) and not (optional and value is None):
            raise InvalidInputError(
                field=attribute.name, value=value, problem="is not a boolean", allowed=allowed
            )

    return checked_by(check, bool | None if optional else bool)


def _not_a_member(field: str, value: object, enum: type[StrEnum]) -> InvalidInputError:
    """The error for ``value`` given where a member of ``enum`` is expected."""
    allowed = ", ".join(member.value for member in enum)
    if isinstance(value, str):
        try:
            member = enum.parse(value)  # type: ignore[attr-defined]
        except PharmaOutsourcingError:
            pass
        else:
            return InvalidInputError(
                field=field,
                value=value,
                problem=f"is text, not a {enum.__name__}",
                allowed=allowed,
                suggestion=f"{enum.__name__}.{member.name}",
            )
        # Raise parse's own error: it carries the nearest value.
        try:
            enum.parse(value, field=field)  # type: ignore[attr-defined]
        except InvalidInputError as error:
            return error
    return InvalidInputError(
        field=field, value=value, problem=f"is not a {enum.__name__}", allowed=allowed
    )


def member_of(enum: type[StrEnum]) -> Validator:
    """Validate that a field holds a member of ``enum``."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, enum):
            raise _not_a_member(attribute.name, value, enum)

    return checked_by(check, enum)


def optional_member_of(enum: type[StrEnum]) -> Validator:
    """Validate that a field holds ``None`` or a member of ``enum``."""
    required = member_of(enum)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            required(instance, attribute, value)

    return checked_by(check, enum | None)


def members_of(enum: type[StrEnum]) -> Validator:
    """Validate that a field holds a frozenset of members of ``enum``."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, frozenset):
            raise InvalidInputError(
                field=attribute.name,
                value=value,
                problem="is not a set",
                allowed=f"a set of {enum.__name__} values",
            )
        for item in value:
            if not isinstance(item, enum):
                raise _not_a_member(attribute.name, item, enum)

    return checked_by(check, frozenset[enum])  # type: ignore[valid-type]


def tuple_of(cls: type) -> Validator:
    """Validate that a field holds a tuple of ``cls`` instances."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            raise InvalidInputError(
                field=attribute.name,
                value=value,
                problem="is not a tuple",
                allowed=f"a tuple of {cls.__name__}",
            )
        for index, item in enumerate(value):
            if not isinstance(item, cls):
                raise InvalidInputError(
                    field=f"{attribute.name}[{index}]",
                    value=item,
                    problem=f"is not a {cls.__name__}",
                    allowed=f"a {cls.__name__}",
                )

    return checked_by(check, tuple[cls, ...])  # type: ignore[valid-type]


def non_empty_text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate that a field holds text with something other than whitespace."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(
            field=attribute.name,
            value=value,
            problem="is not a non-empty text",
            allowed="a non-empty text",
        )


def rating(low: float, high: float) -> Validator:
    """Validate that a field holds ``None`` or a finite number from ``low`` to ``high``."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or not low <= value <= high
        ):
            raise InvalidInputError(
                field=attribute.name,
                value=value,
                problem=(
                    "is out of range"
                    if isinstance(value, int | float) and not isinstance(value, bool)
                    else "is not a number"
                ),
                allowed=f"a number from {low:g} to {high:g}, or nothing (not assessed)",
                suggestion=_clamped(value, low, high),
            )

    # A decoder takes only finite numbers, and an integer as the float it equals.
    return checked_by(check, float | None, lambda: (("ge", low), ("le", high)))


def instance_of(cls: type) -> Validator:
    """Validate that a field holds an instance of ``cls`` (attrs' own raises TypeError)."""
    name = f"{'an' if cls.__name__[0] in 'AEIOU' else 'a'} {cls.__name__}"

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls):
            raise InvalidInputError(
                field=attribute.name, value=value, problem=f"is not {name}", allowed=name
            )

    return checked_by(check, cls)


def _clamped(value: object, low: float, high: float) -> str | None:
    """The nearest end of ``low``-``high`` for a number outside it, as text."""
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        return None
    return f"{min(max(value, low), high):g}"


def validator_parts(validator: object) -> list[object]:
    """The validators a field's ``validator`` runs: itself, or those it combines.

    attrs' ``and_`` (what a list of validators becomes) keeps them in ``_validators``.
    """
    if validator is None:
        return []
    inner = getattr(validator, "_validators", None)
    return list(inner) if inner is not None else [validator]
