"""The usage-* checks on real copy in ../shared: findings per 100,000 characters and
how many of them a person judged wrong (bench/labels/<rule-id>.tsv).

    .venv/bin/python bench/usage_findings.py              # the table, per rule and folder
    .venv/bin/python bench/usage_findings.py --corpus held-out  # pd1998, seeds, Recognizers
    .venv/bin/python bench/usage_findings.py --unlabelled # findings no label file covers
    .venv/bin/python bench/usage_findings.py --list RULE  # every finding of RULE, in context
    .venv/bin/python bench/usage_findings.py --timing     # factlint check with and without them

Labels have the columns ``path line column rule level verdict reason`` (tab-separated,
verdict ``right`` or ``wrong``), the format the issue-10 checks use.  A news-dev path is
relative to news-dev (``simplified/0008.txt``); the held-out copy's paths are relative to
../shared: ``bench/pd1998-sample.txt`` (read whole, as one document), ``seeds/<file>`` and
``bench/recognizers-zh/<folder>/<file>.json#<case>``, labelled in bench/labels/held-out/;
each Recognizers-Text spec case's ``Input`` is a document of its own (the cases are
unrelated sentences, and several checks look at a whole story).  Characters are counted
without whitespace, as news-dev's README does.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factlint.corpus import load_corpus, load_document  # noqa: E402
from factlint.model import Corpus  # noqa: E402
from factlint.rules import USAGE_CHECKS, CheckContext, Rule, builtin_module  # noqa: E402
from factlint.rules.engine import finish_findings  # noqa: E402

SHARED = ROOT.parent / "shared"
NEWS_DEV = SHARED / "bench" / "news-dev"
RECOGNIZERS = SHARED / "bench" / "recognizers-zh"
LABELS = ROOT / "bench" / "labels"
CORPORA = {"news-dev": ("simplified", "traditional", "statistics"),
           "held-out": ("pd1998", "seeds", "recognizers")}


def _recognizer_cases() -> list:
    """One document per Recognizers-Text spec case: its ``Input``, named ``file.json#case``."""
    documents = []
    for file in sorted(RECOGNIZERS.glob("*/*.json")):
        cases = json.loads(file.read_text(encoding="utf-8-sig"))
        for number, case in enumerate(cases, 1):
            documents.append(load_document(f"{file}#{number}", case["Input"]))
    return documents


def load(name: str) -> Corpus:
    if name == "news-dev":
        corpus, errors = load_corpus([str(NEWS_DEV / folder) for folder in CORPORA[name]])
    else:
        corpus, errors = load_corpus([str(SHARED / "bench" / "pd1998-sample.txt"),
                                      *map(str, sorted((SHARED / "seeds").glob("*.txt")))])
        corpus = Corpus(corpus.documents + tuple(_recognizer_cases()))
    if errors:
        raise SystemExit("\n".join(map(str, errors)))
    return corpus


def run(name: str = "news-dev") -> tuple[list, dict[str, int], float]:
    corpus = load(name)
    # The held-out copy runs the default checks only: pd1998-sample is 6,954 sentences of
    # many stories in one file, so the opt-in approx-form (one form per story) has no story.
    rules = [Rule(r, r, builtin_module(r).DEFAULT_LEVEL, builtin_module(r).DESCRIPTION)
             for r in USAGE_CHECKS if name == "news-dev" or not _opt_in(r)]
    started = time.perf_counter()
    found = []
    for rule in rules:
        found += builtin_module(rule.id).check(rule, corpus, CheckContext())
    found, _ = finish_findings(found, corpus, rules)
    seconds = time.perf_counter() - started
    chars = Counter()
    for document in corpus.documents:
        chars[_folder(document.path)] += len("".join(document.text.split()))
    return found, dict(chars), seconds


def _opt_in(rule_id: str) -> bool:
    return getattr(builtin_module(rule_id), "OPT_IN", False)


def _relative(path: str) -> str:
    if "/news-dev/" in path:
        return path.split("/news-dev/", 1)[1]
    return str(Path(path).relative_to(SHARED))


def _folder(path: str) -> str:
    relative = _relative(path)
    if relative.startswith("bench/pd1998"):
        return "pd1998"
    if relative.startswith("bench/recognizers-zh/"):
        return "recognizers"
    return relative.split("/", 1)[0]


