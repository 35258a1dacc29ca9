"""`factlint extract`: input decoding, spans in the original text, output formats, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from factlint.cli import main

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
BRIEF = ("新华社北京3月10日电 据统计，截至3月10日，全国已有7436万多名党员自愿捐款，"
         "共捐款76.8亿元。\n")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def records(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict]:
    code, out, err = run(capsys, "extract", "--format", "json", *argv)
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_every_supported_encoding_reads_the_same(tmp_path: Path, encoding: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "brief.txt"
    path.write_bytes(BRIEF.encode(encoding))
    found = records(capsys, str(path))
    donors = next(r for r in found if r["text"] == "7436万多名")
    assert (donors["lo"], donors["hi"], donors["unit"], donors["subject"]) == (
        "74360000", "74370000", "名", "党员")
    assert donors["line"] == 1 and donors["column"] == 29


def test_crlf_and_ocr_line_break_inside_a_number(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ocr.txt"
    path.write_bytes("要闻\r\n全国已有7436\r\n万多名党员自愿捐款\r\n".encode())
    (donors,) = [r for r in records(capsys, str(path)) if r["kind"] == "count"]
    assert donors["text"] == "7436\r\n万多名"
    assert (donors["line"], donors["column"], donors["end_line"], donors["end_column"]) == (
        2, 5, 3, 4)
    assert donors["lo"] == "74360000"


def test_seed_spans_point_at_the_original_text(capsys: pytest.CaptureFixture[str]) -> None:
    path = SEEDS / "004_e121854575d370ac.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    found = records(capsys, str(path))
    assert len(found) > 50
    for r in found:
        if r["line"] == r["end_line"]:
            assert lines[r["line"] - 1][r["column"] - 1:r["end_column"] - 1] == r["text"]
    money = next(r for r in found if r["text"] == "76.8亿元")
    assert (money["line"], money["column"], money["lo"], money["kind"]) == (4, 38, "7680000000",
                                                                            "money")
    # The dateline year comes from the sources file beside the seeds.
    assert next(r for r in found if r["text"] == "1月29日")["iso"] == "2020-01-29"


def test_directory_means_every_txt_and_md_sorted(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "b.md").write_text("共3天。", encoding="utf-8")
    (tmp_path / "a.txt").write_text("共5天。", encoding="utf-8")
    (tmp_path / "c.csv").write_text("共7天。", encoding="utf-8")
    found = records(capsys, str(tmp_path))
    assert [Path(r["path"]).name for r in found] == ["a.txt", "b.md"]
    assert list(found[0]) == ["path", "line", "column", "end_line", "end_column", "text", "lo",
                              "hi", "qualifier", "unit", "kind", "subject", "iso"]


def test_missing_and_undecodable_files_are_named_and_the_rest_processed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.txt"
    good.write_text("近1.8万人", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"abc\x80\xff")  # neither UTF-8 nor GB18030, and no BOM
    code, out, err = run(capsys, "extract", "--format", "json", str(tmp_path / "missing.txt"),
                         str(bad), str(good))
    assert code == 2
    assert "missing.txt: no such file" in err
    assert "bad.txt: cannot decode" in err
    assert json.loads(out)[0]["lo"] == "16200"


def test_table_and_csv_are_byte_identical_across_runs(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(SEEDS / "003_d84f8fc48e376cc1.txt", tmp_path / "003.txt")
    for fmt in ("table", "csv", "json"):
        first = run(capsys, "extract", "--format", fmt, str(tmp_path))
        second = run(capsys, "extract", "--format", fmt, str(tmp_path))
        assert first == second and first[0] == 0
    code, table, _ = run(capsys, "extract", str(tmp_path / "003.txt"))
    assert "200余万元" in table and "[2000000, 3000000]" in table and "more_than" in table


def test_python_api_parse() -> None:
    import factlint

    q = factlint.parse("7436万多名")
    assert (q.lo, q.hi, q.qualifier, q.unit, q.kind) == (74360000, 74370000, "more_than", "名",
                                                        "count")
    with pytest.raises(ValueError, match="not a quantity"):
        factlint.parse("党员")
    with pytest.raises(ValueError, match="single quantity"):
        factlint.parse("3天和5天")
