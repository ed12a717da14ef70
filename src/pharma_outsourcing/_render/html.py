"""HTML for notebooks: building blocks, and one renderer per result type.

Jupyter calls ``_repr_html_`` on the value a cell returns; the value objects delegate to
:mod:`pharma_outsourcing._render.notebook`, which calls the renderers here. Everything is
plain HTML with inline styles: no JavaScript, no stylesheet, no plotting library, so a
notebook renders the same in Jupyter, on GitHub and in an exported HTML file.

Colours work on light and dark themes alike (JupyterLab's, VS Code's, a browser's): text
and bars take the theme's own text colour (``currentColor``), secondary text and empty
tracks that colour faded by an opacity, so a score of 0 is an empty track on either; the
few fixed colours (the organisation types, the caution amber) keep a 3:1 contrast with
both a white and a near-black page, and badges carry their own white text. Every cell is
aligned explicitly: JupyterLab right-aligns table cells, so prose is set left.

The building blocks (:class:`Html`, :func:`escape`, :func:`badge`, :func:`tag`,
:func:`score_bar`, :func:`html_table`, :func:`key_value_table`, :func:`timeline`,
:func:`panel`) know nothing of the domain; each renderer (:func:`recommendation_html`, ...)
arranges them. What a colour says is always said in text too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape as escape_html

from .._criteria import Evidence
from .._descriptions import TypeDescription
from .._governance import Party
from .._plans import Organisation, SourcingPlan, StrategyComparison
from .._ranking import Assessment, Exclusion, Shortlist
from .._reasons import Reason, plural
from .._recommend import Recommendation
from .._records.match import RecordMatch
from .._sensitivity import Sensitivity
from .document import MARKS_LABEL, Block, Heading, Paragraph, Table, record_match_document
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
    handoff_marks,
    handoff_row,
    lanes,
    leader_margin,
    more,
    no_handoffs,
    numbered_handoffs,
    organisation_label,
    percent,
    plan_counts,
    range_note,
    rank_range,
    reason_text,
    saving,
    sensitivity_title,
    type_label,
    type_labels,
    unfilled_count,
    unfilled_rows,
    warned,
)

__all__ = [
    "MUTED_OPACITY",
    "SECONDARY",
    "TRACK_OPACITY",
    "TYPE_COLOURS",
    "Html",
    "assessment_html",
    "badge",
    "comparison_html",
    "description_html",
    "document_html",
    "escape",
    "evidence_tag",
    "html_table",
    "key_value_table",
    "panel",
    "plan_html",
    "reasons_html",
    "recommendation_html",
    "record_match_html",
    "score_bar",
    "sensitivity_html",
    "shortlist_html",
    "tag",
    "timeline",
    "warnings_html",
]

# Colours: one per organisation type (by value). Chosen to keep a 4.5:1 contrast with
# white text (badges) and 3:1 with a white and a near-black page (timeline lanes), and to
# stay distinct for common colour blindness.
TYPE_COLOURS = {"cro": "#1f6feb", "cmo": "#1a7f37", "cdmo": "#8250df"}
_BADGE = "#57606a"  # slate behind white text: a badge of no type (6.4:1)
_CAUTION = "#bf8700"  # amber rules and signs, 3:1 on white and on #111, beside words
SECONDARY = "opacity:0.75"
"""The style of secondary text: the theme's text colour, faded (WCAG AA on light and dark)."""
TRACK_OPACITY = 0.18
"""How strongly a bar's empty track shows the theme's text colour."""
MUTED_OPACITY = 0.65
"""How strongly a criterion's bar, or the sponsor's lane, shows the theme's text colour."""
_RULE = "rgba(128,128,128,0.35)"  # table rules and borders: mid-grey, faint on any theme
_FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:14px"
# Tables as wide as their content, at the left (JupyterLab centres them, at a fixed layout).
_TABLE = "border-collapse:collapse;margin:4px 0;table-layout:auto"


