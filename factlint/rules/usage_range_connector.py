"""usage-range-connector: a range of figures is joined by ～ or —, not - or ~.

Why it matters: GB/T 15835-2011 5.1.3 joins the two ends of a range with the wave
dash ``～`` or the one-em dash ``—``; GB/T 15834-2011 (punctuation) 4.13 keeps the
hyphen ``-`` for numbers that are one code (dates written all in digits,
telephone and model numbers).  ``3-5天`` is the hyphen of a code used for a range,
and the half-width ``~`` is a keyboard substitute.  House style varies, so this is
info by default and only the hyphen, minus, en dash and half-width tilde are
reported.

Fires on: ``3-5天`` (→ ``3～5天``), ``10~20元``, ``5–8%``.
Does not fire on: ``3～5天``, ``400—429页``, ``2008-08-08``, ``010-62345678``,
``GB/T 15835-2011``, ``A320-200``, ``“1949－2024”`` (quoted as written on a banner),
``7-21暴雨`` (a month and day naming an event).

Only figures factlint reads as a range of amounts are reported (dates, codes and
identifiers never are).  The fix writes the house style's connector, ``～`` unless
the config says ``range-connector: "—"`` (a span of years always takes ``—``, as
GB/T 15834 joins spans of time); factlint proves it by reading the range again.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from ..model import Corpus, Finding
from . import CheckContext, Rule
from ._usage import clause, replacement, usage_finding

NAME = "usage-range-connector"
DEFAULT_LEVEL = "info"
DESCRIPTION = ("A range of figures is joined by ～ or —, not a hyphen or half-width ~ "
               "(GB/T 15835-2011 5.1.3; GB/T 15834-2011 4.13).")

_BAD = "-~‐‑–−－"  # hyphen, tilde, hyphen, non-breaking hyphen, en dash, minus, fullwidth -
_CONNECTOR = regex.compile(rf"(?<=[\d０-９%％万亿])[{regex.escape(_BAD)}](?=[\d０-９])")
_ANY_BAD = regex.compile(rf"[{regex.escape(_BAD)}]")
_PHONE = regex.compile(r"^\D*0\d{2,3}$")
_PHONE_TAIL = regex.compile(r"^\d{7,8}(?!\d)")
_DIGIT = regex.compile(r"[0-9０-９]")
_OPENING_QUOTES = "“‘「『\"'《"
_YEAR = regex.compile(r"^(?:1[6-9]|20)\d\d$")
_DAY = regex.compile(r"^[0-9０-９]{1,2}$")
_TRAILING_DIGITS = regex.compile(r"(?<![0-9０-９.．])[0-9０-９]+$")
_LEADING_DIGITS = regex.compile(r"^[0-9０-９]+(?![0-9０-９.．])")
_CODE_NEIGHBOUR = regex.compile(r"[A-Za-zＡ-Ｚａ-ｚ\-/:#._]")

def _month_day(first: str, second: str) -> bool:
    digits = regex.compile(r"^[0-9０-９]{1,2}$")
    if not (digits.match(first) and digits.match(second)):
        return False
    month, day = int(first), int(second)  # int() reads full-width digits too
    return 1 <= month <= 12 and 1 <= day <= 31 and day > month + 8

SCOPE = "document"  # what it reads: one document at a time


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    for document in corpus.documents:
        text = document.text
        if not any(c in text for c in _BAD):
            continue  # no connector to check (most documents)
        for q in document.quantities:
            start, end = q.span.start, q.span.end
            if _ANY_BAD.search(text, start, end) is None:
                continue  # no connector to check (most figures)
            # A range of amounts, whatever word qualifies it (約10%~15% reads as "about",
            # 3-5年內 as "at most"): the connector between two figures is what is checked.
            # A span of years or days written as two bare numbers (2019-2020赛季,
            # 7月30-31日) is read as dates, not amounts; its connector is checked all the
            # same (a range of dates written with 年 or 月, 2021-2025年, 1-8月, is not).
            span = (not q.is_amount and q.kind == "date" and q.qualifier == "range"
                    and not q.text.endswith(("年", "月")))
            if not q.is_amount and not span:
                continue
            before = text[start - 1:start] if start else ""
            after = text[end:end + 1]
            if _CODE_NEIGHBOUR.match(before) or (after and _CODE_NEIGHBOUR.match(after)
                                                 and after not in "."):
                continue  # part of a code: A3-5型, 3-5-2
            hits = list(_CONNECTOR.finditer(text, start, end))
            if len(hits) != 1:
                continue  # 3-5-7 is a code, not a range
            hit = hits[0]
            first, second = text[start:hit.start()], text[hit.end():end]
            if _PHONE.match(first) or _PHONE_TAIL.match(second):
                continue  # 010-62345678: an area code and a number
            if before and before in _OPENING_QUOTES:
                continue  # “1949－2024” on a banner, “7-21” as a name: quoted as written
            if span:  # 7月30-31日: the days either side of the connector
                first = _TRAILING_DIGITS.search(first)
                second = _LEADING_DIGITS.match(second)
                first, second = (first.group() if first else ""), (second.group() if second
                                                                    else "")
            years = bool(_YEAR.match(first) and _YEAR.match(second))
            if span and not (years or _DAY.match(first) and _DAY.match(second)):
                continue  # 2017-18年度, 2003.09-2006.06: one date's notation, not two figures
            if q.unit is None and _month_day(first, second):
                continue  # 7-21暴雨: a month and a day naming an event
            # Years are joined by the one-em dash, as time spans are (GB/T 15834 4.13).
            wanted = "—" if years else ctx.range_connector
            what = ("a hyphen joins the parts of one code" if hit.group() != "~"
                    else "~ is a keyboard stand-in for ～")
            # Point at the figures, not at a qualifier read with them (約有 10%~15%).
            first_digit = _DIGIT.search(text, start, hit.start())
            at = first_digit.start() if first_digit else start
            if span:  # 7月30-31日: at the days, not at the month
                at = hit.start() - len(first)
            yield usage_finding(
                rule, document, at, end,
                f"{text[at:end]}: join the ends of a range with {wanted}, not "
                f"{hit.group()!r} ({what}) "
                f"{clause('5.1.3')}",
                replacements=[replacement(document, hit.start(), hit.end(), wanted)],
                fix_description=f"write {wanted}")
