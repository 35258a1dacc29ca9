"""factlint's pytest plugin, run the way users run it: a project with rules and a corpus,
collected and run by a nested pytest (``pytester``)."""

from __future__ import annotations

import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

import factlint
from factlint.claims.approximate import Approx, approx, explain

pytest_plugins = ["pytester"]

# A wire brief and a copy that mistyped the number of donors (7346 for 7436).
WIRE = ("新华社北京3月10日电 全国已有7436万多名党员自愿捐款，共捐款76.8亿元。\n"
        "截至3月9日，7436万多名党员自愿捐款。\n")
COPY = "全国已有7346万多名党员自愿捐款，共捐款76.8亿元。\n"

EXPECT_RULE = """\
rules:
  - id: party-donors
    type: expect
    level: error
    message: 捐款党员人数与新华社通稿不符
    claim: {subject: 党员, near: 捐款, files: ["%s"]}
    expect: 7436万多名
"""


def column_of(text: str, needle: str, line: int) -> int:
    """1-based column of ``needle`` on ``line`` of ``text``, counting code points."""
    return text.splitlines()[line - 1].index(needle) + 1


def lit(text: str) -> str:
    """``text`` as an fnmatch pattern that matches itself ("[" starts a character class)."""
    return text.replace("[", "[[]")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A project whose pytest config names its rules and corpus through the ini options."""
    write(pytester.path / "news" / "wire.txt", WIRE)
    write(pytester.path / "news" / "copy.txt", COPY)
    write(pytester.path / "pyproject.toml", textwrap.dedent("""\
        [tool.pytest.ini_options]
        factlint_rules = ["checks"]
        factlint_corpus = ["news"]
        """))
    return pytester


def test_a_rule_that_holds_is_a_passing_item_named_after_its_id(project):
    write(project.path / "checks" / "donors.yaml", EXPECT_RULE % "wire.txt")
    result = project.runpytest("-v", "checks")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["checks/donors.yaml::party-donors PASSED*"])
    result.stdout.fnmatch_lines(["factlint: rules checks; corpus news"])


def test_a_broken_rule_fails_showing_claims_as_written_as_intervals_and_where(project):
    write(project.path / "checks" / "donors.yaml", EXPECT_RULE % "copy.txt")
    result = project.runpytest("checks")
    result.assert_outcomes(failed=1)
    column = column_of(COPY, "7346", 1)
    result.stdout.fnmatch_lines([
        "rule 'party-donors' (expect, error) at checks/donors.yaml:2:5",
        "  捐款党员人数与新华社通稿不符",
        f"news/copy.txt:1:{column}: error party-donors 捐款党员人数与新华社通稿不符: "
        "expected 7436万多名*found 7346万多名*",
        lit(f"    claim news/copy.txt:1:{column}: 7346万多名 = [73460000, 73470000) 名"),
        "      in: 全国已有7346万多名党员自愿捐款*",
    ])
    assert result.ret == pytest.ExitCode.TESTS_FAILED


def test_findings_that_are_all_known_errata_make_an_xfail_with_the_reason(project):
    column = column_of(COPY, "7346", 1)
    known = ("    known:\n"
             "      - reason: 排版错误，已在网络版更正\n"
             f"        locations: [\"news/copy.txt:1:{column}\"]\n")
    write(project.path / "checks" / "donors.yaml", EXPECT_RULE % "copy.txt" + known)
    result = project.runpytest("-rx", "checks")
    result.assert_outcomes(xfailed=1)
    result.stdout.fnmatch_lines(
        ["XFAIL checks/donors.yaml::party-donors - known erratum: 排版错误，已在网络版更正"])


@pytest.mark.parametrize("comment, outcome", [
    ("<!-- factlint-disable-line party-donors -->", "passed"),
    ("<!-- factlint-disable-line -->", "passed"),  # every rule
    ("<!-- factlint-disable-line usage-range-scale -->", "failed"),  # another rule
])
def test_a_finding_a_suppression_comment_silences_does_not_fail_the_rule(project, comment,
                                                                          outcome):
    """As `factlint check` honours them: the rule's test sees only what the check shows."""
    write(project.path / "news" / "copy.txt", COPY.rstrip("\n") + comment + "\n")
    write(project.path / "checks" / "donors.yaml", EXPECT_RULE % "copy.txt")
    result = project.runpytest("checks")
    result.assert_outcomes(**{outcome: 1})


