"""Markdown: the one table writer, and one renderer per result type.

The renderers give each result as GitHub-flavoured Markdown, for Jupyter's
``_repr_markdown_``, for pasting into a report, and for the command line's
``--format markdown`` (which also writes its documents, see
:mod:`pharma_outsourcing._render.document`, with :func:`document_markdown`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .._descriptions import TypeDescription
from .._plans import SourcingPlan, StrategyComparison
from .._ranking import Assessment, Shortlist
from .._reasons import Reason
from .._recommend import Recommendation
from .document import Block, Heading, Paragraph
from .labels import (
    MAX_ROWS,
    assessment_rows,
    assignments,
    criteria_of,
    criterion_heading,
    description_rows,
    more,
    plan_counts,
    saving,
    type_label,
    type_labels,
)

__all__ = [
    "assessment_markdown",
    "comparison_markdown",
    "description_markdown",
    "document_markdown",
    "markdown_escape",
    "markdown_table",
    "page",
    "plan_markdown",
    "reasons_markdown",
    "recommendation_markdown",
    "shortlist_markdown",
    "shortlist_page",
]


def markdown_escape(value: object) -> str:
    r"""``value`` as text for a Markdown table cell: pipes escaped, lines joined.

    Example:
        >>> markdown_escape("a | b\nc")
        'a \\| b c'
    """
    return " ".join(str(value).split()).replace("|", r"\|")


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A GitHub-flavoured Markdown table; ``None`` cells are empty.

    Example:
        >>> print(markdown_table(["Type", "Stage"], [["CRO", "early"], ["CMO", None]]))
        | Type | Stage |
        |---|---|
        | CRO | early |
        | CMO |  |
    """
    lines = [
        "| " + " | ".join(markdown_escape(h) for h in headers) + " |",
        "|" + "---|" * len(headers),
    ]
    lines.extend(
        "| " + " | ".join("" if c is None else markdown_escape(c) for c in row) + " |"
        for row in rows
    )
    return "\n".join(lines)


def page(title: str, *parts: str) -> str:
    """A page: ``title`` as a level-2 heading, then each part as a paragraph of its own.

    Example:
        >>> print(page("Plan", "One CDMO."))
        ## Plan
        <BLANKLINE>
        One CDMO.
    """
    return "\n\n".join([f"## {title}", *parts])


def document_markdown(document: Iterable[Block]) -> str:
    """A command-line document as Markdown: headings, paragraphs and tables.

    Example:
        >>> from pharma_outsourcing._render.document import Heading, Table
        >>> print(document_markdown([Heading("Types"), Table(("type",), (("CRO",),))]))
        ## Types
        <BLANKLINE>
        | type |
        |---|
        | CRO |
    """
    parts: list[str] = []
    for block in document:
        if isinstance(block, Heading):
            parts.append(page(block.text))
        elif isinstance(block, Paragraph):
            parts.append(block.text)
        else:
            parts.append(markdown_table(block.header, block.rows))
    return "\n\n".join(parts)


def reasons_markdown(reasons: Sequence[Reason]) -> str:
    """Reasons as a numbered Markdown list, each with its criterion and its source.

    Example:
        >>> from pharma_outsourcing import Reason
        >>> print(reasons_markdown([Reason(criterion=None, text="Why.", source="the guide")]))
        1. Why. *(source: the guide)*
    """
    lines = []
    for number, reason in enumerate(reasons, start=1):
        criterion = f" [{reason.criterion.label}]" if reason.criterion is not None else ""
        lines.append(f"{number}. {reason.text}{criterion} *(source: {reason.source})*")
    return "\n".join(lines)


def recommendation_markdown(recommendation: Recommendation) -> str:
    """A :class:`~pharma_outsourcing.Recommendation` as Markdown: types, services, reasons.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, recommend
        >>> print(recommendation_markdown(recommend(SponsorProfile(phase=Phase.PRECLINICAL))))
        ... # doctest: +ELLIPSIS
        **Engage: CRO**
        <BLANKLINE>
        | Service | Area | Engaged type |
        |---|---|---|
        | preclinical-research | research | CRO |
        ...
    """
    engaged = " + ".join(type_labels(recommendation.engage)) or "nothing"
    head = f"**Engage: {engaged}**"
    if recommendation.alternative:
        head += f" (alternative: {' + '.join(type_labels(recommendation.alternative))})"
    parts = [head]
    if recommendation.assignments:
        rows = [
            [service.value, service.category.value, type_label(org_type)]
            for service, org_type in assignments(recommendation)
        ]
        parts.append(markdown_table(["Service", "Area", "Engaged type"], rows))
    parts.append("**Reasons**\n\n" + reasons_markdown(recommendation.reasons))
    return "\n\n".join(parts)


