"""Hypothesis strategies for every value object of the library, in one place.

Each strategy is registered with :func:`hypothesis.strategies.register_type_strategy`, so
``st.from_type(Partner)`` works too. Strategies are written out by hand: ``st.builds``
cannot see the validators' ranges and cross-field rules.
"""

from __future__ import annotations

import datetime
import keyword

import attrs
from hypothesis import strategies as st

import pharma_outsourcing as po
from pharma_outsourcing import (
    Agreement,
    AmbiguousRecord,
    Assessment,
    Audit,
    AuditOutcome,
    Basis,
    Capability,
    Criterion,
    DosageForm,
    Engagement,
    Exclusion,
    Framework,
    Handoff,
    HandoffKind,
    Inspection,
    InspectionOutcome,
    LeaderMargin,
    Market,
    Modality,
    OrganisationType,
    Partner,
    Phase,
    PlanStep,
    PublicRecord,
    RankRange,
    Reason,
    Recommendation,
    RecordMatch,
    RecordSuggestion,
    Regulator,
    Responsibility,
    Sensitivity,
    Service,
    ServiceCategory,
    Shortlist,
    SourcingPlan,
    SponsorProfile,
    Strategy,
    StrategyComparison,
    Submission,
    SubmissionOutcome,
    TherapeuticArea,
    Weights,
    agreements_for,
    compare_strategies,
    match_records,
    plan,
    rank,
    sensitivity,
    services_of,
    sponsor_responsibilities,
)
from pharma_outsourcing._vocabulary import phases_between

CURRENT_YEAR = datetime.datetime.now(tz=datetime.UTC).year

phases = st.sampled_from(list(Phase))
services = st.sampled_from(list(Service))
service_sets = st.frozensets(services)
markets = st.frozensets(st.sampled_from(list(Market)))
org_types = st.sampled_from(list(OrganisationType))
criteria = st.sampled_from(list(Criterion))
years = st.integers(min_value=1990, max_value=CURRENT_YEAR)
names = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs", "Pd")),
    min_size=1,
    max_size=30,
).filter(str.strip)


def _review_needed(phase: Phase, horizon: Phase) -> bool:
    return horizon is Phase.COMMERCIAL and phase < Phase.COMMERCIAL


@st.composite
def pathways(draw: st.DrawFn, phase: Phase, horizon: Phase) -> tuple[Phase, ...]:
    """A valid pathway from ``phase`` to ``horizon``: any of the phases between kept.

    Regulatory review is kept when the pathway reaches commercial from an earlier phase.
    """
    between = phases_between(phase, horizon)[1:-1]
    required = _review_needed(phase, horizon)
    kept = draw(st.lists(st.booleans(), min_size=len(between), max_size=len(between)))
    middle = [
        step
        for step, keep in zip(between, kept, strict=True)
        if keep or (required and step is Phase.REGULATORY_REVIEW)
    ]
    return tuple(dict.fromkeys((phase, *middle, horizon)))


@st.composite
def profiles(draw: st.DrawFn) -> SponsorProfile:
    """Any valid sponsor profile, with or without a scope and a pathway that skips phases."""
    phase = draw(phases)
    horizon = draw(st.sampled_from([p for p in Phase if p >= phase]))
    return SponsorProfile(
        phase=phase,
        in_house=draw(service_sets),
        services=draw(st.none() | service_sets),
        scope=draw(st.none() | service_sets),
        horizon=horizon,
        pathway=draw(st.none() | pathways(phase, horizon)),
        prefers_single_partner=draw(st.none() | st.booleans()),
        therapeutic_area=draw(st.none() | st.sampled_from(list(TherapeuticArea))),
        modalities=draw(st.frozensets(st.sampled_from(list(Modality)), max_size=2)),
        dosage_forms=draw(st.frozensets(st.sampled_from(list(DosageForm)), max_size=2)),
        requires=draw(st.frozensets(st.sampled_from(list(Capability)), max_size=2)),
        target_markets=draw(markets),
        name=draw(st.none() | names),
    )


TODAY = datetime.datetime.now(tz=datetime.UTC).date()
dates = st.dates(min_value=datetime.date(1990, 1, 1), max_value=TODAY)
sites = st.sampled_from(["3001234567", "3009876543", "DE-0042"])
frameworks = st.sampled_from(list(Framework))


