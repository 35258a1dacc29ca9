"""Memory per character of corpus: what loaded documents hold, and what a run peaks at.

Run by hand (not a test); figures go into the README:

    python bench/memory.py                          # this checkout
    python bench/memory.py --checkout /tmp/before   # another one (e.g. git archive of main)

Two measures, on real text (../shared/bench/pd1998-sample.txt cut into files of about
2,000 characters at 1x and 4x, and every article of ../shared/bench/news-dev at 1x and
2x; the files repeated under new names):

* **held**: ``tracemalloc``'s count of the bytes still allocated once every document is
  loaded (``factlint.corpus.load_document``: text, sentences, quantities), divided by
  the characters loaded; run in a child process so one checkout's modules never mix
  with another's.
* **peak RSS** of ``factlint check --quiet`` and ``factlint diff`` over the same text
  (``/usr/bin/time -v``, maximum resident set size), and the slope between 1x and 4x
  in bytes per character: what the README's "a corpus of N MB needs" rests on.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "bench"

HELD = r"""
import gc, json, sys, tracemalloc
from factlint.corpus import load_document
texts = json.load(open(sys.argv[1], encoding="utf-8"))
load_document("warm.txt", texts[0][1])  # import and compile everything first
gc.collect()
tracemalloc.start()
held = [load_document(name, text) for name, text in texts]
gc.collect()
current, _ = tracemalloc.get_traced_memory()
chars = sum(len(text) for _, text in texts)
print(json.dumps({"chars": chars, "bytes": current, "documents": len(held)}))
"""


def pd1998() -> list[tuple[str, str]]:
    lines = (SHARED / "pd1998-sample.txt").read_text(encoding="utf-8").splitlines(True)
    texts, chunk = [], []
    for line in lines:
        chunk.append(line)
        if sum(map(len, chunk)) >= 2000:
            texts.append((f"pd{len(texts):04d}.txt", "".join(chunk)))
            chunk = []
    return texts


def news_dev() -> list[tuple[str, str]]:
    folder = SHARED / "news-dev"
    return [(str(path.relative_to(folder)), path.read_text(encoding="utf-8"))
            for path in sorted(folder.rglob("*.txt"))]


def scaled(texts: list[tuple[str, str]], times: int) -> list[tuple[str, str]]:
    return [(f"{copy}/{name}", text) for copy in range(times) for name, text in texts]


def held(texts: list[tuple[str, str]], env: dict[str, str]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False,
                                     encoding="utf-8") as handle:
        json.dump(texts, handle, ensure_ascii=False)
    try:
        # From a neutral folder: ``python -c`` puts the working directory before PYTHONPATH.
        done = subprocess.run([sys.executable, "-c", HELD, handle.name], env=env,
                              cwd=tempfile.gettempdir(), capture_output=True, text=True,
                              check=True)
    finally:
        os.unlink(handle.name)
    return json.loads(done.stdout)


def peak_rss(argv: list[str], cwd: Path, env: dict[str, str]) -> int:
    """Maximum resident set size of ``python -m factlint ARGV`` in bytes."""
    done = subprocess.run(["/usr/bin/time", "-v", sys.executable, "-m", "factlint", *argv],
                          cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr[-2000:])
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    assert found, done.stderr[-2000:]
    return int(found.group(1)) * 1024


def write_corpus(root: Path, texts: list[tuple[str, str]]) -> None:
    for name, text in texts:
        path = root / "corpus" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "whole.txt").write_text("".join(text for _, text in texts), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkout", type=Path, default=ROOT,
                        help="the factlint checkout to measure (default: this one)")
    parser.add_argument("--scales", type=int, nargs=2, default=[1, 4],
                        help="the two scales of pd1998 (default 1 4)")
    parser.add_argument("--held-only", action="store_true",
                        help="only the bytes held (no check or diff runs)")
    parser.add_argument("--news-scales", type=int, nargs=2, default=[1, 2],
                        help="the two scales of news-dev (default 1 2: 2 and 4 million "
                             "characters)")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(args.checkout.resolve())}
    print(f"checkout: {args.checkout}")
    print("| text | scale | characters | held (B/char) | check peak RSS (MB) | "
          "diff X X peak RSS (MB) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, texts, scales in (("pd1998", pd1998(), args.scales),
                                ("news-dev", news_dev(), args.news_scales)):
        rows = []
        for scale in scales:
            corpus = scaled(texts, scale)
            measured = held(corpus, env)
            if args.held_only:
                print(f"| {name} | {scale}× | {measured['chars']:,} | "
                      f"{measured['bytes'] / measured['chars']:.1f} | | |", flush=True)
                continue
            root = Path(tempfile.mkdtemp())
            try:
                write_corpus(root, corpus)
                check = peak_rss(["check", "--quiet", "corpus"], root, env)
                diff = peak_rss(["diff", "whole.txt", "whole.txt"], root, env)
            finally:
                shutil.rmtree(root)
            rows.append((measured["chars"], check, diff))
            print(f"| {name} | {scale}× | {measured['chars']:,} | "
                  f"{measured['bytes'] / measured['chars']:.1f} | {check / 2**20:.1f} | "
                  f"{diff / 2**20:.1f} |", flush=True)
        if args.held_only:
            continue
        (c1, k1, d1), (c2, k2, d2) = rows
        print(f"| {name} | slope | | | {(k2 - k1) / (c2 - c1):.1f} B/char | "
              f"{(d2 - d1) / (c2 - c1):.1f} B/char |", flush=True)


if __name__ == "__main__":
    main()
