"""Columns in UTF-8 bytes, for editors that count them (vim's ``%c``, Emacs).

factlint counts columns in Unicode code points, as SARIF and most editors do; vim's
quickfix list takes ``%c`` as a byte offset into the line, so on a Chinese line every
code-point column lands two characters early per character before it.  ``--columns
bytes`` rewrites each place's columns to the UTF-8 byte offset of the same character in
the decoded line (the buffer vim holds with ``encoding=utf-8``, whatever the file's own
encoding).  A place whose file cannot be read keeps its code-point columns.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

from ..model import Finding, Location

__all__ = ["COLUMN_UNITS", "in_bytes"]

#: ``--columns`` values.
COLUMN_UNITS: tuple[str, ...] = ("chars", "bytes")

_LINE_END = re.compile(r"\r\n|\n|\r")  # as text.normalize.LineIndex counts lines


def _reader() -> Callable[[str], str]:
    from ..text.files import InputError, read_text

    def read(path: str) -> str:
        try:
            return read_text(path)
        except InputError:
            return ""
    return read


def in_bytes(findings: Sequence[Finding], read: Callable[[str], str] | None = None
             ) -> list[Finding]:
    """``findings`` with every column counted in UTF-8 bytes (1-based)."""
    read = read or _reader()
    lines: dict[str, list[str]] = {}

    def column(path: str, line: int, col: int) -> int:
        if path not in lines:
            lines[path] = _LINE_END.split(read(path))
        text = lines[path]
        if not 1 <= line <= len(text):
            return col
        return len(text[line - 1][:col - 1].encode("utf-8")) + 1

    def place(loc: Location) -> Location:
        return dataclasses.replace(loc, column=column(loc.path, loc.line, loc.column),
                                   end_column=column(loc.path, loc.end_line, loc.end_column))

    return [dataclasses.replace(f, location=place(f.location),
                                related=tuple(place(r) for r in f.related)) for f in findings]
