"""The library's one converter between value objects and plain, JSON-ready data.

Built once, here, on cattrs' own machinery: the JSON preset, cattrs' generated attrs
hooks with ``forbid_extra_keys`` and detailed validation, and a few hooks of our own,
each registered on the types it is for:

- scalars are taken as written (``"false"`` is not a boolean, ``"3"`` is not a number,
  ``true`` is not a number; a whole float is a whole number and an integer a float);
  text must be valid Unicode (no lone surrogates) and numbers finite and of a sane size;
- enums are read by a dictionary lookup of their values, falling back to the
  vocabulary's ``parse`` for aliases (``"Phase II"`` reads as ``phase-2``), and written as
  their values;
- collections are read from lists only (a text is not a list of its letters) and sets are
  written as sorted lists (enum members in the order their enum declares them: phases
  in the order of development), mappings as objects with sorted keys;
- dates are read from ISO text (``2024-03-12``) only, and written as it;
- fields holding ``None`` are left out, and a field that may hold ``None`` reads as
  ``None`` when absent;
- a profile written for 0.1 is read as well: its one ``modality`` or ``dosage_form``
  reads as a one-member ``modalities`` or ``dosage_forms`` (giving both is refused);
- every validator of a record is run, so all its problems are reported, not the first.

cattrs collects every problem with its path; :mod:`._problems` turns them into one
:class:`~pharma_outsourcing.InvalidDataError` (a ``ValueError``), raised by
``converter.structure`` itself as by the file loaders.
"""

from __future__ import annotations

import calendar
import datetime
import enum
import functools
import json
import math
import re
import types
import typing
from collections.abc import Callable, Mapping, Sequence, Set
from typing import Any, TypeVar, get_args, get_origin

import attrs
from cattrs.cols import list_structure_factory, mapping_structure_factory
from cattrs.converters import BaseConverter
from cattrs.errors import AttributeValidationNote, ClassValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn
from cattrs.preconf.json import JsonConverter, configure_converter

from .._errors import InvalidDataError, InvalidInputError
from .._frozenmap import FrozenMap
from .._profile import SponsorProfile
from .._vocabulary import in_declared_order
from ._problems import (
    MAX_DIGITS,
    admits_none,
    checked_text,
    problems_of,
    wrong_kind,
)

__all__ = [
    "FORMER_KEYS",
    "NUMBER",
    "Converter",
    "attrs_hook",
    "converter",
    "date_hint",
    "init_fields",
    "is_collection",
    "nearest_date",
    "scalar_hooks",
    "too_large",
]

T = TypeVar("T")
Hook = Callable[..., Any]


# --- scalars -----------------------------------------------------------------------------


def _structure_str(value: object, _: object = None) -> str:
    if type(value) is str:
        return checked_text(value)
    raise wrong_kind(value, "text")


_BOOL_TEXTS = {"true": "true (without quotes)", "false": "false (without quotes)"}


def _structure_bool(value: object, _: object = None) -> bool:
    if value is True or value is False:
        return value
    hint = _BOOL_TEXTS.get(value.strip().casefold()) if isinstance(value, str) else None
    raise wrong_kind(value, "true or false", suggestion=hint)


NUMBER = re.compile(r"[+-]?\d+(\.\d+)?([eE][+-]?\d+)?")
"""A number as JSON writes it: digits, one optional sign, one decimal point, an exponent."""


def _number_hint(value: object) -> str | None:
    if isinstance(value, str) and len(value.strip()) <= MAX_DIGITS:
        text = value.strip()
        if NUMBER.fullmatch(text) and math.isfinite(float(text)):
            return f"{text} (a number, without quotes)"
    return None


def too_large(value: object) -> InvalidInputError:
    return InvalidInputError(
        field="",
        value=value,
        problem=f"has more than {MAX_DIGITS} digits",
        allowed=f"a number of at most {MAX_DIGITS} digits",
    )


