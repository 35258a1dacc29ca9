"""Which lines are headlines: the notions of the checks, against lines labelled by reading.

Run by hand (not a test); figures go into the README:

    python bench/headlines.py                       # score on bench/labels/headlines/
    python bench/headlines.py --list                # every line the notions disagree on
    python bench/headlines.py --sample 100 --seed 1 # draw lines to label (TSV on stdout)
    PYTHONPATH=/tmp/base5df python bench/headlines.py   # the notions of another checkout

Two consumers ask whether a line is a headline: the claim frames of ``restatement``
(:func:`factlint.claims.headline.layout`, a headline's figures are compared with the
body's) and the periods of ``total-vs-parts``, ``range-vs-duration`` and
``share-bounds`` (:func:`factlint.rules._passages.periods`, a headline stands alone and
does not join the next sentence's list).  Until issue 10 they were two notions, and
they disagreed on hundreds of lines of ``../shared/bench/news-dev``.  This script reads
the notions *of the code it imports* (so pointing ``PYTHONPATH`` at an older checkout
measures the old notions) on every line of news-dev (all three folders) and of
``seeds/``:

- ``layout``: the line is inside a region of ``layout(text).headlines``;
- ``periods``: the line is inside a period with ``headline`` set.

``bench/labels/headlines/sample.tsv`` holds 240 lines, each read in its article and
labelled ``headline`` or ``not`` with the reason: 150 drawn with ``--sample 100 --seed 1``
at 5df0868 (100 where the two notions disagreed, 25 both called headlines, 25 short
lines neither did), then, after the one detector was written, 50 drawn with seed 2
where it disagreed with either old notion and 40 with seed 3 among the sub-headlines
it found (class ``held-out …``)
(columns ``path line class verdict reason text``; paths relative to ``../shared/bench/news-dev``
or ``seeds/…`` for the seeds).  The score is each notion's precision and recall on
those lines, and the lines each gets wrong; then each notion's titles against
``manifest.tsv`` (which gives the title of every news-dev file that has one).  Exits 1
when a labelled line's text no longer matches the file (the label would be stale).
"""

from __future__ import annotations

import argparse
import bisect
import csv
import random
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS_DEV = REPO.parent / "shared" / "bench" / "news-dev"
LABELS = REPO / "bench" / "labels" / "headlines" / "sample.tsv"
FOLDERS = ("simplified", "traditional", "statistics")
COLUMNS = ("path", "line", "class", "verdict", "reason", "text")
NOTIONS = ("layout", "periods")


def files() -> list[tuple[str, Path]]:
    """(label path, file) of every news-dev article and every seed."""
    found = [(f"{folder}/{p.name}", p) for folder in FOLDERS
             for p in sorted((NEWS_DEV / folder).glob("*.txt"))]
    found += [(f"seeds/{p.name}", p) for p in sorted((REPO / "seeds").glob("*.txt"))]
    return found


def _lines(starts: list[int], start: int, end: int) -> range:
    """1-based numbers of the lines that text[start:end] touches."""
    first = bisect.bisect_right(starts, start)
    last = bisect.bisect_right(starts, max(start, end - 1))
    return range(first, last + 1)


def notions(text: str) -> dict[str, set[int]]:
    """For each notion, the numbers of the lines of ``text`` it calls (part of) a headline."""
    from factlint.claims.headline import layout
    from factlint.corpus import folded_text, load_document
    from factlint.rules._passages import periods

    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    found: dict[str, set[int]] = {name: set() for name in NOTIONS}
    document = load_document("a.txt", text)
    # As the claim frames do: the layout of the folded text (same length as the file).
    for start, end in layout(folded_text(document)).headlines:
        found["layout"].update(_lines(starts, start, end))
    for period in periods(document):
        if period.headline:
            sentence = document.sentences[period.first]
            found["periods"].update(_lines(starts, sentence.span.start, sentence.span.end))
    return found


def every_line() -> list[tuple[str, int, str, dict[str, bool]]]:
    """(path, line, text, {notion: says headline}) for every non-blank line."""
    rows = []
    for name, path in files():
        text = path.read_text(encoding="utf-8")
        said = notions(text)
        for number, line in enumerate(text.split("\n"), 1):
            if line.strip():
                rows.append((name, number, line.strip(),
                             {n: number in said[n] for n in NOTIONS}))
    return rows


def class_of(said: dict[str, bool]) -> str:
    yes = [n for n in NOTIONS if said[n]]
    return "both" if len(yes) == 2 else f"{yes[0]}-only" if yes else "neither"


