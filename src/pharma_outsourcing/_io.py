"""Reading and writing sponsor profiles and partner lists: TOML, JSON and CSV files.

The format follows the file's suffix. Files are read as UTF-8, with or without a byte
order mark. Every value goes through :data:`~pharma_outsourcing.converter`, so a file is
held to the same strict checks as data given to the converter; CSV cells, being text,
are first read by their field's type. Every problem of a file is reported at once, in
one :class:`~pharma_outsourcing.InvalidDataError` naming the file, the record, the
field, the value given, what is allowed and the nearest valid value. A missing or
unreadable file raises :class:`OSError`, as Python's own file functions do.
"""

from __future__ import annotations

import enum
import gc
import io
import json
import re
import types
import typing
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import attrs

from ._converter import Problems, converter, format_path, relocate, structure_hook, to_error
from ._errors import InvalidDataError, InvalidInputError, MissingFieldError, nearest
from ._partners import Partner
from ._profile import SponsorProfile

__all__ = [
    "Format",
    "dump_partners",
    "dump_profile",
    "dumps_partners",
    "dumps_profile",
    "load_partners",
    "load_profile",
    "loads_partners",
    "loads_profile",
]

Format = Literal["json", "toml", "csv"]
"""A file format: ``"json"``, ``"toml"`` or ``"csv"`` (CSV for partner lists only)."""

_PROFILE_FORMATS: tuple[Format, ...] = ("toml", "json")
_PARTNER_FORMATS: tuple[Format, ...] = ("json", "toml", "csv")


# --- formats and text --------------------------------------------------------------------


def _format_of(path: Path, formats: Sequence[Format]) -> Format:
    suffix = path.suffix.lower()
    for candidate in formats:
        if suffix == f".{candidate}":
            return candidate
    allowed = [f".{candidate}" for candidate in formats]
    raise InvalidDataError(
        [
            InvalidInputError(
                field="file suffix",
                value=path.suffix or "(none)",
                problem="is not a format this file can be read or written in",
                allowed=", ".join(allowed),
                suggestion=nearest(suffix, allowed) if suffix else None,
            )
        ],
        file=str(path),
    )


def _check_format(fmt: str, formats: Sequence[Format]) -> None:
    if fmt not in formats:
        raise InvalidDataError(
            [
                InvalidInputError(
                    field="format",
                    value=fmt,
                    problem="is not a supported format",
                    allowed=", ".join(formats),
                    suggestion=nearest(fmt, formats),
                )
            ]
        )


def _decode(data: bytes, file: str | None) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidDataError(
            [
                InvalidInputError(
                    field="(file)",
                    value=data[error.start : error.start + 8],
                    problem=f"is not UTF-8 text (byte {error.start})",
                    allowed="a file saved as UTF-8",
                )
            ],
            file=file,
        ) from None


def _malformed(fmt: Format, detail: str, file: str | None) -> InvalidDataError:
    return InvalidDataError(
        [
            InvalidInputError(
                field="(file)",
                value=fmt.upper(),
                problem=f"is not well-formed: {detail}",
                allowed=f"a valid {fmt.upper()} document",
            )
        ],
        file=file,
    )


def _parse_document(text: str, fmt: Format, file: str | None) -> object:
    """Parse JSON or TOML text into plain data."""
    if not text.strip():
        raise InvalidDataError(
            [
                InvalidInputError(
                    field="(file)", value="", problem="is empty", allowed="at least one record"
                )
            ],
            file=file,
        )
    try:
        if fmt == "json":
            return json.loads(text)
        import tomllib  # noqa: PLC0415 - imported when a TOML file is read

        return tomllib.loads(text)
    except ValueError as error:  # JSONDecodeError, TOMLDecodeError, and too-deep nesting
        raise _malformed(fmt, str(error), file) from None
    except RecursionError:
        raise _malformed(fmt, "nested too deeply", file) from None


@contextmanager
def _bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while many small objects are made.

    The objects built while loading hold no reference cycles, and the collector's passes
    over a growing heap take most of a bulk load's time; it runs again on leaving.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --- profiles ------------------------------------------------------------------------------


def _profile_from(data: object, file: str | None) -> SponsorProfile:
    try:
        profile: SponsorProfile = structure_hook(SponsorProfile)(data)
    except Problems as found:
        raise to_error(found, file=file) from None
    return profile


