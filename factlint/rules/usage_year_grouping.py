"""usage-year-grouping: years and codes are never digit-grouped.

Why it matters: GB/T 15835-2011 5.1.1 groups the digits of a *measured* figure to
make it readable; a year is a name for a point in time, not an amount, and the
standard writes it as four digits (``2020年``).  ``2,020年`` invites the reading
"two thousand and twenty years".  A code — a postcode, a telephone number, an ID
or account number — is not an amount either, and grouping it (``邮编：100,083``)
makes it one.

A group separator is a comma or a narrow space (thin, narrow no-break); an ASCII
space between digits is an OCR gap or a column break, not grouping, and is left
alone.  A code is recognised only by its label written right before it
(``邮编``, ``电话：``, ``手机号码为``, ``身份证号``…): without it a grouped code cannot be
told from an amount, and ``手机1,200部`` (1,200 phones) must stay quiet, so a label
that is also a thing counted (电话, 手机) must be followed by 号/号码 or a colon.

Fires on: ``2,020年5月`` (→ ``2020年5月``), ``于1,998年``, ``2 020年5月`` (thin spaces),
``邮编：100,083``, ``服务热线：400,820,8820``.
Does not fire on: ``2020年``, ``5,000年的历史`` (a duration), ``2,020人``,
``1 998年5月`` (an ASCII space: OCR), ``手机1,200部``, ``电话费12,345元``,
``电话：110,119,120`` (three numbers listed), ``邮编：1,000`` (no postcode has 4 digits):
a code is taken as one only with the length its kind has (a postcode 6 digits, a
telephone number 7, 8 or 10–12, an ID number 15 or 18, a card or account 12–19).
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from ..model import Corpus, Document, Finding
from . import CheckContext, Rule
from ._usage import THIN_SPACES, clause, matches, normalized, usage_finding

NAME = "usage-year-grouping"
DEFAULT_LEVEL = "warning"
DESCRIPTION = ("Years and codes are never digit-grouped: 2020年, not 2,020年; 邮编100083, "
               "not 100,083 (GB/T 15835-2011 5.1.1).")

# A year, not a duration: a month follows, or a preposition of time comes before.
# (Thin spaces are ASCII spaces in the normalised text; _grouped tells them apart.)
_YEAR = regex.compile(
    r"(?<![\d,.])(?P<y>[12][, ]\d{3})(?=年(?:\d{1,2}月|度|初|底|末|前后|以来))"
    r"|(?<=(?:在|于|从|自|到|至|截至|截止|公元|早在)\s?)(?P<y>[12][, ]\d{3})(?=年)")
#: What every match of :data:`_YEAR` holds (searched for first: nearly every text has a
#: comma and a space, few a grouped year).
_YEAR_GATE = regex.compile(r"[12][, ]\d{3}年")

# Labels that name a code, and the lengths a code of that kind has (in digits).  Labels
# that also name a thing (a telephone, a handset) need 号/号码 or a colon, so a count of
# them is never taken for a code.
_PHONE_LENGTHS = frozenset({7, 8, 10, 11, 12})
_CODE_KINDS: tuple[tuple[str, frozenset[int]], ...] = (
    (r"邮编|邮政编码", frozenset({6})),
    (r"身份证号码?", frozenset({15, 18})),
    (r"银行卡号|卡号|账号|帐号", frozenset(range(12, 20))),
    (r"股票代码|证券代码", frozenset({6})),
    (r"(?:联系电话|服务热线|电话|热线|手机|传真|座机)(?:号码|号|(?=\s?[:：]|为|是))",
     _PHONE_LENGTHS),
)
_CODE = regex.compile(
    r"(?P<label>" + "|".join(f"(?P<k{i}>{label})" for i, (label, _) in enumerate(_CODE_KINDS))
    + r")\s?(?:[:：]|为|是)?\s?"
    r"(?P<y>\d{1,4}(?P<sep>[, ])\d{3,4}(?:(?P=sep)\d{3,4})*)(?![\d,.]|\s?[万亿元人个部台次件户名])")
#: What every match of :data:`_CODE` holds: a grouped figure (searched for first).
_CODE_GATE = regex.compile(r"\d[, ]\d{3}")


def _is_code(m: regex.Match) -> bool:
    """Whether the figure after the label has the length of that kind of code, and is not
    a list of three-digit numbers (``电话：110,119,120`` lists three numbers)."""
    lengths = next(lengths for i, (_, lengths) in enumerate(_CODE_KINDS) if m[f"k{i}"])
    groups = regex.split(r"[^\d]", m["y"])
    if lengths is _PHONE_LENGTHS and all(len(group) == 3 for group in groups):
        return False
    return sum(map(len, groups)) in lengths


def _grouped(document: Document, start: int, end: int) -> bool:
    """Whether every separator in ``start:end`` is a comma or a narrow space (not ASCII)."""
    separators = {document.text[i] for i in range(start, end) if not document.text[i].isdigit()}
    return bool(separators) and separators <= {",", "，", *THIN_SPACES}


SCOPE = "document"  # what it reads: one document at a time


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    for document, text, m in matches(corpus, _YEAR, needle=(",", " "), gate=_YEAR_GATE):
        start, end = m.span("y")
        digits = "".join(ch for ch in text[start:end] if ch.isdigit())
        if not 1000 <= int(digits) <= 2100 or not _grouped(document, start, end):
            continue
        yield usage_finding(
            rule, document, start, end,
            f"{document.text[start:end]}年: a year is never digit-grouped; write "
            f"{digits}年 {clause('5.1.1')}", new=digits)
    for document in corpus.documents:
        text = normalized(document)
        if ("," not in text and " " not in text) or _CODE_GATE.search(text) is None:
            continue
        for m in _CODE.finditer(text):
            start, end = m.span("y")
            if not _grouped(document, start, end) or not _is_code(m):
                continue
            digits = "".join(ch for ch in text[start:end] if ch.isdigit())
            yield usage_finding(
                rule, document, start, end,
                f"{document.text[start:end]}: a code after {m['label']} is never "
                f"digit-grouped; write {digits} {clause('5.1.1')}", new=digits)
