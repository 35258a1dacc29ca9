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
(``.factlint_cache/index/<factlint version>/``): the display name of every indexed file
and its ``os.stat`` signature (size, modification and change times in nanoseconds,
inode, device) with its dateline year, as two flat lists, and apart from them what the
few files that give the run anything hold (suppression comments, a comment's error,
notes, the pieces of the corpus rules).  A file whose signature is unchanged is not
opened at all, and when no file changed (the usual commit: a new draft, or an edit to
one version) the whole corpus is compared at once, list against list, with no Python
object made per file but its ``stat``.  The key of the index file covers factlint's
source (:func:`~factlint.corpus.code_version`), the read options, the working directory
and the selectors of every corpus rule, so changing any of them starts a new index.  A
file modified less than :data:`RACY_SECONDS` before it was read is not indexed (it could
change again within the file system's timestamp granularity without its signature
changing, git's "racily clean" case); it is read again next time.

The index is signed with the user's key and written atomically
(:mod:`factlint.text.cachefiles`): an index this user's factlint did not write (one
committed into the repository, say) is never unpickled, only rebuilt, and a concurrent
run reads the old index or the new one.  ``--no-cache`` reads everything and ignores it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

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
from ..text import cachefiles
from ..text.directives import Suppressions
from ..text.files import display_name

__all__ = ["RACY_SECONDS", "CorpusIndex", "Entry", "run_focused"]

#: A file modified this recently when read is not indexed (see the module docstring).
RACY_SECONDS = 2.0

#: ``os.stat`` fields that change whenever a file's contents or permissions do.
Signature = tuple[int, int, int, int, int]
#: Numbers kept per indexed file: its signature and its dateline year (NO_YEAR if none).
STAMP = 6
NO_YEAR = -1


def signature(stat: os.stat_result) -> Signature:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev)


@dataclass(frozen=True, slots=True)
class Entry:
    """What a run needs of one corpus file that is not read whole (when anything)."""

    suppressions: Suppressions | None
    directive_error: str | None
    notes: tuple[str, ...]
    #: (corpus rule id, what its selectors see of the file: selected sentences only).
    pieces: tuple[tuple[str, Document], ...]

    @classmethod
    def of(cls, outcome: DocumentOutcome) -> Entry | None:
        """What ``outcome`` gives the run, or None when it says nothing the run needs
        (most files: no suppression comment, no selected figure)."""
        pieces = tuple((name, piece.document) for (kind, name), piece in outcome.pieces
                       if kind == "rule")
        if not (pieces or outcome.notes or outcome.suppressions is not None
                or outcome.directive_error is not None):
            return None
        return cls(outcome.suppressions, outcome.directive_error, outcome.notes, pieces)

    def gathered_by(self, gatherer: Gatherer, index: int, display: str
                    ) -> DocumentOutcome | None:
        """What ``gatherer.add_outcome`` does with the file's outcome as
        ``check_document`` gives it: its pieces gathered, the rest returned (None when
        nothing of it is reportable); without making the outcome only to strip its
        pieces (with a corpus rule every file has one: about 10 µs a file)."""
        for rule_id, seen in self.pieces:
            gatherer.add(("rule", rule_id), Piece(index, seen))
        if not (self.notes or self.suppressions is not None
                or self.directive_error is not None):
            return None
        return DocumentOutcome(index=index, path=display, notes=self.notes,
                               suppressions=self.suppressions,
                               directive_error=self.directive_error)


class Indexed(NamedTuple):
    """A file whose outcome the index gives: its number in the run, name and entry."""

    index: int
    display: str
    entry: Entry


