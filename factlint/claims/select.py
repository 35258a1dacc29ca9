"""Claims: a quantity in its document and sentence, and how rules pick them.

A rule names the claims it is about with a *selector*; every key is optional and
all the keys given must hold::

    subject: 党员                 # text that occurs in the claim's subject
    subject: {regex: "党员|干部"}  # or a regular expression searched in the subject
    near: [捐款, 全国]            # words that all occur in the same sentence
    unit: 名                      # the unit after normalisation (个小时 is 小时)
    kind: count                   # count|money|percent|measure|age|duration|date|...
    files: ["seeds/004_*.txt"]    # globs; a glob without "/" matches the file name
    pattern: "全国{n}党员"         # a regex; {n} stands where the quantity stands

``pattern`` is matched against the sentence's normalised text (NFKC, OCR gaps
removed) with the claim's own figure replaced by a marker that ``{n}`` matches,
so ``共{n}`` picks the figure right after 共 and no other figure of the sentence.
Regexes use the ``regex`` module, are compiled once when the rules are read, and
run with a time limit so that a pathological pattern stops with an error instead
of hanging the run.
"""

from __future__ import annotations

import bisect
import fnmatch
import itertools
import operator
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from ..model import KINDS, Corpus, Document, Quantity, Sentence
from ..quantities.units import UNITS
from ..settings.yamlload import ConfigError, YamlList, YamlMap, check_keys, error_at, type_name

__all__ = [
    "Claim",
    "Selector",
    "SELECTOR_KEYS",
    "REGEX_TIMEOUT",
    "compile_regex",
    "parse_selector",
    "select",
    "claims_of",
]

SELECTOR_KEYS: frozenset[str] = frozenset({"subject", "near", "unit", "kind", "files", "pattern"})

#: Seconds one regex search may take before the run stops with an error.
REGEX_TIMEOUT = 2.0

#: Stands in the sentence where the claim's figure was; a private-use character,
#: so no real text contains it.
MARKER = "\ue000"
_N_GROUP = f"(?P<n>{MARKER})"


@dataclass(frozen=True)
class Claim:
    """A quantity with the document and sentence it was written in."""

    quantity: Quantity
    document: Document
    sentence: Sentence

    @property
    def path(self) -> str:
        return self.document.path


@dataclass(frozen=True)
class Selector:
    """Which claims a rule is about; every field is optional (see the module docstring)."""

    subject: str | None = None
    subject_regex: bool = False
    near: tuple[str, ...] = ()
    unit: str | None = None
    kind: str | None = None
    files: tuple[str, ...] = ()
    pattern: regex.Pattern | None = None
    #: For error messages: the rule, and where its regexes were written.
    rule_id: str = ""
    origin: tuple[str, int, int] = ("", 0, 0)
    subject_pattern: regex.Pattern | None = None


def compile_regex(node: YamlMap | YamlList, key: object, source: str,
                  rule_id: str) -> regex.Pattern:
    """Compile ``source`` with the ``regex`` module, or raise at where it is written."""
    try:
        return regex.compile(source)
    except regex.error as exc:
        raise error_at(node, key, f"rule '{rule_id}': regex does not compile: {exc}") from None


def _strings(node: YamlMap, key: str, what: str) -> tuple[str, ...]:
    value = node[key]
    if isinstance(value, str):
        items: list = [value]
    elif isinstance(value, list):
        items = list(value)
        for index, item in enumerate(items):
            if not isinstance(item, str) or not item:
                raise error_at(value, index, f"{what}: each '{key}' entry must be a "
                               f"non-empty string, not {type_name(item)}")
    else:
        raise error_at(node, key, f"{what}: '{key}' must be a string or a list of strings, "
                       f"not {type_name(value)}")
    if not items or not all(items):
        raise error_at(node, key, f"{what}: '{key}' must not be empty")
    return tuple(items)


def _one_string(node: YamlMap, key: str, what: str) -> str:
    value = node[key]
    if not isinstance(value, str) or not value:
        raise error_at(node, key, f"{what}: '{key}' must be a non-empty string, "
                       f"not {type_name(value)}")
    return value


