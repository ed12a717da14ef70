"""Tests of the notebook display: generic helpers first, then each renderer."""

from __future__ import annotations

import html
import re
import sys
import types
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import pharma_outsourcing
import strategies
from pharma_outsourcing import (
    Criterion,
    OrganisationType,
    Partner,
    Phase,
    Reason,
    Recommendation,
    Service,
    ServiceCategory,
    SponsorProfile,
    describe,
    recommend,
)
from pharma_outsourcing._render import display

CRO, CMO, CDMO = OrganisationType.CRO, OrganisationType.CMO, OrganisationType.CDMO

TAG = re.compile(r"<[^>]*>")
texts = st.text(st.characters(codec="utf-8"), max_size=40)


def visible(fragment: str) -> str:
    """The text a browser shows for ``fragment``: tags removed, entities decoded."""
    return html.unescape(TAG.sub("", fragment))


# --- generic helpers ---------------------------------------------------------------------


@given(texts)
def test_escape_leaves_no_markup_and_round_trips(text: str) -> None:
    escaped = display.escape(text)
    assert not set("<>\"'") & set(escaped.replace("&#x27;", ""))
    assert html.unescape(escaped) == text


@given(st.text())
def test_escape_is_the_standard_librarys(text: str) -> None:
    assert display.escape(text) == html.escape(text, quote=True)


@given(texts)
def test_escape_keeps_trusted_html(text: str) -> None:
    fragment = display.Html(text)
    assert display.escape(fragment) is fragment


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-10, max_value=10))
def test_score_bar_fill_is_clamped_and_number_shown(value: float) -> None:
    bar = display.score_bar(value)
    width = float(re.search(r"width:([\d.]+)%", bar).group(1))  # type: ignore[union-attr]
    assert 0 <= width <= 100
    assert width == pytest.approx(min(max(value, 0), 1) * 100, abs=0.05)
    assert f"{value:.2f}" in visible(bar)


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
    lines = display.markdown_table(headers, rows).split("\n")
    assert len(lines) == len(rows) + 2
    for line in lines:
        cells = re.split(r"(?<!\\)\|", line)
        assert len(cells) == len(headers) + 2  # a pipe before and after every cell


@given(st.lists(st.lists(texts, min_size=2, max_size=2), max_size=5))
def test_html_table_shows_every_cell(rows: list[list[str]]) -> None:
    table = display.html_table(["A", "B"], rows, caption="C", numeric=(1,))
    assert table.count("<tr>") == len(rows) + 1
    shown = visible(table)
    for row in rows:
        for cell in row:
            assert " ".join(cell.split()) in " ".join(shown.split()) or not cell.strip()


def test_html_table_shows_none_as_empty() -> None:
    assert "None" not in display.html_table(["A"], [[None]])


@given(
    st.lists(st.lists(st.booleans(), min_size=4, max_size=4), min_size=1, max_size=4),
    st.lists(st.tuples(st.integers(0, 3), texts), max_size=3),
)
def test_timeline_draws_one_bar_cell_per_active_phase(
    lanes: list[list[bool]], markers: list[tuple[int, str]]
) -> None:
    chart = display.timeline(
        ["a", "b", "c", "d"],
        [(f"CRO {i}", active) for i, active in enumerate(lanes)],
        markers=markers,
    )
    assert chart.count("height:14px") == sum(map(sum, lanes))
    for _, text in markers:
        assert display.escape(text) in chart


def test_timeline_joins_consecutive_phases_into_one_bar() -> None:
    chart = display.timeline(["a", "b", "c"], [("CMO", [True, True, False])])
    assert "border-radius:7px 0 0 7px" in chart  # the bar's start
    assert "border-radius:0 7px 7px 0" in chart  # its end
    assert display.TYPE_COLOURS["cmo"] in chart


def test_badge_uses_type_colour_or_neutral() -> None:
    assert display.TYPE_COLOURS["cro"] in display.badge("CRO")
    assert display.TYPE_COLOURS["cro"] not in display.badge("Other")


# --- recommendations and descriptions ---------------------------------------------------


