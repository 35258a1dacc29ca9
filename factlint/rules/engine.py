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

__all__ = ["CheckResult", "run_check", "builtin_rules", "apply_known", "run_rules"]

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


def _unique(findings: list[Finding], explained: set[int]) -> tuple[list[Finding], set[Finding]]:
    seen: dict[Finding, None] = {}
    known: set[Finding] = set()
    for index, finding in enumerate(findings):
        seen.setdefault(finding, None)
        if index in explained:
            known.add(finding)
    return list(seen), known


def run_check(config: Config, extra_checks: Sequence[object] = (),
              optional_ids: Iterable[str] = (), *, on_file: FileDone | None = None,
              on_rule: Callable[[str], None] | None = None,
              drafts: Sequence[str] = (), cache: ExtractionCache | None = None,
              focus: Sequence[str] | None = None) -> CheckResult:
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
    :func:`factlint.rules.scope.focused`); the others are still reported.
    """
    if not config.paths and not drafts:
        raise config.error("paths", "no files to check: give PATH arguments or set 'paths' "
                           "in [tool.factlint] or .factlint.yaml")
    sources, groups = load_sources(config.sources) if config.sources else ((), ())
    extra = {check.NAME: check for check in extra_checks}
    rules = load_rules(config.rules) + builtin_rules() + [_builtin_rule(c) for c in extra_checks]
    known_ids = {rule.id for rule in rules} | set(BUILTINS) | set(ALIASES) | set(optional_ids)
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
    active = [dataclasses.replace(rule, level=levels.get(rule.id, rule.level))
              for rule in rules if rule.id not in disabled]

    notes: list[str] = []
    corpus, input_errors = load_corpus(tuple(dict.fromkeys((*config.paths, *drafts))),
                                       sources=sources, groups=groups, notes=notes,
                                       on_file=on_file, cache=cache)
    if not corpus.documents and not input_errors:
        raise config.error("paths", "no files to check: no .txt or .md file in "
                           + ", ".join(config.paths))
    if any(rule.type == cross_source.NAME for rule in active):
        notes.extend(cross_source.coverage_warnings(corpus))
    ctx = CheckContext(variants=config.measure_word_variants,
                       drafts=frozenset(resolved(path) for path in drafts),
                       focus=None if focus is None else frozenset(map(resolved, focus)))
    raw, explained = run_rules(active, corpus, ctx, extra, on_rule)
    unique, known = _unique(raw, explained)
    findings = tuple(sorted_findings(unique))

    infos = {rule.id: RuleInfo(rule.id, rule.level, rule.description or rule.message,
                               rule.link) for rule in sorted(active, key=lambda r: r.id)}
    failing = any(fails(f.level, config.fail_on) for f in findings if f not in known)
    errors = [str(exc) for exc in input_errors]
    exit_code = EXIT_ERROR if errors else EXIT_FINDINGS if failing else EXIT_OK
    return CheckResult(findings=findings, rules=infos, errors=errors, exit_code=exit_code,
                       warnings=notes, files=len(corpus.documents), corpus=corpus)


def _unknown_rule(rule_id: str, known_ids: set[str]) -> str:
    import difflib

    message = f"unknown rule id '{rule_id}'"
    close = difflib.get_close_matches(rule_id, sorted(known_ids), n=1, cutoff=0.6)
    if close:
        message += f"; did you mean '{close[0]}'?"
    return message
