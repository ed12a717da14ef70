"""The sponsor's profile: where its programme is, what it does itself, what it wants."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

import attrs

from . import _fields as convert
from ._errors import InvalidInputError
from ._fields import (
    boolean,
    checked,
    member_of,
    members_of,
    optional_member_of,
    optional_text,
    sequence_of,
)
from ._services import Capability, Service, typical_services
from ._vocabulary import DosageForm, Market, Modality, Phase, TherapeuticArea, phases_between

__all__ = ["SponsorProfile"]


def _not_before_phase(
    instance: SponsorProfile, _attribute: attrs.Attribute[Any], horizon: Phase
) -> None:
    if horizon < instance.phase:
        raise InvalidInputError(
            field="horizon",
            value=horizon.value,
            problem=f"is before the profile's phase ({instance.phase.value})",
            allowed=", ".join(p.value for p in phases_between(instance.phase, Phase.COMMERCIAL)),
            suggestion=instance.phase.value,
        )


def _pathway(value: Iterable[Phase | str] | None) -> tuple[Phase, ...] | None:
    """A pathway as a tuple (any iterable of phases, or texts naming them), or ``None``."""
    return convert.phase_sequence(value)


def _review_needed(phase: Phase, horizon: Phase) -> bool:
    """Whether a pathway from ``phase`` to ``horizon`` must pass through regulatory review.

    A product is approved before it is supplied commercially: a programme that reaches
    commercial from an earlier phase goes through regulatory review on the way.
    """
    return horizon is Phase.COMMERCIAL and phase < Phase.COMMERCIAL


def _nearest_pathway(phase: Phase, horizon: Phase, given: Iterable[Phase]) -> tuple[Phase, ...]:
    """The valid pathway nearest ``given``, a pathway found wrong.

    The given phases from ``phase`` to ``horizon``, in order and once each, with ``phase``,
    ``horizon`` and (when needed) regulatory review added; every phase between when
    nothing was given.
    """
    kept = {step for step in given if phase <= step <= horizon}
    if not kept:
        return phases_between(phase, horizon)
    kept |= {phase, horizon}
    if _review_needed(phase, horizon):
        kept.add(Phase.REGULATORY_REVIEW)
    return tuple(sorted(kept))


def _order_problem(pathway: tuple[Phase, ...]) -> str | None:
    """What breaks the order of development in ``pathway``, if anything."""
    for before, after in itertools.pairwise(pathway):
        if after == before:
            return f"names {after.value} twice"
        if after < before:
            return f"is not in order of development ({after.value} comes after {before.value})"
    return None


def _pathway_problem(phase: Phase, horizon: Phase, pathway: tuple[Phase, ...]) -> str | None:
    """What is wrong with ``pathway`` for a profile at ``phase`` with ``horizon``, if anything."""
    if not pathway:
        return "is empty (leave it out for every phase between)"
    problem = _order_problem(pathway)
    if problem is None and pathway[0] is not phase:
        problem = f"starts with {pathway[0].value}, not the profile's phase ({phase.value})"
    if problem is None and pathway[-1] is not horizon:
        problem = f"ends with {pathway[-1].value}, not the profile's horizon ({horizon.value})"
    if (
        problem is None
        and _review_needed(phase, horizon)
        and Phase.REGULATORY_REVIEW not in pathway
    ):
        problem = (
            f"goes from {pathway[-2].value} to commercial without regulatory-review "
            "(a product is approved before it is supplied commercially)"
        )
    return problem


def _valid_pathway(
    instance: SponsorProfile, _attribute: attrs.Attribute[Any], pathway: tuple[Phase, ...] | None
) -> None:
    phase, horizon = instance.phase, instance.horizon
    if pathway is None or horizon < phase:  # a horizon before the phase is its own problem
        return
    problem = _pathway_problem(phase, horizon, pathway)
    if problem is None:
        return
    through = ", with regulatory-review before commercial" if _review_needed(phase, horizon) else ""
    raise InvalidInputError(
        field="pathway",
        value=[step.value for step in pathway],
        problem=problem,
        allowed=(
            f"phases in order of development from {phase.value} (the profile's phase) to "
            f"{horizon.value} (its horizon){through}; phases between may be left out"
        ),
        suggestion=", ".join(step.value for step in _nearest_pathway(phase, horizon, pathway)),
    )


@attrs.frozen(kw_only=True)
class SponsorProfile:
    """A drug developer's programme: its phase, its in-house work and what it wants.

    Attributes:
        phase: The programme's current phase of development.
        in_house: Services the sponsor does itself; never outsourced.
        services: The services the sponsor needs now, named explicitly; ``None`` means
            the services typically bought in ``phase`` (see :func:`typical_services`).
        scope: The services the sponsor would outsource at all, in any phase (a sponsor
            that outsources only fill-finish and release testing names those); ``None``
            (default) means any service. Nothing outside it is ever needed from a partner.
        horizon: The last phase the sponsor means to carry the product through itself
            (default: commercial). Never before ``phase``.
        pathway: The phases the programme passes through, from ``phase`` to ``horizon``
            in order of development, when it skips some (a pivotal phase 2 going straight
            to filing is phase-2, regulatory-review, commercial); ``None`` (default) means
            every phase between. It starts with ``phase``, ends with ``horizon`` and passes
            through regulatory review when it reaches commercial from an earlier phase.
        prefers_single_partner: ``True`` for one integrated partner, ``False`` for
            specialists, ``None`` (default) for no preference.
        therapeutic_area: The programme's therapeutic area, if known.
        modalities: The product's modalities (an mRNA vaccine is ``MRNA`` and
            ``VACCINE``): must-haves for the manufacturing work that handles the product
            (``VACCINE`` is a product class and counts for expertise only). Files written
            for 0.1 may give one ``modality`` instead.
        dosage_forms: The product's dosage forms: must-haves for formulation, drug-product
            manufacturing and packaging. Files may give one ``dosage_form`` instead.
        requires: Manufacturing capabilities the programme needs (aseptic processing,
            high-potency containment, ...): must-haves for the services each concerns.
        target_markets: Where the sponsor runs trials or means to sell.
        name: An optional label for the programme or sponsor.

    Raises:
        InvalidInputError: A field holds a value of the wrong kind, the horizon is
            before the phase, or the pathway does not run from the phase to the horizon
            in order (through regulatory review to reach commercial); the message gives
            the nearest valid pathway.

    Example:
        >>> from pharma_outsourcing import Phase, Service, SponsorProfile
        >>> profile = SponsorProfile(
        ...     phase=Phase.PHASE_1, in_house=frozenset({Service.DISCOVERY_RESEARCH})
        ... )
        >>> profile.horizon
        <Phase.COMMERCIAL: 'commercial'>
        >>> Service.CLINICAL_SUPPLY_MANUFACTURING in profile.needed_services
        True

        A pivotal phase 2 going straight to filing:

        >>> pivotal = SponsorProfile(
        ...     phase=Phase.PHASE_2,
        ...     pathway=(Phase.PHASE_2, Phase.REGULATORY_REVIEW, Phase.COMMERCIAL),
        ... )
        >>> [phase.label for phase in pivotal.programme]
        ['phase 2', 'regulatory review', 'commercial']
        >>> SponsorProfile(phase=Phase.PHASE_2, pathway=(Phase.PHASE_2, Phase.COMMERCIAL))
        Traceback (most recent call last):
        ...
        pharma_outsourcing._errors.InvalidInputError: pathway: ['phase-2', 'commercial'] goes \
