"""Fuzzing the readers: mutated example files load and round-trip, or give our error.

Every input is a mutation of a file in ``examples/``, or of the small files below that use
what the examples do not yet (the fields and items of 0.2, a profile written for 0.1): at
the text level (truncated, text inserted, lines duplicated, swapped or dropped), at the
structure level (keys dropped or unknown ones added, values of another type, huge and
non-finite numbers) and, for CSV, at the cell level. The outcome must be one of two: a
value that round-trips through every format, or a
:class:`~pharma_outsourcing.PharmaOutsourcingError`. Anything else (another exception, a
value that cannot be written or does not read back) fails the test.

The CI profile tries 2,500 inputs per test, 10,000 in all; the counts are printed at the
end of the run (see ``conftest.py``).
"""

from __future__ import annotations

import collections
import csv
import io
import json
import os
import pathlib
from collections.abc import Callable
from typing import Any, Literal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pharma_outsourcing as po

EXAMPLES = pathlib.Path(__file__).parent.parent / "examples"
PARTNERS_JSON = (EXAMPLES / "partners.json").read_text(encoding="utf-8")
PARTNERS_CSV = (EXAMPLES / "partners.csv").read_text(encoding="utf-8")
PROFILES = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.toml"))]
# The fields and items of 0.2, which the example files do not use yet (issue 12).
CSV_OF_0_2 = (
    "name,organisation_type,capabilities,fei_numbers,inspections,audits,glp_compliant\n"
    "Acme (fictional CDMO),cdmo,aseptic-processing,0012345;3001234567,"
    "fda:2024-03-12:warning-letter:gmp:3001234567:0:0:0:FDA Data Dashboard%3B export%3A x;"
    "fda:2025-01-09:close-out-letter;ema:2021:vai:0:2:5;mhra:2022:compliant:gmp:UK-1,"
    "2024:approved;2023:approved-with-conditions:glp:DE-0042,true\n"
    "Lab (fictional CRO),cro,,,fda:2023:nai:glp,2022:not-approved:glp,false\n"
)
JSON_OF_0_2 = po.dumps_partners(po.loads_partners(CSV_OF_0_2, "csv"), "json")
PROFILE_OF_0_1 = (
    'name = "Old"\nphase = "phase-2"\nmodality = "mrna"\ndosage_form = "sterile-injectable"\n'
)

COUNTS: collections.Counter[str] = collections.Counter()
"""Inputs tried, library errors, and values loaded and round-tripped, by test."""

FUZZ = settings(
    max_examples=2500 if os.environ.get("HYPOTHESIS_PROFILE") == "ci" else 150,
    deadline=None,  # an input's cost is its size
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

PartnerFormat = Literal["json", "toml", "csv"]
ProfileFormat = Literal["json", "toml"]

# --- mutations ---------------------------------------------------------------------------

TRICKY_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\n",
        "\r",
        ",",
        ";",
        ":",
        '"',
        "'",
        "[",
        "]",
        "{",
        "}",
        "=",
        "-",
        "%",
        "\ufeff",
        "\x00",
        "\ud800",
        "0_5",
        "1e999",
        "NaN",
        "Infinity",
        "-0",
        "9" * 400,
        "true",
        "yes",
        "maybe",
        "cro",
        "CDMO",
        "fda:2020:nai",
        "fda:2099:oai",
        "ema:1900:vai:1:2:3",
        "fda:2024-03-12:wl:gcp:3001234567:0:0:0:a%3Ab",
        "fda:2024-02-30:nai",
        "fda:2023-12-31:nai::::::",
        "2024:approved:glp:DE-1",
        "2024:approved;2023:fail",
        "0012345;3001234567",
        "aseptic-processing",
        "%3A",
        "%25",
        "%ZZ",
        "%C3%A9",
        "%FF",
        "us;eu",
        "phase 2",
        "Phase II",
        "api-production",
        "Société",
    ]
)
ANY_TEXT = TRICKY_TEXT | st.text(max_size=20)


