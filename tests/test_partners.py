"""Partner, Inspection and Submission records (DESIGN.md §5)."""

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
def test_partner_services_lie_within_its_types_catalogue(partner: Partner) -> None:
    assert partner.services <= services_of(partner.organisation_type)
    assert hash(partner) == hash(partner)


def test_defaults_follow_the_type() -> None:
    cmo = Partner(name="Maker", organisation_type=CMO)
    assert cmo.services == services_of(CMO)
    assert cmo.phases == {
        Phase.PHASE_1,
        Phase.PHASE_2,
        Phase.PHASE_3,
        Phase.REGULATORY_REVIEW,
        Phase.COMMERCIAL,
    }
    assert cmo.gmp_certified is False
    assert cmo.communication is None
    assert cmo.inspections == ()
    assert cmo.submissions == ()


def test_default_phases_follow_the_services_given() -> None:
    cro = Partner(name="Tox house", organisation_type=CRO, services={Service.PRECLINICAL_RESEARCH})
    assert cro.phases == {Phase.PRECLINICAL}


def test_a_cro_offering_manufacturing_is_refused_with_a_suggestion() -> None:
    with pytest.raises(InvalidInputError) as caught:
        Partner(name="Odd", organisation_type=CRO, services={Service.COMMERCIAL_PRODUCTION})
    message = str(caught.value)
    assert caught.value.field == "services"
    assert "'commercial-production' is not a CRO service" in message
    assert "cdmo" in message


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"name": "  "}, "name", "non-empty text"),
        ({"organisation_type": "agency"}, "organisation_type", "is not a known organisation type"),
        ({"communication": 5.5}, "communication", "is out of range"),
        ({"communication": -1}, "communication", "is out of range"),
        ({"communication": float("nan")}, "communication", "is out of range"),
        ({"communication": True}, "communication", "is not a number"),
        ({"communication": "4"}, "communication", "is not a number"),
        ({"gmp_certified": "true"}, "gmp_certified", "is not a boolean"),
        ({"inspections": ["fda:2020:nai"]}, "inspections[0]", "is not a Inspection"),
        ({"submissions": 3}, "submissions", "is not"),
    ],
)
def test_bad_partner_fields_are_refused(
    changes: dict[str, object], field: str, fragment: str
) -> None:
    values: dict[str, object] = {"name": "Acme", "organisation_type": CRO, **changes}
    with pytest.raises((InvalidInputError, TypeError)) as caught:
        Partner(**values)  # type: ignore[arg-type]
    assert isinstance(caught.value, InvalidInputError)
    assert caught.value.field == field
    assert fragment in str(caught.value)


def test_inspection_years_in_the_future_are_refused() -> None:
    with pytest.raises(InvalidInputError, match="is not a past year"):
        Inspection(
            regulator=Regulator.FDA,
            year=CURRENT_YEAR + 1,
            outcome=InspectionOutcome.NO_ACTION_INDICATED,
        )
    with pytest.raises(InvalidInputError, match="is not a whole year"):
        Submission(regulator=Regulator.FDA, year="2020", outcome=SubmissionOutcome.APPROVED)  # type: ignore[arg-type]


def test_deficiency_counts_must_be_counts() -> None:
    with pytest.raises(InvalidInputError, match="major: -1 is not a count"):
        Inspection(
            regulator=Regulator.EMA,
            year=2020,
            outcome=InspectionOutcome.VOLUNTARY_ACTION_INDICATED,
            major=-1,
        )


@pytest.mark.parametrize(
    ("outcome", "adverse"),
    [
        (InspectionOutcome.NO_ACTION_INDICATED, False),
        (InspectionOutcome.VOLUNTARY_ACTION_INDICATED, False),
        (InspectionOutcome.OFFICIAL_ACTION_INDICATED, True),
        (InspectionOutcome.WARNING_LETTER, True),
    ],
)
def test_official_action_and_warning_letters_are_adverse(
    outcome: InspectionOutcome, adverse: bool
) -> None:
    assert Inspection(regulator=Regulator.FDA, year=2020, outcome=outcome).adverse is adverse
