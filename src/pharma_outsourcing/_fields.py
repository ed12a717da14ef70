"""Field helpers for the value objects: attrs validators and field converters.

Validators raise the library's own errors, naming the field at fault. Converters are
small and concretely typed (the mypy attrs plugin types a constructor's parameters from
a converter's signature and cannot see through generic ones), so users can pass any
iterable (a set, a list) and the type checker knows what it must hold. Where a field
holds a vocabulary member, its converter also takes a text ``parse`` reads
(:func:`member`): ``Partner(organisation_type="cro")``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from enum import Enum, StrEnum
from typing import Any, TypeVar

import attrs

from ._errors import InvalidInputError, PharmaOutsourcingError
from ._services import Capability, Framework, Service, ServiceCategory
from ._vocabulary import (
    Criterion,
    DosageForm,
    Market,
    Modality,
    OrganisationType,
    Phase,
    Regulator,
    TherapeuticArea,
    Vocabulary,
)

__all__ = [
    "as_tuple",
    "boolean",
    "capabilities",
    "checked",
    "checked_all",
    "criterion",
    "dosage_forms",
    "expect_mapping",
    "fei_number",
    "framework",
    "freeze",
    "instance_of",
    "markets",
    "member",
    "member_of",
    "members",
    "members_of",
    "modalities",
    "non_empty_text",
    "optional_criterion",
    "optional_markets",
    "optional_member_of",
    "optional_organisation_types",
    "optional_services",
    "optional_text",
    "optional_therapeutic_area",
    "organisation_type",
    "organisation_types",
    "phase",
    "phase_sequence",
    "phases",
    "rating",
    "regulator",
    "sequence",
    "sequence_of",
    "service_category",
    "services",
    "texts",
    "therapeutic_areas",
    "tuple_of",
    "unicode_problem",
    "unit_number",
    "unit_score",
    "with_article",
]

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]
T = TypeVar("T")


def freeze(value: Iterable[T]) -> frozenset[T]:
    """Convert a collection field's value to a frozenset.

    A lone text is kept whole, as the one item (not split into characters).
    """
    if isinstance(value, frozenset):
        return value
    if isinstance(value, str):
        return frozenset((value,))  # type: ignore[arg-type]  # refused by the validator
    if not isinstance(value, Iterable):  # untyped callers may pass anything
        return value  # type: ignore[unreachable]  # left for the validator to refuse
    return frozenset(value)


def as_tuple(value: Iterable[T]) -> tuple[T, ...]:
    """Convert a sequence field's value to a tuple (a non-collection is left as it is).

    Generic, so attrs fields use it through a small, concretely typed converter.
    """
    if isinstance(value, tuple):
        return value
    if isinstance(value, str):
        return value  # type: ignore[return-value]  # refused by the validator
    try:
        return tuple(value)
    except TypeError:
        return value  # type: ignore[return-value]


def boolean(*, optional: bool = False) -> Validator:
    """Validate that a field holds a real boolean (or ``None`` when ``optional``)."""
    allowed = "true, false, or nothing (no preference)" if optional else "true or false"

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, bool) and not (optional and value is None):
            raise InvalidInputError(
                field=attribute.name, value=value, problem="is not a boolean", allowed=allowed
            )

    return check


def _not_a_member(field: str, value: object, enum: type[StrEnum]) -> InvalidInputError:
    """The error for ``value`` given where a member of ``enum`` is expected.

    A text is refused with ``parse``'s own error (the field converters have parsed every
    text ``parse`` reads), which names the nearest value.
    """
    allowed = ", ".join(member.value for member in enum)
    if isinstance(value, Enum):  # a member of another vocabulary
        return InvalidInputError(
            field=field,
            value=value,
            problem=f"is {with_article(type(value).__name__)}, not {with_article(enum.__name__)}",
            allowed=allowed,
        )
    if isinstance(value, str):
        try:
            member = enum.parse(value, field=field)  # type: ignore[attr-defined]
        except InvalidInputError as error:
            return error
        return InvalidInputError(  # a text a field converter would have read
            field=field,
            value=value,
            problem=f"is text, not a {enum.__name__}",
            allowed=allowed,
            suggestion=f"{enum.__name__}.{member.name}",
        )
    return InvalidInputError(
        field=field, value=value, problem=f"is not a {enum.__name__}", allowed=allowed
    )


def member_of(enum: type[StrEnum]) -> Validator:
    """Validate that a field holds a member of ``enum``."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, enum):
            raise _not_a_member(attribute.name, value, enum)

    return check


