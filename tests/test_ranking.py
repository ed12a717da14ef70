"""rank(), Weights, Assessment, Exclusion and Shortlist: the invariants of DESIGN.md §6."""

from __future__ import annotations

import datetime
import gc
import itertools
import math
import pickle
import random

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from pharma_outsourcing import (
    Assessment,
    Criterion,
    Evidence,
    Exclusion,
    Framework,
    Inspection,
    InspectionOutcome,
    InvalidInputError,
    Market,
    Modality,
    OrganisationType,
    Partner,
    PharmaOutsourcingError,
    Phase,
    Regulator,
    Service,
    Shortlist,
    SponsorProfile,
    Submission,
    SubmissionOutcome,
    TherapeuticArea,
    Weights,
    converter,
    rank,
    recommend,
)
from pharma_outsourcing._screening import Requirements
from strategies import (
    assessments,
    candidate_lists,
    criteria,
    exclusions,
    partners,
    profiles,
    service_sets,
    shortlists,
    weights,
)

CRO, CMO, CDMO = OrganisationType.CRO, OrganisationType.CMO, OrganisationType.CDMO
AS_OF = 2024
CRITERIA = list(Criterion)


def names(shortlist: Shortlist) -> list[str]:
    return [a.partner.name for a in shortlist.ranked]


def score_of(
    profile: SponsorProfile,
    partner: Partner,
    chosen: Weights,
    services: frozenset[Service] | None,
) -> float | None:
    """The partner's score ranked alone with a fixed basis year, or None if excluded."""
    shortlist = rank(profile, [partner], weights=chosen, services=services, as_of=AS_OF)
    return shortlist.ranked[0].score if shortlist.ranked else None


# --- Weights ----------------------------------------------------------------------------


@given(weights())
def test_weights_are_kept_as_given_and_normalise_to_one(chosen: Weights) -> None:
    assert Weights(values=dict(chosen.values)) == chosen
    normalised = chosen.normalised()
    assert list(normalised) == CRITERIA
    assert math.fsum(normalised.values()) == pytest.approx(1)
    assert all(0 <= value <= 1 for value in normalised.values())
    for criterion in Criterion:
        assert chosen.weight(criterion) == chosen.values.get(criterion, 0)
        assert (normalised[criterion] > 0) == (chosen.weight(criterion) > 0)


def test_default_weights_are_equal() -> None:
    assert Weights().values == dict.fromkeys(Criterion, 1.0)
    assert set(Weights().vector()) == {1 / 6}


def test_weights_accept_criterion_names_and_leave_others_out() -> None:
    chosen = Weights(values={"track record": 2, "geographic-footprint": 1})
    assert chosen.values == {
        Criterion.REGULATORY_TRACK_RECORD: 2,
        Criterion.GEOGRAPHIC_FOOTPRINT: 1,
    }
    assert chosen.normalised()[Criterion.REGULATORY_TRACK_RECORD] == pytest.approx(2 / 3)
    assert chosen.normalised()[Criterion.CULTURAL_FIT] == 0
    assert hash(chosen) == hash(Weights(values=dict(chosen.values)))


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({Criterion.SCALABILITY: -1}, "weights[scalability]"),
        ({Criterion.SCALABILITY: math.nan}, "weights[scalability]"),
        ({Criterion.SCALABILITY: math.inf}, "weights[scalability]"),
        ({Criterion.SCALABILITY: True}, "weights[scalability]"),
        ({Criterion.SCALABILITY: "1"}, "weights[scalability]"),
        ({Criterion.SCALABILITY: 0, Criterion.CULTURAL_FIT: 0}, "weights"),
        ({}, "weights"),
        ({Criterion.SCALABILITY: 1e308, Criterion.CULTURAL_FIT: 1e308}, "weights"),
        ({"price": 1}, "weights"),
        ({3: 1}, "weights"),
        ({"scale": 1, "scalability": 2}, "weights"),
        ([1, 2], "weights"),
    ],
)
def test_weights_refuse_bad_input(values: object, field: str) -> None:
    with pytest.raises(InvalidInputError) as error:
        Weights(values=values)  # type: ignore[arg-type]
    assert error.value.field == field


