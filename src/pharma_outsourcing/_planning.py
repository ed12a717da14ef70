"""Planning a programme: who is engaged when, and where work changes hands (DESIGN.md §7).

The algorithm; what it returns (the plan's value objects) lives in ``_plans``.
:func:`plan` lays out, for every phase from the profile's phase to its horizon, the
services needed and the organisation engaged for each, under one of two
:class:`Strategy` values: one integrated CDMO, or specialist CROs and CMOs. It then lists
every :class:`Handoff`, a point where work passes between two organisations, and the
technology transfers among them. :func:`compare_strategies` puts the two strategies side
by side, making the guide's claim for the CDMO ("streamlines transitions from clinical
development to commercial production, reducing handoff risks and timeline delays")
something a sponsor can see for its own programme.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from ._criteria import Basis, as_partners, as_profile, latest_record_year
from ._errors import InvalidInputError
from ._partners import Partner
from ._plans import (
    TRANSFERRED_AREA,
    Engagement,
    Handoff,
    HandoffKind,
    PlanStep,
    SourcingPlan,
    Strategy,
    StrategyComparison,
    engagement_order,
)
from ._profile import SponsorProfile
from ._ranking import Assessment, Weights, as_weights, ranked
from ._reasons import Reason, plural, words
from ._recommend import choose_for_both
from ._screening import Requirements
from ._services import Service, ServiceCategory, services_of, typical_services
from ._sources import SEED, SEED_CDMO, SEED_SELECTION
from ._vocabulary import Criterion, OrganisationType, Phase, in_declared_order

__all__ = ["compare_strategies", "plan"]

CRO, CMO, CDMO = OrganisationType.CRO, OrganisationType.CMO, OrganisationType.CDMO

# The interface the guide's CDMO removes: clinical trial supplies made by one organisation
# feed trials run by another. The trials are run by whoever manages them.
_SUPPLIES = Service.CLINICAL_SUPPLY_MANUFACTURING
_TRIALS = Service.CLINICAL_TRIAL_MANAGEMENT


def _needed(profile: SponsorProfile, phase: Phase) -> frozenset[Service]:
    """The services needed in ``phase``: the profile's own for its phase, else typical."""
    if phase is profile.phase:
        return profile.needed_services
    return typical_services(phase) - profile.in_house


def _programme(profile: SponsorProfile) -> tuple[dict[Phase, frozenset[Service]], bool]:
    """The services needed in each phase, and whether the programme needs both kinds."""
    needs = {phase: _needed(profile, phase) for phase in profile.programme}
    everything = frozenset().union(*needs.values())
    both = not everything.isdisjoint(services_of(CRO)) and not everything.isdisjoint(
        services_of(CMO)
    )
    return needs, both


def _choose_strategy(
    profile: SponsorProfile, strategy: Strategy | str | None, needs_both: bool
) -> tuple[Strategy, Reason]:
    """The strategy (given, or chosen as DESIGN.md §7 says), and why."""
    if strategy is not None:
        chosen = Strategy.parse(strategy, field="strategy")
        return chosen, Reason(
            criterion=None, text=f"The {chosen.value} strategy was asked for.", source=SEED
        )
    if not needs_both:
        return Strategy.SPECIALIST, Reason(
            criterion=None,
            text=(
                "The programme does not need both research and manufacturing work, so one "
                "kind of specialist partner serves it: no CDMO is needed."
            ),
            source=SEED,
        )
    engage, why = choose_for_both(profile)
    return (Strategy.INTEGRATED if engage == {CDMO} else Strategy.SPECIALIST), why


def _candidates(partners: Iterable[Partner]) -> tuple[Partner, ...]:
    """The candidates, checked to be partners with distinct names."""
    candidates = as_partners(partners)
    names: set[str] = set()
    for index, candidate in enumerate(candidates):
        if candidate.name in names:
            raise InvalidInputError(
                field=f"partners[{index}].name",
                value=candidate.name,
                problem="names more than one partner; a plan tells partners apart by name",
                allowed="a name no other candidate has",
            )
        names.add(candidate.name)
    return candidates


