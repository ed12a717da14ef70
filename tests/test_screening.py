"""The hard requirements (_screening): one statement each, as rank and plan both use them."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from pharma_outsourcing import (
    Criterion,
    Framework,
    OrganisationType,
    Partner,
    Phase,
    Service,
    SponsorProfile,
    rank,
)
from pharma_outsourcing._screening import Requirements
from pharma_outsourcing._sources import CFR_210_211, SEED_SELECTION
from strategies import candidate_lists, partners, phases, profiles, service_sets

CMO = OrganisationType.CMO


def written_out(services: frozenset[Service], phase: Phase | None, partner: Partner) -> bool:
    """The requirements as the module docstring states them."""
    gmp = any(service.framework is Framework.GMP for service in services)
    return (
        (phase is None or phase in partner.phases)
        and services <= partner.services
        and (partner.gmp_certified or not gmp)
    )


@given(service_sets, st.none() | phases, partners())
def test_a_partner_passes_exactly_when_it_meets_every_requirement(
    services: frozenset[Service], phase: Phase | None, partner: Partner
) -> None:
    work = Requirements(services=services, phase=phase)
    assert work.passes(partner) == written_out(services, phase, partner)
    assert work.passes(partner) == (work.failures(partner) == ())
    assert (work.first_failure(partner) is None) == work.passes(partner)


@given(service_sets, st.none() | phases, partners())
def test_the_first_failure_is_the_first_reason_and_every_reason_names_its_rule(
    services: frozenset[Service], phase: Phase | None, partner: Partner
) -> None:
    work = Requirements(services=services, phase=phase)
    reasons = work.failures(partner)
    first = work.first_failure(partner)
    if first is not None:
        assert reasons[0] is first.reason
        assert first.handoff
    criteria = [reason.criterion for reason in reasons]
    order = [
        Criterion.SCALABILITY,
        Criterion.TECHNICAL_EXPERTISE,
        Criterion.REGULATORY_TRACK_RECORD,
    ]
    assert criteria == [c for c in order if c in criteria]  # one reason per rule, in order
    for reason in reasons:
        assert reason.source in {SEED_SELECTION, CFR_210_211}
        assert (reason.source == CFR_210_211) == (
            reason.criterion is Criterion.REGULATORY_TRACK_RECORD
        )
    for service in services - partner.services:
        assert any(service.value.replace("-", " ") in reason.text for reason in reasons)


@given(service_sets, st.none() | phases, st.lists(partners(), max_size=6))
def test_split_keeps_the_order_and_parts_the_partners_by_passes(
    services: frozenset[Service], phase: Phase | None, candidates: list[Partner]
) -> None:
    work = Requirements(services=services, phase=phase)
    kept, failed = work.split(candidates)
    assert kept == [p for p in candidates if work.passes(p)]
    assert failed == [p for p in candidates if not work.passes(p)]


@given(profiles(), candidate_lists, service_sets)
def test_rank_excludes_exactly_the_partners_failing_and_gives_their_reasons(
    profile: SponsorProfile, candidates: list[Partner], services: frozenset[Service]
) -> None:
    work = Requirements(services=services)  # rank does not screen on the phase
    shortlist = rank(profile, candidates, services=services)
    assert sorted(a.partner.name for a in shortlist.ranked) == sorted(
        p.name for p in candidates if work.passes(p)
    )
    for exclusion in shortlist.excluded:
        assert exclusion.reasons == work.failures(exclusion.partner)


def test_each_requirement_in_words() -> None:
    work = Requirements(
        services=frozenset({Service.API_PRODUCTION, Service.QUALITY_CONTROL, Service.SCALE_UP}),
        phase=Phase.PHASE_3,
    )
    lab = Partner(
        name="Lab",
        organisation_type=CMO,
        services={Service.QUALITY_CONTROL},
        phases={Phase.PHASE_2},
    )
    assert [(r.criterion, r.text, r.source) for r in work.failures(lab)] == [
        (Criterion.SCALABILITY, "does not serve phase 3", SEED_SELECTION),
        (
            Criterion.TECHNICAL_EXPERTISE,
            "does not offer 2 of the 3 services it is ranked for: api production and scale up",
            SEED_SELECTION,
        ),
        (
            Criterion.REGULATORY_TRACK_RECORD,
            "is not GMP-certified: api production and quality control are performed under GMP",
            CFR_210_211,
        ),
    ]
    handoffs = []
    for fixed in (
        {},
        {"phases": frozenset({Phase.PHASE_3})},
        {"phases": frozenset({Phase.PHASE_3}), "services": frozenset(work.services)},
    ):
        failure = work.first_failure(attrs.evolve(lab, **fixed))
        assert failure is not None
        handoffs.append(failure.handoff)
    assert handoffs == [
        "does not serve phase-3",
        "does not offer api production and scale up",
        "is not GMP-certified for api production and quality control",
    ]


def test_only_the_requirements_that_concern_the_work_are_checked() -> None:
    nothing = Requirements(services=frozenset())
    assert nothing.gmp == frozenset()
    assert nothing.failures(Partner(name="A", organisation_type=CMO, services=set())) == ()
    scale_up = Requirements(services=frozenset({Service.SCALE_UP}))
    assert scale_up.gmp == frozenset()  # development, not GMP work
    assert scale_up.passes(Partner(name="A", organisation_type=CMO))
