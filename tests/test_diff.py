"""factlint diff and the cross-source rule: alignment, comparison by meaning, reports."""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path

import pytest

from factlint.cli import main
from factlint.corpus import load_document
from factlint.model import Corpus, VersionGroup
from factlint.text.files import read_text
from factlint.versions.diff import (
    CHANGED_KIND,
    CHANGED_QUALIFIER,
    CHANGED_UNIT,
    CHANGED_VALUE,
    ONLY_IN_ONE,
    RULES,
    align_sentences,
    diff_documents,
    to_findings,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data" / "diff"
PRINT_OCR = "seeds/000_6aef4c9e06e579a7.txt"
WEB = "seeds/001_c171a1427bcab795.txt"
CLEAN = "seeds/002_60e7e1aac05173a9.txt"


def _diff(old: str, new: str) -> list:
    return diff_documents(load_document("old.txt", old), load_document("new.txt", new))


def _changes(old: str, new: str) -> list[tuple[str, str, str]]:
    """(rule, old text, new text) of every change that is not a figure in one version."""
    return [(c.rule, c.old.text, c.new.text) for c in _diff(old, new) if c.rule != ONLY_IN_ONE]


def _seed(path: str):
    return load_document(path, read_text(ROOT / path), year=2020)


def _mutations():
    spec = importlib.util.spec_from_file_location(
        "diff_mutations", ROOT / "bench" / "diff_mutations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while defining
    spec.loader.exec_module(module)
    return module


ARTICLE = (
    "中国五矿火速集结以党员为主体的46名突击队员，24小时内完成医院建设所需4800件钢结构加工件的放样。\n"
    "全省组建党员突击队212支，选派400余名党员干部下沉社区。\n"
    "截至2月15日，共有近8000人报名参加志愿服务，其中85%是党员。\n"
    "山东胶州组建95支志愿服务队，累计排查3000多户居民。\n"
    "全市募集捐款1.8万元，购买口罩5万只。\n"
)


@pytest.mark.parametrize(("old", "new"), [
    ("共有212名党员参加。", "共有二百一十二名党员参加。"),
    ("共募集1.8万元善款。", "共募集18000元善款。"),
    ("共有400人报名。", "共有４００人报名。"),
    ("购买口罩5万只。", "购买口罩50000只。"),
    ("其中百分之八十五是党员。", "其中85％是党员。"),
    ("共有212名党员参加。", "共有2 1 2名党员参加。"),
    ("共有1200名党员参加。", "共有12\n00名党员参加。"),
])
def test_same_value_written_differently_is_not_a_change(old: str, new: str) -> None:
    assert _diff(old, new) == []


@pytest.mark.parametrize(("old", "new", "rule"), [
    ("选派400余名党员干部。", "选派4400余名党员干部。", CHANGED_VALUE),  # inserted digit
    ("选派4800件加工件。", "选派4300件加工件。", CHANGED_VALUE),  # digit typo
    ("选派4800件加工件。", "选派480件加工件。", CHANGED_VALUE),  # dropped digit
    ("投资140亿美元建厂。", "投资140万美元建厂。", CHANGED_VALUE),  # 亿 → 万
    ("面积42.12万公顷。", "面积421.2万公顷。", CHANGED_VALUE),  # magnitude slip
    ("2月15日召开会议。", "2月16日召开会议。", CHANGED_VALUE),  # a date
    ("选派400余名党员。", "选派400名党员。", CHANGED_QUALIFIER),
    ("共有近8000人报名。", "共有8000人报名。", CHANGED_QUALIFIER),
    ("完成4800件钢结构。", "完成4800个钢结构。", CHANGED_UNIT),
])
def test_changes_are_classified(old: str, new: str, rule: str) -> None:
    changes = _diff(old, new)
    assert [(c.rule, c.old is not None, c.new is not None) for c in changes] == [
        (rule, True, True)]
    level = to_findings(changes)[0].level
    assert level == {CHANGED_VALUE: "error", CHANGED_QUALIFIER: "warning",
                     CHANGED_UNIT: "warning"}[rule]


def test_changed_kind_is_a_warning() -> None:
    changes = _diff("工程进行到第3天。", "工程进行到第3名。")
    assert {c.rule for c in changes} <= {CHANGED_KIND, CHANGED_UNIT}
    assert changes and all(f.level == "warning" for f in to_findings(changes))


def test_alignment_survives_reflow_moves_insertions_and_rewording() -> None:
    lines = ARTICLE.splitlines()
    # Moved sentence, inserted sentence, reworded context, comma became a semicolon,
    # full-width digits, and every line reflowed to 13 characters (breaking numbers).
    edited = [
        lines[3],
        "新华社北京2月16日电 本报记者报道。",
        lines[0].replace("24小时内", "２４小时内").replace("迅速", "火速"),
        lines[1].replace("，选派", "；选派").replace("400余名", "4400余名"),
        lines[2].replace("报名参加", "报名加入"),
        lines[4].replace("5万只", "50000只"),
    ]
    flat = "".join(edited)
    reflowed = "\n".join(flat[k:k + 13] for k in range(0, len(flat), 13))
    changes = _diff(ARTICLE, reflowed)
    assert _changes(ARTICLE, reflowed) == [(CHANGED_VALUE, "400余名", "4400余\n名")] or [
        (rule, old, new.replace("\n", "")) for rule, old, new in _changes(ARTICLE, reflowed)
    ] == [(CHANGED_VALUE, "400余名", "4400余名")]
    only = [(c.old, c.new) for c in changes if c.rule == ONLY_IN_ONE]
    # The dateline of the inserted sentence is the only figure without a counterpart.
    assert len(only) == 1 and only[0][0] is None and only[0][1].iso == "--02-16"


def test_a_figure_in_only_one_version_is_info_and_points_at_the_other() -> None:
    old = "全省组建党员突击队212支。\n会议强调，要坚决打赢疫情防控阻击战。\n"
    new = "全省组建党员突击队212支。\n会议强调，要坚决打赢疫情防控阻击战，已有3000人报名。\n"
    findings = to_findings(diff_documents(load_document("old.txt", old),
                                          load_document("new.txt", new)))
    assert [(f.rule, f.level, f.location.text) for f in findings] == [
        (ONLY_IN_ONE, "info", "3000人")]
    assert findings[0].location.path == "new.txt"
    assert findings[0].related[0].path == "old.txt"


def test_patience_alignment_pairs_unique_keys_in_order_and_reports_moves() -> None:
    old = ["甲甲甲", "乙乙乙", "丙丙丙", "丁丁丁", "戊戊戊"]
    new = ["甲甲甲", "丁丁丁", "乙乙乙", "丙丙丙", "己己己", "戊戊戊"]
    ordered, moved = align_sentences(old, new)
    assert ordered == [(0, 0), (1, 2), (2, 3), (4, 5)]
    assert moved == [(3, 1)]


def test_seeds_clean_web_copy_against_print_ocr_has_no_changed_figure() -> None:
    changes = diff_documents(_seed(CLEAN), _seed(PRINT_OCR))
    assert [c for c in changes if c.rule != ONLY_IN_ONE] == []
    # Every figure of the clean copy is found in the print page (which has more stories).
    assert [c for c in changes if c.new is None] == []


def test_seeds_clean_web_copy_against_web_version_finds_what_really_changed() -> None:
    changes = diff_documents(_seed(CLEAN), _seed(WEB))
    found = [(c.rule, f"{c.new.span.line}:{c.new.span.column}", c.old.text, c.new.text,
              f"{c.old.span.line}:{c.old.span.column}")
             for c in changes if c.rule != ONLY_IN_ONE]
    assert found == [
        # 中国五矿 … 4800件钢结构加工件 (002) / 4800个钢结构构件 (001)
        (CHANGED_UNIT, "33:38", "4800件", "4800个", "24:39"),
        # 选派400余名 (002) / 4400余名 (001)
        (CHANGED_VALUE, "53:96", "400余名", "4400余名", "35:99"),
    ]
    # 001 drops "1月29日，中组部发出通知" from that paragraph.
    assert [(c.old.text, c.old.span.line) for c in changes if c.new is None] == [("1月29日", 10)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_mutated_versions_of_real_text(seed: int) -> None:
    mutations = _mutations()
    lines = (DATA / "pd1998-excerpt.txt").read_text(encoding="utf-8").splitlines()
    rng = random.Random(seed)
    pair = mutations.make_pair(lines, lines[:20], rng, change_rate=0.3, keep_rate=0.5)
    assert len(pair.changed) >= 8
    assert any(name.startswith("keep:") for name in pair.edits)
    score = mutations.Score()
    mutations.score_pair(pair, score)
    assert score.false_positive == 0, score.false_examples
    assert score.recall >= 0.9, score


def test_cli_text_json_and_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text("全省选派400余名党员干部下沉社区。\n", encoding="utf-8")
    new.write_text("全省选派4400余名党员干部\n下沉社区。\n", encoding="utf-8")
    assert main(["diff", str(old), str(new), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    [finding] = report["findings"]
    assert (finding["rule"], finding["level"], finding["line"], finding["column"],
            finding["text"]) == ("changed-value", "error", 1, 5, "4400余名")
    assert finding["related"] == [{"path": str(old), "line": 1, "column": 5, "end_line": 1,
                                   "end_column": 10, "text": "400余名"}]
    assert main(["diff", str(old), str(old), "--format", "text"]) == 0
    assert "no findings" in capsys.readouterr().out
    new.write_text("全省选派400名党员干部下沉社区。\n", encoding="utf-8")
    assert main(["diff", str(old), str(new)]) == 0  # a warning does not fail by default
    assert main(["diff", str(old), str(new), "--fail-on", "warning"]) == 1
    capsys.readouterr()
    assert main(["diff", str(old), str(tmp_path / "missing.txt")]) == 2
    assert "missing.txt: no such file" in capsys.readouterr().err


def test_cli_output_is_deterministic(capsys: pytest.CaptureFixture) -> None:
    outputs = []
    for _ in range(2):
        main(["diff", str(ROOT / CLEAN), str(ROOT / WEB), "--format", "sarif"])
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] and "4400余名" in outputs[0]


def test_rule_metadata() -> None:
    assert {rule: info.level for rule, info in RULES.items()} == {
        CHANGED_VALUE: "error", CHANGED_QUALIFIER: "warning", CHANGED_UNIT: "warning",
        CHANGED_KIND: "warning", ONLY_IN_ONE: "info"}
    assert all(info.description for info in RULES.values())


def test_cross_source_rule_compares_versions_with_the_preferred_one() -> None:
    rules = pytest.importorskip("factlint.rules")
    from factlint.rules import cross_source

    assert cross_source.NAME == "cross-source" and cross_source.__doc__
    docs = tuple(_seed(path) for path in (PRINT_OCR, WEB, CLEAN))
    corpus = Corpus(docs, groups=(VersionGroup("canghai", (PRINT_OCR, WEB, CLEAN), CLEAN),))
    rule = rules.Rule(id="cross-source", type="cross-source",
                      level=cross_source.DEFAULT_LEVEL, message=cross_source.DESCRIPTION)
    findings = list(cross_source.check(rule, corpus, rules.CheckContext()))
    assert {f.rule for f in findings} == {"cross-source"}
    summary = sorted((f.level, f.location.path, f.location.line, f.message.split(":")[0])
                     for f in findings)
    assert summary == [
        ("error", WEB, 53, "[canghai] changed-value"),
        ("info", CLEAN, 10, "[canghai] only-in-one"),
        ("warning", WEB, 33, "[canghai] changed-unit"),
    ]
    # Without a preferred version, versions are compared in file order.
    pairwise = Corpus(docs, groups=(VersionGroup("canghai", (CLEAN, WEB)),))
    assert [f.location.line for f in cross_source.check(rule, pairwise, rules.CheckContext())
            if f.level == "error"] == [53]


def test_diff_reads_the_documents_folded_text_and_never_folds_it_again(monkeypatch) -> None:
    from factlint.corpus import folded_text, load_document
    from factlint.text import normalize as normalize_module
    from factlint.versions.diff import diff_documents

    old = load_document("old.txt", "據統計，全國已有7436萬多名黨員自願捐款。\n共捐款76.8億元。")
    new = load_document("new.txt", "據統計，全國已有7346萬多名黨員自願捐款。\n共捐款76.8億元。")
    assert folded_text(old) is old.sentences[0].folded and "万" in folded_text(old)
    folds = []
    real = normalize_module._fold
    monkeypatch.setattr(normalize_module, "_fold",
                        lambda text: folds.append(len(text)) or real(text))
    changes = diff_documents(old, new)
    assert [c.rule for c in changes] == ["changed-value"]
    assert not [n for n in folds if n > 20]  # no whole text folded again (figures' own only)
