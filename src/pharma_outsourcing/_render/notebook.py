"""What Jupyter shows for each result: the value objects' display methods call these.

``_repr_html_`` calls :func:`html`, ``_repr_markdown_`` calls :func:`markdown` and a
``Sensitivity``'s ``__str__`` calls :func:`text`. Each display function picks the
renderer for the type of its argument; a :class:`~pharma_outsourcing.Sensitivity` is
written as Markdown and text from its one document
(:func:`~pharma_outsourcing._render.document.sensitivity_document`). (The results'
``to_records`` and ``to_pandas`` are built in ``_serialise/tables.py``.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._descriptions import TypeDescription
from .._plans import SourcingPlan, StrategyComparison
from .._ranking import Assessment, Shortlist
from .._recommend import Recommendation
from .._records.match import RecordMatch
from .._sensitivity import Sensitivity
from .document import sensitivity_document
from .html import (
    assessment_html,
    comparison_html,
    description_html,
    plan_html,
    recommendation_html,
    record_match_html,
    sensitivity_html,
    shortlist_html,
)
from .labels import MAX_ROWS
from .markdown import (
    assessment_markdown,
    comparison_markdown,
    description_markdown,
    document_markdown,
    plan_markdown,
    recommendation_markdown,
    record_match_markdown,
    shortlist_markdown,
)
from .text import document_text

__all__ = ["Displayed", "html", "markdown", "text"]

Displayed = (
    Recommendation
    | TypeDescription
    | Assessment
    | Shortlist
    | SourcingPlan
    | StrategyComparison
    | RecordMatch
    | Sensitivity
)
"""The result types with a notebook display."""

_SENSITIVITY = "Sensitivity"  # the heading of a Sensitivity's document


def _sensitivity_markdown(result: Sensitivity) -> str:
    """A sensitivity result's document as Markdown, its first partners shown."""
    return document_markdown(sensitivity_document(result, _SENSITIVITY, top=MAX_ROWS))


_RENDERERS: dict[type[Any], tuple[Callable[[Any], str], Callable[[Any], str]]] = {
    Recommendation: (recommendation_html, recommendation_markdown),
    TypeDescription: (description_html, description_markdown),
    Assessment: (assessment_html, assessment_markdown),
    Shortlist: (shortlist_html, shortlist_markdown),
    SourcingPlan: (plan_html, plan_markdown),
    StrategyComparison: (comparison_html, comparison_markdown),
    RecordMatch: (record_match_html, record_match_markdown),
    Sensitivity: (sensitivity_html, _sensitivity_markdown),
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


def text(result: Sensitivity) -> str:
    """A sensitivity result as plain text within 100 columns, every partner shown.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, sensitivity
        >>> print(text(sensitivity(SponsorProfile(phase=Phase.PHASE_2), [])))
        Sensitivity: 0 partners ranked, each weight varied by up to 25%
        <BLANKLINE>
        No partner is ranked.
    """
    return document_text(sensitivity_document(result, _SENSITIVITY))
