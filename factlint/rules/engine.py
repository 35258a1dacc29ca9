"""The rule engine behind ``factlint check``.

:func:`run_check` reads the sources file, the corpus and the rule files a
:class:`~factlint.settings.config.Config` names, runs every YAML rule and every built-in
check, then applies the configuration: ``disable`` drops rules, ``levels``
changes a rule's level before it runs, recorded errata (``known:``) turn the
findings they explain into info that never fails the run, and ``fail-on``
decides the exit status.  The result is sorted, so the same input always gives
the same report.

The seam between one document and many
--------------------------------------
A run is four plain functions of plain data, so that one process (:func:`run_local`,
the default) and a Dask cluster (:mod:`factlint.rules.dask_engine`) run the very same
code and give byte-identical reports; only the scheduling differs:

1. :func:`plan_check` (once, on the client): validate the settings, read the sources
   file and the rules into a picklable :class:`CheckPlan`, shipped once to workers.
2. :func:`check_document` (per file, anywhere): decode, normalise, extract, run every
   rule of ``document`` scope on that document alone, and cut the document into the
   *pieces* the cross-document rules need, each under a key (:func:`piece_keys`, the
   one call to swap for another keying, e.g. by claim).
3. :func:`check_key` (per key, anywhere): run the cross-document rules on the pieces
   gathered under one key: ``group`` scope rules (cross-source) on the versions of one
   article, each ``corpus`` scope rule (the YAML rules) on what its selectors see of
   every document.  A :class:`Gatherer` runs it as soon as a key is complete (the
   last version of an article read); keys still open at the end meet in a fold.
4. :func:`finish_check` (on the client): run the ``client`` stage rules over what each
   document gave them (:func:`check_gathered`: the ledger's lookup of each document's
   claims, where the ledger is open), drop duplicates, sort, gather the warnings (how
   files were read, version groups with one file in the run), and decide the exit
   status.

What the sources file says travels with the files it is about: a Dask task is sent the
plan without it (:meth:`CheckPlan.for_workers`) and the :class:`FileFacts` of its own
files (:class:`PlanFacts`, on the client), and each :class:`Piece` carries its
document's entry and groups to :func:`check_key`; so a worker's memory follows its
share of the work, not the size of the archive.

Where a rule runs is decided in one place, :func:`factlint.rules.scope.stage_of`: a
rule module says its scope with ``SCOPE`` (see :mod:`factlint.rules`), a module that
says none is of ``corpus`` scope and sees whole documents, which is always right; and a
YAML rule that combines figures (``sum``, ``compare``…) evaluated per document (see
:mod:`factlint.rules.scope`) is of ``document`` scope, with one key in stage 3 for the
case where no document holds all its figures.

Everything the hook needs travels in the plan: drafts and focus in its
:class:`~factlint.rules.CheckContext` (rules skip what cannot concern the focused
files, as :func:`~factlint.rules.scope.focused` says), the extraction cache for
:func:`check_document`.  Progress callbacks (files read, rules run) are for the local
loop; Dask shows its own progress.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .. import rules as _rules
from ..claims.select import Selector, select
from ..claims.select import _file_matches as file_matches
from ..corpus import ExtractionCache, FileDone, dateline_years, read_document
from ..model import (
    Corpus,
    Document,
    Finding,
    Location,
    RuleInfo,
    SourceInfo,
    VersionGroup,
    evolve,
    fails,
    sorted_findings,
)
from ..settings.config import Config
from ..settings.sources import load_sources, normalize_path, resolved, source_for
from ..text.directives import Suppressions
from ..text.files import InputError, display_name, working_on
from ..text.readers import DEFAULT_OPTIONS, ReadOptions, select_files
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
from .scope import STAGES, check_scoped, per_document, selectors_of, stage_of

__all__ = [
    "CheckPlan",
    "CheckResult",
    "DocumentOutcome",
    "Piece",
    "apply_known",
    "builtin_rules",
    "check_corpus",
    "check_document",
    "check_gathered",
    "check_key",
    "finish_check",
    "expected_pieces",
    "FileFacts",
    "PlanFacts",
    "Gatherer",
    "piece_keys",
    "plan_check",
    "run_check",
    "run_local",
    "run_rules",
    "active_rules",
    "finish_findings",
    "UNUSED_SUPPRESSION",
]

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
    ``on_rule`` is told of each rule started (a progress bar).  Each rule sees the
    figures :func:`~factlint.rules.scope.check_scoped` gives it (per document, focus).
    """
    findings: list[Finding] = []
    explained: set[int] = set()
    for rule in rules:
        working_on(f"rule '{rule.id}'")
        if on_rule is not None:
            on_rule(rule.id)
        module = _module_for(rule, extra)
        produced = []
        for finding in check_scoped(rule, corpus, ctx, module.check, module):
            if finding.rule != rule.id:  # a check reports under its own rule only
                finding = dataclasses.replace(finding, rule=rule.id)
            produced.append(finding)
        produced, known = apply_known(produced, rule)
        explained.update(len(findings) + i for i in known)
        findings.extend(produced)
    return findings, explained


