"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run; ``tool.driver.rules`` lists every rule that ran (sorted by id, which fixes
each ``ruleIndex``).  Paths stay relative: a relative path becomes a percent-encoded URI
against ``%SRCROOT%``, the directory factlint ran in, whose absolute location is left
out on purpose (reports must not depend on where a checkout lives; GitHub resolves
relative URIs against the repository root).  An absolute path the user gave becomes a
``file://`` URI.

Fingerprints: GitHub code scanning matches alerts across runs by
``partialFingerprints.primaryLocationLineHash``, which ``github/codeql-action/upload-sarif``
computes itself from the file's contents and warns about when a tool's value differs, so
factlint does not imitate it.  It sends its own ``factlintFindingHash/v1`` instead: a hash
of the rule id, the path and the finding's text with width and spacing normalised (NFKC,
whitespace removed), plus an occurrence counter, so the identity survives lines moving
but changes when the figure itself changes.

Fixes: a finding whose rule offers a repair carries it as SARIF ``fixes`` (one
``artifactChange`` with ``replacements``: the ``deletedRegion`` and its
``insertedContent``); ``properties.safe`` says whether factlint proved it harmless.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import unicodedata
from collections.abc import Mapping, Sequence
from urllib.parse import quote

from .. import __version__
from ..model import Finding, Fix, Location, RuleInfo
from . import one_line, sorted_findings

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "factlintFindingHash/v1"
#: SARIF has no "info"; its closest level is "note".
SARIF_LEVELS: dict[str, str] = {"error": "error", "warning": "warning", "info": "note"}
#: GitHub rejects longer rule descriptions.
MAX_DESCRIPTION = 1024

_MARKUP = re.compile(r"([\\\[\]])")
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")
_SENTENCE_END = re.compile(r"(?<=[。！？])|(?<=[.!?])\s")


def artifact_location(path: str) -> dict:
    """SARIF ``artifactLocation`` for ``path``: relative to %SRCROOT%, forward slashes."""
    posix = path.replace("\\", "/")
    if _WINDOWS_DRIVE.match(posix) or posix.startswith("/"):
        if not posix.startswith("/"):
            posix = "/" + posix  # C:/x → file:///C:/x
        return {"uri": "file://" + quote(posix, safe="/:")}
    while posix.startswith("./"):
        posix = posix[2:]
    return {"uri": quote(posixpath.normpath(posix), safe="/"), "uriBaseId": SRCROOT}


def _clip(text: str) -> str:
    return text if len(text) <= MAX_DESCRIPTION else text[: MAX_DESCRIPTION - 1] + "…"


def _short_description(description: str) -> str:
    first_paragraph = description.strip().split("\n\n")[0]
    first_line = " ".join(first_paragraph.split())
    return _clip(_SENTENCE_END.split(first_line, maxsplit=1)[0].strip())


def _descriptor(info: RuleInfo) -> dict:
    description = info.description.strip()
    if not description:
        raise ValueError(
            f"rule {info.id!r} has no description; SARIF readers such as GitHub code "
            "scanning need one for shortDescription and fullDescription")
    help_text = description if not info.link else f"{description}\n\nSee {info.link}"
    descriptor: dict = {
        "id": info.id,
        "shortDescription": {"text": _short_description(description)},
        "fullDescription": {"text": _clip(description)},
        "defaultConfiguration": {"level": SARIF_LEVELS[info.level]},
        "help": {"text": help_text},
    }
    if info.link:
        descriptor["helpUri"] = info.link
    return descriptor


def _location(loc: Location) -> dict:
    """A SARIF ``location``: physical, plus a logical location for a Word paragraph.

    A .docx has no lines: its region counts paragraphs as lines (``startLine`` 12 is ¶12,
    columns are characters of that paragraph), since GitHub code scanning needs a
    ``startLine`` for every result, and the logical location names the place as an
    editor does: ``¶12``, or ``table 1, row 2, cell 3, ¶14`` as its full name.
    """
    location: dict = {"physicalLocation": _physical_location(loc)}
    if loc.logical:
        location["logicalLocations"] = [{"name": loc.logical.rsplit(", ", 1)[-1],
                                         "fullyQualifiedName": loc.logical,
                                         "kind": "element"}]
    return location


