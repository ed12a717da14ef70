"""Tests of ``_render.text``: documents laid out within the width."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from pharma_outsourcing._render.document import MARKS_LABEL, Heading, Paragraph, Table, Timeline
from pharma_outsourcing._render.text import BAR, document_text, table_lines, timeline_lines

words = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=8)
cells = st.lists(words, max_size=8).map(" ".join)


def test_tables_fit_and_wrap() -> None:
    table = Table(("name", "text"), (("short", "word " * 60),))
    lines = table_lines(table, width=40)
    assert all(len(line) <= 40 for line in lines)
    assert len(lines) > 3
    # Columns narrow to their longest word (up to 24) first, so that names stay whole ...
    named = Table(("name", "text"), (("x" * 20, "y " * 30),))
    lines = table_lines(named, width=30)
    assert all(len(line) <= 30 for line in lines)
    assert lines[2].startswith("x" * 20 + "  y")
    # ... and break only a table that cannot fit otherwise, widest column first.
    wide = Table(("a" * 30, "b" * 30), (("x" * 30, "y" * 30),))
    lines = table_lines(wide, width=20)
    assert all(len(line) <= 20 for line in lines)
    assert "".join(line.split()[0] for line in lines if line.startswith("a")) == "a" * 30


@given(
    st.integers(min_value=1, max_value=4).flatmap(
        lambda columns: st.lists(
            st.lists(cells, min_size=columns, max_size=columns).map(tuple),
            min_size=1,
            max_size=5,
        )
    ),
    st.integers(min_value=40, max_value=100),
)
def test_every_word_of_a_table_is_laid_out_within_the_width(
    rows: list[tuple[str, ...]], width: int
) -> None:
    lines = table_lines(Table(rows[0], tuple(rows[1:])), width)
    assert all(len(line) <= width for line in lines)  # four words of 8 fit in 40
    shown = [word for line in lines for word in line.split() if set(word) != {"-"}]
    assert sorted(shown) == sorted(word for row in rows for cell in row for word in cell.split())


def test_document_text_wraps_paragraphs_and_headings() -> None:
    document = (Heading("A heading longer than ten"), Paragraph("one two three four"))
    assert document_text(document, width=10) == (
        "A heading\nlonger\nthan ten\n\none two\nthree four"
    )
    assert document_text((Heading("Short"),), width=10) == "Short"


phase_labels = st.sampled_from(
    ["discovery", "preclinical", "phase 1", "phase 2", "phase 3", "regulatory review", "commercial"]
)


@st.composite
def timelines(draw: st.DrawFn) -> Timeline:
    """Timelines of up to seven phases and five lanes, with handoff marks."""
    columns = tuple(draw(st.lists(phase_labels, min_size=1, max_size=7)))
    lanes = draw(
        st.lists(
            st.tuples(
                cells.filter(str.strip),
                st.lists(st.booleans(), min_size=len(columns), max_size=len(columns)).map(tuple),
            ),
            min_size=1,
            max_size=5,
        )
    )
    marks = draw(
        st.lists(
            st.sampled_from(["", "1", "2-5", "10-12"]), min_size=len(columns), max_size=len(columns)
        )
    )
    return Timeline(columns, tuple(lanes), tuple(marks))


def _bars(line: str, start: int) -> list[tuple[int, int]]:
    """The runs of ``=`` in ``line`` from column ``start``: (first, last) columns."""
    return [(m.start(), m.end() - 1) for m in re.finditer(f"{BAR}+", line) if m.start() >= start]


@given(timelines(), st.integers(min_value=76, max_value=140))
def test_a_timeline_fits_the_width_and_draws_each_run_as_one_bar(
    timeline: Timeline, width: int
) -> None:
    lines = timeline_lines(timeline, width)
    assert all(len(line) <= width for line in lines)
    bar_lines = [line for line in lines if BAR in line]  # labels are letters and digits
    # Each lane is one line with bars (its label may wrap onto lines of its own).
    runs = [
        sum(1 for k, on in enumerate(active) if on and (k == 0 or not active[k - 1]))
        for _, active in timeline.lanes
    ]
    lane_lines = [line for line in bar_lines if not line.startswith(MARKS_LABEL)]
    assert [len(_bars(line, 0)) for line in lane_lines] == [r for r in runs if r]
    if any(timeline.marks):
        # The row of marks comes last, its label whole (beside the marks, or above them).
        (start,) = [index for index, line in enumerate(lines) if line.startswith(MARKS_LABEL)]
        shown = " ".join(lines[start:]).split()
        assert [mark for mark in shown if mark not in MARKS_LABEL.split()] == [
            mark for mark in timeline.marks if mark
        ]


def test_a_timeline_keeps_its_labels_whole_when_the_phases_can_wrap() -> None:
    lanes = (("Kestrel Integrated Biologics (fictional CDMO)", (True, True, True, True, True)),)
    columns = ("phase 1", "phase 2", "phase 3", "regulatory review", "commercial")
    timeline = Timeline(columns, lanes, ("1", "2", "3", "4-7", ""))
    wide = timeline_lines(timeline, 120)
    assert wide[0].split() == [
        "phase",
        "1",
        "phase",
        "2",
        "phase",
        "3",
        "regulatory",
        "review",
        "commercial",
    ]
    assert wide[1].startswith("Kestrel Integrated Biologics (fictional CDMO)  ===")
    narrow = timeline_lines(timeline, 100)  # "regulatory review" wraps, the label does not
    assert narrow[1].strip() == "review"
    assert narrow[2].startswith("Kestrel Integrated Biologics (fictional CDMO)  ===")
    assert narrow[2].endswith(BAR)
    assert set(narrow[2][47:]) == {BAR}
    assert narrow[3].split() == ["handoffs", "#", "1", "2", "3", "4-7"]


def test_a_long_plan_at_80_columns_puts_its_labels_above_their_bars() -> None:
    columns = (
        *("discovery", "preclinical", "phase 1", "phase 2", "phase 3"),
        *("regulatory review", "commercial"),
    )
    lanes = (
        (
            "Alderbrook Clinical Research (fictional CRO)",
            (False, True, True, True, True, False, False),
        ),
        ("sponsor", (True,) * 7),
    )
    lines = timeline_lines(Timeline(columns, lanes, ("", "", "1", "", "2-3", "", "")), 80)
    assert max(map(len, lines)) <= 80
    assert lines[:2] == [
        "  discovery  preclinical  phase 1  phase 2  phase 3  regulatory  commercial",
        "                                                     review",
    ]
    assert lines[2] == "Alderbrook Clinical Research (fictional CRO)"
    assert lines[3] == " " * 13 + BAR * 38  # from preclinical to phase 3
    assert lines[4] == "sponsor"
    assert lines[5] == "  " + BAR * 73
    assert lines[6:] == [MARKS_LABEL, "                          1                 2-3"]


def test_document_text_lays_out_a_timeline() -> None:
    timeline = Timeline(("a", "b"), (("CRO", (True, False)),), ("", ""))
    assert document_text((Heading("T"), timeline), width=20) == "T\n\n     a  b\nCRO  ="
