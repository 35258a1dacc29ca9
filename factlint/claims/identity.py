"""Claim identity: what a figure counts or measures, and the frame it is stated in.

Two figures are the same claim only when the text says so.  This module reads, for
every amount of a document, the parts of a claim an editor would name:

- **what** is counted or measured: the noun after the measure word (7436万多名\\ *党员*),
  else the noun phrase that ends just before the figure once link words (已有, 达, 为)
  and statistic words (增长, 占) are stripped (全市\\ *参保人数*\\ 达12.3万人).  Numerals
  inside it stay (一等奖奖金 and 三等奖奖金 are different things).
- **measure**: the unit family.  人/名/位/人次 count people; 元/万元/亿元 are money in
  元 (the extractor folds 万 and 亿 into the value); 美元 is another currency; % and
  个百分点 are different measures; 个/件/项/起 count items.
- **scope**: the places, organisations and numbered items governing it (全国, 武汉,
  澳门, 王又曾夫妻 as far as a place or organisation word shows it, 第一名).
- **time**: the dates and time words of its clause, else the nearest earlier ones of
  its sentence (截至3月10日, 去年, 一季度, 2023年, 本赛季, 原来/调整后).
- **statistic**: total, increase, decrease, share, rate, per-capita, rank or value.

A figure with no unit or no *what* has no identity (:func:`claim_key` returns None)
and is never compared: ``20`` and ``10`` with nothing to say what they count are not
a contradiction.

:class:`ClaimKey` is plain, hashable, picklable data with a stable shape, so a ledger
can store it and a distributed fold can key by it.  Two keys are the same claim when
:func:`same_claim` says so; equal keys always are.  :func:`frames` reads every figure
of a document in one pass (linear in the document, apart from a bisect per figure).
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import regex

from ..corpus import folded_text
from ..model import Document, Quantity
from .agree import MEASURE_WORD_VARIANTS, SAME_UNITS
from .headline import Layout, layout

__all__ = [
    "ClaimKey",
    "Frame",
    "STATISTICS",
    "FrameReader",
    "Sketch",
    "claim_key",
    "frames",
    "measure_of",
    "named_in",
    "never_keyed",
    "same_claim",
    "why_different",
]

#: The statistics a figure can state, as :attr:`ClaimKey.statistic` spells them.
STATISTICS: tuple[str, ...] = (
    "value", "total", "increase", "decrease", "share", "rate", "per-capita", "rank")
_STATISTIC_WORDS = {"value": "数值", "total": "总数", "increase": "增长", "decrease": "下降",
                    "share": "占比", "rate": "比率", "per-capita": "人均", "rank": "排名"}


@dataclass(frozen=True, order=True)
class ClaimKey:
    """What a figure claims, as plain strings (empty when the text does not say).

    ``scope`` and ``time`` hold the frame's words joined by ``、`` in text order;
    ``str(key)`` is the editor-facing label, e.g. ``2023年·全国·党员·人·总数``.
    """

    what: str
    measure: str
    scope: str = ""
    time: str = ""
    statistic: str = "value"

    def __str__(self) -> str:
        parts = [self.time, self.scope, self.what, self.measure,
                 _STATISTIC_WORDS.get(self.statistic, self.statistic)]
        return "·".join(part for part in parts if part)

    @property
    def head(self) -> str:
        """The last two characters of ``what``: Chinese noun phrases end in their head."""
        return self.what[-2:]

    def label(self) -> str:
        """The claim in the editor's words: 一季度·GDP·增长 (measure left out)."""
        parts = [self.time, self.scope, self.what,
                 "" if self.statistic in ("value", "total")
                 else _STATISTIC_WORDS[self.statistic]]
        return "·".join(part for part in parts if part)


@dataclass(frozen=True)
class Frame:
    """One figure of a document with its claim key and where it stands."""

    index: int  # into Document.quantities
    key: ClaimKey | None
    #: Why the figure has no key (``key`` is None), in words.
    no_key: str
    clause: str  # the clause text around the figure, gaps removed
    left: str  # the part of the clause before the figure (other amounts masked as |)
    right: str  # the part after it
    period: int  # the sentence ended by 。！？ (not ；) or a headline end it stands in
    paragraph: int  # 0-based paragraph of the file
    body_paragraph: int  # as an editor numbers the body; 0 or less in the title
    headline: bool  # in the title or a sub-headline
    title: bool  # in the file's own title
    lead: bool  # in the first body paragraph
    #: Another figure of the same measure stands in the same sentence joined by
    #: 、 分别 依次 (a list), or three or more do (a table row or series).
    parallel: bool
    #: The figure is introduced by an anaphor that points back (上述, 这, 该, 共计).
    anaphor: str
    scope_words: tuple[str, ...]
    time_words: tuple[str, ...]


