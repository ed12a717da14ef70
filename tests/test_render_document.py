"""Tests of ``_render.document``: what the command line says for each result."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

import pharma_outsourcing as po
import strategies
from pharma_outsourcing._render.document import (
    Block,
    Heading,
    Paragraph,
    Table,
    comparison_document,
    description_document,
    plan_document,
    shortlist_document,
    why_excluded,
)
from pharma_outsourcing._render.html import comparison_html, plan_html
from pharma_outsourcing._render.markdown import comparison_markdown, plan_markdown
from pharma_outsourcing._render.text import WIDTH, document_text
from rendering import (
    WARNINGS,
    comparison,
    flat,
    sponsored_plan,
    unfilled_plan,
    values_shown,
    visible,
    words_of,
)

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


# --- plans -------------------------------------------------------------------------------


def _tables(document: tuple[Block, ...], *header: str) -> list[Table]:
    return [block for block in document if isinstance(block, Table) and block.header == header]


def test_plan_document_shows_the_sponsor_and_work_to_be_sourced() -> None:
    document = plan_document(sponsored_plan(), "T")
    assert document[0] == Heading(
        "T: specialist plan, 2 handoffs, 1 technology transfer, 1 service to be sourced"
    )
    phase_2, phase_3 = _tables(document, "engaged", "services")
    assert phase_2.rows == (
        ("sponsor (in house)", "1 manufacturing"),
        ('Alder <Clinical> & "Co" (CRO)', "1 clinical, 1 data"),
    )
    assert phase_3.rows == (
        ("sponsor (in house)", "1 data"),
        ('Alder <Clinical> & "Co" (CRO)', "1 clinical"),
        ("CMO (to be sourced)", "1 manufacturing"),
    )
    assert Heading("Phase 2: 2 services, 1 in house") in document
    assert Heading("To be sourced (1 service)") in document
    (sourced,) = _tables(document, "phase", "no candidate qualifies for")
    assert sourced.rows == (("phase 3", "API production"),)
    (handoffs,) = _tables(document, "phase", "kind", "why")
    assert handoffs.rows == (
        ("phase 3", "tech transfer", "the sponsor's plant <stops> & the process moves"),
        ("phase 3", "transition", "data management comes in house"),
    )


def test_a_plan_with_work_unfilled_never_says_only_no_handoffs() -> None:
    document = plan_document(unfilled_plan(), "T")
    assert document[-1] == Paragraph(
        "No handoffs among the partners named; 2 services still to be sourced."
    )
    (engaged,) = _tables(document, "engaged", "services")
    assert [row[0] for row in engaged.rows] == ["CRO (to be sourced)", "CDMO (to be sourced)"]


def test_comparison_document_shows_the_three_plans_and_what_each_saves() -> None:
    document = comparison_document(comparison(), "T")
    assert document[0] == Heading("T: integrated, CRO and CDMO, or specialists")
    assert document[1] == Paragraph(
        "Against the specialist plan (4 handoffs, 1 technology transfer), the integrated plan "
        "saves 4 handoffs and 1 technology transfer and the CRO and CDMO plan saves 1 handoff "
        "and 1 technology transfer. Preferred for this profile: CRO and CDMO."
    )
    assert document[2] == Table(
        (
            "plan",
            "handoffs",
            "technology transfers",
            "to be sourced",
            "against the specialist plan",
        ),
        (
            ("integrated", "0", "0", "0", "saves 4 handoffs and 1 technology transfer"),
            (
                "CRO and CDMO (preferred)",
                "3",
                "0",
                "0",
                "saves 1 handoff and 1 technology transfer",
            ),
            ("specialist", "4", "1", "0", "-"),
        ),
    )
    headings = [b.text for b in document if isinstance(b, Heading) and " plan" in b.text]
    assert headings == [
        "Integrated plan: 0 handoffs, 0 technology transfers",
        "CRO and CDMO plan (preferred): 3 handoffs, 0 technology transfers",
        "Specialist plan: 4 handoffs, 1 technology transfer",
    ]


def test_a_plan_with_more_handoffs_than_the_specialist_one_is_said_to_add_them() -> None:
    both = comparison()
    worse = attrs.evolve(both, integrated=both.specialist, specialist=both.cro_and_cdmo)
    said = comparison_document(worse, "T")[1]
    assert isinstance(said, Paragraph)
    assert "the integrated plan adds 1 handoff and 1 technology transfer" in said.text
    assert "the CRO and CDMO plan saves none." in said.text


def _shown(document: tuple[Block, ...]) -> list[str]:
    """Every heading, paragraph and table cell of ``document``."""
    texts: list[str] = []
    for block in document:
        if isinstance(block, Table):
            texts.extend(cell for row in (block.header, *block.rows) for cell in row)
        else:
            texts.append(block.text)
    return texts


@given(strategies.sourcing_plans())
def test_every_display_of_a_plan_is_in_labels_and_counts_the_work_to_be_sourced(
    sourcing: po.SourcingPlan,
) -> None:
    document = plan_document(sourcing, "T")
    for text in _shown(document):
        assert not values_shown(text), text  # phases, services, areas, strategies in words
    assert not values_shown(visible(plan_html(sourcing)))
    assert not values_shown(plan_markdown(sourcing))
    text = document_text(document)
    assert all(len(line) <= WIDTH for line in text.splitlines())
    unfilled = sum(len(services) for services in sourcing.unfilled.values())
    said = "No handoffs:" in text
    if unfilled:
        assert isinstance(document[0], Heading)
        assert document[0].text.endswith(f"{unfilled} service{'s' * (unfilled != 1)} to be sourced")
        (sourced,) = _tables(document, "phase", "no candidate qualifies for")
        assert [row[0] for row in sourced.rows] == [
            phase.label for phase in sourcing.phases if phase in sourcing.unfilled
        ]
        assert not said
    else:
        heading = document[0]
        assert isinstance(heading, Heading)
        assert "to be sourced" not in heading.text
        assert said == (not sourcing.handoffs)


@given(strategies.strategy_comparisons())
def test_every_display_of_a_comparison_shows_three_plans_in_labels(
    compared: po.StrategyComparison,
) -> None:
    document = comparison_document(compared, "T")
    for text in _shown(document):
        assert not values_shown(text), text
    html = visible(comparison_html(compared))
    markdown = comparison_markdown(compared)
    assert not values_shown(html)
    assert not values_shown(markdown)
    said = f"Preferred for this profile: {compared.preferred.label}."
    assert said in html
    assert said in markdown
    assert html.count("Sourcing plan (") == markdown.count("**Sourcing plan (") == 3
    assert all(len(line) <= WIDTH for line in document_text(document).splitlines())