@st.composite
def inspections(draw: st.DrawFn) -> Inspection:
    """Any valid record: dated or not, of any framework, tied to a site or not."""
    date = draw(st.none() | dates)
    return Inspection(
        regulator=draw(st.sampled_from(list(Regulator))),
        year=draw(years) if date is None else date.year,
        date=date,
        outcome=draw(st.sampled_from(list(InspectionOutcome))),
        framework=draw(st.just(Framework.GMP) | frameworks),
        site=draw(st.none() | sites),
        critical=draw(st.integers(0, 3)),
        major=draw(st.integers(0, 5)),
        other=draw(st.integers(0, 10)),
        source=draw(st.none() | names),
    )


audits = st.builds(
    Audit,
    year=years,
    outcome=st.sampled_from(list(AuditOutcome)),
    framework=st.just(Framework.GMP) | frameworks,
    site=st.none() | sites,
)
submissions = st.builds(
    Submission,
    regulator=st.sampled_from(list(Regulator)),
    year=years,
    outcome=st.sampled_from(list(SubmissionOutcome)),
)


@st.composite
def partners(draw: st.DrawFn, org_type: OrganisationType | None = None) -> Partner:
    """Any valid partner (of ``org_type`` when given)."""
    kind = org_type if org_type is not None else draw(org_types)
    offered = sorted(services_of(kind))
    return Partner(
        name=draw(names),
        organisation_type=kind,
        services=draw(st.frozensets(st.sampled_from(offered)) | st.just(frozenset(offered))),
        phases=draw(st.frozensets(phases)),
        therapeutic_areas=draw(st.frozensets(st.sampled_from(list(TherapeuticArea)))),
        modalities=draw(st.frozensets(st.sampled_from(list(Modality)))),
        dosage_forms=draw(st.frozensets(st.sampled_from(list(DosageForm)))),
        capabilities=draw(st.frozensets(st.sampled_from(list(Capability)))),
        markets=draw(markets),
        fei_numbers=draw(st.frozensets(st.sampled_from(["3001234567", "3009876543", "0012345"]))),
        inspections=tuple(draw(st.lists(inspections(), max_size=4))),
        submissions=tuple(draw(st.lists(submissions, max_size=4))),
        audits=tuple(draw(st.lists(audits, max_size=2))),
        gmp_certified=draw(st.booleans()),
        glp_compliant=draw(st.booleans()),
        communication=draw(
            st.none() | st.floats(min_value=0, max_value=5, allow_nan=False, allow_subnormal=False)
        ),
    )


reasons = st.builds(
    Reason,
    criterion=st.none() | criteria,
    text=names,
    source=names,
)


@st.composite
def recommendations(draw: st.DrawFn) -> Recommendation:
    """Any well-formed recommendation (not necessarily one ``recommend`` would give)."""
    engage = draw(st.frozensets(org_types, max_size=2))
    assignments = (
        {service: draw(st.sampled_from(sorted(engage))) for service in draw(service_sets)}
        if engage
        else {}
    )
    return Recommendation(
        engage=engage,
        assignments=assignments,
        reasons=tuple(draw(st.lists(reasons, max_size=3))),
        alternative=draw(st.none() | st.frozensets(org_types, min_size=1)),
    )


# Text that a CSV item must carry whole: its separators and escape, CSV's own marks, and
# whitespace (at the ends too); any other character as well.
awkward_texts = st.text(
    alphabet=st.characters(codec="utf-8") | st.sampled_from(list(':;%,"- \t\r\n')),
    min_size=1,
    max_size=40,
)
awkward_sites = awkward_texts.map(str.strip).filter(bool)


@st.composite
def awkward_inspections(draw: st.DrawFn) -> Inspection:
    """Any valid record, its site and source any text a user may give."""
    return attrs.evolve(
        draw(inspections()),
        site=draw(st.none() | awkward_sites),
        source=draw(st.none() | awkward_texts),
    )


@st.composite
def awkward_audits(draw: st.DrawFn) -> Audit:
    """Any valid audit, its site any text a user may give."""
    return attrs.evolve(draw(audits), site=draw(st.none() | awkward_sites))


