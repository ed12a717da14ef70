"""CSV partner lists: a header row naming the fields, then one row per partner.

A cell is read by its field's type, by a copy of the library's converter whose hooks read
text (:data:`cells`): ``true``/``false`` or ``yes``/``no`` for booleans, numbers written
as JSON writes them (digits, one optional sign, one decimal point, an exponent), ``;``
between the values of a collection (``-`` for none, where an empty cell would mean the
default), and each record as one item of ``:``-separated parts (:data:`LAYOUTS`):

- an inspection
  ``regulator:date-or-year:outcome[:framework[:site[:critical:major:other[:source]]]]``
  (``fda:2024-03-12:warning-letter:gmp:3001234567``): the second part is a year
  (``2024``) or an ISO date (``2024-03-12``), which gives the year;
- an audit ``year:outcome[:framework[:site]]`` (``2024:approved``);
- a submission ``regulator:year:outcome`` (``ema:2022:approved``).

A part left out or left empty (``fda:2024:nai:::1:0:0``) takes its field's default;
writing leaves out the trailing groups that hold their defaults. A ``:``, ``;`` or ``%``
inside a value is percent-encoded (``%3A``, ``%3B``, ``%25``), as is whitespace at either
end of it (``%20``), so that every record reads back as it was written; reading decodes
any ``%``-escape of UTF-8. The items of 0.1 read as they did: ``fda:2022:nai`` is the
same format, and ``ema:2021:vai:0:2:5`` (0.1 wrote the deficiency counts fourth; a
framework is never a number) reads as ``ema:2021:vai:gmp::0:2:5``.

An empty cell leaves a field at its default. Whatever a cell cannot be read as is refused
with the converter's usual message, at the record's path (``inspections[1].date``).

The same rules read the cells of a spreadsheet or a pandas DataFrame, whose values are
typed: :func:`cell_text` turns each into the text a CSV cell would hold (a missing value
into none), and :func:`record_of` reads a row of them.
"""

from __future__ import annotations

import datetime
import enum
import functools
import io
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, get_args

import attrs

from .._errors import InvalidDataError, InvalidInputError, MissingFieldError, nearest, shown_value
from .._partners import Audit, Inspection, Submission
from ._problems import MAX_DIGITS, admits_none
from .converter import (
    NUMBER,
    Converter,
    attrs_hook,
    converter,
    init_fields,
    is_collection,
    scalar_hooks,
    too_large,
)

__all__ = [
    "EMPTY",
    "LAYOUTS",
    "Layout",
    "cell_text",
    "cells",
    "decoded",
    "encoded",
    "header_problems",
    "iter_rows",
    "layout_of",
    "read_records",
    "read_rows",
    "record_of",
    "records_from_rows",
    "write_rows",
    "write_text",
]

EMPTY = "-"
"""A collection cell holding this is empty, not the field's default."""

_TRUE = frozenset({"true", "yes"})
_FALSE = frozenset({"false", "no"})
_INTEGER = re.compile(r"[+-]?\d+")
_NOT_FINITE = frozenset({"inf", "infinity", "nan"})
Hook = Callable[..., Any]


def _bool_cell(text: str, _: object = None) -> bool:
    if type(text) is not str:  # a typed cell's value: taken as written, or refused
        return scalar_hooks[bool](text)  # type: ignore[no-any-return]
    folded = text.strip().casefold()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    return scalar_hooks[bool](text)  # type: ignore[no-any-return]  # refuses it


def _int_cell(text: str, _: object = None) -> int:
    if type(text) is not str:
        return scalar_hooks[int](text)  # type: ignore[no-any-return]
    stripped = text.strip()
    if not _INTEGER.fullmatch(stripped):
        return scalar_hooks[int](text)  # type: ignore[no-any-return]  # refuses it
    if len(stripped.lstrip("+-")) > MAX_DIGITS:
        raise too_large(stripped)
    return int(stripped)


