"""The ledger of published figures: add, check against it, correct, search, export, safety."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from factlint.claims.identity import frames
from factlint.cli import main
from factlint.corpus import load_document
from factlint.ledger.claims import claims_of, lookup_key
from factlint.ledger.store import APPLICATION_ID, Ledger, LedgerError, LedgerLocked
from factlint.model import AMOUNT_KINDS

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CLEAN = "002_60e7e1aac05173a9.txt"  # Xinhua's clean copy: 400余名市属高校教职员工
WEB = "001_c171a1427bcab795.txt"  # the web transcription: 4400余名 (a typo)
DONATION = "004_e121854575d370ac.txt"  # 截至3月10日，全国已有7436万多名党员自愿捐款
LEDGER = Path(".factlint") / "ledger.sqlite"


@pytest.fixture
def work(tmp_path, monkeypatch):
    """A folder with the seeds and their sources file; the working directory."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*argv: str) -> int:
    return main(list(argv))


def add_clean_copy() -> None:
    assert run("ledger", "add", f"seeds/{CLEAN}", "--sources", "seeds/sources.yaml") == 0


def test_add_002_then_check_001_finds_4400_against_the_published_400(work, capsys):
    add_clean_copy()
    out = capsys.readouterr().out
    assert f"seeds/{CLEAN}: 31 claims, published 2020-02-16 (新华社)" in out
    assert run("check", f"seeds/{WEB}", "--sources", "seeds/sources.yaml", "--ledger",
               "--disable", "cross-source", "--format", "json") == 1
    report = json.loads(capsys.readouterr().out)
    [finding] = [f for f in report["findings"] if f["rule"] == "ledger"]
    assert (finding["path"], finding["line"], finding["column"]) == (f"seeds/{WEB}", 53, 96)
    assert finding["text"] == "4400余名"
    assert finding["message"] == (
        "4400余名 (4400–4500 名) disagrees with the published figure: "
        f"已于2020-02-16在seeds/{CLEAN}（新华社）发布为400余名 (400–500 名)")
    [related] = finding["related"]
    assert (related["path"], related["line"], related["column"], related["text"]) == (
        f"seeds/{CLEAN}", 35, 99, "400余名")
    assert report["summary"]["by_rule"]["ledger"]["total"] == 1


def test_the_published_copy_checked_against_itself_is_clean(work, capsys):
    add_clean_copy()
    capsys.readouterr()
    assert run("check", f"seeds/{CLEAN}", "--sources", "seeds/sources.yaml", "--ledger") == 0
    assert "no findings" in capsys.readouterr().out


def _draft(work: Path, text: str, date: str) -> str:
    (work / "drafts").mkdir(exist_ok=True)
    (work / "drafts" / "draft.txt").write_text(text, encoding="utf-8")
    (work / "drafts" / "sources.yaml").write_text(
        f"files:\n  draft.txt:\n    date: {date}\n    medium: web\n", encoding="utf-8")
    return "drafts/draft.txt"


def _ledger_findings(capsys, draft: str) -> list[dict]:
    code = run("check", draft, "--sources", "drafts/sources.yaml", "--ledger", "--format", "json")
    report = json.loads(capsys.readouterr().out)
    findings = [f for f in report["findings"] if f["rule"] == "ledger"]
    assert code == (1 if findings else 0)
    return findings


def test_next_weeks_story_is_flagged_against_last_weeks_figure(work, capsys):
    assert run("ledger", "add", f"seeds/{DONATION}", "--published", "2020-03-10") == 0
    draft = _draft(work, "据统计，截至3月10日，全国已有7000万名党员自愿捐款，共捐款76.8亿元。\n",
                   "2020-03-17")
    capsys.readouterr()
    [finding] = _ledger_findings(capsys, draft)
    assert finding["text"] == "7000万名"
    assert (f"已于2020-03-10在seeds/{DONATION}发布为7436万多名 (74360000–74370000 名)"
            in finding["message"])


def test_a_running_total_of_a_later_date_is_not_a_conflict(work, capsys):
    assert run("ledger", "add", f"seeds/{DONATION}", "--published", "2020-03-10") == 0
    draft = _draft(work, "据统计，截至3月17日，全国已有7800万名党员自愿捐款，共捐款83.6亿元。\n",
                   "2020-03-17")
    capsys.readouterr()
    assert _ledger_findings(capsys, draft) == []


