"""Places in a file that are not copy, where ``factlint fix`` never writes.

Copy linters that rewrite text are known to break it: a link's address changed, a
code sample edited, a list's ``1.`` turned into ``1。``.  factlint's fixes are proven
not to change what a figure means, but a figure inside a URL, a code span or an HTML
tag is not copy at all, so a fix touching one is never applied (it stays a
suggestion).  The regions are found conservatively — when in doubt a stretch of text
is protected, which can only cost an automatic fix, never break a file:

- every file: web and e-mail addresses (``https://…``, ``www.…``, ``a@b.cn``);
- Markdown (``.md``, ``.markdown``): fenced code blocks, lines indented by four
  spaces or a tab, inline code, link and image destinations ``](…)``, reference
  definitions ``[id]: …``, autolinks and HTML tags or comments;
- HTML (``.html``, ``.htm``): tags and comments, and the contents of ``<script>``,
  ``<style>``, ``<pre>`` and ``<code>``.

Linear in the text: a handful of regex scans.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

__all__ = ["Protected", "protected_regions"]

_WEB = r"(?:https?|ftp)://[^\s<>\"'，。；、）)】]+|www\.[^\s<>\"'，。；、）)】]+"
_ADDRESS = re.compile(_WEB + r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: The same without e-mail addresses, for a text with no @: the e-mail branch tries every
#: run of word characters (every Chinese character is one) at each of its positions, a
#: tenth of the time of reading a 1 MB document, to find nothing.
_WEB_ADDRESS = re.compile(_WEB)
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ ]{0,3}\1[ \t]*$|\Z)", re.M | re.S)
_INDENTED = re.compile(r"^(?:[ ]{4}|\t)[^\n]*$", re.M)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[^\n]*$", re.M)
_TAG = re.compile(r"<!--.*?-->|<[A-Za-z/!][^<>\n]*>", re.S)
_RAW_HTML = re.compile(r"<(script|style|pre|code)\b[^>]*>.*?</\1\s*>", re.S | re.I)

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")


class Protected:
    """Sorted, merged ``(start, end)`` regions of a text; answers overlap questions fast."""

    def __init__(self, regions: Iterable[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(regions):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        self.regions = merged
        self._starts = [start for start, _ in merged]

    def touches(self, start: int, end: int) -> bool:
        """Whether replacing ``start:end`` changes a protected region (an insertion,
        ``start == end``, does when it falls strictly inside one)."""
        at = bisect.bisect_left(self._starts, end) - 1  # the last region starting before end
        return at >= 0 and self.regions[at][1] > start


def protected_regions(text: str, path: str = "") -> Protected:
    """The regions of ``text`` (a file called ``path``) that fixes must not touch."""
    patterns: list[re.Pattern[str]] = []
    lower = path.lower()
    if lower.endswith(MARKDOWN_SUFFIXES):
        patterns += [_FENCE, _INDENTED, _INLINE_CODE, _LINK_TARGET, _REFERENCE, _TAG]
    elif lower.endswith(HTML_SUFFIXES):
        patterns += [_RAW_HTML, _TAG]
    regions = [m.span() for pattern in patterns for m in pattern.finditer(text)]
    # Text written right after an address becomes part of it: protect one more character.
    addresses = _ADDRESS if "@" in text else _WEB_ADDRESS
    regions += [(m.start(), m.end() + 1) for m in addresses.finditer(text)]
    return Protected(regions)
