"""Which partner: ``Weights``, ``rank`` and what it returns (DESIGN.md §6).

:func:`rank` scores every candidate on the six criteria of :mod:`._criteria`, excludes
those screened out (with the reasons), and orders the rest by their
weighted score, ties broken by name. Every score is explained; the reasons are written
when first read, so ranking many thousands of partners stays fast.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from ._bulk import collector_paused
from ._criteria import (
    CRITERIA,
    Basis,
    Evidence,
    as_partners,
    as_profile,
    basis_year,
    latest_record_year,
)
from ._errors import InvalidInputError
from ._fields import as_tuple, expect_mapping, instance_of, tuple_of, unit_number, unit_score
from ._frozenmap import FrozenMap
from ._partners import Partner
from ._profile import SponsorProfile
from ._reasons import Reason, reason_tuple
from ._screening import GMP_EVIDENCE_YEARS
from ._services import Service
from ._sources import SEED_SELECTION
from ._vocabulary import Criterion

if TYPE_CHECKING:
    from pandas import DataFrame  # type: ignore[import-untyped,import-not-found,unused-ignore]

__all__ = [
    "Assessment",
    "Exclusion",
    "Shortlist",
    "Weights",
    "as_weights",
    "canonical_order",
    "checked_basis",
    "completeness_of",
    "rank",
    "ranked",
    "ranked_partners",
]

ASSUMED_LEADER = 0.5
"""Below this completeness, a shortlist's :attr:`~Shortlist.notes` say its leader rests
mostly on assumptions."""
_CRITERIA = tuple(Criterion)
_CRITERION_SET = frozenset(_CRITERIA)
_INDEX = {criterion: index for index, criterion in enumerate(_CRITERIA)}
V = TypeVar("V")


# --- Weights -----------------------------------------------------------------------


def _weight_values(
    value: Mapping[Criterion, float] | Mapping[str, float],
) -> FrozenMap[Criterion, float]:
    """Criteria (or their names) to numbers, frozen; names parsed to criteria."""
    if isinstance(value, FrozenMap) and all(type(key) is Criterion for key in value):
        return value
    value = expect_mapping(
        value, field="weights", allowed="a mapping of criteria to non-negative numbers"
    )
    items: dict[Criterion, float] = {}
    for key, number in value.items():
        if not isinstance(key, str):
            raise InvalidInputError(
                field="weights",
                value=key,
                problem="is not a criterion",
                allowed=", ".join(c.value for c in Criterion),
            )
        criterion = Criterion.parse(key, field="weights")
        if criterion in items:
            raise InvalidInputError(
                field="weights",
                value=key,
                problem=f"names {criterion.value} a second time",
                allowed="each criterion once",
            )
        # Whole numbers are kept as floats of the same value, so that a round trip
        # through JSON (where the converter reads numbers as floats) gives the same text.
        items[criterion] = _as_float(criterion, number) if _is_whole(number) else number
    return FrozenMap(items)


def _is_whole(number: object) -> bool:
    return isinstance(number, int) and not isinstance(number, bool)


def _as_float(criterion: Criterion, number: float) -> float:
    """A whole-number weight as the float of its value (refused if no float holds it)."""
    try:
        return float(number)
    except OverflowError:
        raise InvalidInputError(
            field=f"weights[{criterion.value}]",
            value=number,
            problem="is larger than a float holds",
            allowed="a finite number, 0 or more",
        ) from None


def _check_weights(
    _instance: object, _attribute: attrs.Attribute[Any], value: Mapping[Criterion, object]
) -> None:
    for criterion, number in value.items():
        if (
            isinstance(number, bool)
            or not isinstance(number, int | float)
            or not math.isfinite(number)
            or number < 0
        ):
            raise InvalidInputError(
                field=f"weights[{criterion.value}]",
                value=number,
                problem="is not a non-negative number",
                allowed="a finite number, 0 or more",
            )
    total = sum(value.values())  # type: ignore[arg-type]  # numbers, checked above
    if total <= 0 or not math.isfinite(total):
        raise InvalidInputError(
            field="weights",
            value=dict(value),
            problem="weighs nothing" if total == 0 else "sums to more than a float holds",
            allowed="non-negative numbers, at least one of them positive",
            suggestion=None if total else "equal weights: Weights()",
        )


def _equal() -> FrozenMap[Criterion, float]:
    return FrozenMap(dict.fromkeys(Criterion, 1.0))


@attrs.frozen(kw_only=True)
class Weights:
    """How much each selection criterion counts.

    The numbers are kept as given, so weights round-trip exactly; :meth:`normalised`
    scales them to sum to 1, and that is what :func:`rank` uses, so multiplying every
    weight by the same positive number changes nothing. A criterion left out weighs 0.
    No regulator sets these weights: the regulations ask only that a provider's
    suitability and competence be assessed (ICH Q10 2.7, EU GMP Chapter 7, ICH E6(R3)
    3.6), so they are the sponsor's to choose.

    Attributes:
        values: Each criterion (or a name :meth:`Criterion.parse` accepts) to a
            non-negative number, not all zero. Default: every criterion 1.

    Raises:
        InvalidInputError: A key is no criterion (or names one twice), a number is
            negative, not finite or not a number, or every number is 0.

    Example:
        >>> from pharma_outsourcing import Criterion, Weights
        >>> weights = Weights(values={"track record": 3, Criterion.SCALABILITY: 1})
        >>> weights.normalised()[Criterion.REGULATORY_TRACK_RECORD]
        0.75
        >>> weights.normalised()[Criterion.CULTURAL_FIT]
        0.0
    """

    values: Mapping[Criterion, float] = attrs.field(
        factory=_equal, converter=_weight_values, validator=_check_weights
    )

    def weight(self, criterion: Criterion) -> float:
        """The weight given to ``criterion`` (0 when left out); whole numbers as floats.

        Example:
            >>> from pharma_outsourcing import Criterion, Weights
            >>> Weights(values={"scalability": 2}).weight(Criterion.SCALABILITY)
            2.0
        """
        return self.values.get(Criterion.parse(criterion, field="criterion"), 0)

    def normalised(self) -> Mapping[Criterion, float]:
        """Every criterion, in order, to its share of the total weight (summing to 1).

        Example:
            >>> from pharma_outsourcing import Weights
            >>> import math
            >>> math.fsum(Weights().normalised().values())
            1.0
        """
        return FrozenMap(zip(_CRITERIA, self.vector(), strict=True))

    def vector(self) -> tuple[float, ...]:
        """The normalised weights as a tuple in :class:`Criterion` order."""
        total = math.fsum(self.values.values())
        return tuple(self.values.get(c, 0) / total for c in _CRITERIA)


def as_weights(
    weights: Weights | Mapping[Criterion, float] | Mapping[str, float] | None,
) -> Weights:
    """``weights`` as :class:`Weights`: ``None`` is equal weights, a mapping is wrapped."""
    if weights is None:
        return Weights()
    if isinstance(weights, Weights):
        return weights
    return Weights(values=weights)


# --- Per-criterion mappings ------------------------------------------------------------


class _ByCriterion(Mapping[Criterion, V]):
    """A read-only mapping of the six criteria, in order, to a tuple of values.

    Equal to (and hashing like) any mapping with the same items, as
    :class:`~pharma_outsourcing._frozenmap.FrozenMap` does.
    """

    __slots__ = ()

    def _all(self) -> tuple[V, ...]:
        raise NotImplementedError

    def __getitem__(self, key: Criterion) -> V:
        return self._all()[_INDEX[key]]

    def __iter__(self) -> Iterator[Criterion]:
        return iter(_CRITERIA)

    def __len__(self) -> int:
        return len(_CRITERIA)

    def __hash__(self) -> int:
        return hash(frozenset(zip(_CRITERIA, self._all(), strict=True)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(zip(_CRITERIA, self._all(), strict=True)) == dict(other.items())
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({dict(zip(_CRITERIA, self._all(), strict=True))!r})"


class _Scores(_ByCriterion[float]):
    """Each criterion's score: a row of :meth:`Basis.score_rows`."""

    __slots__ = ("_row",)

    def __init__(self, row: tuple[float, ...]) -> None:
        self._row = row

    def _all(self) -> tuple[float, ...]:
        return self._row


