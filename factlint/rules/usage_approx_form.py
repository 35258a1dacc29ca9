"""usage-approx-form: one story writes its 多/余 approximations one way.

Why it matters: GB/T 15835-2011 4.3 lets an approximation with 多 or 余 be
written in Arabic digits (``100多件``) or Chinese numerals (``一百多件``), and
asks only that a text be consistent; a story with ``100多件`` in one paragraph and
``二百多件`` in the next reads as if two people wrote it.

Reported (no fix — which form the house uses is the editor's call): in a story
with both forms among figures of 100 or more, every approximation in the less
frequent form, pointing at the first one in the other form.  Ties report the
form that appears second.  Smaller figures (``十余年``, ``二十多人``) are left
alone: Chinese numerals there are the norm in copy that uses digits elsewhere; so
are ``万余项`` and ``百余位``, which have no digit to write differently.

Opt-in (set its level in ``levels:`` to turn it on): on news-dev 7 of its 21
findings were fixed phrases written in Chinese numerals whatever the story uses
(``十四亿多人民``, ``五千多年的文明史``, ``两千多年来``).

Fires on: ``展出100多件……另有二百多件`` (at ``二百多件``).
Does not fire on: ``展出100多件……另有200多件``, ``十余年来……300多人``.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from ..model import Corpus, Finding, Location
from . import CheckContext, Rule
from ._usage import clause

NAME = "usage-approx-form"
DEFAULT_LEVEL = "info"
DESCRIPTION = ("One story writes its 多/余 approximations one way: 100多件 and 200多件, "
               "or 一百多件 and 二百多件 (GB/T 15835-2011 4.3).")

_ARABIC = regex.compile(r"^\d+(?:\.\d+)?[万亿]?[多余]")
_CHINESE = regex.compile(r"^[一二两三四五六七八九十][一二两三四五六七八九十百千万亿零]*[多余]")
MINIMUM = 100
#: Off unless ``levels`` names it: on news-dev a third of its findings were fixed
#: phrases (十四亿多人民, 五千多年文明史) that no editor would rewrite.
OPT_IN = True


def check(rule: Rule, corpus: Corpus, ctx: CheckContext) -> Iterable[Finding]:
    for document in corpus.documents:
        forms: dict[str, list] = {"Arabic digits": [], "Chinese numerals": []}
        for q in document.quantities:
            if q.qualifier != "more_than" or not q.is_amount or q.value is None:
                continue
            if q.value < MINIMUM:
                continue
            surface = q.normalized or q.text
            if _ARABIC.match(surface):
                forms["Arabic digits"].append(q)
            elif _CHINESE.match(surface):
                forms["Chinese numerals"].append(q)
        arabic, chinese_ = forms["Arabic digits"], forms["Chinese numerals"]
        if not arabic or not chinese_:
            continue
        if len(arabic) != len(chinese_):
            minority_name = "Arabic digits" if len(arabic) < len(chinese_) else "Chinese numerals"
        else:
            minority_name = ("Chinese numerals" if arabic[0].span.start < chinese_[0].span.start
                             else "Arabic digits")
        majority_name = ("Chinese numerals" if minority_name == "Arabic digits"
                         else "Arabic digits")
        example = forms[majority_name][0]
        for q in forms[minority_name]:
            yield Finding(
                rule=rule.id, level=rule.level,
                message=(f"{q.text}: this story writes {len(forms[majority_name])} "
                         f"approximation(s) with 多/余 in {majority_name} (as {example.text}) "
                         f"and this one in {minority_name}; write them one way "
                         f"{clause('4.3')}"),
                location=Location.of(q.span, q.text),
                related=(Location.of(example.span, example.text),))
