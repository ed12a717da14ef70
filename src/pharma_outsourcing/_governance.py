"""Who answers to whom, and what must be in writing (DESIGN.md §8).

Every contract organisation answers to the sponsor: a CMO does not report to a CRO, and
no contract organisation reports to another (the guide). What the regulations ask
for when work is outsourced is a short list of written agreements, each an
:class:`Agreement` citing its source from the project's DOMAIN.md; what stays with the
sponsor whatever it transfers is :func:`sponsor_responsibilities`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from . import _fields as convert
from ._errors import InvalidInputError
from ._fields import as_tuple, members_of, non_empty_text
from ._services import Service, ServiceCategory, services_of
from ._sources import (
    CFR_58_10,
    CFR_312_52,
    EU_520_2012_ART_6,
    EU_GMP_CHAPTER_7,
    FDA_QUALITY_AGREEMENTS_2016,
    ICH_E6_R2_5_2,
    ICH_E6_R3_3_6,
    ICH_Q7_16,
    ICH_Q10_2_7,
)
from ._vocabulary import OrganisationType, Vocabulary, register_aliases

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


def _parties(value: Iterable[Party]) -> frozenset[Party]:
    return value if isinstance(value, frozenset) else frozenset(value)


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
            one first.

    Example:
        >>> from pharma_outsourcing import OrganisationType, Party, agreements_for
        >>> transfer = agreements_for(OrganisationType.CRO)[0]
        >>> transfer.name
        'Transfer of regulatory obligations'
        >>> sorted(transfer.signed_by)
        [<Party.CONTRACT_ORGANISATION: 'contract-organisation'>, <Party.SPONSOR: 'sponsor'>]
    """

    name: str = attrs.field(validator=non_empty_text)
    summary: str = attrs.field(validator=non_empty_text)
    contents: tuple[str, ...] = attrs.field(converter=_texts, validator=_non_empty_texts)
    signed_by: frozenset[Party] = attrs.field(converter=_parties, validator=members_of(Party))
    services: frozenset[Service] = attrs.field(
        converter=convert.services, validator=members_of(Service)
    )
    sources: tuple[str, ...] = attrs.field(converter=_texts, validator=_non_empty_texts)


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
_CRO, _CMO = OrganisationType.CRO, OrganisationType.CMO
_OBLIGATION_CATEGORIES = (
    ServiceCategory.REGULATORY,
    ServiceCategory.CLINICAL,
    ServiceCategory.DATA,
)