#: A key of the cross-document stage: ("group", version group id) or ("rule", rule id).
PieceKey = tuple[str, str]


@dataclass(frozen=True)
class Piece:
    """What one document gives the cross-document stage under one key.

    ``index`` is the document's place in the run (discovery order), so that the
    documents gathered under a key are put back in the order the local engine has.
    """

    index: int
    document: Document
    #: For a rule evaluated per document: whether it was, on this document (every
    #: selector picks a figure in it); see :func:`check_key`.
    evaluated: bool = False
    #: What the sources file says of the document, and its version groups: the piece
    #: carries them, so that the task checking its key needs no sources file.
    source: SourceInfo | None = None
    groups: tuple[VersionGroup, ...] = ()


@dataclass(frozen=True)
class DocumentOutcome:
    """Everything :func:`check_document` learnt of one file."""

    index: int
    path: str
    findings: tuple[tuple[Finding, bool], ...] = ()  # (finding, explained by known:)
    error: str | None = None  # why the file could not be read, naming it
    pieces: tuple[tuple[PieceKey, Piece], ...] = ()
    document: Document | None = None  # when the plan keeps documents (html report)
    notes: tuple[str, ...] = ()  # warnings about how it was read (Big5 decoded)
    #: Its suppression comments (applied on the client to every stage's findings), or the
    #: error of a malformed one.
    suppressions: Suppressions | None = None
    directive_error: str | None = None
    #: For each rule of ``client`` stage, what this document gives it (rule id, value):
    #: the ledger's claims, looked up where the ledger is open (see :func:`finish_check`).
    gathered: tuple[tuple[str, Any], ...] = ()

    def reportable(self) -> bool:
        """Whether the result needs it: findings, an error, notes, suppression comments,
        what a client-stage rule gathered, or its document kept."""
        return (bool(self.findings) or self.error is not None or self.document is not None
                or bool(self.notes) or self.suppressions is not None
                or self.directive_error is not None or bool(self.gathered))


@dataclass(frozen=True)
class FileFacts:
    """What the sources file says of some files of a run: all a task that checks them
    needs of it (see :class:`PlanFacts`).

    Each source entry is spelt as the run spells its file (its path as reported), so
    that a worker whose working directory is not the client's still finds it by
    :func:`~factlint.settings.sources.resolved`, as the rules look it up.
    """

    sources: tuple[SourceInfo, ...] = ()
    groups: tuple[VersionGroup, ...] = ()
    #: As :attr:`CheckPlan.groups_of` and :attr:`CheckPlan.years`, for these files only.
    groups_of: dict[str, tuple[str, ...]] = field(default_factory=dict)
    years: dict[str, int] = field(default_factory=dict)
    #: How many pieces make each of their version groups' keys complete (of the whole
    #: run: :func:`expected_pieces`).
    expected: dict[PieceKey, int] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class CheckPlan:
    """The settings of one run as plain, picklable data: what every worker needs."""

    rules: tuple[Rule, ...]  # the active rules, levels applied
    ctx: CheckContext
    sources: tuple[SourceInfo, ...] = ()
    groups: tuple[VersionGroup, ...] = ()
    fail_on: str = "error"
    #: For each rule id, "document", "group" or "corpus" (see the module docstring).
    scopes: dict[str, str] = field(default_factory=dict)
    #: For each corpus-scope rule id, the selectors of its options; None: whole documents.
    selectors: dict[str, tuple[Selector, ...] | None] = field(default_factory=dict)
    #: For each file named in a version group, by resolved path, the ids of its groups.
    groups_of: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: The dateline year of each dated file, by resolved path (:func:`dateline_years`).
    years: dict[str, int] = field(default_factory=dict)
    #: Ids of the document-scope rules evaluated per document (YAML sum, compare…),
    #: which also have a key in stage 3 (see :func:`check_key`).
    each_document: frozenset[str] = frozenset()
    #: Where documents' extractions are kept between runs (the hook), or None.
    cache: ExtractionCache | None = None
    #: How files are read (format, include/exclude globs, front matter).
    options: ReadOptions = DEFAULT_OPTIONS
    #: Whether a suppression comment that silences nothing is reported, and at what level.
    report_unused: bool = True
    unused_level: str = "info"
    #: Every rule id there is (to tell a suppression comment's typo from a quiet rule).
    known_ids: frozenset[str] = frozenset()

    def rules_of(self, scope: str) -> list[Rule]:
        return [rule for rule in self.rules if self.scopes[rule.id] == scope]

    #: Each version group by its id (an archive has thousands: no scans).
    group_by_id: dict[str, VersionGroup] = field(default_factory=dict)

    def group(self, group_id: str) -> VersionGroup:
        return self.group_by_id[group_id]

    #: Checks made by the caller (run_check's ``extra_checks``), by type: local only.
    extra: dict[str, object] = field(default_factory=dict)
    #: Whether outcomes carry their document, for a result that holds the corpus (html).
    keep_documents: bool = False
    #: For each rule of ``client`` stage, the function that takes from one document what
    #: the rule needs of it (``gather(rule, corpus, ctx)``: plain data; it runs wherever
    #: the document is read); the rule's ``check_gathered`` runs in the client's process.
    gather: dict[str, Callable[[Rule, Corpus, CheckContext], Any]] = field(
        default_factory=dict)

    def for_workers(self) -> CheckPlan:
        """The plan without what the sources file says of every file (each task gets
        :class:`FileFacts` for its own files) and without the caller's checks (bound to
        this process): the part of the plan that is the same for every task."""
        return dataclasses.replace(self, sources=(), groups=(), groups_of={}, years={},
                                   group_by_id={}, extra={})

    def with_facts(self, facts: FileFacts) -> CheckPlan:
        """This plan with ``facts`` as all the sources file says (on a worker)."""
        return dataclasses.replace(
            self, sources=facts.sources, groups=facts.groups, groups_of=facts.groups_of,
            years=facts.years, group_by_id={group.id: group for group in reversed(facts.groups)})

    def cross_keys(self) -> list[PieceKey]:
        """The keys :func:`check_key` runs whether or not any document gave a piece.

        A corpus rule that sees no document still runs (it may report that its
        figure is missing), and so does a rule evaluated per document that no document
        gave a piece; a version group with no document has nothing to compare.
        """
        return [("rule", rule.id) for rule in self.rules
                if self.scopes[rule.id] == "corpus" or rule.id in self.each_document]