def test_all_zero_weights_suggest_equal_ones() -> None:
    with pytest.raises(InvalidInputError, match=r"weighs nothing.*Weights\(\)"):
        Weights(values={Criterion.SCALABILITY: 0})


# --- rank: properties -------------------------------------------------------------------


@given(profiles(), candidate_lists, weights(), st.none() | service_sets)
def test_scores_are_bounded_and_explained(
    profile: SponsorProfile,
    candidates: list[Partner],
    chosen: Weights,
    services: frozenset[Service] | None,
) -> None:
    shortlist = rank(profile, candidates, weights=chosen, services=services)
    for assessment in shortlist.ranked:
        assert 0 <= assessment.score <= 1
        assert assessment.score == round(assessment.score, 12)
        assert list(assessment.scores) == CRITERIA
        assert all(0 <= s <= 1 for s in assessment.scores.values())
        assert math.fsum(assessment.contributions.values()) == pytest.approx(
            assessment.score, abs=1e-11
        )
        for criterion, reason in assessment.reasons.items():
            assert reason.criterion is criterion
            assert reason.text
    scores = [a.score for a in shortlist.ranked]
    assert scores == sorted(scores, reverse=True)


@given(profiles(), candidate_lists, st.randoms(use_true_random=False), weights())
def test_ranking_does_not_depend_on_input_order(
    profile: SponsorProfile, candidates: list[Partner], rng: random.Random, chosen: Weights
) -> None:
    shuffled = list(candidates)
    rng.shuffle(shuffled)
    assert rank(profile, shuffled, weights=chosen) == rank(profile, candidates, weights=chosen)


@given(
    profiles(),
    candidate_lists,
    weights(),
    st.floats(min_value=1e-3, max_value=1e3, allow_nan=False, allow_subnormal=False),
)
def test_scaling_every_weight_changes_nothing(
    profile: SponsorProfile, candidates: list[Partner], chosen: Weights, factor: float
) -> None:
    scaled = {c: w * factor for c, w in chosen.values.items()}
    assume(any(scaled.values()))
    before = rank(profile, candidates, weights=chosen)
    after = rank(profile, candidates, weights=scaled)
    assert [a.partner for a in after.ranked] == [a.partner for a in before.ranked]
    assert [a.score for a in after.ranked] == pytest.approx([a.score for a in before.ranked])
    assert after.excluded == before.excluded


@given(profiles(), candidate_lists, st.none() | service_sets)
def test_excluded_are_exactly_those_failing_screening(
    profile: SponsorProfile, candidates: list[Partner], services: frozenset[Service] | None
) -> None:
    shortlist = rank(profile, candidates, services=services)
    wanted = profile.needed_services if services is None else services
    work = Requirements.of(profile, wanted, profile.phase, shortlist.as_of)
    assert sorted(e.partner.name for e in shortlist.excluded) == sorted(
        p.name for p in candidates if not work.passes(p)
    )
    assert sorted(names(shortlist)) == sorted(p.name for p in candidates if work.passes(p))
    for exclusion in shortlist.excluded:
        assert exclusion.reasons == work.failures(exclusion.partner)
        texts = " ".join(r.text for r in exclusion.reasons)
        for service in wanted - exclusion.partner.services:
            assert service.label in texts


def _improvements(partner: Partner, profile: SponsorProfile) -> list[Partner]:
    """The partner made better on one criterion at a time."""
    better = [
        attrs.evolve(partner, markets=partner.markets | {market})
        for market in sorted(profile.target_markets - partner.markets)
    ]
    better.append(
        attrs.evolve(
            partner,
            inspections=(
                *partner.inspections,
                Inspection(
                    regulator=Regulator.FDA,
                    year=AS_OF,
                    outcome=InspectionOutcome.NO_ACTION_INDICATED,
                ),
            ),
        )
    )
    better.append(
        attrs.evolve(
            partner,
            submissions=(
                *partner.submissions,
                Submission(regulator=Regulator.EMA, year=AS_OF, outcome=SubmissionOutcome.APPROVED),
            ),
        )
    )
    if partner.communication is not None:
        better.append(attrs.evolve(partner, communication=min(5.0, partner.communication + 1)))
    better.append(attrs.evolve(partner, phases=partner.phases | {profile.phase}))
    better.append(attrs.evolve(partner, phases=partner.phases | set(profile.programme)))
    if profile.therapeutic_area is not None:
        better.append(
            attrs.evolve(
                partner, therapeutic_areas=partner.therapeutic_areas | {profile.therapeutic_area}
            )
        )
    return better


