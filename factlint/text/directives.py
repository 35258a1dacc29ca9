"""Inline suppression comments: ``<!-- factlint-disable RULE -->`` and friends.

Read from the *original* file text, so the Markdown and HTML readers can call
:func:`parse_directives` on what they read, and plain text uses the same form::

    <!-- factlint-disable usage-range-scale -->     from here on, until an enable
    <!-- factlint-enable usage-range-scale -->      (or ``factlint-enable`` for all)
    <!-- factlint-disable-line RULE -->             the line the comment is on
    <!-- factlint-disable-next-line RULE -->        the line after the comment

``RULE`` is one rule id or several separated by spaces or commas; none means
every rule.  In a plain-text file the HTML comment form cannot be mistaken for
copy: ``<!--`` is not a sequence Chinese news copy uses (no Chinese punctuation
mark is written with ``<`` ``!`` ``-``), and the directive must name
``factlint-`` as well.  A directive that suppresses nothing is reported by the
engine as ``unused-suppression`` (info), so stale ones do not pile up.

A comment that starts with ``factlint-`` but is not one of these is an error
naming its line, not silently ignored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .normalize import LineIndex

__all__ = ["Directive", "DirectiveError", "Suppressions", "parse_directives"]

_COMMENT = re.compile(r"<!--\s*factlint-(?P<verb>[a-z-]+)(?P<args>[^>]*?)\s*-->")
_VERBS = ("disable", "enable", "disable-line", "disable-next-line")
_RULE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class DirectiveError(ValueError):
    """A malformed ``<!-- factlint-... -->`` comment; names file, line and column."""

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path, self.line, self.column, self.message = path, line, column, message


@dataclass(frozen=True)
class Directive:
    """One suppression: ``rules`` (empty: all) on lines ``first``..``last`` inclusive.

    ``last`` is None for a ``disable`` never enabled again (to the end of the file).
    ``line``/``column``/``end_column`` say where the comment itself is written.
    """

    verb: str
    rules: tuple[str, ...]
    first: int
    last: int | None
    line: int
    column: int
    end_column: int
    text: str

    def covers(self, rule: str, line: int) -> bool:
        if self.rules and rule not in self.rules:
            return False
        return self.first <= line and (self.last is None or line <= self.last)


@dataclass(frozen=True)
class Suppressions:
    """The directives of one file, in the order written."""

    directives: tuple[Directive, ...] = ()

    def directive_for(self, rule: str, line: int) -> int | None:
        """Index of the first directive that silences ``rule`` on ``line``, or None."""
        for index, directive in enumerate(self.directives):
            if directive.covers(rule, line):
                return index
        return None

    def silence(self, places: Sequence[tuple[str, int]]) -> tuple[list[bool], set[int]]:
        """For each (rule, line) of ``places``: is it silenced?  And the directives used.

        One sweep over the places in line order, so the cost grows with places plus
        directives, not with their product: a directive opens at its first line, and
        each open one is looked at again only until it has been used or has ended.
        """
        order = sorted(range(len(places)), key=lambda i: places[i][1])
        by_first = sorted(range(len(self.directives)), key=lambda i: self.directives[i].first)
        pending: dict[str, list[int]] = {}  # rule ('' for all) -> opened, not yet used
        reach: dict[str, int] = {}  # rule -> the furthest last line of an opened directive
        silenced = [False] * len(places)
        used: set[int] = set()
        at = 0
        for i in order:
            rule, line = places[i]
            while at < len(by_first) and self.directives[by_first[at]].first <= line:
                index = by_first[at]
                directive = self.directives[index]
                last = directive.last if directive.last is not None else 1 << 62
                for key in directive.rules or ("",):
                    pending.setdefault(key, []).append(index)
                    reach[key] = max(reach.get(key, 0), last)
                at += 1
            for key in (rule, ""):
                if reach.get(key, 0) < line:
                    continue
                silenced[i] = True
                for index in pending.get(key, ()):
                    directive = self.directives[index]
                    if directive.last is None or directive.last >= line:
                        used.add(index)  # (one that ended before this line is never used)
                pending[key] = []
        return silenced, used


def _rules_of(args: str, path: str, line: int, column: int) -> tuple[str, ...]:
    rules = tuple(part for part in re.split(r"[\s,]+", args.strip()) if part)
    for rule in rules:
        if not _RULE_ID.match(rule):
            raise DirectiveError(path, line, column,
                                 f"'{rule}' is not a rule id (lower-case letters, digits, '-')")
    return rules


def parse_directives(text: str, path: str = "<text>") -> Suppressions:
    """Every suppression comment of ``text``; raises :class:`DirectiveError` on a bad one.

    Linear in the text: one regex scan (skipped entirely when no comment names factlint).
    """
    if "factlint-" not in text:
        return Suppressions()
    index = LineIndex(text, path)
    directives: list[Directive] = []
    open_blocks: list[Directive] = []  # disables still waiting for their enable
    for match in _COMMENT.finditer(text):
        line, column = index.position(match.start())
        end_column = column + match.end() - match.start()
        verb = match["verb"]
        if verb not in _VERBS:
            raise DirectiveError(path, line, column,
                                 f"unknown directive 'factlint-{verb}'; expected one of "
                                 + ", ".join(f"factlint-{v}" for v in _VERBS))
        rules = _rules_of(match["args"], path, line, column)
        common = dict(rules=rules, line=line, column=column, end_column=end_column,
                      text=match.group())
        if verb == "disable-line":
            directives.append(Directive(verb, first=line, last=line, **common))
        elif verb == "disable-next-line":
            directives.append(Directive(verb, first=line + 1, last=line + 1, **common))
        elif verb == "disable":
            block = Directive(verb, first=line, last=None, **common)
            open_blocks.append(block)
            directives.append(block)
        else:  # enable: closes the blocks it names (all of them when it names none)
            closing = [b for b in open_blocks if not rules or set(b.rules) & set(rules)
                       or (not b.rules and not rules)]
            if not closing:
                raise DirectiveError(path, line, column,
                                     "factlint-enable without a factlint-disable before it"
                                     + (f" for {', '.join(rules)}" if rules else ""))
            for block in closing:
                open_blocks.remove(block)
                position = next(i for i, d in enumerate(directives) if d is block)
                directives[position] = Directive(
                    block.verb, block.rules, block.first, line, block.line, block.column,
                    block.end_column, block.text)
    return Suppressions(tuple(directives))
