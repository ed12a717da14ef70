"""Never run: exercises the public API as users write it, so ``mypy --strict`` catches
typing regressions they would hit (a parameter typed too narrowly, a lost return type)."""

from collections.abc import Mapping
from pathlib import Path

import pharma_outsourcing as po


def _core() -> None:
    profile = po.SponsorProfile(
        phase=po.Phase.parse("phase 2"),
        in_house={po.Service.MEDICAL_WRITING},  # a set literal is accepted
        services=[po.Service.SITE_MONITORING],  # so is a list
        target_markets=(po.Market.US,),
        horizon=po.Phase.COMMERCIAL,
        prefers_single_partner=None,
    )
    needed: frozenset[po.Service] = profile.needed_services
    rec: po.Recommendation = po.recommend(profile)
    engage: frozenset[po.OrganisationType] = rec.engage
    assignments: Mapping[po.Service, po.OrganisationType] = rec.assignments
    reasons: tuple[po.Reason, ...] = rec.reasons
    criterion: po.Criterion | None = reasons[0].criterion
    alternative: frozenset[po.OrganisationType] | None = rec.alternative
    lead: po.OrganisationType = po.lead_type(po.Phase.PHASE_1)
    flags: tuple[bool, bool] = (po.needs_cro(po.Phase.PHASE_1), po.needs_cmo(po.Phase.PHASE_1))
    description: po.TypeDescription = po.describe(po.OrganisationType.CDMO)
    info: po.ServiceInfo = po.CATALOGUE[po.Service.SCALE_UP]
    category: po.ServiceCategory = po.Service.SCALE_UP.category
    framework: po.Framework = info.framework
    stage: po.Stage = po.Phase.PHASE_3.stage
    ordered: bool = po.Phase.PHASE_1 < po.Phase.PHASE_3
    typical: frozenset[po.Service] = po.typical_services(po.Phase.PHASE_3)
    providers: frozenset[po.OrganisationType] = po.providers_of(po.Service.SCALE_UP)
    partner = po.Partner(
        name="Example",
        organisation_type=po.OrganisationType.CMO,
        markets={po.Market.EU},
        inspections=[
            po.Inspection(
                regulator=po.Regulator.EMA,
                year=2024,
                outcome=po.InspectionOutcome.NO_ACTION_INDICATED,
            )
        ],
        communication=4,
    )
    rating: float | None = partner.communication
    del needed, engage, assignments, criterion, alternative, lead, flags, description
    del category, framework, stage, ordered, typical, providers, rating


def _scope_pathway_and_agreements() -> None:
    fill_finish = po.SponsorProfile(
        phase=po.Phase.PHASE_3,
        scope={po.Service.PACKAGING_AND_LABELLING, po.Service.QUALITY_CONTROL},  # a set literal
        target_markets={po.Market.EU},
    )
    pivotal = po.SponsorProfile(
        phase=po.Phase.PHASE_2,
        pathway=[po.Phase.PHASE_2, po.Phase.REGULATORY_REVIEW, po.Phase.COMMERCIAL],  # a list
        scope=None,
        target_markets=[po.Market.US],
    )
    scope: frozenset[po.Service] | None = fill_finish.scope
    pathway: tuple[po.Phase, ...] | None = pivotal.pathway
    programme: tuple[po.Phase, ...] = pivotal.programme
    skipped: tuple[po.Phase, ...] = pivotal.skipped_phases
    agreements: tuple[po.Agreement, ...] = po.agreements_for(
        po.OrganisationType.CMO, phase=po.Phase.PHASE_1, markets={po.Market.US, po.Market.EU}
    )
    by_phase: tuple[po.Agreement, ...] = po.agreements_for(po.OrganisationType.CRO, phase=None)
    by_markets = po.agreements_for(po.OrganisationType.CDMO, markets=pivotal.target_markets)
    in_order = po.agreements_for(po.OrganisationType.CRO, markets=(po.Market.US, po.Market.UK))
    phases: frozenset[po.Phase] = agreements[0].phases
    markets: frozenset[po.Market] | None = agreements[0].markets
    services: frozenset[po.Service] = agreements[0].services
    filler = po.Partner(
        name="Filler", organisation_type=po.OrganisationType.CMO, gmp_certified=True
    )
    shortlist: po.Shortlist = po.rank(fill_finish, [filler], gmp_evidence_years=2)
    dated: po.Shortlist = po.rank(
        pivotal, (filler,), as_of=2025, gmp_evidence_years=po.GMP_EVIDENCE_YEARS
    )
    del scope, pathway, programme, skipped, by_phase, by_markets, in_order
    del phases, markets, services, shortlist, dated


