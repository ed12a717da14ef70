"""The six partner-selection criteria: each one's score formula next to its reason.

Each criterion is one section below: its formula, made against a :class:`Basis` (the
sponsor's profile, the services the partners are ranked for and the year recency is
measured from) once, with what depends only on the basis looked up then, and giving each
partner's score in [0, 1]; and, beside it, the public function that judges one
:class:`~pharma_outsourcing.Partner` and returns a :class:`Scored`: that same score and a
one-sentence reason, written as a predicate about the partner ("operates in 2 of 3 target
markets: US, EU; not Japan"). :meth:`Basis.score_rows` applies the six formulas to each
partner in turn, which is what :func:`~pharma_outsourcing.rank` sorts by; the reasons are
written only when read. :meth:`Basis.evidence` says what each score rests on
(:class:`Evidence`).

The criteria are the guide's (see DOMAIN.md, "The guide": choosing a partner); how each is
turned into a number is the library's choice, documented with each function, since no
regulator sets one (see DOMAIN.md, "Partner selection in the literature"). Where the guide
is simpler than practice, the formulas follow practice (DESIGN.md §6): no partner is
scored down for the type of organisation it is, a record counts only for the framework of
the work (GMP inspections for manufacturing, FDA's bioresearch monitoring for clinical
work), and an unacceptable outcome outweighs any number of clean ones.

Scores are made only for partners that passed screening (:mod:`._screening`): they all
offer the services, serve the phase and have shown the must-haves.

Which *part* of the work technical expertise judges: the research part when the partner is
ranked for any CRO service, the manufacturing part when it is ranked for any CMO service
(both for a CDMO ranked for both); when it is ranked for no service at all, the part its
type provides.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import StrEnum
from functools import lru_cache
from itertools import chain
from operator import attrgetter
from types import MappingProxyType
from typing import Any, NamedTuple

import attrs

from ._errors import InvalidInputError
from ._fields import checked, checked_all
from ._frozenmap import FrozenMap
from ._partners import (
    Audit,
    AuditOutcome,
    Inspection,
    InspectionOutcome,
    Partner,
    Standing,
    Submission,
    SubmissionOutcome,
)
from ._profile import SponsorProfile
from ._reasons import Reason, in_words, listing, words
from ._screening import GMP_EVIDENCE_YEARS, Requirements, evidence_years
from ._services import Framework, Service, ServiceCategory, services_of
from ._sources import FDA_BIMO, FDA_INSPECTION_CLASSIFICATION, SEED_SELECTION
from ._vocabulary import (
    Criterion,
    OrganisationType,
    Phase,
    Regulator,
    Vocabulary,
    in_declared_order,
)

__all__ = [
    "CRITERIA",
    "HALF_LIFE_YEARS",
    "Basis",
    "Evidence",
    "Scored",
    "as_partners",
    "as_profile",
    "basis_year",
    "cultural_fit",
    "distinct_partners",
    "geographic_footprint",
    "latest_record_year",
    "latest_year",
    "regulatory_track_record",
    "scalability",
    "stage_of_development",
    "technical_expertise",
]

CRO, CMO, CDMO = OrganisationType.CRO, OrganisationType.CMO, OrganisationType.CDMO

HALF_LIFE_YEARS = 5
"""A record's weight halves every this many years before the basis year."""

_UNACCEPTABLE = Standing.UNACCEPTABLE

NEUTRAL = 0.5
"""The score of what is not known: no record, no rating."""

UNACCEPTABLE_PENALTY = 0.75
"""How much of the track record one current unacceptable outcome takes away (a share).

Each unacceptable outcome (OAI, warning letter, import alert, statement of
non-compliance, a failed audit of yours) multiplies the score by
``1 - UNACCEPTABLE_PENALTY * recency``: a current one caps the score at 0.25, whatever
the clean records beside it, and an old one fades with its recency weight."""

# Clean outcomes of inspections and audits: what each adds to the mean. Unacceptable
# ones penalise instead; acceptable actions (a close-out, a removal) clear a block in
# screening but are not inspections, so they add nothing here.
_CLEAN_VALUE: Mapping[StrEnum, float] = {
    InspectionOutcome.NO_ACTION_INDICATED: 1.0,
    InspectionOutcome.COMPLIANT: 1.0,
    InspectionOutcome.VOLUNTARY_ACTION_INDICATED: 0.75,
    AuditOutcome.APPROVED: 1.0,
    AuditOutcome.APPROVED_WITH_CONDITIONS: 0.75,
}
# Submissions, for regulatory work only: approved 1, refused 0; pending ones say nothing
# yet. They are supporting evidence: each weighs half of an inspection.
_SUBMISSION_VALUE: Mapping[StrEnum, float] = {
    SubmissionOutcome.APPROVED: 1.0,
    SubmissionOutcome.REFUSED: 0.0,
}
_SUBMISSION_WEIGHT = 0.5
_CRO_SERVICES = services_of(CRO)
_CMO_SERVICES = services_of(CMO)


class Evidence(Vocabulary):
    """What a criterion's score rests on (DESIGN.md §6).

    - ``RECORDED``: inspections, audits or submissions;
    - ``STATED``: the partner's or the sponsor's own statements (phases served, markets,
      capability lists, the communication rating);
    - ``ASSUMED``: the neutral value used for want of data.

    Example:
        >>> from pharma_outsourcing import Criterion, Evidence, OrganisationType, Partner
        >>> from pharma_outsourcing import Phase, Service, SponsorProfile, rank
        >>> profile = SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING})
        >>> cro = Partner(name="A", organisation_type=OrganisationType.CRO)
        >>> rank(profile, [cro]).ranked[0].evidence[Criterion.CULTURAL_FIT]
        <Evidence.ASSUMED: 'assumed'>
    """

    RECORDED = "recorded"
    STATED = "stated"
    ASSUMED = "assumed"


