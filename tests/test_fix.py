"""``factlint fix``: only proven fixes, atomic writes that keep the file as it was encoded."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factlint.cli import main
from factlint.corpus import load_document
from factlint.integrations.fixer import FileFix, plan, unified_diff, write
from factlint.model import Finding, Fix, Location, Replacement
from factlint.rules.fixes import apply_fixes, readings
from factlint.settings.config import Config
from factlint.text.writing import WriteError

DRAFT = ("新华社北京2012年3月1日电 今年增长3～5万人，其中4千人来自外地，用时3-5天。\n"
         "三千〇五十二人在二零一二年到达。20几个人说。\n")
FIXED = ("新华社北京2012年3月1日电 今年增长3万～5万人，其中4000人来自外地，用时3～5天。\n"
         "三千零五十二人在二〇一二年到达。20几个人说。\n")
CLEAN = "没有要改的：增长3万～5万人，用时3～5天。\n"


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_fix_applies_the_proven_fixes_and_lists_the_rest(here, capsys):
    (here / "a.txt").write_text(DRAFT, encoding="utf-8")
    assert main(["fix", "a.txt"]) == 1  # a file changed
    assert (here / "a.txt").read_text(encoding="utf-8") == FIXED
    out = capsys.readouterr().out
    assert "a.txt:1:21: fixed usage-range-scale: 3～5万 → 3万～5万" in out
    assert "a.txt:1:29: fixed usage-arabic-scale: 4千 → 4000" in out
    assert "a.txt:2:17: suggestion usage-ji-numeral: 20几 → 二十几 (not applied" in out
    # The meaning of every figure is the same before and after.
    assert readings(DRAFT) == readings(FIXED)


def test_fix_twice_changes_nothing_the_second_time(here):
    (here / "a.txt").write_text(DRAFT, encoding="utf-8")
    assert main(["fix", "a.txt"]) == 1
    assert main(["fix", "a.txt"]) == 0
    assert (here / "a.txt").read_text(encoding="utf-8") == FIXED


def test_diff_prints_a_unified_diff_and_writes_nothing(here, capsys):
    (here / "a.txt").write_text(DRAFT, encoding="utf-8")
    assert main(["fix", "--diff", "a.txt"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n")
    assert "-新华社北京2012年3月1日电 今年增长3～5万人" in out
    assert "+三千零五十二人在二〇一二年到达。" in out
    assert (here / "a.txt").read_text(encoding="utf-8") == DRAFT


def test_rule_limits_the_fixes(here):
    (here / "a.txt").write_text(DRAFT, encoding="utf-8")
    assert main(["fix", "--rule", "usage-zero-form", "a.txt"]) == 1
    text = (here / "a.txt").read_text(encoding="utf-8")
    assert "三千零五十二人在二〇一二年" in text and "3～5万人" in text and "4千人" in text


def test_an_unknown_rule_is_an_error(here, capsys):
    (here / "a.txt").write_text(DRAFT, encoding="utf-8")
    assert main(["fix", "--rule", "usage-nonsense", "a.txt"]) == 2
    assert "--rule usage-nonsense: not a rule that offers fixes" in capsys.readouterr().err


def test_a_file_with_nothing_to_fix_is_never_touched(here):
    path = here / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    os.utime(path, (1_000_000, 1_000_000))
    inode = path.stat().st_ino
    assert main(["fix", "clean.txt"]) == 0
    assert path.stat().st_mtime == 1_000_000 and path.stat().st_ino == inode


@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE), ("gb18030", b""),
])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_encoding_bom_and_line_endings_are_kept(here, encoding, bom, newline):
    path = here / "a.txt"
    path.write_bytes(bom + DRAFT.replace("\n", newline).encode(encoding))
    assert main(["fix", "a.txt"]) == 1
    assert path.read_bytes() == bom + FIXED.replace("\n", newline).encode(encoding)


def test_the_file_mode_is_kept_and_no_temporary_file_is_left(here):
    path = here / "a.txt"
    path.write_text(DRAFT, encoding="utf-8")
    path.chmod(0o640)
    assert main(["fix", "a.txt"]) == 1
    assert oct(path.stat().st_mode & 0o777) == oct(0o640)
    assert sorted(p.name for p in here.iterdir()) == ["a.txt"]


def test_a_file_changed_since_it_was_read_is_refused(here):
    path = here / "a.txt"
    path.write_text(DRAFT, encoding="utf-8")
    results, errors = plan(Config(paths=("a.txt",)), ["a.txt"])
    assert not errors and results[0].changed
    path.write_text(DRAFT + "编辑刚加的一句。\n", encoding="utf-8")  # someone else's edit
    with pytest.raises(WriteError, match="a.txt: changed since factlint read it; not written"):
        write(results[0])
    assert path.read_text(encoding="utf-8").endswith("编辑刚加的一句。\n")


def test_the_fix_command_reports_a_refused_file_and_exits_2(here, capsys, monkeypatch):
    path = here / "a.txt"
    path.write_text(DRAFT, encoding="utf-8")
    import factlint.integrations.fixer as fixer

    real_plan = fixer.plan

    def plan_then_edit(*args, **kwargs):
        result = real_plan(*args, **kwargs)
        path.write_text("别人改过了。\n", encoding="utf-8")
        return result

    monkeypatch.setattr(fixer, "plan", plan_then_edit)
    assert main(["fix", "a.txt"]) == 2
    assert "changed since factlint read it" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "别人改过了。\n"


def test_suppressed_findings_are_not_fixed(here):
    text = "增长3～5万人。<!-- factlint-disable-line usage-range-scale -->\n有4千人。\n"
    (here / "a.txt").write_text(text, encoding="utf-8")
    assert main(["fix", "a.txt"]) == 1
    assert (here / "a.txt").read_text(encoding="utf-8") == text.replace("4千", "4000")


def test_check_fix_applies_fixes_then_reports_what_is_left(here, capsys):
    (here / "a.txt").write_text(DRAFT, encoding="utf-8")
    status = main(["check", "--fix", "a.txt"])
    assert (here / "a.txt").read_text(encoding="utf-8") == FIXED
    captured = capsys.readouterr()
    assert "fixed usage-range-scale" in captured.err
    assert "usage-ji-numeral 20几" in captured.out and "usage-range-scale" not in captured.out
    assert status == 0  # what is left is a warning; fail-on is error


def _finding(rule: str, start: int, end: int, old: str, new: str) -> Finding:
    loc = Location("a.txt", 1, start + 1, 1, end + 1, old)
    replacement = Replacement("a.txt", start, end, 1, start + 1, 1, end + 1, old, new)
    return Finding(rule, "info", "m", loc, fix=Fix("d", (replacement,), safe=True))


def test_overlapping_fixes_are_resolved_in_a_fixed_order():
    text = "abcdef"
    first = _finding("rule-b", 1, 3, "bc", "X")
    overlapping = _finding("rule-a", 2, 4, "cd", "Y")
    later = _finding("rule-c", 4, 5, "e", "Z")
    for order in ([first, overlapping, later], [later, overlapping, first]):
        fixed, chosen = apply_fixes(text, order)
        assert fixed == "aXdZf"
        assert chosen == [first, later]  # the overlapping one waits for the next pass


def test_a_fix_whose_old_text_is_not_there_is_not_applied():
    stale = _finding("rule-a", 0, 2, "zz", "Q")
    assert apply_fixes("abc", [stale]) == ("abc", [])


def test_unified_diff_marks_a_missing_final_newline():
    fix = FileFix("a.txt", "一\n二", "一\n三", b"")
    assert unified_diff(fix).endswith("-二\n\\ No newline at end of file\n+三\n"
                                      "\\ No newline at end of file\n")


# Real copy (news-dev, named) and the usage patterns the checks fix, to be mixed freely.
REAL = [
    "本港整體建造工程量需要每年維持2000至2500億元，",  # traditional/0001.txt
    "味着年底联邦基金利率区间将达到1.25-1.5%。",  # simplified/0845.txt
    "日均新设企业由5千多户增加到1万6千多户。",  # statistics/0026.txt
    "国内生产总值增长6.5%－7%，居民消费价格涨幅3%左右。",  # statistics/0024.txt
    "保守地说金牌会有３－５块。",  # simplified/0740.txt
    "出境旅游人次由8300万增加到1亿3千多万。",  # statistics/0026.txt
    "去年经济增长8 ．8 ％，商品零售价格涨幅为0 ．8 ％，",  # statistics/0006.txt
    "红会首次向７－２１遇难者发放慰问金",  # simplified/0718.txt
    "全国已有7436万多名党员自愿捐款，共捐款76.8亿元。",
    "近1.8万人参加，其中3千人来自外地；",
    "三千〇五十二人在二零一二年到达，",
    "收入1,234,567元，支出7654321元，结余2,345,678元。",
    "用时3-5天，票价10~20元，增长15～30%。",
    "2019-2020赛季，农历9月9日，",
    "\n\n",
    "截至2020年2月16日24时，",
    "，约4.3～5.7×10⁶个",
]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(st.sampled_from(REAL), min_size=1, max_size=8))
def test_fix_never_changes_the_reading_of_any_quantity(tmp_path, pieces):
    text = "".join(pieces)
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    results, errors = plan(Config(paths=(str(path),)), [str(path)])
    assert not errors
    fixed = results[0].fixed
    assert readings(fixed) == readings(text)
    # And a second run has nothing more to apply.
    path.write_text(fixed, encoding="utf-8")
    again, _ = plan(Config(paths=(str(path),)), [str(path)])
    assert again[0].fixed == fixed


def _news_dev_files() -> list[Path]:
    from tests.shared_data import SHARED

    root = SHARED / "bench" / "news-dev"
    return sorted(root.glob("*/*.txt")) if root.is_dir() else []


NEWS_DEV_FILES = _news_dev_files()


@pytest.mark.skipif(not NEWS_DEV_FILES, reason="../shared/bench/news-dev is not available")
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fix_never_changes_a_reading_on_any_slice_of_real_copy(tmp_path, data):
    """Arbitrary cuts of real articles (mid-figure, mid-sentence) joined with usage patterns."""
    pieces = []
    for _ in range(data.draw(st.integers(1, 3))):
        text = data.draw(st.sampled_from(NEWS_DEV_FILES)).read_text(encoding="utf-8")
        start = data.draw(st.integers(0, max(0, len(text) - 1)))
        pieces.append(text[start:start + data.draw(st.integers(1, 400))])
        pieces.append(data.draw(st.sampled_from(REAL)))
    text = "".join(pieces)
    path = tmp_path / "slice.txt"
    path.write_text(text, encoding="utf-8")
    results, errors = plan(Config(paths=(str(path),)), [str(path)])
    assert not errors
    assert readings(results[0].fixed) == readings(text)


def test_fix_never_changes_a_reading_on_news_dev():
    """Every news-dev file fixed in memory reads the same (skips without ../shared)."""
    from tests.shared_data import shared_path

    root = shared_path("bench", "news-dev")
    files = sorted((root / "simplified").glob("*.txt"))[:200] + \
        sorted((root / "traditional").glob("*.txt"))[:100]
    results, errors = plan(Config(paths=tuple(map(str, files))), [str(f) for f in files])
    assert not errors
    changed = [r for r in results if r.changed]
    assert changed, "news-dev has fixable copy; the fixer found none"
    for result in changed:
        document = load_document(result.path, result.original)
        assert readings(result.fixed) == readings(document.text), result.path


def test_fixes_never_touch_code_links_or_tags(here):
    text = ("# 稿件\n\n增长3～5万人，见[图表](https://example.cn/3～5万.png)。\n\n"
            "`增长3～5万人` 是代码。\n\n```\n有4千人\n```\n\n"
            "<span title=\"4千人\">正文有4千人。</span>\n"
            "网址 www.example.cn/4千人 不改。\n")
    (here / "a.md").write_text(text, encoding="utf-8")
    assert main(["fix", "a.md"]) == 1
    fixed = (here / "a.md").read_text(encoding="utf-8")
    assert fixed == text.replace("增长3～5万人，见", "增长3万～5万人，见").replace(
        "正文有4千人", "正文有4000人")


def test_protected_regions():
    from factlint.text.markup import protected_regions

    text = "见 https://a.cn/x 和 `code` 与 [t](u) <b>粗</b>"
    regions = protected_regions(text, "a.md")
    assert [text[s:e] for s, e in regions.regions] == [
        "https://a.cn/x ", "`code`", "](u)", "<b>", "</b>"]
    assert regions.touches(text.index("https"), text.index("https") + 1)
    assert regions.touches(text.index(" 和"), text.index(" 和"))  # right after the URL
    assert not regions.touches(text.index("和"), text.index("和") + 1)
    assert not regions.touches(text.index("粗"), text.index("粗") + 1)
    assert protected_regions("`not code in plain text`", "a.txt").regions == []


def test_fixes_that_change_a_reading_together_are_refused(here, monkeypatch):
    """Each fix is proven alone; if together they changed a reading, none is applied."""
    import factlint.integrations.fixer as fixer

    (here / "a.txt").write_text(DRAFT, encoding="utf-8")
    calls = []

    def readings_that_change(text, year=None):
        calls.append(text)
        return readings(text, year) if len(calls) == 1 else {"changed": 1}

    monkeypatch.setattr(fixer, "readings", readings_that_change)
    results, errors = plan(Config(paths=("a.txt",)), ["a.txt"])
    assert not errors and not results[0].changed
    refused = [f for f in results[0].suggestions if f.rule == "usage-range-scale"]
    assert refused and refused[0].fix.safe is False


def test_fix_ends_with_a_summary(here, capsys):
    (here / "a.txt").write_text(DRAFT, encoding="utf-8")
    (here / "b.txt").write_text(CLEAN, encoding="utf-8")
    main(["fix", "--diff", "a.txt", "b.txt"])
    assert capsys.readouterr().err.endswith(
        "would apply 5 fix(es) in 1 of 2 file(s); 1 suggestion(s) left for the editor\n")


# ----------------------------------------------------------------------------- Markdown, HTML

# A Markdown story as newsrooms write them: a heading, emphasis around figures, a link
# whose text and address both hold figures, a table, a code block, an indented block, a
# quote with entities, inline code and a tag with an attribute.
MARKDOWN = (
    "# 全省新增就业3～5万人\n\n"
    "据统计，今年新增就业**3～5万人**，其中*4千人*来自外地，"
    "详见[统计公报：4千人](https://tjj.example.cn/2024/3-5万.html)。\n\n"
    "| 项目 | 人数 |\n| --- | --- |\n| 外地 | 4千人 |\n| 本地 | 1万8千2百人 |\n\n"
    "```python\nx = \"4千人\"  # 代码不改\n```\n\n"
    "    缩进代码 4千人\n\n"
    "> 引文：用时3-5天，AT&amp;T 称&nbsp;4千人。\n\n"
    "行内 `4千人` 不改，<span title=\"4千人\">标签里的4千人</span>改。\n")
MARKDOWN_FIXED = (
    "# 全省新增就业3万～5万人\n\n"
    "据统计，今年新增就业**3万～5万人**，其中*4000人*来自外地，"
    "详见[统计公报：4000人](https://tjj.example.cn/2024/3-5万.html)。\n\n"
    "| 项目 | 人数 |\n| --- | --- |\n| 外地 | 4000人 |\n| 本地 | 18200人 |\n\n"
    "```python\nx = \"4千人\"  # 代码不改\n```\n\n"
    "    缩进代码 4千人\n\n"
    "> 引文：用时3～5天，AT&amp;T 称&nbsp;4000人。\n\n"
    "行内 `4千人` 不改，<span title=\"4千人\">标签里的4000人</span>改。\n")
HTML = (
    "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>网页</title>"
    "<style>p{margin:3-5px}</style></head>\n<body>\n"
    "<h1>全省新增就业3～5万人</h1>\n"
    "<p>其中<strong>4千人</strong>来自外地，&ldquo;用时3-5天&rdquo;。"
    "<a href=\"/news/4千人.html\" title=\"4千人\">详见</a></p>\n"
    "<table><tr><td>外地</td><td>4千人</td></tr><tr><td>本地</td><td>1万8千2百人</td></tr>"
    "</table>\n"
    "<pre>4千人</pre><!-- 4千人 --><script>var a = \"4千人\";</script>\n"
    "<p>AT&amp;T 称&nbsp;4千人&#12290;</p>\n</body></html>\n")
HTML_FIXED = (
    HTML.replace("就业3～5万人", "就业3万～5万人").replace("<strong>4千人", "<strong>4000人")
    .replace("用时3-5天", "用时3～5天").replace("<td>4千人", "<td>4000人")
    .replace("1万8千2百人", "18200人").replace("&nbsp;4千人", "&nbsp;4000人"))


@pytest.mark.parametrize("name, text, fixed", [("story.md", MARKDOWN, MARKDOWN_FIXED),
                                               ("story.html", HTML, HTML_FIXED)])
def test_fix_patches_markdown_and_html_copy_and_leaves_markup_alone(here, capsys, name, text,
                                                                    fixed):
    import json

    (here / name).write_text(text, encoding="utf-8")
    assert main(["check", "--format", "json", name]) == 0
    reported = {(f["line"], f["column"]) for f in json.loads(capsys.readouterr().out)["findings"]
                if f.get("fix") and f["fix"]["safe"]}
    assert main(["fix", name]) == 1
    assert (here / name).read_bytes() == fixed.encode("utf-8")
    out = capsys.readouterr().out
    # What fix fixed is where `check` (reading the prose) reports a safe fix, place by place;
    # code, tags, attributes, comments and link targets give neither a fix nor a suggestion.
    fixed_at = {tuple(map(int, line.split(":")[1:3])) for line in out.splitlines()
                if ": fixed " in line}
    assert fixed_at == reported
    assert "suggestion" not in out
    assert main(["fix", name]) == 0  # the second run changes nothing
    assert (here / name).read_bytes() == fixed.encode("utf-8")


# Markdown constructs to wrap real copy in; {} is where a piece of copy goes.  Those in
# PROTECTED are not copy: fix must leave their text exactly as it was.
COPY_IN = ["{}", "**{}**", "*{}*", "# {}\n", "> {}\n", "| {} | 合计 |\n| --- | --- |\n| 1 | 2 |\n",
           "[{}](https://example.cn/a)", "- {}\n"]
PROTECTED = ["```\n4千人 3～5万 {}\n```\n", "`4千人`", "[链接](https://example.cn/3～5万/4千人)",
             "<!-- 4千人 -->", "<span title=\"4千人\">"]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blocks=st.lists(st.tuples(st.sampled_from(COPY_IN + PROTECTED), st.sampled_from(REAL)),
                       min_size=1, max_size=6))
def test_fix_on_markdown_keeps_every_reading_and_every_piece_of_markup(tmp_path, blocks):
    from factlint.text.markdown import read_markdown

    parts = [frame.format(piece.strip("\n")) for frame, piece in blocks]
    text = "\n\n".join(parts) + "\n"
    path = tmp_path / "story.md"
    path.write_text(text, encoding="utf-8")
    results, errors = plan(Config(paths=(str(path),)), [str(path)])
    assert not errors
    fixed = results[0].fixed
    # The prose a reader makes of the file reads the same, figure by figure ...
    assert readings(read_markdown("story.md", fixed).text) == readings(
        read_markdown("story.md", text).text)
    # ... and what is not copy is there, byte for byte, in the same order.
    kept = [part for (frame, _), part in zip(blocks, parts, strict=True) if frame in PROTECTED]
    at = 0
    for part in kept:
        at = fixed.index(part, at) + len(part)
    path.write_text(fixed, encoding="utf-8")
    again, _ = plan(Config(paths=(str(path),)), [str(path)])
    assert again[0].fixed == fixed


# ----------------------------------------------------------------------------- Word files


def test_fix_on_a_folder_with_a_word_file_skips_it_with_a_note_and_fixes_the_rest(here,
                                                                                   capsys):
    from tests.formats_support import write_docx

    folder = here / "drafts"
    folder.mkdir()
    (folder / "a.txt").write_text(DRAFT, encoding="utf-8")
    docx = write_docx(folder, "story")
    before = docx.read_bytes()
    assert main(["fix", "drafts"]) == 1  # a file changed; the Word file is not an error
    captured = capsys.readouterr()
    assert ("drafts/story.docx: skipped: fix does not write Word files; use "
            "`factlint check --write-comments` to see the fixes as comments") in captured.err
    assert (folder / "a.txt").read_text(encoding="utf-8") == FIXED
    assert docx.read_bytes() == before
    assert captured.err.endswith("applied 5 fix(es) in 1 of 1 file(s); "
                                 "1 suggestion(s) left for the editor\n")
    # With nothing else to fix the run is clean: exit 0, the note still said.
    assert main(["fix", "drafts"]) == 0
    assert "drafts/story.docx: skipped" in capsys.readouterr().err
    assert main(["fix", "--diff", "drafts/story.docx"]) == 0
    assert "drafts/story.docx: skipped" in capsys.readouterr().err


@pytest.mark.parametrize("name, text", [
    ("story.md", MARKDOWN + "今年增长3～**5万**人，另有**4千**人。\n"),
    ("story.html", HTML.replace("</body>", "<p>增长3～<b>5万</b>人，4&#x5343;人</p></body>")),
])
def test_a_safe_fix_in_markdown_or_html_replaces_exactly_its_old_text_in_the_file(
        here, capsys, name, text):
    """`check` reads the prose; a fix it calls safe is applied to the file (by an editor, by
    the language server) at its line and column: the file there must hold the fix's old
    text.  A figure split by markup or an entity (3～**5万**, 4&#x5343;) gets no safe fix."""
    import json

    (here / name).write_text(text, encoding="utf-8")
    main(["check", "--format", "json", name])
    findings = json.loads(capsys.readouterr().out)["findings"]
    lines = text.splitlines(keepends=True)
    safe = unsafe = 0
    for finding in findings:
        fix = finding.get("fix")
        if not fix:
            continue
        for r in fix["replacements"]:
            assert r["line"] == r["end_line"]
            written = lines[r["line"] - 1][r["column"] - 1:r["end_column"] - 1]
            if fix["safe"]:
                safe += 1
                assert written == r["old"], (finding["text"], written)
            elif written != r["old"]:
                unsafe += 1
    assert safe >= 5 and unsafe >= 1  # the split figure is there, and not offered as safe
