"""usage-arabic-scale: Arabic digits never take 十, 百 or 千 as a scale word.

Why it matters: GB/T 15835-2011 5.3 lets a large figure keep 万 and 亿 in Chinese
(``10亿零817万5288人``) but no other mix of Arabic digits and Chinese numerals:
``4000`` may be written ``四千`` but not ``4千``, and ``108`` not ``1百零8``.  The
metric prefixes of units (千米, 千克, 千瓦, 千帕, 百帕 …) are not scale words and
are left alone.

Fires on: ``4千人`` (→ ``4000人``), ``1万8千2百元`` (→ ``18200元``), ``3千万元``
(→ ``3000万元``), ``2百多名`` (→ ``200多名``).
Does not fire on: ``4000人``, ``5千米``, ``3千克``, ``10千瓦``, ``1020百帕``,
``四千人``, ``3万人``, ``1882百亿亿次`` (百亿亿次, 10¹⁸ operations, is a unit).

``1千4百多万`` becomes ``1400多万``: the 万 written after 多 is part of the figure.
The writer's 万 and 亿 stay (``1亿3千万`` → ``1亿3000万``, ``12万5千元`` → ``12万5000元``);
a figure under 100,000 becomes plain digits (``1万8千2百`` → ``18200``).

The fix writes the figure in digits, keeping a final 万 or 亿; factlint proves it
by reading the figure again before ``factlint fix`` applies it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

import regex

from ..model import Corpus, Finding
from . import CheckContext, Rule
from ._usage import clause, normalized, usage_finding

NAME = "usage-arabic-scale"
DEFAULT_LEVEL = "warning"
DESCRIPTION = ("Arabic digits take no 十/百/千 as a scale word: 4000人, not 4千人 "
               "(GB/T 15835-2011 5.3); unit prefixes such as 千米 are fine.")

# Unit prefixes: 千 or 百 here starts a unit name, not a scale.
_PREFIXED_UNIT = ("米", "克", "瓦", "帕", "赫", "焦", "伏", "卡", "字节", "兆", "牛", "比特",
                  "升", "欧", "安", "秒", "吨", "位", "分")
_SCALE = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_RUN = regex.compile(r"(?<![\d.,])(?:\d+(?:\.\d+)?[十百千万亿]+)+\d*(?![\d.])")
_MORE_SCALE = regex.compile(r"[多余](?P<scale>[万亿])")
_TOKEN = regex.compile(r"(\d+(?:\.\d+)?)?([十百千万亿])")
#: What every finding holds: a digit before 十, 百 or 千 (3万 and 10亿 are allowed).
_DIGIT_SCALE = regex.compile(r"\d[十百千]")
_SCALES = frozenset(".,十百千万亿")


def _in_run(char: str) -> bool:
    """Whether ``char`` can be in a match of :data:`_RUN` (or stop one: the comma)."""
    return char.isdecimal() or char in _SCALES


def _runs(text: str) -> Iterator[regex.Match]:
    """The matches of :data:`_RUN` in ``text`` that can hold a finding: those in a stretch
    of digits and scale words holding a digit before 十, 百 or 千.  Each such stretch is
    scanned alone, from its start (no match crosses its ends), instead of the whole text
    for every 3万 in it."""
    at = 0
    while (hit := _DIGIT_SCALE.search(text, at)) is not None:
        start, end = hit.start(), hit.end()
        while start and _in_run(text[start - 1]):
            start -= 1
        while end < len(text) and _in_run(text[end]):
            end += 1
        yield from _RUN.finditer(text, start, end)
        at = end


def rewrite(run: str, written: str) -> tuple[str, Decimal] | None:
    """The figure ``run`` (normalised; ``written`` is the same text as in the file) in
    digits, and its value: ``1万8千2百`` → ``18200``, ``3千万`` → ``3000万``, ``12万5千`` →
    ``12万5000``, ``3億6千萬`` → ``3億6000萬``.  None when it is not a figure.

    The writer's 万 and 亿 stay (GB/T 15835-2011 5.3 allows them) and only the stretches
    with 十/百/千 are rewritten, except that a figure under 100,000 not ending in 万 or
    亿 becomes plain digits (``1万8千2百`` → ``18200``).
    """
    pieces: list[str] = []
    total = Decimal(0)
    section = Decimal(0)
    section_start = 0
    pos = 0
    for m in _TOKEN.finditer(run):
        if m.start() != pos:
            return None
        pos = m.end()
        number = Decimal(m[1]) if m[1] else None
        scale = m[2]
        if scale in "十百千":
            if number is None:
                return None  # 3千百 is not a figure
            section += number * _SCALE[scale]
            continue
        # 万 or 亿 closes a stretch: write its digits, keep the scale word as written.
        section += number or 0
        if section >= _SCALE["万"] and scale == "万":
            return None  # 15千万 and the like: not a way anyone writes a figure
        pieces.append(_digits(section) + written[m.end() - 1])
        total = (total + section) * _SCALE[scale] if scale == "亿" else \
            total + section * _SCALE[scale]
        section = Decimal(0)
        section_start = pos
    tail = run[pos:]
    if tail:
        section += Decimal(tail)
    if section or section_start < len(run):
        pieces.append(_digits(section))
    value = total + section
    if run[-1] not in "万亿" and value < 100_000:
        return _digits(value), value
    return "".join(pieces), value


def _digits(value: Decimal) -> str:
    return format(value.normalize(), "f")


SCOPE = "document"  # what it reads: one document at a time


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    for document in corpus.documents:
        text = normalized(document)
        for m in _runs(text):
            run = m.group()
            if not _DIGIT_SCALE.search(run) or "亿亿" in run:
                continue  # 3万, 10亿零817万: allowed; 百亿亿次 is a unit of computing
            end = m.end()
            more = _MORE_SCALE.match(text, end)
            if more is not None:  # 1千4百多万: the 万 after 多 belongs to the figure
                run += more["scale"]
                end = more.end()
            after = text[m.end():m.end() + 2]
            if run[-1] in "十百千" and after.startswith(_PREFIXED_UNIT):
                continue  # 5千米, 3千克
            written = document.text[m.start():end]
            read = rewrite(run, written) if more is None else rewrite(
                run, written[:more.start() - m.start()] + written[-1])
            if read is None:
                continue
            fixed, value = read
            if value != value.to_integral_value():
                continue
            if more is not None:  # 1千4百多万 reads as 1千4百万 with 多 before the 万
                cut = more.start() - m.start()
                digits = rewrite(run, written[:cut] + written[-1])
                if digits is None:
                    continue
                fixed = digits[0][:-1] + written[cut:]  # 1400万 → 1400多万
            yield usage_finding(
                rule, document, m.start(), end,
                f"{written}: Arabic digits do not take 十/百/千 as a scale; write {fixed} "
                f"{clause('5.3')}",
                new=fixed)
