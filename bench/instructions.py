"""Instructions ``factlint.extract`` executes per copy of pd1998-sample, whole text and line
by line, for one or more checkouts: a speed measure the machine's load does not move.

Run by hand (not a test); needs valgrind (Debian's package):

    python bench/instructions.py . /tmp/base              # this checkout and another
    python bench/instructions.py . --copies 1

Seconds on a shared machine drift ±10% between runs, so a change of a few percent cannot be
told from noise by timing; the count of instructions (valgrind ``--tool=cachegrind
--cache-sim=no``) is the same run after run for the same code and input, to about ±2 M a
copy (the hash seed moves dictionary layouts).  Each checkout is imported by a child Python
with the checkout first on ``sys.path``; each child reads the sample whole and line by line
untimed, twice (patterns compiled, caches warm), then ``--copies`` more times in the mode
measured, and a child that stops after the warm-up gives the count to subtract.  The
children of one checkout run at once (three processes).  Instructions are not seconds (a
cache miss costs more than an add), but for the same interpreter a cut in instructions has
been a cut in time, and this is what the sixth and seventh sessions measured by.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "bench" / "pd1998-sample.txt"

CHILD = """
import sys
sys.path.insert(0, sys.argv[1])
import factlint
text = open(sys.argv[2], encoding="utf-8").read()
lines = text.splitlines()
for _ in range(2):  # twice: until session 7, narrow patterns compiled after 20,000 runs
    factlint.extract(text)
    for line in lines:
        factlint.extract(line)
mode, copies = sys.argv[3], int(sys.argv[4])
for _ in range(copies if mode != "none" else 0):
    if mode == "whole":
        factlint.extract(text)
    else:
        for line in lines:
            factlint.extract(line)
"""

_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def count(checkout: Path, sample: Path, mode: str, copies: int) -> int:
    """Instructions valgrind counts for one child (see CHILD)."""
    done = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         sys.executable, "-c", CHILD, str(checkout), str(sample), mode, str(copies)],
        capture_output=True, text=True, check=False)
    found = _REFS.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"error: valgrind on {checkout} ({mode}) failed:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkouts", nargs="+", type=Path)
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    parser.add_argument("--copies", type=int, default=2)
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("error: valgrind not found (apt-get install valgrind)", file=sys.stderr)
        return 2
    if not args.sample.is_file():
        print(f"error: {args.sample} not found", file=sys.stderr)
        return 2
    for checkout in args.checkouts:
        if not (checkout / "factlint" / "__init__.py").is_file():
            print(f"error: {checkout} is not a factlint checkout", file=sys.stderr)
            return 2
    chars = len(args.sample.read_text(encoding="utf-8"))
    print(f"{args.sample.name}: {chars:,} characters; instructions per copy "
          f"(valgrind cachegrind, {args.copies} copies after a warm-up)")
    for checkout in args.checkouts:
        where = checkout.resolve()
        with ThreadPoolExecutor(3) as pool:
            none, whole, lines = pool.map(
                lambda mode, where=where: count(where, args.sample, mode, args.copies),
                ("none", "whole", "lines"))
        per_whole = (whole - none) / args.copies
        per_lines = (lines - none) / args.copies
        print(f"{str(checkout):>30}: whole {per_whole / 1e6:,.0f} M ({per_whole / chars:,.0f} a "
              f"character), line by line {per_lines / 1e6:,.0f} M ({per_lines / chars:,.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
