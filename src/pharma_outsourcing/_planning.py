"""Planning a programme: who is engaged when, and where work changes hands (DESIGN.md §7).

The algorithm; what it returns (the plan's value objects) lives in ``_plans``.
:func:`plan` lays out one step per phase of the profile's pathway: the services outsourced
then, and the organisation engaged for each, under one of three :class:`Strategy` values
(one integrated CDMO; a CRO and one CDMO; specialist CROs and CMOs). Given candidates,
each role goes through screening and ranking (``_screening``, ``_ranking``), as for
:func:`~pharma_outsourcing.rank`. It then lists every :class:`Handoff`, a point where work
passes between organisations (the sponsor counting as one for its in-house work), and the
technology transfers among them. :func:`compare_strategies` puts the three plans side by
side, making the guide's claim for the CDMO ("streamlines transitions from clinical
development to commercial production, reducing handoff risks and timeline delays")
something a sponsor can see for its own programme.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Mapping, Sequence

import attrs

from ._criteria import Basis, as_profile, distinct_partners, latest_record_year
from ._governance import Party, agreements_for
from ._partners import Partner
from ._plans import (
    TRANSFERRED_AREAS,
    Engagement,
    Handoff,
    HandoffKind,
    Organisation,
    PlanStep,
    SourcingPlan,
    Strategy,
    StrategyComparison,
    engagement_order,
)
from ._profile import SponsorProfile
from ._ranking import Weights, as_weights, ranked_partners
from ._reasons import Reason, listing, plural, words
from ._recommend import choose_for_both
from ._screening import Requirements
from ._services import Service, ServiceCategory, services_of, typical_services
from ._sources import CFR_314_70, SEED, SEED_CDMO, SEED_SELECTION
from ._vocabulary import Criterion, Market, OrganisationType, Phase, in_declared_order

__all__ = ["compare_strategies", "plan"]

CRO, CMO, CDMO = OrganisationType.CRO, OrganisationType.CMO, OrganisationType.CDMO
_CRO_WORK, _CMO_WORK = services_of(CRO), services_of(CMO)
SPONSOR = Party.SPONSOR

# Interfaces within a phase: what one organisation makes, feeding another's work.
_SUPPLIES, _TRIALS = Service.CLINICAL_SUPPLY_MANUFACTURING, Service.CLINICAL_TRIAL_MANAGEMENT
_DRUG_SUBSTANCE = Service.API_PRODUCTION
_DRUG_PRODUCT = (
    Service.CLINICAL_SUPPLY_MANUFACTURING,
    Service.FINISHED_DOSAGE_MANUFACTURING,
    Service.COMMERCIAL_PRODUCTION,
)
# Manufacturing roles are held to one manufacturer up to the horizon when one qualifies:
# under CRO_AND_CDMO always, under SPECIALIST from the pivotal (phase 3) batches on.
_CONTINUITY_FROM = {Strategy.CRO_AND_CDMO: Phase.DISCOVERY, Strategy.SPECIALIST: Phase.PHASE_3}
_UNFILLED = "to be sourced"


# --- The programme: its steps and their work -------------------------------------------


@attrs.frozen
class _Work:
    """One step's work: what is outsourced, what the sponsor keeps, and why."""

    phase: Phase
    outsourced: frozenset[Service]
    in_house: frozenset[Service]
    brought_forward: frozenset[Service]  # from skipped phases after this one


def _programme(profile: SponsorProfile) -> tuple[tuple[_Work, ...], bool]:
    """The work of each step of the pathway, and whether it needs both kinds of work.

    A step's services: the profile's explicit ``services`` at its own phase, typical
    services at later phases, less ``in_house``, within ``scope``; a phase the pathway
    skips before regulatory review brings the services typical of it that the step before
    lacks into that step.
    """
    scope = profile.scope
    pathway = profile.programme
    outsourced: dict[Phase, frozenset[Service]] = {}
    kept: dict[Phase, frozenset[Service]] = {}
    for phase in pathway:
        explicit = phase is profile.phase and profile.services is not None
        wanted = (
            profile.services
            if explicit and profile.services is not None
            else (typical_services(phase))
        )
        mine = wanted - profile.in_house
        outsourced[phase] = mine if scope is None else mine & scope
        kept[phase] = wanted & profile.in_house
    forward: dict[Phase, frozenset[Service]] = dict.fromkeys(pathway, frozenset())
    for before, after in itertools.pairwise(pathway):
        for skipped in Phase:
            if before < skipped < after and skipped < Phase.REGULATORY_REVIEW:
                extra = typical_services(skipped) - profile.in_house - outsourced[before]
                if scope is not None:
                    extra &= scope
                outsourced[before] |= extra
                forward[before] |= extra
    work = tuple(_Work(phase, outsourced[phase], kept[phase], forward[phase]) for phase in pathway)
    everything = frozenset().union(*outsourced.values())
    return work, not everything.isdisjoint(_CRO_WORK) and not everything.isdisjoint(_CMO_WORK)


