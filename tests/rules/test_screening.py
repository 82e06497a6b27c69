"""The screening's signals: folding, offence categories, charge and conduct, harm, and evidence spans."""

import pytest

from rightsgate.law.folding import fold
from rightsgate.rules.facts import Offence, Request
from rightsgate.rules.screening import REVIEW_THRESHOLD, screen


def request(facts: str, category: str | None = None, purpose: str | None = None) -> Request:
    offence = Offence(name="Offence under investigation", category=category)
    return Request.model_validate(
        {
            "reference": "T-1",
            "received_on": "2026-09-01",
            "requesting_state": "XA",
            "requested_state": "XB",
            "request_type": "mla_stored_data",
            "offences": (offence,),
            "facts": facts,
            "purpose": purpose,
        },
        strict=False,
    )


def signs(law, facts: str, **kwargs) -> dict[str, float]:
    return {s.tag: s.confidence for s in screen(request(facts, **kwargs), law.lexicon).signs}


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("Rédacteur", "redacteur"),
        ("ЖУРНАЛИСТЁМ", "журналистем"),
        ("والصحفيين", "صحفيين"),
        ("الصَّحفيّة", "صحفيه"),
        ("إجهاض", "اجهاض"),
    ],
)
def test_folding_removes_case_diacritics_arabic_forms_and_the_article(word: str, folded: str) -> None:
    assert fold(word) == folded


def test_a_word_without_its_accents_still_matches(law) -> None:
    assert "journalism" in signs(law, "Le redacteur en chef du site a publie l'enquete.")


def test_an_arabic_word_with_vowel_marks_and_an_article_still_matches(law) -> None:
    assert "journalism" in signs(law, "اتُّهِمَ الصَّحَفِيُّ بنشر الخبر.")


def test_a_russian_multi_word_term_matches_in_another_case(law) -> None:
    assert "human_rights_defence" in signs(law, "Он писал о произвольных задержаниях в регионе.")


def test_evidence_spans_point_at_the_original_text(law) -> None:
    facts = "Le RÉDACTEUR EN CHEF a été convoqué."
    found = screen(request(facts), law.lexicon)
    assert [facts[e.start : e.end] for e in found.evidence] == ["RÉDACTEUR EN CHEF"]


def test_an_expression_category_is_a_sign_when_no_conduct_is_described(law) -> None:
    assert signs(law, "The account published several messages.", category="unlawful_assembly") == {
        "protest": 0.7
    }


def test_described_conduct_takes_the_place_of_the_category(law) -> None:
    found = signs(law, "The account holder is a journalist.", category="defamation")
    assert set(found) == {"journalism"}


def test_a_category_that_agrees_with_the_conduct_still_counts_when_harm_is_described(law) -> None:
    facts = (
        "The suspect met another man through a dating app; the man says the suspect later stole his phone."
    )
    assert signs(law, facts)["lgbt"] < REVIEW_THRESHOLD
    assert signs(law, facts, category="same_sex_conduct")["lgbt"] >= REVIEW_THRESHOLD


def test_a_charge_naming_a_victim_halves_the_conduct_unless_the_tag_lists_it_as_a_contrast(law) -> None:
    facts = "The pastor collected donations online for the church."
    assert signs(law, facts, category="fraud")["religion"] >= REVIEW_THRESHOLD  # a known dressing
    found = screen(request(facts, category="extortion"), law.lexicon)
    religion = next(sign for sign in found.signs if sign.tag == "religion")
    assert religion.confidence < REVIEW_THRESHOLD
    assert "victim_charge" in religion.signals
    assert any(e.signal == "victim_charge" and e.text == "extortion" for e in found.evidence)


def test_threats_against_a_journalist_are_harm_not_journalism(law) -> None:
    facts = "The suspect sent messages threatening to kill a reporter and her editor."
    assert signs(law, facts, category="threats")["journalism"] < REVIEW_THRESHOLD


def test_a_hacking_charge_for_reporting_a_flaw_raises_confidence(law) -> None:
    facts = "The suspect found a security flaw and reported it."
    plain, charged = signs(law, facts), signs(law, facts, category="illegal_access")
    assert charged["security_research"] > plain["security_research"]


def test_harm_in_the_facts_keeps_a_single_political_word_below_review(law) -> None:
    facts = "Attackers encrypted the files of a newspaper and demanded a ransom."
    assert signs(law, facts)["journalism"] < REVIEW_THRESHOLD


def test_harm_words_in_the_purpose_do_not_lower_the_signs_of_the_facts(law) -> None:
    found = signs(law, "The account belongs to a journalist.", purpose="To trace the ransom payments.")
    assert found["journalism"] >= REVIEW_THRESHOLD


def test_a_narrative_without_signs_gives_no_sign(law) -> None:
    assert signs(law, "An unknown person diverted invoice payments to an account.") == {}


@pytest.mark.parametrize(
    ("facts", "category", "tag"),
    [
        (
            "The suspect hid a spy app on the phone of his wife, an opposition MP, to track her.",
            "illegal_interception",
            "political_expression",
        ),
        (
            "Боту, который продавал адреса и телефоны, платили за сведения о журналистах.",
            "illegal_access",
            "journalism",
        ),
        ("جمعية لبناء مسجد لا وجود لها جمعت التبرعات عبر الإنترنت.", "fraud", "religion"),
        (
            "Difundió las fotos que su exnovia, de 16 años, le había enviado.",
            "csam",
            "minors_consensual",
        ),
        (
            "Un homme a contacté un garçon âgé de 12 ans en se disant lycéen.",
            "child_grooming",
            "minors_consensual",
        ),
        (
            "Posing as a reporter, he ran SIM swaps on the investors he interviewed.",
            "computer_fraud",
            "journalism",
        ),
    ],
)
def test_harm_to_a_victim_keeps_protected_words_below_review_in_every_language(
    law, facts: str, category: str, tag: str
) -> None:
    """Spying on a partner, selling personal data, a charity that does not exist, sharing without
    consent, an adult and a young child, SIM swaps: the protected word names a victim or a disguise."""
    found = screen(request(facts, category=category), law.lexicon)
    assert tag in {s.tag for s in found.signs}
    assert all(s.confidence < REVIEW_THRESHOLD for s in found.signs if s.tag == tag)
    assert any(e.signal == "harm" for e in found.evidence)


def test_a_harassment_charge_for_a_journalists_questions_is_a_contrast(law) -> None:
    facts = "The journalist sent the mayor's office a dozen emails asking where the road fund went."
    assert signs(law, facts, category="stalking_harassment")["journalism"] >= REVIEW_THRESHOLD
    threats = facts + " He also sent rape threats to the mayor's daughter."
    assert signs(law, threats, category="stalking_harassment")["journalism"] < REVIEW_THRESHOLD


def test_clergy_and_congregations_are_religion_in_every_language(law) -> None:
    for facts in (
        "The congregation gave its tithes to the pastor.",
        "La congrégation protestante a versé la dîme.",
        "Прихожане передали пастору десятину.",
    ):
        assert "religion" in signs(law, facts)
