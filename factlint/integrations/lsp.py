"""factlint's language server (``factlint lsp``): live diagnostics, fixes and readings.

Speaks the Language Server Protocol over stdio (pygls 2 and lsprotocol):

- **Diagnostics** for open ``.txt``, ``.md`` and ``.html`` files (``.markdown``,
  ``.htm`` too), on open at once and on change after a pause (``debounce`` seconds,
  default 0.3, settable in ``initializationOptions``).  Every run checks the whole
  workspace corpus, as ``factlint check`` would with the factlint config of the
  workspace root (``paths``, ``sources``, ``rules``, ``disable``, ``levels``...), with
  each open buffer in place of its copy on disk; an open file outside ``paths`` is
  checked along with them.  So a cross-source (or restatement) finding shows in the
  file being edited, with ``relatedInformation`` at the other version's figure.
- **Code actions** (quick fixes) for findings that carry a *safe* fix
  (``Finding.fix``, from the usage checks): the fix travels in ``Diagnostic.data``
  as ``{"fix": {"title": ..., "edits": [{"range": ..., "newText": ...}]}}``, so the
  action needs no second run.  Unsafe fixes are not offered.
- **Hover** on a figure shows its reading: interval, qualifier, unit, kind, subject,
  the date for dates, and the claim key where the claim checks provide one.

Positions: LSP counts columns in UTF-16 code units; factlint in code points.  A CJK
character is one unit, an astral one (𠀀, emoji) two; :func:`to_utf16` and
:func:`from_utf16` convert per line, splitting lines exactly as factlint does
(``\\r\\n``, ``\\n``, ``\\r``).  The server syncs whole documents (``Full``), so its
copy of a buffer is byte for byte the client's.

A settings error (a broken config, rule or sources file: bad YAML, an unknown key or
rule id) is published as a diagnostic at its place in that file and shown once as an
error message; the server keeps running, with default settings while the config is
broken, and reads the config again when its file changes.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import __version__
from ..model import Corpus, Document, Finding, Location, Quantity

LOGGER = logging.getLogger(__name__)

#: Suffixes the server lints (Word files are not edited as text).
LINTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".xhtml")
DEFAULT_DEBOUNCE = 0.3
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SEVERITY_NAMES = {"error": 1, "warning": 2, "info": 3}  # lsprotocol DiagnosticSeverity


# ----------------------------------------------------------------- positions

def split_lines(text: str) -> list[str]:
    """Lines of ``text`` without their breaks, split as factlint counts lines."""
    return _LINE_BREAK.split(text)


def to_utf16(line: str, column: int) -> int:
    """UTF-16 offset of 1-based code-point ``column`` of ``line`` (0-based, LSP)."""
    prefix = line[:max(column - 1, 0)]
    return len(prefix) + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


def from_utf16(line: str, character: int) -> int:
    """1-based code-point column of 0-based UTF-16 offset ``character`` of ``line``."""
    units = 0
    for index, ch in enumerate(line):
        if units >= character:
            return index + 1
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(line) + 1


def lsp_range(lines: Sequence[str], loc: Location) -> dict[str, dict[str, int]]:
    """The LSP range (0-based lines, UTF-16 characters) of a factlint location."""
    def position(line: int, column: int) -> dict[str, int]:
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        return {"line": line - 1, "character": to_utf16(text, column)}

    if loc.logical:  # a Word paragraph: no text lines to point into
        return {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
    return {"start": position(loc.line, loc.column),
            "end": position(loc.end_line, loc.end_column)}


# ----------------------------------------------------------------- the workspace

def path_of_uri(uri: str, root: str) -> str:
    """The path factlint shows for a ``file:`` URI: relative to ``root``, forward slashes."""
    from pygls.uris import to_fs_path

    fs_path = to_fs_path(uri) or uri
    try:
        relative = os.path.relpath(fs_path, root)
    except ValueError:  # another drive
        return fs_path.replace("\\", "/")
    return (fs_path if relative.startswith("..") else relative).replace("\\", "/")


def uri_of_path(path: str, root: str) -> str:
    from pygls.uris import from_fs_path

    return from_fs_path(os.path.join(root, path)) or path


def is_linted(path: str) -> bool:
    return path.lower().endswith(LINTED_SUFFIXES)


@dataclass
class WorkspaceState:
    """The config, the documents read from disk (cached by mtime) and the last results.

    Paths are relative to ``root``, which must be the working directory (the server
    changes to it once, when it learns it from the client), as for ``factlint check``.
    """

    root: str
    config: Any = None
    config_error: Exception | None = None
    _config_stamp: tuple | None = None
    #: One check at a time: a run cancelled by a newer change may still be finishing.
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _disk: dict[str, tuple[tuple, Document]] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)

    def _stamp(self) -> tuple:
        from ..settings.config import find_config

        found = find_config(self.root)
        if found is None:
            return (None,)
        try:
            stat = os.stat(found)
        except OSError:
            return (found,)
        return (found, stat.st_mtime_ns, stat.st_size)

    def load_config(self) -> None:
        """Read the workspace's factlint config again (a broken one: defaults, and the error)."""
        from ..settings.config import Config, load_config
        from ..settings.yamlload import ConfigError

        self._config_stamp = self._stamp()
        try:
            self.config = load_config(self.root)
            self.config_error = None
        except ConfigError as exc:
            self.config, self.config_error = Config(), exc

    def refresh_config(self) -> None:
        """Reload the config when its file was created, changed or removed since it was read."""
        if self.config is None or self._stamp() != self._config_stamp:
            self.load_config()

    def _disk_document(self, path: str, year: int | None) -> Document | None:
        from ..corpus import document_of
        from ..text.files import InputError
        from ..text.readers import read_source

        try:
            stat = os.stat(path)
        except OSError:
            return None
        # The dateline year and read options change the reading too (sources, config edits).
        stamp = (stat.st_mtime_ns, stat.st_size, year, self.config.read_options)
        cached = self._disk.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        try:
            document = document_of(read_source(path, self.config.read_options), year=year)
        except (InputError, ImportError) as exc:
            LOGGER.warning("factlint: %s", exc)
            return None
        self._disk[path] = (stamp, document)
        return document

    def corpus(self, buffers: Mapping[str, str]) -> Corpus:
        """The configured files, with each open buffer (path → text) in place of its file."""
        from ..corpus import document_of
        from ..settings.sources import load_sources, year_for
        from ..text.readers import prose_of, select_files
        from ..text.source import format_of

        config = self.config
        sources, groups = ((), ())
        if config.sources:
            sources, groups = load_sources(config.sources)
        documents: dict[str, Document] = {}
        files = [f.replace("\\", "/") for f in select_files(config.paths, config.read_options)]
        for path in files:
            if path in buffers:
                continue
            document = self._disk_document(path, year_for(path, sources))
            if document is not None:
                documents[path] = document
        for path, text in buffers.items():
            fmt = format_of(path, config.read_options.format)
            prose = prose_of(path, text, fmt, config.read_options)
            documents[path] = document_of(prose, year=year_for(path, sources))
        ordered = tuple(documents[p] for p in sorted(documents))
        self.documents = {d.path: d for d in ordered}
        return Corpus(ordered, tuple(sources), tuple(groups))

    def check(self, buffers: Mapping[str, str]) -> list[Finding]:
        """Every finding over the workspace corpus with ``buffers`` in place."""
        from ..rules.engine import run_check

        with self._lock:
            self.refresh_config()
            return list(run_check(self.config, corpus=self.corpus(buffers)).findings)


