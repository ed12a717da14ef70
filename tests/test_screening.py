"""Screening (_screening): the six exclusions of DESIGN.md §6, each stated once.

The properties hold each rule against a restatement of DESIGN.md §6 written here, and
check what each kind of record does to a partner that otherwise passes; the examples pin
the situations a practitioner's review found wrong in 0.1.
"""

from __future__ import annotations

import datetime

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pharma_outsourcing import (
    DOSAGE_FORM_WORK,
    MODALITY_WORK,
    Audit,
    AuditOutcome,
    Capability,
    Criterion,
    DosageForm,
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
    Standing,
    rank,
)
from pharma_outsourcing._screening import GMP_EVIDENCE_YEARS, Requirements
from pharma_outsourcing._sources import (
    CFR_210_2C,
    CFR_211_22A,
    EU_GMP_CERTIFICATES,
    FDA_PHASE_1_CGMP,
    FDA_WARNING_LETTERS,
)
from strategies import (
    CURRENT_YEAR,
    inspections,
    partners,
    phases,
    profiles,
    service_sets,
    years,
)

CRO, CMO, CDMO = OrganisationType.CRO, OrganisationType.CMO, OrganisationType.CDMO
OUT = InspectionOutcome
FDA, EMA, MHRA = Regulator.FDA, Regulator.EMA, Regulator.MHRA
_CLEARED_BY = {
    OUT.OFFICIAL_ACTION_INDICATED: {OUT.NO_ACTION_INDICATED, OUT.VOLUNTARY_ACTION_INDICATED},
    OUT.WARNING_LETTER: {
        OUT.NO_ACTION_INDICATED,
        OUT.VOLUNTARY_ACTION_INDICATED,
        OUT.CLOSE_OUT_LETTER,
    },
    OUT.IMPORT_ALERT: {OUT.IMPORT_ALERT_REMOVED},
    OUT.NON_COMPLIANT: {OUT.COMPLIANT},
}


def work_for(
    profile: SponsorProfile,
    services: frozenset[Service],
    phase: Phase,
    as_of: int | None,
    years_back: int = GMP_EVIDENCE_YEARS,
) -> Requirements:
    return Requirements.of(profile, services, phase, as_of, years_back)


# --- DESIGN.md §6, restated -----------------------------------------------------------


def _counts(profile: SponsorProfile, regulator: Regulator) -> bool:
    return not profile.target_markets or regulator in {m.regulator for m in profile.target_markets}


def _after(record: Inspection, than: Inspection) -> bool:
    if record.year != than.year:
        return record.year > than.year
    return record.date is not None and than.date is not None and record.date > than.date


def _blocked(profile: SponsorProfile, group: list[Inspection]) -> bool:
    return any(
        record.outcome.standing is Standing.UNACCEPTABLE
        and _counts(profile, record.regulator)
        and not any(
            other.outcome in _CLEARED_BY[record.outcome]
            and other.regulator is record.regulator
            and other.framework is record.framework
            and _after(other, record)
            for other in group
        )
        for record in group
    )


def restated(
    profile: SponsorProfile,
    services: frozenset[Service],
    phase: Phase,
    as_of: int | None,
    partner: Partner,
) -> bool:
    """Whether ``partner`` passes screening, as DESIGN.md §6 words the six rules."""
    # 1. it offers every service it is ranked for; 2. it serves the phase.
    if not services <= partner.services or phase not in partner.phases:
        return False
    # 3. the must-haves that concern those services.
    needed = [
        *((m, partner.modalities) for m in profile.modalities - {Modality.VACCINE}
          if services & MODALITY_WORK),
        *((f, partner.dosage_forms) for f in profile.dosage_forms if services & DOSAGE_FORM_WORK),
        *((c, partner.capabilities) for c in profile.requires if services & c.services),
    ]  # fmt: skip
    if any(member not in shown for member, shown in needed):
        return False
    frameworks = {s.framework_at(phase) for s in services} - {Framework.NONE}
    since = None if as_of is None else as_of - GMP_EVIDENCE_YEARS
    # 4. GMP and GLP evidence.
    for framework, stated in (
        (Framework.GMP, partner.gmp_certified),
        (Framework.GLP, partner.glp_compliant),
    ):
        if framework not in frameworks or stated:
            continue
        if since is None:
            return False
        inspected = any(
            r.year >= since
            and r.framework is framework
            and r.outcome.is_inspection
            and r.outcome.standing is not Standing.UNACCEPTABLE
            and (r.outcome is OUT.COMPLIANT or _counts(profile, r.regulator))
            for r in partner.inspections
        )
        audited = any(
            a.year >= since
            and a.framework is framework
            and a.outcome is not AuditOutcome.NOT_APPROVED
            for a in partner.audits
        )
        if not inspected and not audited:
            return False
    # 5. the sponsor's own latest audit of the framework.
    for framework in frameworks:
        audits = [a for a in partner.audits if a.framework is framework]
        for audit in audits:
            if audit.outcome is AuditOutcome.NOT_APPROVED and not any(
                other.year > audit.year and other.outcome is not AuditOutcome.NOT_APPROVED
                for other in audits
            ):
                return False
    # 6. for one of the work's frameworks, blocked as a whole or at every site with
    # records of it.
    for framework in frameworks:
        relevant = [r for r in partner.inspections if r.framework is framework]
        sites = {r.site for r in relevant}
        if None in sites and _blocked(profile, [r for r in relevant if r.site is None]):
            return False
        sited = sites - {None}
        if sited and all(
            _blocked(profile, [r for r in relevant if r.site == site]) for site in sited
        ):
            return False
    return True


