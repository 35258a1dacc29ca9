"""Agreement between two quantities, on figures as copy writes them."""

from __future__ import annotations

from decimal import Decimal

from factlint import parse
from factlint.claims.agree import (
    agreement,
    compare_units,
    describe,
    overlaps,
    report_level,
    widened,
)


def test_widened_uses_precision_of_last_written_digit():
    assert widened(parse("76.8亿元")) == (Decimal("7675000000"), Decimal("7685000000"))


def test_overlaps_with_open_ends():
    assert overlaps((Decimal(1), Decimal(5)), (Decimal(5), None))
    assert not overlaps((Decimal(1), Decimal(5)), (Decimal(6), None))
    assert overlaps((None, Decimal(1)), (None, Decimal(0)))
    assert not overlaps((None, Decimal(1)), (Decimal(2), Decimal(3)))


def test_rounded_restatement_agrees():
    assert agreement(parse("76.8亿元"), parse("76.84亿元")).agrees
    verdict = agreement(parse("76.8亿元"), parse("77.1亿元"))
    assert not verdict.agrees and verdict.level == "error"


def test_more_than_and_exact_figures():
    assert agreement(parse("7436万多名"), parse("74361234名")).agrees
    assert not agreement(parse("7436万多名"), parse("7346万多名")).agrees
    assert not agreement(parse("400余名"), parse("4400余名")).agrees


def test_different_units_never_agree():
    verdict = agreement(parse("100元"), parse("100美元"))
    assert not verdict.agrees and "different units" in verdict.reason


def test_measure_word_variant_policy():
    a, b = parse("4800件"), parse("4800个")
    assert compare_units(a, b) == "variant"
    assert compare_units(a, b, "ignore") == "same"
    assert compare_units(parse("5名"), parse("5元")) == "different"
    warn = agreement(a, b)
    assert warn.agrees and warn.level == "warning"
    assert agreement(a, b, "ignore").level is None
    error = agreement(a, b, "error")
    assert not error.agrees and error.level == "error"
    # A variant with values that disagree is still a contradiction.
    assert agreement(parse("4800件"), parse("4900个")).level == "error"


def test_report_level_takes_the_milder():
    warn = agreement(parse("4800件"), parse("4800个"))
    assert report_level("error", warn) == "warning"
    assert report_level("info", agreement(parse("5名"), parse("6名"))) == "info"
    assert report_level("error", agreement(parse("5名"), parse("5名"))) is None


def test_describe():
    assert describe(parse("7436万多名")) == "7436万多名 (74360000–74370000 名)"
    assert describe(parse("76.8亿元")) == "76.8亿元 (7680000000 元)"
