"""Properties of the extractor that must hold for any input (hypothesis)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import cn2an
from hypothesis import given, settings
from hypothesis import strategies as st

import factlint

factlint.extract("1")  # compile the patterns here, not inside the first example's deadline
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
integers = st.integers(min_value=0, max_value=10**12)


@given(integers)
def test_arabic_digits(n: int) -> None:
    assert factlint.parse(f"{n}名").lo == Decimal(n)


@given(integers)
def test_full_width_digits(n: int) -> None:
    q = factlint.parse(f"{n}名".translate(FULL_WIDTH))
    assert (q.lo, q.hi) == (Decimal(n), Decimal(n))


# 一名 alone is an article in copy ("一名宝妈"), not a count, so start at 2.
@given(st.integers(min_value=2, max_value=10**12))
def test_chinese_numerals(n: int) -> None:
    written = cn2an.an2cn(str(n))
    assert factlint.parse(f"{written}名").lo == Decimal(n), written


@given(integers, st.data())
def test_ocr_spaces_and_line_breaks(n: int, data: st.DataObject) -> None:
    digits = str(n)
    pieces = [digits[0]]
    for char in digits[1:]:
        pieces.append(data.draw(st.sampled_from(["", "", " ", "\n", " \n "])) + char)
    written = "".join(pieces) + data.draw(st.sampled_from(["名", " 名", "\n名"]))
    q = factlint.parse(written)
    assert q.lo == Decimal(n), repr(written)


ALPHABET = st.sampled_from(list(
    "0123456789０１２３４５６７８９一二两三四五六七八九十百千万亿零〇几余多近约超过以上以下左右"
    "第名人个元美元%％‰年月日时点分号次之成数上至到—-~～.·,，。 \n\r\t党员捐款ABCxyz"
    ":：/负下晚℃万元半、岁周") + [
    # issue 11: forms read as words, 顿号 ranges, 多 after a unit, am/pm, the financial 參
    "一半", "半数", "过半", "以上", "另", "花甲", "古稀", "耄耋", "而立之年", "年逾", "年近",
    "半百",
    "数个", "数名", "周年", "pm", "am", " p.m.", "參", "壹", "佰", "拾", "仟", "圓", "這", "判处",
    "徒刑", "个月", "个星期",
    # issue 11, fourth pass: trillions before a currency, Taiwan's units, names in quotes
    # and titles, congresses, foreign currencies before 元, 超过了, 成半, degrees by scale
    "兆", "美元", "台幣", "克朗", "公分", "千卡", "注", "华氏", "摄氏", "度", "超过了", "突破",
    "“", "”", "《", "》", "【", "】", "党的", "大", "日幣", "美金", "成半",
    # sixth session: units starting with 千, 约合, a unit shared by a 、 list, ranges written
    # short, 倍多, 度 as times, 冲破, 億 with a comma group, 卷, live-blog day labels
    "千伏", "千帕", "千瓦时", "千克", "约合", "一成", "、", "0、", "倍多", "度對", "遭", "冲破",
    "億", "萬", ",758", "卷", "【12.9", "‧", "位数", "头奖"])


@settings(max_examples=300)
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_extract_never_raises_and_spans_point_at_the_text(text: str) -> None:
    for q in factlint.extract(text):
        assert text[q.span.start:q.span.end] == q.text
        assert q.lo is None or isinstance(q.lo, Decimal)
        assert q.hi is None or q.lo is None or q.lo <= q.hi


_ISO_PART = re.compile(
    r"(?:(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?|--(?P<m2>\d{2})(?:-(?P<d2>\d{2}))?"
    r"|(?:\d{4}-)?---?\d{2}|\d{4}----\d{2})"
    r"(?:T(?P<h>\d{2}):(?P<mi>\d{2})(?::\d{2})?)?|(?P<h2>\d{2}):(?P<mi2>\d{2})(?::\d{2})?")


def _valid_iso(iso: str) -> bool:
    """Each end of an ISO 8601 value is a real day, month, year or time of day."""
    parts = iso.split("/")
    for i, part in enumerate(parts):
        m = _ISO_PART.fullmatch(part)
        if not m:
            return False
        month, day = m["m"] or m["m2"], m["d"] or m["d2"]
        if month and not 1 <= int(month) <= 12:
            return False
        if day:
            try:
                datetime.date(int(m["y"] or 2000), int(month), int(day))
            except ValueError:
                return False
        hour, minute = m["h"] or m["h2"], m["mi"] or m["mi2"]
        # 24:00 is the end of a day, as ISO 8601 allows at the end of an interval (6时至24时).
        end_of_day = i == len(parts) - 1 and len(parts) > 1 and (hour, minute) == ("24", "00")
        if hour and not (int(hour) < 24 and int(minute) < 60 or end_of_day):
            return False
    return True


DATE_ALPHABET = st.sampled_from(list("0123456789年月日号时点分:-/.至到—晚下午上凌晨T许多 ") + [
    "十", "二十", "三十一", "2020年", "2月", "31日", "29日", "12:30", "24:00", "2016-02-30",
    # issue 11: Republic and era years (Traditional copy for the bare ones), am/pm, terms
    "民國", "民国", "光绪", "104", "107年", "129", "年度", "底", "這", "pm", "am", " p.m.",
    "判刑", "徒刑", "个月", "1", "08",
    # issue 11, fourth pass: 约 before a time, bracketed days, school years, month ranges
    # across years, short years by region
    "约", "約", "今（", "）日", "昨(", ")晚", "学年", "年度", "/", "2020/", "21", "2016年", "到",
    "港元", "特首", "台北", "新台幣", "97", "19年", "今 (", ") 日", "【", "】", "12.9", "‧"])


@settings(max_examples=300)
@given(st.lists(DATE_ALPHABET, max_size=30).map("".join))
def test_dates_and_times_are_real_days_and_times(text: str) -> None:
    for q in factlint.extract(text, year=2019):
        assert text[q.span.start:q.span.end] == q.text
        if q.iso is not None:
            assert _valid_iso(q.iso), (q.text, q.iso)
        if q.lo is not None and q.hi is not None:
            assert q.lo <= q.hi


@settings(max_examples=100)
@given(st.text(max_size=200))
def test_extract_never_raises_on_any_unicode(text: str) -> None:
    factlint.extract(text)


# Precision (half a unit of the last written digit) and step (one unit of the last
# significant digit) are read off the digit string; Decimal arithmetic says the same.
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=4),
       st.sampled_from(["", "万", "亿", "百万"]))
def test_precision_and_step_of_arabic_figures(mantissa: int, decimals: int, mult: str) -> None:
    from factlint.quantities.numerals import MULTIPLIERS, arabic

    text = f"{Decimal(mantissa).scaleb(-decimals):.{decimals}f}"
    factor = Decimal(1)
    for char in mult:
        factor *= MULTIPLIERS[char]
    value = Decimal(text)
    exponent = 0 if value == 0 else value.normalize().as_tuple().exponent
    figure = arabic(text, mult)
    assert figure.lo == figure.hi == value * factor
    assert figure.precision == Decimal(1).scaleb(-decimals) * factor / 2
    assert figure.step == Decimal(1).scaleb(exponent) * factor


def test_extract_leaves_the_garbage_collector_as_it_found_it() -> None:
    import gc

    assert gc.isenabled()
    assert factlint.extract("7436万多名党员")
    assert gc.isenabled()
    gc.disable()
    try:
        assert factlint.extract("7436万多名党员")
        assert not gc.isenabled()
    finally:
        gc.enable()


PLACES = st.sampled_from(["亿", "千万", "百万", "万", "千", "百"])


# 1万2千 is the same figure as 12000, at any places in order (十 only last: 3十万 is no form).
@given(st.lists(st.tuples(st.integers(1, 9), PLACES), min_size=1, max_size=4,
                unique_by=lambda t: t[1]),
       st.one_of(st.none(), st.integers(1, 9)))
def test_arabic_digits_at_several_places(places: list[tuple[int, str]], tens: int | None) -> None:
    from factlint.quantities.numerals import MULTIPLIERS

    def factor(mult: str) -> Decimal:
        value = Decimal(1)
        for char in mult:
            value *= MULTIPLIERS[char]
        return value

    places = sorted(places, key=lambda p: -factor(p[1])) + ([(tens, "十")] if tens else [])
    text = "".join(f"{digit}{mult}" for digit, mult in places)
    expected = sum(digit * factor(mult) for digit, mult in places)
    q = factlint.parse(f"{text}元")
    assert (q.lo, q.hi, q.unit) == (expected, expected, "元"), text
