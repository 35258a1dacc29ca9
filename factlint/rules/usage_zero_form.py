"""usage-zero-form: 零 in a quantity, 〇 in a year or code.

Why it matters: GB/T 15835-2011 5.2.5 gives the Arabic 0 two Chinese forms: a
figure that measures writes 零 (``三千零五十二``, ``九十五点零六``), a figure that
names, such as a year, writes 〇 (``二〇一二年``).  Mixing them is a typesetting
error copy desks correct.

Fires on: ``三千〇五十二人`` (→ ``三千零五十二人``), ``二零一二年`` (→ ``二〇一二年``).
Does not fire on: ``三千零五十二人``, ``二〇一二年``, ``零下五度``, ``一九九八年``,
``零点``.

Both fixes are proven by reading the figure again (same count, same date).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from ..model import Corpus, Finding
from . import CheckContext, Rule
from ._usage import clause, normalized, usage_finding

NAME = "usage-zero-form"
DEFAULT_LEVEL = "warning"
DESCRIPTION = ("零 in a quantity (三千零五十二), 〇 in a year or code (二〇一二年) "
               "(GB/T 15835-2011 5.2.5).")

# A measured figure: a run with a place word, holding 〇 (normalised from ○ too).
_PLACE = "一二两三四五六七八九十百千万亿〇零点"
_MEASURED = regex.compile(rf"[{_PLACE}]*〇[{_PLACE}]*")
# A year written digit by digit, holding 零.
_YEAR = regex.compile(r"(?<![一二三四五六七八九十百千万亿〇零])[一二三四五六七八九〇零]{4}(?=年)")
_PLACES = frozenset(_PLACE)
_YEAR_DIGITS = frozenset("一二三四五六七八九〇零")
_NUMERALS = frozenset("一二三四五六七八九十百千万亿〇零")


def _runs_with_circle(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each match of :data:`_MEASURED`: the longest runs of place words
    that hold a 〇, found from each 〇 outwards (the pattern, starting with a repeat,
    was tried at every offset of the text)."""
    at = text.find("〇")
    while at >= 0:
        start, end = at, at + 1
        while start and text[start - 1] in _PLACES:
            start -= 1
        while end < len(text) and text[end] in _PLACES:
            end += 1
        yield start, end
        at = text.find("〇", end)


def _years_with_zero(text: str) -> list[tuple[int, int]]:
    """(start, end) of each match of :data:`_YEAR` that holds 零, found from each 零 (four
    digits before 年, none before them: matches cannot overlap)."""
    found = set()
    at = text.find("零")
    while at >= 0:
        for start in range(max(0, at - 3), at + 1):
            end = start + 4
            if (text[end:end + 1] == "年" and all(c in _YEAR_DIGITS for c in text[start:end])
                    and not (start and text[start - 1] in _NUMERALS)):
                found.add((start, end))
        at = text.find("零", at + 1)
    return sorted(found)


SCOPE = "document"  # what it reads: one document at a time


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    for document in corpus.documents:
        text = normalized(document)
        for start, end in _runs_with_circle(text):
            run = text[start:end]
            if not regex.search("[十百千万亿点]", run) or len(run) < 3:
                continue  # 二〇一二: a year or a code
            original = document.text[start:end]
            fixed = regex.sub("[〇○]", "零", original)
            yield usage_finding(
                rule, document, start, end,
                f"{original}: a figure that measures writes 0 as 零, {fixed} "
                f"{clause('5.2.5')}", new=fixed)
        for start, end in _years_with_zero(text):
            original = document.text[start:end]
            fixed = original.replace("零", "〇")
            yield usage_finding(
                rule, document, start, end,
                f"{original}年: a year writes 0 as 〇, {fixed}年 {clause('5.2.5')}",
                new=fixed)
