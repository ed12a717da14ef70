"""The words every renderer shares: one copy of each label and recurring phrase.

HTML, Markdown and the command line's text all name the criteria, the organisation types
and the aspects of a type the same way, state what a score rests on (its evidence and the
assessment's completeness) and count handoffs and hidden rows in the same words; this
module holds each of those once.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final, NamedTuple

from .._criteria import Evidence
from .._descriptions import TypeDescription
from .._governance import Party
from .._plans import Handoff, Organisation, PlanStep, SourcingPlan, Strategy, StrategyComparison
from .._profile import SponsorProfile
from .._ranking import Assessment
from .._reasons import Reason, plural, words
from .._recommend import Recommendation
from .._sensitivity import Sensitivity
from .._services import Service
from .._vocabulary import Criterion, OrganisationType, Phase, in_declared_order

__all__ = [
    "COMPARISON_HEADER",
    "COMPLETENESS",
    "EVIDENCE_HEADING",
    "MAX_ROWS",
    "SHORT_CRITERIA",
    "TO_BE_SOURCED",
    "AssessmentRow",
    "ComparisonRow",
    "assessment_rows",
    "assignments",
    "capitalised",
    "comparison_rows",
    "completeness_phrase",
    "criteria_of",
    "criterion_heading",
    "criterion_label",
    "description_rows",
    "handoff_kind",
    "handoff_marks",
    "handoff_row",
    "lanes",
    "leader_margin",
    "more",
    "no_handoffs",
    "numbered_handoffs",
    "organisation_label",
    "percent",
    "plan_counts",
    "plan_title",
    "profile_summary",
    "profile_title",
    "range_note",
    "rank_range",
    "ranked_for",
    "reason_text",
    "saving",
    "sensitivity_title",
    "step_heading",
    "step_reasons",
    "strategy_plans",
    "to_be_sourced",
    "type_label",
    "type_labels",
    "unfilled_count",
    "unfilled_rows",
    "warned",
]

SHORT_CRITERIA: Final[Mapping[Criterion, str]] = MappingProxyType(
    {
        Criterion.STAGE_OF_DEVELOPMENT: "stage",
        Criterion.TECHNICAL_EXPERTISE: "expertise",
        Criterion.REGULATORY_TRACK_RECORD: "regulatory",
        Criterion.SCALABILITY: "scale",
        Criterion.GEOGRAPHIC_FOOTPRINT: "footprint",
        Criterion.CULTURAL_FIT: "fit",
    }
)
"""A one-word name per criterion, for column headings; each is a spelling
:meth:`Criterion.parse <pharma_outsourcing.Criterion.parse>` accepts, so the command
line's headings work in ``--weights``."""


MAX_ROWS: Final = 50
"""Rows shown before a long list is cut (the rest is counted, not shown)."""


def criterion_heading(criterion: Criterion) -> str:
    """A criterion's short name as a column heading.

    Example:
        >>> criterion_heading(Criterion.REGULATORY_TRACK_RECORD)
        'Regulatory'
    """
    return SHORT_CRITERIA[criterion].capitalize()


def criterion_label(criterion: Criterion) -> str:
    """A criterion's label as the first words of a line: ``Regulatory track record``.

    Example:
        >>> criterion_label(Criterion.REGULATORY_TRACK_RECORD)
        'Regulatory track record'
    """
    label = criterion.label
    return label[:1].upper() + label[1:]


EVIDENCE_HEADING: Final = "Evidence"
"""The heading of the column showing each partner's completeness (as a percentage)."""

COMPLETENESS: Final = (
    "the share of the weight resting on records or statements rather than on neutral "
    "values assumed for want of data"
)
"""What the percentage under :data:`EVIDENCE_HEADING` means, for legends and hints."""


def percent(share: float) -> str:
    """A share in [0, 1] as a whole percentage, as :attr:`Shortlist.notes` writes it.

    Example:
        >>> percent(5 / 6), percent(1.0), percent(0.0)
        ('83%', '100%', '0%')
    """
    return f"{share:.0%}"


