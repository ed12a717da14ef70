# PYTHON_ARGCOMPLETE_OK  (argcomplete's marker: it looks for it in the entry point's module)
"""The command line: ``pharma-outsourcing`` and ``python -m pharma_outsourcing``.

Each subcommand is a :class:`_Command`: a function adding its arguments, a function
turning the parsed arguments into an :class:`_Output` (ways to write the result: as
plain data for ``--format json``, as its document, see
:mod:`pharma_outsourcing._render.document`, for ``text`` and ``markdown``), and its
examples. Everything about layout lives in :mod:`pharma_outsourcing._render`; this
module reads arguments, runs commands and writes their output, within the terminal's
width. A new subcommand is a document, a ``run`` function and one entry in
:data:`_COMMANDS`.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import json
import math
import os
import shlex
import shutil
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO, TypeVar

import attrs

from ._criteria import Basis
from ._descriptions import describe
from ._errors import (
    InvalidDataError,
    InvalidInputError,
    MissingFieldError,
    PharmaOutsourcingError,
    nearest,
)
from ._partners import Partner
from ._planning import compare_strategies, plan
from ._plans import Strategy
from ._profile import SponsorProfile
from ._ranking import Exclusion, Shortlist, Weights, rank
from ._reasons import plural
from ._recommend import recommend
from ._records.fda import ProductType, load_fda_export
from ._records.match import RecordMatch, match_records
from ._records.record import PublicRecord
from ._render import document, markdown, text
from ._render.document import Document, Paragraph
from ._render.labels import profile_summary, profile_title, ranked_for
from ._screening import GMP_EVIDENCE_YEARS
from ._serialise.converter import Converter, converter
from ._serialise.files import dump_partners, load_partners, load_profile
from ._services import CATALOGUE, Service, ServiceInfo, services_of
from ._vocabulary import Criterion, OrganisationType, Phase

__all__ = [
    "MAX_WIDTH",
    "MIN_WIDTH",
    "SLOW",
    "Progress",
    "main",
    "naming_converter",
    "parse_weights",
    "spread_weights",
    "width",
]

T = TypeVar("T")

MIN_WIDTH, MAX_WIDTH = 60, 160
"""The narrowest and widest text output, in columns, whatever the terminal's width."""

SLOW = 1.0
"""Seconds after which a step (loading, ranking, writing) is said on standard error."""


@attrs.frozen
class _Output:
    """A command's result, ready to be written in each format (each only when asked)."""

    data: Callable[[Converter], object]  # for --format json, with the converter given
    document: Callable[[], Document]  # for text, and for Markdown unless markdown is given
    markdown: Callable[[], str] | None = None  # the result's own Markdown (as a notebook's)


@attrs.frozen
class _Command:
    """A subcommand: its help, examples, arguments and run; or a group of subcommands.

    A group (``records``) has ``actions`` of its own, each a command (``records match``),
    and no run.
    """

    help: str
    description: str
    examples: tuple[str, ...]
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Progress], _Output] | None = None
    actions: dict[str, _Command] = attrs.field(factory=dict)


# --- the terminal ----------------------------------------------------------------------


def width() -> int:
    """The width text output fits in: the terminal's, within 60 to 160 columns.

    ``COLUMNS`` is honoured, as :func:`shutil.get_terminal_size` reads it; output that
    goes to no terminal (a pipe, a file) is 100 columns wide, as it always was.

    Example:
        >>> MIN_WIDTH <= width() <= MAX_WIDTH
        True
    """
    columns = shutil.get_terminal_size((text.WIDTH, 24)).columns
    return min(max(columns, MIN_WIDTH), MAX_WIDTH)


class Progress:
    """Says on a stream what a slow step did: ``Loading partners.csv ... 100,000 partners``.

    A step still running after ``after`` seconds is announced then (by a timer thread),
    and its line finished, with what it did and how long it took, when it ends; a
    quicker step says nothing, and so does every step when there is no stream (the
    command line gives it standard error only when that is a terminal, so a pipe or a
    test's captured output never sees it).

    Example:
        >>> import io
        >>> said = io.StringIO()
        >>> steps = Progress(said, after=0.0)
        >>> steps.run("Counting", lambda: time.sleep(0.2) or 3, lambda n: f"{n} things")
        3
        >>> print(said.getvalue(), end="")
        Counting ... 3 things (... s)
    """

    def __init__(self, stream: TextIO | None, *, after: float = SLOW) -> None:
        self.stream = stream
        self.after = after

    def run(self, doing: str, step: Callable[[], T], done: Callable[[T], str]) -> T:
        """``step()``, said as ``doing`` and then ``done(result)`` if it takes long."""
        stream = self.stream
        if stream is None:
            return step()
        lock = threading.Lock()
        announced = finished = False

        def say(words: str) -> None:
            with contextlib.suppress(OSError, ValueError):  # a closed stream: nothing said
                stream.write(words)
                stream.flush()

        def announce() -> None:
            nonlocal announced
            with lock:
                if not finished:
                    say(f"{doing} ...")
                    announced = True

        timer = threading.Timer(self.after, announce)
        timer.daemon = True
        started = time.perf_counter()
        timer.start()
        ending = ""
        try:
            result = step()
            ending = f" {done(result)} ({time.perf_counter() - started:.1f} s)"
        finally:
            timer.cancel()
            with lock:
                finished = True
                if announced:  # the line is finished even when the step failed
                    say(ending + "\n")
        return result


