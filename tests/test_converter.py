"""The converter: round trips for every value object, strict scalars, errors with paths."""

from __future__ import annotations

import datetime
import enum
import json
import math
from collections.abc import Mapping
from typing import Any, Literal, TypeVar

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import pharma_outsourcing as po
import strategies
from helpers import Visit, attempt
from pharma_outsourcing import InvalidDataError, converter
from pharma_outsourcing._frozenmap import FrozenMap
from pharma_outsourcing._serialise._problems import describe_type, format_path

T = TypeVar("T")

# Every public value object; a new one gets the round-trip property by being exported and
# having a strategy registered in tests/strategies.py.
# Basis is not data but a computation (what rank() scores against, with derived fields
# set after init); it is rebuilt from a profile, not read from a file.
VALUE_OBJECTS = sorted(
    (obj for name in po.__all__ if attrs.has(obj := getattr(po, name)) and obj is not po.Basis),
    key=lambda cls: cls.__name__,
)


def test_every_public_value_object_is_covered() -> None:
    names = {cls.__name__ for cls in VALUE_OBJECTS}
    assert {"Partner", "SponsorProfile", "Inspection", "Recommendation"} <= names


@pytest.mark.parametrize("cls", VALUE_OBJECTS, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_round_trip(cls: type, data: st.DataObject) -> None:
    value = data.draw(st.from_type(cls))
    plain = converter.unstructure(value)
    assert converter.structure(plain, cls) == value
    text = converter.dumps(value)
    assert converter.loads(text, cls) == value
    # Deterministic: the same value always gives the same text.
    assert converter.dumps(converter.structure(plain, cls)) == text
    # Plain data is JSON data, with no None anywhere.
    assert json.loads(text) == plain
    assert "null" not in text or "null" in json.dumps(plain)


def _has_none(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, dict):
        return any(_has_none(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_none(item) for item in value)
    return False


@given(st.from_type(po.SponsorProfile) | st.from_type(po.Partner))
def test_none_fields_are_omitted(value: object) -> None:
    assert not _has_none(converter.unstructure(value))


@given(st.from_type(po.Partner))
def test_sets_are_written_as_sorted_lists(partner: po.Partner) -> None:
    plain = converter.unstructure(partner)
    # Enum members in the order their enum declares them: phases in development order.
    assert plain["markets"] == [market.value for market in po.Market if market in partner.markets]
    assert plain["phases"] == [phase.value for phase in sorted(partner.phases)]


def test_absent_optional_fields_read_as_none() -> None:
    profile = converter.structure({"phase": "phase-1"}, po.SponsorProfile)
    assert profile.services is None
    assert profile.scope is None
    assert profile.pathway is None
    assert profile.prefers_single_partner is None
    # A required field that may be None (Reason.criterion) reads as None when absent.
    reason = converter.structure({"text": "t", "source": "s"}, po.Reason)
    assert reason.criterion is None


@pytest.mark.parametrize(
    ("given_text", "member"),
    [
        ("Phase II", po.Phase.PHASE_2),
        ("P3", po.Phase.PHASE_3),
        ("phase-1", po.Phase.PHASE_1),
        ("first in human", po.Phase.PHASE_1),
    ],
)
def test_enums_accept_the_aliases_of_parse(given_text: str, member: po.Phase) -> None:
    profile = converter.structure({"phase": given_text}, po.SponsorProfile)
    assert profile.phase is member
    assert converter.unstructure(profile)["phase"] == member.value


@given(strategies.profiles())
def test_a_pathway_is_written_in_its_order_and_a_scope_sorted(profile: po.SponsorProfile) -> None:
    plain = converter.unstructure(profile)
    if profile.pathway is None:
        assert "pathway" not in plain
    else:
        assert plain["pathway"] == [phase.value for phase in profile.pathway]
    if profile.scope is None:
        assert "scope" not in plain
    else:
        assert plain["scope"] == [s.value for s in po.Service if s in profile.scope]


def test_a_pathway_and_a_scope_accept_the_aliases_of_parse() -> None:
    profile = converter.structure(
        {
            "phase": "Phase II",
            "pathway": ["P2", "filing", "market"],
            "scope": ["FINISHED_DOSAGE_MANUFACTURING", "quality control"],
        },
        po.SponsorProfile,
    )
    assert profile.pathway == (po.Phase.PHASE_2, po.Phase.REGULATORY_REVIEW, po.Phase.COMMERCIAL)
    assert profile.scope == frozenset(
        {po.Service.FINISHED_DOSAGE_MANUFACTURING, po.Service.QUALITY_CONTROL}
    )
    assert converter.unstructure(profile)["pathway"] == [
        "phase-2",
        "regulatory-review",
        "commercial",
    ]


def test_a_pathway_problem_is_reported_with_the_others() -> None:
    with pytest.raises(InvalidDataError) as caught:
        converter.structure(
            {"phase": "phase-2", "pathway": ["phase-2", "commercial"], "name": 3},
            po.SponsorProfile,
        )
    fields = [problem.field for problem in caught.value.problems]
    assert fields == ["name", "pathway"]
    (pathway,) = [p for p in caught.value.problems if p.field == "pathway"]
    assert pathway.suggestion == "phase-2, regulatory-review, commercial"


@given(st.sampled_from([po.Phase, po.Market, po.Service, po.Modality, po.Regulator]))
def test_enum_collections_accept_aliases(vocabulary: type[enum.Enum]) -> None:
    members = list(vocabulary)
    names = [member.name for member in members]  # member names are accepted aliases
    assert converter.structure(names, frozenset[vocabulary]) == frozenset(members)  # type: ignore[valid-type]


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"phase": "phase-1", "prefers_single_partner": "false"}, "prefers_single_partner", "text"),
        ({"phase": "phase-1", "prefers_single_partner": 0}, "prefers_single_partner", "number"),
        ({"phase": "phase-1", "name": 3}, "name", "number"),
        ({"phase": "phase-1", "name": ["a"]}, "name", "list"),
        ({"phase": 1}, "phase", "not a known Phase"),
        ({"phase": "phase-1", "in_house": "api-production"}, "in_house", "text"),
        ({"phase": "phase-1", "target_markets": {"us": 1}}, "target_markets", "object"),
    ],
)
def test_scalars_are_taken_as_written(data: dict[str, object], field: str, words: str) -> None:
    with pytest.raises(InvalidDataError) as caught:
        converter.structure(data, po.SponsorProfile)
    (problem,) = caught.value.problems
    assert problem.field == field
    assert words in str(problem)


