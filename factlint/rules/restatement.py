"""restatement: one document states the same claim twice, with figures that cannot
both be true.

Why it matters: a headline that says 一季度GDP增长15.6% over a body that says 16.5%,
or a lead that says 12.3万人 and a later paragraph that says 这13.2万人, is a typo a
reader sees at once, and it discredits both figures.  Restated figures are retyped,
not copied, which is how they drift apart (digits swapped, 万 for 千).

What counts as "the same claim" (:mod:`factlint.claims.identity`): the two figures
count or measure the same thing (the noun: 党员, 参保人数) in the same measure (人,
元, %, 个百分点), for the same statistic (total, increase, share …) and with no
conflicting scope (澳门 / 香港, 第一名 / 第三名) or time (1996年 / 1997年, 原来 /
调整后).  That alone is not enough: the text must also say they are one claim.  The
evidence, strongest first:

- **headline**: one figure is in the title or a sub-headline, the other in the body;
- **lead**: one is in the first body paragraph, the other later, and both name the
  same thing in the same words;
- **sentence**: the two sentences are the same text but for the figure (at least
  :data:`SHORTEST_KEY` characters of words besides it);
- **anaphor**: the later figure is introduced by 上述, 这, 该, 此, 共计 … and the
  nearest earlier figure of the claim is what it points back to;
- **wording**: both name the same thing in the same words and their clauses share at
  least :data:`SHARED_WORDS` further words.

Never compared: two figures of one sentence (由21名减为16名, a change or a
comparison), members of a list or table (three or more figures of one measure in a
sentence, or two joined by 、 分别 依次), series items whose wording differs only in a
numeral (一等奖 / 三等奖, 2008赛季 / 2009赛季), and figures without identity (no unit
or nothing that says what they count).  A figure that agrees with any of the figures
it restates is taken as confirmed: only a figure that disagrees with every one is
reported, once, against its strongest match.  Disagreeing means the intervals, each
widened by the rounding of its last written digit, do not overlap
(:func:`factlint.claims.agree.agreement`).

Levels: error for headline, lead and sentence evidence; warning for anaphor and
wording (and for a restatement in another measure word, 7436万多名 / 7436万多位).

The check is near-linear: figures are bucketed by measure and the head of what they
count, and within a bucket only headline × body, lead × body, equal sentence keys,
and an anaphor's nearest antecedent are compared.

A built-in rule: it needs no YAML.  Its former id ``repeated-figure`` is an alias
(``disable: [repeated-figure]`` and ``levels: {repeated-figure: warning}`` still
work).  Fires::

    标题：一季度GDP增长15.6%
    正文：一季度，全市GDP同比增长16.5%。
    → 标题说15.6%，正文第1段说16.5%（同一指标：一季度·GDP·增长）

Does not fire (different scopes; a list)::

    澳门新增6宗。香港新增41宗。
    一等奖奖金400元、二等奖200元、三等奖100元。
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar, overload

import regex

from ..claims.agree import Verdict, agreement, report_level
from ..claims.collector import collector_paused
from ..claims.identity import (
    Frame,
    FrameReader,
    Sketch,
    _compatible_what,
    measure_of,
    named_in,
    never_keyed,
    why_different,
)
from ..claims.select import SentencePlaces
from ..model import Corpus, Document, Finding, Location
from . import CheckContext, Rule

NAME = "restatement"
ALIASES: tuple[str, ...] = ("repeated-figure",)
DEFAULT_LEVEL = "error"
SCOPE = "document"  # what it compares: restatements within one document
DESCRIPTION = ("The same claim (what is counted, its measure, scope and time) stated twice "
               "in one document with figures that cannot both be true: a headline against "
               "the body, a lead against a later paragraph, a sentence repeated with "
               "another figure.")

#: Previous figures of its measure an anaphor (这13.2万人) may point back to, and how
#: many paragraphs and sentences back: an anaphor refers to what was just said.
WINDOW = 8
ANAPHOR_PARAGRAPHS = 1
ANAPHOR_SENTENCES = 3
#: Words (pairs of characters) two clauses share besides the thing counted, for lead
#: evidence.
SHARED_WORDS = 2
#: Share of the shorter clause's words the other must hold for a lead restated later
#: in the body.
LEAD_SIMILARITY = 0.5
#: Body figures a headline is compared with: the nearest of its measure, and the
#: nearest of its measure and head noun.
NEAREST_ANY = 12
NEAREST_SAME = 40
#: A headline and a body figure naming the same thing in this many characters or
#: more need no other shared word.
HEADLINE_WHAT = 4
#: A sentence with fewer word characters besides its figure says too little to be
#: evidence that it was repeated.
SHORTEST_KEY = 8

#: Evidence, strongest first, and whether it is strong enough for an error.
EVIDENCE: dict[str, bool] = {"headline": True, "lead": True, "sentence": True, "anaphor": False}
_EVIDENCE_WORDS = {
    "headline": "标题与正文", "lead": "导语与正文", "sentence": "同一句式", "anaphor": "指代前文"}

_HAN = regex.compile(r"\p{Han}+")
_WORD = regex.compile(r"[\p{Han}A-Za-z]")
_NUMERALS = re.compile(r"[0-9零〇一二三四五六七八九十百千万亿两]")


@dataclass(frozen=True)
class Match:
    """Two figures of one document taken as one claim, and on what evidence."""

    index: int  # the figure
    other: int  # the figure it restates
    evidence: str  # a key of EVIDENCE
    verdict: Verdict
    similarity: float  # share of the shorter clause's words the other holds

    @property
    def strong(self) -> bool:
        return EVIDENCE[self.evidence]


def _bigrams(text: str) -> set[str]:
    grams: set[str] = set()
    for run in _HAN.findall(text):
        grams.update(run[i:i + 2] for i in range(len(run) - 1))
    return grams


class _Frames(Sequence[Frame]):
    """The frames of one document, each read the first time it is asked for: the
    check compares a fifth of the figures of news copy, and a whole frame (scope,
    time, statistic) is most of the cost of reading one."""

    def __init__(self, reader: FrameReader) -> None:
        self._reader = reader
        self._count = len(reader.document.quantities)
        self._known: dict[int, Frame] = {}

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Frame: ...

    @overload
    def __getitem__(self, index: slice) -> list[Frame]: ...

    def __getitem__(self, index: int | slice) -> Frame | list[Frame]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        frame = self._known.get(index)
        if frame is None:
            frame = self._known[index] = self._reader.frame(index)
        return frame

    def __setitem__(self, index: int, frame: Frame) -> None:
        self._known[index] = frame

    def known(self, index: int) -> Frame | None:
        """The frame of figure ``index`` if it was read or set, else None."""
        return self._known.get(index)


class Relations:
    """The frames of one document and which of its figures restate which."""

    def __init__(self, document: Document, variants: str = "warning") -> None:
        self.document = document
        self.variants = variants
        reader = self._reader = FrameReader(document)
        self._frames = _Frames(reader)
        #: Every figure's frame (read when first used).
        self.frames: Sequence[Frame] = self._frames
        self.places = SentencePlaces(document)
        self._words: dict[int, int] = {}
        self._keys: dict[int, str | None] = {}
        self._clause_words: dict[int, set[str]] = {}
        self._cuts: dict[int, str | None] = {}
        self._whats: dict[int, str | None] = {}
        #: The figures that may be compared, sketched (in text order).
        self.sketches: dict[int, Sketch] = {
            i: reader.sketch(i) for i in self._comparable(reader)}
        self.antecedent: dict[int, int] = {}
        self._resolve_anaphors()
        self.matches: dict[int, list[Match]] = {}
        self._relate_all()

    def _comparable(self, reader: FrameReader) -> list[int]:
        """The figures a pair of :meth:`candidates` may hold, in text order.

        Every pair is of one measure and holds two figures with a key, as does an
        anaphor and the figure it points back to, so the figures of a measure of which at
        most one can have a key (the others durations, 五年, 3天, or vague figures) are
        never compared.  Of a measure none of whose figures stands in a headline or the lead
        or after an anaphor, only figures whose sentence is another's but for the figure
        can be (sentence evidence).
        """
        by_measure: dict[str, list[int]] = {}
        for index, measure in enumerate(reader.measures):
            if measure is not None:
                by_measure.setdefault(measure, []).append(index)
        chosen: list[int] = []
        quantities = self.document.quantities
        for members in by_measure.values():
            keyable = (i for i in members if not never_keyed(quantities[i]))
            if next(keyable, None) is None or next(keyable, None) is None:
                continue  # fewer than two
            if any(reader.may_head_a_claim(i) for i in members):
                chosen += members
                continue
            by_key: dict[str, list[int]] = {}
            for index, key in zip(members, self._shared_cuts(members), strict=True):
                if key is not None:
                    by_key.setdefault(key, []).append(index)
            # Twins say equally much besides their figure: both keys or neither.
            chosen += [i for same in by_key.values()
                       if len(same) > 1 and self.sentence_key(same[0]) is not None
                       for i in same]
        return sorted(chosen)

    def _resolve_anaphors(self) -> None:
        """这13.2万人 points back to the nearest earlier figure of its measure (in another
        sentence at most three back, in its paragraph or the one before, not in a list,
        of a compatible claim); when it names nothing itself, it takes that figure's
        claim."""
        recent: dict[str, list[Sketch]] = {}
        quantities = self.document.quantities
        for position, sketch in self.sketches.items():
            earlier = recent.setdefault(sketch.measure, [])
            # 这五年, 这两天 name a stretch of time, not a figure stated before.
            if sketch.anaphor and not sketch.parallel \
                    and quantities[position].kind != "duration" \
                    and not sketch.no_key.startswith("a vague"):
                target = next((e for e in reversed(earlier[-WINDOW:])
                               if e.keyed and not e.parallel
                               and e.period != sketch.period
                               and sketch.paragraph - e.paragraph <= ANAPHOR_PARAGRAPHS
                               and sketch.period - e.period <= ANAPHOR_SENTENCES
                               and (not sketch.keyed or (
                                   not self._unrelated(e.index, position)
                                   and not self.blocked(
                                       self.frames[e.index], self.frames[position])))), None)
                if target is not None:
                    if not sketch.keyed:
                        known = self.frames[target.index]
                        self.frames[position] = dataclasses.replace(
                            self.frames[position], key=known.key, no_key="",
                            scope_words=known.scope_words, time_words=known.time_words)
                        sketch = self.sketches[position] = sketch._replace(
                            head=target.head, no_key="")
                        self._whats[position] = known.key.what if known.key else None
                    self.antecedent[position] = target.index
            earlier.append(sketch)

    # ---------------------------------------------------------------- one pair
    def blocked(self, a: Frame, b: Frame) -> str:
        """Why ``a`` and ``b`` are never one claim, in words; '' when they may be."""
        if a.index == b.index:
            return "the same figure"
        if a.period == b.period:
            return "the same sentence (a change, a comparison or parallel clauses)"
        for frame in (a, b):
            if frame.key is not None and frame.parallel:
                q = self.document.quantities[frame.index]
                return f"{q.text} is one item of a list or table"
        different = why_different(a, b, loose_what=a.headline != b.headline)
        if different:
            return different
        if _series(a.left, b.left):
            return "items of a series: the wording differs only in a numeral"
        return ""

    def _unrelated(self, lo: int, hi: int) -> bool:
        """Whether :meth:`blocked` would say that sketched figures ``lo`` and ``hi`` are
        never one claim, read without their whole frames: two figures of one sentence,
        a figure without a key, or different things counted.  Seven candidate pairs in
        eight of a page of 1,000 articles are, and a whole frame (scope, time) costs
        more than its sketch."""
        a, b = self.sketches[lo], self.sketches[hi]
        if a.period == b.period:
            return True
        what_a, what_b = self._what_of(lo), self._what_of(hi)
        if what_a is None or what_b is None:
            return True
        if _compatible_what(what_a, what_b):
            return False
        if a.headline == b.headline:
            return True
        clause_of = self._reader.clause_text
        return not (named_in(what_a, clause_of(hi)) or named_in(what_b, clause_of(lo)))

    def _what_of(self, index: int) -> str | None:
        """:attr:`ClaimKey.what` of figure ``index``'s frame (None without a key), from
        the frame when it was read or taken from an antecedent, else from its sketch;
        read once."""
        what = self._whats.get(index, "")  # a key's what is never ''
        if what == "":
            frame = self._frames.known(index)
            if frame is None:
                what = self._reader.what(index)
            else:
                what = frame.key.what if frame.key is not None else None
            self._whats[index] = what
        return what

    def evidence(self, a: Frame, b: Frame) -> str:
        """The strongest evidence that ``a`` and ``b`` are one claim, or ''."""
        shared, similarity = self.wording(a, b)
        if a.headline != b.headline:
            # A headline is terse: unless both name the same thing of some length
            # (海关税收入库), it must share a word besides it with the body's clause
            # (捐款, 增长), or 15所学校过初选 would match any 19所学校.
            named = (a.key is not None and b.key is not None
                     and _compatible_what(a.key.what, b.key.what)
                     and min(len(a.key.what), len(b.key.what)) >= HEADLINE_WHAT)
            return "headline" if named or shared >= 1 else ""
        if a.headline:
            return ""  # two headlines: a page of several articles
        same_what = a.key is not None and b.key is not None and a.key.what == b.key.what
        if a.lead != b.lead and same_what and shared >= SHARED_WORDS \
                and similarity >= LEAD_SIMILARITY:
            return "lead"
        if self._same_sentence_frame(a.index, b.index):
            return "sentence"
        later = a if a.index > b.index else b
        earlier = b if later is a else a
        if self.antecedent.get(later.index) == earlier.index:
            return "anaphor"
        return ""

    def wording(self, a: Frame, b: Frame) -> tuple[int, float]:
        """:func:`_wording` of the two frames, each clause's words read once."""
        words = []
        for frame in (a, b):
            known = self._clause_words.get(frame.index)
            if known is None:
                known = self._clause_words[frame.index] = _clause_words(frame)
            words.append(known)
        return _wording(a, b, *words)

    def _same_sentence_frame(self, a: int, b: int) -> bool:
        """The two sentences are the same text but for this figure."""
        key = self.sentence_key(a)
        return key is not None and key == self.sentence_key(b)

    def sentence_key(self, index: int) -> str | None:
        """The sentence of figure ``index`` with that figure cut out, if it says enough
        (see :meth:`_sentence_key`); read once per figure."""
        if index not in self._keys:
            self._keys[index] = self._sentence_key(index)
        return self._keys[index]

    def _sentence_key(self, index: int) -> str | None:
        """The sentence of figure ``index`` with that figure cut out, if it says enough.

        Only this figure is cut: 四合共5注中獎，每注可得6萬7500元 and 三合共112注中獎，
        每注可得5750元 are prize tiers, not one sentence twice.  (The masked keys of
        :mod:`factlint.versions.diff` drop every numeral character, so that a figure
        rewritten as 二百一十二 keeps its key; here 四合 and 三合 must stay apart.)
        """
        key = self._cut(index)
        if key is None:
            return None
        place = self.places.get(index)
        assert place is not None
        sentence = self.document.quantities[index].sentence
        text = self.places.text(sentence)
        words = self._words.get(sentence)
        if words is None:
            words = self._words[sentence] = len(_WORD.findall(text))
        if words - len(_WORD.findall(text, place[0], place[1])) < SHORTEST_KEY:
            return None
        return key

    def _cut(self, index: int) -> str | None:
        """The sentence of figure ``index`` with that figure cut out (how much it says
        aside): equal for two figures whenever their :meth:`sentence_key` is.  Read once
        per figure (bucketing and the sentence key both ask)."""
        if index in self._cuts:
            return self._cuts[index]
        place = self.places.get(index)
        cut = None
        if place is not None:
            text = self.places.text(self.document.quantities[index].sentence)
            cut = text[:place[0]] + "|" + text[place[1]:]
        self._cuts[index] = cut
        return cut

    def _shared_cuts(self, members: list[int]) -> list[str | None]:
        """:meth:`_cut` of each of ``members`` that another member's cut equals, else None.

        Equal cuts have equal lengths, which need no search of the sentence for its
        figures: on a page of 1,000 articles one member of a bucket in seven shares its
        length with another."""
        unshared: list[str | None] = [None] * len(members)
        if len(members) < 2:
            return unshared
        lengths = [self.places.length_without(index) for index in members]
        twins = _repeated(length for length in lengths if length is not None)
        if not twins:
            return unshared
        cuts = [self._cut(index) if length in twins else None
                for index, length in zip(members, lengths, strict=True)]
        shared = _repeated(cut for cut in cuts if cut is not None)
        return [cut if cut in shared else None for cut in cuts]

    def relate(self, a: Frame, b: Frame) -> tuple[str, str]:
        """(evidence, '') when ``a`` and ``b`` are one claim, else ('', why not)."""
        blocked = self.blocked(a, b)
        if blocked:
            return "", blocked
        evidence = self.evidence(a, b)
        if not evidence:
            return "", ("nothing says they are one claim (no headline or lead, sentence "
                        "frame, anaphor or shared wording)")
        return evidence, ""

    # ---------------------------------------------------------------- all pairs
    def candidates(self) -> Iterator[tuple[int, int]]:
        """Pairs worth relating (earlier, later), near-linear in the number of figures.

        A headline is compared with the :data:`NEAREST_ANY` nearest body figures of its
        measure (it may name the thing in other words) and the :data:`NEAREST_SAME`
        nearest of its measure and head noun (a page of several articles puts a headline
        far from its body); a lead and equal sentence keys within a bucket of measure
        and head noun.
        """
        by_measure: dict[str | None, list[Sketch]] = {}
        buckets: dict[tuple[str | None, str], list[Sketch]] = {}
        for sketch in self.sketches.values():
            if sketch.keyed and not sketch.parallel:
                by_measure.setdefault(sketch.measure, []).append(sketch)
                buckets.setdefault((sketch.measure, sketch.head), []).append(sketch)
        pairs: list[tuple[int, int]] = []
        for members in by_measure.values():
            pairs += _headline_pairs(members, NEAREST_ANY)
        for members in buckets.values():
            pairs += _headline_pairs(members, NEAREST_SAME)
        pairs += [pair for members in buckets.values() for pair in self._bucket_pairs(members)]
        pairs += [(target, later) for later, target in self.antecedent.items()]
        seen: set[tuple[int, int]] = set()
        for x, y in pairs:
            lo, hi = min(x, y), max(x, y)
            if lo != hi and (lo, hi) not in seen:
                seen.add((lo, hi))
                yield lo, hi

    def _bucket_pairs(self, members: list[Sketch]) -> Iterator[tuple[int, int]]:
        """Lead × later body, and equal sentence keys."""
        if len(members) < 2:
            return  # most buckets (a head noun of one measure said once)
        for lead in members:
            if lead.lead:
                yield from ((lead.index, other.index) for other in members
                            if other.index > lead.index and not other.lead
                            and not other.headline)
        # A sentence key is the figure's cut or None, so only a cut that two members share
        # can pair them: the others are never counted for words (most of the cost).
        cuts = self._shared_cuts([sketch.index for sketch in members])
        by_key: dict[str, int] = {}
        for sketch, cut in zip(members, cuts, strict=True):
            if cut is None:
                continue
            key = self.sentence_key(sketch.index)
            if key is not None:
                if key in by_key:
                    yield by_key[key], sketch.index
                by_key[key] = sketch.index

    def _relate_all(self) -> None:
        quantities = self.document.quantities
        for lo, hi in self.candidates():
            if self._unrelated(lo, hi):
                continue
            a, b = self.frames[lo], self.frames[hi]
            evidence, _ = self.relate(a, b)
            if not evidence:
                continue
            verdict = agreement(quantities[lo], quantities[hi], self.variants)
            similarity = self.wording(a, b)[1]
            self.matches.setdefault(hi, []).append(Match(hi, lo, evidence, verdict, similarity))
            self.matches.setdefault(lo, []).append(Match(lo, hi, evidence, verdict, similarity))

    def confirmed_by(self, index: int) -> Match | None:
        """The strongest match of ``index`` that agrees with it, if any."""
        agreeing = [m for m in self.matches.get(index, []) if m.verdict.agrees]
        return min(agreeing, key=self._order, default=None)

    def _order(self, match: Match) -> tuple:
        return (list(EVIDENCE).index(match.evidence), -match.similarity,
                abs(match.other - match.index), match.other)

    def best(self, index: int) -> Match | None:
        """The match ``index`` is reported against, or None.

        A figure that agrees with any figure it restates is confirmed.  One that
        agrees with none is reported against its strongest match, unless that is a
        headline or lead confirmed by another figure on evidence as strong: the
        headline restates that one (目标价55.2港元 restates the 55.2港元 of
        由56.28港元下调至55.2港元; 总投资超2万亿元 restates the body's 总投资超2万亿元,
        not a part's 总投资13461亿元).  The price: when the body restates a headline
        twice and one of the two is changed, the changed one is not reported.
        """
        found = self.matches.get(index, [])
        if not found or self.confirmed_by(index) is not None:
            return None
        match = min(found, key=self._order)
        other = self.confirmed_by(match.other)
        if other is not None and match.evidence in ("headline", "lead") \
                and self._order(other)[0] <= self._order(match)[0]:
            return None
        return match

    def variant(self, index: int) -> Match | None:
        """A strong match that agrees only in another measure word (7436万多名 / 多位)."""
        for m in sorted(self.matches.get(index, []), key=lambda m: m.other):
            if m.other < index and m.strong and m.verdict.agrees and m.verdict.level:
                return m
        return None


