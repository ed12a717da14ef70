"""What the command line prints for each result, as a document of headings, paragraphs and tables.

A document says what is printed, not how: :mod:`pharma_outsourcing._render.text` lays it
out for a terminal (tables and timelines fitted to the width given), and
:func:`pharma_outsourcing._render.markdown.document_markdown` writes it as Markdown. A new
result type is one function here returning a :data:`Document`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import attrs

from .._criteria import Evidence
from .._descriptions import TypeDescription
from .._governance import Party
from .._plans import SourcingPlan, StrategyComparison
from .._ranking import Assessment, Exclusion, Shortlist
from .._reasons import listing, plural, words
from .._recommend import Recommendation
from .._records.match import RecordMatch
from .._records.record import PublicRecord
from .._sensitivity import Sensitivity
from .._services import Service, ServiceCategory, ServiceInfo
from .._vocabulary import Criterion, OrganisationType, Regulator
from .labels import (
    COMPARISON_HEADER,
    COMPLETENESS,
    EVIDENCE_HEADING,
    SHORT_CRITERIA,
    TO_BE_SOURCED,
    assessment_rows,
    assignments,
    capitalised,
    comparison_rows,
    criteria_of,
    description_rows,
    handoff_kind,
    handoff_marks,
    lanes,
    leader_margin,
    no_handoffs,
    numbered_handoffs,
    organisation_label,
    percent,
    plan_counts,
    plan_title,
    range_note,
    rank_range,
    saving,
    sensitivity_title,
    step_heading,
    step_reasons,
    type_label,
    type_labels,
    unfilled_count,
    unfilled_rows,
    warned,
)

__all__ = [
    "MARKS_LABEL",
    "Block",
    "Document",
    "Heading",
    "Paragraph",
    "Table",
    "Timeline",
    "comparison_document",
    "description_document",
    "plan_document",
    "recommendation_document",
    "record_match_document",
    "sensitivity_document",
    "services_document",
    "shortlist_document",
    "why_excluded",
]


@attrs.frozen
class Heading:
    """A heading line.

    Attributes:
        text: The heading.
    """

    text: str


@attrs.frozen
class Paragraph:
    """A paragraph of running text, wrapped to the width in text output.

    Attributes:
        text: The paragraph, on one line.
    """

    text: str


@attrs.frozen
class Table:
    """Rows of cells under a header; cells are wrapped in their column when too wide.

    Attributes:
        header: The column headings.
        rows: The rows, each with one cell per heading.
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@attrs.frozen
class Timeline:
    """Lanes by phase: where each organisation works, and the handoffs of each phase.

    Attributes:
        columns: The phases, as column headings.
        lanes: Each lane's label and, per column, whether it works in that phase.
        marks: Per column, the numbers of the handoffs in that phase (``""``, ``"3"`` or
            ``"4-7"``), as the table of handoffs numbers them.
    """

    columns: tuple[str, ...]
    lanes: tuple[tuple[str, tuple[bool, ...]], ...]
    marks: tuple[str, ...]


MARKS_LABEL = "handoffs #"
"""The label of a timeline's row of handoff numbers."""

Block = Heading | Paragraph | Table | Timeline
Document = tuple[Block, ...]


def _types(types: Iterable[OrganisationType]) -> str:
    return ", ".join(type_labels(types))


def recommendation_document(recommendation: Recommendation, title: str) -> Document:
    """The document for a :class:`~pharma_outsourcing.Recommendation`."""
    blocks: list[Block] = [Heading(f"{title}: engage {_types(recommendation.engage) or 'nothing'}")]
    if recommendation.alternative:
        blocks.append(Paragraph(f"Alternative: {_types(recommendation.alternative)}"))
    if recommendation.assignments:
        blocks.append(
            Table(
                ("service", "engage"),
                tuple(
                    (service.label, type_label(org_type))
                    for service, org_type in assignments(recommendation)
                ),
            )
        )
    blocks.append(
        Table(
            ("criterion", "reason", "source"),
            tuple(
                (reason.criterion.label if reason.criterion else "-", reason.text, reason.source)
                for reason in recommendation.reasons
            ),
        )
    )
    return tuple(blocks)


def description_document(description: TypeDescription) -> Document:
    """The document for a :class:`~pharma_outsourcing.TypeDescription`."""
    rows = (
        *((aspect.lower(), text) for aspect, text in description_rows(description)),
        ("services", words(description.services)),
        ("source", description.source),
    )
    return (
        Heading(f"{type_label(description.organisation_type)}: {description.name}"),
        Table(("aspect", "description"), rows),
    )


