"""The process boundary of factlint's commands: every run ends with an exit status and at
most one line about what went wrong, never a traceback.

Exit statuses: 0 clean, 1 findings at or above ``fail-on``, 2 bad input or an internal
error, 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from .. import __version__
from ..text.files import current_work, working_on

__all__ = ["EXIT_INTERRUPTED", "EXIT_ERROR", "guarded"]

EXIT_ERROR = 2
#: Exit status after Ctrl-C (128 + SIGINT), as shells report it.
EXIT_INTERRUPTED = 130


def guarded(run: Callable[[], int], program: str) -> int:
    """``run()``, with Ctrl-C and any unexpected exception turned into one line on
    stderr and exit 130 or 2: a traceback scares an editor, and exit 1 would tell CI
    "findings" when nothing was checked."""
    working_on("")
    try:
        return run()
    except BrokenPipeError:  # `factlint ... | head`
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        print(f"{program}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - the last line of defence, by design
        where = current_work()
        during = f" while processing {where}" if where else ""
        detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        print(f"{program}: internal error{during}: {detail[:300]}; this is a bug in "
              f"factlint {__version__}, please report it with that input", file=sys.stderr)
        return EXIT_ERROR


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the interpreter's final flush
    does not print a second error."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass
