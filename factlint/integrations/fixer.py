"""``factlint fix``: apply the fixes factlint can prove harmless, and only those.

For each file: run the checks that offer fixes, take their *safe* fixes (proven by
:func:`factlint.rules.fixes.prove`: the sentence read again gives every quantity
the same interval, qualifier, unit, kind and date), apply the non-overlapping ones
in a fixed order, check that the whole file still reads the same, and repeat until
nothing is left to apply (at most :data:`MAX_PASSES` passes; a fix that overlapped
another is applied in the next pass).  So running fix twice changes nothing the
second time.  Fixes that cannot be proven come back as suggestions.  Suppression
comments are honoured: a silenced finding is never fixed.  A Markdown or HTML file
is patched in its source text; what is not copy there (code, tags and their
attributes, comments, link targets, addresses: :mod:`factlint.text.markup`) is
neither fixed nor suggested.  A Word file is skipped with a note.

Files are written by :func:`factlint.text.writing.write_atomic` (same encoding, BOM
and line endings; refused if the file changed since it was read); a file with
nothing to fix is never opened for writing.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from ..corpus import FileDone, load_document
from ..model import Corpus, Document, Finding
from ..rules import USAGE_CHECKS, CheckContext, Rule
from ..rules.engine import active_rules, finish_findings, run_rules
from ..rules.fixes import apply_fixes, readings
from ..settings.config import Config
from ..settings.sources import load_sources, year_for
from ..text.files import InputError, decode, discover
from ..text.markup import protected_regions
from ..text.writing import WriteError, detect_encoding, encode, write_atomic

__all__ = ["FileFix", "MAX_PASSES", "fix_rules", "plan", "unified_diff", "write"]

#: Passes over one file before fix stops (each pass applies every non-overlapping fix).
MAX_PASSES = 5


@dataclass(frozen=True)
class FileFix:
    """What fix does to one file: its text before and after, and why."""

    path: str
    original: str
    fixed: str
    data: bytes  # the bytes read, to refuse writing over a file changed meanwhile
    applied: tuple[Finding, ...] = ()  # in the coordinates of the pass that applied them
    suggestions: tuple[Finding, ...] = ()  # fixes left for the editor (not provable)

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


def fix_rules(config: Config, only: Sequence[str] = ()) -> list[Rule]:
    """The active rules that offer fixes; ``only`` narrows them (ConfigError if unknown)."""
    rules = [rule for rule in active_rules(config) if rule.id in USAGE_CHECKS]
    if only:
        unknown = [rule_id for rule_id in only if rule_id not in USAGE_CHECKS]
        if unknown:
            raise config.error("rules", f"--rule {unknown[0]}: not a rule that offers fixes; "
                               f"these do: {', '.join(USAGE_CHECKS)}")
        rules = [rule for rule in rules if rule.id in only]
    return rules


def _findings(rules: Sequence[Rule], document: Document, corpus: Corpus,
              ctx: CheckContext) -> list[Finding]:
    single = dataclasses.replace(corpus, documents=(document,))
    raw, _ = run_rules(rules, single, ctx)
    finished, _ = finish_findings(list(dict.fromkeys(raw)), single, rules, report_unused=False)
    # fix reads a Markdown or HTML file as the source text it patches, so the checks also
    # see its code, tags, comments and link targets.  Those are not copy (`check` never
    # reads them): a fix there is neither applied nor offered as a suggestion.
    protected = protected_regions(document.text, document.path)
    return [f for f in finished if f.fix is None
            or not any(protected.touches(r.start, r.end) for r in f.fix.replacements)]


def _fix_document(rules: Sequence[Rule], document: Document, corpus: Corpus,
                  ctx: CheckContext, data: bytes) -> FileFix:
    year = year_for(document.path, corpus.sources)
    original = document.text
    meaning = readings(original, year)
    applied: list[Finding] = []
    refused: list[Finding] = []
    findings = _findings(rules, document, corpus, ctx)
    for _ in range(MAX_PASSES):
        text, chosen = apply_fixes(document.text, findings)
        if not chosen:
            break
        if readings(text, year) != meaning:
            # Proven one by one, together they change a reading: apply none of them and
            # hand them to the editor.
            refused = [dataclasses.replace(f, fix=dataclasses.replace(f.fix, safe=False))
                       for f in chosen if f.fix is not None]
            break
        applied.extend(chosen)
        document = load_document(document.path, text, year=year)
        findings = _findings(rules, document, corpus, ctx)
    suggestions = tuple(f for f in findings if f.fix is not None and not f.fix.safe) \
        + tuple(refused)
    return FileFix(document.path, original, document.text, data, tuple(applied), suggestions)


def plan(config: Config, paths: Sequence[str], only: Sequence[str] = (),
         on_file: FileDone | None = None, *,
         notes: list[str] | None = None) -> tuple[list[FileFix], list[str]]:
    """What ``factlint fix`` would do to every file under ``paths``, and unreadable inputs.

    Nothing is written; see :func:`write`.  ``on_file`` is told of each file read (a
    progress bar).  A file fix leaves alone on purpose (a Word file) is not an error: a
    line saying so is appended to ``notes``.
    """
    rules = fix_rules(config, only)
    sources, groups = load_sources(config.sources) if config.sources else ((), ())
    corpus = Corpus((), tuple(sources), tuple(groups))
    ctx = CheckContext(variants=config.measure_word_variants,
                       range_connector=config.range_connector)
    results: list[FileFix] = []
    errors: list[str] = []
    for path in discover(paths):
        display = path.replace("\\", "/")
        if display.lower().endswith(".docx"):
            # A Word file is a zip of XML, not text to patch in place: its findings can be
            # written as comments instead (check --write-comments).
            if notes is not None:
                notes.append(f"{display}: skipped: fix does not write Word files; use "
                             "`factlint check --write-comments` to see the fixes as comments")
            if on_file is not None:  # skipped, but done: a progress bar still reaches its end
                on_file(path, 0)
            continue
        try:
            with open(path, "rb") as handle:
                data = handle.read()
            text = decode(data, display)
        except InputError as exc:
            errors.append(str(exc))
            continue
        except OSError as exc:
            errors.append(f"{display}: {exc.strerror or exc}")
            continue
        document = load_document(display, text, year=year_for(display, sources))
        results.append(_fix_document(rules, document, corpus, ctx, data))
        if on_file is not None:
            on_file(path, len(text))
    return results, errors


def write(fix: FileFix, path: str | None = None) -> None:
    """Write ``fix.fixed`` over its file (atomically, as encoded); no-op when unchanged."""
    if not fix.changed:
        return
    target = path or fix.path
    data = encode(fix.fixed, detect_encoding(fix.data), fix.path)
    write_atomic(target, data, fix.data)


def unified_diff(fix: FileFix) -> str:
    """The change as a unified diff (``a/`` and ``b/`` paths, as git prints)."""
    before = fix.original.splitlines(keepends=True)
    after = fix.fixed.splitlines(keepends=True)
    lines = difflib.unified_diff(before, after, f"a/{fix.path}", f"b/{fix.path}")
    text = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)
    return text


__all__ += ["WriteError"]
