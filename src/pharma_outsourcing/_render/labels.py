"""The words every renderer shares: one copy of each label and recurring phrase.

HTML, Markdown and the command line's text all name the criteria, the organisation types
and the aspects of a type the same way, state what a score rests on (its evidence and the
assessment's completeness) and count handoffs and hidden rows in the same words; this
module holds each of those once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final, NamedTuple

from .._criteria import Evidence
from .._descriptions import TypeDescription
from .._plans import SourcingPlan, StrategyComparison
from .._profile import SponsorProfile
from .._ranking import Assessment
from .._reasons import Reason, plural, words
from .._recommend import Recommendation
from .._services import Service
from .._vocabulary import Criterion, OrganisationType, in_declared_order

__all__ = [
    "COMPLETENESS",
    "EVIDENCE_HEADING",
    "MAX_ROWS",
    "SHORT_CRITERIA",
    "AssessmentRow",
    "assessment_rows",
    "assignments",
    "completeness_phrase",
    "criteria_of",
    "criterion_heading",
    "criterion_label",
    "description_rows",
    "more",
    "percent",
    "plan_counts",
    "profile_summary",
    "profile_title",
    "ranked_for",
    "reason_text",
    "saving",
    "type_label",
    "type_labels",
    "warned",
]

SHORT_CRITERIA: Final[Mapping[Criterion, str]] = MappingProxyType(
    {
        Criterion.STAGE_OF_DEVELOPMENT: "stage",
        Criterion.TECHNICAL_EXPERTISE: "expertise",
        Criterion.REGULATORY_TRACK_RECORD: "regulatory",
        Criterion.SCALABILITY: "scale",
        Criterion.GEOGRAPHIC_FOOTPRINT: "footprint",
        Criterion.CULTURAL_FIT: "fit",
    }
)
"""A one-word name per criterion, for column headings; each is a spelling
:meth:`Criterion.parse <pharma_outsourcing.Criterion.parse>` accepts, so the command
line's headings work in ``--weights``."""


MAX_ROWS: Final = 50
"""Rows shown before a long list is cut (the rest is counted, not shown)."""


def criterion_heading(criterion: Criterion) -> str:
    """A criterion's short name as a column heading.

    Example:
        >>> criterion_heading(Criterion.REGULATORY_TRACK_RECORD)
        'Regulatory'
    """
    return SHORT_CRITERIA[criterion].capitalize()


def criterion_label(criterion: Criterion) -> str:
    """A criterion's label as the first words of a line: ``Regulatory track record``.

    Example:
        >>> criterion_label(Criterion.REGULATORY_TRACK_RECORD)
        'Regulatory track record'
    """
    label = criterion.label
    return label[:1].upper() + label[1:]


EVIDENCE_HEADING: Final = "Evidence"
"""The heading of the column showing each partner's completeness (as a percentage)."""

COMPLETENESS: Final = (
    "the share of the weight resting on records or statements rather than on neutral "
    "values assumed for want of data"
)
"""What the percentage under :data:`EVIDENCE_HEADING` means, for legends and hints."""


def percent(share: float) -> str:
    """A share in [0, 1] as a whole percentage, as :attr:`Shortlist.notes` writes it.

    Example:
        >>> percent(5 / 6), percent(1.0), percent(0.0)
        ('83%', '100%', '0%')
    """
    return f"{share:.0%}"


def completeness_phrase(assessment: Assessment) -> str:
    """An assessment's completeness in words, for the line under its name.

    Example:
        >>> from pharma_outsourcing import OrganisationType, Partner, Phase, Service
        >>> from pharma_outsourcing import SponsorProfile, rank
        >>> cro = Partner(name="A", organisation_type=OrganisationType.CRO)
        >>> profile = SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING})
        >>> completeness_phrase(rank(profile, [cro]).ranked[0])
        '33% of the weight rests on records or statements'
    """
    return f"{percent(assessment.completeness)} of the weight rests on records or statements"


def criteria_of(assessments: Iterable[Assessment]) -> list[Criterion]:
    """The criteria the first assessment is scored on, in the guide's order (none if empty)."""
    for assessment in assessments:
        return in_declared_order(assessment.scores)
    return []


class AssessmentRow(NamedTuple):
    """One criterion of an assessment, as every display lists it.

    Attributes:
        criterion: The criterion.
        score: The partner's score on it.
        contribution: Its weighted share of the total score.
        evidence: What the score rests on.
        reason: The reason's text (empty when there is none).
    """

    criterion: Criterion
    score: float
    contribution: float
    evidence: Evidence
    reason: str


def assessment_rows(assessment: Assessment) -> list[AssessmentRow]:
    """Per criterion, in order: the score, its share of the total, its evidence and reason."""
    return [
        AssessmentRow(
            criterion,
            assessment.scores[criterion],
            assessment.contributions.get(criterion, 0.0),
            assessment.evidence.get(criterion, Evidence.ASSUMED),
            reason_text(assessment, criterion),
        )
        for criterion in in_declared_order(assessment.scores)
    ]


