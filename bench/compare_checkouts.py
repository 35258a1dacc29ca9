"""Throughput of ``factlint.extract`` in two checkouts, interleaved in one process.

Run by hand (not a test) to tell whether a change made extraction slower:

    git worktree add /tmp/before main        # or: git archive main | tar -x -C /tmp/before
    python bench/compare_checkouts.py /tmp/before . --rounds 9

On a machine shared with other work, two separate runs of ``bench/throughput.py`` drift by
more than the change being measured.  Here each round imports one checkout's ``factlint``
afresh (caches empty), times ``extract`` on the whole text and line by line with
``time.process_time``, then does the same for the other; the best of the rounds is kept
for each, so both meet the same load.  The text is ../shared/bench/pd1998-sample.txt
repeated ``--copies`` times.  Both checkouts must find the same quantities.

``--warm`` extracts the text once, untimed, after each import: what a long-running process
(an archive, an editor's session, ``bench/throughput.py``'s best of several runs) meets
after its first megabyte, when the lazily built caches and patterns exist.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "bench" / "pd1998-sample.txt"


def _load(checkout: Path):  # noqa: ANN202 - a module object
    for name in [k for k in sys.modules if k == "factlint" or k.startswith("factlint.")]:
        del sys.modules[name]
    sys.path.insert(0, str(checkout))
    try:
        module = importlib.import_module("factlint")
    finally:
        sys.path.pop(0)
    if not Path(module.__file__).resolve().is_relative_to(checkout.resolve()):
        raise SystemExit(f"error: factlint imported from {module.__file__}, not {checkout}")
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--copies", type=int, default=6)
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    parser.add_argument("--warm", action="store_true",
                        help="extract the text once, untimed, after each import")
    args = parser.parse_args(argv)
    if not args.sample.is_file():
        print(f"error: {args.sample} not found", file=sys.stderr)
        return 2
    text = args.sample.read_text(encoding="utf-8") * args.copies
    lines = text.splitlines()
    best = {checkout: [float("inf"), float("inf")] for checkout in (args.before, args.after)}
    found = {}
    for _ in range(args.rounds):
        for checkout, times in best.items():
            factlint = _load(checkout)
            factlint.extract("预热：7436万多名党员，一千二百三十四点五亿元，百分之三十")
            if args.warm:
                factlint.extract(text)
            start = time.process_time()
            found[checkout] = len(factlint.extract(text))
            times[0] = min(times[0], time.process_time() - start)
            start = time.process_time()
            per_line = sum(len(factlint.extract(line)) for line in lines)
            times[1] = min(times[1], time.process_time() - start)
            if per_line != found[checkout]:
                print(f"note: {checkout}: {found[checkout]} whole, {per_line} line by line")
    print(f"text: {len(text):,} chars, {len(lines):,} lines; best of {args.rounds} rounds, "
          f"CPU time{', warm' if args.warm else ''}")
    for checkout, (whole, per_line) in best.items():
        print(f"{str(checkout):>30}: whole {len(text) / whole:>12,.0f} chars/s   "
              f"per line {len(text) / per_line:>12,.0f} chars/s   {found[checkout]:,} found")
    (b_whole, b_line), (a_whole, a_line) = best.values()
    print(f"after ÷ before (speed): whole {b_whole / a_whole:.3f}, per line {b_line / a_line:.3f}")
    if found[args.before] != found[args.after]:
        print("note: the checkouts find different numbers of quantities")
    return 0


if __name__ == "__main__":
    sys.exit(main())
