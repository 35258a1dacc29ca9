"""The hook's corpus index: the same findings as reading the whole corpus, while reading
whole only the staged files and their version groups."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from factlint.integrations import hook_index
from factlint.integrations.hook import anchored, concerns, main
from factlint.reporters import render
from factlint.rules import engine
from factlint.rules.engine import run_check
from factlint.settings.config import load_config
from factlint.text import cachefiles

REPO_ROOT = Path(__file__).resolve().parents[1]


def _age(root: Path, seconds: float = 60) -> None:
    """Date every file back, as a corpus committed earlier is (see RACY_SECONDS)."""
    past = time.time() - seconds
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, (past, past))


def _hook(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The files read whole (decoded and extracted, or taken from the extraction cache)."""
    seen: list[str] = []
    real = engine.read_document

    def spy(path, **kwargs):
        seen.append(path.replace(os.sep, "/"))
        return real(path, **kwargs)

    monkeypatch.setattr(engine, "read_document", spy)
    return seen


def _full_check_about(files: list[str], drafts: list[str] = ()) -> str:
    """`factlint check` over the corpus and drafts, keeping what concerns ``files``."""
    config = load_config(".")
    result = run_check(config, drafts=list(drafts))
    wanted = {os.path.normcase(os.path.abspath(path)) for path in files}
    findings = [anchored(f, wanted) for f in result.findings if concerns(f, wanted)]
    return render("text", findings, result.rules) if findings else ""


