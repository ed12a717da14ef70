"""The command line, in process (for coverage) and through a subprocess (as users run it)."""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import pathlib
import random
import re
import runpy
import shlex
import subprocess
import sys
import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pharma_outsourcing as po
from pharma_outsourcing import _cli
from pharma_outsourcing._cli import Progress, _terminal, main, parse_weights, spread_weights
from pharma_outsourcing._render.labels import step_reasons
from pharma_outsourcing._render.markdown import markdown_escape

EXAMPLES = pathlib.Path(__file__).parent.parent / "examples"
PROFILE = str(EXAMPLES / "phase1-biotech.toml")
PLANT = str(EXAMPLES / "phase3-company-with-plant.toml")
PRECLINICAL = str(EXAMPLES / "preclinical-virtual-biotech.toml")
PARTNERS_CSV = str(EXAMPLES / "partners.csv")
PARTNERS_JSON = str(EXAMPLES / "partners.json")
PROFILES = sorted(str(path) for path in EXAMPLES.glob("*.toml"))


@pytest.fixture(autouse=True)
def _hundred_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text 100 columns wide, in process and in subprocesses, whatever runs the tests.

    Set in the environment, as ``COLUMNS``: readline, once imported, exports
    ``COLUMNS=80`` to every child process when there is no terminal.
    """
    monkeypatch.setenv("COLUMNS", "100")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pharma_outsourcing", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_recommend_through_a_subprocess() -> None:
    done = run("recommend", PROFILE)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Phase 1 biotech heading to market: engage CDMO")
    assert all(len(line) <= 100 for line in done.stdout.splitlines())


@pytest.mark.parametrize(
    ("example", "said"),
    [
        ("pivotal-phase2-to-filing.toml", "Pathway: phase 2, regulatory review, commercial"),
        ("fill-finish-only.toml", "Outsources only: finished-dosage manufacturing, packaging"),
    ],
)
@pytest.mark.parametrize("command", ["recommend", "rank", "plan", "compare"])
def test_the_profile_s_pathway_and_scope_are_shown_under_the_heading(
    example: str, said: str, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(EXAMPLES / example)
    args = {
        "recommend": ["recommend", path],
        "rank": ["rank", path, PARTNERS_CSV],
        "plan": ["plan", path],
        "compare": ["plan", path, "--compare"],
    }[command]
    for fmt in ("text", "markdown"):
        assert main([*args, "--format", fmt]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert lines[2].startswith(said), lines[:3]


def test_json_output_parses_back_to_the_result() -> None:
    done = run("recommend", PROFILE, "--format", "json")
    assert done.returncode == 0, done.stderr
    result = po.converter.structure(json.loads(done.stdout), po.Recommendation)
    assert result == po.recommend(po.load_profile(PROFILE))


def test_bad_input_through_a_subprocess(tmp_path: pathlib.Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('phase = "phase 9"\nhorizn = "commercial"\n', encoding="utf-8")
    done = run("recommend", str(bad))
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"pharma-outsourcing: {bad}: phase: 'phase 9'")
    assert "did you mean 'horizon'?" in lines[1]
    assert "Traceback" not in done.stderr


def test_help_has_examples() -> None:
    done = run("--help")
    assert done.returncode == 0
    assert "examples:" in done.stdout
    assert "pharma-outsourcing recommend examples/phase1-biotech.toml" in done.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
@pytest.mark.parametrize(
    "args",
    [
        ["recommend", PROFILE],
        ["recommend", str(EXAMPLES / "commercial-product.toml")],
        ["describe", "CDMO"],
        ["services"],
        ["services", "--phase", "phase II", "--type", "cro"],
        ["rank", PROFILE, PARTNERS_CSV],
        ["rank", PLANT, PARTNERS_JSON, "--role", "cro", "--top", "2"],
        ["plan", PROFILE],
        ["plan", PROFILE, "--partners", PARTNERS_CSV, "--strategy", "specialist"],
        ["plan", PLANT, "--compare", "--partners", PARTNERS_JSON],
    ],
)
def test_every_command_in_every_format(
    args: list[str], fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*args, "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        json.loads(out)
    elif fmt == "markdown":
        assert out.startswith("## ")
        assert re.search(r"^\| ?-{3,}", out, flags=re.MULTILINE), out
    else:
        assert all(len(line) <= 100 for line in out.splitlines())


def test_services_filters(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["services", "--type", "cmo", "--phase", "commercial", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    expected = po.services_of(po.OrganisationType.CMO) & po.typical_services(po.Phase.COMMERCIAL)
    assert {row["service"] for row in rows} == {service.value for service in expected}
    assert all(row["provider"] == "cmo" for row in rows)


def test_describe_json_is_the_description(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["describe", "contract research organisation", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert po.converter.structure(data, po.TypeDescription) == po.describe(po.OrganisationType.CRO)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["describe", "cdmx"], "TYPE: 'cdmx' is not a known organisation type"),
        (["services", "--phase", "phase 9"], "--phase: 'phase 9'"),
        (["services", "--type", "cmx"], "--type: 'cmx'"),
        (["recommend", "absent.toml"], "absent.toml: cannot be read"),
        (["recommend", "profile.yaml"], "file suffix: '.yaml'"),
        (["rank", PROFILE, PARTNERS_CSV, "--top", "0"], "--top: '0' is not a count of rows"),
        (["rank", PROFILE, PARTNERS_CSV, "--top", "two"], "--top: 'two' is not a count"),
        (["rank", PROFILE, PARTNERS_CSV, "--explain", "0"], "--explain: '0' is not a count"),
        (["rank", PROFILE, PARTNERS_CSV, "--role", "crx"], "did you mean 'cro'?"),
        (["rank", PROFILE, "partners.ods"], "partners.ods: file suffix: '.ods'"),
        (
            ["rank", PROFILE, PARTNERS_CSV, "--weights", "expertice=2"],
            "--weight: 'expertice' is not a known criterion",
        ),
        (
            ["rank", PROFILE, PARTNERS_CSV, "--weight", "expertice=2"],
            "--weight: 'expertice' is not a known criterion",
        ),
        (["rank", PROFILE, PARTNERS_CSV, "--weight", "expertise"], "is not criterion=number"),
        (["rank", PROFILE, PARTNERS_CSV, "--weights", "expertise"], "is not criterion=number"),
        (
            ["rank", PROFILE, PARTNERS_CSV, "--weights", *(f"{c.value}=0" for c in po.Criterion)],
            "weights: ",
        ),
        (["plan", PROFILE, "--strategy", "integratd"], "did you mean 'integrated'?"),
        (["plan", PROFILE, "--partners", "absent.csv"], "absent.csv: cannot be read"),
        (["plan", PROFILE, "--weight", "speed=1"], "--weight: 'speed' is not a known"),
    ],
)
def test_bad_input_exits_2(args: list[str], words: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert words in captured.err


def test_a_role_that_provides_none_of_the_needed_services_is_refused(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "trial.toml"
    profile.write_text(
        'phase = "phase-2"\nservices = ["site-monitoring", "data-management"]\n', encoding="utf-8"
    )
    assert main(["rank", str(profile), PARTNERS_CSV, "--role", "cmo"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert (
        "--role: 'cmo' provides none of the services the profile needs; allowed: cro, cdmo"
    ) in captured.err


def test_nothing_to_engage(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "p.json"
    profile.write_text('{"phase": "phase-2", "services": []}', encoding="utf-8")
    assert main(["recommend", str(profile)]) == 0
    assert "Profile at phase 2: engage nothing" in capsys.readouterr().out


def test_python_m_runs_main(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["pharma_outsourcing", "describe", "cro"])
    with pytest.raises(SystemExit) as exited:
        runpy.run_module("pharma_outsourcing", run_name="__main__")
    assert exited.value.code == 0


def test_version_is_read_lazily() -> None:
    assert po.__version__
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = po.nothing  # type: ignore[attr-defined]  # the point of the test


def test_weights_for_rank_are_parsed_strictly() -> None:
    assert parse_weights(["scale=1", "Technical Expertise = 2.5"]) == {
        po.Criterion.SCALABILITY: 1.0,
        po.Criterion.TECHNICAL_EXPERTISE: 2.5,
    }
    with pytest.raises(po.InvalidDataError) as caught:
        parse_weights(["scale", "expertice=1", "scale=-1", "culture=lots"])
    lines = str(caught.value).splitlines()
    assert len(lines) == 4
    assert "--weight: 'scale' is not criterion=number" in lines[0]
    assert "did you mean 'technical-expertise'?" in lines[1]
    assert "--weight scalability: '-1' is not a weight" in lines[2]
    assert "--weight cultural-fit: 'lots' is not a weight" in lines[3]


# --- rank and plan ---------------------------------------------------------------------


def _names(shortlist: po.Shortlist) -> list[str]:
    return [assessment.partner.name for assessment in shortlist.ranked]


def _named(data: object) -> list[str]:
    """The names of the ranked partners in ``rank``'s JSON, which names them."""
    assert isinstance(data, dict)
    return [assessment["partner"] for assessment in data["ranked"]]