class _Contributions(_ByCriterion[float]):
    """Each criterion's weighted share of the total: weight times score, when first read."""

    __slots__ = ("_row", "_values", "_weights")

    def __init__(self, row: tuple[float, ...], weights: tuple[float, ...]) -> None:
        self._row, self._weights = row, weights
        self._values: tuple[float, ...] | None = None

    def _all(self) -> tuple[float, ...]:
        if self._values is None:
            self._values = tuple(w * s for w, s in zip(self._weights, self._row, strict=True))
        return self._values


class _Reasons(_ByCriterion[Reason]):
    """Each criterion's reason, written when first read."""

    __slots__ = ("_basis", "_partner", "_values")

    def __init__(self, partner: Partner, basis: Basis) -> None:
        self._partner, self._basis = partner, basis
        self._values: tuple[Reason, ...] | None = None

    def _all(self) -> tuple[Reason, ...]:
        if self._values is None:
            partner, basis = self._partner, self._basis
            self._values = tuple(
                Reason(criterion=criterion, text=scored.reason, source=scored.source)
                for criterion, function in CRITERIA.items()
                for scored in (function(partner, basis),)
            )
        return self._values


class _Evidence(_ByCriterion[Evidence]):
    """Each criterion's evidence: a row of :meth:`Basis.evidence`."""

    __slots__ = ("_row",)

    def __init__(self, row: tuple[Evidence, ...]) -> None:
        self._row = row

    def _all(self) -> tuple[Evidence, ...]:
        return self._row


