"""How much plan() costs against recommend(), measured in the same run.

Prints, for each case, the time per call and its ratio to ``recommend`` on the same
profile (the baseline), so the numbers compare across machines. Run:

    .venv/bin/python benchmarks/bench_planning.py
"""

from __future__ import annotations

import timeit
from collections.abc import Callable

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


def main() -> None:
    baseline = _per_call(lambda: po.recommend(PROFILE), 200)
    cases = {
        "recommend (baseline)": lambda: po.recommend(PROFILE),
        "plan, no partners": lambda: po.plan(PROFILE),
        "plan, 10 partners": lambda: po.plan(PROFILE, partners=_TEN),
        "plan, 100 partners": lambda: po.plan(PROFILE, partners=_HUNDRED),
        "compare_strategies, no partners": lambda: po.compare_strategies(PROFILE),
        "compare_strategies, 10 partners": lambda: po.compare_strategies(PROFILE, partners=_TEN),
    }
    print(f"{'case':34} {'us/call':>10} {'x baseline':>11}")
    for name, call in cases.items():
        seconds = _per_call(call, 200)
        print(f"{name:34} {seconds * 1e6:10.1f} {seconds / baseline:11.1f}")


_TEN = _candidates(10)
_HUNDRED = _candidates(100)

if __name__ == "__main__":
    main()
