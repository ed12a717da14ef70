"""How fast match_records() is: 1,000 partners against 100,000 public records.

It builds, deterministically and in memory, 100,000 FDA-like records of about 20,000
firms (``make_records``) and 1,000 candidate partners taken from those firms
(``make_partners``: most list some of their sites' FEI numbers, some only their name,
written as a sponsor would write it, some with a slip of a letter), then times, in the
same run:

- ``match_records``: ``pharma_outsourcing.match_records`` (FEI numbers, then names as
  compared, the country check, records already held, suggestions, the result);
- ``dict pass``: the least any matching does, as a baseline: one pass over the records
  looking each up in a dict of FEI numbers and a dict of lower-cased names.

It prints the best of several runs of each, the ratio, the target (under 0.5 s), what was
matched, and the peak memory of one ``match_records`` call (``tracemalloc``).

Run: ``python benchmarks/records_match.py`` (``--repeat N``, ``--records N``,
``--partners N``). ``benchmarks/records.py`` calls :func:`bench_matching` on the records
it reads from a generated FDA export, after timing the reading.
"""

from __future__ import annotations

import argparse
import datetime
import random
import tracemalloc
from collections.abc import Sequence

import attrs
from ranking import best_of

import pharma_outsourcing as po
from pharma_outsourcing import (
    Framework,
    Inspection,
    InspectionOutcome,
    Market,
    OrganisationType,
    Partner,
    PublicRecord,
    Regulator,
)

TARGET = 0.5
"""Seconds: what matching 1,000 partners against 100,000 records may take at most."""

_CONSONANTS = "bcdfghjklmnprstvwz"
_VOWELS = "aeiou"
_TRADES = (
    "Pharma", "Pharmaceuticals", "Laboratories", "Biologics", "Life Sciences",
    "Sterile Manufacturing", "Fine Chemicals", "Healthcare", "Biotech", "Therapeutics",
)  # fmt: skip
_FORMS = ("Inc.", "LLC", "Ltd", "Limited", "GmbH", "S.A.", "AG", "Co., Ltd.", "Pvt. Ltd", "")
_COUNTRIES = (
    ("United States", 40),
    ("India", 15),
    ("China", 12),
    ("Germany", 6),
    ("Italy", 4),
    ("United Kingdom", 4),
    ("Japan", 3),
    ("Korea (the Republic of)", 3),
    ("Canada", 3),
    ("Switzerland", 2),
    ("Singapore", 2),
    ("Israel", 2),
    ("Mexico", 2),
    ("Taiwan", 2),
)
_OUTCOMES = (
    (InspectionOutcome.NO_ACTION_INDICATED, 50),
    (InspectionOutcome.VOLUNTARY_ACTION_INDICATED, 40),
    (InspectionOutcome.OFFICIAL_ACTION_INDICATED, 7),
    (InspectionOutcome.WARNING_LETTER, 3),
)
_MARKET_OF = {
    "United States": Market.US,
    "India": Market.INDIA,
    "China": Market.CHINA,
    "Germany": Market.EU,
    "Italy": Market.EU,
    "United Kingdom": Market.UK,
    "Japan": Market.JAPAN,
    "Korea (the Republic of)": Market.SOUTH_KOREA,
    "Canada": Market.CANADA,
    "Switzerland": Market.SWITZERLAND,
}
_FIRST = datetime.date(2009, 10, 1).toordinal()
_LAST = datetime.date(2024, 9, 30).toordinal()


def _word(rng: random.Random) -> str:
    """A made-up word of two to four syllables, as firms' names are ("Korvane")."""
    syllables = rng.randint(2, 4)
    letters = "".join(rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(syllables))
    return (letters + rng.choice(("", "n", "r", "x", "s"))).capitalize()


def firm_name(rng: random.Random) -> str:
    """A firm's legal name as FDA writes it: one or two made-up words, a trade, a form."""
    words = [_word(rng) for _ in range(rng.choice((1, 1, 2)))]
    return " ".join((*words, rng.choice(_TRADES), rng.choice(_FORMS))).strip()


