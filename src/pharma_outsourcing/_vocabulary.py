"""The library's vocabulary: small enums shared by every other module.

Every enum here is a :class:`enum.StrEnum` whose values are the member names in lower
kebab-case (``Phase.PHASE_2`` is ``"phase-2"``); those values are the serialised form
and never change once released. Each enum has a :meth:`~Vocabulary.parse` classmethod
that accepts the value, the member name and common spellings and abbreviations, case-
and punctuation-insensitively, and refuses anything else with an
:class:`~pharma_outsourcing.UnknownValueError` that names the allowed values and the
nearest match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from enum import Enum, StrEnum
from functools import cache
from typing import Self, TypeVar

from ._errors import InvalidInputError, UnknownValueError, nearest

__all__ = [
    "Criterion",
    "DosageForm",
    "Market",
    "Modality",
    "OrganisationType",
    "Phase",
    "Regulator",
    "Stage",
    "TherapeuticArea",
    "Vocabulary",
    "declared_position",
    "in_declared_order",
    "phases_between",
    "register_aliases",
    "register_labels",
]

E = TypeVar("E", bound=Enum)

# American and other spellings mapped onto one form before matching, applied alike to
# the vocabulary and to what a user types, so either spelling finds the member.
_SPELLINGS = (
    ("iz", "is"),
    ("yz", "ys"),
    ("eling", "elling"),
    ("haem", "hem"),
    ("paed", "ped"),
    ("tumour", "tumor"),
    ("centre", "center"),
    ("&", "and"),
    ("+", "and"),
)
_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")
_ALIASES: dict[type[StrEnum], dict[str, str]] = {}
_LABELS: dict[str, str] = {}  # "ClassName.value" -> label, for members not labelled by rule
_LABEL_OF: dict[int, str] = {}  # id(member) -> its label, once worked out (members live on)


def _normalise(text: str) -> str:
    """Fold case, unify spellings and drop punctuation and spaces."""
    folded = text.casefold()
    for old, new in _SPELLINGS:
        folded = folded.replace(old, new)
    return _NOT_ALPHANUMERIC.sub("", folded)


def _label(cls: type) -> str:
    """``TherapeuticArea`` -> ``therapeutic area``: the vocabulary's name in words."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()


def in_declared_order(members: Iterable[E]) -> list[E]:
    """Enum members in the order their enum declares them (phases in order of development).

    Members of different enums are ordered by enum name first.

    Example:
        >>> in_declared_order({Phase.PHASE_2, Phase.DISCOVERY})
        [<Phase.DISCOVERY: 'discovery'>, <Phase.PHASE_2: 'phase-2'>]
    """
    return sorted(members, key=declared_position)


def declared_position(member: Enum) -> tuple[str, int]:
    """The sort key of :func:`in_declared_order`: the enum's name, then the member's place.

    Example:
        >>> declared_position(Phase.PHASE_1) < declared_position(Phase.PHASE_2)
        True
    """
    found = _POSITION.get(id(member))
    if found is None:
        kind = type(member)
        found = _POSITION[id(member)] = (kind.__name__, _positions(kind)[member])
    return found


# Each member's sort key, by the member's identity: members are singletons that live as
# long as their enum, and members of two enums may share a value (so compare equal).
_POSITION: dict[int, tuple[str, int]] = {}


@cache
def _positions(cls: type[Enum]) -> dict[Enum, int]:
    return {member: index for index, member in enumerate(cls)}


def register_aliases(cls: type[StrEnum], aliases: Mapping[str, str]) -> None:
    """Record extra spellings (alias -> member value) that ``cls.parse`` accepts."""
    _ALIASES.setdefault(cls, {}).update(aliases)


