"""Find every quantity in Chinese copy and say exactly what it means.

``extract(text)`` works on the normalised text, in which OCR gaps are already
joined (``7436`` at the end of a line and ``万多名`` on the next read as one
quantity; normalize.join_gaps keeps the map back).  A one-class pattern finds each
run of numerals; one compiled pattern is then matched there, whose alternatives
are, in order: dates (with decades and centuries), times, 百分之 percentages,
fractions, and amounts (qualifier word, figure or range, 余/多, unit, trailing
qualifier).  Each match is interpreted by plain functions into a
:class:`~factlint.model.Quantity` whose span points at the original text.
Qualifier rules are in the README.
"""

from __future__ import annotations

import bisect
import gc
import re
from decimal import Decimal
from functools import lru_cache

from ..model import Quantity, Span, new_quantity
from ..text.normalize import LineIndex, OffsetMap, join_gaps, normalize
from . import numerals
from .numerals import ONE, ZERO, Figure
from .units import UNIT_BLOCKERS, UNITS, UNITS_LONGEST_FIRST

__all__ = ["extract", "parse", "find_datelines"]

G = ""  # OCR gaps are joined by normalize.join_gaps before matching
CN = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟廿卅"
CN_DIGIT = "零〇一二两三四五六七八九"
ARABIC = rf"(?:[0-9]{{1,3}}(?:[,，][0-9]{{3}})+(?![0-9])|[0-9]+(?:{G}[0-9]+)*)(?:{G}[.·]{G}[0-9]+)?"
MORE = "余多来"
# One figure: Arabic with multipliers, a vague amount, or a Chinese numeral.
# 1万2千, 3亿5千万, 5万4千6百: more places after a written multiplier.
COMPOUND = r"(?:(?<=[万亿千百])[0-9]{1,4}(?:[千百]?万|[千百十](?![万亿])))*"
FIGURE = (
    rf"(?:{ARABIC}(?:{G}[{MORE}](?={G}[万亿]))?"
    rf"(?:{G}(?:[百千]?[万亿]+|[百千](?![0-9])|[百千](?=[0-9]{{1,4}}[千百十])))?"
    rf"{COMPOUND}"
    rf"|成千上万|成百上千|数以[万千百]计|上[百千万]万?|数[十百千万][万亿]?"
    rf"|(?<![上下多大过])半(?=个(?:多?月|多?小时|星期|钟头|工作日|百分点)|年|天|小时|钟头|分钟|周)"
    rf"|[{CN}几]*几[{CN}几]*"
    rf"|[{CN}]+(?:点[{CN_DIGIT}]+)?(?:[{MORE}](?=[万亿]))?[万亿]*)"
)
FIGURE_PCT = rf"{FIGURE}(?:{G}[{MORE}])?(?:{G}[%‰])?"
CONNECTOR = r"(?:至|到|—{1,2}|–|-|~|～)"
UNIT = "|".join(re.escape(u) for u in UNITS_LONGEST_FIRST)
PREFIX = ("大约|约|将近|接近|近|超过|逾|不足|不到|未满|不超过|不少于|不低于|不小于|不大于|不高于|"
          "大于|高于|多于|超出|小于|低于|少于|至少|最少|起码|至多|最多|零下|负|第")
#: 至少 and its kin may stand a short verb phrase before the figure they qualify.
ADVERB = "至少|最少|起码|至多|最多"
SUFFIX = "以上|以下|左右|上下|以内|之内|内(?![部容地外心在阁涵])|许"

YEAR = r"(?:1[0-9]|20)[0-9]{2}|[一二][〇零一二三四五六七八九]{3}"
MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
DAY = r"[12][0-9]|3[01]|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
PERIOD = "凌晨|清晨|早晨|早上|上午|中午|正午|下午|傍晚|晚上|夜里|深夜|午夜|当晚|晚|早|夜"
HOUR = r"2[0-4]|[01]?[0-9]|二十[一二三四]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
MINUTE = r"[0-5]?[0-9]|[一二三四五]?十[一二三四五六七八九]?|[一二三四五六七八九]"
CENTURY = r"1[0-9]|2[0-2]|十[一二三四五六七八九]|二十[一二]?"
DECADE_PART = "初期|初|前期|中期|中叶|中后期|后期|末期|末"

PATTERN = re.compile(
    rf"""
    (?P<date>
        (?P<decades>(?:(?P<dcent>{CENTURY})世纪|(?P<drel>上个?|本)世纪)?
          (?:(?P<dec>[1-9]0|[一二三四五六七八九]十)|(?P<dec_a>[二三四五六七八九])(?P<dec_b>[三四五六七八九])十)
          年代(?P<dpart>{DECADE_PART})?
        | (?P<ydec>1[0-9]{{2}}0|20[0-9]0)年代(?P<ydpart>{DECADE_PART})?
        | (?P<cent>{CENTURY})世纪(?P<cpart>初叶|初|上半叶|中叶|下半叶|末叶|末)?(?!{G}[0-9{CN}]))
      | (?:(?P<y>{YEAR}){G}年{G})?
        (?P<mo>{MONTH})(?:{G}{CONNECTOR}{G}(?P<mo_to>{MONTH}))?{G}月(?!{G}(?:份额))
        (?:{G}(?:(?P<d>{DAY}){G}[日号]|(?P<part>底|初|末|中旬|上旬|下旬|中)))?
        (?:{G}{CONNECTOR}{G}(?:(?P<mo2>{MONTH}){G}月{G})?(?P<d2>{DAY}){G}[日号])?
      | (?P<yonly>{YEAR})(?:{G}{CONNECTOR}{G}(?P<yonly2>{YEAR}))?{G}年(?P<ypart>底|初|末)?
      | (?P<donly>[12][0-9]|3[01]|0?[1-9]){G}日
        (?:{G}{CONNECTOR}{G}(?P<donly2>[12][0-9]|3[01]|0?[1-9]){G}日)?
        (?!{G}(?:内|以内|之内|左右|以上))
      | (?P<decade>[0-9]0){G}后(?![{CN}0-9])
    )
  | (?P<time>
        (?P<period>{PERIOD})?{G}(?P<h>{HOUR}){G}(?P<hm>[点时])
        (?:{G}(?:(?P<mi>{MINUTE}){G}分|(?P<half>半)))?(?P<tq>许|多|左右)?
    )
  | (?P<pct>(?:(?P<ppre>{PREFIX})(?:有|达|为)?{G})?百分之
        (?P<pbody>{ARABIC}|[{CN}]+(?:点[{CN_DIGIT}]+)?)
        (?P<psuf>{SUFFIX}|[{MORE}])?)
  | (?P<frac>(?:(?P<fpre>{PREFIX})(?:有|达|为)?{G})?(?P<fden>[{CN}]+)分之
        (?P<fnum>{ARABIC}|[{CN}]+(?:点[{CN_DIGIT}]+)?)
        (?P<fsuf>{SUFFIX})?
      | (?P<anum>[0-9]{{1,3}})/(?P<aden>[0-9]{{1,3}})(?![0-9./℃%]))
  | (?P<amount>
        (?:(?P<pre>{PREFIX})(?:有|达|为|(?<={ADVERB})[^\W\d{CN}几的时是]{{1,4}}?)?{G})?
        (?P<body>{FIGURE_PCT}(?:{G}{CONNECTOR}{G}{FIGURE_PCT})?)
        (?P<suf1>{SUFFIX})?
        (?:{G}(?P<unit>{UNIT}))?
        (?P<suf2>{SUFFIX})?
    )
    """,
    re.VERBOSE,
)

