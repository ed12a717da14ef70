"""The service catalogue: what sponsors buy, from whom, in which phases, under which rules.

:data:`CATALOGUE` is the single source of truth for services. Everything else about
services (:func:`typical_services`, :func:`services_of`, :func:`providers_of`,
``needs_cro``, ``needs_cmo``, ``lead_type``) is derived from it, so nothing is listed
twice. The services and their providers follow the guide (P. K. Pandey, "CRO And CMO in
Pharma: Key Differences, Roles, FAQs and What is CDMO", PharmaGuru, 2025). The typical
phases (DESIGN.md §3) go beyond it where practice is more precise: CMC work (formulation,
drug substance, the first-in-human batch, its packaging, labelling and release testing)
starts at preclinical, before the first trial, and safety and regulatory work goes on
after approval. The frameworks are GLP (21 CFR 58) for nonclinical safety studies, GCP
(ICH E6) for clinical and data work, GVP for post-marketing pharmacovigilance, GMP (21 CFR
210 and 211; EU GMP) for manufacturing, quality, development at scale and clinical supply
logistics, and GDP (EU guidelines 2013/C 343/01) for distribution after approval. A
service's framework may depend on the phase (:meth:`ServiceInfo.framework_at`).

:class:`Capability` lists the manufacturing capabilities a programme may need, each with
the services it concerns; :data:`MODALITY_WORK` and :data:`DOSAGE_FORM_WORK` say which
services must be able to handle the product's modalities and dosage forms. Screening
(``rank``, ``plan``) asks for each only where it concerns a service a partner is
considered for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from ._vocabulary import (
    OrganisationType,
    Phase,
    Vocabulary,
    phases_between,
    register_aliases,
    register_labels,
)

__all__ = [
    "CATALOGUE",
    "DOSAGE_FORM_WORK",
    "MODALITY_WORK",
    "Capability",
    "Framework",
    "Service",
    "ServiceCategory",
    "ServiceInfo",
    "providers_of",
    "services_of",
    "typical_services",
]


class ServiceCategory(Vocabulary):
    """The area of work a :class:`Service` belongs to.

    Research, regulatory, clinical and data work is bought from a CRO; development,
    manufacturing, quality and supply work from a CMO.

    Example:
        >>> from pharma_outsourcing import Service, ServiceCategory
        >>> Service.SITE_MONITORING.category is ServiceCategory.CLINICAL
        True
    """

    RESEARCH = "research"
    REGULATORY = "regulatory"
    CLINICAL = "clinical"
    DATA = "data"
    DEVELOPMENT = "development"
    MANUFACTURING = "manufacturing"
    QUALITY = "quality"
    SUPPLY = "supply"


class Framework(Vocabulary):
    """The quality framework a service is performed under, or an inspection judged.

    - ``GLP``: Good Laboratory Practice, 21 CFR 58; Directives 2004/10/EC and 2004/9/EC
      (nonclinical safety studies);
    - ``GCP``: Good Clinical Practice, ICH E6 (clinical trials and their data);
    - ``GMP``: Good Manufacturing Practice, 21 CFR 210 and 211, EU GMP (manufacturing);
    - ``GDP``: Good Distribution Practice, EU guidelines 2013/C 343/01 (distribution);
    - ``GVP``: Good Pharmacovigilance Practices (post-marketing safety);
    - ``NONE``: no single practice standard governs the work (or the record judges
      nothing the library scores).

    Example:
        >>> from pharma_outsourcing import Framework, Service
        >>> Service.PRECLINICAL_RESEARCH.framework is Framework.GLP
        True
    """

    GLP = "glp"
    GCP = "gcp"
    GMP = "gmp"
    GDP = "gdp"
    GVP = "gvp"
    NONE = "none"


register_labels(
    Framework,
    {"glp": "GLP", "gcp": "GCP", "gmp": "GMP", "gdp": "GDP", "gvp": "GVP", "none": "no framework"},
)

register_aliases(
    Framework,
    {
        "good distribution practice": "gdp",
        "good pharmacovigilance practice": "gvp",
        "good pharmacovigilance practices": "gvp",
        "pharmacovigilance": "gvp",
        "bimo": "gcp",
        "bioresearch monitoring": "gcp",
        "good laboratory practice": "glp",
        "good clinical practice": "gcp",
        "good manufacturing practice": "gmp",
        "cgmp": "gmp",
        "current good manufacturing practice": "gmp",
    },
)


class Service(Vocabulary):
    """A service a sponsor may outsource (DESIGN.md §3).

    Each service's category, provider type, typical phases, framework and deliverable
    are in :data:`CATALOGUE` and available as properties.

    Example:
        >>> from pharma_outsourcing import OrganisationType, Phase, Service
        >>> Service.parse("tech transfer")
        <Service.TECH_TRANSFER: 'tech-transfer'>
        >>> Service.SCALE_UP.provider is OrganisationType.CMO
        True
        >>> Phase.PHASE_3 in Service.SCALE_UP.phases
        True
    """

    DISCOVERY_RESEARCH = "discovery-research"
    PRECLINICAL_RESEARCH = "preclinical-research"
    REGULATORY_AFFAIRS = "regulatory-affairs"
    REGULATORY_SUBMISSION = "regulatory-submission"
    CLINICAL_TRIAL_DESIGN = "clinical-trial-design"
    CLINICAL_TRIAL_MANAGEMENT = "clinical-trial-management"
    PATIENT_RECRUITMENT = "patient-recruitment"
    SITE_MONITORING = "site-monitoring"
    DATA_MANAGEMENT = "data-management"
    BIOSTATISTICS = "biostatistics"
    MEDICAL_WRITING = "medical-writing"
    PHARMACOVIGILANCE = "pharmacovigilance"
    FORMULATION_DEVELOPMENT = "formulation-development"
    API_PRODUCTION = "api-production"
    CLINICAL_SUPPLY_MANUFACTURING = "clinical-supply-manufacturing"
    FINISHED_DOSAGE_MANUFACTURING = "finished-dosage-manufacturing"
    PACKAGING_AND_LABELLING = "packaging-and-labelling"
    QUALITY_CONTROL = "quality-control"
    SCALE_UP = "scale-up"
    TECH_TRANSFER = "tech-transfer"
    PROCESS_VALIDATION = "process-validation"
    SUPPLY_CHAIN_LOGISTICS = "supply-chain-logistics"
    COMMERCIAL_PRODUCTION = "commercial-production"

    @property
    def info(self) -> ServiceInfo:
        """The service's row of :data:`CATALOGUE`."""
        return CATALOGUE[self]

    @property
    def category(self) -> ServiceCategory:
        """The area of work the service belongs to."""
        return CATALOGUE[self].category

    @property
    def provider(self) -> OrganisationType:
        """The specialist type that provides it: CRO or CMO (a CDMO provides both)."""
        return CATALOGUE[self].provider

    @property
    def phases(self) -> frozenset[Phase]:
        """The phases in which a sponsor without in-house capability typically buys it."""
        return CATALOGUE[self].phases

    @property
    def framework(self) -> Framework:
        """The framework the work is performed under at commercial (see ``framework_at``)."""
        return CATALOGUE[self].framework

    def framework_at(self, phase: Phase) -> Framework:
        """The quality framework the work is performed under in ``phase``.

        Example:
            >>> from pharma_outsourcing import Phase, Service
            >>> Service.SUPPLY_CHAIN_LOGISTICS.framework_at(Phase.PHASE_2).label
            'GMP'
            >>> Service.SUPPLY_CHAIN_LOGISTICS.framework_at(Phase.COMMERCIAL).label
            'GDP'
        """
        found = _FRAMEWORK_AT.get((self, phase))
        return CATALOGUE[self].framework_at(phase) if found is None else found

    @property
    def deliverable(self) -> str:
        """What the service delivers to the sponsor."""
        return CATALOGUE[self].deliverable


