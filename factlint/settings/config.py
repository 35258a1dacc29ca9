"""Settings for ``factlint check``: ``.factlint.yaml`` or ``[tool.factlint]``.

Lookup: ``--config PATH`` if given; otherwise the first directory, from the
start directory upwards, that holds ``.factlint.yaml`` or a ``pyproject.toml``
with a ``[tool.factlint]`` table (``.factlint.yaml`` wins when a directory has
both, as a dedicated file is the more deliberate choice).  No file found means
defaults.

Paths written in a config file are relative to that file's directory; they are
stored relative to the working directory (or absolute if written so), so that
reports name files the way the user sees them.  Command-line overrides are
relative to the working directory and win: ``paths``, ``sources``, ``rules``,
``fail-on``, ``measure-word-variants``, ``engine``, ``scheduler`` and ``jobs``
replace the file's value, ``disable``
adds to the file's list and ``levels`` is merged rule by rule.

Every mistake is a :class:`~factlint.settings.yamlload.ConfigError` naming
``file:line:column``.  tomllib reports no positions for values, so for
``pyproject.toml`` we find the key's line in the text ourselves.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from ..model import FAIL_ON_CHOICES, LEVELS
from ..text.files import display_path
from ..text.readers import ReadOptions
from ..text.source import FORMATS as INPUT_FORMATS
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

__all__ = [
    "Config",
    "ConfigError",
    "CONFIG_KEYS",
    "ENGINES",
    "MEASURE_WORD_POLICIES",
    "RANGE_CONNECTORS",
    "YAML_CONFIG_NAME",
    "find_config",
    "load_config",
]

YAML_CONFIG_NAME = ".factlint.yaml"
PYPROJECT_NAME = "pyproject.toml"
CONFIG_KEYS: tuple[str, ...] = (
    "paths", "sources", "rules", "disable", "levels", "fail-on", "measure-word-variants",
    "range-connector", "include", "exclude", "format-in", "front-matter",
    "ledger", "engine", "scheduler", "jobs",
)
#: Where ``factlint check`` runs: this process, or a Dask cluster (``factlint[dask]``).
ENGINES: tuple[str, ...] = ("local", "dask")
#: How a measure-word variant for the same count (5件 vs 5个) is treated.
MEASURE_WORD_POLICIES: tuple[str, ...] = ("warning", "error", "ignore")
#: The house style's range connector, which usage-range-connector suggests (GB/T 15835 5.1.3).
RANGE_CONNECTORS: tuple[str, ...] = ("～", "—")
RULE_FILE_SUFFIXES = (".yaml", ".yml")
COMMAND_LINE = "command line"

_Where = tuple[str, int, int]


@dataclass(frozen=True)
class Config:
    """The settings of one run.

    ``paths`` empty means none configured: the command must then be given paths
    (factlint does not default to ``.``, which would sweep up README files,
    changelogs and virtual environments as if they were news text).
    ``rules`` holds rule *files*, folders already expanded; empty means the
    built-in rule set.  ``levels`` maps rule id to error|warning|info.
    """

    file: str | None = None
    paths: tuple[str, ...] = ()
    sources: str | None = None
    rules: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    levels: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    fail_on: str = "error"
    measure_word_variants: str = "warning"
    range_connector: str = "～"
    #: Globs selecting, among the files found in folders, those to read / to skip.
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    #: Read every file as this format (txt, md, html, docx); None: by suffix.
    format_in: str | None = None
    #: Read Markdown front matter (YAML/TOML) as copy.
    front_matter: bool = False
    #: The ledger of published figures to check against: a file path or an SQLAlchemy URL.
    ledger: str | None = None
    #: ``local`` or ``dask``; for dask, a scheduler address (tcp://host:8786) or the
    #: number of worker processes of a local cluster (None: one per core).
    engine: str = "local"
    scheduler: str | None = None
    jobs: int | None = None
    #: Where each setting was written: (key, None) for a value, (key, item) for a
    #: list entry or a ``levels`` rule id.  Lets later stages point at the config.
    origins: Mapping[tuple[str, Any], _Where] = field(
        default_factory=lambda: MappingProxyType({}), repr=False, compare=False)

    def error(self, key: str, message: str, item: Any = None) -> ConfigError:
        """A ConfigError at where ``key`` (or its entry ``item``) was set.

        E.g. the rule engine, on meeting ``disable: [no-such-rule]``:
        ``raise config.error("disable", "unknown rule id 'no-such-rule'", "no-such-rule")``.
        """
        where = self.origins.get((key, item)) or self.origins.get((key, None))
        if where is None:
            return ConfigError(self.file or COMMAND_LINE, 0, 0, message)
        return ConfigError(where[0], where[1], where[2], message)

    @property
    def read_options(self) -> ReadOptions:
        """How the corpus files are read (format, globs, front matter)."""
        return ReadOptions(format=self.format_in, include=self.include, exclude=self.exclude,
                           front_matter=self.front_matter)


# --------------------------------------------------------------------------- lookup


def _has_factlint_table(path: str) -> bool:
    with open(path, "rb") as handle:
        data = handle.read()
    if b"factlint" not in data:
        return False  # someone else's pyproject.toml: do not even parse it
    table = _read_toml(display_path(path)).get("tool", {})
    return isinstance(table, dict) and "factlint" in table


def find_config(start: str = ".") -> str | None:
    """The config file that applies in ``start``, searching upwards; None if none."""
    directory = os.path.abspath(start)
    while True:
        candidate = os.path.join(directory, YAML_CONFIG_NAME)
        if os.path.isfile(candidate):
            return candidate
        candidate = os.path.join(directory, PYPROJECT_NAME)
        if os.path.isfile(candidate) and _has_factlint_table(candidate):
            return candidate
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent




# --------------------------------------------------------------------------- TOML


_TOML_ERROR = re.compile(r"^(?P<msg>.*?) \(at (?:line (?P<line>\d+), column (?P<col>\d+)"
                         r"|(?P<end>end of document))\)$", re.S)


def _read_toml(path: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise ConfigError(path, 0, 0, exc.strerror or str(exc)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(path, 0, 0, f"not UTF-8 (byte {exc.start})") from None
    import tomllib  # only for a pyproject.toml (a few ms of every start otherwise)

    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_syntax_error(exc, text, path) from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        line, column = _deepest_bracket(text)
        raise ConfigError(path, line, column, "nesting too deep (arrays or inline tables "
                          "nested hundreds of levels)") from None


def _deepest_bracket(text: str) -> tuple[int, int]:
    """1-based line and column of the bracket that opens the deepest nesting in a TOML
    text, skipping strings and comments (only used to place a RecursionError)."""
    depth = best = best_at = 0
    quote = ""
    i = 0
    while i < len(text):
        char = text[i]
        if quote:
            if char == "\\" and quote[0] == '"':
                i += 2
                continue
            if text.startswith(quote, i):
                i += len(quote)
                quote = ""
                continue
        elif char in "\"'":
            quote = char * 3 if text.startswith(char * 3, i) else char
            i += len(quote)
            continue
        elif char == "#":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        elif char in "[{":
            depth += 1
            if depth > best:
                best, best_at = depth, i
        elif char in "]}":
            depth = max(depth - 1, 0)
        i += 1
    line = text.count("\n", 0, best_at) + 1
    return line, best_at - (text.rfind("\n", 0, best_at) + 1) + 1


def _toml_syntax_error(exc: ValueError, text: str, path: str) -> ConfigError:
    message = str(exc)
    match = _TOML_ERROR.match(message)
    if match is None:
        return ConfigError(path, 1, 1, message)
    if match["end"]:
        lines = text.split("\n")
        return ConfigError(path, len(lines), len(lines[-1]) + 1, match["msg"])
    return ConfigError(path, int(match["line"]), int(match["col"]), match["msg"])


_HEADER = re.compile(r"^[ \t]*\[\[?(?P<name>[^\]\n]+?)\]\]?[ \t]*(?:#.*)?$", re.M)


def _bare(name: str) -> str:
    """``tool . "factlint"`` → ``tool.factlint`` (good enough for table names)."""
    return ".".join(part.strip().strip("\"'") for part in name.split("."))


def _key_pattern(key: str) -> str:
    quoted = re.escape(key)
    return rf"(?:\"{quoted}\"|'{quoted}'|{quoted})"


class _TomlPositions:
    """Finds, in pyproject.toml's text, where [tool.factlint] keys are written.

    Heuristic but careful enough for config files: tables are found by their
    header lines, keys by ``key =`` at the start of a line (or ``key.sub =``),
    list items by scanning the array's tokens.  Anything not found points at
    the table header, which is still the right neighbourhood.
    """

    def __init__(self, text: str, table: str) -> None:
        self.text = text
        self.sections: dict[str, tuple[int, int, int]] = {}  # name -> (header, body, end)
        headers = list(_HEADER.finditer(text))
        for i, match in enumerate(headers):
            end = headers[i + 1].start() if i + 1 < len(headers) else len(text)
            bracket = text.index("[", match.start())
            self.sections.setdefault(_bare(match["name"]), (bracket, match.end(), end))
        self.table = table

    def pos(self, offset: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, offset) + 1
        column = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return line, column

    def table_start(self, name: str | None = None) -> int:
        section = self.sections.get(name or self.table)
        return section[0] if section else 0

    def _find(self, section: str, key_regex: str) -> tuple[int, int] | None:
        """(key offset, value offset) of ``key =`` at a line start inside ``section``."""
        bounds = self.sections.get(section)
        if bounds is None:
            return None
        pattern = re.compile(rf"^[ \t]*(?P<key>{key_regex})[ \t]*=[ \t]*", re.M)
        match = pattern.search(self.text, bounds[1], bounds[2])
        if match is None:
            return None
        return match.start("key"), match.end()

    def key(self, key: str) -> tuple[int, int]:
        found = self._find(self.table, _key_pattern(key))
        if found:
            return found
        dotted = self._find(self.table, _key_pattern(key) + r"[ \t]*\.")
        if dotted:
            return dotted[0], dotted[0]
        sub = self.sections.get(f"{self.table}.{key}")
        if sub:
            return sub[0], sub[0]
        start = self.table_start()
        return start, start

    def subkey(self, key: str, sub: str) -> tuple[int, int]:
        found = self._find(f"{self.table}.{key}", _key_pattern(sub))
        if found:
            return found
        found = self._find(self.table, _key_pattern(key) + r"[ \t]*\.[ \t]*" + _key_pattern(sub))
        if found:
            return found
        # inline table: levels = { rule-id = "warning" }
        _, value = self.key(key)
        pattern = re.compile(rf"(?<![\w-])(?P<key>{_key_pattern(sub)})[ \t]*=[ \t]*")
        match = pattern.search(self.text, value)
        if match:
            return match.start("key"), match.end()
        return value, value

    def items(self, value_offset: int) -> list[int]:
        """Start offsets of the items of the array starting at ``value_offset``."""
        text = self.text
        if value_offset >= len(text) or text[value_offset] != "[":
            return []
        starts: list[int] = []
        i = value_offset + 1
        while i < len(text):
            ch = text[i]
            if ch in " \t\r\n,":
                i += 1
            elif ch == "#":
                newline = text.find("\n", i)
                i = len(text) if newline < 0 else newline
            elif ch == "]":
                break
            else:
                starts.append(i)
                i = self._skip_value(i)
        return starts

    def _skip_value(self, i: int) -> int:
        text = self.text
        ch = text[i]
        if text.startswith(('"""', "'''"), i):
            end = text.find(text[i:i + 3], i + 3)
            return len(text) if end < 0 else end + 3
        if ch in "\"'":
            j = i + 1
            while j < len(text) and text[j] != ch:
                j += 2 if ch == '"' and text[j] == "\\" else 1
            return j + 1
        if ch in "[{":
            close = "]" if ch == "[" else "}"
            depth, j = 0, i
            while j < len(text):
                if text[j] in "\"'":
                    j = self._skip_value(j)
                    continue
                if text[j] == ch:
                    depth += 1
                elif text[j] == close:
                    depth -= 1
                    if depth == 0:
                        return j + 1
                j += 1
            return j
        j = i
        while j < len(text) and text[j] not in ",]}\n#":
            j += 1
        return j


