"""Loading and writing profiles and partner lists: formats, round trips, refusals."""

from __future__ import annotations

import datetime
import json
import pathlib
import tempfile
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pharma_outsourcing as po
import strategies
from helpers import attempt
from pharma_outsourcing import InvalidDataError
from pharma_outsourcing._serialise.csv import decoded, encoded

EXAMPLES = pathlib.Path(__file__).parent.parent / "examples"
PARTNER_FORMATS = ("json", "toml", "csv")


@pytest.fixture
def folder(tmp_path: pathlib.Path) -> pathlib.Path:
    return tmp_path


def test_example_partner_files_agree() -> None:
    from_csv = po.load_partners(EXAMPLES / "partners.csv")
    from_json = po.load_partners(EXAMPLES / "partners.json")
    assert from_csv == from_json
    assert len(from_csv) >= 12
    assert {p.organisation_type for p in from_csv} == set(po.OrganisationType)
    assert all("fictional" in partner.name for partner in from_csv)
    assert len({market for p in from_csv for market in p.markets}) >= 8
    assert any(partner.communication is None for partner in from_csv)
    assert any(inspection.adverse for p in from_csv for inspection in p.inspections)


def test_csv_cells_are_read_by_their_field_type() -> None:
    by_name = {p.name: p for p in po.load_partners(EXAMPLES / "partners.csv")}
    fernhill = by_name["Fernhill Pharma Services (fictional CMO)"]
    assert fernhill.gmp_certified is True
    assert fernhill.communication == 3.5
    ema = next(i for i in fernhill.inspections if i.regulator is po.Regulator.EMA)
    assert (ema.date, ema.outcome, ema.major, ema.other, ema.site, ema.source) == (
        datetime.date(2023, 5, 25),
        po.InspectionOutcome.COMPLIANT,
        2,
        5,
        "3099900601",
        "EudraGMDP",
    )
    (audit,) = fernhill.audits
    assert (audit.year, audit.outcome, audit.site) == (2025, po.AuditOutcome.APPROVED, "3099900601")
    typed = po.loads_partners("name,organisation_type,services,gmp_certified\nA,cro,,yes\n", "csv")
    assert typed[0].gmp_certified is True  # "yes"
    assert typed[0].services == po.services_of(po.OrganisationType.CRO)  # empty cell: default


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.toml")))
def test_example_profiles_load(name: str) -> None:
    profile = po.load_profile(EXAMPLES / name)
    assert profile.name
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    assert text.startswith("# A fictional ")  # a comment header says who the sponsor is


def test_the_example_pathways_and_scopes_load_as_written() -> None:
    pivotal = po.load_profile(EXAMPLES / "pivotal-phase2-to-filing.toml")
    assert pivotal.programme == (
        po.Phase.PHASE_2,
        po.Phase.REGULATORY_REVIEW,
        po.Phase.COMMERCIAL,
    )
    assert pivotal.skipped_phases == (po.Phase.PHASE_3,)
    fill_finish = po.load_profile(EXAMPLES / "fill-finish-only.toml")
    assert fill_finish.scope is not None
    assert {po.Service.FINISHED_DOSAGE_MANUFACTURING, po.Service.QUALITY_CONTROL} <= (
        fill_finish.scope
    )
    assert po.Service.API_PRODUCTION not in fill_finish.scope
    approved = po.load_profile(EXAMPLES / "commercial-with-pv.toml")
    assert approved.phase is po.Phase.COMMERCIAL
    assert approved.services is not None
    assert {po.Service.PHARMACOVIGILANCE, po.Service.REGULATORY_AFFAIRS} <= (
        approved.needed_services
    )
    launch = po.load_profile(EXAMPLES / "us-made-eu-launch.toml")
    assert launch.target_markets == {po.Market.US, po.Market.EU}
    assert launch.horizon is po.Phase.COMMERCIAL
    virtual = (EXAMPLES / "preclinical-virtual-biotech.toml").read_text(encoding="utf-8")
    assert "IND-enabling" in virtual
    assert po.load_profile(EXAMPLES / "preclinical-virtual-biotech.toml").phase is (
        po.Phase.PRECLINICAL
    )


def test_a_pathway_and_a_scope_are_written_as_lists_and_read_back() -> None:
    profile = po.SponsorProfile(
        phase=po.Phase.PHASE_2,
        scope={po.Service.QUALITY_CONTROL, po.Service.FINISHED_DOSAGE_MANUFACTURING},
        pathway=(po.Phase.PHASE_2, po.Phase.REGULATORY_REVIEW, po.Phase.COMMERCIAL),
    )
    toml = po.dumps_profile(profile, "toml")
    assert 'scope = ["finished-dosage-manufacturing", "quality-control"]\n' in toml
    assert 'pathway = ["phase-2", "regulatory-review", "commercial"]\n' in toml
    assert po.loads_profile(toml, "toml") == profile
    written = json.loads(po.dumps_profile(profile, "json"))
    assert written["pathway"] == ["phase-2", "regulatory-review", "commercial"]
    assert po.loads_profile(po.dumps_profile(profile, "json"), "json") == profile
    plain = po.dumps_profile(po.SponsorProfile(phase=po.Phase.PHASE_2), "toml")
    assert "scope" not in plain  # None (any service, every phase between) is left out
    assert "pathway" not in plain


@given(st.lists(st.from_type(po.Partner), max_size=5), st.sampled_from(PARTNER_FORMATS))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_partners_round_trip_through_every_format(partners: list[po.Partner], fmt: str) -> None:
    text = po.dumps_partners(partners, fmt)  # type: ignore[arg-type]
    assert po.loads_partners(text, fmt) == tuple(partners)  # type: ignore[arg-type]


