"""What the pre-commit hook keeps of the corpus between commits: a compact index.

A draft is checked against the whole corpus, but only a little of the corpus can bear
on it: the other versions of its article (cross-source compares them whole) and, for a
YAML rule over the corpus (``consistent``, ``expect``, a ``sum`` with ``scope: corpus``),
the sentences its selectors pick in each file.  Rules that read one document at a time
find nothing about the draft in another file.  So the hook reads whole only the staged
files and their version groups, and takes from every other file what
:func:`~factlint.rules.engine.check_document` would have given the run: its suppression
comments (a corpus rule's finding may stand in that file), a malformed comment's error,
and the pieces of the corpus rules (:func:`~factlint.rules.engine.seen_by`, only the
selected sentences, each holding its own text).

Those are kept in one file per configuration in the cache folder
(``.factlint_cache/index/``), under each file's path with its ``os.stat`` signature
(size, modification and change times in nanoseconds, inode, device): a file whose
signature is unchanged is not opened at all.  The key of the index file covers
factlint's source (:func:`~factlint.corpus.code_version`), the read options, the
working directory and the selectors of every corpus rule, so changing any of them
starts a new index; an entry also records the file's dateline year and display name.
A file modified less than :data:`RACY_SECONDS` before it was read is not indexed (it
could change again within the file system's timestamp granularity without its
signature changing, git's "racily clean" case); it is read again next time.

The index is a pickle written to a temporary file and renamed into place, so a
concurrent run reads the old index or the new one, never half of one.  Pickles run code
when loaded: the index is exactly as trusted as the repository that holds it (anyone who
can write ``.factlint_cache/`` can already change the files and the configuration the
hook runs); ``--no-cache`` reads everything and ignores it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass

from ..corpus import code_version
from ..model import Document
from ..rules import cross_source
from ..rules.engine import (
    CheckPlan,
    CheckResult,
    DocumentOutcome,
    Gatherer,
    Piece,
    check_document,
    coverage_warnings,
    expected_pieces,
    finish_check,
)
from ..settings.sources import resolved
from ..text.directives import Suppressions
from ..text.files import display_name

__all__ = ["RACY_SECONDS", "CorpusIndex", "Entry", "run_focused"]

#: A file modified this recently when read is not indexed (see the module docstring).
RACY_SECONDS = 2.0

#: ``os.stat`` fields that change whenever a file's contents or permissions do.
Signature = tuple[int, int, int, int, int]


def signature(stat: os.stat_result) -> Signature:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev)


@dataclass(frozen=True, slots=True)
class Entry:
    """What a run needs of one corpus file that is not read whole."""

    signature: Signature
    display: str
    year: int | None
    suppressions: Suppressions | None
    directive_error: str | None
    notes: tuple[str, ...]
    #: (corpus rule id, what its selectors see of the file: selected sentences only).
    pieces: tuple[tuple[str, Document], ...]

    def outcome(self, index: int) -> DocumentOutcome | None:
        """The file's outcome as ``check_document`` gives it, or None when that says
        nothing the run needs (most files: no suppression comment, no selected figure)."""
        if not (self.pieces or self.notes or self.suppressions is not None
                or self.directive_error is not None):
            return None
        return DocumentOutcome(
            index=index, path=self.display, notes=self.notes,
            suppressions=self.suppressions, directive_error=self.directive_error,
            pieces=tuple((("rule", rule_id), Piece(index, seen))
                         for rule_id, seen in self.pieces))


class CorpusIndex:
    """The :class:`Entry` of every corpus file, kept in ``folder`` between runs."""

    def __init__(self, folder: str, plan: CheckPlan) -> None:
        digest = hashlib.sha256(code_version().encode())
        corpus_rules = sorted((rule.id, plan.selectors.get(rule.id))
                              for rule in plan.rules_of("corpus"))
        digest.update(repr((plan.options, plan.ctx.base, os.getcwd(), corpus_rules)).encode())
        self.file = os.path.join(folder, "index", digest.hexdigest()[:32] + ".pickle")
        self.entries: dict[str, Entry] = {}
        self.changed = False
        self.hits = self.misses = 0
        try:
            with open(self.file, "rb") as handle:
                entries = pickle.load(handle)
            if isinstance(entries, dict):
                self.entries = entries
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError,
                AttributeError, ImportError):
            pass  # no index yet, or one that cannot be read: every file is read

    def outcome(self, plan: CheckPlan, index: int, path: str, stat: os.stat_result | None,
                year: int | None) -> DocumentOutcome | None:
        """What file ``path`` gives the run, from its entry if its signature (and dateline
        ``year``) is unchanged, else read (through the extraction cache) and indexed;
        None when it gives nothing (see :meth:`Entry.outcome`)."""
        display = display_name(path)
        entry = self.entries.get(display)
        if (stat is not None and entry is not None and entry.signature == signature(stat)
                and entry.year == year):
            self.hits += 1
            return entry.outcome(index)
        self.misses += 1
        outcome = check_document(plan, index, path)
        if outcome.error is not None or stat is None:
            self.entries.pop(display, None)
            self.changed = True
            return outcome
        fresh = Entry(signature(stat), display, year,
                      outcome.suppressions, outcome.directive_error, outcome.notes,
                      tuple((name, piece.document) for (kind, name), piece in outcome.pieces
                            if kind == "rule"))
        if time.time() - stat.st_mtime_ns / 1e9 >= RACY_SECONDS:
            self.entries[display] = fresh
            self.changed = True
        else:
            self.entries.pop(display, None)
        return fresh.outcome(index)

    def save(self, keep: set[str]) -> None:
        """Write the index (entries of files still in the run only), atomically; a folder
        that cannot be written only means no index."""
        stale = set(self.entries) - keep
        if not self.changed and not stale:
            return
        for name in stale:
            del self.entries[name]
        folder = os.path.dirname(self.file)
        try:
            os.makedirs(folder, exist_ok=True)
            handle = tempfile.NamedTemporaryFile(dir=folder, delete=False, prefix=".tmp-",
                                                 suffix=".pickle")
            with handle:
                pickle.dump(self.entries, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(handle.name, self.file)
        except OSError:
            pass


def _identity(stat: os.stat_result) -> tuple[int, int]:
    return stat.st_dev, stat.st_ino


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def run_focused(plan: CheckPlan, paths: Sequence[str], index: CorpusIndex) -> CheckResult:
    """:func:`~factlint.rules.engine.run_local` for a plan with a focus (the hook's staged
    files), giving the same findings about the focused files while reading whole only
    the focused files and the version groups holding one; the rest come from ``index``.

    When a corpus rule sees whole documents (its selectors are not known, the ledger's
    check), every file is read whole, as without an index.
    """
    assert plan.ctx.focus is not None
    whole_rules = any(plan.selectors.get(rule.id) is None for rule in plan.rules_of("corpus"))
    wanted = set(plan.ctx.focus)
    focus_groups = sorted({g for path in plan.ctx.focus for g in plan.groups_of.get(path, ())})
    if plan.rules_of("group"):
        for group_id in focus_groups:
            wanted.update(map(resolved, plan.group(group_id).files))
    # Files are told apart by device and inode: no path needs resolving but these.
    identities = {_identity(stat) for stat in map(_stat, wanted) if stat is not None}
    stats = [_stat(path) for path in paths]
    # The dateline years, by identity too (a stat is cheaper than resolving a path).
    years = {_identity(stat): year for stat, year in
             ((_stat(path), year) for path, year in plan.years.items()) if stat is not None}
    read_whole = [whole_rules or stat is None or _identity(stat) in identities
                  for stat in stats]
    gatherer = Gatherer(plan, expected_pieces(
        plan, [path for path, whole in zip(paths, read_whole, strict=True) if whole]))
    outcomes = []
    unreadable: set[int] = set()
    for number, (path, stat, whole) in enumerate(zip(paths, stats, read_whole, strict=True)):
        if whole:
            outcome = check_document(plan, number, path)
        else:
            outcome = index.outcome(plan, number, path, stat, years.get(_identity(stat)))
            if outcome is None:
                continue
        if outcome.error is not None:
            unreadable.add(number)
        outcome = gatherer.add_outcome(outcome)
        if outcome.reportable():
            outcomes.append(outcome)
    if not whole_rules:
        index.save({display_name(path) for path, whole in zip(paths, read_whole, strict=True)
                    if not whole})
    # Version groups with one file in the run are told of for the staged files' groups
    # alone: the others were not compared, so there is nothing to warn of (and resolving
    # every path of the corpus to say so would cost more than the rest of the commit).
    result = finish_check(dataclasses.replace(plan, groups=()), outcomes, gatherer.close(),
                          paths)
    if any(rule.type == cross_source.NAME for rule in plan.rules):
        read = [display_name(path) for number, (path, whole)
                in enumerate(zip(paths, read_whole, strict=True))
                if whole and number not in unreadable]
        result.warnings.extend(coverage_warnings(
            [plan.group(group_id) for group_id in focus_groups], read))
    return result
