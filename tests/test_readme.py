"""The README's short example runs, and prints what its comments say."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
_PRINTED = re.compile(r"^print\((?P<expression>.+)\)\s+# (?P<expected>.+)$")


def test_the_short_example_prints_what_its_comments_say() -> None:
    text = README.read_text(encoding="utf-8")
    (block,) = re.findall(r"## A short example\s+```python\n(.*?)```", text, flags=re.S)
    namespace: dict[str, object] = {}
    pending: list[str] = []
    checked = 0
    for line in [*block.splitlines(), ""]:
        found = _PRINTED.match(line)
        if found is None:
            pending.append(line)
            continue
        with contextlib.redirect_stdout(io.StringIO()):
            exec("\n".join(pending), namespace)  # the README's own code
        pending = []
        value = eval(found["expression"], namespace)  # the README's own code
        assert repr(value) == found["expected"], line
        checked += 1
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        exec("\n".join(pending), namespace)  # the rest of the example
    assert checked >= 2
    assert printed.getvalue().startswith("- ")