def optional_member_of(enum: type[StrEnum]) -> Validator:
    """Validate that a field holds ``None`` or a member of ``enum``."""
    required = member_of(enum)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            required(instance, attribute, value)

    return check


def members_of(enum: type[StrEnum]) -> Validator:
    """Validate that a field holds a frozenset of members of ``enum``."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, frozenset):
            raise InvalidInputError(
                field=attribute.name,
                value=value,
                problem=_not_a_set(value),
                allowed=f"a set of {enum.__name__} values",
                suggestion=_one_member_set(value, enum),
            )
        for item in value:  # members of an enum are of its type exactly
            if type(item) is not enum:
                break
        else:
            return
        for item in value:
            if not isinstance(item, enum):
                raise _not_a_member(attribute.name, item, enum)

    return check


def sequence_of(enum: type[StrEnum]) -> Validator:
    """Validate that a field holds a tuple of members of ``enum`` (in an order that matters).

    A member at fault is named by its position, as ``pathway[1]``.
    """

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            raise InvalidInputError(
                field=attribute.name,
                value=value,
                problem="is text, not a sequence"
                if isinstance(value, str)
                else "is not a sequence",
                allowed=f"a sequence (a tuple or a list) of {enum.__name__} values",
                suggestion=_one_member_tuple(value, enum),
            )
        for index, item in enumerate(value):
            if not isinstance(item, enum):
                raise _not_a_member(f"{attribute.name}[{index}]", item, enum)

    return check


def _not_a_set(value: object) -> str:
    """What a value given for a set is instead: one member, a text, or something else."""
    if isinstance(value, Enum):
        return f"is one {type(value).__name__}, not a set"
    return "is text, not a set" if isinstance(value, str) else "is not a set"


def _one_member_set(value: object, enum: type[StrEnum]) -> str | None:
    """``{'phase-2'}`` for a text naming one member of ``enum``, else ``None``."""
    if not isinstance(value, str):
        return None
    try:
        member = enum.parse(value)  # type: ignore[attr-defined]
    except PharmaOutsourcingError:
        return None
    return f"{{{member.value!r}}}"


def _one_member_tuple(value: object, enum: type[StrEnum]) -> str | None:
    """``(Phase.PHASE_2,)`` for a text naming one member of ``enum``, else ``None``."""
    if not isinstance(value, str):
        return None
    try:
        member = enum.parse(value)  # type: ignore[attr-defined]
    except PharmaOutsourcingError:
        return None
    return f"({enum.__name__}.{member.name},)"


def tuple_of(cls: type) -> Validator:
    """Validate that a field holds a tuple of ``cls`` instances."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            raise InvalidInputError(
                field=attribute.name,
                value=value,
                problem="is not a tuple",
                allowed=f"a tuple of {cls.__name__}",
            )
        for index, item in enumerate(value):
            if not isinstance(item, cls):
                raise InvalidInputError(
                    field=f"{attribute.name}[{index}]",
                    value=item,
                    problem=f"is not a {cls.__name__}",
                    allowed=f"a {cls.__name__}",
                )

    return check


def unicode_problem(field: str, text: str) -> InvalidInputError | None:
    """The problem with ``text`` if it holds a lone surrogate, which no file can store.

    A lone surrogate (half of a character, such as ``chr(0xD800)``) is a valid escape in
    JSON and in Python, but not Unicode text: writing it fails.

    Example:
        >>> unicode_problem("name", "Société") is None
        True
        >>> unicode_problem("name", "A" + chr(0xD800)).problem
        'holds a lone surrogate at position 1, which is not Unicode text'
    """
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return InvalidInputError(
            field=field,
            value=text,
            problem=f"holds a lone surrogate at position {error.start}, which is not Unicode text",
            allowed="Unicode text (a lone surrogate is half of a character)",
        )
    return None


