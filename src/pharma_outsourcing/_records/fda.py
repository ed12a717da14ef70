"""FDA's public exports read into public records (DESIGN.md §13).

Two exports, each as downloaded (``.xlsx``, with the ``xlsx`` extra, or ``.csv``):

- the FDA Data Dashboard's inspections export (:func:`load_fda_inspections`): one row per
  inspected project area, several rows per inspection;
- FDA's warning-letter listing (:func:`load_fda_warning_letters`): one row per letter.

Both find their header row below any title rows (the first row naming the export's
required columns) and read a cell as CSV holds it (a sheet's cells are first turned into
that text, see ``_serialise.xlsx``). Every bad row of a file is reported at once, in one
:class:`~pharma_outsourcing.InvalidDataError` naming the file, the row, the column, the
value, what is allowed and the nearest valid value.

No FDA record means "no record", never "clean": the dashboard lists final
classifications only, leaves out state, pre-approval and nonclinical laboratory
inspections, and OAI classifications can lag (DOMAIN.md, "Track records"; every
record's ``source`` says so).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

import attrs

from .._bulk import collector_paused
from .._errors import InvalidDataError, InvalidInputError, MissingFieldError, nearest
from .._partners import Inspection, InspectionOutcome, Standing
from .._reasons import listing
from .._serialise.converter import date_hint, nearest_date
from .._serialise.paths import as_path, decode, format_of
from .._services import Framework
from .._sources import FDA_DATA_DASHBOARD, FDA_WARNING_LETTERS
from .._vocabulary import Regulator, Vocabulary, register_aliases, register_labels
from .record import PublicRecord

__all__ = ["ProductType", "load_fda_export", "load_fda_inspections", "load_fda_warning_letters"]

T = TypeVar("T")


class ProductType(Vocabulary):
    """The kinds of product FDA's Data Dashboard files an inspection under.

    Its inspections export names one in each row's ``Product Type`` (``Drugs``,
    ``Biologics``, ``Devices``, ...); :func:`load_fda_inspections` keeps the rows of the
    product types asked for (drugs and biologics by default). ``parse`` reads FDA's own
    words (``Food/Cosmetics``) as well as the values.

    Example:
        >>> from pharma_outsourcing import ProductType
        >>> ProductType.parse("Food/Cosmetics"), ProductType.parse("Biologics").label
        (<ProductType.FOOD_AND_COSMETICS: 'food-and-cosmetics'>, 'biologics')
    """

    DRUGS = "drugs"
    BIOLOGICS = "biologics"
    DEVICES = "devices"
    FOOD_AND_COSMETICS = "food-and-cosmetics"
    VETERINARY = "veterinary"
    TOBACCO = "tobacco"


register_labels(
    ProductType,
    {"veterinary": "veterinary products", "tobacco": "tobacco products"},
)
register_aliases(
    ProductType,
    {
        "drug": "drugs",
        "human drugs": "drugs",
        "biologic": "biologics",
        "biological": "biologics",
        "biologicals": "biologics",
        "device": "devices",
        "medical devices": "devices",
        "food/cosmetics": "food-and-cosmetics",
        "food": "food-and-cosmetics",
        "foods": "food-and-cosmetics",
        "cosmetics": "food-and-cosmetics",
        "veterinary products": "veterinary",
        "animal drugs": "veterinary",
        "tobacco products": "tobacco",
    },
)


# --- project areas --------------------------------------------------------------------------
#
# The framework each Project Area judges, by the area's name as the export writes it
# (matched ignoring case and runs of spaces). Names and where they were confirmed:
# - "Drug Quality Assurance" (project area 56): DOMAIN.md, FDA's "Inspections Database
#   Frequently Asked Questions", and several public parsers of real exports;
# - "Bioresearch Monitoring": public analyses of real "Inspections Details" exports and a
#   measured count of the Data Dashboard's drug rows (Drug Quality Assurance, Bioresearch
#   Monitoring, Unapproved and Misbranded Drugs, Over-the-Counter Drug Evaluation), found
#   with the code search of public GitHub repositories; FDA's bioresearch monitoring
#   inspects sponsors, CROs, monitors and clinical investigators (Compliance Program
#   7348.810), so GCP (nonclinical laboratories are not in the dashboard);
# - "Bioresearch Monitoring: Human Drugs" (area 48) and "Postmarketing Surveillance
#   and Epidemiology: Human Drugs" (area 53): FDA's program titles, found in public tables
#   of FDA's programs and, for area 53, in program names attached to NAI/VAI/OAI
#   classifications by a commercial inspection data set; NOT confirmed as written in a
#   Data Dashboard export. Area 53's field work is FDA's post-marketing adverse drug
#   experience inspections (its compliance program's number, 7353.x, as 7348.810 is area
#   48's, is not checked here), hence GVP.
# Every other area (generic drug evaluation, unapproved and misbranded drugs, ...) is kept
# with framework none: it judges nothing the library scores and never blocks.
_FRAMEWORKS: Mapping[str, Framework] = {
    "drug quality assurance": Framework.GMP,
    "bioresearch monitoring": Framework.GCP,
    "bioresearch monitoring: human drugs": Framework.GCP,
    "postmarketing surveillance and epidemiology: human drugs": Framework.GVP,
}


def _key(text: str) -> str:
    """A column's or area's name as matched: case folded, runs of spaces as one."""
    return " ".join(text.split()).casefold()


# --- the exports' columns ---------------------------------------------------------------------


@attrs.frozen
class _Export:
    """An export's columns: the required ones (each with the older names it may carry)."""

    name: str
    required: tuple[tuple[str, ...], ...]
    optional: tuple[str, ...] = ()

    @property
    def needs(self) -> str:
        """``FEI Number, Legal Name (or Company Name), ...``: the required columns."""
        return ", ".join(
            names[0] + "".join(f" (or {other})" for other in names[1:]) for names in self.required
        )

    def located(self, at: Mapping[str, int]) -> list[tuple[str, int] | None]:
        """Each required column's (name, index) in a row, or ``None`` where it is not."""
        found: list[tuple[str, int] | None] = []
        for names in self.required:
            place = next(((name, at[_key(name)]) for name in names if _key(name) in at), None)
            found.append(place)
        return found


