"""The one notion of a headline (claims/headline.py), shared by restatement and the
arithmetic checks' periods (rules/_passages.py).

Every line below is copied from real copy: news-dev (the path names the file) or the
seeds.  The two notions the checks had before issue 10 disagreed on each class of
lines here; bench/labels/headlines/sample.tsv holds the lines as read and labelled.
"""

from __future__ import annotations

import pytest

from factlint.claims.headline import headlines, layout
from factlint.corpus import load_document
from factlint.rules._passages import periods

#: Body paragraphs around a line under test (a sub-headline follows a paragraph that
#: ended its sentence and is not the last paragraph of the file).
BEFORE = "近日，工业和信息化部已组织11家重点生产企业分4批向全国31个省份供货。"
AFTER = "今天（10月17日），长江干流白鹤滩、向家坝、三峡等六座电站累计发电量突破4万亿千瓦时。"


def _page(line: str) -> str:
    return f"标题在此\n\n{BEFORE}\n\n{line}\n\n{AFTER}\n"


def _called_headline(text: str, line: str) -> bool:
    at = text.index(line)
    return any(start <= at and at + len(line) <= end for start, end in headlines(text))


SUB_HEADLINES = [
    # simplified/0041.txt: a bulletin's sub-headline
    "我国向基层医疗卫生机构供应指氧仪117.2万只",
    # simplified/0273.txt, statistics/0008.txt: section headings with a comma
    "一、弘扬“上海精神”，推动上海合作组织发展实现新跨越",
    "八、从严治政，加强政府自身建设",
    # statistics/0011.txt, statistics/0015.txt: numbered in brackets
    "（四）深化经济体制改革和扩大对外开放",
    "（五）维护社会安定和谐",
    # simplified/0010.txt, simplified/0057.txt: with a colon
    "林丹：用心用情当好百姓服务员",
    "生态环境部：今年完成重点流域湖泊海湾等排污口排查",
    # simplified/0739.txt, simplified/0718.txt: ending in 万 (not cut mid-phrase)
    "已募集善款７０余万",
    "遇难群众每人１万　因公殉职每人２万　烈士每人３万",
    # seeds/004: one headline over two printed lines
    "党建引领 主动作为\n把社区疫情防控各项部署落到实处",
    # an office and a name with no space between them: a headline, not a signature
    "习近平会见法国总统马克龙",
]

NOT_HEADLINES = [
    # simplified/0082.txt: a dateline introducing the body
    "央视网消息（新闻联播）：",
    # simplified/0766.txt: a line introducing a list
    "视频入围作品展示如下：",
    # statistics/0003.txt: a salutation
    "各位代表！",
    # simplified/0729.txt, simplified/0772.txt: bylines
    "本报记者　黄轶涵／文　黄昕／漫画",
    "记者　魏奋",
    # seeds/000: a photo credit
    "新华社记者\n王迪 摄",
    # simplified/0033.txt, statistics/0031.txt: the author of a signed article or report
    "中华人民共和国主席　习近平",
    "国务院总理李　强",
    # simplified/0331.txt: a sentence of its own paragraph ending in ！
    "全国秋粮收获接近尾声，又是一个丰收季！",
    # statistics/0020.txt: a sentence that lost its 。
    "现在，我代表国务院，向大会报告政府工作，请各位代表审议，并请全国政协委员提出意见",
    # simplified/0373.txt: sentences ending in ！
    "大家好！时间过得很快，新的一年即将到来，我在北京向大家致以美好的祝福！",
    # simplified/0164.txt: a topic sentence with its 。
    "牢记嘱托，勇立潮头。",
    # a paragraph in brackets: a byline, a live-blog stamp
    "（记者 张三）",
    "【23:05】",
    # a separator
    "---",
]


@pytest.mark.parametrize(("line", "headline"), [(line, True) for line in SUB_HEADLINES]
                         + [(line, False) for line in NOT_HEADLINES])
def test_which_paragraphs_are_sub_headlines(line: str, headline: bool) -> None:
    text = _page(line)
    assert _called_headline(text, line) is headline


TITLES = [
    # simplified/0131.txt: a title over 40 characters (the periods notion stopped at 40)
    "奋力推动东北全面振兴取得新突破——习近平总书记在新时代推动东北全面振兴座谈会上的重要讲话引发热烈反响",
    # traditional/0006.txt, traditional/0325.txt: ！ inside a title does not end it
    "崩潰！Yahoo罕見全球大當機，網友哀嚎信箱無法登入",
    "2019 Neo Star揭曉！首獎由AI語音管家犀動智能奪得，5G、區塊鏈團隊也是贏家",
    # traditional/0186.txt: a title ending in ？
    "阿根廷再次倒下，南非幣會是下一個嗎？",
    # traditional/0154.txt: a title ending in a date-like 4年2月 (a sentence)
    "關西鎮代羅吉強 涉宴客賄選判4年2月",
]