def _choose_strategy(
    profile: SponsorProfile, strategy: Strategy | str | None, needs_both: bool
) -> tuple[Strategy, Reason | None]:
    """The strategy (given, or chosen as DESIGN.md §7 says), and why when it was chosen."""
    if strategy is not None:
        return Strategy.parse(strategy, field="strategy"), None
    if not needs_both:
        return Strategy.SPECIALIST, Reason(
            criterion=None,
            text=(
                "Over its pathway the programme needs only one kind of work, research and "
                "clinical or manufacturing, so one kind of specialist partner serves it."
            ),
            source=SEED,
        )
    engage, why = choose_for_both(profile)
    if engage == {CDMO}:
        return Strategy.INTEGRATED, why
    return (Strategy.CRO_AND_CDMO if CDMO in engage else Strategy.SPECIALIST), why


def _roles(
    strategy: Strategy, needs_both: bool, services: frozenset[Service]
) -> dict[OrganisationType, frozenset[Service]]:
    """The step's roles: the services of each type engaged, as the strategy assigns them."""
    if needs_both and strategy is Strategy.INTEGRATED:
        return {CDMO: services} if services else {}
    manufacturer = CDMO if needs_both and strategy is Strategy.CRO_AND_CDMO else CMO
    roles = {CRO: services & _CRO_WORK, manufacturer: services & _CMO_WORK}
    return {role: work for role, work in roles.items() if work}


# --- Choosing partners -------------------------------------------------------------------


_NOTHING: frozenset[Service] = frozenset()


@attrs.frozen(kw_only=True)
class _Choosing:
    """What a plan needs to choose partners: the candidates, checked, and how to rank them.

    Built once per call of :func:`plan` (or :func:`compare_strategies`, for all three
    plans), from arguments checked once; screenings are remembered, as roles recur.
    """

    profile: SponsorProfile
    candidates: tuple[Partner, ...]
    weights: tuple[float, ...]  # normalised, in Criterion order
    as_of: int | None
    _work: dict[tuple[frozenset[Service], Phase], Requirements] = attrs.field(
        factory=dict, eq=False, repr=False
    )
    _bases: dict[tuple[frozenset[Service], Phase], Basis] = attrs.field(
        factory=dict, eq=False, repr=False
    )
    _serving: dict[Phase, list[Partner]] = attrs.field(factory=dict, eq=False, repr=False)
    _offers: dict[
        tuple[frozenset[Service], Phase, frozenset[Service]],
        tuple[frozenset[Service], tuple[tuple[frozenset[Service], Requirements], ...]],
    ] = attrs.field(factory=dict, eq=False, repr=False)

    def requirements(self, services: frozenset[Service], phase: Phase) -> Requirements:
        """The must-haves of ``services`` in ``phase``: the screening of :func:`rank`."""
        key = (services, phase)
        found = self._work.get(key)
        if found is None:
            found = self._work[key] = Requirements.of(self.profile, services, phase, self.as_of)
        return found

    def qualifies(self, partner: Partner, services: frozenset[Service], phase: Phase) -> bool:
        """Whether ``partner`` passes screening for ``services`` in ``phase``."""
        return self.requirements(services, phase).passes(partner)

    def qualifying(
        self, partner: Partner, services: frozenset[Service], phase: Phase
    ) -> frozenset[Service]:
        """The services of ``services`` that ``partner`` passes screening for in ``phase``.

        A partner passes for some work exactly when it passes for each service of it, and
        for all the services it offers of a group of alike ones or for none (see
        :meth:`Requirements.alike`): so each group it offers is screened on its own.
        """
        if phase not in partner.phases:
            return _NOTHING
        mine, parts = self._offered(services, phase, partner.services)
        passed = [part for part, work in parts if work.passes(partner)]
        if len(passed) == len(parts):
            return mine
        return frozenset().union(*passed)

    def _offered(
        self, services: frozenset[Service], phase: Phase, offers: frozenset[Service]
    ) -> tuple[frozenset[Service], tuple[tuple[frozenset[Service], Requirements], ...]]:
        """What a partner offering ``offers`` is screened on for ``services`` in ``phase``.

        The part of the work it offers, and the offered part of each group of alike
        services with its screening. Remembered per set of services offered: candidates
        share a few.
        """
        key = (services, phase, offers)
        found = self._offers.get(key)
        if found is None:
            mine = services & offers
            groups = self.requirements(services, phase).alike()
            parts = [part for group in groups if (part := group & mine)]
            found = self._offers[key] = (
                mine,
                tuple((part, self.requirements(part, phase)) for part in parts),
            )
        return found

    def serving(self, phase: Phase) -> list[Partner]:
        """The candidates that serve ``phase``, in given order: those that may pass for its work."""
        found = self._serving.get(phase)
        if found is None:
            found = self._serving[phase] = [c for c in self.candidates if phase in c.phases]
        return found

    def passing(
        self, partners: Iterable[Partner], services: frozenset[Service], phase: Phase
    ) -> list[Partner]:
        """The partners passing screening for ``services`` in ``phase``, in given order."""
        return self.requirements(services, phase).passing(partners)

    def best_first(
        self, partners: Sequence[Partner], services: frozenset[Service], phase: Phase
    ) -> list[Partner]:
        """``partners`` in the order :func:`rank` puts them for ``services`` in ``phase``."""
        if len(partners) <= 1:
            return list(partners)
        key = (services, phase)
        basis = self._bases.get(key)
        if basis is None:
            profile = self.profile.at(phase)
            basis = self._bases[key] = Basis(profile=profile, services=services, as_of=self.as_of)
        return ranked_partners(basis, partners, self.weights)


