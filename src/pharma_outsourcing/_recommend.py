"""Which kind of partner: ``needs_cro``, ``needs_cmo``, ``lead_type`` and ``recommend``.

``needs_cro`` and ``needs_cmo`` are read from the service catalogue (DESIGN.md §3);
``recommend`` applies the engagement rule of DESIGN.md §4. ``lead_type`` is the guide's
rule of thumb, kept for users who ask for it: no reason of ``recommend``, ``rank`` or
``plan`` states it, and no partner is scored by it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from . import _fields as convert
from ._errors import InvalidInputError
from ._fields import checked, expect_mapping, members_of, tuple_of
from ._frozenmap import FrozenMap
from ._governance import Agreement, agreements_for
from ._profile import SponsorProfile
from ._reasons import Reason, reason_tuple, words
from ._services import Service, services_of, typical_services
from ._sources import PRACTICE_CRO_AND_CDMO, SEED, SEED_CDMO
from ._vocabulary import Criterion, OrganisationType, Phase, Stage, in_declared_order

if TYPE_CHECKING:
    # pandas is optional and may lack type information: DataFrame is then untyped.
    from pandas import DataFrame  # type: ignore[import-untyped,import-not-found,unused-ignore]

__all__ = ["Recommendation", "lead_type", "needs_cmo", "needs_cro", "recommend"]

CRO, CMO, CDMO = OrganisationType.CRO, OrganisationType.CMO, OrganisationType.CDMO


def _frozen_assignments(
    value: Mapping[Service, OrganisationType],
) -> FrozenMap[Service, OrganisationType]:
    if isinstance(value, FrozenMap) or not isinstance(value, Mapping):
        return value  # a non-mapping is left for the validator to refuse
    return FrozenMap(value)


def _to_engaged_types(
    instance: Recommendation, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Each assigned service is a Service, assigned to a type the recommendation engages."""
    mapping = expect_mapping(
        value, field=attribute.name, allowed="a mapping of services to organisation types"
    )
    for service, org_type in mapping.items():
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
        assignments: Each needed service, to an engaged type that provides it: CRO
            services to the CRO whenever one is engaged.
        reasons: Why, each reason with its criterion and its source.
        alternative: The other integrated answer: ``{CDMO}`` for ``{CRO, CDMO}`` and the
            reverse, ``{CRO, CDMO}`` for ``{CRO, CMO}``; ``None`` when one type or
            nothing is engaged.

    Raises:
        InvalidInputError: A field holds a value of the wrong kind, or a service is
            assigned to a type the recommendation does not engage.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, recommend
        >>> rec = recommend(SponsorProfile(phase=Phase.PRECLINICAL))
        >>> sorted(t.label for t in rec.engage)
        ['CDMO', 'CRO']
        >>> rec.assignments[Service.API_PRODUCTION].label
        'CDMO'
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
        converter=convert.optional_organisation_types,
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

    def to_records(self) -> list[dict[str, str | int | float | bool | None]]:
        """Each needed service as a plain dict, in catalogue order, with its engaged type.

        The keys: ``service``, ``area`` (the service's category: ``research``,
        ``manufacturing``, ...) and ``organisation_type``, each a value. The reasons and
        the alternative are the recommendation's own attributes.

        Example:
            >>> from pharma_outsourcing import Phase, SponsorProfile, recommend
            >>> recommend(SponsorProfile(phase=Phase.PRECLINICAL)).to_records()[0]
            {'service': 'preclinical-research', 'area': 'research', 'organisation_type': 'cro'}
        """
        from ._serialise import tables  # noqa: PLC0415 - on first use

        return tables.recommendation_table(self).records()

    def to_pandas(self) -> DataFrame:
        """The records of :meth:`to_records` as a pandas DataFrame, indexed by ``service``.

        Needs pandas (``pip install "pharma-outsourcing[pandas]"``); raises ``ImportError``
        saying so when it is missing.

        Example:
            >>> from pharma_outsourcing import Phase, SponsorProfile, recommend
            >>> frame = recommend(SponsorProfile(phase=Phase.PRECLINICAL)).to_pandas()
            >>> frame.loc["api-production", "organisation_type"]
            'cdmo'
        """
        from ._serialise import tables  # noqa: PLC0415 - on first use

        return tables.recommendation_table(self).to_pandas()

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

    True exactly when :func:`typical_services` of the phase holds a CRO service: in every
    phase, commercial included (post-marketing safety reporting and regulatory lifecycle
    work go on after approval).

    Example:
        >>> from pharma_outsourcing import Phase, needs_cro
        >>> needs_cro(Phase.PRECLINICAL), needs_cro(Phase.COMMERCIAL)
        (True, True)
    """
    return not typical_services(phase).isdisjoint(services_of(CRO))


def needs_cmo(phase: Phase) -> bool:
    """Whether a sponsor with no in-house capability needs a CMO in ``phase``.

    True exactly when :func:`typical_services` of the phase holds a CMO service: from
    preclinical (the first GMP drug substance and the first-in-human batches are made
    before phase 1 begins) to commercial, not in discovery.

    Example:
        >>> from pharma_outsourcing import Phase, needs_cmo
        >>> needs_cmo(Phase.DISCOVERY), needs_cmo(Phase.PRECLINICAL)
        (False, True)
    """
    return not typical_services(phase).isdisjoint(services_of(CMO))


def lead_type(phase: Phase) -> OrganisationType:
    """The guide's rule of thumb for which type leads in ``phase``.

    The guide's "early-phase = CRO, late-phase and post-approval = CMO": CRO for the early
    stage, CMO for the late and post-approval stages, and for the mid stage whichever of
    CRO and CMO provides more of the phase's typical services (a tie goes to the CRO).

    It is a rule of thumb, kept for users who ask for it, and nothing more: in practice a
    programme needs both kinds of work in most phases (:func:`needs_cro`,
    :func:`needs_cmo`). No reason of :func:`recommend`, ``rank`` or ``plan`` states it,
    and it never scores a partner.

    Example:
        >>> from pharma_outsourcing import Phase, lead_type
        >>> [lead_type(p).label for p in (Phase.PHASE_1, Phase.PHASE_2, Phase.PHASE_3)]
        ['CRO', 'CRO', 'CMO']
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
    """Whether the move from clinical development to commercial production is ahead.

    The phase is phase 3 or earlier and the horizon reaches regulatory review or later.
    """
    return profile.phase <= Phase.PHASE_3 and profile.horizon >= Phase.REGULATORY_REVIEW


