"""Finding, validating and overriding factlint's settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factlint.settings.config import Config, find_config, load_config
from factlint.settings.yamlload import ConfigError


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with rules/, seeds/ and a nested working directory; cwd = project."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "b-sums.yaml").write_text("rules: []\n", encoding="utf-8")
    (tmp_path / "rules" / "a-figures.yml").write_text("rules: []\n", encoding="utf-8")
    (tmp_path / "rules" / "README.md").write_text("not a rule file\n", encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "sources.yaml").write_text("files: {}\n", encoding="utf-8")
    (tmp_path / "src" / "deep").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


PYPROJECT = """\
[project]
name = "newsroom"

[tool.factlint]
paths = ["seeds"]
sources = "seeds/sources.yaml"
rules = [
    "rules",   # every rule file in the folder
]
disable = ["same-figure", "measure-word"]
fail-on = "warning"

[tool.factlint.levels]
total-equals-sum = "info"
"""


def error_of(**kwargs) -> str:
    with pytest.raises(ConfigError) as info:
        load_config(**kwargs)
    return str(info.value)


def test_no_config_gives_defaults(project: Path) -> None:
    config = load_config()
    assert config == Config()
    assert config.paths == () and config.fail_on == "error"
    assert config.measure_word_variants == "warning"


def test_pyproject_table_found_from_a_subdirectory(project: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    monkeypatch.chdir(project / "src" / "deep")
    config = load_config()
    assert config.file == "../../pyproject.toml"
    assert config.paths == ("../../seeds",)
    assert config.sources == "../../seeds/sources.yaml"
    assert config.rules == ("../../rules/a-figures.yml", "../../rules/b-sums.yaml")
    assert config.disable == ("same-figure", "measure-word")
    assert dict(config.levels) == {"total-equals-sum": "info"}
    assert config.fail_on == "warning"
    # later stages can point back at where a setting was written
    assert str(config.error("disable", "unknown rule id 'measure-word'", "measure-word")) == (
        "../../pyproject.toml:10:27: unknown rule id 'measure-word'")
    assert str(config.error("levels", "unknown rule id", "total-equals-sum")) == (
        "../../pyproject.toml:14:20: unknown rule id")


def test_pyproject_without_factlint_table_is_passed_over(project: Path) -> None:
    (project / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    inner = project / "src" / "pyproject.toml"
    inner.write_text('[project]\nname = "inner"\n', encoding="utf-8")
    assert find_config(str(project / "src" / "deep")) == str(project / "pyproject.toml")


def test_yaml_config_wins_over_pyproject_in_the_same_folder(project: Path) -> None:
    (project / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (project / ".factlint.yaml").write_text("fail-on: info\n", encoding="utf-8")
    config = load_config()
    assert config.file == ".factlint.yaml"
    assert config.fail_on == "info" and config.paths == ()


def test_yaml_config_paths_are_relative_to_the_config_file(project: Path) -> None:
    (project / "src" / ".factlint.yaml").write_text(
        "paths: ../seeds\nrules: [../rules/b-sums.yaml]\nlevels: {same-figure: warning}\n"
        "measure-word-variants: ignore\n", encoding="utf-8")
    config = load_config(config_path="src/.factlint.yaml")
    assert config.paths == ("seeds",)
    assert config.rules == ("rules/b-sums.yaml",)
    assert dict(config.levels) == {"same-figure": "warning"}
    assert config.measure_word_variants == "ignore"


def test_command_line_overrides_win(project: Path) -> None:
    (project / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    config = load_config(overrides={
        "paths": ["seeds/000.txt"], "fail_on": "error", "disable": ["extra-rule"],
        "levels": {"total-equals-sum": "error", "same-figure": "warning"},
        "sources": None, "measure-word-variants": "error",
    })
    assert config.paths == ("seeds/000.txt",)  # replaced, relative to the working directory
    assert config.fail_on == "error"
    assert config.sources == "seeds/sources.yaml"  # None = flag not given: file value stays
    assert config.disable == ("same-figure", "measure-word", "extra-rule")  # added to
    assert dict(config.levels) == {"total-equals-sum": "error", "same-figure": "warning"}
    assert config.measure_word_variants == "error"
    assert str(config.error("fail-on", "x")) == "command line: x"
    assert str(config.error("disable", "x", "same-figure")) == "pyproject.toml:10:12: x"


def test_bad_override_is_a_config_error(project: Path) -> None:
    assert error_of(overrides={"fail_on": "fatal"}) == (
        "command line: option: 'fail-on' must be one of error, warning, info, never, not 'fatal'")
    assert error_of(overrides={"rules": ["missing.yaml"]}) == (
        "command line: no such rules file or folder: 'missing.yaml'")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pahts: [seeds]\n",
         ".factlint.yaml:1:1: unknown key 'pahts' in config; did you mean 'paths'?"),
        ("paths: [seeds]\nfail_on: info\n",
         ".factlint.yaml:2:1: unknown key 'fail_on' in config; did you mean 'fail-on'?"),
        ("colour: red\n",
         ".factlint.yaml:1:1: unknown key 'colour' in config; expected one of: disable, "
         "engine, exclude, fail-on, format-in, front-matter, include, jobs, ledger, levels, "
         "measure-word-variants, paths, range-connector, rules, scheduler, sources"),
        ("paths: {seeds: 1}\n",
         ".factlint.yaml:1:8: config: 'paths' must be a string or a list, not a mapping"),
        ("disable:\n  - same-figure\n  - 3\n",
         ".factlint.yaml:3:5: config: each entry of 'disable' must be a string, "
         "not an integer"),
        ("fail-on: fatal\n",
         ".factlint.yaml:1:10: config: 'fail-on' must be one of error, warning, info, "
         "never, not 'fatal'"),
        ("levels:\n  same-figure: warn\n",
         ".factlint.yaml:2:16: config: the level of rule 'same-figure' must be one of "
         "error, warning, info, not 'warn'"),
        ("measure-word-variants: off\n",
         ".factlint.yaml:1:24: config: 'measure-word-variants' must be one of warning, "
         "error, ignore, not a boolean"),
        ("rules: [rules, rulez]\n",
         ".factlint.yaml:1:16: no such rules file or folder: 'rulez'"),
        ("rules: src\n",
         ".factlint.yaml:1:8: rules folder 'src' holds no .yaml or .yml file"),
        ("sources: seeds/source.yaml\n",
         ".factlint.yaml:1:10: sources file not found: 'seeds/source.yaml'"),
        ("paths: [seeds, seedz]\n",
         ".factlint.yaml:1:16: no such file or folder: 'seedz'"),
        ("- paths\n",
         ".factlint.yaml:1:1: the config must be a mapping of settings, not a list"),
        ("fail-on: info\nfail-on: error\n",
         ".factlint.yaml:2:1: duplicate key 'fail-on' (first written on line 1)"),
    ],
)
def test_yaml_config_errors(project: Path, text: str, expected: str) -> None:
    (project / ".factlint.yaml").write_text(text, encoding="utf-8")
    assert error_of() == expected


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('paths = ["seeds"]\nfail-on = "fatal"\n',
         "pyproject.toml:6:11: [tool.factlint]: 'fail-on' must be one of error, warning, "
         "info, never, not 'fatal'"),
        ('paths = ["seeds"]\nmesure-word-variants = "ignore"\n',
         "pyproject.toml:6:1: unknown key 'mesure-word-variants' in [tool.factlint]; "
         "did you mean 'measure-word-variants'?"),
        ('disable = [\n  "a",\n  # a comment, then\n  7,\n]\n',
         "pyproject.toml:8:3: [tool.factlint]: each entry of 'disable' must be a string, "
         "not an integer"),
        ('levels = { same-figure = "error", total = "loud" }\n',
         "pyproject.toml:5:43: [tool.factlint]: the level of rule 'total' must be one of "
         "error, warning, info, not 'loud'"),
        ('levels.total = "loud"\n',
         "pyproject.toml:5:16: [tool.factlint]: the level of rule 'total' must be one of "
         "error, warning, info, not 'loud'"),
        ("sources = 3.5\n",
         "pyproject.toml:5:11: [tool.factlint]: 'sources' must be a string, not a number"),
        ('paths = ["seeds"\nfail-on = "x"\n',
         "pyproject.toml:6:1: Unclosed array"),
    ],
)
def test_toml_config_errors(project: Path, table: str, expected: str) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.factlint]\n' + table, encoding="utf-8")
    assert error_of() == expected


def test_explicit_config_path_that_does_not_exist(project: Path) -> None:
    assert error_of(config_path="nope.yaml") == "nope.yaml: config file not found"


def test_explicit_toml_without_table(project: Path) -> None:
    (project / "other.toml").write_text('[tool.black]\nline-length = 99\n', encoding="utf-8")
    assert error_of(config_path="other.toml") == "other.toml: no [tool.factlint] table"


def test_empty_yaml_config_is_defaults(project: Path) -> None:
    (project / ".factlint.yaml").write_text("# nothing yet\n", encoding="utf-8")
    config = load_config(start=os.fspath(project / "src"))
    assert config.file == ".factlint.yaml"
    assert config.paths == () and config.rules == ()