@st.composite
def text_mutation(draw: st.DrawFn, text: str) -> str:
    """``text`` truncated, with text inserted, or with lines duplicated, swapped, dropped."""
    lines = text.splitlines(keepends=True)
    kind = draw(st.sampled_from(["truncate", "insert", "duplicate", "swap", "drop", "replace"]))
    if kind == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    if kind == "insert":
        at = draw(st.integers(0, len(text)))
        return text[:at] + draw(ANY_TEXT) + text[at:]
    index = draw(st.integers(0, len(lines) - 1))
    other = draw(st.integers(0, len(lines) - 1))
    if kind == "duplicate":
        lines.insert(other, lines[index])
    elif kind == "swap":
        lines[index], lines[other] = lines[other], lines[index]
    elif kind == "drop":
        del lines[index]
    else:
        at = draw(st.integers(0, len(lines[index])))
        lines[index] = lines[index][:at] + draw(ANY_TEXT) + lines[index][at + 1 :]
    return "".join(lines)


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from([10**400, -(10**300), 2**63, float("nan"), float("inf"), -0.0, 1e308])
    | st.floats()
    | ANY_TEXT,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(ANY_TEXT, children, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def structure_mutation(draw: st.DrawFn, data: Any) -> Any:
    """``data`` with one value somewhere in it dropped, replaced or given a sibling key."""
    if isinstance(data, dict) and data:
        key = draw(st.sampled_from(sorted(data)))
        kind = draw(st.sampled_from(["drop", "replace", "unknown", "descend"]))
        changed = dict(data)
        if kind == "drop":
            del changed[key]
        elif kind == "replace":
            changed[key] = draw(JSON_VALUES)
        elif kind == "unknown":
            changed[draw(ANY_TEXT)] = draw(JSON_VALUES)
        else:
            changed[key] = draw(structure_mutation(data[key]))
        return changed
    if isinstance(data, list) and data:
        index = draw(st.integers(0, len(data) - 1))
        changed_list = list(data)
        kind = draw(st.sampled_from(["drop", "replace", "duplicate", "descend"]))
        if kind == "drop":
            del changed_list[index]
        elif kind == "replace":
            changed_list[index] = draw(JSON_VALUES)
        elif kind == "duplicate":
            changed_list.insert(index, data[index])
        else:
            changed_list[index] = draw(structure_mutation(data[index]))
        return changed_list
    return draw(JSON_VALUES)


@st.composite
def cell_mutation(draw: st.DrawFn, text: str) -> str:
    """CSV ``text`` with some of its cells replaced by tricky ones."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    for _ in range(draw(st.integers(1, 4))):
        row = draw(st.integers(0, len(rows) - 1))
        column = draw(st.integers(0, len(rows[row])))
        cell = draw(ANY_TEXT)
        if column < len(rows[row]):
            rows[row][column] = cell
        else:
            rows[row].append(cell)
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _toml(data: Any) -> str:
    """Plain data as TOML, written by hand so that non-finite and huge numbers appear."""

    def value(item: object) -> str:
        if isinstance(item, bool):
            return "true" if item else "false"
        if isinstance(item, float):
            return {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(repr(item), repr(item))
        if isinstance(item, int):
            return str(item) if item.bit_length() < 10_000 else "0"
        if isinstance(item, str):
            return json.dumps(item)
        if isinstance(item, list):
            return "[" + ", ".join(value(entry) for entry in item) + "]"
        if isinstance(item, dict):
            return (
                "{" + ", ".join(f"{json.dumps(str(k))} = {value(v)}" for k, v in item.items()) + "}"
            )
        return '""'

    if isinstance(data, dict):
        return "".join(f"{json.dumps(str(key))} = {value(item)}\n" for key, item in data.items())
    return f"partners = {value(data)}\n"


def _json(data: Any) -> str:
    return json.dumps(data, allow_nan=True)


# --- the outcome -------------------------------------------------------------------------


def _outcome(test: str, load: Callable[[], object], round_trips: Callable[[Any], None]) -> None:
    COUNTS[f"{test}: inputs tried"] += 1
    try:
        value = load()
    except po.PharmaOutsourcingError as error:
        message = str(error)
    else:
        round_trips(value)
        COUNTS[f"{test}: loaded and round-tripped"] += 1
        return
    assert message.strip()  # the error says what is wrong
    COUNTS[f"{test}: library errors"] += 1


def _partners_round_trip(partners: tuple[po.Partner, ...]) -> None:
    formats: tuple[PartnerFormat, ...] = ("json", "toml", "csv")
    for fmt in formats:
        assert po.loads_partners(po.dumps_partners(partners, fmt), fmt) == partners, fmt
    assert all(isinstance(partner, po.Partner) for partner in partners)


def _profile_round_trips(profile: po.SponsorProfile) -> None:
    formats: tuple[ProfileFormat, ...] = ("json", "toml")
    for fmt in formats:
        assert po.loads_profile(po.dumps_profile(profile, fmt), fmt) == profile, fmt


# --- the suite ---------------------------------------------------------------------------


@FUZZ
@given(st.data())
def test_mutated_partner_files_load_and_round_trip_or_give_our_error(data: st.DataObject) -> None:
    fmt: PartnerFormat = data.draw(st.sampled_from(["json", "csv", "toml"]))
    of_0_2 = data.draw(st.booleans())
    seed = (CSV_OF_0_2 if of_0_2 else PARTNERS_CSV) if fmt == "csv" else PARTNERS_JSON
    if fmt != "csv" and of_0_2:
        seed = JSON_OF_0_2
    if fmt == "toml":
        seed = po.dumps_partners(po.loads_partners(seed), "toml")
    text = data.draw(text_mutation(seed))
    _outcome("text", lambda: po.loads_partners(text, fmt), _partners_round_trip)


@FUZZ
@given(st.data())
def test_mutated_partner_records_load_and_round_trip_or_give_our_error(
    data: st.DataObject,
) -> None:
    seed = data.draw(st.sampled_from([PARTNERS_JSON, JSON_OF_0_2]))
    records = data.draw(structure_mutation(json.loads(seed)))
    fmt: PartnerFormat = data.draw(st.sampled_from(["json", "toml"]))
    text = _json(records) if fmt == "json" else _toml(records)
    _outcome("structure", lambda: po.loads_partners(text, fmt), _partners_round_trip)


@FUZZ
@given(st.data())
def test_mutated_csv_cells_load_and_round_trip_or_give_our_error(data: st.DataObject) -> None:
    text = data.draw(cell_mutation(data.draw(st.sampled_from([PARTNERS_CSV, CSV_OF_0_2]))))
    _outcome("cells", lambda: po.loads_partners(text, "csv"), _partners_round_trip)


@FUZZ
@given(st.data())
def test_mutated_profiles_load_and_round_trip_or_give_our_error(data: st.DataObject) -> None:
    seed = data.draw(st.sampled_from([*PROFILES, PROFILE_OF_0_1]))
    if data.draw(st.booleans()):
        text = data.draw(text_mutation(seed))
        fmt: ProfileFormat = "toml"
    else:
        import tomllib  # noqa: PLC0415

        mutated = data.draw(structure_mutation(tomllib.loads(seed)))
        fmt = data.draw(st.sampled_from(["json", "toml"]))
        text = _json(mutated) if fmt == "json" else _toml(mutated)
    _outcome("profiles", lambda: po.loads_profile(text, fmt), _profile_round_trips)
