"""``factlint.approx()``: compare a claim with a figure the way factlint's rules do.

    assert corpus.claim(subject="党员", near="捐款") == approx("7436万多名")

Two figures are equal when they can both be true: their intervals overlap once
each exact figure is widened by the rounding it is written with (README
"Qualifiers": 9761个 is exact, 76.8亿 ± 0.05亿, 400余 is [400, 500)), and their
units agree (see :mod:`factlint.claims.agree`).  So ``7436万名`` equals ``7436万多名``
and ``74360000名``, but not ``7346万名`` nor ``7436万元``.  A bare ``Decimal`` or
``int`` is compared as a number: it must fall inside the widened interval (its
upper end excluded where the figure's is, :attr:`~factlint.model.Quantity.hi_open`); a
float is refused, because it cannot hold the digits a figure was written with.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..model import Quantity
from .agree import agreement, format_decimal

__all__ = ["Approx", "approx", "explain", "interval", "location_of", "quantity_of"]

_VARIANT_POLICIES = ("warning", "error", "ignore")


def _bound(value: Decimal | None, open_side: str) -> str:
    return open_side if value is None else format_decimal(value)


def interval(q: Quantity) -> str:
    """``q`` as written and as an interval, e.g. ``7436万名 = [74360000, 74360000] 名
    ±5000 → [74355000, 74365000)`` or ``400余人 = [400, 500) 人`` (``)``: the end is
    excluded); dates show their ISO form."""
    written = " ".join((q.normalized or q.text).split())
    if q.iso is not None:
        return f"{written} = {q.iso}"
    if q.lo is None and q.hi is None:
        return f"{written} (no numeric value)"
    unit = f" {q.unit}" if q.unit else ""
    close = ")" if q.hi_open and q.hi is not None else "]"
    text = (f"{written} = [{_bound(q.lo, '-∞')}, {_bound(q.hi, '∞')}"
            f"{']' if q.precision else close}{unit}")
    if q.precision:
        lo, hi = q.widened()
        text += (f" ±{format_decimal(q.precision)} → "
                 f"{'(' if q.lo_open else '['}{_bound(lo, '-∞')}, {_bound(hi, '∞')}{close}")
    return text


def quantity_of(value: Any) -> Quantity | None:
    """The quantity of a Claim, a Quantity, or a figure as written; None for anything else."""
    if isinstance(value, Quantity):
        return value
    quantity = getattr(value, "quantity", None)  # a factlint.claims.Claim
    if isinstance(quantity, Quantity):
        return quantity
    if isinstance(value, str):
        from ..quantities.extractor import parse

        return parse(value)
    return None


def location_of(value: Any) -> str | None:
    """``path:line:col`` of a claim or quantity read from a file; None for a parsed figure."""
    quantity = quantity_of(value) if not isinstance(value, str) else None
    if quantity is None or quantity.span.path in ("", "<parse>"):
        return None
    return quantity.span.position()


class Approx:
    """A figure as written that compares equal to every figure that can be true with it."""

    __hash__ = None  # type: ignore[assignment]  # equality is not transitive

    def __init__(self, expected: str | Quantity, *, variants: str = "warning") -> None:
        if variants not in _VARIANT_POLICIES:
            raise ValueError(f"variants must be one of {', '.join(_VARIANT_POLICIES)}, "
                             f"not {variants!r}")
        if isinstance(expected, str):
            from ..quantities.extractor import parse

            self.expected = parse(expected)  # raises ValueError naming the text
        elif isinstance(expected, Quantity):
            self.expected = expected
        else:
            raise TypeError(f"approx() takes a figure as written (str) or a Quantity, "
                            f"not {type(expected).__name__}")
        #: measure words for one count (名/人): "warning" and "ignore" let them agree.
        self.variants = variants

    def _number_matches(self, number: Decimal | int | Fraction) -> bool:
        lo, hi = self.expected.widened()
        if self.expected.iso is not None or (lo is None and hi is None):
            return False
        value = Fraction(number)
        below_top = (hi is None or value < Fraction(hi)
                     or value == Fraction(hi) and not self.expected.hi_open)
        above_bottom = (lo is None or Fraction(lo) < value
                        or value == Fraction(lo) and not self.expected.lo_open)
        return above_bottom and below_top

    def verdict_reason(self, other: Any) -> str:
        """Why ``other`` does or does not equal this figure."""
        if isinstance(other, (Decimal, int, Fraction)) and not isinstance(other, bool):
            inside = "inside" if self._number_matches(other) else "outside"
            return f"{other} is {inside} {interval(self.expected)}"
        actual = quantity_of(other)
        if actual is None:
            return f"cannot compare with {type(other).__name__}"
        return agreement(actual, self.expected, self.variants).reason

    def __eq__(self, other: object) -> bool:
        if isinstance(other, float):
            raise TypeError("approx() does not compare with a float: a float cannot hold "
                            "the digits a figure was written with; use Decimal or a str")
        if isinstance(other, (Decimal, int, Fraction)) and not isinstance(other, bool):
            return self._number_matches(other)
        actual = quantity_of(other)
        if actual is None:
            return NotImplemented
        return agreement(actual, self.expected, self.variants).agrees

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __repr__(self) -> str:
        suffix = "" if self.variants == "warning" else f", variants={self.variants!r}"
        return f"approx({interval(self.expected)}{suffix})"


def approx(expected: str | Quantity, *, variants: str = "warning") -> Approx:
    """A figure that equals every claim that can be true with it (see the module docstring).

    ``variants="error"`` makes measure words for the same count (名 and 人) unequal.
    """
    return Approx(expected, variants=variants)


def explain(left: Any, right: Any) -> list[str] | None:
    """Lines saying why ``left == right`` failed when one side is an :class:`Approx`.

    The first line is a summary; the rest show both figures as intervals and where
    the claim was written.  Used by the pytest plugin's assertion messages.
    """
    if isinstance(right, Approx):
        expected, other = right, left
    elif isinstance(left, Approx):
        expected, other = left, right
    else:
        return None
    actual = quantity_of(other) if not isinstance(other, (int, Decimal, Fraction)) else None
    where = location_of(other)
    if actual is None:
        return [f"{other!r} == {expected!r}",
                f"reason:   {expected.verdict_reason(other)}"]
    at = f" at {where}" if where else ""
    lines = [f"{' '.join(actual.text.split())}{at} does not agree with "
             f"approx({' '.join(expected.expected.text.split())!r})",
             f"claim:    {interval(actual)}{at}",
             f"expected: {interval(expected.expected)}",
             f"reason:   {expected.verdict_reason(other)}"]
    sentence = getattr(other, "sentence", None)
    if sentence is not None and getattr(sentence, "text", ""):
        lines.append(f"sentence: {sentence.text}")
    return lines