# Words that contain numerals but are not amounts (idioms, names, formulas).
IDIOMS = (
    "一线 第一线 一声令下 一次次 一道道 一系列 一对一 千家万户 两手抓 进一步 百步亭 三亚 四川 "
    "老百姓 百姓 三无 四个一 五带头 一起 一样 一切 一些 一直 一定 一般 一致 统一 唯一 之一 一体 "
    "一旦 一同 一边 一方面 万一 一心 一律 千方百计 万众一心 一丝不苟 三令五申 十分 千万 一下 "
    "一点 一点一滴 一点点 一时 一度 一举 一贯 一流 一带 一路 一概 一连 一再 一齐 一并 一手 一揽子 "
    "万物 四面八方 "
    "七嘴八舌 五湖四海 五花八门 九死一生 一帆风顺 一心一意 十全十美 一五一十 三番五次 四平八稳 "
    "一盘棋 一把手 两会 两岸 两个维护 四个意识 四个自信 两个确立 三严三实 两学一做 五位一体 "
    "一带一路 一国两制 十九大 十九届 一成不变 九州 万家灯火 一分一秒 一草一木 一针一线 "
    "一鼓作气 一往无前 众志成城 一马当先 千钧一发 一臂之力 一席之地 一目了然 一视同仁 "
    "万无一失 一清二楚 三峡 九江 十堰 六安 三明 万州 五指山 七台河 八达岭 三门峡 "
    "一刻 一面 一阵 一股 一番 一件件 一个个 一名名 一张张 一条条 一次 一场场 一批批 "
    "一家家 一户户 一员 一分子 一道 一同 两委 三农 "
    "四风 八项规定 百万雄师 第一时间 一把 一份子 十四五 十三五 一号文件 两国 三国演义 "
    "八段锦 一波三折 八一队 "
    "五四运动 七一前夕 八一建军节 十一黄金周 六一儿童节 三八妇女节 五一劳动节"
).split()
_IDIOM_RE = re.compile("|".join(sorted(set(IDIOMS), key=lambda w: (-len(w), w))))

#: Words between a subject and its figure (共有 in 武汉返乡人员共有54户).
_LINK_WORDS = re.compile(
    r"(?:共有|共计|总计|合计|累计|共|有|达到|达|(?<![认作成因])为|是|约有|已有|已|仅|计|增至|增加|减少|超|占|"
    r"突破|多达|高达|还有|另有|其中|包括|分别|每|再|又|即|近|逾|超过|约|大约|将近|接近|至少)+$")
_LEADING_LINK = re.compile(r"^(?:共|已|还|又|再|都|也|就|全|总|均|仅|另|共计)+")
_SUBJECT_STOP = re.compile(r"[的地得了着过和与及或在把被对从向自于将以而并且但其这那此该各每、]")
_CJK = re.compile(r"[\u4e00-\u9fff]+")
_LAST_NON_CJK = re.compile(r".*[^\u4e00-\u9fff]", re.DOTALL)

@lru_cache(maxsize=4096)  # figures repeat (2, 10, 20℃, 1.5万): read each spelling once
def _figure(body: str) -> tuple[Figure, bool]:
    """Interpret one figure such as ``200余万``, ``7436万``, ``十几``, ``76.8亿``.

    Returns the figure and whether it carried 余/多 (more_than).
    """
    more = False
    mantissa, mult = body, ""
    if "余" in body or "多" in body:
        for mark in "余多":
            head, sep, tail = body.partition(mark)
            if sep and (not tail or set(tail) <= set("万亿")):
                more = True
                body = head + tail
                mantissa, mult = head, tail
                break
    if "来" in body:
        raise ValueError(body)
    if body == "半":  # 半个月, 半年
        return Figure(_HALF, _HALF, ZERO, _HALF), False
    if _HAS_DIGIT(mantissa):
        if _COMPOUND_PLACE(mantissa):  # 1万2千
            figure = numerals.arabic_compound(mantissa)
        else:
            digits = mantissa.rstrip("百千万亿")
            figure = numerals.arabic(digits, mantissa[len(digits):] + mult)
    elif "几" in mantissa or mantissa.startswith(("数", "上", "成")) or mantissa in numerals._VAGUE:
        return numerals.vague(mantissa + mult), more
    else:
        figure = numerals.chinese(mantissa)
        if mult:
            figure = figure.scaled(numerals.multiplier_of(mult))
    if more:
        return figure.and_more(), True
    return figure, False


_QUALIFIER_OF = {
    "大约": "about", "约": "about", "左右": "about", "上下": "about", "许": "about",
    "将近": "nearly", "接近": "nearly", "近": "nearly",
    "超过": "at_least", "逾": "at_least", "以上": "at_least", "不少于": "at_least",
    "最少": "at_least", "起码": "at_least", "至多": "at_most",
    "不低于": "at_least", "至少": "at_least", "不小于": "at_least", "大于": "at_least",
    "高于": "at_least", "多于": "at_least", "超出": "at_least",
    "小于": "at_most", "低于": "at_most", "少于": "at_most", "不大于": "at_most",
    "不高于": "at_most",
    "不足": "at_most", "不到": "at_most", "未满": "at_most", "以下": "at_most",
    "以内": "at_most", "之内": "at_most", "内": "at_most", "不超过": "at_most", "最多": "at_most",
}
#: Kinds whose whole numbers are counted, not measured: 9761个 and 17元 are exact.
COUNTED_KINDS = frozenset({"count", "money"})


