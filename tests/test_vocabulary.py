"""The vocabulary enums: stable values, forgiving parse, phase order and stages."""

import re
from collections.abc import Callable
from enum import StrEnum

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pharma_outsourcing as po
from pharma_outsourcing import (
    Criterion,
    Market,
    OrganisationType,
    Phase,
    Regulator,
    Stage,
    UnknownValueError,
)
from pharma_outsourcing._vocabulary import declared_position, in_declared_order, phases_between

VOCABULARIES: list[type[StrEnum]] = [
    po.OrganisationType,
    po.Phase,
    po.Stage,
    po.Service,
    po.ServiceCategory,
    po.Framework,
    po.Criterion,
    po.Market,
    po.Regulator,
    po.TherapeuticArea,
    po.Modality,
    po.DosageForm,
    po.InspectionOutcome,
    po.SubmissionOutcome,
    po.ProductType,
]
members = st.sampled_from(VOCABULARIES).flatmap(lambda cls: st.sampled_from(list(cls)))


@pytest.mark.parametrize("cls", VOCABULARIES, ids=lambda cls: cls.__name__)
def test_values_are_kebab_case_member_names(cls: type[StrEnum]) -> None:
    for member in cls:
        assert member.value == member.name.lower().replace("_", "-")


@given(members)
def test_parse_accepts_value_and_name_and_round_trips(member: StrEnum) -> None:
    cls = type(member)
    assert cls.parse(member.value) is member  # type: ignore[attr-defined]
    assert cls.parse(member.name) is member  # type: ignore[attr-defined]
    assert cls.parse(member) is member  # type: ignore[attr-defined]
    assert cls.parse(str(member)) is member  # type: ignore[attr-defined]


@given(
    members, st.sampled_from([str.upper, str.lower, str.title]), st.sampled_from([" ", "_", "."])
)
def test_parse_ignores_case_and_punctuation(
    member: StrEnum, case: Callable[[str], str], separator: str
) -> None:
    text = case(member.value.replace("-", separator))
    assert type(member).parse(text) is member  # type: ignore[attr-defined]


@given(members, st.text(max_size=12))
def test_parse_returns_the_member_or_raises_our_error(member: StrEnum, text: str) -> None:
    cls = type(member)
    known = {m for m in cls if cls.parse(m.value) is m}  # type: ignore[attr-defined]
    try:
        parsed = cls.parse(text)  # type: ignore[attr-defined]
    except UnknownValueError as error:
        message = str(error)
    else:
        message = ""
        assert parsed in known
    assert message == "" or all(m.value in message for m in cls)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Phase II", Phase.PHASE_2),
        ("phase 2", Phase.PHASE_2),
        ("P2", Phase.PHASE_2),
        ("phase-2", Phase.PHASE_2),
        ("PHASE_2", Phase.PHASE_2),
        ("Phase III", Phase.PHASE_3),
        ("phase i", Phase.PHASE_1),
        ("Phase IIb", Phase.PHASE_2),
        ("pre-clinical", Phase.PRECLINICAL),
        ("NDA", Phase.REGULATORY_REVIEW),
        ("Phase IV", Phase.COMMERCIAL),
    ],
)
def test_phase_spellings(text: str, expected: Phase) -> None:
    assert Phase.parse(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Contract Research Organization", OrganisationType.CRO),
        ("contract research organisation", OrganisationType.CRO),
        ("CRO", OrganisationType.CRO),
        ("contract manufacturing organization", OrganisationType.CMO),
        ("Contract Development and Manufacturing Organisation", OrganisationType.CDMO),
        ("CRDMO", OrganisationType.CDMO),
    ],
)
def test_organisation_type_spellings(text: str, expected: OrganisationType) -> None:
    assert OrganisationType.parse(text) is expected


@pytest.mark.parametrize(
    ("cls", "text", "expected"),
    [
        (po.DosageForm, "lyophilized powder", po.DosageForm.LYOPHILISED_POWDER),
        (po.DosageForm, "Lyophilised Powder", po.DosageForm.LYOPHILISED_POWDER),
        (po.Service, "packaging and labeling", po.Service.PACKAGING_AND_LABELLING),
        (po.Service, "Packaging & Labelling", po.Service.PACKAGING_AND_LABELLING),
        (po.TherapeuticArea, "hematology", po.TherapeuticArea.HAEMATOLOGY),
        (po.Market, "United States", Market.US),
        (po.Regulator, "Health Canada", Regulator.HEALTH_CANADA),
    ],
)
def test_british_and_american_spellings(cls: type[StrEnum], text: str, expected: StrEnum) -> None:
    assert cls.parse(text) is expected  # type: ignore[attr-defined]


def test_unknown_text_names_allowed_values_and_nearest_match() -> None:
    with pytest.raises(UnknownValueError) as caught:
        Phase.parse("comercial")
    error = caught.value
    assert error.field == "phase"
    assert error.value == "comercial"
    assert error.suggestion == "commercial"
    assert "discovery, preclinical, phase-1" in str(error)
    assert "did you mean 'commercial'?" in str(error)


def test_unknown_text_far_from_everything_has_no_suggestion() -> None:
    with pytest.raises(UnknownValueError) as caught:
        Market.parse("qqqqqqqqqqqq")
    assert caught.value.suggestion is None
    assert "did you mean" not in str(caught.value)


