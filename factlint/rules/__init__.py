"""Rules: the engine (``engine``), YAML rule files, rule types and built-in checks.

One module per rule type or built-in check; ``safe_eval`` reads ``derived`` expressions.
It takes a corpus and its claims and hands on sorted findings to the reporters.

A rules file is a YAML list of rules, or a mapping whose ``rules:`` key holds
that list.  Every rule has the common keys

    id: party-members-donated      # unique across all rule files; [a-z0-9-]
    type: expect                   # one of RULE_TYPES
    level: error                   # error | warning | info
    message: 全国捐款党员人数与新华社通稿不符
    link: https://...              # optional
    description: ...               # optional, shown in SARIF rule metadata
    known:                         # optional: recorded errata, reported at info
      - reason: 印刷版排错，网络版已更正
        locations: ["seeds/000_6aef4c9e06e579a7.txt:12"]   # path:line or path:line:col
      - reason: ...
        value: 4400余名            # or the wrong value as written

plus the keys of its type (see each module in this package).  A rule type
module has ``NAME``, a docstring (what it checks, why it matters, its YAML
schema with an example), ``KEYS`` (its own YAML keys),
``parse_options(node, rule_id)`` and ``check(rule, corpus, ctx)``.  A built-in
module needs no YAML: it has ``NAME``, ``DEFAULT_LEVEL``, ``DESCRIPTION`` and
``check``; the runner makes its :class:`Rule`.

A module may say with ``SCOPE`` what its ``check`` must see at once, so that the
engine can run it on part of the corpus (and on Dask, anywhere):

    SCOPE = "document"   # each document alone (repeated-figure): check(corpus) is the
                         # union of check(corpus of one document)
    SCOPE = "group"      # the versions of one article (cross-source): the union over
                         # the sources file's groups of check(that group's documents)
    SCOPE = "corpus"     # the default: every document, of which a rule whose options
                         # hold selectors sees only the sentences they pick a claim in

The check itself does not change: it is handed a smaller :class:`Corpus`.
"""

from __future__ import annotations

import copyreg
import importlib
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType, ModuleType
from typing import Any

import regex

from ..model import LEVELS
from ..settings.yamlload import (
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
    "ALIASES",
    "BUILTINS",
    "COMMON_KEYS",
    "CheckContext",
    "KnownErratum",
    "RULE_TYPES",
    "USAGE_CHECKS",
    "Rule",
    "builtin_module",
    "load_rules",
    "rule_type",
]

RULE_TYPES: tuple[str, ...] = ("expect", "consistent", "sum", "compare", "derived", "duration")
#: The numeral-usage checks (GB/T 15835-2011), one ``usage_*`` module each.
USAGE_CHECKS: tuple[str, ...] = (
    "usage-range-scale", "usage-range-connector", "usage-arabic-scale", "usage-ji-numeral",
    "usage-approx-dunhao", "usage-decimal-zero", "usage-year-grouping", "usage-grouping-style",
    "usage-zero-form", "usage-year-full", "usage-date-format", "usage-chinese-numeral-words",
    "usage-approx-form", "usage-approx-precision", "usage-bei-decrease", "usage-capital-gloss",
)
BUILTINS: tuple[str, ...] = ("restatement", "contradictory-qualifier", "cross-source",
                             "total-vs-parts", "range-vs-duration", "share-bounds",
                             *USAGE_CHECKS)
#: Former ids of built-in checks, still accepted in ``disable`` and ``levels``.
ALIASES: Mapping[str, str] = MappingProxyType({"repeated-figure": "restatement"})
COMMON_KEYS: frozenset[str] = frozenset(
    {"id", "type", "level", "message", "link", "description", "known", "scope"})
KNOWN_KEYS: tuple[str, ...] = ("reason", "locations", "value")
_RULE_ID = regex.compile(r"^[a-z0-9][a-z0-9-]*$")
_LOCATION = regex.compile(r"^(?P<path>.+?):(?P<line>[1-9][0-9]*)(?::(?P<col>[1-9][0-9]*))?$")


