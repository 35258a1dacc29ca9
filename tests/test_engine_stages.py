"""The engine's stages (plan, check_document, check_key, finish), which both engines call.

No Dask here: these hold the seam itself (what a corpus rule sees of a document, when
a version group is complete, that everything crossing it pickles with plain pickle)
and what the command line says when Dask is missing.
"""

from __future__ import annotations

import dataclasses
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import factlint
from factlint.claims.select import select
from factlint.cli import main
from factlint.corpus import load_corpus
from factlint.model import Corpus
from factlint.rules.engine import (
    Gatherer,
    check_document,
    check_key,
    expected_pieces,
    inputs_of,
    plan_check,
    run_check,
    run_local,
    seen_by,
)
from factlint.rules.scope import per_document
from factlint.settings.config import load_config
from factlint.settings.sources import load_sources
from factlint.settings.yamlload import ConfigError

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def seeds_config(monkeypatch):
    monkeypatch.chdir(ROOT)
    return load_config(".")


def _places(claims) -> list[tuple]:
    return [(c.path, c.quantity.span, c.quantity.text, c.sentence.text) for c in claims]


def test_a_corpus_rule_sees_of_each_document_exactly_the_claims_it_would_select(
        seeds_config) -> None:
    plan = plan_check(seeds_config)
    sources, groups = load_sources(seeds_config.sources)
    corpus, _ = load_corpus(seeds_config.paths, sources=sources, groups=groups)
    checked = 0
    for rule_id, selectors in plan.selectors.items():
        assert selectors, f"{rule_id}: a YAML rule's options hold selectors"
        seen = [d for d in (seen_by(selectors, doc) for doc in corpus.documents) if d]
        for selector in selectors:
            whole = select(corpus, selector)
            assert _places(select(Corpus(tuple(seen)), selector)) == _places(whole)
            checked += len(whole)
        # and nothing else travels: no text, only the sentences with a picked claim
        assert all(doc.text == "" for doc in seen)
        assert sum(len(d.sentences) for d in seen) < sum(len(d.sentences)
                                                         for d in corpus.documents)
    assert checked > 10


def test_a_document_no_selector_names_gives_a_corpus_rule_nothing(seeds_config) -> None:
    plan = plan_check(seeds_config)
    # donations.yaml's rules name files 004_*; 003 is another newspaper's page.
    outcome = check_document(plan, 3, "seeds/003_d84f8fc48e376cc1.txt")
    keys = {key for key, _ in outcome.pieces}
    files_only = [rid for rid, sels in plan.selectors.items()
                  if all(s.files and not any("003" in f for f in s.files) for s in sels)]
    assert files_only
    assert not keys & {("rule", rid) for rid in files_only}


def test_rules_declare_their_scope(seeds_config) -> None:
    plan = plan_check(seeds_config)
    assert plan.scopes["restatement"] == plan.scopes["contradictory-qualifier"] == "document"
    assert plan.scopes["cross-source"] == "group"
    # YAML rules: a sum, compare, derived or duration rule is evaluated per document
    # (rules.scope), so it is of document scope, with a key for its fallback; the rest
    # see the corpus.
    yaml_rules = [r for r in plan.rules if r.type not in factlint.rules.BUILTINS]
    assert {r.id: plan.scopes[r.id] for r in yaml_rules} == {
        r.id: "document" if per_document(r) else "corpus" for r in yaml_rules}
    assert plan.each_document == {r.id for r in yaml_rules if per_document(r)}
    assert plan.each_document  # the seeds have such rules
    assert set(plan.cross_keys()) == {("rule", r.id) for r in yaml_rules}


def test_a_version_group_is_checked_as_soon_as_its_last_member_is_read(seeds_config) -> None:
    plan = plan_check(seeds_config)
    paths = inputs_of(seeds_config)
    expected = expected_pieces(plan, paths)
    assert expected == {("group", "canghai-feature"): 3}
    gatherer = Gatherer(plan, expected)
    for index, path in enumerate(paths[:3]):  # 000, 001, 002: the three versions
        assert not gatherer.findings
        gatherer.add_outcome(check_document(plan, index, path))
    assert ("group", "canghai-feature") not in gatherer.open
    [found] = gatherer.findings
    assert {finding.rule for finding, _ in found} == {"cross-source"}
    # Still open: only the corpus rules, whose pieces are a few sentences.
    assert {kind for kind, _ in gatherer.open} == {"rule"}


