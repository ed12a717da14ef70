"""A griffe extension: the constructor signature of every attrs class, as attrs makes it.

griffe reads source code, where an attrs class has no ``__init__`` (attrs writes it when
the class is created), so mkdocstrings shows no signature for it: no parameters, no
defaults, no keyword-only marker. griffe's own dataclasses extension does this for
``@dataclass``; this one does it for attrs, from the class attrs built rather than from
the decorator's arguments, so what the page shows is the constructor a user calls:

- the parameters in attrs' order, with their kind (``*`` before keyword-only ones), and
  without the fields that are not set in ``__init__`` (``init=False``);
- each parameter's annotation as attrs writes it: the type a converter accepts
  (``Iterable[Service]``) rather than the type stored (``frozenset[Service]``), its names
  resolved where they were written, so they link to their API entries;
- each default as a reader would write it: ``None``, ``3``, ``Phase.COMMERCIAL``, an empty
  ``frozenset()``, ``()`` or ``{}`` from a factory, and ``...`` for a default computed from
  the other fields (the attribute's description says how), as in a stub file.
"""

from __future__ import annotations

import ast
import enum
import inspect
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import griffe

_LITERALS = (type(None), bool, int, float, str)
_COMPUTED = "..."  # a stub file's "has a default, not shown"
_FACTORY: type[Any] = type(attrs.Factory(frozenset))  # attrs' stubs type Factory as a function


def _classes(module: griffe.Module | griffe.Class) -> Iterator[griffe.Class]:
    """Every class defined in ``module`` (not imported into it), nested ones included."""
    for member in module.members.values():
        if member.is_alias:
            continue
        if isinstance(member, griffe.Module | griffe.Class):
            if isinstance(member, griffe.Class):
                yield member
            yield from _classes(member)


def _expression(text: str, parent: griffe.Module | griffe.Class) -> str | griffe.Expr:
    """``text`` (Python source) as a griffe expression whose names resolve in ``parent``."""
    try:
        node = ast.parse(text, mode="eval").body
    except SyntaxError:
        return text
    return griffe.safe_get_expression(node, parent=parent) or text


def _module(cls: griffe.Class, name: str | None) -> griffe.Module | griffe.Class:
    """The loaded module called ``name``, or ``cls`` when there is none."""
    try:
        module = cls.modules_collection[name] if name else None
    except KeyError:
        return cls
    return module if isinstance(module, griffe.Module) else cls


def _scope(field: attrs.Attribute[Any], cls: griffe.Class) -> griffe.Module | griffe.Class:
    """Where the field's ``__init__`` annotation was written: its converter's module, if any.

    attrs annotates a converted field with the type of the converter's first parameter, so
    the annotation's names are those of the converter's module.
    """
    if field.converter is None:
        return cls
    function = getattr(field.converter, "converter", field.converter)  # attrs.Converter
    return _module(cls, getattr(function, "__module__", None))


def _default(field: attrs.Attribute[Any], cls: griffe.Class) -> str | griffe.Expr | None:
    """The parameter's default as shown in the signature; ``None`` when it is required."""
    default = field.default
    if default is attrs.NOTHING:
        return None
    if isinstance(default, _FACTORY):
        if default.takes_self:
            return _COMPUTED
        default = default.factory()
    return _value(default, cls)


def _value(value: object, cls: griffe.Class) -> str | griffe.Expr:
    """A default value as source text: a literal, an enum member, an empty collection."""
    if isinstance(value, enum.Enum):
        owner = type(value)
        return _expression(f"{owner.__qualname__}.{value.name}", _module(cls, owner.__module__))
    if isinstance(value, _LITERALS):
        return repr(value)
    if isinstance(value, frozenset | tuple | list | Mapping) and not value:
        return {frozenset: "frozenset()", tuple: "()", list: "[]"}.get(type(value), "{}")
    return _COMPUTED


def _parameters(runtime: type, cls: griffe.Class) -> list[griffe.Parameter] | None:
    """The parameters of ``runtime``'s attrs ``__init__`` (``self`` first), for griffe.

    ``None`` when its ``__init__`` is not the one attrs writes (``init=False``, or a
    constructor of the class's own, which griffe reads from the source as for any class).
    """
    fields = {field.alias: field for field in attrs.fields(runtime) if field.init}
    try:
        signature = inspect.signature(runtime)
    except (TypeError, ValueError):  # no signature Python can give
        return None
    if list(signature.parameters) != list(fields):
        return None
    parameters = [griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)]
    for name, parameter in signature.parameters.items():
        field = fields[name]
        annotation = parameter.annotation
        if annotation is inspect.Parameter.empty:
            shown: str | griffe.Expr | None = None
        elif isinstance(annotation, str):
            shown = _expression(annotation, _scope(field, cls))
        else:
            shown = inspect.formatannotation(annotation)
        parameters.append(
            griffe.Parameter(
                name,
                annotation=shown,
                kind=griffe.ParameterKind(parameter.kind.description),
                default=_default(field, cls),
            )
        )
    return parameters


class AttrsSignatures(griffe.Extension):
    """Give every attrs class of the package the ``__init__`` attrs generates for it."""

    def on_package(self, *, pkg: griffe.Module, **_: Any) -> None:  # noqa: ANN401
        """Add an ``__init__`` to each attrs class of ``pkg`` that does not define one."""
        for cls in _classes(pkg):
            if "__init__" in cls.members:
                continue
            try:
                runtime = griffe.dynamic_import(cls.path)
            except ImportError:
                continue
            if not (isinstance(runtime, type) and attrs.has(runtime)):
                continue
            parameters = _parameters(runtime, cls)
            if parameters is None:
                continue
            init = griffe.Function(
                "__init__",
                lineno=cls.lineno,
                endlineno=cls.lineno,
                parent=cls,
                parameters=griffe.Parameters(*parameters),
                returns="None",
            )
            cls.set_member("__init__", init)
