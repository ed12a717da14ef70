"""Helpers shared by several test modules (strategies live in ``strategies.py``)."""

from __future__ import annotations

import datetime
import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TypeVar

import attrs

from pharma_outsourcing import InvalidDataError

T = TypeVar("T")

DOCS = Path(__file__).resolve().parent.parent / "docs"


def docs_module(name: str) -> ModuleType:
    """``docs/NAME.py``, a build-time helper of the documentation site, imported from its file."""
    spec = importlib.util.spec_from_file_location(f"docs_{name}", DOCS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def attempt(function: Callable[..., T], *args: object) -> T | InvalidDataError:
    """The function's result, or the library's error it raised (anything else fails)."""
    try:
        return function(*args)
    except InvalidDataError as error:
        return error


@attrs.frozen(kw_only=True)
class Visit:
    """A value object of types the library's own objects do not use.

    Attributes:
        day: When.
        tags: Free labels.
        score: A number or a text.
        note: Optional, may be a number or a text.
    """

    day: datetime.date
    tags: frozenset[int] = frozenset()
    score: int | str = 0
    note: int | str | None = None