def non_empty_text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate that a field holds Unicode text with something other than whitespace."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(
            field=attribute.name,
            value=value,
            problem="is not a non-empty text",
            allowed="a non-empty text",
        )
    problem = unicode_problem(attribute.name, value)
    if problem is not None:
        raise problem


def optional_text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate that a field holds ``None`` or Unicode text."""
    if value is None:
        return
    if not isinstance(value, str):
        raise InvalidInputError(
            field=attribute.name, value=value, problem="is not text", allowed="a text"
        )
    problem = unicode_problem(attribute.name, value)
    if problem is not None:
        raise problem


def fei_number(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate an FDA Establishment Identifier: a text of ASCII digits, zeros kept."""
    if not isinstance(value, str) or not value.isascii() or not value.isdigit():
        digits = "".join(c for c in str(value) if c.isascii() and c.isdigit())
        raise InvalidInputError(
            field=attribute.name,
            value=value,
            problem="is not an FEI number",
            allowed="an FDA Establishment Identifier: a text of digits, such as "
            "'3001234567' (leading zeros kept as given)",
            suggestion=digits or None,
        )


def rating(low: float, high: float) -> Validator:
    """Validate that a field holds ``None`` or a finite number from ``low`` to ``high``."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or not low <= value <= high
        ):
            raise InvalidInputError(
                field=attribute.name,
                value=value,
                problem=(
                    "is out of range"
                    if isinstance(value, int | float) and not isinstance(value, bool)
                    else "is not a number"
                ),
                allowed=f"a number from {low:g} to {high:g}, or nothing (not assessed)",
                suggestion=_clamped(value, low, high),
            )

    # A decoder takes only finite numbers, and an integer as the float it equals.
    return check


def unit_number(field: str, value: object) -> None:
    """Refuse ``value`` unless it is a number from 0 to 1 (``nan`` is not).

    Example:
        >>> unit_number("score", 1.5)
        Traceback (most recent call last):
        ...
        pharma_outsourcing._errors.InvalidInputError: score: 1.5 is not a number from 0 to 1; ...
    """
    if type(value) is float and 0.0 <= value <= 1.0:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise InvalidInputError(
            field=field, value=value, problem="is not a number from 0 to 1", allowed="0 to 1"
        )


def unit_score(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate that a field holds a number from 0 to 1 (a score, a share, a similarity)."""
    if type(value) is not float or not 0.0 <= value <= 1.0:
        unit_number(attribute.name, value)


def with_article(noun: str) -> str:
    """``noun`` with ``a`` or ``an`` before it, by its first letter.

    Example:
        >>> with_article("Inspection"), with_article("int"), with_article("Partner")
        ('an Inspection', 'an int', 'a Partner')
    """
    return f"{'an' if noun[:1].casefold() in tuple('aeiou') else 'a'} {noun}"


def checked(value: object, cls: type[T], field: str) -> T:
    """``value``, checked to be a ``cls``: a public function's argument, at the boundary.

    Example:
        >>> checked(3, str, "name")
        Traceback (most recent call last):
        ...
        pharma_outsourcing._errors.InvalidInputError: name: 3 is an int, not a str; allowed: a str
    """
    if isinstance(value, cls):
        return value
    raise InvalidInputError(
        field=field,
        value=value,
        problem=(
            f"is not {with_article(cls.__name__)}"
            if value is None
            else f"is {with_article(type(value).__name__)}, not {with_article(cls.__name__)}"
        ),
        allowed=with_article(cls.__name__),
    )


def checked_all(values: object, cls: type[T], field: str) -> tuple[T, ...]:
    """``values`` as a tuple, each checked to be a ``cls`` (a text is not a collection).

    Example:
        >>> checked_all([1, 2], int, "numbers")
        (1, 2)
        >>> checked_all([1, "a"], int, "numbers")
        Traceback (most recent call last):
        ...
        pharma_outsourcing._errors.InvalidInputError: numbers[1]: 'a' is a str, not an int; ...
    """
    if isinstance(values, str | bytes | Mapping | cls) or not isinstance(values, Iterable):
        raise InvalidInputError(
            field=field,
            value=values,
            problem=f"is not a collection of {field}",
            allowed=f"a list of {cls.__name__} objects",
        )
    items = tuple(values)
    for index, item in enumerate(items):
        checked(item, cls, f"{field}[{index}]")
    return items


