"""``factlint extract PATH...``: list every quantity and what it means.

Output is streamed: each file (and each bounded chunk of a very large file) is read,
extracted and printed before the next, so memory stays bounded by the largest chunk,
not by the input.  See :func:`iter_quantities`.
"""

from __future__ import annotations

import argparse
import bisect
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import IO, TYPE_CHECKING

from ..model import Quantity, SourceInfo, Span, evolve

if TYPE_CHECKING:
    from ..reporters.progress import Progress

FIELDS = ("path", "line", "column", "end_line", "end_column", "text", "lo", "hi",
          "qualifier", "unit", "kind", "subject", "iso")
TABLE_HEADERS = ("location", "text", "value", "qualifier", "unit", "kind", "subject")

#: Characters above which a file is extracted in chunks of about this size.
CHUNK_CHARS = 1 << 20
#: How far past CHUNK_CHARS a chunk may run to end at a sentence or line end.
_CUT_WINDOW = 1 << 16
#: A chunk may end after one of these.  Not after a line break: OCR gap joining reads
#: "1\n\n2" as 12, so a figure can span one; nor after ， or ．, which NFKC turns into a
#: thousands separator and a decimal point.
_SENTENCE_ENDS = "。！？!?；;"
#: Characters that write numbers or qualify them (余, 左右, 以上): a chunk never ends
#: between two letters if either is one.
_NUMERALS = frozenset("零〇○一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟萬億兩"
                      "余多左右上下以来近约逾超过")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract", help="list every quantity in the files and what it means",
        description="List every quantity in the files: value interval, qualifier, unit, "
                    "kind, subject, and for dates an ISO value.")
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="files, or folders (every .txt, .md, .html and .docx under "
                             "them); - reads standard input")
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table")
    parser.add_argument("--sources", metavar="FILE",
                        help="sources file giving each file's dateline year "
                             "(default: sources.yaml beside each file, if present)")
    add_format_in(parser)
    add_quiet(parser)
    parser.set_defaults(run=run)


def add_quiet(parser: argparse.ArgumentParser) -> None:
    """``-q/--quiet``: no progress bar (one shows only on a terminal, never under CI)."""
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bar (it only ever shows on a terminal)")


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


def table_row(q: Quantity) -> tuple[str, ...]:
    """The cells of one quantity in the table format."""
    return (q.span.position(), q.text.replace("\n", "⏎"),
            _interval(q), q.qualifier, q.unit or "", q.kind, q.subject or "")


def render(quantities: Sequence[Quantity], fmt: str) -> str:
    """The whole output for ``quantities`` in one string (see :func:`write` to stream)."""
    import io

    out = io.StringIO()
    write(quantities, fmt, out)
    return out.getvalue()


def write(quantities: Iterable[Quantity], fmt: str, out: IO[str]) -> None:
    """Write ``quantities`` in ``fmt`` as they come; only the table, whose columns are as
    wide as their widest cell, keeps its rows until the end, in a temporary file."""
    if fmt == "json":
        _write_json(quantities, out)
    elif fmt == "csv":
        import csv  # each format's module only when it is asked for

        # CSV keeps its columns (rows are streamed); a Word place's label is in JSON only.
        writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n",
                                extrasaction="ignore")
        writer.writeheader()
        for q in quantities:
            writer.writerow(as_record(q))
    else:
        _write_table(quantities, out)


def _write_json(quantities: Iterable[Quantity], out: IO[str]) -> None:
    import json

    # The same bytes as json.dumps(list, indent=2), one record at a time.
    first = True
    for q in quantities:
        record = json.dumps(as_record(q), ensure_ascii=False, indent=2)
        out.write(("[\n" if first else ",\n") + "  " + record.replace("\n", "\n  "))
        first = False
    out.write("[]\n" if first else "\n]\n")


#: Spaces between table columns, and the least a column is wider than its header
#: (tabulate's "simple" format, which the table had before it was streamed).
_GAP, _HEADER_PAD = "  ", 2


def _cell(text: str) -> str:
    return text.replace("\n", "⏎").replace("\r", "⏎").replace("\t", " ").strip()


