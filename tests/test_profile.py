"""SponsorProfile: defaults, needed services and validation (DESIGN.md §4)."""

import itertools

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pharma_outsourcing import (
    InvalidInputError,
    Market,
    Phase,
    Service,
    SponsorProfile,
    typical_services,
)
from pharma_outsourcing._vocabulary import phases_between
from strategies import pathways, phases, profiles, service_sets

P2, P3, REVIEW, COMMERCIAL = Phase.PHASE_2, Phase.PHASE_3, Phase.REGULATORY_REVIEW, Phase.COMMERCIAL


def test_defaults() -> None:
    profile = SponsorProfile(phase=Phase.PHASE_2)
    assert profile.in_house == frozenset()
    assert profile.services is None
    assert profile.scope is None
    assert profile.horizon is Phase.COMMERCIAL
    assert profile.pathway is None
    assert profile.prefers_single_partner is None
    assert profile.therapeutic_area is None
    assert profile.modalities == frozenset()
    assert profile.dosage_forms == frozenset()
    assert profile.requires == frozenset()
    assert profile.target_markets == frozenset()


@given(profiles())
def test_needed_services_are_explicit_or_typical_less_in_house_within_scope(
    profile: SponsorProfile,
) -> None:
    wanted = profile.services if profile.services is not None else typical_services(profile.phase)
    within = wanted if profile.scope is None else wanted & profile.scope
    assert profile.needed_services == within - profile.in_house
    assert profile.needed_services.isdisjoint(profile.in_house)


@given(profiles())
def test_needed_services_are_never_outside_the_scope(profile: SponsorProfile) -> None:
    if profile.scope is not None:
        assert profile.needed_services <= profile.scope


@given(phases, service_sets)
def test_no_scope_is_any_service(phase: Phase, in_house: frozenset[Service]) -> None:
    anything = SponsorProfile(phase=phase, in_house=in_house)
    everything = SponsorProfile(phase=phase, in_house=in_house, scope=frozenset(Service))
    assert anything.needed_services == everything.needed_services


@given(profiles())
def test_programme_runs_from_phase_to_horizon_strictly_increasing(
    profile: SponsorProfile,
) -> None:
    programme = profile.programme
    assert programme[0] is profile.phase
    assert programme[-1] is profile.horizon
    assert all(before < after for before, after in itertools.pairwise(programme))
    assert set(programme) <= set(phases_between(profile.phase, profile.horizon))
    if profile.horizon is COMMERCIAL and profile.phase < COMMERCIAL:
        assert REVIEW in programme


@given(profiles())
def test_programme_is_the_pathway_or_every_phase_between(profile: SponsorProfile) -> None:
    between = phases_between(profile.phase, profile.horizon)
    assert profile.programme == (between if profile.pathway is None else profile.pathway)
    assert profile.skipped_phases == tuple(p for p in between if p not in profile.programme)


def _valid(phase: Phase, horizon: Phase, pathway: tuple[Phase, ...]) -> bool:
    """DESIGN §4's rule for a pathway, stated on its own."""
    return (
        bool(pathway)
        and pathway[0] is phase
        and pathway[-1] is horizon
        and list(pathway) == sorted(set(pathway))
        and (horizon is not COMMERCIAL or phase is COMMERCIAL or REVIEW in pathway)
    )


@st.composite
def _any_pathways(draw: st.DrawFn) -> tuple[Phase, Phase, tuple[Phase, ...]]:
    """A phase, a horizon not before it, and a pathway: valid, nearly valid or anything."""
    phase = draw(phases)
    horizon = draw(st.sampled_from([p for p in Phase if p >= phase]))
    valid = draw(pathways(phase, horizon))
    nearly = (*draw(st.permutations(valid)), *draw(st.lists(phases, max_size=1)))
    anything = tuple(draw(st.lists(phases, max_size=5)))
    dropped = valid[: (cut := draw(st.integers(0, len(valid) - 1)))] + valid[cut + 1 :]
    return phase, horizon, draw(st.sampled_from([valid, nearly, anything, dropped]))


@given(_any_pathways())
def test_a_pathway_is_accepted_exactly_when_it_is_valid(
    drawn: tuple[Phase, Phase, tuple[Phase, ...]],
) -> None:
    phase, horizon, pathway = drawn
    if _valid(phase, horizon, pathway):
        profile = SponsorProfile(phase=phase, horizon=horizon, pathway=pathway)
        assert profile.programme == pathway
        return
    with pytest.raises(InvalidInputError) as caught:
        SponsorProfile(phase=phase, horizon=horizon, pathway=pathway)
    error = caught.value
    assert error.field == "pathway"
    assert f"from {phase.value} (the profile's phase) to {horizon.value}" in str(error.allowed)
    # The nearest valid pathway is suggested, and keeps every given phase it can.
    assert error.suggestion is not None
    suggested = tuple(Phase(value) for value in error.suggestion.split(", "))
    assert _valid(phase, horizon, suggested)
    assert SponsorProfile(phase=phase, horizon=horizon, pathway=suggested).programme == suggested
    if pathway:
        assert {p for p in pathway if phase <= p <= horizon} <= set(suggested)


@given(profiles())
def test_the_profile_at_a_later_phase_follows_the_rest_of_the_pathway(
    profile: SponsorProfile,
) -> None:
    for index, phase in enumerate(profile.programme):
        later = profile.at(phase)
        assert later.programme == profile.programme[index:]
        assert later.horizon is profile.horizon
        assert later.scope == profile.scope
        assert later.in_house == profile.in_house
        assert later.services == (profile.services if index == 0 else None)


def test_the_profile_at_a_phase_off_its_pathway_is_refused() -> None:
    pivotal = SponsorProfile(phase=P2, pathway=(P2, REVIEW, COMMERCIAL))
    with pytest.raises(InvalidInputError) as caught:
        pivotal.at(P3)
    assert caught.value.field == "phase"
    assert "'phase-3' is not a phase of the programme's pathway" in str(caught.value)
    assert "allowed: phase-2, regulatory-review, commercial" in str(caught.value)
    assert caught.value.suggestion == "regulatory-review"
    with pytest.raises(InvalidInputError, match="did you mean 'phase-2'"):
        pivotal.at(Phase.PHASE_1)


def test_a_pivotal_phase_2_can_go_straight_to_regulatory_review() -> None:
    pivotal = SponsorProfile(phase=P2, pathway=[P2, REVIEW, COMMERCIAL])
    assert pivotal.pathway == (P2, REVIEW, COMMERCIAL)
    assert pivotal.programme == (P2, REVIEW, COMMERCIAL)
    assert pivotal.skipped_phases == (P3,)


_ALLOWED_TO_COMMERCIAL = (
    "allowed: phases in order of development from phase-2 (the profile's phase) to "
    "commercial (its horizon), with regulatory-review before commercial; phases between "
    "may be left out"
)


@pytest.mark.parametrize(
    ("pathway", "message"),
    [
        (
            (),
            (
                "pathway: [] is empty (leave it out for every phase between); "
                f"{_ALLOWED_TO_COMMERCIAL}; did you mean 'phase-2, phase-3, regulatory-review, "
                "commercial'?"
            ),
        ),
        (
            (P3, REVIEW, COMMERCIAL),
            (
                "pathway: ['phase-3', 'regulatory-review', 'commercial'] starts with phase-3, not "
                f"the profile's phase (phase-2); {_ALLOWED_TO_COMMERCIAL}; did you mean "
                "'phase-2, phase-3, regulatory-review, commercial'?"
            ),
        ),
        (
            (Phase.PHASE_1, P2, REVIEW, COMMERCIAL),
            (
                "pathway: ['phase-1', 'phase-2', 'regulatory-review', 'commercial'] starts with "
                f"phase-1, not the profile's phase (phase-2); {_ALLOWED_TO_COMMERCIAL}; did you "
                "mean 'phase-2, regulatory-review, commercial'?"
            ),
        ),
        (
            (P2, P3, REVIEW),
            (
                "pathway: ['phase-2', 'phase-3', 'regulatory-review'] ends with regulatory-review, "
                f"not the profile's horizon (commercial); {_ALLOWED_TO_COMMERCIAL}; did you mean "
                "'phase-2, phase-3, regulatory-review, commercial'?"
            ),
        ),
        (
            (P2, COMMERCIAL),
            (
                "pathway: ['phase-2', 'commercial'] goes from phase-2 to commercial without "
                "regulatory-review (a product is approved before it is supplied commercially); "
                f"{_ALLOWED_TO_COMMERCIAL}; did you mean 'phase-2, regulatory-review, commercial'?"
            ),
        ),
        (
            (P2, REVIEW, P3, COMMERCIAL),
            (
                "pathway: ['phase-2', 'regulatory-review', 'phase-3', 'commercial'] is not in "
                "order of development (phase-3 comes after regulatory-review); "
                f"{_ALLOWED_TO_COMMERCIAL}; did you mean 'phase-2, phase-3, regulatory-review, "
                "commercial'?"
            ),
        ),
        (
            (P2, REVIEW, REVIEW, COMMERCIAL),
            (
                "pathway: ['phase-2', 'regulatory-review', 'regulatory-review', 'commercial'] "
                f"names regulatory-review twice; {_ALLOWED_TO_COMMERCIAL}; did you mean 'phase-2, "
                "regulatory-review, commercial'?"
            ),
        ),
    ],
)
def test_each_pathway_problem_is_refused_with_the_nearest_valid_pathway(
    pathway: tuple[Phase, ...], message: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        SponsorProfile(phase=P2, pathway=pathway)
    assert caught.value.field == "pathway"
    assert str(caught.value) == message


def test_a_pathway_short_of_commercial_needs_no_regulatory_review() -> None:
    profile = SponsorProfile(phase=Phase.PHASE_1, horizon=P3, pathway=(Phase.PHASE_1, P3))
    assert profile.skipped_phases == (P2,)
    with pytest.raises(InvalidInputError) as caught:
        SponsorProfile(phase=Phase.PHASE_1, horizon=P3, pathway=(Phase.PHASE_1, P2))
    assert str(caught.value) == (
        "pathway: ['phase-1', 'phase-2'] ends with phase-2, not the profile's horizon "
        "(phase-3); allowed: phases in order of development from phase-1 (the profile's "
        "phase) to phase-3 (its horizon); phases between may be left out; did you mean "
        "'phase-1, phase-2, phase-3'?"
    )


def test_a_horizon_before_the_phase_is_the_one_problem_reported() -> None:
    with pytest.raises(InvalidInputError) as caught:
        SponsorProfile(phase=P3, horizon=Phase.PHASE_1, pathway=(P3, Phase.PHASE_1))
    assert caught.value.field == "horizon"


def test_an_empty_scope_outsources_nothing() -> None:
    profile = SponsorProfile(phase=P3, scope=frozenset())
    assert profile.needed_services == frozenset()


def test_a_fill_finish_scope_keeps_only_fill_finish_and_release_testing() -> None:
    scope = {Service.FINISHED_DOSAGE_MANUFACTURING, Service.QUALITY_CONTROL}
    profile = SponsorProfile(phase=P3, scope=scope)
    assert profile.scope == frozenset(scope)
    assert profile.needed_services == typical_services(P3) & frozenset(scope)


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
        scope=[Service.SITE_MONITORING],
        target_markets=(Market.US,),
        pathway=iter([Phase.PHASE_1, Phase.PHASE_2, Phase.REGULATORY_REVIEW, COMMERCIAL]),
    )
    assert isinstance(profile.in_house, frozenset)
    assert isinstance(profile.services, frozenset)
    assert isinstance(profile.scope, frozenset)
    assert isinstance(profile.target_markets, frozenset)
    assert profile.pathway == (Phase.PHASE_1, P2, REVIEW, COMMERCIAL)


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
        ({"phase": "phase 9"}, "phase", "is not a known phase"),
        ({"phase": "phase 22"}, "phase", "did you mean 'phase-2'?"),
        ({"phase": 2}, "phase", "is not a Phase"),
        ({"in_house": ["medical writting"]}, "in_house", "did you mean 'medical-writing'?"),
        ({"in_house": "medical-writing"}, "in_house", "is text, not a set"),
        ({"services": [1]}, "services", "is not a Service"),
        ({"target_markets": ["mars"]}, "target_markets", "is not a known market"),
        ({"prefers_single_partner": "yes"}, "prefers_single_partner", "is not a boolean"),
        ({"therapeutic_area": "oncolgy"}, "therapeutic_area", "did you mean 'oncology'?"),
        ({"modalities": [3]}, "modalities", "is not a Modality"),
        ({"modalities": "mrna"}, "modalities", "did you mean \"{'mrna'}\"?"),
        ({"dosage_forms": ["oral sold"]}, "dosage_forms", "did you mean 'oral-solid'?"),
        ({"requires": [1]}, "requires", "is not a Capability"),
        ({"scope": ["quality contrl"]}, "scope", "did you mean 'quality-control'?"),
        ({"scope": "quality-control"}, "scope", "is text, not a set"),
        ({"scope": 3}, "scope", "is not a set"),
        ({"pathway": ["phase 22"]}, "pathway[0]", "did you mean 'phase-2'?"),
        ({"pathway": [Phase.PHASE_2, 3]}, "pathway[1]", "is not a Phase"),
        ({"pathway": "phase-2"}, "pathway", "is text, not a sequence"),
        ({"pathway": 3}, "pathway", "3 is not a sequence"),
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
