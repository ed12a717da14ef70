"""Reading FDA's public exports: Data Dashboard inspections and warning letters (DESIGN.md §13)."""

from __future__ import annotations

import builtins
import csv
import datetime
import io
import pathlib
import random
import re
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pharma_outsourcing as po
from pharma_outsourcing import (
    Framework,
    Inspection,
    InspectionOutcome,
    InvalidDataError,
    InvalidInputError,
    ProductType,
    PublicRecord,
    Regulator,
    load_fda_inspections,
    load_fda_warning_letters,
)
from pharma_outsourcing._records.fda import load_fda_export
from strategies import (
    FDA_COLUMNS,
    LETTER_OFFICES,
    LETTER_SUBJECTS,
    TODAY,
    InspectionRow,
    LetterRow,
    inspection_rows,
    letter_rows,
)

DATA = pathlib.Path(__file__).parent / "data"
INSPECTIONS = DATA / "fda-inspections.csv"
OLDER = DATA / "fda-inspections-company-name.csv"
LETTERS = DATA / "fda-warning-letters.csv"
LETTER_COLUMNS = tuple(
    LetterRow(firm="A", office="", subject="", issued=datetime.date(2024, 1, 2)).cells()
)

# The rules, as the tests state them (DESIGN.md §13): each project area's framework, and
# which classification is worse.
FRAMEWORK_OF_AREA = {
    "Drug Quality Assurance": Framework.GMP,
    "Bioresearch Monitoring": Framework.GCP,
    "Postmarketing Surveillance and Epidemiology: Human Drugs": Framework.GVP,
}
WORSE = [
    InspectionOutcome.NO_ACTION_INDICATED,
    InspectionOutcome.VOLUNTARY_ACTION_INDICATED,
    InspectionOutcome.OFFICIAL_ACTION_INDICATED,
]
DRUGS_AND_BIOLOGICS = {"Drugs", "Biologics"}

folders = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


# --- writing exports -------------------------------------------------------------------


def table(
    rows: Iterable[InspectionRow | LetterRow], columns: Sequence[str], titles: int = 0
) -> list[list[str]]:
    """An export's rows of cells: ``titles`` title rows, the header, then the rows."""
    head = [[f"FDA Data Dashboard export, title row {n + 1}"] for n in range(titles)]
    return [*head, list(columns), *([row.cells()[c] for c in columns] for row in rows)]


def write_csv(path: pathlib.Path, cells: Sequence[Sequence[str]], *, bom: bool = False) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(cells)
    path.write_text(("\ufeff" if bom else "") + out.getvalue(), encoding="utf-8", newline="")


def write_xlsx(
    path: pathlib.Path, cells: Sequence[Sequence[str]], *, typed: Mapping[str, object] = {}
) -> None:
    """A workbook of ``cells``; columns named in ``typed`` turned into Excel values.

    ``typed`` maps a column to how its text becomes a cell: ``"date"`` (an Excel date),
    ``"number"`` (a number where the text is digits without a leading zero).
    """
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    kinds: dict[int, object] = {}
    for row in cells:
        if not kinds and all(name in row for name in typed):
            kinds = {row.index(name): kind for name, kind in typed.items()}
            sheet.append(list(row))
            continue
        sheet.append([_typed(cell, kinds.get(i)) for i, cell in enumerate(row)])
    workbook.save(path)


def _typed(cell: str, kind: object) -> object:
    if kind == "date" and cell:
        for form in ("%m/%d/%Y", "%Y-%m-%d"):
            try:
                return datetime.datetime.strptime(cell, form)
            except ValueError:
                pass
    if kind == "number" and cell.replace(".0", "").isdigit() and not cell.startswith("0"):
        return float(cell) if "." in cell else int(cell)
    return cell or None


def plain(records: Iterable[PublicRecord]) -> list[tuple[object, ...]]:
    """What a record says, without where it was read (file and rows): sorted."""
    return sorted(
        [
            (
                r.firm,
                r.fei_number,
                r.country,
                r.inspection.regulator,
                r.inspection.date,
                r.inspection.year,
                r.inspection.outcome,
                r.inspection.framework,
                r.inspection.site,
            )
            for r in records
        ],
        key=repr,
    )


