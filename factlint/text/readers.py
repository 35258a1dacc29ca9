"""Choosing a reader for each file, and which files a folder contributes.

``read_source(path, options)`` reads one file as the format its suffix says (or
``options.format``) and returns a :class:`~factlint.text.source.Prose`; the
readers live in :mod:`.markdown`, :mod:`.html` and :mod:`.docx`, plain text needs
none.  ``select_files`` expands folders into the files factlint reads, filtered by
the ``include``/``exclude`` globs of the configuration.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .files import InputError, decode, discover, read_bytes, read_text
from .source import FORMAT_SUFFIXES, Prose, format_of, plain_text


@dataclass(frozen=True)
class ReadOptions:
    """How files are read: the settings ``format-in``, ``include``, ``exclude``, ``front-matter``.

    ``format`` forces one format for every file (``None``: by suffix).  ``include``
    and ``exclude`` are globs (``*`` within a folder, ``**`` across folders) matched
    against the files found by expanding a folder, relative to that folder or as
    found; files named explicitly are always read.  ``front_matter`` reads a
    Markdown file's YAML/TOML front matter as copy.
    """

    format: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    front_matter: bool = False


DEFAULT_OPTIONS = ReadOptions()


def read_source(path: str, options: ReadOptions = DEFAULT_OPTIONS, *,
                display: str | None = None, version: str = "after") -> Prose:
    """Read ``path`` as its format; ``display`` is the path findings show.

    ``version`` matters for Word only: ``after`` (tracked changes accepted) or
    ``before`` (rejected).  Raises :class:`InputError` naming the file.
    """
    shown = display or path
    fmt = format_of(path, options.format)
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(shown, read_bytes(path), version=version)
    text = read_text(path)
    return prose_of(shown, text, fmt, options)


def prose_of(path: str, text: str, fmt: str,
             options: ReadOptions = DEFAULT_OPTIONS) -> Prose:
    """The prose of an already decoded text file in format ``fmt`` (txt, md, html)."""
    if fmt == "md":
        from .markdown import read_markdown

        return read_markdown(path, text, front_matter=options.front_matter)
    if fmt == "html":
        from .html import read_html

        return read_html(path, text)
    if fmt == "docx":
        raise InputError(path, "a Word file is read from its bytes, not from text")
    return plain_text(path, text)


def decode_source(path: str, data: bytes, options: ReadOptions = DEFAULT_OPTIONS) -> Prose:
    """Like :func:`read_source` for bytes already in hand (an editor buffer, a pipe)."""
    fmt = format_of(path, options.format)
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(path, data)
    return prose_of(path, decode(data, path), fmt, options)


@lru_cache(maxsize=256)
def _glob_pattern(glob: str) -> re.Pattern[str]:
    out: list[str] = []
    i = 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def glob_matches(glob: str, path: str) -> bool:
    """True when posix ``path`` matches ``glob`` (``*``: within a folder, ``**``: across)."""
    return _glob_pattern(glob.replace("\\", "/")).match(path) is not None


def _wanted(candidates: list[str], options: ReadOptions) -> bool:
    if options.include and not any(glob_matches(g, c) for g in options.include
                                    for c in candidates):
        return False
    return not any(glob_matches(g, c) for g in options.exclude for c in candidates)


def select_files(paths: Iterable[str | os.PathLike[str]],
                 options: ReadOptions = DEFAULT_OPTIONS) -> list[str]:
    """The files to read: folders expanded (every readable suffix), globs applied."""
    if not options.include and not options.exclude:
        return discover(paths)
    selected: list[str] = []
    for path in paths:
        name = os.fspath(path)
        if not os.path.isdir(name):
            selected.extend(discover([name]))
            continue
        root = name.replace("\\", "/").rstrip("/")
        for found in discover([name]):
            posix = found.replace("\\", "/")
            relative = posix[len(root) + 1:] if posix.startswith(root + "/") else posix
            if _wanted([relative, posix], options):
                selected.append(found)
    return list(dict.fromkeys(selected))


#: Every suffix some reader takes (for folder expansion).
READABLE_SUFFIXES: tuple[str, ...] = tuple(s for group in FORMAT_SUFFIXES.values()
                                           for s in group)