def choose_for_both(profile: SponsorProfile) -> tuple[frozenset[OrganisationType], Reason]:
    """The types to engage when both CRO and CMO work is needed, and why (DESIGN.md §4).

    The one place the rule lives: :func:`recommend` applies it to the work needed now,
    and ``plan`` (``_planning.py``) to the whole programme when choosing its strategy.
    Package-internal (the module is private), not part of the public API.
    """
    phase, horizon = profile.phase.label, profile.horizon.label
    if profile.prefers_single_partner is True:
        return frozenset({CDMO}), Reason(
            criterion=None,
            text=(
                "The sponsor prefers a single partner, so one CDMO takes all the work. Few "
                "companies run clinical operations and manufacturing together: integrated "
                "research-to-manufacturing providers exist mainly for discovery and "
                "IND-enabling work, and a CRO with one CDMO for all the manufacturing keeps "
                "most of the benefit of one partner."
            ),
            source=f"{SEED_CDMO}; {PRACTICE_CRO_AND_CDMO}",
        )
    if profile.prefers_single_partner is False:
        return frozenset({CRO, CMO}), Reason(
            criterion=None,
            text=(
                "The sponsor prefers specialists: a CRO for the CRO work and a CMO for the "
                "manufacturing work, each reporting to the sponsor."
            ),
            source=SEED,
        )
    if _transition_ahead(profile):
        return frozenset({CRO, CDMO}), Reason(
            criterion=Criterion.SCALABILITY,
            text=(
                f"The move from clinical development to commercial production is still "
                f"ahead (the programme is at {phase} and is carried to {horizon}): one CDMO "
                f"takes all the manufacturing work and carries development and manufacturing "
                f"from the first clinical supply to commercial, so the process is not "
                f"transferred between manufacturers before launch; the integrated model "
                f"streamlines that transition and reduces handoff risks and delays. The CRO "
                f"work goes to a CRO, since few companies run clinical operations and "
                f"manufacturing together."
            ),
            source=f"{SEED_CDMO}; {PRACTICE_CRO_AND_CDMO}",
        )
    if profile.phase is Phase.REGULATORY_REVIEW:
        text = (
            "At regulatory review the manufacturer is named in the marketing application, "
            "and it is the one to carry into commercial supply: a CMO for the manufacturing "
            "and a CRO for the review work, each reporting to the sponsor."
        )
    elif profile.phase is Phase.COMMERCIAL:
        text = (
            "The product is already commercial, so no move to commercial production lies "
            "ahead: a CRO for the post-approval work and a CMO for the manufacturing, each "
            "reporting to the sponsor."
        )
    else:
        text = (
            f"The programme stops at {horizon}, before regulatory review, so no move to "
            f"commercial production lies ahead: a CRO for the CRO work and a CMO for the "
            f"manufacturing work, each reporting to the sponsor."
        )
    return frozenset({CRO, CMO}), Reason(criterion=Criterion.SCALABILITY, text=text, source=SEED)


