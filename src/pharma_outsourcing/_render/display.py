"""Notebook display: the library's results as readable HTML and Markdown.

Jupyter calls ``_repr_html_`` (and ``_repr_markdown_`` where HTML is not shown) on the
value a cell returns; the value objects define those methods and delegate here. Everything
is plain HTML with inline styles: no JavaScript, no stylesheet, no plotting library, so a
notebook renders the same in Jupyter, on GitHub and in an exported HTML file.

The module has two layers:

- generic helpers (:func:`escape`, :class:`Html`, :func:`html_table`, :func:`score_bar`,
  :func:`badge`, :func:`timeline`, :func:`markdown_table`, :func:`panel`), which know
  nothing of the domain;
- one renderer per result type (:func:`recommendation_html`, ...), each a few lines that
  arrange the helpers.

This module imports no other module of the package at run time (domain types only for
type checking), so any value-object module can import it without a cycle.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    # pandas is optional and may lack type information: DataFrame is then untyped.
    from pandas import DataFrame  # type: ignore[import-untyped,import-not-found,unused-ignore]

    from .._descriptions import TypeDescription
    from .._reasons import Reason
    from .._recommend import Recommendation
    from .._services import Service, ServiceCategory
    from .._vocabulary import Criterion, OrganisationType, Phase

E = TypeVar("E", bound=Enum)

__all__ = [
    "MAX_ROWS",
    "AssessmentLike",
    "ComparisonLike",
    "ExclusionLike",
    "HandoffLike",
    "Html",
    "PlanLike",
    "ShortlistLike",
    "StepLike",
    "assessment_html",
    "assessment_markdown",
    "badge",
    "comparison_html",
    "comparison_markdown",
    "description_html",
    "description_markdown",
    "escape",
    "html_table",
    "markdown_escape",
    "markdown_table",
    "organisation_label",
    "panel",
    "plan_html",
    "plan_markdown",
    "plural",
    "reasons_html",
    "reasons_markdown",
    "recommendation_html",
    "recommendation_markdown",
    "records_to_pandas",
    "score_bar",
    "shortlist_html",
    "shortlist_markdown",
    "shortlist_records",
    "text_of",
    "timeline",
]

# Colours: one per organisation type (by value), and neutral greys. Chosen to keep
# contrast with white text (badges) and to stay distinct for common colour blindness.
TYPE_COLOURS = {"cro": "#1f6feb", "cmo": "#1a7f37", "cdmo": "#8250df"}
_NEUTRAL = "#57606a"
_TRACK = "#e6e8eb"
_BORDER = "#d0d7de"
_FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:14px"


class Html(str):
    """A fragment of HTML that is already safe: helpers insert it without escaping.

    Example:
        >>> escape(Html("<b>bold</b>")), escape("<b>")
        ('<b>bold</b>', '&lt;b&gt;')
    """

    __slots__ = ()


# What html.escape(text, quote=True) replaces, without importing html (and its table of
# named entities) with the library.
_HTML_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
)


def escape(value: object) -> Html:
    """``value`` as HTML text: escaped, unless it is already :class:`Html`.

    Example:
        >>> escape("CRO & CMO")
        'CRO &amp; CMO'
    """
    if isinstance(value, Html):
        return value
    return Html(str(value).translate(_HTML_ESCAPES))


def _style(*parts: str) -> str:
    return ";".join(part.strip(";") for part in parts if part)


def badge(text: str, *, colour: str | None = None) -> Html:
    """A small coloured label; organisation types get their own colour.

    Example:
        >>> "#8250df" in badge("CDMO")
        True
    """
    fill = colour or TYPE_COLOURS.get(text.lower(), _NEUTRAL)
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


def score_bar(value: float, *, width: int = 120, colour: str = "#1f6feb", digits: int = 2) -> Html:
    """A horizontal bar for a score in [0, 1], with the number beside it.

    Values outside [0, 1] are drawn clamped; the number shown is the value itself.

    Example:
        >>> bar = score_bar(0.75)
        >>> 'width:75.0%' in bar, '0.75' in bar
        (True, True)
    """
    share = max(0.0, min(1.0, float(value))) * 100  # max(0.0, -0.0) is 0.0, not -0.0
    track = _style(
        "display:inline-block",
        f"width:{width}px",
        "height:10px",
        f"background:{_TRACK}",
        "border-radius:5px",
        "vertical-align:middle",
        "overflow:hidden",
    )
    fill = _style(f"display:block;width:{share:.1f}%;height:100%;background:{colour}")
    number = f"{float(value):.{digits}f}"
    return Html(
        f'<span role="img" aria-label="{number} of 1" style="white-space:nowrap">'
        f'<span style="{track}"><span style="{fill}"></span></span>'
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
    cell = _style(f"border-bottom:1px solid {_BORDER}", "padding:4px 10px", "vertical-align:top")
    head = _style(cell, f"border-bottom:2px solid {_BORDER}", "text-align:left")
    parts = [f'<table style="{_style("border-collapse:collapse", "margin:4px 0")}">']
    if caption:
        caption_style = _style("caption-side:top", "text-align:left", "font-weight:600")
        parts.append(f'<caption style="{caption_style}">{escape(caption)}</caption>')
    parts.append("<thead><tr>")
    parts.extend(f'<th style="{head}">{escape(h)}</th>' for h in headers)
    parts.append("</tr></thead><tbody>")
    for row in rows:
        parts.append("<tr>")
        for index, value in enumerate(row):
            align = ";text-align:right" if index in numeric else ""
            align += ";white-space:nowrap" if index in nowrap else ""
            text = "" if value is None else escape(value)
            parts.append(f'<td style="{cell}{align}">{text}</td>')
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return Html("".join(parts))


def timeline(
    columns: Sequence[str],
    lanes: Sequence[tuple[str, Sequence[bool]]],
    *,
    markers: Sequence[tuple[int, str]] = (),
    colours: Sequence[str] | None = None,
) -> Html:
    """A phase-by-phase timeline: one lane per organisation, a bar where it is engaged.

    Args:
        columns: The column headings, in order (phases).
        lanes: For each lane, its label and, per column, whether it is active there.
            Consecutive active columns join into one bar.
        markers: ``(column, text)`` notes drawn under the column where they happen, such
            as a handoff or a technology transfer.
        colours: A colour per lane (default: by organisation type in the label, else grey).

    Example:
        >>> html = timeline(
        ...     ["phase-1", "phase-2"],
        ...     [("CRO", [True, True]), ("CMO", [False, True])],
        ...     markers=[(1, "handoff: CRO to CMO")],
        ... )
        >>> html.count("<tr") >= 3, "handoff: CRO to CMO" in html
        (True, True)
    """
    cell = _style("padding:3px 2px", "width:110px")
    table = _style("border-collapse:collapse", "margin:4px 0", "table-layout:fixed")
    parts = [f'<table style="{table}"><thead><tr>']
    parts.append(f'<th style="{cell}"></th>')
    parts.extend(
        f'<th style="{_style(cell, "font-weight:600", "font-size:12px")}">{escape(c)}</th>'
        for c in columns
    )
    parts.append("</tr></thead><tbody>")
    for index, (label, active) in enumerate(lanes):
        fill = (
            colours[index]
            if colours is not None
            else TYPE_COLOURS.get(label.split()[0].lower(), _NEUTRAL)
        )
        label_style = _style(cell, "text-align:right", "padding-right:10px", "white-space:nowrap")
        parts.append(f'<tr><th scope="row" style="{label_style}">{escape(label)}</th>')
        for column in range(len(columns)):
            on = column < len(active) and active[column]
            left = on and column > 0 and active[column - 1]
            right = on and column + 1 < len(active) and active[column + 1]
            start, end = ("0" if left else "7px"), ("0" if right else "7px")
            radius = f"border-radius:{start} {end} {end} {start}"
            bar = (
                f'<div style="{_style(f"background:{fill}", "height:14px", radius)}"></div>'
                if on
                else ""
            )
            parts.append(f'<td style="{_style("padding:3px 0")}">{bar}</td>')
        parts.append("</tr>")
    if markers:
        parts.append(f'<tr><th style="{cell}"></th>')
        for column in range(len(columns)):
            notes = [escape(text) for where, text in markers if where == column]
            note_style = _style(cell, "font-size:12px", f"color:{_NEUTRAL}", "vertical-align:top")
            text = "<br>".join(f"&#8646; {note}" for note in notes)
            parts.append(f'<td style="{note_style}">{text}</td>')
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return Html("".join(parts))


def panel(title: str, *body: str) -> Html:
    """A bordered block with a heading, holding already-rendered fragments.

    Example:
        >>> panel("Recommendation", Html("<p>x</p>")).count("<p>x</p>")
        1
    """
    box = _style(
        _FONT,
        f"border:1px solid {_BORDER}",
        "border-radius:6px",
        "padding:10px 14px",
        "max-width:1100px",
        "overflow-x:auto",
        "line-height:1.45",
    )
    heading = _style("font-weight:600", "font-size:15px", "margin-bottom:6px")
    content = "".join(escape(part) for part in body)
    return Html(f'<div style="{box}"><div style="{heading}">{escape(title)}</div>{content}</div>')


def markdown_escape(value: object) -> str:
    r"""``value`` as text for a Markdown table cell: pipes escaped, lines joined.

    Example:
        >>> markdown_escape("a | b")
        'a \\| b'
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


