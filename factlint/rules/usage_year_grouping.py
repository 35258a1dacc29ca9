"""usage-year-grouping: a year is never digit-grouped.

Why it matters: GB/T 15835-2011 5.1.1 groups the digits of a *measured* figure to
make it readable; a year is a name for a point in time, not an amount, and the
standard writes it as four digits (``2020年``).  ``2,020年`` invites the reading
"two thousand and twenty years".

Codes (postcodes, telephone numbers) are not checked: without its label a grouped
code cannot be told from an amount.

Fires on: ``2,020年5月`` (→ ``2020年5月``), ``于1,998年``.
Does not fire on: ``2020年``, ``5,000年的历史`` (a duration), ``2,020人``.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from ..model import Corpus, Finding
from . import CheckContext, Rule
from ._usage import clause, matches, usage_finding

NAME = "usage-year-grouping"
DEFAULT_LEVEL = "warning"
DESCRIPTION = "Years are never digit-grouped: 2020年, not 2,020年 (GB/T 15835-2011 5.1.1)."

# A year, not a duration: a month follows, or a preposition of time comes before.
_YEAR = regex.compile(
    r"(?<![\d,.])(?P<y>[12][,\u2009 ]\d{3})(?=年(?:\d{1,2}月|度|初|底|末|前后|以来))"
    r"|(?<=(?:在|于|从|自|到|至|截至|截止|公元|早在)\s?)(?P<y>[12],\d{3})(?=年)")


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    for document, text, m in matches(corpus, _YEAR):
        start, end = m.span("y")
        digits = "".join(ch for ch in text[start:end] if ch.isdigit())
        if not 1000 <= int(digits) <= 2100:
            continue
        yield usage_finding(
            rule, document, start, end,
            f"{document.text[start:end]}年: a year is never digit-grouped; write "
            f"{digits}年 {clause('5.1.1')}", new=digits)