def _float_cell(text: str, _: object = None) -> float:
    if type(text) is not str:
        return scalar_hooks[float](text)  # type: ignore[no-any-return]
    stripped = text.strip()
    if not NUMBER.fullmatch(stripped):
        if stripped.lstrip("+-").casefold() in _NOT_FINITE:  # as Python writes them
            raise InvalidInputError(
                field="", value=stripped, problem="is not a finite number", allowed="a number"
            )
        return scalar_hooks[float](text)  # type: ignore[no-any-return]  # refuses it
    if len(stripped) > MAX_DIGITS:
        raise too_large(stripped)
    return scalar_hooks[float](float(stripped))  # type: ignore[no-any-return]  # finite?


def _date_cell(text: str, _: object = None) -> datetime.date:
    """A date part; an item's date-or-year part is a date when it is not a whole number."""
    try:
        return converter.get_structure_hook(datetime.date)(text, datetime.date)  # type: ignore[no-any-return]
    except InvalidInputError as error:
        raise InvalidInputError(
            field=error.field,
            value=error.value,
            problem=error.problem,
            allowed="a year (2024), or a date written YYYY-MM-DD (2024-03-12)",
            suggestion=error.suggestion,
        ) from None


def _enum_cell(text: str, cl: type[enum.Enum]) -> enum.Enum:
    value = text.strip() if type(text) is str else text
    return converter.get_structure_hook(cl)(value, cl)  # type: ignore[no-any-return]


# --- percent-encoding --------------------------------------------------------------------

_ENCODED = re.compile(r"[%:;]|^\s+|\s+$")
_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def _escape(found: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in found.group().encode("utf-8"))


def encoded(text: str) -> str:
    """``text`` as a part of a cell: ``%``, ``:`` and ``;`` and whitespace at its ends escaped.

    Example:
        >>> encoded("FDA Data Dashboard; export 2025: 100% ")
        'FDA Data Dashboard%3B export 2025%3A 100%25%20'
    """
    return _ENCODED.sub(_escape, text)


def _unescape(found: re.Match[str]) -> str:
    escaped = found.group()
    try:
        return bytes.fromhex(escaped.replace("%", "")).decode("utf-8")
    except UnicodeDecodeError:  # not an escape this module writes: kept as given
        return escaped


def decoded(text: str) -> str:
    """A part of a cell as the value it stands for: every ``%``-escape of UTF-8 decoded.

    Example:
        >>> decoded("FDA Data Dashboard%3B export 2025%3A 100%25%20")
        'FDA Data Dashboard; export 2025: 100% '
    """
    return _ESCAPES.sub(_unescape, text) if "%" in text else text


# --- records as items --------------------------------------------------------------------

_EITHER = "-or-"


