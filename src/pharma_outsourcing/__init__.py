"""pharma_outsourcing: when to engage a CRO, a CMO or a CDMO, and which partner fits.

Pure, typed, explainable functions over immutable value objects. See the documentation
for a tutorial, guides and the concepts behind every rule.

Example:
    >>> import pharma_outsourcing as po
    >>> rec = po.recommend(po.SponsorProfile(phase=po.Phase.PRECLINICAL))
    >>> [t.value for t in rec.engage]
    ['cro']
"""

from importlib.metadata import PackageNotFoundError, version

from ._criteria import (
    CRITERIA,
    HALF_LIFE_YEARS,
    Basis,
    Scored,
    cultural_fit,
    geographic_footprint,
    latest_year,
    regulatory_track_record,
    scalability,
    stage_of_development,
    technical_expertise,
)
from ._errors import InvalidInputError, PharmaOutsourcingError, UnknownValueError
from ._organisations import TypeDescription, describe
from ._partners import Inspection, InspectionOutcome, Partner, Submission, SubmissionOutcome
from ._profile import SponsorProfile
from ._ranking import Assessment, Exclusion, Shortlist, Weights, rank
from ._recommend import Reason, Recommendation, lead_type, needs_cmo, needs_cro, recommend
from ._sensitivity import LeaderMargin, RankRange, Sensitivity, sensitivity
from ._services import (
    CATALOGUE,
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

try:
    __version__ = version("pharma-outsourcing")
except PackageNotFoundError:  # pragma: no cover - only when run from a source tree
    __version__ = "0+unknown"

__all__ = [
    "CATALOGUE",
    "CRITERIA",
    "HALF_LIFE_YEARS",
    "Assessment",
    "Basis",
    "Criterion",
    "DosageForm",
    "Exclusion",
    "Framework",
    "Inspection",
    "InspectionOutcome",
    "InvalidInputError",
    "LeaderMargin",
    "Market",
    "Modality",
    "OrganisationType",
    "Partner",
    "PharmaOutsourcingError",
    "Phase",
    "RankRange",
    "Reason",
    "Recommendation",
    "Regulator",
    "Scored",
    "Sensitivity",
    "Service",
    "ServiceCategory",
    "ServiceInfo",
    "Shortlist",
    "SponsorProfile",
    "Stage",
    "Submission",
    "SubmissionOutcome",
    "TherapeuticArea",
    "TypeDescription",
    "UnknownValueError",
    "Weights",
    "__version__",
    "cultural_fit",
    "describe",
    "geographic_footprint",
    "latest_year",
    "lead_type",
    "needs_cmo",
    "needs_cro",
    "providers_of",
    "rank",
    "recommend",
    "regulatory_track_record",
    "scalability",
    "sensitivity",
    "services_of",
    "stage_of_development",
    "technical_expertise",
    "typical_services",
]
