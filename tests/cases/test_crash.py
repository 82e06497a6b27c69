"""A decision interrupted by SIGKILL before its transaction commits leaves nothing behind, and the
case can be decided afterwards with the audit chain intact; on both databases."""

import os
import signal
import subprocess
import sys

from sqlalchemy import func, select

from rightsgate.audit.service import verify_chain
from rightsgate.cases.decisions import record_decision
from rightsgate.cases.models import Decision, Transition
from rightsgate.cases.schemas import DecisionCreate
from rightsgate.cases.service import get_case
from rightsgate.cases.workflow import Status
from rightsgate.db import session_scope
from tests.builders import REVIEWER
from tests.cases.test_decisions import under_review

DECIDE_THEN_HANG = """
import sys, time
from rightsgate.auth.permissions import Actor, Role
from rightsgate.cases.decisions import record_decision
from rightsgate.cases.schemas import DecisionCreate
from rightsgate.cases.service import get_case
from rightsgate.db import make_engine, session_scope
from rightsgate.settings import Settings

settings = Settings()
with session_scope(make_engine(settings)) as session:
    reviewer = Actor("rui", Role.reviewer)
    case = get_case(session, case_id=int(sys.argv[1]), actor=reviewer)
    decision = DecisionCreate(action="execute")
    record_decision(session, case, decision=decision, actor=reviewer, settings=settings)
    session.flush()
    print("written, not committed", flush=True)
    time.sleep(120)
"""


def test_a_decision_killed_before_commit_leaves_nothing(engine, law, settings) -> None:
    with session_scope(engine) as session:
        case_id = under_review(session, law, settings).id
        events_before = verify_chain(session).count
    env = os.environ | {"RIGHTSGATE_DATABASE_URL": settings.database_url}
    process = subprocess.Popen(
        [sys.executable, "-c", DECIDE_THEN_HANG, str(case_id)], env=env, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout.readline().strip() == "written, not committed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(Decision)) == 0
        assert get_case(session, case_id=case_id, actor=REVIEWER).status == Status.under_review
        chain = verify_chain(session)
        assert chain.ok and chain.count == events_before
    with session_scope(engine) as session:
        case = get_case(session, case_id=case_id, actor=REVIEWER)
        record_decision(
            session, case, decision=DecisionCreate(action="execute"), actor=REVIEWER, settings=settings
        )
    with session_scope(engine) as session:
        assert get_case(session, case_id=case_id, actor=REVIEWER).status == Status.decided
        assert session.scalar(select(func.count()).select_from(Transition)) == 2
        assert verify_chain(session).ok
