"""The six partner-selection criteria: each one's score formula next to its reason.

Each criterion is one section below: its formula, made against a :class:`Basis` (the
sponsor's profile, the services the partners are ranked for and the year recency is
measured from) once, with what depends only on the basis looked up then, and giving each
partner's score in [0, 1]; and, beside it, the public function that judges one
:class:`~pharma_outsourcing.Partner` and returns a :class:`Scored`: that same score and a
one-sentence reason, written as a predicate about the partner ("operates in 2 of 3 target
markets: US, EU; not Japan"). :meth:`Basis.score_rows` applies the six formulas to each
partner in turn, which is what :func:`~pharma_outsourcing.rank` sorts by; the reasons are
written only when read.

The criteria are the guide's (see DOMAIN.md, "The guide": choosing a partner);
how each is turned into a number is the library's choice, documented with each
function, since no regulator sets one (see DOMAIN.md, "Partner selection in the
literature").

Which *part* of the work is judged: the research part when the partner is ranked for
any CRO service, the manufacturing part when it is ranked for any CMO service (both for
a CDMO ranked for both); when it is ranked for no service at all, the part its type
provides.
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
from ._partners import Inspection, InspectionOutcome, Partner, Submission, SubmissionOutcome
from ._profile import SponsorProfile
from ._reasons import Reason, in_words
from ._screening import Requirements
from ._services import Service, services_of
from ._sources import FDA_INSPECTION_CLASSIFICATION, SEED_SELECTION
from ._vocabulary import (
    Criterion,
    DosageForm,
    Market,
    Modality,
    OrganisationType,
    Phase,
    Regulator,
    Stage,
    TherapeuticArea,
    in_declared_order,
)

__all__ = [
    "CRITERIA",
    "HALF_LIFE_YEARS",
    "Basis",
    "Scored",
    "as_partners",
    "as_profile",
    "basis_year",
    "cultural_fit",
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

NEUTRAL = 0.5
"""The score of what is not known: no record, no rating."""

# The guide: CROs are engaged early to mid-stage; CMOs mid to late-stage and for
# commercial supply; a CDMO at any stage.
_TYPE_STAGES: Mapping[OrganisationType, frozenset[Stage]] = {
    CRO: frozenset({Stage.EARLY, Stage.MID}),
    CMO: frozenset({Stage.MID, Stage.LATE, Stage.POST_APPROVAL}),
    CDMO: frozenset(Stage),
}
_TYPE_STAGE_WORDS = {
    CRO: "CROs are engaged early to mid-stage",
    CMO: "CMOs mid to late-stage and for commercial supply",
    CDMO: "CDMOs at any stage",
}
# Inspection outcomes: no action 1, voluntary action 0.75, official action and warning
# letters 0 (they count against: below the neutral 0.5 of no record).
_INSPECTION_VALUE: Mapping[StrEnum, float] = {
    InspectionOutcome.NO_ACTION_INDICATED: 1.0,
    InspectionOutcome.VOLUNTARY_ACTION_INDICATED: 0.75,
    InspectionOutcome.OFFICIAL_ACTION_INDICATED: 0.0,
    InspectionOutcome.WARNING_LETTER: 0.0,
}
# Submission outcomes: approved 1, refused 0; pending ones say nothing yet.
_SUBMISSION_VALUE: Mapping[StrEnum, float] = {
    SubmissionOutcome.APPROVED: 1.0,
    SubmissionOutcome.REFUSED: 0.0,
}
_MARKET_WORDS = {
    Market.US: "US",
    Market.EU: "EU",
    Market.UK: "UK",
    Market.JAPAN: "Japan",
    Market.CHINA: "China",
    Market.CANADA: "Canada",
    Market.AUSTRALIA: "Australia",
    Market.BRAZIL: "Brazil",
    Market.INDIA: "India",
    Market.SWITZERLAND: "Switzerland",
    Market.SOUTH_KOREA: "South Korea",
}
_REGULATOR_WORDS = {
    Regulator.FDA: "FDA",
    Regulator.EMA: "EMA",
    Regulator.MHRA: "MHRA",
    Regulator.PMDA: "PMDA",
    Regulator.NMPA: "NMPA",
    Regulator.HEALTH_CANADA: "Health Canada",
    Regulator.TGA: "TGA",
    Regulator.ANVISA: "ANVISA",
    Regulator.CDSCO: "CDSCO",
    Regulator.SWISSMEDIC: "Swissmedic",
    Regulator.MFDS: "MFDS",
}
_CRO_SERVICES = services_of(CRO)
_CMO_SERVICES = services_of(CMO)

_Checks = tuple[TherapeuticArea | None, Modality | None, DosageForm | None, int]


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
    """The latest year in any partner's inspections and submissions (``None`` if none).

    This is :func:`~pharma_outsourcing.rank`'s default basis year for recency.

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
    inspected = chain.from_iterable(map(_INSPECTIONS, partners))
    submitted = chain.from_iterable(map(_SUBMISSIONS, partners))
    return max(map(_YEAR, chain(inspected, submitted)), default=None)