def test_parse_names_the_field_given() -> None:
    with pytest.raises(UnknownValueError, match=r"^horizon: 'later'"):
        Phase.parse("later", field="horizon")


@pytest.mark.parametrize("value", [2, None, 2.5, ["phase-2"]])
def test_parse_refuses_non_text(value: object) -> None:
    with pytest.raises(po.InvalidInputError, match="is not text"):
        Phase.parse(value)  # type: ignore[arg-type]


def test_parse_many_parses_each_and_refuses_a_lone_text() -> None:
    assert Market.parse_many(["USA", "Europe", "us"]) == {Market.US, Market.EU}
    with pytest.raises(po.InvalidInputError, match="single text"):
        Market.parse_many("us")


@pytest.mark.parametrize("value", [None, 5, 2.5])
def test_parse_many_refuses_what_is_not_a_collection_with_our_error(value: object) -> None:
    # Issue 11, item 8: not a TypeError from iterating None.
    with pytest.raises(po.InvalidInputError) as caught:
        Market.parse_many(value)  # type: ignore[arg-type]
    assert caught.value.field == "market"
    assert caught.value.value is value
    assert "is not a collection" in str(caught.value)
    assert "allowed: a list of market values" in str(caught.value)


@given(st.lists(st.sampled_from(list(Market))))
def test_declared_position_orders_members_as_their_enum_declares_them(
    chosen: list[Market],
) -> None:
    order = list(Market)
    assert in_declared_order(chosen) == sorted(chosen, key=order.index)
    assert sorted(chosen, key=declared_position) == in_declared_order(chosen)


@given(st.sampled_from(list(Phase)), st.sampled_from(list(Phase)))
def test_phase_order_is_position_in_development(a: Phase, b: Phase) -> None:
    order = list(Phase)
    assert (a < b) == (order.index(a) < order.index(b))
    assert (a <= b) == (order.index(a) <= order.index(b))
    assert (a > b) == (order.index(a) > order.index(b))
    assert (a >= b) == (order.index(a) >= order.index(b))
    assert a.position == order.index(a)


def test_phase_order_is_not_alphabetical() -> None:
    assert Phase.DISCOVERY < Phase.COMMERCIAL  # alphabetically "commercial" < "discovery"
    assert sorted([Phase.COMMERCIAL, Phase.DISCOVERY, Phase.PHASE_2]) == [
        Phase.DISCOVERY,
        Phase.PHASE_2,
        Phase.COMMERCIAL,
    ]


def test_phase_comparison_with_other_types_is_not_implemented() -> None:
    assert Phase.PHASE_1.__lt__(3) is NotImplemented
    assert Phase.PHASE_1.__le__(3) is NotImplemented
    assert Phase.PHASE_1.__gt__(3) is NotImplemented
    assert Phase.PHASE_1.__ge__(3) is NotImplemented


@pytest.mark.parametrize(
    ("phase", "stage"),
    [
        (Phase.DISCOVERY, Stage.EARLY),
        (Phase.PRECLINICAL, Stage.EARLY),
        (Phase.PHASE_1, Stage.EARLY),
        (Phase.PHASE_2, Stage.MID),
        (Phase.PHASE_3, Stage.LATE),
        (Phase.REGULATORY_REVIEW, Stage.LATE),
        (Phase.COMMERCIAL, Stage.POST_APPROVAL),
    ],
)
def test_phase_stage(phase: Phase, stage: Stage) -> None:
    assert phase.stage is stage


@given(st.sampled_from(list(Phase)), st.sampled_from(list(Phase)))
def test_phases_between_is_the_ordered_closed_interval(a: Phase, b: Phase) -> None:
    between = phases_between(a, b)
    assert list(between) == sorted(p for p in Phase if a <= p <= b)


def test_every_market_has_its_regulator() -> None:
    expected = {
        Market.US: Regulator.FDA,
        Market.EU: Regulator.EMA,
        Market.UK: Regulator.MHRA,
        Market.JAPAN: Regulator.PMDA,
        Market.CHINA: Regulator.NMPA,
        Market.CANADA: Regulator.HEALTH_CANADA,
        Market.AUSTRALIA: Regulator.TGA,
        Market.BRAZIL: Regulator.ANVISA,
        Market.INDIA: Regulator.CDSCO,
        Market.SWITZERLAND: Regulator.SWISSMEDIC,
        Market.SOUTH_KOREA: Regulator.MFDS,
    }
    assert {market: market.regulator for market in Market} == expected


def test_criteria_are_the_six_in_the_seeds_order() -> None:
    assert [c.name for c in Criterion] == [
        "STAGE_OF_DEVELOPMENT",
        "TECHNICAL_EXPERTISE",
        "REGULATORY_TRACK_RECORD",
        "SCALABILITY",
        "GEOGRAPHIC_FOOTPRINT",
        "CULTURAL_FIT",
    ]


def test_aliases_never_shadow_another_members_own_spelling() -> None:
    normalise = re.compile(r"[^0-9a-z]+")
    for cls in VOCABULARIES:
        for member in cls:
            for spelling in (member.value, member.name):
                assert cls.parse(spelling) is member  # type: ignore[attr-defined]
            assert normalise.sub("", member.value)  # never empty after normalising
