"""usage-grouping-style: one story groups its long figures one way.

Why it matters: GB/T 15835-2011 5.1.1 allows figures of five or more digits to
be grouped in threes — with a comma (``12,500``) or with a narrow space
(``12 500``, a thin or narrow no-break space) — or written plain (``12500``); which one
is house style, but a story that mixes ``1,234,567元`` and ``7654321元`` looks as if
one of them was pasted from elsewhere, and editors are asked to make them agree.

Reported: every amount of five or more integer digits written in a minority style
of its document, with the majority's first figure as the related place, and the
fix rewriting it in the majority style (proven by reading it again).  A document
whose two commonest styles are as frequent says nothing: there is no majority to
follow.  Digits separated by an ASCII space are no style at all (an OCR gap, a
table column) and are left out.

Fires on: ``收入1,234,567元，支出7654321元，结余2,345,678元`` (at ``7654321元``);
``收入1 234 567元，支出7,654,321元，结余2 345 678元`` (thin spaces; at ``7,654,321``).
Does not fire on: ``收入1,234,567元，结余2,345,678元``; ``收入1 234 567元，结余2 345 678元``;
four-digit figures (``1,234`` and ``5678``, which the standard need not group);
years and codes; ``12 345`` with an ASCII space.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from ..model import Corpus, Document, Finding
from . import CheckContext, Rule
from ._usage import THIN_SPACES, clause, location, normalized, usage_finding

NAME = "usage-grouping-style"
DEFAULT_LEVEL = "info"
DESCRIPTION = ("One story groups its long figures one way: all 12,500, all 12\u2009500 (thin "
               "space) or all 12500 (GB/T 15835-2011 5.1.1); the minority is reported with "
               "the majority's form.")

# On the normalised text, where every thin space is an ASCII space: one separator
# throughout a figure.
_GROUPED = regex.compile(r"(?<![\d,.])\d{1,3}(?P<sep>[, ])\d{3}(?:(?P=sep)\d{3})*(?![\d,])")
_PLAIN = regex.compile(r"(?<![\d,.])\d{5,}(?![\d,])")
_STYLES = {"comma": "grouped in threes with commas", "thin": "grouped in threes with thin spaces",
           "plain": "without grouping"}


def _style(document: Document, m: regex.Match) -> str | None:
    """``comma``, ``thin``, or None where the spaces are ASCII (not a grouping style)."""
    if m["sep"] == ",":
        return "comma"
    separators = {document.text[i] for i in range(m.start(), m.end()) if m.string[i] == " "}
    return "thin" if separators <= set(THIN_SPACES) else None


def _written(digits: str, style: str, space: str) -> str:
    if style == "plain":
        return digits
    grouped = f"{int(digits):,}"
    return grouped if style == "comma" else grouped.replace(",", space)


SCOPE = "document"  # what it reads: one document at a time


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    for document in corpus.documents:
        text = normalized(document)
        if "," not in text and not any(space in document.text for space in THIN_SPACES):
            continue  # nothing grouped: one style, nothing to say
        styles: dict[str, list[tuple[int, int, str]]] = {style: [] for style in _STYLES}
        amounts = [(q.span.start, q.span.end) for q in document.quantities if q.is_amount]
        for start, end in amounts:
            written = text[start:end]
            if "," not in written and " " not in written:
                continue  # a grouped figure holds its separator (thin spaces fold to " ")
            for m in _GROUPED.finditer(text, start, end):
                style = _style(document, m)
                if style is not None and len(regex.sub(r"\D", "", m.group())) >= 5:
                    styles[style].append((m.start(), m.end(), document.text[m.start():m.end()]))
        if not (styles["comma"] or styles["thin"]):
            continue  # nothing grouped: whatever else there is, nothing to say
        for start, end in amounts:
            for m in _PLAIN.finditer(text, start, end):
                styles["plain"].append((m.start(), m.end(), m.group()))
        counts = sorted(((len(found), style) for style, found in styles.items() if found),
                        reverse=True)
        if len(counts) < 2 or counts[0][0] == counts[1][0] or not (styles["comma"]
                                                                    or styles["thin"]):
            continue
        majority = counts[0][1]
        example = styles[majority][0]
        related = location(document, example[0], example[1])
        space = next((ch for ch in example[2] if ch in THIN_SPACES), "\u2009")
        minority = sorted(item for style, found in styles.items() if style != majority
                          for item in found)
        for start, end, written in minority:
            fixed = _written(regex.sub(r"\D", "", text[start:end]), majority, space)
            yield usage_finding(
                rule, document, start, end,
                f"{written}: this story writes {len(styles[majority])} long figures "
                f"{_STYLES[majority]} (as {related.text}) and {len(minority)} another way; "
                f"write {fixed} {clause('5.1.1')}",
                new=fixed, related=(related,))
