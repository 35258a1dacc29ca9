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
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cyclic collector for the block (if it was enabled), then restore it."""
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