@st.composite
def awkward_partners(draw: st.DrawFn) -> Partner:
    """Any valid partner whose records hold awkward text."""
    return attrs.evolve(
        draw(partners()),
        inspections=tuple(draw(st.lists(awkward_inspections(), max_size=3))),
        audits=tuple(draw(st.lists(awkward_audits(), max_size=2))),
    )


st.register_type_strategy(SponsorProfile, profiles())
st.register_type_strategy(Partner, partners())
st.register_type_strategy(Inspection, inspections())
st.register_type_strategy(Audit, audits)
st.register_type_strategy(Submission, submissions)
st.register_type_strategy(Reason, reasons)
st.register_type_strategy(Recommendation, recommendations())


# Planning and governance (issue 5).
strategy_values = st.sampled_from(list(Strategy))
optional_strategies = st.none() | strategy_values
engagements = st.builds(Engagement, organisation_type=org_types, partner=st.none() | names)


@st.composite
def candidates(draw: st.DrawFn) -> Partner:
    """A partner with what a plan looks at first (type, services, phases, GMP) and a rating."""
    kind = draw(org_types)
    offered = sorted(services_of(kind))
    return Partner(
        name=draw(st.sampled_from(["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"])),
        organisation_type=kind,
        services=draw(
            st.just(frozenset(offered)) | st.frozensets(st.sampled_from(offered), min_size=1)
        ),
        phases=draw(st.frozensets(phases, min_size=1) | st.just(frozenset(Phase))),
        gmp_certified=draw(st.booleans()),
        communication=draw(st.none() | st.integers(0, 5)),
    )


# Candidate partners for a plan: distinct names, as plan() requires.
partner_lists = st.lists(candidates(), max_size=6, unique_by=lambda partner: partner.name)
optional_partner_lists = st.none() | partner_lists


# Who does some work in a plan: an engaged organisation, or the sponsor for its own work.
organisations = engagements | st.just(po.Party.SPONSOR)


@st.composite
def handoffs(draw: st.DrawFn) -> Handoff:
    """Any well-formed handoff between two different organisations, the sponsor among them."""
    source = draw(organisations)
    target = draw(organisations.filter(lambda organisation: organisation != source))
    return Handoff(
        phase=draw(phases),
        kind=draw(st.sampled_from(list(HandoffKind))),
        source=source,
        target=target,
        area=draw(st.sampled_from(list(ServiceCategory))),
        reason=draw(reasons),
    )


@st.composite
def plan_steps(draw: st.DrawFn) -> PlanStep:
    """Any well-formed step: each service to an organisation whose type provides it.

    Some of the services not assigned may be the sponsor's own work (``in_house``).
    """
    assignments = {}
    for service in draw(service_sets):
        kind = draw(
            st.sampled_from(sorted(t for t in OrganisationType if service in services_of(t)))
        )
        assignments[service] = Engagement(organisation_type=kind, partner=draw(st.none() | names))
    others = sorted(frozenset(Service) - frozenset(assignments))
    return PlanStep(
        phase=draw(phases),
        assignments=assignments,
        reasons=tuple(draw(st.lists(reasons, max_size=2))),
        in_house=draw(st.frozensets(st.sampled_from(others)) if others else st.just(frozenset())),
    )


@st.composite
def sourcing_plans(draw: st.DrawFn) -> SourcingPlan:
    """A plan as :func:`plan` makes it, with or without candidate partners."""
    return plan(
        draw(profiles()), strategy=draw(optional_strategies), partners=draw(optional_partner_lists)
    )


@st.composite
def strategy_comparisons(draw: st.DrawFn) -> StrategyComparison:
    """A comparison as :func:`compare_strategies` makes it: the three plans, one preferred."""
    return compare_strategies(draw(profiles()), partners=draw(optional_partner_lists))


# The library's own agreements, as agreements_for gives them.
agreements = st.sampled_from(list(agreements_for(OrganisationType.CDMO)))