def rule_scope(rule: Rule, extra: Mapping[str, object] = MappingProxyType({})) -> str:
    """``document``, ``group`` or ``corpus``: what a rule's check needs to see at once
    (:func:`factlint.rules.scope.stage_of`)."""
    return stage_of(rule, _module_for(rule, extra))


#: What a rule needs at once: one document, the versions of one article, or every
#: document (what its selectors pick of them).
SCOPES: tuple[str, ...] = STAGES


def _selectors_in(value: Any) -> list[Selector]:
    if isinstance(value, Selector):
        return [value]
    if isinstance(value, Mapping):
        return [s for item in value.values() for s in _selectors_in(item)]
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in _selectors_in(item)]
    return []


def _suggest_only(rules: Sequence[Rule]) -> set[str]:
    """Ids of rules whose fixes are never applied automatically (SUGGEST_ONLY)."""
    return {rule.id for rule in rules if rule.type in BUILTINS
            and getattr(builtin_module(rule.type), "SUGGEST_ONLY", False)}


def _prove(findings: list[Finding], corpus: Corpus, rules: Sequence[Rule]) -> list[Finding]:
    if all(f.fix is None for f in findings):
        return findings  # nothing to prove (most documents): no per-document setup
    from .fixes import prove_findings

    proven = prove_findings(findings, corpus)
    never = _suggest_only(rules)
    return [dataclasses.replace(f, fix=dataclasses.replace(f.fix, safe=False))
            if f.fix is not None and f.fix.safe and f.rule in never else f for f in proven]


def directives_of(document: Document) -> tuple[Suppressions | None, str | None]:
    """The suppression comments of ``document`` (None if it has none), or the error of a
    malformed one."""
    from ..text.directives import DirectiveError, parse_directives

    try:
        # Comments are in the file as written (a Markdown or HTML comment, say), not in
        # the prose its reader made of it.
        parsed = parse_directives(document.original if document.original is not None
                                  else document.text, document.path)
    except DirectiveError as exc:
        return None, str(exc)
    return (parsed if parsed.directives else None), None


def _suppress(findings: list[Finding], corpus: Corpus, report_unused: bool,
              known_ids: set[str] | None = None, unused_level: str = "info"
              ) -> tuple[list[Finding], list[str]]:
    """Drop findings a suppression comment silences; report comments that silence nothing."""
    by_path: dict[str, Suppressions] = {}
    errors: list[str] = []
    for document in corpus.documents:
        parsed, error = directives_of(document)
        if error is not None:
            errors.append(error)
        elif parsed is not None:
            by_path[document.path] = parsed
    return silence(findings, by_path, report_unused, known_ids, unused_level), errors


def silence(findings: list[Finding], by_path: Mapping[str, Suppressions], report_unused: bool,
            known_ids: set[str] | None = None, unused_level: str = "info") -> list[Finding]:
    """``findings`` without those the files' suppression comments (``by_path``) silence,
    and with one finding for each comment that silences nothing (``report_unused``)."""
    if not by_path:
        return findings
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
    return kept


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


