"""Every quantity factlint reads in a folder of copy, one a line, to compare two versions.

Run by hand (not a test):

    python bench/reading_dump.py ../shared/bench/news-dev > after.tsv
    python bench/reading_dump.py --compare before.tsv after.tsv      # counts and changed rows

Each line: file, start, end, kind, qualifier, lo, hi, unit, iso, text (line breaks shown
as ⏎).  ``--compare`` prints how many figures each side reads, by kind, and every row that
differs (grouped by file), so that a change in reading can be read case by case.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path


def dump(root: Path) -> int:
    import factlint

    for path in sorted(root.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        shown = path.relative_to(root).as_posix()
        for q in factlint.extract(text, path=shown):
            print("\t".join(str(x) for x in (
                shown, q.span.start, q.span.end, q.kind, q.qualifier, q.lo, q.hi, q.unit,
                q.iso, q.text.replace("\n", "⏎"))))
    return 0


def _rows(path: Path) -> dict[tuple[str, str], str]:
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        file, start, rest = line.split("\t", 2)
        key = (file, start)
        while key in rows:  # two quantities at one offset (an identifier and a figure)
            key = (file, key[1] + "+")
        rows[key] = rest
    return rows


def compare(before: Path, after: Path, limit: int) -> int:
    old, new = _rows(before), _rows(after)
    for name, rows in (("before", old), ("after", new)):
        kinds = Counter(rest.split("\t")[1] for rest in rows.values())
        print(f"{name}: {len(rows):,} quantities; " + ", ".join(
            f"{kind} {count:,}" for kind, count in sorted(kinds.items())))
    changed = sorted(key for key in old.keys() | new.keys() if old.get(key) != new.get(key))
    print(f"{len(changed):,} rows differ (by file and start offset)")
    for key in changed[:limit]:
        print(f"{key[0]}:{key[1]}\n  - {old.get(key, '')}\n  + {new.get(key, '')}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, nargs="?")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    parser.add_argument("--limit", type=int, default=10_000, help="changed rows to print")
    args = parser.parse_args(argv)
    if args.compare:
        return compare(*args.compare, args.limit)
    if not args.root or not args.root.is_dir():
        parser.error("give a folder of .txt files, or --compare BEFORE AFTER")
    return dump(args.root)


if __name__ == "__main__":
    sys.exit(main())
