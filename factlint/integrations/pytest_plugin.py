"""factlint's pytest plugin: YAML rules as test items, and claims as fixtures.

Registered through the ``pytest11`` entry point, so installing factlint is enough.
It does nothing in a project that does not use factlint: it is on when the pytest
config sets ``factlint_rules`` or ``factlint_corpus``, or a factlint config
(``.factlint.yaml`` or ``[tool.factlint]``) is found from pytest's rootdir.

Settings (pytest ini options; each falls back to the factlint config, then to a
default): ``factlint_rules`` rule files or folders (``rules/``), ``factlint_corpus``
files or folders to check (``seeds/``), ``factlint_sources`` the sources file
(none).  Levels, ``disable``, ``fail-on`` and ``measure-word-variants`` come from
the factlint config.

* Every rule of a rules file that pytest collects is one test item named after
  the rule id.  It fails when the rule reports a finding at or above ``fail-on``,
  showing each claim as written, as an interval, and where it stands; it is an
  xfail when every finding is a recorded erratum (``known:``), with the reason;
  a rules file that does not load is a collection error ``file:line:col: message``.
* Suppression comments in the corpus files (``<!-- factlint-disable RULE -->`` and the
  rest, see :mod:`factlint.text.directives`) are honoured as ``factlint check`` honours
  them: a silenced finding neither fails a rule's test nor warns; a malformed comment
  fails the test naming its file and line.
* The ``factlint_corpus`` fixture finds claims for assertions in Python::

      def test_donors(factlint_corpus):
          donors = factlint_corpus.claim(subject="党员", near="捐款", files="004_*.txt")
          assert donors == factlint.approx("7436万多名")
"""

from __future__ import annotations

import dataclasses
import os
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from ..text.files import display_path  # light: keeps plugin import cheap

__all__ = ["ClaimFinder", "FactlintFindingWarning"]

_RULE_SUFFIXES = (".yaml", ".yml")


