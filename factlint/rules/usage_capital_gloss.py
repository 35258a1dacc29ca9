"""usage-capital-gloss: a capital-numeral amount agrees with its Arabic gloss.

Why it matters: contracts, financial notices and court reports write an amount
in capital numerals (GB/T 15835-2011 5.2.4: 壹贰叁肆伍陆柒捌玖拾佰仟, for
法律文书和财务票据) and repeat it in digits in brackets, or the other way round.
When the two disagree (``叁万元（3000元）``) one of them is wrong — a fact, not a
style — so this is an error, and there is no fix: which one is right needs the
source.

Fires on: ``叁万元（3000元）``, ``3504元（大写：叁仟伍佰零伍元）``.
Does not fire on: ``叁万元（30000元）``, ``3504元（叁仟伍佰零肆圆）``,
``人民币叁万元整（¥30,000.00）``, ``三万元（3000美元）`` (not capital numerals).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

import regex

from ..model import Corpus, Finding
from . import CheckContext, Rule
from ._usage import clause, location, normalized, usage_finding

NAME = "usage-capital-gloss"
DEFAULT_LEVEL = "error"
DESCRIPTION = ("An amount in capital numerals agrees with the Arabic figure glossing it: "
               "叁万元（30000元）, not 叁万元（3000元） (GB/T 15835-2011 5.2.4).")

_CAP = "零壹贰叁肆伍陆柒捌玖拾佰仟万亿"
_CAPITAL = (rf"(?:人民币)?(?P<cap>[{_CAP}]*[壹贰叁肆伍陆柒捌玖拾佰仟][{_CAP}]*)(?P<cu>[元圆])"
            rf"(?:(?P<jiao>[{_CAP}])角)?(?:(?P<fen>[{_CAP}])分)?整?")
_ARABIC = (r"(?:人民币|小写|大写)?[:：]?\s*[¥￥]?\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*"
           r"(?P<scale>[万亿]?)(?P<au>元|圆)?")
_PAIRS = (
    regex.compile(rf"{_CAPITAL}\s*[（(]\s*{_ARABIC}\s*[）)]"),
    regex.compile(rf"{_ARABIC.replace('(?P<au>元|圆)?', '(?P<au>元|圆)')}\s*[（(]\s*"
                  rf"(?:大写[:：]?\s*)?(?:人民币)?{_CAPITAL[len('(?:人民币)?'):]}\s*[）)]"),
)
# (The standard library's engine: twice as fast for this search.)
_ANY_CAPITAL = re.compile(rf"[{_CAP[1:13]}][{_CAP}]*[元圆]")
_CAPITAL_DIGITS = _CAP[1:13]
_LOWER = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟", "一二三四五六七八九十百千")


def capital_value(m: regex.Match) -> Decimal | None:
    import cn2an  # lazily: a third of factlint's start-up, and most runs never need it

    try:
        value = Decimal(str(cn2an.cn2an(m["cap"].translate(_LOWER), "strict")))
    except (ValueError, InvalidOperation, KeyError):
        return None
    for part, unit in (("jiao", Decimal("0.1")), ("fen", Decimal("0.01"))):
        if m[part]:
            try:
                value += Decimal(str(cn2an.cn2an(m[part].translate(_LOWER), "strict"))) * unit
            except (ValueError, InvalidOperation, KeyError):
                return None
    return value


def arabic_value(m: regex.Match) -> Decimal:
    value = Decimal(m["num"].replace(",", ""))
    return value * {"": 1, "万": 10_000, "亿": 100_000_000}[m["scale"]]


SCOPE = "document"  # what it reads: one document at a time


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    for document in corpus.documents:
        text = normalized(document)
        if not any(digit in text for digit in _CAPITAL_DIGITS) or _ANY_CAPITAL.search(
                text) is None:
            continue  # no amount in capital numerals (陆 alone is 大陆, 登陆)
        for pattern in _PAIRS:
            for m in pattern.finditer(text):
                capital = capital_value(m)
                if capital is None:
                    continue
                arabic = arabic_value(m)
                if capital == arabic:
                    continue
                cap_start = m.start("cap")
                cap_end = max(m.end("cu"), m.end("jiao"), m.end("fen"))
                num_start, num_end = m.start("num"), m.end("au") if m["au"] else m.end("num")
                cap_text = document.text[cap_start:cap_end]
                num_text = document.text[num_start:num_end]
                yield usage_finding(
                    rule, document, cap_start, cap_end,
                    f"{cap_text} is {capital:,} in capital numerals but its gloss {num_text} "
                    f"says {arabic:,}; one of them is wrong {clause('5.2.4')}",
                    related=(location(document, num_start, num_end),))
