"""Markdown: the one table writer, and one renderer per result type.

The renderers give each result as GitHub-flavoured Markdown, for Jupyter's
``_repr_markdown_``, for pasting into a report, and for the command line's
``--format markdown`` (which also writes its documents, see
:mod:`pharma_outsourcing._render.document`, with :func:`document_markdown`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .._criteria import Evidence
from .._descriptions import TypeDescription
from .._plans import SourcingPlan, StrategyComparison
from .._ranking import Assessment, Shortlist
from .._reasons import Reason, plural, with_type
from .._recommend import Recommendation
from .._records.match import RecordMatch
from .document import Block, Heading, Paragraph, Table, record_match_document
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
    handoff_row,
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
from .text import timeline_lines

__all__ = [
    "Markdown",
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


class Markdown(str):
    r"""Text that is already Markdown: the helpers insert it without escaping.

    Example:
        >>> markdown_escape(Markdown("*stated*")), markdown_escape("*stated*")
        ('*stated*', '\\*stated\\*')
    """

    __slots__ = ()


# Backslash first, so that the backslashes added for the others stay single.
_INLINE = re.compile(r"[\\|*_~`\[\]<$]|&(?=#?\w+;)")
# What opens a block at the start of a line (a heading, quote, list item or rule; "*"
# and "_" are escaped anywhere), or the "." or ")" after a number (an ordered list); and
# the "#"s that close a heading.
_OPENING = re.compile(r"#{1,6}(?= |$)|>|[-+](?= |$)|-(?=[- ]*$)")
_NUMBERED = re.compile(r"\d+(?=[.)])")
_HEADING_END = re.compile(r"(?<= )(?=#+$)")


def markdown_escape(value: object, *, line_start: bool = False) -> str:
    r"""``value`` as plain text in Markdown: on one line, with nothing read as markup.

    Each character Markdown could read as markup is escaped with a backslash: ``\``
    itself, ``|`` (which ends a table's cell), ``*``, ``_`` and ``~`` (emphasis and
    strike-through), a backtick (code), ``[`` and ``]`` (links), ``<`` (HTML and
    autolinks), ``$`` (mathematics in Jupyter) and an ``&`` that starts an entity
    (``&amp;``). With ``line_start``, for text that begins a line or a list item, also a
    first character that would open a block (a heading's ``#``, ``>``, a list item's
    ``-`` or ``+``, a rule, or a number's ``.`` or ``)``) and a closing ``#`` a heading
    would drop. Lines are joined
    with one space; :class:`Markdown` is given as it is.

    Example:
        >>> print(markdown_escape("a | b\nc"))
        a \| b c
        >>> print(markdown_escape("Acme_Pharma *GMP* [EU] <b> & &amp;"))
        Acme\_Pharma \*GMP\* \[EU\] \<b> & \&amp;
        >>> print(markdown_escape("1. Pharma #", line_start=True))
        1\. Pharma \#
    """
    if isinstance(value, Markdown):
        return value
    text = _INLINE.sub(lambda found: "\\" + found.group(), " ".join(str(value).split()))
    if line_start:
        number = _NUMBERED.match(text)
        if number:
            text = f"{number.group()}\\{text[number.end() :]}"
        elif _OPENING.match(text):
            text = "\\" + text
        if _HEADING_END.search(text):
            text = _HEADING_END.sub("\\\\", text, count=1)
    return text


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> Markdown:
    """A GitHub-flavoured Markdown table; cells are escaped, ``None`` cells are empty.

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
    return Markdown("\n".join(lines))


def _joined(parts: Iterable[str], separator: str = "\n\n") -> Markdown:
    """Parts of Markdown joined, by default as paragraphs apart."""
    return Markdown(separator.join(parts))


def page(title: str, *parts: str) -> Markdown:
    r"""A page: ``title`` as a level-2 heading, then each part as a paragraph of its own.

    The title and each part that is not :class:`Markdown` are plain text, and escaped; a
    plain part's paragraphs (apart by a blank line) stay paragraphs.

    Example:
        >>> print(page("Plan", "One *CDMO*.\n\nA second.", Markdown("*Two.*")))
        ## Plan
        <BLANKLINE>
        One \*CDMO\*.
        <BLANKLINE>
        A second.
        <BLANKLINE>
        *Two.*
    """
    said = (
        part
        if isinstance(part, Markdown)
        else _joined(markdown_escape(text, line_start=True) for text in re.split(r"\n\s*\n", part))
        for part in parts
    )
    return _joined([f"## {markdown_escape(title, line_start=True)}", *said])


def _fence(lines: Sequence[str]) -> Markdown:
    """Lines as a fenced block of code, its fence longer than any run of backticks in them."""
    longest = max((len(run) for line in lines for run in re.findall("`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return _joined([fence, *lines, fence], "\n")


def document_markdown(document: Iterable[Block]) -> Markdown:
    """A command-line document as Markdown: headings, paragraphs, tables and timelines.

    Headings and paragraphs are escaped (:func:`markdown_escape`), tables written by
    :func:`markdown_table`, and a timeline laid out as in text, in a fenced block.

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
            parts.append(markdown_escape(block.text, line_start=True))
        elif isinstance(block, Table):
            parts.append(markdown_table(block.header, block.rows))
        else:
            parts.append(_fence(timeline_lines(block)))
    return _joined(parts)


def reasons_markdown(reasons: Sequence[Reason]) -> Markdown:
    """Reasons as a numbered Markdown list, each with its criterion and its source.

    Example:
        >>> from pharma_outsourcing import Reason
        >>> print(reasons_markdown([Reason(criterion=None, text="Why.", source="the guide")]))
        1. Why. *(source: the guide)*
    """
    lines = []
    for number, reason in enumerate(reasons, start=1):
        criterion = f" [{reason.criterion.label}]" if reason.criterion is not None else ""
        text, source = markdown_escape(reason.text, line_start=True), markdown_escape(reason.source)
        lines.append(f"{number}. {text}{criterion} *(source: {source})*")
    return _joined(lines, "\n")


def evidence_markdown(evidence: Evidence) -> Markdown:
    """What a score rests on, as a word in italics beside it.

    Example:
        >>> from pharma_outsourcing import Evidence
        >>> evidence_markdown(Evidence.RECORDED)
        '*recorded*'
    """
    return Markdown(f"*{evidence.label}*")


def _item(text: str) -> str:
    """``text`` escaped on one line, as a list item begins."""
    return markdown_escape(text, line_start=True)


def _grouped(name: str, texts: Sequence[str]) -> str:
    """A bullet for ``name``: with its one text after a colon, or its texts as sub-bullets."""
    if len(texts) == 1:
        return f"- {_item(name)}: {markdown_escape(texts[0])}"
    return "\n".join([f"- {_item(name)}:", *(f"  - {_item(text)}" for text in texts)])


def warnings_markdown(warnings: Sequence[Reason]) -> Markdown:
    """Warnings as bullet lines, each with its source.

    Example:
        >>> from pharma_outsourcing import Reason
        >>> print(warnings_markdown([Reason(criterion=None, text="Audit open.", source="Q10")]))
        - Audit open. *(source: Q10)*
    """
    return _joined(
        (
            f"- {_item(warning.text)} *(source: {markdown_escape(warning.source)})*"
            for warning in warnings
        ),
        "\n",
    )


def recommendation_markdown(recommendation: Recommendation) -> Markdown:
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
    return _joined(parts)


def description_markdown(description: TypeDescription) -> Markdown:
    """A :class:`~pharma_outsourcing.TypeDescription` as Markdown.

    Example:
        >>> from pharma_outsourcing import describe
        >>> print(description_markdown(describe("CRO")).splitlines()[0])
        **CRO: Contract Research Organisation**
    """
    kind = type_label(description.organisation_type)
    table = markdown_table(["", ""], description_rows(description))
    name, source = markdown_escape(description.name), markdown_escape(description.source)
    return Markdown(f"**{kind}: {name}**\n\n{table}\n\n*Source: {source}*")


def shortlist_markdown(shortlist: Shortlist, *, max_rows: int = MAX_ROWS) -> Markdown:
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
            *(Markdown(f"{a.scores[c]:.2f} {evidence_markdown(a.evidence[c])}") for c in criteria),
        ]
        for position, a in enumerate(shown, start=1)
    ]
    parts = [f"**Shortlist: {len(ranked)} ranked, {len(excluded)} excluded**"]
    parts.extend(f"> **Note:** {markdown_escape(note.text)}" for note in shortlist.notes)
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
    return _joined(parts)


def assessment_markdown(assessment: Assessment) -> Markdown:
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
    who = markdown_escape(with_type(partner.name, type_label(partner.organisation_type)))
    head = f"**{who}**: score {assessment.score:.2f}; {completeness_phrase(assessment)}"
    parts = [
        head,
        markdown_table(["Criterion", "Score", "Evidence", "Share of total", "Why"], rows),
    ]
    if assessment.warnings:
        parts.append("**Warnings**\n\n" + warnings_markdown(assessment.warnings))
    return _joined(parts)


def shortlist_page(shortlist: Shortlist, title: str, *, note: str, explained: int = 1) -> Markdown:
    """The command line's Markdown for a shortlist: a page with the shortlist's table.

    The heading, the note, the shortlist, then the assessments of its first
    ``explained`` partners, criterion by criterion.
    """
    assessments = (assessment_markdown(a) for a in shortlist.ranked[:explained])
    return page(title, note, shortlist_markdown(shortlist), *assessments)


def plan_markdown(plan: SourcingPlan, *, title: str | None = None) -> Markdown:
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
        f"**{markdown_escape(heading)}**",
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
                [handoff_row(plan, h) for h in plan.handoffs],
            )
        )
    else:
        parts.append(markdown_escape(no_handoffs(plan), line_start=True))
    return _joined(parts)


def comparison_markdown(comparison: StrategyComparison) -> Markdown:
    """The three plans in Markdown, with what each saves against the specialist one."""
    rows = comparison_rows(comparison)
    parts = [
        f"**Integrated, CRO and CDMO, or specialists.** {markdown_escape(saving(comparison))}",
        markdown_table([capitalised(h) for h in COMPARISON_HEADER], [row.cells for row in rows]),
    ]
    for row in rows:
        preferred = " (preferred)" if row.preferred else ""
        title = f"Sourcing plan ({row.strategy.label}){preferred}: {plan_counts(row.plan)}"
        parts.append(plan_markdown(row.plan, title=title))
    return _joined(parts)


def record_match_markdown(match: RecordMatch) -> Markdown:
    """A :class:`~pharma_outsourcing.RecordMatch` as Markdown: its document, long tables cut."""
    return document_markdown(record_match_document(match, "Public records", rows=MAX_ROWS))