def _json_of(*args: str) -> object:
    """What ``main`` prints for ``args`` with ``--format json``, parsed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main([*args, "--format", "json"]) == 0
    return json.loads(out.getvalue())


def test_rank_reads_partners_from_a_workbook(tmp_path: pathlib.Path) -> None:
    workbook = tmp_path / "partners.xlsx"
    po.dump_partners(po.load_partners(PARTNERS_CSV), workbook)
    assert _json_of("rank", PROFILE, str(workbook)) == _json_of("rank", PROFILE, PARTNERS_CSV)


def test_rank_through_a_subprocess() -> None:
    done = run("rank", PROFILE, PARTNERS_CSV)
    assert done.returncode == 0, done.stderr
    expected = po.rank(po.load_profile(PROFILE), po.load_partners(PARTNERS_CSV))
    head = f"{len(expected.ranked)} ranked, {len(expected.excluded)} excluded"
    assert done.stdout.startswith(f"Phase 1 biotech heading to market: {head}")
    leader = expected.leader
    assert leader is not None
    assert f"Why #1, {leader.partner.name}, scores {leader.score:.2f}" in done.stdout
    for exclusion in expected.excluded:
        assert exclusion.partner.name in done.stdout
    assert all(len(line) <= 100 for line in done.stdout.splitlines())


@pytest.mark.parametrize("partners", [PARTNERS_CSV, PARTNERS_JSON])
@pytest.mark.parametrize(
    "options",
    [
        [],
        ["--weights", "regulatory=3", "cultural fit=0"],
        ["--weight", "regulatory=3", "--weight", "cultural fit=0"],
        ["--top", "3"],
    ],
)
def test_rank_full_json_through_a_subprocess_is_the_shortlist(
    partners: str, options: list[str]
) -> None:
    done = run("rank", PROFILE, partners, "--format", "json", "--full", *options)
    assert done.returncode == 0, done.stderr
    shortlist = po.converter.structure(json.loads(done.stdout), po.Shortlist)
    weights = dict.fromkeys(po.Criterion, 1.0)
    if "--weights" in options or "--weight" in options:
        weights |= {po.Criterion.REGULATORY_TRACK_RECORD: 3.0, po.Criterion.CULTURAL_FIT: 0.0}
    expected = po.rank(po.load_profile(PROFILE), po.load_partners(partners), weights=weights)
    top = 3 if "--top" in options else len(expected.ranked)
    assert _names(shortlist) == _names(expected)[:top]
    assert shortlist.ranked == expected.ranked[:top]
    assert shortlist.excluded == expected.excluded


def test_rank_for_a_role_ranks_the_needed_services_that_type_provides() -> None:
    profile, partners = po.load_profile(PLANT), po.load_partners(PARTNERS_JSON)
    services = profile.needed_services & po.services_of(po.OrganisationType.CRO)
    assert services
    data = _json_of("rank", PLANT, PARTNERS_JSON, "--role", "contract research organisation")
    assert _named(data) == _names(po.rank(profile, partners, services=services))


def test_plan_through_a_subprocess() -> None:
    done = run("plan", PROFILE, "--partners", PARTNERS_CSV)
    assert done.returncode == 0, done.stderr
    sourcing = po.plan(po.load_profile(PROFILE), partners=po.load_partners(PARTNERS_CSV))
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"Phase 1 biotech heading to market: {sourcing.strategy.label} plan")
    for step in sourcing.steps:
        assert any(line.startswith(f"{step.phase.label.capitalize()}: ") for line in lines)
    assert all(len(line) <= 100 for line in lines)


@pytest.mark.parametrize(
    "options",
    [
        [],
        ["--partners", PARTNERS_CSV],
        ["--partners", PARTNERS_JSON, "--strategy", "specialists", "--weights", "fit=4"],
    ],
)
def test_plan_json_through_a_subprocess_is_the_plan(options: list[str]) -> None:
    done = run("plan", PROFILE, "--format", "json", *options)
    assert done.returncode == 0, done.stderr
    profile = po.load_profile(PROFILE)
    partners = po.load_partners(options[1]) if options else None
    strategy = "specialist" if "--strategy" in options else None
    weights = {**dict.fromkeys(po.Criterion, 1.0), po.Criterion.CULTURAL_FIT: 4.0}
    expected = po.plan(
        profile,
        strategy=strategy,
        partners=partners,
        weights=weights if "--weights" in options else None,
    )
    data = json.loads(done.stdout)
    assert data == json.loads(json.dumps(po.converter.unstructure(expected)))
    assert po.converter.structure(data, po.SourcingPlan) == expected


@pytest.mark.parametrize("profile", [PLANT, PRECLINICAL])
def test_plan_compare_json_is_the_comparison(profile: str) -> None:
    data = _json_of("plan", profile, "--compare", "--partners", PARTNERS_CSV)
    expected = po.compare_strategies(
        po.load_profile(profile), partners=po.load_partners(PARTNERS_CSV)
    )
    assert data == json.loads(json.dumps(po.converter.unstructure(expected)))
    assert po.converter.structure(data, po.StrategyComparison) == expected
    assert isinstance(data, dict)
    assert {"integrated", "cro_and_cdmo", "specialist"} <= set(data)


def test_plan_json_carries_the_sponsor_and_the_work_to_be_sourced() -> None:
    data = _json_of("plan", PRECLINICAL, "--partners", PARTNERS_JSON)
    expected = po.plan(po.load_profile(PRECLINICAL), partners=po.load_partners(PARTNERS_JSON))
    assert expected.unfilled
    assert po.converter.structure(data, po.SourcingPlan) == expected
    assert isinstance(data, dict)
    assert data["unfilled"] == {
        phase.value: sorted(service.value for service in services)
        for phase, services in expected.unfilled.items()
    }
    sponsored = po.plan(po.load_profile(PROFILE), partners=po.load_partners(PARTNERS_JSON))
    assert any(po.Party.SPONSOR in (h.source, h.target) for h in sponsored.handoffs)
    data = _json_of("plan", PROFILE, "--partners", PARTNERS_JSON)
    assert isinstance(data, dict)
    assert "sponsor" in [side for h in data["handoffs"] for side in (h["source"], h["target"])]
    assert po.converter.structure(data, po.SourcingPlan) == sponsored


@pytest.mark.parametrize(
    ("given", "strategy"),
    [
        ("integrated", po.Strategy.INTEGRATED),
        ("single partner", po.Strategy.INTEGRATED),
        ("cro-and-cdmo", po.Strategy.CRO_AND_CDMO),
        ("CRO and CDMO", po.Strategy.CRO_AND_CDMO),
        ("cro with cdmo", po.Strategy.CRO_AND_CDMO),
        ("specialist", po.Strategy.SPECIALIST),
        ("CRO and CMO", po.Strategy.SPECIALIST),
    ],
)
def test_plan_strategy_takes_each_strategy_and_its_spellings(
    given: str, strategy: po.Strategy, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _json_of("plan", PROFILE, "--strategy", given)
    assert isinstance(data, dict)
    assert data["strategy"] == strategy.value
    assert main(["plan", PROFILE, "--strategy", given]) == 0
    assert capsys.readouterr().out.startswith(
        f"Phase 1 biotech heading to market: {strategy.label} plan, "
    )


def test_plan_help_names_the_three_strategies() -> None:
    done = run("plan", "--help")
    assert done.returncode == 0
    flat = " ".join(done.stdout.split())
    for strategy in po.Strategy:
        assert f"{strategy.value} (" in flat
    assert "plan all three ways (integrated, CRO and CDMO, specialist)" in flat


def test_plan_compare_shows_the_three_plans_and_what_each_saves(
    capsys: pytest.CaptureFixture[str],
) -> None:
    compared = po.compare_strategies(
        po.load_profile(PROFILE), partners=po.load_partners(PARTNERS_JSON)
    )
    assert main(["plan", PROFILE, "--partners", PARTNERS_JSON, "--compare"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Phase 1 biotech heading to market: integrated, CRO and CDMO, or specialists"
    flat = " ".join(out.split())
    specialist = compared.specialist
    assert (
        f"Against the specialist plan ({len(specialist.handoffs)} handoffs, "
        f"{len(specialist.tech_transfers)} technology transfer"
    ) in flat
    assert f"Preferred for this profile: {compared.preferred.label}." in flat
    header = next(line for line in lines if line.startswith("plan  "))
    assert header.split()[:3] == ["plan", "handoffs", "technology"]
    for strategy, sourcing, heading in (
        (po.Strategy.INTEGRATED, compared.integrated, "Integrated plan"),
        (po.Strategy.CRO_AND_CDMO, compared.cro_and_cdmo, "CRO and CDMO plan"),
        (po.Strategy.SPECIALIST, compared.specialist, "Specialist plan"),
    ):
        preferred = " (preferred)" if strategy is compared.preferred else ""
        counts = f"{len(sourcing.handoffs)} handoff"
        assert any(line.startswith(f"{heading}{preferred}: {counts}") for line in lines)
        row = next(line for line in lines if line.startswith(f"{strategy.label}{preferred}  "))
        name_width = len(f"{strategy.label}{preferred}")
        assert row[name_width:].split()[:2] == [
            str(len(sourcing.handoffs)),
            str(len(sourcing.tech_transfers)),
        ]
    assert all(len(line) <= 100 for line in lines)
    assert (
        main(["plan", PROFILE, "--partners", PARTNERS_JSON, "--compare", "--format", "markdown"])
        == 0
    )
    markdown = capsys.readouterr().out
    assert markdown.count("**Sourcing plan (") == 3
    assert f"Preferred for this profile: {compared.preferred.label}." in markdown


def test_plan_text_shows_the_sponsor_and_the_work_to_be_sourced(
    capsys: pytest.CaptureFixture[str],
) -> None:
    sourcing = po.plan(po.load_profile(PRECLINICAL), partners=po.load_partners(PARTNERS_JSON))
    unfilled = sum(len(services) for services in sourcing.unfilled.values())
    assert unfilled
    assert main(["plan", PRECLINICAL, "--partners", PARTNERS_JSON]) == 0
    out = capsys.readouterr().out
    flat = " ".join(out.split())
    assert flat.split(": ", 1)[1].startswith(
        f"{sourcing.strategy.label} plan, {len(sourcing.handoffs)} handoffs, "
    )
    assert f"{unfilled} services to be sourced" in flat.split(" Preclinical: ")[0]
    assert "(to be sourced)" in out
    assert f"To be sourced ({unfilled} services)" in out
    assert "No handoffs:" not in out
    assert main(["plan", PROFILE, "--partners", PARTNERS_JSON]) == 0
    out = capsys.readouterr().out
    assert "sponsor (in house)" in out
    assert " from the sponsor to " in " ".join(out.split())


def test_bad_rank_input_through_a_subprocess(tmp_path: pathlib.Path) -> None:
    partners = tmp_path / "partners.json"
    partners.write_text('[{"name": "A", "organisation_type": "crx"}]', encoding="utf-8")
    done = run("rank", PROFILE, str(partners), "--weights", "expertice=2", "--top", "-1")
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 3
    assert all(line.startswith("pharma-outsourcing: ") for line in lines)
    assert str(partners) in lines[0]
    assert "'crx'" in lines[0]
    assert "did you mean 'cro'?" in lines[0]
    assert "did you mean 'technical-expertise'?" in lines[1]
    assert "--top: '-1'" in lines[2]
    assert "Traceback" not in done.stderr


def test_bad_plan_input_through_a_subprocess() -> None:
    done = run("plan", "profile.yml", "--strategy", "one partner", "--partners", "p.xls")
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 2
    assert "profile.yml: file suffix: '.yml'" in lines[0]
    assert "p.xls: file suffix: '.xls'" in lines[1]
    assert "Traceback" not in done.stderr
    both = run("plan", PROFILE, "--strategy", "integrated", "--compare")
    assert both.returncode == 2
    assert "not allowed with argument" in both.stderr
    assert "Traceback" not in both.stderr


@pytest.mark.parametrize("command", ["rank", "plan"])
def test_subcommand_help_has_examples(command: str) -> None:
    done = run(command, "--help")
    assert done.returncode == 0
    assert "examples:" in done.stdout
    assert f"pharma-outsourcing {command} examples/phase1-biotech.toml" in done.stdout


def test_a_closed_pipe_is_no_traceback(tmp_path: pathlib.Path) -> None:
    many = [
        po.Partner(name=f"CRO {index:05d}", organisation_type=po.OrganisationType.CRO)
        for index in range(3000)
    ]
    partners = tmp_path / "many.json"
    po.dump_partners(many, partners)
    profile = str(EXAMPLES / "preclinical-virtual-biotech.toml")
    with subprocess.Popen(
        [sys.executable, "-m", "pharma_outsourcing", "rank", profile, str(partners)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.readline()
        process.stdout.close()  # as `| head -1` does
        errors = process.stderr.read()
        assert process.wait(timeout=60) == 1
    assert "Traceback" not in errors


def _societe(tmp_path: pathlib.Path) -> str:
    """A partner list of one CRO whose name is not ASCII."""
    partners = tmp_path / "societe.csv"
    partners.write_text("name,organisation_type\nSociété Clinique,cro\n", encoding="utf-8")
    return str(partners)


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_output_the_terminal_cannot_encode_is_one_line_not_a_traceback(
    tmp_path: pathlib.Path, fmt: str
) -> None:
    command = ["rank", PRECLINICAL, _societe(tmp_path), "--format", fmt]
    done = subprocess.run(
        [sys.executable, "-m", "pharma_outsourcing", *command],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert done.returncode == 1
    assert done.stdout == ""  # nothing half written
    (line,) = done.stderr.splitlines()
    assert line.startswith("pharma-outsourcing: standard output: '\\xe9' (U+00E9, line ")
    assert line.endswith(
        "cannot be written in its encoding, ascii; set PYTHONIOENCODING=utf-8 to write it"
    )


@pytest.mark.skipif(not pathlib.Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_one_line_not_a_traceback() -> None:
    with pathlib.Path("/dev/full").open("w", encoding="utf-8") as full:
        done = subprocess.run(
            [sys.executable, "-m", "pharma_outsourcing", "describe", "cro"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=60,
        )
    assert done.returncode == 1
    assert done.stderr == (
        "pharma-outsourcing: standard output: cannot be written: No space left on device\n"
    )


def test_an_unencodable_output_writes_nothing(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    written = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(written, encoding="ascii"))
    assert main(["rank", PRECLINICAL, _societe(tmp_path)]) == 1
    assert written.getvalue() == b""
    err = capsys.readouterr().err
    assert re.search(r"'\\xe9' \(U\+00E9, line \d+\) cannot be written in its encoding, ascii", err)


class _FailingStream(io.StringIO):
    """A standard output whose writes fail with ``error``, on a real file descriptor."""

    def __init__(self, error: OSError, fd: int) -> None:
        super().__init__()
        self.error, self.fd = error, fd

    def write(self, _text: str) -> int:
        raise self.error

    def fileno(self) -> int:
        return self.fd


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), "cannot be written: No space left"),
        (BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE)), ""),
    ],
)
def test_a_failed_write_is_reported_once_and_discards_the_rest(
    error: OSError,
    said: str,
    tmp_path: pathlib.Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with (tmp_path / "out").open("w", encoding="utf-8") as out:
        monkeypatch.setattr(sys, "stdout", _FailingStream(error, out.fileno()))
        assert main(["describe", "cro"]) == 1
        os.write(out.fileno(), b"discarded")  # the descriptor now points at the null device
    err = capsys.readouterr().err
    if said:
        (line,) = err.splitlines()
        assert line.startswith(f"pharma-outsourcing: standard output: {said}")
    else:
        assert err == ""  # a reader that stopped early needs no message
    assert (tmp_path / "out").read_text(encoding="utf-8") == ""


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("partners", [PARTNERS_CSV, PARTNERS_JSON])
def test_every_text_line_fits_100_columns(
    profile: str, partners: str, capsys: pytest.CaptureFixture[str]
) -> None:
    runs = [
        ["rank", profile, partners],
        ["rank", profile, partners, "--top", "20"],
        ["plan", profile],
        ["plan", profile, "--partners", partners],
        ["plan", profile, "--partners", partners, "--strategy", "specialist"],
        ["plan", profile, "--partners", partners, "--compare"],
    ]
    needed = po.load_profile(profile).needed_services
    runs += [
        ["rank", profile, partners, "--role", t.value]
        for t in po.OrganisationType
        if po.services_of(t) & needed
    ]
    for args in runs:
        assert main(args) == 0, args
        lines = capsys.readouterr().out.splitlines()
        assert lines, args
        too_long = [line for line in lines if len(line) > 100]
        assert not too_long, (args, too_long)


def _cro_work(profile: po.SponsorProfile) -> frozenset[po.Service]:
    """The services ``profile`` needs that a CRO provides (what ``--role cro`` ranks for)."""
    return profile.needed_services & po.services_of(po.OrganisationType.CRO)


@given(top=st.integers(min_value=1, max_value=20), explain=st.none() | st.integers(1, 20))
def test_top_shows_at_most_n_rows_and_explain_the_reasons_of_n(
    top: int, explain: int | None
) -> None:
    profile, partners = po.load_profile(PLANT), po.load_partners(PARTNERS_CSV)
    ranked = len(po.rank(profile, partners, services=_cro_work(profile)).ranked)
    assert ranked > 1
    data = _json_of("rank", PLANT, PARTNERS_CSV, "--role", "cro", "--top", str(top))
    assert isinstance(data, dict)
    assert len(data["ranked"]) == min(top, ranked)
    out = io.StringIO()
    asked = [] if explain is None else ["--explain", str(explain)]
    with contextlib.redirect_stdout(out):
        assert main(["rank", PLANT, PARTNERS_CSV, "--role", "cro", "--top", str(top), *asked]) == 0
    text = out.getvalue()
    blocks = text.split("\n\n")
    table = next(b for b in blocks if b.split()[:4] == ["#", "partner", "type", "score"])
    assert len(re.findall(r"^\d+  ", table, flags=re.MULTILINE)) == min(top, ranked)
    assert text.count("\nWhy #") == min(top, ranked, explain or 1)


@given(
    weights=st.lists(st.integers(min_value=0, max_value=9), min_size=6, max_size=6).filter(any),
    factor=st.sampled_from([0.25, 0.5, 2.0, 8.0, 1024.0]),
)
def test_scaling_every_weight_keeps_the_order(weights: list[int], factor: float) -> None:
    def order(scale: float) -> list[str]:
        items = [f"{c.value}={w * scale!r}" for c, w in zip(po.Criterion, weights, strict=True)]
        return _named(_json_of("rank", PLANT, PARTNERS_JSON, "--role", "cro", "--weights", *items))

    assert order(factor) == order(1.0)


def test_weights_not_named_keep_their_weight_of_1(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json_of("rank", PLANT, PARTNERS_CSV, "--role", "cro", "--weight", "regulatory=2")
    weights = {**dict.fromkeys(po.Criterion, 1.0), po.Criterion.REGULATORY_TRACK_RECORD: 2.0}
    profile = po.load_profile(PLANT)
    expected = po.rank(
        profile, po.load_partners(PARTNERS_CSV), weights=weights, services=_cro_work(profile)
    )
    assert len(expected.ranked) > 1
    assert _named(data) == _names(expected)
    # and the column headers of the table are spellings --weight accepts
    assert main(["rank", PLANT, PARTNERS_CSV, "--role", "cro"]) == 0
    header = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("#"))
    assert header.split()[:5] == ["#", "partner", "type", "score", "evidence"]
    columns = header.split()[5:]
    assert [po.Criterion.parse(column) for column in columns] == list(po.Criterion)


def test_rank_with_nobody_eligible(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    partners = tmp_path / "one.csv"
    partners.write_text("name,organisation_type\nSolo,cro\n", encoding="utf-8")
    assert main(["rank", PROFILE, str(partners)]) == 0
    out = capsys.readouterr().out
    assert "0 ranked, 1 excluded" in out
    assert "No partner passes screening: see why each is excluded." in out
    assert "Why #" not in out
    assert main(["rank", PROFILE, str(partners), "--format", "markdown"]) == 0
    assert "Solo" in capsys.readouterr().out


def _warned_files(tmp_path: pathlib.Path) -> tuple[str, str]:
    """A profile for US supply and three CMOs: one with warnings, one stated, one excluded."""
    profile = tmp_path / "profile.toml"
    profile.write_text(
        'phase = "phase-2"\n'
        'services = ["api-production", "clinical-supply-manufacturing"]\n'
        'target_markets = ["us"]\n',
        encoding="utf-8",
    )
    outcome, cmo = po.InspectionOutcome, po.OrganisationType.CMO
    inspections = [
        po.Inspection(regulator=po.Regulator.FDA, year=2023, outcome=outcome.NO_ACTION_INDICATED),
        po.Inspection(regulator=po.Regulator.EMA, year=2024, outcome=outcome.NON_COMPLIANT),
    ]
    partners = [
        po.Partner(
            name="Ashford <Pharma> & Co",
            organisation_type=cmo,
            markets={po.Market.US},
            inspections=inspections,
            audits=[po.Audit(year=2024, outcome=po.AuditOutcome.APPROVED_WITH_CONDITIONS)],
            communication=4,
        ),
        po.Partner(name="Brookside", organisation_type=cmo, gmp_certified=True),
        po.Partner(name="Carrow", organisation_type=cmo, phases={po.Phase.PHASE_1}),
    ]
    path = tmp_path / "partners.json"
    po.dump_partners(partners, path)
    return str(profile), str(path)


def test_rank_shows_completeness_warnings_notes_and_every_exclusion(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile, partners = _warned_files(tmp_path)
    shortlist = po.rank(po.load_profile(profile), po.load_partners(partners))
    assert [a.partner.name for a in shortlist.ranked] == ["Ashford <Pharma> & Co", "Brookside"]
    assert all(a.warnings for a in shortlist.ranked)
    (carrow,) = shortlist.excluded
    assert len(carrow.reasons) == 2
    assert main(["rank", profile, partners]) == 0
    text = capsys.readouterr().out
    flat = " ".join(text.split())
    assert all(len(line) <= 100 for line in text.splitlines())
    for position, assessment in enumerate(shortlist.ranked, start=1):
        row = next(line for line in text.splitlines() if line.startswith(f"{position}  "))
        assert f"  {assessment.completeness:.0%}  " in row
        for warning in assessment.warnings:
            assert set(warning.text.split()) <= set(text.split())
            assert warning.text.split()[0] in text
    assert "#  partner                warning" in text
    assert "Carrow    does not serve phase 2, the phase the work is in; has no GMP evidence" in text
    assert "Why #1, Ashford <Pharma> & Co, scores " in text
    assert "regulatory track record  " in text  # the criteria by their labels
    assert "stage-of-development" not in text
    assert " recorded " in text
    assert "Evidence: the share of the weight resting on records or statements" in flat
    assert main(["rank", profile, partners, "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    assert "| # | Partner | Type | Score | Evidence | Stage |" in markdown
    for assessment in shortlist.ranked:
        assert f" | {assessment.completeness:.0%} | " in markdown
        for warning in assessment.warnings:
            assert markdown_escape(warning.text) in markdown  # "gmp\_certified"
    for reason in carrow.reasons:
        assert f"  - {markdown_escape(reason.text, line_start=True)}" in markdown
    assert "| Criterion | Score | Evidence | Share of total | Why |" in markdown


def test_rank_prints_the_notes_of_a_leader_resting_on_assumptions(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "profile.json"
    profile.write_text('{"phase": "phase-2", "services": ["site-monitoring"]}', encoding="utf-8")
    partners = str(tmp_path / "solo.csv")
    pathlib.Path(partners).write_text("name,organisation_type\nSolo,cro\n", encoding="utf-8")
    shortlist = po.rank(po.load_profile(str(profile)), po.load_partners(partners))
    (note,) = shortlist.notes
    for fmt, marker, table in (
        ("text", "Note: ", "#  partner"),
        ("markdown", "> **Note:** ", "| #"),
    ):
        assert main(["rank", str(profile), partners, "--format", fmt]) == 0
        out = capsys.readouterr().out
        assert marker + " ".join(note.text.split()[:6]) in out
        assert " ".join(note.text.split()) in " ".join(out.split())
        assert out.index(marker) < out.index(table)


def test_plan_text_shows_handoffs_and_empty_phases(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", PROFILE, "--strategy", "specialist"]) == 0
    out = capsys.readouterr().out
    sourcing = po.plan(po.load_profile(PROFILE), strategy="specialist")
    assert sourcing.handoffs
    assert f"Handoffs ({len(sourcing.handoffs)})" in out
    for handoff in sourcing.handoffs:
        assert handoff.phase.label in out
    assert "phase-" not in out  # phases in words
    everything = sorted(s.value for s in po.Service)
    profile = tmp_path / "all-in-house.json"
    profile.write_text(
        json.dumps({"phase": "commercial", "in_house": everything}), encoding="utf-8"
    )
    assert main(["plan", str(profile)]) == 0
    out = capsys.readouterr().out
    assert "Commercial: nothing to outsource" in out
    assert "No handoffs: each area of work stays with one organisation." in out


def test_plan_names_why_each_partner_is_engaged(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", PROFILE, "--partners", PARTNERS_CSV]) == 0
    out = " ".join(capsys.readouterr().out.split())  # undo the wrapping
    sourcing = po.plan(po.load_profile(PROFILE), partners=po.load_partners(PARTNERS_CSV))
    # Each reason, said once for a run of phases it holds in ("from phase 2 to phase 3").
    for said in step_reasons(sourcing):
        for text in said:
            assert text in out


# --- the terminal: width, --top, progress ---------------------------------------------------


def _widest(out: str) -> int:
    return max(len(line) for line in out.splitlines())


def _shipped_runs() -> list[list[str]]:
    """recommend, rank, plan, describe, services and records over every shipped example."""
    runs = [["describe", t.value] for t in po.OrganisationType]
    runs += [["services"], ["services", "--phase", "phase 2", "--type", "cro"]]
    for profile in PROFILES:
        runs += [
            ["recommend", profile],
            ["rank", profile, PARTNERS_CSV],
            ["rank", profile, PARTNERS_JSON, "--top", "3"],
            ["plan", profile, "--partners", PARTNERS_JSON],
            ["plan", profile, "--partners", PARTNERS_CSV, "--compare"],
        ]
    runs += [
        ["records", "match", PARTNERS_JSON, *EXPORTS],
        ["records", "match", QUARRYBANK, *EXPORTS],
        ["rank", TABLETS, PARTNERS_CSV, "--records", INSPECTIONS, "--records", LETTERS],
    ]
    return runs


@pytest.mark.parametrize("columns", [80, 120])
def test_text_fits_the_terminal(
    columns: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    widest = {}
    for args in _shipped_runs():
        assert main(args) == 0, args
        widest[tuple(args)] = _widest(capsys.readouterr().out)
    too_wide = {args: wide for args, wide in widest.items() if wide > columns}
    assert not too_wide
    if columns > 100:  # the width is used, not only respected
        assert max(widest.values()) > 100


@pytest.mark.parametrize(("columns", "widest"), [(20, 60), (400, 160)])
def test_the_width_stays_within_60_and_160_columns(
    columns: int, widest: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    assert main(["rank", PLANT, PARTNERS_JSON]) == 0
    assert _widest(capsys.readouterr().out) == widest  # the rank tables fill any width


def test_output_to_no_terminal_is_100_columns_wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS")
    done = subprocess.run(
        [sys.executable, "-m", "pharma_outsourcing", "rank", PLANT, PARTNERS_JSON],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={name: value for name, value in os.environ.items() if name != "COLUMNS"},
    )
    assert done.returncode == 0, done.stderr
    assert _widest(done.stdout) == 100


def _generated(count: int, seed: int = 15) -> list[po.Partner]:
    """``count`` CROs, CMOs and CDMOs with random records, as benchmarks/ranking.py makes them."""
    rng = random.Random(seed)
    regulators, markets, phases = list(po.Regulator), list(po.Market), list(po.Phase)
    outcomes = [o for o in po.InspectionOutcome if o.is_inspection]
    partners = []
    for index in range(count):
        kind = rng.choice(list(po.OrganisationType))
        services = po.services_of(kind)
        if rng.random() < 0.2:
            services -= {rng.choice(sorted(services))}
        partners.append(
            po.Partner(
                name=f"Partner {index:04d}",
                organisation_type=kind,
                services=services,
                phases=rng.sample(phases, rng.randint(1, len(phases))),
                markets=rng.sample(markets, rng.randint(0, 4)),
                inspections=[
                    po.Inspection(
                        regulator=rng.choice(regulators),
                        year=rng.randint(2015, 2024),
                        outcome=rng.choice(outcomes),
                    )
                    for _ in range(rng.randint(0, 3))
                ],
                gmp_certified=rng.random() < 0.3,
                communication=rng.choice((None, 2.0, 3.5, 5.0)),
            )
        )
    return partners


GENERATED_PROFILE = """\
name = "Oncology programme at phase 2"
phase = "phase-2"
therapeutic_area = "oncology"
prefers_single_partner = false
target_markets = ["us", "eu", "japan"]
"""


@pytest.fixture(scope="module")
def thousand(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A profile and 1,000 generated candidates (CSV), as files."""
    folder = tmp_path_factory.mktemp("thousand")
    profile, partners = folder / "profile.toml", folder / "partners.csv"
    profile.write_text(GENERATED_PROFILE, encoding="utf-8")
    po.dump_partners(_generated(1000), partners)
    return str(profile), str(partners)


