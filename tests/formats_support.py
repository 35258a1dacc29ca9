"""One article written as .txt, .md, .html and .docx, for the format tests.

The sentences are from ../shared/bench/news-dev/simplified/0001.txt (央视网, 长江经济带)
and 0002-style wire copy, shortened; the builders write each format the way an editor's
tool would (Markdown with a heading and a table, HTML with <h1>/<p>/<table>, Word via
python-docx with a Heading 1 and a table).
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest

TITLE = "共护一江水 万里长江焕发新活力"
PARAGRAPHS = (
    "央视网消息：党的十八大以来，长江经济带发展上升为重大国家战略。十年来，沿江11省市"
    "累计完成造林2600多万亩，长江干流水质连续3年全线达到Ⅱ类。",
    "2022年，长江经济带地区生产总值达到55.98万亿元，占全国的比重由2012年的42.3%"
    "提高到46.5%，近1.8万人参与了长江禁捕退捕工作。",
)
TABLE = (("省份", "退捕渔民"), ("湖北", "约2.5万人"), ("江西", "1.2万余人"))


def write_txt(folder: Path, name: str = "article") -> Path:
    # A table in plain text: a row a line, cells apart by a tab.
    body = "\n\n".join((TITLE, *PARAGRAPHS, *("\t".join(row) for row in TABLE)))
    path = folder / f"{name}.txt"
    path.write_text(body + "\n", encoding="utf-8")
    return path


def write_md(folder: Path, name: str = "article") -> Path:
    rows = [f"| {a} | {b} |" for a, b in TABLE]
    rows.insert(1, "| --- | --- |")
    text = "\n".join([
        "---", "title: 2024年版 99篇", "---", "",
        f"# {TITLE}", "",
        PARAGRAPHS[0], "",
        "```yaml", "造林: 8000万亩", "```", "",
        PARAGRAPHS[1], "",
        "    缩进代码 7000人", "",
        *rows, "",
    ])
    path = folder / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    return path


def write_html(folder: Path, name: str = "article") -> Path:
    cells = "".join(f"<tr><td>{html.escape(a)}</td><td>{html.escape(b)}</td></tr>"
                    for a, b in TABLE)
    text = (
        "<!DOCTYPE html>\n<html><head><title>网页 3000次</title>\n"
        "<script>var views = 12345;</script><style>p{margin:2px}</style></head>\n<body>\n"
        f"<nav>首页 88条</nav>\n<h1>{TITLE}</h1>\n"
        f"<p>{PARAGRAPHS[0]}</p>\n"
        f"<p>{PARAGRAPHS[1]}</p>\n"
        "<pre>代码 500人</pre>\n"
        f"<table>{cells}</table>\n</body></html>\n")
    path = folder / f"{name}.html"
    path.write_text(text, encoding="utf-8")
    return path


def write_docx(folder: Path, name: str = "article") -> Path:
    docx = pytest.importorskip("docx", reason="python-docx is not installed "
                               "(pip install 'factlint[formats]')")
    document = docx.Document()
    document.add_heading(TITLE, level=1)
    for paragraph in PARAGRAPHS:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=len(TABLE), cols=2)
    for r, row in enumerate(TABLE):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = folder / f"{name}.docx"
    document.save(path)
    return path


WRITERS = {"txt": write_txt, "md": write_md, "html": write_html, "docx": write_docx}