# ----------------------------------------------------------------- findings → LSP

def _lines_of(path: str, documents: Mapping[str, Document], buffers: Mapping[str, str]
              ) -> list[str]:
    if path in buffers:
        return split_lines(buffers[path])
    document = documents.get(path)
    if document is None:
        return []
    return split_lines(document.original if document.original is not None else document.text)


def safe_fix(finding: Finding) -> dict | None:
    """The LSP form of a finding's safe fix (``Finding.fix`` of the usage checks), if any.

    A fix is expected to have ``description``, ``safe`` and ``replacements``, each
    replacement ``line``/``column``/``end_line``/``end_column`` (1-based, code points,
    end exclusive) and ``new``.  The ranges are converted to UTF-16 by the caller.
    """
    fix = getattr(finding, "fix", None)
    if fix is None or not getattr(fix, "safe", False):
        return None
    return {"title": fix.description,
            "replacements": [(r.line, r.column, r.end_line, r.end_column, r.new)
                             for r in fix.replacements]}


def diagnostics_for(path: str, findings: Iterable[Finding], root: str,
                    documents: Mapping[str, Document], buffers: Mapping[str, str]
                    ) -> list[dict]:
    """LSP diagnostics (as plain JSON-ready dicts) for the findings placed in ``path``."""
    lines = _lines_of(path, documents, buffers)
    result = []
    for finding in findings:
        loc = finding.location
        if loc.path != path:
            continue
        diagnostic: dict[str, Any] = {
            "range": lsp_range(lines, loc),
            "severity": _SEVERITY_NAMES[finding.level],
            "code": finding.rule,
            "source": "factlint",
            "message": finding.message,
        }
        related = []
        for other in finding.related:
            other_lines = lines if other.path == path else _lines_of(other.path, documents,
                                                                     buffers)
            related.append({
                "location": {"uri": uri_of_path(other.path, root),
                             "range": lsp_range(other_lines, other)},
                "message": f"{other.position()} {other.text}".rstrip(),
            })
        if related:
            diagnostic["relatedInformation"] = related
        fix = safe_fix(finding)
        if fix is not None:
            edits = []
            for line, column, end_line, end_column, new in fix["replacements"]:
                place = Location(path, line, column, end_line, end_column)
                edits.append({"range": lsp_range(lines, place), "newText": new})
            diagnostic["data"] = {"fix": {"title": fix["title"], "edits": edits}}
        result.append(diagnostic)
    return result