@pytest.mark.parametrize(
    ("value", "field"),
    [("3", "communication"), (True, "communication"), (None, "gmp_certified")],
)
def test_partner_scalars_are_strict(value: object, field: str) -> None:
    with pytest.raises(InvalidDataError, match=field):
        converter.structure({"name": "A", "organisation_type": "cro", field: value}, po.Partner)


def test_numbers_as_text_get_a_hint() -> None:
    record = {
        "name": "A",
        "organisation_type": "cmo",
        "communication": "3",
        "inspections": [{"regulator": "fda", "year": "2020", "outcome": "nai"}],
    }
    with pytest.raises(InvalidDataError) as caught:
        converter.structure(record, po.Partner)
    message = str(caught.value)
    assert "communication: '3' is text; allowed: a number; did you mean '3 (a number" in message
    assert "inspections[0].year: '2020' is text; allowed: a whole number" in message


def test_whole_floats_are_whole_numbers_and_ints_are_floats() -> None:
    inspection = converter.structure(
        {"regulator": "fda", "year": 2020.0, "outcome": "nai"}, po.Inspection
    )
    assert inspection.year == 2020
    assert type(inspection.year) is int
    partner = converter.structure(
        {"name": "A", "organisation_type": "cro", "communication": 4}, po.Partner
    )
    assert partner.communication == 4.0
    assert type(partner.communication) is float


