"""GitHub Actions workflow commands: each finding becomes an annotation on the file.

``::error file=P,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MESSAGE`` (``warning``
stays ``warning``, ``info`` becomes ``notice``).  Escaping follows the Actions runner's
parser (``ActionCommand`` in actions/runner): in the message ``%``, CR and LF become
``%25 %0D %0A``; property values also escape ``:`` and ``,``, which would otherwise end
the property list or the value.  Related places are added to the message on their own
lines, since an annotation has one location only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..model import Finding, RuleInfo
from . import one_line, sorted_findings

COMMANDS: dict[str, str] = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message; ``%`` first so the other escapes stay intact."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file``, ``title``): also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(finding: Finding) -> str:
    loc = finding.location
    properties = [("file", loc.path), ("line", str(loc.line))]
    # The runner drops col/endColumn when the span covers more than one line, so only
    # send them where they will be used.
    if loc.end_line == loc.line:
        properties += [("col", str(loc.column)), ("endLine", str(loc.end_line)),
                       ("endColumn", str(loc.end_column))]
    else:
        properties.append(("endLine", str(loc.end_line)))
    properties.append(("title", finding.rule))
    message = finding.message
    for related in finding.related:
        message += (f"\nrelated: {related.path}:{related.line}:{related.column}: "
                    f"{one_line(related.text)}")
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMANDS[finding.level]} {props}::{escape_data(message)}"


def render(findings: Sequence[Finding], rules: Mapping[str, RuleInfo]) -> str:
    """One workflow command per finding, newline-terminated; empty when nothing was found."""
    return "".join(_command(finding) + "\n" for finding in sorted_findings(findings))
