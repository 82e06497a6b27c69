"""The hash chain on plain rows: canonical form, linking, and what `verify` reports."""

import pytest

from rightsgate.audit.chain import FIELDS, GENESIS, Head, canonical_json, link, verify


def chain(count: int) -> list[dict]:
    rows, prev = [], GENESIS
    for seq in range(1, count + 1):
        fields = {key: None for key in FIELDS} | {"seq": seq, "name": "case.viewed", "actor": "ana"}
        fields |= {"created_at": "2026-01-01T00:00:00.000000Z", "payload": {"n": seq}}
        digest = link(fields, prev)
        rows.append({**fields, "prev_hash": prev, "hash": digest})
        prev = digest
    return rows


def test_canonical_json_sorts_keys_and_drops_whitespace() -> None:
    assert (
        canonical_json({"b": 1, "a": {"d": [1, "é"], "c": None}})
        == '{"a":{"c":null,"d":[1,"é"]},"b":1}'.encode()
    )


def test_canonical_json_refuses_floats() -> None:
    with pytest.raises(TypeError, match="floats"):
        canonical_json({"a": 1.5})


def test_a_valid_chain_verifies_with_its_head() -> None:
    rows = chain(5)
    result = verify(rows, [Head(3, rows[2]["hash"])])
    assert result.ok and result.count == 5 and result.head == Head(5, rows[4]["hash"])


def test_an_empty_chain_is_valid() -> None:
    assert verify([]).ok and verify([]).head is None


def test_an_edited_event_breaks_its_own_hash() -> None:
    rows = chain(5)
    rows[2]["actor"] = "mallory"
    assert str(verify(rows).defect) == "seq 3: hash mismatch: the event was edited after it was written"


def test_a_deleted_event_leaves_a_gap() -> None:
    rows = chain(5)
    del rows[1]
    assert verify(rows).defect.seq == 2 and "deleted" in verify(rows).defect.problem


def test_a_removed_tail_misses_the_published_head() -> None:
    rows = chain(5)
    head = Head(5, rows[4]["hash"])
    result = verify(rows[:3], [head])
    assert result.defect.seq == 5 and "ends at seq 3" in result.defect.problem


def test_a_rewritten_tail_differs_from_the_published_head() -> None:
    published = Head(4, chain(4)[3]["hash"])
    rewritten = chain(5)
    rewritten[3]["payload"] = {"n": 40}
    rewritten[3]["hash"] = link({k: rewritten[3][k] for k in FIELDS}, rewritten[2]["hash"])
    assert "rewritten" in verify(rewritten[:4], [published]).defect.problem


@pytest.mark.parametrize("text", ["3", "x:" + "0" * 64, "3:abc"])
def test_a_malformed_head_is_rejected(text: str) -> None:
    with pytest.raises(ValueError, match="SEQ:HASH"):
        Head.parse(text)
