"""Matching public records to partners: by FEI number, then by name, never by a guess."""

from __future__ import annotations

import copy
import datetime
import pathlib
import random
import unicodedata
from collections import Counter
from collections.abc import Iterable
from difflib import SequenceMatcher

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import pharma_outsourcing as po
import strategies
from pharma_outsourcing import (
    Framework,
    Inspection,
    InspectionOutcome,
    InvalidInputError,
    Market,
    OrganisationType,
    Partner,
    PublicRecord,
    RecordMatch,
    Regulator,
    match_records,
)
from pharma_outsourcing._records.countries import MARKET_COUNTRIES, markets_of
from pharma_outsourcing._records.match import (
    SIMILAR,
    common_subsequence,
    letter_masks,
)
from pharma_outsourcing._records.names import LEGAL_FORMS, firm_key

CMO = OrganisationType.CMO


def _inspection(
    outcome: InspectionOutcome = InspectionOutcome.NO_ACTION_INDICATED,
    *,
    site: str | None = None,
    day: int = 14,
    source: str | None = None,
) -> Inspection:
    return Inspection(
        regulator=Regulator.FDA,
        date=datetime.date(2024, 3, day),
        outcome=outcome,
        site=site,
        source=source,
    )


def _record(
    firm: str,
    fei: str | None = None,
    *,
    country: str | None = "United States",
    outcome: InspectionOutcome = InspectionOutcome.NO_ACTION_INDICATED,
    day: int = 14,
) -> PublicRecord:
    return PublicRecord(
        firm=firm,
        fei_number=fei,
        country=country,
        inspection=_inspection(outcome, site=fei, day=day, source="FDA Data Dashboard"),
        source=f"inspections.csv, row {day}",
    )


def _partner(name: str, *, fei: Iterable[str] = (), markets: Iterable[Market] = ()) -> Partner:
    return Partner(
        name=name, organisation_type=CMO, fei_numbers=frozenset(fei), markets=frozenset(markets)
    )


def _identity(record: PublicRecord) -> tuple[object, ...]:
    """A record as given, whatever source matching gave its inspection, and however it
    spells the site's FEI number (matching takes the partner's spelling)."""
    site = record.inspection.site
    inspection = attrs.evolve(record.inspection, source=None, site=None)
    folded = None if site is None else site.lstrip("0")
    return record.firm, record.fei_number, record.country, record.source, inspection, folded


def _attached(found: RecordMatch) -> list[PublicRecord]:
    return [record for records in found.matched.values() for record in records]


# --- Properties ------------------------------------------------------------------------


@given(strategies.named_partner_lists, strategies.record_lists, st.randoms())
def test_the_order_of_the_records_makes_no_difference(
    partners: list[Partner], records: list[PublicRecord], rnd: random.Random
) -> None:
    shuffled = list(records)
    rnd.shuffle(shuffled)
    assert match_records(partners, shuffled) == match_records(partners, records)


@given(strategies.named_partner_lists, strategies.record_lists)
def test_every_record_ends_in_exactly_one_place(
    partners: list[Partner], records: list[PublicRecord]
) -> None:
    found = match_records(partners, records)
    placed = [
        *map(_identity, _attached(found)),
        *map(_identity, found.unmatched),
        *(_identity(entry.record) for entry in found.ambiguous),
    ]
    assert Counter(placed) == Counter(map(_identity, records))


@given(strategies.named_partner_lists, strategies.record_lists)
def test_a_record_is_attached_to_one_partner_at_most_and_fei_beats_name(
    partners: list[Partner], records: list[PublicRecord]
) -> None:
    found = match_records(partners, records)

    def listing(record: PublicRecord) -> set[str]:
        """The partners listing the record's FEI number (compared as numbers)."""
        number = record.fei_number
        return {
            p.name
            for p in partners
            if number is not None
            and number.lstrip("0") in {own.lstrip("0") for own in p.fei_numbers}
        }

    for name, attached in found.matched.items():
        for record in attached:
            # A record with a listed FEI number goes to the one partner listing it.
            assert listing(record) in ({name}, set())
    for entry in found.ambiguous:
        assert len(entry.candidates) >= 2
        listed = listing(entry.record)
        assert not listed or set(entry.candidates) == listed
    for record in found.unmatched:
        assert not listing(record)
    attached_to = Counter(_identity(r) for r in _attached(found))
    given_count = Counter(_identity(r) for r in records)
    assert all(attached_to[key] <= given_count[key] for key in attached_to)


