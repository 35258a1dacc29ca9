"""``factlint check [PATH...]``: report every claim that cannot be true together with another."""

from __future__ import annotations

import argparse
import sys

from ..model import LEVELS
from ..reporters import FORMATS


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check", help="check the corpus against the rules and report contradictions",
        description="Check the files against the YAML rules and the built-in checks "
                    "(restatement, contradictory-qualifier, cross-source) and report "
                    "every claim that cannot be true together with another. Settings come "
                    "from .factlint.yaml or [tool.factlint] in pyproject.toml; flags "
                    "override them.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files, or folders (every .txt, .md, .html and .docx under them); "
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
    from .extract import add_format_in

    add_format_in(parser)
    parser.add_argument("--write-comments", metavar="DOCX", default=None,
                        help="also write a copy of this Word file with every finding in it "
                             "as a comment anchored to the figure, to -o FILE (the report "
                             "then goes to standard output; the file is checked too if not "
                             "among PATH)")
    parser.add_argument("--ledger", nargs="?", const="", default=None, metavar="PATH|URL",
                        help="also check every claim against the ledger of published figures "
                             "(a SQLite file or an SQLAlchemy URL; with no value: 'ledger' "
                             "from the config, else .factlint/ledger.sqlite)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the report to FILE (atomically) instead of standard output; "
                             "with --write-comments, where the reviewed Word copy goes")
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

    if args.write_comments and not args.output:
        print("factlint check: --write-comments needs -o FILE for the reviewed copy "
              "(the original is never modified)", file=sys.stderr)
        return 2
    if args.write_comments:
        from ..reporters.word import check_output

        try:
            check_output(args.write_comments, args.output)
        except ValueError as exc:
            print(f"factlint: {exc}", file=sys.stderr)
            return 2
    paths = list(args.paths)
    if args.write_comments and paths and args.write_comments not in paths:
        paths.append(args.write_comments)
    overrides = {
        "format-in": args.format_in,
        "paths": paths or None,
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
        # With --write-comments, -o is the reviewed Word copy and the report goes to stdout.
        report_to = None if args.write_comments else args.output
        write_report(render(fmt, result.findings, result.rules, excerpts=excerpts,
                            checked=[d.path for d in documents]), report_to)
    except (ConfigError, InputError, LedgerError) as exc:
        print(f"{exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"factlint: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    for message in result.errors:
        print(message, file=sys.stderr)
    if args.write_comments:
        status = _write_comments(args.write_comments, args.output, result.findings)
        if status:
            return status
    return result.exit_code


def _write_comments(source: str, output: str, findings) -> int:
    import os

    from ..reporters.word import write_comments
    from ..text.files import InputError

    try:
        done = write_comments(source, source.replace(os.sep, "/"), findings, output)
    except (InputError, ValueError, OSError) as exc:
        print(f"factlint: {exc}", file=sys.stderr)
        return 2
    print(f"factlint: wrote {output} with {done.written} comment"
          f"{'' if done.written == 1 else 's'}", file=sys.stderr)
    for finding in done.skipped:
        print(f"factlint: {finding.location.position()}: not anchored as a comment "
              "(Word keeps comments in the body, not in footnotes)", file=sys.stderr)
    return 0
