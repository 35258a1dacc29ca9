"""Dates and times: 2月16日, 2020年3月, 80年代, 20世纪初, 90后, 下午3时, 十一点半.

A date without its year takes the year of the dateline in force (新华社北京2月16日电)
or of the sources file; a day without its month takes the dateline's month (and the
month before, when the day is later than the dateline's).  Each reader returns a
quantity of kind ``date`` or ``time`` with an ISO 8601 value, or None when the match
is no date after all (2月30日, 三点要求).
"""

from __future__ import annotations

import re

from ..model import Quantity
from ..text.normalize import normalize
from . import numerals
from .pattern import YEAR, G
from .reader import DatelineIndex, Reader

__all__ = ["find_datelines", "dateline_index", "read_date", "read_time"]

_DATELINE = re.compile(
    rf"(?:新华社|本报|中新社|央视)[^\s，。,.:：]{{0,10}}?(?:(?P<y>{YEAR}){G}年{G})?"
    rf"(?P<m>1[0-2]|[1-9]){G}月{G}(?P<d>[12][0-9]|3[01]|[1-9]){G}日{G}[电讯]")


def find_datelines(text: str, *, normalized: bool = False
                   ) -> list[tuple[int, int | None, int, int]]:
    """Datelines (新华社北京2月16日电) as (offset, year or None, month, day)."""
    found = []
    for m in _DATELINE.finditer(text if normalized else normalize(text)):
        year = cn_int(m["y"]) if m["y"] else None
        found.append((m.start(), year, int(m["m"]), int(m["d"])))
    return found


def dateline_index(text: str) -> DatelineIndex | None:
    """The datelines of normalised ``text``, or None when it has no 日 or 月 at all."""
    if "日" in text or "月" in text:
        return DatelineIndex(find_datelines(text, normalized=True))
    return None


def cn_int(text: str) -> int:
    """An integer written in Arabic or Chinese numerals (2020, 二〇二〇, 十二)."""
    if text.isdigit():
        return int(text)
    return int(numerals.chinese_value(text))


def read_date(reader: Reader, m: re.Match) -> Quantity | None:
    start, end = m.span("date")
    year_ctx, month_ctx, day_ctx = reader.ymd_context(start)
    if m["decades"]:
        return _decades(reader, m, start, end, year_ctx)
    if m["decade"]:
        decade = int(m["decade"])
        century = 2000 if decade <= 20 else 1900
        first = century + decade
        return reader.quantity(start, end, lo=None, hi=None, qualifier="range", unit=None,
                               kind="date", iso=f"{first}/{first + 9}")
    if m["yonly"]:
        year = cn_int(m["yonly"])
        part = m["ypart"]
        iso = str(year)
        if m["yonly2"]:  # 1999—2002年
            return reader.quantity(start, end, lo=None, hi=None, qualifier="range", unit=None,
                                   kind="date", iso=f"{year}/{cn_int(m['yonly2'])}")
        if part:
            iso = {"底": f"{year}-11/{year}-12", "末": f"{year}-11/{year}-12",
                   "初": f"{year}-01/{year}-02"}[part]
        return reader.quantity(start, end, lo=None, hi=None,
                               qualifier="vague" if part else "exact", unit=None, kind="date",
                               iso=iso)
    if m["donly"]:
        d1 = int(m["donly"])
        d2 = int(m["donly2"]) if m["donly2"] else None
        month, year = month_ctx, year_ctx
        if month is not None and day_ctx is not None and d1 > day_ctx:
            month, year = (month - 1, year) if month > 1 else (12, year - 1 if year else None)
        iso = iso_date(year, month, d1)
        if d2:
            iso += "/" + iso_date(year, month, d2)
        return reader.quantity(start, end, lo=None, hi=None,
                               qualifier="range" if d2 else "exact", unit=None, kind="date",
                               iso=iso)
    month = cn_int(m["mo"])
    year = cn_int(m["y"]) if m["y"] else year_ctx
    if not m["y"] and year is not None and month_ctx is not None and month > month_ctx + 1:
        year -= 1  # 12月 in a February story is last December
    qualifier = "exact"
    if m["d"]:
        day = cn_int(m["d"])
        if day > days_in(year, month):
            return None
        iso = iso_date(year, month, day)
    elif m["part"]:
        first, last = {"初": (1, 10), "上旬": (1, 10), "中旬": (11, 20), "中": (11, 20),
                       "下旬": (21, 0), "底": (21, 0), "末": (21, 0)}[m["part"]]
        last = last or days_in(year, month)
        iso = f"{iso_date(year, month, first)}/{iso_date(year, month, last)}"
        qualifier = "vague"
    else:
        iso = iso_date(year, month, None)
        if m["mo_to"]:  # 6—8月
            iso += "/" + iso_date(year, cn_int(m["mo_to"]), None)
            qualifier = "range"
    if m["d2"]:
        month2 = cn_int(m["mo2"]) if m["mo2"] else month
        iso = iso.split("/")[0] + "/" + iso_date(year, month2, cn_int(m["d2"]))
        qualifier = "range"
    return reader.quantity(start, end, lo=None, hi=None, qualifier=qualifier,
                           unit=None, kind="date", iso=iso)