def _structure_int(value: object, _: object = None) -> int:
    if type(value) is int:
        if value.bit_length() > _MAX_BITS:
            raise too_large(value)
        return value
    if type(value) is float and value.is_integer():
        whole = int(value)
        if whole.bit_length() > _MAX_BITS:  # 1e300 is a whole number of 301 digits
            raise too_large(value)
        return whole
    raise wrong_kind(value, "a whole number", suggestion=_number_hint(value))


def _structure_float(value: object, _: object = None) -> float:
    if type(value) is float:
        if math.isfinite(value):
            return value
        raise InvalidInputError(
            field="", value=value, problem="is not a finite number", allowed="a finite number"
        )
    if type(value) is int:
        if value.bit_length() > _MAX_BITS:
            raise too_large(value)
        return float(value)  # at most 300 digits: well within a float's range
    raise wrong_kind(value, "a number", suggestion=_number_hint(value))


_MAX_BITS = int(MAX_DIGITS * math.log2(10))

scalar_hooks: dict[type, Hook] = {
    str: _structure_str,
    bool: _structure_bool,
    int: _structure_int,
    float: _structure_float,
}
"""The strict hooks for scalars: values taken as written, or refused."""


# --- dates -------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATE_ALLOWED = "a date written YYYY-MM-DD, such as 2024-03-12"
_LOOSE_DATE = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?:[T ].*)?")
_COMPACT_DATE = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")


def nearest_date(year: int, month: int, day: int) -> str | None:
    """The date of ``year``, ``month`` and ``day``, the day kept within its month, as ISO.

    Example:
        >>> nearest_date(2025, 2, 30), nearest_date(2025, 13, 1)
        ('2025-02-28', None)
    """
    if not 1 <= year <= datetime.MAXYEAR or not 1 <= month <= 12 or day < 1:
        return None
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day, last)).isoformat()


def date_hint(value: object) -> str | None:
    """The ISO date ``value`` most plausibly means (``2024/3/12``, ``20240312``), if any.

    Example:
        >>> date_hint("2024/3/12"), date_hint("12 March")
        ('2024-03-12', None)
    """
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    found = _LOOSE_DATE.fullmatch(text) or _COMPACT_DATE.fullmatch(text)
    return None if found is None else nearest_date(*map(int, found.groups()))


def _structure_date(value: object, _: object = None) -> datetime.date:
    """A date from ISO text (``2024-03-12``), or a date as TOML reads one; nothing else."""
    if type(value) is datetime.date:  # a TOML date (``date = 2024-03-12``) is one
        return value
    if type(value) is not str:
        raise wrong_kind(value, _DATE_ALLOWED, suggestion=date_hint(value))
    text = checked_text(value)
    problem = "is not a date written YYYY-MM-DD"
    if _ISO_DATE.fullmatch(text):
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            problem = "is not a day of the calendar"
    raise InvalidInputError(
        field="", value=text, problem=problem, allowed=_DATE_ALLOWED, suggestion=date_hint(text)
    )


def _unstructure_date(value: datetime.date) -> str:
    return value.isoformat()


# --- enums -------------------------------------------------------------------------------


@functools.cache
def _members(cls: type[enum.Enum]) -> dict[object, enum.Enum]:
    """``cls``'s members by value: how canonical data is read, by one dictionary lookup."""
    return {member.value: member for member in cls}


def _structure_enum(value: object, cl: type[enum.Enum]) -> enum.Enum:
    """A member of ``cl`` from its value, or from an alias its ``parse`` accepts."""
    if type(value) is str or type(value) is int or type(value) is float:
        member = _members(cl).get(value)
        if member is not None and type(member._value_) is type(value):
            return member
    parse: Callable[[str], enum.Enum] | None = getattr(cl, "parse", None)
    if type(value) is str and parse is not None:
        return parse(checked_text(value))
    raise InvalidInputError(
        field="",
        value=value,
        problem=f"is not a known {cl.__name__}",
        allowed=", ".join(str(member.value) for member in cl),
    )