def _fda_exports() -> None:
    records: tuple[po.PublicRecord, ...] = po.load_fda_inspections("inspections.xlsx")
    drugs = po.load_fda_inspections(
        Path("inspections.csv"), product_types=[po.ProductType.DRUGS, "Biologics"]
    )
    letters: tuple[po.PublicRecord, ...] = po.load_fda_warning_letters("letters.csv")
    inspection: po.Inspection = letters[0].inspection
    fei: str | None = records[0].fei_number
    partners: tuple[po.Partner, ...] = po.load_partners("partners.xlsx")
    po.dump_partners(partners, "partners.xlsx")
    del drugs, inspection, fei


def _public_records() -> None:
    record = po.PublicRecord(
        firm="Example Pharma Inc.",
        fei_number="3001234567",
        country="United States",
        inspection=po.Inspection(
            regulator=po.Regulator.FDA, year=2024, outcome=po.InspectionOutcome.WARNING_LETTER
        ),
        source="warning-letters.csv, row 2",
    )
    partner = po.Partner(
        name="Example Pharma", organisation_type=po.OrganisationType.CMO, fei_numbers={"1"}
    )
    found: po.RecordMatch = po.match_records([partner], (record,))  # any iterables
    again: po.RecordMatch = po.match_records(found.partners, iter([record]))
    partners: tuple[po.Partner, ...] = found.partners
    matched: Mapping[str, tuple[po.PublicRecord, ...]] = found.matched
    by_name: Mapping[str, tuple[po.PublicRecord, ...]] = found.by_name
    unmatched: tuple[po.PublicRecord, ...] = found.unmatched
    ambiguous: tuple[po.AmbiguousRecord, ...] = found.ambiguous
    candidates: tuple[str, ...] = ambiguous[0].candidates
    suggestions: tuple[po.RecordSuggestion, ...] = found.suggestions
    similarity: float = suggestions[0].similarity
    shortlist: po.Shortlist = po.rank(po.SponsorProfile(phase=po.Phase.PHASE_2), found.partners)
    del again, partners, matched, by_name, unmatched, candidates, similarity, shortlist


def _texts_tables_and_records() -> None:
    # Texts where enums are expected (issue 15); the fields stay the enums.
    profile = po.SponsorProfile(phase="phase 2", in_house={"medical writing"}, horizon="P3")
    phase: po.Phase = profile.phase
    partner = po.Partner(
        name="Alder",
        organisation_type="CRO",
        markets=["us", po.Market.EU],  # members and texts mixed
        inspections=[po.Inspection(regulator="FDA", year=2024, outcome="NAI", framework="gcp")],
        audits=[po.Audit(year=2024, outcome="approved")],
    )
    kind: po.OrganisationType = partner.organisation_type
    shortlist = po.rank(profile, [partner])
    row: dict[str, str | int | float | bool | None] = shortlist.to_records(excluded=True)[0]
    plan = po.plan(profile)
    steps = plan.to_records()
    handoffs = plan.to_records(handoffs=True)
    others = (
        po.recommend(profile).to_records(),
        po.sensitivity(profile, [partner]).to_records(),
        po.compare_strategies(profile).to_records(),
    )
    partners: tuple[po.Partner, ...] = po.partners_from_records([{"name": "A", "markets": None}])
    del phase, kind, row, steps, handoffs, others, partners
