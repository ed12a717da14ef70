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
    fei_number,
    member_of,
    members_of,
    non_empty_text,
    optional_text,
    rating,
    tuple_of,
    unicode_problem,
)
from ._services import Capability, Framework, Service, services_of
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
    register_labels,
)

__all__ = [
    "Audit",
    "AuditOutcome",
    "Inspection",
    "InspectionOutcome",
    "Partner",
    "Standing",
    "Submission",
    "SubmissionOutcome",
]

_MONTHS = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)  # English whatever the locale
_EARLIEST_YEAR = 1938  # the US Federal Food, Drug, and Cosmetic Act; no record is older


class Standing(Vocabulary):
    """What a regulator's outcome means for a site's compliance (DESIGN.md §5).

    - ``ACCEPTABLE``: no action indicated, a GMP certificate, a close-out letter, removal
      from an import alert;
    - ``ACCEPTABLE_WITH_OBSERVATIONS``: voluntary action indicated;
    - ``UNACCEPTABLE``: official action indicated, a warning letter, an import alert, a
      statement of non-compliance.

    Example:
        >>> from pharma_outsourcing import InspectionOutcome, Standing
        >>> InspectionOutcome.WARNING_LETTER.standing is Standing.UNACCEPTABLE
        True
    """

    ACCEPTABLE = "acceptable"
    ACCEPTABLE_WITH_OBSERVATIONS = "acceptable-with-observations"
    UNACCEPTABLE = "unacceptable"


class InspectionOutcome(Vocabulary):
    """A regulator's outcome for a site: an inspection's classification, or an action.

    FDA classifies an inspection as no action indicated (NAI), voluntary action indicated
    (VAI) or official action indicated (OAI), and may follow it with a warning letter
    (closed out by a close-out letter once FDA finds the violations corrected) or an
    import alert (lifted only by removal from it). EU/EEA, UK and other PIC/S authorities
    issue a GMP certificate after a compliant inspection and publish a statement of
    non-compliance otherwise; Health Canada rates an inspection compliant (C) or
    non-compliant (NC). See DOMAIN.md, "Track records". A Form 483 lists observations at
    the close of an inspection and is not a final outcome, so it is not one here.

    Each outcome has a :attr:`standing` and says whether it is an inspection (evidence
    of compliance) or an action (:attr:`is_inspection`): a close-out letter or a removal
    is acceptable, but is not an inspection.

    Example:
        >>> from pharma_outsourcing import InspectionOutcome
        >>> InspectionOutcome.parse("Official Action Indicated (OAI)")
        <InspectionOutcome.OFFICIAL_ACTION_INDICATED: 'official-action-indicated'>
        >>> InspectionOutcome.parse("statement of non-compliance").standing.label
        'unacceptable'
    """

    NO_ACTION_INDICATED = "no-action-indicated"
    VOLUNTARY_ACTION_INDICATED = "voluntary-action-indicated"
    OFFICIAL_ACTION_INDICATED = "official-action-indicated"
    WARNING_LETTER = "warning-letter"
    CLOSE_OUT_LETTER = "close-out-letter"
    IMPORT_ALERT = "import-alert"
    IMPORT_ALERT_REMOVED = "import-alert-removed"
    COMPLIANT = "compliant"
    NON_COMPLIANT = "non-compliant"

    @property
    def standing(self) -> Standing:
        """Acceptable, acceptable with observations, or unacceptable."""
        return _STANDING[self]

    @property
    def is_inspection(self) -> bool:
        """Whether the outcome is an inspection's (evidence of compliance), not an action."""
        return self not in _ACTIONS