def _choosing(
    profile: SponsorProfile,
    partners: Iterable[Partner] | None,
    weights: Weights | Mapping[Criterion, float] | Mapping[str, float] | None,
) -> _Choosing | None:
    """How to choose partners for a plan, or ``None`` to plan with types only."""
    chosen = as_weights(weights)  # checked even without partners: a typo is an error
    if partners is None:
        return None
    candidates = distinct_partners(partners, "a plan tells partners apart by name")
    return _Choosing(
        profile=profile,
        candidates=candidates,
        weights=chosen.vector(),
        as_of=latest_record_year(candidates),
    )


@attrs.frozen
class _Filled:
    """A role filled: each service to its partner (``None``: to be sourced), and why."""

    partners: Mapping[Service, Partner | None]
    reasons: tuple[Reason, ...]


def _role_work(services: frozenset[Service]) -> str:
    """A role's work in words, by the kind of work it holds."""
    if services <= _CRO_WORK:
        return "the research and clinical work"
    return "the manufacturing work" if services <= _CMO_WORK else "all the outsourced work"


def _maker(engagement: Engagement) -> str:
    """The one manufacturer of a plan, in words: "Acme (CMO)", or "a CDMO" when unnamed."""
    if engagement.partner is None:
        kind = engagement.organisation_type.label
        return f"a {kind}"
    return engagement.label


def _role_types(strategy: Strategy, role: OrganisationType) -> frozenset[OrganisationType]:
    """The types of candidate that may take a role whole."""
    if strategy is Strategy.CRO_AND_CDMO and role is CDMO:
        return frozenset({CMO, CDMO})  # any manufacturer may carry the CMO work
    return frozenset({role})


def _fill(
    choosing: _Choosing,
    strategy: Strategy,
    *,
    role: OrganisationType,
    services: frozenset[Service],
    phase: Phase,
    later: Sequence[tuple[Phase, frozenset[Service]]],
    incumbents: Mapping[Service, Partner | None],
) -> _Filled:
    """Fill one role in one phase (DESIGN.md §7), keeping incumbents while they qualify."""
    # Each incumbent once, in order, told apart by identity (candidates are distinct
    # objects; hashing a partner hashes all its records).
    held = list({id(p): p for p in incumbents.values() if p is not None}.values())
    if held:
        kept = _keep(choosing, held, services, phase, incumbents)
        if kept is not None:
            names = listing(dict.fromkeys(p.name for p in kept.values() if p is not None))
            return _Filled(
                kept,
                (
                    Reason(
                        criterion=Criterion.SCALABILITY,
                        text=(
                            f"{names} {'stays' if len(held) == 1 else 'stay'} engaged for "
                            f"{_role_work(services)} at {phase.label}: still passing screening for "
                            f"it, so no handoff is needed."
                        ),
                        source=SEED_CDMO,
                    ),
                ),
            )
    types = _role_types(strategy, role)
    whole = choosing.passing(
        [c for c in choosing.serving(phase) if c.organisation_type in types], services, phase
    )
    if whole:
        return _fill_whole(
            choosing, strategy, role=role, services=services, phase=phase, later=later, whole=whole
        )
    return _split(choosing, role, services, phase)


def _keep(
    choosing: _Choosing,
    held: Sequence[Partner],
    services: frozenset[Service],
    phase: Phase,
    incumbents: Mapping[Service, Partner | None],
) -> dict[Service, Partner | None] | None:
    """The incumbents' hold on the role, when together they still qualify for all of it."""
    if len(held) == 1 and choosing.qualifies(held[0], services, phase):
        return dict.fromkeys(services, held[0])
    able = {p.name: choosing.qualifying(p, services, phase) for p in held}
    ordered: list[Partner] | None = None  # ranked only when a service changes hands
    kept: dict[Service, Partner | None] = {}
    for service in in_declared_order(services):
        before = incumbents.get(service)
        if before is not None and service in able[before.name]:
            kept[service] = before
            continue
        if ordered is None:
            ordered = choosing.best_first(held, services, phase)
        taker = next((p for p in ordered if service in able[p.name]), None)
        if taker is None:
            return None
        kept[service] = taker
    return kept