@dataclass(frozen=True)
class KnownErratum:
    """A recorded erratum (`known:` of a rule): matching findings drop to info."""

    reason: str
    locations: tuple[str, ...] = ()  # "path:line" or "path:line:col" as written
    value: str | None = None  # or the wrong value as written ("4400余名")


@dataclass(frozen=True)
class Rule:
    """One rule as read from YAML (or made by the runner for a built-in)."""

    id: str
    type: str
    level: str
    message: str
    link: str | None = None
    description: str = ""
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    known: tuple[KnownErratum, ...] = ()
    origin: tuple[str, int, int] = ("", 0, 0)  # rules file, line, column
    #: ``document`` or ``corpus``: where a rule that combines figures takes them from
    #: (see :mod:`factlint.rules.scope`).
    scope: str = "document"


# Rule.options is a read-only mapping; let pickle carry it as one, since the Dask
# engine ships the rules to its workers.
def _read_only(mapping: dict) -> MappingProxyType:
    return MappingProxyType(mapping)


copyreg.pickle(MappingProxyType, lambda mapping: (_read_only, (dict(mapping),)))


@dataclass(frozen=True)
class CheckContext:
    """Run-wide settings a rule's check needs."""

    variants: str = "warning"  # measure-word-variants policy: warning|error|ignore
    #: Resolved paths of files checked with the corpus but not part of it (drafts the
    #: pre-commit hook was given): a rule about every file of the corpus skips them.
    drafts: frozenset[str] = frozenset()
    #: Resolved paths of the only files whose findings will be reported (the hook's staged
    #: files), or None for all: rules whose findings stay inside one document, and version
    #: groups without such a file, may then skip the rest (see rules.scope.focused).
    focus: frozenset[str] | None = None
    range_connector: str = "～"  # the house style's range connector: ～ or —
    #: The directory the run's relative paths are relative to ("": the working
    #: directory).  A Dask worker may run elsewhere: it resolves from the client's.
    base: str = ""

    def resolved(self, path: str) -> str:
        """``path`` as :attr:`drafts` and :attr:`focus` spell it (see
        :func:`factlint.settings.sources.resolved`), wherever the check runs."""
        from ..settings.sources import resolved

        return resolved(os.path.join(self.base, path) if self.base else path)


def rule_type(name: str) -> ModuleType:
    """The module of rule type ``name`` (``factlint.rules.<name>``)."""
    return importlib.import_module(f"{__name__}.{name}")


def builtin_module(rule_id: str) -> ModuleType | None:
    """The module of built-in ``rule_id``, or None if it is not in this checkout."""
    name = f"{__name__}.{rule_id.replace('-', '_')}"
    loaded = sys.modules.get(name)
    if loaded is not None:
        # What import_module returns for a loaded module, without its machinery: the
        # engine asks for every rule's module for every document (10 µs a time).
        return loaded
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return None


def _known(node: YamlMap, rule_id: str) -> tuple[KnownErratum, ...]:
    what = f"rule '{rule_id}'"
    entries = node["known"]
    if not isinstance(entries, YamlList):
        raise error_at(node, "known", f"{what}: 'known' must be a list of errata, "
                       f"not {type_name(entries)}")
    result = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, YamlMap):
            raise error_at(entries, index, f"{what}: a 'known' entry must be a mapping of "
                           f"reason and locations or value, not {type_name(entry)}")
        check_keys(entry, KNOWN_KEYS, f"{what} 'known' entry")
        reason = expect_type(entry, "reason", str, f"{what} 'known' entry")
        if not reason.strip():
            raise error_at(entry, "reason", f"{what}: 'reason' must not be empty")
        locations: tuple[str, ...] = ()
        if "locations" in entry:
            raw = entry["locations"]
            items = YamlList(entry.path, *entry.value_pos("locations"))
            if isinstance(raw, str):
                items._add(raw, entry.value_pos("locations"))
            elif isinstance(raw, YamlList):
                items = raw
            else:
                raise error_at(entry, "locations", f"{what}: 'locations' must be a list of "
                               f"path:line strings, not {type_name(raw)}")
            for i, item in enumerate(items):
                if not isinstance(item, str) or not _LOCATION.match(item):
                    raise error_at(items, i, f"{what}: a known location must read path:line "
                                   f"or path:line:column, not {item!r}")
            locations = tuple(items)
        value = expect_type(entry, "value", (str, type(None)), f"{what} 'known' entry")
        if not locations and value is None:
            raise error_at(entries, index, f"{what}: a 'known' entry needs 'locations' or "
                           f"'value' to say which finding it explains")
        result.append(KnownErratum(reason=reason.strip(), locations=locations, value=value))
    return tuple(result)


