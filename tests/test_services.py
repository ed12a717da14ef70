"""The service catalogue (DESIGN.md §3) and what is derived from it."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pharma_outsourcing import (
    CATALOGUE,
    DOSAGE_FORM_WORK,
    MODALITY_WORK,
    Capability,
    Framework,
    OrganisationType,
    Phase,
    Service,
    ServiceCategory,
    UnknownValueError,
    providers_of,
    services_of,
    typical_services,
)
from strategies import phases, services

CRO, CMO, CDMO = OrganisationType.CRO, OrganisationType.CMO, OrganisationType.CDMO
P = Phase
ALL_PHASES = list(Phase)


def span(first: Phase, last: Phase) -> set[Phase]:
    return {p for p in ALL_PHASES if first <= p <= last}


# DESIGN.md §3 (version 2), transcribed independently of the code: service -> (category,
# provider, typical phases). Changed in 0.2: CMC work from preclinical (the first-in-human
# batch is made, tested, labelled and released before phase 1), scale-up and technology
# transfer from phase 2, process validation from phase 3, and technology transfer, process
# validation, pharmacovigilance and regulatory affairs through commercial.
SPECIFICATION = {
    Service.DISCOVERY_RESEARCH: ("research", CRO, {P.DISCOVERY}),
    Service.PRECLINICAL_RESEARCH: ("research", CRO, {P.PRECLINICAL}),
    Service.REGULATORY_AFFAIRS: ("regulatory", CRO, span(P.PRECLINICAL, P.COMMERCIAL)),
    Service.REGULATORY_SUBMISSION: ("regulatory", CRO, {P.PRECLINICAL, P.REGULATORY_REVIEW}),
    Service.CLINICAL_TRIAL_DESIGN: ("clinical", CRO, span(P.PHASE_1, P.PHASE_3)),
    Service.CLINICAL_TRIAL_MANAGEMENT: ("clinical", CRO, span(P.PHASE_1, P.PHASE_3)),
    Service.PATIENT_RECRUITMENT: ("clinical", CRO, span(P.PHASE_1, P.PHASE_3)),
    Service.SITE_MONITORING: ("clinical", CRO, span(P.PHASE_1, P.PHASE_3)),
    Service.DATA_MANAGEMENT: ("data", CRO, span(P.PHASE_1, P.PHASE_3)),
    Service.BIOSTATISTICS: ("data", CRO, span(P.PHASE_1, P.REGULATORY_REVIEW)),
    Service.MEDICAL_WRITING: ("data", CRO, span(P.PHASE_1, P.REGULATORY_REVIEW)),
    Service.PHARMACOVIGILANCE: ("clinical", CRO, span(P.PHASE_1, P.COMMERCIAL)),
    Service.FORMULATION_DEVELOPMENT: ("development", CMO, span(P.PRECLINICAL, P.PHASE_3)),
    Service.API_PRODUCTION: ("manufacturing", CMO, span(P.PRECLINICAL, P.COMMERCIAL)),
    Service.CLINICAL_SUPPLY_MANUFACTURING: ("manufacturing", CMO, span(P.PRECLINICAL, P.PHASE_3)),
    Service.FINISHED_DOSAGE_MANUFACTURING: ("manufacturing", CMO, span(P.PHASE_3, P.COMMERCIAL)),
    Service.PACKAGING_AND_LABELLING: ("manufacturing", CMO, span(P.PRECLINICAL, P.COMMERCIAL)),
    Service.QUALITY_CONTROL: ("quality", CMO, span(P.PRECLINICAL, P.COMMERCIAL)),
    Service.SCALE_UP: ("development", CMO, span(P.PHASE_2, P.REGULATORY_REVIEW)),
    Service.TECH_TRANSFER: ("development", CMO, span(P.PHASE_2, P.COMMERCIAL)),
    Service.PROCESS_VALIDATION: ("manufacturing", CMO, span(P.PHASE_3, P.COMMERCIAL)),
    Service.SUPPLY_CHAIN_LOGISTICS: ("supply", CMO, span(P.PHASE_1, P.COMMERCIAL)),
    Service.COMMERCIAL_PRODUCTION: ("manufacturing", CMO, {P.COMMERCIAL}),
}


def test_catalogue_is_the_specification_table() -> None:
    assert set(CATALOGUE) == set(Service) == set(SPECIFICATION)
    for service, (category, provider, typical) in SPECIFICATION.items():
        info = CATALOGUE[service]
        assert info.service is service
        assert info.category is ServiceCategory(category)
        assert info.provider is provider
        assert info.phases == typical


def test_the_first_in_human_batch_is_made_tested_labelled_and_released_at_preclinical() -> None:
    # DESIGN.md §3: CMC work starts before the first clinical trial.
    preclinical = typical_services(P.PRECLINICAL)
    for service in (
        Service.FORMULATION_DEVELOPMENT,
        Service.API_PRODUCTION,
        Service.CLINICAL_SUPPLY_MANUFACTURING,
        Service.PACKAGING_AND_LABELLING,
        Service.QUALITY_CONTROL,
    ):
        assert service in preclinical
    assert Service.API_PRODUCTION.framework_at(P.PRECLINICAL) is Framework.GMP
    assert Service.CLINICAL_SUPPLY_MANUFACTURING.framework_at(P.PRECLINICAL) is Framework.GMP
    assert not preclinical & {Service.SCALE_UP, Service.TECH_TRANSFER, Service.PROCESS_VALIDATION}


def test_safety_regulatory_and_lifecycle_work_go_on_after_approval() -> None:
    commercial = typical_services(P.COMMERCIAL)
    assert {
        Service.PHARMACOVIGILANCE,
        Service.REGULATORY_AFFAIRS,
        Service.TECH_TRANSFER,
        Service.PROCESS_VALIDATION,
    } <= commercial
    assert Service.PHARMACOVIGILANCE.framework_at(P.COMMERCIAL) is Framework.GVP
    assert not commercial & {
        Service.CLINICAL_TRIAL_MANAGEMENT,
        Service.CLINICAL_SUPPLY_MANUFACTURING,
        Service.SCALE_UP,
    }


@given(services)
def test_service_properties_read_the_catalogue(service: Service) -> None:
    info = CATALOGUE[service]
    assert service.info is info
    assert (service.category, service.provider, service.phases) == (
        info.category,
        info.provider,
        info.phases,
    )
    assert (service.framework, service.deliverable) == (info.framework, info.deliverable)
    assert service.deliverable.strip()


def test_cdmo_covers_every_cro_and_cmo_service() -> None:
    assert services_of(CDMO) == services_of(CRO) | services_of(CMO)


def test_cro_and_cmo_services_are_disjoint() -> None:
    assert services_of(CRO).isdisjoint(services_of(CMO))


@given(services)
def test_every_service_has_a_provider_and_the_cdmo(service: Service) -> None:
    providers = providers_of(service)
    assert providers
    assert CDMO in providers
    assert providers == {t for t in OrganisationType if service in services_of(t)}
    assert service.provider in providers


@given(phases)
def test_typical_services_are_those_whose_phases_include_the_phase(phase: Phase) -> None:
    assert typical_services(phase) == {s for s in Service if phase in CATALOGUE[s].phases}


@given(services)
def test_every_service_is_typically_bought_somewhere(service: Service) -> None:
    assert any(service in typical_services(phase) for phase in Phase)


# DESIGN.md §3's Framework column, phase by phase (written out here, not read from the code).
_S, _F, _P = Service, Framework, Phase
FRAMEWORK_COLUMN = {
    _S.DISCOVERY_RESEARCH: dict.fromkeys(Phase, _F.NONE),
    _S.PRECLINICAL_RESEARCH: dict.fromkeys(Phase, _F.GLP),
    _S.REGULATORY_AFFAIRS: dict.fromkeys(Phase, _F.NONE),
    _S.REGULATORY_SUBMISSION: dict.fromkeys(Phase, _F.NONE),
    **{
        s: dict.fromkeys(Phase, _F.GCP)
        for s in (
            _S.CLINICAL_TRIAL_DESIGN,
            _S.CLINICAL_TRIAL_MANAGEMENT,
            _S.PATIENT_RECRUITMENT,
            _S.SITE_MONITORING,
            _S.DATA_MANAGEMENT,
            _S.BIOSTATISTICS,
            _S.MEDICAL_WRITING,
        )
    },
    _S.PHARMACOVIGILANCE: {p: _F.GCP if p < _P.REGULATORY_REVIEW else _F.GVP for p in Phase},
    _S.FORMULATION_DEVELOPMENT: dict.fromkeys(Phase, _F.NONE),
    **{
        s: dict.fromkeys(Phase, _F.GMP)
        for s in (
            _S.API_PRODUCTION,
            _S.CLINICAL_SUPPLY_MANUFACTURING,
            _S.FINISHED_DOSAGE_MANUFACTURING,
            _S.PACKAGING_AND_LABELLING,
            _S.QUALITY_CONTROL,
            _S.SCALE_UP,
            _S.TECH_TRANSFER,
            _S.PROCESS_VALIDATION,
            _S.COMMERCIAL_PRODUCTION,
        )
    },
    _S.SUPPLY_CHAIN_LOGISTICS: {p: _F.GMP if p < _P.COMMERCIAL else _F.GDP for p in Phase},
}


@pytest.mark.parametrize("service", list(Service))
def test_the_framework_at_each_phase_is_design_s_column(service: Service) -> None:
    for phase, framework in FRAMEWORK_COLUMN[service].items():
        assert service.framework_at(phase) is framework, phase
        assert service.info.framework_at(phase) is framework
    last = Phase.COMMERCIAL if Phase.COMMERCIAL in service.phases else max(service.phases)
    assert service.framework is FRAMEWORK_COLUMN[service][last]


def test_framework_at_parses_a_phase_and_refuses_an_unknown_one() -> None:
    assert Service.PHARMACOVIGILANCE.framework_at("commercial") is Framework.GVP  # type: ignore[arg-type]
    with pytest.raises(UnknownValueError):
        Service.PHARMACOVIGILANCE.framework_at("later")  # type: ignore[arg-type]


def test_every_capability_concerns_manufacturing_work_it_names() -> None:
    for capability in Capability:
        assert capability.services
        assert capability.services <= services_of(OrganisationType.CMO) | {
            Service.PRECLINICAL_RESEARCH
        }
        assert capability.label
    assert Capability.BIOCONJUGATION.services == {Service.API_PRODUCTION}
    assert Service.SUPPLY_CHAIN_LOGISTICS in Capability.COLD_CHAIN.services
    assert Service.PACKAGING_AND_LABELLING not in MODALITY_WORK
    assert Service.SUPPLY_CHAIN_LOGISTICS not in DOSAGE_FORM_WORK


def test_glp_is_for_preclinical_research_only() -> None:
    assert [s for s in Service if s.framework is Framework.GLP] == [Service.PRECLINICAL_RESEARCH]
    assert Service.DISCOVERY_RESEARCH.framework is Framework.NONE


def test_research_categories_belong_to_the_cro_and_the_rest_to_the_cmo() -> None:
    research = {"research", "regulatory", "clinical", "data"}
    for service in Service:
        assert (service.provider is CRO) == (service.category.value in research)


# The guide (DOMAIN.md): what a CRO does and what a CMO does.
SEED_CRO_WORK = [
    "preclinical research",
    "clinical trial design",
    "clinical trial management",
    "patient recruitment",
    "site monitoring",
    "data collection",
    "analysis and reporting",
    "regulatory submission",
    "compliance support",
]
SEED_CMO_WORK = [
    "formulation development",
    "API production",
    "finished dosage manufacturing",
    "packaging and labelling",
    "quality control",
    "scale-up",
    "technology transfer",
    "supply chain logistics",
    "commercial production",
]


@pytest.mark.parametrize("work", SEED_CRO_WORK)
def test_seed_cro_work_is_a_cro_service(work: str) -> None:
    assert Service.parse(work) in services_of(CRO)


@pytest.mark.parametrize("work", SEED_CMO_WORK)
def test_seed_cmo_work_is_a_cmo_service(work: str) -> None:
    assert Service.parse(work) in services_of(CMO)


def test_cmo_makes_small_clinical_batches_and_full_scale_production() -> None:
    # "from small batches for clinical trials to full-scale production"
    assert Service.CLINICAL_SUPPLY_MANUFACTURING in services_of(CMO)
    assert Service.COMMERCIAL_PRODUCTION in services_of(CMO)


@given(st.sampled_from(list(OrganisationType)))
def test_lookups_accept_spellings(org_type: OrganisationType) -> None:
    assert services_of(org_type.value.upper()) == services_of(org_type)  # type: ignore[arg-type]
