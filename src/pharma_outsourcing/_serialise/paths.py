"""Files as the readers take them: a path checked, a format chosen by suffix, text decoded.

Shared by the readers of the library's own files (``files``) and of regulators' exports
(``_records.fda``), so a path, a suffix and an encoding are refused in one way.
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import TypeVar

from .._errors import InvalidDataError, InvalidInputError, nearest

__all__ = ["as_path", "decode", "format_of"]

F = TypeVar("F", bound=str)


def as_path(path: object) -> Path:
    """``path`` as a :class:`~pathlib.Path`, or the library's error for what is not a path.

    Example:
        >>> as_path("partners.csv").suffix
        '.csv'
    """
    if not isinstance(path, str | PathLike):
        raise InvalidInputError(
            field="path",
            value=path,
            problem="is not a file path",
            allowed="a path, as text or a pathlib.Path",
        )
    resolved = Path(path)
    if "\x00" in str(resolved):
        raise InvalidInputError(
            field="path",
            value=str(resolved),
            problem="holds a NUL character, which no file name can",
            allowed="a path without NUL characters",
            suggestion=str(resolved).replace("\x00", ""),
        )
    return resolved


def format_of(path: Path, formats: Sequence[F]) -> F:
    """The format of ``path`` by its suffix, one of ``formats``, or the library's error.

    Example:
        >>> from pathlib import Path
        >>> format_of(Path("Partners.CSV"), ("json", "csv"))
        'csv'
    """
    suffix = path.suffix.lower()
    for candidate in formats:
        if suffix == f".{candidate}":
            return candidate
    allowed = [f".{candidate}" for candidate in formats]
    raise InvalidDataError(
        [
            InvalidInputError(
                field="file suffix",
                value=path.suffix or "(none)",
                problem="is not a format this file can be read or written in",
                allowed=", ".join(allowed),
                suggestion=nearest(suffix, allowed) if suffix else None,
            )
        ],
        file=str(path),
    )


def decode(data: bytes, file: str | None) -> str:
    r"""``data`` as text: UTF-8, with or without a byte order mark, or the library's error.

    Example:
        >>> decode(b"\xef\xbb\xbfname", None)
        'name'
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidDataError(
            [
                InvalidInputError(
                    field="(file)",
                    value=data[error.start : error.start + 8],
                    problem=f"is not UTF-8 text (byte {error.start})",
                    allowed="a file saved as UTF-8",
                )
            ],
            file=file,
        ) from None
