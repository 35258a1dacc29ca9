"""Numerals that are not amounts: idioms and names, identifiers, addresses, list markers.

一线 and 千万不要 are words; TR188次, COVID-19 and 12345热线 are identifiers (kind
``identifier``, kept so that no rule reads them as counts); the digits of web and
e-mail addresses are skipped; 1．and 2、 at the start of a line number items.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .pattern import CN_DIGIT, CN_DIGITS, LazyPattern, matches_at_words

__all__ = ["is_idiom", "addresses", "codes", "stock_codes", "drawn_numbers", "non_figures",
           "is_list_marker", "NON_FIGURE_FIRSTS", "NON_FIGURE_AFTER",
           "identifier_span",
           "DIGIT_BY_DIGIT"]

# Words that contain numerals but are not amounts (idioms, names, formulas).
IDIOMS = (
    "一线 第一线 一声令下 一次次 一道道 一系列 一对一 千家万户 两手抓 进一步 百步亭 三亚 四川 "
    "老百姓 百姓 三无 四个一 五带头 一起 一样 一切 一些 一直 一定 一般 一致 统一 唯一 之一 一体 "
    "一旦 一同 一边 一方面 万一 一心 一律 千方百计 万众一心 一丝不苟 三令五申 十分 千万 一下 "
    "一点 一点一滴 一点点 一时 一度 一举 一贯 一流 一带 一路 一概 一连 一再 一齐 一并 一手 一揽子 "
    "万物 四面八方 "
    "七嘴八舌 五湖四海 五花八门 九死一生 一帆风顺 一心一意 十全十美 一五一十 三番五次 四平八稳 "
    "一盘棋 一把手 两会 两岸 两个维护 四个意识 四个自信 两个确立 三严三实 两学一做 五位一体 "
    "一带一路 一国两制 十九届 一成不变 九州 万家灯火 一分一秒 一草一木 一针一线 "
    "一鼓作气 一往无前 众志成城 一马当先 千钧一发 一臂之力 一席之地 一目了然 一视同仁 "
    "万无一失 一清二楚 三峡 九江 十堰 六安 三明 万州 五指山 七台河 八达岭 三门峡 "
    "一刻 一面 一阵 一股 一番 一件件 一个个 一名名 一张张 一条条 一次 一场场 一批批 "
    "一家家 一户户 一员 一分子 一道 一同 两委 三农 "
    "四风 八项规定 百万雄师 第一时间 一把 一份子 十四五 十三五 一号文件 两国 三国演义 "
    "八段锦 一波三折 八一队 "
    "五四运动 七一前夕 八一建军节 十一黄金周 六一儿童节 三八妇女节 五一劳动节 "
    "五一期间 五一假期 五一小长假 五一长假 五一前夕 五一黄金周 五一节 "
    "十一期间 十一假期 十一小长假 十一长假 十一前夕 国庆十一 "
    "国八条 国十条 国五条 国九条 国六条 新国十条 新国八条 七星岩 十三行 二次元 三维 四维 "
    "三三两两 四两拨千斤 半斤八两"
).split()
def _by_first_character(words: list[str]) -> str:
    """``words`` as one alternation, longest first, each first character written once
    (一(?:声令下|点一滴|…)|千(?:家万户|…)): the regex engine then compares a place with one
    alternative per first character instead of every word (a third faster), and the
    words sharing it are tried in the same order as before, so every match is the same."""
    groups: dict[str, list[str]] = {}
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(re.escape(first) + (rests[0] if len(rests) == 1
                                        else "(?:" + "|".join(rests) + ")")
                    for first, rests in groups.items())


_IDIOM_RE = re.compile(_by_first_character(IDIOMS))
# 一一〇, 九五五〇: digit-by-digit numerals that are not followed by 年 are names.
DIGIT_BY_DIGIT = re.compile(f"[{CN_DIGIT}]{{3,}}")


#: Every two characters that stand next to each other in an idiom: a word that covers the
#: first numeral holds it and the character before or after it (seven calls in ten stop
#: there, before the idioms are searched).
_IDIOM_PAIRS = frozenset(word[i:i + 2] for word in IDIOMS for i in range(len(word) - 1))


def is_idiom(text: str, start: int, end: int) -> bool:
    """Whether the numerals at ``start`` belong to a word such as 一线 or 千万不要."""
    if (text[start - 1:start + 1] if start else "") not in _IDIOM_PAIRS and (
            text[start:start + 2] not in _IDIOM_PAIRS):
        return False
    lo = max(0, start - 4)
    window = text[lo:end + 4]
    for m in _IDIOM_RE.finditer(window):
        # The word must cover the first numeral: 四千万 is no 千万, 几十分钟 no 十分.
        if m.start() + lo <= start < m.end() + lo:
            if m.group() == "一点" and window[m.end():m.end() + 1] in CN_DIGITS:
                continue  # 一点五亿元 is 1.5亿, not 一点 "a little"
            return True
    return False


def identifier_span(text: str, start: int, body_end: int, end: int, unit: str | None,
                    body: str) -> tuple[int, int] | None:
    """(start, end) of the identifier holding the digits at ``text[start:body_end]``
    (whose amount would end at ``end``), if they are one, else None: TR188次, G4138次,
    COVID-19, COVID 19, iPhone 12, 小米 9 Pro (99号院 is not).

    The identifier runs back to its first letter and on over the Latin letters, digits
    and single joining spaces or hyphens that follow, so that a hash or a long code is
    one identifier read once, not one per digit run, each walking back over the last.
    """
    before = text[start - 1] if start else ""
    if not (before.isascii() and before.isalpha()
            or ((before == "-" or before == " " and not unit and body.isdigit())
                and start > 1
                and text[start - 2].isascii() and text[start - 2].isalpha())
            or text[body_end:body_end + 1].isascii()
            and text[body_end:body_end + 1].isalpha() and not (unit and unit.isascii())
            or not unit and text[body_end:body_end + 1] == " " and _MODEL_AFTER.match(
                text, body_end)):  # 小米 9 Pro: a model, even after a Chinese brand
        return None
    while start and (text[start - 1].isascii() and text[start - 1].isalnum()
                     or text[start - 1] in "- " and start > 1
                     and text[start - 2].isascii() and text[start - 2].isalnum()):
        start -= 1  # TR188次: the identifier starts at its letters
    if end == body_end:
        size = len(text)
        while end < size and (text[end].isascii() and text[end].isalnum()
                              or text[end] in "- " and end + 1 < size
                              and text[end + 1].isascii() and text[end + 1].isalnum()):
            end += 1
    return start, end


#: The words that end a model's name after its number: 小米 9 Pro, Mate 30 Pro, 红米 8 Plus.
_MODEL_AFTER = re.compile(r" (?:Pro|Max|MAX|Plus|Ultra|Lite|Mini|mini|SE|Note|Neo|Turbo|Prime"
                          r"|Edge|Fold|Flip)(?![a-z])")


def is_list_marker(text: str, start: int, end: int) -> bool:
    """Whether the digits at text[start:end] number an item: 1．, 2、, 4· or (3) at the
    start of a line or after a colon or stop, not followed by another digit."""
    after = text[end:end + 1]
    if after == ")" and text[start - 1:start] == "(":
        start -= 1
    elif after not in _LIST_MARKS or text[end + 1:end + 2].isdigit():
        return False
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in "\n:：;；。"


_LIST_MARKS = frozenset(".、·")
_URL = re.compile(r"(?:https?://|www\.)[!-~]+")
_EMAIL_DOMAIN = re.compile(r"@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_EMAIL_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")


def addresses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each web or e-mail address, in order: its digits are not figures.

    An e-mail address is found from its @ outwards; a pattern starting with the
    local part would be tried at every Latin letter and digit of the text."""
    if "://" not in text and "www." not in text and "@" not in text:
        return []  # most lines: three scans at C speed, and nothing built
    spans: dict[int, int] = {}
    # A web address starts at http://, https:// or www.: found with str.find and the
    # pattern matched only there (scanning a long text with the pattern cost 7 ns a
    # character, five times as much).
    last_end = 0
    for start in _url_starts(text):
        if start >= last_end:
            m = _URL.match(text, start)
            if m is not None:
                spans[start] = last_end = m.end()
    at = text.find("@")
    while at != -1:
        domain = _EMAIL_DOMAIN.match(text, at)
        left = at
        while left and text[left - 1] in _EMAIL_LOCAL:
            left -= 1
        if domain and left < at:
            spans[left] = domain.end()
        at = text.find("@", at + 1)
    return sorted(spans.items())