register_aliases(
    Service,
    {
        "discovery": "discovery-research",
        "drug discovery": "discovery-research",
        "target validation": "discovery-research",
        "lead optimisation": "discovery-research",
        "preclinical": "preclinical-research",
        "nonclinical": "preclinical-research",
        "toxicology": "preclinical-research",
        "tox": "preclinical-research",
        "glp toxicology": "preclinical-research",
        "dmpk": "preclinical-research",
        "safety pharmacology": "preclinical-research",
        "regulatory": "regulatory-affairs",
        "regulatory strategy": "regulatory-affairs",
        "compliance support": "regulatory-affairs",
        "regulatory compliance": "regulatory-affairs",
        "submissions": "regulatory-submission",
        "regulatory submissions": "regulatory-submission",
        "ind": "regulatory-submission",
        "cta": "regulatory-submission",
        "nda": "regulatory-submission",
        "bla": "regulatory-submission",
        "maa": "regulatory-submission",
        "dossier": "regulatory-submission",
        "protocol design": "clinical-trial-design",
        "trial design": "clinical-trial-design",
        "study design": "clinical-trial-design",
        "trial management": "clinical-trial-management",
        "clinical operations": "clinical-trial-management",
        "project management": "clinical-trial-management",
        "recruitment": "patient-recruitment",
        "enrolment": "patient-recruitment",
        "enrollment": "patient-recruitment",
        "monitoring": "site-monitoring",
        "site management": "site-monitoring",
        "clinical monitoring": "site-monitoring",
        "data collection": "data-management",
        "edc": "data-management",
        "statistics": "biostatistics",
        "stats": "biostatistics",
        "statistical analysis": "biostatistics",
        "analysis and reporting": "biostatistics",
        "writing": "medical-writing",
        "pv": "pharmacovigilance",
        "drug safety": "pharmacovigilance",
        "safety reporting": "pharmacovigilance",
        "formulation": "formulation-development",
        "api": "api-production",
        "drug substance": "api-production",
        "api manufacturing": "api-production",
        "clinical supply": "clinical-supply-manufacturing",
        "clinical supplies": "clinical-supply-manufacturing",
        "clinical trial supplies": "clinical-supply-manufacturing",
        "clinical trial material": "clinical-supply-manufacturing",
        "ctm": "clinical-supply-manufacturing",
        "drug product": "finished-dosage-manufacturing",
        "finished dosage": "finished-dosage-manufacturing",
        "fill finish": "finished-dosage-manufacturing",
        "packaging": "packaging-and-labelling",
        "labelling": "packaging-and-labelling",
        "qc": "quality-control",
        "quality": "quality-control",
        "testing": "quality-control",
        "release testing": "quality-control",
        "stability": "quality-control",
        "scaleup": "scale-up",
        "technology transfer": "tech-transfer",
        "validation": "process-validation",
        "ppq": "process-validation",
        "logistics": "supply-chain-logistics",
        "distribution": "supply-chain-logistics",
        "supply chain": "supply-chain-logistics",
        "commercial manufacturing": "commercial-production",
        "commercial supply": "commercial-production",
    },
)

