"""The command line's plain-text layout: documents as lines within 100 columns.

Headings stand on their own lines and paragraphs are wrapped to the width, and tables are
laid out in aligned columns, each narrowed (prose first) until the table fits, with
cells wrapped inside their column.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

from .document import Block, Heading, Paragraph, Table

__all__ = ["WIDTH", "document_text", "table_lines"]

WIDTH = 100
"""The width text output fits in, in characters."""


def _column_widths(table: Table, width: int) -> list[int]:
    """Each column's width: its widest cell, narrowed (prose first) to fit ``width``."""
    columns = list(zip(table.header, *table.rows, strict=True))
    widths = [max(len(cell) for cell in column) for column in columns]
    # A column is narrowed to its longest word (up to 24) first, so names stay whole;
    # only a table that still does not fit has its widest column's words broken.
    floors = [
        min(24, max((len(word) for cell in column for word in cell.split()), default=1))
        for column in columns
    ]
    available = width - 2 * (len(widths) - 1)
    while sum(widths) > available:
        slack = [current - floor for current, floor in zip(widths, floors, strict=True)]
        loosest = max(range(len(widths)), key=slack.__getitem__)
        if slack[loosest] <= 0:
            break
        widths[loosest] -= 1
    while sum(widths) > available:
        widest = max(range(len(widths)), key=widths.__getitem__)
        if widths[widest] <= 1:
            break
        widths[widest] -= 1
    return widths


def table_lines(table: Table, width: int = WIDTH) -> list[str]:
    r"""Lay out ``table`` as aligned columns within ``width`` characters.

    Example:
        >>> print("\n".join(table_lines(Table(("a", "bb"), (("1", "2"),)))))
        a  bb
        -  --
        1  2
    """
    widths = _column_widths(table, width)
    lines: list[str] = []

    def emit(cells: Sequence[str]) -> None:
        wrapped = [
            textwrap.wrap(cell, column, break_on_hyphens=False) if cell else [""]
            for cell, column in zip(cells, widths, strict=True)
        ]
        for row in range(max(len(parts) for parts in wrapped)):
            parts = [
                (lines_[row] if row < len(lines_) else "").ljust(column)
                for lines_, column in zip(wrapped, widths, strict=True)
            ]
            lines.append("  ".join(parts).rstrip())

    emit(table.header)
    lines.append("  ".join("-" * column for column in widths))
    for row in table.rows:
        emit(row)
    return lines


def document_text(document: Iterable[Block], width: int = WIDTH) -> str:
    r"""A document as plain text within ``width`` characters, blocks apart by a blank line.

    Example:
        >>> print(document_text([Heading("Title"), Paragraph("one two three")], width=8))
        Title
        <BLANKLINE>
        one two
        three
    """
    parts: list[str] = []
    for block in document:
        if isinstance(block, Heading | Paragraph):
            parts.append(textwrap.fill(block.text, width))
        else:
            parts.append("\n".join(table_lines(block, width)))
    return "\n\n".join(parts)
