"""Pausing Python's cyclic garbage collector while a document's claims are read.

Reading the frames or passages of a document allocates a few objects per figure and
none of them forms a reference cycle, so the collector's passes over the growing
result (and over every figure of the run already in memory) are wasted work: on a
1 MB document they were a tenth of the claim checks' time, and they grow with what
the process holds, which makes a long run superlinear.  Reference counting still
frees everything as usual.
"""

from __future__ import annotations

import gc
from types import TracebackType

__all__ = ["collector_paused"]


class collector_paused:  # noqa: N801 - used as a function: ``with collector_paused():``
    """Disable the cyclic collector for the block (if it was enabled), then restore it.

    A class rather than a ``contextmanager`` generator: the engine enters it for every
    rule on every document, and a generator-based one cost more than a small check.
    """

    __slots__ = ("_collecting",)

    def __enter__(self) -> None:
        self._collecting = gc.isenabled()
        if self._collecting:
            gc.disable()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._collecting:
            gc.enable()
