"""JSON Schema for the library's value objects, generated from their attrs fields.

Web forms and other tools can validate data with it before calling the library. The
schema says what the converter writes: canonical enum values (the converter also reads
the aliases that ``parse`` accepts), lists for sets, objects for nested records, dates as
``YYYY-MM-DD`` text (``format: date``), no unknown keys (nor the one-value keys of 0.1
profiles, which the converter still reads). Ranges come from a field's
``metadata["json_schema"]``; descriptions from the ``Attributes:`` section of the class
docstring. Rules across fields (a horizon not
before the phase, services within a partner's type) are checked by the library only.
"""

from __future__ import annotations

import datetime
import enum
import inspect
import re
import types
import typing
from collections.abc import Mapping, Sequence, Set
from typing import Any, get_args, get_origin

import attrs

from .._errors import InvalidInputError
from .._fields import non_empty_text
from .._frozenmap import FrozenMap

__all__ = ["SCHEMA_METADATA", "json_schema"]

SCHEMA_METADATA = "json_schema"
"""The key of an attrs field's metadata whose mapping is merged into its schema."""

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_ENTRY = re.compile(r"^ {4}(\w+): (.*)$")
_ROLE = re.compile(r":\w+:`~?([^`]+)`")


def _plain(text: str) -> str:
    """Docstring markup to plain text: ``:func:`x``` and double backquotes dropped."""
    return _ROLE.sub(r"\1", text).replace("``", "")


def _descriptions(cls: type) -> dict[str, str]:
    """Field descriptions from the ``Attributes:`` section of ``cls``'s docstring."""
    doc = inspect.getdoc(cls) or ""
    found: dict[str, str] = {}
    current: str | None = None
    in_section = False
    for line in doc.splitlines():
        if line.strip() == "Attributes:":
            in_section = True
            continue
        if not in_section:
            continue
        if line and not line.startswith(" "):
            break
        entry = _ENTRY.match(line)
        if entry:
            current = entry.group(1)
            found[current] = entry.group(2).strip()
        elif current is not None and line.strip():
            found[current] += " " + line.strip()
    return {name: _plain(text) for name, text in found.items()}


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, object]] = {}

    def schema(self, field_type: Any) -> dict[str, object]:  # noqa: ANN401, PLR0911 - any annotation
        simple: dict[object, dict[str, object]] = {
            str: {"type": "string"},
            bool: {"type": "boolean"},
            int: {"type": "integer"},
            float: {"type": "number"},
            datetime.date: {"type": "string", "format": "date"},
        }
        if field_type in simple:
            return dict(simple[field_type])
        if isinstance(field_type, type) and issubclass(field_type, enum.Enum):
            return {"enum": [member.value for member in field_type]}
        if isinstance(field_type, type) and attrs.has(field_type):
            self.define(field_type)
            return {"$ref": f"#/$defs/{field_type.__name__}"}
        origin = get_origin(field_type)
        args = get_args(field_type)
        if origin in (typing.Union, types.UnionType):
            rest = [arg for arg in args if arg is not type(None)]
            options = [self.schema(arg) for arg in rest]
            if type(None) in args:
                options.append({"type": "null"})
            return options[0] if len(options) == 1 else {"anyOf": options}
        if origin in (frozenset, set, Set):
            return {"type": "array", "items": self.schema(args[0]), "uniqueItems": True}
        if origin in (tuple, list, Sequence):
            return {"type": "array", "items": self.schema(args[0])}
        if origin in (dict, Mapping, FrozenMap):
            keys = self.schema(args[0])
            return {
                "type": "object",
                "propertyNames": keys,
                "additionalProperties": self.schema(args[1]),
            }
        return {}

    def define(self, cls: type) -> dict[str, object]:
        name = cls.__name__
        if name in self.defs:
            return self.defs[name]
        attrs.resolve_types(cls)
        described = _descriptions(cls)
        properties: dict[str, object] = {}
        required: list[str] = []
        body: dict[str, object] = {
            "type": "object",
            "title": name,
            "description": _plain((inspect.getdoc(cls) or name).split("\n\n")[0]),
            "properties": properties,
            "additionalProperties": False,
        }
        self.defs[name] = body
        for field in attrs.fields(cls):
            if not field.init:
                continue
            # None is written by leaving the field out, so a field never holds null.
            inner = field.type
            if get_origin(inner) in (typing.Union, types.UnionType):
                rest = [arg for arg in get_args(inner) if arg is not type(None)]
                inner = rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]  # noqa: UP007
            schema = self.schema(inner)
            if field.validator is non_empty_text:  # text fields have it alone
                schema |= {"minLength": 1, "pattern": r"\S"}
            schema |= dict(field.metadata.get(SCHEMA_METADATA, {}))
            if field.name in described:
                schema["description"] = described[field.name]
            properties[field.name] = schema
            if field.default is attrs.NOTHING and field.type is inner:
                required.append(field.name)
        if required:
            body["required"] = required
        return body


def json_schema(cls: type) -> dict[str, object]:
    """The JSON Schema (draft 2020-12) of the plain data for a value object class.

    Args:
        cls: An attrs value object class, such as :class:`~pharma_outsourcing.Partner`
            or :class:`~pharma_outsourcing.SponsorProfile`.

    Raises:
        InvalidInputError: ``cls`` is not an attrs class.

    Example:
        >>> from pharma_outsourcing import SponsorProfile, json_schema
        >>> schema = json_schema(SponsorProfile)
        >>> schema["required"], schema["properties"]["phase"]["enum"][:2]
        (['phase'], ['discovery', 'preclinical'])
    """
    if not attrs.has(cls):
        raise InvalidInputError(
            field="cls",
            value=cls,
            problem="is not a value object class",
            allowed="an attrs class such as Partner or SponsorProfile",
        )
    builder = _Builder()
    top = dict(builder.define(cls))
    defs = {name: body for name, body in builder.defs.items() if name != cls.__name__}
    schema: dict[str, object] = {"$schema": _DIALECT, **top}
    if defs:
        schema["$defs"] = defs
    return schema