@given(profiles(), partners(), weights(), st.none() | service_sets)
def test_improving_a_partner_never_lowers_its_score(
    profile: SponsorProfile,
    partner: Partner,
    chosen: Weights,
    services: frozenset[Service] | None,
) -> None:
    before = score_of(profile, partner, chosen, services)
    for better in _improvements(partner, profile):
        after = score_of(profile, better, chosen, services)
        if before is not None:  # an improvement may also let an excluded partner pass
            assert after is not None
            assert after >= before


@given(profiles(), partners(), weights())
def test_a_clean_inspection_in_the_latest_year_never_lowers_the_score_by_default(
    profile: SponsorProfile, partner: Partner, chosen: Weights
) -> None:
    years = [r.year for r in partner.inspections] + [r.year for r in partner.submissions]
    latest = max(years, default=2020)
    clean = Inspection(
        regulator=Regulator.FDA, year=latest, outcome=InspectionOutcome.NO_ACTION_INDICATED
    )
    partner = attrs.evolve(partner, phases=partner.phases | {profile.phase})
    better = attrs.evolve(partner, inspections=(*partner.inspections, clean))
    before = rank(profile, [partner], weights=chosen, services=frozenset()).ranked[0]
    after = rank(profile, [better], weights=chosen, services=frozenset()).ranked[0]
    assert after.score >= before.score


@given(profiles(), partners(), st.sampled_from(["market", "rating"]), st.data())
def test_a_dominating_partner_ranks_above(
    profile: SponsorProfile, partner: Partner, worse_on: str, names_: st.DataObject
) -> None:
    services = frozenset(partner.services)
    ranked_partner = attrs.evolve(
        partner,
        gmp_certified=True,
        glp_compliant=True,
        phases=partner.phases | {profile.phase},
        modalities=partner.modalities | profile.modalities,
        dosage_forms=partner.dosage_forms | profile.dosage_forms,
        capabilities=partner.capabilities | profile.requires,
        audits=(),
    )
    assume(rank(profile, [ranked_partner], services=services).ranked)  # not blocked
    if worse_on == "market":
        shared = sorted(profile.target_markets & partner.markets)
        assume(shared)
        worse = attrs.evolve(ranked_partner, markets=partner.markets - {shared[0]})
        criterion = Criterion.GEOGRAPHIC_FOOTPRINT
    else:
        assume(partner.communication is not None and partner.communication >= 1)
        worse = attrs.evolve(ranked_partner, communication=partner.communication - 1)  # type: ignore[operator]
        criterion = Criterion.CULTURAL_FIT
    chosen = names_.draw(weights())
    values = dict(chosen.values)
    values[criterion] = max(values.get(criterion, 0), 1)
    better_name, worse_name = names_.draw(
        st.lists(
            st.text(min_size=1, max_size=5).filter(str.strip), min_size=2, max_size=2, unique=True
        )
    )
    shortlist = rank(
        profile,
        [attrs.evolve(worse, name=worse_name), attrs.evolve(ranked_partner, name=better_name)],
        weights=values,
        services=services,
    )
    assert names(shortlist) == [better_name, worse_name]
    assert shortlist.ranked[0].score > shortlist.ranked[1].score


@given(profiles(), candidate_lists)
def test_rank_counts_every_partner_once(profile: SponsorProfile, candidates: list[Partner]) -> None:
    shortlist = rank(profile, candidates)
    assert len(shortlist.ranked) + len(shortlist.excluded) == len(candidates)
    assert hash(shortlist) == hash(rank(profile, list(candidates)))


@given(profiles(), candidate_lists)
def test_ties_are_ordered_by_name(profile: SponsorProfile, candidates: list[Partner]) -> None:
    ranked = rank(profile, candidates).ranked
    for first, second in itertools.pairwise(ranked):
        if first.score == second.score:
            assert first.partner.name <= second.partner.name