class Scored(NamedTuple):
    """A partner's score on one criterion, with the reason for it and its source.

    Attributes:
        score: The score, from 0 (worst) to 1 (best).
        reason: Why, in one sentence about the partner.
        source: Where the criterion and its rule come from.

    Example:
        >>> from pharma_outsourcing import Scored
        >>> Scored(0.5, "is not yet rated").score
        0.5
    """

    score: float
    reason: str
    source: str = SEED_SELECTION


def _count_of(verb: str, present: list[str], absent: list[str], noun: str) -> str:
    """``operates in 2 of 3 target markets: US, EU; not Japan``."""
    text = f"{verb} {len(present)} of {len(present) + len(absent)} {noun}"
    if present:
        text += ": " + ", ".join(present)
    if absent:
        text += "; not " + ", ".join(absent)
    return text


# --- Arguments, checked at the boundary -----------------------------------------------


def as_profile(profile: SponsorProfile, field: str = "profile") -> SponsorProfile:
    """``profile``, checked to be a :class:`~pharma_outsourcing.SponsorProfile`."""
    return checked(profile, SponsorProfile, field)


def as_partners(partners: Iterable[Partner]) -> tuple[Partner, ...]:
    """``partners`` as a tuple, each checked to be a :class:`~pharma_outsourcing.Partner`."""
    return checked_all(partners, Partner, "partners")


def distinct_partners(partners: Iterable[Partner], why: str) -> tuple[Partner, ...]:
    """``partners`` as a tuple, checked to be partners with distinct names.

    ``why`` says what needs the names distinct ("a plan tells partners apart by name").
    """
    candidates = as_partners(partners)
    names: set[str] = set()
    for index, candidate in enumerate(candidates):
        if candidate.name in names:
            raise InvalidInputError(
                field=f"partners[{index}].name",
                value=candidate.name,
                problem=f"names more than one partner; {why}",
                allowed="a name no other candidate has",
            )
        names.add(candidate.name)
    return candidates