def _rule(node: Any, container: YamlList, index: int, seen: dict[str, tuple[str, int]]) -> Rule:
    if not isinstance(node, YamlMap):
        raise error_at(container, index, f"a rule must be a mapping with id, type, level and "
                       f"message, not {type_name(node)}")
    what = f"rule {index + 1}"
    rule_id = expect_type(node, "id", str, what)
    if not _RULE_ID.match(rule_id):
        raise error_at(node, "id", f"rule id '{rule_id}' must be lower-case letters, digits "
                       f"and '-', starting with a letter or digit")
    if rule_id in BUILTINS or rule_id in ALIASES:
        raise error_at(node, "id", f"rule id '{rule_id}' is the id of a built-in rule")
    if rule_id in seen:
        first_path, first_line = seen[rule_id]
        raise error_at(node, "id", f"duplicate rule id '{rule_id}' (first defined at "
                       f"{first_path}:{first_line})")
    what = f"rule '{rule_id}'"
    type_name_ = expect_type(node, "type", str, what)
    if type_name_ not in RULE_TYPES:
        hint = ""
        if type_name_ in BUILTINS:
            hint = " (built-in rules need no YAML; configure them with 'levels' or 'disable')"
        raise error_at(node, "type", f"{what}: unknown type '{type_name_}'; expected one of: "
                       f"{', '.join(RULE_TYPES)}{hint}")
    try:
        module = rule_type(type_name_)
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{type_name_}":
            raise
        raise error_at(node, "type", f"{what}: rule type '{type_name_}' is not available in "
                       f"this version of factlint") from None
    check_keys(node, COMMON_KEYS | module.KEYS, f"{what} (type {type_name_})")
    level = expect_type(node, "level", str, what)
    if level not in LEVELS:
        raise error_at(node, "level", f"{what}: level must be one of error, warning, info, "
                       f"not '{level}'")
    message = expect_type(node, "message", str, what)
    if not message.strip():
        raise error_at(node, "message", f"{what}: 'message' must not be empty")
    link = expect_type(node, "link", (str, type(None)), what)
    description = expect_type(node, "description", (str, type(None)), what) or ""
    known = _known(node, rule_id) if "known" in node else ()
    scope = expect_type(node, "scope", (str, type(None)), what) or "document"
    if scope not in ("document", "corpus"):
        raise error_at(node, "scope", f"{what}: scope must be document or corpus, not "
                       f"'{scope}'")
    options = module.parse_options(node, rule_id)
    seen[rule_id] = (node.path, node.key_pos("id")[0])
    return Rule(id=rule_id, type=type_name_, level=level, message=message.strip(), link=link,
                description=description.strip(),
                options=MappingProxyType(dict(options)), known=known,
                origin=(node.path, node.line, node.column), scope=scope)


def load_rules(paths: Sequence[str]) -> list[Rule]:
    """Read and validate every rule of ``paths``, in file order; raise ConfigError."""
    rules: list[Rule] = []
    seen: dict[str, tuple[str, int]] = {}
    for path in paths:
        data = load_yaml(path)
        if data is None:
            continue
        if isinstance(data, YamlMap):
            check_keys(data, ("rules",), "rules file")
            data = expect_type(data, "rules", (list, type(None)), "rules file")
            if data is None:
                continue
        if not isinstance(data, YamlList):
            raise ConfigError(path, 1, 1, f"a rules file must be a list of rules (or a mapping "
                              f"with 'rules:'), not {type_name(data)}")
        for index, node in enumerate(data):
            rules.append(_rule(node, data, index, seen))
    return rules
