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

import datetime
import enum
import types
import typing
from collections.abc import Mapping, Sequence, Set
from typing import Any, get_args, get_origin

import attrs
from cattrs.converters import BaseConverter
from cattrs.errors import (
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    StructureHandlerNotFoundError,
)

from .._errors import InvalidInputError, MissingFieldError, UnknownKeyError, nearest
from .._fields import unicode_problem, with_article

__all__ = [
    "MAX_DIGITS",
    "Path",
    "admits_none",
    "checked_text",
    "describe_type",
    "format_path",
    "problems_of",
    "relocate",
    "validator_problems",
    "wrong_kind",
]

Path = tuple[str | int, ...]

MAX_DIGITS = 300
"""The most digits a number in the data may have (a float holds about 308)."""


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
    return with_article(type(value).__name__)


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
    problem = unicode_problem("", text)
    if problem is not None:
        raise problem
    return text


def describe_type(field_type: object) -> str:
    """The kind of value a field of ``field_type`` takes, in words.

    Example:
        >>> describe_type(frozenset[int])
        'a list, each a whole number'
    """
    words = {
        str: "a text",
        bool: "true or false",
        int: "a whole number",
        float: "a number",
        datetime.date: "a date (YYYY-MM-DD)",
    }
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


def problems_of(
    error: BaseException, value: object, cl: object, converter: BaseConverter
) -> list[InvalidInputError]:
    """Every problem ``error`` (raised structuring ``value`` as ``cl``) holds, at its path.

    ``converter`` is the one that raised it: a record's fields are structured again with
    it to run every validator of the record (see :func:`validator_problems`).

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
    _Walk(converter, found).walk(error, value, cl, ())
    return [relocate(problem, format_path(path)) for path, problem in found]


class _Walk:
    """One walk over an exception tree, collecting ``(path, problem)`` pairs into ``out``."""

    def __init__(self, converter: BaseConverter, out: list[tuple[Path, InvalidInputError]]) -> None:
        self.converter = converter
        self.out = out

    def walk(self, error: BaseException, value: object, cl: object, path: Path) -> None:
        """Collect the problems of ``error``, raised structuring ``value`` as ``cl``."""
        if isinstance(cl, type) and attrs.has(cl) and not isinstance(value, Mapping):
            if isinstance(error, InvalidInputError):  # a hook's own words (a CSV item's)
                self.out.append((path, error))
                return
            known = ", ".join(field.name for field in attrs.fields(cl) if field.init)
            self.out.append(
                (path, wrong_kind(value, f"an object of {cl.__name__} fields ({known})"))
            )
        elif isinstance(error, ClassValidationError):
            self.record(error, value, path)  # type: ignore[arg-type]  # a Mapping, as checked
        elif isinstance(error, IterableValidationError):
            noted, other = error.group_exceptions()
            for exception, note in noted:
                self.walk(exception, _item(value, note.index), note.type, (*path, note.index))
            for exception in other:
                self.walk(exception, value, cl, path)
        elif isinstance(error, ForbiddenExtraKeysError):
            self.out.extend(_unknown_keys(error, value, path))
        elif isinstance(error, InvalidInputError):
            self.out.append((path, error))
        else:
            self.out.append((path, _other_problem(error, value, cl)))

    def record(self, error: ClassValidationError, value: Mapping[str, Any], path: Path) -> None:
        """A record's problems in the order of its keys; missing fields, then validators."""
        position = {key: index for index, key in enumerate(value)}
        last = len(position)
        entries: list[tuple[tuple[int, int], list[tuple[Path, InvalidInputError]]]] = []
        noted, other = error.group_exceptions()
        for order, (exception, note) in enumerate(noted):
            found: list[tuple[Path, InvalidInputError]] = []
            if isinstance(exception, KeyError) and note.name not in position:
                missing = MissingFieldError(field="", allowed=_allowed_for(note.type))
                found.append(((*path, note.name), missing))
                rank = (last + 1, order)
            else:
                _Walk(self.converter, found).walk(
                    exception, value.get(note.name), note.type, (*path, note.name)
                )
                rank = (position.get(note.name, last), order)
            entries.append((rank, found))
        built: list[BaseException] = []
        for exception in other:
            if isinstance(exception, ForbiddenExtraKeysError):
                entries.extend(
                    ((position.get(str(problem[0][-1]), last), -1), [problem])
                    for problem in _unknown_keys(exception, value, path)
                )
            elif isinstance(exception, BaseValidationError):
                found = []
                _Walk(self.converter, found).walk(exception, value, error.cl, path)
                entries.append(((last + 2, 0), found))
            else:
                built.append(exception)  # raised by the constructor
        if all(isinstance(exception, InvalidInputError) for exception in built):
            failed = {note.name for _, note in noted}
            entries.extend(
                ((last + 2, 1), [((*path, problem.field), problem)])
                for problem in validator_problems(error.cl, value, failed, self.converter)
            )
        else:
            entries.extend(
                ((last + 2, 1), [(path, _other_problem(exception, value, error.cl))])
                for exception in built
            )
        for _, found in sorted(entries, key=lambda entry: entry[0]):
            self.out.extend(found)


