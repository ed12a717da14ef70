"""Every public name has an entry in the API reference, and every entry names one."""

from __future__ import annotations

import re
from pathlib import Path

import pharma_outsourcing

REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "reference"
ENTRY = re.compile(r"^::: pharma_outsourcing\.(\w+)$", re.MULTILINE)


def entries() -> list[str]:
    return [name for page in REFERENCE.glob("*.md") for name in ENTRY.findall(page.read_text())]


def test_every_public_name_has_one_api_entry() -> None:
    public = set(pharma_outsourcing.__all__) - {"__version__"}
    found = entries()
    assert sorted(public - set(found)) == []
    assert sorted(name for name in set(found) if found.count(name) > 1) == []


def test_every_entry_names_a_public_name() -> None:
    assert sorted(set(entries()) - set(pharma_outsourcing.__all__)) == []
