"""Dates and times: 2月16日, 2020年3月, 80年代, 20世纪初, 90后, 下午3时, 十一点半.

A date without its year takes the year of the dateline in force (新华社北京2月16日电)
or of the sources file; a day without its month takes the dateline's month (and the
month before, when the day is later than the dateline's).  Each reader returns a
quantity of kind ``date`` or ``time`` with an ISO 8601 value, or None when the match
is no date after all (2月30日, 三点要求).
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Quantity
from ..text.normalize import normalize
from . import numerals
from .numerals import ONE, Figure
from .pattern import MONTH, YEAR, G, matches_at_words
from .reader import SKIP, DatelineIndex, Reader

__all__ = ["bracketed_day", "slash_date", "find_datelines", "dateline_index", "read_date",
           "read_time", "is_sentence_term", "roc_year", "meridiem", "read_meridiem"]

#: The sources a dateline names first (新华社北京2月16日电, 本报讯…).
_DATELINE_SOURCES = ("新华社", "本报", "中新社", "央视")
_DATELINE = re.compile(
    rf"(?:{'|'.join(_DATELINE_SOURCES)})[^\s，。,.:：]{{0,10}}?(?:(?P<y>{YEAR}){G}年{G})?"
    rf"(?P<m>1[0-2]|[1-9]){G}月{G}(?P<d>[12][0-9]|3[01]|[1-9]){G}日{G}[电讯]")


def find_datelines(text: str, *, normalized: bool = False
                   ) -> list[tuple[int, int | None, int, int]]:
    """Datelines (新华社北京2月16日电) as (offset, year or None, month, day)."""
    found = []
    for m in matches_at_words(_DATELINE, text if normalized else normalize(text),
                              _DATELINE_SOURCES):
        year = cn_int(m["y"]) if m["y"] else None
        found.append((m.start(), year, int(m["m"]), int(m["d"])))
    return found


def dateline_index(text: str) -> DatelineIndex | None:
    """The datelines of normalised ``text``, or None when it has none."""
    # A dateline names its source (新华社, 中新社, 本报, 央视) and its day: most texts that
    # name a day name no source, and are not scanned.
    if ("日" in text or "月" in text) and ("社" in text or "本报" in text or "央视" in text):
        found = find_datelines(text, normalized=True)
        if found:
            return DatelineIndex(found)
    return None


#: The year and month at the end of a range of months (到2016年1月).
_YEAR_MONTH = re.compile(rf"(?P<y>{YEAR})年(?P<m>{MONTH})月$")


def cn_int(text: str) -> int:
    """An integer written in Arabic or Chinese numerals (2020, 二〇二〇, 十二)."""
    if text.isdigit():
        return int(text)
    return int(numerals.chinese_value(text))


#: 今（15）日, 昨(14)晚, 下周一（16）日, 今 (27) 日: Taiwan copy writes a day in brackets after
#: 今/昨/明 or a weekday (spaced, as some sites print it).
_BRACKETED_DAY = re.compile(
    r"(?:(?<=[今昨明前一二三四五六日天][（(])|(?<=[今昨明前一二三四五六日天] [（(]))"
    r"(3[01]|[12][0-9]|0?[1-9])[）)](日| 日|(?= ?[晚晨早午下上]))")


def bracketed_day(reader: Reader, start: int) -> Quantity | None:
    """The date of 今（15）日 or 昨（14）晚 when its digits start at ``start``, else None."""
    m = _BRACKETED_DAY.match(reader.text, start)
    if m is None:
        return None
    year, month, _ = reader.ymd_context(start)
    day = int(m[1])
    if month is not None and day > days_in(year, month):
        return SKIP
    iso = iso_date(year, month, day)
    end = m.end()
    reader.day_iso, reader.day_end = iso, end
    return reader.quantity(start, end, lo=None, hi=None, qualifier="exact", unit=None,
                           kind="date", iso=iso)


def slash_date(reader: Reader, start: int, end: int, month: int, day: int) -> Quantity | None:
    """12/18, 9/4 as Taiwan copy writes a day (12/18 雙贏彩, 今日（9/4）到監), when the two
    numbers cannot be a share copy writes: a share has a small denominator below its
    numerator (1/4, 2/3, 1/7), a day here is a month of 1–12 and a day of 13–31 or at most
    the month (12/17, 9/4).  None when it is no such day."""
    if not (1 <= month <= 12 and 1 <= day <= 31 and (day >= 13 or month >= day)):
        return None
    year, _, _ = reader.ymd_context(start)
    if day > days_in(year, month):
        return SKIP
    iso = iso_date(year, month, day)
    reader.day_iso, reader.day_end = iso, end
    return reader.quantity(start, end, lo=None, hi=None, qualifier="exact", unit=None,
                           kind="date", iso=iso)


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
    if m["numeric"]:
        return _numeric(reader, m, start)
    if m["ayear"]:  # 2020/21學年, 2018/19年度: a school or fiscal year across two years
        first = int(m["ayear"][:4])
        second = first + 1
        if int(m["ayear"][5:]) != second % 100:
            return None  # 2018/25年: no such year; read as figures, if at all
        return reader.quantity(start, end, lo=None, hi=None, qualifier="range", unit=None,
                               kind="date", iso=f"{first}/{second}")
    if m["yonly"]:
        written, written2 = m["yonly"], m["yonly2"]
        if len(written) == 3 or written2 and len(written2) == 3:  # 104年底, 104年至108年
            year = roc_year(reader, written, year_ctx, start)
            year2 = roc_year(reader, written2, year_ctx, start) if written2 else None
            if year is None or written2 and year2 is None:
                return None  # 近100年來, or Simplified copy: a duration after all
        else:
            year = cn_int(written) if len(written) > 2 else two_digit_year(
                int(written), year_ctx)  # 09年营收: a year; a duration has no leading 0
            year2 = cn_int(written2) if written2 else None
        if written2 and year2 <= year:
            return SKIP  # 2002—1999年 runs backwards: no range, and no figure either
        part = m["ypart"]
        iso = str(year)
        if written2:  # 1999—2002年
            return reader.quantity(start, end, lo=None, hi=None, qualifier="range", unit=None,
                                   kind="date", iso=f"{year}/{year2}")
        if part:
            iso = {"底": f"{year}-11/{year}-12", "末": f"{year}-11/{year}-12",
                   "初": f"{year}-01/{year}-02"}[part]
        return reader.quantity(start, end, lo=None, hi=None,
                               qualifier="vague" if part else "exact", unit=None, kind="date",
                               iso=iso)
    if m["donly"]:
        if not m["donly2"] and _DAYS_BEFORE.search(reader.text, max(0, start - 6), start):
            days = Decimal(m["donly"])  # 連續工作13日: thirteen days, not the 13th
            return reader.amount_quantity(start, end, Figure.exact(days, ONE), None, "天",
                                          "duration", None, subject_from=(start, end))
        d1 = int(m["donly"])
        d2 = int(m["donly2"]) if m["donly2"] else None
        month, year = month_ctx, year_ctx
        if month is not None and day_ctx is not None and d1 > day_ctx:
            month, year = (month - 1, year) if month > 1 else (12, year - 1 if year else None)
        if d1 > days_in(year, month) if month else d1 > 31:
            return SKIP
        iso = iso_date(year, month, d1)
        if d2:
            if d2 <= d1 or month and d2 > days_in(year, month):
                return SKIP  # 19日至17日 runs backwards: no range
            iso += "/" + iso_date(year, month, d2)
        return reader.quantity(start, end, lo=None, hi=None,
                               qualifier="range" if d2 else "exact", unit=None, kind="date",
                               iso=iso)
    month = cn_int(m["mo"])
    if m["roc"]:  # 105年5月20日 in Taiwan copy
        year = roc_year(reader, m["roc"], year_ctx, start)
        if year is None:
            return None
    elif m["y2d"] and not m["d"] and is_sentence_term(reader.text, start, m.end("date")):
        return None  # 有期徒刑10年6月 is a prison term, not June 2010 (an amount: ``amounts``)
    elif m["y2d"] and reader.quote:
        # In Traditional copy 99年6月 may be the Republic's year 99 (2010) or 1999.
        year = traditional_two_digit_year(reader, int(m["y2d"]), year_ctx)
        if year is None:
            return SKIP  # left open: no date, and not 97 years and a 7月 either
    else:
        year = cn_int(m["y"]) if m["y"] else two_digit_year(int(m["y2d"]), year_ctx) if m[
            "y2d"] else year_ctx
    if (not m["y"] and not m["roc"] and year is not None and month_ctx is not None
            and month > month_ctx + 1):
        year -= 1  # 12月 in a February story is last December
    qualifier = "exact"
    if m["d"]:
        day = cn_int(m["d"])
        if day > days_in(year, month):
            return SKIP  # 2月31日 is no day: no date, and not a 2 and a 31日 either
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
    if m["mrange"]:  # 2015年9月到2016年1月: months of two years, one range
        # (read off the group, not from groups of its own: each group costs every match)
        second_end = _YEAR_MONTH.search(m["mrange"])
        year2, month2 = cn_int(second_end["y"]), cn_int(second_end["m"])
        if (not (m["y"] or m["roc"]) or m["d"] or m["part"] or m["mo_to"]
                or (year2, month2) <= (year, month)):
            # 9月到2016年1月, 2015年9月1日至2016年1月, 2016年9月至2015年1月: the first
            # date alone, and what follows read on its own.
            end = m.start("mrange")
            reader.resume_at = end
            return reader.quantity(start, end, lo=None, hi=None, qualifier=qualifier,
                                   unit=None, kind="date", iso=iso)
        return reader.quantity(start, end, lo=None, hi=None, qualifier="range", unit=None,
                               kind="date", iso=f"{iso}/{iso_date(year2, month2, None)}")
    if m["d2"]:
        month2 = cn_int(m["mo2"]) if m["mo2"] else month
        year2 = cn_int(m["yto"]) if m["yto"] else year
        day2 = cn_int(m["d2"])
        first_day = cn_int(m["d"]) if m["d"] else 1
        if (day2 > days_in(year2, month2) or m["yto"] and year is None
                or ((year2 or 0), month2, day2) <= ((year or 0), month, first_day)):
            # 2月19日至17日, 3月1日至2月31日: no range.  The first date stands alone and
            # the scan goes on after it, so that what follows is read on its own.
            if not m["d"]:
                return SKIP
            end = m.end("d") + (reader.text[m.end("d"):m.end("d") + 1] in "日号")
            reader.resume_at = end
            reader.day_iso, reader.day_end = iso, end
            return reader.quantity(start, end, lo=None, hi=None, qualifier="exact",
                                   unit=None, kind="date", iso=iso)
        iso = iso.split("/")[0] + "/" + iso_date(year2, month2, day2)
        qualifier = "range"
    if qualifier == "exact" and m["d"]:
        reader.day_iso, reader.day_end = iso, end
    return reader.quantity(start, end, lo=None, hi=None, qualifier=qualifier,
                           unit=None, kind="date", iso=iso)


def _numeric(reader: Reader, m: re.Match, start: int) -> Quantity | None:
    """2016-07-21, 2018/11/05, 2012.6.9, 2003.09-2006.06: ISO-like dates in digits."""
    end = m.end("date")
    ends = []
    for y, mo, d in (("ny", "nmo", "nd"), ("ny2", "nmo2", "nd2")):
        if m[y] is None:
            break
        if m["nsep"] == "." and m[d] is None and len(m[mo]) != 2:
            return None  # 2012.6 is a decimal; 2003.09 is September 2003
        year, month = int(m[y]), int(m[mo])
        if m[d] is not None and int(m[d]) > days_in(year, month):
            return SKIP
        if m["nsep"] != "." and m[d] is None:
            return None  # 2016-07 alone may be a range of figures; 2016-07-21 is a day
        ends.append((year, month, int(m[d]) if m[d] else None))
    (y1, mo1, d1), *rest = ends
    iso = iso_date(y1, mo1, d1)
    if rest:
        y2, mo2, d2 = rest[0]
        if (d1 is None) != (d2 is None) or (y2, mo2, d2 or 0) <= (y1, mo1, d1 or 0):
            return None
        return reader.quantity(start, end, lo=None, hi=None, qualifier="range", unit=None,
                               kind="date", iso=f"{iso}/{iso_date(y2, mo2, d2)}")
    if d1 is not None:
        reader.day_iso, reader.day_end = iso, end
    return reader.quantity(start, end, lo=None, hi=None, qualifier="exact", unit=None,
                           kind="date", iso=iso)


#: The Republic's first year; 民國 N年 is 1911 + N.
ROC_OFFSET = 1911
#: How far past the story's year a plan may name a year (民國119年, 2030, in a 2019 story).
_ROC_AHEAD = 15
_ROC_LATEST = 130  # without a story year: up to 2041


def roc_year(reader: Reader, written: str, story_year: int | None, at: int) -> int | None:
    """The Gregorian year of a bare Republic year such as 104年 (2015), or None.

    Taiwan copy writes the year of the Republic without 民國 (107年7月, 104年底, 109年度);
    a three-digit year is read so only in Traditional copy, where such a year is the usual
    calendar, and only when it is plausible for the story: at most ``_ROC_AHEAD`` years
    after the story's year.  Simplified copy never writes it (105年 there is a duration).
    """
    if not reader.quote or len(written) != 3:
        return None
    number = int(written)
    latest = story_year - ROC_OFFSET + _ROC_AHEAD if story_year else _ROC_LATEST
    if number > latest:
        return None
    return ROC_OFFSET + number


#: Words before N日 that make it a number of days (連續工作13日, 为期5日), not a day.
_DAYS_BEFORE = re.compile("(?:连续|为期|历时|长达|一连)(?:工作|上班|加班|奋战|作战|营业)?$")

#: Words of a court's sentence near N年M月: the figure is a term (判处有期徒刑10年6月).
_SENTENCE_BEFORE = re.compile("判|处|刑|执行|服刑")
_SENTENCE_AFTER = re.compile("[，,]?(?:有期)?徒刑|[，,]?拘役|定谳|不等")
_CLAUSE_END = frozenset("。！？；;!?\n")


def is_sentence_term(text: str, start: int, end: int) -> bool:
    """Whether N年M月 at ``text[start:end]`` is a prison term: a word of sentencing within
    twelve characters before it in the same clause (判处, 徒刑, 执行), or 徒刑 or 定谳 just
    after it."""
    if _SENTENCE_AFTER.match(text, end):
        return True
    lo = start
    while lo > 0 and start - lo < 12 and text[lo - 1] not in _CLAUSE_END:
        lo -= 1
    return _SENTENCE_BEFORE.search(text, lo, start) is not None


#: Words that place Traditional copy in Taiwan or in Hong Kong (as folded to Simplified).
_TAIWAN = re.compile("新台币|台币|民国|立法院|行政院|台北|高雄|台中|台南|桃园|新北|民进党|国民党|"
                     "蔡英文|健保|捷运|台股|柜买|上柜|证交所|县府|县长|乡镇|国军|监察院|内政部|"
                     "经济部|劳动部|卫福部")
_HONG_KONG = re.compile("港元|港币|港府|特首|立法会|区议会|港铁|新界|九龙|港岛|林郑|嘅|咗|唔|喺|冇|"
                        "警务处|港股|恒指|恒生指数|屯门|沙田|旺角|铜锣湾|中环|尖沙咀|特区政府|"
                        "律政司|食环署")
#: How far back a short year may reach (97年 in a 2019 story: 1997, or 2008 in Taiwan).
_SHORT_YEAR_BACK = 30


def region(reader: Reader) -> str | None:
    """``"tw"`` or ``"hk"`` when the words of the text place it (at least two, more than
    twice the other side's), else ``""``: found once per document, when a date needs it.
    On news-dev's Traditional copy it places 157 of 350 files, 153 as their source does
    and 4 Taiwan sites' stories of Hong Kong as Hong Kong."""
    if reader.region is None:
        text = reader.text
        taiwan, hong_kong = len(_TAIWAN.findall(text)), len(_HONG_KONG.findall(text))
        reader.region = ("tw" if taiwan >= 2 and taiwan > 2 * hong_kong else
                         "hk" if hong_kong >= 2 and hong_kong > 2 * taiwan else "")
    return reader.region or None


def traditional_two_digit_year(reader: Reader, digits: int, story_year: int | None
                               ) -> int | None:
    """The year of a two-digit year in Traditional copy (97年7月, 19年1月), or None when
    its region and the story's year leave it open.

    Hong Kong copy abbreviates the Gregorian year, as Mainland copy does (97年 → 1997).
    Taiwan copy writes the Republic's year (97年 → 2008) or abbreviates the Gregorian
    (19年1月 → 2019): read only when just one of the two falls within 30 years before
    the story's year and 15 after it (without a story year, not at all)."""
    place = region(reader)
    if place == "hk":
        return two_digit_year(digits, story_year)
    if place != "tw" or story_year is None:
        return None
    fits = {year for year in (ROC_OFFSET + digits, two_digit_year(digits, story_year))
            if story_year - _SHORT_YEAR_BACK <= year <= story_year + _ROC_AHEAD}
    return fits.pop() if len(fits) == 1 else None


def two_digit_year(digits: int, story_year: int | None) -> int:
    """16年5月8日 → 2016, 98年 → 1998: the latest year ending so, not after the story's
    (without a story year, 00–30 are this century's)."""
    if story_year is not None:
        year = story_year // 100 * 100 + digits
        return year if year <= story_year else year - 100
    return 2000 + digits if digits <= 30 else 1900 + digits


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


#: am/pm after an hour or a clock time: 3pm, 10am, 3 p.m., 8:30PM.
_MERIDIEM = re.compile(r" ?(?:(?P<am>[aA]\.?[mM]\.?)|(?P<pm>[pP]\.?[mM]\.?))(?![A-Za-z0-9])")


def meridiem(text: str, end: int, hour: int) -> tuple[int, int] | None:
    """(end, hour on a 24-hour clock) when am or pm follows the hour ``hour`` (1–12)
    ending at ``end``: 3pm → 15, 12am → 0, 12pm → 12."""
    if not 1 <= hour <= 12 or text[end:end + 1] not in _MERIDIEM_FIRST:
        return None
    m = _MERIDIEM.match(text, end)
    if m is None:
        return None
    if m["pm"]:
        return m.end(), hour % 12 + 12
    return m.end(), hour % 12


_MERIDIEM_FIRST = frozenset(" aApP")


def read_meridiem(reader: Reader, start: int, body_end: int, hour: int) -> Quantity | None:
    """3pm, 10am, 3 p.m.: an hour and am/pm, as English-style copy writes a time."""
    found = meridiem(reader.text, body_end, hour)
    if found is None:
        return None
    end, hour24 = found
    return reader.quantity(start, end, lo=None, hi=None, qualifier="exact", unit=None,
                           kind="time", iso=_on_the_day(reader, start, f"{hour24:02d}:00"))


def _on_the_day(reader: Reader, start: int, clock: str) -> str:
    """``clock`` as a datetime when a single day was read just before it (2月1日晚7点多,
    3月1日21:17, 2月1日3pm), else as it is."""
    if reader.day_end >= 0 and start - reader.day_end <= 2 and (
            not reader.text[reader.day_end:start].strip(" 【(（")):
        return f"{reader.day_iso}T{clock}"
    return clock


#: Words before a colon figure that make it a ratio or a score, not a clock time.
_RATIO_BEFORE = re.compile(r"(?:比例|比分|比数|比|以|赔率|战绩)[为是]?\s*$")


def read_time(reader: Reader, m: re.Match) -> Quantity | None:
    """下午3时, 晚7点多, 十一点半, 七点零五分, 14:35, 8:05:30, 上午9时至11时, 9:00-17:00."""
    start, end = m.span("time")
    period, minute_text = m["period"], m["mi"]
    if m["clock"]:
        if _RATIO_BEFORE.search(reader.text, max(0, start - 4), start):
            return None  # 比例為 12:30, 以21:17获胜: a ratio or a score
        hour = int(m["ch"])
        after = meridiem(reader.text, m.end("clock"), hour) if not m["ch2"] else None
        if after:  # 8:30pm
            hour, end = after[1], after[0]
            first = _clock(None, hour, int(m["cm"]), m["cs"])
        else:
            first = _clock(period, hour, int(m["cm"]), m["cs"])
        second = _clock(period, int(m["ch2"]), int(m["cm2"]), None, end_of_range=True
                        ) if m["ch2"] else None
        first_end, has_second = m.end("clock"), bool(m["ch2"])
    else:
        hour_text, marker = m["h"], m["hm"]
        arabic_hour = hour_text.isdigit()
        first_end, has_second = m.end("t1"), bool(m["h2"])
        if minute_text and not m["fen"] and not period:
            # 3时20, 三点二十 without 分 or a time of day: the hour alone, if anything.
            minute_text, end, has_second = None, m.end("hm"), False
            first_end = end
        if not (period or minute_text or m["half"] or (marker == "时" and arabic_hour)
                or (m["tq"] and arabic_hour and end == m.end("time"))):
            return None  # 三点要求: 点 as a measure word, not a time
        first = _clock(period, cn_int(hour_text),
                       cn_int(minute_text) if minute_text else (30 if m["half"] else 0), None)
        second = _clock(period, cn_int(m["h2"]), cn_int(m["mi2"]) if m["mi2"] else (
            30 if m["half2"] else 0), None, end_of_range=True) if has_second else None
    if first is None:
        return None
    qualifier = {"许": "about", "左右": "about", "多": "more_than"}.get(
        m["tq"] or "", "about" if "约" in reader.text[start:m.start("clock") if m["clock"]
                                                      else m.start("t1")] else "exact")
    iso = first
    if has_second:
        if second is not None and second > first:
            iso, qualifier = f"{first}/{second}", "range"
        else:  # 22:00-2:00, 9时至7时: no range; the first time alone, then the second
            end, qualifier = first_end, "exact"
            reader.resume_at = end
    elif end != m.end("time"):
        qualifier = "exact"
    iso = _on_the_day(reader, start, iso)  # 2月1日晚7点多, 3月1日21:17: a datetime
    return reader.quantity(start, end, lo=None, hi=None, qualifier=qualifier, unit=None,
                           kind="time", iso=iso)


def _clock(period: str | None, hour: int, minute: int, seconds: str | None,
           end_of_range: bool = False) -> str | None:
    """hh:mm (or hh:mm:ss) on a 24-hour clock, the time of day word applied; None past
    24:00.  24时 is 00:00, except as the end of a range (6时至24时 → 06:00/24:00)."""
    if hour > 24 or minute > 59 or hour == 24 and (minute or seconds and int(seconds)):
        return None
    if hour == 24 and end_of_range:
        return "24:00"
    if period in ("下午", "傍晚", "晚上", "晚间", "晚", "当晚") and hour < 12:
        hour += 12
    elif period in ("中午", "正午", "午间") and hour < 6:
        hour += 12
    elif period in ("夜里", "夜间", "深夜", "夜") and 6 <= hour < 12:
        hour += 12
    clock = f"{hour % 24:02d}:{minute:02d}"
    return f"{clock}:{seconds}" if seconds else clock


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