def counted_precision(figure: Figure) -> Decimal:
    """The rounding a count or a sum of money carries, read off how it is written.

    A whole number written to the units (9761, 17, 290, 一万零五) is exact; one
    ending in two or more zeros (1200) may be rounded to its last non-zero digit
    (± half of it); a decimal or a multiplier (76.8亿, 7436万, 8500亿) carries half
    a unit of its last written digit.  Measures, shares and durations (15%, 3天,
    17公里) are rounded readings and keep half a unit of their last digit.
    """
    if figure.round_zeros:
        return figure.step / 2
    if figure.precision == _HALF:
        return ZERO
    return figure.precision


_NEARLY, _ABOUT_LO, _ABOUT_HI = Decimal("0.9"), Decimal("0.9"), Decimal("1.1")
_HALF = Decimal("0.5")


def _apply(qualifier: str, lo: Decimal, hi: Decimal) -> tuple[Decimal | None, Decimal | None]:
    if qualifier == "nearly":
        return lo * _NEARLY, hi
    if qualifier == "about":
        return lo * _ABOUT_LO, hi * _ABOUT_HI
    if qualifier == "at_least":
        return lo, None
    if qualifier == "at_most":
        return min(ZERO, lo), hi
    return lo, hi


class _Context:
    """Per-document facts a date needs: datelines and the year from the sources."""

    __slots__ = ("datelines", "starts", "year")

    def __init__(self, text: str, year: int | None) -> None:
        self.year = year
        self.datelines = find_datelines(text, normalized=True)
        self.starts = [start for start, *_ in self.datelines]

    def dateline_at(self, pos: int) -> tuple[int | None, int, int] | None:
        """The dateline in force at ``pos``: the last one before it, else the first."""
        if not self.datelines:
            return None
        i = bisect.bisect_right(self.starts, pos)
        _, y, m, d = self.datelines[max(i - 1, 0)]  # i == 0: printed after the story (…电)
        return y, m, d


_DATELINE = re.compile(
    rf"(?:新华社|本报|中新社|央视)[^\s，。,.:：]{{0,10}}?(?:(?P<y>{YEAR}){G}年{G})?"
    rf"(?P<m>1[0-2]|[1-9]){G}月{G}(?P<d>[12][0-9]|3[01]|[1-9]){G}日{G}[电讯]")


def find_datelines(text: str, *, normalized: bool = False
                   ) -> list[tuple[int, int | None, int, int]]:
    """Datelines (新华社北京2月16日电) as (offset, year or None, month, day)."""
    found = []
    for m in _DATELINE.finditer(text if normalized else normalize(text)):
        year = _cn_int(m["y"]) if m["y"] else None
        found.append((m.start(), year, int(m["m"]), int(m["d"])))
    return found


def _cn_int(text: str) -> int:
    if text.isdigit():
        return int(text)
    return int(numerals.chinese_value(text))


