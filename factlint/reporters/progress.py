"""A progress bar on stderr for long runs (tqdm), shown only to a person at a terminal.

It appears only after :data:`DELAY` seconds, so short runs print nothing extra; never
when stderr is not a terminal (a pipe, a file, a CI log) or when ``CI`` is set, and
never with ``--quiet``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import IO

__all__ = ["DELAY", "Progress", "wanted"]

#: Seconds a phase runs before its bar appears.
DELAY = 1.5
#: Seconds between two redraws of the bar.
MIN_INTERVAL = 0.1


def wanted(quiet: bool, stream: IO[str] | None = None,
           environ: Mapping[str, str] = os.environ) -> bool:
    """Whether a bar belongs on ``stream`` (default stderr)."""
    stream = stream or sys.stderr
    if quiet or environ.get("CI") or environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Progress:
    """Two phases: reading files (characters done, files done, rate, ETA), then running
    rules (rules done).  Disabled, every method does nothing."""

    def __init__(self, files: list[str], enabled: bool, stream: IO[str] | None = None) -> None:
        self.enabled = enabled
        self._stream = stream or sys.stderr
        self._files = len(files)
        self._done = 0
        self._checking = False
        self._bar = None
        if enabled:
            total = 0
            for path in files:
                try:
                    total += os.path.getsize(path)
                except OSError:
                    pass
            self._bar = self._open(total, "reading", "B")

    def _open(self, total: int, desc: str, unit: str):
        from tqdm import tqdm

        return tqdm(total=total or None, desc=desc, unit=unit, unit_scale=True,
                    file=self._stream, delay=DELAY, leave=False, dynamic_ncols=True,
                    mininterval=MIN_INTERVAL, miniters=1)

    def file_done(self, path: str, size: int) -> None:
        """One file read (``size``: its length; the bar counts bytes on disk)."""
        if self._bar is None:
            return
        self._done += 1
        try:
            self._bar.update(os.path.getsize(path))
        except OSError:
            self._bar.update(size)
        self._bar.set_postfix_str(f"{self._done}/{self._files} files", refresh=False)

    def rule_started(self, rule_id: str) -> None:
        """A rule started; the first one ends the reading phase."""
        if not self.enabled:
            return
        if not self._checking:
            self.close()
            self._checking = True
            self._bar = self._open(0, "checking", " rules")
        self._bar.set_postfix_str(rule_id, refresh=False)
        self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
