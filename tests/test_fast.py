"""The fast path for bulk loading and writing: it gives what the careful path gives, or
declines (``None``) so the careful path reads the data and reports every problem.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Iterable
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pharma_outsourcing as po
import strategies  # noqa: F401 - registers the strategies
from pharma_outsourcing import _fast, _partners
from pharma_outsourcing._converter import Problems, structure_hook
from pharma_outsourcing._frozenmap import FrozenMap
from pharma_outsourcing._validation import checked_by, members_of, non_empty_text, rating

SLOW = settings(suppress_health_check=[HealthCheck.too_slow])
partner_lists = st.lists(st.from_type(po.Partner), max_size=6)


def careful_json(partners: list[po.Partner]) -> str:
    """What dumps_partners wrote before the fast path: the converter, then json."""
    if not partners:
        return "[]\n"
    unstructure = po.converter.get_unstructure_hook(po.Partner)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    return "[\n" + ",\n".join(encode(unstructure(p)) for p in partners) + "\n]\n"


def careful_load(records: list[Any]) -> tuple[po.Partner, ...] | None:
    """The careful path's partners for ``records``, or ``None`` when it refuses them."""
    hook = structure_hook(po.Partner)
    try:
        return tuple(hook(record) for record in records)
    except Problems:
        return None


# --- writing --------------------------------------------------------------------------------


@given(partner_lists)
@SLOW
def test_fast_writer_writes_what_the_converter_and_json_write(partners: list[po.Partner]) -> None:
    expected = careful_json(partners)
    assert _fast.dumps_json(po.Partner, partners) == expected
    assert po.dumps_partners(iter(partners), "json") == expected


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.0, "0.0"), (2.5, "2.5"), (1e-05, "1e-05"), (1e16, "1e+16"), (float("nan"), "NaN")],
)
def test_floats_are_written_as_json_writes_them(value: float, text: str) -> None:
    assert _fast._float_text(value) == text == json.dumps(value)


def test_names_with_quotes_controls_and_non_ascii_are_escaped_as_json_escapes_them() -> None:
    partner = po.Partner(
        name='Q "x", \\ y\n\x00 \u00e9 \u2028 \ud800', organisation_type=po.OrganisationType.CRO
    )
    assert _fast.dumps_json(po.Partner, [partner]) == careful_json([partner])


def test_the_written_sets_stay_right_after_the_cache_is_emptied() -> None:
    services = sorted(po.services_of(po.OrganisationType.CDMO))
    # More distinct sets than the cache holds, so it is emptied on the way.
    sets = [
        frozenset(s for bit, s in enumerate(services) if number >> bit & 1)
        for number in range(min(5000, 2 ** len(services)))
    ]
    assert len(sets) > 4096
    write, _ = _fast._members_text(po.Service)
    rank = list(po.Service).index
    for values in sets:
        assert json.loads(write(values)) == [s.value for s in sorted(values, key=rank)]


@attrs.frozen(kw_only=True)
class WithMapping:
    """A class the fast path cannot write or load (a mapping field)."""

    counts: FrozenMap[str, int]


@attrs.frozen(kw_only=True)
class WithUnion:
    """A union that is not an optional value."""

    value: int | str
    other: tuple[FrozenMap[str, int], ...] = ()


def test_types_the_fast_path_cannot_take_are_declined() -> None:
    assert _fast.dumps_json(WithMapping, []) is None
    assert _fast.dumps_json(WithUnion, []) is None
    namespace: dict[str, Any] = {}
    assert _fast._expression(tuple[FrozenMap[str, int], ...], "v", namespace) is None
    assert _fast._expression(tuple[WithMapping, ...], "v", namespace) is None
    assert _fast.load_json(WithMapping, "items", '[{"counts": {}}]') is None
    assert _fast.load_records(WithUnion, [{"value": 1}]) is None


# --- loading --------------------------------------------------------------------------------


