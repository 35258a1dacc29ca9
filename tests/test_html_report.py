"""The HTML report: versions side by side, character diff, interval chart, escaping."""

from __future__ import annotations

import html
import re
import shutil
from decimal import Decimal
from pathlib import Path

from factlint import parse
from factlint.claims.excerpt import document_excerpts
from factlint.cli import main
from factlint.corpus import load_document
from factlint.reporters.html import char_diff, interval_chart, render
from factlint.versions.diff import RULES, diff_documents, to_findings

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ROOT = SEEDS.parent

# Two versions of one sentence of seeds 002 and 001 (the web copy's 4400余名 is a typo).
OLD = ("湖北武汉选派市直机关干部6000余名、国企干部职工1万余名、市属高校教职员工400余名，"
       "下沉中心城区的社区。\n")
NEW = ("湖北武汉选派市直机关干部6000余名、国企干部职工1万余名、市属高校教职员4400余名,"
       "下沉中心城区的社区。\n")


def _diff_report(old: str, new: str) -> str:
    documents = [load_document("old.txt", old), load_document("new.txt", new)]
    findings = to_findings(diff_documents(*documents))
    places = [p for f in findings for p in (f.location, *f.related)]
    return render(findings, RULES, excerpts=document_excerpts(documents, places))


def test_versions_side_by_side_with_the_figures_marked_and_linked():
    page = _diff_report(OLD, NEW)
    [card] = re.findall(r'<section class="card.*?</section>', page, re.S)
    assert 'class="card level-error"' in card
    columns = re.findall(r'<div class="version (\w+)" id="([\w-]+)">', card)
    assert columns == [("compared", "finding-1-v1"), ("flagged", "finding-1-v0")]
    # Each figure links to the same figure in the other version.
    assert '<a href="#finding-1-v0" title="the same figure in the next version">400余名</a>' in card
    assert 'href="#finding-1-v1"' in card
    # Character diff: the inserted 4 is marked in the new figure, the dropped 工 in the old
    # sentence; the full-width and half-width commas are the same character to a reader.
    assert '<mark class="figure changed" data-card="finding-1">' in card
    assert '市属高校教职员<span class="changed">工</span><mark' in card
    assert card.count('class="changed"') == 1


def test_the_interval_chart_shows_why_two_readings_disagree():
    page = _diff_report(OLD, NEW)
    assert "<svg class=\"chart\"" in page
    assert "[4400, 4500] 名" in page and "[400, 500] 名" in page
    assert ("✗ 4400余名 [4400, 4500] 名 and 400余名 [400, 500] 名 at old.txt:1:39 do not "
            "overlap: they cannot both be true") in html.unescape(page)


def test_the_chart_says_when_readings_agree_within_rounding():
    a, b = parse("76.8亿元"), parse("76.84亿元")
    chart = interval_chart(a, [b], ["new", "old"])
    assert chart is not None
    [(words, agrees)] = chart.verdicts
    assert agrees and "overlap once rounding is allowed for" in words
    flagged, compared = chart.bars
    assert Decimal(flagged.wwidth) > Decimal(flagged.width)  # the rounding interval shows
    assert interval_chart(parse("2月16日"), [parse("2月17日")], ["a", "b"]) is None


def test_far_apart_readings_get_a_logarithmic_axis():
    chart = interval_chart(parse("400余名"), [parse("40余万人")], ["a", "b"])
    assert chart is not None and chart.logarithmic
    low, high = chart.bars
    assert Decimal(low.x) < Decimal(high.x)


def test_char_diff_is_by_character():
    old, new = char_diff("教职员工400余名", "教职员4400余名")
    assert [c for c, changed in zip("教职员工400余名", old, strict=True) if changed] == ["工"]
    assert [c for c, changed in zip("教职员4400余名", new, strict=True) if changed] == ["4"]


def test_every_text_of_the_corpus_is_escaped():
    evil = '<script>alert("x")</script>'
    page = _diff_report(OLD, NEW.replace("下沉", f"{evil}'\"&下沉"))
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&#39;&#34;&amp;" in page
    assert page.count("<script>") == 1  # the report's own


def test_the_seeds_report_from_the_command_line(tmp_path, monkeypatch):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", "html", "-o", "report.html"]) == 1
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page and "<link" not in page and 'src="' not in page
    assert len(re.findall(r'<section class="card', page)) == 3
    assert len(re.findall(r'<li class="finding"', page)) == 5
    for level in ("error", "warning", "info"):
        assert f'name="level" value="{level}" checked' in page
    assert 'name="rule" value="cross-source" checked' in page
    assert "@media print" in page
    # The same input gives the same bytes.
    assert main(["check", "--format", "html", "-o", "again.html"]) == 1
    assert (tmp_path / "again.html").read_bytes() == (tmp_path / "report.html").read_bytes()


def test_diff_writes_html_atomically_and_keeps_the_old_report_on_failure(tmp_path, monkeypatch,
                                                                        capsys):
    (tmp_path / "old.txt").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.txt").write_text(NEW, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["diff", "old.txt", "new.txt", "--format", "html", "-o", "diff.html"]) == 1
    first = (tmp_path / "diff.html").read_bytes()
    assert b"4400" in first
    import factlint.commands.output as output

    def broken(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", broken)
    (tmp_path / "new.txt").write_text(NEW.replace("4400", "5400"), encoding="utf-8")
    assert main(["diff", "old.txt", "new.txt", "--format", "html", "-o", "diff.html"]) == 2
    assert "cannot write diff.html: No space left on device" in capsys.readouterr().err
    assert (tmp_path / "diff.html").read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["diff.html", "new.txt", "old.txt"]


def test_a_ledger_finding_shows_the_published_sentence(tmp_path, monkeypatch):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    assert main(["ledger", "add", "seeds/002_60e7e1aac05173a9.txt",
                 "--sources", "seeds/sources.yaml"]) == 0
    assert main(["check", "seeds/001_c171a1427bcab795.txt", "--sources", "seeds/sources.yaml",
                 "--ledger", "--disable", "cross-source", "--format", "html",
                 "-o", "r.html"]) == 1
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "seeds/002_60e7e1aac05173a9.txt:35:99" in page
    assert '市属高校教职员<span class="changed">工</span><mark class="figure"' in page
    assert "(sentence not available)" not in page


def test_no_findings_says_which_rules_ran():
    page = render([], {})
    assert 'id="no-findings"' in page and "0 findings" in page


def test_very_long_sentences_are_diffed_in_linear_time():
    old = "甲" * 3000 + "400余名" + "乙" * 3000
    new = "甲" * 3000 + "4400余名" + "乙" * 3000
    a, b = char_diff(old, new)
    assert sum(a) == 0  # the common start and end cover all of the old sentence
    assert [i for i, changed in enumerate(b) if changed] == [3001]  # the inserted 4
