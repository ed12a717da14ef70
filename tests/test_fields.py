"""Tests of ``_fields``: the field converters that read texts where enums are expected."""

from __future__ import annotations

import typing
from collections.abc import Callable

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pharma_outsourcing as po
import strategies  # noqa: F401 - registers the value objects' strategies
from pharma_outsourcing import (
    Audit,
    AuditOutcome,
    Criterion,
    Framework,
    Inspection,
    InspectionOutcome,
    InvalidInputError,
    Market,
    OrganisationType,
    Partner,
    Phase,
    Reason,
    Regulator,
    Service,
    SponsorProfile,
    UnknownValueError,
)
from pharma_outsourcing import _fields as convert
from pharma_outsourcing._vocabulary import _ALIASES, Vocabulary

CRO = OrganisationType.CRO


def _vocabulary_of(annotation: object) -> tuple[str, type[Vocabulary]] | None:
    """``("one", E)``, ``("set", E)`` or ``("sequence", E)`` for a field holding members of E."""
    args = typing.get_args(annotation)
    if type(None) in args:  # X | None
        (annotation,) = [arg for arg in args if arg is not type(None)]
        args = typing.get_args(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Vocabulary):
        return "one", annotation
    origin = typing.get_origin(annotation)
    if origin is frozenset and issubclass(args[0], Vocabulary):
        return "set", args[0]
    if (
        origin is tuple
        and len(args) == 2
        and args[1] is Ellipsis
        and issubclass(args[0], Vocabulary)
    ):
        return "sequence", args[0]
    return None


def _enum_fields() -> list[tuple[type, str, str, type[Vocabulary]]]:
    """Every validated field of a public value object that holds vocabulary members.

    The catalogue's own rows (``ServiceInfo``, ``TypeDescription``) are the library's
    reference data, built once, with no validators: they are not inputs.
    """
    found = []
    for name in sorted(po.__all__):
        cls = getattr(po, name)
        if not (isinstance(cls, type) and attrs.has(cls)):
            continue
        attrs.resolve_types(cls)
        for field in attrs.fields(cls):
            kind = _vocabulary_of(field.type)
            if field.init and kind is not None and field.validator is not None:
                found.append((cls, field.name, *kind))
    return found


ENUM_FIELDS = _enum_fields()


def _spellings(member: Vocabulary) -> list[str]:
    """Texts that name ``member``: its value, its name, in capitals, and every alias."""
    texts = [member.value, member.name, member.value.upper(), member.name.replace("_", " ")]
    aliases = _ALIASES.get(type(member), {})
    return texts + [alias for alias, value in aliases.items() if value == member.value]


def _evolved(base: object, name: str, value: object) -> object:
    """``base`` with ``name`` set to ``value``, or the library's error, as (type, message)."""
    try:
        return attrs.evolve(base, **{name: value})  # type: ignore[misc]  # an attrs instance
    except InvalidInputError as error:
        return type(error), str(error)


def test_the_enum_fields_are_found_and_each_has_a_converter() -> None:
    pairs = {(cls.__name__, name) for cls, name, _, _ in ENUM_FIELDS}
    assert {
        ("Partner", "organisation_type"),
        ("Partner", "services"),
        ("Inspection", "outcome"),
        ("SponsorProfile", "pathway"),
        ("Reason", "criterion"),
        ("Handoff", "kind"),
        ("Agreement", "signed_by"),
    } <= pairs
    for cls, name, _, _ in ENUM_FIELDS:
        assert attrs.fields_dict(cls)[name].converter is not None, f"{cls.__name__}.{name}"


@pytest.mark.parametrize(
    ("cls", "name", "kind", "vocabulary"),
    ENUM_FIELDS,
    ids=[f"{cls.__name__}.{name}" for cls, name, _, _ in ENUM_FIELDS],
)
@settings(max_examples=3)
@given(data=st.data())
def test_every_member_and_each_of_its_spellings_build_the_same_object(
    data: st.DataObject, cls: type, name: str, kind: str, vocabulary: type[Vocabulary]
) -> None:
    base = data.draw(st.from_type(cls))
    if kind == "sequence":  # the same members, in order, each spelt some way
        current = getattr(base, name)
        if current is not None:
            spelt = [data.draw(st.sampled_from(_spellings(member))) for member in current]
            assert _evolved(base, name, spelt) == base
        return
    for member in vocabulary:
        expected = _evolved(base, name, member if kind == "one" else frozenset({member}))
        for text in _spellings(member):
            assert _evolved(base, name, text if kind == "one" else {text}) == expected