def loads_profile(text: str | bytes, format: Format = "toml") -> SponsorProfile:
    """Read a :class:`SponsorProfile` from TOML or JSON text.

    Raises:
        InvalidDataError: The text is not well-formed, or a field is wrong; every problem
            is listed.

    Example:
        >>> loads_profile('phase = "Phase II"').phase
        <Phase.PHASE_2: 'phase-2'>
    """
    _check_format(format, _PROFILE_FORMATS)
    decoded = _decode(text, None) if isinstance(text, bytes) else text.removeprefix("\ufeff")
    return _profile_from(_parse_document(decoded, format, None), None)


def load_profile(path: str | Path) -> SponsorProfile:
    """Read a :class:`SponsorProfile` from a TOML or JSON file (by its suffix).

    Raises:
        InvalidDataError: The suffix is unknown, the file is not valid TOML or JSON, or
            fields are wrong; every problem is listed, each naming the file and field.
        OSError: The file cannot be read.

    Example:
        >>> profile = load_profile("examples/phase1-biotech.toml")
        >>> profile.phase.value
        'phase-1'
    """
    path = Path(path)
    fmt = _format_of(path, _PROFILE_FORMATS)
    file = str(path)
    text = _decode(path.read_bytes(), file)
    return _profile_from(_parse_document(text, fmt, file), file)


def dumps_profile(profile: SponsorProfile, format: Format = "toml") -> str:
    """Write a :class:`SponsorProfile` as TOML or JSON text.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile
        >>> print(dumps_profile(SponsorProfile(phase=Phase.PHASE_1, name="Demo")), end="")
        phase = "phase-1"
        in_house = []
        horizon = "commercial"
        target_markets = []
        name = "Demo"
    """
    _check_format(format, _PROFILE_FORMATS)
    data = converter.unstructure(profile)
    if format == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return "".join(f"{_toml_key(key)} = {_toml_value(value)}\n" for key, value in data.items())


def dump_profile(profile: SponsorProfile, path: str | Path) -> None:
    """Write a :class:`SponsorProfile` to a TOML or JSON file (by its suffix), as UTF-8.

    Example:
        >>> import pathlib, tempfile
        >>> from pharma_outsourcing import Phase, SponsorProfile
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "profile.json"
        >>> dump_profile(SponsorProfile(phase=Phase.PHASE_2), target)
        >>> load_profile(target).phase
        <Phase.PHASE_2: 'phase-2'>
    """
    path = Path(path)
    path.write_text(dumps_profile(profile, _format_of(path, _PROFILE_FORMATS)), encoding="utf-8")


# --- partners ------------------------------------------------------------------------------


def _records(data: object, file: str | None) -> list[Any]:
    """The list of partner records in a parsed JSON or TOML document."""
    if isinstance(data, dict) and set(data) == {"partners"}:
        data = data["partners"]
    if isinstance(data, list):
        return data
    raise InvalidDataError(
        [
            InvalidInputError(
                field="(top level)",
                value=type(data).__name__,
                problem="is not a list of partners",
                allowed="a list of partner records (JSON), or [[partners]] tables (TOML)",
            )
        ],
        file=file,
    )


def _label(index: int, record: object, line: int | None = None) -> str:
    """``record 3 ('Acme CRO', line 4): ``: which record a problem is in."""
    details = []
    if isinstance(record, Mapping) and isinstance(record.get("name"), str):
        details.append(repr(record["name"]))
    if line is not None:
        details.append(f"line {line}")
    return f"record {index}" + (f" ({', '.join(details)})" if details else "") + ": "


def _partners_from(
    records: Sequence[object], file: str | None, lines: Sequence[int] | None = None
) -> tuple[Partner, ...]:
    hook = structure_hook(Partner)
    partners: list[Partner] = []
    problems: list[InvalidInputError] = []
    for index, record in enumerate(records):
        try:
            partners.append(hook(record))
        except Problems as found:
            prefix = _label(index + 1, record, None if lines is None else lines[index])
            problems.extend(
                relocate(error, prefix + format_path(path)) for path, error in found.problems
            )
    if problems:
        raise InvalidDataError(problems, file=file)
    return tuple(partners)


def _partners_in(text: str, fmt: Format, file: str | None) -> tuple[Partner, ...]:
    with _bulk():
        lines = None
        if fmt == "csv":
            records, lines = _csv_records(text, file)
        else:
            records = _records(_parse_document(text, fmt, file), file)
        return _partners_from(records, file, lines)


