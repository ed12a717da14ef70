"""Tests of ``_render.document``: what the command line says for each result."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

import pharma_outsourcing as po
import strategies
from pharma_outsourcing._render.document import (
    Heading,
    Paragraph,
    Table,
    description_document,
    shortlist_document,
    why_excluded,
)
from pharma_outsourcing._render.text import WIDTH, document_text
from rendering import WARNINGS, flat, words_of

CRO = po.OrganisationType.CRO
MONITORING = po.SponsorProfile(phase=po.Phase.PHASE_2, services={po.Service.SITE_MONITORING})


def test_exclusions_in_short() -> None:
    cro = po.Partner(name="A", organisation_type=po.OrganisationType.CRO)
    few = frozenset({po.Service.SITE_MONITORING, po.Service.API_PRODUCTION})
    shortlist = po.rank(po.SponsorProfile(phase=po.Phase.PHASE_2), [cro], services=few)
    (exclusion,) = shortlist.excluded
    # A CRO offers no API production (1 of the 2 services), which is GMP work.
    assert len(exclusion.reasons) == 2
    assert why_excluded(exclusion) == (
        "does not offer 1 of the 2 services it is ranked for; has no GMP evidence"
    )


def test_shortlist_document_without_note_or_exclusions() -> None:
    cro = po.Partner(name="A", organisation_type=CRO, communication=4)  # half stated
    text = document_text(shortlist_document(po.rank(MONITORING, [cro]), "T"))
    assert text.startswith("T: 1 ranked, 0 excluded\n\n#  partner")
    assert "excluded  why" not in text
    assert "Note:" not in text
    assert "warning" not in text


def test_shortlist_document_shows_notes_completeness_evidence_and_labels() -> None:
    shortlist = po.rank(MONITORING, [po.Partner(name="A", organisation_type=CRO)])
    (note,) = shortlist.notes
    document = shortlist_document(shortlist, "T", note="N")
    assert document[2] == Paragraph(f"Note: {note.text}")  # before the table
    scores = document[3]
    assert isinstance(scores, Table)
    assert scores.header[:5] == ("#", "partner", "type", "score", "evidence")
    assert scores.rows[0][4] == "33%"
    score = shortlist.ranked[0].score
    assert document[-2] == Heading(f"Why #1, A, scores {score:.2f} (evidence 33%)")
    why = document[-1]
    assert isinstance(why, Table)
    assert why.header == ("criterion", "score", "evidence", "reason")
    assert [row[0] for row in why.rows] == [c.label for c in po.Criterion]
    assert [row[2] for row in why.rows] == [e.label for e in shortlist.ranked[0].evidence.values()]
    text = document_text(document)
    assert "stage-of-development" not in text  # labels, not values
    assert "Evidence: the share of the weight resting on records or statements" in flat(text)


def test_warnings_stand_under_the_table_one_row_each() -> None:
    (assessment,) = po.rank(MONITORING, [po.Partner(name="A & B", organisation_type=CRO)]).ranked
    other = attrs.evolve(assessment, partner=po.Partner(name="C", organisation_type=CRO))
    shortlist = po.Shortlist(
        ranked=(
            attrs.evolve(assessment, warnings=WARNINGS),
            other,
            attrs.evolve(other, warnings=WARNINGS[:1]),
        )
    )
    (warnings,) = [
        b for b in shortlist_document(shortlist, "T") if "warning" in getattr(b, "header", ())
    ]
    assert warnings == Table(
        ("#", "partner", "warning"),
        (
            ("1", "A & B", WARNINGS[0].text),
            ("1", "", WARNINGS[1].text),
            ("3", "C", WARNINGS[0].text),
        ),
    )


@given(strategies.warned_shortlists(), st.none() | st.integers(min_value=1, max_value=5))
def test_every_completeness_warning_and_note_shows_in_text(
    shortlist: po.Shortlist, top: int | None
) -> None:
    document = shortlist_document(shortlist, "T", top=top)
    shown = shortlist.ranked if top is None else shortlist.ranked[:top]
    cells = [flat(cell) for b in document if isinstance(b, Table) for row in b.rows for cell in row]
    paragraphs = [b.text for b in document if isinstance(b, Paragraph)]
    for assessment in shown:
        assert f"{assessment.completeness:.0%}" in cells
        for warning in assessment.warnings:
            assert flat(warning.text) in cells
    for note in shortlist.notes:
        assert f"Note: {note.text}" in paragraphs
    text = document_text(document)
    assert all(len(line) <= WIDTH for line in text.splitlines())
    laid_out = words_of(text)
    for assessment in shown:
        for warning in assessment.warnings:
            assert set(words_of(warning.text)) <= set(laid_out)
    for note in shortlist.notes:
        assert flat(note.text) in flat(text)  # a paragraph: wrapped, not cut


@given(strategies.shortlists(), st.none() | st.integers(min_value=1, max_value=9))
def test_shortlist_document_explains_the_leader_or_the_top(
    shortlist: po.Shortlist, top: int | None
) -> None:
    document = shortlist_document(shortlist, "T", top=top, note="N")
    assert document[:2] == (
        Heading(f"T: {len(shortlist.ranked)} ranked, {len(shortlist.excluded)} excluded"),
        Paragraph("N"),
    )
    explained = [b for b in document if isinstance(b, Heading) and b.text.startswith("Why #")]
    assert len(explained) == min(1 if top is None else top, len(shortlist.ranked))
    shown = shortlist.ranked if top is None else shortlist.ranked[:top]
    warned = any(assessment.warnings for assessment in shown)
    tables = [b for b in document if isinstance(b, Table)]
    assert len(tables) == bool(shown) + warned + bool(shortlist.excluded) + len(explained)


def test_description_document_has_every_aspect_of_the_type() -> None:
    description = po.describe(po.OrganisationType.CDMO)
    heading, table = description_document(description)
    assert heading == Heading("CDMO: Contract Development and Manufacturing Organisation")
    assert isinstance(table, Table)
    assert [aspect for aspect, _ in table.rows] == [
        "primary role", "focus area", "expertise", "engagement stage", "end deliverable",
        "when to choose it", "services", "source",
    ]  # fmt: skip
    assert table.rows[-1] == ("source", description.source)
