"""The built-in rules on the seed corpus: silent on the seeds, loud on a planted error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factlint.corpus import load_corpus, load_document
from factlint.model import Corpus
from factlint.rules import CheckContext, Rule, contradictory_qualifier, restatement

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DONATION = "004_e121854575d370ac.txt"


def rule_for(module, level: str | None = None) -> Rule:
    return Rule(id=module.NAME, type=module.NAME, level=level or module.DEFAULT_LEVEL,
                message=module.DESCRIPTION)


def run(module, corpus: Corpus, variants: str = "warning", level: str | None = None):
    return list(module.check(rule_for(module, level), corpus, CheckContext(variants)))


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    corpus, errors = load_corpus([str(SEEDS)])
    assert not errors
    return corpus


@pytest.mark.parametrize("module", [restatement, contradictory_qualifier])
def test_no_findings_on_the_seeds(module, seeds):
    assert run(module, seeds) == []


@pytest.mark.parametrize("module", [restatement, contradictory_qualifier])
def test_module_protocol(module):
    assert module.NAME.replace("-", "_") == module.__name__.rsplit(".", 1)[-1]
    assert module.DEFAULT_LEVEL in ("error", "warning", "info")
    assert module.DESCRIPTION and "Why it matters" in module.__doc__


def planted(tmp_path: Path, old: str, new: str, count: int = 1) -> Corpus:
    shutil.copy(SEEDS / DONATION, tmp_path / DONATION)
    path = tmp_path / DONATION
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    corpus, _ = load_corpus([str(tmp_path)])
    return corpus


def test_headline_that_contradicts_the_body(tmp_path):
    corpus = planted(tmp_path, "全国7436万多名党员捐款支持疫情防控",
                     "全国7346万多名党员捐款支持疫情防控")
    findings = run(restatement, corpus)
    assert len(findings) == 1
    finding = findings[0]
    assert finding.level == "error"
    assert (finding.location.line, finding.location.column) == (396, 3)
    assert finding.location.text == "7346万多名"
    assert [(r.line, r.text) for r in finding.related] == [(4, "7436万多名")]
    assert finding.message == ("小标题说7346万多名，正文第1段说7436万多名"
                               "（同一指标：3月10日·全国·党员；依据：标题与正文）")


def test_restatement_in_another_measure_word_is_a_warning(tmp_path):
    corpus = planted(tmp_path, "全国7436万多名党员捐款支持疫情防控",
                     "全国7436万多位党员捐款支持疫情防控")
    findings = run(restatement, corpus)
    assert [(f.level, f.location.line) for f in findings] == [("warning", 396)]
    assert run(restatement, corpus, variants="ignore") == []
    assert [f.level for f in run(restatement, corpus, variants="error")] == ["error"]


def test_rule_level_caps_the_finding(tmp_path):
    corpus = planted(tmp_path, "全国7436万多名党员捐款支持", "全国7346万多名党员捐款支持")
    assert [f.level for f in run(restatement, corpus, level="info")] == ["info"]


def test_different_groups_are_not_restatements(seeds):
    # 湖北全省…58万余名党员干部 and 天津…1.3万多名党员干部 share subject and unit.
    doc = seeds.document(f"{SEEDS.as_posix()}/{DONATION}")
    assert "58万余名党员干部" in doc.text.replace("\n", "")
    assert run(restatement, Corpus((doc,))) == []


@pytest.mark.parametrize(("old", "new", "level", "words"), [
    ("全国已有7436万多名", "全国已有近7436万多名", "error", ("近", "多")),
    ("共捐款76.8亿元", "共捐款至少76.8亿元以上", "error", ("至少", "以上")),
    ("共捐款76.8亿元", "共捐款约76.8亿元左右", "warning", ("约", "左右")),
    ("共捐款76.8亿元", "共捐款不到76.8亿元以上", "error", ("不到", "以上")),
])
def test_contradictory_qualifier(tmp_path, old, new, level, words):
    corpus = planted(tmp_path, old, new)
    findings = run(contradictory_qualifier, corpus)
    assert [(f.level, f.location.line) for f in findings] == [(level, 4)]
    assert all(word in findings[0].message for word in words)


@pytest.mark.parametrize("text", [
    "最近3天，社区新增100余名志愿者。",  # 最近 is "recently", not "nearly"
    "当天签约100余家企业。",  # 签约 is "sign", not "about"
    "共有近1000名志愿者。",
])
def test_qualifier_words_that_belong_to_other_words(text):
    assert run(contradictory_qualifier, Corpus((load_document("t.txt", text),))) == []


def _one_document(text: str) -> Corpus:
    return Corpus((load_document("draft.txt", text),))


# Two days of a weather table, as People's Daily 1998 prints them (lines 345 and 775).
WEATHER = ("北京晴转雷阵雨19℃／32℃天津雷阵雨转多云18℃／31℃石家庄晴22℃／36℃太原晴转多云16℃／31℃\n"
           "北京雷阵雨转晴17℃／30℃天津雷阵雨转多云19℃／31℃石家庄晴20℃／34℃太原晴15℃／30℃\n")


def test_table_rows_are_data_not_restatements():
    assert run(restatement, _one_document(WEATHER)) == []
    # The same two readings written as sentences of prose do contradict each other.
    prose = "气象台预报天津明天最高气温31℃。\n气象台预报天津明天最高气温33℃。\n"
    assert len(run(restatement, _one_document(prose))) == 1


def test_a_change_within_one_sentence_is_no_restatement():
    # pd1998-sample.txt:377: two figures of the same unit and wording in one sentence.
    text = "新政府的国务委员由21名减为16名，部长级的长官由33名减为24名。"
    assert run(restatement, _one_document(text)) == []


def test_figures_for_different_periods_are_different_figures():
    dated = ("1996年全国累计完成2.1万个污染限期治理项目。\n"
             "1997年全国累计完成2.9万个污染限期治理项目。\n")
    assert run(restatement, _one_document(dated)) == []
    undated = dated.replace("1996年", "").replace("1997年", "")
    assert len(run(restatement, _one_document(undated))) == 1


def test_parallel_clauses_joined_by_a_semicolon_are_no_restatement():
    # pd1998-sample.txt:5796
    text = "北方城市年均值为49微克／立方米；南方城市年均值为41微克／立方米。"
    assert run(restatement, _one_document(text)) == []
    # The same subject and wording in two sentences is a restatement, and these disagree.
    restated = "北方城市年均值为49微克／立方米。北方城市年均值为41微克／立方米。"
    assert len(run(restatement, _one_document(restated))) == 1
    assert run(restatement, _one_document(restated.replace("。北", "；北", 1))) == []
