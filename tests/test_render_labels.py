"""Tests of ``_render.labels``: the one set of words every renderer uses."""

from __future__ import annotations

import attrs
from hypothesis import given

import pharma_outsourcing as po
import strategies
from pharma_outsourcing._render.labels import (
    SHORT_CRITERIA,
    criterion_heading,
    criterion_label,
    description_rows,
    more,
    percent,
    profile_summary,
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


def test_criteria_in_prose_by_their_labels() -> None:
    assert [criterion_label(c) for c in po.Criterion] == [
        "Stage of development", "Technical expertise", "Regulatory track record",
        "Scalability", "Geographic footprint", "Cultural fit",
    ]  # fmt: skip


def test_a_profile_without_a_name_is_titled_by_its_phase_in_words() -> None:
    assert profile_title(po.SponsorProfile(phase=po.Phase.REGULATORY_REVIEW)) == (
        "Profile at regulatory review"
    )


def test_a_profile_summary_names_a_pathway_that_skips_phases_and_a_scope_in_labels() -> None:
    phase_2, review, commercial = po.Phase.PHASE_2, po.Phase.REGULATORY_REVIEW, po.Phase.COMMERCIAL
    pivotal = po.SponsorProfile(phase=phase_2, pathway=(phase_2, review, commercial))
    assert profile_summary(pivotal) == (
        "Pathway: phase 2, regulatory review, commercial (phase 3 skipped)."
    )
    scoped = po.SponsorProfile(
        phase=po.Phase.PHASE_1,
        horizon=po.Phase.PHASE_3,
        pathway=(po.Phase.PHASE_1, po.Phase.PHASE_3),
        scope={po.Service.QUALITY_CONTROL, po.Service.API_PRODUCTION},
    )
    assert profile_summary(scoped) == (
        "Pathway: phase 1, phase 3 (phase 2 skipped). "
        "Outsources only: API production, quality control."
    )
    nothing = po.SponsorProfile(phase=phase_2, scope=frozenset())
    assert profile_summary(nothing) == "Outsources nothing (empty scope)."
    every_phase = po.SponsorProfile(
        phase=po.Phase.PHASE_3, pathway=(po.Phase.PHASE_3, review, commercial)
    )
    assert profile_summary(every_phase) == ""  # a pathway through every phase skips none


@given(strategies.profiles())
def test_a_profile_summary_is_empty_exactly_without_skipped_phases_or_scope(
    profile: po.SponsorProfile,
) -> None:
    summary = profile_summary(profile)
    assert bool(summary) == (bool(profile.skipped_phases) or profile.scope is not None)
    for member in (*po.Phase, *po.Service):  # labels, never values
        if member.value != member.label:
            assert member.value not in summary


def test_percentages_are_written_as_the_notes_write_them() -> None:
    cro = po.Partner(name="A", organisation_type=po.OrganisationType.CRO)
    profile = po.SponsorProfile(phase=po.Phase.PHASE_2, services={po.Service.SITE_MONITORING})
    shortlist = po.rank(profile, [cro])
    (note,) = shortlist.notes
    assert f"only {percent(shortlist.ranked[0].completeness)} of the weight" in note.text
    assert [percent(share) for share in (0, 0.5, 2 / 3, 1)] == ["0%", "50%", "67%", "100%"]
