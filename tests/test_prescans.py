"""The cheap tests that let extraction skip work must never skip a quantity.

Each prescan (a text with no numeral at all, a line with no code mark, ...) is a
shortcut taken for speed; these tests hold it to the readings of the full scan on
text that only just passes or fails the prescan.
"""

from __future__ import annotations

import pytest

import factlint
from factlint.text.normalize import NormalizedText, folds_into, normalize


def test_folds_into_finds_every_character_that_folds_to_a_numeral() -> None:
    numerals = folds_into("4万两")
    assert {"4", "万", "两", "４", "萬", "兩"} <= numerals
    assert "a" not in numerals and "人" not in numerals
    for char in numerals:  # each one really folds (as Simplified or as Traditional copy)
        assert normalize(char) in "4万两" or normalize("這" + char)[1] in "4万两"


@pytest.mark.parametrize("text, expected", [
    ("１２萬人", ["１２萬人"]),             # full-width digits and a Traditional 萬
    ("②号线", ["②号线"]),                # a circled digit folds to 2
    ("這裡有兩個人", ["兩個"]),            # Traditional copy: 兩 is the only numeral
    ("除夕夜", ["除夕"]),                  # no numeral at all, a date all the same
    ("康熙元年", ["康熙元年"]),
])
def test_text_whose_only_figure_is_folded_or_wordy_is_still_read(
        text: str, expected: list[str]) -> None:
    found = factlint.extract(text, year=2020)
    assert [q.text for q in found] == expected
    # The same through a NormalizedText made once (how factlint.corpus calls it).
    assert factlint.extract(NormalizedText.of(text), year=2020) == found


def test_text_without_any_numeral_holds_no_quantity() -> None:
    assert factlint.extract("") == []
    assert factlint.extract("记者从市政府获悉，这项工作正在推进。") == []
