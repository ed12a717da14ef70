"""How fast rank() is now against an earlier revision, measured in the same run.

The earlier revision (``--base``, a commit, default the last commit before issue 12's
screening) is exported with ``git archive`` into a temporary folder; then, for each
workload and size, the base and the working tree are timed in turn, each in a fresh
interpreter, on the same generated partners (built from fields and outcomes both
revisions have), ``--rounds`` times alternately so that drift in the machine's speed
falls on both. Each timing is the best of ``--repeat`` calls of ``rank()``; the table
gives the best over rounds and the ratio ``head / base``.

Workloads:

- ``cro``: the CROs and CDMOs of ``benchmarks/ranking.py`` (random phases, markets,
  inspections and submissions), ranked for a phase 2 programme's CRO work;
- ``cmo``: CMOs and CDMOs with random GMP inspections, ranked for a phase 3
  programme's CMO work (GMP work: the evidence and blocking rules run on every record).

Run: ``python benchmarks/revisions.py`` (``--base REV``, ``--sizes``, ``--repeat``,
``--rounds``). The issue's target: ``head / base <= 1.25`` at 100,000 partners.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = "2d9f3cb"  # main before issue 12 (the house and hardening issues landed)

WORKER = r"""
import gc, json, random, sys, time
import pharma_outsourcing as po
from pharma_outsourcing import (
    Inspection, InspectionOutcome, Market, OrganisationType, Partner, Phase, Regulator,
    SponsorProfile, Submission, SubmissionOutcome, TherapeuticArea,
)
workload, size, repeat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(1)
OUTCOMES = [InspectionOutcome.NO_ACTION_INDICATED, InspectionOutcome.VOLUNTARY_ACTION_INDICATED,
            InspectionOutcome.OFFICIAL_ACTION_INDICATED, InspectionOutcome.WARNING_LETTER]
CRO, CMO, CDMO = OrganisationType.CRO, OrganisationType.CMO, OrganisationType.CDMO
regulators, markets, phases = list(Regulator), list(Market), list(Phase)
areas = list(TherapeuticArea)
if workload == "cro":
    profile = SponsorProfile(phase=Phase.PHASE_2, prefers_single_partner=False,
                             therapeutic_area=TherapeuticArea.ONCOLOGY,
                             target_markets={Market.US, Market.EU, Market.JAPAN})
    kinds, role = (CRO, CDMO), CRO
else:
    profile = SponsorProfile(phase=Phase.PHASE_3, prefers_single_partner=False,
                             target_markets={Market.US, Market.EU})
    kinds, role = (CMO, CDMO), CMO
services = po.recommend(profile).services_for(role)
partners = []
for index in rng.sample(range(size), size):
    kind = rng.choice(kinds)
    offered = po.services_of(kind)
    if rng.random() < 0.05:
        offered = offered - {rng.choice(sorted(services))}
    partners.append(Partner(
        name=f"Partner {index:06d}", organisation_type=kind, services=offered,
        phases=frozenset(rng.sample(phases, rng.randint(1, 7))),
        therapeutic_areas=frozenset(rng.sample(areas, rng.randint(0, 4))),
        markets=frozenset(rng.sample(markets, rng.randint(0, 6))),
        inspections=tuple(Inspection(regulator=rng.choice(regulators),
                                     year=rng.randint(2005, 2024),
                                     outcome=rng.choice(OUTCOMES))
                          for _ in range(rng.randint(0, 3))),
        submissions=tuple(Submission(regulator=rng.choice(regulators),
                                     year=rng.randint(2005, 2024),
                                     outcome=rng.choice(list(SubmissionOutcome)))
                          for _ in range(rng.randint(0, 3))),
        gmp_certified=rng.random() < 0.5,
        communication=rng.choice((None, *(x / 2 for x in range(11)))),
    ))
times = []
for _ in range(repeat):
    gc.collect()
    start = time.perf_counter()
    shortlist = po.rank(profile, partners, services=services)
    times.append(time.perf_counter() - start)
    del shortlist
shortlist = po.rank(profile, partners, services=services)
print(json.dumps({"seconds": min(times), "ranked": len(shortlist.ranked)}))
"""


def export(revision: str, into: Path) -> Path:
    """The revision's ``src`` folder, exported with ``git archive`` under ``into``."""
    archive = into / "base.tar"
    subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", "-o", str(archive), revision, "src"],
        check=True,
    )
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def timed(src: Path, workload: str, size: int, repeat: int) -> dict[str, float]:
    """One fresh interpreter's best time of ``rank()`` with the library at ``src``."""
    environment = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, "-c", WORKER, workload, str(size), str(repeat)],
        check=True,
        capture_output=True,
        text=True,
        env=environment,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=BASE)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    head = ROOT / "src"
    with tempfile.TemporaryDirectory() as folder:
        base = export(args.base, Path(folder))
        print(
            f"base {args.base} against the working tree; best of {args.repeat} calls, "
            f"{args.rounds} alternating rounds",
            flush=True,
        )
        print(
            f"{'workload':>8} {'partners':>9} {'base s':>8} {'ranked':>7} {'head s':>8} "
            f"{'ranked':>7} {'head/base':>9}"
        )
        for workload in ("cro", "cmo"):
            for size in args.sizes:
                before: list[dict[str, float]] = []
                after: list[dict[str, float]] = []
                for _ in range(args.rounds):
                    before.append(timed(base, workload, size, args.repeat))
                    after.append(timed(head, workload, size, args.repeat))
                b = min(r["seconds"] for r in before)
                h = min(r["seconds"] for r in after)
                print(
                    f"{workload:>8} {size:>9,} {b:8.3f} {before[0]['ranked']:>7,.0f} "
                    f"{h:8.3f} {after[0]['ranked']:>7,.0f} {h / b:9.2f}",
                    flush=True,
                )
    print("\ntarget: head/base <= 1.25 at 100,000 partners")


if __name__ == "__main__":
    main()
