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
import os
import sys
import textwrap
from collections.abc import Callable, Iterable, Sequence
from typing import Literal, TypeVar

import attrs

from ._converter import converter
from ._descriptions import TypeDescription, describe
from ._errors import InvalidDataError, InvalidInputError, PharmaOutsourcingError
from ._io import load_partners, load_profile
from ._planning import compare_strategies, plan
from ._plans import SourcingPlan, Strategy, StrategyComparison
from ._profile import SponsorProfile
from ._ranking import Exclusion, Shortlist, Weights, rank
from ._reasons import plural
from ._recommend import Recommendation, recommend
from ._render import display as _display
from ._services import CATALOGUE, Service, ServiceCategory, ServiceInfo, services_of
from ._vocabulary import Criterion, OrganisationType, Phase

__all__ = ["main"]

WIDTH = 100
T = TypeVar("T")
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
    markdown: str | None = None  # a result type's own Markdown (from _display), if it has one


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


_SHORT_CRITERIA = {
    Criterion.STAGE_OF_DEVELOPMENT: "stage",
    Criterion.TECHNICAL_EXPERTISE: "expertise",
    Criterion.REGULATORY_TRACK_RECORD: "regulatory",
    Criterion.SCALABILITY: "scale",
    Criterion.GEOGRAPHIC_FOOTPRINT: "footprint",
    Criterion.CULTURAL_FIT: "fit",
}
"""Short column headers for the criteria; each is a spelling ``Criterion.parse`` accepts."""
_LEGEND = (
    "Scores from 0 to 1: stage of development, technical expertise, regulatory track record, "
    "scalability, geographic footprint, cultural fit and communication; the column names work "
    "in --weights, such as --weights regulatory=2."
)


def _title(profile: SponsorProfile) -> str:
    return profile.name or f"Profile at {profile.phase.value}"


def _why_excluded(exclusion: Exclusion) -> str:
    """An exclusion's reasons in short: each reason up to its detail after a colon.

    The library's reasons state the finding before a colon and the detail after it
    ("does not offer 2 of the 9 services it is ranked for: ..."); the JSON and Markdown
    outputs carry them in full.
    """
    return "; ".join(reason.text.partition(": ")[0] for reason in exclusion.reasons)


def shortlist_document(
    shortlist: Shortlist,
    title: str,
    services: frozenset[Service],
    *,
    top: int | None = None,
    note: str = "",
) -> tuple[Block, ...]:
    """The document for a :class:`Shortlist` ranked for ``services``.

    A table of scores, the partners excluded and why (in short; the full reasons are in
    the JSON output), then the reasons of the leader, or of each of the first ``top``
    partners when ``top`` is given; ``top`` also limits the rows of the table of scores.
    """
    ranked = shortlist.ranked if top is None else shortlist.ranked[:top]
    blocks: list[Block] = [
        Heading(f"{title}: {len(shortlist.ranked)} ranked, {len(shortlist.excluded)} excluded")
    ]
    if note:
        blocks.append(Paragraph(note))
    if ranked:
        blocks.append(
            Table(
                ("#", "partner", "type", "score", *_SHORT_CRITERIA.values()),
                tuple(
                    (
                        str(position),
                        assessment.partner.name,
                        assessment.partner.organisation_type.value.upper(),
                        f"{assessment.score:.2f}",
                        *(f"{assessment.scores[c]:.2f}" for c in _SHORT_CRITERIA),
                    )
                    for position, assessment in enumerate(ranked, start=1)
                ),
            )
        )
        hidden = len(shortlist.ranked) - len(ranked)
        more = f" {plural(hidden, 'more partner')} ranked, not shown." if hidden else ""
        blocks.append(Paragraph(_LEGEND + more))
    else:
        blocks.append(Paragraph("No partner meets the hard requirements."))
    if shortlist.excluded:
        blocks.append(
            Table(
                ("excluded", "why"),
                tuple((e.partner.name, _why_excluded(e)) for e in shortlist.excluded),
            )
        )
    for position, assessment in enumerate(ranked[: 1 if top is None else top], start=1):
        blocks.append(
            Heading(f"Why #{position}, {assessment.partner.name}, scores {assessment.score:.2f}")
        )
        blocks.append(
            Table(
                ("criterion", "score", "reason"),
                tuple(
                    (short, f"{assessment.scores[c]:.2f}", assessment.reasons[c].text)
                    for c, short in _SHORT_CRITERIA.items()
                ),
            )
        )
    return tuple(blocks)


def _short_services(services: Iterable[Service]) -> str:
    """Services in short form: how many of each area of work (``5 clinical, 2 data``)."""
    counts: dict[ServiceCategory, int] = {}
    for service in services:
        counts[service.category] = counts.get(service.category, 0) + 1
    return ", ".join(f"{counts[area]} {area.value}" for area in ServiceCategory if area in counts)