def plan_check(config: Config, extra_checks: Sequence[object] = (),
               optional_ids: Iterable[str] = (), keep_documents: bool = False, *,
               drafts: Sequence[str] = (), cache: ExtractionCache | None = None,
               focus: Sequence[str] | None = None, need_paths: bool = True) -> CheckPlan:
    """The rules, sources and settings of a run; raises ConfigError for bad settings.

    ``extra_checks`` are built-in checks made by the caller around state this stage
    does not know of (the ledger's :class:`~factlint.ledger.check.LedgerCheck`): each has
    ``NAME``, ``DEFAULT_LEVEL``, ``DESCRIPTION`` and ``check(rule, corpus, ctx)``, and is
    configured, disabled and reported like any built-in; they run in this process only.
    ``optional_ids`` are the ids of such checks that the configuration may name
    (``levels: {ledger: warning}``) in a run that does not make them.
    ``keep_documents`` puts the checked documents in the result (for the html report).

    ``drafts`` are files checked with the corpus that are not part of it (see
    :class:`~factlint.rules.CheckContext`); ``cache`` keeps extractions between runs
    (see :class:`~factlint.corpus.ExtractionCache`).  With ``focus``, only findings
    about those files are wanted, and rules skip the rest where they can (see
    :func:`factlint.rules.scope.focused`); the others are still reported.
    ``need_paths``: whether a run without paths or drafts is a configuration error
    (not when the caller hands over the documents, as the language server does).
    """
    if not config.paths and not drafts and need_paths:
        raise config.error("paths", "no files to check: give PATH arguments or set 'paths' "
                           "in [tool.factlint] or .factlint.yaml")
    sources, groups = load_sources(config.sources) if config.sources else ((), ())
    extra = {check.NAME: check for check in extra_checks}
    optional_ids = tuple(optional_ids)  # read twice below
    active = tuple(active_rules(config, extra_checks, optional_ids))
    scopes = {rule.id: rule_scope(rule, extra) for rule in active}
    each_document = frozenset(rule.id for rule in active if per_document(rule))
    selectors = {}
    for rule in active:
        if rule.id in each_document:
            selectors[rule.id] = tuple(selector for _, selector in selectors_of(rule.options))
        elif scopes[rule.id] == "corpus":
            found = tuple(_selectors_in(dict(rule.options)))
            selectors[rule.id] = found or None
    gather = {rule.id: _module_for(rule, extra).gather for rule in active
              if scopes[rule.id] == "client"}
    groups_of: dict[str, tuple[str, ...]] = {}
    for group in groups:
        for path in dict.fromkeys(map(resolved, group.files)):
            groups_of[path] = (*groups_of.get(path, ()), group.id)
    ctx = CheckContext(variants=config.measure_word_variants,
                       drafts=frozenset(resolved(path) for path in drafts),
                       focus=None if focus is None else frozenset(map(resolved, focus)),
                       range_connector=config.range_connector, base=os.getcwd())
    return CheckPlan(rules=active, ctx=ctx,
                     sources=tuple(sources), groups=tuple(groups), fail_on=config.fail_on,
                     scopes=scopes, selectors=selectors, groups_of=groups_of,
                     years=dateline_years(sources), each_document=each_document,
                     cache=cache, options=config.read_options,
                     group_by_id={group.id: group for group in reversed(groups)},
                     extra=extra, keep_documents=keep_documents, gather=gather,
                     report_unused=UNUSED_SUPPRESSION not in config.disable,
                     unused_level=config.levels.get(UNUSED_SUPPRESSION, "info"),
                     # Every rule id there is: active_rules checked each disabled one exists.
                     known_ids=frozenset({rule.id for rule in active} | set(config.disable)
                                         | set(BUILTINS) | set(ALIASES) | set(optional_ids)
                                         | {UNUSED_SUPPRESSION}))


def inputs_of(config: Config, drafts: Sequence[str] = ()) -> list[str]:
    """The files a run checks, in the order reports and errors list them; raises
    ConfigError when there are none."""
    paths = select_files(tuple(dict.fromkeys((*config.paths, *drafts))), config.read_options)
    if not paths:
        raise config.error("paths", "no files to check: no .txt, .md, .html or .docx "
                           "file in " + ", ".join(config.paths))
    return paths


def _run_marked(rules: Sequence[Rule], corpus: Corpus, ctx: CheckContext,
                extra: Mapping[str, object]) -> tuple[tuple[Finding, bool], ...]:
    findings, explained = run_rules(rules, corpus, ctx, extra)
    # Each fix is proven against the documents the rule saw (the finding's own).
    findings = _prove(findings, corpus, rules)
    return tuple((finding, index in explained) for index, finding in enumerate(findings))


def seen_by(selectors: tuple[Selector, ...], document: Document) -> Document | None:
    """What a rule with these selectors can see of ``document``, or None if nothing.

    :func:`~factlint.claims.select.select` looks at a claim's quantity, its sentence
    and the other figures of that sentence; a rule looks at the paths of the other
    documents (``every-file``, whether a selector's ``files`` are in the run).  So a
    document keeps its path and the whole sentences in which a selector picks a
    claim; everything else stays on the worker.
    """
    if not any(not s.files or file_matches(document.path, s.files) for s in selectors):
        return None  # every selector names files, none of them this one
    alone = Corpus((document,))
    wanted = sorted({claim.quantity.sentence for selector in selectors
                     for claim in select(alone, selector)})
    renumber = {old: new for new, old in enumerate(wanted)}
    quantities = tuple(evolve(q, sentence=renumber[q.sentence])
                       for q in document.quantities if q.sentence in renumber)
    # Detached: a sentence of the whole document would carry the document's text along.
    sentences = tuple(document.sentences[old].detached() for old in wanted)
    return Document(path=document.path, text="", quantities=quantities, sentences=sentences)


