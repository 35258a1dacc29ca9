"""range-vs-duration: a date range and a duration stated for the same span of time disagree.

Why it matters: copy often gives one span of time twice — ``2月17日至19日`` and
``3天时间``, or ``3天时间，72个小时`` — and an edit to one (19日 to 20日, 72 to
48) leaves the other contradicting it.  This is the zero-config counterpart of
the YAML rule type ``duration`` and uses its arithmetic
(:func:`factlint.rules.duration.range_hours`, :func:`~factlint.rules.duration.duration_hours`).

What is checked, only where the text ties the two together:

- **A date range and the length of that span**: a range of whole days
  (``2月17日至19日``, ``8月5日至17日``) and, after it in the same sentence or in the
  next sentence when the range opens its own sentence (``2月17日至19日，一场…大排查
  在武汉上演。…紧急动员，3天时间``), a duration written as the length of a span:
  ``为期``/``历时``/``连续``/``整整``/``持续`` N天, or N天时间/之内/里 as a clause of
  its own (not 工作组用20天时间完成排查).  No other date
  may stand between them, nor a word that makes the duration a part of the span
  (其间, 期间, 每天, 前, 后: 3月5日至11日举行，其间…用了2天时间).  The range
  counts both ends (17日至19日 is 3 days), as news copy does (``8月5日至17日連續工作13日``).
- **One span in two units**: two durations of fixed length side by side, the
  second restating the first (``3天时间，72个小时``; only 时间 and a comma or 、
  between them, and no 每 before the second).

Durations carry half a unit of their last digit (``3天`` is 2.5–3.5 days, README
"Qualifiers"), so a finding means the two cannot both be true.

Level: warning.  Fires::

    2月17日至20日，一场前所未有的大排查在武汉上演。全市社区党组织紧急动员，3天时间，72个小时
    → 2月17日至20日首尾共4天，与3天不符

Does not fire::

    2月17日至19日，一场前所未有的大排查在武汉上演。全市社区党组织紧急动员，3天时间，72个小时
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from decimal import Decimal

import regex

from ..model import Corpus, Document, Finding, Location, Quantity
from . import CheckContext, Rule
from ._passages import Figure, Period, periods
from .duration import HOURS_PER_UNIT, as_days, duration_hours, range_hours
from .safe_eval import Interval

NAME = "range-vs-duration"
DEFAULT_LEVEL = "warning"
DESCRIPTION = ("A date range and the duration stated for the same span disagree "
               "(2月17日至19日 … 3天时间; 3天时间，72个小时).")

#: Words before a duration that make it the length of a span.
_SPAN_BEFORE = regex.compile(r"(?:为期|為期|历时|歷時|连续|連續|整整|持续|持續)"
                             r"(?:工作|奋战|奮戰|作业|作業)?$")
#: Words between a range and a duration that make the duration a part of the span.
_WITHIN = regex.compile(r"其间|其間|期间|期間|其中|当中|當中|每天|每日|之间|之間|前|后|後|第")
#: Words after a duration that make it the length of a span: 3天时间, 5天之内.
_SPAN_AFTER = regex.compile(r"(?:时间|時間|之内|之內|里|裡|内|內)")
#: Between two durations that restate one span: 3天时间，72个小时.
_RESTATED = regex.compile(r"^(?:时间|時間)?[，,、]$")
_DATE_OPENING = 8  # a range that starts within this many characters opens its sentence


SCOPE = "document"  # what it reads: one document at a time


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    for document in corpus.documents:
        yield from _check_document(rule, document)


def _dates_by_period(document: Document, spans: tuple[Period, ...]
                     ) -> list[list[tuple[int, Quantity]]]:
    """The dates of each period with their place in its text (periods() keeps amounts only)."""
    first_of = [p.first for p in spans]
    result: list[list[tuple[int, Quantity]]] = [[] for _ in spans]
    cursor = [0] * len(spans)
    for q in document.quantities:
        if q.kind != "date" or not q.iso or q.sentence < 0:
            continue
        number = bisect.bisect_right(first_of, q.sentence) - 1
        if number < 0:
            continue
        # A sentence cut where a headline ends in it is two periods: the date is in
        # the first of them that holds it.
        number = min(number, bisect.bisect_left(first_of, q.sentence))
        needle = "".join((q.normalized or q.text).split())
        at = spans[number].text.find(needle, cursor[number])
        while at < 0 and number + 1 < len(spans) and first_of[number + 1] == q.sentence:
            number += 1
            at = spans[number].text.find(needle, cursor[number])
        if at < 0:
            continue
        cursor[number] = at + len(needle)
        result[number].append((at, q))
    return result


def _is_span(text: str, figure: Figure) -> bool:
    """Whether the duration is written as the length of a span.

    为期/历时/连续 N天 anywhere; N天时间/之内 only as a clause of its own
    (…紧急动员，3天时间，72个小时): in 工作组用20天时间完成排查 it is the time one task took.
    """
    before = text[max(0, figure.start - 6):figure.start]
    if _SPAN_BEFORE.search(before):
        return True
    opens = figure.start == 0 or text[figure.start - 1] in "，,；;：:"
    return opens and bool(_SPAN_AFTER.match(text, figure.end))


_DAY_COUNT = regex.compile(r"([0-9]{1,3})日")


def _days_read_as_date(text: str, at: int, q: Quantity) -> Interval | None:
    """The length of a span written N日 after 连续/为期/历时 (which the reader takes for a date)."""
    match = _DAY_COUNT.fullmatch(_written(q))
    if match is None or not _SPAN_BEFORE.search(text, max(0, at - 6), at):
        return None
    days = Decimal(match.group(1))
    return Interval(days * 24 - 12, days * 24 + 12, hi_open=True)  # N日 ± half a day


def _written(q: Quantity) -> str:
    return "".join((q.normalized or q.text).split())


def _may_fire(document: Document) -> bool:
    """Whether ``document`` holds what a finding needs: a date range (a duration or a
    day count is measured against one), or two durations of fixed length in different
    units (a unit restatement: 3天时间，72个小时; 3年 and 5天 have no fixed length, and
    3天…5天 are no restatement).  About seven short documents in ten have neither."""
    units: set[str] = set()
    for q in document.quantities:
        if q.kind == "date" and "/" in (q.iso or ""):
            return True
        if q.kind == "duration" and q.unit in HOURS_PER_UNIT and q.lo is not None:
            units.add(q.unit)  # what duration_hours measures
            if len(units) == 2:
                return True
    return False


def _check_document(rule: Rule, document: Document) -> Iterator[Finding]:
    if not _may_fire(document):
        return  # most documents: not even their periods are looked at
    spans = periods(document)
    dates = _dates_by_period(document, spans)
    carried: Quantity | None = None  # a range that opened the previous sentence
    for number, period in enumerate(spans):
        if carried is None and not dates[number] and len(period.figures) < 2:
            continue  # no range to measure and no two durations to compare
        text = period.text
        events: list[tuple[int, int, object]] = [(at, 0, q) for at, q in dates[number]]
        events += [(f.start, 1, f) for f in period.figures]
        events.sort(key=lambda e: (e[0], e[1]))
        current = carried
        carried = None
        previous: Figure | None = None
        for at, what, item in events:
            if what == 0:
                q = item
                days = _days_read_as_date(text, at, q)
                if days is not None and current is not None:
                    # 5月5日至17日連續工作13日: 13日 is a count of days, read as a date.
                    figure = Figure(q, at, at + len(_written(q)))
                    yield from _against_range(rule, current, figure, days)
                    current = None
                    continue
                hours = range_hours(q, True) if "/" in (q.iso or "") else None
                current = q if hours is not None else None
                if current is not None and at < _DATE_OPENING:
                    carried = current
                previous = None
                continue
            figure = item
            duration = duration_hours(figure.quantity)
            if duration is None:
                previous = None
                continue
            if previous is not None and _RESTATED.match(text[previous.end:figure.start]) \
                    and previous.quantity.unit != figure.quantity.unit \
                    and text[max(0, figure.start - 1):figure.start] not in ("每", "日"):
                yield from _restatement(rule, previous, figure)
            if current is not None and _is_span(text, figure) and not _WITHIN.search(
                    text, max(0, figure.start - 12), figure.start):
                yield from _against_range(rule, current, figure, duration)
                if carried is current:
                    carried = None
                current = None  # one duration per range
            previous = figure
        if carried is not None and any(at >= _DATE_OPENING for at, _ in dates[number]):
            carried = None


def _restatement(rule: Rule, first: Figure, second: Figure) -> Iterator[Finding]:
    a, b = duration_hours(first.quantity), duration_hours(second.quantity)
    if a is None or b is None or a.overlaps(b):
        return
    yield Finding(rule=rule.id, level=rule.level,
                  message=(f"{_written(first.quantity)}与{_written(second.quantity)}说的是同一段"
                           f"时间，但{_written(first.quantity)}是{as_days(a)}天，"
                           f"{_written(second.quantity)}是{as_days(b)}天"),
                  location=Location.of(second.quantity.span, second.quantity.text),
                  related=(Location.of(first.quantity.span, first.quantity.text),))


def _against_range(rule: Rule, dates: Quantity, figure: Figure, duration: Interval
                   ) -> Iterator[Finding]:
    days = range_hours(dates, True)
    if days is None or days.overlaps(duration):
        return
    q = figure.quantity
    yield Finding(rule=rule.id, level=rule.level,
                  message=f"{_written(dates)}首尾共{as_days(days)}天，与{_written(q)}不符",
                  location=Location.of(q.span, q.text),
                  related=(Location.of(dates.span, dates.text),))
