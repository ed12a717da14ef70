"""What Jupyter shows for each result: the value objects' display methods call these.

``_repr_html_`` calls :func:`html`, ``_repr_markdown_`` calls :func:`markdown`, a
``Sensitivity``'s ``__str__`` calls :func:`text`, and ``Shortlist.to_records`` /
``to_pandas`` call :func:`records` and :func:`to_pandas`. Each display function picks the
renderer for the type of its argument; a :class:`~pharma_outsourcing.Sensitivity` is
written as Markdown and text from its one document
(:func:`~pharma_outsourcing._render.document.sensitivity_document`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .._descriptions import TypeDescription
from .._plans import SourcingPlan, StrategyComparison
from .._ranking import Assessment, Shortlist
from .._recommend import Recommendation
from .._records.match import RecordMatch
from .._sensitivity import Sensitivity
from .._vocabulary import in_declared_order
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

if TYPE_CHECKING:
    # pandas is optional and may lack type information: DataFrame is then untyped.
    from pandas import DataFrame  # type: ignore[import-untyped,import-not-found,unused-ignore]

__all__ = ["Displayed", "html", "markdown", "records", "text", "to_pandas"]

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


def records(shortlist: Shortlist) -> list[dict[str, object]]:
    """One plain dict per ranked partner, best first: scores, evidence and warnings.

    The keys, in order: ``rank`` (from 1), ``name``, ``organisation_type`` (its value),
    ``score``, then each criterion's score under the criterion's value
    (``stage-of-development``, ...), ``completeness`` (the share of the weight resting on
    records or statements, rounded to 12 decimals like the score), each criterion's
    evidence as its value under ``<criterion>_evidence`` (``recorded``, ``stated`` or
    ``assumed``) and ``warnings``: a list of the warnings' texts, empty when there are
    none. A list rather than one joined text, because warnings contain semicolons of
    their own: in pandas, ``frame.explode("warnings")`` gives one row per warning, and
    ``frame["warnings"].str.len()`` counts them.

    Example:
        >>> from pharma_outsourcing import OrganisationType, Partner, Phase, Service
        >>> from pharma_outsourcing import SponsorProfile, rank
        >>> cro = Partner(name="Alder", organisation_type=OrganisationType.CRO)
        >>> profile = SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING})
        >>> record = records(rank(profile, [cro]))[0]
        >>> record["rank"], record["name"], record["organisation_type"], list(record)[4]
        (1, 'Alder', 'cro', 'stage-of-development')
        >>> record["completeness"], record["cultural-fit_evidence"], record["warnings"]
        (0.333333333333, 'assumed', [])
    """
    rows: list[dict[str, object]] = []
    for position, assessment in enumerate(shortlist.ranked, start=1):
        criteria = in_declared_order(assessment.scores)
        row: dict[str, object] = {
            "rank": position,
            "name": assessment.partner.name,
            "organisation_type": assessment.partner.organisation_type.value,
            "score": assessment.score,
        }
        for criterion in criteria:
            row[criterion.value] = assessment.scores[criterion]
        row["completeness"] = round(assessment.completeness, 12)
        for criterion in criteria:
            row[f"{criterion.value}_evidence"] = assessment.evidence[criterion].value
        row["warnings"] = [warning.text for warning in assessment.warnings]
        rows.append(row)
    return rows


def to_pandas(rows: Sequence[Mapping[str, object]]) -> DataFrame:
    """The rows as a pandas DataFrame; pandas is imported only here.

    Raises:
        ImportError: pandas is not installed; the message says how to install it.

    Example:
        >>> import sys
        >>> real = sys.modules.get("pandas")
        >>> sys.modules["pandas"] = None  # as if pandas were not installed
        >>> try:
        ...     to_pandas([])
        ... except ImportError as error:
        ...     print(error)
        ... finally:
        ...     if real is None:
        ...         del sys.modules["pandas"]
        ...     else:
        ...         sys.modules["pandas"] = real
        to_pandas() needs pandas, which is not installed: pip install pandas (or the extra: ...)
    """
    try:
        import pandas  # noqa: PLC0415 - an optional dependency, imported on use
    except ImportError:
        message = (
            "to_pandas() needs pandas, which is not installed: pip install pandas "
            "(or the extra: pip install 'pharma-outsourcing[pandas]')"
        )
        raise ImportError(message) from None
    return pandas.DataFrame.from_records(list(rows))
