"""The README's editor recipes, tried with the real editors where this machine has them.

Neovim (Debian package ``neovim``) runs headless: it opens a Markdown draft, starts
``factlint lsp`` as the README's recipe does and writes the diagnostics it received.
Without Neovim the test skips, saying so (``apt-get install neovim`` brings it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parent / "data" / "editors" / "neovim_headless.lua"
LINE_BEFORE = "据统计，截至3月9日，全国已有"


@pytest.mark.skipif(shutil.which("nvim") is None,
                    reason="Neovim is not installed (apt-get install neovim)")
def test_neovim_receives_factlint_diagnostics(tmp_path: Path) -> None:
    pytest.importorskip("pygls", reason="pygls is not installed (pip install 'factlint[lsp]')")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "wire.md").write_text(
        f"# 全国7436万多名党员自愿捐款\n\n{LINE_BEFORE}7346万多名党员自愿捐款。\n",
        encoding="utf-8")
    (tmp_path / ".factlint.yaml").write_text("paths: [news]\n", encoding="utf-8")
    out = tmp_path / "diagnostics.txt"
    env = {**os.environ, "FACTLINT_ROOT": str(tmp_path), "FACTLINT_OUT": str(out),
           "FACTLINT_PYTHON": sys.executable}
    subprocess.run(["nvim", "--headless", "-u", "NONE", "-i", "NONE", "-n", "-S", str(SCRIPT)],
                   env=env, check=True, timeout=120, stdin=subprocess.DEVNULL,
                   capture_output=True)
    (line,) = out.read_text(encoding="utf-8").splitlines()
    # Neovim turns the server's UTF-16 columns into byte columns of the UTF-8 line.
    start = len(LINE_BEFORE.encode("utf-8"))
    end = start + len("7346万多名".encode())
    assert line.startswith(f"2:{start}:{end}:restatement:标题说7436万多名，正文第1段说7346万多名")