@given(st.from_type(SponsorProfile))
def test_recommendation_html_shows_types_services_and_every_reason(
    profile: SponsorProfile,
) -> None:
    recommendation = recommend(profile)
    rendered = recommendation._repr_html_()
    shown = visible(rendered)
    assert "<script" not in rendered
    for org_type in recommendation.engage | (recommendation.alternative or frozenset()):
        assert org_type.value.upper() in shown
    for service in recommendation.assignments:
        assert service.value in shown
    for reason in recommendation.reasons:
        assert reason.text in shown
        assert reason.source in shown


@given(st.from_type(SponsorProfile))
def test_recommendation_markdown_lists_services_in_catalogue_order(
    profile: SponsorProfile,
) -> None:
    recommendation = recommend(profile)
    markdown = recommendation._repr_markdown_()
    rows = [line for line in markdown.splitlines() if line.startswith("| ") and "|---" not in line]
    listed = [row.split(" | ")[0].removeprefix("| ") for row in rows[1:]]
    assert listed == [s.value for s in Service if s in recommendation.assignments]
    assert markdown.count("*(source:") == len(recommendation.reasons)


def test_recommendation_of_nothing_says_so() -> None:
    nothing = recommend(SponsorProfile(phase=Phase.PHASE_1, services=frozenset()))
    assert "Engage:</b> nothing" in nothing._repr_html_()
    assert nothing._repr_markdown_().startswith("**Engage: nothing**")


def test_reason_with_criterion_names_it() -> None:
    reason = Reason(criterion=Criterion.SCALABILITY, text="t", source="s")
    rendered = Recommendation(engage=frozenset(), reasons=(reason,))
    assert "[scalability]" in visible(rendered._repr_html_())
    assert "[scalability]" in rendered._repr_markdown_()


@pytest.mark.parametrize("org_type", list(OrganisationType))
def test_description_renders_every_row(org_type: OrganisationType) -> None:
    description = describe(org_type)
    shown = visible(description._repr_html_())
    markdown = description._repr_markdown_()
    for value in (description.primary_role, description.end_deliverable, description.source):
        assert value in shown
        assert display.markdown_escape(value) in markdown


# --- shortlists --------------------------------------------------------------------------


@attrs.frozen
class FakeAssessment:
    partner: Partner
    score: float
    scores: Mapping[Criterion, float]
    reasons: Mapping[Criterion, object]
    contributions: Mapping[Criterion, float] = attrs.field(factory=dict)


@attrs.frozen
class FakeExclusion:
    partner: Partner
    reasons: Sequence[object]


@attrs.frozen
class FakeShortlist:
    ranked: Sequence[FakeAssessment]
    excluded: Sequence[FakeExclusion]


unit = st.floats(min_value=0, max_value=1, allow_nan=False)


@st.composite
def assessments(draw: st.DrawFn) -> FakeAssessment:
    scores = {criterion: draw(unit) for criterion in Criterion}
    return FakeAssessment(
        partner=draw(strategies.partners()),
        score=sum(scores.values()) / len(scores),
        scores=scores,
        reasons={c: f"reason <{c.value}>" for c in Criterion},
        contributions={c: scores[c] / len(scores) for c in Criterion},
    )


shortlists = st.builds(
    FakeShortlist,
    ranked=st.lists(assessments(), max_size=6),
    excluded=st.lists(
        st.builds(
            FakeExclusion,
            partner=strategies.partners(),
            reasons=st.just((Reason(criterion=None, text="lacks <x>", source="s"), "plain")),
        ),
        max_size=3,
    ),
)


@given(shortlists)
def test_shortlist_records_are_plain_and_ranked_in_order(shortlist: FakeShortlist) -> None:
    records = display.shortlist_records(shortlist)
    assert [r["rank"] for r in records] == list(range(1, len(shortlist.ranked) + 1))
    for record, assessment in zip(records, shortlist.ranked, strict=True):
        assert record["name"] == assessment.partner.name
        assert record["score"] == assessment.score
        assert {type(v) for v in record.values()} <= {int, float, str}
        assert list(record)[4:] == [c.value for c in Criterion]


@given(shortlists)
def test_shortlist_html_shows_every_partner_and_reason(shortlist: FakeShortlist) -> None:
    rendered = display.shortlist_html(shortlist)
    shown = visible(rendered)
    assert "<script" not in rendered
    for assessment in shortlist.ranked:
        assert assessment.partner.name in shown
        assert display.escape("reason <scalability>") in rendered
    for exclusion in shortlist.excluded:
        assert exclusion.partner.name in shown
        assert "lacks <x>; plain" in shown
    assert rendered.count('role="img"') == 7 * len(shortlist.ranked)


