"""Tests of ``_render.html``: the building blocks first, then each result's HTML."""

from __future__ import annotations

import html
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
from pharma_outsourcing._render.html import (
    TYPE_COLOURS,
    Html,
    assessment_html,
    badge,
    comparison_html,
    description_html,
    escape,
    evidence_tag,
    html_table,
    key_value_table,
    plan_html,
    recommendation_html,
    score_bar,
    shortlist_html,
    timeline,
    warnings_html,
)
from rendering import (
    WARNINGS,
    assessments,
    comparison,
    flat,
    integrated_plan,
    long_shortlist,
    shortlists,
    specialist_plan,
    sponsored_plan,
    unfilled_plan,
    visible,
)

texts = st.text(st.characters(codec="utf-8"), max_size=40)


# --- building blocks ---------------------------------------------------------------------


@given(texts)
def test_escape_leaves_no_markup_and_round_trips(text: str) -> None:
    escaped = escape(text)
    assert not set("<>\"'") & set(escaped.replace("&#x27;", ""))
    assert html.unescape(escaped) == text


@given(st.text())
def test_escape_is_the_standard_librarys(text: str) -> None:
    assert escape(text) == html.escape(text, quote=True)


@given(texts)
def test_escape_keeps_trusted_html(text: str) -> None:
    fragment = Html(text)
    assert escape(fragment) is fragment


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-10, max_value=10))
def test_score_bar_fill_is_clamped_and_number_shown(value: float) -> None:
    bar = score_bar(value)
    width = float(re.search(r"width:([\d.]+)%", bar).group(1))  # type: ignore[union-attr]
    assert 0 <= width <= 100
    assert width == pytest.approx(min(max(value, 0), 1) * 100, abs=0.05)
    assert f"{value:.2f}" in visible(bar)


@given(st.lists(st.lists(texts, min_size=2, max_size=2), max_size=5))
def test_html_table_shows_every_cell(rows: list[list[str]]) -> None:
    table = html_table(["A", "B"], rows, caption="C", numeric=(1,))
    assert table.count("<tr>") == len(rows) + 1
    shown = visible(table)
    for row in rows:
        for cell in row:
            assert " ".join(cell.split()) in " ".join(shown.split()) or not cell.strip()


def test_html_table_shows_none_as_empty() -> None:
    assert "None" not in html_table(["A"], [[None]])


@given(st.lists(st.tuples(texts, texts), max_size=5))
def test_key_value_table_shows_every_key_and_value(rows: list[tuple[str, str]]) -> None:
    table = key_value_table(rows)
    assert table.count("<tr>") == len(rows)
    for key, value in rows:
        assert escape(key) in table
        assert escape(value) in table


@given(
    st.lists(st.lists(st.booleans(), min_size=4, max_size=4), min_size=1, max_size=4),
    st.lists(st.tuples(st.integers(0, 3), texts), max_size=3),
)
def test_timeline_draws_one_bar_cell_per_active_phase(
    lanes: list[list[bool]], markers: list[tuple[int, str]]
) -> None:
    chart = timeline(
        ["a", "b", "c", "d"],
        [(f"CRO {i}", active) for i, active in enumerate(lanes)],
        markers=markers,
    )
    assert chart.count("height:14px") == sum(map(sum, lanes))
    for _, text in markers:
        assert escape(text) in chart


def test_timeline_joins_consecutive_phases_into_one_bar() -> None:
    chart = timeline(["a", "b", "c"], [("CMO", [True, True, False])])
    assert "border-radius:7px 0 0 7px" in chart  # the bar's start
    assert "border-radius:0 7px 7px 0" in chart  # its end
    assert TYPE_COLOURS["cmo"] in chart


def test_badge_uses_type_colour_or_neutral() -> None:
    assert TYPE_COLOURS["cro"] in badge("CRO")
    assert TYPE_COLOURS["cro"] not in badge("Other")


# --- recommendations and descriptions ---------------------------------------------------


@given(st.from_type(SponsorProfile))
def test_recommendation_html_shows_types_services_and_every_reason(
    profile: SponsorProfile,
) -> None:
    recommendation = recommend(profile)
    rendered = recommendation_html(recommendation)
    shown = visible(rendered)
    assert "<script" not in rendered
    for org_type in recommendation.engage | (recommendation.alternative or frozenset()):
        assert org_type.value.upper() in shown
    for service in recommendation.assignments:
        assert service.label in shown  # in words, with its area's label beside it
        assert service.category.label in shown
    for reason in recommendation.reasons:
        assert reason.text in shown
        assert reason.source in shown


def test_recommendation_of_nothing_says_so() -> None:
    nothing = recommend(SponsorProfile(phase=Phase.PHASE_1, services=frozenset()))
    assert "Engage:</b> nothing" in recommendation_html(nothing)