def description_markdown(description: TypeDescription) -> str:
    """A :class:`~pharma_outsourcing.TypeDescription` as Markdown.

    Example:
        >>> from pharma_outsourcing import describe
        >>> print(description_markdown(describe("CRO")).splitlines()[0])
        **CRO: Contract Research Organisation**
    """
    kind = type_label(description.organisation_type)
    table = markdown_table(["", ""], description_rows(description))
    return f"**{kind}: {description.name}**\n\n{table}\n\n*Source: {description.source}*"


def shortlist_markdown(shortlist: Shortlist, *, max_rows: int = MAX_ROWS) -> str:
    """A shortlist as Markdown: a table of scores, then the excluded partners and why."""
    ranked, excluded = shortlist.ranked, shortlist.excluded
    criteria = criteria_of(ranked)
    headers = ["#", "Partner", "Type", "Score", *(criterion_heading(c) for c in criteria)]
    rows = [
        [
            str(position),
            a.partner.name,
            type_label(a.partner.organisation_type),
            f"{a.score:.2f}",
            *(f"{a.scores[c]:.2f}" for c in criteria),
        ]
        for position, a in enumerate(ranked[:max_rows], start=1)
    ]
    parts = [f"**Shortlist: {len(ranked)} ranked, {len(excluded)} excluded**"]
    if ranked:
        parts.append(markdown_table(headers, rows))
    parts.extend(filter(None, [more(len(ranked), max_rows)]))
    if excluded:
        parts.append(
            "**Excluded**\n\n"
            + "\n".join(
                f"- {e.partner.name}: " + "; ".join(r.text for r in e.reasons) for e in excluded
            )
        )
    return "\n\n".join(parts)


def assessment_markdown(assessment: Assessment) -> str:
    """One partner's assessment as Markdown: score, share of the total and reason per criterion."""
    partner = assessment.partner
    rows = [
        [criterion_heading(criterion), f"{score:.2f}", f"{contribution:.3f}", reason]
        for criterion, score, contribution, reason in assessment_rows(assessment)
    ]
    head = (
        f"**{partner.name}** ({type_label(partner.organisation_type)}): "
        f"score {assessment.score:.2f}"
    )
    return head + "\n\n" + markdown_table(["Criterion", "Score", "Share of total", "Why"], rows)


def shortlist_page(shortlist: Shortlist, title: str, *, note: str, explained: int = 1) -> str:
    """The command line's Markdown for a shortlist: a page with the shortlist's table.

    The heading, the note, the shortlist, then the assessments of its first
    ``explained`` partners, criterion by criterion.
    """
    assessments = (assessment_markdown(a) for a in shortlist.ranked[:explained])
    return page(title, note, shortlist_markdown(shortlist), *assessments)


def plan_markdown(plan: SourcingPlan) -> str:
    """A plan as Markdown: who is engaged in each phase, then the handoffs."""
    steps = [
        [
            step.phase.value,
            ", ".join(engagement.label for engagement in step.organisations),
            str(len(step.assignments)),
        ]
        for step in plan.steps
    ]
    parts = [
        f"**Sourcing plan: {plan_counts(plan)}**",
        markdown_table(["Phase", "Engaged", "Services"], steps),
    ]
    if plan.handoffs:
        parts.append(
            markdown_table(
                ["Phase", "From", "To", "Area", "Why"],
                [
                    [h.phase.value, h.source.label, h.target.label, h.area.value, h.reason.text]
                    for h in plan.handoffs
                ],
            )
        )
    return "\n\n".join(parts)


def comparison_markdown(comparison: StrategyComparison) -> str:
    """Two plans, integrated and specialist, in Markdown, with what one CDMO saves."""
    return "\n\n".join(
        [
            f"**Integrated or specialists.** {saving(comparison)}",
            "*Integrated*\n\n" + plan_markdown(comparison.integrated),
            "*Specialist*\n\n" + plan_markdown(comparison.specialist),
        ]
    )