@given(strategies.named_partner_lists, strategies.record_lists)
def test_suggestions_are_about_unmatched_records_and_close_names(
    partners: list[Partner], records: list[PublicRecord]
) -> None:
    found = match_records(partners, records)
    unmatched = Counter(map(_identity, found.unmatched))
    names = {p.name: p for p in partners}
    for suggestion in found.suggestions:
        assert unmatched[_identity(suggestion.record)] > 0
        assert suggestion.partner in names
        assert suggestion.similarity >= SIMILAR
        expected = SequenceMatcher(
            None, firm_key(suggestion.record.firm), firm_key(suggestion.partner), autojunk=False
        ).ratio()
        assert suggestion.similarity == pytest.approx(expected)


@given(strategies.named_partner_lists, strategies.record_lists)
def test_matching_twice_is_matching_once(
    partners: list[Partner], records: list[PublicRecord]
) -> None:
    once = match_records(partners, records)
    assert match_records(once.partners, records) == once


@given(strategies.named_partner_lists, strategies.record_lists)
def test_records_a_partner_holds_are_not_added_again(
    partners: list[Partner], records: list[PublicRecord]
) -> None:
    found = match_records(partners, records)
    for before, after in zip(partners, found.partners, strict=True):
        assert after.inspections[: len(before.inspections)] == before.inspections
        added = after.inspections[len(before.inspections) :]
        apart_from_source = [attrs.evolve(i, source=None) for i in after.inspections]
        assert len(set(apart_from_source)) == len(apart_from_source) or not added
        assert attrs.evolve(after, inspections=before.inspections) == before


@given(strategies.named_partner_lists, strategies.record_lists)
def test_inputs_are_untouched(partners: list[Partner], records: list[PublicRecord]) -> None:
    kept_partners, kept_records = copy.deepcopy(partners), copy.deepcopy(records)
    match_records(partners, records)
    assert partners == kept_partners
    assert records == kept_records


@st.composite
def sites_with_records(draw: st.DrawFn) -> tuple[list[Partner], list[list[Inspection]]]:
    """Partners with their own FEI numbers and no records, and each one's records by date.

    Every record is dated, on a day of its own: its place in a partner's history is plain.
    """
    count = draw(st.integers(1, 4))
    numbers = draw(
        st.lists(
            st.integers(3_000_000_000, 3_999_999_999).map(str),
            min_size=count,
            max_size=count,
            unique=True,
        )
    )
    days = draw(st.lists(strategies.dates, min_size=0, max_size=10, unique=True).map(sorted))
    histories: list[list[Inspection]] = [[] for _ in range(count)]
    for day in days:
        owner = draw(st.integers(0, count - 1))
        inspection = draw(strategies.inspections())
        histories[owner].append(
            attrs.evolve(inspection, date=day, year=day.year, site=numbers[owner], source="x")
        )
    partners = [
        attrs.evolve(
            draw(strategies.partners()), name=f"Partner {index}", fei_numbers={number},
            inspections=(),
        )
        for index, number in enumerate(numbers)
    ]  # fmt: skip
    return partners, histories


@given(sites_with_records(), strategies.profiles(), st.randoms())
def test_matching_then_ranking_is_ranking_partners_given_their_records_by_hand(
    built: tuple[list[Partner], list[list[Inspection]]],
    profile: po.SponsorProfile,
    rnd: random.Random,
) -> None:
    partners, histories = built
    records = [
        PublicRecord(
            firm=f"Firm of {inspection.site}",
            fei_number=inspection.site,
            inspection=inspection,
            source="export",
        )
        for history in histories
        for inspection in history
    ]
    rnd.shuffle(records)
    by_hand = [
        attrs.evolve(partner, inspections=tuple(history))
        for partner, history in zip(partners, histories, strict=True)
    ]
    matched = match_records(partners, records).partners
    assert po.rank(profile, matched) == po.rank(profile, by_hand)


# --- Names as compared -------------------------------------------------------------------

base_words = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzéüñ", min_size=1, max_size=8).filter(
        lambda word: word != "the"
    ),
    min_size=1,
    max_size=4,
)


