"""What the ledger stores of a document: its claims, each under a key.

A *claim* is an amount of a document (a count, a sum of money, a percentage, a
measure, an age or a duration) that says what it counts.  Its *key* names the
claim apart from its value, so that the same claim in two documents can be found
and compared: ``count|名|市属高校教职员工|2020``.

The key is made by one function, :func:`ledger_key`, so that it can be replaced by
a better notion of claim identity without touching the store or the check.  This
one is provisional: the head of what is counted (the first four characters of the
quantity's subject: versions write 市属高校教职员 and 市属高校教职员工), the unit
family (名, 人 and 位 count the same people), the kind, and the claim's time.  Two
claims of one key are the same claim when one subject starts with the other
and the wording around them is alike (:func:`same_claim`), as
the old ``repeated-figure`` check had it for restatements in one document:
the clause before each figure shares a word, and the clauses share two words
besides the subject (全国 … 党员捐款 against 全国 … 党员捐款), so that 4户居民 of one
story is not taken for 3000多户居民 of another; or their sentences, the figures taken
out, are alike (:data:`SAME_SENTENCE`), as versions of one sentence are however short.  The time
is the date a sentence gives (截至2月15日 …) when it has one, else the document's
date: a running total that grows, or a monthly statistic (1—7月制造业投资同比增长…),
is a different claim on a later date, not a contradiction.  So a claim written without
a date is matched only with copy of the same date (the print page, the web page and
the agency's copy of one day's story); a coarser time (the year) matched more, and on
news-dev most of what it matched was monthly statistics and different stories.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import regex

from ..claims.agree import MEASURE_WORD_VARIANTS, SAME_UNITS
from ..claims.excerpt import figure_in_sentence
from ..model import AMOUNT_KINDS, Document, Quantity

__all__ = ["LedgerClaim", "Wording", "claims_of", "ledger_key", "same_claim", "same_subject",
           "unit_family", "wording"]

_CLAUSE_END = regex.compile(r"[，,。；;：:！!？?（）()“”\"「」『』—]")
_CJK = regex.compile(r"\p{Han}+")


def bigrams(text: str) -> set[str]:
    """The pairs of adjacent Chinese characters of ``text``."""
    grams: set[str] = set()
    for run in _CJK.findall(text):
        grams.update(run[i:i + 2] for i in range(len(run) - 1))
    return grams


def clause_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The clause text before and after the figure at ``text[start:end]``."""
    left_start = 0
    for match in _CLAUSE_END.finditer(text, 0, start):
        left_start = match.end()
    found = _CLAUSE_END.search(text, end)
    right_end = found.start() if found else len(text)
    return text[left_start:start], text[end:right_end]


#: Subjects this short name nothing in particular (人, 例): no claim is keyed on them.
MIN_SUBJECT_LENGTH = 2
#: How much of the subject goes into the key; the rest is compared by :func:`same_subject`.
SUBJECT_HEAD = 4


@dataclass(frozen=True)
class LedgerClaim:
    """One claim of a document as the ledger keeps it (decimals exact, no float)."""

    key: str
    quantity: Quantity
    sentence: str  # the normalised sentence the figure stands in
    time: str  # ISO date or year that is part of the key

    @property
    def wording(self) -> Wording:
        return wording(self.sentence, self.quantity)


def unit_family(unit: str | None, kind: str) -> str:
    """One spelling for units that mean the same and measure words that count the same."""
    unit = SAME_UNITS.get(unit or "", unit or "")
    if kind == "count":
        for family in MEASURE_WORD_VARIANTS:
            if unit in family:
                return min(family)
    return unit


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _sentence_dates(document: Document) -> dict[int, str]:
    """The first day written in each sentence (sentence index → ISO date).

    Only a day counts (截至3月10日): a year or month there is more often the start
    of a period (2014年以来, 从2014年起) than the claim's time.
    """
    dates: dict[int, str] = {}
    for q in document.quantities:
        if q.kind == "date" and q.iso and _DAY.match(q.iso):
            dates.setdefault(q.sentence, q.iso)
    return dates


def ledger_key(quantity: Quantity, time: str) -> str | None:
    """The key a claim is stored and looked up under, or None when it is no claim.

    ``time`` is the claim's time frame (an ISO date or a year).  The one place the
    ledger decides claim identity: swap it for :func:`factlint.claims.identity.claim_key`
    when that lands.
    """
    if quantity.kind not in AMOUNT_KINDS or quantity.lo is None and quantity.hi is None:
        return None
    subject = (quantity.subject or "").strip()
    if len(subject) < MIN_SUBJECT_LENGTH:
        return None
    return "|".join((quantity.kind, unit_family(quantity.unit, quantity.kind),
                     subject[:SUBJECT_HEAD], time))


def same_subject(a: str | None, b: str | None) -> bool:
    """Whether two subjects of one key name the same thing: one starts with the other."""
    a, b = (a or "").strip(), (b or "").strip()
    return bool(a and b) and (a.startswith(b) or b.startswith(a))


@dataclass(frozen=True)
class Wording:
    """The words (Han bigrams) of the clause a figure stands in and of its left part, and
    the sentence with the figure taken out."""

    left: frozenset[str]
    words: frozenset[str]
    masked: str = ""


#: Sentences this alike once their figures are taken out are one statement, however short
#: their clauses: the print page, the web page and the agency's copy of one sentence.
SAME_SENTENCE = 0.8


def wording(sentence: str, quantity: Quantity) -> Wording:
    """The wording of ``quantity``'s clause in its normalised ``sentence``."""
    start, end = figure_in_sentence(sentence, quantity)
    if start == end:
        return Wording(frozenset(), frozenset())
    left, right = clause_around(sentence, start, end)
    return Wording(frozenset(bigrams(left)), frozenset(bigrams(left) | bigrams(right)),
                   sentence[:start] + "\x00" + sentence[end:])


#: Longer sentences (OCR tables with no sentence end) are compared by their wording only:
#: SequenceMatcher's ratio is quadratic at worst.
LONGEST_SENTENCE = 1000


def _same_sentence(a: str, b: str) -> bool:
    if not a or not b or max(len(a), len(b)) > LONGEST_SENTENCE:
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return (matcher.real_quick_ratio() >= SAME_SENTENCE and matcher.quick_ratio() >= SAME_SENTENCE
            and matcher.ratio() >= SAME_SENTENCE)


def same_claim(a: Quantity, a_words: Wording, b: Quantity, b_words: Wording) -> bool:
    """Whether two claims of one key state the same thing (see the module docstring)."""
    if not same_subject(a.subject, b.subject):
        return False
    if _same_sentence(a_words.masked, b_words.masked):
        return True
    if not a_words.left & b_words.left:
        return False
    shared = bigrams(min((a.subject or "").strip(), (b.subject or "").strip(), key=len))
    return len((a_words.words & b_words.words) - shared) >= 2


def claims_of(document: Document, date: str) -> Iterator[LedgerClaim]:
    """Every claim of ``document``, dated ``date`` (ISO ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``)."""
    dates = _sentence_dates(document)
    for q in document.quantities:
        time = dates.get(q.sentence, date)
        key = ledger_key(q, time)
        if key is None:
            continue
        sentence = (document.sentences[q.sentence].text
                    if 0 <= q.sentence < len(document.sentences) else q.normalized)
        yield LedgerClaim(key=key, quantity=q, sentence=sentence, time=time)


def decimal_text(value: Decimal | None) -> str | None:
    """A Decimal as exact text for storage (``None`` stays ``None``)."""
    return None if value is None else format(value, "f")

