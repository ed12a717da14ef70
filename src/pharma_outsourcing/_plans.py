"""A programme plan's value objects: strategies, engagements, steps, handoffs (DESIGN.md §7).

What :func:`~pharma_outsourcing.plan` returns, apart from how it is worked out
(``_planning``): a :class:`SourcingPlan` of one :class:`PlanStep` per phase, each
assigning the phase's services to an :class:`Engagement`, the :class:`Handoff` points
where work passes between organisations, and the :class:`StrategyComparison` of
:func:`~pharma_outsourcing.compare_strategies`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from . import _fields as convert
from ._errors import InvalidInputError
from ._fields import (
    as_tuple,
    expect_mapping,
    instance_of,
    member_of,
    members_of,
    non_empty_text,
    tuple_of,
)
from ._frozenmap import FrozenMap
from ._governance import Party
from ._profile import SponsorProfile
from ._reasons import Reason, reason_tuple, with_type
from ._services import Service, ServiceCategory, services_of
from ._vocabulary import (
    OrganisationType,
    Phase,
    Vocabulary,
    declared_position,
    register_aliases,
    register_labels,
)

if TYPE_CHECKING:
    # pandas is optional and may lack type information: DataFrame is then untyped.
    from pandas import DataFrame  # type: ignore[import-untyped,import-not-found,unused-ignore]

__all__ = [
    "TRANSFERRED_AREAS",
    "Engagement",
    "Handoff",
    "HandoffKind",
    "Organisation",
    "PlanStep",
    "SourcingPlan",
    "Strategy",
    "StrategyComparison",
    "engagement_order",
]

TRANSFERRED_AREAS = frozenset(
    {ServiceCategory.DEVELOPMENT, ServiceCategory.MANUFACTURING, ServiceCategory.QUALITY}
)
"""The areas whose handoff between phases is a transfer: of the process (development,
manufacturing) or of the analytical methods (quality)."""


class Strategy(Vocabulary):
    """How a programme is sourced (DESIGN.md §7).

    - ``INTEGRATED``: one CDMO for every outsourced service in every step, wherever the
      programme over its pathway needs both research and manufacturing work (when it needs
      only one kind, that specialist type);
    - ``CRO_AND_CDMO``: a CRO for all CRO work and one CDMO for all CMO work over the whole
      pathway, chosen to carry the process from first clinical supply to commercial;
    - ``SPECIALIST``: CROs for the research and clinical work, CMOs for the
      manufacturing work, each chosen per step.

    Example:
        >>> from pharma_outsourcing import Strategy
        >>> Strategy.parse("CRO and CMO")
        <Strategy.SPECIALIST: 'specialist'>
    """

    INTEGRATED = "integrated"
    CRO_AND_CDMO = "cro-and-cdmo"
    SPECIALIST = "specialist"


register_labels(Strategy, {"cro-and-cdmo": "CRO and CDMO"})

register_aliases(
    Strategy,
    {
        "cro with cdmo": "cro-and-cdmo",
        "cro plus cdmo": "cro-and-cdmo",
        "cro cdmo": "cro-and-cdmo",
        "cro and one cdmo": "cro-and-cdmo",
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


def _strategy(value: Strategy | str) -> Strategy:
    return value if type(value) is Strategy else convert.member(Strategy, value)


def _handoff_kind(value: HandoffKind | str) -> HandoffKind:
    return value if type(value) is HandoffKind else convert.member(HandoffKind, value)


def _optional_name(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        non_empty_text(_instance, attribute, value)


@attrs.frozen(kw_only=True, cache_hash=True)
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

    organisation_type: OrganisationType = attrs.field(
        converter=convert.organisation_type, validator=member_of(OrganisationType)
    )
    partner: str | None = attrs.field(default=None, validator=_optional_name)

    @property
    def label(self) -> str:
        """The organisation in words: ``CRO``, or ``Acme (CRO)`` when a partner is named.

        The type is left out after a name that already says it: ``Kestrel (fictional
        CDMO)``, not ``Kestrel (fictional CDMO) (CDMO)``.
        """
        kind = self.organisation_type.value.upper()
        return kind if self.partner is None else with_type(self.partner, kind)

    def __str__(self) -> str:
        return self.label


def engagement_order(engagement: Engagement | Party) -> tuple[tuple[str, int], str]:
    """The sort key of engagements: the sponsor, CROs, CMOs, then CDMOs; then by partner."""
    if isinstance(engagement, Party):
        return ("", 0), ""
    return declared_position(engagement.organisation_type), engagement.partner or ""


Organisation = Engagement | Party
"""Who does some work in a plan: an engaged organisation, or the sponsor itself
(``Party.SPONSOR``, for the work it does in house)."""


def _frozen_assignments(value: Mapping[Service, Engagement]) -> FrozenMap[Service, Engagement]:
    if isinstance(value, FrozenMap):
        return value
    value = expect_mapping(
        value, field="assignments", allowed="a mapping of services to engagements"
    )
    return FrozenMap(value)


def _covered(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Every assigned service goes to an engagement whose type provides it."""
    assert isinstance(value, Mapping)  # the converter made it one
    provided: dict[OrganisationType, frozenset[Service]] = {}
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
        kind = engagement.organisation_type
        offered = provided.get(kind)
        if offered is None:
            offered = provided[kind] = services_of(kind)
        if service not in offered:
            raise InvalidInputError(
                field=f"{attribute.name}[{service.value}]",
                value=engagement.label,
                problem=f"does not provide {service.value}",
                allowed=" or ".join(
                    t.value.upper() for t in OrganisationType if service in services_of(t)
                ),
            )


