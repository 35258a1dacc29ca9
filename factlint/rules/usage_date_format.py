"""usage-date-format: a date in running text is written 2008年8月8日.

Why it matters: GB/T 15835-2011 5.1.4 writes a date in the order spoken, with
年月日 (``2008年8月8日``), or in the all-digit extended form of GB/T 7408 with
hyphens (``2008-08-08``); dots (``2008.8.8``) and slashes (``2008/8/8``) are
neither, and ``2008.8`` reads as a decimal.

Fires on: ``2008.8.8`` (→ ``2008年8月8日``), ``2020/1/23``, ``2021.03.15``,
``新闻联播：2025.5.7至10日``, ``2008.4.5-9日`` (a span of days).
Does not fire on: ``2008年8月8日``, ``2008-08-08``, ``3.1.4``, ``192.168.1.1``,
``v2020.1.2``, ``2008.8``.

A suggestion: factlint reads ``2008.8.8`` as the decimal 2008.8 and a figure 8, so
it cannot prove the rewrite keeps the meaning; the editor confirms it.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from ..model import Corpus, Finding
from . import CheckContext, Rule
from ._usage import clause, matches, usage_finding

NAME = "usage-date-format"
DEFAULT_LEVEL = "info"
DESCRIPTION = ("Dates in running text are written 2008年8月8日 (or 2008-08-08), not "
               "2008.8.8 or 2008/8/8 (GB/T 15835-2011 5.1.4).")
SUGGEST_ONLY = True

_DATE = regex.compile(
    r"(?<![A-Za-z0-9.\-/])(?P<y>(?:19|20)\d\d)(?P<sep>[./])(?P<m>0?[1-9]|1[0-2])(?P=sep)"
    r"(?P<d>0?[1-9]|[12]\d|3[01])(?![A-Za-z0-9./%])(?!-(?!\d{1,2}日))")
#: What every match starts with (searched for first: few documents hold it).
_GATE = regex.compile(r"(?:19|20)\d\d[./]")


SCOPE = "document"  # what it reads: one document at a time


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    for document, _, m in matches(corpus, _DATE, needle=(".", "/"), gate=_GATE):
        fixed = f"{m['y']}年{int(m['m'])}月{int(m['d'])}日"
        yield usage_finding(
            rule, document, m.start(), m.end(),
            f"{document.text[m.start():m.end()]}: write a date in running text as "
            f"{fixed} {clause('5.1.4')}", new=fixed)
