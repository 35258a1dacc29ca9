"""share-bounds: a share of a whole over 100%, or a count of people or things below zero.

Why it matters: a share is a part of its whole, so 占总人口的112% or a
覆盖率 of 105% is a typo (a slipped digit, 10.5% typed as 105%) that readers
notice at once; so is a count of people that comes out negative (-3人).

What counts as a share (the words right before the figure, in its clause):
占 / 占比 / 比重 (the share of a whole: 占全省95.5%), or a rate that is a share
of a population by definition: 覆盖率, 普及率, 接入率, 入学率, 参保率, 接种率,
合格率, 达标率, 优良率, 治愈率, 病死率, 城镇化率, 国产化率, 占有率, 出勤率,
到岗率, 投票率, 就业率, 失业率, 识字率, 入住率, 空置率, 处理率, 通过率, 录取率,
升学率, 好评率 and the like.  Never a share: a growth rate or a change
(增长150%, 提高到120%, 同比, 环比), 倍, a return or interest rate (收益率,
利率), a completion rate (完成率 120% is over plan), and the ratios that are
meant to pass 100% (拨备覆盖率, 流动性覆盖率, 偿付能力充足率, 杠杆率, 负债率),
nor 占 of a ratio to another figure (债务占GDP的比重 can be 250%), a gross
enrolment rate (毛入学率 counts pupils of any age: 104%) or telephone
penetration per hundred people (移动电话普及率 112%).  A share is
over 100% when all of its interval (15% is 14.5–15.5%) lies above 100.

A count is negative when all of its interval lies below zero and it is not a
change (净增-5人, 增长-2人 are changes, which may be negative).

Level: warning.  A share of a whole over 100% or a negative count cannot be true,
but the check raised nothing on 3 M characters of real copy (news-dev, pd1998),
so there is no measure yet of how often it is right; ``levels: {share-bounds:
error}`` makes it fail a run.  Fires::

    全市农村自来水普及率达到105%
    → 普及率105%超过100%：比例不能大于整体

Does not fire::

    全年货物进出口总额增长150%，是去年的2.5倍。
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from ..model import Corpus, Document, Finding, Location, Quantity
from . import CheckContext, Rule
from ._passages import Figure, periods
from ._support import interval_of

NAME = "share-bounds"
DEFAULT_LEVEL = "warning"
DESCRIPTION = ("A share of a whole (占, 比重, 覆盖率, 普及率 …) over 100%, or a count of "
               "people or things below zero.")

#: Rates that are a share of a population by definition (simplified and traditional).
SHARE_RATES: tuple[str, ...] = (
    "覆盖率", "覆蓋率", "普及率", "接入率", "入学率", "入學率", "参保率", "參保率", "接种率",
    "接種率", "合格率", "达标率", "達標率", "优良率", "優良率", "治愈率", "治癒率", "病死率",
    "死亡率", "感染率", "城镇化率", "城鎮化率", "国产化率", "國產化率", "占有率", "佔有率",
    "出勤率", "到岗率", "投票率", "就业率", "就業率", "失业率", "失業率", "识字率", "識字率",
    "入住率", "空置率", "處理率", "处理率", "通过率", "通過率", "录取率", "錄取率", "升学率",
    "升學率", "好评率", "好評率", "出席率", "完好率", "正确率", "準確率", "准确率", "渗透率",
    "滲透率", "发生率", "發生率", "知晓率", "知曉率", "签约率", "簽約率",
)
_SHARE_WORD = regex.compile(
    r"(?:占比|佔比|比重|占|佔|" + "|".join(SHARE_RATES) + r")"
    r"[^，,；;。！？!?\d０-９]{0,8}$")
#: Words in the clause that make the figure not a share of a whole.
_NOT_A_SHARE = regex.compile(
    r"增长|增長|增幅|增速|增加|提高|上升|下降|降低|减少|減少|同比|环比|環比|超额|超額|"
    r"收益率|利率|回报率|報酬率|完成率|拨备|撥備|流动性|流動性|充足率|杠杆|槓桿|负债|負債|"
    r"债务|債務|赤字|外债|溢价|溢價|换手|換手|倍|成长|成長|增值|涨|漲|跌|高出|"
    r"毛入学|毛入學|毛入园|毛入園|毛升学|手机|手機|移动电话|移動電話|电话|電話|每百人")
_CHANGE = regex.compile(r"增|减|減|净|淨|变化|變化|差|下降|上升|比")
_CLAUSE = regex.compile(r"[，,；;。！？!?：:]")
#: Count units of people and things that cannot be negative.
_COUNTED = frozenset({"人", "名", "位", "户", "戶", "家", "所", "个", "個", "件", "起", "例",
                      "辆", "輛", "座", "套", "头", "頭", "只", "艘", "架", "台", "间", "間"})


SCOPE = "document"  # what it reads: one document at a time


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    for document in corpus.documents:
        yield from _check_document(rule, document)


def _clause(text: str, figure: Figure) -> str:
    cut = 0
    for match in _CLAUSE.finditer(text, max(0, figure.start - 30), figure.start):
        cut = match.end()
    return text[max(cut, figure.start - 30):figure.start]


def _out_of_bounds(q: Quantity) -> bool:
    """Whether the figure, as written, is a share over 100% or a count below zero."""
    if q.lo is None or q.iso is not None:
        return False
    if q.kind == "percent" and q.unit == "%":
        return q.lo > 100
    return q.kind == "count" and q.hi is not None and q.hi < 0


def _check_document(rule: Rule, document: Document) -> Iterator[Finding]:
    if not any(_out_of_bounds(q) for q in document.quantities):
        return  # most documents: no figure to look at, so no periods to place it in
    for period in periods(document):
        for figure in period.figures:
            q = figure.quantity
            # Widening by the rounding only lowers lo and raises hi: a share written at
            # most 100 or a count written at least 0 is within bounds, whatever it says.
            if not _out_of_bounds(q):
                continue
            clause = _clause(period.text, figure)
            written = "".join((q.normalized or q.text).split())
            if q.kind == "percent" and q.unit == "%":
                share = _SHARE_WORD.search(clause)
                if share is None or _NOT_A_SHARE.search(clause):
                    continue
                low = interval_of(q).lo
                if low > 100:
                    word = share.group().rstrip("的为為达達到了是约約")
                    yield Finding(rule=rule.id, level=rule.level,
                                  message=(f"{word}{written}超过100%："
                                           f"部分占整体的比例不能大于100%"),
                                  location=Location.of(q.span, q.text))
            elif q.kind == "count" and q.unit in _COUNTED and q.hi is not None:
                whole = interval_of(q)
                if whole.hi < 0 and not (whole.hi == 0 and whole.hi_open) \
                        and not _CHANGE.search(clause):
                    yield Finding(rule=rule.id, level=rule.level,
                                  message=f"{written}：人数或件数不能小于零",
                                  location=Location.of(q.span, q.text))