# --- rank: examples and degenerate input ---------------------------------------------------


PROFILE = SponsorProfile(
    phase=Phase.PHASE_2,
    services={Service.SITE_MONITORING, Service.DATA_MANAGEMENT},
    target_markets={Market.US, Market.EU},
    therapeutic_area=TherapeuticArea.ONCOLOGY,
)


def cro(name: str, **fields: object) -> Partner:
    return Partner(name=name, organisation_type=CRO, **fields)  # type: ignore[arg-type]


def test_no_partners() -> None:
    assert rank(PROFILE, []) == Shortlist(ranked=(), excluded=(), as_of=None)


def test_one_partner() -> None:
    shortlist = rank(PROFILE, [cro("Solo")])
    assert names(shortlist) == ["Solo"]
    assert shortlist.leader is shortlist.ranked[0]


def test_every_partner_excluded() -> None:
    shortlist = rank(PROFILE, [cro("A"), cro("B")], services={Service.API_PRODUCTION})
    assert shortlist.ranked == ()
    assert shortlist.leader is None
    assert [e.partner.name for e in shortlist.excluded] == ["A", "B"]
    assert shortlist.excluded[0].reasons == shortlist.excluded[1].reasons


def test_identical_partners_tie() -> None:
    twin = cro("Twin", markets={Market.US})
    shortlist = rank(PROFILE, [twin, twin, attrs.evolve(twin)])
    assert len(shortlist.ranked) == 3
    assert len({a.score for a in shortlist.ranked}) == 1
    assert shortlist.ranked[0] == shortlist.ranked[1] == shortlist.ranked[2]


def test_same_name_different_partners_order_does_not_depend_on_input() -> None:
    a, b = cro("Same", communication=3), cro("Same", markets={Market.JAPAN}, communication=3)
    assert rank(PROFILE, [a, b]) == rank(PROFILE, [b, a])


def test_a_single_weighted_criterion_decides_alone() -> None:
    better, worse = cro("Zed", communication=5), cro("Abe", markets={Market.US, Market.EU})
    shortlist = rank(PROFILE, [worse, better], weights={Criterion.CULTURAL_FIT: 1})
    assert names(shortlist) == ["Zed", "Abe"]
    assert shortlist.ranked[0].score == 1.0
    assert shortlist.ranked[1].score == 0.5
    assert shortlist.ranked[1].contributions[Criterion.GEOGRAPHIC_FOOTPRINT] == 0


def test_equal_scores_reached_in_different_ways_tie_and_go_by_name() -> None:
    # With weights 0.1 and 0.2, 0.1 * 0 + 0.2 * 0.7 and 0.1 * 1 + 0.2 * 0.2 are equal in
    # exact arithmetic but differ in the last bit as floats (0.4666...6 and 0.4666...7).
    profile = SponsorProfile(
        phase=Phase.PHASE_2, services={Service.SITE_MONITORING}, target_markets={Market.US}
    )
    chosen = {Criterion.GEOGRAPHIC_FOOTPRINT: 0.1, Criterion.CULTURAL_FIT: 0.2}
    vector = Weights(values=chosen).vector()
    raw = (vector[4] * 0 + vector[5] * 0.7, vector[4] * 1 + vector[5] * 0.2)
    assert raw[0] != raw[1]
    rated = cro("B-rated", communication=3.5)
    present = cro("A-present", markets={Market.US}, communication=1)
    shortlist = rank(profile, [rated, present], weights=chosen)
    assert shortlist.ranked[0].score == shortlist.ranked[1].score
    assert names(shortlist) == ["A-present", "B-rated"]
    reversed_names = rank(
        profile,
        [attrs.evolve(rated, name="A-rated"), attrs.evolve(present, name="B-present")],
        weights=chosen,
    )
    assert names(reversed_names) == ["A-rated", "B-present"]