@attrs.frozen(kw_only=True)
class Layout:
    """How a record is written as one ``:``-separated item of a cell.

    Attributes:
        groups: The item's parts in order, in groups that writing leaves out together
            from the end while they hold their defaults. A part is a field's name, or
            two joined by ``-or-`` (``date-or-year``): a whole number is read as the
            second, anything else as the first; the first is written when it is set.
        defaults: The plain default of each field that has a fixed one.
        text_fields: The fields that hold free text (where a stray ``:`` is likely).
        former: The parts of 0.1's item, read instead when the fourth part is a whole
            number (0.1 wrote the deficiency counts there), or none.
    """

    groups: tuple[tuple[str, ...], ...]
    defaults: Mapping[str, object]
    text_fields: frozenset[str]
    former: tuple[str, ...] = ()

    @property
    def parts(self) -> tuple[str, ...]:
        """The item's parts, in order."""
        return tuple(part for group in self.groups for part in group)

    @property
    def grammar(self) -> str:
        """The item's form: ``regulator:year:outcome[:framework[:site]]``."""
        first, *rest = (":".join(group) for group in self.groups)
        return first + "".join(f"[:{group}" for group in rest) + "]" * len(rest)

    def read(self, text: str) -> object:
        """The record an item stands for, as text for the :data:`cells` converter.

        An item with more parts than its form has is returned as it is, and refused by
        the item's hook in :data:`cells` with the form in its message.

        Example:
            >>> layout_of(Inspection).read("fda:2024-03-12:WL::3001234567")
            {'regulator': 'fda', 'date': '2024-03-12', 'outcome': 'WL', 'site': '3001234567'}
        """
        parts = [decoded(part.strip()) for part in text.split(":")]
        names = self.parts
        if self.former and len(parts) > 3 and _INTEGER.fullmatch(parts[3]):
            names = self.former
        if len(parts) > len(names):
            return text
        record: dict[str, object] = {}
        for name, part in zip(names, parts, strict=False):
            if part:
                first, _, second = name.partition(_EITHER)
                record[second if second and _INTEGER.fullmatch(part) else first] = part
        return record

    def write(self, record: Mapping[str, object]) -> str:
        """A record (as the converter writes it) as one item; trailing defaults left out.

        Example:
            >>> layout_of(Audit).write({"year": 2024, "outcome": "approved", "framework": "gmp"})
            '2024:approved'
        """
        written: list[str] = []
        kept = 0
        for index, group in enumerate(self.groups):
            values = [self._value(part, record) for part in group]
            written.extend("" if value is None else encoded(_text(value)) for value, _ in values)
            if index == 0 or not all(default for _, default in values):
                kept = len(written)
        return ":".join(written[:kept])

    def _value(self, part: str, record: Mapping[str, object]) -> tuple[object, bool]:
        """The value a part writes, and whether it is its field's default."""
        for name in part.split(_EITHER):
            if record.get(name) is not None:
                value = record[name]
                return value, name in self.defaults and self.defaults[name] == value
        return None, True

    def refused(self, text: str) -> InvalidInputError:
        """The problem of an item with more parts than its form has."""
        parts = text.split(":")
        allowed = f"at most {len(self.parts)} parts, {self.grammar}"
        if self.former:
            allowed += f" (or 0.1's {':'.join(self.former)})"
        allowed += ", with %3A for a ':' inside a value"
        suggestion = None
        if self.parts[-1] in self.text_fields:  # a ':' in the last, free-text part
            last = len(self.parts) - 1
            suggestion = ":".join([*parts[:last], encoded(":".join(parts[last:]).strip())])
        return InvalidInputError(
            field="",
            value=text,
            problem=f"has {len(parts)} parts",
            allowed=allowed,
            suggestion=suggestion,
        )


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


_GROUPS: dict[type, tuple[tuple[str, ...], ...]] = {
    Inspection: (
        ("regulator", "date-or-year", "outcome"),
        ("framework",),
        ("site",),
        ("critical", "major", "other"),
        ("source",),
    ),
    Audit: (("year", "outcome"), ("framework",), ("site",)),
    Submission: (("regulator", "year", "outcome"),),
}
_FORMER: dict[type, tuple[str, ...]] = {
    Inspection: ("regulator", "date-or-year", "outcome", "critical", "major", "other"),
}


@functools.cache
def layout_of(cls: type) -> Layout:
    """The item layout of a record class: :data:`LAYOUTS`' own, or its fields in order.

    Example:
        >>> layout_of(Inspection).grammar
        'regulator:date-or-year:outcome[:framework[:site[:critical:major:other[:source]]]]'
        >>> layout_of(Audit).grammar
        'year:outcome[:framework[:site]]'
    """
    fields = init_fields(cls)
    defaults: dict[str, object] = {}
    for field in fields:
        default: Any = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            if default.takes_self:
                continue
            default = default.factory()
        if default is not attrs.NOTHING:
            defaults[field.name] = converter.unstructure(default, field.type)
    texts = frozenset(
        field.name for field in fields if field.type is str or field.type == str | None
    )
    return Layout(
        groups=_GROUPS.get(cls, tuple((field.name,) for field in fields)),
        defaults=defaults,
        text_fields=texts,
        former=_FORMER.get(cls, ()),
    )


