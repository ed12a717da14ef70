"""The library's one converter between value objects and plain, JSON-ready data.

Built once, here, from cattrs' JSON preset (``forbid_extra_keys=True``); the hooks below
are generic over attrs classes and type annotations, so a new value object round-trips
without any change to this module:

- enums are written as their values and read by a dictionary lookup, falling back to the
  vocabulary's ``parse`` for aliases (``"Phase II"`` reads as ``phase-2``);
- frozensets are written as sorted lists (enum members in the order their enum declares
  them: phases in the order of development), tuples and lists as lists, mappings (such as
  :class:`~pharma_outsourcing._frozenmap.FrozenMap` fields) as JSON objects with sorted keys;
- fields holding ``None`` are left out, and a field that may hold ``None`` reads as
  ``None`` when absent;
- scalars are taken as written: ``"false"`` is not a boolean, ``"3"`` is not a number and
  ``true`` is not a number;
- unknown keys are refused with the nearest known key suggested.

Every problem in the data is collected, with its path, and raised together as one
:class:`~pharma_outsourcing.InvalidDataError` (a ``ValueError``), from
``converter.structure`` itself as from the file loaders.
"""

from __future__ import annotations

import enum
import functools
import json
import math
import types
import typing
from collections.abc import Callable, Hashable, Mapping, Sequence, Set
from typing import Any, TypeVar, get_args, get_origin

import attrs
from cattrs.errors import BaseValidationError, ForbiddenExtraKeysError
from cattrs.preconf.json import JsonConverter, configure_converter
from cattrs.v import transform_error

from ._errors import (
    InvalidDataError,
    InvalidInputError,
    MissingFieldError,
    PharmaOutsourcingError,
    UnknownKeyError,
    nearest,
)
from ._frozenmap import FrozenMap

__all__ = [
    "FACTORY",
    "Path",
    "Problems",
    "admits_none",
    "converter",
    "format_path",
    "member_rank",
    "structure_hook",
]

T = TypeVar("T")
FACTORY: type[Any] = type(attrs.Factory(list))  # attrs.Factory, as a class to test instances of
Path = tuple[str | int, ...]
Hook = Callable[[Any], Any]


class Problems(Exception):  # noqa: N818 - internal signal, never escapes the converter
    """Problems found while structuring, each with its path from the hook that raised it."""

    def __init__(self, problems: list[tuple[Path, InvalidInputError]]) -> None:
        super().__init__(problems)
        self.problems = problems

    @classmethod
    def one(cls, error: InvalidInputError) -> Problems:
        """A single problem at the current position."""
        return cls([((), error)])


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
    """The same problem, reported at ``field``."""
    return type(error)(
        field=field,
        value=error.value,
        problem=error.problem,
        allowed=error.allowed,
        suggestion=error.suggestion,
    )


