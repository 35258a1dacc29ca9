"""Markdown: the prose of a CommonMark (plus GFM tables) file, with exact positions.

Parsed with markdown-it-py.  Read: paragraphs, headings (blocks of kind ``heading``,
the headlines of the claim checks), list items, block quotes and table cells.  Left
out: fenced and indented code, inline code, HTML (blocks and inline, so comments too;
factlint's suppression comments are read from :attr:`Document.original`), link
targets and image sources, autolinks, and YAML (``---``) or TOML (``+++``) front
matter unless ``front_matter=True``.

markdown-it gives each block its source lines only, so the reader finds each piece
of inline text in its line itself, moving a cursor forward: text tokens are verbatim
source; escapes (``\\*``) and entities (``&amp;``) are kept apart by disabling
markdown-it's ``text_join`` and map as one unit; code spans, inline HTML, link
destinations and images move the cursor past themselves, so that a figure there is
neither read nor matched by a later search.
"""

from __future__ import annotations

import re

from .source import Prose, ProseBuilder

_FRONT_MATTER = re.compile(r"\A(?:(---)|(\+\+\+))[ \t]*\r?\n")


def _front_matter_end(source: str) -> int:
    """Offset just past a leading front-matter block, or 0 when there is none."""
    m = _FRONT_MATTER.match(source)
    if not m:
        return 0
    closers = ("---", "...") if m.group(1) else ("+++",)
    pos = m.end()
    while pos < len(source):
        newline = source.find("\n", pos)
        line_end = len(source) if newline == -1 else newline
        if source[pos:line_end].rstrip() in closers:
            return len(source) if newline == -1 else newline + 1
        pos = line_end + 1
    return 0  # never closed: not front matter


def _parser():
    try:
        from markdown_it import MarkdownIt
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise ImportError("reading Markdown needs markdown-it-py: "
                          "pip install 'factlint[formats]'") from exc
    return MarkdownIt("commonmark").enable("table").disable("text_join")


def _line_starts(source: str) -> list[int]:
    starts = [0]
    pos = source.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = source.find("\n", pos + 1)
    starts.append(len(source))
    return starts


def _skip_destination(source: str, cursor: int, limit: int) -> int:
    """After ``[text`` or ``![alt``: past ``](destination "title")`` or ``][ref]``."""
    if source.startswith("](", cursor):
        depth, i = 0, cursor + 2
        while i < limit:
            ch = source[i]
            if ch == "\\":
                i += 2
                continue
            if ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    return i + 1
                depth -= 1
            i += 1
        return cursor
    if source.startswith("][", cursor):
        close = source.find("]", cursor + 2, limit)
        return close + 1 if close != -1 else cursor
    return cursor


_INLINE_MARKUP_TAG = re.compile(
    r"</?(?:b|i|em|strong|span|u|s|mark|sub|sup|small|big|font|a|abbr|cite|q|ins|del)"
    r"(?:\s[^>]*)?/?>\Z", re.IGNORECASE)


def _is_tag_of_inline_markup(html: str) -> bool:
    """``<b>``, ``</span>``: formatting around copy, which reads through it (第<b>3</b>名)."""
    return _INLINE_MARKUP_TAG.match(html.strip()) is not None


