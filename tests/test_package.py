"""The public surface: every name in __all__ exists and is documented; the version."""

import inspect
import os
import pathlib
import subprocess
import sys
from importlib.metadata import version

import pytest

import pharma_outsourcing as po

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_version_comes_from_the_installed_metadata() -> None:
    assert po.__version__ == version("pharma-outsourcing")


def test_unknown_attributes_raise_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = po.nope  # type: ignore[attr-defined]  # the point of the test


@pytest.mark.parametrize("name", sorted(po.__all__))
def test_every_public_name_exists_and_is_documented(name: str) -> None:
    obj = getattr(po, name)
    if inspect.isclass(obj) or inspect.isfunction(obj):
        assert (obj.__doc__ or "").strip(), f"{name} has no docstring"
        assert "Example" in (obj.__doc__ or ""), f"{name}'s docstring has no example"


def test_all_has_no_duplicates() -> None:  # its order is ruff's RUF022 isort-style sort
    assert len(po.__all__) == len(set(po.__all__))


@pytest.mark.parametrize(
    "name",
    [
        "OrganisationType", "Phase", "Stage", "Service", "ServiceCategory", "Criterion",
        "Market", "Regulator", "TherapeuticArea", "Modality", "DosageForm", "services_of",
        "providers_of", "typical_services", "needs_cro", "needs_cmo", "lead_type",
        "SponsorProfile", "Recommendation", "Reason", "recommend", "Partner", "Inspection",
        "Submission", "describe",
    ],
)  # fmt: skip
def test_design_contract_names_are_public(name: str) -> None:
    assert name in po.__all__


def test_errors_are_value_errors() -> None:
    assert issubclass(po.PharmaOutsourcingError, ValueError)
    assert issubclass(po.InvalidInputError, po.PharmaOutsourcingError)
    assert issubclass(po.UnknownValueError, po.InvalidInputError)


def test_lazily_loaded_names_are_imported_on_first_use_not_with_the_library() -> None:
    code = (
        "import sys, pharma_outsourcing as po; "
        "lazy = ('pharma_outsourcing._serialise.schema', 'pharma_outsourcing._sensitivity', "
        "'pharma_outsourcing._records.match'); "
        "assert not any(m in sys.modules for m in lazy), sys.modules.keys(); "
        "from pharma_outsourcing import sensitivity, match_records; "
        "assert po.json_schema is po._serialise.schema.json_schema; "
        "assert all(m in sys.modules for m in lazy)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_fdas_exports_and_openpyxl_are_imported_on_first_use_not_with_the_library() -> None:
    code = (
        "import sys, pharma_outsourcing as po; "
        "assert 'openpyxl' not in sys.modules; "
        "assert 'pharma_outsourcing._records.fda' not in sys.modules; "
        "po.load_fda_inspections('tests/data/fda-inspections.csv'); "
        "po.load_partners('examples/partners.csv'); "
        "assert 'openpyxl' not in sys.modules, 'a CSV file needs no openpyxl'"
    )
    source = {"PYTHONPATH": str(ROOT / "src")}  # this checkout's code, whatever is installed
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=os.environ | source)


def test_dir_lists_every_public_name() -> None:
    assert set(po.__all__) <= set(dir(po))


def test_the_renderers_are_imported_on_first_display_not_with_the_library() -> None:
    code = """if True:
        import sys, pharma_outsourcing as po
        def loaded():
            return sorted(m for m in sys.modules if m.startswith("pharma_outsourcing._render"))
        assert not loaded(), loaded()
        recommendation = po.recommend(po.SponsorProfile(phase=po.Phase.PHASE_1))
        assert not loaded(), loaded()
        recommendation._repr_html_()
        assert "pharma_outsourcing._render.html" in loaded(), loaded()
    """
    subprocess.run([sys.executable, "-c", code], check=True)