def expected(rows: Iterable[InspectionRow], kept: set[str]) -> list[tuple[object, ...]]:
    """The records the rules give: kept rows, by inspection and framework, the worst."""
    groups: dict[tuple[str, Framework], list[InspectionRow]] = {}
    for row in rows:
        if row.product in kept:
            framework = FRAMEWORK_OF_AREA.get(row.area, Framework.NONE)
            groups.setdefault((row.inspection_id, framework), []).append(row)
    return sorted(
        [
            (
                group[0].firm,
                group[0].fei,
                group[0].country,
                Regulator.FDA,
                group[0].date,
                group[0].date.year,
                max((row.outcome for row in group), key=WORSE.index),
                framework,
                group[0].fei,
            )
            for (_, framework), group in groups.items()
        ],
        key=repr,
    )


def load_rows(
    folder: pathlib.Path, rows: Sequence[InspectionRow], **options: object
) -> list[PublicRecord]:
    path = folder / "export.csv"
    write_csv(path, table(rows, FDA_COLUMNS, titles=1))
    return list(load_fda_inspections(path, **options))  # type: ignore[arg-type]


# --- inspections: properties ---------------------------------------------------------------


@folders
@given(rows=inspection_rows())
def test_records_follow_the_rules_for_each_inspection_and_framework(
    tmp_path: pathlib.Path, rows: list[InspectionRow]
) -> None:
    records = load_rows(tmp_path, rows)
    assert plain(records) == expected(rows, DRUGS_AND_BIOLOGICS)
    for record in records:
        assert record.inspection.source is not None
        assert "final classifications only" in record.inspection.source
        assert "no record is not a clean record" in record.inspection.source


@folders
@given(rows=inspection_rows(), seed=st.randoms(use_true_random=False))
def test_collapsing_is_independent_of_row_order(
    tmp_path: pathlib.Path, rows: list[InspectionRow], seed: random.Random
) -> None:
    shuffled = list(rows)
    seed.shuffle(shuffled)
    assert plain(load_rows(tmp_path, shuffled)) == plain(load_rows(tmp_path, rows))


@folders
@given(rows=inspection_rows())
def test_each_record_names_the_file_and_the_rows_it_was_read_from(
    tmp_path: pathlib.Path, rows: list[InspectionRow]
) -> None:
    records = load_rows(tmp_path, rows)
    for record in records:
        inspection_id = record.source.rsplit("Inspection ID ", 1)[1].rstrip(")")
        numbers = [
            index + 3  # a title row and the header come first; rows count from 1
            for index, row in enumerate(rows)
            if row.inspection_id == inspection_id
            and row.product in DRUGS_AND_BIOLOGICS
            and FRAMEWORK_OF_AREA.get(row.area, Framework.NONE) is record.inspection.framework
        ]
        found = re.fullmatch(
            r"export\.csv, rows? ([0-9, and]+) \(Inspection ID [0-9]+\)", record.source
        )
        assert found is not None, record.source
        assert sorted(map(int, re.findall("[0-9]+", found.group(1)))) == numbers


@folders
@given(rows=inspection_rows(), titles=st.integers(0, 12), bom=st.booleans())
def test_the_header_is_found_below_any_number_of_title_rows(
    tmp_path: pathlib.Path, rows: list[InspectionRow], titles: int, bom: bool
) -> None:
    path = tmp_path / "export.csv"
    write_csv(path, table(rows, FDA_COLUMNS, titles=titles), bom=bom)
    assert plain(load_fda_inspections(path)) == expected(rows, DRUGS_AND_BIOLOGICS)


@folders
@given(
    rows=inspection_rows(),
    kept=st.sets(st.sampled_from(["Drugs", "Biologics", "Devices", "Food/Cosmetics"]), min_size=1),
)
def test_only_rows_of_the_product_types_asked_for_are_kept(
    tmp_path: pathlib.Path, rows: list[InspectionRow], kept: set[str]
) -> None:
    records = load_rows(tmp_path, rows, product_types=sorted(kept))
    assert plain(records) == expected(rows, kept)
    members = [ProductType.parse(name) for name in sorted(kept)]
    assert plain(load_rows(tmp_path, rows, product_types=members)) == plain(records)


@folders
@given(rows=inspection_rows(max_inspections=4), typed=st.booleans())
def test_csv_and_xlsx_of_the_same_rows_read_to_the_same_records(
    tmp_path: pathlib.Path, rows: list[InspectionRow], typed: bool
) -> None:
    cells = table(rows, FDA_COLUMNS, titles=2)
    write_csv(tmp_path / "export.csv", cells)
    kinds = {"Inspection End Date": "date", "FEI Number": "number"} if typed else {}
    write_xlsx(tmp_path / "export.xlsx", cells, typed=kinds)
    from_csv = load_fda_inspections(tmp_path / "export.csv")
    from_xlsx = load_fda_inspections(tmp_path / "export.xlsx")
    assert [_renamed(r, "export.xlsx", "export.csv") for r in from_xlsx] == list(from_csv)