def make_records(count: int = 100_000, firms: int = 20_000, seed: int = 1) -> list[PublicRecord]:
    """``count`` FDA-like records of ``firms`` made-up firms, each with one to three sites.

    About one record in twenty is a warning letter with no FEI number (matched by name
    only, as the warning-letter listing's are); the rest are inspections of a site.
    """
    rng = random.Random(seed)
    countries = [country for country, _ in _COUNTRIES]
    country_weights = [weight for _, weight in _COUNTRIES]
    outcomes = [outcome for outcome, _ in _OUTCOMES]
    outcome_weights = [weight for _, weight in _OUTCOMES]
    names: dict[str, None] = {}
    while len(names) < firms:
        names[firm_name(rng)] = None
    sites = []
    next_fei = 3_000_000_001
    for name in names:
        country = rng.choices(countries, country_weights)[0]
        for _ in range(rng.randint(1, 3)):
            sites.append((name, str(next_fei), country))
            next_fei += rng.randint(1, 50)
    records = []
    for row in range(count):
        firm, fei, country = rng.choice(sites)
        date = datetime.date.fromordinal(rng.randint(_FIRST, _LAST))
        letter = rng.random() < 0.05
        outcome = (
            InspectionOutcome.WARNING_LETTER
            if letter
            else rng.choices(outcomes, outcome_weights)[0]
        )
        records.append(
            PublicRecord(
                firm=firm,
                fei_number=None if letter else fei,
                country=None if letter else country,
                inspection=Inspection(
                    regulator=Regulator.FDA,
                    date=date,
                    outcome=outcome,
                    framework=Framework.GMP,
                    site=None if letter else fei,
                    source="FDA Data Dashboard export (generated)",
                ),
                source=f"generated export, row {row + 2}",
            )
        )
    return records


def _as_a_sponsor_writes_it(firm: str, rng: random.Random) -> str:
    """``firm`` as a sponsor's list may name it: without its legal form, or in capitals."""
    choice = rng.random()
    if choice < 0.4:
        return firm
    if choice < 0.8:
        return firm.rsplit(" ", 1)[0] if " " in firm else firm
    return firm.upper()


def _slip(name: str, rng: random.Random) -> str:
    """``name`` with one letter of its first word changed: a near miss."""
    first, _, rest = name.partition(" ")
    at = rng.randrange(1, len(first))
    letter = rng.choice([c for c in "aeiourstn" if c != first[at].lower()])
    return f"{first[:at]}{letter}{first[at + 1 :]} {rest}".strip()


def make_partners(
    records: Sequence[PublicRecord], count: int = 1_000, seed: int = 2
) -> list[Partner]:
    """``count`` partners taken from the firms of ``records``, as a sponsor would list them.

    Seven in ten list the FEI numbers of some of their sites; the others only their name
    (matched by name, and checked against their markets). One in twenty is named with a
    slip of a letter (a suggestion, never a match); one in a hundred is listed twice, in
    two spellings of its name (what its records match by name is ambiguous).
    """
    rng = random.Random(seed)
    sites: dict[str, dict[str, str]] = {}  # firm -> its FEI numbers -> country
    for record in records:
        numbers = sites.setdefault(record.firm, {})
        if record.fei_number is not None and record.country is not None:
            numbers[record.fei_number] = record.country
    firms = rng.sample(sorted(sites), min(count, len(sites)))
    partners = []
    names: set[str] = set()
    for firm in firms:
        if len(partners) >= count:
            break
        name = _as_a_sponsor_writes_it(firm, rng)
        if rng.random() < 0.05:
            name = _slip(name, rng)
        if name in names:
            continue
        names.add(name)
        own = sorted(sites[firm])
        listed = rng.sample(own, rng.randint(1, len(own))) if own else []
        homes = {_MARKET_OF.get(country) for country in sites[firm].values()} - {None}
        markets = {market for market in homes if market is not None}
        if rng.random() < 0.5:
            markets |= set(rng.sample(list(Market), 2))
        if rng.random() < 0.01 and name.upper() not in names:  # listed twice: ambiguous
            names.add(name.upper())
            partners.append(Partner(name=name.upper(), organisation_type=OrganisationType.CMO))
        partners.append(
            Partner(
                name=name,
                organisation_type=rng.choice(list(OrganisationType)),
                fei_numbers=frozenset(listed) if rng.random() < 0.7 else frozenset(),
                markets=frozenset(markets) if rng.random() < 0.8 else frozenset(),
            )
        )
    return partners