def piece_keys(plan: CheckPlan, index: int, document: Document,
               file: str | None = None, evaluated: Mapping[str, bool] = MappingProxyType({})
               ) -> list[tuple[PieceKey, Piece]]:
    """The pieces ``document`` gives the cross-document stage, each under its key.

    The one place that decides how cross-document work is partitioned: the versions
    of one article meet under their group's id, and each corpus rule gathers what its
    selectors see under its own id.  ``file`` is the document's resolved path (default:
    its path resolved here); ``evaluated`` says, for each rule evaluated per document
    that may concern it, whether the rule was (otherwise it gives no piece).
    """
    pieces: list[tuple[PieceKey, Piece]] = []
    if file is None:
        file = resolved(document.path)
    group_ids = plan.groups_of.get(file, ())
    facts: dict[str, Any] = {}

    def piece(seen: Document, evaluated: bool = False) -> Piece:
        if not facts:  # looked up once, and only for a document that gives a piece
            facts.update(source=source_for(document.path, plan.sources),
                         groups=tuple(plan.group(group_id) for group_id in group_ids))
        return Piece(index, seen, evaluated, **facts)

    if plan.rules_of("group"):
        for group_id in group_ids:
            pieces.append((("group", group_id), piece(document)))
    for rule_id, done in evaluated.items():
        seen = seen_by(plan.selectors[rule_id], document)
        if seen is not None:
            pieces.append((("rule", rule_id), piece(seen, done)))
    for rule in plan.rules_of("corpus"):
        selectors = plan.selectors[rule.id]
        seen = document if selectors is None else seen_by(selectors, document)
        if seen is not None:
            pieces.append((("rule", rule.id), piece(seen)))
    return pieces


def check_document(plan: CheckPlan, index: int, path: str,
                   read_from: str | None = None, on_file: FileDone | None = None,
                   file: str | None = None) -> DocumentOutcome:
    """Stage 2: read one file, run the document rules on it, cut its pieces.

    An unreadable file is an outcome with ``error`` set, not an exception, so that
    a run reports every bad file and still checks the rest.  ``on_file`` is told of
    the file once read (a progress bar); ``file`` is the :func:`resolved` path of
    ``read_from or path``, when the caller has it already.
    """
    if file is None:
        file = resolved(read_from or path)
    notes: list[str] = []
    try:
        document = read_document(path, year=plan.years.get(file), read_from=read_from,
                                 notes=notes, cache=plan.cache, options=plan.options)
    except InputError as exc:
        return DocumentOutcome(index=index, path=display_name(path), error=str(exc),
                               notes=tuple(notes))
    if on_file is not None:
        on_file(document.path, len(document.text))
    return check_read(plan, index, document, file, tuple(notes))


def check_read(plan: CheckPlan, index: int, document: Document, file: str | None = None,
               notes: tuple[str, ...] = ()) -> DocumentOutcome:
    """Stage 2 for a document already read (an editor's unsaved buffer, say): the
    document rules on it and its pieces.  ``file`` is its resolved path (default: of
    ``document.path``); ``notes``, warnings about how it was read."""
    if file is None:
        file = resolved(document.path)
    alone = Corpus((document,), plan.sources, plan.groups)
    rules: list[Rule] = []
    evaluated: dict[str, bool] = {}
    in_focus = plan.ctx.focus is None or file in plan.ctx.focus
    for rule in plan.rules_of("document"):
        if rule.id not in plan.each_document:
            rules.append(rule)
        elif in_focus:  # out of focus, the whole-run evaluation never sees it either
            # Evaluated here when every selector picks a figure in this document; what
            # it picks is also a piece, for when no document holds them all (check_key).
            evaluated[rule.id] = all(select(alone, selector)
                                     for selector in plan.selectors[rule.id])
            if evaluated[rule.id]:
                rules.append(rule)
    suppressions, directive_error = directives_of(document)
    gathered = []
    for rule in plan.rules_of("client"):
        working_on(f"rule '{rule.id}'")
        gathered.append((rule.id, plan.gather[rule.id](rule, alone, plan.ctx)))
    return DocumentOutcome(index=index, path=document.path,
                           suppressions=suppressions, directive_error=directive_error,
                           findings=_run_marked(rules, alone, plan.ctx, plan.extra),
                           document=document if plan.keep_documents else None,
                           pieces=tuple(piece_keys(plan, index, document, file, evaluated)),
                           notes=notes, gathered=tuple(gathered))


