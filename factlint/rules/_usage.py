"""Helpers shared by the numeral-usage checks (``usage_*.py``, GB/T 15835-2011).

Each check scans a document's normalised text (one character per original
character, so every offset is an offset into the file) and reports with
:func:`usage_finding`, which builds the finding's location and, when the check
knows the corrected text, its :class:`~factlint.model.Fix`.  Whether a fix is safe
to apply is decided later, by :func:`factlint.rules.fixes.prove`, never here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

import regex

from ..corpus import folded_text
from ..model import Corpus, Document, Finding, Fix, Location, Replacement
from ..text.normalize import LineIndex
from . import Rule

STANDARD = "GB/T 15835-2011"
ARABIC = "0123456789"
CHINESE_DIGITS = "零〇一二两三四五六七八九"
CHINESE_NUMERALS = CHINESE_DIGITS + "十百千万亿"
#: Spaces that group digits (GB/T 15835-2011 allows a narrow space between groups of
#: three): thin, narrow no-break, four-per-em and six-per-em.  NFKC folds them all to
#: an ASCII space, so a check reads them in the original text.  An ASCII space between
#: digits is not one of them: in copy it is an OCR gap or a column break.
THIN_SPACES = "\u2009\u202f\u2005\u2006"


# The engine runs every usage check on one document before it reads the next
# (rules.engine.check_read), so a few entries serve them all; 4096 held a worker's last
# 4096 documents' line indexes, memory that grew with the archive (a miss only costs
# indexing the lines again).
@lru_cache(maxsize=8)
def _line_index(text: str) -> LineIndex:
    return LineIndex(text)


def normalized(document: Document) -> str:
    """The document's text with one-to-one NFKC folding (same offsets as the file): the
    folded text its sentences were cut from, not a second folding of it."""
    return folded_text(document)


def matches(corpus: Corpus, pattern: regex.Pattern,
            needle: str | tuple[str, ...] | None = None,
            gate: regex.Pattern | re.Pattern | None = None
            ) -> Iterator[tuple[Document, str, regex.Match]]:
    """(document, its normalised text, match) for every match of ``pattern`` in ``corpus``.

    ``needle``: a string every match contains, or strings one of which each match
    contains; documents without it are skipped unscanned (a scan of a document for a
    string costs a fraction of a scan for the pattern).  ``gate``: a simpler pattern
    that finds something in every text where ``pattern`` does (``\\d[余多]`` for a figure
    followed by 余 or 多), searched for first: a pattern with lookbehinds and
    alternatives is tried at every offset, a simple one is scanned for several times
    faster, and most documents hold no match of either.
    """
    needles = (needle,) if isinstance(needle, str) else needle
    for document in corpus.documents:
        text = normalized(document)
        if needles is not None and not any(n in text for n in needles):
            continue
        if gate is not None and gate.search(text) is None:
            continue
        for m in pattern.finditer(text):
            yield document, text, m


def location(document: Document, start: int, end: int) -> Location:
    # A Markdown, HTML or Word document's text is prose: its places are the source's.
    span = (document.source_map.span(start, end) if document.source_map is not None
            else _line_index(document.text).span(start, end))
    return Location(document.path, span.line, span.column, span.end_line, span.end_column,
                    document.text[start:end])


def replacement(document: Document, start: int, end: int, new: str) -> Replacement:
    loc = location(document, start, end)
    return Replacement(document.path, start, end, loc.line, loc.column, loc.end_line,
                       loc.end_column, old=document.text[start:end], new=new)


def usage_finding(rule: Rule, document: Document, start: int, end: int, message: str, *,
                  new: str | None = None, fix_description: str = "",
                  related: Sequence[Location] = (), level: str | None = None,
                  replacements: Sequence[Replacement] = ()) -> Finding:
    """A finding at ``start:end`` of ``document``; ``new`` replaces that text as its fix."""
    parts = list(replacements)
    if new is not None:
        parts.append(replacement(document, start, end, new))
    fix = None
    if parts:
        description = fix_description or (
            f"write {new}" if new is not None and len(parts) == 1 else "rewrite")
        fix = Fix(description, tuple(sorted(parts, key=lambda r: r.start)))
    return Finding(rule=rule.id, level=level or rule.level, message=message,
                   location=location(document, start, end), related=tuple(related), fix=fix)


def clause(number: str) -> str:
    return f"({STANDARD} {number})"


def chinese(number: int) -> str:
    """``20`` → ``二十``, ``108`` → ``一百零八`` (as GB/T 15835-2011 5.2.5 writes 零)."""
    import cn2an  # lazily: a third of factlint's start-up, and most runs never need it

    return cn2an.an2cn(str(number), "low")


def chinese_digits(digits: str) -> str:
    """``2012`` → ``二〇一二``: digit by digit, as years and codes are written."""
    return "".join("〇一二三四五六七八九"[int(d)] for d in digits)
