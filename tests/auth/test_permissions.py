"""The role-to-action table, checked in full."""

import itertools

import pytest

from rightsgate.auth.permissions import ACTIONS, ROLE_ACTIONS, Role, can

EXPECTED = {
    Role.intake: {"case:create", "case:view", "assessment:run"},
    Role.reviewer: {
        "case:view",
        "case:transition",
        "assessment:run",
        "consultation:record",
        "decision:record",
        "emergency:verify",
        "letter:issue",
    },
    Role.supervisor: {
        "case:view",
        "case:transition",
        "assessment:run",
        "consultation:record",
        "decision:record",
        "emergency:verify",
        "letter:issue",
        "decision:countersign",
        "report:publish",
        "case:assign",
    },
    Role.auditor: {"case:view", "audit:view", "audit:verify"},
    Role.admin: {"user:manage", "authority:manage", "retention:purge", "audit:verify"},
}


@pytest.mark.parametrize(("role", "action"), list(itertools.product(Role, sorted(ACTIONS))))
def test_every_role_and_action(role: Role, action: str) -> None:
    assert can(role, action) is (action in EXPECTED[role])


def test_the_table_names_only_known_actions_and_every_role() -> None:
    assert set(ROLE_ACTIONS) == set(Role)
    assert set().union(*ROLE_ACTIONS.values()) == ACTIONS


def test_the_auditor_changes_nothing() -> None:
    readonly = {"case:view", "audit:view", "audit:verify"}
    assert ROLE_ACTIONS[Role.auditor] <= readonly


def test_only_a_supervisor_countersigns() -> None:
    assert [r for r in Role if can(r, "decision:countersign")] == [Role.supervisor]


@pytest.mark.parametrize(("role", "action"), [("root", "case:view"), ("admin", "case:delete"), ("", "")])
def test_unknown_roles_and_actions_may_do_nothing(role: str, action: str) -> None:
    assert can(role, action) is False