def _url_starts(text: str) -> list[int]:
    """Every offset at which ``http://``, ``https://`` or ``www.`` begins, in order."""
    starts = []
    at = text.find("://")
    while at != -1:
        if text.endswith("https", 0, at):
            starts.append(at - 5)
        elif text.endswith("http", 0, at):
            starts.append(at - 4)
        at = text.find("://", at + 1)
    at = text.find("www.")
    while at != -1:
        starts.append(at)
        at = text.find("www.", at + 1)
    return sorted(starts)


# Codes written with digits that count nothing.  A code starts at a run of digits that
# a code mark follows (. · - 比 .SZ ）) or that a bracket or a keyword (沪深, 尾号, ISBN)
# precedes; only such runs are matched against the code pattern, so the scan costs one
# C-speed pass over the digit runs.
_RUNS = re.compile(r"[0-9]+")
_MARK_AFTER = frozenset(".·-比）)")
_INDEXES = tuple("沪深 标普 恒生 富时 日经 上证 深证 中证 科创 创业板 道琼斯 纳斯达克".split())
_NUMBER_AFTER = tuple("尾号 拨打 致电 热线 编号 代码 工号 邮编 车牌 房号 学号".split())
_KEYWORD_LAST = frozenset(word[-1] for word in _INDEXES + _NUMBER_AFTER) | frozenset("N :：")
_KEYWORD_BEFORE = re.compile(
    "(?:(?P<index>" + "|".join(_INDEXES) + ")|(?P<number>" + "|".join(_NUMBER_AFTER) + ")"
    "|(?P<isbn>ISBN[ :：]{0,2}))$")