@given(st.lists(st.from_type(po.Partner), max_size=4))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_partners_round_trip_through_a_workbook(partners: list[po.Partner]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "partners.xlsx"
        po.dump_partners(partners, path)
        assert po.load_partners(path) == tuple(partners)


@given(st.lists(strategies.awkward_partners(), max_size=3))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_any_text_round_trips_through_a_workbook_or_is_refused_before_writing(
    partners: list[po.Partner],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "partners.xlsx"
        refused: po.OutputError | None = None
        try:
            po.dump_partners(partners, path)
        except po.OutputError as error:
            refused = error
        if refused is None:
            assert po.load_partners(path) == tuple(partners)
        else:
            assert "which a workbook cannot store" in str(refused)
            assert not path.exists()


def _sheet(path: pathlib.Path, rows: list[list[Any]]) -> None:
    import openpyxl  # noqa: PLC0415 - the xlsx extra, here only

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def test_a_sheets_numbers_booleans_and_dates_read_as_the_csv_cells_do(
    folder: pathlib.Path,
) -> None:
    header = ["name", "organisation_type", "fei_numbers", "gmp_certified", "communication"]
    _sheet(
        folder / "partners.xlsx",
        [
            header,
            ["Glenrock Fill Finish Ltd", "CMO", 3001234567, True, 4.5],
            ["Birch Research", "cro", "0012345;3009876543", False, 4],
            [None, None, None, None, None],  # a blank row, skipped as in CSV
        ],
    )
    csv_text = (
        ",".join(header) + "\n"
        "Glenrock Fill Finish Ltd,CMO,3001234567,true,4.5\n"
        "Birch Research,cro,0012345;3009876543,false,4\n"
    )
    assert po.load_partners(folder / "partners.xlsx") == po.loads_partners(csv_text, "csv")


def test_a_bad_sheet_names_its_rows(folder: pathlib.Path) -> None:
    _sheet(
        folder / "partners.xlsx",
        [["FDA partners"], ["name", "organisation_type"], ["Acme", "cmx"]],
    )
    with pytest.raises(InvalidDataError) as raised:
        po.load_partners(folder / "partners.xlsx")
    assert "column 1 of the header: 'FDA partners' is not a known field" in str(raised.value)
    _sheet(folder / "partners.xlsx", [["name", "organisation_type"], [None, None], ["Acme", "cmx"]])
    with pytest.raises(InvalidDataError, match=r"record 1 \('Acme', row 3\): organisation_type"):
        po.load_partners(folder / "partners.xlsx")


def test_an_unreadable_workbook_is_our_error(folder: pathlib.Path) -> None:
    (folder / "partners.xlsx").write_bytes(b"name,organisation_type\nAcme,cmo\n")
    with pytest.raises(InvalidDataError, match="is not a workbook that can be read"):
        po.load_partners(folder / "partners.xlsx")


@given(st.from_type(po.SponsorProfile), st.sampled_from(("json", "toml")))
def test_profiles_round_trip_through_every_format(profile: po.SponsorProfile, fmt: str) -> None:
    text = po.dumps_profile(profile, fmt)  # type: ignore[arg-type]
    assert po.loads_profile(text, fmt) == profile  # type: ignore[arg-type]
    assert po.loads_profile(text.encode("utf-8-sig"), fmt) == profile  # type: ignore[arg-type]


def test_files_round_trip_by_suffix(folder: pathlib.Path) -> None:
    partners = po.load_partners(EXAMPLES / "partners.json")
    for fmt in (*PARTNER_FORMATS, "xlsx"):
        po.dump_partners(partners, folder / f"p.{fmt}")
        assert po.load_partners(folder / f"p.{fmt}") == partners
    profile = po.load_profile(EXAMPLES / "phase1-biotech.toml")
    for fmt in ("json", "toml"):
        po.dump_profile(profile, folder / f"profile.{fmt.upper()}")
        assert po.load_profile(folder / f"profile.{fmt.upper()}") == profile


def test_byte_order_mark_is_accepted(folder: pathlib.Path) -> None:
    text = (EXAMPLES / "partners.csv").read_text(encoding="utf-8")
    (folder / "bom.csv").write_text(text, encoding="utf-8-sig")
    assert po.load_partners(folder / "bom.csv") == po.load_partners(EXAMPLES / "partners.csv")
    assert po.loads_partners("\ufeff[]") == ()


def test_toml_partner_tables_and_json_wrapper() -> None:
    toml = '[[partners]]\nname = "A"\norganisation_type = "cro"\n'
    wrapped = '{"partners": [{"name": "A", "organisation_type": "cro"}]}'
    assert po.loads_partners(toml, "toml") == po.loads_partners(wrapped, "json")


def test_missing_file_raises_os_error(folder: pathlib.Path) -> None:
    with pytest.raises(FileNotFoundError):
        po.load_profile(folder / "absent.toml")
    with pytest.raises(FileNotFoundError):
        po.load_partners(folder / "absent.csv")


def test_unknown_formats_are_refused(folder: pathlib.Path) -> None:
    with pytest.raises(InvalidDataError, match=r"format: 'yaml' .*allowed: toml, json"):
        po.loads_profile("phase = 'p1'", "yaml")  # type: ignore[arg-type]
    with pytest.raises(InvalidDataError, match=r"did you mean '.json'"):
        po.dump_partners([], folder / "out.jsn")


def test_every_problem_of_a_file_is_reported(folder: pathlib.Path) -> None:
    path = folder / "bad.json"
    path.write_text(
        '[{"name": "Good", "organisation_type": "cro"},'
        ' {"name": "Acme", "organisation_type": "cdmx", "communication": 9},'
        ' {"organisation_type": "cmo", "markets": ["mars"]}]',
        encoding="utf-8",
    )
    with pytest.raises(InvalidDataError) as caught:
        po.load_partners(path)
    lines = caught.value.lines()
    assert lines == [
        (
            f"{path}: record 2 ('Acme'): organisation_type: 'cdmx' is not a known organisation "
            "type; allowed: cro, cmo, cdmo; did you mean 'cdmo'?"
        ),
        (
            f"{path}: record 2 ('Acme'): communication: 9.0 is out of range; allowed: a number "
            "from 0 to 5, or nothing (not assessed); did you mean '5'?"
        ),
        (
            f"{path}: record 3: markets[0]: 'mars' is not a known market; allowed: us, eu, uk, "
            "japan, china, canada, australia, brazil, india, switzerland, south-korea"
        ),
        f"{path}: record 3: name: is missing; allowed: a text",
    ]
    assert caught.value.file == str(path)


# (suffix, content, substrings the message must contain)
BAD_PROFILES: list[tuple[str, str, list[str]]] = [
    ("toml", "", ["(file): '' is empty"]),
    ("json", "   \n", ["is empty"]),
    ("toml", "phase = ", ["not well-formed", "TOML"]),
    ("json", '{"phase": "phase-1",}', ["not well-formed", "JSON"]),
    ("json", '["phase-1"]', ["(top level)", "is a list", "SponsorProfile fields"]),
    ("toml", 'phase = "phase 9"', ["phase: 'phase 9' is not a known phase", "allowed: discovery"]),
    ("toml", 'phase = "preclincal"', ["did you mean 'preclinical'?"]),
    ("toml", 'name = "x"', ["phase: is missing", "allowed: discovery, preclinical"]),
    ("toml", 'phase = "p1"\nhorizn = "commercial"', ["horizn: is not a known field", "'horizon'"]),
    (
        "toml",
        'phase = "phase-3"\nhorizon = "phase-1"',
        ["horizon: 'phase-1' is before the profile's phase (phase-3)", "did you mean 'phase-3'?"],
    ),
    (
        "toml",
        'phase = "p1"\nprefers_single_partner = "false"',
        ["prefers_single_partner: 'false' is text", "true or false", "false (without quotes)"],
    ),
    ("json", '{"phase": "p1", "prefers_single_partner": 1}', ["is a number; allowed: true or"]),
    ("toml", 'phase = "p1"\nin_house = "api-production"', ["in_house: 'api-production' is text"]),
    (
        "toml",
        'phase = "p1"\nin_house = ["api-producton"]',
        ["in_house[0]: 'api-producton' is not a known service", "did you mean 'api-production'?"],
    ),
    ("toml", 'phase = "p1"\ntarget_markets = ["europa"]', ["target_markets[0]", "'eu'"]),
    ("toml", 'phase = "p1"\nname = 7', ["name: 7 is a number; allowed: text"]),
    ("toml", 'phase = "p1"\nmodality = "mab "', []),  # 0.1's key, and an alias: accepted
    (
        "toml",
        'phase = "p1"\nmodality = "mab"\nmodalities = ["mrna"]',
        ["modality: 'mab' is given as well as 'modalities'", "not both"],
    ),
    (
        "json",
        '{"phase": "p1", "dosage_form": "tablet", "dosage_forms": []}',
        ["dosage_form: 'tablet' is given as well as 'dosage_forms'"],
    ),
    ("toml", 'phase = "p1"\nmodality = "mab x"', ["modality: 'mab x' is not a known modality"]),
    ("toml", 'phase = "p1"\nmodalities = "mrna"', ["modalities: 'mrna' is text; allowed: a list"]),
    ("toml", 'phase = "p1"\nrequires = ["asepsis"]', ["requires[0]: 'asepsis' is not a known"]),
    ("toml", 'phase = "p1"\nscope = "quality-control"', ["scope: 'quality-control' is text"]),
    ("toml", 'phase = "p1"\nscope = ["qc testing"]', ["scope[0]: 'qc testing' is not a known"]),
    ("toml", 'phase = "p2"\npathway = "p2"', ["pathway: 'p2' is text; allowed: a list"]),
    ("toml", 'phase = "p2"\npathway = ["p2", "phase 9"]', ["pathway[1]: 'phase 9' is not a"]),
    (
        "toml",
        'phase = "p2"\npathway = ["phase 2", "market"]',
        [
            (
                "pathway: ['phase-2', 'commercial'] goes from phase-2 to commercial without "
                "regulatory-review"
            ),
            "did you mean 'phase-2, regulatory-review, commercial'?",
        ],
    ),
    (
        "json",
        '{"phase": "phase-2", "horizon": "phase-3", "pathway": ["phase-3"]}',
        ["pathway: ['phase-3'] starts with phase-3, not the profile's phase (phase-2)"],
    ),
]


@pytest.mark.parametrize(("suffix", "content", "words"), BAD_PROFILES)
def test_bad_profiles(folder: pathlib.Path, suffix: str, content: str, words: list[str]) -> None:
    path = folder / f"profile.{suffix}"
    path.write_text(content, encoding="utf-8")
    if not words:
        assert po.load_profile(path).modalities == {po.Modality.BIOLOGIC}
        return
    with pytest.raises(InvalidDataError) as caught:
        po.load_profile(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    for word in words:
        assert word in message


HEADER = "name,organisation_type,communication,gmp_certified,inspections,markets\n"

BAD_PARTNERS: list[tuple[str, str, list[str]]] = [
    ("csv", "", ["(file): '' is empty"]),
    ("csv", "name,organisation_type\n", []),  # a header alone: no partners
    ("csv", "name,markets\nA,us\n", ["column 'organisation_type': is missing from the header"]),
    ("csv", "name,organisation_typ\nA,cro\n", ["column 2 of the header", "'organisation_type'"]),
    (
        "csv",
        HEADER + "Acme,cro,6,,,\n",
        ["record 1 ('Acme', line 2): communication: 6.0 is out of range", "0 to 5", "'5'?"],
    ),
    ("csv", HEADER + "Acme,cro,three,,,\n", ["communication: 'three' is text; allowed: a number"]),
    ("csv", HEADER + "Acme,cro,,maybe,,\n", ["gmp_certified: 'maybe' is text; allowed: true or"]),
    (
        "csv",
        HEADER + "Acme,cmo,,,fda:2099:nai,\n",
        ["inspections[0].year: 2099 is in the future", "allowed: a year from 1938", "did you"],
    ),
    ("csv", HEADER + "Acme,cmo,,,fda:2020,\n", ["inspections[0].outcome: is missing"]),
    ("csv", HEADER + "Acme,cmo,,,fda:2020:nai:-1,\n", ["critical: -1 is not a count", "'0'?"]),
    ("json", '[{"name": "A", "organisation_type": "cro", "communication": -1}]', ["'0'?"]),
    ("csv", HEADER + "Acme,cmo,,,fda:2020:nai:1:2:3:4,\n", ["inspections[0]: 'fda:2020:nai"]),
    (
        "csv",
        HEADER + "Acme,cmo,,,fda:2024-02-30:nai,\n",
        [
            "record 1 ('Acme', line 2): inspections[0].date: '2024-02-30' is not a day of the",
            "did you mean '2024-02-29'?",
        ],
    ),
    (
        "csv",
        HEADER + "Acme,cmo,,,fda:2022:nai;fda:12/03/2024:nai,\n",
        [
            "inspections[1].date: '12/03/2024' is not a date written YYYY-MM-DD",
            "allowed: a year (2024), or a date written YYYY-MM-DD (2024-03-12)",
        ],
    ),
    (
        "csv",
        HEADER + "Acme,cmo,,,fda:2099-01-01:nai,\n",
        ["inspections[0].date: '2099-01-01' is in the future", "allowed: a date (YYYY-MM-DD)"],
    ),
    (
        "csv",
        HEADER + "Acme,cmo,,,fda:2020:nai:gmp::0:0:0:FDA export: caveats,\n",
        [
            "inspections[0]: 'fda:2020:nai:gmp::0:0:0:FDA export: caveats' has 10 parts",
            "allowed: at most 9 parts, regulator:date-or-year:outcome[:framework[:site[",
            "with %3A for a ':' inside a value",
            "did you mean 'fda:2020:nai:gmp::0:0:0:FDA export%3A caveats'?",
        ],
    ),
    (
        "csv",
        HEADER + "Acme,cmo,,,fda:2020:nai:gmpp,\n",
        ["inspections[0].framework: 'gmpp' is not a known framework", "did you mean 'gmp'?"],
    ),
    (
        "csv",
        "name,organisation_type,audits\nAcme,cmo,2024:approved;2023:pased:gmp:site:extra\n",
        [
            "audits[1]: '2023:pased:gmp:site:extra' has 5 parts",
            "year:outcome[:framework[:site]]",
        ],
    ),
    (
        "csv",
        "name,organisation_type,audits\nAcme,cmo,2024:aproved\n",
        ["audits[0].outcome: 'aproved' is not a known audit outcome", "'approved'?"],
    ),
    (
        "csv",
        "name,organisation_type,fei_numbers\nAcme,cmo,3001234567;FEI 30012\n",
        ["fei_numbers: 'FEI 30012' is not an FEI number", "did you mean '30012'?"],
    ),
    (
        "csv",
        "name,organisation_type,capabilities,glp_compliant\nAcme,cmo,asepsis,si\n",
        ["capabilities[0]: 'asepsis'", "glp_compliant: 'si' is text; allowed: true or false"],
    ),
    (
        "json",
        (
            '[{"name": "Acme", "organisation_type": "cmo", "inspections": '
            '[{"regulator": "fda", "date": "2024-03-12", "year": 2023, "outcome": "nai"}]}]'
        ),
        [
            "record 1 ('Acme'): inspections[0].year: 2023 disagrees with the record's date",
            "did you mean '2024'?",
        ],
    ),
    (
        "json",
        (
            '[{"name": "Acme", "organisation_type": "cmo", "inspections": '
            '[{"regulator": "fda", "date": "2024-3-12", "outcome": "nai"}]}]'
        ),
        ["inspections[0].date: '2024-3-12' is not a date written YYYY-MM-DD", "'2024-03-12'?"],
    ),
    (
        "csv",
        HEADER + "Acme,cmo,,,fdaa:2020:nai,us;europa\n",
        ["inspections[0].regulator: 'fdaa'", "did you mean 'fda'?", "markets[1]: 'europa'"],
    ),
    ("csv", HEADER + ",cro,,,,\n", ["record 1 (line 2): name: is missing"]),
    ("csv", HEADER + "Acme,cro,,,,,extra\n", ["(cells beyond the header)"]),
    ("csv", 'name,organisation_type\n"Acme,cro\n', ["record 1"]),
    ("csv", "name\n" + "x" * 200_000 + "\n", ["CSV", "not well-formed", "line 2"]),
    (
        "json",
        '[{"name": "A", "organisation_type": "cro", "services": ["api-production"]}]',
        ["services: 'api-production' is not a CRO service", "cdmo as organisation_type"],
    ),
    ("json", '{"name": "A"}', ["(top level): 'dict' is not a list of partners"]),
    ("json", "[1, null]", ["record 1: (top level): 1 is a number", "record 2: (top level)"]),
    ("json", '[{"name": "A", "organisation_type": "cro", "gmp": true}]', ["'gmp_certified'"]),
    ("json", '[{"name": "A", "organisation_type": "cro", "communication": "4"}]', ["'4 (a num"]),
    ("json", '[{"name": "A", "organisation_type": "cro", "communication": true}]', ["boolean"]),
    ("json", '[{"name": "  ", "organisation_type": "cro"}]', ["name: '  ' is not a non-empty"]),
    ("toml", "[[partners]]\nname = 1", ["record 1: name: 1 is a number", "organisation_type:"]),
    ("toml", "[[partners]\n", ["not well-formed", "TOML"]),
    ("yaml", "- name: A", ["file suffix: '.yaml'", "allowed: .json, .toml, .csv"]),
]


@pytest.mark.parametrize(("suffix", "content", "words"), BAD_PARTNERS)
def test_bad_partner_files(
    folder: pathlib.Path, suffix: str, content: str, words: list[str]
) -> None:
    path = folder / f"partners.{suffix}"
    path.write_text(content, encoding="utf-8", newline="")
    if not words:
        assert po.load_partners(path) == ()
        return
    with pytest.raises(InvalidDataError) as caught:
        po.load_partners(path)
    message = str(caught.value)
    for line in message.splitlines():
        assert line.startswith(f"{path}: ")
    for word in words:
        assert word in message


def test_a_year_disagreeing_with_its_date_in_a_toml_file_names_file_record_and_field(
    folder: pathlib.Path,
) -> None:
    path = folder / "partners.toml"
    path.write_text(
        '[[partners]]\nname = "Acme"\norganisation_type = "cmo"\n'
        'inspections = [{regulator = "fda", date = 2024-03-12, year = 2023, outcome = "nai"}]\n',
        encoding="utf-8",
    )
    with pytest.raises(InvalidDataError) as caught:
        po.load_partners(path)
    assert caught.value.lines() == [
        (
            f"{path}: record 1 ('Acme'): inspections[0].year: 2023 disagrees with the record's "
            "date (2024-03-12); allowed: the date's year, or no year (it is then the date's); "
            "did you mean '2024'?"
        )
    ]


def test_the_bad_input_table_is_large() -> None:
    assert sum(1 for *_, words in BAD_PROFILES + BAD_PARTNERS if words) >= 25


def test_not_utf8_is_refused(folder: pathlib.Path) -> None:
    path = folder / "latin1.csv"
    path.write_bytes("name,organisation_type\nCaf\xe9,cro\n".encode("latin-1"))
    with pytest.raises(InvalidDataError, match="is not UTF-8 text"):
        po.load_partners(path)


def test_deeply_nested_json_is_refused() -> None:
    with pytest.raises(InvalidDataError, match="not well-formed"):
        po.loads_partners("[" * 100_000 + "]" * 100_000)


@given(st.binary(max_size=300), st.sampled_from(PARTNER_FORMATS))
def test_fuzz_any_bytes_give_partners_or_our_error(data: bytes, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = pathlib.Path(directory) / f"fuzz.{fmt}"
        path.write_bytes(data)
        result = attempt(po.load_partners, path)
        if isinstance(result, InvalidDataError):
            assert result.problems
        else:
            assert all(isinstance(partner, po.Partner) for partner in result)


@given(
    st.binary(max_size=300) | st.text(max_size=200).map(str.encode),
    st.sampled_from(["json", "toml"]),
)
def test_fuzz_any_bytes_give_a_profile_or_our_error(data: bytes, fmt: str) -> None:
    result = attempt(po.loads_profile, data, fmt)
    if isinstance(result, InvalidDataError):
        assert result.problems
    else:
        assert isinstance(result, po.SponsorProfile)


@given(
    st.lists(
        st.lists(
            st.sampled_from(["A", "cro", "cmo", "yes", "4.5", "fda:2020:nai", "us;eu", "", "x:y"]),
            min_size=0,
            max_size=7,
        ),
        max_size=4,
    )
)
def test_fuzz_csv_rows_give_partners_or_our_error(rows: list[list[str]]) -> None:
    text = HEADER + "".join(",".join(row) + "\n" for row in rows)
    result = attempt(po.loads_partners, text, "csv")
    if isinstance(result, InvalidDataError):
        assert result.problems
    else:
        assert len(result) == sum(1 for row in rows if any(row))


# --- hostile input (issue 11): each defect found, kept fixed ------------------------------


def test_an_integer_rating_is_written_and_read_back() -> None:
    partner = po.Partner(name="A", organisation_type=po.OrganisationType.CRO, communication=4)
    for fmt in ("json", "toml", "csv"):
        text = po.dumps_partners([partner], fmt)
        assert po.loads_partners(text, fmt) == (partner,)


def test_a_400_digit_number_in_a_file_is_refused() -> None:
    digits = "1" + "0" * 400
    json_text = f'[{{"name": "A", "organisation_type": "cro", "communication": {digits}}}]'
    toml_text = f'[[partners]]\nname = "A"\norganisation_type = "cro"\ncommunication = {digits}\n'
    with pytest.raises(InvalidDataError, match="has more than 300 digits"):
        po.loads_partners(json_text, "json")
    with pytest.raises(InvalidDataError, match="has more than 300 digits"):
        po.loads_partners(toml_text, "toml")


def test_a_csv_year_of_5000_digits_is_refused_as_too_long() -> None:
    text = "name,organisation_type,inspections\nA,cmo,fda:" + "9" * 5000 + ":nai\n"
    with pytest.raises(InvalidDataError, match=r"inspections\[0\]\.year: .* more than 300 digits"):
        po.loads_partners(text, "csv")


def test_a_lone_surrogate_in_a_file_is_refused_and_nothing_unwritable_loads() -> None:
    with pytest.raises(InvalidDataError, match=r"record 1 .*: name: .* lone surrogate"):
        po.loads_partners('[{"name": "\\ud800", "organisation_type": "cro"}]')


@pytest.mark.parametrize(
    ("header", "column"),
    [("name,organisation_type,name", "column 3"), ("name,organisation_type,markets,markets", "4")],
)
def test_duplicate_csv_headers_are_refused(header: str, column: str) -> None:
    with pytest.raises(InvalidDataError, match=rf"{column} of the header: .* names the field"):
        po.loads_partners(header + "\nA,cro,us,eu\n", "csv")


def test_a_name_with_a_bare_carriage_return_survives_csv() -> None:
    partner = po.Partner(name='A\rB, "C"\nD', organisation_type=po.OrganisationType.CRO)
    assert po.loads_partners(po.dumps_partners([partner], "csv"), "csv") == (partner,)


@pytest.mark.parametrize(
    "cell", ["0_5", "4,5", "0x1", "1e", "--1", "4.5.1", " inf", "nan", "1e999"]
)
def test_csv_numbers_are_read_as_json_writes_them(cell: str) -> None:
    text = f'name,organisation_type,communication\nA,cro,"{cell}"\n'
    with pytest.raises(InvalidDataError, match=r"communication: "):
        po.loads_partners(text, "csv")


@pytest.mark.parametrize(
    ("cell", "number"), [("4.5", 4.5), ("+4.5", 4.5), ("4", 4.0), ("45e-1", 4.5), (" 0.5 ", 0.5)]
)
def test_csv_numbers_as_json_writes_them_are_read(cell: str, number: float) -> None:
    text = f"name,organisation_type,communication\nA,cro,{cell}\n"
    assert po.loads_partners(text, "csv")[0].communication == number


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: po.load_partners(None), "path: None is not a file path"),  # type: ignore[arg-type]
        (lambda: po.load_profile("a\x00b.toml"), "holds a NUL character"),
        (lambda: po.loads_profile(3), "text: 3 is not text"),  # type: ignore[arg-type]
        (lambda: po.dumps_partners(None), "partners: None is not a collection"),  # type: ignore[arg-type]
        (lambda: po.dumps_partners("AB"), "partners: 'AB' is not a collection"),  # type: ignore[arg-type]
        (lambda: po.dumps_partners([1, 2]), r"partners\[0\]: 1 is an int, not a Partner"),  # type: ignore[list-item]
        (lambda: po.dumps_profile(None), "profile: None is not a SponsorProfile"),  # type: ignore[arg-type]
        (
            lambda: po.dumps_profile(
                po.Partner(name="A", organisation_type=po.OrganisationType.CRO)  # type: ignore[arg-type]
            ),
            "is a Partner, not a SponsorProfile",
        ),
    ],
)
def test_public_file_functions_check_their_arguments(call: Any, words: str) -> None:
    with pytest.raises(po.InvalidInputError, match=words):
        call()


def test_output_that_cannot_be_written_is_our_error(folder: pathlib.Path) -> None:
    missing = folder / "no-such-folder" / "partners.json"
    taken = folder / "taken.toml"
    taken.mkdir()  # a folder where the file should go
    with pytest.raises(po.OutputError, match=r"no-such-folder/partners\.json: cannot be written"):
        po.dump_partners([], missing)
    with pytest.raises(po.OutputError, match="cannot be written"):
        po.dump_profile(po.SponsorProfile(phase=po.Phase.PHASE_1), taken)
    with pytest.raises(po.OutputError, match=r"no-such-folder/partners\.xlsx: cannot be written"):
        po.dump_partners([], folder / "no-such-folder" / "partners.xlsx")


# --- the fields and items of 0.2 (issue 12) ----------------------------------------------


@given(strategies.awkward_texts)
def test_percent_encoding_round_trips_and_leaves_no_separator(text: str) -> None:
    written = encoded(text)
    assert decoded(written) == text
    assert ":" not in written
    assert ";" not in written
    assert written == written.strip()


@given(st.text(alphabet=st.sampled_from(list(":;%25ABab3 ")), max_size=30))
def test_percent_encoding_round_trips_over_its_own_marks(text: str) -> None:
    assert decoded(encoded(text)) == text


def test_a_percent_that_is_no_escape_is_kept() -> None:
    assert decoded("100% pure, %zz, %FF") == "100% pure, %zz, %FF"


@given(st.lists(strategies.awkward_partners(), max_size=3), st.sampled_from(PARTNER_FORMATS))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_every_record_round_trips_whatever_text_it_holds(
    partners: list[po.Partner], fmt: str
) -> None:
    text = po.dumps_partners(partners, fmt)  # type: ignore[arg-type]
    assert po.loads_partners(text, fmt) == tuple(partners)  # type: ignore[arg-type]


@given(st.lists(st.from_type(po.Partner), max_size=3))
def test_csv_items_leave_out_trailing_defaults(partners: list[po.Partner]) -> None:
    rows = po.dumps_partners(partners, "csv").splitlines()[1:]
    for partner, row in zip(partners, rows, strict=True):
        for inspection in partner.inspections:
            when = inspection.year if inspection.date is None else inspection.date.isoformat()
            start = f"{inspection.regulator.value}:{when}:{inspection.outcome.value}"
            assert start in row
        for audit in partner.audits:
            assert f"{audit.year}:{audit.outcome.value}" in row


CSV_OF_0_2 = (
    "name,organisation_type,capabilities,fei_numbers,inspections,audits,glp_compliant\n"
    "Acme,cmo,aseptic-processing,0012345;3001234567,"
    "FDA:2024-03-12:WL:gcp:3001234567::::FDA Data Dashboard%3B export 2025%3A caveats;"
    "ema:2021:vai:0:2:5;mhra:2022:gmp certificate,"
    "2024:approved;2023:conditional:glp:DE-0042,yes\n"
)


def test_a_csv_row_with_every_field_of_0_2() -> None:
    (partner,) = po.loads_partners(CSV_OF_0_2, "csv")
    assert partner.capabilities == {po.Capability.ASEPTIC_PROCESSING}
    assert partner.fei_numbers == {"0012345", "3001234567"}  # leading zeros kept
    assert partner.glp_compliant is True
    letter, ema, mhra = partner.inspections
    assert letter == po.Inspection(
        regulator=po.Regulator.FDA,
        date=datetime.date(2024, 3, 12),
        outcome=po.InspectionOutcome.WARNING_LETTER,
        framework=po.Framework.GCP,
        site="3001234567",
        source="FDA Data Dashboard; export 2025: caveats",
    )
    assert letter.year == 2024  # the date gives the year
    # 0.1's item with its deficiency counts fourth reads as it did.
    assert (ema.year, ema.framework, ema.critical, ema.major, ema.other) == (
        2021,
        po.Framework.GMP,
        0,
        2,
        5,
    )
    assert mhra.outcome is po.InspectionOutcome.COMPLIANT
    assert partner.audits == (
        po.Audit(year=2024, outcome=po.AuditOutcome.APPROVED),
        po.Audit(
            year=2023,
            outcome=po.AuditOutcome.APPROVED_WITH_CONDITIONS,
            framework=po.Framework.GLP,
            site="DE-0042",
        ),
    )


def test_a_csv_row_of_0_2_is_written_in_canonical_items() -> None:
    partners = po.loads_partners(CSV_OF_0_2, "csv")
    row = po.dumps_partners(partners, "csv").splitlines()[1]
    assert (
        "fda:2024-03-12:warning-letter:gcp:3001234567:0:0:0:"
        "FDA Data Dashboard%3B export 2025%3A caveats;"
        "ema:2021:voluntary-action-indicated:gmp::0:2:5;mhra:2022:compliant"
    ) in row
    assert "2024:approved;2023:approved-with-conditions:glp:DE-0042" in row
    assert ",0012345;3001234567," in row
    assert po.loads_partners(po.dumps_partners(partners, "csv"), "csv") == partners


def test_items_of_0_1_read_as_they_did() -> None:
    text = (
        "name,organisation_type,inspections\n"
        "Acme,cmo,fda:2022:nai;ema:2020:vai:1;mhra:2019:oai:0:3\n"
    )
    (partner,) = po.loads_partners(text, "csv")
    nai, vai, oai = partner.inspections
    assert (nai.year, nai.framework, nai.date, nai.site) == (2022, po.Framework.GMP, None, None)
    assert (vai.critical, vai.major) == (1, 0)
    assert (oai.critical, oai.major, oai.other) == (0, 3, 0)


def test_empty_parts_take_their_defaults() -> None:
    text = "name,organisation_type,inspections\nAcme,cmo, fda : 2022 : nai : : : 1 \n"
    (partner,) = po.loads_partners(text, "csv")
    (inspection,) = partner.inspections
    assert (inspection.framework, inspection.site, inspection.critical) == (
        po.Framework.GMP,
        None,
        1,
    )


PROFILE_OF_0_1 = {
    "toml": (
        'name = "Old"\nphase = "phase-1"\nmodality = "biologic"\n'
        'dosage_form = "sterile-injectable"\n'
    ),
    "json": '{"name": "Old", "phase": "phase-1", "modality": "mAb", "dosage_form": "injectable"}',
}


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_a_profile_file_written_for_0_1_loads_and_is_written_with_the_new_keys(
    folder: pathlib.Path, fmt: str
) -> None:
    path = folder / f"old.{fmt}"
    path.write_text(PROFILE_OF_0_1[fmt], encoding="utf-8")
    profile = po.load_profile(path)
    assert profile.modalities == {po.Modality.BIOLOGIC}
    assert profile.dosage_forms == {po.DosageForm.STERILE_INJECTABLE}
    assert profile == po.loads_profile(PROFILE_OF_0_1[fmt], fmt)  # type: ignore[arg-type]
    po.dump_profile(profile, path)
    written = path.read_text(encoding="utf-8")
    assert "modalities" in written
    assert "dosage_forms" in written
    assert "modality " not in written
    assert '"modality"' not in written
    assert po.load_profile(path) == profile


@given(strategies.profiles())
def test_a_profile_in_the_keys_of_0_1_reads_as_one_member_sets(
    profile: po.SponsorProfile,
) -> None:
    data = po.converter.unstructure(profile)
    modalities, dosage_forms = data.pop("modalities"), data.pop("dosage_forms")
    if modalities:
        data["modality"] = modalities[0]
    if dosage_forms:
        data["dosage_form"] = dosage_forms[0]
    read = po.loads_profile(json.dumps(data), "json")
    assert read.modalities == {po.Modality(value) for value in modalities[:1]}
    assert read.dosage_forms == {po.DosageForm(value) for value in dosage_forms[:1]}
    rest = attrs.evolve(read, modalities=profile.modalities, dosage_forms=profile.dosage_forms)
    assert rest == profile


# --- partners from records and DataFrames (issue 15) -------------------------------------


def _csv_rows(text: str) -> list[dict[str, str]]:
    """The rows of CSV text as ``csv.DictReader`` gives them."""
    import csv  # noqa: PLC0415
    import io  # noqa: PLC0415

    return list(csv.DictReader(io.StringIO(text, newline="")))


def _frame(text: str, **options: Any) -> Any:  # a DataFrame (pandas is untyped)
    import io  # noqa: PLC0415

    import pandas as pd  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

    return pd.read_csv(io.StringIO(text), **options)


@given(st.lists(strategies.awkward_partners(), max_size=4))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_partners_from_records_of_a_csv_export_are_the_partners(
    partners: list[po.Partner],
) -> None:
    text = po.dumps_partners(partners, "csv")
    rows = _csv_rows(text)
    given = [dict(row) for row in rows]
    assert po.partners_from_records(rows) == tuple(partners)
    assert rows == given  # the records are not changed


@given(st.lists(strategies.awkward_partners(), max_size=4))
@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)  # pandas' first read
def test_a_csv_export_read_by_pandas_as_text_reads_back(partners: list[po.Partner]) -> None:
    frame = _frame(po.dumps_partners(partners, "csv"), dtype=str, keep_default_na=False)
    kept = frame.copy()
    assert po.partners_from_pandas(frame) == tuple(partners)
    assert frame.equals(kept)


