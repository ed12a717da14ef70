"""The command line: ``pharma-outsourcing`` and ``python -m pharma_outsourcing``.

Each subcommand is a :class:`_Command`: a function adding its arguments and a function
turning the parsed arguments into a :class:`_Output` (the result as plain data for
``--format json``, and a document of headings, paragraphs and tables for ``text`` and
``markdown``). One renderer per result type builds the document; one table formatter
lays out every table, fitting text output into 100 columns. A new subcommand is a
renderer, a ``run`` function and one line in :data:`_COMMANDS`.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import textwrap
from collections.abc import Callable, Iterable, Sequence
from typing import Literal

import attrs

from ._converter import converter
from ._errors import InvalidDataError, InvalidInputError, PharmaOutsourcingError
from ._io import load_profile
from ._organisations import TypeDescription, describe
from ._recommend import Recommendation, recommend
from ._services import CATALOGUE, ServiceInfo, services_of
from ._vocabulary import Criterion, OrganisationType, Phase

__all__ = ["main"]

WIDTH = 100
OutputFormat = Literal["text", "json", "markdown"]


# --- documents and their rendering ----------------------------------------------------------


@attrs.frozen
class Heading:
    """A heading line."""

    text: str


@attrs.frozen
class Paragraph:
    """A paragraph of running text, wrapped to the width in text output."""

    text: str


@attrs.frozen
class Table:
    """Rows of cells under a header; cells are wrapped in their column when too wide."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Paragraph | Table


@attrs.frozen
class _Output:
    data: object
    document: tuple[Block, ...]


def _column_widths(table: Table, width: int) -> list[int]:
    """Each column's width: its widest cell, narrowed (prose first) to fit ``width``."""
    columns = list(zip(table.header, *table.rows, strict=True))
    widths = [max(len(cell) for cell in column) for column in columns]
    # A column is never narrower than its longest word (up to 24), so names stay whole.
    floors = [
        min(24, max((len(word) for cell in column for word in cell.split()), default=1))
        for column in columns
    ]
    available = width - 2 * (len(widths) - 1)
    while sum(widths) > available:
        slack = [current - floor for current, floor in zip(widths, floors, strict=True)]
        loosest = max(range(len(widths)), key=slack.__getitem__)
        if slack[loosest] <= 0:
            break
        widths[loosest] -= 1
    return widths


def render_table_text(table: Table, width: int = WIDTH) -> list[str]:
    r"""Lay out ``table`` as aligned columns within ``width`` characters.

    Example:
        >>> print("\n".join(render_table_text(Table(("a", "bb"), (("1", "2"),)))))
        a  bb
        -  --
        1  2
    """
    widths = _column_widths(table, width)
    lines: list[str] = []

    def emit(cells: Sequence[str]) -> None:
        wrapped = [
            textwrap.wrap(cell, column, break_on_hyphens=False) or [""]
            for cell, column in zip(cells, widths, strict=True)
        ]
        for row in range(max(len(parts) for parts in wrapped)):
            parts = [
                (lines_[row] if row < len(lines_) else "").ljust(column)
                for lines_, column in zip(wrapped, widths, strict=True)
            ]
            lines.append("  ".join(parts).rstrip())

    emit(table.header)
    lines.append("  ".join("-" * column for column in widths))
    for row in table.rows:
        emit(row)
    return lines


def _markdown_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_table_markdown(table: Table) -> list[str]:
    r"""Lay out ``table`` as a Markdown (GitHub) table.

    Example:
        >>> print("\n".join(render_table_markdown(Table(("a",), (("x|y",),)))))
        | a |
        | --- |
        | x\|y |
    """
    lines = ["| " + " | ".join(_markdown_cell(cell) for cell in table.header) + " |"]
    lines.append("| " + " | ".join("---" for _ in table.header) + " |")
    lines.extend(
        "| " + " | ".join(_markdown_cell(cell) for cell in row) + " |" for row in table.rows
    )
    return lines


