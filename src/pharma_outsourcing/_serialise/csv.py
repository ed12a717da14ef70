"""CSV partner lists: a header row naming the fields, then one row per partner.

A cell is read by its field's type, by a copy of the library's converter whose hooks read
text (:data:`cells`): ``true``/``false`` or ``yes``/``no`` for booleans, numbers written
as JSON writes them (digits, one optional sign, one decimal point, an exponent), ``;``
between the values of a collection (``-`` for none, where an empty cell would mean the
default), and records such as inspections as ``:``-separated items in their fields' order
(``fda:2022:nai``). An empty cell leaves a field at its default. Whatever a cell cannot
be read as is refused with the converter's usual message, at the record's path.
"""

from __future__ import annotations

import enum
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, get_args

import attrs

from .._errors import InvalidDataError, InvalidInputError, MissingFieldError, nearest
from ._problems import MAX_DIGITS, admits_none
from .converter import (
    NUMBER,
    Converter,
    converter,
    init_fields,
    is_collection,
    scalar_hooks,
    too_large,
)

__all__ = ["EMPTY", "cells", "read_records", "write_text"]

EMPTY = "-"
"""A collection cell holding this is empty, not the field's default."""

_TRUE = frozenset({"true", "yes"})
_FALSE = frozenset({"false", "no"})
_INTEGER = re.compile(r"[+-]?\d+")
Hook = Callable[..., Any]


def _bool_cell(text: str, _: object = None) -> bool:
    folded = text.strip().casefold()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    return scalar_hooks[bool](text)  # type: ignore[no-any-return]  # refuses it


def _int_cell(text: str, _: object = None) -> int:
    stripped = text.strip()
    if not _INTEGER.fullmatch(stripped):
        return scalar_hooks[int](text)  # type: ignore[no-any-return]  # refuses it
    if len(stripped.lstrip("+-")) > MAX_DIGITS:
        raise too_large(stripped)
    return int(stripped)


def _float_cell(text: str, _: object = None) -> float:
    stripped = text.strip()
    if not NUMBER.fullmatch(stripped):
        return scalar_hooks[float](text)  # type: ignore[no-any-return]  # refuses it
    if len(stripped) > MAX_DIGITS:
        raise too_large(stripped)
    return scalar_hooks[float](float(stripped))  # type: ignore[no-any-return]  # finite?


def _enum_cell(text: str, cl: type[enum.Enum]) -> enum.Enum:
    value = text.strip() if type(text) is str else text
    return converter.get_structure_hook(cl)(value, cl)  # type: ignore[no-any-return]


def _make_cells() -> Converter:
    made = converter.copy()
    made.register_structure_hook(bool, _bool_cell)
    made.register_structure_hook(int, _int_cell)
    made.register_structure_hook(float, _float_cell)
    for base in (enum.Enum, enum.StrEnum, enum.IntEnum):
        made.register_structure_hook(base, _enum_cell)
    return made


cells = _make_cells()
"""The converter for CSV and spreadsheet cells: text in, value objects out.

Example:
    >>> from pharma_outsourcing import Partner
    >>> row = {"name": "Acme", "organisation_type": "CMO", "markets": ["us", "eu"],
    ...        "inspections": [{"regulator": "fda", "year": "2022", "outcome": "nai"}],
    ...        "gmp_certified": "yes"}
    >>> partner = cells.structure(row, Partner)
    >>> sorted(m.value for m in partner.markets), partner.inspections[0].year
    (['eu', 'us'], 2022)
"""


# --- reading -----------------------------------------------------------------------------


def _malformed(detail: str, file: str | None) -> InvalidDataError:
    return InvalidDataError(
        [
            InvalidInputError(
                field="(file)",
                value="CSV",
                problem=f"is not well-formed: {detail}",
                allowed="a valid CSV document",
            )
        ],
        file=file,
    )


