"""A programme plan's value objects: strategies, engagements, steps, handoffs (DESIGN.md §7).

What :func:`~pharma_outsourcing.plan` returns, apart from how it is worked out
(``_planning``): a :class:`SourcingPlan` of one :class:`PlanStep` per phase, each
assigning the phase's services to an :class:`Engagement`, the :class:`Handoff` points
where work passes between organisations, and the :class:`StrategyComparison` of
:func:`~pharma_outsourcing.compare_strategies`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from ._errors import InvalidInputError
from ._fields import as_tuple, instance_of, member_of, non_empty_text, tuple_of
from ._frozenmap import FrozenMap
from ._profile import SponsorProfile
from ._reasons import Reason, reason_tuple
from ._services import Service, ServiceCategory, services_of
from ._vocabulary import OrganisationType, Phase, Vocabulary, declared_position, register_aliases

__all__ = [
    "TRANSFERRED_AREA",
    "Engagement",
    "Handoff",
    "HandoffKind",
    "PlanStep",
    "SourcingPlan",
    "Strategy",
    "StrategyComparison",
    "engagement_order",
]

TRANSFERRED_AREA = ServiceCategory.MANUFACTURING
"""The area whose handoff between phases moves the process: a technology transfer."""


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
      trials run by another (the CRO-CMO interface the guide's CDMO removes).

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


def engagement_order(engagement: Engagement) -> tuple[tuple[str, int], str]:
    """The sort key of engagements: CROs first, then CMOs, then CDMOs; then by partner."""
    return declared_position(engagement.organisation_type), engagement.partner or ""


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
        return tuple(sorted(set(self.assignments.values()), key=engagement_order))

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
        return self.kind is HandoffKind.TRANSITION and self.area is TRANSFERRED_AREA


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

    def step(self, phase: Phase | str) -> PlanStep:
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

    def handoffs_in(self, phase: Phase | str) -> tuple[Handoff, ...]:
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
