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
                    "(repeated-figure, contradictory-qualifier, cross-source) and report "
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
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..reporters import default_format, render
    from ..settings.config import load_config
    from ..settings.yamlload import ConfigError
    from ..text.files import InputError

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
    try:
        try:
            config = load_config(".", config_path=args.config, overrides=overrides)
            result = _check(config)
        except (ConfigError, InputError) as exc:
            print(f"{exc}", file=sys.stderr)
            return 2
        if result is None:
            return 2
        sys.stdout.write(render(args.format or default_format(), result.findings, result.rules))
        for message in result.errors:
            print(message, file=sys.stderr)
        return result.exit_code
    except KeyboardInterrupt:
        print("factlint: interrupted; the run's tasks were cancelled", file=sys.stderr)
        return EXIT_INTERRUPTED


def _check(config):
    """The result of the run ``config`` asks for, or None after saying why it cannot run."""
    from ..rules.engine import check_corpus

    if config.engine == "local":
        for key in ("scheduler", "jobs"):
            if getattr(config, key) is not None:
                print(f"factlint: '{key}' is for --engine dask; ignored with --engine local",
                      file=sys.stderr)
        return check_corpus(None, config)
    from ..rules.dask_engine import DaskUnavailable, connect

    if config.scheduler is not None and config.jobs is not None:
        print("factlint: --jobs starts a local cluster; an existing cluster (--scheduler) "
              "has the workers it has: give one or the other", file=sys.stderr)
        return None
    try:
        with connect(config.scheduler, config.jobs) as client:
            return check_corpus(None, config, client=client)
    except DaskUnavailable as exc:
        print(f"factlint: {exc}", file=sys.stderr)
        return None
    except OSError as exc:  # no scheduler at that address
        print(f"factlint: cannot reach the Dask scheduler at {config.scheduler}: {exc}",
              file=sys.stderr)
        return None
