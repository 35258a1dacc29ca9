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

``--against DIR`` instead times ``python -m factlint extract`` on the seed in this checkout
and in DIR (another checkout, e.g. the session's start), alternately, each run's CPU time
(user + system of the child, which load on a shared machine disturbs less than the wall
clock) and wall time; the best and the median of ``--runs`` are printed for both.  Python
puts the working directory first on ``sys.path``, so each run imports the factlint of its
own checkout.  The environment is passed as it is: with ``PYTHONDONTWRITEBYTECODE=1``
every run compiles factlint's sources again, as the shell of this machine does.
"""

from __future__ import annotations

import argparse
import json
import os
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


def child_times(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one run of ``cmd`` in ``cwd``."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read() if process.stderr else b""
    if process.returncode not in (0, 1):
        raise SystemExit(f"error: {' '.join(cmd)} in {cwd} exited {process.returncode}:\n"
                         f"{stderr.decode(errors='replace')}")
    return usage.ru_utime + usage.ru_stime, elapsed


def against(other: Path, runs: int, as_json: bool) -> int:
    """This checkout's start against ``other``'s, interleaved (see the module docstring)."""
    cmd = [sys.executable, "-m", "factlint", "extract", str(SEED.relative_to(REPO))]
    checkouts = {"this checkout": REPO, str(other): other.resolve()}
    for where in checkouts.values():
        child_times(cmd, where)  # warm the OS file cache once; not counted
    cpu: dict[str, list[float]] = {name: [] for name in checkouts}
    wall: dict[str, list[float]] = {name: [] for name in checkouts}
    for _ in range(runs):
        for name, where in checkouts.items():
            c, w = child_times(cmd, where)
            cpu[name].append(c)
            wall[name].append(w)
    result = {name: {"cpu_min_s": min(cpu[name]), "cpu_median_s": statistics.median(cpu[name]),
                     "wall_min_s": min(wall[name]),
                     "wall_median_s": statistics.median(wall[name])} for name in checkouts}
    if as_json:
        print(json.dumps({"runs": runs, "command": " ".join(cmd[1:]), "checkouts": result},
                         indent=2))
        return 0
    from tabulate import tabulate

    print(f"python {' '.join(cmd[1:])}, {runs} runs each, alternately; "
          f"PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r}")
    print(tabulate([[name, f"{r['cpu_min_s']:.3f}", f"{r['cpu_median_s']:.3f}",
                     f"{r['wall_min_s']:.3f}", f"{r['wall_median_s']:.3f}"]
                    for name, r in result.items()],
                   headers=["checkout", "CPU best s", "CPU median s", "wall best s",
                            "wall median s"], tablefmt="github", disable_numparse=True))
    return 0


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
    parser.add_argument("--against", type=Path, metavar="DIR",
                        help="compare with the checkout in DIR, CPU and wall, alternately")
    args = parser.parse_args(argv)
    if args.against is not None:
        return against(args.against, args.runs, args.json)

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
