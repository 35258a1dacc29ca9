"""What the claim checks link on held-out copy, for reading: totals with their parts,
and restatements.

Run by hand (not a test); figures go into the README:

    python bench/held_out.py              # pd1998-sample.txt and news-dev/statistics
    python bench/held_out.py --list       # every group and link, with its passage

On copy where a check raises nothing, its findings say nothing of its precision.
What it *linked* does: a total taken with the wrong parts, or two figures taken for
one claim that are not, is a false alarm as soon as one figure is retyped.  This
lists every group ``total-vs-parts`` forms (:func:`factlint.rules.total_vs_parts.groups`)
and every pair ``restatement`` matches (:class:`factlint.rules.restatement.Relations`)
on the inputs, and matches each to a label in ``bench/labels/links/held-out.tsv`` by (path,
line, column, check) of the total or the later figure:

    path  line  column  check  linked  verdict  reason

``verdict`` is ``true`` (the text says these are a whole and its parts, or one claim
twice) or ``false`` (it does not), with the reason found by reading.  Paths are
relative to ``../shared/bench``.  Prints links, labelled, true, false and precision per
check, then every link without a label and every label no longer linked; exits 1 when
a link is unlabelled.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))  # false_alarms.read_label_file
BENCH = REPO.parent / "shared" / "bench"
LABELS = REPO / "bench" / "labels" / "links" / "held-out.tsv"
INPUTS = ("pd1998-sample.txt", "news-dev/statistics")
COLUMNS = ("path", "line", "column", "check", "linked", "verdict", "reason")


def links(root: Path, inputs: tuple[str, ...]) -> list[dict[str, str]]:
    """Every group and match of the two checks on ``inputs``, in path and text order."""
    from factlint.corpus import load_corpus
    from factlint.rules.restatement import Relations
    from factlint.rules.total_vs_parts import groups

    corpus, errors = load_corpus([str(root / name) for name in inputs])
    if errors:
        sys.exit("\n".join(errors))
    found = []
    for document in sorted(corpus.documents, key=lambda d: d.path):
        path = Path(document.path).resolve().relative_to(root.resolve()).as_posix()
        for group in groups(document):
            total = group.total
            text = group.period.text
            found.append({
                "path": path, "line": str(total.quantity.span.line),
                "column": str(total.quantity.span.column), "check": "total-vs-parts",
                "linked": f"{_written(total.quantity)} = "
                          + " + ".join(_written(p.quantity) for p in group.parts)
                          + (" (complete)" if group.complete else ""),
                "passage": text[max(0, total.start - 30):group.parts[-1].end + 10]})
        relations = Relations(document)
        quantities = document.quantities
        for index in sorted(relations.matches):
            for match in relations.matches[index]:
                if match.other < index:
                    later, earlier = quantities[index], quantities[match.other]
                    found.append({
                        "path": path, "line": str(later.span.line),
                        "column": str(later.span.column), "check": "restatement",
                        "linked": f"{_written(earlier)} ~ {_written(later)} ({match.evidence})",
                        "passage": relations.frames[index].clause})
    return found


def _written(q) -> str:
    return "".join((q.normalized or q.text).split())


def read_labels(path: Path) -> dict[tuple[str, str, str, str], dict[str, str]]:
    from false_alarms import read_label_file

    if not path.exists():
        return {}
    return read_label_file(path, COLUMNS, _key, {})


def _key(link: dict[str, str]) -> tuple[str, str, str, str]:
    return (link["path"], link["line"], link["column"], link["check"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=BENCH)
    parser.add_argument("--inputs", nargs="+", default=list(INPUTS))
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--list", action="store_true", help="print every link and passage")
    args = parser.parse_args()
    found = links(args.root, tuple(args.inputs))
    labels = read_labels(args.labels)
    counts: Counter = Counter()
    for link in found:
        label = labels.get(_key(link))
        counts[link["check"], "links"] += 1
        if label is not None:
            counts[link["check"], "labelled"] += 1
            counts[link["check"], label["verdict"]] += 1
        if args.list:
            print(f"{link['path']}:{link['line']}:{link['column']}\t{link['check']}\t"
                  f"{link['linked']}\t{label['verdict'] if label else '?'}\n    {link['passage']}")
    print(f"inputs: {', '.join(args.inputs)}")
    for check in ("total-vs-parts", "restatement"):
        labelled = counts[check, "labelled"]
        rate = f"{counts[check, 'true'] / labelled:.1%}" if labelled else "–"
        print(f"{check:16} links {counts[check, 'links']:3}  labelled {labelled:3}  "
              f"true {counts[check, 'true']:3}  false {counts[check, 'false']:3}  "
              f"precision {rate}")
    keys = {_key(link) for link in found}
    unlabelled = [link for link in found if _key(link) not in labels]
    for link in unlabelled:
        print(f"unlabelled: {link['path']}\t{link['line']}\t{link['column']}\t{link['check']}\t"
              f"{link['linked']}")
    for key in labels:
        if key not in keys:
            print(f"label no longer linked: {key[0]}:{key[1]}:{key[2]} {key[3]}")
    return 1 if unlabelled else 0


if __name__ == "__main__":
    sys.exit(main())