# --- collections -------------------------------------------------------------------------

_SETS = (frozenset, set, Set)
_MAPPINGS = (dict, Mapping, FrozenMap)


def is_collection(cl: object) -> bool:
    """Whether ``cl`` is a set, a list or a tuple of one item type (``tuple[X, ...]``).

    Example:
        >>> is_collection(frozenset[int]), is_collection(tuple[int, str])
        (True, False)
    """
    origin = get_origin(cl)
    if origin is tuple:
        args = get_args(cl)
        return len(args) == 2 and args[1] is Ellipsis
    return origin in _SETS or origin in (list, Sequence)


def _collection_type(cl: object) -> Callable[[list[Any]], object]:
    """What a collection annotation is built as: frozenset, tuple or list."""
    origin = get_origin(cl)
    return frozenset if origin in _SETS else tuple if origin is tuple else list


def _collection_hook(cl: Any, converter: BaseConverter) -> Hook:  # noqa: ANN401 - any annotation
    """Lists in, frozensets, tuples or lists out; each item by its own hook."""
    item_type = get_args(cl)[0]
    items = list_structure_factory(list[item_type], converter)  # type: ignore[valid-type]
    item = converter.get_structure_hook(item_type)
    build = _collection_type(cl)
    # Text-valued members in their canonical form are read by lookup alone (no other
    # value equals their text).
    canonical = (
        _members(item_type)
        if isinstance(item_type, type) and issubclass(item_type, enum.StrEnum)
        else None
    )

    def structure(value: object, _: object = None) -> object:
        if type(value) is not list and type(value) is not tuple:
            raise wrong_kind(value, "a list")
        try:
            if canonical is not None:
                return build([canonical[entry] for entry in value])
            return build([item(entry, item_type) for entry in value])
        except Exception:  # an alias or a problem: cattrs' own loop reads the aliases
            return build(items(value, list))  # and collects every item's problem

    return structure


def _is_mapping(cl: object) -> bool:
    return get_origin(cl) in _MAPPINGS


def _mapping_hook(cl: Any, converter: BaseConverter) -> Hook:  # noqa: ANN401 - any annotation
    """JSON objects in; a ``FrozenMap`` out for ``Mapping`` fields (so objects stay hashable)."""
    key_type, value_type = get_args(cl)
    as_dict = mapping_structure_factory(
        dict[key_type, value_type],  # type: ignore[valid-type]
        converter,
        key_type=key_type,
        val_type=value_type,
    )
    frozen = get_origin(cl) is not dict

    def structure(value: object, _: object = None) -> object:
        if type(value) is not dict:
            raise wrong_kind(value, "an object")
        mapping = as_dict(value, dict)
        if len(mapping) < len(value):  # two keys name one (an alias and its value)
            raise _same_key(value, key_type, converter)
        return FrozenMap(mapping) if frozen else mapping

    return structure


def _same_key(
    value: dict[Any, Any],
    key_type: Any,  # noqa: ANN401 - any annotation
    converter: BaseConverter,
) -> InvalidInputError:
    """The problem of the second key of ``value`` that names the same key as an earlier one."""
    hook = converter.get_structure_hook(key_type)
    seen: dict[object, object] = {}
    for key in value:
        member = hook(key, key_type)
        if member in seen:
            return InvalidInputError(
                field=str(key),
                value=key,
                problem=f"names the same key as {seen[member]!r}",
                allowed="each key once",
            )
        seen[member] = key
    raise AssertionError  # pragma: no cover - only called when two keys are one


def _optional_hook(cl: Any, converter: BaseConverter) -> Hook:  # noqa: ANN401 - any annotation
    rest = tuple(arg for arg in get_args(cl) if arg is not type(None))
    inner_type: Any = rest[0] if len(rest) == 1 else typing.Union[rest]  # noqa: UP007
    inner = converter.get_structure_hook(inner_type)

    def structure(value: object, _: object = None) -> object:
        return None if value is None else inner(value, inner_type)

    return structure