@st.composite
def built_agreements(draw: st.DrawFn) -> Agreement:
    """Any valid agreement, applying in any phases and markets (``None``: every market)."""
    return Agreement(
        name=draw(names),
        summary=draw(names),
        contents=tuple(draw(st.lists(names, min_size=1, max_size=3))),
        signed_by=draw(st.frozensets(st.sampled_from(list(po.Party)))),
        services=draw(service_sets),
        sources=tuple(draw(st.lists(names, min_size=1, max_size=2))),
        phases=draw(st.frozensets(phases, min_size=1)),
        markets=draw(st.none() | st.frozensets(st.sampled_from(list(Market)), min_size=1)),
    )


responsibilities = st.sampled_from(list(sponsor_responsibilities()))

st.register_type_strategy(Strategy, strategy_values)
st.register_type_strategy(Engagement, engagements)
st.register_type_strategy(Handoff, handoffs())
st.register_type_strategy(PlanStep, plan_steps())
st.register_type_strategy(SourcingPlan, sourcing_plans())
st.register_type_strategy(StrategyComparison, strategy_comparisons())
st.register_type_strategy(Agreement, agreements | built_agreements())
st.register_type_strategy(Responsibility, responsibilities)


# --- Partner assessment: weights and candidate lists ---------------------------------

weight_numbers = st.one_of(
    st.just(0),
    st.integers(min_value=1, max_value=100),
    st.floats(min_value=0.01, max_value=100, allow_nan=False, allow_subnormal=False),
)


@st.composite
def weights(draw: st.DrawFn) -> Weights:
    """Any valid weights: some criteria left out or zero, at least one positive."""
    chosen = draw(st.dictionaries(criteria, weight_numbers, min_size=1))
    if not any(chosen.values()):
        chosen[draw(criteria)] = draw(st.integers(min_value=1, max_value=10))
    return Weights(values=chosen)


candidate_lists = st.lists(partners(), max_size=8)


@st.composite
def rank_ranges(draw: st.DrawFn) -> RankRange:
    """Any well-formed rank range (best <= rank <= worst)."""
    best, rank, worst = sorted(draw(st.lists(st.integers(1, 50), min_size=3, max_size=3)))
    return RankRange(partner=draw(partners()), rank=rank, best=best, worst=worst)


st.register_type_strategy(Weights, weights())
st.register_type_strategy(RankRange, rank_ranges())


@st.composite
def bases(draw: st.DrawFn) -> Basis:
    """Any basis: a profile, the services ranked for (default or drawn), a year or none."""
    profile = draw(profiles())
    services = draw(st.none() | service_sets)
    as_of = draw(st.none() | years)
    if services is None:
        return Basis(profile=profile, as_of=as_of)
    return Basis(profile=profile, services=services, as_of=as_of)


@st.composite
def shortlists(draw: st.DrawFn) -> Shortlist:
    """Shortlists as rank() makes them, from drawn profiles, candidates and weights."""
    return rank(
        draw(profiles()),
        draw(candidate_lists),
        weights=draw(weights()),
        services=draw(st.none() | service_sets),
    )


@st.composite
def assessments(draw: st.DrawFn) -> Assessment:
    """An assessment as rank() makes it (for no service, of a partner serving the phase)."""
    profile = draw(profiles())
    partner = draw(partners())
    partner = attrs.evolve(partner, phases=partner.phases | {profile.phase})
    shortlist = rank(profile, [partner], weights=draw(weights()), services=())
    return shortlist.ranked[0]


exclusions = st.builds(
    Exclusion, partner=partners(), reasons=st.lists(reasons, min_size=1, max_size=2).map(tuple)
)
leader_margins = st.builds(
    LeaderMargin,
    criterion=criteria,
    change=st.floats(min_value=-0.99, max_value=0.99, allow_nan=False),
    challenger=partners(),
)


@st.composite
def sensitivities(draw: st.DrawFn) -> Sensitivity:
    """Sensitivity results as sensitivity() makes them, on small candidate lists."""
    return sensitivity(
        draw(profiles()),
        draw(st.lists(partners(), max_size=4)),
        weights=draw(weights()),
        spread=draw(st.floats(min_value=0, max_value=0.5, allow_nan=False)),
        samples=draw(st.none() | st.integers(0, 5)),
    )


