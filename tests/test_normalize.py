"""Normalisation: one-to-one folding, and OCR gaps joined with a map back to the original."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import factlint
from factlint.normalize import join_gaps, normalize


def test_folding_keeps_length_and_the_chinese_comma() -> None:
    text = "４００名，１．８万人、百分之八十五％，四千萬，一一○"
    folded = normalize(text)
    assert len(folded) == len(text)
    assert folded == "400名，1.8万人、百分之八十五%，四千万，一一〇"


@given(st.lists(st.sampled_from(list("党员12万多名 \n\r\t　AB。")), max_size=80).map("".join))
def test_every_joined_character_maps_back_to_itself(text: str) -> None:
    joined, offsets = join_gaps(text)
    for i, char in enumerate(joined):
        assert text[offsets.original(i)] == char


def test_gaps_next_to_latin_letters_and_paragraph_breaks_stay() -> None:
    assert join_gaps("COVID 19")[0] == "COVID 19"
    assert join_gaps("第一段。\n\n\n第二段")[0] == "第一段。\n\n\n第二段"
    assert join_gaps("三 级 网 格\n846 个")[0] == "三级网格846个"


# Figures split by OCR line breaks, as reflowed print pages split them.
@pytest.mark.parametrize("text,surface,expected", [
    ("共四百三\n十三名党员", "四百三\n十三名", ("433", "名", "count", None)),
    ("收购51万公\n斤粮食", "51万公\n斤", ("510000", "公斤", "measure", None)),
    ("199\n2年11月成立", "199\n2年11月", (None, None, "date", "1992-11")),
    ("于5月2\n6日召开", "5月2\n6日", (None, None, "date", "2020-05-26")),
    ("晚\n上10时30分", "晚\n上10时30分", (None, None, "time", "22:30")),
])
def test_figures_split_by_line_breaks_read_whole(text: str, surface: str,
                                                 expected: tuple) -> None:
    (q,) = [q for q in factlint.extract(text, year=2020) if q.kind != "identifier"]
    assert q.text == surface
    lo = None if q.lo is None else format(q.lo, "f")
    assert (lo, q.unit, q.kind, q.iso) == expected
    assert text[q.span.start:q.span.end] == surface and q.span.end_line == 2