def plan_document(sourcing: SourcingPlan, title: str) -> tuple[Block, ...]:
    """The document for a :class:`SourcingPlan`: a block per phase, then the handoffs."""
    handoffs, transfers = sourcing.handoffs, sourcing.tech_transfers
    blocks: list[Block] = [
        Heading(
            f"{title}: {sourcing.strategy.value} plan, {plural(len(handoffs), 'handoff')}, "
            f"{plural(len(transfers), 'technology transfer')}"
        )
    ]
    blocks.extend(Paragraph(reason.text) for reason in sourcing.reasons)
    for step in sourcing.steps:
        if not step.assignments:
            blocks.append(Heading(f"{step.phase.value}: nothing to outsource"))
            continue
        blocks.append(Heading(f"{step.phase.value}: {plural(len(step.assignments), 'service')}"))
        blocks.append(
            Table(
                ("engaged", "services"),
                tuple(
                    (engagement.label, _short_services(step.services_for(engagement)))
                    for engagement in step.organisations
                ),
            )
        )
        # Why each partner was chosen (reasons tied to a criterion); the services needed
        # are in the table above, in short form.
        chosen = [reason.text for reason in step.reasons if reason.criterion is not None]
        if chosen:
            blocks.append(Paragraph(" ".join(chosen)))
    if handoffs:
        blocks.append(
            Heading(
                f"Handoffs ({len(handoffs)}), of which "
                f"{plural(len(transfers), 'technology transfer')}"
            )
        )
        blocks.append(
            Table(
                ("phase", "kind", "why"),
                tuple(
                    (
                        handoff.phase.value,
                        "tech transfer" if handoff.is_tech_transfer else handoff.kind.value,
                        handoff.reason.text,
                    )
                    for handoff in handoffs
                ),
            )
        )
    else:
        blocks.append(Paragraph("No handoffs: each area of work stays with one organisation."))
    return tuple(blocks)


