"""Public records matched to candidate partners: by FEI number, then by legal name.

:func:`match_records` attaches each record to the one partner it belongs to, by the FDA
Establishment Identifier (FEI) of its site first, then by the firm's legal name compared
without case, accents, punctuation or legal form (:func:`~._records.names.firm_key`);
never by a guess. A name that is only close to a partner's is a suggestion for the user to
confirm, not a match (DESIGN.md §13).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from difflib import SequenceMatcher
from operator import attrgetter
from typing import Any

import attrs

from .._criteria import distinct_partners
from .._errors import InvalidInputError
from .._fields import (
    as_tuple,
    checked_all,
    expect_mapping,
    instance_of,
    non_empty_text,
    tuple_of,
    unit_score,
)
from .._frozenmap import FrozenMap
from .._partners import Inspection, Partner
from .._reasons import listing
from .._vocabulary import Market, in_declared_order
from .countries import markets_of
from .names import firm_key, folded_words
from .record import PublicRecord

__all__ = [
    "SIMILAR",
    "AmbiguousRecord",
    "RecordMatch",
    "RecordSuggestion",
    "match_records",
]

SIMILAR = 0.6
"""The least similarity (:class:`difflib.SequenceMatcher` ratio) of a suggested name."""

_SUGGESTED = 3  # partners suggested at most for one record's name, the closest first


# --- Result types ------------------------------------------------------------------------


def _partner_names(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate the names of the partners an ambiguous record fits: two or more, distinct."""
    if (
        not isinstance(value, tuple)
        or len(value) < 2
        or not all(isinstance(name, str) and name.strip() for name in value)
        or len(set(value)) < len(value)
    ):
        raise InvalidInputError(
            field=attribute.name,
            value=value,
            problem="is not two or more partners' names",
            allowed="the distinct names of the partners the record fits, at least two",
        )


def _names(value: Iterable[str]) -> tuple[str, ...]:
    return as_tuple(value)


@attrs.frozen(kw_only=True)
class AmbiguousRecord:
    """A public record that fits several partners, so is attached to none of them.

    Attributes:
        record: The record.
        candidates: The names of the partners it fits, in the order the partners were
            given: those listing its FEI number, or else those whose name is its firm's.
        reason: Why it fits them, and how to settle it.

    Raises:
        InvalidInputError: A field holds a value of the wrong kind, or fewer than two
            distinct names.

    Example:
        >>> import datetime
        >>> from pharma_outsourcing import (
        ...     Inspection, InspectionOutcome, OrganisationType, Partner, PublicRecord,
        ...     Regulator, match_records,
        ... )
        >>> inspection = Inspection(
        ...     regulator=Regulator.FDA, date=datetime.date(2024, 5, 2),
        ...     outcome=InspectionOutcome.NO_ACTION_INDICATED, site="3001234567",
        ... )
        >>> record = PublicRecord(
        ...     firm="Acme Pharma", fei_number="3001234567", inspection=inspection,
        ...     source="inspections.csv, row 2",
        ... )
        >>> sites = {"fei_numbers": {"3001234567"}, "organisation_type": OrganisationType.CMO}
        >>> both = [Partner(name="Acme", **sites), Partner(name="Acme Europe", **sites)]
        >>> match_records(both, [record]).ambiguous[0].candidates
        ('Acme', 'Acme Europe')
    """

    record: PublicRecord = attrs.field(validator=instance_of(PublicRecord))
    candidates: tuple[str, ...] = attrs.field(converter=_names, validator=_partner_names)
    reason: str = attrs.field(validator=non_empty_text)


