"""Fixes: prove a replacement harmless by reading the figures again, then apply it.

A check may attach a :class:`~factlint.model.Fix` to its finding.  Before anyone
applies it, :func:`prove` re-extracts the sentence the fix touches, as written and as
fixed, and compares what every quantity there means: the interval ``lo``–``hi``,
the qualifier, the unit, the kind and the date.  Only when the two readings are
the same multiset is the fix marked ``safe`` — and only if it touches no URL, code
span or tag (:mod:`factlint.text.markup`); otherwise it stays a suggestion for
the editor (``20几`` → ``二十几`` is right, but factlint reads ``20几`` as 20 and
几, so it cannot prove the change keeps the meaning, and does not apply it).

:func:`apply_fixes` applies non-overlapping safe fixes in a fixed order (by
position, then rule id, then replacement text): the same input always gives the
same output.  A fix that overlaps one already chosen waits for the next pass.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections import Counter
from collections.abc import Iterable, Sequence

from ..model import Corpus, Document, Finding, Fix
from ..quantities.extractor import extract
from ..settings.sources import year_for
from ..text.markup import Protected, protected_regions

__all__ = ["Reading", "apply_fixes", "prove", "prove_findings", "readings"]

#: What a quantity means, for the purpose of proving a fix harmless.
Reading = tuple


def readings(text: str, year: int | None = None) -> Counter[Reading]:
    """The multiset of meanings of every quantity in ``text``."""
    return Counter((q.lo, q.hi, q.qualifier, q.unit, q.kind, q.iso)
                   for q in extract(text, year=year))


def _sentence_starts(document: Document, cache: dict[int, list[int]]) -> list[int]:
    # Built once per document (keyed by identity for the call), not once per fix.
    starts = cache.get(id(document))
    if starts is None:
        starts = cache[id(document)] = [s.span.start for s in document.sentences]
    return starts


def _window(document: Document, start: int, end: int,
            cache: dict[int, list[int]] | None = None) -> tuple[int, int]:
    """Bounds of the sentences covering ``start:end`` in the original text."""
    sentences = document.sentences
    if not sentences:
        return 0, len(document.text)
    starts = _sentence_starts(document, {} if cache is None else cache)
    first = max(0, bisect.bisect_right(starts, start) - 1)
    last = max(first, bisect.bisect_left(starts, end) - 1)
    return (min(sentences[first].span.start, start),
            max(sentences[last].span.end, end))


def _replaced(text: str, fix: Fix, offset: int = 0) -> str:
    pieces, at = [], 0
    for r in sorted(fix.replacements, key=lambda r: r.start):
        pieces.append(text[at:r.start - offset])
        pieces.append(r.new)
        at = r.end - offset
    pieces.append(text[at:])
    return "".join(pieces)


def _consistent(document: Document, fix: Fix) -> bool:
    """Every replacement is in this file, in order, and its ``old`` is what is written."""
    previous_end = -1
    for r in sorted(fix.replacements, key=lambda r: r.start):
        if r.path != document.path or r.start < previous_end or r.end < r.start:
            return False
        if document.text[r.start:r.end] != r.old or r.new == r.old:
            return False
        previous_end = r.end
    return bool(fix.replacements)


def prove(document: Document, fix: Fix, year: int | None = None,
          _cache: dict[int, list[int]] | None = None) -> bool:
    """Whether applying ``fix`` leaves the meaning of every quantity around it unchanged."""
    if not _consistent(document, fix):
        return False
    lo = min(r.start for r in fix.replacements)
    hi = max(r.end for r in fix.replacements)
    start, end = _window(document, lo, hi, _cache)
    before = document.text[start:end]
    after = _replaced(before, fix, offset=start)
    return readings(before, year) == readings(after, year)


def prove_findings(findings: Iterable[Finding], corpus: Corpus) -> list[Finding]:
    """``findings`` with each fix's ``safe`` flag set by :func:`prove`."""
    documents = {doc.path: doc for doc in corpus.documents}
    cache: dict[int, list[int]] = {}
    protected: dict[str, Protected] = {}
    result = []
    for finding in findings:
        fix = finding.fix
        if fix is not None:
            document = documents.get(finding.location.path)
            safe = document is not None and not _in_markup(document, fix, protected) and prove(
                document, fix, year_for(document.path, corpus.sources), cache)
            if safe != fix.safe:
                finding = dataclasses.replace(finding, fix=dataclasses.replace(fix, safe=safe))
        result.append(finding)
    return result


def _in_markup(document: Document, fix: Fix, cache: dict[str, Protected]) -> bool:
    """Whether ``fix`` touches a URL, code or a tag (:mod:`factlint.text.markup`), or, in a
    Markdown or HTML document, spans markup or an entity (``3～**5万**``, ``4&nbsp;千``):
    its prose text is then not the file's text there, and writing it would break the file."""
    mapped = document.source_map
    if mapped is not None and document.original is not None and any(
            document.original[mapped.source_offset(r.start):
                              mapped.source_offset(r.end, end=True)] != r.old
            for r in fix.replacements if r.end > r.start):
        return True
    regions = cache.get(document.path)
    if regions is None:
        regions = cache[document.path] = protected_regions(document.text, document.path)
    return any(regions.touches(r.start, r.end) for r in fix.replacements)


def _order(finding: Finding) -> tuple:
    fix = finding.fix
    assert fix is not None
    first = min(r.start for r in fix.replacements)
    last = max(r.end for r in fix.replacements)
    return (first, last, finding.rule, tuple((r.start, r.end, r.new) for r in fix.replacements))


def _overlaps(taken: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    """Whether ``span`` overlaps (or starts where one starts) a span of sorted ``taken``.

    Spans taken never overlap each other, so only the neighbours on each side matter.
    """
    start, end = span
    at = bisect.bisect_left(taken, span)
    for s, e in taken[max(0, at - 1):at + 1]:
        if s == start or (s < end and start < e):
            return True
    return False


def apply_fixes(text: str, findings: Sequence[Finding]) -> tuple[str, list[Finding]]:
    """``text`` with the safe fixes of ``findings`` applied, and the findings applied.

    Fixes are taken in :func:`_order`; one that overlaps (or touches the same
    place as) a fix already taken is left for the next pass.  The same fix offered
    by two findings is applied once.
    """
    chosen: list[Finding] = []
    taken: list[tuple[int, int]] = []  # sorted spans already replaced
    seen: set[tuple] = set()
    for finding in sorted((f for f in findings if f.fix is not None and f.fix.safe), key=_order):
        fix = finding.fix
        assert fix is not None
        key = tuple((r.start, r.end, r.new) for r in fix.replacements)
        if key in seen:
            continue
        spans = [(r.start, r.end) for r in fix.replacements]
        if any(_overlaps(taken, span) for span in spans):
            continue
        if any(text[r.start:r.end] != r.old for r in fix.replacements):
            continue
        seen.add(key)
        for span in spans:
            bisect.insort(taken, span)
        chosen.append(finding)
    replacements = sorted((r for f in chosen for r in f.fix.replacements),  # type: ignore[union-attr]
                          key=lambda r: r.start)
    pieces, at = [], 0
    for r in replacements:
        pieces.append(text[at:r.start])
        pieces.append(r.new)
        at = r.end
    pieces.append(text[at:])
    return "".join(pieces), chosen