_OUTCOME = InspectionOutcome
_STANDING = {
    _OUTCOME.NO_ACTION_INDICATED: Standing.ACCEPTABLE,
    _OUTCOME.VOLUNTARY_ACTION_INDICATED: Standing.ACCEPTABLE_WITH_OBSERVATIONS,
    _OUTCOME.OFFICIAL_ACTION_INDICATED: Standing.UNACCEPTABLE,
    _OUTCOME.WARNING_LETTER: Standing.UNACCEPTABLE,
    _OUTCOME.CLOSE_OUT_LETTER: Standing.ACCEPTABLE,
    _OUTCOME.IMPORT_ALERT: Standing.UNACCEPTABLE,
    _OUTCOME.IMPORT_ALERT_REMOVED: Standing.ACCEPTABLE,
    _OUTCOME.COMPLIANT: Standing.ACCEPTABLE,
    _OUTCOME.NON_COMPLIANT: Standing.UNACCEPTABLE,
}
_ACTIONS = frozenset(
    {
        _OUTCOME.WARNING_LETTER,
        _OUTCOME.CLOSE_OUT_LETTER,
        _OUTCOME.IMPORT_ALERT,
        _OUTCOME.IMPORT_ALERT_REMOVED,
    }
)

# Outcomes written "<outcome> from <regulator>", "<regulator> inspection classified
# <class>"; the rest "<regulator> <outcome>".
_ISSUED = frozenset({_OUTCOME.COMPLIANT, _OUTCOME.NON_COMPLIANT})
_CLASSIFIED = {
    _OUTCOME.NO_ACTION_INDICATED: "NAI (no action indicated)",
    _OUTCOME.VOLUNTARY_ACTION_INDICATED: "VAI (voluntary action indicated)",
    _OUTCOME.OFFICIAL_ACTION_INDICATED: "OAI (official action indicated)",
}

register_labels(
    InspectionOutcome,
    {
        "no-action-indicated": "no action indicated (NAI)",
        "voluntary-action-indicated": "voluntary action indicated (VAI)",
        "official-action-indicated": "official action indicated (OAI)",
        "close-out-letter": "close-out letter",
        "import-alert-removed": "removal from import alert",
        "compliant": "compliant (GMP certificate)",
        "non-compliant": "statement of non-compliance",
    },
)

register_aliases(
    InspectionOutcome,
    {
        "nai": "no-action-indicated",
        "no action indicated (nai)": "no-action-indicated",
        "vai": "voluntary-action-indicated",
        "voluntary action indicated (vai)": "voluntary-action-indicated",
        "oai": "official-action-indicated",
        "official action indicated (oai)": "official-action-indicated",
        "wl": "warning-letter",
        "close out": "close-out-letter",
        "closeout": "close-out-letter",
        "closeout letter": "close-out-letter",
        "warning letter closed out": "close-out-letter",
        "import alert removal": "import-alert-removed",
        "removal from import alert": "import-alert-removed",
        "removed from import alert": "import-alert-removed",
        "gmp certificate": "compliant",
        "certificate": "compliant",
        "certificate of gmp compliance": "compliant",
        "c": "compliant",
        "acceptable": "compliant",
        "statement of non compliance": "non-compliant",
        "statement of noncompliance": "non-compliant",
        "snc": "non-compliant",
        "noncompliant": "non-compliant",
        "nc": "non-compliant",
        "unacceptable": "non-compliant",
    },
)


class AuditOutcome(Vocabulary):
    """The outcome of the sponsor's own qualification audit of a supplier.

    The sponsor's quality unit approves the supplier, approves it with conditions (open
    findings to close before or after award) or does not approve it. ICH Q10 2.7 and EU
    GMP Chapter 7 ask for this assessment of a provider's suitability and competence
    before outsourcing (see DOMAIN.md, "Partner selection in the literature").

    Example:
        >>> from pharma_outsourcing import AuditOutcome
        >>> AuditOutcome.parse("conditionally approved")
        <AuditOutcome.APPROVED_WITH_CONDITIONS: 'approved-with-conditions'>
    """

    APPROVED = "approved"
    APPROVED_WITH_CONDITIONS = "approved-with-conditions"
    NOT_APPROVED = "not-approved"


