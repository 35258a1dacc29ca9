"""JSON for scripts: every finding with both ends of each span, plus the summary counts.

Shape (``version`` changes only when a field is removed or changes meaning)::

    {"version": 1,
     "findings": [{"rule", "level", "message", "path", "line", "column",
                   "end_line", "end_column", "text",
                   "related": [{"path", "line", "column", "end_line", "end_column", "text"}],
                   "fix": {"description", "safe",            (only when the rule offers one)
                           "replacements": [{"path", "start", "end", "line", "column",
                                             "end_line", "end_column", "old", "new"}]}}],
     "summary": {"total", "files", "by_level": {...}, "by_rule": {...}}}

Columns are 1-based code points and ``end_column`` is exclusive, as everywhere in factlint.
A fix's ``start``/``end`` are code-point offsets into the decoded file; ``safe`` is true
when factlint proved the fix keeps every figure's meaning (``factlint fix`` applies only
those; the others are suggestions).
For a Word file ``line`` is the paragraph number and each location gains ``"logical"``
(``"¶12"``, ``"table 1, row 2, cell 3, ¶14"``); other files' records are unchanged.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence

from ..model import Finding, Fix, Location, RuleInfo
from . import sorted_findings, summarize

#: Bumped when a field is removed or changes meaning (adding one is compatible).
SCHEMA_VERSION = 1


def _location(loc: Location) -> dict:
    record = {
        "path": loc.path,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "text": loc.text,
    }
    if loc.logical:
        record["logical"] = loc.logical
    return record


def fix_data(fix: Fix) -> dict:
    """A :class:`~factlint.model.Fix` as plain JSON data (also used by editors' servers)."""
    return {
        "description": fix.description,
        "safe": fix.safe,
        "replacements": [dataclasses.asdict(r) for r in fix.replacements],
    }


def _finding(finding: Finding) -> dict:
    loc = _location(finding.location)
    data = {
        "rule": finding.rule,
        "level": finding.level,
        "message": finding.message,
        **loc,
        "related": [_location(related) for related in finding.related],
    }
    if finding.fix is not None:
        data["fix"] = fix_data(finding.fix)
    return data


def render(findings: Sequence[Finding], rules: Mapping[str, RuleInfo]) -> str:
    """The JSON report, indented, UTF-8 text as is (not ``\\u`` escapes), newline-terminated."""
    ordered = sorted_findings(findings)
    document = {
        "version": SCHEMA_VERSION,
        "findings": [_finding(finding) for finding in ordered],
        "summary": summarize(ordered),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
