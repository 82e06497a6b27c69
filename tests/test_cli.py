"""The command line: assess files, JSON output, policy comparison, law commands."""

import json

from click.testing import CliRunner

from rightsgate.cli import main
from tests.conftest import EXAMPLES


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def test_assess_explains_every_shipped_example() -> None:
    result = run("assess", *map(str, EXAMPLES))
    assert result.exit_code == 0, result.output
    assert result.output.count("Recommendation:") == len(EXAMPLES)


def test_assess_json_is_the_documented_explanation() -> None:
    result = run("assess", "--json", str(EXAMPLES[0]))
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["schema_version"] == "1"
    assert data["assessment"]["recommendation"]["action"] in {
        "execute",
        "execute_in_part",
        "request_more_information",
        "refuse",
    }
    cited = {c["id"] for f in data["assessment"]["findings"] for c in f["citations"]}
    assert cited <= set(data["citations"])


def test_assess_several_files_as_json_gives_a_list() -> None:
    result = run("assess", "--json", str(EXAMPLES[0]), str(EXAMPLES[1]))
    assert [item["assessment"]["reference"] for item in json.loads(result.output)] != []
    assert len(json.loads(result.output)) == 2


def test_assess_reads_standard_input() -> None:
    result = run("assess", "--json", "-", input=EXAMPLES[0].read_text(encoding="utf-8"))
    assert result.exit_code == 0
    assert json.loads(result.output)["assessment"]["findings"]


def test_the_assessment_date_defaults_to_receipt_and_can_be_set() -> None:
    default = json.loads(run("assess", "--json", str(EXAMPLES[0])).output)
    received = json.loads(EXAMPLES[0].read_text(encoding="utf-8"))["received_on"]
    assert default["assessment"]["on"] == received
    chosen = json.loads(run("assess", "--json", "--on", "2026-10-01", str(EXAMPLES[0])).output)
    assert chosen["assessment"]["on"] == "2026-10-01"


def test_compare_shows_both_policies() -> None:
    result = run("assess", "--compare", "--json", str(EXAMPLES[0]))
    data = json.loads(result.output)
    assert {data["left"]["assessment"]["policy"], data["right"]["assessment"]["policy"]} == {
        "convention-minimum",
        "rights-respecting",
    }
    assert any(row["differs"] for row in data["rules"]) or data["left"] == data["right"]


def test_compare_text_names_the_safeguard_gap() -> None:
    result = run("assess", "--compare", str(EXAMPLES[0]))
    assert result.exit_code == 0
    assert "safeguard gap" in result.output


def test_an_unknown_policy_is_a_clear_error() -> None:
    result = run("assess", "--profile", "lenient", str(EXAMPLES[0]))
    assert result.exit_code == 2
    assert "unknown policy 'lenient'" in result.output


def test_a_bad_file_among_good_ones_exits_2_after_assessing_the_good(tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"reference": "R-1"}', encoding="utf-8")
    result = run("assess", str(EXAMPLES[0]), str(bad))
    assert result.exit_code == 2
    assert "Recommendation:" in result.output
    assert "received_on: a value is required" in result.output


def test_schema_prints_the_request_schema() -> None:
    schema = json.loads(run("schema").output)
    assert "reference" in schema["properties"] and "additionalProperties" in json.dumps(schema)


def test_rules_list_names_every_rule() -> None:
    result = run("rules", "list")
    assert "dual_criminality" in result.output and "uncc.35" in result.output


def test_law_check_passes_on_the_shipped_law() -> None:
    result = run("law", "check")
    assert result.exit_code == 0, result.output
    assert "0 defects" in result.output
