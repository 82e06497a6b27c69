"""Every rule cites; every citation resolves; paragraph-level ids only where verified."""

import pytest

from rightsgate.law.check import check_law
from rightsgate.rules.assess import RULES
from rightsgate.rules.catalogue import _citations
from rightsgate.rules.citations import CitationError, cite, registry
from tests.scenario_plugin import shipped_law


@pytest.mark.parametrize("module", RULES, ids=lambda m: m.RULE)
def test_every_rule_module_cites_registered_provisions(module) -> None:
    cited = _citations(module)
    assert cited, f"{module.RULE} cites nothing"
    assert set(cited) <= set(registry())


def test_every_finding_of_every_example_cites_a_resolvable_entry(example_assessments) -> None:
    for assessment in example_assessments:
        for finding in assessment.findings:
            assert finding.citations
            assert all(c.id in registry() for c in finding.citations), finding.rule


def test_an_unknown_citation_fails_at_once() -> None:
    with pytest.raises(CitationError, match="not in the registry"):
        cite("uncc.999")


def test_a_paragraph_level_citation_needs_a_verified_entry() -> None:
    unverified_paragraphs = [e for e in registry().values() if e.is_paragraph_level and not e.verified]
    for entry in unverified_paragraphs:
        with pytest.raises(CitationError, match="not verified"):
            cite(entry.id)


def test_every_verified_entry_records_what_it_was_checked_against() -> None:
    for entry in registry().values():
        if entry.verified:
            assert entry.checked_against and entry.checked_on


def test_the_convention_has_its_68_articles_in_nine_chapters() -> None:
    law = shipped_law()
    uncc = law.instruments["uncc"]
    assert len(uncc.chapters) == 9
    articles = {e.id for e in uncc.entries if not e.is_paragraph_level}
    assert articles == {f"uncc.{n}" for n in range(1, 69)}


def test_the_shipped_law_passes_law_check(tmp_path) -> None:
    import datetime

    report = check_law(None, stale_after=None, today=datetime.date(2026, 11, 23))
    assert report.defects == []


def test_taxonomy_offences_cite_their_convention_article() -> None:
    for category in shipped_law().taxonomy.categories:
        if category.convention_offence:
            assert f"uncc.{category.convention_article}" in category.cites
