"""What the tests of ``pharma_outsourcing._render`` share: results to render, and what shows.

The results are built from the real value objects, with texts that need escaping
(``<``, ``&``, quotes) so that each renderer's escaping is tested too.
"""

from __future__ import annotations

import html
import re

from hypothesis import strategies as st

import strategies
from pharma_outsourcing import (
    Assessment,
    Criterion,
    Engagement,
    Evidence,
    Exclusion,
    Handoff,
    HandoffKind,
    OrganisationType,
    Partner,
    Party,
    Phase,
    PlanStep,
    Reason,
    Service,
    ServiceCategory,
    Shortlist,
    SourcingPlan,
    SponsorProfile,
    Strategy,
    StrategyComparison,
)

__all__ = [
    "ALDER",
    "KEBAB_VALUES",
    "WARNINGS",
    "assessments",
    "comparison",
    "cro_and_cdmo_plan",
    "flat",
    "integrated_plan",
    "long_shortlist",
    "reason",
    "shortlists",
    "specialist_plan",
    "sponsored_plan",
    "unfilled_plan",
    "values_shown",
    "visible",
    "words_of",
]

TAG = re.compile(r"<[^>]*>")
CRO, CMO, CDMO = (Engagement(organisation_type=t) for t in OrganisationType)
_UNIT = st.floats(min_value=0, max_value=1, allow_nan=False)


WARNINGS = tuple(
    Reason(criterion=Criterion.REGULATORY_TRACK_RECORD, text=text, source="ICH <Q10> & EU GMP")
    for text in (
        'EU statement of non-compliance <2024> & "open": not a bar to US supply',
        "audit approved with conditions in 2024: confirm they are closed; before award",
    )
)
"""Warnings whose texts and source need escaping (and hold a semicolon of their own)."""


def visible(fragment: str) -> str:
    """The text a browser shows for ``fragment``: tags removed, entities decoded."""
    return html.unescape(TAG.sub("", fragment))


def flat(text: str) -> str:
    """``text`` with every run of whitespace as one space, as a wrapped display shows it."""
    return " ".join(text.split())


def words_of(text: str) -> list[str]:
    """The words of ``text``, in order."""
    return text.split()


def reason(text: str, criterion: Criterion | None = None) -> Reason:
    """A reason with ``text``, from a placeholder source."""
    return Reason(criterion=criterion, text=text, source="s")


@st.composite
def assessments(draw: st.DrawFn) -> Assessment:
    """An assessment of a drawn partner, each criterion's reason ``reason <criterion>``.

    Each criterion's evidence is drawn, the completeness follows from it (equal weights),
    and the warnings are some of :data:`WARNINGS`.
    """
    scores = {criterion: draw(_UNIT) for criterion in Criterion}
    evidence = {criterion: draw(st.sampled_from(list(Evidence))) for criterion in Criterion}
    grounded = sum(1 for e in evidence.values() if e is not Evidence.ASSUMED)
    return Assessment(
        partner=draw(strategies.partners()),
        score=sum(scores.values()) / len(scores),
        scores=scores,
        reasons={c: reason(f"reason <{c.value}>", c) for c in Criterion},
        contributions={c: scores[c] / len(scores) for c in Criterion},
        evidence=evidence,
        completeness=grounded / len(Criterion),
        warnings=draw(st.sampled_from([(), WARNINGS[:1], WARNINGS])),
    )


shortlists = st.builds(
    Shortlist,
    ranked=st.lists(assessments(), max_size=6).map(tuple),
    excluded=st.lists(
        st.builds(
            Exclusion,
            partner=strategies.partners(),
            reasons=st.just((reason("lacks <x>"), reason("plain"))),
        ),
        max_size=3,
    ).map(tuple),
)
"""Shortlists of up to six ranked partners and three excluded, each for two reasons."""


def long_shortlist(ranked: int, excluded: int) -> Shortlist:
    """A shortlist of ``ranked`` partners scoring 0.5 throughout, and ``excluded`` others."""
    partners = [Partner(name=f"P{i}", organisation_type=OrganisationType.CRO) for i in range(5)]
    half = dict.fromkeys(Criterion, 0.5)
    return Shortlist(
        ranked=tuple(
            Assessment(
                partner=partners[i % 5],
                score=0.5,
                scores=half,
                reasons={c: reason("even", c) for c in Criterion},
                contributions=dict.fromkeys(Criterion, 0.5 / 6),
                evidence=dict.fromkeys(Criterion, Evidence.STATED),
                completeness=1.0,
                warnings=WARNINGS[:1],
            )
            for i in range(ranked)
        ),
        excluded=(Exclusion(partner=partners[0], reasons=(reason("x"),)),) * excluded,
    )


def specialist_plan() -> SourcingPlan:
    """A CRO and a CMO over phases 1 to 3: three supply interfaces, one tech transfer."""
    phases = (Phase.PHASE_1, Phase.PHASE_2, Phase.PHASE_3)
    steps = [
        PlanStep(
            phase=phase, assignments={Service.SITE_MONITORING: CRO, Service.API_PRODUCTION: CMO}
        )
        for phase in phases
    ]
    supplies = [
        Handoff(
            phase=phase,
            kind=HandoffKind.INTERFACE,
            source=CMO,
            target=CRO,
            area=ServiceCategory.MANUFACTURING,
            reason=reason("supplies feed trials"),
        )
        for phase in phases
    ]
    transfer = Handoff(
        phase=Phase.PHASE_3,
        kind=HandoffKind.TRANSITION,
        source=CMO,
        target=Engagement(organisation_type=OrganisationType.CMO, partner="Oak & Co"),
        area=ServiceCategory.MANUFACTURING,
        reason=reason("scale-up elsewhere"),
    )
    return SourcingPlan(
        profile=SponsorProfile(phase=Phase.PHASE_1, horizon=Phase.PHASE_3),
        strategy=Strategy.SPECIALIST,
        steps=steps,
        handoffs=[*supplies, transfer],
    )


