"""Tests of reports_to, agreements_for and sponsor_responsibilities (DESIGN.md §8)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pharma_outsourcing import (
    Agreement,
    InvalidInputError,
    Market,
    OrganisationType,
    Party,
    PharmaOutsourcingError,
    Phase,
    Responsibility,
    Service,
    UnknownValueError,
    agreements_for,
    reports_to,
    services_of,
    sponsor_responsibilities,
)
from pharma_outsourcing import _sources as sources
from strategies import agreements, markets, org_types, phases, responsibilities

CRO, CMO, CDMO = OrganisationType.CRO, OrganisationType.CMO, OrganisationType.CDMO
US, EU, UK = Market.US, Market.EU, Market.UK

optional_phases = st.none() | phases
optional_markets = st.none() | markets

# The sources page of the documentation lists every source the library cites, as DOMAIN.md
# (the project's record of checked facts) gives them; the tests hold the code to it.
SOURCES_MD = Path(__file__).resolve().parents[1] / "docs" / "concepts" / "sources.md"

# How each source constant is cited: every fragment must appear both in the constant and on
# the sources page, with the same capitalisation, so a citation cannot name a regulation the
# page (and DOMAIN.md) lacks, nor a title spelt otherwise.
CITED_AS = {
    sources.CFR_312_52: ("21 CFR 312.52(a)-(b)",),
    sources.CFR_58_10: ("21 CFR 58", "58.10"),
    sources.CFR_210_2C: ("21 CFR 210.2(c)",),
    sources.ICH_E6_R2_5_2: ("ICH E6(R2) 5.2.1-5.2.4",),
    sources.ICH_E6_R3_3_6: ("ICH E6(R3)", "3.6"),
    sources.EU_520_2012_ART_6: ("520/2012 Art. 6",),
    sources.FDA_QUALITY_AGREEMENTS_2016: (
        "Contract Manufacturing Arrangements for Drugs: Quality Agreements",
        "2016",
    ),
    sources.ICH_Q7_16: ("ICH Q7 section 16", "Contract Manufacturers (including Laboratories)"),
    sources.ICH_Q10_2_7: (
        "ICH Q10 (2008) section 2.7",
        "Management of Outsourced Activities and Purchased Materials",
    ),
    sources.EU_GMP_CHAPTER_7: ("EU GMP Part I Chapter 7", "Outsourced Activities"),
    sources.EU_GMP_ANNEX_16: ("EU GMP Annex 16",),
    sources.CFR_210_211: ("21 CFR 210 and 211",),
    sources.FDA_INSPECTION_CLASSIFICATION: ("NAI", "VAI", "OAI", "warning letter"),
    sources.CFR_58: ("21 CFR 58",),
    sources.CFR_211_22A: ("21 CFR 211.22(a)",),
    sources.FDA_PHASE_1_CGMP: ("CGMP for Phase 1 Investigational Drugs", "July 2008"),
    sources.EU_2017_1569: ("2017/1569", "investigational medicinal products"),
    sources.EU_GLP_DIRECTIVES: ("2004/10/EC", "2004/9/EC"),
    sources.EU_GMP_CERTIFICATES: ("EudraGMDP", "statements of non-compliance"),
    sources.GMP_CERTIFICATE_VALIDITY: ("valid for at most three years",),
    sources.FDA_WARNING_LETTERS: ("About Warning and Close-Out Letters",),
    sources.FDA_IMPORT_ALERTS: ("Removal from Import Alert",),
    sources.FDA_BIMO: ("7348.810", "bioresearch monitoring"),
    sources.FDA_DATA_DASHBOARD: (
        "FDA Data Dashboard",
        "final classifications only",
        "pre-approval",
        "nonclinical laboratory inspections",
        "OAI classifications can lag",
    ),
    sources.FDA_FORM_1571: ("Form FDA 1571",),
    sources.CFR_312_32: ("21 CFR 312.32", "IND safety reporting"),
    sources.EU_536_2014_ART_42_43: (
        "536/2014 Art. 42-43",
        "SUSARs",
        "EudraVigilance",
        "annual safety report",
    ),
    sources.EU_536_2014_ART_71: ("536/2014 Art. 71", "delegate tasks by written contract"),
    sources.EU_2001_83_ART_8_3_IA: ("Directive 2001/83/EC Art. 8(3)(ia)", "QPPV"),
    sources.CFR_314_80_600_80: ("21 CFR 314.80 (NDA) and 600.80 (BLA)", "written procedures"),
    sources.EU_2017_1569_ART_13: (
        "Commission Delegated Regulation (EU) 2017/1569 Art. 13",
        "outsourced operations",
    ),
    sources.EU_2017_1572_ART_12: (
        "Commission Directive (EU) 2017/1572 Art. 12",
        "outsourced operations",
    ),
    sources.ICH_Q7_19: ("ICH Q7 section 19", "APIs for use in clinical trials"),
    sources.EU_IMPORTATION: ("Annex 16 1.5.1", "Annex 21", "manufacturing/import authorisation"),
    sources.EU_GDP_CHAPTER_7: (
        "EU GDP guidelines 2013/C 343/01 Chapter 7",
        "outsourced activities",
    ),
    sources.CFR_314_70: ("21 CFR 314.70 (NDA; 601.12 for a BLA)", "a new manufacturing site"),
    sources.PRACTICE_CRO_AND_CDMO: (
        "Practice (a professional's reading, no regulation)",
        "few companies run clinical operations and manufacturing together",
        "from first clinical supply to commercial engage a CRO and a CDMO",
    ),
}

# Sources DOMAIN.md marks as checked only in a secondary summary: cited with "see".
SECONDARY = {
    sources.FDA_FORM_1571,
    sources.EU_536_2014_ART_71,
    sources.ICH_Q7_19,
    sources.EU_IMPORTATION,
    sources.EU_GDP_CHAPTER_7,
    sources.GMP_CERTIFICATE_VALIDITY,
}

# The jurisdiction of each source an agreement cites: the market whose rules it is, or
# None for an ICH guideline (every market). EU GMP is also the UK's.
JURISDICTION: dict[str, frozenset[Market] | None] = {
    sources.CFR_58_10: frozenset({US}),
    sources.CFR_312_52: frozenset({US}),
    sources.FDA_FORM_1571: frozenset({US}),
    sources.CFR_312_32: frozenset({US}),
    sources.CFR_314_80_600_80: frozenset({US}),
    sources.FDA_PHASE_1_CGMP: frozenset({US}),
    sources.CFR_210_2C: frozenset({US}),
    sources.CFR_211_22A: frozenset({US}),
    sources.FDA_QUALITY_AGREEMENTS_2016: frozenset({US}),
    sources.EU_GLP_DIRECTIVES: frozenset({EU}),
    sources.EU_536_2014_ART_71: frozenset({EU}),
    sources.EU_536_2014_ART_42_43: frozenset({EU}),
    sources.EU_2001_83_ART_8_3_IA: frozenset({EU}),
    sources.EU_520_2012_ART_6: frozenset({EU}),
    sources.EU_2017_1569_ART_13: frozenset({EU}),
    sources.EU_2017_1572_ART_12: frozenset({EU}),
    sources.EU_GMP_ANNEX_16: frozenset({EU}),
    sources.EU_IMPORTATION: frozenset({EU}),
    sources.EU_GDP_CHAPTER_7: frozenset({EU}),
    sources.EU_GMP_CHAPTER_7: frozenset({EU, UK}),
    sources.ICH_E6_R3_3_6: None,
    sources.ICH_Q10_2_7: None,
    sources.ICH_Q7_16: None,
    sources.ICH_Q7_19: None,
}

# The clinical-trial work a CRO takes on: what calls for the clinical-trial agreements.
TRIAL_WORK = {
    Service.CLINICAL_TRIAL_DESIGN,
    Service.CLINICAL_TRIAL_MANAGEMENT,
    Service.PATIENT_RECRUITMENT,
    Service.SITE_MONITORING,
    Service.DATA_MANAGEMENT,
    Service.BIOSTATISTICS,
    Service.MEDICAL_WRITING,
}
TRIAL_SOURCES = {sources.ICH_E6_R3_3_6, sources.CFR_312_52, sources.EU_536_2014_ART_71}
SAFETY_SOURCES = {
    sources.CFR_312_32,
    sources.EU_536_2014_ART_42_43,
    sources.EU_2001_83_ART_8_3_IA,
    sources.EU_520_2012_ART_6,
    sources.CFR_314_80_600_80,
}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def domain() -> str:
    return _squash(SOURCES_MD.read_text(encoding="utf-8"))


def _assert_cited(source: str, domain: str) -> None:
    assert source in CITED_AS, f"{source!r} has no entry in CITED_AS"
    for fragment in CITED_AS[source]:
        assert _squash(fragment) in _squash(source), (source, fragment)
        assert _squash(fragment) in domain, f"{fragment!r} is not in docs/concepts/sources.md"


def _citing(source: str, found: Iterable[Agreement]) -> list[Agreement]:
    return [a for a in found if source in a.sources]


def _sources_of(found: Iterable[Agreement]) -> set[str]:
    return {source for agreement in found for source in agreement.sources}


# --- properties: filtering by phase and markets ------------------------------------------


@given(org_types, phases)
def test_with_a_phase_exactly_the_agreements_that_apply_then(
    org_type: OrganisationType, phase: Phase
) -> None:
    found = agreements_for(org_type, phase=phase)
    assert all(phase in agreement.phases for agreement in found)
    every = agreements_for(org_type)
    assert found == tuple(a for a in every if phase in a.phases)


@given(org_types, markets)
def test_with_markets_exactly_the_agreements_of_their_jurisdictions(
    org_type: OrganisationType, targets: frozenset[Market]
) -> None:
    found = agreements_for(org_type, markets=targets)
    for agreement in agreements_for(org_type):
        applies = not targets or agreement.markets is None or bool(agreement.markets & targets)
        assert (agreement in found) is applies, agreement.name
    if not targets:
        assert found == agreements_for(org_type) == agreements_for(org_type, markets=None)


@given(org_types, optional_phases, optional_markets)
def test_phase_and_markets_together_are_both_filters(
    org_type: OrganisationType, phase: Phase | None, targets: frozenset[Market] | None
) -> None:
    both = agreements_for(org_type, phase=phase, markets=targets)
    by_phase = agreements_for(org_type, phase=phase)
    by_markets = agreements_for(org_type, markets=targets)
    assert both == tuple(a for a in by_phase if a in by_markets)


@given(optional_phases, optional_markets)
def test_a_cdmo_needs_exactly_the_cro_and_cmo_agreements(
    phase: Phase | None, targets: frozenset[Market] | None
) -> None:
    cdmo = agreements_for(CDMO, phase=phase, markets=targets)
    separate = agreements_for(CRO, phase=phase, markets=targets) + agreements_for(
        CMO, phase=phase, markets=targets
    )
    assert cdmo == separate
    assert all(ours is theirs for ours, theirs in zip(cdmo, separate, strict=True))


@given(org_types, optional_phases, markets)
def test_markets_are_read_from_any_iterable_and_spelling(
    org_type: OrganisationType, phase: Phase | None, targets: frozenset[Market]
) -> None:
    expected = agreements_for(org_type, phase=phase, markets=targets)
    ordered = sorted(targets)
    assert agreements_for(org_type, phase=phase, markets=ordered) == expected
    assert agreements_for(org_type, phase=phase, markets=iter(ordered)) == expected
    spelt = [m.label for m in ordered]  # "US", "South Korea": parsed like any market field
    assert agreements_for(org_type.value, phase=phase, markets=spelt) == expected  # type: ignore[arg-type]


@given(org_types, phases)
def test_phases_are_parsed(org_type: OrganisationType, phase: Phase) -> None:
    by_label = agreements_for(org_type, phase=phase.label)  # type: ignore[arg-type]
    assert by_label == agreements_for(org_type, phase=phase)


# --- properties: no agreement outside its scope ------------------------------------------


@given(agreements)
def test_an_agreement_is_called_for_by_services_of_its_side(agreement: Agreement) -> None:
    sides = [t for t in (CRO, CMO) if agreement in agreements_for(t)]
    assert len(sides) == 1
    assert agreement.services
    assert agreement.services <= services_of(sides[0])
    assert Party.SPONSOR in agreement.signed_by
    assert all(item.strip() for item in agreement.contents)
    assert agreement.phases


@given(agreements)
def test_an_agreement_belongs_to_the_jurisdiction_of_its_sources(agreement: Agreement) -> None:
    for source in agreement.sources:
        assert JURISDICTION[source] == agreement.markets, (agreement.name, source)


@given(agreements)
def test_secondary_sources_are_cited_with_see(agreement: Agreement) -> None:
    for source in agreement.sources:
        assert source.startswith("see: ") is (source in SECONDARY), source


@given(org_types, phases, optional_markets)
def test_no_agreement_is_cited_outside_its_scope(
    org_type: OrganisationType, phase: Phase, targets: frozenset[Market] | None
) -> None:
    found = agreements_for(org_type, phase=phase, markets=targets)
    cited = _sources_of(found)
    review = Phase.REGULATORY_REVIEW
    # The FDA 2016 guidance and EU 520/2012 Art. 6 (the MAH's PV): from regulatory review.
    if phase < review:
        assert sources.FDA_QUALITY_AGREEMENTS_2016 not in cited
        assert sources.EU_520_2012_ART_6 not in cited
        assert sources.EU_2001_83_ART_8_3_IA not in cited
        assert sources.EU_2017_1572_ART_12 not in cited
    # 21 CFR 312.52: clinical-trial work only: not before phase 1, nor during review.
    if phase < Phase.PHASE_1 or phase is review:
        assert sources.CFR_312_52 not in cited
        assert sources.ICH_E6_R3_3_6 not in cited
        assert sources.EU_536_2014_ART_71 not in cited
    # Trial safety reporting until approval; post-marketing safety reporting after.
    if phase is Phase.COMMERCIAL or phase < Phase.PHASE_1:
        assert sources.CFR_312_32 not in cited
        assert sources.EU_536_2014_ART_42_43 not in cited
    assert (sources.CFR_314_80_600_80 in cited) <= (phase is Phase.COMMERCIAL)
    assert (sources.EU_GDP_CHAPTER_7 in cited) <= (phase is Phase.COMMERCIAL)
    # Phase 1 CGMP up to phase 1, Part 211 from phase 2; the IMP rules before approval.
    if phase > Phase.PHASE_1:
        assert not cited & {sources.FDA_PHASE_1_CGMP, sources.CFR_210_2C}
    if phase < Phase.PHASE_2:
        assert sources.CFR_211_22A not in cited
    if phase is Phase.COMMERCIAL:
        assert not cited & {sources.EU_2017_1569_ART_13, sources.ICH_Q7_19}
    # No manufacturing before the first-in-human batch.
    if phase is Phase.DISCOVERY:
        assert agreements_for(CMO, phase=phase, markets=targets) == ()


@given(agreements)
def test_each_agreement_is_called_for_by_the_services_its_rule_covers(
    agreement: Agreement,
) -> None:
    cited = set(agreement.sources)
    if cited & {sources.ICH_Q7_16, sources.ICH_Q7_19}:
        assert agreement.services == {Service.API_PRODUCTION}
    if cited & TRIAL_SOURCES:
        assert agreement.services == TRIAL_WORK
    if cited & SAFETY_SOURCES:
        assert agreement.services == {Service.PHARMACOVIGILANCE}
    if sources.EU_GDP_CHAPTER_7 in cited:
        assert agreement.services == {Service.SUPPLY_CHAIN_LOGISTICS}
    if cited & {sources.CFR_58_10, sources.EU_GLP_DIRECTIVES}:
        assert agreement.services == {Service.PRECLINICAL_RESEARCH}
    # ICH Q7 is for drug substance: never for packaging or the finished product.
    if Service.API_PRODUCTION not in agreement.services:
        assert not cited & {sources.ICH_Q7_16, sources.ICH_Q7_19}
    # GLP studies alone never call for the transfer of obligations (Part 312).
    if sources.CFR_312_52 in cited:
        assert Service.PRECLINICAL_RESEARCH not in agreement.services


# --- properties: sources ----------------------------------------------------------------


@given(org_type=org_types)
def test_every_agreement_cites_sources_on_the_sources_page(
    org_type: OrganisationType, domain: str
) -> None:
    for agreement in agreements_for(org_type):
        assert agreement.sources
        for source in agreement.sources:
            _assert_cited(source, domain)


@given(responsibility=responsibilities)
def test_every_sponsor_responsibility_cites_sources_on_the_sources_page(
    responsibility: Responsibility, domain: str
) -> None:
    for source in responsibility.sources:
        _assert_cited(source, domain)


def test_every_source_constant_is_on_the_sources_page(domain: str) -> None:
    for name in sources.__all__:
        if name.startswith("SEED") or name == "GUIDE":
            continue  # the guide, cited by its title: checked below
        _assert_cited(getattr(sources, name), domain)


def test_the_guide_is_cited_by_its_title_never_as_the_seed(domain: str) -> None:
    title = '"CRO And CMO in Pharma: Key Differences, Roles, FAQs and What is CDMO"'
    assert _squash(title) in domain
    for source in (sources.SEED, sources.SEED_SELECTION, sources.SEED_CDMO):
        assert source.startswith(sources.GUIDE)
        assert title in source
        assert "seed" not in source.casefold()


# --- properties: argument errors and validators -----------------------------------------


def _not_a(vocabulary: type[Phase] | type[Market], text: str) -> bool:
    try:
        vocabulary.parse(text)
    except PharmaOutsourcingError:
        return True
    return False


@given(org_types, st.text(max_size=12).filter(lambda text: _not_a(Phase, text)))
def test_a_phase_that_is_not_a_phase_is_refused_naming_the_argument(
    org_type: OrganisationType, text: str
) -> None:
    with pytest.raises(InvalidInputError) as raised:
        agreements_for(org_type, phase=text)  # type: ignore[arg-type]
    assert raised.value.field == "phase"


@given(org_types, st.text(max_size=12).filter(lambda text: _not_a(Market, text)))
def test_markets_that_are_not_markets_are_refused_naming_the_argument(
    org_type: OrganisationType, text: str
) -> None:
    with pytest.raises(InvalidInputError) as raised:
        agreements_for(org_type, markets=[Market.US, text])  # type: ignore[list-item]
    assert raised.value.field == "markets"


@pytest.mark.parametrize("wrong", ["us", Market.US, 3, [None], [Phase.PHASE_1]])
def test_markets_must_be_a_collection_of_markets(wrong: object) -> None:
    with pytest.raises(InvalidInputError) as raised:
        agreements_for(CRO, markets=wrong)  # type: ignore[arg-type]
    assert raised.value.field == "markets"


@pytest.mark.parametrize("wrong", [3, 2.0, Market.US, object()])
def test_a_phase_must_be_a_phase(wrong: object) -> None:
    with pytest.raises(InvalidInputError) as raised:
        agreements_for(CMO, phase=wrong)  # type: ignore[arg-type]
    assert raised.value.field == "phase"


def test_an_organisation_type_must_be_one() -> None:
    with pytest.raises(UnknownValueError, match="did you mean") as raised:
        agreements_for("CRDO")  # type: ignore[arg-type]
    assert raised.value.field == "org_type"


@given(agreements)
def test_agreements_refuse_empty_contents_and_sources(agreement: Agreement) -> None:
    with pytest.raises(InvalidInputError, match="contents"):
        attrs.evolve(agreement, contents=())
    with pytest.raises(InvalidInputError, match="sources"):
        attrs.evolve(agreement, sources=("",))


@given(agreements)
def test_agreements_refuse_phases_and_markets_that_are_not_so(agreement: Agreement) -> None:
    with pytest.raises(InvalidInputError, match="phases"):
        attrs.evolve(agreement, phases=frozenset())
    with pytest.raises(InvalidInputError, match="phases"):
        attrs.evolve(agreement, phases={"phase 9"})
    with pytest.raises(InvalidInputError, match="markets"):
        attrs.evolve(agreement, markets=frozenset())
    with pytest.raises(InvalidInputError, match="markets"):
        attrs.evolve(agreement, markets={"mars"})
    # Any iterable is frozen; None means every market.
    assert attrs.evolve(agreement, phases=[Phase.PHASE_1]).phases == {Phase.PHASE_1}
    assert attrs.evolve(agreement, markets=None).markets is None


# --- examples ----------------------------------------------------------------------------


def test_every_agreement_without_phase_or_markets() -> None:
    assert len(agreements_for(CRO)) == len(set(agreements_for(CRO))) == 11
    assert len(agreements_for(CMO)) == len(set(agreements_for(CMO))) == 11
    assert agreements_for(CRO, phase=None, markets=()) == agreements_for(CRO)
    names = [a.name for a in agreements_for(CDMO)]
    assert len(names) == len(set(names))


def test_a_us_only_cmo_at_phase_1() -> None:
    found = agreements_for(CMO, phase=Phase.PHASE_1, markets={US})
    assert _sources_of(found) == {
        sources.FDA_PHASE_1_CGMP,
        sources.CFR_210_2C,
        sources.ICH_Q10_2_7,
        sources.ICH_Q7_16,
        sources.ICH_Q7_19,
    }
    (plan,) = _citing(sources.FDA_PHASE_1_CGMP, found)
    assert plan.sources == (sources.FDA_PHASE_1_CGMP, sources.CFR_210_2C)
    assert any("releasing or rejecting each batch" in item for item in plan.contents)
    assert Phase.PRECLINICAL in plan.phases  # the first-in-human batch
    # Not yet: Part 211 (phase 2) or the commercial quality-agreement guidance.
    assert sources.CFR_211_22A not in _sources_of(found)
    assert sources.FDA_QUALITY_AGREEMENTS_2016 not in _sources_of(found)


def test_an_eu_cmo_at_phase_1() -> None:
    found = agreements_for(CMO, phase="phase 1", markets=["EU"])  # type: ignore[arg-type, list-item]
    cited = _sources_of(found)
    assert {
        sources.EU_2017_1569_ART_13,
        sources.EU_GMP_ANNEX_16,
        sources.EU_IMPORTATION,
        sources.EU_GMP_CHAPTER_7,
        sources.ICH_Q10_2_7,
    } <= cited
    assert not cited & {sources.EU_2017_1572_ART_12, sources.FDA_PHASE_1_CGMP, sources.CFR_210_2C}
    (contract,) = _citing(sources.EU_2017_1569_ART_13, found)
    assert any("Qualified Person" in item for item in contract.contents)
    (release,) = _citing(sources.EU_GMP_ANNEX_16, found)
    assert release.name == "Qualified Person certification of each batch"
    assert any("outside the EU/EEA" in item for item in release.contents)
    assert Service.CLINICAL_SUPPLY_MANUFACTURING in release.services


def test_a_cro_after_approval_for_the_us_and_the_eu() -> None:
    found = agreements_for(CRO, phase=Phase.COMMERCIAL, markets=[US, EU])
    cited = _sources_of(found)
    assert {
        sources.CFR_314_80_600_80,
        sources.EU_520_2012_ART_6,
        sources.EU_2001_83_ART_8_3_IA,
    } <= cited
    assert not cited & {sources.CFR_312_32, sources.EU_536_2014_ART_42_43}
    (transfer,) = _citing(sources.CFR_312_52, found)
    assert "if the study is under an IND" in transfer.summary
    assert transfer.services == TRIAL_WORK  # only for the studies the sponsor names
    (pv,) = _citing(sources.EU_520_2012_ART_6, found)
    assert pv.name == "Pharmacovigilance subcontract"
    assert pv.services == {Service.PHARMACOVIGILANCE}
    assert any("audit" in item for item in pv.contents)


def test_a_cro_at_preclinical_needs_only_the_glp_agreements() -> None:
    found = agreements_for(CRO, phase=Phase.PRECLINICAL)
    assert _sources_of(found) == {sources.CFR_58_10, sources.EU_GLP_DIRECTIVES}
    assert all(a.services == {Service.PRECLINICAL_RESEARCH} for a in found)
    assert agreements_for(CRO, phase=Phase.PRECLINICAL, markets=[US])[0].sources == (
        sources.CFR_58_10,
    )
    assert sources.CFR_312_52 not in _sources_of(found)


def test_clinical_trial_agreements_at_phase_2() -> None:
    found = agreements_for(CRO, phase=Phase.PHASE_2)
    by_name = {a.name: a for a in found}
    transfer = by_name["Transfer of regulatory obligations"]
    assert transfer.sources == (sources.CFR_312_52, sources.FDA_FORM_1571)
    assert transfer.signed_by == {Party.SPONSOR, Party.CONTRACT_ORGANISATION}
    assert transfer.markets == frozenset({US})
    assert any("what is not described is not transferred" in item for item in transfer.contents)
    provider = by_name["Agreement with a clinical-trial service provider"]
    assert provider.sources == (sources.ICH_E6_R3_3_6,)
    assert provider.markets is None  # ICH: every market
    assert any("before the work starts" in item for item in provider.contents)
    assert _citing(sources.EU_536_2014_ART_71, found)[0].markets == frozenset({EU})
    assert {sources.CFR_312_32, sources.EU_536_2014_ART_42_43} <= _sources_of(found)


def test_the_quality_agreement_from_regulatory_review() -> None:
    quality = agreements_for(CMO)[0]
    assert quality.name == "Quality agreement"
    assert quality.sources == (sources.FDA_QUALITY_AGREEMENTS_2016,)
    assert quality.phases == {Phase.REGULATORY_REVIEW, Phase.COMMERCIAL}
    assert quality.markets == frozenset({US})
    assert Service.CLINICAL_SUPPLY_MANUFACTURING not in quality.services
    assert any("separate from the commercial contract" in item for item in quality.contents)
    assert any("change control" in item for item in quality.contents)


def test_regulatory_review_has_both_eu_manufacturing_contracts() -> None:
    cited = _sources_of(agreements_for(CMO, phase=Phase.REGULATORY_REVIEW, markets=[EU]))
    assert {sources.EU_2017_1569_ART_13, sources.EU_2017_1572_ART_12} <= cited
    assert sources.ICH_Q7_19 in cited


def test_eu_gmp_chapter_7_is_the_uks_too_and_ich_is_everyones() -> None:
    uk = _sources_of(agreements_for(CMO, phase=Phase.COMMERCIAL, markets=[UK]))
    assert uk == {sources.EU_GMP_CHAPTER_7, sources.ICH_Q10_2_7, sources.ICH_Q7_16}
    japan = agreements_for(CDMO, phase=Phase.PHASE_2, markets=[Market.JAPAN])
    assert japan
    assert all(a.markets is None for a in japan)


def test_distribution_after_approval_is_gdp_work() -> None:
    found = agreements_for(CMO, phase=Phase.COMMERCIAL, markets=[EU])
    (distribution,) = _citing(sources.EU_GDP_CHAPTER_7, found)
    assert distribution.services == {Service.SUPPLY_CHAIN_LOGISTICS}
    assert distribution.sources == (sources.EU_GDP_CHAPTER_7,)
    # Before approval the depots are GMP work under the IMP rules, not GDP.
    before = agreements_for(CMO, phase=Phase.PHASE_3, markets=[EU])
    assert sources.EU_GDP_CHAPTER_7 not in _sources_of(before)
    (imp,) = _citing(sources.EU_2017_1569_ART_13, before)
    assert Service.SUPPLY_CHAIN_LOGISTICS in imp.services


def test_what_stays_with_the_sponsor() -> None:
    kept = {r.subject: r for r in sponsor_responsibilities()}
    assert set(kept) == {"trial participants and data", "product quality", "pharmacovigilance"}
    assert sources.ICH_E6_R3_3_6 in kept["trial participants and data"].sources
    assert "ultimate responsibility" in kept["trial participants and data"].text
    assert kept["product quality"].sources == (sources.CFR_211_22A, sources.ICH_Q10_2_7)
    assert "quality unit" in kept["product quality"].text
    assert kept["pharmacovigilance"].sources == (sources.EU_520_2012_ART_6,)


@given(org_types)
def test_every_contract_organisation_reports_to_the_sponsor(org_type: OrganisationType) -> None:
    boss = reports_to(org_type)
    assert boss is Party.SPONSOR
    # No contract organisation reports to another: the answer is never an organisation type.
    assert not isinstance(boss, OrganisationType)


def test_reports_to_refuses_what_is_not_an_organisation_type() -> None:
    with pytest.raises(UnknownValueError, match="did you mean"):
        reports_to("CRDO")  # type: ignore[arg-type]


def test_party_aliases() -> None:
    assert Party.parse("marketing authorisation holder") is Party.SPONSOR
    assert Party.parse("contract acceptor") is Party.CONTRACT_ORGANISATION
