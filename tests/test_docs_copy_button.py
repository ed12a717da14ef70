"""What the site's copy button copies from a session block (``docs/copy_button.py``)."""

from __future__ import annotations

import html
import re

from hypothesis import given

from helpers import DOCS, docs_module
from strategies import pycon_sessions

copy_button = docs_module("copy_button")

FENCE = re.compile(r"^```(pycon|console)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
COPIED = re.compile(r'<div class="language-(pycon|console) highlight" data-copy="([^"]*)"')


def block(language: str, shown: str) -> str:
    """A block as Material's pipeline writes it: each line marked up, the text escaped."""
    lines = "".join(f'<span class="x">{html.escape(line)}</span>\n' for line in shown.splitlines())
    return (
        f'<p>Before.</p>\n<div class="language-{language} highlight"><pre><span></span>'
        f"<code>{lines}</code></pre></div>\n<p>After.</p>"
    )


def copied(page: str) -> list[str]:
    return [html.unescape(text) for _, text in COPIED.findall(page)]


def docs_blocks(language: str) -> list[tuple[str, str]]:
    return [
        (f"{path.relative_to(DOCS)}", text)
        for path in sorted(DOCS.rglob("*.md"))
        for found, text in FENCE.findall(path.read_text(encoding="utf-8"))
        if found == language
    ]


@given(pycon_sessions())
def test_a_python_session_copies_its_sources_alone(session: tuple[str, list[str]]) -> None:
    shown, sources = session
    assert copy_button.session_code("pycon", shown) == "".join(sources)


@given(pycon_sessions())
def test_the_page_keeps_the_block_and_adds_only_the_code_to_copy(
    session: tuple[str, list[str]],
) -> None:
    shown, sources = session
    page = block("pycon", shown)
    rendered = copy_button.on_page_content(page)
    assert copied(rendered) == ["".join(sources).rstrip("\n")]
    assert COPIED.sub('<div class="language-\\1 highlight"', rendered) == page


def test_a_traceback_and_its_message_are_not_copied() -> None:
    shown = (
        '>>> po.Phase.parse("phase 9")\n'
        "Traceback (most recent call last):\n"
        "...\n"
        "pharma_outsourcing._errors.UnknownValueError: phase: 'phase 9' is not a phase; ...\n"
        ">>> for phase in po.Phase:\n"
        "...     print(phase.label)\n"
        "discovery\n"
        "...\n"
    )
    assert copy_button.session_code("pycon", shown) == (
        'po.Phase.parse("phase 9")\nfor phase in po.Phase:\n    print(phase.label)\n'
    )


def test_a_shell_session_copies_its_commands_with_their_continuation_lines() -> None:
    shown = (
        "$ pharma-outsourcing rank examples/phase1-biotech.toml \\\n"
        "    examples/partners.csv --top 3\n"
        "1. Alder Clinical  0.81\n"
        "$ pharma-outsourcing --version\n"
        "pharma-outsourcing 0.2.0\n"
    )
    assert copy_button.session_code("console", shown) == (
        "pharma-outsourcing rank examples/phase1-biotech.toml \\\n"
        "    examples/partners.csv --top 3\n"
        "pharma-outsourcing --version\n"
    )


def test_blocks_without_prompts_are_copied_as_shown() -> None:
    page = block("console", "python -m pip install -e .\n") + block("python", "x = 1\n")
    assert copy_button.on_page_content(page) == page


def test_what_is_copied_is_escaped_in_the_attribute() -> None:
    page = block("pycon", ">>> text = \"<a & b>\"\n>>> text\n'<a & b>'\n")
    rendered = copy_button.on_page_content(page)
    assert 'data-copy="text = &quot;&lt;a &amp; b&gt;&quot;&#10;text"' in rendered
    assert copied(rendered) == ['text = "<a & b>"\ntext']


def test_every_python_session_of_the_site_copies_as_python() -> None:
    blocks = docs_blocks("pycon")
    assert len(blocks) > 50
    for page, shown in blocks:
        code = copy_button.session_code("pycon", shown)
        assert code is not None, page
        assert not re.search(r"^(>>>|\.\.\.) ", code, re.MULTILINE), page
        compile(code, page, "exec")  # a SyntaxError fails the test, naming the page


def test_every_shell_session_of_the_site_copies_commands_alone() -> None:
    blocks = [(page, shown) for page, shown in docs_blocks("console") if "$ " in shown]
    assert blocks
    for page, shown in blocks:
        code = copy_button.session_code("console", shown)
        assert code is not None, page
        commands = [line for line in code.splitlines() if not line.startswith(" ")]
        assert all(not line.startswith("$") for line in commands), page
        assert len(commands) == shown.count("\n$ ") + shown.startswith("$ "), page
