"""Plain data passed between factlint's stages.

Every stage (normalise → extract → claims → rules → findings → reporters) takes and
returns these frozen dataclasses, so each stage can be tested alone and the
cross-document step can run anywhere that can pickle them.  Numeric values are
``Decimal``; never float, because 76.8亿 must stay exactly 7680000000.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Callable, Iterable
from dataclasses import MISSING, dataclass, field, fields
from decimal import Decimal
from typing import Any, Literal

#: What a quantity is.  ``identifier`` and ``ordinal`` are never amounts.
Kind = Literal[
    "count", "money", "percent", "measure", "age", "duration",
    "date", "time", "ordinal", "identifier",
]
KINDS: tuple[str, ...] = (
    "count", "money", "percent", "measure", "age", "duration",
    "date", "time", "ordinal", "identifier",
)
#: Kinds that carry a numeric amount which rules compare.
AMOUNT_KINDS: frozenset[str] = frozenset(
    {"count", "money", "percent", "measure", "age", "duration"})

#: How the written figure relates to the true value (see README, "Qualifiers").
Qualifier = Literal[
    "exact", "more_than", "at_least", "at_most", "nearly", "about", "range", "vague",
]
QUALIFIERS: tuple[str, ...] = (
    "exact", "more_than", "at_least", "at_most", "nearly", "about", "range", "vague",
)

Level = Literal["error", "warning", "info"]
LEVELS: tuple[str, ...] = ("info", "warning", "error")  # ascending severity


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """Where text stands in the *original* file.

    ``line``/``column`` are 1-based; columns count Unicode code points.
    ``end_line``/``end_column`` point just past the last character (exclusive),
    as SARIF's ``endColumn`` does.  ``start``/``end`` are code-point offsets
    into :attr:`Document.text` (for a plain-text file, the decoded file itself).

    ``logical`` is set for formats that have no lines, i.e. Word: ``line`` is then
    the paragraph number (¶, counted through the whole document, table cells
    included), ``column`` the 1-based character in that paragraph, and ``logical``
    names the place for people, e.g. ``¶12`` or ``table 1, row 2, cell 3, ¶14``.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int = 0
    end: int = 0
    logical: str = ""

    def position(self) -> str:
        """``path:line:column``, or ``path:¶paragraph:column`` for a Word file."""
        return _position(self.path, self.line, self.column, self.logical)

    def line_label(self) -> str:
        """``line 4`` in a text file, ``¶4`` in a Word file (for messages)."""
        return f"¶{self.line}" if self.logical else f"line {self.line}"


def _position(path: str, line: int, column: int, logical: str) -> str:
    return f"{path}:{'¶' if logical else ''}{line}:{column}"


@dataclass(frozen=True, slots=True)
class Quantity:
    """One figure as written, and what it means.

    ``lo``/``hi`` bound the true value (``None`` is an open end; both are
    ``None`` for dates and times, which carry ``iso`` instead).  ``value`` is the
    figure as written with 万/亿 folded in (for a range, its lower figure).
    ``precision`` is the rounding an exact figure carries, read off how it is
    written: half a unit of its last written digit (76.8亿 → 5000000, 15% → 0.5),
    except that a whole count or sum of money written to the units (9761个, 17元)
    is exact (0) and one ending in two or more zeros (1200人) is rounded to its
    last non-zero digit (± 50).  A reading that differs by less is not a
    contradiction; see :attr:`hi_open` for the ends.
    """

    text: str
    lo: Decimal | None
    hi: Decimal | None
    qualifier: str
    unit: str | None
    kind: str
    span: Span
    subject: str | None = None
    iso: str | None = None
    value: Decimal | None = None
    precision: Decimal = Decimal(0)
    #: The normalised surface (NFKC, OCR spaces removed); handy for rules.
    normalized: str = ""
    #: Index into ``Document.sentences`` (set by :func:`factlint.corpus.load_document`).
    sentence: int = -1

    def widened(self) -> tuple[Decimal | None, Decimal | None]:
        """The interval widened by the precision of the last written digit."""
        lo = None if self.lo is None else self.lo - self.precision
        hi = None if self.hi is None else self.hi + self.precision
        return lo, hi

    @property
    def hi_open(self) -> bool:
        """Whether the widened interval stops short of its upper end.

        400余 is [400, 500): 500 itself would be written 500.  近1.8万 stays below
        1.8万, and a rounded figure (76.8亿 ± 0.05亿) excludes both ends of its rounding.
        So 300余 and 400余 cannot both be true, nor 5% and 6%.
        """
        return (self.qualifier in ("more_than", "nearly")
                or (self.precision > 0 and self.hi is not None))

    @property
    def lo_open(self) -> bool:
        """Whether the widened interval stops short of its lower end: a rounded figure.

        76.8亿 ± 0.05亿 excludes both ends, so 1年 (0.5–1.5 years) does not agree with
        半年 and 5 (4.5–5.5) not with 4.5: they meet only where the rounding ends.
        """
        return self.precision > 0 and self.lo is not None

    @property
    def is_amount(self) -> bool:
        return self.kind in AMOUNT_KINDS


