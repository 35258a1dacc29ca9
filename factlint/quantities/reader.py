"""What every reader of a match shares: the document being read, figures and qualifiers.

A :class:`Reader` holds one :class:`~factlint.text.normalize.NormalizedText` and the
facts a date needs (datelines, the sources' year); ``dates``, ``percent`` and ``amounts``
are plain functions of a reader and a match that return a
:class:`~factlint.model.Quantity` (or None: not a quantity after all).
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ..model import Quantity, new_quantity
from ..text.normalize import NormalizedText, strip_gaps
from . import numerals
from .numerals import ONE, ZERO, Figure
from .pattern import HAS_DIGIT
from .subjects import subject

__all__ = ["SKIP", "Reader", "DatelineIndex", "read_figure", "figure_value", "QUALIFIER_OF",
           "apply_qualifier", "clean_value"]

_HALF = Decimal("0.5")
#: Kinds whose subject (what the figure counts) is looked for.
_SUBJECT_KINDS = frozenset({"count", "money", "percent", "measure", "age", "duration"})
#: Kinds whose whole numbers are counted, not measured: 9761个 and 17元 are exact.
COUNTED_KINDS = frozenset({"count", "money"})


def counted_precision(figure: Figure) -> Decimal:
    """The rounding a count or a sum of money carries, read off how it is written.

    A whole number written to the units (9761, 17, 290, 一万零五) is exact, and so
    is one significant digit and zeros (1000, 300); two or more significant digits
    and two or more zeros (1200) may be rounded to the last non-zero digit (± half);
    a decimal or a multiplier (76.8亿, 7436万, 8500亿) carries half a unit of its
    last written digit.  Measures, shares and durations (15%, 3天,
    17公里) are rounded readings and keep half a unit of their last digit.
    """
    if figure.round_zeros:
        return figure.step / 2
    if figure.precision == _HALF:
        return ZERO
    return figure.precision


_LATIN_MULTIPLIERS = {"k": Decimal(1000), "K": Decimal(1000), "M": Decimal(10) ** 6}
_COMPOUND_PLACE = re.compile("[十百千万亿][0-9]").search


@lru_cache(maxsize=4096)  # figures repeat (2, 10, 20℃, 1.5万): read each spelling once
def read_figure(body: str) -> tuple[Figure, bool]:
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
    if mantissa[-1:] in _LATIN_MULTIPLIERS:  # 15k美元, 3.2M美元
        figure = numerals.arabic(mantissa[:-1]).scaled(_LATIN_MULTIPLIERS[mantissa[-1]])
    elif HAS_DIGIT(mantissa):
        if _COMPOUND_PLACE(mantissa):  # 1万2千; 1亿3千多万 (多 before the last place's 万)
            try:
                figure = numerals.arabic_compound(mantissa + mult)
            except ValueError:  # 1千4百万, 1千4百多万: the 万 scales the whole figure
                place = mantissa.rstrip("万亿")
                figure = numerals.arabic_compound(place).scaled(
                    numerals.multiplier_of(mantissa[len(place):] + mult))
        else:
            digits = mantissa.rstrip("百千万亿兆")
            figure = numerals.arabic(digits, mantissa[len(digits):] + mult)
    elif "几" in mantissa or mantissa.startswith(("数", "上", "成")) or mantissa in numerals._VAGUE:
        return numerals.vague(mantissa + mult), more
    elif mantissa.endswith("兆"):  # 兩兆美元: a trillion (only before a currency)
        figure = numerals.chinese(mantissa[:-1]).scaled(numerals.MULTIPLIERS["兆"])
    else:
        figure = numerals.chinese(mantissa)
        if mult:
            figure = figure.scaled(numerals.multiplier_of(mult))
    if more:
        return figure.and_more(), True
    return figure, False


def figure_value(text: str) -> Decimal:
    """The value of an exact figure in Arabic or Chinese numerals (27, 二十七, 2·4)."""
    if HAS_DIGIT(text):
        return numerals.arabic(text).lo
    return numerals.chinese_value(text)


QUALIFIER_OF = {
    "大约": "about", "约": "about", "大约合": "about", "约合": "about", "左右": "about",
    "上下": "about", "许": "about",
    "将近": "nearly", "接近": "nearly", "近": "nearly",
    "超过": "at_least", "逾": "at_least", "以上": "at_least", "不少于": "at_least",
    "最少": "at_least", "起码": "at_least", "至多": "at_most",
    "不低于": "at_least", "至少": "at_least", "不小于": "at_least", "大于": "at_least",
    "高于": "at_least", "多于": "at_least", "超出": "at_least", "突破": "at_least",
    "冲破": "at_least", "超": "at_least",
    "小于": "at_most", "低于": "at_most", "少于": "at_most", "不大于": "at_most",
    "不高于": "at_most", "不多于": "at_most", "不得多于": "at_most", "不得超过": "at_most",
    "不得高于": "at_most", "不得少于": "at_least", "不得低于": "at_least",
    "不足": "at_most", "不到": "at_most", "未满": "at_most", "以下": "at_most",
    "以内": "at_most", "之内": "at_most", "内": "at_most", "不超过": "at_most", "最多": "at_most",
}
_NEARLY, _ABOUT_LO, _ABOUT_HI = Decimal("0.9"), Decimal("0.9"), Decimal("1.1")


#: Units of measures that may be negative: an upper bound leaves their low end open.
SIGNED_UNITS = frozenset({"℃", "°C", "度", "°F", "℉"})


def _apply(qualifier: str, lo: Decimal, hi: Decimal, signed: bool = False
           ) -> tuple[Decimal | None, Decimal | None]:
    """The interval a qualifier makes of [lo, hi]; lo ≤ hi holds for negative figures
    too (零下5℃左右 → [-5.5, -4.5]).  ``signed``: the measure may be negative, so an
    upper bound leaves the low end open (37.3℃以下 → (open, 37.3])."""
    if qualifier == "nearly":  # just short of the figure's size
        return (lo * _NEARLY, hi) if lo >= 0 else (lo, hi * _NEARLY)
    if qualifier == "about":
        if lo >= 0:
            return lo * _ABOUT_LO, hi * _ABOUT_HI
        return lo * _ABOUT_HI, hi * _ABOUT_LO if hi < 0 else hi * _ABOUT_HI
    if qualifier == "at_least":
        return lo, None
    if qualifier == "at_most":
        return (None if signed or lo < 0 else min(ZERO, lo)), hi
    return lo, hi


def _clean(value: Decimal | None) -> Decimal | None:
    """76.8亿 computes as 7680000000.0; report it as 7680000000."""
    if value is None:
        return None
    if not value:  # 0 and -0 are equal but stay as written: not looked up
        return _cleaned(value)
    cleaned = _CLEANED.get(value)
    if cleaned is None:
        if len(_CLEANED) >= _CLEANED_MAX:
            _CLEANED.clear()
        cleaned = _CLEANED[value] = _cleaned(value)
    return cleaned


def _cleaned(value: Decimal) -> Decimal:
    if value == value.to_integral_value():
        return value.quantize(ONE, context=numerals.EXACT)
    return value.normalize()


#: For readers built after the fact (``quantities.lists``): a qualifier's interval, and a value
#: as every reading reports it.
apply_qualifier = _apply
clean_value = _clean


#: Each figure's value cleaned once: figures repeat (2, 10, 0.5), and equal non-zero
#: values (7680000000.0, 7.68E+9) clean to the same Decimal, digits and exponent alike.
#: Only non-zero values are kept, so ``_CLEANED.get(v) or _clean(v)`` is ``_clean(v)`` for
#: every v (None and zeros miss and go to _clean).  Shared by threads: a value's entry
#: depends on nothing but the value, so a race at worst cleans it twice.
_CLEANED: dict[Decimal, Decimal] = {}
_CLEANED_MAX = 4096


#: What a reader returns for a match that is no quantity and no other reading either
#: (2月31日 is not a date, and not a 2 and a 31日): the scan moves past it.
SKIP: Any = object()


class DatelineIndex:
    """The datelines of a document (新华社北京2月16日电), found once, looked up by offset."""

    __slots__ = ("datelines", "starts")

    def __init__(self, datelines: list[tuple[int, int | None, int, int]]) -> None:
        self.datelines = datelines
        self.starts = [start for start, *_ in datelines]

    def at(self, pos: int) -> tuple[int | None, int, int] | None:
        """The dateline in force at ``pos``: the last one before it, else the first."""
        if not self.datelines:
            return None
        i = bisect.bisect_right(self.starts, pos)
        _, y, m, d = self.datelines[max(i - 1, 0)]  # i == 0: printed after the story (…电)
        return y, m, d


class Reader:
    """One document being read: its normalised text and where its dates stand."""

    __slots__ = ("original", "text", "offsets", "gapless", "index", "datelines", "year", "end",
                 "quote", "day_iso", "day_end", "resume_at", "region")

    def __init__(self, normalized: NormalizedText, year: int | None,
                 datelines: DatelineIndex | None) -> None:
        self.original = normalized.original
        # Subjects are read from the folded text; Traditional copy quotes the original.
        self.quote = normalized.traditional
        self.text = normalized.joined  # OCR gaps joined; ``offsets`` maps back
        self.offsets = normalized.offsets
        self.gapless = normalized.offsets.is_identity  # most lines: offsets need no map
        self.index = normalized.lines
        self.datelines = datelines
        self.year = year
        self.end = 0
        # The last single day read and where it ends: a time right after it is a datetime.
        self.day_iso: str | None = None
        self.day_end = -1
        self.resume_at = 0  # set by a reader that read less than its match: scan on from here
        self.region: str | None = None  # Traditional copy's region, found when a date needs it

    def quantity(self, start: int, end: int, *, lo: Decimal | None, hi: Decimal | None,
                 qualifier: str, unit: str | None, kind: str, iso: str | None = None,
                 value: Decimal | None = None) -> Quantity:
        """A quantity for ``text[start:end]`` (joined offsets), its span in the original.
        (The fields by name, not gathered into a dict and spread again: every date pays.)"""
        # The scan resumes at ``end`` (两个半小时 ends past what the pattern matched).
        self.end = end
        if self.gapless:
            o_start, o_end = start, end if end > start else start
        else:
            o_start, o_end = self.offsets.original_span(start, end)
        return new_quantity(text=self.original[o_start:o_end],
                            span=self.index.span(o_start, o_end),
                            normalized=self.text[start:end], lo=lo, hi=hi,
                            qualifier=qualifier, unit=unit, kind=kind, iso=iso, value=value)

    def as_written(self, start: int, end: int) -> str:
        """``text[start:end]`` (joined offsets) as the original writes it, OCR gaps left out."""
        if self.gapless:
            return strip_gaps(self.original[start:end])
        original = self.offsets.original
        return strip_gaps(self.original[original(start):original(end - 1) + 1])

    def ymd_context(self, pos: int) -> tuple[int | None, int | None, int | None]:
        """(year, month, day) of the dateline in force at ``pos``; the year falls back
        to the sources' year."""
        line = self.datelines.at(pos) if self.datelines else None
        if line is None:
            return self.year, None, None
        y, m, d = line
        return (y if y is not None else self.year), m, d

    def amount_quantity(self, start: int, end: int, figure: Figure, qualifier: str | None,
                        unit: str | None, kind: str, pre: str | None,
                        subject_from: tuple[int, int] | None = None) -> Quantity:
        """A quantity for a figure and its qualifier; ``subject_from`` is (figure start,
        end of unit) when what is counted should be looked for."""
        lo = written = figure.lo
        hi = figure.hi
        precision = figure.precision
        if qualifier:
            if qualifier != "more_than":
                lo, hi = _apply(qualifier, lo, hi, unit in SIGNED_UNITS)
            precision = ZERO
        else:
            qualifier = figure.qualifier
            if qualifier == "vague":
                precision = ZERO
            elif qualifier == "exact" and kind in COUNTED_KINDS:
                precision = counted_precision(figure)
        # lo, hi and the written value are often the same Decimal: clean it once.  (A
        # value seen before is looked up here without calling _clean: see _CLEANED.)
        value = _CLEANED.get(written) or _clean(written)
        lo = value if lo is written else _CLEANED.get(lo) or _clean(lo)
        hi = value if hi is written else _CLEANED.get(hi) or _clean(hi)
        if precision is not ZERO:
            precision = _CLEANED.get(precision) or _clean(precision)
        counted = None
        if subject_from is not None and kind in _SUBJECT_KINDS:
            where = subject(self.text, start, subject_from[1], unit)
            if where is not None:
                counted = self.as_written(*where) if self.quote else self.text[where[0]:where[1]]
        # As self.quantity(...) does, without its call.
        self.end = end
        if self.gapless:
            o_start, o_end = start, end if end > start else start
        else:
            o_start, o_end = self.offsets.original_span(start, end)
        return new_quantity(text=self.original[o_start:o_end],
                            span=self.index.span(o_start, o_end),
                            normalized=self.text[start:end], lo=lo, hi=hi, qualifier=qualifier,
                            unit=unit, kind=kind, value=value,
                            precision=precision, subject=counted)