def test_every_problem_is_reported_with_its_path() -> None:
    record = {
        "name": "",
        "organisation_type": "cmo",
        "markets": ["us", "europa", 7],
        "inspections": [{"regulator": "fda", "year": 2020}, {"regulatr": "ema"}],
        "gmp_certifed": True,
    }
    with pytest.raises(InvalidDataError) as caught:
        converter.structure(record, po.Partner)
    fields = [problem.field for problem in caught.value.problems]
    assert fields == [
        "markets[1]",
        "markets[2]",
        "inspections[0].outcome",
        "inspections[1].regulatr",
        "inspections[1].regulator",
        "inspections[1].outcome",
        "inspections[1].year",  # neither year nor date: the year's validator says so
        "gmp_certifed",
        "name",  # the empty name: a validator's problem, found with the others
    ]
    message = str(caught.value)
    assert "did you mean 'eu'?" in message
    assert "did you mean 'regulator'?" in message
    assert "did you mean 'gmp_certified'?" in message
    assert len(message.splitlines()) == len(fields)


def test_validator_problems_are_ours() -> None:
    with pytest.raises(InvalidDataError) as caught:
        converter.structure({"phase": "phase-3", "horizon": "phase-1"}, po.SponsorProfile)
    (problem,) = caught.value.problems
    assert problem.field == "horizon"
    assert problem.suggestion == "phase-3"
    assert isinstance(caught.value, ValueError)


def test_top_level_and_container_kinds() -> None:
    with pytest.raises(InvalidDataError, match=r"\(top level\): \[\] is a list"):
        converter.structure([], po.SponsorProfile)
    with pytest.raises(InvalidDataError, match=r"is null"):
        converter.structure(None, po.Partner)
    with pytest.raises(InvalidDataError, match=r"\[1\]: 2 is a number"):
        converter.structure(["a", 2], tuple[str, ...])
    with pytest.raises(InvalidDataError, match=r"\[0\]: 'x' is text"):
        converter.structure(["x"], list[int])


def test_mappings_read_and_write_as_objects() -> None:
    mapping_type: Any = Mapping[po.Service, po.OrganisationType]
    value = converter.structure({"site-monitoring": "CRO", "api-production": "cmo"}, mapping_type)
    assert isinstance(value, FrozenMap)
    assert value == {
        po.Service.SITE_MONITORING: po.OrganisationType.CRO,
        po.Service.API_PRODUCTION: po.OrganisationType.CMO,
    }
    # Keys in the order the enum declares them (the catalogue's order).
    assert list(converter.unstructure(value, mapping_type)) == ["site-monitoring", "api-production"]
    assert converter.structure({"a": 1}, dict[str, int]) == {"a": 1}
    with pytest.raises(InvalidDataError, match=r"site-monitorin: .*did you mean 'site-monitoring'"):
        converter.structure({"site-monitorin": "cro"}, mapping_type)
    with pytest.raises(InvalidDataError, match=r"is a list; allowed: an object"):
        converter.structure([], mapping_type)


def test_other_types_use_cattrs_with_our_errors() -> None:
    day = datetime.date(2024, 5, 1)
    assert converter.structure(converter.unstructure(day), datetime.date) == day
    with pytest.raises(InvalidDataError):
        converter.structure("not a date", datetime.date)


# --- dates -------------------------------------------------------------------------------


@given(strategies.dates)
def test_dates_are_read_from_and_written_as_iso_text(day: datetime.date) -> None:
    assert converter.unstructure(day) == day.isoformat()
    assert converter.structure(day.isoformat(), datetime.date) == day


@given(strategies.inspections())
def test_a_dated_inspection_is_written_with_its_date_as_iso_text(inspection: po.Inspection) -> None:
    plain = converter.unstructure(inspection)
    if inspection.date is None:
        assert "date" not in plain
    else:
        assert plain["date"] == inspection.date.isoformat()
        # The year is the date's, so the record reads back with or without it.
        del plain["year"]
    assert converter.structure(plain, po.Inspection) == inspection


