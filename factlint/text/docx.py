"""Word (.docx): paragraphs, headings, table cells and footnotes, with tracked changes.

Read with python-docx (and its lxml tree, for what python-docx does not expose:
runs inside tracked insertions, deleted text, footnotes).  Every paragraph of the
document is numbered in reading order, the paragraphs of table cells included
(then footnotes, numbered on); a place is ``¶number:character``, shown as
``draft.docx:¶12:34`` and, for a cell, labelled ``table 1, row 2, cell 3, ¶12``.
To give the rest of the pipeline the usual line/column positions, the reader's
source is one line per paragraph (a manual line break ``w:br`` is U+2028 there and
a line break in the prose), so ``line`` *is* the paragraph number.

Tracked changes (``w:ins``/``w:del``, and moves) make two versions of one document:
``version="after"`` (the default: changes accepted, as the editor reads it) and
``version="before"`` (changes rejected); ``factlint diff draft.docx`` compares them.
Paragraph styles Title and Heading 1–9 are headlines (blocks of kind ``heading``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .files import InputError
from .source import Prose, ProseBuilder

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VERSIONS = ("after", "before")
_LINE_BREAK_IN_SOURCE = "\u2028"
_HEADING = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_FOOTNOTES_REL = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                  "footnotes")


def _require_docx():
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise ImportError("reading Word files needs python-docx: "
                          "pip install 'factlint[formats]'") from exc
    return docx


@dataclass(frozen=True)
class DocxParagraph:
    """One paragraph in reading order: its number, label, kind and XML element."""

    number: int
    label: str
    kind: str  # paragraph | heading | item | cell | footnote
    element: object  # lxml w:p
    level: int = 0
    table: int = 0
    row: int = 0
    cell: int = 0


def open_document(data: bytes, path: str):
    """A python-docx Document from ``data``; a clear InputError if it is no .docx."""
    docx = _require_docx()
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for a bad package
        raise InputError(path, f"not a Word .docx file ({type(exc).__name__}: {exc})") from None


def _style_heading(paragraph_element, styles: dict[str, str]) -> int | None:
    """Heading level of a paragraph (0 for Title), or None when it is no heading."""
    style = paragraph_element.find(f"{W}pPr/{W}pStyle")
    name = styles.get(style.get(f"{W}val"), "") if style is not None else ""
    if name.lower() in ("title", "标题"):
        return 0
    m = _HEADING.match(name)
    return int(m.group(1)) if m else None


def _style_names(document) -> dict[str, str]:
    """Style id → name (python-docx maps Word's localised built-in names to English)."""
    return {style.style_id: style.name or "" for style in document.styles}


def iter_paragraphs(document) -> Iterator[DocxParagraph]:
    """Every paragraph in reading order: body (tables' cells in place), then footnotes."""
    styles = _style_names(document)
    number = 0
    table_count = 0

    def walk(container, where: dict[str, int]) -> Iterator[DocxParagraph]:
        nonlocal number, table_count
        for child in container.iterchildren():
            tag = child.tag
            if tag == f"{W}p":
                number += 1
                level = _style_heading(child, styles)
                if where:
                    kind, label = "cell", (f"table {where['table']}, row {where['row']}, "
                                           f"cell {where['cell']}, ¶{number}")
                elif level is not None:
                    kind, label = "heading", f"¶{number}"
                elif child.find(f"{W}pPr/{W}numPr") is not None:
                    kind, label = "item", f"¶{number}"
                else:
                    kind, label = "paragraph", f"¶{number}"
                yield DocxParagraph(number, label, kind, child, level or 0, **where)
            elif tag == f"{W}tbl":
                table_count += 1
                table = table_count
                for r, tr in enumerate(child.iterchildren(f"{W}tr"), start=1):
                    for c, tc in enumerate(tr.iterchildren(f"{W}tc"), start=1):
                        yield from walk(tc, {"table": table, "row": r, "cell": c})
            elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins",
                         f"{W}moveTo"):
                content = child.find(f"{W}sdtContent") if tag == f"{W}sdt" else child
                if content is not None:
                    yield from walk(content, where)

    yield from walk(document.element.body, {})
    footnotes = _footnotes_element(document)
    if footnotes is not None:
        for note in footnotes.iterchildren(f"{W}footnote"):
            if note.get(f"{W}type") in ("separator", "continuationSeparator",
                                         "continuationNotice"):
                continue
            for p in note.iter(f"{W}p"):
                number += 1
                yield DocxParagraph(number, f"footnote {note.get(f'{W}id')}, ¶{number}",
                                    "footnote", p)


