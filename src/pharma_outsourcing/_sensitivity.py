"""How robust a ranking is to the weights: ``sensitivity`` (DESIGN.md §6).

No regulator sets the criteria's weights (see DOMAIN.md, "Partner selection in the
literature"), so a sponsor should know whether a small change of them would change its
answer: how far one weight must move before the leader changes, and how far each
partner's rank can move when every weight varies within a band.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from . import _fields as convert
from ._errors import InvalidInputError
from ._fields import as_tuple, boolean, instance_of, member_of, tuple_of
from ._partners import Partner
from ._profile import SponsorProfile
from ._ranking import Weights, as_weights, canonical_order, checked_basis, ranked
from ._services import Service
from ._vocabulary import Criterion

if TYPE_CHECKING:
    # pandas is optional and may lack type information: DataFrame is then untyped.
    from pandas import DataFrame  # type: ignore[import-untyped,import-not-found,unused-ignore]

__all__ = ["LeaderMargin", "RankRange", "Sensitivity", "sensitivity"]

_CRITERIA = tuple(Criterion)
_PAIRWISE_LIMIT = 300  # partners; above it the O(n^2) proof of exactness is skipped


@attrs.frozen(kw_only=True)
class LeaderMargin:
    """The smallest change of a single weight that changes the leader.

    Attributes:
        criterion: The criterion whose weight changes.
        change: The relative change of that weight (``-0.1`` is 10 % less), the others
            kept as they are; at this change the challenger draws level, and beyond it
            (or at it, when the challenger's name comes first) it leads.
        challenger: The partner that takes the lead.

    Example:
        >>> from pharma_outsourcing import Criterion, LeaderMargin, OrganisationType
        >>> from pharma_outsourcing import Partner
        >>> margin = LeaderMargin(
        ...     criterion=Criterion.SCALABILITY, change=-0.2,
        ...     challenger=Partner(name="B", organisation_type=OrganisationType.CRO),
        ... )
        >>> margin.change
        -0.2
    """

    criterion: Criterion = attrs.field(converter=convert.criterion, validator=member_of(Criterion))
    change: float
    challenger: Partner = attrs.field(validator=instance_of(Partner))


def _place(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A place in a ranking: 1 (first) or more."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInputError(
            field=attribute.name,
            value=value,
            problem="is not a place in a ranking",
            allowed="a whole number, 1 (first) or more",
        )


def _best_to_worst(instance: RankRange, _attribute: attrs.Attribute[Any], worst: int) -> None:
    if not instance.best <= instance.rank <= worst:
        raise InvalidInputError(
            field="rank",
            value=instance.rank,
            problem=f"is not from the best rank ({instance.best}) to the worst ({worst})",
            allowed=f"{instance.best} to {worst}",
        )


@attrs.frozen(kw_only=True)
class RankRange:
    """A partner's rank, and the best and worst it reaches as the weights vary.

    Attributes:
        partner: The partner.
        rank: Its rank with the weights as given (1 is first).
        best: The best rank it reaches within the spread.
        worst: The worst rank it reaches within the spread.

    Raises:
        InvalidInputError: A rank is not a whole number of 1 or more, or ``rank`` is not
            from ``best`` to ``worst``.

    Example:
        >>> from pharma_outsourcing import OrganisationType, Partner, RankRange
        >>> a = Partner(name="A", organisation_type=OrganisationType.CRO)
        >>> RankRange(partner=a, rank=2, best=1, worst=3).worst
        3
    """

    partner: Partner = attrs.field(validator=instance_of(Partner))
    rank: int = attrs.field(validator=_place)
    best: int = attrs.field(validator=_place)
    worst: int = attrs.field(validator=[_place, _best_to_worst])


def _rank_range_tuple(value: Iterable[RankRange]) -> tuple[RankRange, ...]:
    return as_tuple(value)


def _spread(_instance: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    _check_spread(value)


@attrs.frozen(kw_only=True)
class Sensitivity:
    """How the ranking of :func:`rank` responds to changes of the weights.

    Attributes:
        leader_margin: The smallest change of one weight that changes the leader, or
            ``None`` when no change of a single weight within the spread does (or fewer
            than two partners are ranked).
        rank_ranges: Every ranked partner's rank range, in rank order.
        spread: The largest relative change of each weight considered.
        exact: Whether every range is proven exact: each best and worst rank is both
            reached and a bound (proven by comparing every pair of partners, done for
            up to 300 partners).

    Raises:
        InvalidInputError: A field holds a value of the wrong kind, or ``spread`` is not
            from 0 up to 1.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, sensitivity
        >>> result = sensitivity(SponsorProfile(phase=Phase.PHASE_2), [])
        >>> result.leader_margin, result.rank_ranges
        (None, ())
    """

    leader_margin: LeaderMargin | None = attrs.field(
        validator=attrs.validators.optional(instance_of(LeaderMargin))
    )
    rank_ranges: tuple[RankRange, ...] = attrs.field(
        converter=_rank_range_tuple, validator=tuple_of(RankRange)
    )
    spread: float = attrs.field(validator=_spread)
    exact: bool = attrs.field(validator=boolean())

    def to_records(self) -> list[dict[str, str | int | float | bool | None]]:
        """Every ranked partner's rank range as a plain dict, in rank order.

        The keys: ``name``, ``organisation_type`` (its value), ``rank`` (with the weights
        as given), ``best`` and ``worst`` (the best and worst rank it reaches as the
        weights vary within the spread). The leader's margin, the spread and
        :attr:`exact` are the result's own attributes.

        Example:
            >>> from pharma_outsourcing import OrganisationType, Partner, Phase, Service
            >>> from pharma_outsourcing import SponsorProfile, sensitivity
            >>> profile = SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING})
            >>> a = Partner(name="A", organisation_type=OrganisationType.CRO, communication=3)
            >>> sensitivity(profile, [a]).to_records()
            [{'name': 'A', 'organisation_type': 'cro', 'rank': 1, 'best': 1, 'worst': 1}]
        """
        from ._serialise import tables  # noqa: PLC0415 - on first use

        return tables.sensitivity_table(self).records()

    def to_pandas(self) -> DataFrame:
        """The records of :meth:`to_records` as a pandas DataFrame, indexed by ``name``.

        ``frame.worst - frame.best`` is how far each rank can move. Needs pandas
        (``pip install "pharma-outsourcing[pandas]"``); raises ``ImportError`` saying so
        when it is missing.

        Example:
            >>> from pharma_outsourcing import OrganisationType, Partner, Phase, Service
            >>> from pharma_outsourcing import SponsorProfile, sensitivity
            >>> profile = SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING})
            >>> a = Partner(name="A", organisation_type=OrganisationType.CRO, communication=3)
            >>> sensitivity(profile, [a]).to_pandas().loc["A", "worst"]
            np.int64(1)
        """
        from ._serialise import tables  # noqa: PLC0415 - on first use

        return tables.sensitivity_table(self).to_pandas()

    def __str__(self) -> str:
        """The leader's margin and each partner's rank range, as plain text."""
        from ._render import notebook  # noqa: PLC0415 - on first display

        return notebook.text(self)

    def _repr_html_(self) -> str:
        """The rank ranges as bars along the ranks (for notebooks)."""
        from ._render import notebook  # noqa: PLC0415 - on first display

        return notebook.html(self)

    def _repr_markdown_(self) -> str:
        """The leader's margin and a Markdown table of the rank ranges."""
        from ._render import notebook  # noqa: PLC0415 - on first display

        return notebook.markdown(self)