_REST = re.compile(
    r"(?m)^And ([\d,]+) more excluded, each counted by the first rule it fails: (.*)\. "
    r"Without --top,"
)


def _rest_counts(out: str) -> tuple[int, dict[str, int]]:
    """The count of excluded partners not listed, and their counts by rule, from the text."""
    found = _REST.search(_flat_paragraphs(out))
    assert found is not None, out
    counts = {}
    for item in re.split(r", | and (?=[\d,]+ for )", found.group(2)):
        count, rule = item.split(" for ", 1)
        counts[rule] = int(count.replace(",", ""))
    return int(found.group(1).replace(",", "")), counts


def _flat_paragraphs(out: str) -> str:
    """The text with each paragraph on one line (undoing the wrapping), one per line."""
    return "\n".join(" ".join(block.split()) for block in out.split("\n\n"))


def test_top_3_of_1000_partners_is_short_and_counts_the_rest(
    thousand: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    profile, partners = thousand
    expected = po.rank(po.load_profile(profile), po.load_partners(partners))
    assert len(expected.ranked) > 3
    assert len(expected.excluded) > 100
    assert main(["rank", profile, partners, "--top", "3"]) == 0
    out = capsys.readouterr().out
    # The leader's reasons, a table of its six criteria; the rest, whatever the number of
    # candidates, fits a screen.
    lines = out.splitlines()
    explained = out.index("\nWhy #1, ")
    assert out.count("\nWhy #") == 1
    assert len(out[:explained].splitlines()) < 40
    assert len(lines) < 60
    listed = [e.partner.name for e in expected.excluded[:3]]
    rows = [line.split("  ")[0] for line in lines if line.startswith("Partner ")]
    assert rows == listed  # the three first excluded, and no other
    for exclusion in expected.excluded[3:]:
        assert exclusion.partner.name not in out
    hidden, counts = _rest_counts(out)
    assert hidden == len(expected.excluded) - 3
    assert sum(counts.values()) == hidden
    # Two rules, counted from the reasons (the first reason is the first rule's):
    rest = expected.excluded[3:]
    lacking = sum(e.reasons[0].text.startswith("does not offer") for e in rest)
    off_phase = sum(e.reasons[0].text.startswith("does not serve") for e in rest)
    assert lacking
    assert off_phase
    assert counts["a missing service"] == lacking
    assert counts.get("the phase", 0) == off_phase
    assert list(counts.values()) == sorted(counts.values(), reverse=True)


@settings(max_examples=25, deadline=None)
@given(profile=st.sampled_from(PROFILES), top=st.integers(min_value=1, max_value=20))
def test_the_excluded_not_listed_are_counted_and_add_up(profile: str, top: int) -> None:
    expected = po.rank(po.load_profile(profile), po.load_partners(PARTNERS_CSV))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["rank", profile, PARTNERS_CSV, "--top", str(top)]) == 0
    text = out.getvalue()
    listed = expected.excluded[:top]
    table = next((b for b in text.split("\n\n") if b.startswith("excluded  ")), "").splitlines()[2:]
    starts = [line for line in table if not line.startswith(" ")]
    assert len(starts) == len(listed)
    for line, exclusion in zip(starts, listed, strict=True):
        assert " ".join(exclusion.partner.name.split()[:1]) in line
    if len(expected.excluded) > top:
        hidden, counts = _rest_counts(text)
        assert hidden == sum(counts.values()) == len(expected.excluded) - top
    else:
        assert "more excluded" not in text


