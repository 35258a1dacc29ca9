"""Reading one written figure — Arabic, Chinese, or both — into exact decimals.

A :class:`Figure` is what a run of numerals says before any qualifier word
(约, 近, 以上 …) is applied: an interval, the precision of its last written
digit, and whether it was a range or a vague amount.  Pure Chinese numerals
in plain characters are read here as cn2an reads them (:func:`plain_numeral_value`);
other spellings go to cn2an, imported only then (it costs about 0.1 s to import);
everything else is done here with ``Decimal``.
"""

from __future__ import annotations

import decimal
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

ZERO, ONE, TEN = Decimal(0), Decimal(1), Decimal(10)

#: Written multipliers, folded into the value: 76.8亿 → 7680000000.
MULTIPLIERS = {"十": Decimal(10), "百": Decimal(100), "千": Decimal(1000),
               "万": Decimal(10) ** 4, "亿": Decimal(10) ** 8,
               # 兆 only before a currency (pattern.TRILLION): 2.13兆美元, 1.6兆台幣
               "兆": Decimal(10) ** 12}

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4,
          "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
#: Financial and archaic forms rewritten to the plain ones cn2an reads best.
_PLAIN = str.maketrans({"拾": "十", "佰": "百", "仟": "千", "两": "二", "〇": "零"})
_ARCHAIC = (("廿", "二十"), ("卅", "三十"))

_DIGIT_CHARS = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
_ADJACENT = re.compile(
    r"^(?P<head>.*?[十百千万亿拾佰仟])?(?P<a>[一二两三四五六七八九])(?P<b>[二两三四五六七八九])"
    r"(?P<tail>[十百千万亿拾佰仟]*)$")
_DIGIT_RUN = re.compile(rf"[{_DIGIT_CHARS}]{{3,}}")
#: 七百二十五亿一千, 三亿五千: thousands right after 亿 with no 零 and no 万 are thousands
#: of 万 (the place below 亿 is 千万), the last unit left unsaid as in 两万三 (23000).
_ELIDED_WAN = re.compile(
    r"(?P<head>[^零〇万亿]+亿)(?P<tail>[一二两三四五六七八九](?P<place>[千百])"
    r"(?:[一二两三四五六七八九]百)?)$")


@dataclass(frozen=True)
class Figure:
    """The interval a run of numerals denotes, before qualifier words."""

    lo: Decimal
    hi: Decimal
    #: half a unit of the last written digit (exact figures only)
    precision: Decimal = ZERO
    #: one unit of the last significant digit: 400 → 100, 76.8 → 0.1
    step: Decimal = ONE
    #: "exact", "range" (三四十) or "vague" (几十, 上百)
    qualifier: str = "exact"
    #: written as a whole number of two or more significant digits and two or more
    #: trailing zeros, no 万/亿 (1200, 一千二百; not 1000): a count written so may be
    #: rounded to its last non-zero digit (see README, "Qualifiers")
    round_zeros: bool = False

    @classmethod
    def exact(cls, value: Decimal, unit: Decimal) -> Figure:
        """A figure written to ``unit`` (1万2千: unit 1000, so ± 500)."""
        return cls(value, value, unit / 2, unit)

    def scaled(self, factor: Decimal) -> Figure:
        """The same figure in a unit ``factor`` times smaller: 三成 → 30 (%), 七五折 → 7.5."""
        return Figure(self.lo * factor, self.hi * factor, self.precision * factor,
                      self.step * factor, self.qualifier, self.round_zeros)

    def negated(self) -> Figure:
        """零下5 / -5: the interval mirrored."""
        return Figure(-self.hi, -self.lo, self.precision, self.step, self.qualifier,
                      self.round_zeros)

    def and_more(self) -> Figure:
        """N余 / N多: up to one unit of N's last significant digit more."""
        return Figure(self.lo, self.lo + self.step, ZERO, self.step, "more_than")


def multiplier_of(chars: str) -> Decimal:
    """The product of multiplier characters: 百万 → 10**6, 万亿 → 10**12."""
    value = ONE
    for char in chars:
        value *= MULTIPLIERS[char]
    return value