LAYOUTS: Mapping[type, Layout] = {cls: layout_of(cls) for cls in _GROUPS}
"""The item layout of each record a partner holds: inspections, audits, submissions."""


def _item_hook(cls: type, made: Converter) -> Hook:
    """``cls``'s hook in :data:`cells`: a record, or an item that did not split refused."""
    record = attrs_hook(cls, made)
    layout = layout_of(cls)

    def structure(value: object, _: object = None) -> object:
        if type(value) is str:
            raise layout.refused(value)
        return record(value, cls)

    return structure


# --- the converter for cells -------------------------------------------------------------


def _make_cells() -> Converter:
    made = converter.copy()
    made.register_structure_hook(bool, _bool_cell)
    made.register_structure_hook(int, _int_cell)
    made.register_structure_hook(float, _float_cell)
    made.register_structure_hook(datetime.date, _date_cell)
    for base in (enum.Enum, enum.StrEnum, enum.IntEnum):
        made.register_structure_hook(base, _enum_cell)
    for cls in LAYOUTS:  # last: generated from the hooks above
        made.register_structure_hook(cls, _item_hook(cls, made))
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

_MISSING = frozenset({"NAType", "NaTType"})  # pandas' missing values (pd.NA, pd.NaT)
_EXACT = 2**53  # floats up to this size hold every whole number exactly
_BITS = int(MAX_DIGITS * math.log2(10))  # a larger whole number is shown, not written out


def cell_text(value: object) -> str:  # noqa: PLR0911 - one return per kind of cell
    """A typed cell's value (a workbook's, a DataFrame's) as the text a CSV file holds.

    ``None``, NaN and pandas' missing values (``pd.NA``, ``pd.NaT``) are an empty cell,
    ``""``. Text is kept; a boolean is ``true`` or ``false``; a whole number is its
    digits, and so is a float that is whole (a sheet's numbers are floats, and pandas
    reads a column of whole numbers with gaps as floats: an FEI number ``3001234567.0``
    is ``3001234567``); any other number is written as Python writes it, exactly; a date
    is ``YYYY-MM-DD`` (with ``HH:MM:SS`` after it when it has a time of day), a time or a
    duration as Python writes them; NumPy's scalars are the Python values they hold;
    anything else (an error cell such as ``#N/A``) is its text.

    Example:
        >>> import datetime
        >>> cell_text(3001234567.0), cell_text(4.5), cell_text(datetime.datetime(2024, 3, 14))
        ('3001234567', '4.5', '2024-03-14')
        >>> cell_text(None), cell_text(float("nan")), cell_text(True), cell_text(" Acme ")
        ('', '', 'true', ' Acme ')
        >>> cell_text(datetime.datetime(2024, 3, 14, 9, 30)), cell_text(datetime.date(2024, 3, 1))
        ('2024-03-14 09:30:00', '2024-03-01')
        >>> cell_text(datetime.time(9, 30)), cell_text(datetime.timedelta(hours=1)), cell_text(1e-7)
        ('09:30:00', '1:00:00', '1e-07')
        >>> cell_text("#N/A"), cell_text(12), cell_text(1e300)
        ('#N/A', '12', '1e+300')
    """
    if value is None or type(value) is str:
        return "" if value is None else value
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        value = value.item()  # a NumPy scalar, as the Python value it holds
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value) if value.bit_length() <= _BITS else shown_value(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer() and abs(value) < _EXACT:
            return str(int(value))
        return repr(value)
    if type(value).__name__ in _MISSING and type(value).__module__.startswith("pandas"):
        return ""  # before dates: pd.NaT is a datetime
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)  # a duration, an error cell ('#N/A'), anything a reader adds


@functools.cache
def _fields_of(cls: type) -> dict[str, attrs.Attribute[Any]]:
    return {field.name: field for field in init_fields(cls)}


