"""When two quantities can both be true.

Two figures agree when their intervals overlap once each exact figure is widened
by the rounding it is written with (76.8亿 and 76.84亿 agree; 76.8亿 and 77.1亿 do
not; 12个 is exact, so it disagrees with 13个), upper ends of 余/多 and of
rounding excluded (300余 is [300, 400), so it disagrees with 400余), and their
units are the same after normalisation.  Measure words
that count the same thing (5件 and 5个, 100名 and 100人) are a *variant*: copy
editors want to hear about them, but they are not a contradiction, so by default
they are a warning (``measure-word-variants: warning|error|ignore``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model import LEVELS, Quantity

__all__ = [
    "MEASURE_WORD_VARIANTS",
    "SAME_UNITS",
    "Verdict",
    "agreement",
    "compare_units",
    "describe",
    "format_decimal",
    "overlaps",
    "quantities_overlap",
    "report_level",
    "widened",
]

#: Measure words that count the same things.  Each set is one family: 件/个/项 for
#: items and cases, 名/人/位 for people, 家/所/座 for institutions.
MEASURE_WORD_VARIANTS: tuple[frozenset[str], ...] = (
    frozenset({"名", "人", "位"}),
    frozenset({"个", "件", "项", "起"}),
    frozenset({"家", "所", "座"}),
)

#: Spellings of one unit that the extractor keeps apart (both mean exactly the same).
SAME_UNITS: dict[str, str] = {
    "千米": "公里", "千克": "公斤", "星期": "周", "°C": "℃", "摄氏度": "℃",
    "平方千米": "平方公里", "百分点": "个百分点", "周岁": "岁", "块钱": "元",
}

_Bound = tuple[Decimal | None, Decimal | None]


def widened(q: Quantity) -> _Bound:
    """``q``'s interval widened by the precision of its last written digit."""
    return q.widened()


def overlaps(a: _Bound, b: _Bound, a_hi_open: bool = False, b_hi_open: bool = False,
             a_lo_open: bool = False, b_lo_open: bool = False) -> bool:
    """Whether two intervals share a point; ``None`` is an open end.

    Ends are included unless their ``*_open`` flag is set, so [300, 400) and
    [400, 500) share nothing.
    """
    a_lo, a_hi = a
    b_lo, b_hi = b
    if a_lo is not None and b_hi is not None and (
            a_lo > b_hi or a_lo == b_hi and (b_hi_open or a_lo_open)):
        return False
    if b_lo is not None and a_hi is not None and (
            b_lo > a_hi or b_lo == a_hi and (a_hi_open or b_lo_open)):
        return False
    return True


def quantities_overlap(a: Quantity, b: Quantity) -> bool:
    """Whether ``a`` and ``b``, each widened by the rounding it is written with, can be equal."""
    return overlaps(a.widened(), b.widened(), a.hi_open, b.hi_open, a.lo_open, b.lo_open)


def _canonical_unit(unit: str | None) -> str | None:
    return SAME_UNITS.get(unit, unit) if unit else unit


def compare_units(a: Quantity, b: Quantity, variants: str = "warning") -> str:
    """``"same"``, ``"variant"`` (measure words counting the same thing) or ``"different"``.

    With ``variants="ignore"`` a variant is reported as ``"same"``.
    """
    ua, ub = _canonical_unit(a.unit), _canonical_unit(b.unit)
    if ua == ub:
        return "same"
    if ua and ub and a.kind == b.kind == "count":
        for family in MEASURE_WORD_VARIANTS:
            if ua in family and ub in family:
                return "same" if variants == "ignore" else "variant"
    return "different"


@dataclass(frozen=True)
class Verdict:
    """Whether two quantities can both be true, and how loudly to say it.

    ``level`` is ``None`` when there is nothing to report, ``"error"`` when they
    contradict each other (``agrees`` is False) and ``"warning"`` when they agree
    but use different measure words for the same count.
    """

    agrees: bool
    level: str | None
    reason: str


def _iso_bounds(iso: str) -> tuple[str, str]:
    lo, _, hi = iso.partition("/")
    return lo, hi or lo


def _dates_agree(a: Quantity, b: Quantity) -> bool:
    # ISO strings of one precision compare correctly as text; a coarser date
    # (2020-02) covers the finer ones (2020-02-17) that start with it.
    a_lo, a_hi = _iso_bounds(a.iso or "")
    b_lo, b_hi = _iso_bounds(b.iso or "")

    def before(x: str, y: str) -> bool:  # x ends strictly before y starts
        return not y.startswith(x) and not x.startswith(y) and x < y

    return not (before(a_hi, b_lo) or before(b_hi, a_lo))


def agreement(a: Quantity, b: Quantity, variants: str = "warning") -> Verdict:
    """Can ``a`` and ``b`` both be true?  See the module docstring."""
    if a.kind != b.kind and not (a.is_amount and b.is_amount):
        return Verdict(False, "error", f"{a.kind} and {b.kind} cannot be compared")
    units = compare_units(a, b, variants)
    if units == "different":
        return Verdict(False, "error",
                       f"different units: {a.unit or 'none'} and {b.unit or 'none'}")
    if a.iso is not None or b.iso is not None:
        if a.iso is None or b.iso is None:
            return Verdict(False, "error", "a date or time and an amount cannot be compared")
        if _dates_agree(a, b):
            return Verdict(True, None, f"{a.iso} and {b.iso} overlap")
        return Verdict(False, "error", f"{a.iso} and {b.iso} do not overlap")
    if not quantities_overlap(a, b):
        return Verdict(False, "error", f"{describe(a)} and {describe(b)} cannot both be true")
    if units == "variant":
        reason = f"the same count in different measure words: {a.unit} and {b.unit}"
        if variants == "error":
            return Verdict(False, "error", reason)
        return Verdict(True, "warning", reason)
    return Verdict(True, None, f"{describe(a)} and {describe(b)} overlap")


def report_level(rule_level: str, verdict: Verdict) -> str | None:
    """The level to report ``verdict`` at under a rule of ``rule_level``: the milder one."""
    if verdict.level is None:
        return None
    return min(rule_level, verdict.level, key=LEVELS.index)


def format_decimal(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros: 7.68E+9 → 7680000000, 1.50 → 1.5."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def describe(q: Quantity) -> str:
    """The figure as written and what it means, e.g. ``7436万多名 (74360000–74370000 名)``."""
    written = " ".join(q.normalized.split()) or " ".join(q.text.split())
    if q.iso is not None:
        return f"{written} ({q.iso})"
    if q.lo is None and q.hi is None:
        return written
    if q.lo is None:
        meaning = f"≤{format_decimal(q.hi)}"
    elif q.hi is None:
        meaning = f"≥{format_decimal(q.lo)}"
    elif q.lo == q.hi:
        meaning = format_decimal(q.lo)
    else:
        meaning = f"{format_decimal(q.lo)}–{format_decimal(q.hi)}"
    unit = f" {q.unit}" if q.unit else ""
    return f"{written} ({meaning}{unit})"