def _fast_constructor(cls: type) -> Callable[..., Any]:
    """A keyword-only constructor for frozen, slotted dataclass ``cls``.

    The ``__init__`` of a frozen dataclass sets each field through
    ``object.__setattr__``: 2.6 µs for a Quantity, paid for every figure in the
    copy.  This one fills an instance of a plain class with the same slots (plain
    attribute stores, the fastest Python has) and then makes it a ``cls``: CPython
    allows assigning ``__class__`` between classes whose instances have the same
    layout (the same slots, in order, on the same base), and nothing of the object
    changes but its type.  A third of the time of setting each slot through its
    descriptor (for Quantity and Span, 66 M instructions of the 1,006 M that reading a
    copy of pd1998 took).
    It does no checking, so only code that passes every field correctly uses it;
    tests/test_model.py holds it equal to the real constructor.
    """
    names = [f.name for f in fields(cls)]
    # The twin: cls's slots and nothing else (no frozen __setattr__ to go through).
    twin = type(f"_Unfrozen{cls.__name__}", (), {"__slots__": cls.__slots__})
    scope: dict[str, Any] = {"_twin": twin, "_cls": cls}
    params = []
    for f in fields(cls):
        if f.default is MISSING:
            params.append(f.name)
        else:
            scope[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
    sets = "".join(f"    made.{name} = {name}\n" for name in names)
    exec(f"def construct(*, {', '.join(params)}):\n    made = _twin()\n{sets}"  # noqa: S102
         "    made.__class__ = _cls\n    return made\n", scope)
    construct = scope["construct"]
    construct.__name__ = construct.__qualname__ = f"new_{cls.__name__.lower()}"
    _FIELDS[cls] = (tuple(names), operator.attrgetter(*names), construct)
    return construct


#: For each class with a fast constructor: its field names, a getter of all of them, and it.
_FIELDS: dict[type, tuple[tuple[str, ...], Callable[[Any], tuple], Callable[..., Any]]] = {}


def evolve(obj: Any, **changes: Any) -> Any:
    """``dataclasses.replace(obj, **changes)`` for a Span or a Quantity, without running the
    frozen ``__init__`` (a third of sentence numbering, once per figure)."""
    names, getter, construct = _FIELDS[type(obj)]
    return construct(**{**dict(zip(names, getter(obj), strict=True)), **changes})


#: ``Span(...)`` and ``Quantity(...)`` for hot loops (keyword arguments only).
new_span: Callable[..., Span] = _fast_constructor(Span)
new_quantity: Callable[..., Quantity] = _fast_constructor(Quantity)


#: What OCR leaves inside a sentence that reading removes (text.normalize.strip_gaps).
_GAPS: tuple[str, ...] = (" ", "\t", "\r", "\n", "\u3000")


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Sentence:
    """A sentence of a document: Chinese punctuation ends it, line breaks do not.

    It holds no text of its own: :attr:`text` is cut from ``folded`` (the document's
    folded text, shared by all its sentences) on demand, ``folded[start:end]`` without
    OCR spaces and line breaks.  ``start``/``end`` are those of ``span`` in a whole
    document; a sentence shipped alone (:meth:`detached`) carries its own short text.
    """

    index: int
    span: Span
    folded: str
    start: int
    end: int

    @property
    def text(self) -> str:
        """The normalised text (NFKC, Traditional folded), OCR line breaks removed."""
        text = self.folded[self.start:self.end]
        for gap in _GAPS:
            if gap in text:
                text = text.replace(gap, "")
        return text

    def detached(self, index: int | None = None) -> Sentence:
        """This sentence holding only its own text (to ship or cache it without the
        document's), renumbered to ``index`` if given."""
        text = self.text
        return Sentence(self.index if index is None else index, self.span, text, 0, len(text))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sentence):
            return NotImplemented
        return (self.index, self.span, self.text) == (other.index, other.span, other.text)

    def __hash__(self) -> int:
        return hash((self.index, self.span))

    def __repr__(self) -> str:
        return f"Sentence(index={self.index!r}, text={self.text!r}, span={self.span!r})"


#: What a block of a document is (see :class:`Block`).
BLOCK_KINDS: tuple[str, ...] = ("heading", "paragraph", "item", "cell", "caption", "footnote")


@dataclass(frozen=True, slots=True)
class Block:
    r"""One block of a structured document (Markdown, HTML, Word), for the claim checks.

    ``start``/``end`` are offsets into :attr:`Document.text`.  ``kind`` is one of
    :data:`BLOCK_KINDS`: a ``heading`` is a headline (Markdown ``#``, HTML ``h1``–``h6``,
    Word Heading/Title styles; ``level`` 1–6, 0 for a Word Title); ``cell``\ s of one
    table row are parallel items (``table``, ``row``, ``cell`` count from 1).
    """

    kind: str
    start: int
    end: int
    level: int = 0
    table: int = 0
    row: int = 0
    cell: int = 0


@dataclass(frozen=True)
class Document:
    """One decoded file, its quantities and its sentences.

    ``text`` is what the pipeline reads: for plain text the decoded file; for
    Markdown, HTML and Word the prose a reader took from it (code, markup, link
    targets and front matter left out; blocks separated by blank lines), with spans
    already mapped back to the source.  ``original`` is the decoded file when it
    differs from ``text`` (``None`` for plain text); ``blocks`` lists headings,
    paragraphs, list items and table cells of a structured file (empty for plain text).
    """

    path: str
    text: str
    quantities: tuple[Quantity, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    format: str = "txt"
    original: str | None = None
    blocks: tuple[Block, ...] = ()
    #: For a structured file, the reader's map from an offset of ``text`` to the source
    #: (an object with ``span(start, end) -> Span``, ``text.source.Prose``); None for
    #: plain text, whose offsets are the file's.  Checks that find places in ``text``
    #: themselves (the usage checks) report them through it.
    source_map: Any = field(default=None, compare=False, repr=False)

    def headlines(self) -> tuple[Block, ...]:
        """The heading blocks (headlines), in document order."""
        return tuple(b for b in self.blocks if b.kind == "heading")

    def block_at(self, offset: int) -> Block | None:
        """The block holding ``offset`` of :attr:`text`, if the document has blocks."""
        i = bisect.bisect_right(self.blocks, offset, key=lambda b: b.start) - 1
        if i >= 0 and offset < self.blocks[i].end:
            return self.blocks[i]
        return None


@dataclass(frozen=True)
class SourceInfo:
    """What the sources file says of one file."""

    path: str
    title: str = ""
    publisher: str = ""
    date: str | None = None  # ISO dateline date, e.g. 2020-02-16
    medium: str = ""  # "print-ocr" or "web"


@dataclass(frozen=True)
class VersionGroup:
    """Files that are versions of one article; ``preferred`` is the reference, if any."""

    id: str
    files: tuple[str, ...]
    preferred: str | None = None
    title: str = ""


@dataclass(frozen=True)
class Corpus:
    """Everything a run checks: documents plus what the sources file says of them."""

    documents: tuple[Document, ...]
    sources: tuple[SourceInfo, ...] = ()
    groups: tuple[VersionGroup, ...] = ()

    def document(self, path: str) -> Document:
        for doc in self.documents:
            if doc.path == path:
                return doc
        raise KeyError(path)


@dataclass(frozen=True, slots=True)
class Location:
    """A place a finding points at, with the original text found there."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str = ""
    #: As :attr:`Span.logical`: set for Word files, where ``line`` is a paragraph number.
    logical: str = ""

    @classmethod
    def of(cls, span: Span, text: str) -> Location:
        return cls(span.path, span.line, span.column, span.end_line, span.end_column, text,
                   span.logical)

    def position(self) -> str:
        """``path:line:column``, or ``path:¶paragraph:column`` for a Word file."""
        return _position(self.path, self.line, self.column, self.logical)


@dataclass(frozen=True, slots=True)
class Replacement:
    """Replace the original text ``old`` at ``start:end`` of file ``path`` by ``new``.

    ``start``/``end`` are code-point offsets into the decoded original text (as
    :class:`Span`'s); ``line``/``column``/``end_line``/``end_column`` are the same
    place 1-based, end exclusive, for editors (LSP ranges, SARIF regions).
    """

    path: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class Fix:
    """How to repair a finding: replacements in one file, applied together.

    ``safe`` is True only when factlint has read the changed text again and
    every quantity there still has the same interval, qualifier, unit, kind and
    date (see README, "factlint fix"); ``factlint fix`` applies only safe fixes
    and reports the others as suggestions.
    """

    description: str
    replacements: tuple[Replacement, ...]
    safe: bool = False


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: which rule, how bad, where, and the other places involved."""

    rule: str
    level: str
    message: str
    location: Location
    related: tuple[Location, ...] = field(default_factory=tuple)
    #: A repair, if the rule knows one (its ``safe`` flag says if it may be applied).
    fix: Fix | None = None

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.rule, self.message)


@dataclass(frozen=True)
class RuleInfo:
    """Metadata a reporter needs about a rule (SARIF's reportingDescriptor)."""

    id: str
    level: str
    description: str = ""
    link: str | None = None


#: Levels from most to least severe: the order reports list them in.
LEVELS_BY_SEVERITY: tuple[str, ...] = tuple(reversed(LEVELS))

#: Values of ``fail-on``: a level, or ``never`` (report, exit 0 unless an input is unreadable).
FAIL_ON_CHOICES: tuple[str, ...] = (*LEVELS_BY_SEVERITY, "never")


def fails(level: str, fail_on: str) -> bool:
    """Whether a finding at ``level`` fails a run whose ``fail-on`` is ``fail_on``."""
    return fail_on != "never" and LEVELS.index(level) >= LEVELS.index(fail_on)


def _check_location(loc: Location, what: str) -> None:
    where = f"{loc.path}:{loc.line}:{loc.column}"
    if not loc.path:
        raise ValueError(f"{what} has an empty path")
    if loc.line < 1 or loc.column < 1:
        raise ValueError(f"{where}: {what} has a line or column below 1 (both are 1-based)")
    if (loc.end_line, loc.end_column) < (loc.line, loc.column):
        raise ValueError(
            f"{where}: {what} ends before it starts "
            f"(end {loc.end_line}:{loc.end_column})")


def check_findings(findings: Iterable[Finding]) -> None:
    """Raise ``ValueError`` naming the place if a finding cannot be reported faithfully."""
    for finding in findings:
        loc = finding.location
        what = f"finding of rule {finding.rule!r}"
        _check_location(loc, what)
        if finding.level not in LEVELS:
            raise ValueError(
                f"{loc.path}:{loc.line}:{loc.column}: {what} has unknown level "
                f"{finding.level!r}; expected one of {', '.join(LEVELS_BY_SEVERITY)}")
        if not finding.rule:
            raise ValueError(f"{loc.path}:{loc.line}:{loc.column}: finding has no rule id")
        if not finding.message.strip():
            raise ValueError(f"{loc.path}:{loc.line}:{loc.column}: {what} has no message")
        for related in finding.related:
            _check_location(related, f"related location of {what}")


def _full_key(finding: Finding) -> tuple:
    # Location is not orderable, so compare related places as plain tuples; the tail
    # only breaks ties between findings that agree on path, position, rule and message.
    return (
        *finding.sort_key(),
        finding.level,
        finding.location.end_line,
        finding.location.end_column,
        finding.location.text,
        tuple(_as_tuple(loc) for loc in finding.related),
    )


def _as_tuple(loc: Location) -> tuple:
    # dataclasses.astuple's answer for Location's plain fields, without its deep copy
    # (most of the time sorting 30,000 findings took)
    return (loc.path, loc.line, loc.column, loc.end_line, loc.end_column, loc.text,
            loc.logical)


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings checked and in report order: path, line, column, rule, message."""
    result = list(findings)
    check_findings(result)
    result.sort(key=_full_key)
    return result