class _Said(io.StringIO):
    """A stream that tells when something is written to it."""

    def __init__(self) -> None:
        super().__init__()
        self.written = threading.Event()

    def write(self, text: str) -> int:
        self.written.set()
        return super().write(text)


def test_a_slow_step_is_said_when_it_passes_the_threshold_and_finished_when_done() -> None:
    said = _Said()
    steps = Progress(said, after=0.0)

    def slow() -> list[int]:
        assert said.written.wait(10)  # announced while still running
        assert said.getvalue() == "Loading partners.csv ..."
        return [1, 2]

    assert steps.run("Loading partners.csv", slow, lambda items: f"{len(items)} partners") == [1, 2]
    assert re.fullmatch(r"Loading partners\.csv \.\.\. 2 partners \(\d+\.\d s\)\n", said.getvalue())


def test_a_quick_step_and_a_step_with_no_stream_say_nothing() -> None:
    said = io.StringIO()
    assert Progress(said, after=60.0).run("Loading", lambda: 1, str) == 1
    assert said.getvalue() == ""
    assert Progress(None, after=0.0).run("Loading", lambda: 2, str) == 2


def test_a_failing_slow_step_finishes_its_line() -> None:
    said = _Said()

    def failing() -> int:
        assert said.written.wait(10)
        raise po.InvalidInputError(field="x", value=1)

    with pytest.raises(po.InvalidInputError):
        Progress(said, after=0.0).run("Loading", failing, str)
    assert said.getvalue() == "Loading ...\n"  # the error starts a line of its own


