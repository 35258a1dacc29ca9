"""usage-grouping-style: one story groups its long figures one way.

Why it matters: GB/T 15835-2011 5.1.1 allows figures of five or more digits to
be grouped in threes (``12,500``) or written plain (``12500``); which one is
house style, but a story that mixes ``1,234,567元`` and ``7654321元`` looks as if
one of them was pasted from elsewhere, and editors are asked to make them agree.

Reported: every amount of five or more integer digits written in the minority
style of its document, with the majority's first figure as the related place,
and the fix rewriting it in the majority style (proven by reading it again).  A
document with as many of each style says nothing: there is no majority to follow.

Fires on: ``收入1,234,567元，支出7654321元，结余2,345,678元`` (at ``7654321元``).
Does not fire on: ``收入1,234,567元，结余2,345,678元``; four-digit figures
(``1,234`` and ``5678``, which the standard need not group); years and codes.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from ..model import Corpus, Finding
from . import CheckContext, Rule
from ._usage import clause, location, normalized, usage_finding

NAME = "usage-grouping-style"
DEFAULT_LEVEL = "info"
DESCRIPTION = ("One story groups its long figures one way: all 12,500 or all 12500 "
               "(GB/T 15835-2011 5.1.1); the minority is reported with the majority's form.")

_GROUPED = regex.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})+(?![\d,])")
_PLAIN = regex.compile(r"(?<![\d,.])\d{5,}(?![\d,])")


def _grouped(digits: str) -> str:
    return f"{int(digits):,}"


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    for document in corpus.documents:
        text = normalized(document)
        if _GROUPED.search(text) is None:
            continue  # nothing grouped: one style, nothing to say
        styles: dict[str, list[tuple[int, int, str]]] = {"grouped": [], "plain": []}
        for q in document.quantities:
            if not q.is_amount:
                continue
            start, end = q.span.start, q.span.end
            for style, pattern in (("grouped", _GROUPED), ("plain", _PLAIN)):
                for m in pattern.finditer(text, start, end):
                    if style == "grouped" and len(m.group().replace(",", "")) < 5:
                        continue
                    styles[style].append((m.start(), m.end(), m.group()))
        grouped, plain = styles["grouped"], styles["plain"]
        if not grouped or not plain or len(grouped) == len(plain):
            continue
        majority, minority = ("grouped", plain) if len(grouped) > len(plain) else ("plain", grouped)
        example = styles[majority][0]
        related = location(document, example[0], example[1])
        for start, end, written in minority:
            digits = written.replace(",", "")
            fixed = _grouped(digits) if majority == "grouped" else digits
            yield usage_finding(
                rule, document, start, end,
                f"{written}: this story writes {len(styles[majority])} long figures "
                f"{'grouped in threes' if majority == 'grouped' else 'without grouping'} "
                f"(as {related.text}) and {len(minority)} the other way; write {fixed} "
                f"{clause('5.1.1')}",
                new=fixed, related=(related,))

