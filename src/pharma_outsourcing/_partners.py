"""Candidate partners and their regulatory track records."""

from __future__ import annotations

import datetime
import functools
import time
from collections.abc import Iterable
from typing import Any

import attrs

from . import _fields as convert
from ._errors import InvalidInputError, PharmaOutsourcingError
from ._fields import (
    as_tuple,
    boolean,
    member_of,
    members_of,
    non_empty_text,
    rating,
    tuple_of,
)
from ._services import Service, services_of
from ._vocabulary import (
    DosageForm,
    Market,
    Modality,
    OrganisationType,
    Phase,
    Regulator,
    TherapeuticArea,
    Vocabulary,
    register_aliases,
)

__all__ = ["Inspection", "InspectionOutcome", "Partner", "Submission", "SubmissionOutcome"]

_EARLIEST_YEAR = 1938  # the US Federal Food, Drug, and Cosmetic Act; no record is older


class InspectionOutcome(Vocabulary):
    """The final classification of a GMP inspection.

    FDA classifies an inspection as no action indicated (NAI), voluntary action indicated
    (VAI) or official action indicated (OAI); a warning letter follows significant
    violations (see DOMAIN.md, "Track records"). A Form 483 lists observations at the
    close of an inspection and is not a final classification, so it is not an outcome.

    Example:
        >>> from pharma_outsourcing import InspectionOutcome
        >>> InspectionOutcome.parse("NAI")
        <InspectionOutcome.NO_ACTION_INDICATED: 'no-action-indicated'>
    """

    NO_ACTION_INDICATED = "no-action-indicated"
    VOLUNTARY_ACTION_INDICATED = "voluntary-action-indicated"
    OFFICIAL_ACTION_INDICATED = "official-action-indicated"
    WARNING_LETTER = "warning-letter"


register_aliases(
    InspectionOutcome,
    {
        "nai": "no-action-indicated",
        "vai": "voluntary-action-indicated",
        "oai": "official-action-indicated",
        "wl": "warning-letter",
    },
)


class SubmissionOutcome(Vocabulary):
    """The outcome of a regulatory submission a partner prepared.

    Example:
        >>> from pharma_outsourcing import SubmissionOutcome
        >>> SubmissionOutcome.parse("under review")
        <SubmissionOutcome.PENDING: 'pending'>
    """

    APPROVED = "approved"
    REFUSED = "refused"
    PENDING = "pending"


register_aliases(
    SubmissionOutcome,
    {
        "approval": "approved",
        "granted": "approved",
        "rejected": "refused",
        "refusal": "refused",
        "under review": "pending",
        "in review": "pending",
        "submitted": "pending",
    },
)