def check_key(plan: CheckPlan, key: PieceKey, pieces: Iterable[Piece]
              ) -> tuple[tuple[Finding, bool], ...]:
    """Stage 3: the cross-document rules over the pieces gathered under ``key``."""
    pieces = sorted(pieces, key=lambda p: p.index)
    documents = tuple(piece.document for piece in pieces)
    # What the sources file says of these documents travelled with them: the task needs
    # no sources file, and sees of it what the whole file would show these documents.
    sources = tuple(dict.fromkeys(p.source for p in pieces if p.source is not None))
    groups = tuple(dict.fromkeys(group for piece in pieces for group in piece.groups))
    kind, name = key
    if kind == "group":
        corpus = Corpus(documents, sources, tuple(g for g in groups if g.id == name))
        return _run_marked(plan.rules_of("group"), corpus, plan.ctx, plan.extra)
    if kind == "rule":
        rule = next(rule for rule in plan.rules if rule.id == name)
        if rule.id in plan.each_document:
            # Evaluated on some document: that is its answer, found in stage 2.  On none:
            # the whole run's answer (a lost figure, or figures never together).
            if any(piece.evaluated for piece in pieces):
                return ()
        return _run_marked([rule], Corpus(documents, sources, groups), plan.ctx, plan.extra)
    raise ValueError(f"unknown key {key!r}")


def check_gathered(plan: CheckPlan, gathered: Mapping[str, Sequence[Any]],
                   on_rule: Callable[[str], None] | None = None
                   ) -> tuple[tuple[Finding, bool], ...]:
    """The rules of ``client`` stage, in this process, over what each document gave
    them (``gathered``: by rule id, in the order of the run's files).

    Such a rule is bound to something only this process has (the ledger's open
    database), so it runs here and nowhere else; what it is sent is small (the ledger:
    each document's claims, never the document).
    """
    findings: list[Finding] = []
    explained: set[int] = set()
    for rule in plan.rules_of("client"):
        working_on(f"rule '{rule.id}'")
        if on_rule is not None:
            on_rule(rule.id)
        module = _module_for(rule, plan.extra)
        produced = [f if f.rule == rule.id else dataclasses.replace(f, rule=rule.id)
                    for f in module.check_gathered(rule, gathered.get(rule.id, ()), plan.ctx)]
        produced, known = apply_known(produced, rule)
        explained.update(len(findings) + i for i in known)
        findings.extend(produced)
    # No document is here to prove a fix against: a fix of such a rule is never safe.
    findings = _prove(findings, Corpus(()), plan.rules_of("client"))
    return tuple((finding, index in explained) for index, finding in enumerate(findings))


def finish_check(plan: CheckPlan, outcomes: Iterable[DocumentOutcome],
                 cross: Iterable[Iterable[tuple[Finding, bool]]],
                 paths: Sequence[str] = (),
                 on_rule: Callable[[str], None] | None = None) -> CheckResult:
    """Stage 4: the client-stage rules (:func:`check_gathered`); every finding once,
    sorted; errors and warnings in input order; the exit status.

    ``paths`` are the files of the run (:func:`inputs_of`): with the outcomes' errors
    they say which files were read, for the count and the version groups of which only
    one file was (:func:`~factlint.rules.cross_source.coverage_warnings`).  ``on_rule``
    is told of each client-stage rule run (a progress bar).
    """
    unique: dict[Finding, None] = {}
    known: set[Finding] = set()
    errors: list[tuple[int, str]] = []
    directive_errors: list[tuple[int, str]] = []
    by_path: dict[str, Suppressions] = {}
    notes: list[tuple[int, tuple[str, ...]]] = []

    def add(marked: Iterable[tuple[Finding, bool]]) -> None:
        for finding, explained in marked:
            unique.setdefault(finding, None)
            if explained:
                known.add(finding)

    documents: list[tuple[int, Document]] = []
    gathered: dict[str, list[tuple[int, Any]]] = {}
    for outcome in outcomes:
        for rule_id, value in outcome.gathered:
            gathered.setdefault(rule_id, []).append((outcome.index, value))
        if outcome.error is not None:
            errors.append((outcome.index, outcome.error))
        if outcome.notes:
            notes.append((outcome.index, outcome.notes))
        if outcome.directive_error is not None:
            directive_errors.append((outcome.index, outcome.directive_error))
        if outcome.suppressions is not None:
            by_path[outcome.path] = outcome.suppressions
        if outcome.document is not None:
            documents.append((outcome.index, outcome.document))
        add(outcome.findings)
    for marked in cross:
        add(marked)
    if plan.rules_of("client"):
        add(check_gathered(plan, {rule_id: [value for _, value in sorted(values, key=_first)]
                                  for rule_id, values in gathered.items()}, on_rule))
    findings = tuple(sorted_findings(silence(list(unique), by_path, plan.report_unused,
                                             set(plan.known_ids), plan.unused_level)))
    infos = {rule.id: RuleInfo(rule.id, rule.level, rule.description or rule.message,
                               rule.link) for rule in sorted(plan.rules, key=lambda r: r.id)}
    if plan.report_unused and any(f.rule == UNUSED_SUPPRESSION for f in findings):
        infos[UNUSED_SUPPRESSION] = RuleInfo(UNUSED_SUPPRESSION, plan.unused_level,
                                             UNUSED_SUPPRESSION_DESCRIPTION)
        infos = dict(sorted(infos.items()))
    failing = any(fails(f.level, plan.fail_on) for f in findings if f not in known)
    messages = [message for _, message in sorted(errors)]
    messages += [message for _, message in sorted(directive_errors)]
    unread = {index for index, _ in errors}
    warnings = [note for _, found in sorted(notes, key=lambda pair: pair[0]) for note in found]
    if plan.groups and any(rule.type == cross_source.NAME for rule in plan.rules):
        # The names read only when there are groups to cover (the hook has none here:
        # a name made per corpus file is what a commit would pay for nothing).
        read = [display_name(path) for index, path in enumerate(paths) if index not in unread]
        warnings.extend(coverage_warnings(plan.groups, read))
    exit_code = EXIT_ERROR if messages else EXIT_FINDINGS if failing else EXIT_OK
    corpus = None
    if plan.keep_documents:
        corpus = Corpus(tuple(doc for _, doc in sorted(documents, key=lambda pair: pair[0])),
                        plan.sources, plan.groups)
    return CheckResult(findings=findings, rules=infos, errors=messages, exit_code=exit_code,
                       warnings=warnings, files=len(paths) - len(unread), corpus=corpus)