@st.composite
def written_otherwise(draw: st.DrawFn, words: list[str]) -> str:
    """``words`` as another hand writes them: case, punctuation, "The", a legal form."""
    written = []
    for word in words:
        cased = "".join(c.upper() if draw(st.booleans()) else c for c in word)
        if len(cased) > 1 and draw(st.booleans()):  # dots or apostrophes join letters
            at = draw(st.integers(1, len(cased) - 1))
            cased = cased[:at] + draw(st.sampled_from([".", "'", "\u2019"])) + cased[at:]
        written.append(cased)
    text = written[0]
    for word in written[1:]:
        text += draw(st.sampled_from([" ", ", ", " - ", "  ", "/ ", " ("])) + word
    if draw(st.booleans()):
        text = draw(st.sampled_from(["The ", "THE ", "the "])) + text
    if draw(st.booleans()):
        text += draw(st.sampled_from([" ", ", ", " "])) + draw(st.sampled_from(LEGAL_FORMS))
    return text + draw(st.sampled_from(["", ".", ")"]))


@given(st.data(), base_words)
def test_names_compare_without_case_punctuation_the_or_legal_form(
    data: st.DataObject, words: list[str]
) -> None:
    plain = " ".join(words)
    assert firm_key(data.draw(written_otherwise(words))) == firm_key(plain)


@given(base_words)
def test_names_compare_without_accents(words: list[str]) -> None:
    plain = " ".join(words)
    unaccented = "".join(
        c for c in unicodedata.normalize("NFKD", plain) if not unicodedata.combining(c)
    )
    assert firm_key(plain) == firm_key(unaccented)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("ACME PHARMA, INC.", "Acme Pharma"),
        ("Acme Pharma L.L.C.", "Acme Pharma LLC"),
        ("Dr. Reddy's Laboratories Limited", "Dr Reddys Laboratories Ltd"),
        ("Zhejiang Jiuzhou Co.,Ltd", "Zhejiang Jiuzhou"),
        ("Siegfried AG", "SIEGFRIED"),
        ("Lonza Biologics plc", "Lonza Biologics"),
        ("Société Générale de Chimie S.A.", "Societe Generale de Chimie"),
        ("Bachem Holding GmbH & Co. KG", "Bachem Holding"),
        ("Takeda K.K.", "Takeda"),
        ("Piramal Pharma Pvt. Ltd.", "Piramal Pharma"),
        ("The Upjohn Company", "Upjohn"),
        ("Johnson & Johnson", "Johnson and Johnson"),
        ("Corden Pharma S.p.A.", "Corden Pharma"),
        ("Aenova B.V.", "Aenova N.V."),
    ],
)
def test_names_that_compare_equal(one: str, other: str) -> None:
    assert firm_key(one) == firm_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Acme Pharma", "Acme Pharmaceuticals"),  # a word, not a legal form
        ("Limited Editions Ltd", "Editions"),  # a legal form only at the end
        ("Inc Research", "Research"),
        ("Glenrock", "Glenrok"),  # never a guess
    ],
)
def test_names_that_do_not(one: str, other: str) -> None:
    assert firm_key(one) != firm_key(other)


def test_a_legal_form_never_leaves_a_name_empty() -> None:
    assert firm_key("Limited") == "limited"
    assert firm_key("The Co.") == "co"
    assert firm_key("...") == ""


# --- Countries ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "market"),
    [
        ("United States", Market.US),
        ("Puerto Rico", Market.US),
        ("Germany", Market.EU),
        ("Czechia", Market.EU),
        ("Norway", Market.EU),  # the EEA: the EU/EEA competent authorities
        ("Netherlands (the)", Market.EU),
        ("United Kingdom", Market.UK),
        ("India", Market.INDIA),
        ("Korea (the Republic of)", Market.SOUTH_KOREA),
        ("Korea, Republic of", Market.SOUTH_KOREA),
        ("JAPAN", Market.JAPAN),
        ("Switzerland", Market.SWITZERLAND),
    ],
)
def test_a_country_lies_in_its_market(country: str, market: Market) -> None:
    assert markets_of(country) == frozenset({market})


@pytest.mark.parametrize("country", ["Singapore", "Israel", "Taiwan", "Hong Kong", "Mexico"])
def test_a_country_outside_every_market_lies_in_none(country: str) -> None:
    assert markets_of(country) == frozenset()