def services_document(infos: Sequence[ServiceInfo]) -> Document:
    """The document for rows of the service catalogue."""
    return (
        Heading(f"Services ({len(infos)})"),
        Table(
            ("service", "category", "provider", "framework", "phases", "deliverable"),
            tuple(
                (
                    info.service.label,
                    info.category.label,
                    type_label(info.provider),
                    info.framework.label,
                    ", ".join(p.label for p in sorted(info.phases)),
                    info.deliverable,
                )
                for info in infos
            ),
        ),
    )


_LEGEND = (
    "Scores from 0 to 1: stage of development, technical expertise, regulatory track record, "
    "scalability, geographic footprint, cultural fit and communication; their column names work "
    f"in --weight, such as --weight regulatory=2. {EVIDENCE_HEADING}: {COMPLETENESS}."
)
_ASSUMED_MARK = "*"
_ASSUMED_LEGEND = (
    f" A score marked {_ASSUMED_MARK} rests on a neutral value assumed for want of data."
)


def _score(assessment: Assessment, criterion: Criterion) -> str:
    """A criterion's score for a table of scores, marked when it rests on an assumption."""
    assumed = assessment.evidence.get(criterion, Evidence.ASSUMED) is Evidence.ASSUMED
    return f"{assessment.scores[criterion]:.2f}" + (_ASSUMED_MARK if assumed else "")


def why_excluded(exclusion: Exclusion) -> str:
    """An exclusion's reasons in short: each reason up to its detail after a colon.

    The library's reasons state the finding before a colon and the detail after it
    ("does not offer 2 of the 9 services it is ranked for: ..."); every reason is named,
    and the JSON and Markdown outputs carry them in full.
    """
    return "; ".join(reason.text.partition(": ")[0] for reason in exclusion.reasons)


def _excluded_blocks(
    excluded: Sequence[Exclusion], top: int | None, rule_of: Callable[[Exclusion], str] | None
) -> list[Block]:
    """The partners excluded and why: all of them, or the first ``top`` and a count of the rest.

    The rest are counted in one paragraph, by what ``rule_of`` says each fails (the
    first rule it fails, as ``"GMP evidence"``), most first; without ``rule_of``, in all.

    Example:
        >>> from pharma_outsourcing import Exclusion, OrganisationType, Partner, Reason
        >>> why = Reason(criterion=None, text="does not serve phase 1: ...", source="s")
        >>> excluded = [
        ...     Exclusion(partner=Partner(name=name, organisation_type=OrganisationType.CRO),
        ...               reasons=[why])
        ...     for name in ("A", "B", "C")
        ... ]
        >>> table, rest = _excluded_blocks(excluded, 1, lambda exclusion: "the phase")
        >>> table.rows
        (('A', 'does not serve phase 1'),)
        >>> print(rest.text)
        And 2 more excluded, each counted by the first rule it fails: 2 for the phase. Without
        --top, or with --format json, every one is listed.
    """
    listed = excluded if top is None else excluded[:top]
    if not listed:
        return []
    blocks: list[Block] = [
        Table(("excluded", "why"), tuple((e.partner.name, why_excluded(e)) for e in listed))
    ]
    rest = excluded[len(listed) :]
    if rest:
        counted = ""
        if rule_of is not None:
            counts = Counter(rule_of(exclusion) for exclusion in rest)
            by_rule = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            counted = ", each counted by the first rule it fails: " + listing(
                f"{count:,} for {rule}" for rule, count in by_rule
            )
        blocks.append(
            Paragraph(
                f"And {len(rest):,} more excluded{counted}. Without --top, or with "
                "--format json, every one is listed."
            )
        )
    return blocks


def _warnings_table(ranked: Sequence[Assessment]) -> Table:
    """Each warning of the ranked partners in a row of its own, under the partner's rank.

    The partner's name is on its first warning's row only; the rank starts every row, so
    where one warning ends and the next begins stays plain when the text wraps.
    """
    return Table(
        ("#", "partner", "warning"),
        tuple(
            (str(position), assessment.partner.name if index == 0 else "", warning.text)
            for position, assessment, warnings in warned(ranked)
            for index, warning in enumerate(warnings)
        ),
    )