def completeness_phrase(assessment: Assessment) -> str:
    """An assessment's completeness in words, for the line under its name.

    Example:
        >>> from pharma_outsourcing import OrganisationType, Partner, Phase, Service
        >>> from pharma_outsourcing import SponsorProfile, rank
        >>> cro = Partner(name="A", organisation_type=OrganisationType.CRO)
        >>> profile = SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING})
        >>> completeness_phrase(rank(profile, [cro]).ranked[0])
        '33% of the weight rests on records or statements'
    """
    return f"{percent(assessment.completeness)} of the weight rests on records or statements"


def criteria_of(assessments: Iterable[Assessment]) -> list[Criterion]:
    """The criteria the first assessment is scored on, in the guide's order (none if empty)."""
    for assessment in assessments:
        return in_declared_order(assessment.scores)
    return []


class AssessmentRow(NamedTuple):
    """One criterion of an assessment, as every display lists it.

    Attributes:
        criterion: The criterion.
        score: The partner's score on it.
        contribution: Its weighted share of the total score.
        evidence: What the score rests on.
        reason: The reason's text (empty when there is none).
    """

    criterion: Criterion
    score: float
    contribution: float
    evidence: Evidence
    reason: str


def assessment_rows(assessment: Assessment) -> list[AssessmentRow]:
    """Per criterion, in order: the score, its share of the total, its evidence and reason."""
    return [
        AssessmentRow(
            criterion,
            assessment.scores[criterion],
            assessment.contributions.get(criterion, 0.0),
            assessment.evidence.get(criterion, Evidence.ASSUMED),
            reason_text(assessment, criterion),
        )
        for criterion in in_declared_order(assessment.scores)
    ]


def reason_text(assessment: Assessment, criterion: Criterion) -> str:
    """The reason for an assessment's score on ``criterion`` (empty when it has none)."""
    reason = assessment.reasons.get(criterion)
    return "" if reason is None else reason.text


def warned(ranked: Iterable[Assessment]) -> list[tuple[int, Assessment, tuple[Reason, ...]]]:
    """The ranked partners with warnings: each one's rank (from 1), assessment and warnings."""
    return [
        (position, assessment, assessment.warnings)
        for position, assessment in enumerate(ranked, start=1)
        if assessment.warnings
    ]


def type_label(org_type: OrganisationType) -> str:
    """An organisation type as its acronym.

    Example:
        >>> type_label(OrganisationType.CDMO)
        'CDMO'
    """
    return org_type.value.upper()


def type_labels(types: Iterable[OrganisationType]) -> list[str]:
    """Organisation types as acronyms, in alphabetical order.

    Example:
        >>> type_labels({OrganisationType.CRO, OrganisationType.CMO})
        ['CMO', 'CRO']
    """
    return sorted(type_label(org_type) for org_type in types)


def assignments(recommendation: Recommendation) -> list[tuple[Service, OrganisationType]]:
    """Each service of a recommendation with the type engaged for it, in catalogue order."""
    assigned = recommendation.assignments
    return [(service, assigned[service]) for service in in_declared_order(assigned)]


def description_rows(description: TypeDescription) -> list[tuple[str, str]]:
    """The rows of the guide's key-differences table for one type: aspect and text.

    Example:
        >>> from pharma_outsourcing import describe
        >>> description_rows(describe("CMO"))[0]
        ('Primary role', 'Drug substance and product manufacturing')
    """
    return [
        ("Primary role", description.primary_role),
        ("Focus area", description.focus_area),
        ("Expertise", description.expertise),
        ("Engagement stage", description.engagement_stage),
        ("End deliverable", description.end_deliverable),
        ("When to choose it", description.when_to_choose),
    ]


def profile_title(profile: SponsorProfile) -> str:
    """The heading for answers about ``profile``: its name, else its phase.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile
        >>> profile_title(SponsorProfile(phase=Phase.PHASE_2))
        'Profile at phase 2'
    """
    return profile.name or f"Profile at {profile.phase.label}"