def _check_spread(spread: object) -> float:
    if (
        isinstance(spread, bool)
        or not isinstance(spread, int | float)
        or not math.isfinite(spread)
        or not 0 <= spread < 1
    ):
        raise InvalidInputError(
            field="spread",
            value=spread,
            problem="is not a fraction from 0 up to 1",
            allowed="a number from 0 (included) to 1 (excluded), such as 0.25",
        )
    return float(spread)


def _check_count(name: str, value: object, *, optional: bool) -> None:
    if optional and value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or (name == "samples" and value < 0):
        raise InvalidInputError(
            field=name,
            value=value,
            problem="is not a whole number" + (" of 0 or more" if name == "samples" else ""),
            allowed="0, 1, 2, ... or nothing" if optional else "a whole number",
        )


def _leader_margin(
    rows: list[tuple[float, ...]],
    weights: tuple[float, ...],
    partners: list[Partner],
    name_position: list[int],
    spread: float,
) -> LeaderMargin | None:
    """The smallest single-weight change within ``spread`` that unseats ``rows[0]``."""
    leader = rows[0]
    totals = [sum(w * s for w, s in zip(weights, row, strict=True)) for row in rows]
    best: tuple[float, int, int, float] | None = None  # (|t|, criterion, rival, t)
    for j, weight in enumerate(weights):
        if weight == 0:
            continue
        for i in range(1, len(rows)):
            slope = weight * (rows[i][j] - leader[j])
            if slope == 0:
                continue
            gap = max(0.0, totals[0] - totals[i])
            change = gap / slope
            if abs(change) > spread or (
                abs(change) == spread and name_position[i] > name_position[0]
            ):
                continue
            candidate = (abs(change), j, i, change)
            if best is None or candidate[:3] < best[:3]:
                best = candidate
    if best is None:
        return None
    return LeaderMargin(criterion=_CRITERIA[best[1]], change=best[3], challenger=partners[best[2]])


