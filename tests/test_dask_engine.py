"""The Dask engine gives the local engine's report byte for byte, and fails as it does.

A real 2-worker ``LocalCluster`` (worker processes, started by spawn) checks the seeds
and an archive made from them (bench/archive.py: mutated copies, version groups in a
sources file); every output format is compared byte for byte with ``--engine local``.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="Dask is not installed: pip install 'factlint[dask]'")
pytest.importorskip("dask.bag", reason="Dask is not installed: pip install 'factlint[dask]'")

from distributed import Client, LocalCluster  # noqa: E402

from factlint.reporters import FORMATS, render  # noqa: E402
from factlint.rules.dask_engine import run_dask  # noqa: E402
from factlint.rules.engine import check_corpus, inputs_of, plan_check  # noqa: E402
from factlint.settings.config import load_config  # noqa: E402

from .interrupting import interrupt_when_ready  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def _archive_module():
    spec = importlib.util.spec_from_file_location("archive", ROOT / "bench" / "archive.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cluster(workers: int = 2) -> LocalCluster:
    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                        dashboard_address=":0")


@pytest.fixture(scope="module")
def client():
    with _cluster() as cluster, Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """Seeds ×6 with mutated digits: 30 documents, 15 version groups, the seed rules."""
    out = tmp_path_factory.mktemp("archive")
    articles = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    _archive_module().write_archive(articles, 6, out / "copy")
    (out / ".factlint.yaml").write_text(
        f"paths: [copy]\nsources: copy/sources.yaml\nrules: ['{ROOT / 'rules'}']\n",
        encoding="utf-8")
    return out


def _reports(result) -> dict[str, str]:
    return {fmt: render(fmt, result.findings, result.rules) for fmt in FORMATS}


def _both(directory: Path, client, monkeypatch):
    monkeypatch.chdir(directory)
    config = load_config(".")
    return check_corpus(None, config), check_corpus(None, config, client=client)


def test_seeds_are_byte_identical_in_every_format(client, monkeypatch) -> None:
    local, dask = _both(ROOT, client, monkeypatch)
    assert local.findings, "the seeds have findings to compare"
    assert _reports(dask) == _reports(local)
    assert (dask.errors, dask.exit_code) == (local.errors, local.exit_code)


def test_generated_archive_is_byte_identical_in_every_format(client, archive,
                                                             monkeypatch) -> None:
    local, dask = _both(archive, client, monkeypatch)
    rules = {finding.rule for finding in local.findings}
    # Every stage is exercised: per-document checks, version groups, corpus rules.
    assert {"cross-source", "restatement"} <= rules
    assert any(rule not in ("cross-source", "restatement", "contradictory-qualifier")
               for rule in rules), rules
    assert {f.location.path.split("/")[1] for f in local.findings} >= {"c000", "c005"}
    assert _reports(dask) == _reports(local)
    assert (dask.errors, dask.exit_code) == (local.errors, local.exit_code)


def _factlint(*args: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factlint", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300, **kwargs)


def test_every_partition_is_checked_once(client, monkeypatch) -> None:
    """The results and the cross-document fold share the per-document tasks."""
    from distributed import get_task_stream

    from factlint.rules.dask_engine import _batches, _partitions

    monkeypatch.chdir(ROOT)
    config = load_config(".")
    plan, paths = plan_check(config), inputs_of(config)
    tasks = [(i, p, str(ROOT / p), os.path.realpath(ROOT / p)) for i, p in enumerate(paths)]
    with get_task_stream(client) as stream:
        run_dask(plan, paths, client, progress=False)
    names = [str(t["key"][0] if isinstance(t["key"], tuple) else t["key"]) for t in stream.data]
    checked = [name for name in names if "_check_partition" in name]
    # the three versions of the feature article in one batch, 003 and 004 alone
    assert len(checked) == len(_batches(plan, tasks, _partitions(len(tasks), 2))) == 3


def test_cli_on_dask_prints_what_local_prints_and_names_an_undecodable_file(
        archive, tmp_path) -> None:
    bad = archive / "copy" / "c000" / "zz_bad.txt"
    bad.write_bytes("全国7436万多名党员".encode() + b"\xff\xfe\x80 broken")
    runs = {}
    try:
        for fmt in ("sarif", "html"):  # html: the documents themselves come back too
            local = _factlint("check", "--format", fmt, cwd=archive)
            # `python -m factlint` with spawned workers: the entry point is guarded.
            dask = _factlint("check", "--format", fmt, "--engine", "dask", "--jobs", "2",
                             cwd=archive)
            runs[fmt] = local, dask
    finally:
        bad.unlink()
    for local, dask in runs.values():
        assert local.returncode == 2
        assert "copy/c000/zz_bad.txt: cannot decode" in local.stderr
        assert (dask.returncode, dask.stdout, dask.stderr) == (
            local.returncode, local.stdout, local.stderr)
    assert "c005/" in runs["html"][0].stdout


def test_cli_uses_a_running_cluster_given_its_scheduler_address(client) -> None:
    address = client.scheduler.address
    local = _factlint("check", "--format", "json", cwd=ROOT)
    dask = _factlint("check", "--format", "json", "--engine", "dask", "--scheduler", address,
                     cwd=ROOT)
    assert (dask.returncode, dask.stdout, dask.stderr) == (
        local.returncode, local.stdout, local.stderr)
    assert local.returncode == 1 and '"rule": "cross-source"' in local.stdout


def test_a_scheduler_that_does_not_answer_is_an_error_naming_it() -> None:
    done = _factlint("check", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9",
                     cwd=ROOT)
    assert done.returncode == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in done.stderr
    assert done.stdout == ""


def test_a_worker_that_dies_mid_run_is_replaced_and_the_result_is_the_same(
        archive, monkeypatch) -> None:
    monkeypatch.chdir(archive)
    config = load_config(".")
    local = check_corpus(None, config)
    with _cluster() as cluster, Client(cluster) as client:
        victim = next(iter(cluster.workers.values()))
        killed: list[int] = []
        finished = threading.Event()

        def kill_when_busy() -> None:
            while not finished.is_set() and not killed:
                if any(client.processing().values()):
                    pid = victim.process.pid
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
                time.sleep(0.01)

        watcher = threading.Thread(target=kill_when_busy)
        watcher.start()
        try:
            result = run_dask(plan_check(config), inputs_of(config), client, progress=False)
        finally:
            finished.set()
            watcher.join()
    assert killed, "the worker was killed while the cluster had work"
    assert _reports(result) == _reports(local)


def test_progress_bar_goes_to_stderr_and_the_report_alone_to_stdout(client, monkeypatch,
                                                                      capsys) -> None:
    monkeypatch.chdir(ROOT)
    config = load_config(".")
    result = run_dask(plan_check(config), inputs_of(config), client, progress=True)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "100% Completed" in captured.err
    assert result.findings == check_corpus(None, config).findings


#: CPU seconds a spawned worker has used once it is past its imports and checking.
WORKING_CPU_SECONDS = 3.0


def _worker_cpu_seconds(parent) -> float:
    """CPU time of the run's spawned worker processes (0 before there is one)."""
    import psutil

    used = 0.0
    for child in parent.children(recursive=True):
        try:
            if "spawn_main" in " ".join(child.cmdline()):
                times = child.cpu_times()
                used += times.user + times.system
        except psutil.Error:  # it ended meanwhile
            continue
    return used


