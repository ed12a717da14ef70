"""Never run: exercises the public API as users write it, so ``mypy --strict`` catches
typing regressions they would hit (a parameter typed too narrowly, a lost return type)."""

from collections.abc import Mapping

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
