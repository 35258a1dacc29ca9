"""Where a document's headlines, lead and paragraphs are.

A restatement an editor cares about most is the headline that disagrees with the
body, so the checks need to know which figures stand in a headline.  Copy comes as
plain text, so the layout is read from line breaks:

- **The title** is the first line(s) of the file up to the first blank line or the
  first sentence-ending punctuation (。！？!?).  A single line break after a short
  first line (at most :data:`SHORT_LINE` characters) also ends it, since a headline
  followed directly by its body is common in copy pasted from the web.  A "title"
  longer than :data:`LONGEST_TITLE` characters or ending in 。 is the body of an
  untitled file, not a title.
- **Sub-headlines** are later paragraphs that read as headlines: short (at most
  :data:`SHORT_LINE` characters), without 。；： and not the last paragraph (a
  signature such as （记者 张三） is not a headline).  OCR'd newspaper pages put
  several articles, each with its headline, in one file.
- **Paragraphs** are blocks separated by blank lines; body paragraphs are numbered
  from 1 after the title, as an editor counts them (正文第3段).  The lead is the
  first body paragraph.

Everything here works on offsets into the document's text (code points), so the
result applies to both the original and its normalised form, which has the same
length.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

__all__ = ["Layout", "SHORT_LINE", "LONGEST_TITLE", "layout"]

#: A first line up to this many characters followed by one line break is a headline.
SHORT_LINE = 40
#: A title region longer than this is the body of a file without a title.
LONGEST_TITLE = 60

_BLANK = re.compile(r"\n[ \t\u3000\r]*\n\s*")
_TITLE_END = re.compile(r"[。！？!?]|\n[ \t\u3000\r]*\n")
_SENTENCE_MARK = re.compile(r"[。；;：:]")


def _visible(text: str) -> int:
    return len("".join(text.split()))


@dataclass(frozen=True)
class Layout:
    """Headline regions and paragraph starts of one text (offsets in code points)."""

    #: (start, end) of the title and of each sub-headline, in text order.
    headlines: tuple[tuple[int, int], ...]
    #: Start offset of every paragraph, in order; the first is the file's start.
    paragraph_starts: tuple[int, ...]
    #: Index (into ``paragraph_starts``) of the first body paragraph.
    first_body: int
    #: The start of each headline region (for bisecting).
    headline_starts: tuple[int, ...] = ()

    def headline_at(self, offset: int) -> int | None:
        """Index of the headline region holding ``offset``, or None."""
        i = bisect.bisect_right(self.headline_starts, offset) - 1
        if i >= 0 and self.headlines[i][0] <= offset < self.headlines[i][1]:
            return i
        return None

    def is_title(self, offset: int) -> bool:
        """Whether ``offset`` is in the file's own title (the first headline, at the top)."""
        return bool(self.headlines) and self.headline_at(offset) == 0 and self.has_title

    @property
    def has_title(self) -> bool:
        return bool(self.headlines) and self.first_body > 0

    def paragraph(self, offset: int) -> int:
        """0-based index of the paragraph holding ``offset``."""
        return max(0, bisect.bisect_right(self.paragraph_starts, offset) - 1)

    def body_paragraph(self, offset: int) -> int:
        """The paragraph as an editor numbers the body: 1 is the first after the title."""
        return self.paragraph(offset) - self.first_body + 1

    def is_lead(self, offset: int) -> bool:
        return self.paragraph(offset) == self.first_body and self.headline_at(offset) is None


def _title(text: str) -> tuple[int, int] | None:
    start = len(text) - len(text.lstrip())
    if start >= len(text):
        return None
    line_end = text.find("\n", start)
    if line_end < 0:
        line_end = len(text)
    first_line = text[start:line_end].rstrip()
    end_match = _TITLE_END.search(text, start)
    end = end_match.start() if end_match else len(text)
    ends_sentence = bool(end_match) and text[end_match.start()] == "。"
    if line_end < end and _visible(first_line) <= SHORT_LINE:
        end, ends_sentence = line_end, False  # one line break after a short first line
    elif end_match and end_match.group()[0] in "！？!?":
        end += 1  # 坚定信心！ keeps its mark
    if ends_sentence or not 0 < _visible(text[start:end]) <= LONGEST_TITLE:
        return None
    return start, start + len(text[start:end].rstrip())


def layout(text: str) -> Layout:
    """The :class:`Layout` of ``text``: linear in its length."""
    starts = [0] + [m.end() for m in _BLANK.finditer(text)]
    starts = [s for i, s in enumerate(starts) if i == 0 or s < len(text)]
    headlines: list[tuple[int, int]] = []
    title = _title(text)
    first_body = 0
    if title is not None:
        headlines.append(title)
        first_body = bisect.bisect_right(starts, title[1])
        next_start = starts[first_body] if first_body < len(starts) else len(text)
        rest = text[title[1]:next_start]
        if rest.strip():  # the body follows the title after one line break
            starts.insert(first_body, title[1] + len(rest) - len(rest.lstrip()))
    for i in range(first_body, len(starts) - 1):
        start, end = starts[i], starts[i + 1]
        block = text[start:end].strip()
        if block and "\n" not in block and _visible(block) <= SHORT_LINE \
                and not _SENTENCE_MARK.search(block) and block[0] not in "（(【[":
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            headlines.append((start + lead, start + lead + len(block)))
    return Layout(tuple(headlines), tuple(starts), first_body,
                  tuple(start for start, _ in headlines))