def profile_summary(profile: SponsorProfile) -> str:
    """What shapes every answer about ``profile`` beyond its phase, in words.

    A pathway that skips phases (with the phases skipped) and a scope, when given; the
    empty string when the profile has neither.

    Example:
        >>> from pharma_outsourcing import Phase, Service, SponsorProfile
        >>> print(profile_summary(SponsorProfile(
        ...     phase=Phase.PHASE_2,
        ...     pathway=(Phase.PHASE_2, Phase.REGULATORY_REVIEW, Phase.COMMERCIAL),
        ...     scope={Service.QUALITY_CONTROL, Service.FINISHED_DOSAGE_MANUFACTURING},
        ... )))
        Pathway: phase 2, regulatory review, commercial (phase 3 skipped). Outsources only:
        finished-dosage manufacturing, quality control.
        >>> profile_summary(SponsorProfile(phase=Phase.PHASE_2))
        ''
    """
    parts: list[str] = []
    skipped = profile.skipped_phases
    if skipped:
        pathway = ", ".join(phase.label for phase in profile.programme)
        parts.append(f"Pathway: {pathway} ({words(skipped)} skipped).")
    if profile.scope is not None:
        scope = ", ".join(service.label for service in in_declared_order(profile.scope))
        parts.append(f"Outsources only: {scope}." if scope else "Outsources nothing (empty scope).")
    return " ".join(parts)


def ranked_for(services: int, role: OrganisationType | None = None) -> str:
    """What a shortlist was ranked for: every needed service, or those of one type.

    Example:
        >>> ranked_for(3, OrganisationType.CRO)
        'Ranked for the 3 services the profile needs from a CRO.'
    """
    needed = f"Ranked for the {plural(services, 'service')} the profile needs"
    return f"{needed}." if role is None else f"{needed} from a {type_label(role)}."


def capitalised(text: str) -> str:
    """``text`` with its first letter in capitals, for a heading: ``Phase 1``.

    Example:
        >>> capitalised("regulatory review"), capitalised("API production")
        ('Regulatory review', 'API production')
    """
    return text[:1].upper() + text[1:]


TO_BE_SOURCED: Final = "to be sourced"
"""What a plan says of work no candidate qualifies for."""


def unfilled_count(plan: SourcingPlan) -> int:
    """How many services of the plan are to be sourced, counted once per phase."""
    return sum(len(services) for services in plan.unfilled.values())


def unfilled_rows(plan: SourcingPlan) -> list[tuple[Phase, str]]:
    """Each phase with work to be sourced, in order, and that work in words."""
    return [
        (phase, words(plan.unfilled[phase])) for phase in plan.phases if plan.unfilled.get(phase)
    ]


def to_be_sourced(plan: SourcingPlan, who: Organisation, step: PlanStep | None = None) -> bool:
    """Whether ``who`` stands for work still to be sourced (in ``step``, or in the plan).

    An engagement with no partner, in a plan made with candidates that left work unfilled;
    with ``step``, only when it holds some of that step's unfilled work. A plan without
    candidates names types only, and none of its engagements is to be sourced.
    """
    if isinstance(who, Party) or who.partner is not None or not plan.unfilled:
        return False
    if step is None:
        return True
    return bool(plan.unfilled.get(step.phase, frozenset()) & step.services_for(who))


def organisation_label(plan: SourcingPlan, who: Organisation, step: PlanStep | None = None) -> str:
    """Who does the work, in words: ``Acme (CRO)``, ``CMO (to be sourced)`` or ``sponsor``.

    Example:
        >>> from pharma_outsourcing import Party, Phase, SponsorProfile, plan
        >>> sourcing = plan(SponsorProfile(phase=Phase.PHASE_3, horizon=Phase.PHASE_3))
        >>> organisation_label(sourcing, Party.SPONSOR)
        'sponsor'
    """
    label = who.label
    return f"{label} ({TO_BE_SOURCED})" if to_be_sourced(plan, who, step) else label


