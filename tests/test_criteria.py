"""The six scoring functions: bounds, consistency with Basis.scores, and every reason text."""

from __future__ import annotations

import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pharma_outsourcing import (
    CRITERIA,
    Audit,
    AuditOutcome,
    Basis,
    Capability,
    Criterion,
    DosageForm,
    Evidence,
    Framework,
    Inspection,
    InspectionOutcome,
    InvalidInputError,
    Market,
    Modality,
    OrganisationType,
    Partner,
    Phase,
    Regulator,
    Service,
    SponsorProfile,
    Submission,
    SubmissionOutcome,
    TherapeuticArea,
    cultural_fit,
    geographic_footprint,
    latest_year,
    regulatory_track_record,
    scalability,
    stage_of_development,
    technical_expertise,
)
from pharma_outsourcing._sources import FDA_BIMO, FDA_INSPECTION_CLASSIFICATION, SEED_SELECTION
from strategies import CURRENT_YEAR, bases, candidate_lists, partners

CRO, CMO, CDMO = OrganisationType.CRO, OrganisationType.CMO, OrganisationType.CDMO
AS_OF = 2024


def basis(**profile: object) -> Basis:
    services = profile.pop("ranked_for", None)
    made = SponsorProfile(**profile)  # type: ignore[arg-type]
    if services is None:
        return Basis(profile=made, as_of=AS_OF)
    return Basis(profile=made, services=services, as_of=AS_OF)  # type: ignore[arg-type]


def nai(year: int = AS_OF, regulator: Regulator = Regulator.FDA) -> Inspection:
    return Inspection(regulator=regulator, year=year, outcome=InspectionOutcome.NO_ACTION_INDICATED)


# --- Properties -------------------------------------------------------------------------

_SOURCES = {
    SEED_SELECTION,
    f"{SEED_SELECTION}; {FDA_INSPECTION_CLASSIFICATION}",
    f"{SEED_SELECTION}; {FDA_BIMO}",
}


@given(bases(), partners())
def test_every_criterion_scores_in_unit_interval_with_a_one_sentence_reason(
    chosen: Basis, partner: Partner
) -> None:
    fast = chosen.scores(partner)
    for index, (criterion, function) in enumerate(CRITERIA.items()):
        scored = function(partner, chosen)
        assert 0 <= scored.score <= 1, criterion
        assert scored.score == fast[index]
        assert scored.reason.strip()
        assert "\n" not in scored.reason
        assert not scored.reason.endswith(".")
        assert scored.source in _SOURCES


@given(bases(), partners())
def test_evidence_says_what_each_score_rests_on(chosen: Basis, partner: Partner) -> None:
    evidence = dict(zip(Criterion, chosen.evidence(partner), strict=True))
    stated, assumed = Evidence.STATED, Evidence.ASSUMED
    assert evidence[Criterion.STAGE_OF_DEVELOPMENT] is stated
    assert evidence[Criterion.SCALABILITY] is stated
    assert evidence[Criterion.GEOGRAPHIC_FOOTPRINT] is (
        stated if chosen.profile.target_markets else assumed
    )
    assert evidence[Criterion.CULTURAL_FIT] is (
        assumed if partner.communication is None else stated
    )
    # An assumed track record is the neutral prior; a recorded one names what it counted.
    track = regulatory_track_record(partner, chosen)
    if evidence[Criterion.REGULATORY_TRACK_RECORD] is assumed:
        assert track.score == 0.5
        assert track.reason.endswith("(neutral)")
    else:
        assert evidence[Criterion.REGULATORY_TRACK_RECORD] is Evidence.RECORDED
        assert "(neutral)" not in track.reason
    if evidence[Criterion.TECHNICAL_EXPERTISE] is assumed:
        assert technical_expertise(partner, chosen).reason.startswith("has nothing to match")