@given(partner_lists)
@SLOW
def test_fast_loader_takes_what_the_writer_wrote(partners: list[po.Partner]) -> None:
    text = po.dumps_partners(partners, "json")
    assert _fast.load_json(po.Partner, "partners", text) == partners
    wrapped = json.dumps({"partners": json.loads(text)})
    assert _fast.load_json(po.Partner, "partners", wrapped) == partners
    records = po.converter.unstructure(partners)
    assert _fast.load_records(po.Partner, records) == partners


@given(partner_lists, st.sampled_from(("toml", "csv")))
@SLOW
def test_toml_and_csv_records_take_the_fast_path(partners: list[po.Partner], fmt: str) -> None:
    text = po.dumps_partners(partners, fmt)  # type: ignore[arg-type]
    assert po.loads_partners(text, fmt) == tuple(partners)  # type: ignore[arg-type]


def test_defaults_take_self_as_attrs_gives_them() -> None:
    text = '[{"name": "A", "organisation_type": "cmo"}]'
    loaded = _fast.load_json(po.Partner, "partners", text)
    assert loaded == [po.Partner(name="A", organisation_type=po.OrganisationType.CMO)]
    assert loaded is not None
    assert loaded[0].services == po.services_of(po.OrganisationType.CMO)
    assert loaded[0].inspections == ()
    assert loaded[0].communication is None


GOOD: dict[str, Any] = {
    "name": "Acme",
    "organisation_type": "cro",
    "services": ["site-monitoring"],
    "phases": ["phase-1"],
    "markets": ["us"],
    "inspections": [{"regulator": "fda", "year": 2020, "outcome": "no-action-indicated"}],
    "submissions": [{"regulator": "ema", "year": 2021, "outcome": "approved"}],
    "gmp_certified": False,
    "communication": 4,
}


def changed(path: tuple[str | int, ...], value: object) -> list[dict[str, Any]]:
    record = copy.deepcopy(GOOD)
    target: Any = record
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return [record]


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("communication",), "3"),  # text is not a number
        (("communication",), True),  # a boolean is not a number
        (("communication",), 5.5),  # out of range
        (("communication",), -0.1),
        (("gmp_certified",), "false"),  # text is not a boolean
        (("gmp_certified",), 0),
        (("name",), "   "),  # empty text (a validator the decoder does not stand in for)
        (("name",), 3),
        (("organisation_type",), "CRO"),  # an alias: the careful path reads it
        (("services",), ["tech-transfer"]),  # outside a CRO's catalogue (cross-field)
        (("services",), "site-monitoring"),  # text, not a list
        (("phases",), ["phase 1"]),
        (("inspections", 0, "year"), 2999),  # in the future
        (("inspections", 0, "year"), 1900),  # before 1938
        (("inspections", 0, "year"), 2020.0),  # a whole float: the careful path reads it
        (("inspections", 0, "year"), "2020"),
        (("inspections", 0, "major"), -1),  # not a count
        (("inspections", 0, "outcome"), "nai"),  # an alias
        (("inspections", 0, "extra"), 1),  # unknown key in a nested record
        (("submissions", 0, "outcome"), "granted"),
        (("website",), "https://example.com"),  # unknown key
    ],
)
def test_anything_but_canonical_valid_data_is_declined(
    path: tuple[str | int, ...], value: object
) -> None:
    records = changed(path, value)
    assert _fast.load_records(po.Partner, records) is None
    assert _fast.load_json(po.Partner, "partners", json.dumps(records)) is None
    # ... and the careful path reads it, or refuses it with its full report.
    expected = careful_load(records)
    if expected is None:
        with pytest.raises(po.InvalidDataError, match=r"^record 1"):
            po.loads_partners(json.dumps(records))
    else:
        assert po.loads_partners(json.dumps(records)) == expected