_INSPECTIONS = _Export(
    name="an FDA Data Dashboard inspections export",
    required=(
        ("FEI Number",),
        ("Legal Name", "Company Name"),
        ("Inspection ID",),
        ("Inspection End Date",),
        ("Classification",),
        ("Project Area",),
        ("Product Type",),
    ),
    optional=("Country/Area",),
)
_LETTERS = _Export(
    name="an FDA warning-letter listing",
    required=(("Letter Issue Date",), ("Company Name",), ("Subject",)),
    optional=("Issuing Office", "Closeout Letter"),
)

Rows = Iterator[tuple[int, list[str]]]  # each row with its number, read in turn


@attrs.frozen
class _Header:
    """Where an export's header row is, and each column's place in it."""

    export: _Export
    number: int  # the row's number in the file
    names: tuple[str, ...]  # each required column's name (the one the header carries)
    places: tuple[int, ...]  # each required column's index
    optional: Mapping[str, int]  # each optional column found, by its name


def _header(rows: Rows, exports: Sequence[_Export], file: str) -> _Header:
    """The first row naming every required column of one of ``exports``, or our error.

    ``rows`` are read up to the header's, so the rest of them are the export's records.
    """
    best: tuple[int, _Export, int, list[tuple[str, int] | None]] | None = None
    blank = True
    for number, cells in rows:
        at: dict[str, int] = {}
        for index, cell in enumerate(cells):
            if cell.strip():
                at.setdefault(_key(cell), index)
        if not at:
            continue
        blank = False
        for export in exports:
            found = export.located(at)
            count = sum(place is not None for place in found)
            if count == len(found):
                return _Header(
                    export=export,
                    number=number,
                    names=tuple(place[0] for place in found if place is not None),
                    places=tuple(place[1] for place in found if place is not None),
                    optional={name: at[_key(name)] for name in export.optional if _key(name) in at},
                )
            if count >= 2 and (best is None or count > best[0]):  # two names: a header
                best = (count, export, number, found)
    raise InvalidDataError(_no_header(blank, exports, best), file=file)


