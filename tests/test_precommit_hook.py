"""The pre-commit hook: factlint-hook on its own, then through pre-commit try-repo
against this repository, as a user's repository would run it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from factlint.integrations.hook import main

REPO_ROOT = Path(__file__).resolve().parents[1]

RULE = """\
rules:
  - id: party-donors
    type: consistent
    level: error
    message: 捐款党员人数与通稿不符
    claim: {subject: 党员, near: 捐款}
  - id: donations-total
    type: expect
    level: error
    message: 捐款总额与通稿不符
    claim: {kind: money, files: ["old.txt"]}
    expect: 76.8亿元
"""
WIRE = "新华社北京3月10日电 全国已有7436万多名党员自愿捐款，共捐款76.8亿元。\n"
OLD = "旧稿：共捐款86.8亿元。\n"  # an error in the corpus that no draft touches
BAD = "本报讯 据统计，全国已有7346万多名党员自愿捐款。\n"
GOOD = "本报讯 据统计，全国已有7436万多名党员自愿捐款。\n"
OLD_COLUMN = OLD.index("86.8") + 1
BAD_AT = f"drafts/bad.txt:1:{BAD.index('7346') + 1}"

# The line shape of the text report, as the README's editor recipes read it.
VSCODE_REGEXP = r"^([^\s].*?):(\d+):(\d+): (error|warning|info) (\S+) (.*)$"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository of drafts whose factlint config names a corpus the drafts are not in."""
    files = {".factlint.yaml": "paths: [corpus]\nrules: [rules]\n",
             "rules/donors.yaml": RULE, "corpus/wire.txt": WIRE, "corpus/old.txt": OLD,
             "drafts/bad.txt": BAD, "drafts/good.txt": GOOD}
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    return tmp_path