# The other integrated answer for each answer that engages both kinds of work (DESIGN.md §4).
_ALTERNATIVES: Mapping[frozenset[OrganisationType], frozenset[OrganisationType]] = {
    frozenset({CDMO}): frozenset({CRO, CDMO}),
    frozenset({CRO, CDMO}): frozenset({CDMO}),
    frozenset({CRO, CMO}): frozenset({CRO, CDMO}),
}


def _agreements(org_type: OrganisationType, profile: SponsorProfile) -> tuple[Agreement, ...]:
    """The agreements with ``org_type`` at the profile's phase in its target markets (§8)."""
    return agreements_for(org_type, phase=profile.phase, markets=profile.target_markets)


def _work_reason(
    kind: OrganisationType, work: frozenset[Service], profile: SponsorProfile
) -> Reason:
    """What work of one kind is needed, and where it comes from."""
    named = profile.services is not None
    origin = "named in the profile" if named else f"typical of {profile.phase.label}"
    text = f"{kind.label} work needed ({origin}): {words(work)}."
    if kind is CMO and profile.phase is Phase.PRECLINICAL:
        if Service.API_PRODUCTION in work:
            text += (
                " At preclinical, API production covers the toxicology batch, which need not "
                "be made under GMP, and the first GMP drug substance for first-in-human "
                "supply, which must be."
            )
        if Service.CLINICAL_SUPPLY_MANUFACTURING in work:
            text += (
                " The first-in-human batches are made, tested, labelled and released before "
                "phase 1 begins."
            )
    if kind is CRO and profile.phase is Phase.COMMERCIAL:
        after = [
            what
            for service, what in (
                (Service.PHARMACOVIGILANCE, "post-marketing safety reporting"),
                (Service.REGULATORY_AFFAIRS, "regulatory lifecycle work"),
            )
            if service in work
        ]
        if after:
            verb = "goes on" if len(after) == 1 else "go on"
            text += f" A CRO is still needed after approval: {' and '.join(after)} {verb}."
    return Reason(
        criterion=None if named else Criterion.STAGE_OF_DEVELOPMENT, text=text, source=SEED
    )


