"""The six partner-selection criteria: one scoring function each.

Each function judges one :class:`~pharma_outsourcing.Partner` against a :class:`Basis`
(the sponsor's profile, the services the partner is ranked for and the year recency is
measured from) and returns a :class:`Scored`: a score in [0, 1] and a one-sentence
reason, written as a predicate about the partner ("operates in 2 of 3 target markets:
US, EU; not Japan").

The criteria are the seed's (see DOMAIN.md, "The seed's model": choosing a partner);
how each is turned into a number is the library's choice, documented with each
function, since no regulator sets one (see DOMAIN.md, "Partner selection in the
literature").

Which *part* of the work is judged: the research part when the partner is ranked for
any CRO service, the manufacturing part when it is ranked for any CMO service (both for
a CDMO ranked for both); when it is ranked for no service at all, the part its type
provides.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Any, NamedTuple

import attrs

from ._errors import InvalidInputError
from ._partners import Inspection, InspectionOutcome, Partner, Submission, SubmissionOutcome
from ._profile import SponsorProfile
from ._reasons import Reason
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
)

__all__ = [
    "CRITERIA",
    "HALF_LIFE_YEARS",
    "Basis",
    "Scored",
    "cultural_fit",
    "geographic_footprint",
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

# The seed: CROs are engaged early to mid-stage; CMOs mid to late-stage and for
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
_MARKETS = tuple(Market)
_REGULATORS = tuple(Regulator)
_INSPECTION_OUTCOMES = tuple(InspectionOutcome)
_SUBMISSION_OUTCOMES = tuple(SubmissionOutcome)
_CRO_SERVICES = services_of(CRO)
_CMO_SERVICES = services_of(CMO)


_Checks = tuple[TherapeuticArea | None, Modality | None, DosageForm | None, int]


_Six = tuple[float, float, float, float, float, float]


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


def _words(value: object) -> str:
    """An enum member in words: ``phase-2`` -> ``phase 2``."""
    return str(value).replace("-", " ")


def _count_of(verb: str, present: list[str], absent: list[str], noun: str) -> str:
    """``operates in 2 of 3 target markets: US, EU; not Japan``."""
    text = f"{verb} {len(present)} of {len(present) + len(absent)} {noun}"
    if present:
        text += ": " + ", ".join(present)
    if absent:
        text += "; not " + ", ".join(absent)
    return text


def latest_year(partners: Iterable[Partner]) -> int | None:
    """The latest year in any partner's inspections and submissions (``None`` if none).

    This is :func:`~pharma_outsourcing.rank`'s default basis year for recency.

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
    candidates = tuple(partners)
    years = [r.year for p in candidates for r in p.inspections]
    years += [r.year for p in candidates for r in p.submissions]
    return max(years, default=None)


