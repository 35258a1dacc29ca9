"""Selecting claims from the seed corpus, and selector errors with exact positions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factlint import claims
from factlint.claims import Selector, parse_selector, select
from factlint.corpus import load_corpus, load_document
from factlint.model import Corpus
from factlint.settings.yamlload import ConfigError, load_yaml_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DONATION = "004_e121854575d370ac.txt"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    found, errors = load_corpus([str(SEEDS)])
    assert not errors
    return found


def selector(yaml_text: str, key: str | None = "claim") -> Selector:
    return parse_selector(load_yaml_text(yaml_text, "rules/x.yaml"), key, "r")


def test_pattern_picks_the_figure_where_n_stands(corpus):
    found = select(corpus, selector("claim:\n  pattern: '全国(已有)?{n}党员'\n"))
    assert [(c.quantity.text, c.quantity.span.line) for c in found] == [
        ("7436万多名", 4), ("7436万多名", 396)]
    assert all(c.path.endswith(DONATION) for c in found)
    # Only the figure at {n}: the sentence's other figure (76.8亿元) is not picked.
    money = select(corpus, selector("claim:\n  pattern: '共捐款{n}'\n"))
    assert [c.quantity.text for c in money] == ["76.8亿元"]


def test_subject_unit_kind_near_files(corpus):
    found = select(corpus, selector(
        "claim: {subject: 党员, unit: 名, near: [捐款], files: ['004_*.txt']}\n"))
    assert [c.quantity.span.line for c in found] == [4, 396]
    assert select(corpus, selector("claim: {subject: 党员, files: ['nothing*.txt']}\n")) == []
    regex_found = select(corpus, selector(
        "claim: {subject: {regex: '^党(员|委)$'}, files: ['004_*']}\n"))
    assert [c.quantity.span.line for c in regex_found][:2] == [4, 396]
    assert {c.quantity.subject for c in regex_found} <= {"党员", "党委"}
    money = select(corpus, selector("claim: {kind: money, near: 捐款}\n"))
    assert [c.quantity.text for c in money] == ["76.8亿元"]


def test_unit_is_normalised(corpus):
    hours = select(corpus, selector("claim: {unit: 个小时, files: ['004_*']}\n"))
    assert hours and all(c.quantity.unit == "小时" for c in hours)


def test_results_sorted_by_path_and_position(corpus):
    found = select(corpus, selector("claim: {unit: 名}\n"))
    keys = [(c.path, c.quantity.span.start) for c in found]
    assert keys == sorted(keys) and len({c.path for c in found}) >= 3


@pytest.mark.parametrize(("text", "where", "message"), [
    ("claim:\n  pattern: '全国党员'\n", "rules/x.yaml:2:12", "must contain {n}"),
    ("claim:\n  pattern: '({n}'\n", "rules/x.yaml:2:12", "regex does not compile"),
    ("claim:\n  subject: {regex: '[党'}\n", "rules/x.yaml:2:20", "regex does not compile"),
    ("claim:\n  kind: people\n", "rules/x.yaml:2:9", "unknown kind 'people'"),
    ("claim:\n  untis: 名\n", "rules/x.yaml:2:3", "did you mean 'unit'?"),
    ("claim:\n  near: [捐款, 3]\n", "rules/x.yaml:2:14", "non-empty string"),
    ("claim: 党员\n", "rules/x.yaml:1:8", "must be a mapping"),
    ("claim: {}\n", "rules/x.yaml:1:8", "selects nothing"),
])
def test_selector_errors_point_at_the_value(text, where, message):
    with pytest.raises(ConfigError) as info:
        selector(text)
    assert str(info.value).startswith(where + ": "), str(info.value)
    assert message in str(info.value)


def test_selector_of_the_node_itself():
    found = parse_selector(load_yaml_text("unit: 名\nkind: count\n", "r.yaml"), None, "r")
    assert found.unit == "名" and found.kind == "count"


def test_pathological_pattern_stops_with_an_error_naming_the_rule(tmp_path, monkeypatch):
    monkeypatch.setattr(claims, "REGEX_TIMEOUT", 0.05)
    doc = load_document("slow.txt", "哈" * 40 + "的5名党员。")
    rules_text = "claim:\n  pattern: '(哈|哈哈)+的{n}x'\n"
    sel = parse_selector(load_yaml_text(rules_text, "rules/slow.yaml"), "claim", "slow-rule")
    with pytest.raises(ConfigError) as info:
        select(Corpus((doc,)), sel)
    assert str(info.value).startswith("rules/slow.yaml:2:12: rule 'slow-rule': 'pattern'")
    assert "slow.txt:1:" in str(info.value)


def test_pattern_works_across_ocr_line_breaks(tmp_path):
    shutil.copy(SEEDS / DONATION, tmp_path / DONATION)
    text = (tmp_path / DONATION).read_text(encoding="utf-8")
    # Break the body figure across two lines as OCR does: it is still found.
    (tmp_path / DONATION).write_text(text.replace("全国已有7436万多名", "全国已有7436\n万多名"),
                                     encoding="utf-8")
    found, _ = load_corpus([str(tmp_path)])
    picked = select(found, selector("claim:\n  pattern: '已有{n}党员'\n"))
    assert [(c.quantity.span.line, c.quantity.span.end_line) for c in picked] == [(4, 5)]
