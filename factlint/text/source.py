"""What every reader hands the pipeline: prose, and the map back to the source.

A reader (plain text, Markdown, HTML, Word) turns a file into a :class:`Prose`:

- ``text``: the prose the pipeline reads.  Blocks (paragraphs, headings, list
  items, table cells) are separated by :data:`BLOCK_SEPARATOR`, three line breaks,
  which end a sentence and which the OCR gap-joining never bridges, so a figure in
  one table cell is never read together with the next cell's.  Inline content left
  out (code, images, comments) leaves :data:`OBJECT_REPLACEMENT` in its place.
- ``source``: the decoded file (for Word: one line per paragraph, see
  :mod:`factlint.text.docx`), which ``line:column`` positions count in.
- ``pieces``: the offset map, a sorted tuple of :class:`Piece`.  Each piece says
  that ``text[start:start + length]`` came from ``source[source_start:source_end]``:
  verbatim when both lengths are equal (offsets map one to one inside it), or as one
  unit otherwise (an HTML entity ``&amp;`` → ``&``, a Markdown escape ``\\*`` → ``*``).
  Text between pieces (the block separators) maps to the end of the piece before.
- ``blocks``: the document's :class:`~factlint.model.Block` s, for the claim checks.

:meth:`Prose.span` is the one function the rest of the pipeline needs: it turns
``text[start:end]`` into a :class:`~factlint.model.Span` in the source.  A lookup is
a binary search, so mapping every figure of a document costs O(n log n).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..model import Block, Span, new_span
from .normalize import LineIndex

#: Between two blocks of prose: ends a sentence; never joined as an OCR gap.
BLOCK_SEPARATOR = "\n\n\n"
#: In place of something left out inside a block (inline code, an image, a comment), so
#: that the figures on either side stay apart: ``共5`x`6人`` is 5 and 6人, never 56人.
OBJECT_REPLACEMENT = "\ufffc"

#: Formats factlint reads, and the file suffixes that select each.
FORMAT_SUFFIXES: dict[str, tuple[str, ...]] = {
    "txt": (".txt",),
    "md": (".md", ".markdown"),
    "html": (".html", ".htm", ".xhtml"),
    "docx": (".docx",),
}
FORMATS: tuple[str, ...] = tuple(FORMAT_SUFFIXES)


def format_of(path: str, override: str | None = None) -> str:
    """The format a file is read as: ``override`` if given, else by suffix (default txt)."""
    if override:
        if override not in FORMAT_SUFFIXES:
            raise ValueError(f"unknown input format {override!r}; expected one of "
                             f"{', '.join(FORMATS)}")
        return override
    lower = path.lower()
    for name, suffixes in FORMAT_SUFFIXES.items():
        if lower.endswith(suffixes):
            return name
    return "txt"


@dataclass(frozen=True, order=True)
class Piece:
    """``text[start:start + length]`` came from ``source[source_start:source_end]``."""

    start: int
    length: int
    source_start: int
    source_end: int


@dataclass(frozen=True)
class Prose:
    """A reader's output: prose, its source, the offset map and the blocks."""

    path: str
    format: str
    text: str
    source: str
    pieces: tuple[Piece, ...] = ()
    blocks: tuple[Block, ...] = ()
    #: Labels of Word paragraphs by number (``logical`` of spans); empty otherwise.
    paragraph_labels: tuple[str, ...] = ()
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _lines: LineIndex | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(p.start for p in self.pieces))
        object.__setattr__(self, "_lines", LineIndex(self.source, self.path))

    @property
    def verbatim(self) -> bool:
        """True for plain text, whose prose is the source itself (nothing to map)."""
        return self.format == "txt" and not self.pieces

    def source_offset(self, offset: int, *, end: bool = False) -> int:
        """The source offset of text ``offset``; with ``end``, of the end of ``text[:offset]``."""
        if not self.pieces:
            return offset
        probe = offset - 1 if end else offset
        i = bisect.bisect_right(self._starts, probe) - 1
        if i < 0:
            return self.pieces[0].source_start
        piece = self.pieces[i]
        inside = probe - piece.start
        if inside >= piece.length:  # in a separator after the piece
            return piece.source_end
        if piece.length == piece.source_end - piece.source_start:
            return piece.source_start + inside + (1 if end else 0)
        return piece.source_end if end else piece.source_start

    def span(self, start: int, end: int) -> Span:
        """The source :class:`Span` of ``text[start:end]``; ``start``/``end`` stay text offsets."""
        lines = self._lines
        assert lines is not None
        source_start = self.source_offset(start)
        source_end = self.source_offset(end, end=True) if end > start else source_start
        mapped = lines.span(source_start, source_end)
        logical = ""
        if self.paragraph_labels and 0 < mapped.line <= len(self.paragraph_labels):
            logical = self.paragraph_labels[mapped.line - 1]
        return new_span(path=self.path, line=mapped.line, column=mapped.column,
                        end_line=mapped.end_line, end_column=mapped.end_column,
                        start=start, end=end, logical=logical)