def quantity_at(document: Document, line: int, column: int) -> Quantity | None:
    """The figure of ``document`` covering 1-based ``line``/code-point ``column``."""
    for q in document.quantities:
        s = q.span
        if (s.line, s.column) <= (line, column) < (s.end_line, s.end_column):
            return q
    return None


def reading(document: Document, q: Quantity) -> str:
    """The hover text for one figure: what factlint read it as (Markdown)."""
    from ..claims.agree import describe

    rows = [f"**{q.text}** — {q.kind}", "", f"- reading: {describe(q)}",
            f"- qualifier: {q.qualifier}"]
    if q.unit:
        rows.append(f"- unit: {q.unit}")
    if q.iso:
        rows.append(f"- date: {q.iso}")
    if q.subject:
        rows.append(f"- subject: {q.subject}")
    key = claim_key_of(document, q)
    if key:
        rows.append(f"- claim: {key}")
    return "\n".join(rows)


def claim_key_of(document: Document, q: Quantity) -> str | None:
    """The claim key of a figure where the claim checks provide one (claims.identity)."""
    try:
        from ..claims import identity  # type: ignore[attr-defined]
    except ImportError:
        return None
    finder = getattr(identity, "claim_key", None)
    if finder is None:
        return None
    try:
        key = finder(document, q)
    except (ValueError, LookupError):
        return None
    return None if key is None else str(key)


# ----------------------------------------------------------------- the server

