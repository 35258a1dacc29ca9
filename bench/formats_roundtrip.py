"""Every news-dev article as .md, .html and .docx: same figures as the .txt? exact spans? speed?

Run by hand (not a test); figures go into the README ("Markdown, HTML and Word"):

    python bench/formats_roundtrip.py                  # all of ../shared/bench/news-dev
    python bench/formats_roundtrip.py --limit 200 --show 5

Each article (paragraphs apart by blank lines, the first one its title) is written the way
an editor's tool would: Markdown (``# title``, paragraphs), HTML (``<h1>``, ``<p>``, the text
HTML-escaped) and Word (python-docx: Heading 1, paragraphs).  For each format it counts

- files whose figures read exactly as in the .txt (text, interval, qualifier, unit, kind,
  date), and the figures that differ; then, in those files, figures whose subject differs
  (plain text joins a headline to the next paragraph as an OCR gap, so a subject may be
  taken across it; the structured formats keep blocks apart);
- for Markdown and HTML, figures whose span's source text is not the figure's text (the
  position check of the tests, over real copy);
- the time to read and extract the format, against the .txt in the same run (ratio).
"""

from __future__ import annotations

import argparse
import html
import io
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from factlint.corpus import document_of  # noqa: E402
from factlint.text.docx import read_docx  # noqa: E402
from factlint.text.html import read_html  # noqa: E402
from factlint.text.markdown import read_markdown  # noqa: E402
from factlint.text.source import plain_text  # noqa: E402

NEWS_DEV = REPO.parent / "shared" / "bench" / "news-dev"


def paragraphs(text: str) -> list[str]:
    blocks = [" ".join(line.strip() for line in block.splitlines() if line.strip())
              for block in text.replace("\r\n", "\n").split("\n\n")]
    return [b for b in blocks if b]


def as_txt(blocks: list[str]) -> str:
    return "\n\n".join(blocks) + "\n"


def as_md(blocks: list[str]) -> str:
    return "\n\n".join([f"# {blocks[0]}", *blocks[1:]]) + "\n"


def as_html(blocks: list[str]) -> str:
    body = "\n".join([f"<h1>{html.escape(blocks[0])}</h1>",
                      *(f"<p>{html.escape(b)}</p>" for b in blocks[1:])])
    return f"<!DOCTYPE html>\n<html><body>\n{body}\n</body></html>\n"


def as_docx(blocks: list[str]) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(blocks[0], level=1)
    for block in blocks[1:]:
        document.add_paragraph(block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def reading(doc) -> list[tuple]:
    """The figures as read: text, interval, qualifier, unit, kind, date (subjects apart)."""
    return [(q.text, q.lo, q.hi, q.qualifier, q.unit, q.kind, q.iso) for q in doc.quantities]


def subjects(doc) -> list[str | None]:
    return [q.subject for q in doc.quantities]


def source_slice(source: str, span) -> str:
    lines = source.split("\n")
    if span.line == span.end_line:
        return lines[span.line - 1][span.column - 1:span.end_column - 1]
    return "\n".join([lines[span.line - 1][span.column - 1:], *lines[span.line:span.end_line - 1],
                      lines[span.end_line - 1][:span.end_column - 1]])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="first N files only")
    parser.add_argument("--show", type=int, default=3, help="differences to print per format")
    args = parser.parse_args()
    files = sorted(NEWS_DEV.glob("*/*.txt"))
    if args.limit:
        files = files[:args.limit]
    if not files:
        print(f"no files under {NEWS_DEV}", file=sys.stderr)
        return 2
    formats = ("txt", "md", "html", "docx")
    seconds = dict.fromkeys(formats, 0.0)
    same = dict.fromkeys(formats, 0)
    subject_differs = dict.fromkeys(formats, 0)
    differing_figures = dict.fromkeys(formats, 0)
    bad_spans = dict.fromkeys(formats, 0)
    shown = dict.fromkeys(formats, 0)
    figures = 0
    for path in files:
        blocks = paragraphs(path.read_text(encoding="utf-8"))
        if not blocks:
            continue
        name = str(path.relative_to(NEWS_DEV))
        inputs = {"txt": as_txt(blocks), "md": as_md(blocks), "html": as_html(blocks),
                  "docx": as_docx(blocks)}
        readers = {"txt": lambda s, n=name: plain_text(n, s),
                   "md": lambda s, n=name: read_markdown(n, s),
                   "html": lambda s, n=name: read_html(n, s),
                   "docx": lambda s, n=name: read_docx(n, s)}
        results = {}
        for fmt in formats:
            started = time.perf_counter()
            prose = readers[fmt](inputs[fmt])
            doc = document_of(prose)
            seconds[fmt] += time.perf_counter() - started
            results[fmt] = doc
            if fmt in ("md", "html"):
                bad_spans[fmt] += sum(1 for q in doc.quantities
                                      if source_slice(prose.source, q.span) != q.text)
        base = reading(results["txt"])
        figures += len(base)
        for fmt in formats:
            got = reading(results[fmt])
            if got == base:
                same[fmt] += 1
                subject_differs[fmt] += sum(
                    1 for a, b in zip(subjects(results[fmt]), subjects(results["txt"]),
                                      strict=True) if a != b)
                continue
            extra = [r for r in got if r not in base] + [r for r in base if r not in got]
            differing_figures[fmt] += len(extra)
            if shown[fmt] < args.show:
                shown[fmt] += 1
                print(f"{fmt} {name}: {extra[:4]}")
    print(f"\n{len(files)} files, {figures} figures in the .txt versions")
    print(f"{'format':6} {'same figures':>14} {'figures differ':>15} {'subject differs':>16} "
          f"{'span≠figure':>12} {'seconds':>8} {'× txt':>6}")
    for fmt in formats:
        print(f"{fmt:6} {same[fmt]:>8}/{len(files):<5} {differing_figures[fmt]:>15} "
              f"{subject_differs[fmt]:>16} "
              f"{bad_spans[fmt] if fmt in ('md', 'html') else '-':>12} {seconds[fmt]:>8.2f} "
              f"{seconds[fmt] / seconds['txt']:>6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
