"""From cattrs' exceptions to the library's errors: every problem, at its path, in words.

cattrs' detailed validation raises a tree of exception groups: a
:class:`~cattrs.errors.ClassValidationError` per record, whose members carry an
:class:`~cattrs.errors.AttributeValidationNote` naming their field, and an
:class:`~cattrs.errors.IterableValidationError` per list or mapping, whose members carry
an :class:`~cattrs.errors.IterableValidationNote` with their index or key. This module
walks that tree beside the data it was raised for, so each problem is reported in the
order it appears in the data, with the value given, what is allowed and the nearest
valid value, as one :class:`~pharma_outsourcing.InvalidInputError` per problem.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Mapping, Sequence, Set
from typing import get_args, get_origin

import attrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    StructureHandlerNotFoundError,
)

from .._errors import InvalidInputError, MissingFieldError, UnknownKeyError, nearest

__all__ = [
    "MAX_DIGITS",
    "Path",
    "ValidatorNote",
    "admits_none",
    "by_field",
    "checked_text",
    "describe_type",
    "format_path",
    "problems_of",
    "relocate",
    "wrong_kind",
]

Path = tuple[str | int, ...]

MAX_DIGITS = 300
"""The most digits a number in the data may have (a float holds about 308)."""


class ValidatorNote(AttributeValidationNote):
    """Marks a problem found by an attrs validator; its ``field`` says where it lies."""


def format_path(path: Path) -> str:
    """``("inspections", 0, "year")`` -> ``"inspections[0].year"``.

    Example:
        >>> format_path(("inspections", 0, "year"))
        'inspections[0].year'
        >>> format_path(())
        '(top level)'
    """
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or "(top level)"


def relocate(error: InvalidInputError, field: str) -> InvalidInputError:
    """The same problem, reported at ``field``.

    Example:
        >>> str(relocate(InvalidInputError(field="", value=1, problem="is odd"), "a.b"))
        'a.b: 1 is odd'
    """
    return type(error)(
        field=field,
        value=error.value,
        problem=error.problem,
        allowed=error.allowed,
        suggestion=error.suggestion,
    )


def admits_none(field_type: object) -> bool:
    """Whether ``field_type`` is a union with ``None`` (``X | None``).

    Example:
        >>> admits_none(int | None), admits_none(int)
        (True, False)
    """
    return get_origin(field_type) in (typing.Union, types.UnionType) and type(None) in get_args(
        field_type
    )


def _described(value: object) -> str:  # noqa: PLR0911 - one return per kind
    """What kind of JSON value ``value`` is, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def wrong_kind(value: object, expected: str, *, suggestion: str | None = None) -> InvalidInputError:
    """The problem of a value of the wrong kind (text where a number is expected, ...).

    Example:
        >>> str(wrong_kind("3", "a number"))
        ": '3' is text; allowed: a number"
    """
    return InvalidInputError(
        field="",
        value=value,
        problem=f"is {_described(value)}",
        allowed=expected,
        suggestion=suggestion,
    )


def checked_text(text: str) -> str:
    """``text``, if it is Unicode that can be written (no lone surrogates).

    Raises:
        InvalidInputError: ``text`` holds a lone surrogate, which no file can store.

    Example:
        >>> checked_text("Société")
        'Société'
    """
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InvalidInputError(
            field="",
            value=text,
            problem=(
                f"holds a lone surrogate ({text[error.start]!r} at {error.start}), "
                "which is not Unicode text"
            ),
            allowed="Unicode text (a lone surrogate is half of a character)",
        ) from None
    return text


def describe_type(field_type: object) -> str:
    """The kind of value a field of ``field_type`` takes, in words.

    Example:
        >>> describe_type(frozenset[int])
        'a list, each a whole number'
    """
    words = {str: "a text", bool: "true or false", int: "a whole number", float: "a number"}
    if field_type in words:
        return words[field_type]
    origin = get_origin(field_type)
    args = get_args(field_type)
    if origin in (frozenset, set, Set, tuple, list, Sequence) and args:
        return f"a list, each {describe_type(args[0])}"
    if admits_none(field_type):
        rest = [arg for arg in args if arg is not type(None)]
        return " or ".join(describe_type(arg) for arg in rest)
    if isinstance(field_type, type) and issubclass(field_type, enum.Enum):
        return f"a {field_type.__name__}"
    if isinstance(field_type, type) and attrs.has(field_type):
        return f"an object of {field_type.__name__} fields"
    return "a value"


def _allowed_for(field_type: object) -> str:
    if isinstance(field_type, type) and issubclass(field_type, enum.Enum):
        return ", ".join(str(member.value) for member in field_type)
    return describe_type(field_type)


def _nearest_key(key: str, known: Sequence[str]) -> str | None:
    """The known key nearest to ``key``, or the one it is the start of (``gmp``)."""
    found = nearest(key, known)
    if found is None and len(key) >= 3:
        starts = [name for name in known if name.startswith(key.casefold())]
        found = starts[0] if len(starts) == 1 else None
    return found


