"""Compare the figures of two versions of one text.

Versions of a story differ in much more than their figures: lines are reflowed, OCR
puts spaces and line breaks inside words and numbers, punctuation and character width
change, sentences and paragraphs are inserted, deleted and moved, and the words around
an unchanged figure are reworded.  So figures are never compared by position or by
surface text.  The engine works in three passes, each near-linear in the text:

1. **Sentences.**  Each sentence gets a *key*: its normalised text with every figure
   and every numeral character masked out and punctuation dropped, so a sentence whose
   figure changed (or was rewritten as 二百一十二 or １８０００) keeps its key.  Keys
   found exactly once in each version are anchors; the longest run of anchors in the
   same order (patience diff, the
   chain of most key characters) aligns the versions, recursively inside each gap.  Unique
   keys that fall out of order are moved sentences and are paired as well.
2. **Figures in aligned sentences** are paired in order by a small alignment over the
   few figures of the two sentences, scored by the masked text around each figure.
3. **Figures left over** (in sentences that were split, merged, reworded, or are only
   in one version) are paired inside the region between two anchors by the similarity
   of their surrounding text, found through an index of character pairs rather than by
   comparing every pair, and a last pass pairs what is still left across the whole
   text only when the surrounding text is exactly the same.

Paired figures are then compared by meaning (:class:`~factlint.model.Quantity`
``value``/``lo``/``hi``, ``qualifier``, ``unit``, ``kind``, ``iso``), never by text, so
``212名``/``二百一十二名`` and ``5万``/``50000`` are the same figure.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..corpus import folded_text
from ..model import Document, Finding, Location, Quantity, RuleInfo, Sentence, Span
from ..text.normalize import normalize

CHANGED_VALUE = "changed-value"
CHANGED_QUALIFIER = "changed-qualifier"
CHANGED_UNIT = "changed-unit"
CHANGED_KIND = "changed-kind"
ONLY_IN_ONE = "only-in-one"

#: The findings ``factlint diff`` reports, with their default levels.
RULES: dict[str, RuleInfo] = {
    CHANGED_VALUE: RuleInfo(
        CHANGED_VALUE, "error",
        "A figure has a different value in the other version (a digit typo, an inserted or "
        "dropped digit, 万 for 亿, a magnitude slip): at least one version is wrong."),
    CHANGED_QUALIFIER: RuleInfo(
        CHANGED_QUALIFIER, "warning",
        "The same figure is qualified differently (400余 against 400, 近8000 against 8000): "
        "one version claims more precision than the other."),
    CHANGED_UNIT: RuleInfo(
        CHANGED_UNIT, "warning",
        "The same figure counts a different unit in the other version (名 against 人, 元 "
        "against 美元)."),
    CHANGED_KIND: RuleInfo(
        CHANGED_KIND, "warning",
        "The same figure means a different kind of thing in the other version (a count "
        "against an amount of money, a date against a duration)."),
    ONLY_IN_ONE: RuleInfo(
        ONLY_IN_ONE, "info",
        "A figure appears in only one version: added, cut, or unreadable in the other."),
}

# Characters that write numbers: masked out of keys so a figure rewritten in another
# script (212 / 二百一十二 / 贰佰壹拾贰) leaves the key alone.
_NUMERAL_CHARS = "0123456789零〇○一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟萬億兩"
_DROP_NUMERALS = str.maketrans("", "", _NUMERAL_CHARS)
_NOT_WORD = re.compile(r"[\W_]+")
_GAPS = re.compile(r"[ \t\r\n\u3000]+")

#: Characters of masked text either side of a figure that describe where it stands.
CONTEXT = 10
#: Pool sizes up to which every pair is scored; larger pools use the bigram index.
_ALL_PAIRS_LIMIT = 4096
#: A bigram shared by more figures than this says nothing about which pair is right.
_COMMON_BIGRAM = 40
#: Candidates kept per figure from the bigram index.
_CANDIDATES = 8


def mask(text: str) -> str:
    """``text`` without punctuation, spaces, digits or numeral characters."""
    return _mask_folded(normalize(text))


def _mask_folded(folded: str) -> str:
    """:func:`mask` of text already folded (a slice of the document's folded text)."""
    return _NOT_WORD.sub("", folded).translate(_DROP_NUMERALS)


@dataclass(frozen=True)
class Change:
    """One difference between the versions: ``old``/``new`` is None on the side that lacks it."""

    rule: str
    old: Quantity | None
    new: Quantity | None
    detail: str
    #: For a figure in only one version: where it would stand in the other one.
    near: Sentence | None = None


@dataclass
class _Side:
    """One version prepared for alignment."""

    doc: Document
    keys: list[str]
    by_sentence: list[list[int]]  # quantity indices of each sentence
    before: list[str]  # masked context before each quantity
    after: list[str]
    before_grams: list[frozenset[str]]  # their character pairs, computed once
    after_grams: list[frozenset[str]]


def _prepare(doc: Document, grams: dict[str, frozenset[str]] | None = None) -> _Side:
    """``doc`` ready for alignment; ``grams`` keeps each context's character pairs once
    (shared by the two versions, which have most contexts in common)."""
    norm = folded_text(doc)  # the one normalisation, made when it was loaded
    sentences = doc.sentences
    by_sentence: list[list[int]] = [[] for _ in sentences]
    for qi, q in enumerate(doc.quantities):
        if 0 <= q.sentence < len(sentences):
            by_sentence[q.sentence].append(qi)
    keys: list[str] = []
    pieces: list[str] = []
    offsets: dict[int, int] = {}
    length = 0
    for s, members in zip(sentences, by_sentence, strict=True):
        cursor = s.span.start
        key_parts: list[str] = []
        for qi in members:
            span = doc.quantities[qi].span
            start = min(max(span.start, cursor), s.span.end)
            piece = _mask_folded(norm[cursor:start])
            key_parts.append(piece)
            length += len(piece)
            offsets[qi] = length
            cursor = max(cursor, min(span.end, s.span.end))
        piece = _mask_folded(norm[cursor:s.span.end])
        key_parts.append(piece)
        length += len(piece)
        key = "".join(key_parts)
        keys.append(key)
        pieces.append(key)
    skeleton = "".join(pieces)
    before = [""] * len(doc.quantities)
    after = [""] * len(doc.quantities)
    for qi, pos in offsets.items():
        before[qi] = skeleton[max(0, pos - CONTEXT):pos]
        after[qi] = skeleton[pos:pos + CONTEXT]
    # Contexts and their character pairs repeat (a pair of characters recurs all through a
    # text, a context in every version and every table row): each is kept once, so the
    # pairs of a million-character text take a third of the memory they did.
    if grams is None:
        grams = {}

    def grams_of(text: str) -> frozenset[str]:
        found = grams.get(text)
        if found is None:
            found = grams[text] = frozenset(map(sys.intern, _bigrams(text)))
        return found

    return _Side(doc, keys, by_sentence, [sys.intern(text) for text in before],
                 [sys.intern(text) for text in after],
                 [grams_of(text) for text in before], [grams_of(text) for text in after])


# ---------------------------------------------------------------- sentence alignment

def _heaviest_increasing(pairs: list[tuple[int, int]], weights: list[int]
                         ) -> list[tuple[int, int]]:
    """The chain of pairs increasing in both members with the most weight (key length),
    so a long sentence outweighs a short one that moved; O(n log n) with a Fenwick tree."""
    size = max(j for _, j in pairs) + 2
    tree_weight = [0] * (size + 1)
    tree_index = [-1] * (size + 1)
    back = [-1] * len(pairs)
    total = [0] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        best, best_k = 0, -1
        pos = j  # prefix max over second members below j (1-based positions 1..j)
        while pos > 0:
            if tree_weight[pos] > best:
                best, best_k = tree_weight[pos], tree_index[pos]
            pos -= pos & -pos
        total[k] = best + weights[k]
        back[k] = best_k
        pos = j + 1
        while pos <= size:
            if total[k] > tree_weight[pos]:
                tree_weight[pos], tree_index[pos] = total[k], k
            pos += pos & -pos
    k = max(range(len(pairs)), key=lambda x: (total[x], -x)) if pairs else -1
    chain: list[tuple[int, int]] = []
    while k != -1:
        chain.append(pairs[k])
        k = back[k]
    chain.reverse()
    return chain


def _anchorable(key: str) -> bool:
    # A key of a character or two ("日", "") is not evidence that two sentences match.
    return len(key) >= 3


def align_sentences(old_keys: Sequence[str], new_keys: Sequence[str]
                    ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Sentence pairs in order (patience diff on keys), and moved pairs out of order."""
    ordered: list[tuple[int, int]] = []
    moved: list[tuple[int, int]] = []
    stack = [(0, len(old_keys), 0, len(new_keys), True)]
    while stack:
        a0, a1, b0, b1, top = stack.pop()
        # Equal ends are matched directly, as in every diff.
        while a0 < a1 and b0 < b1 and old_keys[a0] == new_keys[b0] and _anchorable(old_keys[a0]):
            ordered.append((a0, b0))
            a0 += 1
            b0 += 1
        while a0 < a1 and b0 < b1 and old_keys[a1 - 1] == new_keys[b1 - 1] \
                and _anchorable(old_keys[a1 - 1]):
            a1 -= 1
            b1 -= 1
            ordered.append((a1, b1))
        if a0 >= a1 or b0 >= b1:
            continue
        count_a = Counter(old_keys[a0:a1])
        where_b: dict[str, int] = {}
        count_b: Counter[str] = Counter()
        for j in range(b0, b1):
            key = new_keys[j]
            count_b[key] += 1
            where_b[key] = j
        pairs = [(i, where_b[old_keys[i]]) for i in range(a0, a1)
                 if count_a[old_keys[i]] == 1 and count_b.get(old_keys[i]) == 1
                 and _anchorable(old_keys[i])]
        if not pairs:
            continue
        chain = _heaviest_increasing(pairs, [len(old_keys[i]) for i, _ in pairs])
        if top:
            in_chain = set(chain)
            moved.extend(p for p in pairs if p not in in_chain)
        ordered.extend(chain)
        # Recurse into the gaps between anchors: keys unique there may not be unique overall.
        prev_a, prev_b = a0, b0
        for i, j in chain:
            if i > prev_a and j > prev_b:
                stack.append((prev_a, i, prev_b, j, False))
            prev_a, prev_b = i + 1, j + 1
        if a1 > prev_a and b1 > prev_b:
            stack.append((prev_a, a1, prev_b, b1, False))
    ordered.sort()
    return ordered, moved


# ---------------------------------------------------------------- figure pairing

def _bigrams(text: str) -> set[str]:
    return {text[k:k + 2] for k in range(len(text) - 1)} if len(text) > 1 else {text} - {""}


def _side_similarity(x: str, y: str, bx: frozenset[str], by: frozenset[str],
                     toward_end: bool) -> float:
    """How alike two contexts are: bigram overlap (``bx``/``by``: their bigrams), plus
    the run of equal characters next to the figure (the words nearest a figure say most
    about what it counts)."""
    if not x and not y:
        return 1.0
    if not x or not y:
        return 0.0
    jaccard = len(bx & by) / len(bx | by) if bx or by else 0.0
    run = 0
    limit = min(len(x), len(y))
    if toward_end:
        while run < limit and x[-1 - run] == y[-1 - run]:
            run += 1
    else:
        while run < limit and x[run] == y[run]:
            run += 1
    return 0.5 * jaccard + 0.5 * min(run, 4) / 4


def figure_of(q: Quantity) -> tuple:
    """What a figure says, as compared between versions (never its text)."""
    if q.iso is not None:
        return ("iso", _written_iso(q))
    first = q.value if q.value is not None else q.lo
    last = q.hi if q.qualifier == "range" or q.value is None else None
    return (_plain(first), _plain(last))


_ISO_DATE = (  # the shapes the extractor writes, with (year, month, day) groups
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), (1, 2, 3)),
    (re.compile(r"(\d{4})-(\d{2})"), (1, 2, 0)),
    (re.compile(r"(\d{4})----(\d{2})"), (1, 0, 2)),
    (re.compile(r"(\d{4})"), (1, 0, 0)),
    (re.compile(r"--(\d{2})-(\d{2})"), (0, 1, 2)),
    (re.compile(r"--(\d{2})"), (0, 1, 0)),
    (re.compile(r"---(\d{2})"), (0, 0, 1)),
)
_DATE_MARKS = (("年",), ("月",), ("日", "号"))


def _written_iso(q: Quantity) -> tuple:
    """The parts of a date the text writes: ``19日`` is day 19 whatever month the
    extractor inferred from earlier sentences, which an edit or a move changes."""
    assert q.iso is not None
    if q.kind != "date":
        return (q.iso,)
    surface = q.normalized or normalize(q.text)
    written = [any(mark in surface for mark in marks) for marks in _DATE_MARKS]
    if not any(written):  # 1998.5.3 and the like: compare all of it
        written = [True, True, True]
    result = []
    for part in q.iso.split("/"):
        for pattern, groups in _ISO_DATE:
            match = pattern.fullmatch(part)
            if match:
                ymd = [match[g] if g else None for g in groups]
                result.append(tuple(v if w else "*" for v, w in zip(ymd, written, strict=True)))
                break
        else:
            result.append((part,))
    return tuple(result)


def _plain(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.normalize()


class _Pairer:
    def __init__(self, old: _Side, new: _Side) -> None:
        self.old = old
        self.new = new
        self.pairs: dict[int, int] = {}
        self.taken_new: set[int] = set()

    def context(self, a: int, b: int) -> float:
        o, n = self.old, self.new
        return (_side_similarity(o.before[a], n.before[b], o.before_grams[a],
                                 n.before_grams[b], True)
                + _side_similarity(o.after[a], n.after[b], o.after_grams[a],
                                   n.after_grams[b], False)) / 2

    def score(self, a: int, b: int) -> float:
        qa, qb = self.old.doc.quantities[a], self.new.doc.quantities[b]
        score = self.context(a, b)
        if figure_of(qa) == figure_of(qb):
            score += 0.3
        if qa.unit == qb.unit:
            score += 0.1
        if qa.kind == qb.kind:
            score += 0.1
        return score

    def accept(self, a: int, b: int, threshold: float) -> bool:
        """Whether ``a`` and ``b`` are one figure, given how sure the region already is."""
        qa, qb = self.old.doc.quantities[a], self.new.doc.quantities[b]
        context = self.context(a, b)
        same = figure_of(qa) == figure_of(qb)
        if same:
            return context + 0.2 >= threshold
        # A changed figure must sit in recognisably the same words.
        return context >= threshold and (qa.kind == qb.kind or context >= 0.9)

    def link(self, a: int, b: int) -> None:
        self.pairs[a] = b
        self.taken_new.add(b)

    def in_sentences(self, olds: Sequence[int], news: Sequence[int]) -> None:
        """Pair the figures of two aligned sentences in order (a small alignment)."""
        n, m = len(olds), len(news)
        if not n or not m:
            return
        if n * m > _ALL_PAIRS_LIMIT:  # a table of hundreds of figures: leave it to the pool
            return
        best = [[0.0] * (m + 1) for _ in range(n + 1)]
        for x in range(n - 1, -1, -1):
            row, below = best[x], best[x + 1]
            for y in range(m - 1, -1, -1):
                value = max(below[y], row[y + 1])
                if self.accept(olds[x], news[y], 0.35):
                    value = max(value, below[y + 1] + self.score(olds[x], news[y]))
                row[y] = value
        x = y = 0
        while x < n and y < m:
            if self.accept(olds[x], news[y], 0.35) and \
                    best[x][y] == best[x + 1][y + 1] + self.score(olds[x], news[y]):
                self.link(olds[x], news[y])
                x += 1
                y += 1
            elif best[x][y] == best[x + 1][y]:
                x += 1
            else:
                y += 1

    def in_pool(self, olds: Sequence[int], news: Sequence[int], threshold: float) -> None:
        """Pair figures of a region by context, best pairs first (order not required)."""
        olds = [a for a in olds if a not in self.pairs]
        news = [b for b in news if b not in self.taken_new]
        if not olds or not news:
            return
        if len(olds) * len(news) <= _ALL_PAIRS_LIMIT:
            candidates = [(a, b) for a in olds for b in news]
        else:
            candidates = self._indexed_candidates(olds, news)
        rank_old = {a: k / len(olds) for k, a in enumerate(olds)}
        rank_new = {b: k / len(news) for k, b in enumerate(news)}
        scored = []
        for a, b in candidates:
            if self.accept(a, b, threshold):
                # Ties go to the pair at the same relative place in its region.
                scored.append((-self.score(a, b), abs(rank_old[a] - rank_new[b]), a, b))
        scored.sort()
        for _, _, a, b in scored:
            if a not in self.pairs and b not in self.taken_new:
                self.link(a, b)

    def _indexed_candidates(self, olds: Sequence[int], news: Sequence[int]
                            ) -> list[tuple[int, int]]:
        index: dict[str, list[int]] = defaultdict(list)
        for b in news:
            for gram in _bigrams(self.new.before[b][-6:]) | _bigrams(self.new.after[b][:6]):
                index[gram].append(b)
        candidates = []
        for a in olds:
            votes: Counter[int] = Counter()
            for gram in _bigrams(self.old.before[a][-6:]) | _bigrams(self.old.after[a][:6]):
                hits = index.get(gram, ())
                if len(hits) <= _COMMON_BIGRAM:
                    votes.update(hits)
            candidates.extend((a, b) for b, _ in votes.most_common(_CANDIDATES))
        return candidates

    def exact_context(self, olds: Iterable[int], news: Iterable[int]) -> None:
        """Pair what is left, across the whole text, when the words on both sides, or
        failing that on one side, are exactly the same and found once on each side
        (a moved sentence whose neighbours changed keeps the words after its figure)."""
        olds = list(olds)
        news = list(news)
        views: tuple[tuple[int, int], ...] = (
            (CONTEXT, CONTEXT), (0, CONTEXT), (CONTEXT, 0))
        for want_before, want_after in views:
            def key(side: _Side, q: int, wb: int = want_before, wa: int = want_after
                    ) -> tuple[str, str]:
                return side.before[q][len(side.before[q]) - wb:] if wb else "", \
                    side.after[q][:wa]

            left = [a for a in olds if a not in self.pairs]
            right = [b for b in news if b not in self.taken_new]
            count_old = Counter(key(self.old, a) for a in left)
            by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
            for b in right:
                by_key[key(self.new, b)].append(b)
            least = 8 if want_before and want_after else 6
            if want_before and want_after:
                self._repeated_contexts(left, key, count_old, by_key, least)
                left = [a for a in left if a not in self.pairs]
            for a in left:
                k = key(self.old, a)
                if len(k[0]) + len(k[1]) < least or count_old[k] != 1 \
                        or len(by_key.get(k, ())) != 1:
                    continue
                b = by_key[k][0]
                if self.old.doc.quantities[a].kind == self.new.doc.quantities[b].kind:
                    self.link(a, b)

    def _repeated_contexts(self, left: Sequence[int], key, count_old: Counter,
                           by_key: dict[tuple[str, str], list[int]], least: int) -> None:
        """Pair figures that stand in the same words several times on each side (a table's
        rows, a repeated phrase, a list of bare figures) in order: the identical figures
        at the start and end of each run; then, where the words are telling (``least``
        characters or more), the rest one for one when as many are left on each side.
        Otherwise the rest stay unpaired, since which row was added or cut is not known.
        Linear in the figures, where comparing every pair of a 5,000-row table was not."""
        groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        for a in left:
            k = key(self.old, a)
            if count_old[k] > 1 and len(by_key.get(k, ())) > 1:
                groups[k].append(a)
        old_q, new_q = self.old.doc.quantities, self.new.doc.quantities

        def identical(a: int, b: int) -> bool:
            return _compare(old_q[a], new_q[b]) is None

        for k, olds in groups.items():
            news = by_key[k]
            shorter = min(len(olds), len(news))
            head = 0
            while head < shorter and identical(olds[head], news[head]):
                head += 1
            tail = 0
            while tail < shorter - head and identical(olds[-1 - tail], news[-1 - tail]):
                tail += 1
            pairs = list(zip(olds[:head], news[:head], strict=True))
            if tail:
                pairs += zip(olds[len(olds) - tail:], news[len(news) - tail:], strict=True)
            middle_old, middle_new = olds[head:len(olds) - tail], news[head:len(news) - tail]
            if len(middle_old) == len(middle_new) and len(k[0]) + len(k[1]) >= least:
                pairs += zip(middle_old, middle_new, strict=True)
            for a, b in pairs:
                if old_q[a].kind == new_q[b].kind:
                    self.link(a, b)


def _compare(old: Quantity, new: Quantity) -> Change | None:
    if figure_of(old) != figure_of(new):
        return Change(CHANGED_VALUE, old, new,
                      f"value {_describe(old)} → {_describe(new)}")
    if old.qualifier != new.qualifier:
        return Change(CHANGED_QUALIFIER, old, new,
                      f"qualifier {old.qualifier} → {new.qualifier}")
    if (old.unit or "") != (new.unit or ""):
        return Change(CHANGED_UNIT, old, new,
                      f"unit {old.unit or '(none)'} → {new.unit or '(none)'}")
    if old.kind != new.kind:
        return Change(CHANGED_KIND, old, new, f"kind {old.kind} → {new.kind}")
    return None


def _describe(q: Quantity) -> str:
    if q.iso is not None:
        return q.iso
    fig = figure_of(q)
    first = "?" if fig[0] is None else format(fig[0], "f")
    return first if fig[1] is None else f"{first}–{format(fig[1], 'f')}"


#: The steps of :func:`diff_documents`, as its ``on_step`` callback names them.
DIFF_STEPS: tuple[str, ...] = ("prepared", "sentences aligned", "pairs in sentences",
                               "pairs between anchors", "pairs anywhere", "compared")


def diff_documents(old: Document, new: Document,
                   on_step: Callable[[str], None] | None = None) -> list[Change]:
    """Every figure that differs between ``old`` and ``new``, in the order of ``new``.

    ``on_step`` is told of each of the :data:`DIFF_STEPS` done (a progress bar)."""
    step = on_step or (lambda name: None)
    grams: dict[str, frozenset[str]] = {}
    o, n = _prepare(old, grams), _prepare(new, grams)
    step(DIFF_STEPS[0])
    ordered, moved = align_sentences(o.keys, n.keys)
    step(DIFF_STEPS[1])
    pairer = _Pairer(o, n)
    matched_old: dict[int, int] = {}
    matched_new: set[int] = set()
    for i, j in ordered:
        matched_old[i] = j
        matched_new.add(j)
    for i, j in moved:
        if i not in matched_old and j not in matched_new:
            matched_old[i] = j
            matched_new.add(j)
    for i, j in sorted(matched_old.items()):
        pairer.in_sentences(o.by_sentence[i], n.by_sentence[j])
    step(DIFF_STEPS[2])

    # Regions between consecutive in-order anchors: everything there, paired or not,
    # is pooled, because a split or merged sentence spreads one figure's neighbours.
    bounds = [(-1, -1), *ordered, (len(o.keys), len(n.keys))]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:], strict=False):
        olds = [q for i in range(i0 + 1, i1) for q in o.by_sentence[i]]
        news = [q for j in range(j0 + 1, j1) for q in n.by_sentence[j]]
        # The figures of the anchors themselves join too, for a figure moved across them.
        for i, j in ((i0, j0), (i1, j1)):
            if 0 <= i < len(o.keys):
                olds.extend(o.by_sentence[i])
            if 0 <= j < len(n.keys):
                news.extend(n.by_sentence[j])
        pairer.in_pool(olds, news, 0.55)
    pairer.exact_context(range(len(old.quantities)), range(len(new.quantities)))
    step(DIFF_STEPS[3])
    # Last, what is still left anywhere (a figure whose sentence moved and was reworded),
    # through the bigram index, and only when its context is clearly the same.
    pairer.in_pool(range(len(old.quantities)), range(len(new.quantities)), 0.7)
    step(DIFF_STEPS[4])

    changes: list[Change] = []
    for a, b in pairer.pairs.items():
        change = _compare(old.quantities[a], new.quantities[b])
        if change is not None:
            changes.append(change)
    near_new = _nearest(ordered, len(o.keys), len(n.keys), reverse=False)
    near_old = _nearest(ordered, len(o.keys), len(n.keys), reverse=True)
    for a, q in enumerate(old.quantities):
        if a not in pairer.pairs:
            changes.append(Change(ONLY_IN_ONE, q, None, "only in the old version",
                                  _sentence_at(new, near_new, q.sentence)))
    for b, q in enumerate(new.quantities):
        if b not in pairer.taken_new:
            changes.append(Change(ONLY_IN_ONE, None, q, "only in the new version",
                                  _sentence_at(old, near_old, q.sentence)))
    changes.sort(key=lambda c: _order_key(c))
    step(DIFF_STEPS[5])
    return changes


def _order_key(change: Change) -> tuple:
    q = change.new or change.old
    assert q is not None
    return (change.new is None, q.span.start, change.rule)


def _nearest(ordered: Sequence[tuple[int, int]], n_old: int, n_new: int, *, reverse: bool
             ) -> list[int | None]:
    """For each sentence of one side, the counterpart of its nearest aligned sentence
    (itself if aligned; the one before it on a tie), or None when nothing is aligned.
    Two passes over the sentences: linear."""
    size = n_new if reverse else n_old
    partner: list[int | None] = [None] * size
    for i, j in ordered:
        own, other = (j, i) if reverse else (i, j)
        if own < size:
            partner[own] = other
    before: list[tuple[int, int] | None] = [None] * size  # (distance, counterpart)
    last: tuple[int, int] | None = None
    for s in range(size):
        if partner[s] is not None:
            last = (s, partner[s])
        before[s] = None if last is None else (s - last[0], last[1])
    result: list[int | None] = [None] * size
    following: tuple[int, int] | None = None
    for s in range(size - 1, -1, -1):
        if partner[s] is not None:
            following = (s, partner[s])
        choices = [c for c in (before[s], None if following is None else
                               (following[0] - s, following[1])) if c is not None]
        if choices:
            result[s] = min(choices, key=lambda c: c[0])[1]  # min keeps the first on a tie
    return result


def _sentence_at(doc: Document, near: Sequence[int | None], sentence: int
                 ) -> Sentence | None:
    if not 0 <= sentence < len(near) or near[sentence] is None:
        return None
    return doc.sentences[near[sentence]]


# ---------------------------------------------------------------- findings

def _location(q: Quantity) -> Location:
    return Location.of(q.span, q.text)


#: Characters of a sentence a finding quotes; a 100 KB "sentence" of a table with no
#: full stops must not be copied into each of its thousands of findings.
EXCERPT = 60


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """``text`` cut to ``limit`` characters, with … where it was cut."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _sentence_location(sentence: Sentence) -> Location:
    return Location.of(sentence.span, excerpt(sentence.text))


def _where(span: Span) -> str:
    return Location.of(span, "").position()


def _one_line(text: str) -> str:
    return _GAPS.sub("", text)


def change_message(change: Change) -> str:
    """What changed, naming the figure in both versions."""
    if change.rule == ONLY_IN_ONE:
        q = change.old or change.new
        assert q is not None
        other = "new" if change.new is None else "old"
        return f"{_one_line(q.text)} has no counterpart in the {other} version"
    assert change.old is not None and change.new is not None
    return (f"{_one_line(change.new.text)} was {_one_line(change.old.text)} at "
            f"{_where(change.old.span)}: {change.detail}")


def to_findings(changes: Iterable[Change], *, rule: str | None = None,
                levels: dict[str, str] | None = None, prefix: str = "") -> list[Finding]:
    """Findings for ``changes``: located in the new version, ``related`` in the old one.

    ``rule`` reports every change under one rule id (``cross-source`` does), ``levels``
    overrides the level of a change type, ``prefix`` starts every message.
    """
    findings = []
    for change in changes:
        level = (levels or {}).get(change.rule, RULES[change.rule].level)
        message = change_message(change)
        if rule is not None:  # one rule id for every change: say which change it is
            message = f"{change.rule}: {message}"
        message = prefix + message
        if change.new is not None and change.old is not None:
            location, related = _location(change.new), (_location(change.old),)
        else:
            q = change.new or change.old
            assert q is not None
            location = _location(q)
            related = () if change.near is None else (_sentence_location(change.near),)
        findings.append(Finding(rule or change.rule, level, message, location, related))
    return findings
