"""The shortcuts taken in reading one figure give what the long way gives.

``amounts.read_amount`` reads the commonest shape (digits and a plain unit: 2000名, 31℃)
without the cases of the long way, and ``subjects.subject`` leaves out a cut of the phrase
before a figure where no character of the cut stands.  Each is held here to the long way
(``read_amount(..., shortcut=False)``, the cuts always made) on the test data, on copy
built to stand every character that stops the shortcut around every unit it takes, and on
news-dev and People's Daily 1998 when ../shared is there.
"""

from __future__ import annotations

import functools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import factlint
from factlint.quantities import amounts, extractor, subjects
from factlint.quantities.pattern import HAS_DIGIT
from factlint.quantities.units import UNIT_BLOCKERS
from factlint.text.normalize import NormalizedText
from tests.copy_texts import phrases_and_seeds
from tests.shared_data import shared_path


def _built_texts() -> list[str]:
    """Digits and each unit of the shortcut, with each character that stops it (or that
    a case of the long way looks at) before the figure and after the unit, and each word
    the unit may start."""
    befores = ["", "共", "A", "G", "-", "−", " ", "∶", ":", "“", "（", "【", "第", "、", "排名",
               "日币", "华氏", "里氏", "减少", "3∶", "5-"]
    afters = ["", "的党员", "至", "到5", "-8", "—9", "～12", "半", "多", "有余", "以上", "左右",
              "∶1", "）", "”", "#", "亿", "5", "成", "地震", "来", "G", "热线", "。"]
    texts = []
    for number, unit in enumerate(sorted(amounts._PLAIN_UNITS)):
        digits = ("1", "20", "1998", "300", "12345678", "1.5", "3万", "2.6亿", "1,200", "1万2千",
                  "4千", "15k", "0.8", "3万多", "200余", "10来", "15%")[number % 17]
        for before in befores:
            texts.append(" ".join(f"{before}{digits}{unit}{after}" for after in afters))
        for word in UNIT_BLOCKERS.get(unit, ()):
            texts.append(f"全省{digits}{word}和{digits}{unit}人员")
    return texts


def _readings(texts: list[str], monkeypatch: pytest.MonkeyPatch | None) -> list[str]:
    if monkeypatch is not None:  # the long way, wherever the extractor reads an amount
        long_way = functools.partial(amounts.read_amount, shortcut=False)
        monkeypatch.setitem(extractor._READERS, "amount", long_way)
        monkeypatch.setattr(extractor, "read_amount", long_way)
    readings = []
    for text in texts:
        readings.append(repr(factlint.extract(text, path="t.txt")))
        readings.append(repr([factlint.extract(line, path="t.txt")
                              for line in text.splitlines()]))
    if monkeypatch is not None:
        monkeypatch.undo()
    return readings


def _shortcuts_taken(texts: list[str]) -> int:
    """How many figures of ``texts`` the shortcut reads."""
    taken = 0
    plain = amounts.read_amount

    def counting(reader, m, shortcut=True):  # type: ignore[no-untyped-def]
        nonlocal taken
        body, unit = m.group("body", "unit")
        before = reader.text[m.start("amount") - 1:m.start("amount")]
        taken += bool(HAS_DIGIT(body) and (body.isdigit() or amounts._NOT_IN_PLAIN_BODY.isdisjoint(
                      body)) and not m.group("pre") and not m.group("suf1")
                  and not m.group("suf2") and unit in amounts._PLAIN_UNITS
                  and before not in amounts._NOT_BEFORE_PLAIN
                  and reader.text[m.end():m.end() + 1] not in amounts._NOT_AFTER_PLAIN
                  and not reader.text.startswith(amounts._PLAIN_UNITS[unit],
                                                 m.end() - len(unit)))
        return plain(reader, m, shortcut)

    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(extractor._READERS, "amount", counting)
        for text in texts:
            factlint.extract(text)
    return taken