def register_labels(cls: type[StrEnum], labels: Mapping[str, str]) -> None:
    """Record the prose labels (member value -> label) of members not labelled by rule.

    By rule a member's label is its value with hyphens as spaces (``phase-2`` is
    "phase 2"); abbreviations, hyphenated compounds and proper names are registered.
    """
    for value, label in labels.items():
        member = cls(value)
        _LABELS[f"{cls.__name__}.{member.value}"] = label
        _LABEL_OF.pop(id(member), None)


@cache
def _lookup(cls: type[StrEnum]) -> dict[str, StrEnum]:
    """Every accepted spelling of ``cls``'s members, normalised, mapped to its member."""
    table: dict[str, StrEnum] = {}
    for alias, value in _ALIASES.get(cls, {}).items():
        table[_normalise(alias)] = cls(value)
    for member in cls:
        table[_normalise(member.name)] = member
        table[_normalise(member.value)] = member
    return table


class Vocabulary(StrEnum):
    """Base of the library's enums: kebab-case values, prose labels and a forgiving ``parse``."""

    @property
    def label(self) -> str:
        """The member in prose: what reasons and displays print, never the value.

        Example:
            >>> from pharma_outsourcing import Phase, Service
            >>> Phase.PHASE_2.label, Service.API_PRODUCTION.label, Service.SCALE_UP.label
            ('phase 2', 'API production', 'scale-up')
        """
        found = _LABEL_OF.get(id(self))
        if found is None:
            found = _LABELS.get(f"{type(self).__name__}.{self.value}") or self.value.replace(
                "-", " "
            )
            _LABEL_OF[id(self)] = found
        return found

    @classmethod
    def parse(cls, text: str, *, field: str | None = None) -> Self:
        """Return the member that ``text`` names.

        Accepts the member's value, its name and the common spellings and abbreviations
        registered for it, ignoring case, spaces and punctuation, with British and
        American spellings alike.

        Args:
            text: What the user wrote, or a member (returned as it is).
            field: The field being read, named in the error message; defaults to the
                vocabulary's name.

        Raises:
            UnknownValueError: ``text`` names no member; the message lists the allowed
                values and the nearest match.
            InvalidInputError: ``text`` is not a string.

        Example:
            >>> from pharma_outsourcing import Phase
            >>> Phase.parse("Phase II")
            <Phase.PHASE_2: 'phase-2'>
        """
        if isinstance(text, cls):
            return text
        name = field or _label(cls)
        allowed = ", ".join(member.value for member in cls)
        if not isinstance(text, str):
            raise InvalidInputError(field=name, value=text, problem="is not text", allowed=allowed)
        member = _lookup(cls).get(_normalise(text))
        if member is None:
            raise UnknownValueError(
                field=name,
                value=text,
                problem=f"is not a known {_label(cls)}",
                allowed=allowed,
                suggestion=_suggest(cls, text),
            )
        return member  # type: ignore[return-value]  # _lookup(cls) holds members of cls

    @classmethod
    def parse_many(cls, texts: Iterable[str], *, field: str | None = None) -> frozenset[Self]:
        """Parse each of ``texts`` (see :meth:`parse`) into a frozenset of members.

        Example:
            >>> from pharma_outsourcing import Market
            >>> sorted(Market.parse_many(["USA", "Europe"]))
            [<Market.EU: 'eu'>, <Market.US: 'us'>]
        """
        if isinstance(texts, str):
            raise _not_a_collection(cls, texts, field, "is a single text, not a collection")
        if not isinstance(texts, Iterable):  # untyped callers may pass anything
            raise _not_a_collection(cls, texts, field, "is not a collection")
        return frozenset(cls.parse(text, field=field) for text in texts)


def _not_a_collection(
    cls: type[StrEnum], value: object, field: str | None, problem: str
) -> InvalidInputError:
    """The error of :meth:`Vocabulary.parse_many` for ``value``, which is not a collection."""
    return InvalidInputError(
        field=field or _label(cls),
        value=value,
        problem=problem,
        allowed=f"a list of {_label(cls)} values",
    )