@given(profiles(), service_sets, phases, st.none() | years, partners())
def test_a_partner_passes_exactly_when_design_s_six_rules_say_so(
    profile: SponsorProfile,
    services: frozenset[Service],
    phase: Phase,
    as_of: int | None,
    partner: Partner,
) -> None:
    work = work_for(profile, services, phase, as_of)
    assert work.passes(partner) == restated(profile, services, phase, as_of, partner)
    assert work.passes(partner) == (work.failures(partner) == ())
    first = work.first_failure(partner)
    assert (first is None) == work.passes(partner)
    if first is not None:
        assert work.failures(partner)[0] == first.reason
        assert first.handoff
        assert first.rule


@given(profiles(), service_sets.filter(bool), phases, st.none() | years, partners())
def test_a_partner_passes_for_some_work_exactly_when_it_passes_for_each_of_its_services(
    profile: SponsorProfile,
    services: frozenset[Service],
    phase: Phase,
    as_of: int | None,
    partner: Partner,
) -> None:
    # Every must-have concerns services one by one (a service, a must-have it concerns, a
    # framework it is performed under): what plans rely on to screen once per service.
    work = work_for(profile, services, phase, as_of)
    each = [work_for(profile, frozenset({s}), phase, as_of).passes(partner) for s in services]
    assert work.passes(partner) == all(each)


def test_a_clear_gcp_site_does_not_save_a_manufacturing_site_blocked_for_gmp() -> None:
    # An integrated CDMO role holds GCP and GMP work: its clean clinical-site inspection
    # says nothing of its plant, whose warning letter bars it from the manufacturing.
    profile = SponsorProfile(phase=Phase.PHASE_2, target_markets={Market.US})
    letter = Inspection(
        regulator=FDA, year=CURRENT_YEAR, outcome=OUT.WARNING_LETTER, site="3001111111"
    )
    clinic = Inspection(
        regulator=FDA,
        year=CURRENT_YEAR,
        outcome=OUT.NO_ACTION_INDICATED,
        framework=Framework.GCP,
        site="3002222222",
    )
    cdmo = Partner(
        name="Both",
        organisation_type=OrganisationType.CDMO,
        inspections=[letter, clinic],
        gmp_certified=True,
    )
    both = work_for(profile, frozenset({Service.SITE_MONITORING, Service.API_PRODUCTION}),
                    Phase.PHASE_2, CURRENT_YEAR)  # fmt: skip
    assert not both.passes(cdmo)
    assert both.failures(cdmo)[-1].text.startswith("is blocked by FDA warning letter")
    clinical = work_for(profile, frozenset({Service.SITE_MONITORING}), Phase.PHASE_2, CURRENT_YEAR)
    assert clinical.passes(cdmo)


@given(profiles(), service_sets, phases, st.none() | years, st.lists(partners(), max_size=6))
def test_screening_keeps_the_order_and_gives_each_failing_partner_every_reason(
    profile: SponsorProfile,
    services: frozenset[Service],
    phase: Phase,
    as_of: int | None,
    candidates: list[Partner],
) -> None:
    work = work_for(profile, services, phase, as_of)
    kept, failed, reasons = work.screen(candidates)
    assert kept == [p for p in candidates if work.passes(p)]
    assert failed == [p for p in candidates if not work.passes(p)]
    assert reasons == [work.failures(p) for p in failed]


