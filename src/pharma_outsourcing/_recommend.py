"""Which kind of partner: ``needs_cro``, ``needs_cmo``, ``lead_type`` and ``recommend``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from . import _fields as convert
from ._errors import InvalidInputError
from ._fields import checked, members_of, tuple_of
from ._frozenmap import FrozenMap
from ._governance import agreements_for
from ._profile import SponsorProfile
from ._reasons import Reason, reason_tuple, words
from ._services import Service, services_of, typical_services
from ._sources import SEED, SEED_CDMO, SEED_SELECTION
from ._vocabulary import Criterion, OrganisationType, Phase, Stage, in_declared_order

__all__ = ["Recommendation", "lead_type", "needs_cmo", "needs_cro", "recommend"]

CRO, CMO, CDMO = OrganisationType.CRO, OrganisationType.CMO, OrganisationType.CDMO


def _frozen_assignments(
    value: Mapping[Service, OrganisationType],
) -> FrozenMap[Service, OrganisationType]:
    if isinstance(value, FrozenMap) or not isinstance(value, Mapping):
        return value  # a non-mapping is left for the validator to refuse
    return FrozenMap(value)


def _optional_types(
    value: Iterable[OrganisationType] | None,
) -> frozenset[OrganisationType] | None:
    return None if value is None else convert.organisation_types(value)


def _to_engaged_types(
    instance: Recommendation, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Each assigned service is a Service, assigned to a type the recommendation engages."""
    if not isinstance(value, Mapping):
        raise InvalidInputError(
            field=attribute.name,
            value=value,
            problem="is not a mapping",
            allowed="a mapping of services to organisation types",
        )
    for service, org_type in value.items():
        if not isinstance(service, Service):
            raise InvalidInputError(
                field=attribute.name, value=service, problem="is not a Service", allowed="a Service"
            )
        if org_type not in instance.engage:
            raise InvalidInputError(
                field=f"{attribute.name}[{service.value}]",
                value=org_type,
                problem="is not an organisation type the recommendation engages",
                allowed=", ".join(t.value for t in in_declared_order(instance.engage))
                or "nothing: no type is engaged",
            )


@attrs.frozen(kw_only=True)
class Recommendation:
    """Which organisation types to engage, for which services, and why.

    Attributes:
        engage: The organisation types to engage (empty when nothing is outsourced).
        assignments: Each needed service, to the engaged type that provides it.
        reasons: Why, each reason with its criterion and its source.
        alternative: The other sensible choice (``{CRO, CMO}`` when a CDMO was chosen,
            and the reverse), or ``None`` when there is none.

    Raises:
        InvalidInputError: A field holds a value of the wrong kind, or a service is
            assigned to a type the recommendation does not engage.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, recommend
        >>> rec = recommend(SponsorProfile(phase=Phase.PRECLINICAL))
        >>> sorted(rec.engage)
        [<OrganisationType.CRO: 'cro'>]
    """

    engage: frozenset[OrganisationType] = attrs.field(
        converter=convert.organisation_types, validator=members_of(OrganisationType)
    )
    assignments: Mapping[Service, OrganisationType] = attrs.field(
        factory=FrozenMap, converter=_frozen_assignments, validator=_to_engaged_types
    )
    reasons: tuple[Reason, ...] = attrs.field(
        default=(), converter=reason_tuple, validator=tuple_of(Reason)
    )
    alternative: frozenset[OrganisationType] | None = attrs.field(
        default=None,
        converter=_optional_types,
        validator=attrs.validators.optional(members_of(OrganisationType)),
    )

    def services_for(self, org_type: OrganisationType) -> frozenset[Service]:
        """The services assigned to ``org_type``: what to rank its candidates for.

        Example:
            >>> from pharma_outsourcing import OrganisationType, Phase, SponsorProfile
            >>> from pharma_outsourcing import recommend
            >>> rec = recommend(SponsorProfile(phase=Phase.PHASE_2, prefers_single_partner=False))
            >>> Service.SITE_MONITORING in rec.services_for(OrganisationType.CRO)
            True
        """
        wanted = OrganisationType.parse(org_type)
        return frozenset(s for s, t in self.assignments.items() if t is wanted)

    def _repr_html_(self) -> str:
        """The recommendation as HTML, for Jupyter."""
        from ._render import notebook  # noqa: PLC0415 - on first display

        return notebook.html(self)

    def _repr_markdown_(self) -> str:
        """The recommendation as Markdown, for Jupyter and Markdown exports."""
        from ._render import notebook  # noqa: PLC0415 - on first display

        return notebook.markdown(self)


