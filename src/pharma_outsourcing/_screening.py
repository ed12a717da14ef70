"""Screening: what a partner must meet to be considered for some work at all (DESIGN.md §6).

Each must-have is stated once, below, as one rule that tells whether a partner fails it
and, if so, why, in the words of both places that use it: :func:`~pharma_outsourcing.rank`
excludes a partner failing one (its :class:`~pharma_outsourcing.Exclusion` gives one
reason per failure), and a plan keeps a partner in a role only while it passes them all (a
handoff away from it names the first it fails). A partner is screened out when:

1. it lacks a service it is considered for;
2. it does not serve the phase of the work;
3. it has not shown a must-have that concerns one of those services: each of the
   profile's modalities, dosage forms and required capabilities (see
   :data:`~pharma_outsourcing.MODALITY_WORK`, :data:`~pharma_outsourcing.DOSAGE_FORM_WORK`
   and :attr:`Capability.services <pharma_outsourcing.Capability.services>`);
4. it is considered for GMP work and has no GMP evidence within ``evidence_years``: an
   acceptable GMP inspection (VAI counts) by a regulator that counts, a GMP certificate
   (by any regulator), an approved audit of the sponsor's own, or at least the user's
   statement that it is GMP-certified; likewise for GLP work with GLP inspections, GLP
   audits and the ``glp_compliant`` statement;
5. its latest audit by the sponsor of the work's framework was not approved, with no
   approved audit after it;
6. it is blocked: for one of the work's frameworks, every site it has records of that
   framework for (or, for records tied to no site, the partner as a whole) has an
   unacceptable record of that framework, by a regulator that counts, that no later
   record clears.

"Regulators that count" are those of the profile's target markets (every regulator when it
names none). An unacceptable record of any other regulator never screens a partner out: it
becomes one of the assessment's warnings, as do a blocked site beside a clear one, evidence
that rests on a statement alone, open audit conditions and a warning letter followed by an
acceptable inspection but no close-out letter.

The evidence rules follow practice and the regulations (DOMAIN.md, "Manufacturing
outsourcing" and "Track records"): FDA issues no GMP certificates, so a clean FDA
inspection is GMP evidence; EU certificates are generally valid for at most three years,
hence :data:`GMP_EVIDENCE_YEARS`; most phase 1 investigational drugs are exempt from
21 CFR 211 but must still be made under CGMP (21 CFR 210.2(c)).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any, NamedTuple

import attrs

from ._errors import InvalidInputError
from ._frozenmap import FrozenMap
from ._partners import Audit, AuditOutcome, Inspection, InspectionOutcome, Partner, Standing
from ._profile import SponsorProfile
from ._reasons import Reason, in_words, listing, words
from ._services import (
    DOSAGE_FORM_WORK,
    MODALITY_WORK,
    Capability,
    Framework,
    Service,
    work_under,
)
from ._sources import (
    CFR_58,
    CFR_210_2C,
    CFR_211_22A,
    EU_2017_1569,
    EU_GLP_DIRECTIVES,
    EU_GMP_CERTIFICATES,
    EU_GMP_CHAPTER_7,
    FDA_BIMO,
    FDA_IMPORT_ALERTS,
    FDA_INSPECTION_CLASSIFICATION,
    FDA_PHASE_1_CGMP,
    FDA_WARNING_LETTERS,
    GMP_CERTIFICATE_VALIDITY,
    ICH_Q10_2_7,
    SEED_SELECTION,
)
from ._vocabulary import (
    Criterion,
    DosageForm,
    Market,
    Modality,
    Phase,
    Regulator,
    Vocabulary,
    in_declared_order,
)

__all__ = ["GMP_EVIDENCE_YEARS", "Failure", "Requirements", "Screened", "evidence_years"]

GMP_EVIDENCE_YEARS = 3
"""How many years back a record still shows GMP (or GLP) compliance: EU GMP certificates
are generally valid for at most three years from the inspection (DOMAIN.md)."""

_OUT = InspectionOutcome
_UNACCEPTABLE = Standing.UNACCEPTABLE
_CLEAN_INSPECTIONS = frozenset({_OUT.NO_ACTION_INDICATED, _OUT.VOLUNTARY_ACTION_INDICATED})
# What clears each unacceptable outcome (DESIGN.md §6), always a later record of the same
# regulator and framework: an OAI a clean re-inspection; a warning letter its close-out or a
# clean re-inspection; an import alert only its removal; a statement of non-compliance a
# new certificate.
# Its keys are exactly the unacceptable outcomes (a test holds them to Standing).
_CLEARED_BY: dict[InspectionOutcome, frozenset[InspectionOutcome]] = {
    _OUT.OFFICIAL_ACTION_INDICATED: _CLEAN_INSPECTIONS,
    _OUT.WARNING_LETTER: _CLEAN_INSPECTIONS | {_OUT.CLOSE_OUT_LETTER},
    _OUT.IMPORT_ALERT: frozenset({_OUT.IMPORT_ALERT_REMOVED}),
    _OUT.NON_COMPLIANT: frozenset({_OUT.COMPLIANT}),
}
# What an uncleared record means for supply, in words.
_MEANING = {
    _OUT.OFFICIAL_ACTION_INDICATED: (
        "FDA found objectionable conditions and regulatory action is recommended; until an "
        "acceptable re-inspection the site is, in practice, barred from US supply"
    ),
    _OUT.WARNING_LETTER: (
        "FDA may withhold approval of new applications or supplements naming the site as a "
        "manufacturer until the violations are corrected"
    ),
    _OUT.IMPORT_ALERT: (
        "products from the site are detained at the US border until FDA removes the alert"
    ),
    _OUT.NON_COMPLIANT: "it can stop supply from the site to the markets of that authority",
}
_BLOCK_SOURCES = {
    _OUT.OFFICIAL_ACTION_INDICATED: FDA_INSPECTION_CLASSIFICATION,
    _OUT.WARNING_LETTER: FDA_WARNING_LETTERS,
    _OUT.IMPORT_ALERT: FDA_IMPORT_ALERTS,
    _OUT.NON_COMPLIANT: EU_GMP_CERTIFICATES,
}
# The outcomes that are evidence of compliance: inspections not found unacceptable.
_EVIDENCE = frozenset(
    o for o in InspectionOutcome if o.is_inspection and o.standing is not _UNACCEPTABLE
)
_EVIDENCE_STATEMENT = {
    Framework.GMP: "gmp_certified",
    Framework.GLP: "glp_compliant",
}


def evidence_years(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate ``gmp_evidence_years``: a whole number of years, 0 or more."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise InvalidInputError(
            field=attribute.name,
            value=value,
            problem="is not a number of years from 0 to 100",
            allowed="a whole number of years, such as 3 (the default, GMP_EVIDENCE_YEARS)",
            suggestion=str(GMP_EVIDENCE_YEARS),
        )


class Failure(NamedTuple):
    """A must-have a partner fails, and why, in the words of both places that say so.

    Attributes:
        reason: Why, as ``rank`` excludes the partner: a predicate about it, with the
            criterion the rule belongs to and its source.
        handoff: Why, as a plan hands work away from the partner: a predicate to follow
            its name.
        rule: What the must-have is about, in a few words to follow "for" ("a missing
            service", "the phase", "modalities", "GMP evidence", ...): what the command
            line counts the exclusions it does not list by.
    """

    reason: Reason
    handoff: str
    rule: str


def _later(record: Inspection | Audit, than: Inspection | Audit) -> bool:
    """Whether ``record`` comes after ``than``: a later year, or a later date in one year.

    Two records of one year are ordered only when both are dated: where one is undated
    the order is unknown, and the rules read that against the partner (an unacceptable
    record counts as the later; several undated: the worst).
    """
    if record.year != than.year:
        return record.year > than.year
    first, second = getattr(record, "date", None), getattr(than, "date", None)
    return first is not None and second is not None and first > second


def _cleared(record: Inspection, group: Iterable[Inspection]) -> Inspection | None:
    """The record of ``group`` that clears the unacceptable ``record``, if any."""
    clearing = _CLEARED_BY.get(record.outcome)
    if clearing is None:  # an unacceptable outcome with no clearing rule: never cleared
        return None
    for other in group:
        if (
            other.outcome in clearing
            and other.regulator is record.regulator
            and other.framework is record.framework
            and _later(other, record)
        ):
            return other
    return None


class Screened(NamedTuple):
    """Partners screened: those kept, those failing, and each failing one's reasons.

    Attributes:
        kept: The partners passing every must-have, in given order.
        failed: The partners failing one, in given order.
        reasons: For each of ``failed``, every must-have it fails (one reason each).
    """

    kept: list[Partner]
    failed: list[Partner]
    reasons: list[tuple[Reason, ...]]


class _Standing(NamedTuple):
    """What a partner's records say about the work: the analysis every rule 4-6 reads."""

    blocking: tuple[Inspection, ...]  # uncleared, unacceptable, of regulators that count
    excluding: tuple[Inspection, ...]  # those of them of a framework the partner is barred in
    elsewhere: tuple[Inspection, ...]  # uncleared, unacceptable, of regulators that don't
    unconfirmed: tuple[tuple[Inspection, Inspection], ...]  # letter, the inspection after

    @property
    def excluded(self) -> bool:
        """Whether the partner is blocked for one of the work's frameworks."""
        return bool(self.excluding)


@attrs.frozen(kw_only=True)
class Requirements:
    """The must-haves of some work: its services, phase, product, markets and evidence.

    Built from arguments already checked (by :class:`~pharma_outsourcing.Basis`, or by
    ``plan``), so it checks only its own numbers.

    Attributes:
        services: The services the partner is considered for.
        phase: The phase the work is in (the profile's for ``rank``; a plan role's).
        modalities: The product's modalities (``VACCINE`` counts for expertise only).
        dosage_forms: The product's dosage forms.
        requires: The capabilities the programme needs.
        markets: The target markets: their regulators are the ones that count (every
            regulator when empty).
        as_of: The year evidence is counted back from; ``None`` when no candidate has a
            dated record (only statements are then evidence).
        evidence_years: How many years before ``as_of`` a record still shows compliance.

    Example:
        >>> from pharma_outsourcing import OrganisationType, Partner, Phase, Service
        >>> work = Requirements(services=frozenset({Service.API_PRODUCTION}), phase=Phase.PHASE_2)
        >>> cmo = Partner(name="A", organisation_type=OrganisationType.CMO)
        >>> work.passes(cmo)
        False
        >>> print(work.failures(cmo)[0].text)  # doctest: +ELLIPSIS
        has no GMP evidence: ... API production is GMP work at phase 2: ...
    """

    services: frozenset[Service]
    phase: Phase
    modalities: frozenset[Modality] = frozenset()
    dosage_forms: frozenset[DosageForm] = frozenset()
    requires: frozenset[Capability] = frozenset()
    markets: frozenset[Market] = frozenset()
    as_of: int | None = None
    evidence_years: int = attrs.field(default=GMP_EVIDENCE_YEARS, validator=evidence_years)
    # Derived once (and remembered for the same work, see _derived): every partner is
    # screened against them.
    frameworks: frozenset[Framework] = attrs.field(init=False)
    regulators: frozenset[Regulator] | None = attrs.field(init=False)
    _must_haves: tuple[_MustHave, ...] = attrs.field(init=False, repr=False, eq=False)
    _rules: tuple[Rule, ...] = attrs.field(init=False, repr=False, eq=False)
    _checks: tuple[Rule, ...] = attrs.field(init=False, repr=False, eq=False)  # rules 3-6
    _ordered_frameworks: tuple[Framework, ...] = attrs.field(init=False, repr=False, eq=False)
    _evidence_frameworks: tuple[Framework, ...] = attrs.field(init=False, repr=False, eq=False)
    # The one reason each missing kind of evidence gives (they depend on the work only).
    _no_evidence: Mapping[Framework, Failure] = attrs.field(init=False, repr=False, eq=False)
    _alike: tuple[frozenset[Service], ...] = attrs.field(init=False, repr=False, eq=False)
    _standings: dict[int, tuple[Partner, _Standing]] = attrs.field(
        init=False, repr=False, eq=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        derived = _derived(
            self.services,
            self.phase,
            self.modalities,
            self.dosage_forms,
            self.requires,
            self.markets,
            self.since,
        )
        for name, value in zip(_Derived._fields, derived, strict=True):
            object.__setattr__(self, name if name in _PUBLIC_DERIVED else f"_{name}", value)

    @property
    def since(self) -> int | None:
        """The first year whose records still count as evidence (``None``: none count)."""
        return None if self.as_of is None else self.as_of - self.evidence_years

    def work_under(self, framework: Framework) -> frozenset[Service]:
        """The services considered that are performed under ``framework`` in the phase."""
        return work_under(framework, self.services, self.phase)

    def alike(self) -> tuple[frozenset[Service], ...]:
        """The services considered, grouped by what screening asks of each.

        Each must-have concerns services one by one (the service itself, the must-haves
        that concern it, the framework it is performed under in the phase), so a partner
        offering some services of one group passes for all of those or for none of them,
        and passes for some work exactly when it passes for each of its services.

        Example:
            >>> from pharma_outsourcing import Phase, Service
            >>> work = Requirements(
            ...     services=frozenset({Service.API_PRODUCTION, Service.QUALITY_CONTROL,
            ...                         Service.BIOSTATISTICS}),
            ...     phase=Phase.PHASE_2,
            ... )
            >>> sorted(sorted(s.label for s in group) for group in work.alike())
            [['API production', 'quality control'], ['biostatistics']]
        """
        return self._alike

    def counts(self, regulator: Regulator) -> bool:
        """Whether records of ``regulator`` count: it regulates a target market."""
        return self.regulators is None or regulator in self.regulators

    def first_failure(self, partner: Partner) -> Failure | None:
        """The first must-have ``partner`` fails, or ``None`` when it passes them all."""
        for rule in self._rules:
            failed = rule(self, partner)
            if failed:
                return failed[0]
        return None

    def passes(self, partner: Partner) -> bool:
        """Whether ``partner`` passes every must-have."""
        # Rules 1 and 2 (the services, the phase) inline: most partners fail there.
        if not (self.services <= partner.services and self.phase in partner.phases):
            return False
        return not any(rule(self, partner) for rule in self._checks)

    def passing(self, partners: Iterable[Partner]) -> list[Partner]:
        """The partners passing every must-have, in given order (no reasons written).

        Example:
            >>> from pharma_outsourcing import OrganisationType, Partner, Phase, Service
            >>> work = Requirements(
            ...     services=frozenset({Service.SITE_MONITORING}), phase=Phase.PHASE_2
            ... )
            >>> cro = Partner(name="A", organisation_type=OrganisationType.CRO)
            >>> cmo = Partner(name="B", organisation_type=OrganisationType.CMO)
            >>> [p.name for p in work.passing([cro, cmo])]
            ['A']
        """
        services, phase, checks = self.services, self.phase, self._checks
        kept: list[Partner] = []
        for partner in partners:
            if not (services <= partner.services and phase in partner.phases):
                continue  # rules 1 and 2, inline as in passes: a call per partner costs
                # plans some 5% (benchmarks/bench_planning.py)
            for rule in checks:
                if rule(self, partner):
                    break
            else:
                kept.append(partner)
        return kept

    def failures(self, partner: Partner) -> tuple[Reason, ...]:
        """Every must-have ``partner`` fails, one reason each (empty when none).

        A partner that offers none of the services is told so, and whether it serves the
        phase: what the work would further need of it (modalities, evidence, ...) is not
        listed, since it does none of that work.
        """
        rules = self._rules
        return tuple(
            failure.reason
            for rule in (rules if self._offers_some(partner) else rules[:2])
            for failure in rule(self, partner)
        )

    def _offers_some(self, partner: Partner) -> bool:
        """Whether ``partner`` offers at least one of the services (true when there are none)."""
        return not self.services or not self.services.isdisjoint(partner.services)

    def screen(self, partners: Iterable[Partner]) -> Screened:
        """The partners passing every must-have, and those failing one with every reason.

        One pass: a partner's rules are run once each, in order; once one fails, the rest
        are run only for their reasons. Both lists keep the given order.

        Example:
            >>> from pharma_outsourcing import OrganisationType, Partner, Phase, Service
            >>> work = Requirements(
            ...     services=frozenset({Service.SITE_MONITORING}), phase=Phase.PHASE_2
            ... )
            >>> cro = Partner(name="A", organisation_type=OrganisationType.CRO)
            >>> cmo = Partner(name="B", organisation_type=OrganisationType.CMO)
            >>> screened = work.screen([cro, cmo])
            >>> [p.name for p in screened.kept], [p.name for p in screened.failed]
            (['A'], ['B'])
        """
        kept: list[Partner] = []
        failed: list[Partner] = []
        reasons: list[tuple[Reason, ...]] = []
        rules = self._rules
        for partner in partners:
            for index, rule in enumerate(rules):
                failures = rule(self, partner)
                if failures:
                    failed.append(partner)
                    found = [failure.reason for failure in failures]
                    later = rules[index + 1 : None if self._offers_some(partner) else 2]
                    for rule_after in later:
                        found.extend(failure.reason for failure in rule_after(self, partner))
                    reasons.append(tuple(found))
                    break
            else:
                kept.append(partner)
        return Screened(kept, failed, reasons)

    def warnings(self, partner: Partner) -> tuple[Reason, ...]:
        """What a QA lead should see about a partner that passes, though it does not bar it.

        Unacceptable records of regulators that do not count, a blocked site beside a
        clear one, a warning letter followed by an acceptable inspection but no close-out
        letter, open audit conditions, and GMP or GLP evidence that rests on a statement
        alone.

        Example:
            >>> from pharma_outsourcing import OrganisationType, Partner, Phase, Service
            >>> work = Requirements(
            ...     services=frozenset({Service.API_PRODUCTION}), phase=Phase.PHASE_2
            ... )
            >>> cmo = Partner(name="A", organisation_type=OrganisationType.CMO, gmp_certified=True)
            >>> print(work.warnings(cmo)[0].text)  # doctest: +ELLIPSIS
            GMP evidence is stated, not verified: ...
        """
        if not self.frameworks:
            return ()
        found: list[Reason] = []
        if partner.inspections and _has_unacceptable(self, partner):
            standing = self.standing(partner)
            found.extend(_elsewhere(record, self.markets) for record in standing.elsewhere)
            if not standing.excluded:
                found.extend(_blocked_site(record) for record in standing.blocking)
            found.extend(_unconfirmed(letter, after) for letter, after in standing.unconfirmed)
        for framework in self._evidence_frameworks:
            if (
                getattr(partner, _EVIDENCE_STATEMENT[framework])
                and _route(self, partner, framework) == "stated"
            ):
                found.append(_stated_only(framework, self.since))  # noqa: PERF401 - no generator made on the usual path
        if partner.audits:
            for framework in self._ordered_frameworks:
                audit = _latest_audit(partner.audits, framework)
                if audit is not None and audit.outcome is AuditOutcome.APPROVED_WITH_CONDITIONS:
                    found.append(_open_conditions(audit))
        return tuple(found) if found else ()

    @classmethod
    def of(
        cls,
        profile: SponsorProfile,
        services: frozenset[Service],
        phase: Phase,
        as_of: int | None,
        evidence_years: int = GMP_EVIDENCE_YEARS,
    ) -> Requirements:
        """The must-haves of ``services`` in ``phase`` for ``profile``'s product and markets."""
        return cls(
            services=services,
            phase=phase,
            modalities=profile.modalities,
            dosage_forms=profile.dosage_forms,
            requires=profile.requires,
            markets=profile.target_markets,
            as_of=as_of,
            evidence_years=evidence_years,
        )

    def standing(self, partner: Partner) -> _Standing:
        """What ``partner``'s records of the work's frameworks say: rule 6's analysis.

        Worked out once per partner: ``rank`` asks it while screening and again for the
        warnings or the reasons. The memo holds the partner itself beside its standing,
        so an entry is never mistaken for another partner's.
        """
        entry = self._standings.get(id(partner))
        if entry is not None and entry[0] is partner:
            return entry[1]
        found = _standing(self, partner)
        self._standings[id(partner)] = (partner, found)
        return found


class _Derived(NamedTuple):
    """What :class:`Requirements` derives from the work (its fields of these names)."""

    frameworks: frozenset[Framework]
    regulators: frozenset[Regulator] | None
    must_haves: tuple[_MustHave, ...]
    rules: tuple[Rule, ...]
    checks: tuple[Rule, ...]
    ordered_frameworks: tuple[Framework, ...]
    evidence_frameworks: tuple[Framework, ...]
    no_evidence: Mapping[Framework, Failure]
    alike: tuple[frozenset[Service], ...]


_PUBLIC_DERIVED = frozenset({"frameworks", "regulators"})


@lru_cache(maxsize=512)
def _derived(  # noqa: PLR0917 - the fields of the work, in order
    services: frozenset[Service],
    phase: Phase,
    modalities: frozenset[Modality],
    dosage_forms: frozenset[DosageForm],
    requires: frozenset[Capability],
    markets: frozenset[Market],
    since: int | None,
) -> _Derived:
    """What screening asks of partners for some work, worked out once per kind of work.

    Remembered: plans screen for the same work in many roles and calls, and none of it
    depends on a partner.
    """
    found = {s.framework_at(phase) for s in services}
    frameworks = frozenset(found - {Framework.NONE})
    regulators = frozenset(m.regulator for m in markets) if markets else None
    must_haves: list[_MustHave] = []
    for kind, members, concerns in (
        (_MODALITIES, modalities - {Modality.VACCINE}, lambda _m: MODALITY_WORK),
        (_DOSAGE_FORMS, dosage_forms, lambda _m: DOSAGE_FORM_WORK),
        (_CAPABILITIES, requires, lambda m: m.services),
    ):
        needed = {
            member: services & concerns(member)
            for member in in_declared_order(members)
            if services & concerns(member)
        }
        if needed:
            must_haves.append(_MustHave(kind, tuple(needed.items())))
    no_evidence: dict[Framework, Failure] = {
        framework: _no_evidence_for(
            framework,
            work_under(framework, services, phase),
            phase,
            since=since,
            regulators=regulators,
            us=_us_rules(markets),
            eu=_eu_rules(markets),
        )
        for framework in (Framework.GMP, Framework.GLP)
        if framework in frameworks
    }
    rules = tuple(
        rule
        for rule, concerns in (
            (_offers_services, bool(services)),
            (_serves_phase, True),
            (_shows_must_haves, bool(must_haves)),
            (_gmp_evidence, Framework.GMP in frameworks),
            (_glp_evidence, Framework.GLP in frameworks),
            (_audit_approved, bool(frameworks)),
            (_not_blocked, bool(frameworks)),
        )
        if concerns
    )
    groups: dict[tuple[Framework, tuple[Vocabulary, ...]], set[Service]] = {}
    for service in services:
        concerning = tuple(
            member
            for must in must_haves
            for member, concerned in must.needed
            if service in concerned
        )
        groups.setdefault((service.framework_at(phase), concerning), set()).add(service)
    return _Derived(
        frameworks,
        regulators,
        tuple(must_haves),
        rules,
        tuple(rule for rule in rules if rule not in {_offers_services, _serves_phase}),
        tuple(in_declared_order(frameworks)),
        tuple(f for f in (Framework.GMP, Framework.GLP) if f in frameworks),
        FrozenMap(no_evidence),
        tuple(frozenset(group) for group in groups.values()),
    )


Rule = Callable[[Requirements, Partner], tuple[Failure, ...]]
"""A rule: the failures of one partner (empty when it passes), one per thing that fails."""
_PASSES: tuple[Failure, ...] = ()


# --- 1. Offers every service ----------------------------------------------------------


def _offers_services(work: Requirements, partner: Partner) -> tuple[Failure, ...]:
    """The partner must offer every service it is considered for."""
    if work.services <= partner.services:
        return _PASSES
    return (_not_offering(work.services - partner.services, len(work.services)),)


@lru_cache(maxsize=256)
def _not_offering(missing: frozenset[Service], considered: int) -> Failure:
    return Failure(
        reason=Reason(
            criterion=Criterion.TECHNICAL_EXPERTISE,
            text=(
                f"does not offer {len(missing)} of the {considered} services it is ranked "
                f"for: {words(missing)}"
            ),
            source=SEED_SELECTION,
        ),
        handoff=f"does not offer {words(missing)}",
        rule="a missing service",
    )


# --- 2. Serves the phase ---------------------------------------------------------------


def _serves_phase(work: Requirements, partner: Partner) -> tuple[Failure, ...]:
    """The partner must serve the phase the work is in."""
    return _PASSES if work.phase in partner.phases else (_not_serving(work.phase),)


@lru_cache(maxsize=64)
def _not_serving(phase: Phase) -> Failure:
    return Failure(
        reason=Reason(
            criterion=Criterion.STAGE_OF_DEVELOPMENT,
            text=f"does not serve {in_words(phase)}, the phase the work is in",
            source=SEED_SELECTION,
        ),
        handoff=f"does not serve {in_words(phase)}",
        rule="the phase",
    )


# --- 3. Must-haves: modalities, dosage forms, capabilities -------------------------------


class _Kind(NamedTuple):
    """One kind of must-have: the partner's field, and its words."""

    field: str  # the Partner field listing what it has shown
    plural: str  # "modalities"
    verb: str  # "make"


_MODALITIES = _Kind("modalities", "modalities", "make")
_DOSAGE_FORMS = _Kind("dosage_forms", "dosage forms", "make or pack")
_CAPABILITIES = _Kind("capabilities", "capabilities", "offer")


class _MustHave(NamedTuple):
    """The must-haves of one kind the work needs, each with the services it concerns."""

    kind: _Kind
    needed: tuple[tuple[Vocabulary, frozenset[Service]], ...]


def _shows_must_haves(work: Requirements, partner: Partner) -> tuple[Failure, ...]:
    """The partner must list each must-have that concerns work it is considered for."""
    return tuple(_unshown(work, partner))


def _unshown(work: Requirements, partner: Partner) -> Iterator[Failure]:
    for must in work._must_haves:
        shown: frozenset[Vocabulary] = getattr(partner, must.kind.field)
        missing = tuple(
            (member, concerns) for member, concerns in must.needed if member not in shown
        )
        if missing:
            yield _not_shown(must.kind, missing, bool(shown))


@lru_cache(maxsize=256)
def _not_shown(
    kind: _Kind, missing: tuple[tuple[Vocabulary, frozenset[Service]], ...], lists_some: bool
) -> Failure:
    needs = "; ".join(
        f"{member.label} is needed for {words(concerns)}" for member, concerns in missing
    )
    names = words(member for member, _ in missing)
    if lists_some:
        text = f"does not list {names} among its {kind.plural}: {needs}"
        handoff = f"does not {kind.verb} {names}"
    else:
        text = (
            f"lists no {kind.plural}, so it has not shown {names}: {needs}; add its "
            f"{kind.plural} to the partner if it has them"
        )
        handoff = f"lists no {kind.plural}, so it has not shown {names}"
    return Failure(
        reason=Reason(
            criterion=Criterion.TECHNICAL_EXPERTISE,
            text=text,
            source=f"{SEED_SELECTION}; {ICH_Q10_2_7}",
        ),
        handoff=handoff,
        rule=kind.plural,
    )


# --- 4. GMP and GLP evidence ---------------------------------------------------------------


def _route(work: Requirements, partner: Partner, framework: Framework) -> str | None:
    """How ``partner`` shows compliance with ``framework``: the strongest route, or ``None``.

    ``"inspection"``: an acceptable inspection by a regulator that counts, or a certificate
    (``COMPLIANT``) by any regulator, from ``work.since`` on; ``"audit"``: an approved audit
    of the sponsor's own in that time; ``"stated"``: the user's statement only.
    """
    since = work.since
    if since is not None:
        regulators = work.regulators
        for record in partner.inspections:
            outcome = record.outcome
            if (
                outcome in _EVIDENCE
                and record.year >= since
                and record.framework is framework
                and (
                    outcome is _OUT.COMPLIANT
                    or regulators is None
                    or record.regulator in regulators
                )
            ):
                return "inspection"
        for audit in partner.audits:
            if audit.year >= since and audit.framework is framework and audit.approved:
                return "audit"
    if getattr(partner, _EVIDENCE_STATEMENT[framework]):
        return "stated"
    return None


def _gmp_evidence(work: Requirements, partner: Partner) -> tuple[Failure, ...]:
    """GMP work needs GMP evidence within the window (or, failing records, a statement)."""
    if partner.gmp_certified or _route(work, partner, Framework.GMP) is not None:
        return _PASSES
    return (work._no_evidence[Framework.GMP],)


def _glp_evidence(work: Requirements, partner: Partner) -> tuple[Failure, ...]:
    """GLP studies need GLP evidence within the window (or, failing records, a statement)."""
    if partner.glp_compliant or _route(work, partner, Framework.GLP) is not None:
        return _PASSES
    return (work._no_evidence[Framework.GLP],)


def _us_rules(markets: frozenset[Market]) -> bool:
    return not markets or Market.US in markets


def _eu_rules(markets: frozenset[Market]) -> bool:
    return not markets or bool(markets & {Market.EU, Market.UK})


@lru_cache(maxsize=256)
def _no_evidence_for(
    framework: Framework,
    services: frozenset[Service],
    phase: Phase,
    *,
    since: int | None,
    regulators: frozenset[Regulator] | None,
    us: bool,
    eu: bool,
) -> Failure:
    label = framework.label
    by = (
        "a regulator"
        if regulators is None
        else listing((r.in_prose for r in in_declared_order(regulators)), "or")
    )
    statement = _EVIDENCE_STATEMENT[framework]
    if since is None:
        missing = (
            f"no candidate has a dated record to count back from, so only a statement "
            f"({statement}) could show it, and none is made"
        )
    else:
        certificate = "no GMP certificate, " if framework is Framework.GMP else ""
        missing = (
            f"no acceptable {label} inspection by {by}, {certificate}no approved {label} "
            f"audit of yours from {since} on, and no statement ({statement})"
        )
    verb = "is" if len(services) == 1 else "are"
    text = f"has no {label} evidence: {missing}. {_capitalised(words(services))} {verb} "
    if framework is Framework.GLP:
        text += (
            f"{label} work: nonclinical safety studies supporting an application are run under "
            f"{label}"
        )
        sources = [s for s, applies in ((CFR_58, us), (EU_GLP_DIRECTIVES, eu)) if applies]
        if not sources:  # other markets: the GLP principles as the US and the EU state them
            sources = [f"see {CFR_58}", EU_GLP_DIRECTIVES]
    elif phase <= Phase.PHASE_1:
        text += (
            f"{label} work at {in_words(phase)}: most phase 1 investigational drugs are exempt "
            f"from 21 CFR 211 but must still be made under CGMP, so the site's CGMP "
            f"capability must be shown before it works on clinical material"
            if us
            else f"{label} work at {in_words(phase)}: investigational medicinal products are "
            f"made under GMP for IMPs"
        )
        sources = [
            *([CFR_210_2C, FDA_PHASE_1_CGMP] if us else []),
            *([EU_2017_1569] if eu else []),
            ICH_Q10_2_7,
        ]
    else:
        text += (
            f"{label} work at {in_words(phase)}: the contract giver assesses the acceptor's "
            f"competence before outsourcing"
        )
        if us:
            text += ", and your quality unit must approve or reject what the contractor makes"
        sources = [
            *([CFR_211_22A] if us else []),
            *([EU_GMP_CHAPTER_7] if eu else []),
            ICH_Q10_2_7,
        ]
    if since is not None and framework is Framework.GMP:
        sources.append(GMP_CERTIFICATE_VALIDITY)
    return Failure(
        reason=Reason(
            criterion=Criterion.REGULATORY_TRACK_RECORD, text=text, source="; ".join(sources)
        ),
        handoff=f"has no {label} evidence" + ("" if since is None else f" from {since} on"),
        rule=f"{label} evidence",
    )


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=16)
def _stated_only(framework: Framework, since: int | None) -> Reason:
    label = framework.label
    records = (
        "no record" if since is None else f"no {label} inspection or approved audit from {since} on"
    )
    return Reason(
        criterion=Criterion.REGULATORY_TRACK_RECORD,
        text=(
            f"{label} evidence is stated, not verified: the partner is marked "
            f"{_EVIDENCE_STATEMENT[framework]}, with {records}; see the certificate or audit "
            f"the site before award"
        ),
        source=ICH_Q10_2_7,
    )


# --- 5. The sponsor's own audit --------------------------------------------------------


def _latest_audit(audits: tuple[Audit, ...], framework: Framework) -> Audit | None:
    """The latest audit of ``framework``; in one year, a not-approved one (the worst)."""
    latest: Audit | None = None
    for audit in audits:
        if audit.framework is not framework:
            continue
        if (
            latest is None
            or audit.year > latest.year
            or (audit.year == latest.year and _worse(audit, latest))
        ):
            latest = audit
    return latest


_AUDIT_ORDER = {
    AuditOutcome.APPROVED: 0,
    AuditOutcome.APPROVED_WITH_CONDITIONS: 1,
    AuditOutcome.NOT_APPROVED: 2,
}


def _worse(audit: Audit, than: Audit) -> bool:
    return _AUDIT_ORDER[audit.outcome] > _AUDIT_ORDER[than.outcome]


def _audit_approved(work: Requirements, partner: Partner) -> tuple[Failure, ...]:
    """The sponsor's latest audit of the work's framework must not be a failed one."""
    if not partner.audits:
        return _PASSES
    part_211 = _us_rules(work.markets) and work.phase >= Phase.PHASE_2
    latest = (_latest_audit(partner.audits, f) for f in work._ordered_frameworks)
    return tuple(
        _not_approved(audit, part_211)
        for audit in latest
        if audit is not None and audit.outcome is AuditOutcome.NOT_APPROVED
    )


@lru_cache(maxsize=64)
def _not_approved(audit: Audit, us_part_211: bool) -> Failure:
    label = audit.framework.label
    where = "" if audit.site is None else f" of site {audit.site}"
    sources = [ICH_Q10_2_7, EU_GMP_CHAPTER_7] if audit.framework is Framework.GMP else [ICH_Q10_2_7]
    if us_part_211 and audit.framework is Framework.GMP:
        sources.insert(0, CFR_211_22A)
    return Failure(
        reason=Reason(
            criterion=Criterion.REGULATORY_TRACK_RECORD,
            text=(
                f"your quality unit has not approved this supplier: your {label} audit"
                f"{where} in {audit.year} was not approved, and no approved audit followed"
            ),
            source="; ".join(sources),
        ),
        handoff=f"was not approved in your {label} audit of {audit.year}",
        rule="a failed audit",
    )


@lru_cache(maxsize=64)
def _open_conditions(audit: Audit) -> Reason:
    where = "" if audit.site is None else f" of site {audit.site}"
    return Reason(
        criterion=Criterion.REGULATORY_TRACK_RECORD,
        text=(
            f"your {audit.framework.label} audit{where} approved it with conditions in "
            f"{audit.year}: confirm they are closed before award"
        ),
        source=ICH_Q10_2_7,
    )


# --- 6. Blocked sites --------------------------------------------------------------------


def _standing(work: Requirements, partner: Partner) -> _Standing:
    """Judge each site the partner has records of the work's frameworks for (rule 6).

    Records are judged among those of their own site (``None``: the partner as a whole).
    Each framework is judged on its own: a site clear of GCP findings says nothing of its
    GMP, so a partner is barred from the work when, for one of its frameworks, it is
    blocked as a whole or at every site it has records of that framework for.
    """
    frameworks = work.frameworks
    relevant = [record for record in partner.inspections if record.framework in frameworks]
    blocking: list[Inspection] = []
    elsewhere: list[Inspection] = []
    unconfirmed: list[tuple[Inspection, Inspection]] = []
    blocked: set[tuple[Framework, str | None]] = set()
    regulators = work.regulators
    groups: dict[str | None, list[Inspection]] = {}
    for record in relevant:
        if record.outcome not in _CLEARED_BY:  # not unacceptable
            continue
        site = record.site
        group = groups.get(site)
        if group is None:
            group = groups[site] = [other for other in relevant if other.site == site]
        clearing = _cleared(record, group)
        if clearing is None:
            if regulators is None or record.regulator in regulators:
                blocking.append(record)
                blocked.add((record.framework, site))
            else:
                elsewhere.append(record)
        elif record.outcome is _OUT.WARNING_LETTER and not _closed_out(record, group):
            unconfirmed.append((record, clearing))
    barred: set[Framework] = set()
    if blocked:
        sites = {(record.framework, record.site) for record in relevant}
        for framework in {framework for framework, _ in blocked}:
            if (framework, None) in blocked or not any(
                f is framework and site is not None and (f, site) not in blocked
                for f, site in sites
            ):
                barred.add(framework)
    return _Standing(
        blocking=tuple(blocking),
        excluding=tuple(record for record in blocking if record.framework in barred),
        elsewhere=tuple(elsewhere),
        unconfirmed=tuple(unconfirmed),
    )


def _closed_out(letter: Inspection, group: Iterable[Inspection]) -> bool:
    """Whether a close-out letter after ``letter`` is on record."""
    return any(
        other.outcome is _OUT.CLOSE_OUT_LETTER
        and other.regulator is letter.regulator
        and _later(other, letter)
        for other in group
    )


def _has_unacceptable(work: Requirements, partner: Partner) -> bool:
    """Whether the partner has an unacceptable record of the work's frameworks at all."""
    frameworks = work.frameworks
    for record in partner.inspections:
        if record.outcome in _CLEARED_BY and record.framework in frameworks:
            return True
    return False


def _not_blocked(work: Requirements, partner: Partner) -> tuple[Failure, ...]:
    """The partner must not be blocked as a whole, nor at every site it has records for."""
    if not partner.inspections or not _has_unacceptable(work, partner):
        return _PASSES  # nothing unacceptable of the work's frameworks: nothing to judge
    standing = work.standing(partner)
    return tuple(map(_blocked, standing.excluding))


def _block_words(record: Inspection) -> str:
    """What an uncleared unacceptable record is and means, in one clause."""
    outcome = record.outcome
    if outcome is _OUT.NON_COMPLIANT:
        market = {Regulator.EMA: "the EU/EEA", Regulator.MHRA: "the UK"}.get(record.regulator)
        meaning = f"it can stop supply from the site to {market}" if market else _MEANING[outcome]
        since = "with no GMP certificate since"
    elif outcome is _OUT.IMPORT_ALERT:
        meaning, since = _MEANING[outcome], "not removed"
    elif outcome is _OUT.WARNING_LETTER:
        meaning = _MEANING[outcome]
        since = f"not closed out, and no acceptable {record.regulator.label} inspection since"
    elif outcome is _OUT.OFFICIAL_ACTION_INDICATED and record.regulator is Regulator.FDA:
        meaning = _MEANING[outcome]
        since = "with no acceptable FDA re-inspection since"
    else:
        meaning = f"{record.regulator.label} found the site unacceptable"
        since = f"with no acceptable {record.regulator.label} inspection since"
    whole = ""
    if record.site is None:
        whole = (
            "; the record names no site, so it stands against the whole partner until you "
            "give it the site's FEI number or identifier"
        )
    return f"{record.summary}, {since}: {meaning}{whole}"


@lru_cache(maxsize=256)
def _blocked(record: Inspection) -> Failure:
    return Failure(
        reason=Reason(
            criterion=Criterion.REGULATORY_TRACK_RECORD,
            text=f"is blocked by {_block_words(record)}",
            source=_block_source(record),
        ),
        handoff=f"is blocked by {record.summary}",
        rule="a blocked site",
    )


def _block_source(record: Inspection) -> str:
    if record.framework is Framework.GCP and record.regulator is Regulator.FDA:
        return f"{_BLOCK_SOURCES.get(record.outcome, FDA_INSPECTION_CLASSIFICATION)}; {FDA_BIMO}"
    return _BLOCK_SOURCES.get(record.outcome, FDA_INSPECTION_CLASSIFICATION)


@lru_cache(maxsize=256)
def _blocked_site(record: Inspection) -> Reason:
    return Reason(
        criterion=Criterion.REGULATORY_TRACK_RECORD,
        text=(
            f"one of its sites is blocked by {_block_words(record)}; its other sites are "
            f"clear: make sure the work is done at one of them"
        ),
        source=_block_source(record),
    )


@lru_cache(maxsize=256)
def _elsewhere(record: Inspection, markets: frozenset[Market]) -> Reason:
    targets = " or ".join(m.label for m in in_declared_order(markets))
    return Reason(
        criterion=Criterion.REGULATORY_TRACK_RECORD,
        text=(
            f"{record.summary}, not cleared: not a bar to supply to {targets}, which "
            f"{record.regulator.in_prose} {'do' if record.regulator is Regulator.EMA else 'does'} "
            f"not regulate; consider a for-cause audit"
        ),
        source=_block_source(record),
    )


@lru_cache(maxsize=256)
def _unconfirmed(letter: Inspection, after: Inspection) -> Reason:
    return Reason(
        criterion=Criterion.REGULATORY_TRACK_RECORD,
        text=(
            f"{letter.summary}: an acceptable FDA inspection followed ({after.when}), but no "
            f"close-out letter on record: confirm the letter's status"
        ),
        source=FDA_WARNING_LETTERS,
    )
