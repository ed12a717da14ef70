"""The hard requirements of some work: what a partner must meet to be considered at all.

Each requirement is stated once, below, as one function that tells whether a partner
fails it and, if so, why, in the words of both places that use it:
:func:`~pharma_outsourcing.rank` excludes a partner failing one (its
:class:`~pharma_outsourcing.Exclusion` gives the reasons), and a plan keeps a partner in
a role only while it meets every one in the role's phase (a handoff away from it names
the first it fails). A partner must:

1. serve the phase, for a plan's role (``rank`` does not screen on the phase: its
   stage-of-development and scalability scores judge the phases a partner serves);
2. offer every service it is considered for;
3. hold GMP certification when any of those services is performed under GMP (21 CFR 210
   and 211).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import NamedTuple

import attrs

from ._partners import Partner
from ._reasons import Reason, in_words, words
from ._services import Service, gmp_work
from ._sources import CFR_210_211, SEED_SELECTION
from ._vocabulary import Criterion, Phase

__all__ = ["Failure", "Requirements"]


class Failure(NamedTuple):
    """A requirement a partner fails, and why, in the words of both places that say so.

    Attributes:
        reason: Why, as ``rank`` excludes the partner: a predicate about it, with the
            criterion the requirement belongs to and its source.
        handoff: Why, as a plan hands work away from the partner: a predicate to follow
            its name.
    """

    reason: Reason
    handoff: str


@attrs.frozen(kw_only=True)
class Requirements:
    """The hard requirements of some work: its services and, for a plan's role, its phase.

    Built from arguments already checked (by :class:`~pharma_outsourcing.Basis`, or by
    ``plan``), so it checks nothing itself.

    Attributes:
        services: The services the partner is considered for.
        phase: The phase the work is in, for a plan's role; ``None`` (as for ``rank``)
            when the partner need not serve a particular phase.
        gmp: The services among ``services`` performed under GMP (derived).

    Example:
        >>> from pharma_outsourcing import OrganisationType, Partner, Service
        >>> work = Requirements(services=frozenset({Service.API_PRODUCTION}))
        >>> cmo = Partner(name="A", organisation_type=OrganisationType.CMO)
        >>> work.passes(cmo), [reason.text for reason in work.failures(cmo)]
        (False, ['is not GMP-certified: api production is performed under GMP'])
    """

    services: frozenset[Service]
    phase: Phase | None = None
    gmp: frozenset[Service] = attrs.field(init=False)
    # The requirements that concern this work, in the order of the module docstring.
    _rules: tuple[Rule, ...] = attrs.field(init=False, repr=False, eq=False)

    @gmp.default
    def _gmp_work(self) -> frozenset[Service]:
        return gmp_work(self.services)

    @_rules.default
    def _concerned(self) -> tuple[Rule, ...]:
        return tuple(
            rule
            for rule, concerns in (
                (_serves_phase, self.phase is not None),
                (_offers_services, bool(self.services)),
                (_gmp_certified, bool(self.gmp)),
            )
            if concerns
        )

    def first_failure(self, partner: Partner) -> Failure | None:
        """The first requirement ``partner`` fails, or ``None`` when it meets them all."""
        for rule in self._rules:
            failure = rule(self, partner)
            if failure is not None:
                return failure
        return None

    def passes(self, partner: Partner) -> bool:
        """Whether ``partner`` meets every requirement."""
        return self.first_failure(partner) is None

    def failures(self, partner: Partner) -> tuple[Reason, ...]:
        """Every requirement ``partner`` fails, each as a reason (empty when none)."""
        found = (rule(self, partner) for rule in self._rules)
        return tuple(failure.reason for failure in found if failure is not None)

    def split(self, partners: Iterable[Partner]) -> tuple[list[Partner], list[Partner]]:
        """The partners meeting every requirement, and those failing one, in given order."""
        kept: list[Partner] = []
        failed: list[Partner] = []
        rules = self._rules
        for partner in partners:
            for rule in rules:
                if rule(self, partner) is not None:
                    failed.append(partner)
                    break
            else:
                kept.append(partner)
        return kept, failed


Rule = Callable[[Requirements, Partner], Failure | None]


# Each rule below is a test and, when it fails, its reasons. The reasons depend only on
# what fails (the phase, the missing services, the GMP work), not on the partner, so
# each is written once and shared by every partner failing the same way.


# --- 1. Serves the phase (a plan's roles) --------------------------------------------


def _serves_phase(work: Requirements, partner: Partner) -> Failure | None:
    """A plan's role is in one phase: the partner must serve it."""
    if work.phase is None or work.phase in partner.phases:
        return None
    return _not_serving(work.phase)


@lru_cache(maxsize=64)
def _not_serving(phase: Phase) -> Failure:
    return Failure(
        reason=Reason(
            criterion=Criterion.SCALABILITY,
            text=f"does not serve {in_words(phase)}",
            source=SEED_SELECTION,
        ),
        handoff=f"does not serve {phase.value}",
    )


# --- 2. Offers every service ----------------------------------------------------------


def _offers_services(work: Requirements, partner: Partner) -> Failure | None:
    """The partner must offer every service it is considered for."""
    if work.services <= partner.services:
        return None
    return _not_offering(work.services - partner.services, len(work.services))


@lru_cache(maxsize=256)
def _not_offering(missing: frozenset[Service], ranked_for: int) -> Failure:
    return Failure(
        reason=Reason(
            criterion=Criterion.TECHNICAL_EXPERTISE,
            text=(
                f"does not offer {len(missing)} of the {ranked_for} services it is ranked "
                f"for: {words(missing)}"
            ),
            source=SEED_SELECTION,
        ),
        handoff=f"does not offer {words(missing)}",
    )


# --- 3. GMP work needs GMP certification ------------------------------------------------


def _gmp_certified(work: Requirements, partner: Partner) -> Failure | None:
    """GMP work (21 CFR 210 and 211) needs a partner holding GMP certification."""
    if partner.gmp_certified or not work.gmp:
        return None
    return _not_certified(work.gmp)


@lru_cache(maxsize=64)
def _not_certified(gmp: frozenset[Service]) -> Failure:
    verb = "is" if len(gmp) == 1 else "are"
    return Failure(
        reason=Reason(
            criterion=Criterion.REGULATORY_TRACK_RECORD,
            text=f"is not GMP-certified: {words(gmp)} {verb} performed under GMP",
            source=CFR_210_211,
        ),
        handoff=f"is not GMP-certified for {words(gmp)}",
    )