def last_significant_unit(value: Decimal) -> Decimal:
    """One unit of the last non-zero digit: 400 → 100, 3200 → 100, 76.8 → 0.1."""
    if value == 0:
        return ONE
    exponent = value.normalize().as_tuple().exponent
    return Decimal(1).scaleb(int(exponent))


def _written_units(text: str) -> tuple[int, int]:
    """Exponents of the last written digit and of the last non-zero digit of ``text``.

    ``76.80`` → (-2, -1); ``3200`` → (0, 2); ``0`` → (0, 0).  Read off the string,
    because this runs for every Arabic figure and Decimal.normalize is slower.
    """
    whole, _, frac = text.partition(".")
    if frac:
        significant = frac.rstrip("0")
        if significant:
            return -len(frac), -len(significant)
        written = -len(frac)
    else:
        written = 0
    significant = whole.rstrip("0")
    if not significant.strip("0"):
        return written, 0  # the figure is zero
    return written, len(whole) - len(significant)


#: Arithmetic on figures as written: wide enough that no written figure is rounded.
EXACT = decimal.Context(prec=200)
_POWERS = {exponent: Decimal(1).scaleb(exponent) for exponent in range(-12, 25)}


def arabic(digits: str, mult: str = "") -> Figure:
    """``7436`` with multiplier ``万``; digits may carry ``,`` grouping and ``.``/``·``."""
    text = digits
    if not text.isdigit():
        text = text.replace(",", "").replace("，", "").replace("·", ".")
    mantissa = Decimal(text)
    written, significant = _written_units(text)
    factor = multiplier_of(mult) if mult else ONE
    # Decimal's default context keeps 28 digits; a figure written with more (a debt in
    # yuan to the fen) stays exact.
    value = EXACT.multiply(mantissa, factor) if len(text) > 27 else mantissa * factor
    power = _POWERS.get
    last_digit = (power(written) or Decimal(1).scaleb(written)) * factor
    step = (power(significant) or Decimal(1).scaleb(significant)) * factor
    round_zeros = (not mult and written == 0 and significant >= 2 and "." not in text
                   and len(text.lstrip("0")) - significant >= 2)
    return Figure(value, value, last_digit / 2, step, "exact", round_zeros)


_PLACES = re.compile(r"([0-9]+(?:\.[0-9]+)?)([十百千万亿]*)")


def arabic_compound(text: str) -> Figure:
    """``1万2千`` = 12000, ``3亿5千万`` = 350000000: Arabic digits at several places.

    Each place must be smaller than the one before it; the precision is half a unit
    of the last place written (1万2千 ± 500).  Four digits after 万 are the units
    (1万2500 = 12500, exact).
    """
    if "," in text:  # 1億1,758萬: the 万 group written with a thousands comma
        text = text.replace(",", "")
    groups = _PLACES.findall(text)
    if not groups or "".join(digits + places for digits, places in groups) != text:
        raise ValueError(f"not a figure: {text!r}")
    value, last, step = ZERO, None, ONE
    for digits, places in groups:
        factor = multiplier_of(places) if places else ONE
        if not places and last == MULTIPLIERS["万"] and len(digits) == 1:
            factor = MULTIPLIERS["千"]  # 1万5 is 15000 as it is said; 1万800 is 10800
        if last is not None and factor >= last:
            raise ValueError(f"places out of order: {text!r}")
        value += Decimal(digits) * factor
        last = factor
        # 1亿6000余万: the 余 is up to 1000万 more, one unit of the last group's last
        # non-zero digit, not one 万.
        step = last_significant_unit(Decimal(digits)) * factor
    return Figure(value, value, last / 2, step)


