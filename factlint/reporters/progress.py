"""A progress bar on stderr for long runs (tqdm), shown only to a person at a terminal.

It appears only after :data:`DELAY` seconds, so short runs print nothing extra; never
when stderr is not a terminal (a pipe, a file, a CI log) or when ``CI`` is set, and
never with ``--quiet``.  Every command that reads files (check, extract, diff, fix,
ledger add) makes its bar with :func:`for_files`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import IO

__all__ = ["DELAY", "Progress", "for_files", "wanted"]

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


def for_files(files: Sequence[str], quiet: bool, stream: IO[str] | None = None) -> Progress:
    """The bar of a command that reads ``files`` (``factlint check``, ``extract``, ``diff``,
    ``fix``, ``ledger add``): enabled only where :func:`wanted` says, and then sized by the
    files' bytes on disk.  Use it as a context manager, so that it is always closed."""
    show = wanted(quiet, stream)
    return Progress(list(files) if show else [], show, stream)


class Progress:
    """Two phases: reading files (characters done, files done, rate, ETA), then running
    rules (rules done) or another named stage (:meth:`stage`).  Disabled, every method
    does nothing."""

    def __init__(self, files: list[str], enabled: bool, stream: IO[str] | None = None) -> None:
        self.enabled = enabled
        self._stream = stream or sys.stderr
        self._files = len(files)
        self._done = 0
        self._checking = False
        self._bar = None
        self._credited: dict[str, int] = {}
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

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def file_done(self, path: str, size: int) -> None:
        """One file read (``size``: its length; the bar counts bytes on disk)."""
        if self._bar is None:
            return
        self._done += 1
        self._bar.set_postfix_str(f"{self._done}/{self._files} files", refresh=False)
        self._bar.update(self._size(path, size) - self._credited.pop(path, 0))

    def part_done(self, path: str, fraction: float) -> None:
        """``fraction`` (0–1) of a large file read so far (a file extracted in chunks), so
        the bar moves before the file is done; :meth:`file_done` still ends it."""
        if self._bar is None:
            return
        size = self._size(path, 0)
        credited = self._credited.get(path, 0)
        now = min(size, int(size * fraction))
        if now > credited:
            self._credited[path] = now
            self._bar.update(now - credited)

    @staticmethod
    def _size(path: str, fallback: int) -> int:
        try:
            return os.path.getsize(path)
        except OSError:
            return fallback

    def stage(self, name: str, unit: str = " steps", total: int = 0) -> None:
        """The reading is done and stage ``name`` begins (``checking``, ``comparing``,
        ``storing``): a bar of its ``total`` steps (0: not known), moved by :meth:`step`."""
        if not self.enabled:
            return
        self.close()
        self._checking = True
        self._bar = self._open(total, name, unit)

    def step(self, label: str, count: int = 1) -> None:
        """``count`` steps of the current stage done; ``label`` says which."""
        if self._bar is None:
            return
        self._bar.set_postfix_str(label, refresh=False)
        self._bar.update(count)

    def rule_started(self, rule_id: str) -> None:
        """A rule started; the first one ends the reading phase."""
        if not self.enabled:
            return
        if not self._checking:
            self.stage("checking", " rules")
        self.step(rule_id)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
