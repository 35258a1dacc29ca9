"""Passages for the built-in arithmetic checks: periods, headlines and figure places.

``Sentence`` ends at 。！？； and at blank lines.  OCR copy puts a blank line after
every printed line, so one enumerated list (一级网格17个、二级网格290个、…) can fall
into several sentences; a *period* joins them again up to the next 。！？；.  A
headline (a line of 6 to 40 characters after a closed period, with no comma, no
closing punctuation, and not cut mid-phrase) stands alone.  Everything here is
one pass over the document.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from ..claims.collector import collector_paused
from ..model import Document, Quantity

__all__ = ["Figure", "Period", "periods"]

_ENDS = ("。", "！", "？", "；", "!", "?", ";", "…")
_CLOSERS = "”’」』）)】"
#: A headline is at most this long (titles of news-dev and the seeds are under 40).
HEADLINE_LENGTH = 40


@dataclass(frozen=True)
class Figure:
    """An amount of a period and where it stands in the period's text."""

    quantity: Quantity
    start: int
    end: int


@dataclass(frozen=True)
class Period:
    """Sentences up to the next 。！？； (or one headline), joined into one text."""

    text: str
    figures: tuple[Figure, ...]
    headline: bool
    #: index of the first sentence
    first: int


def _ends_period(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith(_ENDS)


#: A line ending so is cut mid-phrase (…遗漏。2月 / 17日至19日), not a headline.
_CUT = tuple("0123456789０１２３４５６７８９一二三四五六七八九十百千万亿年月日的和、")


def _is_headline(text: str, after_end: bool) -> bool:
    return (after_end and 6 <= len(text) <= HEADLINE_LENGTH and not _ends_period(text)
            and "，" not in text and "," not in text and not text.endswith(_CUT))


#: Periods of the documents of this run, by id: the three checks ask for the same
#: ones.  An entry goes when its document does (weakref.finalize), so a long run
#: does not keep them.
_CACHE: dict[int, tuple[Period, ...]] = {}


def periods(document: Document) -> tuple[Period, ...]:
    """The document's periods in order, each with its amounts (dates and ordinals left out).

    A figure is found in its period's text rather than its sentence's, so one
    that a blank line cuts (``二级网格290`` / ``个、三级网格``) is still found.
    """
    key = id(document)
    found = _CACHE.get(key)
    if found is None:
        # As in the extractor: the periods form no reference cycle, and the cyclic
        # collector's passes over a large document's figures made this superlinear
        # (0.5 M characters 0.20 s, 2.1 M 2.0 s; paused, 0.11 s and 0.48 s).
        with collector_paused():
            found = _CACHE[key] = _periods(document)
        weakref.finalize(document, _CACHE.pop, key, None)
    return found


def _periods(document: Document) -> tuple[Period, ...]:
    spans: list[tuple[int, int, bool]] = []  # first sentence, last + 1, headline
    first = 0
    after_end = True  # the previous sentence closed a period (or there is none)
    sentences = document.sentences
    for sentence in sentences:
        headline = _is_headline(sentence.text, after_end)
        if headline and first < sentence.index:
            spans.append((first, sentence.index, False))
            first = sentence.index
        after_end = headline or _ends_period(sentence.text)
        if after_end:
            spans.append((first, sentence.index + 1, headline))
            first = sentence.index + 1
    if first < len(sentences):
        spans.append((first, len(sentences), False))
    period_of = [0] * len(sentences)
    for number, (start, stop, _) in enumerate(spans):
        for index in range(start, stop):
            period_of[index] = number
    texts = [sentences[start].text if stop == start + 1
             else "".join(s.text for s in sentences[start:stop]) for start, stop, _ in spans]
    found: list[list[Figure]] = [[] for _ in spans]
    cursor = [0] * len(spans)
    for q in document.quantities:
        if not q.is_amount or not 0 <= q.sentence < len(sentences):
            continue
        number = period_of[q.sentence]
        needle = "".join((q.normalized or q.text).split())
        at = texts[number].find(needle, cursor[number])
        if at < 0:
            continue
        found[number].append(Figure(q, at, at + len(needle)))
        cursor[number] = at + len(needle)
    return tuple(Period(texts[n], tuple(found[n]), headline, start)
                 for n, (start, _, headline) in enumerate(spans))