def _suggest(cls: type[StrEnum], text: str) -> str | None:
    """The value of the member whose spelling is nearest to ``text``."""
    table = _lookup(cls)
    key = nearest(_normalise(text), table)
    return None if key is None else table[key].value


class OrganisationType(Vocabulary):
    """The three kinds of contract organisation.

    - ``CRO``: contract research organisation (research and clinical development);
    - ``CMO``: contract manufacturing organisation (manufacturing);
    - ``CDMO``: contract development and manufacturing organisation, which the guide
      defines as doing both.

    Example:
        >>> from pharma_outsourcing import OrganisationType
        >>> OrganisationType.parse("Contract Research Organization")
        <OrganisationType.CRO: 'cro'>
    """

    CRO = "cro"
    CMO = "cmo"
    CDMO = "cdmo"


register_aliases(
    OrganisationType,
    {
        "contract research organisation": "cro",
        "contract research": "cro",
        "research organisation": "cro",
        "contract manufacturing organisation": "cmo",
        "contract manufacturer": "cmo",
        "contract manufacturing": "cmo",
        "contract development and manufacturing organisation": "cdmo",
        "contract development and manufacturing": "cdmo",
        "crdmo": "cdmo",
        "contract research development and manufacturing organisation": "cdmo",
    },
)


register_labels(OrganisationType, {"cro": "CRO", "cmo": "CMO", "cdmo": "CDMO"})


class Stage(Vocabulary):
    """The broad stage of development a :class:`Phase` belongs to.

    Example:
        >>> from pharma_outsourcing import Phase, Stage
        >>> Phase.PHASE_2.stage is Stage.MID
        True
    """

    EARLY = "early"
    MID = "mid"
    LATE = "late"
    POST_APPROVAL = "post-approval"


register_labels(Stage, {"post-approval": "post-approval"})

register_aliases(
    Stage,
    {
        "early stage": "early",
        "mid stage": "mid",
        "middle": "mid",
        "late stage": "late",
        "post approval": "post-approval",
        "postmarketing": "post-approval",
        "post marketing": "post-approval",
        "commercial": "post-approval",
    },
)


class Phase(Vocabulary):
    """A phase of drug development, totally ordered by position in development.

    ``REGULATORY_REVIEW`` is a marketing application (NDA, BLA, MAA) under review;
    ``COMMERCIAL`` an approved product on the market. Phases 1 to 3 are those of
    21 CFR 312.21.

    Unlike plain strings, phases compare by position: ``Phase.PHASE_1 < Phase.PHASE_3``
    and ``Phase.PHASE_3 < Phase.COMMERCIAL``.

    Example:
        >>> from pharma_outsourcing import Phase
        >>> Phase.parse("P2") < Phase.parse("phase III")
        True
        >>> Phase.DISCOVERY < Phase.COMMERCIAL
        True
    """

    DISCOVERY = "discovery"
    PRECLINICAL = "preclinical"
    PHASE_1 = "phase-1"
    PHASE_2 = "phase-2"
    PHASE_3 = "phase-3"
    REGULATORY_REVIEW = "regulatory-review"
    COMMERCIAL = "commercial"

    @property
    def position(self) -> int:
        """The phase's position in development, from 0 (discovery) to 6 (commercial)."""
        return _PHASE_POSITION[self]

    @property
    def stage(self) -> Stage:
        """The stage of development this phase belongs to.

        Early: discovery, preclinical, phase 1; mid: phase 2; late: phase 3 and
        regulatory review; post-approval: commercial.
        """
        return _PHASE_STAGE[self]

    def __lt__(self, other: object) -> bool:
        if isinstance(other, Phase):
            return _PHASE_POSITION[self] < _PHASE_POSITION[other]
        return NotImplemented

    def __le__(self, other: object) -> bool:
        if isinstance(other, Phase):
            return _PHASE_POSITION[self] <= _PHASE_POSITION[other]
        return NotImplemented

    def __gt__(self, other: object) -> bool:
        if isinstance(other, Phase):
            return _PHASE_POSITION[self] > _PHASE_POSITION[other]
        return NotImplemented

    def __ge__(self, other: object) -> bool:
        if isinstance(other, Phase):
            return _PHASE_POSITION[self] >= _PHASE_POSITION[other]
        return NotImplemented