@pytest.mark.parametrize("country", [None, "Atlantis", "Europe/Asia"])
def test_an_unknown_country_cannot_be_placed(country: str | None) -> None:
    assert markets_of(country) is None


def test_every_market_has_its_countries() -> None:
    assert set(MARKET_COUNTRIES) == set(Market)
    for market, countries in MARKET_COUNTRIES.items():
        assert all(markets_of(country) == frozenset({market}) for country in countries)
    assert len(MARKET_COUNTRIES[Market.EU]) >= 27 + 3


# --- The bound on the ratio --------------------------------------------------------------

short_texts = st.text(alphabet="abc de", max_size=14)


def _lcs(one: str, other: str) -> int:
    previous = [0] * (len(other) + 1)
    for letter in one:
        current = [0]
        for index, theirs in enumerate(other):
            current.append(
                previous[index] + 1
                if letter == theirs
                else max(previous[index + 1], current[index])
            )
        previous = current
    return previous[-1]


@given(short_texts, short_texts)
def test_the_common_subsequence_is_the_longest_and_bounds_the_ratio(one: str, other: str) -> None:
    found = common_subsequence(one, letter_masks(other), len(other))
    assert found == _lcs(one, other)
    if one or other:
        ratio = SequenceMatcher(None, one, other, autojunk=False).ratio()
        assert ratio <= 2 * found / (len(one) + len(other)) + 1e-12


@given(
    st.lists(st.sampled_from(["korvane", "korvame", "tesmia", "tesmio", "pharma", "glenrock"]),
             min_size=1, max_size=3).map(" ".join),
    st.lists(
        st.lists(st.sampled_from(["korvane", "korvana", "tesmia", "pharma", "glenrok", "ab"]),
                 min_size=1, max_size=3).map(" ".join),
        max_size=8, unique=True,
    ),
)  # fmt: skip
def test_the_closest_names_are_those_a_full_comparison_finds(
    firm: str, partner_names: list[str]
) -> None:
    partners = [_partner(name) for name in partner_names]
    record = _record(firm)
    found = match_records(partners, [record])
    if any(firm_key(p.name) == firm_key(firm) for p in partners):
        return  # a match (or ambiguous), not a suggestion

    def ends(name: str) -> set[str]:
        """The first and last four letters of each word but "pharma" and initials."""
        return {
            end + (word[:4] if end == "<" else word[-4:])
            for word in firm_key(name).split()
            if word != "pharma" and len(word) >= 3
            for end in "<>"
        }

    compared = []  # closest first, then in the partners' order
    for index, partner in enumerate(partners):
        if ends(firm) & ends(partner.name):
            ratio = SequenceMatcher(
                None, firm_key(firm), firm_key(partner.name), autojunk=False
            ).ratio()
            if ratio >= SIMILAR:
                compared.append((-ratio, index))
    expected = sorted(index for _, index in sorted(compared)[:3])
    assert [s.partner for s in found.suggestions] == [partners[i].name for i in expected]


# --- Examples ----------------------------------------------------------------------------


def test_a_record_is_matched_by_its_fei_number() -> None:
    partner = _partner("Glenrock Sterile Manufacturing", fei={"3099900701"})
    record = _record("GSM Holdings", "3099900701")
    found = match_records([partner], [record])
    assert found.matched["Glenrock Sterile Manufacturing"] == (record,)
    assert found.partners[0].inspections == (record.inspection,)
    assert found.by_name["Glenrock Sterile Manufacturing"] == ()


def test_fei_numbers_compare_as_numbers() -> None:
    partner = _partner("Acme", fei={"0012345"})
    found = match_records([partner], [_record("Someone", "12345")])
    assert len(found.matched["Acme"]) == 1