def _other_problem(error: BaseException, value: object, cl: object) -> InvalidInputError:
    """Anything but a structuring problem: an unknown type, nesting too deep, a constructor."""
    if isinstance(error, StructureHandlerNotFoundError):
        return InvalidInputError(
            field="",
            value=value,
            problem=f"cannot be read as {cl!r}, which is not a type the converter reads",
            allowed="a value object class of the library, or a plain type",
        )
    if isinstance(error, RecursionError):
        return InvalidInputError(field="", value=value, problem="is nested too deeply")
    name = getattr(cl, "__name__", None) or repr(cl)
    return InvalidInputError(field="", value=value, problem=f"is not a valid {name} ({error})")


def _item(value: object, index: object) -> object:
    if isinstance(value, Mapping):
        return value.get(index)
    if isinstance(value, list | tuple) and isinstance(index, int) and 0 <= index < len(value):
        return value[index]
    return None


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


def validator_problems(
    cls: type, value: Mapping[str, Any], failed: Set[str], converter: BaseConverter
) -> list[InvalidInputError]:
    """The problems of every validator of ``cls`` for record ``value``, not only the first.

    cattrs stops at the constructor, which stops at the first failing validator, and
    builds nothing when a field fails to structure. Here the fields that did structure
    are structured again, defaults and field converters applied as attrs applies them,
    and each validator is run on its own against them (on the error path only). A
    validator failing with anything but our error (because a field it reads is wrong or
    missing, so already reported) is passed over, as is the problem of a default derived
    from a field whose own problem is reported.
    """
    shadow = types.SimpleNamespace()
    for field in attrs.fields(cls):
        if field.name in failed:
            continue
        try:
            if field.init and field.name in value:
                item = converter.get_structure_hook(field.type)(value[field.name], field.type)
            elif isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                factory: Any = field.default
                item = factory.factory(shadow) if factory.takes_self else factory.factory()
            elif field.default is not attrs.NOTHING:
                item = field.default
            else:
                continue
            if field.converter is not None:
                item = field.converter(item)
        except Exception:  # a consequence of another field's problem, reported already
            continue
        setattr(shadow, field.name, item)
    problems: list[InvalidInputError] = []
    for field in attrs.fields(cls):
        if field.validator is None or not hasattr(shadow, field.name):
            continue
        try:
            field.validator(shadow, field, getattr(shadow, field.name))
        except InvalidInputError as problem:
            problems.append(_as_written(problem, value))
        except Exception:  # a consequence of another field's problem, reported already
            continue
    # A field left out whose default derives from another (an inspection's year from its
    # date) shares that field's problem: it is reported only when it is the only one.
    derived = {
        field.name
        for field in attrs.fields(cls)
        if field.name not in value and getattr(field.default, "takes_self", False)
    }
    own = [problem for problem in problems if problem.field not in derived]
    return own or problems


def _as_written(problem: InvalidInputError, record: Mapping[str, Any]) -> InvalidInputError:
    """``problem`` in the record's terms: a date as ISO text, a left-out field as missing."""
    if problem.value is None and problem.field not in record:
        return MissingFieldError(
            field=problem.field, problem=problem.problem, allowed=problem.allowed
        )
    if not isinstance(problem.value, datetime.date):
        return problem
    return type(problem)(
        field=problem.field,
        value=problem.value.isoformat(),
        problem=problem.problem,
        allowed=problem.allowed,
        suggestion=problem.suggestion,
    )
