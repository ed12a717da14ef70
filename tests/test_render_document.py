"""Tests of ``_render.document``: what the command line says for each result."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import pharma_outsourcing as po
import strategies
from pharma_outsourcing._render.document import (
    Heading,
    Paragraph,
    Table,
    description_document,
    shortlist_document,
    why_excluded,
)
from pharma_outsourcing._render.text import document_text


def test_exclusions_in_short() -> None:
    cro = po.Partner(name="A", organisation_type=po.OrganisationType.CRO)
    few = frozenset({po.Service.SITE_MONITORING, po.Service.API_PRODUCTION})
    shortlist = po.rank(po.SponsorProfile(phase=po.Phase.PHASE_2), [cro], services=few)
    (exclusion,) = shortlist.excluded
    # A CRO offers no API production (1 of the 2 services), which is GMP work.
    assert why_excluded(exclusion) == (
        "does not offer 1 of the 2 services it is ranked for; is not GMP-certified"
    )


def test_shortlist_document_without_note_or_exclusions() -> None:
    cro = po.Partner(name="A", organisation_type=po.OrganisationType.CRO)
    services = frozenset({po.Service.SITE_MONITORING})
    profile = po.SponsorProfile(phase=po.Phase.PHASE_2, services=services)
    text = document_text(shortlist_document(po.rank(profile, [cro]), "T"))
    assert text.startswith("T: 1 ranked, 0 excluded\n\n#  partner")
    assert "excluded  why" not in text


@given(strategies.shortlists(), st.none() | st.integers(min_value=1, max_value=9))
def test_shortlist_document_explains_the_leader_or_the_top(
    shortlist: po.Shortlist, top: int | None
) -> None:
    document = shortlist_document(shortlist, "T", top=top, note="N")
    assert document[:2] == (
        Heading(f"T: {len(shortlist.ranked)} ranked, {len(shortlist.excluded)} excluded"),
        Paragraph("N"),
    )
    explained = [b for b in document if isinstance(b, Heading) and b.text.startswith("Why #")]
    assert len(explained) == min(1 if top is None else top, len(shortlist.ranked))
    tables = [b for b in document if isinstance(b, Table)]
    assert len(tables) == bool(shortlist.ranked) + bool(shortlist.excluded) + len(explained)


def test_description_document_has_every_aspect_of_the_type() -> None:
    description = po.describe(po.OrganisationType.CDMO)
    heading, table = description_document(description)
    assert heading == Heading("CDMO: Contract Development and Manufacturing Organisation")
    assert isinstance(table, Table)
    assert [aspect for aspect, _ in table.rows] == [
        "primary role", "focus area", "expertise", "engagement stage", "end deliverable",
        "when to choose it", "services", "source",
    ]  # fmt: skip
    assert table.rows[-1] == ("source", description.source)