def test_rank_per_role_after_recommend() -> None:
    profile = SponsorProfile(phase=Phase.PHASE_2, prefers_single_partner=False)
    rec = recommend(profile)
    cmo = Partner(name="Maker", organisation_type=CMO, gmp_certified=True)
    uncertified = Partner(name="Uncertified", organisation_type=CMO)
    assert not profile.modalities  # nothing to show beyond GMP evidence
    # The GMP work at phase 2 is every CMO service typical then but formulation development
    # (DESIGN §3): scale-up and technology transfer are bought from phase 2, under GMP.
    research = rank(profile, [cro("Lab"), cmo], services=rec.services_for(CRO))
    manufacturing = rank(profile, [cro("Lab"), cmo, uncertified], services=rec.services_for(CMO))
    assert names(research) == ["Lab"]
    assert names(manufacturing) == ["Maker"]
    assert [e.partner.name for e in manufacturing.excluded] == ["Lab", "Uncertified"]
    assert [r.text for r in manufacturing.excluded[1].reasons] == [
        (
            "has no GMP evidence: no candidate has a dated record to count back from, so only "
            "a statement (gmp_certified) could show it, and none is made. API production, "
            "clinical-supply manufacturing, packaging and labelling, quality control, "
            "scale-up, technology transfer and supply-chain logistics are GMP work at phase 2: "
            "the contract giver assesses the acceptor's competence before outsourcing, and "
            "your quality unit must approve or reject what the contractor makes"
        )
    ]


def test_recommendation_assignments_can_be_passed_as_services() -> None:
    profile = SponsorProfile(phase=Phase.PRECLINICAL)
    rec = recommend(profile)
    assert rank(profile, [cro("Lab")], services=rec.assignments) == rank(profile, [cro("Lab")])


def test_as_of_defaults_to_the_latest_record() -> None:
    letter = Inspection(
        regulator=Regulator.FDA, year=2015, outcome=InspectionOutcome.WARNING_LETTER
    )
    approved = Submission(regulator=Regulator.FDA, year=2020, outcome=SubmissionOutcome.APPROVED)
    candidates = [cro("A", inspections=[letter]), cro("B", submissions=[approved])]
    assert rank(PROFILE, candidates).as_of == 2020
    assert rank(PROFILE, candidates, as_of=2030).as_of == 2030
    assert rank(PROFILE, candidates, as_of=2030) != rank(PROFILE, candidates)


@given(assessments())
def test_an_assessment_equals_its_copy_with_plain_mappings(assessment: Assessment) -> None:
    plain = Assessment(
        partner=assessment.partner,
        score=assessment.score,
        scores=dict(assessment.scores),
        reasons=dict(assessment.reasons),
        contributions=dict(assessment.contributions),
        evidence=dict(assessment.evidence),
        completeness=assessment.completeness,
        warnings=list(assessment.warnings),
    )
    assert plain == assessment
    assert hash(plain) == hash(assessment)
    assert all(assessment.contributions[c] <= assessment.scores[c] + 1e-15 for c in Criterion)


@given(shortlists())
def test_shortlists_are_hashable_values(shortlist: Shortlist) -> None:
    assert {shortlist, attrs.evolve(shortlist)} == {shortlist}
    ranked = {id(a.partner) for a in shortlist.ranked}
    assert ranked.isdisjoint(id(e.partner) for e in shortlist.excluded)


@given(shortlists())
def test_shortlists_pickle(shortlist: Shortlist) -> None:
    copy = pickle.loads(pickle.dumps(shortlist))
    assert copy == shortlist  # compares every score, reason and contribution


@given(exclusions)
def test_exclusions_keep_their_reasons_in_order(exclusion: Exclusion) -> None:
    again = Exclusion(partner=exclusion.partner, reasons=list(exclusion.reasons))
    assert again == exclusion


def test_assessments_equal_and_hash_like_plain_mappings() -> None:
    assessment = rank(PROFILE, [cro("A", communication=2)]).ranked[0]
    plain = Assessment(
        partner=assessment.partner,
        score=assessment.score,
        scores=dict(assessment.scores),
        reasons=dict(assessment.reasons),
        contributions=dict(assessment.contributions),
        evidence=dict(assessment.evidence),
        completeness=assessment.completeness,
        warnings=list(assessment.warnings),
    )
    assert plain == assessment
    assert hash(plain) == hash(assessment)
    assert repr(assessment.scores).startswith("FrozenMap(")
    assert assessment.scores[Criterion.CULTURAL_FIT] == 0.4
    assert len(assessment.reasons) == 6
    assert "price" not in assessment.scores
    assert assessment.scores != [1, 2]  # type: ignore[comparison-overlap]


