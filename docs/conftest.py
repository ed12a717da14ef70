"""Run every code example on the documentation site as a test (Sybil).

- ```pycon blocks (``>>>`` sessions) run as doctests;
- ```python blocks run as code; the names they define stay for the page's later blocks;
- ```console blocks run each ``$ pharma-outsourcing ...`` line as the command line
  (``python -m pharma_outsourcing``) and compare its output, with ``...`` as a wildcard;
- ``<!-- skip: start if(not available("rank"), reason="...") -->`` skips examples whose
  functions are not in the package yet (they run as soon as the names exist).

Examples run from the repository root, so paths such as ``examples/phase1-biotech.toml``
read as they do for a reader in a checkout.
"""

from __future__ import annotations

import doctest
import os
import shlex
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from sybil import Document, Example, Region, Sybil
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.markdown import CodeBlockParser, PythonCodeBlockParser, SkipParser

import pharma_outsourcing

ROOT = Path(__file__).resolve().parent.parent
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def available(*names: str) -> bool:
    """Whether the package exports every one of ``names`` (for conditional skips)."""
    return all(hasattr(pharma_outsourcing, name) for name in names)


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
            )
            got = result.stdout + result.stderr
            want = "\n".join(expected).strip() + "\n"
            if not checker.check_output(want, got.strip() + "\n", FLAGS):
                return f"$ {command}\nexpected:\n{want}got:\n{got}"
        return None


def _setup(namespace: dict[str, object]) -> None:
    namespace["available"] = available
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
    patterns=["*.md"],
    setup=_setup,
    teardown=_teardown,
).pytest()