def test_the_good_record_is_taken() -> None:
    assert _fast.load_records(po.Partner, [GOOD]) == list(careful_load([GOOD]) or ())


@pytest.mark.parametrize(
    "text",
    ["", "   ", "[", "{}", '{"partners": [], "more": 1}', "[1]", "[NaN]", "null", '"x"'],
)
def test_malformed_documents_are_declined(text: str) -> None:
    assert _fast.load_json(po.Partner, "partners", text) is None


def test_missing_required_field_is_declined() -> None:
    assert _fast.load_records(po.Partner, [{"name": "A"}]) is None


def test_year_bound_follows_the_calendar(monkeypatch: pytest.MonkeyPatch) -> None:
    records = changed(("inspections", 0, "year"), 2010)
    assert _fast.load_records(po.Partner, records) is not None
    monkeypatch.setattr(_partners, "_current_year", lambda: 2005)
    assert _fast.load_records(po.Partner, records) is None
    with pytest.raises(po.InvalidDataError, match="is in the future"):
        po.loads_partners(json.dumps(records))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(), children),
    max_leaves=6,
)
fields = st.sampled_from(
    [*GOOD, "critical", "therapeutic_areas", "modalities", "dosage_forms", "other_key"]
)


@given(st.dictionaries(fields, json_values | st.sampled_from([*GOOD.values(), "us", "cmo"])))
@SLOW
def test_fast_path_never_takes_what_the_careful_path_refuses(changes: dict[str, Any]) -> None:
    records = [{**GOOD, **changes}]
    fast = _fast.load_records(po.Partner, records)
    if fast is not None:
        assert tuple(fast) == careful_load(records)
    try:
        text = json.dumps(records)
    except ValueError:  # pragma: no cover - json_values holds nothing json refuses
        return
    from_json = _fast.load_json(po.Partner, "partners", text)
    if from_json is not None:
        assert tuple(from_json) == careful_load(json.loads(text))


# --- validators and converters --------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Mismatched:
    """A validator recorded for another type than its field's: it must be called."""

    markets: frozenset[po.Market] = attrs.field(validator=members_of(po.Phase))


def short(_instance: object, _attribute: object, value: str) -> None:
    if len(value) > 3:
        raise ValueError(value)


@attrs.frozen(kw_only=True)
class Checked:
    """A field with two validators (attrs' and_), one a decoder cannot stand in for."""

    name: str = attrs.field(validator=attrs.validators.and_(non_empty_text, short))
    note: str | None = None


def test_a_validator_recorded_for_another_type_is_called() -> None:
    assert _fast.load_records(Mismatched, [{"markets": ["us"]}]) is None
    assert _fast.load_records(Mismatched, [{"markets": []}]) == [Mismatched(markets=frozenset())]


def test_combined_and_plain_validators_are_called() -> None:
    assert _fast.load_records(Checked, [{"name": "abc"}]) == [Checked(name="abc")]
    assert _fast.load_records(Checked, [{"name": "abcd"}]) is None
    assert _fast.load_records(Checked, [{"name": " "}]) is None
    assert _fast.load_records(Checked, [{"name": "a", "note": None}]) == [Checked(name="a")]


def sorted_words(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(words))


@attrs.frozen(kw_only=True)
class Converted:
    """A converter the fast path knows nothing of: it is called, as attrs calls it."""

    words: tuple[str, ...] = attrs.field(converter=sorted_words)
    extra: tuple[str, ...] = attrs.field(default=("b", "a"), converter=sorted_words)


def test_unknown_converters_are_called_on_values_and_defaults() -> None:
    assert _fast.load_records(Converted, [{"words": ["b", "a"]}]) == [Converted(words=["b", "a"])]
    loaded = _fast.load_records(Converted, [{"words": []}])
    assert loaded is not None
    assert loaded[0].extra == ("a", "b")


@attrs.frozen(kw_only=True)
class PostInit:
    value: int

    def __attrs_post_init__(self) -> None:
        pass


