"""compare: an order between claims (a part is at most the whole, a share at most 100%).

Why it matters: some figures bound others without having to add up: the
wards a team takes over are some of the hospital's wards, a share is never
over 100%, the infected are fewer than the tested.  A slipped digit that turns
17 of 32 wards into 37 of 32 is caught here.

``left`` and ``right`` are selectors; ``right`` may instead be a figure as copy
writes it (``100%``).  ``op`` is one of ``<`` ``<=`` ``>`` ``>=``.  A finding is
reported only when the order *cannot* hold: each figure is an interval widened
by the rounding it is written with (README "Qualifiers": 17个 is exact, 76.8亿
± 0.05亿, 400余 is [400, 500)), and ``left <= right`` fails only when all of
left lies above all of right.  Every pair the selectors pick is
checked; a selector that picks nothing is a finding.

YAML::

    - id: leishenshan-wards
      type: compare
      level: error
      message: 辽宁医疗队接手的病区多于雷神山医院的病区总数
      left:  {pattern: "其中的{n}病区", files: ["001_*.txt"]}
      op: "<="
      right: {pattern: "共有{n}病区", files: ["001_*.txt"]}

    - id: arrival-rate
      type: compare
      level: error
      message: 到岗率超过100%
      left: {subject: 到岗率, unit: "%"}
      op: "<="
      right: 100%
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..claims.agree import describe
from ..claims.select import Claim, parse_selector
from ..model import Corpus, Finding, Quantity
from ..settings.yamlload import YamlMap, error_at, expect_type
from . import CheckContext, Rule
from ._support import (
    MAX_COMBINATIONS,
    finding,
    interval_of,
    parse_reference,
    require,
    select_or_missing,
    too_many,
    units_compatible,
    where,
)
from .safe_eval import Interval

NAME = "compare"
KEYS: frozenset[str] = frozenset({"left", "op", "right"})
OPERATORS: dict[str, str] = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "≤": "≤", "≥": "≥"}
_CANONICAL = {"≤": "<=", "≥": ">="}


def parse_options(node: YamlMap, rule_id: str) -> Mapping[str, Any]:
    what = f"rule '{rule_id}'"
    for key in ("left", "op", "right"):
        require(node, key, rule_id, NAME)
    left = parse_selector(node, "left", rule_id)
    op = expect_type(node, "op", str, what).strip()
    if op not in OPERATORS:
        raise error_at(node, "op", f"{what}: 'op' must be one of <, <=, >, >= (≤ and ≥ "
                       f"also work), not {op!r}")
    op = _CANONICAL.get(op, op)
    if isinstance(node["right"], YamlMap):
        right: Any = parse_selector(node, "right", rule_id)
    else:
        right = parse_reference(node, "right", node["right"], what)
    return {"left": left, "op": op, "right": right}


def _impossible(op: str, left: Interval, right: Interval) -> bool:
    """Whether ``left op right`` cannot hold for any values in the intervals."""
    if op == "<=":
        return not right.overlaps(left) and left.lo >= right.hi
    if op == "<":
        return left.lo >= right.hi
    if op == ">=":
        return not right.overlaps(left) and left.hi <= right.lo
    return left.hi <= right.lo  # ">"


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    op = rule.options["op"]
    lefts, findings = select_or_missing(rule, corpus, rule.options["left"], "left")
    right_option = rule.options["right"]
    rights: list[Claim | Quantity]
    if isinstance(right_option, Quantity):
        rights = [right_option]
    else:
        claims, lost = select_or_missing(rule, corpus, right_option, "right")
        findings.extend(lost)
        rights = list(claims)
    if findings:
        return findings
    if len(lefts) * len(rights) > MAX_COMBINATIONS:
        return [too_many(rule, len(lefts) * len(rights))]
    for left in lefts:
        for right in rights:
            right_q = right if isinstance(right, Quantity) else right.quantity
            related = () if isinstance(right, Quantity) else (right,)
            shown = (describe(right_q) if isinstance(right, Quantity)
                     else f"{describe(right_q)} at {where(right)}")
            if not units_compatible(left.quantity, right_q):
                findings.append(finding(rule, f"{describe(left.quantity)} and {shown} cannot "
                                        f"be compared: different units", left, related))
                continue
            if _impossible(op, interval_of(left.quantity), interval_of(right_q)):
                findings.append(finding(
                    rule, f"{describe(left.quantity)} {OPERATORS[op]} {shown} cannot hold",
                    left, related))
    return findings