def _renamed(record: PublicRecord, old: str, new: str) -> PublicRecord:
    assert record.inspection.source is not None
    return attrs.evolve(
        record,
        source=record.source.replace(old, new),
        inspection=attrs.evolve(
            record.inspection, source=record.inspection.source.replace(old, new)
        ),
    )


@folders
@given(date=st.dates(min_value=datetime.date(1938, 1, 1), max_value=TODAY))
def test_a_date_reads_alike_in_every_form(tmp_path: pathlib.Path, date: datetime.date) -> None:
    forms = [f"{date:%m/%d/%Y}", f"{date.month}/{date.day}/{date.year}", date.isoformat()]
    rows = [_one_row(inspection_id=str(n), date=form) for n, form in enumerate(forms)]
    path = tmp_path / "dates.csv"
    write_csv(path, [list(rows[0]), *(list(row.values()) for row in rows)])
    write_xlsx(
        tmp_path / "dates.xlsx",
        [list(rows[0]), list(rows[0].values())],
        typed={"Inspection End Date": "date"},
    )
    records = [*load_fda_inspections(path), *load_fda_inspections(tmp_path / "dates.xlsx")]
    assert [r.inspection.date for r in records] == [date] * 4
    assert {r.inspection.year for r in records} == {date.year}


@folders
@given(digits=st.from_regex(r"[0-9]{1,13}", fullmatch=True))
def test_an_fei_number_reads_as_its_digits_in_every_form(
    tmp_path: pathlib.Path, digits: str
) -> None:
    rows = [_one_row(inspection_id="1", fei=digits)]
    if not digits.startswith("0"):  # a number, as a spreadsheet has it, has no leading zero
        rows += [_one_row(inspection_id="2", fei=f"{digits}.0")]
    path = tmp_path / "fei.csv"
    write_csv(path, [list(rows[0]), *(list(row.values()) for row in rows)])
    write_xlsx(
        tmp_path / "fei.xlsx",
        [list(rows[0]), *(list(r.values()) for r in rows)],
        typed={"FEI Number": "number"},
    )
    for records in (load_fda_inspections(path), load_fda_inspections(tmp_path / "fei.xlsx")):
        assert {r.fei_number for r in records} == {digits}
        assert {r.inspection.site for r in records} == {digits}


def _one_row(**cells: str) -> dict[str, str]:
    """The cells of one drug inspection's row, some given."""
    row = {
        "FEI Number": "3001234567",
        "Legal Name": "Glenrock Fill Finish Ltd",
        "Inspection ID": "1",
        "Inspection End Date": "03/14/2024",
        "Classification": "No Action Indicated (NAI)",
        "Project Area": "Drug Quality Assurance",
        "Product Type": "Drugs",
    }
    names = {"fei": "FEI Number", "inspection_id": "Inspection ID", "date": "Inspection End Date"}
    row.update({names.get(name, name): value for name, value in cells.items()})
    return row


# --- inspections: examples -------------------------------------------------------------------


