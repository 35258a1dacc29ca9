"""total-vs-parts: a stated total and the parts the text enumerates for it must add up.

Why it matters: a total and its parts are usually typed separately (a headline's
9761个党建网格 and a body that lists the five levels of grid), so a retyped part
or a dropped digit leaves the sum wrong, and no reader can tell which figure is.

What is checked, with no rule written, only where the text itself says that the
figures are a whole and its parts (never by guessing from the numbers):

- **A total and its parts**: a figure followed, in its clause or at the start of
  the next, by a part marker: 其中 (opening a clause, or right before a figure:
  通过其中21件), 包括, 包含, a bracket right after the figure
  (``境外输入病例39例（上海18例，广东8例，…）``), and, when the total says it is one
  (共, 合计, 总计 …), 分别为 or a colon.  The parts are the figures after the
  marker with the total's unit (measure words of one family count together:
  名/人), enumerated together: items of one list (、 和 及), or clauses of their own
  that each end with their figure or start with it (``其中，代表团提出的26件，30名
  以上代表联名提出的272件``); the next part marker opens a group of its own
  (``通过其中21件，包括制定法律6件、修改法律8件、…决定7件``: 6, 8 and 7 are parts of 21),
  and a clause that states a whole again ends the parts (``其中高速公路4.2万公里，
  高速公路总里程达9.56万公里``: 总里程, 累计, 合计 …).
  ``N中 … 其余/余下 M`` (``5人中只有2人准擔保，餘下3人``) and a total followed by its
  two sides with no marker (``应出席代表2956人，出席2877人，缺席79人``) are groups too.
- **A headline total and a list in its article**: a headline figure
  (``9761个党建网格``) and a list of three or more figures closed by 和/及/以及 (no
  等) whose every item names the headline's noun (``一级党建管理网格17个、二级网格
  290个、三级网格846个、四级网格1871个和末梢网格6737个``).
- **Shares of one whole**: percentages in one sentence each written 占 + the same
  named whole (占国内生产总值的比重为, 占总人口的; 占全国的 is not enough: 水电、风电
  分别占全国的75.7%、45.5% are of different totals), whose sum cannot be 100%.

One part above the total, or parts whose sum cannot fit in it, is a finding.  A
sum *below* the total is one only when the list says it is complete: 分别为, a
bracket, the two sides of a pair (中央/地方, 男/女, 出席/缺席, 已/剩余), grades from
the first (一等奖…二等奖), the rest (其余, 余下), or three or more items each naming
the total's noun; and not when the list holds a figure of the unit that was not
read (``河南一例``).  其中 and 包括 alone often name just some of the parts.  A total
that is a change, an average, a bound, a net or per item (增加, 年均, 最高, 卖超, 每,
各), a list after two figures (``156名死亡、741名受伤，其中…``), and a part whose noun
differs from the total's (``9个考场，其中…31个考室``) are left alone; figures without
a unit never take part.  Figures carry the tolerance of README "Qualifiers":
9761个 is exact, 76.8亿元 ± 0.05亿元, 400余 is [400, 500).

Level: warning (change it with ``levels: {total-vs-parts: error}``; turn it off
with ``disable``).  Fires::

    安徽蒙城：9761个党建网格疫情防控全覆盖 … 一级党建管理网格17个、二级网格290个、
    三级网格846个、四级网格1871个和末梢网格6736个。
    → 标题说9761个，正文所列分项之和为9760个（17+290+846+1871+6736），少于总数

Does not fire::

    中国代表团共1329人，其中参赛运动员886人，将参加本届亚运会38个大项、407个小项的角逐。
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import regex

from ..claims.agree import compare_units, format_decimal
from ..model import Corpus, Document, Finding, Location, Quantity
from . import CheckContext, Rule
from ._passages import Figure, Period, periods
from ._support import interval_of
from .safe_eval import Interval

NAME = "total-vs-parts"
DEFAULT_LEVEL = "warning"
DESCRIPTION = ("A stated total and the parts the text enumerates for it do not add up "
               "(共N…其中a、b、c; a headline total and its breakdown; shares past 100%).")

#: Words after a total that open the list of its parts.  The complete ones say
#: the list is all of it, so a sum below the total is wrong too.
COMPLETE_MARKERS: tuple[str, ...] = ("分别为", "分别是", "分别有", "分為", "分为", "分別為",
                                     "分別是")
PART_MARKERS: tuple[str, ...] = (*COMPLETE_MARKERS, "其中", "包括", "包含", "：", ":", "（", "(",
                                 "中")
#: Markers that follow a total only when the total says it is one (共有3所学校，分别为…).
_NEED_TOTAL_WORD: frozenset[str] = frozenset({*COMPLETE_MARKERS, "：", ":"})
# (The standard library's engine: it scans for a list of words faster than regex's.)
_MARKER = re.compile("|".join(re.escape(m) for m in sorted(PART_MARKERS, key=len, reverse=True)))
#: Words that make a figure a change, not an amount: 增加5038亿元 is not a total.
_CHANGE = regex.compile(r"(?<!新)(?:增加|增长|增幅|减少|下降|降低|提高|上升|回落|增至|减至|多出|"
                        r"少了|比上年|比去年|同比|环比|较上年|较去年|超出|高出|低于|高于|"
                        r"增長|減少|降幅)")
#: Words that make a figure something other than an amount of a whole: an average
#: (年均超收2040亿元), a bound (最高罚款150万元), a figure per item (每公升, 各有) or
#: a net (卖超, 净流入), which parts with signs add up to.
_NOT_AN_AMOUNT = regex.compile(r"年均|平均|人均|均|每|各|最高|最低|最多|最少|买超|卖超|買超|賣超|"
                               r"净|淨|顺差|逆差|順差|盈亏|盈虧")
#: Words that say a figure is a total: 共/合计/总计 … (and their traditional forms).
_TOTAL_WORD = regex.compile(r"共|合计|合計|总计|總計|总数|總數|总共|總共|累计|累計|加总|加總|"
                            r"总额|總額|总量|總量")
#: Words that make a figure in a clause of its own a whole again rather than the next
#: part: 新增公路60.9万公里，其中高速公路4.2万公里，高速公路总里程达9.56万公里.
_WHOLE_AGAIN = regex.compile(
    r"(?:总|總)(?:里程|面积|面積|人数|人數|数|數|量|额|額|计|計|共|规模|規模|产值|產值|收入|"
    r"投资|投資|容量|长度|長度|人口|户数|戶數)|累计|累計|合计|合計|共计|共計")
#: 其中 is a part marker where it opens a clause or comes right before a figure
#: (通过其中21件); in 参与其中 it is a verb's object.
_OPENS = "，,：:；;（("
_NUMERAL = regex.compile(r"[0-9０-９零〇一二两三四五六七八九十百千万亿兩萬億．.·]")
_CLAUSE = regex.compile(r"[，,；;。！？!?]")
#: Kinds a total can be a sum of.
_SUMMABLE = frozenset({"count", "money", "measure"})
#: Characters a list item may stand in: separators of an enumeration.
_LIST_JOIN = regex.compile(r"^[^，,；;。！？!?：:]{0,24}$")
_CLOSING = regex.compile(r"(?:和|及|以及|与|與|跟)")
_HAN_PAIR = regex.compile(r"(?=(\p{Han}{2}))")
#: A headline noun and a list item must share a word of two characters; these do not count.
_EMPTY_PAIRS = frozenset({"其中", "共有", "分别", "全市", "全县", "全省", "全国", "目前"})
#: Parts named as the two sides of one whole: a list of one of each is the whole list
#: (财政赤字…其中中央财政赤字8500亿元，代发地方债2000亿元).
COMPLEMENTS: tuple[tuple[str, str], ...] = (
    ("中央", "地方"), ("出口", "进口"), ("出口", "進口"), ("男", "女"), ("城镇", "农村"),
    ("城镇", "乡村"), ("城市", "农村"), ("城鎮", "鄉村"), ("境内", "境外"), ("境內", "境外"),
    ("国内", "国外"), ("國內", "國外"), ("公办", "民办"), ("本地", "外地"),
    ("出席", "缺席"), ("已", "剩余"), ("已", "剩餘"), ("已", "尚有"), ("已", "仍有"),
)
#: A share names its whole for the shares to be of one whole: 占总人口的, 占全部, 占GDP.
#: 占全国的 is not enough: 水电、风电分别占全国的75.7%、45.5% are of different totals.
_ONE_WHOLE = regex.compile(r"总|總|全部|GDP|生产总值|生產總值")
_SHARE = regex.compile(r"(?:分别占|分別佔|分別占|占|佔)(?P<whole>[^，,；;。0-9０-９%％]{0,6}?)"
                       r"(?:的比重|的比例|比重|比例)?(?:为|為|达|達|约|約)?$")


SCOPE = "document"  # what it reads: one document at a time


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    for document in corpus.documents:
        yield from _check_document(rule, document)


@dataclass(frozen=True)
class Group:
    """A total and the parts the text enumerates for it, as the check reads them."""

    period: Period
    total: Figure
    parts: tuple[Figure, ...]
    #: Whether the text says the parts are all of the total (a sum below it is wrong too).
    complete: bool
    #: How the message names the total: 合计 (in the body) or 标题说 (a headline's).
    said: str


def groups(document: Document) -> Iterator[Group]:
    """Every group the check judges in ``document``, once each, in text order (for
    ``bench/held_out.py``, which lists them to be read, and for :func:`check`)."""
    headline_totals: list[Figure] = []
    headline_text = ""
    seen: set[tuple[int, ...]] = set()
    for period in periods(document):
        if period.headline:
            headline_text = period.text
            headline_totals = [f for f in period.figures if _can_total(f.quantity)]
            continue
        if len(period.figures) < 2:
            continue  # every group is a total with a part
        found = [(total, parts, complete, "合计") for total, parts, complete in
                 (*_marked_groups(period), *_paired_groups(period))]
        found += [(total, parts, True, "标题说") for total, parts in
                  _headline_groups(period, headline_totals, headline_text)]
        for total, parts, complete, said in found:
            key = tuple(p.quantity.span.start for p in (total, *parts))
            if key not in seen:
                seen.add(key)
                yield Group(period, total, tuple(parts), complete, said)


def _may_add_up(document: Document) -> bool:
    """Whether ``document`` holds what any finding needs: a total and a part (two figures
    of a kind that is summed, with a unit), or two percentages (shares of one whole).
    About one short document in eight has neither; its periods are not even read."""
    summable = shares = 0
    for q in document.quantities:
        if q.unit is None:
            continue  # a figure without a unit never takes part
        if q.kind in _SUMMABLE:
            summable += 1
        elif q.kind == "percent" and q.unit == "%" and q.lo is not None and q.hi is not None:
            shares += 1
        if summable >= 2 or shares >= 2:
            return True
    return False


def _check_document(rule: Rule, document: Document) -> Iterator[Finding]:
    if not _may_add_up(document):
        return
    by_period: dict[int, list[Group]] = {}
    for group in groups(document):
        by_period.setdefault(id(group.period), []).append(group)
    for period in periods(document):
        for group in by_period.get(id(period), ()):
            yield from _judge(rule, period.text, group.total, group.parts, group.complete,
                              group.said)
        if len(period.figures) >= 2 and not period.headline:
            yield from _shares(rule, period)


def _can_total(q: Quantity) -> bool:
    return (q.kind in _SUMMABLE and q.unit is not None and q.qualifier != "vague"
            and q.lo is not None)


def _same_unit(a: Quantity, b: Quantity) -> bool:
    return (a.kind == b.kind and a.unit is not None and b.unit is not None
            and compare_units(a, b, "ignore") == "same")


def _clause_before(text: str, start: int) -> str:
    """The clause text before ``start`` (back to the last ，；。)."""
    cut = 0
    for match in _CLAUSE.finditer(text, max(0, start - 40), start):
        cut = match.end()
    return text[max(cut, start - 40):start]


def _is_change(period: Period, figure: Figure) -> bool:
    """Whether the figure is a change, an average, a bound or a net rather than an amount.

    A figure right after a numeral is a misreading (八．五亿元 read as 五亿元) and
    is left alone too.
    """
    return _change_before(period.text, figure.start)


# Asked of one figure several times (as a total, as a part, in each pair around it).
@lru_cache(maxsize=1024)
def _change_before(text: str, start: int) -> bool:
    before = _clause_before(text, start)
    return (bool(_CHANGE.search(before) or _NOT_AN_AMOUNT.search(before))
            or bool(before) and bool(_NUMERAL.match(before[-1])))


_NOT_AMONG = tuple("国國央心华華文间間部午")


def _is_marker(text: str, marker: re.Match, figures_at: set[int],
               figure_ends: set[int]) -> bool:
    start, end = marker.span()
    if marker.group() in ("（", "("):
        return start in figure_ends  # 17例(广东8例…): right after the total
    if marker.group() == "中":
        # 5人中只有2人, 16名干部中: after the total and its noun; not 18人中国籍.
        return (not text.startswith(_NOT_AMONG, end)
                and any(start - k in figure_ends and regex.fullmatch(r"\p{Han}*", text[
                    start - k:start]) for k in range(0, 3)))
    if marker.group() != "其中":
        return True
    if start == 0 or text[start - 1] in _OPENS:
        return True
    return any(end + k in figures_at for k in range(0, 4))  # 通过其中21件


def _ends_clause(text: str, figure: Figure) -> bool:
    """Whether the clause ends after the figure (or goes on with 并: …2000亿元并纳入预算)."""
    return figure.end >= len(text) or text[figure.end] in "，,；;。！？!?）)并"


def _opens_clause(text: str, figure: Figure) -> bool:
    """Whether the figure starts its clause, after at most a short word (其中9包供检测，
    2包备份; 只有2人准担保，余下3人还押)."""
    before = text[max(0, figure.start - 4):figure.start]
    cut = max((before.rfind(c) for c in "，,；;：:（(中"), default=-1)
    return len(before) - cut - 1 <= 3 and (cut >= 0 or figure.start <= 3)


_NOUN_AFTER = regex.compile(r"[^\P{Han}的了在是和与及或被将把为有中]{2,8}")


def _other_noun(text: str, total: Figure, part: Figure) -> bool:
    """Whether the total and the part count different things, by the nouns right after them.

    ``9个电视监控考场，其中…31个考室``: 考场 and 考室 share no word and no head, so the
    rooms are not some of the exam halls.  Figures with no noun after them say nothing.
    """
    mine = _NOUN_AFTER.match(text, total.end)
    theirs = _NOUN_AFTER.match(text, part.end)
    if mine is None or theirs is None:
        return False
    a, b = mine.group(), theirs.group()
    return a[-1] != b[-1] and not _pairs(a) & _pairs(b)


def _run(period: Period, candidates: Sequence[Figure]) -> list[Figure]:
    """The parts: figures after the marker enumerated together.

    Items of one list (、 和 及) follow one another; a part may be followed by the
    next in a short clause of its own when both end their clauses (其中，代表团提出
    的26件，30名以上代表联名提出的272件) or both open them (其中9包供检测，2包备份).
    The first figure that is none of these ends the parts, and so does one in a clause
    that states a whole (总里程达…, 累计…).
    """
    text = period.text
    if not candidates:
        return []
    run = [candidates[0]]
    for figure in candidates[1:]:
        if _is_change(period, figure):
            break  # 赤字规模比上年预算减少1500亿元: a change ends the parts
        gap = text[run[-1].end:figure.start]
        if _joined(text, run[-1], figure):
            run.append(figure)
        elif _WHOLE_AGAIN.search(_clause_before(text, figure.start)):
            break  # 其中高速公路4.2万公里，高速公路总里程达9.56万公里: a whole, not a part
        elif (len(gap) <= 20 and len(_CLAUSE.findall(gap)) == 1
              and _same_unit(run[-1].quantity, figure.quantity)
              and (_ends_clause(text, run[-1]) and _ends_clause(text, figure)
                   or _opens_clause(text, run[-1]) and _opens_clause(text, figure))):
            run.append(figure)
        else:
            break
    return run


def _marked_groups(period: Period) -> Iterator[tuple[Figure, list[Figure], bool]]:
    """(total, parts, complete) for each part marker of the period."""
    text, figures = period.text, period.figures
    starts = [f.start for f in figures]
    ends = [f.end for f in figures]
    figures_at = {f.start for f in figures}
    figure_ends = set(ends)
    markers = [m for m in _MARKER.finditer(text)
               if _is_marker(text, m, figures_at, figure_ends)]
    for index, marker in enumerate(markers):
        stop = markers[index + 1].start() if index + 1 < len(markers) else len(text)
        before = bisect.bisect_right(ends, marker.start())
        if not before:
            continue
        beyond_change = False
        while (before >= 2 and figures[before - 1].quantity.kind not in _SUMMABLE
               and not beyond_change):
            before, beyond_change = before - 1, True  # 赤字8000亿元，赤字率下降到1.5%，其中…
        total = figures[before - 1]
        if _is_change(period, total) and before >= 2 and not beyond_change:
            # 赤字1.2万亿元，比去年预算增加4000亿元，其中…: 其中 is of the amount, not the change.
            earlier = figures[before - 2]
            if (_same_unit(earlier.quantity, total.quantity)
                    and len(_CLAUSE.findall(text, earlier.end, total.start)) == 1):
                total, before, beyond_change = earlier, before - 1, True
        gap = text[total.end:marker.start()]
        # The marker belongs to the total's clause or opens the next one: 共N人，其中…
        if len(_CLAUSE.findall(gap)) > 1 + beyond_change or len(gap) > 12 + 20 * beyond_change:
            continue
        if not _can_total(total.quantity) or _is_change(period, total):
            continue
        if before >= 2 and _joined(text, figures[before - 2], total):
            continue  # 156名平民死亡、741名平民受伤，其中…: of both figures, not one
        # 其中 and N中 say "of these" by themselves; 分别为 and a colon follow a total only
        # when the total says it is one (共有3所学校，分别为…; 合计卖超30.62亿元：…).
        if marker.group() in _NEED_TOTAL_WORD and not _TOTAL_WORD.search(
                _clause_before(text, total.start)):
            continue
        paren = marker.group() in "（("
        if paren:
            # 境外输入病例17例(广东8例，上海7例，北京1例，福建1例): the breakdown in brackets.
            close = text.find("）" if marker.group() == "（" else ")", marker.end())
            if gap or close < 0 or len(_CLAUSE.findall(text, marker.end(), close)) < 1:
                continue  # 30万元（约新台币132万元）: one figure in brackets is another reading
            stop = min(stop, close)
        first = bisect.bisect_left(starts, marker.end())
        last = bisect.bisect_right(ends, stop)
        parts = _run(period, [f for f in figures[first:last]
                            if _same_unit(total.quantity, f.quantity)])
        if any(_other_noun(text, total, part) for part in parts):
            continue
        if not parts or any(_is_change(period, p) or p.quantity.qualifier == "vague"
                            for p in parts):
            continue
        items = _items(text, parts, marker.end())
        if marker.group() == "中" and not (len(parts) >= 2 and _REST.search(items[-1])):
            continue  # N中 is a total's only with "the rest": 5人中只有2人…余下3人
        complete = len(parts) >= 2 and text[parts[-1].end:parts[-1].end + 1] != "等" and (
            marker.group() in COMPLETE_MARKERS
            or paren and not regex.search("等|其中|包括", text[marker.end():stop])
            or _complementary(items) or _graded(items) or bool(_REST.search(items[-1]))
            or _breakdown(text, parts, text[max(0, total.start - 8):total.end + 8],
                          marker.end(), closed=False))
        yield total, parts, complete


_SEPARATOR = regex.compile(r"[、，,；;。：:（）()]")


def _paired_groups(period: Period) -> Iterator[tuple[Figure, list[Figure], bool]]:
    """A total followed, clause by clause, by its two sides with no marker.

    ``应出席代表2956人，出席2877人，缺席79人``; ``应转移54468人，已紧急转移安置53808人，
    剩余660名``: the two figures after the total name the two sides of one whole
    (:data:`COMPLEMENTS`), so they are all of it.
    """
    text, figures = period.text, period.figures
    for i in range(1, len(figures) - 1):
        total, first, second = figures[i - 1], figures[i], figures[i + 1]
        if not (_same_unit(total.quantity, first.quantity)
                and _same_unit(first.quantity, second.quantity)):
            continue
        if any(len(_CLAUSE.findall(text, a.end, b.start)) != 1
               for a, b in ((total, first), (first, second))):
            continue
        if not _can_total(total.quantity) or any(_is_change(period, f)
                                                 for f in (total, first, second)):
            continue
        items = _items(text, [first, second], total.end)
        own = _items(text, [total], max(0, total.start - 12))[0]
        if _complementary(items) and not any(b in own for a, b in COMPLEMENTS if a in items[0]):
            yield total, [first, second], True


def _items(text: str, parts: Sequence[Figure], start: int) -> list[str]:
    """The text of each list item: the figure with its words up to the separators around it.

    ``包括34个核酸检测试剂、31个抗体检测试剂`` → ``34个核酸检测试剂``, ``31个抗体检测试剂``.
    """
    items = []
    for i, figure in enumerate(parts):
        left = parts[i - 1].end if i else start
        right = parts[i + 1].start if i + 1 < len(parts) else min(len(text), figure.end + 16)
        cut = left
        for match in _SEPARATOR.finditer(text, left, figure.start):
            cut = match.end()
        after = _SEPARATOR.search(text, figure.end, right)
        items.append(text[cut:after.start() if after else right])
    return items


def _complementary(items: Sequence[str]) -> bool:
    """Two parts, one naming each side of a pair (中央 … 地方, 男 … 女)."""
    if len(items) != 2:
        return False
    return any(a in items[0] and b not in items[0] and b in items[1]
               for a, b in COMPLEMENTS)


#: The last item is the rest of the whole: 5人中只有2人准担保，余下3人还押.
_REST = regex.compile(r"其余|其餘|其他|其它|余下|餘下|剩下|剩余|剩餘")
_GRADES = "特一二三四五六七八九"
_GRADE = regex.compile(r"([特一二三四五六七八九])(?:等|级|級|类|類)")


def _graded(items: Sequence[str]) -> bool:
    """Items named by consecutive grades from the first: 一等奖3项、二等奖48项; 特等…一等…."""
    grades = []
    for item in items:
        found = _GRADE.findall(item)
        if len(found) != 1:
            return False
        grades.append(_GRADES.index(found[0]))
    start = grades[0]
    return start <= 1 and grades == list(range(start, start + len(grades)))


def _breakdown(text: str, run: Sequence[Figure], near_total: str, start: int,
               closed: bool = True) -> bool:
    """Three or more items (closed by 和/及 if ``closed``; no 等), each naming the total's noun.

    ``一级党建管理网格17个、二级网格290个、三级网格846个、四级网格1871个和末梢网格6737个``
    under ``9761个党建网格``: a list of every kind of 网格 is the whole of them.
    """
    if len(run) < 3 or text[run[-1].end:run[-1].end + 1] == "等":
        return False
    if closed and not _CLOSING.search(text[run[-2].end:run[-1].start]):
        return False
    items = _items(text, run, max(start, run[0].start - 12))
    return bool(set.intersection(_pairs(near_total), *(_pairs(item) for item in items)))


def _pairs(text: str) -> set[str]:
    return {m.group(1) for m in _HAN_PAIR.finditer(text)} - _EMPTY_PAIRS


def _headline_groups(period: Period, totals: Sequence[Figure], headline: str
                     ) -> Iterator[tuple[Figure, list[Figure]]]:
    """(headline total, list) for each closed list that breaks a headline total down."""
    if not totals:
        return
    for run in _lists(period):
        for total in totals:
            if not all(_same_unit(total.quantity, f.quantity) for f in run):
                continue
            near_total = headline[max(0, total.start - 8):total.end + 8]
            if _breakdown(period.text, run, near_total, 0):
                yield total, run
                break


def _joined(text: str, left: Figure, right: Figure) -> bool:
    """Whether ``right`` follows ``left`` as the next item of one list (、 和 及, no comma)."""
    gap = text[left.end:right.start]
    return (bool(_LIST_JOIN.match(gap)) and ("、" in gap or bool(_CLOSING.search(gap)))
            and _same_unit(left.quantity, right.quantity))


def _lists(period: Period) -> Iterator[list[Figure]]:
    """Runs of figures of one unit joined as items of one list."""
    run: list[Figure] = []
    for figure in period.figures:
        if run and _joined(period.text, run[-1], figure):
            run.append(figure)
            continue
        if run:
            yield run
        run = [figure] if _can_total(figure.quantity) and not _is_change(period, figure) else []
    if run:
        yield run


def _written(q: Quantity) -> str:
    return "".join((q.normalized or q.text).split())


def _sum(parts: Sequence[Figure]) -> Interval:
    result = Interval.exact(Decimal(0))
    for part in parts:
        result = result + interval_of(part.quantity)
    return result


def _location(figure: Figure) -> Location:
    return Location.of(figure.quantity.span, figure.quantity.text)


_UNREAD = r"(?:[0-9０-９]|[零〇一二两三四五六七八九十百千万亿兩萬億])+"
_CLOSE_LIST = regex.compile(r"[；;。）)]")


_SCALES = (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("萬億", Decimal(10) ** 12),
           ("億", Decimal(10) ** 8), ("万", Decimal(10) ** 4), ("萬", Decimal(10) ** 4))


def _written_sum(parts: Sequence[Figure], total: Quantity | None) -> str:
    """The sum of the parts as written, in the total's scale: 9760个, 2.48万亿元, 110%."""
    value = sum((f.quantity.value or Decimal(0) for f in parts), Decimal(0))
    unit = parts[0].quantity.unit or "" if total is None else total.unit or ""
    scale = ""
    if total is not None:
        written = _written(total)
        for name, factor in _SCALES:
            if name in written:
                value, scale = value / factor, name
                break
    approximate = any(f.quantity.qualifier != "exact" for f in parts)
    return f"{'约' if approximate else ''}{format_decimal(value)}{scale}{unit}"


