"""Who answers to whom, and what must be in writing (DESIGN.md §8).

Every contract organisation answers to the sponsor: a CMO does not report to a CRO, and
no contract organisation reports to another (the guide). What the regulations ask
for when work is outsourced is a list of written agreements, each an :class:`Agreement`
citing its source from the project's DOMAIN.md, with the phases in which it applies and
the markets whose rules ask for it; what stays with the sponsor whatever it transfers is
:func:`sponsor_responsibilities`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import attrs

from . import _fields as convert
from ._errors import InvalidInputError
from ._fields import as_tuple, members_of, non_empty_text
from ._services import Service
from ._sources import (
    CFR_58_10,
    CFR_210_2C,
    CFR_211_22A,
    CFR_312_32,
    CFR_312_52,
    CFR_314_80_600_80,
    EU_520_2012_ART_6,
    EU_536_2014_ART_42_43,
    EU_536_2014_ART_71,
    EU_2001_83_ART_8_3_IA,
    EU_2017_1569_ART_13,
    EU_2017_1572_ART_12,
    EU_GDP_CHAPTER_7,
    EU_GLP_DIRECTIVES,
    EU_GMP_ANNEX_16,
    EU_GMP_CHAPTER_7,
    EU_IMPORTATION,
    FDA_FORM_1571,
    FDA_PHASE_1_CGMP,
    FDA_QUALITY_AGREEMENTS_2016,
    ICH_E6_R2_5_2,
    ICH_E6_R3_3_6,
    ICH_Q7_16,
    ICH_Q7_19,
    ICH_Q10_2_7,
)
from ._vocabulary import Market, OrganisationType, Phase, Vocabulary, register_aliases

__all__ = [
    "Agreement",
    "Party",
    "Responsibility",
    "agreements_for",
    "reports_to",
    "sponsor_responsibilities",
]


class Party(Vocabulary):
    """A party to an outsourcing arrangement.

    - ``SPONSOR``: the drug developer: the sponsor of the trials, the owner of the
      product ("contract giver" in EU GMP) and, once it is approved, its marketing
      authorisation holder;
    - ``CONTRACT_ORGANISATION``: the CRO, CMO or CDMO doing the work ("service
      provider" in ICH E6(R3), "contract acceptor" in EU GMP).

    Example:
        >>> from pharma_outsourcing import Party
        >>> Party.parse("contract giver")
        <Party.SPONSOR: 'sponsor'>
    """

    SPONSOR = "sponsor"
    CONTRACT_ORGANISATION = "contract-organisation"


register_aliases(
    Party,
    {
        "owner": "sponsor",
        "product owner": "sponsor",
        "contract giver": "sponsor",
        "marketing authorisation holder": "sponsor",
        "mah": "sponsor",
        "contract acceptor": "contract-organisation",
        "contract facility": "contract-organisation",
        "service provider": "contract-organisation",
        "contractor": "contract-organisation",
    },
)


def _texts(value: Iterable[str]) -> tuple[str, ...]:
    return as_tuple(value)


def _parties(value: Iterable[Party | str]) -> frozenset[Party]:
    return convert.members(Party, value)


def _non_empty_texts(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a non-empty tuple of non-empty texts."""
    if not isinstance(value, tuple) or not value:
        raise InvalidInputError(
            field=attribute.name,
            value=value,
            problem="is not a non-empty tuple of texts",
            allowed="one or more non-empty texts",
        )
    for item in value:
        non_empty_text(instance, attribute, item)


def _some_phases(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a non-empty set of phases."""
    members_of(Phase)(instance, attribute, value)
    if not value:
        raise InvalidInputError(
            field=attribute.name,
            value=value,
            problem="is empty",
            allowed="the phases in which the agreement applies, at least one",
        )


def _jurisdiction(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate ``None`` (every market) or a non-empty set of markets."""
    if value is None:
        return
    members_of(Market)(instance, attribute, value)
    if not value:
        raise InvalidInputError(
            field=attribute.name,
            value=value,
            problem="is empty",
            allowed="the markets whose rules ask for the agreement, or nothing (every market)",
        )


@attrs.frozen(kw_only=True)
class Agreement:
    """A written agreement (or notice) the regulations ask for when work is outsourced.

    Attributes:
        name: What the agreement is called.
        summary: What it is for, in one sentence.
        contents: What it must contain or do, one item each.
        signed_by: Who signs or issues it.
        services: The outsourced services that call for it.
        sources: The regulations or guidance it comes from (DOMAIN.md), the principal
            one first; a source checked only in a secondary summary begins with "see".
        phases: The phases of development in which it applies (at least one).
        markets: The markets whose rules ask for it (US rules for the US, EU rules for
            the EU, EU GMP for the EU and the UK); ``None`` for an ICH guideline, which
            applies wherever the sponsor works.

    Example:
        >>> from pharma_outsourcing import Market, OrganisationType, Party, Phase, agreements_for
        >>> transfer = agreements_for(OrganisationType.CRO)[0]
        >>> transfer.name
        'Transfer of regulatory obligations'
        >>> sorted(transfer.signed_by)
        [<Party.CONTRACT_ORGANISATION: 'contract-organisation'>, <Party.SPONSOR: 'sponsor'>]
        >>> sorted(transfer.phases), sorted(transfer.markets)
        ([<Phase.PHASE_1: 'phase-1'>, <Phase.PHASE_2: 'phase-2'>, <Phase.PHASE_3: 'phase-3'>],
         [<Market.US: 'us'>])
    """

    name: str = attrs.field(validator=non_empty_text)
    summary: str = attrs.field(validator=non_empty_text)
    contents: tuple[str, ...] = attrs.field(converter=_texts, validator=_non_empty_texts)
    signed_by: frozenset[Party] = attrs.field(converter=_parties, validator=members_of(Party))
    services: frozenset[Service] = attrs.field(
        converter=convert.services, validator=members_of(Service)
    )
    sources: tuple[str, ...] = attrs.field(converter=_texts, validator=_non_empty_texts)
    phases: frozenset[Phase] = attrs.field(converter=convert.phases, validator=_some_phases)
    markets: frozenset[Market] | None = attrs.field(
        default=None, converter=convert.optional_markets, validator=_jurisdiction
    )


@attrs.frozen(kw_only=True)
class Responsibility:
    """Something that stays with the sponsor whatever duties it transfers.

    Attributes:
        subject: What the responsibility is for.
        text: The responsibility in one sentence.
        sources: Where it comes from (DOMAIN.md).

    Example:
        >>> from pharma_outsourcing import sponsor_responsibilities
        >>> sponsor_responsibilities()[0].subject
        'trial participants and data'
    """

    subject: str = attrs.field(validator=non_empty_text)
    text: str = attrs.field(validator=non_empty_text)
    sources: tuple[str, ...] = attrs.field(converter=_texts, validator=_non_empty_texts)


_BOTH = frozenset({Party.SPONSOR, Party.CONTRACT_ORGANISATION})
_SPONSOR = frozenset({Party.SPONSOR})
_CRO, _CMO = OrganisationType.CRO, OrganisationType.CMO
_US, _EU = frozenset({Market.US}), frozenset({Market.EU})
_EU_GMP = frozenset({Market.EU, Market.UK})  # the UK applies the EU GMP guide (DESIGN.md §8)


def _from(first: Phase, last: Phase = Phase.COMMERCIAL) -> frozenset[Phase]:
    """The phases from ``first`` to ``last``, both included."""
    return frozenset(p for p in Phase if first <= p <= last)


_EVERY_PHASE = frozenset(Phase)
_TRIALS = _from(Phase.PHASE_1, Phase.PHASE_3)
# Clinical trials: phase 1 to phase 3, and after approval the studies a sponsor names.
_STUDIES = _TRIALS | {Phase.COMMERCIAL}
_UNTIL_APPROVAL = _from(Phase.PHASE_1, Phase.REGULATORY_REVIEW)
_FROM_REVIEW = _from(Phase.REGULATORY_REVIEW)
_AFTER_APPROVAL = frozenset({Phase.COMMERCIAL})
# Manufacturing starts with the first-in-human batch, made at preclinical.
_MANUFACTURING = _from(Phase.PRECLINICAL)
_BEFORE_APPROVAL = _from(Phase.PRECLINICAL, Phase.REGULATORY_REVIEW)

S = Service
# The clinical-trial work a CRO takes on (safety reporting has agreements of its own).
_TRIAL_WORK = frozenset(
    {
        S.CLINICAL_TRIAL_DESIGN,
        S.CLINICAL_TRIAL_MANAGEMENT,
        S.PATIENT_RECRUITMENT,
        S.SITE_MONITORING,
        S.DATA_MANAGEMENT,
        S.BIOSTATISTICS,
        S.MEDICAL_WRITING,
    }
)
_SAFETY = frozenset({S.PHARMACOVIGILANCE})
_GLP_STUDIES = frozenset({S.PRECLINICAL_RESEARCH})
# GMP work on investigational products: drug substance, clinical supplies and their release,
# and (before approval) the clinical supply depots, which are GMP, not GDP.
_IMP_WORK = frozenset(
    {
        S.API_PRODUCTION,
        S.CLINICAL_SUPPLY_MANUFACTURING,
        S.FINISHED_DOSAGE_MANUFACTURING,
        S.PACKAGING_AND_LABELLING,
        S.QUALITY_CONTROL,
        S.SCALE_UP,
        S.TECH_TRANSFER,
        S.SUPPLY_CHAIN_LOGISTICS,
    }
)
# GMP work on the product to be authorised (registration and PPQ batches) or authorised.
_AUTHORISED_WORK = frozenset(
    {
        S.API_PRODUCTION,
        S.FINISHED_DOSAGE_MANUFACTURING,
        S.PACKAGING_AND_LABELLING,
        S.QUALITY_CONTROL,
        S.SCALE_UP,
        S.TECH_TRANSFER,
        S.PROCESS_VALIDATION,
        S.COMMERCIAL_PRODUCTION,
    }
)
# Every GMP activity, investigational or commercial; distribution after approval is GDP work.
_GMP_WORK = (_IMP_WORK - {S.SUPPLY_CHAIN_LOGISTICS}) | _AUTHORISED_WORK
# Everything a US contract manufacturer makes, processes, packs or holds (21 CFR 211.22(a)).
_PART_211_WORK = _GMP_WORK | {S.SUPPLY_CHAIN_LOGISTICS}
# Every CMO service, development included: the quality system covers all outsourced work.
_CMO_WORK = _PART_211_WORK | {S.FORMULATION_DEVELOPMENT}
# The batches a Qualified Person certifies: clinical supplies and the finished product.
_CERTIFIED_BATCHES = frozenset(
    {
        S.CLINICAL_SUPPLY_MANUFACTURING,
        S.FINISHED_DOSAGE_MANUFACTURING,
        S.PACKAGING_AND_LABELLING,
        S.QUALITY_CONTROL,
        S.COMMERCIAL_PRODUCTION,
    }
)
del S

_NOT_DESCRIBED = (
    "each obligation transferred, or a statement that all are transferred; what is not "
    "described is not transferred"
)
_BOUND = (
    "the organisation that takes on an obligation is bound by the same rules and enforcement "
    "as the sponsor for it"
)
_FORM_1571 = "the obligations transferred, listed with the IND on Form FDA 1571"

# --- with a CRO: research, clinical trials, safety reporting ------------------------------

TRANSFER_OF_OBLIGATIONS = Agreement(
    name="Transfer of regulatory obligations",
    summary=(
        "Obligations the sponsor transfers for the contract research work must be listed in "
        "writing; what is not described stays with the sponsor."
    ),
    contents=(_NOT_DESCRIBED, _BOUND, _FORM_1571),
    signed_by=_BOTH,
    services=_TRIAL_WORK,
    sources=(CFR_312_52, FDA_FORM_1571),
    phases=_TRIALS,
    markets=_US,
)
TRANSFER_OF_OBLIGATIONS_AFTER_APPROVAL = Agreement(
    name="Transfer of regulatory obligations for a study after approval",
    summary=(
        "After approval, if the study is under an IND, obligations the sponsor transfers for "
        "the study must be listed in writing; what is not described stays with the sponsor."
    ),
    contents=(_NOT_DESCRIBED, _BOUND, _FORM_1571),
    signed_by=_BOTH,
    services=_TRIAL_WORK,
    sources=(CFR_312_52, FDA_FORM_1571),
    phases=_AFTER_APPROVAL,
    markets=_US,
)
SERVICE_PROVIDER_AGREEMENT = Agreement(
    name="Agreement with a clinical-trial service provider",
    summary=(
        "Trial activities transferred to the organisation doing them are set out in an "
        "agreement documented before the work starts; the sponsor keeps ultimate "
        "responsibility for the participants and the data and oversees the activities it "
        "transfers."
    ),
    contents=(
        (
            "agreed and documented before the work starts, and updated when the transferred "
            "activities change"
        ),
        (
            "the service provider follows the protocol and GCP and allows monitoring, audit "
            "and inspection"
        ),
        "how the sponsor oversees the important activities it transfers",
    ),
    signed_by=_BOTH,
    services=_TRIAL_WORK,
    sources=(ICH_E6_R3_3_6,),
    phases=_STUDIES,
)
TRIAL_DELEGATION = Agreement(
    name="Delegation of trial tasks by written contract",
    summary=(
        "In the EU, a sponsor may delegate trial tasks by written contract to the "
        "organisation doing them, and keeps responsibility for them."
    ),
    contents=(
        "the trial tasks delegated, and to whom",
        "the sponsor's responsibility for the trial, which delegation does not transfer",
    ),
    signed_by=_BOTH,
    services=_TRIAL_WORK,
    sources=(EU_536_2014_ART_71,),
    phases=_STUDIES,
    markets=_EU,
)
GLP_NOTICE = Agreement(
    name="GLP study notice to a contract laboratory",
    summary=(
        "A sponsor using a contract laboratory for a nonclinical study must tell it that the "
        "study is a GLP study."
    ),
    contents=("notice that the nonclinical study is to be conducted under GLP (21 CFR 58)",),
    signed_by=_SPONSOR,
    services=_GLP_STUDIES,
    sources=(CFR_58_10,),
    phases=_EVERY_PHASE,
    markets=_US,
)
GLP_TEST_FACILITY = Agreement(
    name="GLP study at an inspected test facility",
    summary=(
        "A nonclinical study contracted out for the EU is carried out under the principles of "
        "GLP, by a test facility subject to the inspection and verification of GLP."
    ),
    contents=(
        "the study carried out under the principles of GLP (Directive 2004/10/EC)",
        ("a test facility subject to the inspection and verification of GLP (Directive 2004/9/EC)"),
    ),
    signed_by=_BOTH,
    services=_GLP_STUDIES,
    sources=(EU_GLP_DIRECTIVES,),
    phases=_EVERY_PHASE,
    markets=_EU,
)
IND_SAFETY_REPORTING = Agreement(
    name="IND safety reporting on the sponsor's behalf",
    summary=(
        "The organisation doing the safety work may prepare or submit the sponsor's IND "
        "safety reports as an obligation transferred to it; the sponsor stays responsible for "
        "them."
    ),
    contents=(
        "which IND safety reports the contract organisation prepares or submits for the sponsor",
        "how safety information reaches the party that reports it, in time",
    ),
    signed_by=_BOTH,
    services=_SAFETY,
    sources=(CFR_312_32,),
    phases=_UNTIL_APPROVAL,
    markets=_US,
)
TRIAL_SAFETY_REPORTING = Agreement(
    name="SUSAR and annual safety reporting on the sponsor's behalf",
    summary=(
        "The organisation doing the safety work may report suspected unexpected serious "
        "adverse reactions (SUSARs) to EudraVigilance and prepare the annual safety report for "
        "the sponsor, which stays responsible for them."
    ),
    contents=(
        "the SUSARs the contract organisation reports to EudraVigilance for the sponsor (Art. 42)",
        "who prepares and submits the annual safety report (Art. 43)",
    ),
    signed_by=_BOTH,
    services=_SAFETY,
    sources=(EU_536_2014_ART_42_43,),
    phases=_UNTIL_APPROVAL,
    markets=_EU,
)
PHARMACOVIGILANCE_SYSTEM = Agreement(
    name="Pharmacovigilance system summary",
    summary=(
        "The EU marketing application summarises the applicant's pharmacovigilance system, "
        "with proof of a QPPV and where the PV system master file is kept, which may be at a "
        "contractor's site; the marketing authorisation holder keeps responsibility."
    ),
    contents=(
        "a summary of the applicant's pharmacovigilance system, in the marketing application",
        "proof that the applicant has a qualified person responsible for pharmacovigilance",
        "where the PV system master file is kept, which may be at the contractor's site",
    ),
    signed_by=_SPONSOR,
    services=_SAFETY,
    sources=(EU_2001_83_ART_8_3_IA,),
    phases=_FROM_REVIEW,
    markets=_EU,
)
PHARMACOVIGILANCE_SUBCONTRACT = Agreement(
    name="Pharmacovigilance subcontract",
    summary=(
        "The marketing authorisation holder may subcontract pharmacovigilance only by a "
        "written subcontract, and keeps full responsibility for it."
    ),
    contents=(
        "the roles and responsibilities of each party",
        "how safety data are exchanged",
        "the marketing authorisation holder's right to audit the subcontractor",
    ),
    signed_by=_BOTH,
    services=_SAFETY,
    sources=(EU_520_2012_ART_6,),
    phases=_FROM_REVIEW,
    markets=_EU,
)
POSTMARKETING_SAFETY_REPORTING = Agreement(
    name="Post-marketing safety reporting procedures",
    summary=(
        "After approval, post-marketing safety surveillance and reporting follow the "
        "applicant's written procedures, which cover the safety work it outsources."
    ),
    contents=(
        "the applicant's written procedures for post-marketing safety surveillance and reporting",
        (
            "which post-marketing safety reports the contract organisation prepares or "
            "submits for the applicant"
        ),
    ),
    signed_by=_BOTH,
    services=_SAFETY,
    sources=(CFR_314_80_600_80,),
    phases=_AFTER_APPROVAL,
    markets=_US,
)

# --- with a CMO: manufacturing, release and distribution ---------------------------------

QUALITY_AGREEMENT = Agreement(
    name="Quality agreement",
    summary=(
        "For commercial manufacturing, quality duties shared with a contract manufacturer go "
        "in a written quality agreement; the owner's quality unit stays responsible for "
        "approving or rejecting the product."
    ),
    contents=(
        (
            "a written agreement, separate from the commercial contract, defining each party's "
            "CGMP responsibilities"
        ),
        (
            "the roles of each party's quality unit; the owner's quality unit approves or "
            "rejects the product"
        ),
        "communication between the parties, audits and regulatory inspections",
        "change control and validation",
    ),
    signed_by=_BOTH,
    services=_AUTHORISED_WORK,
    sources=(FDA_QUALITY_AGREEMENTS_2016,),
    phases=_FROM_REVIEW,
    markets=_US,
)
PHASE_1_CGMP = Agreement(
    name="Quality control plan for phase 1 CGMP",
    summary=(
        "Up to phase 1, investigational batches are made under statutory CGMP rather than "
        "Part 211; a written plan sets out the responsibilities for quality control, "
        "including releasing or rejecting each batch."
    ),
    contents=(
        (
            "the first-in-human and phase 1 batches made under statutory CGMP; most phase 1 "
            "investigational drugs are exempt from Part 211"
        ),
        (
            "a written plan of the responsibilities for quality control: examining materials, "
            "approving procedures and acceptance criteria, releasing or rejecting each batch"
        ),
        "which of these responsibilities the contract manufacturer holds",
    ),
    signed_by=_BOTH,
    services=_IMP_WORK,
    sources=(FDA_PHASE_1_CGMP, CFR_210_2C),
    phases=_from(Phase.PRECLINICAL, Phase.PHASE_1),
    markets=_US,
)
QUALITY_CONTROL_UNIT = Agreement(
    name="Approval or rejection of product made under contract",
    summary=(
        "From phase 2, where Part 211 applies, the sponsor's quality control unit is "
        "responsible for approving or rejecting drug products manufactured, processed, packed "
        "or held under contract."
    ),
    contents=(
        (
            "the sponsor's quality control unit approves or rejects each drug product made, "
            "processed, packed or held under contract"
        ),
        "the records and results the contract manufacturer supplies for that decision",
    ),
    signed_by=_SPONSOR,
    services=_PART_211_WORK,
    sources=(CFR_211_22A,),
    phases=_from(Phase.PHASE_2),
    markets=_US,
)

_EU_CONTRACT_CONTENTS = (
    "a written contract setting out each party's responsibilities",
    "how the Qualified Person discharges the certification of each batch",
    "no subcontracting without the contract giver's written consent",
    "the contract acceptor follows GMP and accepts inspection",
)
IMP_OUTSOURCED_OPERATIONS = Agreement(
    name="Contract for outsourced operations on investigational medicinal products",
    summary=(
        "Before approval, from the first-in-human batch, outsourced GMP operations on "
        "investigational medicinal products are the subject of a written contract setting out "
        "each party's responsibilities."
    ),
    contents=_EU_CONTRACT_CONTENTS,
    signed_by=_BOTH,
    services=_IMP_WORK,
    sources=(EU_2017_1569_ART_13,),
    phases=_BEFORE_APPROVAL,
    markets=_EU,
)
AUTHORISED_OUTSOURCED_OPERATIONS = Agreement(
    name="Contract for outsourced operations on authorised medicinal products",
    summary=(
        "From regulatory review, outsourced GMP operations on the product to be authorised are "
        "the subject of a written contract setting out each party's responsibilities."
    ),
    contents=_EU_CONTRACT_CONTENTS,
    signed_by=_BOTH,
    services=_AUTHORISED_WORK,
    sources=(EU_2017_1572_ART_12,),
    phases=_FROM_REVIEW,
    markets=_EU,
)
OUTSOURCED_ACTIVITIES_CONTRACT = Agreement(
    name="Contract between contract giver and contract acceptor",
    summary=(
        "Outsourced GMP activities are governed by a written contract; the contract giver "
        "assesses the acceptor's legality, suitability and competence, monitors it and may "
        "audit it."
    ),
    contents=(
        "a written contract between contract giver and contract acceptor",
        (
            "the giver's assessment of the acceptor's legality, suitability and competence "
            "before the work is outsourced"
        ),
        "monitoring of the acceptor, with the giver's right to audit",
        "no subcontracting without the giver's approval",
    ),
    signed_by=_BOTH,
    services=_GMP_WORK,
    sources=(EU_GMP_CHAPTER_7,),
    phases=_MANUFACTURING,
    markets=_EU_GMP,
)
SUPPLIER_OVERSIGHT = Agreement(
    name="Assessment and monitoring of the contract manufacturer",
    summary=(
        "Before outsourcing, the sponsor assesses the contract manufacturer's suitability "
        "and competence, writes the responsibilities down, and then monitors its performance."
    ),
    contents=(
        "an assessment of the provider's suitability and competence before the work is outsourced",
        "the responsibilities of each party, in writing",
        "monitoring and review of the provider's performance",
    ),
    signed_by=_SPONSOR,
    services=_CMO_WORK,
    sources=(ICH_Q10_2_7,),
    phases=_MANUFACTURING,
)
API_CONTRACT = Agreement(
    name="Contract for API manufacture",
    summary=(
        "Drug substance made or tested under contract is governed by a written, approved "
        "contract defining each party's GMP responsibilities; the contract giver evaluates the "
        "acceptor and may audit it."
    ),
    contents=(
        "a written, approved contract defining each party's GMP responsibilities",
        "the contract giver's evaluation of the acceptor, with the right to audit",
        "no subcontracting without the contract giver's approval",
    ),
    signed_by=_BOTH,
    services=frozenset({Service.API_PRODUCTION}),
    sources=(ICH_Q7_16,),
    phases=_MANUFACTURING,
)
CLINICAL_TRIAL_API = Agreement(
    name="GMP for APIs used in clinical trials",
    summary=(
        "Before approval, drug substance made under contract for clinical trials is made with "
        "production and control suited to its stage of development, and each batch is approved."
    ),
    contents=(
        "production and control suited to the API's stage of development",
        "a mechanism for approving each batch",
    ),
    signed_by=_BOTH,
    services=frozenset({Service.API_PRODUCTION}),
    sources=(ICH_Q7_19,),
    phases=_BEFORE_APPROVAL,
)
QP_CERTIFICATION = Agreement(
    name="Qualified Person certification of each batch",
    summary=(
        "When the EU is a target, a Qualified Person certifies every batch, investigational or "
        "commercial, before release, from the first-in-human batch; a batch made outside the "
        "EU/EEA is imported under a manufacturing/import authorisation and certified by the "
        "importer's Qualified Person."
    ),
    contents=(
        (
            "which Qualified Person certifies each batch, and what the contract manufacturer "
            "provides for the certification"
        ),
        (
            "where the batch is made outside the EU/EEA: importation by a holder of a "
            "manufacturing/import authorisation, with a Qualified Person"
        ),
    ),
    signed_by=_BOTH,
    services=_CERTIFIED_BATCHES,
    sources=(EU_GMP_ANNEX_16, EU_IMPORTATION),
    phases=_MANUFACTURING,
    markets=_EU,
)
DISTRIBUTION_CONTRACT = Agreement(
    name="Contract for outsourced distribution",
    summary=(
        "After approval, distribution is GDP work; outsourced distribution is governed by a "
        "written contract, and the contract giver assesses and audits the acceptor."
    ),
    contents=(
        "a written contract for the outsourced distribution activities",
        "the contract giver's assessment and audit of the contract acceptor",
    ),
    signed_by=_BOTH,
    services=frozenset({Service.SUPPLY_CHAIN_LOGISTICS}),
    sources=(EU_GDP_CHAPTER_7,),
    phases=_AFTER_APPROVAL,
    markets=_EU,
)

# The principal agreement of each side comes first.
_AGREEMENTS: dict[OrganisationType, tuple[Agreement, ...]] = {
    _CRO: (
        TRANSFER_OF_OBLIGATIONS,
        TRANSFER_OF_OBLIGATIONS_AFTER_APPROVAL,
        SERVICE_PROVIDER_AGREEMENT,
        TRIAL_DELEGATION,
        GLP_NOTICE,
        GLP_TEST_FACILITY,
        IND_SAFETY_REPORTING,
        TRIAL_SAFETY_REPORTING,
        PHARMACOVIGILANCE_SYSTEM,
        PHARMACOVIGILANCE_SUBCONTRACT,
        POSTMARKETING_SAFETY_REPORTING,
    ),
    _CMO: (
        QUALITY_AGREEMENT,
        PHASE_1_CGMP,
        QUALITY_CONTROL_UNIT,
        IMP_OUTSOURCED_OPERATIONS,
        AUTHORISED_OUTSOURCED_OPERATIONS,
        OUTSOURCED_ACTIVITIES_CONTRACT,
        SUPPLIER_OVERSIGHT,
        API_CONTRACT,
        CLINICAL_TRIAL_API,
        QP_CERTIFICATION,
        DISTRIBUTION_CONTRACT,
    ),
}
# A CDMO does both kinds of work, so it needs both sides' agreements: the same objects.
_AGREEMENTS[OrganisationType.CDMO] = _AGREEMENTS[_CRO] + _AGREEMENTS[_CMO]

_RESPONSIBILITIES = (
    Responsibility(
        subject="trial participants and data",
        text=(
            "The sponsor keeps ultimate responsibility for the trial participants and for the "
            "quality and integrity of the trial data; duties not transferred in writing stay "
            "with it, and it oversees those it transfers."
        ),
        sources=(ICH_E6_R3_3_6, ICH_E6_R2_5_2, CFR_312_52),
    ),
    Responsibility(
        subject="product quality",
        text=(
            "The product owner's quality unit stays responsible for approving or rejecting "
            "product made under contract, and the company stays ultimately responsible for "
            "the work it outsources."
        ),
        sources=(CFR_211_22A, ICH_Q10_2_7),
    ),
    Responsibility(
        subject="pharmacovigilance",
        text=(
            "The marketing authorisation holder keeps full responsibility for the "
            "pharmacovigilance it subcontracts."
        ),
        sources=(EU_520_2012_ART_6,),
    ),
)


def reports_to(org_type: OrganisationType) -> Party:
    """The party a contract organisation reports to: always the sponsor.

    A CMO does not report to a CRO: both report to the sponsor, not to each other (the
    guide), and no contract organisation reports to another.

    Args:
        org_type: The type, or any spelling :meth:`OrganisationType.parse` accepts.

    Example:
        >>> from pharma_outsourcing import OrganisationType, reports_to
        >>> reports_to(OrganisationType.CMO)
        <Party.SPONSOR: 'sponsor'>
    """
    OrganisationType.parse(org_type)  # refuses what is not an organisation type
    return Party.SPONSOR


def agreements_for(
    org_type: OrganisationType,
    *,
    phase: Phase | None = None,
    markets: Iterable[Market] | None = None,
) -> tuple[Agreement, ...]:
    """The written agreements and oversight the regulations ask for with ``org_type``.

    For a CRO: for GLP studies, the notice to a contract laboratory (21 CFR 58.10, US) and
    GLP at an inspected test facility (Directives 2004/10/EC and 2004/9/EC, EU); for
    clinical trials (phase 1 to phase 3, and after approval the studies a sponsor names),
    the agreement with the service provider (ICH E6(R3) 3.6), the written transfer of
    obligations (21 CFR 312.52, US; after approval, if the study is under an IND) and the
    delegation by written contract (EU; see 536/2014 Art. 71); for safety reporting, IND
    safety reports (21 CFR 312.32, US) and SUSAR and annual safety reporting (EU 536/2014
    Art. 42-43, EU) from phase 1 until approval, from regulatory review the EU
    pharmacovigilance system summary (Directive 2001/83/EC Art. 8(3)(ia)) and the
    pharmacovigilance subcontract (EU 520/2012 Art. 6), and after approval US
    post-marketing safety reporting (21 CFR 314.80 and 600.80).

    For a CMO, from the first-in-human batch (made at preclinical): the phase 1 quality
    control plan up to phase 1 (FDA's phase 1 CGMP guidance and 21 CFR 210.2(c), US), the
    quality control unit's approval from phase 2 (21 CFR 211.22(a), US), the quality
    agreement from regulatory review (FDA guidance on quality agreements, 2016, US); the
    contract for outsourced operations on investigational medicinal products before
    approval (EU 2017/1569 Art. 13) and on authorised products from regulatory review
    (Directive (EU) 2017/1572 Art. 12); the contract between contract giver and acceptor
    (EU GMP Chapter 7, EU and UK) and the assessment and monitoring of the manufacturer
    (ICH Q10 2.7) in every phase of manufacture; for drug substance, ICH Q7 section 16 (and
    before approval, see section 19); Qualified Person certification of each batch when
    the EU is a target (EU GMP Annex 16; for batches made outside the EU/EEA, see Annex 16
    1.5.1 and Annex 21 on importation); and after approval the contract for outsourced
    distribution (EU; see the GDP guidelines, Chapter 7). For a CDMO: exactly the union
    of both, the same objects.

    Each agreement's ``services`` says which outsourced services call for it, its
    ``phases`` when it applies and its ``markets`` whose rules ask for it (``None``: an ICH
    guideline, for every market).

    Args:
        org_type: The type, or any spelling :meth:`OrganisationType.parse` accepts.
        phase: Only the agreements that apply in this phase (or any spelling
            :meth:`Phase.parse` accepts); ``None``: every phase.
        markets: Only the agreements of these markets' jurisdictions (US rules for the US,
            EU rules for the EU, EU GMP for the EU and the UK, ICH guidelines for every
            market), as markets or any spellings :meth:`Market.parse` accepts; ``None`` or
            empty: every jurisdiction.

    Raises:
        InvalidInputError: ``org_type`` is not an organisation type, ``phase`` is not a
            phase or ``markets`` is not a collection of markets; the message names the
            argument.

    Example:
        >>> from pharma_outsourcing import Market, OrganisationType, Phase, agreements_for
        >>> [a.name for a in agreements_for(OrganisationType.CMO)][0]
        'Quality agreement'
        >>> len(agreements_for("CDMO")) == len(agreements_for("CRO")) + len(agreements_for("CMO"))
        True
        >>> for agreement in agreements_for("CMO", phase=Phase.PHASE_1, markets=[Market.US]):
        ...     print(agreement.name)
        Quality control plan for phase 1 CGMP
        Assessment and monitoring of the contract manufacturer
        Contract for API manufacture
        GMP for APIs used in clinical trials
    """
    kind = OrganisationType.parse(org_type, field="org_type")
    at = None if phase is None else Phase.parse(phase, field="phase")
    within = frozenset() if markets is None else Market.parse_many(markets, field="markets")
    return _selected(kind, at, within)


@lru_cache(maxsize=256)
def _selected(
    kind: OrganisationType, phase: Phase | None, markets: frozenset[Market]
) -> tuple[Agreement, ...]:
    """The agreements of ``kind`` that apply in ``phase`` and in ``markets`` (all if empty)."""
    return tuple(
        agreement
        for agreement in _AGREEMENTS[kind]
        if (phase is None or phase in agreement.phases)
        and (not markets or agreement.markets is None or bool(agreement.markets & markets))
    )


def sponsor_responsibilities() -> tuple[Responsibility, ...]:
    """What stays with the sponsor whatever it transfers to contract organisations.

    Example:
        >>> from pharma_outsourcing import sponsor_responsibilities
        >>> [r.subject for r in sponsor_responsibilities()]
        ['trial participants and data', 'product quality', 'pharmacovigilance']
    """
    return _RESPONSIBILITIES