@given(profiles(), service_sets, partners(), st.randoms(use_true_random=False))
def test_the_order_of_records_changes_nothing(
    profile: SponsorProfile, services: frozenset[Service], partner: Partner, random: object
) -> None:
    shuffled_records = list(partner.inspections)
    shuffled_audits = list(partner.audits)
    random.shuffle(shuffled_records)  # type: ignore[attr-defined]
    random.shuffle(shuffled_audits)  # type: ignore[attr-defined]
    shuffled = attrs.evolve(partner, inspections=shuffled_records, audits=shuffled_audits)
    work = work_for(profile, services, profile.phase, CURRENT_YEAR)
    assert work.passes(shuffled) == work.passes(partner)
    assert sorted(r.text for r in work.failures(shuffled)) == sorted(
        r.text for r in work.failures(partner)
    )


# --- each rule, on a partner that otherwise passes ---------------------------------------


@st.composite
def passing(draw: st.DrawFn) -> tuple[Requirements, Partner]:
    """Some work and a partner that passes its screening with no records at all."""
    profile = draw(profiles())
    kind = draw(st.sampled_from([CMO, CDMO]))
    offered = sorted(Partner(name="x", organisation_type=kind).services)
    services = draw(st.frozensets(st.sampled_from(offered), min_size=1))
    partner = Partner(
        name=draw(st.sampled_from(["Alpha", "Beta"])),
        organisation_type=kind,
        services=services,
        phases={profile.phase},
        modalities=profile.modalities,
        dosage_forms=profile.dosage_forms,
        capabilities=profile.requires,
        gmp_certified=True,
        glp_compliant=True,
    )
    work = work_for(profile, services, profile.phase, CURRENT_YEAR)
    assert work.passes(partner)
    return work, partner


def _gmp(work: Requirements) -> bool:
    return Framework.GMP in work.frameworks


@given(passing(), st.sampled_from(list(Service)))
def test_rule_1_lacking_a_service_excludes_naming_it(
    case: tuple[Requirements, Partner], service: Service
) -> None:
    work, partner = case
    if service not in work.services:
        return
    fewer = attrs.evolve(partner, services=partner.services - {service})
    reasons = work.failures(fewer)
    assert reasons[0].criterion is Criterion.TECHNICAL_EXPERTISE
    assert service.label in reasons[0].text


@given(passing())
def test_rule_2_not_serving_the_phase_excludes(case: tuple[Requirements, Partner]) -> None:
    work, partner = case
    elsewhere = attrs.evolve(partner, phases=frozenset(Phase) - {work.phase})
    assert [r.text for r in work.failures(elsewhere)] == [
        f"does not serve {work.phase.label}, the phase the work is in"
    ]


@given(passing(), st.data())
def test_rule_3_a_must_have_not_shown_excludes_and_says_how_to_fix_it(
    case: tuple[Requirements, Partner], data: st.DataObject
) -> None:
    work, partner = case
    modality_work = bool(work.services & MODALITY_WORK)
    form_work = bool(work.services & DOSAGE_FORM_WORK)
    musts: list[tuple[str, Modality | DosageForm | Capability]] = [
        *(("modalities", m) for m in work.modalities - {Modality.VACCINE} if modality_work),
        *(("dosage_forms", f) for f in work.dosage_forms if form_work),
        *(("capabilities", c) for c in work.requires if work.services & c.services),
    ]
    if not musts:
        assert work.passes(attrs.evolve(partner, modalities=(), dosage_forms=(), capabilities=()))
        return
    field, member = data.draw(st.sampled_from(musts))
    without = attrs.evolve(partner, **{field: getattr(partner, field) - {member}})
    texts = [r.text for r in work.failures(without)]
    assert len(texts) == 1
    assert member.label in texts[0]
    if not getattr(without, field):
        assert texts[0].startswith(f"lists no {field.replace('_', ' ')}, so it has not shown")
    else:
        assert texts[0].startswith("does not list")


