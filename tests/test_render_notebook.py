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
    sensitivity,
)
from pharma_outsourcing._render import html as html_render
from pharma_outsourcing._render import markdown as markdown_render
from pharma_outsourcing._render import notebook
from pharma_outsourcing._render import text as text_render
from pharma_outsourcing._render.document import sensitivity_document
from pharma_outsourcing._render.labels import MAX_ROWS
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


def test_a_sensitivity_displays_its_one_document() -> None:
    profile = SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING})
    partners = [Partner(name=f"P_{i}*", organisation_type=CRO, communication=i) for i in (1, 2, 3)]
    result = sensitivity(profile, partners)
    document = sensitivity_document(result, "Sensitivity", top=MAX_ROWS)
    # Markdown and text are the one document, written two ways; HTML draws the bars.
    assert result._repr_markdown_() == markdown_render.document_markdown(document)
    assert str(result) == text_render.document_text(sensitivity_document(result, "Sensitivity"))
    assert result._repr_html_() == html_render.sensitivity_html(result)
    assert "P\\_3\\*" in result._repr_markdown_()  # escaped, as every name
    assert (
        str(result).splitlines()[0]
        == "Sensitivity: 3 partners ranked, each weight varied by up to 25%"
    )
    assert "P_3* CRO" in visible(result._repr_html_())


def test_a_long_sensitivity_shows_its_first_partners_in_a_notebook() -> None:
    profile = SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING})
    partners = [Partner(name=f"P{i:03}", organisation_type=CRO) for i in range(MAX_ROWS + 5)]
    result = sensitivity(profile, partners)
    assert "... and 5 more" in visible(result._repr_html_())
    assert "5 more partners ranked, not shown." in result._repr_markdown_()
    assert len(str(result).splitlines()) > MAX_ROWS + 5  # text shows them all


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
    assert leader._repr_markdown_().startswith("**Alder & Co (CRO)**: score ")


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