st.register_type_strategy(Basis, bases())
st.register_type_strategy(Shortlist, shortlists())
st.register_type_strategy(Assessment, assessments())
st.register_type_strategy(Exclusion, exclusions)
st.register_type_strategy(LeaderMargin, leader_margins)
st.register_type_strategy(Sensitivity, sensitivities())


# Reference data: any text, any enum values (they have no validators to respect).
texts = st.text(max_size=40)
service_infos = st.builds(
    po.ServiceInfo,
    service=services,
    category=st.sampled_from(list(po.ServiceCategory)),
    provider=org_types,
    phases=st.frozensets(phases),
    frameworks=st.lists(st.tuples(phases, frameworks), min_size=1, max_size=3).map(
        lambda steps: tuple(sorted(steps))
    ),
    deliverable=texts,
)
type_descriptions = st.builds(
    po.TypeDescription,
    organisation_type=org_types,
    name=texts,
    primary_role=texts,
    focus_area=texts,
    expertise=texts,
    engagement_stage=texts,
    stages=st.frozensets(st.sampled_from(list(po.Stage))),
    end_deliverable=texts,
    when_to_choose=texts,
    source=texts,
)
st.register_type_strategy(po.ServiceInfo, service_infos)
st.register_type_strategy(po.TypeDescription, type_descriptions)


# --- Shortlists with warnings, for the displays ----------------------------------------


@st.composite
def capable_partners(draw: st.DrawFn) -> Partner:
    """A CDMO offering everything a profile can need, with drawn records, audits and rating.

    It offers every service in every phase, lists every modality, dosage form and
    capability and states GMP and GLP compliance, so screening turns on its records
    alone: most are ranked, often with warnings (GMP evidence only stated, records of
    regulators outside the target markets, audit conditions, one blocked site of two).
    """
    kind = OrganisationType.CDMO
    return Partner(
        name=draw(names),
        organisation_type=kind,
        services=services_of(kind),
        phases=frozenset(Phase),
        modalities=frozenset(Modality),
        dosage_forms=frozenset(DosageForm),
        capabilities=frozenset(Capability),
        markets=draw(markets),
        inspections=tuple(draw(st.lists(inspections(), max_size=4))),
        audits=tuple(draw(st.lists(audits, max_size=2))),
        gmp_certified=True,
        glp_compliant=True,
        communication=draw(st.none() | st.integers(0, 5)),
    )


@st.composite
def warned_shortlists(draw: st.DrawFn) -> Shortlist:
    """Shortlists as rank() makes them from :func:`capable_partners`.

    Mostly ranked partners, many with warnings, some led by a partner resting mostly on
    assumptions (so with notes). The candidates' names are distinct, as in a sponsor's
    list (:func:`shortlists` draws repeated names too).
    """
    return rank(
        draw(profiles()),
        draw(st.lists(capable_partners(), max_size=5, unique_by=lambda partner: partner.name)),
        weights=draw(weights()),
        services=draw(st.none() | service_sets),
    )


# --- Recommendations that need both kinds of work (DESIGN.md §4) ---------------------


@st.composite
def profiles_needing_both(draw: st.DrawFn) -> SponsorProfile:
    """A valid profile whose needed services hold both CRO and CMO work.

    Drawn from :func:`profiles`, then made to need at least one CRO and one CMO service:
    from the phase's typical services when the profile names none (and the phase has
    both), else added to its explicit services; neither is left in house.
    """
    profile = draw(profiles())
    cro, cmo = services_of(OrganisationType.CRO), services_of(OrganisationType.CMO)
    typical = po.typical_services(profile.phase)
    named = profile.services is not None or not (typical & cro and typical & cmo)
    wanted = draw(service_sets) if named else typical
    research = draw(st.sampled_from(sorted((wanted & cro) or cro)))
    making = draw(st.sampled_from(sorted((wanted & cmo) or cmo)))
    return attrs.evolve(
        profile,
        services=wanted | {research, making} if named else None,
        in_house=profile.in_house - {research, making},
    )


# --- Public records and matching them to partners (DESIGN.md §13) ---------------------