def _fill_whole(
    choosing: _Choosing,
    strategy: Strategy,
    *,
    role: OrganisationType,
    services: frozenset[Service],
    phase: Phase,
    later: Sequence[tuple[Phase, frozenset[Service]]],
    whole: list[Partner],
) -> _Filled:
    """The role to the best candidate qualifying for all of it.

    Where the strategy asks for one manufacturer up to the horizon, to the best of those
    that qualify for the same role in every later step, when there is one.
    """
    label = role.label
    reasons: list[Reason] = []
    pool = whole
    start = _CONTINUITY_FROM.get(strategy)
    if role in (CMO, CDMO) and start is not None and phase >= start and later:
        lasting = whole
        for when, work in later:
            lasting = choosing.passing(lasting, work, when)
            if not lasting:
                break
        if lasting:
            pool = lasting
        else:
            reasons.append(
                Reason(
                    criterion=Criterion.SCALABILITY,
                    text=(
                        f"No candidate qualifies for the {label} work in every phase from "
                        f"{phase.label} to {later[-1][0].label}: the commercial manufacturer "
                        f"will differ from the one that made the pivotal or PPQ batches, which "
                        f"needs comparability data and a change to the application."
                    ),
                    source=SEED_CDMO,
                )
            )
    leader = choosing.best_first(pool, services, phase)[0]
    carries = " and qualifies for the work up to the horizon" if pool is not whole else ""
    reasons.insert(
        0,
        Reason(
            criterion=Criterion.STAGE_OF_DEVELOPMENT,
            text=(
                f"{leader.name} engaged for {_role_work(services)} at {phase.label}: ranked first "
                f"of {plural(len(pool), 'qualifying candidate')} for {words(services)}"
                f"{carries}."
            ),
            source=SEED_SELECTION,
        ),
    )
    return _Filled(dict.fromkeys(services, leader), tuple(reasons))


def _split(
    choosing: _Choosing, role: OrganisationType, services: frozenset[Service], phase: Phase
) -> _Filled:
    """A role no candidate qualifies for whole: split among the fewest that cover it.

    What no candidate qualifies for is left to be sourced.
    """
    label = role.label
    able: dict[str, frozenset[Service]] = {}
    takers: list[Partner] = []
    for candidate in choosing.serving(phase):
        offered = choosing.qualifying(candidate, services, phase)
        if offered:
            able[candidate.name] = offered
            takers.append(candidate)
    ordered = choosing.best_first(takers, services, phase)
    coverable = frozenset().union(*able.values())
    chosen = _smallest_cover(ordered, able, coverable)
    assigned: dict[Service, Partner | None] = dict.fromkeys(services)
    for service in in_declared_order(coverable):
        assigned[service] = next(p for p in chosen if service in able[p.name])
    unfilled = services - coverable
    reasons: list[Reason] = []
    if len(chosen) == 1:
        (only,) = chosen
        covered = "all of it" if not unfilled else words(coverable)
        reasons.append(
            Reason(
                criterion=Criterion.TECHNICAL_EXPERTISE,
                text=(
                    f"No {label} candidate qualifies for all the {label} work at {phase.label}: "
                    f"{only.name}, a {only.organisation_type.label}, qualifies for {covered} and "
                    f"takes it."
                ),
                source=SEED_SELECTION,
            )
        )
    elif chosen:
        parts = "; ".join(
            f"{p.name} takes {words(s for s, q in assigned.items() if q is p)}" for p in chosen
        )
        reasons.append(
            Reason(
                criterion=Criterion.TECHNICAL_EXPERTISE,
                text=(
                    f"No candidate qualifies for all the {label} work at {phase.label}, so it "
                    f"is split among the fewest that do: {parts}."
                ),
                source=SEED_SELECTION,
            )
        )
    if unfilled:
        reasons.append(
            Reason(
                criterion=Criterion.TECHNICAL_EXPERTISE,
                text=(
                    f"No candidate passes screening for {words(unfilled)} at {phase.label}: "
                    f"{_UNFILLED}."
                ),
                source=SEED_SELECTION,
            )
        )
    return _Filled(assigned, tuple(reasons))