def test_a_suppression_block_in_markdown_silences_the_findings_inside_it(project):
    (project.path / "news" / "copy.txt").unlink()
    write(project.path / "news" / "copy.md", "# 捐款\n\n<!-- factlint-disable party-donors -->\n"
          + COPY + "<!-- factlint-enable -->\n\n全国仍有7346万多名党员自愿捐款。\n")
    write(project.path / "checks" / "donors.yaml", EXPECT_RULE % "copy.md")
    result = project.runpytest("checks")
    result.assert_outcomes(failed=1)
    # Only the figure after the block is reported: the one inside it is silenced.
    result.stdout.fnmatch_lines(["news/copy.md:7:*error party-donors*7346万多名*"])
    result.stdout.no_fnmatch_line("news/copy.md:4:*")


def test_a_malformed_suppression_comment_fails_the_rule_naming_its_place(project):
    write(project.path / "news" / "copy.txt", COPY + "<!-- factlint-disabel party-donors -->\n")
    write(project.path / "checks" / "donors.yaml", EXPECT_RULE % "wire.txt")
    result = project.runpytest("checks")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*news/copy.txt:2:1: unknown directive 'factlint-disabel'*"])


def test_a_rules_file_that_does_not_load_is_a_collection_error_at_file_line_col(project):
    write(project.path / "checks" / "good.yaml", EXPECT_RULE % "wire.txt")
    write(project.path / "checks" / "bad.yaml", textwrap.dedent("""\
        rules:
          - id: party-donors-typo
            type: expect
            level: eror
            message: 人数不符
            claim: {subject: 党员}
            expect: 7436万多名
        """))
    result = project.runpytest("checks")
    # pytest stops before running anything when collection fails; the good file's rule
    # was still collected.
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["collected 1 item / 1 error"])
    result.stdout.fnmatch_lines([
        "*ERROR collecting checks/bad.yaml*",
        "checks/bad.yaml:4:12: rule 'party-donors-typo': level must be one of error, "
        "warning, info, not 'eror'",
    ])
    assert "Traceback" not in result.stdout.str()


def test_yaml_syntax_errors_are_collection_errors_too(project):
    write(project.path / "checks" / "broken.yaml", "rules:\n  - id: x\n    type: [expect\n")
    result = project.runpytest("checks")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["checks/broken.yaml:*:*: *"])


def test_an_id_defined_in_two_files_is_an_error_at_the_second(project):
    write(project.path / "checks" / "a.yaml", EXPECT_RULE % "wire.txt")
    write(project.path / "checks" / "b.yaml", EXPECT_RULE % "wire.txt")
    result = project.runpytest("checks", "--continue-on-collection-errors")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines([
        "checks/b.yaml:2:5: duplicate rule id 'party-donors' "
        "(first defined at checks/a.yaml:2:5)"])


def test_settings_come_from_the_factlint_config_when_the_ini_names_none(pytester):
    write(pytester.path / "corpus" / "wire.txt", WIRE)
    write(pytester.path / "corpus" / "copy.txt", COPY)
    write(pytester.path / "rules" / "donors.yaml", EXPECT_RULE % "copy.txt")
    write(pytester.path / ".factlint.yaml", "paths: [corpus]\nrules: [rules]\n"
          "levels: {party-donors: warning}\n")
    result = pytester.runpytest("rules", "-W", "always")
    # Lowered to a warning, the finding no longer fails the rule; it is still reported.
    result.assert_outcomes(passed=1, warnings=1)
    result.stdout.fnmatch_lines(["*FactlintFindingWarning: corpus/copy.txt:1:5: warning "
                                 "party-donors*"])


def test_a_disabled_rule_is_skipped(pytester):
    write(pytester.path / "corpus" / "copy.txt", COPY)
    write(pytester.path / "rules" / "donors.yaml", EXPECT_RULE % "copy.txt")
    write(pytester.path / ".factlint.yaml", "paths: [corpus]\nrules: [rules]\n"
          "disable: [party-donors]\n")
    result = pytester.runpytest("-rs", "rules")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["*rule 'party-donors' is disabled in .factlint.yaml*"])


def test_without_factlint_settings_yaml_files_are_left_alone(pytester):
    # Someone else's project with a rules/ folder of unrelated YAML.
    write(pytester.path / "rules" / "lint.yaml", "- not: a factlint rule\n")
    result = pytester.runpytest("rules")
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED
    result.stdout.fnmatch_lines(["collected 0 items"])
    result.stdout.no_fnmatch_line("factlint: rules*")


