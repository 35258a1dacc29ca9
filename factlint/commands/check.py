"""``factlint check [PATH...]``: report every claim that cannot be true together with another."""

from __future__ import annotations

import argparse
import sys

from ..model import LEVELS
from ..reporters import FORMATS
from ..settings.config import ENGINES

#: Exit status after Ctrl-C, as a shell reports a process ended by SIGINT.
EXIT_INTERRUPTED = 130


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check", help="check the corpus against the rules and report contradictions",
        description="Check the files against the YAML rules and the built-in checks "
                    "(restatement, contradictory-qualifier, cross-source) and report "
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
    parser.add_argument("--engine", choices=ENGINES, default=None,
                        help="where to run: this process (local, the default) or a Dask "
                             "cluster (dask; needs pip install 'factlint[dask]')")
    parser.add_argument("--scheduler", metavar="ADDRESS", default=None,
                        help="with --engine dask: the scheduler of a running cluster, "
                             "e.g. tcp://host:8786 (default: start a local cluster)")
    parser.add_argument("--jobs", type=int, metavar="N", default=None,
                        help="with --engine dask and no --scheduler: worker processes of "
                             "the local cluster (default: one per core)")
    parser.add_argument("--ledger", nargs="?", const="", default=None, metavar="PATH|URL",
                        help="also check every claim against the ledger of published figures "
                             "(a SQLite file or an SQLAlchemy URL; with no value: 'ledger' "
                             "from the config, else .factlint/ledger.sqlite)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the report to FILE (atomically) instead of standard output")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..ledger.check import ledger_checks
    from ..ledger.store import LedgerError, resolve_location
    from ..reporters import default_format, render
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
        "engine": args.engine,
        "scheduler": args.scheduler,
        "jobs": args.jobs,
    }
    fmt = args.format or default_format()
    try:
        try:
            config = load_config(".", config_path=args.config, overrides=overrides)
            wanted = args.ledger is not None or config.ledger
            location = resolve_location(args.ledger or None, config.ledger) if wanted else None
            with ledger_checks(location) as checks:
                result = _check(config, checks, keep_documents=fmt == "html")
            if result is None:
                return 2
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
    except KeyboardInterrupt:
        print("factlint: interrupted; the run's tasks were cancelled", file=sys.stderr)
        return EXIT_INTERRUPTED


def _check(config, checks, *, keep_documents: bool):
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
        return check_corpus(None, config, **options)
    from ..rules.dask_engine import DaskUnavailable, connect

    if checks:
        print("factlint: the ledger check runs with --engine local only: its ledger is open "
              "in this process, not on the workers", file=sys.stderr)
        return None
    if config.scheduler is not None and config.jobs is not None:
        print("factlint: --jobs starts a local cluster; an existing cluster (--scheduler) "
              "has the workers it has: give one or the other", file=sys.stderr)
        return None
    try:
        with connect(config.scheduler, config.jobs) as client:
            return check_corpus(None, config, client=client, **options)
    except DaskUnavailable as exc:
        print(f"factlint: {exc}", file=sys.stderr)
        return None
    except OSError as exc:  # no scheduler at that address
        if config.scheduler is None:
            raise
        print(f"factlint: cannot reach the Dask scheduler at {config.scheduler}: {exc}",
              file=sys.stderr)
        return None
