"""Time of the pre-commit hook on one staged draft against corpora of growing size.

Run by hand (not a test); figures go into the README:

    python bench/hook.py                 # no corpus, corpora of 1x, 4x, 16x the sample
    python bench/hook.py --scales 1 4

The corpus is ../shared/bench/pd1998-sample.txt cut into files of about 2,000
characters, repeated k times (``.factlint.yaml`` with ``paths: [corpus]`` and no YAML
rules, so the built-in checks run). Each row times ``factlint-hook drafts/draft.txt`` as
a separate process (wall time and CPU time, user + system) three ways: with
``--no-cache`` (every corpus file extracted, as before), cold (the cache is being
filled: extractions and the corpus index), and warm (the next commit), best of three for
the warm run.  The corpus files are dated an hour back, as committed files are (a file
modified within two seconds of being read is not indexed).  The issue's goal: the hook on
one draft under 0.3 s whatever the corpus size.
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


def hook(root: Path, *flags: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one hook run; on a shared machine the CPU time is
    the steadier figure (the wall time also counts waiting for a core)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "factlint.integrations.hook", *flags,
                           "drafts/draft.txt"], cwd=root, capture_output=True, text=True,
                          env=ENV)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[0, 1, 4, 16],
                        help="corpus sizes in samples; 0 is the draft alone (what starting "
                             "factlint and reading the draft cost)")
    parser.add_argument("--consistent", action="store_true",
                        help="add a YAML consistent rule over the corpus")
    args = parser.parse_args()
    print("| corpus | files | characters | --no-cache wall / CPU (s) | cold cache wall / CPU "
          "(s) | warm cache wall / CPU (s) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for scale in args.scales:
        root = Path(tempfile.mkdtemp())
        try:
            chars = build(root, scale, args.consistent)
            if scale == 0:
                hook(root)  # byte-compile factlint once
            files = len(list((root / "corpus").iterdir()))
            uncached = hook(root, "--no-cache")
            cold = hook(root)
            warm = min((hook(root) for _ in range(3)), key=lambda t: t[1])
            cells = " | ".join(f"{wall:.2f} / {cpu:.2f}" for wall, cpu in (uncached, cold, warm))
            name = f"{scale}× sample" if scale else "draft alone"
            print(f"| {name} | {files} | {chars:,} | {cells} |", flush=True)
        finally:
            shutil.rmtree(root)


if __name__ == "__main__":
    main()