@given(passing(), st.sampled_from([Regulator.FDA, Regulator.EMA]), st.integers(0, 6))
def test_rule_4_gmp_evidence_within_the_window(
    case: tuple[Requirements, Partner], regulator: Regulator, age: int
) -> None:
    work, partner = case
    if not _gmp(work) or Framework.GLP in work.frameworks:
        return
    unstated = attrs.evolve(partner, gmp_certified=False)
    assert not work.passes(unstated)
    assert "has no GMP evidence" in work.failures(unstated)[0].text
    clean = Inspection(
        regulator=regulator, year=CURRENT_YEAR - age, outcome=OUT.NO_ACTION_INDICATED
    )
    inspected = attrs.evolve(unstated, inspections=[clean])
    counts = not work.markets or regulator in {m.regulator for m in work.markets}
    assert work.passes(inspected) == (age <= GMP_EVIDENCE_YEARS and counts)
    certificate = attrs.evolve(clean, outcome=OUT.COMPLIANT)  # a certificate counts wherever from
    assert work.passes(attrs.evolve(unstated, inspections=[certificate])) == (
        age <= GMP_EVIDENCE_YEARS
    )
    audited = attrs.evolve(
        unstated,
        audits=[Audit(year=CURRENT_YEAR - age, outcome=AuditOutcome.APPROVED_WITH_CONDITIONS)],
    )
    assert work.passes(audited) == (age <= GMP_EVIDENCE_YEARS)


@given(passing())
def test_rule_4_only_a_statement_is_weak_evidence_and_a_warning(
    case: tuple[Requirements, Partner],
) -> None:
    work, partner = case
    if not _gmp(work):
        return
    assert any("GMP evidence is stated, not verified" in w.text for w in work.warnings(partner))
    recorded = attrs.evolve(
        partner, audits=[Audit(year=CURRENT_YEAR, outcome=AuditOutcome.APPROVED)]
    )
    assert not any("GMP evidence is stated" in w.text for w in work.warnings(recorded))


@given(passing(), years)
def test_rule_5_a_failed_audit_excludes_until_an_approved_one_follows(
    case: tuple[Requirements, Partner], year: int
) -> None:
    work, partner = case
    if not _gmp(work):
        return
    failed = attrs.evolve(partner, audits=[Audit(year=year, outcome=AuditOutcome.NOT_APPROVED)])
    assert [r.text[:52] for r in work.failures(failed)] == [
        "your quality unit has not approved this supplier: yo"
    ]
    same_year = attrs.evolve(
        failed, audits=[*failed.audits, Audit(year=year, outcome=AuditOutcome.APPROVED)]
    )
    assert not work.passes(same_year)  # in one year, the worst counts
    if year < CURRENT_YEAR:
        later = attrs.evolve(
            failed, audits=[*failed.audits, Audit(year=year + 1, outcome=AuditOutcome.APPROVED)]
        )
        assert work.passes(later)


_CLEARING = st.sampled_from(
    [
        (OUT.OFFICIAL_ACTION_INDICATED, OUT.VOLUNTARY_ACTION_INDICATED, FDA),
        (OUT.WARNING_LETTER, OUT.CLOSE_OUT_LETTER, FDA),
        (OUT.WARNING_LETTER, OUT.NO_ACTION_INDICATED, FDA),
        (OUT.IMPORT_ALERT, OUT.IMPORT_ALERT_REMOVED, FDA),
        (OUT.NON_COMPLIANT, OUT.COMPLIANT, EMA),
    ]
)


@given(passing(), _CLEARING, st.none() | st.sampled_from(["3001234567"]))
def test_rule_6_an_unacceptable_record_blocks_until_its_own_kind_of_record_clears_it(
    case: tuple[Requirements, Partner],
    kinds: tuple[InspectionOutcome, InspectionOutcome, Regulator],
    site: str | None,
) -> None:
    work, partner = case
    if not _gmp(work):
        return
    bad, clearing, regulator = kinds
    record = Inspection(regulator=regulator, year=CURRENT_YEAR - 1, outcome=bad, site=site)
    blocked = attrs.evolve(partner, inspections=[record])
    counts = not work.markets or regulator in {m.regulator for m in work.markets}
    assert work.passes(blocked) == (not counts)
    if counts:
        assert work.failures(blocked)[-1].text.startswith("is blocked by ")
        assert (site is None) == ("names no site" in work.failures(blocked)[-1].text)
    else:  # a regulator outside the target markets: a warning, never an exclusion
        assert any(record.summary in w.text for w in work.warnings(blocked))
    cleared = attrs.evolve(
        blocked,
        inspections=[
            record,
            Inspection(regulator=regulator, year=CURRENT_YEAR, outcome=clearing, site=site),
        ],
    )
    assert work.passes(cleared)
    same_year = attrs.evolve(
        blocked,
        inspections=[
            record,
            Inspection(regulator=regulator, year=record.year, outcome=clearing, site=site),
        ],
    )
    assert work.passes(same_year) == (not counts)  # undated, one year: the unacceptable is later
    # The wrong kind of record never clears: an inspection does not lift an import alert.
    if bad is OUT.IMPORT_ALERT:
        inspected = attrs.evolve(
            blocked,
            inspections=[
                record,
                Inspection(
                    regulator=regulator,
                    year=CURRENT_YEAR,
                    outcome=OUT.NO_ACTION_INDICATED,
                    site=site,
                ),
            ],
        )
        assert work.passes(inspected) == (not counts)