from phase-2 to commercial without regulatory-review (a product is approved before it is \
supplied commercially); allowed: ...; did you mean 'phase-2, regulatory-review, commercial'?
    """

    phase: Phase = attrs.field(converter=convert.phase, validator=member_of(Phase))
    in_house: frozenset[Service] = attrs.field(
        factory=frozenset, converter=convert.services, validator=members_of(Service)
    )
    services: frozenset[Service] | None = attrs.field(
        default=None,
        converter=convert.optional_services,
        validator=attrs.validators.optional(members_of(Service)),
    )
    scope: frozenset[Service] | None = attrs.field(
        default=None,
        converter=convert.optional_services,
        validator=attrs.validators.optional(members_of(Service)),
    )
    horizon: Phase = attrs.field(
        default=Phase.COMMERCIAL,
        converter=convert.phase,
        validator=[member_of(Phase), _not_before_phase],
    )
    pathway: tuple[Phase, ...] | None = attrs.field(
        default=None,
        converter=_pathway,
        validator=attrs.validators.optional([sequence_of(Phase), _valid_pathway]),
        metadata={"json_schema": {"minItems": 1, "uniqueItems": True}},
    )
    prefers_single_partner: bool | None = attrs.field(
        default=None, validator=boolean(optional=True)
    )
    therapeutic_area: TherapeuticArea | None = attrs.field(
        default=None,
        converter=convert.optional_therapeutic_area,
        validator=optional_member_of(TherapeuticArea),
    )
    modalities: frozenset[Modality] = attrs.field(
        factory=frozenset, converter=convert.modalities, validator=members_of(Modality)
    )
    dosage_forms: frozenset[DosageForm] = attrs.field(
        factory=frozenset, converter=convert.dosage_forms, validator=members_of(DosageForm)
    )
    requires: frozenset[Capability] = attrs.field(
        factory=frozenset, converter=convert.capabilities, validator=members_of(Capability)
    )
    target_markets: frozenset[Market] = attrs.field(
        factory=frozenset, converter=convert.markets, validator=members_of(Market)
    )
    name: str | None = attrs.field(default=None, validator=optional_text)

    @property
    def needed_services(self) -> frozenset[Service]:
        """What the sponsor needs from partners now.

        The explicit ``services`` when given (even if empty), else the services typically
        bought in ``phase``; in either case less what is done ``in_house``, and within
        ``scope`` when one is given.
        """
        wanted = typical_services(self.phase) if self.services is None else self.services
        needed = wanted - self.in_house
        return needed if self.scope is None else needed & self.scope

    @property
    def programme(self) -> tuple[Phase, ...]:
        """The programme's pathway: the phases it passes through, in order.

        The given ``pathway``, else every phase from ``phase`` to ``horizon``. It always
        starts with ``phase`` and ends with ``horizon``; plans have one step per phase of
        it, and scoring looks ahead along it.

        Example:
            >>> from pharma_outsourcing import Phase, SponsorProfile
            >>> [p.value for p in SponsorProfile(phase=Phase.PHASE_3).programme]
            ['phase-3', 'regulatory-review', 'commercial']
        """
        if self.pathway is not None:
            return self.pathway
        return phases_between(self.phase, self.horizon)

    @property
    def skipped_phases(self) -> tuple[Phase, ...]:
        """The phases between ``phase`` and ``horizon`` that the pathway leaves out, in order.

        Example:
            >>> from pharma_outsourcing import Phase, SponsorProfile
            >>> pivotal = SponsorProfile(
            ...     phase=Phase.PHASE_2,
            ...     pathway=[Phase.PHASE_2, Phase.REGULATORY_REVIEW, Phase.COMMERCIAL],
            ... )
            >>> pivotal.skipped_phases
            (<Phase.PHASE_3: 'phase-3'>,)
        """
        if self.pathway is None:
            return ()
        return tuple(p for p in phases_between(self.phase, self.horizon) if p not in self.pathway)

    def at(self, phase: Phase) -> SponsorProfile:
        """The profile as it will stand when the programme reaches ``phase`` of its pathway.

        Its phase is ``phase``, its pathway the rest of this one from there, and its
        services those typical of ``phase`` (the explicit ``services`` are what the
        sponsor needs now); everything else is kept. A plan ranks candidates for a later
        step on this profile.

        Raises:
            InvalidInputError: ``phase`` is not a :class:`Phase` of the programme (see
                :attr:`programme`).

        Example:
            >>> from pharma_outsourcing import Phase, SponsorProfile
            >>> pivotal = SponsorProfile(
            ...     phase=Phase.PHASE_2,
            ...     pathway=[Phase.PHASE_2, Phase.REGULATORY_REVIEW, Phase.COMMERCIAL],
            ... )
            >>> [p.value for p in pivotal.at(Phase.REGULATORY_REVIEW).programme]
            ['regulatory-review', 'commercial']
        """
        phase = checked(phase, Phase, "phase")
        if phase is self.phase:
            return self
        programme = self.programme
        if phase not in programme:
            later = [step for step in programme if step > phase]
            raise InvalidInputError(
                field="phase",
                value=phase.value,
                problem="is not a phase of the programme's pathway",
                allowed=", ".join(step.value for step in programme),
                suggestion=(later or programme[-1:])[0].value,
            )
        pathway = None if self.pathway is None else self.pathway[self.pathway.index(phase) :]
        return attrs.evolve(self, phase=phase, services=None, pathway=pathway)