def _record_or_member(cl: object) -> bool:
    """A union of one attrs class and one enum (a plan's organisation or the sponsor)."""
    if get_origin(cl) not in (typing.Union, types.UnionType):
        return False
    args = get_args(cl)
    return (
        len(args) == 2
        and sum(attrs.has(arg) for arg in args) == 1
        and sum(isinstance(arg, type) and issubclass(arg, enum.Enum) for arg in args) == 1
    )


def _record_or_member_hook(cl: Any, converter: BaseConverter) -> Hook:  # noqa: ANN401
    """Text is read as the enum's member, anything else as the attrs class."""
    args = get_args(cl)
    record = next(arg for arg in args if attrs.has(arg))
    member = next(arg for arg in args if arg is not record)
    as_record, as_member = (
        converter.get_structure_hook(record),
        converter.get_structure_hook(member),
    )

    def structure(value: object, _: object = None) -> object:
        if isinstance(value, str):
            return as_member(value, member)
        return as_record(value, record)

    return structure


# --- attrs classes -----------------------------------------------------------------------


def init_fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    """The fields of an attrs class that its constructor takes, with resolved types."""
    attrs.resolve_types(cls)
    return tuple(field for field in attrs.fields(cls) if field.init)


def attrs_hook(cls: type, converter: BaseConverter) -> Hook:
    """Cattrs' generated hook for ``cls``; a field that may hold ``None`` may be absent.

    What goes wrong is sorted out on the error path, by :func:`._problems.problems_of`:
    a value that is not an object, and the problems of every validator, not only the
    first the constructor raised.
    """
    generated: Hook = make_dict_structure_fn(cls, converter)
    absent_is_none = [
        field.name
        for field in init_fields(cls)
        if field.default is attrs.NOTHING and admits_none(field.type)
    ]
    if not absent_is_none:
        return generated

    def structure(value: object, _: object = None) -> object:
        if isinstance(value, dict):
            missing = [name for name in absent_is_none if name not in value]
            if missing:
                value = {**value, **dict.fromkeys(missing)}
        return generated(value, cls)

    return structure


# --- keys of earlier versions ------------------------------------------------------------

FORMER_KEYS: dict[type, dict[str, str]] = {
    SponsorProfile: {"modality": "modalities", "dosage_form": "dosage_forms"},
}
"""Keys of 0.1 that held one value, by class, with the set field that holds it now."""


def _former_keys_hook(cls: type, renamed: Mapping[str, str], converter: BaseConverter) -> Hook:
    """``cls``'s hook, reading each former one-value key as a one-member set of its field.

    A problem with the value of a former key is reported at that key, as the file has it;
    a record giving a former key and its field both is refused, naming the two.
    """
    generated = attrs_hook(cls, converter)
    item_types = {
        old: get_args(attrs.fields_dict(cls)[new].type)[0] for old, new in renamed.items()
    }

    def structure(value: object, _: object = None) -> object:
        if type(value) is not dict or value.keys().isdisjoint(renamed):
            return generated(value, cls)
        upgraded = {key: item for key, item in value.items() if key not in renamed}
        errors: list[Exception] = []
        for old, new in renamed.items():
            if old not in value:
                continue
            item_type = item_types[old]
            try:
                if new in value:
                    raise _both_keys(old, new, value[old])
                if type(value[old]) is list:
                    raise wrong_kind(
                        value[old], f"one value ({new} holds a list)", suggestion=f"{new}"
                    )
                if value[old] is not None:  # 0.1 read null as no value
                    member = converter.get_structure_hook(item_type)(value[old], item_type)
                    upgraded[new] = [converter.unstructure(member)]
            except Exception as error:  # reported at the key, with the record's other problems
                note = AttributeValidationNote(
                    f"Structuring class {cls.__name__} @ former key {old}", old, item_type
                )
                error.__notes__ = [*getattr(error, "__notes__", []), note]
                errors.append(error)
        try:
            built = generated(upgraded, cls)
        except ClassValidationError as error:
            if not errors:
                raise
            raise ClassValidationError(error.message, [*errors, *error.exceptions], cls) from None
        if errors:
            raise ClassValidationError(f"While structuring {cls.__name__}", errors, cls)
        return built

    return structure