def _toml_to_yaml(value: Any, path: str, positions: _TomlPositions,
                  key_path: tuple[str, ...], value_offset: int) -> Any:
    """Wrap tomllib's values as YamlMap/YamlList so one validator serves both formats."""
    line, column = positions.pos(value_offset)
    if isinstance(value, dict):
        result = YamlMap(path, line, column)
        for key, sub in value.items():
            if len(key_path) == 0:
                key_offset, sub_offset = positions.key(key)
            else:
                key_offset, sub_offset = positions.subkey(key_path[0], key)
            result._set(key, _toml_to_yaml(sub, path, positions, (*key_path, key), sub_offset),
                        positions.pos(key_offset), positions.pos(sub_offset))
        return result
    if isinstance(value, list):
        result_list = YamlList(path, line, column)
        starts = positions.items(value_offset)
        for index, item in enumerate(value):
            start = starts[index] if index < len(starts) else value_offset
            result_list._add(_toml_to_yaml(item, path, positions, key_path, start),
                             positions.pos(start))
        return result_list
    if hasattr(value, "isoformat"):  # TOML dates and times: ISO strings, as in YAML
        return value.isoformat()
    return value


def _load_toml_table(path: str) -> YamlMap | None:
    data = _read_toml(path)
    tool = data.get("tool")
    table = tool.get("factlint") if isinstance(tool, dict) else None
    if table is None:
        return None
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    positions = _TomlPositions(text, "tool.factlint")
    if not isinstance(table, dict):
        line, column = positions.pos(positions.key("factlint")[1])
        raise ConfigError(path, line, column,
                          f"[tool.factlint] must be a table, not {type_name(table)}")
    return _toml_to_yaml(table, path, positions, (), positions.table_start())