@given(st.lists(st.from_type(po.Partner), max_size=4, unique_by=lambda partner: partner.name))
@settings(deadline=None)  # pandas' first read
def test_a_csv_export_read_by_pandas_reads_back(partners: list[po.Partner]) -> None:
    # pandas' own types: NaN for empty cells, floats for ratings and FEI numbers with gaps,
    # booleans. What pandas changes irrecoverably is left out: a name it reads as a number
    # or as NaN ("1", "NA"), an FEI number's leading zeros (documented: read it as text).
    partners = [
        attrs.evolve(
            partner,
            name=f"Partner {partner.name}",
            fei_numbers={n for n in partner.fei_numbers if not n.startswith("0")},
        )
        for partner in partners
    ]
    frame = _frame(po.dumps_partners(partners, "csv"))
    assert po.partners_from_pandas(frame) == tuple(partners)


@given(
    st.lists(
        st.lists(
            st.sampled_from(["A", "cro", "cmo", "yes", "4.5", "fda:2020:nai", "us;eu", "", "x:y"]),
            min_size=0,
            max_size=7,
        ),
        max_size=4,
    )
)
def test_records_and_csv_text_are_read_by_one_set_of_rules(rows: list[list[str]]) -> None:
    text = HEADER + "".join(",".join(row) + "\n" for row in rows)
    from_text = attempt(po.loads_partners, text, "csv")
    # csv.DictReader keeps blank-looking rows the loader skips, and puts cells beyond the
    # header under None.
    read: list[dict[Any, Any]] = _csv_rows(text)
    records = [
        {k: v for k, v in row.items() if k is not None}
        for row in read
        if any(isinstance(v, str) and v.strip() for v in row.values())
    ]
    from_records = attempt(po.partners_from_records, records)
    if isinstance(from_text, InvalidDataError):
        assert isinstance(from_records, InvalidDataError)
    else:
        assert from_records == from_text