def read_records(
    text: str, cls: type, file: str | None
) -> tuple[list[dict[str, object]], list[int]]:
    """The rows of CSV ``text`` as records of ``cls`` fields (text cells), with their lines.

    Empty cells are left out (the field keeps its default), as are blank rows. The
    header must name known fields, each once, and every required one.

    Raises:
        InvalidDataError: The text is not CSV, is empty, or its header is wrong; every
            problem of the header is listed.
    """
    import csv  # noqa: PLC0415 - imported when a CSV file is read

    fields = {field.name: field for field in init_fields(cls)}
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise _malformed(f"line {reader.line_num}: {error}", file) from None
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
    problems = _header_problems(header, fields)
    if problems:
        raise InvalidDataError(problems, file=file)
    records: list[dict[str, object]] = []
    lines: list[int] = []
    for line, row in rows[1:]:
        record: dict[str, object] = {
            name: _read_cell(fields[name].type, cell)
            for name, cell in zip(header, row, strict=False)
            if cell.strip()
        }
        if len(row) > len(header):
            record["(cells beyond the header)"] = row[len(header) :]
        records.append(record)
        lines.append(line)
    return records, lines


def _read_cell(field_type: object, text: str) -> object:
    """A cell as plain data for the :data:`cells` converter: text, or lists of it.

    A collection's cell is split at ``;`` (``-`` is empty), and a record item (an
    inspection) at ``:`` into its fields, in order; the converter reads each text.
    """
    if admits_none(field_type):
        field_type = next(arg for arg in get_args(field_type) if arg is not type(None))
    if not is_collection(field_type):
        return text
    stripped = text.strip()
    parts = [] if stripped == EMPTY else [p.strip() for p in stripped.split(";") if p.strip()]
    item_type = get_args(field_type)[0]
    if not (isinstance(item_type, type) and attrs.has(item_type)):
        return parts
    names = [field.name for field in init_fields(item_type)]
    return [_item(names, part) for part in parts]


def _item(names: Sequence[str], text: str) -> object:
    """``fda:2022:nai`` -> ``{"regulator": "fda", "year": "2022", "outcome": "nai"}``."""
    parts = [part.strip() for part in text.split(":")]
    if len(parts) > len(names):
        return text  # refused by the converter: text where a record is expected
    return {name: part for name, part in zip(names, parts, strict=False) if part}


def _header_problems(
    header: Sequence[str], fields: Mapping[str, attrs.Attribute[Any]]
) -> list[InvalidInputError]:
    problems: list[InvalidInputError] = []
    seen: dict[str, int] = {}
    for number, name in enumerate(header, start=1):
        if name not in fields:
            problems.append(
                InvalidInputError(
                    field=f"column {number} of the header",
                    value=name,
                    problem="is not a known field",
                    allowed=", ".join(fields),
                    suggestion=nearest(name, fields),
                )
            )
        elif name in seen:
            problems.append(
                InvalidInputError(
                    field=f"column {number} of the header",
                    value=name,
                    problem=f"names the field of column {seen[name]} again",
                    allowed="each field in one column",
                )
            )
        else:
            seen[name] = number
    problems.extend(
        MissingFieldError(
            field=f"column {name!r}",
            problem="is missing from the header",
            allowed="a header row naming the fields (name and organisation_type are required)",
        )
        for name, field in fields.items()
        if field.default is attrs.NOTHING and name not in seen
    )
    return problems


# --- writing -----------------------------------------------------------------------------


def _empty_needs_marker(field: attrs.Attribute[Any]) -> bool:
    """Whether an empty collection differs from what an empty cell reads as."""
    default: Any = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return bool(default.takes_self or default.factory())
    return default is attrs.NOTHING or bool(default)


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(_cell(item) for item in value)
    if isinstance(value, dict):
        return ":".join(_cell(item) for item in value.values())
    return str(value)


def _quoted(cell: str) -> str:
    """A cell as CSV writes it (RFC 4180): quoted when it holds a comma, quote or line end."""
    if any(mark in cell for mark in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def write_text(records: Iterable[Mapping[str, object]], cls: type) -> str:
    """CSV text for plain ``records`` of ``cls`` (as the converter writes them), a row each.

    Example:
        >>> from pharma_outsourcing import Reason
        >>> print(write_text([{"text": "a, b", "source": "s"}], Reason), end="")
        criterion,text,source
        ,"a, b",s
    """
    fields = init_fields(cls)
    header = [field.name for field in fields]
    marked = {field.name for field in fields if _empty_needs_marker(field)}
    lines = [",".join(header)]
    lines.extend(
        ",".join(
            EMPTY
            if name in marked and record.get(name) == []
            else _quoted(_cell(record[name]))
            if name in record
            else ""
            for name in header
        )
        for record in records
    )
    return "\n".join(lines) + "\n"