@lru_cache(maxsize=4096)
def chinese_value(numeral: str) -> Decimal:
    """The value of a pure Chinese numeral such as 七千四百三十六 or 二〇二〇.

    Raises ``ValueError`` for a string that is not a numeral.
    """
    text = numeral.translate(_PLAIN)
    for old, new in _ARCHAIC:
        text = text.replace(old, new)
    if "点" in text:  # 一点八: cn2an returns a float here, so split it ourselves
        whole, _, frac = text.partition("点")
        if not frac or any(c not in DIGITS for c in frac):
            raise ValueError(f"not a Chinese numeral: {numeral!r}")
        return chinese_value(whole) + Decimal("0." + "".join(str(DIGITS[c]) for c in frac))
    if text and all(c in DIGITS for c in text) and len(text) > 1:
        if "两" in numeral:  # 六两日 (the two days Saturday and …): no number is said 六两
            raise ValueError(f"not a Chinese numeral: {numeral!r}")
        return Decimal("".join(str(DIGITS[c]) for c in text))  # 二〇二〇: digit by digit
    if text in ("", ):
        raise ValueError(f"not a Chinese numeral: {numeral!r}")
    if text[0] in MULTIPLIERS and text[0] != "十":  # 近万户, 近百万套: 万 = 一万
        text = "一" + text
    try:
        plain = plain_numeral_value(text)
    except ValueError:
        raise ValueError(f"not a Chinese numeral: {numeral!r}") from None
    if plain is not None:  # cn2an's reading, without importing it
        return Decimal(plain)
    import cn2an  # lazily: see module docstring

    try:
        value = cn2an.cn2an(text, "strict")
    except (ValueError, KeyError, IndexError):
        try:
            value = cn2an.cn2an(text, "normal")  # 两万三 (colloquial elision)
        except (ValueError, KeyError, IndexError):
            raise ValueError(f"not a Chinese numeral: {numeral!r}") from None
    if isinstance(value, float):  # never carry a float forward
        raise ValueError(f"not a Chinese numeral: {numeral!r}")
    return Decimal(value)


# cn2an's strict grammar of integers, as its regular expression writes it: a numeral up to
# 9999 (十五, 三百零六, 两千零五 once 两 is 二), then 万 and 亿 groups, a 零 standing for
# every place skipped within a group.  cn2an builds that expression (spelled out for every
# financial form too) and two more at import, 0.1 s of every start that reads one Chinese
# numeral (compiling it with plain characters only still takes 50 ms); the plain
# spellings copy writes are recognised here by the same grammar, rule by rule (each
# function is the part of cn2an's expression of the same name), and anything else
# (financial forms, 幺) still goes to cn2an.
_PLAIN_DIGITS = frozenset("一二三四五六七八九")
_PLAIN_NUMERAL = frozenset("零一二三四五六七八九十百千万亿")


def _is_1_99(s: str) -> bool:
    """[1-9]?十[1-9]? | [1-9]"""
    if len(s) == 1:
        return s in _PLAIN_DIGITS or s == "十"
    if len(s) == 2:
        return (s[0] == "十" and s[1] in _PLAIN_DIGITS) or (s[0] in _PLAIN_DIGITS
                                                          and s[1] == "十")
    return len(s) == 3 and s[0] in _PLAIN_DIGITS and s[1] == "十" and s[2] in _PLAIN_DIGITS


def _is_100_999(s: str) -> bool:
    """[1-9]百(零[1-9])? | [1-9]百[1-9]十[1-9]?"""
    if len(s) < 2 or s[0] not in _PLAIN_DIGITS or s[1] != "百":
        return False
    rest = s[2:]
    return (not rest or len(rest) == 2 and rest[0] == "零" and rest[1] in _PLAIN_DIGITS
            or 2 <= len(rest) <= 3 and rest[0] in _PLAIN_DIGITS and rest[1] == "十"
            and rest[2:] in _DIGIT_OR_NOTHING)


_DIGIT_OR_NOTHING = frozenset(["", *_PLAIN_DIGITS])


def _is_1_999(s: str) -> bool:
    return _is_100_999(s) or _is_1_99(s)


def _is_1000_9999(s: str) -> bool:
    """[1-9]千(零{1_99})? | [1-9]千{100_999}"""
    if len(s) < 2 or s[0] not in _PLAIN_DIGITS or s[1] != "千":
        return False
    rest = s[2:]
    return not rest or rest[0] == "零" and _is_1_99(rest[1:]) or _is_100_999(rest)


def _is_1_9999(s: str) -> bool:
    return _is_1000_9999(s) or _is_1_999(s)


def _is_myriads(s: str) -> bool:
    """{1_9999}万(零{1_999})? | {1_9999}万{1000_9999} (cn2an's 10000_99999999)"""
    high, sep, low = s.partition("万")
    if not sep or not _is_1_9999(high):
        return False
    return not low or low[0] == "零" and _is_1_999(low[1:]) or _is_1000_9999(low)