_PHASES = tuple(Phase)
_PHASE_POSITION = {phase: position for position, phase in enumerate(_PHASES)}
_PHASE_STAGE = {
    Phase.DISCOVERY: Stage.EARLY,
    Phase.PRECLINICAL: Stage.EARLY,
    Phase.PHASE_1: Stage.EARLY,
    Phase.PHASE_2: Stage.MID,
    Phase.PHASE_3: Stage.LATE,
    Phase.REGULATORY_REVIEW: Stage.LATE,
    Phase.COMMERCIAL: Stage.POST_APPROVAL,
}


def phases_between(first: Phase, last: Phase) -> tuple[Phase, ...]:
    """The phases from ``first`` to ``last``, both included, in order (empty if reversed).

    Example:
        >>> [p.value for p in phases_between(Phase.PHASE_3, Phase.COMMERCIAL)]
        ['phase-3', 'regulatory-review', 'commercial']
    """
    return _PHASES[_PHASE_POSITION[first] : _PHASE_POSITION[last] + 1]


register_aliases(
    Phase,
    {
        "research": "discovery",
        "drug discovery": "discovery",
        "lead optimisation": "discovery",
        "pre clinical": "preclinical",
        "nonclinical": "preclinical",
        "non clinical": "preclinical",
        "ind enabling": "preclinical",
        "phase i": "phase-1",
        "phase ia": "phase-1",
        "phase ib": "phase-1",
        "phase 1a": "phase-1",
        "phase 1b": "phase-1",
        "p1": "phase-1",
        "ph1": "phase-1",
        "first in human": "phase-1",
        "fih": "phase-1",
        "phase ii": "phase-2",
        "phase iia": "phase-2",
        "phase iib": "phase-2",
        "phase 2a": "phase-2",
        "phase 2b": "phase-2",
        "p2": "phase-2",
        "ph2": "phase-2",
        "proof of concept": "phase-2",
        "phase iii": "phase-3",
        "phase 3a": "phase-3",
        "phase 3b": "phase-3",
        "p3": "phase-3",
        "ph3": "phase-3",
        "pivotal": "phase-3",
        "review": "regulatory-review",
        "registration": "regulatory-review",
        "filing": "regulatory-review",
        "submission": "regulatory-review",
        "nda": "regulatory-review",
        "bla": "regulatory-review",
        "maa": "regulatory-review",
        "approved": "commercial",
        "marketed": "commercial",
        "market": "commercial",
        "post approval": "commercial",
        "postmarketing": "commercial",
        "phase 4": "commercial",
        "phase iv": "commercial",
        "p4": "commercial",
    },
)


class Criterion(Vocabulary):
    """The six partner-selection criteria, in the guide's order.

    1. stage of development; 2. technical expertise; 3. regulatory track record;
    4. scalability; 5. geographic footprint; 6. cultural fit and communication.

    Example:
        >>> from pharma_outsourcing import Criterion
        >>> Criterion.parse("track record")
        <Criterion.REGULATORY_TRACK_RECORD: 'regulatory-track-record'>
    """

    STAGE_OF_DEVELOPMENT = "stage-of-development"
    TECHNICAL_EXPERTISE = "technical-expertise"
    REGULATORY_TRACK_RECORD = "regulatory-track-record"
    SCALABILITY = "scalability"
    GEOGRAPHIC_FOOTPRINT = "geographic-footprint"
    CULTURAL_FIT = "cultural-fit"