@attrs.frozen(kw_only=True)
class _Choosing:
    """What a plan needs to choose partners: the candidates, checked, and how to rank them.

    Built once per call of :func:`plan` (or :func:`compare_strategies`, for both plans),
    from arguments checked once.
    """

    profile: SponsorProfile
    candidates: tuple[Partner, ...]
    weights: tuple[float, ...]  # normalised, in Criterion order
    as_of: int | None
    # The profile as it will stand in each phase, made when first needed.
    _profiles: dict[Phase, SponsorProfile] = attrs.field(factory=dict, eq=False, repr=False)

    def requirements(self, services: frozenset[Service], phase: Phase) -> Requirements:
        """The must-haves of ``services`` in ``phase``: the screening of :func:`rank`."""
        return Requirements.of(self.profile, services, phase, self.as_of)

    def ranked(self, role: OrganisationType, work: Requirements) -> tuple[Assessment, ...]:
        """The candidates of ``role``'s type meeting ``work``'s requirements, best first.

        The one place a plan chooses among partners: the ranking of :func:`rank`, on one
        basis per role (the profile as it will stand in the role's phase, the role's
        services, the year of the candidates' latest record).
        """
        phase = work.phase
        assert phase is not None  # a plan's roles are each in one phase
        profile = self._profiles.get(phase)
        if profile is None:
            profile = self._profiles[phase] = attrs.evolve(self.profile, phase=phase)
        eligible = [
            candidate
            for candidate in self.candidates
            if candidate.organisation_type is role and work.passes(candidate)
        ]
        basis = Basis(profile=profile, services=work.services, as_of=self.as_of)
        return ranked(basis, eligible, self.weights)


def _choosing(
    profile: SponsorProfile,
    partners: Iterable[Partner] | None,
    weights: Weights | Mapping[Criterion, float] | Mapping[str, float] | None,
) -> _Choosing | None:
    """How to choose partners for a plan, or ``None`` to plan with types only."""
    chosen = as_weights(weights)  # checked even without partners: a typo is an error
    if partners is None:
        return None
    candidates = _candidates(partners)
    return _Choosing(
        profile=profile,
        candidates=candidates,
        weights=chosen.vector(),
        as_of=latest_record_year(candidates),
    )


def _fill_role(
    phase: Phase,
    role: OrganisationType,
    services: frozenset[Service],
    *,
    choosing: _Choosing | None,
    incumbent: Partner | None,
) -> tuple[Engagement, Partner | None, Reason]:
    """The engagement for one role in one phase, the partner behind it, and why.

    A partner engaged for the role before stays while it meets the role's requirements
    (``_screening``), since a switch is itself a handoff; otherwise the role goes to the
    best-ranked candidate that meets them.
    """
    label = role.value.upper()
    if choosing is None:
        return (
            Engagement(organisation_type=role),
            None,
            Reason(
                criterion=None,
                text=f"{label} engaged for {words(services)}.",
                source=SEED_CDMO if role is CDMO else SEED,
            ),
        )
    work = choosing.requirements(services, phase)
    if incumbent is not None and work.passes(incumbent):
        return (
            Engagement(organisation_type=role, partner=incumbent.name),
            incumbent,
            Reason(
                criterion=Criterion.SCALABILITY,
                text=(
                    f"{incumbent.name} stays engaged as the {label}: it serves "
                    f"{phase.value} and meets every requirement of the role, so no "
                    f"handoff is needed."
                ),
                source=SEED_CDMO,
            ),
        )
    assessed = choosing.ranked(role, work)
    if not assessed:
        return (
            Engagement(organisation_type=role),
            None,
            Reason(
                criterion=Criterion.STAGE_OF_DEVELOPMENT,
                text=(
                    f"No {label} candidate serves {phase.value} and meets the requirements "
                    f"for {words(services)}: the role is left to an unnamed {label}."
                ),
                source=SEED_SELECTION,
            ),
        )
    leader = assessed[0]
    chosen = leader.partner
    return (
        Engagement(organisation_type=role, partner=chosen.name),
        chosen,
        Reason(
            criterion=Criterion.STAGE_OF_DEVELOPMENT,
            text=(
                f"{chosen.name} engaged as the {label}: ranked first of "
                f"{plural(len(assessed), f'{label} candidate')} serving {phase.value} "
                f"for {words(services)} (score {leader.score:.2f})."
            ),
            source=SEED_SELECTION,
        ),
    )


def _need_reason(profile: SponsorProfile, phase: Phase, needed: frozenset[Service]) -> Reason:
    """Where the phase's list of services comes from."""
    origin = (
        "named in the profile"
        if phase is profile.phase and profile.services is not None
        else "typical of the phase"
    )
    in_house = " (less what is done in house)" if profile.in_house else ""
    text = (
        f"Needed at {phase.value}, {origin}{in_house}: {words(needed)}."
        if needed
        else f"Nothing to outsource at {phase.value} ({origin}{in_house})."
    )
    return Reason(criterion=None, text=text, source=SEED)


def _why_moved(
    source: Engagement,
    phase: Phase,
    services: frozenset[Service],
    partners: Mapping[str, Partner],
    choosing: _Choosing | None,
) -> tuple[Criterion | None, str]:
    """Why work leaves ``source`` at ``phase``, where its successor does ``services``.

    A plan keeps a partner while it meets the requirements of its role (``_screening``),
    so a named partner leaves because it fails one, unless the area of work was not
    needed in the phase when the role passed on; an unnamed organisation stood for a role
    no candidate could fill, and leaves when one can.
    """
    partner = partners.get(source.partner) if source.partner is not None else None
    if partner is None:
        return None, f"a candidate can fill the role from {phase.value}, and none could before"
    assert choosing is not None  # a named partner was chosen among candidates
    failure = choosing.requirements(services, phase).first_failure(partner)
    if failure is not None:
        return failure.reason.criterion, f"{partner.name} {failure.handoff}"
    # The area skipped a phase, in which the role passed to another partner.
    return None, "the role passed to another partner while this work was not needed"