def test_the_example_export_reads_as_its_rows_say() -> None:
    records = load_fda_inspections(INSPECTIONS)
    by_source = {r.source: r for r in records}
    glenrock = by_source["fda-inspections.csv, rows 5 and 6 (Inspection ID 1190001)"]
    # A VAI for the drugs and an NAI for the biologics of one inspection: the VAI stands.
    assert glenrock.inspection == Inspection(
        regulator=Regulator.FDA,
        date=datetime.date(2023, 2, 16),
        outcome=InspectionOutcome.VOLUNTARY_ACTION_INDICATED,
        framework=Framework.GMP,
        site="3099900701",
        source=glenrock.inspection.source,
    )
    assert (glenrock.firm, glenrock.fei_number, glenrock.country) == (
        "Glenrock Sterile Manufacturing (fictional CMO)",
        "3099900701",
        "United States",
    )
    # One inspection, two areas: an OAI for drug quality (GMP), a VAI for generic drug
    # evaluation (no framework: kept, never scored).
    hartwell = [r.inspection for r in records if r.source.endswith("(Inspection ID 1190007)")]
    assert [(i.framework, i.outcome) for i in hartwell] == [
        (Framework.GMP, InspectionOutcome.OFFICIAL_ACTION_INDICATED),
        (Framework.NONE, InspectionOutcome.VOLUNTARY_ACTION_INDICATED),
    ]
    assert by_source[
        "fda-inspections.csv, row 11 (Inspection ID 1190006)"
    ].inspection.framework is (Framework.GVP)
    assert by_source["fda-inspections.csv, row 8 (Inspection ID 1190003)"].inspection.framework is (
        Framework.GCP
    )
    # Leading zeros kept; devices and food left out; 11/08/2023 is in fiscal year 2024,
    # and its record's year is the calendar year.
    assert by_source["fda-inspections.csv, row 21 (Inspection ID 1190015)"].fei_number == (
        "0003099906601"
    )
    assert not {"Hollowmere Surgical Devices", "Saltmarsh Foods Ltd"} & {r.firm for r in records}
    dunmore = by_source["fda-inspections.csv, row 10 (Inspection ID 1190005)"]
    assert dunmore.inspection.year == 2023
    assert len(records) == 15


def test_an_older_export_with_company_name_and_iso_dates_reads() -> None:
    records = load_fda_inspections(OLDER)
    assert [(r.firm, r.fei_number, r.inspection.date, r.inspection.framework) for r in records] == [
        (
            "Ivybridge Clinical Supplies (fictional CMO)",
            "3099900901",
            datetime.date(2023, 7, 11),
            Framework.GMP,
        ),
        (
            "Oakhurst Pharmachem (fictional CMO)",
            "3099901501",
            datetime.date(2025, 1, 30),
            Framework.GMP,
        ),
        (
            "Maplecrest Cell and Gene Therapy (fictional CDMO)",
            "3099901301",
            datetime.date(2022, 10, 27),
            Framework.GMP,
        ),
        (
            "Maplecrest Cell and Gene Therapy (fictional CDMO)",
            "3099901303",
            datetime.date(2024, 4, 17),
            Framework.GCP,
        ),
    ]


@pytest.mark.parametrize("typed", [False, True], ids=["text cells", "Excel dates and numbers"])
@pytest.mark.parametrize(
    ("export", "load"),
    [
        (INSPECTIONS, load_fda_inspections),
        (OLDER, load_fda_inspections),
        (LETTERS, load_fda_warning_letters),
    ],
    ids=["inspections", "older inspections", "warning letters"],
)
def test_the_example_exports_read_alike_as_workbooks(
    tmp_path: pathlib.Path,
    export: pathlib.Path,
    load: Callable[[pathlib.Path], tuple[PublicRecord, ...]],
    typed: bool,
) -> None:
    with export.open(encoding="utf-8", newline="") as handle:
        cells = list(csv.reader(handle))
    kinds = {
        "Inspection End Date": "date",
        "Letter Issue Date": "date",
        "Closeout Letter": "date",
        "FEI Number": "number",
    }
    header = next(row for row in cells if "FEI Number" in row or "Subject" in row)
    path = tmp_path / export.with_suffix(".xlsx").name
    write_xlsx(path, cells, typed={c: k for c, k in kinds.items() if typed and c in header})
    from_xlsx = load(path)
    assert [_renamed(r, path.name, export.name) for r in from_xlsx] == list(load(export))


def test_the_example_exports_match_the_example_partners_fei_numbers() -> None:
    partners = po.load_partners(pathlib.Path(__file__).parent.parent / "examples" / "partners.json")
    numbers = {number for partner in partners for number in partner.fei_numbers}
    found = {
        r.fei_number for r in (*load_fda_inspections(INSPECTIONS), *load_fda_inspections(OLDER))
    }
    assert len(found & numbers) >= 10
    assert {"3099908801", "3099907701", "0003099906601"} <= found - numbers  # no partner's