#: A count's measure word → its family's name (人次 counts people too).
_COUNT_FAMILY: dict[str, str] = {
    "人次": "人",
    **{unit: "人" if "人" in family else min(family)
       for family in MEASURE_WORD_VARIANTS for unit in family}}


class Sketch(NamedTuple):
    """The part of a figure's :class:`Frame` that says whether and with what it can be
    compared (its measure, the head of what it counts, where it stands), read without
    its scope, time and statistic: enough to bucket the figures of a document, so a
    check builds whole frames only for the figures it compares."""

    index: int
    measure: str | None
    #: :attr:`ClaimKey.head` of the figure's key; '' when it has none (see ``no_key``).
    head: str
    no_key: str
    parallel: bool
    anaphor: str
    period: int
    paragraph: int
    body_paragraph: int
    headline: bool
    title: bool
    lead: bool

    @property
    def keyed(self) -> bool:
        """Whether the figure has a claim key."""
        return not self.no_key


def measure_of(q: Quantity) -> str | None:
    """The unit family of ``q``: 名/人/位 → 人, 件/个 → 个, 万元 → 元, ``None`` without a unit."""
    unit = q.unit
    if not unit or not q.is_amount:
        return None
    unit = SAME_UNITS.get(unit, unit)
    if q.kind == "count":
        return _COUNT_FAMILY.get(unit, unit)
    return unit


def never_keyed(q: Quantity) -> str:
    """Why amount ``q`` has no claim key whatever its sentence says (a vague figure, a
    duration), in words; '' when its wording decides."""
    if q.qualifier == "vague" or (q.lo is None and q.hi is None):
        return "a vague figure (几十, 数百) states no value"
    if q.kind == "duration":
        return "a duration (五年, 十天) names a period of time, not a counted claim"
    return ""


# ------------------------------------------------------------------ word lists

def _first_characters(alternatives: list[str]) -> str:
    """A lookahead for the first characters of ``alternatives`` (words, or patterns that
    start with a literal character or a character class).

    A scan of the whole text with an alternation of many words tries every word at
    every character; with this guard in front the engine skips in C to the next
    character a word can start with (four times faster on news copy), and the matches
    are the same.
    """
    firsts = set()
    for alternative in alternatives:
        if "(" in alternative or "|" in alternative or not alternative:
            raise ValueError(f"not a plain alternative: {alternative!r}")
        firsts.add(alternative[1:alternative.index("]")] if alternative[0] == "["
                   else re.escape(alternative[0]))
    return "(?=[" + "".join(sorted(firsts)) + "])"


_CLAUSE_BREAK = "，,。；;：:！!？?“”\"「」『』【】《》—、\n"
_CLAUSE_BREAKS = re.compile("[" + re.escape(_CLAUSE_BREAK) + "]")  # re: faster for a class
#: The same class searched backwards: the last clause break before a figure.
_CLAUSE_BREAK_BEFORE = regex.compile("(?r)[" + regex.escape(_CLAUSE_BREAK) + "]")
_PERIOD_END = regex.compile(r"[。！？!?]+|\n[ \t\u3000\r]*\n")
_GAPS = re.compile(r"[ \t\r\n\u3000]+")


def _without_gaps(text: str) -> str:
    """``text`` without OCR gaps (:data:`_GAPS`); most clauses have none, and testing for
    them costs a third of the substitution."""
    if " " in text or "\n" in text or "\u3000" in text or "\t" in text or "\r" in text:
        return _GAPS.sub("", text)
    return text

#: Words that link a noun phrase to its figure or say which statistic it is; they
#: are stripped from the end of the phrase before the figure.
_TAIL_WORDS = (
    "同比 环比 比上年 比去年 较上年 较去年 比上月 分别 依次 各 共计 合计 "
    "总计 累计 共有 已有 已达 达到 突破 超过 不足 不到 接近 将近 大约 "
    "约为 约有 多达 高达 仅有 只有 还有 另有 其中 增长了 增长 增加了 "
    "增加 增幅 增速 增至 升至 上升 上涨 提高 提升 扩大 下降了 下降 "
    "减少了 减少 降低 下跌 回落 降至 降幅 缩小 下调 上调 调高 调低 调整 "
    "改为 变为 占比 比重 比例 占 为 是 有 达 共 计 逾 近 超 约 已 "
    "了 增 降 涨 跌 至 到 仅 只 就 又 还 也 都 再 多 以 由 从 在 "
    "将 可 每 平均 人均 户均 年均 均"
).split()
_TAIL = re.compile("(?:" + "|".join(_TAIL_WORDS) + ")+$")
_HEAD_PUNCT = regex.compile(r"[^\p{Han}A-Za-z0-9]+")
_LEADING_WORDS = "其中|包括|共|已|还|又|再|都|也|就|全|总|均|仅|另|并|且|而|和|与|及".split("|")
_LEADING = re.compile("^(?:" + "|".join(_LEADING_WORDS) + ")+")