@given(passing())
def test_rule_6_a_clear_site_keeps_a_partner_with_a_blocked_one_with_a_warning(
    case: tuple[Requirements, Partner],
) -> None:
    work, partner = case
    if not _gmp(work):
        return
    regulator = min(work.regulators or {FDA})
    bad = Inspection(
        regulator=regulator, year=CURRENT_YEAR, outcome=OUT.NON_COMPLIANT, site="3001111111"
    )
    good = Inspection(
        regulator=regulator, year=CURRENT_YEAR, outcome=OUT.COMPLIANT, site="3002222222"
    )
    two = attrs.evolve(partner, inspections=[bad, good])
    assert work.passes(two)
    assert any(w.text.startswith("one of its sites is blocked by") for w in work.warnings(two))
    assert not work.passes(attrs.evolve(partner, inspections=[bad]))
    # A clean record with no site is not a site: it does not save a blocked one.
    siteless = attrs.evolve(good, site=None)
    assert not work.passes(attrs.evolve(partner, inspections=[bad, siteless]))


@given(profiles(), service_sets, partners(), inspections())
def test_records_of_other_frameworks_never_exclude(
    profile: SponsorProfile, services: frozenset[Service], partner: Partner, record: Inspection
) -> None:
    work = work_for(profile, services, profile.phase, CURRENT_YEAR)
    if record.framework in work.frameworks:
        return
    added = attrs.evolve(partner, inspections=[*partner.inspections, record])
    assert work.passes(added) == work.passes(partner)


@given(profiles(), service_sets, partners())
def test_rank_excludes_exactly_the_partners_failing_and_gives_every_reason(
    profile: SponsorProfile, services: frozenset[Service], partner: Partner
) -> None:
    other = attrs.evolve(partner, name=partner.name + " 2", inspections=(), audits=())
    shortlist = rank(profile, [partner, other], services=services)
    years_on_record = [r.year for r in partner.inspections]
    years_on_record += [a.year for a in partner.audits]
    years_on_record += [s.year for s in partner.submissions]
    year = max(years_on_record, default=None)
    work = work_for(profile, services, profile.phase, year)
    assert sorted(a.partner.name for a in shortlist.ranked) == sorted(
        p.name for p in (partner, other) if work.passes(p)
    )
    for exclusion in shortlist.excluded:
        assert exclusion.reasons == work.failures(exclusion.partner)
    for assessment in shortlist.ranked:
        assert assessment.warnings == work.warnings(assessment.partner)


def test_evidence_years_are_checked() -> None:
    with pytest.raises(InvalidInputError, match="gmp_evidence_years"):
        rank(SponsorProfile(phase=Phase.PHASE_2), [], gmp_evidence_years=-1)
    with pytest.raises(InvalidInputError, match="evidence_years"):
        Requirements(services=frozenset(), phase=Phase.PHASE_2, evidence_years=True)


def test_only_the_rules_that_concern_the_work_are_checked() -> None:
    nothing = Requirements(services=frozenset(), phase=Phase.PHASE_2)
    assert nothing.frameworks == frozenset()
    bare = Partner(name="A", organisation_type=CMO, services=set(), phases={Phase.PHASE_2})
    assert nothing.failures(bare) == ()
    assert nothing.warnings(bare) == ()
    formulation = Requirements(
        services=frozenset({Service.FORMULATION_DEVELOPMENT}), phase=Phase.PHASE_2
    )
    assert formulation.frameworks == frozenset()  # development, not GMP work
    assert formulation.passes(Partner(name="A", organisation_type=CMO))


# --- the situations of the practitioner's review -------------------------------------------

SMALL, ORAL = Modality.SMALL_MOLECULE, DosageForm.ORAL_SOLID
SITE = "3001111111"


