"""Loading and writing partner lists: pharma_outsourcing against pydantic v2, same run.

Generates 10,000 and 100,000 partner records (seeded), writes them as a JSON file, and
measures, best of several rounds:

- loading: ``load_partners(path)`` (read, parse, every check) against an equivalent
  pydantic v2 model (strict, extra keys forbidden, the same enums, ranges and cross-field
  rules) validating the same file's bytes with ``TypeAdapter.validate_json``;
- loading a file whose records give the organisation type as an alias (``"CRO"``): the
  row ``load*``, read through ``parse``, beside pydantic's canonical rates (pydantic's
  strict model refuses aliases);
- writing: ``dumps_partners(partners, "json")`` against ``TypeAdapter.dump_json``;
- the first load of ``examples/partners.csv`` in a fresh process (hooks are generated on
  first use, so this is what a command-line run pays);
- peak memory (maximum resident set size, in a fresh process each, less the process's
  size after imports) for loading 100,000 records;
- import time of ``attrs``, ``cattrs`` and ``pharma_outsourcing``, each in fresh
  processes, so the library's own share can be read off.

How ours loads: one path, the library's cattrs converter (cattrs' generated attrs hooks,
strict scalar and enum hooks of ours, detailed validation), then every attrs validator of
every record. ``load_partners`` pauses the cyclic garbage collector while it builds
objects, so the like-for-like comparison is with pydantic's rate with the collector paused
too (``pyd. no-gc``, ratio ``ours/no-gc``); ``pydantic`` and ``ours/pyd.`` are pydantic as
it runs by default (collector on).

Run: ``pip install -r benchmarks/requirements.txt && python benchmarks/loading.py``
(``--quick`` for 10,000 records only, and fewer rounds).
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, model_validator

import pharma_outsourcing as po

YEAR = datetime.datetime.now(tz=datetime.UTC).year


# --- the equivalent pydantic model ----------------------------------------------------------

Year = Annotated[int, Field(ge=1938, le=YEAR)]
Count = Annotated[int, Field(ge=0)]


class InspectionModel(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    regulator: po.Regulator
    year: Year
    outcome: po.InspectionOutcome
    critical: Count = 0
    major: Count = 0
    other: Count = 0


class SubmissionModel(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    regulator: po.Regulator
    year: Year
    outcome: po.SubmissionOutcome


class PartnerModel(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    name: Annotated[str, Field(min_length=1, pattern=r"\S")]
    organisation_type: po.OrganisationType
    services: frozenset[po.Service] | None = None
    phases: frozenset[po.Phase] | None = None
    therapeutic_areas: frozenset[po.TherapeuticArea] = frozenset()
    modalities: frozenset[po.Modality] = frozenset()
    dosage_forms: frozenset[po.DosageForm] = frozenset()
    markets: frozenset[po.Market] = frozenset()
    inspections: tuple[InspectionModel, ...] = ()
    submissions: tuple[SubmissionModel, ...] = ()
    gmp_certified: bool = False
    communication: Annotated[float, Field(ge=0, le=5, allow_inf_nan=False)] | None = None

    @model_validator(mode="after")
    def _defaults_and_type(self) -> PartnerModel:
        offered = po.services_of(self.organisation_type)
        if self.services is None:
            object.__setattr__(self, "services", offered)
        elif not self.services <= offered:
            raise ValueError("services outside the organisation type's catalogue")
        if self.phases is None:
            phases: set[po.Phase] = set()
            for service in self.services or ():
                phases |= po.CATALOGUE[service].phases
            object.__setattr__(self, "phases", frozenset(phases))
        return self


PARTNERS = TypeAdapter(list[PartnerModel])


def load_pydantic(path: Path) -> list[PartnerModel]:
    """Read and validate a JSON file of partners with the pydantic model."""
    return PARTNERS.validate_json(path.read_bytes())


# --- data -------------------------------------------------------------------------------------


def generate(count: int, seed: int = 20240601) -> list[dict[str, Any]]:
    """``count`` valid partner records as plain JSON data, as tools export them."""
    rng = random.Random(seed)
    types = list(po.OrganisationType)
    records: list[dict[str, Any]] = []
    for index in range(count):
        kind = rng.choice(types)
        offered = sorted(po.services_of(kind))
        record: dict[str, Any] = {"name": f"Partner {index:06d}", "organisation_type": kind.value}
        if rng.random() < 0.7:
            record["services"] = [s.value for s in rng.sample(offered, rng.randint(1, 6))]
        record["phases"] = [p.value for p in rng.sample(list(po.Phase), rng.randint(1, 4))]
        record["therapeutic_areas"] = [
            t.value for t in rng.sample(list(po.TherapeuticArea), rng.randint(0, 3))
        ]
        record["modalities"] = [m.value for m in rng.sample(list(po.Modality), rng.randint(0, 2))]
        record["dosage_forms"] = [
            d.value for d in rng.sample(list(po.DosageForm), rng.randint(0, 2))
        ]
        record["markets"] = [m.value for m in rng.sample(list(po.Market), rng.randint(1, 4))]
        record["inspections"] = [
            {
                "regulator": rng.choice(list(po.Regulator)).value,
                "year": rng.randint(2000, YEAR),
                "outcome": rng.choice(list(po.InspectionOutcome)).value,
                "major": rng.randint(0, 3),
            }
            for _ in range(rng.randint(0, 3))
        ]
        record["submissions"] = [
            {
                "regulator": rng.choice(list(po.Regulator)).value,
                "year": rng.randint(2000, YEAR),
                "outcome": rng.choice(list(po.SubmissionOutcome)).value,
            }
            for _ in range(rng.randint(0, 2))
        ]
        record["gmp_certified"] = rng.random() < 0.5
        if rng.random() < 0.8:
            record["communication"] = round(rng.uniform(0, 5), 1)
        records.append(record)
    return records


# --- timing ---------------------------------------------------------------------------------


def best_of(rounds: int, function: Callable[[], object]) -> float:
    """The fastest of ``rounds`` runs, in seconds (the run least disturbed by the machine)."""
    times = []
    for _ in range(rounds):
        gc.collect()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def paused_gc(function: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        gc.disable()
        try:
            return function()
        finally:
            gc.enable()

    return run


def peak_memory(kind: str, path: Path, runs: int = 3) -> float:
    """Peak resident memory (MiB) of loading ``path`` in a fresh process, less imports.

    The median of ``runs`` fresh processes, each measuring its own maximum resident set
    size before and after the load.
    """
    # VmHWM (the peak resident set of this process image) rather than ru_maxrss, which
    # a child inherits from its parent on Linux: the parent holds 100,000 partners.
    code = f"""
import sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
import loading
from pathlib import Path

def peak():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024

path = Path({str(path)!r})
before = peak()
if {kind!r} == "ours":
    result = loading.po.load_partners(path)
else:
    result = loading.load_pydantic(path)
assert len(result) > 0
print(peak() - before)
"""
    return fresh_median(code, runs)


def fresh_median(code: str, runs: int) -> float:
    """Median of the number that ``code`` prints, each run in a fresh interpreter."""
    samples = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(runs)
    ]
    return statistics.median(samples)


def first_load(path: Path, runs: int = 7) -> float:
    """Median wall time (ms) of the first ``load_partners(path)`` in a fresh interpreter."""
    code = (
        "import time, pharma_outsourcing as po; t = time.perf_counter(); "
        f"po.load_partners({str(path)!r}); print(time.perf_counter() - t)"
    )
    return fresh_median(code, runs) * 1000


def import_time(module: str, runs: int) -> float:
    """Median wall time (ms) of importing ``module`` in a fresh interpreter.

    Bytecode is compiled first (as an installed package has it), so the time is that of
    a user's import, not of compiling the sources.
    """
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(po.__file__).parent)], check=True
    )
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    return fresh_median(code, runs) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 records, fewer rounds")
    arguments = parser.parse_args()
    sizes = [10_000] if arguments.quick else [10_000, 100_000]
    rounds = 3 if arguments.quick else 5

    print(f"Python {sys.version.split()[0]}; rounds: best of {rounds}")
    print()
    header = (
        f"{'records':>8}  {'task':<8}  {'ours rec/s':>11}  {'pydantic rec/s':>14}  "
        f"{'pyd. no-gc rec/s':>16}  {'ours/pyd.':>9}  {'ours/no-gc':>10}"
    )
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as directory:
        for size in sizes:
            path = Path(directory) / f"partners-{size}.json"
            path.write_text(json.dumps(generate(size)), encoding="utf-8")

            ours = po.load_partners(path)
            theirs = PARTNERS.validate_json(path.read_bytes())
            assert len(ours) == len(theirs) == size
            assert all(
                a.services == b.services and a.phases == b.phases
                for a, b in zip(ours, theirs, strict=True)
            )

            # The same records with the organisation type as an alias ("CRO"), read
            # through parse (pydantic's strict model refuses them, so its columns are for
            # the canonical file).
            aliased = Path(directory) / f"partners-{size}-aliases.json"
            aliased.write_text(
                json.dumps(
                    [
                        {**record, "organisation_type": record["organisation_type"].upper()}
                        for record in json.loads(path.read_bytes())
                    ]
                ),
                encoding="utf-8",
            )
            assert po.load_partners(aliased) == ours
            written = po.dumps_partners(ours, "json")
            assert po.loads_partners(written) == ours

            load_ours = best_of(rounds, partial(po.load_partners, path))
            load_careful = best_of(rounds, partial(po.load_partners, aliased))
            load_theirs = best_of(rounds, partial(load_pydantic, path))
            load_theirs_paused = best_of(rounds, paused_gc(partial(load_pydantic, path)))
            write_ours = best_of(rounds, partial(po.dumps_partners, ours, "json"))
            write_theirs = best_of(rounds, partial(PARTNERS.dump_json, theirs))
            write_theirs_paused = best_of(rounds, paused_gc(partial(PARTNERS.dump_json, theirs)))
            for task, mine, other, other_paused in (
                ("load", load_ours, load_theirs, load_theirs_paused),
                ("load*", load_careful, load_theirs, load_theirs_paused),
                ("write", write_ours, write_theirs, write_theirs_paused),
            ):
                print(
                    f"{size:>8}  {task:<8}  {size / mine:>11,.0f}  {size / other:>14,.0f}  "
                    f"{size / other_paused:>16,.0f}  {other / mine:>8.2f}x  "
                    f"{other_paused / mine:>9.2f}x"
                )
            del ours, theirs

        print()
        print("load*: a file of aliases ('CRO'), read through parse")
        print()
        example = Path(__file__).parent.parent / "examples" / "partners.csv"
        print(f"first load of {example.name} in a fresh process: {first_load(example):.1f} ms")

        if not arguments.quick:
            path = Path(directory) / "partners-100000.json"
            print()
            print("peak memory loading 100,000 records (max RSS less imports, fresh process):")
            mine = peak_memory("ours", path)
            other = peak_memory("pydantic", path)
            ratio = f"{mine / other:.2f}" if other else "n/a"
            print(f"  ours {mine:,.0f} MiB   pydantic {other:,.0f} MiB   ratio {ratio}")

    runs = 5 if arguments.quick else 11
    print()
    print(f"import time (median of {runs} fresh interpreters):")
    times = {module: import_time(module, runs) for module in ("attrs", "cattrs")}
    times["pharma_outsourcing"] = import_time("pharma_outsourcing", runs)
    for module, milliseconds in times.items():
        print(f"  {module:<20} {milliseconds:6.1f} ms")
    added = times["pharma_outsourcing"] - times["cattrs"]
    print(f"  library's own share {added:6.1f} ms (target: at most 25 ms)")


if __name__ == "__main__":
    main()