@pytest.mark.parametrize(
    ("given_value", "problem", "suggestion"),
    [
        ("2024-3-12", "is not a date written YYYY-MM-DD", "2024-03-12"),
        ("2024/03/12", "is not a date written YYYY-MM-DD", "2024-03-12"),
        ("20240312", "is not a date written YYYY-MM-DD", "2024-03-12"),
        ("2024-03-12T09:30:00", "is not a date written YYYY-MM-DD", "2024-03-12"),
        ("2024-02-30", "is not a day of the calendar", "2024-02-29"),
        ("2024-13-01", "is not a day of the calendar", None),
        ("12/03/2024", "is not a date written YYYY-MM-DD", None),  # day or month first?
        (
            "\uff12\uff10\uff12\uff14-\uff10\uff13-\uff11\uff12",
            "is not a date written YYYY-MM-DD",
            None,
        ),  # full-width
        ("", "is not a date written YYYY-MM-DD", None),
        (20240312, "is a number", None),
        (2024, "is a number", None),
        (["2024-03-12"], "is a list", None),
        (datetime.datetime(2024, 3, 12, 9, 30), "is a datetime", "2024-03-12"),
    ],
)
def test_a_date_that_is_not_iso_text_is_refused_naming_the_field(
    given_value: object, problem: str, suggestion: str | None
) -> None:
    record = {"regulator": "fda", "date": given_value, "outcome": "nai"}
    with pytest.raises(InvalidDataError) as caught:
        converter.structure(record, po.Inspection)
    found = caught.value.problems[0]
    assert found.field == "date"
    assert found.value == given_value
    assert found.problem == problem
    assert found.allowed == "a date written YYYY-MM-DD, such as 2024-03-12"
    assert found.suggestion == suggestion


def test_a_date_as_toml_reads_one_is_a_date() -> None:
    record = {"regulator": "fda", "date": datetime.date(2024, 3, 12), "outcome": "nai"}
    assert converter.structure(record, po.Inspection).year == 2024


def test_a_year_disagreeing_with_the_date_is_refused() -> None:
    record = {"regulator": "fda", "date": "2024-03-12", "year": 2023, "outcome": "nai"}
    with pytest.raises(InvalidDataError) as caught:
        converter.structure(record, po.Inspection)
    (problem,) = caught.value.problems
    assert str(problem) == (
        "year: 2023 disagrees with the record's date (2024-03-12); allowed: the date's year, "
        "or no year (it is then the date's); did you mean '2024'?"
    )


def test_a_date_out_of_range_is_shown_as_written_and_its_year_not_reported_again() -> None:
    record = {"regulator": "fda", "date": "2099-01-01", "outcome": "nai"}
    with pytest.raises(InvalidDataError) as caught:
        converter.structure(record, po.Inspection)
    (problem,) = caught.value.problems
    assert str(problem).startswith("date: '2099-01-01' is in the future; allowed: a date")


def test_an_inspection_without_year_or_date_is_missing_its_year() -> None:
    with pytest.raises(InvalidDataError) as caught:
        converter.structure({"regulator": "fda", "outcome": "nai"}, po.Inspection)
    (problem,) = caught.value.problems
    assert str(problem) == (
        "year: is missing; allowed: the year of the record, or its date (the year is then "
        "the date's)"
    )


def test_tuples_of_fixed_length_are_written_as_lists() -> None:
    steps = ((po.Phase.DISCOVERY, po.Framework.GLP), (po.Phase.PHASE_1, po.Framework.GMP))
    plain = converter.unstructure(steps, tuple[tuple[po.Phase, po.Framework], ...])
    assert plain == [["discovery", "glp"], ["phase-1", "gmp"]]
    assert converter.structure(plain, tuple[tuple[po.Phase, po.Framework], ...]) == steps


# --- profiles written for 0.1 ------------------------------------------------------------


@given(strategies.profiles())
def test_a_profile_is_written_with_the_keys_of_0_2(profile: po.SponsorProfile) -> None:
    plain = converter.unstructure(profile)
    assert {"modalities", "dosage_forms", "requires"} <= plain.keys()
    assert not {"modality", "dosage_form"} & plain.keys()


