"""Run every code example on the documentation site (``docs/**/*.md``) as a test (Sybil).

- ```pycon blocks (``>>>`` sessions) run as doctests;
- ```python blocks run as code; the names they define stay for the page's later blocks;
- ```console blocks run each ``$ pharma-outsourcing ...`` line as the command line
  (``python -m pharma_outsourcing``) and compare its output, with ``...`` as a wildcard;
  the command must exit with status 0, or with N when its output ends with a line
  ``[exit status N]``;
- ``<!-- skip: start if(not installed("jsonschema"), reason="...") -->`` skips examples
  that need an optional package which is not installed.

Examples run from the repository root, so paths such as ``examples/phase1-biotech.toml``
read as they do for a reader in a checkout.
"""

from __future__ import annotations

import doctest
import importlib.util
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from sybil import Document, Example, Region, Sybil
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.markdown import CodeBlockParser, PythonCodeBlockParser, SkipParser

# Build-time helpers, imported by MkDocs (and needing the docs extra), not test modules.
collect_ignore = [
    "docs/hooks.py",
    "docs/griffe_examples.py",
    "docs/griffe_attrs.py",
    "docs/notebooks/execute.py",
]

ROOT = Path(__file__).resolve().parent
_STATUS = re.compile(r"\[exit status (\d+)\]")
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def installed(module: str) -> bool:
    """Whether ``module`` can be imported (for examples that need an optional package)."""
    return importlib.util.find_spec(module) is not None


class PyconParser(PythonCodeBlockParser):
    """Doctest sessions fenced as ```pycon (highlighted as a console session)."""

    def __init__(self) -> None:
        super().__init__(doctest_optionflags=FLAGS)
        self.codeblock_parser = CodeBlockParser("pycon", PythonEvaluator(()))


class ConsoleParser(CodeBlockParser):
    """```console blocks: ``$ pharma-outsourcing ARGS`` and the output it prints."""

    language = "console"

    def __call__(self, document: Document) -> Iterable[Region]:
        """The console blocks that run this package's command line."""
        for region in super().__call__(document):
            if str(region.parsed).lstrip().startswith("$ pharma-outsourcing"):
                yield region

    def evaluate(self, example: Example) -> str | None:
        """Run each command of the block and compare what it prints."""
        commands: list[tuple[str, list[str]]] = []
        for line in str(example.parsed).splitlines():
            if line.startswith("$ "):
                commands.append((line[2:], []))
            elif commands:
                commands[-1][1].append(line)
        checker = doctest.OutputChecker()
        for command, expected in commands:
            words = shlex.split(command)
            result = subprocess.run(
                [sys.executable, "-m", "pharma_outsourcing", *words[1:]],
                capture_output=True,
                text=True,
                cwd=ROOT,
                check=False,
                # The pages show 100-column output (readline, once imported, exports
                # COLUMNS=80 to every child process when there is no terminal).
                env={**os.environ, "COLUMNS": "100"},
            )
            got = result.stdout + result.stderr
            status = _STATUS.fullmatch(expected[-1]) if expected else None
            printed = expected[:-1] if status is not None else expected
            if result.returncode != (int(status.group(1)) if status else 0):
                return f"$ {command}\nexited with status {result.returncode}:\n{got}"
            want = "\n".join(printed).strip() + "\n"
            if not checker.check_output(want, got.strip() + "\n", FLAGS):
                return f"$ {command}\nexpected:\n{want}got:\n{got}"
        return None


def _setup(namespace: dict[str, object]) -> None:
    namespace["installed"] = installed
    namespace["_previous_cwd"] = Path.cwd()
    os.chdir(ROOT)


def _teardown(namespace: dict[str, object]) -> None:
    previous = namespace.get("_previous_cwd")
    if isinstance(previous, Path):
        os.chdir(previous)


pytest_collect_file = Sybil(
    parsers=[
        SkipParser(),
        PythonCodeBlockParser(doctest_optionflags=FLAGS),
        PyconParser(),
        ConsoleParser(),
    ],
    path="docs",
    patterns=["*.md"],
    setup=_setup,
    teardown=_teardown,
).pytest()
