"""sensitivity(): rank ranges and the leader's margin."""

from __future__ import annotations

import math

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from pharma_outsourcing import (
    Criterion,
    InvalidInputError,
    LeaderMargin,
    Market,
    OrganisationType,
    Partner,
    Phase,
    RankRange,
    Sensitivity,
    Service,
    SponsorProfile,
    Weights,
    rank,
    sensitivity,
)
from strategies import (
    candidate_lists,
    leader_margins,
    partners,
    profiles,
    rank_ranges,
    sensitivities,
    weights,
)

CRO = OrganisationType.CRO
spreads = st.floats(min_value=0, max_value=0.5, allow_nan=False, allow_subnormal=False)


@given(profiles(), candidate_lists, weights(), spreads)
def test_best_rank_at_most_actual_at_most_worst(
    profile: SponsorProfile, candidates: list[Partner], chosen: Weights, spread: float
) -> None:
    result = sensitivity(profile, candidates, weights=chosen, spread=spread)
    shortlist = rank(profile, candidates, weights=chosen)
    assert [r.partner for r in result.rank_ranges] == [a.partner for a in shortlist.ranked]
    for position, ranged in enumerate(result.rank_ranges, start=1):
        assert ranged.rank == position
        assert 1 <= ranged.best <= ranged.rank <= ranged.worst <= len(result.rank_ranges)
    if len(result.rank_ranges) <= 2:
        assert result.exact
    if result.leader_margin is not None:
        assert abs(result.leader_margin.change) <= spread
        assert result.leader_margin.challenger in [r.partner for r in result.rank_ranges[1:]]


@given(profiles(), candidate_lists, weights())
def test_no_spread_no_movement(
    profile: SponsorProfile, candidates: list[Partner], chosen: Weights
) -> None:
    result = sensitivity(profile, candidates, weights=chosen, spread=0)
    assert result.leader_margin is None
    assert all(r.best == r.rank == r.worst for r in result.rank_ranges)
    assert result.exact


NO_SERVICES: frozenset[Service] = frozenset()  # nothing to exclude, once the phase is served


def serving(profile: SponsorProfile, candidates: list[Partner]) -> list[Partner]:
    """The candidates, each made to serve the profile's phase (the one must-have left)."""
    return [attrs.evolve(p, phases=p.phases | {profile.phase}) for p in candidates]


def _leader(
    profile: SponsorProfile, candidates: list[Partner], values: dict[Criterion, float]
) -> Partner:
    return rank(profile, candidates, weights=values, services=NO_SERVICES).ranked[0].partner


@given(
    profiles(),
    st.lists(partners(), min_size=2, max_size=6),
    weights(),
    st.floats(min_value=0.05, max_value=0.9),
)
def test_leader_margin_is_the_smallest_change_that_unseats_the_leader(
    profile: SponsorProfile, candidates: list[Partner], chosen: Weights, spread: float
) -> None:
    candidates = serving(profile, candidates)
    shortlist = rank(profile, candidates, weights=chosen, services=NO_SERVICES)
    assume(shortlist.ranked[0].score - shortlist.ranked[1].score > 1e-9)
    leader = shortlist.ranked[0].partner
    margin = sensitivity(
        profile, candidates, weights=chosen, services=NO_SERVICES, spread=spread
    ).leader_margin
    given_values = {c: float(chosen.weight(c)) for c in Criterion}
    smaller = spread if margin is None else abs(margin.change)
    for criterion in Criterion:
        for sign in (-1, 1):
            moved = dict(given_values)
            moved[criterion] *= 1 + sign * smaller * 0.5
            assert _leader(profile, candidates, moved) == leader
    if margin is not None:
        beyond = margin.change * 1.01 + math.copysign(1e-4, margin.change)
        assume(abs(beyond) < 1)
        moved = dict(given_values)
        moved[margin.criterion] *= 1 + beyond
        assert _leader(profile, candidates, moved) != leader


@given(profiles(), candidate_lists, weights(), st.integers(0, 20), st.integers(0, 5))
def test_sampling_only_widens_ranges_and_is_reproducible(
    profile: SponsorProfile, candidates: list[Partner], chosen: Weights, samples: int, seed: int
) -> None:
    corners = sensitivity(profile, candidates, weights=chosen)
    sampled = sensitivity(profile, candidates, weights=chosen, samples=samples, seed=seed)
    assert sampled == sensitivity(profile, candidates, weights=chosen, samples=samples, seed=seed)
    for plain, wider in zip(corners.rank_ranges, sampled.rank_ranges, strict=True):
        assert wider.best <= plain.best
        assert wider.worst >= plain.worst


@given(sensitivities())
def test_rank_ranges_follow_the_ranking(result: Sensitivity) -> None:
    assert [r.rank for r in result.rank_ranges] == list(range(1, len(result.rank_ranges) + 1))
    assert all(1 <= r.best <= r.rank <= r.worst for r in result.rank_ranges)
    assert hash(result) == hash(attrs.evolve(result))