@given(
    st.sampled_from(list(po.Modality)),
    st.sampled_from(list(po.DosageForm)),
    st.sampled_from(["value", "name", "label"]),
)
def test_the_one_value_keys_of_0_1_read_as_one_member_sets(
    modality: po.Modality, dosage_form: po.DosageForm, spelling: str
) -> None:
    def written(member: po.Modality | po.DosageForm) -> str:
        return {"value": member.value, "name": member.name, "label": member.label}[spelling]

    old = {"phase": "phase-1", "modality": written(modality), "dosage_form": written(dosage_form)}
    profile = converter.structure(old, po.SponsorProfile)
    assert profile.modalities == {modality}
    assert profile.dosage_forms == {dosage_form}
    new = converter.unstructure(profile)
    assert (new["modalities"], new["dosage_forms"]) == ([modality.value], [dosage_form.value])


def test_a_null_one_value_key_of_0_1_reads_as_none_given() -> None:
    profile = converter.structure({"phase": "phase-1", "modality": None}, po.SponsorProfile)
    assert profile.modalities == frozenset()


@pytest.mark.parametrize(
    ("old", "new"), [("modality", "modalities"), ("dosage_form", "dosage_forms")]
)
def test_a_key_of_0_1_and_its_new_name_both_given_are_refused(old: str, new: str) -> None:
    value = "biologic" if old == "modality" else "oral-solid"
    record = {"phase": "phase-1", old: value, new: [value]}
    with pytest.raises(InvalidDataError) as caught:
        converter.structure(record, po.SponsorProfile)
    (problem,) = caught.value.problems
    assert str(problem) == (
        f"{old}: {value!r} is given as well as {new!r}; allowed: {new} (a list), or {old} "
        "(one value, as files written for 0.1 have it), not both"
    )


def test_problems_with_keys_of_0_1_are_reported_at_those_keys_with_the_others() -> None:
    record = {
        "phase": "phase-3",
        "horizon": "phase-1",
        "modality": "biologik",
        "dosage_form": ["oral-solid"],
        "requires": ["asepsis"],
        "modalty": 1,
    }
    with pytest.raises(InvalidDataError) as caught:
        converter.structure(record, po.SponsorProfile)
    problems = {problem.field: problem for problem in caught.value.problems}
    assert list(problems) == ["modality", "dosage_form", "requires[0]", "modalty", "horizon"]
    assert problems["modality"].suggestion == "biologic"
    assert problems["dosage_form"].problem == "is a list"
    assert problems["dosage_form"].suggestion == "dosage_forms"
    assert problems["modalty"].suggestion == "modalities"


def test_non_vocabulary_enums_and_unsortable_sets() -> None:
    class Colour(enum.Enum):
        RED = 1
        BLUE = 2

    assert converter.structure(1, Colour) is Colour.RED
    with pytest.raises(InvalidDataError, match="not a known Colour; allowed: 1, 2"):
        converter.structure(3, Colour)
    with pytest.raises(InvalidDataError, match="not a known Colour"):
        converter.structure("1", Colour)
    mixed: frozenset[object] = frozenset({1, "a"})
    assert converter.unstructure(mixed, frozenset[int | str]) == [1, "a"]


def test_malformed_json_text_is_our_error() -> None:
    with pytest.raises(InvalidDataError, match="is not JSON"):
        converter.loads("{", po.SponsorProfile)


def test_constructor_failures_other_than_ours_are_wrapped() -> None:
    @attrs.frozen
    class Fussy:
        value: int = attrs.field()

        @value.validator
        def _check(self, _attribute: object, value: int) -> None:
            if value < 0:
                raise TypeError("negative")

    with pytest.raises(InvalidDataError, match="is not a valid Fussy"):
        converter.structure({"value": -1}, Fussy)


def test_format_path_and_describe_type() -> None:
    assert format_path(("a", 0, "b", 1)) == "a[0].b[1]"
    assert describe_type(tuple[po.Inspection, ...]) == (
        "a list, each an object of Inspection fields"
    )
    assert describe_type(po.Phase) == "a Phase"
    assert describe_type(complex) == "a value"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)


def _records(cls: type) -> st.SearchStrategy[Any]:
    keys = st.sampled_from([field.name for field in attrs.fields(cls)]) | st.text(max_size=12)
    return st.dictionaries(keys, json_values, max_size=8) | json_values