def shortlist_document(
    shortlist: Shortlist,
    title: str,
    *,
    top: int | None = None,
    explain: int = 1,
    note: str = "",
    rule_of: Callable[[Exclusion], str] | None = None,
) -> Document:
    """The document for a :class:`~pharma_outsourcing.Shortlist`.

    The shortlist's notes, a table of scores with each partner's completeness (the share
    of the weight resting on records or statements), the warnings of the partners shown,
    the partners excluded and why (every reason, in short; the full reasons are in the
    JSON and Markdown outputs), then the reasons of each of the first ``explain``
    partners shown (the leader by default), with the evidence each score rests on.
    ``top`` limits the rows of the table of scores, and those of the excluded partners
    (see :func:`_excluded_blocks`, which counts the rest by ``rule_of``).
    """
    ranked = shortlist.ranked if top is None else shortlist.ranked[:top]
    criteria = criteria_of(ranked)
    blocks: list[Block] = [
        Heading(f"{title}: {len(shortlist.ranked)} ranked, {len(shortlist.excluded)} excluded")
    ]
    if note:
        blocks.append(Paragraph(note))
    blocks.extend(Paragraph(f"Note: {notice.text}") for notice in shortlist.notes)
    if ranked:
        blocks.append(
            Table(
                (
                    "#",
                    "partner",
                    "type",
                    "score",
                    EVIDENCE_HEADING.lower(),
                    *(SHORT_CRITERIA[c] for c in criteria),
                ),
                tuple(
                    (
                        str(position),
                        assessment.partner.name,
                        type_label(assessment.partner.organisation_type),
                        f"{assessment.score:.2f}",
                        percent(assessment.completeness),
                        *(_score(assessment, c) for c in criteria),
                    )
                    for position, assessment in enumerate(ranked, start=1)
                ),
            )
        )
        hidden = len(shortlist.ranked) - len(ranked)
        more = f" {plural(hidden, 'more partner')} ranked, not shown." if hidden else ""
        blocks.append(Paragraph(_LEGEND + _ASSUMED_LEGEND + more))
        if any(assessment.warnings for assessment in ranked):
            blocks.append(_warnings_table(ranked))
    else:
        blocks.append(Paragraph("No partner passes screening: see why each is excluded."))
    blocks.extend(_excluded_blocks(shortlist.excluded, top, rule_of))
    for position, assessment in enumerate(ranked[:explain], start=1):
        blocks.append(
            Heading(
                f"Why #{position}, {assessment.partner.name}, scores {assessment.score:.2f} "
                f"({EVIDENCE_HEADING.lower()} {percent(assessment.completeness)})"
            )
        )
        blocks.append(
            Table(
                ("criterion", "score", "evidence", "reason"),
                tuple(
                    (row.criterion.label, f"{row.score:.2f}", row.evidence.label, row.reason)
                    for row in assessment_rows(assessment)
                ),
            )
        )
    return tuple(blocks)


def _short_services(services: Iterable[Service]) -> str:
    """Services in short form: how many of each area of work (``5 clinical, 2 data``)."""
    counts: dict[ServiceCategory, int] = {}
    for service in services:
        counts[service.category] = counts.get(service.category, 0) + 1
    return ", ".join(f"{counts[area]} {area.label}" for area in ServiceCategory if area in counts)


def _timeline(sourcing: SourcingPlan) -> Timeline:
    """A plan's lanes by phase, with the numbers of each phase's handoffs."""
    return Timeline(
        tuple(phase.label for phase in sourcing.phases),
        tuple((organisation_label(sourcing, who), tuple(on)) for who, on in lanes(sourcing)),
        tuple(handoff_marks(sourcing)),
    )


