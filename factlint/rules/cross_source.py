"""cross-source: figures that changed between versions of one article.

The sources file groups files that are versions of one article (a print page's OCR,
its web transcription, the agency's clean copy).  Most numeric errors in such a set
are a figure that changed on the way from one version to the next: a digit misread
or mistyped, a digit inserted or dropped, 万 for 亿, a 余 lost.  This rule aligns the
versions and compares every figure with its counterpart, so those errors are found
with no rule written.  It is the engine of ``factlint diff`` (:mod:`factlint.versions.diff`),
run over every group.

Each version is compared with the group's ``preferred`` version when there is one
(findings are placed in the other version, ``related`` points at the reference), else
each version with the next one in the order the group lists them.  A changed value is
reported at the rule's level (``error`` by default); a changed qualifier, unit or kind
at ``warning`` (or the rule's level, if lower).  A figure of the preferred version that
has no counterpart in another version is reported at ``info``; figures found only in a
non-reference version are not, since a page's OCR carries every other story printed
beside the article.  Group members are matched to the files checked by resolved path, so
``seeds/a.txt``, ``$PWD/seeds/a.txt`` and ``a.txt`` run from ``seeds`` are one file;
members that are not among the files checked are skipped, and :func:`coverage_warnings`
says so.

Needs no YAML; it runs whenever the sources file declares groups.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from ..model import LEVELS, Corpus, Document, Finding, VersionGroup
from ..settings.sources import resolved
from ..text.files import working_on
from ..versions.diff import (
    CHANGED_KIND,
    CHANGED_QUALIFIER,
    CHANGED_UNIT,
    CHANGED_VALUE,
    ONLY_IN_ONE,
    diff_documents,
    to_findings,
)

if TYPE_CHECKING:  # the rules package imports this module lazily; avoid a cycle
    from . import CheckContext, Rule

NAME = "cross-source"
DEFAULT_LEVEL = "error"
SCOPE = "group"  # what it compares: the versions of one article
DESCRIPTION = ("A figure differs between versions of one article (sources file groups): "
               "changed value, qualifier, unit or kind, or a figure of the preferred "
               "version missing from another version.")


def _at_most(level: str, ceiling: str) -> str:
    return level if LEVELS.index(level) <= LEVELS.index(ceiling) else ceiling


Resolve = Callable[[str], str]


def documents_by_file(corpus: Corpus, resolve: Resolve = resolved) -> dict[str, Document]:
    """The corpus's documents by resolved path (built once per run, not per group).

    ``resolve`` spells a path as :func:`~factlint.settings.sources.resolved` does; the
    check passes its context's, which resolves relative paths from the run's directory
    even on a Dask worker started elsewhere.
    """
    return {resolve(doc.path): doc for doc in corpus.documents}


def _members(group: VersionGroup, loaded: dict[str, Document],
             resolve: Resolve = resolved) -> list[Document]:
    return [loaded[key] for key in map(resolve, group.files) if key in loaded]


def coverage_warnings(corpus: Corpus) -> list[str]:
    """One line for each version group of which only one file is in the run: it has
    nothing to be compared with, and a run that meant to compare it must be told."""
    loaded = documents_by_file(corpus)
    warnings = []
    for group in corpus.groups:
        members = _members(group, loaded)
        if len(members) == 1:
            warnings.append(f"cross-source: version group '{group.id}' has only "
                            f"{members[0].path} among the files checked (it names "
                            f"{len(group.files)}); it was not compared")
    return warnings


def _pairs(group: VersionGroup, loaded: dict[str, Document], resolve: Resolve = resolved
           ) -> Iterator[tuple[Document, Document, bool]]:
    """(reference, other, has_reference) pairs of loaded documents of ``group``."""
    members = _members(group, loaded, resolve)
    preferred = resolve(group.preferred) if group.preferred is not None else None
    if preferred is not None and preferred in loaded:
        reference = loaded[preferred]
        for doc in members:
            if doc is not reference:
                yield reference, doc, True
        return
    for older, newer in zip(members, members[1:], strict=False):
        yield older, newer, False


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    """Findings for every group of versions in ``corpus``."""
    levels = {
        CHANGED_VALUE: rule.level,
        CHANGED_QUALIFIER: _at_most(rule.level, "warning"),
        CHANGED_UNIT: _at_most(rule.level, "warning"),
        CHANGED_KIND: _at_most(rule.level, "warning"),
        ONLY_IN_ONE: "info",
    }
    findings: list[Finding] = []
    loaded = documents_by_file(corpus, ctx.resolved)
    for group in corpus.groups:
        for reference, other, has_reference in _pairs(group, loaded, ctx.resolved):
            working_on(f"version group '{group.id}' ({reference.path}, {other.path})")
            changes = [
                change for change in diff_documents(reference, other)
                # Figures only in a non-reference version (other stories on an OCR page)
                # are not conflicts; a reference figure missing elsewhere may be.
                if change.rule != ONLY_IN_ONE or (has_reference and change.new is None)
            ]
            findings.extend(to_findings(changes, rule=rule.id, levels=levels,
                                        prefix=f"[{group.id}] "))
    return findings
