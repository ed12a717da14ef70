"""The sponsor's profile: where its programme is, what it does itself, what it wants."""

from __future__ import annotations

from typing import Any

import attrs

from . import _fields as convert
from ._errors import InvalidInputError
from ._fields import boolean, member_of, members_of, optional_member_of, optional_text
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


@attrs.frozen(kw_only=True)
class SponsorProfile:
    """A drug developer's programme: its phase, its in-house work and what it wants.

    Attributes:
        phase: The programme's current phase of development.
        in_house: Services the sponsor does itself; never outsourced.
        services: The services the sponsor needs now, named explicitly; ``None`` means
            the services typically bought in ``phase`` (see :func:`typical_services`).
        horizon: The last phase the sponsor means to carry the product through itself
            (default: commercial). Never before ``phase``.
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
        InvalidInputError: A field holds a value of the wrong kind, or the horizon is
            before the phase.

    Example:
        >>> from pharma_outsourcing import Phase, Service, SponsorProfile
        >>> profile = SponsorProfile(
        ...     phase=Phase.PHASE_1, in_house=frozenset({Service.DISCOVERY_RESEARCH})
        ... )
        >>> profile.horizon
        <Phase.COMMERCIAL: 'commercial'>
        >>> Service.CLINICAL_SUPPLY_MANUFACTURING in profile.needed_services
        True
    """

    phase: Phase = attrs.field(validator=member_of(Phase))
    in_house: frozenset[Service] = attrs.field(
        factory=frozenset, converter=convert.services, validator=members_of(Service)
    )
    services: frozenset[Service] | None = attrs.field(
        default=None,
        converter=convert.optional_services,
        validator=attrs.validators.optional(members_of(Service)),
    )
    horizon: Phase = attrs.field(
        default=Phase.COMMERCIAL, validator=[member_of(Phase), _not_before_phase]
    )
    prefers_single_partner: bool | None = attrs.field(
        default=None, validator=boolean(optional=True)
    )
    therapeutic_area: TherapeuticArea | None = attrs.field(
        default=None, validator=optional_member_of(TherapeuticArea)
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
        bought in ``phase``; in either case less what is done ``in_house``.
        """
        wanted = typical_services(self.phase) if self.services is None else self.services
        return wanted - self.in_house

    @property
    def programme(self) -> tuple[Phase, ...]:
        """The phases from ``phase`` to ``horizon``, in order."""
        return phases_between(self.phase, self.horizon)