class _Builder:
    """Turns pattern matches over one text into quantities."""

    def __init__(self, original: str, text: str, offsets: OffsetMap, path: str,
                 year: int | None) -> None:
        self.original = original
        self.text = text  # normalised, OCR gaps joined; ``offsets`` maps back
        self.offsets = offsets
        self.index = LineIndex(original, path)
        self.context = _Context(text, year) if ("日" in text or "月" in text) else None
        self.year = year
        self.end = 0

    # -- helpers -----------------------------------------------------------------
    def quantity(self, start: int, end: int, **fields) -> Quantity:
        self.end = end  # where the scan resumes (两个半小时 ends past what the pattern matched)
        original = self.offsets.original
        o_start, o_end = original(start), original(end - 1) + 1 if end > start else original(start)
        span: Span = self.index.span(o_start, o_end)
        return new_quantity(text=self.original[o_start:o_end], span=span,
                            normalized=self.text[start:end], **fields)

    def _idiom(self, start: int, end: int) -> bool:
        """Whether the numerals at ``start`` belong to a word such as 一线 or 千万不要."""
        lo = max(0, start - 4)
        window = self.text[lo:end + 4]
        for m in _IDIOM_RE.finditer(window):
            # The word must cover the first numeral: 四千万 is no 千万, 几十分钟 no 十分.
            if m.start() + lo <= start < m.end() + lo:
                if m.group() == "一点" and window[m.end():m.end() + 1] in _CN_DIGITS:
                    continue  # 一点五亿元 is 1.5亿, not 一点 "a little"
                return True
        return False

    # -- dates and times ---------------------------------------------------------
    def _ymd_context(self, pos: int) -> tuple[int | None, int | None, int | None]:
        line = self.context.dateline_at(pos) if self.context else None
        if line is None:
            return self.year, None, None
        y, m, d = line
        return (y if y is not None else self.year), m, d

    def date(self, m: re.Match) -> Quantity | None:
        start, end = m.span("date")
        year_ctx, month_ctx, day_ctx = self._ymd_context(start)
        if m["decades"]:
            return self._decades(m, start, end, year_ctx)
        if m["decade"]:
            decade = int(m["decade"])
            century = 2000 if decade <= 20 else 1900
            first = century + decade
            return self.quantity(start, end, lo=None, hi=None, qualifier="range", unit=None,
                                 kind="date", iso=f"{first}/{first + 9}")
        if m["yonly"]:
            year = _cn_int(m["yonly"])
            part = m["ypart"]
            iso = str(year)
            if m["yonly2"]:  # 1999—2002年
                return self.quantity(start, end, lo=None, hi=None, qualifier="range", unit=None,
                                     kind="date", iso=f"{year}/{_cn_int(m['yonly2'])}")
            if part:
                iso = {"底": f"{year}-11/{year}-12", "末": f"{year}-11/{year}-12",
                       "初": f"{year}-01/{year}-02"}[part]
            return self.quantity(start, end, lo=None, hi=None,
                                 qualifier="vague" if part else "exact", unit=None, kind="date",
                                 iso=iso)
        if m["donly"]:
            d1 = int(m["donly"])
            d2 = int(m["donly2"]) if m["donly2"] else None
            month, year = month_ctx, year_ctx
            if month is not None and day_ctx is not None and d1 > day_ctx:
                month, year = (month - 1, year) if month > 1 else (12, year - 1 if year else None)
            iso = _iso(year, month, d1)
            if d2:
                iso += "/" + _iso(year, month, d2)
            return self.quantity(start, end, lo=None, hi=None,
                                 qualifier="range" if d2 else "exact", unit=None, kind="date",
                                 iso=iso)
        month = _cn_int(m["mo"])
        year = _cn_int(m["y"]) if m["y"] else year_ctx
        if not m["y"] and year is not None and month_ctx is not None and month > month_ctx + 1:
            year -= 1  # 12月 in a February story is last December
        qualifier = "exact"
        if m["d"]:
            day = _cn_int(m["d"])
            if day > _days_in(year, month):
                return None
            iso = _iso(year, month, day)
        elif m["part"]:
            first, last = {"初": (1, 10), "上旬": (1, 10), "中旬": (11, 20), "中": (11, 20),
                           "下旬": (21, 0), "底": (21, 0), "末": (21, 0)}[m["part"]]
            last = last or _days_in(year, month)
            iso = f"{_iso(year, month, first)}/{_iso(year, month, last)}"
            qualifier = "vague"
        else:
            iso = _iso(year, month, None)
            if m["mo_to"]:  # 6—8月
                iso += "/" + _iso(year, _cn_int(m["mo_to"]), None)
                qualifier = "range"
        if m["d2"]:
            month2 = _cn_int(m["mo2"]) if m["mo2"] else month
            iso = iso.split("/")[0] + "/" + _iso(year, month2, _cn_int(m["d2"]))
            qualifier = "range"
        return self.quantity(start, end, lo=None, hi=None, qualifier=qualifier,
                             unit=None, kind="date", iso=iso)

    def _decades(self, m: re.Match, start: int, end: int, year: int | None) -> Quantity:
        """80年代, 上世纪五六十年代, 1990年代初, 20世纪, 21世纪初: spans of years."""
        if m["cent"]:  # 20世纪 is 1901–2000, as GB/T 7408 counts centuries
            century = _cn_int(m["cent"])
            first, last = (century - 1) * 100 + 1, century * 100
            part = m["cpart"]
            if part:
                first, last = {"初": (first, first + 19), "初叶": (first, first + 19),
                               "上半叶": (first, first + 49), "中叶": (first + 30, first + 69),
                               "下半叶": (first + 50, last), "末": (last - 19, last),
                               "末叶": (last - 19, last)}[part]
            return self.quantity(start, end, lo=None, hi=None,
                                 qualifier="vague" if part else "range", unit=None, kind="date",
                                 iso=f"{first}/{last}")
        if m["ydec"]:
            first_decade = last_decade = int(m["ydec"])
            part = m["ydpart"]
        else:
            if m["dcent"]:  # 20世纪80年代
                base = (_cn_int(m["dcent"]) - 1) * 100
            elif m["drel"] and year:  # 上世纪 is the century before the story's
                this = (year - 1) // 100 * 100
                base = this - 100 if m["drel"].startswith("上") else this
            elif m["drel"] == "本":  # no year known: 本世纪 20年代 has passed, 70年代 is the 1970s
                decade = _cn_int(m["dec"] or m["dec_a"])
                base = 2000 if decade <= 20 else 1900
            else:  # 八十年代 or 上世纪 without a year: the 1900s, as copy uses it
                base = 1900
            if m["dec"]:
                first_decade = last_decade = base + _cn_int(m["dec"])
            else:  # 五六十年代
                first_decade = base + 10 * _cn_int(m["dec_a"])
                last_decade = base + 10 * _cn_int(m["dec_b"])
            part = m["dpart"]
        first, last = first_decade, last_decade + 9
        if part:
            first, last = {"初": (first, first + 3), "初期": (first, first + 3),
                           "前期": (first, first + 4), "中期": (first + 3, first + 6),
                           "中叶": (first + 3, first + 6), "中后期": (first + 5, last),
                           "后期": (last - 3, last), "末期": (last - 3, last),
                           "末": (last - 3, last)}[part]
        return self.quantity(start, end, lo=None, hi=None,
                             qualifier="vague" if part else "range", unit=None, kind="date",
                             iso=f"{first}/{last}")

    def time(self, m: re.Match) -> Quantity | None:
        start, end = m.span("time")
        period, marker = m["period"], m["hm"]
        hour_text = m["h"]
        arabic_hour = hour_text.isdigit()
        if not (period or m["mi"] or m["half"] or (marker == "时" and arabic_hour)
                or (m["tq"] and arabic_hour)):
            return None  # 三点要求: 点 as a measure word, not a time
        hour = _cn_int(hour_text)
        if hour > 24:
            return None
        if period in ("下午", "傍晚", "晚上", "晚", "当晚") and hour < 12:
            hour += 12
        elif period in ("中午", "正午") and hour < 6:
            hour += 12
        elif period in ("夜里", "深夜", "夜") and 6 <= hour < 12:
            hour += 12
        minute = _cn_int(m["mi"]) if m["mi"] else (30 if m["half"] else 0)
        qualifier = {"许": "about", "左右": "about", "多": "more_than"}.get(m["tq"] or "", "exact")
        return self.quantity(start, end, lo=None, hi=None, qualifier=qualifier, unit=None,
                             kind="time", iso=f"{hour % 24:02d}:{minute:02d}")

    # -- percentages and fractions ---------------------------------------------------
    def percent(self, m: re.Match) -> Quantity | None:
        start, end = m.span("pct")
        figure, more = _figure(m["pbody"])
        qualifier = _QUALIFIER_OF.get(m["ppre"] or "") or _QUALIFIER_OF.get(m["psuf"] or "")
        if m["psuf"] in ("余", "多"):
            figure, _ = _figure(m["pbody"] + m["psuf"])
            more = True
        return self._amount_quantity(start, end, figure, "more_than" if more else qualifier,
                                     "%", "percent", m["ppre"])

    def fraction(self, m: re.Match) -> Quantity | None:
        start, end = m.span("frac")
        if m["fden"]:
            fnum = m["fnum"]
            den = numerals.chinese_value(m["fden"])
            num = _figure_value(fnum)
        else:
            num, den = Decimal(m["anum"]), Decimal(m["aden"])
            if not 0 < num < den:
                return None
        if den == 0:
            return None
        value = num * 100 / den
        qualifier = _QUALIFIER_OF.get(m["fpre"] or "") or _QUALIFIER_OF.get(m["fsuf"] or "")
        return self._amount_quantity(start, end, Figure(value, value), qualifier, "%", "percent",
                                     m["fpre"])

    # -- amounts -----------------------------------------------------------------
    def amount(self, m: re.Match) -> Quantity | None:
        start, end = m.span("amount")
        text = self.text
        body_start, body_end = m.span("body")
        body = m["body"]
        pre, unit = m["pre"], m["unit"]
        suffix = m["suf1"] or m["suf2"]
        has_digit = _HAS_DIGIT(body) is not None
        before = text[start - 1] if start else ""

        # Not amounts: numerals inside words and idioms, 一 as an article.
        if not has_digit:
            if self._idiom(body_start, m.end("unit") if unit else body_end):
                return None
            if body in _SINGLE_NUMERALS and not unit and not pre:
                return None
            if body in _FINANCIAL and UNITS.get(unit or "", ("", ""))[1] != "money":
                return None  # 队伍人数, 大陆架: a lone 伍 or 陆 is part of a word
            if (body == "一" and not pre and not suffix and "多" not in (unit or "")
                    and UNITS.get(unit or "", ("", ""))[0] != "个百分点"
                    and not (unit and self._and_a_half(m.end("unit"), unit))):
                return None  # 一张购物小票: an article, not a count (but 一年半 is 1.5年)
            if body in ("万", "亿", "千", "百", "百万", "千万") and not (
                    pre or (unit and UNITS[unit][1] != "count")):
                return None  # 万 alone is 1万 only after 近/逾 (近万户) or before a measure
            if not unit and _DIGIT_BY_DIGIT.fullmatch(body):
                return self.quantity(start, end, lo=None, hi=None, qualifier="exact", unit=None,
                                     kind="identifier")  # 漳州一一〇: a name, not 110 of anything
            if self.text[start - 1:start] == "“" and UNITS.get(unit or "", ("", "count"))[1] == (
                    "count"):
                return None  # “四个集中”, “两个维护”: a slogan, not a count
        if (text[body_end:body_end + 2][:1] in _RATIO and text[body_end + 1:body_end + 2].isdigit()
                or before in _RATIO and text[start - 2:start - 1].isdigit()):
            return None  # 0∶0, 11∶0: a score or a ratio
        if unit:
            blockers = UNIT_BLOCKERS.get(unit)
            if blockers and text.startswith(blockers, m.start("unit")):
                unit, suffix = None, m["suf1"]
                end = body_end if not m["suf1"] else m.end("suf1")
                if not has_digit and len(body) == 1:
                    return None
        # Identifiers: TR188次, G4138次, COVID-19, COVID 19, 99号院, 12345热线.
        if has_digit and (before.isascii() and before.isalpha()
                          or ((before == "-" or before == " " and not unit and body.isdigit())
                              and start > 1
                              and text[start - 2].isascii() and text[start - 2].isalpha())
                          or text[body_end:body_end + 1].isascii()
                          and text[body_end:body_end + 1].isalpha()):
            while start and (text[start - 1].isascii() and text[start - 1].isalnum()
                             or text[start - 1] in "- " and start > 1
                             and text[start - 2].isascii() and text[start - 2].isalnum()):
                start -= 1  # TR188次: the identifier starts at its letters
            return self.quantity(start, end, lo=None, hi=None, qualifier="exact",
                                 unit=unit, kind="identifier")
        if has_digit and not unit and (text.startswith(("热线", "专线", "号码", "电话"), end)
                                       or (len(body) >= 7 and body.isdigit())
                                       or _DIGIT_BY_DIGIT.fullmatch(body)):
            return self.quantity(start, end, lo=None, hi=None, qualifier="exact",
                                 unit=None, kind="identifier")
        if (has_digit and not unit and not pre and len(body) <= 2 and body.isdigit()
                and _is_list_marker(text, start, body_end)):
            return self.quantity(start, body_end, lo=Decimal(body), hi=Decimal(body),
                                 qualifier="exact", unit=None, kind="ordinal",
                                 value=Decimal(body))  # 1．由遗传基因…, 2、铁道部…: item numbers
        # Ranges: 10至15, 3-5, 15%～30%.
        parts = _CONNECTOR_SPLIT(body) if _HAS_CONNECTOR(body) else (body,)
        pct_unit = body[-1] if body[-1] in "%‰" else None
        percent = pct_unit is not None
        try:
            if len(parts) == 2 and parts[0] and parts[1]:
                left, right = parts[0].rstrip("%‰"), parts[1].rstrip("%‰")
                # 3-5万: the multiplier of the right end applies to a bare left end.
                mult = ""
                while right and right[-1] in "万亿" and not left.endswith(("万", "亿")):
                    mult = right[-1] + mult
                    right = right[:-1]
                lo_fig, _ = _figure(left + mult)
                hi_fig, _ = _figure(right + mult)
                if hi_fig.hi < lo_fig.lo:
                    return None  # 2-1: a score or an identifier, not a range
                figure = Figure(lo_fig.lo, hi_fig.hi, max(lo_fig.precision, hi_fig.precision),
                                lo_fig.step, "range")
                lo_figure_hi = lo_fig.hi
                more = False
            elif len(parts) == 1:
                core = body.rstrip("%‰")
                if suffix == "来" or core.endswith("来"):
                    return None
                figure, more = _figure(core)
            else:
                return None
        except (ValueError, ArithmeticError):
            return None

        kind, reported_unit = "count", unit
        if unit:
            reported_unit, kind = UNITS[unit]
        if percent:
            kind, reported_unit = "percent", pct_unit
        if reported_unit == "折" and figure.lo >= 10:  # 九五折, 75折: 9.5折, 7.5折
            figure = figure.scaled(Decimal("0.1"))
        if reported_unit == "成":  # 三成 = 30%
            figure = figure.scaled(Decimal(10))
            reported_unit = "%"
        if reported_unit == "年" and kind == "duration" and has_digit and pre != "第":
            value = figure.lo
            if Decimal(1000) <= value <= Decimal(2100):
                return None  # a year without its 年 being read as a date; left to dates
        # 二 before a measure word names (环卫管理二所, 二队): a count of two is 两所 (but 二人).
        if pre == "第" or (body == "二" and kind == "count" and unit and unit != "人" and not pre):
            return self.quantity(start, end, lo=figure.lo, hi=figure.hi, qualifier="exact",
                                 unit=reported_unit, kind="ordinal", value=figure.lo)
        if not more and unit and "多" in unit and figure.qualifier == "exact":
            more = True  # 一个多月, 3个多小时
            figure = figure.and_more()
        if more:
            qualifier = "more_than"
        else:
            qualifier = _QUALIFIER_OF.get(pre or "") or _QUALIFIER_OF.get(suffix or "")
        if pre in ("零下", "负"):
            figure = figure.negated()
        elif (has_digit and not pre and before in "-−" and before
              and not (start > 1 and text[start - 2].isascii() and text[start - 2].isalnum())):
            # -5℃, -3～5℃, 增长-2.5%: a minus sign, not a dash between two figures.
            start -= 1
            if figure.qualifier == "range":
                figure = Figure(-lo_figure_hi, figure.hi, figure.precision, figure.step, "range")
            else:
                figure = figure.negated()
        if figure.qualifier == "exact" and not more and (
                unit in _COMPOUND_DURATION or not unit and text[end:end + 1] == "分"):
            compound = _compound_duration(text, end, unit, figure.lo)
            if compound:  # 1小时20分钟, 2分27秒, 11秒37 (左右)
                end, figure, reported_unit = compound
                kind, unit = "duration", reported_unit
                after = _SUFFIX_AT(text, end)
                if after and not qualifier:
                    end, qualifier = after.end(), _QUALIFIER_OF[after.group()]
        if unit and text[end:end + 1] == "半" and figure.qualifier == "exact" and body != "半":
            half = self._and_a_half(end, unit)
            if half:  # 两年半, 三个半月: the figure and a half of its unit
                end, unit_text = half
                reported_unit, kind = UNITS.get(unit_text, (unit_text, "duration"))
                figure = Figure(figure.lo + _HALF, figure.hi + _HALF, ZERO, _HALF, "exact")
                unit = unit_text
        # The noun after the unit follows any qualifier word (31℃左右的高温: not 左右).
        after_unit = (m.end("suf2") if m["suf2"] else m.end("unit")) if m["unit"] else end
        return self._amount_quantity(start, end, figure, qualifier, reported_unit, kind, pre,
                                     subject_from=(body_start, after_unit))

    def _and_a_half(self, end: int, unit: str) -> tuple[int, str] | None:
        """(new end, unit) when 半 follows a duration (两年半) or stands in 个半 (两个半月)."""
        text = self.text
        if text[end:end + 1] != "半":
            return None
        if unit == "个":
            after = _HALF_UNIT.match(text, end + 1)
            return (after.end(), after.group()) if after else None
        if UNITS[unit][1] == "duration" and not _NOT_A_HALF.match(text, end):
            return end + 1, unit
        return None

    def _amount_quantity(self, start: int, end: int, figure: Figure, qualifier: str | None,
                         unit: str | None, kind: str, pre: str | None,
                         subject_from: tuple[int, int] | None = None) -> Quantity:
        lo, hi = figure.lo, figure.hi
        precision = figure.precision
        if qualifier and qualifier != "more_than":
            lo, hi = _apply(qualifier, lo, hi)
            precision = ZERO
        elif qualifier == "more_than":
            precision = ZERO
        else:
            qualifier = figure.qualifier
            if qualifier == "vague":
                precision = ZERO
            elif qualifier == "exact" and kind in COUNTED_KINDS:
                precision = counted_precision(figure)
        # lo, hi and the written value are often the same Decimal: clean it once.
        value = _clean(figure.lo)
        lo = value if lo is figure.lo else _clean(lo)
        hi = value if hi is figure.lo else _clean(hi)
        subject = None
        if subject_from is not None and kind in ("count", "money", "percent", "measure", "age",
                                                 "duration"):
            subject = self.subject(start, subject_from[1], unit)
        return self.quantity(start, end, lo=lo, hi=hi, qualifier=qualifier, unit=unit, kind=kind,
                             value=value, precision=precision if precision is ZERO
                             else _clean(precision), subject=subject)

    # -- dispatch ----------------------------------------------------------------
    def read(self, m: re.Match) -> tuple[Quantity | None, re.Match]:
        """The quantity ``m`` denotes, if any, and the match it was read from."""
        # The outermost named group (date, time, pct, frac or amount) closes
        # last, so it is the match's lastgroup.
        name = m.lastgroup
        try:
            quantity = _HANDLERS[name](self, m)
        except (ValueError, ArithmeticError, KeyError):
            quantity = None
        if quantity is None and name != "amount" and name != "pct":
            # Not a date after all (三点要求): read the same place as an amount.
            retry = _AMOUNT_ONLY.match(self.text, m.start())
            if retry and retry.group("amount"):
                try:
                    quantity = self.amount(retry)
                except (ValueError, ArithmeticError, KeyError):
                    quantity = None
                m = retry
        return quantity, m

    # -- what is counted ---------------------------------------------------------
    def subject(self, start: int, unit_end: int, unit: str | None) -> str | None:
        """The noun after the measure word, else the noun phrase before the figure.

        Without a word segmenter (too slow to load for a linter), a noun phrase
        is cut where a function word or a verb that commonly follows or
        precedes a subject in news copy begins (党员|捐款, 选派|市直机关干部).
        """
        text = self.text
        if not unit or UNITS.get(unit, ("", ""))[1] in ("count", "measure") and unit not in (
                "人", "人次"):
            following = text[unit_end:unit_end + 14]  # gaps are already joined
            if following.startswith("的"):  # 成千上万的观众, 万吨以上的海底石油钻井平台
                following = following[1:]
            after = _CJK.match(following)
            if after:
                noun = after.group()
                # A subject has at least two characters, so a stop at 0 or 1 is
                # part of the noun (发烧人员, 其他乘客, 自然村…).
                stop = _AFTER_STOP.search(noun, 2)
                words = (noun[:stop.start()] if stop else noun)[:8]
                if len(words) >= 2:
                    return words
        before = text[max(0, start - 20):start]
        # The run of Chinese characters just before the figure.
        last_other = _LAST_NON_CJK.match(before)
        run = before[last_other.end():] if last_other else before
        if not run:
            return None
        # Link words end the run (共有, 达到): strip them; a chain of them is short.
        link = _LINK_WORDS.search(run, max(0, len(run) - 12))
        phrase = run[:link.start()] if link else run
        phrase = _LEADING_LINK.sub("", _BEFORE_STOP.split(_SUBJECT_STOP.split(phrase)[-1])[-1])
        if len(phrase) < 2:
            return None
        return phrase[-8:]


