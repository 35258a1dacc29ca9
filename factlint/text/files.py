"""Reading the files factlint checks: decoding and discovery.

factlint never writes to these files; it only reads them.
"""

from __future__ import annotations

import codecs
import contextvars
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

#: Suffixes a folder is expanded to (see text.source.FORMAT_SUFFIXES for the readers).
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".docx")

#: The path that means standard input on the command line, and how reports name it.
STDIN, STDIN_NAME = "-", "<stdin>"


#: What the run is working on (a file, a rule, a pair of versions), for the one-line
#: report of an unexpected error.  A context variable, so threads each keep their own.
_WORKING_ON: contextvars.ContextVar[str] = contextvars.ContextVar("factlint_working_on",
                                                                  default="")


def working_on(what: str) -> None:
    """Record what the run is processing now (``seeds/000.txt``, ``rule 'x'``)."""
    _WORKING_ON.set(what)


def current_work() -> str:
    """What :func:`working_on` last recorded, or ``""``."""
    return _WORKING_ON.get()


class InputError(Exception):
    """A file that cannot be read or decoded; names the file."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def decode(data: bytes, path: str = "<bytes>", notes: list[str] | None = None) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, GB18030 or Big5.

    Line endings are kept as written (CRLF stays) so offsets match the file;
    callers that count lines treat ``\\r\\n`` as one break.  Every Big5 byte pair is
    also valid GB18030 (as other, rare characters), so when UTF-8 fails and both
    decode, charset-normalizer's language model chooses; a file read as Big5 adds a
    line to ``notes`` so the user knows.  A NUL character is refused, naming where it
    is: it is never text, and dropping it would silently join the figures around it.
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
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            errors.append(f"not {encoding} (byte {exc.start}: {exc.reason})")
            continue
        if encoding == "gb18030" and _is_big5(data):
            text = data.decode(BIG5)
            if notes is not None:
                notes.append(f"{path}: read as Big5 (traditional Chinese), not UTF-8; "
                             f"save it as UTF-8 to silence this")
        _refuse_nul(text, path)
        return text
    raise InputError(path, "cannot decode: " + "; ".join(errors))


#: Python's codec for Big5 with the Hong Kong supplement (a superset of plain Big5).
BIG5 = "big5hkscs"


def _is_big5(data: bytes) -> bool:
    try:
        data.decode(BIG5)
    except UnicodeDecodeError:
        return False
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", BIG5]).best()
    return best is not None and best.encoding == BIG5


def _refuse_nul(text: str, path: str) -> None:
    at = text.find("\0")
    if at >= 0:
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        raise InputError(path, f"contains a NUL character (line {line}, column {column}): "
                         f"not a text file, or damaged; remove the NUL bytes and check the "
                         f"figures around them")


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of one regular file (``-``: standard input), or :class:`InputError`.

    Anything else (a FIFO, a device, a socket) is refused before it is read: reading
    one would hang or never end.
    """
    name = os.fspath(path)
    if name == STDIN:
        return sys.stdin.buffer.read()
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except OSError as exc:
        raise InputError(name, exc.strerror or str(exc)) from None
    with open(fd, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(name, "is a directory")
        if not stat.S_ISREG(mode):
            raise InputError(name, f"is not a regular file (a {_file_type(mode)}); "
                             f"give a file, or - for standard input")
        try:
            return handle.read()
        except OSError as exc:
            raise InputError(name, exc.strerror or str(exc)) from None


def _file_type(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "FIFO"), (stat.S_ISCHR, "character device"),
                       (stat.S_ISBLK, "block device"), (stat.S_ISSOCK, "socket")):
        if test(mode):
            return name
    return "special file"


def read_text(path: str | os.PathLike[str], notes: list[str] | None = None) -> str:
    """Read and decode one file, raising :class:`InputError` naming it.

    Warnings about how it was read (see :func:`decode`) are appended to ``notes``.
    """
    name = os.fspath(path)
    working_on(display_name(name))
    return decode(read_bytes(name), display_name(name), notes)


def display_name(path: str) -> str:
    """How reports name an input: forward slashes; standard input as ``<stdin>``."""
    return STDIN_NAME if path == STDIN else path.replace(os.sep, "/")


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Expand directories into the files factlint reads (:data:`TEXT_SUFFIXES`), sorted.

    Files named explicitly are kept whatever their suffix, in the order given;
    a path that does not exist is kept too, so that reading it reports it.
    """
    found: list[str] = []
    seen: set[str] = set()
    for path in paths:
        name = os.fspath(path)
        children = sorted(_files_under(name)) if os.path.isdir(name) else [name]
        for child in children:
            if child not in seen:
                seen.add(child)
                found.append(child)
    return found


#: A folder holding one of these is not copy: a cache (the Cache Directory Tagging
#: Specification's tag, which factlint's own cache carries too) or a Python virtual
#: environment, whose packages hold LICENSE.txt and README.md files by the hundred.
NOT_COPY_MARKS = frozenset({"CACHEDIR.TAG", "pyvenv.cfg"})


def _files_under(folder: str) -> list[str]:
    """Every file under ``folder`` with a suffix of :data:`TEXT_SUFFIXES`, named as
    ``pathlib.Path(folder).rglob("*")`` names them (the names reports and caches use),
    leaving out hidden folders below ``folder`` (``.git``, ``.venv``) and folders marked
    as caches or virtual environments (:data:`NOT_COPY_MARKS`).  A folder named itself
    is always read.

    One ``os.scandir`` per folder and no ``stat`` per file (the directory entry tells a
    regular file from a folder), so listing a corpus of ten thousand files costs a few
    milliseconds.  Symbolic links to folders are not followed (as ``rglob``); a link to
    a file is a file; a folder that cannot be listed is skipped.
    """
    top = str(Path(folder))
    found: list[str] = []
    stack = [(top, "" if top == os.curdir else os.path.join(top, ""))]
    while stack:
        where, prefix = stack.pop()
        try:
            with os.scandir(where) as listing:
                entries = list(listing)
        except OSError:
            continue
        if where != top and any(entry.name in NOT_COPY_MARKS for entry in entries):
            continue  # a cache or a virtual environment inside the folder: not copy
        for entry in entries:
            child = prefix + entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    if not entry.name.startswith("."):  # .git, .venv, .factlint_cache
                        stack.append((child, child + os.sep))
                    continue
                lower = entry.name.lower()
                # pathlib's suffix: a leading dot (``.txt``) is a hidden name, no suffix
                if (lower.endswith(TEXT_SUFFIXES) and lower.rfind(".") > 0
                        and entry.is_file()):
                    found.append(child)
            except OSError:
                continue
    return found


def display_path(path: str | os.PathLike[str]) -> str:
    """``path`` relative to the working directory, or absolute if that is shorter."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive on Windows
        return absolute
    return relative if len(relative) <= len(absolute) else absolute
