"""Results as tables of plain rows: what the results' ``to_records`` and ``to_pandas`` give.

One function per result type builds its :class:`Table`, and each column is named here
once. The columns are Python identifiers in snake_case (``cultural_fit``,
``cultural_fit_evidence``), so ``frame.cultural_fit`` works (but for ``rank``, a
DataFrame method too: ``frame["rank"]``); every value is plain: text, a whole number, a
number, a boolean or ``None``:

- vocabulary members as their values (``cro``, ``phase-2``, ``api-production``), as the
  converter writes them and ``parse`` reads them;
- scores and completeness rounded to :data:`DECIMALS` (3) places: the order is in the
  ``rank`` column, and the exact values on the result itself;
- sentences that come several to a row (an assessment's warnings, an exclusion's
  reasons) as one text, a sentence a line (``frame.warnings.map(str.splitlines)`` gives
  the lists back), since the sentences themselves hold semicolons; ``""`` for none;
- ``None`` where a column does not apply to a row (the scores of an excluded partner).

:meth:`Table.to_pandas` makes the key column the DataFrame's index where the table has
one (``name`` for partners, ``service``, ``strategy``); pandas is imported there only.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from types import ModuleType
from typing import TYPE_CHECKING

import attrs

from .._governance import Party
from .._plans import Engagement, SourcingPlan, StrategyComparison
from .._ranking import Assessment, Exclusion, Shortlist
from .._reasons import Reason
from .._recommend import Recommendation
from .._vocabulary import Criterion, in_declared_order

if TYPE_CHECKING:
    # pandas is optional and may lack type information: DataFrame is then untyped.
    from pandas import DataFrame  # type: ignore[import-untyped,import-not-found,unused-ignore]

    from .._sensitivity import Sensitivity

__all__ = [
    "DECIMALS",
    "Cell",
    "Row",
    "Table",
    "column",
    "comparison_table",
    "handoff_table",
    "plan_table",
    "recommendation_table",
    "sensitivity_table",
    "shortlist_table",
]

DECIMALS = 3
"""The decimal places of the scores and completeness in a table."""

Cell = str | int | float | bool | None
"""A table's value: plain, as a spreadsheet cell holds it."""

Row = dict[str, Cell]
"""One row of a table: its columns, in order, to their values."""


def column(member: Enum) -> str:
    """A vocabulary member as a column's name: its name in lower case, an identifier.

    Example:
        >>> column(Criterion.STAGE_OF_DEVELOPMENT)
        'stage_of_development'
    """
    return member.name.lower()


def _lines(reasons: Iterable[Reason]) -> str:
    """Sentences as one text, a sentence a line (``""`` for none)."""
    return "\n".join(reason.text for reason in reasons)


def _rounded(number: float) -> float:
    return round(number, DECIMALS)


@attrs.frozen(kw_only=True)
class Table:
    """The rows of a result, with its columns and the column that keys a row, if any.

    Attributes:
        columns: The columns, in order; every row has each of them.
        rows: One row per item of the result, in the result's order.
        index: The column that keys the rows (``name``, ``service``, ...), made the
            DataFrame's index by :meth:`to_pandas`; ``None`` when no one column does.
    """

    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    index: str | None = None

    def records(self) -> list[Row]:
        """The rows as a list of plain dicts (a table is built afresh for each call)."""
        return list(self.rows)

    def to_pandas(self) -> DataFrame:
        """The rows as a pandas DataFrame, indexed by :attr:`index` when there is one.

        A column of whole numbers with gaps (the rank of an excluded partner) is pandas'
        nullable ``Int64``, so that ranks stay whole numbers.

        Raises:
            ImportError: pandas is not installed; the message says how to install it.
        """
        pandas = _pandas()
        frame = pandas.DataFrame(self.records(), columns=list(self.columns))
        for name in self.columns:
            values = [row[name] for row in self.rows]
            whole = [v for v in values if v is not None]
            if len(whole) < len(values) and all(type(v) is int for v in whole):
                frame[name] = pandas.array(values, dtype="Int64")
        return frame if self.index is None else frame.set_index(self.index)