def _terminal(stream: TextIO) -> TextIO | None:
    """``stream`` if it is a terminal, else ``None``."""
    try:
        return stream if stream.isatty() else None
    except (AttributeError, ValueError):  # replaced, or closed
        return None


def _count(items: Sequence[object], noun: str) -> str:
    return f"{len(items):,} {noun}" + ("" if len(items) == 1 else "s")


def _kept(value: T) -> T:
    """``value``, which the run keeps to its end, frozen out of the collector's passes.

    Otherwise the cyclic garbage collector walks every partner loaded (and every
    assessment) again at each full pass of the run, finding nothing to free: with 100,000
    candidates, seconds (:func:`gc.freeze` is Python's way to say so; ``main`` unfreezes
    them before it returns).
    """
    gc.freeze()
    return value


def _load_partners(path: str, steps: Progress) -> tuple[Partner, ...]:
    return _kept(
        steps.run(f"Loading {path}", lambda: load_partners(path), lambda ps: _count(ps, "partner"))
    )


# --- recommend, describe, services -------------------------------------------------------


def _with_profile(profile: SponsorProfile, shown: Document) -> Document:
    """``shown`` with the profile's pathway and scope, when it has them, under its heading."""
    summary = profile_summary(profile)
    return (shown[0], Paragraph(summary), *shown[1:]) if summary else shown