def test_agreeing_and_unrelated_figures_are_not_flagged(work, capsys):
    assert run("ledger", "add", f"seeds/{DONATION}", "--published", "2020-03-10") == 0
    draft = _draft(work, "据统计，截至3月10日，全国已有7436万名党员自愿捐款，共捐款76.8亿元。"
                   "该社区有4户居民接受社区建议。\n", "2020-03-12")
    capsys.readouterr()
    assert _ledger_findings(capsys, draft) == []


def test_re_adding_a_document_replaces_its_claims(work, capsys):
    add_clean_copy()
    add_clean_copy()
    with Ledger.open(str(LEDGER)) as ledger:
        assert ledger.count() == (1, 31)
    assert "1 document, 31 claims" in capsys.readouterr().out


def test_a_failing_re_add_leaves_the_ledger_as_it_was(work, monkeypatch):
    add_clean_copy()
    import factlint.ledger.store as store

    def broken(document_id, claim):
        raise RuntimeError("disk full")

    text = (work / "seeds" / CLEAN).read_text(encoding="utf-8")
    with monkeypatch.context() as patch:
        patch.setattr(store, "_claim_row", broken)
        with Ledger.open(str(LEDGER)) as ledger, pytest.raises(RuntimeError):
            ledger.add(load_document(f"seeds/{CLEAN}", text, year=2020),
                       published="2020-02-17")
    with Ledger.open(str(LEDGER)) as ledger:
        assert ledger.count() == (1, 31)
        assert {c.published for c in ledger.claims()} == {"2020-02-16"}


def _claim_id(text: str, subject: str = "市属高校教职员工") -> int:
    with Ledger.open(str(LEDGER)) as ledger:
        [claim] = [c for c in ledger.search(text)
                   if c.quantity.text == text and c.quantity.subject == subject]
        return claim.id


def test_a_correction_keeps_the_original_and_is_used_by_checks(work, capsys):
    add_clean_copy()
    claim_id = _claim_id("400余名")
    assert run("ledger", "correct", str(claim_id), "--value", "4400余名", "--reason",
               "核实为4400余名", "--date", "2020-02-18") == 0
    assert run("ledger", "correct", str(claim_id), "--value", "5000余名", "--reason",
               "再次核实", "--date", "2020-02-19") == 0
    capsys.readouterr()
    assert run("ledger", "export", "--format", "json") == 0
    [row] = [r for r in json.loads(capsys.readouterr().out) if r["id"] == claim_id]
    assert (row["text"], row["lo"], row["hi"]) == ("400余名", "400", "500")  # the original
    assert (row["current_text"], row["current_lo"]) == ("5000余名", "5000")
    assert (row["key"], row["what"], row["measure"], row["statistic"]) == (
        "人|total|2020-02-16", "市属高校教职员工", "人", "value")
    assert row["claim"].endswith("市属高校教职员工·人·数值")
    first, second = row["corrections"]
    assert (first["text"], first["previous"], first["reason"]) == (
        "4400余名", None, "核实为4400余名")
    assert (second["text"], second["previous"]) == ("5000余名", first["id"])
    # 001's 4400余名 now disagrees with the corrected 5000余名, and the message says so.
    assert run("check", f"seeds/{WEB}", "--sources", "seeds/sources.yaml", "--ledger",
               "--disable", "cross-source") == 1
    out = capsys.readouterr().out
    assert ("，2020-02-18更正为4400余名（核实为4400余名），"
            "2020-02-19更正为5000余名（再次核实）") in out


def test_corrections_survive_re_adding_the_document(work, capsys):
    add_clean_copy()
    claim_id = _claim_id("400余名")
    assert run("ledger", "correct", str(claim_id), "--value", "4400余名",
               "--reason", "核实") == 0
    add_clean_copy()
    with Ledger.open(str(LEDGER)) as ledger:
        [claim] = [c for c in ledger.search("400余名") if c.quantity.text == "400余名"
                   and c.quantity.subject == "市属高校教职员工"]
    assert [k.text for k in claim.corrections] == ["4400余名"]


