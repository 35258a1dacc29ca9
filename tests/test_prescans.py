"""The cheap tests that let extraction skip work must never skip a quantity.

Each prescan (a text with no numeral at all, a line with no code mark, ...) is a
shortcut taken for speed; these tests hold it to the readings of the full scan on
text that only just passes or fails the prescan.
"""

from __future__ import annotations

import collections
import random
import re

import pytest

import factlint
from factlint.quantities import pattern
from factlint.quantities.pattern import PATTERN
from factlint.quantities.units import UNITS_LONGEST_FIRST
from factlint.text.normalize import NormalizedText, folds_into, normalize
from tests.copy_texts import phrases_and_seeds


def test_folds_into_finds_every_character_that_folds_to_a_numeral() -> None:
    numerals = folds_into("4万两")
    assert {"4", "万", "两", "４", "萬", "兩"} <= numerals
    assert "a" not in numerals and "人" not in numerals
    for char in numerals:  # each one really folds (as Simplified or as Traditional copy)
        assert normalize(char) in "4万两" or normalize("這" + char)[1] in "4万两"


@pytest.mark.parametrize("text, expected", [
    ("１２萬人", ["１２萬人"]),             # full-width digits and a Traditional 萬
    ("②号线", ["②号线"]),                # a circled digit folds to 2
    ("這裡有兩個人", ["兩個"]),            # Traditional copy: 兩 is the only numeral
    ("除夕夜", ["除夕"]),                  # no numeral at all, a date all the same
    ("康熙元年", ["康熙元年"]),
])
def test_text_whose_only_figure_is_folded_or_wordy_is_still_read(
        text: str, expected: list[str]) -> None:
    found = factlint.extract(text, year=2020)
    assert [q.text for q in found] == expected
    # The same through a NormalizedText made once (how factlint.corpus calls it).
    assert factlint.extract(NormalizedText.of(text), year=2020) == found


def test_text_without_any_numeral_holds_no_quantity() -> None:
    assert factlint.extract("") == []
    assert factlint.extract("记者从市政府获悉，这项工作正在推进。") == []


def _texts_read_in_tests() -> list[str]:
    """Every phrase of tests/data/*.tsv and every seed, as the extractor reads them."""
    return [NormalizedText.of(text).joined for text in phrases_and_seeds()]


#: PATTERN's pieces as they were first written: every unit and qualifier word one branch of
#: a plain alternation, runs of digits as a repeat of runs.
_PLAIN_UNIT = "|".join(re.escape(u) + ("(?![A-Za-z0-9])" if u[-1].isascii() else "")
                       for u in UNITS_LONGEST_FIRST)
_PLAIN_ARABIC = pattern.ARABIC.replace("|[0-9]+)", "|[0-9]+(?:[0-9]+)*)")


def _as_first_written(source: str) -> re.Pattern[str]:
    for guard in (pattern._DATE_NEEDS, pattern._TIME_NEEDS, pattern._SHARE_NEEDS):
        source = source.replace(guard, "")
    source = (source.replace(pattern.UNIT, _PLAIN_UNIT).replace(pattern._PREFIX, pattern.PREFIX)
              .replace(pattern.ARABIC, _PLAIN_ARABIC))
    return re.compile(source, re.VERBOSE)


def _adversarial_texts(count: int) -> list[str]:
    """Strings of what dates, times and shares are made of, in every order (seeded)."""
    pieces = ["1", "9", "0", "2", "12", "1998", "一", "二", "十", "九", "〇", "三", "百", "千",
              "万", "年", "月", "日", "号", "世纪", "年代", "后", "点", "时", "分", "半", ":", "/",
              "-", ".", "—", "至", "约", "大约", "超过", "了", "上个", "本", "下午", "凌晨", "财",
              "之", "底", "初", "名", "元", "%", "多", "左右", "人", "度", "赛季", "学年", "百分之",
              "分之", "不得多于", "人民币", "有"]
    rng = random.Random(20261202)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(count)]


