"""Reading sponsor profiles from files.

A first, hand-written reader: every field is parsed with its vocabulary's ``parse``, and
unknown keys are refused with the nearest known key suggested.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import attrs

from ._errors import InvalidInputError, PharmaOutsourcingError, nearest
from ._profile import SponsorProfile
from ._services import Service
from ._vocabulary import DosageForm, Market, Modality, Phase, TherapeuticArea

__all__ = ["load_profile"]

_PROFILE_FIELDS = [field.name for field in attrs.fields(SponsorProfile)]


def _read(path: Path) -> object:
    text = path.read_text(encoding="utf-8-sig")
    suffix = path.suffix.lower()
    try:
        if suffix == ".toml":
            return tomllib.loads(text)
        if suffix == ".json":
            return json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as error:
        raise PharmaOutsourcingError(f"{path}: not valid {suffix[1:].upper()}: {error}") from None
    raise InvalidInputError(
        field="file suffix", value=path.suffix, allowed=".toml, .json", problem="is not supported"
    )


def load_profile(path: str | Path) -> SponsorProfile:
    """Read a :class:`SponsorProfile` from a TOML or JSON file.

    Raises:
        PharmaOutsourcingError: The file is not valid TOML or JSON, or a field is wrong;
            the message names the file and the field.
        OSError: The file cannot be read.

    Example:
        >>> profile = load_profile("examples/phase1-biotech.toml")
        >>> profile.phase.value
        'phase-1'
    """
    path = Path(path)
    data = _read(path)
    if not isinstance(data, dict):
        raise PharmaOutsourcingError(f"{path}: a profile must be a table of fields")
    try:
        return _structure_profile(data)
    except InvalidInputError as error:
        raise type(error)(
            field=f"{path}: {error.field}",
            value=error.value,
            problem=error.problem,
            allowed=error.allowed,
            suggestion=error.suggestion,
        ) from None


def _structure_profile(data: dict[str, object]) -> SponsorProfile:
    for key, value in data.items():
        if key not in _PROFILE_FIELDS:
            raise InvalidInputError(
                field=key,
                value=value,
                problem="is under an unknown key",
                allowed=", ".join(_PROFILE_FIELDS),
                suggestion=nearest(key, _PROFILE_FIELDS),
            )
    if "phase" not in data:
        raise InvalidInputError(
            field="phase", value=None, problem="is missing", allowed=", ".join(Phase)
        )
    values: dict[str, object] = dict(data)
    values["phase"] = Phase.parse(data["phase"], field="phase")  # type: ignore[arg-type]
    if "horizon" in data:
        values["horizon"] = Phase.parse(data["horizon"], field="horizon")  # type: ignore[arg-type]
    for key in ("in_house", "services"):
        if key in data:
            values[key] = Service.parse_many(data[key], field=key)  # type: ignore[arg-type]
    if "target_markets" in data:
        values["target_markets"] = Market.parse_many(
            data["target_markets"],  # type: ignore[arg-type]
            field="target_markets",
        )
    for key, vocabulary in (
        ("therapeutic_area", TherapeuticArea),
        ("modality", Modality),
        ("dosage_form", DosageForm),
    ):
        if key in data:
            values[key] = vocabulary.parse(data[key], field=key)  # type: ignore[arg-type]
    return SponsorProfile(**values)  # type: ignore[arg-type]
