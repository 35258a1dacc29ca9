"""usage-approx-dunhao: two adjacent numerals that make an estimate take no 顿号.

Why it matters: ``三四个月`` is one estimate, "three or four months"; GB/T
15835-2011 5.2.1 writes it without a 顿号 (``二三米``, ``三五天``).  ``三、四个月``
reads as a list of two figures (GB/T 15834-2011 4.5.3.4 says the same of the 顿号:
``三五天``, but ``二、三产业``, an abbreviation).  But a 顿号 between numerals is right when they
are ordinals or names: ``三、四年级``, ``一、二等奖``, ``第三、四名``, and Arabic
``6、7月`` are two months, so only Chinese numerals before a counting word are
reported, and only as a suggestion (the editor decides).

Fires on: ``三、四个月`` (→ ``三四个月``), ``五、六天``, ``七、八十人``.
Does not fire on: ``三四个月``, ``三、四年级``, ``一、二等奖``, ``6、7月``,
``第三、四名``, ``一、二、三``, ``一、二产业``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import regex

from ..model import Corpus, Finding
from . import CheckContext, Rule
from ._usage import matches, usage_finding

NAME = "usage-approx-dunhao"
DEFAULT_LEVEL = "info"
DESCRIPTION = ("Two adjacent numerals that make an estimate take no 顿号: 三四个月, not "
               "三、四个月 (GB/T 15835-2011 5.2.1).")
SUGGEST_ONLY = True

_ORDER = "一二三四五六七八九"
# Counting words after which two numerals are an estimate (a closed list: 年级, 等奖,
# 月 as a month name, 产业, 线 … make them two ordinals).
_COUNTING = ("个月", "个", "天", "年(?![级代])", "岁", "名(?!单)", "人", "倍", "成", "小时",
             "分钟", "周(?![年岁])", "公里", "米", "斤", "遍", "回", "趟", "户", "家", "辆",
             "艘", "本", "块", "元", "种", "位", "只", "件", "条", "座", "次", "十", "百", "千",
             "万")
_PAIR = regex.compile(
    rf"(?<![第{_ORDER}十百千万零两、])(?P<a>[{_ORDER}])、(?P<b>[{_ORDER}])"
    rf"(?=(?:{'|'.join(_COUNTING)}))(?!.、)")
#: What every match holds (searched for first: nearly every story has a 顿号, few this).
# (The standard library's engine: faster for a plain character class than regex's.)
_GATE = re.compile(rf"[{_ORDER}]、[{_ORDER}]")


SCOPE = "document"  # what it reads: one document at a time


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    for document, text, m in matches(corpus, _PAIR, needle="、", gate=_GATE):
        a, b = _ORDER.index(m["a"]), _ORDER.index(m["b"])
        if b - a != 1 and (a, b) != (2, 4):  # 三四, 七八, and 三五 (三五天)
            continue
        if text[m.end():m.end() + 3] in ("十年代", "百年代"):
            continue  # 七、八十年代: two decades
        fixed = m["a"] + m["b"]
        yield usage_finding(
            rule, document, m.start(), m.end(),
            f"{m.group()}: two adjacent numerals that make one estimate take no 顿号; "
            f"if an estimate is meant, write {fixed} (GB/T 15835-2011 5.2.1; GB/T 15834-2011 "
            f"4.5.3.4)", new=fixed)
