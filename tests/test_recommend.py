"""needs_cro, needs_cmo, lead_type and recommend (DESIGN.md §3-§4, version 2)."""

import re
from collections.abc import Iterator

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from pharma_outsourcing import (
    Agreement,
    Criterion,
    DosageForm,
    InvalidInputError,
    Market,
    Modality,
    OrganisationType,
    Phase,
    Reason,
    Recommendation,
    Service,
    SponsorProfile,
    Stage,
    agreements_for,
    lead_type,
    needs_cmo,
    needs_cro,
    providers_of,
    recommend,
    services_of,
    typical_services,
)
from pharma_outsourcing._sources import GUIDE, PRACTICE_CRO_AND_CDMO, SEED_CDMO
from pharma_outsourcing._vocabulary import Vocabulary
from strategies import phases, profiles, profiles_needing_both, service_sets

CRO, CMO, CDMO = OrganisationType.CRO, OrganisationType.CMO, OrganisationType.CDMO
P = Phase


# --- needs_cro, needs_cmo, lead_type (DESIGN.md §3) ----------------------------------


@given(phases)
def test_needs_agree_with_typical_services(phase: Phase) -> None:
    typical = typical_services(phase)
    assert needs_cro(phase) == bool(typical & services_of(CRO))
    assert needs_cmo(phase) == bool(typical & services_of(CMO))


@pytest.mark.parametrize(
    ("phase", "cro", "cmo"),
    [
        # A CRO in every phase (after approval: post-marketing safety and regulatory
        # lifecycle work); a CMO from preclinical (the first GMP drug substance and the
        # first-in-human batches) to commercial, not in discovery.
        (P.DISCOVERY, True, False),
        (P.PRECLINICAL, True, True),
        (P.PHASE_1, True, True),
        (P.PHASE_2, True, True),
        (P.PHASE_3, True, True),
        (P.REGULATORY_REVIEW, True, True),
        (P.COMMERCIAL, True, True),
    ],
)
def test_needs_by_phase(phase: Phase, cro: bool, cmo: bool) -> None:
    assert (needs_cro(phase), needs_cmo(phase)) == (cro, cmo)


@given(phases)
def test_lead_type_is_the_guides_rule_of_thumb(phase: Phase) -> None:
    lead = lead_type(phase)
    if phase.stage is Stage.EARLY:
        assert lead is CRO
    elif phase.stage in (Stage.LATE, Stage.POST_APPROVAL):
        assert lead is CMO
    else:
        typical = typical_services(phase)
        cro, cmo = len(typical & services_of(CRO)), len(typical & services_of(CMO))
        assert lead is (CRO if cro >= cmo else CMO)


def test_mid_stage_lead_is_the_cro_nine_to_eight() -> None:
    # Phase 2: regulatory affairs, four clinical services, data management, biostatistics,
    # medical writing, pharmacovigilance; formulation, API, clinical supply, packaging,
    # quality control, scale-up, technology transfer, logistics.
    typical = typical_services(P.PHASE_2)
    assert (len(typical & services_of(CRO)), len(typical & services_of(CMO))) == (9, 8)
    assert lead_type(P.PHASE_2) is CRO


def test_the_guides_early_phase_is_cro_late_and_post_approval_cmo() -> None:
    assert lead_type(P.PRECLINICAL) is CRO
    assert lead_type(P.PHASE_3) is CMO
    assert lead_type(P.COMMERCIAL) is CMO


# --- recommend: the rule (DESIGN.md §4), restated here --------------------------------


def expected_engagement(profile: SponsorProfile) -> frozenset[OrganisationType]:
    """DESIGN.md §4, written out again: which types to engage for a profile."""
    needed = profile.needed_services
    research, making = needed & services_of(CRO), needed & services_of(CMO)
    if not needed:
        return frozenset()
    if not making:
        return frozenset({CRO})
    if not research:
        return frozenset({CMO})
    if profile.prefers_single_partner is True:
        return frozenset({CDMO})
    if profile.prefers_single_partner is False:
        return frozenset({CRO, CMO})
    # No preference: a CRO and a CDMO while the move to commercial production is ahead.
    if profile.phase <= P.PHASE_3 and profile.horizon >= P.REGULATORY_REVIEW:
        return frozenset({CRO, CDMO})
    return frozenset({CRO, CMO})


@given(profiles())
def test_recommend_follows_the_rule_of_section_4(profile: SponsorProfile) -> None:
    assert recommend(profile).engage == expected_engagement(profile)