def loads_partners(text: str | bytes, format: Format = "json") -> tuple[Partner, ...]:
    """Read partners from JSON, TOML or CSV text.

    Raises:
        InvalidDataError: The text is not well-formed, or records are wrong; every
            problem of every record is listed.

    Example:
        >>> [p.name for p in loads_partners('[{"name": "A", "organisation_type": "CRO"}]')]
        ['A']
    """
    _check_format(format, _PARTNER_FORMATS)
    decoded = _decode(text, None) if isinstance(text, bytes) else text.removeprefix("\ufeff")
    return _partners_in(decoded, format, None)


def load_partners(path: str | Path) -> tuple[Partner, ...]:
    """Read candidate partners from a JSON, TOML or CSV file (by its suffix).

    JSON holds a list of records; TOML holds ``[[partners]]`` tables; CSV has a header
    row naming the fields, ``;`` between the values of a multi-valued cell (``-`` for
    none, where an empty cell would mean the default), inspections
    and submissions as ``regulator:year:outcome`` items, ``true``/``false`` or
    ``yes``/``no`` for booleans, and an empty cell for a field's default.

    Raises:
        InvalidDataError: The suffix is unknown, the file is malformed or records are
            wrong; every problem is listed, each naming the file, the record (its number
            from 1 and its name), the field and the value.
        OSError: The file cannot be read.

    Example:
        >>> partners = load_partners("examples/partners.csv")
        >>> partners == load_partners("examples/partners.json")
        True
    """
    path = Path(path)
    fmt = _format_of(path, _PARTNER_FORMATS)
    file = str(path)
    return _partners_in(_decode(path.read_bytes(), file), fmt, file)


def dumps_partners(partners: Iterable[Partner], format: Format = "json") -> str:
    """Write partners as JSON, TOML or CSV text, in the order given.

    Example:
        >>> from pharma_outsourcing import OrganisationType, Partner
        >>> cro = Partner(name="A", organisation_type=OrganisationType.CRO, phases=[])
        >>> print(dumps_partners([cro], "csv").splitlines()[1][:30])
        A,cro,discovery-research;precl
    """
    _check_format(format, _PARTNER_FORMATS)
    unstructure = converter.get_unstructure_hook(Partner)
    with _bulk():
        records = [unstructure(partner) for partner in partners]
    if format == "json":
        # One record a line: readable, diff-friendly, and written by json's C encoder
        # (an indented dump goes through its pure-Python encoder, ten times slower).
        if not records:
            return "[]\n"
        encode = json.JSONEncoder(ensure_ascii=False).encode
        return "[\n" + ",\n".join(encode(record) for record in records) + "\n]\n"
    if format == "toml":
        if not records:
            return "partners = []\n"
        return "\n".join(
            "[[partners]]\n"
            + "".join(f"{_toml_key(key)} = {_toml_value(value)}\n" for key, value in record.items())
            for record in records
        )
    return _csv_text(records)


def dump_partners(partners: Iterable[Partner], path: str | Path) -> None:
    """Write partners to a JSON, TOML or CSV file (by its suffix), as UTF-8.

    Example:
        >>> import pathlib, tempfile
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "partners.toml"
        >>> dump_partners(load_partners("examples/partners.json"), target)
        >>> load_partners(target) == load_partners("examples/partners.json")
        True
    """
    path = Path(path)
    text = dumps_partners(partners, _format_of(path, _PARTNER_FORMATS))
    path.write_text(text, encoding="utf-8", newline="")


# --- CSV -----------------------------------------------------------------------------------

_TEXT = (str, str | None)
_TRUE = frozenset({"true", "yes"})
_FALSE = frozenset({"false", "no"})
_INTEGER = re.compile(r"[+-]?\d+")
_NONE = "-"  # a collection cell holding "-" is empty, not the field's default


def _empty_needs_marker(field: attrs.Attribute[Any]) -> bool:
    """Whether an empty collection differs from what an empty cell reads as."""
    default: object = field.default
    if getattr(default, "takes_self", False):
        return True
    factory = getattr(default, "factory", None)
    if callable(factory):
        return bool(factory())
    return default is attrs.NOTHING or bool(default)


def _init_fields(cls: type) -> list[attrs.Attribute[Any]]:
    attrs.resolve_types(cls)
    return [field for field in attrs.fields(cls) if field.init]


