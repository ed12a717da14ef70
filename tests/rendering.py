"""What the tests of ``pharma_outsourcing._render`` share: results to render, and what shows.

The results are built from the real value objects, with texts that need escaping
(``<``, ``&``, quotes) so that each renderer's escaping is tested too.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import attrs
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

import strategies
from pharma_outsourcing import (
    Assessment,
    Criterion,
    Engagement,
    Evidence,
    Exclusion,
    Handoff,
    HandoffKind,
    OrganisationType,
    Partner,
    Party,
    Phase,
    PlanStep,
    Reason,
    Service,
    ServiceCategory,
    Shortlist,
    SourcingPlan,
    SponsorProfile,
    Strategy,
    StrategyComparison,
)

__all__ = [
    "ALDER",
    "KEBAB_VALUES",
    "WARNINGS",
    "Cell",
    "HtmlTable",
    "assessments",
    "comparison",
    "contrast",
    "cro_and_cdmo_plan",
    "flat",
    "html_tables",
    "integrated_plan",
    "long_shortlist",
    "markdown_shown",
    "markdown_tables",
    "markdown_tokens",
    "reason",
    "shortlists",
    "specialist_plan",
    "sponsored_plan",
    "unfilled_plan",
    "values_shown",
    "visible",
    "words_of",
]

TAG = re.compile(r"<[^>]*>")
CRO, CMO, CDMO = (Engagement(organisation_type=t) for t in OrganisationType)
_UNIT = st.floats(min_value=0, max_value=1, allow_nan=False)


WARNINGS = tuple(
    Reason(criterion=Criterion.REGULATORY_TRACK_RECORD, text=text, source="ICH <Q10> & EU GMP")
    for text in (
        'EU statement of non-compliance <2024> & "open": not a bar to US supply',
        "audit approved with conditions in 2024: confirm they are closed; before award",
    )
)
"""Warnings whose texts and source need escaping (and hold a semicolon of their own)."""


def visible(fragment: str) -> str:
    """The text a browser shows for ``fragment``: tags removed, entities decoded."""
    return html.unescape(TAG.sub("", fragment))


_MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
"""A CommonMark parser with GitHub's tables and strike-through, as Jupyter reads Markdown."""
_INLINE = RendererHTML()


def markdown_shown(markdown: str) -> str:
    """The text a reader sees of ``markdown``: rendered, then tags removed."""
    return visible(_MARKDOWN.render(markdown))


def markdown_tokens(markdown: str) -> list[Token]:
    """The block tokens a CommonMark parser reads in ``markdown``."""
    return _MARKDOWN.parse(markdown)


def markdown_tables(markdown: str) -> list[list[list[str]]]:
    """Each table of ``markdown`` as a parser reads it: rows of cells, as they show.

    The heading row comes first; each cell is its text as a reader sees it.
    """
    tables: list[list[list[str]]] = []
    tokens = _MARKDOWN.parse(markdown)
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            tables[-1].append([])
        elif token.type in ("th_open", "td_open"):
            inline = tokens[index + 1]
            cell = _INLINE.renderInline(inline.children or [], _MARKDOWN.options, {})
            tables[-1][-1].append(visible(cell))
    return tables


@attrs.frozen
class Cell:
    """A table cell as a browser reads it: its tag, its own style, and its text."""

    tag: str
    style: str
    text: str


@attrs.frozen
class HtmlTable:
    """A table of an HTML fragment: its caption and its rows of cells (headings included)."""

    caption: str
    rows: tuple[tuple[Cell, ...], ...]


class _Tables(HTMLParser):
    """Collects every table of a fragment (tables in cells are not expected)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[list[str], list[list[list[str]]]]] = []
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        style = dict(attrs_).get("style") or ""
        if tag == "table":
            self.tables.append(([], []))
        elif tag == "caption":
            self._text = self.tables[-1][0]
        elif tag == "tr":
            self.tables[-1][1].append([])
        elif tag in ("td", "th"):
            self._text = [tag, style]
            self.tables[-1][1][-1].append(self._text)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th", "caption"):
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def html_tables(fragment: str) -> list[HtmlTable]:
    """Every table of ``fragment``, each cell's text with its whitespace flattened."""
    parser = _Tables()
    parser.feed(fragment)
    return [
        HtmlTable(
            flat("".join(caption)),
            tuple(
                tuple(Cell(cell[0], cell[1], flat("".join(cell[2:]))) for cell in row)
                for row in rows
            ),
        )
        for caption, rows in parser.tables
    ]