def reason_text(assessment: Assessment, criterion: Criterion) -> str:
    """The reason for an assessment's score on ``criterion`` (empty when it has none)."""
    reason = assessment.reasons.get(criterion)
    return "" if reason is None else reason.text


def warned(ranked: Iterable[Assessment]) -> list[tuple[int, Assessment, tuple[Reason, ...]]]:
    """The ranked partners with warnings: each one's rank (from 1), assessment and warnings."""
    return [
        (position, assessment, assessment.warnings)
        for position, assessment in enumerate(ranked, start=1)
        if assessment.warnings
    ]


def type_label(org_type: OrganisationType) -> str:
    """An organisation type as its acronym.

    Example:
        >>> type_label(OrganisationType.CDMO)
        'CDMO'
    """
    return org_type.value.upper()


def type_labels(types: Iterable[OrganisationType]) -> list[str]:
    """Organisation types as acronyms, in alphabetical order.

    Example:
        >>> type_labels({OrganisationType.CRO, OrganisationType.CMO})
        ['CMO', 'CRO']
    """
    return sorted(type_label(org_type) for org_type in types)


def assignments(recommendation: Recommendation) -> list[tuple[Service, OrganisationType]]:
    """Each service of a recommendation with the type engaged for it, in catalogue order."""
    assigned = recommendation.assignments
    return [(service, assigned[service]) for service in in_declared_order(assigned)]


def description_rows(description: TypeDescription) -> list[tuple[str, str]]:
    """The rows of the guide's key-differences table for one type: aspect and text.

    Example:
        >>> from pharma_outsourcing import describe
        >>> description_rows(describe("CMO"))[0]
        ('Primary role', 'Drug substance and product manufacturing')
    """
    return [
        ("Primary role", description.primary_role),
        ("Focus area", description.focus_area),
        ("Expertise", description.expertise),
        ("Engagement stage", description.engagement_stage),
        ("End deliverable", description.end_deliverable),
        ("When to choose it", description.when_to_choose),
    ]


def profile_title(profile: SponsorProfile) -> str:
    """The heading for answers about ``profile``: its name, else its phase.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile
        >>> profile_title(SponsorProfile(phase=Phase.PHASE_2))
        'Profile at phase 2'
    """
    return profile.name or f"Profile at {profile.phase.label}"


def profile_summary(profile: SponsorProfile) -> str:
    """What shapes every answer about ``profile`` beyond its phase, in words.

    A pathway that skips phases (with the phases skipped) and a scope, when given; the
    empty string when the profile has neither.

    Example:
        >>> from pharma_outsourcing import Phase, Service, SponsorProfile
        >>> print(profile_summary(SponsorProfile(
        ...     phase=Phase.PHASE_2,
        ...     pathway=(Phase.PHASE_2, Phase.REGULATORY_REVIEW, Phase.COMMERCIAL),
        ...     scope={Service.QUALITY_CONTROL, Service.FINISHED_DOSAGE_MANUFACTURING},
        ... )))
        Pathway: phase 2, regulatory review, commercial (phase 3 skipped). Outsources only:
        finished-dosage manufacturing, quality control.
        >>> profile_summary(SponsorProfile(phase=Phase.PHASE_2))
        ''
    """
    parts: list[str] = []
    skipped = profile.skipped_phases
    if skipped:
        pathway = ", ".join(phase.label for phase in profile.programme)
        parts.append(f"Pathway: {pathway} ({words(skipped)} skipped).")
    if profile.scope is not None:
        scope = ", ".join(service.label for service in in_declared_order(profile.scope))
        parts.append(f"Outsources only: {scope}." if scope else "Outsources nothing (empty scope).")
    return " ".join(parts)


def ranked_for(services: int, role: OrganisationType | None = None) -> str:
    """What a shortlist was ranked for: every needed service, or those of one type.

    Example:
        >>> ranked_for(3, OrganisationType.CRO)
        'Ranked for the 3 services the profile needs from a CRO.'
    """
    needed = f"Ranked for the {plural(services, 'service')} the profile needs"
    return f"{needed}." if role is None else f"{needed} from a {type_label(role)}."


def plan_counts(plan: SourcingPlan) -> str:
    """A plan's handoffs and technology transfers, counted: ``3 handoffs, 1 ...``."""
    return (
        f"{plural(len(plan.handoffs), 'handoff')}, "
        f"{plural(len(plan.tech_transfers), 'technology transfer')}"
    )


def saving(comparison: StrategyComparison) -> str:
    """What one CDMO saves against specialists, in handoffs and technology transfers."""
    integrated, specialist = comparison.integrated, comparison.specialist
    return (
        f"Handoffs: {len(integrated.handoffs)} with one CDMO, {len(specialist.handoffs)} with "
        f"specialists. Technology transfers: {len(integrated.tech_transfers)} and "
        f"{len(specialist.tech_transfers)}. Preferred: {comparison.preferred.label}."
    )


def more(total: int, shown: int) -> str:
    """``... and 3 more`` when rows were left out, else the empty string.

    Example:
        >>> more(5, 2), more(2, 2)
        ('... and 3 more', '')
    """
    return f"... and {total - shown} more" if total > shown else ""
