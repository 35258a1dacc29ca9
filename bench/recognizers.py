"""Score factlint against the Recognizers-Text Chinese specs and print a markdown table.

Run by hand (figures go into the README):

    python bench/recognizers.py                      # table for ../shared/bench/recognizers-zh
    python bench/recognizers.py --failures           # also every failed case, one a line
    python bench/recognizers.py --json scores.json   # machine-readable per-file figures

See ``bench/yardstick.py`` for how RT's resolutions are mapped onto factlint's Quantity.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from yardstick import (
    SPEC_FILES,
    failure_lines,
    overall_pass_rate,
    render_table,
    score_all,
)

DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "shared" / "bench" / "recognizers-zh"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", type=Path, default=DEFAULT_ROOT,
                        help="the recognizers-zh folder (default: %(default)s)")
    parser.add_argument("--failures", action="store_true", help="list every failed case")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write per-file figures here")
    args = parser.parse_args(argv)
    try:
        scores = score_all(args.root, files=SPEC_FILES)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(render_table(scores))
    print(f"\noverall pass rate: {100 * overall_pass_rate(scores):.1f}% "
          f"({sum(s.passed for s in scores)}/{sum(s.cases for s in scores)} cases)")
    if args.failures:
        print()
        print("\n".join(failure_lines(scores)))
    if args.json:
        data = [{
            "file": s.name, "cases": s.cases, "passed": s.passed, "entities": s.entities,
            "found": s.found, "same_span": s.same_span, "value_ok": s.value_ok,
            "extra": s.extras, "not_py_cases": s.not_py_cases, "not_py_passed": s.not_py_passed,
        } for s in scores]
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