def test_exclusion_reasons_are_a_tuple() -> None:
    reasons = rank(PROFILE, [cro("A")], services={Service.API_PRODUCTION}).excluded[0].reasons
    exclusion = Exclusion(partner=cro("A"), reasons=list(reasons))
    assert exclusion.reasons == reasons


def test_rank_keeps_the_collector_as_it_found_it() -> None:
    assert gc.isenabled()
    rank(PROFILE, [cro("A")])
    assert gc.isenabled()
    gc.disable()
    try:
        rank(PROFILE, [cro("A")])
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"profile": "phase-2", "partners": []}, "profile"),
        ({"partners": cro("A")}, "partners"),
        ({"partners": 5}, "partners"),
        ({"partners": [cro("A"), "B"]}, "partners[1]"),
        ({"partners": [], "weights": [1]}, "weights"),
        ({"partners": [], "services": 5}, "services"),
        ({"partners": [], "as_of": "2020"}, "as_of"),
    ],
)
def test_rank_refuses_bad_input(arguments: dict[str, object], field: str) -> None:
    arguments = {"profile": PROFILE, **arguments}
    with pytest.raises(InvalidInputError) as error:
        rank(**arguments)  # type: ignore[arg-type]
    assert error.value.field == field


@given(criteria)
def test_criterion_names_index_the_assessment(criterion: Criterion) -> None:
    assessment = rank(PROFILE, [cro("A")]).ranked[0]
    assert assessment.scores[criterion.value] == assessment.scores[criterion]  # type: ignore[index]


# --- Results are validated when built (issue 11, item 10) ----------------------------------


def _plain(assessment: Assessment, **changes: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "partner": assessment.partner,
        "score": assessment.score,
        "scores": dict(assessment.scores),
        "reasons": dict(assessment.reasons),
        "contributions": dict(assessment.contributions),
        "evidence": dict(assessment.evidence),
        "completeness": assessment.completeness,
        "warnings": assessment.warnings,
    }
    fields.update(changes)
    return fields


@given(assessments(), st.sampled_from([math.nan, -0.1, 1.5, math.inf, True, "0.5"]))
def test_an_assessment_with_a_score_outside_zero_to_one_is_refused(
    assessment: Assessment, bad: object
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        Assessment(**_plain(assessment, score=bad))  # type: ignore[arg-type]
    assert caught.value.field == "score"
    for field in ("scores", "contributions"):
        values = {**getattr(assessment, field), Criterion.SCALABILITY: bad}
        with pytest.raises(InvalidInputError) as caught:
            Assessment(**_plain(assessment, **{field: values}))  # type: ignore[arg-type]
        assert caught.value.field == f"{field}[scalability]"


@given(assessments())
def test_an_assessment_needs_every_criterion_and_real_reasons(assessment: Assessment) -> None:
    for field in ("scores", "reasons", "contributions"):
        partial = dict(getattr(assessment, field))
        del partial[Criterion.CULTURAL_FIT]
        with pytest.raises(InvalidInputError, match="each of the six criteria") as caught:
            Assessment(**_plain(assessment, **{field: partial}))  # type: ignore[arg-type]
        assert caught.value.field == field
        with pytest.raises(InvalidInputError, match="not a mapping"):
            Assessment(**_plain(assessment, **{field: [1, 2]}))  # type: ignore[arg-type]
    reasons = {**assessment.reasons, Criterion.SCALABILITY: "because"}
    with pytest.raises(InvalidInputError, match="not a Reason"):
        Assessment(**_plain(assessment, reasons=reasons))  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="not a Partner"):
        Assessment(**_plain(assessment, partner="A"))  # type: ignore[arg-type]


@given(assessments(), st.sampled_from([math.nan, 1.5]))
def test_structuring_an_assessment_with_a_bad_score_is_refused(
    assessment: Assessment, bad: float
) -> None:
    data = converter.unstructure(assessment)
    assert converter.structure(data, Assessment) == assessment
    data["score"] = bad
    with pytest.raises(PharmaOutsourcingError):
        converter.structure(data, Assessment)


