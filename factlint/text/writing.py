"""Writing a checked file back, for ``factlint fix`` only: atomically, as it was encoded.

factlint reads a file as UTF-8 (with or without BOM), UTF-16 with BOM or GB18030
(:func:`factlint.text.files.decode`); a fixed file is written back in the same
encoding, with the same BOM, and its line endings unchanged (the decoded text keeps
``\\r\\n`` as written, and a fix never touches a line break).  The write goes to a
temporary file in the same folder, is flushed to disk (fsync) and renamed over the
original, so a crash leaves either the old file or the new one, never half of each;
the original's permission bits are kept.  If the file no longer holds the bytes
factlint read, it is not written: someone changed it meanwhile.
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass

__all__ = ["Encoding", "WriteError", "detect_encoding", "encode", "write_atomic",
           "write_atomic_new"]


class WriteError(Exception):
    """A fixed file that cannot or must not be written; names the file."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True)
class Encoding:
    """How a file's bytes were encoded: codec name and the BOM written before the text."""

    codec: str
    bom: bytes = b""


def detect_encoding(data: bytes) -> Encoding:
    """The encoding :func:`factlint.text.files.decode` would read ``data`` with."""
    if data.startswith(codecs.BOM_UTF8):
        return Encoding("utf-8", codecs.BOM_UTF8)
    if data.startswith(codecs.BOM_UTF16_LE):
        return Encoding("utf-16-le", codecs.BOM_UTF16_LE)
    if data.startswith(codecs.BOM_UTF16_BE):
        return Encoding("utf-16-be", codecs.BOM_UTF16_BE)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return Encoding("gb18030")
    return Encoding("utf-8")


def encode(text: str, encoding: Encoding, path: str = "<text>") -> bytes:
    """``text`` as bytes in ``encoding``, BOM first; WriteError if a character cannot be."""
    try:
        return encoding.bom + text.encode(encoding.codec)
    except UnicodeEncodeError as exc:
        raise WriteError(path, f"the fixed text has {exc.object[exc.start]!r}, which "
                         f"{encoding.codec} cannot encode; not written") from None


def write_atomic(path: str, data: bytes, expected: bytes) -> None:
    """Replace ``path``'s contents by ``data`` if it still holds ``expected``."""
    try:
        with open(path, "rb") as handle:
            current = handle.read()
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError as exc:
        raise WriteError(path, f"cannot read it again before writing: "
                         f"{exc.strerror or exc}") from None
    if current != expected:
        raise WriteError(path, "changed since factlint read it; not written (run fix again)")
    _replace(path, data, mode)


def write_atomic_new(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` (a report or baseline factlint owns), atomically."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as exc:
        raise WriteError(path, exc.strerror or str(exc)) from None
    try:
        _replace(path, data, mode)
    except OSError as exc:
        raise WriteError(path, exc.strerror or str(exc)) from None


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def new_private_file(folder: str, prefix: str, suffix: str = "") -> tuple[int, str]:
    """A new file in ``folder`` only this user can read, open for writing, and its name:
    what ``tempfile.mkstemp`` makes, without importing ``tempfile`` (and ``shutil``,
    ``random``) into every run that may write (the extraction cache writes on most)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        name = os.path.join(folder, prefix + os.urandom(8).hex() + suffix)
        try:
            return os.open(name, flags, 0o600), name
        except FileExistsError:  # one chance in 2**64
            continue


def _replace(path: str, data: bytes, mode: int) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    descriptor, temporary = new_private_file(folder, ".factlint-", ".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable (POSIX; not possible on Windows)
        directory = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(directory)
    except OSError:
        pass
    finally:
        os.close(directory)