def _types(types: Iterable[object]) -> list[str]:
    return sorted(str(t).upper() for t in types)


def _in_declared_order(members: Iterable[E]) -> list[E]:
    """Enum members in the order their enum declares them (the catalogue order)."""
    return sorted(members, key=lambda member: list(type(member).__members__.values()).index(member))


def reasons_html(reasons: Sequence[Reason]) -> Html:
    """Reasons as a numbered list, each with its criterion and its source.

    Example:
        >>> from pharma_outsourcing import Reason
        >>> "the seed" in reasons_html([Reason(criterion=None, text="Why.", source="the seed")])
        True
    """
    items = []
    for reason in reasons:
        criterion = (
            f' <span style="color:{_NEUTRAL}">[{escape(reason.criterion.value)}]</span>'
            if reason.criterion is not None
            else ""
        )
        source = f'<br><small style="color:{_NEUTRAL}">Source: {escape(reason.source)}</small>'
        items.append(f'<li style="margin-bottom:4px">{escape(reason.text)}{criterion}{source}</li>')
    return Html(f'<ol style="margin:4px 0;padding-left:22px">{"".join(items)}</ol>')


def reasons_markdown(reasons: Sequence[Reason]) -> str:
    """Reasons as a numbered Markdown list, each with its criterion and its source.

    Example:
        >>> from pharma_outsourcing import Reason
        >>> print(reasons_markdown([Reason(criterion=None, text="Why.", source="the seed")]))
        1. Why. *(source: the seed)*
    """
    lines = []
    for number, reason in enumerate(reasons, start=1):
        criterion = f" [{reason.criterion.value}]" if reason.criterion is not None else ""
        lines.append(f"{number}. {reason.text}{criterion} *(source: {reason.source})*")
    return "\n".join(lines)