def test_a_site_matched_by_fei_number_takes_the_partners_spelling_of_it() -> None:
    # FDA's export writes the FEI number with its leading zeros; screening judges records
    # among those of their site, so the partner's clean re-inspection (typed by hand, the
    # site as the partner lists it) must clear FDA's OAI of the same site.
    reinspected = Inspection(
        regulator=Regulator.FDA,
        date=datetime.date(2025, 6, 2),
        outcome=InspectionOutcome.NO_ACTION_INDICATED,
        site="12345",
    )
    partner = attrs.evolve(_partner("Acme", fei={"12345"}), inspections=(reinspected,))
    oai = _record("Acme", "0012345", outcome=InspectionOutcome.OFFICIAL_ACTION_INDICATED)
    found = match_records([partner], [oai])
    (attached,) = found.matched["Acme"]
    assert attached.inspection.site == "12345"
    assert attached.fei_number == "0012345"  # the record itself as FDA wrote it
    profile = po.SponsorProfile(phase=po.Phase.PHASE_3, target_markets={Market.US})
    (enriched,) = found.partners
    making = {po.Service.FINISHED_DOSAGE_MANUFACTURING}
    (assessment,) = po.rank(profile, [enriched], services=making).ranked
    assert not assessment.warnings  # the OAI is cleared by the NAI after it
    # Spelt apart, the OAI would stand for a second site, blocked beside a clear one.
    apart = attrs.evolve(enriched, inspections=(*enriched.inspections[:1], oai.inspection))
    (assessment,) = po.rank(profile, [apart], services=making).ranked
    assert any(w.text.startswith("one of its sites is blocked") for w in assessment.warnings)


def test_an_fei_match_beats_a_name_match() -> None:
    owner = _partner("Birchfield", fei={"3000000001"})
    namesake = _partner("Acme Pharma")
    found = match_records([owner, namesake], [_record("ACME PHARMA INC", "3000000001")])
    assert len(found.matched["Birchfield"]) == 1
    assert found.matched["Acme Pharma"] == ()
    assert found.suggestions == ()


def test_a_record_matched_by_name_says_so_in_its_source() -> None:
    letter = PublicRecord(
        firm="FERNHILL PHARMA SERVICES, INC.",
        inspection=_inspection(InspectionOutcome.WARNING_LETTER),
        source="warning-letters.csv, row 3",
    )
    found = match_records([_partner("Fernhill Pharma Services")], [letter])
    (attached,) = found.partners[0].inspections
    assert attached.source == (
        "warning-letters.csv, row 3; matched by name 'FERNHILL PHARMA SERVICES, INC.' to "
        "partner Fernhill Pharma Services"
    )
    assert found.by_name["Fernhill Pharma Services"] == found.matched["Fernhill Pharma Services"]


def test_a_near_miss_name_is_only_a_suggestion() -> None:
    partner = _partner("Glenrock Sterile Manufacturing")
    record = _record("Glenrok Sterile Manufacturing Ltd")
    found = match_records([partner], [record])
    assert found.matched["Glenrock Sterile Manufacturing"] == ()
    assert found.partners == (partner,)
    assert found.unmatched == (record,)
    (suggestion,) = found.suggestions
    assert suggestion.partner == "Glenrock Sterile Manufacturing"
    # 29 letters of "glenrok sterile manufacturing" match, of 29 + 30.
    assert suggestion.similarity == pytest.approx(2 * 29 / 59)
    assert "confirm" in suggestion.reason


def test_a_site_outside_the_partners_markets_is_only_a_suggestion() -> None:
    partner = _partner("Acme Pharma", markets={Market.US, Market.EU})
    record = _record("Acme Pharma Pvt. Ltd.", country="India")
    found = match_records([partner], [record])
    assert found.matched["Acme Pharma"] == ()
    (suggestion,) = found.suggestions
    assert suggestion.similarity == 1.0
    assert "India, outside the partner's markets (US and EU)" in suggestion.reason


@pytest.mark.parametrize("country", [None, "Atlantis", "Germany"])
def test_a_site_the_markets_do_not_rule_out_is_matched_by_name(country: str | None) -> None:
    partner = _partner("Acme Pharma", markets={Market.US, Market.EU})
    found = match_records([partner], [_record("ACME PHARMA GMBH", country=country)])
    assert len(found.matched["Acme Pharma"]) == 1


def test_a_partner_with_no_markets_takes_its_name_from_anywhere() -> None:
    found = match_records([_partner("Acme Pharma")], [_record("Acme Pharma", country="India")])
    assert len(found.matched["Acme Pharma"]) == 1


def test_a_site_the_partner_does_not_list_is_only_a_suggestion() -> None:
    partner = _partner("Kestrel Integrated Biologics", fei={"3099901101", "3099901102"})
    record = _record("Kestrel Integrated Biologics Ltd", "3099901104")
    found = match_records([partner], [record])
    assert found.matched["Kestrel Integrated Biologics"] == ()
    (suggestion,) = found.suggestions
    assert "3099901104, is not among the partner's (3099901101 and 3099901102)" in (
        suggestion.reason
    )


