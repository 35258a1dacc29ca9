"""Throughput of ``factlint.extract`` against two baselines, in one process.

Run by hand (not a test); figures go into the README:

    python bench/throughput.py                 # ≥5 MB of People's Daily 1998 text, best of 3
    python bench/throughput.py --repeat 5 --json

The text is ../shared/bench/pd1998-sample.txt repeated until it reaches ``--min-bytes`` of
UTF-8.  Measured, each as its best of ``--repeat`` rounds (a round runs every measure once,
so that all are taken over the same stretch of the machine's drifting speed), with
``time.perf_counter`` (``--clock cpu``: ``time.process_time``, which other processes on a
shared machine disturb less):

* ``factlint.extract`` on the whole text in one call;
* ``factlint.extract`` line by line (how a linter meets short documents and sentences);
* ``factlint.extract`` on one copy of the sample with its caches emptied first, so that
  the repetition above cannot flatter the cache of Chinese numerals;
* ``cn2an.transform`` (Chinese numerals → Arabic, the nearest library doing comparable work)
  on the first ``--cn2an-chars`` characters (default: the whole text);
* a bare ``re.finditer(r'[0-9０-９]+')`` pass: the floor any digit scanner pays.

The ``items`` column is a sanity check that each run did its work: quantities found (factlint),
digit runs (regex), characters of output (cn2an).

Target (issue 2): factlint ≥ 3,000,000 chars/s on one core.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "bench" / "pd1998-sample.txt"
TARGET_CHARS_PER_S = 3_000_000
DIGITS = re.compile(r"[0-9０-９]+")


def build_text(sample: Path, min_bytes: int) -> str:
    base = sample.read_text(encoding="utf-8")
    if not base.endswith("\n"):
        base += "\n"
    copies = -(-min_bytes // len(base.encode("utf-8")))  # ceiling division
    return base * max(1, copies)


def best_in_rounds(repeat: int, fns: list[Callable[[], int]],
                   clock: Callable[[], float] = time.perf_counter) -> list[tuple[float, int]]:
    """Best time of each of ``fns`` over ``repeat`` rounds, each round calling every one once
    in turn, and what each last returned (a count).  In rounds, not each function ``repeat``
    times in a row: this machine's speed drifts over minutes, and the best of each is then
    taken over the same stretch of time, so that their ratios compare like with like."""
    best = [float("inf")] * len(fns)
    results = [0] * len(fns)
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            start = clock()
            results[i] = fn()
            best[i] = min(best[i], clock() - start)
    return list(zip(best, results, strict=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    parser.add_argument("--min-bytes", type=int, default=5_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cn2an-chars", type=int, default=0,
                        help="run cn2an on this many leading chars only (0 = all)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="cpu: time.process_time, steadier on a shared machine")
    args = parser.parse_args(argv)
    if not args.sample.is_file():
        print(f"error: {args.sample} not found", file=sys.stderr)
        return 2

    import cn2an
    from tabulate import tabulate

    import factlint
    from factlint.quantities.numerals import chinese_value
    from factlint.quantities.reader import read_figure

    text = build_text(args.sample, args.min_bytes)
    one_copy = build_text(args.sample, 0)
    lines = text.splitlines()
    cn2an_text = text[: args.cn2an_chars] if args.cn2an_chars else text
    # Import lazily loaded modules (cn2an) and compile patterns outside the timing.
    factlint.extract("预热：7436万多名党员，一千二百三十四点五亿元，百分之三十")

    def cold(sample_text: str) -> int:
        chinese_value.cache_clear()
        read_figure.cache_clear()
        return len(factlint.extract(sample_text))

    def cn2an_pass() -> int:
        with warnings.catch_warnings():  # cn2an warns on every bare 万/亿 it cannot convert
            warnings.simplefilter("ignore")
            return len(cn2an.transform(cn2an_text))

    runs = [
        ("re.finditer digits", len(text), lambda: sum(1 for _ in DIGITS.finditer(text))),
        ("cn2an.transform", len(cn2an_text), cn2an_pass),
        ("factlint.extract (whole text)", len(text), lambda: len(factlint.extract(text))),
        ("factlint.extract (per line)", len(text),
         lambda: sum(len(factlint.extract(line)) for line in lines)),
        ("factlint.extract (one copy, cold caches)", len(one_copy), lambda: cold(one_copy)),
    ]
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    figures = []
    timed = best_in_rounds(args.repeat, [fn for _, _, fn in runs], clock)
    for (name, chars, _), (seconds, count) in zip(runs, timed, strict=True):
        figures.append({"name": name, "chars": chars, "seconds": seconds,
                        "chars_per_s": chars / seconds, "result": count})

    speed = {f["name"]: f["chars_per_s"] for f in figures}
    whole = speed["factlint.extract (whole text)"]
    per_line = speed["factlint.extract (per line)"]
    for f in figures:
        f["factlint_whole_ratio"] = whole / f["chars_per_s"]
        f["factlint_per_line_ratio"] = per_line / f["chars_per_s"]
    meta = {
        "text_chars": len(text), "text_bytes": len(text.encode("utf-8")), "lines": len(lines),
        "repeat": args.repeat, "clock": args.clock, "python": sys.version.split()[0],
        "target_chars_per_s": TARGET_CHARS_PER_S,
        "target_met_whole": whole >= TARGET_CHARS_PER_S,
        "target_met_per_line": per_line >= TARGET_CHARS_PER_S,
    }
    if args.json:
        print(json.dumps({"meta": meta, "runs": figures}, indent=2))
        return 0
    rows = [[f["name"], f"{f['chars']:,}", f"{f['seconds']:.3f}", f"{f['chars_per_s']:,.0f}",
             f"{f['factlint_whole_ratio']:.2f}", f"{f['factlint_per_line_ratio']:.2f}",
             f"{f['result']:,}"] for f in figures]
    print(f"text: {meta['text_chars']:,} chars, {meta['text_bytes']:,} bytes UTF-8, "
          f"{meta['lines']:,} lines; best of {args.repeat} rounds ({args.clock} clock); "
          f"Python {meta['python']}")
    print(tabulate(rows, headers=["run", "chars", "best s", "chars/s", "factlint whole ÷",
                                  "factlint per-line ÷", "items"],
                   tablefmt="github", disable_numparse=True))
    print(f"target {TARGET_CHARS_PER_S:,} chars/s: whole text "
          f"{'met' if meta['target_met_whole'] else 'NOT met'}, per line "
          f"{'met' if meta['target_met_per_line'] else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