def _smallest_cover(
    ordered: Sequence[Partner], able: Mapping[str, frozenset[Service]], wanted: frozenset[Service]
) -> list[Partner]:
    """The fewest partners that cover ``wanted``, in rank order.

    Among sets of that size, the one whose best-ranked member ranks highest wins (then the
    next member).
    """
    if not wanted:
        return []
    # One candidate per distinct set of services, the best-ranked: the others never win.
    seen: dict[frozenset[Service], Partner] = {}
    for partner in ordered:
        seen.setdefault(able[partner.name], partner)
    position = {p.name: i for i, p in enumerate(ordered)}
    pool = sorted(seen.values(), key=lambda p: position[p.name])
    for size in range(1, len(pool) + 1):
        for group in itertools.combinations(pool, size):  # in rank order, best first
            if frozenset().union(*(able[p.name] for p in group)) >= wanted:
                return list(group)
    return pool  # pragma: no cover - the whole pool covers what it can


# --- Steps -------------------------------------------------------------------------------


def _need_reason(profile: SponsorProfile, work: _Work) -> Reason:
    """Where the step's list of services comes from."""
    phase = work.phase
    origin = (
        "named in the profile"
        if phase is profile.phase and profile.services is not None
        else "typical of the phase"
    )
    limits = [
        *(["less what the sponsor does in house"] if work.in_house else []),
        *(["within the services it outsources at all"] if profile.scope is not None else []),
    ]
    how = "; ".join([origin, *limits])
    if not work.outsourced:
        return Reason(
            criterion=None, text=f"Nothing to outsource at {phase.label} ({how}).", source=SEED
        )
    return Reason(
        criterion=None,
        text=f"Outsourced at {phase.label} ({how}): {words(work.outsourced)}.",
        source=SEED,
    )


def _forward_reason(work: _Work, after: Phase) -> Reason:
    return Reason(
        criterion=None,
        text=(
            f"The pathway goes from {work.phase.label} to {after.label}, so the work of the "
            f"phases it skips falls in {work.phase.label}: {words(work.brought_forward)}; the "
            f"commercial process, registration stability and PPQ work are done then."
        ),
        source=SEED,
    )


@functools.lru_cache(maxsize=256)
def _agreements(
    org_type: OrganisationType, phase: Phase, markets: frozenset[Market]
) -> tuple[tuple[frozenset[Service], Reason], ...]:
    """Each agreement ``agreements_for`` gives: the services calling for it, its reason.

    Remembered, since a plan asks for every step, and every plan alike.
    """
    return tuple(
        (
            agreement.services,
            Reason(
                criterion=None,
                text=f"In writing with the {org_type.label}: {agreement.summary}",
                source=agreement.sources[0],
            ),
        )
        for agreement in agreements_for(org_type, phase=phase, markets=markets)
    )


def _agreement_reasons(
    profile: SponsorProfile, phase: Phase, assigned: Mapping[OrganisationType, frozenset[Service]]
) -> list[Reason]:
    """The agreements each engaged type's work calls for at ``phase`` (DESIGN.md §8)."""
    return [
        reason
        for org_type in in_declared_order(assigned)
        for services, reason in _agreements(org_type, phase, profile.target_markets)
        if services & assigned[org_type]
    ]


def _plan(
    profile: SponsorProfile,
    *,
    strategy: Strategy,
    why: Reason | None,
    programme: tuple[tuple[_Work, ...], bool],
    choosing: _Choosing | None,
) -> SourcingPlan:
    """The plan of :func:`plan`, from its arguments checked and the strategy chosen."""
    works, needs_both = programme
    roles_of = [_roles(strategy, needs_both, work.outsourced) for work in works]
    steps: list[PlanStep] = []
    unfilled: dict[Phase, frozenset[Service]] = {}
    holders: dict[OrganisationType, dict[Service, Partner | None]] = {}
    engagements: dict[tuple[OrganisationType, str | None], Engagement] = {}

    def engaged(kind: OrganisationType, partner: str | None = None) -> Engagement:
        found = engagements.get((kind, partner))
        if found is None:
            found = engagements[kind, partner] = Engagement(organisation_type=kind, partner=partner)
        return found

    for index, work in enumerate(works):
        phase = work.phase
        reasons = [_need_reason(profile, work)]
        if work.brought_forward:
            reasons.append(_forward_reason(work, works[index + 1].phase))
        assignments: dict[Service, Engagement] = {}
        types_assigned: dict[OrganisationType, set[Service]] = {}
        for role in in_declared_order(roles_of[index]):
            services = roles_of[index][role]
            if choosing is None:
                engagement = engaged(role)
                assignments.update(dict.fromkeys(services, engagement))
                types_assigned.setdefault(role, set()).update(services)
                reasons.append(
                    Reason(
                        criterion=None,
                        text=f"{role.label} engaged for {words(services)}.",
                        source=SEED_CDMO if role is CDMO else SEED,
                    )
                )
                continue
            later = [
                (works[i].phase, roles_of[i][role])
                for i in range(index + 1, len(works))
                if role in roles_of[i]
            ]
            filled = _fill(
                choosing,
                strategy,
                role=role,
                services=services,
                phase=phase,
                later=later,
                incumbents=holders.get(role, {}),
            )
            reasons.extend(filled.reasons)
            holders[role] = dict(filled.partners)
            for service, partner in filled.partners.items():
                if partner is None:
                    unfilled[phase] = unfilled.get(phase, frozenset()) | {service}
                    engagement = engaged(role)
                    kind = role
                else:
                    engagement = engaged(partner.organisation_type, partner.name)
                    kind = partner.organisation_type
                assignments[service] = engagement
                types_assigned.setdefault(kind, set()).add(service)
        reasons.extend(
            _agreement_reasons(profile, phase, {t: frozenset(s) for t, s in types_assigned.items()})
        )
        steps.append(
            PlanStep(
                phase=phase,
                assignments=assignments,
                reasons=tuple(reasons),
                in_house=work.in_house - frozenset(assignments),
                brought_forward=work.brought_forward,
            )
        )
    by_name = {p.name: p for p in choosing.candidates} if choosing is not None else {}
    handoffs = _find_handoffs(steps, by_name, choosing)
    plan_reasons = [why] if why is not None else []
    plan_reasons.extend(_plan_notes(steps, handoffs, choosing))
    return SourcingPlan(
        profile=profile,
        strategy=strategy,
        steps=tuple(steps),
        handoffs=handoffs,
        reasons=tuple(plan_reasons),
        unfilled=unfilled,
    )


