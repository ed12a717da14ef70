"""The command line's plain-text layout: documents as lines within a width (100 by default).

Headings stand on their own lines and paragraphs are wrapped to the width, and tables are
laid out in aligned columns, each narrowed (prose first) until the table fits, with
cells wrapped inside their column. A timeline is laid out as a table whose cells are
bars: ``=`` where a lane works, joined across consecutive phases.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

from .document import MARKS_LABEL, Block, Heading, Paragraph, Table, Timeline

__all__ = ["BAR", "WIDTH", "document_text", "table_lines", "timeline_lines"]

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


def _wrapped(cells: Sequence[str], widths: Sequence[int]) -> list[list[str]]:
    """Each cell wrapped in its column (an empty cell as one empty line)."""
    return [
        textwrap.wrap(cell, column, break_on_hyphens=False) if cell else [""]
        for cell, column in zip(cells, widths, strict=True)
    ]


def _joined(wrapped: Sequence[Sequence[str]], widths: Sequence[int]) -> list[str]:
    """Wrapped cells side by side, two spaces apart, as many lines as the tallest."""
    return [
        "  ".join(
            (lines[row] if row < len(lines) else "").ljust(column)
            for lines, column in zip(wrapped, widths, strict=True)
        ).rstrip()
        for row in range(max(len(lines) for lines in wrapped))
    ]


def table_lines(table: Table, width: int = WIDTH) -> list[str]:
    r"""Lay out ``table`` as aligned columns within ``width`` characters.

    Example:
        >>> print("\n".join(table_lines(Table(("a", "bb"), (("1", "2"),)))))
        a  bb
        -  --
        1  2
    """
    widths = _column_widths(table, width)
    lines = _joined(_wrapped(table.header, widths), widths)
    lines.append("  ".join("-" * column for column in widths))
    for row in table.rows:
        lines.extend(_joined(_wrapped(row, widths), widths))
    return lines


BAR = "="
"""What a timeline draws where a lane works."""

_WHOLE = 8  # a timeline heading this short never wraps


def timeline_lines(timeline: Timeline, width: int = WIDTH) -> list[str]:
    r"""Lay out ``timeline`` within ``width`` characters: a lane per line, bars by phase.

    The columns are fitted as a table's are (the lanes' labels narrowed first); a lane's
    bar runs unbroken across consecutive phases it works in, and the last row gives the
    numbers of each phase's handoffs.

    Example:
        >>> lanes = (("CRO", (True, True, False)), ("CMO", (False, True, True)))
        >>> print("\n".join(timeline_lines(Timeline(("p1", "p2", "p3"), lanes, ("", "1", "")))))
                    p1  p2  p3
        CRO         ======
        CMO             ======
        handoffs #      1
    """
    marked = any(timeline.marks)
    rows = [(label, *(BAR if on else "" for on in active)) for label, active in timeline.lanes]
    if marked:
        rows.append((MARKS_LABEL, *timeline.marks))
    header = ("", *timeline.columns)
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    if sum(widths) + 2 * (len(widths) - 1) > width:
        # Too wide: the phases' headings wrap to their longest word before the labels do
        # (a short one such as "phase 1" stays whole).
        shortest = tuple(
            heading if len(heading) <= _WHOLE else max(heading.split() or [""], key=len)
            for heading in timeline.columns
        )
        widths = _column_widths(Table(("", *shortest), tuple(rows)), width)
    lines = _joined(_wrapped(header, widths), widths)
    for label, active in timeline.lanes:
        labels = _wrapped((label,), widths[:1])[0]
        bars = ""
        for column, on in enumerate(active):
            joined = on and column > 0 and active[column - 1]
            gap = BAR * 2 if joined else "  "
            bars += gap + (BAR if on else " ") * widths[column + 1]
        lines.append((labels[0].ljust(widths[0]) + bars).rstrip())
        lines.extend(rest for rest in labels[1:])
    if marked:
        lines.extend(_joined(_wrapped((MARKS_LABEL, *timeline.marks), widths), widths))
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
        elif isinstance(block, Timeline):
            parts.append("\n".join(timeline_lines(block, width)))
        else:
            parts.append("\n".join(table_lines(block, width)))
    return "\n\n".join(parts)