def _plan_blocks(sourcing: SourcingPlan, heading: str) -> list[Block]:
    """A plan under ``heading``: its reasons, a timeline, a block per phase, the rest.

    The timeline has a lane per organisation and the numbers of each phase's handoffs.
    Each phase lists the sponsor's own work (when it keeps some in house) and each
    organisation engaged with its services in short, then why each was chosen, each
    reason said once for a run of phases it holds in; an engagement holding work no
    candidate qualifies for is labelled "to be sourced". Then the work still to be
    sourced, and the handoffs, numbered as on the timeline, with their reasons.
    """
    handoffs, transfers = sourcing.handoffs, sourcing.tech_transfers
    blocks: list[Block] = [Heading(heading)]
    blocks.extend(Paragraph(reason.text) for reason in sourcing.reasons)
    if lanes(sourcing):  # not for a plan with no one at work
        blocks.append(_timeline(sourcing))
    for step, chosen in zip(sourcing.steps, step_reasons(sourcing), strict=True):
        blocks.append(Heading(step_heading(step)))
        rows = [(f"{Party.SPONSOR.label} (in house)", _short_services(step.in_house))]
        rows = rows if step.in_house else []
        rows.extend(
            (
                organisation_label(sourcing, engagement, step),
                _short_services(step.services_for(engagement)),
            )
            for engagement in step.organisations
        )
        if rows:
            blocks.append(Table(("engaged", "services"), tuple(rows)))
        # Why each partner was chosen (reasons tied to a criterion, each said once per run
        # of phases); the services needed are in the table above, in short form.
        if step.brought_forward:
            blocks.append(
                Paragraph(
                    f"Brought forward from the phases the pathway skips: "
                    f"{words(step.brought_forward)}; the commercial process, registration "
                    f"stability and PPQ work fall in {step.phase.label}."
                )
            )
        if chosen:
            blocks.append(Paragraph(" ".join(chosen)))
    unfilled = unfilled_rows(sourcing)
    if unfilled:
        blocks.append(
            Heading(f"{capitalised(TO_BE_SOURCED)} ({plural(unfilled_count(sourcing), 'service')})")
        )
        blocks.append(
            Table(
                ("phase", "no candidate qualifies for"),
                tuple((phase.label, services) for phase, services in unfilled),
            )
        )
    if handoffs:
        blocks.append(
            Heading(
                f"Handoffs ({len(handoffs)}), of which "
                f"{plural(len(transfers), 'technology transfer')}"
            )
        )
        blocks.append(
            Table(
                ("#", "phase", "kind", "why"),
                tuple(
                    (str(number), handoff.phase.label, handoff_kind(handoff), handoff.reason.text)
                    for number, handoff in numbered_handoffs(sourcing)
                ),
            )
        )
    else:
        blocks.append(Paragraph(no_handoffs(sourcing)))
    return blocks


def plan_document(sourcing: SourcingPlan, title: str) -> Document:
    """The document for a :class:`~pharma_outsourcing.SourcingPlan`.

    A timeline of who works in each phase, a block per phase (the sponsor's own work, the
    organisations engaged, their services in short, why each was chosen), the work still
    to be sourced, then the handoffs, numbered as on the timeline, with their reasons.
    """
    return tuple(_plan_blocks(sourcing, f"{title}: {plan_title(sourcing)}"))


def comparison_document(comparison: StrategyComparison, title: str) -> Document:
    """The document for a :class:`~pharma_outsourcing.StrategyComparison`.

    What the integrated and the CRO-and-CDMO plans save against the specialist plan, a
    table of the three, then each plan in full, the preferred one marked.
    """
    rows = comparison_rows(comparison)
    blocks: list[Block] = [
        Heading(f"{title}: integrated, CRO and CDMO, or specialists"),
        Paragraph(saving(comparison)),
        Table(COMPARISON_HEADER, tuple(row.cells for row in rows)),
    ]
    for row in rows:
        preferred = " (preferred)" if row.preferred else ""
        heading = f"{capitalised(row.strategy.label)} plan{preferred}: {plan_counts(row.plan)}"
        blocks.extend(_plan_blocks(row.plan, heading))
    return tuple(blocks)


def sensitivity_document(result: Sensitivity, title: str, *, top: int | None = None) -> Document:
    """The document for a :class:`~pharma_outsourcing.Sensitivity`.

    What the leader's margin is, then each partner's rank with the weights as given and
    the best-to-worst range it reaches as they vary (the first ``top`` partners when
    ``top`` is given, the rest counted), and whether the ranges are proven exact.
    """
    ranges = result.rank_ranges if top is None else result.rank_ranges[:top]
    blocks: list[Block] = [
        Heading(f"{title}: {sensitivity_title(result)}"),
        Paragraph(leader_margin(result)),
    ]
    if ranges:
        blocks.append(
            Table(
                ("#", "partner", "type", "rank range"),
                tuple(
                    (
                        str(found.rank),
                        found.partner.name,
                        type_label(found.partner.organisation_type),
                        rank_range(found.best, found.worst),
                    )
                    for found in ranges
                ),
            )
        )
        hidden = len(result.rank_ranges) - len(ranges)
        more = f" {plural(hidden, 'more partner')} ranked, not shown." if hidden else ""
        blocks.append(Paragraph(range_note(result) + more))
    return tuple(blocks)