def _cmo(name: str, *records: Inspection, **fields: object) -> Partner:
    return Partner(
        name=name,
        organisation_type=CMO,
        modalities={SMALL},
        dosage_forms={ORAL},
        markets={Market.US, Market.EU},
        inspections=records,
        **fields,  # type: ignore[arg-type]
    )


COMMERCIAL = SponsorProfile(
    phase=Phase.COMMERCIAL,
    services={Service.COMMERCIAL_PRODUCTION},
    modalities={SMALL},
    dosage_forms={ORAL},
    target_markets={Market.US, Market.EU},
)
LETTER = Inspection(
    regulator=FDA,
    date=datetime.date(2025, 6, 3),
    outcome=OUT.WARNING_LETTER,
    site=SITE,
    critical=2,
    major=5,
)
CERTIFICATES = (
    Inspection(regulator=EMA, year=2024, outcome=OUT.COMPLIANT, site=SITE),
    Inspection(regulator=MHRA, year=2024, outcome=OUT.COMPLIANT, site=SITE),
)
BACKUP = _cmo(
    "Backup CMO",
    Inspection(regulator=FDA, year=2023, outcome=OUT.NO_ACTION_INDICATED, site="3002222222"),
    communication=3,
)


def test_a_current_warning_letter_excludes_whatever_other_regulators_found() -> None:
    warned = _cmo("Warned CMO", LETTER, *CERTIFICATES, communication=5)
    shortlist = rank(COMMERCIAL, [warned, BACKUP])
    assert [a.partner.name for a in shortlist.ranked] == ["Backup CMO"]
    (reason,) = shortlist.excluded[0].reasons
    assert reason.text == (
        "is blocked by FDA warning letter, 3 June 2025, site 3001111111, not closed out, and "
        "no acceptable FDA inspection since: FDA may withhold approval of new applications or "
        "supplements naming the site as a manufacturer until the violations are corrected"
    )
    assert reason.source == FDA_WARNING_LETTERS
    assert reason.criterion is Criterion.REGULATORY_TRACK_RECORD


def test_a_clean_re_inspection_clears_a_warning_letter_with_a_warning_then_the_close_out() -> None:
    reinspected = _cmo(
        "Warned CMO",
        LETTER,
        *CERTIFICATES,
        Inspection(
            regulator=FDA,
            date=datetime.date(2026, 2, 1),
            outcome=OUT.VOLUNTARY_ACTION_INDICATED,
            site=SITE,
        ),
    )
    shortlist = rank(COMMERCIAL, [reinspected])
    (assessment,) = shortlist.ranked
    assert [w.text for w in assessment.warnings] == [
        (
            "FDA warning letter, 3 June 2025, site 3001111111: an acceptable FDA inspection "
            "followed (1 February 2026), but no close-out letter on record: confirm the "
            "letter's status"
        )
    ]
    closed = attrs.evolve(
        reinspected,
        inspections=[
            *reinspected.inspections,
            Inspection(
                regulator=FDA,
                date=datetime.date(2026, 4, 1),
                outcome=OUT.CLOSE_OUT_LETTER,
                site=SITE,
            ),
        ],
    )
    assert rank(COMMERCIAL, [closed]).ranked[0].warnings == ()
    # The letter stays in the track record, which it caps: it is history, not a bar.
    assert rank(COMMERCIAL, [closed]).ranked[0].scores[Criterion.REGULATORY_TRACK_RECORD] < 0.5


def test_an_eu_statement_of_non_compliance_bars_eu_supply_and_warns_for_us_supply() -> None:
    plant = _cmo(
        "EU plant",
        Inspection(regulator=EMA, year=2025, outcome=OUT.NON_COMPLIANT, site="DE-0042"),
        Inspection(regulator=FDA, year=2024, outcome=OUT.NO_ACTION_INDICATED, site="DE-0042"),
    )
    us = attrs.evolve(COMMERCIAL, target_markets={Market.US})
    (assessment,) = rank(us, [plant]).ranked
    assert [w.text for w in assessment.warnings] == [
        (
            "statement of non-compliance from the EU/EEA competent authorities, 2025, site "
            "DE-0042, not cleared: not a bar to supply to US, which the EU/EEA competent "
            "authorities do not regulate; consider a for-cause audit"
        )
    ]
    eu = attrs.evolve(COMMERCIAL, target_markets={Market.EU})
    (exclusion,) = rank(eu, [plant]).excluded
    blocked = exclusion.reasons[-1]
    assert blocked.text.endswith("it can stop supply from the site to the EU/EEA")
    assert blocked.source == EU_GMP_CERTIFICATES


