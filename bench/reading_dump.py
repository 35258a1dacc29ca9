"""Every quantity factlint reads in a folder of copy, one a line, to compare two versions.

Run by hand (not a test):

    python bench/reading_dump.py ../shared/bench/news-dev > after.tsv
    python bench/reading_dump.py --compare before.tsv after.tsv      # counts and changed rows
    python bench/reading_dump.py --full ../shared/bench/news-dev seeds \
        ../shared/bench/pd1998-sample.txt > full.txt
    python bench/reading_dump.py --full --lines ../shared/bench/pd1998-sample.txt > lines.txt

``--full`` prints every field of every quantity (its ``repr``, span included), for
files and folders given in order, so that a change meant to keep every reading (a speed-up)
can be shown byte-identical with ``cmp``; ``--lines`` extracts each line on its own, as a
linter meets short documents.

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


def full_dump(roots: list[Path], by_line: bool) -> int:
    import factlint

    out = sys.stdout
    for root in roots:
        paths = sorted(root.rglob("*.txt")) if root.is_dir() else [root]
        for path in paths:
            text = path.read_text(encoding="utf-8")
            shown = path.as_posix()
            pieces = text.splitlines() if by_line else [text]
            for number, piece in enumerate(pieces, 1):
                for q in factlint.extract(piece, path=shown):
                    out.write(f"{number}\t{q!r}\n" if by_line else f"{q!r}\n")
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
    parser.add_argument("root", type=Path, nargs="*")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    parser.add_argument("--full", action="store_true",
                        help="every field of every quantity, for files and folders in order")
    parser.add_argument("--lines", action="store_true",
                        help="with --full: extract each line on its own")
    parser.add_argument("--limit", type=int, default=10_000, help="changed rows to print")
    args = parser.parse_args(argv)
    if args.compare:
        return compare(*args.compare, args.limit)
    if args.full:
        if not args.root or not all(root.exists() for root in args.root):
            parser.error("--full: give files or folders that exist")
        return full_dump(args.root, args.lines)
    if len(args.root) != 1 or not args.root[0].is_dir():
        parser.error("give a folder of .txt files, or --compare BEFORE AFTER")
    return dump(args.root[0])


if __name__ == "__main__":
    sys.exit(main())
