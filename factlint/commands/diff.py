"""``factlint diff OLD NEW``: every figure whose value, qualifier or unit changed."""

from __future__ import annotations

import argparse
import os
import sys

from ..model import FAIL_ON_CHOICES, fails
from ..reporters import FORMATS


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "diff", help="compare the figures of two versions of a text",
        description="Align two versions of a text (reflowed, OCR-spaced, reworded, with "
                    "sentences added, cut or moved) and report every figure whose value "
                    "(error), qualifier, unit or kind (warning) changed, and every figure "
                    "found in only one version (info). Findings are placed in NEW; each "
                    "one's related location is the figure in OLD.")
    parser.add_argument("old", metavar="OLD", help="the earlier or reference version "
                        "(- for standard input)")
    parser.add_argument("new", metavar="NEW", help="the version checked against it")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="output format (default: github under GitHub Actions, else text)")
    parser.add_argument("--fail-on", choices=FAIL_ON_CHOICES, default="error",
                        help="exit 1 when a finding is at or above this level (default: error)")
    parser.add_argument("--sources", metavar="FILE",
                        help="sources file giving each file's dateline year, so 2月16日 "
                             "reads as a full date (default: sources.yaml beside each "
                             "file, if present)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the report to FILE (atomically) instead of standard output")
    parser.set_defaults(run=run)


def _year(path: str, explicit: str | None) -> int | None:
    from ..settings.sources import load_sources, year_for

    candidate = explicit or os.path.join(os.path.dirname(path) or ".", "sources.yaml")
    if not os.path.isfile(candidate):
        if explicit:
            from ..text.files import InputError

            raise InputError(explicit, "no such sources file")
        return None
    return year_for(path, load_sources(candidate)[0])


def run(args: argparse.Namespace) -> int:
    from ..corpus import load_document
    from ..reporters import default_format, render
    from ..settings.yamlload import ConfigError
    from ..text.files import InputError, display_name, read_text
    from ..versions.diff import RULES, diff_documents, to_findings
    from .output import write_report

    documents = []
    notes: list[str] = []
    try:
        for path in (args.old, args.new):
            text = read_text(path, notes)
            year = None if path == "-" else _year(path, args.sources)
            documents.append(load_document(display_name(path), text, year=year))
    except (InputError, ConfigError) as exc:
        print(f"factlint: {exc}", file=sys.stderr)
        return 2
    for message in notes:
        print(f"factlint: warning: {message}", file=sys.stderr)
    findings = to_findings(diff_documents(*documents))
    fmt = args.format or default_format()
    excerpts = {}
    if fmt == "html":
        from ..reporters.html import excerpts_for

        excerpts = excerpts_for(findings, documents)
    try:
        write_report(render(fmt, findings, RULES, excerpts=excerpts,
                            checked=[d.path for d in documents]), args.output)
    except OSError as exc:
        print(f"factlint: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    return 1 if any(fails(f.level, args.fail_on) for f in findings) else 0