register_labels(
    Service,
    {
        "api-production": "API production",
        "scale-up": "scale-up",
        "tech-transfer": "technology transfer",
        "supply-chain-logistics": "supply-chain logistics",
        "finished-dosage-manufacturing": "finished-dosage manufacturing",
        "clinical-supply-manufacturing": "clinical-supply manufacturing",
    },
)


@attrs.frozen(kw_only=True)
class ServiceInfo:
    """One row of the service catalogue.

    Attributes:
        service: The service this row describes.
        category: The area of work it belongs to.
        provider: The specialist type that provides it (CRO or CMO; a CDMO provides both).
        phases: The phases in which a sponsor without in-house capability typically buys it.
        frameworks: The quality framework it is performed under from each phase on: pairs
            of (first phase, framework) in order of phase, the first from discovery.
        deliverable: What it delivers to the sponsor.

    Example:
        >>> from pharma_outsourcing import CATALOGUE, Framework, Service
        >>> CATALOGUE[Service.SITE_MONITORING].framework is Framework.GCP
        True
    """

    service: Service
    category: ServiceCategory
    provider: OrganisationType
    phases: frozenset[Phase]
    frameworks: tuple[tuple[Phase, Framework], ...]
    deliverable: str

    @property
    def framework(self) -> Framework:
        """The framework at commercial, or at the last phase it is typically bought in.

        Example:
            >>> from pharma_outsourcing import CATALOGUE, Service
            >>> CATALOGUE[Service.SUPPLY_CHAIN_LOGISTICS].framework.label
            'GDP'
        """
        phases = self.phases
        last = max(phases) if phases and Phase.COMMERCIAL not in phases else Phase.COMMERCIAL
        return self.framework_at(last)

    def framework_at(self, phase: Phase) -> Framework:
        """The framework the work is performed under in ``phase`` (DESIGN.md §3).

        Example:
            >>> from pharma_outsourcing import CATALOGUE, Phase, Service
            >>> info = CATALOGUE[Service.PHARMACOVIGILANCE]
            >>> info.framework_at(Phase.PHASE_3).label, info.framework_at(Phase.COMMERCIAL).label
            ('GCP', 'GVP')
        """
        phase = Phase.parse(phase, field="phase")
        found = self.frameworks[0][1]
        for first, framework in self.frameworks:
            if first <= phase:
                found = framework
        return found


