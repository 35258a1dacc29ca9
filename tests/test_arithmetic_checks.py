"""The built-in arithmetic checks on sentences of real copy: must fire, must not fire.

Sentences come from ../shared/bench/news-dev/ (file named in each case) and the
seeds; a "must fire" case is the real sentence with one figure changed, the way
a typo changes it.  The suite needs only what is written here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint.corpus import load_corpus, load_document
from factlint.model import Corpus
from factlint.rules import (
    BUILTINS,
    CheckContext,
    Rule,
    range_vs_duration,
    share_bounds,
    total_vs_parts,
)
from factlint.rules._passages import periods

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MODULES = (total_vs_parts, range_vs_duration, share_bounds)


def run(module, text: str, path: str = "a.txt"):
    rule = Rule(id=module.NAME, type=module.NAME, level=module.DEFAULT_LEVEL,
                message=module.DESCRIPTION)
    document = load_document(path, text, year=2020)
    return list(module.check(rule, Corpus((document,)), CheckContext()))


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.NAME)
def test_module_protocol_and_registration(module) -> None:
    assert module.NAME in BUILTINS
    assert module.DEFAULT_LEVEL in ("error", "warning", "info")
    doc = module.__doc__
    assert "Why it matters" in doc and "Fires::" in doc and "Does not fire::" in doc


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.NAME)
def test_silent_on_the_seeds(module) -> None:
    corpus, errors = load_corpus([str(SEEDS)])
    assert not errors
    assert list(module.check(Rule(id=module.NAME, type=module.NAME, level="warning",
                                  message=""), corpus, CheckContext())) == []


# -- total-vs-parts ---------------------------------------------------------------------

GRID = ("安徽蒙城：9761个党建网格疫情防控全覆盖\n\n本报讯（葛新爱 王飞 王少峰）在疫情防控中，"
        "安徽省蒙城县利用基层党建网络，依靠覆盖城乡的6737个末梢网格，让广大党员志愿者入网定格。"
        "目前，该县已建立一级党建管理网格17个、二级网格290个、三级网格846个、四级网格1871个和"
        "末梢网格6737个。")


def test_seed_grid_total_caught_without_a_rule_when_one_part_changes() -> None:
    assert run(total_vs_parts, GRID) == []
    [finding] = run(total_vs_parts, GRID.replace("末梢网格6737个。", "末梢网格6736个。"))
    assert finding.message == ("标题说9761个，正文所列分项之和为9760个"
                               "（17+290+846+1871+6736），少于总数")
    assert finding.location.text == "9761个"
    assert [r.text for r in finding.related] == ["17个", "290个", "846个", "1871个", "6736个"]
    [finding] = run(total_vs_parts, GRID.replace("二级网格290个", "二级网格390个"))
    assert "分项之和为9861个" in finding.message and "超过总数" in finding.message


def test_seed_file_with_one_part_changed(tmp_path) -> None:
    # The OCR page itself: the list runs over blank lines (290 / 个 、三 级 网 格 846 个).
    text = (SEEDS / "003_d84f8fc48e376cc1.txt").read_text(encoding="utf-8")
    changed = text.replace("1871个和末梢网格6737个。", "1871个和末梢网格6736个。")
    [finding] = run(total_vs_parts, changed, "seeds/003.txt")
    assert (finding.location.line, finding.location.text) == (329, "9761个")
    assert {r.line for r in finding.related} == {348, 350, 352}


@pytest.mark.parametrize("text", [
    # statistics/0026: 中央 and 地方 are the two sides of the deficit
    "财政赤字2.38万亿元，其中中央财政赤字1.55万亿元，地方财政赤字8300亿元。",
    # statistics/0021: the 其中 is of the deficit, not of its increase
    "今年拟安排财政赤字1.2万亿元，比去年预算增加4000亿元，其中中央财政赤字8500亿元，代地方发债3500亿元。",
    # simplified/0841: a breakdown in brackets
    "其中境外输入病例39例（上海18例，广东8例，广西5例，山东3例，北京2例，天津2例，河南1例），含5例由无症状感染者转为确诊病例。",
    # simplified/0685: grades from the first
    "国家自然科学奖51项，其中一等奖3项、二等奖48项；国家科学技术进步奖149项，其中特等奖3项、一等奖13项、二等奖133项。",
    # simplified/0211: attendance, the two sides of 应出席
    "会议应出席代表2956人，出席2877人，缺席79人，出席人数符合法定人数。",
    # traditional/0194: N中 … 餘下
    "5人中只有2人准擔保，餘下3人還押懲教署看管。",
    # simplified/0212: parts in clauses of their own
    "到3月8日12时，大会秘书处共收到298件议案，其中，代表团提出的26件，30名以上代表联名提出的272件。",
])
def test_totals_that_add_up_are_silent(text: str) -> None:
    assert run(total_vs_parts, text) == []


@pytest.mark.parametrize(("text", "words"), [
    ("财政赤字2.38万亿元，其中中央财政赤字1.55万亿元，地方财政赤字7300亿元。",
     ["合计2.38万亿元，分项之和为2.28万亿元", "少于总数"]),
    ("财政赤字2.38万亿元，其中中央财政赤字1.65万亿元，地方财政赤字8300亿元。", ["超过总数"]),
    ("其中境外输入病例39例（上海18例，广东7例，广西5例，山东3例，北京2例，天津2例，河南1例）。",
     ["分项之和为38例（18+7+5+3+2+2+1）"]),
    ("国家自然科学奖51项，其中一等奖3项、二等奖47项。", ["分项之和为50项"]),
    ("会议应出席代表2956人，出席2877人，缺席97人，出席人数符合法定人数。", ["分项之和为2974人"]),
    ("5人中只有2人准擔保，餘下4人還押懲教署看管。", ["超过总数"]),
    ("到3月8日12时，大会秘书处共收到298件议案，其中，代表团提出的36件，30名以上代表联名提出的272件。",
     ["分项之和为308件"]),
    # simplified/0183: 其中 a part above its whole
    ("“天网2023”行动共追回外逃人员1278人，其中党员和国家工作人员1400人，“红通人员”48人。",
     ["超过总数"]),
    ("中国代表团共1329人，其中参赛运动员1886人，将参加本届亚运会38个大项、407个小项的角逐。",
     ["其中1886人超过总数1329人：部分不能大于整体"]),
])
def test_a_changed_part_is_caught(text: str, words: list[str]) -> None:
    [finding] = run(total_vs_parts, text)
    assert finding.level == "warning"
    for word in words:
        assert word in finding.message, finding.message


@pytest.mark.parametrize("text", [
    # simplified/0181: 其中7件 and the figures of later clauses are not its parts
    "赵乐际说，会议共审议13件法律和决定草案，通过其中7件，决定将1件提请大会审议，听取审议4个专项"
    "工作报告和2个执法检查报告，审议通过5个专门委员会关于代表议案审议结果的报告，决定批准2件条约。",
    # simplified/0061: 参与其中 is no part marker
    "共建“一带一路”已吸引世界上超过四分之三的国家和32个国际组织参与其中，在全球拉动近万亿美元投资规模，"
    "形成3000多个合作项目，为沿线国家创造42万个工作岗位。",
    # simplified/0813: 另有 opens another count
    "２０１３年伊拉克发生的各种恐怖袭击和暴力冲突共导致８８６８人死亡，其中７８１８人是平民，另有超过１．８万人受伤。",
    # statistics/0015: an average is not a total
    "从2003年到2006年年均超收2040亿元，其中去年超收2573亿元。",
    # traditional/0217: net selling adds up with signs
    "三大法人合計賣超 30.62 億元：外資賣超 57.48 億元、投信賣超 7.41 億元、自營商買超 34.27 億元。",
    # traditional/0265, simplified/0076: one figure in brackets is another reading
    "和人資部門協商拿了人民幣30萬元（約新台幣132萬元）的離職賠償費。",
    "事故的直接原因是违法违规建设的原五层（局部六层）房屋建筑质量差。",
    # simplified/0288: a weight class
    "在男子102公斤级比赛中，中国选手刘焕华以抓举186公斤、挺举220公斤，406公斤的总成绩夺得冠军。",
    # simplified/0208: 中心 is not 中
    "社区卫生服务中心和乡镇卫生院中医馆增至4万多个，已建设46个国家中医药传承创新中心、321个高水平中医重点学科。",
    # simplified/0183: 其中 names some of the parts: a sum below the total is no finding
    "“天网2023”行动共追回外逃人员1278人，其中党员和国家工作人员140人，“红通人员”48人，追回赃款29.12亿元。",
    # simplified/0813: 其中 of two figures listed before it
    "安巴尔省的暴力事件共导致至少１５６名平民死亡、７４１名平民受伤，其中首府拉马迪有８０人死亡、４４８人受伤。",
    # simplified/0841 with a part the reader cannot take (一例): no sum below the total
    "其中境外输入病例39例（上海18例，广东8例，广西5例，山东3例，北京2例，天津2例，河南一例）。",
    # pd1998-sample: the rooms of one hall are not some of the halls
    "武汉等5个城市投资建设9个电视监控考场，其中鄂州市建成的电视监控考场有总监督室和31个考室，"
    "可容纳930人同时考试。",
    # traditional/0187: 平均 is not a total; 各 is per item
    "這產業平均年薪120萬元，其中以神基與宏碁兩家工業與消費電子品牌是薪資最高的，各有160萬元以上行情。",
])
def test_not_a_total_and_its_parts(text: str) -> None:
    assert run(total_vs_parts, text) == []


def test_a_clause_stating_a_whole_is_not_the_next_part() -> None:
    # statistics/0021: 9.56万公里 is all expressway, not a part of the new roads.
    real = "新增公路60.9万公里，其中高速公路4.2万公里，高速公路总里程达9.56万公里;"
    document = load_document("a.txt", real, year=2020)
    [period] = [p for p in periods(document) if p.figures]
    groups = [(total.quantity.text, [part.quantity.text for part in parts])
              for total, parts, _ in total_vs_parts._marked_groups(period)]
    assert groups == [("60.9万公里", ["4.2万公里"])]
    # The same report with fewer new roads than the stock of expressway.
    assert run(total_vs_parts, real.replace("60.9万公里", "6.9万公里")) == []
    # A further part in a clause of its own still counts.
    [finding] = run(total_vs_parts, "新增公路6.9万公里，其中高速公路4.2万公里，一级公路3.5万公里。")
    assert "（4.2万+3.5万）" in finding.message


@pytest.mark.parametrize("text", [
    "财政赤字２．３８万亿元，其中中央财政赤字１．５５万亿元，地方财政赤字８３００亿元。",
    "财政赤字2.38万亿元，其中中央财政赤字15500亿元，地方财政赤字0.83万亿元。",
    "会议应出席代表二千九百五十六人，出席二千八百七十七人，缺席七十九人。",
])
def test_value_preserving_rewrites_are_silent(text: str) -> None:
    assert run(total_vs_parts, text) == []


def test_shares_of_one_whole_past_100_percent() -> None:
    text = ("第一产业增加值占国内生产总值的比重为7.3%，第二产业增加值占国内生产总值的比重为39.4%，"
            "第三产业增加值占国内生产总值的比重为63.3%。")
    [finding] = run(total_vs_parts, text)
    assert "比例之和为110%（7.3%+39.4%+63.3%），超过100%" in finding.message
    assert len(finding.related) == 2
    assert run(total_vs_parts, text.replace("63.3%", "53.3%")) == []
    # simplified/0203: each share is of its own national total
    assert run(total_vs_parts, "水电、风电、太阳能发电量分别占全国的75.7%、45.5%、49.8%。") == []


# -- range-vs-duration ------------------------------------------------------------------

SURVEY = ("2月17日至19日，一场前所未有的大排查在武汉上演。"
          "全市社区党组织紧急动员，3天时间，72个小时，排查7148个小区，近1000万人口。")


def test_date_range_against_days() -> None:
    assert run(range_vs_duration, SURVEY) == []
    [finding] = run(range_vs_duration, SURVEY.replace("17日至19日", "17日至20日"))
    assert finding.message == "2月17日至20日首尾共4天，与3天不符"
    assert finding.location.text == "3天" and finding.related[0].text == "2月17日至20日"


def test_days_restated_in_hours() -> None:
    [finding] = run(range_vs_duration, SURVEY.replace("72个小时", "48个小时"))
    assert finding.location.text == "48个小时" and finding.related[0].text == "3天"
    assert "3天是2.5–3.5天" in finding.message


@pytest.mark.parametrize("text", [
    # traditional/0099: a range and the days it lasts, inclusive
    "總6月10日到7月12日，33天內李男僅6月23日1天休假日。",
    "门诊7天24小时不间断提供服务。",
    "全年365天、每天24小时都有人值守。",
    "会议于3月5日至11日举行，其间代表们用了2天时间分组审议。",
    "1月1日至3月31日，工作组用20天时间完成了全市的排查。",
])
def test_range_vs_duration_silent(text: str) -> None:
    assert run(range_vs_duration, text) == []


def test_range_vs_duration_fires_on_a_changed_count_of_days() -> None:
    [finding] = run(range_vs_duration, "總6月10日到7月12日，31天內李男僅6月23日1天休假日。")
    assert "首尾共33天" in finding.message


def test_days_written_as_n_ri() -> None:
    # traditional/0099: 連續工作13日, which the reader takes for a date (the 13th)
    text = ("查出2013年5月5日至17日連續工作13日、同年6月10日至22日則是連續工作13日、"
            "同年6月24日至7月12日則連續工作19日。")
    assert run(range_vs_duration, text) == []
    changed = text.replace("7月12日則連續工作19日", "7月12日則連續工作18日")
    [finding] = run(range_vs_duration, changed)
    assert finding.message == "6月24日至7月12日首尾共19天，与18日不符"


# -- share-bounds ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "shown"), [
    ("建制村宽带和4G信号覆盖率达到103%。", "覆盖率103%"),   # simplified: 达到100%
    ("因灾死亡失踪398人，其中郑州市380人、占全省195.5%。", "占全省195.5%"),  # simplified/…: 95.5%
])
def test_share_over_100_percent(text: str, shown: str) -> None:
    [finding] = run(share_bounds, text)
    assert finding.level == "warning"
    assert finding.message.startswith(shown), finding.message


@pytest.mark.parametrize("text", [
    "将科技型中小企业加计扣除比例从75%提高到100%。",
    "一筆逆回購利率為1000%，交100手。",           # traditional: an interest rate
    "純益年複合成長率 282%。",                   # traditional: a growth rate
    "全年货物进出口总额增长150%，是去年的2.5倍。",
    "该行拨备覆盖率为205%，流动性覆盖率为138%。",
    "政府债务占GDP的比重为250%。",
    "小学毛入学率达到104%，初中毛入学率为100.5%。",
    "全省移动电话普及率达到112%。",
    "村里的农村生活污水处理率达到100%。",
])
def test_not_a_share_over_100_percent(text: str) -> None:
    assert run(share_bounds, text) == []


def test_negative_count() -> None:
    [finding] = run(share_bounds, "因灾死亡失踪-398人。")
    assert "不能小于零" in finding.message
    assert run(share_bounds, "户籍人口比上年净增-398人。") == []


# -- periods ---------------------------------------------------------------------------

def test_periods_join_sentences_cut_by_blank_lines_and_keep_headlines() -> None:
    text = ("安徽蒙城：9761个党建网格\n\n目前，该县已建立一级\n\n"
            "党建管理网格17个、二级网格290\n\n个、三级网格846个。")
    found = periods(load_document("a.txt", text))
    assert [p.headline for p in found] == [True, False]
    assert [f.quantity.text for f in found[1].figures] == ["17个", "290\n\n个", "846个"]


def test_periods_are_what_their_dataclasses_build_and_serve_the_last_document() -> None:
    """periods() builds Period and Figure without their __init__; they must be the same
    objects the dataclasses make, and a second document must get its own periods."""
    import dataclasses
    import pickle

    from factlint.rules._passages import Figure, Period

    first = load_document("a.txt", "安徽蒙城：9761个党建网格\n\n一级网格17个、二级网格290个。")
    second = load_document("b.txt", "全县共有党员3000多名，其中女党员1200名。")
    found = periods(first)
    assert periods(first) is found  # asked again by the next check: not read again
    for period in found:
        made = Period(period.text, tuple(Figure(f.quantity, f.start, f.end)
                                         for f in period.figures),
                      period.headline, period.first, period.start)
        assert (period, hash(period), repr(period)) == (made, hash(made), repr(made))
        assert not hasattr(period, "__dict__")
        assert pickle.loads(pickle.dumps(period)) == made
        with pytest.raises(dataclasses.FrozenInstanceError):
            period.text = ""  # type: ignore[misc]
    other = periods(second)
    assert [f.quantity.text for p in other for f in p.figures] == ["3000多名", "1200名"]
    assert periods(first) == found  # read again, the same
