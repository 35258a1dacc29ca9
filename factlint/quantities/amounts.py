"""Amounts: counts, money, measures and durations, with their qualifiers and ranges.

7436万多名党员, 近1.8万人, 76.8亿元, 10至15℃, 3-5万, 一个多月, 两年半, 1小时20分钟,
零下5℃.  Numerals that are words or identifiers are told apart first (``identifiers``);
then the figure or range is read, its unit gives the kind, and a qualifier word before
(近, 超过) or after (以上, 左右) gives the interval.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Quantity
from .dates import bracketed_day, is_sentence_term, read_meridiem, slash_date
from .identifiers import DIGIT_BY_DIGIT, identifier_span, is_idiom, is_list_marker
from .money import CODE_ENDS, SCALED_UNITS, currency_before, ge_yi, jiao_and_fen
from .numerals import ONE, ZERO, Figure, chinese, vague
from .pattern import (
    CN,
    CONNECTOR,
    FIGURE,
    HAS_DIGIT,
    SINGLE_NUMERALS,
    SUFFIX,
    UNIT,
    LazyPattern,
    first_characters,
)
from .percent import share_unit
from .reader import QUALIFIER_OF, Reader, figure_value, read_figure
from .units import UNIT_BLOCKERS, UNITS

__all__ = ["read_amount"]

_HALF = Decimal("0.5")
_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_MAY_JOIN_CODE = _LATIN | {"-", " "}  # before the digits of an identifier (see identifier_span)
_MAY_FOLLOW_CODE = _LATIN | {" "}  # after them: 5G, 9 Pro
_RATIO = frozenset(":∶")
#: Financial numerals, written in runs on cheques and contracts (伍佰元), never alone.
_FINANCIAL = frozenset("壹贰叁肆伍陆柒捌玖拾佰仟")
_AFTER_DIGITS = re.compile(r"[0-9][ \t\r\n\u3000]+$").search
#: A change written before a figure: 减少14家至3403家 is a fall of 14 to 3403, no range.
_CHANGE_BEFORE = re.compile(r"[增减減降升涨漲跌][少加长長低高]?了?$").search
#: The second end of a range that repeats the unit: 至1.2元 after 0.8元.
_UNIT_AGAIN = LazyPattern(rf"(?:--|{CONNECTOR})(?P<figure>{FIGURE})(?P<unit>{UNIT})")
#: Tried only after one of these (the connector's characters: its first ones).
_UNIT_AGAIN_FIRST = first_characters(re.compile(f"--|{CONNECTOR}"))
_ONE_DIGIT = frozenset("123456789一二两三四五六七八九壹贰叁肆伍陆柒捌玖")
_HAS_CONNECTOR = re.compile(r"[至到—–~～-]").search
_CONNECTOR_SPLIT = re.compile(CONNECTOR).split
#: 两个半月, 三个半小时: the units that may follow 个半.
_WEIGHT_BEFORE = frozenset("一二三四五六七八九十半")
_NOT_AFTER_WEIGHT = frozenset("日天年月周岁人个次位名家")  # 五、六两日: the two days
_QUAKES = ("地震", "强震", "余震", "大地震", "强烈地震")
_HALF_UNIT = re.compile("月|小时|星期|钟头|工作日")
#: The units read further after the figure (the chain of cases after 成 and 折 in
#: read_amount): 旬, 毛钱, 个, the currencies of 元, degrees and 级.  Most units are none.
_READ_FURTHER = frozenset(unit for unit, (reported, _) in UNITS.items()
                          if unit in ("旬", "个") or unit in SCALED_UNITS
                          or reported in ("元", "度", "级"))
#: 半 after a duration that begins a word instead (三年半岛? no: 一年半载, 两天半夜).
_NOT_A_HALF = re.compile("半(?:载|夜|岛|导|径|边|场|决|山|身|截|壁|路|数|百)")


def read_amount(reader: Reader, m: re.Match, shortcut: bool = True) -> Quantity | None:
    """The amount ``m`` (a match of the amount alternative) denotes, or None.

    ``shortcut=False`` reads every figure the long way, never by the plain shape below
    (tests/test_reading_shortcuts.py holds the two equal on every figure of the test data,
    of built figures and of news-dev)."""
    start, end = m.span("amount")
    text = reader.text
    # One call for the groups read below (each m[name] costs a look-up and a call).
    body, pre, written_unit, suf1, suf2, minus = m.group("body", "pre", "unit", "suf1",
                                                         "suf2", "minus")
    # Without a qualifier word (most figures) the amount starts with its body.
    body_start = m.start("body") if pre is not None else start
    body_end = body_start + len(body)
    unit = written_unit
    suffix = suf1 or suf2
    # Where the unit ends when it is written: it is the last group but suf2 (no m.end).
    written_unit_end = end - len(suf2) if suf2 else end
    # A body of digits alone (the most common: 5, 2000) needs neither search below; only
    # 0-9 of the pattern's characters are str.isdigit.
    plain_digits = body.isdigit()
    single = plain_digits or _HAS_CONNECTOR(body) is None  # one figure, no range
    # A figure in Arabic digits starts with one (FIGURE's Chinese forms hold none), so a
    # body holds a digit where it starts with one or is a range (三至5) holding one.
    has_digit = (plain_digits or "0" <= body[0] <= "9"
                 or not single and HAS_DIGIT(body) is not None)
    before = text[start - 1] if start else ""

    blockers = _PLAIN_UNITS.get(unit) if has_digit and shortcut else None
    if (blockers is not None and not pre and not suffix
            and before not in _NOT_BEFORE_PLAIN and text[end:end + 1] not in _NOT_AFTER_PLAIN
            and (plain_digits or _NOT_IN_PLAIN_BODY.isdisjoint(body))
            and not text.startswith(blockers, end - len(unit))):
        # The commonest shape (2000名, 31℃, 15公里, 1.5万吨): Arabic digits, one figure, and
        # a unit that no case below reads further, with nothing before or after that could
        # make it more (see _PLAIN_UNITS); every test below fails for it, and it is read
        # as they leave it.
        try:
            figure = read_figure(body)[0]
        except (ValueError, ArithmeticError):
            return None  # no figure after all: the long way reads none either
        reported_unit, kind = UNITS[unit]
        return reader.amount_quantity(start, end, figure, None, reported_unit, kind, pre,
                                      subject_from=(body_start, end))

    if has_digit:
        if "，" in body and not unit and "." not in body:
            return None  # 705，706， 751及751P線: a list of routes, no thousands (1，200元 is)
    else:
        # 二两白酒, 九两半: 两 after a numeral and before no measure word is the weight 两
        # (三两天, 一两个月 stay ranges: a unit follows).
        if (not unit and len(body) >= 2 and body[-1] == "两"
                and body[-2] in _WEIGHT_BEFORE and not pre and before != "、"
                and text[body_end:body_end + 1] not in _NOT_AFTER_WEIGHT):
            return _weight(reader, m, body, start, body_start, body_end)
        # Not amounts: numerals inside words and idioms, 一 as an article.
        if (len(body) == 1 and not unit and pre != "第" and text[body_end:body_end + 1] == "、"
                and _DUNHAO_DIGITS.get(text[body_end + 1:body_end + 2], 0)
                == _DUNHAO_DIGITS.get(body, -1) + 1):
            return None  # 约三、四天: the lower end of a range read at 四天
        if is_idiom(text, body_start, written_unit_end if unit else body_end):
            return None
        if not unit and not pre and _is_congress(text, body_start, body_end, body):
            value = chinese(body).lo  # 党的十八大: the 18th Party Congress, a rank
            return reader.quantity(start, body_end + 1, lo=value, hi=value, qualifier="exact",
                                   unit=None, kind="ordinal", value=value)
        if not unit and not pre and before == "卷" and body_start == start:
            value = chinese(body).lo  # 卷三十二: the thirty-second volume, a number
            return reader.quantity(start, body_end, lo=value, hi=value, qualifier="exact",
                                   unit=None, kind="ordinal", value=value)
        if body == "一" and pre == "突破":
            return None  # 突破一批关键技术: breakthroughs in "a batch", not at least one
        if body in SINGLE_NUMERALS and not unit and not pre:
            return None
        if body in _FINANCIAL and UNITS.get(unit or "", ("", ""))[1] != "money":
            return None  # 队伍人数, 大陆架: a lone 伍 or 陆 is part of a word
        if (body == "一" and not pre and not suffix and "多" not in (unit or "")
                and not (unit and _more_after_unit(text, written_unit_end, unit))  # 一岁多
                and not (unit == "个" and text.startswith("亿", written_unit_end))
                and UNITS.get(unit or "", ("", ""))[0] != "个百分点"
                and UNITS.get(unit or "", ("", ""))[1] != "age"  # 一周岁 is an age
                and unit != "周年"  # 一周年: the first anniversary
                and not (unit == "成" and _CHENG_TENTH.match(text, written_unit_end))  # 一成半
                and not (unit and _and_a_half(text, written_unit_end, unit))):
            return None  # 一张购物小票: an article, not a count (but 一年半 is 1.5年)
        if body in ("万", "亿", "千", "百", "百万", "千万") and not (
                pre or (unit and UNITS[unit][1] != "count" and unit != "圆")
                and not _AFTER_DIGITS(text[max(0, start - 8):start])):
            # 万 alone is 1万 only after 近/逾 (近万户) or before a measure, and never the
            # rest of a figure a paragraph break cut off (投资5⏎⏎亿元).
            return None
        if not unit and DIGIT_BY_DIGIT.fullmatch(body):
            return reader.quantity(start, end, lo=None, hi=None, qualifier="exact", unit=None,
                                   kind="identifier")  # 漳州一一〇: a name, not 110 of anything
        if text[start - 1:start] == "“" and UNITS.get(unit or "", ("", "count"))[1] == (
                "count"):
            return None  # “四个集中”, “两个维护”: a slogan, not a count
    # (Only a bare figure ends where a ratio mark follows: a unit or 以上 is no ∶.)
    if (end == body_end and text[body_end:body_end + 1] in _RATIO
            and text[body_end + 1:body_end + 2].isdigit()
            or before in _RATIO and text[start - 2:start - 1].isdigit()):
        return None  # 0∶0, 11∶0: a score or a ratio
    if unit:
        blockers = UNIT_BLOCKERS.get(unit)
        if blockers and text.startswith(blockers, written_unit_end - len(unit)):
            unit, suffix = None, suf1
            end = body_end + len(suf1) if suf1 else body_end
            if not has_digit and len(body) == 1:
                return None
    currency = (currency_before(text, start) if has_digit and not unit and not pre
                and before in CODE_ENDS else None)
    if currency:  # CNY1.25, US$3: money, not an identifier
        start, unit = currency
    elif has_digit:
        # Most figures have a unit, and what is tested here first applies to bare ones.
        if not unit:
            if not pre and body_end < len(text) and text[body_end] in "#＃" and plain_digits:
                return reader.quantity(start, body_end + 1, lo=None, hi=None,
                                       qualifier="exact", unit=None,
                                       kind="identifier")  # 93#汽油, 1#楼: No. 93, No. 1
            if before == "【" and not pre:
                label = _LABEL_DAY.match(text, start)
                if label:  # 【12.9‧交通消息】, 【10.1遊行】: a live blog's entries labelled by day
                    day = slash_date(reader, start, label.end(), int(label[1]), int(label[2]))
                    if day is not None:
                        return day
            if len(body) == 2 and body[1] == "0" and text.startswith("几", body_end):
                return _tens_and_some(reader, start, body_start, body)  # 20几个, 30几万元
            if not pre and len(body) <= 2 and plain_digits:
                clock = read_meridiem(reader, start, body_end, int(body))
                if clock is not None:  # 3pm, 10am, 3 p.m.
                    return clock
                if before and before in "（(" and text[body_end:body_end + 1] in "）)":
                    day = bracketed_day(reader, start)
                    if day is not None:  # 今（15）日: the 15th
                        return day
                    if _CJK(text[body_end + 1:body_end + 2]) and (
                            not _CJK(text[start - 2:start - 1]) or body == "1" and _SECOND_ITEM(
                                text, body_end, body_end + 200)):
                        # ，(2)美國試圖…, 於(1)美國調查… (2): items of a list (K 值（19） is a
                        # value)
                        value = Decimal(body)
                        return reader.quantity(start, body_end, lo=value, hi=value,
                                               qualifier="exact", unit=None, kind="ordinal",
                                               value=value)
                if text.endswith(_RANK_BEFORE, 0, start):  # 杭州排名13: a rank
                    value = Decimal(body)
                    return reader.quantity(start, body_end, lo=value, hi=value,
                                           qualifier="exact", unit=None, kind="ordinal",
                                           value=value)
        # Identifiers: TR188次, G4138次, COVID-19, COVID 19, 99号院, 12345热线.
        # Only a Latin letter, hyphen or space before, or a letter or a space (小米 9 Pro)
        # after, makes one.
        ident = (identifier_span(text, start, body_end, end, unit, body)
                 if before in _MAY_JOIN_CODE or text[body_end:body_end + 1] in _MAY_FOLLOW_CODE
                 else None)
        if ident is not None:
            return reader.quantity(*ident, lo=None, hi=None, qualifier="exact",
                                   unit=unit, kind="identifier")
        if not unit:
            if (text.startswith(("热线", "专线", "号码", "电话"), end)
                    or (len(body) >= 7 and plain_digits)):  # (一一〇, no digit: read above)
                return reader.quantity(start, end, lo=None, hi=None, qualifier="exact",
                                       unit=None, kind="identifier")
            if not pre and len(body) <= 2 and plain_digits and is_list_marker(
                    text, start, body_end):
                return reader.quantity(start, body_end, lo=Decimal(body), hi=Decimal(body),
                                       qualifier="exact", unit=None, kind="ordinal",
                                       value=Decimal(body))  # 1．由遗传基因…, 2、铁道部…: items
            if not pre and end == body_end:
                named = _figure_in_a_name(reader, text, start, end, before, body)
                if named is not None:
                    return named
    # Ranges: 10至15, 3-5, 15%～30%.
    pct_unit = body[-1] if body[-1] in "%‰" else None
    percent = pct_unit is not None
    try:
        if single:
            core = body.rstrip("%‰")
            if core.endswith("来"):
                return None
            figure, more = read_figure(core)
        else:
            parts = _CONNECTOR_SPLIT(body)
            if len(parts) != 2 or not parts[0] or not parts[1]:
                return None
            left, right = parts[0].rstrip("%‰"), parts[1].rstrip("%‰")
            # 3-5万: the multiplier of the right end applies to a bare left end.
            mult = ""
            while right and right[-1] in "万亿" and not left.endswith(("万", "亿")):
                mult = right[-1] + mult
                right = right[:-1]
            if (len(right) == 2 and right[-1] in "千仟百佰" and right[0] in _ONE_DIGIT
                    and len(left) == 1 and left in _ONE_DIGIT):
                mult = right[-1] + mult  # 四到五仟, 3-5百: the place applies to both ends
                right = right[:-1]
            lo_fig, _ = read_figure(left + mult)
            hi_fig, _ = read_figure(right + mult)
            if hi_fig.hi < lo_fig.lo:
                return None  # 2-1: a score or an identifier, not a range
            figure = Figure(lo_fig.lo, hi_fig.hi, max(lo_fig.precision, hi_fig.precision),
                            lo_fig.step, "range")
            lo_figure_hi = lo_fig.hi
            more = False
    except (ValueError, ArithmeticError):
        return None

    unit_end = written_unit_end if written_unit else end
    if unit and single and not suffix and not more and figure.qualifier == "exact":
        second = (_UNIT_AGAIN.match(text, unit_end)
                  if text[unit_end:unit_end + 1] in _UNIT_AGAIN_FIRST else None)
        if second and second["unit"] == unit and not _CHANGE_BEFORE(
                text, max(0, start - 4), start):
            # 0.8元至1.2元, 6万元至9万元, 三千年到五千年: the unit written at both ends.
            try:
                upper, upper_more = read_figure(second["figure"])
            except (ValueError, ArithmeticError):
                upper, upper_more = None, True
            if not upper_more and upper.qualifier == "exact" and upper.lo > figure.hi:
                lo_figure_hi = figure.hi  # -1℃至3℃: the minus below negates this end
                figure = Figure(figure.lo, upper.hi, max(figure.precision, upper.precision),
                                figure.step, "range")
                end = unit_end = second.end()
    kind, reported_unit = "count", unit
    if unit:
        reported_unit, kind = UNITS[unit]
    if percent:
        kind, reported_unit = "percent", pct_unit
    if unit == "成" and single and figure.qualifier == "exact" and not more:
        tenth = _CHENG_TENTH.match(text, unit_end)
        if tenth:  # 7成5, 三成五, 三成半: 75 %, 35 %, 35 %
            digit = tenth.group(1)
            tenths = _HALF if digit == "半" else figure_value(digit) / 10
            figure = Figure.exact(figure.lo + tenths, _TENTH)
            end = unit_end = tenth.end(1)
            after = _SUFFIX_AT(text, end)
            if after and not suffix:  # 7成5以上: the qualifier after the tenth
                suffix, end = after.group(), after.end()
    if reported_unit == "折" or reported_unit == "成":
        figure, reported_unit = share_unit(figure, reported_unit)
    if (not has_digit and not pre and len(body) == 1 and figure.qualifier == "exact"
            and before == "、" and kind in _DUNHAO_KINDS):
        lower = _dunhao_lower(text, start, figure.lo)
        if lower is not None:  # 三、四个月: two or three … months, one range
            start = lower
            figure = Figure(figure.lo - 1, figure.hi, ZERO, ONE, "range")
    if unit not in _READ_FURTHER:
        pass  # most units: none of the cases below
    elif unit == "旬":  # 七旬 is seventy years of age; 八旬老人 is in the eighties
        if not single or figure.qualifier != "exact" or not 1 <= figure.lo <= 12:
            return None
        figure = figure.scaled(Decimal(10))
        if not pre and not suffix:
            figure = Figure(figure.lo, figure.lo + 9, ZERO, ONE, "vague")
    elif unit in SCALED_UNITS:  # 5毛钱 = 0.5 元
        figure = figure.scaled(SCALED_UNITS[unit])
    elif unit == "个" and not suf2:
        spoken = ge_yi(text, written_unit_end, figure)
        if spoken:  # 二十几个亿: 个 between a numeral and 亿 in speech
            end, figure, reported_unit = spoken
            kind = UNITS[reported_unit][1] if reported_unit else "count"
            if reported_unit:
                reported_unit = UNITS[reported_unit][0]
    elif reported_unit == "元" and not suf2:
        change = jiao_and_fen(text, end, figure)
        if change:  # 46元3角5分
            end, figure = change
        if not pre and text.endswith(_FOREIGN_BEFORE_YUAN_WORDS, 0, start):
            word = text[start - 2:start]  # 日幣521億元: 元 counts the currency named first
            start, reported_unit = start - 2, _FOREIGN_BEFORE_YUAN[word]
    elif reported_unit == "度" and not pre and text.endswith(_SCALE_BEFORE_DEGREES, 0, start):
        # 华氏100度, 摄氏30度: degrees of the scale named before the figure
        word = next(w for w in _SCALE_BEFORE_DEGREES if text.endswith(w, 0, start))
        start, reported_unit = start - len(word), "℉" if word.startswith("华") else "℃"
    elif (reported_unit == "度" and not pre and not suffix and end == unit_end
          and text[end:end + 1] in _VERB_AFTER_TIMES and figure.qualifier == "exact"
          and figure.lo == figure.hi and figure.lo <= 20 and figure.lo == int(figure.lo)):
        kind, reported_unit = "count", "次"  # 3度對八仙樂園聲押, 兩度發生空難: times, not degrees
    elif reported_unit == "级" and (text.endswith(("里氏", "震级"), 0, start)
                                   or text.startswith(_QUAKES, end)):
        kind = "measure"  # 里氏5.8级: a magnitude, not a rank
    if reported_unit == "年" and kind == "duration" and has_digit and pre != "第":
        value = figure.lo
        if Decimal(1000) <= value <= Decimal(2100):
            return None  # a year without its 年 being read as a date; left to dates
    # 二 before a measure word names (环卫管理二所, 二队): a count of two is 两所 (but 二人);
    # 第三、四位, 第二、三轮: the 第 of the first numeral ranks the second too.
    ranked = (not pre and before == "、" and not has_digit and start >= 3
              and text[start - 3] == "第" and text[start - 2] in _DUNHAO_DIGITS)
    if pre == "第" or ranked or (body == "二" and kind == "count" and unit and unit != "人"
                                 and not pre):
        return reader.quantity(start, end, lo=figure.lo, hi=figure.hi, qualifier="exact",
                               unit=reported_unit, kind="ordinal", value=figure.lo)
    if not more and unit and "多" in unit and figure.qualifier == "exact":
        more = True  # 一个多月, 3个多小时
        figure = figure.and_more()
    elif (unit in _MORE_AFTER and not more and figure.qualifier == "exact" and not suffix
          and not pre and end == unit_end and _more_after_unit(text, end, unit)):
        more = True  # 一岁多, 三年多来, 两天多, 5年有余: more than the figure, under one unit more
        end = unit_end = end + (2 if text[end] == "有" else 1)
        last_digit = figure.precision * 2 or ONE  # 十岁多 < 11 (十多岁 is [10, 20))
        figure = Figure(figure.lo, figure.lo + last_digit, ZERO, last_digit, "more_than")
    if more:
        qualifier = "more_than"
    else:
        qualifier = ((QUALIFIER_OF.get(pre) if pre else None)
                     or (QUALIFIER_OF.get(suffix) if suffix else None))
    if pre in ("零下", "负") or minus:  # 零下5℃, 约-5℃, 不足-5%
        figure = figure.negated()
    elif (has_digit and not pre and before in "-−" and before
          and not (start > 1 and (text[start - 2].isascii() and text[start - 2].isalnum()
                                  or text[start - 2] in "-−"))):  # 2万元--6万元: a dash
        # -5℃, -3～5℃, 增长-2.5%: a minus sign, not a dash between two figures.
        start -= 1
        if figure.qualifier == "range":
            figure = Figure(-lo_figure_hi, figure.hi, figure.precision, figure.step, "range")
        else:
            figure = figure.negated()
    if figure.qualifier == "exact" and not more and (
            unit in _COMPOUND_DURATION or not unit and text[end:end + 1] == "分"):
        compound = _compound_duration(text, start, end, unit, figure.lo)
        if compound:  # 1小时20分钟, 2分27秒, 11秒37 (左右)
            end, figure, reported_unit = compound
            kind, unit = "duration", reported_unit
            after = _SUFFIX_AT(text, end)
            if after and not qualifier:
                end, qualifier = after.end(), QUALIFIER_OF[after.group()]
    if unit and text[end:end + 1] == "半" and figure.qualifier == "exact" and body != "半":
        half = _and_a_half(text, end, unit)
        if half:  # 两年半, 三个半月: the figure and a half of its unit
            end, unit_text = half
            reported_unit, kind = UNITS.get(unit_text, (unit_text, "duration"))
            figure = Figure(figure.lo + _HALF, figure.hi + _HALF, ZERO, _HALF, "exact")
            unit = unit_text
    # The noun after the unit follows any qualifier word (31℃左右的高温: not 左右).
    after_unit = (written_unit_end + len(suf2) if suf2 else unit_end) if written_unit else end
    return reader.amount_quantity(start, end, figure, qualifier, reported_unit, kind, pre,
                                  subject_from=(body_start, after_unit))


_QUOTE_CLOSER = {"“": "”", "「": "」", "『": "』", "\"": "\""}
_QUOTE_OPENER = {closer: opener for opener, closer in _QUOTE_CLOSER.items()}
_QUOTE_CLOSINGS = frozenset(_QUOTE_OPENER)
#: How far a short quotation runs (“16融地01”, “７－２１抢险英雄团队”), and what ends a clause.
_SHORT_QUOTE = 12
_CLAUSE_MARKS = frozenset("，,。；;：:！？!?、\n")
_TITLE_END = frozenset("》】")
_YEAR_SPAN = re.compile(r"((?:19|20)[0-9]{2})[—–\-－~～至到]{1,2}((?:19|20)[0-9]{2})")
_SEASON_AFTER = ("冰雪季", "雪季", "赛季", "球季", "年度", "学年", "财年", "秋冬季", "跨年")
#: Words after which a bare figure is a rank (杭州排名13, 南京排名15).
_RANK_BEFORE = ("排名", "排行", "名列", "位列", "位居", "排在")
_CJK = re.compile("[\u4e00-\u9fff]").match
_SECOND_ITEM = re.compile("[（(]2[）)]").search
_MEASURED_UNITS = tuple(unit for unit in UNITS if UNITS[unit][1] in ("money", "measure", "percent"))
_UNIT_FIRSTS = frozenset(unit[0] for unit in _MEASURED_UNITS)
_TITLE_START = frozenset("《“「")
_NAME_YEAR = re.compile("(?:19|20)[0-9]{2}")


def _figure_in_a_name(reader: Reader, text: str, start: int, end: int, before: str,
                      body: str) -> Quantity | None:
    """A bare figure (no unit, no qualifier) that is a name or part of one: the whole of
    a quotation (“3820”战略工程, “1·24”火灾, “10.21”事故) or the end of a title
    (《哪吒2》, 《香港01》, 【萌樣星二代3】) is an identifier; a year just before a title or a
    quotation (2025《上海宣言》, 2026“大片看总台”) is that year.  None otherwise."""
    after = text[end:end + 1]
    if before in _QUOTE_CLOSER and after == _QUOTE_CLOSER[before]:
        if text[end + 1:end + 2] in _UNIT_FIRSTS and text.startswith(_MEASURED_UNITS, end + 1):
            return None  # 重归“6”元大关: a sum quoted before its unit (“80”字样 is a name)
        years = body.replace("－", "-").split("-")
        if (len(years) == 2 and all(_NAME_YEAR.fullmatch(y) for y in years)
                and years[0] < years[1]):  # “1949－2024”: a span of years on an emblem
            return reader.quantity(start, end, lo=None, hi=None, qualifier="range", unit=None,
                                   kind="date", iso=f"{years[0]}/{years[1]}")
        return reader.quantity(start, end, lo=None, hi=None, qualifier="exact", unit=None,
                               kind="identifier")
    if (
            after in _TITLE_END and before and (before.isalpha() or before.isdigit())):
        return reader.quantity(start, end, lo=None, hi=None, qualifier="exact", unit=None,
                               kind="identifier")
    if before in _QUOTE_CLOSER or after in _QUOTE_CLOSINGS:
        # “16融地01”债券, “3+3”战略对话, “７－２１抢险英雄团队”: a figure without a unit that
        # starts or ends a short quotation names something with it
        closer = _QUOTE_CLOSER.get(before)
        if closer is not None:
            close = text.find(closer, end, end + _SHORT_QUOTE)
            short = close != -1 and not _CLAUSE_MARKS.intersection(text[end:close])
        else:
            opener = _QUOTE_OPENER[after]
            open_at = text.rfind(opener, max(0, start - _SHORT_QUOTE), start)
            short = open_at != -1 and not _CLAUSE_MARKS.intersection(text[open_at:start])
        if short and has_unit_free_end(text, end):
            return reader.quantity(start, end, lo=None, hi=None, qualifier="exact", unit=None,
                                   kind="identifier")
    years = _YEAR_SPAN.fullmatch(body) if len(body) >= 9 else None  # 2023—2025 at least
    if years and int(years[1]) < int(years[2]) <= int(years[1]) + 30 and (
            before in "（(" and after in "）)" or text.startswith(_SEASON_AFTER, end)):
        # （2023—2025）》, 2023—2024冰雪季: the years of a plan or a season
        return reader.quantity(start, end, lo=None, hi=None, qualifier="range", unit=None,
                               kind="date", iso=f"{years[1]}/{years[2]}")
    if (before == "【" or after in _TITLE_START) and _NAME_YEAR.fullmatch(body) and not (
            before.isdigit()):  # 2025《上海宣言》, 【2023 我们一起走过】: that year
        return reader.quantity(start, end, lo=None, hi=None, qualifier="exact", unit=None,
                               kind="date", iso=body)
    return None


#: 【12.9‧交通消息】, 【11.20全日總覽】: a month and day opening a bracketed label of a live blog.
_LABEL_DAY = re.compile(r"(1[0-2]|0?[1-9])[.．](3[01]|[12][0-9]|0?[1-9])"
                        r"(?=[‧．・·.]?[\u4e00-\u9fff][^】\n]{0,12}】)")
#: Verbs after N度 that make it a number of times (三度遭, 2度對…聲押, 兩度發生, 十度攻破), never
#: a temperature or an angle (26度和28度, 30度出头, 90度鞠躬 stay degrees).
_VERB_AFTER_TIMES = frozenset("被遭对发攻访获夺登延参陷离包举引受崩反折追想创闯入")  # folded
_SCALE_BEFORE_DEGREES = ("华氏温度", "摄氏温度", "华氏", "摄氏")

def has_unit_free_end(text: str, end: int) -> bool:
    """Whether no unit of a measure, a sum or a share starts at ``end`` (a quoted figure
    before its unit is a figure: “6”元)."""
    return not (text[end:end + 1] in _UNIT_FIRSTS and text.startswith(_MEASURED_UNITS, end))


#: Foreign currencies copy names before a figure it ends in 元 (日幣521億元, 美金100元): the
#: figure is in that currency.  (新台币, 港币 and 人民币 are also the 元 of their own copy,
#: where a later bare 元 means the same money: they stay 元.)
_FOREIGN_BEFORE_YUAN = {"日币": "日元", "韩币": "韩元", "美金": "美元"}
_FOREIGN_BEFORE_YUAN_WORDS = tuple(_FOREIGN_BEFORE_YUAN)

_TENTH = Decimal("0.1")
#: One digit after 成 is its tenth (7成5 is 75 %), when nothing that counts follows.
_CHENG_TENTH = re.compile(r"([1-9]|[一二三四五六七八九]|半)(?=[的，,。；;、）)」\s]|以上|左右|$)")


#: Kinds a range written with a 顿号 may count (三、四个月); never ranks (三、四年级).
_DUNHAO_KINDS = frozenset({"count", "duration", "age", "measure", "money"})
_DUNHAO_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
#: What may not stand before the lower numeral: 第 (第二、三轮 are two rounds by rank),
#: another list item (二、三、四个), a numeral, or the start of a line or clause, where
#: 三、 numbers a heading.
_NOT_BEFORE_DUNHAO = (frozenset("第、，,。：:；;\n \t\u3000") | frozenset(CN)
                      | frozenset("0123456789"))


def _dunhao_lower(text: str, start: int, upper: Decimal) -> int | None:
    """Where 三 of 三、四个月 starts, when the numeral before the 、 at ``start - 1`` is one
    less than ``upper``: adjacent single numerals joined by a 顿号 are a range, as 三四个月."""
    if start < 3 or _DUNHAO_DIGITS.get(text[start - 2]) != upper - 1 or text[start] == "二":
        return None  # 一、二类, 一、二等奖: ranks (a count of two is 两: 一、两次)
    if text[start - 3] in _NOT_BEFORE_DUNHAO:
        return None
    return start - 2


#: Single-character units of age and time after which 多 means "and some" (一岁多).
_MORE_AFTER = frozenset("岁年天月周倍")
#: What may follow that 多: the end of a phrase or a word that 多 does not begin
#: (两天多云 is cloudy, 一年多少 asks how much, 三年多次 is many times).
_AFTER_MORE = frozenset("来的了后前里时之，,、。；;：:）)”」』 \n以才就过还未没中间内为已也都便")


def _more_after_unit(text: str, end: int, unit: str) -> bool:
    """Whether 多 at ``end`` adds "and some" to the age or duration whose unit ends there."""
    if unit not in _MORE_AFTER:
        return False
    if text.startswith("有余", end):
        return True  # 三年有余
    if text[end:end + 1] != "多":
        return False
    after = text[end + 1:end + 2]
    return not after or after in _AFTER_MORE


#: What may follow the 几 of 20几: 万/亿 and a unit (30几万元, 20几岁).
_JI_AFTER_TENS = LazyPattern(rf"几(?P<mult>[万亿]*)(?:(?P<unit>{UNIT})|(?=[^0-9几]|$))")


#: A congress by its number: 十一 to 二十九 before 大 (党的十八大, 中共十五大, 二十大报告).
_CONGRESS_NUMBER = re.compile("十[一二三四五六七八九]|二十[一二三四五六七八九]?")
_CONGRESS_BEFORE = ("党的", "中共", "共产党", "越共", "共青团", "党")
_CONGRESS_AFTER = re.compile(
    "以来|精神|报告|代表|召开|胜利|提出|确定|确立|作出|闭幕|开幕|结束|期间|前夕|部署|决策|明确|"
    "强调|要求|主题|日程|擘画|首次|以后|之后|后|前|时|和|、|，|。|的|上|将|对|关于")


def _is_congress(text: str, start: int, end: int, body: str) -> bool:
    """Whether the numerals at ``text[start:end]`` number a congress: 党的十八大, 中共十五大, or
    二十大 before 以来/报告/精神/召开… (二十大银行 are twenty banks; 第十八大 is no such form)."""
    if text[end:end + 1] != "大" or not _CONGRESS_NUMBER.fullmatch(body):
        return False
    if start and (text[start - 1] in CN or text[start - 1] == "第"):
        return False
    return text.endswith(_CONGRESS_BEFORE, 0, start) or (
        _CONGRESS_AFTER.match(text, end + 1) is not None)


def _tens_and_some(reader: Reader, start: int, body_start: int, body: str) -> Quantity | None:
    """20几, 30几万元: tens and some more, as 二十几 ([21, 29]).  Read here rather than in
    the pattern, which every figure would then try first."""
    text = reader.text
    m = _JI_AFTER_TENS.match(text, body_start + len(body))
    if m is None or start != body_start:
        return None
    figure = vague(body + "几" + m["mult"])
    unit = m["unit"]
    reported, kind = UNITS[unit] if unit else (None, "count")
    return reader.amount_quantity(start, m.end(), figure, None, reported, kind, None,
                                  subject_from=(body_start, m.end()))


def _and_a_half(text: str, end: int, unit: str) -> tuple[int, str] | None:
    """(new end, unit) when 半 follows a duration (两年半) or stands in 个半 (两个半月)."""
    if text[end:end + 1] != "半":
        return None
    if unit == "个":
        after = _HALF_UNIT.match(text, end + 1)
        return (after.end(), after.group()) if after else None
    if (UNITS[unit][1] == "duration" or unit in _HALF_MEASURES) and not _NOT_A_HALF.match(
            text, end):
        return end + 1, unit  # 两年半; 两米半, 三斤半, 一吨半
    return None


#: Measures that copy halves as it halves a year: 两米半 is 2.5 米, 三斤半 3.5 斤.
_HALF_MEASURES = frozenset({"米", "斤", "吨", "公斤", "公里", "里", "尺", "寸", "亩", "升", "公尺"})


#: Units after which a smaller one may follow: 1小时20分钟, 2分27秒, 11秒37, 3年6个月.
_COMPOUND_DURATION = frozenset({"小时", "个小时", "秒", "年"})
_THEN_MONTHS = re.compile(r"(1[01]|[1-9]|十[一]?|[一二两三四五六七八九])(个)?月(?![0-9份日号])")
_SUFFIX_AT = re.compile(SUFFIX).match

#: The units of the shortcut of read_amount (digits, no qualifier word, nothing after the
#: unit), each with the words it may start instead (UNIT_BLOCKERS: 人民, 名单; the shortcut
#: is not taken before one): the units of which no case of the long way takes notice once
#: the figure is digits.  Left out: a unit that is read further (_READ_FURTHER: 毛钱, 个, 元,
#: 度, 级, 旬), is a share (成, 折), holds or takes 多 (个多月, 一岁多), has a smaller unit
#: after it (1小时20分钟, 3年6个月; 年 is also a year's), or starts with a letter or a space
#: (an identifier may go on: 5G).
_PLAIN_UNITS = {
    unit: UNIT_BLOCKERS.get(unit, ()) for unit, (reported, _) in UNITS.items()
    if unit not in _READ_FURTHER and reported not in ("成", "折", "年") and "多" not in unit
    and unit not in _MORE_AFTER and unit not in _COMPOUND_DURATION
    and unit[0] not in _MAY_FOLLOW_CODE}
#: Before the figure: what may join an identifier (TR188次), a ratio mark (2∶1), a minus.
_NOT_BEFORE_PLAIN = _MAY_JOIN_CODE | _RATIO | {"-", "−"}
#: After the unit: a second end of a range (至1.2元) or a half (两米半).
_NOT_AFTER_PLAIN = _UNIT_AGAIN_FIRST | {"半"}
#: In the body: a share (15%), more (200余, 3万多), 来 (10来), a range (3-5, 10至15).
_NOT_IN_PLAIN_BODY = frozenset("%‰余多来") | first_characters(re.compile(CONNECTOR))
_THEN_MINUTES = re.compile(rf"([0-9]{{1,2}}|[{CN}]{{1,3}})分(?:钟)?(?![0-9{CN}])")
_THEN_SECONDS = re.compile(rf"分([0-9]{{1,2}}(?:[.·][0-9]{{1,3}})?|[{CN}]{{1,3}})秒")
_THEN_HUNDREDTHS = re.compile(r"([0-9]{1,2})(?![0-9秒分.])")


def _compound_duration(text: str, start: int, end: int, unit: str | None, value: Decimal
                       ) -> tuple[int, Figure, str] | None:
    """A duration written in two units, read in the smaller one: (new end, figure, unit).

    1小时20分钟 → 80 分钟; 2分27秒 → 147 秒; 11秒37, as sports results write a time, →
    11.37 秒; 3年6个月 → 42 月, and 10年6月 so only in a court's sentence (126 月).  The
    figure before is ``value``, starting at ``start``; what follows starts at ``end``.
    """
    if unit == "年":  # 3年6个月; 有期徒刑10年6月, as a court writes a term
        after = _THEN_MONTHS.match(text, end)
        if not after or not value or value != value.to_integral_value() or not (
                after.group(2) or is_sentence_term(text, start, after.end())):
            return None
        months = figure_value(after.group(1))
        return after.end(), Figure.exact(value * 12 + months, ONE), "月"
    if unit in ("小时", "个小时"):
        after = _THEN_MINUTES.match(text, end)
        if not after:
            return None
        minutes = figure_value(after.group(1))
        if minutes >= 60:
            return None
        return after.end(), Figure.exact(value * 60 + minutes, ONE), "分钟"
    if unit == "秒":
        after = _THEN_HUNDREDTHS.match(text, end)
        if not after:
            return None
        if value != value.to_integral_value():
            return None  # 11.3秒37 is no time
        digits = after.group(1)
        return after.end(), Figure.exact(Decimal(f"{value}.{digits}"),
                                         Decimal(1).scaleb(-len(digits))), "秒"
    after = _THEN_SECONDS.match(text, end)  # 2分27秒: 分 was no unit of the figure before
    if not after:
        return None
    seconds_text = after.group(1).replace("·", ".")
    seconds = figure_value(seconds_text)
    if seconds >= 60:
        return None
    last = Decimal(1).scaleb(-len(seconds_text.partition(".")[2])) if HAS_DIGIT(
        seconds_text) else ONE
    return after.end(), Figure.exact(value * 60 + seconds, last), "秒"


def _weight(reader: Reader, m: re.Match, body: str, start: int, body_start: int,
            body_end: int) -> Quantity | None:
    """二两白酒, 九两半: a weight in 两 (50 g), with 半 after it adding half a 两."""
    try:
        figure = chinese(body[:-1])
    except ValueError:
        return None
    end = body_end
    if reader.text.startswith("半", end):
        figure = Figure(figure.lo + _HALF, figure.hi + _HALF, ZERO, _HALF, "exact")
        end += 1
    return reader.amount_quantity(start, end, figure, None, "两", "measure", None,
                                  subject_from=(body_start, end))
