"""Tests of plan() and compare_strategies() (DESIGN.md §7, version 2).

The properties hold plans to DESIGN's rules restated here; the examples pin the situations a
practitioner's review found wrong in 0.1.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pharma_outsourcing import (
    Capability,
    DosageForm,
    Engagement,
    Handoff,
    HandoffKind,
    Inspection,
    InspectionOutcome,
    InvalidInputError,
    Modality,
    OrganisationType,
    Partner,
    Party,
    Phase,
    Regulator,
    Service,
    ServiceCategory,
    SponsorProfile,
    Strategy,
    UnknownValueError,
    agreements_for,
    compare_strategies,
    latest_year,
    load_profile,
    plan,
    recommend,
    services_of,
    typical_services,
)
from pharma_outsourcing._screening import Requirements
from strategies import optional_partner_lists, optional_strategies, partner_lists, profiles

CRO, CMO, CDMO = OrganisationType.CRO, OrganisationType.CMO, OrganisationType.CDMO
INTEGRATED, BOTH, SPECIALIST = Strategy.INTEGRATED, Strategy.CRO_AND_CDMO, Strategy.SPECIALIST
TRANSITION, INTERFACE = HandoffKind.TRANSITION, HandoffKind.INTERFACE
SPONSOR = Party.SPONSOR
TRANSFERRED = {ServiceCategory.DEVELOPMENT, ServiceCategory.MANUFACTURING, ServiceCategory.QUALITY}
# Enum values as 0.1 printed them in prose ("phase-1", "api-production"): never in a reason.
# (Some values are also English compounds: "quality-control responsibilities".)
_ENGLISH = {"quality-control"}
VALUES = re.compile(
    r"\b("
    + "|".join(
        re.escape(m.value)
        for enum in (Phase, Service, ServiceCategory, Strategy)
        for m in enum
        if "-" in m.value and m.value != m.label and m.value not in _ENGLISH
    )
    + r")\b"
)


def outsourced(profile: SponsorProfile, phase: Phase) -> frozenset[Service]:
    """A step's services, written out from DESIGN.md §7 (before skipped phases' work)."""
    own = phase is profile.phase and profile.services is not None
    wanted = profile.services if own and profile.services is not None else typical_services(phase)
    work = wanted - profile.in_house
    return work if profile.scope is None else work & profile.scope


def brought_forward(profile: SponsorProfile, phase: Phase) -> frozenset[Service]:
    """What the phases the pathway skips after ``phase`` bring into its step."""
    pathway = profile.programme
    index = pathway.index(phase)
    if index + 1 == len(pathway):
        return frozenset()
    after = pathway[index + 1]
    extra: frozenset[Service] = frozenset()
    for skipped in Phase:
        if phase < skipped < after and skipped < Phase.REGULATORY_REVIEW:
            extra |= typical_services(skipped) - profile.in_house
    return extra if profile.scope is None else extra & profile.scope


def needs_both(profile: SponsorProfile) -> bool:
    everything = frozenset().union(
        *(outsourced(profile, p) | brought_forward(profile, p) for p in profile.programme)
    )
    return bool(everything & services_of(CRO)) and bool(everything & services_of(CMO))


def events(handoffs: tuple[Handoff, ...]) -> list[tuple[Phase, HandoffKind, str, str, str]]:
    return [(h.phase, h.kind, h.source.label, h.target.label, h.area.value) for h in handoffs]


# --- properties --------------------------------------------------------------------------


@given(profiles(), optional_strategies, optional_partner_lists)
def test_steps_follow_the_pathway_with_the_work_design_gives_them(
    profile: SponsorProfile, strategy: Strategy | None, partners: list[Partner] | None
) -> None:
    sourcing = plan(profile, strategy=strategy, partners=partners)
    assert sourcing.phases == profile.programme
    for step in sourcing.steps:
        expected = outsourced(profile, step.phase) | brought_forward(profile, step.phase)
        assert step.services == expected
        assert not step.services & profile.in_house
        if profile.scope is not None:
            assert step.services <= profile.scope


@given(profiles(), optional_strategies, optional_partner_lists)
def test_no_reason_prints_an_enum_value(
    profile: SponsorProfile, strategy: Strategy | None, partners: list[Partner] | None
) -> None:
    sourcing = plan(profile, strategy=strategy, partners=partners)
    texts = [r.text for r in sourcing.reasons]
    texts += [r.text for step in sourcing.steps for r in step.reasons]
    texts += [h.reason.text for h in sourcing.handoffs]
    names = {p.name for p in partners or ()}
    for text in texts:
        bare = text
        for name in names:
            bare = bare.replace(name, "")
        assert not VALUES.search(bare), text
        assert "lead partner type" not in text
        assert "was asked for" not in text


@given(profiles())
def test_without_partners_integrated_cro_and_cdmo_and_specialist_are_in_order(
    profile: SponsorProfile,
) -> None:
    comparison = compare_strategies(profile)
    integrated, both, specialist = (
        comparison.integrated,
        comparison.cro_and_cdmo,
        comparison.specialist,
    )
    assert len(integrated.handoffs) <= len(both.handoffs) <= len(specialist.handoffs)
    assert len(integrated.tech_transfers) <= len(both.tech_transfers)
    assert len(both.tech_transfers) <= len(specialist.tech_transfers)
    for sourcing in (integrated, both, specialist):
        assert sourcing.unfilled == {}
        assert all(e.partner is None for step in sourcing.steps for e in step.organisations)
    if needs_both(profile):
        assert {e.organisation_type for s in integrated.steps for e in s.organisations} <= {CDMO}
        assert {e.organisation_type for s in both.steps for e in s.organisations} <= {CRO, CDMO}
    assert {e.organisation_type for s in specialist.steps for e in s.organisations} <= {CRO, CMO}


@given(profiles(), optional_strategies, partner_lists)
def test_every_named_partner_passes_screening_for_its_work_and_the_rest_is_unfilled(
    profile: SponsorProfile, strategy: Strategy | None, partners: list[Partner]
) -> None:
    sourcing = plan(profile, strategy=strategy, partners=partners)
    by_name = {p.name: p for p in partners}
    as_of = latest_year(partners)
    unnamed: dict[Phase, frozenset[Service]] = {}
    for step in sourcing.steps:
        for service, engagement in step.assignments.items():
            if engagement.partner is None:
                unnamed[step.phase] = unnamed.get(step.phase, frozenset()) | {service}
                continue
            partner = by_name[engagement.partner]
            assert partner.organisation_type is engagement.organisation_type
            work = Requirements.of(profile, frozenset({service}), step.phase, as_of)
            assert work.passes(partner), (partner.name, service, step.phase)
    assert dict(sourcing.unfilled) == unnamed


@given(profiles(), optional_strategies, optional_partner_lists)
def test_handoffs_are_where_work_changes_hands(
    profile: SponsorProfile, strategy: Strategy | None, partners: list[Partner] | None
) -> None:
    sourcing = plan(profile, strategy=strategy, partners=partners)

    def doers(step: object, area: ServiceCategory) -> set[Engagement | Party]:
        assert hasattr(step, "assignments")
        found: set[Engagement | Party] = {
            e for s, e in step.assignments.items() if s.category is area
        }
        if any(s.category is area for s in step.in_house):  # type: ignore[attr-defined]
            found.add(SPONSOR)
        return found

    steps = {step.phase: step for step in sourcing.steps}
    for handoff in sourcing.handoffs:
        if handoff.kind is TRANSITION:
            now = doers(steps[handoff.phase], handoff.area)
            assert handoff.target in now
            earlier = [s for s in sourcing.steps if s.phase < handoff.phase]
            before = next(
                (doers(s, handoff.area) for s in reversed(earlier) if doers(s, handoff.area)),
                set(),
            )
            assert handoff.source in before
            assert handoff.target not in before
    assert sourcing.tech_transfers == tuple(
        h for h in sourcing.handoffs if h.kind is TRANSITION and h.area in TRANSFERRED
    )


@given(profiles())
def test_no_strategy_follows_recommend_for_both_kinds_of_work(profile: SponsorProfile) -> None:
    chosen = plan(profile).strategy
    if not needs_both(profile):
        assert chosen is SPECIALIST
        return
    # recommend's rule for both kinds, applied as DESIGN §4 states it.
    ahead = profile.phase <= Phase.PHASE_3 and profile.horizon >= Phase.REGULATORY_REVIEW
    if profile.prefers_single_partner is True:
        assert chosen is INTEGRATED
    elif profile.prefers_single_partner is None and ahead:
        assert chosen is BOTH
    else:
        assert chosen is SPECIALIST


@given(profiles(), partner_lists, st.randoms(use_true_random=False))
def test_the_order_of_the_candidates_does_not_matter(
    profile: SponsorProfile, partners: list[Partner], random: object
) -> None:
    shuffled = list(partners)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    assert plan(profile, partners=shuffled) == plan(profile, partners=partners)


@given(profiles(), optional_partner_lists)
def test_a_comparison_holds_the_three_plans(
    profile: SponsorProfile, partners: list[Partner] | None
) -> None:
    comparison = compare_strategies(profile, partners=partners)
    for strategy, sourcing in (
        (INTEGRATED, comparison.integrated),
        (BOTH, comparison.cro_and_cdmo),
        (SPECIALIST, comparison.specialist),
    ):
        assert sourcing == plan(profile, strategy=strategy, partners=partners)
    assert comparison.preferred is plan(profile, partners=partners).strategy


# --- the situations of the review -----------------------------------------------------------


def test_an_ind_enabling_programme_buys_cmc_work_before_phase_1() -> None:
    profile = SponsorProfile(phase=Phase.PRECLINICAL, modalities={Modality.SMALL_MOLECULE})
    sourcing = plan(profile)
    assert sourcing.strategy is BOTH
    first = sourcing.steps[0]
    assert {Service.API_PRODUCTION, Service.CLINICAL_SUPPLY_MANUFACTURING} <= first.services
    assert first.assignments[Service.API_PRODUCTION] == Engagement(organisation_type=CDMO)
    assert first.assignments[Service.PRECLINICAL_RESEARCH] == Engagement(organisation_type=CRO)


def test_a_phase_1_programme_with_no_preference_is_a_cro_and_one_cdmo() -> None:
    profile = SponsorProfile(phase=Phase.PHASE_1)
    sourcing = plan(profile)
    assert sourcing.strategy is BOTH
    assert recommend(profile).engage == {CRO, CDMO}
    assert [e.label for e in sourcing.organisations] == ["CRO", "CDMO"]
    site_monitoring = sourcing.steps[0].assignments[Service.SITE_MONITORING]
    assert site_monitoring.organisation_type is CRO
    single = plan(attrs.evolve(profile, prefers_single_partner=True))
    assert single.strategy is INTEGRATED


def test_a_pivotal_phase_2_goes_straight_to_filing_with_phase_3_work_brought_forward() -> None:
    profile = load_profile("examples/pivotal-phase2-to-filing.toml")
    sourcing = plan(profile)
    assert sourcing.phases == (Phase.PHASE_2, Phase.REGULATORY_REVIEW, Phase.COMMERCIAL)
    first = sourcing.steps[0]
    assert {Service.FINISHED_DOSAGE_MANUFACTURING, Service.PROCESS_VALIDATION} <= first.services
    assert any(
        "commercial process, registration stability and PPQ work" in r.text for r in first.reasons
    )


def test_a_fill_finish_only_sponsor_is_never_planned_drug_substance_or_clinical_work() -> None:
    profile = load_profile("examples/fill-finish-only.toml")
    assert profile.scope is not None
    for strategy in Strategy:
        sourcing = plan(profile, strategy=strategy)
        for step in sourcing.steps:
            assert step.services <= profile.scope
            assert Service.API_PRODUCTION not in step.services
            assert not step.services & services_of(CRO)
        assert {e.organisation_type for s in sourcing.steps for e in s.organisations} == {CMO}


def test_moving_manufacturing_from_the_sponsors_plant_to_a_cmo_is_a_transfer() -> None:
    # The sponsor makes its own clinical supplies; from phase 3 the finished dosage form
    # is made by a CMO: the manufacturing work passes from the sponsor's plant to the CMO.
    profile = SponsorProfile(
        phase=Phase.PHASE_2,
        horizon=Phase.PHASE_3,
        in_house=services_of(CMO) - {Service.FINISHED_DOSAGE_MANUFACTURING},
    )
    sourcing = plan(profile, strategy=SPECIALIST)
    transfers = [(h.phase, h.source, h.target.label) for h in sourcing.tech_transfers]
    assert (Phase.PHASE_3, SPONSOR, "CMO") in transfers


def test_a_transfer_into_commercial_supply_cites_the_site_change_rules() -> None:
    early = Partner(
        name="Clinical CMO",
        organisation_type=CMO,
        phases={Phase.PHASE_3, Phase.REGULATORY_REVIEW},
        modalities={Modality.SMALL_MOLECULE},
        gmp_certified=True,
    )
    late = Partner(
        name="Commercial CMO",
        organisation_type=CMO,
        phases={Phase.COMMERCIAL},
        modalities={Modality.SMALL_MOLECULE},
        gmp_certified=True,
    )
    profile = SponsorProfile(
        phase=Phase.PHASE_3,
        modalities={Modality.SMALL_MOLECULE},
        services=services_of(CMO) & typical_services(Phase.PHASE_3),
        prefers_single_partner=False,
    )
    sourcing = plan(profile, partners=[early, late])
    into_commercial = [h for h in sourcing.tech_transfers if h.phase is Phase.COMMERCIAL]
    assert into_commercial
    assert all("21 CFR 314.70" in h.reason.text for h in into_commercial)
    # No candidate makes the product from phase 3 to commercial: the comparability note.
    notes = [r.text for step in sourcing.steps for r in step.reasons]
    assert any("comparability data and a change to the application" in t for t in notes)


def test_a_cell_therapy_programme_is_planned_with_a_cro_a_cdmo_and_a_vector_cmo() -> None:
    cell = Modality.CELL_THERAPY
    profile = SponsorProfile(
        phase=Phase.PHASE_1,
        horizon=Phase.PHASE_2,
        modalities={cell, Modality.VIRAL_VECTOR},
        requires={Capability.ASEPTIC_PROCESSING},
    )
    cro = Partner(name="Trials CRO", organisation_type=CRO)
    processing = Partner(
        name="Cell CDMO",
        organisation_type=CDMO,
        services=services_of(CMO) - {Service.API_PRODUCTION},
        modalities={cell, Modality.VIRAL_VECTOR},
        dosage_forms=set(DosageForm),
        capabilities={Capability.ASEPTIC_PROCESSING},
        gmp_certified=True,
    )
    vector = Partner(
        name="Vector CMO",
        organisation_type=CMO,
        services={Service.API_PRODUCTION, Service.QUALITY_CONTROL},
        modalities={Modality.VIRAL_VECTOR, cell},
        capabilities={Capability.ASEPTIC_PROCESSING},
        gmp_certified=True,
    )
    sourcing = plan(profile, partners=[cro, processing, vector])
    first = sourcing.steps[0]
    assert first.assignments[Service.SITE_MONITORING].partner == "Trials CRO"
    assert first.assignments[Service.API_PRODUCTION].partner == "Vector CMO"
    assert first.assignments[Service.CLINICAL_SUPPLY_MANUFACTURING].partner == "Cell CDMO"
    assert any("split among the fewest" in r.text for r in first.reasons)
    assert sourcing.unfilled == {}
    # The vector made by one manufacturer feeds the other's drug product.
    assert any(h.kind is INTERFACE and h.source.label == "Vector CMO" for h in sourcing.handoffs)


def test_work_no_candidate_qualifies_for_is_to_be_sourced_and_counted() -> None:
    profile = SponsorProfile(phase=Phase.PHASE_1, horizon=Phase.PHASE_1)
    only_cro = Partner(name="Trials CRO", organisation_type=CRO)
    sourcing = plan(profile, partners=[only_cro])
    manufacturing = services_of(CMO) & sourcing.steps[0].services
    assert sourcing.unfilled == {Phase.PHASE_1: manufacturing}
    assert any("to be sourced" in r.text for r in sourcing.reasons)


def test_a_blocked_manufacturer_is_not_engaged() -> None:
    letter = Inspection(
        regulator=Regulator.FDA, year=2025, outcome=InspectionOutcome.WARNING_LETTER
    )
    warned = Partner(
        name="Warned CMO", organisation_type=CMO, gmp_certified=True, inspections=[letter]
    )
    profile = SponsorProfile(phase=Phase.COMMERCIAL, services={Service.COMMERCIAL_PRODUCTION})
    sourcing = plan(profile, partners=[warned])
    assert sourcing.unfilled == {Phase.COMMERCIAL: frozenset({Service.COMMERCIAL_PRODUCTION})}


def test_plans_cite_what_agreements_for_gives_at_the_step_and_only_that() -> None:
    profile = SponsorProfile(phase=Phase.PRECLINICAL, horizon=Phase.PHASE_1)
    sourcing = plan(profile)
    preclinical = " ".join(r.source for r in sourcing.steps[0].reasons)
    assert "312.52" not in preclinical  # no trial yet: GLP studies alone
    assert "Quality Agreements" not in preclinical  # the 2016 guidance: commercial only
    phase_1 = " ".join(r.source for r in sourcing.steps[1].reasons)
    assert "312.52" in phase_1


# --- errors ------------------------------------------------------------------------------

VIRTUAL = SponsorProfile(phase=Phase.PHASE_1, name="virtual biotech")
ALPHA = Partner(name="Alpha CRO", organisation_type=CRO)


def test_strategies_are_read_by_value_or_alias_and_an_unknown_one_is_refused() -> None:
    assert plan(VIRTUAL, strategy="cro and cdmo").strategy is BOTH
    assert plan(VIRTUAL, strategy="specialists").strategy is SPECIALIST
    with pytest.raises(UnknownValueError, match="integrated"):
        plan(VIRTUAL, strategy="integratd")


def test_candidates_must_be_partners_with_distinct_names() -> None:
    with pytest.raises(InvalidInputError, match=r"partners\[1\]"):
        plan(VIRTUAL, partners=[ALPHA, "Beta CRO"])  # type: ignore[list-item]
    twin = Partner(name="Alpha CRO", organisation_type=CMO)
    with pytest.raises(InvalidInputError, match="more than one partner"):
        plan(VIRTUAL, partners=[ALPHA, twin])


def test_an_unknown_weight_is_refused_even_without_partners() -> None:
    with pytest.raises(UnknownValueError, match="scalabilty") as caught:
        plan(VIRTUAL, weights={"scalabilty": 1})
    assert "scalability" in str(caught.value)


@pytest.mark.parametrize("call", [plan, compare_strategies], ids=["plan", "compare"])
@pytest.mark.parametrize("profile", [None, "phase-1", Phase.PHASE_1])
def test_a_profile_that_is_not_one_is_refused_with_our_error(
    call: Callable[..., object], profile: object
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        call(profile)
    assert (caught.value.field, caught.value.value, caught.value.allowed) == (
        "profile",
        profile,
        "a SponsorProfile",
    )


@pytest.mark.parametrize("partners", ["Alpha CRO", 5, ALPHA])
def test_candidates_that_are_not_a_collection_of_partners_are_refused(partners: object) -> None:
    with pytest.raises(InvalidInputError, match="not a collection of partners"):
        plan(VIRTUAL, partners=partners)  # type: ignore[arg-type]


def test_nothing_to_outsource_gives_empty_steps() -> None:
    profile = SponsorProfile(phase=Phase.COMMERCIAL, services=set())
    (step,) = plan(profile).steps
    assert step.assignments == {}
    assert "Nothing to outsource" in step.reasons[0].text
    assert list(itertools.chain(plan(profile).handoffs)) == []


@given(profiles(), optional_strategies, optional_partner_lists)
def test_each_step_cites_exactly_the_agreements_of_its_engaged_types_work(
    profile: SponsorProfile, strategy: Strategy | None, partners: list[Partner] | None
) -> None:
    # DESIGN.md §8: for each engaged type, every agreement agreements_for gives at the
    # step's phase in the profile's markets whose services meet the type's assigned work.
    sourcing = plan(profile, strategy=strategy, partners=partners)
    for step in sourcing.steps:
        assigned: dict[OrganisationType, set[Service]] = {}
        for service, engagement in step.assignments.items():
            assigned.setdefault(engagement.organisation_type, set()).add(service)
        expected = sorted(
            (org_type.label, agreement.sources[0])
            for org_type, work in assigned.items()
            for agreement in agreements_for(
                org_type, phase=step.phase, markets=profile.target_markets
            )
            if agreement.services & work
        )
        cited = sorted(
            (r.text.split(":")[0].removeprefix("In writing with the "), r.source)
            for r in step.reasons
            if r.text.startswith("In writing with the ")
        )
        assert cited == expected


def test_a_pivotal_phase_2_step_says_what_it_brings_forward() -> None:
    sourcing = plan(load_profile("examples/pivotal-phase2-to-filing.toml"))
    first = sourcing.steps[0]
    assert (
        first.brought_forward
        == {
            Service.FINISHED_DOSAGE_MANUFACTURING,
            Service.PROCESS_VALIDATION,
        }
        - sourcing.profile.in_house
    )
