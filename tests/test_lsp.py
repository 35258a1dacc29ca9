"""factlint's language server, end to end: a real LSP client (pytest-lsp) over stdio.

The sentences are shortened from seeds/004 (全国7436万多名党员捐款, Xinhua) and
news-dev simplified copy; the workspace is built in a temporary folder.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from factlint.integrations.lsp import (
    diagnostics_for,
    from_utf16,
    lsp_range,
    split_lines,
    to_utf16,
)
from factlint.model import Finding, Location

pytest.importorskip("pygls", reason="pygls is not installed (pip install 'factlint[lsp]')")
pytest_lsp = pytest.importorskip("pytest_lsp", reason="pytest-lsp is not installed")
pytest_asyncio = pytest.importorskip("pytest_asyncio")
from lsprotocol import types  # noqa: E402

HEADLINE = "全国7436万多名党员自愿捐款"
BODY = "据统计，截至3月9日，全国已有7346万多名党员自愿捐款，共捐款76.8亿元。"
FIXED_BODY = BODY.replace("7346", "7436")


# ------------------------------------------------------------------ positions

def test_utf16_columns_count_astral_characters_twice_and_cjk_once() -> None:
    line = "𠀀😀中文7436万多名"  # two astral characters, then CJK
    assert to_utf16(line, 1) == 0
    assert to_utf16(line, 2) == 2 and to_utf16(line, 3) == 4
    assert to_utf16(line, 5) == 6  # the figure: code point 5, UTF-16 unit 6
    assert [from_utf16(line, u) for u in (0, 2, 4, 5, 6)] == [1, 2, 3, 4, 5]
    assert from_utf16(line, 99) == len(line) + 1
    for column in range(1, len(line) + 2):
        assert from_utf16(line, to_utf16(line, column)) == column


def test_lines_split_as_factlint_counts_them() -> None:
    assert split_lines("a\r\nb\rc\nd\u2028e") == ["a", "b", "c", "d\u2028e"]


def test_a_finding_becomes_a_diagnostic_with_utf16_range_and_related_place() -> None:
    text = "𠀀标题7436万多名\n正文7346万多名\n"
    finding = Finding("repeated-figure", "error", "7346万多名 disagrees",
                      Location("a.md", 2, 3, 2, 10, "7346万多名"),
                      (Location("a.md", 1, 4, 1, 11, "7436万多名"),))
    (diagnostic,) = diagnostics_for("a.md", [finding], "/work", {}, {"a.md": text})
    assert diagnostic["range"] == {"start": {"line": 1, "character": 2},
                                   "end": {"line": 1, "character": 9}}
    (related,) = diagnostic["relatedInformation"]
    assert related["location"]["uri"] == "file:///work/a.md"
    assert related["location"]["range"]["start"] == {"line": 0, "character": 4}
    assert related["message"] == "a.md:1:4 7436万多名"
    assert (diagnostic["severity"], diagnostic["code"], diagnostic["source"]) == (
        1, "repeated-figure", "factlint")
    assert "data" not in diagnostic  # no fix: nothing for a code action
    assert lsp_range(split_lines(text), Location("x.docx", 3, 1, 3, 4, "", "¶3"))["start"] == {
        "line": 0, "character": 0}


def test_a_safe_fix_travels_in_diagnostic_data_with_utf16_ranges() -> None:
    from types import SimpleNamespace

    class FindingWithFix(Finding):  # the shape of the usage checks' Finding.fix
        fix = None

    def finding(safe: bool) -> Finding:
        made = FindingWithFix("usage-range-connector", "info", "join a range with ～",
                              Location("a.md", 1, 5, 1, 9, "3-5天"))
        replacement = SimpleNamespace(line=1, column=6, end_line=1, end_column=7, new="～")
        object.__setattr__(made, "fix", SimpleNamespace(
            description="write 3～5天", safe=safe, replacements=(replacement,)))
        return made

    text = "𠀀全程用3-5天。"  # 𠀀 counts two UTF-16 units
    (safe,) = diagnostics_for("a.md", [finding(True)], "/work", {}, {"a.md": text})
    assert safe["data"] == {"fix": {"title": "write 3～5天", "edits": [
        {"range": {"start": {"line": 0, "character": 6}, "end": {"line": 0, "character": 7}},
         "newText": "～"}]}}
    (unsafe,) = diagnostics_for("a.md", [finding(False)], "/work", {}, {"a.md": text})
    assert "data" not in unsafe  # only safe fixes become quick fixes


# ------------------------------------------------------------------ end to end

def _workspace(root: Path) -> Path:
    (root / "news").mkdir()
    (root / "news" / "wire.md").write_text(
        f"# {HEADLINE}\n\n{BODY}\n", encoding="utf-8")
    (root / "news" / "print.txt").write_text(
        "新华社北京3月10日电 截至3月9日，全国已有7436万多名党员自愿捐款，共捐款76.8亿元。\n",
        encoding="utf-8")
    (root / "news" / "web.txt").write_text(
        "新华社北京3月10日电 截至3月9日，全国已有7436万多名党员自愿捐款，共捐款78.6亿元。\n",
        encoding="utf-8")
    (root / "news" / "sources.yaml").write_text(
        "files:\n  print.txt: {date: 2020-03-10, medium: print-ocr}\n"
        "  web.txt: {date: 2020-03-10, medium: web}\n"
        "groups:\n  - id: donors\n    files: [print.txt, web.txt]\n"
        "    preferred: print.txt\n", encoding="utf-8")
    (root / ".factlint.yaml").write_text(
        "paths: [news]\nsources: news/sources.yaml\n", encoding="utf-8")
    return root


@pytest_asyncio.fixture
async def client(tmp_path: Path):
    # pytest-lsp's own fixture decorator needs its plugin's command-line options; this
    # starts the same client the same way (a subprocess talking LSP over stdio).
    config = pytest_lsp.ClientServerConfig(
        server_command=[sys.executable, "-m", "factlint", "lsp"])
    lsp_client = await config.start()
    root = _workspace(tmp_path)
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
        root_uri=root.as_uri(), workspace_folders=[types.WorkspaceFolder(
            uri=root.as_uri(), name="news")],
        initialization_options={"debounce": 0.05}))
    lsp_client.root = root
    yield lsp_client
    await lsp_client.shutdown_session()
    await lsp_client.stop()


async def _open(client, path: Path, language: str = "markdown") -> str:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1,
                                             text=path.read_text(encoding="utf-8"))))
    await _diagnostics(client, uri)
    return uri


async def _diagnostics(client, uri: str, timeout: float = 30.0):
    async def wait():
        while True:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if uri in client.diagnostics:
                return client.diagnostics[uri]

    client.diagnostics.pop(uri, None)
    return await asyncio.wait_for(wait(), timeout)


@pytest.mark.asyncio
async def test_diagnostics_on_open_and_gone_after_the_change(client) -> None:
    uri = await _open(client, client.root / "news" / "wire.md")
    (diagnostic,) = client.diagnostics[uri]
    assert diagnostic.code == "restatement" and diagnostic.source == "factlint"
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert diagnostic.message.startswith("标题说7436万多名，正文第1段说7346万多名")
    # Line 3 of the Markdown source, after 据统计，截至3月9日，全国已有 (15 code points).
    assert diagnostic.range == types.Range(start=types.Position(line=2, character=15),
                                           end=types.Position(line=2, character=22))
    (related,) = diagnostic.related_information
    assert related.location.uri == uri
    assert related.location.range.start == types.Position(line=0, character=4)

    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(
            text=f"# {HEADLINE}\n\n{FIXED_BODY}\n")]))
    assert list(await _diagnostics(client, uri)) == []


@pytest.mark.asyncio
async def test_astral_characters_before_a_figure_shift_the_utf16_range(client) -> None:
    uri = await _open(client, client.root / "news" / "wire.md")
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(
            text=f"# {HEADLINE}\n\n𠀀😀{BODY}\n")]))
    (diagnostic,) = await _diagnostics(client, uri)
    assert diagnostic.range.start == types.Position(line=2, character=19)  # 15 + 2×2


@pytest.mark.asyncio
async def test_cross_source_finding_points_at_the_other_version(client) -> None:
    uri = await _open(client, client.root / "news" / "web.txt", "plaintext")
    (diagnostic,) = client.diagnostics[uri]
    assert diagnostic.code == "cross-source"
    assert "78.6亿元" in diagnostic.message
    (related,) = diagnostic.related_information
    assert related.location.uri == (client.root / "news" / "print.txt").as_uri()
    assert related.location.range.start.line == 0
    assert related.message.startswith("news/print.txt:1:")
    assert related.message.endswith("76.8亿元")


@pytest.mark.asyncio
async def test_hover_on_a_figure_shows_its_reading(client) -> None:
    path = client.root / "news" / "wire.md"
    path.write_text(f"# 𠀀{HEADLINE}\n", encoding="utf-8")
    uri = await _open(client, path)
    # 7436 after "# 𠀀全国": code point 6, UTF-16 unit 6 (𠀀 counts two).
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=0, character=7)))
    assert hover is not None
    assert hover.contents.value.startswith("**7436万多名** — count")
    assert "- qualifier: more_than" in hover.contents.value
    assert "- unit: 名" in hover.contents.value
    assert "- claim: 全国·党员·人·数值" in hover.contents.value  # claims.identity's key
    assert hover.range == types.Range(start=types.Position(line=0, character=6),
                                      end=types.Position(line=0, character=13))
    nothing = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=0, character=0)))
    assert nothing is None


@pytest.mark.asyncio
async def test_code_action_applies_a_safe_fix_and_the_diagnostic_goes(client) -> None:
    if "fix" not in Finding.__dataclass_fields__:
        pytest.skip("findings carry no fixes in this checkout (the usage checks' "
                    "Finding.fix is not merged)")
    path = client.root / "news" / "trip.md"
    path.write_text("全程用时3-5天。\n", encoding="utf-8")
    uri = await _open(client, path)
    diagnostics = [d for d in client.diagnostics[uri] if d.data]
    assert diagnostics, client.diagnostics[uri]
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=diagnostics[0].range,
        context=types.CodeActionContext(diagnostics=diagnostics)))
    assert actions and actions[0].kind == types.CodeActionKind.QuickFix
    edits = actions[0].edit.changes[uri]
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character),
                       reverse=True):
        line = lines[edit.range.start.line]
        start = from_utf16(line, edit.range.start.character) - 1
        end = from_utf16(line, edit.range.end.character) - 1
        lines[edit.range.start.line] = line[:start] + edit.new_text + line[end:]
    fixed = "\n".join(lines)
    assert fixed == "全程用时3～5天。\n"
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)]))
    remaining = await _diagnostics(client, uri)
    assert not [d for d in remaining if d.code == diagnostics[0].code]


@pytest.mark.asyncio
async def test_a_broken_config_is_a_diagnostic_in_it_and_the_server_recovers(client) -> None:
    config = client.root / ".factlint.yaml"
    config.write_text("paths: [news]\nfail-onn: error\n", encoding="utf-8")
    config_uri = config.as_uri()
    wire = client.root / "news" / "wire.md"
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=wire.as_uri(), language_id="markdown",
                                             version=1, text=wire.read_text(encoding="utf-8"))))
    (problem,) = await _diagnostics(client, config_uri)
    assert problem.code == "settings" and "unknown key 'fail-onn'" in problem.message
    assert problem.range.start == types.Position(line=1, character=0)
    assert any("fail-onn" in m.message for m in client.messages)
    # In-document checks still run with default settings meanwhile.
    assert [d.code for d in client.diagnostics[wire.as_uri()]] == ["restatement"]
    config.write_text("paths: [news]\nfail-on: error\n", encoding="utf-8")
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=wire.as_uri(), version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(
            text=wire.read_text(encoding="utf-8"))]))
    assert list(await _diagnostics(client, config_uri)) == []
