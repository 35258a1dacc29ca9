"""Where a document's headlines, lead and paragraphs are: the one notion of a headline.

A restatement an editor cares about most is the headline that disagrees with the
body, and a headline total is what a list in the body breaks down, so the checks
need to know which figures stand in a headline.  Copy comes as plain text, so the
layout is read from line breaks.  Every check asks :func:`headlines` (through
:func:`layout` or ``rules._passages.periods``), so they agree on what a headline is.

- **The title** is the file's first line when it reads as one: at most
  :data:`LONGEST_TITLE` characters, no 。 in it, not ending as a clause does (，、：),
  e.g. ``一季度GDP增长15.6%`` or ``崩潰！Yahoo罕見全球大當機，網友哀嚎信箱無法登入``.
  It goes on over the next lines of its paragraph while they read as headline lines
  (a subtitle ``——青海省玉树州委组织部带头抗击疫情做表率``); a single line break
  followed by body text (a long line, or one with 。) ends it.  A first line that
  is a sentence (``新华社北京3月10日电 全国已有7436万多名党员自愿捐款，共捐款76.8亿元。``)
  or runs on after ！ (``…正式出爐！在「時薪」部份…``) is the body of an untitled file.
- **Sub-headlines** are later paragraphs of one to three short lines (each at most
  :data:`SHORT_LINE` characters, together at most :data:`LONGEST_SUB_HEADLINE`) that read
  as headlines: ``我国向基层医疗卫生机构供应指氧仪117.2万只``, ``林丹：用心用情当好百姓服务员``,
  ``一、弘扬“上海精神”，推动上海合作组织发展实现新跨越``, ``（四）深化经济体制改革和扩大对外开放``,
  ``党建引领 主动作为`` / ``把社区疫情防控各项部署落到实处`` (two printed lines).
  Not headlines: a paragraph with 。；, one ending as a clause does (，、：——: a
  dateline ``央视网消息（新闻联播）：``, a run-in lead ``社区党员站了出来——``), a sentence
  ending in ！？ after a comma (``全国秋粮收获接近尾声，又是一个丰收季！``) or with three
  commas (``现在，我代表国务院，向大会报告政府工作，请…``), a salutation
  (``各位代表！``), a byline or credit (``本报记者　黄轶涵／文``, ``王迪 摄``), a paragraph in
  brackets (``（记者 张三）``, ``【23:05】``), the last paragraph (a signature), a
  paragraph after one that did not end its sentence (the sentence runs on), the
  author's line under a headline (``中华人民共和国主席　习近平``, ``习近平``), and
  runs of four or more short paragraphs in a row (a table or a list set one cell
  or item a paragraph: ``青岛`` / ``无`` / ``南昌`` …).
- **Printed lines.** An OCR'd newspaper page keeps the printed lines, most of them
  cut mid-sentence (``大量志愿者，他们联系企业、巡查商``).  In such copy (most
  non-blank lines end without closing punctuation) a sub-headline also has no
  comma, at least :data:`SHORTEST_PRINTED` characters unless it goes on a headline
  just above (``高高飘扬``), and does not end where a phrase is cut (a numeral, 年月日).
  In any copy a line ending in a digit, 的, 和, 与 or 及 is cut mid-phrase.
  Such pages put several articles, each with its headline, in one file (seed 003).
- **Markup.** For Markdown, HTML and Word the reader's blocks say more than line
  breaks: every heading (``#``, ``<h2>``, a Heading style) is a headline, and only
  plain paragraphs are read as above; a list item or a table cell never is.
- **Paragraphs** are blocks separated by blank lines; body paragraphs are numbered
  from 1 after the title, as an editor counts them (正文第3段).  The lead is the
  first body paragraph.

Everything here works on offsets into the document's text (code points), so the
result applies to both the original and its normalised form, which has the same
length; it is one pass over the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Block

__all__ = ["Layout", "SHORT_LINE", "LONGEST_TITLE", "LONGEST_SUB_HEADLINE", "SHORTEST_PRINTED",
           "headlines", "layout"]

#: A headline line (and a first line followed by one line break) is at most this long.
SHORT_LINE = 40
#: A title is at most this long (the decrees and summit reports of news-dev run to 83);
#: a longer first line is the body of a file without a title.
LONGEST_TITLE = 90
#: A sub-headline over several lines is at most this long.
LONGEST_SUB_HEADLINE = 60
#: In copy set in printed lines, a shorter line is a headline only under another one.
SHORTEST_PRINTED = 6
#: Four short paragraphs in a row are a table or a list, not headlines.
LONGEST_RUN = 3

_BLANK = re.compile(r"\n[ \t\u3000\r]*\n\s*")
_CLOSERS = "”’」』）)】"
#: Marks that close a sentence (or introduce what follows: a colon ends the dateline
#: ``央视网消息（新闻联播）：`` and the headline below it starts afresh).
_CLOSING = tuple("。！？；…!?;：:")
#: A headline never holds these, and a title never holds 。.
_SENTENCE_INSIDE = re.compile(r"[。；;]")
#: A line ending so is the first part of a clause, not a headline.
_CLAUSE_END = ("，", ",", "、", "：", ":", "—", "-", "；", ";", "《", "“", "（", "(")
#: A line ending so is cut mid-phrase (…网格290 / 个、三级网格846个。) …
_CUT = tuple("0123456789０１２３４５６７８９的和与及")
#: … and so, in printed lines (…遗漏。2月 / 17日至19日); in other copy a headline may
#: end so (已募集善款７０余万).
_PRINTED_CUT = tuple("一二三四五六七八九十百千万亿年月日")
_COMMA = re.compile(r"[，,]")
#: A byline or credit: 本报记者　黄轶涵／文, 新华社记者 林晖, 王迪 摄 (not 会见记者).
_BYLINE = re.compile(r"^(\S{0,8}[社报台网])?(特约|见习)?(记者|通讯员)|本报讯|责任编辑|编辑[：:]"
                     r"|[／/]\s*文|摄\s*([（(][^）)]*[）)])?$")
#: A bracket opens a paragraph of its own only for a numbered section: （四）…
_NUMBERED = re.compile(r"[（(][一二三四五六七八九十0-9]+[）)]")
_WORD = re.compile(r"[\w]")


def _visible(text: str) -> int:
    return len("".join(text.split()))


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the non-blank lines of text[start:end], stripped."""
    found = []
    at = start
    while at < end:
        stop = text.find("\n", at, end)
        stop = end if stop < 0 else stop
        line = text[at:stop]
        if line.strip():
            lead = len(line) - len(line.lstrip())
            found.append((at + lead, at + len(line.rstrip())))
        at = stop + 1
    return found


