"""`factlint check`: rule files, configuration, errata, exit codes, determinism."""

from __future__ import annotations

import shutil
import types
from pathlib import Path

import pytest

import factlint.rules as rules_pkg
from factlint import parse
from factlint.claims import parse_selector, select
from factlint.claims.agree import agreement, describe
from factlint.cli import main
from factlint.model import Finding, Location
from factlint.rules import load_rules

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DONATION = "004_e121854575d370ac.txt"


def _parse_options(node, rule_id):
    from factlint.settings.yamlload import expect_type

    return {"claim": parse_selector(node, "claim", rule_id),
            "equals": parse(expect_type(node, "equals", str, f"rule '{rule_id}'"))}


def _check(rule, corpus, ctx):
    for claim in select(corpus, rule.options["claim"]):
        verdict = agreement(claim.quantity, rule.options["equals"], ctx.variants)
        if verdict.level:
            yield Finding(rule.id, rule.level, f"{rule.message}: {describe(claim.quantity)}",
                          Location.of(claim.quantity.span, claim.quantity.text))


# A minimal rule type, so these tests exercise the engine whatever the real types do.
FAKE = types.SimpleNamespace(NAME="expect", KEYS=frozenset({"claim", "equals"}),
                             parse_options=_parse_options, check=_check)


@pytest.fixture(autouse=True)
def fake_type(monkeypatch):
    real = rules_pkg.rule_type
    monkeypatch.setattr(rules_pkg, "rule_type",
                        lambda name: FAKE if name == "expect" else real(name))


@pytest.fixture
def work(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / DONATION, corpus / DONATION)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".factlint.yaml").write_text(
        "paths: [corpus]\nrules: [rules.yaml]\n", encoding="utf-8")
    return tmp_path


RULE = """\
- id: donors
  type: expect
  level: error
  message: donors differ from the Xinhua release
  claim: {pattern: '全国(已有)?{n}党员'}
  equals: 7436万多名
"""


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def plant(work: Path, old: str, new: str) -> None:
    path = work / "corpus" / DONATION
    text = path.read_text(encoding="utf-8")
    assert old in text
    write(path, text.replace(old, new, 1))


def test_clean_corpus_passes(work, capsys):
    write(work / "rules.yaml", RULE)
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "no findings" in out or "0 findings" in out


def test_changed_figure_fails_pointing_at_the_line(work, capsys):
    write(work / "rules.yaml", RULE)
    plant(work, "全国已有7436万多名", "全国已有7346万多名")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "corpus/004_e121854575d370ac.txt:4:21: error donors" in out
    # restatement sees the headline/body disagreement too, at the later (headline) line.
    assert "corpus/004_e121854575d370ac.txt:396:3: error restatement" in out


def test_fail_on_levels_and_disable(work, capsys):
    write(work / "rules.yaml", RULE)
    plant(work, "全国已有7436万多名", "全国已有7346万多名")
    write(work / ".factlint.yaml", "paths: [corpus]\nrules: [rules.yaml]\n"
          "levels: {donors: warning}\ndisable: [repeated-figure]\n")
    assert main(["check"]) == 0
    assert ": warning donors" in capsys.readouterr().out
    assert main(["check", "--fail-on", "warning"]) == 1
    assert main(["check", "--disable", "donors"]) == 0
    assert "donors" not in capsys.readouterr().out.split("\n\n")[-1].split("rule")[0]


def test_known_erratum_by_value_is_info_and_never_fails(work, capsys):
    write(work / "rules.yaml", RULE + "  known:\n    - reason: 印刷错误\n"
          "      value: 7346万多名\n")
    plant(work, "全国已有7436万多名", "全国已有7346万多名")
    assert main(["check", "--disable", "repeated-figure", "--fail-on", "info"]) == 0
    out = capsys.readouterr().out
    assert "4:21: info donors donors differ from the Xinhua release: 7346万多名" in out
    assert "(known erratum: 印刷错误)" in out


