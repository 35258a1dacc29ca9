"""Passages for the built-in arithmetic checks: periods, headlines and figure places.

``Sentence`` ends at 。！？； and at blank lines.  OCR copy puts a blank line after
every printed line, so one enumerated list (一级网格17个、二级网格290个、…) can fall
into several sentences; a *period* joins them again up to the next 。！？；.  A
headline (as :func:`factlint.claims.headline.headlines` finds them, the one notion
every check shares) stands alone: a sentence that runs from a headline into the
body after one line break is cut at the headline's end, so the headline's figures
never join the next sentence's list.  Everything here is one pass over the document.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..claims.collector import collector_paused
from ..claims.headline import headlines
from ..corpus import folded_text
from ..model import AMOUNT_KINDS, Document, Quantity, _fast_constructor
from ..text.normalize import strip_gaps

__all__ = ["Figure", "Period", "periods"]

_ENDS = ("。", "！", "？", "；", "!", "?", ";", "…")
_CLOSERS = "”’」』）)】"
@dataclass(frozen=True, slots=True)
class Figure:
    """An amount of a period and where it stands in the period's text."""

    quantity: Quantity
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Period:
    """Sentences up to the next 。！？； (or one headline), joined into one text."""

    text: str
    figures: tuple[Figure, ...]
    headline: bool
    #: index of the first sentence
    first: int
    #: offset of the period's start in the document's folded text
    start: int = 0


#: ``Figure(...)`` and ``Period(...)`` without the frozen ``__init__`` (a period for every
#: sentence of the copy, a figure for every amount: a quarter of :func:`periods`).
_new_figure = _fast_constructor(Figure)
_new_period = _fast_constructor(Period)


def _ends_period(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith(_ENDS)


#: The document last asked about and its periods: the three checks ask for the same
#: ones, one after the other (the engine runs every check on a document before it reads
#: the next), so one entry serves them, and a long run keeps no more than that.  (An
#: entry per document, dropped by weakref.finalize, cost more to keep than the checks
#: spent on a small document.)
_last: tuple[Document, tuple[Period, ...]] | None = None


def periods(document: Document) -> tuple[Period, ...]:
    """The document's periods in order, each with its amounts (dates and ordinals left out).

    A figure is found in its period's text rather than its sentence's, so one
    that a blank line cuts (``二级网格290`` / ``个、三级网格``) is still found.
    """
    global _last
    last = _last
    if last is not None and last[0] is document:
        return last[1]
    # As in the extractor: the periods form no reference cycle, and the cyclic
    # collector's passes over a large document's figures made this superlinear
    # (0.5 M characters 0.20 s, 2.1 M 2.0 s; paused, 0.11 s and 0.48 s).
    with collector_paused():
        found = _periods(document)
    _last = (document, found)
    return found


def _pieces(document: Document) -> list[tuple[int, int, int, bool, bool]]:
    """(sentence index, start, end, in a headline, the whole sentence) of the document's
    text in order: each sentence, cut where a headline region begins or ends inside it."""
    text = folded_text(document)
    regions = headlines(text, document.blocks)
    bounds = sorted({offset for region in regions for offset in region})
    starts = [start for start, _ in regions]
    pieces = []
    r = 0  # the first region that ends after the current sentence starts
    for sentence in document.sentences:
        start, end = sentence.start, sentence.end
        while r < len(regions) and regions[r][1] <= start:
            r += 1
        if r == len(regions) or regions[r][0] >= end:  # most sentences: no headline
            pieces.append((sentence.index, start, end, False, True))
            continue
        cut = bisect.bisect_right(bounds, start)
        whole = True
        while cut < len(bounds) and bounds[cut] < end:
            if text[start:bounds[cut]].strip():
                pieces.append((sentence.index, start, bounds[cut],
                               _inside(regions, starts, start), False))
                start, whole = bounds[cut], False
            cut += 1
        pieces.append((sentence.index, start, end, _inside(regions, starts, start), whole))
    return pieces


def _inside(regions: tuple[tuple[int, int], ...], starts: list[int], offset: int) -> bool:
    """Whether ``offset`` is in a headline."""
    i = bisect.bisect_right(starts, offset) - 1
    return i >= 0 and regions[i][0] <= offset < regions[i][1]


def _periods(document: Document) -> tuple[Period, ...]:
    sentences = document.sentences
    if not sentences:
        return ()
    text = folded_text(document)
    pieces = _pieces(document)
    # One pass over the pieces: each piece's text, the period it falls in, and each
    # period's text (a headline piece is a period of its own; a period ends at
    # 。！？； or where a headline begins).
    texts: list[str] = []
    spans: list[tuple[int, bool]] = []  # each period's first piece, and whether a headline
    period_of = [0] * len(pieces)
    first_piece = [0] * len(sentences)  # the first piece of each sentence
    open_texts: list[str] = []
    open_first = 0
    previous_sentence = -1
    for number, (index, a, b, headline, whole) in enumerate(pieces):
        if index != previous_sentence:
            first_piece[index], previous_sentence = number, index
        if headline and open_texts:
            texts.append(open_texts[0] if len(open_texts) == 1 else "".join(open_texts))
            spans.append((open_first, False))
            open_texts = []
        if not open_texts:
            open_first = number
        piece_text = sentences[index].text if whole else strip_gaps(text[a:b].strip())
        open_texts.append(piece_text)
        period_of[number] = len(texts)
        if headline or _ends_period(piece_text):
            texts.append(piece_text if len(open_texts) == 1 else "".join(open_texts))
            spans.append((open_first, headline))
            open_texts = []
    if open_texts:
        texts.append(open_texts[0] if len(open_texts) == 1 else "".join(open_texts))
        spans.append((open_first, False))
    # A figure of a sentence cut at a headline's end is looked for in the period of the
    # sentence's current piece, then of the next.
    found: dict[int, list[Figure]] = {}
    cursor = [0] * len(texts)
    current: dict[int, int] = {}  # the piece reached, for sentences that are cut
    count = len(sentences)
    for q in document.quantities:
        sentence = q.sentence
        if q.kind not in AMOUNT_KINDS or not 0 <= sentence < count:
            continue
        piece = first_piece[sentence]
        needle = "".join((q.normalized or q.text).split())
        if pieces[piece][4]:  # the sentence is whole
            number = period_of[piece]
            at = texts[number].find(needle, cursor[number])
        else:
            piece = current.get(sentence, piece)
            while True:
                number = period_of[piece]
                at = texts[number].find(needle, cursor[number])
                if at >= 0 or piece + 1 >= len(pieces) or pieces[piece + 1][0] != sentence:
                    break
                piece += 1
            current[sentence] = piece
        if at < 0:
            continue
        end = at + len(needle)
        found.setdefault(number, []).append(_new_figure(quantity=q, start=at, end=end))
        cursor[number] = end
    return tuple(_new_period(text=texts[n], figures=tuple(found[n]) if n in found else (),
                             headline=headline, first=pieces[first][0], start=pieces[first][1])
                 for n, (first, headline) in enumerate(spans))