def _first(pair: tuple[int, Any]) -> int:
    return pair[0]


def coverage_warnings(groups: Sequence[VersionGroup], read: Sequence[str]) -> list[str]:
    """:func:`factlint.rules.cross_source.coverage_warnings` from the paths of the files
    read, without their documents (which stayed where they were read)."""
    if not groups:
        return []  # nothing to resolve the paths read for
    documents = tuple(Document(path=path, text="", quantities=(), sentences=())
                      for path in read)
    return cross_source.coverage_warnings(Corpus(documents, (), tuple(groups)))


def expected_pieces(plan: CheckPlan, paths: Sequence[str],
                    files: Sequence[str] | None = None) -> dict[PieceKey, int]:
    """How many pieces make each version group's key complete: its members in the run.

    ``files`` are the paths :func:`resolved`, when the caller has them already.  A
    corpus rule's key is complete only when every document is in, so it is not here.
    """
    expected: dict[PieceKey, int] = {}
    if plan.rules_of("group"):
        for path in dict.fromkeys(map(resolved, paths) if files is None else files):
            for group_id in plan.groups_of.get(path, ()):
                key = ("group", group_id)
                expected[key] = expected.get(key, 0) + 1
    return expected


class PlanFacts:
    """What the sources file says of each file of a run, indexed once on the client, so
    that each task is sent :class:`FileFacts` of its own files, not the whole file: a
    worker's memory then follows its share of the work, not the archive.

    ``expected`` is :func:`expected_pieces` of the run.
    """

    def __init__(self, plan: CheckPlan, expected: Mapping[PieceKey, int]) -> None:
        self.plan = plan
        self.expected = expected
        self.source_of: dict[str, SourceInfo] = {}
        for info in plan.sources:
            self.source_of.setdefault(resolved(info.path), info)

    def of(self, files: Iterable[tuple[str, str]]) -> FileFacts:
        """The facts of ``files``: (path as given, its :func:`resolved` path) pairs."""
        plan = self.plan
        sources: list[SourceInfo] = []
        groups: dict[str, VersionGroup] = {}
        groups_of: dict[str, tuple[str, ...]] = {}
        years: dict[str, int] = {}
        expected: dict[PieceKey, int] = {}
        for path, file in files:
            info = self.source_of.get(file)
            if info is not None:
                sources.append(dataclasses.replace(info, path=display_name(path)))
            if file in plan.years:
                years[file] = plan.years[file]
            group_ids = plan.groups_of.get(file, ())
            if group_ids:
                groups_of[file] = group_ids
            for group_id in group_ids:
                groups.setdefault(group_id, plan.group(group_id))
                if ("group", group_id) in self.expected:
                    expected["group", group_id] = self.expected["group", group_id]
        return FileFacts(tuple(sources), tuple(groups.values()), groups_of, years, expected)


class Gatherer:
    """Pieces gathered per key; a key whose pieces are all in is checked at once.

    So the versions of one article are compared as soon as the last of them is read,
    and only the keys still open (the corpus rules', a group whose versions were read
    elsewhere) are held: memory follows what is open, not the corpus.
    """

    def __init__(self, plan: CheckPlan, expected: Mapping[PieceKey, int]) -> None:
        self.plan = plan
        self.expected = expected
        self.open: dict[PieceKey, list[Piece]] = {}
        self.findings: list[tuple[tuple[Finding, bool], ...]] = []

    def add(self, key: PieceKey, piece: Piece) -> None:
        pieces = self.open.setdefault(key, [])
        pieces.append(piece)
        if len(pieces) == self.expected.get(key):
            self.findings.append(check_key(self.plan, key, self.open.pop(key)))

    def add_outcome(self, outcome: DocumentOutcome) -> DocumentOutcome:
        """Take the outcome's pieces; return the outcome without them."""
        for key, piece in outcome.pieces:
            self.add(key, piece)
        return dataclasses.replace(outcome, pieces=())

    def close(self, on_rule: Callable[[str], None] | None = None
              ) -> list[tuple[tuple[Finding, bool], ...]]:
        """Check every key still open (and the corpus rules no document reached);
        ``on_rule`` is told of each rule that runs on them (a progress bar)."""
        for key in self.plan.cross_keys():
            self.open.setdefault(key, [])
        told: set[str] = set()
        for key, pieces in self.open.items():
            if on_rule is not None:
                kind, name = key
                for rule_id in ([r.id for r in self.plan.rules_of("group")]
                                if kind == "group" else [name]):
                    if rule_id not in told:
                        told.add(rule_id)
                        on_rule(rule_id)
            self.findings.append(check_key(self.plan, key, pieces))
        self.open = {}
        return self.findings


