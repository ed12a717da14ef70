"""What each kind of contract organisation is: the guide's key-differences table."""

from __future__ import annotations

import attrs

from ._services import Service, services_of
from ._sources import SEED, SEED_CDMO
from ._vocabulary import OrganisationType, Stage

__all__ = ["TypeDescription", "describe"]


@attrs.frozen(kw_only=True)
class TypeDescription:
    """One column of the guide's key-differences table, for one organisation type.

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
        'Regulatory-ready data and submission documents'
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


_DESCRIPTIONS = {
    OrganisationType.CRO: TypeDescription(
        organisation_type=OrganisationType.CRO,
        name="Contract Research Organisation",
        primary_role="Research and clinical development services",
        focus_area="Preclinical research and clinical trials",
        expertise=(
            "Preclinical research; clinical trial design and management; patient "
            "recruitment and site monitoring; data collection, analysis and reporting; "
            "regulatory submission and compliance support"
        ),
        engagement_stage="Early to mid-stage development",
        stages=frozenset({Stage.EARLY, Stage.MID}),
        end_deliverable="Regulatory-ready data and submission documents",
        when_to_choose=(
            "You need research or clinical development work done: studies designed, run "
            "and reported, and the data and documents for a regulatory submission."
        ),
        source=SEED,
    ),
    OrganisationType.CMO: TypeDescription(
        organisation_type=OrganisationType.CMO,
        name="Contract Manufacturing Organisation",
        primary_role="Manufacturing services",
        focus_area="Drug substance and drug product manufacturing",
        expertise=(
            "Formulation development; API production; finished dosage manufacturing; "
            "packaging and labelling; quality control and assurance; scale-up and "
            "technology transfer; supply chain logistics; commercial production"
        ),
        engagement_stage=(
            "Mid to late-stage development and commercial supply, from small batches for "
            "clinical trials to full-scale production"
        ),
        stages=frozenset({Stage.MID, Stage.LATE, Stage.POST_APPROVAL}),
        end_deliverable="Market-ready drug products",
        when_to_choose=(
            "You need product made: clinical trial supplies, scale-up and technology "
            "transfer, or commercial supply."
        ),
        source=SEED,
    ),
    OrganisationType.CDMO: TypeDescription(
        organisation_type=OrganisationType.CDMO,
        name="Contract Development and Manufacturing Organisation",
        primary_role="Integrated development and manufacturing services",
        focus_area="From development through commercial manufacturing, with one partner",
        expertise="Every CRO and CMO service of the guide",
        engagement_stage="Any stage, and across stages",
        stages=frozenset(Stage),
        end_deliverable=(
            "Regulatory-ready data and submission documents, and market-ready drug products"
        ),
        when_to_choose=(
            "You need both kinds of work and want one partner to carry the product from "
            "clinical development to commercial production: the integrated model "
            "streamlines that transition and reduces handoff risks and delays."
        ),
        source=SEED_CDMO,
    ),
}


def describe(org_type: OrganisationType) -> TypeDescription:
    """Describe an organisation type: the guide's key-differences row, and when to choose it.

    Args:
        org_type: The type, or any spelling :meth:`OrganisationType.parse` accepts.

    Example:
        >>> from pharma_outsourcing import describe
        >>> describe("CMO").engagement_stage.startswith("Mid to late-stage")
        True
    """
    return _DESCRIPTIONS[OrganisationType.parse(org_type)]