_BETTER = [
    (InspectionOutcome.OFFICIAL_ACTION_INDICATED, InspectionOutcome.VOLUNTARY_ACTION_INDICATED),
    (InspectionOutcome.WARNING_LETTER, InspectionOutcome.NO_ACTION_INDICATED),
    (InspectionOutcome.IMPORT_ALERT, InspectionOutcome.IMPORT_ALERT_REMOVED),
    (InspectionOutcome.NON_COMPLIANT, InspectionOutcome.COMPLIANT),
    (InspectionOutcome.WARNING_LETTER, InspectionOutcome.CLOSE_OUT_LETTER),
    (InspectionOutcome.VOLUNTARY_ACTION_INDICATED, InspectionOutcome.NO_ACTION_INDICATED),
    (InspectionOutcome.VOLUNTARY_ACTION_INDICATED, InspectionOutcome.COMPLIANT),
]


@given(bases(), partners(), st.data())
def test_a_better_standing_never_lowers_the_track_record(
    chosen: Basis, partner: Partner, data: st.DataObject
) -> None:
    if not partner.inspections:
        return
    index = data.draw(st.integers(0, len(partner.inspections) - 1))
    worse, better = data.draw(st.sampled_from(_BETTER))
    assert better.standing is not worse.standing
    records = list(partner.inspections)
    records[index] = attrs.evolve(records[index], outcome=worse)
    before = attrs.evolve(partner, inspections=records)
    records[index] = attrs.evolve(records[index], outcome=better)
    after = attrs.evolve(partner, inspections=records)
    assert chosen.scores(after)[2] >= chosen.scores(before)[2] - 1e-12


@given(bases(), partners(), st.sampled_from(list(Regulator)), st.sampled_from(list(Framework)))
def test_an_unacceptable_outcome_outweighs_any_number_of_clean_ones(
    chosen: Basis, partner: Partner, regulator: Regulator, framework: Framework
) -> None:
    letter = Inspection(
        regulator=regulator,
        year=chosen.as_of or CURRENT_YEAR,
        outcome=InspectionOutcome.WARNING_LETTER,
        framework=framework,
    )
    clean = [attrs.evolve(letter, outcome=InspectionOutcome.NO_ACTION_INDICATED)] * 20
    warned = attrs.evolve(partner, inspections=[*partner.inspections, letter, *clean])
    counted = framework in chosen.requirements.frameworks and chosen.requirements.counts(regulator)
    if counted and chosen.as_of is not None:
        assert chosen.scores(warned)[2] <= 0.25


@given(candidate_lists)
def test_latest_year_is_the_latest_record(candidates: list[Partner]) -> None:
    records = [r.year for p in candidates for r in p.inspections]
    records += [r.year for p in candidates for r in p.audits]
    records += [r.year for p in candidates for r in p.submissions]
    assert latest_year(candidates) == (max(records) if records else None)


def test_criteria_come_in_criterion_order() -> None:
    assert list(CRITERIA) == list(Criterion)


# --- Basis ---------------------------------------------------------------------------------


def test_basis_defaults_to_the_profiles_needed_services() -> None:
    profile = SponsorProfile(phase=Phase.PHASE_1, in_house={Service.SITE_MONITORING})
    assert Basis(profile=profile).services == profile.needed_services
    assert Basis(profile=profile).as_of is None
    assert Basis(profile=profile).gmp_evidence_years == 3


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("profile", "phase-1"),
        ("as_of", 0),
        ("as_of", True),
        ("as_of", "2024"),
        ("gmp_evidence_years", -1),
        ("gmp_evidence_years", 2.5),
    ],
)
def test_basis_refuses_bad_input(field: str, value: object) -> None:
    arguments: dict[str, object] = {"profile": SponsorProfile(phase=Phase.PHASE_1)}
    arguments[field] = value
    with pytest.raises(InvalidInputError) as error:
        Basis(**arguments)  # type: ignore[arg-type]
    assert error.value.field == field


@pytest.mark.parametrize("services", [5, "site-monitoring", ["no such service"]])
def test_basis_refuses_services_that_are_not_a_set_of_services(services: object) -> None:
    with pytest.raises(InvalidInputError):
        Basis(profile=SponsorProfile(phase=Phase.PHASE_1), services=services)  # type: ignore[arg-type]


def test_basis_parses_service_names() -> None:
    names: list[Service] = ["site monitoring"]  # type: ignore[list-item]
    chosen = Basis(profile=SponsorProfile(phase=Phase.PHASE_1), services=names)
    assert chosen.services == {Service.SITE_MONITORING}