def handoff_kind(handoff: Handoff) -> str:
    """What a handoff is, in a word or two: a technology transfer, a transition, an interface.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, Strategy, plan
        >>> profile = SponsorProfile(phase=Phase.PHASE_3, horizon=Phase.PHASE_3)
        >>> handoff_kind(plan(profile, strategy=Strategy.SPECIALIST).handoffs[0])
        'interface'
    """
    return "tech transfer" if handoff.is_tech_transfer else handoff.kind.label


def handoff_row(plan: SourcingPlan, handoff: Handoff) -> list[str]:
    """A handoff as a table row: phase, kind, from, to, area and why.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, Strategy, plan
        >>> sourcing = plan(SponsorProfile(phase=Phase.PHASE_3), strategy=Strategy.SPECIALIST)
        >>> handoff_row(sourcing, sourcing.handoffs[0])[:3]
        ['phase 3', 'interface', 'CMO']
    """
    return [
        handoff.phase.label,
        handoff_kind(handoff),
        organisation_label(plan, handoff.source),
        organisation_label(plan, handoff.target),
        handoff.area.label,
        handoff.reason.text,
    ]


def numbered_handoffs(plan: SourcingPlan) -> list[tuple[int, Handoff]]:
    """The plan's handoffs numbered from 1 in the order of its phases, as timelines mark them.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, Strategy, plan
        >>> sourcing = plan(SponsorProfile(phase=Phase.PHASE_1), strategy=Strategy.SPECIALIST)
        >>> [(n, h.phase.label) for n, h in numbered_handoffs(sourcing)]
        [(1, 'phase 1'), (2, 'phase 2'), (3, 'phase 3')]
    """
    position = {phase: index for index, phase in enumerate(plan.phases)}
    ordered = sorted(plan.handoffs, key=lambda handoff: position.get(handoff.phase, len(position)))
    return list(enumerate(ordered, start=1))


def handoff_marks(plan: SourcingPlan, dash: str = "-") -> list[str]:
    """Per phase of the plan, the numbers of its handoffs: ``""``, ``"3"`` or ``"4-7"``.

    The numbers are those of :func:`numbered_handoffs`, consecutive within a phase, so a
    phase's handoffs are its first and last number joined by ``dash``.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, Strategy, plan
        >>> sourcing = plan(SponsorProfile(phase=Phase.PHASE_1), strategy=Strategy.SPECIALIST)
        >>> handoff_marks(sourcing)
        ['1', '2', '3', '', '']
    """
    numbers: dict[Phase, list[int]] = {}
    for number, handoff in numbered_handoffs(plan):
        numbers.setdefault(handoff.phase, []).append(number)
    marks = []
    for phase in plan.phases:
        found = numbers.get(phase, [])
        if len(found) > 1:
            marks.append(f"{found[0]}{dash}{found[-1]}")
        else:
            marks.append("".join(map(str, found)))
    return marks


def lanes(plan: SourcingPlan) -> list[tuple[Organisation, list[bool]]]:
    """Who works in the plan, each with the phases it works in: a timeline's lanes.

    The sponsor first where it keeps some work in house, then each organisation engaged,
    in the plan's order; per phase, whether it holds any of the phase's work.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, Strategy, plan
        >>> profile = SponsorProfile(phase=Phase.PHASE_1, horizon=Phase.PHASE_2)
        >>> [(who.label, on) for who, on in lanes(plan(profile, strategy=Strategy.INTEGRATED))]
        [('CDMO', [True, True])]
    """
    engaged: list[Organisation] = list(plan.organisations)
    if any(step.in_house for step in plan.steps):
        engaged.insert(0, Party.SPONSOR)
    return [
        (
            who,
            [
                bool(step.in_house) if who is Party.SPONSOR else who in step.assignments.values()
                for step in plan.steps
            ],
        )
        for who in engaged
    ]


def _at(phase: Phase) -> re.Pattern[str]:
    return re.compile(rf"\bat {re.escape(phase.label)}(?![\w-])")


