"""Peak memory of ``factlint extract`` on a large input, in every output format.

Run by hand (not a test); figures go into the README:

    python bench/extract_memory.py              # 50 MB, as lines and as one line
    python bench/extract_memory.py --mb 10

The input is ../shared/bench/pd1998-sample.txt repeated to ``--mb`` megabytes of UTF-8,
written twice: as the sample's lines, and with every line break removed (one huge line,
the case a document-at-a-time reader cannot split).  Each (input, format) pair is run as
a separate ``factlint extract`` under ``/usr/bin/time -v`` (install it with
``apt-get install time``), output to /dev/null; the table reports the maximum resident
set size and the wall time.  Goal (issue 12): at most 300 MB for 50 MB in every format.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "bench" / "pd1998-sample.txt"
FORMATS = ("table", "csv", "json")


def build(folder: Path, megabytes: float) -> dict[str, Path]:
    text = SAMPLE.read_text(encoding="utf-8")
    copies = max(1, round(megabytes * 1_000_000 / len(text.encode("utf-8"))))
    lines = folder / "lines.txt"
    one_line = folder / "one-line.txt"
    with lines.open("w", encoding="utf-8") as out:
        for _ in range(copies):
            out.write(text)
    flat = text.replace("\n", "")
    with one_line.open("w", encoding="utf-8") as out:
        for _ in range(copies):
            out.write(flat)
    return {"lines": lines, "one line": one_line}


def measure(path: Path, fmt: str) -> tuple[float, float]:
    """(peak RSS in MB, wall seconds) of one run."""
    done = subprocess.run(["/usr/bin/time", "-v", sys.executable, "-m", "factlint", "extract",
                           "--format", fmt, str(path)], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"factlint extract failed ({done.returncode}):\n{done.stderr[-2000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)[1])
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):"
                     r"([\d.]+)", done.stderr)
    seconds = int(wall[1] or 0) * 3600 + int(wall[2]) * 60 + float(wall[3])
    return rss / 1024, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="input size in MB of UTF-8")
    args = parser.parse_args()
    if not SAMPLE.exists():
        raise SystemExit(f"{SAMPLE} is not available")
    with tempfile.TemporaryDirectory() as folder:
        inputs = build(Path(folder), args.mb)
        print(f"| input ({args.mb:g} MB) | format | peak RSS (MB) | wall (s) |")
        print("| --- | --- | ---: | ---: |")
        for name, path in inputs.items():
            size = path.stat().st_size / 1_000_000
            for fmt in FORMATS:
                rss, seconds = measure(path, fmt)
                print(f"| {name} ({size:.1f} MB) | {fmt} | {rss:.0f} | {seconds:.1f} |",
                      flush=True)


if __name__ == "__main__":
    main()