def test_parts_follow_the_services_ranked_for_else_the_partners_type() -> None:
    research_only = basis(phase=Phase.PHASE_1, ranked_for={Service.SITE_MONITORING})
    cdmo = Partner(name="A", organisation_type=CDMO)
    assert research_only.parts(cdmo) == (True, False)
    nothing = basis(phase=Phase.PHASE_1, ranked_for=set())
    assert nothing.parts(Partner(name="A", organisation_type=CRO)) == (True, False)
    assert nothing.parts(Partner(name="A", organisation_type=CMO)) == (False, True)
    assert nothing.parts(cdmo) == (True, True)


def test_failures_are_the_screening_rules() -> None:
    chosen = basis(
        phase=Phase.PHASE_3,
        ranked_for={Service.API_PRODUCTION, Service.QUALITY_CONTROL, Service.SCALE_UP},
    )
    cmo = Partner(
        name="A",
        organisation_type=CMO,
        services={Service.QUALITY_CONTROL, Service.SCALE_UP},
    )
    missing, gmp = chosen.failures(cmo)
    assert missing.text == "does not offer 1 of the 3 services it is ranked for: API production"
    assert missing.criterion is Criterion.TECHNICAL_EXPERTISE
    assert gmp.text.startswith("has no GMP evidence: no acceptable GMP inspection by a regulator")
    assert gmp.criterion is Criterion.REGULATORY_TRACK_RECORD
    assert not chosen.passes(cmo)
    certified = attrs.evolve(cmo, services=frozenset(chosen.services), gmp_certified=True)
    assert chosen.failures(certified) == ()
    assert chosen.passes(certified)


# --- 1. Stage of development --------------------------------------------------------------


@pytest.mark.parametrize(
    ("phase", "org_type", "services", "phases", "expected"),
    [
        (
            Phase.PHASE_2,
            CRO,
            None,
            None,
            (1.0, "serves phase 2, the one phase of the mid stage counted"),
        ),
        (  # a CRO at phase 3, where CRO work peaks, is not marked down for its type
            Phase.PHASE_3,
            CRO,
            {Service.BIOSTATISTICS},
            None,
            (
                1.0,
                (
                    "serves 2 of 2 phases of the late stage in which this work is bought: "
                    "phase 3, regulatory review"
                ),
            ),
        ),
        (  # a CMO at phase 1, where the library itself says a CMO is needed
            Phase.PHASE_1,
            CMO,
            {Service.CLINICAL_SUPPLY_MANUFACTURING},
            None,
            (1.0, "serves phase 1, the one phase of the early stage counted"),
        ),
        (
            Phase.PHASE_3,
            CDMO,
            {Service.BIOSTATISTICS},
            {Phase.PHASE_3},
            (
                0.5,
                (
                    "serves 1 of 2 phases of the late stage in which this work is bought: "
                    "phase 3; not regulatory review"
                ),
            ),
        ),
    ],
)
def test_stage_of_development_reasons(
    phase: Phase,
    org_type: OrganisationType,
    services: set[Service] | None,
    phases: set[Phase] | None,
    expected: tuple[float, str],
) -> None:
    partner = Partner(name="A", organisation_type=org_type)
    if phases is not None:
        partner = attrs.evolve(partner, phases=frozenset(phases))
    chosen = basis(phase=phase) if services is None else basis(phase=phase, ranked_for=services)
    assert stage_of_development(partner, chosen)[:2] == expected


@given(bases(), partners())
def test_the_stage_never_depends_on_the_partners_type(chosen: Basis, partner: Partner) -> None:
    scores = set()
    for org_type in OrganisationType:
        same = Partner(name=partner.name, organisation_type=org_type, phases=partner.phases)
        scores.add(stage_of_development(same, chosen).score)
    assert len(scores) == 1


# --- 2. Technical expertise ---------------------------------------------------------------


