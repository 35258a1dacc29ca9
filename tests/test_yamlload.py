"""The position-aware YAML loader: values, positions and exact error texts."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml

from factlint.settings import yamlload
from factlint.settings.yamlload import (
    ConfigError,
    YamlList,
    YamlMap,
    check_keys,
    error_at,
    expect_type,
    load_yaml,
    load_yaml_text,
)

RULE = """\
rules:
  - id: total-equals-sum
    level: error
    tolerance: 0.1
    since: 2020-02-16
    units: [名, 人]
  - id: same-figure
    message: 同一数字前后不一致
"""


def error_text(text: str, path: str = "r.yaml") -> str:
    with pytest.raises(ConfigError) as info:
        load_yaml_text(text, path)
    return str(info.value)


def test_values_keep_their_yaml_meaning_without_floats_or_dates() -> None:
    data = load_yaml_text(RULE, "r.yaml")
    first = data["rules"][0]
    assert first["tolerance"] == Decimal("0.1")
    assert isinstance(first["tolerance"], Decimal)
    assert first["since"] == "2020-02-16"
    assert first["units"] == ["名", "人"]
    assert data["rules"][1]["message"] == "同一数字前后不一致"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x: 3", 3),
        ("x: 0x1F", 31),
        ("x: 1_000", 1000),
        ("x: -2.50", Decimal("-2.50")),
        ("x: .5", Decimal("0.5")),
        ("x: 1.5e+3", Decimal("1.5E+3")),
        ("x: 1:30.5", Decimal("90.5")),
        ("x: .inf", Decimal("Infinity")),
        ("x: true", True),
        ("x: ~", None),
        ("x: '0.1'", "0.1"),
        ("x: 2020-02-16 08:00:00", "2020-02-16 08:00:00"),
    ],
)
def test_scalars(text: str, expected: object) -> None:
    value = load_yaml_text(text)["x"]
    assert value == expected
    assert type(value) is type(expected)


def test_positions_of_keys_values_and_items_are_one_based_code_points() -> None:
    data = load_yaml_text("名称: 党员\nlist:\n  - a\n  -   b\nflow: {k: [1, 22]}\n", "p.yaml")
    assert isinstance(data, YamlMap)
    assert (data.path, data.line, data.column) == ("p.yaml", 1, 1)
    assert data.key_pos("名称") == (1, 1)
    assert data.value_pos("名称") == (1, 5)  # 名称: is four code points
    items = data["list"]
    assert isinstance(items, YamlList)
    assert (items.line, items.column) == (3, 3)
    assert items.item_pos(0) == (3, 5)
    assert items.item_pos(1) == (4, 7)
    flow = data["flow"]
    assert flow.key_pos("k") == (5, 8)
    assert flow["k"].item_pos(1) == (5, 15)


def test_empty_document_is_none(tmp_path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("# nothing here\n", encoding="utf-8")
    assert load_yaml(str(path)) is None
    assert load_yaml_text("") is None


def test_duplicate_key_is_an_error_at_the_second_key() -> None:
    text = "rule:\n  id: a\n  level: error\n  level: warning\n"
    assert error_text(text) == "r.yaml:4:3: duplicate key 'level' (first written on line 3)"


def test_merge_key_fills_only_missing_keys() -> None:
    data = load_yaml_text("base: &b {level: info, units: [名]}\nrule:\n  <<: *b\n  level: error\n")
    assert data["rule"] == {"level": "error", "units": ["名"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: b: c\n", "r.yaml:1:5: mapping values are not allowed here"),
        ("a: [1, 2\n", "r.yaml:2:1: expected ',' or ']', but got '<stream end>' "
                       "(while parsing a flow sequence at line 1, column 4)"),
        ("x:\n  - 1\n - 2\n", "r.yaml:3:2: expected <block end>, but found "
                              "'<block sequence start>' (while parsing a block mapping "
                              "at line 1, column 1)"),
        ("a: 1\n\tb: 2\n", "r.yaml:2:1: found character '\\t' that cannot start any token "
                           "(while scanning for the next token)"),
        ("a: 1\n---\nb: 2\n", "r.yaml:2:1: expected a single document in the stream, "
                              "but found another document"),
        ("a: !regexp x\n", "r.yaml:1:4: unsupported YAML tag '!regexp'"),
        ("a: .nan\n", "r.yaml:1:4: '.nan' is not a usable number"),
        ("? [a]\n: 1\n", "r.yaml:1:3: a mapping key must be a plain value, not a list or mapping"),
        ("a: x\x07\n", "r.yaml:1:5: special character '\\x07' (U+0007) is not allowed"),
    ],
)
def test_syntax_errors_name_file_line_and_column(text: str, expected: str) -> None:
    assert error_text(text) == expected


def test_load_yaml_reads_utf8_with_bom_and_reports_bad_bytes(tmp_path) -> None:
    good = tmp_path / "bom.yaml"
    good.write_bytes("\ufefftitle: 沧海横流显本色\n".encode())
    assert load_yaml(str(good)) == {"title": "沧海横流显本色"}
    bad = tmp_path / "gbk.yaml"
    bad.write_bytes(b"a: 1\ntitle: " + "党旗".encode("gbk") + b"\n")
    with pytest.raises(ConfigError) as info:
        load_yaml(str(bad))
    assert str(info.value).startswith(f"{bad}:2:8: not UTF-8 (byte 0xb5")
    with pytest.raises(ConfigError) as info:
        load_yaml(str(tmp_path / "missing.yaml"))
    assert str(info.value) == f"{tmp_path / 'missing.yaml'}: no such file"


def test_check_keys_suggests_the_closest_key() -> None:
    rule = load_yaml_text("id: x\nmesage: hi\n", "rules.yaml")
    with pytest.raises(ConfigError) as info:
        check_keys(rule, ["id", "message", "level"], "rule")
    assert str(info.value) == ("rules.yaml:2:1: unknown key 'mesage' in rule; "
                               "did you mean 'message'?")


def test_check_keys_lists_allowed_keys_when_nothing_is_close() -> None:
    rule = load_yaml_text("id: x\n  # comment\nzzz: 1\n", "rules.yaml")
    with pytest.raises(ConfigError) as info:
        check_keys(rule, ["id", "message", "level"], "rule")
    assert str(info.value) == ("rules.yaml:3:1: unknown key 'zzz' in rule; "
                               "expected one of: id, level, message")
    check_keys(load_yaml_text("id: x\nlevel: info\n"), ["id", "level"], "rule")  # no error


def test_expect_type() -> None:
    rule = load_yaml_text("id: x\nlevel: [error]\ncount: true\ntolerance: 2\n", "r.yaml")
    with pytest.raises(ConfigError) as info:
        expect_type(rule, "level", str, "rule 'x'")
    assert str(info.value) == "r.yaml:2:8: rule 'x': 'level' must be a string, not a list"
    with pytest.raises(ConfigError) as info:
        expect_type(rule, "count", int, "rule 'x'")
    assert str(info.value) == "r.yaml:3:8: rule 'x': 'count' must be an integer, not a boolean"
    with pytest.raises(ConfigError) as info:
        expect_type(rule, "id", (int, list), "rule 'x'")
    assert str(info.value) == ("r.yaml:1:5: rule 'x': 'id' must be an integer or a list, "
                               "not a string")
    with pytest.raises(ConfigError) as info:
        expect_type(rule, "message", str, "rule 'x'")
    assert str(info.value) == "r.yaml:1:1: rule 'x': missing required key 'message'"
    assert expect_type(rule, "message", (str, type(None)), "rule 'x'") is None
    assert expect_type(rule, "id", str, "rule 'x'") == "x"
    tolerance = expect_type(rule, "tolerance", Decimal, "rule 'x'")
    assert tolerance == Decimal(2) and isinstance(tolerance, Decimal)


def test_error_at_points_at_key_value_item_or_node() -> None:
    data = load_yaml_text("top:\n  level:   warn\n  ids: [a, bb]\n", "c.yaml")
    top = data["top"]
    assert str(error_at(top, "level", "bad level")) == "c.yaml:2:12: bad level"
    assert str(error_at(top, "level", "bad level", at="key")) == "c.yaml:2:3: bad level"
    assert str(error_at(top["ids"], 1, "unknown id")) == "c.yaml:3:12: unknown id"
    assert str(error_at(top, None, "incomplete")) == "c.yaml:2:3: incomplete"
    assert str(error_at(top, "absent", "missing")) == "c.yaml:2:3: missing"


def _archive_sources(entries: int) -> str:
    lines = ["files:\n"]
    for n in range(entries):
        lines.append(f"  copy{n // 450:02d}/article-{n:05d}.txt:\n"
                     f"    title: 沧海横流显本色 战“疫”一线党旗红 {n}\n"
                     f"    date: 2020-02-{1 + n % 28:02d}\n    weight: {n}.5\n")
    lines.append("groups:\n")
    for n in range(0, entries, 2):
        lines.append(f"  g{n}:\n    files:\n      - copy{n // 450:02d}/article-{n:05d}.txt\n"
                     f"      - copy{n // 450:02d}/article-{n + 1:05d}.txt\n")
    return "".join(lines)


def _positions(value: object) -> object:
    """Every value with every key's and item's position, for comparing two loads."""
    if isinstance(value, YamlMap):
        return [(k, value.key_pos(k), value.value_pos(k), _positions(v))
                for k, v in value.items()]
    if isinstance(value, YamlList):
        return [(value.item_pos(i), _positions(v)) for i, v in enumerate(value)]
    return value


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml")
def test_a_large_sources_file_reads_the_same_through_libyaml(monkeypatch) -> None:
    text = _archive_sources(3000)
    assert len(text) >= yamlload.FAST_COMPOSE_CHARS
    assert yamlload._compose_large(text, "sources.yaml") is not None  # libyaml composed it
    fast = load_yaml_text(text, "sources.yaml")
    monkeypatch.setattr(yamlload, "FAST_COMPOSE_CHARS", 10 ** 12)  # the pure composer
    pure = load_yaml_text(text, "sources.yaml")
    assert _positions(fast) == _positions(pure)
    assert fast["files"]["copy06/article-02999.txt"]["weight"] == Decimal("2999.5")


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml")
def test_a_large_file_with_a_mistake_is_reported_as_the_pure_composer_reports_it(
        monkeypatch) -> None:
    text = _archive_sources(3000) + "  g9:\n    files: [a.txt\n"
    with pytest.raises(ConfigError) as fast:
        load_yaml_text(text, "sources.yaml")
    monkeypatch.setattr(yamlload, "FAST_COMPOSE_CHARS", 10 ** 12)
    with pytest.raises(ConfigError) as pure:
        load_yaml_text(text, "sources.yaml")
    assert str(fast.value) == str(pure.value)


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml")
def test_a_large_file_of_nested_aliases_is_refused_as_a_small_one_is() -> None:
    # Large enough for libyaml, which would compose it; aliases go to the bounded
    # composer (ten levels of ten aliases each: 10**10 values).
    lines = ["padding:\n"] + [f"  - item {n}\n" for n in range(30000)]
    lines += ["a0: &a0\n"] + ["  - x\n"] * 10
    for level in range(1, 10):
        lines += [f"a{level}: &a{level}\n"] + [f"  - *a{level - 1}\n"] * 10
    text = "".join(lines)
    assert len(text) >= yamlload.FAST_COMPOSE_CHARS
    assert yamlload._compose_large(text, "bomb.yaml") is None
    with pytest.raises(ConfigError, match="alias \\*a3 expands the file beyond"):
        load_yaml_text(text, "bomb.yaml")


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml")
def test_a_large_deeply_nested_file_is_refused_as_a_small_one_is() -> None:
    lines = ["padding:\n"] + [f"  - item {n}\n" for n in range(30000)]
    lines += ["deep:\n"] + [" " * (2 * depth) + f"k{depth}:\n" for depth in range(1, 80)]
    lines.append(" " * 160 + "leaf: 1\n")
    assert yamlload._compose_large("".join(lines), "deep.yaml") is None
    with pytest.raises(ConfigError, match="nesting too deep"):
        load_yaml_text("".join(lines), "deep.yaml")


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml")
def test_an_archive_sources_file_in_flow_style_is_composed_by_libyaml(monkeypatch) -> None:
    # bench/archive.py's form: {medium: web} and [a, b] on every entry.
    lines = ["files:\n"] + [f"  c{n // 450:03d}/a{n:05d}.txt: {{medium: web}}\n"
                            for n in range(12000)]
    lines += ["groups:\n"] + [f"  - id: g{n}\n    files: [c{n // 450:03d}/a{n:05d}.txt, "
                              f"c{n // 450:03d}/a{n + 1:05d}.txt]\n" for n in range(0, 12000, 2)]
    text = "".join(lines)
    assert yamlload._compose_large(text, "sources.yaml") is not None
    fast = load_yaml_text(text, "sources.yaml")
    monkeypatch.setattr(yamlload, "FAST_COMPOSE_CHARS", 10 ** 12)
    assert _positions(fast) == _positions(load_yaml_text(text, "sources.yaml"))