class Html(str):
    """A fragment of HTML that is already safe: helpers insert it without escaping.

    Example:
        >>> escape(Html("<b>bold</b>")), escape("<b>")
        ('<b>bold</b>', '&lt;b&gt;')
    """

    __slots__ = ()


def escape(value: object) -> Html:
    """``value`` as HTML text: escaped, unless it is already :class:`Html`.

    Example:
        >>> escape("CRO & CMO")
        'CRO &amp; CMO'
    """
    if isinstance(value, Html):
        return value
    return Html(escape_html(str(value), quote=True))


def _style(*parts: str) -> str:
    return ";".join(part.strip(";") for part in parts if part)


def badge(text: str, *, colour: str | None = None) -> Html:
    """A small coloured label; organisation types get their own colour.

    Example:
        >>> "#8250df" in badge("CDMO")
        True
    """
    fill = colour or TYPE_COLOURS.get(text.lower(), _BADGE)
    style = _style(
        f"background:{fill}",
        "color:#ffffff",
        "border-radius:10px",
        "padding:1px 8px",
        "font-size:12px",
        "font-weight:600",
        "white-space:nowrap",
    )
    return Html(f'<span style="{style}">{escape(text)}</span>')


def tag(text: str, *, emphasis: bool = False) -> Html:
    """A small word in secondary text beside a value; ``emphasis`` sets it in italics too.

    The word carries the meaning, so it reads the same without colour and to a screen
    reader.

    Example:
        >>> tag("stated")
        '<small style="opacity:0.75">stated</small>'
    """
    style = _style(SECONDARY, "font-style:italic" if emphasis else "")
    return Html(f'<small style="{style}">{escape(text)}</small>')


def _secondary(text: str) -> Html:
    """``text`` in secondary text, inline."""
    return Html(f'<span style="{SECONDARY}">{escape(text)}</span>')


def _track(width: int, *layers: str) -> Html:
    """An empty track ``width`` pixels wide (the text colour, faint) under ``layers``."""
    track = _style(
        "position:relative",
        "display:inline-block",
        f"width:{width}px",
        "height:10px",
        "border-radius:5px",
        "vertical-align:middle",
        "overflow:hidden",
    )
    ground = _style(
        "position:absolute",
        "left:0",
        "top:0",
        "right:0",
        "bottom:0",
        "background:currentColor",
        f"opacity:{TRACK_OPACITY}",
    )
    return Html(f'<span style="{track}"><span style="{ground}"></span>{"".join(layers)}</span>')


def score_bar(value: float, *, width: int = 120, muted: bool = False, digits: int = 2) -> Html:
    """A horizontal bar for a score in [0, 1], with the number beside it.

    The bar is the theme's text colour on a faint track of it, so it reads the same on a
    light and a dark theme; ``muted`` fades the bar (a criterion's, beside the total).
    Values outside [0, 1] are drawn clamped; the number shown is the value itself.

    Example:
        >>> bar = score_bar(0.75)
        >>> 'width:75.0%' in bar, '0.75' in bar
        (True, True)
    """
    share = max(0.0, min(1.0, float(value))) * 100  # max(0.0, -0.0) is 0.0, not -0.0
    fill = _style(
        "position:relative",
        "display:block",
        f"width:{share:.1f}%",
        "height:100%",
        "background:currentColor",
        f"opacity:{MUTED_OPACITY}" if muted else "",
    )
    number = f"{float(value):.{digits}f}"
    bar = _track(width, f'<span style="{fill}"></span>')
    return Html(
        f'<span role="img" aria-label="{number} of 1" style="white-space:nowrap">{bar}'
        f' <span style="font-variant-numeric:tabular-nums">{number}</span></span>'
    )


