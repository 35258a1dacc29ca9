"""usage-bei-decrease: 倍 describes an increase, never a decrease.

Why it matters: "reduced by one time" has no meaning — a quantity that falls by
all of itself is zero.  ``降低了一倍`` is usually meant as "halved" and ``减少3倍``
as "to a quarter" or "by three quarters", but the reader cannot know which; a
decrease is written as a fraction or percentage (``降低了50%``, ``减少到四分之一``).
No clause of GB/T 15835-2011 says this; it is the rule of Chinese copy-editing
handbooks and science journals.  Reported without a fix: the right figure needs
the source.

Fires on: ``降低了一倍``, ``减少3倍``, ``下降近两倍``, ``缩小了10倍``.
Does not fire on: ``增加了一倍``, ``降低了50%``, ``减少到原来的三分之一``, ``倍感``,
``降低倍率``.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from ..model import Corpus, Finding
from . import CheckContext, Rule
from ._usage import matches, usage_finding

NAME = "usage-bei-decrease"
DEFAULT_LEVEL = "warning"
DESCRIPTION = ("倍 is for increases: 降低了一倍 or 减少3倍 has no clear meaning; write a "
               "fraction or percentage.")

_DECREASE = regex.compile(
    r"(?P<verb>降低|减少|下降|缩小|减小|缩减|压缩|下跌|降|减)(?:了)?(?:近|约|将近|超过|达)?"
    r"(?P<n>\d+(?:\.\d+)?|[一二两三四五六七八九十百]+|几|数)倍(?!率|数|频|镜|速)")


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    for document, _, m in matches(corpus, _DECREASE, needle="倍"):
        written = document.text[m.start():m.end()]
        yield usage_finding(
            rule, document, m.start(), m.end(),
            f"{written}: 倍 measures an increase; a decrease by {m['n']}倍 has no clear "
            f"meaning (halved? to a quarter?); write the fraction or percentage")
