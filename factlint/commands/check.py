"""``factlint check [PATH...]``: report every claim that cannot be true together with another."""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported lazily at run time, so that --help starts fast
    from ..rules.engine import CheckResult
    from ..settings.config import Config

from ..model import FAIL_ON_CHOICES
from ..reporters import COLOR_CHOICES, FORMATS
from ..reporters.columns import COLUMN_UNITS
from ..settings.config import ENGINES

#: Exit status after Ctrl-C, as a shell reports a process ended by SIGINT.
EXIT_INTERRUPTED = 130

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
                    "(restatement, contradictory-qualifier, cross-source, total-vs-parts, "
                    "range-vs-duration, share-bounds, the usage-* numeral-usage checks) and report "
                    "every claim that cannot be true together with another. Settings come "
                    "from .factlint.yaml or [tool.factlint] in pyproject.toml; flags "
                    "override them.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files, or folders (every .txt, .md, .html and .docx under "
                             "them); - reads standard input; default: 'paths' from the config")
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
    parser.add_argument("--engine", choices=ENGINES, default=None,
                        help="where to run: this process (local, the default) or a Dask "
                             "cluster (dask; needs pip install 'factlint[dask]')")
    parser.add_argument("--scheduler", metavar="ADDRESS", default=None,
                        help="with --engine dask: the scheduler of a running cluster, "
                             "e.g. tcp://host:8786 (default: start a local cluster)")
    parser.add_argument("--jobs", type=int, metavar="N", default=None,
                        help="with --engine dask and no --scheduler: worker processes of "
                             "the local cluster (default: one per core)")
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
    parser.add_argument("--color", choices=COLOR_CHOICES, default="auto",
                        help="colour the text format: auto (when stdout is a terminal and "
                             "NO_COLOR is not set), always, never")
    parser.add_argument("--columns", choices=COLUMN_UNITS, default="chars",
                        help="count columns in characters (default) or in UTF-8 bytes, as "
                             "vim's errorformat %%c does")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bar (it only ever shows on a terminal)")
    parser.add_argument("--baseline", metavar="FILE",
                        help="report only findings not recorded in this baseline file")
    parser.add_argument("--write-baseline", metavar="FILE",
                        help="record today's findings in FILE (for --baseline later) and "
                             "exit 0")
    from .fix import add_fix_flags

    add_fix_flags(parser)
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
    from ..ledger.check import ledger_checks
    from ..ledger.store import LedgerError, resolve_location
    from ..reporters import default_format, render, use_color
    from ..reporters.progress import Progress
    from ..reporters.progress import wanted as progress_wanted
    from ..settings.config import load_config
    from ..settings.yamlload import ConfigError
    from ..text.files import InputError, discover
    from ..text.writing import WriteError
    from .output import write_report

    mistake = settings_file_as_path(args.paths)
    if mistake:
        print(mistake, file=sys.stderr)
        return 2
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
        "engine": args.engine,
        "scheduler": args.scheduler,
        "jobs": args.jobs,
    }
    fmt = args.format or default_format()
    try:
        try:
            config = load_config(".", config_path=args.config, overrides=overrides)
            if args.fix:
                _fix_first(config)
            # The local engine's bar (files read, rules run); Dask shows its own.
            show = progress_wanted(args.quiet) and config.engine == "local"
            progress = Progress(discover(config.paths) if show else [], show)
            wanted = args.ledger is not None or config.ledger
            location = resolve_location(args.ledger or None, config.ledger) if wanted else None
            try:
                with ledger_checks(location) as checks:
                    result = _check(config, checks, keep_documents=fmt == "html",
                                    progress=progress, quiet=args.quiet)
            finally:
                progress.close()
            if result is None:
                return 2
            for message in result.warnings:
                print(f"factlint: warning: {message}", file=sys.stderr)
            if args.write_baseline:
                from ..integrations.baseline import write_baseline

                count = write_baseline(args.write_baseline, result.findings)
                print(f"recorded {count} finding(s) in {args.write_baseline}", file=sys.stderr)
                return 2 if result.errors else 0
            if args.baseline:
                result = _without_baseline(result, args.baseline, config.fail_on)
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
            # With --write-comments, -o is the reviewed Word copy and the report goes to stdout.
            write_report(report, None if args.write_comments else args.output)
        except (ConfigError, InputError, LedgerError, WriteError) as exc:
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
    except KeyboardInterrupt:
        print("factlint: interrupted; the run's tasks were cancelled", file=sys.stderr)
        return EXIT_INTERRUPTED


def _check(config, checks, *, keep_documents: bool, progress=None, quiet: bool = False):
    """The result of the run ``config`` asks for, or None after saying why it cannot run."""
    from ..ledger.check import LedgerCheck
    from ..rules.engine import check_corpus

    options = {"extra_checks": checks, "optional_ids": (LedgerCheck.NAME,),
               "keep_documents": keep_documents}
    if config.engine == "local":
        for key in ("scheduler", "jobs"):
            if getattr(config, key) is not None:
                print(f"factlint: '{key}' is for --engine dask; ignored with --engine local",
                      file=sys.stderr)
        if progress is not None:
            options.update(on_file=progress.file_done, on_rule=progress.rule_started)
        return check_corpus(None, config, **options)
    from ..rules.dask_engine import DaskUnavailable, connect

    if config.scheduler is not None and config.jobs is not None:
        print("factlint: --jobs starts a local cluster; an existing cluster (--scheduler) "
              "has the workers it has: give one or the other", file=sys.stderr)
        return None
    try:
        with connect(config.scheduler, config.jobs) as client:
            return check_corpus(None, config, client=client,
                                progress=False if quiet else None, **options)
    except DaskUnavailable as exc:
        print(f"factlint: {exc}", file=sys.stderr)
        return None
    except OSError as exc:  # no scheduler at that address
        if config.scheduler is None:
            raise
        print(f"factlint: cannot reach the Dask scheduler at {config.scheduler}: {exc}",
              file=sys.stderr)
        return None


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