# Which framework governs each category (DESIGN.md §3); the exceptions are below.
_CATEGORY_FRAMEWORK = {
    ServiceCategory.RESEARCH: Framework.NONE,
    ServiceCategory.REGULATORY: Framework.NONE,
    ServiceCategory.CLINICAL: Framework.GCP,
    ServiceCategory.DATA: Framework.GCP,
    ServiceCategory.DEVELOPMENT: Framework.NONE,
    ServiceCategory.MANUFACTURING: Framework.GMP,
    ServiceCategory.QUALITY: Framework.GMP,
    ServiceCategory.SUPPLY: Framework.GMP,
}
# Services whose framework is not their category's, or changes with the phase: the
# framework from each phase on. GLP studies; scale-up and technology transfer run at
# GMP scale (the batches they make are GMP batches); pharmacovigilance is trial safety
# reporting (GCP) until a marketing application, then post-marketing PV (GVP);
# logistics is clinical supply depots (GMP, EU 2017/1569) until approval, then
# distribution (GDP, EU guidelines 2013/C 343/01).
_FRAMEWORKS: Mapping[Service, tuple[tuple[Phase, Framework], ...]] = {
    Service.PRECLINICAL_RESEARCH: ((Phase.DISCOVERY, Framework.GLP),),
    Service.SCALE_UP: ((Phase.DISCOVERY, Framework.GMP),),
    Service.TECH_TRANSFER: ((Phase.DISCOVERY, Framework.GMP),),
    Service.PHARMACOVIGILANCE: (
        (Phase.DISCOVERY, Framework.GCP),
        (Phase.REGULATORY_REVIEW, Framework.GVP),
    ),
    Service.SUPPLY_CHAIN_LOGISTICS: (
        (Phase.DISCOVERY, Framework.GMP),
        (Phase.COMMERCIAL, Framework.GDP),
    ),
}
_CRO, _CMO = OrganisationType.CRO, OrganisationType.CMO
_P = Phase
_span = phases_between