def test_the_example_partners_read_back_through_pandas() -> None:
    for path in (EXAMPLES / "partners.csv", pathlib.Path("docs/data/cro-candidates.csv")):
        partners = po.load_partners(path)
        assert po.partners_from_pandas(_frame(path.read_text(encoding="utf-8"))) == partners
        frame = _frame(po.dumps_partners(partners, "csv"))
        assert po.partners_from_pandas(frame) == partners
        assert po.partners_from_pandas(frame.set_index("name")) == partners  # a named index


def test_pandas_values_are_read_as_the_cells_they_stand_for() -> None:
    import numpy as np  # noqa: PLC0415
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

    base = {"name": "A", "organisation_type": "CMO"}
    missing = [None, float("nan"), np.nan, pd.NA, pd.NaT, "", "  "]
    for value in missing:
        (partner,) = po.partners_from_records([{**base, "communication": value, "markets": value}])
        assert (partner.communication, partner.markets) == (None, frozenset()), value
    (typed,) = po.partners_from_records(
        [
            {
                **base,
                "communication": np.float64(4.5),
                "gmp_certified": np.bool_(True),
                "glp_compliant": False,
                "fei_numbers": 3001234567.0,  # pandas' float for a column with gaps
                "markets": "us; EU ;japan",
                "phases": ["Phase II", np.str_("P3")],  # already split
                "inspections": "fda:2024-03-12:OAI:gmp:3001234567;ema:2022:compliant",
            }
        ]
    )
    assert typed.communication == 4.5
    assert (typed.gmp_certified, typed.glp_compliant) == (True, False)
    assert typed.fei_numbers == {"3001234567"}
    assert typed.markets == {po.Market.US, po.Market.EU, po.Market.JAPAN}
    assert typed.phases == {po.Phase.PHASE_2, po.Phase.PHASE_3}
    assert [i.outcome for i in typed.inspections] == [
        po.InspectionOutcome.OFFICIAL_ACTION_INDICATED,
        po.InspectionOutcome.COMPLIANT,
    ]
    (whole,) = po.partners_from_records([{**base, "fei_numbers": np.int64(3009876543)}])
    assert whole.fei_numbers == {"3009876543"}


