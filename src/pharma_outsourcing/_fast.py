"""The fast path for loading and writing many records at once, with msgspec.

Loading: msgspec decodes a file's records (JSON text, or the dictionaries read from TOML
and CSV) into private ``msgspec.Struct`` types derived from the attrs classes, refusing
unknown keys and checking every scalar strictly in compiled code: the type (``"3"`` is
not a number, ``true`` is not a number, ``"false"`` is not a boolean), enum values and
ranges. What a decoder checks is recorded beside each validator
(``_validation.checked_by``); the value objects are then built as their attrs
``__init__`` would build them (defaults, converters, in field order), and every validator
a decoder cannot stand in for (such as a partner's services lying within its type's
catalogue) is called as attrs calls it.

The fast path takes the data as written in canonical form. Anything it does not take (a
problem, or an alias such as ``"Phase II"`` that the careful path reads) gives ``None``,
and the caller structures the data through :mod:`pharma_outsourcing._converter`, which
reads aliases and reports every problem with its file, record and field. The fast path
therefore never changes what a file loads as, nor any message.

Writing: a straight-line function generated per class writes an object's JSON text
with json's own string escaping and number forms, in the converter's key order, sets
sorted as the converter sorts them and ``None`` left out: the output is the converter's
through :func:`json.dumps`, byte for byte, without the dictionaries in between. (msgspec's
encoder would be as fast, but writes some floats differently, such as ``1e16``.)

msgspec is imported when the fast loader is first used, not with the library.
"""

from __future__ import annotations

import enum
import functools
import itertools
import json
import typing
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, get_args, get_origin

import attrs

from ._converter import FACTORY, admits_none, member_rank
from ._validation import decoder_check, kept_kind, validator_parts

if TYPE_CHECKING:
    import msgspec

__all__ = ["dumps_json", "load_json", "load_records"]

Build = Callable[[Any], Any]
Constraints = tuple[tuple[str, object], ...]
ConstraintsNow = Callable[[], Constraints]
Checks = tuple[tuple[object, Constraints], ...]

_SCALARS = (str, int, float, bool)
_names = itertools.count()  # for the loop variables of generated code


class _Plan(NamedTuple):
    """How values of one type are decoded (``annotation``) and then built (``build``)."""

    annotation: object
    build: Build | None  # None: the decoded value is the field's value as it is


@functools.cache
def _recorded_checks(cls: type) -> tuple[tuple[object, ConstraintsNow], ...]:
    """The recorded decoder checks of ``cls``'s fields and of the classes they hold."""
    found: dict[object, ConstraintsNow] = {}
    seen: set[object] = set()

    def visit(field_type: object) -> None:
        if field_type in seen:
            return
        seen.add(field_type)
        if isinstance(field_type, type) and attrs.has(field_type):
            attrs.resolve_types(field_type)
            for field in attrs.fields(field_type):
                for validator in validator_parts(field.validator):
                    recorded = decoder_check(validator)
                    if recorded is not None:
                        found[validator] = recorded[1]
                visit(field.type)
        for arg in get_args(field_type):
            visit(arg)

    visit(cls)
    return tuple(found.items())


def _now(cls: type) -> Checks:
    """The decoder checks of ``cls`` with their constraints as of now (the year moves on)."""
    return tuple((validator, constraints()) for validator, constraints in _recorded_checks(cls))