def test_expertise_counts_the_named_needs_covered() -> None:
    chosen = basis(
        phase=Phase.PHASE_2,
        therapeutic_area=TherapeuticArea.ONCOLOGY,
        modalities={Modality.BIOLOGIC},
        dosage_forms={DosageForm.STERILE_INJECTABLE},
        requires={Capability.ASEPTIC_PROCESSING},
    )
    cdmo = Partner(
        name="A",
        organisation_type=CDMO,
        therapeutic_areas={TherapeuticArea.ONCOLOGY},
        dosage_forms={DosageForm.STERILE_INJECTABLE},
    )
    score, reason, source = technical_expertise(cdmo, chosen)
    assert score == pytest.approx(2 / 4)
    assert reason == (
        "has 2 of 4 areas of expertise the programme needs: oncology, sterile injectable; "
        "not biologic, aseptic processing"
    )
    assert source == SEED_SELECTION


def test_expertise_with_none_covered_lists_what_is_missing() -> None:
    chosen = basis(
        phase=Phase.PHASE_2,
        therapeutic_area=TherapeuticArea.ONCOLOGY,
        ranked_for={Service.SITE_MONITORING},
    )
    partner = Partner(name="A", organisation_type=CRO)
    assert technical_expertise(partner, chosen)[:2] == (
        0.0,
        "has 0 of 1 areas of expertise the programme needs; not oncology",
    )


@pytest.mark.parametrize(
    ("org_type", "text"),
    [
        (CRO, "has nothing to match: the profile names no therapeutic area"),
        (CMO, "has nothing to match: the profile names no modality, dosage form or capability"),
        (
            CDMO,
            (
                "has nothing to match: the profile names no therapeutic area and no "
                "modality, dosage form or capability"
            ),
        ),
    ],
)
def test_expertise_with_nothing_named_is_full_marks(org_type: OrganisationType, text: str) -> None:
    chosen = basis(phase=Phase.PHASE_2, ranked_for=set())
    assert technical_expertise(Partner(name="A", organisation_type=org_type), chosen)[:2] == (
        1.0,
        text,
    )


def test_expertise_judges_only_the_part_ranked_for() -> None:
    chosen = basis(
        phase=Phase.PHASE_2,
        therapeutic_area=TherapeuticArea.ONCOLOGY,
        modalities={Modality.BIOLOGIC},
        ranked_for={Service.API_PRODUCTION},
    )
    cdmo = Partner(name="A", organisation_type=CDMO, modalities={Modality.BIOLOGIC})
    assert technical_expertise(cdmo, chosen)[:2] == (
        1.0,
        "has 1 of 1 areas of expertise the programme needs: biologic",
    )


# --- 3. Regulatory track record -----------------------------------------------------------

COMMERCIAL_SUPPLY = {Service.COMMERCIAL_PRODUCTION}


def test_no_record_is_neutral() -> None:
    chosen = basis(
        phase=Phase.COMMERCIAL, target_markets={Market.US, Market.EU}, ranked_for=COMMERCIAL_SUPPLY
    )
    cmo = Partner(name="A", organisation_type=CMO)
    assert regulatory_track_record(cmo, chosen) == (
        0.5,
        (
            "no GMP inspection by FDA or the EU/EEA competent authorities and no GMP audit of "
            "yours on record (neutral)"
        ),
        f"{SEED_SELECTION}; {FDA_INSPECTION_CLASSIFICATION}",
    )


def test_inspections_count_by_outcome_with_recency_and_unacceptable_ones_dominate() -> None:
    chosen = basis(phase=Phase.COMMERCIAL, target_markets={Market.US}, ranked_for=COMMERCIAL_SUPPLY)
    warning = Inspection(
        regulator=Regulator.FDA, year=AS_OF - 5, outcome=InspectionOutcome.WARNING_LETTER
    )
    elsewhere = nai(regulator=Regulator.NMPA)
    cmo = Partner(
        name="A", organisation_type=CMO, inspections=[nai(), warning, nai(AS_OF - 10), elsewhere]
    )
    score, reason, _ = regulatory_track_record(cmo, chosen)
    # Clean weights 1 and 1/4 for ages 0 and 10 with the neutral prior; the letter, five
    # years old (weight 1/2), keeps 1 - 0.75/2 of the score; NMPA is outside the targets.
    assert score == pytest.approx((0.5 + 1 + 0.25) / (1 + 1 + 0.25) * (1 - 0.75 * 0.5))
    assert reason == (
        "GMP inspections by FDA: 2 no action indicated (NAI), 1 warning letter, latest 2024; "
        "unacceptable outcomes outweigh clean ones"
    )


