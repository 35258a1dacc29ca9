"""Reporters: turn findings into text for people, JSON for scripts, SARIF for code
scanning and workflow commands for GitHub Actions annotations.

Each format is one module with ``render(findings, rules) -> str``.  ``rules`` maps a
rule id to its :class:`~factlint.model.RuleInfo` and lists the rules that ran, so a
report can say what was checked even when nothing was found.  Every reporter sorts
findings the same way (path, line, column, rule, message, then the rest), so the same
input always gives byte-identical output.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Mapping, Sequence

from ..model import (  # noqa: F401  (check_findings, sorted_findings: re-exported)
    LEVELS,
    LEVELS_BY_SEVERITY,
    Finding,
    RuleInfo,
    check_findings,
    sorted_findings,
)

#: Output formats ``--format`` accepts, in the order ``--help`` lists them.
FORMATS: tuple[str, ...] = ("text", "json", "sarif", "github", "html")

# ``json`` would shadow the standard library module for anything run from this folder.
_MODULES: dict[str, str] = {
    "text": "text", "json": "json_format", "sarif": "sarif", "github": "github",
    "html": "html",
}
#: Formats that show each finding in its context and so are given the excerpts.
_WITH_EXCERPTS: frozenset[str] = frozenset({"html"})


def render(fmt: str, findings: Sequence[Finding], rules: Mapping[str, RuleInfo], *,
           color: bool = False, excerpts: Mapping | None = None,
           checked: Sequence[str] = ()) -> str:
    """Render ``findings`` in format ``fmt`` (one of :data:`FORMATS`).

    ``color`` adds terminal colours to the text format (the others are read by programs).
    ``excerpts`` (:func:`factlint.claims.excerpt.document_excerpts`) gives the sentence
    around each place and ``checked`` the files checked, for the formats that show them
    (html); the others ignore both.
    """
    try:
        module_name = _MODULES[fmt]
    except KeyError:
        raise ValueError(
            f"unknown output format {fmt!r}; choose one of: {', '.join(FORMATS)}") from None
    module = importlib.import_module(f"{__name__}.{module_name}")
    if fmt == "text" and color:
        return module.render(findings, rules, color=True)
    if fmt in _WITH_EXCERPTS:
        return module.render(findings, rules, excerpts=excerpts or {}, checked=checked)
    return module.render(findings, rules)


#: ``--color`` values.
COLOR_CHOICES: tuple[str, ...] = ("auto", "always", "never")


def use_color(choice: str, stream: object, environ: Mapping[str, str] = os.environ) -> bool:
    """Whether to colour output for ``--color choice``: ``auto`` colours a terminal unless
    ``NO_COLOR`` is set to anything non-empty (no-color.org) or ``TERM`` is ``dumb``."""
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR") or environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def default_format(environ: Mapping[str, str] = os.environ) -> str:
    """``github`` inside GitHub Actions (which sets ``GITHUB_ACTIONS=true``), else ``text``."""
    return "github" if environ.get("GITHUB_ACTIONS", "").lower() == "true" else "text"


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
