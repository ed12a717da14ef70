"""Tests of ``_render.notebook``: every result's display, records and DataFrames."""

from __future__ import annotations

import sys
import types

import attrs
import pytest
from hypothesis import given

import strategies
from pharma_outsourcing import (
    Criterion,
    OrganisationType,
    Partner,
    Phase,
    Service,
    Shortlist,
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
from rendering import WARNINGS, comparison, shortlists, specialist_plan, visible

CRO, CMO = OrganisationType.CRO, OrganisationType.CMO


COLUMNS = [
    "rank",
    "name",
    "organisation_type",
    "score",
    *(c.value for c in Criterion),
    "completeness",
    *(f"{c.value}_evidence" for c in Criterion),
    "warnings",
]
"""The columns of ``to_records``: those of 0.1 first, in their places, then the new ones."""


@given(shortlists)
def test_records_are_plain_and_ranked_in_order(shortlist: Shortlist) -> None:
    records = notebook.records(shortlist)
    assert [r["rank"] for r in records] == list(range(1, len(shortlist.ranked) + 1))
    for record, assessment in zip(records, shortlist.ranked, strict=True):
        assert list(record) == COLUMNS
        assert record["name"] == assessment.partner.name
        assert record["score"] == assessment.score
        assert {type(v) for k, v in record.items() if k != "warnings"} <= {int, float, str}
        assert all(type(text) is str for text in record["warnings"])  # type: ignore[attr-defined]


@given(shortlists | strategies.warned_shortlists())
def test_records_carry_completeness_evidence_and_warnings(shortlist: Shortlist) -> None:
    for record, assessment in zip(notebook.records(shortlist), shortlist.ranked, strict=True):
        assert record["completeness"] == round(assessment.completeness, 12)
        for criterion in Criterion:
            assert record[f"{criterion.value}_evidence"] == assessment.evidence[criterion].value
        assert record["warnings"] == [warning.text for warning in assessment.warnings]


def test_warnings_are_a_list_of_whole_texts() -> None:
    (assessment,) = rank(
        SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING}),
        [Partner(name="A", organisation_type=CRO)],
    ).ranked
    shortlist = Shortlist(ranked=(attrs.evolve(assessment, warnings=WARNINGS),))
    (record,) = notebook.records(shortlist)
    assert record["warnings"] == [w.text for w in WARNINGS]  # each keeps its own "; "
    assert record["completeness"] == 0.333333333333
    assert record["regulatory-track-record_evidence"] == "assumed"
    assert record["stage-of-development_evidence"] == "stated"


def test_to_pandas_uses_pandas_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("pandas")
    fake.DataFrame = types.SimpleNamespace(from_records=lambda rows: ("frame", rows))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pandas", fake)
    assert notebook.to_pandas([{"rank": 1}]) == ("frame", [{"rank": 1}])


def test_to_pandas_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        notebook.to_pandas([])


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


def test_shortlist_and_assessment_render_and_export(monkeypatch: pytest.MonkeyPatch) -> None:
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
    assert shortlist.to_records() == notebook.records(shortlist)
    fake = types.ModuleType("pandas")
    fake.DataFrame = types.SimpleNamespace(from_records=lambda rows: rows)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pandas", fake)
    assert shortlist.to_pandas() == shortlist.to_records()
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