def _luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2's relative luminance of an sRGB colour (channels from 0 to 255)."""

    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: tuple[float, float, float], other: tuple[float, float, float]) -> float:
    """WCAG 2's contrast ratio of two colours, from 1 to 21.

    >>> round(contrast((0, 0, 0), (255, 255, 255)), 1)
    21.0
    """
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def flat(text: str) -> str:
    """``text`` with every run of whitespace as one space, as a wrapped display shows it."""
    return " ".join(text.split())


def words_of(text: str) -> list[str]:
    """The words of ``text``, in order."""
    return text.split()


def reason(text: str, criterion: Criterion | None = None) -> Reason:
    """A reason with ``text``, from a placeholder source."""
    return Reason(criterion=criterion, text=text, source="s")


@st.composite
def assessments(draw: st.DrawFn) -> Assessment:
    """An assessment of a drawn partner, each criterion's reason ``reason <criterion>``.

    Each criterion's evidence is drawn, the completeness follows from it (equal weights),
    and the warnings are some of :data:`WARNINGS`.
    """
    scores = {criterion: draw(_UNIT) for criterion in Criterion}
    evidence = {criterion: draw(st.sampled_from(list(Evidence))) for criterion in Criterion}
    grounded = sum(1 for e in evidence.values() if e is not Evidence.ASSUMED)
    return Assessment(
        partner=draw(strategies.partners()),
        score=sum(scores.values()) / len(scores),
        scores=scores,
        reasons={c: reason(f"reason <{c.value}>", c) for c in Criterion},
        contributions={c: scores[c] / len(scores) for c in Criterion},
        evidence=evidence,
        completeness=grounded / len(Criterion),
        warnings=draw(st.sampled_from([(), WARNINGS[:1], WARNINGS])),
    )


shortlists = st.builds(
    Shortlist,
    ranked=st.lists(assessments(), max_size=6).map(tuple),
    excluded=st.lists(
        st.builds(
            Exclusion,
            partner=strategies.partners(),
            reasons=st.just((reason("lacks <x>"), reason("plain"))),
        ),
        max_size=3,
    ).map(tuple),
)
"""Shortlists of up to six ranked partners and three excluded, each for two reasons."""


def long_shortlist(ranked: int, excluded: int) -> Shortlist:
    """A shortlist of ``ranked`` partners scoring 0.5 throughout, and ``excluded`` others."""
    partners = [Partner(name=f"P{i}", organisation_type=OrganisationType.CRO) for i in range(5)]
    half = dict.fromkeys(Criterion, 0.5)
    return Shortlist(
        ranked=tuple(
            Assessment(
                partner=partners[i % 5],
                score=0.5,
                scores=half,
                reasons={c: reason("even", c) for c in Criterion},
                contributions=dict.fromkeys(Criterion, 0.5 / 6),
                evidence=dict.fromkeys(Criterion, Evidence.STATED),
                completeness=1.0,
                warnings=WARNINGS[:1],
            )
            for i in range(ranked)
        ),
        excluded=(Exclusion(partner=partners[0], reasons=(reason("x"),)),) * excluded,
    )


def specialist_plan() -> SourcingPlan:
    """A CRO and a CMO over phases 1 to 3: three supply interfaces, one tech transfer."""
    phases = (Phase.PHASE_1, Phase.PHASE_2, Phase.PHASE_3)
    steps = [
        PlanStep(
            phase=phase, assignments={Service.SITE_MONITORING: CRO, Service.API_PRODUCTION: CMO}
        )
        for phase in phases
    ]
    supplies = [
        Handoff(
            phase=phase,
            kind=HandoffKind.INTERFACE,
            source=CMO,
            target=CRO,
            area=ServiceCategory.MANUFACTURING,
            reason=reason("supplies feed trials"),
        )
        for phase in phases
    ]
    transfer = Handoff(
        phase=Phase.PHASE_3,
        kind=HandoffKind.TRANSITION,
        source=CMO,
        target=Engagement(organisation_type=OrganisationType.CMO, partner="Oak & Co"),
        area=ServiceCategory.MANUFACTURING,
        reason=reason("scale-up elsewhere"),
    )
    return SourcingPlan(
        profile=SponsorProfile(phase=Phase.PHASE_1, horizon=Phase.PHASE_3),
        strategy=Strategy.SPECIALIST,
        steps=steps,
        handoffs=[*supplies, transfer],
    )


def integrated_plan() -> SourcingPlan:
    """One CDMO in phase 1: no handoffs."""
    return SourcingPlan(
        profile=SponsorProfile(phase=Phase.PHASE_1, horizon=Phase.PHASE_1),
        strategy=Strategy.INTEGRATED,
        steps=[PlanStep(phase=Phase.PHASE_1, assignments={Service.SITE_MONITORING: CDMO})],
    )