def _assigned(recommendation: Recommendation) -> list[tuple[Service, OrganisationType]]:
    assignments = recommendation.assignments
    return [(service, assignments[service]) for service in _in_declared_order(assignments)]


def recommendation_html(recommendation: Recommendation) -> Html:
    """A :class:`~pharma_outsourcing.Recommendation` as HTML: types, services, reasons.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, recommend
        >>> html = recommendation_html(recommend(SponsorProfile(phase=Phase.PHASE_1)))
        >>> "CDMO" in html and "Reasons" in html
        True
    """
    engaged = _types(recommendation.engage)
    head = " ".join(badge(t) for t in engaged) if engaged else "nothing"
    parts = [f'<p style="margin:0 0 6px"><b>Engage:</b> {head}']
    if recommendation.alternative:
        alternative = " + ".join(badge(t) for t in _types(recommendation.alternative))
        parts.append(f' &nbsp; <span style="color:{_NEUTRAL}">alternative:</span> {alternative}')
    parts.append("</p>")
    if recommendation.assignments:
        rows = [
            [service.value, service.category.value, badge(org.value.upper())]
            for service, org in _assigned(recommendation)
        ]
        parts.append(html_table(["Service", "Area", "Engaged type"], rows))
    parts.append('<div style="font-weight:600;margin-top:8px">Reasons</div>')
    parts.append(reasons_html(recommendation.reasons))
    return panel("Recommendation", Html("".join(parts)))


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
    engaged = " + ".join(_types(recommendation.engage)) or "nothing"
    head = f"**Engage: {engaged}**"
    if recommendation.alternative:
        head += f" (alternative: {' + '.join(_types(recommendation.alternative))})"
    parts = [head]
    if recommendation.assignments:
        rows = [
            [service.value, service.category.value, org.value.upper()]
            for service, org in _assigned(recommendation)
        ]
        parts.append(markdown_table(["Service", "Area", "Engaged type"], rows))
    parts.append("**Reasons**\n\n" + reasons_markdown(recommendation.reasons))
    return "\n\n".join(parts)


