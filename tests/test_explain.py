"""`factlint explain` and the `repeated-figure` alias of `restatement`, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factlint.cli import main

# news-dev simplified/0431.txt with the body's figure changed (1312亿元 → 1321亿元)
ARTICLE = ("国内联播快讯\n\n一季度全国铁路完成固定资产投资1312亿元\n\n"
           "记者从国铁集团获悉，一季度，全国铁路完成固定资产投资1321亿元，同比增长5.2%。"
           "澳门今日新增6宗确诊个案。\n")


@pytest.fixture
def article(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_explain_prints_reading_key_matches_and_non_matches(article, capsys):
    assert main(["explain", "article.txt:5:29"]) == 0  # inside 1321亿元 (column 27)
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "article.txt:5:27  1321亿元"
    assert "  reading:    1321亿元 (132100000000 元); money, exact" in out
    assert "  claim:      一季度·全国·完成固定资产投资·元·数值" in out
    assert "    scope:     全国" in out and "    time:      一季度" in out
    assert ("  article.txt:3:16  1312亿元  evidence: headline; DISAGREES (1312亿元 "
            "(131200000000 元) and 1321亿元 (132100000000 元) cannot both be true)") in out
    assert "article.txt:5:38  5.2%  the same sentence (a change, a comparison or " in out
    assert "article.txt:5:49  6宗  different measures: 元 and 宗" in out
    assert out.rstrip().endswith("finding: restatement against article.txt:3:16 "
                                 "(evidence: headline)")
    main(["explain", "article.txt:5:29"])
    assert capsys.readouterr().out == out  # deterministic


def test_explain_as_json(article, capsys):
    assert main(["explain", "article.txt:5:49", "--format", "json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["text"] == "6宗" and record["claim"]["scope"] == "澳门"
    assert record["finding"] is None


def test_explain_bad_places_name_what_is_wrong(article, capsys):
    assert main(["explain", "article.txt:5:1"]) == 2
    err = capsys.readouterr().err
    assert "article.txt:5:1: no figure there; figures on that line start at columns: 27 " \
           "1321亿元" in err
    assert main(["explain", "article.txt"]) == 2
    assert "expected FILE:LINE:COL" in capsys.readouterr().err
    assert main(["explain", "missing.txt:1:1"]) == 2
    assert "missing.txt" in capsys.readouterr().err


def test_restatement_is_reported_by_check(article, capsys):
    (article.parent / ".factlint.yaml").write_text("paths: [article.txt]\n", encoding="utf-8")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert ("article.txt:5:27: error restatement 小标题说1312亿元，正文第2段说1321亿元"
            "（同一指标：一季度·全国·完成固定资产投资；依据：标题与正文）") in out


@pytest.mark.parametrize(("config", "code", "expected"), [
    ("disable: [repeated-figure]\n", 0, None),
    ("levels: {repeated-figure: warning}\n", 0, ": warning restatement"),
    ("levels: {restatement: info}\n", 0, ": info restatement"),
])
def test_repeated_figure_is_an_alias_of_restatement(article, capsys, config, code, expected):
    (article.parent / ".factlint.yaml").write_text(f"paths: [article.txt]\n{config}",
                                                   encoding="utf-8")
    assert main(["check"]) == code
    out = capsys.readouterr().out
    if expected is None:
        assert "restatement" not in out.split("\n\n")[0]
    else:
        assert expected in out


def test_the_alias_is_reserved_as_a_rule_id(article, capsys):
    (article.parent / "rules.yaml").write_text(
        "- id: repeated-figure\n  type: expect\n  level: error\n  message: x\n", encoding="utf-8")
    (article.parent / ".factlint.yaml").write_text("paths: [article.txt]\nrules: [rules.yaml]\n",
                                                   encoding="utf-8")
    assert main(["check"]) == 2
    assert "rules.yaml:1:7: rule id 'repeated-figure' is the id of a built-in rule" in \
        capsys.readouterr().err