@pytest.mark.parametrize("as_of", [-5, 0, 10_000, 10**400, True, 2024.0])
def test_a_shortlist_with_an_as_of_that_is_not_a_year_is_refused(as_of: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        Shortlist(as_of=as_of)  # type: ignore[arg-type]
    assert caught.value.field == "as_of"
    if isinstance(as_of, int) and not isinstance(as_of, bool):  # what the converter reads
        with pytest.raises(PharmaOutsourcingError):
            converter.structure({"as_of": as_of}, Shortlist)


def test_a_shortlist_holds_assessments_and_exclusions_only() -> None:
    with pytest.raises(InvalidInputError, match=r"ranked\[0\]"):
        Shortlist(ranked=("A",))  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"excluded\[0\]"):
        Shortlist(excluded=(cro("A"),))  # type: ignore[arg-type]
    exclusion = rank(PROFILE, [cro("A")], services={Service.API_PRODUCTION}).excluded[0]
    assert Shortlist(excluded=[exclusion]).excluded == (exclusion,)  # a list is kept as a tuple
    with pytest.raises(InvalidInputError, match=r"reasons\[0\]"):
        Exclusion(partner=cro("A"), reasons=["lacks a service"])  # type: ignore[list-item]
    with pytest.raises(InvalidInputError, match="not a Partner"):
        Exclusion(partner="A", reasons=())  # type: ignore[arg-type]


# --- Huge numbers are the library's errors, not OverflowError (issue 11, item 2) -----------


@pytest.mark.parametrize("huge", [10**400, -(10**400), 10**5000], ids=["400", "-400", "5000"])
def test_a_weight_too_large_for_a_float_is_refused_with_our_error(huge: int) -> None:
    for call in (
        lambda: Weights(values={"scalability": huge}),
        lambda: rank(PROFILE, [], weights={"scalability": huge}),
    ):
        with pytest.raises(InvalidInputError) as caught:
            call()
        assert caught.value.field == "weights[scalability]"
        assert "larger than a float holds" in str(caught.value)


@pytest.mark.parametrize("huge", [10**400, 10**5000], ids=["400", "5000"])
def test_an_as_of_too_large_for_a_year_is_refused_with_our_error(huge: int) -> None:
    with pytest.raises(InvalidInputError) as caught:
        rank(PROFILE, [cro("A")], as_of=huge)
    assert caught.value.field == "as_of"
    assert "allowed: a year from 1 to 9999" in str(caught.value)


def test_rank_names_what_it_allows_for_a_profile_that_is_not_one() -> None:
    with pytest.raises(InvalidInputError) as caught:
        rank("phase-1", [])  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.value, caught.value.allowed) == (
        "profile",
        "phase-1",
        "a SponsorProfile",
    )


# --- evidence, completeness, warnings, notes (DESIGN.md §6, new in 0.2) --------------------


@given(profiles(), candidate_lists, weights())
def test_completeness_is_the_weight_resting_on_records_or_statements(
    profile: SponsorProfile, candidates: list[Partner], chosen: Weights
) -> None:
    shortlist = rank(profile, candidates, weights=chosen)
    normalised = chosen.normalised()
    for assessment in shortlist.ranked:
        resting = math.fsum(
            normalised[c] for c, e in assessment.evidence.items() if e is not Evidence.ASSUMED
        )
        assert assessment.completeness == pytest.approx(resting, abs=1e-12)
        assert 0 <= assessment.completeness <= 1
    leader = shortlist.leader
    assert bool(shortlist.notes) == (leader is not None and leader.completeness < 0.5)
    for note in shortlist.notes:
        assert leader is not None
        assert leader.partner.name in note.text


def test_a_leader_resting_on_assumptions_is_said_to() -> None:
    profile = SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING})
    shortlist = rank(profile, [cro("Unknown")])
    (assessment,) = shortlist.ranked
    assert [e.value for e in assessment.evidence.values()] == [
        "stated",
        "assumed",
        "assumed",
        "stated",
        "assumed",
        "assumed",
    ]
    assert assessment.completeness == pytest.approx(2 / 6)
    (note,) = shortlist.notes
    assert note.text == (
        "The leader, Unknown, rests mostly on assumptions: only 33% of the weight behind its "
        "score rests on records or statements (technical expertise, regulatory track record, "
        "geographic footprint, cultural fit assumed neutral); add inspections, audits, target "
        "markets or ratings before relying on the order."
    )
    rated = rank(profile, [cro("Known", communication=4, markets={Market.US})])
    assert rated.ranked[0].completeness == pytest.approx(3 / 6)
    assert rated.notes == ()


