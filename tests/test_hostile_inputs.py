"""Hostile inputs: every one gets an answer (an exit status and at most a line of why),
never a traceback, a hang, or a silently wrong result (issue 12).

Each test reproduces one failure as it was reported, then asserts the fixed behaviour.
The corpus a test runs on is hashed before and after: factlint never writes to it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factlint.cli import main

from .fake_terminal import Terminal as _Terminal
from .interrupting import interrupt_when_ready

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FACTLINT = [sys.executable, "-m", "factlint"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def tree_hash(folder: Path) -> str:
    """Hash of every file's name and bytes under ``folder``."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the seed project (seeds/, rules/, pyproject.toml) as the working directory."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def untouched(project: Path):
    """The project must be byte-identical after the test."""
    before = tree_hash(project)
    yield project
    assert tree_hash(project) == before, "factlint wrote to the files it checks"


def nested(depth: int) -> str:
    return "[" * depth + "1" + "]" * depth


# ----------------------------------------------------------------- settings files

@pytest.mark.parametrize(("name", "text", "place"), [
    ("rules/deep.yaml", "- id: deep\n  type: expect\n  claim: " + nested(500) + "\n", "3:72"),
    (".factlint.yaml", "paths: " + nested(500) + "\n", "1:71"),
    ("seeds/sources.yaml", "files: " + nested(500) + "\n", "1:71"),
])
def test_deeply_nested_yaml_is_exit_2_with_its_place(project: Path, capsys, name: str,
                                                    text: str, place: str) -> None:
    (project / name).write_text(text, encoding="utf-8")  # .factlint.yaml wins over pyproject
    before = tree_hash(project)
    code, out, err = run(capsys, "check")
    assert (code, out) == (2, "")
    assert err == f"{name}:{place}: nesting too deep (more than 64 levels of lists and " \
                  f"mappings)\n"  # was a RecursionError traceback and exit 1
    assert tree_hash(project) == before


def test_deeply_nested_toml_array_in_pyproject_is_exit_2(project: Path, capsys) -> None:
    original = (project / "pyproject.toml").read_text(encoding="utf-8")
    (project / "pyproject.toml").write_text(
        original + f"\n[tool.other]\nx = {nested(600)}\n", encoding="utf-8")
    line = original.count("\n") + 3
    code, out, err = run(capsys, "check")
    assert code == 2
    assert err == f"pyproject.toml:{line}:604: nesting too deep (arrays or inline tables " \
                  f"nested hundreds of levels)\n"


BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_billion_laughs_is_refused_at_the_alias_quickly(project: Path, capsys) -> None:
    (project / "rules" / "laughs.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    started = time.perf_counter()
    code, out, err = run(capsys, "check")
    elapsed = time.perf_counter() - started
    assert code == 2 and out == ""
    assert err == ("rules/laughs.yaml:6:8: alias *e expands the file beyond 100000 values; "
                   "write the values out or use fewer nested aliases\n")
    assert elapsed < 30  # it took 34 s and 4 GB before; now it stops at the sixth line


def test_aliases_that_stay_small_still_work() -> None:
    from factlint.settings.yamlload import load_yaml_text

    data = load_yaml_text("base: &base {level: error}\nrule: {<<: *base, id: x}\nl: [*base]\n")
    assert data["rule"] == {"id": "x", "level": "error"} and data["l"] == [{"level": "error"}]


def test_oversized_settings_file_is_refused(tmp_path: Path, monkeypatch) -> None:
    from factlint.settings import yamlload

    big = tmp_path / "big.yaml"
    big.write_text("a: 1\n" * 100, encoding="utf-8")
    monkeypatch.setattr(yamlload, "MAX_YAML_BYTES", 100)
    with pytest.raises(yamlload.ConfigError, match="500 bytes is too large for a settings"):
        yamlload.load_yaml(str(big))


# ----------------------------------------------------------------- files that are not files

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
@pytest.mark.parametrize("command", ["check", "extract"])
def test_a_fifo_on_the_command_line_is_refused_not_waited_on(tmp_path: Path,
                                                             command: str) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    done = subprocess.run([*FACTLINT, command, str(fifo)], capture_output=True, text=True,
                          timeout=60, cwd=tmp_path)
    assert done.returncode == 2
    assert f"{fifo}: is not a regular file (a FIFO); give a file, or - for standard input" \
        in done.stderr
    assert not done.stdout.startswith("no findings:")


def test_a_device_is_refused(capsys) -> None:
    code, out, err = run(capsys, "extract", "/dev/zero")
    assert code == 2 and "/dev/zero: is not a regular file (a character device)" in err


def test_standard_input_is_read_for_a_dash(capsys, monkeypatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("共有4400余名党员。".encode())))
    code, out, err = run(capsys, "extract", "--format", "csv", "-")
    assert code == 0, err
    assert out.splitlines()[1].startswith("<stdin>,1,3,1,9,4400余名,4400,")