def _both_keys(old: str, new: str, value: object) -> InvalidInputError:
    return InvalidInputError(
        field="",
        value=value,
        problem=f"is given as well as {new!r}",
        allowed=f"{new} (a list), or {old} (one value, as files written for 0.1 have it), not both",
    )


# --- unstructuring -----------------------------------------------------------------------


def _sorted(values: Set[Any]) -> list[Any]:
    try:
        return sorted(values)
    except TypeError:
        return sorted(values, key=lambda value: (type(value).__name__, repr(value)))


def _set_unstructure(cl: Any, converter: BaseConverter) -> Callable[[Set[Any]], list[Any]]:  # noqa: ANN401
    """Sets as sorted lists; enum members in the order their enum declares them."""
    item_type = get_args(cl)[0] if get_args(cl) else Any
    if isinstance(item_type, type) and issubclass(item_type, enum.Enum):
        position = {member: index for index, member in enumerate(item_type)}.__getitem__
        value_at = [member.value for member in item_type]
        return lambda values: [value_at[index] for index in sorted(map(position, values))]
    item = converter.get_unstructure_hook(item_type)
    return lambda values: [item(value) for value in _sorted(values)]


def _is_set(cl: object) -> bool:
    return get_origin(cl) in _SETS or cl in (frozenset, set)


def _is_fixed_tuple(cl: object) -> bool:
    return get_origin(cl) is tuple and not is_collection(cl)


def _fixed_tuple_unstructure(cl: Any, converter: BaseConverter) -> Callable[[Any], list[Any]]:  # noqa: ANN401
    """A tuple of fixed length (``tuple[Phase, Framework]``) as a list: JSON has no tuples."""
    hooks = [converter.get_unstructure_hook(arg) for arg in get_args(cl)]
    return lambda value: [hook(item) for hook, item in zip(hooks, value, strict=True)]


def _mapping_unstructure(
    cl: Any,  # noqa: ANN401 - any annotation
    converter: BaseConverter,
) -> Callable[[Mapping[Any, Any]], dict[Any, Any]]:
    key_type, value_type = get_args(cl) or (Any, Any)
    key_hook = converter.get_unstructure_hook(key_type)
    value_hook = converter.get_unstructure_hook(value_type)

    def unstructure(mapping: Mapping[Any, Any]) -> dict[Any, Any]:
        keys = mapping.keys()
        ordered = in_declared_order(keys) if isinstance(key_type, enum.EnumMeta) else _sorted(keys)
        return {key_hook(key): value_hook(mapping[key]) for key in ordered}

    return unstructure