def test_a_draft_contradicting_the_corpus_is_blocked_at_its_figure(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert main(["drafts/bad.txt"]) == 1
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first.startswith(f"{BAD_AT}: error party-donors 捐款党员人数与通稿不符: ")
    assert "  corpus/wire.txt:1:17: related: 7436万多名" in out
    # The corpus's own error (old.txt) is not the draft author's business.
    assert "old.txt" not in out and "donations-total" not in out


def test_a_correct_draft_passes_silently(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert main(["drafts/good.txt"]) == 0
    assert capsys.readouterr().out == ""
    assert main([]) == 0  # pre-commit found nothing to check


def test_a_staged_corpus_file_reports_its_own_findings(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert main(["corpus/old.txt"]) == 1
    assert capsys.readouterr().out.startswith(
        f"corpus/old.txt:1:{OLD_COLUMN}: error donations-total ")


def test_a_bad_config_is_an_error_naming_the_place(project, monkeypatch, capsys):
    (project / ".factlint.yaml").write_text("paths: [corpus]\nrules: [nowhere]\n",
                                            encoding="utf-8")
    monkeypatch.chdir(project)
    assert main(["drafts/good.txt"]) == 2
    assert capsys.readouterr().err.startswith(
        ".factlint.yaml:2:9: no such rules file or folder: 'nowhere'")


def test_the_editor_recipes_read_the_report(project, monkeypatch, capsys):
    """The README's VS Code problem matcher regexp picks the finding line, not the
    related or summary lines, and yields file, line, column, severity, code, message."""
    monkeypatch.chdir(project)
    main(["drafts/bad.txt", "corpus/old.txt"])
    lines = capsys.readouterr().out.splitlines()
    matches = [m for m in map(re.compile(VSCODE_REGEXP).match, lines) if m]
    assert [m.group(1, 2, 3, 4, 5) for m in matches] == [
        ("corpus/old.txt", "1", str(OLD_COLUMN), "error", "donations-total"),
        (*BAD_AT.split(":"), "error", "party-donors"),
    ]


def _vim() -> str | None:
    for name in ("vim", "nvim"):
        for folder in os.environ.get("PATH", "").split(os.pathsep):
            if os.access(os.path.join(folder, name), os.X_OK):
                return os.path.join(folder, name)
    return None


VIM_ERRORFORMAT = r"%f:%l:%c:\ %trror\ %m,%f:%l:%c:\ %tarning\ %m,%f:%l:%c:\ %tnfo\ %m,%-G%.%#"


def _vim_lands_on(project: Path, tmp_path: Path, *flags: str) -> list[str]:
    """Feed the hook's report to real vim with the README's recipe; for each quickfix
    entry, the text from where vim puts the cursor."""
    report = subprocess.run([sys.executable, "-m", "factlint.integrations.hook", *flags,
                             "drafts/bad.txt"], cwd=project, capture_output=True, text=True)
    (tmp_path / "report.txt").write_text(report.stdout, encoding="utf-8")
    script = tmp_path / "read.vim"
    script.write_text(
        "set encoding=utf-8\n"
        f"set errorformat={VIM_ERRORFORMAT}\n"
        f"cgetfile {tmp_path / 'report.txt'}\n"
        "let g:landed = []\n"
        "for i in range(1, len(getqflist()))\n"
        "  execute 'cc ' . i\n"
        "  call add(g:landed, bufname('%') . '|' . line('.') . '|' . "
        "strpart(getline('.'), col('.') - 1))\n"
        "endfor\n"
        f"call writefile(g:landed, '{tmp_path / 'landed.txt'}')\n"
        "qall!\n", encoding="utf-8")
    subprocess.run([_vim(), "-Nu", "NONE", "-es", "-S", str(script)], cwd=project,
                   check=False, timeout=60)
    # errors="replace": a wrong byte column can start inside a character
    return (tmp_path / "landed.txt").read_text(encoding="utf-8", errors="replace").splitlines()


@pytest.mark.skipif(_vim() is None, reason="vim is not installed (apt-get install vim-nox)")
def test_the_vim_recipe_lands_on_the_figure(project, tmp_path):
    path, line, _ = BAD_AT.split(":")
    landed = _vim_lands_on(project, tmp_path, "--columns", "bytes")
    assert landed == [f"{path}|{line}|7346万多名党员自愿捐款。"]
    # Code-point columns, read by vim as byte offsets, land early on a Chinese line.
    early = _vim_lands_on(project, tmp_path)
    assert early != landed and not early[0].endswith("|7346万多名党员自愿捐款。")


def _run_try_repo(project: Path, draft: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SKIP"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO_ROOT), "factlint",
         "--files", draft],
        cwd=project, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.skipif(not (REPO_ROOT / ".git").exists(),
                    reason="pre-commit try-repo needs this repository's git checkout")
def test_pre_commit_try_repo_blocks_a_wrong_draft_and_passes_a_correct_one(project):
    # pre-commit builds a fresh virtualenv and pip-installs this repository into it
    # (about 5 s here, from the package index the machine is configured with).
    pytest.importorskip("pre_commit")
    bad = _run_try_repo(project, "drafts/bad.txt")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert re.search(r"^factlint\.+Failed$", bad.stdout, re.M), bad.stdout
    assert f"\n{BAD_AT}: error party-donors " in bad.stdout

    good = _run_try_repo(project, "drafts/good.txt")
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"^factlint\.+Passed$", good.stdout, re.M), good.stdout


FIXABLE = "本报讯 今年增长3～5万人，其中4千人来自外地。\n"
FIXED = "本报讯 今年增长3万～5万人，其中4000人来自外地。\n"


@pytest.mark.skipif(not (REPO_ROOT / ".git").exists(),
                    reason="pre-commit try-repo needs this repository's git checkout")
def test_pre_commit_factlint_fix_fixes_the_staged_file_and_fails_so_it_is_restaged(project):
    pytest.importorskip("pre_commit")
    draft = project / "drafts" / "fixable.txt"
    draft.write_text(FIXABLE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "SKIP"}

    def try_fix():
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(REPO_ROOT), "factlint-fix",
             "--files", "drafts/fixable.txt"],
            cwd=project, env=env, capture_output=True, text=True, timeout=600)

    first = try_fix()
    assert first.returncode == 1, first.stdout + first.stderr
    assert re.search(r"^factlint fix\.+Failed$", first.stdout, re.M), first.stdout
    assert "drafts/fixable.txt:1:9: fixed usage-range-scale: 3～5万 → 3万～5万" in first.stdout
    assert draft.read_text(encoding="utf-8") == FIXED
    second = try_fix()  # nothing left to fix: the re-staged file passes
    assert second.returncode == 0, second.stdout + second.stderr
    assert re.search(r"^factlint fix\.+Passed$", second.stdout, re.M), second.stdout


@pytest.mark.skipif(not (REPO_ROOT / ".git").exists(),
                    reason="pre-commit try-repo needs this repository's git checkout")
def test_pre_commit_factlint_fix_also_takes_markdown_and_html_and_leaves_word_alone(project):
    """The hook's file types are the ones fix writes: .txt, .md, .html (never .docx)."""
    pytest.importorskip("pre_commit")
    drafts = project / "drafts"
    (drafts / "story.md").write_text("# 稿件\n\n" + FIXABLE, encoding="utf-8")
    (drafts / "story.html").write_text(f"<p>{FIXABLE.strip()}</p>\n", encoding="utf-8")
    (drafts / "story.docx").write_bytes(b"PK\x03\x04 not opened by the fix hook")
    env = {k: v for k, v in os.environ.items() if k != "SKIP"}
    run = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO_ROOT), "factlint-fix",
         "--files", "drafts/story.md", "drafts/story.html", "drafts/story.docx"],
        cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 1, run.stdout + run.stderr
    assert (drafts / "story.md").read_text(encoding="utf-8") == "# 稿件\n\n" + FIXED
    assert (drafts / "story.html").read_text(encoding="utf-8") == f"<p>{FIXED.strip()}</p>\n"
    assert "story.docx" not in run.stdout
