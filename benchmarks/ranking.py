"""How fast rank() is, against the same ranking done with NumPy and with pymcdm.

For 1,000, 10,000 and 100,000 generated partners, in the same run, it times:

- ``rank``: ``pharma_outsourcing.rank`` (screening, six scores, evidence and warnings,
  weighted sum, tie-break by name, assessments with every explanation available, read
  lazily);
- ``numpy``: the same ranking minus the library's ranking machinery: screening and the
  six scores from the library (``Basis.score_rows``), then a
  NumPy weighted sum (``M @ w``, rounded to 12 decimals) and ``np.lexsort`` on name;
- ``pymcdm``: the same scores, then pymcdm's weighted sum model (validation on,
  identity normalisation so it ranks as we do) and an argsort, where pymcdm installs;
  ``WSM alone`` is that last step on its own, on the ready score matrix.

It prints the best of several runs of each, the ratios, the per-partner cost of
``rank`` relative to the smallest size (1.0 means perfectly linear), and the time to
read every reason of every ranked partner once (they are written on first reading). Install the
benchmark's own dependencies first: ``pip install -r benchmarks/requirements.txt``.

Run: ``python benchmarks/ranking.py`` (``--repeat N`` for more runs, ``--sizes``).
"""

from __future__ import annotations

import argparse
import gc
import random
import time
import warnings
from collections.abc import Callable
from functools import partial

import numpy as np

import pharma_outsourcing as po
from pharma_outsourcing import (
    Basis,
    Inspection,
    InspectionOutcome,
    Market,
    OrganisationType,
    Partner,
    Phase,
    Regulator,
    SponsorProfile,
    Submission,
    SubmissionOutcome,
    TherapeuticArea,
)

try:
    from pymcdm.methods import WSM
except ImportError:  # pragma: no cover - pymcdm is optional here
    WSM = None

CRO, CDMO = OrganisationType.CRO, OrganisationType.CDMO
PROFILE = SponsorProfile(
    phase=Phase.PHASE_2,
    prefers_single_partner=False,
    therapeutic_area=TherapeuticArea.ONCOLOGY,
    target_markets={Market.US, Market.EU, Market.JAPAN},
)
SERVICES = po.recommend(PROFILE).services_for(CRO)


def generate(count: int, seed: int = 1) -> list[Partner]:
    """``count`` CROs and CDMOs with random records; about 5 % lack a needed service."""
    rng = random.Random(seed)
    regulators, markets, phases = list(Regulator), list(Market), list(Phase)
    areas = list(TherapeuticArea)
    cro_services = sorted(po.services_of(CRO))
    partners = []
    for index in rng.sample(range(count), count):
        kind = rng.choice((CRO, CDMO))
        services = po.services_of(kind)
        if rng.random() < 0.05:
            services = services - {rng.choice(cro_services)}
        partners.append(
            Partner(
                name=f"Partner {index:06d}",
                organisation_type=kind,
                services=services,
                phases=frozenset(rng.sample(phases, rng.randint(1, 7))),
                therapeutic_areas=frozenset(rng.sample(areas, rng.randint(0, 4))),
                markets=frozenset(rng.sample(markets, rng.randint(0, 6))),
                inspections=tuple(
                    Inspection(
                        regulator=rng.choice(regulators),
                        year=rng.randint(2005, 2024),
                        outcome=rng.choice(list(InspectionOutcome)),
                    )
                    for _ in range(rng.randint(0, 3))
                ),
                submissions=tuple(
                    Submission(
                        regulator=rng.choice(regulators),
                        year=rng.randint(2005, 2024),
                        outcome=rng.choice(list(SubmissionOutcome)),
                    )
                    for _ in range(rng.randint(0, 3))
                ),
                gmp_certified=rng.random() < 0.5,
                communication=rng.choice((None, *(x / 2 for x in range(11)))),
            )
        )
    return partners


def best_of(repeat: int, run: Callable[[], object]) -> float:
    """The shortest of ``repeat`` timings of ``run()``, with the collector as it is.

    The result is kept until the clock has stopped: freeing it is not the call's cost.
    """
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
        del result
    return min(times)


def paused(run: Callable[[], object]) -> Callable[[], object]:
    """``run`` with the garbage collector paused, as ``rank`` pauses it."""

    def wrapped() -> object:
        gc.disable()
        try:
            return run()
        finally:
            gc.enable()

    return wrapped