def test_a_closed_stream_says_nothing_and_stops_nothing() -> None:
    closed = io.StringIO()
    closed.close()

    def slow() -> int:
        time.sleep(0.1)
        return 5

    assert Progress(closed, after=0.0).run("Loading", slow, str) == 5


def test_progress_goes_to_a_terminal_s_stderr_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(_cli, "SLOW", 0.0)
    assert main(["rank", PROFILE, PARTNERS_CSV]) == 0
    assert capsys.readouterr().err == ""  # a captured stderr is no terminal
    forced = io.StringIO()
    assert main(["rank", PROFILE, PARTNERS_CSV], progress=forced) == 0
    lines = forced.getvalue().splitlines()
    count = len(po.load_partners(PARTNERS_CSV))
    expected = po.rank(po.load_profile(PROFILE), po.load_partners(PARTNERS_CSV))
    ranked = f"{len(expected.ranked)} ranked, {len(expected.excluded)} excluded"
    patterns = [
        rf"Loading {re.escape(PARTNERS_CSV)} \.\.\. {count} partners \(\d+\.\d s\)",
        rf"Ranking {count} partners \.\.\. {ranked} \(\d+\.\d s\)",
        r"Writing the text output \.\.\. \d+ kB \(\d+\.\d s\)",
    ]
    # A step may end before its timer thread runs, and is then not said: each line said
    # is one of these, in this order.
    assert lines
    said = [next(i for i, p in enumerate(patterns) if re.fullmatch(p, line)) for line in lines]
    assert said == sorted(set(said))
    assert capsys.readouterr().err == ""
    assert _terminal(io.StringIO()) is None

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    assert _terminal(terminal) is terminal


