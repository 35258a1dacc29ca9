"""Fuzzing (hypothesis) of what hostile input reaches: extraction, chunked extraction,
and the YAML loaders, which must answer every text with a value or a located error."""

from __future__ import annotations

import datetime
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factlint.commands.extract import extract_chunked
from factlint.quantities.extractor import extract
from factlint.settings.yamlload import ConfigError, load_yaml_text

# Text made of what copy is made of: numerals, units, qualifiers, dates, punctuation,
# OCR gaps and line breaks, plus any other character now and then.
PIECES = st.sampled_from([
    "1", "2", "0", "9", ".", "5", "一", "十", "百", "千", "万", "亿", "两", "零", "余", "多", "近",
    "约", "左右", "以上", "不到", "名", "人", "元", "%", "年", "月", "日", "时", "天", "小时",
    "至", "到", "-", "～", "、", "，", "。", "：", " ", "\n", "\n\n", "\r\n", "　", "新华社北京",
    "电", "党员", "第", "条", "a", "x", "http://a.cn/1", "１", "２", "％", "（", "）", "/",
])
TEXT = st.lists(st.one_of(PIECES, st.characters(blacklist_categories=("Cs",))),
                max_size=60).map("".join)


def _valid_iso(iso: str) -> bool:
    for part in iso.split("/"):
        match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", part)
        if match:
            datetime.date(int(match[1]), int(match[2]), int(match[3]))  # raises if invalid
        month = re.fullmatch(r"(?:\d{4})?-{1,2}(\d{2})(?:-\d{2})?", part)
        if month and not 1 <= int(month[1]) <= 12:
            return False
    return True


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
@example("1")  # a digit ending the text: '' after it is no N# sign
def test_extract_spans_map_to_the_original_and_intervals_are_ordered(text: str) -> None:
    found = extract(text, path="f.txt")
    assert found == extract(text, path="f.txt")  # deterministic
    lines = re.split(r"\r\n|\n|\r", text)
    for q in found:
        span = q.span
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start:span.end] == q.text  # the figure as written in the file
        assert lines[span.line - 1][span.column - 1:].startswith(q.text.split("\n")[0]
                                                                 .split("\r")[0])
        if q.lo is not None and q.hi is not None:
            assert q.lo <= q.hi, q
        if q.iso is not None:
            assert _valid_iso(q.iso), q.iso


@settings(max_examples=150, deadline=None)
@given(st.lists(TEXT, min_size=2, max_size=6), st.integers(min_value=8, max_value=80))
def test_chunked_extraction_finds_what_whole_extraction_finds(parts: list[str],
                                                              size: int) -> None:
    # Chunks end after a sentence end found within the window (here: always); the last
    # resort for 64K characters with none, a cut between two Chinese letters, is not
    # exact for every text and is not tested here.
    import factlint.commands.extract as module

    module._CUT_WINDOW, window = 10**6, module._CUT_WINDOW
    try:
        text = "。\n".join(parts) + "。"
        whole = [(q.span, q.lo, q.hi, q.qualifier, q.unit, q.kind, q.iso) for q in extract(
            text, path="f.txt")]
        chunked = [(q.span, q.lo, q.hi, q.qualifier, q.unit, q.kind, q.iso)
                   for chunk in extract_chunked(text, "f.txt", None, size) for q in chunk]
    finally:
        module._CUT_WINDOW = window
    assert chunked == whole


YAML_PIECES = st.sampled_from([
    "a", "b: ", "- ", "[", "]", "{", "}", ",", ":", " ", "\n", "  ", "&x ", "*x", "<<: ",
    "'", '"', "#", "!!str ", "!!python/object ", "1.5", "yes", "~", "?", "|", ">", "---\n",
    "...\n", "\t", "%YAML 1.1\n", "\\", "中文", "\x00", "\ufeff", "0x1F", "1:30",
])
YAML_TEXT = st.lists(YAML_PIECES, max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(YAML_TEXT)
def test_yaml_loader_gives_a_value_or_a_located_error(text: str) -> None:
    try:
        load_yaml_text(text, "f.yaml")
    except ConfigError as exc:
        assert exc.path == "f.yaml"
        assert exc.line >= 1 and exc.column >= 1, str(exc)
        assert str(exc).startswith(f"f.yaml:{exc.line}:{exc.column}: ")


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=400), st.sampled_from(["[", "{a: ", "- "]))
def test_yaml_nesting_of_any_depth_is_a_value_or_too_deep(depth: int, opener: str) -> None:
    closer = {"[": "]", "{a: ": "}", "- ": ""}[opener]
    if opener == "- ":
        text = "".join("  " * i + "- \n" for i in range(depth)) + "  " * depth + "1\n"
    else:
        text = opener * depth + "1" + closer * depth
    try:
        load_yaml_text(text, "f.yaml")
    except ConfigError as exc:
        assert "nesting too deep" in exc.message and exc.line >= 1
        assert depth > 60


TOML_PIECES = st.sampled_from([
    "[tool.factlint]\n", "[tool]\n", "paths", " = ", '"x"', "[", "]", "{", "}", ",", "\n",
    "rules", "fail-on", '"never"', "1", "1.5", "true", "'''", '"""', "#", "=", ".", " ",
    "[[a]]\n", "中文", "\\u0000", "x = [[[[1]]]]\n",
])


@settings(max_examples=120, deadline=None)
@given(YAML_TEXT, st.sampled_from(["rules.yaml", ".factlint.yaml", "sources.yaml"]))
def test_check_answers_any_settings_file_with_exit_2_and_a_place(text: str, name: str) -> None:
    _run_with_settings(name, text)


@settings(max_examples=80, deadline=None)
@given(st.lists(TOML_PIECES, max_size=30).map("".join))
def test_check_answers_any_pyproject_with_exit_2_and_a_place(text: str) -> None:
    _run_with_settings("pyproject.toml", "[tool.factlint]\n" + text)


def _run_with_settings(name: str, text: str) -> None:
    import contextlib
    import io
    import os
    import tempfile

    from factlint.cli import main

    with tempfile.TemporaryDirectory() as folder:
        docs = os.path.join(folder, "docs")
        os.mkdir(docs)
        with open(os.path.join(docs, "a.txt"), "w", encoding="utf-8") as out:
            out.write("全国已有7436万多名党员自愿捐款。")
        with open(os.path.join(folder, name), "w", encoding="utf-8") as out:
            out.write(text)
        argv = {"rules.yaml": ["check", "--rules", "rules.yaml", "docs"],
                "sources.yaml": ["check", "--sources", "sources.yaml", "docs"],
                ".factlint.yaml": ["check"], "pyproject.toml": ["check"]}[name]
        err = io.StringIO()
        here = os.getcwd()
        os.chdir(folder)
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                code = main(argv)
        finally:
            os.chdir(here)
    message = err.getvalue()
    assert "internal error" not in message and "Traceback" not in message, message
    assert code in (0, 1, 2)
    if code == 2:
        first = message.splitlines()[0]
        assert re.match(rf"(?:{re.escape(name)}:\d+:\d+|{re.escape(name)}|command line|"
                        rf"\.factlint\.yaml:\d+:\d+): ", first), first
