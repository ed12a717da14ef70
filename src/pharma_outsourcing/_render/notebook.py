"""What Jupyter shows for each result: the value objects' display methods call these.

``_repr_html_`` calls :func:`html` and ``_repr_markdown_`` calls :func:`markdown`; each
picks the renderer for the type of its argument. (The results' ``to_records`` and
``to_pandas`` are built in ``_serialise/tables.py``.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._descriptions import TypeDescription
from .._plans import SourcingPlan, StrategyComparison
from .._ranking import Assessment, Shortlist
from .._recommend import Recommendation
from .html import (
    assessment_html,
    comparison_html,
    description_html,
    plan_html,
    recommendation_html,
    shortlist_html,
)
from .markdown import (
    assessment_markdown,
    comparison_markdown,
    description_markdown,
    plan_markdown,
    recommendation_markdown,
    shortlist_markdown,
)

__all__ = ["Displayed", "html", "markdown"]

Displayed = (
    Recommendation | TypeDescription | Assessment | Shortlist | SourcingPlan | StrategyComparison
)
"""The result types with a notebook display."""


_RENDERERS: dict[type[Any], tuple[Callable[[Any], str], Callable[[Any], str]]] = {
    Recommendation: (recommendation_html, recommendation_markdown),
    TypeDescription: (description_html, description_markdown),
    Assessment: (assessment_html, assessment_markdown),
    Shortlist: (shortlist_html, shortlist_markdown),
    SourcingPlan: (plan_html, plan_markdown),
    StrategyComparison: (comparison_html, comparison_markdown),
}
"""Each result type's HTML and Markdown renderer."""


def _render(value: object, kind: int) -> str:
    """``value`` by its type's HTML (``kind`` 0) or Markdown (1) renderer."""
    found = _RENDERERS.get(type(value))
    if found is None:
        message = f"no {('HTML', 'Markdown')[kind]} display for {type(value).__name__}"
        raise TypeError(message)
    return found[kind](value)


def html(value: Displayed) -> str:
    """``value`` as HTML, for Jupyter's ``_repr_html_``.

    Example:
        >>> from pharma_outsourcing import describe
        >>> html(describe("CRO")).startswith("<div")
        True
    """
    return _render(value, 0)


def markdown(value: Displayed) -> str:
    """``value`` as Markdown, for Jupyter's ``_repr_markdown_`` and Markdown exports.

    Example:
        >>> from pharma_outsourcing import describe
        >>> markdown(describe("CRO")).startswith("**CRO: ")
        True
    """
    return _render(value, 1)
