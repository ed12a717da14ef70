"""Reasons and the wording every answer shares: one copy of each.

A :class:`Reason` is one sentence behind an answer, with the selection criterion it comes
from and its source. The helpers put the library's vocabulary into words the same way
everywhere: services in catalogue order, counts with their noun.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from enum import Enum

import attrs

from ._fields import as_tuple, non_empty_text, optional_criterion, optional_member_of
from ._vocabulary import Criterion, in_declared_order

__all__ = ["Reason", "in_words", "listing", "plural", "reason_tuple", "with_type", "words"]


@attrs.frozen(kw_only=True)
class Reason:
    """One reason behind an answer, with the criterion it comes from and its source.

    Attributes:
        criterion: The selection criterion the reason comes from, or ``None`` when it
            comes from no single criterion (what is needed, what the rules require).
        text: The reason in one plain-English sentence.
        source: Where the rule comes from: the guide the model is built on, or a
            regulation.

    Example:
        >>> from pharma_outsourcing import Criterion, Reason
        >>> Reason(criterion=None, text="Nothing to outsource.", source="the guide").text
        'Nothing to outsource.'
    """

    criterion: Criterion | None = attrs.field(
        converter=optional_criterion, validator=optional_member_of(Criterion)
    )
    text: str = attrs.field(validator=non_empty_text)
    source: str = attrs.field(validator=non_empty_text)


def reason_tuple(value: Iterable[Reason]) -> tuple[Reason, ...]:
    """Converter for fields holding reasons: any iterable of reasons, as a tuple."""
    return as_tuple(value)


def in_words(member: object) -> str:
    """A vocabulary member in words: its ``label`` (``phase-2`` -> ``phase 2``).

    Example:
        >>> from pharma_outsourcing import Phase, Service
        >>> in_words(Phase.PHASE_2), in_words(Service.API_PRODUCTION)
        ('phase 2', 'API production')
    """
    label = getattr(member, "label", None)
    return label if isinstance(label, str) else str(member).replace("-", " ")


def words(members: Iterable[Enum]) -> str:
    """``a, b and c``: vocabulary members in words, in the order their enum declares them.

    Services come out in catalogue order, phases in the order of development.

    Example:
        >>> from pharma_outsourcing import Service
        >>> words({Service.BIOSTATISTICS, Service.DISCOVERY_RESEARCH, Service.SCALE_UP})
        'discovery research, biostatistics and scale-up'
    """
    if isinstance(members, frozenset):
        kinds = {type(member).__name__ for member in members}
        if len(kinds) == 1:  # members of one enum: equal sets are the same members
            return _words_of(kinds.pop(), members)
    return listing(in_words(member) for member in in_declared_order(members))


@functools.lru_cache(maxsize=1024)
def _words_of(_kind: str, members: frozenset[Enum]) -> str:
    """:func:`words` of a set of members of one enum ``_kind``, remembered.

    Plans and reasons put the same sets of services and phases into words again and again.
    """
    return listing(in_words(member) for member in in_declared_order(members))


def listing(names: Iterable[str], conjunction: str = "and") -> str:
    """``a, b and c`` (or ``a, b or c``): texts listed in a sentence, in the order given.

    Example:
        >>> listing(["FDA", "MHRA"], "or"), listing(["Alpha"]), listing([])
        ('FDA or MHRA', 'Alpha', '')
    """
    listed = list(names)
    if len(listed) <= 1:
        return "".join(listed)
    return ", ".join(listed[:-1]) + f" {conjunction} " + listed[-1]


def plural(count: int, noun: str) -> str:
    """``count`` and ``noun``, with an ``s`` unless the count is one.

    Example:
        >>> plural(2, "handoff"), plural(1, "handoff")
        ('2 handoffs', '1 handoff')
    """
    return f"{count} {noun}" + ("" if count == 1 else "s")


def with_type(name: str, kind: str) -> str:
    """A name with its organisation type after it, unless the name already says it.

    ``kind`` is the type as a word (``CDMO``); a name holding that word already
    ("Kestrel Biologics (fictional CDMO)") is given as it is, so no label reads
    "(fictional CDMO) (CDMO)". Another type's word in the name does not count.

    Example:
        >>> with_type("Acme", "CRO"), with_type("Kestrel (fictional CDMO)", "CDMO")
        ('Acme (CRO)', 'Kestrel (fictional CDMO)')
        >>> with_type("Acme CMO Services", "CDMO")
        'Acme CMO Services (CDMO)'
    """
    said = re.search(rf"(?<!\w){re.escape(kind)}(?!\w)", name)
    return name if said else f"{name} ({kind})"
