"""Tests of ``_render.document``: what the command line says for each result."""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import pharma_outsourcing as po
import strategies
from pharma_outsourcing._render.document import (
    Block,
    Heading,
    Paragraph,
    Table,
    Timeline,
    comparison_document,
    description_document,
    plan_document,
    sensitivity_document,
    shortlist_document,
    why_excluded,
)
from pharma_outsourcing._render.html import comparison_html, plan_html
from pharma_outsourcing._render.markdown import comparison_markdown, plan_markdown
from pharma_outsourcing._render.text import WIDTH, document_text
from rendering import (
    WARNINGS,
    comparison,
    flat,
    markdown_shown,
    markdown_tables,
    sponsored_plan,
    unfilled_plan,
    values_shown,
    visible,
    words_of,
)

CRO = po.OrganisationType.CRO
MONITORING = po.SponsorProfile(phase=po.Phase.PHASE_2, services={po.Service.SITE_MONITORING})


def test_exclusions_in_short() -> None:
    cro = po.Partner(name="A", organisation_type=po.OrganisationType.CRO)
    few = frozenset({po.Service.SITE_MONITORING, po.Service.API_PRODUCTION})
    shortlist = po.rank(po.SponsorProfile(phase=po.Phase.PHASE_2), [cro], services=few)
    (exclusion,) = shortlist.excluded
    # A CRO offers no API production (1 of the 2 services), which is GMP work.
    assert len(exclusion.reasons) == 2
    assert why_excluded(exclusion) == (
        "does not offer 1 of the 2 services it is ranked for; has no GMP evidence"
    )


def test_shortlist_document_without_note_or_exclusions() -> None:
    cro = po.Partner(name="A", organisation_type=CRO, communication=4)  # half stated
    text = document_text(shortlist_document(po.rank(MONITORING, [cro]), "T"))
    assert text.startswith("T: 1 ranked, 0 excluded\n\n#  partner")
    assert "excluded  why" not in text
    assert "Note:" not in text
    assert "warning" not in text


def test_shortlist_document_shows_notes_completeness_evidence_and_labels() -> None:
    shortlist = po.rank(MONITORING, [po.Partner(name="A", organisation_type=CRO)])
    (note,) = shortlist.notes
    document = shortlist_document(shortlist, "T", note="N")
    assert document[2] == Paragraph(f"Note: {note.text}")  # before the table
    scores = document[3]
    assert isinstance(scores, Table)
    assert scores.header[:5] == ("#", "partner", "type", "score", "evidence")
    assert scores.rows[0][4] == "33%"
    score = shortlist.ranked[0].score
    assert document[-2] == Heading(f"Why #1, A, scores {score:.2f} (evidence 33%)")
    why = document[-1]
    assert isinstance(why, Table)
    assert why.header == ("criterion", "score", "evidence", "reason")
    assert [row[0] for row in why.rows] == [c.label for c in po.Criterion]
    assert [row[2] for row in why.rows] == [e.label for e in shortlist.ranked[0].evidence.values()]
    text = document_text(document)
    assert "stage-of-development" not in text  # labels, not values
    assert "Evidence: the share of the weight resting on records or statements" in flat(text)


def test_warnings_stand_under_the_table_one_row_each() -> None:
    (assessment,) = po.rank(MONITORING, [po.Partner(name="A & B", organisation_type=CRO)]).ranked
    other = attrs.evolve(assessment, partner=po.Partner(name="C", organisation_type=CRO))
    shortlist = po.Shortlist(
        ranked=(
            attrs.evolve(assessment, warnings=WARNINGS),
            other,
            attrs.evolve(other, warnings=WARNINGS[:1]),
        )
    )
    (warnings,) = [
        b for b in shortlist_document(shortlist, "T") if "warning" in getattr(b, "header", ())
    ]
    assert warnings == Table(
        ("#", "partner", "warning"),
        (
            ("1", "A & B", WARNINGS[0].text),
            ("1", "", WARNINGS[1].text),
            ("3", "C", WARNINGS[0].text),
        ),
    )


