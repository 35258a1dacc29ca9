"""usage-decimal-zero: a pure decimal keeps the 0 before its decimal point.

Why it matters: GB/T 15835-2011 5.1.2 requires the leading zero of a pure decimal
(``0.46``, not ``.46``): the point alone is easily lost in print or OCR, and
``.46`` then becomes 46.

Fires on: ``增长.46%`` (→ ``0.46%``), ``（.5）``.
Does not fire on: ``0.46``, ``1.46``, ``.NET``, ``v1.5``, ``……5人``, ``3.14.5``,
``www.12306.cn``, ``8 ．8 ％`` (OCR spaces inside 8.8%).

A suggestion only in practice: factlint reads ``.46`` as 46, so it cannot prove
the change harmless and ``factlint fix`` leaves it for the editor.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from ..model import Corpus, Finding
from . import CheckContext, Rule
from ._usage import clause, matches, usage_finding

NAME = "usage-decimal-zero"
DEFAULT_LEVEL = "warning"
DESCRIPTION = "A pure decimal keeps its leading zero: 0.46, not .46 (GB/T 15835-2011 5.1.2)."

# The point follows Chinese text, an opening bracket, a space or the start; it is
# not part of an address, a version, an ellipsis or a number.
_BARE = regex.compile(
    r"(?:(?<=^|[\p{Han}\s（(“：:，,；、])(?<![.…]))\.(?P<d>\d+)(?![\d.]|[A-Za-z/])")


SCOPE = "document"  # what it reads: one document at a time


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    for document, text, m in matches(corpus, _BARE, needle="."):
        start = m.start()
        before = start - 1
        while before >= 0 and text[before] in " \t\u3000":
            before -= 1
        if before >= 0 and before < start - 1 and text[before].isdigit():
            continue  # 8 ．8 ％: an OCR gap inside 8.8%, not a bare point
        fixed = "0." + m["d"]
        # Keep a full-width point as written: only the missing 0 is added.
        point = document.text[start]
        new = ("０" if point == "．" else "0") + document.text[start:m.end()]
        yield usage_finding(
            rule, document, start, m.end(),
            f"{document.text[start:m.end()]}: a pure decimal keeps its leading zero, "
            f"{fixed} {clause('5.1.2')}", new=new)
