"""usage-approx-precision: 余 or 多 after a figure that is already precise.

Why it matters: 余 and 多 say "a round figure and some more" (``十余人``, ``3000多
人``, ``12万余元``).  Written after a figure whose last digit is not a round one —
``1234余万`` (1234 and more ten-thousands), ``13余人`` — or after a decimal with
two or more decimals (``110.53万余元``), they claim a precision and an
approximation at once, and the reader cannot tell what was counted.  The built-in
``contradictory-qualifier``
covers approximation *words* that contradict each other (近…余, 约…左右); this
check covers the figure itself.  No clause of GB/T 15835-2011 addresses it; it is
copy-desk practice.

Fires on: ``1234余万元``, ``13余人``, ``110.53万余元``, ``2.55多万``.
Does not fire on: ``十余人``, ``3000余人``, ``12万余元``, ``1万余``, ``20多岁``,
``5多``, ``1.3万多人`` (one decimal of 万 is a round 13000, and news copy writes
it so every day).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from ..model import Corpus, Document, Finding
from . import CheckContext, Rule
from ._usage import normalized, usage_finding

NAME = "usage-approx-precision"
DEFAULT_LEVEL = "warning"
DESCRIPTION = ("余/多 follows a round figure: 1230余万 or 1234万, not 1234余万; "
               "110.53万 or 110万余, not 110.53万余.")

# Digits then 余/多 before a scale or a measure word: 1234余万, 13余人.
# (?=\d) first lets the engine skip to digits instead of trying the lookbehind everywhere.
_PRECISE = regex.compile(
    r"(?=\d)(?<![\d.,])(?P<n>\d*[1-9])(?P<more>[余多])(?=[万亿千百]|[\p{Han}])")
_DECIMAL = regex.compile(
    r"(?=\d)(?<![\d.,])(?P<n>\d+\.\d{2,})(?P<scale>[万亿]?)(?P<more>[余多])(?=\p{Han})")
#: What both patterns find in a text they match: a digit, perhaps 万 or 亿, then 余 or 多
#: (most documents hold 多 and digits, few this).
_GATE = regex.compile(r"\d[万亿]?[余多]")


SCOPE = "document"  # what it reads: one document at a time


def _windows(text: str) -> list[tuple[int, int]]:
    """Where a match of either pattern can be: every match ends where a hit of
    :data:`_GATE` does, so in the figure before a hit (its digits and points) and the
    character after it (which the patterns look at)."""
    found = []
    for hit in _GATE.finditer(text) if "余" in text or "多" in text else ():
        start = hit.start()
        while start and (text[start - 1].isdecimal() or text[start - 1] in ".,"):
            start -= 1
        found.append((start, min(len(text), hit.end() + 1)))
    return found


def _at_gates(text: str, windows: list[tuple[int, int]], pattern: regex.Pattern
              ) -> Iterator[regex.Match]:
    """The matches of ``pattern`` in ``text``, looked for only in ``windows`` (not at every
    digit of the text)."""
    for start, end in windows:
        yield from pattern.finditer(text, start, end)


def _matches(corpus: Corpus, pattern: regex.Pattern, windows: dict[int, list[tuple[int, int]]]
             ) -> Iterator[tuple[Document, str, regex.Match]]:
    for index, document in enumerate(corpus.documents):
        text = normalized(document)
        if index not in windows:
            windows[index] = _windows(text)
        for m in _at_gates(text, windows[index], pattern):
            yield document, text, m


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    windows: dict[int, list[tuple[int, int]]] = {}  # each document's, for both patterns
    for document, text, m in _matches(corpus, _PRECISE, windows):
        digits = m["n"]
        if len(digits) < 2:
            continue  # 5多: rare, and 1多 is not a figure
        if m["more"] == "多" and text.startswith("多元", m.start("more")):
            continue
        round_ = digits[:-1] + "0"
        yield usage_finding(
            rule, document, m.start(), m.end(),
            f"{document.text[m.start():m.end()]}: {m['more']} says 'more than a round "
            f"figure', but {digits} is precise to the last digit; write {digits} without "
            f"{m['more']}, or a round figure such as {round_}{m['more']}")
    for document, _, m in _matches(corpus, _DECIMAL, windows):
        yield usage_finding(
            rule, document, m.start(), m.end(),
            f"{document.text[m.start():m.end()]}: {m['more']} says 'more than a round "
            f"figure', but {m['n']}{m['scale']} is precise to its last decimal; drop "
            f"{m['more']} or round the figure")
