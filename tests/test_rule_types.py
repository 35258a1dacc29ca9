"""Each YAML rule type on small real-looking texts, and its configuration errors."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from factlint.corpus import load_document
from factlint.model import Corpus, VersionGroup
from factlint.rules import CheckContext, load_rules, rule_type
from factlint.settings.yamlload import ConfigError


def corpus(files: dict[str, str], groups=()) -> Corpus:
    return Corpus(tuple(load_document(path, text, year=2020)
                        for path, text in sorted(files.items())), (), tuple(groups))


def rules(tmp_path: Path, text: str) -> list:
    path = tmp_path / "rules.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_rules([str(path)])


def run(rule, docs: Corpus, variants: str = "warning") -> list:
    return list(rule_type(rule.type).check(rule, docs, CheckContext(variants=variants)))


def config_error(tmp_path: Path, text: str) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        rules(tmp_path, text)
    return info.value


EXPECT = """
- id: donors
  type: expect
  level: error
  message: 捐款党员人数不符
  claim: {near: 捐款, kind: count}
  expect: 7436万多名
"""


def test_expect_agrees_and_disagrees(tmp_path) -> None:
    [rule] = rules(tmp_path, EXPECT)
    good = corpus({"a.txt": "全国已有7436万多名党员自愿捐款，共捐款76.8亿元。"})
    assert run(rule, good) == []
    bad = corpus({"a.txt": "全国已有7346万多名党员自愿捐款。\n\n"
                            "全国7436万多名党员捐款支持疫情防控"})
    [finding] = run(rule, bad)
    assert (finding.location.line, finding.location.column) == (1, 5)
    assert finding.message.startswith("捐款党员人数不符: expected 7436万多名")
    assert "7346万多名 (73460000–73470000 名)" in finding.message


def test_expect_measure_word_variant_is_a_warning(tmp_path) -> None:
    [rule] = rules(tmp_path, EXPECT)
    docs = corpus({"a.txt": "全国已有7436万多人党员自愿捐款。"})
    [finding] = run(rule, docs)
    assert finding.level == "warning"
    assert run(rule, docs, variants="ignore") == []
    assert run(rule, docs, variants="error")[0].level == "error"


def test_a_selector_that_matches_nothing_is_a_finding(tmp_path) -> None:
    [rule] = rules(tmp_path, EXPECT)
    [finding] = run(rule, corpus({"a.txt": "全国党员踊跃捐款，数额巨大。"}))
    assert "no claim in the corpus matches 'claim'" in finding.message
    assert finding.location.path.endswith("rules.yaml")
    assert finding.location.line == 6  # the selector in the rules file


def test_expect_reference_that_is_not_one_figure(tmp_path) -> None:
    error = config_error(tmp_path, EXPECT.replace("7436万多名", "很多名"))
    assert (error.line, error.column) == (7, 11)
    assert "cannot read '很多名' as one figure" in error.message


CONSISTENT = """
- id: staff
  type: consistent
  level: error
  message: 高校教职员工人数不一致
  claim: {subject: 高校教职员}
  every-file: true
