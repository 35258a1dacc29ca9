"""Time of the pre-commit hook on one staged draft against corpora of growing size.

Run by hand (not a test); figures go into the README:

    python bench/hook.py                 # no corpus, corpora of 1x, 4x, 16x, 64x the sample
    python bench/hook.py --scales 16 64 --consistent
    python bench/hook.py --checkouts /tmp/base5df . --warm-runs 5   # two checkouts, one run

The corpus is ../shared/bench/pd1998-sample.txt cut into files of about 2,000
characters, repeated k times (``.factlint.yaml`` with ``paths: [corpus]`` and no YAML
rules, so the built-in checks run; ``--consistent`` adds a YAML ``consistent`` rule over
the corpus). Each row times ``factlint-hook drafts/draft.txt`` as a separate process
(wall time and CPU time, user + system) three ways: with ``--no-cache`` (every corpus
file extracted, as before; ``--skip-uncached`` leaves it out), cold (the cache is being
filled: extractions and the corpus index), and warm (the next commit), best of
``--warm-runs`` by CPU time.  With ``--checkouts``, each checkout's ``factlint`` is run
(``PYTHONPATH``) on the same corpus, the warm runs of the checkouts interleaved so that
both meet the same load.  The corpus files are dated an hour back, as committed files
are (a file modified within two seconds of being read is not indexed).  The issue's goal:
the hook on one draft under 0.3 s whatever the corpus size (0.25 s at 16x, no growth
worth the name to 64x).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "bench" / "pd1998-sample.txt"
DRAFT = "本报讯 据统计，全国已有7436万多名党员自愿捐款，共捐款76.8亿元。\n"


#: With --consistent: a YAML rule over the whole corpus (what its selectors pick in every
#: file is what the hook's index keeps of it).
CONSISTENT = """\
rules:
  - id: members
    type: consistent
    level: error
    message: 党员人数前后不一
    claim: {subject: 党员}
"""


def build(root: Path, scale: int, consistent: bool = False) -> int:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    (root / "corpus").mkdir()
    (root / "drafts").mkdir()
    (root / "drafts" / "draft.txt").write_text(DRAFT, encoding="utf-8")
    config = "paths: [corpus]\n"
    if consistent:
        (root / "rules").mkdir()
        (root / "rules" / "members.yaml").write_text(CONSISTENT, encoding="utf-8")
        config += "rules: [rules]\n"
    (root / ".factlint.yaml").write_text(config, encoding="utf-8")
    chars = 0
    for copy in range(scale):
        chunk: list[str] = []
        number = 0
        for line in lines:
            chunk.append(line)
            if sum(map(len, chunk)) >= 2000:
                text = "".join(chunk)
                (root / "corpus" / f"{copy:03d}-{number:04d}.txt").write_text(text, "utf-8")
                chars += len(text)
                chunk, number = [], number + 1
    past = time.time() - 3600
    for path in root.rglob("*.txt"):
        os.utime(path, (past, past))
    return chars


#: Byte-compiled modules, as an installed factlint has them: kept out of the checkout, and
#: written even where PYTHONDONTWRITEBYTECODE is set (else every run compiles factlint).
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "PYTHONPYCACHEPREFIX": os.path.join(tempfile.gettempdir(), "factlint-bench-pyc")}


def hook(root: Path, *flags: str, checkout: Path | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one hook run; on a shared machine the CPU time is
    the steadier figure (the wall time also counts waiting for a core)."""
    env = dict(ENV)
    if checkout is not None:
        env["PYTHONPATH"] = str(checkout.resolve())
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "factlint.integrations.hook", *flags,
                           "drafts/draft.txt"], cwd=root, capture_output=True, text=True,
                          env=env)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def _imported_from(checkout: Path) -> None:
    """Refuse a checkout whose ``factlint`` is not the one PYTHONPATH would import."""
    done = subprocess.run([sys.executable, "-c", "import factlint; print(factlint.__file__)"],
                          capture_output=True, text=True, cwd=tempfile.gettempdir(),
                          env={**ENV, "PYTHONPATH": str(checkout.resolve())})
    if not Path(done.stdout.strip()).resolve().is_relative_to(checkout.resolve()):
        raise SystemExit(f"error: {checkout}: factlint imported from {done.stdout.strip()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[0, 1, 4, 16, 64],
                        help="corpus sizes in samples; 0 is the draft alone (what starting "
                             "factlint and reading the draft cost)")
    parser.add_argument("--consistent", action="store_true",
                        help="add a YAML consistent rule over the corpus")
    parser.add_argument("--checkouts", type=Path, nargs="+", default=[None],
                        help="factlint checkouts to compare on the same corpora")
    parser.add_argument("--warm-runs", type=int, default=3,
                        help="warm runs per checkout and corpus (the best by CPU is shown)")
    parser.add_argument("--skip-uncached", action="store_true",
                        help="leave out the --no-cache column (minutes at 64x)")
    args = parser.parse_args()
    for checkout in args.checkouts:
        if checkout is not None:
            _imported_from(checkout)
    named = len(args.checkouts) > 1 or args.checkouts[0] is not None
    alone = Path(tempfile.mkdtemp())
    try:  # byte-compile each checkout once, on the draft alone
        build(alone, 0, args.consistent)
        for checkout in args.checkouts:
            hook(alone, checkout=checkout)
    finally:
        shutil.rmtree(alone)
    print(("| checkout " if named else "") + "| corpus | files | characters | --no-cache wall "
          "/ CPU (s) | cold cache wall / CPU (s) | warm cache wall / CPU (s) |")
    print(("| --- " if named else "") + "| --- | ---: | ---: | ---: | ---: | ---: |")
    for scale in args.scales:
        root = Path(tempfile.mkdtemp())
        try:
            chars = build(root, scale, args.consistent)
            files = len(list((root / "corpus").iterdir()))
            rows = {}
            for checkout in args.checkouts:
                uncached = (None if args.skip_uncached
                            else hook(root, "--no-cache", checkout=checkout))
                rows[checkout] = [uncached, hook(root, checkout=checkout), []]
            for _ in range(args.warm_runs):  # interleaved: both meet the same load
                for checkout in args.checkouts:
                    rows[checkout][2].append(hook(root, checkout=checkout))
            name = f"{scale}× sample" if scale else "draft alone"
            for checkout, (uncached, cold, warm) in rows.items():
                best = min(warm, key=lambda t: t[1])
                cells = " | ".join("–" if t is None else f"{t[0]:.2f} / {t[1]:.2f}"
                                   for t in (uncached, cold, best))
                head = f"| {checkout} " if named else ""
                print(f"{head}| {name} | {files} | {chars:,} | {cells} |", flush=True)
        finally:
            shutil.rmtree(root)


if __name__ == "__main__":
    main()