TRANSFER_OF_OBLIGATIONS = Agreement(
    name="Transfer of regulatory obligations",
    summary=(
        "Obligations transferred to a CRO must be listed in writing; what is not described "
        "stays with the sponsor, which keeps ultimate responsibility for the trial data."
    ),
    contents=(
        (
            "each obligation transferred, or a statement that all are transferred; what is not "
            "described is not transferred"
        ),
        (
            "agreed and documented before the work starts, and updated when the transferred "
            "activities change"
        ),
        "the CRO follows the protocol and GCP and allows monitoring, audit and inspection",
        "how the sponsor oversees the transferred activities, including work the CRO subcontracts",
    ),
    signed_by=_BOTH,
    services=frozenset(s for s in services_of(_CRO) if s.category in _OBLIGATION_CATEGORIES),
    sources=(CFR_312_52, ICH_E6_R3_3_6, ICH_E6_R2_5_2),
)
GLP_NOTICE = Agreement(
    name="GLP study notice to a contract laboratory",
    summary=(
        "A sponsor using a contract laboratory for a nonclinical study must tell it that the "
        "study is a GLP study."
    ),
    contents=("notice that the nonclinical study is to be conducted under GLP (21 CFR 58)",),
    signed_by=frozenset({Party.SPONSOR}),
    services=frozenset({Service.PRECLINICAL_RESEARCH}),
    sources=(CFR_58_10,),
)
PHARMACOVIGILANCE_SUBCONTRACT = Agreement(
    name="Pharmacovigilance subcontract",
    summary=(
        "Pharmacovigilance may be subcontracted only by a written subcontract; the marketing "
        "authorisation holder keeps full responsibility for it."
    ),
    contents=(
        "the roles and responsibilities of each party",
        "how safety data are exchanged",
        "the marketing authorisation holder's right to audit the subcontractor",
    ),
    signed_by=_BOTH,
    services=frozenset({Service.PHARMACOVIGILANCE}),
    sources=(EU_520_2012_ART_6,),
)
QUALITY_AGREEMENT = Agreement(
    name="Quality agreement",
    summary=(
        "Quality duties shared with a contract manufacturer go in a written quality "
        "agreement; the sponsor's quality unit stays responsible for approving or rejecting "
        "the product."
    ),
    contents=(
        (
            "a written agreement, separate from the commercial contract, defining each party's "
            "GMP responsibilities"
        ),
        (
            "the roles of each party's quality unit; the owner's quality unit approves or "
            "rejects the product"
        ),
        "communication between the parties, audits and regulatory inspections",
        "change control and validation",
        "no subcontracting without the contract giver's approval",
    ),
    signed_by=_BOTH,
    services=services_of(_CMO),
    sources=(FDA_QUALITY_AGREEMENTS_2016, EU_GMP_CHAPTER_7, ICH_Q7_16),
)
SUPPLIER_OVERSIGHT = Agreement(
    name="Assessment and monitoring of the contract manufacturer",
    summary=(
        "Before outsourcing, the sponsor assesses the contract manufacturer's suitability "
        "and competence, writes the responsibilities down, and then monitors its performance."
    ),
    contents=(
        (
            "an assessment of the contract acceptor's legality, suitability and competence "
            "before the work is outsourced"
        ),
        "the responsibilities of each party, in writing",
        "monitoring and review of the contract acceptor's performance, with the right to audit",
    ),
    signed_by=frozenset({Party.SPONSOR}),
    services=services_of(_CMO),
    sources=(ICH_Q10_2_7, EU_GMP_CHAPTER_7),
)

_AGREEMENTS: dict[OrganisationType, tuple[Agreement, ...]] = {
    _CRO: (TRANSFER_OF_OBLIGATIONS, GLP_NOTICE, PHARMACOVIGILANCE_SUBCONTRACT),
    _CMO: (QUALITY_AGREEMENT, SUPPLIER_OVERSIGHT),
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
        sources=(FDA_QUALITY_AGREEMENTS_2016, ICH_Q10_2_7),
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


def agreements_for(org_type: OrganisationType) -> tuple[Agreement, ...]:
    """The written agreements and oversight the regulations ask for with ``org_type``.

    For a CRO: the written transfer of obligations (21 CFR 312.52; ICH E6(R3) 3.6), the
    GLP notice to a contract laboratory (21 CFR 58.10) and the pharmacovigilance
    subcontract (EU Implementing Regulation 520/2012 Art. 6). For a CMO: the quality
    agreement (FDA 2016 guidance; EU GMP Chapter 7; ICH Q7 section 16) and the assessment
    and monitoring of the contract manufacturer (ICH Q10 section 2.7). For a CDMO: exactly
    both lists, the same objects. Each agreement's ``services`` says which outsourced
    services call for it.

    Args:
        org_type: The type, or any spelling :meth:`OrganisationType.parse` accepts.

    Example:
        >>> from pharma_outsourcing import OrganisationType, agreements_for
        >>> [a.name for a in agreements_for(OrganisationType.CMO)][0]
        'Quality agreement'
        >>> len(agreements_for("CDMO")) == len(agreements_for("CRO")) + len(agreements_for("CMO"))
        True
    """
    return _AGREEMENTS[OrganisationType.parse(org_type)]


def sponsor_responsibilities() -> tuple[Responsibility, ...]:
    """What stays with the sponsor whatever it transfers to contract organisations.

    Example:
        >>> from pharma_outsourcing import sponsor_responsibilities
        >>> [r.subject for r in sponsor_responsibilities()]
        ['trial participants and data', 'product quality', 'pharmacovigilance']
    """
    return _RESPONSIBILITIES
