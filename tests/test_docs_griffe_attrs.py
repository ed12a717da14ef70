"""The API reference's constructor signatures of attrs classes (``docs/griffe_attrs.py``).

The extension is loaded as MkDocs loads it, and what griffe then holds for each attrs class
of the package is checked against the class attrs built: the signature a page shows is the
one a user calls.
"""

from __future__ import annotations

import functools
import inspect
import re
from pathlib import Path
from typing import Any

import attrs
import griffe
import pytest

import pharma_outsourcing as po
from helpers import docs_module

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def package() -> griffe.Module:
    """The package as the docs build reads it: from source, with the extension."""
    loaded = griffe.load(
        "pharma_outsourcing",
        search_paths=[str(ROOT / "src")],
        extensions=griffe.load_extensions(docs_module("griffe_attrs").AttrsSignatures()),
    )
    assert isinstance(loaded, griffe.Module)
    return loaded


def classes(module: griffe.Module | griffe.Class) -> list[griffe.Class]:
    found: list[griffe.Class] = []
    for member in module.members.values():
        if not member.is_alias and isinstance(member, griffe.Module | griffe.Class):
            if isinstance(member, griffe.Class):
                found.append(member)
            found.extend(classes(member))
    return found


def attrs_classes() -> list[tuple[str, type]]:
    """Every attrs class defined in the package, public or private, by its path."""
    pairs = []
    for cls in classes(package()):
        runtime = griffe.dynamic_import(cls.path)
        if isinstance(runtime, type) and attrs.has(runtime):
            pairs.append((cls.path, runtime))
    return pairs


def parameters(path: str) -> list[griffe.Parameter]:
    init = package().modules_collection[path].all_members["__init__"]
    if isinstance(init, griffe.Alias):  # a class re-exported by the package
        init = init.final_target
    assert isinstance(init, griffe.Function)
    return [p for p in init.parameters if p.name != "self"]


FACTORY: type[Any] = type(attrs.Factory(list))  # attrs' stubs type Factory as a function
NAMESPACE = {name: getattr(po, name) for name in po.__all__}


def test_every_public_attrs_class_is_among_those_checked() -> None:
    checked = {runtime for _, runtime in attrs_classes()}
    public = {obj for obj in NAMESPACE.values() if isinstance(obj, type) and attrs.has(obj)}
    assert public
    assert sorted(c.__name__ for c in public - checked) == []


@pytest.mark.parametrize(("path", "runtime"), attrs_classes(), ids=str)
def test_signature_is_the_one_attrs_built(path: str, runtime: type) -> None:
    shown = parameters(path)
    actual = list(inspect.signature(runtime).parameters.values())
    assert [(p.name, p.kind.value if p.kind else None) for p in shown] == [
        (p.name, p.kind.description) for p in actual
    ]
    fields = {field.alias: field for field in attrs.fields(runtime)}
    for parameter, real in zip(shown, actual, strict=True):
        assert str(parameter.annotation) == " ".join(str(real.annotation).split())
        default = fields[real.name].default
        if default is attrs.NOTHING:
            assert parameter.default is None, parameter.name
        elif str(parameter.default) == "...":  # from the other fields, or not an empty value
            assert isinstance(default, FACTORY), parameter.name
            assert default.takes_self or default.factory(), parameter.name
        else:
            value = default.factory() if isinstance(default, FACTORY) else default
            assert eval(str(parameter.default), NAMESPACE) == value, parameter.name


def test_partner_shows_keyword_only_fields_and_their_defaults() -> None:
    signature = package()["Partner"].signature()
    assert signature.startswith("Partner(*, name: str, organisation_type: ")
    assert re.search(r"services: Iterable\[[^]]*\] = \.\.\., phases: ", signature)
    assert re.search(r"therapeutic_areas: Iterable\[[^]]*\] = frozenset\(\), ", signature)
    assert re.search(r"inspections: Iterable\[[^]]*\] = \(\), ", signature)
    assert signature.endswith(
        "gmp_certified: bool = False, glp_compliant: bool = False, "
        "communication: float | None = None)"
    )


def test_sponsor_profile_shows_its_enum_default_as_written() -> None:
    signature = package()["SponsorProfile"].signature()
    assert signature.startswith("SponsorProfile(*, phase: ")
    # The converter's type: a Phase, or a text naming one.
    assert re.search(r"horizon: Phase \| str = Phase\.COMMERCIAL, ", signature)
    assert re.search(r"in_house: Iterable\[[^]]*\] = frozenset\(\), ", signature)


def test_names_in_signatures_link_to_their_definitions() -> None:
    (services,) = [p for p in parameters("pharma_outsourcing.Partner") if p.name == "services"]
    (horizon,) = [p for p in parameters("pharma_outsourcing.SponsorProfile") if p.name == "horizon"]
    assert isinstance(services.annotation, griffe.Expr)
    assert isinstance(horizon.default, griffe.Expr)
    names = {getattr(part, "canonical_path", None) for part in services.annotation.iterate()}
    assert {"collections.abc.Iterable", "pharma_outsourcing._services.Service"} <= names
    assert horizon.default.canonical_path == "pharma_outsourcing._vocabulary.Phase.COMMERCIAL"


def test_classes_that_are_not_attrs_are_left_alone() -> None:
    assert "__init__" not in package()["Phase"].members
    assert package()["InvalidInputError"].signature() == (
        "InvalidInputError(*, field: str, value: object = None, problem: str | None = None, "
        "allowed: str | None = None, suggestion: str | None = None)"
    )


SAMPLE = """
from __future__ import annotations

import enum

import attrs


class Colour(enum.Enum):
    RED = "red"


@attrs.frozen
class Point:
    x: int
    y: int = 0


@attrs.frozen(kw_only=True)
class Label(Point):
    text: str = attrs.field(factory=str)
    colour: Colour = Colour.RED


@attrs.define(init=False)
class Bare:
    a: int = 0


@attrs.define
class Own:
    a: int

    def __init__(self, text: str) -> None:
        self.a = int(text)
"""


def test_positional_inherited_and_hand_written_constructors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "attrs_sample.py").write_text(SAMPLE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    sample = griffe.load(
        "attrs_sample",
        search_paths=[str(tmp_path)],
        extensions=griffe.load_extensions(docs_module("griffe_attrs").AttrsSignatures()),
    )
    assert sample["Point"].signature() == "Point(x: int, y: int = 0)"
    assert sample["Label"].signature() == (
        "Label(x: int, y: int = 0, *, text: str = '', colour: Colour = Colour.RED)"
    )
    assert sample["Bare"].signature() == ""  # no __init__ to show: attrs wrote none
    assert sample["Own"].signature() == "Own(text: str)"  # the class's own, from its source