def html_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    caption: str | None = None,
    numeric: Sequence[int] = (),
    nowrap: Sequence[int] = (),
) -> Html:
    """A plain, bordered HTML table; cells are escaped unless they are :class:`Html`.

    Every cell and heading is aligned explicitly (JupyterLab's own style right-aligns
    them): headings and prose left, the cells of a ``numeric`` column right.

    Args:
        headers: The column headings.
        rows: The rows, each a sequence of cells (any value; ``None`` shows as empty).
        caption: A caption above the table.
        numeric: Indexes of columns to align right.
        nowrap: Indexes of columns whose cells never wrap (short identifiers).

    Example:
        >>> table = html_table(["Type", "Role"], [["CRO", "research & trials"]])
        >>> "<th" in table, "research &amp; trials" in table
        (True, True)
    """
    cell = _style(f"border-bottom:1px solid {_RULE}", "padding:4px 10px", "vertical-align:top")
    head = _style(cell, f"border-bottom:2px solid {_RULE}")

    def nowrap_at(index: int) -> str:
        return "white-space:nowrap" if index in nowrap else ""

    def aligned(index: int) -> str:
        return _style(
            "text-align:right" if index in numeric else "text-align:left", nowrap_at(index)
        )

    parts = [f'<table style="{_TABLE}">']
    if caption:
        caption_style = _style("caption-side:top", "text-align:left", "font-weight:600")
        parts.append(f'<caption style="{caption_style}">{escape(caption)}</caption>')
    parts.append("<thead><tr>")
    parts.extend(
        f'<th style="{_style(head, "text-align:left", nowrap_at(index))}">{escape(h)}</th>'
        for index, h in enumerate(headers)
    )
    parts.append("</tr></thead><tbody>")
    for row in rows:
        parts.append("<tr>")
        for index, value in enumerate(row):
            text = "" if value is None else escape(value)
            parts.append(f'<td style="{_style(cell, aligned(index))}">{text}</td>')
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return Html("".join(parts))


def timeline(
    columns: Sequence[str],
    lanes: Sequence[tuple[str, Sequence[bool]]],
    *,
    marks: Sequence[str] = (),
    marks_label: str = "",
    colours: Sequence[str | None] | None = None,
) -> Html:
    """A phase-by-phase timeline: one lane per organisation, a bar where it is engaged.

    Args:
        columns: The column headings, in order (phases).
        lanes: For each lane, its label and, per column, whether it is active there.
            Consecutive active columns join into one bar.
        marks: Per column, a short mark drawn under it (such as the numbers of the
            handoffs in that phase, which a numbered list below the timeline explains);
            ``""`` for none.
        marks_label: The heading of the row of marks.
        colours: A colour per lane, ``None`` for a neutral one (the theme's text colour,
            muted); by default, by the organisation type in the label, else neutral.

    Example:
        >>> html = timeline(
        ...     ["phase 1", "phase 2"],
        ...     [("CRO", [True, True]), ("CMO", [False, True])],
        ...     marks=["", "1"],
        ...     marks_label="handoffs",
        ... )
        >>> html.count("<tr") >= 3, "&#8646; 1" in html
        (True, True)
    """
    cell = _style("padding:3px 2px", "width:110px", "text-align:left")
    label_style = _style("padding:3px 10px 3px 2px", "text-align:left", "white-space:nowrap")
    parts = [f'<table style="{_TABLE}"><thead><tr>']
    parts.append(f'<th style="{label_style}"></th>')
    parts.extend(
        f'<th style="{_style(cell, "font-weight:600", "font-size:12px")}">{escape(c)}</th>'
        for c in columns
    )
    parts.append("</tr></thead><tbody>")
    for index, (label, active) in enumerate(lanes):
        colour = (
            colours[index]
            if colours is not None
            else TYPE_COLOURS.get(label.split()[0].lower() if label.split() else "")
        )
        fill = (
            f"background:{colour}"
            if colour
            else _style("background:currentColor", f"opacity:{MUTED_OPACITY}")
        )
        parts.append(f'<tr><th scope="row" style="{label_style}">{escape(label)}</th>')
        for column in range(len(columns)):
            on = column < len(active) and active[column]
            left = on and column > 0 and active[column - 1]
            right = on and column + 1 < len(active) and active[column + 1]
            start, end = ("0" if left else "7px"), ("0" if right else "7px")
            radius = f"border-radius:{start} {end} {end} {start}"
            bar = f'<div style="{_style(fill, "height:14px", radius)}"></div>' if on else ""
            parts.append(f'<td style="padding:3px 0;text-align:left">{bar}</td>')
        parts.append("</tr>")
    if any(marks):
        note = _style(cell, "font-size:12px", SECONDARY, "white-space:nowrap")
        head = _style(label_style, "font-size:12px", "font-weight:normal", SECONDARY)
        parts.append(f'<tr><th scope="row" style="{head}">{escape(marks_label)}</th>')
        for column in range(len(columns)):
            mark = marks[column] if column < len(marks) else ""
            text = f"&#8646; {escape(mark)}" if mark else ""
            parts.append(f'<td style="{note}">{text}</td>')
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return Html("".join(parts))


