"""How many figures factlint reads strictly right, on a random sample read by hand.

Run by hand (not a test); figures go into the README:

    python bench/reading_sample.py                 # rates from bench/labels/reading/sample.tsv
    python bench/reading_sample.py --labels bench/labels/reading/held-out.tsv
    python bench/reading_sample.py --list          # every row, with today's reading
    python bench/reading_sample.py --draw --seed 7 > new.tsv   # a fresh sample to label

Three samples are labelled: ``sample.tsv`` (seed 20261201, drawn at commit e784265 before
issue 11's fourth pass, which then fixed families it showed), ``held-out.tsv`` (seed
20261202, drawn at the end of that pass from lines neither sample nor the tests hold, and
tuned on by nothing) and ``held-out-2.tsv`` (seed 20261203, drawn at 4f0c5c2, the sixth
session's start).  A sample (``--draw``) is drawn from
``../shared/bench/news-dev``: 60 figures from ``traditional/``, 60 from ``simplified/``, 40
from ``statistics/``, and 40 digit strings with no Han character after them (the pool
where codes, names and versions live), of which the labeller keeps those that are no
quantity.  A *figure* is a run of Arabic digits (thousands commas and a decimal part
included) or a run of two or more Chinese numerals holding a place (十百千万亿) or 〇; lines
that earlier sessions labelled or copied into ``tests/data`` are left out.

Each labelled row: ``set`` (traditional, simplified, statistics, non-quantity), path
(relative to news-dev), line, column, the figure as written, its context, ``reading``
(what factlint read when the row was labelled: every quantity overlapping the figure,
as ``kind qualifier [lo, hi] unit iso «text»``), ``verdict`` (right / wrong), ``expected``
(the right reading, written the same way; empty when the reading was right) and the
``reason``; ``no amount`` as expected reading marks a name or a code where a figure
was looked for (优品360), right when nothing overlapping it is read as an amount.
A figure is strictly right when its value interval, qualifier, unit, kind,
ISO value and span are all right; a non-quantity is right when nothing overlapping it is
read as an amount (count, money, percent, measure, duration, age).  The rates are
recomputed against today's reading, so a fix shows here; a row whose reading changed to
something neither labelled right nor expected is printed for reading.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "bench" / "news-dev"
LABELS = REPO / "bench" / "labels" / "reading" / "sample.tsv"
COLUMNS = ("set", "path", "line", "column", "figure", "context", "reading", "verdict",
           "expected", "reason")
SIZES = (("traditional", 60), ("simplified", 60), ("statistics", 40))
NON_QUANTITY_DRAW = 200  # candidates listed for the labeller to keep 40 non-quantities from
AMOUNT_KINDS = frozenset({"count", "money", "percent", "measure", "duration", "age"})

FIGURE = re.compile(
    r"(?<![0-9０-９])[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?(?![0-9０-９])"
    r"|[〇零一二两兩三四五六七八九十百千万萬亿億]{2,}")
_PLACE = re.compile("[十百千万萬亿億〇]")
_LABELLED = re.compile(r"(simplified|traditional|statistics)/(\d{4}\.txt)[:\t](\d+)")


def labelled_lines() -> set[tuple[str, int]]:
    """(path, line) of every line an earlier session labelled or copied into tests."""
    seen: set[tuple[str, int]] = set()
    for folder in (REPO / "tests" / "data", REPO / "bench" / "labels"):
        for path in folder.rglob("*.tsv"):
            for m in _LABELLED.finditer(path.read_text(encoding="utf-8")):
                seen.add((f"{m[1]}/{m[2]}", int(m[3])))
    return seen


def candidates(folder: str) -> list[tuple[str, int, int, int, int]]:
    """(path, line, column, start, end) of every figure in a news-dev folder."""
    found = []
    for path in sorted((NEWS / folder).glob("*.txt")):
        shown = f"{folder}/{path.name}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in FIGURE.finditer(line):
                if m[0][0] in "0123456789０１２３４５６７８９" or _PLACE.search(m[0]):
                    found.append((shown, number, m.start() + 1, m.start(), m.end()))
    return found


def _number(value) -> str:
    return "open" if value is None else str(value)


def describe(quantity) -> str:
    iso = f" {quantity.iso}" if quantity.iso else ""
    return (f"{quantity.kind} {quantity.qualifier} [{_number(quantity.lo)}, "
            f"{_number(quantity.hi)}] {quantity.unit or '-'}{iso} «{quantity.text}»")


class Readings:
    """factlint's reading of news-dev lines, each line read once (as a linter meets it
    inside its document: the whole file is extracted, then cut by line)."""

    def __init__(self) -> None:
        self._files: dict[str, list] = {}

    def at(self, path: str, line: int, column: int, length: int) -> list:
        if path not in self._files:
            import factlint

            text = (NEWS / path).read_text(encoding="utf-8")
            self._files[path] = factlint.extract(text, path=path)
        start, end = column, column + length  # 1-based columns, end exclusive
        return [q for q in self._files[path]
                if q.span.line <= line <= q.span.end_line
                and (q.span.line, q.span.column) < (line, end)
                and (q.span.end_line, q.span.end_column) > (line, start)]

    def reading(self, path: str, line: int, column: int, length: int) -> str:
        found = self.at(path, line, column, length)
        return " | ".join(describe(q) for q in found) if found else "—"


def draw(seed: int) -> int:
    rng = random.Random(seed)
    skip = labelled_lines()
    readings = Readings()
    out = csv.writer(sys.stdout, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\",
                     lineterminator="\n")
    out.writerow(COLUMNS)
    texts: dict[str, list[str]] = {}

    def row(name: str, item: tuple[str, int, int, int, int]) -> None:
        path, line, column, start, end = item
        if path not in texts:
            texts[path] = (NEWS / path).read_text(encoding="utf-8").splitlines()
        text = texts[path][line - 1]
        context = text[max(0, start - 20):end + 20].replace("\t", " ")
        out.writerow((name, path, line, column, text[start:end], context,
                      readings.reading(path, line, column, end - start), "", "", ""))

    pool_all = []
    for folder, size in SIZES:
        pool = [c for c in candidates(folder) if (c[0], c[1]) not in skip]
        pool_all += pool
        for item in rng.sample(pool, size):
            row(folder, item)
    bare = [c for c in pool_all if _no_han_after(texts, c)]
    for item in rng.sample(bare, NON_QUANTITY_DRAW):
        row("non-quantity?", item)
    return 0


def _no_han_after(texts: dict[str, list[str]], item: tuple[str, int, int, int, int]) -> bool:
    path, line, _, start, end = item
    if path not in texts:
        texts[path] = (NEWS / path).read_text(encoding="utf-8").splitlines()
    text = texts[path][line - 1]
    if not text[start].isdigit():
        return False
    after = text[end:end + 1]
    return not after or not ("\u4e00" <= after <= "\u9fff") and after not in "%％‰℃"


def read_labels(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE,
                                   escapechar="\\"))


def judge(row: dict[str, str], now: str, found: list) -> str:
    """``right``, ``wrong`` or ``unlabelled`` (today's reading is neither the labelled
    right one nor the expected one)."""
    if row["set"] == "non-quantity":
        return "wrong" if any(q.kind in AMOUNT_KINDS for q in found) else "right"
    if row["expected"] == "no amount":  # a name or a code written in a figure's place
        return "wrong" if any(q.kind in AMOUNT_KINDS for q in found) else "right"
    right = row["expected"] or (row["reading"] if row["verdict"] == "right" else None)
    if now == right:
        return "right"
    if now == row["reading"]:
        return row["verdict"]  # wrong, as labelled
    return "unlabelled"


def report(labels: Path, show_all: bool) -> int:
    rows = read_labels(labels)
    readings = Readings()
    tally: dict[str, Counter] = {}
    unlabelled = []
    for row in rows:
        found = readings.at(row["path"], int(row["line"]), int(row["column"]), len(row["figure"]))
        now = " | ".join(describe(q) for q in found) if found else "—"
        verdict = judge(row, now, found)
        tally.setdefault(row["set"], Counter())[verdict] += 1
        if verdict == "unlabelled":
            unlabelled.append((row, now))
        if show_all:
            print(f"{verdict}\t{row['set']}\t{row['path']}:{row['line']}:{row['column']}\t"
                  f"{row['figure']}\t{now}\t{row['reason']}")
    total = Counter()
    for name in ("traditional", "simplified", "statistics", "non-quantity"):
        counts = tally.get(name, Counter())
        total.update(counts)
        n = sum(counts.values())
        print(f"{name:13} {counts['right']:3}/{n:3} right "
              f"({counts['right'] / n:.1%})" if n else f"{name:13} none")
    n = sum(total.values())
    print(f"{'all':13} {total['right']:3}/{n:3} right ({total['right'] / n:.1%})")
    for row, now in unlabelled:
        print(f"unlabelled: {row['path']}:{row['line']}:{row['column']} {row['figure']}\n"
              f"  labelled {row['verdict']}: {row['reading']}\n  expected: {row['expected']}\n"
              f"  today:    {now}")
    return 1 if unlabelled else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draw", action="store_true", help="print a fresh sample to label")
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--list", action="store_true", help="every row with today's reading")
    parser.add_argument("--labels", type=Path, default=LABELS, help="the labelled sample")
    args = parser.parse_args(argv)
    if not NEWS.is_dir():
        sys.exit(f"{NEWS}: not found")
    if args.draw:
        return draw(args.seed)
    return report(args.labels, args.list)


if __name__ == "__main__":
    sys.exit(main())