def test_two_partners_of_one_name_make_a_record_ambiguous() -> None:
    partners = [_partner("Acme Pharma Inc."), _partner("ACME PHARMA LTD")]
    record = _record("Acme Pharma")
    found = match_records(partners, [record])
    (entry,) = found.ambiguous
    assert entry.record == record
    assert entry.candidates == ("Acme Pharma Inc.", "ACME PHARMA LTD")
    assert all(records == () for records in found.matched.values())
    assert found.partners == tuple(partners)
    assert entry.reason.endswith("add it by hand to the partner it concerns")  # no FEI number


def test_a_site_of_a_name_two_partners_bear_is_settled_by_its_fei_number() -> None:
    partners = [_partner("Acme Pharma Inc."), _partner("ACME PHARMA LTD")]
    (entry,) = match_records(partners, [_record("Acme Pharma", "3001234567")]).ambiguous
    assert entry.reason.endswith("list the site's FEI number on the partner whose site it is")


def test_two_partners_listing_one_fei_number_make_a_record_ambiguous() -> None:
    partners = [_partner("Acme", fei={"3001234567"}), _partner("Acme Europe", fei={"3001234567"})]
    found = match_records(partners, [_record("Acme Pharma", "3001234567")])
    (entry,) = found.ambiguous
    assert entry.candidates == ("Acme", "Acme Europe")
    assert "3001234567, is listed by Acme and Acme Europe" in entry.reason


def test_a_name_ruled_out_for_one_partner_is_matched_to_the_other() -> None:
    home = _partner("Acme Pharma Inc.", markets={Market.US})
    abroad = _partner("Acme Pharma Pvt Ltd", markets={Market.INDIA})
    found = match_records([home, abroad], [_record("ACME PHARMA", country="India")])
    assert len(found.matched["Acme Pharma Pvt Ltd"]) == 1
    assert found.matched["Acme Pharma Inc."] == ()
    assert found.suggestions == ()


def test_a_record_held_with_its_deficiency_counts_is_not_added_again() -> None:
    # Typed from the inspection report, with its deficiencies; the export row has none.
    held = attrs.evolve(_inspection(site="3001234567"), major=1, other=3)
    partner = attrs.evolve(_partner("Acme", fei={"3001234567"}), inspections=(held,))
    found = match_records([partner], [_record("Acme", "3001234567")])
    assert found.partners[0].inspections == (held,)
    # Another outcome, day or site is another inspection.
    later = _record("Acme", "3001234567", day=20)
    assert len(match_records([partner], [later]).partners[0].inspections) == 2


def test_a_record_already_held_with_another_source_is_not_added_again() -> None:
    held = _inspection(site="3001234567", source="our audit file")
    partner = attrs.evolve(_partner("Acme", fei={"3001234567"}), inspections=(held,))
    found = match_records([partner], [_record("Acme", "3001234567")])
    assert found.partners[0].inspections == (held,)
    assert len(found.matched["Acme"]) == 1


def test_a_record_without_a_source_of_its_own_takes_the_records() -> None:
    record = PublicRecord(
        firm="Acme", fei_number="1", inspection=_inspection(site="1"), source="export, row 2"
    )
    found = match_records([_partner("Acme", fei={"1"})], [record])
    assert found.partners[0].inspections[0].source == "export, row 2"


def test_records_are_added_in_order_of_date() -> None:
    later, earlier = _record("Acme", "1", day=20), _record("Acme", "1", day=2)
    found = match_records([_partner("Acme", fei={"1"})], [later, earlier])
    assert found.matched["Acme"] == (earlier, later)
    assert [i.date for i in found.partners[0].inspections] == [
        earlier.inspection.date,
        later.inspection.date,
    ]


def test_no_partner_and_no_record() -> None:
    assert match_records([], []) == RecordMatch()


def test_a_name_of_punctuation_only_matches_nothing() -> None:
    found = match_records([_partner("!!!")], [_record("???"), _record("!!!")])
    assert len(found.unmatched) == 2
    assert found.suggestions == ()


# --- Bad input ---------------------------------------------------------------------------


def test_a_partner_that_is_not_one_is_refused() -> None:
    with pytest.raises(InvalidInputError, match=r"partners\[1\]: 'Acme' is a str, not a Partner"):
        match_records([_partner("A"), "Acme"], [])  # type: ignore[list-item]


