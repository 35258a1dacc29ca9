"""``factlint check --engine dask --scheduler ADDRESS`` on a cluster started as a user starts
one: ``dask scheduler`` and two ``dask worker`` processes, in a directory that is not the
client's, so that nothing the workers resolve may lean on the client's working directory.

The reports must be byte-identical to ``--engine local``: on the seeds (run from the
repository) and on a generated archive given by relative paths, whose sources file names
its files and version groups relative to itself and dates some of them (a dateline year
changes what usage-year-full says), with a ledger (looked up on the client).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="Dask is not installed: pip install 'factlint[dask]'")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DASK = shutil.which("dask", path=os.path.dirname(sys.executable)) or shutil.which("dask")

# 08年前 is read against the story's year: from the sources file's date when it has one.
DATED = {
    "dated/a.txt": ("2012-05-01", "他08年前来到武汉，如今已是第十个年头。\n"),
    "dated/b.txt": ("1999-05-01", "他08年前来到武汉，如今已是第十个年头。\n"),
}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _archive_module():
    spec = importlib.util.spec_from_file_location("archive", ROOT / "bench" / "archive.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    """The address of a running scheduler with two workers, all started in their own
    directory; they are stopped at the end."""
    if DASK is None:
        pytest.skip("the dask command (installed with distributed) is not on PATH")
    try:
        port = _free_port()
    except OSError as exc:
        pytest.skip(f"cannot bind a port on 127.0.0.1 for the scheduler: {exc}")
    elsewhere = tmp_path_factory.mktemp("cluster-cwd")
    address = f"tcp://127.0.0.1:{port}"
    log = open(elsewhere / "cluster.log", "w")  # noqa: SIM115 (closed below)
    processes = [subprocess.Popen(
        [DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port),
         "--dashboard-address", ":0"], cwd=elsewhere, stdout=log, stderr=subprocess.STDOUT)]
    try:
        for _ in range(2):
            processes.append(subprocess.Popen(
                [DASK, "worker", address, "--nthreads", "1", "--dashboard-address", ":0",
                 "--local-directory", str(elsewhere)],
                cwd=elsewhere, stdout=log, stderr=subprocess.STDOUT))
        from distributed import Client

        deadline = time.monotonic() + 90
        while True:
            if processes[0].poll() is not None:
                log.flush()
                text = (elsewhere / "cluster.log").read_text(errors="replace")
                if "address already in use" in text.lower():
                    pytest.skip(f"cannot bind port {port} for the scheduler")
                pytest.fail(f"dask scheduler exited: {text[-2000:]}")
            try:
                with Client(address, timeout=5) as client:
                    client.wait_for_workers(2, timeout=max(1, deadline - time.monotonic()))
                break
            except (OSError, TimeoutError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in reversed(processes):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()


def _factlint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factlint", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def _same(cwd: Path, address: str, *args: str) -> subprocess.CompletedProcess:
    local = _factlint("check", *args, cwd=cwd)
    dask = _factlint("check", *args, "--engine", "dask", "--scheduler", address, cwd=cwd)
    assert (dask.returncode, dask.stdout, dask.stderr) == (
        local.returncode, local.stdout, local.stderr)
    return local


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_seeds_on_a_cluster_started_elsewhere_are_byte_identical(scheduler, fmt) -> None:
    local = _same(ROOT, scheduler, "--format", fmt)
    assert local.returncode == 1 and "cross-source" in local.stdout  # 001's 4400余名


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """Seeds ×4 with mutated digits and version groups, plus two dated stories, under
    ``work/``; the sources file lives in ``work/copy`` and names files relative to it."""
    work = tmp_path_factory.mktemp("work")
    articles = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    sources = _archive_module().write_archive(articles, 4, work / "copy")
    # The seeds' dateline day, so that the ledger's published 002 is of the same day.
    dated = sources.read_text(encoding="utf-8").replace("{medium:", "{date: 2020-02-16, medium:")
    entries = dated.replace("files:\n", "files:\n" + "".join(
        f"  {name}: {{date: {date}, medium: web}}\n" for name, (date, _) in DATED.items()), 1)
    sources.write_text(entries, encoding="utf-8")
    for name, (_, text) in DATED.items():
        (work / "copy" / name).parent.mkdir(parents=True, exist_ok=True)
        (work / "copy" / name).write_text(text, encoding="utf-8")
    return work


@pytest.mark.parametrize("sources", ["relative", "absolute"])
def test_a_relative_archive_on_a_cluster_started_elsewhere_is_byte_identical(
        scheduler, archive, sources) -> None:
    # An absolute sources file names its files absolutely, the run's files are relative:
    # they meet by resolved path, which a worker elsewhere must not work out from its own
    # working directory.
    where = "copy/sources.yaml" if sources == "relative" else str(archive / "copy/sources.yaml")
    args = ("copy", "--sources", where, "--rules", str(ROOT / "rules"), "--format", "json")
    local = _same(archive, scheduler, *args)
    assert '"rule": "cross-source"' in local.stdout
    assert "copy/c003/" in local.stdout  # every copy is checked, not only the first
    # The dateline year of each story came from the sources file, on the worker too.
    assert "the story is dated 2012" in local.stdout
    assert "the story is dated 1999" in local.stdout


def test_the_ledger_is_looked_up_on_the_client_with_a_remote_cluster(scheduler, archive,
                                                                      tmp_path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    added = _factlint("ledger", "add", str(SEEDS / "002_60e7e1aac05173a9.txt"), "--sources",
                      str(SEEDS / "sources.yaml"), "--ledger", str(ledger), cwd=archive)
    assert added.returncode == 0, added.stderr
    local = _same(archive, scheduler, "copy", "--sources", "copy/sources.yaml", "--ledger",
                  str(ledger), "--format", "json")
    assert '"rule": "ledger"' in local.stdout
