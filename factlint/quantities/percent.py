"""Percentages and shares: 百分之三十, 三分之一, 2/5, 15%～30% (with amounts), 三成, 九五折.

百分之 and 分之 fractions have their own alternatives in the pattern; ``%`` and ``‰``
after a figure, 成 and 折 are read with amounts, which call :func:`share_unit`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Quantity
from . import numerals
from .dates import slash_date
from .numerals import Figure
from .reader import QUALIFIER_OF, Reader, figure_value, read_figure

__all__ = ["read_percent", "read_fraction", "share_unit"]

_TENTH, _TEN = Decimal("0.1"), Decimal(10)


def read_percent(reader: Reader, m: re.Match) -> Quantity | None:
    """百分之三十, 超过百分之五十, 百分之六十多."""
    start, end = m.span("pct")
    figure, more = read_figure(m["pbody"])
    qualifier = QUALIFIER_OF.get(m["ppre"] or "") or QUALIFIER_OF.get(m["psuf"] or "")
    if m["psuf"] in ("余", "多"):
        figure, _ = read_figure(m["pbody"] + m["psuf"])
        more = True
    if (m["ppre"] == "负") != bool(m["pneg"]):  # 负百分之十三, 百分之负三点八
        figure = figure.negated()
    return reader.amount_quantity(start, end, figure, "more_than" if more else qualifier,
                                  "%", "percent", m["ppre"])


def read_fraction(reader: Reader, m: re.Match) -> Quantity | None:
    """三分之一, 近三分之二, 2/5: a share in percent."""
    start, end = m.span("frac")
    if m["fden"]:
        den = numerals.chinese_value(m["fden"])
        num = figure_value(m["fnum"])
    else:
        num, den = Decimal(m["anum"]), Decimal(m["aden"])
        if not m["fpre"] and not m["fsuf"] and len(m["anum"]) <= 2 and len(m["aden"]) <= 2:
            day = slash_date(reader, start, end, int(num), int(den))
            if day is not None:  # 12/18 雙贏彩, 9/4直播: a day, not a share
                return day
        if not 0 < num < den:
            return None
    if den == 0:
        return None
    value = num * 100 / den
    if (m["fpre"] == "负") != bool(m["fneg"]):  # 负千分之15
        value = -value
    qualifier = QUALIFIER_OF.get(m["fpre"] or "") or QUALIFIER_OF.get(m["fsuf"] or "")
    return reader.amount_quantity(start, end, Figure(value, value), qualifier, "%", "percent",
                                  m["fpre"])


def share_unit(figure: Figure, unit: str | None) -> tuple[Figure, str | None]:
    """A figure before 折 or 成 as the share it is: 九五折 → 9.5折, 三成 → 30%."""
    if unit == "折" and figure.lo >= 10:  # 九五折, 75折: 9.5折, 7.5折
        return figure.scaled(_TENTH), unit
    if unit == "成":  # 三成 = 30%
        return figure.scaled(_TEN), "%"
    return figure, unit