def _is_1_99999999(s: str) -> bool:
    return _is_myriads(s) or _is_1_9999(s)


def _is_strict_integer(s: str) -> bool:
    """零 | {1_99999999}亿(零{1_99999999})? | {1_99999999}亿{myriads} | {1_99999999}"""
    if s == "零":
        return True
    high, sep, low = s.partition("亿")
    if not sep:
        return _is_1_99999999(s)
    if not _is_1_99999999(high):
        return False
    return not low or low[0] == "零" and _is_1_99999999(low[1:]) or _is_myriads(low)


_PLACE_VALUE = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}


def plain_numeral_value(text: str) -> int | None:
    """The value cn2an gives a numeral in plain characters (七千四百三十六, 一万零五百,
    三亿五千万; 两万三 once 两 is 二), reading it strictly first and then as speech, as
    :func:`chinese_value` asks it to; None for a string with other characters (which the
    caller gives to cn2an).  Raises ValueError where cn2an refuses the numeral both ways.

    As cn2an does: 零十 and 零百 are read as 零一十 and 零一百 (一千零十一 = 1011); read as
    speech, a missing 零 or 一 is put in (一万二十 → 一万零二十) and a last digit takes the
    place below the last one written (一万二 → 一万二千, 三百二 → 320); and the value is
    summed from the last character back, each digit times the place in force, so a 十 that
    starts a group after 亿 counts nothing (cn2an reads 一亿十万 as 100000000).  That is
    kept, so that no reading changes with the import saved."""
    if not text or not _PLAIN_NUMERAL.issuperset(text):
        return None
    text = text.replace("零十", "零一十").replace("零百", "零一百")
    if _is_strict_integer(text):
        return _summed(text)
    spoken = _as_spoken(text)  # cn2an's "normal" mode
    if _is_strict_integer(spoken):
        return _summed(spoken)
    if all(char in DIGITS for char in spoken):
        return int("".join(str(DIGITS[char]) for char in spoken))
    elided = _ELIDED_PLACE.fullmatch(spoken) if len(spoken) >= 3 else None
    if elided:
        below = _PLACE_VALUE[elided.group(1)[-1]] // 10
        if below in _PLACE_NAME:
            return _summed(spoken + _PLACE_NAME[below])
    raise ValueError(f"not a Chinese numeral: {text!r}")


_PLACE_NAME = {10: "十", 100: "百", 1000: "千", 10**4: "万", 10**8: "亿"}
_ELIDED_PLACE = re.compile("([零一二三四五六七八九]{0,2}[十百千万亿])+[零一二三四五六七八九]")
_SPOKEN_FIXES = (
    (re.compile("(万)零(?=[零一二三四五六七八九]千)"), r"\1"),
    (re.compile("([万亿])([零一二三四五六七八九][十百])"), r"\1零\2"),
    (re.compile("(千)([零一二三四五六七八九]?十)"), r"\1零\2"),
    (re.compile("(百)(十)"), r"\1一\2"),
)


def _as_spoken(text: str) -> str:
    for pattern, replacement in _SPOKEN_FIXES:
        text = pattern.sub(replacement, text)
    return text.replace("零十", "零一十")


def _summed(text: str) -> int:
    total, place, group = 0, 1, 1
    last = len(text) - 1
    for index, char in enumerate(reversed(text)):
        unit = _PLACE_VALUE.get(char)
        if unit is None:
            total += DIGITS[char] * place
            continue
        place = unit
        if unit % 10000 == 0:  # 万 or 亿 opens a group of places
            if unit > group:
                group = unit
            else:  # 万亿
                group = place = unit * group
        if place < group:
            place *= group
        if index == last:  # 十五: a leading 十 is one ten
            total += place
    return total