@attrs.frozen(kw_only=True)
class RecordSuggestion:
    """A public record that may be a partner's, for the user to confirm: not attached.

    Either the record's firm has the partner's name but something speaks against it (its
    country lies outside the partner's markets, or its FEI number is not among the
    partner's), or the firm's name is only close to the partner's.

    Attributes:
        record: The record (among :attr:`RecordMatch.unmatched`).
        partner: The name of the partner it may belong to.
        similarity: How close the two names are, from 0 to 1: the
            :class:`difflib.SequenceMatcher` ratio of the names as compared (1 when
            they are the same), at least 0.6.
        reason: Why it is suggested and not matched, and what would settle it.

    Raises:
        InvalidInputError: A field holds a value of the wrong kind, or the similarity is
            not a number from 0 to 1.

    Example:
        >>> import datetime
        >>> from pharma_outsourcing import (
        ...     Inspection, InspectionOutcome, OrganisationType, Partner, PublicRecord,
        ...     Regulator, match_records,
        ... )
        >>> record = PublicRecord(
        ...     firm="Glenrock Sterile Manufacture Ltd",
        ...     inspection=Inspection(
        ...         regulator=Regulator.FDA, year=2023,
        ...         outcome=InspectionOutcome.WARNING_LETTER, site=None,
        ...     ),
        ...     source="warning-letters.csv, row 7",
        ... )
        >>> partner = Partner(
        ...     name="Glenrock Sterile Manufacturing", organisation_type=OrganisationType.CMO
        ... )
        >>> suggestion = match_records([partner], [record]).suggestions[0]
        >>> suggestion.partner, round(suggestion.similarity, 2)
        ('Glenrock Sterile Manufacturing', 0.93)
    """

    record: PublicRecord = attrs.field(validator=instance_of(PublicRecord))
    partner: str = attrs.field(validator=non_empty_text)
    similarity: float = attrs.field(validator=unit_score)
    reason: str = attrs.field(validator=non_empty_text)


def _partners(value: Iterable[Partner]) -> tuple[Partner, ...]:
    return as_tuple(value)


def _records(value: Iterable[PublicRecord]) -> tuple[PublicRecord, ...]:
    return as_tuple(value)


def _ambiguous(value: Iterable[AmbiguousRecord]) -> tuple[AmbiguousRecord, ...]:
    return as_tuple(value)


def _suggestions(value: Iterable[RecordSuggestion]) -> tuple[RecordSuggestion, ...]:
    return as_tuple(value)


def _matched(
    value: Mapping[str, Iterable[PublicRecord]],
) -> FrozenMap[str, tuple[PublicRecord, ...]]:
    if isinstance(value, FrozenMap):
        return value
    if not isinstance(value, Mapping):
        return value  # type: ignore[unreachable]  # left for the validator to refuse
    return FrozenMap((name, as_tuple(records)) for name, records in value.items())


