"""usage-ji-numeral: an approximation with 几 is written in Chinese numerals.

Why it matters: GB/T 15835-2011 4.2.2 asks for Chinese numerals in approximations
that contain 几 (``十几``, ``几十万``): ``20几`` mixes a precise digit with a vague
one, and some readers stumble over it (is it 20 and a few, or 20 of something?).

Fires on: ``20几个人`` (→ ``二十几个人``), ``100几天`` (→ ``一百几天``), ``几10万``
(→ ``几十万``).
Does not fire on: ``二十几个人``, ``几十万``, ``20个人``, ``第几``.

A suggestion only: factlint reads ``20几`` as the figure 20 and then 几, so it
cannot prove that ``二十几`` means the same, and ``factlint fix`` does not apply it.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from ..model import Corpus, Finding
from . import CheckContext, Rule
from ._usage import chinese, clause, normalized, usage_finding

NAME = "usage-ji-numeral"
DEFAULT_LEVEL = "warning"
DESCRIPTION = ("Approximations with 几 take Chinese numerals: 二十几, not 20几 "
               "(GB/T 15835-2011 4.2.2).")
SUGGEST_ONLY = True

_DIGITS_JI = regex.compile(r"(?<![\d.,])(?P<n>[1-9]\d*0)几")
_JI_DIGITS = regex.compile(r"几(?P<n>10+)(?![\d.,])(?=[万亿千百]?)")


SCOPE = "document"  # what it reads: one document at a time


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    for document in corpus.documents:
        text = normalized(document)
        if "几" not in text:
            continue  # every finding is of a figure with 几
        for m in _DIGITS_JI.finditer(text):
            fixed = chinese(int(m["n"])) + "几"
            yield usage_finding(
                rule, document, m.start(), m.end(),
                f"{m.group()}: write an approximation with 几 in Chinese numerals, "
                f"{fixed} {clause('4.2.2')}", new=fixed)
        for m in _JI_DIGITS.finditer(text):
            scale = chinese(int(m["n"]))
            fixed = "几" + (scale[1:] if scale.startswith("一") else scale)  # 几百, not 几一百
            yield usage_finding(
                rule, document, m.start(), m.end(),
                f"{m.group()}: write an approximation with 几 in Chinese numerals, "
                f"{fixed} {clause('4.2.2')}", new=fixed)
