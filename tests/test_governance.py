"""Tests of reports_to, agreements_for and sponsor_responsibilities (DESIGN.md §8)."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given

from pharma_outsourcing import (
    Agreement,
    InvalidInputError,
    OrganisationType,
    Party,
    Responsibility,
    Service,
    SponsorProfile,
    UnknownValueError,
    agreements_for,
    recommend,
    reports_to,
    services_of,
    sponsor_responsibilities,
)
from pharma_outsourcing import _sources as sources
from strategies import agreements, org_types, profiles, responsibilities

CRO, CMO, CDMO = OrganisationType.CRO, OrganisationType.CMO, OrganisationType.CDMO

# The sources page of the documentation lists every source the library cites, as DOMAIN.md
# (the project's record of checked facts) gives them; the tests hold the code to it.
SOURCES_MD = Path(__file__).resolve().parents[1] / "docs" / "concepts" / "sources.md"

# How each source constant is cited: every fragment must appear both in the constant and on
# the sources page, so a citation cannot name a regulation the page (and DOMAIN.md) lacks.
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
    sources.ICH_Q7_16: ("ICH Q7", "section 16", "Contract Manufacturers (including Laboratories)"),
    sources.ICH_Q10_2_7: ("ICH Q10", "section 2.7", "Outsourced Activities"),
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
}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).casefold()


@pytest.fixture(scope="module")
def domain() -> str:
    return _squash(SOURCES_MD.read_text(encoding="utf-8"))


def _assert_cited(source: str, domain: str) -> None:
    assert source in CITED_AS, f"{source!r} has no entry in CITED_AS"
    for fragment in CITED_AS[source]:
        assert _squash(fragment) in _squash(source), (source, fragment)
        assert _squash(fragment) in domain, f"{fragment!r} is not in docs/concepts/sources.md"


# --- properties --------------------------------------------------------------------------


@given(org_types)
def test_every_contract_organisation_reports_to_the_sponsor(org_type: OrganisationType) -> None:
    boss = reports_to(org_type)
    assert boss is Party.SPONSOR
    # No contract organisation reports to another: the answer is never an organisation type.
    assert not isinstance(boss, OrganisationType)


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


@given(agreements)
def test_an_agreement_is_called_for_by_services_of_its_side(agreement: Agreement) -> None:
    sides = [t for t in (CRO, CMO) if agreement in agreements_for(t)]
    assert len(sides) == 1
    assert agreement.services
    assert agreement.services <= services_of(sides[0])
    assert Party.SPONSOR in agreement.signed_by
    assert all(item.strip() for item in agreement.contents)


@given(agreements)
def test_agreements_refuse_empty_contents_and_sources(agreement: Agreement) -> None:
    with pytest.raises(InvalidInputError, match="contents"):
        attrs.evolve(agreement, contents=())
    with pytest.raises(InvalidInputError, match="sources"):
        attrs.evolve(agreement, sources=("",))


@given(profiles())
def test_recommend_states_the_principal_agreement_of_each_side_engaged(
    profile: SponsorProfile,
) -> None:
    rec = recommend(profile)
    texts = {reason.text: reason.source for reason in rec.reasons}
    for side in (CRO, CMO):
        principal = agreements_for(side)[0]
        engaged = bool(rec.engage & {side, CDMO})
        assert (principal.summary in texts) is engaged
        if engaged:
            assert texts[principal.summary] == principal.sources[0]


# --- examples ----------------------------------------------------------------------------


def test_a_cdmo_needs_exactly_the_cro_and_cmo_agreements_the_same_objects() -> None:
    cdmo = agreements_for(CDMO)
    assert cdmo == agreements_for(CRO) + agreements_for(CMO)
    for ours, theirs in zip(cdmo, agreements_for(CRO) + agreements_for(CMO), strict=True):
        assert ours is theirs


def test_the_cro_agreements_required_by_the_issue() -> None:
    by_name = {a.name: a for a in agreements_for(CRO)}
    transfer = by_name["Transfer of regulatory obligations"]
    assert transfer.sources[:2] == (sources.CFR_312_52, sources.ICH_E6_R3_3_6)
    assert transfer.signed_by == {Party.SPONSOR, Party.CONTRACT_ORGANISATION}
    assert Service.CLINICAL_TRIAL_MANAGEMENT in transfer.services
    glp = by_name["GLP study notice to a contract laboratory"]
    assert glp.sources == (sources.CFR_58_10,)
    assert glp.services == {Service.PRECLINICAL_RESEARCH}
    assert glp.signed_by == {Party.SPONSOR}
    pv = by_name["Pharmacovigilance subcontract"]
    assert pv.sources == (sources.EU_520_2012_ART_6,)
    assert pv.services == {Service.PHARMACOVIGILANCE}
    assert any("audit" in item for item in pv.contents)


def test_the_quality_agreement_with_a_contract_manufacturer() -> None:
    quality = agreements_for(CMO)[0]
    assert quality.name == "Quality agreement"
    assert quality.sources == (
        sources.FDA_QUALITY_AGREEMENTS_2016,
        sources.EU_GMP_CHAPTER_7,
        sources.ICH_Q7_16,
    )
    assert quality.services == services_of(CMO)
    assert any("separate from the commercial contract" in item for item in quality.contents)
    assert any("change control" in item for item in quality.contents)


def test_what_stays_with_the_sponsor() -> None:
    kept = {r.subject: r for r in sponsor_responsibilities()}
    assert set(kept) == {"trial participants and data", "product quality", "pharmacovigilance"}
    assert sources.ICH_E6_R3_3_6 in kept["trial participants and data"].sources
    assert "ultimate responsibility" in kept["trial participants and data"].text
    assert sources.FDA_QUALITY_AGREEMENTS_2016 in kept["product quality"].sources
    assert "quality unit" in kept["product quality"].text
    assert kept["pharmacovigilance"].sources == (sources.EU_520_2012_ART_6,)


def test_reports_to_refuses_what_is_not_an_organisation_type() -> None:
    with pytest.raises(UnknownValueError, match="did you mean"):
        reports_to("CRDO")  # type: ignore[arg-type]


def test_party_aliases() -> None:
    assert Party.parse("marketing authorisation holder") is Party.SPONSOR
    assert Party.parse("contract acceptor") is Party.CONTRACT_ORGANISATION
