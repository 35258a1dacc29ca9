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

and reports the best CPU time (``time.process_time``: this process only, so other
work on a shared machine slows the two alike instead of adding to either) of each
and their ratio.  Goal (issue 10): check within 2×
of extract on both inputs (near-linear checks, nothing compared pair by pair).
"""

from __future__ import annotations

import argparse
import json
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--news-dev", type=Path, default=NEWS_DEV)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    texts = articles(args.news_dev)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        config = root / ".factlint.yaml"
        config.write_text("", encoding="utf-8")
        big = root / "one" / "big.txt"
        big.parent.mkdir()
        big.write_text(one_document(texts, 1_000_000), encoding="utf-8")
        small_dir = root / "many"
        small_dir.mkdir()
        for i, doc in enumerate(small_documents(texts, 1000, 1000)):
            (small_dir / f"{i:04}.txt").write_text(doc, encoding="utf-8")
        inputs = {"1 document of 1 MB": [str(big)], "1,000 documents of 1 KB": [str(small_dir)]}
        for name, paths in inputs.items():
            chars = sum(len(p.read_text(encoding="utf-8")) for p in
                        (Path(paths[0]).rglob("*.txt") if Path(paths[0]).is_dir()
                         else [Path(paths[0])]))
            extract_times, check_times = [], []
            for _ in range(args.repeat):
                extract_times.append(time_extract(paths))
                check_times.append(time_check(paths, str(config)))
            extract_s, check_s = min(extract_times), min(check_times)
            results[name] = {"characters": chars, "extract_s": round(extract_s, 3),
                             "check_s": round(check_s, 3),
                             "ratio": round(check_s / extract_s, 2)}
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        for name, r in results.items():
            print(f"{name:24} {r['characters']:>9,} chars  extract {r['extract_s']:.3f} s  "
                  f"check {r['check_s']:.3f} s  ratio {r['ratio']:.2f} (goal ≤ {GOAL:g})")
    return 0 if all(r["ratio"] <= GOAL for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
