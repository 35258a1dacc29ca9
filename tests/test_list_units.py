"""A unit written once after a list of figures joined by 、 (``quantities.lists``), and 倍多.

Every phrase is copied from ../shared/bench/news-dev (the file and line are given) or made
to show one boundary; the suite needs no shared data.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

import factlint


def _readings(phrase: str) -> list[tuple[str, str | None, str, str]]:
    return [(q.text, q.unit, q.kind, str(q.lo)) for q in factlint.extract(phrase)]


SHARED = [
    # phrase, the bare figure, the unit and kind it takes; source
    ("82%，分别提高1.13、12.78个百分点。", "1.13", "个百分点", "percent",
     "simplified/0668.txt:9"),
    ("路从老街站站到机场，４０、５０分钟还是挺吃力的", "４０", "分钟", "duration",
     "simplified/0760.txt:9"),
    ("購物平台確實分別已899、999元的價格販售", "899", "元", "money", "traditional/0221.txt:3"),
    ("當天另有5、6名女子疑遭林男偷拍", "5", "名", "count", "traditional/0102.txt:3"),
    ("中南部地區則持續維持26、27度", "26", "度", "measure", "traditional/0251.txt:3"),
    ("至於後續的20、30名在網路辱罵", "20", "名", "count", "traditional/0276.txt:3"),
    ("工作時數分別為260.7、245.4、259.9、255.1、258.0、267.6小時", "260.7", "小时", "duration",
     "traditional/0099.txt:3"),
    ("要走3、4、5个", "3", "个", "count", "constructed: 个 handed on from 5 to 4 to 3"),
]


@pytest.mark.parametrize(("phrase", "figure", "unit", "kind", "source"), SHARED)
def test_a_list_shares_its_last_unit(phrase: str, figure: str, unit: str, kind: str,
                                     source: str) -> None:
    found = {text: (u, k) for text, u, k, _ in _readings(phrase)}
    assert found[figure] == (unit, kind), source


LEFT_ALONE = [
    # phrase, the figure that stays a bare number; why
    ("即使手上股票淨值下跌3、4成也老神在在", "3", "traditional/0273.txt:3: 成 scales (40 %)"),
    ("澳洲和台灣警方在2014、2105年間", "2014", "traditional/0176.txt:3: years, not 年 of time"),
    ("其中第 1、2、5 項是不定期的", "2", "traditional/0296.txt:3: ranks after 第"),
    ("小華接觸了編號1、2、3、4、5種廣告資訊", "1", "traditional/0069.txt:5: numbered items"),
    ("总投资3、5万元", "3", "constructed: 3 or 3万? the multiplier is not handed on"),
    ("\n3、5个工作组成立", "3", "constructed: a list item's number at the head of a line"),
    ("（3、5个", "3", "constructed: a number in brackets"),
    ("1、2、3", "1", "constructed: no unit anywhere"),
]


@pytest.mark.parametrize(("phrase", "figure", "why"), LEFT_ALONE)
def test_what_is_not_a_shared_unit(phrase: str, figure: str, why: str) -> None:
    found = {text: (u, k) for text, u, k, _ in _readings(phrase)}
    assert found[figure][0] is None, why


@pytest.mark.parametrize(("phrase", "text", "lo", "hi", "unit", "kind"), [
    ("林建良說，目前國內約有1.5萬輛遊覽車，平常有3、4000輛閒置，加上駕駛嚴重缺員",  # 0079.txt:3
     "3、4000輛", "3000", "4000", "辆", "count"),
    ("一起創業的夥伴都5、60歲，我們", "5、60歲", "50", "60", "岁", "age"),  # traditional/0209.txt:3
    ("现场2、30人聚集", "2、30人", "20", "30", "人", "count"),
])
def test_a_range_written_short(phrase: str, text: str, lo: str, hi: str, unit: str,
                               kind: str) -> None:
    """5、60歲 is fifty to sixty, as 五六十岁 is: one range, not 5 and 60."""
    found = factlint.extract(phrase)
    q = next(q for q in found if q.text == text)
    assert (q.lo, q.hi, q.qualifier, q.unit, q.kind) == (Decimal(lo), Decimal(hi), "range",
                                                          unit, kind)
    assert phrase[q.span.start:q.span.end] == text
    assert not [r for r in found if r is not q and r.span.start < q.span.end
                and q.span.start < r.span.end]


@pytest.mark.parametrize(("phrase", "figure"), [
    ("有1、2、30人", "1"),  # three figures: no range written short
    ("\n5、60人", "5"),  # an item's number at the head of a line
])
def test_no_range_written_short(phrase: str, figure: str) -> None:
    assert any(q.text == figure for q in factlint.extract(phrase))


@pytest.mark.parametrize(("phrase", "text", "lo", "hi"), [
    ("人均收入达到了17480元，十年增长了18倍多。", "18倍多", "18", "19"),  # simplified/0008.txt:17
    ("比林改前增长了3倍多，形成了经济林", "3倍多", "3", "4"),  # simplified/0302.txt:13
])
def test_more_after_times(phrase: str, text: str, lo: str, hi: str) -> None:
    q = next(q for q in factlint.extract(phrase) if q.text == text)
    assert (q.lo, q.hi, q.qualifier, q.unit) == (Decimal(lo), Decimal(hi), "more_than", "倍")


@pytest.mark.parametrize(("phrase", "figure"), [
    ("11/28 威力彩、雙贏彩、今彩539 頭獎均摃龜！", "539"),  # traditional/0018.txt:1
    ("第108000285期今彩539中獎號碼為", "539"),
])
def test_a_jackpot_is_not_a_head_count(phrase: str, figure: str) -> None:
    """頭獎 (the jackpot) after a lottery's name: 539 counts no 頭 of cattle."""
    assert all(q.unit != "头" for q in factlint.extract(phrase) if q.text.startswith(figure))


def test_head_still_counts_cattle() -> None:
    assert [(q.text, q.unit) for q in factlint.extract("养了50头牛")] == [("50头", "头")]


def test_about_a_range_written_short() -> None:
    """大約有5、60人 is about fifty to sixty people, widened as 约50至60人 is."""
    phrase = "性目擊民眾向記者表示，衝突當下見到大約有5、60人聚集在門外吵架"  # traditional/0153.txt
    (q,) = [q for q in factlint.extract(phrase) if q.kind == "count"]
    assert (q.text, q.lo, q.hi, q.qualifier, q.unit) == (
        "大約有5、60人", Decimal(45), Decimal(66), "about", "人")
    same = next(r for r in factlint.extract("现场约50至60人") if r.unit == "人")
    assert (q.lo, q.hi) == (same.lo, same.hi)