@given(strategies.warned_shortlists(), st.none() | st.integers(min_value=1, max_value=5))
def test_every_completeness_warning_and_note_shows_in_text(
    shortlist: po.Shortlist, top: int | None
) -> None:
    document = shortlist_document(shortlist, "T", top=top)
    shown = shortlist.ranked if top is None else shortlist.ranked[:top]
    cells = [flat(cell) for b in document if isinstance(b, Table) for row in b.rows for cell in row]
    paragraphs = [b.text for b in document if isinstance(b, Paragraph)]
    for assessment in shown:
        assert f"{assessment.completeness:.0%}" in cells
        for warning in assessment.warnings:
            assert flat(warning.text) in cells
    for note in shortlist.notes:
        assert f"Note: {note.text}" in paragraphs
    text = document_text(document)
    assert all(len(line) <= WIDTH for line in text.splitlines())
    laid_out = words_of(text)
    for assessment in shown:
        for warning in assessment.warnings:
            assert set(words_of(warning.text)) <= set(laid_out)
    for note in shortlist.notes:
        assert flat(note.text) in flat(text)  # a paragraph: wrapped, not cut


@given(
    strategies.shortlists(),
    st.none() | st.integers(min_value=1, max_value=9),
    st.integers(min_value=1, max_value=9),
)
def test_shortlist_document_shows_the_top_and_explains_the_first_asked(
    shortlist: po.Shortlist, top: int | None, explain: int
) -> None:
    document = shortlist_document(shortlist, "T", top=top, explain=explain, note="N")
    assert document[:2] == (
        Heading(f"T: {len(shortlist.ranked)} ranked, {len(shortlist.excluded)} excluded"),
        Paragraph("N"),
    )
    shown = shortlist.ranked if top is None else shortlist.ranked[:top]
    explained = [b for b in document if isinstance(b, Heading) and b.text.startswith("Why #")]
    assert len(explained) == min(explain, len(shown))
    for position, (heading, assessment) in enumerate(
        zip(explained, shown[:explain], strict=True), start=1
    ):
        assert heading.text.startswith(f"Why #{position}, {assessment.partner.name}, scores ")
    warned = any(assessment.warnings for assessment in shown)
    tables = [b for b in document if isinstance(b, Table)]
    assert len(tables) == bool(shown) + warned + bool(shortlist.excluded) + len(explained)


def test_description_document_has_every_aspect_of_the_type() -> None:
    description = po.describe(po.OrganisationType.CDMO)
    heading, table = description_document(description)
    assert heading == Heading("CDMO: Contract Development and Manufacturing Organisation")
    assert isinstance(table, Table)
    assert [aspect for aspect, _ in table.rows] == [
        "primary role", "focus area", "expertise", "engagement stage", "end deliverable",
        "when to choose it", "services", "source",
    ]  # fmt: skip
    assert table.rows[-1] == ("source", description.source)


# --- plans -------------------------------------------------------------------------------


def _tables(document: tuple[Block, ...], *header: str) -> list[Table]:
    return [block for block in document if isinstance(block, Table) and block.header == header]


def test_plan_document_shows_the_sponsor_and_work_to_be_sourced() -> None:
    document = plan_document(sponsored_plan(), "T")
    assert document[0] == Heading(
        "T: specialist plan, 2 handoffs, 1 technology transfer, 1 service to be sourced"
    )
    phase_2, phase_3 = _tables(document, "engaged", "services")
    assert phase_2.rows == (
        ("sponsor (in house)", "1 manufacturing"),
        ('Alder <Clinical> & "Co" (CRO)', "1 clinical, 1 data"),
    )
    assert phase_3.rows == (
        ("sponsor (in house)", "1 data"),
        ('Alder <Clinical> & "Co" (CRO)', "1 clinical"),
        ("CMO (to be sourced)", "1 manufacturing"),
    )
    assert Heading("Phase 2: 2 services, 1 in house") in document
    assert Heading("To be sourced (1 service)") in document
    (sourced,) = _tables(document, "phase", "no candidate qualifies for")
    assert sourced.rows == (("phase 3", "API production"),)
    (handoffs,) = _tables(document, "#", "phase", "kind", "why")
    assert handoffs.rows == (
        ("1", "phase 3", "tech transfer", "the sponsor's plant <stops> & the process moves"),
        ("2", "phase 3", "transition", "data management comes in house"),
    )
    (timeline,) = [block for block in document if isinstance(block, Timeline)]
    assert timeline == Timeline(
        ("phase 2", "phase 3"),
        (
            ("sponsor", (True, True)),
            ('Alder <Clinical> & "Co" (CRO)', (True, True)),
            ("CMO (to be sourced)", (False, True)),
        ),
        ("", "1-2"),
    )
    assert document.index(timeline) < document.index(Heading("Phase 2: 2 services, 1 in house"))


