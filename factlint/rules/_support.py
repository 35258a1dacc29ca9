"""Helpers shared by the YAML rule types (expect, consistent, sum, compare, derived, duration)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from ..claims.select import Claim, Selector, select
from ..claims.select import _file_matches as file_matches
from ..model import Corpus, Finding, Location, Quantity
from ..settings.yamlload import YamlList, YamlMap, error_at, type_name
from . import Rule

#: Combinations of claims a rule evaluates before it asks for narrower selectors.
MAX_COMBINATIONS = 256


def location(claim: Claim) -> Location:
    return Location.of(claim.quantity.span, claim.quantity.text)


def finding(rule: Rule, detail: str, claim: Claim, related: Sequence[Claim] = (),
            level: str | None = None) -> Finding:
    return Finding(rule=rule.id, level=level or rule.level, message=f"{rule.message}: {detail}",
                   location=location(claim),
                   related=tuple(location(c) for c in related))


def applies(corpus: Corpus, selector: Selector) -> bool:
    """Whether any document of the run is one the selector's ``files`` name.

    A rule about files that are not part of this run has nothing to say; a rule
    whose files are here but whose figure is not has lost its claim.
    """
    if not selector.files:
        return bool(corpus.documents)
    return any(file_matches(doc.path, selector.files) for doc in corpus.documents)


def describe_selector(selector: Selector) -> str:
    parts = []
    if selector.subject is not None:
        parts.append(f"subject /{selector.subject}/" if selector.subject_regex
                     else f"subject '{selector.subject}'")
    if selector.near:
        parts.append("near " + ", ".join(f"'{w}'" for w in selector.near))
    if selector.unit:
        parts.append(f"unit '{selector.unit}'")
    if selector.kind:
        parts.append(f"kind {selector.kind}")
    if selector.pattern is not None:
        parts.append(f"pattern '{_pattern_source(selector)}'")
    if selector.files:
        parts.append("files " + ", ".join(selector.files))
    return "; ".join(parts) or "any claim"


def _pattern_source(selector: Selector) -> str:
    from ..claims.select import _N_GROUP

    source = selector.pattern.pattern if selector.pattern is not None else ""
    return source.replace(_N_GROUP, "{n}")


def missing(rule: Rule, selector: Selector, role: str) -> Finding:
    """The finding for a selector that matches nothing: the figure disappeared.

    It points at the selector in the rules file, since there is no place in the
    corpus to point at.
    """
    path, line, column = selector.origin
    where = Location(path or rule.origin[0], line or rule.origin[1], column or rule.origin[2],
                     line or rule.origin[1], column or rule.origin[2])
    return Finding(rule=rule.id, level=rule.level,
                   message=f"{rule.message}: no claim in the corpus matches '{role}' "
                           f"({describe_selector(selector)}); the figure was deleted, "
                           f"reworded or misread, or the selector is wrong",
                   location=where)


def select_or_missing(rule: Rule, corpus: Corpus, selector: Selector, role: str
                      ) -> tuple[list[Claim], list[Finding]]:
    """The claims ``selector`` picks, or a finding saying there are none."""
    claims = select(corpus, selector)
    if claims or not applies(corpus, selector):
        return claims, []
    return [], [missing(rule, selector, role)]


def select_groups(rule: Rule, corpus: Corpus, selectors: Sequence[tuple[str, Selector]]
                  ) -> tuple[list[list[Claim]], list[Finding]]:
    """Claims for each (role, selector), or the findings that stop the rule.

    A selector that matches nothing is reported (the figure was deleted); so is
    a set of selectors whose combinations exceed :data:`MAX_COMBINATIONS`.
    """
    groups: list[list[Claim]] = []
    findings: list[Finding] = []
    for role, selector in selectors:
        claims, lost = select_or_missing(rule, corpus, selector, role)
        findings.extend(lost)
        groups.append(claims)
    if not findings and count_combinations(groups) > MAX_COMBINATIONS:
        findings.append(too_many(rule, count_combinations(groups)))
    return groups, findings


def combinations(groups: Sequence[Sequence[Claim]]) -> Iterator[tuple[Claim, ...]]:
    return itertools.product(*groups)


def count_combinations(groups: Sequence[Sequence[Claim]]) -> int:
    total = 1
    for group in groups:
        total *= len(group)
    return total


def too_many(rule: Rule, count: int) -> Finding:
    path, line, column = rule.origin
    return Finding(rule=rule.id, level=rule.level,
                   message=f"{rule.message}: the selectors match {count} combinations of "
                           f"claims (more than {MAX_COMBINATIONS}); narrow them with near, "
                           f"pattern or files so each picks one figure",
                   location=Location(path, line, column, line, column))


def parse_reference(node: YamlMap | YamlList, key: Any, value: Any, what: str) -> Quantity:
    """A figure written in a rule the way copy writes it (``7436万多名``, ``100%``)."""
    from ..quantities.extractor import parse

    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise error_at(node, key, f"{what}: expected a figure as copy writes it, e.g. "
                       f"'7436万多名', not {type_name(value)}")
    text = value if isinstance(value, str) else format(value, "f")
    try:
        return parse(text)
    except ValueError as exc:
        raise error_at(node, key, f"{what}: cannot read {text!r} as one figure ({exc})") from None


def parse_selector_list(node: YamlMap, key: str, rule_id: str) -> list[Selector]:
    """A list of selectors under ``key``; each item is a selector mapping."""
    from ..claims.select import parse_selector

    what = f"rule '{rule_id}'"
    items = node.get(key)
    if not isinstance(items, YamlList) or not items:
        raise error_at(node, key, f"{what}: '{key}' must be a non-empty list of selectors, "
                       f"not {type_name(items) if key in node else 'missing'}")
    selectors = []
    for index, item in enumerate(items):
        if not isinstance(item, YamlMap) or not item:
            raise error_at(items, index, f"{what}: each '{key}' entry must be a selector "
                           f"mapping (subject, near, unit, kind, files, pattern), not "
                           f"{type_name(item)}")
        holder = YamlMap(items.path, *items.item_pos(index))
        holder._set(f"{key}[{index + 1}]", item, items.item_pos(index), items.item_pos(index))
        selectors.append(parse_selector(holder, f"{key}[{index + 1}]", rule_id))
    return selectors


def require(node: YamlMap, key: str, rule_id: str, type_name_: str) -> None:
    if key not in node:
        raise error_at(node, None, f"rule '{rule_id}' (type {type_name_}): missing required "
                       f"key '{key}'")



def interval_of(quantity: Quantity):
    """The quantity's widened interval as a :class:`~factlint.rules.safe_eval.Interval`."""
    from .safe_eval import Interval

    lo, hi = quantity.widened()
    return Interval.of(lo, hi, quantity.hi_open, quantity.lo_open)


def units_compatible(a: Quantity, b: Quantity) -> bool:
    """Whether two figures measure the same thing closely enough to add or order them.

    Measure words of one family (名/人, 个/件) count the same things; a bare
    figure without a unit takes the unit of the others, as in 17个、290、846个.
    """
    from ..claims.agree import compare_units

    if a.unit is None or b.unit is None:
        return True
    return compare_units(a, b, "ignore") == "same"


def format_bound(value: Decimal) -> str:
    from ..claims.agree import format_decimal

    if value.is_infinite():
        return "∞" if value > 0 else "-∞"
    if value != value.to_integral_value():
        value = value.quantize(Decimal("0.01"))
    return format_decimal(value)


def format_interval(interval) -> str:
    if interval.lo == interval.hi:
        return format_bound(interval.lo)
    return f"{format_bound(interval.lo)}–{format_bound(interval.hi)}"


def where(claim: Claim) -> str:
    return claim.quantity.span.position()