register_aliases(
    AuditOutcome,
    {
        "pass": "approved",
        "passed": "approved",
        "qualified": "approved",
        "acceptable": "approved",
        "conditional": "approved-with-conditions",
        "conditionally approved": "approved-with-conditions",
        "approved with observations": "approved-with-conditions",
        "conditional approval": "approved-with-conditions",
        "fail": "not-approved",
        "failed": "not-approved",
        "rejected": "not-approved",
        "disqualified": "not-approved",
        "unacceptable": "not-approved",
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


def _date(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a record's date: ``None``, or a calendar date from 1938 to today."""
    if value is None:
        return
    today = datetime.datetime.now(tz=datetime.UTC).date()
    if type(value) is not datetime.date:
        problem = "is not a date"
    elif value > today:
        problem = "is in the future"
    elif value.year < _EARLIEST_YEAR:
        problem = f"is before {_EARLIEST_YEAR} (the US Federal Food, Drug, and Cosmetic Act)"
    else:
        return
    raise InvalidInputError(
        field=attribute.name,
        value=value,
        problem=problem,
        allowed=f"a date (YYYY-MM-DD) from {_EARLIEST_YEAR}-01-01 to {today.isoformat()}",
    )


def _year_of_date(record: Inspection) -> int | None:
    """The default year of an inspection: its date's (``None`` when it has no date)."""
    date: object = record.date
    return date.year if isinstance(date, datetime.date) else None


def _year_agrees(record: Inspection, attribute: attrs.Attribute[Any], value: int | None) -> None:
    """Refuse a missing year, and a year that disagrees with the record's date."""
    if value is None:
        raise InvalidInputError(
            field=attribute.name,
            value=value,
            problem="is missing",
            allowed="the year of the record, or its date (the year is then the date's)",
        )
    _year(record, attribute, value)
    date = record.date
    if isinstance(date, datetime.date) and date.year != value:
        raise InvalidInputError(
            field=attribute.name,
            value=value,
            problem=f"disagrees with the record's date ({date.isoformat()})",
            allowed="the date's year, or no year (it is then the date's)",
            suggestion=str(date.year),
        )


def _identifier(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a site identifier: ``None``, or text with no surrounding spaces."""
    if value is None:
        return
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        raise InvalidInputError(
            field=attribute.name,
            value=value,
            problem="is not a site identifier",
            allowed="the site's FEI number or other identifier, as non-empty text with no "
            "surrounding spaces, or nothing (the record is not tied to one site)",
            suggestion=value.strip() or None if isinstance(value, str) else None,
        )
    problem = unicode_problem(attribute.name, value)
    if problem is not None:
        raise problem


def _fei_numbers(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate FDA establishment identifiers: a set of texts of digits."""
    if not isinstance(value, frozenset):
        raise InvalidInputError(
            field=attribute.name,
            value=value,
            problem="is not a set",
            allowed="a set of FEI numbers, as texts of digits",
        )
    for number in sorted(value, key=str):
        fei_number(_instance, attribute, number)


def _inspection_outcome(value: InspectionOutcome | str) -> InspectionOutcome:
    return value if type(value) is InspectionOutcome else convert.member(InspectionOutcome, value)


def _audit_outcome(value: AuditOutcome | str) -> AuditOutcome:
    return value if type(value) is AuditOutcome else convert.member(AuditOutcome, value)


def _submission_outcome(value: SubmissionOutcome | str) -> SubmissionOutcome:
    return value if type(value) is SubmissionOutcome else convert.member(SubmissionOutcome, value)


# JSON Schema fragments for pharma_outsourcing.json_schema (see _schema.py).
_YEAR_SCHEMA = {"json_schema": {"minimum": _EARLIEST_YEAR}}
_COUNT_SCHEMA = {"json_schema": {"minimum": 0}}


@attrs.frozen(kw_only=True)
class Inspection:
    """A regulator's outcome for a partner's site: an inspection, or an action after one.

    Attributes:
        regulator: The regulator.
        date: The day of the record (an inspection's last day, a letter's issue date),
            when known: it orders records within a year.
        year: The year of the record; default the year of ``date`` (one of the two is
            required, and they must agree).
        outcome: The inspection's classification, or the action (see
            :class:`InspectionOutcome`).
        framework: What the record judges: GMP (default) for manufacturing sites; GCP for
            a CRO's, a sponsor's or a clinical site's inspections (FDA's bioresearch
            monitoring); GLP for a laboratory's; GVP for a pharmacovigilance provider's;
            ``none`` for records that judge nothing the library scores.
        site: The site the record concerns (an FEI number or other site identifier);
            ``None`` when the record is not tied to one site, so it applies to the whole
            partner.
        critical: Deficiencies graded critical (EU, MHRA and PIC/S grading), if known.
        major: Deficiencies graded major.
        other: Deficiencies graded other.
        source: Where the record came from (a file, a register, a letter), if given.

    Raises:
        InvalidInputError: A field holds a value of the wrong kind; the year or date is
            in the future or before 1938; the year disagrees with the date.

    Example:
        >>> import datetime
        >>> from pharma_outsourcing import Inspection, InspectionOutcome, Regulator
        >>> letter = Inspection(
        ...     regulator=Regulator.FDA, date=datetime.date(2024, 3, 12),
        ...     outcome=InspectionOutcome.WARNING_LETTER, site="3001234567",
        ... )
        >>> letter.year, letter.adverse, letter.framework.label
        (2024, True, 'GMP')
    """

    regulator: Regulator = attrs.field(converter=convert.regulator, validator=member_of(Regulator))
    date: datetime.date | None = attrs.field(
        default=None, validator=_date, metadata={"json_schema": {"format": "date"}}
    )
    year: int = attrs.field(
        default=attrs.Factory(_year_of_date, takes_self=True),
        validator=_year_agrees,
        metadata=_YEAR_SCHEMA,
    )
    outcome: InspectionOutcome = attrs.field(
        converter=_inspection_outcome, validator=member_of(InspectionOutcome)
    )
    framework: Framework = attrs.field(
        default=Framework.GMP, converter=convert.framework, validator=member_of(Framework)
    )
    site: str | None = attrs.field(default=None, validator=_identifier)
    critical: int = attrs.field(default=0, validator=_count, metadata=_COUNT_SCHEMA)
    major: int = attrs.field(default=0, validator=_count, metadata=_COUNT_SCHEMA)
    other: int = attrs.field(default=0, validator=_count, metadata=_COUNT_SCHEMA)
    source: str | None = attrs.field(default=None, validator=optional_text)

    @property
    def standing(self) -> Standing:
        """The standing of the record's outcome (see :class:`Standing`)."""
        return self.outcome.standing

    @property
    def adverse(self) -> bool:
        """Whether the outcome is unacceptable (official action, a warning letter, ...)."""
        return self.outcome.standing is Standing.UNACCEPTABLE

    @property
    def when(self) -> str:
        """The record's date in words ("12 March 2024"), or its year when undated."""
        date = self.date
        return str(self.year) if date is None else f"{date.day} {_MONTHS[date.month]} {date.year}"

    @property
    def summary(self) -> str:
        """The record in words: who, what, when and where.

        Example:
            >>> from pharma_outsourcing import Inspection, InspectionOutcome, Regulator
            >>> Inspection(
            ...     regulator=Regulator.EMA, year=2024, outcome=InspectionOutcome.NON_COMPLIANT,
            ...     site="DE-0042",
            ... ).summary
            'statement of non-compliance from the EU/EEA competent authorities, 2024, site DE-0042'
        """
        regulator = self.regulator.in_prose
        outcome = self.outcome
        if outcome in _ISSUED:
            what = f"{outcome.label} from {regulator}"
        elif outcome in _CLASSIFIED:
            what = f"{regulator} inspection classified {_CLASSIFIED[outcome]}"
        else:
            what = f"{regulator} {outcome.label}"
        if self.framework is not Framework.GMP:
            what = f"{what} ({self.framework.label})"
        where = "" if self.site is None else f", site {self.site}"
        return f"{what}, {self.when}{where}"


@attrs.frozen(kw_only=True)
class Audit:
    """The sponsor's own qualification audit of a partner's site.

    Attributes:
        year: The year of the audit.
        outcome: Approved, approved with conditions, or not approved.
        framework: The practice audited against: GMP (default), GLP, GCP, GDP or GVP.
        site: The site audited (an FEI number or other identifier), or ``None``.

    Raises:
        InvalidInputError: A field holds a value of the wrong kind, or the year is in the
            future or before 1938.

    Example:
        >>> from pharma_outsourcing import Audit, AuditOutcome
        >>> audit = Audit(year=2024, outcome=AuditOutcome.APPROVED_WITH_CONDITIONS)
        >>> audit.approved, audit.framework.label
        (True, 'GMP')
    """

    year: int = attrs.field(validator=_year, metadata=_YEAR_SCHEMA)
    outcome: AuditOutcome = attrs.field(converter=_audit_outcome, validator=member_of(AuditOutcome))
    framework: Framework = attrs.field(
        default=Framework.GMP, converter=convert.framework, validator=member_of(Framework)
    )
    site: str | None = attrs.field(default=None, validator=_identifier)

    @property
    def approved(self) -> bool:
        """Whether the quality unit approved the supplier, with or without conditions."""
        return self.outcome is not AuditOutcome.NOT_APPROVED


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

    regulator: Regulator = attrs.field(converter=convert.regulator, validator=member_of(Regulator))
    year: int = attrs.field(validator=_year, metadata=_YEAR_SCHEMA)
    outcome: SubmissionOutcome = attrs.field(
        converter=_submission_outcome, validator=member_of(SubmissionOutcome)
    )


def _inspections(value: Iterable[Inspection]) -> tuple[Inspection, ...]:
    return as_tuple(value)


def _submissions(value: Iterable[Submission]) -> tuple[Submission, ...]:
    return as_tuple(value)


def _audits(value: Iterable[Audit]) -> tuple[Audit, ...]:
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
        modalities: Modalities it can make (manufacturing work). A partner that lists
            none has not shown any: it is screened out of work that needs one.
        dosage_forms: Dosage forms it can make or pack (manufacturing work).
        capabilities: Manufacturing capabilities it has (aseptic processing,
            high-potency containment, ...): must-haves where the profile requires them.
        markets: Where it operates.
        fei_numbers: The FDA Establishment Identifiers of its sites, as texts of digits
            (used to match FDA's public records, and as the ``site`` of its inspections).
        inspections: Regulators' outcomes for its sites: inspections of any framework
            (GMP, GCP, GLP, GVP) and the actions after them (warning letters, import
            alerts, close-outs).
        submissions: Regulatory submissions it prepared or supported.
        audits: The sponsor's own qualification audits of it.
        gmp_certified: The user's statement that it holds a current GMP certificate:
            weak evidence of GMP compliance, used only when no record shows it.
        glp_compliant: The user's statement that its test facility is in a GLP
            compliance-monitoring programme.
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
        >>> min(cro.phases).label, max(cro.phases).label  # to post-marketing safety work
        ('discovery', 'commercial')
        >>> cmo = Partner(name="Example CMO", organisation_type=OrganisationType.CMO)
        >>> Phase.DISCOVERY in cmo.phases, Phase.PRECLINICAL in cmo.phases  # first GMP batch
        (False, True)
    """

    name: str = attrs.field(validator=non_empty_text)
    organisation_type: OrganisationType = attrs.field(
        converter=convert.organisation_type, validator=member_of(OrganisationType)
    )
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
    capabilities: frozenset[Capability] = attrs.field(
        factory=frozenset, converter=convert.capabilities, validator=members_of(Capability)
    )
    markets: frozenset[Market] = attrs.field(
        factory=frozenset, converter=convert.markets, validator=members_of(Market)
    )
    fei_numbers: frozenset[str] = attrs.field(
        factory=frozenset, converter=convert.texts, validator=_fei_numbers
    )
    inspections: tuple[Inspection, ...] = attrs.field(
        default=(), converter=_inspections, validator=tuple_of(Inspection)
    )
    submissions: tuple[Submission, ...] = attrs.field(
        default=(), converter=_submissions, validator=tuple_of(Submission)
    )
    audits: tuple[Audit, ...] = attrs.field(
        default=(), converter=_audits, validator=tuple_of(Audit)
    )
    gmp_certified: bool = attrs.field(default=False, validator=boolean())
    glp_compliant: bool = attrs.field(default=False, validator=boolean())
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