_PROVINCES = (
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 "
    "湖南 广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门 "
    "武汉 深圳 广州 南京 杭州 成都 西安 沈阳 大连 青岛 厦门 苏州 宁波 长沙 郑州 济南 合肥 "
    "福州 南昌 昆明 贵阳 南宁 海口 兰州 西宁 银川 乌鲁木齐 拉萨 呼和浩特 哈尔滨 长春 石家庄 "
    "太原 台北 新北 桃园 台中 台南 高雄 基隆 新竹 嘉义 屏东 宜兰 花莲 台东 澎湖 金门 马祖 "
    "九龙 新界 中国 美国 日本 韩国 朝鲜 英国 法国 德国 意大利 西班牙 俄罗斯 印度 巴西 加拿大 "
    "澳大利亚 新加坡 马来西亚 泰国 越南 菲律宾 印尼 印度尼西亚 欧盟 欧洲 亚洲 非洲 美洲 "
    "全国 全省 全市 全区 全县 全镇 全乡 全村 全港 全澳 全台 全岛 全球 全世界 世界 国内 国外 "
    "境内 境外 海外 本市 本省 本港 本澳 我国 我省 我市 我区 我县 城镇 农村 城市 城乡 "
    "东部 中部 西部 东北 中西部"
).split()
# The standard library's engine runs this literal alternation four times faster.
_NAMED_SCOPE = re.compile("|".join(sorted(_PROVINCES, key=lambda w: (-len(w), w))))
#: Other places and organisations, read where no known name stands: up to three (four
#: for an organisation) Chinese characters before a place or organisation word.
_PLACE_WORDS = ("特别行政区 自治区 自治州 省 市 县 区 州 镇 村 街道 社区").split()
_ORGANISATION_WORDS = ("公司 集团 银行 大学 学院 医院 中学 小学 学校 协会 委员会 政府 法院 "
                       "检察院 警署 警方 机场 港口 口岸").split()
_SCOPE_SUFFIX = re.compile(
    _first_characters(_PLACE_WORDS + _ORGANISATION_WORDS)
    + "(?:" + "|".join(sorted(_PLACE_WORDS, key=lambda w: (-len(w), w)))
    + "|(?P<org>" + "|".join(sorted(_ORGANISATION_WORDS, key=lambda w: (-len(w), w))) + "))")
_HAN_RUN_END = regex.compile(r"\p{Han}+$")
#: Numbered items: 第一名, 三等奖, 5级.
_ITEM = re.compile(
    r"第[0-9一二三四五六七八九十百]+(?:名|位|届|期|批|季|轮|站|场|组|类|档|级|等|号|次)"
    r"|[一二三四五六七八九十0-9]+等奖|[一二三四五六七八九十0-9]+级")
_FUNCTION_WORDS = re.compile(r"[和与及的等在对为是了从向把被各每该这那]")
#: Names of the whole country, which copy uses interchangeably.
_NATIONAL = {"全国": "全国", "我国": "全国", "国内": "全国", "中国": "全国"}


_LEADING_SCOPE = re.compile(
    "^(?:" + "|".join(sorted(_PROVINCES, key=lambda w: (-len(w), w))) + ")+")
#: The characters a match of :data:`_LEADING_SCOPE`, :data:`_LEADING` can start with and
#: one of :data:`_TAIL` end with: a phrase that starts or ends otherwise is left as it
#: is without running the pattern.
_SCOPE_FIRST = frozenset(word[0] for word in _PROVINCES)
_LEADING_FIRST = frozenset(word[0] for word in _LEADING_WORDS)
_TAIL_LAST = frozenset(word[-1] for word in _TAIL_WORDS)
#: Words that pin a figure to a time (dates come from the extractor).
_TIME_WORDS = (
    r"去年|今年|明年|前年|上年|本年|当年|同期|本月|上月|当月|下月|今天|昨天|昨日|今日|当日|当天|"
    r"明天|前天|本周|上周|下周|[一二三四1-4]季度|第[一二三四1-4]季度|前三季度|上半年|下半年|"
    r"全年|年初|年底|年末|年中|月底|月初|月末|本赛季|上赛季|新赛季|职业生涯|生涯|"
    r"原来|原先|原本|以前|以往|过去|此前|之前|现在|如今|调整后|调整前|实施后|实施前|修订后|"
    r"修订前|改革前|改革后|新规|旧规|新标准|旧标准|新政|旧制|未来|今后|此后|届时|近年|近期|"
    r"早期|初期|最初|最终|目前|至今|迄今|累计")