# service, category, provider, typical phases, deliverable. The phases are DESIGN.md §3's:
# CMC work starts before the first clinical trial (the first-in-human batch is made,
# tested, labelled and released before phase 1 begins); scale-up and technology transfer
# start in phase 2, process validation (PPQ) in phase 3; and technology transfer, process
# validation (continued process verification), pharmacovigilance and regulatory affairs go
# on after approval.
_TABLE: tuple[tuple[Service, ServiceCategory, OrganisationType, tuple[Phase, ...], str], ...] = (
    (Service.DISCOVERY_RESEARCH, ServiceCategory.RESEARCH, _CRO, (_P.DISCOVERY,),
     "validated targets and lead candidates"),
    (Service.PRECLINICAL_RESEARCH, ServiceCategory.RESEARCH, _CRO, (_P.PRECLINICAL,),
     "GLP safety, toxicology and DMPK study reports"),
    (Service.REGULATORY_AFFAIRS, ServiceCategory.REGULATORY, _CRO,
     _span(_P.PRECLINICAL, _P.COMMERCIAL),
     "regulatory strategy, agency meeting packages and compliance support"),
    (Service.REGULATORY_SUBMISSION, ServiceCategory.REGULATORY, _CRO,
     (_P.PRECLINICAL, _P.REGULATORY_REVIEW),
     "submission-ready dossiers (IND/CTA, NDA/BLA/MAA)"),
    (Service.CLINICAL_TRIAL_DESIGN, ServiceCategory.CLINICAL, _CRO, _span(_P.PHASE_1, _P.PHASE_3),
     "trial protocols and designs"),
    (Service.CLINICAL_TRIAL_MANAGEMENT, ServiceCategory.CLINICAL, _CRO,
     _span(_P.PHASE_1, _P.PHASE_3), "trials run to protocol, on time and under GCP"),
    (Service.PATIENT_RECRUITMENT, ServiceCategory.CLINICAL, _CRO, _span(_P.PHASE_1, _P.PHASE_3),
     "enrolled trial participants"),
    (Service.SITE_MONITORING, ServiceCategory.CLINICAL, _CRO, _span(_P.PHASE_1, _P.PHASE_3),
     "managed and monitored trial sites, with monitoring reports"),
    (Service.DATA_MANAGEMENT, ServiceCategory.DATA, _CRO, _span(_P.PHASE_1, _P.PHASE_3),
     "clean, locked trial databases"),
    (Service.BIOSTATISTICS, ServiceCategory.DATA, _CRO, _span(_P.PHASE_1, _P.REGULATORY_REVIEW),
     "statistical analyses and tables, listings and figures"),
    (Service.MEDICAL_WRITING, ServiceCategory.DATA, _CRO, _span(_P.PHASE_1, _P.REGULATORY_REVIEW),
     "clinical study reports and submission documents"),
    (Service.PHARMACOVIGILANCE, ServiceCategory.CLINICAL, _CRO,
     _span(_P.PHASE_1, _P.COMMERCIAL),
     "safety case processing and safety reports, in trials and after approval"),
    (Service.FORMULATION_DEVELOPMENT, ServiceCategory.DEVELOPMENT, _CMO,
     _span(_P.PRECLINICAL, _P.PHASE_3), "a stable, manufacturable formulation"),
    (Service.API_PRODUCTION, ServiceCategory.MANUFACTURING, _CMO,
     _span(_P.PRECLINICAL, _P.COMMERCIAL), "released drug substance (API)"),
    (Service.CLINICAL_SUPPLY_MANUFACTURING, ServiceCategory.MANUFACTURING, _CMO,
     _span(_P.PRECLINICAL, _P.PHASE_3),
     "small GMP batches of investigational product, from the first-in-human batch on"),
    (Service.FINISHED_DOSAGE_MANUFACTURING, ServiceCategory.MANUFACTURING, _CMO,
     _span(_P.PHASE_3, _P.COMMERCIAL), "finished dosage forms (drug product)"),
    (Service.PACKAGING_AND_LABELLING, ServiceCategory.MANUFACTURING, _CMO,
     _span(_P.PRECLINICAL, _P.COMMERCIAL), "packaged and labelled product"),
    (Service.QUALITY_CONTROL, ServiceCategory.QUALITY, _CMO,
     _span(_P.PRECLINICAL, _P.COMMERCIAL),
     "release and stability test results; batch disposition stays with the owner"),
    (Service.SCALE_UP, ServiceCategory.DEVELOPMENT, _CMO,
     _span(_P.PHASE_2, _P.REGULATORY_REVIEW),
     "a process scaled up for larger clinical batches, then for commercial scale"),
    (Service.TECH_TRANSFER, ServiceCategory.DEVELOPMENT, _CMO,
     _span(_P.PHASE_2, _P.COMMERCIAL),
     "a process transferred and running at the receiving site"),
    (Service.PROCESS_VALIDATION, ServiceCategory.MANUFACTURING, _CMO,
     _span(_P.PHASE_3, _P.COMMERCIAL),
     "process performance qualification (PPQ) batches, then continued process verification"),
    (Service.SUPPLY_CHAIN_LOGISTICS, ServiceCategory.SUPPLY, _CMO,
     _span(_P.PHASE_1, _P.COMMERCIAL), "product stored and distributed to sites or markets"),
    (Service.COMMERCIAL_PRODUCTION, ServiceCategory.MANUFACTURING, _CMO, (_P.COMMERCIAL,),
     "market-ready drug product at commercial scale"),
)  # fmt: skip

CATALOGUE: Mapping[Service, ServiceInfo] = MappingProxyType(
    {
        service: ServiceInfo(
            service=service,
            category=category,
            provider=provider,
            phases=frozenset(phases),
            frameworks=_FRAMEWORKS.get(
                service, ((Phase.DISCOVERY, _CATEGORY_FRAMEWORK[category]),)
            ),
            deliverable=deliverable,
        )
        for service, category, provider, phases, deliverable in _TABLE
    }
)
"""The service catalogue (DESIGN.md §3): every :class:`Service` to its :class:`ServiceInfo`."""