def test_the_stages_give_what_one_pass_over_the_corpus_gives(seeds_config) -> None:
    """check_key on the whole group equals check_key on pieces added one by one."""
    plan = plan_check(seeds_config)
    paths = inputs_of(seeds_config)
    outcomes = [check_document(plan, i, p) for i, p in enumerate(paths)]
    pieces = [piece for o in outcomes for key, piece in o.pieces if key[0] == "group"]
    backwards = check_key(plan, ("group", "canghai-feature"), reversed(pieces))
    assert backwards == check_key(plan, ("group", "canghai-feature"), pieces)
    assert run_local(plan, paths) == run_check(seeds_config)


def test_everything_that_crosses_to_a_worker_pickles_with_plain_pickle(seeds_config) -> None:
    plan = plan_check(seeds_config)
    copy = pickle.loads(pickle.dumps(plan))
    assert [dataclasses.astuple(r)[:4] for r in copy.rules] == [
        dataclasses.astuple(r)[:4] for r in plan.rules]
    outcome = check_document(plan, 1, "seeds/001_c171a1427bcab795.txt")
    assert pickle.loads(pickle.dumps(outcome)) == outcome
    assert run_local(copy, inputs_of(seeds_config)) == run_check(seeds_config)


def test_check_corpus_without_a_client_runs_here_and_imports_no_dask() -> None:
    code = ("import sys, factlint\n"
            "from factlint.settings.config import load_config\n"
            "result = factlint.check_corpus(['seeds'], load_config('.'))\n"
            "print(result.exit_code, len(result.findings),"
            " any(m.split('.')[0] in ('dask', 'distributed') for m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=True)
    exit_code, count, imported = done.stdout.split()
    assert (exit_code, imported) == ("1", "False") and int(count) > 0


def test_engine_dask_without_dask_says_how_to_install_it_and_exits_2() -> None:
    code = ("import sys\n"
            "sys.modules['distributed'] = None  # as if not installed\n"
            "from factlint.cli import main\n"
            "sys.exit(main(['check', 'seeds', '--engine', 'dask']))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2
    assert "pip install 'factlint[dask]'" in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize(("text", "message"), [
    ("engine: spark\n", "'engine' must be one of local, dask, not 'spark'"),
    ("jobs: 0\n", "'jobs' must be a whole number of worker processes, 1 or more, not 0"),
    ("jobs: two\n", "'jobs' must be a whole number of worker processes, 1 or more, not a str"),
    ("scheduler: ''\n", "'scheduler' must be a scheduler address such as tcp://host:8786"),
])
def test_engine_settings_are_checked_where_they_are_written(tmp_path, text, message) -> None:
    (tmp_path / ".factlint.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(str(tmp_path))
    assert str(caught.value).startswith(f"{tmp_path / '.factlint.yaml'}:1:")
    assert message in str(caught.value)


def test_engine_settings_come_from_the_config_and_the_flags_win(tmp_path) -> None:
    (tmp_path / ".factlint.yaml").write_text(
        "engine: dask\nscheduler: tcp://archive:8786\n", encoding="utf-8")
    config = load_config(str(tmp_path))
    assert (config.engine, config.scheduler, config.jobs) == ("dask", "tcp://archive:8786",
                                                              None)
    config = load_config(str(tmp_path), overrides={"engine": "local", "jobs": 3})
    assert (config.engine, config.jobs) == ("local", 3)


def test_jobs_and_scheduler_together_is_a_usage_error(capsys, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    status = main(["check", "--engine", "dask", "--jobs", "2", "--scheduler",
                   "tcp://127.0.0.1:1"])
    assert status == 2
    assert "give one or the other" in capsys.readouterr().err


def test_jobs_without_engine_dask_is_ignored_with_a_warning(capsys, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["check", "--jobs", "2", "--format", "json"]) == 1
    assert "'jobs' is for --engine dask" in capsys.readouterr().err


def test_a_task_is_sent_what_the_sources_file_says_of_its_own_files_only(seeds_config
                                                                         ) -> None:
    """PlanFacts: a batch's facts hold its files' entries and groups, spelt as the run
    spells the files, and the plan sent with them holds none of the sources file."""
    import os

    from factlint.rules.engine import PlanFacts
    from factlint.settings.sources import resolved

    plan = plan_check(seeds_config)
    paths = inputs_of(seeds_config)
    facts = PlanFacts(plan, expected_pieces(plan, paths))
    shipped = plan.for_workers()
    assert (shipped.sources, shipped.groups, shipped.groups_of, shipped.years,
            shipped.extra) == ((), (), {}, {}, {})
    assert shipped.rules == plan.rules
    lone = facts.of([(paths[3], resolved(paths[3]))])  # 003: dated, in no group
    assert [info.path for info in lone.sources] == [paths[3]]
    assert (lone.groups, lone.groups_of, lone.expected) == ((), {}, {})
    assert lone.years == {resolved(paths[3]): 2020}
    # Spelt absolutely in the run: the entry is spelt so too (a worker elsewhere finds it).
    absolute = os.path.abspath(paths[0])
    first = facts.of([(absolute, resolved(absolute))])
    assert [info.path for info in first.sources] == [absolute]
    assert [group.id for group in first.groups] == ["canghai-feature"]
    assert first.expected == {("group", "canghai-feature"): 3}  # of the whole run
    # Each file checked with only its own facts gives what the whole plan gives.
    outcomes = []
    gatherer = Gatherer(plan, expected_pieces(plan, paths))
    for index, path in enumerate(paths):
        here = shipped.with_facts(facts.of([(path, resolved(path))]))
        outcomes.append(gatherer.add_outcome(check_document(here, index, path)))
    from factlint.rules.engine import finish_check

    alone = finish_check(plan, [o for o in outcomes if o.reportable()], gatherer.close(),
                         paths)
    assert alone == run_local(plan, paths)


def test_the_ledger_takes_claims_where_a_document_is_read_and_looks_up_here(
        seeds_config, tmp_path) -> None:
    """The ledger check is of client stage: outcomes carry claims (no document), and
    the lookup in finish_check gives what the check over the whole corpus gives."""
    from factlint.ledger.check import LedgerCheck, ledger_checks
    from factlint.ledger.store import Ledger

    path = str(tmp_path / "ledger.sqlite")
    with Ledger.open(path, create=True) as ledger:
        sources, groups = load_sources(seeds_config.sources)
        published, _ = load_corpus(["seeds/002_60e7e1aac05173a9.txt"], sources=sources,
                                   groups=groups)
        ledger.add(published.documents[0], published="2020-02-16", source="新华社")
    with ledger_checks(path) as checks:
        plan = plan_check(seeds_config, checks, (LedgerCheck.NAME,))
        assert plan.scopes["ledger"] == "client"
        outcome = check_document(plan, 1, "seeds/001_c171a1427bcab795.txt")
        assert pickle.loads(pickle.dumps(outcome)) == outcome  # plain data, no ledger
        [(rule_id, [(where, claims)])] = outcome.gathered
        assert (rule_id, where) == ("ledger", "seeds/001_c171a1427bcab795.txt")
        assert any(claim.quantity.text == "4400余名" for claim in claims)
        assert not any(key == ("rule", "ledger") for key, _ in outcome.pieces)
        result = run_local(plan, inputs_of(seeds_config))
        whole, _ = load_corpus(seeds_config.paths, sources=sources, groups=groups)
        rule = next(r for r in plan.rules if r.id == "ledger")
        expected = sorted(checks[0].check(rule, whole, plan.ctx), key=repr)
    found = [f for f in result.findings if f.rule == "ledger"]
    assert found and sorted(found, key=repr) == expected
    assert any("4400余名" in f.message for f in found)
