"""``factlint-hook FILE...``: the pre-commit hook.

pre-commit passes only the staged files, but a draft has to be checked against
the rest of the corpus: a cross-source rule compares it with the other versions
of the article, and a rule about the whole corpus needs every file.  So the hook
reads the project's configuration (``.factlint.yaml`` or ``[tool.factlint]``, found
from the working directory, which pre-commit sets to the repository root), checks
the configured ``paths`` together with the given files, and reports only the
findings that concern a given file: located in it, or naming it as a related place.

Only the given files and the version groups holding one are read whole; of every
other file the hook needs only what a corpus rule's selectors pick in it, kept in a
compact index in the cache folder and taken from there while ``os.stat`` says the file
is unchanged (:mod:`factlint.integrations.hook_index`), so a commit costs about the
same whatever the size of the corpus.  ``--no-cache`` reads and extracts everything.
Exit status as ``factlint check``: 0 ok, 1 findings at or above fail-on, 2 error.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext

from ..corpus import ExtractionCache
from ..model import FAIL_ON_CHOICES, Finding, fails
from ..reporters.columns import COLUMN_UNITS, in_bytes

__all__ = ["anchored", "concerns", "main"]

#: apply_known marks the findings a ``known:`` entry explains with this text.
_KNOWN_MARK = "(known erratum: "


def _key(path: str) -> str:
    return os.path.normcase(os.path.abspath(path))


def concerns(finding: Finding, files: set[str]) -> bool:
    """Whether ``finding`` is located in, or relates to, one of ``files`` (``_key`` form)."""
    places = (finding.location, *finding.related)
    return any(_key(place.path) in files for place in places)


def anchored(finding: Finding, files: set[str]) -> Finding:
    """``finding`` located in one of ``files``: a rule may have reported the contradiction
    at the corpus's figure with the draft's as a related place; the author of the draft
    needs the draft's figure first, where an editor jumps to."""
    if _key(finding.location.path) in files:
        return finding
    for index, place in enumerate(finding.related):
        if _key(place.path) in files:
            others = finding.related[:index] + finding.related[index + 1:]
            return dataclasses.replace(finding, location=place,
                                       related=(finding.location, *others))
    return finding


def _inside(path: str, corpus_paths: Sequence[str]) -> bool:
    """Whether ``path`` is one of the configured ``paths`` or lies under one."""
    from ..settings.sources import resolved

    target = resolved(path)
    for entry in corpus_paths:
        root = resolved(entry)
        if target == root or target.startswith(root.rstrip(os.sep) + os.sep):
            return True
    return False


def build_parser() -> argparse.ArgumentParser:
    from ..reporters import FORMATS

    parser = argparse.ArgumentParser(
        prog="factlint-hook",
        description="Check the given files against the rules and the whole corpus of the "
                    "project's factlint configuration; report only findings about them.")
    parser.add_argument("files", nargs="*", metavar="FILE", help="files to report on")
    parser.add_argument("--config", metavar="FILE",
                        help=".factlint.yaml or pyproject.toml to read instead of looking "
                             "upwards from the working directory")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format")
    parser.add_argument("--fail-on", choices=FAIL_ON_CHOICES, default=None,
                        help="exit 1 when a finding is at or above this level "
                             "(default: the config's, else error)")
    parser.add_argument("--columns", choices=COLUMN_UNITS, default="chars",
                        help="count columns in characters (default) or in UTF-8 bytes, as "
                             "vim's errorformat %%c does")
    parser.add_argument("--no-cache", action="store_true",
                        help="read and extract every corpus file again instead of reusing "
                             f"{ExtractionCache.NAME}/ in the project root (extractions "
                             "and the corpus index)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from .guard import guarded

    args = build_parser().parse_args(argv)
    return guarded(lambda: _run(args), "factlint-hook")


def _run(args: argparse.Namespace) -> int:
    if not args.files:
        return 0  # pre-commit found no matching staged file
    from ..ledger import CHECK_NAME
    from ..reporters import render
    from ..rules.engine import inputs_of, plan_check, run_check
    from ..settings.config import load_config
    from ..settings.yamlload import ConfigError
    from ..text import cachefiles
    from ..text.files import InputError
    from .hook_index import CorpusIndex, run_focused

    files = [os.path.normpath(path) for path in args.files]
    cache: ExtractionCache | None = None
    try:
        config = load_config(".", config_path=args.config,
                             overrides={"fail-on": args.fail_on})
        # The configured corpus plus the staged files, which may lie outside it
        # (a new draft): those are checked too, but are not versions of the corpus.
        drafts = [path for path in files if not _inside(path, config.paths)]
        with _ledger_checks(config.ledger) as checks:  # `ledger:` in the config
            if args.no_cache:
                result = run_check(config, extra_checks=checks,
                                   optional_ids=(CHECK_NAME,), drafts=drafts,
                                   focus=files)
            else:
                root = os.path.dirname(config.file) if config.file else "."
                folder = os.path.join(root, ExtractionCache.NAME)
                cache = ExtractionCache(folder)
                plan = plan_check(config, checks, (CHECK_NAME,), drafts=drafts,
                                  cache=cache, focus=files)
                result = run_focused(plan, inputs_of(config, drafts),
                                     CorpusIndex(folder, plan))
                if cachefiles.user_key() is None:
                    print(f"factlint-hook: not caching: {cachefiles.key_problem()}",
                          file=sys.stderr)
    except (ConfigError, InputError, *_ledger_errors()) as exc:
        print(exc, file=sys.stderr)
        return 2
    wanted = {_key(path) for path in files}
    findings = [anchored(f, wanted) for f in result.findings if concerns(f, wanted)]
    errors = list(result.errors)
    failing = any(fails(f.level, config.fail_on) and _KNOWN_MARK not in f.message
                  for f in findings)
    if findings:
        if args.columns == "bytes":
            findings = in_bytes(findings)
        sys.stdout.write(render(args.format, findings, result.rules))
    for message in errors:
        print(message, file=sys.stderr)
    sys.stdout.flush()
    if cache is not None:  # once a day at most, and after the report is out
        cache.prune((ExtractionCache.AREA, CorpusIndex.AREA))
    return 2 if errors else 1 if failing else 0


def _ledger_checks(location: str | None) -> AbstractContextManager[list]:
    """:func:`factlint.ledger.check.ledger_checks`, imported only for a configured
    ledger (its claim keys and store add about 10 ms to every start)."""
    if location is None:
        return nullcontext([])
    from ..ledger.check import ledger_checks

    return ledger_checks(location)


def _ledger_errors() -> tuple[type[Exception], ...]:
    """``LedgerError``, once the ledger is imported (nothing else can raise it)."""
    store = sys.modules.get("factlint.ledger.store")
    return (store.LedgerError,) if store is not None else ()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