register_aliases(
    Criterion,
    {
        "stage": "stage-of-development",
        "development stage": "stage-of-development",
        "phase": "stage-of-development",
        "expertise": "technical-expertise",
        "technical": "technical-expertise",
        "capability": "technical-expertise",
        "regulatory": "regulatory-track-record",
        "track record": "regulatory-track-record",
        "compliance": "regulatory-track-record",
        "quality": "regulatory-track-record",
        "scale": "scalability",
        "capacity": "scalability",
        "geography": "geographic-footprint",
        "footprint": "geographic-footprint",
        "global reach": "geographic-footprint",
        "culture": "cultural-fit",
        "communication": "cultural-fit",
        "cultural fit and communication": "cultural-fit",
        "fit": "cultural-fit",
    },
)


class Regulator(Vocabulary):
    """A medicines regulator.

    ``EMA`` stands for the EU/EEA competent authorities: EMA coordinates, and the
    national competent authorities of the member states inspect, issue GMP certificates
    and publish statements of non-compliance in EudraGMDP (see DOMAIN.md, "Track
    records"). Its label says so; its value stays ``ema``.

    Example:
        >>> from pharma_outsourcing import Regulator
        >>> Regulator.parse("Food and Drug Administration")
        <Regulator.FDA: 'fda'>
    """

    FDA = "fda"
    EMA = "ema"
    MHRA = "mhra"
    PMDA = "pmda"
    NMPA = "nmpa"
    HEALTH_CANADA = "health-canada"
    TGA = "tga"
    ANVISA = "anvisa"
    CDSCO = "cdsco"
    SWISSMEDIC = "swissmedic"
    MFDS = "mfds"

    @property
    def in_prose(self) -> str:
        """The regulator as a sentence names it: its label, with "the" for the EU/EEA's.

        Example:
            >>> from pharma_outsourcing import Regulator
            >>> Regulator.EMA.in_prose, Regulator.FDA.in_prose
            ('the EU/EEA competent authorities', 'FDA')
        """
        return f"the {self.label}" if self is Regulator.EMA else self.label


register_labels(
    Regulator,
    {
        "fda": "FDA",
        "ema": "EU/EEA competent authorities",
        "mhra": "MHRA",
        "pmda": "PMDA",
        "nmpa": "NMPA",
        "health-canada": "Health Canada",
        "tga": "TGA",
        "anvisa": "ANVISA",
        "cdsco": "CDSCO",
        "swissmedic": "Swissmedic",
        "mfds": "MFDS",
    },
)


register_aliases(
    Regulator,
    {
        "us fda": "fda",
        "food and drug administration": "fda",
        "european medicines agency": "ema",
        "medicines and healthcare products regulatory agency": "mhra",
        "pharmaceuticals and medical devices agency": "pmda",
        "national medical products administration": "nmpa",
        "cfda": "nmpa",
        "hc": "health-canada",
        "therapeutic goods administration": "tga",
        "agencia nacional de vigilancia sanitaria": "anvisa",
        "central drugs standard control organisation": "cdsco",
        "ministry of food and drug safety": "mfds",
        "kfda": "mfds",
    },
)


class Market(Vocabulary):
    """A market where a sponsor runs trials or sells, or where a partner operates.

    Each market has the :attr:`regulator` that authorises trials and products in it.

    Example:
        >>> from pharma_outsourcing import Market
        >>> Market.parse("United Kingdom").regulator
        <Regulator.MHRA: 'mhra'>
    """

    US = "us"
    EU = "eu"
    UK = "uk"
    JAPAN = "japan"
    CHINA = "china"
    CANADA = "canada"
    AUSTRALIA = "australia"
    BRAZIL = "brazil"
    INDIA = "india"
    SWITZERLAND = "switzerland"
    SOUTH_KOREA = "south-korea"

    @property
    def regulator(self) -> Regulator:
        """The regulator of this market (FDA for the US, EMA for the EU, ...)."""
        return _MARKET_REGULATOR[self]