def expect_mapping(value: object, *, field: str, allowed: str) -> Mapping[Any, Any]:
    """``value``, refused with the library's error unless it is a mapping.

    Example:
        >>> expect_mapping({"a": 1}, field="weights", allowed="a mapping")
        {'a': 1}
        >>> expect_mapping([1], field="weights", allowed="criteria to numbers")
        Traceback (most recent call last):
        ...
        pharma_outsourcing._errors.InvalidInputError: weights: [1] is not a mapping; ...
    """
    if not isinstance(value, Mapping):
        raise InvalidInputError(
            field=field, value=value, problem="is not a mapping", allowed=allowed
        )
    return value


def instance_of(cls: type) -> Validator:
    """Validate that a field holds an instance of ``cls`` (attrs' own raises TypeError)."""
    name = with_article(cls.__name__)

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls):
            raise InvalidInputError(
                field=attribute.name, value=value, problem=f"is not {name}", allowed=name
            )

    return check


def _clamped(value: object, low: float, high: float) -> str | None:
    """The nearest end of ``low``-``high`` for a number outside it, as text."""
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        return None
    return f"{min(max(value, low), high):g}"


# --- field converters ---------------------------------------------------------------
#
# A field that holds a vocabulary member takes the member, or a text its ``parse`` reads
# (``Partner(organisation_type="cro")``, ``services={"API production"}``): converted here,
# before the field's validator runs. A text ``parse`` refuses, and anything else, is left
# as it is for the validator, which refuses it naming the field (a typo gets parse's error,
# with the nearest value). The typed converters below, one per vocabulary, are what attrs
# fields name (the mypy attrs plugin types a constructor's parameter from a named
# converter's signature, so users still see the enum types, and texts).

V = TypeVar("V", bound=Vocabulary)


def member(vocabulary: type[V], value: V | str) -> V:
    """``value`` as a member of ``vocabulary``: a member as it is, a text by its ``parse``.

    What is neither (a number, a member of another vocabulary) and a text ``parse`` refuses
    are left as they are, for the field's validator to refuse by the field's name.

    Example:
        >>> member(Phase, "Phase II"), member(Phase, Phase.PHASE_1)
        (<Phase.PHASE_2: 'phase-2'>, <Phase.PHASE_1: 'phase-1'>)
        >>> member(Phase, "phase 9")  # left for the validator
        'phase 9'
    """
    if type(value) is vocabulary:
        return value
    if not isinstance(value, Enum):  # parse refuses what is not text
        try:
            return vocabulary.parse(value)
        except PharmaOutsourcingError:
            pass
    return value  # type: ignore[return-value]  # refused by the field's validator


def members(vocabulary: type[V], value: Iterable[V | str]) -> frozenset[V]:
    """A collection of members or texts (see :func:`member`) as a frozenset of members.

    A lone text is not a collection (nor split into letters): it is left for the field's
    validator to refuse, as is anything that is not a collection.

    Example:
        >>> members(Market, ["USA", Market.EU]) == {Market.US, Market.EU}
        True
    """
    if type(value) is frozenset:
        for item in value:  # a loop: faster than any set operation on so few members
            if type(item) is not vocabulary:
                break
        else:
            return value  # members already, as the converter and the library build them
    if isinstance(value, str) or not isinstance(value, Iterable):
        return value  # type: ignore[return-value]  # refused by the field's validator
    return frozenset([member(vocabulary, item) for item in value])


def sequence(vocabulary: type[V], value: Iterable[V | str]) -> tuple[V, ...]:
    """A sequence of members or texts (see :func:`member`) as a tuple of members, in order.

    Example:
        >>> sequence(Phase, ["P2", "filing"])
        (<Phase.PHASE_2: 'phase-2'>, <Phase.REGULATORY_REVIEW: 'regulatory-review'>)
    """
    items = as_tuple(value)
    if type(items) is not tuple:
        return items  # type: ignore[return-value]  # refused by the field's validator
    for item in items:
        if type(item) is not vocabulary:
            return tuple([member(vocabulary, item) for item in items])
    return items  # type: ignore[return-value]  # members already


