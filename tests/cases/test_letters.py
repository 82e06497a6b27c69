"""Letters: refusal with grounds, request for information with the exact list, conditions of use,
partial execution with what was withheld; in Markdown and HTML, each issue audited."""

import pytest

from rightsgate.audit.service import events
from rightsgate.cases.decisions import countersign
from rightsgate.cases.schemas import DecisionCreate
from rightsgate.cases.workflow import WorkflowError
from rightsgate.db import session_scope
from rightsgate.letters.render import render_letter
from tests.builders import REVIEWER, SUPERVISOR
from tests.cases.test_decisions import consult, decide, under_review


def test_a_refusal_letter_gives_the_grounds_with_citations_and_the_reasons(engine, law, settings) -> None:
    with session_scope(engine) as session:
        case = under_review(
            session, law, settings, authorisation={"kind": "police"}, data_requested=["content"]
        )
        consult(session, case)
        decision = decide(
            session,
            case,
            settings,
            action="refused",
            rationale="No judicial authorisation <b>.",
            grounds=["authorisation"],
        )
        countersign(session, decision, actor=SUPERVISOR)
        markdown = render_letter(session, case, kind="refusal", fmt="md", actor=REVIEWER)
        html = render_letter(session, case, kind="refusal", fmt="html", actor=REVIEWER)
        assert markdown.startswith("# Refusal of mutual legal assistance")
        assert (
            "## Grounds" in markdown and "uncc.24" in markdown and "authorisation is insufficient" in markdown
        )
        assert "Your reference: XA-2026-001" in markdown and "No judicial authorisation <b>." in markdown
        assert "<h1>Refusal" in html and "&lt;b&gt;" in html and "<li>" in html
        assert [e.payload["kind"] for e in events(session) if e.name == "letter.issued"] == ["refusal"] * 2


def test_a_request_for_information_lists_exactly_what_is_missing(engine, law, settings) -> None:
    with session_scope(engine) as session:
        case = under_review(session, law, settings, user_notification_delay_requested=None, purpose=None)
        text = render_letter(session, case, kind="more_information", fmt="md", actor=REVIEWER)
        assert "- purpose:" in text and "- user_notification_delay_requested:" in text


def test_partial_execution_says_what_was_withheld_with_conditions(engine, law, settings) -> None:
    with session_scope(engine) as session:
        case = under_review(session, law, settings, data_requested=["subscriber", "traffic"])
        fields = {
            "data_categories": ["subscriber"],
            "rationale": "Traffic data is not necessary.",
            "grounds": ["proportionality"],
        }
        decide(session, case, settings, action="execute_in_part", **fields)
        text = render_letter(session, case, kind="partial", fmt="md", actor=REVIEWER)
        assert "- subscriber data" in text and "- traffic data" in text.split("Withheld")[1]
        assert "Traffic data is not necessary." in text and "Onward transfer:" in text
        conditions = render_letter(session, case, kind="conditions", fmt="html", actor=REVIEWER)
        assert "<li>Purpose: Use only for the proceedings" in conditions


@pytest.mark.parametrize("kind", ["refusal", "conditions", "partial"])
def test_a_letter_needs_the_matching_effective_decision(engine, law, settings, kind) -> None:
    with session_scope(engine) as session:
        case = under_review(session, law, settings)
        with pytest.raises(WorkflowError, match=f"a {kind} letter needs an effective decision"):
            render_letter(session, case, kind=kind, fmt="md", actor=REVIEWER)


def test_no_information_letter_when_nothing_is_missing(engine, law, settings) -> None:
    with session_scope(engine) as session:
        case = under_review(session, law, settings)
        with pytest.raises(WorkflowError, match="asks for no more information"):
            render_letter(session, case, kind="more_information", fmt="md", actor=REVIEWER)
        assert DecisionCreate(action="execute").conditions.purpose
