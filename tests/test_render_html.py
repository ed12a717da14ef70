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
    SourcingPlan,
    SponsorProfile,
    describe,
    rank,
    recommend,
    sensitivity,
)
from pharma_outsourcing._render.document import Heading, Timeline
from pharma_outsourcing._render.html import (
    MUTED_OPACITY,
    SECONDARY,
    TRACK_OPACITY,
    TYPE_COLOURS,
    Html,
    assessment_html,
    badge,
    comparison_html,
    description_html,
    document_html,
    escape,
    evidence_tag,
    html_table,
    key_value_table,
    plan_html,
    recommendation_html,
    score_bar,
    sensitivity_html,
    shortlist_html,
    tag,
    timeline,
    warnings_html,
)
from rendering import (
    WARNINGS,
    assessments,
    comparison,
    contrast,
    flat,
    html_tables,
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


# A phase's handoff marks as labels.handoff_marks writes them: none, "3" or "4-7".
handoff_marks = st.from_regex(r"([0-9]{1,2}(-[0-9]{1,2})?)?", fullmatch=True)


@given(
    st.lists(st.lists(st.booleans(), min_size=4, max_size=4), min_size=1, max_size=4),
    st.lists(handoff_marks, min_size=4, max_size=4),
)
def test_timeline_draws_one_bar_cell_per_active_phase(
    lanes: list[list[bool]], marks: list[str]
) -> None:
    chart = timeline(
        ["a", "b", "c", "d"],
        [(f"CRO {i}", active) for i, active in enumerate(lanes)],
        marks=marks,
        marks_label="handoffs",
    )
    assert chart.count("height:14px") == sum(map(sum, lanes))
    for mark in marks:
        if mark:
            assert chart.count(f"&#8646; {escape(mark)}<") >= 1
    assert ("handoffs" in chart) == any(marks)


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
    assert rendered.count(f'<small style="{SECONDARY}') >= len(Criterion)  # evidence tags
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
    # Under the lanes, each phase's handoffs by number; the numbered table says what each is.
    assert _marks(rendered) == ["\u21c6 1", "\u21c6 2", "\u21c6 3\u20134"]
    (handoffs,) = _tables(rendered, "Handoffs")
    assert [row[:4] for row in handoffs] == [
        ["1", "phase 1", "interface", "CMO"],
        ["2", "phase 2", "interface", "CMO"],
        ["3", "phase 3", "interface", "CMO"],
        ["4", "phase 3", "tech transfer", "CMO"],
    ]
    assert handoffs[3][4:] == ["Oak & Co (CMO)", "manufacturing", "scale-up elsewhere"]
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
    # The sponsor's lane, neutral, where it keeps work in house (both phases).
    sponsor_lane = rendered.split(">sponsor</th>", 1)[1].split("</tr>", 1)[0]
    assert sponsor_lane.count(f"background:currentColor;opacity:{MUTED_OPACITY}") == 2
    assert "CMO (to be sourced)" in shown
    (handoffs,) = _tables(rendered, "Handoffs")
    assert handoffs[0][2:6] == ["tech transfer", "sponsor", "CMO (to be sourced)", "manufacturing"]
    assert handoffs[1][2:6] == ["transition", 'Alder <Clinical> & "Co" (CRO)', "sponsor", "data"]
    # A table of what is to be sourced: the phase and the services, in words.
    assert "To be sourced: 1 service" in shown
    (sourced,) = _tables(rendered, "To be sourced: 1 service")
    assert sourced == [["phase 3", "API production"]]
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


def _tables(rendered: str, caption: str) -> list[list[list[str]]]:
    """The body rows' texts of the tables of ``rendered`` captioned ``caption``."""
    return [
        [[cell.text for cell in row] for row in table.rows[1:]]
        for table in html_tables(rendered)
        if table.caption == caption
    ]


def _marks(rendered: str) -> list[str]:
    """The marks under a plan's timeline: the numbers of each phase's handoffs."""
    for table in html_tables(rendered):
        for row in table.rows:
            if row[0].text.startswith("handoffs"):
                return [cell.text for cell in row[1:] if cell.text]
    return []


def _numbers(mark: str) -> list[int]:
    """The handoff numbers a mark stands for: an arrow and 4 to 7 are 4, 5, 6 and 7."""
    first, _, last = mark.removeprefix("\u21c6 ").partition("\u2013")
    return list(range(int(first), int(last or first) + 1))


@given(strategies.sourcing_plans())
def test_every_handoff_is_marked_once_on_the_timeline_and_listed_once(
    sourcing: SourcingPlan,
) -> None:
    rendered = plan_html(sourcing)
    marked = [number for mark in _marks(rendered) for number in _numbers(mark)]
    count = sum(1 for h in sourcing.handoffs if h.phase in sourcing.phases)
    assert marked == list(range(1, count + 1))
    listed = _tables(rendered, "Handoffs")
    rows = listed[0] if listed else []
    assert [row[0] for row in rows] == [str(n) for n in range(1, len(sourcing.handoffs) + 1)]
    # No more than the numbers in a lane's column: no 20-line pile of labels.
    assert all(re.fullmatch(r"\u21c6 \d+(\u2013\d+)?", mark) for mark in _marks(rendered))


# --- light and dark themes: colours from the text colour, contrast, alignment --------------

RGB = tuple[float, float, float]

THEMES: dict[str, tuple[RGB, RGB]] = {
    "black text on white (a browser, an exported file)": ((0, 0, 0), (255, 255, 255)),
    "JupyterLab light: black at 87% on white": ((33, 33, 33), (255, 255, 255)),
    "VS Code Light Modern: #3b3b3b on white": ((59, 59, 59), (255, 255, 255)),
    "white text on a near-black #111": ((255, 255, 255), (17, 17, 17)),
    "grey #ccc on a near-black #111": ((204, 204, 204), (17, 17, 17)),
    "VS Code Dark Modern: #ccc on #1f1f1f": ((204, 204, 204), (31, 31, 31)),
}
"""Text and page colours a notebook is read in: the figures below hold on each."""

WHITE, NEAR_BLACK = (255.0, 255.0, 255.0), (17.0, 17.0, 17.0)


def _over(colour: RGB, ground: RGB, opacity: float) -> RGB:
    """``colour`` at ``opacity`` over ``ground``, as a browser composites it."""
    return tuple(opacity * c + (1 - opacity) * g for c, g in zip(colour, ground, strict=True))  # type: ignore[return-value]


def _opacity(style: str) -> float:
    found = re.search(r"opacity:([\d.]+)", style)
    assert found, style
    return float(found.group(1))


def _rgb(hex_colour: str) -> RGB:
    return tuple(float(int(hex_colour[i : i + 2], 16)) for i in (1, 3, 5))  # type: ignore[return-value]


def test_secondary_text_keeps_aa_contrast_on_light_and_dark_themes() -> None:
    # Secondary text is the theme's own text colour at an opacity: 4.5:1 (WCAG AA) or more
    # against the page on every theme; a fixed grey cannot (#57606a gives 2.96 on #111).
    opacity = _opacity(tag("stated"))
    figures = {
        name: contrast(_over(text, page, opacity), page) for name, (text, page) in THEMES.items()
    }
    assert min(figures.values()) >= 4.5, figures
    assert contrast(_rgb("#57606a"), NEAR_BLACK) < 3  # the fixed grey this replaces
    # The figures (opacity 0.75): 10.4, 7.1, 5.3 on white; 10.8, 7.0 on #111, 6.4 on #1f1f1f.
    assert [round(f, 1) for f in figures.values()] == [10.4, 7.1, 5.3, 10.8, 7.0, 6.4]


def test_a_bar_is_a_strong_fill_on_a_faint_track_on_every_theme() -> None:
    # The track and the fill are both the text colour, faded: a score of 0 is an empty
    # track on any theme, and the fill keeps 3:1 against the track (WCAG 1.4.11).
    empty, full, muted = score_bar(0.0), score_bar(1.0), score_bar(1.0, muted=True)
    assert "width:0.0%" in empty
    for bar in (empty, full, muted):
        assert "#e6e8eb" not in bar
        assert not re.search(r"background:#", bar)
    track = _opacity(re.search(r"background:currentColor;opacity:[\d.]+", full).group())  # type: ignore[union-attr]
    assert track == TRACK_OPACITY
    fill = _opacity(muted.split("width:100.0%")[1])
    assert fill == MUTED_OPACITY
    for name, (text, page) in THEMES.items():
        ground = _over(text, page, track)
        assert 1.2 < contrast(ground, page) < 2, name  # seen, but plainly empty
        assert contrast(text, ground) >= 3, name  # the total's bar
        assert contrast(_over(text, ground, fill), ground) >= 3, name  # a criterion's


def _displays() -> list[str]:
    """One HTML display of every result type, with plans of every kind."""
    cro = Partner(name="A <&> B", organisation_type=OrganisationType.CRO, communication=4)
    profile = SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING})
    shortlist = rank(profile, [cro, Partner(name="C", organisation_type=OrganisationType.CRO)])
    return [
        recommendation_html(recommend(SponsorProfile(phase=Phase.PHASE_1))),
        description_html(describe(OrganisationType.CDMO)),
        shortlist_html(shortlist),
        shortlist_html(long_shortlist(ranked=3, excluded=2)),
        assessment_html(shortlist.ranked[0]),
        plan_html(specialist_plan()),
        plan_html(sponsored_plan()),
        plan_html(unfilled_plan()),
        comparison_html(comparison()),
        sensitivity_html(
            sensitivity(profile, [cro, Partner(name="C", organisation_type=OrganisationType.CRO)])
        ),
    ]


