"""``factlint fix`` on Markdown and HTML: does it fix the same copy as in plain text?

Run by hand (not a test); figures go into the README ("factlint fix"):

    python bench/usage_fix_formats.py              # all of ../shared/bench/news-dev
    python bench/usage_fix_formats.py --limit 200 --show 5

Each news-dev article is written as .txt, .md (``# title``, paragraphs) and .html (``<h1>``,
``<p>``, HTML-escaped), the way bench/formats_roundtrip.py writes them, and ``fix`` is
planned on all three in memory.  For each format it counts files where

- the fixed file is exactly the fixed .txt written in that format (the same fixes, each
  at the right bytes, and nothing else touched: the ``# ``, the tags, the entities);
- the prose the format's reader makes of the fixed file reads the same, figure by
  figure, as before (every fix keeps every meaning);
- a second run changes nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from formats_roundtrip import as_html, as_md, as_txt, paragraphs  # noqa: E402

from factlint.integrations.fixer import plan  # noqa: E402
from factlint.rules.fixes import readings  # noqa: E402
from factlint.settings.config import Config  # noqa: E402
from factlint.text.html import read_html  # noqa: E402
from factlint.text.markdown import read_markdown  # noqa: E402

NEWS_DEV = REPO.parent / "shared" / "bench" / "news-dev"
WRITERS = {"md": as_md, "html": as_html}
READERS = {"md": read_markdown, "html": read_html}


def _plan_all(paths: list[Path]) -> dict[str, str]:
    results, errors = plan(Config(paths=tuple(map(str, paths))), [str(p) for p in paths])
    if errors:
        raise SystemExit("\n".join(errors))
    return {r.path: r.fixed for r in results}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--show", type=int, default=3, help="differences to print per format")
    args = parser.parse_args()
    files = sorted(NEWS_DEV.glob("*/*.txt"))
    if args.limit:
        files = files[:args.limit]
    articles = {f"{f.parent.name}-{f.stem}": paragraphs(f.read_text(encoding="utf-8"))
                for f in files}
    articles = {name: blocks for name, blocks in articles.items() if blocks}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        written: dict[str, list[Path]] = {"txt": [], **{fmt: [] for fmt in WRITERS}}
        for name, blocks in articles.items():
            for fmt, writer in (("txt", as_txt), *WRITERS.items()):
                path = root / f"{name}.{fmt}"
                path.write_text(writer(blocks), encoding="utf-8")
                written[fmt].append(path)
        started = time.process_time()
        fixed = {fmt: _plan_all(paths) for fmt, paths in written.items()}
        seconds = time.process_time() - started
        changed_txt = {p for p in written["txt"] if fixed["txt"][str(p)] != p.read_text("utf-8")}
        print(f"{len(articles)} articles; fix changes {len(changed_txt)} of them as .txt; "
              f"planned in {seconds:.1f} s CPU\n")
        print("| format | files changed | same as the fixed .txt | prose reads the same "
              "| second run changes nothing |")
        print("|---|---:|---:|---:|---:|")
        for fmt, writer in WRITERS.items():
            same = reads = stable = changed = 0
            shown = 0
            again_paths = []
            for name in articles:
                path = root / f"{name}.{fmt}"
                before = path.read_text(encoding="utf-8")
                after = fixed[fmt][str(path)]
                txt_after = fixed["txt"][str(root / f"{name}.txt")]
                expected = writer(paragraphs(txt_after))
                changed += after != before
                if after == expected:
                    same += 1
                elif shown < args.show:
                    shown += 1
                    print(f"  {path.name}: differs from the fixed .txt", file=sys.stderr)
                read = READERS[fmt]
                reads += readings(read(path.name, after).text) == readings(
                    read(path.name, before).text)
                if after != before:
                    path.write_text(after, encoding="utf-8")
                    again_paths.append(path)
            again = _plan_all(again_paths) if again_paths else {}
            stable = len(articles) - sum(1 for p in again_paths
                                         if again[str(p)] != p.read_text(encoding="utf-8"))
            print(f"| {fmt} | {changed} | {same} | {reads} | {stable} |")


if __name__ == "__main__":
    main()