def parse_selector(node: YamlMap, key: str | None, rule_id: str) -> Selector:
    """Read the selector keys of ``node[key]`` (or of ``node`` itself when ``key`` is None).

    Raises :class:`ConfigError` at the offending value: a regex that does not
    compile, a ``pattern`` without ``{n}``, an unknown kind or key.
    """
    what = f"rule '{rule_id}'"
    if key is not None:
        sub = node.get(key)
        if not isinstance(sub, YamlMap):
            raise error_at(node, key, f"{what}: '{key}' must be a mapping of "
                           f"{', '.join(sorted(SELECTOR_KEYS))}, not {type_name(sub)}")
        check_keys(sub, SELECTOR_KEYS, f"{what} '{key}'")
        if not sub:
            raise error_at(node, key, f"{what}: '{key}' selects nothing: give at least one of "
                           f"{', '.join(sorted(SELECTOR_KEYS))}")
        node = sub
    fields: dict = {"rule_id": rule_id, "origin": (node.path, node.line, node.column)}

    if "subject" in node:
        value = node["subject"]
        if isinstance(value, YamlMap):
            check_keys(value, ("regex",), f"{what} 'subject'")
            source = value.get("regex")
            if not isinstance(source, str) or not source:
                raise error_at(value, "regex" if "regex" in value else None,
                               f"{what}: 'subject: {{regex: ...}}' needs a non-empty regex")
            fields["subject"] = source
            fields["subject_regex"] = True
            fields["subject_pattern"] = compile_regex(value, "regex", source, rule_id)
        else:
            fields["subject"] = _one_string(node, "subject", what)
    if "near" in node:
        fields["near"] = _strings(node, "near", what)
    if "unit" in node:
        unit = _one_string(node, "unit", what)
        fields["unit"] = UNITS.get(unit, (unit, ""))[0]
    if "kind" in node:
        kind = _one_string(node, "kind", what)
        if kind not in KINDS:
            raise error_at(node, "kind", f"{what}: unknown kind '{kind}'; expected one of: "
                           f"{', '.join(KINDS)}")
        fields["kind"] = kind
    if "files" in node:
        fields["files"] = _strings(node, "files", what)
    if "pattern" in node:
        source = _one_string(node, "pattern", what)
        if "{n}" not in source:
            raise error_at(node, "pattern", f"{what}: 'pattern' must contain {{n}} where the "
                           f"quantity stands, e.g. '全国{{n}}党员'")
        if source.count("{n}") > 1:
            raise error_at(node, "pattern", f"{what}: 'pattern' may contain {{n}} only once")
        fields["pattern"] = compile_regex(node, "pattern", source.replace("{n}", _N_GROUP),
                                          rule_id)
        fields["origin"] = (node.path, *node.value_pos("pattern"))
    return Selector(**fields)


def _file_matches(path: str, globs: tuple[str, ...]) -> bool:
    name = path.rsplit("/", 1)[-1]
    for glob in globs:
        target = path if "/" in glob else name
        if fnmatch.fnmatchcase(target, glob) or fnmatch.fnmatchcase(path, glob):
            return True
    return False


def _timeout_error(selector: Selector, what: str, where: str) -> ConfigError:
    path, line, column = selector.origin
    return ConfigError(path or "<rules>", line, column,
                       f"rule '{selector.rule_id}': {what} took longer than {REGEX_TIMEOUT:g}s "
                       f"on {where}; simplify the regex (nested repeats such as (a+)+ "
                       f"backtrack without end)")


def _search(pattern: regex.Pattern, text: str, selector: Selector, what: str,
            where: str) -> regex.Match | None:
    try:
        return pattern.search(text, timeout=REGEX_TIMEOUT)
    except TimeoutError:
        raise _timeout_error(selector, what, where) from None


def _positions_in_sentence(document: Document) -> dict[int, tuple[int, int]]:
    """For each quantity (by index in the document), its place in its sentence's text.

    Sentence text is normalised and gap-free, so offsets in the original do not
    carry over; the k-th quantity of a sentence is found after the (k-1)-th.
    """
    places: dict[int, tuple[int, int]] = {}
    cursor: dict[int, int] = {}
    texts: dict[int, str] = {}
    for index, q in enumerate(document.quantities):
        if 0 <= q.sentence < len(document.sentences):
            text = texts.get(q.sentence)
            if text is None:
                text = texts[q.sentence] = document.sentences[q.sentence].text
            _place(document, index, cursor, places, text)
    return places


def written_in_sentence(q: Quantity) -> str:
    """``q`` as its sentence's text writes it (normalised, without gaps): what
    :class:`SentencePlaces` looks for there."""
    return "".join(q.normalized.split()) or "".join(q.text.split())