_CODE_AT = re.compile(
    r"(?:[0-9]{1,3}\.){3}[0-9]{1,3}(?![0-9.])"                        # 192.168.1.1
    r"|0[0-9]{2,3}-[0-9]{7,8}(?![0-9])"                               # 021-63218899
    r"|0[0-9]{1,3}-[0-9]{3,4}-[0-9]{4}(?![0-9])"                      # 02-2175-1995
    r"|[48]00-[0-9]{3}-[0-9]{4}(?![0-9])"                             # 400-820-8820
    r"|[0-9]{6}\.(?:SZ|SH|SS|BJ)(?![A-Za-z])"                         # 000001.SZ
    r"|[0-9]{4,5}\.HK(?![A-Za-z])"                                    # 0700.HK
    r"|[0-9]+(?:\.[0-9]+){2,}(?![0-9.])"                              # 1.2.3
    r"|[0-9]{1,3}(?:[.·][0-9]+)?比[0-9]{1,4}(?:[.·][0-9]+)?(?![0-9.·])")  # 85比92
# The first digit of a run (not one inside it) that a code mark follows; the class
# first, so that the engine skips ahead at C speed.
_MARKED_RUN = re.compile(r"[0-9](?<![0-9][0-9])[0-9]*+(?=[.·比）)-])")
#: What stands before a code's first digit: a bracket or the last character of a keyword.
_SIGN_CHARS = "（(" + "".join(sorted(_KEYWORD_LAST - {"（", "("}))
_RUN_AFTER_SIGN = re.compile(f"[{_SIGN_CHARS}][0-9]")
#: A digit that a code mark follows, or one that a bracket or keyword's last character
#: precedes: a text without one holds no code (every start above is one of these).  Led
#: by the digit, which both need, so that the engine skips ahead to one at C speed and
#: stops only there (led by a class of digits and signs it stopped at every 生, 时, 电 and
#: tried a lookbehind: 5.9k against 4.3k instructions a line of People's Daily).
_CODE_HINT_AFTER = f"[.·比）)-](?<=[0-9].)|(?<=[{_SIGN_CHARS}][0-9])"
_CODE_HINT = re.compile(f"[0-9](?:{_CODE_HINT_AFTER})").search
#: What every non-figure needs, for a caller's one scan of several kinds (the extractor's):
#: ``[NON_FIGURE_FIRSTS](?:NON_FIGURE_AFTER)`` matches wherever a code hint, ://, www.,
#: 号码, @ or 股 stands, each alternative written to hold only after its own first
#: character, so that the class can hold more; a text where it matches nowhere holds no
#: non-figure (each function below first looks for one of them).
NON_FIGURE_FIRSTS = "0-9:w号@股"
NON_FIGURE_AFTER = f"{_CODE_HINT_AFTER}|//(?<=://)|ww\\.(?<=www\\.)|码(?<=号码)|(?<=[@股])"
#: Both kinds of first digit in one scan, in order: the start of a run that a code mark
#: follows (_MARKED_RUN, which takes the run) or a digit after a sign (_RUN_AFTER_SIGN's
#: digit).  No digit inside a run follows a sign, so taking the run hides none.
_CODE_STARTS = re.compile(
    f"[0-9](?:(?<![0-9][0-9])[0-9]*+(?=[.·比）)-])|(?<=[{_SIGN_CHARS}][0-9]))")