@given(profiles_needing_both())
def test_recommend_follows_the_rule_when_both_kinds_are_needed(profile: SponsorProfile) -> None:
    needed = profile.needed_services
    # Kept in case a profile's other fields (a scope) leave out the work the strategy adds.
    assume(needed & services_of(CRO) and needed & services_of(CMO))
    rec = recommend(profile)
    assert rec.engage == expected_engagement(profile)
    ahead = profile.phase <= P.PHASE_3 and profile.horizon >= P.REGULATORY_REVIEW
    preference = profile.prefers_single_partner
    assert (CDMO in rec.engage) == (preference is True or (preference is None and ahead))
    assert (CRO in rec.engage) == (preference is not True)


@given(profiles())
def test_the_alternative_is_the_other_integrated_answer(profile: SponsorProfile) -> None:
    rec = recommend(profile)
    if rec.engage == {CDMO}:
        assert rec.alternative == frozenset({CRO, CDMO})
    elif rec.engage == {CRO, CDMO}:
        assert rec.alternative == frozenset({CDMO})
    elif rec.engage == {CRO, CMO}:
        assert rec.alternative == frozenset({CRO, CDMO})
    else:
        assert rec.engage in ({CRO}, {CMO}, set())
        assert rec.alternative is None


@given(profiles())
def test_every_needed_service_is_assigned_to_an_engaged_type_that_covers_it(
    profile: SponsorProfile,
) -> None:
    rec = recommend(profile)
    assert set(rec.assignments) == profile.needed_services
    for service, org in rec.assignments.items():
        assert org in rec.engage
        assert org in providers_of(service)
        if CRO in rec.engage and service in services_of(CRO):
            assert org is CRO
        if CMO in rec.engage and service in services_of(CMO):
            assert org is CMO
    assert set(rec.assignments.values()) == set(rec.engage)


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


# --- recommend: the reasons ------------------------------------------------------------