def _pandas() -> ModuleType:
    """The pandas module; pandas is imported only here, when a DataFrame is asked for."""
    try:
        import pandas  # noqa: PLC0415 - an optional dependency, imported on use
    except ImportError:
        message = (
            "to_pandas() needs pandas, which is not installed: pip install pandas "
            "(or the extra: pip install 'pharma-outsourcing[pandas]')"
        )
        raise ImportError(message) from None
    module: ModuleType = pandas
    return module


# --- shortlists --------------------------------------------------------------------------

_CRITERIA = tuple(Criterion)
_SCORES = tuple(column(criterion) for criterion in _CRITERIA)
_EVIDENCE = tuple(f"{column(criterion)}_evidence" for criterion in _CRITERIA)
_SHORTLIST = ("rank", "name", "organisation_type", "score", *_SCORES, "completeness")
_SHORTLIST_COLUMNS = (*_SHORTLIST, *_EVIDENCE, "warnings")
_EXCLUDED_COLUMNS = ("excluded", "exclusion_reasons")


def _assessment_row(rank: int, assessment: Assessment) -> Row:
    partner = assessment.partner
    row: Row = {
        "rank": rank,
        "name": partner.name,
        "organisation_type": partner.organisation_type.value,
        "score": _rounded(assessment.score),
    }
    scores, evidence = assessment.scores, assessment.evidence
    for criterion, name in zip(_CRITERIA, _SCORES, strict=True):
        row[name] = _rounded(scores[criterion])
    row["completeness"] = _rounded(assessment.completeness)
    for criterion, name in zip(_CRITERIA, _EVIDENCE, strict=True):
        row[name] = evidence[criterion].value
    row["warnings"] = _lines(assessment.warnings)
    return row


def _exclusion_row(exclusion: Exclusion) -> Row:
    partner = exclusion.partner
    row: Row = dict.fromkeys(_SHORTLIST_COLUMNS)
    row["name"] = partner.name
    row["organisation_type"] = partner.organisation_type.value
    row["warnings"] = ""
    row["excluded"] = True
    row["exclusion_reasons"] = _lines(exclusion.reasons)
    return row


def shortlist_table(shortlist: Shortlist, *, excluded: bool = False) -> Table:
    """A shortlist's ranked partners, best first; with ``excluded``, those excluded after.

    The columns, in order: ``rank`` (from 1), ``name``, ``organisation_type``, ``score``,
    each criterion's score under its name (``stage_of_development``, ...,
    ``cultural_fit``), ``completeness`` (the share of the weight resting on records or
    statements), each criterion's evidence (``recorded``, ``stated`` or ``assumed``) under
    ``<criterion>_evidence``, and ``warnings``. With ``excluded``, two more: ``excluded``
    (``True`` for a partner screened out) and ``exclusion_reasons``; an excluded
    partner's rank, scores and evidence are ``None``. Keyed by ``name``.

    Example:
        >>> from pharma_outsourcing import OrganisationType, Partner, Phase, Service
        >>> from pharma_outsourcing import SponsorProfile, rank
        >>> cro = Partner(name="Alder", organisation_type=OrganisationType.CRO)
        >>> cmo = Partner(name="Birch", organisation_type=OrganisationType.CMO)
        >>> profile = SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING})
        >>> table = shortlist_table(rank(profile, [cro, cmo]), excluded=True)
        >>> alder, birch = table.rows
        >>> alder["rank"], alder["score"], alder["cultural_fit_evidence"], alder["excluded"]
        (1, 0.833, 'assumed', False)
        >>> birch["rank"], birch["score"], birch["excluded"], birch["exclusion_reasons"][:14]
        (None, None, True, 'does not offer')
    """
    rows = [_assessment_row(rank, a) for rank, a in enumerate(shortlist.ranked, start=1)]
    if not excluded:
        return Table(columns=_SHORTLIST_COLUMNS, rows=tuple(rows), index="name")
    for row in rows:
        row["excluded"] = False
        row["exclusion_reasons"] = ""
    rows.extend(_exclusion_row(exclusion) for exclusion in shortlist.excluded)
    return Table(columns=(*_SHORTLIST_COLUMNS, *_EXCLUDED_COLUMNS), rows=tuple(rows), index="name")


# --- sensitivity -------------------------------------------------------------------------

_SENSITIVITY_COLUMNS = ("name", "organisation_type", "rank", "best", "worst")