def key_value_table(rows: Iterable[Sequence[object]]) -> Html:
    """A two-column table without headings: a key that never wraps, and its value.

    Example:
        >>> key_value_table([("Role", "research & trials")]).count("<tr>")
        1
    """
    cell = _style(
        f"border-bottom:1px solid {_RULE}", "padding:4px 10px", "vertical-align:top",
        "text-align:left",
    )  # fmt: skip
    body = "".join(
        f'<tr><td style="{cell};white-space:nowrap">{escape(k)}</td>'
        f'<td style="{cell}">{escape(v)}</td></tr>'
        for k, v in rows
    )
    return Html(f'<table style="{_TABLE}">{body}</table>')


def panel(title: str, *body: str) -> Html:
    """A bordered block with a heading, holding already-rendered fragments.

    Example:
        >>> panel("Recommendation", Html("<p>x</p>")).count("<p>x</p>")
        1
    """
    box = _style(
        _FONT,
        f"border:1px solid {_RULE}",
        "border-radius:6px",
        "padding:10px 14px",
        "max-width:1100px",
        "overflow-x:auto",
        "line-height:1.45",
    )
    heading = _style("font-weight:600", "font-size:15px", "margin-bottom:6px")
    content = "".join(escape(part) for part in body)
    return Html(f'<div style="{box}"><div style="{heading}">{escape(title)}</div>{content}</div>')


# --- one renderer per result type ------------------------------------------------------


def _note(text: str) -> Html:
    return Html(f'<p style="{SECONDARY}">{escape(text)}</p>')


def _reason_items(reasons: Iterable[Reason]) -> str:
    """Each reason as a list item: its text, its criterion and, below, its source."""
    items = []
    for reason in reasons:
        criterion = (
            f" {_secondary(f'[{reason.criterion.label}]')}" if reason.criterion is not None else ""
        )
        source = f"<br>{tag(f'Source: {reason.source}')}"
        items.append(f'<li style="margin-bottom:4px">{escape(reason.text)}{criterion}{source}</li>')
    return "".join(items)


def reasons_html(reasons: Sequence[Reason]) -> Html:
    """Reasons as a numbered list, each with its criterion and its source.

    Example:
        >>> from pharma_outsourcing import Reason
        >>> "the guide" in reasons_html([Reason(criterion=None, text="Why.", source="the guide")])
        True
    """
    return Html(f'<ol style="margin:4px 0;padding-left:22px">{_reason_items(reasons)}</ol>')


def warnings_html(warnings: Sequence[Reason]) -> Html:
    """Warnings as a bulleted list, each with its source (empty when there are none).

    Example:
        >>> from pharma_outsourcing import Reason
        >>> warning = Reason(criterion=None, text="Audit <open>.", source="ICH Q10")
        >>> "Audit &lt;open&gt;." in warnings_html([warning]), warnings_html([])
        (True, '')
    """
    if not warnings:
        return Html("")
    return Html(f'<ul style="margin:2px 0 6px;padding-left:22px">{_reason_items(warnings)}</ul>')