def step_reasons(plan: SourcingPlan) -> list[list[str]]:
    """Per step, why each organisation was chosen, each sentence said once per run of phases.

    The step's reasons tied to a criterion (why a partner was chosen or kept). A reason
    the next phases repeat word for word but for the phase ("Acme stays engaged for the
    research and clinical work at phase 2: ...") is said once, at the first phase of the
    run, naming the run ("... from phase 2 to commercial: ..."), and not in the phases
    after it.

    Example:
        >>> from pharma_outsourcing import Partner, Phase, SponsorProfile, plan
        >>> from pharma_outsourcing import OrganisationType, Service
        >>> profile = SponsorProfile(
        ...     phase=Phase.PHASE_1, horizon=Phase.PHASE_3, scope={Service.SITE_MONITORING}
        ... )
        >>> cro = Partner(name="Alder", organisation_type=OrganisationType.CRO)
        >>> for said in step_reasons(plan(profile, partners=[cro])):
        ...     print(said)
        ['Alder engaged for the research and clinical work at phase 1: ranked first of 1 qualifying candidate for site monitoring.']
        ['Alder stays engaged for the research and clinical work from phase 2 to phase 3: still passing screening for it, so no handoff is needed.']
        []
    """  # noqa: E501 - the doctest's output is one line per step
    shown: list[list[str]] = [[] for _ in plan.steps]
    # Each run: the step it is said in, its place there, its text, its last phase.
    runs: list[tuple[int, int, str, Phase]] = []
    open_runs: dict[str, int] = {}  # a reason's text but for the phase -> its run
    for index, step in enumerate(plan.steps):
        pattern = _at(step.phase)
        still: dict[str, int] = {}
        for reason in step.reasons:
            if reason.criterion is None:
                continue
            key = pattern.sub("at {phase}", reason.text, count=1)
            run = open_runs.get(key)
            if run is not None and run not in still.values():
                said_in, place, text, _ = runs[run]
                runs[run] = (said_in, place, text, step.phase)
                still[key] = run
                continue
            still[key] = len(runs)
            runs.append((index, len(shown[index]), reason.text, step.phase))
            shown[index].append(reason.text)
        open_runs = still
    for said_in, place, text, last in runs:
        first = plan.steps[said_in].phase
        if last is not first:
            span = f"from {first.label} to {last.label}"
            shown[said_in][place] = _at(first).sub(span, text, count=1)
    return shown


def _share(change: float) -> str:
    """A relative change as a percentage: whole from 10 %, with one decimal below it."""
    size = abs(change)
    return f"{size:.0%}" if size >= 0.1 else f"{size:.1%}"


def sensitivity_title(result: Sensitivity) -> str:
    """What a sensitivity result covers: ``3 partners, each weight varied by up to 25%``.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, sensitivity
        >>> sensitivity_title(sensitivity(SponsorProfile(phase=Phase.PHASE_2), []))
        '0 partners ranked, each weight varied by up to 25%'
    """
    ranked = plural(len(result.rank_ranges), "partner")
    return f"{ranked} ranked, each weight varied by up to {percent(result.spread)}"


def leader_margin(result: Sensitivity) -> str:
    """The smallest change of one weight that changes the leader, in a sentence.

    Example:
        >>> from pharma_outsourcing import Market, OrganisationType, Partner, Phase
        >>> from pharma_outsourcing import Service, SponsorProfile, sensitivity
        >>> profile = SponsorProfile(
        ...     phase=Phase.PHASE_2, services={Service.SITE_MONITORING},
        ...     target_markets={Market.US},
        ... )
        >>> a = Partner(name="A", organisation_type=OrganisationType.CRO, markets={Market.US})
        >>> b = Partner(name="B", organisation_type=OrganisationType.CRO, communication=5)
        >>> print(leader_margin(sensitivity(profile, [a, b])))
        No change of a single weight by up to 25% changes the leader, A.
        >>> print(leader_margin(sensitivity(profile, [a, b], spread=0.9)))
        With 50% less weight on geographic footprint, the other weights as they are, B draws
        level with the leader, A (a tie goes by name), and leads beyond that.
    """
    ranges = result.rank_ranges
    if not ranges:
        return "No partner is ranked."
    leader = ranges[0].partner.name
    if len(ranges) == 1:
        return f"{leader} is the only partner ranked: no other can take the lead."
    margin = result.leader_margin
    if margin is None:
        return (
            f"No change of a single weight by up to {percent(result.spread)} changes the "
            f"leader, {leader}."
        )
    less = math.copysign(1.0, margin.change) < 0
    criterion, challenger = margin.criterion.label, margin.challenger.name
    if margin.change == 0:
        change = "cut in" if less else "increase in"
        return (
            f"{challenger} is level with the leader, {leader}, which leads by name only: "
            f"any {change} the weight on {criterion} puts {challenger} first."
        )
    direction = "less" if less else "more"
    return (
        f"With {_share(margin.change)} {direction} weight on {criterion}, the other weights "
        f"as they are, {challenger} draws level with the leader, {leader} (a tie goes by "
        f"name), and leads beyond that."
    )