_INSPECTIONS = attrgetter("inspections")
_SUBMISSIONS = attrgetter("submissions")
_YEAR = attrgetter("year")


# --- Basis ---------------------------------------------------------------------------


def _is_profile(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    as_profile(value, attribute.name)  # type: ignore[arg-type]  # what it checks


def _needed_services(basis: Basis) -> frozenset[Service]:
    profile: object = basis.profile  # not yet validated
    return profile.needed_services if isinstance(profile, SponsorProfile) else frozenset()


def _frozen_services(value: Iterable[Service]) -> frozenset[Service]:
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
            after ``as_of`` count as current. ``None`` (default): every record counts
            as current, with no recency weighting.

    Raises:
        InvalidInputError: The profile is not a profile, a service is unknown, or
            ``as_of`` is not a year.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile
        >>> basis = Basis(profile=SponsorProfile(phase=Phase.PRECLINICAL), as_of=2024)
        >>> sorted(s.value for s in basis.services)
        ['preclinical-research', 'regulatory-affairs', 'regulatory-submission']
    """

    profile: SponsorProfile = attrs.field(validator=_is_profile)
    services: frozenset[Service] = attrs.field(
        converter=_frozen_services,
        default=attrs.Factory(_needed_services, takes_self=True),
    )
    as_of: int | None = attrs.field(default=None, validator=basis_year)
    # Derived once: every partner is judged against them.
    _requirements: Requirements = attrs.field(init=False, eq=False, repr=False)
    _parts: Mapping[OrganisationType, tuple[bool, bool]] = attrs.field(
        init=False, eq=False, repr=False
    )
    _expertise: Mapping[OrganisationType, _Checks] = attrs.field(init=False, eq=False, repr=False)
    _regulators: frozenset[Regulator] | None = attrs.field(init=False, eq=False, repr=False)
    _year_weight: Mapping[int, float] = attrs.field(init=False, eq=False, repr=False)
    _fits: Mapping[OrganisationType, bool] = attrs.field(init=False, eq=False, repr=False)
    _programme: frozenset[Phase] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        profile, services = self.profile, self.services
        research, manufacturing = bool(services & _CRO_SERVICES), bool(services & _CMO_SERVICES)
        if services:
            parts = dict.fromkeys(OrganisationType, (research, manufacturing))
        else:
            parts = {CRO: (True, False), CMO: (False, True), CDMO: (True, True)}
        expertise: dict[OrganisationType, _Checks] = {}
        for org_type, (res, man) in parts.items():
            area = profile.therapeutic_area if res else None
            modality = min(profile.modalities, default=None) if man else None
            form = min(profile.dosage_forms, default=None) if man else None
            checked = (area is not None) + (modality is not None) + (form is not None)
            expertise[org_type] = (area, modality, form, checked)
        targets = profile.target_markets
        stage = profile.phase.stage
        derived = {
            "_requirements": Requirements.of(profile, services, profile.phase, self.as_of),
            "_parts": parts,
            "_expertise": expertise,
            "_regulators": frozenset(m.regulator for m in targets) if targets else None,
            "_year_weight": _recency(self.as_of),
            "_fits": {t: stage in stages for t, stages in _TYPE_STAGES.items()},
            "_programme": frozenset(profile.programme),
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)

    @property
    def requirements(self) -> Requirements:
        """The hard requirements partners must meet for the services ranked for."""
        return self._requirements

    @property
    def gmp_services(self) -> frozenset[Service]:
        """The services ranked for that are performed under GMP."""
        return self._requirements.gmp

    def parts(self, partner: Partner) -> tuple[bool, bool]:
        """Whether the research part and the manufacturing part are judged for ``partner``.

        Example:
            >>> from pharma_outsourcing import OrganisationType, Partner, Phase
            >>> from pharma_outsourcing import SponsorProfile
            >>> basis = Basis(profile=SponsorProfile(phase=Phase.PHASE_1), as_of=2024)
            >>> basis.parts(Partner(name="A", organisation_type=OrganisationType.CRO))
            (True, True)
        """
        return self._parts[partner.organisation_type]

    def scores(self, partner: Partner) -> tuple[float, ...]:
        """The partner's six criterion scores, in :class:`Criterion` order, without reasons.

        The same numbers as the six scoring functions give.

        Example:
            >>> from pharma_outsourcing import OrganisationType, Partner, Phase
            >>> from pharma_outsourcing import SponsorProfile
            >>> basis = Basis(profile=SponsorProfile(phase=Phase.PHASE_2), as_of=2024)
            >>> basis.scores(Partner(name="A", organisation_type=OrganisationType.CRO))
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

    def failures(self, partner: Partner) -> tuple[Reason, ...]:
        """The hard requirements ``partner`` fails, each as a reason (empty if none).

        It must offer every service it is ranked for, and hold GMP certification when
        any of them is performed under GMP (21 CFR 210 and 211): the requirements of
        ``_screening``, stated there once.

        Example:
            >>> from pharma_outsourcing import OrganisationType, Partner, Phase, Service
            >>> from pharma_outsourcing import SponsorProfile
            >>> profile = SponsorProfile(phase=Phase.PHASE_1)
            >>> basis = Basis(profile=profile, services={Service.API_PRODUCTION}, as_of=2024)
            >>> cmo = Partner(name="A", organisation_type=OrganisationType.CMO)
            >>> [reason.text for reason in basis.failures(cmo)]
            ['is not GMP-certified: api production is performed under GMP']
        """
        return self._requirements.failures(partner)

    def passes(self, partner: Partner) -> bool:
        """Whether ``partner`` meets every hard requirement (see :meth:`failures`)."""
        return self._requirements.passes(partner)


Formula = Callable[[Partner], float]
"""A criterion's formula, made against a basis: a partner's score on the criterion."""


# --- 1. Stage of development -------------------------------------------------------


def _stage_formula(basis: Basis) -> Formula:
    phase, fits = basis.profile.phase, basis._fits

    def score(partner: Partner) -> float:
        return ((phase in partner.phases) + fits[partner.organisation_type]) * 0.5

    return score


def stage_of_development(partner: Partner, basis: Basis) -> Scored:
    """Criterion 1, stage of development: does the partner fit where the programme is?

    Formula: ``(serves + fits) / 2``, where ``serves`` is 1 when the partner serves the
    profile's phase and ``fits`` is 1 when its type fits the phase's stage: CROs early
    and mid, CMOs mid, late and post-approval, CDMOs every stage.

    Source: the guide's first selection criterion (early = CRO; late and post-approval =
    CMO) and its engagement stages ("early to mid-stage", "mid to late-stage").

    Example:
        >>> from pharma_outsourcing import OrganisationType, Partner, Phase, SponsorProfile
        >>> basis = Basis(profile=SponsorProfile(phase=Phase.PHASE_3), as_of=2024)
        >>> cro = Partner(name="A", organisation_type=OrganisationType.CRO)
        >>> stage_of_development(cro, basis)[:2]
        (0.5, 'serves phase 3, but a CRO does not fit the late stage: \
CROs are engaged early to mid-stage')
    """
    phase = basis.profile.phase
    org_type = partner.organisation_type
    serves = phase in partner.phases
    fits = basis._fits[org_type]
    link = "and" if serves == fits else "but"
    reason = (
        f"{'serves' if serves else 'does not serve'} {in_words(phase)}, {link} a "
        f"{org_type.value.upper()} {'fits' if fits else 'does not fit'} the "
        f"{in_words(phase.stage)} stage: {_TYPE_STAGE_WORDS[org_type]}"
    )
    return Scored(_stage_formula(basis)(partner), reason)


# --- 2. Technical expertise --------------------------------------------------------


def _expertise_formula(basis: Basis) -> Formula:
    expertise = basis._expertise  # per type: the area, modality and form named, and how many

    def score(partner: Partner) -> float:
        area, modality, form, named = expertise[partner.organisation_type]
        if not named:
            return 1.0
        covered = (
            (area in partner.therapeutic_areas)
            + (modality in partner.modalities)
            + (form in partner.dosage_forms)
        )
        return covered / named

    return score


def technical_expertise(partner: Partner, basis: Basis) -> Scored:
    """Criterion 2, technical expertise: does the partner know this kind of product?

    Formula: the share of the profile's named needs the partner covers: its therapeutic
    area for the research part; its modality and dosage form for the manufacturing
    part. 1 when the profile names none of them (nothing to fall short of).

    Source: the guide's second criterion (therapeutic area for CROs; dosage form or
    process for CMOs); surveys rank therapeutic expertise among the top five criteria
    for choosing a CRO (DOMAIN.md, "Partner selection in the literature").

    Example:
        >>> from pharma_outsourcing import Modality, OrganisationType, Partner, Phase
        >>> from pharma_outsourcing import DosageForm, SponsorProfile
        >>> profile = SponsorProfile(
        ...     phase=Phase.PHASE_3, modality=Modality.BIOLOGIC,
        ...     dosage_form=DosageForm.STERILE_INJECTABLE,
        ... )
        >>> cmo = Partner(
        ...     name="A", organisation_type=OrganisationType.CMO, modalities={Modality.BIOLOGIC}
        ... )
        >>> technical_expertise(cmo, Basis(profile=profile, as_of=2024))[:2]
        (0.5, 'has 1 of 2 areas of expertise the programme needs: \
biologic; not sterile injectable')
    """
    area, modality, form, _named = basis._expertise[partner.organisation_type]
    present: list[str] = []
    absent: list[str] = []
    for need, offered in (
        (area, partner.therapeutic_areas),
        (modality, partner.modalities),
        (form, partner.dosage_forms),
    ):
        if need is not None:
            (present if need in offered else absent).append(in_words(need))
    if not present and not absent:
        research, manufacturing = basis.parts(partner)
        wanted = [
            *(["therapeutic area"] if research else []),
            *(["modality or dosage form"] if manufacturing else []),
        ]
        reason = f"has nothing to match: the profile names no {' and no '.join(wanted)}"
    else:
        reason = _count_of("has", present, absent, "areas of expertise the programme needs")
    return Scored(_expertise_formula(basis)(partner), reason)


# --- 3. Regulatory track record ----------------------------------------------------


def _record_score(
    records: tuple[Inspection, ...] | tuple[Submission, ...],
    values: Mapping[StrEnum, float],
    basis: Basis,
) -> float:
    """Recency-weighted mean of the records' values, with one neutral record as prior."""
    regulators, year_weight = basis._regulators, basis._year_weight
    total, weight = NEUTRAL, 1.0
    for record in records:
        value = values.get(record.outcome)
        if value is None or (regulators is not None and record.regulator not in regulators):
            continue
        w = year_weight.get(record.year)
        if w is None:
            w = _weight_of(record.year, basis.as_of)
        total += w * value
        weight += w
    return total / weight


def _track_record_formula(basis: Basis) -> Formula:
    parts = basis._parts

    def score(partner: Partner) -> float:
        research, manufacturing = parts[partner.organisation_type]
        submitted = (
            _record_score(partner.submissions, _SUBMISSION_VALUE, basis)
            if research and partner.submissions
            else NEUTRAL
        )
        inspected = (
            _record_score(partner.inspections, _INSPECTION_VALUE, basis)
            if manufacturing and partner.inspections
            else NEUTRAL
        )
        if research and manufacturing:
            return (submitted + inspected) * 0.5
        return submitted if research else inspected

    return score


def _record_words(
    kind: str,
    records: tuple[Inspection, ...] | tuple[Submission, ...],
    outcomes: type[InspectionOutcome] | type[SubmissionOutcome],
    basis: Basis,
) -> str:
    regulators = basis._regulators
    where = (
        "any regulator"
        if regulators is None
        else ", ".join(_REGULATOR_WORDS[r] for r in in_declared_order(regulators))
    )
    relevant = [r for r in records if regulators is None or r.regulator in regulators]
    preposition = "by" if kind == "inspections" else "to"
    if not relevant:
        return f"no {kind} {preposition} {where} on record (neutral)"
    counts = [
        f"{sum(r.outcome is outcome for r in relevant)} {in_words(outcome)}"
        for outcome in outcomes
        if any(r.outcome is outcome for r in relevant)
    ]
    latest = max(r.year for r in relevant)
    return f"{kind} {preposition} {where}: {', '.join(counts)}, latest {latest}"


def regulatory_track_record(partner: Partner, basis: Basis) -> Scored:
    """Criterion 3, regulatory track record: how have regulators judged its work?

    Formula: for the research part, submissions to the target markets' regulators
    (approved 1, refused 0, pending not counted); for the manufacturing part,
    inspections by them (no action indicated 1, voluntary action 0.75, official action
    and warning letters 0: they count against). Each record weighs
    ``0.5 ** (age / HALF_LIFE_YEARS)`` with its age measured from ``basis.as_of``, so
    recent results count more; the score is the weighted mean of the values together
    with one neutral (0.5) record of weight 1, so that no record is neutral and more
    evidence moves the score further. With both parts, the mean of the two. With no
    target markets, every regulator counts. Deficiency counts are not scored: the
    final classification already reflects them.

    Source: the guide's third criterion (submissions for CROs, inspections for CMOs,
    in the target markets); FDA's inspection classification (NAI, VAI, OAI) and
    warning letters (DOMAIN.md, "Track records").

    Example:
        >>> from pharma_outsourcing import Inspection, InspectionOutcome, Market
        >>> from pharma_outsourcing import OrganisationType, Partner, Phase, Regulator
        >>> from pharma_outsourcing import SponsorProfile
        >>> profile = SponsorProfile(phase=Phase.COMMERCIAL, target_markets={Market.US})
        >>> nai = Inspection(
        ...     regulator=Regulator.FDA, year=2024, outcome=InspectionOutcome.NO_ACTION_INDICATED
        ... )
        >>> cmo = Partner(name="A", organisation_type=OrganisationType.CMO, inspections=[nai])
        >>> regulatory_track_record(cmo, Basis(profile=profile, as_of=2024))[:2]
        (0.75, 'inspections by FDA: 1 no action indicated, latest 2024')
    """
    research, manufacturing = basis.parts(partner)
    texts = []
    if research:
        texts.append(_record_words("submissions", partner.submissions, SubmissionOutcome, basis))
    if manufacturing:
        texts.append(_record_words("inspections", partner.inspections, InspectionOutcome, basis))
    source = FDA_INSPECTION_CLASSIFICATION if manufacturing else SEED_SELECTION
    return Scored(_track_record_formula(basis)(partner), "; ".join(texts), source)


# --- 4. Scalability -----------------------------------------------------------------


def _scalability_formula(basis: Basis) -> Formula:
    programme = basis._programme
    phases = len(programme)

    def score(partner: Partner) -> float:
        return len(programme & partner.phases) / phases

    return score


def scalability(partner: Partner, basis: Basis) -> Scored:
    """Criterion 4, scalability: will the partner grow with the programme?

    Formula: the share of the phases from the profile's phase to its horizon that the
    partner serves.

    Source: the guide's fourth criterion (will it grow with you from clinical trials to
    commercial production?).

    Example:
        >>> from pharma_outsourcing import OrganisationType, Partner, Phase, SponsorProfile
        >>> basis = Basis(profile=SponsorProfile(phase=Phase.PHASE_3), as_of=2024)
        >>> scalability(Partner(name="A", organisation_type=OrganisationType.CRO), basis)[:2]
        (0.666..., 'serves 2 of 3 phases from phase 3 to commercial: \
phase 3, regulatory review; not commercial')
    """
    profile = basis.profile
    present = [in_words(p) for p in profile.programme if p in partner.phases]
    absent = [in_words(p) for p in profile.programme if p not in partner.phases]
    noun = f"phases from {in_words(profile.phase)} to {in_words(profile.horizon)}"
    if profile.phase is profile.horizon:
        noun = f"phases (the programme stays in {in_words(profile.phase)})"
    return Scored(_scalability_formula(basis)(partner), _count_of("serves", present, absent, noun))


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
        present = [_MARKET_WORDS[m] for m in targets if m in partner.markets]
        absent = [_MARKET_WORDS[m] for m in targets if m not in partner.markets]
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
