"""The command line: ``pharma-outsourcing`` and ``python -m pharma_outsourcing``."""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence

from ._errors import PharmaOutsourcingError
from ._io import load_profile
from ._recommend import Recommendation, recommend

__all__ = ["main"]

_EPILOG = """\
examples:
  pharma-outsourcing recommend examples/phase1-biotech.toml
  python -m pharma_outsourcing recommend examples/commercial-product.toml
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pharma-outsourcing",
        description="When to engage a CRO, a CMO or a CDMO, and why.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    rec = commands.add_parser(
        "recommend",
        help="which organisation types to engage for a sponsor profile",
        description="Print the organisation types to engage for a profile, and why.",
    )
    rec.add_argument("profile", metavar="PROFILE", help="a sponsor profile (.toml or .json)")
    return parser


def _render(recommendation: Recommendation, title: str) -> str:
    engage = ", ".join(sorted(t.value.upper() for t in recommendation.engage)) or "nothing"
    lines = [f"{title}: engage {engage}"]
    if recommendation.alternative:
        alternative = " + ".join(sorted(t.value.upper() for t in recommendation.alternative))
        lines.append(f"Alternative: {alternative}")
    if recommendation.assignments:
        lines.append("")
        lines.append("Services:")
        width = max(len(s.value) for s in recommendation.assignments)
        lines.extend(
            f"  {service.value:<{width}}  {org.value.upper()}"
            for service, org in recommendation.assignments.items()
        )
    lines.append("")
    lines.append("Reasons:")
    for reason in recommendation.reasons:
        lines.extend(
            textwrap.wrap(reason.text, width=96, initial_indent="  - ", subsequent_indent="    ")
        )
        lines.append(f"    (source: {reason.source})")
    return "\n".join(lines)


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
        profile = load_profile(arguments.profile)
    except PharmaOutsourcingError as error:
        print(f"pharma-outsourcing: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(
            f"pharma-outsourcing: cannot read {arguments.profile}: {error.strerror}",
            file=sys.stderr,
        )
        return 2
    title = profile.name or f"Profile at {profile.phase.value}"
    print(_render(recommend(profile), title))
    return 0