def evidence_tag(evidence: Evidence) -> Html:
    """What a score rests on, as a small word beside it; an assumed score is in italics.

    Example:
        >>> from pharma_outsourcing import Evidence
        >>> evidence_tag(Evidence.ASSUMED)
        '<small style="opacity:0.75;font-style:italic">assumed</small>'
    """
    return tag(evidence.label, emphasis=evidence is Evidence.ASSUMED)


def _notes(notes: Sequence[Reason]) -> Html:
    """A shortlist's notes: each a paragraph marked by a rule and the word "Note"."""
    style = _style(f"border-left:3px solid {_CAUTION}", "padding:2px 8px", "margin:0 0 6px")
    return Html(
        "".join(
            f'<p role="note" style="{style}"><b>Note:</b> {escape(note.text)}</p>' for note in notes
        )
    )


def _warning_count(assessment: Assessment) -> Html:
    """``2 warnings`` under a partner's name in a table row (empty without warnings)."""
    if not assessment.warnings:
        return Html("")
    count = plural(len(assessment.warnings), "warning")
    sign = f'<span style="color:{_CAUTION}">&#9888;</span>'
    return Html(f"<br><small>{sign} {count}, below</small>")


def _why_excluded(exclusion: Exclusion) -> Html:
    """An exclusion's reasons: the one reason as text, several as a list."""
    if len(exclusion.reasons) == 1:
        return escape(exclusion.reasons[0].text)
    items = "".join(f"<li>{escape(reason.text)}</li>" for reason in exclusion.reasons)
    return Html(f'<ul style="margin:0;padding-left:18px">{items}</ul>')


def recommendation_html(recommendation: Recommendation) -> Html:
    """A :class:`~pharma_outsourcing.Recommendation` as HTML: types, services, reasons.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, recommend
        >>> html = recommendation_html(recommend(SponsorProfile(phase=Phase.PHASE_1)))
        >>> "CDMO" in html and "Reasons" in html
        True
    """
    engaged = type_labels(recommendation.engage)
    head = " ".join(badge(t) for t in engaged) if engaged else "nothing"
    parts = [f'<p style="margin:0 0 6px"><b>Engage:</b> {head}']
    if recommendation.alternative:
        alternative = " + ".join(badge(t) for t in type_labels(recommendation.alternative))
        parts.append(f" &nbsp; {_secondary('alternative:')} {alternative}")
    parts.append("</p>")
    if recommendation.assignments:
        rows = [
            [service.label, service.category.label, badge(type_label(org_type))]
            for service, org_type in assignments(recommendation)
        ]
        parts.append(html_table(["Service", "Area", "Engaged type"], rows))
    parts.append('<div style="font-weight:600;margin-top:8px">Reasons</div>')
    parts.append(reasons_html(recommendation.reasons))
    return panel("Recommendation", Html("".join(parts)))


def description_html(description: TypeDescription) -> Html:
    """A :class:`~pharma_outsourcing.TypeDescription` as HTML.

    Example:
        >>> from pharma_outsourcing import describe
        >>> "Market-ready drug products" in description_html(describe("CMO"))
        True
    """
    rows = [(Html(f"<b>{escape(k)}</b>"), v) for k, v in description_rows(description)]
    source = tag(f"Source: {description.source}")
    return panel(
        f"{type_label(description.organisation_type)}: {description.name}",
        key_value_table(rows),
        Html(source),
    )