@given(shortlists)
def test_shortlist_markdown_has_a_row_per_ranked_partner(shortlist: FakeShortlist) -> None:
    markdown = display.shortlist_markdown(shortlist)
    assert markdown.count("\n| ") == (len(shortlist.ranked) + 1 if shortlist.ranked else 0)
    assert markdown.count("\n- ") == len(shortlist.excluded)


@given(assessments())
def test_assessment_shows_each_criterion_with_score_share_and_reason(
    assessment: FakeAssessment,
) -> None:
    rendered = display.assessment_html(assessment)
    shown = visible(rendered)
    markdown = display.assessment_markdown(assessment)
    assert assessment.partner.name in shown
    assert rendered.count('role="img"') == 7  # the total and one bar per criterion
    for criterion in Criterion:
        assert f"reason <{criterion.value}>" in shown
        assert f"{assessment.contributions[criterion]:.3f}" in shown
        assert f"{assessment.contributions[criterion]:.3f}" in markdown
    assert markdown.count("\n| ") == len(Criterion) + 1


def test_long_shortlists_are_cut_and_counted() -> None:
    many = [
        FakeAssessment(
            partner=Partner(name=f"P{i}", organisation_type=CRO),
            score=0.5,
            scores=dict.fromkeys(Criterion, 0.5),
            reasons={},
        )
        for i in range(5)
    ]
    shortlist = FakeShortlist(ranked=many, excluded=[FakeExclusion(many[0].partner, ["x"])] * 4)
    assert "... and 3 more" in visible(display.shortlist_html(shortlist, max_rows=2))
    assert "... and 3 more" in display.shortlist_markdown(shortlist, max_rows=2)
    assert "... and 2 more" in visible(display.shortlist_html(shortlist, max_rows=2))
    assert "4 excluded partners, and why" in visible(display.shortlist_html(shortlist))


def test_empty_shortlist_says_so() -> None:
    empty = FakeShortlist(ranked=(), excluded=())
    assert "No partner ranked." in display.shortlist_html(empty)
    assert display.shortlist_markdown(empty) == "**Shortlist: 0 ranked, 0 excluded**"


def test_records_to_pandas_uses_pandas_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("pandas")
    fake.DataFrame = types.SimpleNamespace(from_records=lambda rows: ("frame", rows))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pandas", fake)
    assert display.records_to_pandas([{"rank": 1}]) == ("frame", [{"rank": 1}])


def test_records_to_pandas_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        display.records_to_pandas([])


# --- plans -------------------------------------------------------------------------------


@attrs.frozen
class FakeStep:
    phase: Phase
    assignments: Mapping[Service, object]


@attrs.frozen
class FakeHandoff:
    phase: Phase
    source: object
    target: object
    area: ServiceCategory
    reason: object


@attrs.frozen
class FakePlan:
    steps: Sequence[FakeStep]
    handoffs: Sequence[FakeHandoff]
    tech_transfers: Sequence[FakeHandoff]


def specialist_plan() -> FakePlan:
    phases = (Phase.PHASE_1, Phase.PHASE_2, Phase.PHASE_3)
    steps = [
        FakeStep(phase, {Service.SITE_MONITORING: CRO, Service.API_PRODUCTION: CMO})
        for phase in phases
    ]
    supplies = [
        FakeHandoff(p, CMO, CRO, ServiceCategory.MANUFACTURING, "supplies feed trials")
        for p in phases
    ]
    partner = Partner(name="Oak & Co", organisation_type=CMO)
    transfer = FakeHandoff(
        Phase.PHASE_3, CMO, partner, ServiceCategory.MANUFACTURING, "scale-up elsewhere"
    )
    return FakePlan(steps=steps, handoffs=[*supplies, transfer], tech_transfers=[transfer])


def test_plan_html_draws_a_lane_per_organisation_and_marks_handoffs() -> None:
    plan = specialist_plan()
    rendered = display.plan_html(plan)
    shown = visible(rendered)
    assert "4 handoffs, 1 technology transfer" in shown
    assert rendered.count("height:14px") == 6  # two lanes over three phases
    assert "tech transfer, manufacturing: CMO to Oak &amp; Co (CMO)" in rendered
    assert shown.count("supplies feed trials") == 3


def test_plan_without_handoffs_says_so() -> None:
    plan = FakePlan(steps=[FakeStep(Phase.PHASE_1, {Service.SITE_MONITORING: CDMO})], handoffs=[],
                    tech_transfers=[])  # fmt: skip
    assert "0 handoffs, 0 technology transfers" in display.plan_html(plan)
    assert "No handoffs" in display.plan_html(plan)
    assert "| phase-1 | CDMO | 1 |" in display.plan_markdown(plan)


def test_plan_markdown_lists_steps_and_handoffs() -> None:
    markdown = display.plan_markdown(specialist_plan())
    assert "| phase-2 | CRO, CMO | 2 |" in markdown
    assert markdown.count("| manufacturing |") == 4


def test_organisation_label_prefers_an_objects_own_label() -> None:
    assert display.organisation_label(types.SimpleNamespace(label="Acme (CMO)")) == "Acme (CMO)"


def test_organisation_label_falls_back_to_text() -> None:
    assert display.organisation_label("sponsor") == "sponsor"
    assert display.text_of(Reason(criterion=None, text="t", source="s")) == "t"


@attrs.frozen
class FakeComparison:
    integrated: FakePlan
    specialist: FakePlan
    preferred: object


def test_comparison_shows_both_plans_and_the_saving() -> None:
    integrated = FakePlan(
        steps=[FakeStep(Phase.PHASE_1, {Service.SITE_MONITORING: CDMO})], handoffs=[],
        tech_transfers=[],
    )  # fmt: skip
    comparison = FakeComparison(integrated, specialist_plan(), "integrated")
    shown = visible(display.comparison_html(comparison))
    assert "Handoffs: 0 with one CDMO, 4 with specialists." in shown
    assert "Technology transfers: 0 and 1. Preferred: integrated." in shown
    assert shown.count("Sourcing plan:") == 2
    markdown = display.comparison_markdown(comparison)
    assert markdown.count("**Sourcing plan:") == 2
    assert "4 with specialists" in markdown


# --- the real result types, once their modules are in the package ----------------------


def _public(name: str) -> Any:
    value = vars(pharma_outsourcing).get(name)
    if value is None:
        pytest.skip(f"{name} is not in the package yet")
    return value


def test_shortlist_and_assessment_render_and_export(monkeypatch: pytest.MonkeyPatch) -> None:
    rank = _public("rank")
    partners = [
        Partner(name="Alder & Co", organisation_type=CRO, communication=4),
        Partner(name="Birch", organisation_type=CRO, communication=1),
        Partner(name="Cedar", organisation_type=CMO),
    ]
    profile = SponsorProfile(phase=Phase.PRECLINICAL)
    shortlist = rank(profile, partners)
    assert [a.partner.name for a in shortlist.ranked] == ["Alder & Co", "Birch"]
    assert "Alder &amp; Co" in shortlist._repr_html_()
    assert "Cedar" in shortlist._repr_markdown_()
    assert shortlist.to_records() == display.shortlist_records(shortlist)
    fake = types.ModuleType("pandas")
    fake.DataFrame = types.SimpleNamespace(from_records=lambda rows: rows)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pandas", fake)
    assert shortlist.to_pandas() == shortlist.to_records()
    leader = shortlist.ranked[0]
    assert visible(leader._repr_html_()).count("Alder & Co") == 1
    assert leader._repr_markdown_().startswith("**Alder & Co** (CRO)")


def test_plans_and_comparisons_render() -> None:
    plan = _public("plan")
    compare_strategies = _public("compare_strategies")
    profile = SponsorProfile(phase=Phase.PHASE_1, horizon=Phase.PHASE_3)
    specialist = plan(profile, strategy="specialist")
    shown = visible(specialist._repr_html_())
    assert f"{len(specialist.handoffs)} handoff" in shown
    assert specialist._repr_markdown_().count("| phase-") >= len(specialist.steps)
    comparison = compare_strategies(profile)
    assert visible(comparison._repr_html_()).count("Sourcing plan:") == 2
    assert "with specialists" in comparison._repr_markdown_()
