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

from ..model import Quantity, SourceInfo

FIELDS = ("path", "line", "column", "end_line", "end_column", "text", "lo", "hi",
          "qualifier", "unit", "kind", "subject", "iso")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract", help="list every quantity in the files and what it means",
        description="List every quantity in the files: value interval, qualifier, unit, "
                    "kind, subject, and for dates an ISO value.")
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="files, or folders (every .txt and .md under them)")
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table")
    parser.add_argument("--sources", metavar="FILE",
                        help="sources file giving each file's dateline year "
                             "(default: sources.yaml beside each file, if present)")
    parser.set_defaults(run=run)


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def as_record(q: Quantity) -> dict[str, object]:
    """The JSON/CSV record of one quantity (keys: :data:`FIELDS`)."""
    s = q.span
    return {"path": s.path, "line": s.line, "column": s.column, "end_line": s.end_line,
            "end_column": s.end_column, "text": q.text, "lo": _decimal(q.lo),
            "hi": _decimal(q.hi), "qualifier": q.qualifier, "unit": q.unit, "kind": q.kind,
            "subject": q.subject, "iso": q.iso}


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
        writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        for q in quantities:
            writer.writerow(as_record(q))
        return out.getvalue()
    from tabulate import tabulate

    rows = [(f"{q.span.path}:{q.span.line}:{q.span.column}", q.text.replace("\n", "⏎"),
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


def extract_files(paths: Iterable[str], sources: str | None = None
                  ) -> tuple[list[Quantity], list[str]]:
    """Quantities of every file, and error messages for files that could not be read."""
    from ..corpus import load_document
    from ..settings.sources import year_for
    from ..text.files import InputError, discover, read_text

    quantities: list[Quantity] = []
    errors: list[str] = []
    cache: dict[str, tuple[SourceInfo, ...]] = {}
    for path in discover(paths):
        display = path.replace(os.sep, "/")
        try:
            text = read_text(path)
        except InputError as exc:
            errors.append(str(exc))
            continue
        year = year_for(display, _sources_for(path, sources, cache))
        quantities.extend(load_document(display, text, year=year).quantities)
    return quantities, errors


def run(args: argparse.Namespace) -> int:
    from ..settings.yamlload import ConfigError

    try:
        quantities, errors = extract_files(args.paths, args.sources)
    except ConfigError as exc:
        print(f"factlint: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(render(quantities, args.format))
    for message in errors:
        print(f"factlint: {message}", file=sys.stderr)
    return 2 if errors else 0