def _plan(field_type: Any, constraints: Constraints, checks: Checks) -> _Plan | None:  # noqa: ANN401, PLR0911 - any annotation
    """The plan for a field of ``field_type``; ``None`` when the fast path cannot take it."""
    import msgspec  # noqa: PLC0415 - imported on first use, not with the library

    if field_type in _SCALARS:
        if constraints:
            meta = msgspec.Meta(**dict(constraints))  # type: ignore[call-overload]
            return _Plan(typing.Annotated[field_type, meta], None)
        return _Plan(field_type, None)
    if constraints:
        if not admits_none(field_type):
            return None
    elif _is_enum(field_type):
        return _Plan(field_type, None)
    elif isinstance(field_type, type) and attrs.has(field_type):
        compiled = _compile(field_type, checks)
        return None if compiled is None else _Plan(compiled[0], compiled[1])
    origin = get_origin(field_type)
    args = get_args(field_type)
    if admits_none(field_type):
        rest = [arg for arg in args if arg is not type(None)]
        inner = _plan(rest[0], constraints, checks) if len(rest) == 1 else None
        if inner is None or inner.build is not None:
            return None
        return _Plan(inner.annotation | None, None)  # type: ignore[operator]
    inner = _plan(args[0], (), checks) if args else None
    if origin is frozenset and inner is not None and inner.build is None:
        return _Plan(frozenset[inner.annotation], None)  # type: ignore[name-defined]
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis and inner is not None:
        item = inner.build
        if item is None:
            return _Plan(tuple[inner.annotation, ...], None)  # type: ignore[name-defined]
        return _Plan(tuple[inner.annotation, ...], lambda values: tuple([item(v) for v in values]))  # type: ignore[name-defined]
    return None


def _builds_like_attrs(cls: type) -> bool:
    """Whether ``cls``'s ``__init__`` does only what :func:`_compile` reproduces."""
    slots = {name for base in cls.__mro__ for name in base.__dict__.get("__slots__", ())}
    names = {field.name for field in attrs.fields(cls)}
    return (
        "__slots__" in cls.__dict__
        and slots - {"__weakref__"} == names
        and not hasattr(cls, "__attrs_pre_init__")
        and not hasattr(cls, "__attrs_post_init__")
        and all(
            field.init
            and field.alias == field.name
            and not field.name.startswith("_")
            and not isinstance(field.converter, attrs.Converter)
            for field in attrs.fields(cls)
        )
    )


def _slot(cls: type, name: str) -> Callable[[object, object], None]:
    """The setter of ``cls``'s slot ``name`` (what a frozen class's ``__init__`` uses)."""
    for base in cls.__mro__:  # pragma: no branch - _builds_like_attrs found the slot
        if name in base.__dict__:  # pragma: no branch
            setter: Callable[[object, object], None] = base.__dict__[name].__set__
            return setter
    raise AssertionError(name)  # pragma: no cover


def _field_lines(index: int, field: attrs.Attribute[Any], plan: _Plan) -> list[str]:
    """The lines setting ``field`` from the decoded ``s`` (names as in :func:`_compile`)."""
    built = f"b{index}(v)" if plan.build is not None else "v"
    converter = field.converter is not None
    # What was decoded is of the kind a kept converter returns unchanged.
    skip = converter and kept_kind(field.converter) is get_origin(field.type) is not None
    if field.default is attrs.NOTHING:
        value = f"s.{field.name}"
        if plan.build is not None:
            value = f"b{index}({value})"
        if converter:
            value = f"c{index}({value})"
        return [f"    p{index}(o, {value})"]
    if isinstance(field.default, FACTORY):
        default = f"d{index}({'o' if field.default.takes_self else ''})"
    else:
        default = f"d{index}"
    if converter:
        default = f"c{index}({default})"
        if not skip:
            built = f"c{index}({built})"
    return [
        f"    v = s.{field.name}",
        f"    p{index}(o, {default} if v is UNSET else {built})",
    ]