def test_gcp_inspections_judge_clinical_work_and_gmp_ones_do_not() -> None:
    chosen = basis(phase=Phase.PHASE_3, ranked_for={Service.SITE_MONITORING})
    bimo = Inspection(
        regulator=Regulator.FDA,
        year=AS_OF,
        outcome=InspectionOutcome.NO_ACTION_INDICATED,
        framework=Framework.GCP,
        source="FDA BIMO",
    )
    cro = Partner(name="A", organisation_type=CRO, inspections=[bimo, nai()])
    score, reason, source = regulatory_track_record(cro, chosen)
    assert score == pytest.approx(0.75)
    assert reason == (
        "GCP inspections by any regulator: 1 no action indicated (NAI), latest 2024; "
        "records from FDA BIMO"
    )
    assert source == f"{SEED_SELECTION}; {FDA_BIMO}"


def test_approved_audits_count_and_a_failed_one_penalises() -> None:
    chosen = basis(phase=Phase.COMMERCIAL, ranked_for=COMMERCIAL_SUPPLY)
    audits = [
        Audit(year=AS_OF, outcome=AuditOutcome.APPROVED),
        Audit(year=AS_OF, outcome=AuditOutcome.APPROVED_WITH_CONDITIONS),
    ]
    cmo = Partner(name="A", organisation_type=CMO, audits=audits)
    score, reason, _ = regulatory_track_record(cmo, chosen)
    assert score == pytest.approx((0.5 + 1 + 0.75) / 3)
    assert reason == "your GMP audits: 1 approved, 1 approved with conditions, latest 2024"
    failed = attrs.evolve(cmo, audits=[Audit(year=AS_OF, outcome=AuditOutcome.NOT_APPROVED)])
    assert regulatory_track_record(failed, chosen).score == pytest.approx(0.5 * 0.25)


def test_a_recent_warning_letter_weighs_more_than_an_old_one() -> None:
    chosen = basis(phase=Phase.COMMERCIAL, ranked_for=COMMERCIAL_SUPPLY)

    def with_warning(year: int) -> float:
        letter = Inspection(
            regulator=Regulator.FDA, year=year, outcome=InspectionOutcome.WARNING_LETTER
        )
        cmo = Partner(name="A", organisation_type=CMO, inspections=[letter])
        return regulatory_track_record(cmo, chosen).score

    assert with_warning(AS_OF) < with_warning(AS_OF - 10) < 0.5


def test_a_warning_letter_site_never_outscores_a_vai_site() -> None:
    chosen = basis(phase=Phase.COMMERCIAL, ranked_for=COMMERCIAL_SUPPLY)  # no target markets
    letter = Inspection(
        regulator=Regulator.FDA, year=AS_OF, outcome=InspectionOutcome.WARNING_LETTER
    )
    vai = attrs.evolve(letter, outcome=InspectionOutcome.VOLUNTARY_ACTION_INDICATED)
    clean = [
        Inspection(regulator=Regulator.EMA, year=AS_OF, outcome=InspectionOutcome.COMPLIANT)
    ] * 3
    warned = Partner(name="A", organisation_type=CMO, inspections=[letter, *clean])
    observed = Partner(name="B", organisation_type=CMO, inspections=[vai])
    assert chosen.scores(warned)[2] < chosen.scores(observed)[2]


def test_records_after_as_of_count_as_current() -> None:
    chosen = basis(phase=Phase.COMMERCIAL, ranked_for=COMMERCIAL_SUPPLY)
    later = Partner(name="A", organisation_type=CMO, inspections=[nai(AS_OF + 1)])
    now = Partner(name="A", organisation_type=CMO, inspections=[nai(AS_OF)])
    assert (
        regulatory_track_record(later, chosen).score == regulatory_track_record(now, chosen).score
    )


def test_without_as_of_every_record_is_current() -> None:
    profile = SponsorProfile(phase=Phase.COMMERCIAL, services=COMMERCIAL_SUPPLY)
    cmo = Partner(name="A", organisation_type=CMO, inspections=[nai(1990), nai(2020)])
    assert regulatory_track_record(cmo, Basis(profile=profile)).score == pytest.approx(2.5 / 3)