# The standard library's engine, guarded, scans for these three times faster.
_TIME = re.compile(_first_characters(_TIME_WORDS.split("|")) + "(?:" + _TIME_WORDS + ")")
_STATISTIC = (
    ("per-capita", re.compile(r"人均|户均|平均|年均|日均|场均|均价|单价|每人|每户")),
    ("share", re.compile(r"占|比重|比例|份额|占比|之一|成[以左]")),
    ("rank", re.compile(r"排名|位居|位列|排在|名列|居第|排第")),
    ("increase", re.compile(r"增长|增加|增幅|增速|提高|提升|上升|上涨|攀升|增至|升至|涨|增")),
    ("decrease", re.compile(r"下降|减少|降低|下跌|回落|降幅|缩小|降至|跌|减|降")),
    ("rate", re.compile(r"率")),
    ("total", re.compile(r"共计|合计|总计|累计|总数|总量|总额|总共|一共|共有|共|总")),
)
#: Words just before a figure that point back to one stated earlier.
#: 共计 and 合计 sum up parts (total-vs-parts), they do not point back to one figure.
_ANAPHOR_WORDS = ("上述", "前述", "以上", "这些", "这", "该", "此")
_ANAPHOR = re.compile("(?:" + "|".join(_ANAPHOR_WORDS) + ")$")
_ANAPHOR_LAST = frozenset(word[-1] for word in _ANAPHOR_WORDS)
_GAP_CHARACTERS = " \t\r\n\u3000"
_PARALLEL_WORDS = ("分别", "依次", "各为", "各有")


#: 增至, 降到: the level reached after a change, not the change.
_LEVEL = re.compile(
    r"(?:[增升降减]至|(?:提高|提升|增加|增长|上升|下降|降低|减少|扩大|缩小)到)$")


def _statistic(left: str, right: str) -> str:
    near = left[-6:] + "\ue000" + right[:3]
    level = _LEVEL.search(left[-3:]) is not None  # its words are at most 3 characters
    for name, pattern in _STATISTIC:
        if level and name in ("increase", "decrease"):
            continue
        if pattern.search(near):
            return name
    return "value"


#: One name for an indicator that copy writes several ways.
#: (pattern, name, the two words one of which every match holds).
_INDICATORS = (
    (re.compile(r"(?:国内|地区)?生产总值(?:GDP)?|GDP"), "GDP", ("生产总值", "GDP")),
    (re.compile(r"居民消费价格(?:指数)?(?:CPI)?|CPI"), "CPI", ("居民消费价格", "CPI")),
)
_BRACKETS = re.compile(r"[（）()〔〕\[\]【】]")


def _what(q: Quantity, left: str, right: str) -> str:
    """The counted or measured thing (see the module docstring); '' when unsaid."""
    subject = q.subject or ""
    following = right[1:] if right.startswith("的") else right
    if len(subject) >= 2 and following.startswith(subject):
        return subject  # the noun after the measure word: 7436万多名党员
    phrase = ""
    # 目标价由56.28港元下调至55.2港元: after a change verb the thing is the one before
    # the first figure, so look one masked figure back when the last piece says nothing.
    # The last two pieces of the masked clause (brackets never hold its | separators).
    for segment in reversed(left.rsplit("|", 2)[-2:]):
        segment = _BRACKETS.sub("", segment) if segment else segment
        last = _HEAD_PUNCT.split(segment)[-1] if segment else ""
        phrase = last
        for _ in range(3):  # a chain of link words: 同比增长了, 已达到
            if phrase[-1:] not in _TAIL_LAST:
                break  # no link word ends so (the scan below is most of the cost)
            stripped = _TAIL.sub("", phrase)
            if stripped == phrase:
                break
            phrase = stripped
        if len(phrase) >= 2 or segment != last:
            break
    phrase = _TIME.sub("", phrase)
    for pattern, name, needles in _INDICATORS:
        if needles[0] in phrase or needles[1] in phrase:
            phrase = pattern.sub(name, phrase)
    if phrase[:1] in _SCOPE_FIRST:
        phrase = _LEADING_SCOPE.sub("", phrase)
    phrase = phrase[-8:]
    if phrase[:1] in _LEADING_FIRST:
        phrase = _LEADING.sub("", phrase)
    if len(phrase) < 2 and q.kind == "count":
        # 12.3万人参加城乡居民医保: what the people do says who they are.
        phrase = _HEAD_PUNCT.split(following)[0][:8]
    return phrase if len(phrase) >= 2 else ""


def _blank(text: str, words: list[tuple[int, int, str]]) -> str:
    """``text`` with each of ``words`` (start, end, word) replaced by as many ``|``."""
    pieces, cursor = [], 0
    for start, end, _ in words:
        pieces += [text[cursor:start], "|" * (end - start)]
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _other_scopes(text: str) -> list[tuple[int, int, str]]:
    """Places and organisations by their last word (武汉市, 门头沟区, 国铁集团), and
    numbered items; ``text`` has known names blanked out."""
    found = []
    for m in _SCOPE_SUFFIX.finditer(text):
        longest = 4 if m.group("org") else 3
        run = _HAN_RUN_END.search(text, max(0, m.start() - longest), m.start())
        if run is None or run.end() - run.start() < 2:
            continue
        word = text[run.start():m.end()]
        # 国家和地区 is no place called 家和地区: a name holds no function words.
        if not _FUNCTION_WORDS.search(word):
            found.append((run.start(), m.end(), word))
    found += [(m.start(), m.end(), m.group()) for m in _ITEM.finditer(text)]
    return found