def _no_header(
    blank: bool,
    exports: Sequence[_Export],
    best: tuple[int, _Export, int, list[tuple[str, int] | None]] | None,
) -> list[InvalidInputError]:
    """The problems of a file with no full header row: what is missing, and from where."""
    if blank:
        return [
            InvalidInputError(
                field="(file)",
                value="",
                problem="is empty",
                allowed=f"{listing([e.name for e in exports], 'or')}, with its header row",
            )
        ]
    problems: list[InvalidInputError] = []
    if len(exports) > 1 or best is None:
        problems.append(
            MissingFieldError(
                field="header row",
                problem="is missing: no row names the columns of "
                + listing([export.name for export in exports], "or"),
                allowed="; or ".join(
                    f"{export.name}, whose header names {export.needs}" for export in exports
                ),
            )
        )
    if best is not None:
        _, export, number, found = best
        problems.extend(
            MissingFieldError(
                field=f"column {names[0]!r}",
                problem=f"is missing from the header (row {number})",
                allowed=f"the columns of {export.name}: {export.needs}",
            )
            for names, place in zip(export.required, found, strict=True)
            if place is None
        )
    return problems


def _rows(path: Path, file: str) -> Rows:
    """The rows of an export, in turn, each with its number in the file.

    Title and blank rows are counted too, as a spreadsheet numbers them.
    """
    fmt = format_of(path, ("csv", "xlsx"))
    data = path.read_bytes()
    if fmt == "xlsx":
        from .._serialise import xlsx  # noqa: PLC0415 - imported when a workbook is read

        return xlsx.iter_sheet(data, file)
    from .._serialise import csv  # noqa: PLC0415 - imported when a CSV file is read

    read = csv.iter_rows(decode(data, file), file)
    return ((number, cells) for number, (_, cells) in enumerate(read, start=1))


# --- cells ------------------------------------------------------------------------------


_US_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")
_DATE_ALLOWED = (
    "a date written MM/DD/YYYY (03/14/2024), as FDA writes it, or YYYY-MM-DD (2024-03-14), "
    "or an Excel date"
)
_FEI = re.compile(r"([0-9]+)(?:\.0*)?")
_CLASSIFICATIONS = {
    InspectionOutcome.NO_ACTION_INDICATED: "No Action Indicated (NAI)",
    InspectionOutcome.VOLUNTARY_ACTION_INDICATED: "Voluntary Action Indicated (VAI)",
    InspectionOutcome.OFFICIAL_ACTION_INDICATED: "Official Action Indicated (OAI)",
}
_CLASSIFICATIONS_ALLOWED = ", ".join(_CLASSIFICATIONS.values()) + " (or NAI, VAI, OAI)"
_SEVERITY = {standing: rank for rank, standing in enumerate(Standing)}  # worst last


