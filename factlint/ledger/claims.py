"""What the ledger stores of a document: its claims, each under a key.

A *claim* is a figure of a document that has a claim identity
(:func:`factlint.claims.identity.frames`): what it counts or measures, the measure,
its scope, its time words and the statistic, a :class:`~factlint.claims.identity.ClaimKey`
(``2020年·全国·党员·人·总数``).  A figure with no identity (no unit, nothing that
says what is counted, a date, a vague or a duration figure) is no claim and is not
stored.

The ledger looks claims up by a *lookup key* (:func:`lookup_key`), made of the parts
of the claim key that two statements of one claim always share, plus the ledger's own
time: the measure, the statistic (a total and a plain value are one) and the date the
claim is of.  What is counted is not in it: versions of one story write it differently
(市属高校教职员工 in the agency's copy, 市属高校教职员 in a web transcription), and
:func:`same_claim` decides on it.  The date is the day a sentence names (截至2月15日 …)
when it names one, else the document's date: a running total that grows, or a monthly
statistic (1—7月制造业投资同比增长…), is a different claim on a later date, not a
contradiction.  So a claim written without a day is matched only with copy of the same
date (the print page, the web page and the agency's copy of one day's story); the year
matched more, and on news-dev most of what it matched was monthly statistics and
different stories.

Within a lookup key, two claims are the same claim when claim identity allows it
(:func:`~factlint.claims.identity.why_different`, with what is counted compared as for
a headline and its body: equal, one the end of the other, or each named in the other's
clause by :func:`~factlint.claims.identity.named_in`; no difference of measure,
statistic, scope or time words) and the text says so (:func:`same_claim`): their
sentences, the figure taken out, are alike (:data:`SAME_SENTENCE`), as versions of one
sentence are however short; or the words before each figure share a word and their
clauses two words besides what is counted, so that 4户居民 of one story is not taken for
3000多户居民 of another.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import regex

from ..claims.excerpt import figure_in_sentence
from ..claims.identity import ClaimKey, Frame, frames, why_different
from ..model import Document, Quantity

__all__ = ["LedgerClaim", "claim_frame", "claims_of", "lookup_key", "masked_sentence", "rekey",
           "same_claim"]

_CJK = regex.compile(r"\p{Han}+")


def _bigrams(text: str) -> frozenset[str]:
    """The pairs of adjacent Chinese characters of ``text`` (the ``|`` of a masked figure
    breaks a run)."""
    grams: set[str] = set()
    for run in _CJK.findall(text):
        grams.update(run[i:i + 2] for i in range(len(run) - 1))
    return frozenset(grams)


def _words(text: str) -> tuple[str, ...]:
    """A frame's scope or time words from :attr:`ClaimKey.scope` / ``.time`` (``、``-joined)."""
    return tuple(text.split("、")) if text else ()


@dataclass(frozen=True)
class LedgerClaim:
    """One claim of a document as the ledger keeps it (decimals exact, no float).

    ``left`` and ``right`` are the clause before and after the figure as claim identity
    reads it (gaps removed, other figures masked as ``|``).
    """

    key: str  # the lookup key (see lookup_key)
    claim: ClaimKey
    quantity: Quantity
    sentence: str  # the normalised sentence the figure stands in
    time: str  # ISO date or year that is part of the lookup key
    left: str = ""
    right: str = ""

    @property
    def frame(self) -> Frame:
        return claim_frame(self.claim, self.left, self.right)


def lookup_key(claim: ClaimKey, time: str) -> str:
    """The key a claim is stored and looked up under: ``人|total|2020-03-10``.

    Two claims :func:`same_claim` can take for one always share it: equal measures and
    statistics (a total is a value); ``time`` is the ledger's date of the claim.
    """
    statistic = "total" if claim.statistic == "value" else claim.statistic
    return "|".join((claim.measure, statistic, time))


def claim_frame(claim: ClaimKey, left: str = "", right: str = "") -> Frame:
    """A :class:`~factlint.claims.identity.Frame` of a stored claim, for ``why_different``:
    its key, scope and time words and clause; where it stood in its document is not kept."""
    return Frame(index=-1, key=claim, no_key="", clause=left + right, left=left, right=right,
                 period=-1, paragraph=-1, body_paragraph=-1, headline=False, title=False,
                 lead=False, parallel=False, anaphor="", scope_words=_words(claim.scope),
                 time_words=_words(claim.time))


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


#: Sentences this alike once their figures are taken out are one statement, however short
#: their clauses: the print page, the web page and the agency's copy of one sentence.
SAME_SENTENCE = 0.8
#: Longer sentences (OCR tables with no sentence end) are compared by their wording only:
#: SequenceMatcher's ratio is quadratic at worst.
LONGEST_SENTENCE = 1000
#: Words (pairs of characters) two clauses must share besides what is counted.
SHARED_WORDS = 2


