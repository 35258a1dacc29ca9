"""Find every quantity in Chinese copy and say exactly what it means.

``extract(text)`` works on the normalised text (:class:`~factlint.text.normalize.NormalizedText`),
in which OCR gaps are already joined (``7436`` at the end of a line and ``万多名`` on
the next read as one quantity; the offset map leads back).  A one-class pattern finds
each run of numerals; the one pattern of ``pattern`` is then matched there, and the
alternative that matched says which reader interprets it: ``dates`` (dates, decades,
centuries, times), ``percent`` (百分之, fractions), ``amounts`` (counts, money,
measures, durations; ``identifiers`` tells numerals that are no amounts apart).  Each
reader returns a :class:`~factlint.model.Quantity` whose span points at the original
text.  Qualifier rules are in the README.
"""

from __future__ import annotations

import bisect
import gc
import heapq
import re

from ..model import Quantity
from ..text.normalize import NormalizedText, folds_into
from .amounts import read_amount
from .dates import dateline_index, find_datelines, read_date, read_time
from .festivals import STARTS as FESTIVAL_STARTS
from .festivals import find_festivals
from .identifiers import NON_FIGURE_AFTER, NON_FIGURE_FIRSTS, non_figures
from .lists import share_list_units
from .pattern import (
    ADVERB_LEAD,
    ADVERB_WORD,
    AFTER_ARTICLE,
    AFTER_SINGLE_NUMERAL,
    AMOUNT_ONLY,
    ARTICLE_KEEP,
    ARTICLES,
    LEAD_IN,
    LEAD_IN_ENDS,
    LEAD_IN_LAST,
    RUN,
    RUN_CHARS,
    SINGLE_NUMERALS,
    LazyPattern,
    anchors,
    first_characters,
    match_quantity,
    word_starts,
)
from .percent import read_fraction, read_percent
from .reader import SKIP, Reader
from .words import WORD_STARTS, WRITTEN_FIRSTS, WRITTEN_RESTS, find_words

__all__ = ["extract", "parse", "find_datelines"]

ARTICLE_KEEP_FIRST = first_characters(ARTICLE_KEEP)  # tried only after one of these

#: The reader of each outermost named group of PATTERN.
_READERS = {"date": read_date, "time": read_time, "pct": read_percent,
            "frac": read_fraction, "amount": read_amount}


#: Whether a text as written may hold a quantity: every quantity holds a run of numerals
#: (RUN, in the folded text, so any character that folds to a numeral counts) or is
#: 除夕 or an era's 元年, or is a word such as 花甲 or 数个 (``words``).  Most lines of copy
#: hold none (a third of People's Daily's), and such a line is then not folded, indexed or
#: scanned at all.  Written as one class of every first character and then lookbehinds, so
#: that the engine skips ahead to one at C speed (a class, 除夕, 元年 and the words as
#: alternatives were tried at every character: 0.5 against 0.3 µs a line).
_NUMERALS_AS_WRITTEN = "".join(sorted(map(re.escape, folds_into(RUN_CHARS))))
_MAY_HOLD = re.compile(f"[{_NUMERALS_AS_WRITTEN}除元{WRITTEN_FIRSTS}]"
                       f"(?:(?<=[{_NUMERALS_AS_WRITTEN}])|(?<=除)夕|(?<=元)年|{WRITTEN_RESTS})"
                       ).search


#: Whether a text may hold a word of ADVERB_WORD, festivals.STARTS or words.WORD_STARTS: a
#: text holding none (most lines) is not scanned for each of them (one scan, not three).
_RARE_WORD_LIST = "|".join((ADVERB_WORD.pattern, FESTIVAL_STARTS.pattern, WORD_STARTS.pattern)
                           ).split("|")
_RARE_WORDS = re.compile("|".join(_RARE_WORD_LIST)).search

#: 至少 and its kin by their second characters, which memchr finds (pattern.word_starts):
#: the regex search stopped at every 最 and 起 (20 M instructions a copy of People's Daily).
#: Every word is two characters and no second character is a first one, so no two overlap
#: and the places are where ADVERB_WORD.finditer's matches start.
_ADVERB_ANCHORS = anchors(ADVERB_WORD.pattern.split("|"), "码少多")


def _rare_word_or_non_figure(words: list[str]) -> LazyPattern:
    """A pattern that matches wherever one of ``words`` (plain, of two characters or more)
    starts or identifiers' hint of a non-figure does (a code hint, ://, @, 股…).

    One class of first characters leads, so that the engine skips ahead at C speed; a
    word is matched by its first two characters (a lookbehind naming the pairs after a
    class of second characters), which is enough to say "may hold one"."""
    if any(re.escape(word) != word or len(word) < 2 for word in words):
        raise ValueError(f"not plain words of two characters or more: {words}")
    firsts = "".join(sorted({word[0] for word in words}))
    seconds = "".join(sorted({word[1] for word in words}))
    pairs = "|".join(sorted({word[:2] for word in words}))
    return LazyPattern(f"[{NON_FIGURE_FIRSTS}{firsts}]"
                       f"(?:[{seconds}](?<={pairs})|{NON_FIGURE_AFTER})")


