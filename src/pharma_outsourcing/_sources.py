"""Citations of the sources the library's rules come from (see DOMAIN.md).

Each constant is the text a :class:`~pharma_outsourcing.Reason` (or an agreement) gives
as its ``source``. They name only sources recorded in the project's DOMAIN.md; where
DOMAIN.md marks a fact as checked only in a secondary summary, the citation says "see".
"""

from __future__ import annotations

__all__ = [
    "CFR_58",
    "CFR_58_10",
    "CFR_210_2C",
    "CFR_210_211",
    "CFR_211_22A",
    "CFR_312_52",
    "CFR_314_70",
    "EU_520_2012_ART_6",
    "EU_2017_1569",
    "EU_GLP_DIRECTIVES",
    "EU_GMP_ANNEX_16",
    "EU_GMP_CERTIFICATES",
    "EU_GMP_CHAPTER_7",
    "FDA_BIMO",
    "FDA_IMPORT_ALERTS",
    "FDA_INSPECTION_CLASSIFICATION",
    "FDA_PHASE_1_CGMP",
    "FDA_QUALITY_AGREEMENTS_2016",
    "FDA_WARNING_LETTERS",
    "GMP_CERTIFICATE_VALIDITY",
    "GUIDE",
    "ICH_E6_R2_5_2",
    "ICH_E6_R3_3_6",
    "ICH_Q7_16",
    "ICH_Q10_2_7",
    "SEED",
    "SEED_CDMO",
    "SEED_SELECTION",
]

GUIDE = (
    'P. K. Pandey, "CRO And CMO in Pharma: Key Differences, Roles, FAQs and What is CDMO", '
    "PharmaGuru (2025)"
)
"""The guide the model starts from, cited by its title (DOMAIN.md, first section)."""
SEED = f"{GUIDE}: CRO and CMO roles and engagement stages"
SEED_SELECTION = f"{GUIDE}: choosing a partner (six selection criteria)"
SEED_CDMO = f"{GUIDE}: the integrated CDMO model"

CFR_312_52 = "21 CFR 312.52(a)-(b): transfer of obligations to a CRO, in writing"
CFR_58_10 = "21 CFR 58.10: applicability of GLP to studies performed under contract"
CFR_210_2C = "21 CFR 210.2(c): CGMP for Phase 1 investigational drugs"
ICH_E6_R2_5_2 = "ICH E6(R2) 5.2.1-5.2.4: contract research organisation"
ICH_E6_R3_3_6 = "ICH E6(R3) 3.6: agreements with service providers"
EU_520_2012_ART_6 = "EU Implementing Regulation 520/2012 Art. 6: subcontracting pharmacovigilance"
FDA_QUALITY_AGREEMENTS_2016 = (
    "FDA guidance 'Contract Manufacturing Arrangements for Drugs: Quality Agreements' (Nov 2016)"
)
ICH_Q7_16 = "ICH Q7 section 16: contract manufacturers (including laboratories) (partly secondary)"
ICH_Q10_2_7 = "ICH Q10 section 2.7: management of outsourced activities and purchased materials"
EU_GMP_CHAPTER_7 = "EU GMP Part I Chapter 7: outsourced activities"
EU_GMP_ANNEX_16 = "EU GMP Annex 16: certification by a Qualified Person and batch release"

# Added for partner assessment (rank, sensitivity).
FDA_INSPECTION_CLASSIFICATION = (
    "FDA, 'Inspection classifications': no action indicated (NAI), voluntary action "
    "indicated (VAI), official action indicated (OAI); warning letters follow significant "
    "violations"
)
CFR_210_211 = "21 CFR 210 and 211: current good manufacturing practice (CGMP)"

# Added for screening (rank, plan): the evidence of compliance and what blocks a site.
CFR_58 = "21 CFR 58: good laboratory practice for nonclinical laboratory studies"
CFR_211_22A = (
    "21 CFR 211.22(a): the quality control unit approves or rejects drug products made "
    "under contract"
)
FDA_PHASE_1_CGMP = "FDA guidance 'CGMP for Phase 1 Investigational Drugs' (July 2008)"
EU_2017_1569 = (
    "Commission Delegated Regulation (EU) 2017/1569: GMP for investigational medicinal products"
)
EU_GLP_DIRECTIVES = (
    "Directives 2004/10/EC and 2004/9/EC: the principles of GLP and their inspection"
)
EU_GMP_CERTIFICATES = (
    "EMA, EudraGMDP: GMP certificates and statements of non-compliance (18 December 2013)"
)
GMP_CERTIFICATE_VALIDITY = (
    "see: EU GMP certificates are generally valid for at most three years from the inspection"
)
FDA_WARNING_LETTERS = "FDA, 'About Warning and Close-Out Letters'"
FDA_IMPORT_ALERTS = "FDA, 'Removal from Import Alert'"
FDA_BIMO = "FDA Compliance Program 7348.810: bioresearch monitoring of sponsors, CROs and monitors"

# Added for plans: a transfer into commercial supply.
CFR_314_70 = (
    "21 CFR 314.70 (NDA; 601.12 for a BLA): changes to an approved application, a new "
    "manufacturing site among them"
)