def _footnotes_element(document):
    for rel in document.part.rels.values():
        if rel.reltype == _FOOTNOTES_REL and not rel.is_external:
            from lxml import etree

            try:
                return etree.fromstring(rel.target_part.blob)
            except etree.XMLSyntaxError:
                return None
    return None


def _own_paragraph(node, paragraph) -> bool:
    """True when ``node``'s nearest enclosing w:p is ``paragraph`` (not a text box's)."""
    parent = node.getparent()
    while parent is not None and parent.tag != f"{W}p":
        parent = parent.getparent()
    return parent is paragraph


def paragraph_pieces(paragraph, version: str = "after") -> list[tuple[str, object]]:
    """The text of a w:p in ``version`` as (text, w:t element or None) pieces, in order."""
    if version not in VERSIONS:
        raise ValueError(f"version must be one of {VERSIONS}, not {version!r}")
    inserted = (f"{W}ins", f"{W}moveTo")
    deleted = (f"{W}del", f"{W}moveFrom")
    pieces: list[tuple[str, object]] = []
    for node in paragraph.iter(f"{W}t", f"{W}delText", f"{W}tab", f"{W}br", f"{W}cr",
                               f"{W}noBreakHyphen"):
        if not _own_paragraph(node, paragraph):
            continue
        ancestors = {a.tag for a in node.iterancestors()}
        if node.tag == f"{W}delText" or ancestors.intersection(deleted):
            if version == "after":
                continue
        elif ancestors.intersection(inserted) and version == "before":
            continue
        tag = node.tag
        if tag in (f"{W}t", f"{W}delText"):
            pieces.append((node.text or "", node))
        elif tag == f"{W}tab":
            if node.getparent().tag == f"{W}r":  # not a tab stop definition
                pieces.append(("\t", None))
        elif tag == f"{W}noBreakHyphen":
            pieces.append(("-", None))
        else:
            pieces.append((_LINE_BREAK_IN_SOURCE, None))
    return pieces


def read_docx(path: str, data: bytes, *, version: str = "after") -> Prose:
    """The prose of a .docx file in ``version`` (tracked changes accepted or rejected)."""
    document = open_document(data, path)
    lines: list[str] = []
    labels: list[str] = []
    paragraphs = []
    for paragraph in iter_paragraphs(document):
        text = "".join(t for t, _ in paragraph_pieces(paragraph.element, version))
        lines.append(text.replace("\n", " ").replace("\r", " "))
        labels.append(paragraph.label)
        paragraphs.append(paragraph)
    source = "\n".join(lines)
    out = ProseBuilder(path, "docx", source)
    offset = 0
    for paragraph, line in zip(paragraphs, lines, strict=True):
        if line.strip():
            where = {k: getattr(paragraph, k) for k in ("table", "row", "cell")
                     if getattr(paragraph, k)}
            if paragraph.kind == "heading":
                where["level"] = paragraph.level
            out.open_block(paragraph.kind, **where)
            for chunk in re.split(f"({_LINE_BREAK_IN_SOURCE})", line):
                if chunk == _LINE_BREAK_IN_SOURCE:
                    out.add("\n", offset, offset + 1)
                else:
                    out.add(chunk, offset)
                offset += len(chunk)
            out.close_block()
        else:
            offset += len(line)
        offset += 1  # the line break between paragraphs
    return out.build(paragraph_labels=tuple(labels))


def has_tracked_changes(data: bytes, path: str) -> bool:
    """True when the document body holds tracked insertions or deletions of text."""
    document = open_document(data, path)
    body = document.element.body
    return any(change.find(f".//{W}r") is not None
               for change in body.iter(f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo"))