@dataclass(frozen=True)
class Explanation:
    """Why one figure was (not) taken as a restatement of others: for ``factlint explain``."""

    frame: Frame
    #: The figures it was matched with (its own Match records, strongest first).
    matches: tuple[Match, ...]
    #: The nearest figures it was not matched with, and why not.
    unmatched: tuple[tuple[int, str], ...]
    #: The match it is reported against, if a finding is raised for it.
    reported: Match | None


def explain(relations: Relations, index: int, nearest: int = 5) -> Explanation:
    """What :func:`check` decided for figure ``index`` of ``relations.document``, and why.

    ``unmatched`` holds the ``nearest`` figures of the same measure (else of any
    amount) closest in the text that were not matched, each with the reason.
    """
    frame = relations.frames[index]
    matches = tuple(sorted(relations.matches.get(index, []), key=relations._order))
    matched = {m.other for m in matches}
    quantities = relations.document.quantities
    measure = measure_of(quantities[index])
    others = [i for i, q in enumerate(quantities)
              if i != index and i not in matched and q.is_amount]
    same = [i for i in others if measure is not None and measure_of(quantities[i]) == measure]
    pool = same or others
    pool.sort(key=lambda i: (abs(quantities[i].span.start - quantities[index].span.start), i))
    unmatched = []
    for other in pool[:nearest]:
        a, b = relations.frames[min(index, other)], relations.frames[max(index, other)]
        _, why = relations.relate(a, b)
        if not why:
            why = ("not among the pairs compared (another figure of the claim is nearer "
                   "or stronger evidence)")
        unmatched.append((other, why))
    reported = relations.best(index) or relations.variant(index)
    return Explanation(frame, matches, tuple(unmatched), reported)


