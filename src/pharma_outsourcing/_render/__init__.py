"""The rendering layer: HTML, Markdown and notebook displays, and the CLI's text layout.

Imported on first display only: a value object imports its renderer inside
``_repr_html_``/``_repr_markdown_``, and the renderers import the real types.
"""