def test_a_plan_with_work_unfilled_never_says_only_no_handoffs() -> None:
    document = plan_document(unfilled_plan(), "T")
    assert document[-1] == Paragraph(
        "No handoffs among the partners named; 2 services still to be sourced."
    )
    (engaged,) = _tables(document, "engaged", "services")
    assert [row[0] for row in engaged.rows] == ["CRO (to be sourced)", "CDMO (to be sourced)"]


def test_comparison_document_shows_the_three_plans_and_what_each_saves() -> None:
    document = comparison_document(comparison(), "T")
    assert document[0] == Heading("T: integrated, CRO and CDMO, or specialists")
    assert document[1] == Paragraph(
        "Against the specialist plan (4 handoffs, 1 technology transfer), the integrated plan "
        "saves 4 handoffs and 1 technology transfer and the CRO and CDMO plan saves 1 handoff "
        "and 1 technology transfer. Preferred for this profile: CRO and CDMO."
    )
    assert document[2] == Table(
        (
            "plan",
            "handoffs",
            "technology transfers",
            "to be sourced",
            "against the specialist plan",
        ),
        (
            ("integrated", "0", "0", "0", "saves 4 handoffs and 1 technology transfer"),
            (
                "CRO and CDMO (preferred)",
                "3",
                "0",
                "0",
                "saves 1 handoff and 1 technology transfer",
            ),
            ("specialist", "4", "1", "0", "-"),
        ),
    )
    headings = [b.text for b in document if isinstance(b, Heading) and " plan" in b.text]
    assert headings == [
        "Integrated plan: 0 handoffs, 0 technology transfers",
        "CRO and CDMO plan (preferred): 3 handoffs, 0 technology transfers",
        "Specialist plan: 4 handoffs, 1 technology transfer",
    ]


def test_a_plan_with_more_handoffs_than_the_specialist_one_is_said_to_add_them() -> None:
    both = comparison()
    worse = attrs.evolve(both, integrated=both.specialist, specialist=both.cro_and_cdmo)
    said = comparison_document(worse, "T")[1]
    assert isinstance(said, Paragraph)
    assert "the integrated plan adds 1 handoff and 1 technology transfer" in said.text
    assert "the CRO and CDMO plan saves none." in said.text


def _shown(document: tuple[Block, ...]) -> list[str]:
    """Every heading, paragraph, table cell and timeline label of ``document``."""
    texts: list[str] = []
    for block in document:
        if isinstance(block, Table):
            texts.extend(cell for row in (block.header, *block.rows) for cell in row)
        elif isinstance(block, Timeline):
            texts.extend([*block.columns, *(label for label, _ in block.lanes), *block.marks])
        else:
            texts.append(block.text)
    return texts


@given(strategies.sourcing_plans())
def test_every_display_of_a_plan_is_in_labels_and_counts_the_work_to_be_sourced(
    sourcing: po.SourcingPlan,
) -> None:
    document = plan_document(sourcing, "T")
    for text in _shown(document):
        assert not values_shown(text), text  # phases, services, areas, strategies in words
    assert not values_shown(visible(plan_html(sourcing)))
    assert not values_shown(plan_markdown(sourcing))
    text = document_text(document)
    assert all(len(line) <= WIDTH for line in text.splitlines())
    unfilled = sum(len(services) for services in sourcing.unfilled.values())
    said = "No handoffs:" in text
    if unfilled:
        assert isinstance(document[0], Heading)
        assert document[0].text.endswith(f"{unfilled} service{'s' * (unfilled != 1)} to be sourced")
        (sourced,) = _tables(document, "phase", "no candidate qualifies for")
        assert [row[0] for row in sourced.rows] == [
            phase.label for phase in sourcing.phases if phase in sourcing.unfilled
        ]
        assert not said
    else:
        heading = document[0]
        assert isinstance(heading, Heading)
        assert "to be sourced" not in heading.text
        assert said == (not sourcing.handoffs)