T = TypeVar("T")


def _repeated(items: Iterable[T]) -> set[T]:
    """The items that occur more than once."""
    seen: set[T] = set()
    repeated: set[T] = set()
    for item in items:
        if item in seen:
            repeated.add(item)
        else:
            seen.add(item)
    return repeated


def _headline_pairs(members: list[Sketch], nearest: int) -> list[tuple[int, int]]:
    """Each headline of ``members`` (in text order) with the ``nearest`` body figures
    either side of it: a bounded number per headline, so a file of many articles stays
    linear."""
    places = [f.index for f in members if not f.headline]
    pairs = []
    for h in members:
        if h.headline:
            at = bisect.bisect_left(places, h.index)
            window = places[max(0, at - nearest):at + nearest]
            pairs += [(h.index, other) for other in sorted(
                window, key=lambda i: (abs(i - h.index), i))[:nearest]]
    return pairs


def _wording(a: Frame, b: Frame, words_a: set[str] | None = None,
             words_b: set[str] | None = None) -> tuple[int, float]:
    """Words (character pairs) the two clauses share besides the thing counted, and
    that count over the words of the shorter clause (``words_a``, ``words_b``: the
    clauses' words when the caller has read them)."""
    what = _bigrams(a.key.what if a.key else "") | _bigrams(b.key.what if b.key else "")
    words_a = (_clause_words(a) if words_a is None else words_a) - what
    words_b = (_clause_words(b) if words_b is None else words_b) - what
    shared = len(words_a & words_b)
    smaller = min(len(words_a), len(words_b))
    return shared, shared / smaller if smaller else 0.0


