"""usage-range-scale: a range writes its scale or percent sign on both ends.

Why it matters: ``3～5万人`` can be read as "3 to 50,000 people"; GB/T 15835-2011
5.1.3 allows dropping the first of two *units* where nothing becomes ambiguous
(``100～150kg``, ``400—429页``), but not a scale word or a percent sign: its
examples are ``9亿～16亿（不写为9～16亿）``, ``13万元～17万元（不写为13～17万元）``,
``15%～30%（不写为15～30%）`` and ``4.3×10⁶～5.7×10⁶``.

Fires on: ``3～5万人`` (→ ``3万～5万人``), ``9～16亿元``, ``15～30%``, ``2-3万亿``,
``4.3～5.7×10⁶``.
Does not fire on: ``3万～5万人``, ``100～150kg``, ``400—429页``, ``15%～30%``,
``2019～2020年``.

The fix writes the scale after the first figure too; factlint proves it by
reading the range again (same interval, unit and kind), so ``factlint fix``
applies it.  A built-in check (no YAML); ``levels``/``disable`` configure it.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from ..model import Corpus, Finding
from . import CheckContext, Rule
from ._usage import clause, matches, usage_finding

NAME = "usage-range-scale"
DEFAULT_LEVEL = "warning"
DESCRIPTION = ("A range writes its scale (万, 亿), percent sign or power of ten on both "
               "ends: 3万～5万, not 3～5万 (GB/T 15835-2011 5.1.3).")

_FIGURE = r"\d+(?:\.\d+)?"
# Connectors of a range as normalised (～ is folded to ~); 至 as in 3至5万.
_RANGE = regex.compile(
    rf"(?<![\d.,:/\-])(?P<a>{_FIGURE})(?P<conn>[~〜—–\-至])(?P<b>{_FIGURE})"
    rf"(?P<scale>[万亿]+|%|‰|×10\^?-?\d+)")
#: What every match holds: a digit on each side of the connector (searched for first).
_GATE = regex.compile(r"\d[~〜—–\-至]\d")


SCOPE = "document"  # what it reads: one document at a time


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    for document, text, m in matches(corpus, _RANGE, needle=tuple("~〜—–-至"), gate=_GATE):
        # The scale as written in the file (superscripts are folded by NFKC).
        scale_start = m.start("scale")
        scale_end = m.end("scale")
        if text[scale_start] == "×":
            original = document.text[scale_start:]
            sup = regex.match(r"×10(?:[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+|\^-?\d+)", original)
            if sup is None:
                continue
            scale_end = scale_start + sup.end()
        scale = document.text[scale_start:scale_end]
        start, end = m.start(), scale_end
        written = document.text[start:end]
        a_end = m.end("a")
        fixed = document.text[start:a_end] + scale + document.text[a_end:end]
        yield usage_finding(
            rule, document, start, end,
            f"{written}: write {scale} on both ends of the range, {fixed}; "
            f"{document.text[start:a_end]} alone reads as a bare number "
            f"{clause('5.1.3')}",
            new=fixed)