# Firms' names as regulators and sponsors write them: a few firms, several spellings of
# each (legal forms, case, punctuation), and any other name.
FIRMS = (
    "Acme Pharma",
    "ACME PHARMA, INC.",
    "Acme Pharma Ltd",
    "The Acme Pharma Company",
    "Acme Pharmaceuticals",
    "Glenrock Sterile Manufacturing",
    "Glenrock Sterile Manufacturing GmbH",
    "Glenrok Sterile Manufacturing",
    "Société Générale de Chimie S.A.",
    "Societe Generale de Chimie",
)
firm_names = st.sampled_from(FIRMS) | names
# FEI numbers shared with partners(), one written with its leading zeros, and others.
record_fei_numbers = st.sampled_from(["3001234567", "3009876543", "12345", "0012345", "3000000001"])
countries = st.sampled_from(
    ["United States", "Germany", "India", "United Kingdom", "Singapore", "Atlantis"]
)


# Documentation examples: doctest sessions as the site shows them (docs/copy_button.py).

_identifiers = st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True).filter(
    lambda name: not keyword.iskeyword(name)
)
_literals = st.one_of(st.integers(), st.text(max_size=10), st.none())


@st.composite
def python_statements(draw: st.DrawFn) -> str:
    """An assignment as a doctest holds it, on one line or several, ending in a newline."""
    name = draw(_identifiers)
    values = draw(st.lists(_literals, min_size=1, max_size=3))
    if draw(st.booleans()):
        return f"{name} = {values[0]!r}\n"
    return f"{name} = [\n" + "".join(f"    {value!r},\n" for value in values) + "]\n"


# What Python prints: not blank (a blank line ends it) and never a prompt.
_output_lines = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zl", "Zp"]),
    min_size=1,
    max_size=30,
).filter(lambda line: line.strip() != "" and not line.lstrip().startswith(">>>"))


