"""Which figures a YAML rule combines: those of one document at a time, unless it says
otherwise.

A rule that combines several figures (``sum``, ``compare``, ``derived``, ``duration``)
takes them all from one document: a corpus holds several versions of an article, and a
sum that adds one version's part to another version's total reports the correct
version as wrong; a duration rule over three versions would compare every version's
dates with every version's day counts and report one problem many times.  So such a
rule is evaluated on each document by itself, unless

* it says ``scope: corpus`` (figures may come from any file of the run), or
* its selectors name different ``files:`` (the author said where each figure is).

A document is evaluated when every selector picks a figure in it.  A selector that
picks nothing in any document is reported as with corpus scope (the figure was
deleted: the whole-corpus check says so before it combines anything); selectors that
each pick figures, but never all in one document, are one
finding at the rule, since nothing was compared.  ``consistent`` and ``expect``
compare each figure with others or with a value wherever it stands, so scope does not
change them.

The same decision tells the engine's stages (see :mod:`factlint.rules.engine`) where a
rule runs: :func:`stage_of` is ``document`` for a check whose module says
``SCOPE = "document"`` and for a rule evaluated per document here, ``group`` for a
module of ``SCOPE = "group"`` (cross-source), ``corpus`` for the rest.  So a rule
evaluated per document runs on the document alone wherever it is read (a Dask worker
too), and only the fallback below (no document holds all its figures) needs the
others.

YAML::

    - id: team-total
      type: sum
      level: error
      message: 医疗队总人数与各类人员之和不符
      scope: corpus                # optional: document (default) or corpus
      total: {pattern: "医疗队共{n}", files: ["001_*.txt"]}
      parts: [{subject: 医师, files: ["002_*.txt"]}, {subject: 护士, files: ["002_*.txt"]}]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..claims.collector import collector_paused
from ..claims.select import Selector, select
from ..model import Corpus, Finding, Location
from . import CheckContext, Rule

__all__ = ["SCOPES", "STAGES", "COMBINING_TYPES", "per_document", "selectors_of",
           "stage_of", "focused", "check_scoped"]

#: Values of a rule's ``scope`` key.
SCOPES: tuple[str, ...] = ("document", "corpus")
#: What a rule's check needs to see at once: one document, the versions of one article
#: (a version group), or every document.  A rule module says which with ``SCOPE``.
#: ``client``: a check bound to something only the process that started the run has
#: (the ledger's open database) takes small data from each document where it is read
#: (its ``gather``) and checks it there (its ``check_gathered``).
STAGES: tuple[str, ...] = ("document", "group", "corpus", "client")
#: Rule types that combine several figures, to which scope applies.
COMBINING_TYPES: frozenset[str] = frozenset({"sum", "compare", "derived", "duration"})

Check = Callable[[Rule, Corpus, CheckContext], Iterable[Finding]]


def selectors_of(options: Mapping[str, Any]) -> list[tuple[str, Selector]]:
    """Every selector of a rule's options with the role it is reported under
    (``total``, ``parts[2]``, ``days``)."""
    found: list[tuple[str, Selector]] = []
    for key, value in options.items():
        if isinstance(value, Selector):
            found.append((key, value))
        elif isinstance(value, (list, tuple)):
            found.extend((f"{key}[{i + 1}]", v) for i, v in enumerate(value)
                         if isinstance(v, Selector))
        elif isinstance(value, Mapping):
            found.extend((str(k), v) for k, v in value.items() if isinstance(v, Selector))
    return found


def per_document(rule: Rule) -> bool:
    """Whether ``rule`` is evaluated on each document by itself."""
    if rule.type not in COMBINING_TYPES or getattr(rule, "scope", "document") == "corpus":
        return False
    return len({selector.files for _, selector in selectors_of(rule.options)}) <= 1


def module_scope(module: object) -> str:
    """What a rule module says with ``SCOPE`` (default ``corpus``: whole documents)."""
    scope = getattr(module, "SCOPE", "corpus")
    if scope not in STAGES:
        raise ValueError(f"rule module {getattr(module, '__name__', module)!r} declares "
                         f"unknown SCOPE {scope!r}")
    return scope


def stage_of(rule: Rule, module: object | None = None) -> str:
    """``document``, ``group`` or ``corpus``: what ``rule`` must see at once.

    ``module`` is the rule's check (default: looked up by the rule's type)."""
    if per_document(rule):
        return "document"
    if module is None:
        from . import builtin_module

        module = builtin_module(rule.type)  # None: made by the caller (the ledger)
    return module_scope(module)


def focused(rule: Rule, corpus: Corpus, ctx: CheckContext,
            module: object | None = None) -> Corpus:
    """The part of ``corpus`` that can yield findings about ``ctx.focus``: its documents
    alone for a rule that never looks past one document, the version groups holding one
    of them for cross-source, everything for the rest (``consistent`` compares a draft
    with the whole corpus)."""
    if ctx.focus is None:
        return corpus
    stage = stage_of(rule, module)
    if stage == "document":
        documents = tuple(d for d in corpus.documents if ctx.resolved(d.path) in ctx.focus)
        return Corpus(documents, corpus.sources, corpus.groups)
    if stage == "group":
        groups = tuple(g for g in corpus.groups
                       if any(ctx.resolved(path) in ctx.focus for path in g.files))
        return Corpus(corpus.documents, corpus.sources, groups)
    return corpus


def check_scoped(rule: Rule, corpus: Corpus, ctx: CheckContext, check: Check,
                 module: object | None = None) -> list[Finding]:
    """``check`` over the corpus, or over each document by itself (see the module);
    with ``ctx.focus``, over only what can concern the focused files.  ``module`` is the
    rule's check module, when the caller has it (one made by the caller: the ledger).

    The cyclic collector is paused meanwhile (see :mod:`factlint.claims.collector`):
    a check allocates a few objects per figure and no cycles, and the collector's
    passes over every figure in memory were up to half of a cheap check's time on a
    1 MB document.
    """
    with collector_paused():
        return _check_scoped(rule, corpus, ctx, check, module)


def _check_scoped(rule: Rule, corpus: Corpus, ctx: CheckContext, check: Check,
                  module: object | None) -> list[Finding]:
    corpus = focused(rule, corpus, ctx, module)
    if not per_document(rule):
        return list(check(rule, corpus, ctx))
    selectors = selectors_of(rule.options)
    first_seen: list[str | None] = [None] * len(selectors)
    findings: list[Finding] = []
    evaluated = False
    for document in corpus.documents:
        alone = Corpus((document,), corpus.sources, corpus.groups)
        hits = [bool(select(alone, selector)) for _, selector in selectors]
        for index, hit in enumerate(hits):
            if hit and first_seen[index] is None:
                first_seen[index] = document.path
        if all(hits):
            evaluated = True
            findings.extend(check(rule, alone, ctx))
    if evaluated:
        return findings
    if not all(first_seen):
        # A selector picks nothing anywhere: the check over the whole corpus reports the
        # lost figure in its own words and stops before combining anything.
        return list(check(rule, corpus, ctx))
    places = "; ".join(f"'{role}' in {seen}"
                       for (role, _), seen in zip(selectors, first_seen, strict=True))
    path, line, column = rule.origin
    return [Finding(
        rule=rule.id, level=rule.level,
        message=f"{rule.message}: its figures are never all in one document ({places}), so "
                f"nothing was compared; a {rule.type} rule takes its figures from one "
                f"document unless it says 'scope: corpus' or its selectors name their "
                f"'files'",
        location=Location(path, line, column, line, column))]