def test_very_old_records_still_count_a_little() -> None:
    chosen = basis(phase=Phase.COMMERCIAL, ranked_for=COMMERCIAL_SUPPLY)
    cmo = Partner(name="A", organisation_type=CMO, inspections=[nai(1938)])
    weight = 2 ** (-(AS_OF - 1938) / 5)
    assert regulatory_track_record(cmo, chosen).score == pytest.approx(
        (0.5 + weight) / (1 + weight)
    )
    assert regulatory_track_record(cmo, chosen).score > 0.5


def test_records_more_than_a_century_before_as_of_are_weighed_too() -> None:
    profile = SponsorProfile(phase=Phase.COMMERCIAL, services=COMMERCIAL_SUPPLY)
    cmo = Partner(name="A", organisation_type=CMO, inspections=[nai(1990)])
    weight = 2 ** (-(2100 - 1990) / 5)
    score = regulatory_track_record(cmo, Basis(profile=profile, as_of=2100)).score
    assert score == pytest.approx((0.5 + weight) / (1 + weight))


def test_submissions_support_regulatory_work_only_and_pending_ones_do_not_count() -> None:
    chosen = basis(phase=Phase.PHASE_1, ranked_for={Service.REGULATORY_SUBMISSION})
    submissions = [
        Submission(regulator=Regulator.EMA, year=AS_OF, outcome=SubmissionOutcome.APPROVED),
        Submission(regulator=Regulator.PMDA, year=2020, outcome=SubmissionOutcome.REFUSED),
        Submission(regulator=Regulator.FDA, year=AS_OF, outcome=SubmissionOutcome.PENDING),
    ]
    cro = Partner(name="A", organisation_type=CRO, submissions=submissions)
    score, reason, source = regulatory_track_record(cro, chosen)
    refused_weight = 0.5 * 2 ** (-4 / 5)  # a submission weighs half an inspection
    assert score == pytest.approx((0.5 + 0.5) / (1 + 0.5 + refused_weight))
    assert reason == "submissions to any regulator: 1 approved, 1 refused, latest 2024"
    assert source == SEED_SELECTION
    statistics = basis(phase=Phase.PHASE_3, ranked_for={Service.BIOSTATISTICS})
    assert regulatory_track_record(cro, statistics).score == 0.5  # applications are sponsors'


def test_work_under_no_framework_has_no_record_to_judge() -> None:
    chosen = basis(phase=Phase.DISCOVERY, ranked_for={Service.DISCOVERY_RESEARCH})
    cro = Partner(name="A", organisation_type=CRO, inspections=[nai()])
    assert regulatory_track_record(cro, chosen)[:2] == (
        0.5,
        "no record judges this work, which no practice standard governs (neutral)",
    )


# --- 4. Scalability ---------------------------------------------------------------------------


def test_scalability_is_the_share_of_the_programme_served() -> None:
    chosen = basis(phase=Phase.PHASE_1, horizon=Phase.PHASE_3)
    cro = Partner(name="A", organisation_type=CRO, phases={Phase.PHASE_1, Phase.PHASE_3})
    score, reason, _ = scalability(cro, chosen)
    assert score == pytest.approx(2 / 3)
    assert reason == (
        "serves 2 of 3 phases from phase 1 to phase 3 in which this work is bought: phase 1, "
        "phase 3; not phase 2"
    )


def test_scalability_counts_only_the_phases_the_ranked_work_is_bought_in() -> None:
    chosen = basis(phase=Phase.PHASE_3, ranked_for={Service.BIOSTATISTICS})
    specialist = Partner(
        name="A", organisation_type=CRO, phases={Phase.PHASE_3, Phase.REGULATORY_REVIEW}
    )
    cdmo = Partner(name="B", organisation_type=CDMO)
    assert chosen.scale_phases == (Phase.PHASE_3, Phase.REGULATORY_REVIEW)
    assert scalability(specialist, chosen).score == scalability(cdmo, chosen).score == 1.0


def test_scalability_of_a_one_phase_programme() -> None:
    chosen = basis(phase=Phase.COMMERCIAL)
    cmo = Partner(name="A", organisation_type=CMO)
    assert scalability(cmo, chosen)[:2] == (
        1.0,
        "serves 1 of 1 phases (the programme stays in commercial): commercial",
    )


