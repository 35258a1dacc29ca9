"""The texts the tests read as copy: every phrase of tests/data/phrases.tsv and negatives.tsv
and every seed, as written (for tests that hold a shortcut to the long way on all of them)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def phrases_and_seeds() -> list[str]:
    """Every phrase of tests/data/*.tsv (``\\n`` written as a line break) and every seed."""
    texts = []
    for name in ("phrases.tsv", "negatives.tsv"):
        for line in (ROOT / "tests" / "data" / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                texts.append(line.split("\t")[0].replace("\\n", "\n"))
    texts += [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    return texts
