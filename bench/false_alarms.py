"""False-alarm rate of the built-in checks on real copy nobody tuned on.

Run by hand (not a test); figures go into the README:

    python bench/false_alarms.py                 # ../shared/bench/news-dev, bench/labels/
    python bench/false_alarms.py --json

Runs ``factlint check`` with an empty config (only the built-in checks) over the three
folders of ``../shared/bench/news-dev`` (simplified/, traditional/, statistics/), keeps
the error and warning findings, and matches each to a label in ``bench/labels/<rule>.tsv``
by (path, line, column, rule).  A label file has the columns

    path  line  column  rule  level  verdict  reason

with ``verdict`` ``true`` (a real problem an editor would fix) or ``false`` (a false
alarm), and a reason written after reading the passage.  Paths are relative to
news-dev (``simplified/0269.txt``).

Prints, per rule and per folder: findings, labelled, true, false, precision (true /
labelled) and false error-level findings per 100,000 characters (non-whitespace
characters of the folder, as news-dev's README counts them).  Then lists every finding
that has no label, and every label whose finding is no longer raised.  Exits 1 when
a finding is unlabelled, so the next change is compared finding by finding: read it,
label it, run again.  Goals (issue 10): at least 90% of error/warning findings true,
at most 1 false error-level finding per 100,000 characters.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS_DEV = REPO.parent / "shared" / "bench" / "news-dev"
LABELS = REPO / "bench" / "labels"
FOLDERS = ("simplified", "traditional", "statistics")
COLUMNS = ("path", "line", "column", "rule", "level", "verdict", "reason")
VERDICTS = {"right": "true", "wrong": "false"}
PRECISION_GOAL = 0.90
FALSE_ERRORS_GOAL = 1.0  # per 100,000 characters


def characters(where: Path) -> int:
    """Non-whitespace characters of a file, or of the .txt files of a folder."""
    files = [where] if where.is_file() else sorted(where.glob("*.txt"))
    return sum(len("".join(p.read_text(encoding="utf-8").split())) for p in files)


def run_check(news_dev: Path, inputs: tuple[str, ...] = FOLDERS) -> list[dict]:
    """Error and warning findings of ``factlint check`` with no rules and no config."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / ".factlint.yaml"
        config.write_text("", encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "factlint", "check", *inputs, "--config", str(config),
             "--format", "json"],
            cwd=news_dev, capture_output=True, text=True, encoding="utf-8")
    if done.returncode not in (0, 1):
        sys.exit(f"factlint check failed ({done.returncode}):\n{done.stderr}")
    return [f for f in json.loads(done.stdout)["findings"]
            if f["level"] in ("error", "warning")]


def read_labels(folder: Path) -> dict[tuple[str, int, int, str], dict[str, str]]:
    labels: dict[tuple[str, int, int, str], dict[str, str]] = {}
    for path in sorted(folder.glob("*.tsv")):
        read_label_file(path, COLUMNS, lambda row: (row["path"], int(row["line"]),
                                                    int(row["column"]), row["rule"]), labels)
    return labels


