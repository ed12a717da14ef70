"""Tests of ``_serialise.tables``: every result's ``to_records`` and ``to_pandas``."""

from __future__ import annotations

import keyword
import sys

import attrs
import pandas as pd  # type: ignore[import-untyped,unused-ignore]  # no stubs installed
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import strategies
from pharma_outsourcing import (
    Criterion,
    OrganisationType,
    Partner,
    Phase,
    Recommendation,
    Sensitivity,
    Service,
    Shortlist,
    SourcingPlan,
    SponsorProfile,
    StrategyComparison,
    compare_strategies,
    plan,
    rank,
    recommend,
    sensitivity,
)
from pharma_outsourcing._serialise import tables
from rendering import WARNINGS

CRO, CMO = OrganisationType.CRO, OrganisationType.CMO
PLAIN = {str, int, float, bool, type(None)}

# Every export of every result type: (the result, its records, its DataFrame).
results = st.one_of(
    st.tuples(strategies.shortlists() | strategies.warned_shortlists(), st.booleans()).map(
        lambda pair: (
            pair[0].to_records(excluded=pair[1]),
            pair[0].to_pandas(excluded=pair[1]),
            "name",
        )
    ),
    strategies.sensitivities().map(lambda r: (r.to_records(), r.to_pandas(), "name")),
    st.from_type(Recommendation).map(lambda r: (r.to_records(), r.to_pandas(), "service")),
    st.tuples(st.from_type(SourcingPlan), st.booleans()).map(
        lambda pair: (
            pair[0].to_records(handoffs=pair[1]),
            pair[0].to_pandas(handoffs=pair[1]),
            None,
        )
    ),
    st.from_type(StrategyComparison).map(lambda c: (c.to_records(), c.to_pandas(), "strategy")),
)


@given(results)
@settings(deadline=None)  # pandas' first DataFrame
def test_every_export_has_identifier_columns_and_plain_values(
    result: tuple[list[dict[str, object]], pd.DataFrame, str | None],
) -> None:
    records, frame, index = result
    columns = [*([] if index is None else [index]), *frame.columns]
    for name in columns:
        assert name.isidentifier(), name
        assert not keyword.iskeyword(name), name
        assert name == name.lower(), name
    for record in records:
        assert sorted(record) == sorted(columns)
        assert {type(value) for value in record.values()} <= PLAIN, record
    assert len(frame) == len(records)
    assert frame.index.name == index
    for name in frame.columns:  # each reachable as an attribute, but rank (DataFrame.rank)
        if name != "rank":
            assert getattr(frame, name).equals(frame[name]), name


@given(strategies.shortlists() | strategies.warned_shortlists())
def test_a_shortlists_rows_are_its_assessments_rounded(shortlist: Shortlist) -> None:
    records = shortlist.to_records()
    assert [r["rank"] for r in records] == list(range(1, len(shortlist.ranked) + 1))
    for record, assessment in zip(records, shortlist.ranked, strict=True):
        assert record["name"] == assessment.partner.name
        assert record["organisation_type"] == assessment.partner.organisation_type.value
        assert record["score"] == round(assessment.score, 3)
        assert record["completeness"] == round(assessment.completeness, 3)
        for criterion in Criterion:
            name = criterion.name.lower()
            assert record[name] == round(assessment.scores[criterion], 3)
            assert record[f"{name}_evidence"] == assessment.evidence[criterion].value
        assert str(record["warnings"]).splitlines() == [w.text for w in assessment.warnings]
        assert "excluded" not in record


@given(strategies.shortlists())
def test_with_excluded_the_excluded_partners_follow_with_their_reasons(
    shortlist: Shortlist,
) -> None:
    records = shortlist.to_records(excluded=True)
    ranked, excluded = records[: len(shortlist.ranked)], records[len(shortlist.ranked) :]
    assert [r["name"] for r in ranked] == [a.partner.name for a in shortlist.ranked]
    assert [r["name"] for r in excluded] == [e.partner.name for e in shortlist.excluded]
    assert all(r["excluded"] is False and r["exclusion_reasons"] == "" for r in ranked)
    for record, exclusion in zip(excluded, shortlist.excluded, strict=True):
        assert record["excluded"] is True
        assert str(record["exclusion_reasons"]).splitlines() == [r.text for r in exclusion.reasons]
        assert record["rank"] is record["score"] is record["cultural_fit"] is None
        assert record["cultural_fit_evidence"] is None