def _find_handoffs(
    steps: Sequence[PlanStep], partners: Mapping[str, Partner], choosing: _Choosing | None
) -> tuple[Handoff, ...]:
    """Every handoff in ``steps``: transitions between phases, interfaces within them."""
    handoffs: list[Handoff] = []
    last: dict[ServiceCategory, frozenset[Engagement]] = {}
    for step in steps:
        by_area: dict[ServiceCategory, set[Engagement]] = {}
        for service, engagement in step.assignments.items():
            by_area.setdefault(service.category, set()).add(engagement)
        for area in ServiceCategory:
            if area not in by_area:
                continue
            now = frozenset(by_area[area])
            before = last.get(area, now)
            for source in sorted(before - now, key=engagement_order):
                for target in sorted(now - before, key=engagement_order):
                    criterion, why = _why_moved(
                        source, step.phase, step.services_for(target), partners, choosing
                    )
                    transfer = (
                        ": a technology transfer of the manufacturing process"
                        if area is TRANSFERRED_AREA
                        else ""
                    )
                    handoffs.append(
                        Handoff(
                            phase=step.phase,
                            kind=HandoffKind.TRANSITION,
                            source=source,
                            target=target,
                            area=area,
                            reason=Reason(
                                criterion=criterion,
                                text=(
                                    f"At {step.phase.value} the {area.value} work moves from "
                                    f"{source.label} to {target.label}, because {why}"
                                    f"{transfer}."
                                ),
                                source=SEED_CDMO,
                            ),
                        )
                    )
            last[area] = now
        maker, runner = step.assignments.get(_SUPPLIES), step.assignments.get(_TRIALS)
        if maker is not None and runner is not None and maker != runner:
            handoffs.append(
                Handoff(
                    phase=step.phase,
                    kind=HandoffKind.INTERFACE,
                    source=maker,
                    target=runner,
                    area=_SUPPLIES.category,
                    reason=Reason(
                        criterion=None,
                        text=(
                            f"At {step.phase.value} the clinical trial supplies made by "
                            f"{maker.label} feed the trials run by {runner.label}: an "
                            f"interface that one integrated partner removes."
                        ),
                        source=SEED_CDMO,
                    ),
                )
            )
    return tuple(handoffs)


def plan(
    profile: SponsorProfile,
    *,
    strategy: Strategy | str | None = None,
    partners: Iterable[Partner] | None = None,
    weights: Weights | Mapping[Criterion, float] | Mapping[str, float] | None = None,
) -> SourcingPlan:
    """Plan a programme's sourcing from the profile's phase to its horizon.

    Each step holds the services needed in its phase (the profile's explicit ``services``
    for its own phase, the typical services for later phases, less in-house work in every
    phase) and the organisation engaged for each:

    - ``INTEGRATED``: one CDMO for every service of the whole programme wherever the
      programme, phase to horizon, needs both research and manufacturing work (not only
      in the phases that need both: switching from a CRO to a CDMO midway is itself a
      handoff); when it needs only one kind, the one specialist type;
    - ``SPECIALIST``: CROs for research work, CMOs for manufacturing work;
    - ``None``: integrated when the programme needs both kinds of work and
      :func:`recommend`'s rule for both would choose a CDMO (the sponsor prefers one
      partner, or, with no preference, the move to commercial production is still ahead),
      otherwise specialist.

    Without ``partners`` the plan engages types, one organisation per type for the whole
    programme. With them, each role (each type engaged in a phase) is filled by the
    candidate of its type that :func:`rank` puts first among those serving the phase, for
    the role's services, on the profile as it will stand in that phase and with
    ``weights``: a candidate lacking one of the services, or GMP certification for GMP
    work, is not eligible. A partner stays engaged while it is eligible, even if another
    ranks higher, since a switch is itself a handoff; a role no candidate can fill is left
    to an unnamed organisation of its type.

    Handoffs are (a) transitions: between phases, an area of work moves to another
    organisation (with partners, when the chosen partner does not serve the next phase or
    lacks a service); and (b) interfaces: within a phase, clinical trial supplies made by
    one organisation feed the trials run (managed) by another. A transition of the
    manufacturing area is a technology transfer. Without partners, the integrated plan
    never has more handoffs or technology transfers than the specialist plan.

    Args:
        profile: The sponsor's profile.
        strategy: A :class:`Strategy` or its value (``"integrated"``, ``"specialist"``),
            or ``None`` to choose as above.
        partners: Candidate partners to name in the plan, with distinct names.
        weights: How much each selection criterion counts when choosing among the
            candidates, as for :func:`rank` (default: equal weights).

    Returns:
        The plan: its steps, handoffs, technology transfers and reasons.

    Raises:
        InvalidInputError: The strategy or a weight is unknown, a candidate is not a
            :class:`Partner`, or two candidates share a name.

    Example:
        >>> from pharma_outsourcing import OrganisationType, Partner, Phase, SponsorProfile, plan
        >>> cdmo = OrganisationType.CDMO
        >>> early = Partner(  # the sponsor's favourite, for phase 1 only
        ...     name="Early CDMO", organisation_type=cdmo, phases={Phase.PHASE_1},
        ...     gmp_certified=True, communication=5,
        ... )
        >>> late = Partner(
        ...     name="Late CDMO", organisation_type=cdmo, gmp_certified=True, communication=1
        ... )
        >>> profile = SponsorProfile(phase=Phase.PHASE_1, horizon=Phase.PHASE_2)
        >>> sourcing = plan(profile, strategy="integrated", partners=[late, early])
        >>> [e.label for e in sourcing.organisations]
        ['Early CDMO (CDMO)', 'Late CDMO (CDMO)']
        >>> [(t.phase.value, t.source.partner, t.target.partner) for t in sourcing.tech_transfers]
        [('phase-2', 'Early CDMO', 'Late CDMO')]
    """
    profile = as_profile(profile)
    needs, needs_both = _programme(profile)
    chosen, why = _choose_strategy(profile, strategy, needs_both)
    choosing = _choosing(profile, partners, weights)
    return _plan(
        profile, strategy=chosen, why=why, needs=needs, needs_both=needs_both, choosing=choosing
    )


