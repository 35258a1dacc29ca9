"""CPU time of each built-in check but ``restatement`` and ``cross-source``, on the two
inputs of ``bench/check_speed.py``: what the checks cost apart from reading and apart
from each other.

Run by hand (not a test); figures go into the README::

    python bench/check_costs.py --repeat 3
    python bench/check_costs.py --compare /tmp/base --repeat 3   # another checkout too

Each document is read first (not timed); then, as the engine runs them, every check is
run on one document before the next, with the headlines and periods it shares with other
checks computed afresh for each document (so ``total-vs-parts``, the first to ask, carries
them), the cyclic collector paused.  Prints the best of ``--repeat`` runs of each check,
summed: all of them, the usage checks, and the others one by one.  Each checkout is
measured ``--rounds`` times in a fresh interpreter; with ``--compare``, alternately with
the other checkout, in one run.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SKIPPED = ("restatement", "cross-source")


def costs(paths: list[str], repeat: int) -> dict[str, float]:
    """Best CPU time of each check over the documents of ``paths``."""
    from factlint.claims import headline
    from factlint.corpus import load_corpus
    from factlint.model import Corpus
    from factlint.rules import CheckContext, _passages, builtin_module, engine

    corpus, _ = load_corpus(paths)
    rules = [rule for rule in engine.builtin_rules() if rule.id not in SKIPPED]
    modules = [builtin_module(rule.type) for rule in rules]
    ctx = CheckContext()
    best: dict[str, float] = {}
    gc.disable()
    try:
        for _ in range(repeat):
            spent = dict.fromkeys((rule.id for rule in rules), 0.0)
            for document in corpus.documents:
                headline._last = None  # computed afresh for each document
                for name in ("_CACHE",):  # the per-document cache of earlier checkouts
                    if hasattr(_passages, name):
                        getattr(_passages, name).clear()
                if hasattr(_passages, "_last"):
                    _passages._last = None
                alone = Corpus((document,))
                for rule, module in zip(rules, modules, strict=True):
                    start = time.process_time()
                    list(module.check(rule, alone, ctx))
                    spent[rule.id] += time.process_time() - start
            for rule_id, seconds in spent.items():
                best[rule_id] = min(best.get(rule_id, seconds), seconds)
    finally:
        gc.enable()
    return best


def summary(best: dict[str, float]) -> dict[str, float]:
    usage = sum(v for k, v in best.items() if k.startswith("usage-"))
    return {"all": round(sum(best.values()), 3), "usage": round(usage, 3),
            **{k: round(v, 3) for k, v in best.items() if not k.startswith("usage-")}}


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(costs(sys.argv[3:], int(sys.argv[2]))))
        return 0
    sys.path.insert(0, str(REPO / "bench"))
    from check_speed import NEWS_DEV, write_inputs

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--news-dev", type=Path, default=NEWS_DEV)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2,
                        help="fresh interpreters per checkout and input, alternately")
    parser.add_argument("--compare", type=Path, metavar="CHECKOUT")
    args = parser.parse_args()
    versions = {"this checkout": REPO}
    if args.compare is not None:
        versions["compared"] = args.compare.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        _, inputs = write_inputs(Path(tmp), args.news_dev)
        for name, paths in inputs.items():
            best: dict[str, dict[str, float]] = {version: {} for version in versions}
            for _ in range(args.rounds):  # alternately, so that load affects both alike
                for version, checkout in versions.items():
                    env = {**os.environ, "PYTHONPATH": str(checkout)}
                    done = subprocess.run(
                        [sys.executable, __file__, "--child", str(args.repeat), *paths],
                        capture_output=True, text=True, env=env, check=True)
                    for rule_id, seconds in json.loads(done.stdout).items():
                        kept = best[version]
                        kept[rule_id] = min(kept.get(rule_id, seconds), seconds)
            for version in versions:
                found = summary(best[version])
                shown = "  ".join(f"{k} {v:.3f}" for k, v in found.items())
                print(f"{name:24} {version:14} {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
