"""Normalisation: one-to-one folding, and OCR gaps joined with a map back to the original."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import factlint
from factlint.text.normalize import _GAP, LineIndex, gap_counts, join_gaps, normalize


def test_folding_keeps_length_and_the_chinese_comma() -> None:
    text = "４００名，１．８万人、百分之八十五％，四千萬，一一○"
    folded = normalize(text)
    assert len(folded) == len(text)
    assert folded == "400名，1.8万人、百分之八十五%，四千万，一一〇"


@given(st.lists(st.sampled_from(list("党员12万多名 \n\r\t　AB。")), max_size=80).map("".join))
def test_every_joined_character_maps_back_to_itself(text: str) -> None:
    joined, offsets = join_gaps(text)
    for i, char in enumerate(joined):
        assert text[offsets.original(i)] == char


def test_gaps_next_to_latin_letters_and_paragraph_breaks_stay() -> None:
    assert join_gaps("COVID 19")[0] == "COVID 19"
    assert join_gaps("第一段。\n\n\n第二段")[0] == "第一段。\n\n\n第二段"
    assert join_gaps("三 级 网 格\n846 个")[0] == "三级网格846个"


def test_a_blank_line_is_a_paragraph_break_unless_the_text_is_double_spaced() -> None:
    assert join_gaps("投资5\n\n亿元")[0] == "投资5\n\n亿元"
    assert join_gaps("投资5 \n \n亿元")[0] == "投资5 \n \n亿元"
    assert join_gaps("投资5\n亿元")[0] == "投资5亿元"
    # seeds/003: OCR with a blank line after every printed line; there it is a line break.
    double = ("名医生对湖北返乡人员实行一对\n\n一包保服务到位，1487 名党员包\n\n"
              "保 16877 户群众，81\n\n名")
    assert join_gaps(double)[0] == ("名医生对湖北返乡人员实行一对一包保服务到位，"
                                    "1487名党员包保16877户群众，81名")
    assert [(q.text, q.lo, q.unit) for q in factlint.extract("投资5\n\n亿元")] == [
        ("5", 5, None)]


# Web copy with a blank line after every paragraph: the only blank lines inside a
# "sentence" follow headlines, list items and table cells (news-dev simplified/0478,
# 0718, 0764, 0749).  They stay paragraph breaks.
WEB_COPY = [
    ("国内联播快讯\n\n央视网消息（新闻联播）：\n\n退休人员基本养老金上调2%\n\n"
     "人力资源社会保障部、财政部日前印发《关于2025年调整退休人员基本养老金的通知》。\n\n"
     "今年以来我国快递业务量已突破1000亿件\n\n记者从国家邮政局了解到，截至7月9日。",
     "2%", "%"),
    ("红会首次发遇难者慰问金\n\n遇难群众每人１万　因公殉职每人２万　烈士每人３万\n\n"
     "本报讯（记者李秋萌）昨天，市红十字会向重灾区送去８０００斤米面油。\n\n"
     "将首次发放１万－３万元不等的慰问金。\n\n红会：慰问金将直接发到家属手中",
     "３万", None),
]


@pytest.mark.parametrize(("text", "figure", "unit"), WEB_COPY)
def test_a_headline_before_a_blank_line_is_not_joined_to_the_paragraph(
        text: str, figure: str, unit: str | None) -> None:
    assert join_gaps(text)[0] == text
    assert (figure, unit) in [(q.text, q.unit) for q in factlint.extract(text)]


def test_a_form_of_numbered_fields_set_one_a_paragraph_is_not_double_spaced() -> None:
    form = "".join(f"{n}、{field}\n\n{field}\n\n" for n, field in zip(
        "１２３４５６", ["姓名", "性别", "民族", "出生日期", "年龄", "文化程度"], strict=True))
    assert join_gaps(form)[0] == form
    assert {q.kind for q in factlint.extract(form)} == {"ordinal"}


# seeds/003: a newspaper page OCR'd with a blank line after every printed line.
PRINTED = ("顺应形势要求，转变工作方式，\n\n变幕后策划为台前指导服务，有计\n\n"
           "划地走出机关，深入基层防疫工作\n\n日常，亲身感受一线防疫的严峻场\n\n"
           "面，切身体会群众的所急所盼，在政\n\n治上、组织上、生活上竭力关心关爱\n\n"
           "防疫一线党员干部。忻州市委组织\n\n部先后拨付 200余万元党费支援防\n\n"
           "控一线。市委常委、组织部长秦书义\n\n同志深入到市容环境卫生服务中心\n\n")


def test_double_spaced_ocr_is_told_by_its_printed_lines() -> None:
    counts = gap_counts(PRINTED)
    assert counts.double_spaced
    assert "有计划地走出机关" in join_gaps(PRINTED)[0]
    # Counts of two pieces cut after a sentence end add up to the counts of the whole
    # (the second counted with the line it starts in), so a file read in chunks decides
    # as the whole does.
    cut = PRINTED.index("。") + 1
    assert gap_counts(PRINTED[:cut]) + gap_counts(PRINTED, start=cut) == counts
    # The same lines as paragraphs of their own (each line a sentence) are not OCR.
    assert not gap_counts(PRINTED.replace("\n\n", "。\n\n")).double_spaced


def test_a_chunk_of_a_double_spaced_text_is_read_as_the_whole_is() -> None:
    from factlint.commands.extract import extract_chunked

    text = "标题\n\n" + PRINTED * 40 + "投资5\n\n亿元。"
    whole = [(q.text, q.lo, q.unit) for q in factlint.extract(text, path="p.txt")]
    chunked = [(q.text, q.lo, q.unit)
               for chunk in extract_chunked(text, "p.txt", None, 200) for q in chunk]
    assert chunked == whole
    assert ("5\n\n亿元", 500000000, "元") in whole  # double-spaced: the line break joins


def test_line_breaks_after_closing_punctuation_stay() -> None:
    assert join_gaps("会议结束。\n下午3时")[0] == "会议结束。\n下午3时"
    assert join_gaps("“两个维护”\n四个意识")[0] == "“两个维护”\n四个意识"
    assert join_gaps("76.\n8亿元，\n共计")[0] == "76.8亿元，共计"  # a decimal point is no stop


# _GAP is written for speed; this is the plain form of what it must match.
_PLAIN_GAP = re.compile(r"(?<=[^A-Za-z\s。？！?!；;”’)）》」』…])"
                        r"(?:[ \t]+(?:\r?\n[ \t]*){0,2}|(?:\r?\n[ \t]*){1,2})(?=[^A-Za-z\s])"
                        r"(?![0-9]{1,2}:[0-5][0-9])")


@given(st.lists(st.sampled_from(list("三4a 。”\t\r\n\n:0")), max_size=40).map("".join))
def test_gap_pattern_matches_its_plain_form(text: str) -> None:
    assert [m.span() for m in _GAP.finditer(text)] == [
        m.span() for m in _PLAIN_GAP.finditer(text)]


@given(st.lists(st.sampled_from(list("一二\n\r")), max_size=30).map("".join), st.data())
def test_spans_agree_with_positions(text: str, data: st.DataObject) -> None:
    index = LineIndex(text, "t.txt")
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    span = index.span(start, end)
    assert (span.line, span.column) == index.position(start)
    if end > start:
        end_line, end_column = index.position(end - 1)
        assert (span.end_line, span.end_column) == (end_line, end_column + 1)
    else:
        assert (span.end_line, span.end_column) == (span.line, span.column)


# Figures split by OCR line breaks, as reflowed print pages split them.
@pytest.mark.parametrize("text,surface,expected", [
    ("共四百三\n十三名党员", "四百三\n十三名", ("433", "名", "count", None)),
    ("收购51万公\n斤粮食", "51万公\n斤", ("510000", "公斤", "measure", None)),
    ("199\n2年11月成立", "199\n2年11月", (None, None, "date", "1992-11")),
    ("于5月2\n6日召开", "5月2\n6日", (None, None, "date", "2020-05-26")),
    ("晚\n上10时30分", "晚\n上10时30分", (None, None, "time", "22:30")),
])
def test_figures_split_by_line_breaks_read_whole(text: str, surface: str,
                                                 expected: tuple) -> None:
    (q,) = [q for q in factlint.extract(text, year=2020) if q.kind != "identifier"]
    assert q.text == surface
    lo = None if q.lo is None else format(q.lo, "f")
    assert (lo, q.unit, q.kind, q.iso) == expected
    assert text[q.span.start:q.span.end] == surface and q.span.end_line == 2


def test_normalized_text_holds_one_fold_one_join_and_one_index() -> None:
    import pickle

    from factlint.text.normalize import NormalizedText

    text = "全国已有７４３６\n万多名党员。\n\n共捐款76.8亿元。"
    made = NormalizedText.of(text, "a.txt")
    assert made.original == text and made.path == "a.txt"
    assert made.folded == normalize(text) and len(made.folded) == len(text)
    assert made.joined == "全国已有7436万多名党员。\n\n共捐款76.8亿元。"
    for i, char in enumerate(made.joined):
        assert made.folded[made.offsets.original(i)] == char
    again = pickle.loads(pickle.dumps(made))  # stages hand on plain, picklable data
    assert (again.original, again.joined, again.path) == (made.original, made.joined, "a.txt")
    assert factlint.extract(made) == factlint.extract(text, path="a.txt")


def test_a_document_is_normalised_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import factlint.corpus
    import factlint.quantities.dates
    import factlint.text.normalize as module

    calls: list[str] = []

    def counted(name: str, real):  # noqa: ANN001, ANN202
        def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            calls.append(name)
            return real(*args, **kwargs)
        return wrapper

    for owner in (module, factlint.corpus, factlint.quantities.dates):
        if hasattr(owner, "normalize"):
            monkeypatch.setattr(owner, "normalize", counted("normalize", module.normalize))
    monkeypatch.setattr(module, "_fold", counted("normalize", module._fold))  # what of() calls
    monkeypatch.setattr(module, "join_gaps", counted("join_gaps", module.join_gaps))
    monkeypatch.setattr(module, "LineIndex", counted("LineIndex", module.LineIndex))
    document = factlint.corpus.load_document(
        "a.txt", "新华社北京2月16日电 全国已有7436\n万多名党员捐款。16日共捐款76.8亿元。")
    assert sorted(calls) == ["LineIndex", "join_gaps", "normalize"]
    assert [q.text for q in document.quantities] == ["2月16日", "7436\n万多名", "16日", "76.8亿元"]
    assert [q.sentence for q in document.quantities] == [0, 0, 1, 1]


@given(st.text(alphabet="7万4 \n\t3名。a", max_size=40))
def test_an_original_span_is_its_first_and_last_characters_mapped_back(text: str) -> None:
    joined, offsets = join_gaps(text)
    for start in range(len(joined) + 1):
        for end in range(start, len(joined) + 1):
            o_start = offsets.original(start)
            expected = (o_start, offsets.original(end - 1) + 1 if end > start else o_start)
            assert offsets.original_span(start, end) == expected
