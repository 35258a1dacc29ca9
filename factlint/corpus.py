"""Documents and corpora: decoded text, its sentences and its quantities.

Sentence boundaries come from Chinese (and ASCII) sentence punctuation and from
blank lines, never from single line breaks: OCR text breaks lines mid-sentence.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Sequence

from .model import Corpus, Document, Quantity, Sentence, SourceInfo, VersionGroup, evolve
from .quantities.extractor import extract
from .text import cachefiles
from .text.files import (
    InputError,
    decode,
    display_name,
    read_bytes,
    working_on,
)
from .text.normalize import LineIndex, NormalizedText, normalize, strip_gaps
from .text.readers import DEFAULT_OPTIONS, ReadOptions, decode_source, select_files
from .text.source import Prose

# A sentence ends after 。！？；…, optional closing quotes/brackets, or at a blank line.
_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』）)】]*|\n[ \t\u3000]*\n\s*")


def split_sentences(text: str | NormalizedText, path: str = "<text>",
                    index: LineIndex | None = None) -> tuple[Sentence, ...]:
    """Sentences of ``text`` with spans in the original; each sentence's text is
    normalised and gap-free.  ``text`` may be a :class:`NormalizedText` made once for
    the document (then ``path`` and ``index`` are its own)."""
    if isinstance(text, NormalizedText):
        index, normalized, text = text.lines, text.folded, text.original
    else:
        index, normalized = index or LineIndex(text, path), normalize(text)
    sentences: list[Sentence] = []
    start = 0
    bounds = [m.end() for m in _SENTENCE_END.finditer(normalized)] + [len(text)]
    for end in bounds:
        if end <= start:
            continue
        raw = normalized[start:end]
        # Skip leading whitespace so the span starts at the first character.
        lead = len(raw) - len(raw.lstrip())
        body = strip_gaps(raw.strip())
        if body:
            stripped_end = start + len(raw.rstrip())
            # No copy of the text: the sentence is cut from the folded text on demand.
            span = index.span(start + lead, stripped_end)
            sentences.append(Sentence(len(sentences), span, normalized, span.start, span.end))
        start = end
    return tuple(sentences)


def _sentence_of(quantities: Sequence[Quantity],
                 sentences: Sequence[Sentence]) -> tuple[Quantity, ...]:
    result = []
    i = 0
    for q in quantities:
        while i + 1 < len(sentences) and sentences[i].span.end <= q.span.start:
            i += 1
        # dataclasses.replace would run the frozen __init__ again (a third of this stage)
        result.append(evolve(q, sentence=i if sentences else -1))
    return tuple(result)


def load_document(path: str, text: str, *, year: int | None = None,
                  prose: Prose | None = None) -> Document:
    """A :class:`Document` with its sentences and quantities (each knowing its sentence).

    ``prose`` is a reader's output for a structured file (``text`` is then
    ``prose.text``): spans are mapped back to the source through it.
    """
    normalized = NormalizedText.of(text, path)  # the one normalisation of this text
    sentences = split_sentences(normalized)
    quantities = _sentence_of(extract(normalized, year=year), sentences)
    if prose is None or prose.verbatim:
        return Document(path=path, text=text, quantities=quantities, sentences=sentences)
    return Document(
        path=path, text=text, format=prose.format, original=prose.source,
        blocks=prose.blocks, source_map=prose,
        quantities=tuple(evolve(q, span=prose.span(q.span.start, q.span.end))
                         for q in quantities),
        sentences=tuple(Sentence(s.index, prose.span(s.start, s.end), s.folded, s.start, s.end)
                        for s in sentences))


def folded_text(document: Document) -> str:
    """``document.text`` folded as reading folds it (NFKC one to one, Traditional): the one
    string its sentences are cut from, made when it was loaded, so nothing normalises the
    text again; folded here only for a document built without sentences."""
    sentences = document.sentences
    if sentences and len(sentences[0].folded) == len(document.text):
        return sentences[0].folded
    return normalize(document.text)


def document_of(prose: Prose, *, year: int | None = None) -> Document:
    """The :class:`Document` of a reader's output."""
    return load_document(prose.path, prose.text, year=year, prose=prose)


class ExtractionCache:
    """Documents as read and extracted, on disk, keyed by the file's bytes, its path, its
    dateline year and factlint's own source, so a change to any of them is a miss.

    The pre-commit hook checks a draft against the whole corpus; re-extracting every
    corpus file on every commit cost about 2.5 s per million characters.  Entries live
    in ``extract/<factlint version>/`` and are signed with the user's key
    (:mod:`factlint.text.cachefiles`): one that does not verify (planted by someone
    else, damaged, half-written) is never unpickled, only missed and written again.
    Writes are atomic, so concurrent runs are safe; deleting the folder always is.
    """

    #: The folder's name, made in the project root (beside the config file).
    NAME = ".factlint_cache"
    #: Its subfolder for extractions (one folder per factlint version inside).
    AREA = "extract"

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.hits = self.misses = 0

    def _entry(self, data: bytes, path: str, year: int | None) -> str:
        version = code_version()
        digest = hashlib.sha256(version.encode())
        digest.update(f"\0{path}\0{year}\0".encode())
        digest.update(data)
        name = digest.hexdigest()
        return os.path.join(self.folder, self.AREA, version, name[:2], name[2:] + ".pickle")

    def get(self, data: bytes, path: str, year: int | None
            ) -> tuple[Document, tuple[str, ...]] | None:
        entry = cachefiles.load(self._entry(data, path, year), cachefiles.user_key())
        if (not isinstance(entry, tuple) or len(entry) != 2
                or not isinstance(entry[0], Document)):
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def put(self, data: bytes, path: str, year: int | None, document: Document,
            notes: Sequence[str]) -> None:
        """Store an entry; a folder that cannot be written only means no caching."""
        cachefiles.dump(self._entry(data, path, year), (document, tuple(notes)),
                        cachefiles.user_key(), self.folder)

    def prune(self, areas: tuple[str, ...] = (AREA,)) -> bool:
        """Delete unused entries (of ``areas`` of the folder), at most once a day
        (:func:`factlint.text.cachefiles.prune`)."""
        return cachefiles.prune(self.folder, areas, code_version())