def run_local(plan: CheckPlan, paths: Sequence[str], *, on_file: FileDone | None = None,
              on_rule: Callable[[str], None] | None = None,
              documents: Sequence[Document] | None = None) -> CheckResult:
    """Run the stages in this process, one document at a time.

    Only each document's findings and the open keys' pieces are kept, never the corpus.
    ``on_file`` is told of each file read, ``on_rule`` of each rule of the last stage
    (the keys still open once every file is read): a progress bar.  With ``documents``
    (already read: the language server's), those are checked instead of reading
    ``paths``, which are then their paths.
    """
    if documents is not None:
        paths = [document.path for document in documents]
    # Each path resolved once (a realpath is a system call per folder of it).
    files = [resolved(path) for path in paths] if documents is None else None
    gatherer = Gatherer(plan, expected_pieces(plan, paths, files))
    outcomes = []
    for index, path in enumerate(paths):
        if files is None:
            outcome = check_read(plan, index, documents[index])
        else:
            outcome = check_document(plan, index, path, on_file=on_file, file=files[index])
        outcome = gatherer.add_outcome(outcome)
        if outcome.reportable():
            outcomes.append(outcome)
    return finish_check(plan, outcomes, gatherer.close(on_rule), paths, on_rule)


def run_check(config: Config, extra_checks: Sequence[object] = (),
              optional_ids: Iterable[str] = (), keep_documents: bool = True, *,
              on_file: FileDone | None = None, on_rule: Callable[[str], None] | None = None,
              drafts: Sequence[str] = (), cache: ExtractionCache | None = None,
              focus: Sequence[str] | None = None, corpus: Corpus | None = None) -> CheckResult:
    """Run ``factlint check`` as ``config`` says, in this process; raises ConfigError.

    See :func:`plan_check` for ``extra_checks``, ``optional_ids``, ``keep_documents``,
    ``drafts``, ``cache`` and ``focus``, :func:`run_local` for ``on_file`` and
    ``on_rule``.  The drafts are checked with the configured paths.  ``corpus``
    replaces reading ``config.paths``: its documents are checked as they are (the
    language server passes the workspace's files with the editor's unsaved buffers in
    place of their copies on disk).
    """
    plan = plan_check(config, extra_checks, optional_ids, keep_documents, drafts=drafts,
                      cache=cache, focus=focus, need_paths=corpus is None)
    if corpus is not None:
        return run_local(plan, (), on_file=on_file, on_rule=on_rule,
                         documents=corpus.documents)
    return run_local(plan, inputs_of(config, drafts), on_file=on_file, on_rule=on_rule)


def check_corpus(paths: Sequence[str] | None = None, config: Config | None = None,
                 client: Any = None, *, extra_checks: Sequence[object] = (),
                 optional_ids: Iterable[str] = (), keep_documents: bool = False,
                 on_file: FileDone | None = None, on_rule: Callable[[str], None] | None = None,
                 progress: bool | None = None) -> CheckResult:
    """Check ``paths`` (default: the config's) with ``config``; on Dask if ``client`` is given.

    ``client`` is a ``distributed.Client``; without one the check runs in this
    process and Dask is not imported.  Either way the result is the same.
    ``on_file`` and ``on_rule`` are for a progress bar of the local engine (see
    :func:`run_local`); ``progress`` is Dask's (default: when stderr is a terminal).
    """
    config = config or Config()
    if paths is not None:
        config = dataclasses.replace(config, paths=tuple(os.fspath(p) for p in paths))
    plan = plan_check(config, extra_checks, optional_ids, keep_documents)
    if client is None:
        return run_local(plan, inputs_of(config), on_file=on_file, on_rule=on_rule)
    if any(plan.scopes[rule.id] != "client" for rule in plan.rules if rule.type in plan.extra):
        raise ValueError("checks made by the caller (extra_checks) run in this process "
                         "only, unless they are of client stage (gather, check_gathered): "
                         "call check_corpus without a client")
    from .dask_engine import run_dask

    return run_dask(plan, inputs_of(config), client, progress=progress)


def _identity(finding: Finding) -> tuple:
    return (finding.rule, finding.level, finding.message, finding.location, finding.related)


def _unknown_rule(rule_id: str, known_ids: set[str]) -> str:
    import difflib

    message = f"unknown rule id '{rule_id}'"
    close = difflib.get_close_matches(rule_id, sorted(known_ids), n=1, cutoff=0.6)
    if close:
        message += f"; did you mean '{close[0]}'?"
    return message