# --------------------------------------------------------------------------- validation


class _Builder:
    """Validates one source of settings (a file or the overrides) into plain values."""

    def __init__(self, node: YamlMap, what: str, base: str | None,
                 check_exists: bool) -> None:
        self.node = node
        self.what = what
        self.base = base  # directory relative paths start from; None = working directory
        self.check_exists = check_exists
        self.values: dict[str, Any] = {}
        self.origins: dict[tuple[str, Any], _Where] = {}

    def where(self, node: YamlMap | YamlList, key: Any) -> _Where:
        if isinstance(node, YamlMap):
            line, column = node.value_pos(key)
        else:
            line, column = node.item_pos(key)
        return (node.path, line, column)

    def run(self) -> None:
        check_keys(self.node, CONFIG_KEYS, self.what)
        for key in self.node:
            if self.node[key] is None:
                continue  # `sources:` left empty means "not set"
            self.origins[(key, None)] = self.where(self.node, key)
            getattr(self, "_" + key.replace("-", "_"))(key)

    def _path(self, value: str) -> str:
        joined = value if self.base is None else os.path.join(self.base, value)
        return os.path.normpath(joined)

    def _strings(self, key: str) -> tuple[YamlList | YamlMap, list[tuple[Any, str]]]:
        """A string or list of strings; returns the holder and (index, string) pairs."""
        value = expect_type(self.node, key, (str, list), self.what)
        if isinstance(value, str):
            return self.node, [(key, value)]
        pairs = []
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise error_at(value, index, f"{self.what}: each entry of '{key}' must be "
                               f"a string, not {type_name(item)}")
            if not item:
                raise error_at(value, index, f"{self.what}: empty entry in '{key}'")
            pairs.append((index, item))
        return value, pairs

    def _paths(self, key: str) -> None:
        holder, pairs = self._strings(key)
        found = []
        for index, item in pairs:
            path = self._path(item)
            if self.check_exists and not os.path.exists(path):
                raise error_at(holder, index, f"no such file or folder: '{path}'")
            found.append(path)
            self.origins[(key, path)] = self.where(holder, index)
        self.values["paths"] = tuple(dict.fromkeys(found))

    def _sources(self, key: str) -> None:
        value = expect_type(self.node, key, str, self.what)
        path = self._path(value)
        if not os.path.isfile(path):
            raise error_at(self.node, key, f"sources file not found: '{path}'")
        self.values["sources"] = path

    def _rules(self, key: str) -> None:
        holder, pairs = self._strings(key)
        files: list[str] = []
        for index, item in pairs:
            path = self._path(item)
            if os.path.isdir(path):
                found = sorted(
                    os.path.join(path, name) for name in os.listdir(path)
                    if name.endswith(RULE_FILE_SUFFIXES)
                    and os.path.isfile(os.path.join(path, name)))
                if not found:
                    raise error_at(holder, index,
                                   f"rules folder '{path}' holds no .yaml or .yml file")
            elif os.path.isfile(path):
                found = [path]
            else:
                raise error_at(holder, index, f"no such rules file or folder: '{path}'")
            for rule_file in found:
                self.origins.setdefault((key, rule_file), self.where(holder, index))
            files.extend(found)
        self.values["rules"] = tuple(dict.fromkeys(files))

    def _disable(self, key: str) -> None:
        holder, pairs = self._strings(key)
        for index, rule_id in pairs:
            self.origins[(key, rule_id)] = self.where(holder, index)
        self.values["disable"] = tuple(dict.fromkeys(rule_id for _, rule_id in pairs))

    def _choice(self, node: YamlMap, key: Any, choices: Iterable[str], label: str) -> str:
        choices = tuple(choices)
        value = node[key]
        if not isinstance(value, str) or value not in choices:
            shown = f"'{value}'" if isinstance(value, str) else type_name(value)
            raise error_at(node, key, f"{self.what}: {label} must be one of "
                           f"{', '.join(choices)}, not {shown}")
        return value

    def _levels(self, key: str) -> None:
        levels = expect_type(self.node, key, dict, self.what)
        result: dict[str, str] = {}
        for rule_id in levels:
            if not isinstance(rule_id, str):
                raise error_at(levels, rule_id, f"{self.what}: a rule id in 'levels' must be "
                               f"a string, not {type_name(rule_id)}", at="key")
            result[rule_id] = self._choice(levels, rule_id, _LEVEL_CHOICES,
                                           f"the level of rule '{rule_id}'")
            self.origins[(key, rule_id)] = self.where(levels, rule_id)
        self.values["levels"] = result

    def _fail_on(self, key: str) -> None:
        self.values["fail_on"] = self._choice(self.node, key, FAIL_ON_CHOICES, f"'{key}'")

    def _globs(self, key: str) -> None:
        holder, pairs = self._strings(key)
        for index, glob in pairs:
            self.origins[(key, glob)] = self.where(holder, index)
        self.values[key] = tuple(dict.fromkeys(glob for _, glob in pairs))

    _include = _exclude = _globs

    def _format_in(self, key: str) -> None:
        self.values["format_in"] = self._choice(self.node, key, INPUT_FORMATS, f"'{key}'")

    def _front_matter(self, key: str) -> None:
        self.values["front_matter"] = expect_type(self.node, key, bool, self.what)
    def _ledger(self, key: str) -> None:
        value = expect_type(self.node, key, str, self.what)
        if not value.strip():
            raise error_at(self.node, key, f"{self.what}: 'ledger' must be a path or a URL")
        # A URL (postgresql://…) is taken as written; a path is relative to the config.
        self.values["ledger"] = value if "://" in value else self._path(value)

    def _measure_word_variants(self, key: str) -> None:
        self.values["measure_word_variants"] = self._choice(
            self.node, key, MEASURE_WORD_POLICIES, f"'{key}'")

    def _range_connector(self, key: str) -> None:
        self.values["range_connector"] = self._choice(
            self.node, key, RANGE_CONNECTORS, f"'{key}'")


    def _engine(self, key: str) -> None:
        self.values["engine"] = self._choice(self.node, key, ENGINES, f"'{key}'")

    def _scheduler(self, key: str) -> None:
        address = expect_type(self.node, key, str, self.what)
        if not address.strip():
            raise error_at(self.node, key, f"{self.what}: '{key}' must be a scheduler "
                           f"address such as tcp://host:8786, not empty")
        self.values["scheduler"] = address.strip()

    def _jobs(self, key: str) -> None:
        jobs = self.node[key]
        if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
            shown = f"{jobs!r}" if isinstance(jobs, int) else type_name(jobs)
            raise error_at(self.node, key, f"{self.what}: '{key}' must be a whole number of "
                           f"worker processes, 1 or more, not {shown}")
        self.values["jobs"] = jobs