def _from_cell(field_type: Any, text: str) -> object:  # noqa: ANN401, PLR0911 - any annotation
    """Read a CSV cell (already stripped, not empty) as plain data of ``field_type``.

    What cannot be read is returned as the text, for the converter to refuse with its
    usual message.
    """
    origin = get_origin(field_type)
    args = get_args(field_type)
    if origin in (typing.Union, types.UnionType):
        rest = [arg for arg in args if arg is not type(None)]
        return _from_cell(rest[0], text) if len(rest) == 1 else text
    if field_type is bool:
        folded = text.casefold()
        return True if folded in _TRUE else False if folded in _FALSE else text
    if field_type is int:
        return int(text) if _INTEGER.fullmatch(text) else text
    if field_type is float:
        try:
            return float(text)
        except ValueError:
            return text
    if origin in (frozenset, set, Set, tuple, list, Sequence):
        if text == _NONE:
            return []
        return [_from_cell(args[0], part.strip()) for part in text.split(";") if part.strip()]
    if isinstance(field_type, type) and attrs.has(field_type):
        return _from_item(field_type, text)
    return text


def _from_item(cls: type, text: str) -> object:
    """``fda:2021:nai`` -> ``{"regulator": "fda", "year": 2021, "outcome": "nai"}``."""
    fields = _init_fields(cls)
    parts = [part.strip() for part in text.split(":")]
    if len(parts) > len(fields):
        return text  # refused by the converter: text where an object is expected
    return {
        field.name: _from_cell(field.type, part)
        for field, part in zip(fields, parts, strict=False)
        if part
    }


def _csv_records(text: str, file: str | None) -> tuple[list[dict[str, object]], list[int]]:
    fields = {field.name: field for field in _init_fields(Partner)}
    import csv  # noqa: PLC0415 - imported when a CSV file is read

    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise _malformed("csv", f"line {reader.line_num}: {error}", file) from None
    rows = [(line, row) for line, row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise InvalidDataError(
            [
                InvalidInputError(
                    field="(file)",
                    value="",
                    problem="is empty",
                    allowed="a header row naming the fields, then one row per partner",
                )
            ],
            file=file,
        )
    header = [name.strip() for name in rows[0][1]]
    problems: list[InvalidInputError] = [
        InvalidInputError(
            field=f"column {number} of the header",
            value=name,
            problem="is not a known field",
            allowed=", ".join(fields),
            suggestion=nearest(name, fields),
        )
        for number, name in enumerate(header, start=1)
        if name not in fields
    ]
    problems.extend(
        MissingFieldError(
            field=f"column {name!r}",
            problem="is missing from the header",
            allowed="a header row naming the fields (name and organisation_type are required)",
        )
        for name, field in fields.items()
        if field.default is attrs.NOTHING and name not in header
    )
    if problems:
        raise InvalidDataError(problems, file=file)
    records: list[dict[str, object]] = []
    lines: list[int] = []
    for line, row in rows[1:]:
        record: dict[str, object] = {}
        for name, cell in zip(header, row, strict=False):
            value = cell.strip()
            if value:
                field_type = fields[name].type
                record[name] = cell if field_type in _TEXT else _from_cell(field_type, value)
        if len(row) > len(header):
            record["(cells beyond the header)"] = row[len(header) :]
        records.append(record)
        lines.append(line)
    return records, lines


def _csv_cell(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(_csv_cell(item) for item in value)
    if isinstance(value, dict):
        return ":".join(_csv_cell(item) for item in value.values())
    if isinstance(value, enum.Enum):  # pragma: no cover - unstructured data holds values
        return str(value.value)
    return str(value)


def _csv_text(records: Sequence[Mapping[str, object]]) -> str:
    fields = _init_fields(Partner)
    header = [field.name for field in fields]
    marked = {field.name for field in fields if _empty_needs_marker(field)}
    out = io.StringIO(newline="")
    import csv  # noqa: PLC0415 - imported when a CSV file is written

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for record in records:
        writer.writerow(
            [
                _NONE
                if record.get(name) == [] and name in marked
                else _csv_cell(record[name])
                if name in record
                else ""
                for name in header
            ]
        )
    return out.getvalue()


# --- TOML writing ----------------------------------------------------------------------------

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _toml_string(key)


def _toml_string(text: str) -> str:
    # JSON's escapes are valid in TOML basic strings; DEL must be escaped in TOML only.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{_toml_key(key)} = {_toml_value(item)}" for key, item in value.items())
            + "}"
        )
    raise TypeError(f"no TOML form for {type(value).__name__}")  # pragma: no cover
