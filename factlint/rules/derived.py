"""derived: an arithmetic expression over named claims must fall within bounds.

Why it matters: two figures can each look right and still be impossible
together.  76.8亿元 from 7436万多名 donors is about 103 yuan each; if OCR drops
the decimal point (768亿元) or a digit (7.68亿元) the average becomes 1033 or
10 yuan, which no reader would believe.  ``derived`` names claims, combines
them with + − × ÷ and parentheses, and says where the result must lie.

The expression is read by :mod:`factlint.rules.safe_eval` (a small parser, never
Python ``eval``).  Each claim is an interval widened by the rounding it is
written with (README "Qualifiers") and the arithmetic is interval arithmetic, so a finding
means the result *cannot* be within bounds.  A name the expression uses but
``claims`` does not define, and a claim that is defined but not used, stop the
run with an error at its place in the rules file.  If a selector picks several
claims, every combination is checked; a selector that picks nothing is a finding.

YAML::

    - id: party-donation-per-donor
      type: derived
      level: error
      message: 人均捐款额不合常理
      claims:                      # name: selector
        money:  {unit: 元, near: [自愿捐款], files: ["004_*.txt"]}
        donors: {subject: 党员, near: [自愿捐款], files: ["004_*.txt"]}
      expression: money / donors   # + - * / × ÷ ( ) numbers and claim names
      within: [50, 200]            # [min, max]; null for an open end
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from ..claims.agree import describe
from ..claims.select import parse_selector
from ..model import Corpus, Finding
from ..settings.yamlload import ConfigError, YamlList, YamlMap, error_at, expect_type, type_name
from . import CheckContext, Rule
from ._support import (
    combinations,
    finding,
    format_bound,
    format_interval,
    interval_of,
    require,
    select_groups,
)
from .safe_eval import ExpressionError, Interval, parse_expression

NAME = "derived"
KEYS: frozenset[str] = frozenset({"claims", "expression", "within"})


def _expression_column(node: YamlMap, text: str) -> tuple[int, int, int]:
    """Where the expression's first character is: line, column, and 1 if quoted.

    YAML positions point at the value's start, which is the opening quote of a
    quoted scalar; read the line to tell.  Block scalars (``|``, ``>``) and
    multi-line values fall back to the value's start.
    """
    line, column = node.value_pos("expression")
    try:
        with open(node.path, encoding="utf-8-sig") as handle:
            source = handle.read().split("\n")[line - 1]
    except (OSError, UnicodeDecodeError, IndexError):
        source = ""
    if not source:
        return line, column, -1
    rest = source[column - 1:]
    quote = 1 if rest[:1] in ("'", '"') else 0
    if rest[quote:].startswith(text):
        return line, column, quote
    return line, column, -1


def _error_at_offset(node: YamlMap, text: str, offset: int | None, message: str) -> ConfigError:
    line, column, quote = _expression_column(node, text)
    if offset is None or quote < 0:
        return ConfigError(node.path, line, column, message)
    return ConfigError(node.path, line, column + quote + offset, message)


def parse_options(node: YamlMap, rule_id: str) -> Mapping[str, Any]:
    what = f"rule '{rule_id}'"
    for key in ("claims", "expression", "within"):
        require(node, key, rule_id, NAME)
    named = node["claims"]
    if not isinstance(named, YamlMap) or not named:
        raise error_at(node, "claims", f"{what}: 'claims' must be a mapping of names to "
                       f"selectors, e.g. {{money: {{unit: 元}}}}, not {type_name(named)}")
    selectors = {}
    for name in named:
        try:
            probe = parse_expression(str(name))
        except ExpressionError:
            probe = None
        if not isinstance(name, str) or probe is None or probe.names != ((name, 0),):
            raise error_at(named, name, f"{what}: claim name {name!r} must be letters, digits "
                           f"and '_', not starting with a digit", at="key")
        selectors[name] = parse_selector(named, name, rule_id)

    text = expect_type(node, "expression", str, what)
    try:
        expression = parse_expression(text)
    except ExpressionError as exc:
        raise _error_at_offset(node, text, exc.offset, f"{what}: {exc.message}") from None
    used = []
    for name, offset in expression.names:
        if name not in selectors:
            defined = ", ".join(selectors)
            raise _error_at_offset(node, text, offset, f"{what}: the expression names "
                                   f"'{name}', which 'claims' does not define (defined: "
                                   f"{defined})")
        used.append(name)
    for name in selectors:
        if name not in used:
            raise error_at(named, name, f"{what}: claim '{name}' is defined but the "
                           f"expression does not use it", at="key")

    bounds = node["within"]
    if not isinstance(bounds, YamlList) or len(bounds) != 2:
        raise error_at(node, "within", f"{what}: 'within' must be a list [min, max] (null "
                       f"for an open end), not {type_name(bounds)}")
    values: list[Decimal | None] = []
    for index, bound in enumerate(bounds):
        if bound is None:
            values.append(None)
        elif isinstance(bound, (int, Decimal)) and not isinstance(bound, bool):
            if isinstance(bound, Decimal) and not bound.is_finite():
                values.append(None)
            else:
                values.append(Decimal(bound))
        else:
            raise error_at(bounds, index, f"{what}: a bound must be a number or null, not "
                           f"{type_name(bound)}")
    if values[0] is None and values[1] is None:
        raise error_at(node, "within", f"{what}: 'within' needs at least one bound")
    if values[0] is not None and values[1] is not None and values[0] > values[1]:
        raise error_at(node, "within", f"{what}: min {values[0]} is greater than max "
                       f"{values[1]}")
    return {"claims": selectors, "expression": expression,
            "within": Interval.of(values[0], values[1])}


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    selectors = rule.options["claims"]
    expression = rule.options["expression"]
    within: Interval = rule.options["within"]
    names = list(selectors)
    groups, findings = select_groups(
        rule, corpus, [(f"claims.{name}", selectors[name]) for name in names])
    if findings:
        return findings
    bounds = f"[{format_bound(within.lo)}, {format_bound(within.hi)}]"
    for chosen in combinations(groups):
        named = list(zip(names, chosen, strict=True))
        values = {name: interval_of(claim.quantity) for name, claim in named}
        inputs = ", ".join(f"{name} = {describe(claim.quantity)}" for name, claim in named)
        try:
            result = expression.evaluate(values)
        except ExpressionError as exc:
            findings.append(finding(rule, f"{expression.text} cannot be computed: "
                                    f"{exc.message} ({inputs})", chosen[0], chosen[1:]))
            continue
        if not result.overlaps(within):
            findings.append(finding(
                rule, f"{expression.text} = {format_interval(result)}, outside {bounds} "
                      f"({inputs})", chosen[0], chosen[1:]))
    return findings
