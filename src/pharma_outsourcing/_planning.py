"""Programme plans: who is engaged in each phase, and where work changes hands (DESIGN.md §7).

:func:`plan` lays out, for every phase from the profile's phase to its horizon, the
services needed and the organisation engaged for each, under one of two
:class:`Strategy` values: one integrated CDMO, or specialist CROs and CMOs. It then lists
every :class:`Handoff`, a point where work passes between two organisations, and the
technology transfers among them. :func:`compare_strategies` puts the two strategies side
by side, making the seed's claim for the CDMO ("streamlines transitions from clinical
development to commercial production, reducing handoff risks and timeline delays")
something a sponsor can see for its own programme.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from ._criteria import latest_year
from ._errors import InvalidInputError
from ._fields import as_tuple, instance_of, member_of, non_empty_text, tuple_of
from ._frozenmap import FrozenMap
from ._partners import Partner
from ._profile import SponsorProfile
from ._ranking import Shortlist, Weights, as_weights, rank
from ._reasons import Reason, plural, reason_tuple, words
from ._recommend import choose_for_both
from ._screening import Requirements
from ._services import Service, ServiceCategory, services_of, typical_services
from ._sources import SEED, SEED_CDMO, SEED_SELECTION
from ._vocabulary import Criterion, OrganisationType, Phase, Vocabulary, register_aliases

__all__ = [
    "Engagement",
    "Handoff",
    "HandoffKind",
    "PlanStep",
    "SourcingPlan",
    "Strategy",
    "StrategyComparison",
    "compare_strategies",
    "plan",
]

CRO, CMO, CDMO = OrganisationType.CRO, OrganisationType.CMO, OrganisationType.CDMO
_TYPE_ORDER = {org_type: index for index, org_type in enumerate(OrganisationType)}

# The interface the seed's CDMO removes: clinical trial supplies made by one organisation
# feed trials run by another. The trials are run by whoever manages them.
_SUPPLIES = Service.CLINICAL_SUPPLY_MANUFACTURING
_TRIALS = Service.CLINICAL_TRIAL_MANAGEMENT
# A handoff of this area between phases moves the manufacturing process: a tech transfer.
_MANUFACTURING = ServiceCategory.MANUFACTURING


class Strategy(Vocabulary):
    """How a programme is sourced.

    - ``INTEGRATED``: one CDMO for the whole programme wherever the programme needs both
      research and manufacturing work;
    - ``SPECIALIST``: CROs for the research and clinical work, CMOs for the
      manufacturing work.

    Example:
        >>> from pharma_outsourcing import Strategy
        >>> Strategy.parse("CRO and CMO")
        <Strategy.SPECIALIST: 'specialist'>
    """

    INTEGRATED = "integrated"
    SPECIALIST = "specialist"


register_aliases(
    Strategy,
    {
        "cdmo": "integrated",
        "integrated cdmo": "integrated",
        "single partner": "integrated",
        "one partner": "integrated",
        "specialists": "specialist",
        "cro and cmo": "specialist",
        "cro cmo": "specialist",
        "best of breed": "specialist",
    },
)


class HandoffKind(Vocabulary):
    """Where a handoff happens.

    - ``TRANSITION``: between phases, an area of work moves to another organisation;
    - ``INTERFACE``: within a phase, clinical trial supplies made by one organisation feed
      trials run by another (the CRO-CMO interface the seed's CDMO removes).

    Example:
        >>> from pharma_outsourcing import HandoffKind
        >>> HandoffKind.parse("between phases")
        <HandoffKind.TRANSITION: 'transition'>
    """

    TRANSITION = "transition"
    INTERFACE = "interface"


register_aliases(
    HandoffKind,
    {
        "between phases": "transition",
        "phase transition": "transition",
        "within phase": "interface",
        "within a phase": "interface",
        "supply interface": "interface",
    },
)


def _optional_name(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        non_empty_text(_instance, attribute, value)


@attrs.frozen(kw_only=True)
class Engagement:
    """An organisation engaged in a plan: its type, and the partner's name when known.

    Without candidate partners a plan engages types, and every engagement of one type is
    the same organisation (one CRO carries the research work from phase to phase). With
    candidates, ``partner`` names the company; an engagement without a name is a role no
    candidate could fill.

    Attributes:
        organisation_type: CRO, CMO or CDMO.
        partner: The partner's name, or ``None`` when no particular partner is named.

    Example:
        >>> from pharma_outsourcing import Engagement, OrganisationType
        >>> Engagement(organisation_type=OrganisationType.CDMO).label
        'CDMO'
        >>> str(Engagement(organisation_type=OrganisationType.CRO, partner="Acme"))
        'Acme (CRO)'
    """

    organisation_type: OrganisationType = attrs.field(validator=member_of(OrganisationType))
    partner: str | None = attrs.field(default=None, validator=_optional_name)

    @property
    def label(self) -> str:
        """The organisation in words: ``CRO``, or ``Acme (CRO)`` when a partner is named."""
        kind = self.organisation_type.value.upper()
        return kind if self.partner is None else f"{self.partner} ({kind})"

    def __str__(self) -> str:
        return self.label


def _engagement_key(engagement: Engagement) -> tuple[int, str]:
    return _TYPE_ORDER[engagement.organisation_type], engagement.partner or ""


def _frozen_assignments(value: Mapping[Service, Engagement]) -> FrozenMap[Service, Engagement]:
    if isinstance(value, FrozenMap):
        return value
    if not isinstance(value, Mapping):
        raise InvalidInputError(
            field="assignments",
            value=value,
            problem="is not a mapping",
            allowed="a mapping of services to engagements",
        )
    return FrozenMap(value)


def _covered(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Every assigned service goes to an engagement whose type provides it."""
    assert isinstance(value, Mapping)  # the converter made it one
    for service, engagement in value.items():
        if not isinstance(service, Service):
            raise InvalidInputError(
                field=attribute.name, value=service, problem="is not a Service", allowed="a Service"
            )
        if not isinstance(engagement, Engagement):
            raise InvalidInputError(
                field=f"{attribute.name}[{service.value}]",
                value=engagement,
                problem="is not an Engagement",
                allowed="an Engagement",
            )
        if service not in services_of(engagement.organisation_type):
            raise InvalidInputError(
                field=f"{attribute.name}[{service.value}]",
                value=engagement.label,
                problem=f"does not provide {service.value}",
                allowed=" or ".join(
                    t.value.upper() for t in OrganisationType if service in services_of(t)
                ),
            )


@attrs.frozen(kw_only=True)
class PlanStep:
    """One phase of a plan: the services needed and the organisation engaged for each.

    Attributes:
        phase: The phase.
        assignments: Each service needed in the phase, to the organisation engaged for
            it (whose type always provides it).
        reasons: Why these services, and why these organisations.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, plan
        >>> step = plan(SponsorProfile(phase=Phase.PHASE_1)).steps[0]
        >>> [e.label for e in step.organisations]
        ['CDMO']
    """

    phase: Phase = attrs.field(validator=member_of(Phase))
    assignments: Mapping[Service, Engagement] = attrs.field(
        factory=FrozenMap, converter=_frozen_assignments, validator=_covered
    )
    reasons: tuple[Reason, ...] = attrs.field(
        default=(), converter=reason_tuple, validator=tuple_of(Reason)
    )

    @property
    def services(self) -> frozenset[Service]:
        """The services needed (and outsourced) in the phase."""
        return frozenset(self.assignments)

    @property
    def organisations(self) -> tuple[Engagement, ...]:
        """The organisations engaged in the phase, CROs first, then CMOs, then CDMOs."""
        return tuple(sorted(set(self.assignments.values()), key=_engagement_key))

    def services_for(self, engagement: Engagement) -> frozenset[Service]:
        """The services assigned to ``engagement`` in this phase.

        Example:
            >>> from pharma_outsourcing import Engagement, OrganisationType, Phase, Service
            >>> from pharma_outsourcing import SponsorProfile, plan
            >>> profile = SponsorProfile(phase=Phase.PRECLINICAL, horizon=Phase.PRECLINICAL)
            >>> step = plan(profile).steps[0]
            >>> Service.PRECLINICAL_RESEARCH in step.services_for(
            ...     Engagement(organisation_type=OrganisationType.CRO)
            ... )
            True
        """
        return frozenset(s for s, e in self.assignments.items() if e == engagement)


_engagement = instance_of(Engagement)


def _other_than_source(
    instance: Handoff, attribute: attrs.Attribute[Any], value: Engagement
) -> None:
    _engagement(instance, attribute, value)
    if value == instance.source:
        raise InvalidInputError(
            field=attribute.name,
            value=value.label,
            problem="is the source too: a handoff passes work between two organisations",
            allowed="an organisation other than the source",
        )


@attrs.frozen(kw_only=True)
class Handoff:
    """A point where work passes from one organisation to another.

    Attributes:
        phase: The phase in which it happens (for a transition, the phase the target
            takes the work over in).
        kind: ``TRANSITION`` (between phases) or ``INTERFACE`` (within a phase).
        source: The organisation the work, or the clinical supplies, come from.
        target: The organisation they pass to.
        area: The area of work that passes.
        reason: Why it happens, with its source.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, Strategy, plan
        >>> profile = SponsorProfile(phase=Phase.PHASE_3, horizon=Phase.PHASE_3)
        >>> handoff = plan(profile, strategy=Strategy.SPECIALIST).handoffs[0]
        >>> handoff.kind.value, handoff.source.label, handoff.target.label
        ('interface', 'CMO', 'CRO')
    """

    phase: Phase = attrs.field(validator=member_of(Phase))
    kind: HandoffKind = attrs.field(validator=member_of(HandoffKind))
    source: Engagement = attrs.field(validator=_engagement)
    target: Engagement = attrs.field(validator=_other_than_source)
    area: ServiceCategory = attrs.field(validator=member_of(ServiceCategory))
    reason: Reason = attrs.field(validator=instance_of(Reason))

    @property
    def is_tech_transfer(self) -> bool:
        """Whether it moves manufacturing to another organisation: a technology transfer."""
        return self.kind is HandoffKind.TRANSITION and self.area is _MANUFACTURING


def _steps(value: Iterable[PlanStep]) -> tuple[PlanStep, ...]:
    return as_tuple(value)


def _handoffs(value: Iterable[Handoff]) -> tuple[Handoff, ...]:
    return as_tuple(value)


def _one_step_per_phase(
    instance: SourcingPlan, attribute: attrs.Attribute[Any], value: tuple[PlanStep, ...]
) -> None:
    tuple_of(PlanStep)(instance, attribute, value)
    phases = tuple(step.phase for step in value)
    if phases != instance.profile.programme:
        raise InvalidInputError(
            field=attribute.name,
            value=[phase.value for phase in phases],
            problem="are not one step per phase of the programme, in order",
            allowed=", ".join(phase.value for phase in instance.profile.programme),
        )


@attrs.frozen(kw_only=True)
class SourcingPlan:
    """Who is engaged in each phase of a programme, and where work changes hands.

    Attributes:
        profile: The sponsor's profile the plan is for.
        strategy: Integrated (one CDMO) or specialist (CROs and CMOs).
        steps: One step per phase, from the profile's phase to its horizon, in order.
        handoffs: Every point where work passes between two organisations, in order of
            phase.
        reasons: Why this strategy.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, Strategy, plan
        >>> sourcing = plan(SponsorProfile(phase=Phase.PHASE_1), strategy="specialist")
        >>> [step.phase.value for step in sourcing.steps]
        ['phase-1', 'phase-2', 'phase-3', 'regulatory-review', 'commercial']
        >>> [h.phase.value for h in sourcing.handoffs]
        ['phase-1', 'phase-2', 'phase-3']
        >>> sourcing.tech_transfers
        ()
    """

    profile: SponsorProfile = attrs.field(validator=instance_of(SponsorProfile))
    strategy: Strategy = attrs.field(validator=member_of(Strategy))
    steps: tuple[PlanStep, ...] = attrs.field(converter=_steps, validator=_one_step_per_phase)
    handoffs: tuple[Handoff, ...] = attrs.field(
        default=(), converter=_handoffs, validator=tuple_of(Handoff)
    )
    reasons: tuple[Reason, ...] = attrs.field(
        default=(), converter=reason_tuple, validator=tuple_of(Reason)
    )

    @property
    def tech_transfers(self) -> tuple[Handoff, ...]:
        """The handoffs that move manufacturing to another organisation."""
        return tuple(handoff for handoff in self.handoffs if handoff.is_tech_transfer)

    @property
    def phases(self) -> tuple[Phase, ...]:
        """The phases the plan covers, in order."""
        return tuple(step.phase for step in self.steps)

    @property
    def organisations(self) -> tuple[Engagement, ...]:
        """Every organisation engaged, in order of first engagement."""
        seen: dict[Engagement, None] = {}
        for step in self.steps:
            seen.update(dict.fromkeys(step.organisations))
        return tuple(seen)

    def step(self, phase: Phase) -> PlanStep:
        """The step for ``phase``.

        Raises:
            InvalidInputError: The phase is not in the plan.

        Example:
            >>> from pharma_outsourcing import Phase, SponsorProfile, plan
            >>> plan(SponsorProfile(phase=Phase.PHASE_2)).step("phase 3").phase.value
            'phase-3'
        """
        wanted = Phase.parse(phase, field="phase")
        for step in self.steps:
            if step.phase is wanted:
                return step
        raise InvalidInputError(
            field="phase",
            value=wanted.value,
            problem="is not in the plan",
            allowed=", ".join(p.value for p in self.phases),
        )

    def handoffs_in(self, phase: Phase) -> tuple[Handoff, ...]:
        """The handoffs that happen in ``phase``.

        Example:
            >>> from pharma_outsourcing import Phase, SponsorProfile, plan
            >>> plan(SponsorProfile(phase=Phase.PHASE_1)).handoffs_in(Phase.PHASE_1)
            ()
        """
        wanted = Phase.parse(phase, field="phase")
        return tuple(handoff for handoff in self.handoffs if handoff.phase is wanted)

    def _repr_html_(self) -> str:
        """The plan as a phase-by-phase HTML timeline with its handoffs (for notebooks)."""
        from ._render import notebook  # noqa: PLC0415 - on first display

        return notebook.html(self)

    def _repr_markdown_(self) -> str:
        """The plan as Markdown: a table per phase and the list of handoffs."""
        from ._render import notebook  # noqa: PLC0415 - on first display

        return notebook.markdown(self)


def _counterpart(handoff: Handoff) -> tuple[Phase, HandoffKind, ServiceCategory]:
    return handoff.phase, handoff.kind, handoff.area


@attrs.frozen(kw_only=True)
class StrategyComparison:
    """The integrated and the specialist plan for one programme, side by side.

    Attributes:
        profile: The sponsor's profile.
        integrated: The plan with one CDMO.
        specialist: The plan with CROs and CMOs.
        preferred: The strategy :func:`plan` chooses when none is given.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, compare_strategies
        >>> comparison = compare_strategies(SponsorProfile(phase=Phase.PHASE_1))
        >>> comparison.handoffs_saved, comparison.preferred.value
        (3, 'integrated')
    """

    profile: SponsorProfile = attrs.field(validator=instance_of(SponsorProfile))
    integrated: SourcingPlan = attrs.field(validator=instance_of(SourcingPlan))
    specialist: SourcingPlan = attrs.field(validator=instance_of(SourcingPlan))
    preferred: Strategy = attrs.field(validator=member_of(Strategy))

    @property
    def handoffs_saved(self) -> int:
        """How many fewer handoffs the integrated plan has (negative when it has more)."""
        return len(self.specialist.handoffs) - len(self.integrated.handoffs)

    @property
    def tech_transfers_saved(self) -> int:
        """How many fewer technology transfers the integrated plan has."""
        return len(self.specialist.tech_transfers) - len(self.integrated.tech_transfers)

    @property
    def avoided(self) -> tuple[Handoff, ...]:
        """The specialist plan's handoffs that the integrated plan avoids.

        Those with no counterpart (same phase, kind and area) in the integrated plan.
        """
        kept = {_counterpart(h) for h in self.integrated.handoffs}
        return tuple(h for h in self.specialist.handoffs if _counterpart(h) not in kept)

    @property
    def added(self) -> tuple[Handoff, ...]:
        """The integrated plan's handoffs with no counterpart in the specialist plan."""
        kept = {_counterpart(h) for h in self.specialist.handoffs}
        return tuple(h for h in self.integrated.handoffs if _counterpart(h) not in kept)

    def _repr_html_(self) -> str:
        """Both plans side by side, as HTML (for notebooks)."""
        from ._render import notebook  # noqa: PLC0415 - on first display

        return notebook.html(self)

    def _repr_markdown_(self) -> str:
        """Both plans side by side, as Markdown."""
        from ._render import notebook  # noqa: PLC0415 - on first display

        return notebook.markdown(self)


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
    """The candidates as a tuple, refusing what is not a partner and repeated names."""
    candidates = tuple(partners)
    names: set[str] = set()
    for index, candidate in enumerate(candidates):
        if not isinstance(candidate, Partner):
            raise InvalidInputError(
                field=f"partners[{index}]",
                value=candidate,
                problem="is not a Partner",
                allowed="a Partner",
            )
        if candidate.name in names:
            raise InvalidInputError(
                field=f"partners[{index}].name",
                value=candidate.name,
                problem="names more than one partner; a plan tells partners apart by name",
                allowed="a name no other candidate has",
            )
        names.add(candidate.name)
    return candidates


def _choosing(
    partners: Iterable[Partner] | None,
    weights: Weights | Mapping[Criterion, float] | Mapping[str, float] | None,
) -> _Choosing | None:
    """How to choose partners for a plan, or ``None`` to plan with types only."""
    chosen = as_weights(weights)  # checked even without partners: a typo is an error
    if partners is None:
        return None
    candidates = _candidates(partners)
    return _Choosing(candidates=candidates, weights=chosen, as_of=latest_year(candidates))


@attrs.frozen(kw_only=True)
class _Choosing:
    """What a plan needs to choose partners: the candidates and how to rank them."""

    candidates: tuple[Partner, ...]
    weights: Weights
    as_of: int | None


def _shortlist(
    profile: SponsorProfile,
    phase: Phase,
    role: OrganisationType,
    services: frozenset[Service],
    choosing: _Choosing,
) -> Shortlist:
    """The candidates of ``role``'s type serving ``phase``, ranked for ``services``.

    The one place a plan chooses among partners: :func:`rank` on the profile as it will
    stand in ``phase``, so a candidate lacking a service or, for GMP work, GMP
    certification is excluded, and the rest are ordered by the weighted criteria.
    """
    eligible = [
        candidate
        for candidate in choosing.candidates
        if candidate.organisation_type is role and phase in candidate.phases
    ]
    return rank(
        attrs.evolve(profile, phase=phase),
        eligible,
        weights=choosing.weights,
        services=services,
        as_of=choosing.as_of,
    )


def _fill_role(
    profile: SponsorProfile,
    phase: Phase,
    role: OrganisationType,
    services: frozenset[Service],
    *,
    choosing: _Choosing | None,
    incumbent: Partner | None,
) -> tuple[Engagement, Partner | None, Reason]:
    """The engagement for one role in one phase, the partner behind it, and why."""
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
    shortlist = _shortlist(profile, phase, role, services, choosing)
    ranked = [assessment.partner for assessment in shortlist.ranked]
    if incumbent is not None and incumbent in ranked:
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
    leader = shortlist.leader
    if leader is None:
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
    chosen = leader.partner
    return (
        Engagement(organisation_type=role, partner=chosen.name),
        chosen,
        Reason(
            criterion=Criterion.STAGE_OF_DEVELOPMENT,
            text=(
                f"{chosen.name} engaged as the {label}: ranked first of "
                f"{plural(len(ranked), f'{label} candidate')} serving {phase.value} "
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
    source: Engagement, phase: Phase, services: frozenset[Service], partners: Mapping[str, Partner]
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
    failure = Requirements(services=services, phase=phase).first_failure(partner)
    if failure is not None:
        return failure.reason.criterion, f"{partner.name} {failure.handoff}"
    # The area skipped a phase, in which the role passed to another partner.
    return None, "the role passed to another partner while this work was not needed"


def _find_handoffs(
    steps: Sequence[PlanStep], partners: Mapping[str, Partner]
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
            for source in sorted(before - now, key=_engagement_key):
                for target in sorted(now - before, key=_engagement_key):
                    criterion, why = _why_moved(
                        source, step.phase, step.services_for(target), partners
                    )
                    transfer = (
                        ": a technology transfer of the manufacturing process"
                        if area is _MANUFACTURING
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
    needs, needs_both = _programme(profile)
    chosen, why = _choose_strategy(profile, strategy, needs_both)
    integrated = chosen is Strategy.INTEGRATED and needs_both
    choosing = _choosing(partners, weights)

    steps: list[PlanStep] = []
    incumbents: dict[OrganisationType, Partner | None] = {}
    for phase, needed in needs.items():
        roles: dict[OrganisationType, set[Service]] = {}
        for service in needed:
            roles.setdefault(CDMO if integrated else service.provider, set()).add(service)
        assignments: dict[Service, Engagement] = {}
        reasons = [_need_reason(profile, phase, needed)]
        for role in sorted(roles, key=_TYPE_ORDER.__getitem__):
            services = frozenset(roles[role])
            engagement, partner, reason = _fill_role(
                profile,
                phase,
                role,
                services,
                choosing=choosing,
                incumbent=incumbents.get(role),
            )
            incumbents[role] = partner
            reasons.append(reason)
            assignments.update(dict.fromkeys(sorted(services), engagement))
        steps.append(PlanStep(phase=phase, assignments=assignments, reasons=tuple(reasons)))

    by_name = {partner.name: partner for partner in choosing.candidates} if choosing else {}
    return SourcingPlan(
        profile=profile,
        strategy=chosen,
        steps=tuple(steps),
        handoffs=_find_handoffs(steps, by_name),
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
    candidates = None if partners is None else tuple(partners)
    return StrategyComparison(
        profile=profile,
        integrated=plan(
            profile, strategy=Strategy.INTEGRATED, partners=candidates, weights=weights
        ),
        specialist=plan(
            profile, strategy=Strategy.SPECIALIST, partners=candidates, weights=weights
        ),
        preferred=_choose_strategy(profile, None, _programme(profile)[1])[0],
    )
