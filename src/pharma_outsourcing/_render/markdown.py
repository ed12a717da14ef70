"""Markdown: the one table writer, and one renderer per result type.

The renderers give each result as GitHub-flavoured Markdown, for Jupyter's
``_repr_markdown_``, for pasting into a report, and for the command line's
``--format markdown`` (which also writes its documents, see
:mod:`pharma_outsourcing._render.document`, with :func:`document_markdown`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .._criteria import Evidence
from .._descriptions import TypeDescription
from .._plans import SourcingPlan, StrategyComparison
from .._ranking import Assessment, Shortlist
from .._reasons import Reason, plural
from .._recommend import Recommendation
from .._records.match import RecordMatch
from .document import Block, Heading, Paragraph, record_match_document
from .labels import (
    COMPARISON_HEADER,
    COMPLETENESS,
    EVIDENCE_HEADING,
    MAX_ROWS,
    TO_BE_SOURCED,
    assessment_rows,
    assignments,
    capitalised,
    comparison_rows,
    completeness_phrase,
    criteria_of,
    criterion_heading,
    criterion_label,
    description_rows,
    handoff_kind,
    more,
    no_handoffs,
    organisation_label,
    percent,
    plan_counts,
    saving,
    type_label,
    type_labels,
    unfilled_count,
    unfilled_rows,
    warned,
)

__all__ = [
    "assessment_markdown",
    "comparison_markdown",
    "description_markdown",
    "document_markdown",
    "evidence_markdown",
    "markdown_escape",
    "markdown_table",
    "page",
    "plan_markdown",
    "reasons_markdown",
    "recommendation_markdown",
    "record_match_markdown",
    "shortlist_markdown",
    "shortlist_page",
    "warnings_markdown",
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


def evidence_markdown(evidence: Evidence) -> str:
    """What a score rests on, as a word in italics beside it.

    Example:
        >>> from pharma_outsourcing import Evidence
        >>> evidence_markdown(Evidence.RECORDED)
        '*recorded*'
    """
    return f"*{evidence.label}*"


def _item(text: str) -> str:
    """``text`` on one line, for a list item or a quote."""
    return " ".join(text.split())


def _grouped(name: str, texts: Sequence[str]) -> str:
    """A bullet for ``name``: with its one text after a colon, or its texts as sub-bullets."""
    if len(texts) == 1:
        return f"- {_item(name)}: {_item(texts[0])}"
    return "\n".join([f"- {_item(name)}:", *(f"  - {_item(text)}" for text in texts)])


def warnings_markdown(warnings: Sequence[Reason]) -> str:
    """Warnings as bullet lines, each with its source.

    Example:
        >>> from pharma_outsourcing import Reason
        >>> print(warnings_markdown([Reason(criterion=None, text="Audit open.", source="Q10")]))
        - Audit open. *(source: Q10)*
    """
    return "\n".join(
        f"- {_item(warning.text)} *(source: {_item(warning.source)})*" for warning in warnings
    )


def recommendation_markdown(recommendation: Recommendation) -> str:
    """A :class:`~pharma_outsourcing.Recommendation` as Markdown: types, services, reasons.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, recommend
        >>> print(recommendation_markdown(recommend(SponsorProfile(phase=Phase.PRECLINICAL))))
        ... # doctest: +ELLIPSIS
        **Engage: CDMO + CRO** (alternative: CDMO)
        <BLANKLINE>
        | Service | Area | Engaged type |
        |---|---|---|
        | preclinical research | research | CRO |
        ...
    """
    engaged = " + ".join(type_labels(recommendation.engage)) or "nothing"
    head = f"**Engage: {engaged}**"
    if recommendation.alternative:
        head += f" (alternative: {' + '.join(type_labels(recommendation.alternative))})"
    parts = [head]
    if recommendation.assignments:
        rows = [
            [service.label, service.category.label, type_label(org_type)]
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
    """A shortlist as Markdown: its notes, a table of scores, warnings, the excluded and why.

    The table gives each partner's completeness (the share of the weight resting on
    records or statements) and each criterion's score with the evidence it rests on;
    under it, each partner's warnings, then the partners excluded with every reason.
    """
    ranked, excluded = shortlist.ranked, shortlist.excluded
    shown = ranked[:max_rows]
    criteria = criteria_of(ranked)
    headers = [
        "#", "Partner", "Type", "Score", EVIDENCE_HEADING, *(criterion_heading(c) for c in criteria)
    ]  # fmt: skip
    rows = [
        [
            str(position),
            a.partner.name,
            type_label(a.partner.organisation_type),
            f"{a.score:.2f}",
            percent(a.completeness),
            *(f"{a.scores[c]:.2f} {evidence_markdown(a.evidence[c])}" for c in criteria),
        ]
        for position, a in enumerate(shown, start=1)
    ]
    parts = [f"**Shortlist: {len(ranked)} ranked, {len(excluded)} excluded**"]
    parts.extend(f"> **Note:** {_item(note.text)}" for note in shortlist.notes)
    if ranked:
        parts.append(markdown_table(headers, rows))
        parts.append(
            f"*Beside each score, what it rests on: recorded, stated or assumed. "
            f"{EVIDENCE_HEADING}: {COMPLETENESS}.*"
        )
    parts.extend(filter(None, [more(len(ranked), max_rows)]))
    cautions = warned(shown)
    if cautions:
        parts.append(
            "**Warnings**\n\n"
            + "\n".join(
                _grouped(f"#{position} {assessment.partner.name}", [w.text for w in warnings])
                for position, assessment, warnings in cautions
            )
        )
    if excluded:
        parts.append(
            "**Excluded**\n\n"
            + "\n".join(_grouped(e.partner.name, [r.text for r in e.reasons]) for e in excluded)
        )
    return "\n\n".join(parts)


def assessment_markdown(assessment: Assessment) -> str:
    """One partner's assessment as Markdown: score and completeness, criteria, warnings.

    Each criterion's row has the score, the evidence it rests on, its share of the total
    and the reason.
    """
    partner = assessment.partner
    rows = [
        [
            criterion_label(row.criterion),
            f"{row.score:.2f}",
            evidence_markdown(row.evidence),
            f"{row.contribution:.3f}",
            row.reason,
        ]
        for row in assessment_rows(assessment)
    ]
    head = (
        f"**{partner.name}** ({type_label(partner.organisation_type)}): "
        f"score {assessment.score:.2f}; {completeness_phrase(assessment)}"
    )
    parts = [
        head,
        markdown_table(["Criterion", "Score", "Evidence", "Share of total", "Why"], rows),
    ]
    if assessment.warnings:
        parts.append("**Warnings**\n\n" + warnings_markdown(assessment.warnings))
    return "\n\n".join(parts)


def shortlist_page(shortlist: Shortlist, title: str, *, note: str, explained: int = 1) -> str:
    """The command line's Markdown for a shortlist: a page with the shortlist's table.

    The heading, the note, the shortlist, then the assessments of its first
    ``explained`` partners, criterion by criterion.
    """
    assessments = (assessment_markdown(a) for a in shortlist.ranked[:explained])
    return page(title, note, shortlist_markdown(shortlist), *assessments)


def plan_markdown(plan: SourcingPlan, *, title: str | None = None) -> str:
    """A plan as Markdown: who is engaged in each phase, what is to be sourced, the handoffs.

    The sponsor's own work is counted in an "In house" column when it keeps some; an
    engagement holding work no candidate qualifies for is labelled "to be sourced".
    """
    in_house = any(step.in_house for step in plan.steps)
    steps = [
        [
            step.phase.label,
            ", ".join(organisation_label(plan, who, step) for who in step.organisations) or "-",
            str(len(step.assignments)),
            *([str(len(step.in_house))] if in_house else []),
        ]
        for step in plan.steps
    ]
    heading = title or f"Sourcing plan ({plan.strategy.label}): {plan_counts(plan)}"
    parts = [
        f"**{heading}**",
        markdown_table(
            ["Phase", "Engaged", "Services", *(["In house"] if in_house else [])], steps
        ),
    ]
    unfilled = unfilled_rows(plan)
    if unfilled:
        parts.append(
            f"*{capitalised(TO_BE_SOURCED)}: {plural(unfilled_count(plan), 'service')}*\n\n"
            + markdown_table(
                ["Phase", "No candidate qualifies for"],
                [[phase.label, services] for phase, services in unfilled],
            )
        )
    if plan.handoffs:
        parts.append(
            markdown_table(
                ["Phase", "Kind", "From", "To", "Area", "Why"],
                [
                    [
                        h.phase.label,
                        handoff_kind(h),
                        organisation_label(plan, h.source),
                        organisation_label(plan, h.target),
                        h.area.label,
                        h.reason.text,
                    ]
                    for h in plan.handoffs
                ],
            )
        )
    else:
        parts.append(no_handoffs(plan))
    return "\n\n".join(parts)


def comparison_markdown(comparison: StrategyComparison) -> str:
    """The three plans in Markdown, with what each saves against the specialist one."""
    rows = comparison_rows(comparison)
    parts = [
        f"**Integrated, CRO and CDMO, or specialists.** {saving(comparison)}",
        markdown_table([capitalised(h) for h in COMPARISON_HEADER], [row.cells for row in rows]),
    ]
    for row in rows:
        preferred = " (preferred)" if row.preferred else ""
        title = f"Sourcing plan ({row.strategy.label}){preferred}: {plan_counts(row.plan)}"
        parts.append(plan_markdown(row.plan, title=title))
    return "\n\n".join(parts)


def record_match_markdown(match: RecordMatch) -> str:
    """A :class:`~pharma_outsourcing.RecordMatch` as Markdown: its document, long tables cut."""
    return document_markdown(record_match_document(match, "Public records", rows=MAX_ROWS))