def sensitivity_table(result: Sensitivity) -> Table:
    """Each ranked partner's rank range, in rank order: how far its rank moves.

    The columns: ``name``, ``organisation_type``, ``rank`` (with the weights as given),
    ``best`` and ``worst`` (the best and worst rank it reaches as the weights vary within
    the spread). Keyed by ``name``. The leader's margin, the spread and whether the
    ranges are exact are the result's own (``result.leader_margin``, ...).

    Example:
        >>> from pharma_outsourcing import OrganisationType, Partner, Phase, Service
        >>> from pharma_outsourcing import SponsorProfile, sensitivity
        >>> profile = SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING})
        >>> a = Partner(name="A", organisation_type=OrganisationType.CRO, communication=3)
        >>> b = Partner(name="B", organisation_type=OrganisationType.CRO, communication=2)
        >>> sensitivity_table(sensitivity(profile, [a, b])).rows[1]
        {'name': 'B', 'organisation_type': 'cro', 'rank': 2, 'best': 2, 'worst': 2}
    """
    rows: tuple[Row, ...] = tuple(
        {
            "name": ranges.partner.name,
            "organisation_type": ranges.partner.organisation_type.value,
            "rank": ranges.rank,
            "best": ranges.best,
            "worst": ranges.worst,
        }
        for ranges in result.rank_ranges
    )
    return Table(columns=_SENSITIVITY_COLUMNS, rows=rows, index="name")


# --- recommendations ---------------------------------------------------------------------

_RECOMMENDATION_COLUMNS = ("service", "area", "organisation_type")


def recommendation_table(recommendation: Recommendation) -> Table:
    """Each needed service, in catalogue order, with its area and the type engaged for it.

    The columns: ``service``, ``area`` (the service's category: ``research``,
    ``manufacturing``, ...) and ``organisation_type``. Keyed by ``service``. The reasons
    and the alternative are the recommendation's own.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, recommend
        >>> table = recommendation_table(recommend(SponsorProfile(phase=Phase.PRECLINICAL)))
        >>> table.rows[0]
        {'service': 'preclinical-research', 'area': 'research', 'organisation_type': 'cro'}
    """
    assignments = recommendation.assignments
    rows: tuple[Row, ...] = tuple(
        {
            "service": service.value,
            "area": service.category.value,
            "organisation_type": assignments[service].value,
        }
        for service in in_declared_order(assignments)
    )
    return Table(columns=_RECOMMENDATION_COLUMNS, rows=rows, index="service")


# --- plans -------------------------------------------------------------------------------

_PLAN_COLUMNS = (
    "phase",
    "service",
    "area",
    "organisation_type",
    "partner",
    "in_house",
    "brought_forward",
    "to_be_sourced",
)
_HANDOFF_COLUMNS = (
    "phase",
    "kind",
    "area",
    "source_type",
    "source_partner",
    "target_type",
    "target_partner",
    "tech_transfer",
    "reason",
    "reason_source",
)


def plan_table(plan: SourcingPlan) -> Table:
    """Each phase's work, a row per service: who does it, in order of phase and service.

    The columns: ``phase``, ``service``, ``area`` (the service's category),
    ``organisation_type`` and ``partner`` (the organisation engaged for it, the partner's
    name ``None`` when the plan names types only or no candidate qualifies), ``in_house``
    (``True`` for the sponsor's own work, whose type and partner are ``None``),
    ``brought_forward`` (work a skipped phase brings into this one) and ``to_be_sourced``
    (work no candidate qualifies for). A phase and a service key a row; the table has no
    one key column, so the DataFrame keeps pandas' own index.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, plan
        >>> profile = SponsorProfile(phase=Phase.PHASE_3, horizon=Phase.PHASE_3)
        >>> row = plan_table(plan(profile, strategy="specialist")).rows[0]
        >>> row["phase"], row["service"], row["organisation_type"], row["in_house"]
        ('phase-3', 'regulatory-affairs', 'cro', False)
    """
    rows: list[Row] = []
    for step in plan.steps:
        unfilled = plan.unfilled.get(step.phase, frozenset())
        for service in in_declared_order(step.services | step.in_house):
            engaged = step.assignments.get(service)
            rows.append(
                {
                    "phase": step.phase.value,
                    "service": service.value,
                    "area": service.category.value,
                    "organisation_type": None
                    if engaged is None
                    else engaged.organisation_type.value,
                    "partner": None if engaged is None else engaged.partner,
                    "in_house": engaged is None,
                    "brought_forward": service in step.brought_forward,
                    "to_be_sourced": service in unfilled,
                }
            )
    return Table(columns=_PLAN_COLUMNS, rows=tuple(rows))


def _organisation(organisation: Engagement | Party) -> tuple[str, str | None]:
    """An organisation's type (``sponsor`` for the sponsor) and partner's name."""
    if isinstance(organisation, Engagement):
        return organisation.organisation_type.value, organisation.partner
    return organisation.value, None


def handoff_table(plan: SourcingPlan) -> Table:
    """A plan's handoffs, in order of phase: where work passes between organisations.

    The columns: ``phase``, ``kind`` (``transition`` between phases, ``interface`` within
    one), ``area``, ``source_type`` and ``source_partner`` (the organisation the work
    comes from: its type's value, or ``sponsor`` for the sponsor's own work, and the
    partner's name or ``None``), ``target_type`` and ``target_partner`` (where it goes),
    ``tech_transfer`` (a transfer of development, manufacturing or quality work between
    phases), ``reason`` and ``reason_source`` (why, and where the rule comes from). The
    DataFrame keeps pandas' own index.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, plan
        >>> profile = SponsorProfile(phase=Phase.PHASE_3, horizon=Phase.PHASE_3)
        >>> row = handoff_table(plan(profile, strategy="specialist")).rows[0]
        >>> row["kind"], row["source_type"], row["target_type"], row["tech_transfer"]
        ('interface', 'cmo', 'cro', False)
    """
    rows: list[Row] = []
    for handoff in plan.handoffs:
        source_type, source_partner = _organisation(handoff.source)
        target_type, target_partner = _organisation(handoff.target)
        rows.append(
            {
                "phase": handoff.phase.value,
                "kind": handoff.kind.value,
                "area": handoff.area.value,
                "source_type": source_type,
                "source_partner": source_partner,
                "target_type": target_type,
                "target_partner": target_partner,
                "tech_transfer": handoff.is_tech_transfer,
                "reason": handoff.reason.text,
                "reason_source": handoff.reason.source,
            }
        )
    return Table(columns=_HANDOFF_COLUMNS, rows=tuple(rows))


# --- comparisons -------------------------------------------------------------------------

_COMPARISON_COLUMNS = (
    "strategy",
    "preferred",
    "organisations",
    "handoffs",
    "tech_transfers",
    "handoffs_saved",
    "tech_transfers_saved",
    "to_be_sourced",
)


def comparison_table(comparison: StrategyComparison) -> Table:
    """The three plans of a comparison side by side, a row per strategy.

    The columns: ``strategy`` (``integrated``, ``cro-and-cdmo``, ``specialist``),
    ``preferred`` (the one :func:`~pharma_outsourcing.plan` chooses when none is given),
    ``organisations`` (how many are engaged over the programme), ``handoffs``,
    ``tech_transfers``, ``handoffs_saved`` and ``tech_transfers_saved`` (how many fewer
    than the specialist plan has) and ``to_be_sourced`` (how many services of the steps
    no candidate qualifies for). Keyed by ``strategy``.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, compare_strategies
        >>> table = comparison_table(compare_strategies(SponsorProfile(phase=Phase.PHASE_1)))
        >>> [(row["strategy"], row["preferred"], row["handoffs_saved"]) for row in table.rows]
        [('integrated', False, 3), ('cro-and-cdmo', True, 0), ('specialist', False, 0)]
    """
    specialist = comparison.specialist
    rows: tuple[Row, ...] = tuple(
        {
            "strategy": plan.strategy.value,
            "preferred": plan.strategy is comparison.preferred,
            "organisations": len(plan.organisations),
            "handoffs": len(plan.handoffs),
            "tech_transfers": len(plan.tech_transfers),
            "handoffs_saved": len(specialist.handoffs) - len(plan.handoffs),
            "tech_transfers_saved": len(specialist.tech_transfers) - len(plan.tech_transfers),
            "to_be_sourced": sum(len(services) for services in plan.unfilled.values()),
        }
        for plan in (comparison.integrated, comparison.cro_and_cdmo, specialist)
    )
    return Table(columns=_COMPARISON_COLUMNS, rows=rows, index="strategy")