def _description_rows(description: TypeDescription) -> list[list[str]]:
    return [
        ["Primary role", description.primary_role],
        ["Focus area", description.focus_area],
        ["Expertise", description.expertise],
        ["Engagement stage", description.engagement_stage],
        ["End deliverable", description.end_deliverable],
        ["When to choose it", description.when_to_choose],
    ]


def description_html(description: TypeDescription) -> Html:
    """A :class:`~pharma_outsourcing.TypeDescription` as HTML.

    Example:
        >>> from pharma_outsourcing import describe
        >>> "Market-ready drug products" in description_html(describe("CMO"))
        True
    """
    kind = description.organisation_type.value.upper()
    rows = [[Html(f"<b>{escape(k)}</b>"), v] for k, v in _description_rows(description)]
    source = f'<small style="color:{_NEUTRAL}">Source: {escape(description.source)}</small>'
    return panel(
        f"{kind}: {description.name}",
        _key_value_table(rows),
        Html(source),
    )


def _key_value_table(rows: Sequence[Sequence[object]]) -> Html:
    cell = _style(f"border-bottom:1px solid {_BORDER}", "padding:4px 10px", "vertical-align:top")
    body = "".join(
        f'<tr><td style="{cell};white-space:nowrap">{escape(k)}</td>'
        f'<td style="{cell}">{escape(v)}</td></tr>'
        for k, v in rows
    )
    return Html(f'<table style="border-collapse:collapse;margin:4px 0">{body}</table>')


def description_markdown(description: TypeDescription) -> str:
    """A :class:`~pharma_outsourcing.TypeDescription` as Markdown.

    Example:
        >>> from pharma_outsourcing import describe
        >>> print(description_markdown(describe("CRO")).splitlines()[0])
        **CRO: Contract Research Organisation**
    """
    kind = description.organisation_type.value.upper()
    table = markdown_table(["", ""], _description_rows(description))
    return f"**{kind}: {description.name}**\n\n{table}\n\n*Source: {description.source}*"


# --- Shortlists (rank) and plans (plan) ----------------------------------------------------
# The result types of ``rank`` and ``plan`` are described here by the attributes the
# renderers read (DESIGN.md §6, §7), so this module needs neither of their modules.