def chinese(numeral: str) -> Figure:
    """A Chinese numeral, including adjacent-digit ranges (三四十 → [30, 40])."""
    match = _ADJACENT.match(numeral)
    if match and not _DIGIT_RUN.search(numeral):
        a, b = DIGITS[match["a"]], DIGITS[match["b"]]
        low, high = match["a"], match["b"]
        if low == "三" and high == "两":
            a, b, low, high = 2, 3, "两", "三"  # 三两天: two or three, said the other way round
        if 0 < b - a <= 2:
            head, tail = match["head"] or "", match["tail"]
            lo = chinese_value(head + low + tail) if (head or tail) else Decimal(a)
            hi = chinese_value(head + high + tail) if (head or tail) else Decimal(b)
            return Figure(lo, hi, ZERO, last_significant_unit(lo), "range")
    elided = _ELIDED_WAN.match(numeral)
    if elided:  # 七百二十五亿一千: the 万 after 一千 is left unsaid, as in 两万三
        head, tail = chinese_value(elided["head"]), chinese_value(elided["tail"])
        place = MULTIPLIERS[elided["place"]] * MULTIPLIERS["万"]
        value = head + tail * MULTIPLIERS["万"]
        return Figure(value, value, place / 2, last_significant_unit(value), "exact")
    # Chinese numerals are read as exact to the units, except that a trailing
    # 万/亿 scales the last written digit (七千四百三十六万 = 7436万, ± 0.5万).
    trailing = ONE
    stripped = numeral
    while stripped and stripped[-1] in "万亿":
        trailing *= MULTIPLIERS[stripped[-1]]
        stripped = stripped[:-1]
    # 一点五亿: the multiplier applies to the whole decimal, which cn2an cannot read.
    value = chinese_value(stripped) * trailing if "点" in stripped else chinese_value(numeral)
    if "点" in numeral:
        decimals = len(numeral.partition("点")[2].rstrip("万亿"))
        unit = Decimal(1).scaleb(-decimals) * trailing
    else:
        unit = trailing
    step = last_significant_unit(value)
    round_zeros = (unit == ONE and "点" not in numeral and step >= 100
                   and value >= step * 10)
    return Figure(value, value, unit / 2, step, "exact", round_zeros)


# Vague amounts: 几 / 数 / 上 / 成千上万.  Each maps to (lo, hi) before the
# trailing multiplier (几十万 = 几十 × 万).
_VAGUE = {
    "几": (2, 9), "数": (2, 9),
    "十几": (11, 19), "几十": (20, 99), "数十": (20, 99),
    "几百": (200, 999), "数百": (200, 999), "几千": (2000, 9999), "数千": (2000, 9999),
    "上百": (100, 999), "上千": (1000, 9999), "上万": (10000, 99999),
    "上亿": (100000000, 999999999),
    "成千上万": (1000, 99999), "成百上千": (100, 9999), "上百万": (1000000, 9999999),
    "数以万计": (10000, 99999), "数以千计": (1000, 9999), "数以百计": (100, 999),
    "十数": (11, 19),
}


def vague(text: str) -> Figure:
    """几十, 十几万, 数千, 上百, 成千上万, 二十几 → an interval marked ``vague``."""
    mult = ""
    core = text
    if core not in _VAGUE:
        while core and core[-1] in "万亿" and core[:-1]:
            mult = core[-1] + mult
            core = core[:-1]
    factor = multiplier_of(mult)
    if core in _VAGUE:
        lo, hi = _VAGUE[core]
        # 几万 = [2, 9] × 万 reaches up to 99999, not 90000: the places below are unwritten.
        return Figure(Decimal(lo) * factor, (Decimal(hi) + 1) * factor - 1, ZERO, ONE, "vague")
    # 二十几 → [21, 29]; 三百几十 → [320, 399]: 几 after a place takes 1..9 of the
    # next place down, before a place 2..9 of it.
    if core[:1].isdigit() and core.endswith("0几"):  # 20几 → [21, 29], as 二十几
        tens = Decimal(core[:-1])
        return Figure((tens + 1) * factor, (tens + 10) * factor - 1, ZERO, ONE, "vague")
    if "几" in core:
        lo_text = core.replace("几", "一" if core.endswith("几") else "二")
        hi_text = core.replace("几", "九")
        lo, hi = chinese_value(lo_text), chinese_value(hi_text)
        if not core.endswith("几"):  # 三百几十: up to 三百九十九
            hi += last_significant_unit(hi) - 1 if last_significant_unit(hi) > 1 else 0
        return Figure(lo * factor, (hi + 1) * factor - 1, ZERO, ONE, "vague")
    raise ValueError(f"not a vague amount: {text!r}")