@given(strategies.strategy_comparisons())
def test_every_display_of_a_comparison_shows_three_plans_in_labels(
    compared: po.StrategyComparison,
) -> None:
    document = comparison_document(compared, "T")
    for text in _shown(document):
        assert not values_shown(text), text
    html = visible(comparison_html(compared))
    markdown = comparison_markdown(compared)
    assert not values_shown(html)
    assert not values_shown(markdown)
    said = f"Preferred for this profile: {compared.preferred.label}."
    assert said in html
    assert said in markdown
    assert html.count("Sourcing plan (") == markdown.count("**Sourcing plan (") == 3
    assert all(len(line) <= WIDTH for line in document_text(document).splitlines())


# --- plans: each reason once per run, the timeline, the numbered handoffs -----------------

EXAMPLE_PROFILE = "examples/phase1-biotech.toml"
EXAMPLE_PARTNERS = "examples/partners.json"


def _example_plan() -> po.SourcingPlan:
    """The phase 1 biotech's specialist plan with the example partners (repository files)."""
    return po.plan(
        po.load_profile(EXAMPLE_PROFILE),
        partners=po.load_partners(EXAMPLE_PARTNERS),
        strategy=po.Strategy.SPECIALIST,
    )


def test_a_partner_kept_from_phase_to_phase_is_said_to_stay_once_per_run() -> None:
    text = document_text(plan_document(_example_plan(), "T"))
    assert flat(text).count("stays engaged") == 3
    assert (
        "Alderbrook Clinical Research (fictional CRO) stays engaged for the research and "
        "clinical work from phase 2 to phase 3: still passing screening for it, so no handoff "
        "is needed."
    ) in flat(text)
    assert (
        "Kestrel Integrated Biologics (fictional CDMO) stays engaged for the manufacturing work "
        "from phase 2 to commercial:"
    ) in flat(text)
    # A new run (the CDMO keeps the clinical work it took over at regulatory review).
    assert (
        "Kestrel Integrated Biologics (fictional CDMO) stays engaged for the research and "
        "clinical work at commercial:"
    ) in flat(text)


def _run_key(text: str, phase: po.Phase) -> tuple[str, str]:
    """A reason but for its phase: the words before and after "at <phase>"."""
    before, _, after = text.partition(f" at {phase.label}")
    return before, after


def _said(key: tuple[str, str], paragraphs: str) -> int:
    """How often the reason ``key`` stands for is said: at one phase, or over a run."""
    before, after = key
    if not after:
        return paragraphs.count(before)
    span = r" (?:at [\w ]+?|from [\w ]+? to [\w ]+?)"
    return len(re.findall(re.escape(before) + span + re.escape(after), paragraphs))


@given(strategies.profiles(), strategies.optional_strategies, strategies.partner_lists)
def test_every_reason_for_a_choice_is_said_once_per_run_of_phases(
    profile: po.SponsorProfile,
    strategy: po.Strategy | None,
    partners: list[po.Partner],
) -> None:
    sourcing = po.plan(profile, strategy=strategy, partners=partners)
    document = plan_document(sourcing, "T")
    said = " ".join(b.text for b in document if isinstance(b, Paragraph))
    keys = [
        {_run_key(r.text, step.phase) for r in step.reasons if r.criterion is not None}
        for step in sourcing.steps
    ]
    for step_keys in keys:
        for key in step_keys:
            runs = sum(
                1 for k in range(len(keys)) if key in keys[k] and (k == 0 or key not in keys[k - 1])
            )
            assert _said(key, said) == runs, key  # each run once, none lost