def test_a_record_that_is_not_one_is_refused() -> None:
    with pytest.raises(InvalidInputError, match=r"records\[0\]: .* is an Inspection, not a Pub"):
        match_records([], [_inspection()])  # type: ignore[list-item]


def test_a_single_partner_is_not_a_collection() -> None:
    with pytest.raises(InvalidInputError, match=r"partners: .* is not a collection of partners"):
        match_records(_partner("A"), [])  # type: ignore[arg-type]


def test_partners_of_one_name_are_refused() -> None:
    with pytest.raises(
        InvalidInputError,
        match=r"partners\[1\]\.name: 'A' names more than one partner; matched records are listed",
    ):
        match_records([_partner("A"), _partner("A")], [])


def test_a_match_naming_no_partner_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="matched: 'B' is not the name of one of the"):
        RecordMatch(partners=(_partner("A"),), matched={"B": ()})


def test_a_match_holding_what_is_not_a_record_is_refused() -> None:
    with pytest.raises(InvalidInputError, match=r"matched\['A'\]\[0\]: 1 is not a PublicRecord"):
        RecordMatch(partners=(_partner("A"),), matched={"A": (1,)})  # type: ignore[dict-item]


def test_an_ambiguous_record_fits_two_partners_at_least() -> None:
    with pytest.raises(InvalidInputError, match=r"candidates: .* is not two or more"):
        po.AmbiguousRecord(record=_record("A"), candidates=("A",), reason="why")


def test_a_similarity_is_a_number_from_0_to_1() -> None:
    with pytest.raises(InvalidInputError, match=r"similarity: 1\.5 is not a number from 0 to 1"):
        po.RecordSuggestion(record=_record("A"), partner="A", similarity=1.5, reason="why")


# --- Displays ----------------------------------------------------------------------------


def _shown() -> RecordMatch:
    partners = [
        _partner("Glenrock <Sterile> Manufacturing", fei={"3099900701"}),
        _partner("Acme Pharma", markets={Market.US}),
        _partner("Quiet CMO"),
    ]
    records = [
        _record("Glenrock", "3099900701", outcome=InspectionOutcome.OFFICIAL_ACTION_INDICATED),
        _record("ACME PHARMA, INC."),
        _record("Acme Pharma", country="India", day=3),
        _record("Unknown Firm"),
    ]
    return match_records(partners, records)


def test_the_markdown_display_counts_and_lists_what_to_check() -> None:
    text = _shown()._repr_markdown_()
    assert text.startswith(
        "## Public records: 2 records matched, 2 unmatched, 0 ambiguous, 1 suggestion"
    )
    assert "## Matched (2 records to 2 partners, 1 of them by name)" in text
    assert "| Acme Pharma | FDA inspection classified NAI (no action indicated), 14 March" in text
    assert "No record matched Quiet CMO." in text
    assert "Matched by name (1)" in text
    assert "Suggestions (1)" in text
    # What was not matched is listed, each record with the file and row it was read from.
    assert "## Unmatched (2): attached to no partner" in text
    assert "| Unknown Firm | United States | FDA inspection classified NAI" in text
    assert "No record is not a clean record" in text


def test_the_html_display_escapes_names() -> None:
    html = _shown()._repr_html_()
    assert "Glenrock &lt;Sterile&gt; Manufacturing" in html
    assert "<Sterile>" not in html
    assert "Public records: 2 records matched" in html


def test_long_tables_are_cut_in_the_notebook_displays() -> None:
    partners = [_partner(f"Partner {index}", fei={str(index + 1)}) for index in range(60)]
    records = [_record(f"Firm {index}", str(index + 1)) for index in range(60)]
    text = match_records(partners, records)._repr_markdown_()
    assert "... and 10 more rows, not shown." in text
    assert text.count("| Partner ") == 50


def test_unmatched_records_are_in_order_of_firm_then_source_then_the_rest() -> None:
    # Two records of one firm read from one place (a source naming no row), days apart.
    late = attrs.evolve(_record("Zeta", day=20), source="letters.csv")
    early = attrs.evolve(_record("Zeta", day=2), source="letters.csv")
    alpha = _record("Alpha", day=9)
    for records in ([late, alpha, early], [early, late, alpha]):
        assert match_records([], records).unmatched == (alpha, early, late)


