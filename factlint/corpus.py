"""Documents and corpora: decoded text, its sentences and its quantities.

Sentence boundaries come from Chinese (and ASCII) sentence punctuation and from
blank lines, never from single line breaks: OCR text breaks lines mid-sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .model import Corpus, Document, Quantity, Sentence, SourceInfo, VersionGroup, new_quantity
from .quantities.extractor import extract
from .text.files import InputError
from .text.normalize import LineIndex, NormalizedText, normalize, strip_gaps
from .text.readers import DEFAULT_OPTIONS, ReadOptions, read_source, select_files
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
            sentences.append(Sentence(len(sentences), body,
                                      index.span(start + lead, stripped_end)))
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
        result.append(new_quantity(**{**vars(q), "sentence": i if sentences else -1}))
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
        blocks=prose.blocks,
        quantities=tuple(new_quantity(**{**vars(q), "span": prose.span(q.span.start, q.span.end)})
                         for q in quantities),
        sentences=tuple(Sentence(s.index, s.text, prose.span(s.span.start, s.span.end))
                        for s in sentences))


def document_of(prose: Prose, *, year: int | None = None) -> Document:
    """The :class:`Document` of a reader's output."""
    return load_document(prose.path, prose.text, year=year, prose=prose)


def load_corpus(paths: Iterable[str], *, sources: Sequence[SourceInfo] = (),
                groups: Sequence[VersionGroup] = (),
                options: ReadOptions = DEFAULT_OPTIONS) -> tuple[Corpus, list[InputError]]:
    """Read every file under ``paths``; unreadable files are returned as errors, not raised.

    Each file is read as its format (``options``: by suffix unless forced; globs).
    """
    from .settings.sources import year_for

    documents: list[Document] = []
    errors: list[InputError] = []
    for path in select_files(paths, options):
        display = path.replace("\\", "/")
        try:
            prose = read_source(path, options, display=display)
        except InputError as exc:
            errors.append(exc)
            continue
        documents.append(document_of(prose, year=year_for(display, sources)))
    return Corpus(tuple(documents), tuple(sources), tuple(groups)), errors
