"""The ``factlint`` command line: parse arguments, call the library, print.

Each subcommand lives in ``factlint/commands/<name>.py`` and provides
``add_parser(subparsers)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from . import __version__

#: Subcommands, in the order ``--help`` lists them.
COMMANDS: tuple[str, ...] = ("check", "fix", "extract", "diff", "explain", "ledger", "lsp")

#: Exit statuses shared by every command.
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factlint",
        description="Numeric fact-checking and consistency linter for Chinese text.",
    )
    parser.add_argument("--version", action="version", version=f"factlint {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"factlint.commands.{name}").add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    from .integrations.guard import guarded

    return guarded(lambda: int(args.run(args)), "factlint")