class _InlineMapper:
    """Adds one inline token's prose to the builder, finding each piece in the source."""

    def __init__(self, source: str, out: ProseBuilder) -> None:
        self.source = source
        self.out = out
        self.cursor = 0

    def _find(self, needle: str, limit: int) -> int:
        return self.source.find(needle, self.cursor, limit)

    def text(self, content: str, limit: int) -> None:
        at = self._find(content, limit)
        if at != -1:
            self.out.add(content, at)
            self.cursor = at + len(content)
            return
        # Not verbatim (tabs expanded, say): place character by character.
        for ch in content:
            at = self._find(ch, limit)
            if at == -1:
                self.out.add(ch, self.cursor, self.cursor)
            else:
                self.out.add(ch, at)
                self.cursor = at + 1

    def unit(self, content: str, markup: str, limit: int) -> None:
        at = self._find(markup, limit) if markup else -1
        if at == -1:
            self.text(content, limit)
            return
        self.out.add(content, at, at + len(markup))
        self.cursor = at + len(markup)

    def skip(self, content: str, limit: int) -> int:
        """Move past ``content``; return where it started (-1 when not found)."""
        at = self._find(content, limit) if content else -1
        if at != -1:
            self.cursor = at + len(content)
        return at

    def inline(self, token, limit: int) -> None:
        children = token.children or []
        in_autolink = False
        image_depth = 0
        for child in children:
            kind = child.type
            if kind == "link_open":
                in_autolink = child.markup in ("autolink", "linkify")
                if in_autolink:
                    self.skip("<", limit)
                continue
            if kind == "link_close":
                if in_autolink:
                    self.skip(">", limit)
                    in_autolink = False
                else:
                    self.cursor = _skip_destination(self.source, self.cursor, limit)
                continue
            if in_autolink or image_depth:
                if kind == "text":
                    self.skip(child.content, limit)
                continue
            if kind == "text":
                if child.content:
                    self.text(child.content, limit)
            elif kind == "text_special":
                self.unit(child.content, child.markup, limit)
            elif kind in ("softbreak", "hardbreak"):
                at = self._find("\n", limit)
                if at != -1:
                    self.out.add("\n", at)
                    self.cursor = at + 1
            elif kind == "code_inline":
                start = self.skip(child.markup, limit)
                self.skip(child.content, limit)
                self.skip(child.markup, limit)
                self.out.placeholder(max(start, 0), self.cursor)
            elif kind == "html_inline":
                start = self.skip(child.content, limit)
                if not _is_tag_of_inline_markup(child.content):
                    self.out.placeholder(max(start, 0), self.cursor)
            elif kind == "image":
                start = self._find("![", limit)
                if start != -1:
                    self.cursor = start + 2
                    alt = self.source.find("]", self.cursor, limit)
                    # Skip to the alt's closing bracket (nested brackets are rare).
                    while alt != -1 and not self.source.startswith(("](", "]["), alt):
                        alt = self.source.find("]", alt + 1, limit)
                    if alt != -1:
                        self.cursor = _skip_destination(self.source, alt, limit)
                    self.out.placeholder(start, self.cursor)
            # emphasis open/close and the like: markup only, nothing to read


def read_markdown(path: str, source: str, *, front_matter: bool = False) -> Prose:
    """The prose of Markdown ``source`` (decoded), with its offset map and blocks."""
    out = ProseBuilder(path, "md", source)
    starts = _line_starts(source)
    skip_to = _front_matter_end(source)
    parsed = source
    if skip_to:
        head = source[:skip_to]
        if front_matter:
            _front_matter_blocks(out, head)
        # Blank the front matter, keeping its line breaks, so line numbers stay right.
        parsed = re.sub(r"[^\r\n]", "", head) + source[skip_to:]
    mapper = _InlineMapper(source, out)
    table = row = cell = 0
    kinds: list[str] = []  # open containers: list items, table cells, ...
    heading_level = 0
    for token in _parser().parse(parsed):
        kind = token.type
        if kind == "heading_open":
            heading_level = int(token.tag[1:])
        elif kind == "heading_close":
            heading_level = 0
        elif kind == "list_item_open":
            kinds.append("item")
        elif kind == "list_item_close":
            kinds.pop()
        elif kind == "table_open":
            table += 1
            row = 0
        elif kind == "tr_open":
            row += 1
            cell = 0
        elif kind in ("td_open", "th_open"):
            cell += 1
            kinds.append("cell")
        elif kind in ("td_close", "th_close"):
            kinds.pop()
        elif kind == "inline":
            first_line = token.map[0] if token.map else 0
            last_line = token.map[1] if token.map else len(starts) - 1
            mapper.cursor = max(mapper.cursor, starts[min(first_line, len(starts) - 1)])
            limit = starts[min(last_line, len(starts) - 1)]
            if limit <= mapper.cursor:
                limit = len(source)
            if heading_level:
                out.open_block("heading", level=heading_level)
            elif kinds and kinds[-1] == "cell":
                out.open_block("cell", table=table, row=row, cell=cell)
            elif kinds:
                out.open_block("item")
            else:
                out.open_block("paragraph")
            mapper.inline(token, limit)
            out.close_block()
    return out.build()


def _front_matter_blocks(out: ProseBuilder, head: str) -> None:
    """Front matter read as copy (when configured): each value line is a paragraph."""
    pos = head.find("\n") + 1  # past the opening fence
    while pos < len(head):
        newline = head.find("\n", pos)
        end = len(head) if newline == -1 else newline
        line = head[pos:end].rstrip("\r")
        if line.strip() and line.strip() not in ("---", "...", "+++"):
            out.open_block("paragraph")
            out.add(line, pos)
            out.close_block()
        pos = end + 1
