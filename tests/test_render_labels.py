"""Tests of ``_render.labels``: the one set of words every renderer uses."""

from __future__ import annotations

import attrs

import pharma_outsourcing as po
from pharma_outsourcing._render.labels import (
    SHORT_CRITERIA,
    criterion_heading,
    description_rows,
    more,
    profile_title,
    ranked_for,
)


def test_every_criterion_has_a_short_label_that_parses_back() -> None:
    assert list(SHORT_CRITERIA) == list(po.Criterion)
    for criterion, label in SHORT_CRITERIA.items():
        assert po.Criterion.parse(label) is criterion
        assert po.Criterion.parse(criterion_heading(criterion)) is criterion
        assert " " not in label  # one word: the command line's columns split on spaces


def test_description_rows_are_the_prose_of_a_description() -> None:
    prose = {
        field.name
        for field in attrs.fields(po.TypeDescription)
        if field.type in (str, "str") and field.name not in {"name", "source"}
    }
    for org_type in po.OrganisationType:
        description = po.describe(org_type)
        texts = [text for _, text in description_rows(description)]
        assert sorted(texts) == sorted(getattr(description, name) for name in prose)


def test_counted_words() -> None:
    assert ranked_for(1) == "Ranked for the 1 service the profile needs."
    assert more(3, 3) == ""
    assert more(4, 1) == "... and 3 more"


def test_a_profile_without_a_name_is_titled_by_its_phase_in_words() -> None:
    assert profile_title(po.SponsorProfile(phase=po.Phase.REGULATORY_REVIEW)) == (
        "Profile at regulatory review"
    )