_HANDLERS = {"date": _Builder.date, "time": _Builder.time, "pct": _Builder.percent,
             "frac": _Builder.fraction, "amount": _Builder.amount}


#: Units after which a smaller one may follow: 1小时20分钟, 2分27秒, 11秒37.
_COMPOUND_DURATION = frozenset({"小时", "个小时", "秒"})
_SUFFIX_AT = re.compile(SUFFIX).match
_THEN_MINUTES = re.compile(rf"([0-9]{{1,2}}|[{CN}]{{1,3}})分(?:钟)?(?![0-9{CN}])")
_THEN_SECONDS = re.compile(rf"分([0-9]{{1,2}}(?:[.·][0-9]{{1,3}})?|[{CN}]{{1,3}})秒")
_THEN_HUNDREDTHS = re.compile(r"([0-9]{1,2})(?![0-9秒分.])")


def _compound_duration(text: str, end: int, unit: str | None, value: Decimal
                       ) -> tuple[int, Figure, str] | None:
    """A duration written in two units, read in the smaller one: (new end, figure, unit).

    1小时20分钟 → 80 分钟; 2分27秒 → 147 秒; 11秒37, as sports results write a time, →
    11.37 秒.  The figure before is ``value``; what follows starts at ``end``.
    """
    if unit in ("小时", "个小时"):
        after = _THEN_MINUTES.match(text, end)
        if not after:
            return None
        minutes = _figure_value(after.group(1))
        if minutes >= 60:
            return None
        return after.end(), Figure.exact(value * 60 + minutes, ONE), "分钟"
    if unit == "秒":
        after = _THEN_HUNDREDTHS.match(text, end)
        if not after:
            return None
        if value != value.to_integral_value():
            return None  # 11.3秒37 is no time
        digits = after.group(1)
        return after.end(), Figure.exact(Decimal(f"{value}.{digits}"),
                                         Decimal(1).scaleb(-len(digits))), "秒"
    after = _THEN_SECONDS.match(text, end)  # 2分27秒: 分 was no unit of the figure before
    if not after:
        return None
    seconds_text = after.group(1).replace("·", ".")
    seconds = _figure_value(seconds_text)
    if seconds >= 60:
        return None
    last = Decimal(1).scaleb(-len(seconds_text.partition(".")[2])) if _HAS_DIGIT(
        seconds_text) else ONE
    return after.end(), Figure.exact(value * 60 + seconds, last), "秒"


