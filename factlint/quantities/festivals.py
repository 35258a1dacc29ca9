"""Lunar and festival dates, and reign-era years: 大年初一, 正月十五, 腊月二十三, 农历八月十五,
除夕, 大年三十, 康熙四十年, 光绪26年, 民国三十八年, 民國104年.

A lunar date is the Gregorian day it falls on in the story's year, converted by
``lunardate`` (a maintained package, 1900–2099): 腊月 and 除夕 in a story dated January
to March belong to the lunar year before.  Without a story year a lunar date cannot be
placed; it is then read as no quantity at all, so that its numerals are not counts.  An
era year is a date of its era (康熙四十年 → 1701), never a duration.  五一 and 十一
before 期间, 假期 and the like name holidays, not counts (see ``identifiers``).
"""

from __future__ import annotations

import datetime
import re

from ..model import Quantity
from . import numerals
from .dates import cn_int, days_in, iso_date
from .pattern import DAY, MONTH, LazyPattern, anchors, word_starts
from .reader import Reader

__all__ = ["STARTS", "find_festivals"]

_LUNAR_MONTH = "正|腊|冬|十[一二]|[一二三四五六七八九十]"
_LUNAR_DAY = ("初[一二三四五六七八九十]|十[一二三四五六七八九]|二十[一二三四五六七八九]?"
              "|廿[一二三四五六七八九]|三十")
#: First year of each Qing era, and of the Republic (historical fact, not a calendar).
ERA_FIRST_YEAR = {"顺治": 1644, "康熙": 1662, "雍正": 1723, "乾隆": 1736, "嘉庆": 1796,
                  "道光": 1821, "咸丰": 1851, "同治": 1862, "光绪": 1875, "宣统": 1909,
                  "民国": 1912}
#: The last year of each era; the Republic's years run on in Taiwan (民國104年 is 2015).
ERA_LAST_YEAR = {"顺治": 18, "康熙": 61, "雍正": 13, "乾隆": 60, "嘉庆": 25, "道光": 30,
                 "咸丰": 11, "同治": 13, "光绪": 34, "宣统": 3, "民国": 200}
FESTIVAL = LazyPattern(
    rf"(?:农历|阴历)(?P<lm>{_LUNAR_MONTH})月(?P<ld>{_LUNAR_DAY})"
    rf"|(?P<lm2>[正腊冬])月(?P<ld2>{_LUNAR_DAY})"
    rf"|大年(?P<new_year>初[一二三四五六七八九十]|三十)"
    rf"|(?P<eve>除夕)"
    rf"|(?P<era>{'|'.join(ERA_FIRST_YEAR)})(?P<era_year>元|[一二三四五六七八九十]+|[1-9][0-9]{{0,2}}(?![0-9]))年")
#: The month (and day) after a Republic year: Gregorian, unlike a Qing era's lunar months.
_ROC_MONTH = re.compile(rf"(?P<mo>{MONTH})月(?:(?P<d>{DAY})[日号])?")
_YEAR_BEFORE = re.compile(r"((?:1[0-9]|20)[0-9]{2})年$").search
#: The words FESTIVAL starts with, found by a pattern of plain words (the regex engine
#: skips to their first characters), and FESTIVAL matched only there: scanning with
#: FESTIVAL itself tried its alternatives at every character (10% of extract's time on
#: People's Daily), seventeen str.find passes cost 2% (6% line by line), this 0.4%.
STARTS = re.compile("|".join(("农历", "阴历", "正月", "腊月", "冬月", "大年", "除夕",
                               *ERA_FIRST_YEAR)))
#: Each word of STARTS by its rarest character, as pattern.word_starts finds them: a
#: search for STARTS itself stops at every 大, 正, 同, 民 and 道 (24 M instructions a copy
#: of People's Daily, 2.6% of reading).
_ANCHORS = anchors(STARTS.pattern.split("|"), "雍咸乾熙腊夕绪嘉冬顺阴光宣历治正民大")


