"""Reading and writing sponsor profiles and partner lists: TOML, JSON, CSV and Excel files.

The format follows the file's suffix; a partner list may also be an Excel workbook (with
the ``xlsx`` extra), read from its first sheet by the CSV rules (``xlsx``). Files are
read as UTF-8, with or without a byte order mark. Every value goes through
:data:`~pharma_outsourcing.converter`, so a file is held to the same strict checks as
data given to the converter; CSV cells, being text, are first read by their field's
type. Every problem of a file is reported at once, in one
:class:`~pharma_outsourcing.InvalidDataError` naming the file, the record, the field,
the value given, what is allowed and the nearest valid value. A missing or unreadable
file raises :class:`OSError`, as Python's own file functions do; a file that cannot be
written raises :class:`~pharma_outsourcing.OutputError`.

Partners are also read from records as pandas gives them (:func:`partners_from_records`,
:func:`partners_from_pandas`), cell by cell as the CSV reader reads them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from .._bulk import collector_paused
from .._errors import InvalidDataError, InvalidInputError, OutputError, nearest
from .._fields import checked, checked_all
from .._partners import Partner
from .._profile import SponsorProfile
from ._problems import problems_of, relocate
from .converter import Converter, converter
from .paths import as_path, decode, format_of

if TYPE_CHECKING:
    # pandas is optional and may lack type information: DataFrame is then untyped.
    from pandas import DataFrame  # type: ignore[import-untyped,import-not-found,unused-ignore]

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
    "partners_from_pandas",
    "partners_from_records",
]

Format = Literal["json", "toml", "csv"]
"""A file format: ``"json"``, ``"toml"`` or ``"csv"`` (CSV for partner lists only)."""

T = TypeVar("T")

_PROFILE_FORMATS: tuple[Format, ...] = ("toml", "json")
_PARTNER_FORMATS: tuple[Format, ...] = ("json", "toml", "csv")
_PARTNER_FILES: tuple[Format | Literal["xlsx"], ...] = (*_PARTNER_FORMATS, "xlsx")  # never text


# --- formats and text --------------------------------------------------------------------


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


# --- profiles ------------------------------------------------------------------------------


def _profile_from(data: object, file: str | None) -> SponsorProfile:
    try:
        return converter.get_structure_hook(SponsorProfile)(data, SponsorProfile)  # type: ignore[no-any-return]
    except Exception as error:  # whatever cattrs or a hook raised: our error
        raise InvalidDataError(
            problems_of(error, data, SponsorProfile, converter), file=file
        ) from None


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
    decoded = _text_of(text)
    return _profile_from(_parse_document(decoded, format, None), None)


def load_profile(path: str | Path) -> SponsorProfile:
    """Read a :class:`SponsorProfile` from a TOML or JSON file (by its suffix).

    A file written for 0.1 reads too: its ``modality`` and ``dosage_form`` (one value
    each) read as one-member ``modalities`` and ``dosage_forms``; a file giving both
    spellings of one field is refused. Profiles are written with the new keys.

    Raises:
        InvalidDataError: The suffix is unknown, the file is not valid TOML or JSON, or
            fields are wrong; every problem is listed, each naming the file and field.
        OSError: The file cannot be read.

    Example:
        >>> profile = load_profile("examples/phase1-biotech.toml")
        >>> profile.phase.value
        'phase-1'
    """
    path = as_path(path)
    fmt = format_of(path, _PROFILE_FORMATS)
    file = str(path)
    text = decode(path.read_bytes(), file)
    return _profile_from(_parse_document(text, fmt, file), file)


def dumps_profile(profile: SponsorProfile, format: Format = "toml") -> str:
    """Write a :class:`SponsorProfile` as TOML or JSON text.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile
        >>> print(dumps_profile(SponsorProfile(phase=Phase.PHASE_1, name="Demo")), end="")
        phase = "phase-1"
        in_house = []
        horizon = "commercial"
        modalities = []
        dosage_forms = []
        requires = []
        target_markets = []
        name = "Demo"
    """
    _check_format(format, _PROFILE_FORMATS)
    data = converter.unstructure(checked(profile, SponsorProfile, "profile"))
    if format == "json":
        return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    from . import toml  # noqa: PLC0415 - imported when TOML is first written

    return toml.document(data)


def dump_profile(profile: SponsorProfile, path: str | Path) -> None:
    """Write a :class:`SponsorProfile` to a TOML or JSON file (by its suffix), as UTF-8.

    Raises:
        InvalidDataError: The suffix is not ``.toml`` or ``.json``.
        InvalidInputError: ``profile`` is not a :class:`SponsorProfile`.
        OutputError: The file cannot be written (a missing folder, a full disk).

    Example:
        >>> import pathlib, tempfile
        >>> from pharma_outsourcing import Phase, SponsorProfile
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "profile.json"
        >>> dump_profile(SponsorProfile(phase=Phase.PHASE_2), target)
        >>> load_profile(target).phase
        <Phase.PHASE_2: 'phase-2'>
    """
    path = as_path(path)
    _write(path, dumps_profile(profile, format_of(path, _PROFILE_FORMATS)))


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


def _label(index: int, record: object, line: int | None = None, where: str = "line") -> str:
    """``record 3 ('Acme CRO', line 4): ``: which record a problem is in (a sheet's: row 4)."""
    details = []
    if isinstance(record, Mapping) and isinstance(record.get("name"), str):
        details.append(repr(record["name"]))
    if line is not None:
        details.append(f"{where} {line}")
    return f"record {index}" + (f" ({', '.join(details)})" if details else "") + ": "


def _partners_from(
    records: Sequence[object],
    file: str | None,
    lines: Sequence[int] | None = None,
    reader: Converter = converter,
    where: str = "line",
) -> tuple[Partner, ...]:
    hook = reader.get_structure_hook(Partner)
    partners: list[Partner] = []
    problems: list[InvalidInputError] = []
    for index, record in enumerate(records):
        try:
            partners.append(hook(record, Partner))
        except Exception as error:  # whatever cattrs or a hook raised: our error
            prefix = _label(index + 1, record, None if lines is None else lines[index], where)
            problems.extend(
                relocate(problem, prefix + problem.field)
                for problem in problems_of(error, record, Partner, reader)
            )
    if problems:
        raise InvalidDataError(problems, file=file)
    return tuple(partners)


def _partners_in(text: str, fmt: Format, file: str | None) -> tuple[Partner, ...]:
    with collector_paused():
        if fmt == "csv":
            from . import csv  # noqa: PLC0415 - imported when a CSV file is first read

            records, lines = csv.read_records(text, Partner, file)
            return _partners_from(records, file, lines, csv.cells)
        return _partners_from(_records(_parse_document(text, fmt, file), file), file)


def _partners_in_sheet(data: bytes, file: str) -> tuple[Partner, ...]:
    """Partners from a workbook's first sheet: its rows read by the CSV rules."""
    from . import csv, xlsx  # noqa: PLC0415 - imported when a workbook is first read

    with collector_paused():
        records, rows = csv.records_from_rows(xlsx.read_sheet(data, file), Partner, file)
        return _partners_from(records, file, rows, csv.cells, "row")


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
    decoded = _text_of(text)
    return _partners_in(decoded, format, None)


def load_partners(path: str | Path) -> tuple[Partner, ...]:
    """Read candidate partners from a JSON, TOML, CSV or Excel file (by its suffix).

    JSON holds a list of records; TOML holds ``[[partners]]`` tables; CSV has a header
    row naming the fields, ``;`` between the values of a multi-valued cell (``-`` for
    none, where an empty cell would mean the default), ``true``/``false`` or ``yes``/``no``
    for booleans, an empty cell for a field's default, and records as ``:``-separated
    items: inspections
    ``regulator:date-or-year:outcome[:framework[:site[:critical:major:other[:source]]]]``
    (``fda:2024-03-12:warning-letter``, ``ema:2021:vai:gmp::0:2:5``), audits
    ``year:outcome[:framework[:site]]`` and submissions ``regulator:year:outcome``, with
    ``%3A``, ``%3B`` and ``%25`` for a ``:``, ``;`` or ``%`` inside a value. An Excel
    workbook (``.xlsx``, with the ``xlsx`` extra: ``pip install
    "pharma-outsourcing[xlsx]"``) is read from its first sheet, laid out as the CSV file
    is and read by the same rules: a number cell is read as its digits (``4.5``;
    ``3001234567`` for a whole number), a date cell as ``YYYY-MM-DD``.

    Raises:
        InvalidDataError: The suffix is unknown, the file is malformed or records are
            wrong; every problem is listed, each naming the file, the record (its number
            from 1 and its name), the field and the value. A workbook needs openpyxl:
            without it, the error says how to install it.
        OSError: The file cannot be read.

    Example:
        >>> partners = load_partners("examples/partners.csv")
        >>> partners == load_partners("examples/partners.json")
        True
    """
    path = as_path(path)
    fmt = format_of(path, _PARTNER_FILES)
    file = str(path)
    if fmt == "xlsx":
        return _partners_in_sheet(path.read_bytes(), file)
    return _partners_in(decode(path.read_bytes(), file), fmt, file)


def partners_from_records(records: Iterable[Mapping[str, object]]) -> tuple[Partner, ...]:
    """Read partners from records as pandas gives them: one mapping per partner.

    Each record maps field names to cells, as ``frame.to_dict("records")`` gives a
    DataFrame's rows (a DataFrame itself is read by :func:`partners_from_pandas`). Every
    cell is read as :func:`load_partners` reads a CSV cell: ``;`` between a collection's
    values (``us;eu``), records as ``:``-separated items
    (``fda:2024-03-12:warning-letter``), ``true``/``false`` (or ``yes``/``no``), and any
    spelling ``parse`` accepts (``"CRO"``, ``"Phase II"``). Typed cells are taken as the
    text they stand for: ``None``, NaN, ``pd.NA`` and an empty text are "not given" (the
    field keeps its default); numbers and booleans (NumPy's too) as written; a whole float
    as its digits, since pandas reads a column of FEI numbers with gaps as floats
    (``3001234567.0`` is ``"3001234567"``; leading zeros pandas dropped cannot come back:
    read FEI numbers as text, ``dtype={"fei_numbers": str}``). A list is a collection's
    values, already split. The records are not changed.

    Args:
        records: The partners' records, each a mapping of field names to cells.

    Returns:
        The partners, in the order of the records.

    Raises:
        InvalidDataError: A record is wrong: every problem of every record is listed, each
            naming the record (its number from 1, and its name), the field, the value,
            what is allowed and the nearest valid value, as the file loaders do.
        InvalidInputError: ``records`` is not a collection of records.

    Example:
        >>> import math
        >>> from pharma_outsourcing import partners_from_records
        >>> rows = [
        ...     {"name": "Alder", "organisation_type": "CRO", "markets": "us;eu",
        ...      "fei_numbers": math.nan, "communication": 4.0},
        ...     {"name": "Birch", "organisation_type": "cmo", "markets": None,
        ...      "fei_numbers": 3001234567.0, "communication": math.nan},
        ... ]
        >>> alder, birch = partners_from_records(rows)
        >>> sorted(m.value for m in alder.markets), alder.communication, birch.fei_numbers
        (['eu', 'us'], 4.0, frozenset({'3001234567'}))
        >>> partners_from_records([{"name": "Cedar", "organisation_type": "CRP"}])
        Traceback (most recent call last):
        ...
        pharma_outsourcing._errors.InvalidDataError: record 1 ('Cedar'): organisation_type: \
'CRP' is not a known organisation type; allowed: cro, cmo, cdmo; did you mean 'cro'?
    """
    from . import csv  # noqa: PLC0415 - the cell rules, imported when first needed

    if _is_frame(records):
        raise InvalidInputError(
            field="records",
            value=type(records).__name__,
            problem="is a DataFrame, not its records",
            allowed="a list of mappings, one per partner (frame.to_dict('records'))",
            suggestion="partners_from_pandas(frame)",
        )
    if isinstance(records, str | bytes | Mapping) or not isinstance(records, Iterable):
        raise InvalidInputError(
            field="records",
            value=records,
            problem="is not a collection of records",
            allowed="a list of mappings, one per partner, of field names to cells",
        )
    given: Iterable[object] = records  # untyped callers may pass anything
    with collector_paused():
        rows = [
            csv.record_of(record, Partner) if isinstance(record, Mapping) else record
            for record in given
        ]
        return _partners_from(rows, None, reader=csv.cells)


def partners_from_pandas(frame: DataFrame) -> tuple[Partner, ...]:
    """Read partners from a pandas DataFrame: a row per partner, a column per field.

    The columns are :class:`Partner` fields, as in a CSV file's header; a named index
    (such as ``name``, after ``frame.set_index("name")``) counts as a column. Each cell
    is read as :func:`partners_from_records` reads it: NaN and ``None`` as not given,
    ``;``-separated text as a collection, a whole float as its digits. A partner list
    written by :func:`dumps_partners` as CSV reads back as it was, through
    ``pandas.read_csv``; for every text exactly as written (a partner named ``NA``, an
    FEI number with leading zeros), read it with ``dtype=str, keep_default_na=False``.

    Args:
        frame: The DataFrame; it is not changed.

    Returns:
        The partners, in the order of the rows.

    Raises:
        InvalidDataError: A column names no field (the nearest is suggested), names one
            twice, or a required column (``name``, ``organisation_type``) is missing; or
            a row is wrong: every problem of every row is listed, each naming the record
            (its number from 1, and its name) and the field.
        InvalidInputError: ``frame`` is not a DataFrame.

    Example:
        >>> import io
        >>> import pandas as pd
        >>> from pharma_outsourcing import dumps_partners, load_partners, partners_from_pandas
        >>> partners = load_partners("examples/partners.csv")
        >>> frame = pd.read_csv(io.StringIO(dumps_partners(partners, "csv")))
        >>> partners_from_pandas(frame) == partners
        True
    """
    from . import csv  # noqa: PLC0415 - the cell rules, imported when first needed

    if not _is_frame(frame):
        raise InvalidInputError(
            field="frame",
            value=frame,
            problem="is not a pandas DataFrame",
            allowed="a DataFrame with a row per partner and a column per Partner field",
            suggestion="partners_from_records(records)" if isinstance(frame, list) else None,
        )
    if any(name is not None for name in frame.index.names):
        frame = frame.reset_index()  # a named index is a column (a copy: frame is kept)
    problems = csv.header_problems([str(column) for column in frame.columns], Partner)
    if problems:
        raise InvalidDataError(problems)
    return partners_from_records(frame.to_dict("records"))


def _is_frame(value: object) -> bool:
    """Whether ``value`` is a pandas DataFrame (pandas is not imported to find out)."""
    return any(
        cls.__name__ == "DataFrame" and cls.__module__.startswith("pandas")
        for cls in type(value).__mro__
    )


def dumps_partners(partners: Iterable[Partner], format: Format = "json") -> str:
    """Write partners as JSON, TOML or CSV text, in the order given.

    Example:
        >>> from pharma_outsourcing import OrganisationType, Partner
        >>> cro = Partner(name="A", organisation_type=OrganisationType.CRO, phases=[])
        >>> print(dumps_partners([cro], "csv").splitlines()[1][:30])
        A,cro,discovery-research;precl
    """
    _check_format(format, _PARTNER_FORMATS)
    records = _plain(partners)
    if format == "json":
        # One record a line: readable, diff-friendly, and written by json's C encoder
        # (an indented dump goes through its pure-Python encoder, ten times slower).
        if not records:
            return "[]\n"
        encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode
        return "[\n" + ",\n".join(encode(record) for record in records) + "\n]\n"
    if format == "toml":
        from . import toml  # noqa: PLC0415 - imported when TOML is first written

        return toml.tables("partners", records)
    from . import csv  # noqa: PLC0415 - imported when CSV is first written

    return csv.write_text(records, Partner)


def _plain(partners: Iterable[Partner]) -> list[Any]:
    """``partners``, checked, as the converter writes them."""
    unstructure = converter.get_unstructure_hook(Partner)
    with collector_paused():
        return [unstructure(partner) for partner in checked_all(partners, Partner, "partners")]


def dump_partners(partners: Iterable[Partner], path: str | Path) -> None:
    """Write partners to a JSON, TOML, CSV or Excel file (by its suffix).

    JSON, TOML and CSV are written as UTF-8; an Excel workbook (``.xlsx``, with the
    ``xlsx`` extra) is laid out as the CSV file, every cell text, so it reads back as
    written.

    Raises:
        InvalidDataError: The suffix is not ``.json``, ``.toml``, ``.csv`` or ``.xlsx``;
            or it is ``.xlsx`` and openpyxl is not installed.
        InvalidInputError: ``partners`` is not a collection of :class:`Partner` objects.
        OutputError: The file cannot be written (a missing folder, a full disk).

    Example:
        >>> import pathlib, tempfile
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "partners.toml"
        >>> dump_partners(load_partners("examples/partners.json"), target)
        >>> load_partners(target) == load_partners("examples/partners.json")
        True
    """
    path = as_path(path)
    fmt = format_of(path, _PARTNER_FILES)
    if fmt == "xlsx":
        from . import csv, xlsx  # noqa: PLC0415 - imported when a workbook is first written

        xlsx.write_sheet(path, csv.write_rows(_plain(partners), Partner))
        return
    _write(path, dumps_partners(partners, fmt))


# --- arguments and output -------------------------------------------------------------------


def _text_of(text: object) -> str:
    """Text given to a ``loads_`` function, decoded from UTF-8 when given as bytes."""
    if isinstance(text, bytes):
        return decode(text, None)
    if isinstance(text, str):
        return text.removeprefix("\ufeff")
    raise InvalidInputError(
        field="text", value=text, problem="is not text", allowed="a str, or UTF-8 bytes"
    )


def _write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8; what cannot be written is our error."""
    try:
        path.write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        raise OutputError(file=str(path), problem=error.strerror or str(error)) from None
