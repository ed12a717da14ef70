"""Excel workbooks (.xlsx) as rows of text cells, with the ``xlsx`` extra (openpyxl).

A sheet is read as the rows CSV gives, so that one set of cell rules reads both: every
cell becomes the text CSV would hold (the CSV reader's ``cell_text``, which reads a
pandas DataFrame's cells too): a whole number as its digits
(``3001234567``, and ``12345`` for an Excel number ``12345.0``), another number as
Python writes it (``4.5``), ``true``/``false`` for a boolean, an Excel date as
``YYYY-MM-DD`` (with ``HH:MM:SS`` after it when it has a time of day), an empty cell as
nothing. Formulas are read as the values Excel last computed for them. Writing puts every
cell as text, so what is written reads back as it was.

openpyxl is imported only when a workbook is read or written; without it, the library's
error says how to install it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import ModuleType

from .._errors import InvalidDataError, InvalidInputError, OutputError, shown_value
from .csv import cell_text

__all__ = ["EXTRA", "iter_sheet", "read_sheet", "write_sheet"]

EXTRA = 'pip install "pharma-outsourcing[xlsx]"'
"""How to install what reading and writing workbooks needs."""


def _openpyxl(file: str | None) -> ModuleType:
    """The openpyxl module, or the library's error naming the extra that installs it."""
    try:
        import openpyxl  # noqa: PLC0415 - an optional extra, imported on first use
    except ImportError:
        raise InvalidDataError(
            [
                InvalidInputError(
                    field="file suffix",
                    value=".xlsx",
                    problem="needs openpyxl (the xlsx extra), which is not installed",
                    allowed=f"install it with {EXTRA}, or save the sheet as CSV",
                )
            ],
            file=file,
        ) from None
    return openpyxl


def iter_sheet(data: bytes, file: str | None) -> Iterator[tuple[int, list[str]]]:
    """The rows of a workbook's first sheet, in turn: text cells, with each row's number.

    Raises:
        InvalidDataError: openpyxl is not installed, or ``data`` is not a workbook it
            can read.
    """
    openpyxl = _openpyxl(file)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # a zip error, a missing part, bad XML: our error
        raise _unreadable(error, file) from None
    try:
        sheets = workbook.worksheets
        if not sheets:  # pragma: no cover - Excel and openpyxl always write one sheet
            return
        for number, row in enumerate(sheets[0].iter_rows(values_only=True), start=1):
            yield number, [cell_text(value) for value in row]
    except Exception as error:  # a sheet that fails on reading, too
        raise _unreadable(error, file) from None
    finally:
        workbook.close()


def read_sheet(data: bytes, file: str | None) -> list[tuple[int, list[str]]]:
    """The rows of a workbook's first sheet (see :func:`iter_sheet`), as a list.

    Empty rows at the end, which a sheet may report, are left out.

    Raises:
        InvalidDataError: openpyxl is not installed, or ``data`` is not a workbook it
            can read.
    """
    rows = list(iter_sheet(data, file))
    while rows and not any(rows[-1][1]):
        rows.pop()
    return rows


def _unreadable(error: Exception, file: str | None) -> InvalidDataError:
    detail = str(error) or type(error).__name__
    return InvalidDataError(
        [
            InvalidInputError(
                field="(file)",
                value="xlsx",
                problem=f"is not a workbook that can be read: {detail}",
                allowed="an Excel workbook (.xlsx), as Excel or another spreadsheet saves it",
            )
        ],
        file=file,
    )


# What a workbook's XML cannot hold: control characters (a tab and a line feed aside),
# halves of characters and U+FFFE/U+FFFF; and a carriage return, read back as a line feed.
_UNSTORABLE = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")


def write_sheet(path: Path, rows: Iterable[Sequence[str]]) -> None:
    """Write ``rows`` of text cells to one sheet of a new workbook at ``path``.

    Every cell is written as text (an empty one as an empty cell; one starting with
    ``=`` as text, not a formula), so it reads back as the same text. A cell holding what
    a workbook cannot store is refused before anything is written.

    Raises:
        InvalidDataError: openpyxl is not installed.
        OutputError: A cell holds a character a workbook cannot store, or the file
            cannot be written.
    """
    openpyxl = _openpyxl(str(path))
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415 - with openpyxl itself

    table = [list(row) for row in rows]
    header = table[0] if table else []
    for number, row in enumerate(table, start=1):
        for index, text in enumerate(row):
            found = _UNSTORABLE.search(text)
            if found is not None:
                column = header[index] if index < len(header) else f"column {index + 1}"
                raise OutputError(
                    file=str(path),
                    problem=f"row {number}, {column}: {shown_value(text)} holds "
                    f"{found.group()!r}, which a workbook cannot store (save it as CSV)",
                )
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()

    def text_cell(text: str) -> object:
        if not text:
            return None
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"  # text, even where it starts with '=' (not a formula)
        return cell

    for row in table:
        sheet.append([text_cell(text) for text in row])
    made = io.BytesIO()  # in memory first: a file that cannot be written is left untouched
    workbook.save(made)
    try:
        path.write_bytes(made.getvalue())
    except OSError as error:
        raise OutputError(file=str(path), problem=error.strerror or str(error)) from None