def range_note(result: Sensitivity) -> str:
    """Whether a result's rank ranges are proven exact, and what they are if not.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, sensitivity
        >>> range_note(sensitivity(SponsorProfile(phase=Phase.PHASE_2), [])).split(":")[0]
        'Every range is exact'
    """
    if result.exact:
        return (
            "Every range is exact: each partner reaches its best and its worst rank at some "
            "weighting within the spread, and none goes beyond them."
        )
    return (
        "Not proven exact: each best and worst rank is reached at a weighting tried (every "
        "corner of the box of weights, and any samples drawn), but one between them may reach "
        "a better or a worse rank (the proof, which compares every pair of partners, is made "
        "for up to 300)."
    )


def rank_range(best: int, worst: int) -> str:
    """A rank range in words for a table cell: ``1-3``, or ``2`` when it cannot move.

    Example:
        >>> rank_range(1, 3), rank_range(2, 2)
        ('1-3', '2')
    """
    return str(best) if best == worst else f"{best}-{worst}"


def plan_counts(plan: SourcingPlan) -> str:
    """A plan's handoffs, technology transfers and services to be sourced, counted.

    ``3 handoffs, 1 technology transfer``, then ``, 2 services to be sourced`` when a plan
    made with candidates leaves work unfilled.
    """
    counts = (
        f"{plural(len(plan.handoffs), 'handoff')}, "
        f"{plural(len(plan.tech_transfers), 'technology transfer')}"
    )
    unfilled = unfilled_count(plan)
    return f"{counts}, {plural(unfilled, 'service')} {TO_BE_SOURCED}" if unfilled else counts


def plan_title(plan: SourcingPlan) -> str:
    """A plan's strategy and counts: ``CRO and CDMO plan, 7 handoffs, 0 ...``."""
    return f"{plan.strategy.label} plan, {plan_counts(plan)}"


def step_heading(step: PlanStep) -> str:
    """A step's heading: ``Phase 1: 13 services``, with the work done in house, if any.

    Example:
        >>> from pharma_outsourcing import Phase, Service, SponsorProfile, plan
        >>> profile = SponsorProfile(
        ...     phase=Phase.PHASE_1, horizon=Phase.PHASE_1, in_house={Service.MEDICAL_WRITING}
        ... )
        >>> step_heading(plan(profile).steps[0])
        'Phase 1: 14 services, 1 in house'
    """
    phase = capitalised(step.phase.label)
    outsourced = plural(len(step.assignments), "service") if step.assignments else ""
    in_house = f"{len(step.in_house)} in house" if step.in_house else ""
    if not outsourced:
        return f"{phase}: nothing to outsource" + (f", {in_house}" if in_house else "")
    return f"{phase}: {outsourced}" + (f", {in_house}" if in_house else "")


def no_handoffs(plan: SourcingPlan) -> str:
    """What a plan without handoffs says: never "no handoffs" alone while work is unfilled.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, plan
        >>> no_handoffs(plan(SponsorProfile(phase=Phase.PHASE_1, horizon=Phase.PHASE_1)))
        'No handoffs: each area of work stays with one organisation.'
    """
    unfilled = unfilled_count(plan)
    if unfilled:
        return (
            f"No handoffs among the partners named; {plural(unfilled, 'service')} "
            f"still {TO_BE_SOURCED}."
        )
    return "No handoffs: each area of work stays with one organisation."