def _closed(line: str) -> bool:
    """Whether a paragraph ending with ``line`` ends its sentence, or a bracket:
    (记者 张三) and 【详细】 end nothing that runs on into the next paragraph."""
    core = line.rstrip(_CLOSERS)
    if core.endswith(_CLOSING):
        return True
    trailing = line[len(core):]
    return bool(trailing) and ("）" in trailing or ")" in trailing or "】" in trailing)


def _tail(text: str, block: tuple[int, int]) -> str:
    """The last characters of a paragraph: enough for :func:`_closed` (a mark and its
    closing quotes and brackets) without copying a long paragraph."""
    return text[max(block[0], block[1] - 8):block[1]]


#: An author's line: an office, then a name set apart by a space (中华人民共和国主席　习近平,
#: 国务院总理李　强); 会见法国总统马克龙 has no space and is a headline.
_SIGNATURE = re.compile(r"(主席|总理|书记|部长|省长|市长|主任|总统|首相|校长|董事长|总经理|会长|"
                        r"局长|厅长|院长|大使|记者)(\s+\S{2,4}|\S\s+\S{1,2})$")


def _signed(text: str, block: tuple[int, int], under_title: bool) -> bool:
    """Whether a paragraph under a headline is its author's line: a name alone (at most
    three characters; under the title, up to five), or an office and a name."""
    line = text[block[0]:block[1]]
    if "\n" in line or block[1] - block[0] > LONGEST_SUB_HEADLINE:
        return False
    length = _visible(line)
    return length <= 3 or (under_title and length < SHORTEST_PRINTED) \
        or bool(_SIGNATURE.search(line))


def _headline_line(line: str) -> bool:
    """Whether one line can stand in a headline."""
    return (0 < _visible(line) <= SHORT_LINE and not _SENTENCE_INSIDE.search(line)
            and not line.endswith(_CLAUSE_END) and bool(_WORD.search(line)))