# Mappings kept as they are by the fields' converters: already read-only.
_FROZEN = frozenset({_Scores, _Contributions, _Reasons, _Evidence, FrozenMap})


def _evidence(value: Mapping[Criterion, Evidence]) -> Mapping[Criterion, Evidence]:
    if type(value) in _FROZEN or not isinstance(value, Mapping):
        return value
    return FrozenMap(value)


def _is_evidence(field: str, value: object) -> None:
    if not isinstance(value, Evidence):
        raise InvalidInputError(
            field=field,
            value=value,
            problem="is not an Evidence",
            allowed=", ".join(e.value for e in Evidence),
        )


def _criterion_evidence(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Each criterion's evidence is an :class:`Evidence`."""
    if type(value) is not _Evidence:  # built from Basis.evidence, so already members
        _every_criterion(attribute.name, value, _is_evidence)


def completeness_of(row: tuple[Evidence, ...], weights: tuple[float, ...]) -> float:
    """The share of the total weight resting on recorded or stated evidence."""
    assumed = Evidence.ASSUMED
    share = math.fsum(w for w, e in zip(weights, row, strict=True) if e is not assumed)
    return min(1.0, round(share, 12))


def _scores(value: Mapping[Criterion, float]) -> Mapping[Criterion, float]:
    if type(value) in _FROZEN or not isinstance(value, Mapping):
        return value  # a non-mapping is left for the validator to refuse
    return FrozenMap(value)


def _reasons(value: Mapping[Criterion, Reason]) -> Mapping[Criterion, Reason]:
    if type(value) in _FROZEN or not isinstance(value, Mapping):
        return value
    return FrozenMap(value)


def _every_criterion(field: str, value: object, check: Callable[[str, object], None]) -> None:
    """Refuse ``value`` unless it maps each of the six criteria to a value ``check`` allows."""
    value = expect_mapping(value, field=field, allowed="a mapping of each of the six criteria")
    if set(value) != _CRITERION_SET:
        raise InvalidInputError(
            field=field,
            value=sorted(str(key) for key in value),
            problem="does not name each of the six criteria once",
            allowed=", ".join(_CRITERIA),
        )
    for criterion in _CRITERIA:
        check(f"{field}[{criterion.value}]", value[criterion])


def _is_reason(field: str, value: object) -> None:
    if not isinstance(value, Reason):
        raise InvalidInputError(
            field=field, value=value, problem="is not a Reason", allowed="a Reason"
        )


def _criterion_scores(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Each criterion's score is a number from 0 to 1."""
    if type(value) is _Scores:  # a row of six floats: checked in one expression
        a, b, c, d, e, f = value._row
        if (
            0.0 <= a <= 1.0
            and 0.0 <= b <= 1.0
            and 0.0 <= c <= 1.0
            and 0.0 <= d <= 1.0
            and 0.0 <= e <= 1.0
            and 0.0 <= f <= 1.0
        ):
            return
    _every_criterion(attribute.name, value, unit_number)


def _criterion_contributions(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Each criterion's contribution is a number from 0 to 1."""
    if type(value) is not _Contributions:  # products of checked scores and weights
        _every_criterion(attribute.name, value, unit_number)


def _criterion_reasons(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Each criterion's reason is a :class:`Reason`."""
    if type(value) is not _Reasons:  # those are built, and so checked, when read
        _every_criterion(attribute.name, value, _is_reason)


# --- Results -------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Assessment:
    """One ranked partner: its total score and, per criterion, score, reason and share.

    Attributes:
        partner: The partner assessed.
        score: The weighted score, in [0, 1], rounded to 12 decimal places.
        scores: Every criterion to the partner's score on it, in [0, 1].
        reasons: Every criterion to the reason for that score (a
            :class:`~pharma_outsourcing.Reason` whose text is a sentence about the
            partner).
        contributions: Every criterion to its weighted share of ``score`` (normalised
            weight times score; they add up to ``score``, up to rounding).
        evidence: Every criterion to what its score rests on: records, statements, or
            the neutral value assumed for want of data (:class:`Evidence`).
        completeness: The share of the total weight resting on recorded or stated
            evidence, in [0, 1]: 1 when no score is assumed.
        warnings: What a QA lead should see though it does not bar the partner: an
            unacceptable record of a regulator outside the target markets, a blocked site
            beside a clear one, GMP evidence that is only stated, open audit conditions.

    Raises:
        InvalidInputError: The partner is not a partner, or a score or contribution is
            not a number from 0 to 1 for each of the six criteria (``nan`` is not one),
            or a reason is not a :class:`~pharma_outsourcing.Reason`.

    Example:
        >>> from pharma_outsourcing import Criterion, OrganisationType, Partner, Phase
        >>> from pharma_outsourcing import Service, SponsorProfile, rank
        >>> profile = SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING})
        >>> cro = Partner(name="A", organisation_type=OrganisationType.CRO)
        >>> best = rank(profile, [cro]).ranked[0]
        >>> best.scores[Criterion.CULTURAL_FIT], best.reasons[Criterion.CULTURAL_FIT].text
        (0.5, 'is not yet rated for cultural fit and communication (neutral)')
    """

    partner: Partner = attrs.field(validator=instance_of(Partner))
    score: float = attrs.field(validator=unit_score)
    scores: Mapping[Criterion, float] = attrs.field(converter=_scores, validator=_criterion_scores)
    reasons: Mapping[Criterion, Reason] = attrs.field(
        converter=_reasons, validator=_criterion_reasons
    )
    contributions: Mapping[Criterion, float] = attrs.field(
        converter=_scores, validator=_criterion_contributions
    )
    evidence: Mapping[Criterion, Evidence] = attrs.field(
        converter=_evidence, validator=_criterion_evidence
    )
    completeness: float = attrs.field(validator=unit_score)
    warnings: tuple[Reason, ...] = attrs.field(
        default=(), converter=reason_tuple, validator=tuple_of(Reason)
    )

    def _repr_html_(self) -> str:
        """The assessment as HTML with per-criterion score bars (for notebooks)."""
        from ._render import notebook  # noqa: PLC0415 - on first display

        return notebook.html(self)

    def _repr_markdown_(self) -> str:
        """The assessment as a Markdown table of criteria, scores and reasons."""
        from ._render import notebook  # noqa: PLC0415 - on first display

        return notebook.markdown(self)


@attrs.frozen(kw_only=True)
class Exclusion:
    """A partner screened out of the ranking, with every must-have it fails.

    Attributes:
        partner: The partner excluded.
        reasons: What it fails, each naming what is missing.

    Example:
        >>> from pharma_outsourcing import OrganisationType, Partner, Phase, Service
        >>> from pharma_outsourcing import SponsorProfile, rank
        >>> cmo = Partner(name="A", organisation_type=OrganisationType.CMO)
        >>> work = {Service.API_PRODUCTION, Service.SITE_MONITORING}
        >>> shortlist = rank(SponsorProfile(phase=Phase.PHASE_1), [cmo], services=work)
        >>> for reason in shortlist.excluded[0].reasons:
        ...     print(reason.criterion.label, "|", reason.text[:58])
        technical expertise | does not offer 1 of the 2 services it is ranked for: site
        regulatory track record | has no GMP evidence: no candidate has a dated record to co
    """

    partner: Partner = attrs.field(validator=instance_of(Partner))
    reasons: tuple[Reason, ...] = attrs.field(converter=reason_tuple, validator=tuple_of(Reason))


def _assessments(value: Iterable[Assessment]) -> tuple[Assessment, ...]:
    return as_tuple(value)


def _exclusion_tuple(value: Iterable[Exclusion]) -> tuple[Exclusion, ...]:
    return as_tuple(value)


@attrs.frozen(kw_only=True)
class Shortlist:
    """The outcome of :func:`rank`: assessed partners, best first, and those excluded.

    Attributes:
        ranked: The partners passing screening, best first; equal scores
            in order of name.
        excluded: The partners screened out, in order of name.
        as_of: The year recency was measured from (``None`` when no candidate has any
            inspection or submission on record).

    Raises:
        InvalidInputError: ``ranked`` holds what is not an assessment, ``excluded`` what
            is not an exclusion, or ``as_of`` is not a year.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, rank
        >>> shortlist = rank(SponsorProfile(phase=Phase.PHASE_2), [])
        >>> shortlist.ranked, shortlist.excluded, shortlist.leader
        ((), (), None)
    """

    ranked: tuple[Assessment, ...] = attrs.field(
        default=(), converter=_assessments, validator=tuple_of(Assessment)
    )
    excluded: tuple[Exclusion, ...] = attrs.field(
        default=(), converter=_exclusion_tuple, validator=tuple_of(Exclusion)
    )
    as_of: int | None = attrs.field(default=None, validator=basis_year)

    @property
    def leader(self) -> Assessment | None:
        """The best-ranked assessment, or ``None`` when no partner is ranked."""
        return self.ranked[0] if self.ranked else None

    @property
    def notes(self) -> tuple[Reason, ...]:
        """What to know before relying on the order: a leader resting mostly on assumptions.

        When less than half of the weight behind the leader's score rests on records or
        statements (:attr:`Assessment.completeness`), the order says more about missing
        data than about the partners.

        Example:
            >>> from pharma_outsourcing import OrganisationType, Partner, Phase
            >>> from pharma_outsourcing import Service, SponsorProfile, rank
            >>> cro = Partner(name="A", organisation_type=OrganisationType.CRO)
            >>> profile = SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING})
            >>> print(rank(profile, [cro]).notes[0].text)  # doctest: +ELLIPSIS
            The leader, A, rests mostly on assumptions: ...
        """
        leader = self.leader
        if leader is None or leader.completeness >= ASSUMED_LEADER:
            return ()
        assumed = [c.label for c, e in leader.evidence.items() if e is Evidence.ASSUMED]
        return (
            Reason(
                criterion=None,
                text=(
                    f"The leader, {leader.partner.name}, rests mostly on assumptions: only "
                    f"{leader.completeness:.0%} of the weight behind its score rests on "
                    f"records or statements ({', '.join(assumed)} assumed neutral); add "
                    f"inspections, audits, target markets or ratings before relying on the order."
                ),
                source=SEED_SELECTION,
            ),
        )

    def to_records(
        self, *, excluded: bool = False
    ) -> list[dict[str, str | int | float | bool | None]]:
        """The ranked partners as plain dicts, best first; with ``excluded``, those excluded.

        The keys, in order: ``rank`` (from 1), ``name``, ``organisation_type`` (its value),
        ``score``, each criterion's score under its name (``stage_of_development``,
        ``technical_expertise``, ``regulatory_track_record``, ``scalability``,
        ``geographic_footprint``, ``cultural_fit``), ``completeness``, each criterion's
        evidence under ``<criterion>_evidence`` (``recorded``, ``stated`` or
        ``assumed``), and ``warnings`` (one text, a warning a line; ``""`` for none).
        Scores and completeness are rounded to 3 decimal places (the order is the
        ``rank``; the exact values are the assessments'). With ``excluded=True`` the
        excluded partners follow, in order of name, and two keys are added:
        ``excluded`` (``True`` for them) and ``exclusion_reasons`` (a reason a line);
        their rank, scores and evidence are ``None``. Every value is text, a number, a
        boolean or ``None``, ready for ``csv.DictWriter`` or a spreadsheet. These are
        results, not partner records: they do not read back as partners (join them to
        the partners' own table on ``name``).

        Example:
            >>> from pharma_outsourcing import OrganisationType, Partner, Phase
            >>> from pharma_outsourcing import Service, SponsorProfile, rank
            >>> cro = Partner(name="A", organisation_type=OrganisationType.CRO)
            >>> cmo = Partner(name="B", organisation_type=OrganisationType.CMO)
            >>> profile = SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING})
            >>> first = rank(profile, [cro, cmo]).to_records()[0]
            >>> first["name"], first["score"], first["cultural_fit"], first["completeness"]
            ('A', 0.833, 0.5, 0.333)
            >>> [(r["name"], r["excluded"]) for r in rank(profile, [cro, cmo]).to_records(
            ...     excluded=True
            ... )]
            [('A', False), ('B', True)]
        """
        from ._serialise import tables  # noqa: PLC0415 - on first use

        return tables.shortlist_table(self, excluded=excluded).records()

    def to_pandas(self, *, excluded: bool = False) -> DataFrame:
        """The records of :meth:`to_records` as a pandas DataFrame, indexed by ``name``.

        With ``excluded=True`` the excluded partners are rows too: ``frame[frame.excluded]``
        selects them, and their ``rank`` is pandas' missing value (the column is pandas'
        nullable ``Int64``).

        Needs pandas (``pip install "pharma-outsourcing[pandas]"``); raises ``ImportError``
        saying so when it is missing.

        Example:
            >>> from pharma_outsourcing import OrganisationType, Partner, Phase
            >>> from pharma_outsourcing import Service, SponsorProfile, rank
            >>> cro = Partner(name="A", organisation_type=OrganisationType.CRO)
            >>> profile = SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING})
            >>> frame = rank(profile, [cro]).to_pandas()
            >>> frame.loc["A", "score"], frame.cultural_fit_evidence.iloc[0]
            (np.float64(0.833), 'assumed')
        """
        from ._serialise import tables  # noqa: PLC0415 - on first use

        return tables.shortlist_table(self, excluded=excluded).to_pandas()

    def _repr_html_(self) -> str:
        """The shortlist as an HTML table with per-criterion score bars (for notebooks)."""
        from ._render import notebook  # noqa: PLC0415 - on first display

        return notebook.html(self)

    def _repr_markdown_(self) -> str:
        """The shortlist as a Markdown table."""
        from ._render import notebook  # noqa: PLC0415 - on first display

        return notebook.markdown(self)


# --- rank ---------------------------------------------------------------------------


def _canonical(partner: Partner) -> tuple[object, ...]:
    """A total, run-independent order key for partners (used only when names repeat)."""
    key: list[object] = []
    for field in attrs.fields(Partner):
        value = getattr(partner, field.name)
        if isinstance(value, frozenset):
            key.append(tuple(sorted(value)))
        elif isinstance(value, tuple):
            key.append(
                tuple(
                    tuple((v is None, 0 if v is None else v) for v in _record_values(r))
                    for r in value
                )
            )
        elif value is None:
            key.append((0, 0.0))
        elif isinstance(value, float | int) and not isinstance(value, bool):
            key.append((1, value))
        else:
            key.append(value)
    return tuple(key)


def _record_values(record: object) -> tuple[object, ...]:
    """A record's field values, in order (every record is an attrs instance)."""
    return attrs.astuple(record, recurse=False)  # type: ignore[arg-type]  # attrs records


def canonical_order(partners: Sequence[Partner]) -> list[int]:
    """Indices of ``partners`` in order of name (then of every field, when names repeat)."""
    names = [p.name for p in partners]
    order = sorted(range(len(names)), key=names.__getitem__)
    if len(set(names)) < len(names):  # order each run of one name by the other fields
        start = 0
        while start < len(order):
            end = start + 1
            while end < len(order) and names[order[end]] == names[order[start]]:
                end += 1
            if end - start > 1:
                order[start:end] = sorted(order[start:end], key=lambda i: _canonical(partners[i]))
            start = end
    return order


def _ordered(
    basis: Basis, partners: Sequence[Partner], weights: tuple[float, ...]
) -> tuple[list[tuple[float, ...]], list[float], list[int]]:
    """Each partner's six scores and total, and the positions of the partners best first.

    The totals are rounded to 12 decimal places, so that scores equal in exact arithmetic
    tie whatever the order of addition or the scale of the weights; ties go by name.
    """
    w0, w1, w2, w3, w4, w5 = weights
    rows = basis.score_rows(partners)
    raw = [w0 * a + w1 * b + w2 * c + w3 * d + w4 * e + w5 * f for a, b, c, d, e, f in rows]
    # Rounded once per distinct total: totals repeat (ratings, counts of phases and
    # markets), and rounding to decimal places is the costliest arithmetic here.
    rounded = {total: round(total, 12) for total in set(raw)}
    totals = [rounded[total] for total in raw]
    # Two stable single-key sorts (by name, then by score, best first): the order of
    # a sort on (-score, name), at a fraction of its cost.
    order = canonical_order(partners)
    order.sort(key=totals.__getitem__, reverse=True)
    return rows, totals, order


def ranked_partners(
    basis: Basis, partners: Sequence[Partner], weights: tuple[float, ...]
) -> list[Partner]:
    """``partners``, which meet ``basis``'s requirements, in the order :func:`ranked` gives.

    For callers that need the order only (a plan choosing among candidates): no
    assessment is built.
    """
    return [partners[i] for i in _ordered(basis, partners, weights)[2]]


@collector_paused()
def ranked(
    basis: Basis, partners: list[Partner], weights: tuple[float, ...]
) -> tuple[Assessment, ...]:
    """``partners``, which meet ``basis``'s requirements, assessed and best first.

    The ranking itself, for callers that have checked their arguments and screened the
    partners (:func:`rank`, and ``plan`` once per role): the six scores of each partner
    (:meth:`Basis.score_rows`), their sum weighted by ``weights`` (normalised, in
    :class:`Criterion` order), rounded to 12 decimal places so that scores equal in exact
    arithmetic tie whatever the order of addition or the scale of the weights, and ties
    broken by name.
    """
    rows, totals, order = _ordered(basis, partners, weights)
    # Evidence rows repeat (there are few kinds), and so do their completeness shares.
    evidence = basis.evidence
    warnings = basis.requirements.warnings
    complete: dict[tuple[Evidence, ...], float] = {}
    # Built in the partners' order, then put in rank order: objects made in the order
    # their parts were made are made faster (the memory is read in sequence).
    assessments = []
    for partner, total, row in zip(partners, totals, rows, strict=True):
        grounds = evidence(partner)
        share = complete.get(grounds)
        if share is None:
            share = complete[grounds] = completeness_of(grounds, weights)
        assessments.append(
            _assessment(
                partner,
                total,
                _Scores(row),
                _Reasons(partner, basis),
                _Contributions(row, weights),
                _Evidence(grounds),
                share,
                warnings(partner),
            )
        )
    return tuple([assessments[i] for i in order])


def checked_basis(
    profile: SponsorProfile,
    partners: Iterable[Partner],
    services: Iterable[Service] | None,
    as_of: int | None,
    gmp_evidence_years: int = GMP_EVIDENCE_YEARS,
) -> tuple[Basis, tuple[Partner, ...]]:
    """The basis :func:`rank` judges ``partners`` against, and the partners, all checked."""
    profile = as_profile(profile)
    candidates = as_partners(partners)
    year = as_of if as_of is not None else latest_record_year(candidates)
    basis = (
        Basis(profile=profile, as_of=year, gmp_evidence_years=gmp_evidence_years)
        if services is None
        else Basis(
            profile=profile, services=services, as_of=year, gmp_evidence_years=gmp_evidence_years
        )
    )
    return basis, candidates


def _exclusions(failed: list[Partner], reasons: list[tuple[Reason, ...]]) -> tuple[Exclusion, ...]:
    """The partners failing screening, in order of name, with their reasons."""
    return tuple(_exclusion(failed[i], reasons[i]) for i in canonical_order(failed))


# --- Building results rank has checked ----------------------------------------------------
#
# rank() builds one assessment per partner kept and one exclusion per partner screened out,
# from values it has made and checked itself (checked partners, scores from the formulas,
# reasons from screening): running the constructors' converters and validators again on
# each of 100,000 costs a third of the ranking (benchmarks/revisions.py). So these two set
# the fields directly, and tests/test_ranking.py holds them to the constructors: every
# assessment and exclusion rank() returns equals the one its constructor builds, with the
# validators run, from the same values.

_set = object.__setattr__


def _assessment(  # noqa: PLR0917 - the fields of an Assessment, in order
    partner: Partner,
    score: float,
    scores: _Scores,
    reasons: _Reasons,
    contributions: _Contributions,
    evidence: _Evidence,
    completeness: float,
    warnings: tuple[Reason, ...],
) -> Assessment:
    made: Assessment = object.__new__(Assessment)
    _set(made, "partner", partner)
    _set(made, "score", score)
    _set(made, "scores", scores)
    _set(made, "reasons", reasons)
    _set(made, "contributions", contributions)
    _set(made, "evidence", evidence)
    _set(made, "completeness", completeness)
    _set(made, "warnings", warnings)
    return made


def _exclusion(partner: Partner, reasons: tuple[Reason, ...]) -> Exclusion:
    made: Exclusion = object.__new__(Exclusion)
    _set(made, "partner", partner)
    _set(made, "reasons", reasons)
    return made


@collector_paused()
def rank(
    profile: SponsorProfile,
    partners: Iterable[Partner],
    *,
    weights: Weights | Mapping[Criterion, float] | Mapping[str, float] | None = None,
    services: Iterable[Service] | None = None,
    as_of: int | None = None,
    gmp_evidence_years: int = GMP_EVIDENCE_YEARS,
) -> Shortlist:
    """Rank candidate partners for a sponsor's programme on the six selection criteria.

    Each partner is first screened (DESIGN.md §6; the rules are in the Screening guide):
    it must offer every service it is ranked for and serve the profile's phase; show the
    modalities, dosage forms and capabilities those services need; show GMP (or GLP)
    evidence for GMP (GLP) work within ``gmp_evidence_years`` of ``as_of``; not have failed
    your latest audit; and not be blocked by an uncleared unacceptable record (an OAI, a
    warning letter, an import alert, a statement of non-compliance) of a regulator of the
    target markets at every site it has records for. Those failing are excluded, with one
    reason per failure; what does not bar a partner but should be seen (records of other
    regulators, one blocked site of several, evidence only stated) is among its
    assessment's ``warnings``. The rest are scored on each criterion
    (see the scoring functions: ``stage_of_development``, ``technical_expertise``,
    ``regulatory_track_record``, ``scalability``, ``geographic_footprint``,
    ``cultural_fit``), and their score is the weighted sum with the normalised weights,
    rounded to 12 decimal places so that scores equal in exact arithmetic tie whatever
    the order of addition or the scale of the weights. Ties are broken by name.

    The ranking does not depend on the order of ``partners``; scaling every weight
    changes nothing; improving a partner on a criterion never lowers its score.

    Args:
        profile: The sponsor's profile.
        partners: The candidates.
        weights: How much each criterion counts: :class:`Weights`, a plain mapping of
            criteria to numbers, or ``None`` for equal weights.
        services: The services to rank for (default: ``profile.needed_services``);
            pass one role's services to rank candidates for that role.
        as_of: The year recency of records is measured from, and GMP evidence counted
            back from (default: the latest year in any candidate's inspections, audits
            and submissions, so the result depends only on the arguments).
        gmp_evidence_years: How many years before ``as_of`` an inspection, certificate
            or audit still shows GMP or GLP compliance (default
            :data:`~pharma_outsourcing.GMP_EVIDENCE_YEARS`, 3: EU GMP certificates are
            generally valid for at most three years).

    Returns:
        The shortlist: assessments best first, and the exclusions.

    Raises:
        InvalidInputError: An argument is not of the kind described.

    Example:
        Rank CRO candidates for the CRO's share of the work, after :func:`recommend`:

        >>> from pharma_outsourcing import Market, OrganisationType, Partner, Phase
        >>> from pharma_outsourcing import SponsorProfile, rank, recommend
        >>> profile = SponsorProfile(
        ...     phase=Phase.PHASE_2, prefers_single_partner=False,
        ...     target_markets={Market.US, Market.EU},
        ... )
        >>> rec = recommend(profile)
        >>> CRO, CMO = OrganisationType.CRO, OrganisationType.CMO
        >>> candidates = [
        ...     Partner(name="Beta", organisation_type=CRO, markets={Market.US}),
        ...     Partner(name="Alpha", organisation_type=CRO, markets={Market.US, Market.EU}),
        ...     Partner(name="Gamma", organisation_type=CMO, gmp_certified=True),
        ... ]
        >>> shortlist = rank(
        ...     profile, candidates, services=rec.services_for(OrganisationType.CRO)
        ... )
        >>> [a.partner.name for a in shortlist.ranked], [e.partner.name for e in shortlist.excluded]
        (['Alpha', 'Beta'], ['Gamma'])
        >>> shortlist.ranked[1].reasons["geographic-footprint"].text
        'operates in 1 of 2 target markets: US; not EU'
    """
    chosen = as_weights(weights)
    basis, candidates = checked_basis(profile, partners, services, as_of, gmp_evidence_years)
    kept, failed, reasons = basis.requirements.screen(candidates)
    return Shortlist(
        ranked=ranked(basis, kept, chosen.vector()),
        excluded=_exclusions(failed, reasons),
        as_of=basis.as_of,
    )
