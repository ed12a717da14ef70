"""Serialisation: the one converter, and the files it reads and writes.

``converter`` turns every value object into plain data and back; ``files`` reads and
writes profiles and partner lists as JSON, TOML and CSV (``csv`` reads a cell by its
field's type, ``toml`` writes TOML); ``schema`` gives the JSON Schema of the plain data.
"""
