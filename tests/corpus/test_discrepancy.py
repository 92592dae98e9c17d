"""The discrepancy rule and the word diff of aligned passages (corpus/discrepancy.py)."""

from __future__ import annotations

import pytest

from newsgloss.corpus.discrepancy import discrepancies, values, word_diff


@pytest.mark.parametrize(
    ("a", "b", "flagged"),
    [
        # the sample pairs' real conflicts (000/001 and the like)
        ("Yuri Ushakov, the Kremlin’s foreign policy advisor, stated that Moscow is ready",
         "Putin said Moscow was ready to revisit it", ["speaker differs: Ushakov / Putin"]),
        ("after three years of war", "after more than four years of war",
         ["number differs: 3 years / 4 years"]),
        ("It controls 20% of the land.", "It controls 18 percent of the land.",
         ["number differs: 20% / 18%"]),
        ("The talks collapsed in May 2022.", "The talks collapsed in April 2022.",
         ["month differs: May / April"]),
        ("It was signed in 2021.", "It was signed in 2022.", ["year differs: 2021 / 2022"]),
        # the same value in other words, or a detail only one side gives: not flagged
        ("Russia controls around 20% of Ukraine", "Russia controls around one-fifth of it", []),
        ("It controls 20% of the land.", "It controls 20 percent of the land.", []),
        ("In June 2022, Russia confirmed it", "By June, Russia confirmed it", []),
        ("Kremlin aide Yury Ushakov mentioned on Sunday", "Kremlin aide Yury Ushakov said", []),
        ("over 100 drone strikes", "over 100 drones overnight", []),
        ("“We may meet,” he said.", "They said they may meet.", []),  # "may", not May
        ("He told AFP on Monday", "He said on Monday", []),  # AFP heard it, did not say it
    ],
)  # fmt: skip
def test_a_discrepancy_is_the_same_kind_of_value_stated_differently(a, b, flagged) -> None:
    assert [f"{d.kind} {d.describe()}" for d in discrepancies(a, b)] == flagged


def test_values_name_speakers_before_and_after_the_verb() -> None:
    assert values("“No,” said Kremlin spokesman Dmitry Peskov.")["speaker"] == {"Peskov"}
    assert values("“No,” said Putin on Sunday.")["speaker"] == {"Putin"}
    assert "Peskov" in values("Peskov told reporters it was over.")["speaker"]
    assert "Reuters" in values("according to Reuters, the draft")["speaker"]


def test_word_diff_marks_what_each_side_alone_has() -> None:
    assert word_diff("This proposal seems fine", "The proposal came fine") == (
        "[-This-] {+The+} proposal [-seems-] {+came+} fine"
    )
    assert word_diff("same words", "Same words") == "same words"  # case aside: a's words
    # the words both have, as the first passage has them (case and punctuation its own)
    assert word_diff("MOSCOW — talks resume.", "Moscow: talks resume,") == (
        "MOSCOW [-—-] talks resume."
    )