@functools.cache
def _compile(cls: type, checks: Checks) -> tuple[type, Build] | None:
    """A Struct type for ``cls``'s records and a function building ``cls`` from one.

    The function does what attrs' ``__init__`` does: each field in order, its value or
    default, through its converter; then each validator the decoder does not stand in for.
    """
    import msgspec  # noqa: PLC0415 - imported on first use, not with the library

    attrs.resolve_types(cls)
    if not _builds_like_attrs(cls):
        return None
    now = dict(checks)
    namespace: dict[str, Any] = {"cls": cls, "new": object.__new__, "UNSET": msgspec.UNSET}
    struct_fields: list[tuple[str, object] | tuple[str, object, object]] = []
    lines = ["def build(s):", "    o = new(cls)"]
    calls: list[str] = []
    for index, field in enumerate(attrs.fields(cls)):
        constraints: Constraints = ()
        for part, validator in enumerate(validator_parts(field.validator)):
            recorded = decoder_check(validator)
            checked = now.get(validator) if recorded and recorded[0] == field.type else None
            if checked is not None and not {key for key, _ in checked} & dict(constraints).keys():
                constraints += checked
            else:  # called as attrs calls it
                namespace[f"k{index}_{part}"] = validator
                namespace[f"a{index}"] = field
                calls.append(f"    k{index}_{part}(o, a{index}, o.{field.name})")
        plan = _plan(field.type, constraints, checks)
        if plan is None:
            return None
        namespace[f"b{index}"] = plan.build
        namespace[f"c{index}"] = field.converter
        namespace[f"p{index}"] = _slot(cls, field.name)
        default: object = field.default
        namespace[f"d{index}"] = default.factory if isinstance(default, FACTORY) else default
        if default is not attrs.NOTHING:
            optional = plan.annotation | msgspec.UnsetType
            struct_fields.append((field.name, optional, msgspec.UNSET))
        elif admits_none(field.type):
            struct_fields.append((field.name, plan.annotation, None))
        else:
            struct_fields.append((field.name, plan.annotation))
        lines.extend(_field_lines(index, field, plan))
    lines.extend([*calls, "    return o"])
    exec("\n".join(lines), namespace)
    struct = msgspec.defstruct(
        f"_{cls.__name__}Record",
        struct_fields,
        kw_only=True,
        forbid_unknown_fields=True,
        gc=False,
    )
    build: Build = namespace["build"]
    return struct, build


@functools.cache
def _decoder(cls: type, key: str, checks: Checks) -> tuple[msgspec.json.Decoder[Any], Build] | None:
    """A JSON decoder of a list of ``cls`` records, bare or under ``key``."""
    import msgspec  # noqa: PLC0415 - imported on first use, not with the library

    compiled = _compile(cls, checks)
    if compiled is None:
        return None
    struct, build = compiled
    records = list[struct]  # type: ignore[valid-type]
    document = msgspec.defstruct(
        f"_{cls.__name__}Document", [(key, records)], forbid_unknown_fields=True
    )
    return msgspec.json.Decoder(records | document), build


def load_json(cls: type, key: str, text: str) -> list[Any] | None:
    """The ``cls`` objects in JSON ``text`` (a list, or an object with just ``key``).

    ``None`` when the fast path does not take the text; the careful path then reads it.
    """
    try:
        decoder = _decoder(cls, key, _now(cls))
        if decoder is None:
            return None
        decode, build = decoder
        decoded = decode.decode(text)
        if not isinstance(decoded, list):
            decoded = getattr(decoded, key)
        return [build(record) for record in decoded]
    except Exception:  # any problem: the careful path reports it in full
        return None


def load_records(cls: type, records: Sequence[object]) -> list[Any] | None:
    """The ``cls`` objects for plain ``records`` (as read from TOML or CSV), or ``None``."""
    import msgspec  # noqa: PLC0415 - imported on first use, not with the library

    try:
        compiled = _compile(cls, _now(cls))
        if compiled is None:
            return None
        struct, build = compiled
        decoded = msgspec.convert(records, list[struct], strict=True)  # type: ignore[valid-type]
        return [build(record) for record in decoded]
    except Exception:  # any problem: the careful path reports it in full
        return None


# --- writing -------------------------------------------------------------------------------

_text: Callable[[str], str] = json.encoder.encode_basestring


def _float_text(value: float) -> str:
    """A float as :func:`json.dumps` writes it (its ``repr``; NaN and infinities aside)."""
    return float.__repr__(value) if value - value == 0 else json.dumps(value)


