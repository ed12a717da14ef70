"""describe(): the guide's key-differences table, with the CRO column labelled correctly."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pharma_outsourcing import OrganisationType, Stage, TypeDescription, describe, services_of

CRO, CMO, CDMO = OrganisationType.CRO, OrganisationType.CMO, OrganisationType.CDMO


@given(st.sampled_from(list(OrganisationType)))
def test_every_type_is_described_completely(org_type: OrganisationType) -> None:
    description = describe(org_type)
    assert isinstance(description, TypeDescription)
    assert description.organisation_type is org_type
    for text in (
        description.name,
        description.primary_role,
        description.focus_area,
        description.expertise,
        description.engagement_stage,
        description.end_deliverable,
        description.when_to_choose,
        description.source,
    ):
        assert text.strip()
    assert description.services == services_of(org_type)


def test_the_first_column_of_the_seeds_table_is_the_cro() -> None:
    cro = describe(CRO)
    assert cro.name == "Contract Research Organisation"
    assert cro.end_deliverable == "Regulatory-ready data and submission documents"
    assert cro.engagement_stage == "Early to mid-stage development"
    assert cro.stages == {Stage.EARLY, Stage.MID}


def test_the_cmo_column() -> None:
    cmo = describe(CMO)
    assert cmo.name == "Contract Manufacturing Organisation"
    assert cmo.end_deliverable == "Market-ready drug products"
    assert cmo.engagement_stage.startswith("Mid to late-stage")
    assert "small batches for clinical trials to full-scale production" in cmo.engagement_stage
    assert cmo.stages == {Stage.MID, Stage.LATE, Stage.POST_APPROVAL}


def test_the_cdmo_combines_both() -> None:
    cdmo = describe(CDMO)
    assert describe(CRO).end_deliverable in cdmo.end_deliverable
    assert describe(CMO).end_deliverable.lower() in cdmo.end_deliverable.lower()
    assert cdmo.stages == set(Stage)
    assert "streamlines" in cdmo.when_to_choose


@pytest.mark.parametrize(("text", "expected"), [("cro", CRO), ("Contract Manufacturer", CMO)])
def test_describe_accepts_spellings(text: str, expected: OrganisationType) -> None:
    assert describe(text).organisation_type is expected  # type: ignore[arg-type]