def _figure_value(text: str) -> Decimal:
    """The value of an exact figure in Arabic or Chinese numerals (27, 二十七, 2·4)."""
    if _HAS_DIGIT(text):
        return numerals.arabic(text).lo
    return numerals.chinese_value(text)

# Where a noun phrase after a figure ends: function words and the verbs that
# most often follow a subject in news copy (捐款, 下沉, 奔赴, 送至 …).
_AFTER_STOP = re.compile(
    r"分流|分别|分赴|分批|滞留|涌入|涌向|撤离|抵达|聚集|移交|移送|"
    r"[的地得了着过和与及或在把被对从向自于将以而并且但其这那此该即便则均正曾共都也就还又再"
    r"已要能可会应需所捐下奔送投接做安发解遇到参纷一逐巡死受依涨赴进开入"
    r"获提担负实落完前往来去达是为有包]")
# Where a noun phrase before a figure starts: after a verb that introduces it.
_BEFORE_STOP = re.compile(
    r"包括|其中|现有|共有|已有|还有|抽调|选派|派出|动员|带领|组织了|接待|捐赠|提供|拨付|"
    r"需要|新订购|订购|成立|要求|深入|辖区|缉获|拿出|放流|发放|募集|筹集|筹措|达到|超过|"
    r"(?<!不)作为|成为|认为|因为|(?<![作成认因])为|[有是在从向对把被让使给]")