def masked_sentence(sentence: str, quantity: Quantity) -> str:
    """``sentence`` with ``quantity``'s figure taken out (``\x00`` in its place); '' when
    it is not found there."""
    start, end = figure_in_sentence(sentence, quantity)
    return "" if start == end else sentence[:start] + "\x00" + sentence[end:]


#: Runs of numerals: the other figures of a sentence, to tell where in it a figure stands.
_NUMERALS = regex.compile(r"[0-9]+(?:\.[0-9]+)?|[零〇一二三四五六七八九十百千万亿两]+")


def _place_in_sentence(masked: str) -> tuple[int, int]:
    """How many runs of numerals stand before and after the figure of a masked sentence."""
    before, _, after = masked.partition("\x00")
    return len(_NUMERALS.findall(before)), len(_NUMERALS.findall(after))


def _versions_of_one_sentence(a: str, b: str) -> bool:
    """Whether two masked sentences are one sentence, the figure taken out of each."""
    if not a or not b or max(len(a), len(b)) > LONGEST_SENTENCE:
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return (matcher.real_quick_ratio() >= SAME_SENTENCE and matcher.quick_ratio() >= SAME_SENTENCE
            and matcher.ratio() >= SAME_SENTENCE)


def _worded_alike(a: LedgerClaim, b: LedgerClaim) -> bool:
    if not _bigrams(a.left) & _bigrams(b.left):
        return False
    what = _bigrams(a.claim.what) | _bigrams(b.claim.what)
    shared = (_bigrams(a.left + "|" + a.right) & _bigrams(b.left + "|" + b.right)) - what
    return len(shared) >= SHARED_WORDS


def same_claim(a: LedgerClaim, b: LedgerClaim, a_masked: str | None = None,
               b_masked: str | None = None, *, wording: bool = True) -> bool:
    """Whether two claims of one lookup key state the same thing (see the module docstring).

    Versions of one sentence state the same claim only with the figure in the same place
    (as many numerals before and after it): 其中187种、371种 holds two claims, whatever
    their wording.  Without ``wording`` only a version of the sentence is evidence (for
    a published document edited: one of its figures against another is the restatement
    check's business, which weighs headline, lead and anaphor).  ``a_masked``/``b_masked``
    are their :func:`masked_sentence`, when already computed.
    """
    if why_different(a.frame, b.frame, loose_what=True):
        return False
    if a_masked is None:
        a_masked = masked_sentence(a.sentence, a.quantity)
    if b_masked is None:
        b_masked = masked_sentence(b.sentence, b.quantity)
    if _versions_of_one_sentence(a_masked, b_masked):
        return _place_in_sentence(a_masked) == _place_in_sentence(b_masked)
    return wording and _worded_alike(a, b)


def claims_of(document: Document, date: str) -> Iterator[LedgerClaim]:
    """Every claim of ``document``, dated ``date`` (ISO ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``)."""
    dates = _sentence_dates(document)
    for frame in frames(document):
        if frame.key is None:
            continue
        q = document.quantities[frame.index]
        time = dates.get(q.sentence, date)
        sentence = (document.sentences[q.sentence].text
                    if 0 <= q.sentence < len(document.sentences) else q.normalized)
        yield LedgerClaim(key=lookup_key(frame.key, time), claim=frame.key, quantity=q,
                          sentence=sentence, time=time, left=frame.left, right=frame.right)


def decimal_text(value: Decimal | None) -> str | None:
    """A Decimal as exact text for storage (``None`` stays ``None``)."""
    return None if value is None else format(value, "f")


@functools.lru_cache(maxsize=64)
def _sentence_claims(sentence: str, time: str, year: int) -> tuple[LedgerClaim, ...]:
    """The claims of one sentence read alone (a sentence holds several claims: read once)."""
    from ..corpus import load_document

    return tuple(claims_of(load_document("ledger", sentence, year=year), time))


def rekey(sentence: str, figure: str, published: str, year: int) -> LedgerClaim | None:
    """The claim a stored ``sentence`` makes with ``figure`` (its normalised text), read
    by claim identity from the sentence alone, or None when it makes none; its time is
    the day the sentence names, else ``published``, as :func:`claims_of` has it.

    For migrating a ledger that stored the sentence but not the claim key: the frame of
    a figure is read from its clause and sentence, so the sentence gives what the whole
    document gave, but for a headline, a lead or a list across sentences.
    """
    needle = "".join(figure.split())
    for claim in _sentence_claims(sentence, published, year):
        if "".join((claim.quantity.normalized or claim.quantity.text).split()) == needle:
            return LedgerClaim(key=claim.key, claim=claim.claim, quantity=claim.quantity,
                               sentence=sentence, time=claim.time, left=claim.left,
                               right=claim.right)
    return None