_ISBN = re.compile(r"(?:97[89][- ]?)?[0-9][0-9- ]{8,14}[0-9Xx]")
_YEAR_FIRST = re.compile(r"(?:1[89]|20)[0-9]{2}\.")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")


def codes(text: str) -> list[tuple[int, int]]:
    """(start, end) of each code: an IP address, ISBN, phone number, stock code, index
    name (沪深300), version (1.2.3), score (85比92), a number after 尾号 or 拨打.
    Their figures are identifiers, never counts."""
    # Only runs of digits that a code mark follows, or that a bracket or the last
    # character of a keyword precedes, are looked at: both found at C speed, and
    # neither looked for in a text (a line, most often) that has no such digit at all.
    if _CODE_HINT(text) is None:
        return []
    starts = [m.start() for m in _CODE_STARTS.finditer(text)]
    found: list[tuple[int, int]] = []
    last_end = 0
    for start in starts:
        if start < last_end:
            continue
        before = text[start - 1] if start else ""
        if before == "." or before == "·" or before.isdigit():
            continue  # the decimals or the middle of a figure
        end = _RUNS.match(text, start).end()
        if before in _KEYWORD_LAST:
            keyword = _KEYWORD_BEFORE.search(text, max(0, start - 7), start)
            code_end = None
            if keyword:
                if keyword["isbn"] is not None:
                    isbn = _ISBN.match(text, start)
                    code_end = isbn.end() if isbn else None
                elif keyword["index"] is not None and end - start <= 4:
                    code_end = end
                elif keyword["number"] is not None and end - start >= 3 and (
                        text[end:end + 1] not in (".", "·")):
                    code_end = end
            if code_end is not None:
                found.append((keyword.start() if keyword["number"] is None else start,
                              code_end))
                last_end = code_end
                continue
        after = text[end:end + 1]
        if before in ("（", "(") and after in ("）", ")"):
            if end - start == 6 or (end - start == 4 and start > 1 and _CJK_CHAR(text[start - 2])
                                    and not _YEAR.fullmatch(text, start, end)):
                found.append((start, end))  # （600519）, 環球晶(6488); （2019） is a year
            continue
        if after not in _MARK_AFTER:
            continue
        m = _CODE_AT.match(text, start)
        if m is None:
            continue
        code = m.group()
        if "." in code and _YEAR_FIRST.match(code) and code.count(".") <= 2:
            continue  # 2012.6.9 is a date, not a version
        found.append(m.span())
        last_end = m.end()
    return found