# ----------------------------------------------------------------- interrupts and bugs

def test_ctrl_c_is_exit_130_with_one_line(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("全市共有党员7436万多名，比上年增长2.5%。\n" * 200_000, encoding="utf-8")
    # CSV prints its header as soon as the command runs: interrupted once it is seen (not
    # after a fixed sleep, which at a high load could land while Python still imports).
    process = subprocess.Popen([*FACTLINT, "extract", "--format", "csv", str(big)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=tmp_path)
    _, err = interrupt_when_ready(
        process, lambda: process.stdout.readline().startswith("path,line,column,"))
    assert process.returncode == 130
    assert err == "factlint: interrupted\n"


def test_an_unexpected_exception_is_one_line_naming_the_file_exit_2(
        untouched: Path, capsys, monkeypatch) -> None:
    import factlint.corpus

    def broken(text, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(factlint.corpus, "extract", broken)
    code, out, err = run(capsys, "check")
    assert code == 2  # never 1, which CI reads as "findings"
    assert err == ("factlint: internal error while processing seeds/000_6aef4c9e06e579a7.txt: "
                   "ZeroDivisionError: division by zero; this is a bug in factlint 0.1.0, "
                   "please report it with that input\n")


def test_an_unexpected_exception_in_a_rule_names_the_rule(untouched: Path, capsys,
                                                          monkeypatch) -> None:
    from factlint.rules import contradictory_qualifier

    def broken(rule, corpus, ctx):
        raise KeyError("x")

    monkeypatch.setattr(contradictory_qualifier, "check", broken)
    code, _, err = run(capsys, "check")
    assert code == 2
    assert err.startswith("factlint: internal error while processing rule "
                          "'contradictory-qualifier': KeyError: 'x';")


def test_hook_has_the_same_last_line_of_defence(untouched: Path, capsys, monkeypatch) -> None:
    import factlint.corpus
    from factlint.integrations.hook import main as hook

    monkeypatch.setattr(factlint.corpus, "extract", lambda text, **kw: 1 / 0)
    code = hook(["seeds/004_e121854575d370ac.txt"])
    assert code == 2
    assert capsys.readouterr().err.startswith("factlint-hook: internal error while processing")


# ----------------------------------------------------------------- silent wrong results

def _donor_error(out: str) -> bool:
    return "4400余" in out and "cross-source" in out


def test_cross_source_finds_the_error_however_the_folder_is_spelt(untouched: Path,
                                                                   capsys) -> None:
    code, out, _ = run(capsys, "check", "seeds")
    assert code == 1 and _donor_error(out)
    code, out, _ = run(capsys, "check", f"{untouched}/seeds/")
    assert code == 1 and _donor_error(out), "absolute path turned cross-source off"
    os.chdir("seeds")
    code, out, _ = run(capsys, "check", ".")
    assert code == 1 and _donor_error(out), "'cd seeds && factlint check .' turned it off"


def test_a_group_with_one_file_in_the_run_is_a_warning(untouched: Path, capsys) -> None:
    code, out, err = run(capsys, "check", "seeds/000_6aef4c9e06e579a7.txt")
    assert ("factlint: warning: cross-source: version group 'canghai-feature' has only "
            "seeds/000_6aef4c9e06e579a7.txt among the files checked (it names 3); it was not "
            "compared") in err


def test_an_empty_folder_is_no_files_to_check_exit_2(project: Path, capsys) -> None:
    (project / "empty").mkdir()
    (project / "empty" / "notes.pdf").write_bytes(b"%PDF")  # .docx is read since issue 14
    code, out, err = run(capsys, "check", "empty")
    assert code == 2 and out == ""
    assert err == "command line: no files to check: no .txt, .md, .html or .docx file in empty\n"


def test_unreadable_input_never_prints_no_findings(untouched: Path, capsys) -> None:
    code, out, err = run(capsys, "check", "missing.txt")
    assert code == 2
    assert not out.startswith("no findings:")
    assert out == "no findings in the 0 files read; 1 could not be read (see the errors)\n"
    assert "missing.txt: no such file" in err


def test_rules_flag_takes_one_value_so_paths_after_it_are_checked(untouched: Path,
                                                                  capsys) -> None:
    # It read seeds/ as a folder of rules, so seeds/sources.yaml was parsed as a rules file.
    code, out, err = run(capsys, "check", "--rules", "rules/", "seeds/")
    assert code == 1 and _donor_error(out) and err == ""
    code, out, err = run(capsys, "check", "--rules", "rules/wuhan.yaml", "--rules",
                         "rules/liaoning.yaml", "seeds/")
    assert "wuhan-survey-duration" in out or "liaoning-team-size" in out or code in (0, 1)
    assert "sources" not in err


def test_the_old_rules_mistake_says_what_happened(untouched: Path, capsys) -> None:
    code, out, err = run(capsys, "check", "--rules", "rules/wuhan.yaml", "rules/liaoning.yaml",
                         "seeds/")
    assert code == 2 and out == ""
    assert err.startswith("factlint: 'rules/liaoning.yaml' was given as a file to check, but "
                          "it is a settings file; --rules and --disable take one value each")


def test_disable_is_repeatable_and_takes_commas(untouched: Path, capsys) -> None:
    code, out, _ = run(capsys, "check", "--disable", "cross-source,repeated-figure",
                       "--disable", "contradictory-qualifier", "seeds/")
    assert "cross-source" not in out and "repeated-figure" not in out
    assert "contradictory-qualifier" not in out
    code, out, err = run(capsys, "check", "--disable", "cross-source", "seeds/")
    assert "seeds/" not in err  # the folder is a path, not a rule id


def test_fail_on_never_reports_and_exits_0(untouched: Path, capsys) -> None:
    code, out, _ = run(capsys, "check", "--fail-on", "never")
    assert code == 0 and _donor_error(out)
    code, _, _ = run(capsys, "check", "--fail-on", "never", "missing.txt")
    assert code == 2  # an unreadable input still fails


def test_fail_on_never_in_diff(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.txt").write_text("共有4400余名党员。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("共有4300余名党员。", encoding="utf-8")
    assert run(capsys, "diff", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))[0] == 1
    assert run(capsys, "diff", "--fail-on", "never", str(tmp_path / "a.txt"),
               str(tmp_path / "b.txt"))[0] == 0


def test_color_always_never_and_no_color(untouched: Path, capsys, monkeypatch) -> None:
    code, out, _ = run(capsys, "check", "--color", "always")
    assert "\x1b[31merror\x1b[0m" in out
    code, plain, _ = run(capsys, "check", "--color", "never")
    assert "\x1b[" not in plain
    assert plain == out.replace("\x1b[1m", "").replace("\x1b[31m", "").replace(
        "\x1b[33m", "").replace("\x1b[36m", "").replace("\x1b[2m", "").replace("\x1b[0m", "")
    from factlint.reporters import use_color

    class Tty:
        def isatty(self) -> bool:
            return True

    assert use_color("auto", Tty(), {}) is True
    assert use_color("auto", Tty(), {"NO_COLOR": "1"}) is False
    assert use_color("auto", Tty(), {"NO_COLOR": ""}) is True  # no-color.org: non-empty only
    assert use_color("auto", sys.stdout, {}) is False  # captured: not a terminal
    assert use_color("always", sys.stdout, {"NO_COLOR": "1"}) is True


# ----------------------------------------------------------------- encodings

def test_nul_bytes_are_refused_naming_where(tmp_path: Path, capsys) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes("第一行\n共有4400\x00余名党员。".encode())
    code, out, err = run(capsys, "extract", str(path))
    assert code == 2
    assert f"{path}: contains a NUL character (line 2, column 7)" in err


BIG5_SENTENCE = "臺北市政府統計，全市人口約為250萬人，較去年減少1.2萬人。"


def test_big5_is_decoded_and_said(tmp_path: Path, capsys) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes(BIG5_SENTENCE.encode("big5"))
    code, out, err = run(capsys, "extract", "--format", "csv", str(path))
    assert code == 0
    assert "250萬人" in out and "1.2萬人" in out
    assert f"factlint: warning: {path}: read as Big5 (traditional Chinese), not UTF-8" in err


def test_gb18030_is_still_read_silently(tmp_path: Path, capsys) -> None:
    path = tmp_path / "gb.txt"
    path.write_bytes("北京市统计局发布，全市常住人口为2185万人，比上年减少3.2万人。".encode("gb18030"))
    code, out, err = run(capsys, "extract", "--format", "csv", str(path))
    assert code == 0 and "2185万人" in out and err == ""


# ----------------------------------------------------------------- rule scope

SUM_RULE = """\
- id: team-total
  type: sum
  level: error
  message: 医疗队总人数与医生、护士之和不符
{scope}  total: {{pattern: "医疗队共{{n}}"}}
  parts:
    - {{subject: 医生}}
    - {{subject: 护士}}
"""

DURATION_RULE = """\
- id: survey-duration
  type: duration
  level: error
  message: 排查的日期、天数与小时数不一致
{scope}  range: {{kind: date, near: [排查]}}
  days: {{unit: 天, near: [排查]}}
  hours: {{unit: 小时, near: [排查]}}
"""


def _scoped_run(tmp_path: Path, capsys, monkeypatch, rule: str, texts: dict[str, str],
                scope: str = "") -> list[dict]:
    import json

    (tmp_path / "docs").mkdir(exist_ok=True)
    for name, text in texts.items():
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    (tmp_path / "rules.yaml").write_text(rule.format(scope=scope), encoding="utf-8")
    (tmp_path / ".factlint.yaml").write_text(
        "paths: [docs]\nrules: [rules.yaml]\ndisable: [repeated-figure, "
        "contradictory-qualifier, total-vs-parts, range-vs-duration, share-bounds]\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", "--format", "json")
    assert code in (0, 1), err
    return json.loads(out)["findings"]


VERSIONS = {
    "a.txt": "援鄂医疗队共1000人，其中医生400人，护士600人。",
    "b.txt": "援鄂医疗队共1100人，其中医生400人，护士700人。",
}


def test_sum_takes_total_and_parts_from_one_document(tmp_path: Path, capsys,
                                                     monkeypatch) -> None:
    # Both versions add up; mixing them reported a.txt's 1000 against b.txt's 400+700.
    assert _scoped_run(tmp_path, capsys, monkeypatch, SUM_RULE, VERSIONS) == []
    wrong = {**VERSIONS, "c.txt": "援鄂医疗队共1000人，其中医生400人，护士700人。"}
    found = _scoped_run(tmp_path, capsys, monkeypatch, SUM_RULE, wrong)
    assert [(f["path"], f["text"]) for f in found] == [("docs/c.txt", "1000人")]
    assert "1000人 (1000 人) is not the sum of its parts: 400人 (400 人) + 700人 (700 人)" \
        in found[0]["message"]


def test_scope_corpus_combines_figures_of_different_files(tmp_path: Path, capsys,
                                                          monkeypatch) -> None:
    found = _scoped_run(tmp_path, capsys, monkeypatch, SUM_RULE, VERSIONS,
                        scope="  scope: corpus\n")
    assert {f["path"] for f in found} == {"docs/a.txt", "docs/b.txt"}  # the old behaviour


def test_figures_never_in_one_document_is_one_finding_at_the_rule(tmp_path: Path, capsys,
                                                                   monkeypatch) -> None:
    apart = {"a.txt": "援鄂医疗队共1000人。", "b.txt": "其中医生400人，护士600人。"}
    found = _scoped_run(tmp_path, capsys, monkeypatch, SUM_RULE, apart)
    assert len(found) == 1 and found[0]["path"] == "rules.yaml"
    assert ("its figures are never all in one document ('total' in docs/a.txt; 'parts[1]' "
            "in docs/b.txt; 'parts[2]' in docs/b.txt), so nothing was compared") \
        in found[0]["message"]


def test_duration_reports_each_problem_once(tmp_path: Path, capsys, monkeypatch) -> None:
    right = "武汉于2月17日至19日开展拉网式大排查，连续3天时间、72个小时排查完毕。"
    wrong = "武汉于2月17日至20日开展拉网式大排查，连续3天时间、72个小时排查完毕。"
    texts = {"a.txt": right, "b.txt": right, "c.txt": wrong}
    found = _scoped_run(tmp_path, capsys, monkeypatch, DURATION_RULE, texts)
    assert {f["path"] for f in found} == {"docs/c.txt"}
    assert len(found) == 2  # 17–20日 against 3天 and against 72个小时, once each
    corpus_wide = _scoped_run(tmp_path, capsys, monkeypatch, DURATION_RULE, texts,
                              scope="  scope: corpus\n")
    assert len(corpus_wide) > len(found)  # every version's range against every day count


def test_scope_must_be_document_or_corpus(tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(VERSIONS["a.txt"], encoding="utf-8")
    (tmp_path / "rules.yaml").write_text(SUM_RULE.format(scope="  scope: everywhere\n"),
                                         encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", "--rules", "rules.yaml", "docs")
    assert code == 2
    assert err == "rules.yaml:5:10: rule 'team-total': scope must be document or corpus, " \
                  "not 'everywhere'\n"


# ----------------------------------------------------------------- diff on repetitive text

def _diff(tmp_path: Path, capsys, old: str, new: str) -> tuple[int, list[dict]]:
    import json

    (tmp_path / "old.txt").write_text(old, encoding="utf-8")
    (tmp_path / "new.txt").write_text(new, encoding="utf-8")
    code, out, err = run(capsys, "diff", "--format", "json", str(tmp_path / "old.txt"),
                         str(tmp_path / "new.txt"))
    assert code in (0, 1), err
    return code, json.loads(out)["findings"]


def weather_table(rows: int = 120, changed: int | None = None) -> str:
    """An hourly forecast: five days of 24 rows in the same words, only figures differ
    (masked, the words around every figure are the same on every row)."""
    lines = []
    for i in range(rows):
        temperature, humidity = -3 + (i * 7) % 15, 40 + (i * 13) % 50
        if i == changed:
            temperature += 10
        lines.append(f"12月{1 + i // 24}日{i % 24}时　晴　气温{temperature}℃　"
                     f"相对湿度{humidity}%　东北风3级")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("name", "text"), [
    ("'1人，'*100", "1人，" * 100),
    ("weather table", weather_table()),
    ("'1.1.'*2000", "1.1." * 2000),
])
def test_diff_of_a_text_with_itself_finds_nothing(tmp_path: Path, capsys, name: str,
                                                   text: str) -> None:
    # '1人，'*100 gave 200 only-in-one findings, the 120-row weather table 226.
    code, found = _diff(tmp_path, capsys, text, text)
    assert (code, found) == (0, [])


def test_one_changed_cell_of_a_table_is_one_finding(tmp_path: Path, capsys) -> None:
    code, found = _diff(tmp_path, capsys, weather_table(), weather_table(changed=57))
    assert code == 1
    assert [(f["rule"], f["line"]) for f in found] == [("changed-value", 58)]


def test_a_finding_quotes_an_excerpt_not_a_whole_sentence(tmp_path: Path, capsys) -> None:
    # '1.1.'*25000 has no full stop: one 100 KB sentence, once copied into each of
    # 50,000 only-in-one findings (a MemoryError in the reporters).
    old = "1.1." * 3000
    new = "乙" + "2.2." * 3000
    code, found = _diff(tmp_path, capsys, old, new)
    assert found and all(len(r["text"]) <= 60 for f in found for r in f["related"])


def test_only_in_one_points_at_the_nearest_aligned_sentence_or_nowhere(tmp_path: Path,
                                                                        capsys) -> None:
    old = "第一段说明情况。\n\n第二段介绍背景。\n\n第三段给出结论。\n"
    new = ("第一段说明情况。\n\n第二段介绍背景。\n\n另有新增加的35名志愿者参加。\n\n"
           "第三段给出结论。\n")
    _, found = _diff(tmp_path, capsys, old, new)
    assert [f["text"] for f in found] == ["35名"]
    assert [r["text"] for r in found[0]["related"]] == ["第二段介绍背景。"]
    # Nothing aligned at all: no related place rather than an arbitrary one.
    _, found = _diff(tmp_path, capsys, "完全不同的一句话。", "另一个版本有12个人。")
    assert found and all(f["related"] == [] for f in found)


# ----------------------------------------------------------------- pre-commit hook

EVERY_FILE_RULE = """\
- id: donors-everywhere
  type: consistent
  level: error
  message: 每个版本都应写明捐款党员人数
  claim: {subject: 党员, near: [捐款]}
  every-file: true
"""


@pytest.fixture
def hook_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    files = {".factlint.yaml": "paths: [corpus]\nrules: [rules.yaml]\n",
             "rules.yaml": EVERY_FILE_RULE,
             "corpus/a.txt": "全国已有7436万多名党员自愿捐款。\n",
             "corpus/b.txt": "据统计，全国已有7436万多名党员自愿捐款。\n",
             "README.md": "# 稿件库\n\n这里存放稿件。\n"}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_hook_does_not_block_an_unrelated_staged_file(hook_project: Path, capsys) -> None:
    from factlint.integrations.hook import main as hook

    # README.md "did not state the claim" of an every-file rule and failed the commit.
    assert hook(["README.md"]) == 0
    assert capsys.readouterr().out == ""
    (hook_project / "corpus" / "b.txt").write_text("据统计，全国党员踊跃捐款。\n", encoding="utf-8")
    assert hook(["corpus/b.txt"]) == 1  # a corpus version that dropped the figure still fails
    assert "corpus/b.txt does not state the claim" in capsys.readouterr().out


def test_hook_caches_extraction_and_survives_a_damaged_cache(hook_project: Path,
                                                             capsys) -> None:
    from factlint.corpus import ExtractionCache
    from factlint.integrations.hook import main as hook

    corpus_before = tree_hash(hook_project / "corpus")
    assert hook(["README.md"]) == 0
    cache = hook_project / ExtractionCache.NAME
    entries = sorted(cache.rglob("*.pickle"))
    assert len(entries) == 3  # a.txt, b.txt, README.md
    assert (cache / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f")
    for entry in entries:
        entry.write_bytes(b"half-written")  # a crash mid-write, or another version
    assert hook(["README.md"]) == 0 and capsys.readouterr().err == ""
    assert tree_hash(hook_project / "corpus") == corpus_before  # the cache lives outside it


def test_cache_hits_unchanged_files_and_misses_changed_ones(tmp_path: Path) -> None:
    from factlint.corpus import ExtractionCache, load_corpus

    (tmp_path / "a.txt").write_text("共有12名党员。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("共有13名党员。", encoding="utf-8")
    cache = ExtractionCache(str(tmp_path / "cache"))
    first, _ = load_corpus([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], cache=cache)
    assert (cache.hits, cache.misses) == (0, 2)
    (tmp_path / "b.txt").write_text("共有14名党员。", encoding="utf-8")
    second, _ = load_corpus([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], cache=cache)
    assert (cache.hits, cache.misses) == (1, 3)
    assert second.documents[0] == first.documents[0]
    assert second.documents[1].quantities[0].text == "14名"


# ----------------------------------------------------------------- progress

def test_progress_bar_only_on_a_terminal_outside_ci(monkeypatch) -> None:
    from factlint.reporters.progress import wanted

    assert wanted(False, _Terminal(), {}) is True
    assert wanted(True, _Terminal(), {}) is False  # --quiet
    assert wanted(False, _Terminal(), {"CI": "true"}) is False
    assert wanted(False, _Terminal(), {"TERM": "dumb"}) is False
    assert wanted(False, sys.stderr, {}) is False  # captured: a pipe


def test_progress_bar_counts_files_and_rules(untouched: Path, monkeypatch) -> None:
    from factlint.reporters import progress
    from factlint.rules.engine import run_check
    from factlint.settings.config import load_config
    from factlint.text.files import discover

    monkeypatch.setattr(progress, "DELAY", 0)
    monkeypatch.setattr(progress, "MIN_INTERVAL", 0)  # redraw on every update
    terminal = _Terminal()
    config = load_config(".")
    bar = progress.Progress(discover(config.paths), True, terminal)
    run_check(config, on_file=bar.file_done, on_rule=bar.rule_started)
    bar.close()
    shown = "".join(terminal.written)
    assert "reading" in shown and "/5 files" in shown and "B/s" in shown  # rate and ETA
    assert "checking" in shown and " rules" in shown


def test_check_in_a_pipe_prints_no_progress(untouched: Path) -> None:
    done = subprocess.run([*FACTLINT, "check"], capture_output=True, text=True, timeout=300,
                          cwd=untouched)
    assert done.returncode == 1 and done.stderr == ""


def test_the_old_disable_mistake_says_what_happened(untouched: Path, capsys) -> None:
    code, out, err = run(capsys, "check", "--disable", "cross-source", "repeated-figure",
                         "seeds/")
    assert code == 2 and out == ""
    assert err == ("factlint: 'repeated-figure' was given as a file to check, but there is no "
                   "such file; if it is a rule id, --disable takes one value each (--disable "
                   "a,b or --disable a --disable b)\n")