def _record_row(record: PublicRecord) -> tuple[str, str, str]:
    """A record in a table: the firm as written, its country, and the record in words."""
    return record.firm, record.country or "", record.inspection.summary


def _cut(rows: Sequence[tuple[str, ...]], limit: int | None, more: str) -> list[Block]:
    """``rows`` up to ``limit``, then how many more there are (nothing when none are cut)."""
    if limit is None or len(rows) <= limit:
        return []
    return [Paragraph(f"... and {plural(len(rows) - limit, 'more row')}, not shown{more}.")]


def _table(
    heading: str,
    header: tuple[str, ...],
    rows: Sequence[tuple[str, ...]],
    limit: int | None,
    more: str,
) -> list[Block]:
    """A heading and ``rows`` under ``header``, up to ``limit`` (nothing when no rows)."""
    if not rows:
        return []
    shown = rows if limit is None else rows[:limit]
    return [Heading(heading), Table(header, tuple(shown)), *_cut(rows, limit, more)]


def _any_fda(match: RecordMatch) -> bool:
    """Whether any record of ``match`` is FDA's."""
    records = (
        *(record for records in match.matched.values() for record in records),
        *match.unmatched,
        *(entry.record for entry in match.ambiguous),
    )
    return any(record.inspection.regulator is Regulator.FDA for record in records)


def record_match_document(
    match: RecordMatch, title: str, *, rows: int | None = None, more: str = ""
) -> Document:
    """The document for a :class:`~pharma_outsourcing.RecordMatch`.

    The records matched, by partner (how each was matched, where it was read), the
    partners no record matched, then the records to check by hand (those matched by name,
    the ambiguous ones and the suggestions) and the records left unmatched. Each table is
    cut at ``rows`` rows when given, and ``more`` (such as ``" (--rows N shows more)"``)
    is added to the line that counts the rows cut.
    """
    matched = sum(len(records) for records in match.matched.values())
    blocks: list[Block] = [
        Heading(
            f"{title}: {plural(matched, 'record')} matched, {len(match.unmatched)} unmatched, "
            f"{len(match.ambiguous)} ambiguous, {plural(len(match.suggestions), 'suggestion')}"
        ),
    ]
    if _any_fda(match):
        blocks.append(
            Paragraph(
                "No record is not a clean record: FDA's exports leave out state and "
                "pre-approval inspections, and official action indicated classifications "
                "can lag."
            )
        )
    by_name = match.by_name
    received = [
        (name, record.inspection.summary, record.source)
        for name, records in match.matched.items()
        for record in records
    ]
    partners = sum(1 for records in match.matched.values() if records)
    named = [
        (name, *_record_row(record)) for name, records in by_name.items() for record in records
    ]
    blocks += _table(
        f"Matched ({plural(matched, 'record')} to {plural(partners, 'partner')}, "
        f"{len(named)} of them by name)",
        ("partner", "record", "read from"),
        received,
        rows,
        more,
    )
    empty = [name for name, records in match.matched.items() if not records]
    if empty:
        shown = empty if rows is None else empty[:rows]
        rest = len(empty) - len(shown)
        names = listing([*shown, plural(rest, "more")] if rest else shown)
        blocks.append(Paragraph(f"No record matched {names}".rstrip(".") + "."))
    blocks += _table(
        f"Matched by name ({len(named)}): check each is the partner's",
        ("partner", "firm", "country", "record"),
        named,
        rows,
        more,
    )
    blocks += _table(
        f"Ambiguous ({len(match.ambiguous)}): attached to no partner",
        ("firm", "country", "record", "fits", "why"),
        [
            (*_record_row(entry.record), listing(entry.candidates), entry.reason)
            for entry in match.ambiguous
        ],
        rows,
        more,
    )
    blocks += _table(
        f"Suggestions ({len(match.suggestions)}): confirm before adding",
        ("partner", "similarity", "firm", "record", "why"),
        [
            (
                suggestion.partner,
                f"{suggestion.similarity:.2f}",
                suggestion.record.firm,
                suggestion.record.inspection.summary,
                suggestion.reason,
            )
            for suggestion in match.suggestions
        ],
        rows,
        more,
    )
    blocks += _table(
        f"Unmatched ({len(match.unmatched)}): attached to no partner",
        ("firm", "country", "record", "read from"),
        [(*_record_row(record), record.source) for record in match.unmatched],
        rows,
        more,
    )
    return tuple(blocks)
