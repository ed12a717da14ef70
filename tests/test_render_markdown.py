"""Tests of ``_render.markdown``: the one table writer, documents, and each result's Markdown."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import strategies
from pharma_outsourcing import (
    Assessment,
    Criterion,
    Evidence,
    Exclusion,
    OrganisationType,
    Partner,
    Phase,
    Reason,
    Recommendation,
    Service,
    Shortlist,
    SponsorProfile,
    describe,
    rank,
    recommend,
)
from pharma_outsourcing._reasons import with_type
from pharma_outsourcing._render.document import Heading, Paragraph, Table, Timeline
from pharma_outsourcing._render.markdown import (
    Markdown,
    assessment_markdown,
    comparison_markdown,
    description_markdown,
    document_markdown,
    evidence_markdown,
    markdown_escape,
    markdown_table,
    page,
    plan_markdown,
    recommendation_markdown,
    shortlist_markdown,
    shortlist_page,
    warnings_markdown,
)
from pharma_outsourcing._render.text import timeline_lines
from rendering import (
    WARNINGS,
    assessments,
    comparison,
    flat,
    integrated_plan,
    long_shortlist,
    markdown_shown,
    markdown_tables,
    markdown_tokens,
    shortlists,
    specialist_plan,
    sponsored_plan,
    unfilled_plan,
)

texts = st.text(st.characters(codec="utf-8"), max_size=40)
MONITORING = SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING})


@given(
    st.lists(texts, min_size=1, max_size=4).flatmap(
        lambda headers: st.tuples(
            st.just(headers),
            st.lists(st.lists(texts, min_size=len(headers), max_size=len(headers)), max_size=5),
        )
    )
)
def test_markdown_table_has_one_line_per_row_and_escaped_cells(
    table: tuple[list[str], list[list[str]]],
) -> None:
    headers, rows = table
    lines = markdown_table(headers, rows).split("\n")
    assert len(lines) == len(rows) + 2
    for line in lines:
        cells = re.split(r"(?<!\\)\|", line)
        assert len(cells) == len(headers) + 2  # a pipe before and after every cell


# Any name a partner may have: any Unicode text but a lone surrogate (which no file can
# store, and Partner refuses) and NUL (which CommonMark turns into U+FFFD).
names = st.text(st.characters(codec="utf-8", exclude_characters="\0"), max_size=40).filter(
    str.strip
)
markup = st.text(st.sampled_from("\\|*_~`[]()<>!&#;$=+-.:1 aZ\t\n"), min_size=1, max_size=12)
"""Texts made of what Markdown reads as markup: the hard cases of escaping."""


@given(names | markup.filter(str.strip))
def test_any_partner_name_round_trips_through_a_markdown_table_cell(name: str) -> None:
    # A parser reads back one row of two cells, the name as it was written (on one line).
    table = markdown_table(["name", "type"], [[name, "CRO"], ["x", "y"]])
    assert markdown_tables(table) == [[["name", "type"], [flat(name), "CRO"], ["x", "y"]]]


@given(names | markup.filter(str.strip))
def test_any_partner_name_round_trips_through_a_heading_a_list_and_bold(name: str) -> None:
    shown = flat(name)
    assert markdown_shown(page(name)) == shown + "\n"  # one heading, nothing dropped
    assert markdown_shown(_grouped_page(name)) == f"\n{shown}: why\n\n"
    partner = Partner(name=name, organisation_type=OrganisationType.CRO)
    ranked = rank(MONITORING, [partner]).ranked[0]
    head = assessment_markdown(ranked).split("\n\n")[0]
    assert markdown_shown(head).startswith(f"{flat(with_type(name, 'CRO'))}: score ")


def _grouped_page(name: str) -> str:
    """An exclusion's bullet for a partner called ``name``, excluded for one reason."""
    partner = Partner(name=name, organisation_type=OrganisationType.CRO)
    why = Reason(criterion=None, text="why", source="s")
    markdown = shortlist_markdown(Shortlist(excluded=(Exclusion(partner=partner, reasons=(why,)),)))
    return markdown.partition("**Excluded**\n\n")[2]


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a | b\nc", "a \\| b c"),
        ("Fir_*star* `x` [EU](y) <b>", "Fir\\_\\*star\\* \\`x\\` \\[EU\\](y) \\<b>"),
        ("C:\\ ~~old~~ $5 & &amp;", "C:\\\\ \\~\\~old\\~\\~ \\$5 & \\&amp;"),
        ("# 1. - > #1 0.5", "# 1. - > #1 0.5"),  # block markers only matter at a line's start
    ],
)
def test_markdown_escape_backslashes_every_markup_character(text: str, escaped: str) -> None:
    assert markdown_escape(text) == escaped


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("# Pharma", "\\# Pharma"),
        ("#1 Pharma", "#1 Pharma"),
        ("> quoted", "\\> quoted"),
        ("- item", "\\- item"),
        ("---", "\\---"),
        ("-Pharma", "-Pharma"),
        ("+ item", "\\+ item"),
        ("1. Pharma", "1\\. Pharma"),
        ("2024) Pharma", "2024\\) Pharma"),
        ("Lab #", "Lab \\#"),
        ("Lab#", "Lab#"),
    ],
)
def test_markdown_escape_at_a_line_start_also_escapes_what_opens_a_block(
    text: str, escaped: str
) -> None:
    assert markdown_escape(text, line_start=True) == escaped
    assert markdown_shown(markdown_escape(text, line_start=True)) == text + "\n"