def shortlist_html(shortlist: Shortlist, *, max_rows: int = MAX_ROWS) -> Html:
    """A shortlist as HTML: its notes, the ranked partners, their warnings, the excluded.

    Each ranked partner has its completeness (the share of the weight resting on records
    or statements) and, per criterion, a bar with the evidence it rests on beside it and
    the reason as a tooltip; the warnings of each partner are listed under the table, and
    the partners excluded with every reason. Long shortlists show their first ``max_rows``
    rows and count the rest.
    """
    ranked, excluded = shortlist.ranked, shortlist.excluded
    shown = ranked[:max_rows]
    criteria = criteria_of(ranked)
    rows = []
    for position, assessment in enumerate(shown, start=1):
        partner = assessment.partner
        who = Html(
            f"{escape(partner.name)} {badge(type_label(partner.organisation_type))}"
            f"{_warning_count(assessment)}"
        )
        cells: list[object] = [
            position,
            who,
            score_bar(assessment.score, width=70),
            percent(assessment.completeness),
        ]
        for criterion in criteria:
            tip = escape(reason_text(assessment, criterion))
            bar = score_bar(assessment.scores[criterion], width=32, muted=True)
            grounds = evidence_tag(assessment.evidence[criterion])
            cells.append(Html(f'<span title="{tip}">{bar} {grounds}</span>'))
        rows.append(cells)
    headers = [
        "#", "Partner", "Score", EVIDENCE_HEADING, *(criterion_heading(c) for c in criteria)
    ]  # fmt: skip
    parts = [_notes(shortlist.notes)]
    parts.append(
        html_table(headers, rows, numeric=(0, 3), nowrap=range(2, len(headers)))
        if ranked
        else Html("<p>No partner ranked.</p>")
    )
    hidden = more(len(ranked), max_rows)
    if hidden:
        parts.append(_note(hidden))
    cautions = warned(shown)
    if cautions:
        parts.append(Html('<div style="font-weight:600;margin-top:8px">Warnings</div>'))
        parts.extend(
            Html(
                f'<div style="margin-top:4px">#{position} {escape(assessment.partner.name)}</div>'
                f"{warnings_html(warnings)}"
            )
            for position, assessment, warnings in cautions
        )
    if excluded:
        table = html_table(
            ["Partner", "Why it is excluded"],
            [[e.partner.name, _why_excluded(e)] for e in excluded[:max_rows]],
        )
        hidden = more(len(excluded), max_rows)
        parts.append(
            Html(
                f'<details style="margin-top:6px"><summary style="cursor:pointer">'
                f"{plural(len(excluded), 'excluded partner')}, and why"
                f"</summary>{table}{_note(hidden) if hidden else ''}</details>"
            )
        )
    title = f"Shortlist: {len(ranked)} ranked, {len(excluded)} excluded"
    hint = Html(
        f'<small style="{SECONDARY}">Hover a bar for its reason. Beside each score, '
        f"what it rests on: recorded, stated or assumed. {EVIDENCE_HEADING}: "
        f"{COMPLETENESS}.</small>"
    )
    return panel(title, *parts, *([hint] if ranked else []))


def assessment_html(assessment: Assessment) -> Html:
    """One assessment as HTML: its score and completeness, a row per criterion, its warnings.

    Each criterion's row has a bar, the evidence the score rests on, its share of the
    total and the reason.
    """
    partner = assessment.partner
    rows = [
        [criterion_label(row.criterion), score_bar(row.score, width=80, muted=True),
         evidence_tag(row.evidence), f"{row.contribution:.3f}", row.reason]
        for row in assessment_rows(assessment)
    ]  # fmt: skip
    table = html_table(
        ["Criterion", "Score", "Evidence", "Share of total", "Why"],
        rows,
        numeric=(3,),
        nowrap=(0, 1, 2),
    )
    total = Html(
        f'<p style="margin:0 0 6px">{badge(type_label(partner.organisation_type))} '
        f"<b>Score</b> {score_bar(assessment.score, width=120)}"
        f" {_secondary(f'· {completeness_phrase(assessment)}')}</p>"
    )
    parts = [total, table]
    if assessment.warnings:
        parts.append(Html('<div style="font-weight:600;margin-top:8px">Warnings</div>'))
        parts.append(warnings_html(assessment.warnings))
    return panel(partner.name, *parts)


