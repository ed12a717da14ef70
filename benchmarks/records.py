"""How fast FDA's public exports are read and matched: loading, then matching 1,000 partners.

Generates (seeded, in a temporary folder) an FDA Data Dashboard inspections export of
100,000 rows laid out as FDA writes it (title rows, then the header, US dates, long
classifications, several project areas per inspection, drugs among other product types),
and measures, best of several rounds:

- ``load_fda_inspections(path)``: read, find the header, keep drugs and biologics, read
  every cell by its rule, collapse each inspection's project areas to one record per
  framework, and build the records;
- a plain ``csv.DictReader`` pass over the same file (decode, split, one dict a row):
  the floor any CSV reader in Python pays;

and prints both, their ratio, and the peak memory (tracemalloc) of one load. Then it
matches 1,000 partners, taken from the export's firms as a sponsor would list them, against
the records it read (``bench_matching`` of ``benchmarks/records_match.py``: target under
0.5 s, against a plain dict pass, with its peak memory).

Run: ``python benchmarks/records.py`` (``--rows N``, ``--partners N``, ``--repeat N``);
``python benchmarks/records_match.py`` runs the matching part alone, on generated records.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import gc
import io
import random
import tempfile
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from ranking import best_of
from records_match import bench_matching, firm_name, make_partners

import pharma_outsourcing as po

HEADER = (
    "FEI Number,Legal Name,City,State,Zip,Country/Area,Fiscal Year,Inspection ID,"
    "Posted Citations,Inspection End Date,Classification,Project Area,Product Type,"
    "Additional Details,FMD-145 Date"
)
CLASSIFICATIONS = (
    ("No Action Indicated (NAI)", 45),
    ("Voluntary Action Indicated (VAI)", 45),
    ("Official Action Indicated (OAI)", 10),
)
AREAS = (
    ("Drug Quality Assurance", "Drugs", 40),
    ("Bioresearch Monitoring", "Drugs", 20),
    ("Postmarketing Surveillance and Epidemiology: Human Drugs", "Drugs", 3),
    ("Generic Drug Evaluation", "Drugs", 5),
    ("Drug Quality Assurance", "Biologics", 7),
    ("Compliance: Devices", "Devices", 15),
    ("Foodborne Biological Hazards", "Food/Cosmetics", 10),
)
COUNTRIES = ("United States", "India", "China", "Germany", "Ireland", "Canada", "Japan")
TARGET_SECONDS = 2.0


def make_inspections_csv(folder: Path, rows: int = 100_000, seed: int = 1) -> Path:
    """Write an inspections export of ``rows`` data rows (seeded) and return its path.

    About 1.6 rows per inspection; 20,000 made-up firms (named as ``records_match`` names
    them: "Korvane Pharma Ltd"), each with one site, recur across inspections; dates from
    2009 on.
    """
    rng = random.Random(seed)
    classes, class_weights = zip(*((c, w) for c, w in CLASSIFICATIONS), strict=True)
    areas = [(area, product) for area, product, _ in AREAS]
    area_weights = [weight for _, _, weight in AREAS]
    first_day = datetime.date(2009, 10, 1).toordinal()
    last_day = datetime.date(2026, 9, 30).toordinal()
    names: dict[str, None] = {}  # made-up firms' names, as FDA writes them, each once
    while len(names) < 20_000:
        names[firm_name(rng)] = None
    sites = [(str(3_000_000_000 + rng.randrange(99_999_999)), name) for name in names]
    out = io.StringIO()
    out.write("FDA Data Dashboard: Inspections\nGenerated, fictional firms\n\n" + HEADER + "\n")
    written = 0
    inspection = 1_000_000
    while written < rows:
        inspection += 1
        fei, firm = rng.choice(sites)
        country = rng.choice(COUNTRIES)
        day = datetime.date.fromordinal(rng.randint(first_day, last_day))
        fiscal = day.year + (day.month >= 10)
        for _ in range(min(rows - written, rng.choice((1, 1, 1, 2, 2, 3)))):
            area, product = rng.choices(areas, area_weights)[0]
            out.write(
                f'{fei},"{firm}",Springfield,,,{country},{fiscal},{inspection},'
                f"{rng.choice(('Yes', 'No'))},{day:%m/%d/%Y},"
                f"{rng.choices(classes, class_weights)[0]},{area},{product},,\n"
            )
            written += 1
    path = folder / "inspections.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def dict_reader_pass(path: Path) -> list[dict[str, str]]:
    """The floor: decode the file and split every row below the header into a dict."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for _ in range(3):  # the title rows
            next(handle)
        return list(csv.DictReader(handle))


def peak_memory(run: Callable[[], object]) -> int:
    """The most memory (bytes, tracemalloc) ``run()`` held at once, its result included."""
    gc.collect()
    tracemalloc.start()
    try:
        result = run()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return peak


def bench_reading(path: Path, repeat: int) -> dict[str, float]:
    """Time ``load_fda_inspections`` and the plain pass on ``path``; print and return both."""
    records = po.load_fda_inspections(path)
    rows = dict_reader_pass(path)
    assert len(rows) > len(records) > 0, "the export should collapse to fewer records"
    t_load = best_of(repeat, lambda: po.load_fda_inspections(path))
    t_plain = best_of(repeat, lambda: dict_reader_pass(path))
    peak = peak_memory(lambda: po.load_fda_inspections(path))
    size = path.stat().st_size
    print(f"export: {len(rows):,} rows, {size / 1e6:.1f} MB; {len(records):,} records kept")
    print(f"{'load_fda_inspections':>22} {t_load:8.3f} s")
    print(f"{'csv.DictReader pass':>22} {t_plain:8.3f} s")
    print(f"{'ratio':>22} {t_load / t_plain:8.2f}")
    print(f"{'peak memory (load)':>22} {peak / 1e6:8.1f} MB")
    verdict = "met" if t_load < TARGET_SECONDS else "NOT met"
    print(f"target: load_fda_inspections < {TARGET_SECONDS:g} s at 100,000 rows ({verdict})")
    return {"load": t_load, "plain": t_plain, "peak": float(peak)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--partners", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print(f"generating an export of {args.rows:,} rows ...", flush=True)
        path = make_inspections_csv(Path(folder), args.rows)
        bench_reading(path, args.repeat)
        records = po.load_fda_inspections(path)
    print()
    bench_matching(records, make_partners(records, args.partners), repeat=args.repeat)


if __name__ == "__main__":
    main()
