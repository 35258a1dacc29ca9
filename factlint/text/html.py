"""HTML: the text of the copy elements of a page, with exact positions.

Parsed with the standard library's :class:`html.parser.HTMLParser`, which reports
the line and column of every chunk it hands over and tolerates the broken markup
CMSs produce.  Read: ``<p>``, ``<h1>``–``<h6>`` (blocks of kind ``heading``, the
headlines of the claim checks), ``<li>``, ``<td>``/``<th>`` (``cell`` blocks: the
cells of one row are parallel items), ``<figcaption>``, ``<caption>``, ``<blockquote>``.
Left out: anything outside those elements (navigation, ``<div>`` chrome),
``<script>``, ``<style>``, ``<code>``, ``<pre>``, ``<template>``, ``<noscript>``,
comments and every attribute (so link targets and ``alt`` text).  Inside a paragraph,
left-out code, images and comments leave one U+FFFC (see :mod:`.source`), so the
figures on either side are never read as one; formatting tags (``<b>``, ``<span>``)
are read through (第<b>3</b>名 is 第3名).

Character references are decoded one at a time (``convert_charrefs=False``) so that
each keeps its own place: ``&nbsp;`` becomes one character of prose that maps back to
the six characters of source it came from.  ``<br>`` is a line break.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

from .source import Prose, ProseBuilder

BLOCK_TAGS = {"p": "paragraph", "li": "item", "td": "cell", "th": "cell",
              "figcaption": "caption", "caption": "caption", "blockquote": "paragraph",
              **{f"h{n}": "heading" for n in range(1, 7)}}
SKIPPED_TAGS = frozenset({"script", "style", "code", "pre", "template", "noscript",
                          "svg", "math", "textarea", "select"})
#: Elements that HTML closes implicitly when the next one starts.
_VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "wbr", "source", "area",
                   "base", "col", "embed", "param", "track"})


class _Reader(HTMLParser):
    def __init__(self, source: str, out: ProseBuilder) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.out = out
        self.line_starts = [0]
        pos = source.find("\n")
        while pos != -1:
            self.line_starts.append(pos + 1)
            pos = source.find("\n", pos + 1)
        self.blocks: list[str] = []  # open block tags, innermost last
        self.skipping: list[str] = []
        self.table = 0
        self.rows: list[int] = []  # row counter of each open table
        self.cells: list[int] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _open(self, tag: str) -> None:
        kind = BLOCK_TAGS[tag]
        where: dict[str, int] = {}
        if kind == "heading":
            where["level"] = int(tag[1])
        elif kind == "cell":
            where = {"table": self.table, "row": self.rows[-1] if self.rows else 0,
                     "cell": self.cells[-1] if self.cells else 0}
        self.out.open_block(kind, **where)

    def handle_starttag(self, tag: str, attrs) -> None:
        if self.skipping:
            if tag in SKIPPED_TAGS:
                self.skipping.append(tag)
            return
        if tag in SKIPPED_TAGS:
            if self.blocks:  # inline code in a paragraph: keep the figures around it apart
                start = self._offset()
                self.out.placeholder(start, start + len(self.get_starttag_text() or ""))
            self.skipping.append(tag)
            return
        if tag == "table":
            self.table += 1
            self.rows.append(0)
            self.cells.append(0)
        elif tag == "tr" and self.rows:
            self.rows[-1] += 1
            self.cells[-1] = 0
        elif tag in ("td", "th") and self.cells:
            self.cells[-1] += 1
        if tag in BLOCK_TAGS:
            # <p> inside an unclosed <p>, <li> after <li>: HTML closes the earlier one.
            if tag in ("p", "li", "td", "th") and self.blocks and self.blocks[-1] == tag:
                self.blocks.pop()
            self.blocks.append(tag)
            self._open(tag)
        elif tag == "img" and self.blocks:
            start = self._offset()
            self.out.placeholder(start, start + len(self.get_starttag_text() or ""))
        elif tag == "br" and self.blocks:
            self.out.add("\n", self._offset(), self._offset() + len(self.get_starttag_text()
                                                                       or ""))

    def handle_startendtag(self, tag: str, attrs) -> None:
        if not self.blocks or self.skipping:
            return
        start = self._offset()
        end = start + len(self.get_starttag_text() or "")
        if tag == "br":
            self.out.add("\n", start, end)
        elif tag in ("img", *SKIPPED_TAGS):
            self.out.placeholder(start, end)

    def handle_comment(self, data: str) -> None:
        if self._reading():  # a comment inside a paragraph keeps the figures around it apart
            start = self._offset()
            self.out.placeholder(start, start + len(data) + 7)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag == "table" and self.rows:
            self.rows.pop()
            self.cells.pop()
        if tag in BLOCK_TAGS and tag in self.blocks:
            while self.blocks:
                if self.blocks.pop() == tag:
                    break
            self.out.close_block()
            if self.blocks:  # back in the enclosing block (text after a nested list)
                self._open(self.blocks[-1])

    def _reading(self) -> bool:
        return bool(self.blocks) and not self.skipping

    def handle_data(self, data: str) -> None:
        if self._reading():
            start = self._offset()
            if self.source.startswith(data, start):
                self.out.add(data, start)
            else:  # CDATA and the like: keep the text, place it at the chunk
                self.out.add(data, start, start)

    def _reference(self, text: str, raw_length: int) -> None:
        if not self._reading():
            return
        start = self._offset()
        end = start + raw_length
        if self.source[end:end + 1] == ";":
            end += 1
        self.out.add(text, start, end)

    def handle_entityref(self, name: str) -> None:
        decoded = html.unescape(f"&{name};")
        self._reference(decoded if decoded != f"&{name};" else f"&{name}", len(name) + 1)

    def handle_charref(self, name: str) -> None:
        self._reference(html.unescape(f"&#{name};"), len(name) + 2)


def read_html(path: str, source: str) -> Prose:
    """The prose of HTML ``source`` (decoded), with its offset map and blocks."""
    out = ProseBuilder(path, "html", source)
    reader = _Reader(source, out)
    reader.feed(source)
    reader.close()
    return out.build()