@st.composite
def pycon_sessions(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A ``pycon`` block's text, and the source of each of its examples."""
    sources = draw(st.lists(python_statements(), min_size=1, max_size=4))
    shown = []
    for source in sources:
        first, *rest = source.splitlines()
        shown += [f">>> {first}", *(f"... {line}" for line in rest)]
        shown += draw(st.lists(_output_lines, max_size=3))
    return "\n".join(shown) + "\n", sources


@st.composite
def public_records(draw: st.DrawFn) -> PublicRecord:
    """Any valid public record: with an FEI number or none, in a country or none.

    The inspection of a record with an FEI number is tied to that site, as FDA's are.
    """
    fei = draw(st.none() | record_fei_numbers)
    inspection = draw(inspections())
    if fei is not None:
        inspection = attrs.evolve(inspection, site=fei)
    return PublicRecord(
        firm=draw(firm_names),
        fei_number=fei,
        country=draw(st.none() | countries),
        inspection=inspection,
        source=draw(names),
    )


# --- FDA's exports, row by row (DESIGN.md §13; tests/test_records_fda.py) ---------------


@attrs.frozen(kw_only=True)
class InspectionRow:
    """One row of a Data Dashboard inspections export, and how its cells are written.

    Attributes:
        inspection_id: The inspection it belongs to.
        fei: The site's FEI number as the export gives it (digits, leading zeros kept).
        firm: The firm's name.
        country: The site's country or area, or ``None`` for an empty cell.
        date: The inspection's end date.
        outcome: The row's classification.
        area: The row's project area.
        product: The row's product type, in FDA's words.
        us_date: Whether the date is written ``MM/DD/YYYY`` (else ``YYYY-MM-DD``).
        long: Whether the classification is written long (``No Action Indicated (NAI)``).
        fei_as_float: Whether the FEI number is written as a spreadsheet writes a
            number (``12345.0``).
    """

    inspection_id: str
    fei: str
    firm: str
    country: str | None
    date: datetime.date
    outcome: InspectionOutcome
    area: str
    product: str
    us_date: bool = True
    long: bool = True
    fei_as_float: bool = False

    def cells(self) -> dict[str, str]:
        """The row's cells, by column."""
        code, words = _CLASSIFIED[self.outcome]
        return {
            "FEI Number": f"{self.fei}.0" if self.fei_as_float else self.fei,
            "Legal Name": self.firm,
            "City": "Springfield",
            "Country/Area": self.country or "",
            "Fiscal Year": str(self.date.year + (self.date.month >= 10)),
            "Inspection ID": self.inspection_id,
            "Inspection End Date": (
                f"{self.date:%m/%d/%Y}" if self.us_date else self.date.isoformat()
            ),
            "Classification": words if self.long else code,
            "Project Area": self.area,
            "Product Type": self.product,
        }


_CLASSIFIED = {  # as FDA writes them: code and long form
    InspectionOutcome.NO_ACTION_INDICATED: ("NAI", "No Action Indicated (NAI)"),
    InspectionOutcome.VOLUNTARY_ACTION_INDICATED: ("VAI", "Voluntary Action Indicated (VAI)"),
    InspectionOutcome.OFFICIAL_ACTION_INDICATED: ("OAI", "Official Action Indicated (OAI)"),
}
FDA_COLUMNS = tuple(
    InspectionRow(
        inspection_id="1",
        fei="1",
        firm="A",
        country=None,
        date=TODAY,
        outcome=InspectionOutcome.NO_ACTION_INDICATED,
        area="",
        product="",
    ).cells()
)
classifications = st.sampled_from(
    [
        InspectionOutcome.NO_ACTION_INDICATED,
        InspectionOutcome.VOLUNTARY_ACTION_INDICATED,
        InspectionOutcome.OFFICIAL_ACTION_INDICATED,
    ]
)
project_areas = st.sampled_from(
    [
        "Drug Quality Assurance",
        "Bioresearch Monitoring",
        "Postmarketing Surveillance and Epidemiology: Human Drugs",
        "Generic Drug Evaluation",
        "Unapproved and Misbranded Drugs",
        "Compliance: Devices",
    ]
)
fda_product_types = st.sampled_from(
    ["Drugs", "Biologics", "Devices", "Food/Cosmetics", "Veterinary", "Tobacco"]
)
fei_texts = st.from_regex(r"[0-9]{1,13}", fullmatch=True)
export_firms = names.map(str.strip).filter(bool)
export_dates = st.dates(min_value=datetime.date(1990, 1, 1), max_value=TODAY)


@st.composite
def inspection_rows(draw: st.DrawFn, *, max_inspections: int = 6) -> list[InspectionRow]:
    """The rows of several inspections, in file order: each inspection one site, firm and
    end date, with one to four project areas of its own classifications and product types.
    """
    rows: list[InspectionRow] = []
    for number in range(draw(st.integers(0, max_inspections))):
        fei = draw(fei_texts)
        firm, country, date = draw(export_firms), draw(st.none() | names), draw(export_dates)
        rows.extend(
            InspectionRow(
                inspection_id=str(1_000_000 + number),
                fei=fei,
                firm=firm,
                country=None if country is None else country.strip() or None,
                date=date,
                outcome=draw(classifications),
                area=draw(project_areas),
                product=draw(fda_product_types),
                us_date=draw(st.booleans()),
                long=draw(st.booleans()),
                fei_as_float=draw(st.booleans()) and not fei.startswith("0"),
            )
            for _ in range(draw(st.integers(1, 4)))
        )
    return rows


@attrs.frozen(kw_only=True)
class LetterRow:
    """One row of FDA's warning-letter listing.

    Attributes:
        firm: The company the letter went to.
        office: The issuing office.
        subject: The letter's subject.
        issued: The letter's issue date.
        closed: The close-out letter's date, or ``None``.
    """

    firm: str
    office: str
    subject: str
    issued: datetime.date
    closed: datetime.date | None = None

    def cells(self) -> dict[str, str]:
        """The row's cells, by column (dates written as FDA writes them)."""
        return {
            "Posted Date": f"{self.issued:%m/%d/%Y}",
            "Letter Issue Date": f"{self.issued:%m/%d/%Y}",
            "Company Name": self.firm,
            "Issuing Office": self.office,
            "Subject": self.subject,
            "Response Letter": "",
            "Closeout Letter": "" if self.closed is None else f"{self.closed:%m/%d/%Y}",
        }


# Offices and subjects as FDA's listing writes them, with what each means for a letter:
# kept or not (a drug's or a biologic's), and the framework its subject judges.
LETTER_OFFICES = {
    "Center for Drug Evaluation and Research | CDER": True,
    "Center for Biologics Evaluation and Research | CBER": True,
    "Division of Pharmaceutical Quality Operations II": True,
    "Office of Bioresearch Monitoring Operations": True,
    "Center for Devices and Radiological Health": False,
    "CDRH": False,
    "Center for Tobacco Products": False,
    "CTP": False,
    "Center for Food Safety and Applied Nutrition (CFSAN)": False,
    "Human Foods Program": False,
    "Center for Veterinary Medicine": False,
    "CVM": False,
}
LETTER_SUBJECTS = {
    "CGMP/Finished Pharmaceuticals/Adulterated": (True, Framework.GMP),
    "CGMP/Active Pharmaceutical Ingredient (API)/Adulterated": (True, Framework.GMP),
    "Current Good Manufacturing Practice (CGMP) Violations": (True, Framework.GMP),
    "Clinical Investigator": (True, Framework.GCP),
    "Clinical Investigator (Sponsor)": (True, Framework.GCP),
    "Institutional Review Board (IRB)": (True, Framework.GCP),
    "Bioresearch Monitoring Program": (True, Framework.GCP),
    "Good Laboratory Practice (GLP)/Nonclinical Laboratory": (True, Framework.GLP),
    "Unapproved New Drugs/Misbranded": (True, Framework.NONE),
    "Drug Product/Adulterated under the Federal Food, Drug, and Cosmetic Act": (
        True,
        Framework.NONE,
    ),
    "CGMP/QSR/Medical Devices/Adulterated": (False, Framework.GMP),
    "Medical Devices/Adulterated/Misbranded": (False, Framework.NONE),
    "Family Smoking Prevention and Tobacco Control Act/Adulterated/Misbranded": (
        False,
        Framework.NONE,
    ),
    "Seafood HACCP/CGMP for Foods/Adulterated/Insanitary Conditions": (False, Framework.GMP),
    "CGMP/Dietary Supplement/Adulterated/Misbranded": (False, Framework.GMP),
    "Cosmetics/Adulterated": (False, Framework.NONE),
    "New Animal Drug/Unapproved/Adulterated": (False, Framework.NONE),
}


@st.composite
def letter_rows(draw: st.DrawFn) -> list[LetterRow]:
    """Rows of a warning-letter listing: letters of every office and subject, some closed."""
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        issued = draw(export_dates)
        closed = draw(
            st.none() | st.dates(min_value=issued, max_value=TODAY) if issued < TODAY else st.none()
        )
        rows.append(
            LetterRow(
                firm=draw(export_firms),
                office=draw(st.sampled_from(sorted(LETTER_OFFICES))),
                subject=draw(st.sampled_from(sorted(LETTER_SUBJECTS))),
                issued=issued,
                closed=closed,
            )
        )
    return rows


# --- Matching records to partners ------------------------------------------------------


@st.composite
def named_partners(draw: st.DrawFn) -> Partner:
    """Any valid partner, often named as one of :data:`FIRMS` is written."""
    return attrs.evolve(draw(partners()), name=draw(firm_names))


# Candidates for matching: distinct names, as match_records requires.
named_partner_lists = st.lists(named_partners(), max_size=5, unique_by=lambda p: p.name)
record_lists = st.lists(public_records(), max_size=8)


@st.composite
def record_matches(draw: st.DrawFn) -> RecordMatch:
    """Matches as match_records makes them, of drawn partners and records."""
    return match_records(draw(named_partner_lists), draw(record_lists))


ambiguous_records = st.builds(
    AmbiguousRecord,
    record=public_records(),
    candidates=st.lists(names, min_size=2, max_size=3, unique=True).map(tuple),
    reason=names,
)
record_suggestions = st.builds(
    RecordSuggestion,
    record=public_records(),
    partner=names,
    similarity=st.floats(min_value=0.6, max_value=1.0),
    reason=names,
)

st.register_type_strategy(PublicRecord, public_records())
st.register_type_strategy(RecordMatch, record_matches())
st.register_type_strategy(AmbiguousRecord, ambiguous_records)
st.register_type_strategy(RecordSuggestion, record_suggestions)