def problems_of(error: BaseException, value: object, cl: object) -> list[InvalidInputError]:
    """Every problem ``error`` (raised structuring ``value`` as ``cl``) holds, at its path.

    Example:
        >>> from pharma_outsourcing import Inspection, converter
        >>> try:
        ...     converter.structure({"regulator": "fda", "year": "2020"}, Inspection)
        ... except ValueError as error:
        ...     print(error)
        year: '2020' is text; allowed: a whole number; did you mean '2020 (a number, ...)'?
        outcome: is missing; allowed: no-action-indicated, voluntary-action-indicated, ...
    """
    found: list[tuple[Path, InvalidInputError]] = []
    _walk(error, value, cl, (), found)
    return [relocate(problem, format_path(path)) for path, problem in found]


def _walk(
    error: BaseException,
    value: object,
    cl: object,
    path: Path,
    out: list[tuple[Path, InvalidInputError]],
) -> None:
    if isinstance(error, ClassValidationError):
        _walk_record(error, value, path, out)
    elif isinstance(error, IterableValidationError):
        noted, other = error.group_exceptions()
        for exception, note in noted:
            index = note.index
            item = _item(value, index)
            _walk(exception, item, note.type, (*path, index), out)
        for exception in other:
            _walk(exception, value, cl, path, out)
    elif isinstance(error, ForbiddenExtraKeysError):
        out.extend(_unknown_keys(error, value, path))
    elif isinstance(error, InvalidInputError):
        out.append((path, error))
    elif isinstance(error, StructureHandlerNotFoundError):
        out.append(
            (
                path,
                InvalidInputError(
                    field="",
                    value=value,
                    problem=f"cannot be read as {cl!r}, which is not a type the converter reads",
                    allowed="a value object class of the library, or a plain type",
                ),
            )
        )
    elif isinstance(error, RecursionError):
        out.append((path, InvalidInputError(field="", value=value, problem="is nested too deeply")))
    else:
        name = getattr(cl, "__name__", None) or repr(cl)
        out.append(
            (
                path,
                InvalidInputError(
                    field="", value=value, problem=f"is not a valid {name} ({error})"
                ),
            )
        )


def _item(value: object, index: object) -> object:
    if isinstance(value, Mapping):
        return value.get(index)
    if isinstance(value, list | tuple) and isinstance(index, int) and 0 <= index < len(value):
        return value[index]
    return None


def _walk_record(
    error: ClassValidationError,
    value: object,
    path: Path,
    out: list[tuple[Path, InvalidInputError]],
) -> None:
    """A record's problems in the order of its keys; missing fields, then validators, last."""
    keys = list(value) if isinstance(value, Mapping) else []
    position = {key: index for index, key in enumerate(keys)}
    last = len(keys)
    entries: list[tuple[tuple[int, int], list[tuple[Path, InvalidInputError]]]] = []
    noted, other = by_field(error)
    for order, (exception, note) in enumerate(noted):
        found: list[tuple[Path, InvalidInputError]] = []
        if isinstance(note, ValidatorNote) and isinstance(exception, InvalidInputError):
            found.append(((*path, exception.field), exception))
            rank = (last + 2, order)
        elif isinstance(exception, KeyError) and note.name not in position:
            missing = MissingFieldError(field="", allowed=_allowed_for(note.type))
            found.append(((*path, note.name), missing))
            rank = (last + 1, order)
        else:
            item = value.get(note.name) if isinstance(value, Mapping) else None
            _walk(exception, item, note.type, (*path, note.name), found)
            rank = (position.get(note.name, last), order)
        entries.append((rank, found))
    for exception in other:
        found = []
        if isinstance(exception, ForbiddenExtraKeysError):
            for problem in _unknown_keys(exception, value, path):
                key = problem[0][-1]
                entries.append(((position.get(key, last), -1), [problem]))
            continue
        _walk(exception, value, error.cl, path, found)
        entries.append(((last + 2, len(noted)), found))
    for _, found in sorted(entries, key=lambda entry: entry[0]):
        out.extend(found)


def by_field(
    error: ClassValidationError,
) -> tuple[list[tuple[Exception, AttributeValidationNote]], list[Exception]]:
    """A record's problems with the note naming their field, and those without one.

    Like :meth:`ClassValidationError.group_exceptions`, but a subclass of the note (such
    as :class:`ValidatorNote`) counts too.
    """
    noted: list[tuple[Exception, AttributeValidationNote]] = []
    other: list[Exception] = []
    for exception in error.exceptions:
        notes = getattr(exception, "__notes__", ())
        note = next((n for n in notes if isinstance(n, AttributeValidationNote)), None)
        if note is None:
            other.append(exception)
        else:
            noted.append((exception, note))
    return noted, other


def _unknown_keys(
    error: ForbiddenExtraKeysError, value: object, path: Path
) -> list[tuple[Path, InvalidInputError]]:
    known = [field.name for field in attrs.fields(error.cl) if field.init]
    keys = list(value) if isinstance(value, Mapping) else sorted(error.extra_fields)
    return [
        (
            (*path, str(key)),
            UnknownKeyError(
                field="",
                value=value.get(key) if isinstance(value, Mapping) else None,
                allowed=", ".join(known),
                suggestion=_nearest_key(str(key), known),
            ),
        )
        for key in keys
        if key in error.extra_fields
    ]
