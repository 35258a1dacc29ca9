"""A small, safe arithmetic evaluator over intervals, for the ``derived`` rule.

Rule files are written by people, so their expressions are parsed here by a
tokenizer and a recursive-descent parser, never by Python's ``eval`` (or
``ast``-based evaluation): the only things an expression can do are add,
subtract, multiply and divide numbers and the values of named claims.

Grammar::

    expression := term (("+" | "-") term)*
    term       := unary (("*" | "/") unary)*
    unary      := ("+" | "-") unary | atom
    atom       := NUMBER | NAME | "(" expression ")"

``×`` and ``÷`` may stand for ``*`` and ``/``, ``−`` (U+2212) for ``-``, and
full-width ``（）＋－＊／`` for their ASCII forms, since rules are typed on Chinese
keyboards.  A NAME is a run of letters, digits and ``_`` not starting with a
digit (Chinese names such as ``捐款`` are fine).

Values are :class:`Interval`\\ s of :class:`~decimal.Decimal` (``±Infinity`` for an
open end).  Each bound is computed with directed rounding (the low end rounded
down, the high end up), so the result always contains the true value.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

__all__ = [
    "Expression",
    "ExpressionError",
    "Interval",
    "evaluate",
    "parse_expression",
]

_INF = Decimal("Infinity")
_ZERO = Decimal(0)
# Enough digits that rounding never matters at the scale of news figures.
_PRECISION = 34
_MAX_LENGTH = 500  # an expression is a line in a rules file, not a program
_MAX_DEPTH = 100  # nesting of parentheses and unary signs


class ExpressionError(ValueError):
    """A malformed expression (or one that cannot be evaluated).

    ``offset`` is the 0-based character position in the expression text the
    problem is at (``None`` when the problem has no one place, e.g. a division
    by zero found while evaluating).
    """

    def __init__(self, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True)
class Interval:
    """An interval from ``lo`` to ``hi``; ``-Infinity``/``Infinity`` stand for open ends.

    Both ends are included unless ``lo_open``/``hi_open`` say otherwise: 400余 is
    [400, 500) and a rounded 76.8亿 is (76.75亿, 76.85亿).  Sums and differences
    keep the open ends (a part of [400, 500) makes any sum stop short of its top);
    products and quotients other than by an exact number are closed, a superset
    that can only make a finding rarer.
    """

    lo: Decimal
    hi: Decimal
    lo_open: bool = False
    hi_open: bool = False

    def __post_init__(self) -> None:
        if self.lo.is_nan() or self.hi.is_nan():
            raise ValueError("an interval bound cannot be NaN")
        if self.lo > self.hi:
            raise ValueError(f"empty interval [{self.lo}, {self.hi}]")

    @classmethod
    def exact(cls, value: Decimal) -> Interval:
        return cls(value, value)

    @classmethod
    def of(cls, lo: Decimal | None, hi: Decimal | None, hi_open: bool = False,
           lo_open: bool = False) -> Interval:
        """From optional bounds, as :class:`~factlint.model.Quantity` has them (None = open)."""
        return cls(-_INF if lo is None else lo, _INF if hi is None else hi,
                   lo_open and lo is not None, hi_open and hi is not None)

    def contains_zero(self) -> bool:
        return self.lo <= _ZERO <= self.hi

    def overlaps(self, other: Interval) -> bool:
        return (_below(self.lo, self.lo_open, other.hi, other.hi_open)
                and _below(other.lo, other.lo_open, self.hi, self.hi_open))

    def __add__(self, other: Interval) -> Interval:
        return Interval(_round(lambda: self.lo + other.lo, decimal.ROUND_FLOOR, -_INF),
                        _round(lambda: self.hi + other.hi, decimal.ROUND_CEILING, _INF),
                        self.lo_open or other.lo_open, self.hi_open or other.hi_open)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo, self.hi_open, self.lo_open)

    def __sub__(self, other: Interval) -> Interval:
        return self + (-other)

    def __mul__(self, other: Interval) -> Interval:
        if other.lo == other.hi and other.lo > _ZERO and not other.lo.is_infinite():
            # By an exact positive number (3天 × 24): the ends keep their openness.
            return Interval(_product(self.lo, other.lo, decimal.ROUND_FLOOR),
                            _product(self.hi, other.lo, decimal.ROUND_CEILING),
                            self.lo_open, self.hi_open)
        pairs = [(a, b) for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        return Interval(min(_product(a, b, decimal.ROUND_FLOOR) for a, b in pairs),
                        max(_product(a, b, decimal.ROUND_CEILING) for a, b in pairs))

    def __truediv__(self, other: Interval) -> Interval:
        if other.lo == other.hi == _ZERO:
            raise ExpressionError("division by zero")
        if other.contains_zero():
            # A divisor that may be zero gives no bound at all.
            return Interval(-_INF, _INF)
        pairs = [(a, b) for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        return Interval(min(_quotient(a, b, decimal.ROUND_FLOOR) for a, b in pairs),
                        max(_quotient(a, b, decimal.ROUND_CEILING) for a, b in pairs))


def _below(lo: Decimal, lo_open: bool, hi: Decimal, hi_open: bool) -> bool:
    """Whether some value at or above ``lo`` is at or below ``hi``, ends as given."""
    return lo < hi or (lo == hi and not lo_open and not hi_open)


def _context(rounding: str) -> decimal.Context:
    return decimal.Context(prec=_PRECISION, rounding=rounding, Emin=-999999, Emax=999999,
                           traps=[decimal.InvalidOperation, decimal.DivisionByZero])


def _round(compute, rounding: str, if_undefined: Decimal) -> Decimal:
    """``compute()`` under directed rounding; inf − inf (an open end each way) is open."""
    with decimal.localcontext(_context(rounding)):
        try:
            return +compute()
        except decimal.InvalidOperation:
            return if_undefined


def _product(a: Decimal, b: Decimal, rounding: str) -> Decimal:
    if a == _ZERO or b == _ZERO:
        return _ZERO  # 0 × ∞ is 0 at an interval's end (extended interval arithmetic)
    with decimal.localcontext(_context(rounding)):
        return a * b


def _quotient(a: Decimal, b: Decimal, rounding: str) -> Decimal:
    if a.is_infinite() and b.is_infinite():
        # ∞/∞ at two ends: the bound is open in the sign's direction.
        return _INF if (a > 0) == (b > 0) else -_INF
    with decimal.localcontext(_context(rounding)):
        return a / b


# -- syntax tree -------------------------------------------------------------------


@dataclass(frozen=True)
class Number:
    value: Decimal
    offset: int


@dataclass(frozen=True)
class Name:
    name: str
    offset: int


@dataclass(frozen=True)
class Unary:
    op: str  # "+" or "-"
    operand: Node
    offset: int


@dataclass(frozen=True)
class Binary:
    op: str  # "+", "-", "*", "/"
    left: Node
    right: Node
    offset: int


Node = Number | Name | Unary | Binary


@dataclass(frozen=True)
class Expression:
    """A parsed expression: its text, its tree and the names it uses."""

    text: str
    tree: Node
    #: Every name with the offset of each use, in order of first use.
    names: tuple[tuple[str, int], ...]

    def evaluate(self, values: Mapping[str, Interval]) -> Interval:
        """The interval of the expression given an interval for each name.

        Raises :class:`ExpressionError` for a name without a value or a division
        by an exact zero.
        """
        return _evaluate(self.tree, values, 0)


def _evaluate(node: Node, values: Mapping[str, Interval], depth: int) -> Interval:
    if isinstance(node, Number):
        return Interval.exact(node.value)
    if isinstance(node, Name):
        try:
            return values[node.name]
        except KeyError:
            raise ExpressionError(f"no value for '{node.name}'", node.offset) from None
    if isinstance(node, Unary):
        value = _evaluate(node.operand, values, depth + 1)
        return -value if node.op == "-" else value
    left = _evaluate(node.left, values, depth + 1)
    right = _evaluate(node.right, values, depth + 1)
    if node.op == "+":
        return left + right
    if node.op == "-":
        return left - right
    if node.op == "*":
        return left * right
    try:
        return left / right
    except ExpressionError as exc:
        raise ExpressionError(exc.message, node.offset) from None


# -- tokenizer ---------------------------------------------------------------------

_OPERATORS = {
    "+": "+", "＋": "+",
    "-": "-", "−": "-", "－": "-",
    "*": "*", "×": "*", "＊": "*", "·": "*",
    "/": "/", "÷": "/", "／": "/",
    "(": "(", "（": "(",
    ")": ")", "）": ")",
}
_SPACE = " \t\u3000"


@dataclass(frozen=True)
class _Token:
    kind: str  # "number", "name", an operator ("+", "-", "*", "/", "(", ")") or "end"
    text: str
    offset: int
    value: Decimal | None = None


def _is_name_char(char: str) -> bool:
    return char == "_" or char.isalnum() and not _is_operator_like(char)


def _is_operator_like(char: str) -> bool:
    return char in _OPERATORS


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char in _SPACE:
            i += 1
            continue
        if char == "*" and text[i + 1:i + 2] == "*":
            raise ExpressionError("'**' (power) is not supported; use + − × ÷ only", i)
        if char in _OPERATORS:
            tokens.append(_Token(_OPERATORS[char], char, i))
            i += 1
            continue
        if "0" <= char <= "9" or (char == "." and i + 1 < n and "0" <= text[i + 1] <= "9"):
            start = i
            while i < n and ("0" <= text[i] <= "9" or text[i] == "_"):
                i += 1
            if i < n and text[i] == ".":
                i += 1
                while i < n and "0" <= text[i] <= "9":
                    i += 1
            literal = text[start:i]
            if literal.endswith("_") or "__" in literal or literal.startswith("_"):
                raise ExpressionError(f"malformed number '{literal}'", start)
            if i < n and _is_name_char(text[i]):
                raise ExpressionError(
                    f"a name cannot start with a digit: '{literal}{text[i]}…'", start)
            tokens.append(_Token("number", literal, start, Decimal(literal.replace("_", ""))))
            continue
        if _is_name_char(char):
            start = i
            while i < n and _is_name_char(text[i]):
                i += 1
            tokens.append(_Token("name", text[start:i], start))
            continue
        raise ExpressionError(f"unexpected character {char!r}; an expression has numbers, "
                              f"claim names, + − × ÷ and parentheses", i)
    tokens.append(_Token("end", "", n))
    return tokens


# -- parser ------------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.pos = 0
        self.depth = 0

    @property
    def current(self) -> _Token:
        return self.tokens[self.pos]

    def advance(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self) -> Node:
        if self.current.kind == "end":
            raise ExpressionError("the expression is empty", 0)
        node = self.expression()
        if self.current.kind != "end":
            token = self.current
            if token.kind == ")":
                raise ExpressionError("')' without a matching '('", token.offset)
            raise ExpressionError(f"expected an operator before '{token.text}'", token.offset)
        return node

    def expression(self) -> Node:
        node = self.term()
        while self.current.kind in ("+", "-"):
            op = self.advance()
            node = Binary(op.kind, node, self.term(), op.offset)
        return node

    def term(self) -> Node:
        node = self.unary()
        while self.current.kind in ("*", "/"):
            op = self.advance()
            node = Binary(op.kind, node, self.unary(), op.offset)
        return node

    def unary(self) -> Node:
        token = self.current
        if token.kind in ("+", "-"):
            self.advance()
            with self._nested(token):
                return Unary(token.kind, self.unary(), token.offset)
        return self.atom()

    def atom(self) -> Node:
        token = self.advance()
        if token.kind == "number":
            return Number(token.value, token.offset)  # type: ignore[arg-type]
        if token.kind == "name":
            return Name(token.text, token.offset)
        if token.kind == "(":
            with self._nested(token):
                node = self.expression()
            closing = self.current
            if closing.kind != ")":
                raise ExpressionError(f"'(' at character {token.offset + 1} is not closed",
                                      closing.offset)
            self.advance()
            return node
        if token.kind == "end":
            raise ExpressionError("the expression ends where a number, name or '(' was "
                                  "expected", token.offset)
        raise ExpressionError(f"expected a number, name or '(' but found '{token.text}'",
                              token.offset)

    def _nested(self, token: _Token):
        parser = self

        class _Depth:
            def __enter__(self) -> None:
                parser.depth += 1
                if parser.depth > _MAX_DEPTH:
                    raise ExpressionError(f"nested more than {_MAX_DEPTH} deep", token.offset)

            def __exit__(self, *exc: object) -> None:
                parser.depth -= 1

        return _Depth()


def _names(node: Node, found: list[tuple[str, int]]) -> None:
    # Iterative walk: an expression nested 100 deep must not exhaust the stack.
    stack: list[Node] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Name):
            found.append((current.name, current.offset))
        elif isinstance(current, Unary):
            stack.append(current.operand)
        elif isinstance(current, Binary):
            stack.append(current.right)
            stack.append(current.left)


def parse_expression(text: str) -> Expression:
    """Parse ``text``; raise :class:`ExpressionError` (with the offset) if it is malformed."""
    if not isinstance(text, str):
        raise ExpressionError("an expression must be text", None)
    if len(text) > _MAX_LENGTH:
        raise ExpressionError(f"the expression is longer than {_MAX_LENGTH} characters", 0)
    tree = _Parser(text).parse()
    found: list[tuple[str, int]] = []
    _names(tree, found)
    return Expression(text=text, tree=tree, names=tuple(found))


def evaluate(text: str, values: Mapping[str, Interval]) -> Interval:
    """Parse and evaluate ``text`` in one step (see :meth:`Expression.evaluate`)."""
    return parse_expression(text).evaluate(values)