"""


def test_consistent_reports_each_pair_at_the_odd_one_out(tmp_path) -> None:
    [rule] = rules(tmp_path, CONSISTENT)
    docs = corpus({"a.txt": "市属高校教职员工400余名，下沉社区。",
                   "b.txt": "市属高校教职员4400余名，下沉社区。",
                   "c.txt": "市属高校教职员工400余名，下沉社区。"})
    findings = run(rule, docs)
    assert [(f.location.path, [r.path for r in f.related]) for f in findings] == [
        ("b.txt", ["a.txt"]), ("b.txt", ["c.txt"])]
    assert "4400余名 (4400–4500 名) disagrees with 400余名 (400–500 名) at a.txt:1:9" in \
        findings[0].message


def test_consistent_pair_of_two_puts_the_preferred_version_second(tmp_path) -> None:
    [rule] = rules(tmp_path, CONSISTENT)
    docs = corpus({"a.txt": "市属高校教职员工400余名。", "b.txt": "市属高校教职员4400余名。"},
                  groups=[VersionGroup("g", ("a.txt", "b.txt"), preferred="a.txt")])
    [finding] = run(rule, docs)
    assert finding.location.path == "b.txt" and finding.related[0].path == "a.txt"


def test_consistent_finds_the_preferred_version_however_its_path_is_spelled(
        tmp_path, monkeypatch) -> None:
    # The sources file names ``a.txt``; the run was given ``$PWD/a.txt``.  Files of a run
    # are matched to version groups by resolved path, so the preferred version still
    # goes second whichever way round the corpus lists the two.
    monkeypatch.chdir(tmp_path)
    [rule] = rules(tmp_path, CONSISTENT)
    preferred = str(tmp_path / "b.txt")
    docs = corpus({"a.txt": "市属高校教职员工400余名。", preferred: "市属高校教职员4400余名。"},
                  groups=[VersionGroup("g", ("a.txt", "b.txt"), preferred="b.txt")])
    [finding] = run(rule, docs)
    assert finding.location.path == "a.txt" and finding.related[0].path == preferred


def test_consistent_compares_each_pair_of_readings_once(tmp_path, monkeypatch) -> None:
    # A claim stated in every article of an archive: 1,999 places agree, one is off.
    # Comparing every pair of places would be 2 million comparisons; places that read
    # the same are compared once, and each finding (one per disagreeing pair) once more.
    from factlint.rules import consistent

    calls = []

    def counted(a, b, variants="warning"):
        calls.append(1)
        return agreement(a, b, variants)

    from factlint.claims.agree import agreement
    monkeypatch.setattr(consistent, "agreement", counted)
    [rule] = rules(tmp_path, CONSISTENT.replace("every-file: true", ""))
    files = {f"{n:04}.txt": "市属高校教职员工400余名，下沉社区。" for n in range(1999)}
    files["odd.txt"] = "市属高校教职员4400余名，下沉社区。"
    findings = run(rule, corpus(files))
    assert len(findings) == 1999
    assert {f.location.path for f in findings} == {"odd.txt"}
    assert len(calls) < 2 * 2000


@pytest.mark.parametrize("seed", range(6))
def test_consistent_reports_every_disagreeing_pair_in_place_order(tmp_path, seed) -> None:
    # The same findings as comparing every pair of places, first the odd one out.
    import random

    from factlint.claims.agree import agreement, report_level

    pool = ["400余名", "4400余名", "400多人", "420名", "500名"]
    chooser = random.Random(seed)
    files = {f"{n}.txt": "".join(f"市属高校教职员工{chooser.choice(pool)}，下沉社区。"
                                 for _ in range(chooser.randint(1, 3)))
             for n in range(chooser.randint(2, 6))}
    [rule] = rules(tmp_path, CONSISTENT.replace("every-file: true", ""))
    docs = corpus(files)
    findings = run(rule, docs)
    from factlint.claims.select import select
    places = select(docs, rule.options["claim"])
    expected = set()
    for i, a in enumerate(places):
        for b in places[i + 1:]:
            if report_level(rule.level, agreement(a.quantity, b.quantity)) is not None:
                expected.add(frozenset([(a.path, a.quantity.span.line, a.quantity.span.column),
                                        (b.path, b.quantity.span.line, b.quantity.span.column)]))
    assert len(findings) == len(expected)
    assert {frozenset([(f.location.path, f.location.line, f.location.column),
                       (f.related[0].path, f.related[0].line, f.related[0].column)])
            for f in findings} == expected


def test_consistent_within_one_file_and_every_file(tmp_path) -> None:
    [rule] = rules(tmp_path, CONSISTENT)
    docs = corpus({"a.txt": "市属高校教职员工400余名，下沉社区。"
                            "其后，高校教职员工600余名，陆续到岗。",
                   "b.txt": "没有提到这个数字。"})
    messages = [f.message for f in run(rule, docs)]
    assert any("b.txt does not state the claim" in m for m in messages)
    assert any("400余名 (400–500 名) disagrees with 600余名 (600–700 名)" in m for m in messages)


def test_consistent_agreement_widened_by_precision(tmp_path) -> None:
    [rule] = rules(tmp_path, CONSISTENT.replace("高校教职员", "捐款").replace(
        "every-file: true", ""))
    docs = corpus({"a.txt": "共捐款76.8亿元。", "b.txt": "共捐款76.84亿元。",
                   "c.txt": "共捐款77.1亿元。"})
    pairs = {(f.location.path, f.related[0].path) for f in run(rule, docs)}
    assert pairs == {("c.txt", "a.txt"), ("c.txt", "b.txt")}


SUM = """
- id: team
  type: sum
  level: error
  message: 医疗队人数之和不符
  total: {pattern: "第三批{n}的医疗队"}
  parts:
    - {subject: 临床医师}
    - {subject: 护士}