def _vectors(
    weights: tuple[float, ...], spread: float, samples: int | None, seed: int
) -> list[tuple[float, ...]]:
    """The weights as given, every corner of the box around them, and random draws."""
    weighted = [j for j, w in enumerate(weights) if w > 0]
    vectors = [weights]
    for signs in itertools.product((-spread, spread), repeat=len(weighted)):
        vector = list(weights)
        for j, sign in zip(weighted, signs, strict=True):
            vector[j] = weights[j] * (1 + sign)
        vectors.append(tuple(vector))
    generator = random.Random(seed)  # reproducible sampling, not security
    vectors.extend(
        tuple(w * (1 + generator.uniform(-spread, spread)) for w in weights)
        for _ in range(samples or 0)
    )
    return vectors


def _pairwise_bounds(
    rows: list[tuple[float, ...]],
    weights: tuple[float, ...],
    spread: float,
    name_position: list[int],
) -> tuple[list[int], list[int]]:
    """Per partner, the best rank no weighting beats and the worst none exceeds.

    ``rows`` are in rank order with the weights as given.
    """
    n = len(rows)
    always_above = [0] * n
    always_below = [0] * n
    for i, k in itertools.combinations(range(n), 2):
        diffs = [w * (a - b) for w, a, b in zip(weights, rows[i], rows[k], strict=True)]
        lowest = round(sum(diffs) - spread * sum(abs(d) for d in diffs), 12)
        i_first = name_position[i] < name_position[k]
        # i ranks above k with the weights as given, so k is never above i everywhere.
        if lowest > 0 or (lowest == 0 and i_first):  # i above k for every weighting
            always_above[k] += 1
            always_below[i] += 1
    return [1 + a for a in always_above], [n - b for b in always_below]