def find_festivals(reader: Reader) -> list[tuple[int, int, Quantity | None]]:
    """(start, end, quantity or None) of each lunar date, festival eve and era year in the
    reader's text, in order; None where the date cannot be placed (no story year)."""
    text = reader.text
    found: list[tuple[int, int, Quantity | None]] = []
    last_end = 0
    words_end = 0  # where STARTS.finditer would go on from
    for at in word_starts(text, _ANCHORS):
        if at < words_end:
            continue
        words_end = at + 2  # every word of STARTS is two characters
        if at < last_end:
            continue  # inside the last one (农历正月初一 starts at 农历 and at 正月)
        m = FESTIVAL.match(text, at)
        if m is None:
            continue
        start, end = m.span()
        last_end = end
        if m["era"]:
            written = m["era_year"]  # 光绪二十六年, 光绪26年, 民國104年
            number = 1 if written == "元" else int(written) if written.isdigit() else int(
                numerals.chinese_value(written))
            if number > ERA_LAST_YEAR[m["era"]]:
                found.append((start, end, None))  # 光绪50年: no such year; no figure either
                continue
            year = ERA_FIRST_YEAR[m["era"]] + number - 1
            iso = str(year)
            if m["era"] == "民国":  # the Republic counts Gregorian months: 民國102年8月
                after = _ROC_MONTH.match(text, end)
                if after:
                    month = cn_int(after["mo"])
                    day = cn_int(after["d"]) if after["d"] else None
                    if day is None or day <= days_in(year, month):
                        iso, end = iso_date(year, month, day), after.end()
                        last_end = end
            quantity = reader.quantity(start, end, lo=None, hi=None, qualifier="exact",
                                       unit=None, kind="date", iso=iso)
            found.append((start, end, quantity))
            continue
        year, month_ctx, _ = reader.ymd_context(start)
        written = _YEAR_BEFORE(text, max(0, start - 5), start)
        if written:  # 1998年正月十五: the lunar year is written
            if m["eve"] or m["new_year"] == "三十":
                found.append((start, end, None))  # 1985年大年三十: that year's eve, or the one
                continue                           # before its new year? Left unread.
            year, month_ctx = int(written.group(1)), None
        day = _gregorian(m, year, month_ctx)
        quantity = None if day is None else reader.quantity(
            start, end, lo=None, hi=None, qualifier="exact", unit=None, kind="date",
            iso=day.isoformat())
        found.append((start, end, quantity))
    return found


def _gregorian(m: re.Match, year: int | None, month_ctx: int | None) -> datetime.date | None:
    """The Gregorian day of a lunar date or eve in a story of ``year`` (month ``month_ctx``)."""
    if year is None:
        return None
    from lunardate import LunarDate  # imported on the first lunar date only (cold start)

    early = month_ctx is not None and month_ctx <= 3  # a story of January to March
    try:
        if m["eve"] or m["new_year"] == "三十":  # 除夕, 大年三十: the day before the new year
            lunar_year = year + 1 if month_ctx is not None and month_ctx >= 10 else year
            return LunarDate(lunar_year, 1, 1).to_solar_date() - datetime.timedelta(days=1)
        if m["new_year"]:
            return LunarDate(year, 1, _lunar_day(m["new_year"])).to_solar_date()
        written = m["lm"] or m["lm2"]
        month = {"正": 1, "冬": 11, "腊": 12}.get(written) or int(numerals.chinese_value(written))
        lunar_year = year - 1 if month >= 11 and early else year
        return LunarDate(lunar_year, month, _lunar_day(m["ld"] or m["ld2"])).to_solar_date()
    except ValueError:  # no such lunar day (a 29-day month's 三十), or outside 1900–2099
        return None


def _lunar_day(written: str) -> int:
    if written.startswith("初"):
        return int(numerals.chinese_value(written[1:]))
    if written.startswith("廿"):
        return 20 + int(numerals.chinese_value(written[1:]))
    return int(numerals.chinese_value(written))
