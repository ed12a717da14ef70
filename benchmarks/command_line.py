"""The command line on a large partner list: ``rank --top 3`` and ``--format json``.

Writes 100,000 generated candidates (``benchmarks/ranking.py``'s generator, seed 1) as a CSV
file and its phase 2 oncology profile as JSON, then runs ``pharma-outsourcing`` on them in
fresh processes, as a user would, and prints for each run its wall time and what it wrote:
the lines of ``rank PROFILE PARTNERS --top 3``, and the size of ``--format json`` with the
partners named (the default) and written in full (``--full``).

Run: ``pip install -r benchmarks/requirements.txt && python benchmarks/command_line.py``
(``--count N`` for another number of candidates, ``--keep DIR`` to keep the files).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ranking import PROFILE, generate

import pharma_outsourcing as po

RUNS = {
    "rank --top 3": ["--top", "3"],
    "rank --format json": ["--format", "json"],
    "rank --format json --full": ["--format", "json", "--full"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="how many candidates")
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = arguments.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        partners, profile = folder / f"partners-{arguments.count}.csv", folder / "profile.json"
        po.dump_partners(generate(arguments.count), partners)
        profile.write_text(po.converter.dumps(PROFILE), encoding="utf-8")
        print(f"{arguments.count:,} candidates in {partners}")
        print(f"{'run':<28}  {'wall s':>7}  {'lines':>9}  {'MB':>8}")
        environment = {**os.environ, "COLUMNS": "100"}
        for name, options in RUNS.items():
            command = [sys.executable, "-m", "pharma_outsourcing", "rank", str(profile)]
            started = time.perf_counter()
            done = subprocess.run(
                [*command, str(partners), *options],
                capture_output=True,
                check=True,
                env=environment,
            )
            took = time.perf_counter() - started
            lines = done.stdout.count(b"\n")
            print(f"{name:<28}  {took:>7.1f}  {lines:>9,}  {len(done.stdout) / 1e6:>8.3f}")


if __name__ == "__main__":
    main()
