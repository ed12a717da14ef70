"""The command line: ``pharma-outsourcing`` and ``python -m pharma_outsourcing``.

Each subcommand is a :class:`_Command`: a function adding its arguments and a function
turning the parsed arguments into a :class:`_Output` (the result as plain data for
``--format json``, and its document, see :mod:`pharma_outsourcing._render.document`, for
``text`` and ``markdown``). Everything about layout lives in
:mod:`pharma_outsourcing._render`; this module reads arguments, runs commands and
writes their output. A new subcommand is a document, a ``run`` function and one line in
:data:`_COMMANDS`.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Callable, Sequence
from typing import Literal, TypeVar

import attrs

from ._descriptions import describe
from ._errors import InvalidDataError, InvalidInputError, PharmaOutsourcingError
from ._planning import compare_strategies, plan
from ._plans import Strategy
from ._profile import SponsorProfile
from ._ranking import Weights, rank
from ._recommend import recommend
from ._render import document, markdown, text
from ._render.document import Document, Paragraph
from ._render.labels import profile_summary, profile_title, ranked_for
from ._screening import GMP_EVIDENCE_YEARS
from ._serialise.converter import converter
from ._serialise.files import load_partners, load_profile
from ._services import CATALOGUE, ServiceInfo, services_of
from ._vocabulary import Criterion, OrganisationType, Phase

__all__ = ["main"]

T = TypeVar("T")
OutputFormat = Literal["text", "json", "markdown"]


@attrs.frozen
class _Output:
    data: object  # for --format json
    document: Document  # for text, and for Markdown unless the result has its own
    markdown: str | None = None  # the result's own Markdown (as a notebook shows it)


@attrs.frozen
class _Command:
    help: str
    description: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], _Output]


def _with_profile(profile: SponsorProfile, shown: Document) -> Document:
    """``shown`` with the profile's pathway and scope, when it has them, under its heading."""
    summary = profile_summary(profile)
    return (shown[0], Paragraph(summary), *shown[1:]) if summary else shown


