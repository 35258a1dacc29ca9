"""contradictory-qualifier: one expression that says two incompatible things.

Why it matters: ``近1000余人`` says both "not quite 1000" (近) and "more than
1000" (余); no reader can tell which figure the writer meant, and a fact-checker
cannot check it.  ``至少…以上`` and ``不到…多`` are the same mistake.  ``约…左右``
says "about" twice: not wrong about the number, but a copy-editing error, so it
is a warning.

What is checked: for every amount, the qualifier words written right before the
figure (近 将近 接近 不到 不足 最多 不超过 | 超过 逾 至少 不少于 不低于 多达 | 约 大约)
and right after it (余 多 | 以上 以下 左右 上下), read from the surface text, since
the extractor keeps only one qualifier in ``Quantity.qualifier``.  近 before a
span of time (近10多年来, 近20多天) means "the last" and is left alone.

==========================  =====================================  ========
Written                     Says                                   Level
==========================  =====================================  ========
近/将近/接近/不到/不足/最多   below the figure, and above it          error
 … 余/多/以上
至少/不少于/不低于 … 以上    "at least" twice, 以上 counted twice    error
超过/逾/至少/余/多 … 以下    above the figure, and below it          error
约/大约 … 左右/上下          "about" twice                          warning
约/大约 … 余/多              "about", and "more than"               warning
==========================  =====================================  ========

The level column applies under ``levels: {contradictory-qualifier: error}``; by
default the rule is a warning, so every finding is one: these are usage faults
that the editor fixes, not numbers that cannot be true.  Turn it off with
``disable``.  Example finding::

    seeds/x.txt:3:5: warning contradictory-qualifier 近1000余人: 近 (below 1000) and
    余 (above 1000) cannot both hold
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from ..claims.select import SentencePlaces
from ..model import AMOUNT_KINDS, Corpus, Finding, Location
from ..quantities.units import UNITS_LONGEST_FIRST
from . import CheckContext, Rule

NAME = "contradictory-qualifier"
DEFAULT_LEVEL = "warning"
SCOPE = "document"  # what it compares: one phrase of one document
DESCRIPTION = ("One expression says two incompatible things about a figure "
               "(近…余, 至少…以上, 不到…多; 约…左右 as a warning).")

BELOW = ("将近", "接近", "不超过", "不到", "不足", "最多", "近")
ABOVE = ("不少于", "不低于", "至少", "多达", "超过", "逾")
ABOUT = ("大约", "约")
PREFIXES = tuple(sorted(BELOW + ABOVE + ABOUT, key=len, reverse=True))
# Characters that make the prefix part of another word: 最近 (recently), 签约 (sign).
_NOT_PREFIX = {"近": set("最附靠邻临亲就遥远贴"),
               "约": set("节签预合条制公邀契相婉简誓违履践赴特隐租"),
               "逾": set("不"), "不到": set("想做找看买等得办猜达见听说拿"),
               "不足": set("补弥")}

_NUM = r"(?:[0-9][0-9,，.·]*|[零〇一二两三四五六七八九十百千万亿几]+)"
_UNIT = "|".join(regex.escape(u) for u in UNITS_LONGEST_FIRST)
_BODY = regex.compile(
    rf"(?P<num>{_NUM})(?P<m1>[余多])?(?P<mult>[百千万亿]+)?(?P<m2>[余多])?"
    rf"(?P<unit>{_UNIT})?(?P<suf>以上|以下|左右|上下)?")

#: Units of time after which 近 means "the last" (近10多年来, 近20多天), not "nearly".
_RECENT_UNITS = frozenset({"年", "个月", "個月", "月", "天", "日", "周", "週", "星期", "年来"})

_SAYS = {
    "近": "below", "将近": "below", "接近": "below", "不到": "below", "不足": "below",
    "最多": "at most", "不超过": "at most",
    "超过": "above", "逾": "above", "多达": "as many as", "至少": "at least",
    "不少于": "at least", "不低于": "at least",
    "约": "about", "大约": "about",
    "余": "above", "多": "above", "以上": "at least", "以下": "at most",
    "左右": "about", "上下": "about",
}


def _verdict(pre: str | None, more: str | None, suffix: str | None) -> tuple[str, str, str] | None:
    """(level, first word, second word) of a contradiction, or None."""
    after = [w for w in (more, suffix) if w]
    if pre in BELOW:
        for word in after:
            if word in ("余", "多", "以上"):
                return "error", pre, word
    if pre in ("至少", "不少于", "不低于") and suffix == "以上":
        return "error", pre, suffix
    if suffix == "以下":
        if pre in ABOVE:
            return "error", pre, suffix
        if more:
            return "error", more, suffix
    if pre in ABOUT:
        if suffix in ("左右", "上下"):
            return "warning", pre, suffix
        if more:
            return "warning", pre, more
    return None


def _prefix_before(text: str, end: int) -> str | None:
    if end == 0 or text[end - 1] not in _PREFIX_LAST:
        return None  # most figures: no prefix word ends here
    for word in PREFIXES:
        start = end - len(word)
        if start >= 0 and text[start:end] == word:
            blocked = _NOT_PREFIX.get(word, set())
            if start > 0 and text[start - 1] in blocked:
                continue
            return word
    return None


#: The last characters of the prefixes: a figure after none of them has no prefix.
_PREFIX_LAST = frozenset(word[-1] for word in PREFIXES)
#: What a finding's second word can be (:func:`_verdict`): 余 or 多 after the number, or
#: a suffix.
_SECOND_WORDS = ("余", "多", "以上", "以下", "左右", "上下")


def _words_across_gaps(words: tuple[str, ...]) -> regex.Pattern:
    """A pattern for any of ``words`` in folded text, where OCR may have put spaces and
    line breaks between their characters (the sentence's text has them removed)."""
    gap = r"[ \t\r\n\u3000]*"
    return regex.compile("|".join(gap.join(map(regex.escape, word)) for word in words))


_ANY_SECOND_WORD = _words_across_gaps(_SECOND_WORDS)
_ANY_FIRST_WORD = _words_across_gaps(("以下", *PREFIXES))


def _may_hold(folded: str, start: int, end: int) -> bool:
    """Whether the sentence at ``folded[start:end]`` can hold a finding: every one needs a
    second word and either a prefix or 以下 (:func:`_verdict`), so a sentence without
    them is skipped without placing its figures or cutting its text (most sentences)."""
    return (_ANY_SECOND_WORD.search(folded, start, end) is not None
            and _ANY_FIRST_WORD.search(folded, start, end) is not None)


def _level(rule: Rule, found: str) -> str:
    from ..model import LEVELS

    return min(rule.level, found, key=LEVELS.index)


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    for document in corpus.documents:
        yield from _check_document(rule, document)


def _check_document(rule: Rule, document) -> Iterator[Finding]:
    places = SentencePlaces(document)
    sentences = document.sentences
    # Per sentence: its text if it may hold a finding, else None.
    may_hold: dict[int, str | None] = {}
    count = len(sentences)
    for index, q in enumerate(document.quantities):
        number = q.sentence
        if q.kind not in AMOUNT_KINDS or not 0 <= number < count:
            continue
        text = may_hold.get(number, "")
        if text == "":  # not asked yet (a sentence's text is never empty)
            sentence = sentences[number]
            text = may_hold[number] = (
                sentence.text if _may_hold(sentence.folded, sentence.start, sentence.end)
                else None)
        if text is None:
            continue
        place = places.get(index)
        if place is None:
            continue
        start, end = place
        body = _BODY.search(text, start, min(len(text), end + 4))
        if body is None or body.start() >= end:
            continue
        pre = _prefix_before(text, body.start())
        if pre == "近" and (body["unit"] or "") in _RECENT_UNITS:
            continue  # 近10多年来: 近 is "the last", not "nearly"
        more = body["m1"] or body["m2"]
        verdict = _verdict(pre, more, body["suf"])
        if verdict is None:
            continue
        level, first, second = verdict
        phrase = text[body.start() - len(pre or ""):body.end()]
        figure = body["num"] + (body["mult"] or "")
        message = (f"{phrase}: {first} ({_SAYS[first]} {figure}) and {second} "
                   f"({_SAYS[second]} {figure}) ")
        if second in ("左右", "上下"):
            message += "say 'about' twice; keep one"
        elif second == "以上" and _SAYS[first] == "at least":
            message += "say 'at least' twice (以上 counts the figure in); keep one"
        elif level == "warning":
            message += "mix an estimate with a lower bound; keep one"
        else:
            message += "cannot both hold; say which is meant"
        yield Finding(rule=rule.id, level=_level(rule, level), message=message,
                      location=Location.of(q.span, q.text))
