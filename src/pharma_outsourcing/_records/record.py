"""One published regulatory record about a firm's site, before it is matched to a partner."""

from __future__ import annotations

from typing import Any

import attrs

from .._errors import InvalidInputError
from .._fields import fei_number, instance_of, non_empty_text, optional_text
from .._partners import Inspection

__all__ = ["PublicRecord"]


def _optional_fei_number(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        fei_number(instance, attribute, value)


def _country(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    optional_text(_instance, attribute, value)
    if isinstance(value, str) and (not value.strip() or value != value.strip()):
        raise InvalidInputError(
            field=attribute.name,
            value=value,
            problem="is not a country",
            allowed="the country or area as the regulator wrote it, with no surrounding "
            "spaces, or nothing when not given",
            suggestion=value.strip() or None,
        )


@attrs.frozen(kw_only=True)
class PublicRecord:
    """A regulator's published record about a firm, as read from the regulator's export.

    A record is not yet a partner's: :func:`match_records` attaches it to the partner whose
    FEI number or legal name it carries. FDA publishes final classifications only, and
    leaves out state and pre-approval inspections; no record is not a clean record.

    Attributes:
        firm: The firm's name as the regulator wrote it (FDA's ``Legal Name`` or
            ``Company Name``).
        fei_number: The site's FDA Establishment Identifier, as a text of digits (leading
            zeros kept as given), or ``None`` where the export has none (warning letters).
        country: The site's country or area as written in the export, or ``None``.
        inspection: The record itself, as it will stand in the partner's
            :attr:`Partner.inspections`.
        source: Where the record was read: the file and its row.

    Raises:
        InvalidInputError: A field holds a value of the wrong kind, an empty firm name or
            an FEI number that is not a text of digits.

    Example:
        >>> import datetime
        >>> from pharma_outsourcing import Inspection, InspectionOutcome, PublicRecord, Regulator
        >>> record = PublicRecord(
        ...     firm="Example Pharma Inc.",
        ...     fei_number="3001234567",
        ...     country="United States",
        ...     inspection=Inspection(
        ...         regulator=Regulator.FDA,
        ...         date=datetime.date(2024, 3, 14),
        ...         outcome=InspectionOutcome.NO_ACTION_INDICATED,
        ...         site="3001234567",
        ...     ),
        ...     source="inspections.csv, row 2",
        ... )
        >>> record.inspection.year, record.inspection.outcome.label
        (2024, 'no action indicated (NAI)')
    """

    firm: str = attrs.field(validator=non_empty_text)
    fei_number: str | None = attrs.field(default=None, validator=_optional_fei_number)
    country: str | None = attrs.field(default=None, validator=_country)
    inspection: Inspection = attrs.field(validator=instance_of(Inspection))
    source: str = attrs.field(validator=non_empty_text)