def test_the_text_timeline_has_a_lane_per_organisation_and_the_handoffs_numbered() -> None:
    sourcing = _example_plan()
    text = document_text(plan_document(sourcing, "T"))
    lines = text.splitlines()
    (header,) = [line for line in lines if line.lstrip().startswith("phase 1")]
    assert header.split() == ["phase", "1", "phase", "2", "phase", "3", "regulatory", "commercial"]
    (marks,) = [line for line in lines if line.startswith("handoffs #")]
    assert marks.split() == ["handoffs", "#", "1", "2", "3", "4-7"]
    sponsor = next(line for line in lines if line.startswith("sponsor "))
    cro = next(line for line in lines if line.startswith("Alderbrook") and "=" in line)
    # The sponsor keeps work in house in every phase: one unbroken bar to the last column;
    # the CRO's bar ends after phase 3.
    assert set(sponsor.split(maxsplit=1)[1]) == {"="}
    assert cro.rstrip().endswith("=")
    assert len(cro.rstrip()) < len(sponsor.rstrip())
    numbered = [line.split()[0] for line in lines if re.match(r"\d+ +(phase|regulatory)", line)]
    assert numbered == [str(n) for n in range(1, len(sourcing.handoffs) + 1)]


@given(strategies.sourcing_plans(), st.integers(min_value=40, max_value=160))
def test_a_plan_in_text_fits_any_width(sourcing: po.SourcingPlan, width: int) -> None:
    text = document_text(plan_document(sourcing, "T"), width)
    assert all(len(line) <= width for line in text.splitlines())


def test_the_example_plan_fits_80_and_120_columns() -> None:
    document = plan_document(_example_plan(), "T")
    for width in (80, 120):
        lines = document_text(document, width).splitlines()
        assert max(len(line) for line in lines) <= width
    wide = document_text(document, 120).splitlines()
    # At 120 columns the lanes' labels and the phases' headings stay on one line each.
    assert any(line.startswith("Kestrel Integrated Biologics (fictional CDMO) ") for line in wide)
    assert any("regulatory review" in line for line in wide)


def test_no_engagement_label_doubles_its_type() -> None:
    sourcing = _example_plan()
    for text in (
        document_text(plan_document(sourcing, "T")),
        visible(plan_html(sourcing)),
        plan_markdown(sourcing),
    ):
        assert "(fictional CDMO) (CDMO)" not in text
        assert "(fictional CRO) (CRO)" not in text
        assert "Kestrel Integrated Biologics (fictional CDMO)" in text


# --- sensitivity ------------------------------------------------------------------------


def _sensitivity(spread: float = 0.8) -> po.Sensitivity:
    """Three CROs for site monitoring in the US and the EU: the leader can change."""
    profile = po.SponsorProfile(
        phase=po.Phase.PHASE_2,
        services={po.Service.SITE_MONITORING},
        target_markets={po.Market.US, po.Market.EU},
    )
    partners = [
        po.Partner(
            name="Alder",
            organisation_type=CRO,
            markets={po.Market.US, po.Market.EU},
            communication=4,
        ),
        po.Partner(name="Birch", organisation_type=CRO, markets={po.Market.US}, communication=5),
        po.Partner(name="Cedar", organisation_type=CRO, communication=2),
    ]
    return po.sensitivity(profile, partners, spread=spread)


def test_sensitivity_document_gives_the_margin_and_each_range() -> None:
    result = _sensitivity()
    assert [(r.partner.name, r.rank, r.best, r.worst) for r in result.rank_ranges] == [
        ("Alder", 1, 1, 2),
        ("Birch", 2, 1, 2),
        ("Cedar", 3, 3, 3),
    ]
    document = sensitivity_document(result, "T")
    assert document[0] == Heading("T: 3 partners ranked, each weight varied by up to 80%")
    margin = result.leader_margin
    assert margin is not None
    assert (margin.criterion, margin.challenger.name) == (
        po.Criterion.GEOGRAPHIC_FOOTPRINT,
        "Birch",
    )
    assert margin.change == pytest.approx(-0.6)
    assert document[1] == Paragraph(
        "With 60% less weight on geographic footprint, the other weights as they are, Birch "
        "draws level with the leader, Alder (a tie goes by name), and leads beyond that."
    )
    assert document[2] == Table(
        ("#", "partner", "type", "rank range"),
        (("1", "Alder", "CRO", "1-2"), ("2", "Birch", "CRO", "1-2"), ("3", "Cedar", "CRO", "3")),
    )
    assert isinstance(document[3], Paragraph)
    assert document[3].text.startswith("Every range is exact" if result.exact else "Not proven")