def test_a_correction_must_be_one_figure_of_the_same_kind_and_unit(work, capsys):
    add_clean_copy()
    claim_id = _claim_id("400余名")
    capsys.readouterr()
    assert run("ledger", "correct", str(claim_id), "--value", "没有数字", "--reason", "x") == 2
    assert "expected one figure with its unit" in capsys.readouterr().err
    assert run("ledger", "correct", str(claim_id), "--value", "400余元", "--reason", "x") == 2
    assert "is a count in 名" in capsys.readouterr().err
    assert run("ledger", "correct", "99999", "--value", "400名", "--reason", "x") == 2
    assert "no claim 99999" in capsys.readouterr().err


def test_search_and_csv_export(work, capsys):
    add_clean_copy()
    capsys.readouterr()
    assert run("ledger", "search", "市属高校") == 0
    out = capsys.readouterr().out
    assert f"seeds/{CLEAN}:35:99" in out and "400余名" in out and "市属高校教职员工" in out
    assert run("ledger", "search", "没有这样的话") == 1
    capsys.readouterr()
    assert run("ledger", "export", "--format", "csv", "-o", "claims.csv") == 0
    lines = (work / "claims.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,key,path,line,column")
    assert len(lines) == 32
    assert run("ledger", "export", "--format", "csv") == 0
    assert capsys.readouterr().out.splitlines() == lines  # the same bytes either way


def test_text_is_stored_and_searched_as_data_never_as_sql(work, capsys):
    evil = "x' OR '1'='1\" -- DROP TABLE claims"
    (work / "evil.txt").write_text(f"{evil}全国已有7436万多名党员自愿捐款。\n", encoding="utf-8")
    assert run("ledger", "add", "evil.txt", "--published", "2020-03-10",
               "--source", "o'hara \"quoted\"") == 0
    with Ledger.open(str(LEDGER)) as ledger:
        assert [c.source for c in ledger.search("'1'='1\"")] == ["o'hara \"quoted\""]
        assert ledger.search("%") == [] and ledger.search("_") == []  # wildcards are literal
        assert ledger.count()[1] == 1


def test_the_ledger_is_in_wal_mode_and_marked_as_factlint(work):
    add_clean_copy()
    with sqlite3.connect(LEDGER) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_a_second_writer_gets_a_clear_message_when_the_lock_times_out(work, capsys):
    add_clean_copy()
    holder = sqlite3.connect(LEDGER, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another factlint in the middle of an add
    try:
        text = (work / "seeds" / CLEAN).read_text(encoding="utf-8")
        with Ledger.open(str(LEDGER), timeout=0.2) as ledger:
            assert ledger.count() == (1, 31)  # readers do not wait (WAL)
            with pytest.raises(LedgerLocked, match="another factlint is writing to it; gave up "
                                                   "after 0.2 s"):
                ledger.add(load_document(f"seeds/{CLEAN}", text, year=2020),
                           published="2020-02-16")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.mark.parametrize("content", [
    b"this is a text file, not a database\n",
    b"SQLite format 3\x00" + b"\x00" * 84 + b"garbage" * 200,
])
def test_a_damaged_or_foreign_file_is_refused_and_left_untouched(work, capsys, content):
    LEDGER.parent.mkdir()
    LEDGER.write_bytes(content)
    assert run("ledger", "add", f"seeds/{CLEAN}", "--published", "2020-02-16") == 2
    err = capsys.readouterr().err
    assert err.startswith(f"factlint: ledger {LEDGER}: ")
    assert LEDGER.read_bytes() == content
    assert run("check", f"seeds/{WEB}", "--ledger") == 2
    assert LEDGER.read_bytes() == content


def test_another_programs_sqlite_database_is_refused_and_left_untouched(work, capsys):
    LEDGER.parent.mkdir()
    with sqlite3.connect(LEDGER) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total TEXT)")
    before = LEDGER.read_bytes()
    assert run("ledger", "add", f"seeds/{CLEAN}", "--published", "2020-02-16") == 2
    assert "is not a factlint ledger (it holds other tables: invoices)" in capsys.readouterr().err
    assert LEDGER.read_bytes() == before


def test_a_ledger_of_a_newer_schema_is_refused(work, capsys):
    add_clean_copy()
    with sqlite3.connect(LEDGER) as connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    capsys.readouterr()
    assert run("ledger", "search", "400") == 2
    assert "made by a newer factlint (schema 99" in capsys.readouterr().err