_CODE_VERSION: list[str] = []


def code_version() -> str:
    """factlint's version and a hash of its source: a cached extraction made by other
    code is never used, even between two commits of the same version."""
    if not _CODE_VERSION:
        from . import __version__

        digest = hashlib.sha256(__version__.encode())
        package = os.path.dirname(os.path.abspath(__file__))
        for root, dirs, files in os.walk(package):
            dirs.sort()
            for name in sorted(files):
                if name.endswith(".py"):
                    with open(os.path.join(root, name), "rb") as handle:
                        digest.update(name.encode() + b"\0" + handle.read())
        _CODE_VERSION.append(f"{__version__}+{digest.hexdigest()[:16]}")
    return _CODE_VERSION[0]


def _cached(data: bytes, display: str, year: int | None, cache: ExtractionCache,
            notes: list[str] | None, fmt: str = "txt",
            options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    # Plain text keeps its key; another format's reading also depends on the options.
    key = display if fmt == "txt" else f"{display}\0{fmt}\0{options!r}"
    hit = cache.get(data, key, year)
    if hit is not None:
        document, stored_notes = hit
    else:
        fresh: list[str] = []
        if fmt == "txt":
            document = load_document(display, decode(data, display, fresh), year=year)
        else:
            document = document_of(decode_source(display, data, options), year=year)
        stored_notes = tuple(fresh)
        cache.put(data, key, year, document, stored_notes)
    if notes is not None:
        notes.extend(stored_notes)
    return document


#: Called after each file is read, with its path and its size in bytes (progress bars).
FileDone = Callable[[str, int], None]


def load_corpus(paths: Iterable[str], *, sources: Sequence[SourceInfo] = (),
                groups: Sequence[VersionGroup] = (), notes: list[str] | None = None,
                on_file: FileDone | None = None, cache: ExtractionCache | None = None,
                options: ReadOptions = DEFAULT_OPTIONS) -> tuple[Corpus, list[InputError]]:
    """Read every file under ``paths``; unreadable files are returned as errors, not raised.

    Warnings about how a file was read (Big5 decoded, say) are appended to ``notes``;
    with a ``cache``, a plain-text file read before (same bytes, path, year and factlint)
    is not decoded or extracted again.  Each file is read as its format (``options``: by
    suffix unless forced; include/exclude globs); Markdown, HTML and Word go through
    their readers (cached too, keyed also by format and options).
    """
    documents: list[Document] = []
    errors: list[InputError] = []
    years = dateline_years(sources)
    for path in select_files(paths, options):
        try:
            document = read_document(path, year=years.get(resolved_path(path)), notes=notes,
                                     cache=cache, options=options)
        except InputError as exc:
            errors.append(exc)
            continue
        documents.append(document)
        if on_file is not None:
            on_file(document.path, len(document.text))
    return Corpus(tuple(documents), tuple(sources), tuple(groups)), errors


def resolved_path(path: str) -> str:
    """:func:`factlint.settings.sources.resolved` (imported late: no import cycle)."""
    from .settings.sources import resolved

    return resolved(path)


def dateline_years(sources: Iterable[SourceInfo]) -> dict[str, int]:
    """The dateline year of each file the sources file dates, by resolved path.

    The same answer as :meth:`~factlint.settings.sources.SourceIndex.year_for`, as a
    plain dictionary that can be shipped to Dask workers.
    """
    years: dict[str, int] = {}
    for info in sources:
        if info.date:
            years.setdefault(resolved_path(info.path), int(info.date[:4]))
    return years


def read_document(path: str, *, year: int | None = None, read_from: str | None = None,
                  notes: list[str] | None = None, cache: ExtractionCache | None = None,
                  options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    """Read, decode and load the file ``path`` names, as :func:`load_corpus` does.

    ``year`` is its dateline year (:func:`dateline_years`).  ``read_from`` is where to
    open it when that differs from the name reports use (a Dask worker in another
    directory opens the absolute path); an :class:`InputError` still names ``path``.
    It is read as its format (``options``: by suffix unless forced); Markdown, HTML and
    Word go through their readers.  Warnings about how it was read go to ``notes``;
    ``cache`` as for :func:`load_corpus` (keyed also by format and options).
    """
    from .text.source import format_of

    display = display_name(path)
    fmt = "txt" if path == "-" else format_of(path, options.format)
    try:
        data = read_bytes(path if read_from is None else read_from)
    except InputError as exc:
        raise InputError(path, exc.message) from None
    working_on(display)
    if cache is not None:
        return _cached(data, display, year, cache, notes, fmt, options)
    if fmt == "txt":
        return load_document(display, decode(data, display, notes), year=year)
    return document_of(decode_source(display, data, options), year=year)
