"""The plan's value objects (_plans): Strategy, Engagement, PlanStep, Handoff, SourcingPlan."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given

from pharma_outsourcing import (
    Engagement,
    Handoff,
    HandoffKind,
    InvalidInputError,
    OrganisationType,
    Partner,
    Phase,
    PlanStep,
    Reason,
    Service,
    ServiceCategory,
    SourcingPlan,
    SponsorProfile,
    Strategy,
    StrategyComparison,
    plan,
    services_of,
)
from strategies import (
    engagements,
    handoffs,
    optional_partner_lists,
    optional_strategies,
    plan_steps,
    profiles,
    sourcing_plans,
    strategy_comparisons,
)

CRO, CMO, CDMO = OrganisationType.CRO, OrganisationType.CMO, OrganisationType.CDMO
INTEGRATED, SPECIALIST = Strategy.INTEGRATED, Strategy.SPECIALIST
TRANSITION, INTERFACE = HandoffKind.TRANSITION, HandoffKind.INTERFACE
MANUFACTURING = ServiceCategory.MANUFACTURING
VIRTUAL = SponsorProfile(phase=Phase.PHASE_1, name="virtual biotech")


def cro(name: str | None = None) -> Engagement:
    return Engagement(organisation_type=CRO, partner=name)


def cmo(name: str | None = None) -> Engagement:
    return Engagement(organisation_type=CMO, partner=name)


def cdmo(name: str | None = None) -> Engagement:
    return Engagement(organisation_type=CDMO, partner=name)


# --- properties --------------------------------------------------------------------------


@given(plan_steps())
def test_a_step_lists_its_organisations_by_type_and_divides_its_services_among_them(
    step: PlanStep,
) -> None:
    types = [e.organisation_type for e in step.organisations]
    assert types == sorted(types, key=list(OrganisationType).index)
    assert set(step.organisations) == set(step.assignments.values())
    shares = [step.services_for(e) for e in step.organisations]
    assert frozenset().union(*shares) == step.services
    assert sum(len(share) for share in shares) == len(step.services)


@given(sourcing_plans())
def test_a_plans_lookups_agree_with_its_steps_and_handoffs(sourcing: SourcingPlan) -> None:
    assert sourcing.phases == sourcing.profile.programme
    for step in sourcing.steps:
        assert sourcing.step(step.phase) is step
        assert sourcing.step(step.phase.value) is step
        assert sourcing.handoffs_in(step.phase) == tuple(
            h for h in sourcing.handoffs if h.phase is step.phase
        )
    assert sourcing.tech_transfers == tuple(h for h in sourcing.handoffs if h.is_tech_transfer)
    transferred = {ServiceCategory.DEVELOPMENT, MANUFACTURING, ServiceCategory.QUALITY}
    assert all(h.kind is TRANSITION and h.area in transferred for h in sourcing.tech_transfers)
    first_seen = [e for step in sourcing.steps for e in step.organisations]
    assert sourcing.organisations == tuple(dict.fromkeys(first_seen))


@given(strategy_comparisons())
def test_a_comparison_counts_the_differences_of_its_two_plans(
    comparison: StrategyComparison,
) -> None:
    integrated, specialist = comparison.integrated, comparison.specialist
    assert comparison.handoffs_saved == len(specialist.handoffs) - len(integrated.handoffs)
    assert comparison.tech_transfers_saved == len(specialist.tech_transfers) - len(
        integrated.tech_transfers
    )
    assert set(comparison.avoided) <= set(specialist.handoffs)
    assert set(comparison.added) <= set(integrated.handoffs)


@given(handoffs())
def test_a_handoff_passes_work_between_two_organisations(handoff: Handoff) -> None:
    with pytest.raises(InvalidInputError, match="source too"):
        attrs.evolve(handoff, target=handoff.source)


@given(plan_steps(), engagements)
def test_a_step_refuses_a_service_its_organisation_does_not_provide(
    step: PlanStep, engagement: Engagement
) -> None:
    wrong = sorted(set(Service) - services_of(engagement.organisation_type))
    if not wrong:  # a CDMO provides everything
        return
    with pytest.raises(InvalidInputError, match="does not provide"):
        PlanStep(phase=step.phase, assignments={**step.assignments, wrong[0]: engagement})


def test_a_step_keeps_a_frozen_mapping_as_it_is() -> None:
    step = plan(VIRTUAL).steps[0]
    assert PlanStep(phase=step.phase, assignments=step.assignments).assignments is (
        step.assignments
    )


def test_strategy_aliases() -> None:
    assert Strategy.parse("CDMO") is INTEGRATED
    assert Strategy.parse("best of breed") is SPECIALIST


def test_a_plan_has_one_step_per_phase_of_its_programme() -> None:
    sourcing = plan(VIRTUAL)
    with pytest.raises(InvalidInputError, match="one step per phase"):
        SourcingPlan(profile=VIRTUAL, strategy=INTEGRATED, steps=sourcing.steps[1:])


def test_step_lookup_refuses_a_phase_outside_the_plan() -> None:
    with pytest.raises(InvalidInputError, match="not in the plan"):
        plan(VIRTUAL).step(Phase.PRECLINICAL)


def test_value_objects_refuse_wrong_kinds() -> None:
    reason = Reason(criterion=None, text="t", source="s")
    with pytest.raises(InvalidInputError):
        Engagement(organisation_type=CRO, partner="  ")
    with pytest.raises(InvalidInputError, match="not a mapping"):
        PlanStep(phase=Phase.PHASE_1, assignments=[])  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="not a Service"):
        PlanStep(phase=Phase.PHASE_1, assignments={"site-monitoring": cro()})  # type: ignore[dict-item]
    with pytest.raises(InvalidInputError, match="not an Engagement"):
        PlanStep(phase=Phase.PHASE_1, assignments={Service.SITE_MONITORING: "CRO"})  # type: ignore[dict-item]
    with pytest.raises(InvalidInputError, match="not an organisation of the plan"):
        Handoff(
            phase=Phase.PHASE_1,
            kind=INTERFACE,
            source="CMO",  # type: ignore[arg-type]
            target=cro(),
            area=MANUFACTURING,
            reason=reason,
        )


def test_plans_and_comparisons_refuse_wrong_kinds() -> None:
    sourcing = plan(VIRTUAL)
    with pytest.raises(InvalidInputError, match=r"profile: .* is not a SponsorProfile"):
        SourcingPlan(profile="virtual", strategy=INTEGRATED, steps=())  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"specialist: .* is not a SourcingPlan"):
        StrategyComparison(
            profile=VIRTUAL,
            integrated=sourcing,
            cro_and_cdmo=sourcing,
            specialist=None,  # type: ignore[arg-type]
            preferred=INTEGRATED,
        )
    with pytest.raises(InvalidInputError, match="unfilled"):
        attrs.evolve(sourcing, unfilled={Phase.PHASE_1: {Service.COMMERCIAL_PRODUCTION}})
    with pytest.raises(InvalidInputError, match="also assigned"):
        attrs.evolve(sourcing.steps[0], in_house={Service.SITE_MONITORING})


def test_engagement_labels() -> None:
    assert str(cmo()) == "CMO"
    assert cdmo("Omega").label == "Omega (CDMO)"
    # A name that already says the type is not followed by it again; another type's word
    # in the name does not count.
    assert cdmo("Kestrel Biologics (fictional CDMO)").label == "Kestrel Biologics (fictional CDMO)"
    assert cdmo("Acme CMO Services").label == "Acme CMO Services (CDMO)"
    assert cdmo("CDMOX").label == "CDMOX (CDMO)"


@given(profiles(), optional_strategies, optional_partner_lists)
def test_plans_are_hashable_value_objects(
    profile: SponsorProfile, strategy: Strategy | None, partners: list[Partner] | None
) -> None:
    sourcing = plan(profile, strategy=strategy, partners=partners)
    again = plan(profile, strategy=strategy, partners=partners)
    assert sourcing == again
    assert hash(sourcing) == hash(again)
    assert sourcing.steps[0].reasons