def test_an_unknown_project_area_is_kept_with_no_framework(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "areas.csv"
    row = _one_row(**{"Project Area": "  drug   quality assurance ", "Classification": "OAI"})
    other = _one_row(inspection_id="2", **{"Project Area": "Radiological Health Oversight"})
    write_csv(path, [list(row), list(row.values()), list(other.values())])
    assert [r.inspection.framework for r in load_fda_inspections(path)] == [
        Framework.GMP,
        Framework.NONE,
    ]


def test_a_product_type_the_library_does_not_know_is_left_out(tmp_path: pathlib.Path) -> None:
    rows = [_one_row(), _one_row(inspection_id="2", **{"Product Type": "Radiation-Emitting"})]
    path = tmp_path / "types.csv"
    write_csv(path, [list(rows[0]), *(list(row.values()) for row in rows)])
    assert [r.source for r in load_fda_inspections(path)] == ["types.csv, row 2 (Inspection ID 1)"]


def test_rows_below_the_header_that_are_blank_or_short_are_read(tmp_path: pathlib.Path) -> None:
    row = _one_row()
    path = tmp_path / "short.csv"
    text = ",".join(row) + ",Country/Area\n\n" + ",".join(row.values()) + "\n,,,\n"
    path.write_text(text, encoding="utf-8")
    (record,) = load_fda_inspections(path)
    assert record.country is None
    assert record.source == "short.csv, row 3 (Inspection ID 1)"


# --- inspections: bad files ---------------------------------------------------------------------


def _problems(path: pathlib.Path, **options: object) -> list[str]:
    with pytest.raises(InvalidDataError) as raised:
        load_fda_inspections(path, **options)  # type: ignore[arg-type]
    assert all(str(path) in line for line in raised.value.lines())
    return [str(problem) for problem in raised.value.problems]


def test_missing_columns_are_named(tmp_path: pathlib.Path) -> None:
    row = _one_row()
    del row["Classification"], row["Legal Name"]
    path = tmp_path / "export.csv"
    write_csv(path, [["FDA Data Dashboard"], list(row), list(row.values())])
    assert _problems(path) == [
        (
            "column 'Legal Name': is missing from the header (row 2); allowed: the columns of an "
            "FDA Data Dashboard inspections export: FEI Number, Legal Name (or Company Name), "
            "Inspection ID, Inspection End Date, Classification, Project Area, Product Type"
        ),
        (
            "column 'Classification': is missing from the header (row 2); allowed: the columns of "
            "an FDA Data Dashboard inspections export: FEI Number, Legal Name (or Company Name), "
            "Inspection ID, Inspection End Date, Classification, Project Area, Product Type"
        ),
    ]


def test_every_bad_row_is_reported_at_once_with_its_row_and_column(
    tmp_path: pathlib.Path,
) -> None:
    rows = [
        _one_row(date="02/30/2024"),
        _one_row(inspection_id="2", fei="30-0123", Classification="Pending"),
        _one_row(inspection_id="3", **{"Legal Name": ""}),
        _one_row(inspection_id="4", date="2099-01-01"),
        _one_row(inspection_id="5", **{"Product Type": ""}),
        _one_row(inspection_id="6", **{"Product Type": "Devices"}, date="not a date"),
        _one_row(inspection_id="7", date="14.03.2024"),
    ]
    path = tmp_path / "export.csv"
    write_csv(path, [list(rows[0]), *(list(row.values()) for row in rows)])
    problems = _problems(path)
    assert problems[0] == (
        "row 2 ('Glenrock Fill Finish Ltd'): Inspection End Date: '02/30/2024' is not a day "
        "of the calendar; allowed: a date written MM/DD/YYYY (03/14/2024), as FDA writes "
        "it, or YYYY-MM-DD (2024-03-14), or an Excel date; did you mean '2024-02-29'?"
    )
    assert problems[1].startswith(
        "row 3 ('Glenrock Fill Finish Ltd'): FEI Number: '30-0123' is not an FEI number"
    )
    assert problems[1].endswith("did you mean '300123'?")
    assert problems[2].startswith(
        "row 3 ('Glenrock Fill Finish Ltd'): Classification: 'Pending' is not an FDA "
        "inspection classification; allowed: No Action Indicated (NAI), Voluntary Action "
        "Indicated (VAI), Official Action Indicated (OAI) (or NAI, VAI, OAI)"
    )
    assert problems[3].startswith("row 4: Legal Name: is empty")
    assert problems[4].startswith("row 5 ('Glenrock Fill Finish Ltd'): Inspection End Date: ")
    assert "is in the future" in problems[4]
    assert problems[5].startswith("row 6 ('Glenrock Fill Finish Ltd'): Product Type: is empty")
    # Row 7 is a device's: left out, its date not read.
    assert problems[6].startswith("row 8 ('Glenrock Fill Finish Ltd'): Inspection End Date: ")
    assert len(problems) == 7


def test_rows_of_one_inspection_must_agree_on_site_and_end_date(tmp_path: pathlib.Path) -> None:
    rows = [
        _one_row(),
        _one_row(fei="3009999999", **{"Project Area": "Bioresearch Monitoring"}),
        _one_row(date="03/15/2024", **{"Project Area": "Generic Drug Evaluation"}),
    ]
    path = tmp_path / "export.csv"
    write_csv(path, [list(rows[0]), *(list(row.values()) for row in rows)])
    assert _problems(path) == [
        (
            "row 3 ('Glenrock Fill Finish Ltd'): FEI Number: '3009999999' differs from row 2's "
            "'3001234567', for the same Inspection ID '1'; allowed: one site for each inspection "
            "(each of its rows is one project area); did you mean '3001234567'?"
        ),
        (
            "row 4 ('Glenrock Fill Finish Ltd'): Inspection End Date: '2024-03-15' differs from "
            "row 2's '2024-03-14', for the same Inspection ID '1'; allowed: one end date for each "
            "inspection (each of its rows is one project area); did you mean '2024-03-14'?"
        ),
    ]


def test_a_file_that_is_no_export_is_refused(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "partners.csv"
    path.write_text("name,organisation_type\nAcme,cmo\n", encoding="utf-8")
    assert _problems(path) == [
        (
            "header row: is missing: no row names the columns of an FDA Data Dashboard "
            "inspections export; allowed: an FDA Data Dashboard inspections export, whose header "
            "names FEI Number, Legal Name (or Company Name), Inspection ID, Inspection End Date, "
            "Classification, Project Area, Product Type"
        )
    ]
    (tmp_path / "empty.csv").write_text("\n\n", encoding="utf-8")
    assert _problems(tmp_path / "empty.csv")[0].startswith("(file): '' is empty")


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("export.xls", b"", "file suffix: '.xls' is not a format"),
        ("export.csv", b"FEI Number,\xff\xfe\n", "is not UTF-8 text (byte 11)"),
        ("export.xlsx", b"FEI Number,Legal Name\n", "is not a workbook that can be read"),
        ("export.xlsx", b"PK\x03\x04 not a workbook", "is not a workbook that can be read"),
        ("export.xlsx", b"", "is not a workbook that can be read"),
    ],
)
def test_unreadable_files_are_refused_by_name(
    tmp_path: pathlib.Path, name: str, content: bytes, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InvalidDataError, match=re.escape(words)):
        load_fda_inspections(path)
    with pytest.raises(InvalidDataError, match=re.escape(words)):
        load_fda_warning_letters(path)


