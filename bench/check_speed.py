"""Speed of ``factlint check`` (built-in checks, no rules) against extraction alone.

Run by hand (not a test); figures go into the README:

    python bench/check_speed.py            # best of 3, alternating
    python bench/check_speed.py --repeat 5 --json

Builds two inputs from the articles of ``../shared/bench/news-dev`` (in file order) and
writes them to a temporary folder:

* **one document** of about 1,000,000 characters (articles joined by blank lines, each
  keeping its title), and
* **1,000 documents** of about 1,000 characters each (articles cut at paragraph ends).

For each input, alternately so that machine load affects both alike, it times

* ``extract``: reading every file into a Document (decode, sentences, quantities),
  which is what ``factlint extract`` does, and
* ``check``: :func:`factlint.rules.engine.run_check` with an empty config (the same
  reading, then every built-in check and sorting),

With ``--compare CHECKOUT`` (another checkout of factlint, e.g. a ``git worktree`` of
main, or an exported commit) each measurement runs in a fresh interpreter, alternately
for this checkout and for CHECKOUT, so that before and after are taken in one run at
the same load::

    python bench/check_speed.py --compare /tmp/base --repeat 3
    python bench/check_speed.py --compare /tmp/base --repeat 3 --rules   # and per check

It reports the best CPU time (``time.process_time``: this process only, so other
work on a shared machine slows the two alike instead of adding to either) of each
and their ratio.  With ``--rules`` each measurement also times every check in one more
``check`` run (the engine's scoped call of each rule on each document) and the costliest
are listed, best of the repeats: where the checks' own cost goes.  Goal (issue 10): check
within 2× of extract on both inputs (near-linear checks, nothing compared pair by pair).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS_DEV = REPO.parent / "shared" / "bench" / "news-dev"
GOAL = 2.0


def articles(news_dev: Path) -> list[str]:
    return [p.read_text(encoding="utf-8").strip()
            for folder in ("simplified", "traditional", "statistics")
            for p in sorted((news_dev / folder).glob("*.txt"))]


def one_document(texts: list[str], size: int) -> str:
    parts, total = [], 0
    for text in texts * 2:
        if total >= size:
            break
        parts.append(text)
        total += len(text) + 2
    return "\n\n".join(parts)[:size].rsplit("\n\n", 1)[0] + "\n"


def small_documents(texts: list[str], count: int, size: int) -> list[str]:
    docs: list[str] = []
    for text in texts * 2:
        paragraphs, current = text.split("\n\n"), ""
        for paragraph in paragraphs:
            current = f"{current}\n\n{paragraph}" if current else paragraph
            if len(current) >= size:
                docs.append(current[:size * 2] + "\n")
                current = ""
                if len(docs) == count:
                    return docs
    return docs


def time_extract(paths: list[str]) -> float:
    from factlint.corpus import load_corpus

    start = time.process_time()
    corpus, errors = load_corpus(paths)
    assert not errors and corpus.documents
    return time.process_time() - start


def time_check(paths: list[str], config_file: str) -> float:
    from factlint.rules.engine import run_check
    from factlint.settings.config import load_config

    start = time.process_time()
    config = load_config(".", config_path=config_file, overrides={"paths": paths})
    run_check(config)
    return time.process_time() - start


def time_rules(paths: list[str], config_file: str) -> dict[str, float]:
    """CPU seconds of each check in one more ``check`` run: the engine's scoped call of
    every rule on every document, timed (a run of its own, so that the timing wrapper
    does not weigh on ``check_s``)."""
    from factlint.rules import engine

    scoped = engine.check_scoped
    spent: dict[str, float] = {}

    def timed(rule, corpus, ctx, check, module=None):  # noqa: ANN001, ANN202 - engine's
        start = time.process_time()
        try:
            return scoped(rule, corpus, ctx, check, module)
        finally:
            spent[rule.id] = spent.get(rule.id, 0.0) + time.process_time() - start

    engine.check_scoped = timed
    try:
        time_check(paths, config_file)
    finally:
        engine.check_scoped = scoped
    return spent


def child(paths: list[str], config_file: str, by_rule: bool = False) -> dict[str, object]:
    """One warmed-up measurement of extract and check, in this interpreter (and, with
    ``by_rule``, of each check: :func:`time_rules`)."""
    time_extract(paths)
    time_check(paths, config_file)  # imports the checks
    result: dict[str, object] = {"extract_s": time_extract(paths),
                                 "check_s": time_check(paths, config_file)}
    if by_rule:
        result["rules_s"] = time_rules(paths, config_file)
    return result


def in_child(checkout: Path, paths: list[str], config_file: str,
             by_rule: bool = False) -> dict:
    """:func:`child` in a fresh interpreter that imports factlint from ``checkout``."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    flag = ["--child-rules"] if by_rule else ["--child"]
    done = subprocess.run([sys.executable, __file__, *flag, config_file, *paths],
                          capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout)


