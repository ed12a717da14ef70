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


# The guide's key-differences rows, word for word (DOMAIN.md): (CRO, CMO) for each aspect.
KEY_DIFFERENCES = {
    "primary_role": (
        "Research and clinical development",
        "Drug substance and product manufacturing",
    ),
    "focus_area": ("Preclinical and clinical trial phases", "Manufacturing and commercialization"),
    "expertise": (
        "Clinical operations, regulatory, data",
        "Process engineering, scale-up, compliance",
    ),
    "engagement_stage": (
        "Early to mid-stage of drug development",
        "Mid to late-stage and commercial supply",
    ),
    "end_deliverable": ("Regulatory-ready data and submission docs", "Market-ready drug products"),
}


@pytest.mark.parametrize("aspect", list(KEY_DIFFERENCES))
def test_the_rows_are_the_guides_word_for_word(aspect: str) -> None:
    cro_text, cmo_text = KEY_DIFFERENCES[aspect]
    assert getattr(describe(CRO), aspect) == cro_text
    assert getattr(describe(CMO), aspect) == cmo_text


@pytest.mark.parametrize("aspect", list(KEY_DIFFERENCES))
def test_the_cdmo_row_combines_both(aspect: str) -> None:
    cro_text, cmo_text = KEY_DIFFERENCES[aspect]
    combined = getattr(describe(CDMO), aspect)
    assert combined.startswith(cro_text)
    assert combined.lower().endswith(cmo_text.lower())


def test_the_first_column_of_the_guides_table_is_the_cro() -> None:
    cro = describe(CRO)
    assert cro.name == "Contract Research Organisation"
    assert cro.stages == {Stage.EARLY, Stage.MID}


def test_the_cmo_column() -> None:
    cmo = describe(CMO)
    assert cmo.name == "Contract Manufacturing Organisation"
    assert "small batches for clinical trials" in cmo.when_to_choose
    assert "before phase 1" in cmo.when_to_choose
    assert cmo.stages == {Stage.MID, Stage.LATE, Stage.POST_APPROVAL}


def test_the_cdmo_is_chosen_for_manufacturing_continuity_beside_a_cro() -> None:
    cdmo = describe(CDMO)
    assert cdmo.stages == set(Stage)
    assert "streamlines" in cdmo.when_to_choose
    assert "beside a CRO" in cdmo.when_to_choose
    assert "few companies run clinical operations and manufacturing together" in (
        cdmo.when_to_choose
    )


@pytest.mark.parametrize(("text", "expected"), [("cro", CRO), ("Contract Manufacturer", CMO)])
def test_describe_accepts_spellings(text: str, expected: OrganisationType) -> None:
    assert describe(text).organisation_type is expected  # type: ignore[arg-type]
