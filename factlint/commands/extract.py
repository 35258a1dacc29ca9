"""``factlint extract PATH...``: list every quantity and what it means."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections.abc import Iterable, Sequence
from decimal import Decimal

from ..model import Location, Quantity, SourceInfo

FIELDS = ("path", "line", "column", "end_line", "end_column", "text", "lo", "hi",
          "qualifier", "unit", "kind", "subject", "iso")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract", help="list every quantity in the files and what it means",
        description="List every quantity in the files: value interval, qualifier, unit, "
                    "kind, subject, and for dates an ISO value.")
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="files, or folders (every .txt, .md, .html and .docx under them)")
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table")
    parser.add_argument("--sources", metavar="FILE",
                        help="sources file giving each file's dateline year "
                             "(default: sources.yaml beside each file, if present)")
    add_format_in(parser)
    parser.set_defaults(run=run)


def add_format_in(parser: argparse.ArgumentParser) -> None:
    """``--format-in``: read every file as one format instead of by its suffix."""
    from ..text.source import FORMATS as INPUT_FORMATS

    parser.add_argument("--format-in", choices=INPUT_FORMATS, default=None,
                        help="read the files as this format instead of by suffix "
                             "(.txt, .md/.markdown, .html/.htm, .docx)")


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def as_record(q: Quantity) -> dict[str, object]:
    """The JSON/CSV record of one quantity (keys: :data:`FIELDS`)."""
    s = q.span
    record = {"path": s.path, "line": s.line, "column": s.column, "end_line": s.end_line,
              "end_column": s.end_column, "text": q.text, "lo": _decimal(q.lo),
              "hi": _decimal(q.hi), "qualifier": q.qualifier, "unit": q.unit,
              "kind": q.kind, "subject": q.subject, "iso": q.iso}
    if s.logical:  # Word: line is the paragraph number; added only there (JSON stays as was)
        record["logical"] = s.logical
    return record


def _interval(q: Quantity) -> str:
    if q.iso is not None:
        return q.iso
    if q.lo is None and q.hi is None:
        return ""
    lo = "" if q.lo is None else _decimal(q.lo)
    hi = "" if q.hi is None else _decimal(q.hi)
    return lo if lo == hi else f"[{lo}, {hi or '∞'})" if q.hi is None else f"[{lo}, {hi}]"


def render(quantities: Sequence[Quantity], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([as_record(q) for q in quantities], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        # Word files add a "logical" column (e.g. "table 1, row 2, cell 3, ¶14").
        fields = FIELDS + (("logical",) if any(q.span.logical for q in quantities) else ())
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for q in quantities:
            writer.writerow(as_record(q))
        return out.getvalue()
    from tabulate import tabulate

    rows = [(Location.of(q.span, "").position(), q.text.replace("\n", "⏎"),
             _interval(q), q.qualifier, q.unit or "", q.kind, q.subject or "")
            for q in quantities]
    return tabulate(rows, headers=("location", "text", "value", "qualifier", "unit", "kind",
                                   "subject"), disable_numparse=True) + "\n"


def _sources_for(path: str, explicit: str | None,
                 cache: dict[str, tuple[SourceInfo, ...]]) -> tuple[SourceInfo, ...]:
    from ..settings.sources import load_sources

    candidate = explicit or os.path.join(os.path.dirname(path) or ".", "sources.yaml")
    if candidate not in cache:
        cache[candidate] = load_sources(candidate)[0] if os.path.isfile(candidate) else ()
    return cache[candidate]


def extract_files(paths: Iterable[str], sources: str | None = None,
                  format_in: str | None = None) -> tuple[list[Quantity], list[str]]:
    """Quantities of every file, and error messages for files that could not be read."""
    from ..corpus import document_of
    from ..settings.sources import year_for
    from ..text.files import InputError
    from ..text.readers import ReadOptions, read_source, select_files

    options = ReadOptions(format=format_in)
    quantities: list[Quantity] = []
    errors: list[str] = []
    cache: dict[str, tuple[SourceInfo, ...]] = {}
    for path in select_files(paths, options):
        display = path.replace(os.sep, "/")
        try:
            prose = read_source(path, options, display=display)
        except InputError as exc:
            errors.append(str(exc))
            continue
        year = year_for(display, _sources_for(path, sources, cache))
        quantities.extend(document_of(prose, year=year).quantities)
    return quantities, errors


def run(args: argparse.Namespace) -> int:
    from ..settings.yamlload import ConfigError

    try:
        quantities, errors = extract_files(args.paths, args.sources, args.format_in)
    except ConfigError as exc:
        print(f"factlint: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(render(quantities, args.format))
    for message in errors:
        print(f"factlint: {message}", file=sys.stderr)
    return 2 if errors else 0
