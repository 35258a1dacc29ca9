"""The rule engine behind ``factlint check``.

:func:`run_check` reads the sources file, the corpus and the rule files a
:class:`~factlint.settings.config.Config` names, runs every YAML rule and every built-in
check, then applies the configuration: ``disable`` drops rules, ``levels``
changes a rule's level before it runs, recorded errata (``known:``) turn the
findings they explain into info that never fails the run, and ``fail-on``
decides the exit status.  The result is sorted, so the same input always gives
the same report.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from .. import rules as _rules
from ..corpus import ExtractionCache, FileDone, load_corpus
from ..model import Corpus, Finding, Location, RuleInfo, fails, sorted_findings
from ..settings.config import Config
from ..settings.sources import load_sources, normalize_path, resolved
from ..text.directives import Suppressions
from ..text.files import working_on
from . import (
    ALIASES,
    BUILTINS,
    CheckContext,
    KnownErratum,
    Rule,
    builtin_module,
    cross_source,
    load_rules,
)
from .scope import check_scoped

__all__ = ["CheckResult", "run_check", "builtin_rules", "apply_known", "run_rules",
           "active_rules", "finish_findings", "UNUSED_SUPPRESSION"]

#: The id under which a suppression comment that silenced nothing is reported.
UNUSED_SUPPRESSION = "unused-suppression"
UNUSED_SUPPRESSION_DESCRIPTION = (
    "A factlint-disable comment that silences no finding: the problem it was written "
    "for is gone or the rule id is wrong; delete it.")

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass(frozen=True)
class CheckResult:
    """What a run found, the rules that ran, unreadable inputs, and the exit status."""

    findings: tuple[Finding, ...]
    rules: dict[str, RuleInfo]
    errors: list[str] = field(default_factory=list)
    exit_code: int = EXIT_OK
    #: Things the user should know that are not findings (a file read as Big5, a version
    #: group with one file in the run); printed on stderr.
    warnings: list[str] = field(default_factory=list)
    #: Files read (a run that read none has checked nothing).
    files: int = 0
    #: What was checked, for reporters that show the text around each finding (html).
    corpus: Corpus | None = field(default=None, compare=False, repr=False)


def _builtin_rule(module) -> Rule:
    return Rule(id=module.NAME, type=module.NAME, level=module.DEFAULT_LEVEL,
                message=module.DESCRIPTION, description=module.DESCRIPTION, origin=("", 0, 0))


def builtin_rules() -> list[Rule]:
    """A :class:`Rule` for every built-in check present in this checkout."""
    rules = []
    for rule_id in BUILTINS:
        module = builtin_module(rule_id)
        if module is None:
            continue  # built by another change; not an error
        rules.append(_builtin_rule(module))
    return rules


def _module_for(rule: Rule, extra: Mapping[str, object] = MappingProxyType({})):
    if rule.type in extra:
        return extra[rule.type]
    if rule.type in BUILTINS:
        return builtin_module(rule.type)
    return _rules.rule_type(rule.type)  # looked up when called, so a type can be replaced


def _location_matches(written: str, location: Location) -> bool:
    path, _, rest = written.rpartition(":")
    line_col = rest
    if path and ":" in path:
        head, _, maybe_line = path.rpartition(":")
        if maybe_line.isdigit():  # path:line:col
            path, line_col = head, f"{maybe_line}:{rest}"
    parts = line_col.split(":")
    line = int(parts[0])
    column = int(parts[1]) if len(parts) > 1 else None
    if location.line != line or (column is not None and location.column != column):
        return False
    wanted = normalize_path(path)
    actual = normalize_path(location.path)
    # Written relative to the working directory, or just the tail of the path.
    return (actual == wanted or actual.endswith("/" + wanted)
            or os.path.abspath(actual) == os.path.abspath(wanted))


def _compact(text: str) -> str:
    return "".join(text.split())


def _erratum_for(finding: Finding, known: Sequence[KnownErratum]) -> KnownErratum | None:
    places = (finding.location, *finding.related)
    for erratum in known:
        if any(_location_matches(w, loc) for w in erratum.locations for loc in places):
            return erratum
        if erratum.value is not None and any(
                _compact(loc.text) == _compact(erratum.value) for loc in places):
            return erratum
    return None


def apply_known(findings: Iterable[Finding], rule: Rule) -> tuple[list[Finding], set[int]]:
    """Findings of ``rule`` with recorded errata turned into info.

    Returns the findings and the indices of those a ``known:`` entry explains.
    """
    result: list[Finding] = []
    explained: set[int] = set()
    for finding in findings:
        erratum = _erratum_for(finding, rule.known) if rule.known else None
        if erratum is not None:
            explained.add(len(result))
            finding = dataclasses.replace(
                finding, level="info",
                message=f"{finding.message} (known erratum: {erratum.reason})")
        result.append(finding)
    return result, explained


def run_rules(rules: Sequence[Rule], corpus: Corpus, ctx: CheckContext,
              extra: Mapping[str, object] = MappingProxyType({}),
              on_rule: Callable[[str], None] | None = None) -> tuple[list[Finding], set[int]]:
    """Every finding of ``rules`` over ``corpus``, and which of them are known errata.

    ``extra`` maps the type of a check built by the caller to it (see :func:`run_check`);
    ``on_rule`` is told of each rule started (a progress bar).
    """
    findings: list[Finding] = []
    explained: set[int] = set()
    for rule in rules:
        working_on(f"rule '{rule.id}'")
        if on_rule is not None:
            on_rule(rule.id)
        module = _module_for(rule, extra)
        produced = []
        for finding in check_scoped(rule, corpus, ctx, module.check):
            if finding.rule != rule.id:  # a check reports under its own rule only
                finding = dataclasses.replace(finding, rule=rule.id)
            produced.append(finding)
        produced, known = apply_known(produced, rule)
        explained.update(len(findings) + i for i in known)
        findings.extend(produced)
    return findings, explained


def _suggest_only(rules: Sequence[Rule]) -> set[str]:
    """Ids of rules whose fixes are never applied automatically (SUGGEST_ONLY)."""
    return {rule.id for rule in rules if rule.type in BUILTINS
            and getattr(builtin_module(rule.type), "SUGGEST_ONLY", False)}


def _prove(findings: list[Finding], corpus: Corpus, rules: Sequence[Rule]) -> list[Finding]:
    from .fixes import prove_findings

    proven = prove_findings(findings, corpus)
    never = _suggest_only(rules)
    return [dataclasses.replace(f, fix=dataclasses.replace(f.fix, safe=False))
            if f.fix is not None and f.fix.safe and f.rule in never else f for f in proven]


def _suppress(findings: list[Finding], corpus: Corpus, report_unused: bool,
              known_ids: set[str] | None = None, unused_level: str = "info"
              ) -> tuple[list[Finding], list[str]]:
    """Drop findings a suppression comment silences; report comments that silence nothing."""
    from ..text.directives import DirectiveError, parse_directives

    by_path: dict[str, Suppressions] = {}
    errors: list[str] = []
    for document in corpus.documents:
        try:
            parsed = parse_directives(document.original if document.original is not None
                                      else document.text, document.path)
        except DirectiveError as exc:
            errors.append(str(exc))
            continue
        if parsed.directives:
            by_path[document.path] = parsed
    if not by_path:
        return findings, errors
    used: set[tuple[str, int]] = set()
    silenced: set[int] = set()
    in_file: dict[str, list[int]] = {}
    for i, finding in enumerate(findings):
        in_file.setdefault(finding.location.path, []).append(i)
    for path, suppressions in by_path.items():
        here = in_file.get(path, [])
        flags, used_here = suppressions.silence(
            [(findings[i].rule, findings[i].location.line) for i in here])
        silenced.update(i for i, flag in zip(here, flags, strict=True) if flag)
        used.update((path, index) for index in used_here)
    kept = [f for i, f in enumerate(findings) if i not in silenced]
    if report_unused:
        for path, suppressions in sorted(by_path.items()):
            for index, directive in enumerate(suppressions.directives):
                if (path, index) in used:
                    continue
                rules = ", ".join(directive.rules) or "any rule"
                message = f"{directive.text} silences no finding of {rules}; delete it"
                unknown = [r for r in directive.rules if known_ids and r not in known_ids]
                if unknown:  # a typo in the rule id is the likelier story
                    message = f"{directive.text}: {_unknown_rule(unknown[0], known_ids)}"
                kept.append(Finding(
                    rule=UNUSED_SUPPRESSION, level=unused_level, message=message,
                    location=Location(path, directive.line, directive.column, directive.line,
                                      directive.end_column, directive.text)))
    return kept, errors


def finish_findings(findings: list[Finding], corpus: Corpus, rules: Sequence[Rule], *,
                    report_unused: bool = True, known_ids: set[str] | None = None,
                    unused_level: str = "info") -> tuple[list[Finding], list[str]]:
    """Prove every fix (``Fix.safe``) and apply the suppression comments of the files.

    ``known_ids``: every rule id there is, to tell a suppression naming no rule (a
    typo) from one whose rule found nothing.  Returns the findings left and the
    errors of malformed suppression comments.
    """
    return _suppress(_prove(findings, corpus, rules), corpus, report_unused, known_ids,
                     unused_level)


def _unique(findings: list[Finding], explained: set[int]) -> tuple[list[Finding], set[Finding]]:
    seen: dict[Finding, None] = {}
    known: set[Finding] = set()
    for index, finding in enumerate(findings):
        seen.setdefault(finding, None)
        if index in explained:
            known.add(finding)
    return list(seen), known


def active_rules(config: Config, extra_checks: Sequence[object] = (),
                 optional_ids: Iterable[str] = ()) -> list[Rule]:
    """The rules a run of ``config`` uses: rule files, built-ins and ``extra_checks``,
    minus ``disable``, at the configured ``levels`` (a former id such as repeated-figure
    names the check that replaced it); an opt-in check (``OPT_IN`` in its module) only
    when ``levels`` names it.  Raises ConfigError naming an unknown rule id."""
    rules = load_rules(config.rules) + builtin_rules() + [_builtin_rule(c) for c in extra_checks]
    known_ids = {rule.id for rule in rules} | set(BUILTINS) | set(ALIASES) | set(optional_ids) \
        | {UNUSED_SUPPRESSION}
    for rule_id in config.disable:
        if rule_id not in known_ids:
            raise config.error("disable", _unknown_rule(rule_id, known_ids), rule_id)
    for rule_id in config.levels:
        if rule_id not in known_ids:
            raise config.error("levels", _unknown_rule(rule_id, known_ids), rule_id)
    # A former id (repeated-figure) names the check that replaced it (restatement).
    disabled = {ALIASES.get(rule_id, rule_id) for rule_id in config.disable}
    levels = {ALIASES.get(rule_id, rule_id): level for rule_id, level in config.levels.items()
              if rule_id in ALIASES}
    levels.update({rule_id: level for rule_id, level in config.levels.items()
                   if rule_id not in ALIASES})
    return [dataclasses.replace(rule, level=levels.get(rule.id, rule.level))
            for rule in rules if rule.id not in disabled
            and (rule.id in levels or not _opt_in(rule))]


def _opt_in(rule: Rule) -> bool:
    return rule.type in BUILTINS and getattr(builtin_module(rule.type), "OPT_IN", False)


def run_check(config: Config, extra_checks: Sequence[object] = (),
              optional_ids: Iterable[str] = (), *, on_file: FileDone | None = None,
              on_rule: Callable[[str], None] | None = None,
              drafts: Sequence[str] = (), cache: ExtractionCache | None = None,
              focus: Sequence[str] | None = None, corpus: Corpus | None = None) -> CheckResult:
    """Run ``factlint check`` as ``config`` says; raises ConfigError for bad settings.

    ``extra_checks`` are built-in checks made by the caller around state this stage
    does not know of (the ledger's :class:`~factlint.ledger.check.LedgerCheck`): each has
    ``NAME``, ``DEFAULT_LEVEL``, ``DESCRIPTION`` and ``check(rule, corpus, ctx)``, and is
    configured, disabled and reported like any built-in.  ``optional_ids`` are the ids of
    such checks that the configuration may name (``levels: {ledger: warning}``) in a run
    that does not make them.

    ``on_file`` and ``on_rule`` are told of each file read and each rule started (for
    a progress bar).  ``drafts`` are files checked with the corpus that are not part of
    it (see :class:`~factlint.rules.CheckContext`); ``cache`` keeps extractions between
    runs (see :class:`~factlint.corpus.ExtractionCache`).  With ``focus``, only
    findings about those files are wanted, and rules skip the rest where they can (see
    :func:`factlint.rules.scope.focused`); the others are still reported.  ``corpus``
    replaces reading ``config.paths`` (the language server passes the workspace's files
    with the editor's unsaved buffers in place of their copies on disk).
    """
    if not config.paths and not drafts and corpus is None:
        raise config.error("paths", "no files to check: give PATH arguments or set 'paths' "
                           "in [tool.factlint] or .factlint.yaml")
    sources, groups = load_sources(config.sources) if config.sources else ((), ())
    extra = {check.NAME: check for check in extra_checks}
    optional_ids = tuple(optional_ids)  # read twice below
    active = active_rules(config, extra_checks, optional_ids)

    notes: list[str] = []
    input_errors: list = []
    if corpus is None:
        corpus, input_errors = load_corpus(tuple(dict.fromkeys((*config.paths, *drafts))),
                                           sources=sources, groups=groups, notes=notes,
                                           on_file=on_file, cache=cache,
                                           options=config.read_options)
        if not corpus.documents and not input_errors:
            raise config.error("paths", "no files to check: no .txt, .md, .html or .docx "
                               "file in " + ", ".join(config.paths))
    if any(rule.type == cross_source.NAME for rule in active):
        notes.extend(cross_source.coverage_warnings(corpus))
    ctx = CheckContext(variants=config.measure_word_variants,
                       drafts=frozenset(resolved(path) for path in drafts),
                       focus=None if focus is None else frozenset(map(resolved, focus)),
                       range_connector=config.range_connector)
    raw, explained = run_rules(active, corpus, ctx, extra, on_rule)
    unique, known = _unique(raw, explained)
    report_unused = UNUSED_SUPPRESSION not in config.disable
    unused_level = config.levels.get(UNUSED_SUPPRESSION, "info")
    # Every rule id there is: active_rules has checked that each disabled one exists.
    known_ids = {rule.id for rule in active} | set(config.disable) | set(BUILTINS) \
        | set(ALIASES) | set(optional_ids) | {UNUSED_SUPPRESSION}
    finished, directive_errors = finish_findings(unique, corpus, active,
                                                 report_unused=report_unused,
                                                 known_ids=known_ids, unused_level=unused_level)
    # Proving a fix replaces the finding object; ``known`` holds the originals.
    known_keys = {_identity(f) for f in known}
    findings = tuple(sorted_findings(finished))

    infos = {rule.id: RuleInfo(rule.id, rule.level, rule.description or rule.message,
                               rule.link) for rule in sorted(active, key=lambda r: r.id)}
    if report_unused and any(f.rule == UNUSED_SUPPRESSION for f in findings):
        infos[UNUSED_SUPPRESSION] = RuleInfo(UNUSED_SUPPRESSION, unused_level,
                                             UNUSED_SUPPRESSION_DESCRIPTION)
        infos = dict(sorted(infos.items()))
    failing = any(fails(f.level, config.fail_on) for f in findings
                  if _identity(f) not in known_keys)
    errors = [str(exc) for exc in input_errors] + directive_errors
    exit_code = EXIT_ERROR if errors else EXIT_FINDINGS if failing else EXIT_OK
    return CheckResult(findings=findings, rules=infos, errors=errors, exit_code=exit_code,
                       warnings=notes, files=len(corpus.documents), corpus=corpus)


def _identity(finding: Finding) -> tuple:
    return (finding.rule, finding.level, finding.message, finding.location, finding.related)


def _unknown_rule(rule_id: str, known_ids: set[str]) -> str:
    import difflib

    message = f"unknown rule id '{rule_id}'"
    close = difflib.get_close_matches(rule_id, sorted(known_ids), n=1, cutoff=0.6)
    if close:
        message += f"; did you mean '{close[0]}'?"
    return message