def _clean(value: Decimal | None) -> Decimal | None:
    """76.8亿 computes as 7680000000.0; report it as 7680000000."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return value.quantize(ONE)
    return value.normalize()


def _days_in(year: int | None, month: int) -> int:
    if month == 2:
        if year is None:
            return 29
        return 29 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _iso(year: int | None, month: int | None, day: int | None) -> str:
    if month is None:
        return f"---{day:02d}" if year is None else f"{year}----{day:02d}"
    head = f"{year}-{month:02d}" if year is not None else f"--{month:02d}"
    return head if day is None else f"{head}-{day:02d}"


def extract(text: str, *, path: str | None = None, year: int | None = None) -> list[Quantity]:
    """Every quantity in ``text``, in order of position.

    ``path`` is recorded in each span; ``year`` is the dateline year from the
    sources file, used when the text's own dateline has none.
    """
    # Every figure allocates a handful of objects and none of them forms a
    # reference cycle, so the cyclic collector's passes over the growing result
    # are wasted work (18% of the time on a newspaper year).  Pause it for the
    # call; reference counting still frees everything as usual.
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        return _extract(text, path, year)
    finally:
        if collecting:
            gc.enable()


def _extract(text: str, path: str | None, year: int | None) -> list[Quantity]:
    normalized, offsets = join_gaps(normalize(text))
    builder = _Builder(text, normalized, offsets, path or "<text>", year)
    found: list[Quantity] = []
    # Two stages for speed: a one-class pattern finds runs of numerals (C speed),
    # then the full pattern is matched only there, starting at a qualifier or
    # time-of-day word written just before the run, if any.
    find_run, match, read = _RUN.search, PATTERN.match, builder.read
    adverb_ends = ([m.end() for m in _ADVERB_WORD.finditer(normalized)]
                   if _ADVERB_WORD.search(normalized) else [])
    adverb_at, adverb_count = 0, len(adverb_ends)  # runs come in order: the index only moves on

    # Web addresses and e-mail addresses carry digits that are not figures.
    skips = _addresses(normalized)
    skip_at, skip_count = 0, len(skips)  # runs come in order: the index only moves on
    next_skip = skips[0][0] if skips else len(normalized)
    pos = 0
    while True:
        run = find_run(normalized, pos)
        if run is None:
            break
        start, run_end = run.span()
        if start >= next_skip:
            while skip_at < skip_count and skips[skip_at][1] <= start:
                skip_at += 1
            if skip_at < skip_count and skips[skip_at][0] <= start:
                pos = skips[skip_at][1]
                continue
            next_skip = skips[skip_at][0] if skip_at < skip_count else len(normalized)
        # A word written just before the run that belongs to the quantity: looked
        # for only where one can end (most runs follow none).
        while adverb_at < adverb_count and adverb_ends[adverb_at] < start - 4:
            adverb_at += 1
        adverb_near = adverb_at < adverb_count and adverb_ends[adverb_at] <= start
        lead = (_lead_start(normalized, pos, start, adverb_near)
                if start and (adverb_near or normalized[start - 1] in _LEAD_IN_LAST) else None)
        if run_end - start == 1 and lead is None and normalized[start] in _SINGLE_NUMERALS:
            # A lone Chinese numeral is a quantity only before a unit or one of a few
            # marks (两国, 三亚 are not); 一 also stands for "a" (一张购物小票).
            nxt = normalized[run_end:run_end + 1]
            if normalized[start] in _ARTICLES:
                skip = nxt not in _AFTER_ARTICLE and not _ARTICLE_KEEP.match(normalized, run_end)
            else:
                skip = nxt not in _AFTER_SINGLE_NUMERAL
            if skip:
                pos = run_end
                continue
        m = match(normalized, start if lead is None else lead)
        if m is not None and m.end() <= start:
            m = None
        quantity = None
        if m is not None:
            quantity, m = read(m)
        if quantity is None and lead is not None:
            # 至少要到2020年: the word before does not belong to what follows.
            m = match(normalized, start)
            if m is not None:
                quantity, m = read(m)
        if m is None:
            pos = run_end
            continue
        if quantity is not None:
            found.append(quantity)
            pos = max(m.end(), start + 1, builder.end)
        else:
            pos = max(m.end(), start + 1)
    return found


def _lead_start(normalized: str, pos: int, start: int, adverb_near: bool) -> int | None:
    """Where a word that belongs to the quantity at ``start`` begins, if one is written
    just before it: a qualifier (近, 超过), a time of day (下午), or 至少 and a short
    verb phrase (至少要造成50万人).  ``adverb_near``: 至少 or its kin ends just before."""
    window = max(pos, start - 6)
    if adverb_near:
        lead = _ADVERB_LEAD.search(normalized, window, start)
        if lead:
            return lead.start()
    if normalized[start - 1] in _LEAD_IN_LAST:
        lead = _LEAD_IN.search(normalized, window, start)
        if lead:
            return lead.start()
    return None


def _is_list_marker(text: str, start: int, end: int) -> bool:
    """Whether the digits at text[start:end] number an item: 1．, 2、, 4· or (3) at the
    start of a line or after a colon or stop, not followed by another digit."""
    after = text[end:end + 1]
    if after == ")" and text[start - 1:start] == "(":
        start -= 1
    elif after not in _LIST_MARKS or text[end + 1:end + 2].isdigit():
        return False
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in "\n:：;；。"


_LIST_MARKS = frozenset(".、·")
_RATIO = frozenset(":∶")
_URL = re.compile(r"(?:https?://|www\.)[!-~]+")
_EMAIL_DOMAIN = re.compile(r"@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_EMAIL_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")


def _addresses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each web or e-mail address, in order: its digits are not figures.

    An e-mail address is found from its @ outwards; a pattern starting with the
    local part would be tried at every Latin letter and digit of the text."""
    spans: dict[int, int] = {}
    if "://" in text or "www." in text:
        for m in _URL.finditer(text):
            spans[m.start()] = m.end()
    at = text.find("@")
    while at != -1:
        domain = _EMAIL_DOMAIN.match(text, at)
        left = at
        while left and text[left - 1] in _EMAIL_LOCAL:
            left -= 1
        if domain and left < at:
            spans[left] = domain.end()
        at = text.find("@", at + 1)
    return sorted(spans.items())