def _clause_words(frame: Frame) -> set[str]:
    return _bigrams(frame.left + "|" + frame.right)


def _series(left_a: str, left_b: str) -> bool:
    """一等奖奖金 / 三等奖奖金: the same words once numerals are dropped, not as written."""
    tail_a, tail_b = left_a[-8:], left_b[-8:]
    if tail_a == tail_b:
        return False
    masked_a, masked_b = _NUMERALS.sub("", tail_a), _NUMERALS.sub("", tail_b)
    return masked_a == masked_b and masked_a != tail_a


def _place(frame: Frame) -> str:
    if frame.title:
        return "标题"
    if frame.headline:
        return "小标题"
    if frame.body_paragraph >= 1:
        return f"正文第{frame.body_paragraph}段"
    return f"第{frame.paragraph + 1}段"


def message(relations: Relations, match: Match) -> str:
    """``标题说15.6%，正文第3段说16.5%（同一指标：一季度·GDP·增长）`` for one match."""
    quantities = relations.document.quantities
    first, second = sorted((match.index, match.other),
                           key=lambda i: (not relations.frames[i].headline, i))
    fa, fb = relations.frames[first], relations.frames[second]
    qa, qb = quantities[first], quantities[second]
    place_a, place_b = _place(fa), _place(fb)
    if place_a == place_b:
        place_a, place_b = f"{place_a}先", "后又"
    key = fa.key if fa.key is not None and len(fa.key.label()) >= len(
        fb.key.label() if fb.key else "") else fb.key
    label = key.label() if key is not None else ""
    text_a = " ".join(qa.text.split())
    text_b = " ".join(qb.text.split())
    if match.verdict.agrees:
        return (f"{place_a}说{text_a}，{place_b}说{text_b}：同一数字换了量词"
                f"（{qa.unit}/{qb.unit}；同一指标：{label}）")
    return (f"{place_a}说{text_a}，{place_b}说{text_b}（同一指标：{label}；"
            f"依据：{_EVIDENCE_WORDS[match.evidence]}）")


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    for document in corpus.documents:
        yield from _check_document(rule, document, ctx)


def _check_document(rule: Rule, document: Document, ctx: CheckContext) -> Iterator[Finding]:
    with collector_paused():
        relations = Relations(document, ctx.variants)
    quantities = document.quantities
    reported: set[tuple[int, int]] = set()
    for index in sorted(relations.matches):
        match = relations.best(index) or relations.variant(index)
        if match is None:
            continue
        pair = (min(index, match.other), max(index, match.other))
        if pair in reported:
            continue
        reported.add(pair)
        level = report_level(rule.level if match.strong else "warning", match.verdict)
        if level is None:
            continue
        later, earlier = quantities[pair[1]], quantities[pair[0]]
        yield Finding(rule=rule.id, level=level, message=message(relations, match),
                      location=Location.of(later.span, later.text),
                      related=(Location.of(earlier.span, earlier.text),))