# Taiwan market copy writes a stock's four-digit code before its name: 2327 國巨,
# 2454 聯發科、3034 聯詠, 6415 矽力 - KY.  Read so only in a story about shares (股 in it).
_CODE_BEFORE_NAME = LazyPattern(
    # The class first and the lookbehinds after it, so that the engine skips ahead to a
    # digit at C speed (led by the lookbehinds it tried them at every character).
    r"(?P<code>[1-9](?<![0-9][1-9])(?<![0-9][.,，][1-9])[0-9]{3})(?P<space> ?)"
    r"(?P<name>[\u4e00-\u9fff]{2,5}?)(?: ?- ?KY)?(?=[、，,。；;）)]|等|$)")
#: A name may not start with these: 4000 余人, 2000 多家, 1800 億元 are figures.
_NOT_NAME_FIRST = frozenset("万萬亿億余餘多来來年月日时時元块塊")
#: Measure words that start no company name: 1200 名學生、 is a count.
_COUNT_WORDS = frozenset("名人位个個家户戶件张張次篇项項所座条條辆輛套份批起例只隻头頭")


def stock_codes(text: str, blank_before: Callable[[int], bool] | None = None
                ) -> list[tuple[int, int]]:
    """(start, end) of each stock code written before a company name in a story about
    shares: ``2327 國巨``, ``2454 聯發科、3034 聯詠`` (the code only; the name is text).

    The evidence: 股 in the text, a four-digit code, then a name of two to five characters
    ending at a list mark, a stop or 等; a code that could be a year (2016) only in a list.
    A name that starts with a measure word (台, 國)
    needs more, since 2000 台電腦 is a count: a code not ending in 00, and a space before the
    name or a list of such codes around it.  Without a space (2330台積電) the code must
    stand in such a list.  ``blank_before(pos)``: whether a blank stood before ``pos`` in
    the text as written (gap joining takes the one of 2327 國巨 out)."""
    if "股" not in text:
        return []
    from .units import UNITS  # the table of measure words (units imports nothing of ours)

    found: list[tuple[int, int]] = []
    for m in _CODE_BEFORE_NAME.finditer(text):
        first = m["name"][0]
        if first in _NOT_NAME_FIRST or first in _COUNT_WORDS or m["name"] in UNITS:
            continue
        listed = (text[m.end():m.end() + 1] == "、" and _LISTED_CODE.match(text, m.end() + 1)
                  or bool(found) and found[-1][1] >= m.start() - 8
                  and text[m.start() - 1:m.start()] in ("、", " "))
        unit_first = any(first == u[0] for u in _MEASURE_FIRSTS(UNITS))
        spaced = _spaced(m, blank_before)
        if unit_first and (m["code"].endswith("00") or not (spaced or listed)):
            continue
        if not spaced and not listed or _YEAR.fullmatch(m["code"]) and not listed:
            continue  # 在 2016 創立: a year, unless a list of codes says otherwise
        found.append(m.span("code"))
    # 6213 聯茂、2383 台光電也是…: the next code of a list of them, and the next after it
    starts = {start for start, _ in found}
    queue, chained = list(found), []
    for _, end in queue:  # grows as codes are chained: each is looked past once
        m = _NEXT_IN_LIST.match(text, end)
        first = text[m.end():m.end() + 2].lstrip(" ")[:1] if m else ""
        if (m and m.start("code") not in starts and first not in _NOT_NAME_FIRST
                and first not in _COUNT_WORDS
                and not (m["code"].endswith("00") and first in _MEASURE_FIRSTS(UNITS))):
            starts.add(m.start("code"))
            chained.append(m.span("code"))
            queue.append(m.span("code"))
    if chained:
        found = sorted(found + chained)
    named = _named_codes(text, found)
    if named:
        # 2330台積電 alone, where the story also writes 台積電(2330) or lists 2330台積電:
        # the code and the name are known together, so the digits before the name are
        # the code wherever they stand (2000台電腦 is still a count: no such pair).
        taken = {start for start, _ in found}
        for m in _CODE_THEN_HAN.finditer(text):
            start = m.start()
            names = named.get(m.group())
            if start not in taken and names and text.startswith(names, m.end()):
                found.append(m.span())
        found.sort()
    return found