@given(rank_ranges(), leader_margins)
def test_result_objects_are_hashable_values(ranged: RankRange, margin: LeaderMargin) -> None:
    assert {ranged, attrs.evolve(ranged)} == {ranged}
    assert {margin, attrs.evolve(margin)} == {margin}


PROFILE = SponsorProfile(
    phase=Phase.PHASE_2, services={Service.SITE_MONITORING}, target_markets={Market.US}
)


def test_no_partners() -> None:
    assert sensitivity(PROFILE, []) == Sensitivity(
        leader_margin=None, rank_ranges=(), spread=0.25, exact=True
    )


def test_one_partner() -> None:
    solo = Partner(name="Solo", organisation_type=CRO)
    result = sensitivity(PROFILE, [solo])
    assert result.rank_ranges == (RankRange(partner=solo, rank=1, best=1, worst=1),)
    assert result.leader_margin is None


def test_close_partners_can_swap() -> None:
    # A leads on footprint (1 vs 0), B on rating (5 vs 4): 1/6 against 1/30 ... + 1/6 * 0.8
    present = Partner(name="A", organisation_type=CRO, markets={Market.US}, communication=2)
    rated = Partner(name="B", organisation_type=CRO, communication=5)
    result = sensitivity(PROFILE, [present, rated], weights={"footprint": 1, "culture": 1.5})
    # A: 1 + 1.5 * 0.4 = 1.6; B: 0 + 1.5 * 1 = 1.5, out of 2.5: A leads by 0.04.
    assert [(r.partner.name, r.best, r.worst) for r in result.rank_ranges] == [
        ("A", 1, 2),
        ("B", 1, 2),
    ]
    assert result.exact
    assert result.leader_margin == LeaderMargin(
        criterion=Criterion.GEOGRAPHIC_FOOTPRINT,
        change=pytest.approx(-0.1),  # type: ignore[arg-type]
        challenger=rated,
    )


def test_many_partners_are_not_proven_exact() -> None:
    candidates = [
        Partner(name=f"P{i:03d}", organisation_type=CRO, communication=(i % 11) / 2)
        for i in range(301)
    ]
    result = sensitivity(PROFILE, candidates, spread=0.1)
    assert not result.exact
    assert len(result.rank_ranges) == 301


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"spread": -0.1}, "spread"),
        ({"spread": 1}, "spread"),
        ({"spread": math.nan}, "spread"),
        ({"spread": True}, "spread"),
        ({"spread": "0.2"}, "spread"),
        ({"samples": -1}, "samples"),
        ({"samples": 1.5}, "samples"),
        ({"samples": True}, "samples"),
        ({"seed": "x"}, "seed"),
        ({"seed": None}, "seed"),
    ],
)
def test_sensitivity_refuses_bad_input(arguments: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInputError) as error:
        sensitivity(PROFILE, [], **arguments)  # type: ignore[arg-type]
    assert error.value.field == field


# --- Results are validated when built (issue 11, item 10) ----------------------------------


@given(rank_ranges(), st.integers(-3, 0))
def test_a_rank_range_needs_places_from_best_to_worst(ranged: RankRange, bad: int) -> None:
    for field in ("rank", "best", "worst"):
        with pytest.raises(InvalidInputError) as caught:
            attrs.evolve(ranged, **{field: bad})  # type: ignore[arg-type]
        assert caught.value.field in {field, "rank"}
    with pytest.raises(InvalidInputError, match="from the best rank"):
        attrs.evolve(ranged, best=ranged.worst + 1, worst=ranged.worst + 1)
    with pytest.raises(InvalidInputError, match="not a Partner"):
        attrs.evolve(ranged, partner="A")  # type: ignore[arg-type]


@given(sensitivities(), st.sampled_from([-0.1, 1.0, math.nan, "0.2"]))
def test_a_sensitivity_result_refuses_what_sensitivity_would(
    result: Sensitivity, spread: object
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        attrs.evolve(result, spread=spread)  # type: ignore[arg-type]
    assert caught.value.field == "spread"
    with pytest.raises(InvalidInputError, match="not a boolean"):
        attrs.evolve(result, exact="yes")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"rank_ranges\[0\]"):
        attrs.evolve(result, rank_ranges=["first"])  # type: ignore[list-item]
    with pytest.raises(InvalidInputError, match="not a LeaderMargin"):
        attrs.evolve(result, leader_margin="B")  # type: ignore[arg-type]
    assert attrs.evolve(result, rank_ranges=list(result.rank_ranges)) == result


def test_a_leader_margin_names_a_criterion_and_a_partner() -> None:
    challenger = Partner(name="B", organisation_type=CRO)
    with pytest.raises(InvalidInputError):
        LeaderMargin(criterion="price", change=0.1, challenger=challenger)
    with pytest.raises(InvalidInputError, match="not a Partner"):
        LeaderMargin(criterion=Criterion.SCALABILITY, change=0.1, challenger="B")  # type: ignore[arg-type]


def test_sensitivity_names_a_profile_that_is_not_one() -> None:
    with pytest.raises(InvalidInputError) as caught:
        sensitivity(None, [])  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.allowed) == ("profile", "a SponsorProfile")