def test_ctrl_c_cancels_the_run_and_exits_130(archive, tmp_path) -> None:
    psutil = pytest.importorskip("psutil")  # a dependency of distributed
    big = tmp_path / "big"
    articles = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    _archive_module().write_archive(articles, 200, big)  # 1,000 documents: minutes of work
    process = subprocess.Popen(
        [sys.executable, "-m", "factlint", "check", "big", "--sources", "big/sources.yaml",
         "--engine", "dask", "--jobs", "1"], cwd=tmp_path, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    # Interrupted once the worker is checking documents: its CPU time says so whatever the
    # machine's load (a fixed sleep could land before the cluster is up).
    parent = psutil.Process(process.pid)
    out, err = interrupt_when_ready(
        process, lambda: _worker_cpu_seconds(parent) >= WORKING_CPU_SECONDS)
    assert process.returncode == 130, err
    assert "interrupted" in err
    assert out == ""


# A corpus for what main's hostile branch added to the engine: YAML rules evaluated per
# document (rules.scope) with both of their fallbacks, a file read as Big5 (a note), a
# version group with one file in the run (a coverage warning), an undecodable file.
SCOPED_RULES = """\
- id: team-total
  type: sum
  level: error
  message: 医疗队总人数与医生、护士之和不符
  total: {pattern: "医疗队共{n}"}
  parts: [{subject: 医生}, {subject: 护士}]
- id: rescue-total
  type: sum
  level: error
  message: 救援队总人数与队员、司机之和不符
  total: {pattern: "救援队共{n}"}
  parts: [{subject: 队员}, {subject: 司机}]
- id: fleet-total
  type: sum
  level: warning
  message: 车队总数与各类车辆之和不符
  total: {pattern: "车队共{n}"}
  parts: [{subject: 医生}]
- id: team-total-anywhere
  type: sum
  level: warning
  message: 医疗队总人数与医生、护士之和不符（全库）
  scope: corpus
  total: {pattern: "医疗队共{n}"}
  parts: [{subject: 医生}, {subject: 护士}]
- id: survey-duration
  type: duration
  level: error
  message: 排查的日期、天数与小时数不一致
  range: {kind: date, near: [排查]}
  days: {unit: 天, near: [排查]}
  hours: {unit: 小时, near: [排查]}
"""

SCOPED_TEXTS = {
    "a.txt": "援鄂医疗队共1000人，其中医生400人，护士600人。",
    "b.txt": "援鄂医疗队共1100人，其中医生400人，护士700人。",
    "c.txt": "援鄂医疗队共1000人，其中医生400人，护士700人。",
    "d.txt": "武汉于2月17日至20日开展拉网式大排查，连续3天时间、72个小时排查完毕。",
    "e.txt": "救援队共50人。",
    "f.txt": "其中队员30人，司机25人。",
    "g.txt": "武汉于2月17日至19日开展拉网式大排查，连续3天时间、72个小时排查完毕。",
    # numeral usage with a proven fix; suppression comments, one of which silences nothing
    "i.txt": "今年增长3～5万人。",
    "j.txt": "今年增长3～5万人。<!-- factlint-disable-line usage-range-scale -->\n"
             "<!-- factlint-disable-next-line usage-ji-numeral -->\n没有问题。\n",
}


@pytest.fixture(scope="module")
def scoped(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("scoped")
    (out / "docs").mkdir()
    for name, text in SCOPED_TEXTS.items():
        (out / "docs" / name).write_text(text, encoding="utf-8")
    (out / "docs" / "h.txt").write_bytes(
        "臺北市政府統計，全市人口約為250萬人，較去年減少1.2萬人。".encode("big5"))
    (out / "docs" / "z.txt").write_bytes(b"\xff\xfe\x00\xd8 broken")  # undecodable
    (out / "rules.yaml").write_text(SCOPED_RULES, encoding="utf-8")
    (out / "other").mkdir()
    (out / "other" / "x.txt").write_text(SCOPED_TEXTS["g.txt"], encoding="utf-8")
    (out / "docs" / "sources.yaml").write_text(
        "files:\n  a.txt: {date: 2020-02-16, medium: web}\n"
        "  b.txt: {date: 2020-02-16, medium: web}\n"
        "  d.txt: {medium: web}\n  ../other/x.txt: {medium: web}\n"
        "groups:\n  - id: team\n    files: [a.txt, b.txt]\n"
        "  - id: lonely\n    files: [d.txt, ../other/x.txt]\n", encoding="utf-8")
    (out / ".factlint.yaml").write_text(
        "paths: [docs]\nrules: [rules.yaml]\nsources: docs/sources.yaml\n",
        encoding="utf-8")
    return out


def test_per_document_rules_warnings_and_notes_are_identical_on_dask(client, scoped,
                                                                    monkeypatch) -> None:
    local, dask = _both(scoped, client, monkeypatch)
    found = {(f.rule, f.location.path) for f in local.findings}
    assert ("team-total", "docs/c.txt") in found  # evaluated per document
    assert ("team-total", "docs/a.txt") not in found  # not a.txt's total against b's parts
    assert ("rescue-total", "rules.yaml") in found  # figures never in one document
    assert any(rule == "fleet-total" for rule, _ in found)  # the lost figure
    assert ("team-total-anywhere", "docs/a.txt") in found  # scope: corpus
    assert ("survey-duration", "docs/d.txt") in found
    assert ("survey-duration", "docs/g.txt") not in found
    assert any("read as Big5" in w for w in local.warnings)
    assert any("version group 'lonely'" in w for w in local.warnings)
    assert local.errors and local.files == len(SCOPED_TEXTS) + 1
    [usage] = [f for f in local.findings if f.rule == "usage-range-scale"]
    assert usage.location.path == "docs/i.txt" and usage.fix.safe  # proven, j.txt silenced
    assert ("unused-suppression", "docs/j.txt") in found
    assert _reports(dask) == _reports(local)
    assert (dask.warnings, dask.errors, dask.files, dask.exit_code) == (
        local.warnings, local.errors, local.files, local.exit_code)


def test_a_focused_run_is_identical_on_dask(client, scoped, monkeypatch) -> None:
    """The hook's focus and drafts travel in the plan's context to the workers."""
    from factlint.rules.engine import run_local

    monkeypatch.chdir(scoped)
    config = load_config(".")
    plan = plan_check(config, focus=["docs/c.txt", "docs/e.txt"])
    paths = inputs_of(config)
    local, dask = run_local(plan, paths), run_dask(plan, paths, client, progress=False)
    found = {(f.rule, f.location.path) for f in local.findings}
    assert ("survey-duration", "docs/d.txt") not in found  # d.txt is out of focus
    assert ("team-total", "docs/c.txt") in found
    assert _reports(dask)["text"] == _reports(local)["text"]
    assert _reports(dask) == _reports(local)
    assert (dask.warnings, dask.errors, dask.files) == (local.warnings, local.errors,
                                                         local.files)


def test_the_cross_document_keys_are_checked_in_one_task_per_worker(client, scoped,
                                                                    monkeypatch) -> None:
    """The fold is split in as many buckets as workers (by a hash that is the same in
    every process), so check_key runs on both workers, not one key after another."""
    from distributed import get_task_stream

    from factlint.rules.dask_engine import bucket_of

    monkeypatch.chdir(scoped)
    config = load_config(".")
    plan, paths = plan_check(config), inputs_of(config)
    keys = plan.cross_keys()
    assert {bucket_of(key, 2) for key in keys} == {0, 1}, keys  # both buckets have work
    with get_task_stream(client) as stream:
        result = run_dask(plan, paths, client, progress=False)
    names = [t["key"] for t in stream.data]
    checking = {name for name in names if "_check_key" in str(name)}
    assert len(checking) == 2, names
    assert _reports(result) == _reports(check_corpus(None, config))


def test_the_ledger_on_dask_reports_what_it_reports_locally(client, tmp_path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    added = _factlint("ledger", "add", "seeds/002_60e7e1aac05173a9.txt", "--ledger",
                      str(ledger), cwd=ROOT)
    assert added.returncode == 0, added.stderr
    address = client.scheduler.address
    for fmt in ("json", "html"):  # html: the published sentence of each cited figure
        local = _factlint("check", "--ledger", str(ledger), "--format", fmt, cwd=ROOT)
        dask = _factlint("check", "--ledger", str(ledger), "--format", fmt, "--engine",
                         "dask", "--scheduler", address, cwd=ROOT)
        assert (dask.returncode, dask.stdout, dask.stderr) == (
            local.returncode, local.stdout, local.stderr)
        assert "4400余名" in local.stdout and "ledger" in local.stdout
