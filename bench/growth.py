"""How the cost of extract, check and diff grows with the input: the growth exponent.

Run by hand (not a test); figures go into the README:

    python bench/growth.py                       # every input, scales 1 4 16 64
    python bench/growth.py --only '1月' --scales 1 4 16
    python bench/growth.py --commands diff --limit 30

For each input (real text, and each pathological pattern of issue 12) and each command,
the input is scaled 1×/4×/16×/64×, timed in this process (CPU time, ``time.process_time``,
best of ``--repeat``), and the exponent *k* of time ∝ sizeᵏ is fitted by least squares on the
log-log points (1.0 is linear; the goal is ≤ 1.15).  ``last`` is the exponent between the
two largest scales, where a quadratic term shows first.  A step slower than ``--limit``
seconds, or whose documents took longer than that to load, stops that row (the exponent is
then fitted on the points measured).

* **extract**: ``factlint.extract`` of the whole text.
* **diff**: ``diff_documents`` of the text against itself (``factlint diff X X``), the
  documents loaded (extracted) beforehand, so the row measures the aligner alone.
* **check**: the built-in checks (repeated-figure, contradictory-qualifier, cross-source)
  over a corpus where every document has three versions (a version group of three
  identical copies), as the issue measured; documents loaded beforehand, so the row
  measures the checks alone (extraction is the extract row).

Real text: ../shared/bench/pd1998-sample.txt cut into documents of about 2,000
characters, and ../shared/bench/news-dev/simplified/ files, each taken until
``--base-chars`` characters make 1×; a scale k repeats them k times (k× the documents for
check, one k× longer document for extract and diff).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared" / "bench"

#: Pathological patterns (issue 12) and how many repetitions make 1×.
PATTERNS: dict[str, tuple[str, int]] = {
    "'1月'": ("1月", 1000),
    "'1.1.'": ("1.1.", 1000),
    "'1人，'": ("1人，", 1000),
    "'a1'": ("a1", 1000),
    "'第1条'": ("第1条", 1000),
    "'12.5%、'": ("12.5%、", 1000),
    "'2020年1月1日'": ("2020年1月1日", 500),
    "'约3000余万元'": ("约3000余万元", 500),
}


def real_documents(base_chars: int) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    sample = SHARED / "pd1998-sample.txt"
    if sample.exists():
        docs, current, size = [], [], 0
        for line in sample.read_text(encoding="utf-8").splitlines(keepends=True):
            current.append(line)
            size += len(line)
            if sum(map(len, current)) >= 2000:
                docs.append("".join(current))
                current = []
            if size >= base_chars:
                break
        found["pd1998"] = docs + (["".join(current)] if current else [])
    news = SHARED / "news-dev" / "simplified"
    if news.exists():
        docs, size = [], 0
        for path in sorted(news.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            docs.append(text)
            size += len(text)
            if size >= base_chars:
                break
        found["news-dev"] = docs
    return found


def timed(work: Callable[[], object], repeat: int) -> float:
    """CPU seconds of this process, best of ``repeat`` runs and of as many more (up to 7)
    as fit in half a second: on a shared machine wall time also counts the time spent
    waiting for a core, which made single points jump by 10x."""
    best = math.inf
    spent = 0.0
    runs = 0
    while runs < repeat or (spent < 0.5 and runs < 7):
        started = time.process_time()
        work()
        elapsed = time.process_time() - started
        best = min(best, elapsed)
        spent += elapsed
        runs += 1
    return best


def job(command: str, docs: list[str], scale: int) -> Callable[[], object]:
    from factlint.corpus import load_document
    from factlint.model import Corpus, VersionGroup
    from factlint.quantities.extractor import extract
    from factlint.rules import CheckContext
    from factlint.rules.engine import builtin_rules, run_rules
    from factlint.versions.diff import diff_documents

    if command == "extract":
        text = "\n".join(docs) * scale
        return lambda: extract(text, path="x")
    if command == "diff":
        text = "\n".join(docs) * scale
        old, new = load_document("a", text), load_document("b", text)
        return lambda: diff_documents(old, new)

    loaded = [load_document("x", text) for text in docs]
    documents, groups = [], []
    for copy in range(scale):
        for index, doc in enumerate(loaded):
            names = [f"{copy}-{index}-{version}.txt" for version in range(3)]
            documents.extend(_renamed(doc, name) for name in names)
            groups.append(VersionGroup(f"{copy}-{index}", tuple(names)))
    corpus = Corpus(tuple(documents), (), tuple(groups))
    return lambda: run_rules(builtin_rules(), corpus, CheckContext())


def _renamed(doc, path: str):
    """``doc`` as file ``path`` (spans renamed too), without extracting it again."""
    import dataclasses

    from factlint.model import evolve

    quantities = tuple(evolve(q, span=evolve(q.span, path=path)) for q in doc.quantities)
    sentences = tuple(dataclasses.replace(s, span=dataclasses.replace(s.span, path=path))
                      for s in doc.sentences)
    return dataclasses.replace(doc, path=path, quantities=quantities, sentences=sentences)


def exponent(points: list[tuple[int, float]]) -> float | None:
    usable = [(math.log(n), math.log(t)) for n, t in points if t > 0]
    if len(usable) < 2:
        return None
    mx = sum(x for x, _ in usable) / len(usable)
    my = sum(y for _, y in usable) / len(usable)
    return sum((x - mx) * (y - my) for x, y in usable) / sum((x - mx) ** 2 for x, _ in usable)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 4, 16, 64])
    parser.add_argument("--commands", nargs="+", default=["extract", "check", "diff"])
    parser.add_argument("--only", nargs="*", help="inputs to run (names as printed)")
    parser.add_argument("--base-chars", type=int, default=20_000,
                        help="characters of real text at 1× (default 20,000)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--limit", type=float, default=60.0,
                        help="seconds after which a row stops growing")
    args = parser.parse_args()

    inputs = real_documents(args.base_chars)
    for name, (unit, count) in PATTERNS.items():
        inputs[name] = [unit * count]
    if args.only:
        inputs = {k: v for k, v in inputs.items() if k in args.only or k.strip("'") in args.only}
    head = " | ".join(f"{s}× (s)" for s in args.scales)
    print(f"| input | 1× chars | command | {head} | exponent | last |")
    print("| --- | ---: | --- | " + " | ".join("---:" for _ in args.scales) + " | ---: | ---: |")
    for name, docs in inputs.items():
        chars = sum(map(len, docs))
        for command in args.commands:
            points: list[tuple[int, float]] = []
            cells = []
            setup = 0.0
            for scale in args.scales:
                if points and (points[-1][1] > args.limit or setup > args.limit):
                    cells.append("–")
                    continue
                started = time.perf_counter()
                work = job(command, docs, scale)  # loading the documents is not timed
                setup = time.perf_counter() - started
                seconds = timed(work, args.repeat)
                points.append((scale, seconds))
                cells.append(f"{seconds:.3f}")
            k = exponent(points)
            last = exponent(points[-2:]) if len(points) >= 2 else None
            shown = "–" if k is None else f"{k:.2f}"
            shown_last = "–" if last is None else f"{last:.2f}"
            print(f"| {name} | {chars:,} | {command} | {' | '.join(cells)} | {shown} | "
                  f"{shown_last} |", flush=True)


if __name__ == "__main__":
    main()
