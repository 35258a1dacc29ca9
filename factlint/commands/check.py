"""``factlint check [PATH...]``: report every claim that cannot be true together with another."""

from __future__ import annotations

import argparse
import sys

from ..model import LEVELS
from ..reporters import FORMATS
from ..rules import BUILTINS


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check", help="check the corpus against the rules and report contradictions",
        description="Check the files against the YAML rules and the built-in checks "
                    f"({', '.join(BUILTINS)}) and report "
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
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..ledger.check import LedgerCheck, ledger_checks
    from ..ledger.store import LedgerError, resolve_location
    from ..reporters import default_format, render
    from ..rules.engine import run_check
    from ..settings.config import load_config
    from ..settings.yamlload import ConfigError
    from ..text.files import InputError
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
        wanted = args.ledger is not None or config.ledger
        location = resolve_location(args.ledger or None, config.ledger) if wanted else None
        with ledger_checks(location) as checks:
            result = run_check(config, extra_checks=checks, optional_ids=(LedgerCheck.NAME,))
        documents = result.corpus.documents if result.corpus else ()
        excerpts = {}
        if fmt == "html":
            from ..reporters.html import excerpts_for

            excerpts = excerpts_for(result.findings, documents,
                                    checks[0].excerpts if checks else None)
        write_report(render(fmt, result.findings, result.rules, excerpts=excerpts,
                            checked=[d.path for d in documents]), args.output)
    except (ConfigError, InputError, LedgerError) as exc:
        print(f"{exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"factlint: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    for message in result.errors:
        print(message, file=sys.stderr)
    return result.exit_code
