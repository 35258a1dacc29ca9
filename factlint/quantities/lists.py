"""A unit written once for a list of figures: ``40、50分钟``, ``分别提高1.13、12.78个百分点``,
``899、999元``.

Copy writes the unit after the last figure of a list joined by 、 only; the figures before
it count the same thing.  Read alone they are bare numbers (a count of nothing, which no
check can compare); here each takes the unit and kind of the figure that ends the list.

Only where nothing else can be meant:

- every figure but the last is Arabic digits alone (with a decimal part), exact and
  unitless, and the figures are joined by a bare 、;
- the last figure is an amount (count, money, percent, measure, duration, age) written in
  Arabic digits without a multiplier (``3、5万元`` leaves 3 alone: 3 or 3万?);
- the first figure does not start a line or follow a bracket (``3、5个工作组`` at the head
  of a line numbers an item), a numbering word (``編號1、2、3種``) or a rank (``第 1、2、5
  項``); years are not durations (``2014、2015年``).  Dates (``1、2月份``) and codes
  (``2、3号线``) end in no amount and are left as they are.

Two figures where the second is the first one's next digit with its zeros are a range
written short, as ``五六十岁`` is: ``5、60歲`` → [50, 60] 岁, ``3、4000輛`` → [3000, 4000]
辆, and with 约 before it ``大約有5、60人`` → about [45, 66] 人 (widened as ``约50至60人``).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from decimal import Decimal

from ..model import Quantity, evolve
from .reader import apply_qualifier, clean_value

__all__ = ["share_list_units"]

_AMOUNT_KINDS = frozenset({"count", "money", "percent", "measure", "duration", "age"})
_DIGITS = frozenset("0123456789０１２３４５６７８９.．")
_MULTIPLIERS = frozenset("十百千万亿拾佰仟萬億兆")
_LEADING_DIGITS = re.compile(r"[0-9０-９.．]+")
#: Before the first figure of a list that is an item's number, not an amount.
_ITEM_START = frozenset("\n（(【[")
_NUMBERING = ("编号", "編號", "序号", "序號", "第")
#: A 、 before an Arabic figure (and after one: tested apart, so that the engine looks for
#: the 、 itself rather than trying a look-behind at every character).
_BEFORE_DIGITS = re.compile(r"、(?=[0-9０-９])")
_ARABIC = frozenset("0123456789０１２３４５６７８９")


def _value(digits: str) -> Decimal:
    return Decimal(unicodedata.normalize("NFKC", digits).replace("．", "."))


def _abbreviated_range(first: str, last: str) -> bool:
    """5、60 (歲) and 3、4000 (輛): one digit, then the next one with its zeros, is a range
    from 50 or 3000 written short (as 五六十岁 and 三四千辆 are)."""
    first, last = (unicodedata.normalize("NFKC", s) for s in (first, last))
    return (len(first) == 1 and first.isdigit() and len(last) > 1 and last.isdigit()
            and last[0] == str(int(first) + 1) and set(last[1:]) == {"0"})


def _bare(q: Quantity) -> bool:
    return (q.kind == "count" and q.unit is None and q.qualifier == "exact"
            and q.lo is not None and all(c in _DIGITS for c in q.text))


def share_list_units(found: list[Quantity], text: str) -> list[Quantity]:
    """``found`` (in text order) with each bare figure of a 、 list taking the unit of
    the list's last figure; ``text``: what the spans point into (same offsets)."""
    marks = [at for at in (m.start() for m in _BEFORE_DIGITS.finditer(text))
             if at and text[at - 1] in _ARABIC]
    if not marks:
        return found
    ends = [q.span.end for q in found]
    result = found
    heads: dict[int, int] = {}
    # Right to left, so that 3、4、5个 hands 个 on from 5 to 4 to 3.
    for mark in reversed(marks):
        i = bisect.bisect_left(ends, mark)
        if i + 1 >= len(result) or ends[i] != mark:
            continue
        q, last = result[i], result[i + 1]
        about = _about_one_digit(q)  # 大約有5、60人: about fifty to sixty
        if (not (_bare(q) or about) or last.span.start != mark + 1 or last.unit is None
                or last.kind not in _AMOUNT_KINDS):
            continue
        digits = _LEADING_DIGITS.match(last.text)
        if (digits is None or last.qualifier != "exact"
                or last.text[digits.end():digits.end() + 1] in _MULTIPLIERS
                or _value(digits.group()) != last.lo):
            continue  # 3、5万元 (3 or 3万?), 3、4成 (成 scales: 40 %), 40、50多人
        if last.unit == "年" and q.lo is not None and q.lo >= 1000:
            continue  # 2014、2015年 are years
        head = _head_of(i, result, ends, text, heads)
        short = _abbreviated_range(q.text[-1:] if about else q.text, digits.group())
        if short and head != i or about and not short:
            continue  # 1、2、30: no range written short; 约40、50分钟: 约 of the first alone
        start = result[head].span.start
        if start == 0 or text[start - 1] in _ITEM_START:
            continue  # 3、5个工作组成立 at the head of a line numbers an item
        if text[max(0, start - 3):start].rstrip(" \u3000").endswith(_NUMBERING):
            continue  # 編號1、2、3、4、5種: numbers of items, not counts
        if head > 0 and result[head - 1].kind == "ordinal" \
                and text[result[head - 1].span.end:start] == "、":
            continue  # 第 1、2、5 項: ranks, every one
        if result is found:
            result = list(found)
        if short:  # 5、60歲, 3、4000輛: one range, from 50 and from 3000
            result[i:i + 2] = [_range_written_short(q, last, about)]
            ends[i:i + 2] = [last.span.end]
        else:
            result[i] = evolve(q, unit=last.unit, kind=last.kind)
    return result


def _head_of(i: int, found: list[Quantity], ends: list[int], text: str,
             heads: dict[int, int]) -> int:
    """The first figure of the 、 list that figure ``i`` ends or belongs to, remembered in
    ``heads`` for every figure walked past (1、2、…、N个 is walked once, not N times).
    Only figures before ``i`` are looked at, and the caller changes only figures after."""
    walked = []
    j = i
    while j not in heads and j > 0 and ends[j - 1] == found[j].span.start - 1 \
            and text[ends[j - 1]] == "、" and _bare(found[j - 1]):
        walked.append(j)
        j -= 1
    head = heads.get(j, j)
    for k in walked:
        heads[k] = head
    heads[j] = head
    return head


def _about_one_digit(q: Quantity) -> bool:
    """约5, 大約有5: one digit after 约 (its interval is the digit's, widened)."""
    return (q.kind == "count" and q.unit is None and q.qualifier == "about"
            and q.text[-1:] in _DIGITS and q.text[-2:-1] not in _DIGITS)


def _range_written_short(first: Quantity, last: Quantity, about: bool) -> Quantity:
    """One range from ``first`` (one digit, scaled to the places of ``last``) to ``last``;
    with 约 before it, widened as 约50至60人 is: [45, 66]."""
    assert last.lo is not None
    lo = _value(first.text[-1]) * 10 ** (len(str(int(last.lo))) - 1)
    hi, value = last.lo, lo
    if about:
        widened = apply_qualifier("about", lo, hi)
        lo, hi = clean_value(widened[0]), clean_value(widened[1])
    span = evolve(last.span, line=first.span.line, column=first.span.column,
                  start=first.span.start)
    return evolve(last, text=f"{first.text}、{last.text}", lo=lo, hi=hi,
                  qualifier="about" if about else "range", span=span, value=value,
                  normalized=f"{first.normalized}、{last.normalized}")