class FrameReader:
    """Reads the frames of one document; built once, then one call per figure
    (:meth:`sketch` for what bucketing needs, :meth:`frame` for the whole frame)."""

    layout: Layout  # read when first used, as are the attributes in _INDEX
    #: What :meth:`_index` reads, when first asked for (see :meth:`__getattr__`).
    _INDEX = frozenset({"periods", "period_of", "starts", "in_order", "sorted_starts",
                        "same_measure", "date_starts", "date_texts"})

    def __init__(self, document: Document) -> None:
        self.document = document
        self.text = folded_text(document)
        self.measures = [measure_of(q) for q in document.quantities]
        #: Whether the figures of one measure in one period form a list (per key).
        self.parallels: dict[tuple[int, str], bool] = {}
        self._sketches: dict[int, Sketch] = {}
        self._clauses: dict[int, str] = {}
        #: Per figure with a measure: clause bounds, masked left and right, what, and the
        #: statistic when :meth:`_sketch` had to read it.
        self._partial: dict[int, tuple[int, int, str, str, str, str | None]] = {}
        #: Per period: its time words and its scope words, each as (start, end, word)
        #: with their starts, read the first time a whole frame of the period is asked
        #: for (a check that compares few figures needs few frames).
        self._words: dict[int, tuple[list[tuple[int, int, str]], list[int],
                                     list[tuple[int, int, str]], list[int]]] = {}

    def __getattr__(self, name: str) -> Any:
        """The layout, and the figures by period (:meth:`_index`), read when first used: a
        document whose figures share no measure is never sketched (most short ones)."""
        if name == "layout":
            self.layout = layout(self.text, self.document.blocks)
            return self.layout
        if name in FrameReader._INDEX:
            self._index()
            return self.__dict__[name]
        raise AttributeError(name)

    def _index(self) -> None:
        text = self.text
        periods = {m.end() for m in _PERIOD_END.finditer(text)}
        for start, end in self.layout.headlines:
            periods.update((start, end))
        self.periods = sorted(periods)
        quantities = self.document.quantities
        # Every figure's start, its period, and per period the figures of each measure
        # (lists) and the dates (a figure's time is the dates of its clause), read once
        # here rather than filtered again for every figure of the period.  The figures of
        # a stretch of text are found by bisecting the starts: the extractor gives them in
        # text order; for a document built otherwise, ``in_order`` holds the figures by
        # start and ``sorted_starts`` their starts.
        self.starts: list[int] = [q.span.start for q in quantities]
        self.in_order: list[int] | None = None
        self.sorted_starts = self.starts
        if any(map(operator.gt, self.starts, itertools.islice(self.starts, 1, None))):
            self.in_order = sorted(range(len(quantities)), key=self.starts.__getitem__)
            self.sorted_starts = [self.starts[i] for i in self.in_order]
        periods_ = self.periods
        self.period_of: list[int] = [bisect.bisect_right(periods_, start)
                                     for start in self.starts]
        self.same_measure: dict[tuple[int, str], list[int]] = {}
        for index, (period, measure) in enumerate(zip(self.period_of, self.measures,
                                                            strict=True)):
            if measure is not None:
                self.same_measure.setdefault((period, measure), []).append(index)
        self.date_starts: dict[int, list[int]] = {}
        self.date_texts: dict[int, list[str]] = {}
        for index, q in enumerate(quantities):
            if q.kind == "date" and q.iso:
                period = self.period_of[index]
                self.date_starts.setdefault(period, []).append(q.span.start)
                self.date_texts.setdefault(period, []).append(_without_gaps(q.text))

    def _words_of(self, period: int) -> tuple[list[tuple[int, int, str]], list[int],
                                               list[tuple[int, int, str]], list[int]]:
        """Time and scope words of ``period`` (a frame looks no further than its period:
        no such word holds the 。！？ or line break that ends one)."""
        known = self._words.get(period)
        if known is not None:
            return known
        lo, hi = self._bounds_of(period)
        text = self.text[lo:hi]
        times = [(m.start(), m.end(), m.group()) for m in _TIME.finditer(text)]
        blanked = _blank(text, times)
        scopes = [(m.start(), m.end(), _NATIONAL.get(m.group(), m.group()))
                  for m in _NAMED_SCOPE.finditer(blanked)]
        rest = _blank(blanked, scopes)
        scopes += _other_scopes(rest)
        times = [(start + lo, end + lo, word) for start, end, word in times]
        scopes = [(start + lo, end + lo, word) for start, end, word in sorted(scopes)]
        known = self._words[period] = (times, [start for start, _, _ in times],
                                       scopes, [start for start, _, _ in scopes])
        return known

    def _between(self, words: list[tuple[int, int, str]], starts: list[int], lo: int,
                 hi: int) -> list[str]:
        """The words of ``words`` lying wholly in ``text[lo:hi]``, in order."""
        found = []
        for i in range(bisect.bisect_left(starts, lo), len(words)):
            start, end, word = words[i]
            if start >= hi:
                break
            if end <= hi:
                found.append(word)
        return found

    def _scope_words(self, period: int, lo: int, hi: int) -> list[str]:
        _, _, scopes, starts = self._words_of(period)
        return self._between(scopes, starts, lo, hi)

    def _time_words(self, period: int, lo: int, hi: int) -> list[str]:
        times, starts, _, _ = self._words_of(period)
        return self._between(times, starts, lo, hi)

    def period(self, offset: int) -> int:
        return bisect.bisect_right(self.periods, offset)

    def _period_bounds(self, offset: int) -> tuple[int, int]:
        return self._bounds_of(bisect.bisect_right(self.periods, offset))

    def _bounds_of(self, i: int) -> tuple[int, int]:
        """Start and end of period ``i`` (as :meth:`period` numbers them)."""
        lo = self.periods[i - 1] if i > 0 else 0
        hi = self.periods[i] if i < len(self.periods) else len(self.text)
        return lo, hi

    def clause(self, start: int, end: int,
               bounds: tuple[int, int] | None = None) -> tuple[int, int]:
        """The clause around ``text[start:end]``: between clause punctuation, in its period
        (``bounds``, when the caller has them).

        Searched for in the period, either side of the figure, rather than listed for the
        whole text: most figures are never asked for their clause.
        """
        period_lo, period_hi = bounds or self._period_bounds(start)
        before = _CLAUSE_BREAK_BEFORE.search(self.text, period_lo, start)
        after = _CLAUSE_BREAKS.search(self.text, end, period_hi) if end < period_hi else None
        return before.end() if before else period_lo, after.start() if after else period_hi

    def _figures_in(self, period: int, lo: int, hi: int) -> Sequence[int]:
        """The figures of ``period`` starting in ``text[lo:hi]``, in order."""
        period_lo, period_hi = self._bounds_of(period)
        lo, hi = max(lo, period_lo), min(hi, period_hi)
        if hi <= lo:
            return ()
        first = bisect.bisect_left(self.sorted_starts, lo)
        last = bisect.bisect_left(self.sorted_starts, hi)
        return range(first, last) if self.in_order is None else sorted(self.in_order[first:last])

    def may_head_a_claim(self, index: int) -> bool:
        """Whether figure ``index`` may stand in a headline or the lead, or be introduced by
        an anaphor (这, 上述 …): a test that needs no sketch, true of every figure whose
        sketch says so (and of some others)."""
        start = self.document.quantities[index].span.start
        layout_ = self.layout
        if layout_.headline_at(start) is not None or layout_.paragraph(start) == layout_.first_body:
            return True
        text, at = self.text, start
        while at > 0 and text[at - 1] in _GAP_CHARACTERS:
            at -= 1
        # The masked text before a figure ends with the character before it, or with
        # the | of a figure that ends there.
        return at > 0 and text[at - 1] in _ANAPHOR_LAST

    def sketch(self, index: int) -> Sketch:
        """What figure ``index`` counts and where it stands, without its scope, time and
        statistic (read once, kept for :meth:`frame`)."""
        known = self._sketches.get(index)
        if known is None:
            known = self._sketches[index] = self._sketch(index)
        return known

    def _sketch(self, index: int) -> Sketch:
        layout_ = self.layout
        q = self.document.quantities[index]
        start, end = q.span.start, q.span.end
        period = self.period_of[index]
        paragraph = layout_.paragraph(start)
        headline = layout_.headline_at(start)
        place = (period, paragraph, paragraph - layout_.first_body + 1,
                 headline is not None, headline == 0 and layout_.has_title,
                 paragraph == layout_.first_body and headline is None)
        measure = self.measures[index]
        if not q.is_amount or measure is None:
            # Dates, ordinals, identifiers and figures without a unit are never compared.
            no_key = (f"a {q.kind} is not an amount" if not q.is_amount
                      else "no unit: nothing says what the figure counts")
            return Sketch(index, measure, "", no_key, False, "", *place)
        bounds = self._bounds_of(period)
        period_lo = bounds[0]
        clause_lo, clause_hi = self.clause(start, end, bounds)
        # Other amounts of the clause are masked out of its words; most clauses hold no
        # other figure on one side or either (the next figure starts after the clause).
        starts, text = self.sorted_starts, self.text
        if self.in_order is None and (index == 0 or starts[index - 1] < clause_lo):
            left = _without_gaps(text[clause_lo:start])
        else:
            left = self._masked(period, clause_lo, start, index)
        if self.in_order is None and (index + 1 == len(starts) or starts[index + 1] >= clause_hi):
            right = _without_gaps(text[end:clause_hi]) if end < clause_hi else ""
        else:
            right = self._masked(period, end, clause_hi, index)
        no_key = never_keyed(q)
        what, statistic = "", None
        if not no_key:
            what = _what(q, left, right)
            if not what and clause_lo > period_lo:
                statistic = _statistic(left, right)
                if statistic in ("increase", "decrease"):
                    # 全社会用电量7.4万亿千瓦时，同比增长7.4%: the growth of the thing just
                    # named.
                    before = self._masked(period, period_lo, clause_lo - 1, index)
                    what = _what(q, _HEAD_PUNCT.split(before.rsplit("|", 1)[0])[-1], "")
            if not what:
                no_key = "no subject: nothing says what is counted or measured"
        anaphor = _ANAPHOR.search(left[-3:]) if left[-1:] in _ANAPHOR_LAST else None
        self._partial[index] = (clause_lo, clause_hi, left, right, what, statistic)
        # 市场主体达1.69亿户，其中企业…、个体工商户…: the total is not a list item.
        parallel = len(self.same_measure[period, measure]) > 1 \
            and self._parallel(period, measure) and "其中" not in text[end:end + 6]
        return Sketch(index, measure, "" if no_key else what[-2:], no_key, parallel,
                      anaphor.group() if anaphor else "", *place)

    def what(self, index: int) -> str | None:
        """What figure ``index`` counts (:attr:`ClaimKey.what` of its whole frame), read
        with its sketch; None when it has no key."""
        sketch = self.sketch(index)
        return None if sketch.no_key else self._partial[index][4]

    def clause_text(self, index: int) -> str:
        """The clause around figure ``index`` without gaps (:attr:`Frame.clause`)."""
        known = self._clauses.get(index)
        if known is None:
            self.sketch(index)
            partial = self._partial.get(index)
            known = self._clauses[index] = "" if partial is None else _without_gaps(
                self.text[partial[0]:partial[1]])
        return known

    def frame(self, index: int) -> Frame:
        """The whole :class:`Frame` of figure ``index``."""
        sketch = self.sketch(index)
        fields = dict(index=index, period=sketch.period, paragraph=sketch.paragraph,
                      body_paragraph=sketch.body_paragraph, headline=sketch.headline,
                      title=sketch.title, lead=sketch.lead, parallel=sketch.parallel,
                      anaphor=sketch.anaphor)
        partial = self._partial.get(index)
        if partial is None:
            return Frame(key=None, no_key=sketch.no_key, clause="", left="", right="",
                         scope_words=(), time_words=(), **fields)
        clause_lo, clause_hi, left, right, what, statistic = partial
        q = self.document.quantities[index]
        start, end = q.span.start, q.span.end
        period = sketch.period
        period_lo = self._bounds_of(period)[0]
        scope_words = self._scope_words(period, clause_lo, start)
        time_words = (self._time_words(period, clause_lo, start)
                      + self._time_words(period, end, clause_hi)
                      + self._dates(period, clause_lo, clause_hi))
        if not time_words or not scope_words:
            # The sentence's opening clauses govern the rest: 截至3月10日，全国已有…
            if not time_words:
                time_words = (self._time_words(period, period_lo, clause_lo)
                              + self._dates(period, period_lo, clause_lo))[-1:]
            if not scope_words:
                scope_words = self._scope_words(period, period_lo, clause_lo)[-1:]
        if statistic is None:
            statistic = _statistic(left, right)
        scope_words = list(dict.fromkeys(scope_words))
        time_words = list(dict.fromkeys(time_words))
        key = None if sketch.no_key else ClaimKey(
            what=what, measure=sketch.measure, scope="、".join(scope_words),
            time="、".join(time_words), statistic=statistic)
        return Frame(key=key, no_key=sketch.no_key, clause=self.clause_text(index), left=left,
                     right=right, scope_words=tuple(scope_words),
                     time_words=tuple(time_words), **fields)

    def _dates(self, period: int, lo: int, hi: int) -> list[str]:
        starts = self.date_starts.get(period)
        if not starts:
            return []
        return self.date_texts[period][bisect.bisect_left(starts, lo):
                                       bisect.bisect_left(starts, hi)]

    def _masked(self, period: int, lo: int, hi: int, own: int) -> str:
        """``text[lo:hi]`` without gaps, other figures and dates replaced by a separator."""
        if hi <= lo:
            return ""
        others = self._figures_in(period, lo, hi)
        if not others:  # most clauses hold one figure
            return _without_gaps(self.text[lo:hi])
        pieces, cursor = [], lo
        quantities = self.document.quantities
        for other in others:
            q = quantities[other]
            if other == own or q.kind == "ordinal":
                continue  # ordinals stay: 第一名 is part of the scope
            pieces.append(self.text[cursor:max(cursor, q.span.start)])
            pieces.append("|")
            cursor = max(cursor, q.span.end)
        pieces.append(self.text[cursor:hi])
        return _without_gaps("".join(pieces))

    def _parallel(self, period: int, measure: str | None) -> bool:
        if measure is None:
            return False
        known = self.parallels.get((period, measure))
        if known is None:
            known = self.parallels[period, measure] = self._read_parallel(period, measure)
        return known

    def _read_parallel(self, period: int, measure: str) -> bool:
        same = self.same_measure.get((period, measure), [])
        if len(same) >= 3:
            return True
        if len(same) < 2:
            return False
        quantities = self.document.quantities
        lo, hi = quantities[same[0]].span.start, quantities[same[-1]].span.end
        period_lo, _ = self._period_bounds(lo)
        return "、" in self.text[max(period_lo, lo - 12):hi] or any(
            word in self.text[period_lo:hi + 2] for word in _PARALLEL_WORDS)