def needs_cro(phase: Phase) -> bool:
    """Whether a sponsor with no in-house capability needs a CRO in ``phase``.

    True exactly when :func:`typical_services` of the phase holds a CRO service: from
    discovery to regulatory review, not in the commercial phase.

    Example:
        >>> from pharma_outsourcing import Phase, needs_cro
        >>> needs_cro(Phase.PRECLINICAL), needs_cro(Phase.COMMERCIAL)
        (True, False)
    """
    return not typical_services(phase).isdisjoint(services_of(CRO))


def needs_cmo(phase: Phase) -> bool:
    """Whether a sponsor with no in-house capability needs a CMO in ``phase``.

    True exactly when :func:`typical_services` of the phase holds a CMO service: from
    phase 1 (clinical trial batches) to commercial, not in discovery or preclinical.

    Example:
        >>> from pharma_outsourcing import Phase, needs_cmo
        >>> needs_cmo(Phase.PRECLINICAL), needs_cmo(Phase.PHASE_1)
        (False, True)
    """
    return not typical_services(phase).isdisjoint(services_of(CMO))


def lead_type(phase: Phase) -> OrganisationType:
    """The organisation type that leads the work in ``phase``.

    The guide's "early-phase = CRO, late-phase and post-approval = CMO": CRO for the early
    stage, CMO for the late and post-approval stages, and for the mid stage whichever of
    CRO and CMO provides more of the phase's typical services (a tie goes to the CRO).

    Example:
        >>> from pharma_outsourcing import Phase, lead_type
        >>> [lead_type(p).value for p in (Phase.PHASE_1, Phase.PHASE_2, Phase.PHASE_3)]
        ['cro', 'cro', 'cmo']
    """
    phase = Phase.parse(phase)
    stage = phase.stage
    if stage is Stage.EARLY:
        return CRO
    if stage is not Stage.MID:
        return CMO
    typical = typical_services(phase)
    cro_count = len(typical & services_of(CRO))
    cmo_count = len(typical & services_of(CMO))
    return CRO if cro_count >= cmo_count else CMO


def _transition_ahead(profile: SponsorProfile) -> bool:
    """Whether the move from clinical development to commercial production is ahead."""
    return profile.phase < Phase.COMMERCIAL and profile.horizon >= Phase.REGULATORY_REVIEW


def choose_for_both(profile: SponsorProfile) -> tuple[frozenset[OrganisationType], Reason]:
    """The types to engage when both CRO and CMO work is needed, and why.

    The one place the rule lives: :func:`recommend` applies it to the work needed now,
    and ``plan`` (``_planning.py``) to the whole programme when choosing its strategy.
    Package-internal (the module is private), not part of the public API.
    """
    integrated, specialists = frozenset({CDMO}), frozenset({CRO, CMO})
    if profile.prefers_single_partner is True:
        return integrated, Reason(
            criterion=None,
            text=(
                "The sponsor prefers a single partner, and a CDMO provides both the "
                "research and the manufacturing work."
            ),
            source=SEED_CDMO,
        )
    if profile.prefers_single_partner is False:
        return specialists, Reason(
            criterion=None,
            text=(
                "The sponsor prefers specialists: a CRO for the research and clinical work "
                "and a CMO for the manufacturing, each reporting to the sponsor."
            ),
            source=SEED,
        )
    if _transition_ahead(profile):
        return integrated, Reason(
            criterion=Criterion.SCALABILITY,
            text=(
                f"The move from clinical development to commercial production is still "
                f"ahead (now {profile.phase.value}, horizon {profile.horizon.value}): one "
                f"CDMO streamlines that transition and reduces handoff risks and delays."
            ),
            source=SEED_CDMO,
        )
    why = (
        "the product is already commercial"
        if profile.phase is Phase.COMMERCIAL
        else f"the programme stops at {profile.horizon.value}, before commercial production"
    )
    return specialists, Reason(
        criterion=Criterion.SCALABILITY,
        text=(
            f"No transition to commercial production lies ahead ({why}), so specialists "
            f"serve as well: a CRO and a CMO, each reporting to the sponsor."
        ),
        source=SEED,
    )