def sensitivity(
    profile: SponsorProfile,
    partners: Iterable[Partner],
    *,
    weights: Weights | Mapping[Criterion, float] | Mapping[str, float] | None = None,
    services: Iterable[Service] | None = None,
    spread: float = 0.25,
    samples: int | None = None,
    seed: int = 0,
) -> Sensitivity:
    """How far the weights must move to change the ranking of :func:`rank`.

    ``leader_margin`` is exact: the comparison of two partners is linear in any one
    weight, so the change that makes each rival draw level with the leader is solved
    for directly, for every weighted criterion, and the smallest within ``spread`` is
    kept.

    ``rank_ranges`` ranks the partners again with each weight varied by up to
    ``spread`` of its value, all at once: at every corner of that box of weights (at
    most 64) and, with ``samples``, at that many more weightings drawn at random with
    ``seed`` (reproducible). Any two partners that can swap within the box swap at one
    of its corners, so pairwise changes are never missed; for up to 300 partners the
    result's ``exact`` says whether every range is also proven a bound.

    Args:
        profile: The sponsor's profile.
        partners: The candidates (those screened out are left out).
        weights: As for :func:`rank`.
        services: As for :func:`rank`.
        spread: The largest relative change of each weight, from 0 up to 1.
        samples: How many random weightings to add to the corners (default none).
        seed: The random-number seed of those weightings (the same seed, the same result).

    Returns:
        The leader's margin and every ranked partner's rank range.

    Raises:
        InvalidInputError: An argument is not of the kind described.

    Example:
        >>> from pharma_outsourcing import Criterion, Market, OrganisationType, Partner
        >>> from pharma_outsourcing import Phase, Service, SponsorProfile, sensitivity
        >>> profile = SponsorProfile(
        ...     phase=Phase.PHASE_2, services={Service.SITE_MONITORING},
        ...     target_markets={Market.US},
        ... )
        >>> a = Partner(name="A", organisation_type=OrganisationType.CRO, markets={Market.US})
        >>> b = Partner(name="B", organisation_type=OrganisationType.CRO, communication=5)
        >>> result = sensitivity(profile, [a, b])
        >>> [(r.partner.name, r.rank, r.best, r.worst) for r in result.rank_ranges]
        [('A', 1, 1, 1), ('B', 2, 2, 2)]
        >>> result.leader_margin is None
        True
        >>> margin = sensitivity(profile, [a, b], spread=0.9).leader_margin
        >>> margin.criterion, round(margin.change, 3), margin.challenger.name
        (<Criterion.GEOGRAPHIC_FOOTPRINT: 'geographic-footprint'>, -0.5, 'B')
    """
    spread = _check_spread(spread)
    _check_count("samples", samples, optional=True)
    _check_count("seed", seed, optional=False)
    chosen = as_weights(weights)
    basis, candidates = checked_basis(profile, partners, services, None)
    # The ranking of rank(), without the exclusions it would write and this never reads.
    assessed = ranked(basis, [p for p in candidates if basis.passes(p)], chosen.vector())
    if not assessed:
        return Sensitivity(leader_margin=None, rank_ranges=(), spread=spread, exact=True)
    kept = [a.partner for a in assessed]
    rows = [tuple(a.scores[c] for c in _CRITERIA) for a in assessed]
    name_position = [0] * len(kept)
    for position, index in enumerate(canonical_order(kept)):
        name_position[index] = position
    vector = chosen.vector()

    n = len(rows)
    best = list(range(1, n + 1))
    worst = list(range(1, n + 1))
    for weighting in _vectors(vector, spread, samples, seed):
        totals = [
            round(sum(w * s for w, s in zip(weighting, row, strict=True)), 12) for row in rows
        ]
        order = sorted(range(n), key=name_position.__getitem__)
        order.sort(key=totals.__getitem__, reverse=True)
        for position, index in enumerate(order, start=1):
            best[index] = min(best[index], position)
            worst[index] = max(worst[index], position)

    exact = False
    if n <= _PAIRWISE_LIMIT:
        lowest, highest = _pairwise_bounds(rows, vector, spread, name_position)
        exact = lowest == best and highest == worst
    margin = _leader_margin(rows, vector, kept, name_position, spread) if n > 1 else None
    return Sensitivity(
        leader_margin=margin,
        rank_ranges=tuple(
            RankRange(partner=kept[i], rank=i + 1, best=best[i], worst=worst[i]) for i in range(n)
        ),
        spread=spread,
        exact=exact,
    )