@given(_records(po.SponsorProfile))
def test_fuzz_profile_data_gives_a_profile_or_our_error(data: object) -> None:
    result = attempt(converter.structure, data, po.SponsorProfile)
    if isinstance(result, InvalidDataError):
        assert result.problems
        assert all(isinstance(problem, po.InvalidInputError) for problem in result.problems)
    else:
        assert isinstance(result, po.SponsorProfile)


@given(st.lists(_records(po.Partner), max_size=3))
def test_fuzz_partner_data_gives_partners_or_our_error(data: list[object]) -> None:
    result = attempt(converter.structure, data, tuple[po.Partner, ...])
    if isinstance(result, InvalidDataError):
        assert result.problems
    else:
        assert all(isinstance(partner, po.Partner) for partner in result)
        assert all(
            partner.communication is None or math.isfinite(partner.communication)
            for partner in result
        )


def test_other_types_round_trip_inside_value_objects() -> None:
    visit = Visit(day=datetime.date(2024, 1, 2), tags=frozenset({3, 1}), score="x", note=2)
    plain = converter.unstructure(visit)
    assert plain == {"day": "2024-01-02", "tags": [1, 3], "score": "x", "note": 2}
    assert converter.structure(plain, Visit) == visit


def test_other_types_give_our_errors_inside_value_objects() -> None:
    with pytest.raises(InvalidDataError) as caught:
        converter.structure({"day": "someday", "tags": [1, "2"], "score": 1.5}, Visit)
    fields = [problem.field for problem in caught.value.problems]
    assert fields == ["day", "tags[1]", "score"]


def test_every_validator_problem_of_a_record_is_reported() -> None:
    record = {
        "name": "  ",
        "organisation_type": "cro",
        "services": ["tech-transfer"],
        "inspections": [{"regulator": "fda", "year": 2020, "outcome": "nai", "major": -1}],
        "communication": 7,
    }
    with pytest.raises(InvalidDataError) as caught:
        converter.structure(record, po.Partner)
    fields = [problem.field for problem in caught.value.problems]
    # The nested record's problem (found while structuring) first, then the validators'.
    assert fields == ["inspections[0].major", "name", "services", "communication"]
    text = str(caught.value)
    assert "is not a non-empty text" in text
    assert "tech-transfer" in text
    assert "is out of range" in text


def test_validators_failing_because_of_another_field_are_passed_over() -> None:
    # The services validator needs an organisation type; the type's own problem is reported.
    with pytest.raises(InvalidDataError) as caught:
        converter.structure(
            {"phase": "phase-3", "horizon": "phase-1", "in_house": ["tech-transfer"]},
            po.SponsorProfile,
        )
    assert [problem.field for problem in caught.value.problems] == ["horizon"]


# --- hostile input (issue 11): each defect found, kept fixed ------------------------------


def test_a_400_digit_number_is_refused_not_an_overflow() -> None:
    record = {"name": "A", "organisation_type": "cro", "communication": 10**400}
    with pytest.raises(InvalidDataError, match=r"communication: .* has more than 300 digits"):
        converter.structure(record, po.Partner)
    with pytest.raises(InvalidDataError, match=r"values\.scalability: .* more than 300 digits"):
        converter.structure({"values": {"scalability": 10**400}}, po.Weights)


def test_a_whole_float_of_more_than_300_digits_is_refused_as_an_int_of_them_is() -> None:
    # Found by the fuzz suite: 1e300 read as a count became an int that CSV could not hold.
    record = {"regulator": "fda", "year": 2020, "outcome": "nai", "critical": 1e300}
    with pytest.raises(InvalidDataError, match=r"critical: 1e\+300 has more than 300 digits"):
        converter.structure(record, po.Inspection)
    assert converter.structure({**record, "critical": 1e299}, po.Inspection).critical == int(1e299)


