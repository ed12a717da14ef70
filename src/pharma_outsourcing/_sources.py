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
    "CFR_312_32",
    "CFR_312_52",
    "CFR_314_70",
    "CFR_314_80_600_80",
    "EU_520_2012_ART_6",
    "EU_536_2014_ART_42_43",
    "EU_536_2014_ART_71",
    "EU_2001_83_ART_8_3_IA",
    "EU_2017_1569",
    "EU_2017_1569_ART_13",
    "EU_2017_1572_ART_12",
    "EU_GDP_CHAPTER_7",
    "EU_GLP_DIRECTIVES",
    "EU_GMP_ANNEX_16",
    "EU_GMP_CERTIFICATES",
    "EU_GMP_CHAPTER_7",
    "EU_IMPORTATION",
    "FDA_BIMO",
    "FDA_DATA_DASHBOARD",
    "FDA_FORM_1571",
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
    "ICH_Q7_19",
    "ICH_Q10_2_7",
    "PRACTICE_CRO_AND_CDMO",
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
PRACTICE_CRO_AND_CDMO = (
    "Practice (a professional's reading, no regulation): few companies run clinical "
    "operations and manufacturing together; most sponsors that want one manufacturing "
    "partner from first clinical supply to commercial engage a CRO and a CDMO"
)
"""DOMAIN.md's practice note on integrated partners, cited where ``recommend`` relies on it."""

CFR_312_52 = "21 CFR 312.52(a)-(b): transfer of obligations to a CRO, in writing"
CFR_58_10 = "21 CFR 58.10: applicability of GLP to studies performed under contract"
CFR_210_2C = "21 CFR 210.2(c): CGMP for Phase 1 investigational drugs"
ICH_E6_R2_5_2 = "ICH E6(R2) 5.2.1-5.2.4: contract research organisation"
ICH_E6_R3_3_6 = "ICH E6(R3) 3.6: agreements with service providers"
EU_520_2012_ART_6 = "EU Implementing Regulation 520/2012 Art. 6: subcontracting pharmacovigilance"
FDA_QUALITY_AGREEMENTS_2016 = (
    "FDA guidance 'Contract Manufacturing Arrangements for Drugs: Quality Agreements' (Nov 2016)"
)
ICH_Q7_16 = (
    'ICH Q7 section 16, "Contract Manufacturers (including Laboratories)" (partly secondary)'
)
ICH_Q10_2_7 = (
    'ICH Q10 (2008) section 2.7, "Management of Outsourced Activities and Purchased Materials"'
)
EU_GMP_CHAPTER_7 = 'EU GMP Part I Chapter 7, "Outsourced Activities"'
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

# Added for reading FDA's public exports (DESIGN.md §13): what the Data Dashboard leaves out.
FDA_DATA_DASHBOARD = (
    "FDA Data Dashboard, inspections: final classifications only, without state, "
    "pre-approval or nonclinical laboratory inspections; OAI classifications can lag"
)

# Added for agreements_for (DESIGN.md §8, changed in 0.2): each written agreement by phase
# and jurisdiction. Secondary sources (DOMAIN.md) begin with "see".
FDA_FORM_1571 = "see: Form FDA 1571, where the IND lists the obligations transferred to a CRO"
CFR_312_32 = "21 CFR 312.32: IND safety reporting"
EU_536_2014_ART_42_43 = (
    "Regulation (EU) 536/2014 Art. 42-43: reporting of SUSARs to EudraVigilance and the "
    "annual safety report"
)
EU_536_2014_ART_71 = (
    "see: EU Clinical Trials Regulation 536/2014 Art. 71: the sponsor may delegate tasks by "
    "written contract and keeps responsibility"
)
EU_2001_83_ART_8_3_IA = (
    "Directive 2001/83/EC Art. 8(3)(ia): summary of the applicant's pharmacovigilance system, "
    "with proof of a QPPV and where the PV system master file is kept"
)
CFR_314_80_600_80 = (
    "21 CFR 314.80 (NDA) and 600.80 (BLA): post-marketing safety reporting, with written procedures"
)
EU_2017_1569_ART_13 = (
    "Commission Delegated Regulation (EU) 2017/1569 Art. 13: outsourced operations "
    "(investigational medicinal products)"
)
EU_2017_1572_ART_12 = (
    "Commission Directive (EU) 2017/1572 Art. 12: outsourced operations (authorised "
    "medicinal products)"
)
ICH_Q7_19 = "see: ICH Q7 section 19: APIs for use in clinical trials"
EU_IMPORTATION = (
    "see: EU GMP Annex 16 1.5.1 and Annex 21: importation into the EU, by an importer with a "
    "manufacturing/import authorisation and a Qualified Person"
)
EU_GDP_CHAPTER_7 = "see: EU GDP guidelines 2013/C 343/01 Chapter 7: outsourced activities"
# Added for plans: a transfer into commercial supply.
CFR_314_70 = (
    "21 CFR 314.70 (NDA; 601.12 for a BLA): changes to an approved application, a new "
    "manufacturing site among them"
)
