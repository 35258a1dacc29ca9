"""``factlint ledger add|correct|search|export``: the ledger of published figures."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import re
import sys
from collections.abc import Sequence

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: A date the sources file may give: the day, or only the month or year when that is all
#: the copy tells.
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
EXPORT_FIELDS = ("id", "key", "path", "line", "column", "end_line", "end_column", "published",
                 "source", "text", "lo", "hi", "qualifier", "unit", "kind", "subject",
                 "claim", "what", "measure", "scope", "time", "statistic", "sentence",
                 "current_text", "current_lo", "current_hi", "corrections")


def _date(value: str) -> str:
    if not _DATE.match(value):
        raise argparse.ArgumentTypeError(f"'{value}' is not a date of the form YYYY-MM-DD")
    try:
        dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{value}': {exc}") from None
    return value


def _add_location_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ledger", metavar="PATH|URL",
                        help="the ledger: a SQLite file or an SQLAlchemy URL "
                             "(default: 'ledger' from the config, else .factlint/ledger.sqlite)")
    parser.add_argument("--config", metavar="FILE",
                        help=".factlint.yaml or pyproject.toml to read instead of looking "
                             "upwards from the working directory")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ledger", help="the ledger of published figures: add, correct, search, export",
        description="Keep every claim of the published copy, so that drafts can be checked "
                    "against it (factlint check --ledger).")
    commands = parser.add_subparsers(dest="ledger_command", metavar="COMMAND")
    parser.set_defaults(run=lambda args: _usage(parser))

    add = commands.add_parser(
        "add", help="store every claim of published files",
        description="Store every claim of the files as published. Re-adding a file replaces "
                    "its claims (in one transaction; corrections are carried over).")
    add.add_argument("paths", nargs="+", metavar="PATH",
                     help="files, or folders (every .txt and .md under them)")
    add.add_argument("--published", type=_date, metavar="DATE",
                     help="publication date, YYYY-MM-DD (default: each file's date in the "
                          "sources file)")
    add.add_argument("--source", metavar="NAME",
                     help="where it was published, e.g. 人民日报 (default: the sources "
                          "file's publisher)")
    add.add_argument("--sources", metavar="FILE",
                     help="sources file with each file's date and publisher (default: "
                          "'sources' from the config)")
    _add_location_options(add)
    from .extract import add_quiet

    add_quiet(add)
    add.set_defaults(run=run_add)

    correct = commands.add_parser(
        "correct", help="record a correction of a published claim (the original is kept)",
        description="Record that a published claim should read VALUE. The ledger keeps the "
                    "original and every correction, in order; checks use the latest.")
    correct.add_argument("id", type=int, metavar="ID", help="the claim's id (ledger search)")
    correct.add_argument("--value", required=True, help="the figure as it should read, "
                                                        "e.g. 400余名")
    correct.add_argument("--reason", required=True, help="why, in the editor's words")
    correct.add_argument("--date", type=_date, metavar="DATE",
                         help="date of the correction, YYYY-MM-DD (default: today)")
    _add_location_options(correct)
    correct.set_defaults(run=run_correct)

    search = commands.add_parser(
        "search", help="find published claims by figure, subject, sentence or document",
        description="List published claims whose figure, subject, sentence, document path "
                    "or source contains TEXT.")
    search.add_argument("text", metavar="TEXT")
    search.add_argument("--limit", type=int, default=50, metavar="N",
                        help="at most N claims (default 50; 0 for all)")
    _add_location_options(search)
    search.set_defaults(run=run_search)

    export = commands.add_parser(
        "export", help="write every claim as CSV or JSON",
        description="Write every claim of the ledger, with its corrections, as CSV or JSON.")
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument("-o", "--output", metavar="FILE",
                        help="write to FILE (atomically) instead of standard output")
    _add_location_options(export)
    export.set_defaults(run=run_export)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _fail(message: object) -> int:
    print(f"factlint: {message}", file=sys.stderr)
    return 2


def _config(args: argparse.Namespace):
    from ..settings.config import load_config

    return load_config(".", config_path=args.config)


def run_add(args: argparse.Namespace) -> int:
    from ..corpus import load_document
    from ..ledger.store import Ledger, LedgerError, Publication, resolve_location
    from ..reporters.progress import for_files
    from ..settings.sources import load_sources, source_for
    from ..settings.yamlload import ConfigError
    from ..text.files import InputError, discover, read_text

    try:
        config = _config(args)
        sources_file = args.sources or config.sources
        sources = load_sources(sources_file)[0] if sources_file else ()
        files = []
        for path in discover(args.paths):
            display = path.replace(os.sep, "/")
            info = source_for(display, sources)
            published = args.published or (info.date if info else None)
            if not published or not _PARTIAL_DATE.match(published):
                raise InputError(display, "no publication date: give --published YYYY-MM-DD "
                                 "or a date for it in the sources file")
            files.append((path, display, read_text(path), published,
                          args.source or (info.publisher if info else ""),
                          info.title if info else ""))
        location = resolve_location(args.ledger, config.ledger)
        with for_files([path for path, *_ in files], args.quiet) as progress:
            publications = []
            for path, display, text, published, source, title in files:
                publications.append(Publication(
                    load_document(display, text, year=int(published[:4])), published,
                    source, title))
                progress.file_done(path, len(text))
            progress.stage("storing", " files", len(publications))
            with Ledger.open(location, create=True) as ledger:
                counts = ledger.add_all(publications)  # all files or, on an error, none
                progress.step("stored", len(publications))
                progress.close()
                for publication, count in zip(publications, counts, strict=True):
                    print(f"{publication.document.path}: {_plural(count, 'claim')}, "
                          f"published {publication.published}"
                          + (f" ({publication.source})" if publication.source else ""))
                documents, claims = ledger.count()
    except (ConfigError, InputError, LedgerError) as exc:
        return _fail(exc)
    print(f"ledger {location}: {_plural(documents, 'document')}, {_plural(claims, 'claim')}")
    return 0


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _figure(value: str):
    """The one amount written in ``value`` (e.g. 400余名), or a ValueError saying why not."""
    from ..corpus import load_document

    found = [q for q in load_document("<value>", value).quantities if q.is_amount]
    if len(found) != 1:
        what = "no figure" if not found else f"{len(found)} figures"
        raise ValueError(f"--value {value!r}: expected one figure with its unit "
                         f"(e.g. 400余名), found {what}")
    return found[0]


def run_correct(args: argparse.Namespace) -> int:
    from ..ledger.store import Ledger, LedgerError, resolve_location
    from ..settings.yamlload import ConfigError

    try:
        figure = _figure(args.value)
        config = _config(args)
        date = args.date or dt.datetime.now(dt.UTC).date().isoformat()
        with Ledger.open(resolve_location(args.ledger, config.ledger)) as ledger:
            correction = ledger.correct(args.id, figure, reason=args.reason, date=date)
    except (ConfigError, LedgerError, ValueError) as exc:
        return _fail(exc)
    print(f"claim {args.id}: corrected to {correction.text} on {correction.date} "
          f"(correction {correction.id})")
    return 0


def _identity(claim) -> dict[str, str]:
    """The claim key's fields, and its label (``选派市·市属高校教职员工·人·数值``); empty
    for a claim of a version 1 ledger that claim identity reads as none."""
    if claim is None:
        return dict.fromkeys(("claim", "what", "measure", "scope", "time", "statistic"), "")
    return {"claim": str(claim), "what": claim.what, "measure": claim.measure,
            "scope": claim.scope, "time": claim.time, "statistic": claim.statistic}


def _rows(claims: Sequence) -> list[dict[str, object]]:
    from ..claims.agree import format_decimal

    def number(value):
        return None if value is None else format_decimal(value)

    rows = []
    for c in claims:
        q, now = c.quantity, c.current
        s = q.span
        rows.append({
            "id": c.id, "key": c.key, "path": c.path, "line": s.line, "column": s.column,
            "end_line": s.end_line, "end_column": s.end_column, "published": c.published,
            "source": c.source, "text": q.text, "lo": number(q.lo), "hi": number(q.hi),
            "qualifier": q.qualifier, "unit": q.unit, "kind": q.kind, "subject": q.subject,
            **_identity(c.claim), "sentence": c.sentence, "current_text": now.text,
            "current_lo": number(now.lo),
            "current_hi": number(now.hi),
            "corrections": [
                {"id": k.id, "previous": k.previous, "text": k.text, "lo": number(k.lo),
                 "hi": number(k.hi), "qualifier": k.qualifier, "unit": k.unit,
                 "reason": k.reason, "date": k.date} for k in c.corrections],
        })
    return rows


def run_search(args: argparse.Namespace) -> int:
    from tabulate import tabulate

    from ..ledger.store import Ledger, LedgerError, resolve_location
    from ..settings.yamlload import ConfigError

    try:
        config = _config(args)
        with Ledger.open(resolve_location(args.ledger, config.ledger)) as ledger:
            found = ledger.search(args.text, limit=args.limit or None)
    except (ConfigError, LedgerError) as exc:
        return _fail(exc)
    if not found:
        print(f"no published claim mentions {args.text!r}")
        return 1
    table = []
    for c in found:
        s = c.quantity.span
        now = " → ".join(k.text for k in c.corrections)
        table.append((c.id, c.published, f"{c.path}:{s.line}:{s.column}", c.quantity.text,
                      now, c.quantity.subject or "", c.source))
    print(tabulate(table, headers=("id", "published", "location", "figure", "corrected to",
                                   "subject", "source"), disable_numparse=True))
    return 0


def render_export(claims: Sequence, fmt: str) -> str:
    """Every claim as CSV (corrections as JSON in one column) or as a JSON list."""
    rows = _rows(claims)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "corrections": json.dumps(row["corrections"],
                                                          ensure_ascii=False)
                         if row["corrections"] else ""})
    return out.getvalue()


def run_export(args: argparse.Namespace) -> int:
    from ..ledger.store import Ledger, LedgerError, resolve_location
    from ..settings.yamlload import ConfigError
    from .output import write_report

    try:
        config = _config(args)
        with Ledger.open(resolve_location(args.ledger, config.ledger)) as ledger:
            claims = ledger.claims()
        write_report(render_export(claims, args.format), args.output)
    except (ConfigError, LedgerError) as exc:
        return _fail(exc)
    except OSError as exc:
        return _fail(f"{args.output}: {exc.strerror or exc}")
    return 0
