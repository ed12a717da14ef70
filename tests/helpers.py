"""Helpers shared by several test modules (strategies live in ``strategies.py``)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TypeVar

import attrs

from pharma_outsourcing import InvalidDataError

T = TypeVar("T")


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
