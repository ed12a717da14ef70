"""needs_cro, needs_cmo, lead_type and recommend (DESIGN.md §3-§4)."""

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pharma_outsourcing import (
    Criterion,
    InvalidInputError,
    OrganisationType,
    Phase,
    Reason,
    Recommendation,
    Service,
    SponsorProfile,
    Stage,
    lead_type,
    needs_cmo,
    needs_cro,
    providers_of,
    recommend,
    services_of,
    typical_services,
)
from pharma_outsourcing._sources import CFR_312_52, FDA_QUALITY_AGREEMENTS_2016, SEED_CDMO
from strategies import phases, profiles, service_sets

CRO, CMO, CDMO = OrganisationType.CRO, OrganisationType.CMO, OrganisationType.CDMO


@given(phases)
def test_needs_agree_with_typical_services(phase: Phase) -> None:
    typical = typical_services(phase)
    assert needs_cro(phase) == bool(typical & services_of(CRO))
    assert needs_cmo(phase) == bool(typical & services_of(CMO))


@pytest.mark.parametrize(
    ("phase", "cro", "cmo"),
    [
        (Phase.DISCOVERY, True, False),
        (Phase.PRECLINICAL, True, False),
        (Phase.PHASE_1, True, True),
        (Phase.PHASE_2, True, True),
        (Phase.PHASE_3, True, True),
        (Phase.REGULATORY_REVIEW, True, True),
        (Phase.COMMERCIAL, False, True),
    ],
)
def test_needs_by_phase(phase: Phase, cro: bool, cmo: bool) -> None:
    assert (needs_cro(phase), needs_cmo(phase)) == (cro, cmo)


@given(phases)
def test_lead_type_follows_the_stage(phase: Phase) -> None:
    lead = lead_type(phase)
    if phase.stage is Stage.EARLY:
        assert lead is CRO
    elif phase.stage in (Stage.LATE, Stage.POST_APPROVAL):
        assert lead is CMO
    else:
        typical = typical_services(phase)
        cro, cmo = len(typical & services_of(CRO)), len(typical & services_of(CMO))
        assert lead is (CRO if cro >= cmo else CMO)


def test_mid_stage_lead_is_the_cro_nine_to_six() -> None:
    typical = typical_services(Phase.PHASE_2)
    assert (len(typical & services_of(CRO)), len(typical & services_of(CMO))) == (9, 6)
    assert lead_type(Phase.PHASE_2) is CRO


def test_seed_early_phase_is_cro_late_and_post_approval_cmo() -> None:
    assert lead_type(Phase.PRECLINICAL) is CRO
    assert lead_type(Phase.PHASE_3) is CMO
    assert lead_type(Phase.COMMERCIAL) is CMO


@given(profiles())
def test_every_needed_service_is_assigned_to_an_engaged_type_that_covers_it(
    profile: SponsorProfile,
) -> None:
    rec = recommend(profile)
    assert set(rec.assignments) == profile.needed_services
    for service, org in rec.assignments.items():
        assert org in rec.engage
        assert org in providers_of(service)
    assert set(rec.assignments.values()) == set(rec.engage)


@given(profiles())
def test_recommend_follows_the_rules_of_section_4(profile: SponsorProfile) -> None:
    rec = recommend(profile)
    needed = profile.needed_services
    research, making = needed & services_of(CRO), needed & services_of(CMO)
    if not needed:
        assert rec.engage == set()
        assert rec.alternative is None
    elif not making:
        assert rec.engage == {CRO}
    elif not research:
        assert rec.engage == {CMO}
    elif profile.prefers_single_partner is True:
        assert rec.engage == {CDMO}
    elif profile.prefers_single_partner is False:
        assert rec.engage == {CRO, CMO}
    else:
        ahead = profile.phase < Phase.COMMERCIAL and profile.horizon >= Phase.REGULATORY_REVIEW
        assert rec.engage == ({CDMO} if ahead else {CRO, CMO})
    if rec.engage == {CDMO}:
        assert rec.alternative == frozenset({CRO, CMO})
    if rec.engage == {CRO, CMO}:
        assert rec.alternative == frozenset({CDMO})


