"""The library's exception types.

Every error raised on bad input is a :class:`PharmaOutsourcingError`, which is a
:class:`ValueError`, so callers that already catch ``ValueError`` keep working. The
message always says which field was wrong, what was given, what is allowed and, where
one is close, the nearest valid value.
"""

from __future__ import annotations

import reprlib
from collections.abc import Iterable
from typing import ClassVar

__all__ = [
    "InvalidDataError",
    "InvalidInputError",
    "MissingFieldError",
    "OutputError",
    "PharmaOutsourcingError",
    "UnknownKeyError",
    "UnknownValueError",
    "nearest",
    "shown_value",
]


class PharmaOutsourcingError(ValueError):
    """Base class of every error the library raises on bad input.

    Example:
        >>> from pharma_outsourcing import Phase, PharmaOutsourcingError
        >>> try:
        ...     Phase.parse("phase 9")
        ... except PharmaOutsourcingError as error:
        ...     print(type(error).__name__)
        UnknownValueError
    """


class InvalidInputError(PharmaOutsourcingError):
    """A value does not fit the field it was given for.

    Attributes:
        field: The field (or path to it, such as ``inspections[0].year``) that was wrong.
        value: What was given.
        allowed: What the field allows, in words.
        suggestion: The nearest valid value, when one is close; else ``None``.
        problem: The problem in words, without the field, value and suggestion.

    Example:
        >>> from pharma_outsourcing import InvalidInputError
        >>> error = InvalidInputError(
        ...     field="communication", value=7, problem="is out of range", allowed="0 to 5"
        ... )
        >>> str(error)
        'communication: 7 is out of range; allowed: 0 to 5'
    """

    #: The problem in words when none is given.
    default_problem: ClassVar[str] = "is not allowed"
    #: Whether the message quotes the value (not for a missing field or an unknown key).
    shows_value: ClassVar[bool] = True

    def __init__(
        self,
        *,
        field: str,
        value: object = None,
        problem: str | None = None,
        allowed: str | None = None,
        suggestion: str | None = None,
    ) -> None:
        problem = self.default_problem if problem is None else problem
        self.field = field
        self.value = value
        self.problem = problem
        self.allowed = allowed
        self.suggestion = suggestion
        shown = shown_value(value)
        parts = [f"{field}: {shown} {problem}" if self.shows_value else f"{field}: {problem}"]
        if allowed is not None:
            parts.append(f"allowed: {allowed}")
        if suggestion is not None:
            parts.append(f"did you mean {suggestion!r}?")
        super().__init__("; ".join(parts))


class UnknownValueError(InvalidInputError):
    """A text names no member of a vocabulary (an unknown phase, service, market, ...).

    Example:
        >>> from pharma_outsourcing import Phase
        >>> Phase.parse("preclincal")
        Traceback (most recent call last):
        ...
        pharma_outsourcing._errors.UnknownValueError: phase: 'preclincal' is not a known \
phase; allowed: discovery, preclinical, phase-1, phase-2, phase-3, regulatory-review, \
commercial; did you mean 'preclinical'?
    """


class MissingFieldError(InvalidInputError):
    """A required field is absent from the data.

    Example:
        >>> from pharma_outsourcing import MissingFieldError
        >>> str(MissingFieldError(field="phase", value=None, allowed="a phase"))
        'phase: is missing; allowed: a phase'
    """

    default_problem = "is missing"
    shows_value = False


class UnknownKeyError(InvalidInputError):
    """The data holds a key that names no field; the nearest known key is suggested.

    Example:
        >>> from pharma_outsourcing import UnknownKeyError
        >>> str(UnknownKeyError(field="horizn", value=1, allowed="phase, horizon",
        ...                     suggestion="horizon"))
        "horizn: is not a known field; allowed: phase, horizon; did you mean 'horizon'?"
    """

    default_problem = "is not a known field"
    shows_value = False


class InvalidDataError(PharmaOutsourcingError):
    """Data (a file, or plain data given to the converter) that makes no valid value object.

    It carries every problem found, not only the first; its message has one line per
    problem, each naming the file (when there is one), the record and the field.

    Attributes:
        problems: Each problem, an :class:`InvalidInputError` whose ``field`` is the path
            to the value at fault (``record 2 ('Acme CRO'): inspections[0].year``).
        file: The file the data came from, or ``None``.

    Example:
        >>> from pharma_outsourcing import InvalidDataError, InvalidInputError
        >>> error = InvalidDataError(
        ...     [InvalidInputError(field="phase", value="p9", problem="is not a known phase")],
        ...     file="profile.toml",
        ... )
        >>> print(error)
        profile.toml: phase: 'p9' is not a known phase
    """

    def __init__(self, problems: Iterable[InvalidInputError], *, file: str | None = None) -> None:
        self.problems = tuple(problems)
        self.file = file
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        """One line per problem, each starting with the file's name when there is one."""
        prefix = f"{self.file}: " if self.file is not None else ""
        return [prefix + str(problem) for problem in self.problems] or [
            prefix + "the data is not valid"
        ]


class OutputError(PharmaOutsourcingError):
    """Output that cannot be written: a full disk, a closed pipe, a character it cannot encode.

    Attributes:
        file: Where the output was going (a file name, or ``"standard output"``).
        problem: What went wrong, in words.

    Example:
        >>> from pharma_outsourcing import OutputError
        >>> print(OutputError(file="out.json", problem="No space left on device"))
        out.json: cannot be written: No space left on device
    """

    def __init__(self, *, file: str, problem: str) -> None:
        self.file = file
        self.problem = problem
        super().__init__(f"{file}: cannot be written: {problem}")


_SHOWN = reprlib.Repr()
_SHOWN.maxlevel = 4
_SHOWN.maxstring = 160
_SHOWN.maxother = 160
_SHOWN.maxlong = 80
_SHOWN.maxlist = _SHOWN.maxtuple = _SHOWN.maxdict = 12
_SHOWN.maxset = _SHOWN.maxfrozenset = 12


def shown_value(value: object) -> str:
    """``value`` as an error message shows it: its ``repr``, shortened when long or deep.

    Example:
        >>> shown_value("comercial")
        "'comercial'"
        >>> shown_value(list(range(100)))
        '[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, ...]'
    """
    if isinstance(value, int) and value.bit_length() > _BITS_SHOWN:
        return f"(a whole number of about {int(value.bit_length() * 0.30103)} digits)"
    return _SHOWN.repr(value)  # reprlib stops at depth 4, and survives a failing repr


_BITS_SHOWN = 10_000  # well within Python's limit on converting integers to text


def nearest(text: str, candidates: Iterable[str]) -> str | None:
    """Return the candidate closest to ``text``, or ``None`` when none is close.

    Closeness is :func:`difflib.get_close_matches`' ratio, compared case-insensitively.

    Example:
        >>> nearest("comercial", ["commercial", "preclinical"])
        'commercial'
        >>> nearest("xyz", ["commercial"]) is None
        True
    """
    import difflib  # noqa: PLC0415  # only on the error path; keeps import time low

    by_key = {candidate.casefold(): candidate for candidate in candidates}
    matches = difflib.get_close_matches(text.casefold(), list(by_key), n=1, cutoff=0.6)
    return by_key[matches[0]] if matches else None
