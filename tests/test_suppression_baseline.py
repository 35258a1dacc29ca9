"""Inline suppression comments and baselines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factlint.cli import main
from factlint.text.directives import DirectiveError, parse_directives


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_json(*argv: str, capsys) -> tuple[int, list[dict]]:
    status = main(["check", "--format", "json", *argv])
    return status, json.loads(capsys.readouterr().out)["findings"]


def test_directives_are_parsed_with_their_lines():
    text = ("一\n<!-- factlint-disable usage-range-scale, usage-arabic-scale -->\n二\n"
            "<!-- factlint-enable -->\n三 <!-- factlint-disable-line -->\n"
            "<!-- factlint-disable-next-line usage-zero-form -->\n四\n")
    parsed = parse_directives(text, "a.md").directives
    assert [(d.verb, d.rules, d.first, d.last) for d in parsed] == [
        ("disable", ("usage-range-scale", "usage-arabic-scale"), 2, 4),
        ("disable-line", (), 5, 5),
        ("disable-next-line", ("usage-zero-form",), 7, 7),
    ]
    assert parsed[0].covers("usage-arabic-scale", 3)
    assert not parsed[0].covers("usage-zero-form", 3)
    assert not parsed[0].covers("usage-arabic-scale", 5)
    assert parsed[1].covers("any-rule", 5)


@pytest.mark.parametrize("text, message", [
    ("<!-- factlint-disabel x -->", "1:1: unknown directive 'factlint-disabel'"),
    ("一\n  <!-- factlint-enable -->", "2:3: factlint-enable without a factlint-disable"),
    ("<!-- factlint-disable Usage_X -->", "1:1: 'Usage_X' is not a rule id"),
])
def test_a_malformed_directive_names_its_place(text, message):
    with pytest.raises(DirectiveError, match=f"^a.txt:{message}"):
        parse_directives(text, "a.txt")


def test_text_without_directives_costs_one_scan():
    assert parse_directives("增长3～5万人" * 1000).directives == ()


def test_suppression_in_a_text_file(here, capsys):
    (here / "a.txt").write_text(
        "增长3～5万人。<!-- factlint-disable-line usage-range-scale -->\n"
        "<!-- factlint-disable-next-line -->\n有4千人。\n"
        "<!-- factlint-disable usage-zero-form -->\n三千〇五十二人。\n<!-- factlint-enable -->\n"
        "二零一二年。\n", encoding="utf-8")
    status, findings = run_json("a.txt", capsys=capsys)
    assert [(f["rule"], f["line"]) for f in findings] == [("usage-zero-form", 7)]
    assert status == 0


def test_a_suppression_that_silences_nothing_is_reported_at_info(here, capsys):
    (here / "a.md").write_text(
        "# 稿件\n\n<!-- factlint-disable-next-line usage-range-scale -->\n增长3万～5万人。\n",
        encoding="utf-8")
    status, findings = run_json("a.md", capsys=capsys)
    assert [(f["rule"], f["level"], f["line"], f["column"]) for f in findings] == [
        ("unused-suppression", "info", 3, 1)]
    assert "silences no finding of usage-range-scale; delete it" in findings[0]["message"]
    assert status == 0
    # SARIF describes the rule it reports under.
    assert main(["check", "--format", "sarif", "a.md"]) == 0
    log = json.loads(capsys.readouterr().out)
    assert "unused-suppression" in [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    # Its level is configured like any rule's.
    (here / ".factlint.yaml").write_text("levels: {unused-suppression: error}\n",
                                         encoding="utf-8")
    status, findings = run_json("a.md", capsys=capsys)
    assert status == 1 and findings[0]["level"] == "error"
    (here / ".factlint.yaml").unlink()
    # And it can be turned off like any rule.
    assert main(["check", "--format", "json", "a.md", "--disable", "unused-suppression"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []


def test_a_malformed_directive_is_an_input_error(here, capsys):
    (here / "a.txt").write_text("一\n<!-- factlint-enable -->\n", encoding="utf-8")
    assert main(["check", "a.txt"]) == 2
    assert "a.txt:2:1: factlint-enable without a factlint-disable" in capsys.readouterr().err


BEFORE = "导语。\n增长3～5万人。\n有4千人。\n"


def test_a_baseline_reports_only_new_findings_and_survives_line_shifts(here, capsys):
    (here / "a.txt").write_text(BEFORE, encoding="utf-8")
    assert main(["check", "--write-baseline", "baseline.json", "a.txt"]) == 0
    assert "recorded 2 finding(s) in baseline.json" in capsys.readouterr().err
    recorded = json.loads((here / "baseline.json").read_text(encoding="utf-8"))
    assert recorded["version"] == 1
    assert sorted(e["rule"] for e in recorded["findings"]) == [
        "usage-arabic-scale", "usage-range-scale"]
    # Lines inserted above move every finding; a new figure is added.
    (here / "a.txt").write_text("新的导语。\n\n" + BEFORE + "又有5千人。\n", encoding="utf-8")
    status, findings = run_json("--baseline", "baseline.json", "a.txt", capsys=capsys)
    assert [(f["rule"], f["text"], f["line"]) for f in findings] == [
        ("usage-arabic-scale", "5千", 6)]
    assert status == 0


def test_a_baseline_counts_repeated_findings(here, capsys):
    (here / "a.txt").write_text("有4千人。\n", encoding="utf-8")
    main(["check", "--write-baseline", "b.json", "a.txt"])
    capsys.readouterr()
    (here / "a.txt").write_text("有4千人。\n又有4千人。\n", encoding="utf-8")
    _, findings = run_json("--baseline", "b.json", "a.txt", capsys=capsys)
    assert [(f["text"], f["line"]) for f in findings] == [("4千", 2)]


@pytest.mark.parametrize("content, message", [
    (None, "b.json: baseline file not found"),
    ("{", "b.json:1:2: not a baseline"),
    ('{"version": 7, "findings": []}', "b.json:1:1: not a factlint baseline"),
])
def test_a_bad_baseline_is_an_error_naming_the_file(here, capsys, content, message):
    (here / "a.txt").write_text("有4千人。\n", encoding="utf-8")
    if content is not None:
        (here / "b.json").write_text(content, encoding="utf-8")
    assert main(["check", "--baseline", "b.json", "a.txt"]) == 2
    assert capsys.readouterr().err.startswith(message)


def test_silence_agrees_with_looking_at_every_directive():
    """The one-sweep answer equals the obvious one (every place against every directive)."""
    import random

    rng = random.Random(7)
    lines = []
    for _ in range(300):
        choice = rng.random()
        rule = rng.choice(["", " rule-a", " rule-b", " rule-a rule-b"])
        if choice < 0.1:
            lines.append(f"<!-- factlint-disable{rule} -->")
        elif choice < 0.2:
            lines.append("<!-- factlint-enable -->")
        elif choice < 0.3:
            lines.append(f"x <!-- factlint-disable-line{rule} -->")
        elif choice < 0.4:
            lines.append(f"<!-- factlint-disable-next-line{rule} -->")
        else:
            lines.append("copy")
    try:
        parsed = parse_directives("\n".join(lines))
    except DirectiveError:
        lines = [line for line in lines if "enable -->" not in line or "disable" in line]
        parsed = parse_directives("\n".join(lines))
    places = [(rng.choice(["rule-a", "rule-b", "rule-c"]), rng.randint(1, 300))
              for _ in range(500)]
    flags, used = parsed.silence(places)
    expected_used = set()
    for (rule, line), flag in zip(places, flags, strict=True):
        covering = [i for i, d in enumerate(parsed.directives) if d.covers(rule, line)]
        assert flag == bool(covering)
        expected_used.update(covering)
    assert used == expected_used


def test_a_suppression_naming_no_rule_says_so(here, capsys):
    (here / "a.txt").write_text("有4千人。<!-- factlint-disable-line usage-arabic-scal -->\n",
                                encoding="utf-8")
    _, findings = run_json("a.txt", capsys=capsys)
    assert [(f["rule"], f["level"]) for f in findings] == [
        ("usage-arabic-scale", "warning"), ("unused-suppression", "info")]
    assert findings[1]["message"].endswith(
        "unknown rule id 'usage-arabic-scal'; did you mean 'usage-arabic-scale'?")