@given(profiles())
def test_recommend_is_deterministic_and_pure(profile: SponsorProfile) -> None:
    before = attrs.evolve(profile)
    assert recommend(profile) == recommend(profile)
    assert profile == before


def _kinds(engage: frozenset[OrganisationType]) -> set[OrganisationType]:
    """The kinds of work (CRO, CMO) an engaged set of types covers."""
    kinds: set[OrganisationType] = set()
    for org in engage:
        kinds |= {CRO, CMO} if org is CDMO else {org}
    return kinds


@given(profiles(), service_sets)
def test_doing_more_in_house_never_adds_a_partner_type(
    profile: SponsorProfile, more: frozenset[Service]
) -> None:
    before = recommend(profile).engage
    after = recommend(attrs.evolve(profile, in_house=profile.in_house | more)).engage
    assert len(after) <= len(before)
    assert _kinds(after) <= _kinds(before)


@given(profiles())
def test_every_reason_has_text_and_a_source(profile: SponsorProfile) -> None:
    for reason in recommend(profile).reasons:
        assert reason.text.strip().endswith(".")
        assert reason.source.strip()
        assert reason.criterion is None or isinstance(reason.criterion, Criterion)


@given(profiles())
def test_the_first_reason_is_the_stage_of_development(profile: SponsorProfile) -> None:
    first = recommend(profile).reasons[0]
    assert first.criterion is Criterion.STAGE_OF_DEVELOPMENT
    assert lead_type(profile.phase).value.upper() in first.text


@given(profiles())
def test_written_agreements_are_cited_for_the_engaged_types(profile: SponsorProfile) -> None:
    rec = recommend(profile)
    sources = {reason.source for reason in rec.reasons}
    assert (CFR_312_52 in sources) == bool(rec.engage & {CRO, CDMO})
    assert (FDA_QUALITY_AGREEMENTS_2016 in sources) == bool(rec.engage & {CMO, CDMO})


def test_preclinical_virtual_biotech_needs_a_cro() -> None:
    rec = recommend(SponsorProfile(phase=Phase.PRECLINICAL))
    assert rec.engage == {CRO}
    assert rec.alternative is None
    assert set(rec.assignments) == {
        Service.PRECLINICAL_RESEARCH,
        Service.REGULATORY_AFFAIRS,
        Service.REGULATORY_SUBMISSION,
    }


def test_phase_1_heading_to_market_gets_a_cdmo_for_the_transition() -> None:
    rec = recommend(SponsorProfile(phase=Phase.PHASE_1))
    assert rec.engage == {CDMO}
    assert rec.alternative == frozenset({CRO, CMO})
    why = [r for r in rec.reasons if r.source == SEED_CDMO]
    assert len(why) == 1
    assert why[0].criterion is Criterion.SCALABILITY
    assert "streamlines" in why[0].text


def test_phase_1_that_stops_before_review_gets_specialists() -> None:
    rec = recommend(SponsorProfile(phase=Phase.PHASE_1, horizon=Phase.PHASE_3))
    assert rec.engage == {CRO, CMO}
    assert rec.alternative == frozenset({CDMO})
    assert any("stops at phase-3" in r.text for r in rec.reasons)


def test_preference_overrides_the_default() -> None:
    single = recommend(
        SponsorProfile(phase=Phase.PHASE_1, horizon=Phase.PHASE_3, prefers_single_partner=True)
    )
    split = recommend(SponsorProfile(phase=Phase.PHASE_1, prefers_single_partner=False))
    assert single.engage == {CDMO}
    assert split.engage == {CRO, CMO}
    assert split.services_for(CRO) == typical_services(Phase.PHASE_1) & services_of(CRO)
    cmo_work = split.services_for("cmo")  # type: ignore[arg-type]
    assert cmo_work == typical_services(Phase.PHASE_1) & services_of(CMO)