_LONG_SHAPES = ["一九九八年十二月至一九九九年一月", "1998—2002财年", "1998年—2002年底",
                "二十一世纪二三十年代初期", "上个世纪八十年代", "二十一世纪初", "下午约3时",
                "凌晨大约二十一点三十分", "傍晚7:30", "2016-07-21至2016-08-01", "1998/99学年度",
                "2019-20赛季", "10月31至11月3日", "80后", "31日至2日", "不得多于人民币1/4",
                "超过了一二三四五六七八九十分之一", "约有三百二十一分之五十", "近百分之三十",
                "不得多于人民币百分之三", "零下一二三四五六七分之一", "不得超过了百分之五",
                "104年3月", "98年5月", "05年", "不得多于人民币123/456", "不得低于新台币百分之",
                "不得多于人民币一二三四五分之一"]


def test_the_pattern_matches_as_first_written_at_every_place() -> None:
    """PATTERN's look-ahead guards, its first-character alternations of units and
    qualifiers and its optional groups written as alternations must never change a match:
    tried at every offset of every test phrase, of long dates, times and shares, and of
    strings of their pieces in random order."""
    reference = _as_first_written(pattern._PATTERN_SOURCE).match
    texts = [*_texts_read_in_tests(), *_LONG_SHAPES, *_adversarial_texts(5000)]
    kinds = collections.Counter()
    for text in texts:
        for at in range(len(text)):
            new, old = PATTERN.match(text, at), reference(text, at)
            assert (new is None) == (old is None), (text, at)
            if old is not None:
                assert (new.span(), new.lastgroup, new.groupdict()) == (
                    old.span(), old.lastgroup, old.groupdict()), (text, at)
                kinds[old.lastgroup] += 1
    assert min(kinds.values()) > 100, kinds  # every alternative was really matched


def test_the_amount_alone_matches_as_first_written() -> None:
    reference = _as_first_written(pattern.AMOUNT_ONLY.pattern.replace("|)", ")?")).match
    for text in [*_texts_read_in_tests()[:200], *_LONG_SHAPES, *_adversarial_texts(500)]:
        for at in range(len(text)):
            new, old = pattern.AMOUNT_ONLY.match(text, at), reference(text, at)
            assert (new and (new.span(), new.groupdict())) == (
                old and (old.span(), old.groupdict())), (text, at)


@pytest.mark.parametrize("name, firsts", [("date", pattern._DATE_FIRSTS),
                                          ("time", pattern._TIME_FIRSTS)])
def test_the_guards_know_every_first_character(name: str, firsts: str) -> None:
    source = pattern._PATTERN_SOURCE
    start = source.index(f"(?P<{name}>")
    end = source.index({"date": pattern._TIME_NEEDS, "time": pattern._SHARE_NEEDS}[name])
    alternative = source[start:end].rstrip().removesuffix("|")
    assert pattern.first_characters(re.compile(alternative, re.VERBOSE)) <= set(
        re.sub("0-9", "0123456789", firsts))


_WORDS = ["元", "元人民币", "元新台币", "美元", "美分", "k", "kg", "kWh", "个", "个月", "个多月",
          "个百分点", "百分点", "以", "以上"]


@pytest.mark.parametrize("words", [sorted(_WORDS, key=lambda w: (-len(w), w)),
                                   _WORDS,  # shorter words first: a later one never wins
                                   ["ab", "a", "", "b"]])
def test_an_alternation_by_first_character_matches_as_the_plain_one(words: list[str]) -> None:
    tails = ["(?![A-Za-z])" if w.isascii() and w else "" for w in words]
    plain = "|".join(re.escape(w) + t for w, t in zip(words, tails, strict=True))
    grouped = pattern.alternation(words, tails)
    assert f"|{grouped}".count("|元") <= 1  # one branch for every word led by 元
    # After the alternation: nothing, a character that forces backtracking into a shorter
    # word, and a group capture.
    for after in ("", "(?:人民币|上|h)", "(?P<x>[月多])"):
        new, old = re.compile(f"(?:{grouped}){after}"), re.compile(f"(?:{plain}){after}")
        for text in ["元人民币", "元新台币x", "美元", "kWh", "kgs", "kg", "个多月", "个月多",
                     "个百分点", "以上", "以人民币", "ab", "a", "b", "美分上", "个多", *words]:
            for at in range(len(text)):
                assert (new.match(text, at) and new.match(text, at).groupdict(),
                        new.match(text, at) and new.match(text, at).span()) == (
                    old.match(text, at) and old.match(text, at).groupdict(),
                    old.match(text, at) and old.match(text, at).span()), (words, after, text)


