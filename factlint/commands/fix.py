"""``factlint fix PATH...``: apply the fixes factlint can prove keep every figure's meaning."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # imported lazily at run time, so that --help starts fast
    from ..integrations.fixer import FileFix
    from ..settings.config import Config

EXIT_OK, EXIT_CHANGED, EXIT_ERROR = 0, 1, 2


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "fix", help="apply the numeral-usage fixes that are proven harmless",
        description="Apply the fixes of the usage-* checks that factlint proves harmless "
                    "(the figures read again mean the same), and list the others as "
                    "suggestions. Files are rewritten atomically in their own encoding; "
                    "a file with nothing to fix is not touched. Exit 1 when a file was "
                    "changed (or, with --diff, would be), 0 when nothing needed fixing, "
                    "2 on errors.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders to fix; default: 'paths' from the config")
    parser.add_argument("--config", metavar="FILE",
                        help=".factlint.yaml or pyproject.toml to read instead of looking "
                             "upwards from the working directory")
    parser.add_argument("--diff", action="store_true",
                        help="print a unified diff of the fixes and write nothing")
    parser.add_argument("--rule", action="append", metavar="ID", default=[],
                        help="apply only this rule's fixes (repeatable)")
    from .extract import add_quiet

    add_quiet(parser)
    parser.set_defaults(run=run)


def add_fix_flags(parser: argparse.ArgumentParser) -> None:
    """``--fix`` for ``factlint check``."""
    parser.add_argument("--fix", action="store_true",
                        help="apply the proven usage fixes first, then report what is left")


def report(results: Sequence[FileFix], errors: Sequence[str], *, diff: bool,
           out: TextIO | None = None) -> int:
    """Print what fix did (or, with ``diff``, would do); return the exit status."""
    out = out or sys.stdout
    changed = [r for r in results if r.changed]
    for result in results:
        if diff and result.changed:
            out.write(_diff(result))
    for result in changed:
        verb = "would fix" if diff else "fixed"
        for finding in result.applied:
            loc = finding.location
            fix = finding.fix
            assert fix is not None
            change = "; ".join(f"{r.old} → {r.new}" for r in fix.replacements)
            print(f"{loc.path}:{loc.line}:{loc.column}: {verb} {finding.rule}: {change}",
                  file=sys.stderr if diff else out)
    for result in results:
        for finding in result.suggestions:
            loc = finding.location
            fix = finding.fix
            assert fix is not None
            change = "; ".join(f"{r.old} → {r.new}" for r in fix.replacements)
            print(f"{loc.path}:{loc.line}:{loc.column}: suggestion {finding.rule}: {change} "
                  f"(not applied: factlint cannot prove it keeps the meaning) "
                  f"{finding.message}", file=sys.stderr if diff else out)
    for message in errors:
        print(message, file=sys.stderr)
    applied = sum(len(r.applied) for r in changed)
    suggested = sum(len(r.suggestions) for r in results)
    verb = "would apply" if diff else "applied"
    print(f"{verb} {applied} fix(es) in {len(changed)} of {len(results)} file(s); "
          f"{suggested} suggestion(s) left for the editor", file=sys.stderr)
    if errors:
        return EXIT_ERROR
    return EXIT_CHANGED if changed else EXIT_OK


def _diff(result: FileFix) -> str:
    from ..integrations.fixer import unified_diff

    return unified_diff(result)


def apply(config: Config, paths: Sequence[str], only: Sequence[str] = (), *,
          diff: bool = False, out: TextIO | None = None, quiet: bool = True) -> int:
    """Plan, write (unless ``diff``) and report; the exit status of ``factlint fix``.
    Unless ``quiet``, a progress bar shows on a terminal while files are read."""
    from ..integrations.fixer import WriteError, plan, write
    from ..reporters.progress import for_files
    from ..text.files import discover

    notes: list[str] = []
    with for_files(discover(paths) if not quiet else [], quiet) as progress:
        results, errors = plan(config, paths, only, on_file=progress.file_done, notes=notes)
    errors = list(errors)
    for note in notes:  # files left alone on purpose: said, but not an error
        print(note, file=sys.stderr)
    if not diff:
        for result in results:
            try:
                write(result)
            except WriteError as exc:
                errors.append(str(exc))
                results = [r for r in results if r is not result]
    return report(results, errors, diff=diff, out=out)


def run(args: argparse.Namespace) -> int:
    from ..settings.config import load_config
    from ..settings.yamlload import ConfigError
    from ..text.files import InputError

    try:
        config = load_config(".", config_path=args.config,
                             overrides={"paths": args.paths or None})
        if not config.paths:
            raise config.error("paths", "no files to fix: give PATH arguments or set "
                               "'paths' in [tool.factlint] or .factlint.yaml")
        return apply(config, config.paths, args.rule, diff=args.diff, quiet=args.quiet)
    except (ConfigError, InputError) as exc:
        print(f"{exc}", file=sys.stderr)
        return EXIT_ERROR