def _place(document: Document, index: int, cursor: dict[int, int],
           places: dict[int, tuple[int, int]], text: str | None = None) -> None:
    """Find quantity ``index`` in its sentence after ``cursor`` (per sentence); ``text``
    is its sentence's text, when the caller has it."""
    q = document.quantities[index]
    if text is None:
        text = document.sentences[q.sentence].text
    needle = written_in_sentence(q)
    start = text.find(needle, cursor.get(q.sentence, 0))
    if start < 0:
        start = text.find(needle)
    if start < 0:
        return
    places[index] = (start, start + len(needle))
    cursor[q.sentence] = start + len(needle)


class SentencePlaces:
    """:func:`_positions_in_sentence` read a sentence at a time, when a figure of it is
    first asked for (a check that looks at few figures reads few sentences)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        #: Each quantity's sentence, and the quantities by sentence when those numbers
        #: do not rise (see :meth:`_members_of`).
        self._sentence_of: list[int] | None = None
        self._members: dict[int, list[int]] | None = None
        self._places: dict[int, tuple[int, int]] = {}
        self._cursor: dict[int, int] = {}
        self._read: set[int] = set()
        self._texts: dict[int, str] = {}

    def text(self, sentence: int) -> str:
        """The text of sentence ``sentence`` (cut from the document once)."""
        text = self._texts.get(sentence)
        if text is None:
            text = self._texts[sentence] = self.document.sentences[sentence].text
        return text

    def _members_of(self, sentence: int) -> Sequence[int]:
        """The quantities of ``sentence``, in order.  The extractor gives them in text
        order, so their sentence numbers rise and a sentence's are found by bisecting
        them; a document built otherwise is listed by sentence once."""
        if self._sentence_of is None:
            self._sentence_of = [q.sentence for q in self.document.quantities]
            numbers = self._sentence_of
            if any(map(operator.gt, numbers, itertools.islice(numbers, 1, None))):
                self._members = {}
                for i, number in enumerate(numbers):
                    self._members.setdefault(number, []).append(i)
        if not 0 <= sentence < len(self.document.sentences):
            return ()
        if self._members is not None:
            return self._members.get(sentence, ())
        return range(bisect.bisect_left(self._sentence_of, sentence),
                     bisect.bisect_right(self._sentence_of, sentence))

    def length_without(self, index: int) -> int | None:
        """The length of quantity ``index``'s sentence text less the figure, without
        placing it (None outside the sentences): figures whose sentences are one text but
        for the figure have equal lengths."""
        q = self.document.quantities[index]
        if not 0 <= q.sentence < len(self.document.sentences):
            return None
        return len(self.text(q.sentence)) - len(written_in_sentence(q))

    def get(self, index: int) -> tuple[int, int] | None:
        """The (start, end) of quantity ``index`` in its sentence's text, or None."""
        sentence = self.document.quantities[index].sentence
        if sentence not in self._read:
            self._read.add(sentence)
            members = self._members_of(sentence)
            if members:
                text = self.text(sentence)
                for member in members:
                    _place(self.document, member, self._cursor, self._places, text)
        return self._places.get(index)


def claims_of(corpus: Corpus) -> Iterator[Claim]:
    """Every quantity of the corpus as a claim, documents in path order."""
    for document in sorted(corpus.documents, key=lambda d: d.path):
        for q in document.quantities:
            if 0 <= q.sentence < len(document.sentences):
                yield Claim(q, document, document.sentences[q.sentence])


def select(corpus: Corpus, selector: Selector) -> list[Claim]:
    """The claims ``selector`` picks, sorted by path and position."""
    found: list[Claim] = []
    for document in corpus.documents:
        if selector.files and not _file_matches(document.path, selector.files):
            continue
        places = _positions_in_sentence(document) if selector.pattern is not None else {}
        for index, q in enumerate(document.quantities):
            if not 0 <= q.sentence < len(document.sentences):
                continue
            sentence = document.sentences[q.sentence]
            if selector.kind is not None and q.kind != selector.kind:
                continue
            if selector.unit is not None and q.unit != selector.unit:
                continue
            if selector.near and not all(word in sentence.text for word in selector.near):
                continue
            where = q.span.position()
            if selector.subject is not None:
                subject = q.subject or ""
                if selector.subject_pattern is not None:
                    if _search(selector.subject_pattern, subject, selector,
                               "the subject regex", where) is None:
                        continue
                elif selector.subject not in subject:
                    continue
            if selector.pattern is not None:
                place = places.get(index)
                if place is None:
                    continue
                marked = sentence.text[:place[0]] + MARKER + sentence.text[place[1]:]
                if _search(selector.pattern, marked, selector, "'pattern'", where) is None:
                    continue
            found.append(Claim(q, document, sentence))
    found.sort(key=lambda c: (c.document.path, c.quantity.span.start, c.quantity.span.end))
    return found