"""


@pytest.mark.parametrize(("total", "doctors", "nurses", "ok"), [
    ("1000余人", "240名", "760名", True),   # 1000–2000 holds exactly 1000
    ("1000余人", "240名", "670名", False),  # 910
    ("1000人", "240名", "760名", True),
    ("1100人", "240名", "760名", False),
])
def test_sum(tmp_path, total, doctors, nurses, ok) -> None:
    [rule] = rules(tmp_path, SUM)
    docs = corpus({"a.txt": f"辽宁省第三批{total}的医疗队集结出发。"
                            f"这批医疗队包括临床医师{doctors}、护士{nurses}。"})
    findings = run(rule, docs)
    assert (findings == []) == ok
    if not ok:
        assert findings[0].location.column == 7
        assert [r.text for r in findings[0].related] == [doctors, nurses]
        assert "is not the sum of its parts" in findings[0].message


def test_sum_missing_part_and_bad_parts(tmp_path) -> None:
    [rule] = rules(tmp_path, SUM)
    [finding] = run(rule, corpus({"a.txt": "辽宁省第三批1000余人的医疗队。临床医师240名。"}))
    assert "'parts[2]' (subject '护士')" in finding.message
    error = config_error(tmp_path, SUM.replace("    - {subject: 护士}\n", "    - 护士\n"))
    assert (error.line, "each 'parts' entry must be a selector") == (
        9, error.message.split(": ", 1)[1][:37])
    error = config_error(tmp_path, SUM.replace("{subject: 护士}", "{subjet: 护士}"))
    assert (error.line, error.column) == (9, 8)
    assert "did you mean 'subject'" in error.message


COMPARE = """
- id: wards
  type: compare
  level: error
  message: 接手病区多于病区总数
  left: {pattern: "其中的{n}病区"}
  op: "<="
  right: {pattern: "共有{n}病区"}
"""


@pytest.mark.parametrize(("whole", "part", "op", "ok"), [
    ("32", "17", "<=", True), ("32", "37", "<=", False), ("32", "32", "<=", True),
    ("32", "33", "<", False), ("17", "32", ">=", True), ("32", "17", ">", False),
])
def test_compare(tmp_path, whole, part, op, ok) -> None:
    [rule] = rules(tmp_path, COMPARE.replace('"<="', f'"{op}"'))
    docs = corpus({"a.txt": f"雷神山医院共有{whole}个病区，其中的{part}个病区由辽宁医疗队接手。"})
    findings = run(rule, docs)
    assert (findings == []) == ok
    if not ok:
        assert findings[0].related[0].text == f"{whole}个"


def test_compare_with_a_literal_share(tmp_path) -> None:
    [rule] = rules(tmp_path, COMPARE.replace('{pattern: "共有{n}病区"}', "100%").replace(
        '{pattern: "其中的{n}病区"}', "{subject: 到岗率}"))
    assert run(rule, corpus({"a.txt": "红色物业到岗率达到85％。"})) == []
    [finding] = run(rule, corpus({"a.txt": "红色物业到岗率达到185％。"}))
    assert "≤ 100% (100 %) cannot hold" in finding.message
    error = config_error(tmp_path, COMPARE.replace('"<="', '"=<"'))
    assert (error.line, error.column) == (7, 7)


DERIVED = """
- id: per-donor
  type: derived
  level: error
  message: 人均捐款额不合常理
  claims:
    money: {unit: 元}
    donors: {subject: 党员}
  expression: money / donors
  within: [50, 200]