# --- JSON by name, or in full ----------------------------------------------------------------


def test_rank_json_names_the_partners_and_full_reads_back(
    thousand: tuple[str, str],
) -> None:
    profile, partners = thousand
    expected = po.rank(po.load_profile(profile), po.load_partners(partners))
    named = run("rank", profile, partners, "--format", "json")
    full = run("rank", profile, partners, "--format", "json", "--full")
    assert named.returncode == full.returncode == 0, named.stderr + full.stderr
    by_name, in_full = json.loads(named.stdout), json.loads(full.stdout)
    assert po.converter.structure(in_full, po.Shortlist) == expected
    assert [a["partner"] for a in by_name["ranked"]] == _names(expected)
    assert [e["partner"] for e in by_name["excluded"]] == [
        e.partner.name for e in expected.excluded
    ]
    # Everything else is as written in full.
    for key in ("ranked", "excluded"):
        for named_item, full_item in zip(by_name[key], in_full[key], strict=True):
            assert named_item == {**full_item, "partner": full_item["partner"]["name"]}
    assert len(named.stdout) < 0.6 * len(full.stdout)


@pytest.mark.parametrize("args", [["--top", "2"], ["--role", "cro"]])
def test_rank_json_by_name_is_the_full_json_with_names(args: list[str]) -> None:
    named = _json_of("rank", PLANT, PARTNERS_JSON, *args)
    full = _json_of("rank", PLANT, PARTNERS_JSON, *args, "--full")
    assert isinstance(named, dict)
    assert isinstance(full, dict)
    assert named["ranked"] == [{**a, "partner": a["partner"]["name"]} for a in full["ranked"]]
    assert named["excluded"] == [{**e, "partner": e["partner"]["name"]} for e in full["excluded"]]
    assert named.get("as_of") == full.get("as_of")
    assert po.converter.unstructure(po.converter.structure(full, po.Shortlist)) == full


@pytest.mark.parametrize(
    "command", [["plan", PROFILE, "--partners", PARTNERS_CSV], ["describe", "cro"]]
)
def test_full_is_an_option_of_rank_only(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*command, "--format", "json", "--full"]) == 2
    assert "unrecognized arguments: --full" in capsys.readouterr().err


# --- options: --weight, --version, did you mean, help, completion --------------------------


def test_weights_before_the_files_leaves_the_files_to_their_places(
    capsys: pytest.CaptureFixture[str],
) -> None:
    spellings = [
        ["--weights", "regulatory=3", "cultural fit=0", PROFILE, PARTNERS_CSV],
        [PROFILE, "--weights", "regulatory=3", "cultural fit=0", PARTNERS_CSV],
        ["--weight", "regulatory=3", PROFILE, "--weight", "cultural fit=0", PARTNERS_CSV],
        [PROFILE, PARTNERS_CSV, "--weights=regulatory=3", "--weight", "fit=0"],
    ]
    outputs = []
    for spelling in spellings:
        assert main(["rank", *spelling, "--format", "json"]) == 0, spelling
        outputs.append(json.loads(capsys.readouterr().out))
    weights = {**dict.fromkeys(po.Criterion, 1.0), po.Criterion.REGULATORY_TRACK_RECORD: 3.0}
    weights[po.Criterion.CULTURAL_FIT] = 0.0
    expected = po.rank(po.load_profile(PROFILE), po.load_partners(PARTNERS_CSV), weights=weights)
    for output in outputs:
        assert _named(output) == _names(expected)
        assert output == outputs[0]


word = st.text(alphabet="abcdefgh./", min_size=1, max_size=8)
item = st.builds("{}={}".format, word, st.integers(min_value=0, max_value=9))


@given(
    before=st.lists(word, max_size=3),
    items=st.lists(item, min_size=1, max_size=4),
    after=st.lists(word, max_size=3),
)
def test_spread_weights_makes_each_item_a_weight_and_leaves_the_rest(
    before: list[str], items: list[str], after: list[str]
) -> None:
    spread = spread_weights([*before, "--weights", *items, *after])
    weights = [f"--weight {i}".split(" ", 1) for i in items]
    assert spread == [*before, *(part for pair in weights for part in pair), *after]
    assert spread_weights([*before, *after]) == [*before, *after]
    assert spread_weights(["--", "--weights", *items]) == ["--", "--weights", *items]


@pytest.mark.parametrize(
    ("argv", "spread"),
    [
        (["--weights"], ["--weights"]),  # argparse says it needs an argument
        (["--weights", "--top", "3"], ["--weights", "--top", "3"]),
        (["--weights", "expertise", "p.toml"], ["--weight", "expertise", "p.toml"]),
        (["--weights", "a=1", "--weights", "b=2"], ["--weight", "a=1", "--weight", "b=2"]),
    ],
)
def test_spread_weights_at_the_edges(argv: list[str], spread: list[str]) -> None:
    assert spread_weights(argv) == spread