def _write_table(quantities: Iterable[Quantity], out: IO[str]) -> None:
    widths = [len(header) + _HEADER_PAD for header in TABLE_HEADERS]
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n") as spool:
        for q in quantities:
            cells = [_cell(cell) for cell in table_row(q)]
            for i, cell in enumerate(cells):
                if len(cell) > widths[i]:
                    widths[i] = len(cell)
            spool.write("\t".join(cells) + "\n")
        out.write(_GAP.join(h.ljust(w) for h, w in zip(TABLE_HEADERS, widths,
                                                         strict=True)).rstrip() + "\n")
        out.write(_GAP.join("-" * w for w in widths) + "\n")
        spool.seek(0)
        for line in spool:
            cells = line.rstrip("\n").split("\t")
            out.write(_GAP.join(c.ljust(w) for c, w in zip(cells, widths,
                                                             strict=True)).rstrip() + "\n")


def _sources_for(path: str, explicit: str | None,
                 cache: dict[str, tuple[SourceInfo, ...]]) -> tuple[SourceInfo, ...]:
    from ..settings.sources import load_sources

    candidate = explicit or os.path.join(os.path.dirname(path) or ".", "sources.yaml")
    if candidate not in cache:
        cache[candidate] = load_sources(candidate)[0] if os.path.isfile(candidate) else ()
    return cache[candidate]