def read_label_file(path: Path, columns: tuple[str, ...], key_of, labels: dict) -> dict:
    """Add the rows of one label file (``columns``, a ``verdict`` true/false and a
    ``reason``) to ``labels`` under ``key_of(row)``; exit naming the line of a bad row."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        if tuple(reader.fieldnames or ()) != columns:
            sys.exit(f"{path}:1: expected the columns {', '.join(columns)}")
        for number, row in enumerate(reader, start=2):
            # The usage checks' files (bench/usage_findings.py) say right/wrong.
            row["verdict"] = VERDICTS.get(row["verdict"], row["verdict"])
            if row["verdict"] not in ("true", "false") or not (row["reason"] or "").strip():
                sys.exit(f"{path}:{number}: verdict must be true or false (or right or "
                         "wrong), with a reason")
            key = key_of(row)
            if key in labels:
                sys.exit(f"{path}:{number}: {key} is labelled twice")
            labels[key] = row
    return labels


def tally(findings: list[dict], labels: dict, chars: dict[str, int],
          rules: set[str]) -> list[dict]:
    """One row per (rule, folder), per rule over all folders, and for everything
    (``chars`` names the folders, or files, checked)."""
    folders = tuple(chars)
    counts: Counter = Counter()
    groups = {(rule, folder) for rule in rules | {"all"} for folder in (*folders, "all")}
    for finding in findings:
        folder = finding["path"].split("/", 1)[0]
        label = labels.get(_key(finding))
        for group in ((finding["rule"], folder), (finding["rule"], "all"), ("all", folder),
                      ("all", "all")):
            groups.add(group)
            counts[group, "findings"] += 1
            if label is not None:
                counts[group, "labelled"] += 1
                counts[group, label["verdict"]] += 1
                if label["verdict"] == "false" and finding["level"] == "error":
                    counts[group, "false_errors"] += 1
    rows = []
    for rule, folder in sorted(groups, key=lambda g: (g[0] == "all", g[0], g[1] == "all",
                                                      folders.index(g[1]) if g[1] in folders
                                                      else 0)):
        group = (rule, folder)
        size = sum(chars.values()) if folder == "all" else chars[folder]
        labelled = counts[group, "labelled"]
        rows.append({
            "rule": rule, "folder": folder, "characters": size,
            "findings": counts[group, "findings"], "labelled": labelled,
            "true": counts[group, "true"], "false": counts[group, "false"],
            "precision": round(counts[group, "true"] / labelled, 4) if labelled else None,
            "false_errors_per_100k": round(counts[group, "false_errors"] * 100_000 / size, 3),
        })
    return rows


def _key(finding: dict) -> tuple[str, int, int, str]:
    return (finding["path"], finding["line"], finding["column"], finding["rule"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--news-dev", "--root", type=Path, default=NEWS_DEV,
                        help="the folder the inputs and the labels' paths are relative to")
    parser.add_argument("--inputs", nargs="+", default=list(FOLDERS),
                        help="folders or files under the root (default: news-dev's three "
                             "folders); held-out copy: --root ../shared/bench --inputs "
                             "pd1998-sample.txt --labels bench/labels/pd1998")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.news_dev.is_dir():
        sys.exit(f"{args.news_dev} not found")
    inputs = tuple(args.inputs)
    chars = {name: characters(args.news_dev / name) for name in inputs}
    findings = run_check(args.news_dev, inputs)
    labels = read_labels(args.labels)
    # Every rule with a label file is listed, also when it raises nothing now.
    rules = {p.stem for p in args.labels.glob("*.tsv")} | {f["rule"] for f in findings}
    rows = tally(findings, labels, chars, rules)
    raised = {_key(f) for f in findings}
    unlabelled = [f for f in findings if _key(f) not in labels]
    # Info-level labels (usage checks' hints, read by bench/usage_findings.py) are not
    # among the error and warning findings this counts: not stale.
    stale = [key for key, row in labels.items()
             if key not in raised and row["level"] in ("error", "warning")]
    if args.json:
        print(json.dumps({"rows": rows, "unlabelled": unlabelled,
                          "stale_labels": [list(k) for k in stale]},
                         ensure_ascii=False, indent=2))
    else:
        from tabulate import tabulate

        print(f"{args.news_dev.name}: {sum(chars.values()):,} characters "
              f"({', '.join(f'{k} {v:,}' for k, v in chars.items())})\n")
        print(tabulate([[r["rule"], r["folder"], r["findings"], r["labelled"], r["true"],
                         r["false"], "–" if r["precision"] is None else f"{r['precision']:.1%}",
                         f"{r['false_errors_per_100k']:.2f}"] for r in rows],
                       headers=("rule", "folder", "findings", "labelled", "true", "false",
                                "precision", "false errors /100k chars"),
                       disable_numparse=True))
        total = next(r for r in rows if r["rule"] == r["folder"] == "all") if rows else None
        if total:
            met = ((total["precision"] or 0) >= PRECISION_GOAL
                   and total["false_errors_per_100k"] <= FALSE_ERRORS_GOAL)
            print(f"\ngoals (≥ {PRECISION_GOAL:.0%} true, ≤ {FALSE_ERRORS_GOAL:g} false error "
                  f"per 100k chars): {'met' if met else 'NOT met'}")
        for f in unlabelled:
            print(f"unlabelled: {f['path']}\t{f['line']}\t{f['column']}\t{f['rule']}\t"
                  f"{f['level']}\t{f['message']}")
        for key in stale:
            print(f"label no longer raised: {key[0]}:{key[1]}:{key[2]} {key[3]}")
    return 1 if unlabelled else 0


if __name__ == "__main__":
    sys.exit(main())
