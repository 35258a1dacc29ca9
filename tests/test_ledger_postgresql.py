"""The ledger on PostgreSQL: a throwaway server started for these tests.

Needs Debian's postgresql package (initdb, pg_ctl) and the ``postgresql`` extra
(psycopg).  The server listens on a Unix socket in a temporary folder only, runs as
the ``postgres`` user when the tests run as root, and is stopped afterwards.  Every
test is skipped, saying why, when a server cannot be started here.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from factlint.cli import main
from factlint.corpus import load_document
from factlint.ledger.store import Ledger, LedgerError, LedgerLocked

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CLEAN = "002_60e7e1aac05173a9.txt"
WEB = "001_c171a1427bcab795.txt"


def _tool(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    runuser = shutil.which("runuser")
    if runuser is None:
        pytest.skip("running as root without runuser: cannot start PostgreSQL as postgres")
    return [runuser, "-u", "postgres", "--", *command]


@pytest.fixture(scope="module")
def server():
    """(folder, socket folder) of a running throwaway PostgreSQL server."""
    pytest.importorskip("psycopg", reason="the postgresql extra (psycopg) is not installed")
    initdb, pg_ctl = _tool("initdb"), _tool("pg_ctl")
    if initdb is None or pg_ctl is None:
        pytest.skip("PostgreSQL server programs not found (apt-get install postgresql)")
    folder = tempfile.mkdtemp(prefix="factlint-pg-")
    os.chmod(folder, 0o755)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data = os.path.join(folder, "data")
    log = os.path.join(folder, "server.log")
    started = False
    try:
        done = subprocess.run(_as_server_user([initdb, "-D", data, "-U", "factlint",
                                               "--auth=trust", "-E", "UTF8", "--no-locale"]),
                              capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            pytest.skip(f"initdb failed: {done.stderr.strip()[-300:]}")
        done = subprocess.run(_as_server_user([
            pg_ctl, "-D", data, "-l", log, "-w", "-t", "60", "-o",
            f"-k {folder} -c listen_addresses='' -c fsync=off", "start"]),
            capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            pytest.skip(f"PostgreSQL did not start: {done.stderr.strip()[-300:]}")
        started = True
        yield folder
    finally:
        if started:
            subprocess.run(_as_server_user([pg_ctl, "-D", data, "-m", "fast", "stop"]),
                           capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


def _database(server: str, name: str) -> str:
    import psycopg

    with psycopg.connect(host=server, user="factlint", dbname="postgres",
                         autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')  # a fixed test name
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://factlint@/{name}?host={server}"


@pytest.fixture
def url(server, request):
    return _database(server, request.node.name.lower().replace("[", "_").strip("]")[:60])


@pytest.fixture
def work(tmp_path, monkeypatch):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_add_002_check_001_against_a_shared_postgresql_ledger(work, url, capsys):
    for _ in range(2):  # re-adding replaces
        assert main(["ledger", "add", f"seeds/{CLEAN}", "--sources", "seeds/sources.yaml",
                     "--ledger", url]) == 0
    assert "1 document, 31 claims" in capsys.readouterr().out
    assert main(["check", f"seeds/{WEB}", "--sources", "seeds/sources.yaml", "--ledger", url,
                 "--disable", "cross-source", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    [finding] = [f for f in report["findings"] if f["rule"] == "ledger"]
    assert finding["text"] == "4400余名"
    assert f"已于2020-02-16在seeds/{CLEAN}（新华社）发布为400余名" in finding["message"]


def test_corrections_search_and_export_on_postgresql(work, url, capsys):
    assert main(["ledger", "add", f"seeds/{CLEAN}", "--sources", "seeds/sources.yaml",
                 "--ledger", url]) == 0
    with Ledger.open(url) as ledger:
        [claim] = [c for c in ledger.search("市属高校") if c.quantity.text == "400余名"]
    assert main(["ledger", "correct", str(claim.id), "--value", "4400余名", "--reason", "核实",
                 "--date", "2020-02-18", "--ledger", url]) == 0
    capsys.readouterr()
    assert main(["ledger", "export", "--format", "json", "--ledger", url]) == 0
    [row] = [r for r in json.loads(capsys.readouterr().out) if r["id"] == claim.id]
    assert (row["text"], row["current_text"]) == ("400余名", "4400余名")
    assert main(["check", f"seeds/{WEB}", "--sources", "seeds/sources.yaml", "--ledger", url,
                 "--disable", "cross-source"]) == 0  # it agrees with the correction


def test_one_writer_at_a_time_on_postgresql(work, url):
    import psycopg

    from factlint.ledger.store import APPLICATION_ID

    text = (work / "seeds" / CLEAN).read_text(encoding="utf-8")
    document = load_document(f"seeds/{CLEAN}", text, year=2020)
    with Ledger.open(url, timeout=0.3) as ledger:
        from sqlalchemy.engine import make_url

        parts = make_url(url)
        with psycopg.connect(host=parts.query["host"], user="factlint",
                             dbname=parts.database) as other:
            other.execute("SELECT pg_advisory_xact_lock(%s)", (APPLICATION_ID,))
            with pytest.raises(LedgerLocked, match="another factlint is writing to it"):
                ledger.add(document, published="2020-02-16")
        assert ledger.add(document, published="2020-02-16") == 31  # free again


def test_a_database_of_another_program_is_refused(server):
    import psycopg

    url = _database(server, "someone_elses")
    with psycopg.connect(host=server, user="factlint", dbname="someone_elses",
                         autocommit=True) as connection:
        connection.execute("CREATE TABLE invoices (id serial PRIMARY KEY)")
    with pytest.raises(LedgerError, match="not a factlint ledger .*invoices"):
        Ledger.open(url)
    with psycopg.connect(host=server, user="factlint", dbname="someone_elses") as connection:
        names = [r[0] for r in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
    assert names == ["invoices"]