def build_server(debounce: float = DEFAULT_DEBOUNCE):
    """The pygls server with factlint's features registered (not yet started)."""
    from lsprotocol import types
    from lsprotocol.converters import get_converter
    from pygls.lsp.server import LanguageServer

    converter = get_converter()
    server = LanguageServer("factlint", __version__,
                            text_document_sync_kind=types.TextDocumentSyncKind.Full)
    state: dict[str, Any] = {"workspace": None, "debounce": debounce, "pending": None,
                             "shown_error": None, "error_uri": None}

    def workspace() -> WorkspaceState:
        if state["workspace"] is None:
            root = os.path.abspath(server.workspace.root_path or os.getcwd())
            os.chdir(root)  # config, rules and sources name files relative to the root
            state["workspace"] = WorkspaceState(root)
            state["workspace"].load_config()
        return state["workspace"]

    def buffers() -> dict[str, str]:
        root = workspace().root
        open_buffers = {}
        for uri, document in server.workspace.text_documents.items():
            path = path_of_uri(uri, root)
            if is_linted(path):
                open_buffers[path] = document.source
        return open_buffers

    def show_error(message: str | None) -> None:
        # Once per distinct error, not on every keystroke.
        if message is not None and message != state["shown_error"]:
            server.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Error, message=message))
        state["shown_error"] = message

    def publish_settings_error(ws: WorkspaceState, error: Exception | None) -> None:
        """A diagnostic at the place of a settings error (and none where the last one was)."""
        from ..settings.yamlload import ConfigError

        uri = None
        if isinstance(error, ConfigError) and error.path and error.line > 0:
            uri = uri_of_path(error.path, ws.root)
            try:
                with open(error.path, encoding="utf-8", errors="replace") as handle:
                    lines = split_lines(handle.read())
            except OSError:
                lines = []
            place = Location(error.path, error.line, max(error.column, 1), error.line,
                             max(error.column, 1))
            diagnostic = {"range": lsp_range(lines, place), "severity": 1,
                          "code": "settings", "source": "factlint", "message": error.message}
            server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=uri, diagnostics=[converter.structure(diagnostic, types.Diagnostic)]))
        previous = state["error_uri"]
        if previous is not None and previous != uri:
            server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=previous, diagnostics=[]))
        state["error_uri"] = uri

    async def lint() -> None:
        from ..settings.yamlload import ConfigError

        ws = workspace()
        snapshot = buffers()
        loop = asyncio.get_running_loop()
        try:
            findings = await loop.run_in_executor(None, ws.check, snapshot)
        except ConfigError as exc:  # a broken rule or sources file: say where, keep serving
            publish_settings_error(ws, exc)
            show_error(f"factlint: {exc}")
            return
        except Exception as exc:  # a bug: tell the user, keep serving
            LOGGER.exception("factlint check failed")
            show_error(f"factlint: {exc}")
            return
        for uri, document in list(server.workspace.text_documents.items()):
            path = path_of_uri(uri, ws.root)
            if not is_linted(path) or path not in snapshot:
                continue
            raw = diagnostics_for(path, findings, ws.root, ws.documents, snapshot)
            diagnostics = [converter.structure(d, types.Diagnostic) for d in raw]
            server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=uri, version=document.version, diagnostics=diagnostics))
        # After the documents' diagnostics, so a client sees those first.
        publish_settings_error(ws, ws.config_error)
        show_error(None if ws.config_error is None else f"factlint: {ws.config_error}")

    def schedule(delay: float) -> None:
        pending = state["pending"]
        if pending is not None and not pending.done():
            pending.cancel()

        async def later() -> None:
            if delay:
                await asyncio.sleep(delay)
            await lint()

        state["pending"] = asyncio.ensure_future(later())

    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        options = params.initialization_options or {}
        if isinstance(options, dict) and "debounce" in options:
            state["debounce"] = max(0.0, float(options["debounce"]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        schedule(0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        schedule(state["debounce"])

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        schedule(0)  # a saved config or rule file is read again by the next run

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=params.text_document.uri, diagnostics=[]))
        schedule(0)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(params: types.HoverParams) -> types.Hover | None:
        ws = workspace()
        path = path_of_uri(params.text_document.uri, ws.root)
        document = ws.documents.get(path)
        if document is None:
            return None
        text = server.workspace.get_text_document(params.text_document.uri).source
        if text != (document.original if document.original is not None else document.text):
            return None  # edited since the last run: the reading would be out of date
        lines = split_lines(text)
        line = params.position.line + 1
        if line > len(lines):
            return None
        column = from_utf16(lines[line - 1], params.position.character)
        q = quantity_at(document, line, column)
        if q is None:
            return None
        loc = Location.of(q.span, q.text)
        raw = lsp_range(lines, loc)
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                         value=reading(document, q)),
            range=converter.structure(raw, types.Range))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
        actions = []
        for diagnostic in params.context.diagnostics:
            data = diagnostic.data if isinstance(diagnostic.data, dict) else None
            if diagnostic.source != "factlint" or not data or "fix" not in data:
                continue
            fix = data["fix"]
            edits = [types.TextEdit(
                range=converter.structure(edit["range"], types.Range),
                new_text=edit["newText"]) for edit in fix["edits"]]
            actions.append(types.CodeAction(
                title=f"factlint: {fix['title']}", kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic], is_preferred=True,
                edit=types.WorkspaceEdit(changes={params.text_document.uri: edits})))
        return actions

    return server


def serve() -> None:
    """Run the server on stdin/stdout until the client says exit."""
    build_server().start_io()