_Reader = FrameReader  # the name tests and older code use


def frames(document: Document) -> list[Frame]:
    """The :class:`Frame` of every quantity of ``document``, in order."""
    reader = FrameReader(document)
    return [reader.frame(i) for i in range(len(document.quantities))]


def claim_key(document: Document, quantity: Quantity | int) -> ClaimKey | None:
    """The :class:`ClaimKey` of one figure of ``document`` (by object or index), or None.

    For every figure of a document at once, use :func:`frames` (one pass).
    """
    if isinstance(quantity, int):
        index = quantity
    else:
        index = next((i for i, q in enumerate(document.quantities) if q == quantity), -1)
        if index < 0:
            raise ValueError(f"{quantity.text!r} is not a figure of {document.path}")
    return FrameReader(document).frame(index).key


def _compatible_what(a: str, b: str) -> bool:
    """Equal, or one ends with the other (全国党员 / 党员): noun phrases end in their head."""
    return a == b or (min(len(a), len(b)) >= 2 and (a.endswith(b) or b.endswith(a)))


def _pairs(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def named_in(what: str, clause: str) -> bool:
    """Whether ``clause`` names ``what``: its head, its first two characters and all but a
    quarter of its character pairs occur in it.

    A headline says 12.3万人参加城乡居民医保 where the body says 参加城乡居民医保的
    群众达12.3万人: the thing counted is written differently but named in both.
    """
    # The head (last two characters) and the leading modifier must both be there:
    # 省内交易电量 is not named by 全国电力市场交易电量 although they share 交易电量.
    # (Tested first: most clauses lack them, and the pairs are the cost.)
    if what[-2:] not in clause or what[:2] not in clause:
        return False
    pairs = _pairs(what)
    return len(pairs) >= 2 and len(pairs - _pairs(clause)) <= len(pairs) // 4


def _disjoint(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return bool(a) and bool(b) and not (set(a) & set(b))


def why_different(a: Frame, b: Frame, *, loose_what: bool = False) -> str:
    """Why ``a`` and ``b`` are different claims, in words; '' when they may be the same.

    With ``loose_what`` (a headline against the body) the thing counted may also be
    written differently as long as each clause names the other's (:func:`named_in`).
    """
    if a.key is None or b.key is None:
        lacking = a if a.key is None else b
        return f"no claim identity ({lacking.no_key})"
    ka, kb = a.key, b.key
    if ka.measure != kb.measure:
        return f"different measures: {ka.measure} and {kb.measure}"
    if not _compatible_what(ka.what, kb.what) and not (
            loose_what and (named_in(ka.what, b.clause) or named_in(kb.what, a.clause))):
        return f"different things counted: {ka.what} and {kb.what}"
    if ka.statistic != kb.statistic and {ka.statistic, kb.statistic} != {"value", "total"}:
        return (f"different statistics: {_STATISTIC_WORDS[ka.statistic]} and "
                f"{_STATISTIC_WORDS[kb.statistic]}")
    if _disjoint(a.scope_words, b.scope_words):
        return f"different scopes: {ka.scope} and {kb.scope}"
    if _disjoint(a.time_words, b.time_words) and not _dates_overlap(a.time_words, b.time_words):
        return f"different times: {ka.time} and {kb.time}"
    return ""


def _dates_overlap(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """3月 and 3月10日 can name the same time: one is the start of the other."""
    return any(x.startswith(y) or y.startswith(x) for x in a for y in b
               if x[:1].isdigit() and y[:1].isdigit())


def same_claim(a: Frame, b: Frame) -> bool:
    """Whether ``a`` and ``b`` may state one claim (see :func:`why_different`)."""
    return not why_different(a, b)