def dict_pass(partners: Sequence[Partner], records: Sequence[PublicRecord]) -> list[list[int]]:
    """The baseline: each record looked up by FEI number, else by lower-cased name."""
    by_fei = {number: index for index, p in enumerate(partners) for number in p.fei_numbers}
    by_name = {p.name.casefold(): index for index, p in enumerate(partners)}
    found: list[list[int]] = [[] for _ in partners]
    for position, record in enumerate(records):
        index = by_fei.get(record.fei_number) if record.fei_number is not None else None
        if index is None:
            index = by_name.get(record.firm.casefold())
        if index is not None:
            found[index].append(position)
    return found


@attrs.frozen
class MatchTiming:
    """What :func:`bench_matching` measured (seconds, bytes) and what was matched."""

    partners: int
    records: int
    seconds: float
    baseline: float
    peak_bytes: int
    matched: int
    by_name: int
    unmatched: int
    ambiguous: int
    suggestions: int

    @property
    def within_target(self) -> bool:
        return self.seconds < TARGET


def bench_matching(
    records: Sequence[PublicRecord] | None = None,
    partners: Sequence[Partner] | None = None,
    *,
    repeat: int = 5,
) -> MatchTiming:
    """Time ``match_records(partners, records)`` and a plain dict pass; print both.

    ``records`` default to :func:`make_records`' 100,000, ``partners`` to
    :func:`make_partners`' 1,000 taken from the records' firms.
    """
    records = make_records() if records is None else records
    partners = make_partners(records) if partners is None else partners
    found = po.match_records(partners, records)
    matched = sum(len(found.matched[p.name]) for p in partners)
    by_name = sum(len(records) for records in found.by_name.values())
    seconds = best_of(repeat, lambda: po.match_records(partners, records))
    baseline = best_of(repeat, lambda: dict_pass(partners, records))
    tracemalloc.start()
    po.match_records(partners, records)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    timing = MatchTiming(
        partners=len(partners),
        records=len(records),
        seconds=seconds,
        baseline=baseline,
        peak_bytes=peak,
        matched=matched,
        by_name=by_name,
        unmatched=len(found.unmatched),
        ambiguous=len(found.ambiguous),
        suggestions=len(found.suggestions),
    )
    print(
        f"matching {timing.partners:,} partners against {timing.records:,} records "
        f"(best of {repeat}):"
    )
    print(
        f"  match_records {seconds:7.3f} s   target < {TARGET} s: "
        f"{'met' if timing.within_target else 'NOT MET'}"
    )
    print(
        f"  dict pass     {baseline:7.3f} s   match_records / dict pass: {seconds / baseline:.1f}"
    )
    print(f"  peak memory of one match_records call: {peak / 2**20:.1f} MiB")
    print(
        f"  {matched:,} records matched ({by_name:,} by name), {timing.unmatched:,} unmatched, "
        f"{timing.ambiguous:,} ambiguous, {timing.suggestions:,} suggestions"
    )
    return timing


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--partners", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"generating {args.records:,} records and {args.partners:,} partners ...", flush=True)
    records = make_records(args.records, firms=max(1, args.records // 5))
    partners = make_partners(records, args.partners)
    bench_matching(records, partners, repeat=args.repeat)


if __name__ == "__main__":
    main()