def _members_text(
    enum_type: type[enum.Enum],
) -> tuple[Callable[[frozenset[Any]], str], dict[frozenset[Any], str]]:
    """A writer of sets of members as JSON lists, and the texts it has written.

    Members come in the order the enum declares them, as the converter writes them; the
    texts written are looked up first, as the same set is written often.
    """
    rank = member_rank(enum_type)
    texts = {member: json.dumps(member.value, ensure_ascii=False) for member in enum_type}
    cache: dict[frozenset[Any], str] = {}

    def write(values: frozenset[Any]) -> str:  # called when ``values`` is not in the cache
        if len(cache) >= 4096:  # keep the cache small
            cache.clear()
        text = "[" + ", ".join([texts[member] for member in sorted(values, key=rank)]) + "]"
        cache[values] = text
        return text

    return write, cache


def _expression(field_type: Any, value: str, namespace: dict[str, Any]) -> str | None:  # noqa: ANN401, PLR0911 - any annotation
    """Python code writing ``value`` (code too) of ``field_type`` as JSON text.

    The text is what the converter and :func:`json.dumps` write; ``None`` for a type this
    cannot write. Helpers the code calls are put in ``namespace``.
    """
    name = f"x{len(namespace)}"
    if field_type is str:
        namespace[name] = _text
    elif field_type is bool:
        return f'("true" if {value} else "false")'
    elif field_type is int:
        namespace[name] = int.__repr__
    elif field_type is float:
        namespace[name] = _float_text
    elif _is_enum(field_type):
        namespace[name] = {m: json.dumps(m.value, ensure_ascii=False) for m in field_type}
        return f"{name}[{value}]"
    elif isinstance(field_type, type) and attrs.has(field_type):
        writer = _writer(field_type)
        if writer is None:
            return None
        namespace[name] = writer
    elif get_origin(field_type) is frozenset and _is_enum(get_args(field_type)[0]):
        write, written = _members_text(get_args(field_type)[0])
        namespace[name] = write
        namespace[f"{name}c"] = written
        return f"({name}c.get({value}) or {name}({value}))"
    elif get_origin(field_type) in (tuple, list) and get_args(field_type):
        loop = f"item{next(_names)}"
        item = _expression(get_args(field_type)[0], loop, namespace)
        if item is None:
            return None
        return f'("[" + ", ".join([{item} for {loop} in {value}]) + "]")'
    else:
        return None
    return f"{name}({value})"


def _is_enum(field_type: object) -> bool:
    return isinstance(field_type, type) and issubclass(field_type, enum.Enum)


@functools.cache
def _writer(cls: type) -> Build | None:
    """A straight-line function writing a ``cls`` as a JSON object; ``None`` is left out.

    The keys come in the converter's order: the fields that cannot hold ``None``, then
    those that can (see ``_converter._attrs_unstructure``).
    """
    attrs.resolve_types(cls)
    namespace: dict[str, Any] = {}
    always: list[str] = []
    maybe: list[str] = []
    for field in attrs.fields(cls):
        field_type = field.type
        optional = admits_none(field_type)
        if optional:
            rest = [arg for arg in get_args(field_type) if arg is not type(None)]
            field_type = rest[0] if len(rest) == 1 else None
        text = _expression(field_type, "value" if optional else f"obj.{field.name}", namespace)
        if text is None:
            return None
        key = json.dumps(field.name, ensure_ascii=False)
        if optional:
            maybe.append(
                f"    value = obj.{field.name}\n"
                f"    if value is not None:\n"
                f"        tail += f', {key}: {{{text}}}'"
            )
        else:
            always.append(f"{key}: {{{text}}}")
    lines = ["def write(obj):", "    tail = ''", *maybe]
    lines.append(f"    return f'{{{{{', '.join(always)}{{tail}}}}}}'")
    exec("\n".join(lines), namespace)
    write: Build = namespace["write"]
    return write


def dumps_json(cls: type, objects: Iterable[Any]) -> str | None:
    """``objects`` as a JSON list, one record a line, as the converter and json write them.

    ``None`` when the fast path cannot write a ``cls``.
    """
    write = _writer(cls)
    if write is None:
        return None
    lines = [write(obj) for obj in objects]
    if not lines:
        return "[]\n"
    lines[0] = "[\n" + lines[0]
    lines[-1] += "\n]\n"
    return ",\n".join(lines)  # one copy of the text, not three
