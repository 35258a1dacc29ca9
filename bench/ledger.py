"""The ledger of published figures at scale, and its false alarms on real copy.

Run by hand (not a test); figures go into the README:

    python bench/ledger.py scale          # a ledger of >= 1,000,000 claims, check one draft
    python bench/ledger.py false-alarms   # ledger of news-dev, each file checked against it
    python bench/ledger.py injected       # drafts with one figure changed: how many caught

``scale`` reads every file of ../shared/bench/news-dev with the date its manifest gives,
and stores its claims as published on that date and as republished in each of the years
before it (path ``file#year``), until the ledger holds at least ``--claims`` claims
(1,000,000) of real text.  It then times, in one run and alternately so that machine load
affects both alike: the ledger check of one draft (news-dev's densest simplified file)
against the ledger, in process (open the ledger, look up the draft's keys, compare), and
the whole command ``factlint check DRAFT --ledger L`` against ``factlint check DRAFT`` (the
same run without the ledger).  Target (issue 16): under 0.5 s for the check against the
ledger.

``false-alarms`` adds every dated news-dev file to a fresh ledger and checks each file
against all of them (a figure is never reported against its own published copy), listing
every finding in ``--findings FILE`` for review and counting them per folder and per
10,000 characters.

``injected`` stores the first ``--files`` dated files, then for each claim of theirs (up to
``--claims``) checks a draft with the figure's first digit changed (7436万 → 8436万) and
counts the drafts in which the ledger finding points at the changed figure.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "bench" / "news-dev"
sys.path.insert(0, str(REPO))

from factlint.corpus import load_document  # noqa: E402
from factlint.ledger.check import LedgerCheck  # noqa: E402
from factlint.ledger.store import Ledger, Publication  # noqa: E402
from factlint.model import Corpus, SourceInfo  # noqa: E402
from factlint.rules import CheckContext, Rule  # noqa: E402

TARGET_S = 0.5
_DATES = (
    re.compile(r"(?<!\d)(20\d\d|19\d\d)[-/年.]?(\d{1,2})[-/月.]?(\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(20\d\d|19\d\d)(\d\d)(\d\d)(?!\d)"),
)


def manifest_dates() -> dict[str, str]:
    """news-dev file → ISO date, from the manifest's date or the address of the item."""
    dates: dict[str, str] = {}
    with open(NEWS / "manifest.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            for pattern in _DATES:
                found = pattern.search(row["date_or_url"])
                if found:
                    year, month, day = (int(g) for g in found.groups())
                    if 1 <= month <= 12 and 1 <= day <= 31:
                        dates[row["file"]] = f"{year:04d}-{month:02d}-{day:02d}"
                        break
    return dates


def news_documents(dates: dict[str, str]):
    """(document, date) of every dated news-dev file, in file order."""
    for name in sorted(dates):
        text = (NEWS / name).read_text(encoding="utf-8")
        date = dates[name]
        yield load_document(name, text, year=int(date[:4])), date


def _ledger_rule() -> Rule:
    return Rule(id="ledger", type="ledger", level="error", message="ledger")


def check_once(location: str, draft, date: str) -> tuple[float, int]:
    """Seconds to open the ledger and check ``draft`` against it, and findings."""
    start = time.perf_counter()
    with Ledger.open(location) as ledger:
        corpus = Corpus((draft,), (SourceInfo(draft.path, date=date),))
        found = list(LedgerCheck(ledger).check(_ledger_rule(), corpus, CheckContext()))
    return time.perf_counter() - start, len(found)


def scale(args: argparse.Namespace) -> None:
    if not NEWS.exists():
        raise SystemExit(f"error: {NEWS} not found")
    dates = manifest_dates()
    folder = tempfile.mkdtemp(prefix="factlint-ledger-bench-")
    location = os.path.join(folder, "ledger.sqlite")
    start = time.perf_counter()
    documents = list(news_documents(dates))
    read_s = time.perf_counter() - start
    total = 0
    start = time.perf_counter()
    with Ledger.open(location, create=True) as ledger:
        years_back = 0
        while total < args.claims:
            batch = []
            for document, date in documents:
                year = int(date[:4]) - years_back
                # The same text republished a year earlier: other paths and dates, the
                # claims and sentences as read.
                copy = replace(document, path=f"{document.path}#{year}") \
                    if years_back else document
                batch.append(Publication(copy, f"{year:04d}{date[4:]}", "news-dev"))
            total += sum(ledger.add_all(batch))
            years_back += 1
            print(f"  {total:,} claims ({years_back} editions)", file=sys.stderr)
        documents_n, claims_n = ledger.count()
    add_s = time.perf_counter() - start
    size = os.path.getsize(location)
    draft_name = max(dates, key=lambda n: (n.startswith("simplified/"),
                                           len((NEWS / n).read_text(encoding="utf-8"))))
    draft_text = (NEWS / draft_name).read_text(encoding="utf-8")
    draft_date = dates[draft_name]
    draft = load_document(f"draft/{Path(draft_name).name}", draft_text,
                          year=int(draft_date[:4]))
    draft_claims = sum(1 for _ in __import__("factlint.ledger.claims", fromlist=["x"])
                       .claims_of(draft, draft_date))
    inproc, with_ledger, without = [], [], []
    draft_file = os.path.join(folder, "draft.txt")
    Path(draft_file).write_text(draft_text, encoding="utf-8")
    script = str(Path(sys.executable).with_name("factlint"))
    for _ in range(args.runs):
        seconds, findings = check_once(location, draft, draft_date)
        inproc.append(seconds)
        with_ledger.append(_wall([script, "check", draft_file, "--ledger", location,
                                  "--format", "json"], folder))
        without.append(_wall([script, "check", draft_file, "--format", "json"], folder))
    median = statistics.median(inproc)
    print(f"ledger: {claims_n:,} claims of {documents_n:,} documents "
          f"({len(documents)} news-dev files, read in {read_s:.1f} s; "
          f"stored in {add_s:.1f} s; {size / 1e6:.0f} MB)")
    print(f"draft: {draft_name} ({len(draft_text):,} characters, {draft_claims} claims, "
          f"{findings} findings)")
    print(f"check against the ledger, in process: median {median:.3f} s, "
          f"min {min(inproc):.3f} s of {args.runs} runs (target < {TARGET_S} s: "
          f"{'met' if median < TARGET_S else 'NOT met'})")
    print(f"factlint check DRAFT --ledger: median {statistics.median(with_ledger):.3f} s; "
          f"without --ledger: {statistics.median(without):.3f} s "
          f"(difference {statistics.median(with_ledger) - statistics.median(without):.3f} s)")
    if not args.keep:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    else:
        print(f"kept {location}")


def _wall(command: list[str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    return time.perf_counter() - start


def false_alarms(args: argparse.Namespace) -> None:
    dates = manifest_dates()
    folder = tempfile.mkdtemp(prefix="factlint-ledger-fa-")
    location = os.path.join(folder, "ledger.sqlite")
    documents = list(news_documents(dates))
    with Ledger.open(location, create=True) as ledger:
        ledger.add_all(Publication(d, date, "news-dev") for d, date in documents)
        corpus = Corpus(tuple(d for d, _ in documents),
                        tuple(SourceInfo(d.path, date=date) for d, date in documents))
        findings = sorted(LedgerCheck(ledger).check(_ledger_rule(), corpus, CheckContext()),
                          key=lambda f: f.sort_key())
    chars = Counter()
    for document, _ in documents:
        chars[document.path.split("/")[0]] += sum(1 for c in document.text if not c.isspace())
    per_folder = Counter(f.location.path.split("/")[0] for f in findings)
    print(f"{len(documents)} dated files of {len(list(NEWS.glob('*/*.txt')))}; "
          f"{len(findings)} ledger findings")
    for name in sorted(chars):
        print(f"  {name}: {per_folder[name]} findings, "
              f"{per_folder[name] / chars[name] * 10000:.3f} per 10,000 characters")
    with open(args.findings, "w", encoding="utf-8") as out:
        for f in findings:
            out.write(f"{f.location.path}:{f.location.line}:{f.location.column}: {f.message}\n")
            for related in f.related:
                out.write(f"  {related.path}:{related.line}:{related.column}\n")
    print(f"findings listed in {args.findings}")


def injected(args: argparse.Namespace) -> None:
    """Recall on copy: every claim of a dated file, its first digit changed in a draft."""
    from factlint.ledger.claims import claims_of

    dates = manifest_dates()
    folder = tempfile.mkdtemp(prefix="factlint-ledger-recall-")
    location = os.path.join(folder, "ledger.sqlite")
    documents = list(news_documents(dates))[:args.files]
    caught = tried = 0
    with Ledger.open(location, create=True) as ledger:
        ledger.add_all(Publication(d, date, "news-dev") for d, date in documents)
        for document, date in documents:
            for claim in claims_of(document, date):
                q = claim.quantity
                written = document.text[q.span.start:q.span.end]
                digit = next((i for i, c in enumerate(written) if c in "123456789"), None)
                if digit is None:
                    continue
                changed = written[:digit] + str(int(written[digit]) % 9 + 1) + written[digit + 1:]
                text = document.text[:q.span.start] + changed + document.text[q.span.end:]
                draft = load_document("draft/" + document.path, text, year=int(date[:4]))
                corpus = Corpus((draft,), (SourceInfo(draft.path, date=date),))
                found = LedgerCheck(ledger).check(_ledger_rule(), corpus, CheckContext())
                tried += 1
                caught += any((f.location.line, f.location.column)
                              == (q.span.line, q.span.column) for f in found)
                if tried >= args.claims:
                    break
            if tried >= args.claims:
                break
    print(f"{caught} of {tried} changed figures caught ({caught / max(tried, 1):.1%}) "
          f"in drafts of {args.files} news-dev files checked against their published copy")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    one = sub.add_parser("scale")
    one.add_argument("--claims", type=int, default=1_000_000)
    one.add_argument("--runs", type=int, default=7)
    one.add_argument("--keep", action="store_true", help="keep the ledger file")
    two = sub.add_parser("false-alarms")
    two.add_argument("--findings", default="ledger-findings.txt")
    three = sub.add_parser("injected")
    three.add_argument("--files", type=int, default=200)
    three.add_argument("--claims", type=int, default=1000)
    args = parser.parse_args()
    {"scale": scale, "false-alarms": false_alarms, "injected": injected}[args.mode](args)


if __name__ == "__main__":
    main()