register_labels(
    Market,
    {
        "us": "US",
        "eu": "EU",
        "uk": "UK",
        "japan": "Japan",
        "china": "China",
        "canada": "Canada",
        "australia": "Australia",
        "brazil": "Brazil",
        "india": "India",
        "switzerland": "Switzerland",
        "south-korea": "South Korea",
    },
)

_MARKET_REGULATOR = {
    Market.US: Regulator.FDA,
    Market.EU: Regulator.EMA,
    Market.UK: Regulator.MHRA,
    Market.JAPAN: Regulator.PMDA,
    Market.CHINA: Regulator.NMPA,
    Market.CANADA: Regulator.HEALTH_CANADA,
    Market.AUSTRALIA: Regulator.TGA,
    Market.BRAZIL: Regulator.ANVISA,
    Market.INDIA: Regulator.CDSCO,
    Market.SWITZERLAND: Regulator.SWISSMEDIC,
    Market.SOUTH_KOREA: Regulator.MFDS,
}

register_aliases(
    Market,
    {
        "usa": "us",
        "united states": "us",
        "united states of america": "us",
        "america": "us",
        "european union": "eu",
        "europe": "eu",
        "eea": "eu",
        "united kingdom": "uk",
        "great britain": "uk",
        "gb": "uk",
        "britain": "uk",
        "jp": "japan",
        "jpn": "japan",
        "cn": "china",
        "prc": "china",
        "ca": "canada",
        "au": "australia",
        "br": "brazil",
        "in": "india",
        "ch": "switzerland",
        "kr": "south-korea",
        "korea": "south-korea",
        "republic of korea": "south-korea",
    },
)


class TherapeuticArea(Vocabulary):
    """A therapeutic area: what a CRO's technical expertise is judged on.

    Example:
        >>> from pharma_outsourcing import TherapeuticArea
        >>> TherapeuticArea.parse("Hematology")
        <TherapeuticArea.HAEMATOLOGY: 'haematology'>
    """

    ONCOLOGY = "oncology"
    HAEMATOLOGY = "haematology"
    IMMUNOLOGY = "immunology"
    INFECTIOUS_DISEASE = "infectious-disease"
    NEUROLOGY = "neurology"
    PSYCHIATRY = "psychiatry"
    CARDIOVASCULAR = "cardiovascular"
    METABOLIC = "metabolic"
    RESPIRATORY = "respiratory"
    DERMATOLOGY = "dermatology"
    OPHTHALMOLOGY = "ophthalmology"
    GASTROENTEROLOGY = "gastroenterology"
    NEPHROLOGY = "nephrology"
    MUSCULOSKELETAL = "musculoskeletal"
    WOMENS_HEALTH = "womens-health"
    RARE_DISEASE = "rare-disease"


register_aliases(
    TherapeuticArea,
    {
        "cancer": "oncology",
        "onc": "oncology",
        "haematology oncology": "oncology",
        "blood disorders": "haematology",
        "autoimmune": "immunology",
        "inflammation": "immunology",
        "immunology and inflammation": "immunology",
        "infectious diseases": "infectious-disease",
        "infection": "infectious-disease",
        "id": "infectious-disease",
        "cns": "neurology",
        "neuroscience": "neurology",
        "mental health": "psychiatry",
        "cardiology": "cardiovascular",
        "cv": "cardiovascular",
        "metabolism": "metabolic",
        "endocrinology": "metabolic",
        "diabetes": "metabolic",
        "pulmonology": "respiratory",
        "gi": "gastroenterology",
        "renal": "nephrology",
        "women's health": "womens-health",
        "rare diseases": "rare-disease",
        "orphan": "rare-disease",
        "orphan disease": "rare-disease",
    },
)