def test_a_workbook_whose_sheet_is_broken_is_refused(tmp_path: pathlib.Path) -> None:
    import zipfile  # noqa: PLC0415

    good = tmp_path / "good.xlsx"
    write_xlsx(good, table([], FDA_COLUMNS))
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data[: len(data) // 2]  # cut off half-way through its rows
            target.writestr(item, data)
    with pytest.raises(InvalidDataError, match="is not a workbook that can be read"):
        load_fda_inspections(broken)


def test_a_missing_file_is_an_os_error(tmp_path: pathlib.Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_fda_inspections(tmp_path / "absent.csv")


def test_without_openpyxl_a_workbook_is_refused_naming_the_extra(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "export.xlsx"
    write_xlsx(path, table([], FDA_COLUMNS))
    real_import = builtins.__import__

    def without_openpyxl(name: str, *args: object, **kwargs: object) -> object:
        if name == "openpyxl" or name.startswith("openpyxl."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", without_openpyxl)
    with pytest.raises(InvalidDataError) as raised:
        load_fda_inspections(path)
    assert str(raised.value) == (
        f"{path}: file suffix: '.xlsx' needs openpyxl (the xlsx extra), which is not "
        'installed; allowed: install it with pip install "pharma-outsourcing[xlsx]", or save '
        "the sheet as CSV"
    )
    with pytest.raises(InvalidDataError, match=r"pharma-outsourcing\[xlsx\]"):
        po.load_partners(path)


@pytest.mark.parametrize(
    ("product_types", "words"),
    [
        ("Drugs", "product_types: 'Drugs' is a single text, not a collection"),
        ([], "product_types: [] is empty, so no row would be kept"),
        (["Drugz"], "product_types: 'Drugz' is not a known product type"),
        (3, "product_types: 3 is not a collection"),
    ],
)
def test_product_types_are_refused_unless_a_collection_of_known_ones(
    product_types: object, words: str
) -> None:
    with pytest.raises(InvalidInputError, match=re.escape(words)):
        load_fda_inspections(INSPECTIONS, product_types=product_types)  # type: ignore[arg-type]


def test_a_path_that_is_not_one_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="path: 3 is not a file path"):
        load_fda_inspections(3)  # type: ignore[arg-type]


# --- warning letters ------------------------------------------------------------------------------


@folders
@given(rows=letter_rows(), titles=st.integers(0, 3))
def test_letters_follow_the_rules_of_office_subject_and_close_out(
    tmp_path: pathlib.Path, rows: list[LetterRow], titles: int
) -> None:
    path = tmp_path / "letters.csv"
    write_csv(path, table(rows, LETTER_COLUMNS, titles=titles))
    records = load_fda_warning_letters(path)
    wanted = []
    for row in rows:
        kept, framework = LETTER_SUBJECTS[row.subject]
        if kept and LETTER_OFFICES[row.office]:
            wanted.append((row.firm, row.issued, InspectionOutcome.WARNING_LETTER, framework))
            if row.closed is not None:
                wanted.append((row.firm, row.closed, InspectionOutcome.CLOSE_OUT_LETTER, framework))
    assert [
        (r.firm, r.inspection.date, r.inspection.outcome, r.inspection.framework) for r in records
    ] == wanted
    for record in records:
        assert (record.fei_number, record.country, record.inspection.site) == (None, None, None)
        assert record.inspection.regulator is Regulator.FDA
        assert "About Warning and Close-Out Letters" in (record.inspection.source or "")


@folders
@given(rows=letter_rows())
def test_letters_read_alike_from_csv_and_xlsx(
    tmp_path: pathlib.Path, rows: list[LetterRow]
) -> None:
    cells = table(rows, LETTER_COLUMNS, titles=1)
    write_csv(tmp_path / "letters.csv", cells)
    write_xlsx(
        tmp_path / "letters.xlsx",
        cells,
        typed={"Letter Issue Date": "date", "Closeout Letter": "date", "Posted Date": "date"},
    )
    from_csv = load_fda_warning_letters(tmp_path / "letters.csv")
    from_xlsx = load_fda_warning_letters(tmp_path / "letters.xlsx")
    assert [_renamed(r, "letters.xlsx", "letters.csv") for r in from_xlsx] == list(from_csv)


def test_the_example_letters_read_as_their_rows_say() -> None:
    records = load_fda_warning_letters(LETTERS)
    assert [(r.firm, r.inspection.outcome, r.inspection.framework, r.source) for r in records] == [
        (
            "Hartwell Generics Manufacturing (fictional CMO)",
            InspectionOutcome.WARNING_LETTER,
            Framework.GMP,
            "fda-warning-letters.csv, row 2",
        ),
        (
            "Hartwell Generics Manufacturing (fictional CMO)",
            InspectionOutcome.CLOSE_OUT_LETTER,
            Framework.GMP,
            "fda-warning-letters.csv, row 2, Closeout Letter",
        ),
        (
            "Mira Castellan, M.D.",
            InspectionOutcome.WARNING_LETTER,
            Framework.GCP,
            "fda-warning-letters.csv, row 5",
        ),
        (
            "Brackenfield Wellness Co",
            InspectionOutcome.WARNING_LETTER,
            Framework.NONE,
            "fda-warning-letters.csv, row 6",
        ),
        (
            "Copperleaf Toxicology Ltd",
            InspectionOutcome.WARNING_LETTER,
            Framework.GLP,
            "fda-warning-letters.csv, row 9",
        ),
        (
            "Fenwick Plasma Services",
            InspectionOutcome.WARNING_LETTER,
            Framework.GMP,
            "fda-warning-letters.csv, row 11",
        ),
        (
            "QUARRYBANK LABORATORIES",  # two partners of the records guide bear this name
            InspectionOutcome.WARNING_LETTER,
            Framework.GMP,
            "fda-warning-letters.csv, row 12",
        ),
    ]
    assert [r.inspection.date for r in records[:2]] == [
        datetime.date(2025, 7, 22),
        datetime.date(2026, 3, 18),
    ]


@pytest.mark.parametrize("fixture", [INSPECTIONS, LETTERS])
def test_the_docs_read_the_fixtures_the_tests_read(fixture: pathlib.Path) -> None:
    # The records guide and the notebook tour read their copies in docs/data/.
    copy = DATA.parent.parent / "docs" / "data" / fixture.name
    assert copy.read_bytes() == fixture.read_bytes()


def test_bad_letters_are_reported_together(tmp_path: pathlib.Path) -> None:
    rows = [
        ["Letter Issue Date", "Company Name", "Subject", "Closeout Letter"],
        ["13/01/2025", "Glenrock Fill Finish Ltd", "CGMP/Finished Pharmaceuticals", ""],
        ["01/13/2025", "", "CGMP/Finished Pharmaceuticals", "01/12/2025"],
        ["01/13/2025", "Glenrock Fill Finish Ltd", "", "someday"],
        ["", "Hollowmere Surgical Devices", "Medical Devices/Adulterated", ""],
    ]
    path = tmp_path / "letters.csv"
    write_csv(path, rows)
    with pytest.raises(InvalidDataError) as raised:
        load_fda_warning_letters(path)
    problems = [str(problem) for problem in raised.value.problems]
    assert problems[0].startswith(
        "row 2 ('Glenrock Fill Finish Ltd'): Letter Issue Date: '13/01/2025' is not a day of "
        "the calendar"
    )
    assert problems[1].startswith("row 3: Company Name: is empty")
    assert problems[2] == (
        "row 3: Closeout Letter: '01/12/2025' is before the letter it closes (2025-01-13); "
        "allowed: the date of the close-out letter, on or after the letter's"
    )
    assert problems[3].startswith("row 4 ('Glenrock Fill Finish Ltd'): Subject: is empty")
    assert problems[4].startswith(
        "row 4 ('Glenrock Fill Finish Ltd'): Closeout Letter: 'someday' is not a date"
    )
    assert len(problems) == 5  # the device letter of row 5 is left out, unread


def test_blank_and_short_letter_rows_are_read(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "letters.csv"
    path.write_text(
        "Issuing Office,Letter Issue Date,Company Name,Subject,Closeout Letter\n"
        ",,,,\n\nCDER,01/13/2025,Glenrock Fill Finish Ltd,CGMP/Finished Pharmaceuticals\n",
        encoding="utf-8",
    )
    (record,) = load_fda_warning_letters(path)
    assert (record.source, record.inspection.framework) == ("letters.csv, row 4", Framework.GMP)


def test_a_listing_without_its_columns_is_refused(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "letters.csv"
    write_csv(path, [["Posted Date", "Company Name", "Subject"], ["01/02/2025", "A", "CGMP"]])
    with pytest.raises(InvalidDataError) as raised:
        load_fda_warning_letters(path)
    assert [str(p) for p in raised.value.problems] == [
        (
            "column 'Letter Issue Date': is missing from the header (row 1); allowed: the columns "
            "of an FDA warning-letter listing: Letter Issue Date, Company Name, Subject"
        )
    ]


# --- either export ------------------------------------------------------------------------------


def test_an_export_is_recognised_by_its_header() -> None:
    assert load_fda_export(INSPECTIONS) == load_fda_inspections(INSPECTIONS)
    assert load_fda_export(OLDER) == load_fda_inspections(OLDER)
    assert load_fda_export(LETTERS) == load_fda_warning_letters(LETTERS)
    devices = load_fda_export(INSPECTIONS, product_types=[ProductType.DEVICES])
    assert [r.firm for r in devices] == ["Hollowmere Surgical Devices"]


def test_a_file_that_is_neither_export_says_what_each_needs(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "other.csv"
    write_csv(path, [["Company Name", "Country"], ["Acme", "US"]])
    with pytest.raises(InvalidDataError) as raised:
        load_fda_export(path)
    assert [str(p) for p in raised.value.problems] == [
        (
            "header row: is missing: no row names the columns of an FDA Data Dashboard "
            "inspections export or an FDA warning-letter listing; allowed: an FDA Data Dashboard "
            "inspections export, whose header names FEI Number, Legal Name (or Company Name), "
            "Inspection ID, Inspection End Date, Classification, Project Area, Product Type; or "
            "an FDA warning-letter listing, whose header names Letter Issue Date, Company Name, "
            "Subject"
        )
    ]


# --- product types ------------------------------------------------------------------------------


def test_product_types_read_fdas_words() -> None:
    assert ProductType.parse("Food/Cosmetics") is ProductType.FOOD_AND_COSMETICS
    assert ProductType.parse("Biologics") is ProductType.BIOLOGICS
    assert ProductType.parse("Drugs") is ProductType.DRUGS
    assert ProductType.parse("Veterinary") is ProductType.VETERINARY