def scored(partners: list[Partner]) -> tuple[list[Partner], np.ndarray, np.ndarray]:
    """The library part of both baselines: screening and the six scores."""
    basis = Basis(profile=PROFILE, services=SERVICES, as_of=po.latest_year(partners))
    kept = [p for p in partners if basis.passes(p)]
    matrix = np.array(basis.score_rows(kept))
    weights = np.array(po.Weights().vector())
    return kept, matrix, weights


def numpy_path(partners: list[Partner]) -> list[Partner]:
    kept, matrix, weights = scored(partners)
    totals = np.round(matrix @ weights, 12)
    names = np.array([p.name for p in kept])
    order = np.lexsort((names, -totals))
    return [kept[i] for i in order]


def _identity(x: np.ndarray, cost: bool = False) -> np.ndarray:
    """No normalisation: our scores are already in [0, 1]."""
    return x


def pymcdm_weighted_sum(matrix: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """pymcdm's weighted sum model, validation on, and an argsort: the ranking alone."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        preferences = WSM(normalization_function=_identity)(
            matrix, weights, np.ones(6), validation=True
        )
    return np.argsort(-preferences, kind="stable")


def pymcdm_path(partners: list[Partner]) -> list[Partner]:
    kept, matrix, weights = scored(partners)
    return [kept[i] for i in pymcdm_weighted_sum(matrix, weights)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    print(f"generating {max(args.sizes):,} partners ...", flush=True)
    everyone = generate(max(args.sizes))
    rows = []
    for size in args.sizes:
        partners = everyone[:size]
        shortlist = po.rank(PROFILE, partners, services=SERVICES)
        expected = [a.partner for a in shortlist.ranked]
        assert numpy_path(partners) == expected, "the NumPy path ranks differently"
        last = shortlist.ranked[-1]
        assert len(last.reasons) == 6
        assert all(r.text for r in last.reasons.values())

        t_rank = best_of(args.repeat, partial(po.rank, PROFILE, partners, services=SERVICES))
        t_numpy = best_of(args.repeat, paused(partial(numpy_path, partners)))
        t_pymcdm = (
            best_of(args.repeat, paused(partial(pymcdm_path, partners)))
            if WSM is not None
            else None
        )
        t_wsm = (
            best_of(args.repeat, partial(pymcdm_weighted_sum, *scored(partners)[1:]))
            if WSM is not None
            else None
        )
        start = time.perf_counter()
        for assessment in shortlist.ranked:
            dict(assessment.reasons)
        t_reasons = time.perf_counter() - start
        rows.append((size, len(expected), t_rank, t_numpy, t_pymcdm, t_wsm, t_reasons))

    base = rows[0][2] / rows[0][0]
    print()
    print(
        f"{'partners':>9} {'ranked':>7} {'rank() s':>9} {'numpy s':>8} {'pymcdm s':>9}"
        f" {'(WSM alone)':>11}"
        f" {'rank/numpy':>10} {'rank/pymcdm':>11} {'us/partner':>10} {'linearity':>9}"
        f" {'all reasons s':>13}"
    )
    for size, ranked, t_rank, t_numpy, t_pymcdm, t_wsm, t_reasons in rows:
        pymcdm_text = f"{t_pymcdm:9.3f}" if t_pymcdm is not None else f"{'n/a':>9}"
        pymcdm_text += f" {t_wsm:11.3f}" if t_wsm is not None else f" {'n/a':>11}"
        ratio_text = f"{t_rank / t_pymcdm:11.2f}" if t_pymcdm is not None else f"{'n/a':>11}"
        print(
            f"{size:>9,} {ranked:>7,} {t_rank:9.3f} {t_numpy:8.3f} {pymcdm_text}"
            f" {t_rank / t_numpy:10.2f} {ratio_text} {t_rank / size * 1e6:10.2f}"
            f" {t_rank / size / base:9.2f} {t_reasons:13.3f}"
        )
    print()
    print(
        "targets: rank() < 0.5 s at 100,000; rank/numpy <= 2; rank/pymcdm < 1; "
        "linearity <= 1.5 (per-partner cost against the smallest size)"
    )


if __name__ == "__main__":
    main()
