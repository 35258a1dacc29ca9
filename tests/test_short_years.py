"""Two-digit years in Traditional copy (issue 11): the region and the story's year decide.

Hong Kong copy abbreviates the Gregorian year (97年 → 1997); Taiwan copy writes the
Republic's year (97年 → 2008) or abbreviates the Gregorian (19年1月 → 2019), so there a
short year is read only when one reading alone fits the story's year.  Left open, it is
no date and no duration either.  The sentences are from news-dev/traditional/0260.txt
(a Taiwan story: 台北, 新北, 新台幣) and constructed Hong Kong copy.
"""

from __future__ import annotations

import factlint

# news-dev/traditional/0260.txt:3, two excerpts of the line (the region's words are in both).
TAIWAN = ("在台北市松山區開設「緣起禪心」茶行的負責人李孟謙，他們投資金額約在500餘萬元新台幣之譜。"
          "C女等人求助無門狀況下，19年1月向新北市政府警察局報案")
HONG_KONG = "港府與特首出席，香港在97年7月1日回歸，港元匯價"


def _dates(text: str, year: int | None) -> list[tuple[str, str | None]]:
    return [(q.text, q.iso) for q in factlint.extract(text, year=year)
            if q.kind in ("date", "duration")]


def test_taiwan_copy_reads_a_short_year_only_where_one_reading_fits_the_story() -> None:
    assert ("19年1月", "2019-01") in _dates(TAIWAN, 2019)  # not 民國19年 (1930)


def test_taiwan_copy_leaves_a_short_year_open_without_a_story_year() -> None:
    assert not any(text.startswith("19年") for text, _ in _dates(TAIWAN, None))


def test_a_republic_year_and_a_gregorian_one_both_fitting_is_left_open() -> None:
    text = TAIWAN.replace("19年1月", "97年7月")  # 2008 or 1997 in a 2019 story
    found = _dates(text, 2019)
    assert not any(text.startswith("97年") for text, _ in found), found


def test_hong_kong_copy_abbreviates_the_gregorian_year() -> None:
    assert ("97年7月1日", "1997-07-01") in _dates(HONG_KONG, 2019)
    assert ("97年7月1日", "1997-07-01") in _dates(HONG_KONG, None)


def test_simplified_copy_is_unchanged() -> None:
    assert ("97年7月", "1997-07") in _dates("香港在97年7月回归", 2019)