def recommend(profile: SponsorProfile) -> Recommendation:
    """Decide which organisation types a sponsor should engage now, and why.

    The rule (DESIGN.md §4): nothing needed, nothing engaged; only CRO work, a CRO; only
    CMO work, a CMO; both kinds:

    - the sponsor prefers a single partner: one CDMO for everything, with the practice
      note that few companies run clinical operations and manufacturing together;
    - it prefers specialists: a CRO and a CMO;
    - no preference: a CRO and a CDMO when the move from clinical development to
      commercial production is still ahead (phase 3 or earlier, horizon regulatory review
      or later), the CDMO taking all the CMO work and carrying it from first clinical
      supply to commercial (the guide's benefit of the integrated model); otherwise a CRO
      and a CMO.

    Every needed service is assigned to an engaged type that provides it, CRO services to
    the CRO whenever one is engaged. The reasons cite, for each engaged type, the
    agreements ``agreements_for`` gives at the profile's phase in its target markets that
    concern the services assigned to it.

    Args:
        profile: The sponsor's profile.

    Returns:
        The types to engage, the service assignments, the reasons and the alternative.

    Raises:
        InvalidInputError: ``profile`` is not a :class:`~pharma_outsourcing.SponsorProfile`.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, recommend
        >>> rec = recommend(SponsorProfile(phase=Phase.PHASE_1))
        >>> sorted(t.label for t in rec.engage), sorted(t.label for t in rec.alternative)
        (['CDMO', 'CRO'], ['CDMO'])
    """
    profile = checked(profile, SponsorProfile, "profile")
    needed = profile.needed_services
    wanted = typical_services(profile.phase) if profile.services is None else profile.services
    reasons: list[Reason] = []
    in_house = wanted & profile.in_house
    if in_house:
        reasons.append(
            Reason(
                criterion=None,
                text=f"Done in house, so not outsourced: {words(in_house)}.",
                source=SEED,
            )
        )
    kept = wanted - profile.in_house - needed
    if kept:
        reasons.append(
            Reason(
                criterion=None,
                text=f"Not among the work the sponsor outsources: {words(kept)}.",
                source=SEED,
            )
        )
    if not needed:
        text = (
            "The profile names no services it needs, so nothing is outsourced."
            if not wanted
            else f"Nothing needs outsourcing at {profile.phase.label}: every service needed "
            f"is done in house{' or not outsourced' if kept else ''}."
        )
        reasons.append(Reason(criterion=None, text=text, source=SEED))
        return Recommendation(engage=frozenset(), reasons=tuple(reasons))

    research = needed & services_of(CRO)
    manufacturing = needed & services_of(CMO)
    for kind, work in ((CRO, research), (CMO, manufacturing)):
        if work:
            reasons.append(_work_reason(kind, work, profile))

    if research and manufacturing:
        engage, why = choose_for_both(profile)
    else:
        only = CRO if research else CMO
        engage = frozenset({only})
        areas = in_declared_order({s.category for s in research or manufacturing})
        why = Reason(
            criterion=None,
            text=f"Only {words(areas)} work is needed, so a {only.label} is enough.",
            source=SEED,
        )
    reasons.append(why)

    assignments = {
        service: service.provider if service.provider in engage else CDMO
        for service in in_declared_order(needed)
    }
    # What must be in writing (DESIGN.md §8): for each engaged type, the agreements that
    # apply at the phase in the target markets and concern the services assigned to it.
    for org_type in in_declared_order(engage):
        assigned = frozenset(s for s, t in assignments.items() if t is org_type)
        reasons.extend(
            Reason(
                criterion=None,
                text=f"{agreement.name} (with the {org_type.label}). {agreement.summary}",
                source="; ".join(agreement.sources),
            )
            for agreement in _agreements(org_type, profile)
            if agreement.services & assigned
        )
    return Recommendation(
        engage=engage,
        assignments=assignments,
        reasons=tuple(reasons),
        alternative=_ALTERNATIVES.get(engage),
    )
