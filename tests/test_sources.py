"""The sources file: loading, validation errors, year lookup, and the seeds' own file."""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint.model import SourceInfo, VersionGroup
from factlint.settings.sources import load_sources, normalize_path, source_for, year_for
from factlint.settings.yamlload import ConfigError

from .shared_data import shared_path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """corpus/a.txt, corpus/b.txt, corpus/web/c.txt; cwd is tmp_path."""
    folder = tmp_path / "corpus"
    (folder / "web").mkdir(parents=True)
    for name in ("a.txt", "b.txt", "web/c.txt"):
        (folder / name).write_text("新华社北京2月16日电\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


GOOD = """\
files:
  a.txt:
    title: 沧海横流显本色
    publisher: 人民日报
    date: 2020-02-16
    medium: print-ocr
  ./web/c.txt: {medium: web, date: 2020-02}
  b.txt:
    medium: web
groups:
  - id: feature
    files: [a.txt, web/c.txt]
    preferred: web/c.txt
"""


def write(corpus: Path, text: str) -> str:
    (corpus / "sources.yaml").write_text(text, encoding="utf-8")
    return "corpus/sources.yaml"


def test_loads_files_in_order_with_paths_joined_to_the_sources_folder(corpus: Path) -> None:
    sources, groups = load_sources(write(corpus, GOOD))
    assert sources == (
        SourceInfo("corpus/a.txt", "沧海横流显本色", "人民日报", "2020-02-16", "print-ocr"),
        SourceInfo("corpus/web/c.txt", date="2020-02", medium="web"),
        SourceInfo("corpus/b.txt", medium="web"),
    )
    assert groups == (VersionGroup("feature", ("corpus/a.txt", "corpus/web/c.txt"),
                                   preferred="corpus/web/c.txt"),)


def test_year_for_matches_however_the_path_is_spelt(corpus: Path) -> None:
    sources, _ = load_sources(write(corpus, GOOD))
    assert year_for("corpus/a.txt", sources) == 2020
    assert year_for("./corpus/web/../a.txt", sources) == 2020
    assert year_for(str(corpus / "a.txt"), sources) == 2020  # absolute
    assert year_for("corpus/b.txt", sources) is None  # listed, no date
    assert year_for("corpus/unlisted.txt", sources) is None
    assert source_for("corpus/web/c.txt", sources).medium == "web"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("files:\n  a.txt:\n    medium: web\n    titel: x\n",
         "4:5: unknown key 'titel' in file 'a.txt'; did you mean 'title'?"),
        ("files:\n  a.txt:\n    medium: paper\n",
         "3:13: file 'a.txt': medium must be one of print-ocr, web, not 'paper'"),
        ("files:\n  a.txt:\n    title: x\n",
         "3:5: file 'a.txt': missing required key 'medium'"),
        ("files:\n  a.txt: {medium: web, date: 2020-02-30}\n",
         "2:30: file 'a.txt': date '2020-02-30' is not a real date (day is out of range "
         "for month)"),
        ("files:\n  a.txt: {medium: web, date: 16/02/2020}\n",
         "2:30: file 'a.txt': date '16/02/2020' is not an ISO date (YYYY-MM-DD, or YYYY-MM "
         "or YYYY when less is known)"),
        ("files:\n  a.txt: {medium: web, date: 2020-13}\n",
         "2:30: file 'a.txt': date '2020-13' has no such month"),
        ("files:\n  a.txt: {medium: web}\n  d.txt: {medium: web}\n",
         "3:3: file 'd.txt': no such file 'corpus/d.txt'"),
        ("files:\n  a.txt: {medium: web}\n  ./a.txt: {medium: web}\n",
         "3:3: file './a.txt' is the same file as 'a.txt'"),
        ("files:\n  a.txt: {medium: web}\n  b.txt: {medium: web}\ngroups:\n"
         "  - id: g\n    files: [a.txt, b.txt, web/c.txt]\n",
         "6:27: group 'g': file 'web/c.txt' is not listed under 'files'"),
        ("files:\n  a.txt: {medium: web}\n  b.txt: {medium: web}\ngroups:\n"
         "  - id: g\n    files: [a.txt, b.txt]\n    preferred: c.txt\n",
         "7:16: group 'g': preferred file 'c.txt' is not one of the group's files"),
        ("files:\n  a.txt: {medium: web}\n  b.txt: {medium: web}\ngroups:\n"
         "  - id: g\n    files: [a.txt]\n",
         "6:12: group 'g': a version group needs at least two files"),
        ("files:\n  a.txt: {medium: web}\n  b.txt: {medium: web}\ngroups:\n"
         "  - {id: g, files: [a.txt, b.txt]}\n  - {id: h, files: [b.txt, a.txt]}\n",
         "6:21: group 'h': file 'b.txt' is already in group 'g'"),
        ("files:\n  a.txt: {medium: web}\ngroups:\n  - files: [a.txt]\n",
         "4:5: group 1: missing required key 'id'"),
        ("files: [a.txt]\n",
         "1:8: sources file: 'files' must be a mapping or null, not a list"),
        ("file:\n  a.txt: {medium: web}\n",
         "1:1: unknown key 'file' in sources file; did you mean 'files'?"),
    ],
)
def test_mistakes_are_reported_at_file_line_column(corpus: Path, text: str,
                                                  expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_sources(write(corpus, text))
    assert str(info.value) == "corpus/sources.yaml:" + expected


def test_empty_sources_file_describes_nothing(corpus: Path) -> None:
    assert load_sources(write(corpus, "# to be written\n")) == ((), ())


def test_seed_sources_file_describes_every_seed() -> None:
    sources, groups = load_sources(str(SEEDS / "sources.yaml"))
    seeds = sorted(normalize_path(str(p)) for p in SEEDS.glob("*.txt"))
    assert len(seeds) == 5
    assert sorted(info.path for info in sources) == seeds
    by_name = {Path(info.path).name[:3]: info for info in sources}
    assert by_name["000"].medium == "print-ocr" and by_name["000"].date == "2020-02-16"
    assert by_name["001"].medium == "web" and by_name["002"].medium == "web"
    assert by_name["003"].date == "2020"  # the page names no date; only the year is known
    assert by_name["004"].date == "2020-03-10"
    assert year_for(str(SEEDS / "004_e121854575d370ac.txt"), sources) == 2020
    (group,) = groups
    assert [Path(p).name[:3] for p in group.files] == ["000", "001", "002"]
    assert Path(group.preferred).name.startswith("002")


def test_seed_names_match_the_shared_seed_folder() -> None:
    shared = shared_path("seeds")
    sources, _ = load_sources(str(SEEDS / "sources.yaml"))
    assert sorted(Path(info.path).name for info in sources) == sorted(
        p.name for p in shared.glob("*.txt"))


def test_looking_up_every_file_of_a_large_sources_file_resolves_each_entry_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # A check asks year_for once per document (and per fix) with the same corpus.sources;
    # rebuilding the index each time made a 28,800-document check quadratic.
    from factlint.settings import sources as sources_module

    calls = []
    real = sources_module.resolved
    monkeypatch.setattr(sources_module, "resolved", lambda p: calls.append(p) or real(p))
    monkeypatch.setattr(sources_module, "_last_index", None)
    infos = tuple(SourceInfo(path=f"archive/{n:05d}.txt", date=f"{2000 + n % 20}-01-01")
                  for n in range(2000))
    years = [year_for(f"archive/{n:05d}.txt", infos) for n in range(2000)]
    assert years == [2000 + n % 20 for n in range(2000)]
    assert len(calls) == 2000 + 2000  # each entry once, each question once
    # A different tuple (another run's sources) gets its own index, not the stale one.
    other = (SourceInfo(path="archive/00000.txt", date="1999-05-05"),)
    assert year_for("archive/00000.txt", other) == 1999
    assert year_for("archive/00000.txt", infos) == 2000


def test_resolving_once_gives_what_resolving_each_time_gives(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A run resolves each folder once and each file once; the answers must be realpath's.
    from factlint.settings.sources import resolved, resolving_once

    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "a.txt").write_text("1", encoding="utf-8")
    (real / "sub" / "b.txt").write_text("2", encoding="utf-8")
    (tmp_path / "linked").symlink_to(real, target_is_directory=True)
    (tmp_path / "deep").symlink_to(real / "sub", target_is_directory=True)
    (real / "alias.txt").symlink_to(real / "sub" / "b.txt")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "a.txt").write_text("3", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    spellings = ["real/a.txt", "./real/a.txt", str(real / "a.txt"), "linked/a.txt",
                 "linked/sub/b.txt", "real/alias.txt", "linked/alias.txt",
                 "linked/sub/../a.txt", "deep/../a.txt", "real/missing.txt", "linked/sub/", "a.txt"]
    expected = [resolved(path) for path in spellings]
    assert expected[3] == str(real / "a.txt") and expected[6] == str(real / "sub" / "b.txt")
    assert expected[8] == str(real / "a.txt")  # "..": after the symlink, not before it
    with resolving_once():
        assert [resolved(path) for path in spellings] == expected
        assert [resolved(path) for path in spellings] == expected  # remembered
        monkeypatch.chdir(tmp_path / "elsewhere")  # a relative spelling names another file
        assert resolved("a.txt") == str(tmp_path / "elsewhere" / "a.txt")
