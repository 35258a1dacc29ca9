"""duration: a date range, a count of days and a count of hours agree.

Why it matters: copy often states one span of time three ways — ``2月17日至19日``,
``3天时间``, ``72个小时`` — and an edit to one of them (19日 to 20日, 72 to 48)
leaves the others contradicting it.

Each of ``range``, ``days`` and ``hours`` is a selector; give at least two.
``range`` picks a date or a range of dates (``2月17日至19日``, read with the year
from the dateline); it lasts its number of calendar days, counting both ends
unless ``inclusive: false`` (then 17日至19日 is two days).  ``days`` and ``hours``
pick durations; any unit of fixed length works (天, 日, 昼夜, 小时, 分钟, 周), so
the names say only which figure is which.  Every pair is compared in hours as
intervals widened by the precision of the last written digit (``3天`` is 2.5–3.5
days), and each pair that cannot be true together is reported at the figure
that disagrees with the most others.

YAML::

    - id: wuhan-survey-duration
      type: duration
      level: error
      message: 武汉大排查的日期、天数与小时数不一致
      range: {kind: date, near: [大排查], files: ["004_*.txt"]}
      days:  {unit: 天, near: [紧急动员], files: ["004_*.txt"]}
      hours: {unit: 小时, near: [紧急动员], files: ["004_*.txt"]}
      inclusive: true              # optional, default true
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from ..claims.agree import describe
from ..claims.select import Claim, parse_selector
from ..model import Corpus, Finding, Quantity
from ..settings.yamlload import YamlMap, error_at, expect_type
from . import CheckContext, Rule
from ._support import (
    combinations,
    finding,
    format_interval,
    interval_of,
    select_groups,
    where,
)
from .safe_eval import Interval

NAME = "duration"
ROLES: tuple[str, ...] = ("range", "days", "hours")
KEYS: frozenset[str] = frozenset({*ROLES, "inclusive"})

#: Hours in one unit of each duration unit of fixed length.
HOURS_PER_UNIT: dict[str, Decimal] = {
    "天": Decimal(24), "日": Decimal(24), "昼夜": Decimal(24), "工作日": Decimal(24),
    "小时": Decimal(1), "分钟": Decimal(1) / Decimal(60), "秒": Decimal(1) / Decimal(3600),
    "周": Decimal(168), "星期": Decimal(168),
}


def parse_options(node: YamlMap, rule_id: str) -> Mapping[str, Any]:
    what = f"rule '{rule_id}'"
    given = [role for role in ROLES if role in node]
    if len(given) < 2:
        raise error_at(node, None, f"{what} (type duration): give at least two of range, "
                       f"days, hours (found {', '.join(given) or 'none'})")
    inclusive = expect_type(node, "inclusive", (bool, type(None)), what)
    return {"selectors": {role: parse_selector(node, role, rule_id) for role in given},
            "inclusive": True if inclusive is None else inclusive}


def _date(iso: str, year: int) -> datetime.date | None:
    """A date from ISO text; ``--MM-DD`` (no year known) takes ``year``."""
    if iso.startswith("--") and len(iso) == 7:
        iso = f"{year:04d}-{iso[2:]}"
    try:
        return datetime.date.fromisoformat(iso)
    except ValueError:
        return None


def range_hours(q: Quantity, inclusive: bool) -> Interval | None:
    """How many hours a date or date range lasts, or None if it is not one of days."""
    if not q.iso:
        return None
    first, _, last = q.iso.partition("/")
    last = last or first
    counts = []
    # Without a year, a range over the end of February is a day longer in a leap year.
    for year in ((2001, 2004) if first.startswith("--") else (0,)):
        start, end = _date(first, year), _date(last, year)
        if start is None or end is None or end < start:
            return None
        counts.append((end - start).days + (1 if inclusive else 0))
    return Interval(Decimal(min(counts) * 24), Decimal(max(counts) * 24))


def _hours(claim: Claim, role: str, inclusive: bool) -> tuple[Interval | None, str]:
    q = claim.quantity
    if role == "range" or q.kind == "date":
        hours = range_hours(q, inclusive)
        if hours is None:
            return None, f"{describe(q)} is not a date or a range of whole days"
        return hours, ""
    hours = duration_hours(q)
    if hours is None:
        return None, (f"{describe(q)} is not a duration of fixed length "
                      f"(days, hours, minutes, weeks)")
    return hours, ""


def duration_hours(q: Quantity) -> Interval | None:
    """How many hours a duration of fixed length lasts (``3天`` → 60–84), else None."""
    factor = HOURS_PER_UNIT.get(q.unit or "")
    if q.kind != "duration" or factor is None or q.lo is None:
        return None
    return interval_of(q) * Interval.exact(factor)


def as_days(interval: Interval) -> str:
    """An interval of hours as days, e.g. ``3`` or ``2.5–3.5``."""
    return format_interval(interval * Interval.exact(Decimal(1) / Decimal(24)))




def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    selectors = rule.options["selectors"]
    inclusive = rule.options["inclusive"]
    roles = list(selectors)
    groups, findings = select_groups(rule, corpus, [(role, selectors[role]) for role in roles])
    if findings:
        return findings
    for chosen in combinations(groups):
        hours: list[Interval] = []
        unusable = False
        for role, claim in zip(roles, chosen, strict=True):
            value, problem = _hours(claim, role, inclusive)
            if value is None:
                findings.append(finding(rule, f"'{role}': {problem}", claim))
                unusable = True
                break
            hours.append(value)
        if unusable:
            continue
        pairs = [(i, j) for i in range(len(roles)) for j in range(i + 1, len(roles))
                 if not hours[i].overlaps(hours[j])]
        against = {i: sum(1 for pair in pairs if i in pair) for i in range(len(roles))}
        for i, j in pairs:
            first, second = sorted((i, j), key=lambda k: (-against[k], k))
            a, b = chosen[first], chosen[second]
            findings.append(finding(
                rule, f"{describe(a.quantity)} ({roles[first]}: {as_days(hours[first])} "
                      f"days) disagrees with {describe(b.quantity)} at {where(b)} "
                      f"({roles[second]}: {as_days(hours[second])} days)", a, (b,)))
    return findings