def test_document_markdown_writes_headings_paragraphs_and_tables() -> None:
    document = (Heading("Title"), Paragraph("Some text."), Table(("a", "b"), (("x|y", "z"),)))
    assert document_markdown(document) == (
        "## Title\n\nSome text.\n\n| a | b |\n|---|---|\n| x\\|y | z |"
    )


# --- recommendations and descriptions ---------------------------------------------------


@given(st.from_type(SponsorProfile))
def test_recommendation_markdown_lists_services_in_catalogue_order(
    profile: SponsorProfile,
) -> None:
    recommendation = recommend(profile)
    markdown = recommendation_markdown(recommendation)
    rows = [line for line in markdown.splitlines() if line.startswith("| ") and "|---" not in line]
    listed = [row.split(" | ")[0].removeprefix("| ") for row in rows[1:]]
    assert listed == [s.label for s in Service if s in recommendation.assignments]
    assert markdown.count("*(source:") == len(recommendation.reasons)


def test_recommendation_of_nothing_says_so() -> None:
    nothing = recommend(SponsorProfile(phase=Phase.PHASE_1, services=frozenset()))
    assert recommendation_markdown(nothing).startswith("**Engage: nothing**")


def test_reason_with_criterion_names_it_by_its_label() -> None:
    reason = Reason(criterion=Criterion.CULTURAL_FIT, text="t", source="s")
    rendered = recommendation_markdown(Recommendation(engage=frozenset(), reasons=(reason,)))
    assert "[cultural fit]" in rendered


@pytest.mark.parametrize("org_type", list(OrganisationType))
def test_description_shows_every_row_and_its_source(org_type: OrganisationType) -> None:
    description = describe(org_type)
    markdown = description_markdown(description)
    for value in (description.primary_role, description.end_deliverable, description.source):
        assert markdown_escape(value) in markdown


# --- shortlists --------------------------------------------------------------------------


def _rows(markdown: str) -> list[list[str]]:
    """The cells of each body row of the first table in ``markdown``."""
    lines = [line for line in markdown.splitlines() if line.startswith("| ")]
    return [line.strip("| ").split(" | ") for line in lines[1:]]


def _bullets(markdown: str, section: str) -> list[str]:
    """The lines of the bulleted ``**section**`` of ``markdown`` (none if it has none)."""
    _, found, rest = markdown.partition(f"**{section}**\n\n")
    return rest.split("\n\n")[0].splitlines() if found else []


@given(shortlists)
def test_shortlist_markdown_has_a_row_per_ranked_partner(shortlist: Shortlist) -> None:
    markdown = shortlist_markdown(shortlist)
    assert markdown.count("\n| ") == (len(shortlist.ranked) + 1 if shortlist.ranked else 0)
    excluded = [line for line in _bullets(markdown, "Excluded") if line.startswith("- ")]
    assert len(excluded) == len(shortlist.excluded)


@given(shortlists)
def test_shortlist_markdown_shows_completeness_evidence_and_warnings(shortlist: Shortlist) -> None:
    markdown = shortlist_markdown(shortlist)
    (table,) = markdown_tables(markdown) or [[[]]]
    for assessment, cells in zip(shortlist.ranked, table[1:], strict=True):
        assert cells[1] == flat(assessment.partner.name)
        assert cells[4] == f"{assessment.completeness:.0%}"
        assert cells[5:] == [
            f"{assessment.scores[c]:.2f} {assessment.evidence[c].label}" for c in Criterion
        ]
        assert f"{assessment.scores[Criterion.CULTURAL_FIT]:.2f} *" in markdown  # in italics
    warned = [(p, a) for p, a in enumerate(shortlist.ranked, start=1) if a.warnings]
    lines = markdown_shown(_section(markdown, "Warnings")).splitlines()
    assert [line for line in lines if line.startswith("#")] == [
        flat(f"#{p} {a.partner.name}") + ":"
        + ("" if len(a.warnings) > 1 else f" {flat(a.warnings[0].text)}")
        for p, a in warned
    ]  # fmt: skip
    for _, assessment in warned:
        if len(assessment.warnings) > 1:
            for warning in assessment.warnings:
                assert flat(warning.text) in lines


