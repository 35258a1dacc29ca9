"""Quantities written as words without numerals: ages (年逾花甲, 古稀之年, 耄耋老人), halves
(一半, 半数以上, 过半) and the vague 数个.

Ages by name, each the standard reading of a dictionary (《现代汉语词典》) and of the
sayings they come from (《论语·为政》: 三十而立, 四十而不惑, 五十而知天命, 六十而耳顺):

=============  ==========  ==========================================
word           age (岁)    written
=============  ==========  ==========================================
而立 (之年)    30          而立之年
不惑 (之年)    40          不惑之年
半百           50          年过半百, 年近半百
知天命         50          知天命之年, 年过知天命
耳顺 (之年)    60          耳顺之年
花甲           60          年逾花甲, 花甲老人, 花甲之年
古稀           70          年逾古稀, 古稀老人, 古稀之年
耄耋           80–99       耄耋老人, 耄耋之年 (词典: 八九十岁)
期颐           100         期颐之年
=============  ==========  ==========================================

Read as 七旬 is (``amounts``): with 逾/过/超过 before, at least the age (年逾花甲 ≥ 60); with
近/将近/接近, nearly it ([54, 60]); otherwise the decade it begins, marked ``vague``
(花甲老人 → [60, 69]; 耄耋 → [80, 99]).  A name is read only where it names an age: before
之年/老人/之龄 or after 年/已/逾/过/近/届/步入 (花甲 is also a clam on the menu).

一半 and 半数 are about 50 % (copy writes them for "about half"); 一半以上, 过半, 超过半数
are at least 50 %, 近一半 nearly 50 %, 不到一半 at most 50 %.  另一半 (a partner) is none.
数个, 数名, 数次 … are two to nine, vague, as 几个: a vague count is never compared
exactly, so it never raises a finding by itself.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Quantity
from ..text.normalize import folds_into
from .numerals import ZERO, Figure
from .pattern import RUN_CHARS, anchors, word_starts
from .reader import QUALIFIER_OF, Reader
from .units import UNITS

__all__ = ["WORD_STARTS", "WRITTEN_WORDS", "WRITTEN_FIRSTS", "WRITTEN_RESTS", "find_words", "AGES"]

#: Age in years each name stands for, and the last year of its span when read alone.
AGES: dict[str, tuple[int, int]] = {
    "而立": (30, 39), "不惑": (40, 49), "半百": (50, 59), "知天命": (50, 59), "耳顺": (60, 69),
    "花甲": (60, 69), "古稀": (70, 79), "耄耋": (80, 99), "期颐": (100, 100),
}
#: Names that are an age only with 之年 (不惑 alone is "free of doubt").
_NEEDS_ZHINIAN = frozenset({"而立", "不惑", "耳顺"})
_AGE_BEFORE = re.compile(r"(?P<pre>年逾|年过|年近|年届|年已|已逾|已过|已届|年满|步入|迈入|进入|"
                         r"超过|将近|接近|逾|过|近|届|已)$")
_AGE_AFTER = re.compile("之年|老人|老翁|老妇|老者|之龄|高龄|寿辰|老汉|老太")
_AGE_PRE = {"年逾": "逾", "年过": "逾", "已逾": "逾", "已过": "逾", "逾": "逾", "过": "逾",
            "超过": "逾", "年近": "近", "将近": "近", "接近": "近", "近": "近"}

_HALF_BEFORE = re.compile(r"(?P<pre>大约|将近|接近|超过|不到|不足|不超过|约|近|逾|超)了?$")
_HALF_AFTER = re.compile("以上|以下|左右|多")
_HALF = Decimal(50)
#: 过半 is "past half" only when no unit follows (超过半个月, 度过半生 are no shares).
_NOT_AFTER_GUOBAN = frozenset("个年天月日周夜场小生辈山世百")  # 年过半百: an age

#: 数 before a measure word: 数个, 数名.  Not after a character that makes 数 part of a
#: word (无数次, 多数人, 少数人, 人数, 次数, 倍数, 分数, 岁数, 基数, 指数年内).
_VAGUE_UNITS = "个名家次项种条件批天年月周"  # not 位: 數位 is "digital" in Taiwan copy
_NOT_BEFORE_SHU = frozenset("无多少人次倍分总岁基指函系参變变常奇偶正负整级序点页字票户件股计算"
                            "礼命运心劫质素因乘除半位数复单户度")

#: Where a word quantity may start: found once per document by one pattern whose
#: alternatives are plain words (the engine skips to their first characters).
_WORDS = (*AGES, "一半", "半数", "过半", *(f"数{u}" for u in _VAGUE_UNITS))
WORD_STARTS = re.compile("|".join(_WORDS))
#: Each word by its rarest character (memchr finds it; see pattern.word_starts): the
#: first characters 一, 不, 过, 数 and 而 are common, and a scan for them costs 8× as much.
_ANCHORS = anchors(_WORDS, "耄颐惑稀耳甲半命立数")


def _as_written(word: str) -> str:
    """A pattern for ``word`` in the text before folding (耳順 for 耳顺, 數個 for 数个)."""
    return "".join("[" + "".join(sorted(folds_into(char))) + "]" for char in word)


def _written_words() -> tuple[str, str]:
    """The words of WORD_STARTS that hold no numeral, as the text may write them before it
    is folded, for the extractor's test of whether a line may hold a quantity at all: their
    first characters (the inside of a class), and the alternatives that finish each word
    after its first character (each led by a lookbehind naming that character).  Written
    so, the test is one class of first characters and then lookbehinds, and the engine
    skips to a first character at C speed (an alternation of the words cost 4 µs a line,
    7×)."""
    words = [word for word in _WORDS if not any(char in RUN_CHARS for char in word)]
    firsts = sorted(set().union(*(folds_into(word[0]) for word in words)))
    rests = "|".join(f"(?<={_as_written(word[0])}){_as_written(word[1:])}" for word in words)
    return "".join(firsts), rests


WRITTEN_FIRSTS, WRITTEN_RESTS = _written_words()
#: Any of those words as the text may write them.
WRITTEN_WORDS = f"[{WRITTEN_FIRSTS}](?:{WRITTEN_RESTS})"


def find_words(reader: Reader) -> list[tuple[int, int, Quantity | None]]:
    """(start, end, quantity) of each word quantity in the reader's text, in order and
    not overlapping."""
    found: list[tuple[int, int, Quantity | None]] = []
    last_end = 0
    text = reader.text
    # Every place a word starts, overlapping ones too: 年过半百 is no 过半 but has 半百.
    for at in word_starts(text, _ANCHORS):
        if at < last_end:
            continue
        read = _read_word(reader, WORD_STARTS.match(text, at))
        if read is not None and read[0] >= last_end:
            found.append(read)
            last_end = read[1]
    reader.end = 0
    return found


def _read_word(reader: Reader, m: re.Match) -> tuple[int, int, Quantity | None] | None:
    """(start, end, quantity) for the word quantity found by WORD_STARTS at ``m``, or None
    when the word is no quantity there."""
    word = m.group()
    if word in AGES:
        return _age(reader, m.start(), m.end(), word)
    if word[0] == "数":
        return _vague_count(reader, m.start(), m.end())
    return _half(reader, m.start(), m.end(), word)


def _age(reader: Reader, start: int, end: int, word: str) -> tuple[int, int, Quantity] | None:
    text = reader.text
    after = _AGE_AFTER.match(text, end)
    if word in _NEEDS_ZHINIAN and not text.startswith("之年", end):
        return None
    before = _AGE_BEFORE.search(text, max(0, start - 2), start)
    if before is None and after is None:
        return None  # 炒花甲: a clam, not an age
    age, last = AGES[word]
    pre = _AGE_PRE.get(before["pre"]) if before else None
    at = before.start() if pre else start
    if after is not None and text.startswith("之年", end):
        end = after.end()
    if pre == "逾":
        figure, qualifier = Figure(Decimal(age), Decimal(age), ZERO), "at_least"
    elif pre == "近":
        figure, qualifier = Figure(Decimal(age), Decimal(age), ZERO), "nearly"
    else:
        figure, qualifier = Figure(Decimal(age), Decimal(last), ZERO, qualifier="vague"), None
    return at, end, reader.amount_quantity(at, end, figure, qualifier, "岁", "age", None)


def _half(reader: Reader, start: int, end: int, word: str) -> tuple[int, int, Quantity] | None:
    text = reader.text
    if word == "一半" and text[start - 1:start] == "另":
        return None  # 另一半: a partner
    if word == "过半":
        if text[end:end + 1] in _NOT_AFTER_GUOBAN or text[start - 1:start] in ("超", "度"):
            return None  # 超过半个月 is read at 半个月; 度过半生
        if text.startswith("数", end):
            end += 1  # 过半数
        qualifier = "at_least"
    else:
        qualifier = "about"
    before = _HALF_BEFORE.search(text, max(0, start - 4), start) if word != "过半" else None
    after = _HALF_AFTER.match(text, end)
    if before is not None:  # 超过了一半: 了 changes nothing
        start, qualifier = before.start(), QUALIFIER_OF.get(before["pre"], qualifier)
    if after is not None and after.group() != "多":
        end, qualifier = after.end(), QUALIFIER_OF[after.group()]
    elif after is not None:
        end, qualifier = after.end(), "at_least"  # 一半多: more than half
    figure = Figure(_HALF, _HALF, ZERO)
    return start, end, reader.amount_quantity(start, end, figure, qualifier, "%", "percent",
                                              None)


def _vague_count(reader: Reader, start: int, end: int) -> tuple[int, int, Quantity] | None:
    text = reader.text
    at = start
    lo, hi = 2, 9
    if text.endswith(("十", "10"), 0, start):  # 十数名, 10數名: ten-odd, as 十几
        at = start - (1 if text[start - 1] == "十" else 2)
        if at and (text[at - 1].isdigit() or text[at - 1] in _CN_NUMERALS):
            return None  # 二十数名? no such form; leave it
        lo, hi = 11, 19
    elif start and (text[start - 1] in _NOT_BEFORE_SHU or text[start - 1] in _CN_NUMERALS
                    or text[start - 1].isdigit()):
        return None
    unit = text[start + 1:end]
    if unit == "个":  # 数个月, 数个星期: a duration
        longer = _AFTER_GE.match(text, end)
        if longer:
            end, unit = longer.end(), "个" + longer.group()
    reported, kind = UNITS.get(unit, (unit, "count"))
    if unit == "月":
        reported, kind = "月", "duration"  # 数月: several months
    figure = Figure(Decimal(lo), Decimal(hi), ZERO, qualifier="vague")
    return at, end, reader.amount_quantity(at, end, figure, None, reported, kind, None,
                                           subject_from=(start, end))


_AFTER_GE = re.compile("月|星期|小时|钟头|工作日")
_CN_NUMERALS = frozenset("零〇一二两三四五六七八九十百千万亿")
