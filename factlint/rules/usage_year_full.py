"""usage-year-full: a year is written with all four digits.

Why it matters: GB/T 15835-2011 5.1.4 does not shorten a four-digit year to two
(``1990年`` not ``90年``); ``08年前`` could be 1908 or 2008, and ``10年之后`` may not
be a year at all (ten years later).  So this check reports only forms that can
only be years — a two-digit year with a leading zero (``08年``), a two-digit year
followed by a month and a day or a part of the month (``98年5月4日``, ``19年1月份``,
``19年1月下旬``), a two-digit year and month after a word that only ever leads a
point in time (``截至19年1月``, ``于19年1月``; ``12年8月`` alone is the length of a
prison term, and so is ``刑期从10年6月减为8年``), a two-digit year followed by its end
or start (``19年底``, ``19年初``; not ``10年底蕴``), and the short second end of a span
of years (``1950～80年``) — and never fixes them: it names the century the story's dateline
implies (from the sources file, the dateline in the text, or else the latest full
year the story names) as a suggestion for the editor to confirm.

Stories that count years from 1912 (民國 years in Taiwan copy: ``99年5月``,
``108年``) are skipped for the two-digit forms: there ``99年`` is a full year.

Fires on: ``08年前`` (dateline 2012 → ``2008年``), ``98年5月4日``, ``19年1月份``,
``19年底``, ``1950～80年``.
Does not fire on: ``2008年``, ``10年之后``, ``80年代``, ``民國99年5月``, ``5年``,
``判刑12年8月``, ``刑期从10年6月减为8年``, ``19年1月`` alone,
``10年至11年2月不等有期徒刑``, ``千年底蕴``, ``坚守10年初心``.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from ..model import Corpus, Document, Finding
from ..quantities.extractor import find_datelines
from ..settings.sources import year_for
from . import CheckContext, Rule
from ._usage import clause, normalized, usage_finding

NAME = "usage-year-full"
DEFAULT_LEVEL = "warning"
DESCRIPTION = ("A year is written in full: 2008年, not 08年; 1950～1980年, not 1950～80年 "
               "(GB/T 15835-2011 5.1.4). Suggestion only.")
SUGGEST_ONLY = True

# (?=\d) first: a pattern that starts with a lookbehind is tried at every position
# (15 times slower on news-dev); the lookahead lets the engine skip to digits.
# A month alone is not enough (``判刑12年8月``, ``10年至11年2月不等有期徒刑`` are terms):
# the month must be followed by a day or by a part of the month (``19年1月份``,
# ``19年1月下旬``, ``19年1月起``); a year by its end or start (``19年底``), except where
# 底/初/末 begin another word (``10年底蕴``, ``十年初心``).
_MONTH = r"(?:1[0-2]|[1-9])月"
_PART_OF_MONTH = r"(?:[12]\d|3[01]|[1-9])日|份|上旬|中旬|下旬|初|底|末|起|以来"
_PART_OF_YEAR = (r"(?:年?(?:底|初|末)(?![蕴线子气层色心衷期级步见次始创具位班端日尾])"
                 r"|上半年|下半年)")
# Or a preposition that only ever leads a point in time (not 从/自/到/至: 刑期从10年6月减为8年).
_AT_TIME = r"(?<=(?:于|截至|截止|早在)\s?)"
# A colon stops a year only in a clock time (10:08); after a label (新闻联播：19年5月7日) the
# year is the first word of the sentence.
# (?=\d\d年) before the alternatives: what each of them starts with, so the engine skips
# to it once instead of trying three branches at every digit (a third of the time).
_SHORT = regex.compile(rf"(?=\d\d年)(?:(?=\d)(?<![\d.,/\-])(?<!\d:)(?P<y>0\d|[1-9]\d)年"
                       rf"(?={_MONTH}(?:{_PART_OF_MONTH})|{_PART_OF_YEAR})"
                       rf"|(?=\d){_AT_TIME}(?P<y>[1-9]\d)年(?={_MONTH})"
                       r"|(?=\d)(?<![\d.,/\-])(?<!\d:)(?P<y>0\d)年(?!代|级))")
_SPAN = regex.compile(
    r"(?=\d)(?<![\d.])(?P<first>(?:1[6-9]|20)\d\d)年?[~〜—–\-至到](?P<y>\d\d)年(?!代)")
#: A year of the Republic of China era (民國99年, 110年): its short years are not short
#: forms.  Searched for as 民國/民国 and a pattern for the three-digit year: one
#: alternation of both was a quarter of the check's time.
_ROC_YEAR = regex.compile(r"(?=\d)(?<![\d.])1[01]\d年")
#: What every match of :data:`_SHORT` and :data:`_SPAN` holds: a year of two digits, no
#: digit before it (searched for first: most stories write their years in full).
_GATE = regex.compile(r"(?<!\d)\d\d年")


def _roc(text: str) -> bool:
    """Whether ``text`` counts years in the Republic of China era."""
    return "民國" in text or "民国" in text or _ROC_YEAR.search(text) is not None


def _story_year(document: Document, corpus: Corpus) -> tuple[int | None, str]:
    """The year the story is written in, and how it is known."""
    year = year_for(document.path, corpus.sources)
    if year is not None:
        return year, f"the story is dated {year}"
    for _, found, _, _ in find_datelines(normalized(document), normalized=True):
        if found is not None:
            return found, f"the dateline says {found}"
    # Only years written in full: the reader gives 08年 a century of its own guessing.
    years = [int(q.iso[:4]) for q in document.quantities
             if q.kind == "date" and q.iso and q.iso[:4].isdigit()
             and q.iso[:4] in (q.normalized or q.text)]
    if not years:
        return None, ""
    return max(years), f"the latest year the story names is {max(years)}"


def _full(short: int, story: int | None, first: int | None = None) -> int | None:
    if first is not None:  # 1950～80: the century of the first end
        full = first // 100 * 100 + short
        return full if full > first else full + 100
    if story is None:
        return None
    full = story // 100 * 100 + short
    return full - 100 if full > story else full


SCOPE = "document"  # what it reads: one document at a time


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    for document in corpus.documents:
        text = normalized(document)
        if "年" not in text or _GATE.search(text) is None:
            continue
        story: tuple[int | None, str] | None = None
        roc = _roc(text)
        found = []
        if not roc:
            found += [(m, None) for m in _SHORT.finditer(text)]
        found += [(m, int(m["first"])) for m in _SPAN.finditer(text)]
        for m, first in found:
            start, end = m.span("y")
            short = int(m["y"])
            if story is None and first is None:
                story = _story_year(document, corpus)
            full = _full(short, story[0] if story else None, first)
            written = document.text[start:end] + "年"
            if full is None:
                message = (f"{written}: write the year in full, with four digits "
                           f"{clause('5.1.4')}")
                new = None
            else:
                why = f"the span starts in {first}" if first is not None else story[1]
                message = (f"{written}: write the year in full; {why}, so probably {full}年 "
                           f"{clause('5.1.4')}")
                new = str(full)
            yield usage_finding(rule, document, start, end, message, new=new,
                                fix_description=f"write {new} (check the century)")
