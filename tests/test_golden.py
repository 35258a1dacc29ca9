"""Reports on the seeds, byte for byte: a change that moves code must not move output.

The files in tests/data/golden/ are what factlint printed on the seeds.  A change that is
meant to change a report (a new reading, a new check) regenerates them on purpose with
``FACTLINT_UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and the diff of those files
shows, in review, exactly which figures and findings it changed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factlint.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "data" / "golden"
OLD, NEW = "seeds/002_60e7e1aac05173a9.txt", "seeds/001_c171a1427bcab795.txt"

RUNS = {
    "extract.json": (["extract", "seeds/", "--format", "json"], 0),
    "check.json": (["check", "seeds/", "--format", "json"], 1),
    "check.txt": (["check", "seeds/", "--format", "text"], 1),
    "check.sarif": (["check", "seeds/", "--format", "sarif"], 1),
    "diff.json": (["diff", OLD, NEW, "--format", "json"], 1),
}


@pytest.mark.parametrize("name", sorted(RUNS))
def test_report_is_byte_identical(name: str, capsysbinary: pytest.CaptureFixture[bytes],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    argv, status = RUNS[name]
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert main(argv) == status
    out = capsysbinary.readouterr().out
    if os.environ.get("FACTLINT_UPDATE_GOLDEN") == "1":
        (GOLDEN / name).write_bytes(out)
    assert out == (GOLDEN / name).read_bytes(), (
        f"factlint {' '.join(argv)} no longer prints tests/data/golden/{name}; if the change "
        "is meant, regenerate with FACTLINT_UPDATE_GOLDEN=1 and review the diff")
