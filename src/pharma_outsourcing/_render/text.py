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
_NARROWEST = 24  # labels narrower than this stand on lines of their own, above their bars
_INDENT = 2  # the bars' indent when the labels stand above them


def _bars(active: Sequence[bool], widths: Sequence[int]) -> str:
    """A lane's bars: each phase's column filled where it works, joined across gaps.

    Each column is preceded by its two-space gap, filled too where the lane works on both
    sides of it.
    """
    bars = ""
    for column, on in enumerate(active):
        joined = on and column > 0 and active[column - 1]
        bars += (BAR * 2 if joined else "  ") + (BAR if on else " ") * widths[column]
    return bars


def timeline_lines(timeline: Timeline, width: int = WIDTH) -> list[str]:
    r"""Lay out ``timeline`` within ``width`` characters: a lane per line, bars by phase.

    The columns are fitted as a table's are: the phases' headings wrap first, then the
    lanes' labels narrow; where the labels would be left too narrow, each stands on a line
    of its own above its bars. A lane's bar runs unbroken across consecutive phases it
    works in, and the last row gives the numbers of each phase's handoffs.

    Example:
        >>> lanes = (("CRO", (True, True, False)), ("CMO", (False, True, True)))
        >>> timeline = Timeline(("p1", "p2", "p3"), lanes, ("", "1", ""))
        >>> print("\n".join(timeline_lines(timeline)))
                    p1  p2  p3
        CRO         ======
        CMO             ======
        handoffs #      1
        >>> print("\n".join(timeline_lines(timeline, width=14)))
          p1  p2  p3
        CRO
          ======
        CMO
              ======
        handoffs #
              1
    """
    marked = any(timeline.marks)
    rows = [(label, *(BAR if on else "" for on in active)) for label, active in timeline.lanes]
    if marked:
        rows.append((MARKS_LABEL, *timeline.marks))
    header = ("", *timeline.columns)
    natural = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    widths = natural
    # Too wide: the phases' headings wrap to their longest word before the labels narrow
    # (a short one such as "phase 1" stays whole).
    shortest = tuple(
        heading if len(heading) <= _WHOLE else max(heading.split() or [""], key=len)
        for heading in timeline.columns
    )
    if sum(widths) + 2 * (len(widths) - 1) > width:
        widths = _column_widths(Table(("", *shortest), tuple(rows)), width)
    if widths[0] < min(natural[0], _NARROWEST):
        return _stacked(timeline, shortest, width)
    lines = _joined(_wrapped(header, widths), widths)
    for label, active in timeline.lanes:
        labels = _wrapped((label,), widths[:1])[0]
        lines.append((labels[0].ljust(widths[0]) + _bars(active, widths[1:])).rstrip())
        lines.extend(labels[1:])
    if marked:
        lines.extend(_joined(_wrapped((MARKS_LABEL, *timeline.marks), widths), widths))
    return lines


def _stacked(timeline: Timeline, shortest: Sequence[str], width: int) -> list[str]:
    """A timeline whose lanes' labels stand above their bars, for a narrow width."""
    rows = [tuple(BAR if on else "" for on in active) for _, active in timeline.lanes]
    if any(timeline.marks):
        rows.append(tuple(timeline.marks))
    widths = _column_widths(Table(tuple(shortest), tuple(rows)), width - _INDENT)
    indent = " " * (_INDENT - 2)  # each column's two-space gap ends the indent
    lines = [
        (" " * _INDENT + line).rstrip()
        for line in _joined(_wrapped(timeline.columns, widths), widths)
    ]
    for label, active in timeline.lanes:
        lines.extend(textwrap.wrap(label, width, break_on_hyphens=False) or [""])
        lines.append((indent + _bars(active, widths)).rstrip())
    if any(timeline.marks):
        lines.append(MARKS_LABEL)
        marks = _joined(_wrapped(timeline.marks, widths), widths)
        lines.extend((" " * _INDENT + line).rstrip() for line in marks)
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
