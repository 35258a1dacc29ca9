"""The project's rules (rules/*.yaml) on the seed corpus.

Unmutated, the only shipped rule that fails is the one that exists to show the
known disagreement between the versions of the feature article (001 has
4400余名 where 000 and 002 have 400余名).  Then, for every shipped rule, one
figure in a copy of the corpus is changed so that exactly that rule reports
something new, pointing at the changed line.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factlint.corpus import load_corpus
from factlint.rules import CheckContext, load_rules
from factlint.rules.engine import run_rules
from factlint.settings.sources import load_sources
from factlint.settings.yamlload import load_yaml

ROOT = Path(__file__).resolve().parent.parent
ERRATUM_RULE = "canghai-wuhan-university-staff"
F000 = "000_6aef4c9e06e579a7.txt"
F001 = "001_c171a1427bcab795.txt"
F002 = "002_60e7e1aac05173a9.txt"
F003 = "003_d84f8fc48e376cc1.txt"
F004 = "004_e121854575d370ac.txt"

# rule id -> (file, line, text on that line, replacement): a change only that rule notices.
# Replacements keep the length of the line (so no other figure moves) and stay clear of
# the original's interval: 1万余 (10000–20000) and 2万余 (20000–30000) touch at 20000.
MUTATIONS: dict[str, tuple[str, int, str, str]] = {
    "party-donors": (F004, 396, "7436万多名", "7346万多名"),  # the headline
    "party-donation-per-donor": (F004, 4, "76.8亿元", "7.68亿元"),  # a slipped decimal point
    "wuhan-survey-duration": (F004, 91, "72个小时", "48个小时"),
    "mengcheng-grid-total": (F003, 350, "846", "864"),
    "liaoning-team-size": (F001, 147, "760名", "670名"),
    "leishenshan-wards": (F001, 147, "其中的17个病区", "其中的37个病区"),
    "canghai-cscec-oath-members": (F002, 23, "400余名党员", "600余名党员"),
    "canghai-minmetals-commandos": (F002, 24, "46名", "64名"),
    "canghai-xian-teams": (F002, 25, "3200余个", "2300余个"),
    "canghai-jiaozhou-commandos": (F002, 25, "95支", "59支"),
    "canghai-chongqing-cadres": (F002, 30, "40余万人", "60余万人"),
    "canghai-foshan-households": (F002, 33, "3000多户", "5000多户"),
    "canghai-foshan-staff": (F002, 33, "仅有5人", "仅有8人"),
    "canghai-beijing-cadres": (F002, 35, "5万余名", "3万余名"),
    "canghai-wuhan-municipal-cadres": (F002, 35, "6000余名", "8000余名"),
    "canghai-wuhan-soe-staff": (F002, 35, "1万余名", "3万余名"),
    # Already failing on 001; changing 000 adds a disagreement that points at 000.
    ERRATUM_RULE: (F000, 195, "400余名", "200余名"),
    "canghai-wuhan-districts": (F002, 35, "同时15个区", "同时16个区"),
    "canghai-wuhan-street-cadres": (F002, 35, "近1.8万人", "近2.8万人"),
    "canghai-ningbo-cadres": (F002, 35, "5000名", "3000名"),
    "canghai-fujian-hospitals": (F002, 40, "91家", "19家"),
    "canghai-fujian-medics": (F002, 40, "近8000名", "近6000名"),
    "canghai-hangzhou-wuhan-passengers": (F002, 54, "116名", "161名"),
    "canghai-hangzhou-other-passengers": (F002, 54, "219名", "291名"),
    "canghai-tianbao-households": (F002, 58, "54户", "45户"),
}


def shipped_rule_ids() -> list[str]:
    ids = []
    for path in sorted(glob.glob(str(ROOT / "rules" / "*.yaml"))):
        data = load_yaml(path)
        rules = data["rules"] if isinstance(data, dict) else data
        ids.extend(rule["id"] for rule in rules or ())
    return ids


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    return tmp_path


def _findings(root: Path) -> list:
    """Findings of the shipped rules, with paths relative to ``root`` as a user would run it."""
    cwd = os.getcwd()
    os.chdir(root)
    try:
        sources, groups = load_sources("seeds/sources.yaml")
        corpus, errors = load_corpus(["seeds"], sources=sources, groups=groups)
        assert not errors
        rules = load_rules(sorted(glob.glob("rules/*.yaml")))
        findings, _ = run_rules(rules, corpus, CheckContext())
    finally:
        os.chdir(cwd)
    return findings


def _key(finding) -> tuple:
    loc = finding.location
    return (finding.rule, finding.level, finding.message, os.path.basename(loc.path), loc.line,
            loc.column, tuple((os.path.basename(r.path), r.line, r.column)
                              for r in finding.related))


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> list:
    return _findings(_copy(tmp_path_factory.mktemp("baseline")))


def test_every_shipped_rule_has_a_mutation_case() -> None:
    ids = shipped_rule_ids()
    assert len(ids) == len(set(ids))
    assert sorted(MUTATIONS) == sorted(ids), "add a MUTATIONS case for every new rule"
    assert sum(1 for rule_id in ids if rule_id.startswith("canghai-")) >= 10


def test_only_the_known_disagreement_fails_on_the_seeds(baseline) -> None:
    assert {f.rule for f in baseline} == {ERRATUM_RULE}
    places = {(os.path.basename(loc.path), loc.line, loc.column, loc.text)
              for f in baseline for loc in (f.location, *f.related)}
    assert places == {(F001, 53, 96, "4400余名"), (F002, 35, 99, "400余名"),
                      (F000, 195, 4, "400余名")}
    # Both findings point at the odd one out, 001, with the others as related.
    assert {(os.path.basename(f.location.path), f.location.line) for f in baseline} == {
        (F001, 53)}
    # The rule records it as a known erratum: reported, with its reason, at level info.
    assert all(f.level == "info" and "4400余名" in f.message and "known erratum" in f.message
               for f in baseline)


@pytest.mark.parametrize("rule_id", sorted(MUTATIONS))
def test_a_changed_figure_fails_exactly_its_rule(rule_id, baseline, tmp_path) -> None:
    name, line, old, new = MUTATIONS[rule_id]
    root = _copy(tmp_path)
    path = root / "seeds" / name
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[line - 1].count(old) == 1, f"{old!r} is not once on {name}:{line}"
    lines[line - 1] = lines[line - 1].replace(old, new)
    path.write_text("\n".join(lines), encoding="utf-8")

    before = {_key(f) for f in baseline}
    new_findings = [f for f in _findings(root) if _key(f) not in before]
    assert new_findings, f"changing {old} to {new} went unnoticed"
    assert {f.rule for f in new_findings} == {rule_id}
    # Pairs that involve the recorded erratum stay info; the new disagreement is an error.
    assert any(f.level == "error" for f in new_findings)
    assert all(f.level == "error" or "known erratum" in f.message for f in new_findings)
    pointed = {(os.path.basename(loc.path), loc.line)
               for f in new_findings for loc in (f.location, *f.related)}
    assert (name, line) in pointed


def test_a_deleted_figure_is_reported(tmp_path) -> None:
    root = _copy(tmp_path)
    path = root / "seeds" / F004
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("共捐款76.8亿元。", "。"), encoding="utf-8")
    found = [f for f in _findings(root) if f.rule == "party-donation-per-donor"]
    assert len(found) == 1
    assert "no claim in the corpus matches 'claims.money'" in found[0].message
    assert found[0].location.path.endswith("donations.yaml")


def test_factlint_check_reports_every_location_of_the_disagreement(tmp_path) -> None:
    root = _copy(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "factlint", "check", "seeds", "--rules", "rules",
         "--sources", "seeds/sources.yaml", "--format", "json"],
        cwd=root, capture_output=True, text=True, encoding="utf-8", check=False)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    ours = [f for f in report["findings"] if f["rule"] in set(MUTATIONS)]
    assert {f["rule"] for f in ours} == {ERRATUM_RULE}
    places = {(os.path.basename(loc["path"]), loc["line"], loc["column"])
              for f in ours for loc in (f, *f["related"])}
    assert places == {(F001, 53, 96), (F002, 35, 99), (F000, 195, 4)}
