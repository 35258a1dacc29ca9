"""``factlint lsp``: run the language server on stdin/stdout (see integrations/lsp.py)."""

from __future__ import annotations

import argparse
import sys


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "lsp", help="run the language server (stdio) for live diagnostics in an editor",
        description="Run factlint's language server over stdin/stdout: diagnostics for open "
                    ".txt, .md and .html files as you type, with the workspace's factlint "
                    "config; quick fixes for safe fixes; hover on a figure for its reading. "
                    "Editors start it themselves (see README, 'Editors').")
    parser.add_argument("--stdio", action="store_true",
                        help="accepted for editors that pass it; stdio is the only transport")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401

        from ..integrations.lsp import serve
    except ImportError as exc:
        print(f"factlint lsp needs pygls and lsprotocol: pip install 'factlint[lsp]' "
              f"({exc})", file=sys.stderr)
        return 2
    serve()
    return 0
