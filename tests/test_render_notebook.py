"""Tests of ``_render.notebook``: every result's display (its exports: test_tables.py)."""

from __future__ import annotations

import pytest

from pharma_outsourcing import (
    OrganisationType,
    Partner,
    Phase,
    Service,
    SponsorProfile,
    compare_strategies,
    describe,
    plan,
    rank,
    recommend,
)
from pharma_outsourcing._render import html as html_render
from pharma_outsourcing._render import markdown as markdown_render
from pharma_outsourcing._render import notebook
from rendering import comparison, specialist_plan, visible

CRO, CMO = OrganisationType.CRO, OrganisationType.CMO


def test_each_result_displays_through_its_renderer() -> None:
    sourcing = specialist_plan()
    shortlist = rank(
        SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING}),
        [Partner(name="A", organisation_type=CRO)],
    )
    shown: list[tuple[notebook.Displayed, str]] = [
        (recommend(SponsorProfile(phase=Phase.PHASE_1)), "recommendation"),
        (describe(CMO), "description"),
        (shortlist.ranked[0], "assessment"),
        (shortlist, "shortlist"),
        (sourcing, "plan"),
        (comparison(), "comparison"),
    ]
    for value, name in shown:
        assert value._repr_html_() == getattr(html_render, f"{name}_html")(value)
        assert value._repr_markdown_() == getattr(markdown_render, f"{name}_markdown")(value)


def test_other_values_have_no_display() -> None:
    with pytest.raises(TypeError, match="no HTML display for int"):
        notebook.html(1)  # type: ignore[arg-type]  # the point of the test
    with pytest.raises(TypeError, match="no Markdown display for int"):
        notebook.markdown(1)  # type: ignore[arg-type]  # the point of the test


def test_shortlist_and_assessment_render() -> None:
    partners = [
        Partner(name="Alder & Co", organisation_type=CRO, communication=4),
        Partner(name="Birch", organisation_type=CRO, communication=1),
        Partner(name="Cedar", organisation_type=CMO),
    ]
    profile = SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING})
    shortlist = rank(profile, partners)
    assert [a.partner.name for a in shortlist.ranked] == ["Alder & Co", "Birch"]
    assert "Alder &amp; Co" in shortlist._repr_html_()
    assert "Cedar" in shortlist._repr_markdown_()
    leader = shortlist.ranked[0]
    assert visible(leader._repr_html_()).count("Alder & Co") == 1
    assert leader._repr_markdown_().startswith("**Alder & Co** (CRO)")


def test_plans_and_comparisons_render() -> None:
    profile = SponsorProfile(phase=Phase.PHASE_1, horizon=Phase.PHASE_3)
    specialist = plan(profile, strategy="specialist")
    shown = visible(specialist._repr_html_())
    assert f"{len(specialist.handoffs)} handoff" in shown
    markdown = specialist._repr_markdown_()
    for step in specialist.steps:
        assert f"| {step.phase.label} | " in markdown
    both = compare_strategies(profile)
    assert visible(both._repr_html_()).count("Sourcing plan (") == 3
    assert "Against the specialist plan (" in both._repr_markdown_()
    assert f"Preferred for this profile: {both.preferred.label}." in both._repr_markdown_()