def _physical_location(loc: Location) -> dict:
    region: dict = {
        "startLine": loc.line,
        "startColumn": loc.column,
        "endLine": loc.end_line,
        "endColumn": loc.end_column,
    }
    if loc.text:
        region["snippet"] = {"text": loc.text}
    return {"artifactLocation": artifact_location(loc.path), "region": region}


def _escape_markup(text: str) -> str:
    # SARIF message strings may embed links ``[text](id)``; literal brackets are escaped.
    return _MARKUP.sub(r"\\\1", text)


def _label(loc: Location) -> str:
    where = loc.position()
    return f"{where} {one_line(loc.text)}" if loc.text else where


def _message(finding: Finding) -> str:
    text = _escape_markup(finding.message)
    if finding.related:
        links = "; ".join(f"[{_escape_markup(_label(loc))}]({index})"
                          for index, loc in enumerate(finding.related, start=1))
        text = f"{text} (related: {links})"
    return text


def _normalised(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def fingerprint_base(finding: Finding) -> str:
    """Hash of rule, path and normalised text: no line numbers, so moves keep it."""
    loc = finding.location
    text = _normalised(loc.text) or _normalised(finding.message)
    path = artifact_location(loc.path)["uri"]
    payload = "\x1f".join((finding.rule, path, text)).encode("utf-8")
    return hashlib.sha256(payload).hexdigest()[:32]


def _fix(fix: Fix) -> dict:
    """SARIF ``fix``: one ``artifactChange`` per file, regions 1-based, end exclusive."""
    changes: dict[str, list[dict]] = {}
    for r in fix.replacements:
        changes.setdefault(r.path, []).append({
            "deletedRegion": {"startLine": r.line, "startColumn": r.column,
                              "endLine": r.end_line, "endColumn": r.end_column},
            "insertedContent": {"text": r.new},
        })
    kind = "proven to keep every figure's meaning" if fix.safe else \
        "a suggestion factlint cannot prove keeps the meaning"
    return {
        "description": {"text": f"{fix.description} ({kind})"},
        "artifactChanges": [{"artifactLocation": artifact_location(path),
                             "replacements": replacements}
                            for path, replacements in changes.items()],
        "properties": {"safe": fix.safe},
    }


def _result(finding: Finding, rule_index: int, fingerprint: str) -> dict:
    result: dict = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": SARIF_LEVELS[finding.level],
        "message": {"text": _message(finding)},
        "locations": [_location(finding.location)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if finding.fix is not None:
        result["fixes"] = [_fix(finding.fix)]
    if finding.related:
        result["relatedLocations"] = [
            {"id": index, **_location(loc), "message": {"text": _label(loc)}}
            for index, loc in enumerate(finding.related, start=1)
        ]
    return result


def render(findings: Sequence[Finding], rules: Mapping[str, RuleInfo]) -> str:
    """The SARIF log as indented JSON, newline-terminated."""
    for key, info in rules.items():
        if key != info.id:
            raise ValueError(f"rules mapping key {key!r} names rule {info.id!r}")
    rule_ids = sorted(rules)
    rule_index = {rule_id: index for index, rule_id in enumerate(rule_ids)}
    ordered = sorted_findings(findings)
    seen: dict[str, int] = {}
    results = []
    for finding in ordered:
        if finding.rule not in rule_index:
            loc = finding.location
            raise ValueError(
                f"{loc.path}:{loc.line}:{loc.column}: finding of rule {finding.rule!r}, "
                "which is not among the rules given to the SARIF reporter")
        base = fingerprint_base(finding)
        seen[base] = seen.get(base, 0) + 1
        results.append(_result(finding, rule_index[finding.rule], f"{base}:{seen[base]}"))
    log = {
        "$schema": SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "factlint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_descriptor(rules[rule_id]) for rule_id in rule_ids],
            }},
            "originalUriBaseIds": {SRCROOT: {"description": {
                "text": "The directory factlint ran in; relative paths are resolved "
                        "against it (in CI, the repository root)."}}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