def _add_recommend(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("profile", metavar="PROFILE", help="a sponsor profile (.toml or .json)")


def _run_recommend(arguments: argparse.Namespace) -> _Output:
    profile = load_profile(arguments.profile)
    result = recommend(profile)
    return _Output(
        converter.unstructure(result),
        _with_profile(profile, document.recommendation_document(result, profile_title(profile))),
    )


def _add_describe(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("type", metavar="TYPE", help="cro, cmo or cdmo (or a spelling of one)")


def _run_describe(arguments: argparse.Namespace) -> _Output:
    result = describe(OrganisationType.parse(arguments.type, field="TYPE"))
    return _Output(converter.unstructure(result), document.description_document(result))


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
    return _Output([unstructure(info) for info in infos], document.services_document(infos))


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


def _whole_number(option: str, allowed: str) -> Callable[[str | None], int | None]:
    """A reader of an option's whole number (``None`` when the option is not given)."""

    def read(text: str | None) -> int | None:
        if text is None:
            return None
        if not text.strip().isdigit():
            raise InvalidInputError(
                field=option, value=text, problem="is not a whole number", allowed=allowed
            )
        return int(text)

    return read


_as_of = _whole_number("--as-of", "a year, such as 2026")
_evidence_years = _whole_number("--gmp-evidence-years", "a number of years, such as 3")


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
        "partners",
        metavar="PARTNERS",
        help="candidate partners (.csv, .json, .toml, or .xlsx with the xlsx extra)",
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
    parser.add_argument(
        "--as-of",
        metavar="YEAR",
        help=(
            "the year records are dated from and GMP evidence counted back from (default: "
            "the latest year of any candidate's records)"
        ),
    )
    parser.add_argument(
        "--gmp-evidence-years",
        metavar="N",
        help=(
            "how many years before --as-of an inspection, certificate or audit still shows "
            f"GMP or GLP compliance (default: {GMP_EVIDENCE_YEARS})"
        ),
    )


def _run_rank(arguments: argparse.Namespace) -> _Output:
    checks = _Checks()
    profile = checks.run(lambda: load_profile(arguments.profile))
    partners = checks.run(lambda: load_partners(arguments.partners))
    weights = checks.run(lambda: _weights(arguments.weights))
    top = checks.run(lambda: _top(arguments.top))
    role = checks.run(lambda: _role(arguments.role))
    as_of = checks.run(lambda: _as_of(arguments.as_of))
    years = checks.run(lambda: _evidence_years(arguments.gmp_evidence_years))
    checks.done()
    assert profile is not None  # checked: no error was raised
    assert partners is not None
    services = profile.needed_services
    if role is not None:
        services = profile.needed_services & services_of(role)
        if not services:
            needed = profile.needed_services
            raise InvalidInputError(
                field="--role",
                value=role.value,
                problem="provides none of the services the profile needs",
                allowed=", ".join(t.value for t in OrganisationType if services_of(t) & needed),
            )
    shortlist = rank(
        profile,
        partners,
        weights=weights,
        services=services,
        as_of=as_of,
        gmp_evidence_years=GMP_EVIDENCE_YEARS if years is None else years,
    )
    shown = shortlist if top is None else attrs.evolve(shortlist, ranked=shortlist.ranked[:top])
    title, note = profile_title(profile), ranked_for(len(services), role)
    said = "\n\n".join(filter(None, (profile_summary(profile), note)))  # Markdown paragraphs
    return _Output(
        converter.unstructure(shown),
        _with_profile(profile, document.shortlist_document(shortlist, title, top=top, note=note)),
        markdown.shortlist_page(shown, title, note=said, explained=top or 1),
    )


def _role(text: str | None) -> OrganisationType | None:
    return None if text is None else OrganisationType.parse(text, field="--role")


def _strategy(text: str | None) -> Strategy | None:
    return None if text is None else Strategy.parse(text, field="--strategy")


_STRATEGY_HELP = (
    "integrated (one CDMO for all the outsourced work), cro-and-cdmo (a CRO for the "
    "research and clinical work and one CDMO for all the manufacturing, carried to "
    "commercial) or specialist (CROs and CMOs, chosen phase by phase); spellings such as "
    "'cdmo', 'cro and cdmo' or 'cro and cmo' work too. Default: the strategy recommend's "
    "rule gives for the profile"
)


def _add_plan(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("profile", metavar="PROFILE", help="a sponsor profile (.toml or .json)")
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--strategy", metavar="STRATEGY", help=_STRATEGY_HELP)
    how.add_argument(
        "--compare",
        action="store_true",
        help=(
            "plan all three ways (integrated, CRO and CDMO, specialist) and show what the "
            "first two save against the specialist plan"
        ),
    )
    parser.add_argument(
        "--partners",
        metavar="PARTNERS",
        help=(
            "candidate partners (.csv, .json, .toml, or .xlsx with the xlsx extra) to name in "
            "the plan; work no candidate qualifies for is shown as to be sourced"
        ),
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
    title, summary = profile_title(profile), profile_summary(profile)
    said = (summary,) if summary else ()
    if arguments.compare:
        comparison = compare_strategies(profile, partners=partners, weights=weights)
        return _Output(
            converter.unstructure(comparison),
            _with_profile(profile, document.comparison_document(comparison, title)),
            markdown.page(title, *said, markdown.comparison_markdown(comparison)),
        )
    sourcing = plan(profile, strategy=strategy, partners=partners, weights=weights)
    return _Output(
        converter.unstructure(sourcing),
        _with_profile(profile, document.plan_document(sourcing, title)),
        markdown.page(title, *said, markdown.plan_markdown(sourcing)),
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
        "Rank the candidate partners of a CSV, JSON, TOML or Excel file for a profile: a table of "
        "scores, the partners excluded and why, and the reasons for the leader (or the top N). "
        "With --format json, the shortlist as the library's converter writes it "
        "(converter.structure(data, Shortlist) reads it back); with --top, its first N ranked.",
        _add_rank,
        _run_rank,
    ),
    "plan": _Command(
        "who is engaged in each phase up to the horizon, with handoffs and transfers",
        "Plan the programme's sourcing phase by phase: the work the sponsor keeps in house, "
        "the organisations engaged and their services, then every handoff and technology "
        "transfer with its reason. With --partners, each role is filled by the candidate "
        "rank() puts first among those that pass screening, and work no candidate qualifies "
        "for is counted as to be sourced. With --format json, the SourcingPlan (with "
        "--compare, the StrategyComparison) as the library's converter writes it.",
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

exit status: 0 on success, 2 on bad input (one line per problem on stderr), 1 when the
output cannot be written (one line on stderr).
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
        Virtual biotech (preclinical): engage CDMO, CRO
        ...
        0
    """
    arguments = _parser().parse_args(argv)
    try:
        output = _COMMANDS[arguments.command].run(arguments)
    except (PharmaOutsourcingError, OSError) as error:
        _report(_problems(error))
        return 2
    if arguments.format == "json":
        written = json.dumps(output.data, indent=2, ensure_ascii=False)
    elif arguments.format == "markdown":
        written = output.markdown or markdown.document_markdown(output.document)
    else:
        written = text.document_text(output.document)
    return _print(written)


def _report(lines: Sequence[str]) -> None:
    for line in lines:
        print(f"pharma-outsourcing: {line}", file=sys.stderr)


def _print(output: str) -> int:
    """Write ``output`` to standard output; return 0, or 1 when it cannot be written.

    What stops the output is said in one line on standard error: a character the output's
    encoding lacks (the text is encoded whole, so nothing is written), or a failed write
    (a full disk). A reader that stops early (``| head``) is no error to report, as the
    Python docs advise (https://docs.python.org/3/library/signal.html#note-on-sigpipe).
    """
    stdout = sys.stdout
    try:
        # print writes the newline apart, and that matters: a write too large for the
        # buffer, cut short by the reader leaving, returns with no error (the rest is
        # dropped), and only the next write meets the closed pipe.
        print(output, file=stdout, flush=True)
    except UnicodeEncodeError as error:
        character = error.object[error.start]
        line = error.object.count("\n", 0, error.start) + 1
        problem = (
            f"standard output: {character!a} (U+{ord(character):04X}, line {line}) "
            f"cannot be written in its encoding, {error.encoding}; "
            "set PYTHONIOENCODING=utf-8 to write it"
        )
        _report([problem])
        return 1
    except OSError as error:
        # What stays in the buffer would fail again when Python flushes it at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())
        if not isinstance(error, BrokenPipeError):
            _report([f"standard output: cannot be written: {error.strerror or error}"])
        return 1
    return 0