class ProseBuilder:
    """Collects prose block by block, recording where each character came from."""

    def __init__(self, path: str, fmt: str, source: str) -> None:
        self.path = path
        self.format = fmt
        self.source = source
        self._parts: list[str] = []
        self._length = 0
        self._pieces: list[Piece] = []
        self._blocks: list[Block] = []
        self._block_start: int | None = None
        self._block: dict | None = None

    @property
    def length(self) -> int:
        return self._length

    def add(self, text: str, source_start: int, source_end: int | None = None) -> None:
        """Append ``text``, taken from ``source[source_start:source_end]``.

        Without ``source_end`` the text is verbatim (``source_end = start + len``).
        """
        if not text:
            return
        if source_end is None:
            source_end = source_start + len(text)
        last = self._pieces[-1] if self._pieces else None
        verbatim = source_end - source_start == len(text)
        if (last is not None and verbatim and last.start + last.length == self._length
                and last.length == last.source_end - last.source_start
                and last.source_end == source_start):
            self._pieces[-1] = Piece(last.start, last.length + len(text),
                                     last.source_start, source_end)
        else:
            self._pieces.append(Piece(self._length, len(text), source_start, source_end))
        self._parts.append(text)
        self._length += len(text)

    def placeholder(self, source_start: int, source_end: int) -> None:
        """Mark left-out inline content (one :data:`OBJECT_REPLACEMENT`, not two in a row)."""
        if self._block is None or (self._length and self._tail_char(self._length - 1)
                                   == OBJECT_REPLACEMENT):
            return
        self.add(OBJECT_REPLACEMENT, source_start, source_end)

    def open_block(self, kind: str, **where: int) -> None:
        """Start a block (closing any open one); its text follows via :meth:`add`."""
        self.close_block()
        if self._length:
            self._parts.append(BLOCK_SEPARATOR)
            self._length += len(BLOCK_SEPARATOR)
        self._block_start = self._length
        self._block = {"kind": kind, **where}

    def close_block(self) -> None:
        if self._block is None or self._block_start is None:
            return
        end = self._length
        # Trailing white space is layout, not part of the block.
        while end > self._block_start and self._tail_char(end - 1).isspace():
            end -= 1
        if end > self._block_start:
            self._blocks.append(Block(start=self._block_start, end=end, **self._block))
        self._block = None
        self._block_start = None

    def _tail_char(self, offset: int) -> str:
        # Walk back through the parts: only ever looks at the last few characters.
        remaining = self._length - offset
        for part in reversed(self._parts):
            if remaining <= len(part):
                return part[len(part) - remaining]
            remaining -= len(part)
        return ""

    def build(self, paragraph_labels: tuple[str, ...] = ()) -> Prose:
        self.close_block()
        return Prose(path=self.path, format=self.format, text="".join(self._parts),
                     source=self.source, pieces=tuple(self._pieces),
                     blocks=tuple(self._blocks), paragraph_labels=paragraph_labels)


def plain_text(path: str, text: str) -> Prose:
    """A plain-text file: the prose is the file, offsets map one to one."""
    return Prose(path=path, format="txt", text=text, source=text)
