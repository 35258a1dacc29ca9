"""Baselines: adopt factlint on an existing archive by reporting only new findings.

``factlint check --write-baseline FILE`` records every finding of today's run;
``factlint check --baseline FILE`` then drops the findings recorded there and
reports (and fails on) only the rest.  A finding is recorded by the SARIF
reporter's line-free fingerprint (:func:`factlint.reporters.sarif.fingerprint_base`:
rule id, path and the finding's text with width and spacing normalised) plus its
occurrence number among findings with the same fingerprint, so inserting or
deleting lines above a finding keeps it recognised, while changing the figure
itself makes it new.

The file is JSON, sorted and newline-terminated so it diffs well under version
control::

    {"version": 1, "findings": [{"fingerprint": "…:1", "rule": "usage-range-scale",
                                 "path": "copy/a.txt", "text": "3～5万"}]}

``rule``, ``path`` and ``text`` are there for people reading the file; only
``fingerprint`` is matched.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from ..model import Finding
from ..reporters.sarif import fingerprint_base
from ..settings.yamlload import ConfigError

__all__ = ["BASELINE_VERSION", "fingerprints", "load_baseline", "new_findings", "write_baseline"]

BASELINE_VERSION = 1


def fingerprints(findings: Iterable[Finding]) -> list[tuple[str, Finding]]:
    """(fingerprint, finding) in report order; equal bases are numbered 1, 2, …"""
    from ..model import sorted_findings

    seen: dict[str, int] = {}
    result = []
    for finding in sorted_findings(findings):
        base = fingerprint_base(finding)
        seen[base] = seen.get(base, 0) + 1
        result.append((f"{base}:{seen[base]}", finding))
    return result


def write_baseline(path: str, findings: Sequence[Finding]) -> int:
    """Record ``findings`` in ``path`` (atomically); returns how many were recorded."""
    from ..text.writing import write_atomic_new

    entries = [{"fingerprint": fp, "rule": f.rule, "path": f.location.path,
                "text": f.location.text} for fp, f in fingerprints(findings)]
    entries.sort(key=lambda e: (e["path"], e["rule"], e["fingerprint"]))
    text = json.dumps({"version": BASELINE_VERSION, "findings": entries},
                      ensure_ascii=False, indent=2) + "\n"
    write_atomic_new(path, text.encode("utf-8"))
    return len(entries)


def load_baseline(path: str) -> frozenset[str]:
    """The fingerprints recorded in ``path``; ConfigError naming the file if it is not one."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise ConfigError(path, 0, 0, "baseline file not found (write one with "
                          "--write-baseline)") from None
    except OSError as exc:
        raise ConfigError(path, 0, 0, exc.strerror or str(exc)) from None
    except json.JSONDecodeError as exc:
        raise ConfigError(path, exc.lineno, exc.colno, f"not a baseline: {exc.msg}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(path, 0, 0, f"not UTF-8 (byte {exc.start})") from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION \
            or not isinstance(data.get("findings"), list):
        raise ConfigError(path, 1, 1, f"not a factlint baseline (expected an object with "
                          f"version {BASELINE_VERSION} and a findings list)")
    result = set()
    for index, entry in enumerate(data["findings"]):
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise ConfigError(path, 0, 0, f"finding {index + 1} has no fingerprint string")
        result.add(entry["fingerprint"])
    return frozenset(result)


def new_findings(findings: Sequence[Finding], baseline: frozenset[str]) -> list[Finding]:
    """The findings of ``findings`` whose fingerprint is not in ``baseline``."""
    return [finding for fp, finding in fingerprints(findings) if fp not in baseline]
