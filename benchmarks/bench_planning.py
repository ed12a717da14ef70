"""How much plan() costs against recommend(), and against an earlier revision, in one run.

Prints, for each case, the time per call and its ratio to ``recommend`` on the same
profile (the baseline), so the numbers compare across machines. Run:

    .venv/bin/python benchmarks/bench_planning.py

With ``--against REV`` (a commit; issue 13's target is ``2c47e3e``, main before it), the
revision's ``src`` is exported with ``git archive`` and both are timed in fresh
interpreters, ``--rounds`` times alternately so that drift in the machine's speed falls
on both; the table gives each case's best time per call on each side and ``head / base``.
Issue 13's target: ``plan, 100 partners`` no slower than before it, despite screening and
splitting.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import timeit
from collections.abc import Callable
from pathlib import Path

from revisions import ROOT, export

import pharma_outsourcing as po

PROFILE = po.SponsorProfile(phase=po.Phase.DISCOVERY)  # the longest programme: 7 phases


def _candidates(count: int) -> list[po.Partner]:
    kinds = list(po.OrganisationType)
    phases = list(po.Phase)
    return [
        po.Partner(
            name=f"Partner {index:03d}",
            organisation_type=kinds[index % 3],
            phases=frozenset(phases[index % 4 : index % 4 + 4]),
            gmp_certified=index % 2 == 0,  # half of them can take GMP work
            communication=index % 6,
        )
        for index in range(count)
    ]


def _per_call(call: Callable[[], object], number: int) -> float:
    timer = timeit.Timer(call)
    return min(timer.repeat(repeat=5, number=number)) / number


def _cases() -> dict[str, Callable[[], object]]:
    ten, hundred = _candidates(10), _candidates(100)
    return {
        "recommend (baseline)": lambda: po.recommend(PROFILE),
        "plan, no partners": lambda: po.plan(PROFILE),
        "plan, 10 partners": lambda: po.plan(PROFILE, partners=ten),
        "plan, 100 partners": lambda: po.plan(PROFILE, partners=hundred),
        "plan, 100 partners, integrated": lambda: po.plan(
            PROFILE, partners=hundred, strategy=po.Strategy.INTEGRATED
        ),
        "plan, 100 partners, specialist": lambda: po.plan(
            PROFILE, partners=hundred, strategy=po.Strategy.SPECIALIST
        ),
        "compare_strategies, no partners": lambda: po.compare_strategies(PROFILE),
        "compare_strategies, 10 partners": lambda: po.compare_strategies(PROFILE, partners=ten),
        "compare_strategies, 100 partners": lambda: po.compare_strategies(
            PROFILE, partners=hundred
        ),
    }


def timings(number: int = 200) -> dict[str, float]:
    """Each case's best time per call, in seconds."""
    return {name: _per_call(call, number) for name, call in _cases().items()}


def _timed_at(src: Path, number: int) -> dict[str, float]:
    """:func:`timings` in a fresh interpreter with the library at ``src``."""
    environment = {**os.environ, "PYTHONPATH": f"{src}{os.pathsep}{Path(__file__).parent}"}
    done = subprocess.run(
        [sys.executable, __file__, "--json", "--number", str(number)],
        check=True,
        capture_output=True,
        text=True,
        env=environment,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _against(revision: str, rounds: int, number: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base_src = export(revision, Path(folder))
        sides = {"base": base_src, "head": ROOT / "src"}
        best: dict[str, dict[str, float]] = {"base": {}, "head": {}}
        for _ in range(rounds):
            for side, src in sides.items():
                for name, seconds in _timed_at(src, number).items():
                    best[side][name] = min(seconds, best[side].get(name, seconds))
    print(f"base {revision} against the working tree; best of {rounds} alternating rounds")
    print(f"{'case':34} {'base us':>9} {'head us':>9} {'head/base':>10}")
    for name, before in best["base"].items():
        after = best["head"][name]
        print(f"{name:34} {before * 1e6:9.1f} {after * 1e6:9.1f} {after / before:10.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="REV", help="also time this revision")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--number", type=int, default=200, help="calls per timing")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.json:
        print(json.dumps(timings(args.number)))
        return
    if args.against:
        _against(args.against, args.rounds, args.number)
        return
    found = timings(args.number)
    baseline = found["recommend (baseline)"]
    print(f"{'case':34} {'us/call':>10} {'x baseline':>11}")
    for name, seconds in found.items():
        print(f"{name:34} {seconds * 1e6:10.1f} {seconds / baseline:11.1f}")


if __name__ == "__main__":
    main()
