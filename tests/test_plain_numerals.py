"""Chinese numerals in plain characters are read as cn2an reads them, without cn2an.

``numerals.plain_numeral_value`` saves cn2an's import (0.1 s of a start) for the
numerals copy writes; it must give cn2an's value, or refuse, for every string, in the
order :func:`numerals.chinese_value` asks cn2an (strict mode, then normal mode).
``bench/numeral_equivalence.py`` runs the same comparison over every string of up to
five characters and 300,000 random ones.
"""

from __future__ import annotations

import itertools
import random
import subprocess
import sys
from pathlib import Path

import cn2an
import pytest

from factlint.quantities.numerals import chinese_value, plain_numeral_value

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from numeral_equivalence import ALPHABET, cn2an_reading, plain_reading  # noqa: E402


def test_every_string_of_up_to_three_plain_characters_reads_as_cn2an_reads_it() -> None:
    accepted = 0
    for length in (1, 2, 3):
        for chars in itertools.product(ALPHABET, repeat=length):
            text = "".join(chars)
            expected = cn2an_reading(text)
            assert plain_reading(text) == expected, text
            accepted += expected != "refused"
    assert accepted > 300  # the comparison is not one of refusals only


@pytest.mark.parametrize("text, value", [
    ("七千四百三十六", 7436), ("一万零五百", 10500), ("三亿五千万", 350000000),
    ("一千零十一", 1011),            # 零十 is read as 零一十
    ("十五", 15), ("二十", 20), ("一百一十", 110),
    ("二万三", 23000),                # 两万三 once 两 is 二: speech, the last place left unsaid
    ("三百二", 320), ("一百一", 110),
    ("一万二十", 10020),              # speech: the missing 零 put in
    ("七百二十五亿", 72500000000),
    ("一亿十万", 100000000),          # cn2an's reading (the 十 counts nothing), kept as it was
])
def test_numerals_of_real_copy(text: str, value: int) -> None:
    assert plain_numeral_value(text) == value == cn2an_reading(text)


@pytest.mark.parametrize("text", ["一亿万", "一万千", "十五五", "十二二十", "零亿", "一亿二"])
def test_numerals_cn2an_refuses_are_refused(text: str) -> None:
    assert cn2an_reading(text) == "refused"
    with pytest.raises(ValueError):
        plain_numeral_value(text)


def test_other_characters_are_left_to_cn2an() -> None:
    for text in ("壹仟", "两万", "廿", "一点五", "幺", ""):
        assert plain_numeral_value(text) is None


def test_written_numbers_and_their_slips_read_as_cn2an_reads_them() -> None:
    rnd = random.Random(20261201)
    for _ in range(600):
        written = cn2an.an2cn(str(rnd.randrange(10 ** rnd.randrange(1, 17))))
        assert plain_reading(written) == cn2an_reading(written), written
        chars = list(written)
        chars.insert(rnd.randrange(len(chars) + 1), rnd.choice(ALPHABET))
        slipped = "".join(chars)
        if len(slipped) > 1 and set(slipped) <= set("零一二三四五六七八九"):
            continue  # digit by digit (二〇二〇): chinese_value reads those itself
        assert plain_reading(slipped) == cn2an_reading(slipped), slipped


def test_chinese_value_gives_the_same_decimal_either_way() -> None:
    assert str(chinese_value("七千四百三十六")) == "7436"
    assert str(chinese_value("壹仟叁佰")) == "1300"  # through cn2an
    with pytest.raises(ValueError, match="not a Chinese numeral"):
        chinese_value("一亿万")


def test_reading_plain_numerals_does_not_import_cn2an() -> None:
    code = ("import sys, factlint\n"
            "found = factlint.extract('全省七千四百三十六名党员，投资一百二十亿元，十五个县')\n"
            "assert [str(q.lo) for q in found] == ['7436', '12000000000', '15'], found\n"
            "print('cn2an' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"
