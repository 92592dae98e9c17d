"""How alignment keys and weighs a sentence's words (corpus/terms.py): rewordings of one
fact meet, and what says nothing of the story weighs nothing."""

from __future__ import annotations

from newsgloss.corpus.analysis import Entity
from newsgloss.corpus.positions import ByPosition
from newsgloss.corpus.terms import key, rarity, sentence_terms, with_context

NOTHING = frozenset({"the", "and"})


def _keys(text: str, *entities: tuple[str, str]) -> set[str]:
    found = [Entity(text.index(t), text.index(t) + len(t), label, t) for t, label in entities]
    return set(sentence_terms(text, 0, len(text), ByPosition(found), NOTHING))


def test_rewordings_of_one_fact_meet() -> None:
    assert key("readiness", None, NOTHING)[0] == key("ready", None, NOTHING)[0]
    assert key("Russia", "GPE", NOTHING)[0] == key("Russian", "NORP", NOTHING)[0]
    assert key("Yuri", "PERSON", NOTHING)[0] == key("Yury", "PERSON", NOTHING)[0]
    assert key("2,000", None, NOTHING)[0] == key("2000", None, NOTHING)[0] == "#2000"
    assert key("May", "DATE", NOTHING)[0] == key("may", None, NOTHING)[0] == "month 5"
    assert key("May", "PERSON", NOTHING)[0] != "month 5"  # Theresa May is no month


def test_speech_verbs_function_words_and_chrome_weigh_nothing() -> None:
    found = _keys("Ushakov stressed and affirmed the talks", ("Ushakov", "PERSON"))
    assert found == {"person " + key("Ushakov", "PERSON", NOTHING)[0][7:], "talk"}


def test_rare_words_outweigh_common_ones_and_repeats_count_less_than_twice() -> None:
    weights = sentence_terms("Istanbul talks, Istanbul", 0, 24, ByPosition(()), NOTHING)
    assert weights["istanbul"] > weights["talk"]
    assert weights["istanbul"] < 2 * rarity("istanbul")


def test_a_sentence_takes_a_share_of_the_one_before_in_its_paragraph() -> None:
    first, second = {"ushakov": 3.0}, {"talk": 1.0}
    joined, apart = (
        with_context([first, second], [False, True], 0.25),
        with_context([first, second], [False, False], 0.25),
    )
    assert "ushakov" in joined[1] and "ushakov" not in apart[1]
    assert abs(sum(w * w for w in joined[1].values()) - 1) < 1e-9
