"""What a figure counts: the noun after its measure word, else the noun phrase before it.

Without a word segmenter (too slow to load for a linter), a noun phrase is cut where
a function word or a verb that commonly follows or precedes a subject in news copy
begins (党员|捐款, 选派|市直机关干部).
"""

from __future__ import annotations

import re

from .units import UNITS

#: Words between a subject and its figure (共有 in 武汉返乡人员共有54户).
# These patterns are searched at every place of a short window, so each alternative
# starts with a plain character (a lookbehind is written after it: 为(?<![认作成因]为)
# is (?<![认作成因])为): the regex engine then skips to the places where one of those
# characters stands instead of trying every word at every place (4× faster).
_LINK_WORD = (r"共有|共计|总计|合计|累计|共|有|达到|达|为(?<![认作成因]为)|是|约有|已有|已|仅|"
              r"计|增至|增加|减少|超|占|突破|多达|高达|还有|另有|其中|包括|分别|每|再|又|即|近|逾|"
              r"超过|约|大约|将近|接近|至少")
_LINK_WORDS = re.compile(f"(?:{_LINK_WORD})(?:{_LINK_WORD})*$")  # (?:…)+$, written to skip
#: The last character of each link word (a lookbehind matches none): a chain of them ends
#: the run, so a run ending in none of these has no link word to strip and is not searched.
_LINK_LAST = frozenset(re.sub(r"\(\?<![^)]*\)", "", word)[-1] for word in _LINK_WORD.split("|"))
_LEADING_LINK_WORDS = "共|已|还|又|再|都|也|就|全|总|均|仅|另|共计"
_LEADING_LINK = re.compile(rf"^(?:{_LEADING_LINK_WORDS})+")
_SUBJECT_STOPS = "的地得了着过和与及或在把被对从向自于将以而并且但其这那此该各每、"
_SUBJECT_STOP = re.compile(f"[{_SUBJECT_STOPS}]")
_CJK = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff]*")
_LAST_NON_CJK = re.compile(r".*[^\u4e00-\u9fff]", re.DOTALL)
# Where a noun phrase after a figure ends: function words and the verbs that
# most often follow a subject in news copy (捐款, 下沉, 奔赴, 送至 …).
_AFTER_STOP = re.compile(
    r"分流|分别|分赴|分批|滞留|涌入|涌向|撤离|抵达|聚集|移交|移送|" + "|".join(
        "的地得了着过和与及或在把被对从向自于将以而并且但其这那此该即便则均正曾共都也就还又再"
        "已要能可会应需所捐下奔送投接做安发解遇到参纷一逐巡死受依涨赴进开入"
        "获提担负实落完前往来去达是为有包"))
# Where a noun phrase before a figure starts: after a verb that introduces it.
_BEFORE_STOP_WORDS = (
    r"包括|其中|现有|共有|已有|还有|抽调|选派|派出|动员|带领|组织了|接待|捐赠|提供|拨付|"
    r"需要|新订购|订购|成立|要求|深入|辖区|缉获|拿出|放流|发放|募集|筹集|筹措|达到|超过|"
    r"作为(?<!不作为)|成为|认为|因为|为(?<![作成认因]为)|" + "|".join("有是在从向对把被让使给"))
_BEFORE_STOP = re.compile(_BEFORE_STOP_WORDS)
#: Each of the three cuts of the phrase before a figure (subject) can only cut where one
#: of these characters stands: every alternative of the pattern starts with one (and a
#: lookbehind only follows it).  A phrase holding none is left as it is without the call
#: (most hold none of one or another: a third of the time of subject).
_SUBJECT_STOP_CHARS = frozenset(_SUBJECT_STOPS)
_BEFORE_STOP_FIRSTS = frozenset(word[0] for word in _BEFORE_STOP_WORDS.split("|"))
_LEADING_LINK_FIRSTS = frozenset(word[0] for word in _LEADING_LINK_WORDS.split("|"))


#: Units whose subject is looked for after them first (5名党员; 5人 and 人次 look before).
_NOUN_AFTER = frozenset(unit for unit, (_, kind) in UNITS.items()
                        if kind in ("count", "measure") and unit not in ("人", "人次"))


def subject(text: str, start: int, unit_end: int, unit: str | None) -> tuple[int, int] | None:
    """Where in ``text`` the subject of the figure at ``text[start:]`` stands (start, end),
    whose unit ends at ``unit_end``, if it is said.

    Offsets, not a string: the caller quotes the original characters (Traditional copy is
    read folded to Simplified, but a subject is shown as written).
    """
    if not unit or unit in _NOUN_AFTER:
        skip = 1 if text.startswith("的", unit_end) else 0  # 成千上万的观众, 万吨以上的海底…
        # Up to 14 characters after the unit (gaps are already joined).
        after = _CJK.match(text, unit_end + skip, unit_end + 14)
        if after:
            noun = after.group()
            # A subject has at least two characters, so a stop at 0 or 1 is
            # part of the noun (发烧人员, 其他乘客, 自然村…).
            stop = _AFTER_STOP.search(noun, 2)
            words = stop.start() if stop else len(noun)
            if words >= 2:
                return unit_end + skip, unit_end + skip + (words if words < 8 else 8)
    # The run of Chinese characters just before the figure, of the 20 characters before it
    # (the pattern has no anchor or lookbehind: matched in place, it is matched in a slice).
    before_start = start - 20 if start > 20 else 0
    last_other = _LAST_NON_CJK.match(text, before_start, start)
    run_start = last_other.end() if last_other else before_start
    if run_start == start:
        return None
    run = text[run_start:start]
    # Link words end the run (共有, 达到): strip them; a chain of them is short.
    link = (_LINK_WORDS.search(run, len(run) - 12 if len(run) > 12 else 0)
            if run[-1] in _LINK_LAST else None)
    if link:
        cut = link.start()
        phrase = run[:cut]
    else:
        cut = len(run)
        phrase = run
    # Each step keeps a suffix of the run up to ``cut``, so the phrase ends there.
    if not _SUBJECT_STOP_CHARS.isdisjoint(phrase):
        phrase = _SUBJECT_STOP.split(phrase)[-1]
    if not _BEFORE_STOP_FIRSTS.isdisjoint(phrase):
        phrase = _BEFORE_STOP.split(phrase)[-1]
    if phrase[:1] in _LEADING_LINK_FIRSTS:
        phrase = _LEADING_LINK.sub("", phrase)
    if len(phrase) < 2:
        return None
    end = run_start + cut
    return end - (len(phrase) if len(phrase) < 8 else 8), end