def _add_profile(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("profile", metavar="PROFILE", help="a sponsor profile (.toml or .json)")


def _run_recommend(arguments: argparse.Namespace, _steps: Progress) -> _Output:
    profile = load_profile(arguments.profile)
    result = recommend(profile)
    return _Output(
        lambda written: written.unstructure(result),
        lambda: _with_profile(
            profile, document.recommendation_document(result, profile_title(profile))
        ),
    )


def _completes(action: argparse.Action, values: Sequence[str]) -> None:
    """Offer ``values`` when the shell completes ``action``'s value (with argcomplete)."""
    action.completer = lambda **_: values  # type: ignore[attr-defined]  # argcomplete reads it


_TYPES = tuple(t.value for t in OrganisationType)


def _add_describe(parser: argparse.ArgumentParser) -> None:
    _completes(
        parser.add_argument("type", metavar="TYPE", help="cro, cmo or cdmo (or a spelling of one)"),
        _TYPES,
    )


def _run_describe(arguments: argparse.Namespace, _steps: Progress) -> _Output:
    result = describe(OrganisationType.parse(arguments.type, field="TYPE"))
    return _Output(
        lambda written: written.unstructure(result),
        lambda: document.description_document(result),
    )


def _add_services(parser: argparse.ArgumentParser) -> None:
    _completes(
        parser.add_argument("--phase", help="only services typically bought in this phase"),
        tuple(p.value for p in Phase),
    )
    _completes(
        parser.add_argument("--type", help="only services this organisation type provides"),
        _TYPES,
    )


def _run_services(arguments: argparse.Namespace, _steps: Progress) -> _Output:
    infos = list(CATALOGUE.values())
    if arguments.phase is not None:
        phase = Phase.parse(arguments.phase, field="--phase")
        infos = [info for info in infos if phase in info.phases]
    if arguments.type is not None:
        offered = services_of(OrganisationType.parse(arguments.type, field="--type"))
        infos = [info for info in infos if info.service in offered]

    def data(written: Converter) -> object:
        unstructure = written.get_unstructure_hook(ServiceInfo)
        return [unstructure(info) for info in infos]

    return _Output(data, lambda: document.services_document(infos))


# --- weights and numbers -----------------------------------------------------------------


def parse_weights(items: Sequence[str]) -> dict[Criterion, float]:
    """``["expertise=2", "scale=0.5"]`` -> criterion weights, for ``--weight``.

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
                    field="--weight",
                    value=item,
                    problem="is not criterion=number",
                    allowed="criterion=number, such as expertise=2",
                )
            )
            continue
        try:
            criterion = Criterion.parse(name.strip(), field="--weight")
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
                    field=f"--weight {criterion.value}",
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


def spread_weights(argv: Sequence[str]) -> list[str]:
    """``--weights a=1 b=2`` as ``--weight a=1 --weight b=2``, so positionals stay positional.

    ``--weights`` (0.1's spelling) takes the words after it that hold an ``=`` and do not
    start with ``-``; when none does, the one word after it, whatever it is (so that
    ``--weights expertise`` is told it is not ``criterion=number``). Everything after
    ``--`` is left alone.

    Example:
        >>> spread_weights(["rank", "--weights", "scale=2", "fit=0", "p.toml", "c.csv"])
        ['rank', '--weight', 'scale=2', '--weight', 'fit=0', 'p.toml', 'c.csv']
        >>> spread_weights(["plan", "p.toml", "--weights", "scale"])
        ['plan', 'p.toml', '--weight', 'scale']
    """
    spread: list[str] = []
    index = 0
    while index < len(argv):
        word = argv[index]
        index += 1
        if word == "--":
            spread += argv[index - 1 :]
            break
        if word.startswith("--weights="):
            spread += ["--weight", word.removeprefix("--weights=")]
            continue
        if word != "--weights":
            spread.append(word)
            continue
        items: list[str] = []
        while index < len(argv) and "=" in argv[index] and not argv[index].startswith("-"):
            items.append(argv[index])
            index += 1
        if not items and index < len(argv) and not argv[index].startswith("-"):
            items.append(argv[index])  # not criterion=number: parse_weights says so
            index += 1
        spread += [part for item in items for part in ("--weight", item)] if items else [word]
    return spread


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
    """``--weight`` as :class:`Weights`; criteria not named keep their weight of 1."""
    if not items:
        return None
    return Weights(values={**dict.fromkeys(Criterion, 1.0), **parse_weights(items)})


def _rows_of(option: str) -> Callable[[str | None], int | None]:
    """A reader of an option's count of rows, 1 or more (``None`` when it is not given)."""

    def read(given: str | None) -> int | None:
        if given is None:
            return None
        try:
            number = int(given)
        except ValueError:
            number = 0
        if number < 1:
            raise InvalidInputError(
                field=option,
                value=given,
                problem="is not a count of rows",
                allowed="a whole number, 1 or more",
            )
        return number

    return read


_top = _rows_of("--top")
_rows = _rows_of("--rows")
_explain = _rows_of("--explain")


def _whole_number(option: str, allowed: str) -> Callable[[str | None], int | None]:
    """A reader of an option's whole number (``None`` when the option is not given)."""

    def read(given: str | None) -> int | None:
        if given is None:
            return None
        if not given.strip().isdigit():
            raise InvalidInputError(
                field=option, value=given, problem="is not a whole number", allowed=allowed
            )
        return int(given)

    return read


_as_of = _whole_number("--as-of", "a year, such as 2026")
_evidence_years = _whole_number("--gmp-evidence-years", "a number of years, such as 3")


def _add_weights(parser: argparse.ArgumentParser) -> None:
    weight = parser.add_argument(
        "--weight",
        metavar="CRITERION=NUMBER",
        action="append",
        dest="weights",
        default=[],
        help=(
            "how much a selection criterion counts, such as expertise=2 or 'cultural fit=0.5'; "
            "repeat it for several (criteria not named keep a weight of 1)"
        ),
    )
    _completes(weight, tuple(f"{c.value}=" for c in Criterion))
    parser.add_argument(
        "--weights",
        metavar="CRITERION=NUMBER",
        nargs="+",
        action="extend",
        dest="weights",
        help=(
            "several weights at once, as in 0.1: --weights expertise=2 regulatory=3 (it takes "
            "the words with an '=' after it, so the files may follow)"
        ),
    )


# --- public records ------------------------------------------------------------------------

_EXPORT_HELP = (
    "an FDA export, as downloaded (.csv, or .xlsx with the xlsx extra): the Data Dashboard's "
    "inspections or the warning-letter listing, told apart by its header"
)
_PRODUCT_TYPES = tuple(t.value for t in ProductType)


def _product_types(given: Sequence[str]) -> tuple[ProductType, ...]:
    """``--product-type`` as product types (drugs and biologics when none is given).

    Every value is checked; all problems are raised together.
    """
    if not given:
        return (ProductType.DRUGS, ProductType.BIOLOGICS)
    kept: list[ProductType] = []
    problems: list[InvalidInputError] = []
    for word in given:
        try:
            kept.append(ProductType.parse(word, field="--product-type"))
        except InvalidInputError as error:
            problems.append(error)
    if problems:
        raise InvalidDataError(problems)
    return tuple(dict.fromkeys(kept))


def _read_exports(
    paths: Sequence[str], kept: Sequence[ProductType], steps: Progress, checks: _Checks
) -> list[PublicRecord]:
    """The records of every export in ``paths``, each file's problems kept in ``checks``."""

    def read(path: str) -> tuple[PublicRecord, ...]:
        return steps.run(
            f"Reading {path}",
            lambda: load_fda_export(path, product_types=kept),
            lambda records: _count(records, "record"),
        )

    records: list[PublicRecord] = []
    for path in paths:
        records += checks.run(functools.partial(read, path)) or ()
    return _kept(records)


def _match(
    partners: Sequence[Partner], records: Sequence[PublicRecord], steps: Progress
) -> RecordMatch:
    return _kept(
        steps.run(
            f"Matching {_count(records, 'record')} to {_count(partners, 'partner')}",
            lambda: match_records(partners, records),
            lambda found: f"{_matched_count(found):,} matched",
        )
    )


def _matched_count(found: RecordMatch) -> int:
    return sum(len(records) for records in found.matched.values())


def _added(before: Sequence[Partner], found: RecordMatch) -> tuple[int, int]:
    """How many records the match added to the partners, and to how many partners.

    A record matched that a partner already held is not added again.
    """
    counts = [
        len(after.inspections) - len(partner.inspections)
        for partner, after in zip(before, found.partners, strict=True)
    ]
    return sum(counts), sum(1 for count in counts if count)


def _new_records(before: Sequence[Partner], found: RecordMatch) -> str:
    """What the records matched add to the partners: those they did not hold already."""
    added, receiving = _added(before, found)
    if not added:
        return "The partners held every record matched already: none is added."
    held = _matched_count(found) - added
    return (
        f"{plural(added, 'record')} {'is' if added == 1 else 'are'} new to "
        f"{plural(receiving, 'partner')}"
        + (f"; the partners held the other {held} already." if held else ".")
    )


def _match_note(before: Sequence[Partner], found: RecordMatch) -> str:
    """One line on what matching did, for ``rank --records`` and ``plan --records``."""
    matched = _matched_count(found)
    partners = sum(1 for records in found.matched.values() if records)
    added, _ = _added(before, found)
    return (
        f"records: {plural(matched, 'record')} matched to {plural(partners, 'partner')} "
        f"({added} new to them), {len(found.unmatched):,} unmatched, "
        f"{len(found.ambiguous):,} ambiguous, {plural(len(found.suggestions), 'suggestion')} "
        f"(pharma-outsourcing records match lists them)"
    )


def _with_records(
    partners: Sequence[Partner], records: Sequence[PublicRecord], steps: Progress
) -> tuple[Partner, ...]:
    """``partners`` with the records of ``--records`` matched to them, said on stderr."""
    found = _match(partners, records, steps)
    _report([_match_note(partners, found)])
    return found.partners


def _add_records_option(parser: argparse.ArgumentParser, before: str) -> None:
    parser.add_argument(
        "--records",
        metavar="EXPORT",
        action="append",
        default=[],
        help=(
            f"{_EXPORT_HELP}, whose records are matched to the partners {before} (repeat it "
            "for several); a line on stderr counts what was matched, and what was not"
        ),
    )


def _add_records_match(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "partners",
        metavar="PARTNERS",
        help="candidate partners (.csv, .json, .toml, or .xlsx with the xlsx extra)",
    )
    parser.add_argument(
        "exports", metavar="EXPORT", nargs="+", help=f"{_EXPORT_HELP}; several may be given"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help=(
            "write the partners, with the records matched added, to OUT (.csv, .json, .toml, "
            "or .xlsx with the xlsx extra, by its suffix): a partner file rank and plan read"
        ),
    )
    _completes(
        parser.add_argument(
            "--product-type",
            metavar="TYPE",
            action="append",
            dest="product_types",
            default=[],
            help=(
                "keep the inspections of this product type (repeat it for several; default: "
                "drugs and biologics), in FDA's words (Drugs, Biologics, Devices, "
                "Food/Cosmetics, Veterinary, Tobacco) or the library's"
            ),
        ),
        _PRODUCT_TYPES,
    )
    parser.add_argument(
        "--rows",
        metavar="N",
        help=(
            f"show at most N rows of each list (default: {_MATCH_ROWS}); --format json lists "
            "every record"
        ),
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help=(
            "with --format json, write each partner's whole record, not its name: the form "
            "converter.structure(data, RecordMatch) reads back"
        ),
    )


_MATCH_ROWS = 25  # rows of each list that records match shows, unless --rows says otherwise


def _output_file(given: str | None, exports: Sequence[str]) -> Path | None:
    """``-o``'s file: never one of the exports read, which are left as downloaded."""
    if given is None:
        return None
    out = Path(given)
    try:
        same = any(out.resolve() == Path(export).resolve() for export in exports)
    except (OSError, ValueError):  # no such place (a NUL in it): dump_partners says so
        same = False
    if same:
        raise InvalidInputError(
            field="-o",
            value=given,
            problem="is one of the exports read",
            allowed="another file: the exports are left as downloaded",
        )
    return out


def _run_records_match(arguments: argparse.Namespace, steps: Progress) -> _Output:
    checks = _Checks()
    partners = checks.run(lambda: _load_partners(arguments.partners, steps))
    kept = checks.run(lambda: _product_types(arguments.product_types))
    rows = checks.run(lambda: _rows(arguments.rows))
    out = checks.run(lambda: _output_file(arguments.output, arguments.exports))
    records = _read_exports(arguments.exports, kept or _product_types(()), steps, checks)
    checks.done()
    assert partners is not None  # checked: no error was raised
    found = _match(partners, records, steps)
    said = [Paragraph(_new_records(partners, found))] if _matched_count(found) else []
    if out is not None:
        steps.run(
            f"Writing {out}",
            lambda: dump_partners(found.partners, out),
            lambda _: _count(found.partners, "partner"),
        )
        said.append(
            Paragraph(
                f"Written to {out}: the {_count(found.partners, 'partner')}, with the "
                "records new to them added."
            )
        )
    title = f"Public records for {Path(arguments.partners).name}"
    more = " (--rows N shows more; --format json lists every record)"

    def shown() -> Document:
        blocks = document.record_match_document(
            found, title, rows=_MATCH_ROWS if rows is None else rows, more=more
        )
        return (blocks[0], *said, *blocks[1:])

    return _Output(lambda written: written.unstructure(found, RecordMatch), shown)


# --- rank ----------------------------------------------------------------------------------


def _add_rank(parser: argparse.ArgumentParser) -> None:
    _add_profile(parser)
    parser.add_argument(
        "partners",
        metavar="PARTNERS",
        help="candidate partners (.csv, .json, .toml, or .xlsx with the xlsx extra)",
    )
    _add_weights(parser)
    parser.add_argument(
        "--top",
        metavar="N",
        help=(
            "show the first N ranked partners and the first N excluded, with the rest "
            "counted by the rule each fails first"
        ),
    )
    parser.add_argument(
        "--explain",
        metavar="N",
        help=(
            "give the reasons behind each score for the first N partners shown "
            "(default: 1, the leader)"
        ),
    )
    _completes(
        parser.add_argument(
            "--role",
            metavar="TYPE",
            help=(
                "rank for the services the profile needs that this type provides (cro, cmo "
                "or cdmo) instead of every service the profile needs"
            ),
        ),
        _TYPES,
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
    _add_records_option(parser, "before ranking")
    parser.add_argument(
        "--full",
        action="store_true",
        help=(
            "with --format json, write each partner's whole record, not its name: the form "
            "converter.structure(data, Shortlist) reads back"
        ),
    )


def _role_services(profile: SponsorProfile, role: OrganisationType | None) -> frozenset[Service]:
    """The services ``rank --role`` ranks for: those the profile needs that ``role`` provides."""
    needed = profile.needed_services
    if role is None:
        return needed
    services = needed & services_of(role)
    if not services:
        raise InvalidInputError(
            field="--role",
            value=role.value,
            problem="provides none of the services the profile needs",
            allowed=", ".join(t.value for t in OrganisationType if services_of(t) & needed),
        )
    return services


def _first_rules(basis: Basis) -> Callable[[Exclusion], str]:
    """What an excluded partner fails first, in a few words (``"GMP evidence"``)."""
    first_failure = basis.requirements.first_failure

    def rule_of(exclusion: Exclusion) -> str:
        failure = first_failure(exclusion.partner)
        return "no rule" if failure is None else failure.rule  # always a failure: excluded

    return rule_of


def _run_rank(arguments: argparse.Namespace, steps: Progress) -> _Output:
    checks = _Checks()
    profile = checks.run(lambda: load_profile(arguments.profile))
    partners = checks.run(lambda: _load_partners(arguments.partners, steps))
    weights = checks.run(lambda: _weights(arguments.weights))
    top = checks.run(lambda: _top(arguments.top))
    explain = checks.run(lambda: _explain(arguments.explain))
    role = checks.run(lambda: _role(arguments.role))
    as_of = checks.run(lambda: _as_of(arguments.as_of))
    years = checks.run(lambda: _evidence_years(arguments.gmp_evidence_years))
    records = _read_exports(arguments.records, _product_types(()), steps, checks)
    checks.done()
    assert profile is not None  # checked: no error was raised
    assert partners is not None
    if arguments.records:
        partners = _with_records(partners, records, steps)
    services = _role_services(profile, role)
    evidence_years = GMP_EVIDENCE_YEARS if years is None else years
    shortlist = _kept(
        steps.run(
            f"Ranking {_count(partners, 'partner')}",
            lambda: rank(
                profile,
                partners,
                weights=weights,
                services=services,
                as_of=as_of,
                gmp_evidence_years=evidence_years,
            ),
            lambda done: f"{len(done.ranked):,} ranked, {len(done.excluded):,} excluded",
        )
    )
    shown = shortlist if top is None else attrs.evolve(shortlist, ranked=shortlist.ranked[:top])
    title, note = profile_title(profile), ranked_for(len(services), role)
    said = "\n\n".join(filter(None, (profile_summary(profile), note)))  # Markdown paragraphs
    basis = Basis(
        profile=profile,
        services=services,
        as_of=shortlist.as_of,
        gmp_evidence_years=evidence_years,
    )  # what rank judged against, to say what each partner not listed fails first
    return _Output(
        lambda written: written.unstructure(shown, Shortlist),
        lambda: _with_profile(
            profile,
            document.shortlist_document(
                shortlist,
                title,
                top=top,
                explain=explain or 1,
                note=note,
                rule_of=_first_rules(basis),
            ),
        ),
        lambda: markdown.shortlist_page(shown, title, note=said, explained=explain or 1),
    )


def _role(given: str | None) -> OrganisationType | None:
    return None if given is None else OrganisationType.parse(given, field="--role")


# --- plan ----------------------------------------------------------------------------------


def _strategy(given: str | None) -> Strategy | None:
    return None if given is None else Strategy.parse(given, field="--strategy")


_STRATEGY_HELP = (
    "integrated (one CDMO for all the outsourced work), cro-and-cdmo (a CRO for the "
    "research and clinical work and one CDMO for all the manufacturing, carried to "
    "commercial) or specialist (CROs and CMOs, chosen phase by phase); spellings such as "
    "'cdmo', 'cro and cdmo' or 'cro and cmo' work too. Default: the strategy recommend's "
    "rule gives for the profile"
)


def _add_plan(parser: argparse.ArgumentParser) -> None:
    _add_profile(parser)
    how = parser.add_mutually_exclusive_group()
    _completes(
        how.add_argument("--strategy", metavar="STRATEGY", help=_STRATEGY_HELP),
        tuple(s.value for s in Strategy),
    )
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
    _add_records_option(parser, "(of --partners) before planning")
    _add_weights(parser)


def _records_without_partners() -> None:
    raise MissingFieldError(
        field="--partners",
        problem="is missing, and --records needs it",
        allowed="--partners PARTNERS, the candidates the records of --records are matched to",
    )


def _run_plan(arguments: argparse.Namespace, steps: Progress) -> _Output:
    checks = _Checks()
    profile = checks.run(lambda: load_profile(arguments.profile))
    partners = (
        checks.run(lambda: _load_partners(arguments.partners, steps))
        if arguments.partners is not None
        else None
    )
    weights = checks.run(lambda: _weights(arguments.weights))
    strategy = checks.run(lambda: _strategy(arguments.strategy))
    records = _read_exports(arguments.records, _product_types(()), steps, checks)
    if arguments.records and arguments.partners is None:
        checks.run(_records_without_partners)
    checks.done()
    assert profile is not None  # checked: no error was raised
    if partners is not None and arguments.records:
        partners = _with_records(partners, records, steps)
    title, summary = profile_title(profile), profile_summary(profile)
    said = (summary,) if summary else ()
    among = "" if partners is None else f" with {_count(partners, 'candidate')}"
    if arguments.compare:
        comparison = steps.run(
            f"Planning three ways{among}",
            lambda: compare_strategies(profile, partners=partners, weights=weights),
            lambda done: f"{done.preferred.label} preferred",
        )
        return _Output(
            lambda written: written.unstructure(comparison),
            lambda: _with_profile(profile, document.comparison_document(comparison, title)),
            lambda: markdown.page(title, *said, markdown.comparison_markdown(comparison)),
        )
    sourcing = steps.run(
        f"Planning{among}",
        lambda: plan(profile, strategy=strategy, partners=partners, weights=weights),
        lambda done: f"{done.strategy.label} plan",
    )
    return _Output(
        lambda written: written.unstructure(sourcing),
        lambda: _with_profile(profile, document.plan_document(sourcing, title)),
        lambda: markdown.page(title, *said, markdown.plan_markdown(sourcing)),
    )


# --- the commands ------------------------------------------------------------------------


def _no_arguments(_parser: argparse.ArgumentParser) -> None:
    """A group of subcommands takes no arguments of its own."""


_RECORDS_EXAMPLES = (
    (
        "records match examples/partners.json docs/data/fda-inspections.csv "
        "docs/data/fda-warning-letters.csv"
    ),
    "records match examples/partners.csv docs/data/fda-inspections.csv -o enriched.csv --rows 5",
    (
        "records match examples/partners.json docs/data/fda-inspections.csv "
        "--product-type drugs --format json"
    ),
)

_COMMANDS: dict[str, _Command] = {
    "recommend": _Command(
        "which organisation types to engage for a sponsor profile, and why",
        "Print the organisation types to engage for a profile, the service each provides, "
        "and the reasons with their sources.",
        (
            "recommend examples/phase1-biotech.toml",
            "recommend examples/commercial-product.toml --format markdown",
        ),
        _add_profile,
        _run_recommend,
    ),
    "describe": _Command(
        "what a CRO, a CMO or a CDMO is",
        "Print the key differences for one organisation type.",
        ("describe cdmo", "describe 'contract research organisation' --format json"),
        _add_describe,
        _run_describe,
    ),
    "services": _Command(
        "the service catalogue, optionally for one phase or one type",
        "Print the services of the catalogue, with provider, framework, phases and deliverable.",
        ("services --phase 'phase 2' --type cro", "services --type cdmo --format json"),
        _add_services,
        _run_services,
    ),
    "rank": _Command(
        "rank candidate partners for a sponsor profile on the six criteria",
        "Rank the candidate partners of a CSV, JSON, TOML or Excel file for a profile: a "
        "table of scores, the partners excluded and why, and the reasons for the leader (or "
        "the top N). With --format json, the shortlist with each partner named rather than written "
        "out (with --top, its first N ranked, and every partner excluded); add --full for "
        "the form the library's converter reads back: converter.structure(data, Shortlist).",
        (
            "rank examples/phase1-biotech.toml examples/partners.csv --top 3",
            (
                "rank examples/phase3-company-with-plant.toml examples/partners.json "
                "--role cro --weight 'track record=3' --weight expertise=2"
            ),
            "rank examples/phase1-biotech.toml examples/partners.csv --format json --full",
        ),
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
        "--compare, the StrategyComparison) as the library's converter writes it and reads "
        "it back (partners are named in plans).",
        (
            "plan examples/phase1-biotech.toml --partners examples/partners.csv",
            "plan examples/phase1-biotech.toml --compare --format markdown",
            "plan examples/preclinical-virtual-biotech.toml --strategy specialist",
        ),
        _add_plan,
        _run_plan,
    ),
    "records": _Command(
        "match FDA's inspection and warning-letter exports to candidate partners",
        "The records regulators publish about firms' sites, as downloaded: 'records match' "
        "attaches each record of FDA's exports to the partner it belongs to, by FEI number "
        "and then by name, and lists what it could not attach. rank and plan take the "
        "exports too, with --records.",
        _RECORDS_EXAMPLES[:2],
        _no_arguments,
        actions={
            "match": _Command(
                "attach FDA's records to the partners they belong to, and say what is left",
                "Match the records of FDA's exports (the Data Dashboard's inspections, the "
                "warning-letter listing; each recognised by its header) to the candidate "
                "partners: by FEI number first, then by legal name (case, punctuation and "
                "legal forms such as Inc. or GmbH ignored), never by a guess. It prints the "
                "records matched to each partner, those matched by name (check them), the "
                "ambiguous ones (a record that fits several partners, attached to none), the "
                "suggestions (a close name, or a name match that the partner's FEI numbers or "
                "markets speak against: confirm them by hand) and the records left unmatched. "
                "With -o, it writes the partners with their records added. No record is not "
                "a clean record: FDA's exports leave out state and pre-approval inspections.",
                _RECORDS_EXAMPLES,
                _add_records_match,
                _run_records_match,
            ),
        },
    ),
}


_EXIT_STATUS = """\
exit status: 0 on success, 2 on bad input (one line per problem on stderr), 1 when the
output cannot be written (one line on stderr).
"""

_COMPLETION = """\
each command's --help shows its options and examples.

shell completion: pip install "pharma-outsourcing[completion]", then in bash or zsh
  eval "$(register-python-argcomplete pharma-outsourcing)"
"""


def _examples(commands: Sequence[str]) -> str:
    r"""The ``examples:`` section of a help: each command, continued with ``\\`` past 78 columns.

    An option stays on one line with its value.

    Example:
        >>> print(_examples(["describe cdmo"]), end="")
        examples:
          pharma-outsourcing describe cdmo
    """
    lines = ["examples:"]
    for command in commands:
        units: list[str] = []
        for word in shlex.split(command):
            quoted = shlex.quote(word)
            if units and units[-1].startswith("-") and " " not in units[-1] and word[:1] != "-":
                units[-1] += " " + quoted  # an option's value
            else:
                units.append(quoted)
        line = "  pharma-outsourcing"
        for unit in units:
            if len(line) + len(unit) + 3 > 78:
                lines.append(line + " \\")
                line = "     "
            line += " " + unit
        lines.append(line)
    return "\n".join(lines) + "\n"


class _VersionAction(argparse.Action):
    """``--version``: print the installed version and stop (read only when asked)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from . import __version__  # noqa: PLC0415 - importlib.metadata is slow to import

        print(f"{parser.prog} {__version__}")
        parser.exit()


def _described(description: str) -> str:
    """A subcommand's description wrapped as argparse wraps the options' help (to 100)."""
    return textwrap.fill(description, min(shutil.get_terminal_size().columns, 100) - 2)


def _parser() -> argparse.ArgumentParser:
    every = [command.examples[0] for command in _COMMANDS.values()]
    parser = argparse.ArgumentParser(
        prog="pharma-outsourcing",
        description="When to engage a CRO, a CMO or a CDMO, and why.",
        epilog="\n".join((_examples(every), _COMPLETION, _EXIT_STATUS)),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action=_VersionAction, help="print the version of pharma-outsourcing"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, command in _COMMANDS.items():
        _add_command(commands, name, command)
    return parser


def _add_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], name: str, command: _Command
) -> None:
    """Add ``command`` to ``commands`` as ``name``: its arguments, or its own subcommands."""
    sub = commands.add_parser(
        name,
        help=command.help,
        description=_described(command.description),
        epilog="\n".join((_examples(command.examples), _EXIT_STATUS)),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_arguments(sub)
    if command.actions:
        actions = sub.add_subparsers(dest="action", required=True, metavar="ACTION")
        for action, each in command.actions.items():
            _add_command(actions, action, each)
        return
    sub.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="output format (default: text)",
    )


def _run(arguments: argparse.Namespace) -> Callable[[argparse.Namespace, Progress], _Output]:
    """The run of the command ``arguments`` name (``records match``: the action's)."""
    command = _COMMANDS[arguments.command]
    if command.actions:
        command = command.actions[arguments.action]
    assert command.run is not None  # every command without actions has a run
    return command.run


def _autocomplete(parser: argparse.ArgumentParser) -> None:
    """Answer the shell's completion request, when argcomplete makes one (and is installed).

    argcomplete sets ``_ARGCOMPLETE`` for the command it runs to complete a line; any
    other run returns at once, without importing it.
    """
    if "_ARGCOMPLETE" not in os.environ:
        return
    try:
        import argcomplete  # noqa: PLC0415 - the optional completion extra
    except ImportError:
        return
    argcomplete.autocomplete(parser)  # writes the completions and exits


def _mistyped_command(argv: Sequence[str]) -> InvalidInputError | None:
    """The error for a word that is no subcommand, with the nearest one; else ``None``.

    The first word not starting with ``-`` is the subcommand (the program's own options
    take no value), and for a group of subcommands (``records``) the next such word is
    its action.
    """
    words = (word for word in argv if not word.startswith("-"))
    commands, field, kind = _COMMANDS, "COMMAND", "a command"
    for given in words:
        if given not in commands:
            return InvalidInputError(
                field=field,
                value=given,
                problem=f"is not {kind}",
                allowed=", ".join(commands),
                suggestion=nearest(given, commands),
            )
        if not commands[given].actions:
            return None
        commands, field, kind = commands[given].actions, "ACTION", f"a {given} command"
    return None


def _problems(error: Exception) -> list[str]:
    if isinstance(error, _ProblemsError):
        return [line for each in error.errors for line in _problems(each)]
    if isinstance(error, InvalidDataError):
        return error.lines()
    if isinstance(error, OSError):
        name = error.filename if error.filename is not None else "file"
        return [f"{name}: cannot be read: {error.strerror or error}"]
    return [str(error)]


@functools.cache
def naming_converter() -> Converter:
    """The library's converter, writing each partner as its name: ``rank``'s JSON.

    A shortlist of 100,000 candidates written in full repeats every partner record; the
    command line names them instead, unless ``--full`` asks for the form
    ``converter.structure`` reads back.

    Example:
        >>> from pharma_outsourcing import OrganisationType, Partner
        >>> cro = Partner(name="A", organisation_type=OrganisationType.CRO)
        >>> naming_converter().unstructure(cro)
        'A'
    """
    named = converter.copy()
    named.register_unstructure_hook(Partner, _name_of)
    return named


def _name_of(partner: Partner) -> str:
    return partner.name


def _written(output: _Output, arguments: argparse.Namespace) -> str:
    """The output in the format asked for, text within the terminal's width."""
    if arguments.format == "json":
        written = converter if getattr(arguments, "full", True) else naming_converter()
        return json.dumps(output.data(written), indent=2, ensure_ascii=False)
    if arguments.format == "markdown":
        if output.markdown is not None:
            return output.markdown()
        return markdown.document_markdown(output.document())
    return text.document_text(output.document(), width=width())


def main(argv: Sequence[str] | None = None, *, progress: TextIO | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    ``progress`` is where slow steps are said (default: standard error, when it is a
    terminal). What the run loads and ranks is frozen out of the garbage collector's
    passes while it runs (:func:`gc.freeze`), and unfrozen before it returns.

    Example:
        >>> main(["recommend", "examples/preclinical-virtual-biotech.toml"])  # doctest: +ELLIPSIS
        Virtual biotech (preclinical): engage CDMO, CRO
        ...
        0
    """
    parser = _parser()
    _autocomplete(parser)
    words = list(sys.argv[1:] if argv is None else argv)
    mistyped = _mistyped_command(words)
    if mistyped is not None:
        _report([str(mistyped)])
        return 2
    try:
        arguments = parser.parse_args(spread_weights(words))
    except SystemExit as stop:  # --help, --version, or argparse's own usage error
        return 0 if stop.code is None else stop.code if isinstance(stop.code, int) else 2
    steps = Progress(progress if progress is not None else _terminal(sys.stderr), after=SLOW)
    try:
        output = _run(arguments)(arguments, steps)
        written = steps.run(
            f"Writing the {arguments.format} output",
            lambda: _written(output, arguments),
            lambda done: _size(len(done.encode())),
        )
    except (PharmaOutsourcingError, OSError) as error:
        _report(_problems(error))
        return 2
    finally:
        gc.unfreeze()  # what _kept froze: the caller's collector as it was
    return _print(written)


def _size(count: int) -> str:
    """A number of bytes in kB or MB: ``1.2 MB``."""
    return f"{count / 1e6:,.1f} MB" if count >= 100_000 else f"{count / 1e3:.0f} kB"


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