def record_of(row: Mapping[str, object], cls: type) -> dict[str, object]:
    """One row (a column's name to its cell) as a record of ``cls`` for :data:`cells`.

    Each cell is read as :func:`cell_text` has it (a list as the values of a collection,
    already split), by its field's type (see :func:`_read_cell`); empty cells are left
    out, so their fields keep their defaults. A cell of a column that names no field is
    kept, for the converter to refuse naming the nearest field.

    Example:
        >>> from pharma_outsourcing import Partner
        >>> record_of({"name": "Acme", "markets": "us; eu", "communication": None}, Partner)
        {'name': 'Acme', 'markets': ['us', 'eu']}
    """
    return _read_row(row.items(), _fields_of(cls))


def _read_row(
    cells: Iterable[tuple[str, object]], fields: Mapping[str, attrs.Attribute[Any]]
) -> dict[str, object]:
    """The cells of one row, by column name, read as :func:`record_of` says."""
    record: dict[str, object] = {}
    for name, value in cells:
        cell: str | list[str]
        if type(value) is str:  # a CSV file's cells, as they all are: no conversion
            cell = value
        elif isinstance(value, list | tuple):
            cell = [cell_text(item) for item in value]
        else:
            cell = cell_text(value)
        if isinstance(cell, str) and not cell.strip():
            continue
        field = fields.get(name)
        record[name] = cell if field is None else _read_cell(field.type, cell)
    return record


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


def iter_rows(text: str, file: str | None) -> Iterator[tuple[int, list[str]]]:
    r"""Every row of CSV ``text``, blank ones too, each with the line it ends on, in turn.

    Raises:
        InvalidDataError: The text is not well-formed CSV (when the row at fault is read).

    Example:
        >>> list(iter_rows('name,note\nAcme,"two\nlines"\n', None))
        [(1, ['name', 'note']), (3, ['Acme', 'two\nlines'])]
    """
    import csv  # noqa: PLC0415 - imported when a CSV file is read

    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as error:
        raise _malformed(f"line {reader.line_num}: {error}", file) from None


def read_rows(text: str, file: str | None) -> list[tuple[int, list[str]]]:
    """Every row of CSV ``text`` (see :func:`iter_rows`), as a list.

    Raises:
        InvalidDataError: The text is not well-formed CSV.
    """
    return list(iter_rows(text, file))


def read_records(
    text: str, cls: type, file: str | None
) -> tuple[list[dict[str, object]], list[int]]:
    """The rows of CSV ``text`` as records of ``cls`` fields (text cells), with their lines.

    See :func:`records_from_rows`.

    Raises:
        InvalidDataError: The text is not CSV, is empty, or its header is wrong; every
            problem of the header is listed.
    """
    return records_from_rows(read_rows(text, file), cls, file)


def records_from_rows(
    rows: Sequence[tuple[int, Sequence[str]]], cls: type, file: str | None
) -> tuple[list[dict[str, object]], list[int]]:
    """Rows of text cells (a CSV file's, or a sheet's) as records of ``cls`` fields.

    Each row comes with its number (a line, or a sheet's row), returned beside its
    record. The first row that is not blank is the header: it must name known fields,
    each once, and every required one. Each row is read by :func:`record_of`: empty cells
    are left out (the field keeps its default), as are blank rows.

    Raises:
        InvalidDataError: There is no row, or the header is wrong; every problem of the
            header is listed.

    Example:
        >>> from pharma_outsourcing import Audit
        >>> records_from_rows([(1, ["year", "outcome"]), (2, ["2024", "approved"])], Audit, None)
        ([{'year': '2024', 'outcome': 'approved'}], [2])
    """
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
    problems = header_problems(header, cls)
    if problems:
        raise InvalidDataError(problems, file=file)
    fields = _fields_of(cls)
    records: list[dict[str, object]] = []
    lines: list[int] = []
    for line, row in rows[1:]:
        record = _read_row(zip(header, row, strict=False), fields)
        if len(row) > len(header):
            record["(cells beyond the header)"] = list(row[len(header) :])
        records.append(record)
        lines.append(line)
    return records, lines