def test_reason_with_criterion_names_it_by_its_label() -> None:
    reasons = tuple(Reason(criterion=c, text="t", source="s") for c in Criterion)
    shown = visible(recommendation_html(Recommendation(engage=frozenset(), reasons=reasons)))
    for criterion in Criterion:
        assert f"[{criterion.label}]" in shown
    assert "[regulatory track record]" in shown
    assert "-" not in shown.partition("Reasons")[2]  # no kebab-case value


@pytest.mark.parametrize("org_type", list(OrganisationType))
def test_description_shows_every_row_and_its_source(org_type: OrganisationType) -> None:
    description = describe(org_type)
    shown = visible(description_html(description))
    for value in (description.primary_role, description.end_deliverable, description.source):
        assert value in shown


# --- shortlists --------------------------------------------------------------------------


@given(shortlists)
def test_shortlist_html_shows_every_partner_and_reason(shortlist: Shortlist) -> None:
    rendered = shortlist_html(shortlist)
    shown = visible(rendered)
    assert "<script" not in rendered
    for assessment in shortlist.ranked:
        assert assessment.partner.name in shown
        assert escape("reason <scalability>") in rendered
    for exclusion in shortlist.excluded:
        assert exclusion.partner.name in shown
        assert escape("lacks <x>") in rendered
        assert "<li>plain</li>" in rendered  # several reasons: one item each
    assert rendered.count('role="img"') == 7 * len(shortlist.ranked)


@given(shortlists)
def test_shortlist_html_shows_completeness_evidence_and_warnings(shortlist: Shortlist) -> None:
    rendered = shortlist_html(shortlist)
    shown = visible(rendered)
    for position, assessment in enumerate(shortlist.ranked, start=1):
        cells = rendered.split("<tr>")[position + 1]  # the heading row, then one per partner
        assert f">{assessment.completeness:.0%}</td>" in cells
        for criterion in Criterion:
            assert evidence_tag(assessment.evidence[criterion]) in cells
        if assessment.warnings:
            assert f"{len(assessment.warnings)} warning" in visible(cells)
            assert f"#{position} {assessment.partner.name}" in shown
    for warning in {w for a in shortlist.ranked for w in a.warnings}:
        assert escape(warning.text) in rendered
        assert escape(warning.source) in rendered
    assert ("Warnings" in shown) == any(a.warnings for a in shortlist.ranked)


def test_evidence_tags_are_words_and_assumed_is_also_in_italics() -> None:
    for evidence in Evidence:
        assert visible(evidence_tag(evidence)) == evidence.label
    assert "italic" in evidence_tag(Evidence.ASSUMED)
    assert "italic" not in evidence_tag(Evidence.RECORDED)


def test_warnings_are_a_list_with_their_sources_escaped() -> None:
    rendered = warnings_html(WARNINGS)
    assert rendered.startswith("<ul")
    assert rendered.count("<li") == len(WARNINGS)
    assert "&lt;2024&gt; &amp; &quot;open&quot;" in rendered
    assert "ICH &lt;Q10&gt; &amp; EU GMP" in rendered
    assert warnings_html(()) == ""


def test_shortlist_notes_stand_above_the_table() -> None:
    cro = Partner(name="A <&> B", organisation_type=OrganisationType.CRO)
    profile = SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING})
    shortlist = rank(profile, [cro])
    (note,) = shortlist.notes
    rendered = shortlist_html(shortlist)
    assert rendered.index('role="note"') < rendered.index("<table")
    assert f"Note: {note.text}" in visible(rendered)
    assert "A &lt;&amp;&gt; B" in rendered
    assert "A <&> B" not in rendered
    assert "rests mostly on assumptions" in visible(rendered)


def test_a_shortlist_without_notes_has_none() -> None:
    assert 'role="note"' not in shortlist_html(long_shortlist(ranked=2, excluded=0))


def test_an_exclusion_for_one_reason_is_that_reason() -> None:
    partner = Partner(name="X", organisation_type=OrganisationType.CMO)
    shortlist = Shortlist(
        excluded=(
            Exclusion(partner=partner, reasons=(Reason(criterion=None, text="a & b", source="s"),)),
        )
    )
    rendered = shortlist_html(shortlist)
    assert "a &amp; b" in rendered
    assert "<li>" not in rendered


@given(assessments())
def test_assessment_shows_each_criterion_with_score_evidence_share_and_reason(
    assessment: Assessment,
) -> None:
    rendered = assessment_html(assessment)
    shown = visible(rendered)
    assert assessment.partner.name in shown
    assert rendered.count('role="img"') == 7  # the total and one bar per criterion
    assert f"{assessment.completeness:.0%} of the weight rests on records or statements" in shown
    for criterion in Criterion:
        assert f"reason <{criterion.value}>" in shown
        assert f"{assessment.contributions[criterion]:.3f}" in shown
        label = criterion.label[0].upper() + criterion.label[1:]
        assert f"{label} " in shown  # by its label, not its value
    assert rendered.count('<small style="color:#57606a') >= len(Criterion)  # evidence tags
    for warning in assessment.warnings:
        assert escape(warning.text) in rendered
    assert ("Warnings" in shown) == bool(assessment.warnings)