def recommend(profile: SponsorProfile) -> Recommendation:
    """Decide which organisation types a sponsor should engage now, and why.

    The rules (DESIGN.md §4): nothing needed, nothing engaged; only CRO services needed,
    a CRO; only CMO services, a CMO; both, a CDMO when the sponsor prefers a single
    partner and a CRO and a CMO when it prefers specialists; with no preference, a CDMO
    when the move from clinical development to commercial production is still ahead (the
    phase is before commercial and the horizon reaches regulatory review or later), since
    the integrated model "streamlines transitions from clinical development to commercial
    production" (the guide), and specialists otherwise.

    Every needed service is assigned to an engaged type that provides it.

    Args:
        profile: The sponsor's profile.

    Returns:
        The types to engage, the service assignments, the reasons and the alternative.

    Raises:
        InvalidInputError: ``profile`` is not a :class:`~pharma_outsourcing.SponsorProfile`.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, recommend
        >>> rec = recommend(SponsorProfile(phase=Phase.PHASE_1))
        >>> sorted(t.value for t in rec.engage), sorted(t.value for t in rec.alternative)
        (['cdmo'], ['cmo', 'cro'])
    """
    profile = checked(profile, SponsorProfile, "profile")
    needed = profile.needed_services
    stage = profile.phase.stage
    lead = lead_type(profile.phase)
    reasons = [
        Reason(
            criterion=Criterion.STAGE_OF_DEVELOPMENT,
            text=(
                f"At {profile.phase.value} ({stage.value} stage) the lead partner type is "
                f"the {lead.value.upper()}: CROs are engaged early to mid-stage, CMOs mid to "
                f"late-stage and for commercial supply."
            ),
            source=SEED_SELECTION,
        )
    ]
    if profile.in_house:
        reasons.append(
            Reason(
                criterion=None,
                text=f"Done in house, so not outsourced: {words(profile.in_house)}.",
                source=SEED,
            )
        )
    if not needed:
        reasons.append(
            Reason(
                criterion=None,
                text=(
                    f"Nothing needs outsourcing at {profile.phase.value}: every service "
                    f"needed is done in house."
                    if profile.services is None or profile.services
                    else "The profile names no services it needs, so nothing is outsourced."
                ),
                source=SEED,
            )
        )
        return Recommendation(engage=frozenset(), reasons=tuple(reasons))

    research = needed & services_of(CRO)
    manufacturing = needed & services_of(CMO)
    origin = "named in the profile" if profile.services is not None else "typical of the phase"
    if research:
        reasons.append(
            Reason(
                criterion=None,
                text=f"CRO work needed ({origin}): {words(research)}.",
                source=SEED,
            )
        )
    if manufacturing:
        reasons.append(
            Reason(
                criterion=None,
                text=f"CMO work needed ({origin}): {words(manufacturing)}.",
                source=SEED,
            )
        )

    alternative: frozenset[OrganisationType] | None = None
    if research and manufacturing:
        engage, why = choose_for_both(profile)
        reasons.append(why)
        alternative = frozenset({CRO, CMO}) if engage == {CDMO} else frozenset({CDMO})
    else:
        engage = frozenset({CRO if research else CMO})
        only = "research and clinical" if research else "manufacturing"
        reasons.append(
            Reason(
                criterion=None,
                text=f"Only {only} work is needed, so a {next(iter(engage)).value.upper()} "
                f"is enough.",
                source=SEED,
            )
        )

    # What must be in writing: the principal agreement of each side engaged (§8).
    for side in (CRO, CMO):
        if engage & {side, CDMO}:
            agreement = agreements_for(side)[0]
            reasons.append(
                Reason(criterion=None, text=agreement.summary, source=agreement.sources[0])
            )

    assignments = {
        service: CDMO if CDMO in engage else service.provider for service in sorted(needed)
    }
    return Recommendation(
        engage=engage,
        assignments=assignments,
        reasons=tuple(reasons),
        alternative=alternative,
    )
