"""The learned layer: folded pieces of words, and a sign added only where the lexicon flags nothing."""

import math

import pytest
from pydantic import ValidationError

from rightsgate.law.learned import LearnedModel, pieces
from rightsgate.rules.learned_sign import LEARNED, model_text, screen_request, with_learned
from rightsgate.rules.screening import screen
from tests.rules.test_screening import request


def model(intercept: float) -> LearnedModel:
    """A model whose chance is the same for every text, whose most likely tag is `protest`."""
    return LearnedModel(
        trained_on="a test",
        threshold=0.8,
        intercept=intercept,
        pieces={" ab": (1.0, 0.0)},
        tags=("journalism", "protest"),
        tag_intercepts=(0.0, 1.0),
        tag_weights={" ab": (0.0, 0.0)},
    )


CONFIDENT, DOUBTFUL = model(5.0), model(-5.0)


def test_pieces_are_cut_from_folded_padded_words() -> None:
    assert pieces("ÉTÉ") == pieces("ete")
    assert pieces("والصحفيين") == pieces("صحفيين")
    assert set(pieces("ete")) == {" et", "ete", "te ", " ete", "ete ", " ete "}


def test_the_model_reads_the_offence_names_and_categories_then_the_facts() -> None:
    text = model_text(request("The facts.", category="fraud"))
    assert text == "Offence under investigation (fraud) The facts."


def test_a_confident_model_adds_a_learned_sign_without_evidence_where_the_lexicon_finds_nothing(law) -> None:
    plain = request("The suspect met a friend at the market on Tuesday.")
    found = with_learned(screen(plain, law.lexicon), plain, CONFIDENT)
    assert [(s.tag, s.confidence, s.signals) for s in found.signs] == [("protest", LEARNED, ("learned",))]
    assert found.flagged and found.evidence == ()


def test_a_doubtful_model_changes_nothing(law) -> None:
    plain = request("The suspect met a friend at the market on Tuesday.")
    assert with_learned(screen(plain, law.lexicon), plain, DOUBTFUL) == screen(plain, law.lexicon)


def test_a_weak_lexicon_sign_is_the_one_raised_and_keeps_its_spans(law) -> None:
    weak = request(
        "A journalist's account was hijacked and the attacker demanded money.", category="extortion"
    )
    before = screen(weak, law.lexicon)
    assert before.signs and not before.flagged
    after = with_learned(before, weak, CONFIDENT)
    assert after.signs[0].tag == before.signs[0].tag
    assert after.signs[0].signals[-1] == "learned"
    assert after.signs[0].confidence > before.signs[0].confidence
    assert after.evidence == before.evidence


def test_a_request_the_lexicon_already_flags_is_left_as_it_is(law) -> None:
    flagged = request("The blogger published a satirical poem about the president.")
    before = screen(flagged, law.lexicon)
    assert before.flagged
    assert with_learned(before, flagged, CONFIDENT) == before


def test_the_shipped_model_knows_the_lexicon_tags_and_doubts_plain_ransomware(law) -> None:
    assert set(law.learned.tags) <= set(law.lexicon.tags)
    ransom = request("The group encrypted the hospital's servers and demanded a ransom in bitcoin.")
    assert law.learned.chance(model_text(ransom)) < law.learned.threshold
    assert not screen_request(ransom, law).flagged


def test_a_model_file_with_a_tag_weight_missing_is_refused() -> None:
    fields = CONFIDENT.model_dump() | {"tag_weights": {" ab": (0.0,)}}
    with pytest.raises(ValidationError, match="one number per tag"):
        LearnedModel.model_validate(fields)


def _chance_from_pieces(model: LearnedModel, text: str) -> float:
    """The model's chance worked out from `pieces` as the module states it, without its word memory."""
    raw = {p: (1.0 + math.log(n)) * model.pieces[p][0] for p, n in pieces(text).items() if p in model.pieces}
    length = math.sqrt(sum(value * value for value in raw.values())) or 1.0
    score = model.intercept + sum(model.pieces[p][1] * (value / length) for p, value in raw.items())
    return 1.0 / (1.0 + math.exp(-score))


def test_the_chance_read_from_remembered_words_is_exactly_the_one_worked_out_from_pieces(law) -> None:
    texts = [
        "Der Journalist und die Journalistin veröffentlichten, veröffentlichten Berichte.",
        "The activist filmed the plant; the plant's owner filed a complaint (fraud) twice, twice.",
        "نشر الصحفي والصحفيين مقالا",
        "a ab ÉTÉ été ete",
    ]
    for text in texts * 2:  # the second time, every word is read from memory
        assert law.learned.chance(text) == _chance_from_pieces(law.learned, text)