def _title(text: str, lines: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The title region among the first paragraph's ``lines``, or None."""
    start, end = lines[0]
    first = text[start:end]
    if (_visible(first) > LONGEST_TITLE or "。" in first or first.endswith(_CLAUSE_END)
            or not _WORD.search(first) or _BYLINE.search(first)):
        return None
    if first.endswith(("！", "？", "!", "?")) and _visible(first) < SHORTEST_PRINTED:
        return None  # 同志们！ opens a speech
    length = _visible(first)
    for line_start, line_end in lines[1:]:
        line = text[line_start:line_end]
        length += _visible(line)
        if (not _headline_line(line) or length > LONGEST_TITLE
                or re.search(r"[！？!?]", line)
                or (_COMMA.search(line) and not line.startswith("—"))):
            break
        end = line_end
    return start, end


#: A line ends its sentence when, after its spaces, it ends with one of these marks and
#: any closing quotes and brackets (the brackets themselves close a line too).
_LINE_CLOSERS = frozenset("。！？；…!?;：:）)】")
_QUOTES_AND_BRACKETS = "”’」』）)】"
_CLOSING_BRACKETS = frozenset("）)】")
_LINE_SPACE = " \t\u3000\r"


def _printed(text: str) -> bool:
    """Whether the copy is set in printed lines: 70% of its non-blank lines or more do not
    end a sentence (a news bulletin, a sub-headline over each paragraph, has about half).
    One pass over the lines with string methods (a regex tried at every offset was
    half of reading the headlines)."""
    lines = closed = 0
    for line in text.split("\n"):
        line = line.rstrip(_LINE_SPACE)
        if not line:
            continue
        lines += 1
        core = line.rstrip(_QUOTES_AND_BRACKETS)
        if (core and core[-1] in _LINE_CLOSERS
                or any(c in _CLOSING_BRACKETS for c in line[len(core):])):
            closed += 1
    return lines >= 4 and (lines - closed) * 10 >= lines * 7


def _candidate(text: str, block: tuple[int, int], printed: bool,
               under_headline: bool) -> bool:
    """Whether a paragraph (``block``: where it starts and ends) reads as a sub-headline."""
    start, end = block
    # Most paragraphs are body: a sentence mark inside, or far too long (cheap tests first).
    if (end - start > 3 * LONGEST_SUB_HEADLINE or text.count("\n", start, end) >= LONGEST_RUN
            or text.find("。", start, end) >= 0 or text.find("；", start, end) >= 0
            or text.find(";", start, end) >= 0):
        return False
    lines = [text[a:b] for a, b in _lines(text, start, end)]
    whole = "".join(lines)
    if (not all(_headline_line(line) for line in lines) or _visible(whole) > LONGEST_SUB_HEADLINE
            or _BYLINE.search(whole) or _SIGNATURE.search(whole)):
        return False
    if whole[0] in "（(【[" and not _NUMBERED.match(whole):
        return False
    last = lines[-1]
    if len(_COMMA.findall(whole)) > 2:
        return False  # 现在，我代表国务院，向大会报告政府工作，请…: a sentence
    if re.search(r"[！？!?]", whole[:-1]) and not printed:
        return False  # 大家好！时间过得很快…: sentences
    if last.endswith(("！", "？", "!", "?")) and (_COMMA.search(whole)
                                                or _visible(whole) < SHORTEST_PRINTED):
        return False  # 全国秋粮收获接近尾声，又是一个丰收季！ / 各位代表！
    if last.endswith(_CUT):
        return False
    if printed and (_COMMA.search(whole) or last.endswith(_PRINTED_CUT)
                    or (_visible(whole) < SHORTEST_PRINTED and not under_headline)):
        return False
    return True


def _blocks(text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """Paragraph starts (as :class:`Layout` keeps them) and each paragraph's (start, end)
    without the blank space around it."""
    starts, blocks = [0], []
    for m in _BLANK.finditer(text):
        blocks.append((starts[-1], m.start()))
        starts.append(m.end())
    blocks.append((starts[-1], len(text)))
    if len(starts) > 1 and starts[-1] >= len(text):  # blank space at the end
        starts.pop()
        blocks.pop()
    stripped = []
    for start, end in blocks:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        stripped.append((start, end))
    return starts, stripped


_Detected = tuple[tuple[int, int] | None, list[tuple[int, int]], list[int],
                  list[tuple[int, int]]]
#: The text last read and what was found in it: the claim frames and the periods of
#: one document both ask (the same folded string), so it is read once.
_last: tuple[str, _Detected] | None = None


def _detect(text: str) -> _Detected:
    """Title, sub-headlines, paragraph starts and lines of ``text`` (not to be changed)."""
    global _last
    last = _last
    if last is not None and last[0] is text:
        return last[1]
    found = _read(text)
    _last = (text, found)
    return found


def _read(text: str) -> _Detected:
    starts, blocks = _blocks(text)
    first = blocks[0]
    title = _title(text, _lines(text, *first)) if first[0] < first[1] else None
    printed = _printed(text)
    found: list[tuple[int, int]] = []
    # Paragraph i is a sub-headline when it reads as one, the paragraph before it
    # ended its sentence (or is a headline), and it is in no run of four or more
    # paragraphs that read as headlines (a table).
    run: list[int] = []
    # After the title the next paragraph is under a headline; after a paragraph of body
    # (an untitled file, or a title followed by its body after one line break) it
    # starts afresh only if that paragraph ended its sentence.
    previous_ok = title is not None and title[1] == first[1]
    previous_closed = previous_ok or (first[0] < first[1] and _closed(_tail(text, first)))

    def flush() -> None:
        if 0 < len(run) <= LONGEST_RUN:
            found.extend(blocks[i] for i in run)
        run.clear()

    for i in range(1, len(blocks) - 1):  # the last paragraph is a signature
        block = blocks[i]
        if block[0] >= block[1]:
            continue
        if previous_ok and _signed(text, block, under_title=i == 1):
            # The author under a headline (旦正措, 中华人民共和国主席　习近平) is no
            # headline, and ends nothing: the paragraph after it starts afresh.
            if run:
                flush()
            previous_ok, previous_closed = False, True
            continue
        # A short line goes on the sub-headline above it (让党旗在疫情防控一线 / 高高飘扬).
        if (previous_closed or previous_ok) and _candidate(text, block, printed, previous_ok):
            run.append(i)
            previous_ok, previous_closed = True, True
            continue
        if run:
            flush()
        previous_ok = False
        previous_closed = _closed(_tail(text, block))
    flush()
    return title, found, starts, blocks


def _marked(text: str, blocks: Sequence[Block]) -> tuple[tuple[int, int] | None,
                                                         list[tuple[int, int]], list[int]]:
    """Title, sub-headlines and paragraph starts of a structured file: its markup says
    which blocks are headings; a heading is a headline whatever its text, and the
    text's notion applies only inside plain paragraphs (never to a list item, a
    table cell, a caption or a footnote)."""
    title, found, starts, _ = _detect(text)
    kinds = [(b.start, b.end, b.kind) for b in blocks]
    block_starts = [b.start for b in blocks]

    def in_paragraph(region: tuple[int, int]) -> bool:
        i = bisect.bisect_right(block_starts, region[0]) - 1
        return i >= 0 and kinds[i][2] == "paragraph" and region[1] <= kinds[i][1]

    regions = [r for r in ([title] if title else []) + found if in_paragraph(r)]
    regions += [(b.start, b.end) for b in blocks if b.kind == "heading" and b.end > b.start]
    regions.sort()
    first_paragraph_end = starts[1] if len(starts) > 1 else len(text)
    if regions and regions[0][0] < first_paragraph_end and text[:regions[0][0]].strip() == "":
        return regions[0], regions[1:], starts
    return None, regions, starts


def headlines(text: str, blocks: Sequence[Block] = ()) -> tuple[tuple[int, int], ...]:
    """(start, end) of every headline of ``text`` in order: the title (if any) first,
    then each sub-headline.  ``blocks`` are a structured file's (``Document.blocks``):
    its headings are then headlines, and only its plain paragraphs are read for
    more.  Linear in the length of ``text``."""
    if blocks:
        title, found, _ = _marked(text, blocks)
    else:
        title, found, _, _ = _detect(text)
    return ((title,) if title else ()) + tuple(found)


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


def layout(text: str, blocks: Sequence[Block] = ()) -> Layout:
    """The :class:`Layout` of ``text``: its :func:`headlines` (``blocks`` as there) and
    paragraphs, linear in its length."""
    if blocks:
        title, found, starts = _marked(text, blocks)
    else:
        title, found, starts, _ = _detect(text)
    starts = list(starts)  # a body after one line break adds a paragraph start
    regions: list[tuple[int, int]] = []
    first_body = 0
    if title is not None:
        regions.append(title)
        first_body = bisect.bisect_right(starts, title[1])
        next_start = starts[first_body] if first_body < len(starts) else len(text)
        rest = text[title[1]:next_start]
        if rest.strip():  # the body follows the title after one line break
            starts.insert(first_body, title[1] + len(rest) - len(rest.lstrip()))
    regions += found
    return Layout(tuple(regions), tuple(starts), first_body,
                  tuple(start for start, _ in regions))
