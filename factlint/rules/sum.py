"""sum: a total equals the sum of its parts, in interval arithmetic.

Why it matters: a lead that says a team has 1000余人 and a body that lists
240 doctors and 760 nurses must add up; so must a headline's 9761 grids and
the five levels of grid the story counts.  A retyped part (670 for 760) or a
dropped digit in the total shows up as a sum that cannot be right.

Each figure is an interval (``1000余人`` is [1000, 2000), ``76.8亿`` is
[76.75亿, 76.85亿) once widened by its last digit, a whole count such as 240 is
exact: README "Qualifiers"); the parts are added as intervals and the total
must overlap the result, so ``1000余人`` agrees with 240 + 760 and a total of 12
does not agree with 2 + 4 + 7.  Measure words of one family (名/人) count the same people; a bare
figure takes the unit of the others (``17个、290、846个``).  Every selector must
pick at least one claim: a part that disappeared is a finding.  If a selector
picks several claims, every combination is checked.

YAML::

    - id: liaoning-team-size
      type: sum
      level: error
      message: 辽宁医疗队总人数与医师、护士人数之和不符
      total:
        pattern: "第三批{n}的医疗队"
        files: ["001_*.txt"]
      parts:
        - {subject: 临床医师, files: ["001_*.txt"]}
        - {subject: 护士, files: ["001_*.txt"]}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from ..claims.agree import describe
from ..claims.select import parse_selector
from ..model import Corpus, Finding
from ..settings.yamlload import YamlMap
from . import CheckContext, Rule
from ._support import (
    MAX_COMBINATIONS,
    combinations,
    count_combinations,
    finding,
    format_interval,
    interval_of,
    parse_selector_list,
    require,
    select_or_missing,
    too_many,
    units_compatible,
)
from .safe_eval import Interval

NAME = "sum"
KEYS: frozenset[str] = frozenset({"total", "parts"})


def parse_options(node: YamlMap, rule_id: str) -> Mapping[str, Any]:
    for key in ("total", "parts"):
        require(node, key, rule_id, NAME)
    return {"total": parse_selector(node, "total", rule_id),
            "parts": tuple(parse_selector_list(node, "parts", rule_id))}


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    totals, findings = select_or_missing(rule, corpus, rule.options["total"], "total")
    groups = []
    for index, selector in enumerate(rule.options["parts"]):
        claims, lost = select_or_missing(rule, corpus, selector, f"parts[{index + 1}]")
        findings.extend(lost)
        groups.append(claims)
    if findings:
        return findings
    count = len(totals) * count_combinations(groups)
    if count > MAX_COMBINATIONS:
        return [too_many(rule, count)]
    for total in totals:
        for parts in combinations(groups):
            strangers = [p for p in parts if not units_compatible(total.quantity, p.quantity)]
            if strangers:
                findings.append(finding(
                    rule, f"{describe(total.quantity)} cannot be a sum of "
                          f"{describe(strangers[0].quantity)}: different units", total, parts))
                break
            result = Interval.exact(Decimal(0))
            for part in parts:
                result = result + interval_of(part.quantity)
            if not result.overlaps(interval_of(total.quantity)):
                terms = " + ".join(describe(p.quantity) for p in parts)
                findings.append(finding(
                    rule, f"{describe(total.quantity)} is not the sum of its parts: {terms} "
                          f"= {format_interval(result)}", total, parts))
                break  # one finding per total; the parts are listed as related
    return findings
