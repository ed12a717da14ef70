"""pharma_outsourcing: when to engage a CRO, a CMO or a CDMO, and which partner fits.

Pure, typed, explainable functions over immutable value objects. See the documentation
for a tutorial, guides and the concepts behind every rule.

Example:
    >>> import pharma_outsourcing as po
    >>> rec = po.recommend(po.SponsorProfile(phase=po.Phase.PRECLINICAL))
    >>> sorted(t.label for t in rec.engage), rec.assignments[po.Service.API_PRODUCTION].label
    (['CDMO', 'CRO'], 'CDMO')
"""

from typing import TYPE_CHECKING

from ._criteria import (
    CRITERIA,
    HALF_LIFE_YEARS,
    Basis,
    Evidence,
    Scored,
    cultural_fit,
    geographic_footprint,
    latest_year,
    regulatory_track_record,
    scalability,
    stage_of_development,
    technical_expertise,
)
from ._descriptions import TypeDescription, describe
from ._errors import (
    InvalidDataError,
    InvalidInputError,
    MissingFieldError,
    OutputError,
    PharmaOutsourcingError,
    UnknownKeyError,
    UnknownValueError,
)
from ._governance import (
    Agreement,
    Party,
    Responsibility,
    agreements_for,
    reports_to,
    sponsor_responsibilities,
)
from ._partners import (
    Audit,
    AuditOutcome,
    Inspection,
    InspectionOutcome,
    Partner,
    Standing,
    Submission,
    SubmissionOutcome,
)
from ._planning import compare_strategies, plan
from ._plans import (
    Engagement,
    Handoff,
    HandoffKind,
    PlanStep,
    SourcingPlan,
    Strategy,
    StrategyComparison,
)
from ._profile import SponsorProfile
from ._ranking import Assessment, Exclusion, Shortlist, Weights, rank
from ._reasons import Reason
from ._recommend import Recommendation, lead_type, needs_cmo, needs_cro, recommend
from ._records.record import PublicRecord
from ._screening import GMP_EVIDENCE_YEARS
from ._serialise.converter import converter
from ._serialise.files import (
    dump_partners,
    dump_profile,
    dumps_partners,
    dumps_profile,
    load_partners,
    load_profile,
    loads_partners,
    loads_profile,
    partners_from_pandas,
    partners_from_records,
)
from ._services import (
    CATALOGUE,
    DOSAGE_FORM_WORK,
    MODALITY_WORK,
    Capability,
    Framework,
    Service,
    ServiceCategory,
    ServiceInfo,
    providers_of,
    services_of,
    typical_services,
)
from ._vocabulary import (
    Criterion,
    DosageForm,
    Market,
    Modality,
    OrganisationType,
    Phase,
    Regulator,
    Stage,
    TherapeuticArea,
)

# Imported on first use, not with the library: each module is a feature of its own, and
# together they cost several milliseconds of import time.
_LAZY = {
    "load_fda_inspections": "_records.fda",
    "load_fda_warning_letters": "_records.fda",
    "ProductType": "_records.fda",
    "AmbiguousRecord": "_records.match",
    "match_records": "_records.match",
    "RecordMatch": "_records.match",
    "RecordSuggestion": "_records.match",
    "LeaderMargin": "_sensitivity",
    "RankRange": "_sensitivity",
    "Sensitivity": "_sensitivity",
    "sensitivity": "_sensitivity",
    "json_schema": "_serialise.schema",
}

if TYPE_CHECKING:
    from ._records.fda import ProductType, load_fda_inspections, load_fda_warning_letters
    from ._records.match import AmbiguousRecord, RecordMatch, RecordSuggestion, match_records
    from ._sensitivity import LeaderMargin, RankRange, Sensitivity, sensitivity
    from ._serialise.schema import json_schema

    __version__: str
else:

    def __getattr__(name: str) -> object:
        """Import the lazily loaded names, and compute ``__version__``, on first access.

        ``importlib.metadata`` is slow to import, hence the lazy ``__version__``. Hidden
        from type checkers, so that a misspelt name is still an error for them.
        """
        if name in _LAZY:
            from importlib import import_module  # noqa: PLC0415

            value = getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
            globals()[name] = value
            return value
        if name == "__version__":
            from importlib.metadata import version  # noqa: PLC0415

            return version("pharma-outsourcing")
        message = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(message)

    def __dir__() -> list[str]:
        """The module's names, the lazily loaded ones among them."""
        return sorted({*globals(), *_LAZY, "__version__"})


__all__ = [
    "CATALOGUE",
    "CRITERIA",
    "DOSAGE_FORM_WORK",
    "GMP_EVIDENCE_YEARS",
    "HALF_LIFE_YEARS",
    "MODALITY_WORK",
    "Agreement",
    "AmbiguousRecord",
    "Assessment",
    "Audit",
    "AuditOutcome",
    "Basis",
    "Capability",
    "Criterion",
    "DosageForm",
    "Engagement",
    "Evidence",
    "Exclusion",
    "Framework",
    "Handoff",
    "HandoffKind",
    "Inspection",
    "InspectionOutcome",
    "InvalidDataError",
    "InvalidInputError",
    "LeaderMargin",
    "Market",
    "MissingFieldError",
    "Modality",
    "OrganisationType",
    "OutputError",
    "Partner",
    "Party",
    "PharmaOutsourcingError",
    "Phase",
    "PlanStep",
    "ProductType",
    "PublicRecord",
    "RankRange",
    "Reason",
    "Recommendation",
    "RecordMatch",
    "RecordSuggestion",
    "Regulator",
    "Responsibility",
    "Scored",
    "Sensitivity",
    "Service",
    "ServiceCategory",
    "ServiceInfo",
    "Shortlist",
    "SourcingPlan",
    "SponsorProfile",
    "Stage",
    "Standing",
    "Strategy",
    "StrategyComparison",
    "Submission",
    "SubmissionOutcome",
    "TherapeuticArea",
    "TypeDescription",
    "UnknownKeyError",
    "UnknownValueError",
    "Weights",
    "__version__",
    "agreements_for",
    "compare_strategies",
    "converter",
    "cultural_fit",
    "describe",
    "dump_partners",
    "dump_profile",
    "dumps_partners",
    "dumps_profile",
    "geographic_footprint",
    "json_schema",
    "latest_year",
    "lead_type",
    "load_fda_inspections",
    "load_fda_warning_letters",
    "load_partners",
    "load_profile",
    "loads_partners",
    "loads_profile",
    "match_records",
    "needs_cmo",
    "needs_cro",
    "partners_from_pandas",
    "partners_from_records",
    "plan",
    "providers_of",
    "rank",
    "recommend",
    "regulatory_track_record",
    "reports_to",
    "scalability",
    "sensitivity",
    "services_of",
    "sponsor_responsibilities",
    "stage_of_development",
    "technical_expertise",
    "typical_services",
]