def _attrs_unstructure(cls: type, converter: BaseConverter) -> Callable[[Any], dict[str, Any]]:
    """Cattrs' generated unstructuring for ``cls``; fields holding ``None`` are left out."""
    generated: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(cls, converter)
    nullable = [field.name for field in attrs.fields(cls) if admits_none(field.type)]
    if not nullable:
        return generated

    def unstructure(value: object) -> dict[str, Any]:
        data = generated(value)
        for name in nullable:
            if data[name] is None:
                del data[name]
        return data

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
        except Exception as error:  # whatever cattrs or a hook raised: our error
            raise InvalidDataError(problems_of(error, obj, cl, self)) from None

    def unstructure(self, obj: Any, unstructure_as: Any = None) -> Any:  # noqa: ANN401
        """Plain, JSON-ready data for ``obj`` (of the type ``unstructure_as``, if given).

        Raises:
            InvalidInputError: ``obj`` is not a value the converter can write.

        Example:
            >>> from pharma_outsourcing import Phase, converter
            >>> converter.unstructure({Phase.PHASE_2, Phase.DISCOVERY})
            ['discovery', 'phase-2']
        """
        try:
            return super().unstructure(obj, unstructure_as)
        except Exception:  # anything cattrs cannot write: our error
            raise InvalidInputError(
                field="(top level)",
                value=obj,
                problem="cannot be written as plain data",
                allowed="a value object of the library, or plain data",
            ) from None

    def dumps(self, obj: Any, unstructure_as: Any = None, **kwargs: Any) -> str:  # noqa: ANN401
        """Write ``obj`` as standard JSON text (never ``NaN`` or ``Infinity``).

        Raises:
            InvalidInputError: ``obj`` holds a number that is not finite, or a value the
                converter cannot write.

        Example:
            >>> from pharma_outsourcing import Phase, converter
            >>> converter.dumps([Phase.PHASE_1])
            '["phase-1"]'
        """
        data = self.unstructure(obj, unstructure_as)
        try:
            return json.dumps(data, allow_nan=False, **kwargs)
        except ValueError:
            raise InvalidInputError(
                field="(top level)",
                value=obj,
                problem="holds a number that is not finite, which JSON cannot hold",
                allowed="finite numbers only",
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


def _is_attrs(cl: object) -> bool:
    return isinstance(cl, type) and attrs.has(cl)


def _enum_value(member: enum.Enum) -> object:
    return member.value


def _make_converter() -> Converter:
    made = Converter(forbid_extra_keys=True, detailed_validation=True)
    configure_converter(made)
    # Scalars and enums by class (cattrs' singledispatch, consulted first): a hook for
    # ``str`` alone would also catch every StrEnum, so the enum hook is registered on
    # the enum bases too, which come before ``str`` in a StrEnum's MRO.
    for scalar, scalar_hook in scalar_hooks.items():
        made.register_structure_hook(scalar, scalar_hook)
    for base in (enum.Enum, enum.StrEnum, enum.IntEnum):
        made.register_structure_hook(base, _structure_enum)
        made.register_unstructure_hook(base, _enum_value)
    made.register_structure_hook(datetime.date, _structure_date)
    made.register_unstructure_hook(datetime.date, _unstructure_date)
    # The rest by predicate; later registrations take precedence.
    made.register_structure_hook_factory(is_collection, _collection_hook)
    made.register_structure_hook_factory(_is_mapping, _mapping_hook)
    made.register_structure_hook_factory(admits_none, _optional_hook)
    made.register_structure_hook_factory(_record_or_member, _record_or_member_hook)
    made.register_structure_hook_factory(_is_attrs, attrs_hook)
    made.register_unstructure_hook_factory(_is_set, _set_unstructure)
    made.register_unstructure_hook_factory(_is_mapping, _mapping_unstructure)
    made.register_unstructure_hook_factory(_is_fixed_tuple, _fixed_tuple_unstructure)
    made.register_unstructure_hook_factory(_is_attrs, _attrs_unstructure)
    # Last: these hooks are generated from the ones above.
    for cls, renamed in FORMER_KEYS.items():
        made.register_structure_hook(cls, _former_keys_hook(cls, renamed, made))
    return made


converter = _make_converter()
"""The library's converter: every value object to plain data and back.

Example:
    >>> from pharma_outsourcing import Phase, SponsorProfile, converter
    >>> data = converter.unstructure(SponsorProfile(phase=Phase.PHASE_1))
    >>> data["phase"], data["modalities"], data["target_markets"]
    ('phase-1', [], [])
    >>> converter.structure(data, SponsorProfile) == SponsorProfile(phase=Phase.PHASE_1)
    True
"""
