"""``factlint diff OLD NEW``: every figure whose value, qualifier or unit changed.

``factlint diff draft.docx`` (one Word file) compares the document before its
tracked changes with the document after them: the figures the editor changed.
"""

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
                    "one's related location is the figure in OLD. With one Word file, "
                    "compares its text before and after its tracked changes.")
    parser.add_argument("old", metavar="OLD", help="the earlier or reference version "
                        "(- for standard input); or one .docx whose tracked changes are "
                        "compared")
    parser.add_argument("new", metavar="NEW", nargs="?", default=None,
                        help="the version checked against it")
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
    from .extract import add_format_in, add_quiet

    add_format_in(parser)
    add_quiet(parser)
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


def _versions(args: argparse.Namespace) -> list[tuple[str, str]]:
    """(path, version) of the two sides: two files, or one Word file before/after."""
    from ..text.source import format_of

    if args.new is not None:
        return [(args.old, "after"), (args.new, "after")]
    if args.old == "-" or format_of(args.old, args.format_in) != "docx":
        raise SystemExit("factlint diff: give OLD and NEW, or one .docx file to compare "
                         "its text before and after its tracked changes")
    return [(args.old, "before"), (args.old, "after")]


def run(args: argparse.Namespace) -> int:
    from ..corpus import document_of, load_document
    from ..reporters import default_format, render
    from ..reporters.progress import for_files
    from ..settings.yamlload import ConfigError
    from ..text.files import InputError, display_name, read_bytes, read_text
    from ..text.readers import ReadOptions, read_source
    from ..text.source import format_of
    from ..versions.diff import DIFF_STEPS, RULES, diff_documents, to_findings
    from .output import write_report

    try:
        sides = _versions(args)
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        return 2
    options = ReadOptions(format=args.format_in)
    documents = []
    notes: list[str] = []
    progress = for_files(list(dict.fromkeys(path for path, _ in sides)), args.quiet)
    try:
        if args.new is None:
            from ..text.docx import has_tracked_changes

            if not has_tracked_changes(read_bytes(args.old), args.old):
                print(f"factlint: {args.old} has no tracked changes: nothing to compare",
                      file=sys.stderr)
        for number, (path, version) in enumerate(sides):
            year = None if path == "-" else _year(path, args.sources)
            if path != "-" and format_of(path, args.format_in) != "txt":
                prose = read_source(path, options, display=display_name(path),
                                    version=version)
                documents.append(document_of(prose, year=year))
            else:
                text = read_text(path, notes)
                documents.append(load_document(display_name(path), text, year=year))
            if number == 0 and args.new is None:  # one Word file, both sides: half done
                progress.part_done(path, 0.5)
            else:
                progress.file_done(path, len(documents[-1].text))
    except (InputError, ConfigError) as exc:
        progress.close()
        print(f"factlint: {exc}", file=sys.stderr)
        return 2
    for message in notes:
        print(f"factlint: warning: {message}", file=sys.stderr)
    with progress:
        progress.stage("comparing", total=len(DIFF_STEPS))
        findings = to_findings(diff_documents(*documents, on_step=progress.step))
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