def test_a_clean_fda_site_needs_no_certificate() -> None:
    packager = Partner(
        name="US Packager",
        organisation_type=CMO,
        services={Service.PACKAGING_AND_LABELLING},
        dosage_forms={DosageForm.STERILE_INJECTABLE},
        markets={Market.US},
        inspections=[Inspection(regulator=FDA, year=2024, outcome=OUT.NO_ACTION_INDICATED)],
    )
    assert not packager.gmp_certified
    profile = SponsorProfile(
        phase=Phase.PHASE_1,
        services={Service.PACKAGING_AND_LABELLING},
        modalities={Modality.MRNA, Modality.VACCINE},
        dosage_forms={DosageForm.STERILE_INJECTABLE},
        target_markets={Market.US},
    )
    (assessment,) = rank(profile, [packager]).ranked
    assert assessment.warnings == ()  # and a packager is never asked for the modality


def test_phase_1_gmp_evidence_cites_21_cfr_210_2c_not_part_211() -> None:
    lab = Partner(name="Depot", organisation_type=CMO, services={Service.SUPPLY_CHAIN_LOGISTICS})
    profile = SponsorProfile(
        phase=Phase.PHASE_1, services={Service.SUPPLY_CHAIN_LOGISTICS}, target_markets={Market.US}
    )
    (reason,) = rank(profile, [lab]).excluded[0].reasons
    assert "exempt from 21 CFR 211 but must still be made under CGMP" in reason.text
    assert CFR_210_2C in reason.source
    assert FDA_PHASE_1_CGMP in reason.source
    assert CFR_211_22A not in reason.source
    later = attrs.evolve(profile, phase=Phase.PHASE_2)
    (reason,) = rank(later, [attrs.evolve(lab, phases={Phase.PHASE_2})]).excluded[0].reasons
    assert CFR_211_22A in reason.source
    assert CFR_210_2C not in reason.source


def test_an_oral_solid_plant_is_not_ranked_for_aseptic_fill_finish_of_an_antibody() -> None:
    plant = _cmo("Tablet Works", gmp_certified=True)
    profile = SponsorProfile(
        phase=Phase.PHASE_3,
        services={Service.FINISHED_DOSAGE_MANUFACTURING},
        modalities={Modality.BIOLOGIC},
        dosage_forms={DosageForm.STERILE_INJECTABLE},
        requires={Capability.ASEPTIC_PROCESSING},
    )
    assert [r.text for r in rank(profile, [plant]).excluded[0].reasons] == [
        (
            "does not list biologic among its modalities: biologic is needed for "
            "finished-dosage manufacturing"
        ),
        (
            "does not list sterile injectable among its dosage forms: sterile injectable is "
            "needed for finished-dosage manufacturing"
        ),
        (
            "lists no capabilities, so it has not shown aseptic processing: aseptic processing "
            "is needed for finished-dosage manufacturing; add its capabilities to the partner "
            "if it has them"
        ),
    ]


def test_a_logistics_firm_is_asked_for_cold_chain_and_a_packager_for_no_modality() -> None:
    profile = SponsorProfile(
        phase=Phase.PHASE_2,
        modalities={Modality.MRNA},
        requires={Capability.COLD_CHAIN},
    )
    logistics = Requirements.of(
        profile, frozenset({Service.SUPPLY_CHAIN_LOGISTICS}), Phase.PHASE_2, None
    )
    depot = Partner(name="Depot", organisation_type=CMO, gmp_certified=True)
    assert [r.text[:57] for r in logistics.failures(depot)] == [
        "lists no capabilities, so it has not shown cold chain: co"
    ]
    assert logistics.passes(attrs.evolve(depot, capabilities={Capability.COLD_CHAIN}))
    packing = Requirements.of(
        profile, frozenset({Service.PACKAGING_AND_LABELLING}), Phase.PHASE_2, None
    )
    assert not packing.passes(depot)  # cold chain concerns packaging too
    assert packing.passes(attrs.evolve(depot, capabilities={Capability.COLD_CHAIN}))