@pytest.mark.parametrize("source, expected", [
    (r"a(?:b|c)?d", r"a(?:b|c|)d"),
    (r"(?P<x>d)?e", r"(?:(?P<x>d)|)e"),
    (r"(?:f)??(?:g)?+[)?](?:\)x)?", r"(?:f)??(?:g)?+[)?](?:\)x|)"),  # lazy, possessive, a class
    (r"(?=x)?(?:a(?:b)?)*", r"(?=x)?(?:a(?:b|))*"),  # look-aheads and other repeats stay
])
def test_optional_groups_are_written_as_alternations(source: str, expected: str) -> None:
    assert pattern.without_optional_repeats(source) == expected
    new, old = re.compile(expected), re.compile(source)
    for text in ["abd", "acd", "ad", "de", "e", "fg)x", "gx", ")x", "ab", "aab"]:
        for at in range(len(text)):
            assert (new.match(text, at) and new.match(text, at).span()) == (
                old.match(text, at) and old.match(text, at).span())


def test_unbalanced_parentheses_are_refused() -> None:
    with pytest.raises(ValueError):
        pattern.without_optional_repeats("(a")


@pytest.mark.parametrize("source, expected", [
    ("个多|(?:天|年)(?:之内|多)|周?岁", set("个天年周岁")),
    ("(?:--|至|[~～])(?P<n>[0-9]+)元", set("-至~～")),
    ("(?<=万)[1-3]|(?=x)y", set("123y")),
])
def test_first_characters_are_read_off_the_pattern(source: str, expected: set[str]) -> None:
    assert pattern.first_characters(re.compile(source)) == expected


@pytest.mark.parametrize("source", ["a*", "x?", r"\w+", "[^a]", ".b", "(?:a|)"])
def test_first_characters_refuses_a_pattern_that_may_start_anywhere(source: str) -> None:
    with pytest.raises(ValueError):
        pattern.first_characters(re.compile(source))


@pytest.mark.parametrize("name", ["extractor.ARTICLE_KEEP", "amounts._UNIT_AGAIN"])
def test_a_pattern_gated_by_its_first_characters_matches_nowhere_else(name: str) -> None:
    from factlint.quantities import amounts, extractor

    module, attribute = name.split(".")
    compiled = getattr({"extractor": extractor, "amounts": amounts}[module], attribute)
    first = pattern.first_characters(compiled)
    # The gate the reader uses (read off a shorter pattern, so as not to parse the whole).
    assert first == {"extractor": extractor.ARTICLE_KEEP_FIRST,
                     "amounts": amounts._UNIT_AGAIN_FIRST}[module]
    matched = 0
    for text in _texts_read_in_tests():
        for at in range(len(text)):
            if compiled.match(text, at):
                matched += 1
                assert text[at] in first
    assert matched


@pytest.mark.parametrize("text", [
    "见http://a.b/c和https://x.y，www.z.cn与www.",
    "xhttp://1 https:// www.www.a http://www.gov.cn/2020/0211.htm",
    "ftp://a.b 无地址 ://x",
])
def test_web_addresses_are_found_where_the_pattern_finds_them(text: str) -> None:
    from factlint.quantities import identifiers

    expected = [m.span() for m in identifiers._URL.finditer(text)]
    assert [span for span in identifiers.addresses(text) if "@" not in text[slice(*span)]] == (
        expected)


# The subject patterns as first written (a lookbehind or a class leading an alternative),
# which the ones in factlint.quantities.subjects rewrite so that the regex engine can skip.
_REFERENCE_LINK_WORDS = re.compile(
    r"(?:共有|共计|总计|合计|累计|共|有|达到|达|(?<![认作成因])为|是|约有|已有|已|仅|计|增至|增加|减少|超|占|"
    r"突破|多达|高达|还有|另有|其中|包括|分别|每|再|又|即|近|逾|超过|约|大约|将近|接近|至少)+$")
_REFERENCE_BEFORE_STOP = re.compile(
    r"包括|其中|现有|共有|已有|还有|抽调|选派|派出|动员|带领|组织了|接待|捐赠|提供|拨付|"
    r"需要|新订购|订购|成立|要求|深入|辖区|缉获|拿出|放流|发放|募集|筹集|筹措|达到|超过|"
    r"(?<!不)作为|成为|认为|因为|(?<![作成认因])为|[有是在从向对把被让使给]")
