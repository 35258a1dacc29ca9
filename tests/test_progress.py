"""Progress bars on every command that reads files: on a terminal only, never in a pipe,
under CI or with --quiet; and the report itself is the same with or without one."""

from __future__ import annotations

import fcntl
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from factlint.cli import main
from factlint.reporters import progress

from .fake_terminal import Terminal

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO_ROOT / "seeds").glob("*.txt"))



@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    shutil.copytree(REPO_ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / ".factlint.yaml").write_text(
        "paths: [seeds]\nsources: seeds/sources.yaml\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    monkeypatch.setattr(progress, "DELAY", 0)
    monkeypatch.setattr(progress, "MIN_INTERVAL", 0)  # redraw on every update
    return tmp_path


def _run(monkeypatch, capsys, *argv: str) -> tuple[int, str, str]:
    """Run the CLI with stderr a terminal; (exit status, stdout, what the terminal got)."""
    terminal = Terminal()
    capsys.readouterr()
    monkeypatch.setattr(sys, "stderr", terminal)
    try:
        code = main(list(argv))
    finally:
        monkeypatch.setattr(sys, "stderr", sys.__stderr__)
    return code, capsys.readouterr().out, "".join(terminal.written)


COMMANDS = [
    ("extract", ["extract", "seeds"], "/5 files"),
    ("diff", ["diff", "seeds/000_6aef4c9e06e579a7.txt", "seeds/001_c171a1427bcab795.txt"],
     "comparing"),
    ("fix", ["fix", "--diff", "seeds"], "/5 files"),
    ("ledger add", ["ledger", "add", "--ledger", "ledger.sqlite", "seeds"], "storing"),
]


@pytest.mark.parametrize(("name", "argv", "shown"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_long_command_shows_a_bar_on_a_terminal(project, monkeypatch, capsys, name, argv,
                                                  shown):
    code, out, terminal = _run(monkeypatch, capsys, *argv)
    assert "reading" in terminal and "B/s" in terminal, terminal  # bytes, rate and ETA
    assert shown in terminal, terminal
    if name == "ledger add":
        (project / "ledger.sqlite").unlink()
    # --quiet: the same output, no bar.
    quiet_code, quiet_out, quiet_terminal = _run(monkeypatch, capsys, *argv[:1], "--quiet",
                                                 *argv[1:]) if name != "ledger add" else \
        _run(monkeypatch, capsys, "ledger", "add", "--quiet", *argv[2:])
    assert (quiet_code, quiet_out) == (code, out)
    assert "reading" not in quiet_terminal and "\r" not in quiet_terminal
    # Under CI, no bar either.
    monkeypatch.setenv("CI", "true")
    if name == "ledger add":
        (project / "ledger.sqlite").unlink()
    _, ci_out, ci_terminal = _run(monkeypatch, capsys, *argv)
    assert ci_out == out and "reading" not in ci_terminal


def test_extract_of_a_large_file_moves_the_bar_chunk_by_chunk(project, monkeypatch, capsys):
    from factlint.commands import extract

    monkeypatch.setattr(extract.extract_chunked, "__defaults__", (2000,))  # size=
    big = project / "big.txt"
    big.write_text("".join(p.read_text(encoding="utf-8") for p in SEEDS), encoding="utf-8")
    updates = []
    real = progress.Progress.part_done
    monkeypatch.setattr(progress.Progress, "part_done",
                        lambda self, path, fraction: (updates.append(fraction),
                                                      real(self, path, fraction)))
    code, _, terminal = _run(monkeypatch, capsys, "extract", "--format", "csv", "big.txt")
    assert code == 0 and "1/1 files" in terminal
    assert len(updates) > 10 and updates == sorted(updates) and 0.9 < updates[-1] <= 1


def _in_a_pty(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, bytes, bytes]:
    """Run ``python -c`` with stderr on a real pseudo-terminal; (status, stdout, terminal)."""
    leader, follower = pty.openpty()
    # A fresh pseudo-terminal is 0 columns wide, where tqdm draws nothing; a real one is not.
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    done = subprocess.run([sys.executable, "-c", *args], cwd=cwd, stdout=subprocess.PIPE,
                          stderr=follower, env=env, timeout=300)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return done.returncode, done.stdout, shown


SHORT_DELAY = ("import sys; from factlint.reporters import progress; progress.DELAY = 0; "
               "from factlint.cli import main; sys.exit(main(sys.argv[1:]))")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_on_a_real_terminal_the_bar_shows_and_the_report_stays_clean(project):
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["TERM"] = "xterm"
    for argv in (["extract", "--format", "json", "seeds"],
                 ["diff", "seeds/000_6aef4c9e06e579a7.txt", "seeds/002_60e7e1aac05173a9.txt"]):
        code, out, shown = _in_a_pty([SHORT_DELAY, *argv], project, env)
        assert b"reading" in shown, shown
        piped = subprocess.run([sys.executable, "-m", "factlint", *argv], cwd=project,
                               capture_output=True, env=env, timeout=300)
        assert (piped.returncode, piped.stdout) == (code, out)
        assert b"reading" not in piped.stderr  # a pipe gets no bar
