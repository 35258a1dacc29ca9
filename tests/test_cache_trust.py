"""The cache folder cannot be poisoned: what this user's factlint did not sign is never
unpickled; damaged entries are rebuilt; concurrent runs are safe; old files are pruned."""

from __future__ import annotations

import os
import pickle
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factlint.corpus import ExtractionCache, code_version, load_corpus
from factlint.integrations.hook import main as hook
from factlint.text import cachefiles

DRAFT = "本报讯 据统计，全国已有7436万多名党员自愿捐款，共捐款76.8亿元。\n"
WIRE = "新华社北京3月1日电 全国已有7436万多名党员自愿捐款，共捐款76.8亿元。\n"


class _Planted:
    """Unpickling this runs ``os.system``: what a hostile ``.factlint_cache/`` holds."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"echo pwned > {self.marker}",))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "corpus").mkdir()
    for number in range(4):
        (tmp_path / "corpus" / f"wire{number}.txt").write_text(WIRE, encoding="utf-8")
    (tmp_path / "draft.txt").write_text(DRAFT.replace("7436万", "7346万"), encoding="utf-8")
    (tmp_path / ".factlint.yaml").write_text(
        "paths: [corpus]\nrules: [rules.yaml]\n", encoding="utf-8")
    (tmp_path / "rules.yaml").write_text(
        "- id: donors\n  type: consistent\n  level: error\n  message: 党员人数前后不一\n"
        "  claim: {subject: 党员}\n", encoding="utf-8")
    past = time.time() - 3600
    for path in tmp_path.rglob("*.txt"):
        os.utime(path, (past, past))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(capsys, *files: str) -> tuple[int, str, str]:
    code = hook(list(files))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _cache_files(root: Path) -> list[Path]:
    return sorted((root / ExtractionCache.NAME).rglob("*.pickle"))


def test_a_planted_pickle_is_never_unpickled(project: Path, capsys) -> None:
    expected = _run(capsys, "--no-cache", "draft.txt")
    assert expected[0] == 1 and "7346万多名" in expected[1]
    assert _run(capsys, "draft.txt") == expected  # the cache and the index are filled
    files = _cache_files(project)
    assert any("/index/" in str(path) for path in files)
    assert any("/extract/" in str(path) for path in files)
    marker = project / "pwned"
    hostile = pickle.dumps(_Planted(marker))
    # As a bare pickle (the old format), and with the header but someone else's HMAC.
    for number, path in enumerate(files):
        fake_mac = bytes(32)
        path.write_bytes(hostile if number % 2 else cachefiles.MAGIC + fake_mac + hostile)
    assert _run(capsys, "draft.txt") == expected
    assert not marker.exists()  # the payload did not run
    # The planted files were replaced by entries this user's factlint signed.
    key = cachefiles.user_key()
    assert all(cachefiles.load(str(path), key) is not None for path in _cache_files(project))


def test_the_planted_payload_would_run_if_unpickled(tmp_path: Path) -> None:
    """The test above can fail: the same bytes, loaded as a pickle, do run the command."""
    marker = tmp_path / "pwned"
    pickle.loads(pickle.dumps(_Planted(marker)))
    assert marker.read_text().strip() == "pwned"


def test_a_cache_signed_with_another_key_is_rebuilt(project: Path, capsys,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path_factory) -> None:
    expected = _run(capsys, "draft.txt")
    before = {path: path.read_bytes() for path in _cache_files(project)}
    # Another user (another key) runs the hook on the same repository: nothing verifies.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("another-user")))
    assert _run(capsys, "draft.txt") == expected
    after = {path: path.read_bytes() for path in _cache_files(project)}
    assert set(after) == set(before)
    assert all(after[path] != before[path] for path in before)  # each one rebuilt


def test_a_tampered_entry_is_rebuilt(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("共有12名党员。", encoding="utf-8")
    cache = ExtractionCache(str(tmp_path / "cache"))
    first, _ = load_corpus([str(tmp_path / "a.txt")], cache=cache)
    [entry] = (tmp_path / "cache").rglob("*.pickle")
    data = bytearray(entry.read_bytes())
    data[-5] ^= 1  # one bit of the pickled document
    entry.write_bytes(bytes(data))
    again, _ = load_corpus([str(tmp_path / "a.txt")], cache=cache)
    assert (cache.hits, cache.misses) == (0, 2)  # not trusted: read and extracted again
    assert again.documents == first.documents
    third, _ = load_corpus([str(tmp_path / "a.txt")], cache=cache)
    assert cache.hits == 1 and third.documents == first.documents  # and stored again


def test_an_entry_renamed_onto_another_does_not_verify(tmp_path: Path) -> None:
    key = b"k" * 32
    one, two = str(tmp_path / "one.pickle"), str(tmp_path / "two.pickle")
    assert cachefiles.dump(one, ("one",), key, str(tmp_path))
    assert cachefiles.load(one, key) == ("one",)
    os.replace(one, two)  # a valid entry under another entry's name
    assert cachefiles.load(two, key) is None
    assert cachefiles.load(two, b"x" * 32) is None


def test_the_key_is_private_and_outside_the_repository(project: Path, capsys) -> None:
    _run(capsys, "draft.txt")
    path = Path(cachefiles.key_path())
    assert path.is_file() and project not in path.parents
    assert os.environ["XDG_CACHE_HOME"] in str(path)  # the test session's, not ~/.cache
    if hasattr(os, "getuid"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(path.read_bytes()) == 32


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_key_others_can_read_is_not_used(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    path = Path(cachefiles.key_path())
    path.parent.mkdir(parents=True)
    path.write_bytes(b"s" * 32)
    path.chmod(0o644)
    assert cachefiles.user_key() is None
    assert "not private to you" in cachefiles.key_problem()
    cache = ExtractionCache(str(tmp_path / "cache"))
    (tmp_path / "a.txt").write_text("共有12名党员。", encoding="utf-8")
    load_corpus([str(tmp_path / "a.txt")], cache=cache)
    assert not list((tmp_path / "cache").rglob("*.pickle"))  # nothing cached without a key


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_the_hook_says_in_one_line_why_it_does_not_cache(project: Path, capsys,
                                                         tmp_path_factory, monkeypatch) -> None:
    expected = _run(capsys, "--no-cache", "draft.txt")
    home = tmp_path_factory.mktemp("shared-home")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    (home / "factlint").mkdir()
    (home / "factlint" / "cache-key").write_bytes(b"s" * 32)
    (home / "factlint" / "cache-key").chmod(0o664)
    code, out, err = _run(capsys, "draft.txt")
    assert (code, out) == expected[:2]
    assert err == (f"factlint-hook: not caching: {home}/factlint/cache-key is not private to "
                   f"you (owner and mode 0600 expected); delete it and factlint makes a new "
                   f"one\n")
    assert _cache_files(project) == []


def test_the_cache_folder_is_ignored_by_git_and_tagged(project: Path, capsys) -> None:
    _run(capsys, "draft.txt")
    folder = project / ExtractionCache.NAME
    assert (folder / ".gitignore").read_text(encoding="utf-8").endswith("\n*\n")
    assert (folder / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith(
        "Signature: 8a477f597d28d172789f06886806bc55")
    assert not [p for p in project.iterdir() if p.name.startswith(".factlint_cache-")]
    done = subprocess.run(["git", "init", "-q", str(project)], capture_output=True)
    if done.returncode == 0:
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"],
                                cwd=project, capture_output=True, text=True).stdout
        assert ".factlint_cache" not in status and "draft.txt" in status


_CONCURRENT = """
import sys
from factlint.integrations.hook import main
sys.exit(main(["draft.txt"]))
"""


def test_concurrent_runs_give_the_same_findings(project: Path) -> None:
    expected = subprocess.run([sys.executable, "-m", "factlint.integrations.hook",
                               "--no-cache", "draft.txt"], capture_output=True, text=True,
                              timeout=300)
    for _ in range(2):  # an empty cache, then a warm one
        runs = [subprocess.Popen([sys.executable, "-c", _CONCURRENT], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for _ in range(4)]
        results = [(run.wait(timeout=300), *run.communicate()) for run in runs]
        assert all(result == (expected.returncode, expected.stdout, expected.stderr)
                   for result in results), results
    key = cachefiles.user_key()
    files = _cache_files(project)
    assert files and all(cachefiles.load(str(path), key) is not None for path in files)
    leftovers = [p for p in (project / ExtractionCache.NAME).rglob(".tmp-*")]
    assert leftovers == []


def test_prune_deletes_unused_files_at_most_once_a_day(tmp_path: Path) -> None:
    root = tmp_path / ExtractionCache.NAME
    key = b"k" * 32
    version = code_version()
    now = time.time()
    day = 86400

    def entry(*parts: str, age_days: float) -> Path:
        path = root.joinpath(*parts)
        assert cachefiles.dump(str(path), parts, key, str(root))
        os.utime(path, (now - age_days * day, now - age_days * day))
        return path

    fresh = entry("extract", version, "aa", "fresh.pickle", age_days=3)
    stale = entry("extract", version, "ab", "stale.pickle", age_days=31)
    other_recent = entry("extract", "0.0.9+old", "aa", "recent.pickle", age_days=1)
    other_old = entry("index", "0.0.9+old", "old.pickle", age_days=3)
    crashed = root / "extract" / version / "aa" / ".tmp-crashed"
    crashed.write_bytes(b"half")
    os.utime(crashed, (now - 7200, now - 7200))
    assert cachefiles.prune(str(root), ("extract", "index"), version, now)
    assert fresh.exists() and other_recent.exists()
    assert not stale.exists() and not other_old.exists() and not crashed.exists()
    assert not (root / "extract" / version / "ab").exists()  # emptied folders go too
    assert not (root / "index" / "0.0.9+old").exists()
    assert (root / ".gitignore").exists() and (root / "CACHEDIR.TAG").exists()
    # Within a day, nothing is walked again.
    os.utime(fresh, (now - 40 * day, now - 40 * day))
    assert not cachefiles.prune(str(root), ("extract", "index"), version, now + 3600)
    assert fresh.exists()
    assert cachefiles.prune(str(root), ("extract", "index"), version, now + day + 1)
    assert not fresh.exists()


def test_a_used_entry_is_marked_used(tmp_path: Path) -> None:
    key = b"k" * 32
    path = tmp_path / "cache" / "entry.pickle"
    assert cachefiles.dump(str(path), "value", key, str(tmp_path / "cache"))
    old = time.time() - 10 * 86400
    os.utime(path, (old, old))
    assert cachefiles.load(str(path), key) == "value"
    assert path.stat().st_mtime > time.time() - 60  # so prune keeps what is still read


def test_the_hook_prunes_another_versions_files(project: Path, capsys) -> None:
    expected = _run(capsys, "draft.txt")
    folder = project / ExtractionCache.NAME
    old = folder / "extract" / "0.0.9+old" / "aa" / "entry.pickle"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"from an older factlint")
    legacy = folder / "index" / "0123456789abcdef.pickle"  # the layout before versions
    legacy.write_bytes(b"old index")
    three_days_ago = time.time() - 3 * 86400
    for path in (old, legacy, folder / cachefiles.PRUNED_MARK):
        os.utime(path, (three_days_ago, three_days_ago))
    assert _run(capsys, "draft.txt") == expected
    assert not old.exists() and not legacy.exists()
    assert not (folder / "extract" / "0.0.9+old").exists()
    assert cachefiles.load(str(_cache_files(project)[0]), cachefiles.user_key()) is not None