def _vocabularies(cls: type[Vocabulary] = Vocabulary) -> Iterator[type[Vocabulary]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _vocabularies(sub)


# Every value written in kebab-case that is not also the member's label ("scale-up" is both).
KEBAB_VALUES = sorted(
    {
        member.value
        for vocabulary in _vocabularies()
        for member in vocabulary
        if "-" in member.value and member.value != member.label
    }
)


def test_the_kebab_values_checked_include_phases_and_services() -> None:
    assert {"phase-1", "api-production", "regulatory-review"} <= set(KEBAB_VALUES)


@given(profiles())
def test_no_reason_text_holds_a_vocabulary_value(profile: SponsorProfile) -> None:
    for reason in recommend(profile).reasons:
        text = reason.text.lower()
        found = [value for value in KEBAB_VALUES if re.search(rf"\b{value}\b", text)]
        assert not found, reason.text


LEAD_WORDS = re.compile(r"\blead(s|ing)?\b|lead partner|lead type|does not fit the", re.I)


@given(profiles())
def test_no_reason_states_the_lead_type(profile: SponsorProfile) -> None:
    for reason in recommend(profile).reasons:
        assert not LEAD_WORDS.search(reason.text), reason.text


@given(profiles())
def test_every_reason_has_text_and_a_source(profile: SponsorProfile) -> None:
    for reason in recommend(profile).reasons:
        assert reason.text.strip().endswith(".")
        assert reason.source.strip()
        assert reason.criterion is None or isinstance(reason.criterion, Criterion)


def applicable_agreements(org_type: OrganisationType, profile: SponsorProfile) -> list[Agreement]:
    """DESIGN.md §8: what ``agreements_for`` gives for the type at the phase and markets."""
    return list(agreements_for(org_type, phase=profile.phase, markets=profile.target_markets))


def expected_citations(rec: Recommendation, profile: SponsorProfile) -> list[tuple[str, str]]:
    """(agreement name, the type's label) for each agreement a recommendation must cite."""
    cited = []
    for org_type in rec.engage:
        assigned = rec.services_for(org_type)
        cited += [
            (agreement.name, org_type.label)
            for agreement in applicable_agreements(org_type, profile)
            if agreement.services & assigned
        ]
    return cited


def _from_guide_or_practice(reason: Reason) -> bool:
    return GUIDE in reason.source or PRACTICE_CRO_AND_CDMO in reason.source


@given(profiles())
def test_the_agreements_cited_are_exactly_those_for_the_assigned_work(
    profile: SponsorProfile,
) -> None:
    rec = recommend(profile)
    regulatory = [r for r in rec.reasons if not _from_guide_or_practice(r)]
    expected = expected_citations(rec, profile)
    assert len(regulatory) == len(expected)
    for org_type in rec.engage:
        for agreement in applicable_agreements(org_type, profile):
            if agreement.services & rec.services_for(org_type):
                assert any(
                    reason.source == "; ".join(agreement.sources)
                    and reason.text.startswith(agreement.name)
                    and f"with the {org_type.label}" in reason.text
                    for reason in regulatory
                ), agreement.name


@given(profiles())
def test_reasons_cite_only_the_guide_practice_notes_and_agreements(
    profile: SponsorProfile,
) -> None:
    rec = recommend(profile)
    agreement_sources = {
        "; ".join(agreement.sources)
        for org_type in rec.engage
        for agreement in applicable_agreements(org_type, profile)
    }
    for reason in rec.reasons:
        assert _from_guide_or_practice(reason) or reason.source in agreement_sources


# --- Examples: the situations of issue 13 ----------------------------------------------


def test_ind_enabling_small_molecule_programme_needs_a_manufacturer_now() -> None:
    profile = SponsorProfile(
        phase=P.PRECLINICAL,
        modalities={Modality.SMALL_MOLECULE},
        dosage_forms={DosageForm.ORAL_SOLID},
        target_markets={Market.US},
        name="IND-enabling virtual biotech",
    )
    rec = recommend(profile)
    assert needs_cmo(P.PRECLINICAL)
    assert rec.engage == {CRO, CDMO}
    assert rec.alternative == frozenset({CDMO})
    assert rec.services_for(CRO) == {
        Service.PRECLINICAL_RESEARCH,
        Service.REGULATORY_AFFAIRS,
        Service.REGULATORY_SUBMISSION,
    }
    assert rec.services_for(CDMO) == {
        Service.FORMULATION_DEVELOPMENT,
        Service.API_PRODUCTION,
        Service.CLINICAL_SUPPLY_MANUFACTURING,
        Service.PACKAGING_AND_LABELLING,
        Service.QUALITY_CONTROL,
    }
    cmc = next(r for r in rec.reasons if r.text.startswith("CMO work needed"))
    assert "typical of preclinical" in cmc.text
    assert "toxicology batch, which need not be made under GMP" in cmc.text
    assert "first GMP drug substance for first-in-human supply" in cmc.text
    assert "released before phase 1 begins" in cmc.text


def test_phase_1_with_no_preference_gets_a_cro_and_a_cdmo() -> None:
    rec = recommend(SponsorProfile(phase=P.PHASE_1))
    assert rec.engage == {CRO, CDMO}
    assert rec.alternative == frozenset({CDMO})
    assert rec.assignments[Service.SITE_MONITORING] is CRO
    assert rec.assignments[Service.PATIENT_RECRUITMENT] is CRO
    assert rec.assignments[Service.API_PRODUCTION] is CDMO
    assert rec.services_for(CDMO) == typical_services(P.PHASE_1) & services_of(CMO)
    why = [r for r in rec.reasons if SEED_CDMO in r.source]
    assert len(why) == 1
    assert why[0].criterion is Criterion.SCALABILITY
    assert "is at phase 1 and is carried to commercial" in why[0].text
    assert "from the first clinical supply to commercial" in why[0].text
    assert "not transferred between manufacturers before launch" in why[0].text
    assert "streamlines" in why[0].text


def test_phase_1_preferring_one_partner_gets_a_cdmo_with_the_practice_note() -> None:
    rec = recommend(SponsorProfile(phase=P.PHASE_1, prefers_single_partner=True))
    assert rec.engage == {CDMO}
    assert rec.alternative == frozenset({CRO, CDMO})
    assert set(rec.assignments.values()) == {CDMO}
    note = [r for r in rec.reasons if PRACTICE_CRO_AND_CDMO in r.source]
    assert len(note) == 1
    assert "Few companies run clinical operations and manufacturing together" in note[0].text
    assert "exist mainly for discovery and IND-enabling work" in note[0].text
    assert "a CRO with one CDMO for all the manufacturing keeps most of the benefit" in (
        note[0].text
    )


def test_phase_3_cro_only_engagement_does_not_speak_of_a_lead_cmo() -> None:
    plant = frozenset(typical_services(P.PHASE_3) & services_of(CMO))
    rec = recommend(SponsorProfile(phase=P.PHASE_3, in_house=plant))
    assert rec.engage == {CRO}
    assert rec.alternative is None
    assert any(r.text.startswith("Done in house, so not outsourced: ") for r in rec.reasons)
    assert any("so a CRO is enough" in r.text for r in rec.reasons)
    for reason in rec.reasons:
        assert "lead partner type" not in reason.text
        assert "CMO" not in reason.text


def test_regulatory_review_names_the_manufacturer_to_carry_into_commercial_supply() -> None:
    rec = recommend(SponsorProfile(phase=P.REGULATORY_REVIEW, target_markets={Market.US}))
    assert rec.engage == {CRO, CMO}
    assert rec.alternative == frozenset({CRO, CDMO})
    note = [r for r in rec.reasons if "named in the marketing application" in r.text]
    assert len(note) == 1
    assert "the one to carry into commercial supply" in note[0].text
    assert note[0].text.startswith("At regulatory review")


def test_commercial_product_with_pharmacovigilance_needs_a_cro_after_approval() -> None:
    assert needs_cro(P.COMMERCIAL)
    rec = recommend(SponsorProfile(phase=P.COMMERCIAL))
    assert rec.engage == {CRO, CMO}
    assert rec.alternative == frozenset({CRO, CDMO})
    assert rec.assignments[Service.PHARMACOVIGILANCE] is CRO
    assert rec.assignments[Service.REGULATORY_AFFAIRS] is CRO
    assert rec.assignments[Service.COMMERCIAL_PRODUCTION] is CMO
    cro = next(r for r in rec.reasons if r.text.startswith("CRO work needed"))
    assert "A CRO is still needed after approval" in cro.text
    assert "post-marketing safety reporting and regulatory lifecycle work go on" in cro.text
    assert any("already commercial" in r.text for r in rec.reasons)


def test_commercial_product_outsourcing_only_pharmacovigilance_needs_only_a_cro() -> None:
    rec = recommend(SponsorProfile(phase=P.COMMERCIAL, services={Service.PHARMACOVIGILANCE}))
    assert rec.engage == {CRO}
    assert rec.alternative is None
    assert any("post-marketing safety reporting goes on" in r.text for r in rec.reasons)


def test_phase_1_that_stops_before_review_gets_specialists() -> None:
    rec = recommend(SponsorProfile(phase=P.PHASE_1, horizon=P.PHASE_3))
    assert rec.engage == {CRO, CMO}
    assert rec.alternative == frozenset({CRO, CDMO})
    assert any("stops at phase 3, before regulatory review" in r.text for r in rec.reasons)


def test_preference_overrides_the_default() -> None:
    single = recommend(
        SponsorProfile(phase=P.PHASE_1, horizon=P.PHASE_3, prefers_single_partner=True)
    )
    split = recommend(SponsorProfile(phase=P.PHASE_1, prefers_single_partner=False))
    assert single.engage == {CDMO}
    assert split.engage == {CRO, CMO}
    assert split.alternative == frozenset({CRO, CDMO})
    assert split.services_for(CRO) == typical_services(P.PHASE_1) & services_of(CRO)
    cmo_work = split.services_for("cmo")  # type: ignore[arg-type]
    assert cmo_work == typical_services(P.PHASE_1) & services_of(CMO)


def test_discovery_needs_only_a_cro() -> None:
    rec = recommend(SponsorProfile(phase=P.DISCOVERY))
    assert rec.engage == {CRO}
    assert set(rec.assignments) == {Service.DISCOVERY_RESEARCH}
    assert any(r.text == "Only research work is needed, so a CRO is enough." for r in rec.reasons)


def test_nothing_needed_engages_nothing_with_a_reason() -> None:
    everything = typical_services(P.PHASE_2)
    rec = recommend(SponsorProfile(phase=P.PHASE_2, in_house=everything))
    assert rec.engage == set()
    assert rec.assignments == {}
    assert rec.alternative is None
    assert any("Nothing needs outsourcing at phase 2" in r.text for r in rec.reasons)
    explicit_none = recommend(SponsorProfile(phase=P.PHASE_2, services=frozenset()))
    assert explicit_none.engage == set()
    assert any("names no services" in r.text for r in explicit_none.reasons)


def test_in_house_work_the_phase_does_not_need_is_not_mentioned() -> None:
    rec = recommend(SponsorProfile(phase=P.PHASE_2, in_house={Service.DISCOVERY_RESEARCH}))
    assert not any("in house" in r.text for r in rec.reasons)


# --- The value object ------------------------------------------------------------------


def test_recommendation_is_hashable_and_compares_by_value() -> None:
    a = recommend(SponsorProfile(phase=P.PHASE_2))
    b = recommend(SponsorProfile(phase=P.PHASE_2))
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


@pytest.mark.parametrize("profile", ["phase-1", None, P.PHASE_1, {"phase": "phase-1"}])
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
        attrs.evolve(rec, engage={"contract lab"})
    with pytest.raises(InvalidInputError):
        attrs.evolve(rec, alternative={3})  # type: ignore[arg-type]
    assert attrs.evolve(rec, alternative={CDMO}).alternative == frozenset({CDMO})
