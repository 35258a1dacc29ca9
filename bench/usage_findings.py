"""The usage-* checks on ../shared/bench/news-dev: findings per 100,000 characters and
how many of them a person judged wrong (bench/labels/<rule-id>.tsv).

    .venv/bin/python bench/usage_findings.py              # the table, per rule and folder
    .venv/bin/python bench/usage_findings.py --unlabelled # findings no label file covers
    .venv/bin/python bench/usage_findings.py --list RULE  # every finding of RULE, in context
    .venv/bin/python bench/usage_findings.py --timing     # factlint check with and without them

Labels have the columns ``path line column rule level verdict reason`` (tab-separated,
path relative to news-dev; verdict ``right`` or ``wrong``), the format the issue-10
checks use.  Characters are counted without whitespace, as news-dev's README does.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factlint.corpus import load_corpus  # noqa: E402
from factlint.rules import USAGE_CHECKS, CheckContext, Rule, builtin_module  # noqa: E402
from factlint.rules.engine import finish_findings  # noqa: E402

NEWS_DEV = ROOT.parent / "shared" / "bench" / "news-dev"
LABELS = ROOT / "bench" / "labels"
FOLDERS = ("simplified", "traditional", "statistics")


def run() -> tuple[list, dict[str, int], float]:
    corpus, errors = load_corpus([str(NEWS_DEV / folder) for folder in FOLDERS])
    if errors:
        raise SystemExit("\n".join(map(str, errors)))
    rules = [Rule(r, r, builtin_module(r).DEFAULT_LEVEL, builtin_module(r).DESCRIPTION)
             for r in USAGE_CHECKS]
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


def _relative(path: str) -> str:
    return path.split("news-dev/", 1)[1]


def _folder(path: str) -> str:
    return _relative(path).split("/", 1)[0]


def labels() -> dict[tuple[str, int, int, str], str]:
    result = {}
    for file in sorted(LABELS.glob("usage-*.tsv")):
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

    paths = tuple(str(NEWS_DEV / folder) for folder in FOLDERS)
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
    args = parser.parse_args()
    if args.timing:
        return timing()
    found, chars, seconds = run()
    verdicts = labels()
    if args.unlabelled or args.list:
        for finding in sorted(found, key=key):
            if (args.unlabelled and key(finding) not in verdicts) or finding.rule == args.list:
                print("\t".join(map(str, (*key(finding)[:3], finding.rule, finding.level,
                                          verdicts.get(key(finding), "?"), finding.message))))
        return
    total_chars = sum(chars.values())
    print(f"news-dev: {total_chars:,} characters; usage checks {seconds:.2f} s\n")
    print("| rule | level | findings | per 100k chars | simplified | traditional | statistics "
          "| labelled | wrong | wrong % |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    by_rule: dict[str, list] = {rule: [] for rule in USAGE_CHECKS}
    for finding in found:
        by_rule.setdefault(finding.rule, []).append(finding)
    all_labelled = all_wrong = 0
    for rule, items in by_rule.items():
        folders = Counter(_folder(f.location.path) for f in items)
        judged = [verdicts[key(f)] for f in items if key(f) in verdicts]
        wrong = judged.count("wrong")
        all_labelled += len(judged)
        all_wrong += wrong
        share = f"{100 * wrong / len(judged):.1f}" if judged else "–"
        level = builtin_module(rule).DEFAULT_LEVEL if builtin_module(rule) else "info"
        print(f"| {rule} | {level} | {len(items)} | {100_000 * len(items) / total_chars:.2f} | "
              + " | ".join(str(folders[f]) for f in FOLDERS)
              + f" | {len(judged)} | {wrong} | {share} |")
    share = f"{100 * all_wrong / all_labelled:.1f}" if all_labelled else "–"
    print(f"| all | | {len(found)} | {100_000 * len(found) / total_chars:.2f} | "
          + " | ".join(str(sum(1 for f in found if _folder(f.location.path) == folder))
                       for folder in FOLDERS)
          + f" | {all_labelled} | {all_wrong} | {share} |")


if __name__ == "__main__":
    main()
