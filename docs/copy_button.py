"""MkDocs hook: the copy button of a session copies the code, not the prompts and output.

The site's examples are sessions, since they run as tests: ```` ```pycon ```` blocks are
doctests (``>>>`` prompts, then what Python prints) and ```` ```console ```` blocks are
shell sessions (``$`` prompts, then what the command prints). Material's copy button copies
a block's text as shown; pasted into Python or a shell, the prompts and output fail.

When an element around the code has a ``data-copy`` attribute, Material's button copies
that instead of the text shown (since Material 9.4.4; its documentation stopped showing it
because the attribute is hard to write by hand in Markdown). :func:`on_page_content` gives
each session block that attribute after the page is rendered, so nothing is written by
hand and no Markdown escaping is involved; a theme that ignores it copies the block as
shown, as before:

- a Python session: the source of each example, without prompts or output (the doctest
  parser's reading, the one the tests use), so the copy runs as a script or in a notebook;
- a shell session: each command without its ``$``, with the lines it continues onto;
- any other block is copied as shown.
"""

from __future__ import annotations

import doctest
import html
import re

_BLOCK = re.compile(
    r'<div class="language-(?P<language>pycon|console) highlight"(?P<rest>>.*?<code>'
    r"(?P<code>.*?)</code></pre></div>)",
    re.DOTALL,
)
_TAG = re.compile(r"<[^>]+>")
_PARSER = doctest.DocTestParser()


def session_code(language: str, shown: str) -> str | None:
    r"""The code of a ``pycon`` or ``console`` session ``shown`` as text; ``None`` if none.

    >>> session_code("pycon", ">>> x = [\n...     1,\n... ]\n>>> x\n[1]\n")
    'x = [\n    1,\n]\nx\n'
    >>> session_code("console", "$ pharma-outsourcing --help\nusage: ...\n")
    'pharma-outsourcing --help\n'
    >>> session_code("console", "python -m pip install -e .\n") is None  # no prompt
    True
    """
    if language == "pycon":
        sources = [example.source for example in _PARSER.get_examples(shown)]
    else:
        sources = []
        continued = False
        for line in shown.splitlines():
            if line.startswith("$ ") or continued:
                sources.append(line.removeprefix("$ ") + "\n")
                continued = line.endswith("\\")
    return "".join(sources) or None


def on_page_content(html_text: str, **_: object) -> str:
    """Give each session block a ``data-copy`` attribute holding only its code."""

    def attribute(match: re.Match[str]) -> str:
        shown = html.unescape(_TAG.sub("", match.group("code")))
        code = session_code(match.group("language"), shown)
        if code is None:
            return match.group(0)
        copy = html.escape(code.rstrip("\n"), quote=True).replace("\n", "&#10;")
        return (
            f'<div class="language-{match.group("language")} highlight" data-copy="{copy}"'
            f"{match.group('rest')}"
        )

    return _BLOCK.sub(attribute, html_text)