_FIXED = re.compile(r"(color|background|border[\w-]*):\s*[^;\"]*?(#[0-9a-fA-F]{6})")


def test_every_fixed_colour_reads_on_a_white_and_a_near_black_page() -> None:
    # Text takes the theme's colour; a fixed colour is a badge's fill behind its own white
    # text (4.5:1), or a lane, rule or sign beside words (3:1 on white and on #111).
    for rendered in _displays():
        for style in re.findall(r'style="([^"]*)"', rendered):
            for prop, colour in _FIXED.findall(style):
                if prop == "color" and colour == "#ffffff":
                    fill = re.search(r"background:(#[0-9a-fA-F]{6})", style)
                    assert fill, style  # white text only on a badge's own fill
                    assert contrast(WHITE, _rgb(fill.group(1))) >= 4.5, style
                elif "color:#ffffff" not in style:
                    assert contrast(_rgb(colour), WHITE) >= 3, style
                    assert contrast(_rgb(colour), NEAR_BLACK) >= 3, style
            assert "#e6e8eb" not in style  # the light-grey track that read backwards
            assert not ("#57606a" in style and "color:#ffffff" not in style), style


def test_the_type_colours_and_the_caution_amber_figures() -> None:
    figures = {
        colour: (
            round(contrast(_rgb(colour), WHITE), 2),
            round(contrast(_rgb(colour), NEAR_BLACK), 2),
        )
        for colour in (*TYPE_COLOURS.values(), "#bf8700")
    }
    assert figures == {
        "#1f6feb": (4.63, 4.07),
        "#1a7f37": (5.08, 3.72),
        "#8250df": (5.05, 3.74),
        "#bf8700": (3.14, 6.01),
    }