def test_a_missing_ledger_is_an_error_for_check_and_search(work, capsys):
    assert run("check", f"seeds/{WEB}", "--ledger") == 2
    assert "no such file" in capsys.readouterr().err
    assert not LEDGER.exists()


def test_add_needs_a_publication_date(work, capsys):
    (work / "loose.txt").write_text("全国已有7436万多名党员自愿捐款。\n", encoding="utf-8")
    assert run("ledger", "add", "loose.txt") == 2
    assert "loose.txt: no publication date" in capsys.readouterr().err
    assert run("ledger", "add", "loose.txt", "--published", "2020-13-01") == 2


def test_config_names_the_ledger(work, capsys):
    (work / ".factlint.yaml").write_text(
        "paths: [seeds]\nsources: seeds/sources.yaml\nledger: published.sqlite\n",
        encoding="utf-8")
    add_clean_copy()
    assert (work / "published.sqlite").exists() and not LEDGER.exists()
    capsys.readouterr()
    assert run("check", "--disable", "cross-source", "--format", "json") == 1
    report = json.loads(capsys.readouterr().out)
    assert [f["text"] for f in report["findings"] if f["rule"] == "ledger"] == ["4400余名"]


def test_a_claim_is_kept_under_its_claim_key_and_looked_up_by_measure_head_and_time():
    text = (SEEDS / CLEAN).read_text(encoding="utf-8")
    document = load_document("x", text, year=2020)
    claims = {c.quantity.text: c for c in claims_of(document, "2020-02-16")}
    clean = claims["400余名"]
    assert (clean.claim.what, clean.claim.measure, clean.claim.statistic) == (
        "市属高校教职员工", "人", "value")
    assert clean.key == "人|total|2020-02-16"  # 名/人/位: one measure; a value is a total
    assert clean.key == lookup_key(clean.claim, "2020-02-16")
    assert clean.sentence.startswith("湖北武汉选派市直机关干部6000余名")
    # The claims are exactly the figures claim identity gives a key: a date, a figure with
    # no unit or nothing counted is none.
    keyed = [f for f in frames(document) if f.key is not None]
    assert [c.quantity for c in claims_of(document, "2020-02-16")] == [
        document.quantities[f.index] for f in keyed]
    assert [c.claim for c in claims_of(document, "2020-02-16")] == [f.key for f in keyed]
    dates = load_document("d", "1月23日，几口水。", year=2020)
    assert list(claims_of(dates, "2020")) == []


def test_open_refuses_a_folder(work):
    LEDGER.mkdir(parents=True)
    with pytest.raises(LedgerError, match="is a folder"):
        Ledger.open(str(LEDGER), create=True)


V1_LEDGER = Path(__file__).resolve().parent / "data" / "ledger-v1.sqlite"


def test_a_version_1_ledger_is_migrated_in_place_to_claim_identity(work, capsys):
    # tests/data/ledger-v1.sqlite was made by factlint 76b058f (schema 1, the provisional
    # key): 002 added from the seeds' sources file, its 400余名市属高校教职员工 (claim 14)
    # corrected to 450余名 on 2020-02-18.
    LEDGER.parent.mkdir()
    shutil.copy(V1_LEDGER, LEDGER)
    with sqlite3.connect(LEDGER) as connection:
        assert connection.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("1",)
        assert connection.execute("SELECT claim_key FROM claims WHERE id = 14").fetchone() == (
            "count|人|市属高校|2020-02-16",)
    with Ledger.open(str(LEDGER)) as ledger:
        assert ledger.count() == (1, 35)  # nothing lost, not even claims identity rejects
        claims = {c.id: c for c in ledger.claims()}
    with sqlite3.connect(LEDGER) as connection:
        assert connection.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("2",)
    migrated = claims[14]
    assert (migrated.key, migrated.claim.what, migrated.claim.measure) == (
        "人|total|2020-02-16", "市属高校教职员工", "人")
    assert [k.text for k in migrated.corrections] == ["450余名"]
    # Every claim claim identity reads in its sentence is re-keyed as a fresh add keys it.
    text = (work / "seeds" / CLEAN).read_text(encoding="utf-8")
    fresh = {(c.quantity.span.line, c.quantity.span.column): c
             for c in claims_of(load_document(f"seeds/{CLEAN}", text, year=2020), "2020-02-16")}
    rekeyed = [c for c in claims.values() if c.claim is not None]
    assert len(rekeyed) >= len(fresh) - 2
    for claim in rekeyed:
        place = (claim.quantity.span.line, claim.quantity.span.column)
        if place in fresh:
            assert (claim.key, claim.claim.what) == (fresh[place].key, fresh[place].claim.what)
    # The rest keep their version 1 key, which no lookup asks for.
    v1_keys = {"count|人|市属高校|2020-02-16"}
    v1_keys |= {c.key for c in claims.values() if c.claim is None}
    assert all(key.count("|") == 3 and key.split("|")[0] in AMOUNT_KINDS for key in v1_keys)
    assert not v1_keys & {c.key for c in fresh.values()}
    # And the migrated ledger does its job: 001's 4400余名 against the corrected figure.
    capsys.readouterr()
    assert run("check", f"seeds/{WEB}", "--sources", "seeds/sources.yaml", "--ledger",
               "--disable", "cross-source") == 1
    assert "发布为400余名 (400–500 名)，2020-02-18更正为450余名（核实）" in capsys.readouterr().out