def cro_and_cdmo_plan() -> SourcingPlan:
    """A CRO and one CDMO over phases 1 to 3: three supply interfaces, no transfer."""
    phases = (Phase.PHASE_1, Phase.PHASE_2, Phase.PHASE_3)
    steps = [
        PlanStep(
            phase=phase, assignments={Service.SITE_MONITORING: CRO, Service.API_PRODUCTION: CDMO}
        )
        for phase in phases
    ]
    supplies = [
        Handoff(
            phase=phase,
            kind=HandoffKind.INTERFACE,
            source=CDMO,
            target=CRO,
            area=ServiceCategory.MANUFACTURING,
            reason=reason("supplies feed trials"),
        )
        for phase in phases
    ]
    return SourcingPlan(
        profile=SponsorProfile(phase=Phase.PHASE_1, horizon=Phase.PHASE_3),
        strategy=Strategy.CRO_AND_CDMO,
        steps=steps,
        handoffs=supplies,
    )


def comparison() -> StrategyComparison:
    """:func:`integrated_plan`, :func:`cro_and_cdmo_plan` and :func:`specialist_plan`.

    Handoffs 0, 3 and 4; technology transfers 0, 0 and 1; the CRO and CDMO plan preferred.
    """
    return StrategyComparison(
        profile=SponsorProfile(phase=Phase.PHASE_1),
        integrated=integrated_plan(),
        cro_and_cdmo=cro_and_cdmo_plan(),
        specialist=specialist_plan(),
        preferred=Strategy.CRO_AND_CDMO,
    )


ALDER = Engagement(organisation_type=OrganisationType.CRO, partner='Alder <Clinical> & "Co"')
"""A named CRO whose name needs escaping."""


def sponsored_plan() -> SourcingPlan:
    """A plan with candidates over phases 2 and 3, with the sponsor and work to be sourced.

    At phase 2 the sponsor makes the API itself and :data:`ALDER` monitors the sites; at
    phase 3 the API production passes from the sponsor to a CMO no candidate could fill
    (to be sourced) and the trials' CRO work passes from :data:`ALDER` back to the
    sponsor, which takes the data management in house.
    """
    steps = [
        PlanStep(
            phase=Phase.PHASE_2,
            assignments={Service.SITE_MONITORING: ALDER, Service.DATA_MANAGEMENT: ALDER},
            in_house={Service.API_PRODUCTION},
        ),
        PlanStep(
            phase=Phase.PHASE_3,
            assignments={Service.SITE_MONITORING: ALDER, Service.API_PRODUCTION: CMO},
            in_house={Service.DATA_MANAGEMENT},
        ),
    ]
    handoffs = [
        Handoff(
            phase=Phase.PHASE_3,
            kind=HandoffKind.TRANSITION,
            source=Party.SPONSOR,
            target=CMO,
            area=ServiceCategory.MANUFACTURING,
            reason=reason("the sponsor's plant <stops> & the process moves"),
        ),
        Handoff(
            phase=Phase.PHASE_3,
            kind=HandoffKind.TRANSITION,
            source=ALDER,
            target=Party.SPONSOR,
            area=ServiceCategory.DATA,
            reason=reason("data management comes in house"),
        ),
    ]
    return SourcingPlan(
        profile=SponsorProfile(phase=Phase.PHASE_2, horizon=Phase.PHASE_3),
        strategy=Strategy.SPECIALIST,
        steps=steps,
        handoffs=handoffs,
        unfilled={Phase.PHASE_3: {Service.API_PRODUCTION}},
    )


def unfilled_plan() -> SourcingPlan:
    """One step at phase 1 whose two services no candidate qualifies for: no handoffs."""
    return SourcingPlan(
        profile=SponsorProfile(phase=Phase.PHASE_1, horizon=Phase.PHASE_1),
        strategy=Strategy.CRO_AND_CDMO,
        steps=[
            PlanStep(
                phase=Phase.PHASE_1,
                assignments={Service.SITE_MONITORING: CRO, Service.API_PRODUCTION: CDMO},
            )
        ],
        unfilled={Phase.PHASE_1: {Service.SITE_MONITORING, Service.API_PRODUCTION}},
    )


KEBAB_VALUES = frozenset(
    member.value
    for member in (*Phase, *Service, *ServiceCategory, *Strategy)
    if "-" in member.value and member.value != member.label
)
"""The values of phases, services, areas and strategies that are not also their label."""


def values_shown(text: str) -> set[str]:
    """The kebab-case member values (:data:`KEBAB_VALUES`) that ``text`` shows as words."""
    return {value for value in KEBAB_VALUES if re.search(rf"(?<![\w-]){value}(?![\w-])", text)}