def test_the_columns_in_order() -> None:
    shortlist = rank(
        SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING}),
        [Partner(name="A", organisation_type=CRO), Partner(name="B", organisation_type=CMO)],
    )
    assert list(shortlist.to_records()[0]) == [
        "rank",
        "name",
        "organisation_type",
        "score",
        "stage_of_development",
        "technical_expertise",
        "regulatory_track_record",
        "scalability",
        "geographic_footprint",
        "cultural_fit",
        "completeness",
        "stage_of_development_evidence",
        "technical_expertise_evidence",
        "regulatory_track_record_evidence",
        "scalability_evidence",
        "geographic_footprint_evidence",
        "cultural_fit_evidence",
        "warnings",
    ]
    assert list(shortlist.to_records(excluded=True)[1])[-2:] == ["excluded", "exclusion_reasons"]


def test_scores_are_rounded_to_three_places_and_warnings_kept_whole() -> None:
    (assessment,) = rank(
        SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING}),
        [Partner(name="A", organisation_type=CRO)],
    ).ranked
    shortlist = Shortlist(ranked=(attrs.evolve(assessment, warnings=WARNINGS),))
    (record,) = shortlist.to_records()
    assert assessment.completeness == 0.333333333333
    assert record["completeness"] == 0.333
    assert record["score"] == 0.833
    assert record["regulatory_track_record_evidence"] == "assumed"
    assert record["stage_of_development_evidence"] == "stated"
    assert str(record["warnings"]).splitlines() == [w.text for w in WARNINGS]
    assert any(";" in w.text for w in WARNINGS)  # each keeps its own semicolons


def test_a_shortlist_frame_is_indexed_by_name_with_whole_ranks() -> None:
    shortlist = rank(
        SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING}),
        [
            Partner(name="Alder", organisation_type=CRO, communication=4),
            Partner(name="Birch", organisation_type=CRO),
            Partner(name="Cedar", organisation_type=CMO),
        ],
    )
    frame = shortlist.to_pandas()
    assert list(frame.index) == ["Alder", "Birch"]
    assert frame.loc["Birch", "rank"] == 2
    assert frame["rank"].dtype == "int64"  # frame.rank is DataFrame.rank, the method
    every = shortlist.to_pandas(excluded=True)
    assert list(every.index[every.excluded]) == ["Cedar"]
    assert str(every["rank"].dtype) == "Int64"
    assert every["rank"].isna().tolist() == [False, False, True]
    assert every.loc["Cedar", "exclusion_reasons"].startswith("does not offer")


def test_an_empty_shortlist_has_its_columns() -> None:
    frame = rank(SponsorProfile(phase=Phase.PHASE_2), []).to_pandas(excluded=True)
    assert frame.empty
    assert "cultural_fit" in frame.columns
    assert frame.index.name == "name"


@given(strategies.sensitivities())
def test_a_sensitivitys_rows_are_its_rank_ranges(result: Sensitivity) -> None:
    assert [
        (r["name"], r["organisation_type"], r["rank"], r["best"], r["worst"])
        for r in result.to_records()
    ] == [
        (r.partner.name, r.partner.organisation_type.value, r.rank, r.best, r.worst)
        for r in result.rank_ranges
    ]


def test_a_sensitivity_frame_shows_how_far_each_rank_moves() -> None:
    profile = SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING})
    partners = [
        Partner(name="A", organisation_type=CRO, communication=3),
        Partner(name="B", organisation_type=CRO, communication=2.9),
    ]
    frame = sensitivity(profile, partners, spread=0.25).to_pandas()
    assert list(frame.index) == ["A", "B"]
    assert (frame.worst - frame.best).tolist() == [0, 0]


@given(st.from_type(Recommendation))
def test_a_recommendations_rows_are_its_assignments(recommendation: Recommendation) -> None:
    records = recommendation.to_records()
    assert {r["service"]: r["organisation_type"] for r in records} == {
        s.value: t.value for s, t in recommendation.assignments.items()
    }
    assert [r["service"] for r in records] == [
        s.value for s in Service if s in recommendation.assignments
    ]
    assert all(r["area"] == Service(str(r["service"])).category.value for r in records)