def test_a_further_migration_applies_after_version_2(work, monkeypatch):
    add_clean_copy()
    import sqlalchemy as sa

    import factlint.ledger.store as store

    def add_reviewer(connection) -> None:  # what a third migration might do
        connection.execute(sa.text("ALTER TABLE documents ADD COLUMN reviewer TEXT"))

    monkeypatch.setattr(store, "MIGRATIONS", (*store.MIGRATIONS, (3, add_reviewer)))
    monkeypatch.setattr(store, "SCHEMA_VERSION", 3)
    with Ledger.open(str(LEDGER)) as ledger:
        assert ledger.count() == (1, 31)  # nothing lost
    with sqlite3.connect(LEDGER) as connection:
        assert connection.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("3",)
        columns = [row[1] for row in connection.execute("PRAGMA table_info(documents)")]
    assert "reviewer" in columns


def test_a_database_url_that_cannot_be_reached_is_an_error_without_the_password(work, capsys):
    url = "postgresql+psycopg://editor:s3cret@127.0.0.1:1/newsroom?connect_timeout=2"
    assert run("check", f"seeds/{WEB}", "--ledger", url) == 2
    err = capsys.readouterr().err
    assert err.startswith("ledger postgresql+psycopg://editor:***@127.0.0.1:1/newsroom")
    assert "s3cret" not in err


def test_the_config_may_set_the_ledger_checks_level_in_a_run_without_a_ledger(work, capsys):
    (work / ".factlint.yaml").write_text(
        "paths: [seeds]\nsources: seeds/sources.yaml\nlevels: {ledger: warning}\n",
        encoding="utf-8")
    assert run("check", "--format", "json") == 1  # the seeds' own findings; no config error
    add_clean_copy()
    capsys.readouterr()
    assert run("check", "--ledger", "--disable", "cross-source", "--format", "json") == 0
    report = json.loads(capsys.readouterr().out)
    assert [(f["level"], f["text"]) for f in report["findings"] if f["rule"] == "ledger"] == [
        ("warning", "4400余名")]


def test_the_pre_commit_hook_checks_staged_drafts_against_the_configured_ledger(work, capsys):
    from factlint.integrations.hook import main as hook

    add_clean_copy()
    (work / ".factlint.yaml").write_text(
        "sources: seeds/sources.yaml\nledger: .factlint/ledger.sqlite\n"
        "disable: [cross-source]\n", encoding="utf-8")
    capsys.readouterr()
    assert hook([f"seeds/{WEB}"]) == 1
    out = capsys.readouterr().out
    assert "error ledger 4400余名" in out and "已于2020-02-16" in out


def test_a_published_file_edited_since_is_checked_against_what_was_published(work, capsys):
    add_clean_copy()
    edited = work / "seeds" / CLEAN
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("市属高校教职员工400余名", "市属高校教职员工4400余名"),
                      encoding="utf-8")
    capsys.readouterr()
    assert run("check", f"seeds/{CLEAN}", "--sources", "seeds/sources.yaml", "--ledger",
               "--format", "json") == 1
    [finding] = json.loads(capsys.readouterr().out)["findings"]
    assert finding["text"] == "4400余名" and f"在seeds/{CLEAN}（新华社）发布为400余名" in finding[
        "message"]


