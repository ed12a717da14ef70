"""Typed converters for attrs fields.

The mypy attrs plugin types a constructor's parameters from the converter's signature
and cannot see through generic converters, so each collection type has its own small,
named converter: users can then pass any iterable (a set, a list) and the type checker
knows what it must hold.
"""

from __future__ import annotations

from collections.abc import Iterable

from ._services import Service
from ._validation import freeze, keeps
from ._vocabulary import (
    DosageForm,
    Market,
    Modality,
    OrganisationType,
    Phase,
    TherapeuticArea,
)

__all__ = [
    "dosage_forms",
    "markets",
    "modalities",
    "optional_services",
    "organisation_types",
    "phases",
    "services",
    "therapeutic_areas",
]


def services(value: Iterable[Service]) -> frozenset[Service]:
    """A set of services, frozen."""
    return freeze(value)


def optional_services(value: Iterable[Service] | None) -> frozenset[Service] | None:
    """A set of services, frozen, or ``None`` left as it is."""
    return None if value is None else freeze(value)


def phases(value: Iterable[Phase]) -> frozenset[Phase]:
    """A set of phases, frozen."""
    return freeze(value)


def markets(value: Iterable[Market]) -> frozenset[Market]:
    """A set of markets, frozen."""
    return freeze(value)


def therapeutic_areas(value: Iterable[TherapeuticArea]) -> frozenset[TherapeuticArea]:
    """A set of therapeutic areas, frozen."""
    return freeze(value)


def modalities(value: Iterable[Modality]) -> frozenset[Modality]:
    """A set of modalities, frozen."""
    return freeze(value)


def dosage_forms(value: Iterable[DosageForm]) -> frozenset[DosageForm]:
    """A set of dosage forms, frozen."""
    return freeze(value)


def organisation_types(value: Iterable[OrganisationType]) -> frozenset[OrganisationType]:
    """A set of organisation types, frozen."""
    return freeze(value)


# Each returns a frozenset as it is (see _validation.keeps, read by the fast loader).
keeps(
    frozenset,
    services,
    phases,
    markets,
    therapeutic_areas,
    modalities,
    dosage_forms,
    organisation_types,
)
