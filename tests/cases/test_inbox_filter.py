"""The inbox's "flagged" filter: the latest advice has a human-rights finding that needs a person or
supports refusal (signs of protected activity, an expression offence, the requesting State's risks).
Being linked to another case, or needing review for another reason, is not a flag."""

from sqlalchemy import select

from rightsgate.cases.models import Assessment
from rightsgate.cases.queries import CaseFilter, list_cases
from rightsgate.cases.service import reassess
from rightsgate.db import session_scope
from tests.builders import AUDITOR, NOW, REVIEWER, a_case, a_request

JOURNALIST = "The suspect, a journalist, reported on the protest and the march in the capital."
SHARED = [{"kind": "email", "identifier": "shared@example.org"}]


def _flagged(session, flagged: bool) -> list[str]:
    page = list_cases(session, where=CaseFilter(flagged=flagged, per_page=100), actor=AUDITOR, now=NOW)
    return sorted(c.reference for c in page.items)


def test_flagged_means_a_human_rights_finding_for_a_person(engine, law, settings) -> None:
    with session_scope(engine) as session:
        a_case(session, law, settings, "XA-PLAIN")
        a_case(session, law, settings, "XA-SIGNS", facts=JOURNALIST)
        a_case(session, law, settings, "XA-LINK-1", targets=SHARED)
        a_case(session, law, settings, "XA-LINK-2", targets=SHARED)
        weighing = a_case(session, law, settings, "XA-CONTENT", data_requested=["content"])
        a_case(session, law, settings, "XC-RISKS", requesting_state="XC")
    with session_scope(engine) as session:
        query = select(Assessment.human_review_required).filter_by(case_id=weighing.id)
        needs_person = session.scalars(query)
        assert needs_person.one()  # proportionality needs a person: not a human-rights flag
        assert _flagged(session, True) == ["XA-SIGNS", "XC-RISKS"]
        assert _flagged(session, False) == ["XA-CONTENT", "XA-LINK-1", "XA-LINK-2", "XA-PLAIN"]
        page = list_cases(session, where=CaseFilter(per_page=100), actor=AUDITOR, now=NOW)
        linked = {c.reference for c in page.items if c.linked}
        assert linked == {"XA-LINK-1", "XA-LINK-2"}
        assert {c.reference for c in page.items if c.flagged} == {"XA-SIGNS", "XC-RISKS"}


def test_the_flag_follows_the_latest_assessment(engine, law, settings) -> None:
    with session_scope(engine) as session:
        case = a_case(session, law, settings, "XA-SIGNS", facts=JOURNALIST)
        assert _flagged(session, True) == ["XA-SIGNS"]
        calm = a_request("XA-SIGNS", facts="Payments were diverted from small firms by Jane Roe.")
        reassess(session, case, request=calm, actor=REVIEWER, law=law, settings=settings, now=NOW)
        assert _flagged(session, True) == []
        flags = session.scalars(select(Assessment.rights_flagged).order_by(Assessment.ordinal)).all()
        assert flags == [True, False]