# Every service's framework in every phase, looked up rather than worked out.
_FRAMEWORK_AT: Mapping[tuple[Service, Phase], Framework] = {
    (service, phase): info.framework_at(phase)
    for service, info in CATALOGUE.items()
    for phase in Phase
}
_SERVICES_OF: Mapping[OrganisationType, frozenset[Service]] = {
    _CRO: frozenset(s for s, info in CATALOGUE.items() if info.provider is _CRO),
    _CMO: frozenset(s for s, info in CATALOGUE.items() if info.provider is _CMO),
    OrganisationType.CDMO: frozenset(CATALOGUE),
}
_PROVIDERS_OF: Mapping[Service, frozenset[OrganisationType]] = {
    service: frozenset(t for t, offered in _SERVICES_OF.items() if service in offered)
    for service in CATALOGUE
}
_TYPICAL: Mapping[Phase, frozenset[Service]] = {
    phase: frozenset(s for s, info in CATALOGUE.items() if phase in info.phases) for phase in Phase
}


def services_of(org_type: OrganisationType) -> frozenset[Service]:
    """The services an organisation type provides, as the guide defines the type.

    A CDMO provides every CRO and every CMO service. A real company's own offer is its
    :class:`~pharma_outsourcing.Partner`'s ``services``, which may be narrower.

    Example:
        >>> from pharma_outsourcing import OrganisationType, Service, services_of
        >>> Service.SITE_MONITORING in services_of(OrganisationType.CRO)
        True
        >>> services_of(OrganisationType.CDMO) == (
        ...     services_of(OrganisationType.CRO) | services_of(OrganisationType.CMO)
        ... )
        True
    """
    return _SERVICES_OF[OrganisationType.parse(org_type)]


def providers_of(service: Service) -> frozenset[OrganisationType]:
    """The organisation types that provide ``service``: its specialist type and the CDMO.

    Example:
        >>> from pharma_outsourcing import Service, providers_of
        >>> sorted(t.value for t in providers_of(Service.API_PRODUCTION))
        ['cdmo', 'cmo']
    """
    return _PROVIDERS_OF[Service.parse(service)]


def typical_services(phase: Phase) -> frozenset[Service]:
    """The services a sponsor with no in-house capability typically buys in ``phase``.

    Example:
        >>> from pharma_outsourcing import Phase, Service, typical_services
        >>> sorted(typical_services(Phase.DISCOVERY))
        [<Service.DISCOVERY_RESEARCH: 'discovery-research'>]
        >>> Service.COMMERCIAL_PRODUCTION in typical_services(Phase.COMMERCIAL)
        True
    """
    return _TYPICAL[Phase.parse(phase)]


def work_under(
    framework: Framework, services: Iterable[Service], phase: Phase
) -> frozenset[Service]:
    """The services among ``services`` performed under ``framework`` in ``phase``.

    The one test of "GMP work" (or GLP, GCP ... work): screening asks it.

    Example:
        >>> from pharma_outsourcing import Framework, Phase, Service
        >>> work = {Service.API_PRODUCTION, Service.FORMULATION_DEVELOPMENT}
        >>> sorted(work_under(Framework.GMP, work, Phase.PHASE_2))
        [<Service.API_PRODUCTION: 'api-production'>]
    """
    return frozenset(s for s in services if _FRAMEWORK_AT[s, phase] is framework)


class Capability(Vocabulary):
    """A manufacturing capability a programme may need: a must-have where it applies.

    Each capability concerns some services (:attr:`services`): a partner considered for
    one of them must list the capability when the sponsor's profile ``requires`` it.
    Drug-product manufacturing means clinical-supply, finished-dosage and commercial
    manufacturing.

    - ``ASEPTIC_PROCESSING``, ``LYOPHILISATION``: drug-product manufacturing;
    - ``HIGH_POTENCY_CONTAINMENT``: API production, drug-product manufacturing and
      quality control (the laboratory handles the potent compound too);
    - ``LIPID_NANOPARTICLES``: formulation development and drug-product manufacturing;
    - ``BIOCONJUGATION``: API production (the conjugate is the drug substance);
    - ``COLD_CHAIN``: clinical-supply manufacturing, packaging and labelling, and
      supply-chain logistics;
    - ``CONTROLLED_SUBSTANCES``: every service that handles the substance: all
      manufacturing, development, quality and supply work, and preclinical studies.

    Example:
        >>> from pharma_outsourcing import Capability, Service
        >>> Capability.parse("HPAPI")
        <Capability.HIGH_POTENCY_CONTAINMENT: 'high-potency-containment'>
        >>> Service.QUALITY_CONTROL in Capability.HIGH_POTENCY_CONTAINMENT.services
        True
    """

    ASEPTIC_PROCESSING = "aseptic-processing"
    HIGH_POTENCY_CONTAINMENT = "high-potency-containment"
    LYOPHILISATION = "lyophilisation"
    COLD_CHAIN = "cold-chain"
    LIPID_NANOPARTICLES = "lipid-nanoparticles"
    BIOCONJUGATION = "bioconjugation"
    CONTROLLED_SUBSTANCES = "controlled-substances"

    @property
    def services(self) -> frozenset[Service]:
        """The services this capability concerns."""
        return _CAPABILITY_WORK[self]


