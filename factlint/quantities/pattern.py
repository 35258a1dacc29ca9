"""The one pattern that finds a quantity, and the pieces it is built from.

``PATTERN`` is matched where a run of numerals starts (``RUN`` finds the runs at C
speed), or at a qualifier or time-of-day word written just before one (``LEAD_IN``).
Its alternatives are, in order: dates (with decades and centuries), times, 百分之
percentages, fractions, and amounts (qualifier word, figure or range, 余/多, unit,
trailing qualifier).  The outermost named group of a match says which reader of
``dates``, ``percent`` or ``amounts`` interprets it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from re import _constants as _op  # the parsed form of a pattern, to read its first characters
from re import _parser

from .units import UNITS, UNITS_LONGEST_FIRST


class LazyPattern:
    """A regular expression compiled on its first use, for patterns that only some texts
    need (a range repeating its unit, a lunar date, a place that is no date after all):
    compiling them all at import cost a start 20 ms, most of it for nothing.

    After the first call its methods are the compiled pattern's own (set on the instance),
    so a use costs what a compiled pattern's does.  ``pattern`` and ``flags`` are there
    before compiling, for :func:`first_characters`."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern, self.flags = pattern, flags

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now, if not yet), its methods copied here."""
        compiled = re.compile(self.pattern, self.flags)
        for name in ("match", "search", "fullmatch", "finditer", "findall", "sub", "split"):
            setattr(self, name, getattr(compiled, name))
        self.compiled = lambda: compiled  # type: ignore[method-assign]
        return compiled

    def match(self, *args: object) -> re.Match[str] | None:
        return self.compiled().match(*args)

    def search(self, *args: object) -> re.Match[str] | None:
        return self.compiled().search(*args)

    def fullmatch(self, *args: object) -> re.Match[str] | None:
        return self.compiled().fullmatch(*args)

    def finditer(self, *args: object) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(*args)

    def findall(self, *args: object) -> list:
        return self.compiled().findall(*args)

    def sub(self, *args: object) -> str:
        return self.compiled().sub(*args)

    def split(self, *args: object) -> list:
        return self.compiled().split(*args)


def alternation(words: Sequence[str], tails: Sequence[str] | None = None) -> str:
    """``word1tail1|word2tail2|…`` as a regular expression that matches exactly what that
    alternation matches, in the same order of preference, but is faster to fail.

    The regex engine tries an alternation's branches one by one (a failing branch that
    starts with a literal still costs a test), so 274 units cost 274 tests at each figure.
    Here the words are grouped by their first character, written once: ``元(?:人民币|新台币|)
    |美(?:元|分|金)|…``.  Branches with different first characters never match at the same
    place, so their order does not matter; within a group the order of ``words`` is kept
    (and so is backtracking into a later word).  ``tails`` are regex pieces written after
    each word (a look-ahead such as ``(?![A-Za-z0-9])``)."""
    entries = list(zip(words, tails or [""] * len(words), strict=True))
    return _alternation(entries)


def _alternation(entries: list[tuple[str, str]]) -> str:
    groups: dict[str, list[tuple[str, str]]] = {}
    pieces = []
    for word, tail in entries:
        if not word:
            # An empty word matches before any character: it keeps its place after every
            # group written so far (words longest first put it last).
            pieces += [_group(first, rest) for first, rest in groups.items()]
            pieces.append(tail)
            groups = {}
        else:
            groups.setdefault(word[0], []).append((word[1:], tail))
    pieces += [_group(first, rest) for first, rest in groups.items()]
    return "|".join(pieces)


def _group(first: str, rest: list[tuple[str, str]]) -> str:
    if len(rest) == 1:
        return re.escape(first + rest[0][0]) + rest[0][1]
    return f"{re.escape(first)}(?:{_alternation(rest)})"


def without_optional_repeats(source: str) -> str:
    """``source`` with each optional group ``(?:X)?`` or ``(?P<name>X)?`` written as an
    alternation with an empty branch, ``(?:X|)`` or ``(?:(?P<name>X)|)``: the same paths
    in the same order (a greedy ``?`` tries X first, then nothing), so the same matches.

    Why: the regex engine runs such a group (one that holds a group or more than one
    character) as a repeat, and inside a repeat every alternation and every step back
    copies all the capture marks set so far; the amount alternative of PATTERN sets marks
    numbered past 140, so that copying was a third of its matching time."""
    out: list[str] = []
    opens: list[int] = []
    at = 0
    for token in _REGEX_TOKEN.finditer(source):
        out.append(source[at:token.start()])
        at = token.end()
        text = token.group()
        if text == "(":
            opens.append(len(out))
            out.append(text)
        elif text.startswith(")"):
            start = opens.pop()
            optional = text == ")?"
            if optional and source[at:at + 1] in ("?", "+"):  # ?? (lazy) and ?+ stay
                optional = False
            group = "".join(out[start:]) + ")"
            if optional and group.startswith("(?:"):
                out[start:] = [group[:-1] + "|)"]
            elif optional and group.startswith("(?P<"):
                out[start:] = [f"(?:{group}|)"]
            else:
                out[start:] = [group + text[1:]]
        else:
            out.append(text)
    if opens:
        raise ValueError(f"unbalanced parentheses in {source!r}")
    out.append(source[at:])
    return "".join(out)


#: What without_optional_repeats reads: an escape, a character class (whose parentheses
#: are no groups), a parenthesis, a closing one and its ``?``.
_REGEX_TOKEN = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|\(|\)\??", re.DOTALL)


G = ""  # OCR gaps are joined by normalize.join_gaps before matching
CN = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟廿卅"
CN_DIGIT = "零〇一二两三四五六七八九"
# [0-9]+, not [0-9]+(?:{G}[0-9]+)*: with no gap left between them, the repeat of runs of
# digits only made the engine try again where [0-9]+ had ended (the same matches).
ARABIC = rf"(?:[0-9]{{1,3}}(?:[,，][0-9]{{3}})+(?![0-9])|[0-9]+)(?:{G}[.·]{G}[0-9]+)?"
MORE = "余多来"
# One figure: Arabic with multipliers, a vague amount, or a Chinese numeral.
# 1万2千, 3亿5千万, 5万4千6百, 1亿3千多万: more places after a written multiplier.
COMPOUND = (r"(?:(?<=[万亿千百])(?:[0-9]{1,4}|(?<=亿)[0-9],[0-9]{3}(?=万))"
            r"(?:[千百]?[余多]?万|[千百十](?![万亿])))*"
            # 1万800 (10800), 1万5 (15000): bare digits after 万 end the figure.
            r"(?:(?<=万)(?:[0-9]|[0-9]{3,4})(?![0-9.·月日年号时点:：/-]))?")
#: 兆 is a trillion before a currency, as Taiwan copy writes it (2.13兆美元, 1.6兆台幣); before
#: anything else it is mega (兆瓦, 兆赫, 100兆带宽) and no multiplier.
TRILLION = ("兆(?=(?:美|港|欧|日|韩|澳|加|新)?元|新?台币|人民币|日币|美金|英镑"
            "|(?:丹麦|瑞典|挪威)?克朗)")
FIGURE = (
    rf"(?:{ARABIC}(?:{G}[{MORE}](?={G}[万亿]))?(?:[kKM](?=美元|元|港元|欧元|英镑|日元|美金))?"
    rf"(?:{G}(?:[百千]?[万亿]+|{TRILLION}|[百千][余多][万亿]+|百(?![0-9]|卡)|千(?![0-9]|[卡克米瓦伏帕焦赫])"
    rf"|[百千](?=[0-9]{{1,4}}[千百十])))?"
    rf"{COMPOUND}"
    rf"|成千上万|成百上千|数以[万千百]计|上[百千万]万?|上亿|数[十百千万][万亿]?|数亿"
    rf"|(?:(?<=超过)|(?<![上下多大过]))半(?=个(?:多?月|多?小时|星期|钟头|工作日|百分点)|年|天|小时|钟头|分钟|周)"
    rf"|[{CN}几]*几[{CN}几]*"
    rf"|[{CN}]+(?:点[{CN_DIGIT}]+)?(?:[{MORE}](?=[万亿]))?(?:{TRILLION}|[万亿]*))"
)
FIGURE_PCT = rf"{FIGURE}(?:{G}[{MORE}])?(?:{G}[%‰])?"
CONNECTOR = r"(?:至|到|—{1,2}|–|-|~|～)"
# A Latin unit ends where the letters end: 25kg, but not the k of 5kgx or 4K电视's K.
UNIT = alternation(UNITS_LONGEST_FIRST,
                   ["(?![A-Za-z0-9])" if u[-1].isascii() else "" for u in UNITS_LONGEST_FIRST])
PREFIX = ("大约合|大约|约合|约|将近|接近|近|超过|逾|不足|不到|未满|不超过|不少于|"
          "不低于|不小于|不大于|不高于|"
          "不多于|不得多于|不得超过|不得高于|不得少于|不得低于|"
          "大于|高于|多于|超出|突破|冲破|超|小于|低于|少于|至少|最少|起码|至多|最多|"
          "零下|负|第")
_PREFIX = alternation(PREFIX.split("|"))  # the same, as PATTERN tries it
#: Words between a qualifier and its figure: 约有, 高达, 约为, 大约是, 约人民币, 超过新台币.
# 超过了50%, 突破了, 冲破了
LINK = ("有|达|为|是|人民币|新台币|台币|港币|美金|(?<=超过)了|(?<=突破)了|(?<=冲破)了"
        "|(?<=超出)了")
#: 至少 and its kin may stand a short verb phrase before the figure they qualify.
ADVERB = "至少|最少|起码|至多|最多"
SUFFIX = "以上|以下|左右|上下|以内|之内|内(?![部容地外心在阁涵])|许"

YEAR = r"(?:1[0-9]|20)[0-9]{2}|[一二][〇零一二三四五六七八九]{3}"
#: A year of the Republic as Taiwan copy writes it without 民國 (104年 → 2015); read as one
#: only in Traditional copy (``dates.roc_year``).
ROC_YEAR = r"(?<![0-9.])1[0-2][0-9]"
MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
DAY = r"[12][0-9]|3[01]|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
PERIOD = ("凌晨|清晨|早晨|早上|早间|上午|中午|正午|午间|下午|傍晚|晚上|晚间|夜里|夜间|深夜|午夜"
          "|当晚|晚|早|夜")
HOUR = r"2[0-4]|[01]?[0-9]|二十[一二三四]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
MINUTE = r"[0-5]?[0-9]|[一二三四五]?十[一二三四五六七八九]?|零?[一二三四五六七八九]"
#: The hour of a clock time written with a colon (14:35, 09:47, 8:05:30).
CLOCK_HOUR = r"2[0-4]|[01]?[0-9]"
CENTURY = r"1[0-9]|2[0-2]|十[一二三四五六七八九]|二十[一二]?"
DECADE_PART = "初期|初|前期|中期|中叶|中后期|后期|末期|末"

# Each of the date, time and share alternatives is led by a look-ahead that tests, at C
# speed, what any match of it needs near where it starts: most runs (5名, 1.8万人) are none
# of them, and failing the look-ahead skips the alternative whole (each of them costs half
# again what the amount costs where it fails).  The windows are read off the alternatives
# (tests/test_prescans.py holds PATTERN to the same pattern without them at every place):
# a date starts with one of _DATE_FIRSTS, and holds its first 年 or 月 within 13
# characters (一九九八年十二月, 1998—2002财年: 12 at most before it), 世纪's 纪 within 5
# (二十一世纪), the 日 or 后 of 8日 or 80后 within 3, or the separator of 2016-07-21 or
# 1998/99 at the fifth; a time starts with one of _TIME_FIRSTS (a numeral, a time of day
# such as 凌晨, 大约 or 约) and holds 点, 时 or a colon within 8 (凌晨大约二十一点); a share
# is 百分之 or a run of numerals before 分之 (百 is one), a fraction such as 1/4, or one of
# those after a qualifier and a link word (超过了, 约有): a share led by one then holds
# 分 or / within _SHARE_WINDOW characters, or the numerals before 分之 run past it.
_DATE_FIRSTS = "0-9一二三四五六七八九十上本"
_TIME_FIRSTS = "0-9一二三四五六七八九十上下中傍凌午夜大当早晚正深清约"
_DATE_NEEDS = (rf"(?=[{_DATE_FIRSTS}]"
               rf"(?:[^年月]{{0,11}}+[年月]|[^纪]{{0,3}}+纪|[^日后]?+[日后]|[\s\S]{{3}}[-/.]))")
_TIME_NEEDS = rf"(?=[{_TIME_FIRSTS}][^点时:]{{0,6}}+[点时:])"
_LEAD_LONGEST = (max(map(len, PREFIX.split("|")))
                 + max(len(re.sub(r"\(\?<=[^)]*\)", "", word)) for word in LINK.split("|")))
_SHARE_WINDOW = _LEAD_LONGEST + 5  # the qualifier and link, three digits and /, or 百分
_PREFIX_FIRSTS = "".join(sorted({word[0] for word in PREFIX.split("|")}))
_SHARE_NEEDS = (rf"(?=[{CN}]++分|[0-9]{{1,3}}/|[{_PREFIX_FIRSTS}]"
                rf"(?:[^分/]{{0,{_SHARE_WINDOW - 2}}}+[分/]|[\s\S]{{{_SHARE_WINDOW - 2}}}[{CN}]))")

#: PATTERN as written, before without_optional_repeats.
_PATTERN_SOURCE = rf"""
    {_DATE_NEEDS}(?P<date>
        (?P<decades>(?:(?P<dcent>{CENTURY})世纪|(?P<drel>上个?|本)世纪)?
          (?:(?P<dec>[1-9]0|[一二三四五六七八九]十)|(?P<dec_a>[二三四五六七八九])(?P<dec_b>[三四五六七八九])十)
          年代(?P<dpart>{DECADE_PART})?
        | (?P<ydec>1[0-9]{{2}}0|20[0-9]0)年代(?P<ydpart>{DECADE_PART})?
        | (?P<cent>{CENTURY})世纪(?P<cpart>初叶|初|上半叶|中叶|下半叶|末叶|末)?(?!{G}[0-9{CN}]))
      | (?P<numeric>(?P<ny>(?:1[5-9]|20)[0-9]{{2}})(?P<nsep>[-/.])(?P<nmo>1[0-2]|0?[1-9])
          (?:(?P=nsep)(?P<nd>3[01]|[12][0-9]|0?[1-9]))?(?![0-9]|[.·][0-9]|[万亿%‰])
          (?:{CONNECTOR}(?P<ny2>(?:1[5-9]|20)[0-9]{{2}})(?P=nsep)(?P<nmo2>1[0-2]|0?[1-9])
            (?:(?P=nsep)(?P<nd2>3[01]|[12][0-9]|0?[1-9]))?(?![0-9]|[.·][0-9]|[万亿%‰]))?)
      | (?P<ayear>(?:19|20)[0-9]{{2}}[/-][0-9]{{2}})(?:学年度|学年|年度|财年|赛季|球季|年)
      | (?:(?:(?P<y>{YEAR})|(?P<y2d>[0-9]{{2}})(?={G}年{G}(?:{MONTH}){G}月)
              |(?P<roc>{ROC_YEAR})(?={G}年{G}(?:{MONTH}){G}月))
           {G}年{G})?
        (?P<mo>{MONTH})(?:{G}{CONNECTOR}{G}(?P<mo_to>{MONTH}))?{G}月(?!{G}(?:份额))
        (?:{G}(?:(?P<d>{DAY}){G}
                  # 10月31至11月3日, 2月17至19日: the first day's 日 may be left unsaid
                  (?:[日号]|(?={G}{CONNECTOR}{G}(?:(?:{MONTH}){G}月{G})?(?:{DAY}){G}[日号]))
                |(?P<part>底|初|末|中旬|上旬|下旬|中)))?
        (?:{G}{CONNECTOR}{G}(?:(?:(?P<yto>{YEAR}){G}年{G})?(?P<mo2>{MONTH}){G}月{G})?(?P<d2>{DAY}){G}[日号]
          | (?P<mrange>{G}{CONNECTOR}{G}(?:{YEAR}){G}年{G}(?:{MONTH}){G}月
              (?!{G}(?:{DAY}){G}[日号]|{G}份额)))?
      | (?P<yonly>{YEAR}|0[0-9]|{ROC_YEAR}(?=年(?:底|初|末|度|{CONNECTOR}{ROC_YEAR}年)))
        (?:{G}(?:(?<=[0-9]{{3}})(?<![0-9]{{4}})年)?{CONNECTOR}{G}(?P<yonly2>{YEAR}|{ROC_YEAR}))?{G}(?:财(?=年))?年(?P<ypart>底|初|末)?
      | (?P<donly>[12][0-9]|3[01]|0?[1-9]){G}日
        (?:{G}{CONNECTOR}{G}(?P<donly2>[12][0-9]|3[01]|0?[1-9]){G}日)?
        (?!{G}(?:内|以内|之内|左右|以上))
      | (?P<decade>[0-9]0){G}后(?![{CN}0-9])
    )
  | {_TIME_NEEDS}(?P<time>
        (?P<period>{PERIOD})?{G}(?:大约|约)?
        (?:(?P<clock>(?P<ch>{CLOCK_HOUR}):(?P<cm>[0-5][0-9])(?::(?P<cs>[0-5][0-9]))?(?![0-9:]))
           (?:{CONNECTOR}(?P<ch2>{CLOCK_HOUR}):(?P<cm2>[0-5][0-9])(?![0-9:]))?
         | (?P<t1>(?P<h>{HOUR}){G}(?P<hm>[点时])
             (?:{G}(?:(?P<mi>{MINUTE})(?P<fen>{G}分)?|(?P<half>半)))?)
           (?:{CONNECTOR}(?P<h2>{HOUR})(?P<hm2>[点时])(?:(?P<mi2>{MINUTE})分|(?P<half2>半))?)?
        )(?P<tq>许|多|左右)?
    )
  | {_SHARE_NEEDS}(?:(?P<pct>(?:(?P<ppre>{_PREFIX})(?:{LINK})?{G})?百分之(?P<pneg>负|-)?
        (?P<pbody>{ARABIC}|[{CN}]+(?:点[{CN_DIGIT}]+)?)
        (?P<psuf>{SUFFIX}|[{MORE}])?)
  | (?P<frac>(?:(?P<fpre>{_PREFIX})(?:{LINK})?{G})?
        (?:(?P<fden>[{CN}]+)分之(?P<fneg>负|-)?(?P<fnum>{ARABIC}|[{CN}]+(?:点[{CN_DIGIT}]+)?)
         | (?P<anum>[0-9]{{1,3}})/(?P<aden>[0-9]{{1,3}})(?![0-9./℃%]))
        (?P<fsuf>{SUFFIX})?))
  | (?P<amount>
        (?:(?P<pre>{_PREFIX})(?:{LINK}|(?<={ADVERB})[^\W\d{CN}几的时是]{{1,4}}?)?{G}
           (?P<minus>[-−](?=[0-9]))?)?
        (?P<body>{FIGURE_PCT}(?:{G}{CONNECTOR}{G}{FIGURE_PCT})?)
        (?P<suf1>{SUFFIX})?
        (?:{G}(?P<unit>{UNIT}))?
        (?P<suf2>{SUFFIX})?
    )
    """
PATTERN = re.compile(without_optional_repeats(_PATTERN_SOURCE), re.VERBOSE)

#: The amount alternative alone: a place that was no date or time after all (三点要求).
AMOUNT_ONLY = LazyPattern(without_optional_repeats(
    rf"(?P<amount>(?:(?P<pre>{_PREFIX}){G}(?P<minus>[-−](?=[0-9]))?)?(?P<body>{FIGURE_PCT}(?:{G}{CONNECTOR}{G}{FIGURE_PCT})?)"
    rf"(?P<suf1>{SUFFIX})?(?:{G}(?P<unit>{UNIT}))?(?P<suf2>{SUFFIX})?)"))

#: A run of numerals: where the pattern is tried.
RUN_CHARS = f"0123456789{CN}几半"
# [X][X]* rather than [X]+: a pattern that starts with a class (not a repeat) lets the
# regex engine skip ahead to the next character of the class in a tight loop instead of
# trying a match at every position (half the time of the scan, the same runs).
RUN = re.compile(f"[{RUN_CHARS}][{RUN_CHARS}]*")
#: Words that may stand just before a run of numerals and belong to the quantity:
#: (?:PREFIX)(?:LINK)?|PERIOD|上个?世纪|…, with LINK written after each prefix word so that
#: every alternative starts with a plain character and the regex engine skips to one
#: (2.5× faster in the window before a run).
LEAD_IN = re.compile(
    "(?:" + "|".join([*(f"(?:{word})(?:{LINK})?" for word in PREFIX.split("|")),
                      # 下午约3时: a time of day and 约 lead one clock time
                      *(f"{word}(?:大约|约)" for word in PERIOD.split("|")),
                      PERIOD, "上个?世纪", "本世纪", "成", "上", "数以", "数"]) + ")"
    r"(?:[ \t]*(?:\r?\n[ \t]*)?)$")
ADVERB_WORD = re.compile(ADVERB)
ADVERB_LEAD = re.compile(rf"(?:{ADVERB})[^\W\d{CN}几的时是]{{1,4}}$")
#: The last characters of the words LEAD_IN knows, so most runs skip that search.
LEAD_IN_LAST = frozenset(
    word[-1] for word in f"{PREFIX}|{LINK}|{PERIOD}|纪|成|上|数以|数".split("|")) | set(" \t\r\n")
_LINKED = [re.sub(r"\(\?<=[^)]*\)", "", word) for word in LINK.split("|")]  # (?<=超过)了: 了
#: Every word LEAD_IN matches before its trailing gap (约, 超过了, 下午约, 上个世纪).
LEAD_IN_WORDS = frozenset([*PREFIX.split("|"),
                           *(word + link for word in PREFIX.split("|") for link in _LINKED),
                           *PERIOD.split("|"),
                           *(word + about for word in PERIOD.split("|")
                             for about in ("大约", "约")),
                           "上个世纪", "上世纪", "本世纪", "成", "上", "数以", "数"])
#: How a match of LEAD_IN ends: a gap character, a word of one character, or the last
#: two of a longer word.  Before 是, 有, 了 and 到 a figure is often written (有3个,
#: 是5%), but a lead word only after 约有, 超过了, 不到: the two characters tell.
LEAD_IN_ENDS = frozenset(word[-2:] for word in LEAD_IN_WORDS) | set(" \t\r\n")

CN_DIGITS = frozenset(CN_DIGIT)
HAS_DIGIT = re.compile("[0-9]").search
SINGLE_NUMERALS = frozenset("一二两三四五六七八九十百千万亿零〇几半壹贰叁肆伍陆柒捌玖拾佰仟")
#: What may follow a lone numeral in a quantity: a unit, a qualifier or range mark,
#: a decimal point, or the 月/时/点/分 of a date, time or fraction.
AFTER_SINGLE_NUMERAL = frozenset({unit[0] for unit in UNITS} | set(SUFFIX.replace("|", ""))
                                 | set("至到—–-~～余多来%‰点月时分日号年"))
#: Single numerals that need a closer look only when followed by one of these.
ARTICLES = frozenset("一")
#: 一 followed by these is an amount after all: 一个多月, 一个百分点, 一天之内.
ARTICLE_KEEP = re.compile(
    r"个多|个亿|个百分点|个半(?:月|小时|星期|钟头)|(?:天|年|个月|周|小时|个小时)(?:之内|以内|内|左右|多|半)"
    r"|成(?:半|[一二三四五六七八九]|以上|以下|左右|多)|周?岁|周年|(?:米|斤|吨|公斤|公里|里|尺|寸|亩|升|公尺)半")
AFTER_ARTICLE = frozenset("月时点余多十百千万亿至到-")


#: ``match(text, at)``: a match of PATTERN at ``at``, if any.
match_quantity = PATTERN.match


def matches_at_words(pattern: re.Pattern[str], text: str, words: tuple[str, ...]
                     ) -> Iterator[re.Match[str]]:
    """The matches ``pattern.finditer(text)`` makes, for a pattern every match of which
    starts with one of ``words``: the places where one stands are found with ``str.find``
    (a fraction of a nanosecond a character, against the 5 ns of the regex engine's skip
    over a class of first characters) and the pattern is matched only there, each place
    from the end of the last match on, as ``finditer`` tries them."""
    places: set[int] = set()
    for word in words:
        at = text.find(word)
        while at != -1:
            places.add(at)
            at = text.find(word, at + 1)
    last_end = 0
    for at in sorted(places):
        if at >= last_end:
            m = pattern.match(text, at)
            if m is not None:
                yield m
                last_end = m.end()


def anchors(words: Iterable[str], rare_first: str) -> dict[str, tuple[tuple[str, int], ...]]:
    """For :func:`word_starts`: each of ``words`` by one of its characters, the first of
    it that ``rare_first`` lists (characters rarest in copy first), with where in the word
    that character stands.  Raises ValueError for a word holding none of them."""
    found: dict[str, list[tuple[str, int]]] = {}
    for word in words:
        char = next((c for c in rare_first if c in word), None)
        if char is None:
            raise ValueError(f"{word!r} holds none of {rare_first!r}")
        found.setdefault(char, []).append((word, word.index(char)))
    return {char: tuple(held) for char, held in found.items()}


def word_starts(text: str, anchored: dict[str, tuple[tuple[str, int], ...]]) -> list[int]:
    """Every place in ``text`` where a word of ``anchored`` (made by :func:`anchors`)
    starts, in order, overlapping ones included: where ``pattern.search(text, at + 1)``
    goes on from, again and again, for a pattern of those words.

    Each word is found by ``str.find`` of one rare character of it, which runs at memchr
    speed; the regex engine's skip to the first characters of many words tests a class at
    every character, and common first characters (一半, 数个) stop it often."""
    places = set()
    for char, held in anchored.items():
        at = text.find(char)
        while at != -1:
            for word, offset in held:
                if at >= offset and text.startswith(word, at - offset):
                    places.add(at - offset)
            at = text.find(char, at + 1)
    return sorted(places)


def first_characters(pattern: re.Pattern[str] | LazyPattern) -> frozenset[str]:
    """Every character a match of ``pattern`` can start with, read off its parsed form, so
    that a caller may test one character before trying the pattern at all.

    Raises ValueError for a pattern that may match the empty string or start with any
    character (``.``, a negated class, a category such as ``\\w``).
    """
    chars, empty = _firsts(_parser.parse(pattern.pattern, pattern.flags))
    if empty:
        raise ValueError(f"{pattern.pattern!r} may match the empty string")
    return frozenset(chars)


def _firsts(items: _parser.SubPattern | list) -> tuple[set[str], bool]:
    """(first characters, whether the sequence ``items`` may match the empty string)."""
    chars: set[str] = set()
    for op, arg in items:
        if op is _op.LITERAL:
            return chars | {chr(arg)}, False
        if op is _op.IN:
            for member, value in arg:
                if member is _op.LITERAL:
                    chars.add(chr(value))
                elif member is _op.RANGE:
                    chars.update(map(chr, range(value[0], value[1] + 1)))
                else:  # a negated class or a category: any character, nearly
                    raise ValueError(f"no short list of first characters: {member}")
            return chars, False
        if op is _op.BRANCH:
            empty = False
            for alternative in arg[1]:
                more, may_be_empty = _firsts(alternative)
                chars |= more
                empty = empty or may_be_empty
        elif op is _op.SUBPATTERN:
            more, empty = _firsts(arg[-1])
            chars |= more
        elif op in (_op.MAX_REPEAT, _op.MIN_REPEAT, _op.POSSESSIVE_REPEAT):
            more, empty = _firsts(arg[2])
            chars |= more
            empty = empty or arg[0] == 0
        elif op in (_op.AT, _op.ASSERT, _op.ASSERT_NOT):
            empty = True  # zero width: what follows holds the first character
        else:
            raise ValueError(f"no short list of first characters: {op}")
        if not empty:
            return chars, False
    return chars, True