def _section(markdown: str, section: str) -> str:
    """The ``**section**`` of ``markdown``, up to the next paragraph (empty if none)."""
    _, found, rest = markdown.partition(f"**{section}**\n\n")
    return rest.split("\n\n")[0] if found else ""


def test_exclusions_give_every_reason_one_to_a_line() -> None:
    markdown = shortlist_markdown(long_shortlist(ranked=0, excluded=1))
    assert _bullets(markdown, "Excluded") == ["- P0: x"]
    partner = Partner(name="Carrow", organisation_type=OrganisationType.CMO)
    reasons = tuple(Reason(criterion=None, text=t, source="s") for t in ("lacks <x>", "a | b"))
    markdown = shortlist_markdown(
        Shortlist(excluded=(Exclusion(partner=partner, reasons=reasons),))
    )
    assert _bullets(markdown, "Excluded") == ["- Carrow:", "  - lacks \\<x>", "  - a \\| b"]
    assert markdown_shown(_section(markdown, "Excluded")).split() == [
        "Carrow:", "lacks", "<x>", "a", "|", "b"
    ]  # fmt: skip


def test_notes_stand_above_the_table_as_a_quote() -> None:
    cro = Partner(name="A", organisation_type=OrganisationType.CRO)
    profile = SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING})
    shortlist = rank(profile, [cro])
    (note,) = shortlist.notes
    markdown = shortlist_markdown(shortlist)
    assert f"> **Note:** {note.text}" in markdown
    assert markdown.index("> **Note:**") < markdown.index("| # |")
    assert "> **Note:**" not in shortlist_markdown(long_shortlist(ranked=2, excluded=0))


def test_evidence_and_warnings_in_words() -> None:
    assert [evidence_markdown(e) for e in Evidence] == ["*recorded*", "*stated*", "*assumed*"]
    assert all(isinstance(evidence_markdown(e), Markdown) for e in Evidence)  # not escaped
    assert warnings_markdown(WARNINGS).splitlines() == [
        f"- {markdown_escape(w.text)} *(source: {markdown_escape(w.source)})*" for w in WARNINGS
    ]
    assert markdown_shown(warnings_markdown(WARNINGS)).splitlines()[1:-1] == [
        f"{w.text} (source: {w.source})" for w in WARNINGS
    ]


@given(assessments())
def test_assessment_shows_each_criterion_with_its_evidence_and_share(
    assessment: Assessment,
) -> None:
    markdown = assessment_markdown(assessment)
    assert (
        f"{assessment.completeness:.0%} of the weight rests on records or statements"
        in (markdown.splitlines()[0])
    )
    (table,) = markdown_tables(markdown)
    rows = table[1:]
    assert [cells[0].lower() for cells in rows] == [c.label for c in Criterion]
    for criterion, cells in zip(Criterion, rows, strict=True):
        assert cells[2] == assessment.evidence[criterion].label
        assert cells[3] == f"{assessment.contributions[criterion]:.3f}"
        assert cells[4] == f"reason <{criterion.value}>"
    assert markdown.count(f"| *{assessment.evidence[Criterion.CULTURAL_FIT].label}* |") >= 1
    assert markdown.count("\n| ") == len(Criterion) + 1
    assert _bullets(markdown, "Warnings") == warnings_markdown(assessment.warnings).splitlines()


def test_long_shortlists_are_cut_and_counted() -> None:
    assert "... and 3 more" in shortlist_markdown(long_shortlist(ranked=5, excluded=4), max_rows=2)


def test_empty_shortlist_says_so() -> None:
    assert shortlist_markdown(Shortlist()) == "**Shortlist: 0 ranked, 0 excluded**"


@given(shortlists, st.integers(min_value=0, max_value=7))
def test_shortlist_page_explains_the_first_partners(shortlist: Shortlist, explained: int) -> None:
    markdown = shortlist_page(shortlist, "Title", note="A note.", explained=explained)
    assert markdown.startswith("## Title\n\nA note.\n\n**Shortlist: ")
    assert markdown.count("| Criterion | Score | Evidence | Share of total | Why |") == min(
        explained, len(shortlist.ranked)
    )