@pytest.mark.parametrize(
    ("records", "lines"),
    [
        (
            [{"name": "A", "organisation_type": "cro"}, {"name": "B", "organisation_type": "crow"}],
            [
                (
                    "record 2 ('B'): organisation_type: 'crow' is not a known organisation "
                    "type; allowed: cro, cmo, cdmo; did you mean 'cro'?"
                )
            ],
        ),
        (
            [{"name": "B", "organisation_type": "cro", "markets": "us;mars", "communication": 7.0}],
            ["record 1 ('B'): markets[1]: 'mars' is not a known market", "communication: 7.0"],
        ),
        (
            [{"name": "C", "organisation_type": "cmo", "inspections": "fda:2024-02-30:nai"}],
            ["record 1 ('C'): inspections[0].date: '2024-02-30' is not a day of the calendar"],
        ),
        (
            [{"name": "D", "organisation_type": "cmo", "markts": "us"}],
            ["record 1 ('D'): markts: is not a known field", "did you mean 'markets'?"],
        ),
        (
            [{"name": "E", "organisation_type": "cmo", "communication": float("inf")}],
            ["record 1 ('E'): communication: 'inf' is not a finite number"],
        ),
        (
            [{"name": "F", "organisation_type": "cmo", "gmp_certified": "maybe"}],
            ["record 1 ('F'): gmp_certified: 'maybe' is text; allowed: true or false"],
        ),
        ([{"organisation_type": "cmo"}], ["record 1: name: is missing"]),
        (
            [["A", "cro"]],
            ["record 1: (top level): ['A', 'cro'] is a list; allowed: an object of Partner"],
        ),
    ],
)
def test_bad_records_are_reported_by_record_and_field(records: list[Any], lines: list[str]) -> None:
    with pytest.raises(InvalidDataError) as caught:
        po.partners_from_records(records)
    message = str(caught.value)
    for line in lines:
        assert line in message


