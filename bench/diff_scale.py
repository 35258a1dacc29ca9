"""Cost of ``factlint diff`` as the text grows: two versions of 1 MB, then 4× and 16×.

The versions are built from ../shared/bench/pd1998-sample.txt (repeated to size) by
bench/diff_mutations.make_pair: figures changed and rewritten, sentences deleted,
inserted and moved, the new version reflowed.  Loading (extraction) and the diff are
timed apart; near-linear cost means about 4× per step.  Run by hand::

    python bench/diff_scale.py [--base-mb 1] [--steps 1 4 16]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from diff_mutations import SAMPLE, make_pair  # noqa: E402

from factlint.corpus import load_document  # noqa: E402
from factlint.versions.diff import diff_documents  # noqa: E402


def _lines_of_size(lines: list[str], size: int, rng: random.Random) -> list[str]:
    """Whole sample passes, shuffled, until ``size`` UTF-8 bytes (repeats make keys
    non-unique, which is the hard case for anchor alignment)."""
    result: list[str] = []
    total = 0
    while total < size:
        block = lines[:]
        rng.shuffle(block)
        for line in block:
            result.append(line)
            total += len(line.encode("utf-8")) + 1
            if total >= size:
                break
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-mb", type=float, default=1.0)
    parser.add_argument("--steps", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if not SAMPLE.exists():
        print(f"{SAMPLE}: not found", file=sys.stderr)
        return 2
    lines = [line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line]
    previous = None
    print(f"{'size':>8} {'chars':>10} {'figures':>8} {'load s':>8} {'diff s':>8} {'ratio':>6}")
    for step in args.steps:
        rng = random.Random(args.seed)
        chunk = _lines_of_size(lines, int(step * args.base_mb * 1_000_000), rng)
        pair = make_pair(chunk, lines[:200], rng)
        began = time.perf_counter()
        old = load_document("old.txt", pair.old)
        new = load_document("new.txt", pair.new)
        loaded = time.perf_counter()
        diff_documents(old, new)
        done = time.perf_counter()
        seconds = done - loaded
        ratio = "" if previous is None else f"{seconds / previous:.1f}×"
        previous = seconds
        print(f"{step * args.base_mb:>6.0f}MB {len(pair.old):>10} {len(old.quantities):>8} "
              f"{loaded - began:>8.2f} {seconds:>8.2f} {ratio:>6}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