def test_weights_with_nothing_after_it_is_argparse_s_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["rank", PROFILE, PARTNERS_CSV, "--weights"]) == 2
    assert "expected at least one argument" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"pharma-outsourcing {po.__version__}\n"
    done = run("--version")
    assert done.returncode == 0
    assert done.stdout == f"pharma-outsourcing {po.__version__}\n"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["rnak", PROFILE, PARTNERS_CSV], "'rnak' is not a command; allowed: recommend, "),
        (["plna", PROFILE, "--format", "json"], "did you mean 'plan'?"),
        (["Describe", "cro"], "did you mean 'describe'?"),
        (["frobnicate"], "'frobnicate' is not a command; allowed: recommend, describe, "),
    ],
)
def test_a_mistyped_command_gets_one_line_and_the_nearest_command(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    (line,) = captured.err.splitlines()
    assert line.startswith("pharma-outsourcing: COMMAND: ")
    assert said in line
    if argv[0] == "frobnicate":
        assert "did you mean" not in line


def test_a_mistyped_command_through_a_subprocess() -> None:
    done = run("reccomend", PROFILE)
    assert done.returncode == 2
    assert done.stderr == (
        "pharma-outsourcing: COMMAND: 'reccomend' is not a command; allowed: recommend, "
        "describe, services, rank, plan, records; did you mean 'recommend'?\n"
    )


@pytest.mark.parametrize(
    "command", ["recommend", "describe", "services", "rank", "plan", "records", "records match"]
)
def test_each_command_s_help_shows_its_own_examples(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*command.split(), "--help"]) == 0
    out = capsys.readouterr().out
    examples = out.split("\nexamples:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    started = [line for line in examples if line.startswith("  pharma-outsourcing ")]
    assert 1 <= len(started) <= 3
    assert all(line.startswith(f"  pharma-outsourcing {command} ") for line in started)
    assert all(len(line) <= 80 for line in examples)
    assert "exit status: 0 on success, 2 on bad input" in out


def test_the_examples_in_the_help_run(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = EXAMPLES.parent
    monkeypatch.chdir(tmp_path)  # where an example's -o writes its file
    for name, command in _cli._COMMANDS.items():
        examples = [*command.examples, *(e for a in command.actions.values() for e in a.examples)]
        for example in examples:
            words = [
                str(root / w) if w.startswith(("examples/", "docs/")) else w
                for w in shlex.split(example)
            ]
            assert words[0] == name
            assert main(words) == 0, example
    assert (tmp_path / "enriched.csv").exists()
    capsys.readouterr()


def test_the_module_carries_argcomplete_s_marker() -> None:
    head = pathlib.Path(_cli.__file__).read_bytes()[:1024]
    assert b"PYTHON_ARGCOMPLETE_OK" in head


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("pharma-outsourcing ra", {"rank"}),
        ("pharma-outsourcing rank --ro", {"--role"}),
        ("pharma-outsourcing rank --role c", {"cro", "cmo", "cdmo"}),
        ("pharma-outsourcing plan --strategy s", {"specialist"}),
        ("pharma-outsourcing rank --weight reg", {"regulatory-track-record="}),
    ],
)
def test_shell_completion(line: str, offered: set[str], tmp_path: pathlib.Path) -> None:
    pytest.importorskip("argcomplete")
    answer = tmp_path / "completions"
    done = subprocess.run(
        [sys.executable, "-m", "pharma_outsourcing"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={
            **os.environ,
            "_ARGCOMPLETE": "1",
            "_ARGCOMPLETE_IFS": "\n",
            "_ARGCOMPLETE_STDOUT_FILENAME": str(answer),
            "COMP_LINE": line,
            "COMP_POINT": str(len(line)),
        },
    )
    assert done.returncode == 0, done.stderr
    completions = {c.strip() for c in answer.read_text(encoding="utf-8").splitlines()}
    assert completions == offered


# --- records match, and --records on rank and plan ---------------------------------------

DATA = pathlib.Path(__file__).parent / "data"
INSPECTIONS = str(DATA / "fda-inspections.csv")
OLDER = str(DATA / "fda-inspections-company-name.csv")
LETTERS = str(DATA / "fda-warning-letters.csv")
EXPORTS = [INSPECTIONS, OLDER, LETTERS]
# The records guide's two new candidates: Quarrybank's Swiss company and its US one.
QUARRYBANK = str(EXAMPLES.parent / "docs" / "data" / "new-candidates.csv")
TABLETS = str(EXAMPLES.parent / "docs" / "data" / "generic-tablets.toml")


def _records(*paths: str) -> list[po.PublicRecord]:
    """The records of the exports, read as the command line reads them."""
    records: list[po.PublicRecord] = []
    for path in paths:
        records += (
            po.load_fda_warning_letters(path)
            if "letters" in path
            else po.load_fda_inspections(path)
        )
    return records


def _found(partners: str, *exports: str) -> po.RecordMatch:
    return po.match_records(po.load_partners(partners), _records(*exports))


def _out_and_err(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    assert main(args) == 0, args
    captured = capsys.readouterr()
    return captured.out, captured.err


def _flat(text: str) -> str:
    """``text`` with its runs of spaces and line breaks as one space (cells wrap)."""
    return " ".join(text.split())


@given(order=st.permutations(EXPORTS))
@settings(max_examples=6, deadline=None)
def test_records_match_is_the_same_whatever_the_order_of_the_exports(order: list[str]) -> None:
    data = _json_of("records", "match", PARTNERS_JSON, *order, "--full")
    assert po.converter.structure(data, po.RecordMatch) == _found(PARTNERS_JSON, *EXPORTS)


@given(rows=st.integers(min_value=1, max_value=12))
@settings(max_examples=12, deadline=None)
def test_records_match_shows_at_most_n_rows_of_each_list_and_counts_the_rest(rows: int) -> None:
    found = _found(PARTNERS_JSON, *EXPORTS)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        args = ["records", "match", PARTNERS_JSON, *EXPORTS, "--rows", str(rows)]
        assert main([*args, "--format", "markdown"]) == 0
    sections = out.getvalue().split("\n## ")
    lengths = {
        "Matched (": sum(len(records) for records in found.matched.values()),
        "Matched by name (": sum(len(records) for records in found.by_name.values()),
        "Suggestions (": len(found.suggestions),
        "Unmatched (": len(found.unmatched),
    }
    for start, length in lengths.items():
        (section,) = (s for s in sections if s.startswith(start))
        body = [line for line in section.splitlines() if line.startswith("| ")][1:]  # no header
        assert len(body) == min(rows, length), start
        cut = f"... and {length - rows} more row" if length > rows else "more row"
        assert (cut in section) is (length > rows), start


def _markdown(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """What ``main`` prints for ``args`` as Markdown: the text's document, a row a line."""
    out, _ = _out_and_err([*args, "--format", "markdown"], capsys)
    return out


def test_records_match_prints_what_matched_what_did_not_and_the_suggestions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out, err = _out_and_err(["records", "match", PARTNERS_JSON, *EXPORTS], capsys)
    assert err == ""
    found = _found(PARTNERS_JSON, *EXPORTS)
    matched = sum(len(records) for records in found.matched.values())
    assert (matched, len(found.unmatched), len(found.suggestions)) == (18, 8, 2)  # the fixtures
    lines = out.splitlines()
    assert lines[0] == (
        "Public records for partners.json: 18 records matched, 8 unmatched, 0 ambiguous, "
        "2 suggestions"
    )
    for heading in (
        "Matched (18 records to 10 partners, 2 of them by name)",
        "Matched by name (2): check each is the partner's",
        "Suggestions (2): confirm before adding",
        "Unmatched (8): attached to no partner",
    ):
        assert heading in lines
    assert "Ambiguous" not in out
    assert "No record matched Birchfield Early Phase (fictional CRO), Cedarline" in _flat(out)
    assert all(len(line) <= 100 for line in lines)
    # The same document, a table row a line: each partner with the records matched to it
    # and the row each was read from; what did not match; the suggestions, with their
    # similarity, to confirm by hand.
    page = _markdown(["records", "match", PARTNERS_JSON, *EXPORTS], capsys)
    rows = [
        (
            "| Pinewood Fill-Finish (fictional CMO) | FDA inspection classified OAI (official "
            "action indicated), 5 February 2026, site 3099901601 | fda-inspections.csv, row 14 "
            "(Inspection ID 1190008) |"
        ),
        (
            "| Hartwell Generics Manufacturing (fictional CMO) | FDA warning letter, 22 July 2025 "
            "| fda-warning-letters.csv, row 2 |"
        ),
        (
            "| Ivybridge Clinical Supplies (fictional CMO) | FDA inspection classified NAI (no "
            "action indicated), 11 July 2023, site 3099900901 | fda-inspections-company-name.csv, "
            "row 2 (Inspection ID 1180001) |"
        ),
        (
            "| Mira Castellan, M.D. |  | FDA warning letter (GCP), 8 April 2025 | "
            "fda-warning-letters.csv, row 5 |"
        ),
        (
            "| Quarrybank Laboratories | Switzerland | FDA inspection classified NAI (no action "
            "indicated), 5 March 2024, site 0003099906601 | fda-inspections.csv, row 21 "
            "(Inspection ID 1190015) |"
        ),
        (
            "| Kestrel Integrated Biologics (fictional CDMO) | 0.76 | Kestrel Integrated Biologic "
            "Services | FDA inspection classified VAI (voluntary action indicated), 12 June 2024, "
            "site 3099908801 |"
        ),
    ]
    for row in rows:
        assert row in page, row
    assert "is not among the partner's (3099901201)" in page


def test_records_match_lists_an_ambiguous_record_with_the_partners_it_fits(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["records", "match", QUARRYBANK, INSPECTIONS, LETTERS]
    out, _ = _out_and_err(args, capsys)
    lines = out.splitlines()
    assert lines[0] == (
        "Public records for new-candidates.csv: 1 record matched, 20 unmatched, 1 ambiguous, "
        "0 suggestions"
    )
    assert "Ambiguous (1): attached to no partner" in lines
    assert "1 record is new to 1 partner." in lines
    assert "No record matched Quarrybank Laboratories Inc." in lines
    page = _markdown(args, capsys)
    assert (
        "| QUARRYBANK LABORATORIES |  | FDA warning letter, 7 October 2025 | Quarrybank "
        "Laboratories AG and Quarrybank Laboratories Inc. | its firm's name"
    ) in page
    # The Swiss site's NAI is the AG's by its FEI number, written with leading zeros in
    # the export; the inspection names the site as the partner lists it.
    assert (
        "| Quarrybank Laboratories AG | FDA inspection classified NAI (no action indicated), "
        "5 March 2024, site 3099906601 |"
    ) in page


def test_records_match_says_what_is_new_to_the_partners(
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = po.load_partners(PARTNERS_JSON)
    found = _found(PARTNERS_JSON, *EXPORTS)
    added = [
        len(after.inspections) - len(partner.inspections)
        for partner, after in zip(before, found.partners, strict=True)
    ]
    assert (sum(added), sum(map(bool, added))) == (3, 1)  # Hartwell's
    out, _ = _out_and_err(["records", "match", PARTNERS_JSON, *EXPORTS], capsys)
    assert "3 records are new to 1 partner; the partners held the other 15 already." in _flat(out)


@pytest.mark.parametrize("suffix", [".json", ".csv", ".toml", ".xlsx"])
def test_records_match_writes_the_partners_with_their_records_and_they_read_back(
    suffix: str, tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / f"enriched{suffix}"
    out, _ = _out_and_err(["records", "match", PARTNERS_CSV, *EXPORTS, "-o", str(out_file)], capsys)
    assert po.load_partners(out_file) == _found(PARTNERS_CSV, *EXPORTS).partners
    assert f"Written to {out_file}: the 16 partners, with the records new to them added." in (
        _flat(out)
    )
    # Matching the enriched partners again adds nothing: every record is held already.
    again, _ = _out_and_err(["records", "match", str(out_file), *EXPORTS], capsys)
    assert "The partners held every record matched already: none is added." in _flat(again)


def test_records_match_json_names_the_partners_and_full_reads_back() -> None:
    found = _found(PARTNERS_JSON, *EXPORTS)
    named = _json_of("records", "match", PARTNERS_JSON, *EXPORTS)
    assert isinstance(named, dict)
    assert named["partners"] == [partner.name for partner in found.partners]
    assert named["unmatched"] == po.converter.unstructure(found.unmatched)
    full = _json_of("records", "match", PARTNERS_JSON, *EXPORTS, "--full")
    assert po.converter.structure(full, po.RecordMatch) == found


def test_records_match_keeps_the_product_types_asked_for(
    capsys: pytest.CaptureFixture[str],
) -> None:
    page = _markdown(
        ["records", "match", PARTNERS_JSON, INSPECTIONS, "--product-type", "Devices"], capsys
    )
    assert page.startswith("## Public records for partners.json: 0 records matched, 1 unmatched")
    assert "| Hollowmere Surgical Devices | United States | FDA inspection classified OAI" in page


def test_records_match_in_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = _out_and_err(
        ["records", "match", PARTNERS_JSON, *EXPORTS, "--format", "markdown"], capsys
    )
    assert out.startswith("## Public records for partners.json: 18 records matched")
    assert "| Hartwell Generics Manufacturing (fictional CMO) | FDA warning letter, 22 July" in out


def test_records_match_through_a_subprocess(tmp_path: pathlib.Path) -> None:
    out_file = tmp_path / "enriched.json"
    done = run("records", "match", PARTNERS_JSON, INSPECTIONS, LETTERS, "-o", str(out_file))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith("Public records for partners.json: 14 records matched, 8 ")
    assert "Suggestions (2): confirm before adding" in done.stdout.splitlines()
    assert po.load_partners(out_file) == _found(PARTNERS_JSON, INSPECTIONS, LETTERS).partners
    assert all(len(line) <= 100 for line in done.stdout.splitlines())


def test_rank_with_records_gives_the_shortlist_of_the_matched_partners(
    capsys: pytest.CaptureFixture[str],
) -> None:
    expected = po.rank(po.load_profile(TABLETS), _found(PARTNERS_JSON, *EXPORTS).partners)
    args = ["rank", TABLETS, PARTNERS_JSON, *(f"--records={path}" for path in EXPORTS)]
    out, err = _out_and_err([*args, "--format", "json", "--full"], capsys)
    assert po.converter.structure(json.loads(out), po.Shortlist) == expected
    assert err == (
        "pharma-outsourcing: records: 18 records matched to 10 partners (3 new to them), 8 "
        "unmatched, 0 ambiguous, 2 suggestions (pharma-outsourcing records match lists them)\n"
    )
    text, _ = _out_and_err(args, capsys)
    assert text.startswith(
        f"Generic tablet, commercial supply: {len(expected.ranked)} ranked, "
        f"{len(expected.excluded)} excluded"
    )


def test_rank_with_records_through_a_subprocess() -> None:
    done = run("rank", TABLETS, PARTNERS_CSV, "--records", INSPECTIONS, "--records", LETTERS)
    assert done.returncode == 0, done.stderr
    expected = po.rank(
        po.load_profile(TABLETS), _found(PARTNERS_CSV, INSPECTIONS, LETTERS).partners
    )
    leader = expected.leader
    assert leader is not None
    assert f"Why #1, {leader.partner.name}, scores {leader.score:.2f}" in done.stdout
    assert done.stderr.startswith("pharma-outsourcing: records: 14 records matched to 7 partners")
    assert len(done.stderr.splitlines()) == 1


def test_plan_with_records_plans_with_the_matched_partners() -> None:
    profile = po.load_profile(PROFILE)
    matched = _found(PARTNERS_JSON, INSPECTIONS, LETTERS).partners
    data = _json_of(
        "plan", PROFILE, "--partners", PARTNERS_JSON, "--records", INSPECTIONS, "--records", LETTERS
    )
    assert po.converter.structure(data, po.SourcingPlan) == po.plan(profile, partners=matched)


@pytest.mark.parametrize(
    ("args", "lines"),
    [
        (
            ["records", "match", PARTNERS_JSON, "absent.csv", str(EXAMPLES / "partners.csv")],
            [
                "absent.csv: cannot be read",
                (
                    "partners.csv: header row: is missing: no row names the columns of an FDA "
                    "Data Dashboard inspections export or an FDA warning-letter listing"
                ),
            ],
        ),
        (
            ["records", "match", PARTNERS_JSON, INSPECTIONS, "--product-type", "drugz"],
            ["--product-type: 'drugz' is not a known product type"],
        ),
        (
            ["records", "match", PARTNERS_JSON, INSPECTIONS, "--rows", "none"],
            ["--rows: 'none' is not a count of rows"],
        ),
        (
            ["records", "match", PARTNERS_JSON, INSPECTIONS, "-o", INSPECTIONS],
            ["-o: '", "' is one of the exports read"],
        ),
        (
            ["records", "match", PARTNERS_JSON, INSPECTIONS, "-o", "enriched.ods"],
            ["enriched.ods: file suffix: '.ods'"],
        ),
        (
            ["records", "match", "partners.yaml", INSPECTIONS],
            ["partners.yaml: file suffix: '.yaml'"],
        ),
        (
            ["rank", PROFILE, PARTNERS_CSV, "--records", "absent.xlsx", "--top", "0"],
            ["--top: '0' is not a count of rows", "absent.xlsx: cannot be read"],
        ),
        (
            ["plan", PROFILE, "--records", INSPECTIONS],
            ["--partners: is missing, and --records needs it"],
        ),
        (
            ["records", "mtach", PARTNERS_JSON, INSPECTIONS],
            ["ACTION: 'mtach' is not a records command; allowed: match; did you mean 'match'?"],
        ),
    ],
)
def test_bad_records_input_exits_2_with_one_line_per_problem(
    args: list[str], lines: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    said = captured.err.splitlines()
    if args[-2:] == ["-o", INSPECTIONS]:  # one problem, said in two pieces
        (line,) = said
        assert all(piece in line for piece in lines)
        return
    assert len(said) == len(lines)
    for line, words in zip(said, lines, strict=True):
        assert line.startswith("pharma-outsourcing: ")
        assert words in line


def test_an_output_file_that_cannot_be_a_path_is_the_library_s_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["records", "match", PARTNERS_JSON, INSPECTIONS, "-o", "out\x00.json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    (line,) = captured.err.splitlines()
    assert line.startswith("pharma-outsourcing: ")
    assert "Traceback" not in captured.err


def test_a_bad_export_s_rows_are_all_reported_through_a_subprocess(tmp_path: pathlib.Path) -> None:
    bad = tmp_path / "inspections.csv"
    bad.write_text(
        "FEI Number,Legal Name,Inspection ID,Inspection End Date,Classification,Project Area,"
        "Product Type\n"
        "3001234567,Acme,1,02/30/2024,NAI,Drug Quality Assurance,Drugs\n"
        "3001234568,Acme,2,03/01/2024,Official Action,Drug Quality Assurance,Drugs\n",
        encoding="utf-8",
    )
    done = run("records", "match", PARTNERS_JSON, str(bad), LETTERS)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"pharma-outsourcing: {bad}: row 2 ('Acme'): Inspection End Date")
    assert "'02/30/2024' is not a day of the calendar" in lines[0]
    assert lines[1].startswith(f"pharma-outsourcing: {bad}: row 3 ('Acme'): Classification")
    assert lines[1].endswith("did you mean 'Official Action Indicated (OAI)'?")
    assert "Traceback" not in done.stderr