#: Whether a one-line text may hold a word of _RARE_WORDS or a non-figure (an address, a
#: code): most lines hold neither, and one scan then answers for both (two and five
#: substring tests: 10.2k instructions a line of People's Daily, one: 7.9k).  Not for a
#: text of several lines, which nearly always holds one: compiled only when a line is
#: read alone (0.7 ms of a start otherwise).
_RARE_WORD_OR_NON_FIGURE = _rare_word_or_non_figure(_RARE_WORD_LIST)


def read(reader: Reader, m: re.Match) -> tuple[Quantity | None, re.Match]:
    """The quantity ``m`` denotes, if any, and the match it was read from."""
    # The outermost named group (date, time, pct, frac or amount) closes
    # last, so it is the match's lastgroup.
    name = m.lastgroup
    try:
        quantity = _READERS[name](reader, m)
    except (ValueError, ArithmeticError, KeyError):
        quantity = None
    if quantity is SKIP:
        return None, m
    if quantity is None and name != "amount" and name != "pct":
        # Not a date after all (三点要求): read the same place as an amount.
        retry = AMOUNT_ONLY.match(reader.text, m.start())
        if retry and retry.group("amount"):
            try:
                quantity = read_amount(reader, retry)
            except (ValueError, ArithmeticError, KeyError):
                quantity = None
            m = retry
    return quantity, m


def extract(text: str | NormalizedText, *, path: str | None = None,
            year: int | None = None) -> list[Quantity]:
    """Every quantity in ``text``, in order of position.

    ``text`` is the text as written, or a :class:`NormalizedText` made of it once
    (``factlint.corpus`` shares one with sentence splitting).  ``path`` is recorded in
    each span (for a str; a NormalizedText knows its path); ``year`` is the dateline
    year from the sources file, used when the text's own dateline has none.
    """
    if isinstance(text, NormalizedText):
        normalized = text
        if not _MAY_HOLD(text.original):
            return []
    elif not _MAY_HOLD(text):
        return []
    else:
        normalized = NormalizedText.of(text, path or "<text>")
    # Every figure allocates a handful of objects and none of them forms a
    # reference cycle, so the cyclic collector's passes over the growing result
    # are wasted work (18% of the time on a newspaper year).  Pause it for the
    # call; reference counting still frees everything as usual.
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        return _extract(normalized, year)
    finally:
        if collecting:
            gc.enable()