def _date(text: str) -> datetime.date:
    """An export's date: US ``MM/DD/YYYY``, ISO ``YYYY-MM-DD`` (an Excel date's text)."""
    found = _US_DATE.fullmatch(text)
    if found is not None:
        month, day, year = map(int, found.groups())
    else:
        found = _ISO_DATE.fullmatch(text)
        if found is None:
            raise InvalidInputError(
                field="",
                value=text,
                problem="is not a date",
                allowed=_DATE_ALLOWED,
                suggestion=date_hint(text),
            )
        year, month, day = map(int, found.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise InvalidInputError(
            field="",
            value=text,
            problem="is not a day of the calendar",
            allowed=_DATE_ALLOWED,
            suggestion=nearest_date(year, month, day),
        ) from None


def _fei(text: str) -> str:
    """An FEI number: digits as given (a spreadsheet's ``12345.0`` is ``12345``)."""
    found = _FEI.fullmatch(text)
    if found is None:
        digits = "".join(c for c in text if c.isascii() and c.isdigit())
        raise InvalidInputError(
            field="",
            value=text,
            problem="is not an FEI number",
            allowed="an FDA Establishment Identifier: digits, such as 3001234567",
            suggestion=digits if digits and "." not in text and "E" not in text.upper() else None,
        )
    return found.group(1)


def _classification(text: str) -> InspectionOutcome:
    """A classification, long (``Official Action Indicated (OAI)``) or short (``OAI``)."""
    try:
        outcome = InspectionOutcome.parse(text)
    except InvalidInputError:
        outcome = None
    if outcome not in _CLASSIFICATIONS:
        names = list(_CLASSIFICATIONS.values())
        raise InvalidInputError(
            field="",
            value=text,
            problem="is not an FDA inspection classification",
            allowed=_CLASSIFICATIONS_ALLOWED,
            suggestion=nearest(text, names),
        )
    return outcome


def _cached(read: Callable[[str], T]) -> Callable[[str], T | InvalidInputError]:
    """``read`` remembering what it made of each text (or the error it raised) in one file.

    An export repeats a few thousand dates and a few classifications over many rows.
    """
    seen: dict[str, T | InvalidInputError] = {}

    def cached(text: str) -> T | InvalidInputError:
        try:
            return seen[text]
        except KeyError:
            pass
        made: T | InvalidInputError
        try:
            made = read(text)
        except InvalidInputError as error:
            made = error
        seen[text] = made
        return made

    return cached


def _text(text: str) -> str:
    return text


class _Problems:
    """The bad rows of one file, each problem at its row and column."""

    def __init__(self) -> None:
        self.found: list[InvalidInputError] = []

    def add(self, number: int, firm: str, column: str, error: InvalidInputError) -> None:
        """Record ``error`` (whose ``field`` is empty or names an attribute) at a cell."""
        who = f" ({firm!r})" if firm else ""
        self.found.append(
            type(error)(
                field=f"row {number}{who}: {column}",
                value=error.value,
                problem=error.problem,
                allowed=error.allowed,
                suggestion=error.suggestion,
            )
        )

    def cell(
        self,
        row: tuple[int, str],
        column: str,
        text: str,
        read: Callable[[str], T | InvalidInputError],
        allowed: str,
    ) -> T | None:
        """A required cell's value (``row`` is its number and firm), or ``None`` if bad."""
        if not text:
            self.add(*row, column, MissingFieldError(field="", problem="is empty", allowed=allowed))
            return None
        value = read(text)
        if isinstance(value, InvalidInputError):
            self.add(*row, column, value)
            return None
        return value


def _product_types(value: object) -> frozenset[ProductType]:
    """The product types asked for, each parsed; refused when none or not a collection."""
    kept = ProductType.parse_many(value, field="product_types")  # type: ignore[arg-type]
    if not kept:
        raise InvalidInputError(
            field="product_types",
            value=value,
            problem="is empty, so no row would be kept",
            allowed="one or more of " + ", ".join(member.value for member in ProductType),
            suggestion="(ProductType.DRUGS, ProductType.BIOLOGICS)",
        )
    return kept


def _product_type(text: str) -> ProductType | None:
    """The product type a cell names, or ``None`` for one the library does not know."""
    try:
        return ProductType.parse(text)
    except InvalidInputError:
        return None


_DATE_CHECK = attrs.fields(Inspection).date


def _checked_date(text: str) -> datetime.date:
    """A date read by :func:`_date`, held to the rule of an inspection's date."""
    date = _date(text)
    try:
        _DATE_CHECK.validator(None, _DATE_CHECK, date)  # type: ignore[misc]  # 1938 to today
    except InvalidInputError as error:
        raise InvalidInputError(
            field="", value=text, problem=error.problem, allowed=error.allowed
        ) from None
    return date


# --- inspections ------------------------------------------------------------------------------


@attrs.frozen
class _Row:
    """One kept row of an inspections export, read."""

    number: int
    firm: str
    fei: str
    country: str | None
    date: datetime.date
    outcome: InspectionOutcome
    inspection_id: str


def _inspection_rows(
    rows: Rows, header: _Header, kept: frozenset[ProductType], problems: _Problems
) -> dict[tuple[str, Framework], list[_Row]]:
    """The kept rows of an inspections export, grouped by Inspection ID and framework."""
    fei_at, firm_at, id_at, date_at, class_at, area_at, type_at = header.places
    fei_col, firm_col, id_col, date_col, class_col, area_col, type_col = header.names
    country_at = header.optional.get("Country/Area")
    width = max(*header.places, -1 if country_at is None else country_at) + 1
    product_of = _cached(_product_type)
    date_of = _cached(_checked_date)
    outcome_of = _cached(_classification)
    fei_of = _cached(_fei)
    framework_of: dict[str, Framework] = {}
    groups: dict[tuple[str, Framework], list[_Row]] = {}
    first: dict[str, _Row] = {}  # each inspection's first row: one site, one end date
    cell = problems.cell
    for number, cells in rows:
        if len(cells) < width:
            cells = [*cells, *[""] * (width - len(cells))]  # noqa: PLW2901 - padded
        product = cells[type_at].strip()
        firm = cells[firm_at].strip()
        at = (number, firm)
        if not product:
            if any(text.strip() for text in cells):
                cell(at, type_col, product, _text, "the product type (Drugs, Biologics, ...)")
            continue
        if product_of(product) not in kept:
            continue
        read = (
            cell(at, firm_col, firm, _text, "the firm's name"),
            cell(at, id_col, cells[id_at].strip(), _text, "FDA's identifier of the inspection"),
            cell(at, fei_col, cells[fei_at].strip(), fei_of, "the site's FEI number"),
            cell(at, date_col, cells[date_at].strip(), date_of, _DATE_ALLOWED),
            cell(at, class_col, cells[class_at].strip(), outcome_of, _CLASSIFICATIONS_ALLOWED),
            cell(at, area_col, cells[area_at].strip(), _text, "the project area inspected"),
        )
        _, inspection_id, fei, date, outcome, area = read
        if inspection_id is None or fei is None or date is None or outcome is None or not area:
            continue
        row = _Row(
            number=number,
            firm=firm,
            fei=fei,
            country=None if country_at is None else cells[country_at].strip() or None,
            date=date,
            outcome=outcome,
            inspection_id=inspection_id,
        )
        earlier = first.setdefault(inspection_id, row)
        if earlier.fei != fei:
            problems.add(*at, fei_col, _disagrees(fei, earlier.fei, earlier, "site"))
        elif earlier.date != date:
            problems.add(*at, date_col, _disagrees(date, earlier.date, earlier, "end date"))
        elif firm:
            framework = framework_of.get(area)
            if framework is None:
                framework = framework_of[area] = _FRAMEWORKS.get(_key(area), Framework.NONE)
            groups.setdefault((inspection_id, framework), []).append(row)
    return groups


def _disagrees(value: object, other: object, earlier: _Row, what: str) -> InvalidInputError:
    shown = other.isoformat() if isinstance(other, datetime.date) else other
    return InvalidInputError(
        field="",
        value=value.isoformat() if isinstance(value, datetime.date) else value,
        problem=f"differs from row {earlier.number}'s {shown!r}, for the same Inspection ID "
        f"{earlier.inspection_id!r}",
        allowed=f"one {what} for each inspection (each of its rows is one project area)",
        suggestion=str(shown),
    )


def _inspection_records(
    groups: Mapping[tuple[str, Framework], Sequence[_Row]], name: str
) -> list[PublicRecord]:
    """One record per inspection and framework: its worst classification (by standing).

    Every cell was read as its field allows, so the constructors' checks pass.
    """
    source = f"{FDA_DATA_DASHBOARD} (export {name}): no record is not a clean record"
    records: list[PublicRecord] = []
    for (inspection_id, framework), members in groups.items():
        # The worst row, ties settled by name and country: whatever the order of the rows.
        worst = max(
            members, key=lambda row: (_SEVERITY[row.outcome.standing], row.firm, row.country or "")
        )
        numbers = sorted(row.number for row in members)
        where = f"row {numbers[0]}" if len(numbers) == 1 else "rows " + listing(map(str, numbers))
        records.append(
            PublicRecord(
                firm=worst.firm,
                fei_number=worst.fei,
                country=worst.country,
                inspection=Inspection(
                    regulator=Regulator.FDA,
                    date=worst.date,
                    outcome=worst.outcome,
                    framework=framework,
                    site=worst.fei,
                    source=source,
                ),
                source=f"{name}, {where} (Inspection ID {inspection_id})",
            )
        )
    return records


def load_fda_inspections(
    path: str | Path,
    *,
    product_types: Iterable[ProductType | str] = (ProductType.DRUGS, ProductType.BIOLOGICS),
) -> tuple[PublicRecord, ...]:
    """Read the FDA Data Dashboard's inspections export into public records.

    The export (``.xlsx``, with the ``xlsx`` extra, or ``.csv``) has one row per inspected
    project area, several per inspection. Rows are first kept by ``Product Type``, then
    each row's ``Project Area`` gives the framework its classification judges: ``Drug
    Quality Assurance`` GMP, ``Bioresearch Monitoring`` GCP, post-marketing adverse drug
    experience (``Postmarketing Surveillance and Epidemiology: Human Drugs``) GVP, any
    other area ``none`` (kept, but never scored and never blocking). The rows of one
    ``Inspection ID`` and framework make one record, of their worst classification.

    Each record's :attr:`~PublicRecord.inspection` is an FDA :class:`Inspection` dated
    by ``Inspection End Date`` (its year the calendar year, not FDA's fiscal year), with
    the ``Classification`` as its outcome and the FEI number as its ``site``; its
    ``source`` names the export and what it leaves out: only final classifications,
    no state, pre-approval or nonclinical laboratory inspections, and OAI classifications
    can lag. No record is not a clean record.

    The header row is the first row naming the required columns, below any title rows:
    ``FEI Number``, ``Legal Name`` (older exports: ``Company Name``), ``Inspection ID``,
    ``Inspection End Date``, ``Classification``, ``Project Area``, ``Product Type``;
    ``Country/Area`` is read when there; other columns are not read (``Fiscal Year``
    neither). Dates are US ``MM/DD/YYYY``, ISO ``YYYY-MM-DD`` or Excel dates; FEI numbers
    text (leading zeros kept) or numbers; classifications long (``Official Action
    Indicated (OAI)``) or short (``OAI``).

    Args:
        path: The export, ``.xlsx`` or ``.csv`` (UTF-8, with or without a byte order
            mark).
        product_types: The product types whose rows are kept (default drugs and
            biologics), as :class:`ProductType` members or FDA's words (``"Drugs"``).

    Returns:
        The records, in the order of their inspections' first rows.

    Raises:
        InvalidDataError: The file is not an inspections export (the missing columns are
            named), or rows are bad: every bad row is listed with its number (as a
            spreadsheet shows it), its column, the value and what is allowed.
        InvalidInputError: ``product_types`` is empty or names no product type.
        OSError: The file cannot be read.

    Example:
        >>> records = load_fda_inspections("tests/data/fda-inspections.csv")
        >>> record = records[0]
        >>> record.firm, record.fei_number, record.country
        ('Glenrock Sterile Manufacturing (fictional CMO)', '3099900701', 'United States')
        >>> record.inspection.outcome.label, record.inspection.framework.label
        ('voluntary action indicated (VAI)', 'GMP')
        >>> record.inspection.when, record.inspection.site
        ('16 February 2023', '3099900701')
        >>> record.source  # a VAI for its drugs, an NAI for its biologics: the VAI stands
        'fda-inspections.csv, rows 5 and 6 (Inspection ID 1190001)'
    """
    kept = _product_types(product_types)
    path = as_path(path)
    file = str(path)
    rows = _rows(path, file)
    return _inspections_in(rows, _header(rows, (_INSPECTIONS,), file), file, path.name, kept)


@collector_paused()
def _inspections_in(
    rows: Rows, header: _Header, file: str, name: str, kept: frozenset[ProductType]
) -> tuple[PublicRecord, ...]:
    problems = _Problems()
    groups = _inspection_rows(rows, header, kept, problems)
    if problems.found:
        raise InvalidDataError(problems.found, file=file)
    return tuple(_inspection_records(groups, name))


# --- warning letters ----------------------------------------------------------------------------

# A letter is about another kind of product when its Subject or Issuing Office names
# devices, tobacco, food, dietary supplements, cosmetics or veterinary products (FDA's
# listing covers every centre and subject: "About Warning and Close-Out Letters"). The
# names of the Act and the agency are taken out first: they name food and cosmetics too.
_ACT_AND_AGENCY = re.compile(
    r"food,? drug,? and cosmetic act|fd&c act|food and drug administration", re.IGNORECASE
)
_OTHER_PRODUCTS = re.compile(
    r"\b(?:cdrh|devices? and radiological health|medical devices?|qsr|quality system "
    r"regulation|radiological|radiation control|mammography"  # devices
    r"|ctp|tobacco|e-cigarettes?|e-liquids?"  # tobacco
    r"|cfsan|foods?|haccp|seafood|juice|infant formula|fsvp|foreign supplier verification"
    r"|produce safety"  # food
    r"|dietary supplements?|cosmetics?"
    r"|cvm|veterinary|animals?|medicated feeds?)\b",
    re.IGNORECASE,
)
_ENDS = re.compile(r"\bENDS\b")  # electronic nicotine delivery systems, written in capitals
_LETTER_FRAMEWORKS = (
    (Framework.GMP, re.compile(r"\bc?gmps?\b|good manufacturing practice", re.IGNORECASE)),
    (
        Framework.GCP,
        re.compile(
            r"clinical investigators?|\bsponsors?\b|\birbs?\b|institutional review boards?"
            r"|bioresearch monitoring|\bbimo\b",
            re.IGNORECASE,
        ),
    ),
    (Framework.GLP, re.compile(r"\bglp\b|good laboratory practice", re.IGNORECASE)),
)


def _about_other_products(*texts: str) -> bool:
    """Whether a letter's Subject or Issuing Office names a product that is not a drug's."""
    for text in texts:
        plain = _ACT_AND_AGENCY.sub(" ", text)
        if _OTHER_PRODUCTS.search(plain) or _ENDS.search(plain):
            return True
    return False


def _letter_framework(subject: str) -> Framework:
    """What a letter judges, from its Subject: CGMP, GCP's words, GLP; else none."""
    for framework, words in _LETTER_FRAMEWORKS:
        if words.search(subject):
            return framework
    return Framework.NONE


def load_fda_warning_letters(path: str | Path) -> tuple[PublicRecord, ...]:
    """Read FDA's warning-letter listing export into public records.

    The listing (``.xlsx``, with the ``xlsx`` extra, or ``.csv``; columns ``Posted
    Date``, ``Letter Issue Date``, ``Company Name``, ``Issuing Office``, ``Subject``,
    ``Response Letter``, ``Closeout Letter``) covers every FDA centre and subject. A
    letter is kept unless its ``Subject`` or ``Issuing Office`` names devices (CDRH,
    medical devices, the QSR), tobacco (CTP), food, dietary supplements, cosmetics or
    veterinary products (CFSAN, CVM), written in full or abbreviated.

    Each letter kept is a record of an FDA warning letter dated by ``Letter Issue
    Date``, judging the framework its ``Subject`` names: CGMP is GMP; clinical
    investigators, sponsors, IRBs or bioresearch monitoring GCP; good laboratory
    practice GLP; anything else ``none`` (it never blocks). A letter with a ``Closeout
    Letter`` date also gives a close-out letter record of that date and framework. The
    listing has no FEI number and no country: the records name no site, so a letter
    matched to a partner by name stands against the whole partner until it is given one.

    The header row is the first row naming ``Letter Issue Date``, ``Company Name`` and
    ``Subject``, below any title rows; ``Issuing Office`` and ``Closeout Letter`` are
    read when there. Dates are US ``MM/DD/YYYY``, ISO ``YYYY-MM-DD`` or Excel dates.

    Args:
        path: The listing, ``.xlsx`` or ``.csv`` (UTF-8, with or without a byte order
            mark).

    Returns:
        The records in the order of the rows, each letter's close-out after it.

    Raises:
        InvalidDataError: The file is not a warning-letter listing (the missing columns
            are named), or rows are bad: every bad row is listed with its number, its
            column, the value and what is allowed.
        OSError: The file cannot be read.

    Example:
        >>> records = load_fda_warning_letters("tests/data/fda-warning-letters.csv")
        >>> for record in records[:2]:
        ...     print(record.firm, record.inspection.summary, sep=": ")
        Hartwell Generics Manufacturing (fictional CMO): FDA warning letter, 22 July 2025
        Hartwell Generics Manufacturing (fictional CMO): FDA close-out letter, 18 March 2026
    """
    path = as_path(path)
    file = str(path)
    rows = _rows(path, file)
    return _letters_in(rows, _header(rows, (_LETTERS,), file), file, path.name)


@collector_paused()
def _letters_in(rows: Rows, header: _Header, file: str, name: str) -> tuple[PublicRecord, ...]:
    date_at, firm_at, subject_at = header.places
    date_col, firm_col, subject_col = header.names
    office_at = header.optional.get("Issuing Office")
    close_at = header.optional.get("Closeout Letter")
    width = max(*header.places, *header.optional.values()) + 1
    source = f"FDA warning letters listing, {name} ({FDA_WARNING_LETTERS})"
    date_of = _cached(_checked_date)
    problems = _Problems()
    cell = problems.cell
    records: list[PublicRecord] = []
    for number, cells in rows:
        if not any(text.strip() for text in cells):
            continue
        if len(cells) < width:
            cells = [*cells, *[""] * (width - len(cells))]  # noqa: PLW2901 - padded
        firm = cells[firm_at].strip()
        subject = cells[subject_at].strip()
        if _about_other_products(subject, "" if office_at is None else cells[office_at]):
            continue
        at = (number, firm)
        read = (
            cell(at, firm_col, firm, _text, "the name of the firm the letter was sent to"),
            cell(at, subject_col, subject, _text, "the letter's subject (CGMP/..., ...)"),
            cell(at, date_col, cells[date_at].strip(), date_of, _DATE_ALLOWED),
        )
        issued = read[2]
        closing = "" if close_at is None else cells[close_at].strip()
        closed = date_of(closing) if closing else None
        if isinstance(closed, InvalidInputError):
            problems.add(*at, "Closeout Letter", closed)
        elif closed is not None and issued is not None and closed < issued:
            problems.add(*at, "Closeout Letter", _closed_before(closing, issued))
        if problems.found or issued is None or not all(read):
            continue
        framework = _letter_framework(subject)
        where = f"{name}, row {number}"
        records.append(
            _letter(firm, issued, InspectionOutcome.WARNING_LETTER, framework, source, where)
        )
        if isinstance(closed, datetime.date):
            records.append(
                _letter(
                    firm,
                    closed,
                    InspectionOutcome.CLOSE_OUT_LETTER,
                    framework,
                    source,
                    f"{where}, Closeout Letter",
                )
            )
    if problems.found:
        raise InvalidDataError(problems.found, file=file)
    return tuple(records)


def _closed_before(text: str, issued: datetime.date) -> InvalidInputError:
    return InvalidInputError(
        field="",
        value=text,
        problem=f"is before the letter it closes ({issued.isoformat()})",
        allowed="the date of the close-out letter, on or after the letter's",
    )


def _letter(  # noqa: PLR0917 - the record's parts, in order
    firm: str,
    date: datetime.date,
    outcome: InspectionOutcome,
    framework: Framework,
    source: str,
    where: str,
) -> PublicRecord:
    return PublicRecord(
        firm=firm,
        inspection=Inspection(
            regulator=Regulator.FDA,
            date=date,
            outcome=outcome,
            framework=framework,
            source=source,
        ),
        source=where,
    )


# --- either export ----------------------------------------------------------------------------


def load_fda_export(
    path: str | Path,
    *,
    product_types: Iterable[ProductType | str] = (ProductType.DRUGS, ProductType.BIOLOGICS),
) -> tuple[PublicRecord, ...]:
    """Read an FDA export, recognised by its header row: inspections or warning letters.

    An inspections export is read as :func:`load_fda_inspections` reads it (keeping the
    rows of ``product_types``), a warning-letter listing as
    :func:`load_fda_warning_letters` does. A file that is neither is refused, saying
    which columns each needs.

    Raises:
        InvalidDataError: The file is neither export, or rows are bad.
        OSError: The file cannot be read.

    Example:
        >>> len(load_fda_export("tests/data/fda-warning-letters.csv")) > 0
        True
    """
    kept = _product_types(product_types)
    path = as_path(path)
    file = str(path)
    rows = _rows(path, file)
    header = _header(rows, (_INSPECTIONS, _LETTERS), file)
    if header.export is _INSPECTIONS:
        return _inspections_in(rows, header, file, path.name, kept)
    return _letters_in(rows, header, file, path.name)