@pytest.mark.parametrize("title", TITLES)
def test_titles_from_real_copy(title: str) -> None:
    text = f"{title}\n\n{BEFORE}\n\n{AFTER}\n"
    found = headlines(text)
    assert found and text[found[0][0]:found[0][1]] == title
    assert layout(text).has_title


def test_title_with_its_subtitle_on_the_next_line() -> None:
    # seeds/003: a title and its —— subtitle, then the author's name
    text = (" 战“疫”路上，组工干部勇向前\n——青海省玉树州委组织部带头抗击疫情做表率\n\n"
            "旦正措\n\n正文。\n")
    start, end = headlines(text)[0]
    assert text[start:end] == "战“疫”路上，组工干部勇向前\n——青海省玉树州委组织部带头抗击疫情做表率"


def test_title_followed_by_the_body_after_one_line_break() -> None:
    text = "一季度GDP增长15.6%\n一季度，全市GDP同比增长16.5%。\n\n第二段。\n"
    page = layout(text)
    assert [text[a:b] for a, b in page.headlines] == ["一季度GDP增长15.6%"]
    assert page.is_lead(text.index("全市"))


@pytest.mark.parametrize("text", [
    # statistics, no title: the first line is a sentence
    "新华社北京3月10日电 全国已有7436万多名党员自愿捐款，共捐款76.8亿元。\n",
    # traditional/0201.txt: the first sentence ends in ！ and the line runs on
    "基本工資審議委員會今天(14日)上午登場，最終會議結果已於下午四點左右正式出爐！"
    "在「時薪」部份，預計從150元，提高到158元，增幅為5.33%；\n",
    # simplified/0540.txt opens a speech with its salutation
    "同志们！\n\n今天我们召开大会。\n",
])
def test_untitled_files(text: str) -> None:
    assert headlines(text) == ()
    assert not layout(text).has_title


def test_a_table_set_one_cell_a_paragraph_has_no_headlines() -> None:
    # simplified/0749.txt: a city, then how its fare changed, one cell a paragraph
    cells = ["当前收费", "调整情况", "青岛", "无", "南昌", "无", "宁波", "２．００元／运次",
             "温州", "不调整"]
    text = "出租车燃油费跟涨不跟跌　全国仅有１１个城市下调\n\n" + "\n\n".join(cells) + \
        f"\n\n{AFTER}\n"
    assert [text[a:b] for a, b in headlines(text)] == [
        "出租车燃油费跟涨不跟跌　全国仅有１１个城市下调"]


#: seeds/003: an OCR'd page with a blank line after every printed line.
PRINTED = """ 战“疫”路上，组工干部勇向前
——青海省玉树州委组织部带头抗击疫情做表率

旦正措

面，切身体会群众的所急所盼，在政

治上、组织上、生活上竭力关心关爱

防疫一线党员干部。忻州市委组织

部先后拨付 200余万元党费支援防

控一线。市委常委、组织部长秦书义

同志深入到市容环境卫生服务中心

环卫管理二所、忻府区长征街办事

处公园东街社区等地，就环卫服务

防疫，借助网格化加强社区治理、提

升防疫水平等开展调研服务，并为

一线环卫工人代表送上慰问金。部

务会其他成员分成5组行动，及时将

慰问金送到一线医务工作者和基层

党员、干部、群众代表手中。

政治检验在一线 让无私

奉献者聚初心

大疫当前，大战正急。

疫情防控进入关键阶段，山

西省忻州市委组织部冲锋

在前。
"""


def test_printed_lines_cut_mid_phrase_are_not_headlines() -> None:
    found = [PRINTED[a:b] for a, b in headlines(PRINTED)]
    assert found == ["战“疫”路上，组工干部勇向前\n——青海省玉树州委组织部带头抗击疫情做表率",
                     "政治检验在一线 让无私", "奉献者聚初心"]


def test_the_author_under_a_headline_is_not_one_and_the_next_headline_still_is() -> None:
    # simplified/0540.txt: a speech's title, then its speaker, then the salutation
    text = ("习近平关于建议的说明\n\n央视网消息（新闻联播）：\n\n关于《建议》的说明\n\n习近平\n\n"
            "同志们：\n\n受中央政治局委托，我就《建议》向全会作说明。\n\n完。\n")
    assert [text[a:b] for a, b in headlines(text)] == ["习近平关于建议的说明", "关于《建议》的说明"]


def test_a_headline_over_printed_lines_split_by_a_blank_line() -> None:
    # seeds/000: 把堡垒筑在最前沿 / 让党旗在疫情防控一线 / (blank) / 高高飘扬
    text = (f"标题在此\n\n{BEFORE}\n\n把堡垒筑在最前沿\n让党旗在疫情防控一线\n\n高高飘扬\n\n"
            f"{AFTER}\n")
    assert [text[a:b] for a, b in headlines(text)][1:] == [
        "把堡垒筑在最前沿\n让党旗在疫情防控一线", "高高飘扬"]