_REFERENCE_AFTER_STOP = re.compile(
    r"分流|分别|分赴|分批|滞留|涌入|涌向|撤离|抵达|聚集|移交|移送|"
    r"[的地得了着过和与及或在把被对从向自于将以而并且但其这那此该即便则均正曾共都也就还又再"
    r"已要能可会应需所捐下奔送投接做安发解遇到参纷一逐巡死受依涨赴进开入"
    r"获提担负实落完前往来去达是为有包]")


def test_the_subject_patterns_find_what_they_found_as_first_written() -> None:
    from factlint.quantities import subjects

    windows = {text[i:i + size] for text in _texts_read_in_tests()
               for i in range(len(text)) for size in (6, 12, 20)}
    windows |= {"不作为", "作为", "认为党员", "因为有", "成为", "共有为", "约有认为"}
    for window in windows:
        assert (subjects._BEFORE_STOP.split(window)[-1]
                == _REFERENCE_BEFORE_STOP.split(window)[-1]), window
        for pos in (0, max(0, len(window) - 12)):
            new, old = (subjects._LINK_WORDS.search(window, pos),
                        _REFERENCE_LINK_WORDS.search(window, pos))
            assert (new and new.start()) == (old and old.start()), window
        new, old = subjects._AFTER_STOP.search(window, 2), _REFERENCE_AFTER_STOP.search(window, 2)
        assert (new and new.span()) == (old and old.span()), window


def test_the_lead_in_pattern_finds_what_it_found_as_first_written() -> None:
    reference = re.compile(
        rf"(?:(?:{pattern.PREFIX})(?:{pattern.LINK})?|(?:{pattern.PERIOD})(?:大约|约)|{pattern.PERIOD}"
        r"|上个?世纪|本世纪|成|上|数以|数)"
        r"(?:[ \t]*(?:\r?\n[ \t]*)?)$")
    tried = 0
    for text in _texts_read_in_tests():
        for end in range(1, len(text)):
            start = max(0, end - 6)
            new, old = pattern.LEAD_IN.search(text, start, end), reference.search(text, start, end)
            assert (new and new.span()) == (old and old.span()), (text, end)
            tried += old is not None
    assert tried > 100


def test_a_lazy_pattern_matches_as_the_compiled_one_and_compiles_once() -> None:
    lazy = pattern.LazyPattern(r"(?P<n>[0-9]+)万", re.VERBOSE)
    assert (lazy.pattern, lazy.flags) == (r"(?P<n>[0-9]+)万", re.VERBOSE)
    assert "match" not in vars(lazy)  # nothing compiled yet
    assert lazy.search("共12万人")["n"] == "12"
    compiled = lazy.compiled()
    assert lazy.compiled() is compiled and compiled.flags & re.VERBOSE
    assert lazy.match.__self__ is compiled  # later calls go straight to the compiled pattern
    assert [m.group() for m in lazy.finditer("3万和4万")] == ["3万", "4万"]
    assert lazy.sub("N", "5万") == "N" and lazy.fullmatch("7万") and lazy.split("1万2") == [
        "", "1", "2"]