def _plan_notes(
    steps: Sequence[PlanStep], handoffs: Sequence[Handoff], choosing: _Choosing | None
) -> list[Reason]:
    """What holds for the whole plan: one manufacturer's own sites, unfilled work."""
    notes: list[Reason] = []
    makers = {
        step.assignments[s]
        for step in steps
        for s in step.assignments
        if s.category is ServiceCategory.MANUFACTURING
    }
    in_house = any(s.category is ServiceCategory.MANUFACTURING for st in steps for s in st.in_house)
    if (
        len(makers) == 1
        and len(steps) > 1
        and not in_house
        and not any(h.is_tech_transfer for h in handoffs)
    ):
        (maker,) = makers
        notes.append(
            Reason(
                criterion=None,
                text=(
                    f"One manufacturer, {_maker(maker)}, makes the product in every phase: a "
                    f"transfer between its own sites (clinical to commercial scale) may still be "
                    f"needed; the library has no site data within a partner and does not count "
                    f"it."
                ),
                source=SEED_CDMO,
            )
        )
    if choosing is not None:
        left = [
            (step.phase, s)
            for step in steps
            for s, e in step.assignments.items()
            if e.partner is None
        ]
        if left:
            notes.append(
                Reason(
                    criterion=None,
                    text=(
                        f"{plural(len(left), 'service')} across the plan "
                        f"{'is' if len(left) == 1 else 'are'} {_UNFILLED}: no candidate passes "
                        f"screening for {'it' if len(left) == 1 else 'them'}."
                    ),
                    source=SEED_SELECTION,
                )
            )
    return notes


# --- Handoffs ----------------------------------------------------------------------------


def _doers(step: PlanStep) -> dict[ServiceCategory, set[Organisation]]:
    """Who does each area's work in a step: engaged organisations, and the sponsor."""
    by_area: dict[ServiceCategory, set[Organisation]] = {}
    for service, engagement in step.assignments.items():
        by_area.setdefault(service.category, set()).add(engagement)
    for service in step.in_house:
        by_area.setdefault(service.category, set()).add(SPONSOR)
    return by_area


def _unnamed(organisation: Organisation) -> bool:
    """Whether ``organisation`` stands for work to be sourced (no partner named)."""
    return isinstance(organisation, Engagement) and organisation.partner is None


def _name(organisation: Organisation) -> str:
    """An organisation in a sentence: "the sponsor", "CRO", "Acme (CRO)"."""
    return "the sponsor" if organisation is SPONSOR else organisation.label


def _doer(step: PlanStep, service: Service) -> Organisation | None:
    """Who does ``service`` in the step: its engagement, the sponsor, or nobody."""
    if service in step.in_house:
        return SPONSOR
    return step.assignments.get(service)


def _order(organisation: Organisation) -> tuple[tuple[str, int], str]:
    return engagement_order(organisation)