def _extract(source: NormalizedText, year: int | None) -> list[Quantity]:
    normalized = source.joined
    reader = Reader(source, year, dateline_index(normalized))
    found: list[Quantity] = []
    # Two stages for speed: a one-class pattern finds runs of numerals (C speed),
    # then the full pattern is matched only there, starting at a qualifier or
    # time-of-day word written just before the run, if any.
    find_run, match = RUN.search, match_quantity
    # Words of three rare kinds (至少 and its kin, the starts of lunar dates and era years,
    # word quantities such as 一半) are looked for by one scan first: most lines hold none.
    rare_or_non_figure = ("\n" in normalized
                          or _RARE_WORD_OR_NON_FIGURE.search(normalized) is not None)
    rare = rare_or_non_figure and _RARE_WORDS(normalized) is not None
    adverb_ends = [at + 2 for at in word_starts(normalized, _ADVERB_ANCHORS)] if rare else []
    adverb_at, adverb_count = 0, len(adverb_ends)  # runs come in order: the index only moves on

    # Web and e-mail addresses and codes (phone numbers, 沪深300) carry digits that are
    # not figures: an address is skipped, a code is one identifier.  Lunar dates and era
    # years are read by their own pattern (大年初一 has no run of numerals that says it is
    # a date), and the runs inside them are skipped as an address's are.
    offsets = source.offsets
    original = offsets.original
    # Whether a blank stood before a place as written: never, where no gap was joined.
    skips = (non_figures(normalized, None if offsets.is_identity else
                         lambda pos: pos > 0 and original(pos) - original(pos - 1) > 1)
             if rare_or_non_figure else [])
    festivals = find_festivals(reader) if rare else []
    words = find_words(reader) if rare else []
    if words:  # 年逾花甲, 一半, 数个: quantities without a run of numerals to start from
        festivals = sorted(festivals + words, key=_FIRST)
    reader.end = 0
    if festivals:
        merged = sorted(skips + [(start, end, False) for start, end, _ in festivals])
        skips = []
        for span in merged:
            if not skips or span[0] >= skips[-1][1]:
                skips.append(span)
        kept = {span[0] for span in skips}
        festivals = [f for f in festivals if f[0] in kept]
    skip_at, skip_count = 0, len(skips)  # runs come in order: the index only moves on
    next_skip = skips[0][0] if skips else len(normalized)
    pos = 0
    last_run_end = 0
    while True:
        if pos < last_run_end:
            # Still inside the last run (a skipped word such as 一半 ended within it): the
            # rest of it is a run too.  Searching again would scan to its end each time,
            # quadratic in a long run of numerals (一半 repeated).
            start, run_end = pos, last_run_end
        else:
            run = find_run(normalized, pos)
            if run is None:
                break
            start, run_end = run.span()
            last_run_end = run_end
        if start >= next_skip:
            while skip_at < skip_count and skips[skip_at][1] <= start:
                skip_at += 1
            if skip_at < skip_count and skips[skip_at][0] <= start:
                code_start, pos, is_code = skips[skip_at]
                if is_code:
                    found.append(reader.quantity(code_start, pos, lo=None, hi=None,
                                                 qualifier="exact", unit=None,
                                                 kind="identifier"))
                continue
            next_skip = skips[skip_at][0] if skip_at < skip_count else len(normalized)
        # A word written just before the run that belongs to the quantity: looked
        # for only where one can end (most runs follow none).
        while adverb_at < adverb_count and adverb_ends[adverb_at] < start - 4:
            adverb_at += 1
        adverb_near = adverb_at < adverb_count and adverb_ends[adverb_at] <= start
        # 约-5℃, 不足-5%: the word stands before the minus sign.
        at = start - 1 if start > 1 and normalized[start - 1] in "-−" else start
        lead = (_lead_start(normalized, pos, at, adverb_near)
                if at and (adverb_near or normalized[at - 1] in LEAD_IN_LAST and (
                    normalized[at - 1] in LEAD_IN_ENDS
                    or normalized[at - 2 if at > 1 else 0:at] in LEAD_IN_ENDS))
                else None)
        if run_end - start == 1 and lead is None and normalized[start] in SINGLE_NUMERALS:
            # A lone Chinese numeral is a quantity only before a unit or one of a few
            # marks (两国, 三亚 are not); 一 also stands for "a" (一张购物小票).
            nxt = normalized[run_end:run_end + 1]
            if normalized[start] in ARTICLES:
                skip = nxt not in AFTER_ARTICLE and (nxt not in ARTICLE_KEEP_FIRST
                                                     or not ARTICLE_KEEP.match(normalized, run_end))
            else:
                skip = nxt not in AFTER_SINGLE_NUMERAL
            if skip:
                pos = run_end
                continue
        m = match(normalized, start if lead is None else lead)
        if m is not None and m.end() <= start:
            m = None
        quantity = None
        if m is not None:
            quantity, m = read(reader, m)
        if quantity is None and lead is not None:
            # 至少要到2020年: the word before does not belong to what follows.
            m = match(normalized, start)
            if m is not None:
                quantity, m = read(reader, m)
        if m is None:
            pos = run_end
            continue
        if quantity is not None:
            found.append(quantity)
            pos = max(m.end(), start + 1, reader.end)
        else:
            pos = max(m.end(), start + 1)
        if reader.resume_at:  # the reader read less than its match (2月19日 of 2月19日至17日)
            pos, reader.resume_at = max(reader.resume_at, start + 1), 0
    if festivals:
        placed = [q for _, _, q in festivals if q is not None]
        if len(placed) <= _FEW_PLACED:
            # A few among many figures: insert each (a merge of the whole list calls the
            # key once per figure, 6% of People's Daily when one 一半 is in it).
            for q in placed:
                bisect.insort(found, q, key=_START)
        else:
            found = list(heapq.merge(found, placed, key=_START))
    # A unit is shared from the figure after a 、 to the one before it: two figures at least.
    return (share_list_units(found, source.folded) if len(found) > 1 and "、" in normalized
            else found)


#: Up to this many placed quantities are inserted one by one rather than merged: an
#: insertion moves the list's pointers (about 1 ns a figure), a merge calls the key once
#: per figure (about 0.5 µs), so insertion wins up to a few hundred.
_FEW_PLACED = 256


def _FIRST(found: tuple[int, int, Quantity | None]) -> tuple[int, int]:
    return found[0], found[1]


def _START(q: Quantity) -> int:
    return q.span.start


def _lead_start(normalized: str, pos: int, start: int, adverb_near: bool) -> int | None:
    """Where a word that belongs to the quantity at ``start`` begins, if one is written
    just before it: a qualifier (近, 超过), a time of day (下午), or 至少 and a short
    verb phrase (至少要造成50万人).  ``adverb_near``: 至少 or its kin ends just before."""
    window = max(pos, start - 6)
    if adverb_near:
        lead = ADVERB_LEAD.search(normalized, window, start)
        if lead:
            return lead.start()
    if normalized[start - 1] in LEAD_IN_LAST:
        lead = LEAD_IN.search(normalized, window, start)
        if lead:
            return lead.start()
    return None


def parse(text: str) -> Quantity:
    """Read one quantity written the way copy writes it: ``parse("7436万多名")``.

    Raises ``ValueError`` when ``text`` is not exactly one quantity.
    """
    stripped = text.strip()
    found = [q for q in extract(stripped, path="<parse>")
             if q.kind not in ("identifier",)]
    if not found:
        raise ValueError(f"not a quantity: {text!r}")
    q = found[0]
    if len(found) != 1 or q.span.start != 0 or q.span.end != len(stripped):
        raise ValueError(f"not a single quantity: {text!r} (read {[x.text for x in found]})")
    return q