def test_patterns_only_some_texts_need_are_compiled_only_for_them() -> None:
    import subprocess
    import sys

    code = ("import factlint\n"
            "from factlint.quantities import amounts, festivals, identifiers, pattern\n"
            "lazy = [pattern.AMOUNT_ONLY, amounts._UNIT_AGAIN, amounts._JI_AFTER_TENS,\n"
            "        festivals.FESTIVAL, identifiers._CODE_BEFORE_NAME]\n"
            "factlint.extract('全省7436万多名党员，投资12亿元，增长3.5%。')\n"
            "print(sum('match' in vars(p) for p in lazy))\n"
            "factlint.extract('0.8元至1.2元，农历八月十五，三点要求')\n"
            "print(sum('match' in vars(p) for p in lazy))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["0", "3"]


def test_scans_led_by_a_class_find_the_runs_a_repeated_class_finds() -> None:
    from factlint.text import normalize

    run = re.compile(f"[{pattern.RUN_CHARS}]+")
    needs = re.compile(normalize._NEEDS_CLASS + "+")
    texts = [*_texts_read_in_tests(), "１２３４５６万 ７４３６\u3000万多名（１９９８）"]
    for text in texts:
        assert ([m.span() for m in pattern.RUN.finditer(text)]
                == [m.span() for m in run.finditer(text)])
        assert ([m.span() for m in normalize._NEEDS.finditer(text)]
                == [m.span() for m in needs.finditer(text)])


def test_cleaned_values_are_looked_up_only_where_equal_values_clean_alike() -> None:
    from decimal import Decimal

    from factlint.quantities.reader import _clean, _cleaned

    for text in ("7680000000.0", "7.68E+9", "7680000000", "0.50", "5E-1", "-5.0", "-0",
                 "0E+3", "0.0", "123456789012345678901234567890.5"):
        value = Decimal(text)
        first, again = _clean(value), _clean(value)
        assert str(first) == str(again) == str(_cleaned(value)), text
    assert str(_clean(Decimal("-0"))) == "-0" and str(_clean(Decimal("0.0"))) == "0"
    assert str(_clean(Decimal("7.68E+9"))) == str(_clean(Decimal("7680000000.0")))


def test_idioms_grouped_by_first_character_match_as_the_plain_alternation() -> None:
    from factlint.quantities import identifiers

    plain = re.compile("|".join(sorted(set(identifiers.IDIOMS), key=lambda w: (-len(w), w))))
    texts = [*_texts_read_in_tests(), "".join(identifiers.IDIOMS), "一点一滴一点五亿一线"]
    for text in texts:
        assert ([(m.span(), m.group()) for m in identifiers._IDIOM_RE.finditer(text)]
                == [(m.span(), m.group()) for m in plain.finditer(text)])


def test_a_run_ending_in_no_link_word_character_ends_in_no_link_word() -> None:
    from factlint.quantities import subjects

    windows = {text[i:i + size] for text in _texts_read_in_tests()
               for i in range(len(text)) for size in (1, 2, 6, 12)}
    windows |= {"武汉返乡人员共有", "认为", "作为", "其中", "总计", "增至"}
    gated = 0
    for window in windows:
        if window and window[-1] not in subjects._LINK_LAST:
            gated += 1
            assert subjects._LINK_WORDS.search(window, max(0, len(window) - 12)) is None, window
    assert gated > 1000
    assert {"有", "为", "中", "至", "少"} <= subjects._LINK_LAST


def test_the_code_hint_finds_a_code_mark_where_its_two_alternatives_do() -> None:
    from factlint.quantities import identifiers

    reference = re.compile(r"[0-9][.·比）)-]|" + identifiers._RUN_AFTER_SIGN.pattern)
    texts = [*_texts_read_in_tests(), "1.5", "（6", "尾号3", "a-", "6）", "85比9", "N9", "x：1"]
    hits = 0
    for text in texts:
        for i in range(0, len(text), 7):
            piece = text[i:i + 12]
            found = identifiers._CODE_HINT(piece) is not None
            assert found == (reference.search(piece) is not None), piece
            hits += found
    assert hits > 100


def test_the_may_hold_test_finds_what_its_alternatives_as_first_written_find() -> None:
    from factlint.quantities import extractor, words

    reference = re.compile("[" + "".join(sorted(map(re.escape, folds_into(pattern.RUN_CHARS))))
                           + "]|除夕|元年|" + words.WRITTEN_WORDS)
    texts = [*_texts_read_in_tests(), "除夕夜", "元年", "耳順之年", "數個", "记者获悉", "萬"]
    for text in texts:
        for i in range(0, len(text), 5):
            piece = text[i:i + 9]
            assert (extractor._MAY_HOLD(piece) is None) == (reference.search(piece) is None), piece


def test_a_text_without_rare_words_holds_no_adverb_festival_or_word_quantity() -> None:
    from factlint.quantities import extractor, festivals, words

    texts = [*_texts_read_in_tests(), "至少要到2020年", "农历八月十五", "一半以上", "康熙四十年"]
    seen = 0
    for text in texts:
        for i in range(0, len(text), 4):
            piece = text[i:i + 10]
            any_word = any(p.search(piece) for p in (pattern.ADVERB_WORD, festivals.STARTS,
                                                     words.WORD_STARTS))
            assert (extractor._RARE_WORDS(piece) is not None) == bool(any_word), piece
            seen += any_word
    assert seen > 20


def test_a_line_of_its_own_is_placed_as_the_first_line_of_a_longer_text() -> None:
    from factlint.text.normalize import LineIndex

    line = "全省7436万多名党员，投资12亿元"
    alone, first = LineIndex(line, "a.txt"), LineIndex(line + "\n下一行", "a.txt")
    for start in range(len(line) + 1):
        for end in range(start - 1, len(line) + 1):
            assert alone.span(start, end) == first.span(start, end), (start, end)


def test_every_source_a_dateline_names_holds_a_word_the_dateline_prescan_looks_for() -> None:
    from factlint.quantities import dates

    sources = re.match(r"\(\?:([^)]*)\)", dates._DATELINE.pattern).group(1).split("|")
    assert "新华社" in sources
    for source in sources:
        assert "社" in source or "本报" in source or "央视" in source, source
    assert dates.dateline_index("新华社北京2月16日电") is not None
    assert dates.dateline_index("本报北京2月16日讯") is not None
    assert dates.dateline_index("北京2月16日电") is None


def test_matches_found_from_their_first_words_are_those_finditer_finds() -> None:
    from factlint.quantities import dates, identifiers
    from factlint.quantities.pattern import matches_at_words

    texts = [*_texts_read_in_tests(), "新华社北京2月16日电本报北京3月1日讯新华社新华社北京4月5日电",
             "台積電(2330)與（6488）環球晶（2016）（(1234)）", "央视新闻5月3日讯中新社香港6月7日电"]
    found = 0
    for text in texts:
        for scan, words in ((dates._DATELINE, dates._DATELINE_SOURCES),
                            (identifiers._NAME_THEN_CODE, ("（", "("))):
            expected = [(m.span(), m.groups()) for m in scan.finditer(text)]
            assert [(m.span(), m.groups()) for m in matches_at_words(scan, text, words)] == (
                expected), text
            found += len(expected)
    assert found > 10


def test_one_scan_finds_the_first_digits_of_codes_both_scans_found() -> None:
    from factlint.quantities import identifiers

    texts = [*_texts_read_in_tests(), "（600519）尾号3826 沪深300 1.2.3 85比92 N95 （12.5）",
             "000001.SZ、0700.HK，(2330)與12-34"]
    found = 0
    for text in texts:
        expected = sorted({m.start() for m in identifiers._MARKED_RUN.finditer(text)}
                          | {m.end() - 1 for m in identifiers._RUN_AFTER_SIGN.finditer(text)})
        assert [m.start() for m in identifiers._CODE_STARTS.finditer(text)] == expected, text
        found += len(expected)
    assert found > 100


def test_a_numeral_next_to_no_pair_of_an_idiom_belongs_to_no_idiom() -> None:
    from factlint.quantities import identifiers

    def searched(text: str, start: int, end: int) -> bool:  # is_idiom before its gate
        lo = max(0, start - 4)
        window = text[lo:end + 4]
        for m in identifiers._IDIOM_RE.finditer(window):
            if m.start() + lo <= start < m.end() + lo:
                if m.group() == "一点" and window[m.end():m.end() + 1] in pattern.CN_DIGITS:
                    continue
                return True
        return False

    texts = [*_texts_read_in_tests(), *(f"他说{word}了" for word in identifiers.IDIOMS)]
    idioms = 0
    for text in texts:
        for run in pattern.RUN.finditer(text):
            start, end = run.span()
            assert identifiers.is_idiom(text, start, end) == searched(text, start, end), text
            idioms += searched(text, start, end)
    assert idioms > len(identifiers.IDIOMS) // 2


def test_the_lead_in_search_is_skipped_only_where_it_finds_nothing() -> None:
    texts = [*_texts_read_in_tests(), *(f"有{word}5个" for word in pattern.LEAD_IN_WORDS),
             *(f"是{word} \n5个" for word in ("约", "超过了", "下午约"))]
    found = skipped = 0
    for text in texts:
        for end in range(1, len(text)):
            passes = (text[end - 1] in pattern.LEAD_IN_ENDS
                      or text[max(0, end - 2):end] in pattern.LEAD_IN_ENDS)
            lead = pattern.LEAD_IN.search(text, max(0, end - 6), end)
            assert passes or lead is None, (text, end)
            found += lead is not None
            skipped += not passes and text[end - 1] in pattern.LEAD_IN_LAST
    assert found > 500 and skipped > 500


def _overlapping_word_texts() -> list[str]:
    """Test phrases, and words of words.py and festivals.py run together and overlapping."""
    from factlint.quantities import festivals, words

    pieces = [*words._WORDS, *festivals.STARTS.pattern.split("|"), "年过", "百", "一", "半", "数",
              "月", "大", "年初一", "光", "治", "x"]
    rng = random.Random(11)
    return [*_texts_read_in_tests(), "年过半百", "一半数个", "数数个", "过半数", "大年大年初一",
            "道光绪", "同治顺治", "农历正月", "阴历腊月", "耄耋耄耋",
            *("".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(3000))]


def _assert_word_starts_as_searched(text: str, label: object) -> int:
    """pattern.word_starts finds in ``text`` the places words.py's search goes on from and
    festivals.py's finditer finds (it goes on two characters after each); how many."""
    from factlint.quantities import festivals, words

    searched, m = [], words.WORD_STARTS.search(text)
    while m is not None:
        searched.append(m.start())
        m = words.WORD_STARTS.search(text, m.start() + 1)
    assert pattern.word_starts(text, words._ANCHORS) == searched, label
    places, end = [], 0
    for at in pattern.word_starts(text, festivals._ANCHORS):
        if at >= end:
            places.append(at)
            end = at + 2
    assert places == [m.start() for m in festivals.STARTS.finditer(text)], label
    return len(searched) + len(places)


def test_word_starts_are_where_the_search_of_the_words_goes_on_from() -> None:

    found = 0
    for text in _overlapping_word_texts():
        found += _assert_word_starts_as_searched(text, text)
    assert found > 5000


def test_every_festival_start_is_two_characters_and_every_word_has_an_anchor() -> None:
    from factlint.quantities import festivals

    assert {len(word) for word in festivals.STARTS.pattern.split("|")} == {2}
    with pytest.raises(ValueError):
        pattern.anchors(["一半", "花甲"], "半")
    assert pattern.anchors(["一半", "半数"], "半") == {"半": (("一半", 1), ("半数", 0))}


def test_word_starts_on_news_copy() -> None:
    """The same on real copy: 400 news-dev articles (when ../shared is there)."""
    from tests.shared_data import shared_path

    root = shared_path("bench", "news-dev")
    for path in sorted(root.rglob("*.txt"))[:400]:
        text = NormalizedText.of(path.read_text(encoding="utf-8", errors="replace")).joined
        _assert_word_starts_as_searched(text, path)


def _normalized_the_long_way(text: str, traditional: bool | None = None) -> tuple:
    """What NormalizedText.of gives, made by the fold, the gap join and the line index
    themselves (the fields, the offset map as the offsets it maps)."""
    from factlint.text import normalize

    folded, written = normalize._fold(text, traditional)
    joined, offsets = normalize.join_gaps(folded)
    return (folded, written, joined, [offsets.original(i) for i in range(len(joined))],
            normalize.LineIndex(text)._starts)


def _edge_characters() -> list[str]:
    """Every character that folds, marks Traditional copy or is white space, and their
    neighbours in code-point order (which a class written one range too short misses)."""
    from factlint.text import normalize

    chars = {chr(c) for c in normalize._TABLE} | set(normalize._TRADITIONAL_MARKS)
    chars |= {chr(c) for c in range(0x80)} | set("\u3000\u2028\u2029\x85\u00a0拾佰仟参參")
    chars |= {chr(ord(c) + step) for c in set(chars) for step in (-1, 1) if ord(c) + step > 0}
    return sorted(chars)


def test_a_text_that_normalising_leaves_alone_is_made_without_folding_it() -> None:
    """The shortcut of NormalizedText.of (one scan finds nothing that folds, marks
    Traditional copy, is white space or a financial numeral, and the text is taken as it
    is) gives what folding, joining and indexing give: on every test phrase and windows of
    it, on each character that folds or is next to one in code-point order, alone and in
    a line of copy, and on financial numerals and gaps."""
    from factlint.text import normalize

    texts = [*_texts_read_in_tests(), "壹仟參佰圓", "参拾元", "人参拾起", "这是7436\n万多名",
             "投资5 亿元", "5\r\n6", "共\t3人", "這裡有兩個人", "一二三"]
    texts += [window for text in _texts_read_in_tests() for i in range(0, len(text), 11)
              for window in (text[i:i + 3], text[i:i + 40])]
    for char in _edge_characters():
        texts += [char, f"记者获悉，有{char}5人参加", f"参{char}拾"]
    taken = 0
    for text in texts:
        for traditional in (None, False, True):
            made = NormalizedText.of(text, traditional=traditional)
            assert (made.folded, made.traditional, made.joined,
                    [made.offsets.original(i) for i in range(len(made.joined))],
                    made.lines._starts) == _normalized_the_long_way(text, traditional), text
            assert made.original == text and made.path == "<text>"
            taken += made.lines is normalize._ONE_LINE
    assert taken > 1000
    assert NormalizedText.of("共5人", "a.txt").lines.span(1, 2).path == "a.txt"


def test_a_text_with_no_code_hint_and_no_address_word_holds_no_non_figure() -> None:
    """non_figures returns nothing at once when its text holds no code hint, @, ://, www.,
    股 or 号码: each of the functions it calls finds nothing then, on every test phrase
    and on texts that hold each of those but one."""
    from factlint.quantities import identifiers

    texts = [*_texts_read_in_tests(), "www.gov.cn 5人", "a@b.cn 5人", "见https://x.cn/5",
             "2327 國巨、2454 聯發科等股", "中奖号码为“01、03、05”", "沪深300", "尾号1234",
             "（600519）", "85比92", "192.168.1.1", "ww.5", "http:/5", "号 码“01”", "a@5"]
    texts += [window for text in _texts_read_in_tests() for i in range(0, len(text), 11)
              for window in (text[i:i + 4], text[i:i + 30])]
    called = 0
    for text in texts:
        each = (identifiers.addresses(text) + identifiers.codes(text)
                + identifiers.stock_codes(text) + identifiers.drawn_numbers(text))
        assert bool(identifiers.non_figures(text)) == bool(each), text
        called += bool(each)
    assert called > 20


def test_one_scan_for_rare_words_and_non_figures_misses_neither() -> None:
    """Where the extractor's one scan finds nothing, neither the scan for rare words (至少,
    农历, 一半…) nor any test of non_figures' gate (the code hint, @, ://, www., 股, 号码)
    finds anything: on every test phrase, windows of it, each rare word alone, in a line,
    cut short and next to a digit, and each piece of an address or a code."""
    from factlint.quantities import extractor, identifiers

    words = extractor._RARE_WORD_LIST
    assert "至少" in words and "一半" in words and "知天命" in words
    texts = [*_texts_read_in_tests(), "85比92", "（600519）", "尾号1234", "1.2.3", "N9", "x：1",
             "见https://x.cn", "http:/x", "www.gov.cn", "ww.x", "a@b.cn", "号码为", "号 码",
             "2327 國巨等股", "股价"]
    texts += [window for text in _texts_read_in_tests() for i in range(0, len(text), 7)
              for window in (text[i:i + 2], text[i:i + 5], text[i:i + 30])]
    for word in words:
        texts += [word, f"记者获悉，{word}有5人", word[:2], word[1:], f"5{word}", f"{word}5"]
    passed = 0
    for text in texts:
        either = (extractor._RARE_WORDS(text) is not None
                  or identifiers._CODE_HINT(text) is not None
                  or any(word in text for word in ("@", "://", "www.", "股", "号码")))
        gate = extractor._RARE_WORD_OR_NON_FIGURE.search(text) is not None
        assert either <= gate, text
        assert gate or not identifiers.non_figures(text), text
        passed += not gate
    assert passed > 1000
    with pytest.raises(ValueError):
        extractor._rare_word_or_non_figure(["至少", "a+"])


def test_adverb_places_are_where_the_adverb_search_finds_them() -> None:
    """The extractor finds 至少 and its kin by their second characters: the same ends as
    ADVERB_WORD.finditer, on test phrases and on the words run together and overlapping."""
    from factlint.quantities import extractor

    words = pattern.ADVERB_WORD.pattern.split("|")
    rng = random.Random(12)
    pieces = [*words, *{w[0] for w in words}, *{w[1] for w in words}, "多名", "5", "x"]
    texts = [*_texts_read_in_tests(), "至少至多", "最最少", "起起码码", "至多少",
             *("".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(3000))]
    found = 0
    for text in texts:
        ends = [at + 2 for at in pattern.word_starts(text, extractor._ADVERB_ANCHORS)]
        assert ends == [m.end() for m in pattern.ADVERB_WORD.finditer(text)], text
        found += len(ends)
    assert found > 3000