def _why_moved(  # noqa: PLR0911 - one answer per cause
    source: Organisation,
    target: Organisation,
    step: PlanStep,
    partners: Mapping[str, Partner],
    choosing: _Choosing | None,
) -> tuple[Criterion | None, str]:
    """Why work reaches ``target`` from ``source`` at ``step``."""
    if target is SPONSOR:
        return None, "the sponsor does this work itself from then on"
    assert isinstance(target, Engagement)  # an organisation of the plan, not the sponsor
    if source is SPONSOR:
        return None, f"the sponsor outsources this work from {step.phase.label}"
    assert isinstance(source, Engagement)
    if target.partner is None and choosing is not None:
        return None, f"no candidate passes screening for it at {step.phase.label} ({_UNFILLED})"
    partner = partners.get(source.partner) if source.partner is not None else None
    if partner is None:
        if choosing is None:
            return None, "the strategy gives this work to another type of organisation"
        return None, f"a candidate passes screening for it from {step.phase.label}"
    assert choosing is not None  # a named partner was chosen among candidates
    services = step.services_for(target)
    failure = choosing.requirements(services, step.phase).first_failure(partner)
    if failure is not None:
        return failure.reason.criterion, f"{partner.name} {failure.handoff}"
    if services & frozenset(s for s, e in step.assignments.items() if e == source):
        return None, f"{partner.name} keeps part of it and the rest is split"
    return None, "the role passed to another partner while this work was not needed"


def _transition(
    step: PlanStep,
    *,
    area: ServiceCategory,
    source: Organisation,
    target: Organisation,
    partners: Mapping[str, Partner],
    choosing: _Choosing | None,
) -> Handoff:
    criterion, why = _why_moved(source, target, step, partners, choosing)
    transfer = ""
    source_text = SEED_CDMO
    if area in TRANSFERRED_AREAS:
        transfer = (
            ": an analytical method transfer"
            if area is ServiceCategory.QUALITY
            else ": a technology transfer of the process"
        )
        if step.phase is Phase.COMMERCIAL:
            transfer += (
                ", and for an approved product a change of manufacturing site (21 CFR 314.70 "
                "for an NDA, 601.12 for a BLA)"
            )
            source_text = CFR_314_70
    return Handoff(
        phase=step.phase,
        kind=HandoffKind.TRANSITION,
        source=source,
        target=target,
        area=area,
        reason=Reason(
            criterion=criterion,
            text=(
                f"At {step.phase.label} the {area.label} work passes from {_name(source)} to "
                f"{_name(target)}, because {why}{transfer}."
            ),
            source=source_text,
        ),
    )


def _interface(
    step: PlanStep, source: Organisation, target: Organisation, area: ServiceCategory, text: str
) -> Handoff:
    """A handoff within ``step``: what ``source`` makes, feeding ``target``'s work."""
    return Handoff(
        phase=step.phase,
        kind=HandoffKind.INTERFACE,
        source=source,
        target=target,
        area=area,
        reason=Reason(criterion=None, text=f"At {step.phase.label} {text}", source=SEED_CDMO),
    )


def _interfaces(step: PlanStep) -> list[Handoff]:
    """The interfaces within a step.

    Clinical supplies made by one organisation feeding another's trials, and one
    manufacturer's drug substance feeding another's drug product.
    """
    found: list[Handoff] = []
    maker, runner = _doer(step, _SUPPLIES), _doer(step, _TRIALS)
    if maker is not None and runner is not None and maker != runner:
        removes = (
            "an interface between the sponsor's own supplies and the organisation running its "
            "trials"
            if SPONSOR in (maker, runner)
            else "an interface that one integrated partner removes"
        )
        found.append(
            _interface(
                step,
                maker,
                runner,
                _SUPPLIES.category,
                f"the clinical trial supplies made by {_name(maker)} feed the trials run by "
                f"{_name(runner)}: {removes}.",
            )
        )
    substance = _doer(step, _DRUG_SUBSTANCE)
    if substance is not None:
        products = {doer for s in _DRUG_PRODUCT if (doer := _doer(step, s)) is not None}
        found.extend(
            _interface(
                step,
                substance,
                product,
                ServiceCategory.MANUFACTURING,
                f"the drug substance made by {_name(substance)} is shipped to {_name(product)}, "
                f"which makes the drug product: a shipment between manufacturers, not a "
                f"transfer.",
            )
            for product in sorted(products - {substance}, key=_order)
        )
    return found


def _find_handoffs(
    steps: Sequence[PlanStep], partners: Mapping[str, Partner], choosing: _Choosing | None
) -> tuple[Handoff, ...]:
    """Every handoff of ``steps`` (DESIGN.md §7).

    For each area, from each organisation that did its work before to each that does some
    of it now and did none before; then the interfaces within each step.
    """
    handoffs: list[Handoff] = []
    last: dict[ServiceCategory, frozenset[Organisation]] = {}
    for step in steps:
        doers = _doers(step)
        for area in in_declared_order(doers):
            now = frozenset(doers[area])
            before = last.get(area, now)
            last[area] = now
            if now <= before:
                continue  # nobody new does the area's work
            handoffs.extend(
                _transition(
                    step,
                    area=area,
                    source=source,
                    target=target,
                    partners=partners,
                    choosing=choosing,
                )
                for target in sorted(now - before, key=_order)
                for source in sorted(before, key=_order)
                # Work still to be sourced has no organisation to pass from or to yet: the
                # plan counts it as unfilled instead.
                if choosing is None or not (_unnamed(source) or _unnamed(target))
            )
        handoffs.extend(_interfaces(step))
    return tuple(handoffs)