_LEVEL_CHOICES = tuple(reversed(LEVELS))  # error, warning, info: how users think of them


class _Overrides(YamlMap):
    """Command-line values dressed as a YamlMap so the same checks apply."""


def _overrides_map(overrides: Mapping[str, Any]) -> _Overrides:
    node = _Overrides(COMMAND_LINE, 0, 0)
    for key, value in overrides.items():
        if value is None:
            continue  # flag not given
        name = key.replace("_", "-")
        if isinstance(value, (tuple, list)):
            items = YamlList(COMMAND_LINE, 0, 0)
            for item in value:
                items._add(item, (0, 0))
            value = items
        elif isinstance(value, Mapping):
            mapping = YamlMap(COMMAND_LINE, 0, 0)
            for sub_key, sub_value in value.items():
                mapping._set(sub_key, sub_value, (0, 0), (0, 0))
            value = mapping
        node._set(name, value, (0, 0), (0, 0))
    return node


def load_config(start: str = ".", *, config_path: str | None = None,
                overrides: Mapping[str, Any] | None = None) -> Config:
    """Find, read and validate the settings, then apply command-line ``overrides``.

    ``overrides`` uses the config keys (``fail-on`` or ``fail_on``); ``None``
    values mean "flag not given".  Raises :class:`ConfigError`.
    """
    if config_path is not None:
        if not os.path.isfile(config_path):
            raise ConfigError(config_path, 0, 0, "config file not found")
        file: str | None = config_path
    else:
        file = find_config(start)

    values: dict[str, Any] = {}
    origins: dict[tuple[str, Any], _Where] = {}
    shown_file = None
    if file is not None:
        shown_file = display_path(file)
        if file.endswith(".toml"):
            node = _load_toml_table(shown_file)
            if node is None:
                raise ConfigError(shown_file, 0, 0, "no [tool.factlint] table")
            what = "[tool.factlint]"
        else:
            node = load_yaml(shown_file)
            what = "config"
            if node is None:
                node = YamlMap(shown_file, 1, 1)
            elif not isinstance(node, YamlMap):
                raise ConfigError(shown_file, 1, 1, f"the config must be a mapping of settings, "
                                  f"not {type_name(node)}")
        builder = _Builder(node, what, os.path.dirname(shown_file), check_exists=True)
        builder.run()
        values, origins = builder.values, builder.origins

    if overrides:
        extra = _Builder(_overrides_map(overrides), "option", None, check_exists=False)
        extra.run()
        for key, value in extra.values.items():
            if key == "disable":
                value = tuple(dict.fromkeys((*values.get("disable", ()), *value)))
            elif key == "levels":
                value = {**values.get("levels", {}), **value}
            values[key] = value
        for key in extra.values:
            if key not in ("disable", "levels"):  # replaced: forget where the file set it
                origins = {k: v for k, v in origins.items() if k[0] != key}
        origins.update(extra.origins)

    if "levels" in values:
        values["levels"] = MappingProxyType(dict(values["levels"]))
    return Config(file=shown_file, origins=MappingProxyType(origins), **values)

