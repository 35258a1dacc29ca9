"""Reading the files factlint checks: decoding and discovery.

factlint never writes to these files; it only reads them.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable
from pathlib import Path

#: Suffixes a folder is expanded to (see text.source.FORMAT_SUFFIXES for the readers).
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".docx")


class InputError(Exception):
    """A file that cannot be read or decoded; names the file."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def decode(data: bytes, path: str = "<bytes>") -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030.

    Line endings are kept as written (CRLF stays) so offsets match the file;
    callers that count lines treat ``\\r\\n`` as one break.
    """
    if data.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8", "gb18030"]
    errors = []
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            errors.append(f"not {encoding} (byte {exc.start}: {exc.reason})")
    raise InputError(path, "cannot decode: " + "; ".join(errors))


def read_text(path: str | os.PathLike[str]) -> str:
    """Read and decode one file, raising :class:`InputError` naming it."""
    name = os.fspath(path)
    try:
        data = Path(name).read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except OSError as exc:
        raise InputError(name, exc.strerror or str(exc)) from None
    return decode(data, name)


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Expand directories into the files factlint reads (:data:`TEXT_SUFFIXES`), sorted.

    Files named explicitly are kept whatever their suffix, in the order given;
    a path that does not exist is kept too, so that reading it reports it.
    """
    found: list[str] = []
    seen: set[str] = set()
    for path in paths:
        name = os.fspath(path)
        if os.path.isdir(name):
            children = sorted(
                str(p) for p in Path(name).rglob("*")
                if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
            )
        else:
            children = [name]
        for child in children:
            if child not in seen:
                seen.add(child)
                found.append(child)
    return found


def display_path(path: str | os.PathLike[str]) -> str:
    """``path`` relative to the working directory, or absolute if that is shorter."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive on Windows
        return absolute
    return relative if len(relative) <= len(absolute) else absolute