# --- 5. Geographic footprint ---------------------------------------------------------------


def test_footprint_counts_target_markets() -> None:
    chosen = basis(phase=Phase.PHASE_2, target_markets={Market.US, Market.EU, Market.JAPAN})
    cro = Partner(name="A", organisation_type=CRO, markets={Market.US, Market.EU, Market.INDIA})
    score, reason, _ = geographic_footprint(cro, chosen)
    assert score == pytest.approx(2 / 3)
    assert reason == "operates in 2 of 3 target markets: US, EU; not Japan"


def test_footprint_in_none_of_the_targets() -> None:
    chosen = basis(phase=Phase.PHASE_2, target_markets={Market.SOUTH_KOREA, Market.UK})
    cro = Partner(name="A", organisation_type=CRO)
    assert geographic_footprint(cro, chosen)[:2] == (
        0.0,
        "operates in 0 of 2 target markets; not UK, South Korea",
    )


def test_footprint_without_targets_is_full_marks() -> None:
    cro = Partner(name="A", organisation_type=CRO)
    assert geographic_footprint(cro, basis(phase=Phase.PHASE_2))[:2] == (
        1.0,
        "has no target market to cover: the profile names none",
    )


# --- 6. Cultural fit -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rating", "expected"),
    [
        (None, (0.5, "is not yet rated for cultural fit and communication (neutral)")),
        (0, (0.0, "is rated 0 of 5 for cultural fit and communication")),
        (4.5, (0.9, "is rated 4.5 of 5 for cultural fit and communication")),
        (5, (1.0, "is rated 5 of 5 for cultural fit and communication")),
    ],
)
def test_cultural_fit_reasons(rating: float | None, expected: tuple[float, str]) -> None:
    cro = Partner(name="A", organisation_type=CRO, communication=rating)
    assert cultural_fit(cro, basis(phase=Phase.PHASE_2))[:2] == expected


@given(bases(), candidate_lists)
def test_score_rows_are_each_partners_scores_criterion_by_criterion(
    chosen: Basis, candidates: list[Partner]
) -> None:
    rows = chosen.score_rows(candidates)
    assert rows == [chosen.scores(p) for p in candidates]
    for partner, row in zip(candidates, rows, strict=True):
        assert row == tuple(function(partner, chosen).score for function in CRITERIA.values())


@pytest.mark.parametrize("partners", [None, 5, "A", Partner(name="A", organisation_type=CRO)])
def test_latest_year_refuses_what_is_not_a_collection_of_partners(partners: object) -> None:
    # Issue 11, item 8: our error naming the argument, not a TypeError.
    with pytest.raises(InvalidInputError) as caught:
        latest_year(partners)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.allowed) == ("partners", "a list of Partner objects")
    with pytest.raises(InvalidInputError, match=r"partners\[1\]"):
        latest_year([Partner(name="A", organisation_type=CRO), "B"])  # type: ignore[list-item]


@pytest.mark.parametrize(("as_of", "allowed"), [(1, True), (9999, True), (10_000, False)])
def test_a_basis_year_is_a_calendar_year(as_of: int, allowed: bool) -> None:
    profile = SponsorProfile(phase=Phase.PHASE_1)
    if allowed:
        assert Basis(profile=profile, as_of=as_of).as_of == as_of
    else:
        with pytest.raises(InvalidInputError, match="a year from 1 to 9999"):
            Basis(profile=profile, as_of=as_of)


def test_a_basis_names_what_it_allows_for_a_profile() -> None:
    with pytest.raises(InvalidInputError) as caught:
        Basis(profile=None)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.allowed) == ("profile", "a SponsorProfile")


def test_bases_pickle_and_compare_by_their_fields() -> None:
    chosen = basis(phase=Phase.PHASE_2, target_markets={Market.US})
    copy = pickle.loads(pickle.dumps(chosen))
    assert copy == chosen
    cro = Partner(name="A", organisation_type=CRO, inspections=[nai(AS_OF - 3)])
    assert copy.scores(cro) == chosen.scores(cro)