def _decades(reader: Reader, m: re.Match, start: int, end: int, year: int | None) -> Quantity:
    """80年代, 上世纪五六十年代, 1990年代初, 20世纪, 21世纪初: spans of years."""
    if m["cent"]:  # 20世纪 is 1901–2000, as GB/T 7408 counts centuries
        century = cn_int(m["cent"])
        first, last = (century - 1) * 100 + 1, century * 100
        part = m["cpart"]
        if part:
            first, last = {"初": (first, first + 19), "初叶": (first, first + 19),
                           "上半叶": (first, first + 49), "中叶": (first + 30, first + 69),
                           "下半叶": (first + 50, last), "末": (last - 19, last),
                           "末叶": (last - 19, last)}[part]
        return reader.quantity(start, end, lo=None, hi=None,
                               qualifier="vague" if part else "range", unit=None, kind="date",
                               iso=f"{first}/{last}")
    if m["ydec"]:
        first_decade = last_decade = int(m["ydec"])
        part = m["ydpart"]
    else:
        if m["dcent"]:  # 20世纪80年代
            base = (cn_int(m["dcent"]) - 1) * 100
        elif m["drel"] and year:  # 上世纪 is the century before the story's
            this = (year - 1) // 100 * 100
            base = this - 100 if m["drel"].startswith("上") else this
        elif m["drel"] == "本":  # no year known: 本世纪 20年代 has passed, 70年代 is the 1970s
            decade = cn_int(m["dec"] or m["dec_a"])
            base = 2000 if decade <= 20 else 1900
        else:  # 八十年代 or 上世纪 without a year: the 1900s, as copy uses it
            base = 1900
        if m["dec"]:
            first_decade = last_decade = base + cn_int(m["dec"])
        else:  # 五六十年代
            first_decade = base + 10 * cn_int(m["dec_a"])
            last_decade = base + 10 * cn_int(m["dec_b"])
        part = m["dpart"]
    first, last = first_decade, last_decade + 9
    if part:
        first, last = {"初": (first, first + 3), "初期": (first, first + 3),
                       "前期": (first, first + 4), "中期": (first + 3, first + 6),
                       "中叶": (first + 3, first + 6), "中后期": (first + 5, last),
                       "后期": (last - 3, last), "末期": (last - 3, last),
                       "末": (last - 3, last)}[part]
    return reader.quantity(start, end, lo=None, hi=None,
                           qualifier="vague" if part else "range", unit=None, kind="date",
                           iso=f"{first}/{last}")


def read_time(reader: Reader, m: re.Match) -> Quantity | None:
    start, end = m.span("time")
    period, marker = m["period"], m["hm"]
    hour_text = m["h"]
    arabic_hour = hour_text.isdigit()
    if not (period or m["mi"] or m["half"] or (marker == "时" and arabic_hour)
            or (m["tq"] and arabic_hour)):
        return None  # 三点要求: 点 as a measure word, not a time
    hour = cn_int(hour_text)
    if hour > 24:
        return None
    if period in ("下午", "傍晚", "晚上", "晚", "当晚") and hour < 12:
        hour += 12
    elif period in ("中午", "正午") and hour < 6:
        hour += 12
    elif period in ("夜里", "深夜", "夜") and 6 <= hour < 12:
        hour += 12
    minute = cn_int(m["mi"]) if m["mi"] else (30 if m["half"] else 0)
    qualifier = {"许": "about", "左右": "about", "多": "more_than"}.get(m["tq"] or "", "exact")
    return reader.quantity(start, end, lo=None, hi=None, qualifier=qualifier, unit=None,
                           kind="time", iso=f"{hour % 24:02d}:{minute:02d}")


def days_in(year: int | None, month: int) -> int:
    """Days in ``month`` of ``year`` (29 for a February of unknown year)."""
    if month == 2:
        if year is None:
            return 29
        return 29 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28
    return 30 if month in (4, 6, 9, 11) else 31


def iso_date(year: int | None, month: int | None, day: int | None) -> str:
    """ISO 8601 for what is known: 2020-02-16, --02-16 (no year), 2020----16 (no month)."""
    if month is None:
        return f"---{day:02d}" if year is None else f"{year}----{day:02d}"
    head = f"{year}-{month:02d}" if year is not None else f"--{month:02d}"
    return head if day is None else f"{head}-{day:02d}"