@pytest.mark.parametrize(
    ("build", "field", "suggestion"),
    [
        (lambda: Partner(name="A", organisation_type="crp"), "organisation_type", "cro"),
        (lambda: SponsorProfile(phase="phase 22"), "phase", "phase-2"),
        (lambda: SponsorProfile(phase="phase-2", horizon="comercial"), "horizon", "commercial"),
        (
            lambda: Partner(name="A", organisation_type=CRO, markets={"us", "eu", "japn"}),
            "markets",
            "japan",
        ),
        (
            lambda: SponsorProfile(phase="phase-1", pathway=["phase-1", "fase 2"]),
            "pathway[1]",
            "phase-2",
        ),
        (lambda: Inspection(regulator="fda", year=2020, outcome="nia"), "outcome", "no-action"),
        (lambda: Audit(year=2020, outcome="aproved"), "outcome", "approved"),
    ],
)
def test_a_typo_gets_parses_error_with_the_nearest_value(
    build: Callable[[], object], field: str, suggestion: str
) -> None:
    with pytest.raises(UnknownValueError) as caught:
        build()
    assert caught.value.field == field
    assert caught.value.suggestion is not None
    assert suggestion in caught.value.suggestion


def test_constructors_take_texts_for_enums() -> None:
    partner = Partner(name="A", organisation_type="CRO", markets=["USA", "eu"], phases={"P2"})
    assert partner == Partner(
        name="A", organisation_type=CRO, markets={Market.US, Market.EU}, phases={Phase.PHASE_2}
    )
    profile = SponsorProfile(phase="phase-1", in_house={"api-production"}, therapeutic_area="onc")
    assert profile.phase is Phase.PHASE_1
    assert profile.in_house == {Service.API_PRODUCTION}
    assert profile.therapeutic_area is po.TherapeuticArea.ONCOLOGY
    inspection = Inspection(regulator="fda", outcome="nai", year=2020, framework="GCP")
    assert (inspection.regulator, inspection.outcome, inspection.framework) == (
        Regulator.FDA,
        InspectionOutcome.NO_ACTION_INDICATED,
        Framework.GCP,
    )
    assert (
        Reason(criterion="cultural fit", text="t", source="s").criterion is Criterion.CULTURAL_FIT
    )
    assert Audit(year=2020, outcome="conditional").outcome is AuditOutcome.APPROVED_WITH_CONDITIONS


@pytest.mark.parametrize(
    ("build", "field", "problem"),
    [
        (
            lambda: Partner(name="A", organisation_type=CRO, markets="us"),
            "markets",
            "is text, not a set",
        ),
        (lambda: SponsorProfile(phase="phase-1", in_house="qc"), "in_house", "is text, not a set"),
        (lambda: SponsorProfile(phase=Phase.PHASE_1, pathway="phase-1"), "pathway", "is text, not"),
        (
            lambda: Partner(name="A", organisation_type=Phase.PHASE_1),
            "organisation_type",
            "is a Phase",
        ),
        (
            lambda: Inspection(regulator=1, year=2020, outcome="nai"),  # type: ignore[arg-type]
            "regulator",
            "is not a Regulator",
        ),
        (
            lambda: Partner(name="A", organisation_type=CRO, phases=[2]),  # type: ignore[list-item]
            "phases",
            "is not a Phase",
        ),
    ],
)
def test_what_is_not_a_member_or_a_text_naming_one_is_refused(
    build: Callable[[], object], field: str, problem: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        build()
    assert caught.value.field == field
    assert problem in str(caught.value)


def test_a_lone_text_or_member_for_a_set_suggests_the_set_of_it() -> None:
    with pytest.raises(InvalidInputError) as caught:
        Partner(name="A", organisation_type=CRO, markets="USA")
    assert caught.value.suggestion == "{'us'}"
    with pytest.raises(InvalidInputError, match="is one Market, not a set") as caught:
        Partner(name="A", organisation_type=CRO, markets=Market.US)
    assert caught.value.suggestion == "{'us'}"


def test_members_pass_through_unchanged() -> None:
    given = frozenset({Market.US, Market.EU})
    assert convert.markets(given) is given
    assert convert.phase(Phase.PHASE_2) is Phase.PHASE_2
    steps = (Phase.PHASE_2, Phase.PHASE_3)
    assert convert.phase_sequence(steps) is steps
    assert convert.optional_criterion(None) is None


@given(st.sampled_from(list(Phase)))
def test_the_converter_reads_and_writes_enums_as_before(member: Phase) -> None:
    profile = po.converter.structure({"phase": member.name}, SponsorProfile)
    assert profile.phase is member
    assert po.converter.unstructure(profile)["phase"] == member.value
