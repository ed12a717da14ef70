"""pharma_outsourcing: when to engage a CRO, a CMO or a CDMO, and which partner fits.

Pure, typed, explainable functions over immutable value objects. See the documentation
for a tutorial, guides and the concepts behind every rule.

Example:
    >>> import pharma_outsourcing as po
    >>> rec = po.recommend(po.SponsorProfile(phase=po.Phase.PRECLINICAL))
    >>> [t.value for t in rec.engage]
    ['cro']
"""

from ._converter import converter
from ._errors import (
    InvalidDataError,
    InvalidInputError,
    MissingFieldError,
    PharmaOutsourcingError,
    UnknownKeyError,
    UnknownValueError,
)
from ._io import (
    dump_partners,
    dump_profile,
    dumps_partners,
    dumps_profile,
    load_partners,
    load_profile,
    loads_partners,
    loads_profile,
)
from ._organisations import TypeDescription, describe
from ._partners import Inspection, InspectionOutcome, Partner, Submission, SubmissionOutcome
from ._profile import SponsorProfile
from ._recommend import Reason, Recommendation, lead_type, needs_cmo, needs_cro, recommend
from ._schema import json_schema
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


def __getattr__(name: str) -> str:
    # ``__version__`` is read from the installed metadata only when asked for, as attrs
    # does: importing importlib.metadata costs more than the rest of the library.
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return version("pharma-outsourcing")
    except PackageNotFoundError:  # pragma: no cover - only when run from a source tree
        return "0+unknown"


__all__ = [
    "CATALOGUE",
    "Criterion",
    "DosageForm",
    "Framework",
    "Inspection",
    "InspectionOutcome",
    "InvalidDataError",
    "InvalidInputError",
    "Market",
    "MissingFieldError",
    "Modality",
    "OrganisationType",
    "Partner",
    "PharmaOutsourcingError",
    "Phase",
    "Reason",
    "Recommendation",
    "Regulator",
    "Service",
    "ServiceCategory",
    "ServiceInfo",
    "SponsorProfile",
    "Stage",
    "Submission",
    "SubmissionOutcome",
    "TherapeuticArea",
    "TypeDescription",
    "UnknownKeyError",
    "UnknownValueError",
    "__version__",
    "converter",
    "describe",
    "dump_partners",
    "dump_profile",
    "dumps_partners",
    "dumps_profile",
    "json_schema",
    "lead_type",
    "load_partners",
    "load_profile",
    "loads_partners",
    "loads_profile",
    "needs_cmo",
    "needs_cro",
    "providers_of",
    "recommend",
    "services_of",
    "typical_services",
]