def _between_words(text: str, cut: int) -> bool:
    """Whether ``cut`` falls between two non-ASCII letters that are not numerals (的|是),
    the last resort for text with no sentence end for 64K characters; never between ASCII
    letters, which may be inside a web address the extractor must see whole."""
    before, after = text[cut - 1], text[cut]
    return all(char.isalpha() and not char.isascii() and char not in _NUMERALS
               for char in (before, after))


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) of the chunks a text is extracted in: about ``size`` characters each,
    ending after a sentence end where one comes within :data:`_CUT_WINDOW`, else between
    two Chinese characters that are not numerals (never inside a figure)."""
    bounds = []
    start = 0
    while len(text) - start > size:
        cut = -1
        for end_char in _SENTENCE_ENDS:
            found = text.find(end_char, start + size, start + size + _CUT_WINDOW)
            if found >= 0 and (cut < 0 or found < cut):
                cut = found
        if cut >= 0:
            cut += 1
        else:
            cut = start + size
            while cut < len(text) and not _between_words(text, cut):
                cut += 1
        if cut >= len(text):
            break
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def _shifted(span: Span, base: int, line: int, column: int, skip: int, skip_lines: int
             ) -> Span:
    def place(at_line: int, at_column: int) -> tuple[int, int]:
        local = at_line - skip_lines
        return line + local - 1, (at_column + column - 1 if local == 1 else at_column)

    start_line, start_column = place(span.line, span.column)
    end_line, end_column = place(span.end_line, span.end_column)
    return Span(span.path, start_line, start_column, end_line, end_column,
                span.start - skip + base, span.end - skip + base)


def _dateline_in_force(datelines: list[int], start: int, end: int) -> int | None:
    """Where the dateline in force at ``start`` begins, if the chunk [start, end) cannot
    see it itself: the last one before it, else the text's first if that lies after the
    chunk (a dateline inside the chunk is found there)."""
    i = bisect.bisect_left(datelines, start)
    if i > 0:
        return datelines[i - 1]
    if datelines and datelines[0] >= end:
        return datelines[0]
    return None


def extract_chunked(text: str, path: str, year: int | None,
                    size: int = CHUNK_CHARS) -> Iterator[list[Quantity]]:
    """The quantities of ``text``, a chunk at a time, as :func:`extract` finds them in
    the whole text.  A chunk is preceded by the dateline in force where it starts (the
    last one before it, else the text's first), so 16日 reads as it would in the whole
    text; figures of that preface are dropped."""
    from ..quantities.extractor import extract, find_datelines
    from ..text.normalize import GapCounts, NormalizedText, piece_gap_counts, written_traditional

    bounds = chunk_bounds(text, size)
    if len(bounds) == 1:
        yield extract(text, path=path, year=year)
        return
    # Whether the text is written in Traditional characters and whether it is
    # double-spaced OCR are decided for the whole text, not for each chunk: a chunk
    # reads as it would in the whole.  Chunks end after a sentence end, so the gap
    # counts of the chunks add up to the whole text's.
    traditional = written_traditional(text)
    counts = GapCounts()
    for start, end in bounds:
        counts += piece_gap_counts(text, start, end, traditional)
    datelines = [start for start, *_ in find_datelines(text)]
    line, column = 1, 1
    for start, end in bounds:
        preface = ""
        at = _dateline_in_force(datelines, start, end)
        if at is not None:
            line_end = text.find("\n", at)
            preface = text[at: line_end if 0 <= line_end < at + 200 else at + 40]
            preface = preface.split("。")[0] + "。\n\n"
        chunk = text[start:end]
        found = extract(NormalizedText.of(preface + chunk, path, traditional=traditional,
                                          double_spaced=counts.double_spaced), year=year)
        skip, skip_lines = len(preface), preface.count("\n")
        yield [evolve(q, span=_shifted(q.span, start, line, column, skip, skip_lines))
               for q in found if q.span.start >= skip]
        # Line ends as LineIndex counts them: \r\n, \n and a lone \r (a \r whose \n opens
        # the next chunk ends its line there).
        body = chunk[:-1] if chunk.endswith("\r") and text.startswith("\n", end) else chunk
        newlines = body.count("\n") + body.count("\r") - body.count("\r\n")
        last = max(body.rfind("\n"), body.rfind("\r"))
        if newlines:
            line += newlines
            column = len(chunk) - last
        else:
            column += len(chunk)


def iter_quantities(paths: Iterable[str], sources: str | None = None,
                    errors: list[str] | None = None, notes: list[str] | None = None,
                    format_in: str | None = None, progress: Progress | None = None
                    ) -> Iterator[Quantity]:
    """Every quantity of every file, a file (or chunk) at a time; unreadable files are
    appended to ``errors``, warnings about how a file was read to ``notes``.  Plain text
    is extracted in chunks; Markdown, HTML and Word are read whole by their readers.
    ``progress`` is told of each file (and chunk) done."""
    from ..corpus import document_of
    from ..settings.sources import SourceIndex
    from ..text.files import InputError, display_name, read_text
    from ..text.readers import ReadOptions, read_source, select_files
    from ..text.source import format_of

    options = ReadOptions(format=format_in)
    cache: dict[str, tuple[SourceInfo, ...]] = {}
    indexes: dict[int, SourceIndex] = {}
    for path in select_files(paths, options):
        display = display_name(path)
        infos = _sources_for(path, sources, cache)
        index = indexes.setdefault(id(infos), SourceIndex(infos))
        try:
            if path != "-" and format_of(path, format_in) != "txt":
                prose = read_source(path, options, display=display)
                yield from document_of(prose, year=index.year_for(path)).quantities
                if progress is not None:
                    progress.file_done(path, len(prose.text))
                continue
            text = read_text(path, notes)
        except InputError as exc:
            if errors is not None:
                errors.append(str(exc))
            continue
        for chunk in extract_chunked(text, display, index.year_for(path)):
            yield from chunk
            if progress is not None and chunk:
                progress.part_done(path, chunk[-1].span.end / len(text))
        if progress is not None:
            progress.file_done(path, len(text))
        del text


def extract_files(paths: Iterable[str], sources: str | None = None,
                  format_in: str | None = None) -> tuple[list[Quantity], list[str]]:
    """Quantities of every file, and error messages for files that could not be read."""
    errors: list[str] = []
    return list(iter_quantities(paths, sources, errors, format_in=format_in)), errors


def run(args: argparse.Namespace) -> int:
    from ..reporters.progress import for_files
    from ..settings.yamlload import ConfigError
    from ..text.readers import ReadOptions, select_files

    errors: list[str] = []
    notes: list[str] = []
    try:
        files = select_files(args.paths, ReadOptions(format=args.format_in))
        with for_files(files, args.quiet) as progress:
            write(iter_quantities(files, args.sources, errors, notes, args.format_in,
                                  progress), args.format, sys.stdout)
    except ConfigError as exc:
        print(f"factlint: {exc}", file=sys.stderr)
        return 2
    for message in notes:
        print(f"factlint: warning: {message}", file=sys.stderr)
    for message in errors:
        print(f"factlint: {message}", file=sys.stderr)
    return 2 if errors else 0