def _read_cell(field_type: object, cell: str | list[str]) -> object:
    """A cell as plain data for the :data:`cells` converter: text, or lists of it.

    A collection's cell is split at ``;`` (``-`` is empty) and each value decoded, and a
    record's item split by its :class:`Layout`; the converter reads each text. A list
    (a typed cell's) is a collection's values already split, each read as one value.
    """
    if admits_none(field_type):
        field_type = next(arg for arg in get_args(field_type) if arg is not type(None))
    if not is_collection(field_type):
        return cell  # a list is refused by the converter: not one value
    if isinstance(cell, str):
        stripped = cell.strip()
        cell = [] if stripped == EMPTY else stripped.split(";")
    item_type = get_args(field_type)[0]
    is_record = isinstance(item_type, type) and attrs.has(item_type)
    read = layout_of(item_type).read if is_record else decoded
    return [read(part.strip()) for part in cell if part.strip()]


def header_problems(header: Sequence[str], cls: type) -> list[InvalidInputError]:
    """The problems of a header row naming ``cls`` fields: unknown, repeated and missing names.

    Example:
        >>> from pharma_outsourcing import Partner
        >>> for problem in header_problems(["name", "markts"], Partner):
        ...     print(problem)
        column 2 of the header: 'markts' is not a known field; ...; did you mean 'markets'?
        column 'organisation_type': is missing from the header; ...
    """
    fields = _fields_of(cls)
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


def _cell_writer(field_type: object) -> Callable[[object], str]:
    """How a field of ``field_type`` is written in a cell, from the converter's plain data."""
    if admits_none(field_type):
        field_type = next(arg for arg in get_args(field_type) if arg is not type(None))
    if not is_collection(field_type):
        return _text
    item_type = get_args(field_type)[0]
    if isinstance(item_type, type) and attrs.has(item_type):
        write = layout_of(item_type).write
        return lambda value: ";".join(write(item) for item in value)  # type: ignore[attr-defined]

    def values(value: object) -> str:
        cell = ";".join(encoded(_text(item)) for item in value)  # type: ignore[attr-defined]
        return "%2D" if cell == EMPTY else cell  # a lone "-" is an empty cell's mark

    return values


def _quoted(cell: str) -> str:
    """A cell as CSV writes it (RFC 4180): quoted when it holds a comma, quote or line end."""
    if any(mark in cell for mark in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def write_rows(records: Iterable[Mapping[str, object]], cls: type) -> list[list[str]]:
    """The cells of plain ``records`` of ``cls`` (as the converter writes them).

    A header row naming the fields, then a row per record, each cell as CSV or a sheet
    holds it.

    Example:
        >>> from pharma_outsourcing import Reason
        >>> write_rows([{"text": "a, b", "source": "s"}], Reason)
        [['criterion', 'text', 'source'], ['', 'a, b', 's']]
    """
    fields = init_fields(cls)
    header = [field.name for field in fields]
    marked = {field.name for field in fields if _empty_needs_marker(field)}
    writers = {field.name: _cell_writer(field.type) for field in fields}
    rows = [header]
    rows.extend(
        [
            EMPTY
            if name in marked and record.get(name) == []
            else writers[name](record[name])
            if name in record
            else ""
            for name in header
        ]
        for record in records
    )
    return rows


def write_text(records: Iterable[Mapping[str, object]], cls: type) -> str:
    """CSV text for plain ``records`` of ``cls`` (as the converter writes them), a row each.

    Example:
        >>> from pharma_outsourcing import Reason
        >>> print(write_text([{"text": "a, b", "source": "s"}], Reason), end="")
        criterion,text,source
        ,"a, b",s
    """
    return "".join(",".join(map(_quoted, row)) + "\n" for row in write_rows(records, cls))