def organisation_type(value: OrganisationType | str) -> OrganisationType:
    """An organisation type, or a text naming one."""
    return value if type(value) is OrganisationType else member(OrganisationType, value)


def phase(value: Phase | str) -> Phase:
    """A phase, or a text naming one."""
    return value if type(value) is Phase else member(Phase, value)


def regulator(value: Regulator | str) -> Regulator:
    """A regulator, or a text naming one."""
    return value if type(value) is Regulator else member(Regulator, value)


def framework(value: Framework | str) -> Framework:
    """A framework (GMP, GCP, ...), or a text naming one."""
    return value if type(value) is Framework else member(Framework, value)


def criterion(value: Criterion | str) -> Criterion:
    """A selection criterion, or a text naming one."""
    return value if type(value) is Criterion else member(Criterion, value)


def optional_criterion(value: Criterion | str | None) -> Criterion | None:
    """A selection criterion, a text naming one, or ``None`` as it is."""
    if value is None or type(value) is Criterion:
        return value
    return member(Criterion, value)


def service_category(value: ServiceCategory | str) -> ServiceCategory:
    """An area of work (a service category), or a text naming one."""
    return value if type(value) is ServiceCategory else member(ServiceCategory, value)


def optional_therapeutic_area(value: TherapeuticArea | str | None) -> TherapeuticArea | None:
    """A therapeutic area, a text naming one, or ``None`` as it is."""
    if value is None or type(value) is TherapeuticArea:
        return value
    return member(TherapeuticArea, value)


def phase_sequence(value: Iterable[Phase | str] | None) -> tuple[Phase, ...] | None:
    """Phases (or texts naming them) in order, as a tuple, or ``None`` as it is."""
    return None if value is None else sequence(Phase, value)


def services(value: Iterable[Service | str]) -> frozenset[Service]:
    """A set of services (or texts naming them), frozen."""
    return members(Service, value)


def optional_services(value: Iterable[Service | str] | None) -> frozenset[Service] | None:
    """A set of services (or texts naming them), frozen, or ``None`` left as it is."""
    return None if value is None else members(Service, value)


def phases(value: Iterable[Phase | str]) -> frozenset[Phase]:
    """A set of phases (or texts naming them), frozen."""
    return members(Phase, value)


def markets(value: Iterable[Market | str]) -> frozenset[Market]:
    """A set of markets (or texts naming them), frozen."""
    return members(Market, value)


def optional_markets(value: Iterable[Market | str] | None) -> frozenset[Market] | None:
    """A set of markets (or texts naming them), frozen, or ``None`` left as it is."""
    return None if value is None else members(Market, value)


def therapeutic_areas(value: Iterable[TherapeuticArea | str]) -> frozenset[TherapeuticArea]:
    """A set of therapeutic areas (or texts naming them), frozen."""
    return members(TherapeuticArea, value)


def modalities(value: Iterable[Modality | str]) -> frozenset[Modality]:
    """A set of modalities (or texts naming them), frozen."""
    return members(Modality, value)


def dosage_forms(value: Iterable[DosageForm | str]) -> frozenset[DosageForm]:
    """A set of dosage forms (or texts naming them), frozen."""
    return members(DosageForm, value)


def organisation_types(
    value: Iterable[OrganisationType | str],
) -> frozenset[OrganisationType]:
    """A set of organisation types (or texts naming them), frozen."""
    return members(OrganisationType, value)


def optional_organisation_types(
    value: Iterable[OrganisationType | str] | None,
) -> frozenset[OrganisationType] | None:
    """A set of organisation types (or texts naming them), frozen, or ``None`` as it is."""
    return None if value is None else members(OrganisationType, value)


def capabilities(value: Iterable[Capability | str]) -> frozenset[Capability]:
    """A set of capabilities (or texts naming them), frozen."""
    return members(Capability, value)


def texts(value: Iterable[str]) -> frozenset[str]:
    """A set of texts (identifiers), frozen; a lone text is one identifier."""
    return freeze(value)