@given(strategies.warned_shortlists())
def test_every_completeness_warning_and_note_shows_in_markdown(shortlist: Shortlist) -> None:
    page = markdown_shown(shortlist_page(shortlist, "T", note="N", explained=len(shortlist.ranked)))
    page = flat(page)
    table = flat(markdown_shown(shortlist_markdown(shortlist)))
    for assessment in shortlist.ranked:
        assert f" {assessment.completeness:.0%} " in table
        assert f"{assessment.completeness:.0%} of the weight" in page
        for warning in assessment.warnings:
            assert flat(warning.text) in table
    for note in shortlist.notes:
        assert f"Note: {flat(note.text)}" in table
    for exclusion in shortlist.excluded:
        for why in exclusion.reasons:
            assert flat(why.text) in table


# --- plans -------------------------------------------------------------------------------


def test_plan_without_handoffs_lists_its_one_organisation() -> None:
    markdown = plan_markdown(integrated_plan())
    assert "| phase 1 | CDMO | 1 |" in markdown
    assert markdown.endswith("No handoffs: each area of work stays with one organisation.")


def test_plan_markdown_lists_steps_and_handoffs() -> None:
    markdown = plan_markdown(specialist_plan())
    assert markdown.startswith("**Sourcing plan (specialist): 4 handoffs, 1 technology transfer**")
    assert "| Phase | Engaged | Services |" in markdown  # no in-house column: nothing in house
    assert "| phase 2 | CRO, CMO | 2 |" in markdown
    assert markdown.count("| manufacturing |") == 4
    assert (
        "| phase 3 | tech transfer | CMO | Oak & Co (CMO) | manufacturing | scale-up elsewhere |"
    ) in markdown


def test_plan_markdown_shows_the_sponsor_and_work_to_be_sourced() -> None:
    markdown = plan_markdown(sponsored_plan())
    assert "1 service to be sourced**" in markdown
    assert "| Phase | Engaged | Services | In house |" in markdown
    steps, sourced, handoffs = markdown_tables(markdown)
    assert steps[2] == ["phase 3", 'Alder <Clinical> & "Co" (CRO), CMO (to be sourced)', "2", "1"]
    assert "*To be sourced: 1 service*" in markdown
    assert sourced[1] == ["phase 3", "API production"]
    assert handoffs[1][:5] == [
        "phase 3",
        "tech transfer",
        "sponsor",
        "CMO (to be sourced)",
        "manufacturing",
    ]
    assert handoffs[2][:5] == [
        "phase 3",
        "transition",
        'Alder <Clinical> & "Co" (CRO)',
        "sponsor",
        "data",
    ]
    assert "Alder \\<Clinical> & " in markdown


def test_a_plan_with_work_unfilled_never_says_only_no_handoffs() -> None:
    markdown = plan_markdown(unfilled_plan())
    assert markdown.endswith(
        "No handoffs among the partners named; 2 services still to be sourced."
    )
    assert "| phase 1 | CRO (to be sourced), CDMO (to be sourced) | 2 |" in markdown


def test_comparison_shows_the_three_plans_and_what_each_saves() -> None:
    markdown = comparison_markdown(comparison())
    assert markdown.count("**Sourcing plan (") == 3
    assert "Preferred for this profile: CRO and CDMO." in markdown
    assert (
        "| Plan | Handoffs | Technology transfers | To be sourced | Against the specialist plan |"
    ) in markdown
    assert "| integrated | 0 | 0 | 0 | saves 4 handoffs and 1 technology transfer |" in markdown
    assert (
        "| CRO and CDMO (preferred) | 3 | 0 | 0 | saves 1 handoff and 1 technology transfer |"
        in markdown
    )
    assert "| specialist | 4 | 1 | 0 | - |" in markdown


def test_a_document_timeline_is_a_fenced_block_longer_than_any_backticks_in_it() -> None:
    timeline = Timeline(("phase 1", "phase 2"), (("Acme ``` Labs", (True, True)),), ("", "1"))
    markdown = document_markdown((Heading("Plan"), timeline))
    fence = "````"  # longer than the name's run of three backticks
    assert markdown == "\n".join(["## Plan", "", fence, *timeline_lines(timeline), fence])
    (block,) = [t for t in markdown_tokens(markdown) if t.type == "fence"]
    assert block.content.splitlines() == timeline_lines(timeline)