def test_an_ocr_page_short_of_twenty_lines_is_read_as_printed_lines() -> None:
    text = ("安徽蒙城：9761个党建网格\n\n目前，该县已建立一级\n\n"
            "党建管理网格17个、二级网格290\n\n个、三级网格846个。")
    assert [text[a:b] for a, b in headlines(text)] == ["安徽蒙城：9761个党建网格"]


# -- both consumers -------------------------------------------------------------------

def test_periods_cut_a_headline_off_the_sentence_it_runs_into() -> None:
    # The title and the lead are one Sentence (no 。 and no blank line between them);
    # the headline still stands alone, so its figure joins no list of the lead.
    text = "我市粮食产量达1250万吨\n去年我市粮食产量达1520万吨，小麦600万吨、玉米920万吨。\n"
    document = load_document("a.txt", text)
    assert len(document.sentences) == 1
    found = periods(document)
    assert [(p.headline, p.text) for p in found] == [
        (True, "我市粮食产量达1250万吨"),
        (False, "去年我市粮食产量达1520万吨，小麦600万吨、玉米920万吨。")]
    assert [f.quantity.text for f in found[0].figures] == ["1250万吨"]
    assert [f.quantity.text for f in found[1].figures] == ["1520万吨", "600万吨", "920万吨"]


def test_periods_no_longer_take_a_dateline_or_a_byline_for_a_headline() -> None:
    # simplified/0443.txt and 0726.txt: the old notion called these sentences headlines.
    text = ("习近平在俄罗斯媒体发表署名文章\n\n"
            "央视网消息（新闻联播）：5月7日，国家主席习近平发表署名文章。文章全文如下：\n\n"
            "以史为鉴　共创未来\n\n"
            "同时，可以加大对老年劳动者的培训力度。（记者韩旭）\n\n完。\n")
    found = [p.text for p in periods(load_document("a.txt", text)) if p.headline]
    assert found == ["习近平在俄罗斯媒体发表署名文章", "以史为鉴共创未来"]


@pytest.mark.parametrize("text", [_page(line) for line in SUB_HEADLINES + NOT_HEADLINES] + [
    PRINTED, "一季度GDP增长15.6%\n一季度，全市GDP同比增长16.5%。\n\n第二段。\n"])
def test_layout_and_periods_agree_on_which_figures_stand_in_a_headline(text: str) -> None:
    document = load_document("a.txt", text)
    page = layout(text)
    by_layout = {q.span.start for q in document.quantities
                 if q.is_amount and page.headline_at(q.span.start) is not None}
    by_periods = {f.quantity.span.start for p in periods(document) if p.headline
                  for f in p.figures}
    assert by_layout == by_periods


def test_range_vs_duration_finds_a_headline_date_in_the_headline() -> None:
    from factlint.rules.range_vs_duration import _dates_by_period

    # The title and the lead are one Sentence; each date is placed in its own period.
    text = "2月17日至19日武汉3天大排查\n2月17日至20日，全市社区党组织紧急动员，历时4天。\n"
    document = load_document("a.txt", text)
    found = periods(document)
    dates = _dates_by_period(document, found)
    assert [p.headline for p in found] == [True, False]
    assert [[q.text for _, q in period] for period in dates] == [
        ["2月17日至19日"], ["2月17日至20日"]]


# -- structured files: the markup says which blocks are headings -------------------------

MARKDOWN = ("# 粮食产量达1250万吨\n\n"
            "记者从市统计局获悉，去年我市粮食产量达1520万吨，创历史新高。\n\n"
            "- 青岛 无\n- 南昌 无\n\n## 附：说明。\n\n完。\n")


def _markdown():
    from factlint.corpus import document_of
    from factlint.text.readers import prose_of

    return document_of(prose_of("draft.md", MARKDOWN, "md"))


def test_a_structured_file_takes_its_headings_from_the_markup() -> None:
    document = _markdown()
    text = document.text
    # Plain text alone would call a list item a sub-headline and miss the heading
    # with a 。 in it.
    assert [text[a:b] for a, b in headlines(text)] == ["粮食产量达1250万吨", "青岛 无"]
    assert [text[a:b] for a, b in headlines(text, document.blocks)] == [
        "粮食产量达1250万吨", "附：说明。"]
    page = layout(text, document.blocks)
    assert page.has_title and page.body_paragraph(text.index("记者")) == 1
    assert [p.text for p in periods(document) if p.headline] == ["粮食产量达1250万吨", "附:说明。"]


def test_restatement_reads_a_markdown_heading_as_the_headline() -> None:
    from factlint.model import Corpus
    from factlint.rules import CheckContext, Rule, restatement

    rule = Rule(restatement.NAME, restatement.NAME, "error", restatement.DESCRIPTION)
    [finding] = restatement.check(rule, Corpus((_markdown(),)), CheckContext("warning"))
    assert finding.location.text == "1520万吨" and finding.related[0].text == "1250万吨"
    assert finding.message.startswith("标题说1250万吨")
