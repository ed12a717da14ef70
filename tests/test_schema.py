"""JSON Schema generated from the value objects' fields."""

from __future__ import annotations

import functools
import json
import pathlib
import tomllib
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import pharma_outsourcing as po
import strategies  # noqa: F401 - registers the strategies
from helpers import Visit

EXAMPLES = pathlib.Path(__file__).parent.parent / "examples"


@functools.cache
def _validator(cls: type) -> jsonschema.Draft202012Validator:
    """The schema's validator, built once per class: building it is what costs."""
    schema = po.json_schema(cls)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_example_partners_validate() -> None:
    validator = _validator(po.Partner)
    records = json.loads((EXAMPLES / "partners.json").read_text(encoding="utf-8"))
    assert len(records) >= 12
    for record in records:
        validator.validate(record)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.toml")), ids=lambda path: path.name)
def test_example_profiles_validate(path: pathlib.Path) -> None:
    _validator(po.SponsorProfile).validate(tomllib.loads(path.read_text(encoding="utf-8")))


@given(st.from_type(po.Partner))
def test_every_written_partner_validates(partner: po.Partner) -> None:
    _validator(po.Partner).validate(po.converter.unstructure(partner))


@given(st.from_type(po.SponsorProfile))
def test_every_written_profile_validates(profile: po.SponsorProfile) -> None:
    _validator(po.SponsorProfile).validate(po.converter.unstructure(profile))


@given(st.from_type(po.Recommendation))
def test_mappings_validate(recommendation: po.Recommendation) -> None:
    _validator(po.Recommendation).validate(po.converter.unstructure(recommendation))


@pytest.mark.parametrize(
    "record",
    [
        {"name": "A"},
        {"name": "", "organisation_type": "cro"},
        {"name": "A", "organisation_type": "cdmx"},
        {"name": "A", "organisation_type": "cro", "communication": 6},
        {"name": "A", "organisation_type": "cro", "communication": "4"},
        {"name": "A", "organisation_type": "cro", "gmp_certified": "yes"},
        {"name": "A", "organisation_type": "cro", "markets": ["us", "us"]},
        {"name": "A", "organisation_type": "cmo", "inspections": [{"regulator": "fda"}]},
        {"name": "A", "organisation_type": "cro", "unknown": 1},
        {
            "name": "A",
            "organisation_type": "cmo",
            "inspections": [{"regulator": "fda", "date": "2024-3-12", "outcome": "nai"}],
        },
        {
            "name": "A",
            "organisation_type": "cmo",
            "inspections": [{"regulator": "fda", "year": 2024, "outcome": "nai", "framework": "x"}],
        },
        {"name": "A", "organisation_type": "cmo", "audits": [{"year": 2024, "outcome": "ok"}]},
        {"name": "A", "organisation_type": "cmo", "capabilities": ["teleportation"]},
        {"name": "A", "organisation_type": "cmo", "fei_numbers": [3001234567]},
        {"name": "A", "organisation_type": "cmo", "glp_compliant": "yes"},
    ],
)
def test_schema_refuses_what_the_converter_refuses(record: dict[str, Any]) -> None:
    assert list(_validator(po.Partner).iter_errors(record))
    if record.get("markets") != ["us", "us"]:  # duplicates: the converter takes the set
        with pytest.raises(po.InvalidDataError):
            po.converter.structure(record, po.Partner)


def test_schema_shape() -> None:
    schema = po.json_schema(po.Partner)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"] == ["name", "organisation_type"]
    assert schema["additionalProperties"] is False
    properties: dict[str, Any] = schema["properties"]  # type: ignore[assignment]
    assert properties["communication"]["maximum"] == 5
    assert properties["inspections"]["items"] == {"$ref": "#/$defs/Inspection"}
    assert "services_of" in properties["services"]["description"]
    assert ":func:" not in properties["services"]["description"]
    reason = po.json_schema(po.Reason)
    assert reason["required"] == ["text", "source"]  # criterion may be absent: None


def test_schema_of_a_non_value_object_is_refused() -> None:
    with pytest.raises(po.InvalidInputError, match="is not a value object class"):
        po.json_schema(int)


def test_schema_of_other_types() -> None:
    schema = po.json_schema(Visit)
    properties: dict[str, Any] = schema["properties"]  # type: ignore[assignment]
    assert properties["tags"]["items"] == {"type": "integer"}
    assert properties["score"]["anyOf"] == [{"type": "integer"}, {"type": "string"}]
    assert properties["note"]["anyOf"] == [{"type": "integer"}, {"type": "string"}]
    assert properties["day"]["description"] == "When."
    assert schema["required"] == ["day"]
    # Inspection appears once in $defs, however often it is referred to.
    assert list(po.json_schema(po.Partner)["$defs"]) == ["Inspection", "Submission", "Audit"]  # type: ignore[call-overload]


def test_schema_of_the_fields_of_0_2() -> None:
    partner = po.json_schema(po.Partner)
    properties: dict[str, Any] = partner["properties"]  # type: ignore[assignment]
    defs: dict[str, Any] = partner["$defs"]  # type: ignore[assignment]
    capabilities = [capability.value for capability in po.Capability]
    assert properties["capabilities"]["items"] == {"enum": capabilities}
    assert properties["capabilities"]["uniqueItems"] is True
    assert properties["fei_numbers"]["items"] == {"type": "string"}
    assert properties["audits"]["items"] == {"$ref": "#/$defs/Audit"}
    assert properties["glp_compliant"]["type"] == "boolean"
    inspection = defs["Inspection"]["properties"]
    assert {key: inspection["date"][key] for key in ("type", "format")} == {
        "type": "string",
        "format": "date",
    }
    assert inspection["framework"]["enum"] == [framework.value for framework in po.Framework]
    assert inspection["site"]["type"] == "string"
    assert inspection["source"]["type"] == "string"
    # The year may be left out when the date is given: required are regulator and outcome.
    assert defs["Inspection"]["required"] == ["regulator", "outcome"]
    assert defs["Audit"]["required"] == ["year", "outcome"]
    outcomes = defs["Audit"]["properties"]["outcome"]["enum"]
    assert outcomes == [outcome.value for outcome in po.AuditOutcome]
    profile: dict[str, Any] = po.json_schema(po.SponsorProfile)["properties"]  # type: ignore[assignment]
    for name, vocabulary in [
        ("modalities", po.Modality),
        ("dosage_forms", po.DosageForm),
        ("requires", po.Capability),
    ]:
        assert profile[name]["items"] == {"enum": [member.value for member in vocabulary]}
    assert profile["scope"]["items"] == {"enum": [service.value for service in po.Service]}
    assert profile["scope"]["uniqueItems"] is True
    assert profile["pathway"]["items"] == {"enum": [phase.value for phase in po.Phase]}
    assert profile["pathway"]["minItems"] == 1
    assert "regulatory review" in profile["pathway"]["description"]
    # The schema says what the converter writes: the one-value keys of 0.1 are not in it.
    assert "modality" not in profile
    assert "dosage_form" not in profile


@given(st.from_type(po.Inspection) | st.from_type(po.Audit))
def test_every_written_record_validates(record: po.Inspection | po.Audit) -> None:
    cls: type = type(record)
    _validator(cls).validate(po.converter.unstructure(record))