def _current_year() -> int:
    """This year (UTC): the clock read once an hour, not once a record."""
    return _year_of_hour(int(time.time()) // 3600)


@functools.lru_cache(maxsize=1)
def _year_of_hour(hour: int) -> int:
    """The UTC year of an hour since the epoch (a year begins on the hour)."""
    return datetime.datetime.fromtimestamp(hour * 3600, tz=datetime.UTC).year


def _year(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a record's year: a whole number, not before 1938, not in the future."""
    latest = _current_year()
    if isinstance(value, bool) or not isinstance(value, int):
        problem = "is not a whole year"
    elif value > latest:
        problem = "is in the future"
    elif value < _EARLIEST_YEAR:
        problem = f"is before {_EARLIEST_YEAR} (the US Federal Food, Drug, and Cosmetic Act)"
    else:
        return
    raise InvalidInputError(
        field=attribute.name,
        value=value,
        problem=problem,
        allowed=f"a year from {_EARLIEST_YEAR} to {latest}",
        suggestion=(
            str(min(max(value, _EARLIEST_YEAR), latest))
            if isinstance(value, int) and not isinstance(value, bool)
            else None
        ),
    )


def _count(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInputError(
            field=attribute.name,
            value=value,
            problem="is not a count",
            allowed="0, 1, 2, ...",
            suggestion="0" if isinstance(value, int) and not isinstance(value, bool) else None,
        )


# JSON Schema fragments for pharma_outsourcing.json_schema (see _schema.py).
_YEAR_SCHEMA = {"json_schema": {"minimum": _EARLIEST_YEAR}}
_COUNT_SCHEMA = {"json_schema": {"minimum": 0}}


@attrs.frozen(kw_only=True)
class Inspection:
    """A GMP inspection of a partner's site by a regulator.

    Attributes:
        regulator: The inspecting regulator.
        year: The year of the inspection.
        outcome: Its final classification.
        critical: Deficiencies graded critical (EU, MHRA and PIC/S grading), if known.
        major: Deficiencies graded major.
        other: Deficiencies graded other.

    Example:
        >>> from pharma_outsourcing import Inspection, InspectionOutcome, Regulator
        >>> Inspection(
        ...     regulator=Regulator.FDA, year=2023, outcome=InspectionOutcome.NO_ACTION_INDICATED
        ... ).adverse
        False
    """

    regulator: Regulator = attrs.field(validator=member_of(Regulator))
    year: int = attrs.field(validator=_year, metadata=_YEAR_SCHEMA)
    outcome: InspectionOutcome = attrs.field(validator=member_of(InspectionOutcome))
    critical: int = attrs.field(default=0, validator=_count, metadata=_COUNT_SCHEMA)
    major: int = attrs.field(default=0, validator=_count, metadata=_COUNT_SCHEMA)
    other: int = attrs.field(default=0, validator=_count, metadata=_COUNT_SCHEMA)

    @property
    def adverse(self) -> bool:
        """Whether the outcome counts against the partner (official action, warning letter)."""
        return self.outcome in (
            InspectionOutcome.OFFICIAL_ACTION_INDICATED,
            InspectionOutcome.WARNING_LETTER,
        )


@attrs.frozen(kw_only=True)
class Submission:
    """A regulatory submission a partner prepared or supported, and its outcome.

    Attributes:
        regulator: The regulator it was submitted to.
        year: The year of the submission or of its outcome.
        outcome: Approved, refused or pending.

    Example:
        >>> from pharma_outsourcing import Regulator, Submission, SubmissionOutcome
        >>> submission = Submission(
        ...     regulator=Regulator.EMA, year=2022, outcome=SubmissionOutcome.APPROVED
        ... )
        >>> submission.outcome.value
        'approved'
    """

    regulator: Regulator = attrs.field(validator=member_of(Regulator))
    year: int = attrs.field(validator=_year, metadata=_YEAR_SCHEMA)
    outcome: SubmissionOutcome = attrs.field(validator=member_of(SubmissionOutcome))


def _inspections(value: Iterable[Inspection]) -> tuple[Inspection, ...]:
    return as_tuple(value)


def _submissions(value: Iterable[Submission]) -> tuple[Submission, ...]:
    return as_tuple(value)


def _typical_phases(services: Iterable[Service]) -> frozenset[Phase]:
    """The phases in which any of ``services`` is typically bought."""
    phases: set[Phase] = set()
    if isinstance(services, frozenset):  # anything else is refused by the services validator
        for service in services:
            if isinstance(service, Service):
                phases |= service.phases
    return frozenset(phases)


def _within_type(partner: Partner, _attribute: attrs.Attribute[Any], value: object) -> None:
    """Refuse services outside the catalogue of the partner's organisation type.

    Runs after ``members_of(Service)`` (the field's first validator).
    """
    offered = services_of(partner.organisation_type)
    if partner.services <= offered:
        return
    extra = partner.services - offered
    if extra:  # pragma: no branch - not a subset, so something is extra
        kind = partner.organisation_type.value.upper()
        names = sorted(service.value for service in extra)
        raise InvalidInputError(
            field="services",
            value=names[0] if len(names) == 1 else names,
            problem=(
                f"{'is not a' if len(names) == 1 else 'are not'} {kind} "
                f"service{'' if len(names) == 1 else 's'} ({partner.name!r} is a {kind})"
            ),
            allowed=f"the services of a {kind}: " + ", ".join(sorted(s.value for s in offered)),
            suggestion="cdmo as organisation_type, if it offers both kinds of work",
        )


@attrs.frozen(kw_only=True)
class Partner:
    """A candidate contract organisation: what it offers, where, and its track record.

    Only ``name`` and ``organisation_type`` are required.

    Attributes:
        name: The company's name; the tie-breaker when partners rank equal.
        organisation_type: CRO, CMO or CDMO.
        services: What it offers (default: every service of its type). Must lie within
            its type's catalogue (:func:`services_of`).
        phases: The phases it serves (default: the phases in which its services are
            typically bought).
        therapeutic_areas: Therapeutic areas it has expertise in (research work).
        modalities: Modalities it can make (manufacturing work).
        dosage_forms: Dosage forms it can make (manufacturing work).
        markets: Where it operates.
        inspections: Its GMP inspection history.
        submissions: Regulatory submissions it prepared or supported.
        gmp_certified: Whether it holds GMP certification for its manufacturing.
        communication: The sponsor's own 0-5 rating of its cultural fit and
            communication; ``None`` when not yet assessed.

    Raises:
        InvalidInputError: A field holds a value of the wrong kind, a service outside the
            type's catalogue, a rating outside 0-5, a year in the future or an empty name.

    Example:
        >>> from pharma_outsourcing import Market, OrganisationType, Partner, Phase
        >>> cro = Partner(
        ...     name="Example CRO", organisation_type=OrganisationType.CRO, markets={Market.US}
        ... )
        >>> Phase.PHASE_2 in cro.phases, Phase.COMMERCIAL in cro.phases
        (True, False)
    """

    name: str = attrs.field(validator=non_empty_text)
    organisation_type: OrganisationType = attrs.field(validator=member_of(OrganisationType))
    services: frozenset[Service] = attrs.field(
        converter=convert.services, validator=[members_of(Service), _within_type]
    )
    phases: frozenset[Phase] = attrs.field(converter=convert.phases, validator=members_of(Phase))
    therapeutic_areas: frozenset[TherapeuticArea] = attrs.field(
        factory=frozenset,
        converter=convert.therapeutic_areas,
        validator=members_of(TherapeuticArea),
    )
    modalities: frozenset[Modality] = attrs.field(
        factory=frozenset, converter=convert.modalities, validator=members_of(Modality)
    )
    dosage_forms: frozenset[DosageForm] = attrs.field(
        factory=frozenset, converter=convert.dosage_forms, validator=members_of(DosageForm)
    )
    markets: frozenset[Market] = attrs.field(
        factory=frozenset, converter=convert.markets, validator=members_of(Market)
    )
    inspections: tuple[Inspection, ...] = attrs.field(
        default=(), converter=_inspections, validator=tuple_of(Inspection)
    )
    submissions: tuple[Submission, ...] = attrs.field(
        default=(), converter=_submissions, validator=tuple_of(Submission)
    )
    gmp_certified: bool = attrs.field(default=False, validator=boolean())
    communication: float | None = attrs.field(
        default=None, validator=rating(0, 5), metadata={"json_schema": {"minimum": 0, "maximum": 5}}
    )

    @services.default
    def _default_services(self) -> frozenset[Service]:
        try:
            return services_of(self.organisation_type)
        except PharmaOutsourcingError:  # refused with its field's name by the validator
            return frozenset()

    @phases.default
    def _default_phases(self) -> frozenset[Phase]:
        return _typical_phases(self.services)