def test_a_lone_surrogate_is_refused_naming_the_field() -> None:
    with pytest.raises(InvalidDataError, match=r"^name: .* holds a lone surrogate at position 0"):
        converter.structure({"name": "\ud800", "organisation_type": "cro"}, po.Partner)
    with pytest.raises(InvalidDataError, match=r"^phase: .* lone surrogate"):
        converter.structure({"phase": "phase-\udfff"}, po.SponsorProfile)


def test_a_lone_surrogate_is_refused_by_the_constructors_too() -> None:
    with pytest.raises(po.InvalidInputError, match=r"^name: .* lone surrogate"):
        po.Partner(name="A\ud800", organisation_type=po.OrganisationType.CRO)
    with pytest.raises(po.InvalidInputError, match=r"^name: .* lone surrogate"):
        po.SponsorProfile(phase=po.Phase.PHASE_1, name="\udc00")


def test_two_keys_naming_one_criterion_are_refused_as_the_constructor_does() -> None:
    with pytest.raises(InvalidDataError, match=r"names the same key as 'scale'"):
        converter.structure({"values": {"scale": 1, "scalability": 2}}, po.Weights)


def test_heterogeneous_tuples_literals_and_unknown_types_give_our_error() -> None:
    assert converter.structure([1, "a"], tuple[int, str]) == (1, "a")
    with pytest.raises(InvalidDataError, match=r"\[0\]: 'a' is text"):
        converter.structure(["a", 1], tuple[int, str])
    with pytest.raises(InvalidDataError, match="is not a valid Literal"):
        converter.structure("x", Literal["a", "b"])  # type: ignore[arg-type]
    with pytest.raises(InvalidDataError, match="not a type the converter reads"):
        converter.structure({}, "Partner")  # type: ignore[arg-type]


def test_a_value_nested_2000_deep_still_gets_a_message() -> None:
    deep: list[object] = []
    for _ in range(2000):
        deep = [deep]
    with pytest.raises(
        InvalidDataError, match=r"\(top level\): \[\[\[\[\[\.\.\.\]\]\]\]\] is a list"
    ):
        converter.structure(deep, po.SponsorProfile)


def test_writing_what_cannot_be_written_is_our_error() -> None:
    basis = po.Basis(profile=po.SponsorProfile(phase=po.Phase.PHASE_1), services=frozenset())
    with pytest.raises(po.InvalidInputError, match="cannot be written as plain data"):
        converter.unstructure(basis)
    with pytest.raises(po.InvalidInputError, match="not finite"):
        converter.dumps(math.nan)


def test_json_output_is_standard_json() -> None:
    text = converter.dumps(po.Partner(name="A", organisation_type=po.OrganisationType.CRO))
    assert json.loads(text, parse_constant=pytest.fail)


def test_problems_of_reports_every_shape_of_cattrs_error() -> None:
    """The formatter's fallbacks: exceptions cattrs could raise outside its usual notes."""
    from cattrs.errors import ForbiddenExtraKeysError, IterableValidationError  # noqa: PLC0415

    from pharma_outsourcing._serialise._problems import problems_of  # noqa: PLC0415

    unnoted = IterableValidationError("x", [ValueError("bad item")], list[int])
    (problem,) = problems_of(unnoted, [1], list[int], converter)
    assert "is not a valid list (bad item)" in str(problem)
    extra = ForbiddenExtraKeysError("", po.Inspection, {"regulatr"})
    (problem,) = problems_of(extra, {"regulatr": 1}, po.Inspection, converter)
    assert problem.field == "regulatr"
    assert problem.suggestion == "regulator"
    (problem,) = problems_of(RecursionError(), [], list[int], converter)
    assert "is nested too deeply" in str(problem)


def test_a_value_of_no_json_kind_is_named_by_its_type() -> None:
    with pytest.raises(InvalidDataError, match=r"\(top level\): \{1\} is a set; allowed: a list"):
        converter.structure({1}, list[int])
    assert describe_type(int | None) == "a whole number"


def test_a_value_whose_repr_fails_still_gets_a_message() -> None:
    class Opaque:
        def __repr__(self) -> str:
            raise RuntimeError

    with pytest.raises(InvalidDataError, match=r"<Opaque instance at 0x\w+> is an Opaque"):
        converter.structure(Opaque(), int)
