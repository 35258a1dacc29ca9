"""Time of the built-in arithmetic checks against reading the same text.

``total-vs-parts``, ``range-vs-duration`` and ``share-bounds`` walk each document
once (periods, then markers and figures in order), so their time grows with the
length of the text, not with the square of its figures.  This script reads
../shared/bench/news-dev/ once as 1,257 documents and once as one document of
all of it joined, and prints the time of ``load_document`` (extraction and
sentences), of each check alone and of the three together (they share the
periods of a document, computed afresh for each measurement), in one run on the
same input.  Run by hand::

    python bench/arithmetic_speed.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from factlint.corpus import load_document
from factlint.model import Corpus
from factlint.rules import (
    CheckContext,
    Rule,
    _passages,
    range_vs_duration,
    share_bounds,
    total_vs_parts,
)

NEWS_DEV = Path(__file__).resolve().parents[2] / "shared" / "bench" / "news-dev"
MODULES = (total_vs_parts, range_vs_duration, share_bounds)


def best(function, repeat: int, *args):
    """(fastest time, result) of ``function(*args)`` over ``repeat`` runs."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - started)
    return min(times), result


def read(inputs: list[tuple[str, str]]) -> Corpus:
    return Corpus(tuple(load_document(path, text) for path, text in inputs))


def run(modules, corpus: Corpus) -> list:
    """The findings of ``modules`` over ``corpus``, periods computed afresh; each document
    checked by every module before the next, as the engine does (the modules share the
    periods of the document at hand)."""
    _passages._last = None
    rules = [Rule(id=module.NAME, type=module.NAME, level=module.DEFAULT_LEVEL,
                  message=module.DESCRIPTION) for module in modules]
    found = []
    for document in corpus.documents:
        alone = Corpus((document,))
        for module, rule in zip(modules, rules, strict=True):
            found += module.check(rule, alone, CheckContext())
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not NEWS_DEV.exists():
        sys.exit(f"{NEWS_DEV} is not available")
    texts = [(str(p), p.read_text(encoding="utf-8"))
             for p in sorted(NEWS_DEV.glob("*/*.txt"))]
    joined = "\n\n".join(text for _, text in texts)
    for name, inputs in (("1,257 documents", texts), ("one document", [("all.txt", joined)])):
        chars = sum(len(text) for _, text in inputs)
        reading, corpus = best(read, args.repeat, inputs)
        line = [f"{name} ({chars / 1e6:.2f} M characters): read {reading:.2f} s"]
        for module in MODULES:
            spent, _ = best(run, args.repeat, (module,), corpus)
            line.append(f"{module.NAME} {spent:.2f} s ({spent / reading:.0%})")
        spent, _ = best(run, args.repeat, MODULES, corpus)
        line.append(f"all three {spent:.2f} s ({spent / reading:.0%} of reading)")
        print("; ".join(line))


if __name__ == "__main__":
    main()