class _Named(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def organisation_type(self) -> OrganisationType: ...


class AssessmentLike(Protocol):
    """What the shortlist renderers read of an assessment (DESIGN.md §6)."""

    @property
    def partner(self) -> _Named: ...
    @property
    def score(self) -> float: ...
    @property
    def scores(self) -> Mapping[Criterion, float]: ...
    @property
    def reasons(self) -> Mapping[Criterion, object]: ...
    @property
    def contributions(self) -> Mapping[Criterion, float]: ...


class ExclusionLike(Protocol):
    """What the shortlist renderers read of an exclusion."""

    @property
    def partner(self) -> _Named: ...
    @property
    def reasons(self) -> Sequence[object]: ...


class ShortlistLike(Protocol):
    """What the shortlist renderers read of a shortlist."""

    @property
    def ranked(self) -> Sequence[AssessmentLike]: ...
    @property
    def excluded(self) -> Sequence[ExclusionLike]: ...


class StepLike(Protocol):
    """What the plan renderers read of one phase of a plan (DESIGN.md §7)."""

    @property
    def phase(self) -> Phase: ...
    @property
    def assignments(self) -> Mapping[Service, object]: ...


class HandoffLike(Protocol):
    """What the plan renderers read of a handoff or technology transfer."""

    @property
    def phase(self) -> Phase: ...
    @property
    def source(self) -> object: ...
    @property
    def target(self) -> object: ...
    @property
    def area(self) -> ServiceCategory: ...
    @property
    def reason(self) -> object: ...


class PlanLike(Protocol):
    """What the plan renderers read of a sourcing plan."""

    @property
    def steps(self) -> Sequence[StepLike]: ...
    @property
    def handoffs(self) -> Sequence[HandoffLike]: ...
    @property
    def tech_transfers(self) -> Sequence[HandoffLike]: ...


MAX_ROWS = 50
"""Rows shown before a long shortlist is cut (the rest is counted, not shown)."""


def text_of(reason: object) -> str:
    """A reason's sentence: its ``text`` when it has one, else the value as text.

    Example:
        >>> from pharma_outsourcing import Reason
        >>> text_of(Reason(criterion=None, text="Why.", source="s")), text_of("Because.")
        ('Why.', 'Because.')
    """
    text = getattr(reason, "text", reason)
    return str(text)


def organisation_label(organisation: object) -> str:
    """``CRO`` for a type, ``Name (CRO)`` for a partner, else its ``label`` or text.

    Example:
        >>> from pharma_outsourcing import OrganisationType, Partner
        >>> organisation_label(OrganisationType.CDMO)
        'CDMO'
        >>> organisation_label(Partner(name="Alder", organisation_type=OrganisationType.CRO))
        'Alder (CRO)'
    """
    label = getattr(organisation, "label", None)
    if isinstance(label, str):
        return label
    kind = getattr(organisation, "organisation_type", None)
    name = getattr(organisation, "name", None)
    if kind is not None and isinstance(name, str):
        return f"{name} ({str(kind).upper()})"
    return str(organisation).upper() if isinstance(organisation, Enum) else str(organisation)


def _colour_of(organisation: object) -> str:
    kind = getattr(organisation, "organisation_type", organisation)
    return TYPE_COLOURS.get(str(kind).lower(), _NEUTRAL)


_SHORT_LABELS = {
    "stage-of-development": "Stage",
    "technical-expertise": "Expertise",
    "regulatory-track-record": "Track record",
    "scalability": "Scalability",
    "geographic-footprint": "Footprint",
    "cultural-fit": "Fit",
}


def _criterion_label(criterion: Criterion) -> str:
    """A short column heading for a criterion ("Track record")."""
    return _SHORT_LABELS.get(criterion.value, criterion.value.replace("-", " ").capitalize())


def plural(count: int, noun: str) -> str:
    """``count`` and ``noun``, with an ``s`` unless the count is one ("2 handoffs")."""
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _more(total: int, shown: int) -> str:
    return f"... and {total - shown} more" if total > shown else ""


def shortlist_records(shortlist: ShortlistLike) -> list[dict[str, object]]:
    """One plain dict per ranked partner: rank, name, type, score, a score per criterion.

    Example:
        >>> from types import SimpleNamespace as NS
        >>> from pharma_outsourcing import Criterion, OrganisationType
        >>> partner = NS(name="Alder", organisation_type=OrganisationType.CRO)
        >>> scores = {c: 1.0 for c in Criterion}
        >>> shortlist = NS(ranked=[NS(partner=partner, score=1.0, scores=scores)], excluded=[])
        >>> record = shortlist_records(shortlist)[0]
        >>> record["rank"], record["name"], record["organisation_type"], record["scalability"]
        (1, 'Alder', 'cro', 1.0)
    """
    records: list[dict[str, object]] = []
    for rank, assessment in enumerate(shortlist.ranked, start=1):
        record: dict[str, object] = {
            "rank": rank,
            "name": assessment.partner.name,
            "organisation_type": str(assessment.partner.organisation_type),
            "score": assessment.score,
        }
        for criterion in _in_declared_order(assessment.scores):
            record[criterion.value] = assessment.scores[criterion]
        records.append(record)
    return records


def records_to_pandas(records: Sequence[Mapping[str, object]]) -> DataFrame:
    """The records as a pandas DataFrame; pandas is imported only here.

    Raises:
        ImportError: pandas is not installed; the message says how to install it.

    Example:
        >>> import sys
        >>> real, sys.modules["pandas"] = sys.modules.get("pandas"), None  # as if absent
        >>> try:
        ...     records_to_pandas([])
        ... except ImportError as error:
        ...     print(error)
        ... finally:
        ...     _ = sys.modules.pop("pandas") if real is None else None
        to_pandas() needs pandas, which is not installed: pip install pandas (or the extra: ...)
    """
    try:
        import pandas  # noqa: PLC0415 - an optional dependency, imported on use
    except ImportError:
        message = (
            "to_pandas() needs pandas, which is not installed: pip install pandas "
            "(or the extra: pip install 'pharma-outsourcing[pandas]')"
        )
        raise ImportError(message) from None
    return pandas.DataFrame.from_records(list(records))


def shortlist_html(shortlist: ShortlistLike, *, max_rows: int = MAX_ROWS) -> Html:
    """A shortlist as HTML: ranked partners with a bar per criterion, then the excluded.

    Each criterion's bar carries its reason as a tooltip; long shortlists show their first
    ``max_rows`` rows and count the rest.
    """
    ranked = list(shortlist.ranked)
    criteria = _in_declared_order(ranked[0].scores) if ranked else []
    rows = []
    for rank, assessment in enumerate(ranked[:max_rows], start=1):
        partner = assessment.partner
        who = Html(f"{escape(partner.name)} {badge(str(partner.organisation_type).upper())}")
        cells: list[object] = [rank, who, score_bar(assessment.score, width=70, colour="#3f51b5")]
        for criterion in criteria:
            tip = escape(text_of(assessment.reasons.get(criterion, "")))
            bar = score_bar(assessment.scores[criterion], width=32, colour=_NEUTRAL)
            cells.append(Html(f'<span title="{tip}">{bar}</span>'))
        rows.append(cells)
    headers = ["#", "Partner", "Score", *(_criterion_label(c) for c in criteria)]
    parts = [
        html_table(headers, rows, numeric=(0,), nowrap=range(2, len(headers)))
        if ranked
        else Html("<p>No partner ranked.</p>")
    ]
    more = _more(len(ranked), max_rows)
    if more:
        parts.append(Html(f'<p style="color:{_NEUTRAL}">{escape(more)}</p>'))
    if shortlist.excluded:
        excluded = [
            [e.partner.name, "; ".join(text_of(r) for r in e.reasons)]
            for e in list(shortlist.excluded)[:max_rows]
        ]
        more = _more(len(shortlist.excluded), max_rows)
        table = html_table(["Partner", "Why it is excluded"], excluded)
        note = f'<p style="color:{_NEUTRAL}">{escape(more)}</p>' if more else ""
        parts.append(
            Html(
                f'<details style="margin-top:6px"><summary style="cursor:pointer">'
                f"{plural(len(shortlist.excluded), 'excluded partner')}, and why"
                f"</summary>{table}{note}</details>"
            )
        )
    title = f"Shortlist: {len(ranked)} ranked, {len(shortlist.excluded)} excluded"
    hint = Html(f'<small style="color:{_NEUTRAL}">Hover a bar for its reason.</small>')
    return panel(title, *parts, *([hint] if ranked else []))


def shortlist_markdown(shortlist: ShortlistLike, *, max_rows: int = MAX_ROWS) -> str:
    """A shortlist as Markdown: a table of scores, then the excluded partners and why."""
    ranked = list(shortlist.ranked)
    criteria = _in_declared_order(ranked[0].scores) if ranked else []
    headers = ["#", "Partner", "Type", "Score", *(_criterion_label(c) for c in criteria)]
    rows = [
        [
            str(rank),
            a.partner.name,
            str(a.partner.organisation_type).upper(),
            f"{a.score:.2f}",
            *(f"{a.scores[c]:.2f}" for c in criteria),
        ]
        for rank, a in enumerate(ranked[:max_rows], start=1)
    ]
    parts = [f"**Shortlist: {len(ranked)} ranked, {len(shortlist.excluded)} excluded**"]
    if ranked:
        parts.append(markdown_table(headers, rows))
    parts.extend(filter(None, [_more(len(ranked), max_rows)]))
    if shortlist.excluded:
        parts.append(
            "**Excluded**\n\n"
            + "\n".join(
                f"- {e.partner.name}: " + "; ".join(text_of(r) for r in e.reasons)
                for e in shortlist.excluded
            )
        )
    return "\n\n".join(parts)


def _assessment_rows(assessment: AssessmentLike) -> list[tuple[Criterion, float, float, str]]:
    return [
        (
            criterion,
            assessment.scores[criterion],
            assessment.contributions.get(criterion, 0.0),
            text_of(assessment.reasons.get(criterion, "")),
        )
        for criterion in _in_declared_order(assessment.scores)
    ]


def assessment_html(assessment: AssessmentLike) -> Html:
    """One assessment as HTML: a bar, its share of the total and a reason per criterion."""
    partner = assessment.partner
    rows = [
        [_criterion_label(criterion), score_bar(score, width=80, colour=_NEUTRAL),
         f"{contribution:.3f}", reason]
        for criterion, score, contribution, reason in _assessment_rows(assessment)
    ]  # fmt: skip
    table = html_table(
        ["Criterion", "Score", "Share of total", "Why"], rows, numeric=(2,), nowrap=(0, 1)
    )
    total = Html(
        f'<p style="margin:0 0 6px">{badge(str(partner.organisation_type).upper())} '
        f"<b>Score</b> {score_bar(assessment.score, width=120, colour='#3f51b5')}</p>"
    )
    return panel(partner.name, total, table)


def assessment_markdown(assessment: AssessmentLike) -> str:
    """One partner's assessment as Markdown: score, share of the total and reason per criterion."""
    partner = assessment.partner
    rows = [
        [_criterion_label(criterion), f"{score:.2f}", f"{contribution:.3f}", reason]
        for criterion, score, contribution, reason in _assessment_rows(assessment)
    ]
    head = (
        f"**{partner.name}** ({str(partner.organisation_type).upper()}): "
        f"score {assessment.score:.2f}"
    )
    return head + "\n\n" + markdown_table(["Criterion", "Score", "Share of total", "Why"], rows)


def _lanes(plan: PlanLike) -> list[object]:
    """The organisations of a plan, in order of first engagement."""
    seen: dict[object, None] = {}
    for step in plan.steps:
        for organisation in step.assignments.values():
            seen.setdefault(organisation, None)
    return list(seen)


def _handoff_text(handoff: HandoffLike) -> str:
    return (
        f"{handoff.area.value}: {organisation_label(handoff.source)} to "
        f"{organisation_label(handoff.target)}"
    )


def plan_html(plan: PlanLike) -> Html:
    """A plan as HTML: a phase-by-phase timeline with its handoffs, and the handoffs' reasons."""
    phases = [step.phase for step in plan.steps]
    organisations = _lanes(plan)
    lanes = [
        (
            organisation_label(org),
            [org in step.assignments.values() for step in plan.steps],
        )
        for org in organisations
    ]
    markers = [
        (
            phases.index(h.phase),
            ("tech transfer, " if h in plan.tech_transfers else "") + _handoff_text(h),
        )
        for h in plan.handoffs
        if h.phase in phases
    ]
    chart = timeline(
        [p.value for p in phases],
        lanes,
        markers=markers,
        colours=[_colour_of(org) for org in organisations],
    )
    rows = [
        [h.phase.value, organisation_label(h.source), organisation_label(h.target),
         h.area.value, text_of(h.reason)]
        for h in plan.handoffs
    ]  # fmt: skip
    details = (
        html_table(["Phase", "From", "To", "Area", "Why"], rows, caption="Handoffs", nowrap=(0,))
        if rows
        else Html("<p>No handoffs: one organisation carries the work throughout.</p>")
    )
    counts = (
        f"{plural(len(plan.handoffs), 'handoff')}, "
        f"{plural(len(plan.tech_transfers), 'technology transfer')}"
    )
    return panel(f"Sourcing plan: {counts}", chart, details)


def plan_markdown(plan: PlanLike) -> str:
    """A plan as Markdown: who is engaged in each phase, then the handoffs."""
    steps = [
        [
            step.phase.value,
            ", ".join(organisation_label(o) for o in dict.fromkeys(step.assignments.values())),
            str(len(step.assignments)),
        ]
        for step in plan.steps
    ]
    parts = [
        (
            f"**Sourcing plan: {plural(len(plan.handoffs), 'handoff')}, "
            f"{plural(len(plan.tech_transfers), 'technology transfer')}**"
        ),
        markdown_table(["Phase", "Engaged", "Services"], steps),
    ]
    if plan.handoffs:
        parts.append(
            markdown_table(
                ["Phase", "From", "To", "Area", "Why"],
                [
                    [h.phase.value, organisation_label(h.source), organisation_label(h.target),
                     h.area.value, text_of(h.reason)]
                    for h in plan.handoffs
                ],
            )
        )  # fmt: skip
    return "\n\n".join(parts)


class ComparisonLike(Protocol):
    """What the comparison renderers read of two plans side by side (``compare_strategies``)."""

    @property
    def integrated(self) -> PlanLike: ...
    @property
    def specialist(self) -> PlanLike: ...
    @property
    def preferred(self) -> object: ...


def _saving(comparison: ComparisonLike) -> str:
    integrated, specialist = comparison.integrated, comparison.specialist
    return (
        f"Handoffs: {len(integrated.handoffs)} with one CDMO, {len(specialist.handoffs)} with "
        f"specialists. Technology transfers: {len(integrated.tech_transfers)} and "
        f"{len(specialist.tech_transfers)}. Preferred: {comparison.preferred}."
    )


def comparison_html(comparison: ComparisonLike) -> Html:
    """Two plans, integrated and specialist, one above the other, with what one CDMO saves."""
    return panel(
        "Integrated or specialists",
        Html(f"<p>{escape(_saving(comparison))}</p>"),
        plan_html(comparison.integrated),
        Html('<div style="height:8px"></div>'),
        plan_html(comparison.specialist),
    )


def comparison_markdown(comparison: ComparisonLike) -> str:
    """Two plans, integrated and specialist, in Markdown, with what one CDMO saves."""
    return "\n\n".join(
        [
            f"**Integrated or specialists.** {_saving(comparison)}",
            "*Integrated*\n\n" + plan_markdown(comparison.integrated),
            "*Specialist*\n\n" + plan_markdown(comparison.specialist),
        ]
    )
