"""Hypothesis strategies for every value object of the library, in one place.

Each strategy is registered with :func:`hypothesis.strategies.register_type_strategy`, so
``st.from_type(Partner)`` works too. Strategies are written out by hand: ``st.builds``
cannot see the validators' ranges and cross-field rules.
"""

from __future__ import annotations

import datetime

from hypothesis import strategies as st

import pharma_outsourcing as po
from pharma_outsourcing import (
    Criterion,
    DosageForm,
    Inspection,
    InspectionOutcome,
    Market,
    Modality,
    OrganisationType,
    Partner,
    Phase,
    Reason,
    Recommendation,
    Regulator,
    Service,
    SponsorProfile,
    Submission,
    SubmissionOutcome,
    TherapeuticArea,
    services_of,
)

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


@st.composite
def profiles(draw: st.DrawFn) -> SponsorProfile:
    """Any valid sponsor profile."""
    phase = draw(phases)
    horizon = draw(st.sampled_from([p for p in Phase if p >= phase]))
    return SponsorProfile(
        phase=phase,
        in_house=draw(service_sets),
        services=draw(st.none() | service_sets),
        horizon=horizon,
        prefers_single_partner=draw(st.none() | st.booleans()),
        therapeutic_area=draw(st.none() | st.sampled_from(list(TherapeuticArea))),
        modality=draw(st.none() | st.sampled_from(list(Modality))),
        dosage_form=draw(st.none() | st.sampled_from(list(DosageForm))),
        target_markets=draw(markets),
        name=draw(st.none() | names),
    )


inspections = st.builds(
    Inspection,
    regulator=st.sampled_from(list(Regulator)),
    year=years,
    outcome=st.sampled_from(list(InspectionOutcome)),
    critical=st.integers(0, 3),
    major=st.integers(0, 5),
    other=st.integers(0, 10),
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
        markets=draw(markets),
        inspections=tuple(draw(st.lists(inspections, max_size=4))),
        submissions=tuple(draw(st.lists(submissions, max_size=4))),
        gmp_certified=draw(st.booleans()),
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


st.register_type_strategy(SponsorProfile, profiles())
st.register_type_strategy(Partner, partners())
st.register_type_strategy(Inspection, inspections)
st.register_type_strategy(Submission, submissions)
st.register_type_strategy(Reason, reasons)
st.register_type_strategy(Recommendation, recommendations())


# Reference data: any text, any enum values (they have no validators to respect).
texts = st.text(max_size=40)
service_infos = st.builds(
    po.ServiceInfo,
    service=services,
    category=st.sampled_from(list(po.ServiceCategory)),
    provider=org_types,
    phases=st.frozensets(phases),
    framework=st.sampled_from(list(po.Framework)),
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