def read_labels(path: Path = LABELS) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    for number, row in enumerate(rows, 2):
        if tuple(row) != COLUMNS or row["verdict"] not in ("headline", "not"):
            sys.exit(f"{path}:{number}: want columns {COLUMNS} and verdict headline/not")
    return rows


def text_of(name: str) -> str:
    root = REPO if name.startswith("seeds/") else NEWS_DEV
    return (root / name).read_text(encoding="utf-8")


def titles() -> None:
    """Each notion's titles against news-dev's manifest, which names the title of every
    file that has one (its first line) and leaves it empty for the 34 that have none."""
    with (NEWS_DEV / "manifest.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    tally = {n: Counter() for n in NOTIONS}
    for row in rows:
        text = (NEWS_DEV / row["file"]).read_text(encoding="utf-8")
        first = next(n for n, line in enumerate(text.split("\n"), 1) if line.strip())
        said = notions(text)
        truth = bool(row["title"].strip())
        for n in NOTIONS:
            says = first in said[n]
            tally[n][("t" if says == truth else "f") + ("p" if says else "n")] += 1
    print(f"titles of {len(rows)} news-dev files (manifest), "
          f"{sum(bool(r['title'].strip()) for r in rows)} with a title:")
    for n in NOTIONS:
        t = tally[n]
        print(f"{n:8} found {t['tp']}, missed {t['fn']}, false titles {t['fp']}")


def score(labels: list[dict[str, str]]) -> int:
    cache: dict[str, tuple[list[str], dict[str, set[int]]]] = {}
    tally = {n: Counter() for n in NOTIONS}
    wrong: dict[str, list[str]] = {n: [] for n in NOTIONS}
    stale = 0
    for row in labels:
        if row["path"] not in cache:
            text = text_of(row["path"])
            cache[row["path"]] = (text.split("\n"), notions(text))
        lines, said = cache[row["path"]]
        line = int(row["line"])
        if line > len(lines) or lines[line - 1].strip() != row["text"]:
            print(f"stale label: {row['path']}:{line} {row['text']}")
            stale += 1
            continue
        truth = row["verdict"] == "headline"
        for n in NOTIONS:
            says = line in said[n]
            tally[n][("t" if says == truth else "f") + ("p" if says else "n")] += 1
            if says != truth:
                wrong[n].append(f"  {row['path']}:{line} [{row['class']}] "
                                f"{'called headline' if says else 'missed'}: {row['text'][:40]}"
                                f"  ({row['reason']})")
    print(f"{len(labels)} labelled lines, "
          f"{sum(r['verdict'] == 'headline' for r in labels)} headlines")
    for n in NOTIONS:
        t = tally[n]
        precision = t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else 0.0
        recall = t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 0.0
        print(f"{n:8} precision {precision:6.1%} ({t['tp']}/{t['tp'] + t['fp']})  "
              f"recall {recall:6.1%} ({t['tp']}/{t['tp'] + t['fn']})  wrong {len(wrong[n])}")
    for n in NOTIONS:
        if wrong[n]:
            print(f"\n{n} gets wrong:")
            print("\n".join(wrong[n]))
    return 1 if stale else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="every line the notions disagree on")
    parser.add_argument("--sample", type=int, metavar="N",
                        help="draw N disagreeing lines, N/4 both call headlines and "
                             "N/4 short lines neither does (TSV)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not args.list and args.sample is None:
        status = score(read_labels())
        print()
        titles()
        return status
    rows = every_line()
    counts = Counter(class_of(said) for *_, said in rows)
    print(f"# lines: {dict(sorted(counts.items()))}", file=sys.stderr)
    disagree = [r for r in rows if class_of(r[3]) in ("layout-only", "periods-only")]
    if args.list:
        for name, number, line, said in disagree:
            print(f"{name}:{number}\t{class_of(said)}\t{line}")
        return 0
    rng = random.Random(args.seed)
    drawn = rng.sample(disagree, min(args.sample, len(disagree)))
    both = [r for r in rows if class_of(r[3]) == "both"]
    drawn += rng.sample(both, min(args.sample // 4, len(both)))
    short = [r for r in rows if class_of(r[3]) == "neither" and len("".join(r[2].split())) <= 40]
    drawn += rng.sample(short, min(args.sample // 4, len(short)))
    writer = csv.writer(sys.stdout, delimiter="\t", quoting=csv.QUOTE_NONE,
                        escapechar="\\", lineterminator="\n")
    writer.writerow(COLUMNS)
    for name, number, line, said in sorted(drawn, key=lambda r: (r[0], r[1])):
        writer.writerow((name, number, class_of(said), "", "", line.replace("\t", " ")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
