"""Cold-start time of the ``factlint extract`` command against a bare interpreter.

Run by hand (not a test); figures go into the README:

    python bench/coldstart.py              # median of 15 runs each
    python bench/coldstart.py --runs 25 --json

Measures, alternately in one run so that machine load affects both alike, the wall time of
``factlint extract seeds/004_e121854575d370ac.txt`` (the installed console script) and of
``python -c pass`` (the interpreter's own floor), then lists the slowest imports of
``python -X importtime -c "import factlint.extract"`` and of the command itself
(``python -X importtime -m factlint extract ...``), which also shows what the run imports
lazily (cn2an, reporters), and counts the modules each imports (a figure the machine's load
cannot move).  Target (issue 2): under 0.25 s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "004_e121854575d370ac.txt"
TARGET_S = 0.25


def console_script() -> str:
    """The ``factlint`` script beside the running interpreter (i.e. in its venv)."""
    script = Path(sys.executable).with_name("factlint")
    if not script.exists():
        raise SystemExit(f"error: {script} not found; install factlint into this environment")
    return str(script)


def wall_time(cmd: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1 = findings, still a full run
        raise SystemExit(f"error: {' '.join(cmd)} exited {done.returncode}:\n"
                         f"{done.stderr.decode(errors='replace')}")
    return elapsed


def import_times(args: list[str], top: int) -> list[tuple[int, int, str]]:
    """(self µs, cumulative µs, module) of the ``top`` slowest imports, by cumulative time."""
    done = subprocess.run([sys.executable, "-X", "importtime", *args],
                          cwd=REPO, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"error: python {' '.join(args)} failed:\n{done.stderr}")
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative_us, name = line.removeprefix("import time:").split("|")
        rows.append((int(self_us), int(cumulative_us), name.rstrip()))
    rows.sort(key=lambda r: r[1], reverse=True)
    return rows[:top]


def modules_imported(args: list[str]) -> int:
    """How many modules ``python args`` imports: a count the machine's load cannot move,
    so a lazily imported module shows even where the times are noisy."""
    done = subprocess.run([sys.executable, "-X", "importtime", *args],
                          cwd=REPO, capture_output=True, text=True)
    return sum(1 for line in done.stderr.splitlines()
               if line.startswith("import time:") and "self [us]" not in line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--top", type=int, default=12, help="import-time rows to show")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    factlint_cmd = [console_script(), "extract", str(SEED.relative_to(REPO))]
    python_cmd = [sys.executable, "-c", "pass"]
    wall_time(factlint_cmd)  # warm the OS file cache once; not counted
    factlint_s, python_s = [], []
    for _ in range(args.runs):
        factlint_s.append(wall_time(factlint_cmd))
        python_s.append(wall_time(python_cmd))
    fl, py = statistics.median(factlint_s), statistics.median(python_s)
    imports = import_times(["-c", "import factlint.extract"], args.top)
    command_imports = import_times(["-m", "factlint", *factlint_cmd[1:]], args.top)
    result = {
        "runs": args.runs, "factlint_median_s": fl, "factlint_min_s": min(factlint_s),
        "python_median_s": py, "python_min_s": min(python_s), "factlint_minus_python_s": fl - py,
        "target_s": TARGET_S, "target_met": fl < TARGET_S,
        "command": " ".join(["factlint", *factlint_cmd[1:]]),
        "imports": [{"module": m, "self_us": s, "cumulative_us": c} for s, c, m in imports],
        "command_imports": [{"module": m, "self_us": s, "cumulative_us": c}
                            for s, c, m in command_imports],
        "command_modules": modules_imported(["-m", "factlint", *factlint_cmd[1:]]),
        "python_modules": modules_imported(["-c", "pass"]),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    from tabulate import tabulate

    print(tabulate([
        [result["command"], f"{fl:.3f}", f"{min(factlint_s):.3f}"],
        ["python -c pass", f"{py:.3f}", f"{min(python_s):.3f}"],
        ["difference", f"{fl - py:.3f}", ""],
    ], headers=[f"command ({args.runs} runs)", "median s", "min s"], tablefmt="github",
        disable_numparse=True))
    print(f"target < {TARGET_S} s: {'met' if fl < TARGET_S else 'NOT met'}")
    print(f"modules imported: {result['command_modules']} by the command, "
          f"{result['python_modules']} by python -c pass\n")
    for title, rows in (("-c 'import factlint.extract'", imports),
                        (f"-m factlint extract {factlint_cmd[2]}", command_imports)):
        print(f"python -X importtime {title}, slowest by cumulative time:")
        print(tabulate([[m.strip(), f"{c / 1000:.1f}", f"{s / 1000:.1f}"] for s, c, m in rows],
                       headers=["module", "cumulative ms", "self ms"], tablefmt="github",
                       disable_numparse=True))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
