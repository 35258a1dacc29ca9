"""How long an editor waits for factlint's diagnostics: ``factlint lsp`` against ``factlint check``.

Run by hand (not a test); figures go into the README ("Editors: the language server"):

    python bench/lsp_latency.py               # this repository's seeds and rules, 10 edits
    python bench/lsp_latency.py --edits 20
    python bench/lsp_latency.py --root /tmp/ws --file /tmp/ws/a.txt   # another workspace

Starts ``factlint lsp`` over stdio with a real client (pytest-lsp's), in this repository
(``[tool.factlint]``: seeds/ with rules/ and the sources file), with no debounce; opens
seeds/001 (the web version, where the seeds' findings are), waits for its diagnostics,
then makes ``--edits`` changes (a sentence with a figure typed in and taken out again)
and times each from the change to the diagnostics.  In the same run it
times ``factlint check`` (the console script, a fresh process) on the same corpus, which is
what an editor without the server would run on save.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "001_c171a1427bcab795.txt"


async def _diagnostics(client, uri: str, types):
    client.diagnostics.pop(uri, None)
    while uri not in client.diagnostics:
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


async def server_times(edits: int, root: Path = REPO, path: Path = SEED
                       ) -> tuple[float, list[float], int]:
    import pytest_lsp
    from lsprotocol import types

    config = pytest_lsp.ClientServerConfig(server_command=[sys.executable, "-m", "factlint",
                                                           "lsp"])
    client = await config.start()
    await client.initialize_session(types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
        root_uri=root.as_uri(), initialization_options={"debounce": 0}))
    uri = path.as_uri()
    text = path.read_text(encoding="utf-8")
    started = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="plaintext", version=1,
                                             text=text)))
    found = await _diagnostics(client, uri, types)
    first = time.perf_counter() - started
    times = []
    for version in range(2, edits + 2):
        edited = text + ("\n另有12名党员捐款。\n" if version % 2 else "")
        started = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)]))
        await _diagnostics(client, uri, types)
        times.append(time.perf_counter() - started)
    await client.shutdown_session()
    await client.stop()
    return first, times, len(found)


def check_times(runs: int, root: Path = REPO) -> list[float]:
    script = Path(sys.executable).with_name("factlint")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([str(script), "check"], cwd=root, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - started)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--root", type=Path, default=REPO,
                        help="workspace folder (its factlint config names the corpus)")
    parser.add_argument("--file", type=Path, default=SEED, help="the file edited")
    args = parser.parse_args()
    root, path = args.root.resolve(), args.file.resolve()
    first, edits, count = asyncio.run(server_times(args.edits, root, path))
    cli = check_times(max(3, args.edits // 2), root)
    print(f"open → diagnostics: {first:.2f} s ({count} diagnostics in {path.name})")
    print(f"change → diagnostics: median {statistics.median(edits):.3f} s, "
          f"max {max(edits):.3f} s over {len(edits)} edits")
    ratio = statistics.median(edits) / statistics.median(cli)
    print(f"factlint check (fresh process): median {statistics.median(cli):.3f} s "
          f"over {len(cli)} runs; ratio server/check {ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
