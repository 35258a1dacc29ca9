"""Money written in more than one unit, currency codes, and units that scale a figure.

``46元3角5分`` is 46.35 元; ``5毛钱`` is 0.5 元 and ``3分钱`` 0.03 元; ``二十几个亿`` is
[2.1e9, 2.9e9] — 个 standing between a numeral and 亿 in speech, not a count of 个;
``CNY1.25``, ``US$3``, ``HK$100`` are money in the currency their code names.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .numerals import Figure
from .pattern import CN_DIGIT
from .reader import figure_value
from .units import UNITS, UNITS_LONGEST_FIRST

__all__ = ["SCALED_UNITS", "CODE_ENDS", "jiao_and_fen", "ge_yi", "currency_before"]

#: Units that are a fraction of the currency they are reported in (毛钱 → 0.1 元).
SCALED_UNITS: dict[str, Decimal] = {"毛钱": Decimal("0.1"), "角钱": Decimal("0.1"),
                                    "分钱": Decimal("0.01")}

_ONE_DIGIT = rf"[0-9]|[{CN_DIGIT}]"
# 46元3角5分, 2元5毛, 1块8毛5: 角/毛 tenths and 分 hundredths after 元 or 块.
_JIAO_FEN = re.compile(
    rf"(?:({_ONE_DIGIT})[角毛](?:({_ONE_DIGIT})分(?!钟))?|({_ONE_DIGIT})分(?!钟|之))钱?")
_TENTH, _HUNDREDTH = Decimal("0.1"), Decimal("0.01")
_NOT_ALONE = frozenset("级万")  # 亿级, 亿万: another word
_MONEY_UNITS = tuple(u for u in UNITS_LONGEST_FIRST if UNITS[u][1] == "money")


def jiao_and_fen(text: str, end: int, figure: Figure) -> tuple[int, Figure] | None:
    """After ``N元`` ending at ``end``: the 角 and 分 that follow, as (new end, figure)."""
    m = _JIAO_FEN.match(text, end)
    if m is None or figure.qualifier != "exact" or m.group(3) and text[end - 1] == "块":
        return None  # 3块5分 is rare, and 5分 after 块 may be a score: leave it
    jiao, fen = m.group(1), m.group(2) or m.group(3)
    value = figure.lo
    precision = _TENTH / 2
    if jiao:
        value += figure_value(jiao) * _TENTH
    if fen:
        value += figure_value(fen) * _HUNDREDTH
        precision = _HUNDREDTH / 2
    return m.end(), Figure(value, value, precision, _HUNDREDTH if fen else _TENTH, "exact")


def ge_yi(text: str, unit_end: int, figure: Figure) -> tuple[int, Figure, str | None] | None:
    """``几个亿``, ``两个亿美元``: 个 then 亿 after ``unit_end`` (where 个 ends) scales
    the figure; a currency after it is the unit.  Returns (new end, figure, unit)."""
    # Only 亿, and only as a word of its own: 9个万亿级产业集群 counts clusters.
    if (text[unit_end:unit_end + 1] != "亿" or text[unit_end + 1:unit_end + 2] in _NOT_ALONE
            or figure.hi >= 100):
        return None
    end = unit_end + 1
    scaled = figure.scaled(Decimal(10) ** 8)
    for unit in _MONEY_UNITS:
        if text.startswith(unit, end):
            return end + len(unit), scaled, unit
    return end, scaled, None


#: Currency codes and signs written before a figure, and the currency unit each names.
#: A bare $ stays $: Hong Kong copy writes it for 港元, Mainland copy for 美元.
CURRENCY_CODES: dict[str, str] = {
    "CNY": "元", "RMB": "元", "¥": "元", "USD": "美元", "US$": "美元", "HKD": "港元",
    "HK$": "港元", "NTD": "新台币", "TWD": "新台币", "NT$": "新台币", "EUR": "欧元", "€": "欧元",
    "GBP": "英镑", "£": "英镑", "JPY": "日元", "S$": "新元", "A$": "澳元", "$": "$",
}
_CODE_BEFORE = re.compile(
    "(?<![A-Za-z])(?:" + "|".join(re.escape(code) for code in
                                 sorted(CURRENCY_CODES, key=lambda c: (-len(c), c))) + ")[ ]?$")


#: The last characters of the codes, and the space a code may stand before its figure.
CODE_ENDS = frozenset(code[-1] for code in CURRENCY_CODES) | {" "}


def currency_before(text: str, start: int) -> tuple[int, str] | None:
    """The currency code written just before ``start`` (CNY1.25, US$3): (its start, unit)."""
    m = _CODE_BEFORE.search(text, max(0, start - 4), start)
    if m is None:
        return None
    return m.start(), CURRENCY_CODES[m.group().rstrip()]