@attrs.define
class NotFrozen:
    value: int


@attrs.frozen(kw_only=True, cache_hash=True)
class CachedHash:
    value: int


@attrs.frozen(kw_only=True, slots=False)
class NoSlots:
    value: int


@attrs.frozen(kw_only=True)
class Private:
    _value: int


@pytest.mark.parametrize("cls", [PostInit, CachedHash, NoSlots, Private])
def test_classes_whose_init_does_more_are_declined(cls: type) -> None:
    assert _fast._compile(cls, _fast._now(cls)) is None


def test_a_plain_mutable_attrs_class_is_built() -> None:
    assert _fast.load_records(NotFrozen, [{"value": 3}]) == [NotFrozen(3)]


def _anything(_instance: object, _attribute: object, _value: object) -> None:
    """A validator recorded with a constraint no decoder puts on a set."""


checked_by(_anything, frozenset[po.Market], lambda: (("ge", 0),))


@attrs.frozen(kw_only=True)
class ConstrainedSet:
    markets: frozenset[po.Market] = attrs.field(validator=_anything)


@attrs.frozen(kw_only=True)
class OptionalRecord:
    inspection: po.Inspection | None = None


@attrs.frozen(kw_only=True)
class Nested:
    inspection: po.Inspection
    note: str | None


def test_optional_records_and_constrained_sets_are_declined() -> None:
    assert _fast._compile(ConstrainedSet, _fast._now(ConstrainedSet)) is None
    assert _fast._compile(OptionalRecord, _fast._now(OptionalRecord)) is None


def test_required_nested_records_and_required_optional_values_are_built() -> None:
    record = {"inspection": {"regulator": "fda", "year": 2020, "outcome": "warning-letter"}}
    expected = Nested(
        inspection=po.Inspection(
            regulator=po.Regulator.FDA, year=2020, outcome=po.InspectionOutcome.WARNING_LETTER
        ),
        note=None,
    )
    assert _fast.load_records(Nested, [record]) == [expected]
    assert _fast.load_records(Nested, [{**record, "note": "x"}]) == [
        attrs.evolve(expected, note="x")
    ]


def test_msgspec_is_imported_on_first_use_not_with_the_library() -> None:
    code = (
        "import sys, pharma_outsourcing as po; "
        "assert 'msgspec' not in sys.modules; "
        "po.loads_partners('[]'); "
        "assert 'msgspec' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


class Positive:
    """A validator object that cannot be weakly referenced (so was never recorded)."""

    __slots__ = ()

    def __call__(self, _instance: object, _attribute: object, value: int) -> None:
        if value <= 0:
            raise ValueError(value)


@attrs.frozen(kw_only=True)
class Counted:
    count: int = attrs.field(validator=Positive())


def test_validators_that_cannot_be_weakly_referenced_are_called() -> None:
    assert _fast.load_records(Counted, [{"count": 2}]) == [Counted(count=2)]
    assert _fast.load_records(Counted, [{"count": 0}]) is None


@attrs.frozen(kw_only=True)
class TwoRanges:
    """Two recorded range validators on one field: the second is called, not merged."""

    wide_then_narrow: float | None = attrs.field(
        default=None, validator=attrs.validators.and_(rating(0, 5), rating(1, 2))
    )
    narrow_then_wide: float | None = attrs.field(
        default=None, validator=attrs.validators.and_(rating(1, 2), rating(0, 5))
    )


@pytest.mark.parametrize("field", ["wide_then_narrow", "narrow_then_wide"])
@pytest.mark.parametrize(("value", "taken"), [(1.5, True), (0.5, False), (4, False)])
def test_every_range_on_a_field_holds(field: str, value: float, taken: bool) -> None:
    loaded = _fast.load_records(TwoRanges, [{field: value}])
    assert loaded == ([TwoRanges(**{field: value})] if taken else None)