def integrated_plan() -> SourcingPlan:
    """One CDMO in phase 1: no handoffs."""
    return SourcingPlan(
        profile=SponsorProfile(phase=Phase.PHASE_1, horizon=Phase.PHASE_1),
        strategy=Strategy.INTEGRATED,
        steps=[PlanStep(phase=Phase.PHASE_1, assignments={Service.SITE_MONITORING: CDMO})],
    )


def cro_and_cdmo_plan() -> SourcingPlan:
    """A CRO and one CDMO over phases 1 to 3: three supply interfaces, no transfer."""
    phases = (Phase.PHASE_1, Phase.PHASE_2, Phase.PHASE_3)
    steps = [
        PlanStep(
            phase=phase, assignments={Service.SITE_MONITORING: CRO, Service.API_PRODUCTION: CDMO}
        )
        for phase in phases
    ]
    supplies = [
        Handoff(
            phase=phase,
            kind=HandoffKind.INTERFACE,
            source=CDMO,
            target=CRO,
            area=ServiceCategory.MANUFACTURING,
            reason=reason("supplies feed trials"),
        )
        for phase in phases
    ]
    return SourcingPlan(
        profile=SponsorProfile(phase=Phase.PHASE_1, horizon=Phase.PHASE_3),
        strategy=Strategy.CRO_AND_CDMO,
        steps=steps,
        handoffs=supplies,
    )


def comparison() -> StrategyComparison:
    """:func:`integrated_plan`, :func:`cro_and_cdmo_plan` and :func:`specialist_plan`.

    Handoffs 0, 3 and 4; technology transfers 0, 0 and 1; the CRO and CDMO plan preferred.
    """
    return StrategyComparison(
        profile=SponsorProfile(phase=Phase.PHASE_1),
        integrated=integrated_plan(),
        cro_and_cdmo=cro_and_cdmo_plan(),
        specialist=specialist_plan(),
        preferred=Strategy.CRO_AND_CDMO,
    )


ALDER = Engagement(organisation_type=OrganisationType.CRO, partner='Alder <Clinical> & "Co"')
"""A named CRO whose name needs escaping."""


def sponsored_plan() -> SourcingPlan:
    """A plan with candidates over phases 2 and 3, with the sponsor and work to be sourced.

    At phase 2 the sponsor makes the API itself and :data:`ALDER` monitors the sites; at
    phase 3 the API production passes from the sponsor to a CMO no candidate could fill
    (to be sourced) and the trials' CRO work passes from :data:`ALDER` back to the
    sponsor, which takes the data management in house.
    """
    steps = [
        PlanStep(
            phase=Phase.PHASE_2,
            assignments={Service.SITE_MONITORING: ALDER, Service.DATA_MANAGEMENT: ALDER},
            in_house={Service.API_PRODUCTION},
        ),
        PlanStep(
            phase=Phase.PHASE_3,
            assignments={Service.SITE_MONITORING: ALDER, Service.API_PRODUCTION: CMO},
            in_house={Service.DATA_MANAGEMENT},
        ),
    ]
    handoffs = [
        Handoff(
            phase=Phase.PHASE_3,
            kind=HandoffKind.TRANSITION,
            source=Party.SPONSOR,
            target=CMO,
            area=ServiceCategory.MANUFACTURING,
            reason=reason("the sponsor's plant <stops> & the process moves"),
        ),
        Handoff(
            phase=Phase.PHASE_3,
            kind=HandoffKind.TRANSITION,
            source=ALDER,
            target=Party.SPONSOR,
            area=ServiceCategory.DATA,
            reason=reason("data management comes in house"),
        ),
    ]
    return SourcingPlan(
        profile=SponsorProfile(phase=Phase.PHASE_2, horizon=Phase.PHASE_3),
        strategy=Strategy.SPECIALIST,
        steps=steps,
        handoffs=handoffs,
        unfilled={Phase.PHASE_3: {Service.API_PRODUCTION}},
    )


def unfilled_plan() -> SourcingPlan:
    """One step at phase 1 whose two services no candidate qualifies for: no handoffs."""
    return SourcingPlan(
        profile=SponsorProfile(phase=Phase.PHASE_1, horizon=Phase.PHASE_1),
        strategy=Strategy.CRO_AND_CDMO,
        steps=[
            PlanStep(
                phase=Phase.PHASE_1,
                assignments={Service.SITE_MONITORING: CRO, Service.API_PRODUCTION: CDMO},
            )
        ],
        unfilled={Phase.PHASE_1: {Service.SITE_MONITORING, Service.API_PRODUCTION}},
    )


KEBAB_VALUES = frozenset(
    member.value
    for member in (*Phase, *Service, *ServiceCategory, *Strategy)
    if "-" in member.value and member.value != member.label
)
"""The values of phases, services, areas and strategies that are not also their label."""


def values_shown(text: str) -> set[str]:
    """The kebab-case member values (:data:`KEBAB_VALUES`) that ``text`` shows as words."""
    return {value for value in KEBAB_VALUES if re.search(rf"(?<![\w-]){value}(?![\w-])", text)}