def test_a_steady_leader_and_a_cut_list_are_said() -> None:
    steady = sensitivity_document(_sensitivity(spread=0.0), "T", top=1)
    assert steady[1] == Paragraph(
        "No change of a single weight by up to 0% changes the leader, Alder."
    )
    assert steady[2] == Table(("#", "partner", "type", "rank range"), (("1", "Alder", "CRO", "1"),))
    assert isinstance(steady[3], Paragraph)
    assert steady[3].text.endswith(" 2 more partners ranked, not shown.")


@given(strategies.sensitivities(), st.integers(min_value=40, max_value=120))
def test_every_rank_range_shows_in_text_markdown_and_html(
    result: po.Sensitivity, width: int
) -> None:
    document = sensitivity_document(result, "Sensitivity")
    text = document_text(document, width)
    assert all(len(line) <= width for line in text.splitlines())
    assert str(result) == document_text(document)
    markdown = result._repr_markdown_()
    html = result._repr_html_()
    tables = markdown_tables(markdown)
    rows = tables[0][1:] if tables else []
    assert len(rows) == len(result.rank_ranges)
    assert html.count('role="img"') == len(result.rank_ranges)
    for found, cells in zip(result.rank_ranges, rows, strict=True):
        expected = str(found.best) if found.best == found.worst else f"{found.best}-{found.worst}"
        assert cells[0] == str(found.rank)
        assert cells[1] == flat(found.partner.name)
        assert cells[3] == expected
        assert f"rank {found.rank}, from {found.best} to {found.worst} of " in html
    said = leader_margin_said(result)
    assert said in flat(text)
    assert said in flat(markdown_shown(markdown))
    assert said in flat(visible(html))


def leader_margin_said(result: po.Sensitivity) -> str:
    """The first words of what each display says of the leader's margin."""
    if not result.rank_ranges:
        return "No partner is ranked."
    if result.leader_margin is None:
        return "is the only partner ranked" if len(result.rank_ranges) == 1 else "No change of"
    return f"weight on {result.leader_margin.criterion.label}"


def test_a_leader_ahead_by_name_only_is_said_to_be() -> None:
    profile = po.SponsorProfile(
        phase=po.Phase.PHASE_2,
        services={po.Service.SITE_MONITORING},
        target_markets={po.Market.US, po.Market.EU},
    )
    level = [  # a footprint of 1 and a neutral fit, or a footprint of 0.5 and a fit of 1
        po.Partner(name="Alder", organisation_type=CRO, markets={po.Market.US, po.Market.EU}),
        po.Partner(name="Birch", organisation_type=CRO, markets={po.Market.US}, communication=5),
    ]
    said = sensitivity_document(po.sensitivity(profile, level), "T")[1]
    assert said == Paragraph(
        "Birch is level with the leader, Alder, which leads by name only: any cut in the "
        "weight on geographic footprint puts Birch first."
    )


def test_ranges_not_proven_exact_are_said_to_be_what_was_reached() -> None:
    # Above 300 partners the pairwise proof is not made.
    profile = po.SponsorProfile(phase=po.Phase.PHASE_2, services={po.Service.SITE_MONITORING})
    partners = [
        po.Partner(name=f"P{i:03}", organisation_type=CRO, communication=1 + i % 5)
        for i in range(301)
    ]
    result = po.sensitivity(profile, partners)
    assert not result.exact
    note = sensitivity_document(result, "T", top=3)[-1]
    assert isinstance(note, Paragraph)
    assert note.text.startswith("Not proven exact: each best and worst rank is reached")
    assert note.text.endswith("298 more partners ranked, not shown.")