@pytest.mark.parametrize("source", ["test data", "built"])
def test_the_plain_shape_reads_as_the_long_way(source: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    texts = phrases_and_seeds() if source == "test data" else _built_texts()
    assert _readings(texts, None) == _readings(texts, monkeypatch)
    assert _shortcuts_taken(texts) > (150 if source == "test data" else 5000)


@pytest.mark.parametrize("text, expected", [
    # Digits and a unit of the shortcut, but something before or after makes them more.
    ("上报2000名单", ("2000", "2000", "2000", None, "count")),  # 名单 is no 名
    ("5000人民群众", ("5000", "5000", "5000", None, "count")),
    ("气温-5℃", ("-5℃", "-5", "-5", "℃", "measure")),
    ("G4138次列车", ("G4138次", "None", "None", "次", "identifier")),
    ("0.8米至1.2米", ("0.8米至1.2米", "0.8", "1.2", "米", "measure")),
    ("20米至30米", ("20米至30米", "20", "30", "米", "measure")),
    ("3米半", ("3米半", "3.5", "3.5", "米", "measure")),
    ("10分贝以上", ("10分贝以上", "10", "None", "分贝", "measure")),
])
def test_the_long_way_still_reads_what_the_shortcut_would_misread(
        text: str, expected: tuple) -> None:
    (q,) = factlint.extract(text)
    assert (q.text, str(q.lo), str(q.hi), q.unit, q.kind) == expected
    assert not factlint.extract("比分3∶2场")  # a score


def test_shared_copy_reads_as_the_long_way(monkeypatch: pytest.MonkeyPatch) -> None:
    root = shared_path("bench", "news-dev")
    texts = [path.read_text(encoding="utf-8") for path in sorted(root.rglob("*.txt"))]
    texts += shared_path("bench", "pd1998-sample.txt").read_text(
        encoding="utf-8").split("\n\n")[:400]
    assert _readings(texts, None) == _readings(texts, monkeypatch)


# subjects.subject before its cuts were gated on their characters, kept to compare.
_REFERENCE_LEADING_LINK = re.compile(r"^(?:共|已|还|又|再|都|也|就|全|总|均|仅|另|共计)+")
_REFERENCE_SUBJECT_STOP = re.compile(
    r"[的地得了着过和与及或在把被对从向自于将以而并且但其这那此该各每、]")


def _reference_phrase(run: str) -> str:
    return _REFERENCE_LEADING_LINK.sub("", subjects._BEFORE_STOP.split(
        _REFERENCE_SUBJECT_STOP.split(run)[-1])[-1])


def _reference_subject(text: str, start: int, unit_end: int,
                       unit: str | None) -> tuple[int, int] | None:
    if not unit or unit in subjects._NOUN_AFTER:
        skip = 1 if text.startswith("的", unit_end) else 0
        after = subjects._CJK.match(text, unit_end + skip, unit_end + 14)
        if after:
            noun = after.group()
            stop = subjects._AFTER_STOP.search(noun, 2)
            words = min(stop.start() if stop else len(noun), 8)
            if words >= 2:
                return unit_end + skip, unit_end + skip + words
    before_start = max(0, start - 20)
    before = text[before_start:start]
    last_other = subjects._LAST_NON_CJK.match(before)
    run_start = last_other.end() if last_other else 0
    run = before[run_start:]
    if not run:
        return None
    link = (subjects._LINK_WORDS.search(run, max(0, len(run) - 12))
            if run[-1] in subjects._LINK_LAST else None)
    cut = link.start() if link else len(run)
    phrase = _reference_phrase(run[:cut])
    if len(phrase) < 2:
        return None
    end = before_start + run_start + cut
    return end - min(len(phrase), 8), end


def test_the_subject_is_found_as_with_every_cut_made() -> None:
    texts = [NormalizedText.of(text).joined for text in phrases_and_seeds()]
    texts += ["共有为党员", "其中包括在京共已有", "组织了三百名", "不作为的人", "还都已共计"]
    tried = found = 0
    for text in texts:
        for start in range(len(text)):
            for unit, length in ((None, 0), ("名", 1), ("人", 1), ("公里", 2)):
                got = subjects.subject(text, start, start + length, unit)
                assert got == _reference_subject(text, start, start + length, unit), (
                    text, start, unit)
                tried += 1
                found += got is not None
    assert found > 10000 and tried > 4 * found // 10


def test_the_cut_characters_are_those_the_cuts_start_with() -> None:
    # Every alternative of each cut starts with a plain character of its set (not a
    # class, a group or a lookbehind), so a phrase holding none of them cannot be cut.
    for words, firsts in ((subjects._BEFORE_STOP_WORDS, subjects._BEFORE_STOP_FIRSTS),
                          (subjects._LEADING_LINK_WORDS, subjects._LEADING_LINK_FIRSTS)):
        for word in words.split("|"):
            assert word[0] in firsts and re.escape(word[0]) == word[0], word
    assert subjects._SUBJECT_STOP.pattern == f"[{subjects._SUBJECT_STOPS}]"
    assert subjects._SUBJECT_STOP_CHARS == frozenset(subjects._SUBJECT_STOPS)


def test_a_body_holds_a_digit_where_it_starts_with_one_or_is_a_range_holding_one() -> None:
    # read_amount searches a body for a digit only when it is a range: FIGURE's Chinese
    # forms hold no digit, and its Arabic form starts with one.
    from factlint.quantities.pattern import PATTERN

    bodies = set()
    for text in [*phrases_and_seeds(), "三至5吨", "十至20个", "五到6万元", "两三千", "七成五",
                 "半年"]:
        text = NormalizedText.of(text).joined
        for at in range(len(text)):
            m = PATTERN.match(text, at)
            if m and m.lastgroup == "amount":
                bodies.add(m["body"])
    assert len(bodies) > 500 and {"三至5", "十至20", "五到6万"} <= bodies
    for body in bodies:
        range_ = amounts._HAS_CONNECTOR(body) is not None
        assert (body[0].isdigit() or range_ and HAS_DIGIT(body) is not None) == (
            HAS_DIGIT(body) is not None), body


_BEFORE = st.sampled_from(["", "", "共", "约", "第", "-", "、", "“", "G", " ", "\n", "。", "∶",
                           "人民"])
_FIGURE = st.sampled_from(["1", "20", "1998", "3.5", "2万", "1.5亿", "两", "三", "十二", "一", "二",
                           "几", "3-5", "200余", "15%", "半"])
_UNIT = st.sampled_from(["", "名", "人", "℃", "米", "公里", "吨", "次", "元", "年", "个", "家",
                         "种", "天", "小时", "度", "级"])
_AFTER = st.sampled_from(["", "", "半", "至8", "多", "以上", "的", "党员", "民", "子", "”", "：",
                          "，", "分钟", "亿"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_BEFORE, _FIGURE, _UNIT, _AFTER).map("".join), max_size=6)
       .map("".join))
def test_any_mix_of_figures_units_and_marks_reads_as_the_long_way(text: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        fast = _readings([text], None)
        assert fast == _readings([text], patch)