_NUMBER = re.compile(r"^[\d.,%\u2013 -]*$")


def test_every_table_cell_is_aligned_and_prose_is_left() -> None:
    # JupyterLab right-aligns table cells; every cell says its alignment, and only cells
    # holding a number are right-aligned (service names, descriptions and "Why" are left).
    for rendered in _displays():
        for table in html_tables(rendered):
            for row in table.rows:
                for cell in row:
                    aligned = re.search(r"text-align:(left|right)", cell.style)
                    assert aligned, (cell, table.caption)
                    if aligned.group(1) == "right":
                        assert _NUMBER.match(cell.text), cell


@given(shortlists)
def test_shortlist_prose_cells_are_left_aligned(shortlist: Shortlist) -> None:
    for table in html_tables(shortlist_html(shortlist)):
        for row in table.rows:
            for cell in row:
                if re.search(r"[^\W\d]", cell.text):  # holds a letter
                    assert "text-align:left" in cell.style, cell


def test_a_document_timeline_is_drawn_as_lanes_in_html() -> None:
    block = Timeline(("phase 1", "phase 2"), (("CRO", (True, True)),), ("", "1"))
    rendered = document_html([Heading("Plan"), block])
    assert rendered.count("height:14px") == 2  # one bar cell per phase worked
    assert _marks(rendered) == ["\u21c6 1"]