def test_every_bad_record_is_reported_at_once() -> None:
    records = [
        {"name": "A", "organisation_type": "cro", "markets": "mars"},
        {"name": "B", "organisation_type": "cro"},
        {"name": "C", "organisation_type": "lab"},
    ]
    with pytest.raises(InvalidDataError) as caught:
        po.partners_from_records(records)
    assert [p.field for p in caught.value.problems] == [
        "record 1 ('A'): markets[0]",
        "record 3 ('C'): organisation_type",
    ]


def test_a_frames_columns_are_checked_once_as_a_header() -> None:
    text = "name,organisation_type,markts\nA,cro,us\nB,cro,eu\n"
    with pytest.raises(InvalidDataError) as caught:
        po.partners_from_pandas(_frame(text))
    (problem,) = caught.value.problems
    assert problem.field == "column 3 of the header"
    assert problem.suggestion == "markets"
    with pytest.raises(InvalidDataError, match="'organisation_type': is missing"):
        po.partners_from_pandas(_frame("name\nA\n"))
    twice = _frame("name,organisation_type\nA,cro\n")
    twice.columns = ["name", "name"]
    with pytest.raises(InvalidDataError, match="names the field of column 1 again"):
        po.partners_from_pandas(twice)


def test_the_wrong_kind_of_argument_is_refused_with_the_right_function() -> None:
    frame = _frame("name,organisation_type\nA,cro\n")
    with pytest.raises(po.InvalidInputError) as caught:
        po.partners_from_records(frame)
    assert caught.value.suggestion == "partners_from_pandas(frame)"
    with pytest.raises(po.InvalidInputError) as caught:
        po.partners_from_pandas([{"name": "A", "organisation_type": "cro"}])
    assert caught.value.suggestion == "partners_from_records(records)"
    for value in ("name,organisation_type", {"name": "A"}, 3, None):
        with pytest.raises(po.InvalidInputError, match=r"records: .* is not a collection"):
            po.partners_from_records(value)  # type: ignore[arg-type]
    assert po.partners_from_records([]) == ()