# --- From FDA's files to a ranking ------------------------------------------------------

_ROOT = pathlib.Path(__file__).parent.parent
_FROM_EXPORTS = {
    InspectionOutcome.NO_ACTION_INDICATED,
    InspectionOutcome.VOLUNTARY_ACTION_INDICATED,
    InspectionOutcome.OFFICIAL_ACTION_INDICATED,
    InspectionOutcome.WARNING_LETTER,
    InspectionOutcome.CLOSE_OUT_LETTER,
}
_NAI = InspectionOutcome.NO_ACTION_INDICATED
_VAI = InspectionOutcome.VOLUNTARY_ACTION_INDICATED
_OAI = InspectionOutcome.OFFICIAL_ACTION_INDICATED
_GMP, _GCP, _GVP, _NONE = Framework.GMP, Framework.GCP, Framework.GVP, Framework.NONE
# What a user reading tests/data's two exports would type into the example partners: the
# partner (by the start of its name), the record's day, outcome, framework and site.
_TYPED = (
    ("Glenrock", "2023-02-16", _VAI, _GMP, "3099900701"),  # two rows: VAI and NAI
    ("Glenrock", "2026-03-12", _NAI, _GMP, "3099900701"),
    ("Alderbrook", "2022-09-14", _VAI, _GCP, "3099900101"),
    ("Alderbrook", "2025-04-03", _NAI, _GCP, "3099900101"),
    ("Dunmore", "2023-11-08", _VAI, _GCP, "3099900401"),
    ("Dunmore", "2025-10-16", _NAI, _GVP, "3099900401"),
    ("Hartwell", "2025-02-14", _OAI, _GMP, "3099900801"),
    ("Hartwell", "2025-02-14", _VAI, _NONE, "3099900801"),  # generic drug evaluation
    ("Hartwell", "2025-07-22", InspectionOutcome.WARNING_LETTER, _GMP, None),
    ("Hartwell", "2026-03-18", InspectionOutcome.CLOSE_OUT_LETTER, _GMP, None),
    ("Pinewood", "2026-02-05", _OAI, _GMP, "3099901601"),
    ("Pinewood", "2025-05-15", _NAI, _GMP, "3099901602"),
    ("Kestrel", "2025-08-21", _NAI, _GMP, "3099901102"),
    ("Fernhill", "2024-08-29", _NAI, _GMP, "3099900601"),
)


def _standings(shortlist: po.Shortlist) -> tuple[object, ...]:
    """What a ranking decides: who is ranked, in which order with which scores and
    warnings, and who is excluded for which failures."""
    ranked = tuple((a.partner.name, a.scores, len(a.warnings)) for a in shortlist.ranked)
    excluded = tuple((e.partner.name, len(e.reasons)) for e in shortlist.excluded)
    return ranked, excluded


@pytest.mark.parametrize("profile", sorted((_ROOT / "examples").glob("*.toml")), ids=str)
def test_loading_then_matching_then_ranking_is_ranking_the_records_typed_by_hand(
    profile: pathlib.Path,
) -> None:
    # The example partners without their FDA inspections and letters, then given those of
    # the fixture exports: read from the files and matched, or typed by hand.
    bare = [
        attrs.evolve(
            partner,
            inspections=[
                i
                for i in partner.inspections
                if not (i.regulator is Regulator.FDA and i.outcome in _FROM_EXPORTS)
            ],
        )
        for partner in po.load_partners(_ROOT / "examples" / "partners.json")
    ]
    records = [
        *po.load_fda_inspections(_ROOT / "tests" / "data" / "fda-inspections.csv"),
        *po.load_fda_warning_letters(_ROOT / "tests" / "data" / "fda-warning-letters.csv"),
    ]
    matched = match_records(bare, records).partners
    typed = [
        attrs.evolve(
            partner,
            inspections=[
                *partner.inspections,
                *(
                    Inspection(
                        regulator=Regulator.FDA,
                        date=datetime.date.fromisoformat(day),
                        outcome=outcome,
                        framework=framework,
                        site=site,
                    )
                    for start, day, outcome, framework, site in _TYPED
                    if partner.name.startswith(start)
                ),
            ],
        )
        for partner in bare
    ]
    sponsor = po.load_profile(profile)
    assert _standings(po.rank(sponsor, matched)) == _standings(po.rank(sponsor, typed))