def strategy_plans(comparison: StrategyComparison) -> list[tuple[Strategy, SourcingPlan]]:
    """The compared plans, each with its strategy: integrated, CRO and CDMO, specialist."""
    return [
        (Strategy.INTEGRATED, comparison.integrated),
        (Strategy.CRO_AND_CDMO, comparison.cro_and_cdmo),
        (Strategy.SPECIALIST, comparison.specialist),
    ]


def _saves(handoffs: int, transfers: int) -> str:
    """``saves 3 handoffs and 1 technology transfer`` (``adds`` for a negative count)."""
    by_verb: dict[str, list[str]] = {}
    for count, noun in ((handoffs, "handoff"), (transfers, "technology transfer")):
        if count:
            by_verb.setdefault("saves" if count > 0 else "adds", []).append(
                plural(abs(count), noun)
            )
    if not by_verb:
        return "saves none"
    return " and ".join(f"{verb} {' and '.join(items)}" for verb, items in by_verb.items())


def _against(plan: SourcingPlan, specialist: SourcingPlan) -> str:
    return _saves(
        len(specialist.handoffs) - len(plan.handoffs),
        len(specialist.tech_transfers) - len(plan.tech_transfers),
    )


class ComparisonRow(NamedTuple):
    """One plan of a comparison, as every display lists it.

    Attributes:
        strategy: The plan's strategy.
        plan: The plan.
        preferred: Whether it is the strategy :func:`~pharma_outsourcing.plan` chooses.
        against_specialist: What it saves against the specialist plan, in words (empty
            for the specialist plan itself).
    """

    strategy: Strategy
    plan: SourcingPlan
    preferred: bool
    against_specialist: str

    @property
    def name(self) -> str:
        """The strategy's label, marked when preferred: ``CRO and CDMO (preferred)``."""
        return self.strategy.label + (" (preferred)" if self.preferred else "")

    @property
    def cells(self) -> tuple[str, str, str, str, str]:
        """The row as text: plan, handoffs, transfers, to be sourced, against specialists."""
        return (
            self.name,
            str(len(self.plan.handoffs)),
            str(len(self.plan.tech_transfers)),
            str(unfilled_count(self.plan)),
            self.against_specialist or "-",
        )


COMPARISON_HEADER: Final = (
    "plan",
    "handoffs",
    "technology transfers",
    TO_BE_SOURCED,
    "against the specialist plan",
)
"""The columns of :attr:`ComparisonRow.cells`."""


def comparison_rows(comparison: StrategyComparison) -> list[ComparisonRow]:
    """The three plans of a comparison, each with what it saves against the specialist one."""
    specialist = comparison.specialist
    return [
        ComparisonRow(
            strategy,
            plan,
            strategy is comparison.preferred,
            "" if strategy is Strategy.SPECIALIST else _against(plan, specialist),
        )
        for strategy, plan in strategy_plans(comparison)
    ]


def saving(comparison: StrategyComparison) -> str:
    """What the integrated and the CRO-and-CDMO plans save against the specialist plan.

    Example:
        >>> from pharma_outsourcing import Phase, SponsorProfile, compare_strategies
        >>> said = saving(compare_strategies(SponsorProfile(phase=Phase.PHASE_3)))
        >>> said.startswith("Against the specialist plan ("), said.endswith("CRO and CDMO.")
        (True, True)
    """
    specialist = comparison.specialist
    integrated, cro_and_cdmo, _ = comparison_rows(comparison)
    return (
        f"Against the specialist plan ({plan_counts(specialist)}), the integrated plan "
        f"{integrated.against_specialist} and the CRO and CDMO plan "
        f"{cro_and_cdmo.against_specialist}. "
        f"Preferred for this profile: {comparison.preferred.label}."
    )


def more(total: int, shown: int) -> str:
    """``... and 3 more`` when rows were left out, else the empty string.

    Example:
        >>> more(5, 2), more(2, 2)
        ('... and 3 more', '')
    """
    return f"... and {total - shown} more" if total > shown else ""