def render(document: Iterable[Block], fmt: OutputFormat) -> str:
    """Render a document as text or Markdown."""
    parts: list[str] = []
    for block in document:
        if isinstance(block, Heading):
            parts.append(f"## {block.text}" if fmt == "markdown" else block.text)
        elif isinstance(block, Paragraph):
            parts.append(block.text if fmt == "markdown" else textwrap.fill(block.text, WIDTH))
        else:
            table = render_table_markdown(block) if fmt == "markdown" else render_table_text(block)
            parts.append("\n".join(table))
    return "\n\n".join(parts)


def _types(types: Iterable[OrganisationType]) -> str:
    return ", ".join(sorted(t.value.upper() for t in types))


# --- renderers, one per result type ---------------------------------------------------------


def recommendation_document(recommendation: Recommendation, title: str) -> tuple[Block, ...]:
    """The document for a :class:`Recommendation`."""
    blocks: list[Block] = [Heading(f"{title}: engage {_types(recommendation.engage) or 'nothing'}")]
    if recommendation.alternative:
        blocks.append(Paragraph(f"Alternative: {_types(recommendation.alternative)}"))
    if recommendation.assignments:
        blocks.append(
            Table(
                ("service", "engage"),
                tuple(
                    (service.value, org.value.upper())
                    for service, org in sorted(recommendation.assignments.items())
                ),
            )
        )
    blocks.append(
        Table(
            ("criterion", "reason", "source"),
            tuple(
                (
                    reason.criterion.value if reason.criterion else "-",
                    reason.text,
                    reason.source,
                )
                for reason in recommendation.reasons
            ),
        )
    )
    return tuple(blocks)


def description_document(description: TypeDescription) -> tuple[Block, ...]:
    """The document for a :class:`TypeDescription`."""
    rows = (
        ("primary role", description.primary_role),
        ("focus area", description.focus_area),
        ("expertise", description.expertise),
        ("engagement stage", description.engagement_stage),
        ("end deliverable", description.end_deliverable),
        ("when to choose", description.when_to_choose),
        ("services", ", ".join(sorted(s.value for s in description.services))),
        ("source", description.source),
    )
    return (
        Heading(f"{description.organisation_type.value.upper()}: {description.name}"),
        Table(("aspect", "description"), rows),
    )


def services_document(infos: Sequence[ServiceInfo]) -> tuple[Block, ...]:
    """The document for rows of the service catalogue."""
    return (
        Heading(f"Services ({len(infos)})"),
        Table(
            ("service", "category", "provider", "framework", "phases", "deliverable"),
            tuple(
                (
                    info.service.value,
                    info.category.value,
                    info.provider.value.upper(),
                    info.framework.value,
                    ", ".join(p.value for p in sorted(info.phases)),
                    info.deliverable,
                )
                for info in infos
            ),
        ),
    )


# --- commands ----------------------------------------------------------------------------


@attrs.frozen
class _Command:
    help: str
    description: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], _Output]