def test_known_erratum_by_location(work, capsys):
    write(work / "rules.yaml", RULE + "  known:\n    - reason: 已更正\n"
          f"      locations: [{DONATION}:4]\n")
    plant(work, "全国已有7436万多名", "全国已有7346万多名")
    assert main(["check", "--disable", "repeated-figure"]) == 0
    assert "info donors" in capsys.readouterr().out


@pytest.mark.parametrize(("text", "where", "message"), [
    ("- id: donors\n  type: expect\n  level: error\n  mesage: x\n", "rules.yaml:4:3",
     "unknown key 'mesage' in rule 'donors' (type expect); did you mean 'message'?"),
    (RULE + RULE, "rules.yaml:7:7", "duplicate rule id 'donors' (first defined at rules.yaml:1)"),
    ("- id: a\n  type: expcet\n", "rules.yaml:2:9", "unknown type 'expcet'; expected one of: "
     "expect, consistent, sum, compare, derived, duration"),
    (RULE.replace("level: error", "level: fatal"), "rules.yaml:3:10",
     "level must be one of error, warning, info"),
    (RULE.replace("{n}", ""), "rules.yaml:5:20", "'pattern' must contain {n}"),
    (RULE + "  known:\n    - reason: x\n", "rules.yaml:8:7", "needs 'locations' or 'value'"),
    (RULE + "  known:\n    - reason: x\n      locations: [a.txt]\n", "rules.yaml:9:19",
     "path:line"),
    ("- id: Bad_Id\n", "rules.yaml:1:7", "lower-case"),
    ("- id: a\n  type: [x\n", "rules.yaml:3:1", ""),
    ("rules: 5\n", "rules.yaml:1:8", "'rules' must be a list"),
])
def test_broken_rule_files_stop_with_exit_2(work, capsys, text, where, message):
    write(work / "rules.yaml", text)
    assert main(["check"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"{where}: "), captured.err
    assert message in captured.err


def test_unknown_rule_id_in_config(work, capsys):
    write(work / "rules.yaml", RULE)
    write(work / ".factlint.yaml", "paths: [corpus]\nrules: [rules.yaml]\n"
          "disable: [donor]\n")
    assert main(["check"]) == 2
    assert capsys.readouterr().err.startswith(
        ".factlint.yaml:3:11: unknown rule id 'donor'; did you mean 'donors'?")
    write(work / ".factlint.yaml", "paths: [corpus]\nrules: [rules.yaml]\n"
          "levels: {nope: info}\n")
    assert main(["check"]) == 2
    assert capsys.readouterr().err.startswith(".factlint.yaml:3:16: unknown rule id 'nope'")


def test_missing_input_file_is_exit_2(work, capsys):
    write(work / "rules.yaml", RULE)
    assert main(["check", "corpus/missing.txt"]) == 2
    assert "corpus/missing.txt" in capsys.readouterr().err


def test_rules_flag_overrides_config(work, capsys):
    write(work / "rules.yaml", "- id: [broken\n")
    write(work / "good.yaml", "rules:\n" + "".join(
        "  " + line + "\n" for line in RULE.splitlines()))
    assert main(["check", "--rules", "good.yaml"]) == 0


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_output_is_byte_identical_across_runs(work, capsys, fmt):
    write(work / "rules.yaml", RULE)
    plant(work, "全国已有7436万多名", "全国已有近7346万多名")
    outputs = []
    for _ in range(2):
        assert main(["check", "--format", fmt]) == 1
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] and "contradictory-qualifier" in outputs[0]


def test_load_rules_mapping_form_and_order(tmp_path):
    path = tmp_path / "r.yaml"
    write(path, "rules:\n" + "".join("  " + line + "\n" for line in RULE.splitlines()))
    (rule,) = load_rules([str(path)])
    assert (rule.id, rule.type, rule.level, rule.origin) == ("donors", "expect", "error",
                                                             (str(path), 2, 5))
    assert rule.options["equals"].lo == 74360000