def test_a_phase_3_biostatistics_specialist_is_not_out_scaled_by_a_cdmo() -> None:
    profile = SponsorProfile(
        phase=Phase.PHASE_3,
        services={Service.BIOSTATISTICS},
        therapeutic_area=TherapeuticArea.ONCOLOGY,
        target_markets={Market.US},
    )
    bimo = Inspection(
        regulator=Regulator.FDA,
        year=2025,
        outcome=InspectionOutcome.NO_ACTION_INDICATED,
        framework=Framework.GCP,
    )
    specialist = cro(
        "Stats Specialist",
        services={Service.BIOSTATISTICS, Service.DATA_MANAGEMENT},
        phases={Phase.PHASE_2, Phase.PHASE_3, Phase.REGULATORY_REVIEW},
        therapeutic_areas={TherapeuticArea.ONCOLOGY},
        markets={Market.US},
        inspections=[bimo],
    )
    cdmo = Partner(
        name="Big CDMO",
        organisation_type=CDMO,
        therapeutic_areas={TherapeuticArea.ONCOLOGY},
        markets={Market.US},
    )
    shortlist = rank(profile, [cdmo, specialist])
    assert names(shortlist) == ["Stats Specialist", "Big CDMO"]
    first, second = shortlist.ranked
    for criterion in (Criterion.STAGE_OF_DEVELOPMENT, Criterion.SCALABILITY):
        assert first.scores[criterion] == second.scores[criterion] == 1.0
    assert first.evidence[Criterion.REGULATORY_TRACK_RECORD] is Evidence.RECORDED
    assert second.evidence[Criterion.REGULATORY_TRACK_RECORD] is Evidence.ASSUMED


@given(profiles(), candidate_lists, weights(), st.none() | service_sets)
def test_rank_builds_what_the_constructors_build(
    profile: SponsorProfile,
    candidates: list[Partner],
    chosen: Weights,
    services: frozenset[Service] | None,
) -> None:
    # rank() sets its results' fields directly (it checked them itself); the constructors,
    # validators run, accept the same values and build equal objects.
    shortlist = rank(profile, candidates, weights=chosen, services=services)
    for assessment in shortlist.ranked:
        rebuilt = Assessment(
            **{f.name: getattr(assessment, f.name) for f in attrs.fields(Assessment)}
        )
        assert rebuilt == assessment
        assert hash(rebuilt) == hash(assessment)
    for exclusion in shortlist.excluded:
        assert Exclusion(partner=exclusion.partner, reasons=exclusion.reasons) == exclusion
    assert (
        Shortlist(ranked=shortlist.ranked, excluded=shortlist.excluded, as_of=shortlist.as_of)
        == shortlist
    )


def test_partners_of_one_name_are_ordered_whatever_their_records_hold() -> None:
    dated = Inspection(
        regulator=Regulator.FDA,
        date=datetime.date(2024, 3, 1),
        outcome=InspectionOutcome.NO_ACTION_INDICATED,
        framework=Framework.GCP,
    )
    undated = attrs.evolve(dated, date=None)
    first, second = cro("Twin", inspections=[dated]), cro("Twin", inspections=[undated])
    profile = SponsorProfile(phase=Phase.PHASE_2, services={Service.SITE_MONITORING})
    assert rank(profile, [first, second]) == rank(profile, [second, first])


def test_a_partner_offering_none_of_the_work_is_told_only_that() -> None:
    profile = SponsorProfile(
        phase=Phase.COMMERCIAL,
        services={Service.COMMERCIAL_PRODUCTION},
        modalities={Modality.PEPTIDE},
    )
    lab = cro("Lab", phases={Phase.PHASE_2})
    assert [r.text for r in rank(profile, [lab]).excluded[0].reasons] == [
        "does not offer 1 of the 1 services it is ranked for: commercial production",
        "does not serve commercial, the phase the work is in",
    ]