class FactlintFindingWarning(UserWarning):
    """A finding below ``fail-on``: reported, but it does not fail the rule's test."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("factlint_rules", "factlint rule files or folders: each rule is a test "
                  "(default: the factlint config's 'rules', else rules/)", type="paths")
    parser.addini("factlint_corpus", "files or folders the factlint rules check "
                  "(default: the factlint config's 'paths', else seeds/)", type="paths")
    parser.addini("factlint_sources", "factlint sources file: dateline dates and version "
                  "groups (default: the factlint config's 'sources')", type="paths")


# ----------------------------------------------------------------------------- settings




@dataclasses.dataclass
class _Settings:
    enabled: bool
    rules: tuple[Path, ...] = ()
    corpus: tuple[str, ...] = ()
    sources: str | None = None
    levels: dict[str, str] = dataclasses.field(default_factory=dict)
    disable: tuple[str, ...] = ()
    fail_on: str = "error"
    variants: str = "warning"
    config_file: str | None = None
    seen_ids: dict[str, str] = dataclasses.field(default_factory=dict)
    _corpus: Any = None
    _quantities: dict | None = None
    _suppressions: tuple[dict, tuple[str, ...]] | None = None

    def load_corpus(self):
        """The corpus, read once per session; raises CorpusError if a file cannot be read."""
        if self._corpus is None:
            from ..corpus import load_corpus
            from ..settings.sources import load_sources

            sources, groups = load_sources(self.sources) if self.sources else ((), ())
            corpus, errors = load_corpus(self.corpus, sources=sources, groups=groups)
            if errors:
                raise CorpusError("\n".join(str(exc) for exc in errors))
            self._corpus = corpus
        return self._corpus

    def suppressions(self) -> tuple[dict, tuple[str, ...]]:
        """The corpus files' suppression comments by path, and the malformed ones' errors."""
        if self._suppressions is None:
            from ..rules.engine import directives_of

            by_path, errors = {}, []
            for document in self.load_corpus().documents:
                parsed, error = directives_of(document)
                if error is not None:
                    errors.append(error)
                elif parsed is not None:
                    by_path[document.path] = parsed
            self._suppressions = by_path, tuple(errors)
        return self._suppressions

    def quantity_at(self, path: str, line: int, column: int):
        if self._quantities is None:
            self._quantities = {
                (q.span.path, q.span.line, q.span.column): q
                for doc in self.load_corpus().documents for q in doc.quantities}
        return self._quantities.get((path, line, column))


_SETTINGS = pytest.StashKey[_Settings]()


class CorpusError(Exception):
    """A corpus file that cannot be read or decoded, or holds a malformed suppression."""


def _settings(config: pytest.Config) -> _Settings:
    if _SETTINGS not in config.stash:
        config.stash[_SETTINGS] = _read_settings(config)
    return config.stash[_SETTINGS]


def _read_settings(config: pytest.Config) -> _Settings:
    from ..settings.config import find_config, load_config
    from ..settings.yamlload import ConfigError

    rules_ini = [Path(p) for p in config.getini("factlint_rules")]
    corpus_ini = [Path(p) for p in config.getini("factlint_corpus")]
    sources_ini = [Path(p) for p in config.getini("factlint_sources")]
    root = Path(config.rootpath)
    found = find_config(str(root))
    if not (rules_ini or corpus_ini or sources_ini or found):
        return _Settings(enabled=False)
    fl_config = None
    if found is not None:
        try:
            fl_config = load_config(str(root), config_path=found)
        except ConfigError as exc:
            raise pytest.UsageError(f"factlint: {exc}") from None

    if rules_ini:
        rules = tuple(p.resolve() for p in rules_ini)
    elif fl_config is not None and fl_config.rules:
        rules = tuple(Path(p).resolve() for p in fl_config.rules)
    else:
        rules = ((root / "rules").resolve(),)
    if corpus_ini:
        corpus = tuple(display_path(p) for p in corpus_ini)
    elif fl_config is not None and fl_config.paths:
        corpus = tuple(display_path(p) for p in fl_config.paths)
    else:
        corpus = (display_path(root / "seeds"),)
    if len(sources_ini) > 1:
        raise pytest.UsageError("factlint: factlint_sources names one sources file, "
                                f"not {len(sources_ini)}")
    if sources_ini:
        sources: str | None = display_path(sources_ini[0])
    else:
        sources = display_path(fl_config.sources) if fl_config and fl_config.sources else None
    if sources is not None and not os.path.isfile(sources):
        raise pytest.UsageError(f"factlint: sources file not found: '{sources}'")

    settings = _Settings(enabled=True, rules=rules, corpus=corpus, sources=sources)
    if fl_config is not None:
        settings.levels = dict(fl_config.levels)
        settings.disable = tuple(fl_config.disable)
        settings.fail_on = fl_config.fail_on
        settings.variants = fl_config.measure_word_variants
        settings.config_file = fl_config.file
    return settings


def pytest_report_header(config: pytest.Config) -> str | None:
    settings = _settings(config)
    if not settings.enabled:
        return None
    rules = ", ".join(display_path(p) for p in settings.rules)
    return f"factlint: rules {rules}; corpus {', '.join(settings.corpus)}"


# ----------------------------------------------------------------------------- rule items


def _is_rules_file(settings: _Settings, file_path: Path) -> bool:
    if file_path.suffix not in _RULE_SUFFIXES:
        return False
    resolved = file_path.resolve()
    return any(resolved == rules or rules in resolved.parents for rules in settings.rules)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    settings = _settings(parent.config)
    if settings.enabled and _is_rules_file(settings, file_path):
        return RulesFile.from_parent(parent, path=file_path)
    return None


class RulesFile(pytest.File):
    """A factlint rules file: one test item per rule."""

    def collect(self) -> Iterator[RuleItem]:
        from ..rules import load_rules
        from ..settings.yamlload import ConfigError

        settings = _settings(self.config)
        display = display_path(self.path)
        rules = load_rules([display])  # raises ConfigError at file:line:col
        for rule in rules:
            where = f"{rule.origin[0]}:{rule.origin[1]}:{rule.origin[2]}"
            first = settings.seen_ids.setdefault(rule.id, where)
            if first != where:
                raise ConfigError(*rule.origin, f"duplicate rule id '{rule.id}' "
                                  f"(first defined at {first})")
            yield RuleItem.from_parent(self, name=rule.id, rule=rule)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style=None):
        from ..settings.yamlload import ConfigError

        if isinstance(excinfo.value, ConfigError):
            return str(excinfo.value)
        return super().repr_failure(excinfo)


class RuleFailed(Exception):
    """A rule reported findings at or above ``fail-on``."""

    def __init__(self, failing: Sequence, others: Sequence, known: Sequence) -> None:
        super().__init__(f"{len(failing)} finding(s)")
        self.failing = failing
        self.others = others
        self.known = known


class RuleItem(pytest.Item):
    """One YAML rule, run over the whole configured corpus."""

    def __init__(self, *, rule, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # Plugins that wrap pytest_runtest_call may assume every item has funcargs, as
        # pytest's Function items do (pytest-lsp 1.0 fails "did not yield" otherwise).
        self.funcargs: dict[str, Any] = {}
        self.rule = rule
        self.add_marker(pytest.mark.factlint)

    def runtest(self) -> None:
        from ..model import fails
        from ..rules import CheckContext
        from ..rules.engine import run_rules, silence

        settings = _settings(self.config)
        if self.rule.id in settings.disable:
            pytest.skip(f"rule '{self.rule.id}' is disabled in {settings.config_file}")
        rule = dataclasses.replace(self.rule,
                                   level=settings.levels.get(self.rule.id, self.rule.level))
        corpus = settings.load_corpus()
        findings, explained = run_rules([rule], corpus, CheckContext(variants=settings.variants))
        by_path, errors = settings.suppressions()
        if errors:  # as `factlint check` does: a malformed comment is an error, not ignored
            raise CorpusError("\n".join(errors))
        # A finding a suppression comment silences is not seen, as in `factlint check`;
        # a comment that silences nothing is that command's business, not this rule's.
        known = silence([f for i, f in enumerate(findings) if i in explained], by_path, False)
        unexplained = silence([f for i, f in enumerate(findings) if i not in explained],
                              by_path, False)
        failing = [f for f in unexplained if fails(f.level, settings.fail_on)]
        below = [f for f in unexplained if not fails(f.level, settings.fail_on)]
        if failing:
            raise RuleFailed(failing, below, known)
        for finding in below:
            loc = finding.location
            warnings.warn(FactlintFindingWarning(
                f"{loc.path}:{loc.line}:{loc.column}: {finding.level} {finding.rule} "
                f"{finding.message}"), stacklevel=1)
        if known:
            reasons = dict.fromkeys(_erratum_reason(rule, f) for f in known)
            pytest.xfail("known erratum: " + "; ".join(reasons))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style=None):
        if isinstance(excinfo.value, RuleFailed):
            return self._describe(excinfo.value)
        if isinstance(excinfo.value, CorpusError):
            return f"factlint could not read the corpus:\n{excinfo.value}"
        from ..settings.yamlload import ConfigError

        if isinstance(excinfo.value, ConfigError):  # e.g. a regex that runs too long
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def _describe(self, failed: RuleFailed) -> str:
        rule = self.rule
        settings = _settings(self.config)
        path, line, column = rule.origin
        lines = [f"rule '{rule.id}' ({rule.type}, {rule.level}) at {path}:{line}:{column}",
                 f"  {rule.message}", ""]
        for finding in failed.failing:
            lines.extend(self._finding_lines(settings, finding))
        for title, group in (("below fail-on", failed.others),
                             ("known errata", failed.known)):
            if group:
                lines.append(f"also {len(group)} finding(s) {title}:")
                lines.extend(f"  {f.location.path}:{f.location.line}:{f.location.column}: "
                             f"{f.level} {f.message}" for f in group)
        return "\n".join(lines).rstrip()

    def _finding_lines(self, settings: _Settings, finding) -> list[str]:
        from ..claims.approximate import interval

        lines = []
        places = [("", finding.location)] + [("related ", r) for r in finding.related]
        loc = finding.location
        lines.append(f"{loc.path}:{loc.line}:{loc.column}: {finding.level} {finding.rule} "
                     f"{' '.join(finding.message.split())}")
        for label, place in places:
            where = f"{place.path}:{place.line}:{place.column}"
            quantity = settings.quantity_at(place.path, place.line, place.column)
            if quantity is not None:
                lines.append(f"    {label}claim {where}: {interval(quantity)}")
                sentence = _sentence_of(settings, quantity)
                if sentence:
                    lines.append(f"      in: {sentence}")
            else:
                text = f": {' '.join(place.text.split())}" if place.text else ""
                lines.append(f"    {label}at {where}{text}")
        lines.append("")
        return lines

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, max(self.rule.origin[1] - 1, 0), f"factlint rule {self.rule.id}"


def _sentence_of(settings: _Settings, quantity) -> str:
    for doc in settings.load_corpus().documents:
        if doc.path == quantity.span.path and 0 <= quantity.sentence < len(doc.sentences):
            text = doc.sentences[quantity.sentence].text
            return text if len(text) <= 160 else text[:157] + "…"
    return ""


def _erratum_reason(rule, finding) -> str:
    # apply_known appends "(known erratum: <reason>)" to the message it explains.
    for erratum in rule.known:
        if finding.message.endswith(f"(known erratum: {erratum.reason})"):
            return erratum.reason
    return finding.message


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "factlint: a factlint YAML rule run as a test")


# ----------------------------------------------------------------------------- assertions


def pytest_assertrepr_compare(config: pytest.Config, op: str, left: Any,
                              right: Any) -> list[str] | None:
    if op != "==":
        return None
    from ..claims.approximate import Approx, explain

    if not isinstance(left, Approx) and not isinstance(right, Approx):
        return None
    return explain(left, right)


class ClaimFinder:
    """Claims of a corpus picked the way rules pick them (see :mod:`factlint.claims`)."""

    def __init__(self, corpus) -> None:
        self.corpus = corpus

    def claims(self, *, subject: str | None = None, near: str | Sequence[str] | None = None,
               unit: str | None = None, kind: str | None = None,
               files: str | Sequence[str] | None = None,
               pattern: str | None = None) -> list:
        """Every claim matching all the given keys, sorted by path and position."""
        from ..claims.select import select

        return select(self.corpus, _selector(subject=subject, near=near, unit=unit, kind=kind,
                                             files=files, pattern=pattern))

    def claim(self, **selector: Any):
        """The one claim matching ``selector``; raises LookupError listing what matched."""
        found = self.claims(**selector)
        if len(found) == 1:
            return found[0]
        asked = ", ".join(f"{k}={v!r}" for k, v in selector.items() if v is not None)
        if not found:
            raise LookupError(f"no claim matches {asked} in "
                              f"{len(self.corpus.documents)} document(s)")
        listing = "\n".join(
            f"  {c.quantity.span.path}:{c.quantity.span.line}:{c.quantity.span.column}: "
            f"{' '.join(c.quantity.text.split())} (subject {c.quantity.subject!r})"
            for c in found)
        raise LookupError(f"{len(found)} claims match {asked}; narrow the selector "
                          f"(near=, unit=, files=, pattern=):\n{listing}")


def _selector(**keys: Any):
    from ..claims.select import parse_selector
    from ..settings.yamlload import ConfigError, YamlList, YamlMap

    node = YamlMap("factlint_corpus.claims()", 0, 0)
    for key, value in keys.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            items = YamlList(node.path, 0, 0)
            for item in value:
                items._add(item, (0, 0))
            value = items
        node._set(key, value, (0, 0), (0, 0))
    try:
        return parse_selector(node, None, "factlint_corpus")
    except ConfigError as exc:
        raise ValueError(exc.message.removeprefix("rule 'factlint_corpus': ")) from None


@pytest.fixture(scope="session")
def factlint_corpus(pytestconfig: pytest.Config) -> ClaimFinder:
    """The configured corpus (``factlint_corpus``) with ``.claims(...)`` and ``.claim(...)``."""
    settings = _settings(pytestconfig)
    if not settings.enabled:
        settings = dataclasses.replace(settings, enabled=True, corpus=(
            display_path(Path(pytestconfig.rootpath) / "seeds"),))
    return ClaimFinder(settings.load_corpus())
