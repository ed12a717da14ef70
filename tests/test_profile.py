"""SponsorProfile: defaults, needed services and validation (DESIGN.md §4)."""

import attrs
import pytest
from hypothesis import given

from pharma_outsourcing import (
    InvalidInputError,
    Market,
    Phase,
    Service,
    SponsorProfile,
    typical_services,
)
from pharma_outsourcing._vocabulary import phases_between
from strategies import profiles


def test_defaults() -> None:
    profile = SponsorProfile(phase=Phase.PHASE_2)
    assert profile.in_house == frozenset()
    assert profile.services is None
    assert profile.horizon is Phase.COMMERCIAL
    assert profile.prefers_single_partner is None
    assert profile.therapeutic_area is None
    assert profile.modalities == frozenset()
    assert profile.dosage_forms == frozenset()
    assert profile.requires == frozenset()
    assert profile.target_markets == frozenset()


@given(profiles())
def test_needed_services_are_explicit_or_typical_less_in_house(profile: SponsorProfile) -> None:
    wanted = profile.services if profile.services is not None else typical_services(profile.phase)
    assert profile.needed_services == wanted - profile.in_house
    assert profile.needed_services.isdisjoint(profile.in_house)


@given(profiles())
def test_programme_runs_from_phase_to_horizon(profile: SponsorProfile) -> None:
    assert profile.programme == phases_between(profile.phase, profile.horizon)
    assert profile.programme[0] is profile.phase
    assert profile.programme[-1] is profile.horizon


@given(profiles())
def test_profiles_are_hashable_values(profile: SponsorProfile) -> None:
    assert attrs.evolve(profile) == profile
    assert hash(attrs.evolve(profile)) == hash(profile)


def test_empty_explicit_services_means_nothing_needed() -> None:
    assert SponsorProfile(phase=Phase.PHASE_1, services=[]).needed_services == frozenset()


def test_collections_accept_any_iterable_and_are_frozen() -> None:
    profile = SponsorProfile(
        phase=Phase.PHASE_1,
        in_house=[Service.MEDICAL_WRITING],
        services={Service.SITE_MONITORING},
        target_markets=(Market.US,),
    )
    assert isinstance(profile.in_house, frozenset)
    assert isinstance(profile.services, frozenset)
    assert isinstance(profile.target_markets, frozenset)


def test_horizon_before_phase_is_refused_clearly() -> None:
    with pytest.raises(InvalidInputError) as caught:
        SponsorProfile(phase=Phase.PHASE_3, horizon=Phase.PHASE_1)
    error = caught.value
    assert error.field == "horizon"
    assert "is before the profile's phase (phase-3)" in str(error)
    assert "phase-3, regulatory-review, commercial" in str(error)


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"phase": "phase 2"}, "phase", "did you mean 'Phase.PHASE_2'?"),
        ({"phase": "phase 9"}, "phase", "is not a known phase"),
        ({"phase": 2}, "phase", "is not a Phase"),
        ({"in_house": ["medical writing"]}, "in_house", "Service.MEDICAL_WRITING"),
        ({"in_house": "medical-writing"}, "in_house", "is text, not a Service"),
        ({"services": [1]}, "services", "is not a Service"),
        ({"target_markets": ["mars"]}, "target_markets", "is not a known market"),
        ({"prefers_single_partner": "yes"}, "prefers_single_partner", "is not a boolean"),
        ({"therapeutic_area": "oncology"}, "therapeutic_area", "TherapeuticArea.ONCOLOGY"),
        ({"modalities": [3]}, "modalities", "is not a Modality"),
        ({"modalities": "mrna"}, "modalities", "is text, not a Modality"),
        ({"dosage_forms": ["oral solid"]}, "dosage_forms", "DosageForm.ORAL_SOLID"),
        ({"requires": [1]}, "requires", "is not a Capability"),
        ({"name": 3}, "name", "is not text"),
    ],
)
def test_bad_fields_are_refused_naming_the_field(
    changes: dict[str, object], field: str, fragment: str
) -> None:
    values: dict[str, object] = {"phase": Phase.PHASE_2, **changes}
    with pytest.raises(InvalidInputError) as caught:
        SponsorProfile(**values)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert fragment in str(caught.value)