class Modality(Vocabulary):
    """A therapeutic modality: part of what a CMO's technical expertise is judged on.

    Example:
        >>> from pharma_outsourcing import Modality
        >>> Modality.parse("mAb")
        <Modality.BIOLOGIC: 'biologic'>
    """

    SMALL_MOLECULE = "small-molecule"
    PEPTIDE = "peptide"
    OLIGONUCLEOTIDE = "oligonucleotide"
    BIOLOGIC = "biologic"
    ANTIBODY_DRUG_CONJUGATE = "antibody-drug-conjugate"
    VACCINE = "vaccine"
    CELL_THERAPY = "cell-therapy"
    GENE_THERAPY = "gene-therapy"
    MRNA = "mrna"
    VIRAL_VECTOR = "viral-vector"
    PLASMID_DNA = "plasmid-dna"


register_labels(
    Modality,
    {
        "antibody-drug-conjugate": "antibody-drug conjugate",
        "mrna": "mRNA",
        "plasmid-dna": "plasmid DNA",
    },
)


register_aliases(
    Modality,
    {
        "small molecules": "small-molecule",
        "sm": "small-molecule",
        "nce": "small-molecule",
        "peptides": "peptide",
        "oligo": "oligonucleotide",
        "oligonucleotides": "oligonucleotide",
        "antisense": "oligonucleotide",
        "sirna": "oligonucleotide",
        "biologics": "biologic",
        "protein": "biologic",
        "proteins": "biologic",
        "antibody": "biologic",
        "antibodies": "biologic",
        "monoclonal antibody": "biologic",
        "mab": "biologic",
        "protein antibody biologic": "biologic",
        "adc": "antibody-drug-conjugate",
        "vaccines": "vaccine",
        "cell": "cell-therapy",
        "car t": "cell-therapy",
        "gene": "gene-therapy",
        "aav": "gene-therapy",
        "messenger rna": "mrna",
        "viral vectors": "viral-vector",
        "vector": "viral-vector",
        "aav vector": "viral-vector",
        "lentiviral vector": "viral-vector",
        "lentivirus": "viral-vector",
        "adenoviral vector": "viral-vector",
        "plasmid": "plasmid-dna",
        "plasmids": "plasmid-dna",
        "pdna": "plasmid-dna",
    },
)


class DosageForm(Vocabulary):
    """A dosage form: part of what a CMO's technical expertise is judged on.

    Example:
        >>> from pharma_outsourcing import DosageForm
        >>> DosageForm.parse("lyophilized powder")
        <DosageForm.LYOPHILISED_POWDER: 'lyophilised-powder'>
    """

    ORAL_SOLID = "oral-solid"
    ORAL_LIQUID = "oral-liquid"
    STERILE_INJECTABLE = "sterile-injectable"
    LYOPHILISED_POWDER = "lyophilised-powder"
    TOPICAL = "topical"
    INHALED = "inhaled"
    OPHTHALMIC = "ophthalmic"
    TRANSDERMAL = "transdermal"
    NASAL = "nasal"


register_aliases(
    DosageForm,
    {
        "tablet": "oral-solid",
        "tablets": "oral-solid",
        "capsule": "oral-solid",
        "capsules": "oral-solid",
        "osd": "oral-solid",
        "oral solid dose": "oral-solid",
        "solution": "oral-liquid",
        "suspension": "oral-liquid",
        "syrup": "oral-liquid",
        "injectable": "sterile-injectable",
        "injection": "sterile-injectable",
        "parenteral": "sterile-injectable",
        "sterile": "sterile-injectable",
        "fill finish": "sterile-injectable",
        "lyophilised": "lyophilised-powder",
        "lyo": "lyophilised-powder",
        "freeze dried": "lyophilised-powder",
        "cream": "topical",
        "ointment": "topical",
        "gel": "topical",
        "inhalation": "inhaled",
        "inhaler": "inhaled",
        "eye drops": "ophthalmic",
        "patch": "transdermal",
        "nasal spray": "nasal",
        "intranasal": "nasal",
    },
)