def _colour(who: Organisation) -> str | None:
    """An organisation's colour: its type's, or ``None`` (neutral) for the sponsor."""
    if isinstance(who, Party):
        return None
    return TYPE_COLOURS.get(who.organisation_type.value)


def _sourced_html(plan: SourcingPlan) -> Html:
    """The work still to be sourced, by phase (empty when there is none)."""
    rows = unfilled_rows(plan)
    if not rows:
        return Html("")
    caption = f"{capitalised(TO_BE_SOURCED)}: {plural(unfilled_count(plan), 'service')}"
    return html_table(
        ["Phase", "No candidate qualifies for"],
        [[phase.label, services] for phase, services in rows],
        caption=caption,
        nowrap=(0,),
    )


def plan_html(plan: SourcingPlan, *, title: str | None = None) -> Html:
    """A plan as HTML: a phase-by-phase timeline, its numbered handoffs, what is unfilled.

    One lane per organisation (the sponsor's, neutral, where it keeps work in house; an
    engagement holding work no candidate qualifies for labelled "to be sourced"), under
    each phase the numbers of its handoffs, then the handoffs so numbered, each once,
    with their reasons, and the work still to be sourced.
    """
    working = lanes(plan)
    chart = (
        timeline(
            [phase.label for phase in plan.phases],
            [(organisation_label(plan, who), on) for who, on in working],
            marks=handoff_marks(plan, dash="\u2013"),
            marks_label="handoffs",
            colours=[_colour(who) for who, _ in working],
        )
        if working
        else Html("")  # no one at work: no lanes to draw
    )
    rows = [[number, *handoff_row(plan, h)] for number, h in numbered_handoffs(plan)]
    details = (
        html_table(
            ["#", "Phase", "Kind", "From", "To", "Area", "Why"],
            rows,
            caption="Handoffs",
            numeric=(0,),
            nowrap=(0, 1, 2),
        )
        if rows
        else _note(no_handoffs(plan))
    )
    heading = title or f"Sourcing plan ({plan.strategy.label}): {plan_counts(plan)}"
    return panel(heading, chart, details, _sourced_html(plan))


def comparison_html(comparison: StrategyComparison) -> Html:
    """The three plans, one above the other, with what each saves against the specialist one."""
    rows = comparison_rows(comparison)
    table = html_table(
        [capitalised(heading) for heading in COMPARISON_HEADER],
        [row.cells for row in rows],
        numeric=(1, 2, 3),
    )
    plans: list[Html] = []
    for row in rows:
        preferred = " (preferred)" if row.preferred else ""
        title = f"Sourcing plan ({row.strategy.label}){preferred}: {plan_counts(row.plan)}"
        plans.extend([Html('<div style="height:8px"></div>'), plan_html(row.plan, title=title)])
    return panel(
        "Integrated, CRO and CDMO, or specialists",
        Html(f"<p>{escape(saving(comparison))}</p>"),
        table,
        *plans,
    )


def _range_bar(rank: int, best: int, worst: int, of: int, *, width: int = 160) -> Html:
    """Ranks 1 to ``of`` along a track: a bar from ``best`` to ``worst``, a tick at ``rank``.

    The tick stands out above and below the bar, so it shows on it in any theme.

    Example:
        >>> bar = _range_bar(2, 1, 3, 4)
        >>> "left:0.0%;width:75.0%" in bar, "rank 2, from 1 to 3 of 4" in bar
        (True, True)
    """
    slot = 100 / of
    box = _style(
        "position:relative",
        "display:inline-block",
        f"width:{width}px",
        "height:14px",
        "vertical-align:middle",
    )
    layer = _style("position:absolute", "top:2px", "height:10px", "border-radius:5px")
    ground = _style(layer, "left:0", "right:0", "background:currentColor")
    span = _style(
        layer,
        f"left:{(best - 1) * slot:.1f}%",
        f"width:{(worst - best + 1) * slot:.1f}%",
        "background:currentColor",
        f"opacity:{MUTED_OPACITY}",
    )
    tick = _style(
        "position:absolute",
        "top:0",
        "height:14px",
        f"left:{(rank - 0.5) * slot:.1f}%",
        "width:2px",
        "margin-left:-1px",
        "background:currentColor",
    )
    label = f"rank {rank}, from {best} to {worst} of {of}"
    number = rank_range(best, worst).replace("-", "\u2013")
    return Html(
        f'<span role="img" aria-label="{label}" style="white-space:nowrap">'
        f'<span style="{box}"><span style="{_style(ground, f"opacity:{TRACK_OPACITY}")}">'
        f'</span><span style="{span}"></span><span style="{tick}"></span></span>'
        f' <span style="font-variant-numeric:tabular-nums">{number}</span></span>'
    )


