"""The sources file: what each corpus file is, and which files are one article.

Format (YAML)::

    files:
      000_6aef4c9e06e579a7.txt:        # path relative to this file's folder
        title: 沧海横流显本色 战"疫"一线党旗红
        publisher: 人民日报
        date: 2020-02-16               # dateline date, ISO; 2020-02 or 2020 if only that is known
        medium: print-ocr              # print-ocr | web
    groups:
      - id: canghai-feature
        title: 沧海横流显本色 战"疫"一线党旗红
        files: [000_6aef4c9e06e579a7.txt, 002_60e7e1aac05173a9.txt]
        preferred: 002_60e7e1aac05173a9.txt   # optional: the reference version

Paths are stored as written, joined to the sources file's folder, normalised
(``os.path.normpath``) and written with forward slashes: ``seeds/sources.yaml``
naming ``000_x.txt`` gives ``seeds/000_x.txt``, the same string the corpus reader
produces when it is given ``seeds``.  :func:`source_for` and :func:`year_for`
normalise the path they are asked about the same way (and fall back to
comparing absolute paths), so ``./seeds/000_x.txt`` finds it too.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import os
import re
from collections.abc import Iterable, Iterator

from ..model import SourceInfo, VersionGroup
from .yamlload import (
    ConfigError,
    YamlList,
    YamlMap,
    check_keys,
    error_at,
    expect_type,
    load_yaml,
    type_name,
)

__all__ = ["MEDIA", "SourceIndex", "load_sources", "normalize_path", "resolved",
           "resolving_once", "source_for", "year_for"]

MEDIA: tuple[str, ...] = ("print-ocr", "web")
FILE_KEYS = ("title", "publisher", "date", "medium")
GROUP_KEYS = ("id", "title", "files", "preferred")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def normalize_path(path: str) -> str:
    """The form paths are compared in: normalised, forward slashes."""
    return os.path.normpath(path).replace(os.sep, "/")


def _check_date(entry: YamlMap, what: str) -> str | None:
    value = entry.get("date")
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # `date: 2020` is a year, which YAML reads as an integer
    if not isinstance(value, str):
        raise error_at(entry, "date", f"{what}: 'date' must be an ISO date such as "
                       f"2020-02-16, not {type_name(value)}")
    match = _PARTIAL_DATE.match(value)
    problem = None
    if match is None:
        problem = "is not an ISO date (YYYY-MM-DD, or YYYY-MM or YYYY when less is known)"
    elif match[3]:
        try:
            datetime.date.fromisoformat(value)
        except ValueError as exc:
            problem = f"is not a real date ({exc})"
    elif match[2] and not 1 <= int(match[2]) <= 12:
        problem = "has no such month"
    if problem:
        raise error_at(entry, "date", f"{what}: date '{value}' {problem}")
    return value


def load_sources(path: str) -> tuple[tuple[SourceInfo, ...], tuple[VersionGroup, ...]]:
    """Read and validate a sources file; raise :class:`ConfigError` on any mistake.

    Files come back in the order written; a file missing on disk is an error,
    because a misspelt name would otherwise silently lose its dateline year.
    """
    data = load_yaml(path)
    if data is None:
        return (), ()
    if not isinstance(data, YamlMap):
        raise ConfigError(path, 1, 1, f"a sources file must be a mapping with 'files' and "
                          f"'groups', not {type_name(data)}")
    check_keys(data, ("files", "groups"), "sources file")
    base = os.path.dirname(path)

    files = expect_type(data, "files", (dict, type(None)), "sources file") or YamlMap(path)
    infos: list[SourceInfo] = []
    by_path: dict[str, str] = {}  # normalised path -> name as written
    for name in files:
        if not isinstance(name, str) or not name:
            raise error_at(files, name, f"a file name must be a string, not "
                           f"{type_name(name)}", at="key")
        what = f"file '{name}'"
        entry = files[name]
        if not isinstance(entry, YamlMap):
            raise error_at(files, name, f"{what}: expected a mapping of title, publisher, "
                           f"date and medium, not {type_name(entry)}")
        check_keys(entry, FILE_KEYS, what)
        file_path = normalize_path(os.path.join(base, name))
        if file_path in by_path:
            raise error_at(files, name, f"{what} is the same file as '{by_path[file_path]}'",
                           at="key")
        if not os.path.isfile(file_path):
            raise error_at(files, name, f"{what}: no such file '{file_path}'", at="key")
        by_path[file_path] = name
        medium = expect_type(entry, "medium", str, what)
        if medium not in MEDIA:
            raise error_at(entry, "medium", f"{what}: medium must be one of "
                           f"{', '.join(MEDIA)}, not '{medium}'")
        infos.append(SourceInfo(
            path=file_path,
            title=expect_type(entry, "title", (str, type(None)), what) or "",
            publisher=expect_type(entry, "publisher", (str, type(None)), what) or "",
            date=_check_date(entry, what),
            medium=medium,
        ))

    groups_node = expect_type(data, "groups", (list, type(None)), "sources file") or []
    groups: list[VersionGroup] = []
    group_of: dict[str, str] = {}  # normalised path -> group id
    seen_ids: set[str] = set()
    for index, group in enumerate(groups_node):
        if not isinstance(group, YamlMap):
            raise error_at(groups_node, index, f"a group must be a mapping of id, title, "
                           f"files and preferred, not {type_name(group)}")
        check_keys(group, GROUP_KEYS, "group")
        group_id = expect_type(group, "id", str, f"group {index + 1}")
        what = f"group '{group_id}'"
        if group_id in seen_ids:
            raise error_at(group, "id", f"{what} is defined twice")
        seen_ids.add(group_id)
        members_node = expect_type(group, "files", list, what)
        if len(members_node) < 2:
            raise error_at(group, "files", f"{what}: a version group needs at least two files")
        members = [_member(members_node, i, by_path, base, what)
                   for i in range(len(members_node))]
        for i, member in enumerate(members):
            if members.index(member) != i:
                raise error_at(members_node, i, f"{what}: file '{members_node[i]}' is listed "
                               f"twice")
            if member in group_of:
                raise error_at(members_node, i, f"{what}: file '{members_node[i]}' is already "
                               f"in group '{group_of[member]}'")
            group_of[member] = group_id
        preferred = expect_type(group, "preferred", (str, type(None)), what)
        preferred_path = None
        if preferred is not None:
            preferred_path = normalize_path(os.path.join(base, preferred))
            if preferred_path not in members:
                raise error_at(group, "preferred", f"{what}: preferred file '{preferred}' is "
                               f"not one of the group's files")
        groups.append(VersionGroup(
            id=group_id,
            files=tuple(members),
            preferred=preferred_path,
            title=expect_type(group, "title", (str, type(None)), what) or "",
        ))
    return tuple(infos), tuple(groups)


def _member(node: YamlList, index: int, by_path: dict[str, str], base: str, what: str) -> str:
    name = node[index]
    if not isinstance(name, str):
        raise error_at(node, index, f"{what}: a file must be a string, not {type_name(name)}")
    member = normalize_path(os.path.join(base, name))
    if member not in by_path:
        raise error_at(node, index, f"{what}: file '{name}' is not listed under 'files'")
    return member


def resolved(path: str) -> str:
    """The one spelling of a path that names the same file however it was written
    (``seeds/a.txt``, ``./seeds/a.txt``, ``$PWD/seeds/a.txt``, ``a.txt`` from inside
    ``seeds``, through a symlink): what files of a run are matched by.

    Inside :func:`resolving_once`, each spelling is resolved once for the block."""
    memo = _resolved_in_run.get()
    if memo is None:
        return os.path.normcase(os.path.realpath(path))
    key = (os.getcwd(), path)  # a relative spelling means another file elsewhere
    found = memo.files.get(key)
    if found is None:
        found = memo.files[key] = memo.resolve(path)
    return found


class _RunPaths:
    """What :func:`resolving_once` remembers: files and folders already resolved."""

    __slots__ = ("files", "folders")

    def __init__(self) -> None:
        self.files: dict[tuple[str, str], str] = {}
        self.folders: dict[str, str] = {}

    def resolve(self, path: str) -> str:
        # realpath(folder/name) is realpath(realpath(folder)/name): a run's files share
        # a few folders, so each folder's components are looked at once, and each file
        # costs one lstat (is it a symlink?) instead of one per component.
        if os.pardir in path:  # realpath resolves a symlink before the ".." after it
            return os.path.normcase(os.path.realpath(path))
        folder, name = os.path.split(os.path.abspath(path))
        if not name:
            return os.path.normcase(os.path.realpath(path))
        real_folder = self.folders.get(folder)
        if real_folder is None:
            real_folder = self.folders[folder] = os.path.realpath(folder)
        joined = os.path.join(real_folder, name)
        return os.path.normcase(os.path.realpath(joined) if os.path.islink(joined) else joined)


_resolved_in_run: contextvars.ContextVar[_RunPaths | None] = contextvars.ContextVar(
    "factlint_resolved_in_run", default=None)


@contextlib.contextmanager
def resolving_once() -> Iterator[None]:
    """Within the block, :func:`resolved` resolves each path once and each folder once.

    A run asks after each of its files several times (sources entries, version groups,
    the file itself, the coverage warnings): 20 µs of ``realpath`` each time, seconds
    for an archive.  The block assumes the files' folders and symlinks do not change
    while it lasts, so it is one run long, never a long-lived process's lifetime.
    """
    if _resolved_in_run.get() is not None:  # nested: the outer run's answers hold
        yield
        return
    token = _resolved_in_run.set(_RunPaths())
    try:
        yield
    finally:
        _resolved_in_run.reset(token)


class SourceIndex:
    """The entries of a sources file by resolved path: each lookup costs a dictionary
    lookup, not a scan of the whole file (16,000 entries would cost 45 ms a file)."""

    __slots__ = ("_by_path",)

    def __init__(self, sources: Iterable[SourceInfo]) -> None:
        self._by_path: dict[str, SourceInfo] = {}
        for info in sources:
            self._by_path.setdefault(resolved(info.path), info)

    def source_for(self, path: str) -> SourceInfo | None:
        return self._by_path.get(resolved(path))

    def year_for(self, path: str) -> int | None:
        info = self.source_for(path)
        return int(info.date[:4]) if info is not None and info.date else None


# The index of the last sources sequence asked about, with that sequence itself, so that
# its id stays that object's: callers ask once per document or finding with the same
# corpus.sources, and building the index each time made a check quadratic in the corpus
# (28,800 documents: most of the run went to realpath).
# Relative paths resolve against the working directory, so that is part of the key.
_last_index: tuple[object, str, SourceIndex] | None = None


def _index_of(sources: Iterable[SourceInfo]) -> SourceIndex:
    global _last_index
    last = _last_index
    cwd = os.getcwd()
    if last is not None and last[0] is sources and last[1] == cwd:
        return last[2]
    if not isinstance(sources, (tuple, list)):
        return SourceIndex(sources)  # an iterator can be read only once: nothing to keep
    index = SourceIndex(sources)
    if isinstance(sources, tuple):  # a list may change under us; a tuple cannot
        _last_index = (sources, cwd, index)
    return index


def source_for(path: str, sources: Iterable[SourceInfo]) -> SourceInfo | None:
    """What the sources file says of ``path``, or None if it says nothing.

    The index of a tuple of sources is kept for the next call with the same tuple; to
    look up many paths in some other sequence, build one :class:`SourceIndex`.
    """
    return _index_of(sources).source_for(path)


def year_for(path: str, sources: Iterable[SourceInfo]) -> int | None:
    """The dateline year of ``path`` (for 2月16日 with no year in the text), or None."""
    return _index_of(sources).year_for(path)