def test_a_cdmo_without_mrna_is_not_ranked_for_an_mrna_vaccine() -> None:
    profile = SponsorProfile(
        phase=Phase.PHASE_3,
        modalities={Modality.MRNA, Modality.VACCINE},
        prefers_single_partner=True,
    )
    cdmo = Partner(
        name="Bio CDMO", organisation_type=CDMO, modalities={Modality.VACCINE}, gmp_certified=True
    )
    texts = [r.text for r in rank(profile, [cdmo]).excluded[0].reasons]
    assert texts[0].startswith("does not list mRNA among its modalities: mRNA is needed for ")
    # VACCINE is a product class: never a must-have.
    assert rank(profile, [attrs.evolve(cdmo, modalities={Modality.MRNA})]).ranked


def test_a_partner_not_serving_the_phase_is_not_ranked() -> None:
    cdmo = Partner(
        name="Clinical CDMO",
        organisation_type=CDMO,
        phases={Phase.PHASE_1, Phase.PHASE_2},
        modalities={SMALL},
        gmp_certified=True,
    )
    profile = attrs.evolve(COMMERCIAL, dosage_forms=frozenset())
    assert [r.text for r in rank(profile, [cdmo]).excluded[0].reasons] == [
        "does not serve commercial, the phase the work is in"
    ]


def test_a_glp_study_at_a_lab_without_glp_evidence() -> None:
    lab = Partner(name="Tox Lab", organisation_type=CRO, services={Service.PRECLINICAL_RESEARCH})
    profile = SponsorProfile(phase=Phase.PRECLINICAL, services={Service.PRECLINICAL_RESEARCH})
    (reason,) = rank(profile, [lab]).excluded[0].reasons
    assert reason.text.startswith("has no GLP evidence")
    assert "21 CFR 58" in reason.source
    assert "certificate" not in reason.source
    inspected = attrs.evolve(
        lab,
        inspections=[
            Inspection(
                regulator=FDA, year=2025, outcome=OUT.NO_ACTION_INDICATED, framework=Framework.GLP
            )
        ],
    )
    assert rank(profile, [inspected]).ranked
    assert (
        rank(profile, [attrs.evolve(lab, glp_compliant=True)])
        .ranked[0]
        .warnings[0]
        .text.startswith("GLP evidence is stated, not verified")
    )


def test_a_failed_sponsor_audit_excludes() -> None:
    plant = _cmo(
        "Failed Audit CMO",
        gmp_certified=True,
        audits=[Audit(year=2025, outcome=AuditOutcome.NOT_APPROVED)],
    )
    profile = SponsorProfile(
        phase=Phase.PHASE_2, services={Service.API_PRODUCTION}, modalities={SMALL}
    )
    (reason,) = rank(profile, [plant]).excluded[0].reasons
    assert reason.text == (
        "your quality unit has not approved this supplier: your GMP audit in 2025 was not "
        "approved, and no approved audit followed"
    )


def test_two_sites_one_blocked_is_ranked_with_warnings_for_the_site_and_open_conditions() -> None:
    plant = _cmo(
        "Two Sites",
        Inspection(
            regulator=FDA, year=2025, outcome=OUT.OFFICIAL_ACTION_INDICATED, site="3003333333"
        ),
        Inspection(regulator=FDA, year=2024, outcome=OUT.NO_ACTION_INDICATED, site="3004444444"),
        audits=[Audit(year=2025, outcome=AuditOutcome.APPROVED_WITH_CONDITIONS, site="3004444444")],
    )
    profile = SponsorProfile(
        phase=Phase.PHASE_2,
        services={Service.API_PRODUCTION},
        modalities={SMALL},
        target_markets={Market.US},
    )
    (assessment,) = rank(profile, [plant]).ranked
    texts = [w.text for w in assessment.warnings]
    assert texts[0].startswith(
        "one of its sites is blocked by FDA inspection classified OAI (official action "
        "indicated), 2025, site 3003333333, with no acceptable FDA re-inspection since"
    )
    assert texts[1] == (
        "your GMP audit of site 3004444444 approved it with conditions in 2025: confirm they are "
        "closed before award"
    )
    only_blocked = attrs.evolve(plant, inspections=plant.inspections[:1])
    assert not rank(profile, [only_blocked]).ranked


def test_a_letter_with_no_site_stands_against_the_whole_partner() -> None:
    letter = attrs.evolve(LETTER, site=None)
    plant = _cmo("Matched by name", letter, *CERTIFICATES)
    (reason,) = rank(COMMERCIAL, [plant]).excluded[0].reasons
    assert "the record names no site, so it stands against the whole partner" in reason.text