def sensitivity_html(result: Sensitivity, *, max_rows: int = MAX_ROWS) -> Html:
    """A :class:`~pharma_outsourcing.Sensitivity` as HTML: the leader's margin, rank ranges.

    Each partner's rank with the weights as given and, as a bar along the ranks (best at
    the left), the range it reaches as the weights vary, the rank as given ticked on it;
    then whether the ranges are proven exact. Long results show their first ``max_rows``
    partners and count the rest.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, sensitivity
        >>> "No partner is ranked." in sensitivity_html(
        ...     sensitivity(SponsorProfile(phase=Phase.PHASE_2), [])
        ... )
        True
    """
    ranges = result.rank_ranges
    of = len(ranges)
    rows = [
        [
            found.rank,
            Html(
                f"{escape(found.partner.name)} {badge(type_label(found.partner.organisation_type))}"
            ),
            _range_bar(found.rank, found.best, found.worst, of),
        ]
        for found in ranges[:max_rows]
    ]
    parts = [Html(f'<p style="margin:0 0 6px">{escape(leader_margin(result))}</p>')]
    if rows:
        headers = ["#", "Partner", f"Rank range (best to worst, of {of})"]
        parts.append(html_table(headers, rows, numeric=(0,), nowrap=(0, 2)))
        hidden = more(of, max_rows)
        if hidden:
            parts.append(_note(hidden))
        parts.append(Html(f'<small style="{SECONDARY}">{escape(range_note(result))}</small>'))
    return panel(f"Sensitivity: {sensitivity_title(result)}", *parts)


def document_html(document: Sequence[Block]) -> Html:
    """A document (see :mod:`pharma_outsourcing._render.document`) as an HTML panel.

    The first heading is the panel's title; later headings head their part, paragraphs
    are notes and tables are tables.

    Example:
        >>> from pharma_outsourcing._render.document import Heading, Paragraph, Table
        >>> document = [Heading("Records"), Paragraph("A & B."), Table(("a",), (("1",),))]
        >>> html = document_html(document)
        >>> "Records" in html, "A &amp; B." in html, html.count("<td")
        (True, True, 1)
    """
    blocks = list(document)
    title = ""
    if blocks and isinstance(first := blocks[0], Heading):
        title = first.text
        del blocks[0]
    parts: list[Html] = []
    heading = _style("font-weight:600", "margin:10px 0 4px")
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(Html(f'<div style="{heading}">{escape(block.text)}</div>'))
        elif isinstance(block, Paragraph):
            parts.append(_note(block.text))
        elif isinstance(block, Table):
            parts.append(html_table(block.header, block.rows))
        else:
            lanes_ = [(label, list(on)) for label, on in block.lanes]
            parts.append(
                timeline(block.columns, lanes_, marks=block.marks, marks_label=MARKS_LABEL)
            )
    return panel(title, *parts)


def record_match_html(match: RecordMatch) -> Html:
    """A :class:`~pharma_outsourcing.RecordMatch` as HTML: its document, long tables cut."""
    return document_html(record_match_document(match, "Public records", rows=MAX_ROWS))