@given(st.from_type(SourcingPlan))
def test_a_plans_rows_are_each_steps_work_once(sourcing: SourcingPlan) -> None:
    records = sourcing.to_records()
    expected = {
        (step.phase.value, service.value)
        for step in sourcing.steps
        for service in step.services | step.in_house
    }
    keys = [(r["phase"], r["service"]) for r in records]
    assert sorted(keys) == sorted(expected)
    assert len(set(keys)) == len(keys)
    for record in records:
        step = sourcing.step(str(record["phase"]))
        service = Service(str(record["service"]))
        engaged = step.assignments.get(service)
        assert record["in_house"] is (engaged is None)
        assert record["organisation_type"] == (
            None if engaged is None else engaged.organisation_type.value
        )
        assert record["partner"] == (None if engaged is None else engaged.partner)
        assert record["brought_forward"] is (service in step.brought_forward)
        assert record["to_be_sourced"] is (service in sourcing.unfilled.get(step.phase, ()))


@given(st.from_type(SourcingPlan))
def test_a_plans_handoff_rows_are_its_handoffs(sourcing: SourcingPlan) -> None:
    records = sourcing.to_records(handoffs=True)
    assert len(records) == len(sourcing.handoffs)
    for record, handoff in zip(records, sourcing.handoffs, strict=True):
        assert (record["phase"], record["kind"], record["area"]) == (
            handoff.phase.value,
            handoff.kind.value,
            handoff.area.value,
        )
        assert record["tech_transfer"] is handoff.is_tech_transfer
        assert (record["reason"], record["reason_source"]) == (
            handoff.reason.text,
            handoff.reason.source,
        )
        for end in ("source", "target"):
            organisation = getattr(handoff, end)
            partner = getattr(organisation, "partner", None)
            kind = getattr(organisation, "organisation_type", organisation)
            assert (record[f"{end}_type"], record[f"{end}_partner"]) == (kind.value, partner)


def test_a_plan_frame_pivots_to_a_grid_and_names_the_sponsor() -> None:
    profile = SponsorProfile(
        phase=Phase.PHASE_3, horizon=Phase.PHASE_3, in_house={Service.CLINICAL_SUPPLY_MANUFACTURING}
    )
    sourcing = plan(profile, strategy="specialist")
    grid = sourcing.to_pandas().pivot(index="service", columns="phase", values="organisation_type")
    assert grid.loc["site-monitoring", "phase-3"] == "cro"
    assert pd.isna(grid.loc["clinical-supply-manufacturing", "phase-3"])  # in house
    handoffs = sourcing.to_pandas(handoffs=True)
    assert list(zip(handoffs.source_type, handoffs.target_type, strict=True)) == [
        ("sponsor", "cro"),  # its own clinical supplies, to the CRO's trials
        ("cmo", "sponsor"),  # the CMO's drug substance, to the sponsor's own plant
    ]


@given(st.from_type(StrategyComparison))
def test_a_comparisons_rows_are_its_three_plans(comparison: StrategyComparison) -> None:
    records = comparison.to_records()
    plans = (comparison.integrated, comparison.cro_and_cdmo, comparison.specialist)
    assert [r["strategy"] for r in records] == [p.strategy.value for p in plans]
    assert [r["preferred"] for r in records] == [p.strategy is comparison.preferred for p in plans]
    for record, each in zip(records, plans, strict=True):
        assert record["handoffs"] == len(each.handoffs)
        assert record["tech_transfers"] == len(each.tech_transfers)
        assert record["organisations"] == len(each.organisations)
        assert record["handoffs_saved"] == len(comparison.specialist.handoffs) - len(each.handoffs)
    assert records[0]["handoffs_saved"] == comparison.handoffs_saved
    assert records[0]["tech_transfers_saved"] == comparison.tech_transfers_saved


def test_a_comparison_frame_is_indexed_by_strategy() -> None:
    frame = compare_strategies(SponsorProfile(phase=Phase.PHASE_1)).to_pandas()
    assert list(frame.index) == ["integrated", "cro-and-cdmo", "specialist"]
    assert frame.preferred.sum() == 1
    assert frame.loc["specialist", "handoffs_saved"] == 0


def test_a_recommendation_frame_is_indexed_by_service() -> None:
    frame = recommend(SponsorProfile(phase=Phase.PRECLINICAL)).to_pandas()
    assert frame.loc["api-production", "organisation_type"] == "cdmo"
    assert frame.loc["preclinical-research", "area"] == "research"


def test_to_pandas_says_how_to_install_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if pandas were not installed
    shortlist = rank(SponsorProfile(phase=Phase.PHASE_2), [])
    with pytest.raises(ImportError, match=r"pip install 'pharma-outsourcing\[pandas\]'"):
        shortlist.to_pandas()
    assert shortlist.to_records() == []  # records need no pandas


def test_columns_are_named_once_from_the_vocabulary() -> None:
    assert tables.column(Criterion.CULTURAL_FIT) == "cultural_fit"
    assert tables.DECIMALS == 3