def _by_partner(instance: RecordMatch, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate ``matched``: each partner's name to a tuple of records."""
    mapping = expect_mapping(
        value, field=attribute.name, allowed="a mapping of partners' names to their records"
    )
    names = {partner.name for partner in instance.partners}  # checked first
    check = tuple_of(PublicRecord)
    for name, records in mapping.items():
        if name not in names:
            raise InvalidInputError(
                field=attribute.name,
                value=name,
                problem="is not the name of one of the partners",
                allowed="the partners' names",
            )
        try:
            check(instance, attribute, records)
        except InvalidInputError as error:
            raise InvalidInputError(
                field=f"{attribute.name}[{name!r}]{error.field.removeprefix(attribute.name)}",
                value=error.value,
                problem=error.problem,
                allowed=error.allowed,
            ) from None


@attrs.frozen(kw_only=True)
class RecordMatch:
    """The outcome of :func:`match_records`: the partners with their records, and the rest.

    Every record given ends in exactly one of :attr:`matched`, :attr:`unmatched` and
    :attr:`ambiguous`; a suggestion is about an unmatched record.

    Attributes:
        partners: The partners, in the order given, each with its matched records added
            to its :attr:`~pharma_outsourcing.Partner.inspections` (a record it already
            holds, even with another source or deficiency counts, is not added again).
        matched: Each partner's name, in the order given, to the records attached to it
            (none for a partner no record matched), in order of date: the records as
            attached, whose inspection's source says where the record came from and, for a
            match by name, that it was matched by name.
        unmatched: The records attached to no partner, in order of date (some of them
            have :attr:`suggestions`). No record is not a clean record: FDA's exports
            leave out state and pre-approval inspections.
        ambiguous: The records that fit several partners, attached to none, with the
            partners each fits, in order of date.
        suggestions: Partners that unmatched records may belong to, for the user to
            confirm: by partner in the order given, then closest first.

    Raises:
        InvalidInputError: A field holds a value of the wrong kind, or ``matched`` names
            a partner that is not among ``partners``.

    Example:
        >>> import datetime
        >>> from pharma_outsourcing import (
        ...     Inspection, InspectionOutcome, OrganisationType, Partner, PublicRecord,
        ...     Regulator, match_records,
        ... )
        >>> letter = PublicRecord(
        ...     firm="FERNHILL PHARMA SERVICES, INC.",
        ...     inspection=Inspection(
        ...         regulator=Regulator.FDA, date=datetime.date(2024, 3, 12),
        ...         outcome=InspectionOutcome.WARNING_LETTER,
        ...     ),
        ...     source="warning-letters.csv, row 3",
        ... )
        >>> fernhill = Partner(
        ...     name="Fernhill Pharma Services", organisation_type=OrganisationType.CMO
        ... )
        >>> found = match_records([fernhill], [letter])
        >>> [r.inspection.outcome.label for r in found.matched["Fernhill Pharma Services"]]
        ['warning letter']
        >>> print(found.partners[0].inspections[0].source)
        warning-letters.csv, row 3; matched by name 'FERNHILL PHARMA SERVICES, INC.' to \
partner Fernhill Pharma Services
    """

    partners: tuple[Partner, ...] = attrs.field(
        default=(), converter=_partners, validator=tuple_of(Partner)
    )
    matched: Mapping[str, tuple[PublicRecord, ...]] = attrs.field(
        factory=FrozenMap, converter=_matched, validator=_by_partner
    )
    unmatched: tuple[PublicRecord, ...] = attrs.field(
        default=(), converter=_records, validator=tuple_of(PublicRecord)
    )
    ambiguous: tuple[AmbiguousRecord, ...] = attrs.field(
        default=(), converter=_ambiguous, validator=tuple_of(AmbiguousRecord)
    )
    suggestions: tuple[RecordSuggestion, ...] = attrs.field(
        default=(), converter=_suggestions, validator=tuple_of(RecordSuggestion)
    )

    @property
    def by_name(self) -> Mapping[str, tuple[PublicRecord, ...]]:
        """Each partner's name to those of its records matched by name, not by FEI number.

        The ones to check first: a record whose FEI number the partner lists is its own
        site's; one matched by name has no FEI number (a warning letter) or one the
        partner does not list.

        Example:
            >>> from pharma_outsourcing import OrganisationType, Partner, match_records
            >>> partner = Partner(name="Acme", organisation_type=OrganisationType.CRO)
            >>> match_records([partner], []).by_name
            FrozenMap({'Acme': ()})
        """
        partners = {partner.name: partner for partner in self.partners}
        return FrozenMap(
            (name, tuple(r for r in records if not _listed(r, partners[name])))
            for name, records in self.matched.items()
        )

    def _repr_html_(self) -> str:
        """The match as HTML: what each partner received, ambiguous records, suggestions."""
        from .._render import notebook  # noqa: PLC0415 - on first display

        return notebook.html(self)

    def _repr_markdown_(self) -> str:
        """The match as Markdown tables."""
        from .._render import notebook  # noqa: PLC0415 - on first display

        return notebook.markdown(self)


# --- Matching ----------------------------------------------------------------------------


def _fei(number: str) -> str:
    """An FEI number as compared: its digits without leading zeros (a number, not a text)."""
    return number.lstrip("0") or "0"


def _listed(record: PublicRecord, partner: Partner) -> bool:
    """Whether ``partner`` lists ``record``'s FEI number among its own."""
    number = record.fei_number
    return number is not None and _fei(number) in {_fei(own) for own in partner.fei_numbers}


def _order(record: PublicRecord) -> tuple[object, ...]:
    """The order of a partner's records: by date (an undated one first in its year).

    Then by every other field, so the order is total: records in the same place are
    equal, and the order they were given in makes no difference.
    """
    inspection = record.inspection
    date = inspection.date
    return (
        inspection.year,
        date is not None,
        date or datetime.date.min,
        record.source,
        record.firm,
        record.fei_number or "",
        record.country or "",
        inspection.regulator.value,
        inspection.outcome.value,
        inspection.framework.value,
        inspection.site or "",
        inspection.critical,
        inspection.major,
        inspection.other,
        inspection.source or "",
    )


_SOURCE = attrgetter("source")
_FIRM = attrgetter("firm")
_FIRM_AND_SOURCE = attrgetter("firm", "source")


def _by_firm(records: list[PublicRecord]) -> list[PublicRecord]:
    """``records`` by firm (as written), then by source, then by :func:`_order`.

    The order of the unmatched records, which may be most of an export: two stable sorts
    on one text each and, only when sources repeat, the runs of one firm and source
    ordered by every field.
    """
    ordered = sorted(records, key=_SOURCE)
    ordered.sort(key=_FIRM)
    if len(set(map(_SOURCE, ordered))) == len(ordered):
        return ordered
    keys = [_FIRM_AND_SOURCE(record) for record in ordered]
    start = 0
    while start < len(ordered):
        end = start + 1
        while end < len(ordered) and keys[end] == keys[start]:
            end += 1
        if end - start > 1:
            ordered[start:end] = sorted(ordered[start:end], key=_order)
        start = end
    return ordered


# An inspection as compared with those a partner already holds: every field but its source
# and its deficiency counts. FDA's exports give no counts, so an inspection typed from its
# report (with its critical, major and other deficiencies) is the one its export row gives.
_SAME = attrgetter(
    *(
        field.name
        for field in attrs.fields(Inspection)
        if field.name not in {"source", "critical", "major", "other"}
    )
)


def _attached(record: PublicRecord, partner: Partner, *, by_name: bool) -> PublicRecord:
    """``record`` as attached to ``partner``: its inspection's source says where it came from.

    The source is the inspection's own, or else the record's (the file and row); a match
    by name says so. A site named by its FEI number takes the partner's spelling of it
    (``3099906601`` for an export's ``0003099906601``): screening judges records among
    those of their site, so a partner's own records and FDA's must name it alike.
    """
    inspection = record.inspection
    source = inspection.source or record.source
    if by_name:
        source = f"{source}; matched by name {record.firm!r} to partner {partner.name}"
    site = inspection.site
    if site is not None and site == record.fei_number and site not in partner.fei_numbers:
        site = next((own for own in sorted(partner.fei_numbers) if _fei(own) == _fei(site)), site)
    if source == inspection.source and site == inspection.site:
        return record
    return attrs.evolve(record, inspection=attrs.evolve(inspection, source=source, site=site))


def _market_words(markets: Iterable[Market]) -> str:
    return listing(market.label for market in in_declared_order(markets))


def _refusal(partner: Partner, record: PublicRecord, markets: frozenset[Market] | None) -> str:
    """Why ``record``, whose firm has ``partner``'s name, is not the partner's ("" if it is).

    Its FEI number, when it has one, is listed by no partner (it would have been matched
    by it); a partner that lists its own sites' numbers does not have this one. A record
    in a country that lies in none of the partner's markets may be another firm's.
    """
    fei = record.fei_number
    if fei is not None and partner.fei_numbers:
        return (
            f"the partner's name, but the site's FEI number, {fei}, is not among the "
            f"partner's ({listing(sorted(partner.fei_numbers))}): add it to the partner's "
            f"FEI numbers if the site is the partner's"
        )
    if partner.markets and markets is not None and not markets & partner.markets:
        return (
            f"the partner's name, but the site is in {record.country}, outside the "
            f"partner's markets ({_market_words(partner.markets)}): confirm the site is the "
            f"partner's"
        )
    return ""


# Words too common in firms' names to tell firms apart: two names that share no other
# word are not compared for suggestions ("Zhejiang Huahai Pharmaceutical" is not a
# misspelling of "Zhejiang Hisun Pharmaceutical"). Compared folded.
_COMMON_WORDS = frozenset(
    word
    for words in (
        "and of de del der des du la le für the",
        "pharma pharmaceutical pharmaceuticals pharmaceutique pharmazeutische pharmacy",
        "farma farmaceutica farmaceutici pharmaceutica laboratories laboratory labs lab",
        "laboratorios laboratoires laboratorio bio biologics biologicals biotech",
        "biotechnology biosciences bioscience biopharma biopharmaceuticals life sciences",
        "science lifesciences health healthcare medical medicals medicine medicines",
        "chemicals chemical chemie chem drug drugs industries industry industrial",
        "international intl global group holdings holding manufacturing manufacturer",
        "products solutions services technologies technology therapeutics research",
        "development specialty speciality specialities generics clinical trials sterile",
        "fine organics organic synthesis ingredients active formulations formulation api",
        "apis injectables vaccines remedies lifecare care consumer nutrition enterprises",
        "trading exports division",
        "plant site unit usa america american europe european asia pacific india indian",
        "china chinese japan north south east west new",
        "zhejiang jiangsu shandong shanghai beijing hubei hebei guangdong sichuan anhui",
        "henan hunan jiangxi fujian liaoning tianjin chongqing shanxi shaanxi hyderabad",
        "mumbai ahmedabad gujarat maharashtra",
    )
    for word in folded_words(words)
)
_ENDS = 4  # letters at each end of a word that names sharing it are compared on


def _blocks(key: str) -> set[str]:
    """The keys of names to compare ``key`` with: the ends of its uncommon words.

    Two names are compared when they share the first or last four letters of a word
    that is not among the commonest of firms' names: one slip of a letter keeps one end
    of a word whole.
    """
    found: set[str] = set()
    for word in key.split():
        if len(word) >= 3 and word not in _COMMON_WORDS:
            found.add(f"<{word[:_ENDS]}")
            found.add(f">{word[-_ENDS:]}")
    return found


def letter_masks(text: str) -> dict[str, int]:
    """Each letter of ``text`` to the bits of its positions (bit ``i`` for ``text[i]``)."""
    masks: dict[str, int] = {}
    for position, letter in enumerate(text):
        masks[letter] = masks.get(letter, 0) | 1 << position
    return masks


def common_subsequence(text: str, masks: dict[str, int], length: int) -> int:
    """The length of the longest common subsequence of ``text`` and another text.

    The other text is given by its :func:`letter_masks` and its length. Bit-parallel:
    one step of a few integer operations per letter of ``text`` (Crochemore, Iliopoulos,
    Pinzon and Reid, "A fast and practical bit-vector algorithm for the longest common
    subsequence problem", Information Processing Letters 80 (2001) 279-285).

    The letters :class:`difflib.SequenceMatcher` finds matching lie in order in both
    texts, so they never outnumber the longest common subsequence: twice this length
    over the two lengths bounds the matcher's ratio from above.

    Example:
        >>> common_subsequence("acme pharma", letter_masks("acmi pharma"), 11)
        10
    """
    full = (1 << length) - 1
    row = full
    for letter in text:
        matches = row & masks.get(letter, 0)
        if matches:
            row = ((row + matches) | (row - matches)) & full
    return length - row.bit_count()


@attrs.frozen
class _Names:
    """The partners' names as compared, and what comparing a firm's name with them needs."""

    keys: tuple[str, ...]  # each partner's name as compared, in the partners' order
    masks: tuple[dict[str, int], ...]  # each partner's name's letter masks
    blocks: dict[str, list[int]]  # a block to the partners whose names have it
    # A matcher holding the partner's name, for each partner compared with any name: what
    # a matcher learns of its second sequence is learnt once.
    matchers: dict[int, SequenceMatcher[str]] = attrs.field(factory=dict)

    @classmethod
    def of(cls, keys: tuple[str, ...]) -> _Names:
        blocks: dict[str, list[int]] = {}
        for index, key in enumerate(keys):
            for block in sorted(_blocks(key)):
                blocks.setdefault(block, []).append(index)
        return cls(keys, tuple(letter_masks(key) for key in keys), blocks)

    def _ratio(self, key: str, index: int) -> float:
        matcher = self.matchers.get(index)
        if matcher is None:
            matcher = self.matchers[index] = SequenceMatcher(
                None, "", self.keys[index], autojunk=False
            )
        matcher.set_seq1(key)
        return matcher.ratio()

    def closest(self, key: str) -> list[tuple[float, int]]:
        """The partners whose names are closest to ``key``: similarity and index, best first.

        Only partners sharing a block with ``key`` are compared, and only those of
        similarity :data:`SIMILAR` or more are kept, :data:`_SUGGESTED` at most; a name
        equal to the partner's is never among them (it would be a match). The ratio is
        worked out only where its bounds (from the lengths, then from the longest common
        subsequence) allow it to be among the closest.
        """
        near: set[int] = set()
        for block in _blocks(key):
            near.update(self.blocks.get(block, ()))
        size = len(key)
        bounded = []
        for index in near:
            other = len(self.keys[index])
            total = size + other
            if 2 * min(size, other) >= SIMILAR * total:
                bound = 2 * common_subsequence(key, self.masks[index], other) / total
                if bound >= SIMILAR:
                    bounded.append((-bound, index))
        found: list[tuple[float, int]] = []
        for negative, index in sorted(bounded):
            if len(found) == _SUGGESTED and -negative < -found[-1][0]:
                break  # no ratio left can beat the closest found
            similarity = self._ratio(key, index)
            if similarity >= SIMILAR:
                found.append((-similarity, index))
                found.sort()
                del found[_SUGGESTED:]
        return [(-negative, index) for negative, index in found]


@attrs.define
class _Matching:
    """One call of :func:`match_records`: the partners indexed, and each record's place.

    The partners are indexed by FEI number and by name as compared; each firm's name is
    compared once however many records carry it, and each country placed once.
    """

    partners: tuple[Partner, ...]
    keys: tuple[str, ...]  # each partner's name as compared
    by_fei: dict[str, list[int]]  # an FEI number as compared to the partners listing it
    by_name: dict[str, list[int]]  # a name as compared to the partners having it
    attached: list[list[PublicRecord]]  # each partner's records, as attached
    unmatched: list[PublicRecord] = attrs.Factory(list)
    ambiguous: list[AmbiguousRecord] = attrs.Factory(list)
    refused: list[tuple[int, PublicRecord, str]] = attrs.Factory(list)  # name matches refused
    unnamed: dict[str, list[PublicRecord]] = attrs.Factory(dict)  # unmatched, by name
    firm_keys: dict[str, str] = attrs.Factory(dict)  # a firm's name as written, as compared
    places: dict[str | None, frozenset[Market] | None] = attrs.Factory(dict)

    @classmethod
    def of(cls, partners: tuple[Partner, ...]) -> _Matching:
        by_fei: dict[str, list[int]] = {}
        for index, partner in enumerate(partners):
            for number in sorted({_fei(number) for number in partner.fei_numbers}):
                by_fei.setdefault(number, []).append(index)
        keys = tuple(firm_key(partner.name) for partner in partners)
        by_name: dict[str, list[int]] = {}
        for index, key in enumerate(keys):
            if key:
                by_name.setdefault(key, []).append(index)
        return cls(partners, keys, by_fei, by_name, [[] for _ in partners])

    def place(self, records: Iterable[PublicRecord]) -> None:
        """Attach each record to its partner, or set it among the unmatched or ambiguous."""
        by_fei, by_name, firm_keys = self.by_fei.get, self.by_name.get, self.firm_keys
        unmatched, unnamed = self.unmatched, self.unnamed
        for record in records:
            number = record.fei_number
            if number is not None:
                listing_it = by_fei(number.lstrip("0") or "0")  # as _fei(number)
                if listing_it:
                    self._by_fei(record, listing_it)
                    continue
            firm = record.firm
            key = firm_keys.get(firm)
            if key is None:
                key = firm_keys[firm] = firm_key(firm)
            named = by_name(key) if key else None
            if named:
                self._by_name(record, named)
                continue
            unmatched.append(record)
            if key:
                unnamed.setdefault(key, []).append(record)

    def _by_fei(self, record: PublicRecord, listing_it: list[int]) -> None:
        """Place ``record``, whose FEI number the partners ``listing_it`` list."""
        if len(listing_it) == 1:
            self._attach(listing_it[0], record, by_name=False)
            return
        names = [self.partners[index].name for index in listing_it]
        self.ambiguous.append(
            AmbiguousRecord(
                record=record,
                candidates=names,
                reason=f"its FEI number, {record.fei_number}, is listed by {listing(names)}: "
                f"list it on the partner whose site it is, and on no other",
            )
        )

    def _attach(self, index: int, record: PublicRecord, *, by_name: bool) -> None:
        self.attached[index].append(_attached(record, self.partners[index], by_name=by_name))

    def _by_name(self, record: PublicRecord, named: list[int]) -> None:
        """Place ``record``, whose firm has the name of the partners ``named``."""
        country = record.country
        if country not in self.places:
            self.places[country] = markets_of(country)
        standing, against = [], []
        for index in named:
            why = _refusal(self.partners[index], record, self.places[country])
            if why:
                against.append((index, record, why))
            else:
                standing.append(index)
        if len(standing) == 1:
            self._attach(standing[0], record, by_name=True)
        elif standing:
            names = [self.partners[index].name for index in standing]
            settle = (
                "list the site's FEI number on the partner whose site it is"
                if record.fei_number is not None
                else "it names no site (no FEI number), so add it by hand to the partner "
                "it concerns"
            )
            self.ambiguous.append(
                AmbiguousRecord(
                    record=record,
                    candidates=names,
                    reason=f"its firm's name, {record.firm!r}, is the name of "
                    f"{listing(names)}: {settle}",
                )
            )
        else:
            self.unmatched.append(record)
            self.refused.extend(against)

    def suggestions(self) -> tuple[RecordSuggestion, ...]:
        """The refused name matches, and the partners whose names are close to a firm's.

        By partner in the order given, then closest first, then in order of records.
        """
        rows = [(index, 1.0, record, why) for index, record, why in self.refused]
        names = _Names.of(self.keys)
        for key, records in self.unnamed.items():
            for similarity, index in names.closest(key):
                rows.extend(
                    (
                        index,
                        similarity,
                        record,
                        (
                            f"a name close to the partner's (similarity {similarity:.2f}): "
                            f"confirm they are one firm before adding the record"
                        ),
                    )
                    for record in records
                )
        rows.sort(key=lambda row: (row[0], -row[1], _order(row[2])))
        return tuple(
            RecordSuggestion(
                record=record,
                partner=self.partners[index].name,
                similarity=similarity,
                reason=why,
            )
            for index, similarity, record, why in rows
        )

    def result(self) -> RecordMatch:
        """The match: each partner with its records added, and the records left over."""
        pairs = list(zip(self.partners, self.attached, strict=True))
        return RecordMatch(
            partners=tuple(_with_records(partner, records) for partner, records in pairs),
            matched=FrozenMap(
                (partner.name, tuple(sorted(records, key=_order))) for partner, records in pairs
            ),
            unmatched=tuple(_by_firm(self.unmatched)),
            ambiguous=tuple(sorted(self.ambiguous, key=lambda entry: _order(entry.record))),
            suggestions=self.suggestions(),
        )


def match_records(partners: Iterable[Partner], records: Iterable[PublicRecord]) -> RecordMatch:
    """Attach public records to the partners they belong to: by FEI number, then by name.

    1. A record whose FEI number (compared as a number: leading zeros aside) is among a
       partner's :attr:`~pharma_outsourcing.Partner.fei_numbers` is that partner's; if
       several partners list it, it is ambiguous. Such a record is never given to
       another partner by name.
    2. Else a record whose firm's name is a partner's, compared without case, accents,
       punctuation, a leading "The" or a legal form at the end ("Inc.", "LLC", "Ltd",
       "GmbH", "S.A.", "AG", ...: see ``LEGAL_FORMS``), is that partner's, and its
       inspection's source says it was matched by name; if several partners have the
       name, it is ambiguous. Two things make such a match only a suggestion: the
       partner lists FEI numbers and the record's is not among them, or the partner
       lists markets and the record's country lies in none of them (a country the
       library cannot place in or outside a market, or none, does not count against
       it).
    3. Else the record is unmatched. A partner whose name is close to the record's firm
       (a :class:`difflib.SequenceMatcher` ratio of 0.6 or more between the names as
       compared, sharing the first or last four letters of a word other than the
       commonest in firms' names, such as "pharma") is suggested, the three closest at
       most; nothing close is ever attached.

    A record a partner already holds (the same inspection, whatever its source and its
    deficiency counts, which FDA's exports do not give) is not added again, so matching
    twice is matching once. Nothing given is changed, and the
    order of the records makes no difference.

    Args:
        partners: The candidate partners, with distinct names.
        records: The public records, as the loaders read them.

    Returns:
        The partners with their records, and what was matched, what was not, what was
        ambiguous and what may be confirmed by hand.

    Raises:
        InvalidInputError: ``partners`` is not a collection of partners with distinct
            names, or ``records`` not a collection of public records.

    Example:
        >>> import datetime
        >>> from pharma_outsourcing import (
        ...     Inspection, InspectionOutcome, OrganisationType, Partner, PublicRecord,
        ...     Regulator, match_records,
        ... )
        >>> def fda(outcome, fei, firm):
        ...     inspection = Inspection(
        ...         regulator=Regulator.FDA, date=datetime.date(2024, 3, 14),
        ...         outcome=outcome, site=fei,
        ...     )
        ...     return PublicRecord(
        ...         firm=firm, fei_number=fei, country="United States",
        ...         inspection=inspection, source="inspections.csv",
        ...     )
        >>> glenrock = Partner(
        ...     name="Glenrock Sterile Manufacturing", organisation_type=OrganisationType.CMO,
        ...     fei_numbers={"3099900701"},
        ... )
        >>> found = match_records(
        ...     [glenrock],
        ...     [
        ...         fda(InspectionOutcome.OFFICIAL_ACTION_INDICATED, "3099900701", "GSM Inc"),
        ...         fda(InspectionOutcome.NO_ACTION_INDICATED, "3000000001", "Other Firm"),
        ...     ],
        ... )
        >>> [i.outcome.label for i in found.partners[0].inspections]
        ['official action indicated (OAI)']
        >>> [r.firm for r in found.unmatched], found.ambiguous, found.suggestions
        (['Other Firm'], (), ())
    """
    matching = _Matching.of(
        distinct_partners(partners, "matched records are listed by partner name")
    )
    matching.place(checked_all(records, PublicRecord, "records"))
    return matching.result()


def _with_records(partner: Partner, records: list[PublicRecord]) -> Partner:
    """``partner`` with the inspections of ``records`` it does not already hold, by date."""
    held = {_SAME(inspection) for inspection in partner.inspections}
    added = []
    for record in sorted(records, key=_order):
        same = _SAME(record.inspection)
        if same not in held:
            held.add(same)
            added.append(record.inspection)
    if not added:
        return partner
    return attrs.evolve(partner, inspections=(*partner.inspections, *added))