def to_error(problems: Problems, *, prefix: str = "", file: str | None = None) -> InvalidDataError:
    """Turn collected problems into the public error, each at its full path."""
    return InvalidDataError(
        (relocate(error, prefix + format_path(path)) for path, error in problems.problems),
        file=file,
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


def _wrong_kind(value: object, expected: str, *, suggestion: str | None = None) -> Problems:
    return Problems.one(
        InvalidInputError(
            field="",
            value=value,
            problem=f"is {_described(value)}",
            allowed=expected,
            suggestion=suggestion,
        )
    )


# --- scalars ---------------------------------------------------------------------------


def _structure_str(value: object) -> str:
    if type(value) is str:
        return value
    raise _wrong_kind(value, "text")


_BOOL_TEXTS = {"true": "true (without quotes)", "false": "false (without quotes)"}


def _structure_bool(value: object) -> bool:
    if value is True or value is False:
        return value
    hint = _BOOL_TEXTS.get(value.strip().casefold()) if isinstance(value, str) else None
    raise _wrong_kind(value, "true or false", suggestion=hint)


def _number_hint(value: object) -> str | None:
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return None
        return f"{value.strip()} (a number, without quotes)" if math.isfinite(number) else None
    return None


def _structure_int(value: object) -> int:
    if type(value) is int:
        return value
    if type(value) is float and value.is_integer():
        return int(value)
    raise _wrong_kind(value, "a whole number", suggestion=_number_hint(value))


def _structure_float(value: object) -> float:
    if type(value) is float:
        return value
    if type(value) is int:
        return float(value)
    raise _wrong_kind(value, "a number", suggestion=_number_hint(value))


_SCALARS: dict[object, Hook] = {
    str: _structure_str,
    bool: _structure_bool,
    int: _structure_int,
    float: _structure_float,
}


# --- enums -----------------------------------------------------------------------------


def _enum_hook(cls: type[enum.Enum]) -> Hook:
    table: dict[object, enum.Enum] = {member.value: member for member in cls}
    allowed = ", ".join(str(member.value) for member in cls)
    parse: Callable[..., enum.Enum] | None = getattr(cls, "parse", None)

    def structure(value: object) -> enum.Enum:
        if type(value) is str:
            member = table.get(value)
            if member is not None:
                return member
            if parse is not None:
                try:
                    return parse(value)
                except InvalidInputError as error:
                    raise Problems.one(error) from None
        elif type(value) in (int, float) and value in table:
            return table[value]
        raise Problems.one(
            InvalidInputError(
                field="", value=value, problem=f"is not a known {cls.__name__}", allowed=allowed
            )
        )

    structure.table = table  # type: ignore[attr-defined]  # read by _frozenset_hook
    return structure


# --- collections -----------------------------------------------------------------------


def _items(value: object, expected: str) -> list[Any] | tuple[Any, ...]:
    if type(value) is list or type(value) is tuple:
        return value
    raise _wrong_kind(value, expected)


def _each(hook: Hook, values: Sequence[Any]) -> list[Any]:
    """Structure every item, collecting every item's problems."""
    out: list[Any] = []
    problems: list[tuple[Path, InvalidInputError]] = []
    for index, item in enumerate(values):
        try:
            out.append(hook(item))
        except Problems as found:
            problems.extend(((index, *path), error) for path, error in found.problems)
    if problems:
        raise Problems(problems)
    return out


def _frozenset_hook(item_type: object) -> Hook:
    hook = structure_hook(item_type)
    expected = "a list"
    table: dict[object, object] | None = getattr(hook, "table", None)
    if table is not None:

        def structure_members(value: object) -> frozenset[Any]:
            items = _items(value, expected)
            try:
                return frozenset({table[item] for item in items})
            except (KeyError, TypeError):
                return frozenset(_each(hook, items))

        return structure_members

    def structure(value: object) -> frozenset[Any]:
        return frozenset(_each(hook, _items(value, expected)))

    return structure


def _tuple_hook(item_type: object) -> Hook:
    hook = structure_hook(item_type)

    def structure(value: object) -> tuple[Any, ...]:
        items = _items(value, "a list")
        try:
            return tuple([hook(item) for item in items])
        except Problems:
            return tuple(_each(hook, items))

    return structure


def _list_hook(item_type: object) -> Hook:
    hook = structure_hook(item_type)

    def structure(value: object) -> list[Any]:
        items = _items(value, "a list")
        try:
            return [hook(item) for item in items]
        except Problems:
            return _each(hook, items)

    return structure


def _mapping_hook(key_type: object, value_type: object, *, frozen: bool) -> Hook:
    key_hook = structure_hook(key_type)
    value_hook = structure_hook(value_type)

    def structure(value: object) -> Mapping[Any, Any]:
        if not isinstance(value, dict):
            raise _wrong_kind(value, "an object")
        out: dict[Any, Any] = {}
        problems: list[tuple[Path, InvalidInputError]] = []
        for key, item in value.items():
            try:
                out[key_hook(key)] = value_hook(item)
            except Problems as found:
                problems.extend(((str(key), *path), error) for path, error in found.problems)
        if problems:
            raise Problems(problems)
        return FrozenMap(out) if frozen else out

    return structure


def _optional_hook(inner: object) -> Hook:
    hook = structure_hook(inner)

    def structure(value: object) -> object:
        return None if value is None else hook(value)

    return structure


def _union_hook(union: object) -> Hook:
    """Each member's hook in turn; the first that takes the value wins."""
    options = [structure_hook(arg) for arg in get_args(union)]
    allowed = " or ".join(describe_type(arg) for arg in get_args(union))

    def structure(value: object) -> object:
        for option in options:
            try:
                return option(value)
            except Problems:
                continue
        raise _wrong_kind(value, allowed)

    return structure


# --- attrs classes ---------------------------------------------------------------------


def admits_none(field_type: object) -> bool:
    """Whether ``field_type`` is a union with ``None`` (``X | None``)."""
    return get_origin(field_type) in (typing.Union, types.UnionType) and type(None) in get_args(
        field_type
    )


def _attrs_hook(cls: type) -> Hook:
    attrs.resolve_types(cls)
    fields = [field for field in attrs.fields(cls) if field.init]
    hooks = {field.name: (field.alias, structure_hook(field.type)) for field in fields}
    required = [
        field.name
        for field in fields
        if field.default is attrs.NOTHING and not admits_none(field.type)
    ]
    absent_is_none = [
        field.alias
        for field in fields
        if field.default is attrs.NOTHING and admits_none(field.type)
    ]
    known = ", ".join(field.name for field in fields)

    def structure(value: object) -> object:
        if not isinstance(value, dict):
            raise _wrong_kind(value, f"an object of {cls.__name__} fields ({known})")
        kwargs: dict[str, Any] = dict.fromkeys(absent_is_none)
        problems: list[tuple[Path, InvalidInputError]] = []
        for key, item in value.items():
            entry = hooks.get(key)
            if entry is None:
                problems.append(
                    (
                        (str(key),),
                        UnknownKeyError(
                            field="",
                            value=item,
                            allowed=known,
                            suggestion=_nearest_key(str(key), hooks),
                        ),
                    )
                )
                continue
            try:
                kwargs[entry[0]] = entry[1](item)
            except Problems as found:
                problems.extend(((key, *path), error) for path, error in found.problems)
        problems.extend(
            ((name,), MissingFieldError(field="", allowed=_allowed_for(cls, name)))
            for name in required
            if name not in value
        )
        if problems:
            failed = {path[0] for path, _ in problems if path}
            problems.extend(_validator_problems(cls, kwargs, failed))
            raise Problems(problems)
        try:
            return cls(**kwargs)
        except InvalidInputError as error:
            every = _validator_problems(cls, kwargs, set())
            raise Problems(every or [((error.field,), error)]) from None
        except (PharmaOutsourcingError, TypeError, ValueError, AttributeError, KeyError) as error:
            raise Problems.one(
                InvalidInputError(
                    field="", value=value, problem=f"is not a valid {cls.__name__} ({error})"
                )
            ) from None

    return _fast_path(cls, fields, structure)


def _validator_problems(
    cls: type, kwargs: Mapping[str, object], failed: Set[object]
) -> list[tuple[Path, InvalidInputError]]:
    """Every problem ``cls``'s validators find in ``kwargs``, not only the first raised.

    The object is built as attrs' ``__init__`` builds it (each field in order, its value or
    default, through its converter) but without validators, which then run one by one.
    Fields in ``failed`` (already found wrong) are left unset, as is a field whose default
    or converter fails; a validator failing with anything but our error (because a field
    it reads is unset or wrong) is passed over, its field's problem being reported already
    or by the validator of that field.
    """
    problems: list[tuple[Path, InvalidInputError]] = []
    instance: object = object.__new__(cls)
    for field in attrs.fields(cls):
        if field.name in failed:
            continue
        try:
            if field.init and field.alias in kwargs:
                value = kwargs[field.alias]
            elif isinstance(field.default, FACTORY):
                factory = field.default
                value = factory.factory(instance) if factory.takes_self else factory.factory()
            elif field.default is not attrs.NOTHING:
                value = field.default
            else:  # pragma: no cover - a missing required field is in ``failed``
                continue
            if field.converter is not None:
                value = field.converter(value)
            object.__setattr__(instance, field.name, value)
        except Exception:  # a consequence of another field's problem
            continue
    for field in attrs.fields(cls):
        if field.validator is not None and field.name not in failed:
            try:
                field.validator(instance, field, getattr(instance, field.name))
            except InvalidInputError as error:
                problems.append(((error.field,), error))
            except Exception:  # a consequence of another field's problem
                continue
    return problems


def _fast_path(cls: type, fields: list[attrs.Attribute[Any]], careful: Hook) -> Hook:
    """A straight-line structuring function for valid data, generated for ``cls``.

    Valid data (all of a large file, as a rule) takes one pass with no bookkeeping; on
    any failure the data is structured again by ``careful``, which collects every
    problem with its path. Hooks have no side effects, so the second pass is safe.
    """
    namespace: dict[str, Any] = {"cls": cls, "careful": careful, "dict": dict}
    namespace["known"] = frozenset(field.name for field in fields)
    required: list[str] = []
    optional: list[str] = []
    for index, field in enumerate(fields):
        namespace[f"h{index}"] = structure_hook(typing.cast(Hashable, field.type))
        key = repr(field.name)
        if field.default is not attrs.NOTHING:
            optional.append(f"        if {key} in value:")
            optional.append(f"            kw[{field.alias!r}] = h{index}(value[{key}])")
        elif admits_none(field.type):
            required.append(f"{field.alias}=h{index}(value[{key}]) if {key} in value else None")
        else:
            required.append(f"{field.alias}=h{index}(value[{key}])")
    lines = [
        "def structure(value):",
        "    if type(value) is not dict or not value.keys() <= known:",
        "        return careful(value)",
        "    try:",
        "        kw = {}",
        *optional,
        f"        return cls({', '.join([*required, '**kw'])})",
        "    except Exception:",
        "        return careful(value)",
    ]
    exec("\n".join(lines), namespace)
    fast: Hook = namespace["structure"]
    return fast


def _nearest_key(key: str, known: Mapping[str, object]) -> str | None:
    """The known key nearest to ``key``, or the one it is the start of (``gmp``)."""
    found = nearest(key, known)
    if found is None and len(key) >= 3:
        starts = [name for name in known if name.startswith(key.casefold())]
        found = starts[0] if len(starts) == 1 else None
    return found


def _allowed_for(cls: type, name: str) -> str:
    field_type = attrs.fields_dict(cls)[name].type
    if isinstance(field_type, type) and issubclass(field_type, enum.Enum):
        return ", ".join(str(member.value) for member in field_type)
    return describe_type(field_type)


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
    if origin in (frozenset, set, Set, tuple, list, Sequence):
        return f"a list, each {describe_type(args[0])}"
    if isinstance(field_type, type) and issubclass(field_type, enum.Enum):
        return f"a {field_type.__name__}"
    if isinstance(field_type, type) and attrs.has(field_type):
        return f"an object of {field_type.__name__} fields"
    return "a value"


# --- the hook for any type ---------------------------------------------------------------


@functools.cache
def structure_hook(field_type: Any) -> Hook:  # noqa: ANN401, PLR0911 - any annotation
    """The structuring function for values of ``field_type`` (built once, then cached).

    It raises :class:`Problems` on bad data; :data:`converter` turns those into an
    :class:`~pharma_outsourcing.InvalidDataError`.
    """
    scalar = _SCALARS.get(field_type)
    if scalar is not None:
        return scalar
    if isinstance(field_type, type) and issubclass(field_type, enum.Enum):
        return _enum_hook(field_type)
    if isinstance(field_type, type) and attrs.has(field_type):
        return _attrs_hook(field_type)
    origin = get_origin(field_type)
    args = get_args(field_type)
    if origin in (typing.Union, types.UnionType):
        rest = [arg for arg in args if arg is not type(None)]
        hook = _optional_hook if len(rest) < len(args) else _union_hook
        return hook(rest[0] if len(rest) == 1 else typing.Union[tuple(rest)])  # noqa: UP007
    if origin in (frozenset, set, Set):
        return _frozenset_hook(args[0])
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _tuple_hook(args[0])
    if origin in (list, Sequence):
        return _list_hook(args[0])
    if origin in (dict, Mapping, FrozenMap):
        return _mapping_hook(args[0], args[1], frozen=origin is not dict)
    return _fallback(field_type)


def _fallback(field_type: object) -> Hook:
    """Structure with cattrs' own hook, turning its errors into ours."""

    def structure(value: object) -> object:
        try:
            return converter.get_structure_hook(field_type)(value, field_type)
        except Problems:
            raise
        except (BaseValidationError, ForbiddenExtraKeysError) as error:
            messages = transform_error(error, path="")
            raise Problems.one(
                InvalidInputError(field="", value=value, problem="; ".join(messages))
            ) from None
        except (TypeError, ValueError, KeyError, AttributeError) as error:
            raise Problems.one(
                InvalidInputError(
                    field="", value=value, problem=f"is not valid ({type(error).__name__})"
                )
            ) from None

    return structure


# --- unstructuring -----------------------------------------------------------------------


def _sort_key(value: object) -> tuple[str, str]:
    return (type(value).__name__, repr(value))


def _sorted(values: Set[Any]) -> list[Any]:
    try:
        return sorted(values)
    except TypeError:
        return sorted(values, key=_sort_key)


def member_rank(enum_type: type[enum.Enum]) -> Callable[[enum.Enum], int]:
    """Order members as their enum declares them (phases in the order of development)."""
    return {member: index for index, member in enumerate(enum_type)}.__getitem__


def _identity(value: T) -> T:
    return value


def _enum_value(value: enum.Enum) -> object:
    return value.value


@functools.cache
def unstructure_hook(field_type: Any) -> Hook:  # noqa: ANN401, PLR0911 - any annotation
    """The unstructuring function for values of ``field_type`` (built once, then cached)."""
    if field_type in _SCALARS:
        return _identity
    if isinstance(field_type, type) and issubclass(field_type, enum.Enum):
        return _enum_value
    if isinstance(field_type, type) and attrs.has(field_type):
        return _attrs_unstructure(field_type)
    origin = get_origin(field_type)
    args = get_args(field_type)
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        rest = [arg for arg in args if arg is not type(None)]
        if len(rest) == 1:
            return unstructure_hook(rest[0])
    if origin in (frozenset, set, Set):
        item = unstructure_hook(args[0])
        if item is _enum_value:
            index_of = member_rank(args[0])
            value_at = [member.value for member in args[0]]
            return lambda values: [value_at[index] for index in sorted(map(index_of, values))]
        return lambda values: [item(value) for value in _sorted(values)]
    if origin in (tuple, list, Sequence):
        item = unstructure_hook(args[0])
        return lambda values: [item(value) for value in values]
    if origin in (dict, Mapping, FrozenMap):
        key_hook = unstructure_hook(args[0])
        value_hook = unstructure_hook(args[1])
        if key_hook is _enum_value:
            rank = member_rank(args[0])
            return lambda mapping: {
                key._value_: value_hook(mapping[key]) for key in sorted(mapping, key=rank)
            }
        return lambda mapping: {
            key_hook(key): value_hook(mapping[key]) for key in _sorted(frozenset(mapping))
        }
    return _unstructure_by_value


def _unstructure_by_value(value: object) -> object:
    """Unstructure by the value's own class (types no hook above handles)."""
    return converter.unstructure(value)


def _unstructure_scalar(value: object) -> object:
    return unstructure_hook(typing.cast(Hashable, type(value)))(value)


def _attrs_unstructure(cls: type) -> Hook:
    """A straight-line unstructuring function generated for ``cls``; ``None`` is left out."""
    attrs.resolve_types(cls)
    namespace: dict[str, Any] = {}
    always: list[str] = []
    maybe: list[str] = []
    for index, field in enumerate(attrs.fields(cls)):
        hook = unstructure_hook(field.type)
        namespace[f"h{index}"] = hook
        key = repr(field.name)
        if admits_none(field.type):
            maybe.append(
                f"    value = obj.{field.name}\n"
                f"    if value is not None:\n"
                f"        out[{key}] = h{index}(value)"
            )
        elif hook is _identity:
            always.append(f"{key}: obj.{field.name}")
        elif hook is _enum_value:
            always.append(f"{key}: obj.{field.name}._value_")
        else:
            always.append(f"{key}: h{index}(obj.{field.name})")
    lines = [
        "def unstructure(obj):",
        f"    out = {{{', '.join(always)}}}",
        *maybe,
        "    return out",
    ]
    exec("\n".join(lines), namespace)
    unstructure: Hook = namespace["unstructure"]
    return unstructure


# --- the converter -----------------------------------------------------------------------


class Converter(JsonConverter):
    """cattrs' JSON converter whose ``structure`` raises only the library's errors."""

    def structure(self, obj: object, cl: type[T]) -> T:
        """Structure ``obj`` as a ``cl``, or raise :class:`InvalidDataError` with every problem.

        Example:
            >>> from pharma_outsourcing import Phase, converter
            >>> converter.structure("Phase II", Phase)
            <Phase.PHASE_2: 'phase-2'>
        """
        try:
            return super().structure(obj, cl)
        except Problems as found:
            raise to_error(found) from None
        except PharmaOutsourcingError:
            raise
        except (BaseValidationError, ForbiddenExtraKeysError) as error:
            problem = "; ".join(transform_error(error, path="(top level)"))
        except (TypeError, ValueError, KeyError, AttributeError) as error:
            problem = f"is not a valid {getattr(cl, '__name__', cl)} ({error})"
        raise InvalidDataError(
            [InvalidInputError(field="(top level)", value=obj, problem=problem)]
        ) from None

    def loads(self, data: str | bytes, cl: type[T], **kwargs: Any) -> T:  # noqa: ANN401
        """Parse JSON text and structure it as a ``cl``; malformed JSON is refused too."""
        try:
            obj = json.loads(data, **kwargs)
        except (ValueError, RecursionError) as error:
            raise InvalidDataError(
                [InvalidInputError(field="(text)", value=data, problem=f"is not JSON ({error})")]
            ) from None
        return self.structure(obj, cl)


def _make_converter() -> Converter:
    made = Converter(forbid_extra_keys=True, unstruct_collection_overrides={Set: list})
    configure_converter(made)

    def dispatch(obj: object, cl: Any) -> object:  # noqa: ANN401 - any annotation
        return structure_hook(cl)(obj)

    def handles(cl: Any) -> bool:  # noqa: ANN401 - any annotation
        if cl in _SCALARS:
            return True
        if isinstance(cl, type):
            return issubclass(cl, enum.Enum) or attrs.has(cl)
        origin = get_origin(cl)
        return origin in (
            frozenset,
            set,
            Set,
            tuple,
            list,
            Sequence,
            dict,
            Mapping,
            FrozenMap,
            typing.Union,
            types.UnionType,
        )

    # Scalars and enums go through singledispatch, which cattrs consults first (a hook
    # for ``str`` would otherwise also catch every StrEnum); the rest by predicate.
    for scalar in (str, bool, int, float, enum.Enum):
        made.register_structure_hook(scalar, dispatch)
        made.register_unstructure_hook(scalar, _unstructure_scalar)
    made.register_structure_hook_func(handles, dispatch)
    made.register_unstructure_hook_factory(handles, unstructure_hook)
    return made


converter = _make_converter()
"""The library's converter: every value object to plain data and back.

Example:
    >>> from pharma_outsourcing import Phase, SponsorProfile, converter
    >>> data = converter.unstructure(SponsorProfile(phase=Phase.PHASE_1))
    >>> data
    {'phase': 'phase-1', 'in_house': [], 'horizon': 'commercial', 'target_markets': []}
    >>> converter.structure(data, SponsorProfile) == SponsorProfile(phase=Phase.PHASE_1)
    True
"""