def _plan(
    profile: SponsorProfile,
    *,
    strategy: Strategy,
    why: Reason,
    needs: Mapping[Phase, frozenset[Service]],
    needs_both: bool,
    choosing: _Choosing | None,
) -> SourcingPlan:
    """The plan of :func:`plan`, from its arguments checked and the strategy chosen."""
    integrated = strategy is Strategy.INTEGRATED and needs_both
    steps: list[PlanStep] = []
    incumbents: dict[OrganisationType, Partner | None] = {}
    for phase, needed in needs.items():
        roles: dict[OrganisationType, set[Service]] = {}
        for service in needed:
            roles.setdefault(CDMO if integrated else service.provider, set()).add(service)
        assignments: dict[Service, Engagement] = {}
        reasons = [_need_reason(profile, phase, needed)]
        for role in in_declared_order(roles):
            services = frozenset(roles[role])
            engagement, partner, reason = _fill_role(
                phase, role, services, choosing=choosing, incumbent=incumbents.get(role)
            )
            incumbents[role] = partner
            reasons.append(reason)
            assignments.update(dict.fromkeys(sorted(services), engagement))
        steps.append(PlanStep(phase=phase, assignments=assignments, reasons=tuple(reasons)))

    by_name = {partner.name: partner for partner in choosing.candidates} if choosing else {}
    return SourcingPlan(
        profile=profile,
        strategy=strategy,
        steps=tuple(steps),
        handoffs=_find_handoffs(steps, by_name, choosing),
        reasons=(why,),
    )


def compare_strategies(
    profile: SponsorProfile,
    *,
    partners: Iterable[Partner] | None = None,
    weights: Weights | Mapping[Criterion, float] | Mapping[str, float] | None = None,
) -> StrategyComparison:
    """Plan the programme both ways and put the plans side by side.

    Args:
        profile: The sponsor's profile.
        partners: Candidate partners to name in both plans (see :func:`plan`).
        weights: How much each selection criterion counts when choosing among the
            candidates (see :func:`plan`).

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, compare_strategies
        >>> comparison = compare_strategies(SponsorProfile(phase=Phase.PHASE_3))
        >>> [h.phase.value for h in comparison.avoided]
        ['phase-3']
    """
    profile = as_profile(profile)
    needs, needs_both = _programme(profile)
    choosing = _choosing(profile, partners, weights)  # one check, one cache, both plans
    plans = {
        strategy: _plan(
            profile,
            strategy=strategy,
            why=why,
            needs=needs,
            needs_both=needs_both,
            choosing=choosing,
        )
        for strategy, why in (
            _choose_strategy(profile, wanted, needs_both)
            for wanted in (Strategy.INTEGRATED, Strategy.SPECIALIST)
        )
    }
    return StrategyComparison(
        profile=profile,
        integrated=plans[Strategy.INTEGRATED],
        specialist=plans[Strategy.SPECIALIST],
        preferred=_choose_strategy(profile, None, needs_both)[0],
    )
