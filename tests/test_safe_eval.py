"""The derived rule's arithmetic: parsed by hand, evaluated over intervals, never eval()."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factlint.rules.safe_eval import ExpressionError, Interval, evaluate, parse_expression

D = Decimal
INF = Decimal("Infinity")


def exact(value) -> Interval:
    return Interval.exact(D(value))


@pytest.mark.parametrize(("text", "value"), [
    ("1 + 2 * 3", "7"),
    ("(1 + 2) * 3", "9"),
    ("10 - 4 - 3", "3"),          # left-associative
    ("24 / 4 / 2", "3"),
    ("-3 + 5", "2"),
    ("--3", "3"),
    ("2 × 3 ÷ 4", "1.5"),         # × ÷ as copy editors type them
    ("（1＋2）×3", "9"),            # full-width brackets and plus
    ("7 − 2", "5"),               # U+2212 minus
    ("1_000 * 0.5", "500"),
    (".5 + .5", "1"),
])
def test_arithmetic(text: str, value: str) -> None:
    assert evaluate(text, {}) == exact(value)


def test_names_and_interval_division() -> None:
    expression = parse_expression("money / donors")
    assert expression.names == (("money", 0), ("donors", 8))
    result = expression.evaluate({"money": Interval(D(7675000000), D(7685000000)),
                                  "donors": Interval(D(74360000), D(74370000))})
    assert D("103.20") < result.lo < D("103.21")
    assert D("103.34") < result.hi < D("103.35")


def test_chinese_names() -> None:
    assert evaluate("捐款 / 人数", {"捐款": exact(10), "人数": exact(4)}) == exact("2.5")


def test_interval_multiplication_takes_every_sign() -> None:
    assert evaluate("a * b", {"a": Interval(D(-2), D(3)), "b": Interval(D(-5), D(4))}) == \
        Interval(D(-15), D(12))


def test_open_ends() -> None:
    open_above = Interval(D(15), INF)  # 超过15个小时
    assert evaluate("h * 2", {"h": open_above}) == Interval(D(30), INF)
    assert evaluate("h - h", {"h": open_above}) == Interval(-INF, INF)
    assert evaluate("0 * h", {"h": open_above}) == exact(0)


def test_a_divisor_that_may_be_zero_gives_no_bound() -> None:
    assert evaluate("1 / x", {"x": Interval(D(-1), D(1))}) == Interval(-INF, INF)


def test_division_by_exact_zero_is_an_error_at_the_operator() -> None:
    with pytest.raises(ExpressionError) as info:
        evaluate("a / (b - b)", {"a": exact(1), "b": exact(2)})
    assert info.value.offset == 2
    assert "division by zero" in info.value.message


@pytest.mark.parametrize(("text", "offset", "words"), [
    ("", 0, "empty"),
    ("a +", 3, "ends where"),
    ("(a", 2, "not closed"),
    ("a)", 1, "without a matching"),
    ("a b", 2, "expected an operator"),
    ("2x", 0, "cannot start with a digit"),
    ("a ** 2", 2, "power"),
    ("a % 2", 2, "unexpected character"),
    ("__import__('os').system('true')", 11, "unexpected character"),
    ("a.b", 1, "unexpected character"),
    ("1__0", 0, "malformed number"),
])
def test_malformed_expressions_name_the_place(text: str, offset: int, words: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse_expression(text)
    assert info.value.offset == offset
    assert words in info.value.message


def test_nesting_and_length_are_bounded() -> None:
    assert evaluate("(" * 50 + "1" + ")" * 50, {}) == exact(1)
    with pytest.raises(ExpressionError, match="nested more than"):
        parse_expression("(" * 150 + "1" + ")" * 150)
    with pytest.raises(ExpressionError, match="longer than"):
        parse_expression("1+" * 300 + "1")


def test_a_missing_value_is_an_error() -> None:
    with pytest.raises(ExpressionError, match="no value for 'x'"):
        evaluate("1 + x", {})


figures = st.fractions(min_value=-10**6, max_value=10**6, max_denominator=1000)


def _interval(a: Fraction, b: Fraction) -> Interval:
    lo, hi = sorted((a, b))
    # Decimal of a Fraction: round outwards so the interval contains the fraction.
    return Interval(D(lo.numerator) / D(lo.denominator), D(hi.numerator) / D(hi.denominator))


@given(figures, figures, figures, figures, st.sampled_from("+-*/"))
def test_the_result_contains_every_true_value(a1, a2, b1, b2, op) -> None:
    """Directed rounding: the computed interval contains the exact result of any
    point of the operands (checked at the operands' ends, exactly, with Fractions)."""
    x, y = _interval(a1, a2), _interval(b1, b2)
    try:
        result = evaluate(f"x {op} y", {"x": x, "y": y})
    except ExpressionError:
        assert op == "/" and y.lo == y.hi == 0
        return
    for xv in (x.lo, x.hi):
        for yv in (y.lo, y.hi):
            fx, fy = Fraction(xv), Fraction(yv)
            if op == "/" and fy == 0:
                continue
            true = {"+": fx + fy, "-": fx - fy, "*": fx * fy, "/": fx / fy if fy else 0}[op]
            lo = Fraction(result.lo) if result.lo.is_finite() else None
            hi = Fraction(result.hi) if result.hi.is_finite() else None
            assert lo is None or lo <= true
            assert hi is None or true <= hi