def comparison_document(comparison: StrategyComparison, title: str) -> tuple[Block, ...]:
    """The document for a :class:`StrategyComparison`: the saving, then both plans."""
    integrated, specialist = comparison.integrated, comparison.specialist
    summary = (
        f"One CDMO: {plural(len(integrated.handoffs), 'handoff')} and "
        f"{plural(len(integrated.tech_transfers), 'technology transfer')}; specialists: "
        f"{plural(len(specialist.handoffs), 'handoff')} and "
        f"{plural(len(specialist.tech_transfers), 'technology transfer')}. "
        f"Preferred for this profile: {comparison.preferred.value}."
    )
    return (
        Heading(f"{title}: integrated or specialists"),
        Paragraph(summary),
        *plan_document(integrated, "Integrated"),
        *plan_document(specialist, "Specialist"),
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


class _ProblemsError(PharmaOutsourcingError):
    """Several problems with the command's input, reported together."""

    def __init__(self, errors: Sequence[Exception]) -> None:
        self.errors = tuple(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


class _Checks:
    """Runs each reading or parsing step, keeping every failure to report them all at once."""

    def __init__(self) -> None:
        self.errors: list[Exception] = []

    def run(self, step: Callable[[], T]) -> T | None:
        try:
            return step()
        except (PharmaOutsourcingError, OSError) as error:
            self.errors.append(error)
            return None

    def done(self) -> None:
        if self.errors:
            raise _ProblemsError(self.errors)


def _weights(items: Sequence[str]) -> Weights | None:
    """``--weights`` as :class:`Weights`; criteria not named keep their weight of 1."""
    if not items:
        return None
    return Weights(values={**dict.fromkeys(Criterion, 1.0), **parse_weights(items)})


def _top(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise InvalidInputError(
            field="--top",
            value=text,
            problem="is not a count of rows",
            allowed="a whole number, 1 or more",
        )
    return number


def _add_weights(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--weights",
        metavar="CRITERION=NUMBER",
        nargs="+",
        action="extend",
        default=[],
        help=(
            "how much a selection criterion counts, such as expertise=2 or 'cultural fit=0.5' "
            "(criteria not named keep a weight of 1)"
        ),
    )


def _add_rank(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("profile", metavar="PROFILE", help="a sponsor profile (.toml or .json)")
    parser.add_argument(
        "partners", metavar="PARTNERS", help="candidate partners (.csv, .json or .toml)"
    )
    _add_weights(parser)
    parser.add_argument(
        "--top", metavar="N", help="show the first N ranked partners, and the reasons for each"
    )
    parser.add_argument(
        "--role",
        metavar="TYPE",
        help=(
            "rank for the services the profile needs that this type provides (cro, cmo "
            "or cdmo) instead of every service the profile needs"
        ),
    )


def _run_rank(arguments: argparse.Namespace) -> _Output:
    checks = _Checks()
    profile = checks.run(lambda: load_profile(arguments.profile))
    partners = checks.run(lambda: load_partners(arguments.partners))
    weights = checks.run(lambda: _weights(arguments.weights))
    top = checks.run(lambda: _top(arguments.top))
    role = checks.run(lambda: _role(arguments.role))
    checks.done()
    assert profile is not None  # checked: no error was raised
    assert partners is not None
    if role is None:
        services = profile.needed_services
        note = f"Ranked for the {plural(len(services), 'service')} the profile needs."
    else:
        services = profile.needed_services & services_of(role)
        if not services:
            needed = profile.needed_services
            raise InvalidInputError(
                field="--role",
                value=role.value,
                problem="provides none of the services the profile needs",
                allowed=", ".join(t.value for t in OrganisationType if services_of(t) & needed),
            )
        label = role.value.upper()
        note = (
            f"Ranked for the {plural(len(services), 'service')} the profile needs from a {label}."
        )
    shortlist = rank(profile, partners, weights=weights, services=services)
    shown = shortlist if top is None else attrs.evolve(shortlist, ranked=shortlist.ranked[:top])
    title = _title(profile)
    markdown = "\n\n".join(
        [
            f"## {title}",
            note,
            _display.shortlist_markdown(shown),
            *(_display.assessment_markdown(a) for a in shown.ranked[: top or 1]),
        ]
    )
    return _Output(
        converter.unstructure(shown),
        shortlist_document(shortlist, title, frozenset(services), top=top, note=note),
        markdown,
    )


def _role(text: str | None) -> OrganisationType | None:
    return None if text is None else OrganisationType.parse(text, field="--role")


def _strategy(text: str | None) -> Strategy | None:
    return None if text is None else Strategy.parse(text, field="--strategy")


def _add_plan(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("profile", metavar="PROFILE", help="a sponsor profile (.toml or .json)")
    how = parser.add_mutually_exclusive_group()
    how.add_argument(
        "--strategy",
        help="integrated (one CDMO) or specialist (CROs and CMOs); default: as recommended",
    )
    how.add_argument(
        "--compare", action="store_true", help="plan both ways and show what one CDMO saves"
    )
    parser.add_argument(
        "--partners",
        metavar="PARTNERS",
        help="candidate partners (.csv, .json or .toml) to name in the plan",
    )
    _add_weights(parser)


def _run_plan(arguments: argparse.Namespace) -> _Output:
    checks = _Checks()
    profile = checks.run(lambda: load_profile(arguments.profile))
    partners = (
        checks.run(lambda: load_partners(arguments.partners))
        if arguments.partners is not None
        else None
    )
    weights = checks.run(lambda: _weights(arguments.weights))
    strategy = checks.run(lambda: _strategy(arguments.strategy))
    checks.done()
    assert profile is not None  # checked: no error was raised
    title = _title(profile)
    if arguments.compare:
        comparison = compare_strategies(profile, partners=partners, weights=weights)
        return _Output(
            converter.unstructure(comparison),
            comparison_document(comparison, title),
            f"## {title}\n\n{_display.comparison_markdown(comparison)}",
        )
    sourcing = plan(profile, strategy=strategy, partners=partners, weights=weights)
    return _Output(
        converter.unstructure(sourcing),
        plan_document(sourcing, title),
        f"## {title}\n\n{_display.plan_markdown(sourcing)}",
    )


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
    "rank": _Command(
        "rank candidate partners for a sponsor profile on the six criteria",
        "Rank the candidate partners of a CSV, JSON or TOML file for a profile: a table of "
        "scores, the partners excluded and why, and the reasons for the leader (or the top N). "
        "With --format json, the shortlist as the library's converter writes it "
        "(converter.structure(data, Shortlist) reads it back); with --top, its first N ranked.",
        _add_rank,
        _run_rank,
    ),
    "plan": _Command(
        "who is engaged in each phase up to the horizon, with handoffs and transfers",
        "Plan the programme's sourcing phase by phase: the organisations engaged and their "
        "services, then every handoff and technology transfer with its reason. With "
        "--partners, each role is filled by the candidate rank() puts first.",
        _add_plan,
        _run_plan,
    ),
}

_EPILOG = """\
examples:
  pharma-outsourcing recommend examples/phase1-biotech.toml
  pharma-outsourcing recommend examples/commercial-product.toml --format markdown
  pharma-outsourcing describe cdmo
  pharma-outsourcing services --phase "phase 2" --type cro --format json
  pharma-outsourcing rank examples/phase1-biotech.toml examples/partners.csv --top 3
  pharma-outsourcing rank examples/phase3-company-with-plant.toml examples/partners.json \
      --role cro --weights "track record=3" expertise=2
  pharma-outsourcing plan examples/phase1-biotech.toml --partners examples/partners.csv
  pharma-outsourcing plan examples/phase1-biotech.toml --compare --format markdown
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
    if isinstance(error, _ProblemsError):
        return [line for each in error.errors for line in _problems(each)]
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
        text = json.dumps(output.data, indent=2, ensure_ascii=False)
    elif arguments.format == "markdown" and output.markdown is not None:
        text = output.markdown
    else:
        text = render(output.document, arguments.format)
    try:
        print(text, flush=True)
    except BrokenPipeError:
        # The reader stopped early (``| head``): say nothing more, as the Python docs advise
        # (https://docs.python.org/3/library/signal.html#note-on-sigpipe).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0