def test_figures_of_one_key_are_one_claim_only_when_all_can_be_true_together():
    from factlint import parse
    from factlint.ledger.check import consistent

    assert consistent([parse("400余名"), parse("近500名"), parse("450名")])
    assert not consistent([parse("400余名"), parse("4400余名"), parse("450名")])
    # 半年 and 1年 meet in one point only: not one claim (news-dev traditional/0273.txt).
    assert not consistent([parse("半年"), parse("1年")])
    assert not consistent([parse("1年"), parse("半年")])


def test_versions_of_one_short_sentence_are_one_claim(work, capsys):
    # The figure starts its clause, so no word stands before it to compare: the sentences,
    # alike but for the figure, say it is one claim.
    (work / "published.txt").write_text("截至目前，1489个县开展电子商务进农村综合示范。\n",
                                        encoding="utf-8")
    assert run("ledger", "add", "published.txt", "--published", "2025-01-11") == 0
    draft = _draft(work, "截至目前，1589个县开展电子商务进农村综合示范。\n", "2025-01-11")
    capsys.readouterr()
    [finding] = _ledger_findings(capsys, draft)
    assert finding["text"] == "1589个" and "发布为1489个" in finding["message"]


@pytest.mark.parametrize(("published", "draft"), [
    # Another scope: 澳门 and 香港 (the provisional key, subject 确诊病例 and sentences
    # alike but for the figure, took them for one claim).
    ("截至3月10日，澳门累计报告确诊病例10宗。\n", "截至3月10日，香港累计报告确诊病例41宗。\n"),
    # Another time: 去年 and 今年.
    ("去年全市接待国内游客1200万人次，旅游收入大幅增长。\n",
     "今年全市接待国内游客1500万人次，旅游收入大幅增长。\n"),
    # Another statistic: an increase is not the total.
    ("全市粮食产量增长300万吨，创历史新高。\n", "全市粮食产量达3000万吨，创历史新高。\n"),
])
def test_claim_identity_keeps_other_scopes_times_and_statistics_apart(work, capsys, published,
                                                                      draft):
    (work / "published.txt").write_text(published, encoding="utf-8")
    assert run("ledger", "add", "published.txt", "--published", "2020-03-10") == 0
    path = _draft(work, draft, "2020-03-10")
    capsys.readouterr()
    assert _ledger_findings(capsys, path) == []


def test_the_same_scope_time_and_statistic_with_another_figure_is_flagged(work, capsys):
    (work / "published.txt").write_text("截至3月10日，澳门累计报告确诊病例10宗。\n",
                                        encoding="utf-8")
    assert run("ledger", "add", "published.txt", "--published", "2020-03-10") == 0
    path = _draft(work, "截至3月10日，澳门累计报告确诊病例16宗。\n", "2020-03-10")
    capsys.readouterr()
    [finding] = _ledger_findings(capsys, path)
    assert finding["text"] == "16宗" and "发布为10宗" in finding["message"]


def test_parallel_sentences_of_a_published_file_checked_again_are_not_a_conflict(work, capsys):
    # news-dev simplified/0749.txt: two sentences alike but for the places and the figure.
    (work / "fares.txt").write_text(
        "漳州、桂林两城市的出租车燃油附加费将下调至1元。福州、厦门两城市的出租车燃油附加费将下调至2元。\n",
        encoding="utf-8")
    assert run("ledger", "add", "fares.txt", "--published", "2012-07-18") == 0
    capsys.readouterr()
    assert run("check", "fares.txt", "--ledger", "--format", "json") == 0


def test_two_figures_of_one_sentence_are_two_claims_in_another_copy(work, capsys):
    published = "截至目前，全省共认定省级非遗代表性项目371种，其中传统技艺187种。\n"
    (work / "published.txt").write_text(published, encoding="utf-8")
    assert run("ledger", "add", "published.txt", "--published", "2022-10-02") == 0
    path = _draft(work, published, "2022-10-02")  # the same text as another document
    capsys.readouterr()
    assert _ledger_findings(capsys, path) == []
    path = _draft(work, published.replace("187种", "287种"), "2022-10-02")
    [finding] = _ledger_findings(capsys, path)
    assert finding["text"] == "287种" and "发布为187种" in finding["message"]