def _unread_figure(text: str, total: Figure, parts: Sequence[Figure]) -> bool:
    """Whether the list holds a figure in the total's unit that was not read as a part.

    A part the extractor missed (一例 in a list of 8例，7例) would make a complete list
    look short, so a sum below the total is not reported then.
    """
    unit = total.quantity.unit or ""
    cursor, rest = parts[0].start, []
    for part in parts:
        rest.append(text[cursor:part.start])
        cursor = part.end
    tail = text[cursor:cursor + 12]
    rest.append(tail[:_CLOSE_LIST.search(tail).start()] if _CLOSE_LIST.search(tail) else tail)
    pattern = _UNREAD + "(?:个|個)?" + regex.escape(unit)
    return any(regex.search(pattern, piece) for piece in rest)


def _judge(rule: Rule, text: str, total: Figure, parts: Sequence[Figure], complete: bool,
           said: str) -> Iterator[Finding]:
    whole = interval_of(total.quantity)
    unit = total.quantity.unit or ""
    if len(parts) == 1:
        part = parts[0]
        share = interval_of(part.quantity)
        if share.lo > whole.hi or (share.lo == whole.hi and whole.hi_open):
            yield Finding(rule=rule.id, level=rule.level,
                          message=(f"其中{_written(part.quantity)}超过总数"
                                   f"{_written(total.quantity)}：部分不能大于整体"),
                          location=_location(part), related=(_location(total),))
        return
    result = _sum(parts)
    if result.overlaps(whole):
        return
    above = result.lo >= whole.hi
    if not above and (not complete or _unread_figure(text, total, parts)):
        return  # 其中 a、b: the list may name only some of the parts
    terms = "+".join(_written(p.quantity).removesuffix(unit) for p in parts)
    where = "正文所列" if said == "标题说" else ""
    verdict = "超过" if above else "少于"
    yield Finding(rule=rule.id, level=rule.level,
                  message=(f"{said}{_written(total.quantity)}，{where}分项之和为"
                           f"{_written_sum(parts, total.quantity)}（{terms}），{verdict}总数"),
                  location=_location(total), related=tuple(_location(p) for p in parts))