def _add_recommend(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("profile", metavar="PROFILE", help="a sponsor profile (.toml or .json)")


def _run_recommend(arguments: argparse.Namespace) -> _Output:
    profile = load_profile(arguments.profile)
    result = recommend(profile)
    title = profile.name or f"Profile at {profile.phase.value}"
    return _Output(converter.unstructure(result), recommendation_document(result, title))


def _add_describe(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("type", metavar="TYPE", help="cro, cmo or cdmo (or a spelling of one)")


def _run_describe(arguments: argparse.Namespace) -> _Output:
    result = describe(OrganisationType.parse(arguments.type, field="TYPE"))
    return _Output(converter.unstructure(result), description_document(result))


def _add_services(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--phase", help="only services typically bought in this phase")
    parser.add_argument("--type", help="only services this organisation type provides")


def _run_services(arguments: argparse.Namespace) -> _Output:
    infos = list(CATALOGUE.values())
    if arguments.phase is not None:
        phase = Phase.parse(arguments.phase, field="--phase")
        infos = [info for info in infos if phase in info.phases]
    if arguments.type is not None:
        offered = services_of(OrganisationType.parse(arguments.type, field="--type"))
        infos = [info for info in infos if info.service in offered]
    unstructure = converter.get_unstructure_hook(ServiceInfo)
    return _Output([unstructure(info) for info in infos], services_document(infos))


def parse_weights(items: Sequence[str]) -> dict[Criterion, float]:
    """``["expertise=2", "scale=0.5"]`` -> criterion weights, for ``rank --weights``.

    Every item is checked; all problems are raised together.

    Example:
        >>> parse_weights(["expertise=2", "cultural fit=0.5"])
        {<Criterion.TECHNICAL_EXPERTISE: 'technical-expertise'>: 2.0, \
<Criterion.CULTURAL_FIT: 'cultural-fit'>: 0.5}
    """
    weights: dict[Criterion, float] = {}
    problems: list[InvalidInputError] = []
    for item in items:
        name, equals, number = item.partition("=")
        if not equals:
            problems.append(
                InvalidInputError(
                    field="--weights",
                    value=item,
                    problem="is not criterion=number",
                    allowed="criterion=number, such as expertise=2",
                )
            )
            continue
        try:
            criterion = Criterion.parse(name.strip(), field="--weights")
        except InvalidInputError as error:
            problems.append(error)
            continue
        try:
            weight = float(number)
        except ValueError:
            weight = math.nan
        if not math.isfinite(weight) or weight < 0:
            problems.append(
                InvalidInputError(
                    field=f"--weights {criterion.value}",
                    value=number,
                    problem="is not a weight",
                    allowed="a number from 0 up",
                )
            )
            continue
        weights[criterion] = weight
    if problems:
        raise InvalidDataError(problems)
    return weights


_COMMANDS: dict[str, _Command] = {
    "recommend": _Command(
        "which organisation types to engage for a sponsor profile, and why",
        "Print the organisation types to engage for a profile, the service each provides, "
        "and the reasons with their sources.",
        _add_recommend,
        _run_recommend,
    ),
    "describe": _Command(
        "what a CRO, a CMO or a CDMO is",
        "Print the key differences for one organisation type.",
        _add_describe,
        _run_describe,
    ),
    "services": _Command(
        "the service catalogue, optionally for one phase or one type",
        "Print the services of the catalogue, with provider, framework, phases and deliverable.",
        _add_services,
        _run_services,
    ),
}

_EPILOG = """\
examples:
  pharma-outsourcing recommend examples/phase1-biotech.toml
  pharma-outsourcing recommend examples/commercial-product.toml --format markdown
  pharma-outsourcing describe cdmo
  pharma-outsourcing services --phase "phase 2" --type cro --format json
  python -m pharma_outsourcing --help

exit status: 0 on success, 2 on bad input (one line per problem on stderr).
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pharma-outsourcing",
        description="When to engage a CRO, a CMO or a CDMO, and why.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, command in _COMMANDS.items():
        sub = commands.add_parser(
            name,
            help=command.help,
            description=command.description,
            epilog=_EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.add_arguments(sub)
        sub.add_argument(
            "--format",
            choices=("text", "json", "markdown"),
            default="text",
            help="output format (default: text)",
        )
    return parser


def _problems(error: Exception) -> list[str]:
    if isinstance(error, InvalidDataError):
        return error.lines()
    if isinstance(error, OSError):
        name = error.filename if error.filename is not None else "file"
        return [f"{name}: cannot be read: {error.strerror or error}"]
    return [str(error)]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    Example:
        >>> main(["recommend", "examples/preclinical-virtual-biotech.toml"])  # doctest: +ELLIPSIS
        Virtual biotech (preclinical): engage CRO
        ...
        0
    """
    arguments = _parser().parse_args(argv)
    try:
        output = _COMMANDS[arguments.command].run(arguments)
    except (PharmaOutsourcingError, OSError) as error:
        for line in _problems(error):
            print(f"pharma-outsourcing: {line}", file=sys.stderr)
        return 2
    if arguments.format == "json":
        print(json.dumps(output.data, indent=2, ensure_ascii=False))
    else:
        print(render(output.document, arguments.format))
    return 0
