"""Plain text for people: one ``path:line:col: level rule message`` line per finding.

That shape is what editors and terminals (Vim's quickfix, Emacs compile mode, VS Code's
problem matchers) recognise, so a user can jump straight to the figure.  Related places
follow, indented, so both sides of a contradiction are visible; a table of findings by
rule and level ends the report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tabulate import tabulate

from ..model import Finding, Location, RuleInfo
from . import LEVELS_BY_SEVERITY, one_line, sorted_findings, summarize, summary_line


def _position(loc: Location) -> str:
    # path:line:col; a Word file shows path:¶paragraph:col (see Location.position).
    return loc.position()


# SGR codes: bold for the place, a colour per level; reset after each.
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
_LEVEL_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{_RESET}" if color else text


def _summary_table(summary: Mapping) -> str:
    rows = [
        [rule, *(counts[lvl] for lvl in LEVELS_BY_SEVERITY), counts["total"]]
        for rule, counts in summary["by_rule"].items()
    ]
    rows.append(["total", *(summary["by_level"][lvl] for lvl in LEVELS_BY_SEVERITY),
                 summary["total"]])
    return tabulate(rows, headers=["rule", *LEVELS_BY_SEVERITY, "total"], tablefmt="simple")


def render(findings: Sequence[Finding], rules: Mapping[str, RuleInfo], *,
           color: bool = False) -> str:
    """The text report; ``rules`` are the rules that ran (named when nothing was found).

    ``color`` adds ANSI colours (place bold, level coloured, related places dim); the
    text is otherwise the same.
    """
    ordered = sorted_findings(findings)
    summary = summarize(ordered)
    if not ordered:
        if not rules:
            return "no findings (no rules were run)\n"
        return (f"no findings: 0 errors, 0 warnings, 0 info from "
                f"{len(rules)} rule{'' if len(rules) == 1 else 's'} "
                f"({', '.join(sorted(rules))})\n")
    lines: list[str] = []
    for finding in ordered:
        place = _paint(_position(finding.location), _BOLD, color)
        level = _paint(finding.level, _LEVEL_COLORS[finding.level], color)
        lines.append(f"{place}: {level} {finding.rule} {one_line(finding.message)}")
        for related in finding.related:
            lines.append(_paint(f"  {_position(related)}: related: {one_line(related.text)}",
                                _DIM, color))
    lines.append("")
    lines.append(_summary_table(summary))
    lines.append("")
    lines.append(summary_line(summary))
    return "\n".join(lines) + "\n"
