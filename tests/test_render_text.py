"""Tests of ``_render.text``: documents laid out within the width."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pharma_outsourcing._render.document import Heading, Paragraph, Table
from pharma_outsourcing._render.text import document_text, table_lines

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