def write_inputs(root: Path, news_dev: Path) -> tuple[Path, dict[str, list[str]]]:
    """The two inputs (and an empty config) under ``root``."""
    texts = articles(news_dev)
    config = root / ".factlint.yaml"
    config.write_text("", encoding="utf-8")
    big = root / "one" / "big.txt"
    big.parent.mkdir()
    big.write_text(one_document(texts, 1_000_000), encoding="utf-8")
    small_dir = root / "many"
    small_dir.mkdir()
    for i, doc in enumerate(small_documents(texts, 1000, 1000)):
        (small_dir / f"{i:04}.txt").write_text(doc, encoding="utf-8")
    return config, {"1 document of 1 MB": [str(big)], "1,000 documents of 1 KB": [str(small_dir)]}


def main() -> int:
    if sys.argv[1:2] in (["--child"], ["--child-rules"]):
        print(json.dumps(child(sys.argv[3:], sys.argv[2], sys.argv[1] == "--child-rules")))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--news-dev", type=Path, default=NEWS_DEV)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--compare", type=Path, metavar="CHECKOUT",
                        help="also measure this checkout, alternately (before/after)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--rules", type=int, nargs="?", const=6, metavar="N",
                        help="also time each check (one more check run per measurement) "
                             "and list the N costliest (default 6), best of the repeats")
    args = parser.parse_args()
    versions = {"this checkout": REPO}
    if args.compare is not None:
        versions["compared"] = args.compare.resolve()
    results: dict[str, dict[str, dict]] = {version: {} for version in versions}
    with tempfile.TemporaryDirectory() as tmp:
        config, inputs = write_inputs(Path(tmp), args.news_dev)
        for name, paths in inputs.items():
            chars = sum(len(p.read_text(encoding="utf-8")) for p in
                        (Path(paths[0]).rglob("*.txt") if Path(paths[0]).is_dir()
                         else [Path(paths[0])]))
            times: dict[str, list[dict[str, float]]] = {version: [] for version in versions}
            for _ in range(args.repeat):
                for version, checkout in versions.items():
                    if args.compare is None:  # in this interpreter, as before
                        measured: dict = {"extract_s": time_extract(paths),
                                          "check_s": time_check(paths, str(config))}
                        if args.rules:
                            measured["rules_s"] = time_rules(paths, str(config))
                        times[version].append(measured)
                    else:
                        times[version].append(in_child(checkout, paths, str(config),
                                                       bool(args.rules)))
            for version in versions:
                extract_s = min(t["extract_s"] for t in times[version])
                check_s = min(t["check_s"] for t in times[version])
                results[version][name] = {
                    "characters": chars, "extract_s": round(extract_s, 3),
                    "check_s": round(check_s, 3), "ratio": round(check_s / extract_s, 2)}
                if args.rules:
                    rules_s: dict[str, float] = {}
                    for t in times[version]:
                        for rule, spent in t["rules_s"].items():
                            rules_s[rule] = min(rules_s.get(rule, spent), spent)
                    results[version][name]["rules_s"] = {
                        rule: round(spent, 3) for rule, spent in
                        sorted(rules_s.items(), key=lambda item: (-item[1], item[0]))}
    if args.json:
        print(json.dumps(results if args.compare else results["this checkout"],
                         ensure_ascii=False, indent=2))
    else:
        for version, by_input in results.items():
            if args.compare is not None:
                print(f"{version} ({versions[version]}):")
            for name, r in by_input.items():
                print(f"{name:24} {r['characters']:>9,} chars  extract {r['extract_s']:.3f} s  "
                      f"check {r['check_s']:.3f} s  ratio {r['ratio']:.2f} (goal ≤ {GOAL:g})")
                if args.rules:
                    costliest = list(r["rules_s"].items())[:args.rules]
                    print("    checks: " + ", ".join(f"{rule} {spent:.3f} s"
                                                  for rule, spent in costliest)
                          + f"; all {sum(r['rules_s'].values()):.3f} s")
    return 0 if all(r["ratio"] <= GOAL for r in results["this checkout"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