_COMPOUND_PLACE = re.compile("[十百千万亿][0-9]").search
#: 两个半月, 三个半小时: the units that may follow 个半.
_HALF_UNIT = re.compile("月|小时|星期|钟头|工作日")
#: 半 after a duration that begins a word instead (三年半岛? no: 一年半载, 两天半夜).
_NOT_A_HALF = re.compile("半(?:载|夜|岛|导|径|边|场|决|山|身|截|壁|路|数|百)")
_CN_DIGITS = frozenset(CN_DIGIT)
_HAS_DIGIT = re.compile("[0-9]").search
_HAS_CONNECTOR = re.compile(r"[至到—–~～-]").search
_CONNECTOR_SPLIT = re.compile(CONNECTOR).split
_SINGLE_NUMERALS = frozenset("一二两三四五六七八九十百千万亿零〇几半壹贰叁肆伍陆柒捌玖拾佰仟")
#: Financial numerals, written in runs on cheques and contracts (伍佰元), never alone.
_FINANCIAL = frozenset("壹贰叁肆伍陆柒捌玖拾佰仟")
#: What may follow a lone numeral in a quantity: a unit, a qualifier or range mark,
#: a decimal point, or the 月/时/点/分 of a date, time or fraction.
_AFTER_SINGLE_NUMERAL = frozenset({unit[0] for unit in UNITS} | set(SUFFIX.replace("|", ""))
                                  | set("至到—–-~～余多来%‰点月时分日号年"))
# 一一〇, 九五五〇: digit-by-digit numerals that are not followed by 年 are names.
_DIGIT_BY_DIGIT = re.compile(f"[{CN_DIGIT}]{{3,}}")
_RUN = re.compile(rf"[0-9{CN}几半]+")
#: Words that may stand just before a run of numerals and belong to the quantity.
_LEAD_IN = re.compile(
    rf"(?:(?:{PREFIX})(?:有|达|为)?|{PERIOD}|上个?世纪|本世纪|成|上|数以|数)"
    r"(?:[ \t]*(?:\r?\n[ \t]*)?)$")
_ADVERB_WORD = re.compile(ADVERB)
_ADVERB_LEAD = re.compile(rf"(?:{ADVERB})[^\W\d{CN}几的时是]{{1,4}}$")
#: The last characters of the words _LEAD_IN knows, so most runs skip that search.
_LEAD_IN_LAST = frozenset(
    word[-1] for word in f"{PREFIX}|有|达|为|{PERIOD}|纪|成|上|数以|数".split("|")) | set(" \t\r\n")
#: Single numerals that need a closer look only when followed by one of these.
_ARTICLES = frozenset("一")
#: 一 followed by these is an amount after all: 一个多月, 一个百分点, 一天之内.
_ARTICLE_KEEP = re.compile(
    r"个多|个百分点|个半(?:月|小时|星期|钟头)|(?:天|年|个月|周|小时|个小时)(?:之内|以内|内|左右|多|半)")
_AFTER_ARTICLE = frozenset("月时点余多十百千万亿至到-")


_AMOUNT_ONLY = re.compile(
    rf"(?P<amount>(?:(?P<pre>{PREFIX}){G})?(?P<body>{FIGURE_PCT}(?:{G}{CONNECTOR}{G}{FIGURE_PCT})?)"
    rf"(?P<suf1>{SUFFIX})?(?:{G}(?P<unit>{UNIT}))?(?P<suf2>{SUFFIX})?)")


def parse(text: str) -> Quantity:
    """Read one quantity written the way copy writes it: ``parse("7436万多名")``.

    Raises ``ValueError`` when ``text`` is not exactly one quantity.
    """
    stripped = text.strip()
    found = [q for q in extract(stripped, path="<parse>")
             if q.kind not in ("identifier",)]
    if not found:
        raise ValueError(f"not a quantity: {text!r}")
    q = found[0]
    if len(found) != 1 or q.span.start != 0 or q.span.end != len(stripped):
        raise ValueError(f"not a single quantity: {text!r} (read {[x.text for x in found]})")
    return q