#: A four-digit code after a name, in brackets: 台積電(2330), 環球晶（6488）.
_NAME_THEN_CODE = re.compile(r"[（(](?P<code>[1-9][0-9]{3})[）)]")
_CODE_THEN_HAN = re.compile(r"[1-9](?<![0-9][1-9])(?<![0-9][.,，][1-9])[0-9]{3}(?=[\u4e00-\u9fff])")


def _named_codes(text: str, found: list[tuple[int, int]]) -> dict[str, tuple[str, ...]]:
    """Each code the text pairs with a company's name, and the names: 台積電(2330) and the
    codes already found before a name (2330台積電、2454聯發科)."""
    named: dict[str, set[str]] = {}
    for m in matches_at_words(_NAME_THEN_CODE, text, ("（", "(")):
        if _YEAR.fullmatch(m["code"]):
            continue  # 創立(2016): a year
        start = m.start()
        lo = start
        while lo > start - 5 and lo and _CJK_CHAR(text[lo - 1]):
            lo -= 1
        if start - lo >= 2:  # the last two to five characters before the bracket
            named.setdefault(m["code"], set()).update(
                text[i:start] for i in range(lo, start - 1))
    for start, end in found:
        m = _NAME_AFTER_CODE.match(text, end)
        if m:
            named.setdefault(text[start:end], set()).add(m.group())
    return {code: tuple(sorted(names, key=len, reverse=True)) for code, names in named.items()}


#: After a code and its name, the next code of the list (its name may run on into the
#: sentence: 2383 台光電也是早盤強勢).
_NEXT_IN_LIST = re.compile(
    r" ?[\u4e00-\u9fff]{2,5}?(?: ?- ?KY)?、 ?(?P<code>[1-9](?<![0-9][1-9])[0-9]{3})(?![0-9])"
    r"(?= ?[\u4e00-\u9fff])")
_NAME_AFTER_CODE = re.compile(r" ?([\u4e00-\u9fff]{2,5}?)(?=[、，,。；;）)]|等|$)")


#: Drawn numbers quoted after 号码 (中獎號碼為「01、03、05」, 特別號：32): labels, not counts.
_DRAWN = re.compile(r"号码[为是：:]?[「“『\"]"
                    r"(?P<list>[0-9]{1,3}(?:[、，,][0-9]{1,3})*(?:[，,]特别号[：:][0-9]{1,3})?)"
                    r"(?=[」”』\"])")


def drawn_numbers(text: str) -> list[tuple[int, int]]:
    """(start, end) of each list of drawn numbers quoted after 号码: a lottery's winning
    numbers are one identifier, not a count per number."""
    if "号码" not in text:
        return []
    return [m.span("list") for m in _DRAWN.finditer(text)]


def _spaced(m: re.Match, blank_before: Callable[[int], bool] | None) -> bool:
    return bool(m["space"]) or blank_before is not None and blank_before(m.start("name"))


_LISTED_CODE = LazyPattern(r" ?[1-9][0-9]{3} ?[\u4e00-\u9fff]")
_FIRSTS: list[frozenset[str]] = []


def _MEASURE_FIRSTS(units: dict[str, tuple[str, str]]) -> frozenset[str]:
    if not _FIRSTS:
        _FIRSTS.append(frozenset(u[0] for u in units))
    return _FIRSTS[0]


def _CJK_CHAR(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def non_figures(text: str, blank_before: Callable[[int], bool] | None = None
                ) -> list[tuple[int, int, bool]]:
    """Web and e-mail addresses (False: their digits are skipped) and codes (True: each
    is one identifier), in order and not overlapping.  ``blank_before`` as for
    :func:`stock_codes`."""
    if (_CODE_HINT(text) is None and "@" not in text and "://" not in text
            and "www." not in text and "股" not in text and "号码" not in text):
        return []  # most lines: none of what each function below first looks for
    web, coded = addresses(text), codes(text)
    stocks, drawn = stock_codes(text, blank_before), drawn_numbers(text)
    if not web and not coded and not stocks and not drawn:
        return []
    spans = sorted([(s, e, False) for s, e in web]
                   + [(s, e, True) for s, e in coded + stocks + drawn])
    kept: list[tuple[int, int, bool]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept
