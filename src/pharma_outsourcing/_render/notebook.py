"""What Jupyter shows for each result: the value objects' display methods call these."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from .._descriptions import TypeDescription
from .._planning import SourcingPlan, StrategyComparison
from .._ranking import Assessment, Shortlist
from .._recommend import Recommendation
from . import display

if TYPE_CHECKING:
    # pandas is optional and may lack type information: DataFrame is then untyped.
    from pandas import DataFrame  # type: ignore[import-untyped,import-not-found,unused-ignore]

__all__ = ["html", "markdown", "records", "to_pandas"]

Displayed = (
    Recommendation | TypeDescription | Assessment | Shortlist | SourcingPlan | StrategyComparison
)


def html(value: Displayed) -> str:
    """``value`` as HTML, for Jupyter's ``_repr_html_``."""
    if isinstance(value, Recommendation):
        return display.recommendation_html(value)
    if isinstance(value, TypeDescription):
        return display.description_html(value)
    if isinstance(value, Assessment):
        return display.assessment_html(value)
    if isinstance(value, Shortlist):
        return display.shortlist_html(value)
    if isinstance(value, SourcingPlan):
        return display.plan_html(value)
    return display.comparison_html(value)


def markdown(value: Displayed) -> str:
    """``value`` as Markdown, for Jupyter's ``_repr_markdown_`` and Markdown exports."""
    if isinstance(value, Recommendation):
        return display.recommendation_markdown(value)
    if isinstance(value, TypeDescription):
        return display.description_markdown(value)
    if isinstance(value, Assessment):
        return display.assessment_markdown(value)
    if isinstance(value, Shortlist):
        return display.shortlist_markdown(value)
    if isinstance(value, SourcingPlan):
        return display.plan_markdown(value)
    return display.comparison_markdown(value)


def records(shortlist: Shortlist) -> list[dict[str, object]]:
    """One plain dict per ranked partner (see :meth:`Shortlist.to_records`)."""
    return display.shortlist_records(shortlist)


def to_pandas(rows: Sequence[Mapping[str, object]]) -> DataFrame:
    """The rows as a pandas DataFrame; pandas is imported only here."""
    return display.records_to_pandas(rows)
