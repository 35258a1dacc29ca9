"""usage-chinese-numeral-words: words that are written with Chinese numerals.

Why it matters: GB/T 15835-2011 4.2.1 writes non-Gregorian dates in Chinese
numerals — lunar months and days (``农历九月初九``, ``正月初五``) and the years of
an imperial reign (``光绪二十六年``) — and 4.2.3 keeps Chinese numerals in words
fixed long ago (``星期五``, ``十月革命``, ``八国联军``).  Arabic digits there read
as a Gregorian date or a count.

Fires on: ``农历9月9日`` (→ ``农历九月初九``), ``光绪26年`` (→ ``光绪二十六年``),
``星期5`` (→ ``星期五``), ``10月革命`` (→ ``十月革命``), ``8国联军`` (→ ``八国联军``).
Does not fire on: ``农历九月初九``, ``2月5日``, ``民国38年`` (Republican years are
written in Arabic digits by many publishers; practice is divided, so they are
left alone), ``星期五``, ``8国``, ``五个星期3小时`` (星期 is a unit there, "five weeks",
and 3 counts hours: a figure read with a unit of its own, or a 星期 that is the
unit of a count before it, is not a weekday).

A suggestion: the meaning changes kind (a count becomes part of a name), so
factlint cannot prove it by reading the figure again.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from ..model import Corpus, Document, Finding
from . import CheckContext, Rule
from ._usage import chinese, clause, normalized, usage_finding

NAME = "usage-chinese-numeral-words"
DEFAULT_LEVEL = "warning"
DESCRIPTION = ("Lunar and reign-era dates and fixed words take Chinese numerals: 农历九月初九, "
               "光绪二十六年, 星期五, 十月革命 (GB/T 15835-2011 4.2.1, 4.2.3).")
SUGGEST_ONLY = True

REIGNS = ("顺治", "康熙", "雍正", "乾隆", "嘉庆", "道光", "咸丰", "同治", "光绪", "宣统",
          "洪武", "永乐", "宣德", "成化", "弘治", "正德", "嘉靖", "隆庆", "万历", "天启", "崇祯",
          "贞观", "开元", "天宝", "元和", "建安", "熙宁", "元丰", "绍兴", "至元", "洪宪")
# The digits first: the engine finds them fast; the reign name is checked behind them.
_REIGN = regex.compile(rf"(?=\d)(?<=(?:{'|'.join(REIGNS)}))(?P<n>\d{{1,2}})年")
_LUNAR = regex.compile(r"(?:农历|阴历|夏历|旧历)(?P<m>1[0-2]|0?[1-9])月"
                       r"(?:(?P<d>[12]\d|30|0?[1-9])[日号]?)?")
_WEEKDAY = regex.compile(r"(?:星期|礼拜)(?P<n>[1-7])(?!\d)")
_FIXED = {regex.compile(r"(?<![\d.])10月革命"): "十月革命",
          regex.compile(r"(?<![\d.])8国联军"): "八国联军",
          regex.compile(r"(?<![\d.])2万5千里长征"): "二万五千里长征"}
#: A string each of :data:`_FIXED`'s words holds (a text without it is not scanned).
_FIXED_NEEDLES = ("月革命", "国联军", "里长征")


def _lunar_day(day: int) -> str:
    if day <= 10:
        return "初" + chinese(day)
    return chinese(day)


def _lunar_month(month: int) -> str:
    return "正" if month == 1 else chinese(month)


def _weeks_or_counts(document: Document) -> tuple[set[int], set[int]]:
    """Offsets where a figure with a unit starts, and where a count of weeks ends.

    ``五个星期3小时``: ``五个星期`` ends at 星期 (a count of weeks) and ``3小时`` starts at
    the 3 (hours): neither 星期3 is a weekday.
    """
    starts = {q.span.start for q in document.quantities if q.unit}
    ends = {q.span.end for q in document.quantities if q.unit in ("星期", "礼拜")}
    return starts, ends


SCOPE = "document"  # what it reads: one document at a time


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    for document in corpus.documents:
        text = normalized(document)
        found: list[tuple[int, int, str, str]] = []
        for m in _REIGN.finditer(text) if "年" in text else ():
            reign = text[m.start() - 2:m.start()]
            fixed = reign + chinese(int(m["n"])) + "年"
            found.append((m.start() - 2, m.end(), fixed, "4.2.1"))
        for m in _LUNAR.finditer(text) if "历" in text else ():
            head = m.group()[:2]
            fixed = head + _lunar_month(int(m["m"])) + "月"
            if m["d"]:
                fixed += _lunar_day(int(m["d"]))
            found.append((m.start(), m.end(), fixed, "4.2.1"))
        counted: tuple[set[int], set[int]] | None = None
        for m in _WEEKDAY.finditer(text) if ("星期" in text or "礼拜" in text) else ():
            if counted is None:
                counted = _weeks_or_counts(document)
            if m.start("n") in counted[0] or m.start() + 2 in counted[1]:
                continue
            fixed = m.group()[:2] + ("日" if m["n"] == "7" else chinese(int(m["n"])))
            found.append((m.start(), m.end(), fixed, "4.2.3"))
        for (pattern, fixed), needle in zip(_FIXED.items(), _FIXED_NEEDLES, strict=True):
            for m in pattern.finditer(text) if needle in text else ():
                found.append((m.start(), m.end(), fixed, "4.2.3"))
        for start, end, fixed, number in sorted(found):
            written = document.text[start:end]
            what = ("a lunar or reign-era date" if number == "4.2.1" else "a fixed word")
            yield usage_finding(
                rule, document, start, end,
                f"{written}: {what} takes Chinese numerals, {fixed} {clause(number)}",
                new=fixed)