@pytest.fixture
def seeds(tmp_path: Path, monkeypatch) -> Path:
    shutil.copytree(REPO_ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(REPO_ROOT / "rules", tmp_path / "rules")
    (tmp_path / ".factlint.yaml").write_text(
        "paths: [seeds]\nsources: seeds/sources.yaml\nrules: [rules]\n", encoding="utf-8")
    _age(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_on_the_seeds_the_index_gives_what_reading_everything_gives(seeds, capsys, reads):
    for path in sorted(str(p.relative_to(seeds)) for p in (seeds / "seeds").glob("*.txt")):
        expected = _hook(capsys, "--no-cache", path)
        cold = _hook(capsys, path)
        reads.clear()
        warm = _hook(capsys, path)
        # Warm, only the staged file and the other versions of its article are read.
        group = ["seeds/000_6aef4c9e06e579a7.txt", "seeds/001_c171a1427bcab795.txt",
                 "seeds/002_60e7e1aac05173a9.txt"]
        assert sorted(reads) == (group if path in group else [path]), path
        assert cold == expected == warm, path
        assert expected[1] == _full_check_about([path]), path
    # 001's 4400余名 stays a cross-source error for the commit of 001.
    code, out, _ = _hook(capsys, "seeds/001_c171a1427bcab795.txt")
    assert code == 1 and "4400余名" in out


CORPUS_RULES = """\
rules:
  - id: donors
    type: consistent
    level: error
    message: 捐款党员人数前后不一
    claim: {subject: 党员, near: 捐款}
  - id: wire-total
    type: expect
    level: error
    message: 捐款总额与通稿不符
    claim: {kind: money, near: 捐款, files: ["corpus/wire*.txt"]}
    expect: 76.8亿元
  - id: team
    type: sum
    level: warning
    message: 医疗队总人数与各类人员之和不符
    scope: corpus
    total: {pattern: "医疗队共{n}"}
    parts: [{subject: 医师}, {subject: 护士}]
"""


def _generated(root: Path, articles: int) -> None:
    """A corpus of ``articles`` articles in three versions each, with figures the corpus
    rules pick, a suppression comment, and a version group per article."""
    corpus = root / "corpus"
    corpus.mkdir()
    groups, listed = [], []
    for number in range(articles):
        donors = "7436万多名" if number % 5 else "7346万多名"  # every fifth one is wrong
        body = (f"新华社北京3月{number % 28 + 1}日电 第{number}篇：全国已有{donors}党员自愿捐款，"
                f"共捐款76.8亿元。医疗队共{100 + number}人，其中医师{40 + number}人，"
                f"护士60人。会议持续{number % 7 + 2}天。\n")
        names = []
        for version in range(3):
            text = body if version != 2 else body.replace("护士60人", "护士61人")
            if number == 3 and version == 1:  # a corpus file silencing the rule
                text = "<!-- factlint-disable donors -->\n" + text
            name = f"wire{number:03d}-{version}.txt" if version == 0 else \
                f"copy{number:03d}-{version}.txt"
            (corpus / name).write_text(text, encoding="utf-8")
            names.append(f"corpus/{name}")
            day = f"2020-03-{number % 28 + 1:02d}"
            listed.append(f"  corpus/{name}: {{date: {day}, medium: web}}\n")
        groups.append(f"  - id: a{number}\n    files: [{', '.join(names)}]\n")
    (root / "sources.yaml").write_text("files:\n" + "".join(listed) + "groups:\n"
                                       + "".join(groups),
                                       encoding="utf-8")
    # A file the sources file does not list (it is checked all the same).
    (corpus / "notes.txt").write_text("全国已有7436万名党员捐款。\n", encoding="utf-8")
    (root / "rules").mkdir()
    (root / "rules" / "corpus.yaml").write_text(CORPUS_RULES, encoding="utf-8")
    (root / ".factlint.yaml").write_text(
        "paths: [corpus]\nsources: sources.yaml\nrules: [rules]\n", encoding="utf-8")
    (root / "drafts").mkdir()
    (root / "drafts" / "draft.txt").write_text(
        "本报讯 全国已有7436万多名党员自愿捐款，共捐款76.9亿元。\n", encoding="utf-8")


def test_on_a_generated_corpus_edits_and_deletions_are_seen(tmp_path, monkeypatch, capsys,
                                                             reads):
    _generated(tmp_path, 12)
    _age(tmp_path)
    monkeypatch.chdir(tmp_path)
    staged = [["drafts/draft.txt"], ["corpus/copy004-1.txt"], ["corpus/wire005-0.txt"],
              ["corpus/copy003-1.txt", "drafts/draft.txt"]]

    def same_everywhere(racy: tuple[str, ...] = ()) -> None:
        for files in staged:
            expected = _hook(capsys, "--no-cache", *files)
            cold = _hook(capsys, *files)
            reads.clear()
            warm = _hook(capsys, *files)
            # The article's versions, and files written too recently to be indexed.
            assert len(set(reads) - set(racy)) <= 3 * len(files), (files, reads)
            assert cold == expected == warm, files
            drafts = [path for path in files if path.startswith("drafts/")]
            assert expected[1] == _full_check_about(files, drafts), files

    same_everywhere()
    code, out, _ = _hook(capsys, "drafts/draft.txt")
    assert code == 1 and "corpus/wire000-0.txt" in out  # 7346万多名 in article 0
    # A corpus file edited, one deleted, one added: the index notices each by its stat.
    wire = tmp_path / "corpus" / "wire007-0.txt"
    wire.write_text(wire.read_text(encoding="utf-8").replace("7436万多名", "7436万名"),
                    encoding="utf-8")
    (tmp_path / "corpus" / "notes.txt").unlink()
    (tmp_path / "corpus" / "extra.txt").write_text("全国已有7000万名党员捐款。\n", "utf-8")
    same_everywhere(racy=("corpus/wire007-0.txt", "corpus/extra.txt"))
    _age(tmp_path)  # and once they are old enough to be indexed
    same_everywhere()
    code, out, _ = _hook(capsys, "drafts/draft.txt")
    assert "corpus/extra.txt" in out and "7000万名" in out


def test_a_file_changed_without_its_size_or_time_changing_is_read_again(tmp_path, monkeypatch,
                                                                        capsys):
    _generated(tmp_path, 2)
    _age(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert _hook(capsys, "drafts/draft.txt")[0] == 1
    wire = tmp_path / "corpus" / "wire001-0.txt"
    stat = wire.stat()
    wire.write_text(wire.read_text(encoding="utf-8").replace("7436万", "6436万"), "utf-8")
    os.utime(wire, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime
    code, out, _ = _hook(capsys, "drafts/draft.txt")
    assert "corpus/wire001-0.txt" in out and "6436万" in out  # st_ctime moved: read again


def test_a_file_written_just_now_is_not_indexed(tmp_path, monkeypatch, capsys):
    _generated(tmp_path, 2)
    monkeypatch.chdir(tmp_path)  # every file written within RACY_SECONDS
    _hook(capsys, "drafts/draft.txt")
    folder = tmp_path / ".factlint_cache" / "index"
    assert list(folder.rglob("*.pickle")) == []  # nothing indexed
    _age(tmp_path)
    _hook(capsys, "drafts/draft.txt")
    index = [_stored(path) for path in folder.rglob("*.pickle")]
    assert len(index) == 1 and len(index[0][0]) == 7  # the seven corpus files, not the draft
    names, _, packed, entries = index[0]
    assert len(hook_index.pickle.loads(packed)) == hook_index.STAMP * len(names)
    # An index entry holds the selected sentences alone, not the files' texts.
    entry = entries[names.index("corpus/wire001-0.txt")]
    assert entry.pieces and all(
        seen.text == "" and all(len(s.folded) < 60 for s in seen.sentences)
        for _, seen in entry.pieces)


def _stored(path: Path) -> object:
    """An index file's contents, read as the hook reads it (verified with the user's key)."""
    value = cachefiles.load(str(path), cachefiles.user_key())
    assert value is not None, path
    return value


def test_folders_are_listed_as_pathlib_lists_them(tmp_path, monkeypatch):
    """discover() walks with os.scandir (no stat per file) and must name and order files
    exactly as the Path.rglob it replaced: reports, caches and the index use the names."""
    from factlint.text.files import TEXT_SUFFIXES, discover

    tree = ["a.txt", "a-b.txt", "a/b.txt", "a/B.TXT", "a/c.md", "a/d.json", ".txt", "..txt",
            ".hidden/x.txt", "deep/er/est/y.html", "deep/er/z.docx", "x.txt.bak",
            "folder.txt/w.txt"]
    for name in tree:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("1人", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "deep", target_is_directory=True)
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")

    def by_pathlib(top: str) -> list[str]:
        # rglob, leaving out what is under a hidden folder below ``top``
        return sorted(str(p) for p in Path(top).rglob("*")
                      if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
                      and not any(part.startswith(".") and part not in (".", "..")
                                  for part in p.relative_to(top).parts[:-1]))

    monkeypatch.chdir(tmp_path)
    for top in (".", "./", "a", "a/", str(tmp_path), str(tmp_path) + "//a"):
        assert discover([top]) == by_pathlib(top), top
    assert "linked/er/z.docx" not in discover(["."])  # a linked folder is not followed
    assert "link.txt" in discover(["."]) and "dangling.txt" not in discover(["."])
    assert ".txt" not in discover(["."]) and "..txt" in discover(["."])


def test_folders_that_are_not_copy_are_not_read(tmp_path, monkeypatch):
    """`factlint check .` in a project reads its copy, not the .txt and .md files of its
    git folder, its virtual environment or its caches; a folder named itself is read."""
    from factlint.text.files import discover

    tree = ["copy/a.txt", ".git/description.txt", ".venv/lib/LICENSE.txt",
            "venv/pyvenv.cfg", "venv/lib/site-packages/pkg/README.md",
            "build/cache/CACHEDIR.TAG", "build/cache/old.txt", "build/notes.md",
            ".drafts/b.txt"]
    for name in tree:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("1人", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert discover(["."]) == ["build/notes.md", "copy/a.txt"]
    assert discover([".drafts"]) == [".drafts/b.txt"]
    assert discover(["venv"]) == ["venv/lib/site-packages/pkg/README.md"]
