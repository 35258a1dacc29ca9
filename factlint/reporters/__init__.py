"""Reporters: turn findings into text for people, JSON for scripts, SARIF for code
scanning and workflow commands for GitHub Actions annotations.

Each format is one module with ``render(findings, rules) -> str``.  ``rules`` maps a
rule id to its :class:`~factlint.model.RuleInfo` and lists the rules that ran, so a
report can say what was checked even when nothing was found.  Every reporter sorts
findings the same way (path, line, column, rule, message, then the rest), so the same
input always gives byte-identical output.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
from collections.abc import Iterable, Mapping, Sequence

from ..model import LEVELS, Finding, Location, RuleInfo

#: Output formats ``--format`` accepts, in the order ``--help`` lists them.
FORMATS: tuple[str, ...] = ("text", "json", "sarif", "github")

#: Levels from most to least severe: the order reports list them in.
LEVELS_BY_SEVERITY: tuple[str, ...] = tuple(reversed(LEVELS))

# ``json`` would shadow the standard library module for anything run from this folder.
_MODULES: dict[str, str] = {
    "text": "text", "json": "json_format", "sarif": "sarif", "github": "github",
}


def render(fmt: str, findings: Sequence[Finding], rules: Mapping[str, RuleInfo]) -> str:
    """Render ``findings`` in format ``fmt`` (one of :data:`FORMATS`)."""
    try:
        module_name = _MODULES[fmt]
    except KeyError:
        raise ValueError(
            f"unknown output format {fmt!r}; choose one of: {', '.join(FORMATS)}") from None
    module = importlib.import_module(f"{__name__}.{module_name}")
    return module.render(findings, rules)


def default_format(environ: Mapping[str, str] = os.environ) -> str:
    """``github`` inside GitHub Actions (which sets ``GITHUB_ACTIONS=true``), else ``text``."""
    return "github" if environ.get("GITHUB_ACTIONS", "").lower() == "true" else "text"


def _check_location(loc: Location, what: str) -> None:
    where = f"{loc.path}:{loc.line}:{loc.column}"
    if not loc.path:
        raise ValueError(f"{what} has an empty path")
    if loc.line < 1 or loc.column < 1:
        raise ValueError(f"{where}: {what} has a line or column below 1 (both are 1-based)")
    if (loc.end_line, loc.end_column) < (loc.line, loc.column):
        raise ValueError(
            f"{where}: {what} ends before it starts "
            f"(end {loc.end_line}:{loc.end_column})")


def check_findings(findings: Iterable[Finding]) -> None:
    """Raise ``ValueError`` naming the place if a finding cannot be reported faithfully."""
    for finding in findings:
        loc = finding.location
        what = f"finding of rule {finding.rule!r}"
        _check_location(loc, what)
        if finding.level not in LEVELS:
            raise ValueError(
                f"{loc.path}:{loc.line}:{loc.column}: {what} has unknown level "
                f"{finding.level!r}; expected one of {', '.join(LEVELS_BY_SEVERITY)}")
        if not finding.rule:
            raise ValueError(f"{loc.path}:{loc.line}:{loc.column}: finding has no rule id")
        if not finding.message.strip():
            raise ValueError(f"{loc.path}:{loc.line}:{loc.column}: {what} has no message")
        for related in finding.related:
            _check_location(related, f"related location of {what}")


def _full_key(finding: Finding) -> tuple:
    # Location is not orderable, so compare related places as plain tuples; the tail
    # only breaks ties between findings that agree on path, position, rule and message.
    return (
        *finding.sort_key(),
        finding.level,
        finding.location.end_line,
        finding.location.end_column,
        finding.location.text,
        tuple(dataclasses.astuple(loc) for loc in finding.related),
    )


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings checked and in report order: path, line, column, rule, message."""
    result = list(findings)
    check_findings(result)
    result.sort(key=_full_key)
    return result


def summarize(findings: Iterable[Finding]) -> dict:
    """Counts for a report footer: in total, by level, and by rule and level.

    ``{"total": 3, "files": 2, "by_level": {"error": 1, "warning": 2, "info": 0},
    "by_rule": {"rule-id": {"error": 1, "warning": 0, "info": 0, "total": 1}, ...}}``;
    rules are sorted by id and every level is present, so the dict is stable JSON.
    """
    by_level = dict.fromkeys(LEVELS_BY_SEVERITY, 0)
    by_rule: dict[str, dict[str, int]] = {}
    paths: set[str] = set()
    total = 0
    for finding in findings:
        if finding.level not in by_level:
            raise ValueError(
                f"finding of rule {finding.rule!r} has unknown level {finding.level!r}")
        total += 1
        paths.add(finding.location.path)
        by_level[finding.level] += 1
        counts = by_rule.setdefault(
            finding.rule, {**dict.fromkeys(LEVELS_BY_SEVERITY, 0), "total": 0})
        counts[finding.level] += 1
        counts["total"] += 1
    return {
        "total": total,
        "files": len(paths),
        "by_level": by_level,
        "by_rule": {rule: by_rule[rule] for rule in sorted(by_rule)},
    }


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 or word == "info" else f"{count} {word}s"


def summary_line(summary: Mapping) -> str:
    """``3 findings (1 error, 2 warnings, 0 info) in 2 files``."""
    levels = ", ".join(_plural(summary["by_level"][lvl], lvl) for lvl in LEVELS_BY_SEVERITY)
    return (f"{_plural(summary['total'], 'finding')} ({levels}) "
            f"in {_plural(summary['files'], 'file')}")


def one_line(text: str) -> str:
    """Text on one line: line breaks (OCR text often has them) shown as ``\\n``."""
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
