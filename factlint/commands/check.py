"""``factlint check [PATH...]``: report every claim that cannot be true together with another."""

from __future__ import annotations

import argparse
import os
import re
import sys

from ..model import FAIL_ON_CHOICES
from ..reporters import COLOR_CHOICES, FORMATS
from ..reporters.columns import COLUMN_UNITS

#: Suffixes of settings files: given as a PATH to check, one is almost surely a rules or
#: sources file that lost its flag (``--rules a.yaml b.yaml``).
_SETTINGS_SUFFIXES = (".yaml", ".yml", ".toml")


def _ids(value: str) -> list[str]:
    """``--disable a,b``: comma-separated ids, so one flag can name several."""
    return [part.strip() for part in value.split(",") if part.strip()]


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check", help="check the corpus against the rules and report contradictions",
        description="Check the files against the YAML rules and the built-in checks "
                    "(restatement, contradictory-qualifier, cross-source) and report "
                    "every claim that cannot be true together with another. Settings come "
                    "from .factlint.yaml or [tool.factlint] in pyproject.toml; flags "
                    "override them.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files, or folders (every .txt and .md under them); - reads "
                             "standard input; default: 'paths' from the config")
    parser.add_argument("--config", metavar="FILE",
                        help=".factlint.yaml or pyproject.toml to read instead of looking "
                             "upwards from the working directory")
    parser.add_argument("--rules", action="append", metavar="FILE",
                        help="a rule file or folder (replaces the config's 'rules'); one per "
                             "flag, repeat the flag for more")
    parser.add_argument("--sources", metavar="FILE",
                        help="sources file: dateline dates and version groups")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="output format (default: github under GitHub Actions, else text)")
    parser.add_argument("--fail-on", choices=FAIL_ON_CHOICES, default=None,
                        help="exit 1 when a finding is at or above this level; never: always "
                             "exit 0 unless an input is unreadable (default: error)")
    parser.add_argument("--disable", action="extend", type=_ids, metavar="ID", default=None,
                        help="rule ids to skip, comma-separated (added to the config's "
                             "'disable'); repeat the flag for more")
    parser.add_argument("--ledger", nargs="?", const="", default=None, metavar="PATH|URL",
                        help="also check every claim against the ledger of published figures "
                             "(a SQLite file or an SQLAlchemy URL; with no value: 'ledger' "
                             "from the config, else .factlint/ledger.sqlite)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the report to FILE (atomically) instead of standard output")
    parser.add_argument("--color", choices=COLOR_CHOICES, default="auto",
                        help="colour the text format: auto (when stdout is a terminal and "
                             "NO_COLOR is not set), always, never")
    parser.add_argument("--columns", choices=COLUMN_UNITS, default="chars",
                        help="count columns in characters (default) or in UTF-8 bytes, as "
                             "vim's errorformat %%c does")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bar (it only ever shows on a terminal)")
    parser.set_defaults(run=run)


_RULE_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def settings_file_as_path(paths: list[str]) -> str | None:
    """The message for a YAML/TOML file, or a rule id, given as a PATH to check, or None."""
    for path in paths:
        if _RULE_ID.fullmatch(path) and not os.path.exists(path):
            return (f"factlint: '{path}' was given as a file to check, but there is no such "
                    f"file; if it is a rule id, --disable takes one value each (--disable "
                    f"a,b or --disable a --disable b)")
        if path.lower().endswith(_SETTINGS_SUFFIXES):
            return (f"factlint: '{path}' was given as a file to check, but it is a settings "
                    f"file; --rules and --disable take one value each (--rules a.yaml "
                    f"--rules b.yaml), and a path after them is a file to check. Put "
                    f"settings files after --rules or --sources")
    return None


def run(args: argparse.Namespace) -> int:
    from ..ledger.check import LedgerCheck, ledger_checks
    from ..ledger.store import LedgerError, resolve_location
    from ..reporters import default_format, render, use_color
    from ..reporters.progress import Progress
    from ..reporters.progress import wanted as progress_wanted
    from ..rules.engine import run_check
    from ..settings.config import load_config
    from ..settings.yamlload import ConfigError
    from ..text.files import InputError, discover
    from .output import write_report

    mistake = settings_file_as_path(args.paths)
    if mistake:
        print(mistake, file=sys.stderr)
        return 2
    overrides = {
        "paths": args.paths or None,
        "rules": args.rules,
        "sources": args.sources,
        "fail-on": args.fail_on,
        "disable": args.disable,
    }
    fmt = args.format or default_format()
    try:
        config = load_config(".", config_path=args.config, overrides=overrides)
        show = progress_wanted(args.quiet)
        progress = Progress(discover(config.paths) if show else [], show)
        wanted = args.ledger is not None or config.ledger
        location = resolve_location(args.ledger or None, config.ledger) if wanted else None
        try:
            with ledger_checks(location) as checks:
                result = run_check(config, extra_checks=checks,
                                   optional_ids=(LedgerCheck.NAME,),
                                   on_file=progress.file_done, on_rule=progress.rule_started)
        finally:
            progress.close()
        for message in result.warnings:
            print(f"factlint: warning: {message}", file=sys.stderr)
        documents = result.corpus.documents if result.corpus else ()
        findings = result.findings
        if args.columns == "bytes":
            from ..reporters.columns import in_bytes

            findings = in_bytes(findings)
        if fmt == "text" and result.errors and not findings:
            # "no findings" would read as a clean bill for files that were never checked
            report = (f"no findings in the {result.files} files read; "
                      f"{len(result.errors)} could not be read (see the errors)\n")
        else:
            excerpts = {}
            if fmt == "html":
                from ..reporters.html import excerpts_for

                excerpts = excerpts_for(findings, documents,
                                        checks[0].excerpts if checks else None)
            report = render(fmt, findings, result.rules, excerpts=excerpts,
                            checked=[d.path for d in documents],
                            color=use_color(args.color, sys.stdout) and not args.output)
        write_report(report, args.output)
    except (ConfigError, InputError, LedgerError) as exc:
        print(f"{exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"factlint: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    for message in result.errors:
        print(message, file=sys.stderr)
    return result.exit_code
