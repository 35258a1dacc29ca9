"""Loading YAML while remembering where every key and value was written.

factlint's configuration, rules and sources files are YAML written by hand, so
every mistake must be reported as ``file:line:column: what is wrong``.  PyYAML's
constructors throw positions away, so we let PyYAML *compose* the node graph
(which keeps marks) and build the Python values ourselves:

* mappings become :class:`YamlMap` and sequences :class:`YamlList`, which
  remember where they, their keys and their items start;
* integers, booleans, null and strings load as PyYAML resolves them (YAML 1.1,
  so ``yes``/``no`` are booleans); any other number loads as
  :class:`decimal.Decimal` from its source text, never float, because a
  tolerance of ``0.1`` must stay exactly one tenth;
* timestamps (``2020-02-16``) load as the text written, an ISO string, not a
  ``datetime.date``: the rest of factlint passes dates around as ISO strings;
* a key written twice in one mapping is an error (PyYAML keeps the last one
  silently, which hides typos in copied rules).

The pure-Python ``SafeLoader`` is used, not ``CSafeLoader``: its marks count
Unicode code points (factlint's column unit) and its error texts are the same
on every install, with or without libyaml.  Config files are small, so speed
does not matter for them; a sources file for a whole archive is not, and a file of
256 KB or more with no alias, nested 64 levels or less, is composed by libyaml when
PyYAML has it (same values, same positions; any error is read again by the pure
composer, so messages do not change).

Lines and columns are 1-based everywhere in this module.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

__all__ = [
    "ConfigError",
    "YamlMap",
    "YamlList",
    "load_yaml",
    "load_yaml_text",
    "error_at",
    "check_keys",
    "expect_type",
    "type_name",
]

_TAG = "tag:yaml.org,2002:"

#: Collections nested deeper than this are refused: no settings file needs more than
#: a handful of levels, and PyYAML composes recursively (a RecursionError past ~300).
MAX_DEPTH = 64
#: Values a file may expand to through its aliases (``*name``).  A 400-byte file of
#: aliases of aliases ("billion laughs") would otherwise expand to a billion values.
MAX_ALIAS_VALUES = 100_000
#: Largest settings file read, in bytes (a sources file for 100,000 articles fits).
MAX_YAML_BYTES = 64 * 1024 * 1024


class ConfigError(Exception):
    """A mistake in a file factlint reads for settings (config, rules, sources).

    ``line`` and ``column`` are 1-based.  A line of 0 means the mistake has no
    place in a file (a command-line flag, a file that cannot be opened); the
    message then reads ``path: message``.
    """

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        super().__init__(path, line, column, message)
        self.path = path
        self.line = line
        self.column = column
        self.message = message

    def __str__(self) -> str:
        if self.line <= 0:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class _Placed:
    """Where a YAML collection starts: its file, line and column (1-based)."""

    path: str
    line: int
    column: int

    def _place(self, path: str, line: int, column: int) -> None:
        self.path, self.line, self.column = path, line, column


class YamlMap(_Placed, dict):
    """A mapping that remembers where it, its keys and its values were written."""

    def __init__(self, path: str = "<string>", line: int = 1, column: int = 1) -> None:
        super().__init__()
        self._place(path, line, column)
        self._key_pos: dict[Any, tuple[int, int]] = {}
        self._value_pos: dict[Any, tuple[int, int]] = {}

    def key_pos(self, key: Any) -> tuple[int, int]:
        """Where ``key`` is written (the mapping's own start if it is not there)."""
        return self._key_pos.get(key, (self.line, self.column))

    def value_pos(self, key: Any) -> tuple[int, int]:
        """Where the value of ``key`` starts (the mapping's own start if absent)."""
        return self._value_pos.get(key, (self.line, self.column))

    def _set(self, key: Any, value: Any, key_pos: tuple[int, int],
             value_pos: tuple[int, int]) -> None:
        self[key] = value
        self._key_pos[key] = key_pos
        self._value_pos[key] = value_pos


class YamlList(_Placed, list):
    """A list that remembers where it and each of its items were written."""

    def __init__(self, path: str = "<string>", line: int = 1, column: int = 1) -> None:
        super().__init__()
        self._place(path, line, column)
        self._item_pos: list[tuple[int, int]] = []

    def item_pos(self, index: int) -> tuple[int, int]:
        """Where item ``index`` starts (the list's own start if out of range)."""
        try:
            return self._item_pos[index]
        except IndexError:
            return (self.line, self.column)

    def _add(self, value: Any, pos: tuple[int, int]) -> None:
        self.append(value)
        self._item_pos.append(pos)


def _pos(mark: yaml.Mark | None) -> tuple[int, int]:
    if mark is None:
        return (1, 1)
    return (mark.line + 1, mark.column + 1)


def _position_of_index(text: str, index: int) -> tuple[int, int]:
    """1-based line and column (code points) of a character offset."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


# A constructor instance only for PyYAML's int and bool parsing (0x, 0o, 1_000,
# sexagesimal 1:30, yes/no): those rules are fiddly and PyYAML already has them.
_SCALARS = SafeConstructor()


class _Builder:
    """Turns a composed node graph into YamlMap/YamlList/scalars."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._active: set[int] = set()  # nodes being built, to catch recursive aliases

    def error(self, mark: yaml.Mark | None, message: str) -> ConfigError:
        line, column = _pos(mark)
        return ConfigError(self.path, line, column, message)

    def build(self, node: Node) -> Any:
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if id(node) in self._active:
            raise self.error(node.start_mark, "recursive alias: a node contains itself")
        self._active.add(id(node))
        try:
            if isinstance(node, MappingNode):
                return self.mapping(node)
            if isinstance(node, SequenceNode):
                return self.sequence(node)
        finally:
            self._active.discard(id(node))
        raise self.error(node.start_mark, f"unsupported YAML node {type(node).__name__}")

    def scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        if tag == _TAG + "str" or tag == _TAG + "value":
            return node.value
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            return _SCALARS.construct_yaml_bool(node)
        if tag == _TAG + "int":
            return _SCALARS.construct_yaml_int(node)
        if tag == _TAG + "float":
            return self.decimal(node)
        if tag == _TAG + "timestamp":
            return node.value  # the ISO text as written
        raise self.error(node.start_mark, f"unsupported YAML tag {tag!r}")

    def decimal(self, node: ScalarNode) -> Decimal:
        text = node.value.replace("_", "")
        lowered = text.lower()
        if lowered in (".nan",):
            raise self.error(node.start_mark, "'.nan' is not a usable number")
        if lowered.lstrip("+-") == ".inf":
            return Decimal("-Infinity") if lowered.startswith("-") else Decimal("Infinity")
        if ":" in text:  # YAML 1.1 sexagesimal, e.g. 1:30.5 == 90.5
            sign = -1 if text.startswith("-") else 1
            total = Decimal(0)
            for part in text.lstrip("+-").split(":"):
                total = total * 60 + Decimal(part)
            return sign * total
        try:
            return Decimal(text)
        except InvalidOperation:
            raise self.error(node.start_mark, f"not a number: {node.value!r}") from None

    def key(self, node: Node) -> Any:
        if not isinstance(node, ScalarNode):
            raise self.error(node.start_mark, "a mapping key must be a plain value, "
                             "not a list or mapping")
        return self.scalar(node)

    def mapping(self, node: MappingNode) -> YamlMap:
        line, column = _pos(node.start_mark)
        result = YamlMap(self.path, line, column)
        merged: list[YamlMap] = []
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":  # `<<: *defaults`
                merged.extend(self.merge_sources(value_node))
                continue
            key = self.key(key_node)
            if key in result:
                first_line, _ = result.key_pos(key)
                raise self.error(key_node.start_mark,
                                 f"duplicate key {_show(key)} (first written on line "
                                 f"{first_line})")
            value = self.build(value_node)
            result._set(key, value, _pos(key_node.start_mark), _pos(value_node.start_mark))
        # Merged keys never override keys written in the mapping itself; among
        # several merged mappings the first one wins (YAML merge-key spec).
        for source in merged:
            for key, value in source.items():
                if key not in result:
                    result._set(key, value, source.key_pos(key), source.value_pos(key))
        return result

    def merge_sources(self, node: Node) -> list[YamlMap]:
        value = self.build(node)
        if isinstance(value, YamlMap):
            return [value]
        if isinstance(value, YamlList) and all(isinstance(v, YamlMap) for v in value):
            return list(value)
        raise self.error(node.start_mark, "'<<' must be followed by a mapping or a list "
                         "of mappings")

    def sequence(self, node: SequenceNode) -> YamlList:
        line, column = _pos(node.start_mark)
        result = YamlList(self.path, line, column)
        for item in node.value:
            result._add(self.build(item), _pos(item.start_mark))
        return result


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader that refuses deep nesting and runaway alias expansion while composing.

    Each composed node's *size* (values it stands for once aliases are expanded) is
    recorded, so an alias costs a dictionary lookup to price, not a walk.
    """

    def __init__(self, text: str, path: str) -> None:
        super().__init__(text)
        self._path = path
        self._depth = 0
        self._sizes: dict[int, int] = {}
        self._expanded = 0

    def _refuse(self, mark: yaml.Mark | None, message: str) -> ConfigError:
        line, column = _pos(mark)
        return ConfigError(self._path, line, column, message)

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            node = super().compose_node(parent, index)
            self._expanded += self._sizes.get(id(node), 1)
            if self._expanded > MAX_ALIAS_VALUES:
                raise self._refuse(event.start_mark, f"alias *{event.anchor} expands the "
                                   f"file beyond {MAX_ALIAS_VALUES} values; write the "
                                   f"values out or use fewer nested aliases")
            return node
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise self._refuse(event.start_mark, f"nesting too deep (more than {MAX_DEPTH} "
                               f"levels of lists and mappings)")
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        size = 1
        if isinstance(node, SequenceNode):
            size += sum(self._sizes.get(id(item), 1) for item in node.value)
        elif isinstance(node, MappingNode):
            size += sum(self._sizes.get(id(k), 1) + self._sizes.get(id(v), 1)
                        for k, v in node.value)
        self._sizes[id(node)] = size
        return node


def _syntax_error(exc: yaml.YAMLError, text: str, path: str) -> ConfigError:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, column = _pos(mark)
        problem = exc.problem or exc.context or "invalid YAML"
        message = problem
        if exc.context and exc.problem and not exc.context.startswith("while "):
            message = f"{exc.context}, {problem}"  # "expected a single document…, but found…"
        elif exc.context and exc.problem:
            message = f"{problem} ({exc.context}"
            if exc.context_mark is not None and exc.context_mark is not mark:
                cline, ccol = _pos(exc.context_mark)
                message += f" at line {cline}, column {ccol}"
            message += ")"
        return ConfigError(path, line, column, message)
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML forbids
        line, column = _position_of_index(text, exc.position)
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        return ConfigError(path, line, column,
                           f"special character {char!r} (U+{ord(char):04X}) is not allowed")
    return ConfigError(path, 1, 1, str(exc))


def load_yaml_text(text: str, path: str = "<string>") -> Any:
    """Parse one YAML document; positions are reported against ``path``.

    Returns ``None`` for an empty document.  Raises :class:`ConfigError` for
    syntax errors, duplicate keys, unsupported tags and several documents.
    """
    node = _compose_large(text, path) if len(text) >= FAST_COMPOSE_CHARS else None
    if node is None:
        try:
            loader = _BoundedLoader(text, path)  # checks for forbidden characters at once
            try:
                node = loader.get_single_node()
            finally:
                loader.dispose()
        except yaml.YAMLError as exc:
            raise _syntax_error(exc, text, path) from None
    if node is None:
        return None
    return _Builder(path).build(node)


#: Files at least this long are composed by libyaml when PyYAML has it: a sources file
#: for an archive of 28,800 articles (4.5 MB) took 13 s of CPU to compose in pure Python,
#: about 2-3 times what libyaml takes, and a Dask run composes it before any worker
#: starts.  Smaller files keep the pure composer (settings files are small).
FAST_COMPOSE_CHARS = 256 * 1024
def _compose_large(text: str, path: str) -> Node | None:
    """The node graph of a large, plain file, composed by libyaml; None when the pure
    composer must do it: no libyaml, aliases, nesting deeper than MAX_DEPTH, or any YAML
    error (so that errors and refusals read the same on every install)."""
    if not getattr(yaml, "__with_libyaml__", False):
        return None
    try:
        yaml.reader.Reader(text)  # the characters YAML forbids, as the pure reader checks
        # libyaml's composer recurses in C, past Python's recursion limit: read the
        # events first (its parser keeps its own stack) and compose only a shallow file
        # with no alias, whose size is then its number of values.
        depth = 0
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            kind = type(event)
            if kind is AliasEvent:
                return None
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                depth += 1
                if depth > MAX_DEPTH:
                    return None
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                depth -= 1
        loader = yaml.CSafeLoader(text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError:
        return None


def load_yaml(path: str) -> Any:
    """Read ``path`` (UTF-8, BOM allowed) and parse it with :func:`load_yaml_text`."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise ConfigError(path, 0, 0, "no such file") from None
    except IsADirectoryError:
        raise ConfigError(path, 0, 0, "is a directory, not a YAML file") from None
    except OSError as exc:
        raise ConfigError(path, 0, 0, exc.strerror or str(exc)) from None
    if len(data) > MAX_YAML_BYTES:
        raise ConfigError(path, 0, 0, f"{len(data)} bytes is too large for a settings file "
                          f"(at most {MAX_YAML_BYTES})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8-sig", errors="replace")
        line, column = _position_of_index(good, len(good))
        raise ConfigError(path, line, column,
                          f"not UTF-8 (byte 0x{data[exc.start]:02x}: {exc.reason})") from None
    return load_yaml_text(text, path)


def error_at(node: YamlMap | YamlList, key_or_index: Any = None, message: str = "", *,
             at: str = "value") -> ConfigError:
    """A :class:`ConfigError` pointing into ``node``.

    With no key, at the node itself; for a :class:`YamlMap`, at the key
    (``at="key"``) or at its value (``at="value"``, the default); for a
    :class:`YamlList`, at the item.  A key that is missing points at the mapping.
    """
    if at not in ("value", "key"):
        raise ValueError(f"at must be 'value' or 'key', not {at!r}")
    if key_or_index is None:
        line, column = node.line, node.column
    elif isinstance(node, YamlMap):
        line, column = node.key_pos(key_or_index) if at == "key" else node.value_pos(
            key_or_index)
    else:
        line, column = node.item_pos(key_or_index)
    return ConfigError(node.path, line, column, message)


def _show(key: Any) -> str:
    return f"'{key}'" if isinstance(key, str) else repr(key)


def check_keys(node: YamlMap, allowed: Iterable[str], what: str) -> None:
    """Raise at the first key of ``node`` not in ``allowed``, suggesting the closest."""
    allowed = list(allowed)
    for key in node:
        if key in allowed:
            continue
        message = f"unknown key {_show(key)} in {what}"
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        if close:
            message += f"; did you mean '{close[0]}'?"
        elif allowed:
            message += "; expected one of: " + ", ".join(sorted(allowed))
        raise error_at(node, key, message, at="key")


_TYPE_NAMES: dict[type, str] = {
    str: "a string",
    bool: "a boolean",
    int: "an integer",
    Decimal: "a number",
    float: "a number",
    list: "a list",
    YamlList: "a list",
    dict: "a mapping",
    YamlMap: "a mapping",
    type(None): "null",
}


def type_name(value_or_type: Any) -> str:
    """How an error message names a YAML type: 'a string', 'a list', 'null'…"""
    kind = value_or_type if isinstance(value_or_type, type) else type(value_or_type)
    for cls in kind.__mro__:
        if cls in _TYPE_NAMES:
            return _TYPE_NAMES[cls]
    return kind.__name__


def _matches(value: Any, types: tuple[type, ...]) -> bool:
    if isinstance(value, bool) and bool not in types:
        return False  # `true` is not an integer to a config author
    return isinstance(value, types)


_MISSING = object()


def expect_type(node: YamlMap, key: str, types: type | tuple[type, ...], what: str) -> Any:
    """Return ``node[key]`` if it has one of ``types``; else raise at its value.

    ``what`` names the owner in the message, e.g. ``"rule 'x'"`` gives
    ``rule 'x': 'level' must be a string, not a list``.  A missing key is an
    error unless ``type(None)`` is among ``types`` (then ``None`` is returned).
    An integer is accepted where ``Decimal`` is asked for and returned as a
    ``Decimal``, since ``5`` and ``5.0`` mean the same amount.
    """
    wanted = types if isinstance(types, tuple) else (types,)
    value = node.get(key, _MISSING)
    if value is _MISSING:
        if type(None) in wanted:
            return None
        raise error_at(node, None, f"{what}: missing required key '{key}'")
    if _matches(value, wanted):
        return value
    if Decimal in wanted and isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    names = []
    for kind in wanted:
        name = type_name(kind)
        if name not in names:
            names.append(name)
    expected = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    raise error_at(node, key,
                   f"{what}: '{key}' must be {expected}, not {type_name(value)}")