def _not_assigned(instance: PlanStep, attribute: attrs.Attribute[Any], value: object) -> None:
    """Work the sponsor does itself is not also assigned to an organisation."""
    assert isinstance(value, frozenset)  # checked by the field's first validator
    both = value & frozenset(instance.assignments)
    if both:
        raise InvalidInputError(
            field=attribute.name,
            value=sorted(s.value for s in both),
            problem="is also assigned to an organisation",
            allowed="services the step does not assign",
        )


def _assigned(instance: PlanStep, attribute: attrs.Attribute[Any], value: object) -> None:
    """Work brought forward into a step is work the step assigns."""
    assert isinstance(value, frozenset)  # checked by the field's first validator
    missing = value - frozenset(instance.assignments)
    if missing:
        raise InvalidInputError(
            field=attribute.name,
            value=sorted(s.value for s in missing),
            problem="is not assigned in the step",
            allowed="services the step assigns",
        )


@attrs.frozen(kw_only=True)
class PlanStep:
    """One phase of a plan: the services needed and the organisation engaged for each.

    Attributes:
        phase: The phase.
        assignments: Each service needed in the phase, to the organisation engaged for
            it (whose type always provides it).
        reasons: Why these services, and why these organisations.
        in_house: The phase's work the sponsor does itself (of the services typical of the
            phase, or named in the profile for its own phase): where work passes to or from
            the sponsor, a handoff names it.
        brought_forward: The services of this step that phases the pathway skips bring
            into it (a pivotal phase 2 makes the registration batches and validates the
            process).

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, plan
        >>> step = plan(SponsorProfile(phase=Phase.PHASE_1)).steps[0]
        >>> [e.label for e in step.organisations]
        ['CRO', 'CDMO']
    """

    phase: Phase = attrs.field(converter=convert.phase, validator=member_of(Phase))
    assignments: Mapping[Service, Engagement] = attrs.field(
        factory=FrozenMap, converter=_frozen_assignments, validator=_covered
    )
    reasons: tuple[Reason, ...] = attrs.field(
        default=(), converter=reason_tuple, validator=tuple_of(Reason)
    )
    in_house: frozenset[Service] = attrs.field(
        factory=frozenset,
        converter=convert.services,
        validator=[members_of(Service), _not_assigned],
    )
    brought_forward: frozenset[Service] = attrs.field(
        factory=frozenset, converter=convert.services, validator=[members_of(Service), _assigned]
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


def _organisation(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An engaged organisation, or the sponsor."""
    if isinstance(value, Engagement) or value is Party.SPONSOR:
        return
    raise InvalidInputError(
        field=attribute.name,
        value=value,
        problem="is not an organisation of the plan",
        allowed="an Engagement, or Party.SPONSOR for work done in house",
    )


def _other_than_source(
    instance: Handoff, attribute: attrs.Attribute[Any], value: Organisation
) -> None:
    _organisation(instance, attribute, value)
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
        source: The organisation the work, or the clinical supplies, come from
            (``Party.SPONSOR`` for work the sponsor did itself).
        target: The organisation they pass to (``Party.SPONSOR`` when the sponsor takes
            the work in house).
        area: The area of work that passes.
        reason: Why it happens, with its source.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, Strategy, plan
        >>> profile = SponsorProfile(phase=Phase.PHASE_3, horizon=Phase.PHASE_3)
        >>> handoff = plan(profile, strategy=Strategy.SPECIALIST).handoffs[0]
        >>> handoff.kind.value, handoff.source.label, handoff.target.label
        ('interface', 'CMO', 'CRO')
    """

    phase: Phase = attrs.field(converter=convert.phase, validator=member_of(Phase))
    kind: HandoffKind = attrs.field(converter=_handoff_kind, validator=member_of(HandoffKind))
    source: Engagement | Party = attrs.field(validator=_organisation)
    target: Engagement | Party = attrs.field(validator=_other_than_source)
    area: ServiceCategory = attrs.field(
        converter=convert.service_category, validator=member_of(ServiceCategory)
    )
    reason: Reason = attrs.field(validator=instance_of(Reason))

    @property
    def is_tech_transfer(self) -> bool:
        """Whether it moves development, manufacturing or quality work between phases.

        A technology transfer (of a process) or, for quality work, an analytical method
        transfer; a handoff within a phase is a shipment, not a transfer.
        """
        return self.kind is HandoffKind.TRANSITION and self.area in TRANSFERRED_AREAS


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


def _frozen_unfilled(
    value: Mapping[Phase, Iterable[Service]],
) -> FrozenMap[Phase, frozenset[Service]]:
    if isinstance(value, FrozenMap):
        return value
    expect_mapping(
        value,
        field="unfilled",
        allowed="a mapping of phases to the services no candidate qualifies for",
    )
    return FrozenMap({phase: frozenset(services) for phase, services in value.items()})


def _unfilled_in_steps(
    instance: SourcingPlan, attribute: attrs.Attribute[Any], value: Mapping[Phase, Any]
) -> None:
    """Unfilled work is work of the plan's steps, left to an engagement with no partner."""
    steps = {step.phase: step for step in instance.steps}
    for phase, services in value.items():
        step = steps.get(phase)
        unnamed = (
            frozenset(s for s, e in step.assignments.items() if e.partner is None)
            if step is not None
            else frozenset()
        )
        if not services or not services <= unnamed:
            raise InvalidInputError(
                field=f"{attribute.name}[{getattr(phase, 'value', phase)}]",
                value=sorted(getattr(s, "value", s) for s in services),
                problem="is not work a step of the plan leaves to an unnamed organisation",
                allowed=", ".join(sorted(s.value for s in unnamed)) or "nothing",
            )


@attrs.frozen(kw_only=True)
class SourcingPlan:
    """Who is engaged in each phase of a programme, and where work changes hands.

    Attributes:
        profile: The sponsor's profile the plan is for.
        strategy: Integrated (one CDMO) or specialist (CROs and CMOs).
        steps: One step per phase, from the profile's phase to its horizon, in order.
        handoffs: Every point where work passes between two organisations (the sponsor
            counting as one for its in-house work), in order of phase.
        reasons: Why this strategy, and what holds for the whole plan.
        unfilled: The work no candidate qualifies for, by phase: "to be sourced" (empty
            without candidates, when the plan names types only).

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
    strategy: Strategy = attrs.field(converter=_strategy, validator=member_of(Strategy))
    steps: tuple[PlanStep, ...] = attrs.field(converter=_steps, validator=_one_step_per_phase)
    handoffs: tuple[Handoff, ...] = attrs.field(
        default=(), converter=_handoffs, validator=tuple_of(Handoff)
    )
    reasons: tuple[Reason, ...] = attrs.field(
        default=(), converter=reason_tuple, validator=tuple_of(Reason)
    )
    unfilled: Mapping[Phase, frozenset[Service]] = attrs.field(
        factory=FrozenMap, converter=_frozen_unfilled, validator=_unfilled_in_steps
    )

    @property
    def tech_transfers(self) -> tuple[Handoff, ...]:
        """The handoffs between phases of development, manufacturing or quality work."""
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
            >>> sourcing = plan(SponsorProfile(phase=Phase.PHASE_1))
            >>> [h.kind.label for h in sourcing.handoffs_in(Phase.PHASE_1)]
            ['interface']
        """
        wanted = Phase.parse(phase, field="phase")
        return tuple(handoff for handoff in self.handoffs if handoff.phase is wanted)

    def to_records(
        self, *, handoffs: bool = False
    ) -> list[dict[str, str | int | float | bool | None]]:
        """Each phase's work as plain dicts, a service a row; with ``handoffs``, the handoffs.

        The keys of the work, in order of phase and, within one, of the catalogue:
        ``phase``, ``service``, ``area`` (the service's category), ``organisation_type``
        and ``partner`` (who does it: the type's value, and the partner's name or
        ``None``), ``in_house`` (``True`` for the sponsor's own work, whose type and
        partner are ``None``), ``brought_forward`` (work a skipped phase brings in) and
        ``to_be_sourced`` (work no candidate qualifies for).

        With ``handoffs=True``, one dict per handoff instead, in order of phase:
        ``phase``, ``kind`` (``transition`` or ``interface``), ``area``, ``source_type``
        and ``source_partner`` (where the work comes from: a type's value, or ``sponsor``
        for the sponsor's own work), ``target_type`` and ``target_partner``,
        ``tech_transfer``, ``reason`` and ``reason_source``.

        Example:
            >>> from pharma_outsourcing import Phase, SponsorProfile, plan
            >>> sourcing = plan(SponsorProfile(phase=Phase.PHASE_3, horizon=Phase.PHASE_3))
            >>> work = sourcing.to_records()
            >>> work[0]["phase"], work[0]["service"], work[0]["organisation_type"]
            ('phase-3', 'regulatory-affairs', 'cro')
            >>> [(h["source_type"], h["target_type"]) for h in sourcing.to_records(handoffs=True)]
            [('cmo', 'cro')]
        """
        from ._serialise import tables  # noqa: PLC0415 - on first use

        table = tables.handoff_table(self) if handoffs else tables.plan_table(self)
        return table.records()

    def to_pandas(self, *, handoffs: bool = False) -> DataFrame:
        """The records of :meth:`to_records` as a pandas DataFrame (pandas' own index).

        A phase and a service key a row of the work:
        ``frame.pivot(index="service", columns="phase", values="organisation_type")`` is
        the plan as a grid. Needs pandas (``pip install "pharma-outsourcing[pandas]"``);
        raises ``ImportError`` saying so when it is missing.

        Example:
            >>> from pharma_outsourcing import Phase, SponsorProfile, plan
            >>> sourcing = plan(SponsorProfile(phase=Phase.PHASE_2, horizon=Phase.PHASE_3))
            >>> frame = sourcing.to_pandas()
            >>> frame.groupby("phase").size().to_dict()
            {'phase-2': 17, 'phase-3': 19}
        """
        from ._serialise import tables  # noqa: PLC0415 - on first use

        table = tables.handoff_table(self) if handoffs else tables.plan_table(self)
        return table.to_pandas()

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
        cro_and_cdmo: The plan with a CRO and one CDMO for all manufacturing.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, compare_strategies
        >>> comparison = compare_strategies(SponsorProfile(phase=Phase.PHASE_1))
        >>> comparison.handoffs_saved, comparison.preferred.label
        (3, 'CRO and CDMO')
    """

    profile: SponsorProfile = attrs.field(validator=instance_of(SponsorProfile))
    integrated: SourcingPlan = attrs.field(validator=instance_of(SourcingPlan))
    specialist: SourcingPlan = attrs.field(validator=instance_of(SourcingPlan))
    preferred: Strategy = attrs.field(converter=_strategy, validator=member_of(Strategy))
    cro_and_cdmo: SourcingPlan = attrs.field(validator=instance_of(SourcingPlan))

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

    def to_records(self) -> list[dict[str, str | int | float | bool | None]]:
        """The three plans side by side as plain dicts, one per strategy.

        The keys: ``strategy`` (``integrated``, ``cro-and-cdmo``, ``specialist``),
        ``preferred``, ``organisations`` (how many are engaged over the programme),
        ``handoffs``, ``tech_transfers``, ``handoffs_saved`` and ``tech_transfers_saved``
        (how many fewer than the specialist plan has) and ``to_be_sourced`` (how many
        services of its steps no candidate qualifies for). Each plan's own records are
        its :meth:`SourcingPlan.to_records`.

        Example:
            >>> from pharma_outsourcing import Phase, SponsorProfile, compare_strategies
            >>> comparison = compare_strategies(SponsorProfile(phase=Phase.PHASE_1))
            >>> [(r["strategy"], r["handoffs"]) for r in comparison.to_records()]
            [('integrated', 0), ('cro-and-cdmo', 3), ('specialist', 3)]
        """
        from ._serialise import tables  # noqa: PLC0415 - on first use

        return tables.comparison_table(self).records()

    def to_pandas(self) -> DataFrame:
        """The records of :meth:`to_records` as a pandas DataFrame, indexed by ``strategy``.

        Needs pandas (``pip install "pharma-outsourcing[pandas]"``); raises ``ImportError``
        saying so when it is missing.

        Example:
            >>> from pharma_outsourcing import Phase, SponsorProfile, compare_strategies
            >>> frame = compare_strategies(SponsorProfile(phase=Phase.PHASE_1)).to_pandas()
            >>> frame.loc["specialist", "tech_transfers"]
            np.int64(0)
        """
        from ._serialise import tables  # noqa: PLC0415 - on first use

        return tables.comparison_table(self).to_pandas()

    def _repr_html_(self) -> str:
        """Both plans side by side, as HTML (for notebooks)."""
        from ._render import notebook  # noqa: PLC0415 - on first display

        return notebook.html(self)

    def _repr_markdown_(self) -> str:
        """Both plans side by side, as Markdown."""
        from ._render import notebook  # noqa: PLC0415 - on first display

        return notebook.markdown(self)
