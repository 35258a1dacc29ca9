"""expect: a claim agrees with a reference figure, written the way copy writes it.

Why it matters: a figure copied from a press release, a statistics bulletin or
an agency wire can be mistyped anywhere it is repeated.  ``expect`` pins the
claim to the reference as the source wrote it (``7436万多名``), read by the
same extractor as the copy, so ``7436万多名`` in the text agrees while
``7346万多名`` or ``7436万多人``-as-a-different-unit does not.  Two figures agree
when their intervals overlap once exact figures are widened by the precision of
their last written digit; a measure-word variant (名/人, 件/个) is a warning.

Every claim the selector picks must agree (a headline and a body that both
state the figure are both checked).  A selector that picks nothing is a
finding too: the figure was deleted or reworded.

YAML::

    - id: party-donors
      type: expect
      level: error
      message: 捐款党员人数与新华社通稿不符
      claim:                       # a selector: subject, near, unit, kind, files, pattern
        subject: 党员
        near: 捐款
        files: ["004_*.txt"]
      expect: 7436万多名           # the reference, as copy writes it
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..claims.agree import agreement, describe, report_level
from ..claims.select import parse_selector
from ..model import Corpus, Finding
from ..settings.yamlload import YamlMap
from . import CheckContext, Rule
from ._support import finding, parse_reference, require, select_or_missing

NAME = "expect"
KEYS: frozenset[str] = frozenset({"claim", "expect"})


def parse_options(node: YamlMap, rule_id: str) -> Mapping[str, Any]:
    for key in ("claim", "expect"):
        require(node, key, rule_id, NAME)
    selector = parse_selector(node, "claim", rule_id)
    reference = parse_reference(node, "expect", node["expect"], f"rule '{rule_id}'")
    return {"claim": selector, "expect": reference}


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    reference = rule.options["expect"]
    claims, findings = select_or_missing(rule, corpus, rule.options["claim"], "claim")
    for claim in claims:
        verdict = agreement(claim.quantity, reference, ctx.variants)
        level = report_level(rule.level, verdict)
        if level is None:
            continue
        detail = f"expected {describe(reference)}, found {describe(claim.quantity)}"
        if not verdict.reason.endswith("cannot both be true"):
            detail += f" ({verdict.reason})"
        findings.append(finding(rule, detail, claim, level=level))
    return findings