def test_fixture_and_approx_in_python_assertions(project):
    project.makepyfile(test_figures="""
        import pytest
        from factlint import approx

        def test_wire_headline(factlint_corpus):
            claim = factlint_corpus.claim(subject="党员", near="捐款", files="wire.txt",
                                          pattern="全国已有{n}")
            assert claim == approx("7436万多名")
            assert claim == approx("7436万名")      # 7436万 ±5000 overlaps
            assert claim != approx("7346万多名")

        def test_copy(factlint_corpus):
            assert factlint_corpus.claim(subject="党员", files="copy.txt") == approx("7436万多名")

        def test_ambiguous(factlint_corpus):
            factlint_corpus.claim(subject="党员")

        def test_nothing(factlint_corpus):
            factlint_corpus.claim(subject="医生")

        def test_all_donor_claims(factlint_corpus):
            claims = factlint_corpus.claims(subject="党员", unit="名")
            assert [c.quantity.text for c in claims] == ["7346万多名", "7436万多名", "7436万多名"]
    """)
    result = project.runpytest("test_figures.py")
    result.assert_outcomes(passed=2, failed=3)
    column = column_of(COPY, "7346", 1)
    result.stdout.fnmatch_lines([
        f"E*AssertionError: assert 7346万多名 at news/copy.txt:1:{column} does not agree with "
        "approx('7436万多名')",
        lit(f"E*  claim:    7346万多名 = [73460000, 73470000) 名 at news/copy.txt:1:{column}"),
        lit("E*  expected: 7436万多名 = [74360000, 74370000) 名"),
        "E*  reason:   7346万多名 (73460000–73470000 名) and 7436万多名 "
        "(74360000–74370000 名) cannot both be true",
        "E*  sentence: 全国已有7346万多名党员自愿捐款*",
    ])
    wire_1 = column_of(WIRE, "7436", 1)
    wire_2 = column_of(WIRE, "7436", 2)
    result.stdout.fnmatch_lines([
        "E*LookupError: 3 claims match subject='党员'; narrow the selector*",
        f"E*  news/copy.txt:1:{column}: 7346万多名 (subject '党员')",
        f"E*  news/wire.txt:1:{wire_1}: 7436万多名 (subject '党员')",
        f"E*  news/wire.txt:2:{wire_2}: 7436万多名 (subject '党员')",
    ])
    result.stdout.fnmatch_lines(["E*LookupError: no claim matches subject='医生' in 2 document(s)"])


def test_the_fixture_rejects_a_bad_selector_by_name(project):
    project.makepyfile(test_bad="""
        def test_kind(factlint_corpus):
            factlint_corpus.claims(kind="amount")
    """)
    result = project.runpytest("test_bad.py")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["E*ValueError: unknown kind 'amount'; expected one of: *"])


# --------------------------------------------------------------------------- approx alone


def test_approx_uses_interval_semantics_and_units():
    assert factlint.approx is approx
    assert factlint.parse("7436万名") == approx("7436万多名")
    assert "74360000名" == approx("7436万多名")
    assert "7346万多名" != approx("7436万多名")
    assert "7436万多元" != approx("7436万多名")  # different unit
    assert "76.84亿元" == approx("76.8亿元")      # within half a unit of the last digit
    assert "77.1亿元" != approx("76.8亿元")
    assert Decimal("7684000000") == approx("76.8亿元")
    assert 7690000000 != approx("76.8亿元")
    # 名 and 人 count the same people: equal unless variants must match exactly.
    assert "100人" == approx("100名")
    assert "100人" != approx("100名", variants="error")


def test_approx_refuses_floats_and_unhashable():
    with pytest.raises(TypeError, match="float"):
        assert 76.8e8 == approx("76.8亿元")
    with pytest.raises(TypeError):
        hash(approx("76.8亿元"))
    with pytest.raises(ValueError, match="variants"):
        approx("76.8亿元", variants="sometimes")


def test_approx_repr_and_explanation_show_both_intervals():
    expected = approx("76.8亿元")
    assert repr(expected) == ("approx(76.8亿元 = [7680000000, 7680000000] 元 ±5000000 → "
                              "(7675000000, 7685000000))")
    lines = explain(factlint.parse("77.1亿元"), expected)
    assert lines == [
        "77.1亿元 does not agree with approx('76.8亿元')",
        "claim:    77.1亿元 = [7710000000, 7710000000] 元 ±5000000 → (7705000000, 7715000000)",
        "expected: 76.8亿元 = [7680000000, 7680000000] 元 ±5000000 → (7675000000, 7685000000)",
        "reason:   77.1亿元 (7710000000 元) and 76.8亿元 (7680000000 元) cannot both be true",
    ]
    assert explain("a", "b") is None
    assert isinstance(expected, Approx)
