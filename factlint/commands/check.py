"""``factlint check [PATH...]``: report every claim that cannot be true together with another."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported lazily at run time, so that --help starts fast
    from ..rules.engine import CheckResult
    from ..settings.config import Config

from ..model import LEVELS
from ..reporters import FORMATS


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check", help="check the corpus against the rules and report contradictions",
        description="Check the files against the YAML rules and the built-in checks "
                    "(restatement, contradictory-qualifier, cross-source, the usage-* "
                    "numeral-usage checks) and report "
                    "every claim that cannot be true together with another. Settings come "
                    "from .factlint.yaml or [tool.factlint] in pyproject.toml; flags "
                    "override them.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files, or folders (every .txt and .md under them); "
                             "default: 'paths' from the config")
    parser.add_argument("--config", metavar="FILE",
                        help=".factlint.yaml or pyproject.toml to read instead of looking "
                             "upwards from the working directory")
    parser.add_argument("--rules", nargs="+", metavar="FILE",
                        help="rule files or folders (replace the config's 'rules')")
    parser.add_argument("--sources", metavar="FILE",
                        help="sources file: dateline dates and version groups")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="output format (default: github under GitHub Actions, else text)")
    parser.add_argument("--fail-on", choices=tuple(reversed(LEVELS)), default=None,
                        help="exit 1 when a finding is at or above this level (default: error)")
    parser.add_argument("--disable", nargs="+", metavar="ID", default=None,
                        help="rule ids to skip (added to the config's 'disable')")
    parser.add_argument("--ledger", nargs="?", const="", default=None, metavar="PATH|URL",
                        help="also check every claim against the ledger of published figures "
                             "(a SQLite file or an SQLAlchemy URL; with no value: 'ledger' "
                             "from the config, else .factlint/ledger.sqlite)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the report to FILE (atomically) instead of standard output")
    parser.add_argument("--baseline", metavar="FILE",
                        help="report only findings not recorded in this baseline file")
    parser.add_argument("--write-baseline", metavar="FILE",
                        help="record today's findings in FILE (for --baseline later) and "
                             "exit 0")
    from .fix import add_fix_flags

    add_fix_flags(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..ledger.check import LedgerCheck, ledger_checks
    from ..ledger.store import LedgerError, resolve_location
    from ..reporters import default_format, render
    from ..rules.engine import run_check
    from ..settings.config import load_config
    from ..settings.yamlload import ConfigError
    from ..text.files import InputError
    from ..text.writing import WriteError
    from .output import write_report

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
        if args.fix:
            _fix_first(config)
        wanted = args.ledger is not None or config.ledger
        location = resolve_location(args.ledger or None, config.ledger) if wanted else None
        with ledger_checks(location) as checks:
            result = run_check(config, extra_checks=checks, optional_ids=(LedgerCheck.NAME,))
        if args.write_baseline:
            from ..integrations.baseline import write_baseline

            count = write_baseline(args.write_baseline, result.findings)
            print(f"recorded {count} finding(s) in {args.write_baseline}", file=sys.stderr)
            return 2 if result.errors else 0
        if args.baseline:
            result = _without_baseline(result, args.baseline, config.fail_on)
        documents = result.corpus.documents if result.corpus else ()
        excerpts = {}
        if fmt == "html":
            from ..reporters.html import excerpts_for

            excerpts = excerpts_for(result.findings, documents,
                                    checks[0].excerpts if checks else None)
        write_report(render(fmt, result.findings, result.rules, excerpts=excerpts,
                            checked=[d.path for d in documents]), args.output)
    except (ConfigError, InputError, LedgerError, WriteError) as exc:
        print(f"{exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"factlint: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    for message in result.errors:
        print(message, file=sys.stderr)
    return result.exit_code


def _fix_first(config: Config) -> None:
    """``check --fix``: apply the proven fixes (reported on stderr), then check."""
    from .fix import apply

    if config.paths:
        apply(config, config.paths, out=sys.stderr)


def _without_baseline(result: CheckResult, path: str, fail_on: str) -> CheckResult:
    import dataclasses

    from ..integrations.baseline import load_baseline, new_findings
    from ..model import LEVELS

    findings = tuple(new_findings(result.findings, load_baseline(path)))
    threshold = LEVELS.index(fail_on)
    # A finding recorded as a known erratum says so in its message and never fails.
    failing = any(LEVELS.index(f.level) >= threshold and "(known erratum: " not in f.message
                  for f in findings)
    exit_code = 2 if result.errors else 1 if failing else 0
    return dataclasses.replace(result, findings=findings, exit_code=exit_code)