def labels() -> dict[tuple[str, int, int, str], str]:
    result = {}
    # news-dev's in bench/labels/, the held-out copy's in bench/labels/held-out/ (so that
    # bench/false_alarms.py, which reads bench/labels/*.tsv over news-dev, does not take
    # them for labels whose finding is gone).
    for file in sorted([*LABELS.glob("usage-*.tsv"), *(LABELS / "held-out").glob("usage-*.tsv")]):
        with file.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                key = (row["path"], int(row["line"]), int(row["column"]), row["rule"])
                result[key] = row["verdict"]
    return result


def key(finding) -> tuple[str, int, int, str]:
    loc = finding.location
    return (_relative(loc.path), loc.line, loc.column, finding.rule)


def timing(rounds: int = 3) -> None:
    """``run_check`` over news-dev without and with the usage checks, alternating; best of each."""
    from factlint.rules.engine import UNUSED_SUPPRESSION, run_check
    from factlint.settings.config import Config

    paths = tuple(str(NEWS_DEV / folder) for folder in CORPORA["news-dev"])
    best = {"without": float("inf"), "with": float("inf")}
    for _ in range(rounds):
        for label, disable in (("without", (*USAGE_CHECKS, UNUSED_SUPPRESSION)), ("with", ())):
            started = time.perf_counter()
            run_check(Config(paths=paths, disable=disable))
            best[label] = min(best[label], time.perf_counter() - started)
    print(f"factlint check on news-dev, best of {rounds}: without usage checks "
          f"{best['without']:.2f} s, with {best['with']:.2f} s "
          f"({best['with'] / best['without']:.2f}×)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--unlabelled", action="store_true")
    parser.add_argument("--list", metavar="RULE")
    parser.add_argument("--timing", action="store_true")
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="news-dev")
    args = parser.parse_args()
    if args.timing:
        return timing()
    found, chars, seconds = run(args.corpus)
    folders = CORPORA[args.corpus]
    verdicts = labels()
    if args.unlabelled or args.list:
        for finding in sorted(found, key=key):
            if (args.unlabelled and key(finding) not in verdicts) or finding.rule == args.list:
                print("\t".join(map(str, (*key(finding)[:3], finding.rule, finding.level,
                                          verdicts.get(key(finding), "?"), finding.message))))
        return
    total_chars = sum(chars.values())
    print(f"{args.corpus}: {total_chars:,} characters ("
          + ", ".join(f"{folder} {chars.get(folder, 0):,}" for folder in folders)
          + f"); usage checks {seconds:.2f} s\n")
    print("| rule | level | findings | per 100k chars | " + " | ".join(folders)
          + " | labelled | wrong | wrong % |")
    print("|---|---|---:|---:|" + "---:|" * len(folders) + "---:|---:|---:|")
    by_rule: dict[str, list] = {rule: [] for rule in USAGE_CHECKS
                                if args.corpus == "news-dev" or not _opt_in(rule)}
    for finding in found:
        by_rule.setdefault(finding.rule, []).append(finding)
    for rule, items in by_rule.items():
        in_folder = Counter(_folder(f.location.path) for f in items)
        judged = [verdicts[key(f)] for f in items if key(f) in verdicts]
        wrong = judged.count("wrong")
        share = f"{100 * wrong / len(judged):.1f}" if judged else "–"
        level = builtin_module(rule).DEFAULT_LEVEL if builtin_module(rule) else "info"
        print(f"| {rule} | {level} | {len(items)} | {100_000 * len(items) / total_chars:.2f} | "
              + " | ".join(str(in_folder[f]) for f in folders)
              + f" | {len(judged)} | {wrong} | {share} |")
    default = [f for f in found if not _opt_in(f.rule)]
    for label, items in (("all", found), ("all default (no opt-in)", default)):
        judged = [verdicts[key(f)] for f in items if key(f) in verdicts]
        wrong = judged.count("wrong")
        share = f"{100 * wrong / len(judged):.1f}" if judged else "–"
        print(f"| {label} | | {len(items)} | {100_000 * len(items) / total_chars:.2f} | "
              + " | ".join(str(sum(1 for f in items if _folder(f.location.path) == folder))
                           for folder in folders)
              + f" | {len(judged)} | {wrong} | {share} |")


if __name__ == "__main__":
    main()