# --- The public functions ------------------------------------------------------------------


def plan(
    profile: SponsorProfile,
    *,
    strategy: Strategy | str | None = None,
    partners: Iterable[Partner] | None = None,
    weights: Weights | Mapping[Criterion, float] | Mapping[str, float] | None = None,
) -> SourcingPlan:
    """Plan a programme's sourcing along its pathway, from its phase to its horizon.

    One step per phase of the profile's pathway (``SponsorProfile.programme``). A step's
    services: the profile's explicit ``services`` at its own phase, the typical services at
    later phases, always less ``in_house`` and within ``scope``; where the pathway skips
    phases before regulatory review, what they would have needed falls in the step before
    (a pivotal phase 2 makes the registration batches and validates the process).

    Strategies (DESIGN.md §7): ``INTEGRATED``, one CDMO for every outsourced service in
    every step when the programme over its pathway needs both kinds of work;
    ``CRO_AND_CDMO``, a CRO for all CRO work and one CDMO for all CMO work; ``SPECIALIST``,
    CROs and CMOs chosen per step. ``None`` follows :func:`recommend`'s rule for both kinds
    of work (``{CDMO}``: integrated; ``{CRO, CDMO}``: CRO and CDMO; ``{CRO, CMO}``:
    specialist), or specialist when only one kind is needed.

    Without ``partners`` the plan engages types only, and nothing is unfilled. With them,
    each role (one engaged type's services in one phase) goes through screening and
    ranking as for :func:`rank`: a partner stays while it still passes; a manufacturing
    role under CRO and CDMO (and under specialist from phase 3) goes to the best candidate
    that qualifies up to the horizon when there is one; a role no single candidate
    qualifies for is split among the fewest that together do; work no candidate qualifies
    for is "to be sourced" and counted in ``SourcingPlan.unfilled``.

    Handoffs: between consecutive steps, for each area of work, from each organisation
    (the sponsor counting as one for its in-house work) that did the area's work to each
    that takes some of it on; within a step, clinical supplies feeding another
    organisation's trials, and one manufacturer's drug substance feeding another's drug
    product. The handoffs between steps in development, manufacturing and quality are
    technology (or analytical method) transfers.

    Args:
        profile: The sponsor's profile.
        strategy: A :class:`Strategy`, its value or an alias, or ``None`` to choose as
            above.
        partners: Candidate partners to name in the plan, with distinct names.
        weights: How much each selection criterion counts when choosing among the
            candidates, as for :func:`rank` (default: equal weights).

    Returns:
        The plan: its steps, handoffs, technology transfers, unfilled work and reasons.

    Raises:
        InvalidInputError: The strategy or a weight is unknown, a candidate is not a
            :class:`Partner`, or two candidates share a name.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, plan
        >>> sourcing = plan(SponsorProfile(phase=Phase.PHASE_1))
        >>> sourcing.strategy.label, [e.label for e in sourcing.organisations]
        ('CRO and CDMO', ['CRO', 'CDMO'])
        >>> len(sourcing.tech_transfers)
        0
    """
    profile = as_profile(profile)
    programme = _programme(profile)
    chosen, why = _choose_strategy(profile, strategy, programme[1])
    choosing = _choosing(profile, partners, weights)
    return _plan(profile, strategy=chosen, why=why, programme=programme, choosing=choosing)


def compare_strategies(
    profile: SponsorProfile,
    *,
    partners: Iterable[Partner] | None = None,
    weights: Weights | Mapping[Criterion, float] | Mapping[str, float] | None = None,
) -> StrategyComparison:
    """Plan the programme all three ways and put the plans side by side.

    Args:
        profile: The sponsor's profile.
        partners: Candidate partners to name in the plans (see :func:`plan`).
        weights: How much each selection criterion counts when choosing among the
            candidates (see :func:`plan`).

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, compare_strategies
        >>> comparison = compare_strategies(SponsorProfile(phase=Phase.PHASE_3))
        >>> comparison.preferred.label, comparison.handoffs_saved >= 0
        ('CRO and CDMO', True)
    """
    profile = as_profile(profile)
    programme = _programme(profile)
    choosing = _choosing(profile, partners, weights)  # one check, one cache, every plan
    plans = {
        wanted: _plan(profile, strategy=wanted, why=None, programme=programme, choosing=choosing)
        for wanted in Strategy
    }
    return StrategyComparison(
        profile=profile,
        integrated=plans[Strategy.INTEGRATED],
        cro_and_cdmo=plans[Strategy.CRO_AND_CDMO],
        specialist=plans[Strategy.SPECIALIST],
        preferred=_choose_strategy(profile, None, programme[1])[0],
    )
