"""Writing TOML: Python reads TOML (``tomllib``) but does not write it.

Plain data as the converter writes it (objects, lists, text, numbers, booleans) is all
there is to write, so a small writer does the job: top-level keys, ``[[partners]]``
tables for partner lists, inline tables for nested records.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping

__all__ = ["document", "tables"]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _string(text: str) -> str:
    # JSON's escapes are valid in TOML basic strings; DEL must be escaped in TOML only.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(key)} = {_value(item)}" for key, item in value.items()) + "}"
    message = f"no TOML form for {type(value).__name__}"  # pragma: no cover - plain data only
    raise TypeError(message)  # pragma: no cover


def document(data: Mapping[str, object]) -> str:
    """A TOML document of top-level keys.

    Example:
        >>> print(document({"phase": "phase-1", "in_house": ["a"]}), end="")
        phase = "phase-1"
        in_house = ["a"]
    """
    return "".join(f"{_key(key)} = {_value(value)}\n" for key, value in data.items())


def tables(name: str, records: Iterable[Mapping[str, object]]) -> str:
    """An array of tables (``[[name]]``), one per record; ``name = []`` when there are none.

    Example:
        >>> print(tables("partners", [{"name": "A"}, {"name": "B"}]), end="")
        [[partners]]
        name = "A"
        <BLANKLINE>
        [[partners]]
        name = "B"
    """
    written = [f"[[{name}]]\n" + document(record) for record in records]
    return "\n".join(written) if written else f"{name} = []\n"