def _validate_as_of(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise InvalidInputError(
            field=attribute.name,
            value=value,
            problem="is not a year",
            allowed="a year such as 2024, or nothing (every record counts as current)",
        )


def _is_profile(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, SponsorProfile):
        raise InvalidInputError(
            field=attribute.name, value=value, problem="is not a SponsorProfile"
        )


def _needed_services(basis: Basis) -> frozenset[Service]:
    profile: object = basis.profile  # not yet validated
    return profile.needed_services if isinstance(profile, SponsorProfile) else frozenset()


def _frozen_services(value: Iterable[Service]) -> frozenset[Service]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidInputError(
            field="services", value=value, problem="is not a set", allowed="a set of services"
        )
    return frozenset(Service.parse(item, field="services") for item in value)


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
    as_of: int | None = attrs.field(default=None, validator=_validate_as_of)
    # Derived once, for speed: every partner is scored against them.
    _requirements: Requirements = attrs.field(init=False, eq=False, repr=False)
    _parts: Mapping[OrganisationType, tuple[bool, bool]] = attrs.field(
        init=False, eq=False, repr=False
    )
    _expertise: Mapping[OrganisationType, _Checks] = attrs.field(init=False, eq=False, repr=False)
    _regulators: frozenset[Regulator] | None = attrs.field(init=False, eq=False, repr=False)
    _year_weight: dict[int, float] = attrs.field(init=False, eq=False, repr=False)
    _fits: Mapping[OrganisationType, bool] = attrs.field(init=False, eq=False, repr=False)
    _programme: frozenset[Phase] = attrs.field(init=False, eq=False, repr=False)
    _targets: frozenset[Market] = attrs.field(init=False, eq=False, repr=False)
    _scorer: Callable[[Partner], _Six] = attrs.field(init=False, eq=False, repr=False)
    # The last partner scored: explaining one partner asks for its scores six times.
    _last: tuple[Partner | None, _Six] = attrs.field(init=False, eq=False, repr=False)

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
            modality = profile.modality if man else None
            form = profile.dosage_form if man else None
            checked = (area is not None) + (modality is not None) + (form is not None)
            expertise[org_type] = (area, modality, form, checked)
        targets = profile.target_markets
        stage = profile.phase.stage
        derived = {
            "_requirements": Requirements(services=services),
            "_parts": parts,
            "_expertise": expertise,
            "_regulators": frozenset(m.regulator for m in targets) if targets else None,
            "_year_weight": {}
            if self.as_of is None
            else {
                year: math.exp2((year - self.as_of) / HALF_LIFE_YEARS)
                for year in range(self.as_of - 100, self.as_of + 1)
            },
            "_fits": {t: stage in stages for t, stages in _TYPE_STAGES.items()},
            "_programme": frozenset(profile.programme),
            "_targets": targets,
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_scorer", _scorer(self))
        object.__setattr__(self, "_last", (None, (0.0,) * 6))

    def __reduce__(self) -> tuple[object, ...]:
        # The derived fields hold a closure, which pickle cannot store: rebuild them.
        return (_rebuild, (self.profile, self.services, self.as_of))

    @property
    def scorer(self) -> Callable[[Partner], _Six]:
        """The function :meth:`scores` calls, for callers that score many partners."""
        return self._scorer

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

    def scores(self, partner: Partner) -> _Six:
        """The partner's six criterion scores, in :class:`Criterion` order, without reasons.

        The same numbers as the six scoring functions give, computed without their
        reasons: what :func:`~pharma_outsourcing.rank` uses.

        Example:
            >>> from pharma_outsourcing import OrganisationType, Partner, Phase
            >>> from pharma_outsourcing import SponsorProfile
            >>> basis = Basis(profile=SponsorProfile(phase=Phase.PHASE_2), as_of=2024)
            >>> basis.scores(Partner(name="A", organisation_type=OrganisationType.CRO))
            (1.0, 1.0, 0.5, 0.75, 1.0, 0.5)
        """
        last = self._last  # (partner, scores): one attribute, so threads cannot mix them
        if last[0] is partner:
            return last[1]
        scores = self._scorer(partner)
        object.__setattr__(self, "_last", (partner, scores))
        return scores

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


def _scorer(basis: Basis) -> Callable[[Partner], _Six]:
    """The six scores of a partner against ``basis``, as one fast function.

    Each score's formula is documented with its criterion's function below; they are
    computed together here, with everything that depends only on the basis looked up
    once, because ranking scores many partners against one basis.
    """
    phase = basis.profile.phase
    fits = basis._fits
    parts = basis._parts
    expertise = basis._expertise
    programme = basis._programme
    phase_count = len(programme)
    targets = basis._targets
    target_count = len(targets)
    regulators = basis._regulators
    year_weight = basis._year_weight
    as_of = basis.as_of
    submission_value, inspection_value = _SUBMISSION_VALUE, _INSPECTION_VALUE
    record_score = _record_score

    def scores(partner: Partner) -> _Six:
        org_type = partner.organisation_type
        area, modality, form, checked = expertise[org_type]
        research, manufacturing = parts[org_type]
        submissions, inspections = partner.submissions, partner.inspections
        research_record = (
            record_score(submissions, submission_value, regulators, year_weight, as_of)
            if research and submissions
            else NEUTRAL
        )
        manufacturing_record = (
            record_score(inspections, inspection_value, regulators, year_weight, as_of)
            if manufacturing and inspections
            else NEUTRAL
        )
        rating = partner.communication
        return (
            ((phase in partner.phases) + fits[org_type]) * 0.5,
            (
                (area is not None and area in partner.therapeutic_areas)
                + (modality is not None and modality in partner.modalities)
                + (form is not None and form in partner.dosage_forms)
            )
            / checked
            if checked
            else 1.0,
            (research_record + manufacturing_record) * 0.5
            if research and manufacturing
            else research_record
            if research
            else manufacturing_record,
            len(programme & partner.phases) / phase_count,
            len(targets & partner.markets) / target_count if target_count else 1.0,
            NEUTRAL if rating is None else rating / 5,
        )

    return scores


def _rebuild(profile: SponsorProfile, services: frozenset[Service], as_of: int | None) -> Basis:
    return Basis(profile=profile, services=services, as_of=as_of)


# --- 1. Stage of development -------------------------------------------------------


def stage_of_development(partner: Partner, basis: Basis) -> Scored:
    """Criterion 1, stage of development: does the partner fit where the programme is?

    Formula: ``(serves + fits) / 2``, where ``serves`` is 1 when the partner serves the
    profile's phase and ``fits`` is 1 when its type fits the phase's stage: CROs early
    and mid, CMOs mid, late and post-approval, CDMOs every stage.

    Source: the seed's first selection criterion (early = CRO; late and post-approval =
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
        f"{'serves' if serves else 'does not serve'} {_words(phase)}, {link} a "
        f"{org_type.value.upper()} {'fits' if fits else 'does not fit'} the "
        f"{_words(phase.stage)} stage: {_TYPE_STAGE_WORDS[org_type]}"
    )
    return Scored(basis.scores(partner)[0], reason)


# --- 2. Technical expertise --------------------------------------------------------


def technical_expertise(partner: Partner, basis: Basis) -> Scored:
    """Criterion 2, technical expertise: does the partner know this kind of product?

    Formula: the share of the profile's named needs the partner covers: its therapeutic
    area for the research part; its modality and dosage form for the manufacturing
    part. 1 when the profile names none of them (nothing to fall short of).

    Source: the seed's second criterion (therapeutic area for CROs; dosage form or
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
    area, modality, form, _checked = basis._expertise[partner.organisation_type]
    present: list[str] = []
    absent: list[str] = []
    for need, offered in (
        (area, partner.therapeutic_areas),
        (modality, partner.modalities),
        (form, partner.dosage_forms),
    ):
        if need is not None:
            (present if need in offered else absent).append(_words(need))
    if not present and not absent:
        research, manufacturing = basis.parts(partner)
        wanted = [
            *(["therapeutic area"] if research else []),
            *(["modality or dosage form"] if manufacturing else []),
        ]
        reason = f"has nothing to match: the profile names no {' and no '.join(wanted)}"
    else:
        reason = _count_of("has", present, absent, "areas of expertise the programme needs")
    return Scored(basis.scores(partner)[1], reason)


# --- 3. Regulatory track record ----------------------------------------------------


def _record_score(
    records: tuple[Inspection, ...] | tuple[Submission, ...],
    values: Mapping[StrEnum, float],
    regulators: frozenset[Regulator] | None,
    year_weight: Mapping[int, float],
    as_of: int | None,
) -> float:
    """Recency-weighted mean of the records' values, with one neutral record as prior."""
    total, weight = NEUTRAL, 1.0
    for record in records:
        value = values.get(record.outcome)
        if value is None or (regulators is not None and record.regulator not in regulators):
            continue
        w = year_weight.get(record.year)
        if w is None:
            w = _weight_of(record.year, as_of)
        total += w * value
        weight += w
    return total / weight


def _weight_of(year: int, as_of: int | None) -> float:
    """A record's recency weight: 1 at ``as_of`` or later, halving every half-life before."""
    if as_of is None or year >= as_of:
        return 1.0
    return math.exp2((year - as_of) / HALF_LIFE_YEARS)


def _record_words(
    kind: str,
    records: tuple[Inspection, ...] | tuple[Submission, ...],
    outcomes: Iterable[InspectionOutcome] | Iterable[SubmissionOutcome],
    basis: Basis,
) -> str:
    regulators = basis._regulators
    where = (
        "any regulator"
        if regulators is None
        else ", ".join(_REGULATOR_WORDS[r] for r in _REGULATORS if r in regulators)
    )
    relevant = [r for r in records if regulators is None or r.regulator in regulators]
    preposition = "by" if kind == "inspections" else "to"
    if not relevant:
        return f"no {kind} {preposition} {where} on record (neutral)"
    counts = [
        f"{sum(r.outcome is outcome for r in relevant)} {_words(outcome)}"
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

    Source: the seed's third criterion (submissions for CROs, inspections for CMOs,
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
        texts.append(_record_words("submissions", partner.submissions, _SUBMISSION_OUTCOMES, basis))
    if manufacturing:
        texts.append(_record_words("inspections", partner.inspections, _INSPECTION_OUTCOMES, basis))
    source = FDA_INSPECTION_CLASSIFICATION if manufacturing else SEED_SELECTION
    return Scored(basis.scores(partner)[2], "; ".join(texts), source)


# --- 4. Scalability -----------------------------------------------------------------


def scalability(partner: Partner, basis: Basis) -> Scored:
    """Criterion 4, scalability: will the partner grow with the programme?

    Formula: the share of the phases from the profile's phase to its horizon that the
    partner serves.

    Source: the seed's fourth criterion (will it grow with you from clinical trials to
    commercial production?).

    Example:
        >>> from pharma_outsourcing import OrganisationType, Partner, Phase, SponsorProfile
        >>> basis = Basis(profile=SponsorProfile(phase=Phase.PHASE_3), as_of=2024)
        >>> scalability(Partner(name="A", organisation_type=OrganisationType.CRO), basis)[:2]
        (0.666..., 'serves 2 of 3 phases from phase 3 to commercial: \
phase 3, regulatory review; not commercial')
    """
    profile = basis.profile
    present = [_words(p) for p in profile.programme if p in partner.phases]
    absent = [_words(p) for p in profile.programme if p not in partner.phases]
    noun = f"phases from {_words(profile.phase)} to {_words(profile.horizon)}"
    if profile.phase is profile.horizon:
        noun = f"phases (the programme stays in {_words(profile.phase)})"
    return Scored(basis.scores(partner)[3], _count_of("serves", present, absent, noun))


# --- 5. Geographic footprint --------------------------------------------------------


def geographic_footprint(partner: Partner, basis: Basis) -> Scored:
    """Criterion 5, geographic footprint: is the partner present where the sponsor goes?

    Formula: the share of the profile's target markets in which the partner operates;
    1 when the profile names no target market.

    Source: the seed's fifth criterion (global trials or markets need multi-regional
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
    targets = basis.profile.target_markets
    if not targets:
        reason = "has no target market to cover: the profile names none"
    else:
        present = [_MARKET_WORDS[m] for m in _MARKETS if m in targets and m in partner.markets]
        absent = [_MARKET_WORDS[m] for m in _MARKETS if m in targets and m not in partner.markets]
        reason = _count_of("operates in", present, absent, "target markets")
    return Scored(basis.scores(partner)[4], reason)


# --- 6. Cultural fit and communication ----------------------------------------------


def cultural_fit(partner: Partner, basis: Basis) -> Scored:
    """Criterion 6, cultural fit and communication: the sponsor's own rating.

    Formula: ``communication / 5``; neutral (0.5) when the partner is not yet rated.

    Source: the seed's sixth criterion (cultural fit and communication).

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
    return Scored(basis.scores(partner)[5], reason)


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
