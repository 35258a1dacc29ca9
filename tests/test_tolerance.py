"""Arithmetic tolerance: how much rounding a figure carries depends on how it is written.

The table of README "Qualifiers": a whole count or sum of money written to the
units is exact, one ending in two or more zeros is rounded to its last non-zero
digit, a decimal or a multiplier carries half a unit of its last written digit,
and the upper end of 余/多 and of rounding is excluded.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from factlint import approx, parse
from factlint.claims.agree import agreement
from factlint.corpus import load_document
from factlint.model import Corpus
from factlint.rules import CheckContext, load_rules, rule_type
from factlint.rules._support import interval_of
from factlint.rules.safe_eval import Interval


@pytest.mark.parametrize(("written", "precision"), [
    ("9761个", "0"), ("17个", "0"), ("290个", "0"), ("12人", "0"), ("一万零五人", "0"),
    ("十七个", "0"), ("5元", "0"),
    ("1200人", "50"), ("一千二百人", "50"), ("1000人", "0"), ("一千人", "0"), ("300人", "0"),
    ("12000人", "500"), ("1.2万人", "500"),
    ("7436万名", "5000"), ("7400万名", "5000"), ("8500亿元", "50000000"), ("76.8亿元", "5000000"),
    ("76.80亿元", "500000"), ("1.5元", "0.05"),
    ("15%", "0.5"), ("3天", "0.5"), ("17公里", "0.5"), ("76.8%", "0.05"),
])
def test_precision_follows_how_the_figure_is_written(written: str, precision: str) -> None:
    assert parse(written).precision == Decimal(precision)


@pytest.mark.parametrize(("a", "b", "agrees"), [
    ("300余人", "400余人", False),   # [300, 400) and [400, 500) only touch
    ("300余人", "399人", True),
    ("400余人", "400人", True),
    ("76.83亿元", "76.8亿元", True),
    ("76.9亿元", "76.8亿元", False),   # [76.85, 76.95) and [76.75, 76.85) only touch
    ("76.86亿元", "76.8亿元", False),
    ("76.75亿元", "76.8亿元", True),
    ("12个", "13个", False),          # exact counts
    ("1200人", "1234人", True),       # 1200 may be rounded to hundreds
    ("1200人", "1250人", False),
    ("5%", "6%", False),             # 4.5–5.5 and 5.5–6.5 only touch
    ("5.4%", "5%", True),
    ("1年", "半年", False),          # (0.5, 1.5) and 0.5 only touch at the rounding's end
    ("1.2万人", "12000人", True),
    ("１２０００人", "1.2万人", True),
    ("近1.8万人", "1.8万人", True),    # a bit under 18000, and 17500–18500
    ("近1.8万人", "1.85万人", False),
])
def test_agreement_table(a: str, b: str, agrees: bool) -> None:
    assert agreement(parse(a), parse(b)).agrees is agrees
    assert agreement(parse(b), parse(a)).agrees is agrees
    assert (parse(a) == approx(b)) is agrees


def test_approx_number_excludes_the_open_top() -> None:
    assert Decimal(499) == approx("400余人")
    assert Decimal(500) != approx("400余人")
    assert 9761 == approx("9761个")
    assert 9762 != approx("9761个")


def test_interval_arithmetic_keeps_open_ends() -> None:
    more = interval_of(parse("400余人"))
    assert (more.lo, more.hi, more.hi_open) == (Decimal(400), Decimal(500), True)
    total = more + Interval.exact(Decimal(100))
    assert (total.hi, total.hi_open) == (Decimal(600), True)
    assert not total.overlaps(Interval.exact(Decimal(600)))
    assert total.overlaps(Interval.exact(Decimal(500)))
    assert (-more).lo_open and not (-more).hi_open
    assert not Interval(Decimal(1), Decimal(2), hi_open=True).overlaps(
        Interval(Decimal(2), Decimal(3)))


SUM = """
- id: team-total
  type: sum
  level: error
  message: 合计不符
  total: {pattern: "共{n}，"}
  parts:
    - {pattern: "甲{n}、"}
    - {pattern: "乙{n}、"}
    - {pattern: "丙{n}。"}
"""


@pytest.mark.parametrize(("total", "parts", "fires"), [
    ("12人", ("2人", "4人", "6人"), False),
    ("12人", ("2人", "4人", "7人"), True),   # 13: exact counts are not widened by ±0.5
    ("12人", ("2人", "4人", "8人"), True),
    ("12人", ("2人", "4人", "9人"), True),
    ("1200人", ("1012人", "188人", "6人"), False),  # 1206 is within 1200 ± 50
    ("1200人", ("1012人", "288人", "6人"), True),
    ("300余人", ("201人", "149人", "50人"), True),  # 400 is not in [300, 400)
    ("300余人", ("201人", "148人", "50人"), False),
])
def test_sum_of_exact_counts_is_exact(tmp_path, total: str, parts: tuple, fires: bool) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(SUM, encoding="utf-8")
    [rule] = load_rules([str(path)])
    text = f"共{total}，甲{parts[0]}、乙{parts[1]}、丙{parts[2]}。"
    docs = Corpus((load_document("a.txt", text, year=2020),))
    findings = list(rule_type("sum").check(rule, docs, CheckContext()))
    assert bool(findings) is fires, findings
