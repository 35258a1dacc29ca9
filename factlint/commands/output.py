"""Writing a report where ``-o/--output`` says: atomically, never half a file."""

from __future__ import annotations

import os
import sys
import tempfile


def write_report(text: str, output: str | None) -> None:
    """Print ``text``, or write it to ``output`` through a temporary file and a rename.

    A reader of ``output`` sees the old report or the new one, never part of one,
    and a failure leaves the old one in place.
    """
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    folder = os.path.dirname(os.path.abspath(output))
    try:
        mode = os.stat(output).st_mode & 0o7777  # keep the mode of the report replaced
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask  # what open() would have made
    handle, temporary = tempfile.mkstemp(prefix=".factlint-", suffix=".tmp", dir=folder)
    try:
        os.chmod(temporary, mode)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, output)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