def _shares(rule: Rule, period: Period) -> Iterator[Finding]:
    """Shares of one whole (占…%) in one sentence that add up to more than 100%."""
    text = period.text
    groups: dict[str, list[Figure]] = {}
    last: list[Figure] | None = None  # the group the previous share joined
    for figure in period.figures:
        q = figure.quantity
        if q.kind != "percent" or q.unit != "%" or q.lo is None or q.hi is None:
            last = None
            continue
        match = _SHARE.search(text, max(0, figure.start - 12), figure.start)
        if match is not None and _ONE_WHOLE.search(match["whole"]):
            last = groups.setdefault(match["whole"], [])
            last.append(figure)
        elif last is not None and regex.fullmatch(r"[、和及与]", text[last[-1].end:figure.start]):
            last.append(figure)  # 分别占45%、35%和28%
        else:
            last = None
    for whole, shares in groups.items():
        if len(shares) < 2:
            continue
        result = _sum(shares)
        if result.lo <= 100 and not (result.lo == 100 and result.lo_open):
            continue
        terms = "+".join(_written(f.quantity) for f in shares)
        of = f"占{whole}" if whole else "占"
        yield Finding(rule=rule.id, level=rule.level,
                      message=(f"同一整体的各部分{of}比例之和为{_written_sum(shares, None)}"
                               f"（{terms}），超过100%"),
                      location=_location(shares[0]),
                      related=tuple(_location(f) for f in shares[1:]))