@given(strategies.warned_shortlists())
def test_every_completeness_warning_and_note_shows_in_html(shortlist: Shortlist) -> None:
    shown = flat(visible(shortlist_html(shortlist)))
    for assessment in shortlist.ranked:
        assert f"{assessment.completeness:.0%}" in shown
        for warning in assessment.warnings:
            assert flat(warning.text) in shown
        explained = flat(visible(assessment_html(assessment)))
        assert f"{assessment.completeness:.0%} of the weight" in explained
        for warning in assessment.warnings:
            assert flat(warning.text) in explained
    for note in shortlist.notes:
        assert flat(note.text) in shown
    for exclusion in shortlist.excluded:
        for why in exclusion.reasons:
            assert flat(why.text) in shown


def test_long_shortlists_are_cut_and_counted() -> None:
    shortlist = long_shortlist(ranked=5, excluded=4)
    assert "... and 3 more" in visible(shortlist_html(shortlist, max_rows=2))  # ranked
    assert "... and 2 more" in visible(shortlist_html(shortlist, max_rows=2))  # excluded
    assert "4 excluded partners, and why" in visible(shortlist_html(shortlist))


def test_empty_shortlist_says_so() -> None:
    assert "No partner ranked." in shortlist_html(Shortlist())


# --- plans -------------------------------------------------------------------------------


def test_plan_html_draws_a_lane_per_organisation_and_marks_handoffs() -> None:
    rendered = plan_html(specialist_plan())
    shown = visible(rendered)
    assert "4 handoffs, 1 technology transfer" in shown
    assert rendered.count("height:14px") == 6  # two lanes over three phases
    assert "tech transfer, manufacturing: CMO to Oak &amp; Co (CMO)" in rendered
    assert shown.count("supplies feed trials") == 3


def test_plan_without_handoffs_says_so() -> None:
    rendered = plan_html(integrated_plan())
    assert "0 handoffs, 0 technology transfers" in rendered
    assert "No handoffs: each area of work stays with one organisation." in rendered
    assert "to be sourced" not in rendered


def test_plan_html_shows_the_sponsor_in_a_grey_lane_and_work_to_be_sourced() -> None:
    rendered = plan_html(sponsored_plan())
    shown = visible(rendered)
    assert (
        "Sourcing plan (specialist): 2 handoffs, 1 technology transfer, 1 service to be sourced"
        in shown
    )
    # The sponsor's lane, in the neutral grey, where it keeps work in house (both phases).
    sponsor_lane = rendered.split(">sponsor</th>", 1)[1].split("</tr>", 1)[0]
    assert sponsor_lane.count("background:#57606a") == 2
    assert "CMO (to be sourced)" in shown
    assert "tech transfer, manufacturing: sponsor to CMO (to be sourced)" in shown
    assert 'data: Alder <Clinical> & "Co" (CRO) to sponsor' in shown
    # A table of what is to be sourced: the phase and the services, in words.
    assert "To be sourced: 1 service" in shown
    assert "phase 3API production" in shown
    # Names and reasons are escaped wherever they appear.
    assert "<Clinical>" not in rendered
    assert "<stops>" not in rendered
    assert "the sponsor's plant <stops> & the process moves" in shown


def test_a_plan_with_work_unfilled_never_says_only_no_handoffs() -> None:
    shown = visible(plan_html(unfilled_plan()))
    assert "No handoffs among the partners named; 2 services still to be sourced." in shown
    assert "No handoffs:" not in shown
    assert "CRO (to be sourced)" in shown
    assert "CDMO (to be sourced)" in shown


def test_comparison_shows_the_three_plans_and_what_each_saves() -> None:
    shown = visible(comparison_html(comparison()))
    assert (
        "Against the specialist plan (4 handoffs, 1 technology transfer), the integrated plan "
        "saves 4 handoffs and 1 technology transfer and the CRO and CDMO plan saves 1 handoff "
        "and 1 technology transfer. Preferred for this profile: CRO and CDMO."
    ) in shown
    assert shown.count("Sourcing plan (") == 3
    assert "Sourcing plan (CRO and CDMO) (preferred): 3 handoffs" in shown
    assert "Sourcing plan (integrated): 0 handoffs" in shown
    assert "Sourcing plan (specialist): 4 handoffs" in shown
    assert "cro-and-cdmo" not in shown
