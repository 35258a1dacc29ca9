"""The sentence a figure stands in, for reports that show a finding in its context.

An :class:`Excerpt` is the normalised sentence around a place a finding points at,
where the figure stands in it, and the figure's reading (its interval), if the place
is a figure.  The HTML report puts the excerpts of each version side by side.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..model import Document, Location, Quantity, Sentence, Span

__all__ = ["Excerpt", "PlaceKey", "document_excerpts", "excerpt", "figure_in_sentence",
           "place_key"]

#: (path, line, column): how a finding's location is matched to its excerpt.
PlaceKey = tuple[str, int, int]


@dataclass(frozen=True)
class Excerpt:
    """A sentence, the figure's ``[start, end)`` in it (0, 0 if none), and its reading."""

    sentence: str
    start: int = 0
    end: int = 0
    quantity: Quantity | None = None


def place_key(place: Location | Span) -> PlaceKey:
    return (place.path, place.line, place.column)


def figure_in_sentence(sentence: str, quantity: Quantity, sentence_span: Span | None = None
                       ) -> tuple[int, int]:
    """Where ``quantity`` stands in its normalised ``sentence``: (start, end), or (0, 0).

    The sentence is normalised (OCR gaps removed), so offsets in the original do not
    carry over; the figure's normalised text is looked for, and of several
    occurrences the one nearest its place in the original is taken.
    """
    needle = "".join((quantity.normalized or quantity.text).split())
    if not needle:
        return 0, 0
    guess = 0 if sentence_span is None else max(0, quantity.span.start - sentence_span.start)
    best: int | None = None
    at = sentence.find(needle)
    while at != -1:
        if best is None or abs(at - guess) < abs(best - guess):
            best = at
        at = sentence.find(needle, at + 1)
    return (0, 0) if best is None else (best, best + len(needle))


def excerpt(quantity: Quantity, sentence: str, sentence_span: Span | None = None) -> Excerpt:
    """The excerpt of ``quantity`` standing in ``sentence``."""
    start, end = figure_in_sentence(sentence, quantity, sentence_span)
    return Excerpt(sentence, start, end, quantity)


def _sentence_at(sentences: tuple[Sentence, ...], starts: list[tuple[int, int]],
                 line: int, column: int) -> Sentence | None:
    i = bisect.bisect_right(starts, (line, column)) - 1
    return sentences[i] if i >= 0 else None


def document_excerpts(documents: Iterable[Document], places: Iterable[Location | Span]
                      ) -> Mapping[PlaceKey, Excerpt]:
    """The excerpt of each of ``places`` that stands in one of ``documents``.

    A place that is a figure gets its sentence and reading; any other place (a
    sentence with no counterpart) gets the sentence it starts in.  Linear in the size
    of the documents touched, whatever the number of places.
    """
    wanted: dict[str, set[tuple[int, int]]] = {}
    for place in places:
        wanted.setdefault(place.path, set()).add((place.line, place.column))
    result: dict[PlaceKey, Excerpt] = {}
    for document in documents:
        positions = wanted.get(document.path)
        if not positions:
            continue
        sentences = document.sentences
        for q in document.quantities:
            at = (q.span.line, q.span.column)
            if at in positions and 0 <= q.sentence < len(sentences):
                sentence = sentences[q.sentence]
                result[(document.path, *at)] = excerpt(q, sentence.text, sentence.span)
        starts = [(s.span.line, s.span.column) for s in sentences]
        for line, column in positions:
            if (document.path, line, column) not in result:
                sentence = _sentence_at(sentences, starts, line, column)
                if sentence is not None:
                    result[(document.path, line, column)] = Excerpt(sentence.text)
    return result