"""


@pytest.mark.parametrize(("money", "ok"), [("76.8亿元", True), ("7.68亿元", False),
                                           ("768亿元", False)])
def test_derived(tmp_path, money, ok) -> None:
    [rule] = rules(tmp_path, DERIVED)
    docs = corpus({"a.txt": f"全国已有7436万多名党员自愿捐款，共捐款{money}。"})
    findings = run(rule, docs)
    assert (findings == []) == ok
    if not ok:
        assert "outside [50, 200]" in findings[0].message
        assert findings[0].location.text == money


def test_derived_undefined_claim_is_an_error_at_its_place(tmp_path) -> None:
    error = config_error(tmp_path, DERIVED.replace("money / donors", "money / donor"))
    assert (error.line, error.column) == (9, 23)
    assert "names 'donor', which 'claims' does not define" in error.message
    quoted = DERIVED.replace("money / donors", '"money / donor"')
    assert config_error(tmp_path, quoted).column == 24
    unused = DERIVED.replace("money / donors", "money / 7436")
    error = config_error(tmp_path, unused)
    assert (error.line, "donors") == (8, error.message.split("'")[3])
    error = config_error(tmp_path, DERIVED.replace("money / donors", "money // donors"))
    assert (error.line, error.column) == (9, 22)  # the second '/'
    error = config_error(tmp_path, DERIVED.replace("[50, 200]", "[200, 50]"))
    assert "greater than max" in error.message


DURATION = """
- id: survey
  type: duration
  level: error
  message: 排查日期、天数与小时数不一致
  range: {kind: date, near: [大排查]}
  days: {unit: 天}
  hours: {unit: 小时}
"""


@pytest.mark.parametrize(("dates", "days", "hours", "wrong"), [
    ("2月17日至19日", "3天", "72个小时", None),
    ("2月17日至19日", "3天", "48个小时", "48个小时"),
    ("2月17日至20日", "3天", "72个小时", "2月17日至20日"),
    ("2月17日至19日", "5天", "72个小时", "5天"),
    ("2月28日至3月1日", "2天", "48个小时", None),  # 2020 is a leap year: three days
])
def test_duration(tmp_path, dates, days, hours, wrong) -> None:
    if dates.startswith("2月28日"):
        wrong = dates
    [rule] = rules(tmp_path, DURATION)
    docs = corpus({"a.txt": f"{dates}，一场大排查在武汉上演。全市紧急动员，{days}时间，{hours}。"})
    findings = run(rule, docs)
    if wrong is None:
        assert findings == []
    else:
        assert findings and {f.location.text for f in findings} == {wrong}


def test_duration_exclusive_and_config(tmp_path) -> None:
    [rule] = rules(tmp_path, DURATION + "  inclusive: false\n")
    docs = corpus({"a.txt": "2月17日至19日，一场大排查开始。紧急动员，2天时间，48个小时。"})
    assert run(rule, docs) == []
    error = config_error(tmp_path, DURATION.replace("  days: {unit: 天}\n", "").replace(
        "  hours: {unit: 小时}\n", ""))
    assert "give at least two of range, days, hours" in error.message
