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
    handle, temporary = tempfile.mkstemp(prefix=".factlint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, output)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