register_labels(
    Capability,
    {
        "high-potency-containment": "high-potency containment",
        "lipid-nanoparticles": "lipid-nanoparticle formulation",
        "controlled-substances": "controlled-substance handling",
    },
)

register_aliases(
    Capability,
    {
        "aseptic": "aseptic-processing",
        "aseptic manufacturing": "aseptic-processing",
        "aseptic fill finish": "aseptic-processing",
        "sterile manufacturing": "aseptic-processing",
        "hpapi": "high-potency-containment",
        "high potency": "high-potency-containment",
        "highly potent": "high-potency-containment",
        "containment": "high-potency-containment",
        "lyophilization": "lyophilisation",
        "lyo": "lyophilisation",
        "freeze drying": "lyophilisation",
        "cold chain logistics": "cold-chain",
        "ultra cold": "cold-chain",
        "frozen": "cold-chain",
        "lnp": "lipid-nanoparticles",
        "lnps": "lipid-nanoparticles",
        "lipid nanoparticle": "lipid-nanoparticles",
        "conjugation": "bioconjugation",
        "adc conjugation": "bioconjugation",
        "controlled substance": "controlled-substances",
        "scheduled substances": "controlled-substances",
        "dea": "controlled-substances",
    },
)

_S = Service
_DRUG_PRODUCT = frozenset(
    {_S.CLINICAL_SUPPLY_MANUFACTURING, _S.FINISHED_DOSAGE_MANUFACTURING, _S.COMMERCIAL_PRODUCTION}
)
_CAPABILITY_WORK: Mapping[Capability, frozenset[Service]] = MappingProxyType(
    {
        Capability.ASEPTIC_PROCESSING: _DRUG_PRODUCT,
        Capability.LYOPHILISATION: _DRUG_PRODUCT,
        Capability.HIGH_POTENCY_CONTAINMENT: _DRUG_PRODUCT
        | {_S.API_PRODUCTION, _S.QUALITY_CONTROL},
        Capability.LIPID_NANOPARTICLES: _DRUG_PRODUCT | {_S.FORMULATION_DEVELOPMENT},
        Capability.BIOCONJUGATION: frozenset({_S.API_PRODUCTION}),
        Capability.COLD_CHAIN: frozenset(
            {
                _S.CLINICAL_SUPPLY_MANUFACTURING,
                _S.PACKAGING_AND_LABELLING,
                _S.SUPPLY_CHAIN_LOGISTICS,
            }
        ),
        Capability.CONTROLLED_SUBSTANCES: _SERVICES_OF[_CMO] | {_S.PRECLINICAL_RESEARCH},
    }
)

MODALITY_WORK: frozenset[Service] = frozenset(
    {
        _S.API_PRODUCTION,
        _S.FORMULATION_DEVELOPMENT,
        _S.SCALE_UP,
        _S.TECH_TRANSFER,
        _S.PROCESS_VALIDATION,
        _S.QUALITY_CONTROL,
    }
    | _DRUG_PRODUCT
)
"""The services that must be able to handle each of the product's modalities (DESIGN.md §6)."""

DOSAGE_FORM_WORK: frozenset[Service] = frozenset(
    {_S.FORMULATION_DEVELOPMENT, _S.PACKAGING_AND_LABELLING} | _DRUG_PRODUCT
)
"""The services that must be able to make or pack each of the product's dosage forms."""
