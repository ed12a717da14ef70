"""A griffe extension: read ``Example:`` docstring sections as examples, not admonitions.

The project's docstrings end with a Google-style ``Example:`` section holding a doctest.
griffe's Google parser reads only the plural ``Examples:`` as an examples section (shown as
highlighted code); the singular becomes an admonition whose ``>>>`` lines render as nested
quotes. This extension renames the heading before the docstring is parsed.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_HEADING = re.compile(r"^(\s*)Example:\s*$", re.MULTILINE)


class ExampleSections(griffe.Extension):
    """Rename ``Example:`` section headings to ``Examples:`` in every docstring."""

    def on_instance(self, *, obj: griffe.Object, **_: Any) -> None:  # noqa: ANN401
        """Rewrite the heading of ``obj``'s docstring, if it has one."""
        if obj.docstring is not None:
            obj.docstring.value = _HEADING.sub(r"\1Examples:", obj.docstring.value)
