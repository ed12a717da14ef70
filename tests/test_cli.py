"""The command line, in process (for coverage) and through a subprocess (as users run it)."""

from __future__ import annotations

import json
import pathlib
import runpy
import subprocess
import sys

import pytest

import pharma_outsourcing as po
from pharma_outsourcing._cli import Table, main, parse_weights, render_table_text

EXAMPLES = pathlib.Path(__file__).parent.parent / "examples"
PROFILE = str(EXAMPLES / "phase1-biotech.toml")


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
        assert "| --- |" in out
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
    ],
)
def test_bad_input_exits_2(args: list[str], words: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert words in captured.err


def test_nothing_to_engage(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "p.json"
    profile.write_text('{"phase": "phase-2", "services": []}', encoding="utf-8")
    assert main(["recommend", str(profile)]) == 0
    assert "Profile at phase-2: engage nothing" in capsys.readouterr().out


def test_tables_fit_and_wrap() -> None:
    table = Table(("name", "text"), (("short", "word " * 60),))
    lines = render_table_text(table, width=40)
    assert all(len(line) <= 40 for line in lines)
    assert len(lines) > 3
    wide = Table(("a" * 30, "b" * 30), (("x" * 30, "y" * 30),))
    assert render_table_text(wide, width=20)[0].startswith("a" * 24)


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
    assert "--weights: 'scale' is not criterion=number" in lines[0]
    assert "did you mean 'technical-expertise'?" in lines[1]
    assert "--weights scalability: '-1' is not a weight" in lines[2]
    assert "--weights cultural-fit: 'lots' is not a weight" in lines[3]
