"""repeated-figure: one document states the same figure twice, with values that
cannot both be true.

Why it matters: a headline that says 全国7436万多名党员捐款 over a body that says
7346万多名 is a typo a reader will see at once, and it discredits both.  The
figure is usually retyped, not copied, which is how the two drift apart.

What counts as "the same figure": two amounts of one document with the same kind,
the same unit (or measure words for the same count: 名/人), subjects of which one
starts with the other (党员 and 党员捐款支持), and the same wording around them:
the clause before each figure shares a word (全国 … 全国已有) and the clauses
share at least two words besides the subject (捐款); and they stand in different
sentences (ended by 。！？; clauses joined by ； are parallel items of one), since two
figures in one sentence are a change (由21名减为16名), a comparison or parallel
clauses, not a restatement.  The rows of a table (four or more figures of one unit
in a sentence, as in a weather report) and clauses that name different dates
(1996年 … 1997年) are left alone.  Figures for different
places or groups (湖北全省58万余名党员干部 and 天津1.3万多名党员干部) differ in
that wording and are left alone.  Two such figures disagree when their intervals,
each widened by the precision of its last written digit, do not overlap
(:func:`factlint.claims.agree.agreement`); a measure-word variant alone is a warning.

A built-in rule: it needs no YAML.  Change its level with ``levels:
{repeated-figure: warning}`` or turn it off with ``disable``.  Example finding::

    seeds/004.txt:396:3: error repeated-figure 全国7346万多名党员 (73460000–73470000 名)
    disagrees with 7436万多名 (74360000–74370000 名) at line 4
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

import regex

from ..claims.agree import agreement, compare_units, describe, report_level
from ..claims.select import _positions_in_sentence
from ..model import Corpus, Document, Finding, Location, Quantity
from . import CheckContext, Rule

NAME = "repeated-figure"
DEFAULT_LEVEL = "error"
DESCRIPTION = ("The same subject and unit stated twice in one document with values that "
               "cannot both be true (e.g. headline against body).")

_CLAUSE_END = regex.compile(r"[，,。；;：:！!？?（）()“”\"「」『』—]")
_CJK = regex.compile(r"\p{Han}+")


def _bigrams(text: str) -> set[str]:
    grams: set[str] = set()
    for run in _CJK.findall(text):
        grams.update(run[i:i + 2] for i in range(len(run) - 1))
    return grams


def _clause(text: str, start: int, end: int) -> tuple[str, str]:
    """The clause text before and after the figure at ``text[start:end]``."""
    left_start = 0
    for match in _CLAUSE_END.finditer(text, 0, start):
        left_start = match.end()
    found = _CLAUSE_END.search(text, end)
    right_end = found.start() if found else len(text)
    return text[left_start:start], text[end:right_end]


class _Statement:
    """One amount with the wording of its clause, for comparing restatements."""

    def __init__(self, q: Quantity, left: str, right: str, dates: frozenset[str],
                 period: int) -> None:
        self.q = q
        self.period = period  # the full sentence, ended by 。！？ (not ；), it stands in
        self.subject = q.subject or ""
        self.left = _bigrams(left)
        self.words = _bigrams(left) | _bigrams(right)
        self.dates = dates  # the dates written in its clause (1996年至1997年)


def _same_statement(a: _Statement, b: _Statement) -> bool:
    if len(a.subject) < 2 or len(b.subject) < 2:
        return False
    if not (a.subject.startswith(b.subject) or b.subject.startswith(a.subject)):
        return False
    if not (a.left & b.left):
        return False
    if a.dates and b.dates and not a.dates & b.dates:
        return False  # figures for different periods: 1996年 … 1997年
    subject = _bigrams(min(a.subject, b.subject, key=len))  # the part both subjects share
    return len((a.words & b.words) - subject) >= 2


#: A sentence with this many figures of one unit is a table or a list (a weather
#: report: 北京19℃／32℃天津18℃／31℃…): its figures are data, not restated claims.
TABLE_FIGURES = 4


def _statements(document: Document, variants: str) -> list[_Statement]:
    places = _positions_in_sentence(document)
    periods, period = [], 0
    for sentence in document.sentences:
        periods.append(period)
        if not sentence.text.rstrip("”’」』）)】").endswith(("；", ";")):
            period += 1
    per_unit = Counter((periods[q.sentence], q.unit) for q in document.quantities
                       if q.is_amount and 0 <= q.sentence < len(periods))
    dates_in: dict[int, list[tuple[int, str]]] = {}  # sentence → (place, iso) of its dates
    for index, other in enumerate(document.quantities):
        if other.kind == "date" and other.iso and index in places:
            dates_in.setdefault(other.sentence, []).append((places[index][0], other.iso))
    result = []
    for index, q in enumerate(document.quantities):
        if not q.is_amount or q.qualifier == "vague" or index not in places:
            continue
        if q.lo is None and q.hi is None:
            continue
        if per_unit[periods[q.sentence], q.unit] >= TABLE_FIGURES:
            continue
        text = document.sentences[q.sentence].text
        left, right = _clause(text, *places[index])
        clause_start = places[index][0] - len(left)
        clause_end = places[index][1] + len(right)
        dates = frozenset(iso for place, iso in dates_in.get(q.sentence, ())
                          if clause_start <= place < clause_end)
        result.append(_Statement(q, left, right, dates, periods[q.sentence]))
    return result


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    for document in corpus.documents:
        yield from _check_document(rule, document, ctx)


def _check_document(rule: Rule, document: Document, ctx: CheckContext) -> Iterator[Finding]:
    statements = _statements(document, ctx.variants)
    for i, later in enumerate(statements):
        for earlier in statements[:i]:
            a, b = earlier.q, later.q
            # One sentence states a figure once: two in it are a change (由21名减为16名),
            # a comparison, parallel clauses joined by ； (北方城市年均值为49微克；南方城市
            # 年均值为41微克) or a table row (北京19℃／32℃天津18℃／31℃).
            if earlier.period == later.period:
                continue
            if a.kind != b.kind or compare_units(a, b, ctx.variants) == "different":
                continue
            if not _same_statement(earlier, later):
                continue
            verdict = agreement(a, b, ctx.variants)
            level = report_level(rule.level, verdict)
            if level is None:
                continue
            if verdict.agrees:
                message = (f"{describe(b)} restates {describe(a)} of {a.span.line_label()} "
                           f"in another measure word ({a.unit} / {b.unit})")
            else:
                message = (f"{describe(b)} disagrees with {describe(a)} at "
                           f"{a.span.line_label()}: the same figure cannot be both")
            yield Finding(rule=rule.id, level=level, message=message,
                          location=Location.of(b.span, b.text),
                          related=(Location.of(a.span, a.text),))