def basis_year(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a basis year: a year of the calendar, or ``None``."""
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= datetime.MAXYEAR
    ):
        raise InvalidInputError(
            field=attribute.name,
            value=value,
            problem="is not a year",
            allowed=(
                f"a year from 1 to {datetime.MAXYEAR}, such as 2024, or nothing (every record "
                f"counts as current)"
            ),
        )


def latest_year(partners: Iterable[Partner]) -> int | None:
    """The latest year in any partner's inspections, audits and submissions (or ``None``).

    This is :func:`~pharma_outsourcing.rank`'s default basis year for recency and for
    the window of GMP evidence.

    Raises:
        InvalidInputError: ``partners`` is not a collection of partners.

    Example:
        >>> from pharma_outsourcing import OrganisationType, Partner, Regulator
        >>> from pharma_outsourcing import Submission, SubmissionOutcome
        >>> approved = Submission(
        ...     regulator=Regulator.FDA, year=2021, outcome=SubmissionOutcome.APPROVED
        ... )
        >>> cro = Partner(name="A", organisation_type=OrganisationType.CRO, submissions=[approved])
        >>> latest_year([cro]), latest_year([])
        (2021, None)
    """
    return latest_record_year(as_partners(partners))


def latest_record_year(partners: tuple[Partner, ...]) -> int | None:
    """:func:`latest_year` of partners already checked."""
    records = chain(
        chain.from_iterable(map(_INSPECTIONS, partners)),
        chain.from_iterable(map(_AUDITS, partners)),
        chain.from_iterable(map(_SUBMISSIONS, partners)),
    )
    return max(map(_YEAR, records), default=None)


_INSPECTIONS = attrgetter("inspections")
_AUDITS = attrgetter("audits")
_SUBMISSIONS = attrgetter("submissions")
_YEAR = attrgetter("year")


# --- Basis ---------------------------------------------------------------------------


def _is_profile(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    as_profile(value, attribute.name)  # type: ignore[arg-type]  # what it checks


def _needed_services(basis: Basis) -> frozenset[Service]:
    profile: object = basis.profile  # not yet validated
    return profile.needed_services if isinstance(profile, SponsorProfile) else frozenset()


def _frozen_services(value: Iterable[Service]) -> frozenset[Service]:
    if isinstance(value, frozenset) and all(isinstance(item, Service) for item in value):
        return value  # already what it must be: a plan's own sets of services
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidInputError(
            field="services", value=value, problem="is not a set", allowed="a set of services"
        )
    return frozenset(Service.parse(item, field="services") for item in value)


@lru_cache(maxsize=32)
def _recency(as_of: int | None) -> Mapping[int, float]:
    """The weights of records from the century up to ``as_of`` (empty when ``None``).

    Looked up, not computed, for each record scored; shared (and never changed) by every
    basis of one year: a plan builds one basis per role, all with one year.
    """
    if as_of is None:
        return {}
    return {year: _weight_of(year, as_of) for year in range(as_of - 100, as_of + 1)}


def _weight_of(year: int, as_of: int | None) -> float:
    """A record's recency weight: 1 at ``as_of`` or later, halving every half-life before."""
    if as_of is None or year >= as_of:
        return 1.0
    return math.exp2((year - as_of) / HALF_LIFE_YEARS)


def _bought_in(services: frozenset[Service], phases: Iterable[Phase]) -> tuple[Phase, ...]:
    """The phases of ``phases`` in which at least one of ``services`` is typically bought."""
    return tuple(phase for phase in phases if any(phase in s.phases for s in services))


class _Needs(NamedTuple):
    """What technical expertise compares for one organisation type's part of the work."""

    needs: tuple[tuple[str, Vocabulary], ...]  # (the Partner field, the member needed)
    research: bool
    manufacturing: bool


@lru_cache(maxsize=256)
def _derived(
    profile: SponsorProfile, services: frozenset[Service]
) -> tuple[Mapping[OrganisationType, _Needs], bool, tuple[Phase, ...], tuple[Phase, ...]]:
    """What a basis derives from its profile and services, remembered.

    What technical expertise compares for each type, whether regulatory work is ranked,
    the stage's phases and the scalability phases: a plan builds a basis per role and
    phase, every plan alike, and none of it depends on a partner or a year.
    """
    research, manufacturing = bool(services & _CRO_SERVICES), bool(services & _CMO_SERVICES)
    if services:
        parts = dict.fromkeys(OrganisationType, (research, manufacturing))
    else:
        parts = {CRO: (True, False), CMO: (False, True), CDMO: (True, True)}
    needs: dict[OrganisationType, _Needs] = {}
    product: list[tuple[str, Vocabulary]] = [
        *(("modalities", m) for m in in_declared_order(profile.modalities)),
        *(("dosage_forms", f) for f in in_declared_order(profile.dosage_forms)),
        *(("capabilities", c) for c in in_declared_order(profile.requires)),
    ]
    area = profile.therapeutic_area
    for org_type, (res, man) in parts.items():
        wanted = [("therapeutic_areas", area)] if res and area is not None else []
        needs[org_type] = _Needs(tuple(wanted + (product if man else [])), res, man)
    pathway = profile.programme
    stage = profile.phase.stage
    in_stage = [phase for phase in pathway if phase.stage is stage]
    return (
        FrozenMap(needs),
        any(s.category is ServiceCategory.REGULATORY for s in services),
        _bought_in(services, in_stage) or (profile.phase,),
        tuple(sorted({profile.phase, *_bought_in(services, pathway)})),
    )


@attrs.frozen(kw_only=True)
class Basis:
    """What partners are judged against: a profile, the services ranked for, a year.

    Building a basis once and scoring many partners against it is what
    :func:`~pharma_outsourcing.rank` does; the per-criterion functions take one too.

    Attributes:
        profile: The sponsor's profile.
        services: The services partners are ranked for (default: the profile's
            ``needed_services``).
        as_of: The year recency is measured from: a record from ``as_of`` weighs 1,
            one from ``HALF_LIFE_YEARS`` earlier weighs 1/2, and so on; records dated
            after ``as_of`` count as current. It is also the year GMP evidence is counted
            back from. ``None`` (default): every record counts as current, and no record
            is GMP evidence (only statements are).
        gmp_evidence_years: How many years before ``as_of`` a record still shows GMP or
            GLP compliance (default :data:`~pharma_outsourcing.GMP_EVIDENCE_YEARS`).

    Raises:
        InvalidInputError: The profile is not a profile, a service is unknown, or
            ``as_of`` or ``gmp_evidence_years`` is not a year or a number of years.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile
        >>> basis = Basis(profile=SponsorProfile(phase=Phase.PRECLINICAL), as_of=2024)
        >>> basis.services == basis.profile.needed_services
        True
        >>> sorted(s.label for s in basis.services)  # the GLP studies and the first CMC work
        ['API production', 'clinical-supply manufacturing', 'formulation development',
         'packaging and labelling', 'preclinical research', 'quality control',
         'regulatory affairs', 'regulatory submission']
    """

    profile: SponsorProfile = attrs.field(validator=_is_profile)
    services: frozenset[Service] = attrs.field(
        converter=_frozen_services,
        default=attrs.Factory(_needed_services, takes_self=True),
    )
    as_of: int | None = attrs.field(default=None, validator=basis_year)
    gmp_evidence_years: int = attrs.field(default=GMP_EVIDENCE_YEARS, validator=evidence_years)
    # Derived once: every partner is judged against them.
    _requirements: Requirements = attrs.field(init=False, eq=False, repr=False)
    _needs: Mapping[OrganisationType, _Needs] = attrs.field(init=False, eq=False, repr=False)
    _regulators: frozenset[Regulator] | None = attrs.field(init=False, eq=False, repr=False)
    _frameworks: frozenset[Framework] = attrs.field(init=False, eq=False, repr=False)
    _regulatory_work: bool = attrs.field(init=False, eq=False, repr=False)
    _year_weight: Mapping[int, float] = attrs.field(init=False, eq=False, repr=False)
    _stage_phases: tuple[Phase, ...] = attrs.field(init=False, eq=False, repr=False)
    _scale_phases: tuple[Phase, ...] = attrs.field(init=False, eq=False, repr=False)
    # The evidence rows met so far: there are few kinds (by type, recorded, rated).
    _evidence_rows: dict[tuple[OrganisationType, bool, bool], tuple[Evidence, ...]] = attrs.field(
        init=False, eq=False, repr=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        profile, services = self.profile, self.services
        requirements = Requirements.of(
            profile, services, profile.phase, self.as_of, self.gmp_evidence_years
        )
        needs, regulatory_work, stage_phases, scale_phases = _derived(profile, services)
        derived = {
            "_requirements": requirements,
            "_needs": needs,
            "_regulators": requirements.regulators,
            "_frameworks": requirements.frameworks,
            "_regulatory_work": regulatory_work,
            "_year_weight": _recency(self.as_of),
            "_stage_phases": stage_phases,
            "_scale_phases": scale_phases,
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)

    @property
    def requirements(self) -> Requirements:
        """The must-haves partners are screened on for the services ranked for."""
        return self._requirements

    @property
    def stage_phases(self) -> tuple[Phase, ...]:
        """The phases the stage-of-development criterion counts (see its function)."""
        return self._stage_phases

    @property
    def scale_phases(self) -> tuple[Phase, ...]:
        """The phases the scalability criterion counts (see its function)."""
        return self._scale_phases

    def parts(self, partner: Partner) -> tuple[bool, bool]:
        """Whether the research part and the manufacturing part are judged for ``partner``.

        Example:
            >>> from pharma_outsourcing import OrganisationType, Partner, Phase
            >>> from pharma_outsourcing import SponsorProfile
            >>> basis = Basis(profile=SponsorProfile(phase=Phase.PHASE_1), as_of=2024)
            >>> basis.parts(Partner(name="A", organisation_type=OrganisationType.CRO))
            (True, True)
        """
        needs = self._needs[partner.organisation_type]
        return needs.research, needs.manufacturing

    def scores(self, partner: Partner) -> tuple[float, ...]:
        """The partner's six criterion scores, in :class:`Criterion` order, without reasons.

        The same numbers as the six scoring functions give.

        Example:
            >>> from pharma_outsourcing import OrganisationType, Partner, Phase
            >>> from pharma_outsourcing import SponsorProfile
            >>> basis = Basis(profile=SponsorProfile(phase=Phase.PHASE_2), as_of=2024)
            >>> basis.scores(Partner(name="A", organisation_type=OrganisationType.CRO))
            (1.0, 1.0, 0.5, 1.0, 1.0, 0.5)
            >>> until_approval = {Phase.PHASE_1, Phase.PHASE_2, Phase.PHASE_3,
            ...                   Phase.REGULATORY_REVIEW}
            >>> basis.scores(Partner(name="B", organisation_type=OrganisationType.CRO,
            ...                      phases=until_approval))
            (1.0, 1.0, 0.5, 0.75, 1.0, 0.5)
        """
        return self.score_rows((partner,))[0]

    def score_rows(self, partners: Sequence[Partner]) -> list[tuple[float, ...]]:
        """Each partner's six scores, as :meth:`scores` gives them: what ``rank`` sorts by.

        Each criterion's formula is made against the basis once, then applied to every
        partner (all six to one partner, then the next: its fields are read while at hand).

        Example:
            >>> from pharma_outsourcing import OrganisationType, Partner, Phase
            >>> from pharma_outsourcing import SponsorProfile
            >>> basis = Basis(profile=SponsorProfile(phase=Phase.PHASE_2), as_of=2024)
            >>> cro = Partner(name="A", organisation_type=OrganisationType.CRO)
            >>> basis.score_rows([cro, cro]) == [basis.scores(cro)] * 2
            True
        """
        first, second, third, fourth, fifth, sixth = (make(self) for make in _FORMULAS)
        return [(first(p), second(p), third(p), fourth(p), fifth(p), sixth(p)) for p in partners]

    def evidence(self, partner: Partner) -> tuple[Evidence, ...]:
        """What each of the partner's six scores rests on, in :class:`Criterion` order.

        Stage of development and scalability rest on the phases the partner serves
        (stated); geographic footprint on its markets when the profile names target
        markets (stated), else on nothing (assumed); technical expertise on its lists when
        the profile names something to compare, else assumed; the track record on records
        when any inspection, audit or (for regulatory work) submission enters its score,
        else assumed; cultural fit on the sponsor's rating, or assumed when not rated.

        Example:
            >>> from pharma_outsourcing import OrganisationType, Partner, Phase
            >>> from pharma_outsourcing import SponsorProfile
            >>> basis = Basis(profile=SponsorProfile(phase=Phase.PHASE_2), as_of=2024)
            >>> [e.value for e in basis.evidence(
            ...     Partner(name="A", organisation_type=OrganisationType.CRO, communication=4)
            ... )]
            ['stated', 'assumed', 'assumed', 'stated', 'assumed', 'stated']
        """
        recorded = self._recorded(partner)
        rated = partner.communication is not None
        key = (partner.organisation_type, recorded, rated)
        row = self._evidence_rows.get(key)
        if row is None:
            stated, assumed = Evidence.STATED, Evidence.ASSUMED
            row = self._evidence_rows[key] = (
                stated,
                stated if self._needs[partner.organisation_type].needs else assumed,
                Evidence.RECORDED if recorded else assumed,
                stated,
                stated if self.profile.target_markets else assumed,
                stated if rated else assumed,
            )
        return row

    def _recorded(self, partner: Partner) -> bool:
        """Whether any of the partner's records enters its track-record score."""
        frameworks, regulators = self._frameworks, self._regulators
        for record in partner.inspections:
            if (
                record.framework in frameworks
                and (regulators is None or record.regulator in regulators)
                and (record.outcome in _CLEAN_VALUE or record.outcome.standing is _UNACCEPTABLE)
            ):
                return True
        for audit in partner.audits:
            if audit.framework in frameworks:
                return True
        if self._regulatory_work:
            for submission in partner.submissions:
                if submission.outcome in _SUBMISSION_VALUE and (
                    regulators is None or submission.regulator in regulators
                ):
                    return True
        return False

    def _track_records(
        self, partner: Partner
    ) -> tuple[tuple[Inspection, ...], tuple[Audit, ...], tuple[Submission, ...]]:
        """The partner's records that enter its track-record score.

        Inspections of the framework of the work by regulators that count (clean ones and
        unacceptable ones), audits of that framework, and, for regulatory work,
        submissions with an outcome to those regulators.
        """
        frameworks, regulators = self._frameworks, self._regulators
        inspections = tuple(
            r
            for r in partner.inspections
            if r.framework in frameworks
            and (regulators is None or r.regulator in regulators)
            and (r.outcome in _CLEAN_VALUE or r.outcome.standing is Standing.UNACCEPTABLE)
        )
        audits = tuple(a for a in partner.audits if a.framework in frameworks)
        submissions = (
            tuple(
                s
                for s in partner.submissions
                if s.outcome in _SUBMISSION_VALUE
                and (regulators is None or s.regulator in regulators)
            )
            if self._regulatory_work
            else ()
        )
        return inspections, audits, submissions

    def failures(self, partner: Partner) -> tuple[Reason, ...]:
        """The must-haves ``partner`` fails, each as a reason (empty if none).

        The rules of ``_screening``, stated there once.

        Example:
            >>> from pharma_outsourcing import OrganisationType, Partner, Phase, Service
            >>> from pharma_outsourcing import SponsorProfile
            >>> profile = SponsorProfile(phase=Phase.PHASE_2)
            >>> basis = Basis(profile=profile, services={Service.API_PRODUCTION}, as_of=2024)
            >>> cmo = Partner(name="A", organisation_type=OrganisationType.CMO)
            >>> [reason.text[:22] for reason in basis.failures(cmo)]
            ['has no GMP evidence: n']
        """
        return self._requirements.failures(partner)

    def passes(self, partner: Partner) -> bool:
        """Whether ``partner`` passes every must-have (see :meth:`failures`)."""
        return self._requirements.passes(partner)


Formula = Callable[[Partner], float]
"""A criterion's formula, made against a basis: a partner's score on the criterion."""


def _phase_share(verb: str, phases: tuple[Phase, ...], served: frozenset[Phase], noun: str) -> str:
    present = [in_words(p) for p in phases if p in served]
    absent = [in_words(p) for p in phases if p not in served]
    return _count_of(verb, present, absent, noun)


# --- 1. Stage of development -------------------------------------------------------


def _stage_formula(basis: Basis) -> Formula:
    phases = frozenset(basis._stage_phases)
    count = len(phases)

    def score(partner: Partner) -> float:
        return len(phases & partner.phases) / count

    return score


def stage_of_development(partner: Partner, basis: Basis) -> Scored:
    """Criterion 1, stage of development: does the partner serve the stage the work is in?

    Formula: the share of the *stage phases* the partner serves: the phases of the
    programme, from the profile's phase to the last phase of its stage, in which at least
    one ranked service is typically bought (the profile's phase alone when there is none).
    Neither the partner's type nor the guide's lead type enters the score: a CRO doing
    CRO work at phase 3 is not marked down for the stage. Every partner left after
    screening serves the profile's phase, so this criterion separates partners only on the
    stage's later phases (phase 3 and regulatory review in the late stage).

    Source: the guide's first selection criterion (stage of development), read as
    practice does: what matters is that the partner serves the stage, not its type.

    Example:
        >>> from pharma_outsourcing import OrganisationType, Partner, Phase, Service
        >>> from pharma_outsourcing import SponsorProfile
        >>> profile = SponsorProfile(phase=Phase.PHASE_3, services={Service.BIOSTATISTICS})
        >>> cro = Partner(
        ...     name="A", organisation_type=OrganisationType.CRO, phases={Phase.PHASE_3}
        ... )
        >>> stage_of_development(cro, Basis(profile=profile, as_of=2024))[:2]
        (0.5, 'serves 1 of 2 phases of the late stage in which this work is bought: \
phase 3; not regulatory review')
    """
    phases = basis._stage_phases
    stage = in_words(basis.profile.phase.stage)
    if len(phases) == 1:
        reason = f"serves {in_words(phases[0])}, the one phase of the {stage} stage counted"
        if phases[0] not in partner.phases:
            reason = (
                f"does not serve {in_words(phases[0])}, the one phase of the {stage} stage counted"
            )
    else:
        reason = _phase_share(
            "serves",
            phases,
            partner.phases,
            f"phases of the {stage} stage in which this work is bought",
        )
    return Scored(_stage_formula(basis)(partner), reason)


# --- 2. Technical expertise --------------------------------------------------------


def _expertise_formula(basis: Basis) -> Formula:
    # Per type: each need as the getter of the partner's list and the member it must hold.
    checks = {
        org_type: tuple((attrgetter(field), member) for field, member in needs.needs)
        for org_type, needs in basis._needs.items()
    }

    def score(partner: Partner) -> float:
        wanted = checks[partner.organisation_type]
        if not wanted:
            return 1.0
        covered = 0
        for listed, member in wanted:
            if member in listed(partner):
                covered += 1
        return covered / len(wanted)

    return score


def technical_expertise(partner: Partner, basis: Basis) -> Scored:
    """Criterion 2, technical expertise: does the partner know this kind of product?

    Formula: the share of the profile's named needs the partner covers: its therapeutic
    area for the research and clinical part; its modalities (a vaccine counts here as a
    product class), dosage forms and required capabilities for the manufacturing part,
    beyond what screening already asked of the ranked services (a packager is not asked
    for the modality, but knowing it counts). 1 when the profile names none of them
    (nothing to fall short of; the evidence is then assumed).

    Source: the guide's second criterion (therapeutic area for CROs; dosage form or
    process for CMOs); surveys rank therapeutic expertise among the top five criteria
    for choosing a CRO (DOMAIN.md, "Partner selection in the literature").

    Example:
        >>> from pharma_outsourcing import Modality, OrganisationType, Partner, Phase
        >>> from pharma_outsourcing import DosageForm, Service, SponsorProfile
        >>> profile = SponsorProfile(
        ...     phase=Phase.PHASE_3, modalities={Modality.BIOLOGIC},
        ...     dosage_forms={DosageForm.STERILE_INJECTABLE},
        ...     services={Service.PACKAGING_AND_LABELLING},
        ... )
        >>> cmo = Partner(
        ...     name="A", organisation_type=OrganisationType.CMO,
        ...     dosage_forms={DosageForm.STERILE_INJECTABLE},
        ... )
        >>> technical_expertise(cmo, Basis(profile=profile, as_of=2024))[:2]
        (0.5, 'has 1 of 2 areas of expertise the programme needs: \
sterile injectable; not biologic')
    """
    needs = basis._needs[partner.organisation_type]
    present: list[str] = []
    absent: list[str] = []
    for field, member in needs.needs:
        (present if member in getattr(partner, field) else absent).append(member.label)
    if not needs.needs:
        wanted = [
            *(["therapeutic area"] if needs.research else []),
            *(["modality, dosage form or capability"] if needs.manufacturing else []),
        ]
        reason = f"has nothing to match: the profile names no {' and no '.join(wanted)}"
    else:
        reason = _count_of("has", present, absent, "areas of expertise the programme needs")
    return Scored(_expertise_formula(basis)(partner), reason)


# --- 3. Regulatory track record ----------------------------------------------------


def _track_record_formula(basis: Basis) -> Formula:
    frameworks, regulators = basis._frameworks, basis._regulators
    regulatory_work = basis._regulatory_work
    year_weight, as_of = basis._year_weight, basis.as_of
    unacceptable = Standing.UNACCEPTABLE

    def weight_of(year: int) -> float:
        w = year_weight.get(year)
        return _weight_of(year, as_of) if w is None else w

    def score(partner: Partner) -> float:
        inspections, audits = partner.inspections, partner.audits
        submissions = partner.submissions if regulatory_work else ()
        if not inspections and not audits and not submissions:
            return NEUTRAL
        total, weight, kept = NEUTRAL, 1.0, 1.0
        for record in inspections:
            if record.framework not in frameworks or (
                regulators is not None and record.regulator not in regulators
            ):
                continue
            outcome = record.outcome
            value = _CLEAN_VALUE.get(outcome)
            if value is not None:
                w = weight_of(record.year)
                total += w * value
                weight += w
            elif outcome.standing is unacceptable:
                kept *= 1.0 - UNACCEPTABLE_PENALTY * weight_of(record.year)
        for audit in audits:
            if audit.framework not in frameworks:
                continue
            value = _CLEAN_VALUE.get(audit.outcome)
            if value is None:  # not approved
                kept *= 1.0 - UNACCEPTABLE_PENALTY * weight_of(audit.year)
            else:
                w = weight_of(audit.year)
                total += w * value
                weight += w
        for submission in submissions:
            value = _SUBMISSION_VALUE.get(submission.outcome)
            if value is None or (regulators is not None and submission.regulator not in regulators):
                continue
            w = _SUBMISSION_WEIGHT * weight_of(submission.year)
            total += w * value
            weight += w
        return total / weight * kept

    return score


def _where(basis: Basis) -> str:
    regulators = basis._regulators
    if regulators is None:
        return "any regulator"
    return listing((r.in_prose for r in in_declared_order(regulators)), "or")


def _tally(records: Iterable[Inspection | Audit | Submission], outcomes: Iterable[StrEnum]) -> str:
    listed = list(records)
    counts = [
        f"{sum(r.outcome is outcome for r in listed)} {outcome.label}"  # type: ignore[attr-defined]
        for outcome in outcomes
        if any(r.outcome is outcome for r in listed)
    ]
    latest = max(listed, key=lambda r: (r.year, getattr(r, "date", None) or datetime.date.min))
    when = latest.when if isinstance(latest, Inspection) else str(latest.year)
    return f"{', '.join(counts)}, latest {when}"


def regulatory_track_record(partner: Partner, basis: Basis) -> Scored:
    """Criterion 3, regulatory track record: how have regulators and your audits judged it?

    Formula: records of the framework of the work only (GMP inspections for manufacturing
    work; GCP inspections, FDA's bioresearch monitoring, for clinical work; GLP for
    studies; GVP for post-marketing safety), by the regulators of the target markets (any
    regulator when none is named), and the sponsor's own audits of that framework. Clean
    outcomes make a recency-weighted mean with one neutral (0.5) record of weight 1 as its
    prior: no action indicated and a GMP certificate 1, voluntary action indicated 0.75, an
    approved audit 1, one approved with conditions 0.75. For regulatory work, submissions
    to those regulators are supporting evidence (approved 1, refused 0, each weighing half).
    Each unacceptable outcome (official action indicated, a warning letter, an import alert,
    a statement of non-compliance, an audit not approved) then multiplies the score by
    ``1 - UNACCEPTABLE_PENALTY * recency`` (0.25 for a current one), so no number of clean
    records can offset it; it fades with age and stays after a close-out (which ends the
    block in screening, not the history). Each record weighs ``0.5 ** (age /
    HALF_LIFE_YEARS)``, with its age measured from ``basis.as_of``. Replacing an outcome
    by one of better standing never lowers the score. Deficiency counts are not scored:
    the final outcome already reflects them.

    Source: the guide's third criterion (submissions for CROs, inspections for CMOs, in the
    target markets); FDA's inspection classifications and warning letters; FDA's
    bioresearch monitoring of CROs (Compliance Program 7348.810): a CRO's track record is
    its GCP inspections, the applications being its sponsors' (DOMAIN.md, "Track records",
    "Clinical outsourcing").

    Example:
        >>> from pharma_outsourcing import Inspection, InspectionOutcome, Market
        >>> from pharma_outsourcing import OrganisationType, Partner, Phase, Regulator
        >>> from pharma_outsourcing import Service, SponsorProfile
        >>> profile = SponsorProfile(
        ...     phase=Phase.COMMERCIAL, target_markets={Market.US},
        ...     services={Service.COMMERCIAL_PRODUCTION},
        ... )
        >>> nai = Inspection(
        ...     regulator=Regulator.FDA, year=2024, outcome=InspectionOutcome.NO_ACTION_INDICATED
        ... )
        >>> cmo = Partner(name="A", organisation_type=OrganisationType.CMO, inspections=[nai])
        >>> regulatory_track_record(cmo, Basis(profile=profile, as_of=2024))[:2]
        (0.75, 'GMP inspections by FDA: 1 no action indicated (NAI), latest 2024')
    """
    texts = _track_words(partner, basis)
    if Framework.GCP in basis._frameworks and not basis._frameworks & {Framework.GMP}:
        source = f"{SEED_SELECTION}; {FDA_BIMO}"
    elif basis._frameworks:
        source = f"{SEED_SELECTION}; {FDA_INSPECTION_CLASSIFICATION}"
    else:
        source = SEED_SELECTION
    return Scored(_track_record_formula(basis)(partner), "; ".join(texts), source)


def _track_words(partner: Partner, basis: Basis) -> list[str]:
    """The clauses of the track record's reason: what was counted, and where it came from."""
    inspections, audits, submissions = basis._track_records(partner)
    frameworks = [f.label for f in in_declared_order(basis._frameworks)]
    kind = "/".join(frameworks)
    where = _where(basis)
    texts: list[str] = []
    if frameworks:
        if inspections:
            texts.append(f"{kind} inspections by {where}: {_tally(inspections, InspectionOutcome)}")
        if audits:
            texts.append(f"your {kind} audits: {_tally(audits, AuditOutcome)}")
    if submissions:
        texts.append(f"submissions to {where}: {_tally(submissions, SubmissionOutcome)}")
    if not texts:
        if frameworks:
            texts.append(
                f"no {kind} inspection by {where} and no {kind} audit of yours on record (neutral)"
            )
        elif basis._regulatory_work:
            texts.append(f"no submission to {where} on record (neutral)")
        else:
            texts.append("no record judges this work, which no practice standard governs (neutral)")
    elif any(r.outcome.standing is Standing.UNACCEPTABLE for r in inspections) or any(
        a.outcome is AuditOutcome.NOT_APPROVED for a in audits
    ):
        texts.append("unacceptable outcomes outweigh clean ones")
    recorded_from = sorted({r.source for r in inspections if r.source})
    if recorded_from:
        texts.append("records from " + "; ".join(recorded_from))
    return texts


# --- 4. Scalability -----------------------------------------------------------------


def _scalability_formula(basis: Basis) -> Formula:
    phases = frozenset(basis._scale_phases)
    count = len(phases)

    def score(partner: Partner) -> float:
        return len(phases & partner.phases) / count

    return score


def scalability(partner: Partner, basis: Basis) -> Scored:
    """Criterion 4, scalability: will the partner grow with the programme?

    Formula: the share of the phases of the profile's pathway (``profile.programme``: the
    phases the programme passes through from the profile's phase to its horizon), in which
    at least one ranked service is typically bought (the profile's phase always counts: the
    work is needed now), that the partner serves. A phase the pathway skips is not counted:
    a pivotal phase 2 that goes straight to regulatory review is not judged on phase 3. A
    partner ranked for phase 3 biostatistics is judged on phase 3 and regulatory review,
    not on commercial supply it would never be asked for.

    Source: the guide's fourth criterion (will it grow with you from clinical trials to
    commercial production?).

    Example:
        >>> from pharma_outsourcing import OrganisationType, Partner, Phase, SponsorProfile
        >>> basis = Basis(profile=SponsorProfile(phase=Phase.PHASE_3), as_of=2024)
        >>> scalability(Partner(name="A", organisation_type=OrganisationType.CRO), basis)[:2]
        (1.0, 'serves 3 of 3 phases from phase 3 to commercial in which this work is bought: \
phase 3, regulatory review, commercial')
        >>> trials_only = Partner(
        ...     name="B",
        ...     organisation_type=OrganisationType.CRO,
        ...     phases={Phase.PHASE_3, Phase.REGULATORY_REVIEW},
        ... )
        >>> scalability(trials_only, basis)[:2]
        (0.666..., 'serves 2 of 3 phases from phase 3 to commercial in which this work is \
bought: phase 3, regulatory review; not commercial')
        >>> pivotal = SponsorProfile(
        ...     phase=Phase.PHASE_2,
        ...     pathway=[Phase.PHASE_2, Phase.REGULATORY_REVIEW, Phase.COMMERCIAL],
        ... )
        >>> scalability(trials_only, Basis(profile=pivotal, as_of=2024))[:2]
        (0.333..., 'serves 1 of 3 phases of the pathway from phase 2 to commercial (phase 3 \
skipped) in which this work is bought: regulatory review; not phase 2, commercial')
    """
    profile = basis.profile
    noun = (
        f"phases from {in_words(profile.phase)} to {in_words(profile.horizon)} in which this "
        f"work is bought"
    )
    skipped = profile.skipped_phases
    if skipped:
        noun = (
            f"phases of the pathway from {in_words(profile.phase)} to "
            f"{in_words(profile.horizon)} ({words(skipped)} skipped) in which this work "
            f"is bought"
        )
    if profile.phase is profile.horizon:
        noun = f"phases (the programme stays in {in_words(profile.phase)})"
    reason = _phase_share("serves", basis._scale_phases, partner.phases, noun)
    return Scored(_scalability_formula(basis)(partner), reason)


# --- 5. Geographic footprint --------------------------------------------------------


def _footprint_formula(basis: Basis) -> Formula:
    targets = basis.profile.target_markets
    markets = len(targets)

    def score(partner: Partner) -> float:
        return len(targets & partner.markets) / markets if markets else 1.0

    return score


def geographic_footprint(partner: Partner, basis: Basis) -> Scored:
    """Criterion 5, geographic footprint: is the partner present where the sponsor goes?

    Formula: the share of the profile's target markets in which the partner operates;
    1 when the profile names no target market.

    Source: the guide's fifth criterion (global trials or markets need multi-regional
    presence).

    Example:
        >>> from pharma_outsourcing import Market, OrganisationType, Partner, Phase
        >>> from pharma_outsourcing import SponsorProfile
        >>> profile = SponsorProfile(
        ...     phase=Phase.PHASE_2, target_markets={Market.US, Market.EU, Market.JAPAN}
        ... )
        >>> cro = Partner(
        ...     name="A", organisation_type=OrganisationType.CRO, markets={Market.US, Market.EU}
        ... )
        >>> geographic_footprint(cro, Basis(profile=profile, as_of=2024)).reason
        'operates in 2 of 3 target markets: US, EU; not Japan'
    """
    targets = in_declared_order(basis.profile.target_markets)
    if not targets:
        reason = "has no target market to cover: the profile names none"
    else:
        present = [m.label for m in targets if m in partner.markets]
        absent = [m.label for m in targets if m not in partner.markets]
        reason = _count_of("operates in", present, absent, "target markets")
    return Scored(_footprint_formula(basis)(partner), reason)


# --- 6. Cultural fit and communication ----------------------------------------------


def _cultural_fit_formula(_basis: Basis) -> Formula:
    def score(partner: Partner) -> float:
        rating = partner.communication
        return NEUTRAL if rating is None else rating / 5

    return score


def cultural_fit(partner: Partner, basis: Basis) -> Scored:
    """Criterion 6, cultural fit and communication: the sponsor's own rating.

    Formula: ``communication / 5``; neutral (0.5) when the partner is not yet rated.

    Source: the guide's sixth criterion (cultural fit and communication).

    Example:
        >>> from pharma_outsourcing import OrganisationType, Partner, Phase, SponsorProfile
        >>> basis = Basis(profile=SponsorProfile(phase=Phase.PHASE_2), as_of=2024)
        >>> cro = Partner(name="A", organisation_type=OrganisationType.CRO, communication=4)
        >>> cultural_fit(cro, basis)[:2]
        (0.8, 'is rated 4 of 5 for cultural fit and communication')
    """
    rating = partner.communication
    reason = (
        "is not yet rated for cultural fit and communication (neutral)"
        if rating is None
        else f"is rated {rating:g} of 5 for cultural fit and communication"
    )
    return Scored(_cultural_fit_formula(basis)(partner), reason)


# --- The six, in Criterion order ----------------------------------------------------

_FORMULAS: tuple[Callable[[Basis], Formula], ...] = (
    _stage_formula,
    _expertise_formula,
    _track_record_formula,
    _scalability_formula,
    _footprint_formula,
    _cultural_fit_formula,
)

ScoringFunction = Callable[[Partner, Basis], Scored]

CRITERIA: Mapping[Criterion, ScoringFunction] = MappingProxyType(
    {
        Criterion.STAGE_OF_DEVELOPMENT: stage_of_development,
        Criterion.TECHNICAL_EXPERTISE: technical_expertise,
        Criterion.REGULATORY_TRACK_RECORD: regulatory_track_record,
        Criterion.SCALABILITY: scalability,
        Criterion.GEOGRAPHIC_FOOTPRINT: geographic_footprint,
        Criterion.CULTURAL_FIT: cultural_fit,
    }
)
"""Each criterion's scoring function, in :class:`Criterion` order."""
