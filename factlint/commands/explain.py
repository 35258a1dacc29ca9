"""``factlint explain FILE:LINE:COL``: why a figure was (or was not) compared with others.

Prints, for the figure at that place, its reading, its claim key and frame (what,
measure, scope, time, statistic, where it stands), the figures the ``restatement``
check matched it with and on what evidence, and the nearest figures it was not
matched with and why not.  The output is deterministic: the same file gives the
same text.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys

from ..claims.agree import describe
from ..model import Document, Quantity

_PLACE = re.compile(r"^(?P<path>.+?):(?P<line>[1-9][0-9]*):(?P<col>[1-9][0-9]*)$")
_STATISTIC_WORDS = {"value": "value", "total": "total", "increase": "increase",
                    "decrease": "decrease", "share": "share of a whole", "rate": "rate",
                    "per-capita": "per capita / average", "rank": "rank"}


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "explain", help="show how a figure was read and which figures it was compared with",
        description="For the figure at FILE:LINE:COL (1-based; the column may point "
                    "anywhere inside the figure) print its reading, its claim key and "
                    "frame, the figures the restatement check matched it with and why, and "
                    "the nearest figures it was not matched with and why not.")
    parser.add_argument("place", metavar="FILE:LINE:COL", help="where the figure stands")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--sources", metavar="FILE",
                        help="sources file giving the file's dateline year "
                             "(default: sources.yaml beside the file, if present)")
    parser.set_defaults(run=run)


def figure_at(document: Document, line: int, column: int) -> int | None:
    """Index of the quantity of ``document`` covering ``line:column``, or None."""
    for index, q in enumerate(document.quantities):
        s = q.span
        if (s.line, s.column) <= (line, column) < (s.end_line, s.end_column):
            return index
    return None


def _where(q: Quantity) -> str:
    return f"{q.span.path}:{q.span.line}:{q.span.column}"


def _written(q: Quantity) -> str:
    return " ".join(q.text.split())


def explanation_record(document: Document, index: int) -> dict[str, object]:
    """The explanation of figure ``index`` as plain data (what ``--format json`` prints)."""
    from ..rules.restatement import Relations, explain

    relations = Relations(document)
    result = explain(relations, index)
    frame, q = result.frame, document.quantities[index]
    key = frame.key
    quantities = document.quantities

    def other(i: int) -> dict[str, object]:
        return {"location": _where(quantities[i]), "text": _written(quantities[i])}

    return {
        "location": _where(q), "text": _written(q), "reading": describe(q),
        "kind": q.kind, "qualifier": q.qualifier, "unit": q.unit,
        "claim": None if key is None else {
            "key": str(key), "what": key.what, "measure": key.measure, "scope": key.scope,
            "time": key.time, "statistic": key.statistic},
        "no_claim": frame.no_key or None,
        "place": ("title" if frame.title else "sub-headline" if frame.headline
                  else f"body paragraph {frame.body_paragraph}" if frame.body_paragraph >= 1
                  else f"paragraph {frame.paragraph + 1}") + (" (lead)" if frame.lead else ""),
        "list_item": frame.parallel,
        "anaphor": frame.anaphor or None,
        "matched": [{**other(m.other), "evidence": m.evidence, "agrees": m.verdict.agrees,
                     "verdict": m.verdict.reason} for m in result.matches],
        "not_matched": [{**other(i), "why": why} for i, why in result.unmatched],
        "finding": None if result.reported is None else {
            "against": _where(quantities[result.reported.other]),
            "evidence": result.reported.evidence},
    }


def render_text(record: dict[str, object]) -> str:
    lines = [f"{record['location']}  {record['text']}",
             f"  reading:    {record['reading']}; {record['kind']}, {record['qualifier']}"]
    claim = record["claim"]
    if claim is None:
        lines.append(f"  claim:      none ({record['no_claim']}); never compared")
    else:
        assert isinstance(claim, dict)
        lines += [f"  claim:      {claim['key']}",
                  f"    what:      {claim['what']}",
                  f"    measure:   {claim['measure']}",
                  f"    scope:     {claim['scope'] or '(not stated)'}",
                  f"    time:      {claim['time'] or '(not stated)'}",
                  f"    statistic: {_STATISTIC_WORDS[str(claim['statistic'])]}"]
    lines.append(f"  place:      {record['place']}")
    if record["list_item"]:
        lines.append("  structure:  one item of a list or table: never compared")
    if record["anaphor"]:
        lines.append(f"  anaphor:    {record['anaphor']} (points back to an earlier figure)")
    matched = record["matched"]
    assert isinstance(matched, list)
    lines.append("matched with:" if matched else "matched with: nothing")
    for m in matched:
        verdict = "agrees" if m["agrees"] else "DISAGREES"
        lines.append(f"  {m['location']}  {m['text']}  evidence: {m['evidence']}; "
                     f"{verdict} ({m['verdict']})")
    unmatched = record["not_matched"]
    assert isinstance(unmatched, list)
    if unmatched:
        lines.append("not matched (nearest figures):")
        lines += [f"  {u['location']}  {u['text']}  {u['why']}" for u in unmatched]
    finding = record["finding"]
    if isinstance(finding, dict):
        lines.append(f"finding: restatement against {finding['against']} "
                     f"(evidence: {finding['evidence']})")
    else:
        lines.append("finding: none")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from ..corpus import load_document
    from ..settings.sources import year_for
    from ..settings.yamlload import ConfigError
    from ..text.files import InputError, read_text
    from .extract import _sources_for

    match = _PLACE.match(args.place)
    if not match:
        print(f"factlint explain: expected FILE:LINE:COL, not {args.place!r}", file=sys.stderr)
        return 2
    path, line, column = match["path"], int(match["line"]), int(match["col"])
    try:
        text = read_text(path)
        display = path.replace(os.sep, "/")
        year = year_for(display, _sources_for(path, args.sources, {}))
    except (InputError, ConfigError) as exc:
        print(f"factlint explain: {exc}", file=sys.stderr)
        return 2
    document = load_document(display, text, year=year)
    index = figure_at(document, line, column)
    if index is None:
        on_line = [f"{q.span.column} {_written(q)}" for q in document.quantities
                   if q.span.line == line]
        hint = ("; figures on that line start at columns: " + ", ".join(on_line)) if on_line \
            else "; there is no figure on that line"
        print(f"factlint explain: {path}:{line}:{column}: no figure there{hint}",
              file=sys.stderr)
        return 2
    record = explanation_record(document, index)
    if args.format == "json":
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_text(record))
    return 0
