"""What each kind of contract organisation is: the guide's key-differences table."""

from __future__ import annotations

import attrs

from ._services import Service, services_of
from ._sources import PRACTICE_CRO_AND_CDMO, SEED, SEED_CDMO
from ._vocabulary import OrganisationType, Stage

__all__ = ["TypeDescription", "describe"]


@attrs.frozen(kw_only=True)
class TypeDescription:
    """One column of the guide's key-differences table, for one organisation type.

    The rows are the guide's, word for word; the CDMO's combine the CRO's and the CMO's.
    The guide's table labels both of its columns "CMO"; its first column is the CRO's,
    and is given here under ``OrganisationType.CRO``.

    Attributes:
        organisation_type: The type described.
        name: Its name written out ("Contract Research Organisation").
        primary_role: What it is engaged to do.
        focus_area: Where its work sits in development.
        expertise: What it is expert in.
        engagement_stage: When in development it is typically engaged.
        stages: The same, as :class:`Stage` values.
        end_deliverable: What the sponsor has at the end of the engagement.
        when_to_choose: When a sponsor should choose this type.
        source: Where the description comes from.

    Example:
        >>> from pharma_outsourcing import OrganisationType, describe
        >>> describe(OrganisationType.CRO).end_deliverable
        'Regulatory-ready data and submission docs'
    """

    organisation_type: OrganisationType
    name: str
    primary_role: str
    focus_area: str
    expertise: str
    engagement_stage: str
    stages: frozenset[Stage]
    end_deliverable: str
    when_to_choose: str
    source: str

    @property
    def services(self) -> frozenset[Service]:
        """The services the type provides (see :func:`services_of`)."""
        return services_of(self.organisation_type)

    def _repr_html_(self) -> str:
        """The description as HTML, for Jupyter."""
        from ._render import notebook  # noqa: PLC0415 - on first display

        return notebook.html(self)

    def _repr_markdown_(self) -> str:
        """The description as Markdown, for Jupyter and Markdown exports."""
        from ._render import notebook  # noqa: PLC0415 - on first display

        return notebook.markdown(self)


# The guide's key-differences rows, word for word (DOMAIN.md); its first column is the CRO's.
_CRO_ROW = {
    "primary_role": "Research and clinical development",
    "focus_area": "Preclinical and clinical trial phases",
    "expertise": "Clinical operations, regulatory, data",
    "engagement_stage": "Early to mid-stage of drug development",
    "end_deliverable": "Regulatory-ready data and submission docs",
}
_CMO_ROW = {
    "primary_role": "Drug substance and product manufacturing",
    "focus_area": "Manufacturing and commercialization",
    "expertise": "Process engineering, scale-up, compliance",
    "engagement_stage": "Mid to late-stage and commercial supply",
    "end_deliverable": "Market-ready drug products",
}


def _both(field: str) -> str:
    """The CDMO's cell: the CRO's and the CMO's, in the guide's words."""
    cmo = _CMO_ROW[field]
    return f"{_CRO_ROW[field]}; {cmo[0].lower()}{cmo[1:]}"


_DESCRIPTIONS = {
    OrganisationType.CRO: TypeDescription(
        organisation_type=OrganisationType.CRO,
        name="Contract Research Organisation",
        **_CRO_ROW,
        stages=frozenset({Stage.EARLY, Stage.MID}),
        when_to_choose=(
            "You need research, clinical or regulatory work done: studies designed, run and "
            "reported, the data and documents for a regulatory submission, and after "
            "approval post-marketing safety reporting and regulatory lifecycle work."
        ),
        source=SEED,
    ),
    OrganisationType.CMO: TypeDescription(
        organisation_type=OrganisationType.CMO,
        name="Contract Manufacturing Organisation",
        **_CMO_ROW,
        stages=frozenset({Stage.MID, Stage.LATE, Stage.POST_APPROVAL}),
        when_to_choose=(
            "You need product made: from small batches for clinical trials (the first-in-human "
            "batch is made before phase 1 begins) through scale-up and technology transfer to "
            "full-scale commercial supply."
        ),
        source=SEED,
    ),
    OrganisationType.CDMO: TypeDescription(
        organisation_type=OrganisationType.CDMO,
        name="Contract Development and Manufacturing Organisation",
        **{field: _both(field) for field in _CRO_ROW},
        stages=frozenset(Stage),
        when_to_choose=(
            "You want one manufacturer to carry the product from the first clinical supply to "
            "commercial production: the integrated model streamlines that transition and "
            "reduces handoff risks and delays. Most sponsors engage it beside a CRO, since few "
            "companies run clinical operations and manufacturing together."
        ),
        source=f"{SEED_CDMO}; {PRACTICE_CRO_AND_CDMO}",
    ),
}


def describe(org_type: OrganisationType) -> TypeDescription:
    """Describe an organisation type: the guide's key-differences row, and when to choose it.

    Args:
        org_type: The type, or any spelling :meth:`OrganisationType.parse` accepts.

    Example:
        >>> from pharma_outsourcing import describe
        >>> describe("CMO").engagement_stage
        'Mid to late-stage and commercial supply'
        >>> describe("CDMO").primary_role
        'Research and clinical development; drug substance and product manufacturing'
    """
    return _DESCRIPTIONS[OrganisationType.parse(org_type)]