class CorpusIndex:
    """What every corpus file gives a run, kept in ``folder`` between runs: the files'
    names and stamps (signature and year, :data:`STAMP` numbers each) and the
    :class:`Entry` of those that give anything, by their place in the names."""

    #: The cache folder's subfolder for indexes (one folder per factlint version inside).
    AREA = "index"

    def __init__(self, folder: str, plan: CheckPlan) -> None:
        version = code_version()
        digest = hashlib.sha256(version.encode())
        corpus_rules = sorted((rule.id, plan.selectors.get(rule.id))
                              for rule in plan.rules_of("corpus"))
        digest.update(repr((plan.options, plan.ctx.base, os.getcwd(), corpus_rules)).encode())
        self.root = folder
        self.file = os.path.join(folder, self.AREA, version, digest.hexdigest()[:32] + ".pickle")
        self.names: list[str] = []
        self._stamps: list[int] | None = []
        self._digest = _digest_of(_packed([]))
        self._packed = b""
        self.entries: dict[int, Entry] = {}
        self.changed = False
        self.hits = self.misses = 0
        stored = cachefiles.load(self.file, cachefiles.user_key())
        if (isinstance(stored, tuple) and len(stored) == 4 and isinstance(stored[0], list)
                and isinstance(stored[1], bytes) and isinstance(stored[2], bytes)
                and isinstance(stored[3], dict)):
            self.names, self._digest, self._packed, self.entries = stored
            self._stamps = None  # unpacked only if some file changed

    @property
    def stamps(self) -> list[int]:
        """The stamps of :attr:`names`, :data:`STAMP` numbers a file."""
        if self._stamps is None:
            stamps = pickle.loads(self._packed)  # signed with the index
            self._stamps = stamps if len(stamps) == STAMP * len(self.names) else []
        return self._stamps

    def entry(self, display: str) -> Entry | None:
        """The entry indexed for ``display`` (None: not indexed, or it gives nothing)."""
        try:
            return self.entries.get(self.names.index(display))
        except ValueError:
            return None

    def outcomes(self, plan: CheckPlan, files: Sequence[tuple[int, str]],
                 stamps: list[int]) -> list[DocumentOutcome | Indexed]:
        """The outcomes of ``files`` ((number in the run, path), each with its
        :data:`STAMP` numbers in ``stamps``), in order: taken from the index for a file
        whose stamp is unchanged (as :class:`Indexed`), else read (through the extraction
        cache) and indexed; a file that gives the run nothing has none."""
        names = ([path for _, path in files] if os.sep == "/" and not os.altsep
                 else [display_name(path) for _, path in files])
        packed = _packed(stamps)
        if names == self.names and _digest_of(packed) == self._digest:  # nothing changed
            self.hits += len(files)
            return [Indexed(files[place][0], names[place], entry)
                    for place, entry in sorted(self.entries.items())]
        where = {name: place for place, name in enumerate(self.names)}
        kept_names: list[str] = []
        kept_stamps: list[int] = []
        kept: dict[int, Entry] = {}
        outcomes: list[DocumentOutcome | Indexed] = []
        fresh_before = time.time() - RACY_SECONDS
        old_stamps = self.stamps
        for place, ((number, path), name) in enumerate(zip(files, names, strict=True)):
            stamp = stamps[STAMP * place:STAMP * place + STAMP]
            old = where.get(name)
            if old is not None and old_stamps[STAMP * old:STAMP * old + STAMP] == stamp:
                self.hits += 1
                entry = self.entries.get(old)
            else:
                self.misses += 1
                outcome = check_document(plan, number, path)
                if outcome.error is not None:
                    outcomes.append(outcome)
                    continue
                entry = Entry.of(outcome)
                if stamp[1] / 1e9 > fresh_before:  # racily clean: read again next time
                    if entry is not None:
                        outcomes.append(Indexed(number, name, entry))
                    continue
            if entry is not None:
                kept[len(kept_names)] = entry
                outcomes.append(Indexed(number, name, entry))
            kept_names.append(name)
            kept_stamps.extend(stamp)
        # Changed: a file indexed anew or again, one deleted, one no longer indexed.
        self.changed = kept_names != self.names or kept_stamps != self.stamps
        self.names, self._stamps, self.entries = kept_names, kept_stamps, kept
        return outcomes

    def save(self) -> None:
        """Write the index if this run changed it (signed, atomically); a folder that
        cannot be written only means no index."""
        if self.changed:
            packed = _packed(self.stamps)
            cachefiles.dump(self.file, (self.names, _digest_of(packed), packed, self.entries),
                            cachefiles.user_key(), self.root)


def _packed(stamps: list[int]) -> bytes:
    """``stamps`` as bytes (a pickle of plain integers: the same bytes for the same
    numbers); comparing their digest costs far less than loading the numbers."""
    return pickle.dumps(stamps, protocol=pickle.HIGHEST_PROTOCOL)


def _digest_of(packed: bytes) -> bytes:
    return hashlib.sha256(packed).digest()


def _identity(stat: os.stat_result) -> tuple[int, int]:
    return stat.st_dev, stat.st_ino


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _in_order(plan: CheckPlan, paths: Sequence[str], whole: list[int],
              from_index: list[DocumentOutcome | Indexed]
              ) -> Iterator[DocumentOutcome | Indexed]:
    """The outcomes of the files read whole (read one at a time, as they are needed) and
    of the indexed files, in the run's order of files, as a full check gathers them."""
    taken = 0
    for number in whole:
        while taken < len(from_index) and from_index[taken].index < number:
            yield from_index[taken]
            taken += 1
        yield check_document(plan, number, paths[number])
    yield from from_index[taken:]


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
    # The dateline years, by identity too (a stat is cheaper than resolving a path).
    years = {_identity(stat): year for stat, year in
             ((_stat(path), year) for path, year in plan.years.items()) if stat is not None}
    # One stat per file and nothing else made per file (the index compares the stamps
    # of all the files at once): this loop is what a commit costs per corpus file.
    whole: list[int] = []
    indexed: list[tuple[int, str]] = []
    stamps: list[int] = []
    stat = os.stat
    inodes = {inode for _, inode in identities}
    for number, path in enumerate(paths):
        try:
            facts = stat(path)
        except OSError:
            whole.append(number)  # reading it reports it
            continue
        if whole_rules or (facts.st_ino in inodes and _identity(facts) in identities):
            whole.append(number)
        else:
            indexed.append((number, path))
            stamps += (facts.st_size, facts.st_mtime_ns, facts.st_ctime_ns, facts.st_ino,
                       facts.st_dev,
                       years.get(_identity(facts), NO_YEAR) if years else NO_YEAR)
    gatherer = Gatherer(plan, expected_pieces(plan, [paths[number] for number in whole]))
    from_index: list[DocumentOutcome | Indexed] = []
    if not whole_rules:
        from_index = index.outcomes(plan, indexed, stamps)
        index.save()
    reported = []
    unreadable: set[int] = set()
    for item in _in_order(plan, paths, whole, from_index):
        if isinstance(item, Indexed):
            bare = item.entry.gathered_by(gatherer, item.index, item.display)
            if bare is not None:
                reported.append(bare)
            continue
        if item.error is not None:
            unreadable.add(item.index)
        outcome = gatherer.add_outcome(item)
        if outcome.reportable():
            reported.append(outcome)
    # Version groups with one file in the run are told of for the staged files' groups
    # alone: the others were not compared, so there is nothing to warn of (and resolving
    # every path of the corpus to say so would cost more than the rest of the commit).
    result = finish_check(dataclasses.replace(plan, groups=()), reported, gatherer.close(),
                          paths)
    if any(rule.type == cross_source.NAME for rule in plan.rules):
        read = [display_name(paths[number]) for number in whole if number not in unreadable]
        result.warnings.extend(coverage_warnings(
            [plan.group(group_id) for group_id in focus_groups], read))
    return result
