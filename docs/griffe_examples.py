"""A griffe extension: docstrings written for doctest and Sphinx habits, read as Markdown.

- The project's docstrings end with a Google-style ``Example:`` section holding a doctest.
  griffe's Google parser reads only the plural ``Examples:`` as an examples section (shown
  as highlighted code); the singular becomes an admonition whose ``>>>`` lines render as
  nested quotes. The heading is renamed before the docstring is parsed.
- Sphinx roles such as ``:func:`typical_services``` would show literally. A role naming a
  public name of the package becomes a link to its API entry; any other becomes code.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

import pharma_outsourcing

_HEADING = re.compile(r"^(\s*)Example:\s*$", re.MULTILINE)
_ROLE = re.compile(r":(?:class|func|meth|data|attr|exc|obj|mod):`~?([\w.]+)`")


def _role(match: re.Match[str]) -> str:
    name = match.group(1).removeprefix("pharma_outsourcing.")
    if "." not in name and hasattr(pharma_outsourcing, name):
        return f"[`{name}`][pharma_outsourcing.{name}]"
    return f"`{name.rsplit('.', 1)[-1] if name.count('.') > 1 else name}`"


class ExampleSections(griffe.Extension):
    """Rename ``Example:`` headings to ``Examples:`` and turn Sphinx roles into Markdown."""

    def on_instance(self, *, obj: griffe.Object, **_: Any) -> None:  # noqa: ANN401
        """Rewrite ``obj``'s docstring, if it has one."""
        if obj.docstring is not None:
            value = _HEADING.sub(r"\1Examples:", obj.docstring.value)
            obj.docstring.value = _ROLE.sub(_role, value)
