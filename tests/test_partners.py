"""Partner, Inspection and Submission: defaults and the validation DESIGN.md §5 asks for."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given

from pharma_outsourcing import (
    Inspection,
    InspectionOutcome,
    InvalidInputError,
    OrganisationType,
    Partner,
    Phase,
    Regulator,
    Service,
    Submission,
    SubmissionOutcome,
    services_of,
)
from strategies import CURRENT_YEAR, partners

CRO, CMO, CDMO = OrganisationType.CRO, OrganisationType.CMO, OrganisationType.CDMO


@given(partners())
def test_generated_partners_stay_within_their_types_catalogue(partner: Partner) -> None:
    assert partner.services <= services_of(partner.organisation_type)
    assert partner.communication is None or 0 <= partner.communication <= 5
    copy = attrs.evolve(partner)
    assert copy == partner
    assert hash(copy) == hash(partner)


def test_defaults() -> None:
    cmo = Partner(name="Maker", organisation_type=CMO)
    assert cmo.services == services_of(CMO)
    # From the first-in-human batch (made at preclinical) to commercial supply; no CMC work
    # is bought in discovery (DESIGN.md §3).
    assert cmo.phases == frozenset(Phase) - {Phase.DISCOVERY}
    # From discovery research to post-marketing safety and regulatory work after approval.
    cro = Partner(name="Researcher", organisation_type=CRO)
    assert cro.phases == frozenset(Phase)
    assert (cmo.markets, cmo.inspections, cmo.submissions) == (frozenset(), (), ())
    assert not cmo.gmp_certified
    assert cmo.communication is None


def test_default_phases_follow_the_services_offered() -> None:
    lab = Partner(name="Lab", organisation_type=CRO, services={Service.PRECLINICAL_RESEARCH})
    assert lab.phases == {Phase.PRECLINICAL}


def test_collections_are_frozen() -> None:
    nai = Inspection(
        regulator=Regulator.FDA, year=2020, outcome=InspectionOutcome.NO_ACTION_INDICATED
    )
    partner = Partner(
        name="A",
        organisation_type=CMO,
        services=[Service.API_PRODUCTION],
        inspections=[nai],
    )
    assert partner.services == frozenset({Service.API_PRODUCTION})
    assert partner.inspections == (nai,)


@pytest.mark.parametrize(
    ("fields", "field", "problem"),
    [
        ({"name": ""}, "name", "non-empty"),
        ({"name": "   "}, "name", "non-empty"),
        ({"name": 7}, "name", "non-empty"),
        ({"communication": 5.5}, "communication", "out of range"),
        ({"communication": -1}, "communication", "out of range"),
        ({"communication": float("nan")}, "communication", "out of range"),
        ({"communication": "4"}, "communication", "not a number"),
        ({"services": {Service.API_PRODUCTION}}, "services", "is not a CRO service"),
        (
            {"services": {Service.API_PRODUCTION, Service.SITE_MONITORING, Service.SCALE_UP}},
            "services",
            "are not CRO services",
        ),
        ({"services": 5}, "services", "not a set"),
        ({"services": [5]}, "services", "not a Service"),
        ({"inspections": 5}, "inspections", "not a tuple"),
        ({"submissions": "approved"}, "submissions", "not a tuple"),
        ({"inspections": [5]}, "inspections[0]", "not a Inspection"),
        ({"gmp_certified": "yes"}, "gmp_certified", "not a boolean"),
        ({"organisation_type": None}, "organisation_type", "not a OrganisationType"),
        ({"organisation_type": Phase.PHASE_1}, "organisation_type", "is a Phase, not an Org"),
        ({"markets": "us"}, "markets", "is text, not a set"),
        ({"markets": ["us", "mars"]}, "markets", "'mars' is not a known market"),
        ({"organisation_type": "lab"}, "organisation_type", "not a known organisation type"),
        ({"organisation_type": "crp"}, "organisation_type", "did you mean 'cro'?"),
    ],
)
def test_partner_refuses_bad_input(fields: dict[str, object], field: str, problem: str) -> None:
    arguments: dict[str, object] = {"name": "A", "organisation_type": CRO, **fields}
    with pytest.raises(InvalidInputError) as error:
        Partner(**arguments)  # type: ignore[arg-type]
    assert error.value.field == field
    assert problem in str(error.value)


def test_services_outside_the_type_name_all_of_them_and_suggest_a_cdmo() -> None:
    with pytest.raises(InvalidInputError) as error:
        Partner(
            name="A",
            organisation_type=CRO,
            services={Service.API_PRODUCTION, Service.QUALITY_CONTROL},
        )
    assert error.value.value == ["api-production", "quality-control"]
    assert error.value.suggestion is not None
    assert "cdmo" in error.value.suggestion


@pytest.mark.parametrize(
    ("year", "problem"),
    [
        (CURRENT_YEAR + 1, "is in the future"),
        (1900, "is before 1938"),
        (2020.0, "is not a whole year"),
        (True, "is not a whole year"),
    ],
)
def test_records_refuse_years_outside_the_record(year: object, problem: str) -> None:
    with pytest.raises(InvalidInputError, match=problem):
        Inspection(
            regulator=Regulator.FDA,
            year=year,  # type: ignore[arg-type]
            outcome=InspectionOutcome.WARNING_LETTER,
        )
    with pytest.raises(InvalidInputError, match=problem):
        Submission(
            regulator=Regulator.FDA,
            year=year,  # type: ignore[arg-type]
            outcome=SubmissionOutcome.APPROVED,
        )


def test_this_year_is_allowed() -> None:
    assert Submission(
        regulator=Regulator.EMA, year=CURRENT_YEAR, outcome=SubmissionOutcome.PENDING
    ).year == (CURRENT_YEAR)


@pytest.mark.parametrize("count", [-1, 1.5, True])
def test_deficiency_counts_are_counts(count: object) -> None:
    with pytest.raises(InvalidInputError, match="not a count"):
        Inspection(
            regulator=Regulator.MHRA,
            year=2020,
            outcome=InspectionOutcome.VOLUNTARY_ACTION_INDICATED,
            critical=count,  # type: ignore[arg-type]
        )


def test_adverse_outcomes() -> None:
    adverse = {
        outcome
        for outcome in InspectionOutcome
        if Inspection(regulator=Regulator.FDA, year=2020, outcome=outcome).adverse
    }
    assert adverse == {
        InspectionOutcome.OFFICIAL_ACTION_INDICATED,
        InspectionOutcome.WARNING_LETTER,
        InspectionOutcome.IMPORT_ALERT,
        InspectionOutcome.NON_COMPLIANT,
    }


def test_outcome_aliases() -> None:
    assert InspectionOutcome.parse("OAI") is InspectionOutcome.OFFICIAL_ACTION_INDICATED
    assert SubmissionOutcome.parse("rejected") is SubmissionOutcome.REFUSED