def test_commercial_product_needs_a_cmo_only() -> None:
    rec = recommend(SponsorProfile(phase=Phase.COMMERCIAL))
    assert rec.engage == {CMO}
    assert Service.COMMERCIAL_PRODUCTION in rec.assignments


def test_commercial_product_naming_post_approval_safety_work_gets_specialists() -> None:
    profile = SponsorProfile(
        phase=Phase.COMMERCIAL,
        services={Service.PHARMACOVIGILANCE, Service.COMMERCIAL_PRODUCTION},
    )
    rec = recommend(profile)
    assert rec.engage == {CRO, CMO}
    assert any("already commercial" in r.text for r in rec.reasons)


def test_phase_3_company_with_its_own_plant_needs_only_a_cro() -> None:
    plant = frozenset(typical_services(Phase.PHASE_3) & services_of(CMO))
    rec = recommend(SponsorProfile(phase=Phase.PHASE_3, in_house=plant))
    assert rec.engage == {CRO}
    assert any("Done in house" in r.text for r in rec.reasons)


def test_nothing_needed_engages_nothing_with_a_reason() -> None:
    everything = typical_services(Phase.PHASE_2)
    rec = recommend(SponsorProfile(phase=Phase.PHASE_2, in_house=everything))
    assert rec.engage == set()
    assert rec.assignments == {}
    assert any("Nothing needs outsourcing" in r.text for r in rec.reasons)
    explicit_none = recommend(SponsorProfile(phase=Phase.PHASE_2, services=frozenset()))
    assert explicit_none.engage == set()
    assert any("names no services" in r.text for r in explicit_none.reasons)


def test_recommendation_is_hashable_and_compares_by_value() -> None:
    a = recommend(SponsorProfile(phase=Phase.PHASE_2))
    b = recommend(SponsorProfile(phase=Phase.PHASE_2))
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b}) == 1


def test_reason_refuses_empty_text() -> None:
    with pytest.raises(ValueError, match="text"):
        Reason(criterion=None, text=" ", source="x")


@given(st.builds(Recommendation, engage=st.frozensets(st.sampled_from(list(OrganisationType)))))
def test_recommendation_defaults(rec: Recommendation) -> None:
    assert rec.assignments == {}
    assert rec.reasons == ()
    assert rec.alternative is None


@pytest.mark.parametrize("profile", ["phase-1", None, Phase.PHASE_1, {"phase": "phase-1"}])
def test_recommend_refuses_what_is_not_a_profile_with_our_error(profile: object) -> None:
    # Issue 11, item 8: not an AttributeError from reading the text's needed services.
    with pytest.raises(InvalidInputError) as caught:
        recommend(profile)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.value, caught.value.allowed) == (
        "profile",
        profile,
        "a SponsorProfile",
    )


@given(profiles())
def test_a_recommendation_is_validated_when_built(profile: SponsorProfile) -> None:
    rec = recommend(profile)
    assert attrs.evolve(rec) == rec
    unengaged = sorted(set(OrganisationType) - rec.engage)
    if rec.assignments:
        service = next(iter(rec.assignments))
        with pytest.raises(InvalidInputError, match="not an organisation type the"):
            attrs.evolve(rec, assignments={**rec.assignments, service: unengaged[0]})
    with pytest.raises(InvalidInputError, match="not a Service"):
        attrs.evolve(rec, engage=set(OrganisationType), assignments={"site-monitoring": CRO})  # type: ignore[dict-item]
    with pytest.raises(InvalidInputError, match="not a mapping"):
        attrs.evolve(rec, assignments=[CRO])  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"reasons\[0\]"):
        attrs.evolve(rec, reasons=["because"])  # type: ignore[list-item]
    with pytest.raises(InvalidInputError):
        attrs.evolve(rec, engage={"cro"})  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        attrs.evolve(rec, alternative={"cmo"})  # type: ignore[arg-type]
    assert attrs.evolve(rec, alternative={CDMO}).alternative == frozenset({CDMO})
