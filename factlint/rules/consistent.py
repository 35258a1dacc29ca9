"""consistent: every statement of one claim agrees, across the corpus and within a file.

Why it matters: the same figure is retyped for the print page, the web page and
the wire copy, and repeated in a headline, a lead and a caption.  One slip
(``400余名`` becoming ``4400余名``) is invisible in any one version and obvious
once the versions are set side by side.  ``consistent`` compares every pair of
places the selector picks and reports each pair that cannot both be true, with
both locations: the first as the finding, the second as ``related``.

Which place is reported first: the one that disagrees with more of the others
(the odd one out), then a place outside the preferred version of a version
group (the sources file's ``preferred``), then corpus order.  Two figures agree
when their intervals overlap once exact figures are widened by the precision of
their last written digit; a measure-word variant (件/个, 名/人) is a warning.

A selector that picks nothing is a finding (the figure was deleted).  With
``every-file: true`` every file the selector's ``files`` globs match in the run
must state the claim: a version that dropped the figure is reported (files the
pre-commit hook checks with the corpus but outside its ``paths``, such as a staged
README, are not versions and are skipped).

YAML::

    - id: wuhan-university-staff
      type: consistent
      level: error
      message: 武汉市属高校下沉教职员工人数在各版本中不一致
      claim:
        subject: 高校教职员
        files: ["00[012]_*.txt"]
      every-file: true             # optional, default false
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..claims.agree import agreement, describe, report_level
from ..claims.select import Claim, parse_selector
from ..model import Corpus, Finding, Location, Quantity
from ..settings.yamlload import YamlMap, expect_type
from . import CheckContext, Rule
from ._support import describe_selector, file_matches, finding, require, select_or_missing

NAME = "consistent"
KEYS: frozenset[str] = frozenset({"claim", "every-file"})


def parse_options(node: YamlMap, rule_id: str) -> Mapping[str, Any]:
    require(node, "claim", rule_id, NAME)
    selector = parse_selector(node, "claim", rule_id)
    every_file = expect_type(node, "every-file", (bool, type(None)), f"rule '{rule_id}'")
    return {"claim": selector, "every_file": bool(every_file)}


def _reading(quantity: Quantity) -> tuple:
    """Everything :func:`~factlint.claims.agree.agreement` reads of a figure: where it
    stands is left out."""
    return (quantity.text, quantity.normalized, quantity.lo, quantity.hi,
            quantity.qualifier, quantity.unit, quantity.kind, quantity.iso, quantity.value,
            quantity.precision)


def _preferred(corpus: Corpus, ctx: CheckContext) -> set[str]:
    """The preferred versions by resolved path: the sources file and the run may spell
    one file differently (``a.txt`` and ``$PWD/a.txt``)."""
    return {ctx.resolved(group.preferred) for group in corpus.groups if group.preferred}


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    selector = rule.options["claim"]
    claims, findings = select_or_missing(rule, corpus, selector, "claim")
    if not claims:
        return findings
    if rule.options["every_file"]:
        stated = {claim.path for claim in claims}
        for document in sorted(corpus.documents, key=lambda d: d.path):
            if document.path in stated:
                continue
            if selector.files and not file_matches(document.path, selector.files):
                continue
            if ctx.drafts and ctx.resolved(document.path) in ctx.drafts:
                continue  # a draft outside the corpus (a staged README) is not a version
            path, line, column = selector.origin
            findings.append(Finding(
                rule=rule.id, level=rule.level,
                message=f"{rule.message}: {document.path} does not state the claim "
                        f"({describe_selector(selector)}) that {len(stated)} other file(s) "
                        f"state; the figure was deleted or reworded",
                location=Location(document.path, 1, 1, 1, 1),
                related=(Location(path, line, column, line, column),)))

    verdicts = []
    against: dict[int, int] = {}  # how many places each place disagrees with
    # Places that read the same (the same figure as written and meant) agree or disagree
    # with every other place alike, so readings are compared once per pair of distinct
    # readings, not once per pair of places: a claim stated in every one of 30,000
    # articles costs 30,000 steps, not 450 million.  Findings are still one per pair.
    readings: dict[tuple, list[int]] = {}
    for index, claim in enumerate(claims):
        readings.setdefault(_reading(claim.quantity), []).append(index)
    groups = list(readings.values())
    for g, members in enumerate(groups):
        for other in groups[g:]:
            verdict = agreement(claims[members[0]].quantity, claims[other[0]].quantity,
                                ctx.variants)
            if report_level(rule.level, verdict) is None:
                continue
            if not verdict.agrees:
                for i in members:
                    against[i] = against.get(i, 0) + len(other) - (other is members)
                if other is not members:
                    for j in other:
                        against[j] = against.get(j, 0) + len(members)
            pairs = (((i, j) for n, i in enumerate(members) for j in members[n + 1:])
                     if other is members else ((i, j) for i in members for j in other))
            for i, j in pairs:
                i, j = min(i, j), max(i, j)
                verdict = agreement(claims[i].quantity, claims[j].quantity, ctx.variants)
                verdicts.append((i, j, verdict, report_level(rule.level, verdict)))
    verdicts.sort(key=lambda pair: pair[:2])  # the order of places, as before

    preferred = _preferred(corpus, ctx)
    is_preferred = {path: ctx.resolved(path) in preferred
                    for path in {claim.path for claim in claims}} if preferred else {}

    def first_key(index: int, claim: Claim) -> tuple:
        return (-against.get(index, 0), is_preferred.get(claim.path, False), index)

    for i, j, verdict, level in verdicts:
        (_, first), (_, second) = sorted(((i, claims[i]), (j, claims[j])),
                                         key=lambda pair: first_key(*pair))
        where = second.quantity.span.position()
        if verdict.agrees:  # a warning: same count, different measure words
            detail = (f"{describe(first.quantity)} and {describe(second.quantity)} at {where}: "
                      f"{verdict.reason}")
        else:
            detail = (f"{describe(first.quantity)} disagrees with {describe(second.quantity)} "
                      f"at {where}")
            if not verdict.reason.endswith("cannot both be true"):
                detail += f" ({verdict.reason})"
        findings.append(finding(rule, detail, first, (second,), level=level))
    return findings
