"""Ctrl-C at the right moment: interrupt a command once it says it is at work."""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Callable


def interrupt_when_ready(process: subprocess.Popen, ready: Callable[[], bool],
                         wait: float = 600) -> tuple[str, str]:
    """Send SIGINT to ``process`` once ``ready()`` (polled) is true, then its (stdout,
    stderr).  A readiness signal, not a fixed sleep: at a high load a sleep can land while
    Python is still importing, or after the work is done.  Fails if the run ended first."""
    try:
        deadline = time.monotonic() + wait
        while not ready():
            assert process.poll() is None, "the run ended before it could be interrupted"
            assert time.monotonic() < deadline, "the run never got to work"
            time.sleep(0.1)
        assert process.poll() is None, "the run ended before it could be interrupted"
        process.send_signal(signal.SIGINT)
        return process.communicate(timeout=300)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
