"""Findings as Word comments: ``factlint check --write-comments draft.docx -o reviewed.docx``.

Each finding located in the Word file becomes a comment by "factlint" anchored to
exactly the figure (the runs holding it are split at the figure's first and last
character, keeping their formatting), saying the level, the rule, the message and
the related places.  The original file is never touched: the copy is written to a
temporary file beside ``output`` and moved into place, so a crash leaves no
half-written document.  Uses python-docx's comments (1.2 or later).

A finding in a footnote cannot be anchored (Word keeps comments in the document body
only); such findings are returned as ``skipped`` for the command to mention.
"""

from __future__ import annotations

import copy
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Finding, Location
from ..text.docx import W, iter_paragraphs, open_document, paragraph_pieces

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
AUTHOR = "factlint"


@dataclass(frozen=True)
class CommentResult:
    """How many comments were written, and findings that could not be anchored."""

    written: int
    skipped: tuple[Finding, ...] = ()


def _split_run_at(t, k: int):
    """Split the run holding w:t ``t`` so that its first ``k`` characters stay; return
    the w:t of the new run holding the rest (inserted right after)."""
    run = t.getparent()
    twin = copy.deepcopy(run)
    # The twin keeps the run properties and only the text after the split.
    for child in list(twin):
        if child.tag != f"{W}rPr":
            twin.remove(child)
    tail = copy.deepcopy(t)
    tail.text = (t.text or "")[k:]
    tail.set(XML_SPACE, "preserve")
    twin.append(tail)
    t.text = (t.text or "")[:k]
    t.set(XML_SPACE, "preserve")
    # Anything after t in the run (a tab, another w:t) moves to the twin as well.
    after = False
    for child in list(run):
        if child is t:
            after = True
            continue
        if after:
            run.remove(child)
            twin.append(child)
    run.addnext(twin)
    return tail


def _anchor_runs(paragraph, start: int, end: int) -> tuple[object, object] | None:
    """The first and last w:r exactly covering characters [start, end) of the paragraph."""
    for boundary in (start, end):
        offset = 0
        for text, node in paragraph_pieces(paragraph, "after"):
            if node is not None and offset < boundary < offset + len(text):
                _split_run_at(node, boundary - offset)
                break
            offset += len(text)
    runs = []
    offset = 0
    for text, node in paragraph_pieces(paragraph, "after"):
        if offset + len(text) > start and offset < end and text:
            run = node.getparent() if node is not None else None
            if run is not None and run.tag == f"{W}r":
                runs.append(run)
        offset += len(text)
    if not runs:
        return None
    return runs[0], runs[-1]


def _comment_text(finding: Finding) -> str:
    lines = [f"{finding.level} {finding.rule}: {finding.message}"]
    lines += [f"related: {loc.position()} {loc.text}".rstrip() for loc in finding.related]
    return "\n".join(lines)


def _stable_zip(document) -> bytes:
    """The saved package with every member dated 1980-01-01, so equal input gives equal bytes."""
    import io
    import zipfile

    saved = io.BytesIO()
    document.save(saved)
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            stable = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            stable.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(stable, source.read(info.filename))
    return out.getvalue()


def check_output(source: str, output: str) -> None:
    """Raise ValueError when ``output`` would overwrite ``source``."""
    if os.path.exists(output) and os.path.samefile(source, output):
        raise ValueError(f"{output}: --write-comments never overwrites the file it checks; "
                         "give another -o file")


def write_comments(source: str, shown_path: str, findings: Iterable[Finding],
                   output: str) -> CommentResult:
    """Write ``source`` (a .docx) to ``output`` with the findings at ``shown_path`` as comments."""
    from docx.text.run import Run

    check_output(source, output)
    with open(source, "rb") as handle:
        data = handle.read()
    document = open_document(data, source)
    paragraphs = {p.number: p for p in iter_paragraphs(document) if p.kind != "footnote"}
    written = 0
    skipped: list[Finding] = []
    mine = [f for f in findings if f.location.path == shown_path and f.location.logical]
    # Later places first, so splitting runs never moves a place not yet anchored.
    for finding in sorted(mine, key=lambda f: (f.location.line, f.location.column),
                          reverse=True):
        loc: Location = finding.location
        paragraph = paragraphs.get(loc.line)
        end = loc.end_column - 1 if loc.end_line == loc.line else None
        anchor = None
        if paragraph is not None:
            if end is None:
                end = sum(len(t) for t, _ in paragraph_pieces(paragraph.element, "after"))
            anchor = _anchor_runs(paragraph.element, loc.column - 1, end)
        if anchor is None:
            skipped.append(finding)
            continue
        first, last = anchor
        comment = document.add_comment([Run(first, None), Run(last, None)],
                                       text=_comment_text(finding), author=AUTHOR,
                                       initials="FL")
        # The date is optional; leaving it out keeps the output the same for the same input.
        comment._comment_elm.attrib.pop(f"{W}date", None)
        written += 1
    folder = os.path.dirname(os.path.abspath(output))
    handle_fd, temporary = tempfile.mkstemp(prefix=".factlint-", suffix=".docx", dir=folder)
    try:
        with os.fdopen(handle_fd, "wb") as handle:
            handle.write(_stable_zip(document))
        os.replace(temporary, output)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return CommentResult(written, tuple(sorted(skipped, key=Finding.sort_key)))
