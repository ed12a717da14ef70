"""MkDocs hooks: tables generated from the code at build time, never copied by hand.

Cells are plain text, escaped by ``markdown_table``; a cell meant as Markdown (a value
in code, a name in bold) is wrapped in ``Markdown``.

A page asks for a table with an HTML comment on a line of its own, for example
``<!-- generated: catalogue -->``; :func:`on_page_markdown` replaces it with the table
built from the package. An unknown name fails the build (``mkdocs build --strict``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pharma_outsourcing as po
from pharma_outsourcing._reasons import words
from pharma_outsourcing._render.labels import description_rows
from pharma_outsourcing._render.markdown import Markdown, markdown_table

_MARKER = re.compile(r"^<!-- generated: ([a-z-]+) -->$", re.MULTILINE)
_TYPES = (po.OrganisationType.CRO, po.OrganisationType.CMO, po.OrganisationType.CDMO)


def _phase_span(phases: Iterable[po.Phase]) -> str:
    """``phase-1 .. phase-3`` for a run of consecutive phases, else a list."""
    ordered = sorted(phases, key=lambda p: p.position)
    positions = [p.position for p in ordered]
    if len(ordered) > 2 and positions == list(range(positions[0], positions[-1] + 1)):
        return f"{ordered[0].value} .. {ordered[-1].value}"
    return ", ".join(p.value for p in ordered)


def key_differences() -> str:
    """The guide's key-differences table, one column per type, from ``describe()``."""
    described = [po.describe(t) for t in _TYPES]
    headers = ["", *(f"{d.organisation_type.value.upper()} ({d.name})" for d in described)]
    columns = [description_rows(d) for d in described]
    return markdown_table(
        headers,
        [
            [Markdown(f"**{cells[0][0]}**"), *(text for _, text in cells)]
            for cells in zip(*columns, strict=True)
        ],
    )


def catalogue() -> str:
    """Every service of ``CATALOGUE``: area, provider, typical phases, framework, deliverable."""
    return markdown_table(
        ["Service", "Area", "Provided by", "Typically bought in", "Framework", "Delivers"],
        [
            [
                Markdown(f"`{info.service.value}`"),
                info.category.value,
                f"{info.provider.value.upper()}, CDMO",
                _phase_span(info.phases),
                info.framework.value.upper() if info.framework is not po.Framework.NONE else "-",
                info.deliverable,
            ]
            for info in po.CATALOGUE.values()
        ],
    )


def phases() -> str:
    """Each phase: its stage, the guide's lead type (a rule of thumb), what is bought."""

    def bought(phase: po.Phase, org_type: po.OrganisationType) -> str:
        services = [s for s in po.CATALOGUE if s in po.typical_services(phase)]
        return ", ".join(s.value for s in services if s.provider is org_type) or "-"

    return markdown_table(
        ["Phase", "Stage", "Guide's lead type", "CRO work bought", "CMO work bought"],
        [
            [
                Markdown(f"`{phase.value}`"),
                phase.stage.value,
                po.lead_type(phase).value.upper(),
                bought(phase, po.OrganisationType.CRO),
                bought(phase, po.OrganisationType.CMO),
            ]
            for phase in po.Phase
        ],
    )


def markets() -> str:
    """Each market and its regulator."""
    return markdown_table(
        ["Market", "Regulator"],
        [[Markdown(f"`{m.value}`"), _regulator(m.regulator)] for m in po.Market],
    )


def criteria() -> str:
    """The six criteria, in order, with their values."""
    return markdown_table(
        ["#", "Criterion", "Value"],
        [
            [str(n), c.name.replace("_", " ").capitalize(), Markdown(f"`{c.value}`")]
            for n, c in enumerate(po.Criterion, start=1)
        ],
    )


def _phase_labels(phases: Iterable[po.Phase]) -> str:
    """``every phase``, ``phase 1 to phase 3`` for a run of consecutive phases, else a list."""
    ordered = sorted(phases, key=lambda p: p.position)
    positions = [p.position for p in ordered]
    if len(ordered) == len(po.Phase):
        return "every phase"
    if len(ordered) > 2 and positions == list(range(positions[0], positions[-1] + 1)):
        return f"{ordered[0].label} to {ordered[-1].label}"
    return ", ".join(p.label for p in ordered)


def agreements() -> str:
    """What must be in writing, per type, from ``agreements_for``: when, where, for what."""
    needed_with: dict[po.Agreement, list[str]] = {}
    for org_type in _TYPES:
        for agreement in po.agreements_for(org_type):
            needed_with.setdefault(agreement, []).append(org_type.label)
    rows = [
        [
            Markdown(f"**{agreement.name}**"),
            agreement.summary,
            _phase_labels(agreement.phases),
            "every market (ICH)" if agreement.markets is None else words(agreement.markets),
            words(agreement.services),
            ", ".join(types),
            "; ".join(agreement.sources),
        ]
        for agreement, types in needed_with.items()
    ]
    return markdown_table(
        ["Agreement", "What it is", "Phases", "Markets", "Called for by", "With", "Sources"],
        rows,
    )


def sources() -> str:
    """Every citation constant of ``_sources``, with its text."""
    from pharma_outsourcing import _sources  # noqa: PLC0415 - private, used only here

    return markdown_table(
        ["Constant", "Citation"],
        [[Markdown(f"`{name}`"), getattr(_sources, name)] for name in _sources.__all__],
    )


GENERATED: dict[str, Callable[[], str]] = {
    "key-differences": key_differences,
    "catalogue": catalogue,
    "phases": phases,
    "markets": markets,
    "criteria": criteria,
    "agreements": agreements,
    "sources": sources,
}


def on_page_markdown(markdown: str, **_: object) -> str:
    """Fill in generated tables: each ``<!-- generated: NAME -->`` line becomes its table."""

    def render(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in GENERATED:
            message = f"unknown generated table {name!r}; known: {', '.join(GENERATED)}"
            raise ValueError(message)
        return GENERATED[name]()

    return _MARKER.sub(render, markdown)


def _regulator(regulator: po.Regulator) -> str:
    """``FDA``, ``Health Canada``: acronyms upper case, names in title case."""
    words = regulator.value.split("-")
    return " ".join(words).title() if len(words) > 1 else regulator.value.upper()
